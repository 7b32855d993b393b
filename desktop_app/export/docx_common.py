"""Reusable Word (python-docx) machinery for official Vietnamese documents.

Used by the action-programme export and meant for the later ones (follow-up letters,
reports). Everything here takes its values from a format profile
(:mod:`desktop_app.export.profiles`); nothing about a particular document lives here.

Choices made for robustness in both Word and LibreOffice:

* **Fonts**: the font is written into all four ``w:rFonts`` slots (ascii, hAnsi, cs,
  eastAsia) of the document defaults, of every style and of every run, and theme-font
  attributes are removed (a theme attribute wins over an explicit name). Sizes go into
  ``w:sz`` and ``w:szCs``.
* **XML is written directly** (small string templates, elements in schema order) rather
  than through python-docx's run and table API: the order of children inside ``w:rPr`` /
  ``w:pPr`` / ``w:tcPr`` matters to Word, and building a 1,000-row table through the
  python-docx API is several times slower.
* **Tables** have a fixed layout, a ``w:tblGrid`` of ``w:gridCol`` widths *and* a
  ``w:tcW`` on every cell, all in twips (dxa): Word follows the cells, LibreOffice the
  grid, and with both present the columns hold in either.
* **Rule lines** ("ĐẢNG CỘNG SẢN VIỆT NAM" with a line under it as long as the text, the
  short rule under a state body's name): an empty, 4-pt-high, centred paragraph with a
  bottom border whose left and right indents leave exactly the wanted length. The length
  comes from the printed width of the text, measured with Times New Roman's advance
  widths (``desktop_app/resources/fonts``, read from the metric-compatible Liberation Serif by
  ``tools/make_font_metrics.py``) and word-wrapped at the column width like the text is.
  Unlike an underline it stays clear of the dots below (Ộ, Ệ) and needs no drawing
  object; unlike a drawn shape it cannot float away when the text above changes. A
  profile can give a fixed ``length_mm`` instead (for another font).
* **Page numbers**: a real ``PAGE`` field in the header, ``w:titlePg`` and an empty
  first-page header, so page 1 has no number.
* **Text** is cleaned (:func:`safe_text`: NFC, no XML-illegal control characters) before
  it reaches the XML; what was removed is reported through a :class:`WarningCollector`
  instead of crashing.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from xml.sax.saxutils import escape, quoteattr

import docx
from docx.enum.section import WD_ORIENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.section import Section
from docx.shared import Mm

from ..core.text import clean_control, count_control, nfc
from ..resources import RESOURCES_DIR

__all__ = [
    "TextStyle",
    "Mark",
    "WarningCollector",
    "safe_text",
    "keep_symbols_whole",
    "mm_to_twips",
    "pt_to_twips",
    "text_width_pt",
    "wrapped_width_pt",
    "estimate_lines",
    "new_document",
    "setup_page",
    "add_section_break",
    "set_landscape",
    "add_page_number",
    "BlockWriter",
    "Cell",
    "FixedTable",
    "fit_widths",
    "start_document",
    "HeaderParts",
    "write_header",
    "format_recipients",
    "SignatureParts",
    "write_signature",
    "end_body",
]

W = nsdecls("w")
METRICS_FILE = RESOURCES_DIR / "fonts" / "times-new-roman-widths.json"


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
    """Warnings met while building a document, for the user (Vietnamese, deduplicated).

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
            out.append(f"Đã bỏ {sum(self._removed.values())} ký tự điều khiển không in được ở {len(places)} chỗ "
                       f"({shown}…).")
        else:
            out += [f"Đã bỏ {n} ký tự điều khiển không in được trong {where}." for where, n in self._removed.items()]
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


# --- measuring ----------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _metrics() -> dict:
    return json.loads(METRICS_FILE.read_text(encoding="utf-8"))


def _char_width(ch: str, table: dict, default: int) -> int:
    width = table.get(ch)
    if width is not None:
        return width
    if unicodedata.combining(ch):
        return 0
    base = unicodedata.normalize("NFD", ch)[:1]
    return table.get(base, default)


def text_width_pt(text: str, size_pt: float, bold: bool = False, italic: bool = False) -> float:
    """Printed width of one line of *text* in Times New Roman (advance widths)."""
    m = _metrics()
    key = {(False, False): "regular", (True, False): "bold", (False, True): "italic",
           (True, True): "bold_italic"}[(bool(bold), bool(italic))]
    table = m[key]
    default = table.get("n", 1024)
    units = sum(_char_width(ch, table, default) for ch in text)
    return units * size_pt / m["units_per_em"]


