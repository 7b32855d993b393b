"""The status rule of ``core.status`` written once more, as SQL, so that figures over the
whole database are counted by the database instead of loading every task.

This is the one deliberate second home of the rule: ``task_state`` (Python) is what the
task list runs; the expressions here must give the same answer for every task, and
``tests/reports/test_status_sql.py`` checks that they do on generated data (yearly tasks,
continuous and event deadlines, corrected entries, an as-of date in the past). Change one,
change the other.

The rule, per task, on the as-of date (only effective entries dated on or before it):

* a yearly task is judged on the as-of year alone: due 31/12, its reports and completion
  from this year, started on 01/01 at the earliest, last year's percent does not count;
* done (earliest completion) → on time when there is no due date or it is on/before it,
  else late; not done and past the due date → overdue (never for continuous or event
  work); due within ``due_soon_days`` → due soon; else in progress if anything was
  reported, not started if not;
* behind schedule: ``core.status.behind_schedule`` on the start, the due date and the
  latest percent.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import NamedTuple

from sqlalchemy import BigInteger, ColumnElement, Date, Integer, and_, case, cast, func, literal, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.elements import BindParameter
from sqlalchemy.sql.functions import FunctionElement

from ..core.status import TaskStatus
from ..store.models import ProgressEntry, Task, TaskLogSummary
from .entries import not_corrected
from .log_summary import DAY_SHIFT as _DAY_SHIFT, has_stale, stale_tasks

__all__ = ["DerivedState", "STATE_SPAN", "derived_columns", "task_states", "unpack_state"]

# The packed form of the derived columns (``derived_columns(packed=True)``): one small
# integer, status × 16 + due × 8 + reported × 4 + behind × 2 + reported in period. Grouping
# by one integer is about twice as quick for SQLite as by five columns of text and flags.
_STATUS_CODES = tuple(TaskStatus)
STATE_SPAN = 16 * len(_STATUS_CODES)  # every packed state is below this


def unpack_state(state: int) -> tuple[TaskStatus, bool, bool, bool, bool]:
    """(status, due by the as-of date, reported, behind, reported in the period) of a
    packed state."""
    return (_STATUS_CODES[state >> 4], bool(state & 8), bool(state & 4), bool(state & 2), bool(state & 1))


class day_number(FunctionElement):  # noqa: N801 (an SQL function)
    """A date as a whole number of days (differences are day counts), in any dialect."""

    type = Integer()
    # Not cacheable: a date given as a value is compiled into the SQL (``_constant_day``), so a
    # compiled statement must not be reused for another as-of date.
    inherit_cache = False


def _constant_day(element, epoch_ordinal: int) -> str | None:
    """A date given as a value is numbered here, once, instead of on every row."""
    (arg,) = element.clauses.clauses
    value = getattr(arg, "value", None)
    if isinstance(arg, BindParameter) and isinstance(value, date) and not isinstance(value, datetime):
        return str(value.toordinal() - epoch_ordinal)
    return None


@compiles(day_number)
def _day_number_default(element, compiler, **kw):  # PostgreSQL and others: date - date is days
    constant = _constant_day(element, date(1970, 1, 1).toordinal())
    return constant or f"({compiler.process(element.clauses, **kw)} - DATE '1970-01-01')"


@compiles(day_number, "sqlite")
def _day_number_sqlite(element, compiler, **kw):
    # julianday('0001-01-01') is 1721425.5: day numbers are ordinals + 1721424
    constant = _constant_day(element, 1 - 1721425)
    return constant or f"CAST(julianday({compiler.process(element.clauses, **kw)}) AS INTEGER)"


class DerivedState(NamedTuple):
    """What the figures need of one task, as the database computed it."""

    task_id: int
    lead_body_id: int | None
    deadline_kind: str | None
    status: TaskStatus
    due_by_as_of: bool  # the effective due date has come (đến hạn)
    reported: bool
    behind: bool
    reported_in_period: bool  # the latest report that counts is on/after the period's start


class _Log(NamedTuple):
    """A task's effective progress log as seen on the as-of date, as columns."""

    done: ColumnElement  # earliest completion
    done_year: ColumnElement  # earliest completion this year
    last_on: ColumnElement  # latest report
    last_on_year: ColumnElement  # latest report this year
    percent: ColumnElement  # the percent of the latest entry with one (null: none)
    percent_year: ColumnElement  # the same if that entry is from this year, else null


