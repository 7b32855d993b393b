"""Import a programme from a Word document, an Excel tracking sheet or pasted rows, once
the user has seen (and settled) its preview (:class:`~desktop_app.importers.table_plan.TablePlan`).

As the JSON import (:mod:`.interchange`): all or nothing in one transaction, one journal
entry (not undoable row by row), and a SQLite database is backed up first; the journal
entry names the backup. A plan with a problem left (a deadline not understood, a body
to confirm or to choose) is refused before anything is written, and so is a value the
operations' own field rules refuse (the same ``clean_*_fields`` as the screens).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import func, insert, select

from ..core.symbols import SymbolError, parse_symbol
from ..core.text import fold
from ..importers.body_names import KnownBody
from ..importers.table_import import plan_from_file, plan_from_text
from ..importers.table_plan import TablePlan
from ..interchange.fields import (
    clean_body_fields,
    clean_program_fields,
    clean_progress_fields,
    clean_task_fields,
)
from ..interchange.validate import Checker
from ..store.db import Database
from ..store.models import (
    Body,
    Document,
    Program,
    ProgramDocument,
    ProgressEntry,
    Task,
    TaskCoordinator,
)
from ..i18n import N_, _, format_int
from . import names
from .base import Problem, ValidationError, backup_before_import, get_or_fail, now_utc, operation
from .log_summary import refresh_log_summaries


class PlanRefused(ValidationError):
    """The plan still has problems, or a value was refused; nothing was written."""


@dataclass
class TableImportReport:
    dry_run: bool
    program_id: int | None = None
    program_added: bool = False
    tasks_added: int = 0
    bodies_added: int = 0
    documents_added: int = 0
    progress_added: int = 0
    backup: Path | None = None
    journal_id: int | None = None
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        counts = {"tasks": format_int(self.tasks_added), "progress": format_int(self.progress_added),
                  "bodies": format_int(self.bodies_added), "documents": format_int(self.documents_added)}
        if self.dry_run and self.program_added:
            text = _("Sẽ nhập {tasks} nhiệm vụ vào 1 chương trình mới, {progress} mục tiến độ; tạo {bodies} cơ quan "
                     "và {documents} văn bản mới.")
        elif self.dry_run:
            text = _("Sẽ nhập {tasks} nhiệm vụ vào chương trình đã có, {progress} mục tiến độ; tạo {bodies} cơ quan "
                     "và {documents} văn bản mới.")
        elif self.program_added:
            text = _("Đã nhập {tasks} nhiệm vụ vào 1 chương trình mới, {progress} mục tiến độ; tạo {bodies} cơ quan "
                     "và {documents} văn bản mới.")
        else:
            text = _("Đã nhập {tasks} nhiệm vụ vào chương trình đã có, {progress} mục tiến độ; tạo {bodies} cơ quan "
                     "và {documents} văn bản mới.")
        return text.format(**counts)


def known_bodies(session) -> list[KnownBody]:
    return [KnownBody(b.id, b.name, b.short_name or "", b.code, b.valid_from, b.valid_to)
            for b in session.scalars(select(Body).order_by(Body.id))]


def preview_file(db: Database, path: str | Path, *, as_of: date | None = None,
                 columns: dict[str, int] | None = None) -> TablePlan:
    """Read *path* (.docx/.xlsx) and match its bodies against the database: the preview."""
    with db.read() as session:
        bodies = known_bodies(session)
    return plan_from_file(path, bodies, as_of=as_of or date.today(), columns=columns)


def preview_text(db: Database, text: str, *, as_of: date | None = None,
                 columns: dict[str, int] | None = None) -> TablePlan:
    with db.read() as session:
        bodies = known_bodies(session)
    return plan_from_text(text, bodies, as_of=as_of or date.today(), columns=columns)


class _DryRun(Exception):
    pass


def apply_plan(db: Database, plan: TablePlan, *, program_id: int | None = None, dry_run: bool = False,
               today: date | None = None) -> TableImportReport:
    """Write *plan*: a new programme (or, with *program_id*, its tasks appended to that one)."""
    today = today or date.today()
    problems = plan.all_problems()
    if not plan.tasks and not problems:
        problems = [_("Không có nhiệm vụ nào để nhập.")]
    if problems:
        raise PlanRefused([Problem("", None, p) for p in problems])
    report = TableImportReport(dry_run=dry_run, warnings=list(plan.warnings))
    if not dry_run:
        report.backup = backup_before_import(db, "truoc-khi-nhap")
    try:
        with operation(db, names.IMPORT_TASKS, entity="programs", undoable=False) as op:
            _write(op, plan, program_id, today, report)
            op.rename(names.IMPORT_TASKS, title=plan.source_name, count=report.tasks_added)
            if report.backup:
                op.rename(names.WITH_BACKUP, name=op.entry.name, backup=report.backup.name)
            report.journal_id = op.journal_entry().id
            if dry_run:
                raise _DryRun
    except _DryRun:
        report.journal_id = None
    return report


def _write(op, plan: TablePlan, program_id: int | None, today: date, report: TableImportReport) -> None:
    session = op.session
    c = Checker()
    # Bodies: each written name once; new ones created, chosen ones checked to still exist.
    body_ids: dict[str, int] = {}
    used = plan.used_body_keys()
    for key, choice in plan.bodies.items():
        if key not in used:
            continue
        if choice.creates:
            values = clean_body_fields(c, {"name": choice.name or choice.written})
            existing = session.scalar(select(Body.id).where(Body.name == values["name"]))
            if existing is not None:
                body_ids[key] = existing
                continue
            body = Body(name=values["name"], kind="other", note=_("Tạo khi nhập «{file}»").format(file=plan.source_name))
            session.add(body)
            session.flush()
            body_ids[key] = body.id
            report.bodies_added += 1
        else:
            if choice.body_id is None or session.get(Body, choice.body_id) is None:
                c.fail("", choice.written, _("Cơ quan «{body}» ({written}) không còn trong cơ sở dữ liệu.").format(
                    body=choice.name, written=choice.written))
                continue
            body_ids[key] = choice.body_id
    # The programme.
    h = plan.header
    if program_id is not None:
        program = get_or_fail(session, Program, program_id, N_("chương trình"))
        position = (session.scalar(select(func.max(Task.position)).where(Task.program_id == program_id)) or 0)
    else:
        issued = h.number is not None and h.issue_date is not None
        values = clean_program_fields(c, {
            "kind": h.kind, "title": h.title or Path(plan.source_name).stem, "number": h.number,
            "issue_date": h.issue_date, "place": h.place, "status": "issued" if issued else "drafting",
            "opening_text": h.sections.get("opening", ""), "purpose_text": h.sections.get("purpose", ""),
            "objectives_text": h.sections.get("objectives", ""), "tasks_text": h.sections.get("tasks", ""),
            "organisation_text": h.sections.get("organisation", ""),
        })
        if c.problems:
            raise PlanRefused(c.problems)
        values["issuing_body_id"] = body_ids.get(h.issuing_body) if h.issuing_body else None
        program = Program(**values)
        session.add(program)
        session.flush()
        report.program_added = True
        position = 0
        for i, d in enumerate(h.documents):
            session.add(ProgramDocument(program_id=program.id, document_id=_document_id(session, d, report), position=i))
    report.program_id = program.id
    op.entity_id = program.id
    # Tasks, checked by the operations' own rules.
    task_rows, plans = [], []
    for t in plan.tasks:
        tc = Checker()
        values = clean_task_fields(tc, {
            "group_title": t.group, "content": t.content, "product": t.product, "note": t.full_note(),
            "assigned_date": h.issue_date, "deadline": t.deadline_written or None,
        })
        for p in tc.problems:
            c.fail(p.field, p.value, f"{t.source}: {p.message}")
        position += 1
        values.pop("lead_body_id", None)
        task_rows.append(values | {"program_id": program.id, "position": position,
                                   "lead_body_id": body_ids.get(t.lead) if t.lead else None,
                                   "search_fold": Task.fold_values(values)})
        plans.append(t)
        for e in t.progress:
            pc = Checker()
            clean_progress_fields(pc, {"reported_on": e.reported_on, "percent": e.percent,
                                       "completed": e.completed, "note": e.note}, today)
            for p in pc.problems:
                c.fail(p.field, p.value, _("{where}, tiến độ: {message}").format(where=t.source, message=p.message))
    if c.problems:
        raise PlanRefused(c.problems)
    ids = list(session.scalars(insert(Task).returning(Task.id, sort_by_parameter_order=True), task_rows))
    report.tasks_added = len(ids)
    coordinators, entries = [], []
    now = now_utc()
    for t, task_id in zip(plans, ids):
        seen = set()
        for k in t.coordinators:
            body_id = body_ids.get(k)
            if body_id is None or body_id in seen or body_id == body_ids.get(t.lead or ""):
                continue
            seen.add(body_id)
            coordinators.append({"task_id": task_id, "body_id": body_id, "position": len(seen) - 1})
        for e in t.progress:
            entries.append({"task_id": task_id, "reported_on": e.reported_on, "percent": e.percent,
                            "completed": e.completed, "note": e.note, "reported_by": "", "evidence": "",
                            "recorded_by": op.entry.user_name or "", "recorded_at": now})
    if coordinators:
        session.execute(insert(TaskCoordinator), coordinators)
    if entries:
        session.execute(insert(ProgressEntry), entries)
        refresh_log_summaries(session, ids, lock=False)  # new tasks: no one else sees them yet
    report.progress_added = len(entries)
    for table in ("tasks", "programs", "bodies", "documents", "progress_entries"):
        op.changes.inserted.setdefault(table, set())
    op.changes.inserted["tasks"].update(ids)


def _document_id(session, d, report: TableImportReport) -> int:
    """The stored document with this symbol (and date, when both are known), or a new one."""
    query = select(Document).where(Document.symbol == d.symbol)
    found = list(session.scalars(query))
    if d.issue_date is not None:
        dated = [x for x in found if x.issue_date in (d.issue_date, None)]
        found = dated
    if found:
        return found[0].id
    try:
        s = parse_symbol(d.symbol)
    except SymbolError as exc:  # the reader only keeps symbols that parse
        raise PlanRefused(_("Ký hiệu văn bản «{symbol}»: {reason}").format(symbol=d.symbol, reason=exc)) from None
    doc = Document(symbol=str(s), number=s.number, type_code=s.type_code, issuer_code=s.issuer_code,
                   symbol_year=s.year, style=s.style, issue_date=d.issue_date, subject=d.subject,
                   search_fold=fold(f"{s} {d.subject}"))
    session.add(doc)
    session.flush()
    report.documents_added += 1
    return doc.id
