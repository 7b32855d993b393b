"""The messages of core/ in the English UI (issue 13, "complete English"), and the wording that
stays Vietnamese whatever the UI language: what documents print and what the parsers read."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app import i18n
from desktop_app.core.citations import parse_citation
from desktop_app.core.dates import DateError, format_place_date, parse_date
from desktop_app.core.deadlines import DeadlineError, deadline_for_task, parse_deadline
from desktop_app.core.legacy_text import LegacyTextError, unicode_to_vni
from desktop_app.core.status import (
    STATUS_LABELS,
    TaskStatus,
    completion_clash,
    days_phrase,
    days_text,
    period_label,
    period_name,
)
from desktop_app.core.symbols import SymbolError, parse_symbol


@pytest.fixture
def english():
    i18n.set_language("en")
    yield
    i18n.set_language("vi")


def refusal(exc_type, call, *args) -> str:
    with pytest.raises(exc_type) as caught:
        call(*args)
    return str(caught.value)


def test_symbol_refusals_are_english(english):
    assert refusal(SymbolError, parse_symbol, "") == (
        "No document symbol has been entered. A Party document symbol has the form NUMBER-TYPE/BODY, "
        "e.g. 42-NQ/TW; a state document has the form NUMBER/TYPE-BODY, e.g. 68/NQ-CP.")
    assert refusal(SymbolError, parse_symbol, "42-NQ") == (
        "The document symbol “42-NQ” lacks the issuing body after “/”, e.g. 42-NQ/TW.")
    assert refusal(SymbolError, parse_symbol, "68/QĐUBNDX") .startswith(
        "Symbol “68/QĐUBNDX”: “QĐUBNDX” looks like the document type code “QĐ” run together with the body code "
        "“UBNDX” (a hyphen is missing). Write it out, e.g. 68/QĐ-UBNDX.")


def test_the_same_refusal_in_each_language_even_after_it_was_cached(english):
    # parse_deadline keeps the answer for a text: the language is part of what is kept.
    text = "Trước ngày 15/8 năm sau"
    english_message = refusal(DeadlineError, parse_deadline, text)
    i18n.set_language("vi")
    vietnamese_message = refusal(DeadlineError, parse_deadline, text)
    i18n.set_language("en")
    assert refusal(DeadlineError, parse_deadline, text) == english_message
    assert english_message.startswith("The deadline “Trước ngày 15/8 năm sau” does not state the year")
    assert vietnamese_message.startswith("Thời hạn «Trước ngày 15/8 năm sau» không ghi rõ năm")


def test_deadline_hint_is_english_but_the_deadline_keeps_its_document_wording(english):
    # What the task editor shows under the deadline field (gui.editors.task_editor.deadline_preview).
    quarter = deadline_for_task("quý 1/2024")
    assert quarter.text == "Quý I/2024"  # printed in the Word documents as it is
    assert quarter.describe() == "Quý I/2024 → due 31/03/2024"
    assert deadline_for_task("trước ngày 15/8/2026").describe() == "Trước ngày 15/08/2026 → due 15/08/2026"
    assert deadline_for_task("thường xuyên").describe() == "Thường xuyên → no fixed due date, reported periodically"
    assert deadline_for_task("Sau khi có hướng dẫn").describe() == (
        "Sau khi có hướng dẫn → no due date until the event has a date")
    assert refusal(DeadlineError, deadline_for_task, "") == (
        "No deadline has been entered. Enter, for example, “Quý I/2024”, “30/06/2024” or “Thường xuyên”.")
    assert refusal(DeadlineError, parse_deadline, "Thứ Hai, ngày 08/9/2026") == (
        "08/09/2026 is a Tuesday, not a Monday as in “Thứ Hai, ngày 08/9/2026”: please check the date.")


def test_deadline_hint_stays_vietnamese_in_the_vietnamese_ui():
    assert deadline_for_task("quý 1/2024").describe() == "Quý I/2024 → hạn 31/03/2024"


def test_date_and_citation_messages_are_english(english):
    assert refusal(DateError, parse_date, "31/02/2024") == (
        "The date “31/02/2024” does not exist: month 2 of 2024 has no day 31.")
    citation = parse_citation("Nghị quyết số 57-NQ/TW của Bộ Chính trị về phát triển khoa học")
    assert citation.problems == ("No issue date found (e.g. “ngày 22/12/2024”): enter the date.",)
    assert refusal(LegacyTextError, unicode_to_vni, "中") == "The character “中” cannot be written in the VNI encoding."


def test_status_messages_are_english_and_document_wording_is_not(english):
    assert completion_clash("recurring_yearly", [date(2026, 3, 2)], date(2026, 9, 1)) == (
        "The task was already recorded as completed for 2026, on 02/03/2026. If that was a mistake, correct that entry.")
    assert period_name(date(2024, 7, 1), "quarter") == "quarter III of 2024"
    assert period_name(date(2024, 7, 1), "half_year") == "second half of 2024"
    # Documents: Vietnamese in every UI language.
    assert period_label(date(2024, 7, 1), "quarter") == "quý III năm 2024"
    assert days_phrase(date(2026, 9, 1), date(2026, 9, 4)) == "quá hạn 3 ngày"
    assert format_place_date("Lạng Sơn", date(2024, 3, 20)) == "Lạng Sơn, ngày 20 tháng 3 năm 2024"
    # Label tables keep the Vietnamese (documents print it); the screens translate it.
    assert STATUS_LABELS[TaskStatus.OVERDUE] == "Quá hạn chưa hoàn thành"
    assert i18n._(STATUS_LABELS[TaskStatus.OVERDUE]) == "Overdue, not completed"
    kind = parse_symbol("15/CT-TTg").kind_name
    assert (kind, i18n._(kind)) == ("Chỉ thị", "Directive")


def test_days_late_or_left_on_screens_follow_the_ui_language_documents_do_not(english):
    as_of = date(2024, 7, 1)
    assert days_text(date(2024, 6, 28), as_of) == "3 days late"
    assert days_text(date(2024, 6, 30), as_of) == "1 day late"
    assert days_text(date(2024, 7, 1), as_of) == "due today"
    assert days_text(date(2024, 7, 10), as_of) == "9 days left"
    assert days_text(None, as_of) == ""
    assert days_phrase(date(2024, 6, 28), as_of) == "quá hạn 3 ngày"  # the follow-up letter's wording
    i18n.set_language("vi")
    assert days_text(date(2024, 6, 28), as_of) == days_phrase(date(2024, 6, 28), as_of)
