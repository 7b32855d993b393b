"""One record as its editor shows it, and the choices the editors' fields offer.

The details editors (gui/editors/) and the dialogs format what these functions return:
plain frozen rows, read in one short session each, so nothing outside ``reports/``
queries the database. A save reads its record once (:func:`body_record`,
:func:`document_record`, :func:`program_record`, :func:`task_record`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from sqlalchemy import select

from ..core.text import sort_key
from ..store.db import Database
from ..store.models import Body, Document, Program, ProgramDocument, Task, TaskCoordinator
from .lists import list_bodies, list_documents
from .tasks import program_labels

__all__ = [
    "BodyChoice", "BodyRecord", "DocumentChoice", "DocumentRecord", "ProgramChoice", "ProgramRecord", "TaskRecord",
    "body_choices", "body_record", "database_is_empty", "document_choices", "document_record", "group_titles",
    "issuing_authorities",
    "program_choices", "program_label", "program_record", "task_record", "task_reporter",
]

def database_is_empty(db: Database) -> bool:
    """No programme and no body yet (a new database: the program offers the demo data).
    Two indexed look-ups, where listing the programmes would count every task."""
    with db.read() as s:
        return s.scalar(select(Program.id).limit(1)) is None and s.scalar(select(Body.id).limit(1)) is None


# --- bodies ---------------------------------------------------------------------------------


class BodyChoice(NamedTuple):
    """A body as a list of choices offers it."""

    id: int
    name: str
    kind: str
    parent_id: int | None


@dataclass(frozen=True)
class BodyRecord:
    id: int
    name: str
    short_name: str
    code: str | None
    kind: str
    parent_id: int | None
    valid_from: date | None
    valid_to: date | None
    note: str

    @property
    def label(self) -> str:
        """How a letter or a report names the body in short: its short name, else its name."""
        return self.short_name or self.name


def body_choices(db: Database, *, valid_on: date | None = None, keep: Iterable[int | None] = ()) -> list[BodyChoice]:
    """Every body in Vietnamese order of names; with *valid_on*, only those in force on that
    day (``Body.is_valid_on``) and those of *keep* (already assigned: a body that ended stays
    shown where it is used)."""
    kept = {i for i in keep if i is not None}
    return [BodyChoice(b.id, b.name, b.kind, b.parent_id) for b in list_bodies(db)
            if valid_on is None or b.id in kept or b.is_valid_on(valid_on)]


def body_record(db: Database, body_id: int) -> BodyRecord | None:
    with db.read() as s:
        b = s.get(Body, body_id)
        if b is None:
            return None
        return BodyRecord(b.id, b.name, b.short_name or "", b.code, b.kind, b.parent_id, b.valid_from, b.valid_to,
                          b.note or "")


# --- documents --------------------------------------------------------------------------------


class DocumentChoice(NamedTuple):
    id: int
    symbol: str
    issue_date: date | None
    subject: str


@dataclass(frozen=True)
class DocumentRecord:
    id: int
    symbol: str
    issue_date: date | None
    issuing_authority: str
    subject: str
    classification: str | None


def document_choices(db: Database) -> list[DocumentChoice]:
    """Every document, newest first (the order of the documents list)."""
    return [DocumentChoice(d.id, d.symbol, d.issue_date, d.subject or "") for d in list_documents(db)]


def document_record(db: Database, document_id: int) -> DocumentRecord | None:
    with db.read() as s:
        d = s.get(Document, document_id)
        if d is None:
            return None
        return DocumentRecord(d.id, d.symbol, d.issue_date, d.issuing_authority or "", d.subject or "",
                              d.classification)


def issuing_authorities(db: Database) -> list[str]:
    """The issuing authorities already typed on documents, once each, in Vietnamese order."""
    with db.read() as s:
        found = set(s.scalars(select(Document.issuing_authority).distinct()))
    return sorted(filter(None, found), key=sort_key)


# --- programmes -------------------------------------------------------------------------------


class ProgramChoice(NamedTuple):
    id: int
    label: str  # "15-CTr/TU (42-NQ/TW)", "Dự thảo (44-NQ/TW)"
    title: str


@dataclass(frozen=True)
class ProgramRecord:
    id: int
    kind: str
    title: str
    document_ids: tuple[int, ...]  # in the order the programme cites them
    document_symbols: tuple[str, ...]
    issuing_body_id: int | None
    issuer_code: str | None  # the issuing body's symbol code (the "TU" of 15-CTr/TU)
    status: str
    draft_round: int | None
    number: int | None
    issue_date: date | None
    place: str
    classification: str | None
    signing_authority: str
    signing_mode: str
    signer_title: str
    signer_name: str
    recipients: str
    opening_text: str
    purpose_text: str
    objectives_text: str
    tasks_text: str
    organisation_text: str


def program_record(db: Database, program_id: int) -> ProgramRecord | None:
    with db.read() as s:
        p = s.get(Program, program_id)
        if p is None:
            return None
        linked = s.execute(
            select(ProgramDocument.document_id, Document.symbol)
            .join(Document, Document.id == ProgramDocument.document_id)
            .where(ProgramDocument.program_id == program_id).order_by(ProgramDocument.position)).all()
        code = s.scalar(select(Body.code).where(Body.id == p.issuing_body_id)) if p.issuing_body_id else None
        return ProgramRecord(
            p.id, p.kind, p.title, tuple(r.document_id for r in linked), tuple(r.symbol for r in linked),
            p.issuing_body_id, code, p.status, p.draft_round, p.number, p.issue_date, p.place or "",
            p.classification, p.signing_authority or "", p.signing_mode or "", p.signer_title or "",
            p.signer_name or "", p.recipients or "", p.opening_text or "", p.purpose_text or "",
            p.objectives_text or "", p.tasks_text or "", p.organisation_text or "",
        )


def program_choices(db: Database) -> list[ProgramChoice]:
    """Every programme by id, with its short label and title (the pickers of the dialogs)."""
    with db.read() as s:
        labels = program_labels(s)
        rows = s.execute(select(Program.id, Program.title).order_by(Program.id)).all()
    return [ProgramChoice(i, labels.get(i, ""), t) for i, t in rows]


def program_label(db: Database, program_id: int) -> str:
    """The short label of one programme ("" when there is none)."""
    with db.read() as s:
        return program_labels(s, [program_id]).get(program_id, "")


# --- tasks ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TaskRecord:
    id: int
    program_id: int
    program_label: str
    content: str
    group_title: str
    lead_body_id: int | None
    coordinating_body_ids: tuple[int, ...]  # in the order they are listed
    product: str
    deadline_text: str
    assigned_date: date | None
    note: str


def task_record(db: Database, task_id: int) -> TaskRecord | None:
    with db.read() as s:
        t = s.get(Task, task_id)
        if t is None:
            return None
        coordinators = tuple(s.scalars(select(TaskCoordinator.body_id).where(TaskCoordinator.task_id == task_id)
                                       .order_by(TaskCoordinator.position)))
        label = program_labels(s, [t.program_id]).get(t.program_id, "")
        return TaskRecord(t.id, t.program_id, label, t.content, t.group_title or "", t.lead_body_id, coordinators,
                          t.product or "", t.deadline_text or "", t.assigned_date, t.note or "")


def group_titles(db: Database, program_id: int) -> list[str]:
    """The task groups of a programme already typed, once each, in Vietnamese order."""
    with db.read() as s:
        found = set(s.scalars(select(Task.group_title).where(Task.program_id == program_id).distinct()))
    return sorted(filter(None, found), key=sort_key)


def task_reporter(db: Database, task_id: int) -> str:
    """Who reports a task's progress unless told otherwise: its lead body, in short."""
    with db.read() as s:
        row = s.execute(select(Body.short_name, Body.name).join(Task, Task.lead_body_id == Body.id)
                        .where(Task.id == task_id)).first()
    return (row.short_name or row.name) if row is not None else ""
