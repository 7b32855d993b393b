"""Progress tracking figures: the dashboard (Tổng quan), the reminder digest and the
latest report of each task, all judged on an as-of date.

Every screen, command and document that shows these figures gets them from here, so
the dashboard, ``nqdesk stats --json`` and the periodic report cannot disagree.

The figures of a group of tasks:

* ``assigned`` every task in scope (được giao);
* ``due`` tasks whose deadline has come on or before the as-of date, done or not (đến hạn);
* a partition of ``assigned``: ``done_on_time`` + ``done_late`` + ``overdue`` (not done
  after the deadline) + ``in_progress`` (not done, within the deadline, progress reported)
  + ``not_yet_due`` (not done, within the deadline, nothing reported yet);
* flags counted on top: ``due_soon`` (within the warning window), ``behind_schedule``
  (less progress than elapsed time calls for) and ``continuous_unreported`` (continuous
  tasks with no report in the current reporting period, quarter or half-year).
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from functools import lru_cache
from operator import attrgetter

from sqlalchemy import BigInteger, case, cast, func, select

from ..core.status import TaskStatus, effective_due_date, period_label, period_name, report_period
from ..core.text import sort_key
from ..i18n import N_, _
from ..store.db import Database
from ..store.models import Body, ProgressEntry, Task
from .entries import not_corrected
from .settings import get_setting
from .tasks import TaskRow, list_tasks

__all__ = [
    "FIGURE_KEYS",
    "EXTRA_KEYS",
    "FIGURE_LABELS",
    "NO_LEAD_BODY",
    "Figures",
    "BodyFigures",
    "Dashboard",
    "dashboard",
    "dashboard_from_rows",
    "dashboard_from_shapes",
    "ShapeCounts",
    "figure_keys",
    "in_figure",
    "LatestEntry",
    "latest_entries",
    "latest_entries_in",
    "DigestGroup",
    "digest_group_order",
    "digest_order",
    "reminder_digest",
    "digest",
    "ALL_BODIES",
    "FigureSelection",
]

FIGURE_KEYS = ("assigned", "due", "done_on_time", "done_late", "overdue", "in_progress", "not_yet_due")
EXTRA_KEYS = ("due_soon", "behind_schedule", "continuous_unreported")
# The labels are printed in the documents (in Vietnamese) and translated where the GUI and CLI show them.
FIGURE_LABELS: dict[str, str] = {
    "assigned": N_("Số nhiệm vụ được giao"),
    "due": N_("Đến hạn"),
    "done_on_time": N_("Hoàn thành đúng hạn"),
    "done_late": N_("Hoàn thành quá hạn"),
    "overdue": N_("Quá hạn chưa hoàn thành"),
    "in_progress": N_("Đang thực hiện trong hạn"),
    "not_yet_due": N_("Chưa đến hạn"),
    "due_soon": N_("Sắp đến hạn"),
    "behind_schedule": N_("Chậm tiến độ"),
    "continuous_unreported": N_("Thường xuyên chưa báo cáo kỳ này"),
}
NO_LEAD_BODY = N_("(chưa giao cơ quan chủ trì)")


@dataclass(frozen=True)
class Figures:
    assigned: int = 0
    due: int = 0
    done_on_time: int = 0
    done_late: int = 0
    overdue: int = 0
    in_progress: int = 0
    not_yet_due: int = 0
    due_soon: int = 0
    behind_schedule: int = 0
    continuous_unreported: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)

    @property
    def done(self) -> int:
        return self.done_on_time + self.done_late


@dataclass(frozen=True)
class BodyFigures:
    body_id: int | None
    name: str
    figures: Figures


@dataclass(frozen=True)
class Dashboard:
    as_of: date
    program_ids: tuple[int, ...] | None
    period: str
    period_start: date
    period_end: date
    overall: Figures
    by_body: tuple[BodyFigures, ...]

    @property
    def period_label(self) -> str:
        """The period as documents write it ("quý III năm 2024", always Vietnamese)."""
        return period_label(self.period_start, self.period)

    @property
    def period_name(self) -> str:
        """The period in the UI language, for screens and the CLI ("quarter III of 2024")."""
        return period_name(self.period_start, self.period)

    def as_dict(self) -> dict:
        """The machine-readable form (``nqdesk stats --json``)."""
        return {
            "as_of": self.as_of.isoformat(),
            "program_ids": list(self.program_ids) if self.program_ids is not None else None,
            "period": {"kind": self.period, "start": self.period_start.isoformat(),
                       "end": self.period_end.isoformat(), "label": self.period_label},
            "overall": self.overall.as_dict(),
            "by_body": [{"body_id": b.body_id, "name": b.name, **b.figures.as_dict()} for b in self.by_body],
        }


_DONE = (TaskStatus.DONE_ON_TIME, TaskStatus.DONE_LATE)


def _keys(kind: str | None, due: date | None, status: TaskStatus, reported: bool, behind: bool,
          last_on: date | None, as_of: date, period_start: date) -> list[str]:
    """The figures one task counts in (the rules of the module docstring)."""
    keys = ["assigned"]
    effective_due = effective_due_date(kind, due, as_of)
    if effective_due is not None and effective_due <= as_of:
        keys.append("due")
    if status == TaskStatus.DONE_ON_TIME:
        keys.append("done_on_time")
    elif status == TaskStatus.DONE_LATE:
        keys.append("done_late")
    elif status == TaskStatus.OVERDUE:
        keys.append("overdue")
    else:
        keys.append("in_progress" if reported else "not_yet_due")
        if status == TaskStatus.DUE_SOON:
            keys.append("due_soon")
    if behind:
        keys.append("behind_schedule")
    if kind == "continuous" and status not in _DONE and (last_on is None or last_on < period_start):
        keys.append("continuous_unreported")
    return keys


def figure_keys(row: TaskRow, as_of: date, period_start: date) -> list[str]:
    """The figures a task-list row counts in."""
    return _keys(row.deadline_kind, row.due_date, row.status, row.reported, row.behind, row.last_reported_on,
                 as_of, period_start)


def in_figure(row: TaskRow, key: str, as_of: date, period_start: date) -> bool:
    """Whether *row* counts in figure *key* (the dashboard's click-through filter)."""
    if key not in FIGURE_LABELS:
        raise ValueError(_("Không có chỉ tiêu «{key}».").format(key=key))
    return key in figure_keys(row, as_of, period_start)


class _Tally:
    __slots__ = ("counts",)

    def __init__(self) -> None:
        self.counts = dict.fromkeys(FIGURE_LABELS, 0)

    def add(self, keys: Iterable[str], times: int = 1) -> None:
        counts = self.counts
        for key in keys:
            counts[key] += times

    def figures(self) -> Figures:
        return Figures(**self.counts)


# Body names repeat at every count (the GUI recounts after each change): order them once.
_name_key = lru_cache(maxsize=4096)(sort_key)


def _assemble(as_of: date, program_ids, period: str, overall: _Tally, per_body: dict[int | None, _Tally],
              names: dict[int | None, str]) -> Dashboard:
    start, end = report_period(as_of, period)
    by_body = [BodyFigures(b, names.get(b) or NO_LEAD_BODY, t.figures()) for b, t in per_body.items()]
    by_body.sort(key=lambda bf: (bf.body_id is None, _name_key(bf.name)))
    return Dashboard(as_of, tuple(program_ids) if program_ids is not None else None, period, start, end,
                     overall.figures(), tuple(by_body))


# What the rules look at in a task-list row, plus its lead body: rows alike in these count alike.
_SHAPE = attrgetter("lead_body_id", "deadline_kind", "due_date", "status", "reported", "behind", "last_reported_on")
_LEAD = attrgetter("lead_body_id", "lead_body_name")


class ShapeCounts:
    """Task rows counted by what the dashboard's figures ask of them on one as-of date and
    reporting period (lead body, kind, due by then?, status, reported, behind, reported
    this period?): 100,000 tasks make a few hundred such shapes. The GUI keeps one up to
    date row by row (:meth:`add`/:meth:`remove`) so a change recounts no other task."""

    __slots__ = ("as_of", "period_start", "shapes", "names", "tallies", "changed_leads", "keys_of")

    def __init__(self, rows: Iterable[TaskRow] = (), *, as_of: date, period_start: date) -> None:
        self.as_of, self.period_start = as_of, period_start
        self.shapes: Counter = Counter()
        self.names: dict[int | None, str] = {}
        # dashboard_from_shapes keeps each lead body's figures here and counts again only
        # the bodies whose shapes changed since (an edit: one or two bodies, not all)
        self.tallies: dict[int | None, _Tally] = {}
        self.changed_leads: set[int | None] = set()
        self.keys_of: dict[tuple, list[str]] = {}  # a shape without its body → its figures
        self.add(rows)

    def _coarse(self, rows: Iterable[TaskRow]) -> Counter:
        as_of, start = self.as_of, self.period_start
        gc_was_enabled = gc.isenabled()
        gc.disable()  # 100,000 short-lived tuples: the cyclic collector only slows this down (×4)
        try:
            # count the exact shapes in C (Counter, attrgetter), then fold their dates
            exact = Counter(map(_SHAPE, rows))
        finally:
            if gc_was_enabled:
                gc.enable()
        out: Counter = Counter()
        for (lead, kind, due, status, reported, behind, last_on), count in exact.items():
            out[(lead, kind, due is not None and due <= as_of, status, reported, behind,
                 last_on is not None and last_on >= start)] += count
        return out

    def add(self, rows: Iterable[TaskRow]) -> None:
        rows = rows if isinstance(rows, (list, tuple)) else list(rows)
        coarse = self._coarse(rows)
        self.shapes.update(coarse)
        self.names.update(map(_LEAD, rows))
        self.changed_leads.update(shape[0] for shape in coarse)

    def remove(self, rows: Iterable[TaskRow]) -> None:
        shapes = self.shapes
        for shape, count in self._coarse(rows).items():
            self.changed_leads.add(shape[0])
            left = shapes[shape] - count
            if left > 0:
                shapes[shape] = left
            else:
                del shapes[shape]


def dashboard_from_rows(rows: Iterable[TaskRow], as_of: date, *, period: str = "quarter",
                        program_ids: Sequence[int] | None = None) -> Dashboard:
    """The dashboard of already-loaded task rows (the GUI's cached list), restricted to
    *program_ids* when given."""
    if program_ids:
        wanted = set(program_ids)
        rows = [row for row in rows if row.program_id in wanted]
    start, _end = report_period(as_of, period)
    return dashboard_from_shapes(ShapeCounts(rows, as_of=as_of, period_start=start), period=period,
                                 program_ids=program_ids)


def dashboard_from_shapes(counts: ShapeCounts, *, period: str = "quarter",
                          program_ids: Sequence[int] | None = None) -> Dashboard:
    """The dashboard of counted rows (counted for the as-of date and the start of the
    *period* that contains it; *program_ids* only names the scope)."""
    as_of, start = counts.as_of, counts.period_start
    if report_period(as_of, period)[0] != start:
        raise ValueError("counted for another reporting period")
    per_body = counts.tallies
    changed = counts.changed_leads
    if changed:
        keys_of = counts.keys_of
        fresh: dict[int | None, _Tally] = {}
        for shape, count in counts.shapes.items():
            lead = shape[0]
            if lead not in changed:
                continue
            tail = shape[1:]
            keys = keys_of.get(tail)  # each body repeats the same few shapes: rules applied once
            if keys is None:
                kind, due_by_today, status, reported, behind, this_period = tail
                # stand-in dates that answer the rules' two questions as the real ones did
                keys = keys_of[tail] = _keys(kind, as_of if due_by_today else None, status, reported, behind,
                                             start if this_period else None, as_of, start)
            tally = fresh.get(lead)
            if tally is None:
                tally = fresh[lead] = _Tally()
            tally.add(keys, count)
        for lead in changed:  # a body left without tasks drops out
            if lead in fresh:
                per_body[lead] = fresh[lead]
            else:
                per_body.pop(lead, None)
        changed.clear()
    overall = _Tally()
    totals = overall.counts
    for tally in per_body.values():
        for key, value in tally.counts.items():
            totals[key] += value
    return _assemble(as_of, program_ids, period, overall, per_body, counts.names)


def dashboard(db: Database, as_of: date, *, program_ids: Sequence[int] | None = None,
              due_soon_days: int | None = None, period: str | None = None) -> Dashboard:
    """The dashboard counted by the database (``nqdesk stats``, the periodic report): the
    status rule as SQL (``reports.status_sql``), tasks grouped by what the figures look at,
    so a few hundred groups come back instead of every task."""
    from .status_sql import STATE_SPAN, derived_columns, execute, unpack_state

    if due_soon_days is None:
        due_soon_days = get_setting(db, "due_soon_days")
    if period is None:
        period = get_setting(db, "continuous_report_period")
    start, _end = report_period(as_of, period)
    task_filter = Task.program_id.in_(list(program_ids)) if program_ids else None
    # The group is one integer: ((lead body + 1) × 4 + kind) × STATE_SPAN + the packed
    # state. Of the kind the figures ask only yearly, continuous or another.
    kinds = (None, "recurring_yearly", "continuous")
    kind_code = case((Task.deadline_kind == kinds[1], 1), (Task.deadline_kind == kinds[2], 2), else_=0)
    # (lead_body_id + 1, not the column itself: else SQLite reads the tasks through that
    # index, one lookup per task)
    lead_code = cast(func.coalesce(Task.lead_body_id + 1, 0), BigInteger) * 4

    def statement(stale: bool):
        source, (state,) = derived_columns(as_of, due_soon_days, start, task_filter, stale=stale, packed=True)
        group = ((lead_code + kind_code) * STATE_SPAN + state).label("shape")
        stmt = select(group, func.count()).select_from(source).group_by(group)
        return stmt if task_filter is None else stmt.where(task_filter)

    overall, per_body = _Tally(), dict[int | None, _Tally]()
    with db.read() as session:
        names = dict(session.execute(select(Body.id, Body.name)).all())
        groups = execute(session, as_of, statement)
    for shape, count in groups:
        lead_and_kind, state = divmod(shape, STATE_SPAN)
        lead_plus_one, kind = divmod(lead_and_kind, 4)
        lead = lead_plus_one - 1 if lead_plus_one else None
        status, due_by_as_of, reported, behind, this_period = unpack_state(state)
        keys_of = _keys(kinds[kind], as_of if due_by_as_of else None, status, reported, behind,
                        start if this_period else None, as_of, start)
        overall.add(keys_of, count)
        tally = per_body.get(lead)
        if tally is None:
            tally = per_body[lead] = _Tally()
        tally.add(keys_of, count)
    return _assemble(as_of, program_ids, period, overall, per_body,
                     {b: names[b] for b in per_body if b is not None})


# --- the latest report of each task --------------------------------------------------------

@dataclass(frozen=True)
class LatestEntry:
    entry_id: int
    reported_on: date
    percent: int | None
    completed: bool
    note: str
    evidence: str
    reported_by: str


def latest_entries(db: Database, task_ids: Iterable[int] | None, as_of: date) -> dict[int, LatestEntry]:
    """The latest effective progress entry (not corrected by another) dated on or before
    *as_of*, per task (of *task_ids*, or of every task when None)."""
    with db.read() as session:
        return latest_entries_in(session, task_ids, as_of)


def latest_entries_in(session, task_ids: Iterable[int] | None, as_of: date) -> dict[int, LatestEntry]:
    """:func:`latest_entries` inside an open read session."""
    pe = ProgressEntry
    base = select(pe.task_id, pe.id, pe.reported_on, pe.percent, pe.completed, pe.note, pe.evidence,
                  pe.reported_by).where(pe.reported_on <= as_of, not_corrected())
    ids = None if task_ids is None else list(task_ids)
    batches = [base] if ids is None else [base.where(pe.task_id.in_(ids[i:i + 5000]))
                                          for i in range(0, len(ids), 5000)]
    out: dict[int, LatestEntry] = {}
    for batch in batches:
        for task_id, entry_id, reported_on, percent, completed, note, evidence, by in session.execute(batch):
            seen = out.get(task_id)
            if seen is None or (reported_on, entry_id) > (seen.reported_on, seen.entry_id):
                out[task_id] = LatestEntry(entry_id, reported_on, percent, bool(completed), note or "",
                                           evidence or "", by or "")
    return out


# --- the reminder digest -------------------------------------------------------------------

@dataclass(frozen=True)
class DigestGroup:
    body_id: int | None
    name: str
    overdue: tuple[TaskRow, ...]
    due_soon: tuple[TaskRow, ...]

    @property
    def count(self) -> int:
        return len(self.overdue) + len(self.due_soon)


def reminder_digest(rows: Iterable[TaskRow], as_of: date) -> list[DigestGroup]:
    """Overdue tasks and tasks due within the warning window, grouped by lead body (in
    Vietnamese order, tasks without a lead body last); bodies with neither are left out.
    Overdue tasks longest overdue first; due-soon tasks nearest deadline first."""
    overdue: dict[int | None, list[TaskRow]] = {}
    due_soon: dict[int | None, list[TaskRow]] = {}
    names: dict[int | None, str] = {}
    for row in rows:
        if row.status == TaskStatus.OVERDUE:
            overdue.setdefault(row.lead_body_id, []).append(row)
        elif row.status == TaskStatus.DUE_SOON:
            due_soon.setdefault(row.lead_body_id, []).append(row)
        else:
            continue
        names[row.lead_body_id] = row.lead_body_name or NO_LEAD_BODY

    groups = [DigestGroup(body, names[body], tuple(sorted(overdue.get(body, ()), key=digest_order)),
                          tuple(sorted(due_soon.get(body, ()), key=digest_order)))
              for body in names]
    groups.sort(key=digest_group_order)
    return groups


def digest_order(row: TaskRow) -> tuple:
    """A body's tasks in the digest: nearest (longest overdue) deadline first; the id last
    makes it a total order."""
    return (row.due_date or date.max, row.program_id, row.position, row.id)


def digest_group_order(group: DigestGroup) -> tuple:
    """The bodies in the digest: Vietnamese order of names, tasks without a lead body last."""
    return (group.body_id is None, _name_key(group.name))


def digest(db: Database, as_of: date, *, due_soon_days: int | None = None,
           program_ids: Sequence[int] | None = None) -> list[DigestGroup]:
    rows = list_tasks(db, as_of, program_ids=list(program_ids) if program_ids else None,
                      statuses={TaskStatus.OVERDUE, TaskStatus.DUE_SOON}, due_soon_days=due_soon_days)
    return reminder_digest(rows, as_of)



# --- a figure as a task filter (the dashboard's click-through) ------------------------------

ALL_BODIES = object()  # FigureSelection.body_id: any lead body


@dataclass(frozen=True)
class FigureSelection:
    """The tasks behind one dashboard figure: *key* among the tasks of *program_ids* (all
    programmes when empty) led by *body_id* (None: no lead body; ALL_BODIES: any)."""

    key: str
    as_of: date
    period_start: date
    body_id: object = ALL_BODIES
    program_ids: tuple[int, ...] = ()

    def matches(self, row: TaskRow) -> bool:
        if self.program_ids and row.program_id not in self.program_ids:
            return False
        if self.body_id is not ALL_BODIES and row.lead_body_id != self.body_id:
            return False
        return in_figure(row, self.key, self.as_of, self.period_start)