def _summary(as_of: date, task_filter, stale: bool):
    """(the tasks joined to their log summaries, the summaries' columns :class:`_Log`): per
    task, over its effective entries dated on or before *as_of*.

    Read from the maintained summary (``reports.log_summary``: one row per task, joined by
    its key) for every task whose latest report is on or before *as_of*; computed from the
    log only for the others (an as-of date in the past, before some of their entries: none
    today). With *stale* false the caller knows there are no such tasks (``execute``): the
    summaries are then read alone."""
    pe = ProgressEntry
    year_start = date(as_of.year, 1, 1)
    s = TaskLogSummary.__table__.c
    stored_this_year = s.last_on >= literal(year_start, Date)  # and ≤ as_of: the latest report is this year's
    stored = Task.__table__.outerjoin(TaskLogSummary.__table__, s.task_id == Task.id)
    if not stale:
        return stored, _Log(done=s.done, done_year=case((stored_this_year, s.done_last_year)), last_on=s.last_on,
                            last_on_year=case((stored_this_year, s.last_on)), percent=s.percent,
                            percent_year=case((s.percent_on >= literal(year_start, Date), s.percent)))
    this_year = pe.reported_on >= literal(year_start, Date)
    percent_key = (cast(day_number(pe.reported_on), BigInteger) * _DAY_SHIFT
                   + cast(pe.id, BigInteger) * 128 + pe.percent)
    computed = select(
        pe.task_id.label("task_id"),
        func.min(case((pe.completed, pe.reported_on))).label("done"),
        func.min(case((and_(pe.completed, this_year), pe.reported_on))).label("done_year"),
        func.max(pe.reported_on).label("last_on"),
        func.max(case((this_year, pe.reported_on))).label("last_on_year"),
        func.max(case((pe.percent.is_not(None), percent_key))).label("percent_key"),
    ).where(pe.reported_on <= literal(as_of, Date), not_corrected(), pe.task_id.in_(stale_tasks(as_of)))
    if task_filter is not None:
        computed = computed.where(pe.task_id.in_(select(Task.id).where(task_filter)))
    c = computed.group_by(pe.task_id).subquery("log")
    is_stale = s.last_on > literal(as_of, Date)  # null (not stale) for a task with no summary: no entry at all
    key = c.c.percent_key
    key_this_year = key >= cast(day_number(literal(year_start, Date)), BigInteger) * _DAY_SHIFT
    log = _Log(
        done=case((is_stale, c.c.done), else_=s.done),
        done_year=case((is_stale, c.c.done_year), (stored_this_year, s.done_last_year)),
        last_on=case((is_stale, c.c.last_on), else_=s.last_on),
        last_on_year=case((is_stale, c.c.last_on_year), (stored_this_year, s.last_on)),
        percent=case((is_stale, key % 128), else_=s.percent),
        percent_year=case((is_stale, case((key_this_year, key % 128))),
                          (s.percent_on >= literal(year_start, Date), s.percent)),
    )
    return stored.outerjoin(c, c.c.task_id == Task.id), log


