"""Export of what a list shows (the GUI's "Xuất danh sách đang xem…"): a title, the column
headers and the rows, already filtered, sorted and cut to the visible columns by the
caller. No Qt here: the GUI collects the values, this module only writes them.

Values may be text, whole numbers, dates or None (an empty cell). In Excel a date stays
a real date (sortable, filterable) shown dd/mm/yyyy; in Word everything is printed text,
dates as dd/mm/yyyy.
"""

from __future__ import annotations

import os
import unicodedata
from copy import copy
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from ..core.dates import format_date
from ..core.numbers import Percent
from ..core.text import clean_control
from ..i18n import _
from .docx_common import (
    BlockWriter, Cell, FixedTable, TextStyle, WarningCollector, add_page_number, estimate_lines, fit_widths,
    new_document, set_landscape, text_width_pt, text_width_twips,
)
from .profiles import DEFAULT_PROFILE, Profile, load_profile
from .results import ExportError, save_atomically

__all__ = ["Percent", "write_table_xlsx", "write_table_docx", "cell_text"]


Value = str | int | float | date | Percent | None

EXCEL_DATE_FORMAT = "dd/mm/yyyy"
SHEET_TITLE_LIMIT = 31  # Excel's limit on sheet names
DEFAULT_SHEET_TITLE = "Danh sách"  # document text: the sheet of a list with no title
_SHEET_FORBIDDEN = str.maketrans({c: "-" for c in "[]:*?/\\"})


def cell_text(value: Value) -> str:
    """A value as printed text (dates dd/mm/yyyy, None empty)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, Percent):
        return f"{int(value)}%"
    return unicodedata.normalize("NFC", str(value))


def _check_shape(headers: Sequence[str], rows: Sequence[Sequence[Value]]) -> None:
    if not headers:
        raise ExportError(_("Danh sách không có cột nào đang hiển thị: hãy hiện ít nhất một cột rồi xuất lại."))
    for n, row in enumerate(rows, start=1):
        if len(row) != len(headers):
            raise ExportError(_("Hàng {row} có {values} giá trị nhưng danh sách có {columns} cột.").format(
                row=n, values=len(row), columns=len(headers)))


def _target(path: str | os.PathLike, suffix: str) -> Path:
    target = Path(path)
    if target.suffix.lower() != suffix:
        target = target.with_name(target.name + suffix)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(_("Không có thư mục «{folder}»: hãy chọn nơi lưu khác.").format(folder=folder))
    return target


# --- Excel -------------------------------------------------------------------------------------

def _excel_value(value: Value):
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, (date, int, float)) and not isinstance(value, bool):
        return value
    return clean_control(unicodedata.normalize("NFC", str(value)))


def write_table_xlsx(path: str | os.PathLike, title: str, headers: Sequence[str],
                     rows: Sequence[Sequence[Value]], *, widths: Sequence[float] | None = None,
                     subtitle: str = "") -> Path:
    """Write one sheet: the title on row 1 (the sheet is named after it), the optional
    subtitle (filter, as-of date) on row 2, the bold, frozen header row with an autofilter
    on row 3, then the rows. *widths* are column widths in characters (guessed from the
    content when not given). Returns the file written."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from .xlsx_text import text_cell

    _check_shape(headers, rows)
    target = _target(path, ".xlsx")
    # write-only mode: rows are streamed to the file (100,000 tasks in seconds, little memory)
    book = Workbook(write_only=True)
    clean_title = clean_control(unicodedata.normalize("NFC", title or ""))
    sheet = book.create_sheet(clean_title.translate(_SHEET_FORBIDDEN)[:SHEET_TITLE_LIMIT].strip() or DEFAULT_SHEET_TITLE)
    header_row = 3
    values = [[_excel_value(v) for v in row] for row in rows]
    guessed = [max(8, min(60, len(str(h)) + 2)) for h in headers]
    for row in values:
        for c, v in enumerate(row):
            if isinstance(v, date):
                guessed[c] = max(guessed[c], 12)
            elif v is not None:
                longest = max((len(line) for line in str(v).split("\n")), default=0)
                if longest + 2 > guessed[c]:
                    guessed[c] = min(60, longest + 2)
    # sheet properties must be set before the first row is written
    for c in range(len(headers)):
        width = widths[c] if widths is not None and c < len(widths) and widths[c] else guessed[c]
        sheet.column_dimensions[get_column_letter(c + 1)].width = width
    last = get_column_letter(len(headers))
    sheet.auto_filter.ref = f"A{header_row}:{last}{header_row + len(rows)}"
    sheet.freeze_panes = f"A{header_row + 1}"
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True

    shared_styles: dict = {}

    def styled(value, **style) -> WriteOnlyCell:
        cell = text_cell(sheet, value)  # text stays text, never a formula
        key = tuple(sorted(style.items(), key=lambda kv: kv[0]))
        try:
            known = shared_styles.get(key)
        except TypeError:  # an unhashable style value: set it the slow way
            known = None
        if known is not None:
            # setting styles through openpyxl's descriptors re-hashes them for every cell;
            # a cell of the same look takes a copy of the first one's style indexes
            cell._style = copy(known)
            return cell
        for name, v in style.items():
            setattr(cell, name, v)
        try:
            shared_styles[key] = copy(cell._style)
        except TypeError:
            pass
        return cell

    sheet.append([styled(clean_title, font=Font(bold=True, size=13))])
    sheet.append([styled(clean_control(unicodedata.normalize("NFC", subtitle)), font=Font(italic=True))]
                 if subtitle.strip() else [])
    fill = PatternFill("solid", fgColor="DDE7F0")
    centred = Alignment(wrap_text=True, vertical="center", horizontal="center")
    sheet.append([styled(clean_control(unicodedata.normalize("NFC", str(h))), font=Font(bold=True), fill=fill,
                         alignment=centred) for h in headers])
    # Styling a cell costs more than writing it: only dates (the date format) and text
    # longer than its column (wrapped) get a style; other values are written plain.
    wrap_top = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    limits = [(widths[c] if widths is not None and c < len(widths) and widths[c] else guessed[c]) - 1
              for c in range(len(headers))]
    for row in values:
        cells = []
        for c, v in enumerate(row):
            if isinstance(v, str):
                if len(v) > limits[c] or "\n" in v or v.startswith("="):
                    # a plain str starting with "=" would be appended as a formula: styled() keeps it text
                    v = styled(v, alignment=wrap_top)
            elif isinstance(v, date):
                v = styled(v, number_format=EXCEL_DATE_FORMAT, alignment=top)
            elif isinstance(v, Percent):
                v = styled(int(v) / 100, number_format="0%", alignment=top)
            cells.append(v)
        sheet.append(cells)
    save_atomically(book, target)
    return target


