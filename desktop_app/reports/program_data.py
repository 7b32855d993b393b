"""One programme as its Word document and the documents citing it need it: plain immutable
rows read in one session (the export package formats them and runs no queries)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..core.dates import format_citation_date
from ..core.symbols import DocumentSymbol, SymbolError, parse_symbol
from ..core.task_order import document_order
from ..core.text import single_line
from ..i18n import _
from ..store.db import Database
from ..store.models import Document, Program, ProgramDocument, Task, TaskCoordinator
from .bodies import BodyDirectory, BodyRow, read_bodies
from .programs import ProgramNotFound

__all__ = ["BodyInfo", "DocumentInfo", "TaskInfo", "ProgramData", "document_info", "load_program_data",
           "load_programs_data", "program_data_in"]


@dataclass(frozen=True)
class BodyInfo:
    id: int | None
    name: str
    short_name: str = ""
    code: str | None = None
    kind: str = "other"


@dataclass(frozen=True)
class DocumentInfo:  # document text: the citations printed in the documents
    symbol: str
    kind_name: str = "Văn bản"
    issue_date: date | None = None
    issuing_authority: str = ""
    subject: str = ""
    classification: str | None = None

    def short_citation(self) -> str:
        """"Nghị quyết số 42-NQ/TW"."""
        return f"{self.kind_name} số {self.symbol}"

    def full_citation(self) -> str:
        """"Nghị quyết số 42-NQ/TW, ngày 24/11/2023 của Ban Chấp hành Trung ương Đảng khóa XIII về …"."""
        text = self.short_citation()
        if self.issue_date is not None:
            text += f", ngày {format_citation_date(self.issue_date)}"
        if self.issuing_authority.strip():
            text += f" của {single_line(self.issuing_authority)}"
        if self.subject.strip():
            text += f" {single_line(self.subject)}"
        return text


@dataclass(frozen=True)
class TaskInfo:
    content: str
    group_title: str = ""
    lead: BodyInfo | None = None
    coordinators: tuple[BodyInfo, ...] = ()
    product: str = ""
    deadline_text: str = ""
    note: str = ""


@dataclass(frozen=True)
class ProgramData:
    """Everything the document shows, as stored (cleaning happens while rendering)."""

    id: int | None
    title: str
    kind: str = "CTr"
    status: str = "drafting"
    number: int | None = None
    issue_date: date | None = None
    place: str = ""
    draft_round: int | None = None
    classification: str | None = None
    opening_text: str = ""
    purpose_text: str = ""
    objectives_text: str = ""
    tasks_text: str = ""
    organisation_text: str = ""
    signing_authority: str = ""
    signing_mode: str = "T/M"
    signer_title: str = ""
    signer_name: str = ""
    recipients: tuple[str, ...] = ()
    issuing_body: BodyInfo | None = None
    superior_body: BodyInfo | None = None
    office_body: BodyInfo | None = None
    documents: tuple[DocumentInfo, ...] = ()
    tasks: tuple[TaskInfo, ...] = ()

    @property
    def issued(self) -> bool:
        return self.status == "issued" and self.number is not None and self.issue_date is not None


def body_info(body: BodyRow | None) -> BodyInfo | None:
    if body is None:
        return None
    return BodyInfo(body.id, body.name, body.short_name or "", body.code, body.kind)


def document_info(d: Document) -> DocumentInfo:  # document text
    """A stored document as citations name it (its stored symbol text when it parses, else rebuilt from the parts)."""
    kind_name, symbol = None, d.symbol
    try:
        # The stored text first: the number column cannot hold a letter after the number ("15a/NQ-CP").
        parsed = parse_symbol(d.symbol or "")
        symbol, kind_name = str(parsed), parsed.kind_name
    except SymbolError:
        try:
            parsed = DocumentSymbol(d.number, d.type_code, d.issuer_code, d.style, d.symbol_year)
            symbol, kind_name = str(parsed), parsed.kind_name
        except (SymbolError, TypeError):
            pass
    return DocumentInfo(symbol, kind_name or "Văn bản", d.issue_date, d.issuing_authority or "", d.subject or "",
                        d.classification)


def load_program_data(source: Database | Session, program_id: int) -> ProgramData:
    """Read one programme with its documents, bodies and tasks (in document order), from a
    Database (in a read session of its own) or inside an open session."""
    if isinstance(source, Session):
        return program_data_in(source, program_id)
    if isinstance(source, Database):
        with source.read() as session:
            return program_data_in(session, program_id)
    raise TypeError("expected a Database or a Session")


def load_programs_data(db: Database, program_ids) -> dict[int, ProgramData]:
    """Several programmes (by id), in one session."""
    with db.read() as session:
        bodies = read_bodies(session)
        return {pid: program_data_in(session, pid, bodies) for pid in sorted(set(program_ids))}


def program_data_in(session: Session, program_id: int, bodies: BodyDirectory | None = None) -> ProgramData:
    """:func:`load_program_data` inside an open read session (*bodies*: already read)."""
    program = session.get(Program, program_id)
    if program is None:
        raise ProgramNotFound(_("Không có chương trình mã số {id}.").format(id=program_id))
    if bodies is None:
        bodies = read_bodies(session)
    infos = {b.id: BodyInfo(b.id, b.name, b.short_name or "", b.code, b.kind) for b in bodies.by_id.values()}
    documents = tuple(
        document_info(d) for d in session.scalars(
            select(Document).join(ProgramDocument, ProgramDocument.document_id == Document.id)
            .where(ProgramDocument.program_id == program_id)
            .order_by(ProgramDocument.position, ProgramDocument.id))
    )
    issuing = infos.get(program.issuing_body_id) if program.issuing_body_id else None
    superior = office = None
    body = bodies.get(program.issuing_body_id)
    if body is not None:
        if body.parent_id is not None and body.kind != "party_committee":
            superior = infos.get(body.parent_id)
        # the office (Văn phòng) of the issuing committee follows up the programme
        office = body_info(bodies.office_of(body.id))
    tasks = list(session.scalars(select(Task).where(Task.program_id == program_id)))
    coordinators: dict[int, list[BodyInfo]] = {}
    if tasks:
        for task_id, body_id in session.execute(
                select(TaskCoordinator.task_id, TaskCoordinator.body_id)
                .join(Task, Task.id == TaskCoordinator.task_id)
                .where(Task.program_id == program_id)
                .order_by(TaskCoordinator.task_id, TaskCoordinator.position, TaskCoordinator.id)):
            coordinators.setdefault(task_id, []).append(infos[body_id])
    return ProgramData(
        id=program.id, title=program.title, kind=program.kind, status=program.status, number=program.number,
        issue_date=program.issue_date, place=program.place or "", draft_round=program.draft_round,
        classification=program.classification, opening_text=program.opening_text or "",
        purpose_text=program.purpose_text or "", objectives_text=program.objectives_text or "",
        tasks_text=program.tasks_text or "", organisation_text=program.organisation_text or "",
        signing_authority=program.signing_authority or "", signing_mode=program.signing_mode or "",
        signer_title=program.signer_title or "", signer_name=program.signer_name or "",
        recipients=tuple((program.recipients or "").split("\n")),
        issuing_body=issuing, superior_body=superior, office_body=office, documents=documents,
        tasks=tuple(
            TaskInfo(t.content, t.group_title or "", infos.get(t.lead_body_id) if t.lead_body_id else None,
                     tuple(coordinators.get(t.id, ())), t.product or "", t.deadline_text or "", t.note or "")
            for t in document_order(tasks)
        ),
    )
