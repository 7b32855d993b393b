"""Vietnamese document dates and Roman numerals (desktop_app.core.dates)."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.core.dates import (
    MAX_YEAR,
    MIN_YEAR,
    DateError,
    day_text,
    format_citation_date,
    format_date,
    format_long_date,
    format_place_date,
    from_roman,
    month_text,
    parse_date,
    to_roman,
)

# --- long dates: leading zero for days below 10 and for months 1 and 2 only --------------


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2024, 2, 5), "ngày 05 tháng 02 năm 2024"),
        (date(2024, 3, 20), "ngày 20 tháng 3 năm 2024"),
        (date(2025, 1, 1), "ngày 01 tháng 01 năm 2025"),
        (date(2023, 11, 24), "ngày 24 tháng 11 năm 2023"),
        (date(2024, 10, 9), "ngày 09 tháng 10 năm 2024"),
        (date(2024, 12, 31), "ngày 31 tháng 12 năm 2024"),
        (date(2024, 9, 10), "ngày 10 tháng 9 năm 2024"),
        (date(2024, 2, 29), "ngày 29 tháng 02 năm 2024"),
    ],
)
def test_format_long_date(d, expected):
    assert format_long_date(d) == expected


def test_day_and_month_text():
    assert [day_text(d) for d in (1, 9, 10, 31)] == ["01", "09", "10", "31"]
    assert [month_text(m) for m in range(1, 13)] == [
        "01", "02", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12",
    ]


@given(st.dates(min_value=date(MIN_YEAR, 1, 1), max_value=date(MAX_YEAR, 12, 31)))
def test_long_date_round_trips_through_parse(d):
    text = format_long_date(d)
    assert parse_date(text) == d
    assert parse_date(format_date(d)) == d


def test_format_place_date():
    place = "Lạng Sơn"
    assert format_place_date(place, date(2024, 3, 20)) == "Lạng Sơn, ngày 20 tháng 3 năm 2024"
    assert format_place_date(place, date(2024, 2, 5)) == "Lạng Sơn, ngày 05 tháng 02 năm 2024"
    nfd_place = unicodedata.normalize("NFD", "  Lạng   Sơn ")
    assert format_place_date(nfd_place, date(2025, 1, 1)) == "Lạng Sơn, ngày 01 tháng 01 năm 2025"


def test_format_place_date_blank_for_drafts():
    text = format_place_date("Lạng Sơn", None)
    assert text.startswith("Lạng Sơn, ngày ")
    assert " tháng " in text and text.endswith(" năm")
    assert not any(ch.isdigit() for ch in text)
    # the draft's year is given by the caller, never taken from today's clock
    assert format_place_date("Lạng Sơn", None, 2024).endswith(" năm 2024")


def test_parse_date_accepts_words_without_diacritics_and_rejects_foreign_digits():
    assert parse_date("ngay 5 thang 2 nam 2024") == date(2024, 2, 5)
    assert parse_date("Ngày 05 Tháng 02 Năm 2024") == date(2024, 2, 5)
    with pytest.raises(DateError):
        parse_date("٠٥/٠٢/٢٠٢٤")


def test_impossible_date_message_quotes_what_was_typed():
    with pytest.raises(DateError, match="«31/02/2024»"):
        parse_date("31/02/2024")


def test_format_date():
    assert format_date(date(2024, 2, 5)) == "05/02/2024"
    assert format_date(date(2024, 11, 24)) == "24/11/2024"
    assert format_date(None) == ""
    assert format_citation_date(date(2023, 11, 24)) == "24/11/2023"


# --- parse_date ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "05/02/2024",
        "5/2/2024",
        "5-2-2024",
        "05-02-2024",
        "05.02.2024",
        " 05 / 02 / 2024 ",
        "2024-02-05",
        "2024-2-5",
        "ngày 5 tháng 2 năm 2024",
        "ngày 05 tháng 02 năm 2024",
        "Ngày 05 Tháng 02 Năm 2024",
        "5 tháng 2 năm 2024",
        "ngày 05\ntháng 02  năm 2024",
    ],
)
def test_parse_date_valid_forms(text):
    assert parse_date(text) == date(2024, 2, 5)


def test_parse_date_nfd_long_form():
    text = unicodedata.normalize("NFD", "ngày 20 tháng 3 năm 2024")
    assert parse_date(text) == date(2024, 3, 20)


def test_parse_date_leap_day():
    assert parse_date("29/02/2024") == date(2024, 2, 29)
    with pytest.raises(DateError, match="29"):
        parse_date("29/02/2023")


def test_parse_date_impossible_day_mentions_it():
    with pytest.raises(DateError) as info:
        parse_date("31/02/2024")
    message = str(info.value)
    assert "31" in message and "2024" in message
    assert "tháng 2" in message


def test_date_error_is_value_error():
    assert issubclass(DateError, ValueError)


@pytest.mark.parametrize("text", ["05/02/24", "5/2/24", "05/02/202", "05-02-24"])
def test_parse_date_two_digit_year_rejected(text):
    with pytest.raises(DateError, match="4 chữ số"):
        parse_date(text)


@pytest.mark.parametrize(
    "text",
    ["hôm qua", "abc", "05/02", "2024/02/05", "05/02/2024x", "32/01/2024", "00/01/2024",
     "01/13/2024", "01/00/2024", "2024-13-01", "ngày 5 tháng 2 năm 24", "5 tháng hai 2024"],
)
def test_parse_date_garbage_rejected(text):
    with pytest.raises(DateError):
        parse_date(text)


def test_parse_date_month_out_of_range_message():
    with pytest.raises(DateError, match="Tháng 13"):
        parse_date("01/13/2024")


@pytest.mark.parametrize("text", ["", "   ", "\n\t", None])
def test_parse_date_empty(text):
    with pytest.raises(DateError, match="Chưa nhập ngày"):
        parse_date(text)


def test_parse_date_year_range():
    assert parse_date(f"01/01/{MIN_YEAR}") == date(MIN_YEAR, 1, 1)
    assert parse_date(f"31/12/{MAX_YEAR}") == date(MAX_YEAR, 12, 31)
    with pytest.raises(DateError, match=str(MIN_YEAR - 1)):
        parse_date(f"01/01/{MIN_YEAR - 1}")
    with pytest.raises(DateError):
        parse_date(f"{MAX_YEAR + 1}-01-01")
    with pytest.raises(DateError):
        parse_date("01/01/0000")


def test_parse_date_messages_are_vietnamese_and_quote_input():
    with pytest.raises(DateError) as info:
        parse_date("hôm qua")
    assert "«hôm qua»" in str(info.value)
    assert "ví dụ 05/02/2024" in str(info.value)


# --- Roman numerals ---------------------------------------------------------------------------


def test_to_roman_examples():
    assert [to_roman(n) for n in (1, 2, 3, 4, 5, 9, 14, 40, 90, 400, 900)] == [
        "I", "II", "III", "IV", "V", "IX", "XIV", "XL", "XC", "CD", "CM",
    ]
    assert to_roman(1994) == "MCMXCIV"
    assert to_roman(3999) == "MMMCMXCIX"


def test_roman_round_trip_all():
    seen = set()
    for n in range(1, 4000):
        roman = to_roman(n)
        assert from_roman(roman) == n
        assert from_roman(roman.lower()) == n
        seen.add(roman)
    assert len(seen) == 3999


@pytest.mark.parametrize("n", [0, -1, 4000, 10_000])
def test_to_roman_out_of_range(n):
    with pytest.raises(ValueError):
        to_roman(n)


@pytest.mark.parametrize(
    "text",
    ["", "  ", "IIII", "VX", "IC", "XM", "VV", "IIV", "MMMM", "ABC", "0", "4", "I V", "IVI"],
)
def test_from_roman_rejects(text):
    with pytest.raises(ValueError):
        from_roman(text)


def test_from_roman_trims_and_ignores_case():
    assert from_roman(" iv ") == 4
    assert from_roman("Xii") == 12
