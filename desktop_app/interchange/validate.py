"""Input checking shared by the operations and the import: clean text, enforce limits,
collect problems.

Problems are collected (not raised one by one) so a form or an import can show every
mistake at once.
"""

from __future__ import annotations

from datetime import date, datetime

from ..core import dates

from ..core.text import count_control, multi_line, single_line
from ..errors import Problem, ValidationError
from ..i18n import _, format_int

# Generous limits that still catch an accidental paste of a whole file into a field.
LIMITS = {
    "short": 200,
    "name": 500,
    "line": 2_000,
    "content": 10_000,
    "section": 200_000,
}
# Every integer column is a 4-byte INTEGER on PostgreSQL: a larger number could be stored on
# SQLite and then break the same data on PostgreSQL (or overflow SQLite itself).
INTEGER_MAX = 2_147_483_647


def shown(value, limit: int = 60) -> str:
    """A value as a message may quote it: short, on one line, and printable even when it
    holds a lone surrogate (which no console or file encoding can write)."""
    if isinstance(value, str):
        text = value
    elif isinstance(value, (dict, list, tuple)):
        text = type(value).__name__ + " " + ("{ … }" if isinstance(value, dict) else "[ … ]")
    else:
        text = str(value)
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    text = " ".join(text[: limit * 2].split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def brief(value, limit: int = 60):
    """The value a Problem keeps: itself when it is a number or a short printable text,
    otherwise :func:`shown` (a problem must never carry a 10 MB text or a whole list)."""
    if value is None or isinstance(value, (bool, int, float)) and abs(value) < 1e15:
        return value
    if isinstance(value, str) and len(value) <= limit and shown(value, limit) == value:
        return value
    return shown(value, limit)


def refuse_unknown(values: dict, fields, what: str) -> None:
    """A caller passing a field the item does not have is a programming error worth a
    clear message, not a silent no-op."""
    unknown = set(values) - set(fields)
    if unknown:
        raise ValidationError(_("{what} không có trường {fields}.").format(what=_(what), fields=", ".join(sorted(unknown))))


# The length of each mapped column (and named limit) asked for, by id(): reading it through
# SQLAlchemy's attribute proxies costs more than the rest of a field's check (the import
# checks millions). Each entry keeps its column, so an id is never taken for another object's.
_COLUMN_LENGTHS: dict[int, tuple[object, int]] = {}


def limit_of(limit: object) -> int:
    """A named limit, a number, or a mapped String column (whose length is the limit, so
    validation can never allow more than the database holds)."""
    known = _COLUMN_LENGTHS.get(id(limit))  # first: the usual case, one dict look-up
    if known is not None and known[0] is limit:
        return known[1]
    if isinstance(limit, int):
        return limit
    length = LIMITS[limit] if isinstance(limit, str) else getattr(getattr(limit, "type", None), "length", None)
    if not isinstance(length, int):
        raise TypeError(f"no length limit for {limit!r}")
    _COLUMN_LENGTHS[id(limit)] = (limit, length)
    return length


class CleanTexts(tuple[dict[str, str], dict[str, str]]):
    """What :class:`Checker` found each text cleans to, single-line (``[False]``) and
    multi-line (``[True]``), for the texts that lost no character (so no warning is due):
    one import's checkers share it, as a file repeats the same names, reporters and
    evidence thousands of times (issue 12). Lives as long as its holder."""

    def __new__(cls) -> CleanTexts:
        return super().__new__(cls, ({}, {}))


class Checker:
    """Collects problems and warnings while cleaning input values.

    A field's *label* is given untranslated (marked with ``N_``) or already translated; the
    messages built here translate it (``_()`` of an English text returns it unchanged)."""

    def __init__(self, clean_texts: CleanTexts | None = None) -> None:
        self.problems: list[Problem] = []
        self.warnings: list[str] = []
        self.clean_texts = clean_texts

    def fail(self, field: str, value: object, message: str) -> None:
        # A message constant marked with N_ (``fields.CYCLE_MESSAGE``) is translated here; a
        # message already translated or formatted comes back unchanged.
        self.problems.append(Problem(field, value, _(message)))

    def raise_if_any(self) -> None:
        if self.problems:
            raise ValidationError(self.problems)

    def _cleaned(self, field: str, label: str, value, multiline: bool, limit) -> str:
        if value is None or value == "":
            return ""
        if not isinstance(value, str):
            self.fail(field, brief(value), _("{label}: cần là văn bản.").format(label=_(label)))
            return ""
        cleaned = self.clean_texts[multiline] if self.clean_texts is not None else None
        text = cleaned.get(value) if cleaned is not None else None
        if text is None:
            # A printable text has no control character to count (core.text's fast path).
            removed = 0 if value.isprintable() else count_control(value)
            text = multi_line(value) if multiline else single_line(value)
            if removed:
                self.warnings.append(_("{label}: đã bỏ {count} ký tự điều khiển không in được.").format(
                    label=_(label), count=format_int(removed)))
            elif cleaned is not None:
                cleaned[value] = text
        known = _COLUMN_LENGTHS.get(id(limit))  # limit_of(limit) without the call, in the usual case
        maximum = known[1] if known is not None and known[0] is limit else limit_of(limit)
        if len(text) > maximum:
            self.fail(
                field,
                text[:60] + "…",
                _("{label} dài {length} ký tự, quá giới hạn {maximum} ký tự. Hãy rút gọn hoặc tách thành nhiều mục.").format(
                    label=_(label), length=format_int(len(text)), maximum=format_int(maximum)),
            )
        return text

    def text(self, field: str, label: str, value, *, required: bool = False, limit="line") -> str:
        text = self._cleaned(field, label, value, False, limit)
        if required and not text:
            self.fail(field, value, _("{label} không được để trống.").format(label=_(label)))
        return text

    def long_text(self, field: str, label: str, value, *, required: bool = False, limit="section") -> str:
        text = self._cleaned(field, label, value, True, limit)
        if required and not text:
            self.fail(field, value, _("{label} không được để trống.").format(label=_(label)))
        return text

    def date(self, field: str, label: str, value) -> date | None:
        if value is None or value == "":
            return None
        if isinstance(value, datetime):  # a date-and-time where a date is meant: keep the day
            return value.date()
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            try:
                return dates.parse_date(value)
            except dates.DateError as exc:
                self.fail(field, brief(value), _("{label}: {reason}").format(label=_(label), reason=exc))
                return None
        self.fail(field, brief(value), _("{label}: cần là một ngày.").format(label=_(label)))
        return None

    def choice(self, field: str, label: str, value, allowed, labels: dict | None = None):
        if isinstance(value, (dict, list)) or value not in allowed:
            choices = ", ".join(_(str((labels or {}).get(a, a))) for a in allowed)
            self.fail(field, brief(value), _("{label} «{value}» không hợp lệ; chọn một trong: {choices}.").format(
                label=_(label), value=shown(value), choices=choices))
        return value

    def boolean(self, field: str, label: str, value, *, default: bool = False) -> bool:
        """A yes/no value: true or false, nothing else (the text "false" is not false)."""
        if value is None:
            return default
        if not isinstance(value, bool):
            self.fail(field, brief(value), _("{label} phải là true hoặc false (không đặt trong dấu ngoặc kép).").format(
                label=_(label)))
            return default
        return value

    def integer(self, field: str, label: str, value, *, minimum: int | None = None, maximum: int | None = None):
        if value is None or value == "":
            return None
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            self.fail(field, brief(value), _("{label} phải là số nguyên.").format(label=_(label)))
            return None
        try:
            number = int(value) if isinstance(value, int) or len(value) <= 30 else None
        except ValueError:
            number = None
        if number is None:
            self.fail(field, brief(value), _("{label} «{value}» phải là số nguyên.").format(label=_(label), value=shown(value)))
            return None
        if maximum is not None and minimum is not None and not minimum <= number <= maximum:
            self.fail(field, brief(value), _("{label} phải từ {minimum} đến {maximum}.").format(
                label=_(label), minimum=format_int(minimum), maximum=format_int(maximum)))
            return None
        if minimum is not None and number < minimum:
            self.fail(field, brief(value), _("{label} phải từ {minimum} trở lên.").format(
                label=_(label), minimum=format_int(minimum)))
            return None
        top = INTEGER_MAX if maximum is None else min(maximum, INTEGER_MAX)
        if number > top or number < -INTEGER_MAX:
            self.fail(field, brief(value), _("{label} quá lớn (tối đa {maximum}).").format(
                label=_(label), maximum=format_int(top)))
            return None
        return number


def short(text: str, limit: int = 60) -> str:
    """A name for menus and the journal: whole words, at most about *limit* characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut and not text[limit - 1].isspace():
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.") + "…"
