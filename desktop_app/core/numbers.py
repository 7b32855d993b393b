"""Numbers as Vietnamese readers expect them: "3.113", "1.234.567,89", "75%" (Babel 'vi').

Every function takes an optional Babel *locale* ("en": "3,113", "33.3%") for the English user
interface (the GUI passes its language, see ``gui/formats.py``); the Word documents keep 'vi'."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal

LOCALE = "vi"

# Whole numbers and whole percents in the two languages of the program are written here
# without Babel, whose import costs more than the rest of ``nqdesk stats``' own code: the
# same digits, group separator and rounding (half to even) as Babel's patterns "#,##0" and
# "#,##0%" (tests/core/test_numbers.py compares both on every case). Babel does the rest.
_GROUP_SEPARATOR = {"vi": ".", "en": ","}


def _grouped(n: int, locale: str) -> str | None:
    sep = _GROUP_SEPARATOR.get(locale)
    if sep is None or n < 0:
        return None
    return f"{n:,}".replace(",", sep)


def format_decimal(number: float | int, locale: str = LOCALE) -> str:
    from babel.numbers import format_decimal as babel_decimal

    return babel_decimal(number, locale=locale)


def _babel_percent(number: float, locale: str, format: str) -> str:  # noqa: A002 (Babel's name)
    from babel.numbers import format_percent

    return format_percent(number, locale=locale, format=format)


def format_int(n: int, locale: str = LOCALE) -> str:
    if type(n) is int:
        shown = _grouped(abs(n), locale)
        if shown is not None:
            return "-" + shown if n < 0 else shown
    return format_decimal(n, locale=locale)


def format_number(x: float, digits: int = 2, locale: str = LOCALE) -> str:
    return format_decimal(round(x, digits), locale=locale)


def format_ratio(part: int, whole: int, locale: str = LOCALE) -> str:
    """75% for 3252/4336 (whole percent, as reports write it); '' when whole is 0."""
    if whole <= 0:
        return ""
    ratio = part / whole
    if ratio >= 0 and locale in _GROUP_SEPARATOR:
        # Babel's steps: the float's shortest decimal form, times 100, rounded half to even
        percent = int(Decimal(str(ratio)).scaleb(2).quantize(Decimal(1), rounding=ROUND_HALF_EVEN))
        shown = _grouped(percent, locale)
        if shown is not None:
            return shown + "%"
    return _babel_percent(ratio, locale=locale, format="#,##0%")


def format_percent(part: int, whole: int, decimals: int = 1, locale: str = LOCALE) -> str:
    """"75%", "33,3%" (at most *decimals* digits after the comma, none when whole); '' when
    whole is 0."""
    if whole <= 0:
        return ""
    pattern = "#,##0" + ("." + "#" * decimals if decimals > 0 else "") + "%"
    return _babel_percent(part / whole, locale=locale, format=pattern)


class Percent(int):
    """A whole percentage (a task's progress, 40 for 40 %) in a list being exported: «40%» in
    text, and in Excel the number 0.4 shown as a percentage (so it sums and sorts as one)."""

    __slots__ = ()
