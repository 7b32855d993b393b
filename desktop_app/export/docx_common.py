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

The machinery lives in three modules, re-exported here for the document writers:
:mod:`.ooxml` (units, styles, XML runs and paragraphs, sections, blocks, tables),
:mod:`.font_metrics` (printed text widths and wrapping) and :mod:`.official_parts` (the
header, recipients and signature every official document shares).
"""

from __future__ import annotations

from .font_metrics import (
    METRICS_FILE, balance_lines, estimate_lines, text_width_pt, wrapped_width_pt,
)
from .official_parts import (
    HeaderParts, SignatureParts, end_body, format_recipients, start_document, write_header, write_signature,
)
from .ooxml import (
    NO_BREAK_HYPHEN, W, BlockWriter, Cell, FixedTable, Mark, TextStyle, WarningCollector, add_page_number,
    add_section_break, fit_widths, keep_symbols_whole, mm_to_twips, new_document, paragraph_element, ppr_xml,
    pt_to_twips, rpr_xml, run_xml, safe_text, set_landscape, setup_page, text_width_twips,
)

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
    "balance_lines",
    "text_width_twips",
    "METRICS_FILE",
    "NO_BREAK_HYPHEN",
    "W",
    "paragraph_element",
    "ppr_xml",
    "rpr_xml",
    "run_xml",
]
