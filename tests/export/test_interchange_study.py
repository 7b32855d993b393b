"""Study records in the interchange format: nqdesk/2 round trips, nqdesk/1 files still
import, bad study data is refused whole."""

from __future__ import annotations

import copy
import json
from datetime import date

import pytest

from desktop_app.interchange.writer import FORMAT, dumps, export_data
from desktop_app.interchange.reader import ImportFailed, load_json, migrate
from desktop_app.ops.interchange import import_data
from desktop_app.reports.study import study_figures
from desktop_app.resources import DEMO_FILE
from tests.ops.ops_support import dump_all
from tests.ops.test_study import build_round

TODAY = date(2026, 1, 1)


def test_entered_study_round_survives_export_and_import(sqlite_db, db):
    build_round(sqlite_db)
    data = export_data(sqlite_db)
    assert data["format"] == FORMAT == "nqdesk/2"
    assert len(data["memberships"]) == 70 and len(data["study_sessions"]) == 1
    first = data["study_sessions"][0]
    assert first["scope"] == "ĐUK" and first["documents"] == ["42-NQ/TW", "43-NQ/TW", "44-NQ/TW", "45-NQ/TW"]
    assert len(first["bridge_points"]) == 65 and first["attendance"][0]["bridge_point"] == 2
    import_data(db, json.loads(dumps(data)), today=TODAY)
    assert dumps(export_data(db)) == dumps(data)
    fig = study_figures(db, "42-NQ/TW", date(2023, 12, 31))
    assert (fig.bridge_points, fig.attendees_total, fig.members_studied, fig.members_percent_text) == \
        (64, 3113, 3252, "75%")


def test_demo_figures(demo_db):
    fig = study_figures(demo_db, "45-NQ/TW", date(2023, 12, 31))
    assert fig.scope_name == "Đảng ủy Khối các cơ quan tỉnh"
    assert (fig.bridge_points, fig.bridge_points_by_level) == (64, {"bloc": 1, "grassroots": 63})
    assert (fig.attendees_total, fig.organisations_percent_text) == (3113, "100%")
    assert (fig.members_studied, fig.members_total, fig.members_percent_text) == (3252, 4336, "75%")
    later = study_figures(demo_db, "45-NQ/TW", date(2024, 7, 1))
    assert later.members_studied_makeup > 0 and later.members_studied == 3252 + later.members_studied_makeup
    assert 0 < len(later.behind) < len(fig.behind)
    assert later.bridge_points == 64 and later.attendees_total == 3113


def test_version_1_file_imports_as_version_2(sqlite_db):
    old = load_json(DEMO_FILE)
    for key in ("memberships", "study_sessions"):
        old.pop(key)
    old["format"] = "nqdesk/1"
    migrated = migrate(copy.deepcopy(old))
    assert migrated["format"] == "nqdesk/2" and migrated["memberships"] == [] and migrated["study_sessions"] == []
    report = import_data(sqlite_db, old, today=TODAY)
    assert report.programs_added == 4 and report.study_sessions_added == 0
    data = export_data(sqlite_db)
    assert data["format"] == "nqdesk/2" and data["study_sessions"] == [] and data["memberships"] == []


def test_unknown_format_is_refused(sqlite_db):
    with pytest.raises(ImportFailed, match="nqdesk/1"):
        import_data(sqlite_db, {"format": "nqdesk/9"}, today=TODAY)


@pytest.mark.parametrize("change, where", [
    (lambda s, m: s[0]["attendance"][0].update(members=-1), "study_sessions[0].attendance[0].members"),
    (lambda s, m: s[0]["attendance"][0].update(newly_studied=10_000, members=10_000), "study_sessions"),
    (lambda s, m: s[0]["attendance"][0].update(bridge_point=999), "study_sessions[0].attendance[0].bridge_point"),
    (lambda s, m: s[0]["attendance"][0].update(body="TU"), "study_sessions[0].attendance[0].body"),
    (lambda s, m: s[0].update(level="hằng tuần"), "study_sessions[0].level"),
    (lambda s, m: m[0].update(members="nhiều"), "memberships[0].members"),
])
def test_bad_study_data_is_refused_whole(sqlite_db, change, where):
    data = load_json(DEMO_FILE)
    change(data["study_sessions"], data["memberships"])
    before = dump_all(sqlite_db)
    with pytest.raises(ImportFailed) as err:
        import_data(sqlite_db, data, today=TODAY)
    assert any(p.field.startswith(where) for p in err.value.problems), err.value.problems
    assert dump_all(sqlite_db) == before
