"""A pasted full citation of a document read into its parts.

People paste what documents print when they cite another one:
"Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học,
công nghệ…". :func:`parse_citation` finds the symbol, the date, the issuing authority
("của …") and the subject (trích yếu, from "về …"); a part it is not sure of is left empty
and the reason is said, so the form shows the user what to check before saving.

Pure logic: no I/O, no Qt.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from ..i18n import _
from .dates import DateError, parse_date
from .symbols import DocumentSymbol, SymbolError, parse_symbol
from .text import single_line

__all__ = ["Citation", "parse_citation", "looks_like_citation"]

# The longest issuing authority we accept without doubt; longer means the subject was not
# told apart from it ("của UBND tỉnh ban hành …" with no "về").
_MAX_AUTHORITY = 150

# Where the symbol ends: a comma, a parenthesis, or the word ngày / của / về.
_SYMBOL_END = re.compile(r"[,;(]|\s(?:ngay|cua|ve|v/v)(?=\s|:|$)")
_OF = re.compile(r"(?:^|\s|,)cua\s")
# The subject begins with "về", "V/v", or one of the verbs documents open a subject with.
_ABOUT = re.compile(r"(?:^|\s|,)(?P<word>ve\s+viec|ve|v/v:?)(?=\s|$)")
# Without "về", a verb may open the subject ("… của UBND tỉnh thực hiện Nghị quyết …"); a
# verb can also belong to the authority's name ("Ban Chỉ đạo thực hiện …"), so the split is
# offered with a note to check it.
_SUBJECT_VERB = re.compile(
    r"(?:^|\s|,)(?P<word>ban\s+hanh|phe\s+duyet|thuc\s+hien|trien\s+khai|quy\s+dinh"
    r"|huong\s+dan|tiep\s+tuc|day\s+manh|tang\s+cuong|sua\s+doi)(?=\s|$)"
)
_DATE = (
    r"(?P<NAME>[0-9]{1,2}\s*[/.-]\s*[0-9]{1,2}(?:\s*[/.-]\s*[0-9]{2,4})?"
    r"|[0-9]{1,2}\s+thang\s+[0-9]{1,2}(?:\s*,?\s*nam\s+[0-9]{2,4})?)"
)
_DATE_CLAUSE = re.compile(
    rf"(?:,\s*)?(?:ngay\s*{_DATE.replace('NAME', 'd1')}|\(\s*(?:ngay\s*)?{_DATE.replace('NAME', 'd2')}\s*\))"
)
_YEAR_IN_DATE = re.compile(r"[0-9]\s*[/.-]\s*[0-9]{1,2}\s*[/.-]\s*[0-9]{2,4}$|nam\s+[0-9]{2,4}$")


@dataclass(frozen=True)
class Citation:
    """What a pasted citation says; None for a part that was missing or unsure (see problems)."""

    symbol: DocumentSymbol | None
    issue_date: date | None
    issuing_authority: str | None
    subject: str | None
    problems: tuple[str, ...] = ()

    def fields(self) -> dict[str, object]:
        """The parts that were understood, by the document's field names."""
        found: dict[str, object] = {}
        if self.symbol is not None:
            found["symbol"] = str(self.symbol)
        if self.issue_date is not None:
            found["issue_date"] = self.issue_date
        if self.issuing_authority:
            found["issuing_authority"] = self.issuing_authority
        if self.subject:
            found["subject"] = self.subject
        return found


def _key(text: str) -> str:
    """Lower case without marks, one character for each character of *text* (positions match)."""
    out = []
    for ch in text:
        bare = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
        bare = bare.replace("đ", "d").replace("Đ", "d")  # vocabulary
        lowered = bare.lower()
        out.append(lowered if len(lowered) == 1 else ch)
    return "".join(out)


def looks_like_citation(text: str) -> bool:
    """True when *text* is more than a symbol: it also says a date, an authority or a subject."""
    key = _key(single_line(text))
    return bool(re.search(r"\s(?:ngay|cua|ve)\s", key)) and bool(re.search(r"[0-9]", key))


