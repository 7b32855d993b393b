"""Read an Excel tracking sheet (.xlsx) as raw rows for :mod:`.tables`: the title rows above
the header (kept as the programme's title), merged cells repeated in every slot they cover,
typed values (a percentage cell holds 0.5, a date cell a datetime) kept beside the text.

The first sheet with a task header is read. No Qt.
"""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

from ..core.dates import format_date
from ..core.legacy_text import converter_for_font
from ..core.text import multi_line, nfc, single_line
from ..i18n import _
from .docx_reader import ReadError
from .tables import RawRow, RawTable, find_header

MAX_COLUMNS = 60


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return format_date(value.date())
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return multi_line(nfc(str(value)))


def _mark_bold(ws, rows: list[RawRow], column: int, start: int) -> None:
    """Bold matters for group rows only, in the content column: a font lookup per cell is the
    reader's main cost, so only those cells are looked at."""
    from openpyxl.cell.cell import MergedCell

    for r, row in enumerate(rows[start:], start=start + 1):
        if column >= len(row.cells) or not row.cells[column].strip():
            continue
        cell = ws.cell(row=r, column=row.span[column] + 1)
        if not isinstance(cell, MergedCell) and cell.font is not None and cell.font.b:
            row.bold[column] = True


def _unicode_text(value: str, cell, converters: dict) -> str:
    """Text typed in a legacy Vietnamese font (".VnTime", "VNI-Times" …) converted to Unicode
    by the cell's font name; any other font's text as it is."""
    font = getattr(cell, "font", None)
    name = getattr(font, "name", None)
    if name not in converters:
        converters[name] = converter_for_font(name)
    convert = converters[name]
    return value if convert is None else convert(value)


def _sheet_rows(ws, name: str) -> list[RawRow]:
    width = min(ws.max_column or 0, MAX_COLUMNS)
    merged: dict[tuple[int, int], tuple[int, int]] = {}  # (row, col) → its merge's origin, 1-based
    for rng in ws.merged_cells.ranges:
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, min(rng.max_col, width) + 1):
                merged[(r, c)] = (rng.min_row, rng.min_col)
    rows: list[RawRow] = []
    converters: dict[str | None, object] = {}
    origin_values: dict[tuple[int, int], object] = {}
    origin_bold: dict[tuple[int, int], bool] = {}
    for r, cells in enumerate(ws.iter_rows(min_row=1, max_col=width), start=1):
        values: list[object] = []
        bold: list[bool] = []
        span: list[int] = []
        for c, cell in enumerate(cells, start=1):
            origin = merged.get((r, c))
            if origin is not None and origin != (r, c):
                value = origin_values.get(origin)
                is_bold = origin_bold.get(origin, False)
                span.append(origin[1] - 1 if origin[0] == r else c - 1)
            else:
                value = cell.value
                if isinstance(value, str) and value:
                    value = _unicode_text(value, cell, converters)
                if isinstance(value, (int, float)) and not isinstance(value, bool) and "%" in (cell.number_format or ""):
                    value = round(value * 100, 6)  # a percentage cell holds 0.5 for 50 %
                is_bold = False  # read afterwards for the content column only (see _mark_bold)
                if origin is not None:
                    origin_values[origin], origin_bold[origin] = value, is_bold
                span.append(c - 1)
            values.append(value)
            bold.append(is_bold)
        rows.append(RawRow(cells=[_text(v) for v in values], values=values, bold=bold, span=span,
                           source=_("{table}, dòng {row}").format(table=name, row=r) if name else _("Dòng {row}").format(row=r)))
    return rows


def read_xlsx(path: str | Path) -> tuple[list[RawTable], str]:
    """The sheet's rows as one table, and the title written above its header."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(str(path), data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError) as exc:
        raise ReadError(_("«{name}» không phải tệp Excel .xlsx đọc được ({reason}). "
                          "Tệp .xls cũ cần được mở bằng Excel và lưu lại dạng .xlsx.").format(
                              name=Path(path).name, reason=type(exc).__name__)) from None
    try:
        first: RawTable | None = None
        for ws in book.worksheets:
            name = _("trang «{sheet}»").format(sheet=ws.title) if len(book.worksheets) > 1 else ""
            rows = _sheet_rows(ws, name)  # one sheet: "Dòng 7"; several: "trang «…», dòng 7"
            table = RawTable(rows=rows, name=name)
            first = first or table
            header = find_header(rows)
            if header is not None:
                if "content" in header.columns:
                    _mark_bold(ws, rows, header.columns["content"], header.start + header.depth)
                title_lines = []
                for row in rows[:header.start]:
                    texts = list(dict.fromkeys(single_line(t) for t in row.cells if t.strip()))
                    title_lines += texts
                return [table], " ".join(title_lines)
        return ([first] if first else []), ""
    finally:
        book.close()
