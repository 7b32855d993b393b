"""Which task rows a change touched: the read side of the incremental refresh.

An operation reports the rows it inserted, updated or deleted, table by table (``Changes``
in ops/base.py). The task list shows, on each task's row, values read from other tables
(the programme's title and label, body names, the progress log), so a change to one of
those touches the tasks that show it. :func:`touched_task_ids` turns the touched rows
into the task ids to refetch, or None when a full reload is the better answer (too many,
or a change that cannot be traced to tasks).
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping

from sqlalchemy import or_, select

from ..store.db import Database
from ..store.models import JournalChange, ProgramDocument, ProgressEntry, Task, TaskCoordinator

__all__ = ["REFRESH_LIMIT", "TASK_TABLES", "touched_task_ids"]

# Above this many tasks a full reload (in the background) is quicker than refetching by id.
REFRESH_LIMIT = 3000

# The tables whose rows a task-list row shows.
TASK_TABLES = ("tasks", "task_coordinators", "progress_entries", "programs", "program_documents", "bodies",
               "documents")


def _linked_ids(session, model, column: str, table: str, ids: Collection[int]) -> set[int]:
    """``column`` (a task or programme id) of the rows *ids* of *model*: read from the
    table, or, for rows deleted since, from the journal's record of the deletion."""
    ids = list(ids)
    found: set[int] = set()
    present: set[int] = set()
    for i in range(0, len(ids), 5000):
        part = ids[i:i + 5000]
        for row_id, value in session.execute(select(model.id, getattr(model, column)).where(model.id.in_(part))):
            present.add(row_id)
            found.add(value)
    missing = [i for i in ids if i not in present]
    for i in range(0, len(missing), 5000):
        part = missing[i:i + 5000]
        stmt = select(JournalChange.before, JournalChange.after).where(
            JournalChange.entity == table, JournalChange.entity_id.in_(part))
        for before, after in session.execute(stmt):
            for text in (before, after):
                value = json.loads(text).get(column) if text else None
                if isinstance(value, int):
                    found.add(value)
    return found


def touched_task_ids(db: Database, touched: Mapping[str, Collection[int]],
                     deleted: Mapping[str, Collection[int]] | None = None,
                     limit: int | None = None) -> set[int] | None:
    """The ids of the tasks whose rows show something in *touched* (table → row ids
    inserted, updated or deleted), deleted tasks included; None when a full reload is
    needed: more than *limit* tasks, or a programme deleted (its tasks went with it)."""
    deleted = deleted or {}
    if limit is None:
        limit = REFRESH_LIMIT
    if deleted.get("programs"):
        return None
    task_ids: set[int] = set(touched.get("tasks", ()))
    with db.read() as session:
        if touched.get("progress_entries"):
            task_ids |= _linked_ids(session, ProgressEntry, "task_id", "progress_entries",
                                    touched["progress_entries"])
        if touched.get("task_coordinators"):
            task_ids |= _linked_ids(session, TaskCoordinator, "task_id", "task_coordinators",
                                    touched["task_coordinators"])
        program_ids: set[int] = set(touched.get("programs", ()))
        if touched.get("program_documents"):
            program_ids |= _linked_ids(session, ProgramDocument, "program_id", "program_documents",
                                       touched["program_documents"])
        if touched.get("documents"):  # a document's symbol is in the labels of the programmes citing it
            document_ids = list(touched["documents"])
            program_ids |= set(session.scalars(select(ProgramDocument.program_id).where(
                ProgramDocument.document_id.in_(document_ids))))
        conditions = []
        if program_ids:
            conditions.append(Task.program_id.in_(sorted(program_ids)))
        body_ids = sorted(touched.get("bodies", ()))
        if body_ids:
            conditions.append(Task.lead_body_id.in_(body_ids))
            conditions.append(Task.id.in_(select(TaskCoordinator.task_id).where(
                TaskCoordinator.body_id.in_(body_ids))))
        if conditions:
            stmt = select(Task.id).where(or_(*conditions)).limit(limit + 1)
            task_ids |= set(session.scalars(stmt))
    if len(task_ids) > limit:
        return None
    return task_ids
