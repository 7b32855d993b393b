"""Hierarchy walks on a database that already holds a parent cycle (written by raw SQL:
neither the operations nor the import let one in), a stored setting no rule allows, and
the command line's report of a refused file."""

from __future__ import annotations

import json
import signal
from datetime import date

import pytest
from sqlalchemy import select, text

from desktop_app.cli import main
from desktop_app.export.followup_docx import export_followup
from desktop_app.ops import bodies as body_ops
from desktop_app.ops.base import ValidationError
from desktop_app.interchange.fields import CYCLE_MESSAGE
from desktop_app.ops.interchange import import_data
from desktop_app.ops.settings import get_setting
from desktop_app.ops.fields import BodyFields
from desktop_app.reports.study_rules import within_scope
from desktop_app.reports.check import check_database
from desktop_app.reports.progress import dashboard, digest
from desktop_app.store.models import Body

from .base_file import TODAY, base

AS_OF = date(2024, 7, 1)


@pytest.fixture
def imported(sqlite_db):
    import_data(sqlite_db, base(), today=TODAY)
    return sqlite_db


def _ids(db) -> dict[str, int]:
    with db.read() as s:
        return {code: i for i, code in s.execute(select(Body.id, Body.code))}


def _cycle(db, child: str, parent: str) -> None:
    ids = _ids(db)
    with db.write() as s:
        s.execute(text("UPDATE bodies SET parent_id = :p WHERE id = :c"), {"p": ids[parent], "c": ids[child]})


@pytest.fixture
def deadline():
    """A walk that loops forever fails the test instead of hanging it."""
    def stop(*_):
        raise TimeoutError("a hierarchy walk did not end")
    old = signal.signal(signal.SIGALRM, stop)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


@pytest.mark.parametrize("child, parent", [("TU", "TU"), ("TU", "VPTU"), ("TU", "ĐBSYT")])
def test_followup_letter_ends_on_a_cycle_in_the_database(imported, tmp_path, deadline, child, parent):
    _cycle(imported, child, parent)
    result = export_followup(imported, _ids(imported)["BTGTU"], AS_OF, tmp_path / "cv.docx", today=TODAY)
    assert (tmp_path / "cv.docx").exists() and result is not None
    problems = check_database(imported)
    assert any("vòng cơ quan cấp trên" in p for p in problems), problems


def test_state_letter_and_scope_check_end_on_a_cycle(imported, tmp_path, deadline):
    _cycle(imported, "UBND", "UBND")
    ids = _ids(imported)
    with imported.read() as s:
        assert within_scope(s, ids["UBND"], ids["ĐUK"]) is False
    _cycle(imported, "ĐUK", "ĐBSYT")  # ĐUK ↔ ĐBSYT
    with imported.read() as s:
        assert within_scope(s, ids["ĐBSYT"], ids["TU"]) is False
        assert within_scope(s, ids["ĐBSYT"], ids["ĐUK"]) is True


@pytest.mark.parametrize("body, parent", [("TU", "TU"), ("TU", "VPTU"), ("TU", "ĐBSYT")])
def test_body_op_refuses_to_make_a_body_its_own_ancestor(imported, body, parent):
    ids = _ids(imported)
    with pytest.raises(ValidationError, match=CYCLE_MESSAGE):
        body_ops.update_body(imported, ids[body], BodyFields(parent_id=ids[parent]))


def test_a_stored_setting_no_rule_allows_reads_as_the_default(imported):
    with imported.write() as s:
        s.execute(text("UPDATE settings SET value = '\"abc\"' WHERE key = 'due_soon_days'"))
    assert get_setting(imported, "due_soon_days") == 14
    dashboard(imported, AS_OF)
    digest(imported, AS_OF)
    assert any("Số ngày báo trước hạn" in p for p in check_database(imported))


def test_check_finds_two_completions_and_two_corrections(imported):
    with imported.write() as s:
        s.execute(text("UPDATE progress_entries SET corrects_id = NULL"))  # the completion is in effect again
        s.execute(text("INSERT INTO progress_entries (task_id, reported_on, percent, completed, note, reported_by, "
                       "evidence, recorded_by) SELECT task_id, '2024-03-25', 100, 1, '', '', '', '' "
                       "FROM progress_entries WHERE completed = 1 AND percent = 100 ORDER BY id LIMIT 1"))
    problems = check_database(imported)
    assert any("hoàn thành hơn một lần" in p for p in problems), problems
    with imported.write() as s:
        s.execute(text("UPDATE progress_entries SET corrects_id = (SELECT min(id) FROM progress_entries) "
                       "WHERE id IN (SELECT id FROM progress_entries ORDER BY id DESC LIMIT 2)"))
    assert any("đính chính 2 lần" in p for p in check_database(imported))


def test_cli_lists_every_problem_with_its_path(capsys, tmp_path):
    d = base()
    d["programs"][0]["tasks"][0]["lead_body"] = ["BTGTU"]
    d["settings"]["due_soon_days"] = "abc"
    d["programs"][0]["tasks"][0]["progress"][0]["completed"] = "false"
    d["programs"][0]["tasks"][0]["progress"][0]["recorded_by"] = "x" * 1_000_000
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(d, ensure_ascii=False).replace('"Lạng Sơn"', '"\\ud800"', 1), encoding="utf-8")
    code = main(["--db", str(tmp_path / "db.sqlite3"), "import-json", str(path), "--dry-run"])
    out, err = capsys.readouterr()
    assert code == 1 and out == "" and "Traceback" not in err
    assert "settings.place" in err and "surrogate" in err  # the file's shape is checked first
    path.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    code = main(["--db", str(tmp_path / "db.sqlite3"), "import-json", str(path)])
    out, err = capsys.readouterr()
    assert code == 1 and "4 lỗi" in err and "chưa ghi gì" in err
    for where in ("settings.due_soon_days", "programs[0].tasks[0].lead_body",
                  "programs[0].tasks[0].progress[0].completed", "programs[0].tasks[0].progress[0].recorded_by"):
        assert where in err
    assert len(err) < 5_000  # the 1 MB value is shortened
