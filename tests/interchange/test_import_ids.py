"""The bulk import gives ids itself on SQLite (no RETURNING): they must be the ids SQLite
would have given, so an id never comes back for a different row (the journal names rows
by id) and every link points at the row it names."""

from __future__ import annotations

from sqlalchemy import func, select

from desktop_app.interchange.writer import export_data
from desktop_app.ops import bodies as body_ops
from desktop_app.ops.interchange import import_data
from desktop_app.store.models import Body, ProgressEntry, Task, TaskCoordinator

from .base_file import TODAY, base


def test_ids_continue_after_deleted_rows(db):
    for name in ("Cơ quan tạm 1", "Cơ quan tạm 2"):
        body_ops.create_body(db, name)
    with db.read() as s:
        highest = s.scalar(select(func.max(Body.id)))
    for body_id in (highest, highest - 1):
        body_ops.delete_body(db, body_id)
    import_data(db, base(), today=TODAY)
    with db.read() as s:
        new_ids = list(s.scalars(select(Body.id)))
    assert new_ids and min(new_ids) > highest  # AUTOINCREMENT: deleted ids are not reused


def test_links_point_at_the_rows_they_name(db):
    """Coordinators, leads and corrections after the import are those of the file."""
    import_data(db, base(), today=TODAY)
    again = export_data(db)
    original = base()
    assert [t["coordinating_bodies"] for p in again["programs"] for t in p["tasks"]] == \
           [t.get("coordinating_bodies") or [] for p in original["programs"] for t in p["tasks"]]
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(TaskCoordinator)) > 0
        tasks = {t.id for t in s.scalars(select(Task))}
        assert {e.task_id for e in s.scalars(select(ProgressEntry))} <= tasks
