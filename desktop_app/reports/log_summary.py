"""The maintained log summary (``task_log_summaries``): what each task's effective progress
log says over all its dates, and how the status reads use it for an as-of date.

The table covers every date, so for an as-of date it is exact for a task whose latest
effective report (``last_on``) is on or before that day: no entry of that task is hidden by
the as-of date. Its "this year" figures then follow from the stored ones: the task reported
in the as-of year exactly when its latest report is in that year (``last_on`` ≥ 01/01), and
then its earliest completion of the year is the stored one of the latest report's year.
A task with an entry dated after the as-of date (an as-of date in the past) is summarised
from its log as before. Today, every task takes the first path.

``summary_rows`` is the one statement that computes a summary from the log: the operations
write its rows (``ops.log_summary``), ``nqdesk check`` compares them with the stored ones.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, and_, case, func, literal, select

from ..core.status import LogSummary
from ..store.models import ProgressEntry, TaskLogSummary
from .entries import not_corrected

__all__ = ["SUMMARY_COLUMNS", "summary_rows", "stale_tasks", "has_stale", "disagreeing_tasks", "stored_summaries", "DAY_SHIFT"]

# Columns of task_log_summaries, in the order summary_rows selects them.
SUMMARY_COLUMNS = ("task_id", "last_on", "done", "done_last_year", "percent_on", "percent_entry_id", "percent")

DAY_SHIFT = 2 ** 40  # latest-percent key: day number, entry id (< 2**33), percent (< 128)


def summary_rows(task_ids=None):
    """SELECT, per task with effective entries (of *task_ids*: a list, a select or an
    expanding bound parameter of ids; or all tasks), the row of ``task_log_summaries``
    computed from the log: columns in the order of ``SUMMARY_COLUMNS``.

    Grouped passes over the log in task order (the index on task, date, completion and
    percent holds what they read), no window functions: summarising 254,000 entries takes
    a fraction of what ranking each task's entries did (an import of 100,000 tasks writes
    them all)."""
    pe = ProgressEntry

    def effective(stmt):
        stmt = stmt.where(not_corrected())
        return stmt if task_ids is None else stmt.where(pe.task_id.in_(task_ids))

    # the latest report, the earliest completion, the day of the latest entry with a percent
    latest = effective(select(
        pe.task_id.label("task_id"),
        func.max(pe.reported_on).label("last_on"),
        func.min(case((pe.completed, pe.reported_on))).label("done"),
        func.max(case((pe.percent.is_not(None), pe.reported_on))).label("percent_on"),
    )).group_by(pe.task_id).cte("latest")  # (one pass, read by the two below and the result)
    # that day's entry with a percent entered last (the higher id)
    percent_entry = effective(
        select(pe.task_id.label("task_id"), func.max(pe.id).label("entry_id"))
        .join(latest, and_(latest.c.task_id == pe.task_id, pe.reported_on == latest.c.percent_on))
        .where(pe.percent.is_not(None))
    ).group_by(pe.task_id).subquery("percent_entry")
    # the earliest completion in the year of the latest report
    same_year = func.extract("year", pe.reported_on) == func.extract("year", latest.c.last_on)
    done_last_year = effective(
        select(pe.task_id.label("task_id"), func.min(pe.reported_on).label("done"))
        .join(latest, latest.c.task_id == pe.task_id)
        .where(pe.completed, same_year)
    ).group_by(pe.task_id).subquery("done_last_year")
    entry = ProgressEntry.__table__.alias("percent_of")
    return select(
        latest.c.task_id,
        latest.c.last_on,
        latest.c.done,
        done_last_year.c.done.label("done_last_year"),
        latest.c.percent_on,
        percent_entry.c.entry_id.label("percent_entry_id"),
        entry.c.percent,
    ).select_from(
        latest.outerjoin(done_last_year, done_last_year.c.task_id == latest.c.task_id)
        .outerjoin(percent_entry, percent_entry.c.task_id == latest.c.task_id)
        .outerjoin(entry, entry.c.id == percent_entry.c.entry_id))


def stale_tasks(as_of: date):
    """SELECT of the tasks whose stored summary does not hold on *as_of*: those with an
    effective entry dated after it."""
    s = TaskLogSummary
    return select(s.task_id).where(s.last_on > literal(as_of, Date))


def disagreeing_tasks(session) -> list[int]:
    """The tasks whose stored summary is not what their log gives (missing, extra or
    different), for ``nqdesk check``."""
    stored = {row[0]: tuple(row[1:]) for row in session.execute(
        select(*(TaskLogSummary.__table__.c[name] for name in SUMMARY_COLUMNS)))}
    computed = {row[0]: tuple(row[1:]) for row in session.execute(summary_rows())}
    return sorted(t for t in stored.keys() | computed.keys() if stored.get(t) != computed.get(t))


def has_stale(session, as_of: date) -> bool:
    """Has any task an effective entry dated after *as_of* (one indexed look-up)?"""
    return session.scalar(stale_tasks(as_of).limit(1)) is not None


def stored_summaries(conn, as_of: date, task_ids: list[int] | None, rows, dates) -> dict[int, LogSummary]:
    """``core.status.LogSummary`` of the tasks (of *task_ids*, or all) whose stored summary
    holds on *as_of*. *rows(conn, stmt)* yields the driver's raw rows and *dates[value]* is
    the date of a raw DATE value (``reports.tasks.raw_rows``, ``_DateReader``)."""
    s = TaskLogSummary
    stmt = select(s.task_id, s.last_on, s.done, s.done_last_year, s.percent_on, s.percent_entry_id,
                  s.percent).where(s.last_on <= literal(as_of, Date))
    if task_ids is None:
        batches = [stmt]
    else:
        batches = [stmt.where(s.task_id.in_(task_ids[i:i + 5000])) for i in range(0, len(task_ids), 5000)]
    year = as_of.year
    out: dict[int, LogSummary] = {}
    new = LogSummary
    for b in batches:
        for task_id, last_on, done, done_last_year, percent_on, percent_id, percent in rows(conn, b):
            last_on, done, percent_on = dates[last_on], dates[done], dates[percent_on]
            summary = out[task_id] = new()
            summary.done = done
            summary.reported = True
            summary.last_on = last_on
            if last_on.year == year:
                summary.reported_year = True
                summary.last_on_year = last_on
                summary.done_year = dates[done_last_year]
            if percent_on is not None:
                summary.latest, summary.percent = (percent_on, percent_id), percent
    return out
