"""Học tập, quán triệt: the seed's round entered through the operations reproduces its
figures (64 points, 3.113 attendees, 100% represented, 3.252 = 75%); bad input is refused
whole with clear messages."""

from __future__ import annotations

import copy
from datetime import date

import pytest

from desktop_app.ops import bodies, documents, study
from desktop_app.ops.undo import undo
from desktop_app.ops.fields import BodyFields, BridgePointFields, DocumentFields, StudySessionFields
from desktop_app.reports.study import StudyFiguresError, study_figures
from desktop_app.store.db import sqlite_backup, open_database
from desktop_app.store.models import StudyAttendance
from tests.ops.ops_support import dump_all, refused

N_ORGS = 70  # 63 host their own point, 7 small chi bộ attend at the bloc's point
CONFERENCE = date(2023, 12, 4)
MAKEUP = date(2024, 1, 15)


def members_of(i: int) -> int:
    return 62 if i < 66 else 61  # 66*62 + 4*61 = 4.336


def build_round(db) -> dict:
    """The seed's round, entered as an office would: organisations, member counts, the
    relayed conference with its points and the organisations' reports."""
    ids = {}
    ids["tu"] = bodies.create_body(db, "Tỉnh ủy Lạng Sơn", BodyFields(code="TU", kind="party_committee")).entity_id
    ids["duk"] = bodies.create_body(db, "Đảng bộ Khối các cơ quan tỉnh", BodyFields(code="ĐUK", kind="party_organisation", parent_id=ids["tu"])).entity_id
    ids["other_bloc"] = bodies.create_body(db, "Đảng bộ Khối doanh nghiệp tỉnh", BodyFields(kind="party_organisation", parent_id=ids["tu"])).entity_id
    orgs = []
    for i in range(N_ORGS):
        kind_name = "Đảng bộ" if i < 63 else "Chi bộ"
        orgs.append(bodies.create_body(db, f"{kind_name} cơ quan số {i + 1:02d}", BodyFields(kind="party_organisation", parent_id=ids["duk"])).entity_id)
        study.set_member_count(db, orgs[-1], date(2023, 11, 30), members_of(i))
    ids["orgs"] = orgs
    ids["docs"] = [documents.create_document(db, f"{n}-NQ/TW", DocumentFields(issue_date=date(2023, 11, 24))).entity_id
                   for n in (42, 43, 44, 45)]
    ids["session"] = study.create_session(db, "Hội nghị toàn quốc học tập, quán triệt Nghị quyết Trung ương 8 khóa XIII", CONFERENCE,
                                          StudySessionFields(level="national_relayed", organiser_id=ids["duk"], document_ids=ids["docs"])).entity_id
    study.add_bridge_point(db, ids["session"], "Hội trường Tỉnh ủy",
                           BridgePointFields(host_id=ids["tu"], level="provincial"))
    study.add_bridge_points(db, ids["session"], [{"name": "Điểm cầu Đảng ủy Khối", "host_id": ids["duk"],
                                                  "level": "bloc"}]
                            + [{"name": f"Điểm cầu cơ quan số {i + 1:02d}", "host_id": orgs[i]} for i in range(63)])
    points = [r["id"] for r in _points(db, ids["session"])]
    ids["provincial_point"], ids["bloc_point"], grassroots = points[0], points[1], points[2:]
    rows = []
    for i, org in enumerate(orgs):
        attend = 43 if i < 17 else 42  # 17*43 + 53*42 = 2.957 members
        rows.append({"body_id": org, "bridge_point_id": grassroots[i] if i < 63 else ids["bloc_point"],
                     "members": attend, "non_members": 3 if i < 52 else 0, "newly_studied": attend})
        if i < 59:  # leaders at the provincial point: 59*5 = 295
            rows.append({"body_id": org, "bridge_point_id": ids["provincial_point"], "members": 5,
                         "non_members": 0, "newly_studied": 5})
    study.save_attendance(db, ids["session"], rows)
    ids["rows"] = rows
    return ids


def _points(db, session_id):
    from sqlalchemy import select

    from desktop_app.store.models import BridgePoint

    with db.read() as s:
        return [{"id": p.id, "name": p.name} for p in
                s.scalars(select(BridgePoint).where(BridgePoint.session_id == session_id).order_by(BridgePoint.position))]


