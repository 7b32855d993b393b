"""OOXML for python-docx documents, written directly: units, text cleaning and styles, runs
and paragraphs as small XML templates (children in schema order), sections, page numbers,
blocks of paragraphs and fixed-layout tables. See :mod:`.docx_common` for the choices made.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

import docx
from docx.enum.section import WD_ORIENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.section import Section
from docx.shared import Mm

from ..core.text import clean_control, count_control, nfc
from ..i18n import _, format_int

W = nsdecls("w")


# --- units ------------------------------------------------------------------------------

def mm_to_twips(mm: float) -> int:
    return round(mm * 1440 / 25.4)


def pt_to_twips(pt: float) -> int:
    return round(pt * 20)


def _half_points(pt: float) -> int:
    return max(2, round(pt * 2))


# --- text -------------------------------------------------------------------------------

def safe_text(text) -> tuple[str, int]:
    """(*text* in NFC without the characters XML/Word reject, how many were removed)."""
    if text is None:
        return "", 0
    if not isinstance(text, str):
        text = str(text)
    removed = count_control(text)
    return nfc(clean_control(text)), removed


class WarningCollector:
    """Warnings met while building a document, for the user (in the UI language, deduplicated).

    :meth:`clean` passes text through :func:`safe_text` and counts, per place, the control
    characters removed; they are reported as one line per place (or one summary line when
    many places are affected)."""

    SUMMARY_AFTER = 10

    def __init__(self) -> None:
        self._messages: list[str] = []
        self._removed: dict[str, int] = {}

    def add(self, message: str) -> None:
        if message not in self._messages:
            self._messages.append(message)

    def clean(self, text, where: str) -> str:
        cleaned, removed = safe_text(text)
        if removed:
            self._removed[where] = self._removed.get(where, 0) + removed
        return cleaned

    @property
    def messages(self) -> list[str]:
        out = list(self._messages)
        if len(self._removed) > self.SUMMARY_AFTER:
            places = list(self._removed)
            shown = ", ".join(places[:5])
            out.append(_("Đã bỏ {count} ký tự điều khiển không in được ở {places} chỗ ({shown}…).").format(
                count=format_int(sum(self._removed.values())), places=format_int(len(places)), shown=shown))
        else:
            out += [_("Đã bỏ {count} ký tự điều khiển không in được trong {where}.").format(
                count=format_int(n), where=where) for where, n in self._removed.items()]
        return out


@dataclass(frozen=True)
class TextStyle:
    size_pt: float
    bold: bool = False
    italic: bool = False
    underline: bool = False
    upper: bool = False
    boxed: bool = False

    @classmethod
    def of(cls, node, *, boxed: bool = False, **changes) -> TextStyle:
        """From a profile style object (size_pt, bold, italic, underline, upper)."""
        values = {k: node[k] for k in ("size_pt", "bold", "italic", "underline", "upper")}
        values.update(changes)
        return cls(boxed=boxed, **values)

    def shown(self, text: str) -> str:
        """The text as printed (upper-cased when the style says so; stays NFC)."""
        return nfc(text.upper()) if self.upper else text


@dataclass(frozen=True)
class Mark:
    """A decoration from a profile: text ("*", "-----"), a rule line, or nothing."""

    kind: str
    text: str = ""
    size_pt: float = 0
    ratio: float | None = None
    length_mm: float | None = None
    weight_pt: float = 0.75

    @classmethod
    def of(cls, node) -> Mark:
        return cls(node["kind"], node.get("text", ""), node.get("size_pt", 0), node.get("ratio"),
                   node.get("length_mm"), node.get("weight_pt", 0.75))

    def rule_length_pt(self, text_width_pt: float) -> float:
        if self.length_mm is not None:
            return self.length_mm * 72 / 25.4
        return (self.ratio or 1.0) * text_width_pt



# --- XML pieces ---------------------------------------------------------------------------

def rpr_xml(font: str, lang: str, style: TextStyle) -> str:
    """``w:rPr`` (children in schema order) with the font in all four slots."""
    f = quoteattr(font)
    parts = [f"<w:rFonts w:ascii={f} w:hAnsi={f} w:cs={f} w:eastAsia={f}/>"]
    if style.bold:
        parts.append("<w:b/><w:bCs/>")
    if style.italic:
        parts.append("<w:i/><w:iCs/>")
    size = _half_points(style.size_pt)
    parts.append(f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>')
    if style.underline:
        parts.append('<w:u w:val="single"/>')
    if style.boxed:
        parts.append('<w:bdr w:val="single" w:sz="6" w:space="1" w:color="000000"/>')
    if lang:
        parts.append(f"<w:lang w:val={quoteattr(lang)}/>")
    return "<w:rPr>" + "".join(parts) + "</w:rPr>"


NO_BREAK_HYPHEN = "\u2011"


def keep_symbols_whole(text: str) -> str:
    """*text* with the hyphen of document symbols ("15-CTr/TU", "42-NQ/TW") made
    non-breaking, so a line never ends in "15-" (written as Word's own non-breaking hyphen,
    which reads back as "-")."""
    return _SYMBOL_HYPHEN.sub(NO_BREAK_HYPHEN, text)


_SYMBOL_HYPHEN = re.compile(r"(?<=[0-9])-(?=[A-Za-zĐđ]+/)")  # vocabulary


def run_xml(text: str, rpr: str) -> str:
    """One ``w:r``: line breaks become ``w:br``, tabs ``w:tab``, U+2011 ``w:noBreakHyphen``.
    The hyphen of a document symbol is always made non-breaking (:func:`keep_symbols_whole`):
    a line must never end in "42-" with "NQ/TW" on the next. *text* must be clean."""
    text = keep_symbols_whole(text.replace("\r\n", "\n").replace("\r", "\n"))
    pieces: list[str] = []
    for i, line in enumerate(text.split("\n")):
        if i:
            pieces.append("<w:br/>")
        for j, chunk in enumerate(line.split("\t")):
            if j:
                pieces.append("<w:tab/>")
            for k, part in enumerate(chunk.split(NO_BREAK_HYPHEN)):
                if k:
                    pieces.append("<w:noBreakHyphen/>")
                if part:
                    pieces.append(f'<w:t xml:space="preserve">{escape(part)}</w:t>')
    return f"<w:r>{rpr}{''.join(pieces)}</w:r>"


_ALIGN = {"left": "left", "center": "center", "right": "right", "justify": "both"}


def ppr_xml(*, align: str | None = None, before_pt: float = 0, after_pt: float = 0,
            line: float | None = None, exact_pt: float | None = None, first_line_twips: int = 0,
            left_twips: int = 0, right_twips: int = 0, keep_next: bool = False, keep_lines: bool = False,
            bottom_border_pt: float | None = None, mark_rpr: str = "") -> str:
    """``w:pPr`` with its children in schema order."""
    parts = []
    if keep_next:
        parts.append("<w:keepNext/>")
    if keep_lines:
        parts.append("<w:keepLines/>")
    if bottom_border_pt:
        eighths = max(2, round(bottom_border_pt * 8))
        parts.append(f'<w:pBdr><w:bottom w:val="single" w:sz="{eighths}" w:space="1" w:color="000000"/></w:pBdr>')
    if exact_pt is not None:
        spacing_line = f' w:line="{pt_to_twips(exact_pt)}" w:lineRule="exact"'
    else:
        spacing_line = f' w:line="{round(240 * (line or 1.0))}" w:lineRule="auto"'
    parts.append(f'<w:spacing w:before="{pt_to_twips(before_pt)}" w:after="{pt_to_twips(after_pt)}"{spacing_line}/>')
    if first_line_twips or left_twips or right_twips:
        parts.append(f'<w:ind w:left="{left_twips}" w:right="{right_twips}" w:firstLine="{max(0, first_line_twips)}"/>')
    if align:
        parts.append(f'<w:jc w:val="{_ALIGN[align]}"/>')
    parts.append(mark_rpr)
    return "<w:pPr>" + "".join(parts) + "</w:pPr>"


def paragraph_element(ppr: str, runs: str = ""):
    return parse_xml(f"<w:p {W}>{ppr}{runs}</w:p>")


# --- document and sections ----------------------------------------------------------------

def new_document(font: str, size_pt: float, lang: str) -> docx.Document:
    """An empty document whose defaults and styles all use *font* (four slots)."""
    document = docx.Document()
    styles = document.styles.element
    f = quoteattr(font)
    doc_defaults = styles.find(qn("w:docDefaults"))
    rpr_default = doc_defaults.find(qn("w:rPrDefault"))
    rpr_default.clear()
    rpr_default.append(parse_xml(f"<w:rPr {W}><w:rFonts w:ascii={f} w:hAnsi={f} w:cs={f} w:eastAsia={f}/>"
                                 f'<w:sz w:val="{_half_points(size_pt)}"/><w:szCs w:val="{_half_points(size_pt)}"/>'
                                 f"<w:lang w:val={quoteattr(lang)} w:eastAsia={quoteattr(lang)} w:bidi=\"ar-SA\"/>"
                                 "</w:rPr>"))
    ppr_default = doc_defaults.find(qn("w:pPrDefault"))
    ppr_default.clear()
    ppr_default.append(parse_xml(f'<w:pPr {W}><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'))
    theme_attrs = [qn(f"w:{a}") for a in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")]
    for rfonts in styles.iter(qn("w:rFonts")):
        for attr in theme_attrs:
            rfonts.attrib.pop(attr, None)
        for slot in ("ascii", "hAnsi", "cs", "eastAsia"):
            rfonts.set(qn(f"w:{slot}"), font)
    normal = document.styles["Normal"]
    rpr = normal.element.get_or_add_rPr()
    for child in list(rpr):
        if child.tag in (qn("w:rFonts"), qn("w:sz"), qn("w:szCs"), qn("w:lang")):
            rpr.remove(child)
    rpr.insert(0, parse_xml(f"<w:rFonts {W} w:ascii={f} w:hAnsi={f} w:cs={f} w:eastAsia={f}/>"))
    rpr.append(parse_xml(f'<w:sz {W} w:val="{_half_points(size_pt)}"/>'))
    rpr.append(parse_xml(f'<w:szCs {W} w:val="{_half_points(size_pt)}"/>'))
    rpr.append(parse_xml(f"<w:lang {W} w:val={quoteattr(lang)}/>"))
    _tune_settings(document, lang)
    return document


def _tune_settings(document, lang: str) -> None:
    settings = document.settings.element
    # Word 2013+ layout (no "Compatibility Mode" banner; tables placed by their edges).
    for setting in settings.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")
    for theme_lang in settings.iter(qn("w:themeFontLang")):
        theme_lang.set(qn("w:val"), lang)
        theme_lang.attrib.pop(qn("w:eastAsia"), None)


def setup_page(section: Section, *, width_mm: float, height_mm: float, top_mm: float, bottom_mm: float,
               left_mm: float, right_mm: float, header_mm: float | None = None, footer_mm: float | None = None,
               landscape: bool = False) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width = Mm(width_mm)
    section.page_height = Mm(height_mm)
    section.top_margin, section.bottom_margin = Mm(top_mm), Mm(bottom_mm)
    section.left_margin, section.right_margin = Mm(left_mm), Mm(right_mm)
    if header_mm is not None:
        section.header_distance = Mm(header_mm)
    if footer_mm is not None:
        section.footer_distance = Mm(footer_mm)
    section.gutter = Mm(0)


def text_width_twips(section: Section) -> int:
    return round((section.page_width - section.left_margin - section.right_margin) / 635)


def add_section_break(document) -> Section:
    """Start a new section on a new page and return it.

    Like python-docx's ``add_section`` (the new section inherits the previous one's headers),
    but the paragraph that carries the break is 1 pt high, so a page that is full up to
    the bottom does not spill an empty line (and a blank page) before the new section."""
    body = document.element.body
    sentinel = body.get_or_add_sectPr()
    breaker = paragraph_element(ppr_xml(exact_pt=1, mark_rpr='<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>'))
    sentinel.addprevious(breaker)
    breaker.set_sectPr(sentinel.clone())
    for ref in sentinel.xpath("w:headerReference|w:footerReference"):
        sentinel.remove(ref)
    for title_pg in sentinel.findall(qn("w:titlePg")):
        sentinel.remove(title_pg)
    start = sentinel.find(qn("w:type"))
    if start is not None:
        sentinel.remove(start)
    return document.sections[-1]


def set_landscape(section: Section, width_mm: float, height_mm: float, margins_mm) -> None:
    """Landscape page: the long side across (page size swapped), own margins."""
    long_side, short_side = max(width_mm, height_mm), min(width_mm, height_mm)
    setup_page(section, width_mm=long_side, height_mm=short_side, top_mm=margins_mm["top"],
               bottom_mm=margins_mm["bottom"], left_mm=margins_mm["left"], right_mm=margins_mm["right"],
               landscape=True)


def add_page_number(section: Section, *, font: str, lang: str, style: TextStyle, position: str,
                    first_page: bool) -> None:
    """A PAGE field in the header (top_*) or footer (bottom_*); with *first_page* False
    the section gets a different, empty first-page header/footer (w:titlePg)."""
    if position == "none":
        return
    top = position.startswith("top")
    part = section.header if top else section.footer
    part.is_linked_to_previous = False
    container = part._element
    for child in list(container):
        container.remove(child)
    rpr = rpr_xml(font, lang, style)
    field = (f'<w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r>'
             f'<w:r>{rpr}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
             f'<w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r>'
             f'<w:r>{rpr}<w:t>2</w:t></w:r>'
             f'<w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r>')
    align = "right" if position.endswith("right") else "center"
    container.append(paragraph_element(ppr_xml(align=align, mark_rpr=rpr), field))
    if not first_page:
        section.different_first_page_header_footer = True
        first = section.first_page_header if top else section.first_page_footer
        first.is_linked_to_previous = False
        holder = first._element
        for child in list(holder):
            holder.remove(child)
        holder.append(paragraph_element(ppr_xml(mark_rpr=rpr)))


# --- blocks of paragraphs -----------------------------------------------------------------

class BlockWriter:
    """Appends paragraphs to a container (the document body or a table cell).

    Text given to it must already be clean (:meth:`WarningCollector.clean`)."""

    def __init__(self, container, font: str, lang: str):
        self.container = container
        self.font = font
        self.lang = lang
        self._rpr_cache: dict[TextStyle, str] = {}
        self.last = None

    def rpr(self, style: TextStyle) -> str:
        cached = self._rpr_cache.get(style)
        if cached is None:
            cached = self._rpr_cache[style] = rpr_xml(self.font, self.lang, style)
        return cached

    def _append(self, element) -> None:
        if self.container.tag == qn("w:body"):
            self.container.get_or_add_sectPr().addprevious(element)
        else:
            self.container.append(element)
        self.last = element

    def paragraph(self, parts: list[tuple[str, TextStyle]] | str, style: TextStyle | None = None, *,
                  align: str | None = None, before_pt: float = 0, after_pt: float = 0, line: float | None = None,
                  first_line_cm: float = 0, left_twips: int = 0, right_twips: int = 0, keep_next: bool = False,
                  keep_lines: bool = False):
        """A paragraph of one or more runs: ``paragraph("text", style)`` or
        ``paragraph([("DỰ THẢO", bold), ("\\nLần 2", italic)])``."""
        if isinstance(parts, str):
            parts = [(parts, style)]
        mark_style = parts[0][1] if parts else style
        runs = "".join(run_xml(st.shown(text), self.rpr(st)) for text, st in parts if text)
        ppr = ppr_xml(align=align, before_pt=before_pt, after_pt=after_pt, line=line,
                      first_line_twips=round(first_line_cm * 1440 / 2.54), left_twips=left_twips,
                      right_twips=right_twips, keep_next=keep_next, keep_lines=keep_lines,
                      mark_rpr=self.rpr(mark_style) if mark_style else "")
        element = paragraph_element(ppr, runs)
        self._append(element)
        return element

    def empty(self, style: TextStyle, count: int = 1) -> None:
        for _i in range(count):
            self.paragraph([], style)

    def rule(self, length_twips: int, available_twips: int, weight_pt: float, *, align: str = "center",
             height_pt: float = 4) -> None:
        """A horizontal line *length_twips* long (see the module notes)."""
        length = max(20, min(length_twips, available_twips))
        spare = max(0, available_twips - length)
        left = spare // 2 if align == "center" else 0
        right = spare - left
        mark = '<w:rPr><w:sz w:val="4"/><w:szCs w:val="4"/></w:rPr>'
        self._append(paragraph_element(ppr_xml(align=align, exact_pt=height_pt, left_twips=left, right_twips=right,
                                               bottom_border_pt=weight_pt, mark_rpr=mark)))


# --- tables ---------------------------------------------------------------------------------

def fit_widths(widths: list[float], total: float) -> list[int]:
    """Integer widths in the proportions of *widths*, scaled down when they add up to more
    than *total* (and filling *total* exactly when scaled)."""
    whole = sum(widths)
    if whole <= total:
        return [round(w) for w in widths]
    scaled = [int(w * total / whole) for w in widths]
    scaled[-1] += int(total) - sum(scaled)
    return scaled


@dataclass
class Cell:
    """A table cell: its paragraphs as XML (from :meth:`FixedTable.paragraph_xml`)."""

    paragraphs: list[str]
    span: int = 1
    valign: str = "center"


class FixedTable:
    """A table with fixed column widths that hold in Word and LibreOffice.

    ``borders_pt`` None makes a borderless layout table (headers, signature blocks)."""

    def __init__(self, writer: BlockWriter, widths_twips: list[int], *, borders_pt: float | None = None,
                 cell_margin_twips: int = 57, cell_margin_tb_twips: int = 0, caption: str = ""):
        self.writer = writer
        self.widths = widths_twips
        self.margin = cell_margin_twips
        total = sum(widths_twips)
        if borders_pt:
            eighths = max(2, round(borders_pt * 8))
            line = f'w:val="single" w:sz="{eighths}" w:space="0" w:color="000000"'
        else:
            line = 'w:val="nil"'
        borders = "".join(f"<w:{side} {line}/>" for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths_twips)
        m, tb = cell_margin_twips, cell_margin_tb_twips
        self.element = parse_xml(
            f"<w:tbl {W}><w:tblPr>"
            f'<w:tblW w:w="{total}" w:type="dxa"/><w:tblInd w:w="0" w:type="dxa"/>'
            f"<w:tblBorders>{borders}</w:tblBorders>"
            '<w:tblLayout w:type="fixed"/>'
            f'<w:tblCellMar><w:top w:w="{tb}" w:type="dxa"/><w:left w:w="{m}" w:type="dxa"/>'
            f'<w:bottom w:w="{tb}" w:type="dxa"/><w:right w:w="{m}" w:type="dxa"/></w:tblCellMar>'
            '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
            'w:noHBand="1" w:noVBand="1"/>'
            + (f"<w:tblCaption w:val={quoteattr(caption)}/>" if caption else "")
            + f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid></w:tbl>"
        )
        writer._append(self.element)

    def content_width(self, column: int, span: int = 1) -> int:
        """Usable width (twips) inside a cell starting at *column*."""
        return sum(self.widths[column:column + span]) - 2 * self.margin

    def paragraph_xml(self, parts: list[tuple[str, TextStyle]], *, align: str = "left", before_pt: float = 0,
                      after_pt: float = 0, line: float | None = None, left_twips: int = 0, right_twips: int = 0,
                      exact_pt: float | None = None, bottom_border_pt: float | None = None,
                      keep_next: bool = False) -> str:
        w = self.writer
        mark_style = parts[0][1] if parts else None
        runs = "".join(run_xml(st.shown(text), w.rpr(st)) for text, st in parts if text)
        ppr = ppr_xml(align=align, before_pt=before_pt, after_pt=after_pt, line=line, exact_pt=exact_pt,
                      left_twips=left_twips, right_twips=right_twips, bottom_border_pt=bottom_border_pt,
                      keep_next=keep_next, mark_rpr=w.rpr(mark_style) if mark_style else "")
        return f"<w:p>{ppr}{runs}</w:p>"

    def rule_xml(self, length_twips: int, available_twips: int, weight_pt: float, height_pt: float = 4) -> str:
        length = max(20, min(length_twips, available_twips))
        spare = max(0, available_twips - length)
        left = spare // 2
        mark = '<w:rPr><w:sz w:val="4"/><w:szCs w:val="4"/></w:rPr>'
        ppr = ppr_xml(align="center", exact_pt=height_pt, left_twips=left, right_twips=spare - left,
                      bottom_border_pt=weight_pt, mark_rpr=mark)
        return f"<w:p>{ppr}</w:p>"

    def add_row(self, cells: list[Cell], *, header: bool = False, cant_split: bool = True):
        tr_pr = ("<w:cantSplit/>" if cant_split else "") + ("<w:tblHeader/>" if header else "")
        tcs = []
        column = 0
        for cell in cells:
            width = sum(self.widths[column:column + cell.span])
            span = f'<w:gridSpan w:val="{cell.span}"/>' if cell.span > 1 else ""
            body = "".join(cell.paragraphs) or "<w:p/>"
            tcs.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span}'
                       f'<w:vAlign w:val="{cell.valign}"/></w:tcPr>{body}</w:tc>')
            column += cell.span
        if column != len(self.widths):
            raise ValueError(f"row covers {column} of {len(self.widths)} grid columns")
        row = parse_xml(f"<w:tr {W}>" + (f"<w:trPr>{tr_pr}</w:trPr>" if tr_pr else "") + "".join(tcs) + "</w:tr>")
        self.element.append(row)
        return row
