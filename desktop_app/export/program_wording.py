"""How a programme is named in words: its document type, who issues it, the trích yếu, the
generated opening and section IV, and how other documents cite it ("Chương trình hành động
số 15-CTr/TU, ngày …"). Pure functions of :class:`~desktop_app.reports.program_data.ProgramData`.
"""

from __future__ import annotations

import re

from ..core.dates import format_citation_date, to_roman
from ..core.symbols import PARTY, STATE, DocumentSymbol, SymbolError
from ..core.task_order import group_numbering
from ..core.text import clean_control, fold, nfc, single_line
from ..reports.program_data import BodyInfo, ProgramData

__all__ = ["document_type_name", "issuer_phrase", "subject_line", "opening_text", "organisation_text",
           "program_symbol", "program_short_citation", "program_citation", "SIGNING_PREFIX", "join_phrases",
           "section_lines", "printed_sections"]

# --- wording ----------------------------------------------------------------------------------

SIGNING_PREFIX = re.compile(r"^\s*(T\s*/\s*M|K\s*/\s*T|TM\.?|KT\.?)\s+", re.IGNORECASE)
# Organs of a committee, as the opening names them ("Ban Thường vụ Tỉnh ủy").
_ORGANS = {"ban thuong vu": "Ban Thường vụ", "ban chap hanh": "Ban Chấp hành", "thuong truc": "Thường trực"}  # document text


def join_phrases(items: list[str]) -> str:  # document text
    """"A", "A và B", "A; B và C" (citations hold commas, so a list of three uses ";")."""
    if len(items) <= 1:
        return "".join(items)
    if len(items) == 2:
        return f"{items[0]} và {items[1]}"
    return "; ".join(items[:-1]) + f" và {items[-1]}"


def _clean_line(text: str) -> str:
    return single_line(text)


def document_type_name(data: ProgramData) -> str:  # document text
    """"Chương trình hành động", "Chương trình" or "Kế hoạch"."""
    if data.kind == "KH":
        return "Kế hoạch"
    if fold(data.title).startswith("chuong trinh hanh dong") or not fold(data.title).startswith("chuong trinh"):
        return "Chương trình hành động"
    return "Chương trình"


def issuer_phrase(data: ProgramData) -> str:  # document text
    """Who issues, as a sentence names it: "Ban Thường vụ Tỉnh ủy", "Tỉnh ủy", "Ủy ban nhân dân tỉnh…"."""
    body = data.issuing_body
    short = _clean_line(body.short_name or body.name) if body else ""
    actor = _clean_line(SIGNING_PREFIX.sub("", data.signing_authority or ""))
    folded = fold(actor)
    if folded in _ORGANS:
        return f"{_ORGANS[folded]} {short}".strip()
    if body is not None and (not folded or folded in (fold(body.short_name), fold(body.name))):
        return short
    if folded:
        lower = actor.lower()
        return lower[:1].upper() + lower[1:]
    return "Ban Thường vụ"


def subject_line(data: ProgramData) -> str:  # document text
    """The trích yếu: "thực hiện Nghị quyết số 42-NQ/TW, ngày 24/11/2023 của … về …"."""
    if data.documents:
        return "thực hiện " + join_phrases([d.full_citation() for d in data.documents])
    title = _clean_line(data.title)
    kind = document_type_name(data)
    if fold(title).startswith(fold(kind)):
        rest = title[len(kind):].strip()
        if rest:
            return rest
    return title


def opening_text(data: ProgramData) -> str:  # document text
    """The opening paragraph generated from the linked resolutions."""
    kind = document_type_name(data)
    actor = issuer_phrase(data)
    if data.documents:
        cited = join_phrases([f"{d.full_citation()} (sau đây gọi tắt là {d.short_citation()})"
                               for d in data.documents])
        return _clean_line(f"Thực hiện {cited}, {actor} ban hành {kind} thực hiện như sau:")
    return _clean_line(f"{actor} ban hành {kind} {subject_line(data)} như sau:")


