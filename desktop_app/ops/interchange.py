"""Import an ``nqdesk/2`` (or ``nqdesk/1``) file: all or nothing, in one transaction.

Study sessions already in the database (same title, day and scope) are kept as they are,
not added again (their members would count twice); member counts of the same body and
day are replaced by the file's.

Bodies and documents whose key already exists in the database are reused, not
duplicated; programmes are always added. The import is journaled as one entry; it is
not undoable row by row (a file may hold 100,000 tasks), so a SQLite database is
backed up automatically first and the journal entry says where.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator
from contextlib import contextmanager
from operator import itemgetter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Table, insert, select, text, update
from sqlalchemy.exc import DataError, IntegrityError, StatementError
from sqlalchemy.orm import Session

from ..core.status import log_summary_rows
from ..core.text import fold
from ..interchange.keys import document_keys, symbol_date_key
from ..interchange.reader import ImportFailed, ImportPlan, KnownBody, build_plan, load_json
from ..interchange.validate import shown
from ..reports.log_summary import SUMMARY_COLUMNS
from ..reports.study_rules import running_total_problems, within_scope
from ..store.db import Database
from ..store.models import (
    Base, Body, BridgePoint, Document, PartyMembership, Program, ProgramDocument, ProgressEntry, Setting,
    StudyAttendance, StudySession, StudySessionDocument, Task, TaskCoordinator, TaskLogSummary,
)
from ..i18n import _, format_int
from . import names
from .base import Problem, backup_before_import, operation


@dataclass
class ImportReport:
    dry_run: bool
    bodies_added: int = 0
    bodies_reused: int = 0
    documents_added: int = 0
    documents_reused: int = 0
    programs_added: int = 0
    tasks_added: int = 0
    progress_added: int = 0
    study_sessions_added: int = 0
    study_sessions_reused: int = 0
    backup: Path | None = None
    warnings: list[str] = field(default_factory=list)
    journal_id: int | None = None

    def summary(self) -> str:
        counts = {
            "bodies": format_int(self.bodies_added), "bodies_reused": format_int(self.bodies_reused),
            "documents": format_int(self.documents_added), "documents_reused": format_int(self.documents_reused),
            "programs": format_int(self.programs_added), "tasks": format_int(self.tasks_added),
            "progress": format_int(self.progress_added), "sessions": format_int(self.study_sessions_added),
        }
        if self.dry_run:
            text = _("Sẽ nhập {bodies} cơ quan (dùng lại {bodies_reused} đã có), {documents} văn bản (dùng lại "
                     "{documents_reused}), {programs} chương trình, {tasks} nhiệm vụ, {progress} mục tiến độ")
        else:
            text = _("Đã nhập {bodies} cơ quan (dùng lại {bodies_reused} đã có), {documents} văn bản (dùng lại "
                     "{documents_reused}), {programs} chương trình, {tasks} nhiệm vụ, {progress} mục tiến độ")
        text = text.format(**counts)
        if self.study_sessions_added:
            return _("{summary}, {sessions} hội nghị học tập.").format(summary=text, sessions=counts["sessions"])
        return text + "."


class _DryRun(Exception):
    pass


def import_file(db: Database, path: str | Path, *, dry_run: bool = False, today: date | None = None) -> ImportReport:
    return import_data(db, load_json(path), dry_run=dry_run, source=Path(path).name, today=today)


@contextmanager
def _without_cyclic_gc() -> Iterator[None]:
    """The cyclic garbage collector paused while the import builds millions of small dicts
    that all stay alive until it ends: each of its full passes walks every one of them
    again (4–5 s of CPU on 100,000 tasks, issue 12). Nothing an import creates needs it
    (reference counting frees the rest); it runs again afterwards, as it was."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# SQLite's page cache while an import writes (KiB, as PRAGMA cache_size takes a negative
# number): the indexes of 100,000 tasks and their log no longer fit the default 2 MB, and
# every page pushed out is read back for the next row.
IMPORT_CACHE_KIB = 128 * 1024


