"""Văn bản (resolutions and other guiding documents): create, edit, delete."""

from __future__ import annotations

from sqlalchemy import func, select

from ..core.symbols import SymbolError, parse_symbol
from ..store.db import Database
from ..store.models import Document, ProgramDocument
from .base import Changes, ValidationError, check_expected, get_or_fail, operation
from .validate import Checker, limit_of, refuse_unknown

FIELDS = ("symbol", "issue_date", "issuing_authority", "subject", "classification")
LABELS = {
    "symbol": "Số, ký hiệu", "issue_date": "Ngày ban hành", "issuing_authority": "Cơ quan ban hành",
    "subject": "Trích yếu", "classification": "Độ mật",
}


def clean_document_fields(c: Checker, values: dict) -> dict:
    """The field rules that need no database (shared with the importer)."""
    raw_symbol = values.get("symbol")
    symbol = None
    try:
        symbol = parse_symbol(raw_symbol if isinstance(raw_symbol, str) else "")
    except SymbolError as exc:
        c.fail("symbol", raw_symbol, str(exc))
    out = {
        "issue_date": c.date("issue_date", "Ngày ban hành", values.get("issue_date")),
        "issuing_authority": c.text("issuing_authority", "Cơ quan ban hành", values.get("issuing_authority"),
                                    limit=Document.issuing_authority),
        "subject": c.long_text("subject", "Trích yếu", values.get("subject"), limit="content"),
        "classification": c.text("classification", "Độ mật", values.get("classification"),
                                 limit=Document.classification) or None,
    }
    if symbol is not None:
        for part, column in ((str(symbol), Document.symbol), (symbol.issuer_code, Document.issuer_code),
                             (symbol.type_code or "", Document.type_code)):
            if len(part) > limit_of(column):
                c.fail("symbol", raw_symbol, f"Ký hiệu «{symbol}» dài quá mức một ký hiệu văn bản; hãy kiểm tra lại.")
                symbol = None
                break
    if symbol is not None:
        out |= {
            "symbol": str(symbol),
            "number": symbol.number,
            "type_code": symbol.type_code,
            "issuer_code": symbol.issuer_code,
            "symbol_year": symbol.year,
            "style": symbol.style,
        }
    return out


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


def create_document(db: Database, symbol: str, **values) -> Changes:
    _refuse_unknown(values)
    with operation(db, "Thêm văn bản", entity="documents") as op:
        clean, warnings = _check(op.session, {"symbol": symbol, **values}, None)
        op.rename(f"Thêm văn bản {clean['symbol']}")
        op.entity_id = op.insert(Document(**clean)).id
        op.warn(*warnings)
    return op.changes


def update_document(db: Database, document_id: int, *, expected: dict | None = None, **values) -> Changes:
    """``expected``: the values the user's screen showed; if they changed since, nothing is
    written (:class:`~desktop_app.ops.base.ConflictError`)."""
    _refuse_unknown(values)
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
