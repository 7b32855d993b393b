"""The whole progress log of one task as its timeline shows it: every entry, newest first,
each linked to the entry that corrects it and to the one it corrects (the log is
append-only: a wrong entry stays, struck through, once a later entry names it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from ..store.db import Database
from ..store.models import ProgressEntry

__all__ = ["LoggedEntry", "progress_log"]


@dataclass(frozen=True)
class LoggedEntry:
    """One progress entry as the timeline shows it."""

    id: int
    reported_on: date
    percent: int | None
    completed: bool
    note: str
    reported_by: str
    evidence: str
    corrects_id: int | None
    recorded_by: str
    corrected_by: LoggedEntry | None = None  # the later entry that corrects this one
    corrects: LoggedEntry | None = None  # the entry this one corrects


def progress_log(db: Database, task_id: int) -> list[LoggedEntry]:
    """Every entry of the task (corrected ones too), newest first, by report day then entry."""
    pe = ProgressEntry
    with db.read() as s:
        raw = s.execute(select(pe.id, pe.reported_on, pe.percent, pe.completed, pe.note, pe.reported_by,
                               pe.evidence, pe.corrects_id, pe.recorded_by)
                        .where(pe.task_id == task_id).order_by(pe.reported_on.desc(), pe.id.desc())).all()
    base = {r.id: LoggedEntry(r.id, r.reported_on, r.percent, bool(r.completed), r.note or "", r.reported_by or "",
                              r.evidence or "", r.corrects_id, r.recorded_by or "") for r in raw}
    by_corrected = {e.corrects_id: e for e in base.values() if e.corrects_id in base}
    return [LoggedEntry(e.id, e.reported_on, e.percent, e.completed, e.note, e.reported_by, e.evidence,
                        e.corrects_id, e.recorded_by, corrected_by=by_corrected.get(e.id),
                        corrects=base.get(e.corrects_id) if e.corrects_id else None)
            for e in base.values()]
