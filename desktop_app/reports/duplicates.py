"""Documents already recorded under a symbol: what the document form warns about as the
user types ("57-NQ/TW is already in the list"), before a second copy is saved."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from sqlalchemy import select

from ..core.symbols import SymbolError, parse_symbol
from ..store.db import Database
from ..store.models import Document


class SameSymbol(NamedTuple):
    """A recorded document with the symbol asked about."""

    id: int
    symbol: str
    issue_date: date | None
    issuing_authority: str
    subject: str
    same_date: bool  # also the same issue date: saving would be refused as a duplicate


def documents_with_symbol(
    db: Database, symbol_text: str, issue_date: date | None = None, exclude_id: int | None = None,
) -> list[SameSymbol]:
    """Recorded documents whose symbol reads the same as *symbol_text* however it is typed
    ("Nghị quyết số 57- nq/tw" finds 57-NQ/TW), the one with the same issue date first.
    *exclude_id* leaves out the document being edited. Text that is not a symbol finds none."""
    try:
        symbol = str(parse_symbol(symbol_text))
    except SymbolError:
        return []
    with db.read() as s:
        rows = s.execute(
            select(Document.id, Document.symbol, Document.issue_date, Document.issuing_authority, Document.subject)
            .where(Document.symbol == symbol, Document.id != (exclude_id if exclude_id is not None else -1))
        ).all()
    found = [
        SameSymbol(r.id, r.symbol, r.issue_date, r.issuing_authority or "", r.subject or "", r.issue_date == issue_date)
        for r in rows
    ]
    return sorted(found, key=lambda d: (not d.same_date, d.issue_date is None, d.issue_date or date.min, d.id))