def derived_columns(as_of: date, due_soon_days: int, period_start: date, task_filter=None, *, stale: bool = True,
                    packed: bool = False):
    """(select-from, columns): the tasks (those matching *task_filter*, a condition on
    ``Task``) joined to their log summary, and the labelled derived columns ``status``,
    ``due_by_as_of``, ``reported``, ``behind``, ``reported_in_period`` (0/1 integers);
    with *packed*, those five as the one integer column ``state`` (:func:`unpack_state`).

    Written kind by kind (yearly, continuous, the others) so that what is constant for a
    kind on the as-of date is decided here, in Python, and the database evaluates little
    per task: 100,000 tasks are counted in a fraction of a second.

    *stale*: may a task have an effective entry dated after *as_of*? Run the statement
    through :func:`execute`, which answers it."""
    source, log = _summary(as_of, task_filter, stale)
    as_of_v = literal(as_of, Date)
    year_start = date(as_of.year, 1, 1)
    year_end = date(as_of.year, 12, 31)
    soon_v = literal(as_of + timedelta(days=due_soon_days), Date)
    kind = Task.deadline_kind  # only ever tested in a CASE: null (no kind) is no match there
    yearly = kind == "recurring_yearly"
    continuous = kind == "continuous"
    due = Task.due_date
    done_all, done_year = log.done, log.done_year
    last_all, last_year = log.last_on, log.last_on_year

    def value(status: TaskStatus):  # a status as the CASE gives it: its name, or its packed code
        return _STATUS_CODES.index(status) << 4 if packed else str(status)

    on_time, late = value(TaskStatus.DONE_ON_TIME), value(TaskStatus.DONE_LATE)
    overdue, soon = value(TaskStatus.OVERDUE), value(TaskStatus.DUE_SOON)
    started, not_started = value(TaskStatus.IN_PROGRESS), value(TaskStatus.NOT_STARTED)
    # a yearly task is due on 31/12 of the as-of year: never overdue on the as-of date, due
    # soon or not for every yearly task alike, and a completion this year is on time
    yearly_soon = (year_end - as_of).days <= due_soon_days
    status = case(
        (yearly, case((done_year.is_not(None), on_time), else_=literal(soon)) if yearly_soon else
         case((done_year.is_not(None), on_time), (last_year.is_not(None), started), else_=not_started)),
        (continuous, case((done_all.is_not(None), on_time), (last_all.is_not(None), started), else_=not_started)),
        (done_all.is_not(None), case((or_(due.is_(None), done_all <= due), on_time), else_=late)),
        (due.is_(None), case((last_all.is_not(None), started), else_=not_started)),
        (due < as_of_v, case((kind == "event", case((last_all.is_not(None), started), else_=not_started)),
                             else_=overdue)),
        (due <= soon_v, soon),
        (last_all.is_not(None), started),
        else_=not_started,
    )
    last_on = case((yearly, last_year), else_=last_all)
    due_by_as_of = case((yearly, 1 if year_end <= as_of else 0), (continuous, 0),
                        (and_(due.is_not(None), due <= as_of_v), 1), else_=0)
    # behind_schedule(start, due, percent, done, as_of), on day numbers: the days passed are
    # as_of - start until the due date, after it every day (then behind is percent < 100)
    percent = func.coalesce(log.percent, 0)
    as_of_day = day_number(as_of_v)
    year_start_v = literal(year_start, Date)
    # a yearly task: from 01/01 (or its assignment) to 31/12, which the as-of date never passes
    yearly_start = case((or_(Task.assigned_date.is_(None), Task.assigned_date < year_start_v), year_start_v),
                        else_=Task.assigned_date)
    yearly_start_day = case((or_(Task.assigned_date.is_(None), Task.assigned_date < year_start_v),
                             day_number(year_start_v)), else_=day_number(Task.assigned_date))
    behind_yearly = and_(done_year.is_(None), as_of_v >= yearly_start,
                         func.coalesce(log.percent_year, 0) * (day_number(literal(year_end, Date)) - yearly_start_day + 1)
                         < (as_of_day - yearly_start_day) * 100)
    assigned = Task.assigned_date
    assigned_day = day_number(assigned)
    behind_other = and_(done_all.is_(None), assigned.is_not(None), due.is_not(None), as_of_v >= assigned,
                        case((due < assigned, as_of_v > due),
                             (as_of_v <= due,
                              percent * (day_number(due) - assigned_day + 1) < (as_of_day - assigned_day) * 100),
                             else_=percent < 100))
    behind = case((yearly, case((behind_yearly, 1), else_=0)), (continuous, 0),
                  (behind_other, 1), else_=0)
    reported = case((last_on.is_not(None), 1), else_=0)
    reported_in_period = case((last_on >= literal(period_start, Date), 1), else_=0)
    if packed:
        return source, [(status + due_by_as_of * 8 + reported * 4 + behind * 2 + reported_in_period).label("state")]
    columns = [
        status.label("status"),
        due_by_as_of.label("due_by_as_of"),
        reported.label("reported"),
        behind.label("behind"),
        reported_in_period.label("reported_in_period"),
    ]
    return source, columns


def task_states(session, as_of: date, due_soon_days: int, period_start: date,
                task_filter=None) -> list[DerivedState]:
    """Every task's derived state (those matching *task_filter*), one row each, computed
    by the database; the dashboard groups the same columns instead (``reports.progress``)."""
    def statement(stale: bool):
        source, columns = derived_columns(as_of, due_soon_days, period_start, task_filter, stale=stale)
        stmt = select(Task.id, Task.lead_body_id, Task.deadline_kind, *columns).select_from(source)
        if task_filter is not None:
            stmt = stmt.where(task_filter)
        return stmt.order_by(Task.id)

    return [DerivedState(i, lead, kind, TaskStatus(status), bool(due), bool(rep), bool(behind), bool(period))
            for i, lead, kind, status, due, rep, behind, period in execute(session, as_of, statement)]


def execute(session, as_of: date, statement) -> list:
    """The rows of ``statement(stale)`` (built on :func:`derived_columns`): the lighter
    statement that reads the log summaries alone when no task has an entry dated after
    *as_of* (as of today there is none: a report cannot be dated in the future)."""
    stale = has_stale(session, as_of)
    rows = session.execute(statement(stale)).all()
    if not stale and has_stale(session, as_of):
        # such an entry was committed meanwhile by another user of a shared server, whose
        # each statement sees what was committed when it began: count again, with it
        rows = session.execute(statement(True)).all()
    return rows
