"""Chương trình hành động / kế hoạch: create, edit, link documents, delete."""

from __future__ import annotations

from sqlalchemy import select

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
from ..i18n import N_, _
from . import names
from .base import Changes, ValidationError, check_expected, get_or_fail, operation, sync_ordered_links
from .fields import ProgramFields, given
from ..interchange.fields import PROGRAM_KIND_LABELS as PROGRAM_KIND_LABELS  # shown by the screens
from ..interchange.fields import PROGRAM_STATUS_LABELS as PROGRAM_STATUS_LABELS
from ..interchange.fields import SECTION_FIELDS, check_signing, clean_program_fields
from ..interchange.validate import Checker, refuse_unknown, short

FIELDS = (
    "kind", "title", "issuing_body_id", "number", "issue_date", "place", "status", "draft_round",
    "classification", *SECTION_FIELDS, "signing_authority", "signing_mode", "signer_title",
    "signer_name", "recipients",
)

LABELS = {
    "kind": N_("Loại văn bản"), "title": N_("Tên chương trình"), "issuing_body_id": N_("Cơ quan ban hành"),
    "number": N_("Số văn bản"), "issue_date": N_("Ngày ban hành"), "place": N_("Địa danh"),
    "status": N_("Trạng thái"), "draft_round": N_("Dự thảo lần"), "classification": N_("Độ mật"),
    "opening_text": N_("Phần mở đầu"), "purpose_text": N_("Mục đích, yêu cầu"), "objectives_text": N_("Mục tiêu"),
    "tasks_text": N_("Nhiệm vụ, giải pháp"), "organisation_text": N_("Tổ chức thực hiện"),
    "signing_authority": N_("Thẩm quyền ký"), "signing_mode": N_("Hình thức ký"),
    "signer_title": N_("Chức vụ người ký"), "signer_name": N_("Người ký"), "recipients": N_("Nơi nhận"),
    "document_ids": N_("Văn bản được thực hiện"),
}


def _check(session, values: dict) -> tuple[dict, list[str]]:
    c = Checker()
    out = clean_program_fields(c, values)
    body = None
    if out["issuing_body_id"] is not None:
        body = session.get(Body, out["issuing_body_id"])
        if body is None:
            c.fail("issuing_body_id", out["issuing_body_id"], _("Cơ quan ban hành không tồn tại."))
    check_signing(c, body, out["signing_mode"])
    c.raise_if_any()
    return out, c.warnings


def _refuse_unknown(values: dict) -> None:
    refuse_unknown(values, FIELDS, _("Chương trình"))


def _check_documents(session, document_ids) -> list[int]:
    ids = list(dict.fromkeys(document_ids or ()))
    missing = [i for i in ids if session.get(Document, i) is None]
    if missing:
        raise ValidationError(_("Văn bản được chọn không còn tồn tại."), "document_ids", missing)
    return ids


def create_program(db: Database, title: str, fields: ProgramFields = ProgramFields()) -> Changes:
    values = given(fields, ProgramFields)
    values.pop("title", None)  # the title is the argument
    document_ids = values.pop("document_ids", None) or ()
    with operation(db, names.ADD_PROGRAM_SHORT, entity="programs") as op:
        clean, warnings = _check(op.session, {"title": title, **values})
        ids = _check_documents(op.session, document_ids)
        op.rename(names.ADD_PROGRAM, title=short(clean["title"]))
        program = op.insert(Program(**clean))
        op.entity_id = program.id
        for position, doc_id in enumerate(ids):
            op.insert(ProgramDocument(program_id=program.id, document_id=doc_id, position=position))
        op.warn(*warnings)
    return op.changes


def update_program(db: Database, program_id: int, fields: ProgramFields, *,
                   expected: dict | None = None) -> Changes:
    """Edit fields of a programme (``document_ids``, given, replaces its documents).
    ``expected``: the values the user's screen showed; if they changed since, nothing is
    written (:class:`~desktop_app.ops.base.ConflictError`)."""
    values = given(fields, ProgramFields)
    document_ids = values.pop("document_ids", None)
    _refuse_unknown({k: v for k, v in (expected or {}).items() if k != "document_ids"})
    with operation(db, names.EDIT_PROGRAM_SHORT, entity="programs", entity_id=program_id) as op:
        program = get_or_fail(op.session, Program, program_id, N_("chương trình"))
        if expected:
            shown = {}
            if "document_ids" in expected:
                shown["document_ids"] = list(op.session.scalars(
                    select(ProgramDocument.document_id).where(ProgramDocument.program_id == program_id)
                    .order_by(ProgramDocument.position)))
            check_expected(
                op, program, expected, labels=LABELS, shown=shown, columns={"document_ids": ("__links__",)},
                describe=lambda name, value: ", ".join(get_or_fail(op.session, Document, i, N_("văn bản"), lock=False).symbol
                                                      for i in value)
                if name == "document_ids" else None,
            )
        merged = {f: getattr(program, f) for f in FIELDS} | values
        clean, warnings = _check(op.session, merged)
        op.rename(names.EDIT_PROGRAM, title=short(clean["title"]))
        op.update(program, **{k: clean[k] for k in values})
        if document_ids is not None:
            _relink(op, program_id, _check_documents(op.session, document_ids))
        op.warn(*warnings)
    return op.changes


def _relink(op, program_id: int, ids: list[int]) -> None:
    sync_ordered_links(op, ProgramDocument, "program_id", program_id, "document_id", ids)


def delete_program(db: Database, program_id: int) -> Changes:
    """Delete a programme with its tasks and their progress (all undoable)."""
    with operation(db, names.DELETE_PROGRAM_SHORT, entity="programs", entity_id=program_id) as op:
        session = op.session
        program = get_or_fail(session, Program, program_id, N_("chương trình"))
        op.rename(names.DELETE_PROGRAM, title=short(program.title))
        task_ids = list(session.scalars(select(Task.id).where(Task.program_id == program_id)))
        delete_tasks_rows(op, task_ids)
        for link in session.scalars(select(ProgramDocument).where(ProgramDocument.program_id == program_id)):
            op.delete(link)
        op.delete(program)
    return op.changes


def delete_tasks_rows(op, task_ids: list[int]) -> None:
    """Delete tasks and what hangs on them, children first, each row journaled."""
    if not task_ids:
        return
    session = op.session
    # Corrections point at the entries they correct: delete newest first.
    entries = session.scalars(
        select(ProgressEntry).where(ProgressEntry.task_id.in_(task_ids)).order_by(ProgressEntry.id.desc())
    ).all()
    for entry in entries:
        op.delete(entry)
    for link in session.scalars(select(TaskCoordinator).where(TaskCoordinator.task_id.in_(task_ids))).all():
        op.delete(link)
    for task in session.scalars(select(Task).where(Task.id.in_(task_ids))).all():
        op.delete(task)

