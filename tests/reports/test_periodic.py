"""The periodic report's data (reports.periodic): gathered in one read session, the
progress log read once, statuses computed once, and the same figures, latest reports and
period activity as the separate reads they replace."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date

import pytest
from sqlalchemy import event, func, select

from desktop_app.core.task_order import document_order
from desktop_app.export.report_docx import build_report_document
from desktop_app.export.report_xlsx import build_report_workbook
from desktop_app.reports import periodic, tasks as task_reports
from desktop_app.reports.entries import not_corrected
from desktop_app.reports.periodic import periodic_report_data
from desktop_app.reports.progress import dashboard, latest_entries
from desktop_app.reports.tasks import list_tasks
from desktop_app.store.db import Database
from desktop_app.store.models import ProgressEntry

FROM, TO = date(2024, 1, 1), date(2024, 7, 1)


@contextmanager
def counting(db, monkeypatch):
    """Counts read sessions, progress-log reads and task-status computations."""
    counts = {"sessions": 0, "log_reads": 0, "status_lists": 0}
    real_read = Database.read

    def read(self):
        counts["sessions"] += 1
        return real_read(self)

    def statement(conn, cursor, sql, params, context, executemany):
        # the log read selects reported_on; the not_corrected subquery only corrects_id
        if "progress_entries.reported_on" in sql:
            counts["log_reads"] += 1

    real_tasks_in = task_reports.tasks_in

    def tasks_in(*args, **kwargs):
        counts["status_lists"] += 1
        return real_tasks_in(*args, **kwargs)

    monkeypatch.setattr(Database, "read", read)
    monkeypatch.setattr(periodic, "tasks_in", tasks_in)
    event.listen(db.engine, "before_cursor_execute", statement)
    try:
        yield counts
    finally:
        event.remove(db.engine, "before_cursor_execute", statement)


@pytest.mark.parametrize("build", [
    lambda db: build_report_document(db, FROM, TO, profile="hd36"),
    lambda db: build_report_workbook(db, FROM, TO),
], ids=["docx", "xlsx"])
def test_each_writer_reads_once(demo_db, monkeypatch, build):
    with counting(demo_db, monkeypatch) as counts:
        build(demo_db)
    assert counts == {"sessions": 1, "log_reads": 1, "status_lists": 1}


def test_both_writers_share_one_gathering(demo_db, monkeypatch):
    with counting(demo_db, monkeypatch) as counts:
        data = periodic_report_data(demo_db, FROM, TO)
        build_report_document(None, FROM, TO, data=data)
        build_report_workbook(None, FROM, TO, data=data)
    assert counts == {"sessions": 1, "log_reads": 1, "status_lists": 1}


@pytest.mark.parametrize("program_ids", [None, "first"])
def test_same_as_the_separate_reads(demo_db, program_ids):
    if program_ids == "first":
        program_ids = [list_tasks(demo_db, TO)[0].program_id]
    data = periodic_report_data(demo_db, FROM, TO, program_ids=program_ids)
    rows = list_tasks(demo_db, TO, program_ids=program_ids, with_coordinators=True)
    assert rows and list(data.rows) == document_order(rows)
    assert data.board == dashboard(demo_db, TO, program_ids=program_ids)
    assert dict(data.latest) == latest_entries(demo_db, [r.id for r in rows], TO)
    assert set(data.programs) == {r.program_id for r in rows}
    # the period's activity, counted by the database
    ids = [r.id for r in rows]
    pe = ProgressEntry
    with demo_db.read() as s:
        reports, tasks_reported = s.execute(select(func.count(pe.id), func.count(func.distinct(pe.task_id))).where(
            pe.task_id.in_(ids), pe.reported_on >= FROM, pe.reported_on <= TO, not_corrected())).one()
    completed = [r for r in rows if r.completed_on is not None and FROM <= r.completed_on <= TO]
    a = data.activity
    assert (a.reports, a.tasks_reported, a.completed) == (reports, tasks_reported, len(completed))
    assert a.reports > 0 and a.completed > 0  # the demo data has activity in the period


def test_same_on_both_backends_with_corrections(db):
    """Random tasks and logs (corrections included), on SQLite and PostgreSQL: the one-session
    gathering agrees with the separate reads on every date."""
    from tests.reports.test_progress_figures import _random_database

    _random_database(db, 3, n_tasks=25)
    with db.read() as s:
        assert s.scalar(select(func.count()).where(ProgressEntry.corrects_id.is_not(None))) > 0
    seen = 0
    for date_from, date_to in [(date(2024, 1, 1), date(2024, 3, 31)), (date(2024, 4, 1), date(2024, 12, 31)),
                               (date(2025, 1, 1), date(2025, 7, 15))]:
        data = periodic_report_data(db, date_from, date_to)
        rows = list_tasks(db, date_to, with_coordinators=True)
        assert list(data.rows) == document_order(rows)
        assert data.board == dashboard(db, date_to)
        assert dict(data.latest) == latest_entries(db, [r.id for r in rows], date_to)
        pe = ProgressEntry
        with db.read() as s:
            reports = s.scalar(select(func.count(pe.id)).where(
                pe.reported_on >= date_from, pe.reported_on <= date_to, not_corrected()))
        assert data.activity.reports == reports
        seen += reports
    assert seen > 0