# --- Word --------------------------------------------------------------------------------------

def _docx_widths(headers: Sequence[str], texts: list[list[str]], total: int, cell: TextStyle, head: TextStyle,
                 margin: int) -> list[int]:
    """Column widths (twips) filling *total*: each column at least as wide as its longest
    word (so a date or a number never breaks inside), the room left shared in proportion to
    the columns' typical text length (long text columns get more)."""
    minimum = []
    weights = []
    for c, header in enumerate(headers):
        widest = max((text_width_pt(w, head.size_pt, head.bold) for w in header.split()), default=0.0)
        lengths = []
        for row in texts:
            text = row[c]
            lengths.append(len(text))
            for word in text.split():
                if len(word) * cell.size_pt * 0.3 > widest:  # cheap bound before measuring
                    widest = max(widest, text_width_pt(word, cell.size_pt, cell.bold))
        minimum.append(round(widest * 20) + 2 * margin + 30)
        lengths.sort()
        typical = lengths[min(len(lengths) - 1, int(len(lengths) * 0.9))] if lengths else 0  # 90th percentile
        weights.append(max(4.0, min(80.0, float(max(typical, len(header) / 2)))))
    floor = sum(minimum)
    if floor >= total:  # too many columns: shrink in proportion to the minimums
        return fit_widths([float(m) for m in minimum], total)
    spare = total - floor
    extra = [w * spare / sum(weights) for w in weights]
    # a column wider than its widest text needs no share: give its excess to the others
    needed = []
    for c in range(len(headers)):
        longest = max((len(row[c]) for row in texts), default=0)
        needed.append(float("inf") if longest > 40 else max(0.0, longest * cell.size_pt * 0.55 * 20 - minimum[c] + 2 * margin))
    for _i in range(3):
        surplus = sum(max(0.0, e - n) for e, n in zip(extra, needed))
        if surplus <= 1:
            break
        extra = [min(e, n) for e, n in zip(extra, needed)]
        hungry = [c for c in range(len(extra)) if extra[c] < needed[c]]
        if not hungry:
            break
        share = sum(weights[c] for c in hungry)
        for c in hungry:
            extra[c] += surplus * weights[c] / share
    widths = [round(m + e) for m, e in zip(minimum, extra)]
    widths[-1] += total - sum(widths)
    return widths


