"""Vietnamese number formats."""

from desktop_app.core.numbers import format_int, format_percent, format_ratio


def test_percent_with_one_decimal_in_vietnamese_format():
    assert format_percent(1, 3) == "33,3%"
    assert format_percent(3, 4) == "75%"
    assert format_percent(2, 3) == "66,7%"
    assert format_percent(1, 8) == "12,5%"
    assert format_percent(5, 5) == "100%"
    assert format_percent(0, 7) == "0%"
    assert format_percent(1, 3, decimals=0) == "33%" == format_ratio(1, 3)
    assert format_percent(1, 0) == "" == format_ratio(1, 0)
    assert format_int(1234) == "1.234"


def test_numbers_in_the_english_locale():
    assert format_int(3408, locale="en") == "3,408"
    assert format_percent(1, 3, locale="en") == "33.3%"
    assert format_ratio(3, 4, locale="en") == "75%"
    assert format_int(3408) == "3.408"  # Vietnamese stays the default (Word documents)
