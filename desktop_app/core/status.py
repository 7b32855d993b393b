"""Task status as official tracking reports name it, judged on a given day.

A task's status depends only on its deadline (kind and computed due date), the dates
on which it was reported completed and the dates on which progress was reported, and
on the day we look from (``as_of``). Entries dated after ``as_of`` did not exist yet on
that day and are ignored, so the status of any past day can be reproduced.

Pure logic: no I/O, no database, no Qt.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Protocol

from .dates import to_roman

__all__ = [
    "TaskStatus",
    "STATUS_LABELS",
    "STATUS_COLOURS",
    "STATUS_ORDER",
    "DEADLINE_KINDS",
    "TaskFacts",
    "effective_due_date",
    "task_status",
    "count_by_status",
    "REPORT_PERIODS",
    "behind_schedule",
    "report_period",
    "period_label",
]


class TaskStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    DONE_ON_TIME = "done_on_time"
    DONE_LATE = "done_late"


# Labels in the vocabulary of official tracking reports.
STATUS_LABELS: dict[TaskStatus, str] = {
    TaskStatus.DONE_ON_TIME: "Hoàn thành đúng hạn",
    TaskStatus.DONE_LATE: "Hoàn thành quá hạn",
    TaskStatus.OVERDUE: "Quá hạn chưa hoàn thành",
    TaskStatus.DUE_SOON: "Sắp đến hạn",
    TaskStatus.IN_PROGRESS: "Đang thực hiện trong hạn",
    TaskStatus.NOT_STARTED: "Chưa thực hiện",
}

# Colour convention of Vietnamese trackers: green done on time, blue in progress,
# orange done late, red overdue, grey not started; amber (distinct from orange) for due soon.
STATUS_COLOURS: dict[TaskStatus, str] = {
    TaskStatus.DONE_ON_TIME: "#2E7D32",
    TaskStatus.IN_PROGRESS: "#1565C0",
    TaskStatus.DONE_LATE: "#EF6C00",
    TaskStatus.OVERDUE: "#C62828",
    TaskStatus.NOT_STARTED: "#757575",
    TaskStatus.DUE_SOON: "#F9C80E",
}

# Most urgent first, for sorting lists and ordering report columns.
STATUS_ORDER: tuple[TaskStatus, ...] = (
    TaskStatus.OVERDUE,
    TaskStatus.DUE_SOON,
    TaskStatus.IN_PROGRESS,
    TaskStatus.NOT_STARTED,
    TaskStatus.DONE_LATE,
    TaskStatus.DONE_ON_TIME,
)

# Deadline kinds (None means the task has no deadline at all).
DEADLINE_KINDS: frozenset[str] = frozenset(
    {
        "date",
        "month",
        "quarter",
        "half_year",
        "year",
        "period",
        "continuous",
        "recurring_yearly",
        "event",
    }
)

# Kinds that are never overdue: continuous work, and work waiting for an outside event.
_NEVER_OVERDUE = frozenset({"continuous", "event"})


class _TaskLike(Protocol):
    deadline_kind: str | None
    due_date: date | None
    completion_dates: tuple[date, ...]
    progress_dates: tuple[date, ...]


@dataclass(frozen=True)
class TaskFacts:
    """The facts about one task that its status depends on."""

    deadline_kind: str | None
    due_date: date | None
    completion_dates: tuple[date, ...] = ()
    progress_dates: tuple[date, ...] = ()


def _check_kind(kind: str | None) -> None:
    if kind is not None and kind not in DEADLINE_KINDS:
        raise ValueError(f"Loại thời hạn «{kind}» không hợp lệ.")


def effective_due_date(kind: str | None, due_date: date | None, as_of: date) -> date | None:
    """The due date that applies on *as_of*.

    A yearly task is due on 31/12 of the year of *as_of*; continuous work has no due
    date; every other kind keeps its computed *due_date* (None if not known yet).
    """
    _check_kind(kind)
    if kind == "recurring_yearly":
        return date(as_of.year, 12, 31)
    if kind == "continuous":
        return None
    return due_date


def task_status(task: _TaskLike, as_of: date, due_soon_days: int = 14) -> TaskStatus:
    """Status of *task* seen on *as_of*.

    Only completions and progress dated on or before *as_of* count; for a yearly task
    only those within the year of *as_of* count, and it is due on 31/12 of that year.
    """
    if due_soon_days < 0:
        raise ValueError(
            f"Số ngày báo «sắp đến hạn» phải từ 0 trở lên (đang là {due_soon_days})."
        )
    kind = task.deadline_kind
    due = effective_due_date(kind, task.due_date, as_of)

    def counts(d: date) -> bool:
        if d > as_of:
            return False
        if kind == "recurring_yearly" and d.year != as_of.year:
            return False
        return True

    completions = [d for d in task.completion_dates if counts(d)]
    return status_from_summary(
        kind, due, min(completions) if completions else None,
        any(counts(d) for d in task.progress_dates), as_of, due_soon_days,
    )


def status_from_summary(kind: str | None, due: date | None, completed_on: date | None, reported: bool,
                        as_of: date, due_soon_days: int = 14) -> TaskStatus:
    """The rules themselves, on an already-filtered summary: *due* is the effective due
    date, *completed_on* the earliest completion that counts on *as_of*, *reported*
    whether any progress counts. (Used directly by the task list, which summarises
    100,000 tasks' logs in one pass.)"""
    if completed_on is not None:
        if due is None or completed_on <= due:
            return TaskStatus.DONE_ON_TIME
        return TaskStatus.DONE_LATE
    if due is not None:
        if due < as_of and kind not in _NEVER_OVERDUE:
            return TaskStatus.OVERDUE
        if as_of <= due and (due - as_of).days <= due_soon_days:
            return TaskStatus.DUE_SOON
    if reported:
        return TaskStatus.IN_PROGRESS
    return TaskStatus.NOT_STARTED


def count_by_status(statuses: Iterable[TaskStatus]) -> dict[TaskStatus, int]:
    """How many of each status, every status present (zeros included), in STATUS_ORDER."""
    counts = {status: 0 for status in STATUS_ORDER}
    for status in statuses:
        counts[TaskStatus(status)] += 1
    return counts


def behind_schedule(assigned_date: date | None, due_date: date | None, percent: int | None, completed: bool,
                    as_of: date) -> bool:
    """Chậm tiến độ: less progress reported than the time elapsed calls for.

    As Redmine's ``Issue#behind_schedule?``: the work is spread evenly over the days from
    the assignment to the due date (both included); on *as_of* the days already passed
    (*as_of* itself not counted) give the expected percent, and the task is behind when
    its last reported percent (none reported counts as 0) is below that. A finished task,
    one without both dates, or one not assigned yet on *as_of* is never behind. Past the
    due date every unfinished task is behind (it is also overdue).
    """
    if completed or assigned_date is None or due_date is None or as_of < assigned_date:
        return False
    if due_date < assigned_date:  # inconsistent dates: judge by the deadline alone
        return as_of > due_date
    total_days = (due_date - assigned_date).days + 1
    elapsed_days = min((as_of - assigned_date).days, total_days)
    # percent < elapsed/total * 100, in integers so boundary days are exact
    return (percent or 0) * total_days < elapsed_days * 100


REPORT_PERIODS: dict[str, str] = {"quarter": "quý", "half_year": "6 tháng"}


def report_period(as_of: date, period: str) -> tuple[date, date]:
    """First and last day of the reporting period (quarter or half-year) containing *as_of*."""
    if period == "quarter":
        first_month = 3 * ((as_of.month - 1) // 3) + 1
        last_month = first_month + 2
    elif period == "half_year":
        first_month = 1 if as_of.month <= 6 else 7
        last_month = first_month + 5
    else:
        raise ValueError(f"Kỳ báo cáo «{period}» không hợp lệ (quý hoặc 6 tháng).")
    last_day = date(as_of.year + (last_month == 12), 1 if last_month == 12 else last_month + 1, 1)
    return date(as_of.year, first_month, 1), date.fromordinal(last_day.toordinal() - 1)


def period_label(start: date, period: str) -> str:
    """"quý III năm 2024", "6 tháng đầu năm 2024", "6 tháng cuối năm 2024"."""
    if period == "quarter":
        return f"quý {to_roman((start.month - 1) // 3 + 1)} năm {start.year}"
    if period == "half_year":
        return f"6 tháng {'đầu' if start.month <= 6 else 'cuối'} năm {start.year}"
    raise ValueError(f"Kỳ báo cáo «{period}» không hợp lệ (quý hoặc 6 tháng).")
