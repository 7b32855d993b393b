"""Documents with the same symbol, found however the symbol is typed (issue 13, duplicates)."""

from __future__ import annotations

from datetime import date

from desktop_app.ops.documents import create_document
from desktop_app.reports.duplicates import SameSymbol, documents_with_symbol


def test_same_symbol_found_with_same_date_first(db):
    create_document(db, "57-NQ/TW", issue_date=date(2024, 12, 22), issuing_authority="Bộ Chính trị",
                    subject="về đột phá phát triển khoa học, công nghệ")
    create_document(db, "57-NQ/TW", issue_date=date(2019, 1, 2), issuing_authority="Bộ Chính trị")
    create_document(db, "58-NQ/TW", issue_date=date(2024, 12, 22))

    found = documents_with_symbol(db, "Nghị quyết số 57- nq/tw", date(2024, 12, 22))
    assert [(d.symbol, d.issue_date, d.same_date) for d in found] == [
        ("57-NQ/TW", date(2024, 12, 22), True),
        ("57-NQ/TW", date(2019, 1, 2), False),
    ]
    assert isinstance(found[0], SameSymbol)
    assert found[0].issuing_authority == "Bộ Chính trị" and found[0].subject.startswith("về đột phá")


def test_no_date_typed_is_flagged_but_not_the_same_date(db):
    create_document(db, "57-NQ/TW", issue_date=date(2024, 12, 22))
    found = documents_with_symbol(db, "57-NQ/TW")
    assert [(d.issue_date, d.same_date) for d in found] == [(date(2024, 12, 22), False)]


def test_document_being_edited_is_left_out(db):
    create_document(db, "65/KH-UBND", issue_date=date(2025, 3, 12))
    (only,) = documents_with_symbol(db, "65/KH-UBND")
    assert documents_with_symbol(db, "65/KH-UBND", exclude_id=only.id) == []


def test_text_that_is_not_a_symbol_finds_nothing(db):
    create_document(db, "57-NQ/TW", issue_date=date(2024, 12, 22))
    assert documents_with_symbol(db, "") == []
    assert documents_with_symbol(db, "57-NQ") == []
    assert documents_with_symbol(db, "57/NQ-CP") == []  # a state symbol is another document
