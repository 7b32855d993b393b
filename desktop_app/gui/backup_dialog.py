"""Tệp → Sao lưu và khôi phục…: the backups of the open SQLite file with their date and what
they hold (programmes, tasks, progress entries, read from each file read-only); "Sao lưu ngay";
restoring one after a confirmation, with a safety copy of the current file made first.

The list appears at once; the counts (one file opened per backup, ~10 ms each) are read off
the GUI thread (gui/background.py) and fill in the "…" cells when they come."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from shiboken6 import isValid
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QHBoxLayout, QHeaderView, QLabel, QMessageBox, QPushButton, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from ..core.numbers import format_int
from ..errors import NqdeskError
from ..reports import backups as backup_reports
from ..store.restore import SAFETY_LABEL
from .background import Job, QueryOp
from .backup import AUTO_LABEL, backup_folder, list_backups
from .i18n import _
from .views.base import show_error


def label_text(label: str) -> str:
    if label.startswith("truoc-nang-cap"):  # made by store/db.py before upgrading the file
        return _("Trước khi nâng cấp")
    return {"": _("Sao lưu tay"), AUTO_LABEL: _("Tự động"), SAFETY_LABEL: _("Trước khi khôi phục")}.get(
        label, label)


class BackupDialog(QDialog):
    def __init__(self, window, parent: QWidget | None = None):
        super().__init__(parent or window)
        self.window_ = window
        self.setObjectName("backup-dialog")
        self.setWindowTitle(_("Sao lưu và khôi phục"))
        self.db_path: Path | None = window.ctx.db.path
        layout = QVBoxLayout(self)
        self.info = QLabel(self)
        self.info.setWordWrap(True)
        layout.addWidget(self.info)
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("backup-table")
        self.table.setHorizontalHeaderLabels([_("Thời điểm"), _("Loại"), _("Chương trình"), _("Nhiệm vụ"),
                                              _("Báo cáo tiến độ")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.backup_button = QPushButton(_("Sao lưu ngay"), self)
        self.restore_button = QPushButton(_("Khôi phục…"), self)
        self.folder_button = QPushButton(_("Mở thư mục"), self)
        close = QPushButton(_("Đóng"), self)
        for button in (self.backup_button, self.restore_button, self.folder_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button.clicked.connect(self.restore_selected)
        self.folder_button.clicked.connect(self.open_folder)
        close.clicked.connect(self.reject)
        self.paths: list[Path] = []
        self.counts_op: QueryOp | None = None
        self._generation = 0  # a newer listing makes older count readings moot
        self.resize(720, 420)
        self.reload()

    def reload(self) -> None:
        self.table.setRowCount(0)
        self.paths = []
        if self.db_path is None:
            self.info.setText(_("Sao lưu tệp chỉ dùng cho cơ sở dữ liệu SQLite. Với PostgreSQL hãy dùng pg_dump."))
            self.backup_button.setEnabled(False)
            self.folder_button.setEnabled(False)
            self._update_buttons()
            return
        backups = list(reversed(list_backups(self.db_path)))  # newest first
        self.info.setText(_("Các bản sao lưu của «{name}» trong «{folder}»: {n} bản.").format(
            name=self.db_path.name, folder=backup_folder(self.db_path), n=len(backups)))
        self.table.setRowCount(len(backups))
        for r, (made, label, path) in enumerate(backups):
            for c, text in enumerate([made.strftime("%d/%m/%Y %H:%M:%S"), label_text(label), "…", "…", "…"]):
                item = QTableWidgetItem(text)
                item.setToolTip(str(path))
                if c >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
            self.paths.append(path)
        self._read_counts()
        if backups:
            self.table.selectRow(0)
        self._update_buttons()

    def _read_counts(self) -> None:
        self._generation += 1
        generation, paths = self._generation, list(self.paths)
        if not paths:
            return

        def work(job: Job) -> list:
            counts = []
            for path in paths:
                job.raise_if_cancelled()
                counts.append(backup_reports.backup_counts(path))
            return counts

        def show(counts: list) -> None:
            if generation != self._generation or not isValid(self.table):
                return  # listed again since, or closed
            for r, found in enumerate(counts):
                cells = ([format_int(found.programs), format_int(found.tasks), format_int(found.progress)]
                         if found is not None else [_("(không đọc được)"), "", ""])
                for c, text in enumerate(cells, start=2):
                    item = self.table.item(r, c)
                    if item is not None:
                        item.setText(text)

        self.counts_op = QueryOp(self, work, success=show, quiet=True, cancellable=True)
        self.counts_op.start()

    def counts_shown(self) -> bool:
        """Every backup listed shows its counts (or that it could not be read): no "…" left."""
        return all(self.table.item(r, 2) is not None and self.table.item(r, 2).text() != "…"
                   for r in range(self.table.rowCount()))

    def done(self, result: int) -> None:  # noqa: D102 - closing: a reading still running is moot
        self._generation += 1
        if self.counts_op is not None:
            self.counts_op.cancel()
        super().done(result)

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.selected_path() is not None)

    def selected_path(self) -> Path | None:
        rows = self.table.selectionModel().selectedRows()
        return self.paths[rows[0].row()] if rows and rows[0].row() < len(self.paths) else None

    def backup_now(self) -> Path | None:
        try:
            dest = self.window_.ctx.db.backup()
        except (NqdeskError, OSError) as exc:
            show_error(self, str(exc))
            return None
        self.reload()
        return dest

    def open_folder(self) -> bool:
        from .export_dialog import open_folder

        return self.db_path is not None and open_folder(backup_folder(self.db_path))

    def restore_selected(self):
        """Ask, then close the database, copy the current file aside, restore, and reopen."""
        chosen = self.selected_path()
        if chosen is None or self.db_path is None:
            return None
        r = self.paths.index(chosen)
        answer = QMessageBox.question(self, _("Khôi phục từ bản sao lưu"), _(
            "Thay toàn bộ dữ liệu hiện tại bằng bản sao lưu lúc {when}?\n\nTrước đó, tệp hiện tại được sao lưu một bản "
            "an toàn (loại «Trước khi khôi phục») để có thể quay lại.").format(when=self.table.item(r, 0).text()))
        if answer != QMessageBox.StandardButton.Yes:
            return None
        from ..store.restore import restore_backup
        from .app import switch_database

        db_path = self.db_path
        self.accept()
        return switch_database(self.window_, db_path, before_open=lambda: restore_backup(db_path, chosen))
