"""Văn bản (resolutions and other guiding documents): create, edit, delete."""

from __future__ import annotations

from sqlalchemy import func, select

from ..store.db import Database
from ..store.models import Document, ProgramDocument
from .fields import DocumentFields, given
from ..i18n import N_, _, format_int
from . import names
from .base import Changes, ValidationError, check_expected, get_or_fail, operation
from ..interchange.fields import clean_document_fields
from ..interchange.validate import Checker, refuse_unknown

FIELDS = ("symbol", "issue_date", "issuing_authority", "subject", "classification")
LABELS = {
    "symbol": N_("Số, ký hiệu"), "issue_date": N_("Ngày ban hành"), "issuing_authority": N_("Cơ quan ban hành"),
    "subject": N_("Trích yếu"), "classification": N_("Độ mật"),
}


def _check(session, values: dict, document_id: int | None) -> tuple[dict, list[str]]:
    c = Checker()
    out = clean_document_fields(c, values)
    if "symbol" in out:
        raw_symbol = values.get("symbol")
        clash = session.scalar(
            select(Document.id).where(
                Document.symbol == out["symbol"],
                Document.issue_date.is_(None) if out["issue_date"] is None else Document.issue_date == out["issue_date"],
                Document.id != (document_id or -1),
            )
        )
        if clash:
            c.fail("symbol", raw_symbol, _("Văn bản số {symbol} cùng ngày ban hành đã có trong danh sách.")
                   .format(symbol=out["symbol"]))
    c.raise_if_any()
    return out, c.warnings


def _refuse_unknown(values: dict) -> None:
    refuse_unknown(values, FIELDS, _("Văn bản"))


def create_document(db: Database, symbol: str, fields: DocumentFields = DocumentFields()) -> Changes:
    values = given(fields, DocumentFields)
    with operation(db, names.ADD_DOCUMENT_SHORT, entity="documents") as op:
        clean, warnings = _check(op.session, {"symbol": symbol, **values}, None)
        op.rename(names.ADD_DOCUMENT, title=clean["symbol"])
        op.entity_id = op.insert(Document(**clean)).id
        op.warn(*warnings)
    return op.changes


def update_document(db: Database, document_id: int, fields: DocumentFields, *,
                    expected: dict | None = None) -> Changes:
    """``expected``: the values the user's screen showed; if they changed since, nothing is
    written (:class:`~desktop_app.ops.base.ConflictError`)."""
    values = given(fields, DocumentFields)
    _refuse_unknown(expected or {})
    with operation(db, names.EDIT_DOCUMENT_SHORT, entity="documents", entity_id=document_id) as op:
        doc = get_or_fail(op.session, Document, document_id, N_("văn bản"))
        check_expected(op, doc, expected, labels=LABELS)
        merged = {f: getattr(doc, f) for f in FIELDS} | values
        clean, warnings = _check(op.session, merged, document_id)
        op.rename(names.EDIT_DOCUMENT, title=clean["symbol"])
        op.update(doc, **clean)
        op.warn(*warnings)
    return op.changes


def delete_document(db: Database, document_id: int) -> Changes:
    with operation(db, names.DELETE_DOCUMENT_SHORT, entity="documents", entity_id=document_id) as op:
        doc = get_or_fail(op.session, Document, document_id, N_("văn bản"))
        op.rename(names.DELETE_DOCUMENT, title=doc.symbol)
        links = op.session.scalar(
            select(func.count()).select_from(ProgramDocument).where(ProgramDocument.document_id == document_id)
        )
        if links:
            raise ValidationError(
                _("Không xóa được văn bản {symbol}: có {count} chương trình thực hiện văn bản này. "
                  "Hãy bỏ liên kết ở các chương trình đó trước.").format(symbol=doc.symbol, count=format_int(links))
            )
        op.delete(doc)
    return op.changes
