"""Read an issued programme from Word (.docx): its header (issuing committee, number and
symbol, place and date, title/trích yếu and the resolutions it implements), the text of
sections I–IV, and the appendix table(s) as raw rows for :mod:`.tables`.

The document's XML is read directly (through python-docx's parser) rather than through
``table.rows[i].cells``, which is quadratic on long tables and loses merges: here a
horizontal merge (``gridSpan``) repeats its text in every column it covers and a vertical
merge (``vMerge``) repeats the text of the cell it continues, so a lead body written once
for three tasks is read for each of them. A table split across pages (its header row
repeated, or a second table with or without the header) goes on as one table.

No Qt.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..core.dates import DateError, parse_date
from ..core.legacy_text import convert_run
from ..core.symbols import SymbolError, parse_symbol
from ..core.text import fold, multi_line, nfc, single_line
from ..errors import NqdeskError
from ..i18n import _
from .table_plan import PlannedDocument, ProgramHeader
from .tables import RawRow, RawTable

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class ReadError(NqdeskError):
    """The file cannot be read as the kind of document it claims to be; nothing was imported."""


@dataclass
class Block:
    """A top-level paragraph, or a table, in document order."""

    kind: str  # "p" | "table"
    text: str = ""
    bold: bool = False
    table: RawTable | None = None


@dataclass
class WordDocument:
    blocks: list[Block] = field(default_factory=list)

    @property
    def tables(self) -> list[RawTable]:
        return [b.table for b in self.blocks if b.table is not None]


def _val(el, name: str) -> str | None:
    child = el.find(name)
    return None if child is None else child.get(f"{W}val")


def _run_is_bold(run, para_bold: bool) -> bool:
    rpr = run.find(f"{W}rPr")
    if rpr is not None:
        b = rpr.find(f"{W}b")
        if b is not None:
            return b.get(f"{W}val") not in ("0", "false", "off")
    return para_bold


def _font_of(rpr, inherited: str | None) -> str | None:
    """The font a run (or style) names for its Latin text, else the one it inherits."""
    fonts = None if rpr is None else rpr.find(f"{W}rFonts")
    if fonts is not None:
        for attr in ("ascii", "hAnsi"):
            name = fonts.get(f"{W}{attr}")
            if name:
                return name
    return inherited


@dataclass(frozen=True)
class _Fonts:
    """The document's default font and each paragraph style's font: what a run without a font
    of its own is typed in (a legacy ".VnTime"/"VNI-Times" text is converted by that name)."""

    default: str | None = None
    styles: dict[str, str] = field(default_factory=dict)

    def for_paragraph(self, ppr) -> str | None:
        style = None if ppr is None else _val(ppr, f"{W}pStyle")
        return self.styles.get(style or "", self.default)


def _document_fonts(document) -> _Fonts:
    root = document.styles.element
    default = _font_of(root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr"), None)
    styles: dict[str, str] = {}
    normal = None
    for style in root.findall(f"{W}style"):
        font = _font_of(style.find(f"{W}rPr"), None)
        style_id = style.get(f"{W}styleId") or ""
        if style.get(f"{W}default") in ("1", "true") and style.get(f"{W}type") == "paragraph":
            normal = font
        if font:
            styles[style_id] = font
    return _Fonts(normal or default, styles)


def _paragraph(p, fonts: _Fonts = _Fonts()) -> tuple[str, bool]:
    """The paragraph's text (runs in a legacy Vietnamese font converted to Unicode) and
    whether all of its text is bold."""
    ppr = p.find(f"{W}pPr")
    para_bold = False
    if ppr is not None:
        rpr = ppr.find(f"{W}rPr")
        para_bold = rpr is not None and rpr.find(f"{W}b") is not None
    para_font = fonts.for_paragraph(ppr)
    parts: list[str] = []
    bold = True
    seen = False
    for run in p.iter(f"{W}r"):
        run_text = []
        for node in run:
            tag = node.tag
            if tag == f"{W}t":
                run_text.append(node.text or "")
            elif tag == f"{W}tab":
                run_text.append("\t")
            elif tag in (f"{W}br", f"{W}cr"):
                run_text.append("\n")
            elif tag == f"{W}noBreakHyphen":
                run_text.append("-")
        text = "".join(run_text)
        converted = convert_run(text, _font_of(run.find(f"{W}rPr"), para_font))
        if converted is not None:
            text = converted
        if text.strip():
            seen = True
            bold = bold and _run_is_bold(run, para_bold)
        parts.append(text)
    return nfc("".join(parts)), seen and bold


def _cell(tc, fonts: _Fonts = _Fonts()) -> tuple[str, bool]:
    texts, bolds = [], []
    for p in tc.iter(f"{W}p"):
        text, bold = _paragraph(p, fonts)
        texts.append(text)
        if text.strip():
            bolds.append(bold)
    return multi_line("\n".join(texts)), bool(bolds) and all(bolds)


def _table(tbl, name: str, fonts: _Fonts = _Fonts()) -> RawTable:
    rows: list[RawRow] = []
    previous: list[tuple[str, bool, int]] = []  # (text, bold, span) per grid column of the row above
    for r, tr in enumerate(tbl.findall(f"{W}tr"), start=1):
        cells: list[str] = []
        bold: list[bool] = []
        span: list[int] = []
        trpr = tr.find(f"{W}trPr")
        before = 0
        if trpr is not None:
            gb = _val(trpr, f"{W}gridBefore")
            before = int(gb) if gb and gb.isdigit() else 0
        for _i in range(before):
            cells.append("")
            bold.append(False)
            span.append(len(span))
        for tc in tr.findall(f"{W}tc"):
            tcpr = tc.find(f"{W}tcPr")
            n, vmerge = 1, None
            if tcpr is not None:
                gs = _val(tcpr, f"{W}gridSpan")
                n = int(gs) if gs and gs.isdigit() and 0 < int(gs) < 100 else 1
                vm = tcpr.find(f"{W}vMerge")
                if vm is not None:
                    vmerge = vm.get(f"{W}val") or "continue"
            col = len(cells)
            if vmerge == "continue" and col < len(previous):
                text, is_bold, _span = previous[col]
            else:
                text, is_bold = _cell(tc, fonts)
            for _i in range(n):
                cells.append(text)
                bold.append(is_bold)
                span.append(col)
        previous = list(zip(cells, bold, span))
        rows.append(RawRow(cells=cells, bold=bold, span=span, source=_("{table}, dòng {row}").format(table=name, row=r)))
    width = max((len(r.cells) for r in rows), default=0)
    for row in rows:  # a short row (gridAfter) is padded to the table's width
        while len(row.cells) < width:
            row.span.append(len(row.cells))
            row.cells.append("")
            row.bold.append(False)
    return RawTable(rows=rows, name=name)


def read_docx(path: str | Path) -> WordDocument:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ReadError(_("«{name}» không phải tệp Word .docx đọc được ({reason}). "
                          "Tệp .doc cũ cần được mở bằng Word và lưu lại dạng .docx.").format(
                              name=Path(path).name, reason=type(exc).__name__)) from None
    out = WordDocument()
    fonts = _document_fonts(document)
    n = 0
    for child in document.element.body.iterchildren():
        if child.tag == f"{W}p":
            text, bold = _paragraph(child, fonts)
            out.blocks.append(Block("p", text=text, bold=bold))
        elif child.tag == f"{W}tbl":
            n += 1
            out.blocks.append(Block("table", table=_table(child, _("bảng {n}").format(n=n), fonts)))
    return out


# --- the programme's header and sections -----------------------------------------------------

# "Số 15-CTr/TU", "Số: 65/KH-UBND", and a draft's "Số      -CTr/TU" (no number yet).
_NUMBER_LINE = re.compile(r"^\s*S[ốoỐO](?:\s*:|\s)\s*(?:[0-9]|[-/]|$)", re.IGNORECASE)  # vocabulary
_DATE_LINE = re.compile(r"ngay\s+(?P<d>[0-9]{1,2})\s+thang\s+(?P<m>[0-9]{1,2})\s+nam\s+(?P<y>[0-9]{4})")
_HEADING = re.compile(r"^\s*(?P<roman>[IVX]+)\s*[.-]\s+(?P<title>\S.*)$")
_SECTION_KEYS = (
    ("organisation", re.compile(r"to chuc thuc hien")),
    ("purpose", re.compile(r"muc dich")),
    ("objectives", re.compile(r"muc tieu")),
    ("tasks", re.compile(r"nhiem vu|giai phap")),
)
_CITED = re.compile(r"[0-9]+[a-z]?\s*[-/]\s*(?:[0-9]{4}\s*/\s*)?[A-Za-zĐđ][A-Za-zĐđ0-9]*(?:\s*[-/]\s*[A-Za-zĐđ][A-Za-zĐđ0-9]*)*")  # vocabulary
_CITED_DATE = re.compile(r"^\s*,?\s*(?:ngày\s+)?(?P<date>[0-9]{1,2}\s*[/.-]\s*[0-9]{1,2}\s*[/.-]\s*[0-9]{4}"  # vocabulary
                         r"|[0-9]{1,2}\s+tháng\s+[0-9]{1,2}\s+năm\s+[0-9]{4})", re.IGNORECASE)
_KINDS = {"CTr": "CTr", "KH": "KH"}
_DRAFT_KIND = re.compile(r"-\s*(CTr|KH)\s*/")  # "Số      -KH/TU" of a draft
_END_MARK = re.compile(r"\s*\./\.\s*$")


def _sentence_case(text: str) -> str:
    text = single_line(text)
    if text.isupper():
        return text[:1] + text[1:].lower()
    return text


def _header_table_lines(doc: WordDocument) -> tuple[list[str], list[str]]:
    """The lines of the header's left column (issuing body, "Số …") and of all of it, when
    the first table is the header (it holds the "Số …" line)."""
    for block in doc.blocks:
        if block.table is None:
            continue
        left: list[str] = []
        lines: list[str] = []
        for row in block.table.rows:
            seen = set()
            for c, text in enumerate(row.cells):
                if row.span[c] in seen:
                    continue
                seen.add(row.span[c])
                cell_lines = [single_line(x) for x in text.split("\n") if x.strip()]
                lines += cell_lines
                if row.span[c] == 0:
                    left += cell_lines
        return (left, lines) if any(_NUMBER_LINE.match(x) for x in left) else ([], [])
    return [], []


def cited_documents(text: str, own_symbol: str = "") -> list[PlannedDocument]:
    """Symbols cited in a text ("Nghị quyết số 42-NQ/TW, ngày 24/11/2023"), each once, in order."""
    out: list[PlannedDocument] = []
    seen = {own_symbol} if own_symbol else set()
    for m in _CITED.finditer(text):
        try:
            symbol = str(parse_symbol(m.group(0)))
        except SymbolError:
            continue
        if symbol in seen:
            continue
        seen.add(symbol)
        day = None
        d = _CITED_DATE.match(text[m.end():])
        if d:
            try:
                day = parse_date(d.group("date"))
            except DateError:
                day = None
        out.append(PlannedDocument(symbol=symbol, issue_date=day))
    return out


def read_header(doc: WordDocument) -> tuple[ProgramHeader, str, list[str]]:
    """The programme's header, the issuing body as written ("" if not found), and warnings."""
    h = ProgramHeader()
    warnings: list[str] = []
    left, lines = _header_table_lines(doc)
    issuing = ""
    for i, line in enumerate(left):
        if _NUMBER_LINE.match(line) and not h.symbol:
            try:
                symbol = parse_symbol(line)
                h.symbol, h.number = str(symbol), symbol.number
                h.kind = _KINDS.get(symbol.type_code or "", "CTr")
            except SymbolError as exc:
                if re.search(r"[0-9]", line):  # a draft has no number yet: nothing to say
                    warnings.append(_("Không đọc được số, ký hiệu «{line}»: {reason}").format(line=line, reason=exc))
                draft = _DRAFT_KIND.search(line)
                if draft:
                    h.kind = _KINDS.get(draft.group(1), "CTr")
            before = [x for x in left[:i] if x.strip(" *-_") and x.isupper()]
            if before:
                issuing = _sentence_case(before[-1])
    for line in lines:
        m = _DATE_LINE.search(fold(line))
        if m and h.issue_date is None:
            try:
                h.issue_date = date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
                h.place = line.split(",")[0].strip() if "," in line else ""
            except ValueError:
                warnings.append(_("Ngày ban hành «{line}» không có thật.").format(line=line))
    # The title: the paragraphs after the header up to the "-----" rule (or the first section).
    paragraphs = [b for b in doc.blocks if b.kind == "p"]
    title_parts: list[str] = []
    body_start = 0
    for n, b in enumerate(paragraphs):
        text = single_line(b.text)
        if not text:
            if title_parts and n + 1 < len(paragraphs) and not paragraphs[n + 1].bold:
                body_start = n + 1
                break
            continue
        if set(text) <= set("-–—_*. "):
            if title_parts:
                body_start = n + 1
                break
            continue
        if _HEADING.match(text) or (title_parts and not b.bold):
            body_start = n
            break
        if b.bold and not fold(text).startswith(("dang cong san", "doc lap")) and text not in ("DỰ THẢO",):  # vocabulary
            title_parts.append(text)
    if title_parts:
        head = _sentence_case(title_parts[0])
        h.title = " ".join([head] + title_parts[1:])
    h.documents = cited_documents(" ".join(title_parts), h.symbol)
    h.sections = _sections(paragraphs[body_start:])
    if not h.documents and h.sections.get("opening"):
        h.documents = cited_documents(h.sections["opening"], h.symbol)
    return h, issuing, warnings


def _sections(paragraphs: list[Block]) -> dict[str, str]:
    out: dict[str, list[str]] = {"opening": []}
    current = "opening"
    for b in paragraphs:
        text = single_line(b.text)
        if not text:
            continue
        key = fold(text)
        if key.startswith(("noi nhan", "phu luc")):
            break
        m = _HEADING.match(text)
        if m:
            title = fold(m.group("title"))
            section = next((k for k, p in _SECTION_KEYS if p.search(title)), None)
            if section:
                current = section
                out.setdefault(current, [])
                continue
        out.setdefault(current, []).append(text)
    result = {k: "\n".join(v) for k, v in out.items() if v}
    if result:
        last = list(result)[-1]
        result[last] = _END_MARK.sub("", result[last]).rstrip()
        if not result[last].endswith((".", ";", ":")):
            result[last] += "."
    return result
