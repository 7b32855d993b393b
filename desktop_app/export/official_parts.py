"""The parts every official document shares, as the format profile lays them out: the
document with its page set up, the header (issuing body, "*", "Số …", the national or Party
motto with its rule, place and date), "Nơi nhận" and the signature side by side."""

from __future__ import annotations

from dataclasses import dataclass

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from .font_metrics import wrapped_width_pt
from .ooxml import (
    BlockWriter, Cell, FixedTable, Mark, TextStyle, fit_widths, mm_to_twips, new_document, pt_to_twips, setup_page,
    text_width_twips,
)

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
    """"Nơi nhận" (left) and the signature (right) side by side, after an empty line.

    The block is never alone on a page: whatever was written just before it (the last
    paragraph, or the last row of a table) keeps with the next, as does the empty line, and
    the block's single row cannot split."""
    s, r = profile.signature, profile.recipients
    widths = fit_widths([mm_to_twips(w) for w in s.column_widths_mm], text_twips)
    keep_with_next(_last_block(writer.container))
    table_writer_pad = TextStyle(profile.body.size_pt)
    writer.paragraph([], table_writer_pad, after_pt=0, keep_next=True)
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


def _last_block(container):
    """The last paragraph or table written into *container* (None when there is none)."""
    blocks = [child for child in container if child.tag in (qn("w:p"), qn("w:tbl"))]
    return blocks[-1] if blocks else None


def keep_with_next(element) -> None:
    """Give *element* "keep with next": a paragraph gets ``w:keepNext``; a table, every
    paragraph of its last row (how Word keeps a row with what follows). None is ignored."""
    if element is None:
        return
    if element.tag == qn("w:tbl"):
        rows = element.findall(qn("w:tr"))
        if rows:
            for paragraph in rows[-1].iter(qn("w:p")):
                keep_with_next(paragraph)
        return
    if element.tag != qn("w:p"):
        return
    ppr = element.find(qn("w:pPr"))
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        element.insert(0, ppr)
    if ppr.find(qn("w:keepNext")) is not None:
        return
    style = ppr.find(qn("w:pStyle"))
    mark = OxmlElement("w:keepNext")
    if style is not None:
        style.addnext(mark)
    else:
        ppr.insert(0, mark)


def end_body(writer: BlockWriter) -> None:
    """A tiny last paragraph: a body ending with a table makes Word add one (and mark the
    file changed)."""
    writer.paragraph([], TextStyle(1), line=None)
