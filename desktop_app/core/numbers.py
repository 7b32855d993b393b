"""Numbers as Vietnamese readers expect them: "3.113", "1.234.567,89", "75%" (Babel 'vi').

Every function takes an optional Babel *locale* ("en": "3,113", "33.3%") for the English user
interface (the GUI passes its language, see ``gui/formats.py``); the Word documents keep 'vi'."""

from __future__ import annotations

from babel.numbers import format_decimal
from babel.numbers import format_percent as _babel_percent

LOCALE = "vi"


def format_int(n: int, locale: str = LOCALE) -> str:
    return format_decimal(n, locale=locale)


def format_number(x: float, digits: int = 2, locale: str = LOCALE) -> str:
    return format_decimal(round(x, digits), locale=locale)


def format_ratio(part: int, whole: int, locale: str = LOCALE) -> str:
    """75% for 3252/4336 (whole percent, as reports write it); '' when whole is 0."""
    if whole <= 0:
        return ""
    return _babel_percent(part / whole, locale=locale, format="#,##0%")


def format_percent(part: int, whole: int, decimals: int = 1, locale: str = LOCALE) -> str:
    """"75%", "33,3%" (at most *decimals* digits after the comma, none when whole); '' when
    whole is 0."""
    if whole <= 0:
        return ""
    pattern = "#,##0" + ("." + "#" * decimals if decimals > 0 else "") + "%"
    return _babel_percent(part / whole, locale=locale, format=pattern)
