"""A year of tracking one programme: 24 tasks, reports and corrections through 2024.
On three review days the dashboard (reports.progress), ``nqdesk stats --json`` and the
periodic Word report give the same figures, and those figures are the ones counted by
hand below."""

from __future__ import annotations

import json
from datetime import date

import pytest

from desktop_app.cli import main
from desktop_app.export.report_docx import build_report_document, read_report_figures
from desktop_app.ops import bodies, programs, progress, tasks
from desktop_app.ops.fields import BodyFields, ProgramFields, ProgressFields, TaskFields
from desktop_app.reports.progress import FIGURE_KEYS, EXTRA_KEYS, dashboard, dashboard_from_rows
from desktop_app.reports.tasks import list_tasks

TODAY = date(2025, 1, 15)
BODIES = {"BTG": "Ban Tuyên giáo Tỉnh ủy", "BTC": "Ban Tổ chức Tỉnh ủy", "UBND": "Ban cán sự đảng UBND tỉnh",
          "VP": "Văn phòng Tỉnh ủy"}
# (lead, deadline, [(day, percent, completed)]) — assigned 15/01/2024
TASKS = [
    ("BTG", "Quý I/2024", [("2024-02-20", 50, False), ("2024-03-25", 100, True)]),       # on time
    ("BTG", "Quý I/2024", [("2024-03-10", 60, False), ("2024-04-10", 100, True)]),       # late
    ("BTG", "Quý II/2024", [("2024-05-05", 40, False)]),                                   # overdue from 01/07
    ("BTG", "Thường xuyên", [("2024-03-30", 25, False), ("2024-08-01", 50, False)]),     # continuous
    ("BTG", "Hằng năm", [("2024-12-20", 100, True)]),                                      # yearly, done in Dec
    ("BTG", "31/12/2024", []),                                                             # never reported
    ("BTC", "Tháng 03/2024", [("2024-03-31", 100, True)]),                                 # done on the due day
    ("BTC", "Tháng 03/2024", [("2024-04-01", 100, True)]),                                 # done the day after
    ("BTC", "6 tháng đầu năm 2024", [("2024-04-15", 30, False), ("2024-06-28", 90, False)]),
    ("BTC", "Năm 2024", [("2024-06-15", 50, False), ("2024-11-30", 100, True)]),
    ("BTC", "Thường xuyên", []),
    ("BTC", "15/07/2024", [("2024-07-10", 100, True)]),
    ("UBND", "Quý II/2024", [("2024-06-30", 100, True)]),
    ("UBND", "Quý III/2024", [("2024-08-15", 70, False)]),
    ("UBND", "Quý IV/2024", [("2024-10-01", 20, False), ("2024-12-30", 100, True)]),
    ("UBND", "Tháng 02/2024", []),                                                         # overdue all year
    ("UBND", "Năm 2025", [("2024-09-01", 10, False)]),
    ("UBND", "Giai đoạn 2024 - 2025", [("2024-06-01", 30, False), ("2024-12-01", 45, False)]),
    ("VP", "Quý I/2024", [("2024-03-01", 100, True)]),
    ("VP", "Quý III/2024", []),
    ("VP", "Hằng năm", [("2024-06-01", 50, False)]),
    ("VP", "Thường xuyên", [("2024-10-05", 30, False)]),
    ("VP", "30/04/2024", [("2024-04-20", 80, False), ("2024-05-10", 100, True)]),
    ("VP", "31/10/2024", [("2024-10-31", 100, True)]),                                     # corrected below
]
DAYS = (date(2024, 3, 31), date(2024, 6, 30), date(2024, 12, 31))
# Counted by hand from the table above (the correction makes the last task not done).
EXPECTED = {
    date(2024, 3, 31): dict(assigned=24, due=6, done_on_time=3, done_late=0, overdue=1, in_progress=2,
                            not_yet_due=18, due_soon=2, continuous_unreported=2),
    date(2024, 6, 30): dict(assigned=24, due=10, done_on_time=4, done_late=3, overdue=1, in_progress=6,
                            not_yet_due=10, due_soon=2, continuous_unreported=3),
    date(2024, 12, 31): dict(assigned=24, due=19, done_on_time=8, done_late=3, overdue=6, in_progress=5,
                             not_yet_due=2, due_soon=2, continuous_unreported=2),
}


@pytest.fixture(scope="module")
def year_db(tmp_path_factory):
    from desktop_app.store.db import open_database

    path = tmp_path_factory.mktemp("scenario") / "year.sqlite3"
    db = open_database(str(path), create=True)
    tu = bodies.create_body(db, "Tỉnh ủy Lạng Sơn", BodyFields(code="TU", kind="party_committee")).entity_id
    ids = {code: bodies.create_body(db, name, BodyFields(code=code + "TU", kind="advisory_body")).entity_id
           for code, name in BODIES.items()}
    program = programs.create_program(db, "Chương trình hành động thực hiện Nghị quyết",
                                      ProgramFields(issuing_body_id=tu, number=15, issue_date=date(2024, 1, 15), status="issued")).entity_id
    last_entry = None
    for i, (lead, deadline, reports) in enumerate(TASKS, 1):
        task_id = tasks.create_task(db, program, f"Nhiệm vụ số {i}", TaskFields(lead_body_id=ids[lead], deadline=deadline, assigned_date=date(2024, 1, 15))).entity_id
        for day, percent, completed in reports:
            changes = progress.report_progress(db, task_id, day,
                                               ProgressFields(percent=percent, completed=completed, note=f"Báo cáo ngày {day}"), today=TODAY)
            (last_entry,) = changes.inserted["progress_entries"]
    # the last completion was entered by mistake: corrected to 90%
    progress.correct_progress(db, last_entry, "2024-10-31",
                              ProgressFields(percent=90, note="Đính chính: chưa hoàn thành"), today=TODAY)
    yield db, program, path
    db.close()


@pytest.mark.parametrize("as_of", DAYS)
def test_dashboard_stats_and_task_list_agree_with_the_hand_count(year_db, as_of, capsys):
    db, program, path = year_db
    board = dashboard(db, as_of, due_soon_days=14, period="quarter")
    f = board.overall.as_dict()
    assert {k: f[k] for k in EXPECTED[as_of]} == EXPECTED[as_of]
    assert board == dashboard_from_rows(list_tasks(db, as_of, due_soon_days=14), as_of, period="quarter")

    assert main(["--db", str(path), "stats", "--as-of", as_of.isoformat(), "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["overall"] == f
    assert {b["name"]: {k: b[k] for k in FIGURE_KEYS + EXTRA_KEYS} for b in stats["by_body"]} == {
        b.name: b.figures.as_dict() for b in board.by_body}
    assert assert_program_filter(path, program, as_of, capsys) == f

    # the periodic report for the year up to that day prints the same figures
    document, _warnings = build_report_document(db, date(2024, 1, 1), as_of, today=TODAY)
    printed = read_report_figures(document)
    assert printed["overall"] == f
    assert printed["by_body"] == {b.name: b.figures.as_dict() for b in board.by_body}


def assert_program_filter(path, program, as_of, capsys) -> dict:
    assert main(["--db", str(path), "stats", "--as-of", as_of.isoformat(), "--program", str(program), "--json"]) == 0
    return json.loads(capsys.readouterr().out)["overall"]