def _wrap(text: str, style: TextStyle, available_pt: float) -> list[float]:
    """Widths of the lines *text* wraps into (greedy at spaces, as word processors do;
    a word longer than the line is cut)."""
    widths: list[float] = []
    for paragraph in text.split("\n"):
        space = text_width_pt(" ", style.size_pt, style.bold, style.italic)
        line = 0.0
        for word in paragraph.split(" "):
            w = text_width_pt(word, style.size_pt, style.bold, style.italic)
            if line and line + space + w > available_pt:
                widths.append(line)
                line = 0.0
            elif line:
                line += space
            while w > available_pt:  # a word wider than the line is broken anywhere
                widths.append(available_pt)
                w -= available_pt
            line += w
        widths.append(line)
    return widths


def wrapped_width_pt(text: str, style: TextStyle, available_pt: float) -> float:
    """Width of the widest line of *text* set in *style* within *available_pt*."""
    return min(available_pt, max(_wrap(style.shown(text), style, available_pt), default=0.0))


def balance_lines(text: str, style: TextStyle, available_pt: float) -> str:
    """*text* unchanged when it fits on one line; else with a line break where the lines
    come out most even ("ĐẢNG ỦY KHỐI\nCÁC CƠ QUAN TỈNH" rather than a last line of one
    word), as names in a document header are set. More than two lines: unchanged."""
    shown = style.shown(text)
    if "\n" in text or len(_wrap(shown, style, available_pt)) <= 1:
        return text
    words = text.split(" ")
    best = None
    for i in range(1, len(words)):
        first, second = " ".join(words[:i]), " ".join(words[i:])
        widths = [text_width_pt(style.shown(part), style.size_pt, style.bold, style.italic) for part in (first, second)]
        if max(widths) <= available_pt and (best is None or max(widths) < best[0]):
            best = (max(widths), f"{first}\n{second}")
    return best[1] if best else text


def estimate_lines(text: str, style: TextStyle, available_pt: float) -> int:
    return len(_wrap(style.shown(text), style, max(available_pt, 1.0)))


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


_SYMBOL_HYPHEN = re.compile(r"(?<=[0-9])-(?=[A-Za-zĐđ]+/)")


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
        for _ in range(count):
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


# --- the parts every official document shares -----------------------------------------------

def start_document(profile):
    """(document, body writer, first section, text width in twips) for a portrait document
    set up as *profile* says (fonts, page size, margins)."""
    font = profile.font
    document = new_document(font.name, profile.body.size_pt, font.language)
    writer = BlockWriter(document.element.body, font.name, font.language)
    page = profile.page
    section = document.sections[0]
    setup_page(section, width_mm=page.width_mm, height_mm=page.height_mm, top_mm=page.margin_top_mm,
               bottom_mm=page.margin_bottom_mm, left_mm=page.margin_left_mm, right_mm=page.margin_right_mm,
               header_mm=page.header_distance_mm, footer_mm=page.footer_distance_mm)
    return document, writer, section, text_width_twips(section)


@dataclass
class HeaderParts:
    """What the header table shows; texts already clean, on one line each.

    *under_number* are extra lines under "Số …": the classification mark, a công văn's
    "V/v …" (each with its style, set 6 pt below the line before)."""

    issuing: str
    symbol_line: str
    place_date: str
    superior: str | None = None
    under_number: tuple[tuple[str, TextStyle], ...] = ()