@pytest.fixture(scope="module")
def round_template(sqlite_template, tmp_path_factory):
    """The round entered once per module (about 4 s of operations); each test gets a copy of
    the file (Anki's template-copy approach), so tests still cannot see each other's changes."""
    path = tmp_path_factory.mktemp("study-round") / "round.sqlite3"
    sqlite_backup(sqlite_template, path)
    with pytest.MonkeyPatch.context() as mp:  # the journal names the same user as in a test
        mp.setenv("NQDESK_USER", "kiem-thu")
        mp.delenv("NQDESK_DB", raising=False)
        mp.setenv("XDG_DATA_HOME", str(path.parent / "xdg-data"))  # never the real user's folder
        db = open_database(path)
        try:
            ids = build_round(db)
        finally:
            db.close()
    return path, ids


@pytest.fixture
def seeded(round_template, tmp_path):
    template, ids = round_template
    path = tmp_path / "round.sqlite3"
    sqlite_backup(template, path)
    db = open_database(path)
    yield db, copy.deepcopy(ids)
    db.close()


def test_seed_figures_from_entered_data(seeded):
    db, ids = seeded
    fig = study_figures(db, "42-NQ/TW", date(2023, 12, 31))
    assert fig.scope_id == ids["duk"] and fig.scope_name == "Đảng bộ Khối các cơ quan tỉnh"
    assert fig.bridge_points == 64
    assert fig.bridge_points_by_level == {"bloc": 1, "grassroots": 63}
    assert (fig.attendees_members, fig.attendees_non_members, fig.attendees_total) == (2957, 156, 3113)
    assert (fig.organisations_represented, fig.organisations_total, fig.organisations_percent_text) == (70, 70, "100%")
    assert (fig.members_studied, fig.members_total) == (3252, 4336)
    assert fig.members_percent == 75.0 and fig.members_percent_text == "75%"
    assert fig.members_studied_makeup == 0
    assert len(fig.behind) == 70 and sum(line.remaining for line in fig.behind) == 4336 - 3252
    first = fig.behind[0]
    assert first.name == "Chi bộ cơ quan số 64"  # Vietnamese order: Chi bộ before Đảng bộ
    assert (first.members, first.studied, first.remaining) == (62, 42, 20)
    # the same by document id and for another resolution of the round; none before the conference
    assert study_figures(db, ids["docs"][3], date(2023, 12, 31)).members_studied == 3252
    early = study_figures(db, "42-NQ/TW", date(2023, 12, 3), scope_body_id=ids["duk"])
    assert (early.bridge_points, early.members_studied, early.sessions) == (0, 0, ())
    data = fig.to_json()
    assert data["attendees_total"] == 3113 and data["members_percent_text"] == "75%"
    assert data["sessions"][0]["held_on"] == "2023-12-04"


def test_makeup_session_shrinks_the_follow_up_list(seeded):
    db, ids = seeded
    makeup = study.create_session(db, "Học bù Nghị quyết Trung ương 8", MAKEUP,
                                  StudySessionFields(level="makeup", organiser_id=ids["duk"], document_ids=ids["docs"])).entity_id
    before = study_figures(db, "42-NQ/TW", MAKEUP)
    remaining = {line.body_id: line.remaining for line in before.behind}
    # the first ten organisations bring everyone; the eleventh half of those missing
    rows = [{"body_id": o, "members": remaining[o], "newly_studied": remaining[o]} for o in ids["orgs"][:10]]
    rows.append({"body_id": ids["orgs"][10], "members": 10, "newly_studied": 10})
    study.save_attendance(db, makeup, rows)
    fig = study_figures(db, "42-NQ/TW", MAKEUP)
    added = sum(remaining[o] for o in ids["orgs"][:10]) + 10
    assert fig.members_studied == 3252 + added and fig.members_studied_makeup == added
    assert fig.bridge_points == 64 and fig.attendees_total == 3113  # a make-up session is not a conference
    assert len(fig.behind) == 60
    assert {line.body_id for line in fig.behind}.isdisjoint(ids["orgs"][:10])
    eleventh = next(line for line in fig.behind if line.body_id == ids["orgs"][10])
    assert eleventh.remaining == remaining[ids["orgs"][10]] - 10
    # before the make-up day the list is unchanged
    assert len(study_figures(db, "42-NQ/TW", date(2024, 1, 14)).behind) == 70
    # entering 15 where 14 were missing would count a member twice is refused, naming the organisation
    err = refused(db, study.save_attendance, makeup,
                  [{"body_id": ids["orgs"][0], "members": 15, "newly_studied": 15}], replace=False)
    message = err.problems[0].message
    assert "Đảng bộ cơ quan số 01" in message and "63" in message and "62" in message