def parse_citation(text: str) -> Citation:
    """Read a pasted citation; never raises for any text (what is unsure is left out and said)."""
    line = single_line(text if isinstance(text, str) else "").strip(" .;")
    if not line:
        return Citation(None, None, None, None, (_("Chưa dán trích dẫn văn bản."),))
    key = _key(line)
    problems: list[str] = []

    end = _SYMBOL_END.search(key)
    symbol_end = end.start() if end else len(line)
    symbol = _symbol(line[:symbol_end], problems)

    of = _OF.search(key, symbol_end)
    subject_from = of.end() - 1 if of else symbol_end  # from the space after "của"
    subject_match = _ABOUT.search(key, subject_from)
    if subject_match is None:
        subject_match = _SUBJECT_VERB.search(key, subject_from)
        if subject_match is not None and of is not None:
            problems.append(_("Trích yếu được tách ở chữ «{word}»: hãy kiểm tra lại cơ quan ban hành và trích yếu.").format(
                word=line[subject_match.start("word"):subject_match.end("word")]))
    head_end = subject_match.start() if subject_match else len(line)
    subject = _subject(line, subject_match)

    issue_date, date_span = _date(line, key, symbol_end, head_end, problems)
    authority = _authority(line, of, head_end, date_span, subject_match is not None, problems)
    return Citation(symbol, issue_date, authority, subject, tuple(problems))


def _symbol(text: str, problems: list[str]) -> DocumentSymbol | None:
    try:
        return parse_symbol(text)
    except SymbolError as exc:
        problems.append(_("Số, ký hiệu: {reason}").format(reason=exc))
        return None


def _subject(line: str, found: re.Match[str] | None) -> str | None:
    if found is None:
        return None
    start = found.start("word")
    subject = line[start:].strip(" ,;.")
    if found["word"].startswith("v/v"):
        subject = "về việc " + subject[len(found["word"]):].lstrip(" :")  # document text
    elif subject[:1].isupper() and found["word"] in ("ve", "ve viec"):
        subject = subject[0].lower() + subject[1:]  # stored as printed under the title: "về …"
    return subject or None


def _date(line: str, key: str, start: int, end: int, problems: list[str]) -> tuple[date | None, tuple[int, int] | None]:
    found = list(_DATE_CLAUSE.finditer(key, start, end))
    if not found:
        problems.append(_("Không thấy ngày ban hành (ví dụ «ngày 22/12/2024»): hãy nhập ngày."))
        return None, None
    if len(found) > 1:
        problems.append(_("Có nhiều hơn một ngày trước phần trích yếu: hãy chọn đúng ngày ban hành."))
        return None, None
    clause = found[0]
    group = "d1" if clause["d1"] is not None else "d2"
    written = line[clause.start(group):clause.end(group)]
    span = (clause.start(), clause.end())
    if not _YEAR_IN_DATE.search(key[clause.start(group):clause.end(group)]):
        problems.append(_("Ngày «{date}» thiếu năm: hãy nhập đủ ngày/tháng/năm.").format(date=written))
        return None, span
    try:
        return parse_date(written if "/" in written or "-" in written or "." in written else f"ngày {written}"), span  # vocabulary
    except DateError as exc:
        problems.append(_("Ngày ban hành: {reason}").format(reason=exc))
        return None, span


def _authority(
    line: str, of: re.Match[str] | None, end: int, date_span: tuple[int, int] | None, has_subject: bool,
    problems: list[str],
) -> str | None:
    if of is None:
        problems.append(_("Không thấy cơ quan ban hành (phần «của …»): hãy nhập cơ quan ban hành."))
        return None
    start = of.end()
    text = line[start:end]
    if date_span is not None and start <= date_span[0] < end:
        text = line[start:date_span[0]] + " " + line[date_span[1]:end]
    authority = re.sub(r"\s+", " ", text).strip(" ,;.-")
    if not authority:
        problems.append(_("Phần «của …» không ghi cơ quan ban hành."))
        return None
    if len(authority) > _MAX_AUTHORITY or (not has_subject and len(authority.split()) > 12):
        problems.append(
            _("Không tách chắc được cơ quan ban hành khỏi trích yếu (thiếu chữ «về …»): hãy nhập hai phần này.")
        )
        return None
    return authority
