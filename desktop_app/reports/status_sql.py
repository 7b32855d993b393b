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

from sqlalchemy import BigInteger, Date, Integer, and_, case, cast, func, literal, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.elements import BindParameter
from sqlalchemy.sql.functions import FunctionElement

from ..core.status import TaskStatus
from ..store.models import ProgressEntry, Task
from .entries import not_corrected

__all__ = ["DerivedState", "derived_columns", "task_states"]

_DAY_SHIFT = 2 ** 40  # latest-percent key: day number, entry id (< 2**33), percent (< 128)


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


def _summary(as_of: date, task_filter):
    """Per task, over its effective entries dated on or before *as_of*: earliest completion
    (all time, and this year), latest report (all time, and this year), and the key of the
    latest entry with a percent (day, entry id, percent packed in one integer)."""
    pe = ProgressEntry
    year_start = date(as_of.year, 1, 1)
    this_year = pe.reported_on >= literal(year_start, Date)
    percent_key = (cast(day_number(pe.reported_on), BigInteger) * _DAY_SHIFT
                   + cast(pe.id, BigInteger) * 128 + pe.percent)
    stmt = select(
        pe.task_id.label("task_id"),
        func.min(case((pe.completed, pe.reported_on))).label("done"),
        func.min(case((and_(pe.completed, this_year), pe.reported_on))).label("done_year"),
        func.max(pe.reported_on).label("last_on"),
        func.max(case((this_year, pe.reported_on))).label("last_on_year"),
        func.max(case((pe.percent.is_not(None), percent_key))).label("percent_key"),
    ).where(pe.reported_on <= literal(as_of, Date), not_corrected())
    if task_filter is not None:
        stmt = stmt.where(pe.task_id.in_(select(Task.id).where(task_filter)))
    return stmt.group_by(pe.task_id).subquery("log")


def derived_columns(as_of: date, due_soon_days: int, period_start: date, task_filter=None):
    """(select-from, columns): the tasks (those matching *task_filter*, a condition on
    ``Task``) joined to their log summary, and the labelled derived columns ``status``,
    ``due_by_as_of``, ``reported``, ``behind``, ``reported_in_period`` (0/1 integers).

    Written kind by kind (yearly, continuous, the others) so that what is constant for a
    kind on the as-of date is decided here, in Python, and the database evaluates little
    per task: 100,000 tasks are counted in a fraction of a second."""
    log = _summary(as_of, task_filter)
    as_of_v = literal(as_of, Date)
    year_start = date(as_of.year, 1, 1)
    year_end = date(as_of.year, 12, 31)
    soon_v = literal(as_of + timedelta(days=due_soon_days), Date)
    kind = func.coalesce(Task.deadline_kind, "")
    yearly = kind == "recurring_yearly"
    continuous = kind == "continuous"
    due = Task.due_date
    done_all, done_year = log.c.done, log.c.done_year
    last_all, last_year = log.c.last_on, log.c.last_on_year
    on_time, late = str(TaskStatus.DONE_ON_TIME), str(TaskStatus.DONE_LATE)
    overdue, soon = str(TaskStatus.OVERDUE), str(TaskStatus.DUE_SOON)
    started, not_started = str(TaskStatus.IN_PROGRESS), str(TaskStatus.NOT_STARTED)
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
    # behind_schedule(start, due, percent, done, as_of), on day numbers
    key = log.c.percent_key
    percent = case((key.is_(None), 0), else_=key % 128)
    as_of_day = day_number(as_of_v)
    year_start_v = literal(year_start, Date)
    yearly_start = case((or_(Task.assigned_date.is_(None), Task.assigned_date < year_start_v), year_start_v),
                        else_=Task.assigned_date)
    yearly_percent = case((key.is_(None), 0), (key // _DAY_SHIFT < day_number(year_start_v), 0), else_=key % 128)
    yearly_total = day_number(literal(year_end, Date)) - day_number(yearly_start) + 1
    yearly_gone = as_of_day - day_number(yearly_start)
    behind_yearly = and_(done_year.is_(None), as_of_v >= yearly_start,
                         yearly_percent * yearly_total < case((yearly_gone < yearly_total, yearly_gone),
                                                              else_=yearly_total) * 100)
    assigned = Task.assigned_date
    total = day_number(due) - day_number(assigned) + 1
    gone = as_of_day - day_number(assigned)
    behind_other = and_(done_all.is_(None), assigned.is_not(None), due.is_not(None), as_of_v >= assigned,
                        case((due < assigned, as_of_v > due),
                             else_=percent * total < case((gone < total, gone), else_=total) * 100))
    behind = case((yearly, case((behind_yearly, 1), else_=0)), (continuous, 0),
                  (behind_other, 1), else_=0)
    columns = [
        status.label("status"),
        due_by_as_of.label("due_by_as_of"),
        case((last_on.is_not(None), 1), else_=0).label("reported"),
        behind.label("behind"),
        case((last_on >= literal(period_start, Date), 1), else_=0).label("reported_in_period"),
    ]
    source = Task.__table__.outerjoin(log, log.c.task_id == Task.id)
    return source, columns


def task_states(session, as_of: date, due_soon_days: int, period_start: date,
                task_filter=None) -> list[DerivedState]:
    """Every task's derived state (those matching *task_filter*), one row each, computed
    by the database; the dashboard groups the same columns instead (``reports.progress``)."""
    source, columns = derived_columns(as_of, due_soon_days, period_start, task_filter)
    stmt = select(Task.id, Task.lead_body_id, Task.deadline_kind, *columns).select_from(source)
    if task_filter is not None:
        stmt = stmt.where(task_filter)
    return [DerivedState(i, lead, kind, TaskStatus(status), bool(due), bool(rep), bool(behind), bool(period))
            for i, lead, kind, status, due, rep, behind, period in session.execute(stmt.order_by(Task.id))]