def write_header(writer: BlockWriter, profile, text_twips: int, parts: HeaderParts) -> FixedTable:
    """The borderless two-column header: superior and issuing body, mark, number (and what
    goes under it) | the national heading with its rule, the place and date."""
    h = profile.header
    widths = fit_widths([mm_to_twips(w) for w in h.column_widths_mm], text_twips)
    table = FixedTable(writer, widths, cell_margin_twips=0)
    left_w, right_w = table.content_width(0), table.content_width(1)
    left: list[str] = []
    if parts.superior is not None:
        left.append(table.paragraph_xml([(parts.superior, TextStyle.of(h.superior_body))], align="center"))
    issuing_style = TextStyle.of(h.issuing_body)
    left.append(table.paragraph_xml([(parts.issuing, issuing_style)], align="center"))
    mark = Mark.of(h.issuing_mark)
    if mark.kind == "text" and mark.text:
        left.append(table.paragraph_xml([(mark.text, TextStyle(mark.size_pt))], align="center"))
    elif mark.kind == "rule":
        width = wrapped_width_pt(parts.issuing, issuing_style, left_w / 20)
        left.append(table.rule_xml(pt_to_twips(mark.rule_length_pt(width)), left_w, mark.weight_pt))
    right: list[str] = []
    last_width = 0.0
    for item in h.national:
        style = TextStyle.of(item.style)
        text = " ".join(item.text.split())
        right.append(table.paragraph_xml([(text, style)], align="center"))
        last_width = wrapped_width_pt(text, style, right_w / 20)
    rule = Mark.of(h.national_rule)
    if rule.kind == "rule":
        right.append(table.rule_xml(pt_to_twips(rule.rule_length_pt(last_width)), right_w, rule.weight_pt))
    elif rule.kind == "text" and rule.text:
        right.append(table.paragraph_xml([(rule.text, TextStyle(rule.size_pt))], align="center"))
    table.add_row([Cell(left, valign="top"), Cell(right, valign="top")], cant_split=True)
    left2 = [table.paragraph_xml([(parts.symbol_line, TextStyle.of(h.number.style))], align="center")]
    for text, style in parts.under_number:
        left2.append(table.paragraph_xml([(text, style)], align="center", before_pt=6))
    right2 = [table.paragraph_xml([(parts.place_date, TextStyle.of(h.place_date))], align="center")]
    table.add_row([Cell(left2, valign="top"), Cell(right2, valign="top")], cant_split=True)
    return table


def format_recipients(profile, items: list[str]) -> list[str]:
    """"Nơi nhận" lines as the profile writes them ("- Như trên;" … "- Lưu Văn phòng Tỉnh ủy.").
    *items* are clean single lines; list marks the user typed are dropped; the profile's
    archive line is added unless a "Lưu …" line is there."""
    r = profile.recipients
    items = [item.lstrip("-–—+•* ").strip() for item in items]
    items = [item for item in items if item]
    if r.archive_line.strip() and not any(_folded(item).startswith("luu") for item in items):
        items.append(r.archive_line.strip())
    out = []
    for i, item in enumerate(items):
        if i == len(items) - 1:
            if item.endswith((",", ";")):
                item = item[:-1]
            if not item.endswith((".", "./.")):
                item += r.last_end
        elif not item.endswith((",", ";", ".", ":")):
            item += r.item_end
        out.append(f"{r.item_prefix}{item}")
    return out


def _folded(text: str) -> str:
    from ..core.text import fold

    return fold(text)


@dataclass
class SignatureParts:
    """The signature block: "T/M BAN THƯỜNG VỤ" / "BÍ THƯ" / room to sign / name, with
    the formatted "Nơi nhận" lines (:func:`format_recipients`) beside it."""

    recipients: list[str]
    authority: str = ""
    title: str = ""
    name: str = ""


def write_signature(writer: BlockWriter, profile, text_twips: int, parts: SignatureParts) -> FixedTable:
    """"Nơi nhận" (left) and the signature (right) side by side, after an empty line."""
    s, r = profile.signature, profile.recipients
    widths = fit_widths([mm_to_twips(w) for w in s.column_widths_mm], text_twips)
    table_writer_pad = TextStyle(profile.body.size_pt)
    writer.paragraph([], table_writer_pad, after_pt=0)
    table = FixedTable(writer, widths, cell_margin_twips=0)
    left = [table.paragraph_xml([(r.label, TextStyle.of(r.label_style))], align="left")]
    item_style = TextStyle.of(r.item_style)
    left += [table.paragraph_xml([(line, item_style)], align="left") for line in parts.recipients]
    right = []
    if parts.authority:
        right.append(table.paragraph_xml([(parts.authority, TextStyle.of(s.authority_style))], align="center"))
    if parts.title:
        right.append(table.paragraph_xml([(parts.title, TextStyle.of(s.title_style))], align="center"))
    name_style = TextStyle.of(s.name_style)
    for _ in range(int(s.blank_lines)):
        right.append(table.paragraph_xml([("", name_style)], align="center"))
    right.append(table.paragraph_xml([(parts.name, name_style)], align="center"))
    table.add_row([Cell(left, valign="top"), Cell(right, valign="top")], cant_split=True)
    return table


def end_body(writer: BlockWriter) -> None:
    """A tiny last paragraph: a body ending with a table makes Word add one (and mark the
    file changed)."""
    writer.paragraph([], TextStyle(1), line=None)
