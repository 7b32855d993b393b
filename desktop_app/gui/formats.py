"""Numbers shown in the user interface, in its language: "3.408" and "33,3%" in Vietnamese,
"3,408" and "33.3%" in English (``core.numbers`` with the current ``i18n.language()``).
The Word and Excel documents keep the Vietnamese forms (they call ``core.numbers`` directly).
Dates stay day-first (01/07/2024) in both languages: that is also British English usage, and
what the date fields read back."""

from __future__ import annotations

from ..core import numbers
from .i18n import language


def format_int(n: int) -> str:
    return numbers.format_int(n, locale=language())


def format_number(x: float, digits: int = 2) -> str:
    return numbers.format_number(x, digits, locale=language())


def format_ratio(part: int, whole: int) -> str:
    return numbers.format_ratio(part, whole, locale=language())


def format_percent(part: int, whole: int, decimals: int = 1) -> str:
    return numbers.format_percent(part, whole, decimals, locale=language())