def test_bad_grid_is_refused_whole_with_every_row_named(seeded):
    db, ids = seeded
    other = study.create_session(db, "Hội nghị khác", date(2023, 12, 5),
                                 StudySessionFields(organiser_id=ids["duk"], document_ids=ids["docs"][:1])).entity_id
    study.add_bridge_point(db, other, "Điểm cầu khác", BridgePointFields(host_id=ids["duk"], level="bloc"))
    foreign_point = _points(db, other)[0]["id"]
    good = {"body_id": ids["orgs"][0], "members": 1, "newly_studied": 0}
    err = refused(db, study.save_attendance, ids["session"], [
        good,
        {"body_id": ids["orgs"][1], "members": -3, "newly_studied": 0},
        {"body_id": ids["orgs"][2], "members": 2, "newly_studied": 5},
        {"body_id": ids["other_bloc"], "members": 1},
        {"body_id": ids["orgs"][3], "bridge_point_id": foreign_point, "members": 1},
        {"body_id": ids["orgs"][4], "members": "mười"},
    ])
    fields = [p.field for p in err.problems]
    assert fields == ["rows[1].members", "rows[2].newly_studied", "rows[3].body_id", "rows[4].bridge_point_id",
                      "rows[5].members"]
    text = str(err)
    assert "Dòng 2 – Đảng bộ cơ quan số 02" in text and "từ 0 trở lên" in text
    assert "nhiều hơn số đảng viên dự" in text
    assert "Đảng bộ Khối doanh nghiệp tỉnh: không thuộc «Đảng bộ Khối các cơ quan tỉnh»" in text
    assert "«Điểm cầu khác» là điểm cầu của hội nghị khác" in text


def test_more_studied_than_members_is_refused(seeded):
    db, ids = seeded
    org = ids["orgs"][0]
    rows = [dict(r) for r in ids["rows"]]
    own = next(r for r in rows if r["body_id"] == org and r["bridge_point_id"] != ids["provincial_point"])
    own.update(members=60, newly_studied=60)  # + 5 at the provincial point = 65 > 62
    err = refused(db, study.save_attendance, ids["session"], rows)
    assert [p.field for p in err.problems] == ["rows[0].newly_studied"]
    assert "65" in str(err) and "62" in str(err) and "Đảng bộ cơ quan số 01" in str(err)
    # lowering the member count below what has been studied is refused too
    refused(db, study.set_member_count, org, date(2023, 12, 1), 40)
    refused(db, study.set_member_count, org, date(2023, 12, 1), -1)


def test_grid_save_updates_replaces_and_undoes(seeded):
    db, ids = seeded
    before = dump_all(db, ["study_attendance"])
    rows = [dict(r) for r in ids["rows"] if r["body_id"] != ids["orgs"][5]]
    rows[0]["non_members"] = 9
    changes = study.save_attendance(db, ids["session"], rows)
    assert len(changes.deleted["study_attendance"]) == 2 and len(changes.updated["study_attendance"]) == 1
    assert "study_attendance" not in changes.inserted
    grid = study.grid_rows(db, ids["session"])
    assert len(grid) == len(rows) and grid[0]["bridge_point_name"] == "Hội trường Tỉnh ủy"
    assert study_figures(db, "42-NQ/TW", date(2024, 1, 1)).organisations_represented == 69
    undo(db)
    assert dump_all(db, ["study_attendance"]) == before


