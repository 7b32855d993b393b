"""Task status as official tracking reports name it, judged on a given day.

A task's status depends only on its deadline (kind and computed due date), the dates
on which it was reported completed and the dates on which progress was reported, and
on the day we look from (``as_of``). Entries dated after ``as_of`` did not exist yet on
that day and are ignored, so the status of any past day can be reproduced.

Pure logic: no I/O, no database, no Qt.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import NamedTuple, Protocol

from ..i18n import N_, _, ngettext
from ..i18n import format_int as format_count
from .dates import format_date, to_roman
from .deadlines import DEADLINE_KINDS
from .numbers import format_int

__all__ = [
    "TaskStatus",
    "STATUS_LABELS",
    "STATUS_COLOURS",
    "STATUS_ORDER",
    "DEADLINE_KINDS",
    "TaskFacts",
    "effective_due_date",
    "LogSummary",
    "summarise_log",
    "log_summary_rows",
    "TaskState",
    "task_state",
    "task_status",
    "due_soon_days_ok",
    "report_period_ok",
    "completion_clash",
    "count_by_status",
    "REPORT_PERIODS",
    "behind_schedule",
    "report_period",
    "period_label",
    "DAYS_LATE",
    "DUE_TODAY",
    "DAYS_LEFT",
    "days_late_or_left",
    "days_phrase",
]


class TaskStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    DONE_ON_TIME = "done_on_time"
    DONE_LATE = "done_late"


# Labels in the vocabulary of official tracking reports: printed in documents as they are,
# translated by the GUI where it shows them (``_(STATUS_LABELS[status])``).
STATUS_LABELS: dict[TaskStatus, str] = {
    TaskStatus.DONE_ON_TIME: N_("Hoàn thành đúng hạn"),
    TaskStatus.DONE_LATE: N_("Hoàn thành quá hạn"),
    TaskStatus.OVERDUE: N_("Quá hạn chưa hoàn thành"),
    TaskStatus.DUE_SOON: N_("Sắp đến hạn"),
    TaskStatus.IN_PROGRESS: N_("Đang thực hiện trong hạn"),
    TaskStatus.NOT_STARTED: N_("Chưa thực hiện"),
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
        raise ValueError(_("Loại thời hạn «{kind}» không hợp lệ.").format(kind=kind))


def effective_due_date(kind: str | None, due_date: date | None, as_of: date) -> date | None:
    """The due date that applies on *as_of*.

    A yearly task is due on 31/12 of the year of *as_of*; continuous work has no due
    date; every other kind keeps its computed *due_date* (None if not known yet).
    """
    _check_kind(kind)
    return _effective_due(kind, due_date, as_of)


def _effective_due(kind: str | None, due_date: date | None, as_of: date) -> date | None:
    if kind == "recurring_yearly":
        return date(as_of.year, 12, 31)
    if kind == "continuous":
        return None
    return due_date


class LogSummary:
    """What the status needs from one task's effective progress log (entries not corrected
    by a later entry) as seen on an as-of date: over the whole log, and over the as-of
    year alone (a yearly task is judged on this year's round)."""

    __slots__ = ("done", "done_year", "reported", "reported_year", "latest", "percent", "last_on", "last_on_year")

    def __init__(self) -> None:
        self.done: date | None = None  # earliest completion
        self.done_year: date | None = None
        self.reported = self.reported_year = False
        self.latest: tuple[date, int] | None = None  # (reported on, entry id) of the latest entry with a percent
        self.percent: int | None = None  # its percent
        self.last_on: date | None = None  # latest report
        self.last_on_year: date | None = None


EMPTY_LOG = LogSummary()


def summarise_log(entries: Iterable[tuple[int, date, bool, int | None, int]], as_of: date) -> dict[int, LogSummary]:
    """One pass over effective progress entries ``(task id, reported on, completed,
    percent, entry id)``, any order: a summary per task. Entries dated after *as_of* did
    not exist yet on that day and are skipped. (The task list feeds 250,000 entries
    through this loop: keep it flat.)"""
    year = as_of.year
    out: dict[int, LogSummary] = {}
    for task_id, reported_on, completed, percent, entry_id in entries:
        if reported_on > as_of:
            continue
        s = out.get(task_id)
        if s is None:
            s = out[task_id] = LogSummary()
        this_year = reported_on.year == year
        s.reported = True
        if s.last_on is None or reported_on > s.last_on:
            s.last_on = reported_on
        if this_year:
            s.reported_year = True
            if s.last_on_year is None or reported_on > s.last_on_year:
                s.last_on_year = reported_on
        if completed:
            if s.done is None or reported_on < s.done:
                s.done = reported_on
            if this_year and (s.done_year is None or reported_on < s.done_year):
                s.done_year = reported_on
        if percent is not None:
            key = (reported_on, entry_id)
            if s.latest is None or key > s.latest:
                s.latest, s.percent = key, percent
    return out


# A row of task_log_summaries: task id, last_on (never None in a row), done, done_last_year,
# percent_on, percent_entry_id, percent.
SummaryRow = tuple[int, date | None, date | None, date | None, date | None, int | None, int | None]


def log_summary_rows(entries: Iterable[tuple[int, date, bool, int | None, int]]) -> list[SummaryRow]:
    """The rows of ``task_log_summaries`` of the tasks of *entries* (their effective progress
    entries, as :func:`summarise_log` takes them), in task id order, with the columns of
    ``reports.log_summary.SUMMARY_COLUMNS``: task id, latest report, earliest completion,
    earliest completion in the year of the latest report, then the day, id and percent of
    the latest entry with a percent. What ``reports.log_summary.summary_rows`` computes in
    the database, from entries in hand: an import that has just written 250,000 entries
    need not read them back (issue 12). :func:`summarise_log` over all dates, then one pass
    for the completions of each task's last year."""
    entries = entries if isinstance(entries, list) else list(entries)
    whole = summarise_log(entries, date.max)
    done_last_year: dict[int, date] = {}
    for task_id, reported_on, completed, _percent, _entry_id in entries:
        if completed and reported_on.year == whole[task_id].last_on.year:  # type: ignore[union-attr]
            known = done_last_year.get(task_id)
            if known is None or reported_on < known:
                done_last_year[task_id] = reported_on
    rows: list[SummaryRow] = []
    for task_id in sorted(whole):
        s = whole[task_id]
        percent_on, percent_entry_id = s.latest if s.latest is not None else (None, None)
        rows.append((task_id, s.last_on, s.done, done_last_year.get(task_id), percent_on, percent_entry_id,
                     s.percent))
    return rows


class TaskState(NamedTuple):
    status: TaskStatus
    completed_on: date | None  # the completion that counts
    reported: bool  # any progress that counts
    last_reported_on: date | None  # the latest report that counts
    behind: bool  # chậm tiến độ (behind_schedule)


# TaskState(...) goes through a Python-level __new__; the task list builds 100,000 of them
_new_state = tuple.__new__


def task_state(kind: str | None, due: date | None, assigned: date | None, log: LogSummary, as_of: date,
               due_soon_days: int = 14) -> TaskState:
    """The state of one task on *as_of*, from its deadline (kind, computed due date), its
    assignment date and the summary of its log. A yearly task is judged on this year's
    round only: due 31/12, started 01/01 at the earliest, and last year's reports don't
    count."""
    percent = log.percent
    effective_due = _effective_due(kind, due, as_of)
    if kind == "recurring_yearly":
        year_start = date(as_of.year, 1, 1)
        done, reported, last_on = log.done_year, log.reported_year, log.last_on_year
        start: date | None = year_start if assigned is None or assigned < year_start else assigned
        if log.latest is not None and log.latest[0] < year_start:
            percent = None
    else:
        done, reported, last_on, start = log.done, log.reported, log.last_on, assigned
    status = status_from_summary(kind, effective_due, done, reported, as_of, due_soon_days)
    behind = done is None and behind_schedule(start, effective_due, percent, False, as_of)
    return _new_state(TaskState, (status, done, reported, last_on, behind))


def _facts_log(task: _TaskLike) -> Iterator[tuple[int, date, bool, int | None, int]]:
    for d in task.completion_dates:
        yield 0, d, True, None, 0
    for d in task.progress_dates:
        yield 0, d, False, None, 0


def task_status(task: _TaskLike, as_of: date, due_soon_days: int = 14) -> TaskStatus:
    """Status of *task* seen on *as_of*, by the rules the task list runs (``task_state``
    on ``summarise_log``).

    Only completions and progress dated on or before *as_of* count; for a yearly task
    only those within the year of *as_of* count, and it is due on 31/12 of that year.
    """
    if due_soon_days < 0:
        raise ValueError(
            _("Số ngày báo «sắp đến hạn» phải từ 0 trở lên (đang là {days}).").format(days=due_soon_days)
        )
    _check_kind(task.deadline_kind)
    log = summarise_log(_facts_log(task), as_of).get(0, EMPTY_LOG)
    return task_state(task.deadline_kind, task.due_date, None, log, as_of, due_soon_days).status


def status_from_summary(kind: str | None, due: date | None, completed_on: date | None, reported: bool,
                        as_of: date, due_soon_days: int = 14) -> TaskStatus:
    """The status rules on an already-filtered summary: *due* is the effective due date,
    *completed_on* the earliest completion that counts on *as_of*, *reported* whether
    any progress counts."""
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


REPORT_PERIODS: dict[str, str] = {"quarter": N_("quý"), "half_year": N_("6 tháng")}


def due_soon_days_ok(value: object) -> bool:
    """The «due soon» window a setting may hold: whole days, 0-365."""
    return not isinstance(value, bool) and isinstance(value, int) and 0 <= value <= 365


def report_period_ok(value: object) -> bool:
    """The reporting period of continuous tasks a setting may hold."""
    return isinstance(value, str) and value in ("quarter", "half_year")


def completion_clash(task_kind: str | None, done: list[date], reported_on: date) -> str | None:
    """The refusal of a second completion, or None. *done*: the days of the task's entries
    in effect (not corrected, not the one being corrected) that record a completion. A task
    is completed once; a yearly task ("Hằng năm") once a year. Shared by the operations,
    the import and ``nqdesk check``."""
    yearly = task_kind == "recurring_yearly"
    clash = [d for d in done if not yearly or d.year == reported_on.year]
    if not clash:
        return None
    if yearly:
        return _("Nhiệm vụ đã được ghi hoàn thành trong năm {year} ngày {date}. Nếu ghi nhầm, hãy đính chính "
                 "mục đó.").format(year=reported_on.year, date=format_date(min(clash)))
    return _("Nhiệm vụ đã được ghi hoàn thành ngày {date}. Nếu ghi nhầm, hãy đính chính mục đó.").format(
        date=format_date(min(clash)))


def report_period(as_of: date, period: str) -> tuple[date, date]:
    """First and last day of the reporting period (quarter or half-year) containing *as_of*."""
    if period == "quarter":
        first_month = 3 * ((as_of.month - 1) // 3) + 1
        last_month = first_month + 2
    elif period == "half_year":
        first_month = 1 if as_of.month <= 6 else 7
        last_month = first_month + 5
    else:
        raise ValueError(_("Kỳ báo cáo «{period}» không hợp lệ (quý hoặc 6 tháng).").format(period=period))
    last_day = date(as_of.year + (last_month == 12), 1 if last_month == 12 else last_month + 1, 1)
    return date(as_of.year, first_month, 1), date.fromordinal(last_day.toordinal() - 1)


def period_label(start: date, period: str) -> str:  # document text
    """"quý III năm 2024", "6 tháng đầu năm 2024", "6 tháng cuối năm 2024": as documents print it,
    in every UI language (the screens use :func:`period_name`)."""
    if period == "quarter":
        return f"quý {to_roman((start.month - 1) // 3 + 1)} năm {start.year}"
    if period == "half_year":
        return f"6 tháng {'đầu' if start.month <= 6 else 'cuối'} năm {start.year}"
    raise ValueError(_("Kỳ báo cáo «{period}» không hợp lệ (quý hoặc 6 tháng).").format(period=period))


DAYS_LATE, DUE_TODAY, DAYS_LEFT = "late", "today", "left"


def days_late_or_left(due: date, as_of: date) -> tuple[str, int]:
    """How far *as_of* is from *due*: (DAYS_LATE, days past it), (DUE_TODAY, 0) or
    (DAYS_LEFT, days to go). Pass the effective due date (``effective_due_date``)."""
    days = (due - as_of).days
    if days < 0:
        return DAYS_LATE, -days
    return (DUE_TODAY, 0) if days == 0 else (DAYS_LEFT, days)


def period_name(start: date, period: str) -> str:
    """The reporting period in the UI language, for screens and messages: "quý III năm 2024"
    ("quarter III of 2024" in English). Documents print :func:`period_label`."""
    if period == "quarter":
        return _("quý {quarter} năm {year}").format(quarter=to_roman((start.month - 1) // 3 + 1), year=start.year)
    if period == "half_year":
        if start.month <= 6:
            return _("6 tháng đầu năm {year}").format(year=start.year)
        return _("6 tháng cuối năm {year}").format(year=start.year)
    raise ValueError(_("Kỳ báo cáo «{period}» không hợp lệ (quý hoặc 6 tháng).").format(period=period))


def days_phrase(due: date | None, as_of: date) -> str:  # document text
    """"quá hạn 3 ngày", "đến hạn hôm nay", "còn 9 ngày"; "" without a due date. Document wording
    (screens and the CLI use :func:`days_text`, translated)."""
    if due is None:
        return ""
    kind, days = days_late_or_left(due, as_of)
    if kind == DAYS_LATE:
        return f"quá hạn {format_int(days)} ngày"
    return "đến hạn hôm nay" if kind == DUE_TODAY else f"còn {format_int(days)} ngày"


def days_text(due: date | None, as_of: date) -> str:
    """:func:`days_phrase` in the UI language, for screens and the CLI: "quá hạn 3 ngày" /
    "3 days overdue"; "" without a due date."""
    if due is None:
        return ""
    kind, days = days_late_or_left(due, as_of)
    if kind == DAYS_LATE:
        return ngettext("quá hạn {n} ngày", "quá hạn {n} ngày", days).format(n=format_count(days))
    if kind == DUE_TODAY:
        return _("đến hạn hôm nay")
    return ngettext("còn {n} ngày", "còn {n} ngày", days).format(n=format_count(days))