@contextmanager
def _large_page_cache(session: Session) -> Iterator[None]:
    """On SQLite, a page cache of IMPORT_CACHE_KIB for the writing, then the connection's own again."""
    if session.get_bind().dialect.name != "sqlite":
        yield
        return
    connection = session.connection()
    before = int(connection.exec_driver_sql("PRAGMA cache_size").scalar_one())
    connection.exec_driver_sql(f"PRAGMA cache_size = {-IMPORT_CACHE_KIB}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size = {before}")


def import_data(db: Database, data, *, dry_run: bool = False, source: str = "", today: date | None = None) -> ImportReport:
    with _without_cyclic_gc():
        return _import_data(db, data, dry_run=dry_run, source=source, today=today)


def _import_data(db: Database, data, *, dry_run: bool, source: str, today: date | None) -> ImportReport:
    report = ImportReport(dry_run=dry_run)
    if not dry_run:
        report.backup = backup_before_import(db, "truoc-khi-nhap")
    try:
        with operation(db, names.IMPORT_DATA_SHORT, entity="programs", undoable=False) as op:
            if source:
                op.rename(names.IMPORT_DATA, title=source)
            session = op.session
            bodies = list(session.scalars(select(Body)))
            existing_bodies = {b.code or b.name: b.id for b in bodies}
            known = {b.code or b.name: KnownBody(b.kind, b.name, b.code) for b in bodies}
            existing_docs = _existing_document_keys(session)
            plan = build_plan(data, existing_bodies=known, existing_documents=set(existing_docs), today=today)
            try:
                with _large_page_cache(session):
                    _write(session, plan, existing_bodies, existing_docs, report)
            except (IntegrityError, DataError) as exc:
                raise _refused_by_database(exc) from None
            except StatementError as exc:
                if not isinstance(exc.orig, (OverflowError, UnicodeError, ValueError, TypeError)):
                    raise
                raise _refused_by_database(exc) from None
            report.warnings = plan.warnings
            if source:
                op.rename(names.IMPORT_DATA_COUNTS, title=source, count_tasks=report.tasks_added,
                          count_programs=report.programs_added)
            else:
                op.rename(names.IMPORT_DATA_COUNTS_UNNAMED, count_tasks=report.tasks_added,
                          count_programs=report.programs_added)
            if report.backup:
                op.rename(names.WITH_BACKUP, name=op.entry.name, backup=report.backup.name)
            for table, count in (("bodies", report.bodies_added), ("documents", report.documents_added),
                                 ("programs", report.programs_added), ("tasks", report.tasks_added)):
                if count:
                    op.changes.inserted.setdefault(table, set())
            report.journal_id = op.journal_entry().id
            if dry_run:
                raise _DryRun
    except _DryRun:
        report.journal_id = None
    return report


DATABASE_REFUSED = "$cơ sở dữ liệu"  # vocabulary: the place code of a problem no place in the file explains


def _refused_by_database(exc: StatementError) -> ImportFailed:
    """The last line of defence: a rule the checks above missed and the database enforced.
    The file is refused like any other (nothing is written); the tests assert it never
    happens, since such a message cannot name the place in the file."""
    text = str(getattr(exc, "orig", None) or "") or str(exc)
    reason = shown(text.splitlines()[0] if text.strip() else type(exc).__name__, 200)
    return ImportFailed(Problem(DATABASE_REFUSED, None, _(
        "Cơ sở dữ liệu không nhận dữ liệu của tệp ({reason}); chưa ghi gì. Hãy báo lỗi này kèm tệp.").format(
            reason=reason)))


def _existing_document_keys(session) -> dict[str, int]:
    docs = list(session.scalars(select(Document)))
    keys = document_keys(docs)
    out = {keys[d.id]: d.id for d in docs}
    # A file may name a document by its plain symbol even where this database has two.
    for d in docs:
        out.setdefault(d.symbol, d.id)
        out.setdefault(symbol_date_key(d.symbol, d.issue_date), d.id)
    return out


