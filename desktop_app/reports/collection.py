"""What the report-collection round sends out: per lead body, the tasks it is asked to
report on as of a date (typed, immutable rows for export/collection_xlsx.py).

Tasks already completed on the date are not asked about again; tasks without a lead body
cannot be sent to anyone and are counted apart (``unassigned``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from sqlalchemy import select

from ..core.collection_form import task_fingerprint
from ..core.deadlines import deadline_with_due_date
from ..core.status import STATUS_LABELS
from ..core.text import sort_key
from ..store.db import Database
from ..store.models import Body
from .tasks import list_tasks

__all__ = ["FormTask", "BodyForm", "CollectionRound", "collection_round"]


class FormTask(NamedTuple):
    task_id: int
    fingerprint: str
    program_label: str
    content: str
    deadline: str  # as written, with its due date where the text does not say it
    status_label: str
    last_percent: int | None


@dataclass(frozen=True)
class BodyForm:
    body_id: int
    body_name: str
    body_code: str
    tasks: tuple[FormTask, ...]


@dataclass(frozen=True)
class CollectionRound:
    as_of: date
    forms: tuple[BodyForm, ...]
    completed_skipped: int  # tasks already completed on the date: not asked again
    unassigned: int  # tasks with no lead body: no form to put them on


def collection_round(db: Database, as_of: date, program_ids: list[int],
                     body_ids: list[int] | None = None) -> CollectionRound:
    """One form per lead body of the tasks of *program_ids* (only *body_ids* when given),
    bodies in Vietnamese order, tasks in programme then appendix order."""
    rows = list_tasks(db, as_of, program_ids=program_ids or None, lead_body_ids=body_ids or None)
    with db.read() as s:
        bodies = {b.id: (b.name, b.short_name, b.code or "") for b in s.execute(
            select(Body.id, Body.name, Body.short_name, Body.code))}
    per_body: dict[int, list[FormTask]] = {}
    completed = unassigned = 0
    for r in rows:
        if r.lead_body_id is None:
            unassigned += 1
            continue
        if r.completed_on is not None:
            completed += 1
            continue
        fingerprint = task_fingerprint(r.program_id, r.content, r.lead_body_id, r.deadline_kind, r.due_date,
                                       r.deadline_text, r.assigned_date)
        per_body.setdefault(r.lead_body_id, []).append(FormTask(
            r.id, fingerprint, r.program_label or r.program_title, r.content,
            deadline_with_due_date(r.deadline_text, r.deadline_kind, r.due_date),
            STATUS_LABELS[r.status], r.last_percent))
    forms = [BodyForm(b, bodies[b][0], bodies[b][2], tuple(tasks)) for b, tasks in per_body.items()]
    forms.sort(key=lambda f: sort_key(f.body_name))
    return CollectionRound(as_of, tuple(forms), completed, unassigned)
