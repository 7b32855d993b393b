"""The maintained log summaries (``task_log_summaries``) recomputed from scratch, in plain
Python from every progress entry (not with the program's SQL), to check that an operation
left them equal to the log."""

from __future__ import annotations

from sqlalchemy import select

from desktop_app.store.models import ProgressEntry, TaskLogSummary


def summaries_from_the_log(session) -> dict[int, tuple]:
    """{task id: (last_on, done, done_last_year, percent_on, percent_entry_id, percent)} over
    the effective entries (those no other entry corrects), all dates."""
    entries = session.execute(select(ProgressEntry.id, ProgressEntry.task_id, ProgressEntry.reported_on,
                                     ProgressEntry.completed, ProgressEntry.percent,
                                     ProgressEntry.corrects_id)).all()
    corrected = {e.corrects_id for e in entries if e.corrects_id is not None}
    by_task: dict[int, list] = {}
    for e in entries:
        if e.id not in corrected:
            by_task.setdefault(e.task_id, []).append(e)
    out = {}
    for task_id, log in by_task.items():
        last_on = max(e.reported_on for e in log)
        done = [e.reported_on for e in log if e.completed]
        done_last_year = [d for d in done if d.year == last_on.year]
        with_percent = [e for e in log if e.percent is not None]
        latest = max(with_percent, key=lambda e: (e.reported_on, e.id)) if with_percent else None
        out[task_id] = (last_on, min(done, default=None), min(done_last_year, default=None),
                        latest.reported_on if latest else None, latest.id if latest else None,
                        latest.percent if latest else None)
    return out


def stored_summaries(session) -> dict[int, tuple]:
    s = TaskLogSummary
    return {r[0]: tuple(r[1:]) for r in session.execute(select(
        s.task_id, s.last_on, s.done, s.done_last_year, s.percent_on, s.percent_entry_id, s.percent))}


def assert_summaries_match_log(db) -> dict[int, tuple]:
    """The stored summaries are exactly those of the log; returns them."""
    with db.read() as session:
        stored, expected = stored_summaries(session), summaries_from_the_log(session)
    assert stored == expected
    return stored
