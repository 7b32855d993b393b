"""Dates as Vietnamese documents and screens write them.

Party and state documents write "ngày 05 tháng 02 năm 2024": a leading zero for days
below 10 and for the months 1 and 2 only ("ngày 20 tháng 3 năm 2024"). No CLDR pattern
does this, hence the hand-made formatting here. Screens use dd/MM/yyyy.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from ..i18n import _
from .text import fold, single_line

__all__ = [
    "DateError",
    "month_text",
    "day_text",
    "format_long_date",
    "format_place_date",
    "format_date",
    "format_citation_date",
    "parse_date",
    "to_roman",
    "from_roman",
    "MIN_YEAR",
    "MAX_YEAR",
]

MIN_YEAR = 1900
MAX_YEAR = 2999


class DateError(ValueError):
    """A date the user typed cannot be understood; the message says why, in Vietnamese."""


def day_text(day: int) -> str:
    """Day of month with a leading zero below 10 ("05", "20")."""
    return f"{day:02d}"


def month_text(month: int) -> str:
    """Month with the leading zero only for January and February ("01", "02", "3", "12")."""
    return f"{month:02d}" if month in (1, 2) else str(month)


def format_long_date(d: date) -> str:
    """'ngày 05 tháng 02 năm 2024'."""
    return f"ngày {day_text(d.day)} tháng {month_text(d.month)} năm {d.year}"  # document text


def format_place_date(place: str, d: date | None, year: int | None = None) -> str:
    """'Lạng Sơn, ngày 20 tháng 3 năm 2024'; for a draft without a date, blanks to fill in
    by hand and the given year ('Lạng Sơn, ngày      tháng      năm 2024')."""
    place = single_line(place)
    if d is None:
        shown = "" if year is None else str(year)
        return f"{place}, ngày      tháng      năm {shown}".rstrip()  # document text
    return f"{place}, {format_long_date(d)}"


def format_date(d: date | None) -> str:
    """Screen date dd/MM/yyyy ('' for None)."""
    if d is None:
        return ""
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


def format_citation_date(d: date) -> str:
    """Date in a citation: 'ngày 24/11/2023' style without the word ('24/11/2023')."""
    return format_date(d)


# ASCII digits only ([0-9], not \d, which also matches Arabic-Indic and other digits).
_DMY = re.compile(r"^([0-9]{1,2})\s*[/.\-]\s*([0-9]{1,2})\s*[/.\-]\s*([0-9]{2,4})$")
_ISO = re.compile(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$")
# Matched against the folded text, so "Ngày 5 Tháng 2 Năm 2024" and "ngay 5 thang 2 nam 2024" both work.
_LONG = re.compile(r"^(?:ngay\s+)?([0-9]{1,2})\s+thang\s+([0-9]{1,2})\s+nam\s+([0-9]{4})$")


def _make_date(year: int, month: int, day: int, original: str) -> date:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DateError(_("Năm {year} trong «{text}» không hợp lệ (cần từ {first} đến {last}).").format(
            year=year, text=original, first=MIN_YEAR, last=MAX_YEAR))
    if not 1 <= month <= 12:
        raise DateError(_("Tháng {month} trong «{text}» không có: tháng phải từ 1 đến 12.").format(month=month, text=original))
    try:
        return date(year, month, day)
    except ValueError:
        raise DateError(
            _("Ngày «{text}» không có trong lịch: tháng {month} năm {year} không có ngày {day}.").format(
                text=original, month=month, year=year, day=day)
        ) from None


def parse_date(text: str | None) -> date:
    """Parse '05/02/2024', '5-2-2024', '05.02.2024', '2024-02-05' or 'ngày 5 tháng 2 năm 2024'."""
    if isinstance(text, str):
        return _parse_date_cached(text)
    return _parse_date(text)


@lru_cache(maxsize=4096)
def _parse_date_cached(text: str) -> date:
    # An import reads the same few hundred days over and over; a date is immutable, and a
    # text that is refused raises each time (lru_cache keeps no exception).
    return _parse_date(text)


def _parse_date(text: str | None) -> date:
    original = single_line(text)
    if not original:
        raise DateError(_("Chưa nhập ngày. Hãy nhập theo dạng ngày/tháng/năm, ví dụ 05/02/2024."))
    m = _ISO.match(original)
    if m:
        return _make_date(int(m.group(1)), int(m.group(2)), int(m.group(3)), original)
    m = _DMY.match(original) or _LONG.match(fold(original))
    if not m:
        raise DateError(
            _("Không hiểu ngày «{text}». Hãy nhập theo dạng ngày/tháng/năm, ví dụ 05/02/2024.").format(text=original)
        )
    day, month, year_text = int(m.group(1)), int(m.group(2)), m.group(3)
    if len(year_text) != 4:
        raise DateError(_("Năm trong «{text}» phải có đủ 4 chữ số, ví dụ 2024.").format(text=original))
    return _make_date(int(year_text), month, day, original)


_ROMAN = [
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
]


def to_roman(n: int) -> str:
    """1 → 'I', 4 → 'IV' (1..3999)."""
    if not 1 <= n <= 3999:
        raise ValueError(_("Không viết được số La Mã cho {number}.").format(number=n))
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def from_roman(text: str) -> int:
    """'IV' → 4; raises ValueError on anything that is not a canonical Roman numeral."""
    s = text.strip().upper()
    if not s or any(ch not in "MDCLXVI" for ch in s):
        raise ValueError(_("«{text}» không phải số La Mã.").format(text=text))
    values = {"M": 1000, "D": 500, "C": 100, "L": 50, "X": 10, "V": 5, "I": 1}
    total = 0
    for i, ch in enumerate(s):
        v = values[ch]
        if i + 1 < len(s) and values[s[i + 1]] > v:
            total -= v
        else:
            total += v
    if total < 1 or total > 3999 or to_roman(total) != s:
        raise ValueError(_("«{text}» không phải số La Mã viết đúng.").format(text=text))
    return total


def new_task_assigned_date(issue_date: date | None, last_assigned: date | None, today: date) -> date:
    """The "Ngày giao" a new task of a programme starts with (issue 13): the assigned date of
    the programme's last task entered, else the programme's issue date, else today. Entering
    an older programme task by task then never meets "Thời hạn … sớm hơn ngày giao"."""
    return last_assigned or issue_date or today
