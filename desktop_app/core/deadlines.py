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
from functools import lru_cache

from ..i18n import N_, _, language
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
    "yearly_due_date",
    "deadline_for_task",
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



def _accepted_forms() -> str:
    """What may be written, appended to a refusal (in the UI language; the examples stay Vietnamese:
    they are what the user types)."""
    return _(
        'Có thể nhập: một ngày («15/01/2024», «Trước ngày 30/06/2024»), một tháng («Tháng 6/2024»), '
        'một quý («Quý I/2024»), nửa năm («6 tháng đầu năm 2024»), một năm («Năm 2024»), '
        'một giai đoạn («Giai đoạn 2024 - 2030», «Nhiệm kỳ 2025 - 2030»), «Cuối tháng 10/2024», '
        '«Đến hết năm 2024», «Thường xuyên», «Hằng năm», «Tháng 10 hằng năm» hoặc một sự kiện («Sau khi …»).'
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
            raise DeadlineError(_("Loại thời hạn «{kind}» không hợp lệ.").format(kind=self.kind))
        if self.kind in _UNDATED and self.due_date is not None:
            raise DeadlineError(_("Thời hạn loại «{kind}» không có ngày hạn cố định.").format(kind=self.kind))
        if self.kind not in _UNDATED and not isinstance(self.due_date, date):
            raise DeadlineError(_("Thời hạn loại «{kind}» phải có ngày hạn.").format(kind=self.kind))
        if not self.text:
            raise DeadlineError(_("Thời hạn phải có nội dung để in ra văn bản."))

    def due_on(self, as_of: date) -> date | None:
        """The due date that applies on *as_of* (a yearly task is due on its day of that year, 31/12 if none)."""
        if self.kind == RECURRING_YEARLY:
            return yearly_due_date(self.text, as_of.year)
        return self.due_date

    def describe(self) -> str:
        """Short explanation for a live preview, in the UI language: "Quý I/2024 → hạn 31/03/2024"
        ("Quý I/2024 → due 31/03/2024" in English). The deadline's own text is kept as documents
        print it."""
        if self.kind == CONTINUOUS:
            return _("{deadline} → không có hạn cố định, báo cáo định kỳ").format(deadline=self.text)
        if self.kind == RECURRING_YEARLY:
            due = yearly_due_date(self.text, 2023)
            return _("{deadline} → hạn {day} mỗi năm").format(deadline=self.text, day=f"{due.day:02d}/{due.month:02d}")
        if self.kind == EVENT:
            return _("{deadline} → chưa có hạn cho đến khi sự kiện có ngày").format(deadline=self.text)
        return _("{deadline} → hạn {date}").format(deadline=self.text, date=format_date(self.due_date))


def parse_deadline(text: str) -> Deadline:
    """Read a deadline as people write it; raise :class:`DeadlineError` if it cannot be.

    Words that carry no date ("hoàn thành", "vào", "trong") are dropped from the kept
    text; words that change the due date's meaning ("trước", "cuối", "đến hết") are kept.
    Text that could mean two dates ("năm sau", "hằng tháng", a day without its year) is
    refused with the reason rather than guessed.
    """
    found = _parse_cached(text if isinstance(text, str) else "", language())
    if isinstance(found, str):
        raise DeadlineError(found)
    return found


# Checks and imports read the same few texts ("Quý I/2024", "Thường xuyên") thousands of
# times; the answer for a text never changes, so it is kept (a refusal as its message, in the
# language it was written in: the language is part of the key).
@lru_cache(maxsize=8192)
def _parse_cached(text: str, language: str) -> Deadline | str:
    try:
        return _parse(text)
    except DeadlineError as exc:
        return str(exc)


def _parse(text: str) -> Deadline:
    original = _tidy(text)
    if not original:
        raise DeadlineError(
            _('Chưa nhập thời hạn. Hãy nhập ví dụ «Quý I/2024», «30/06/2024» hoặc «Thường xuyên».')
        )
    key = _key(original)
    stripped = _strip_lead(key)
    for parser in _PARSERS:
        deadline = parser(key, original)
        if deadline is None and stripped != key and stripped:
            deadline = parser(stripped, original)
        if deadline is not None:
            return deadline
    raise DeadlineError(_("Không hiểu thời hạn «{text}».").format(text=original) + " " + _accepted_forms())


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
    return bare.replace("đ", "d").replace("Đ", "d").translate(_ASCII_LOWER)  # vocabulary


# --- values -------------------------------------------------------------------------


def _year(digits: str, original: str) -> int:
    if len(digits) != 4:
        raise DeadlineError(_("Năm «{year}» trong «{text}» phải có đủ 4 chữ số, ví dụ 2024.").format(year=digits, text=original))
    year = int(digits)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DeadlineError(_("Năm {year} trong «{text}» không hợp lệ: năm phải từ {first} đến {last}.").format(
            year=year, text=original, first=MIN_YEAR, last=MAX_YEAR))
    return year


def _month(digits: str, original: str) -> int:
    month = int(digits)
    if not 1 <= month <= 12:
        raise DeadlineError(
            _('Tháng {month} không có (đã nhập «{text}»): tháng phải từ 1 đến 12, ví dụ «Tháng 6/2024».').format(
                month=digits, text=original)
        )
    return month


def _day(digits: str, month: int, year: int, original: str) -> date:
    day = int(digits)
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise DeadlineError(
            _("Ngày {date} không có trong lịch (đã nhập «{text}»): tháng {month} năm {year} có {days} ngày. "
              "Hãy nhập theo dạng ngày/tháng/năm, ví dụ 15/01/2024.").format(
                date=f"{day:02d}/{month:02d}/{year}", text=original, month=month_text(month), year=year, days=last)
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
            _('Quý {quarter} không có (đã nhập «{text}»): quý phải từ I đến IV, ví dụ «Quý I/2024».').format(
                quarter=shown, text=original)
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
# Separator between a month/quarter and its year: "/", "-", ".", "năm" or just a space.
_SEP = r"(?:\s*(?:[/.-]|nam)\s*|\s+)"
_MONTH = re.compile(rf"(?:trong\s+)?(?:thang|t)\s*(?P<m>[0-9]{{1,2}}){_SEP}(?P<y>[0-9]+)")
# Without the word "tháng" only "6/2024", "06-2024" or "6.2024" read as a month.
_BARE_MONTH = re.compile(r"(?P<m>[0-9]{1,2})\s*[/.-]\s*(?P<y>[0-9]+)")
_QUARTER = re.compile(rf"(?:trong\s+)?(?:quy|q)\s*(?P<q>[ivxlcdm]+|[0-9]{{1,2}}){_SEP}(?P<y>[0-9]+)")
_HALF = re.compile(r"(?:trong\s+)?(?:0?6|sau)\s*thang\s+(?P<half>dau|cuoi)\s+nam\s*(?P<y>[0-9]+)")
_YEAR = re.compile(r"(?:trong\s+)?(?:nam\s*)?(?P<y>[0-9]+)")
# The word before a span of years, as documents print it; "5 năm 2026 - 2030" counts them.
_PERIOD_LABELS = {"giai doan": "Giai đoạn", "nhiem ky": "Nhiệm kỳ", "thoi ky": "Thời kỳ", "cac nam": "Các năm"}  # vocabulary
_PERIOD = re.compile(
    r"(?:(?P<label>giai\s*doan|nhiem\s*ky|thoi\s*ky|cac\s*nam)\s*)?(?:(?P<count>[0-9]{1,2})\s*nam\s*)?"
    r"(?P<open>\(\s*)?(?:nam\s*)?(?P<a>[0-9]+)\s*-\s*(?:nam\s*)?(?P<b>[0-9]+)(?P<close>\s*\))?"
)
_FROM_TO = re.compile(
    r"(?:trong\s+)?(?:giai\s*doan\s*)?tu\s*(?:nam\s*)?(?P<a>[0-9]+)\s*den\s*(?:nam\s*)?(?P<b>[0-9]+)"
)
# A verb, then a preposition, that say nothing about the date: "hoàn thành trong quý III/2026",
# "kết thúc vào 30/11/2026".
_LEAD_VERB = re.compile(r"(?:hoan\s*thanh|thuc\s*hien|ket\s*thuc|xong)\s*,?\s*")
_LEAD_PREP = re.compile(r"(?:vao|trong)\s+")
# Openings of a deadline that waits for something to happen.
_EVENT = re.compile(
    r"(?:(?:hoan\s*thanh|thuc\s*hien|trien\s*khai|bao\s*cao)\s+)?"
    r"(?:ngay\s+sau\s+khi|ngay\s+khi|sau\s+khi|khi|theo|ke\s*tu\s*(?:ngay|khi)"
    r"|(?:cham\s*nhat(?:\s*la)?|trong\s*(?:vong|thoi\s*han)?|sau)\s*[0-9]{1,3}\s*(?:ngay|tuan|thang)"
    r"(?:\s*lam\s*viec)?\s*,?\s*(?:ke\s*tu|tinh\s*tu|sau))\s+\S.*"
)
_WEEKDAY = r"(?:thu\s*(?:hai|ba|tu|nam|sau|bay|[2-7])|chu\s*nhat|cn)"
_WEEKDAY_NUMBER = {"hai": 0, "ba": 1, "tu": 2, "nam": 3, "sau": 4, "bay": 5}
_WEEKDAY_NAMES = (N_("Thứ Hai"), N_("Thứ Ba"), N_("Thứ Tư"), N_("Thứ Năm"), N_("Thứ Sáu"), N_("Thứ Bảy"), N_("Chủ nhật"))
_LEADING_TIME = re.compile(
    r"(?:(?:vao\s*)?luc\s*)?(?P<h>[0-9]{1,2})\s*(?:gio|h|:)\s*(?P<min>[0-9]{2})?(?:\s*phut)?\s*,?\s*(?=ngay|thu|chu\s*nhat)"
)
_LEADING_WEEKDAY = re.compile(rf"(?P<wd>{_WEEKDAY})\s*,?\s*(?=ngay|[0-9])")
_TRAILING_WEEKDAY = re.compile(rf"\s*,?\s*(?P<open>\(\s*)?(?P<wd>{_WEEKDAY})(?P<close>\s*\))?$")
# Words that change what a date, month, quarter or year means as a deadline, in the order
# they are tried (longest first), how they are printed, and the kinds they may go with.
_UNTIL_KINDS = frozenset({DATE, MONTH, QUARTER, HALF_YEAR, YEAR})
_QUALIFIERS: tuple[tuple[re.Pattern[str], str, frozenset[str]], ...] = (  # vocabulary
    (re.compile(r"tu\s*nay\s*den\s*het\s*"), "Từ nay đến hết", _UNTIL_KINDS),
    (re.compile(r"tu\s*nay\s*den\s+"), "Từ nay đến", _UNTIL_KINDS),
    (re.compile(r"den\s*het\s*"), "Đến hết", _UNTIL_KINDS),
    (re.compile(r"den\s+"), "Đến", _UNTIL_KINDS),
    (re.compile(r"cuoi\s*"), "Cuối", frozenset({MONTH, QUARTER, YEAR})),
    # "trước tháng 6" may mean before June starts or within June: only a date is clear.
    (re.compile(r"truoc\s*"), "Trước", frozenset({DATE})),
    (re.compile(r"cham\s*nhat(?:\s*la)?\s*"), "Chậm nhất", _UNTIL_KINDS),
)
# Text that names no single due date.
_RELATIVE_YEAR = re.compile(r"(?<![a-z])nam\s*(?:sau|toi|nay|truoc|ke\s*tiep)(?![a-z])")
_REPEATING = re.compile(r"(?<![a-z])(?:hang|moi)\s*(?:thang|quy|tuan|ngay)(?![a-z])")
_NO_YEAR = re.compile(
    r"(?:(?:truoc|cham\s*nhat(?:\s*la)?|den(?:\s*het)?|vao|trong|cuoi)\s*)?"
    r"(?:ngay\s*)?[0-9]{1,2}\s*(?:[/.-]|thang)\s*[0-9]{1,2}"
)
# Yearly with a month, quarter or day: "tháng 10 hằng năm", "trước ngày 20/11 hàng năm".
_EVERY_YEAR = re.compile(r"(?:dinh\s*ky\s*)?hang\s*nam")
_YEARLY_DAY = re.compile(
    r"(?:(?P<q>truoc|cham\s*nhat(?:\s*la)?|vao|trong)\s*)?(?:ngay\s*)?"
    r"(?P<d>[0-9]{1,2})\s*(?:[/.-]|thang)\s*(?P<m>[0-9]{1,2})"
)
_YEARLY_MONTH = re.compile(r"(?:(?P<q>cuoi|cham\s*nhat(?:\s*la)?|vao|trong)\s*)?thang\s*(?P<m>[0-9]{1,2})")
_YEARLY_QUARTER = re.compile(
    r"(?:(?P<q>cuoi|cham\s*nhat(?:\s*la)?|vao|trong)\s*)?quy\s*(?P<n>[ivxlcdm]+|[0-9]{1,2})"
)
_KEPT_QUALIFIER = {"cuoi": "Cuối", "cham nhat": "Chậm nhất", "truoc": "Trước"}  # vocabulary
# How the canonical yearly texts are read back by due_on.
_YEARLY_DUE_DAY = re.compile(r"ngay (?P<d>[0-9]{2})/(?P<m>[0-9]{2}) hang nam")
_YEARLY_DUE_MONTH = re.compile(r"thang (?P<m>[0-9]{1,2}) hang nam")
_YEARLY_DUE_QUARTER = re.compile(r"quy (?P<n>[ivx]+) hang nam")


def _strip_lead(key: str) -> str:
    """The key without a leading verb and preposition that carry no date."""
    verb = _LEAD_VERB.match(key)
    rest = key[verb.end():] if verb else key
    prep = _LEAD_PREP.match(rest)
    return rest[prep.end():] if prep else rest


def _fixed_words(key: str, original: str) -> Deadline | None:
    if key == "thuong xuyen":
        return Deadline(CONTINUOUS, None, "Thường xuyên")  # document text
    if _EVERY_YEAR.fullmatch(key):  # "Hằng năm", the common "Hàng năm", "định kỳ hằng năm"
        return Deadline(RECURRING_YEARLY, None, "Hằng năm")  # document text
    return None


def _event(key: str, original: str) -> Deadline | None:
    if not _EVENT.fullmatch(key):
        return None
    return Deadline(EVENT, None, original[0].upper() + original[1:])


def _refuse_vague(key: str, original: str) -> Deadline | None:
    """Refuse, saying why, text that could mean more than one due date."""
    if _RELATIVE_YEAR.search(key):
        raise DeadlineError(
            _("Thời hạn «{text}» không ghi rõ năm: «năm sau», «năm tới», «năm nay» tùy vào ngày văn bản "
              "ban hành. Hãy ghi năm cụ thể, ví dụ «Năm 2027», hoặc để trống thời hạn.").format(text=original)
        )
    if _REPEATING.search(key):
        raise DeadlineError(
            _("Thời hạn «{text}» lặp lại hằng tháng, hằng quý hoặc hằng tuần nên không có một ngày hạn: "
              "hãy ghi «Thường xuyên» (báo cáo định kỳ) hoặc một thời hạn cụ thể, ví dụ «Quý I/2024».").format(
                text=original)
        )
    if _NO_YEAR.fullmatch(_strip_lead(key)):
        raise DeadlineError(
            _("Thời hạn «{text}» thiếu năm: hãy ghi đủ ngày/tháng/năm, ví dụ 15/01/2024, "
              "hoặc thêm «hằng năm» nếu việc lặp lại mỗi năm.").format(text=original)
        )
    return None


def _yearly(key: str, original: str) -> Deadline | None:
    """Yearly with a month, quarter or day: "tháng 10 hằng năm", "trước ngày 20/11 hàng năm"."""
    found = _EVERY_YEAR.search(key)
    if found is None:
        return None
    rest = re.sub(r"[(),:;]", " ", key[: found.start()] + " " + key[found.end():])
    rest = re.sub(r"\s+", " ", rest).strip()
    if not rest:
        return None
    match = _YEARLY_DAY.fullmatch(rest)
    if match is not None:
        month = _month(match["m"], original)
        day = int(match["d"])
        last = calendar.monthrange(2023, month)[1]  # a year without 29/02: the day must exist every year
        if not 1 <= day <= last:
            raise DeadlineError(
                _("Ngày {day} không có trong mọi năm (đã nhập «{text}»): tháng {month} có {days} ngày.").format(
                    day=f"{day:02d}/{month:02d}", text=original, month=month_text(month), days=last)
            )
        return Deadline(RECURRING_YEARLY, None, _kept(match["q"], f"ngày {day:02d}/{month:02d} hằng năm"))  # document text
    match = _YEARLY_MONTH.fullmatch(rest)
    if match is not None:
        month = _month(match["m"], original)
        return Deadline(RECURRING_YEARLY, None, _kept(match["q"], f"tháng {month_text(month)} hằng năm"))  # document text
    match = _YEARLY_QUARTER.fullmatch(rest)
    if match is not None:
        quarter = _quarter(match["n"], original)
        return Deadline(RECURRING_YEARLY, None, _kept(match["q"], f"quý {to_roman(quarter)} hằng năm"))  # document text
    return None


def _kept(qualifier: str | None, tail: str) -> str:
    """The text with the qualifier that changes its meaning ("Trước ngày …"), or capitalised."""
    word = None if qualifier is None else _KEPT_QUALIFIER.get(re.sub(r"\s+", " ", qualifier).replace(" la", ""))
    return f"{word} {tail}" if word else tail[0].upper() + tail[1:]


def _date_value(key: str, original: str) -> date | None:
    match = _DMY.fullmatch(key) or _LONG.fullmatch(key) or _ISO.fullmatch(key)
    if match is None:
        return None
    year = _year(match["y"], original)
    return _day(match["d"], _month(match["m"], original), year, original)


def _weekday(written: str) -> int:
    word = written.replace(" ", "")
    if word in ("chunhat", "cn"):
        return 6
    tail = word[3:]
    return int(tail) - 2 if tail.isdigit() else _WEEKDAY_NUMBER[tail]


def _timed_date(key: str, original: str) -> tuple[date, str | None] | None:
    """A date, perhaps with a time before it and a weekday before or after it:
    "8 giờ 00 ngày 17/9/2026", "Thứ Hai, ngày 07/9/2026", "12/10/2026 (thứ Hai)"."""
    time_text = None
    found = _LEADING_TIME.match(key)
    if found is not None:
        hour, minute = int(found["h"]), int(found["min"] or 0)
        if hour > 23 or minute > 59:
            raise DeadlineError(_("Giờ {time} trong «{text}» không có.").format(
                time=f"{found['h']}:{found['min'] or '00'}", text=original))
        time_text = f"{hour}h{minute:02d}"
        key = key[found.end():]
    weekdays = []
    found = _LEADING_WEEKDAY.match(key)
    if found is not None:
        weekdays.append(found["wd"])
        key = key[found.end():]
    found = _TRAILING_WEEKDAY.search(key)
    if found is not None and (found["open"] is None) == (found["close"] is None):
        weekdays.append(found["wd"])
        key = key[: found.start()]
    due = _date_value(key, original)
    if due is None:
        return None
    for written in weekdays:
        if _weekday(written) != due.weekday():
            raise DeadlineError(
                _("Ngày {date} là {weekday}, không phải {written} như trong «{text}»: hãy kiểm tra lại ngày.").format(
                    date=format_date(due), weekday=_(_WEEKDAY_NAMES[due.weekday()]),
                    written=_(_WEEKDAY_NAMES[_weekday(written)]), text=original)
            )
    return due, time_text


def _date(key: str, original: str) -> Deadline | None:
    found = _timed_date(key, original)
    if found is None:
        return None
    due, time_text = found
    text = format_date(due) if time_text is None else f"{time_text} ngày {format_date(due)}"  # document text
    return Deadline(DATE, due, text)


def _month_deadline(key: str, original: str) -> Deadline | None:
    match = _MONTH.fullmatch(key) or _BARE_MONTH.fullmatch(key)
    if match is None:
        return None
    month, year = _month(match["m"], original), _year(match["y"], original)
    return Deadline(MONTH, _end_of_month(year, month), f"Tháng {month_text(month)}/{year}")  # document text


def _quarter_deadline(key: str, original: str) -> Deadline | None:
    match = _QUARTER.fullmatch(key)
    if match is None:
        return None
    quarter, year = _quarter(match["q"], original), _year(match["y"], original)
    return Deadline(QUARTER, _end_of_month(year, 3 * quarter), f"Quý {to_roman(quarter)}/{year}")  # document text


def _half_year(key: str, original: str) -> Deadline | None:
    match = _HALF.fullmatch(key)
    if match is None:
        return None
    year = _year(match["y"], original)
    if match["half"] == "dau":
        return Deadline(HALF_YEAR, date(year, 6, 30), f"6 tháng đầu năm {year}")  # document text
    return Deadline(HALF_YEAR, date(year, 12, 31), f"6 tháng cuối năm {year}")  # document text


def _year_deadline(key: str, original: str) -> Deadline | None:
    match = _YEAR.fullmatch(key)
    if match is None:
        return None
    year = _year(match["y"], original)
    return Deadline(YEAR, date(year, 12, 31), f"Năm {year}")  # document text


_KERNELS: tuple[_Parser, ...] = (_date, _month_deadline, _quarter_deadline, _half_year, _year_deadline)


def _qualified(key: str, original: str) -> Deadline | None:
    """A date, month, quarter, half-year or year after a word that is kept in the text:
    "trước ngày 15/8/2026", "cuối tháng 10/2026", "đến hết quý III/2026", "đến năm 2030"."""
    for pattern, word, kinds in _QUALIFIERS:
        found = pattern.match(key)
        if found is None:
            continue
        rest = key[found.end():]
        prep = _LEAD_PREP.match(rest)
        rest = rest[prep.end():] if prep else rest
        for kernel in _KERNELS:
            inner = kernel(rest, original)
            if inner is None:
                continue
            if inner.kind not in kinds:
                raise DeadlineError(
                    _("Không rõ «{text}» là hạn ngày nào: «{word}» đi với {kind} có thể hiểu theo nhiều cách. "
                      "Hãy ghi một ngày cụ thể, ví dụ «Trước ngày 31/05/2024», hoặc chỉ ghi «{inner}».").format(
                        text=original, word=word.lower(), kind=_(_KIND_WORDS[inner.kind]), inner=inner.text)
                )
            if inner.kind == DATE:
                return Deadline(DATE, inner.due_date, f"{word} {_with_day_word(inner.text)}")
            return Deadline(inner.kind, inner.due_date, f"{word} {inner.text[0].lower()}{inner.text[1:]}")
        return None
    return None


_KIND_WORDS = {MONTH: N_("một tháng"), QUARTER: N_("một quý"), HALF_YEAR: N_("nửa năm"), YEAR: N_("một năm"),
               DATE: N_("một ngày")}


def _with_day_word(date_text: str) -> str:
    """"ngày 15/08/2026" or "17h00 ngày 05/10/2026" after "Trước", "Đến hết" …"""
    return date_text if " ngày " in date_text else f"ngày {date_text}"  # document text


def _period(key: str, original: str) -> Deadline | None:
    match = _PERIOD.fullmatch(key)
    label: str | None = None
    if match is not None:
        if (match["open"] is None) != (match["close"] is None):
            return None
        if match["label"] is not None:
            label = _PERIOD_LABELS[re.sub(r"\s+", " ", match["label"])]
    else:
        match = _FROM_TO.fullmatch(key)
        if match is None:
            return None
        label = "Giai đoạn"  # document text: "từ năm … đến năm …" names a period as much as "giai đoạn" does
    start, end = _year(match["a"], original), _year(match["b"], original)
    if end <= start:
        raise DeadlineError(
            _("Giai đoạn «{text}» không hợp lệ: năm kết thúc ({end}) phải sau năm bắt đầu ({start}), "
              "ví dụ «Giai đoạn 2024 - 2030».").format(text=original, end=end, start=start)
        )
    count = match.groupdict().get("count")
    if count is not None:
        years = int(count)
        if years != end - start + 1:
            raise DeadlineError(
                _("Thời hạn «{text}» không khớp: từ {start} đến {end} là {count} năm, không phải {written} năm. "
                  "Hãy kiểm tra lại, ví dụ «Giai đoạn {start} - {end}».").format(
                    text=original, start=start, end=end, count=end - start + 1, written=years)
            )
        label = f"{label} {years} năm" if label else f"{years} năm"  # document text
    # Keep the word ("Giai đoạn", "Nhiệm kỳ" …) only if the user wrote one: documents print both forms.
    text = f"{label} {start} - {end}" if label else f"{start} - {end}"
    return Deadline(PERIOD, date(end, 12, 31), text)


# Order matters where shapes overlap: events before anything else ("chậm nhất 05 ngày kể
# từ …"), yearly before the refusal of a day without a year, dates before months
# ("15-01-2024"), months before periods ("6-2024" is June, not a period), periods before
# bare years.
_PARSERS: tuple[_Parser, ...] = (
    _fixed_words,
    _event,
    _yearly,
    _refuse_vague,
    _qualified,
    _date,
    _month_deadline,
    _quarter_deadline,
    _half_year,
    _period,
    _year_deadline,
)


def deadline_for_task(text: str) -> Deadline:
    """:func:`parse_deadline` for a task's deadline: what the status rule can judge.

    The status rule judges a yearly task on 31/12 of each year (``core.status``; the dashboard
    counts the same in SQL). A yearly deadline naming its own day, month or quarter ("Trước
    ngày 20/11 hằng năm") is read correctly here, but a task carrying it would be shown "in
    time" until 31/12, a wrong answer: so it is refused, with what to write instead, until the
    status rule takes the day into account."""
    d = parse_deadline(text)
    if d.kind == RECURRING_YEARLY:
        due = yearly_due_date(d.text, 2023)
        if (due.month, due.day) != (12, 31):
            raise DeadlineError(
                _("«{deadline}»: chương trình chưa theo dõi được hạn riêng trong năm của nhiệm vụ hằng năm "
                  "(hạn {day}); tình trạng của nhiệm vụ hằng năm được tính đến 31/12. "
                  "Hãy ghi thời hạn là «Hằng năm» và ghi «{deadline}» vào phần ghi chú.").format(
                    deadline=d.text, day=f"{due.day:02d}/{due.month:02d}")
            )
    return d


def yearly_due_date(text: str, year: int) -> date:
    """When a yearly deadline's text falls due in *year*: "Trước ngày 20/11 hằng năm" →
    20/11, "Tháng 10 hằng năm" → 31/10, "Quý III hằng năm" → 30/09, "Hằng năm" → 31/12."""
    key = _key(text)
    found = _YEARLY_DUE_DAY.search(key)
    if found is not None:
        return date(year, int(found["m"]), int(found["d"]))
    found = _YEARLY_DUE_MONTH.search(key)
    if found is not None:
        return _end_of_month(year, int(found["m"]))
    found = _YEARLY_DUE_QUARTER.search(key)
    if found is not None:
        return _end_of_month(year, 3 * from_roman(found["n"].upper()))
    return date(year, 12, 31)


def deadline_with_due_date(deadline_text: str, kind: str | None, due: date | None) -> str:
    """A deadline as documents show it: as written ("Quý III/2024"), with the computed due
    date under it when the text does not already say it ("Quý III/2024\n(30/09/2024)")."""
    if due is None or kind in (DATE, None):
        return deadline_text
    return f"{deadline_text}\n({format_date(due)})" if deadline_text else format_date(due)