def _insert_returning_ids(session: Session, model: type[Base], rows: list[dict[str, Any]],
                          chunk: int = 1000) -> list[int]:
    """Insert *rows* and return their new ids in row order.

    On SQLite (one writer, which holds the database's write lock for the whole import) the
    ids are given here, counting on from the highest id the table ever had (its
    AUTOINCREMENT counter), and the rows go in through the driver's executemany: no
    RETURNING to read back and splice, which was most of the writing time (issue 12:
    100,000 tasks). Elsewhere the database hands out the ids (INSERT … RETURNING, in
    chunks: SQLAlchemy re-splices every RETURNING result, quadratic on one huge batch)."""
    if not rows:
        return []
    table: Table = model.__table__
    if session.get_bind().dialect.name == "sqlite":
        first = _next_sqlite_id(session, table.name)
        ids = list(range(first, first + len(rows)))
        _executemany_sqlite(session, table, rows, ids)
        return ids
    stmt = insert(model).returning(model.id, sort_by_parameter_order=True)
    out: list[int] = []
    for start in range(0, len(rows), chunk):
        out += session.scalars(stmt, rows[start:start + chunk])
    return out


def _insert_rows(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert *rows* whose ids nobody needs back (links): the driver's executemany on
    SQLite, SQLAlchemy's Core executemany elsewhere."""
    if not rows:
        return
    if session.get_bind().dialect.name == "sqlite":
        _executemany_sqlite(session, table, rows)
    else:
        session.execute(insert(table), rows)


def _executemany_sqlite(session: Session, table: Table, rows: list[dict[str, Any]],
                        ids: list[int] | None = None) -> None:
    """INSERT *rows* (with *ids*, when given, as their ids) with the driver's executemany,
    the values passed through each column type's own bind processor and the missing
    columns given their defaults, as SQLAlchemy's executemany would store them, without
    its per-row parameter handling (a third of the writing time of 100,000 tasks). Each
    run of rows with the same fields is one statement. Falls back to SQLAlchemy when a
    missing column's default is computed."""
    start = 0
    while start < len(rows):
        keys = list(rows[start])
        width = len(keys)
        end = start + 1
        while end < len(rows) and len(rows[end]) == width and rows[end].keys() == rows[start].keys():
            end += 1
        _executemany_alike(session, table, rows[start:end], keys, None if ids is None else ids[start:end])
        start = end


def _executemany_alike(session: Session, table: Table, rows: list[dict[str, Any]], keys: list[str],
                       ids: list[int] | None) -> None:
    """:func:`_executemany_sqlite` of rows that all have the fields *keys*."""
    if ids is not None:
        keys = ["id", *keys]
    missing = [c for c in table.columns if c.key not in keys and c.default is not None]
    if any(not getattr(c.default, "is_scalar", False) for c in missing):
        given = rows if ids is None else [row | {"id": new_id} for row, new_id in zip(rows, ids)]
        session.execute(insert(table), given)
        return
    connection = session.connection()
    dialect = connection.dialect
    columns = [table.c[k] for k in keys] + missing
    processors = [c.type._cached_bind_processor(dialect) for c in columns]
    defaults = [c.default.arg for c in missing]  # type: ignore[union-attr]
    quote = dialect.identifier_preparer.quote
    sql = (f"INSERT INTO {quote(table.name)} ({', '.join(quote(c.name) for c in columns)}) "
           f"VALUES ({', '.join('?' * len(columns))})")
    # The columns' values, one list per column (the id first when given), then each list
    # through its column's bind processor: the same few dates come back thousands of times
    # in a log, so each distinct value is converted once.
    values = [list(ids)] if ids is not None else []
    values += [list(map(itemgetter(k), rows)) for k in keys[1 if ids is not None else 0:]]
    values += [[d] * len(rows) for d in defaults]
    for i, process in enumerate(processors):
        if process is not None:
            values[i] = _processed(process, values[i])
    connection.exec_driver_sql(sql, list(zip(*values)))


def _processed(process, column: list[Any]) -> list[Any]:
    """*column*'s values through a bind processor, each distinct value once (when they are
    all of one type, None aside: True and 1 are equal, yet not the same value to convert)."""
    if len(set(map(type, column)) - {type(None)}) <= 1:
        try:
            distinct = set(column)
        except TypeError:  # a value that cannot be a key
            pass
        else:
            if 2 * len(distinct) > len(column):  # mostly distinct (the log's times): no gain in a dict
                return list(map(process, column))
            done = {value: process(value) for value in distinct}
            return [done[value] for value in column]
    return [process(value) for value in column]


def _next_sqlite_id(session: Session, table: str) -> int:
    """The id SQLite would give the next row of an AUTOINCREMENT table."""
    highest = session.execute(text(f'SELECT max(id) FROM "{table}"')).scalar() or 0
    counter = session.execute(text("SELECT seq FROM sqlite_sequence WHERE name = :t"), {"t": table}).scalar() or 0
    return max(highest, counter) + 1


def _write(session, plan: ImportPlan, body_ids: dict[str, int], doc_ids: dict[str, int], report: ImportReport) -> None:
    for key, value in plan.settings.items():
        if session.scalar(select(Setting.id).where(Setting.key == key)) is None:
            session.add(Setting(key=key, value=json.dumps(value, ensure_ascii=False)))

    new_bodies = [b for b in plan.bodies if b["key"] not in body_ids]
    report.bodies_reused = len(plan.bodies) - len(new_bodies)
    rows = [{k: v for k, v in b.items() if k not in ("key", "parent_key")} | {"search_fold": Body.fold_values(b)}
            for b in new_bodies]
    for b, new_id in zip(new_bodies, _insert_returning_ids(session, Body, rows)):
        body_ids[b["key"]] = new_id
    parents = [{"id": body_ids[b["key"]], "parent_id": body_ids[b["parent_key"]]}
               for b in new_bodies if b["parent_key"]]
    if parents:
        session.execute(update(Body), parents)  # bulk UPDATE by primary key
    report.bodies_added = len(new_bodies)

    # A document already here under the same symbol and date is the same document, whatever
    # key the file gives it (the database holds each (symbol, date) once).
    # (doc_ids holds every stored document under "symbol|date" too: _existing_document_keys.)
    for d in plan.documents:
        stored = doc_ids.get(symbol_date_key(d.get("symbol"), d.get("issue_date")))
        if d["key"] not in doc_ids and stored is not None:
            doc_ids[d["key"]] = stored
    new_docs = [d for d in plan.documents if d["key"] not in doc_ids]
    report.documents_reused = len(plan.documents) - len(new_docs)
    rows = [{k: v for k, v in d.items() if k != "key"} | {"search_fold": Document.fold_values(d)} for d in new_docs]
    for d, new_id in zip(new_docs, _insert_returning_ids(session, Document, rows)):
        doc_ids[d["key"]] = new_id
    report.documents_added = len(new_docs)

    skip = ("issuing_body_key", "document_keys", "tasks")
    rows = [{k: v for k, v in p.items() if k not in skip}
            | {"issuing_body_id": body_ids.get(p["issuing_body_key"]), "search_fold": fold(p["title"])}
            for p in plan.programs]
    program_ids = _insert_returning_ids(session, Program, rows)
    report.programs_added = len(program_ids)

    links, task_rows, task_plans = [], [], []
    folded: dict[str, str | None] = {}  # the folds of the tasks' texts (groups, products, contents repeat)
    twice: list[Problem] = []
    for n, (p, program_id) in enumerate(zip(plan.programs, program_ids)):
        twice += _same_document_twice(f"programs[{n}].documents", p["document_keys"], doc_ids)
        links += [{"program_id": program_id, "document_id": doc_ids[k], "position": i}
                  for i, k in enumerate(p["document_keys"])]
        for position, t in enumerate(p["tasks"], start=1):
            row = dict(t)
            del row["lead_key"], row["coordinator_keys"], row["progress"]
            row.update(program_id=program_id, position=position, lead_body_id=body_ids.get(t["lead_key"]),
                       search_fold=Task.fold_values(t, folded), deadline_kind=t.get("deadline_kind"),
                       due_date=t.get("due_date"), deadline_text=t.get("deadline_text", ""))
            task_rows.append(row)
            task_plans.append(t)
    for n, x in enumerate(plan.study_sessions):
        twice += _same_document_twice(f"study_sessions[{n}].documents", x["document_keys"], doc_ids)
    if twice:
        raise ImportFailed(twice)
    _insert_rows(session, ProgramDocument.__table__, links)
    with _indexes_built_after(session, (Task, TaskCoordinator, ProgressEntry), len(task_rows)):
        task_ids = _insert_returning_ids(session, Task, task_rows)
        report.tasks_added = len(task_ids)
        coordinator_rows = []
        for t, task_id in zip(task_plans, task_ids):
            coordinator_rows += [{"task_id": task_id, "body_id": body_ids[k], "position": i}
                                 for i, k in enumerate(t["coordinator_keys"])]
        _insert_rows(session, TaskCoordinator.__table__, coordinator_rows)
        report.progress_added = _write_progress(session, task_plans, task_ids)

    _write_study(session, plan, body_ids, doc_ids, report)


# From how many new tasks an import builds the indexes of the task tables after their rows
# rather than row by row (issue 12: one sorted pass is faster than 100,000 random inserts).
BULK_INDEX_ROWS = 10_000


@contextmanager
def _indexes_built_after(session: Session, models: tuple[type[Base], ...], new_rows: int) -> Iterator[None]:
    """On SQLite, when at least BULK_INDEX_ROWS rows come and more than the first table
    already holds: the tables' own indexes (not those of their UNIQUE constraints, which
    check the rows) are dropped for the inserts and created again, by their stored
    definitions, at the end, in the same transaction: on an exception nothing is created
    again here, as the operation's rollback puts the dropped indexes back with the rest."""
    if session.get_bind().dialect.name != "sqlite" or new_rows < BULK_INDEX_ROWS:
        yield
        return
    connection = session.connection()
    first = models[0].__table__.name
    if (connection.exec_driver_sql(f'SELECT count(*) FROM "{first}"').scalar() or 0) >= new_rows:
        yield
        return
    names = tuple(m.__table__.name for m in models)
    indexes = connection.exec_driver_sql(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
        f"AND tbl_name IN ({', '.join('?' * len(names))}) ORDER BY rowid", names).fetchall()
    for name, _sql in indexes:
        connection.exec_driver_sql(f'DROP INDEX "{name}"')
    yield
    for _name, sql in indexes:
        connection.exec_driver_sql(sql)


def _write_progress(session: Session, task_plans: list[dict], task_ids: list[int]) -> int:
    """The progress log of every task, in file order; returns how many entries were written.
    Links to the entries they correct are set after, once every entry has its id."""
    entry_rows: list[dict[str, Any]] = []
    links_back: list[tuple[int, int]] = []
    for t, task_id in zip(task_plans, task_ids):
        first = len(entry_rows)
        for e in t["progress"]:
            row = e.copy()
            corrects = row.pop("corrects_index")
            row["task_id"] = task_id
            entry_rows.append(row)
            if corrects is not None:
                links_back.append((len(entry_rows) - 1, first + corrects))
    entry_ids = _insert_returning_ids(session, ProgressEntry, entry_rows)
    if links_back:
        corrections = [(entry_ids[j], entry_ids[i]) for i, j in links_back]
        if session.get_bind().dialect.name == "sqlite":  # the driver's executemany (the ORM's took 0.15 s for 4,000)
            session.connection().exec_driver_sql("UPDATE progress_entries SET corrects_id = ? WHERE id = ?", corrections)
        else:
            session.execute(update(ProgressEntry), [{"id": i, "corrects_id": j} for j, i in corrections])
    # The log summaries of the new tasks (which have none yet, and which no one else sees),
    # from the entries in hand rather than read back from the table (issue 12): the same
    # rows as refresh_log_summaries would write (tests/interchange/test_import_log_summary.py).
    corrected = {j for _i, j in links_back}
    effective = [(row["task_id"], row["reported_on"], row["completed"], row["percent"], entry_id)
                 for n, (row, entry_id) in enumerate(zip(entry_rows, entry_ids)) if n not in corrected]
    _insert_rows(session, TaskLogSummary.__table__,
                 [dict(zip(SUMMARY_COLUMNS, row)) for row in log_summary_rows(effective)])
    return len(entry_ids)


def _same_document_twice(path: str, keys: list[str], doc_ids: dict[str, int]) -> list[Problem]:
    """Two keys of one list naming the same document of the database."""
    first: dict[int, int] = {}
    out = []
    for i, key in enumerate(keys):
        j = first.setdefault(doc_ids[key], i)
        if j != i:
            out.append(Problem(f"{path}[{i}]", key, _(
                "{where}: «{key}» là cùng văn bản với {other}; mỗi văn bản chỉ ghi một lần.").format(
                    where=f"{path}[{i}]", key=shown(key), other=f"{path}[{j}]")))
    return out


def _write_study(session, plan: ImportPlan, body_ids: dict[str, int], doc_ids: dict[str, int],
                 report: ImportReport) -> None:
    """Member counts and study sessions; then the rules that need the written data (the
    organisation under the session's scope, running totals within member counts)."""
    for m in plan.memberships:
        body_id = body_ids[m["body_key"]]
        existing = session.scalar(select(PartyMembership).where(
            PartyMembership.body_id == body_id, PartyMembership.as_of == m["as_of"]))
        if existing is None:
            session.add(PartyMembership(body_id=body_id, as_of=m["as_of"], members=m["members"]))
        else:
            existing.members = m["members"]
    session.flush()
    problems: list[Problem] = []
    touched: set[int] = {body_ids[m["body_key"]] for m in plan.memberships}
    for i, x in enumerate(plan.study_sessions):
        path = f"study_sessions[{i}]"
        scope_id = body_ids.get(x["scope_key"])
        if session.scalar(select(StudySession.id).where(
                StudySession.title == x["title"], StudySession.held_on == x["held_on"],
                StudySession.scope_id.is_(None) if scope_id is None else StudySession.scope_id == scope_id)):
            # The same session (title, day, scope) is already recorded: keep the database's
            # figures rather than count its members twice.
            report.study_sessions_reused += 1
            continue
        study = StudySession(title=x["title"], held_on=x["held_on"], level=x["level"], note=x["note"],
                             organiser_id=body_ids.get(x["organiser_key"]), scope_id=body_ids.get(x["scope_key"]))
        session.add(study)
        session.flush()
        session.add_all(StudySessionDocument(session_id=study.id, document_id=doc_ids[k], position=j)
                        for j, k in enumerate(x["document_keys"]))
        points = [BridgePoint(session_id=study.id, name=p["name"], level=p["level"], position=j + 1,
                              host_id=body_ids.get(p["host_key"])) for j, p in enumerate(x["bridge_points"])]
        session.add_all(points)
        session.flush()
        seen = set()
        for j, r in enumerate(x["attendance"]):
            body_id = body_ids[r["body_key"]]
            point_id = points[r["point_index"]].id if r["point_index"] is not None else None
            where = f"{path}.attendance[{j}]"
            if (body_id, point_id) in seen:
                problems.append(Problem(where, r["body_key"], _("{where}: trùng tổ chức và điểm cầu với một dòng trước.").format(where=where)))
                continue
            seen.add((body_id, point_id))
            if not within_scope(session, body_id, study.scope_id):
                problems.append(Problem(f"{where}.body", r["body_key"],
                                        _("{where}: «{body}» không thuộc phạm vi (scope) của hội nghị.").format(
                                            where=f"{where}.body", body=r["body_key"])))
            session.add(StudyAttendance(session_id=study.id, body_id=body_id, bridge_point_id=point_id,
                                        members=r["members"], non_members=r["non_members"],
                                        newly_studied=r["newly_studied"], note=r["note"]))
            touched.add(body_id)
        report.study_sessions_added += 1
    if problems:
        raise ImportFailed(problems)
    session.flush()
    problems = running_total_problems(session, touched, lambda b: None)
    if problems:
        raise ImportFailed([Problem("study_sessions", p.value, f"study_sessions: {p.message}") for p in problems])
