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
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping

from sqlalchemy import func, literal_column, or_, select

from ..core.status import EMPTY_LOG, LogSummary, TaskStatus, count_by_status, summarise_log, task_state
from ..core.text import fold
from ..i18n import N_
from ..store.db import Database
from ..store.models import Body, Document, Program, ProgramDocument, ProgressEntry, Task, TaskCoordinator
from .entries import not_corrected
from .log_summary import stale_tasks, stored_summaries
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
    dated on or before *as_of* (of the given tasks, or of all tasks): the maintained ones
    where they hold on *as_of* (``reports.log_summary``), the others from the log."""
    conn = session.connection()
    dates = _DateReader.of(conn)
    out = stored_summaries(conn, as_of, task_ids, raw_rows, dates)
    pe = ProgressEntry
    stmt = select(pe.task_id, pe.reported_on, pe.completed, pe.percent, pe.id).where(
        pe.reported_on <= as_of, not_corrected())
    if task_ids is None:
        batches = [stmt.where(pe.task_id.in_(stale_tasks(as_of)))]
    else:  # a filtered list: look up the entries of just its tasks not summarised above
        rest = [i for i in task_ids if i not in out]
        batches = [stmt.where(pe.task_id.in_(rest[i:i + 5000])) for i in range(0, len(rest), 5000)]
    out.update(summarise_log(((t, dates[on], done, percent, i) for b in batches
                              for t, on, done, percent, i in raw_rows(conn, b)), as_of))
    return out


def raw_rows(conn, stmt, stop: Callable[[], None] | None = None) -> Iterator[tuple]:
    """The rows of the Core select *stmt* as the database driver returns them (plain tuples),
    in batches: SQLAlchemy binds the parameters and runs the query, but its per-row result
    layer (~1.5 s for the 400,000 rows of a start-up on 100,000 tasks) is skipped. The
    caller converts what the driver leaves raw: dates on SQLite (:class:`_DateReader`).
    *stop* is called before each batch: it raises to stop reading (the program is closing)."""
    # not streamed: a streamed result (yield_per on the session's connection, set in place
    # by :func:`bulk_connection`) would hold back the first row in its own buffer
    result = conn.execute(stmt, execution_options=_NOT_STREAMED)
    cursor = result.cursor
    try:  # batches of 2,000: 10,000 held 3 MB more at the start-up's peak (gui_bench.py)
        while chunk := cursor.fetchmany(2_000):
            if stop is not None:
                stop()
            yield from chunk
    finally:
        result.close()


_NOT_STREAMED = {"yield_per": 0, "stream_results": False}


class _DateReader(dict):
    """date-or-None by the value the driver gave for a DATE column (an ISO string on SQLite,
    already a date on PostgreSQL), each distinct value converted once: ``reader[value]``.
    The dates of 100,000 tasks are a few thousand distinct days, so the rows also share
    one date object per day."""

    def __init__(self, convert) -> None:
        super().__init__({None: None})
        self._convert = convert

    def __missing__(self, value):
        day = self[value] = self._convert(value) if self._convert is not None else value
        return day

    @classmethod
    def of(cls, conn) -> "_DateReader":
        dialect = conn.dialect
        return cls(Task.__table__.c.due_date.type.dialect_impl(dialect).result_processor(dialect, None))


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
    limit: int | None = None,
    stop: Callable[[], None] | None = None,
) -> list[TaskRow]:
    """Tasks with their status on *as_of*, by programme, then position (lists that print a
    programme's tasks put them in appendix order with ``core.task_order.document_order``).
    *limit*: only the first so many in that order (what a window shows first). *stop*: called
    every few thousand rows; it raises to stop reading (a background read no longer wanted)."""
    with db.read() as session:
        return tasks_in(session, as_of, search=search, program_ids=program_ids, lead_body_ids=lead_body_ids,
                        statuses=statuses, due_from=due_from, due_to=due_to, due_soon_days=due_soon_days,
                        with_coordinators=with_coordinators, task_ids=task_ids, limit=limit, stop=stop)


def task_count(db: Database) -> int:
    """How many tasks there are (a count the database keeps at hand, not a list)."""
    with db.read() as session:
        return session.execute(select(func.count()).select_from(Task)).scalar_one()


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
    limit: int | None = None,
    stop: Callable[[], None] | None = None,
) -> list[TaskRow]:
    """:func:`list_tasks` inside an open read session. *summaries*: the log summaries on
    *as_of* when the caller has already read the log (covering at least the listed tasks)."""
    if limit is not None and statuses:
        raise ValueError("limit and statuses: the status is known only after the rows are read")
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
    ids: list[int] | None = None  # the tasks listed, when known before reading (None: all)
    if task_ids is not None:  # a few rows refetched after a change (the incremental refresh)
        ids = sorted(set(task_ids))
        if not ids:
            return []
        conditions.append(Task.id.in_(ids))
    stmt = select(
        Task.id, Task.program_id, Task.group_title, Task.position, Task.content, Task.lead_body_id,
        Task.product, Task.deadline_kind, Task.due_date, Task.deadline_text, Task.assigned_date, Task.search_fold,
    ).where(*conditions).order_by(Task.program_id, Task.position, Task.id)
    filtered = bool(conditions)
    if limit is not None:  # the first rows only: read like a filtered list
        stmt, filtered = stmt.limit(limit), True
    rows: list[TaskRow] = []
    gc_was_enabled = gc.isenabled()
    gc.disable()  # building 100,000 small objects: the cyclic collector only slows it down
    try:
        conn = session.connection()
        bodies = dict(raw_rows(conn, select(Body.id, Body.name)))
        dates = _DateReader.of(conn)
        shown_programs = None
        if filtered:  # a filtered list is small: fetch it, then only its tasks' progress
            found: Iterable[tuple] = list(raw_rows(conn, stmt))
            if limit is not None:
                ids = [r[0] for r in found]
            if summaries is None:
                summaries = log_summaries(session, as_of, [r[0] for r in found])
            shown_programs = {r[1] for r in found}
            if len(shown_programs) > 500:  # many: reading them all is as quick
                shown_programs = None
        elif summaries is None:  # the whole list: stream it, so 100,000 raw rows are never held at once
            summaries = log_summaries(session, as_of, None)
        coordinators = _coordinator_names(session, ids) if with_coordinators else {}
        title_stmt = select(Program.id, Program.title)
        if shown_programs is not None:
            title_stmt = title_stmt.where(Program.id.in_(shown_programs))
        titles = dict(session.execute(title_stmt).all())
        labels = program_labels(session, shown_programs)
        if not filtered:
            found = raw_rows(conn, stmt, stop)
        unreported: dict = {}
        shared: dict = {}  # one object for values that repeat (groups, products, kinds, programmes…)
        share = shared.setdefault
        get_summary, append, new_row = summaries.get, rows.append, _new_task_row
        for (task_id, program_id, group, position, content, lead, product, kind, due, text,
             assigned, folded) in found:
            due, assigned = dates[due], dates[assigned]
            kind, program_id = share(kind, kind), share(program_id, program_id)  # a few distinct ones
            s = get_summary(task_id)
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
            append(new_row(TaskRow, (
                task_id, program_id, titles.get(program_id, ""), share(group, group), position, content, lead,
                bodies.get(lead, "") if lead else "", share(product, product), kind, due, share(text, text),
                assigned, status, s.percent,
                done, coordinators.get(task_id, ""), labels.get(program_id, ""), folded,
                reported, last_on, behind,
            )))
    finally:
        if gc_was_enabled:
            gc.enable()
    return rows


# TaskRow(...) goes through a Python-level __new__ (NamedTuple); 100,000 are built per load
_new_task_row = tuple.__new__


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
    """The coordinating bodies of each task (short name, else name), in their order,
    "; "-separated; of all tasks or those of *task_ids*. Joined by the database where it
    can (a row per task instead of one per coordinator)."""
    tc = TaskCoordinator
    name = func.coalesce(func.nullif(Body.short_name, ""), Body.name)
    conn = session.connection()
    dialect = conn.dialect.name
    ordered = select(tc.task_id, name.label("name")).join(Body, Body.id == tc.body_id)
    if task_ids is not None:
        ordered = ordered.where(tc.task_id.in_(task_ids))
    if dialect == "postgresql":
        # imported here: the PostgreSQL dialect (and asyncio, ssl… with it) costs 0.15–0.3 s of start-up
        from sqlalchemy.dialects.postgresql import aggregate_order_by

        joined = func.string_agg(name, aggregate_order_by(literal_column("'; '"), tc.position))
        stmt = ordered.with_only_columns(tc.task_id, joined).group_by(tc.task_id)
    elif dialect == "sqlite":
        # SQLite (before 3.44) has no ORDER BY inside group_concat: it joins in the order
        # the rows come, which an ordered subquery fixes (an aggregate over a subquery with
        # ORDER BY is never flattened, https://sqlite.org/optoverview.html#flattening).
        sub = ordered.order_by(tc.task_id, tc.position).subquery()
        stmt = select(sub.c.task_id, func.group_concat(sub.c.name, "; ")).group_by(sub.c.task_id)
    else:
        names: dict[int, list[str]] = {}
        for task_id, one in raw_rows(conn, ordered.order_by(tc.task_id, tc.position)):
            names.setdefault(task_id, []).append(one)
        return {k: "; ".join(v) for k, v in names.items()}
    shared: dict = {}
    share = shared.setdefault
    return {task_id: share(joined_names, joined_names) for task_id, joined_names in raw_rows(conn, stmt)}


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
