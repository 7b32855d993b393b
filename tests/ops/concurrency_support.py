"""Worker processes and set-up for the concurrency tests: real separate processes (spawned,
each with its own connections) acting on one database, as two users of a shared server do."""

from __future__ import annotations

import os
import random
import time
from datetime import date
from desktop_app.ops.fields import ProgressFields, TaskFields


def _open(url: str, user: str):
    os.environ["NQDESK_USER"] = user  # used for a SQLite file only; a server uses the login
    from desktop_app.store.db import open_database

    return open_database(url)


def two_writer_worker(url: str, user: str, task_id: int, rounds: int, barrier, results) -> None:
    """*rounds* operations alternating "edit the note from what I last read" and "report
    progress". Puts (user, edits, conflicts, reports, errors) on *results*; an edit is
    (journal id, value read, value written)."""
    from sqlalchemy import select

    from desktop_app.ops.base import ConflictError
    from desktop_app.ops.progress import report_progress
    from desktop_app.ops.tasks import update_task
    from desktop_app.store.models import Task

    db = _open(url, user)
    rng = random.Random(user)
    edits, conflicts, reports, errors = [], 0, 0, []
    barrier.wait()
    try:
        for i in range(rounds):
            if i % 2 == 0:
                with db.read() as s:
                    seen = s.scalar(select(Task.note).where(Task.id == task_id))
                time.sleep(rng.random() * 0.002)  # the user typing: the other writer may act meanwhile
                value = f"{user}-{i}"
                try:
                    changes = update_task(db, task_id, TaskFields(note=value), expected={"note": seen})
                except ConflictError as exc:
                    conflicts += 1
                    if conflicts == 1:
                        errors.append(("first conflict message", str(exc)))
                    continue
                edits.append((changes.journal_id, seen, value))
            else:
                report_progress(db, task_id, date(2026, 1, 1),
                                ProgressFields(percent=i % 100, note=f"{user} {i}"), today=date(2026, 1, 2))
                reports += 1
    except Exception as exc:  # reported to the test, which fails with it
        errors.append(("error", f"{exc.__class__.__name__}: {exc}"))
    finally:
        db.close()
        results.put((user, edits, conflicts, reports, errors))


def completion_worker(url: str, user: str, task_ids: list[int], barrier, results) -> None:
    """For each task, wait for the other worker, then both report it completed at once.
    Puts (user, [(task id, "ok" | refusal message)]) on *results*."""
    from desktop_app.errors import NqdeskError
    from desktop_app.ops.progress import report_progress

    db = _open(url, user)
    outcomes = []
    try:
        for task_id in task_ids:
            barrier.wait()
            try:
                report_progress(db, task_id, date(2026, 1, 1), ProgressFields(completed=True), today=date(2026, 1, 2))
                outcomes.append((task_id, "ok"))
            except NqdeskError as exc:
                outcomes.append((task_id, str(exc)))
            except Exception as exc:
                outcomes.append((task_id, f"ERROR {exc.__class__.__name__}: {exc}"))
    finally:
        db.close()
        results.put((user, outcomes))
