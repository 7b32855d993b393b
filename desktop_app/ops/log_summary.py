"""Keeping ``task_log_summaries`` equal to the progress log: every operation that adds,
removes or corrects progress entries rewrites its tasks' summaries, set-based, in its own
transaction (``operation`` does it for the entries it records; bulk writers and undo call
:func:`refresh_log_summaries` themselves)."""

from __future__ import annotations

import functools
from collections.abc import Collection

from sqlalchemy import bindparam, delete, insert, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import BindParameter

from ..reports.log_summary import SUMMARY_COLUMNS, disagreeing_tasks, summary_rows
from ..store.db import Database
from ..store.models import Task, TaskLogSummary

__all__ = ["refresh_log_summaries", "repair_log_summaries"]

_CHUNK = 5_000  # ids per statement: well under SQLite's limit of bound values


def refresh_log_summaries(session: Session, task_ids: Collection[int] | None, *, lock: bool = True) -> None:
    """Rewrite the log summaries of *task_ids* (None: of every task) from their effective
    progress entries. Call it after the entries are written, in the same transaction.

    On PostgreSQL two users may add entries to one task at once: with *lock* the tasks' rows
    are locked first (``FOR UPDATE``, in id order, so two refreshes never wait on each other
    in a circle). The second refresh then waits for the first transaction to end, and its
    statements, which see what was committed before they start (READ COMMITTED), count both
    entries. SQLite's writers hold the whole database already. *lock=False* is for rows no
    other transaction can see yet (tasks inserted by this one)."""
    session.flush()  # the entries added through the ORM
    table = TaskLogSummary.__table__
    if task_ids is None:
        if lock:
            session.execute(select(Task.id).order_by(Task.id).with_for_update())
        session.execute(delete(table))
        session.execute(insert(table).from_select(SUMMARY_COLUMNS, summary_rows()))
        return
    ids = sorted(set(task_ids))
    if len(ids) > _CHUNK and ids[-1] - ids[0] + 1 == len(ids):
        # one run of ids (the tasks an import has just written): one pass over their log
        run = select(Task.id).where(Task.id.between(ids[0], ids[-1]))
        if lock:
            session.execute(run.order_by(Task.id).with_for_update())
        session.execute(delete(table).where(table.c.task_id.between(ids[0], ids[-1])))
        session.execute(insert(table).from_select(SUMMARY_COLUMNS, summary_rows(run)))
        return
    lock_rows, delete_rows, insert_rows = _statements()
    for i in range(0, len(ids), _CHUNK):
        chunk = {"task_ids": ids[i:i + _CHUNK]}
        if lock:
            session.execute(lock_rows, chunk)
        session.execute(delete_rows, chunk)
        session.execute(insert_rows, chunk)


@functools.cache
def _statements():
    """(lock, delete, insert) for the tasks of the list bound as ``task_ids``: built once, as
    every operation on a task's log runs them (building them took 2-3 ms each time)."""
    ids: BindParameter[list[int]] = bindparam("task_ids", expanding=True)
    table = TaskLogSummary.__table__
    return (select(Task.id).where(Task.id.in_(ids)).order_by(Task.id).with_for_update(),
            delete(table).where(table.c.task_id.in_(ids)),
            insert(table).from_select(SUMMARY_COLUMNS, summary_rows(ids)))


def repair_log_summaries(db: Database) -> int:
    """Rewrite the summaries that disagree with the log (``nqdesk check --repair``); returns
    how many tasks had one. Derived data, like a status: not journaled, nothing to undo."""
    with db.write() as session:
        wrong = disagreeing_tasks(session)
        if wrong:
            refresh_log_summaries(session, wrong)
    return len(wrong)
