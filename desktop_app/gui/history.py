"""Lịch sử thay đổi: the journal entries of the selected item (or of everything)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTableView, QTextEdit, QVBoxLayout

from ..ops.names import display_name
from ..reports.journal import ChangeLine, JournalLine, entry_changes, history
from .i18n import _
from .table_model import Column, RowCacheModel


def _state(entry: JournalLine) -> str:
    return _("đã hoàn tác") if entry.undone else ""


def changes_text(changes: list[ChangeLine]) -> str:
    """The rows an entry changed, each with the fields that differ (before → after)."""
    lines = []
    for c in changes:
        lines.append(f"{c.action} {c.entity} #{c.entity_id}")
        lines.extend(f"    {key}: {before!r} → {after!r}" for key, before, after in c.fields)
    return "\n".join(lines) or _("(không có thay đổi dữ liệu)")


class JournalModel(RowCacheModel):
    def __init__(self, parent=None):
        super().__init__([
            Column("at", _("Thời điểm"), lambda e: e.at.strftime("%d/%m/%Y %H:%M:%S"), sort=lambda e: e.at),
            Column("user", _("Người thực hiện"), lambda e: e.user_name),
            Column("name", _("Thao tác"), lambda e: display_name(e.name), tooltip=lambda e: display_name(e.name)),
            Column("state", _("Ghi chú"), _state),
        ], parent)


class HistoryDialog(QDialog):
    def __init__(self, ctx, entity: str | None, entity_id: int | None, title: str, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("Lịch sử thay đổi"))
        self.resize(820, 520)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(title, self))
        self.model = JournalModel(self)
        self.model.set_rows(history(ctx.db, entity, entity_id, limit=500))
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.resizeColumnsToContents()
        layout.addWidget(self.table, 2)
        self.details = QTextEdit(self)
        self.details.setReadOnly(True)
        layout.addWidget(self.details, 1)
        self.table.selectionModel().currentRowChanged.connect(self._show_details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if self.model.rowCount():
            self.table.selectRow(0)
        else:  # say why the list is empty rather than show an empty table
            self.details.setPlainText(
                _("Nhật ký chưa ghi thao tác nào về mục này. Mục được nhập cùng lúc với nhiều mục khác "
                  "(nhập dữ liệu, dữ liệu mẫu) có trong thao tác nhập đó: xem «Toàn bộ nhật ký thao tác».")
                if entity_id is not None else _("Nhật ký chưa ghi thao tác nào."))

    def _show_details(self, current, _previous) -> None:
        if not current.isValid():
            return
        entry = self.model.row_at(current.row())
        self.details.setPlainText(changes_text(entry_changes(self.ctx.db, entry.id)))
        self.details.setAlignment(Qt.AlignmentFlag.AlignLeft)
