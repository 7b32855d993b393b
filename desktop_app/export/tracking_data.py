"""What the follow-up letter and the periodic reports read besides the task list: the
programmes they cite, each task's latest progress report, and what happened in a period.

Read-only. Progress is an append-only log: an entry corrected by a later one
(``corrects_id``) no longer counts, exactly as the task list sees it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from ..core.dates import format_date
from ..core.numbers import format_int
from ..core.text import single_line
from ..reports.entries import not_corrected
from ..store.db import Database
from ..store.models import ProgressEntry
from .program_docx import (
    ProgramData, load_program_data, program_citation, program_short_citation, program_symbol,
)

__all__ = ["ProgramRef", "program_refs", "programs_phrase", "latest_entries", "progress_text", "PeriodActivity", "period_activity"]


@dataclass(frozen=True)
class ProgramRef:
    id: int
    short: str  # "Chương trình hành động số 15-CTr/TU"
    full: str  # the first citation in full
    symbol: str  # "15-CTr/TU" ("" for a draft)
    data: ProgramData


def program_refs(db: Database, program_ids) -> dict[int, ProgramRef]:
    """The programmes *program_ids* as documents cite them."""
    out = {}
    with db.read() as session:
        for program_id in sorted(set(program_ids)):
            data = load_program_data(session, program_id)
            out[program_id] = ProgramRef(program_id, program_short_citation(data), program_citation(data),
                                         program_symbol(data), data)
    return out


def latest_entries(db: Database, task_ids, as_of: date) -> dict:
    """Each task's latest effective progress entry on or before *as_of*
    (:func:`desktop_app.reports.progress.latest_entries`)."""
    from ..reports.progress import latest_entries as latest

    return latest(db, list(task_ids), as_of)


def progress_text(entry, *, with_note: bool = True) -> str:
    """"60% (20/05/2024, Báo cáo số 45-BC/BCSĐ): Đã rà soát…"; "" when there is no entry."""
    if entry is None:
        return ""
    if entry.completed:
        head = "Hoàn thành"
    elif entry.percent is not None:
        head = f"{entry.percent}%"
    else:
        head = "Đã báo cáo"
    evidence = single_line(entry.evidence)
    text = f"{head} ({format_date(entry.reported_on)}{', ' + evidence if evidence else ''})"
    note = single_line(entry.note) if with_note else ""
    return f"{text}: {note}" if note else text


def programs_phrase(refs: list[ProgramRef]) -> str:
    """"Chương trình hành động số 15-CTr/TU, 17-CTr/TU" (issued programmes of one kind share
    the name); drafts and other kinds are listed after, joined with "và"."""
    by_kind: dict[str, list[str]] = {}
    others: list[str] = []
    for ref in refs:
        if ref.symbol:
            by_kind.setdefault(ref.short[: -len(ref.symbol)].strip(), []).append(ref.symbol)
        else:
            others.append(ref.short)
    parts = [f"{kind} {', '.join(symbols)}" for kind, symbols in by_kind.items()] + others
    if len(parts) <= 1:
        return "".join(parts)
    return "; ".join(parts[:-1]) + " và " + parts[-1]


@dataclass(frozen=True)
class PeriodActivity:
    """What happened between two dates (both included) among some tasks."""

    date_from: date
    date_to: date
    completed: int  # tasks whose (first counted) completion falls in the period
    completed_on_time: int
    reports: int  # effective progress entries dated in the period
    tasks_reported: int  # tasks with at least one of them

    def sentence(self) -> str:
        return (f"Trong kỳ, {format_int(self.completed)} nhiệm vụ được báo cáo hoàn thành"
                f" ({format_int(self.completed_on_time)} đúng hạn); các cơ quan đã gửi {format_int(self.reports)} "
                f"báo cáo tiến độ về {format_int(self.tasks_reported)} nhiệm vụ.")


def period_activity(db: Database, rows, date_from: date, date_to: date) -> PeriodActivity:
    """*rows*: the task list on *date_to* (``reports.tasks.TaskRow``)."""
    from ..core.status import TaskStatus

    completed = [r for r in rows if r.completed_on is not None and date_from <= r.completed_on <= date_to]
    on_time = sum(1 for r in completed if r.status == TaskStatus.DONE_ON_TIME)
    ids = [r.id for r in rows]
    reports = tasks_reported = 0
    if ids:
        pe = ProgressEntry
        with db.read() as session:
            for i in range(0, len(ids), 5000):
                n, t = session.execute(
                    select(func.count(pe.id), func.count(func.distinct(pe.task_id))).where(
                        pe.task_id.in_(ids[i:i + 5000]), pe.reported_on >= date_from, pe.reported_on <= date_to,
                        not_corrected())).one()
                reports += n
                tasks_reported += t
    return PeriodActivity(date_from, date_to, len(completed), on_time, reports, tasks_reported)
