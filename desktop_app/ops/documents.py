"""Văn bản (resolutions and other guiding documents): create, edit, delete."""

from __future__ import annotations

from sqlalchemy import func, select

from ..store.db import Database
from ..store.models import Document, ProgramDocument
from .fields import DocumentFields, given
from .base import Changes, ValidationError, check_expected, get_or_fail, operation
from ..interchange.fields import clean_document_fields
from ..interchange.validate import Checker, refuse_unknown

FIELDS = ("symbol", "issue_date", "issuing_authority", "subject", "classification")
LABELS = {
    "symbol": "Số, ký hiệu", "issue_date": "Ngày ban hành", "issuing_authority": "Cơ quan ban hành",
    "subject": "Trích yếu", "classification": "Độ mật",
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
            c.fail("symbol", raw_symbol, f"Văn bản số {out['symbol']} cùng ngày ban hành đã có trong danh sách.")
    c.raise_if_any()
    return out, c.warnings


def _refuse_unknown(values: dict) -> None:
    refuse_unknown(values, FIELDS, "Văn bản")


def create_document(db: Database, symbol: str, fields: DocumentFields = DocumentFields()) -> Changes:
    values = given(fields, DocumentFields)
    with operation(db, "Thêm văn bản", entity="documents") as op:
        clean, warnings = _check(op.session, {"symbol": symbol, **values}, None)
        op.rename(f"Thêm văn bản {clean['symbol']}")
        op.entity_id = op.insert(Document(**clean)).id
        op.warn(*warnings)
    return op.changes


def update_document(db: Database, document_id: int, fields: DocumentFields, *,
                    expected: dict | None = None) -> Changes:
    """``expected``: the values the user's screen showed; if they changed since, nothing is
    written (:class:`~desktop_app.ops.base.ConflictError`)."""
    values = given(fields, DocumentFields)
    _refuse_unknown(expected or {})
    with operation(db, "Sửa văn bản", entity="documents", entity_id=document_id) as op:
        doc = get_or_fail(op.session, Document, document_id, "văn bản")
        check_expected(op, doc, expected, labels=LABELS)
        merged = {f: getattr(doc, f) for f in FIELDS} | values
        clean, warnings = _check(op.session, merged, document_id)
        op.rename(f"Sửa văn bản {clean['symbol']}")
        op.update(doc, **clean)
        op.warn(*warnings)
    return op.changes


def delete_document(db: Database, document_id: int) -> Changes:
    with operation(db, "Xóa văn bản", entity="documents", entity_id=document_id) as op:
        doc = get_or_fail(op.session, Document, document_id, "văn bản")
        op.rename(f"Xóa văn bản {doc.symbol}")
        links = op.session.scalar(
            select(func.count()).select_from(ProgramDocument).where(ProgramDocument.document_id == document_id)
        )
        if links:
            raise ValidationError(
                f"Không xóa được văn bản {doc.symbol}: có {links} chương trình thực hiện văn bản này. "
                "Hãy bỏ liên kết ở các chương trình đó trước."
            )
        op.delete(doc)
    return op.changes