def test_sessions_points_and_member_counts(seeded):
    db, ids = seeded
    org = ids["orgs"][0]
    # the count that applies is the latest on or before the day
    study.set_member_count(db, org, date(2024, 6, 30), 70)
    assert study_figures(db, "42-NQ/TW", date(2024, 7, 1)).members_total == 4336 + 8
    assert study_figures(db, "42-NQ/TW", date(2024, 6, 29)).members_total == 4336
    # a point still used cannot go; a session goes with everything it holds, and comes back by undo
    refused(db, study.delete_bridge_point, ids["bloc_point"])
    refused(db, study.update_session, ids["session"], StudySessionFields(scope_id=ids["other_bloc"]))
    refused(db, study.create_session, "X", "31/02/2024")
    refused(db, study.create_session, "X", date(2024, 1, 1), StudySessionFields(level="weekly"))
    refused(db, study.create_session, "", None)
    before = dump_all(db)
    study.delete_session(db, ids["session"])
    assert study_figures(db, "42-NQ/TW", date(2024, 1, 1), scope_body_id=ids["duk"]).bridge_points == 0
    undo(db)
    after = dump_all(db)
    assert {k: v for k, v in after.items() if not k.startswith("journal")} == \
        {k: v for k, v in before.items() if not k.startswith("journal")}
    study.update_session(db, ids["session"],
                         StudySessionFields(title="Hội nghị trực tuyến toàn quốc", document_ids=ids["docs"][:2]))
    with pytest.raises(StudyFiguresError, match="46-NQ/TW"):
        study_figures(db, "46-NQ/TW", date(2024, 1, 1))
    assert study_figures(db, "45-NQ/TW", date(2024, 1, 1)).sessions == ()
    with pytest.raises(StudyFiguresError):
        study_figures(db, "42-NQ/TW", date(2024, 1, 1), scope_body_id=99999)


def test_session_and_point_fields_are_typed(seeded):
    db, ids = seeded
    with pytest.raises(TypeError, match="venue"):
        StudySessionFields(venue="Hội trường")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="capacity"):
        BridgePointFields(capacity=100)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="StudySessionFields"):
        study.update_session(db, ids["session"], BridgePointFields(name="x"))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="BridgePointFields"):
        study.update_bridge_point(db, ids["bloc_point"], {"name": "x"})  # type: ignore[arg-type]
    # a point: the name is the argument, the fields left out take their defaults; an edit
    # names what it changes and keeps the rest
    point = study.add_bridge_point(db, ids["session"], "Điểm cầu mới", BridgePointFields(host_id=ids["duk"])).entity_id
    study.update_bridge_point(db, point, BridgePointFields(level="bloc"))
    from desktop_app.store.models import BridgePoint, StudySession
    with db.read() as s:
        row = s.get(BridgePoint, point)
        assert (row.name, row.host_id, row.level) == ("Điểm cầu mới", ids["duk"], "bloc")
    # a session: unset fields are kept, document_ids=None leaves it with no documents
    study.update_session(db, ids["session"], StudySessionFields(note="Ghi chú"))
    with db.read() as s:
        session = s.get(StudySession, ids["session"])
        assert (session.note, session.level) == ("Ghi chú", "national_relayed")
    bare = study.create_session(db, "Hội nghị không văn bản", date(2024, 1, 2), StudySessionFields(
        organiser_id=ids["duk"], document_ids=None)).entity_id
    with db.read() as s:
        assert s.get(StudySession, bare).scope_id == ids["duk"]  # the scope defaults to the organiser
        assert study._document_ids(s, bare) == []
        assert study._document_ids(s, ids["session"]) == ids["docs"]  # not given in the edit: kept


def test_attendance_row_refers_to_body(seeded):
    db, ids = seeded
    err = refused(db, study.save_attendance, ids["session"], [{"body_id": 99999, "members": 1}])
    assert "chưa chọn tổ chức đảng" in str(err)
    with db.read() as s:
        assert s.query(StudyAttendance).count() == len(ids["rows"])


def test_a_body_in_study_records_cannot_be_deleted(seeded):
    db, ids = seeded
    err = refused(db, bodies.delete_body, ids["orgs"][0])
    assert "học tập, quán triệt" in str(err)
    # an organisation with only member counts goes with its counts; undo brings both back
    lone = bodies.create_body(db, "Chi bộ mới thành lập", BodyFields(kind="party_organisation", parent_id=ids["duk"])).entity_id
    study.set_member_count(db, lone, date(2024, 1, 1), 9)
    before = dump_all(db, ["bodies", "party_memberships"])
    bodies.delete_body(db, lone)
    undo(db)
    assert dump_all(db, ["bodies", "party_memberships"]) == before


def test_check_flags_more_studied_than_members(seeded):
    from sqlalchemy import update

    from desktop_app.reports.check import check_database
    from desktop_app.store.models import PartyMembership

    db, ids = seeded
    assert check_database(db) == []
    with db.write() as s:  # as an old file or a direct edit could leave it
        s.execute(update(PartyMembership).where(PartyMembership.body_id == ids["orgs"][0]).values(members=10))
    problems = check_database(db)
    assert len(problems) == 1 and "Đảng bộ cơ quan số 01" in problems[0] and "48" in problems[0]
