"""Tệp → Xuất danh sách đang xem…: what you see is what you export. The rows are those of
the current search and filters in the current sort order; the columns are the visible ones
in the order the user arranged them. Values come from the model (dates stay dates for
Excel); the files are written by :mod:`desktop_app.export.table_export` (no Qt)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QTableView

from ..core.dates import format_date
from .formats import format_int
from .background import QueryOp
from .defaults import export_folder, remember_export_folder
from .i18n import _
from .table_model import RowCacheModel

XLSX_FILTER = "Excel (*.xlsx)"
DOCX_FILTER = "Word (*.docx)"
LONG_WORD_TABLE = 3000  # rows: above this, Word export asks first


def visible_columns(table: QTableView) -> list[int]:
    """Logical column numbers of the visible columns, in their on-screen (visual) order."""
    header = table.horizontalHeader()
    model = table.model()
    columns = [c for c in range(model.columnCount()) if not header.isSectionHidden(c)]
    return sorted(columns, key=header.visualIndex)


def collect_rows(table: QTableView) -> tuple[list[str], list[list]]:
    """(headers, rows) exactly as the table shows them: visible rows in view order, visible
    columns in visual order. A RowCacheModel gives raw values (dates, numbers) where its
    columns have them; any other model gives the displayed text."""
    model = table.model()
    columns = visible_columns(table)
    headers = [str(model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) or "")
               for c in columns]
    rows: list[list] = []
    if isinstance(model, RowCacheModel):
        for r in range(model.rowCount()):
            rows.append([model.export_value(r, c) for c in columns])
    else:
        for r in range(model.rowCount()):
            rows.append([_display(model, r, c) for c in columns])
    return headers, rows


def _display(model, row: int, column: int) -> str:
    value = model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)
    return "" if value is None else str(value)


def safe_file_stem(text: str) -> str:
    """'Danh sách nhiệm vụ' → 'Danh-sach-nhiem-vu' (portable file names)."""
    bare = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return re.sub(r"[^A-Za-z0-9]+", "-", bare.replace("đ", "d").replace("Đ", "D")).strip("-") or "danh-sach"


def ask_target(parent, suggested: Path) -> Path | None:
    """Ask where to save; the file type follows the chosen filter or the typed extension.
    (A function of its own so tests can answer instead of a person.)"""
    path, chosen = QFileDialog.getSaveFileName(parent, _("Xuất danh sách đang xem"), str(suggested),
                                               ";;".join((XLSX_FILTER, DOCX_FILTER)))
    if not path:
        return None
    target = Path(path)
    if target.suffix.lower() not in (".xlsx", ".docx"):
        target = target.with_name(target.name + (".docx" if chosen == DOCX_FILTER else ".xlsx"))
    return target


def export_table(path: Path, table: QTableView, title: str, subtitle: str = "", *, profile: str = "hd36") -> Path:
    """Write the table as shown to *path* (.xlsx or .docx, by its extension)."""
    return table_writer(path, table, title, subtitle, profile=profile)()


def table_writer(path: Path, table: QTableView, title: str, subtitle: str = "", *, profile: str = "hd36"):
    """Read the table as shown (here, on the GUI thread: the model is Qt's) and return the
    function that writes the file, which may run on any thread."""
    from ..export.table_export import write_table_docx, write_table_xlsx

    headers, rows = collect_rows(table)
    if path.suffix.lower() == ".docx":
        return lambda: write_table_docx(path, title.upper(), headers, rows, profile=profile, subtitle=subtitle)
    header = table.horizontalHeader()
    # on-screen widths (pixels) → Excel character widths, within reason
    widths = [max(8, min(80, header.sectionSize(c) / 7)) for c in visible_columns(table)]
    return lambda: write_table_xlsx(path, title, headers, rows, widths=widths, subtitle=subtitle)


def exportable(view) -> bool:
    """Whether a view shows a table "Xuất danh sách đang xem…" can write."""
    return isinstance(getattr(view, "table", None), QTableView)


def export_view_interactive(window, view) -> Path | None:
    """The whole flow from the main window for a view with a ``table``; returns the file
    written (None if cancelled or refused)."""
    settings = window.settings
    folder = export_folder(settings)
    title = view.export_title() if hasattr(view, "export_title") else view.title
    subtitle = view.export_subtitle() if hasattr(view, "export_subtitle") else as_of_line(window.ctx)
    last = str(settings.value("export/table_suffix", ".xlsx") or ".xlsx")
    target = ask_target(window, folder / (safe_file_stem(title) + (last if last in (".xlsx", ".docx") else ".xlsx")))
    if target is None:
        return None
    count = view.table.model().rowCount()
    if target.suffix.lower() == ".docx" and count > LONG_WORD_TABLE:
        answer = QMessageBox.question(window, _("Xuất danh sách đang xem"), _(
            "Danh sách có {n} dòng: văn bản Word sẽ rất dài và mất nhiều thời gian để tạo. Nên lọc bớt, "
            "hoặc xuất ra Excel. Vẫn xuất ra Word?").format(n=format_int(count)))
        if answer != QMessageBox.StandardButton.Yes:
            return None
    profile = str(settings.value("export/profile", "hd36") or "hd36")
    write = table_writer(target, view.table, title, subtitle, profile=profile)
    written = QueryOp(window, lambda job: write(), label=_("Đang xuất «{name}»…").format(name=target.name),
                      failure=lambda exc: QMessageBox.warning(window, _("Không xuất được"), str(exc))).exec()
    if written is None:
        return None
    remember_export_folder(settings, written.parent)
    settings.setValue("export/table_suffix", written.suffix.lower())
    text = _("Đã xuất {n} dòng vào «{path}».").format(n=format_int(count), path=written)
    if hasattr(window, "announce_export"):  # with «Mở thư mục» beside the message
        window.announce_export(written, text)
    else:
        window.statusBar().showMessage(text, 10000)
    return written


def as_of_line(ctx) -> str:
    return _("Tính đến ngày {day}").format(day=format_date(ctx.as_of))
