"""What a new entry starts with when the program can do better than today's date (issue 13)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from ..core.dates import new_task_assigned_date
from ..store.db import Database
from ..store.models import Program, Task

__all__ = ["task_assigned_date"]


def task_assigned_date(db: Database, program_id: int | None, today: date | None = None) -> date:
    """The "Ngày giao" of a new task in *program_id*: its last task's (the one entered last),
    else the programme's issue date, else *today*."""
    today = today or date.today()
    if program_id is None:
        return today
    with db.read() as s:
        issue_date = s.scalar(select(Program.issue_date).where(Program.id == program_id))
        last_assigned = s.scalar(select(Task.assigned_date).where(Task.program_id == program_id,
                                                                   Task.assigned_date.is_not(None))
                                 .order_by(Task.id.desc()).limit(1))
    return new_task_assigned_date(issue_date, last_assigned, today)
