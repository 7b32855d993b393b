"""Numbers as Vietnamese readers expect them: "3.113", "1.234.567,89", "75%" (Babel 'vi')."""

from __future__ import annotations

from babel.numbers import format_decimal, format_percent

LOCALE = "vi"


def format_int(n: int) -> str:
    return format_decimal(n, locale=LOCALE)


def format_number(x: float, digits: int = 2) -> str:
    return format_decimal(round(x, digits), locale=LOCALE)


def format_ratio(part: int, whole: int) -> str:
    """75% for 3252/4336 (whole percent, as reports write it); '' when whole is 0."""
    if whole <= 0:
        return ""
    return format_percent(part / whole, locale=LOCALE, format="#,##0%")
