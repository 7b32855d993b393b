"""Task list and status figures as of a date, computed in a few set-based queries.

Status is derived (``core.status``) from the deadline and the *effective* progress log
(entries not corrected by a later entry), looking only at what was reported on or before
the as-of date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import and_, case, func, select

from ..core.status import TaskFacts, TaskStatus, count_by_status, task_status
from ..core.text import fold
from ..ops.settings import get_setting
from ..store.db import Database
from ..store.models import Body, Program, ProgressEntry, Task


@dataclass(frozen=True)
class TaskRow:
    id: int
    program_id: int
    program_title: str
    group_title: str
    position: int
    content: str
    lead_body_id: int | None
    lead_body_name: str
    product: str
    deadline_kind: str | None
    due_date: date | None
    deadline_text: str
    assigned_date: date | None
    status: TaskStatus
    last_percent: int | None
    completed_on: date | None


def folded_match(column, text: str | None) -> list:
    """Condition(s) for the quick search: the folded phrase anywhere in *column*.

    A phrase, not separate words: Vietnamese words are syllables, and "dang" alone would
    match đang, đăng, dạng… all over the text.
    """
    phrase = fold(text)
    if not phrase:
        return []
    escaped = phrase.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return [column.like(f"%{escaped}%", escape="\\")]


def _progress_facts(as_of: date):
    pe = ProgressEntry
    corrected = select(pe.corrects_id).where(pe.corrects_id.is_not(None)).scalar_subquery()
    effective = pe.id.not_in(corrected)
    year_start = date(as_of.year, 1, 1)
    upto = pe.reported_on <= as_of
    this_year = and_(pe.reported_on >= year_start, upto)
    facts = (
        select(
            pe.task_id.label("task_id"),
            func.min(case((and_(pe.completed, upto), pe.reported_on))).label("done_on"),
            func.min(case((and_(pe.completed, this_year), pe.reported_on))).label("done_this_year"),
            func.min(case((upto, pe.reported_on))).label("first_report"),
            func.max(case((this_year, pe.reported_on))).label("report_this_year"),
        )
        .where(effective)
        .group_by(pe.task_id)
        .subquery()
    )
    ranked = (
        select(
            pe.task_id.label("task_id"),
            pe.percent.label("percent"),
            func.row_number()
            .over(partition_by=pe.task_id, order_by=(pe.reported_on.desc(), pe.id.desc()))
            .label("rn"),
        )
        .where(effective, upto, pe.percent.is_not(None))
        .subquery()
    )
    latest = select(ranked.c.task_id, ranked.c.percent).where(ranked.c.rn == 1).subquery()
    return facts, latest


def list_tasks(
    db: Database,
    as_of: date,
    *,
    search: str | None = None,
    program_ids: list[int] | None = None,
    lead_body_ids: list[int] | None = None,
    statuses: set[TaskStatus] | None = None,
    due_from: date | None = None,
    due_to: date | None = None,
    due_soon_days: int | None = None,
) -> list[TaskRow]:
    if due_soon_days is None:
        due_soon_days = get_setting(db, "due_soon_days")
    facts, latest = _progress_facts(as_of)
    stmt = (
        select(
            Task.id, Task.program_id, Program.title, Task.group_title, Task.position, Task.content,
            Task.lead_body_id, Body.name, Task.product, Task.deadline_kind, Task.due_date, Task.deadline_text,
            Task.assigned_date, facts.c.done_on, facts.c.done_this_year, facts.c.first_report,
            facts.c.report_this_year, latest.c.percent,
        )
        .join(Program, Program.id == Task.program_id)
        .outerjoin(Body, Body.id == Task.lead_body_id)
        .outerjoin(facts, facts.c.task_id == Task.id)
        .outerjoin(latest, latest.c.task_id == Task.id)
        .order_by(Task.program_id, Task.position, Task.id)
    )
    conditions = folded_match(Task.search_fold, search)
    if program_ids:
        conditions.append(Task.program_id.in_(program_ids))
    if lead_body_ids:
        conditions.append(Task.lead_body_id.in_(lead_body_ids))
    if due_from is not None:
        conditions.append(Task.due_date >= due_from)
    if due_to is not None:
        conditions.append(Task.due_date <= due_to)
    if conditions:
        stmt = stmt.where(*conditions)
    rows: list[TaskRow] = []
    with db.read() as session:
        for r in session.execute(stmt):
            yearly = r.deadline_kind == "recurring_yearly"
            done = r.done_this_year if yearly else r.done_on
            reported = r.report_this_year if yearly else r.first_report
            status = task_status(
                TaskFacts(r.deadline_kind, r.due_date, (done,) if done else (), (reported,) if reported else ()),
                as_of, due_soon_days,
            )
            if statuses and status not in statuses:
                continue
            rows.append(TaskRow(
                r.id, r.program_id, r.title, r.group_title, r.position, r.content, r.lead_body_id, r.name or "",
                r.product, r.deadline_kind, r.due_date, r.deadline_text, r.assigned_date, status, r.percent, done,
            ))
    return rows


@dataclass
class BodyCounts:
    body_id: int | None
    name: str
    counts: dict[TaskStatus, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class StatusFigures:
    as_of: date
    overall: dict[TaskStatus, int]
    by_body: list[BodyCounts] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.overall.values())


def status_figures(db: Database, as_of: date, *, program_ids: list[int] | None = None,
                   due_soon_days: int | None = None) -> StatusFigures:
    """Task counts by status, overall and per lead body (bodies in Vietnamese order)."""
    from ..core.text import sort_key

    rows = list_tasks(db, as_of, program_ids=program_ids, due_soon_days=due_soon_days)
    per_body: dict[int | None, list[TaskStatus]] = {}
    names: dict[int | None, str] = {}
    for row in rows:
        per_body.setdefault(row.lead_body_id, []).append(row.status)
        names[row.lead_body_id] = row.lead_body_name or "(chưa giao cơ quan chủ trì)"
    by_body = [BodyCounts(b, names[b], count_by_status(s)) for b, s in per_body.items()]
    by_body.sort(key=lambda bc: (bc.body_id is None, sort_key(bc.name)))
    return StatusFigures(as_of, count_by_status(r.status for r in rows), by_body)
