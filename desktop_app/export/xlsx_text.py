"""Text written to Excel stays text, never a formula.

openpyxl takes any string starting with "=" for a formula, so a task whose content is
``=HYPERLINK("http://…","…")`` or ``=cmd|' /C calc'!A0`` would become a live formula in the
user's spreadsheet (formula injection). Every cell the program writes goes through
:func:`put` (normal workbooks) or :func:`text_cell` (write-only workbooks), which keep
such strings as plain text; the cell shows exactly what was typed.
"""

from __future__ import annotations

from openpyxl.cell import WriteOnlyCell

__all__ = ["keep_text", "put", "text_cell"]


def keep_text(cell):
    """Make a string cell a text cell even when it starts with "="; returns the cell."""
    if isinstance(cell.value, str) and cell.data_type != "s":
        cell.data_type = "s"
    return cell


def put(sheet, row: int, column: int, value):
    """``sheet.cell(row, column, value)``, with text kept as text."""
    cell = sheet.cell(row, column)
    cell.value = value
    return keep_text(cell)


def text_cell(sheet, value) -> WriteOnlyCell:
    """A cell for a write-only sheet, with text kept as text."""
    return keep_text(WriteOnlyCell(sheet, value=value))
