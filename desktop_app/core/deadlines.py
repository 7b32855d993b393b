"""Deadlines (thời hạn hoàn thành) as people write them in action programmes.

A deadline keeps three things: its kind, the computed due date and the canonical text
that documents print ("Quý I/2024", "Tháng 02/2024", "Thường xuyên"). Parsing is lenient
about case, diacritics, spacing, dashes and NFD input; the canonical text always reads
back as the same deadline.

Regular expressions use explicit character classes: ``\\d`` would accept non-ASCII
digits. Matching runs on a folded key (see :func:`_key`) instead of ``re.IGNORECASE``.

Pure logic: no I/O, no Qt.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from .dates import MAX_YEAR, MIN_YEAR, format_date, from_roman, month_text, to_roman
from .text import single_line

__all__ = [
    "DATE",
    "MONTH",
    "QUARTER",
    "HALF_YEAR",
    "YEAR",
    "PERIOD",
    "CONTINUOUS",
    "RECURRING_YEARLY",
    "EVENT",
    "DEADLINE_KINDS",
    "DeadlineError",
    "Deadline",
    "parse_deadline",
    "deadline_with_due_date",
]

DATE = "date"
MONTH = "month"
QUARTER = "quarter"
HALF_YEAR = "half_year"
YEAR = "year"
PERIOD = "period"
CONTINUOUS = "continuous"
RECURRING_YEARLY = "recurring_yearly"
EVENT = "event"

DEADLINE_KINDS: tuple[str, ...] = (
    DATE, MONTH, QUARTER, HALF_YEAR, YEAR, PERIOD, CONTINUOUS, RECURRING_YEARLY, EVENT,
)

# Kinds without a fixed due date: a yearly task's due date depends on the day we look
# from (see Deadline.due_on), the others have none.
_UNDATED = frozenset({CONTINUOUS, RECURRING_YEARLY, EVENT})

_ACCEPTED_FORMS = (
    'Có thể nhập: một ngày ("15/01/2024", "Trước ngày 30/06/2024"), một tháng ("Tháng 6/2024"), '
    'một quý ("Quý I/2024"), nửa năm ("6 tháng đầu năm 2024"), một năm ("Năm 2024"), '
    'một giai đoạn ("Giai đoạn 2024 - 2030"), "Thường xuyên", "Hằng năm" hoặc một sự kiện ("Sau khi …").'
)

_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"))
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


class DeadlineError(ValueError):
    """A deadline cannot be understood; the message says why and how to write it, in Vietnamese."""


@dataclass(frozen=True)
class Deadline:
    """A parsed deadline: kind, computed due date (None for undated kinds), canonical text."""

    kind: str
    due_date: date | None
    text: str

    def __post_init__(self) -> None:
        if self.kind not in DEADLINE_KINDS:
            raise DeadlineError(f"Loại thời hạn «{self.kind}» không hợp lệ.")
        if self.kind in _UNDATED and self.due_date is not None:
            raise DeadlineError(f"Thời hạn loại «{self.kind}» không có ngày hạn cố định.")
        if self.kind not in _UNDATED and not isinstance(self.due_date, date):
            raise DeadlineError(f"Thời hạn loại «{self.kind}» phải có ngày hạn.")
        if not self.text:
            raise DeadlineError("Thời hạn phải có nội dung để in ra văn bản.")

    def due_on(self, as_of: date) -> date | None:
        """The due date that applies on *as_of* (a yearly task is due on 31/12 of that year)."""
        if self.kind == RECURRING_YEARLY:
            return date(as_of.year, 12, 31)
        return self.due_date

    def describe(self) -> str:
        """Short explanation for a live preview: "Quý I/2024 → hạn 31/03/2024"."""
        if self.kind == CONTINUOUS:
            return f"{self.text} → không có hạn cố định, báo cáo định kỳ"
        if self.kind == RECURRING_YEARLY:
            return f"{self.text} → hạn 31/12 mỗi năm"
        if self.kind == EVENT:
            return f"{self.text} → chưa có hạn cho đến khi sự kiện có ngày"
        return f"{self.text} → hạn {format_date(self.due_date)}"


def parse_deadline(text: str) -> Deadline:
    """Read a deadline as people write it; raise :class:`DeadlineError` if it cannot be."""
    original = _tidy(text)
    if not original:
        raise DeadlineError(
            'Chưa nhập thời hạn. Hãy nhập ví dụ "Quý I/2024", "30/06/2024" hoặc "Thường xuyên".'
        )
    key = _key(original)
    for parser in _PARSERS:
        deadline = parser(key, original)
        if deadline is not None:
            return deadline
    raise DeadlineError(f"Không hiểu thời hạn «{original}». {_ACCEPTED_FORMS}")


def _tidy(text: str) -> str:
    """One NFC line, dashes unified, without the '.', ';' or ',' that ends a table cell."""
    line = single_line(text if isinstance(text, str) else "")
    return line.translate(_DASHES).rstrip(" .;,:")


def _key(text: str) -> str:
    """Lower-case text without diacritics (đ → d) for matching.

    Unlike text.fold this lowers ASCII letters only, so look-alikes such as the Kelvin
    sign never turn into the letters the patterns look for. Digits are left as they
    are, so non-ASCII digits never match [0-9].
    """
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return bare.replace("đ", "d").replace("Đ", "d").translate(_ASCII_LOWER)


# --- values -------------------------------------------------------------------------


def _year(digits: str, original: str) -> int:
    if len(digits) != 4:
        raise DeadlineError(f"Năm «{digits}» trong «{original}» phải có đủ 4 chữ số, ví dụ 2024.")
    year = int(digits)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DeadlineError(f"Năm {year} trong «{original}» không hợp lệ: năm phải từ {MIN_YEAR} đến {MAX_YEAR}.")
    return year


def _month(digits: str, original: str) -> int:
    month = int(digits)
    if not 1 <= month <= 12:
        raise DeadlineError(
            f'Tháng {digits} không có (đã nhập «{original}»): tháng phải từ 1 đến 12, ví dụ "Tháng 6/2024".'
        )
    return month


def _day(digits: str, month: int, year: int, original: str) -> date:
    day = int(digits)
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise DeadlineError(
            f"Ngày {day:02d}/{month:02d}/{year} không có trong lịch (đã nhập «{original}»): "
            f"tháng {month_text(month)} năm {year} có {last} ngày. "
            "Hãy nhập theo dạng ngày/tháng/năm, ví dụ 15/01/2024."
        )
    return date(year, month, day)


def _quarter(written: str, original: str) -> int:
    shown = written.upper()
    if written.isdigit():
        quarter = int(written)
    else:
        try:
            quarter = from_roman(shown)
        except ValueError:
            quarter = 0
    if not 1 <= quarter <= 4:
        raise DeadlineError(
            f'Quý {shown} không có (đã nhập «{original}»): quý phải từ I đến IV, ví dụ "Quý I/2024".'
        )
    return quarter


def _end_of_month(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


# --- one parser per family ------------------------------------------------------------
# Each takes the folded key and the tidied original and returns a Deadline, None if the
# text is not of its family, or raises DeadlineError if it is but the values are wrong.

_Parser = Callable[[str, str], Deadline | None]

_DMY = re.compile(r"(?:ngay\s*)?(?P<d>[0-9]{1,2})\s*[/.-]\s*(?P<m>[0-9]{1,2})\s*[/.-]\s*(?P<y>[0-9]+)")
_LONG = re.compile(r"(?:ngay\s*)?(?P<d>[0-9]{1,2})\s*thang\s*(?P<m>[0-9]{1,2})\s*,?\s*nam\s*(?P<y>[0-9]+)")
_ISO = re.compile(r"(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})")
_BY_DATE = re.compile(r"(?P<word>truoc|cham\s*nhat(?:\s*la)?)\s*(?P<rest>.+)")
# Separator between a month/quarter and its year: "/", "-", ".", "năm" or just a space.
_SEP = r"(?:\s*(?:[/.-]|nam)\s*|\s+)"
_MONTH = re.compile(rf"(?:trong\s+)?(?:thang|t)\s*(?P<m>[0-9]{{1,2}}){_SEP}(?P<y>[0-9]+)")
# Without the word "tháng" only "6/2024", "06-2024" or "6.2024" read as a month.
_BARE_MONTH = re.compile(r"(?P<m>[0-9]{1,2})\s*[/.-]\s*(?P<y>[0-9]+)")
_QUARTER = re.compile(rf"(?:trong\s+)?(?:quy|q)\s*(?P<q>[ivxlcdm]+|[0-9]{{1,2}}){_SEP}(?P<y>[0-9]+)")
_HALF = re.compile(r"(?:trong\s+)?(?:6|sau)\s*thang\s+(?P<half>dau|cuoi)\s+nam\s*(?P<y>[0-9]+)")
_YEAR = re.compile(r"(?:trong\s+)?(?:nam\s*)?(?P<y>[0-9]+)")
_PERIOD = re.compile(r"(?:(?P<label>giai\s*doan)\s*)?(?:nam\s*)?(?P<a>[0-9]+)\s*-\s*(?:nam\s*)?(?P<b>[0-9]+)")
_FROM_TO = re.compile(
    r"(?:trong\s+)?(?:giai\s*doan\s*)?tu\s*(?:nam\s*)?(?P<a>[0-9]+)\s*den\s*(?:nam\s*)?(?P<b>[0-9]+)"
)
_EVENT = re.compile(r"(?:ngay\s+sau\s+khi|sau\s+khi|khi|theo)\s+\S.*")


def _fixed_words(key: str, original: str) -> Deadline | None:
    if key == "thuong xuyen":
        return Deadline(CONTINUOUS, None, "Thường xuyên")
    if key == "hang nam":  # "Hằng năm" and the common "Hàng năm" fold alike
        return Deadline(RECURRING_YEARLY, None, "Hằng năm")
    return None


def _event(key: str, original: str) -> Deadline | None:
    if not _EVENT.fullmatch(key):
        return None
    return Deadline(EVENT, None, original[0].upper() + original[1:])


def _date_value(key: str, original: str) -> date | None:
    match = _DMY.fullmatch(key) or _LONG.fullmatch(key) or _ISO.fullmatch(key)
    if match is None:
        return None
    year = _year(match["y"], original)
    return _day(match["d"], _month(match["m"], original), year, original)


def _date(key: str, original: str) -> Deadline | None:
    due = _date_value(key, original)
    return None if due is None else Deadline(DATE, due, format_date(due))


def _by_date(key: str, original: str) -> Deadline | None:
    match = _BY_DATE.fullmatch(key)
    due = None if match is None else _date_value(match["rest"], original)
    if match is None or due is None:
        return None
    word = "Trước" if match["word"] == "truoc" else "Chậm nhất"
    return Deadline(DATE, due, f"{word} ngày {format_date(due)}")


def _month_deadline(key: str, original: str) -> Deadline | None:
    match = _MONTH.fullmatch(key) or _BARE_MONTH.fullmatch(key)
    if match is None:
        return None
    month, year = _month(match["m"], original), _year(match["y"], original)
    return Deadline(MONTH, _end_of_month(year, month), f"Tháng {month_text(month)}/{year}")


def _quarter_deadline(key: str, original: str) -> Deadline | None:
    match = _QUARTER.fullmatch(key)
    if match is None:
        return None
    quarter, year = _quarter(match["q"], original), _year(match["y"], original)
    return Deadline(QUARTER, _end_of_month(year, 3 * quarter), f"Quý {to_roman(quarter)}/{year}")


def _half_year(key: str, original: str) -> Deadline | None:
    match = _HALF.fullmatch(key)
    if match is None:
        return None
    year = _year(match["y"], original)
    if match["half"] == "dau":
        return Deadline(HALF_YEAR, date(year, 6, 30), f"6 tháng đầu năm {year}")
    return Deadline(HALF_YEAR, date(year, 12, 31), f"6 tháng cuối năm {year}")


def _year_deadline(key: str, original: str) -> Deadline | None:
    match = _YEAR.fullmatch(key)
    if match is None:
        return None
    year = _year(match["y"], original)
    return Deadline(YEAR, date(year, 12, 31), f"Năm {year}")


def _period(key: str, original: str) -> Deadline | None:
    match = _PERIOD.fullmatch(key)
    if match is not None:
        labelled = match["label"] is not None
    else:
        match = _FROM_TO.fullmatch(key)
        if match is None:
            return None
        labelled = True  # "từ năm … đến năm …" names a period as much as "giai đoạn" does
    start, end = _year(match["a"], original), _year(match["b"], original)
    if end <= start:
        raise DeadlineError(
            f"Giai đoạn «{original}» không hợp lệ: năm kết thúc ({end}) phải sau năm bắt đầu ({start}), "
            'ví dụ "Giai đoạn 2024 - 2030".'
        )
    # Keep the word "Giai đoạn" only if the user wrote one: documents print both forms.
    text = f"Giai đoạn {start} - {end}" if labelled else f"{start} - {end}"
    return Deadline(PERIOD, date(end, 12, 31), text)


# Order matters where shapes overlap: dates before months ("15-01-2024"), months before
# periods ("6-2024" is June, not a period), periods before bare years.
_PARSERS: tuple[_Parser, ...] = (
    _fixed_words,
    _event,
    _by_date,
    _date,
    _month_deadline,
    _quarter_deadline,
    _half_year,
    _period,
    _year_deadline,
)


def deadline_with_due_date(deadline_text: str, kind: str | None, due: date | None) -> str:
    """A deadline as documents show it: as written ("Quý III/2024"), with the computed due
    date under it when the text does not already say it ("Quý III/2024\n(30/09/2024)")."""
    if due is None or kind in (DATE, None):
        return deadline_text
    return f"{deadline_text}\n({format_date(due)})" if deadline_text else format_date(due)
