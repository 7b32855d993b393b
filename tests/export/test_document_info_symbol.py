"""The programme's cited documents print the symbol as stored, letter after the number included."""

from __future__ import annotations

from desktop_app.export.program_docx import document_info
from desktop_app.store.models import Document


def _document(symbol: str, number: int, type_code: str | None, issuer: str, style: str) -> Document:
    return Document(symbol=symbol, number=number, type_code=type_code, issuer_code=issuer, style=style,
                    symbol_year=None, subject="Về việc thử", issuing_authority="Chính phủ")


def test_letter_after_the_number_is_kept():
    info = document_info(_document("15a/NQ-CP", 15, "NQ", "CP", "state"))
    assert info.symbol == "15a/NQ-CP"
    assert info.kind_name == "Nghị quyết"


def test_plain_symbol_unchanged():
    info = document_info(_document("42-NQ/TW", 42, "NQ", "TW", "party"))
    assert (info.symbol, info.kind_name) == ("42-NQ/TW", "Nghị quyết")


def test_unreadable_text_falls_back_to_the_stored_parts():
    info = document_info(_document("bản sao", 7, "KH", "UBND", "state"))
    assert (info.symbol, info.kind_name) == ("07/KH-UBND", "Kế hoạch")
