"""Everything the periodic report (Word and Excel) shows, gathered in one read session:
the task list on the last day of the period, its figures, what happened in the period, each
task's latest progress report, the programmes it cites and the bodies that issue it.

Statuses are computed once (the figures are counted from the same rows the appendix lists)
and the progress log is read once: the task statuses, the latest reports and the period's
activity all come from that one read."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from ..core.numbers import format_int
from ..core.status import TaskStatus, summarise_log
from ..core.task_order import document_order
from ..store.db import Database
from ..store.models import ProgressEntry, Task
from .bodies import BodyDirectory, read_bodies
from .entries import not_corrected
from .program_data import ProgramData, program_data_in
from .progress import Dashboard, LatestEntry, dashboard_from_rows
from .settings import setting_in
from .tasks import TaskRow, bulk_connection, tasks_in

__all__ = ["PeriodActivity", "PeriodicReportData", "periodic_report_data", "activity_of", "latest_of"]


@dataclass(frozen=True)
class PeriodActivity:
    """What happened between two dates (both included) among some tasks."""

    date_from: date
    date_to: date
    completed: int  # tasks whose (first counted) completion falls in the period
    completed_on_time: int
    reports: int  # effective progress entries dated in the period
    tasks_reported: int  # tasks with at least one of them

    def sentence(self) -> str:  # document text
        if self.completed:
            done = (f"{format_int(self.completed)} nhiệm vụ được báo cáo hoàn thành"  # document text
                    f" ({format_int(self.completed_on_time)} đúng hạn)")
        else:
            done = "không có nhiệm vụ nào được báo cáo hoàn thành"  # document text
        if self.reports:
            sent = (f"các cơ quan đã gửi {format_int(self.reports)} báo cáo tiến độ"  # document text
                    f" về {format_int(self.tasks_reported)} nhiệm vụ")
        else:
            sent = "các cơ quan chưa gửi báo cáo tiến độ nào"  # document text
        return f"Trong kỳ, {done}; {sent}."


@dataclass(frozen=True)
class PeriodicReportData:
    date_from: date
    date_to: date
    program_ids: tuple[int, ...] | None
    rows: tuple[TaskRow, ...]  # in document order, with their coordinating bodies
    board: Dashboard  # the figures on date_to, counted from rows
    activity: PeriodActivity
    latest: Mapping[int, LatestEntry]  # task id → latest effective report on or before date_to
    programs: Mapping[int, ProgramData]  # the programmes of rows, by id
    bodies: BodyDirectory
    place: str  # the place-name setting


# (task id, entry id, reported on, percent, completed, note, evidence, reported by)
_LogRow = tuple[int, int, date, "int | None", bool, str, str, str]


def latest_of(log: Sequence[_LogRow]) -> dict[int, LatestEntry]:
    """The latest entry per task (by date, then id) of effective log rows."""
    out: dict[int, LatestEntry] = {}
    for task_id, entry_id, reported_on, percent, completed, note, evidence, by in log:
        seen = out.get(task_id)
        if seen is None or (reported_on, entry_id) > (seen.reported_on, seen.entry_id):
            out[task_id] = LatestEntry(entry_id, reported_on, percent, bool(completed), note or "", evidence or "",
                                       by or "")
    return out


def activity_of(rows: Sequence[TaskRow], log: Sequence[_LogRow], date_from: date, date_to: date) -> PeriodActivity:
    """What happened in the period among *rows* (the task list on *date_to*), from effective
    log rows covering them."""
    completed = [r for r in rows if r.completed_on is not None and date_from <= r.completed_on <= date_to]
    on_time = sum(1 for r in completed if r.status == TaskStatus.DONE_ON_TIME)
    ids = {r.id for r in rows}
    in_period = [e[0] for e in log if e[0] in ids and date_from <= e[2] <= date_to]
    return PeriodActivity(date_from, date_to, len(completed), on_time, len(in_period), len(set(in_period)))


def periodic_report_data(db: Database, date_from: date, date_to: date, *,
                         program_ids: Sequence[int] | None = None) -> PeriodicReportData:
    """The periodic report's data for *date_from*–*date_to* (both included), of the
    programmes *program_ids* (all when None or empty)."""
    wanted = sorted(set(program_ids)) if program_ids else None
    pe = ProgressEntry
    stmt = select(pe.task_id, pe.id, pe.reported_on, pe.percent, pe.completed, pe.note, pe.evidence,
                  pe.reported_by).where(pe.reported_on <= date_to, not_corrected())
    if wanted is not None:
        stmt = stmt.where(pe.task_id.in_(select(Task.id).where(Task.program_id.in_(wanted))))
    with db.read() as session:
        log = [tuple(r) for r in bulk_connection(session).execute(stmt)]
        summaries = summarise_log(((e[0], e[2], e[4], e[3], e[1]) for e in log), date_to)
        rows = tuple(document_order(tasks_in(session, date_to, program_ids=wanted, with_coordinators=True,
                                             summaries=summaries)))
        period = setting_in(session, "continuous_report_period")
        bodies = read_bodies(session)
        programs = {pid: program_data_in(session, pid, bodies) for pid in sorted({r.program_id for r in rows})}
        place = setting_in(session, "place") or ""
    board = dashboard_from_rows(rows, date_to, period=period, program_ids=wanted)
    return PeriodicReportData(
        date_from, date_to, tuple(wanted) if wanted is not None else None, rows, board,
        activity_of(rows, log, date_from, date_to), latest_of(log), programs, bodies, place)