def write_table_docx(path: str | os.PathLike, title: str, headers: Sequence[str],
                     rows: Sequence[Sequence[Value]], *, profile: str | Profile = DEFAULT_PROFILE,
                     subtitle: str = "") -> Path:
    """Write a landscape Word table in the profile's font: the title (bold, centred), an
    optional italic subtitle (e.g. the filter and the as-of date), then a bordered table
    whose header row repeats on every page. Returns the file written."""
    _check_shape(headers, rows)
    target = _target(path, ".docx")
    p = profile if isinstance(profile, Profile) else load_profile(profile or DEFAULT_PROFILE)
    warnings = WarningCollector()
    font, lang = p.font.name, p.font.language
    appendix = p.appendix
    document = new_document(font, appendix.cell_style.size_pt, lang)
    section = document.sections[0]
    set_landscape(section, p.page.width_mm, p.page.height_mm, appendix.margins_mm)
    add_page_number(section, font=font, lang=lang, style=TextStyle(appendix.cell_style.size_pt),
                    position="top_center", first_page=False)
    writer = BlockWriter(document.element.body, font, lang)
    title_style = TextStyle.of(appendix.title_style)
    writer.paragraph(" ".join(warnings.clean(title, _("tiêu đề")).split()), title_style, align="center",
                     keep_next=True, after_pt=0 if subtitle else 12)
    if subtitle.strip():
        writer.paragraph(warnings.clean(subtitle, _("dòng phụ đề")).strip(), TextStyle.of(appendix.attachment_style),
                         align="center", after_pt=12, keep_next=True)
    width = text_width_twips(section)
    header_texts = [" ".join(warnings.clean(str(h), _("tiêu đề cột")).split()) for h in headers]
    texts = [[warnings.clean(cell_text(v), _("hàng {row}").format(row=n)).strip() for v in row] for n, row in enumerate(rows, 1)]
    twips = _docx_widths(header_texts, texts, width, TextStyle.of(appendix.cell_style),
                         TextStyle.of(appendix.header_style), 85)
    table = FixedTable(writer, twips, borders_pt=appendix.border_pt or 0.5, cell_margin_twips=85,
                       cell_margin_tb_twips=28)
    header_style = TextStyle.of(appendix.header_style)
    table.add_row([Cell([table.paragraph_xml([(h, header_style)], align="center")]) for h in header_texts],
                  header=True)
    cell_style = TextStyle.of(appendix.cell_style)
    page_height_pt = (section.page_height - section.top_margin - section.bottom_margin) / 12700
    numeric = [all(isinstance(row[c], (int, float)) or row[c] is None for row in rows) and bool(rows)
               for c in range(len(headers))]
    dates = [all(isinstance(row[c], date) or row[c] is None for row in rows) and bool(rows)
             for c in range(len(headers))]
    for row_texts in texts:
        cells = []
        tallest = 0.0
        for c, text in enumerate(row_texts):
            align = "right" if numeric[c] else "center" if dates[c] else "left"
            cells.append(Cell([table.paragraph_xml([(text, cell_style)], align=align)], valign="top"))
            lines = estimate_lines(text, cell_style, table.content_width(c) / 20)
            tallest = max(tallest, lines * cell_style.size_pt * 1.2)
        table.add_row(cells, cant_split=tallest < page_height_pt * 0.85)
    save_atomically(document, target)
    return target
