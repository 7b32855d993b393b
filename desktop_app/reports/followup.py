"""What the follow-up letter (công văn đôn đốc) to one lead body shows, read in one session:
the body, its tasks overdue or due soon, their latest reports, the programmes they belong
to and the bodies the letter's sender is found among."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from ..core.status import TaskStatus
from ..store.db import Database
from .bodies import BodyDirectory, BodyRow, read_bodies
from .program_data import ProgramData, program_data_in
from .progress import LatestEntry, latest_entries_in
from .settings import setting_in
from .tasks import TaskRow, tasks_in

__all__ = ["FollowupData", "followup_data"]


def _by_due(row: TaskRow):
    return (row.due_date, row.program_id, row.position, row.id)


@dataclass(frozen=True)
class FollowupData:
    body: BodyRow | None  # None: no body with that id (nothing else is read)
    as_of: date
    due_soon_days: int = 0
    overdue: tuple[TaskRow, ...] = ()  # by due date, then programme and position
    due_soon: tuple[TaskRow, ...] = ()
    latest: Mapping[int, LatestEntry] = field(default_factory=dict)
    programs: Mapping[int, ProgramData] = field(default_factory=dict)  # those of the listed tasks
    bodies: BodyDirectory = field(default_factory=BodyDirectory)
    place: str = ""


def followup_data(db: Database, body_id: int, as_of: date, *,
                  program_ids: Sequence[int] | None = None) -> FollowupData:
    """The letter's data for the tasks body *body_id* leads (of *program_ids*, or all)."""
    with db.read() as session:
        bodies = read_bodies(session)
        body = bodies.get(body_id)
        if body is None:
            return FollowupData(None, as_of)
        due_soon_days = setting_in(session, "due_soon_days")
        rows = tasks_in(session, as_of, lead_body_ids=[body_id], program_ids=list(program_ids or []) or None,
                        statuses={TaskStatus.OVERDUE, TaskStatus.DUE_SOON}, due_soon_days=due_soon_days)
        overdue = tuple(sorted((r for r in rows if r.status == TaskStatus.OVERDUE), key=_by_due))
        due_soon = tuple(sorted((r for r in rows if r.status == TaskStatus.DUE_SOON), key=_by_due))
        listed = overdue + due_soon
        programs = {pid: program_data_in(session, pid, bodies) for pid in sorted({r.program_id for r in listed})}
        latest = latest_entries_in(session, [r.id for r in listed], as_of) if listed else {}
        place = setting_in(session, "place") or ""
    return FollowupData(body, as_of, due_soon_days, overdue, due_soon, latest, programs, bodies, place)