def _lower_first(text: str) -> str:
    """"Xây dựng kế hoạch" → "xây dựng kế hoạch"; acronyms ("UBND…") stay."""
    if len(text) >= 2 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def organisation_text(data: ProgramData) -> str:  # document text
    """Section IV generated from the task assignments: one numbered paragraph per lead body
    (what it leads and with whom), then the office's follow-up."""
    order: list[int | str] = []
    led: dict[int | str, tuple[BodyInfo, list[str], list[str], list[BodyInfo]]] = {}
    for group in group_numbering(data.tasks):
        for stt, task in group.items:
            if task.lead is None:
                continue
            key = task.lead.id if task.lead.id is not None else task.lead.name
            if key not in led:
                order.append(key)
                led[key] = (task.lead, [], [], [])
            _, refs, contents, partners = led[key]
            refs.append(group.reference(stt))
            contents.append(_lower_first(_clean_line(task.content)).rstrip(" .;"))
            for partner in task.coordinators:
                if all(partner.name != p.name for p in partners) and partner.name != task.lead.name:
                    partners.append(partner)
    lines = []
    for n, key in enumerate(order, start=1):
        body, refs, contents, partners = led[key]
        who = _clean_line(body.name)
        with_whom = f", phối hợp với {', '.join(_clean_line(p.name) for p in partners)}" if partners else ""
        where = f"mục {', '.join(refs)} Phụ lục"
        if len(contents) == 1:
            what = f"thực hiện nhiệm vụ: {contents[0]} ({where})"
        elif len(contents) <= 5:
            what = f"thực hiện các nhiệm vụ: {'; '.join(contents)} ({where})"
        else:
            what = f"thực hiện {len(contents)} nhiệm vụ tại {where}"
        lines.append(f"{n}. {who} chủ trì{with_whom} {what}.")
    office = _clean_line(data.office_body.name) if data.office_body else (
        f"Văn phòng {_clean_line(data.issuing_body.short_name or data.issuing_body.name)}"
        if data.issuing_body else "Văn phòng")
    kind = document_type_name(data)
    lines.append(f"{len(order) + 1}. {office} theo dõi, đôn đốc, tổng hợp tình hình thực hiện {kind}, "
                 f"định kỳ báo cáo {issuer_phrase(data)}.")
    return nfc(clean_control("\n".join(lines)))


# --- citing a programme in other documents ------------------------------------------------------

def program_symbol(data: ProgramData) -> str:
    """"15-CTr/TU" for an issued programme whose issuing body has a code, else ""."""
    body = data.issuing_body
    if not data.issued or data.number is None or body is None or not (body.code or "").strip():
        return ""
    style = STATE if body.kind == "state_agency" else PARTY
    try:
        return str(DocumentSymbol(data.number, single_line(data.kind) or "CTr", single_line(body.code), style))
    except SymbolError:
        return ""


def program_short_citation(data: ProgramData) -> str:  # document text
    """"Chương trình hành động số 15-CTr/TU"; a draft: "Dự thảo Chương trình hành động … "."""
    kind = document_type_name(data)
    symbol = program_symbol(data)
    if symbol:
        return f"{kind} số {symbol}"
    if data.documents:
        return f"Dự thảo {kind} thực hiện " + join_phrases([d.short_citation() for d in data.documents])
    return f"Dự thảo {_clean_line(data.title)}"


def program_citation(data: ProgramData) -> str:  # document text
    """First citation in full: "Chương trình hành động số 15-CTr/TU, ngày 20/03/2024 của Tỉnh ủy
    thực hiện Nghị quyết số 42-NQ/TW, ngày 24/11/2023 của … về …"."""
    symbol = program_symbol(data)
    if not symbol:
        return program_short_citation(data)
    text = f"{document_type_name(data)} số {symbol}"
    if data.issue_date is not None:
        text += f", ngày {format_citation_date(data.issue_date)}"
    text += f" của {issuer_phrase(data)} {subject_line(data)}"
    return _clean_line(text)


# --- sections I–IV as printed ----------------------------------------------------------------

_NUMBER_LINE = re.compile(r"^[0-9]{1,3}(\.[0-9]{1,3})*\.\s")
_LETTER_LINE = re.compile(r"^[a-zđ]\)\s")  # vocabulary
_SENTENCE_END = (".", ";", ":", "!", "?", "…", ",")


def section_lines(text: str) -> list[tuple[str, str]]:
    """(kind, line) for each non-empty line of a section's (clean) text: kind "number" /
    "letter" for sub-headings ("1. Mục tiêu tổng quát", "a) …" without a closing full stop),
    else "text". Spaces and tabs inside a line are collapsed, as the document prints it."""
    out = []
    for raw in (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = " ".join(raw.replace("\t", " ").split())
        if not line:
            continue
        heading = not line.endswith(_SENTENCE_END)
        if _NUMBER_LINE.match(line) and heading:
            out.append(("number", line))
        elif _LETTER_LINE.match(line) and heading:
            out.append(("letter", line))
        else:
            out.append(("text", line))
    return out


def printed_sections(opening: str, sections: list[str] | tuple[str, ...], titles: list[str] | tuple[str, ...],
                     numbering: str = "I-") -> tuple[list[tuple[str, str]], list[str]]:
    """The body of the programme as printed: (kind, text) blocks — the opening's lines, then
    for each section with content a "heading" ("II- MỤC TIÊU", numbered among the printed
    ones only) and its :func:`section_lines` — and the titles of the sections left out
    because they are empty. *sections* and *titles* pair up (I–IV); texts are already clean."""
    blocks: list[tuple[str, str]] = list(section_lines(opening))
    skipped: list[str] = []
    separator = "-" if numbering == "I-" else "."
    printed = 0
    for title, text in zip(titles, sections):
        title = " ".join((title or "").split())
        lines = section_lines(text)
        if not lines:
            skipped.append(title)
            continue
        printed += 1
        blocks.append(("heading", f"{to_roman(printed)}{separator} {title}"))
        blocks += lines
    return blocks, skipped
