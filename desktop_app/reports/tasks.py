"""Task list and status figures as of a date, computed in a few set-based queries.

Status is derived (``core.status``) from the deadline and the *effective* progress log
(entries not corrected by a later entry), looking only at what was reported on or before
the as-of date.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple
from collections.abc import Collection, Mapping

from sqlalchemy import or_, select

from ..core.status import EMPTY_LOG, LogSummary, TaskStatus, count_by_status, summarise_log, task_state
from ..core.text import fold
from ..i18n import N_
from ..store.db import Database
from ..store.models import Body, Document, Program, ProgramDocument, ProgressEntry, Task, TaskCoordinator
from .entries import not_corrected
from .settings import setting_in


class TaskRow(NamedTuple):
    """One task as lists show it (a NamedTuple: 100,000 of them are built per load)."""

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
    coordinating_bodies: str = ""  # names, "; "-separated (only with with_coordinators=True)
    program_label: str = ""  # short: "15-CTr/TU (42-NQ/TW)", "Dự thảo (44-NQ/TW)"
    search_fold: str = ""  # the stored folded text (content, product, group)
    reported: bool = False  # any progress that counts on the as-of date
    last_reported_on: date | None = None  # the latest counted report (of this year for yearly tasks)
    behind: bool = False  # chậm tiến độ (core.status.behind_schedule)


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


def quick_search(text: str | None) -> list:
    """The quick search as one condition: the folded phrase in the task's own text or in
    the name (short name, code) of its lead or a coordinating body ("dang uy" finds the
    tasks of "Đảng ủy …" bodies), as the task list of the GUI does."""
    own = folded_match(Task.search_fold, text)
    if not own:
        return []
    bodies = select(Body.id).where(*folded_match(Body.search_fold, text))
    coordinated = select(TaskCoordinator.task_id).where(TaskCoordinator.body_id.in_(bodies))
    return [or_(own[0], Task.lead_body_id.in_(bodies), Task.id.in_(coordinated))]


def log_summaries(session, as_of: date, task_ids: list[int] | None) -> dict[int, LogSummary]:
    """The log summaries (``core.status.summarise_log``) of the effective progress entries
    dated on or before *as_of* (of the given tasks, or of all tasks)."""
    pe = ProgressEntry
    stmt = select(pe.task_id, pe.reported_on, pe.completed, pe.percent, pe.id).where(
        pe.reported_on <= as_of, not_corrected())
    if task_ids is None:
        batches = [stmt]
    else:  # a filtered list: look up just its tasks' entries through the task_id index
        batches = [stmt.where(pe.task_id.in_(task_ids[i:i + 5000])) for i in range(0, len(task_ids), 5000)]
    conn = bulk_connection(session)
    return summarise_log((r for b in batches for r in conn.execute(b)), as_of)


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
    with_coordinators: bool = False,
    task_ids: Collection[int] | None = None,
) -> list[TaskRow]:
    """Tasks with their status on *as_of*, by programme, then position (lists that print a
    programme's tasks put them in appendix order with ``core.task_order.document_order``)."""
    with db.read() as session:
        return tasks_in(session, as_of, search=search, program_ids=program_ids, lead_body_ids=lead_body_ids,
                        statuses=statuses, due_from=due_from, due_to=due_to, due_soon_days=due_soon_days,
                        with_coordinators=with_coordinators, task_ids=task_ids)


def tasks_in(
    session,
    as_of: date,
    *,
    search: str | None = None,
    program_ids: list[int] | None = None,
    lead_body_ids: list[int] | None = None,
    statuses: set[TaskStatus] | None = None,
    due_from: date | None = None,
    due_to: date | None = None,
    due_soon_days: int | None = None,
    with_coordinators: bool = False,
    summaries: dict[int, LogSummary] | None = None,
    task_ids: Collection[int] | None = None,
) -> list[TaskRow]:
    """:func:`list_tasks` inside an open read session. *summaries*: the log summaries on
    *as_of* when the caller has already read the log (covering at least the listed tasks)."""
    if due_soon_days is None:
        due_soon_days = setting_in(session, "due_soon_days")
    conditions = quick_search(search)
    if program_ids:
        conditions.append(Task.program_id.in_(program_ids))
    if lead_body_ids:
        conditions.append(Task.lead_body_id.in_(lead_body_ids))
    if due_from is not None:
        conditions.append(Task.due_date >= due_from)
    if due_to is not None:
        conditions.append(Task.due_date <= due_to)
    if task_ids is not None:  # a few rows refetched after a change (the incremental refresh)
        ids = sorted(set(task_ids))
        if not ids:
            return []
        conditions.append(Task.id.in_(ids))
    stmt = select(
        Task.id, Task.program_id, Task.group_title, Task.position, Task.content, Task.lead_body_id,
        Task.product, Task.deadline_kind, Task.due_date, Task.deadline_text, Task.assigned_date, Task.search_fold,
    ).where(*conditions).order_by(Task.program_id, Task.position, Task.id)
    rows: list[TaskRow] = []
    gc_was_enabled = gc.isenabled()
    gc.disable()  # building 100,000 small objects: the cyclic collector only slows it down
    try:
        bodies = dict(session.execute(select(Body.id, Body.name)).all())
        coordinators = (_coordinator_names(session, None if task_ids is None else ids)
                        if with_coordinators else {})
        conn = bulk_connection(session)
        shown_programs = None
        if conditions:  # a filtered list is small: fetch it, then only its tasks' progress
            found = conn.execute(stmt).all()
            if summaries is None:
                summaries = log_summaries(session, as_of, [r[0] for r in found])
            shown_programs = {r[1] for r in found}
            if len(shown_programs) > 500:  # many: reading them all is as quick
                shown_programs = None
        elif summaries is None:  # the whole list: stream it, so 100,000 raw rows are never held at once
            summaries = log_summaries(session, as_of, None)
        title_stmt = select(Program.id, Program.title)
        if shown_programs is not None:
            title_stmt = title_stmt.where(Program.id.in_(shown_programs))
        titles = dict(session.execute(title_stmt).all())
        labels = program_labels(session, shown_programs)
        if not conditions:
            found = conn.execute(stmt)
        unreported: dict = {}
        shared: dict = {}  # one string object for values that repeat (groups, products…)
        share = shared.setdefault
        for (task_id, program_id, group, position, content, lead, product, kind, due, text,
             assigned, folded) in found:
            s = summaries.get(task_id)
            if s is None:  # no report yet: the state depends on the deadline alone, shared by many
                shape = (kind, due, assigned)
                state = unreported.get(shape)
                if state is None:
                    state = unreported[shape] = task_state(kind, due, assigned, EMPTY_LOG, as_of, due_soon_days)
                s = EMPTY_LOG
            else:
                state = task_state(kind, due, assigned, s, as_of, due_soon_days)
            status, done, reported, last_on, behind = state
            if statuses and status not in statuses:
                continue
            rows.append(TaskRow(
                task_id, program_id, titles.get(program_id, ""), share(group, group), position, content, lead,
                bodies.get(lead, "") if lead else "", share(product, product), kind, due, share(text, text),
                assigned, status, s.percent,
                done, coordinators.get(task_id, ""), labels.get(program_id, ""), folded,
                reported, last_on, behind,
            ))
    finally:
        if gc_was_enabled:
            gc.enable()
    return rows


def bulk_connection(session):
    """A connection for reading many rows: Core rows (the ORM row layer doubles the
    time) fetched in batches (row-by-row fetching costs another ~0.3 s per 300,000)."""
    return session.connection().execution_options(yield_per=20_000)


def program_labels(session, program_ids=None) -> dict[int, str]:
    """Short names for programmes in lists: their symbol once issued, "Dự thảo" before,
    with the documents they implement: "15-CTr/TU (42-NQ/TW)". All programmes, or those
    of *program_ids*."""
    linked_stmt = (select(ProgramDocument.program_id, Document.symbol)
                   .join(Document, Document.id == ProgramDocument.document_id)
                   .order_by(ProgramDocument.program_id, ProgramDocument.position))
    head_stmt = select(Program.id, Program.kind, Program.number, Body.code).outerjoin(
        Body, Body.id == Program.issuing_body_id)
    if program_ids is not None:
        linked_stmt = linked_stmt.where(ProgramDocument.program_id.in_(program_ids))
        head_stmt = head_stmt.where(Program.id.in_(program_ids))
    docs: dict[int, list[str]] = {}
    for program_id, symbol in session.execute(linked_stmt):
        docs.setdefault(program_id, []).append(symbol)
    labels = {}
    for program_id, kind, number, code in session.execute(head_stmt):
        # the label printed in the tracking sheet and the collection forms
        head = f"{number:02d}-{kind}/{code}" if number and code else (f"{kind} số {number}" if number else "Dự thảo")  # document text
        linked = ", ".join(docs.get(program_id, []))
        labels[program_id] = f"{head} ({linked})" if linked else head
    return labels


def _coordinator_names(session, task_ids: list[int] | None = None) -> dict[int, str]:
    names: dict[int, list[str]] = {}
    stmt = (select(TaskCoordinator.task_id, Body.short_name, Body.name)
            .join(Body, Body.id == TaskCoordinator.body_id)
            .order_by(TaskCoordinator.task_id, TaskCoordinator.position))
    if task_ids is not None:
        stmt = stmt.where(TaskCoordinator.task_id.in_(task_ids))
    for task_id, short, name in bulk_connection(session).execute(stmt):
        names.setdefault(task_id, []).append(short or name)
    shared: dict = {}
    return {k: shared.setdefault(j := "; ".join(v), j) for k, v in names.items()}


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
    return figures_from_rows(as_of, list_tasks(db, as_of, program_ids=program_ids, due_soon_days=due_soon_days))


def figures_from_rows(as_of: date, rows: list[TaskRow]) -> StatusFigures:
    from ..core.text import sort_key

    per_body: dict[int | None, list[TaskStatus]] = {}
    names: dict[int | None, str] = {}
    for row in rows:
        per_body.setdefault(row.lead_body_id, []).append(row.status)
        names[row.lead_body_id] = row.lead_body_name or N_("(chưa giao cơ quan chủ trì)")
    by_body = [BodyCounts(b, names[b], count_by_status(s)) for b, s in per_body.items()]
    by_body.sort(key=lambda bc: (bc.body_id is None, sort_key(bc.name)))
    return StatusFigures(as_of, count_by_status(r.status for r in rows), by_body)
