"""Identity and roles on a shared PostgreSQL server: the journal names the database login,
and a read-only login (a leader who only views and prints) can read and export but every
change is refused with a clear message, never a traceback."""

from __future__ import annotations

from datetime import date

import pytest
from docx import Document as WordDocument
from sqlalchemy import select

from desktop_app.ops import undo as undo_ops
from desktop_app.ops.bodies import create_body
from desktop_app.ops.progress import report_progress
from desktop_app.ops.programs import create_program
from desktop_app.ops.tasks import create_task, update_task
from desktop_app.ops.fields import ProgramFields, ProgressFields, TaskFields
from desktop_app.export.program_docx import export_program
from desktop_app.reports.lists import list_programs
from desktop_app.reports.tasks import list_tasks, status_figures
from desktop_app.store.db import ReadOnlyError, head_revision, open_database
from desktop_app.store.models import JournalEntry, Task
from pg_roles import login_url, setup_roles

pytestmark = pytest.mark.postgres


@pytest.fixture
def server(pg_db):
    """A migrated database with a programme and a task, and the README's roles: alice
    (staff) and lanh_dao (read-only)."""
    program_id = create_program(pg_db, "Chương trình thực hiện Nghị quyết số 45-NQ/TW",
                                ProgramFields(kind="CTr")).entity_id
    task_id = create_task(pg_db, program_id, "Tuyên truyền Nghị quyết", TaskFields(note="ban đầu", assigned_date="01/12/2025")).entity_id
    setup_roles(pg_db.url, {"alice": "nqdesk_staff", "lanh_dao": "nqdesk_readonly"})
    return pg_db.url, program_id, task_id


def test_journal_names_the_login_not_nqdesk_user(server, monkeypatch):
    url, _program_id, task_id = server
    monkeypatch.setenv("NQDESK_USER", "giam-doc")  # self-declared: ignored on a server
    db = open_database(login_url(url, "alice"))
    try:
        assert db.user_name == "alice"
        changes = update_task(db, task_id, TaskFields(note="alice sửa"), expected={"note": "ban đầu"})
        with db.read() as s:
            assert s.get(JournalEntry, changes.journal_id).user_name == "alice"
        assert undo_ops.undo_state(db).undo_name == changes.name  # her own undo stack
        undo_ops.undo(db)
    finally:
        db.close()


def test_staff_cannot_rewrite_who_did_what(server):
    url, _program_id, task_id = server
    db = open_database(login_url(url, "alice"))
    try:
        update_task(db, task_id, TaskFields(note="alice sửa"))
        with pytest.raises(ReadOnlyError):
            with db.write() as s:
                s.execute(JournalEntry.__table__.update().values(user_name="bob"))
    finally:
        db.close()


def test_read_only_login_reads_and_exports_but_changes_nothing(server, tmp_path):
    url, program_id, task_id = server
    db = open_database(login_url(url, "lanh_dao"))  # at head: opening writes nothing
    try:
        assert db.user_name == "lanh_dao"
        rows = list_tasks(db, date(2026, 1, 1))
        assert [r.id for r in rows] == [task_id]
        assert status_figures(db, date(2026, 1, 1)).total == 1
        assert len(list_programs(db)) == 1
        result = export_program(db, program_id, tmp_path / "ctr.docx")
        word = WordDocument(str(result.path))
        assert "Tuyên truyền Nghị quyết" in "\n".join(
            c.text for t in word.tables for r in t.rows for c in r.cells)

        refusals = []
        for call in (
            lambda: update_task(db, task_id, TaskFields(note="sửa"), expected={"note": "ban đầu"}),
            lambda: report_progress(db, task_id, date(2026, 1, 1),
                                    ProgressFields(percent=10), today=date(2026, 1, 2)),
            lambda: create_body(db, "Ban Tuyên giáo Tỉnh ủy"),
            lambda: undo_ops.undo(db),
        ):
            with pytest.raises(Exception) as info:
                call()
            refusals.append(info.value)
        for exc in refusals[:3]:
            assert isinstance(exc, ReadOnlyError), repr(exc)
            assert str(exc).startswith("Tài khoản «lanh_dao» chỉ có quyền xem, không sửa được dữ liệu.")
        assert isinstance(refusals[3], (ReadOnlyError, undo_ops.UndoError))  # nothing of hers to undo anyway
        with db.read() as s:
            assert s.scalar(select(Task.note).where(Task.id == task_id)) == "ban đầu"
    finally:
        db.close()


def test_staff_login_cannot_upgrade_the_schema(server):
    """Opening at head needs no write, so it works for every login; the version table is the owner's."""
    url, *_ = server
    db = open_database(login_url(url, "alice"))
    try:
        with pytest.raises(ReadOnlyError):
            with db.write() as s:
                s.execute(select(1))
                s.connection().exec_driver_sql(f"UPDATE alembic_version SET version_num = '{head_revision()}'")
    finally:
        db.close()
