"""The report-collection round in the window: write one Excel form per lead body
(:class:`CollectionFormsDialog`), and record the forms the bodies send back
(:class:`ReturnedFormsDialog`: every file checked first, the findings shown per file and
row, then recorded through the write path of :class:`AppContext`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QBrush, QColor, QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.dates import DateError, format_date, parse_date
from ..errors import NqdeskError
from ..reports.records import body_choices, program_choices
from .background import CollectionOp, QueryOp
from .defaults import documents_folder
from .formats import format_int
from .i18n import _
from .widgets import CheckListPicker

_ERROR = QColor("#c62828")
_WARNING = QColor("#8a6d00")


def _error_label(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setStyleSheet("color: #c62828;")
    label.setWordWrap(True)
    label.hide()
    return label


class CollectionFormsDialog(QDialog):
    """Choose the date, the programmes, the bodies and a folder; write the forms off the GUI
    thread; then "Mở thư mục". The dialog stays open to show what was written."""

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("Tạo phiếu thu thập báo cáo tiến độ"))
        self.resize(640, 520)
        self.written: list[Path] = []
        settings = getattr(parent.window(), "settings", None) if parent is not None else None
        self.settings = settings
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.day = QLineEdit(format_date(ctx.as_of), self)
        self.day.setObjectName("collect-date")
        form.addRow(_("Tình hình đến ngày"), self.day)
        self.programs = CheckListPicker(self, _("Lọc chương trình (gõ không dấu cũng được)…"))
        self.programs.setObjectName("collect-programs")
        self.programs.set_items([(p.id, f"{p.label} — {p.title}") for p in program_choices(ctx.db)], [])
        form.addRow(_("Chương trình (để trống: tất cả)"), self.programs)
        self.bodies = CheckListPicker(self, _("Lọc cơ quan (gõ không dấu cũng được)…"))
        self.bodies.setObjectName("collect-bodies")
        self.bodies.set_items([(b.id, b.name) for b in body_choices(ctx.db)], [])
        form.addRow(_("Cơ quan chủ trì (để trống: tất cả)"), self.bodies)
        # the last folder the forms went to, else the user's Documents (never the hidden data folder)
        folder = (settings.value("collect/folder", "") if settings is not None else "") or str(documents_folder())
        self.folder = QLineEdit(str(folder), self)
        self.folder.setObjectName("collect-folder")
        browse = QPushButton(_("Chọn…"), self)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        form.addRow(_("Ghi vào thư mục"), row)
        layout.addLayout(form)
        self.error = _error_label(self, "collect-error")
        layout.addWidget(self.error)
        self.outcome = QLabel(self)
        self.outcome.setObjectName("collect-outcome")
        self.outcome.setWordWrap(True)
        self.outcome.hide()
        layout.addWidget(self.outcome)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.write_button = buttons.addButton(_("Tạo phiếu"), QDialogButtonBox.ButtonRole.ActionRole)
        self.write_button.setObjectName("collect-write")
        self.write_button.setDefault(True)
        self.write_button.clicked.connect(self.write)
        self.open_button = buttons.addButton(_("Mở thư mục"), QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.setObjectName("collect-open")
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self.open_folder)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Chọn thư mục ghi phiếu"), self.folder.text())
        if folder:
            self.folder.setText(folder)

    def _fail(self, message: str, field: QWidget | None = None) -> None:
        self.error.setText(message)
        self.error.show()
        if field is not None:
            field.setFocus()

    def write(self) -> list[Path]:
        """Check the inputs and write the forms; the files written ([] if refused)."""
        from ..export.collection_xlsx import write_collection_forms
        from ..reports.collection import collection_round

        self.error.hide()
        try:
            as_of: date = parse_date(self.day.text())
        except DateError as exc:
            self._fail(_("Ngày: {error}").format(error=exc), self.day)
            return []
        folder = Path(self.folder.text().strip())
        if not self.folder.text().strip() or not folder.is_dir():
            self._fail(_("Thư mục «{folder}» không tồn tại.").format(folder=self.folder.text().strip()), self.folder)
            return []
        db, program_ids, body_ids = self.ctx.db, self.programs.checked_ids(), self.bodies.checked_ids() or None

        def work(job):
            round_ = collection_round(db, as_of, program_ids, body_ids)
            if not round_.forms:
                raise NqdeskError(_("Không có nhiệm vụ nào chưa hoàn thành của các chương trình và cơ quan đã chọn; "
                                    "chưa tạo phiếu nào."))
            try:
                paths = write_collection_forms(round_, folder, progress=lambda done, total: job.raise_if_cancelled())
            except OSError as exc:
                raise NqdeskError(_("Không ghi được phiếu: {error}").format(error=exc.strerror or exc)) from exc
            return round_, paths

        outcome = QueryOp(self, work, label=_("Đang tạo phiếu báo cáo…"), failure=lambda exc: self._fail(str(exc)),
                          cancellable=True).exec()
        if outcome is None:
            return []
        round_, paths = outcome
        self.written = paths
        if self.settings is not None:
            self.settings.setValue("collect/folder", str(folder))
        tasks = sum(len(f.tasks) for f in round_.forms)
        text = _("Đã tạo {forms} phiếu ({tasks} nhiệm vụ) trong «{folder}».").format(
            forms=format_int(len(paths)), tasks=format_int(tasks), folder=folder)
        if round_.completed_skipped:
            text += " " + _("Không đưa vào phiếu {n} nhiệm vụ đã hoàn thành.").format(n=round_.completed_skipped)
        self.outcome.setText(text)
        self.outcome.show()
        self.open_button.setEnabled(True)
        return paths

    def open_folder(self) -> bool:
        return QDesktopServices.openUrl(QUrl.fromLocalFile(self.folder.text().strip()))


class ReturnedFormsDialog(QDialog):
    """The findings of the returned forms (a dry run), per file and row, before anything is
    recorded; "Ghi vào sổ theo dõi" records the forms without problems."""

    def __init__(self, ctx, paths: Sequence[str | Path], parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.paths = [Path(p) for p in paths]
        self.preview = None
        self.recorded = None
        self.setWindowTitle(_("Nhập phiếu báo cáo tiến độ"))
        self.resize(980, 560)
        layout = QVBoxLayout(self)
        self.summary = QLabel(self)
        self.summary.setObjectName("returned-summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        headers = [_("Tệp"), _("Cơ quan"), _("Dòng"), _("Nhiệm vụ"), _("Sẽ ghi hoặc lý do không nhận")]
        self.table = QTableWidget(0, len(headers), self)
        self.table.setObjectName("returned-findings")
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 200)
        self.table.setColumnWidth(1, 180)
        self.table.setColumnWidth(2, 50)
        self.table.setColumnWidth(3, 260)
        layout.addWidget(self.table, 1)
        self.error = _error_label(self, "returned-error")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.record_button = buttons.addButton(_("Ghi vào sổ theo dõi"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.record_button.setObjectName("returned-record")
        self.record_button.setEnabled(False)
        self.record_button.clicked.connect(self.record)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def check(self):
        """Read and check every file off the GUI thread (nothing is written); show the findings."""
        from ..ops.collection import import_forms

        db, paths = self.ctx.db, self.paths
        preview = QueryOp(self, lambda job: import_forms(db, paths, dry_run=True),
                          label=_("Đang kiểm tra các phiếu…"), failure=lambda exc: self._fail(str(exc))).exec()
        if preview is None:
            return None
        self.preview = preview
        self._show(preview)
        self.record_button.setEnabled(preview.recorded > 0)
        return preview

    def _fail(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def _show(self, result) -> None:
        rows: list[tuple[str, str, str, str, str, QColor | None]] = []
        for f in result.files:
            for p in f.problems:
                rows.append((f.name, f.body_name, "", "", _("Phiếu không được nhận: {reason}").format(reason=p), _ERROR))
            for row, content, message in f.row_problems:
                rows.append((f.name, f.body_name, str(row), content,
                             _("Phiếu không được nhận: {reason}").format(reason=message), _ERROR))
            for w in f.warnings:
                rows.append((f.name, f.body_name, "", "", _("Lưu ý: {warning}").format(warning=w), _WARNING))
            for e in f.entries:
                if e.completed:
                    what = _("hoàn thành ngày {day}").format(day=format_date(e.reported_on))
                elif e.percent is not None:
                    what = _("{percent}%, ngày {day}").format(percent=e.percent, day=format_date(e.reported_on))
                else:
                    what = _("ghi chú, ngày {day}").format(day=format_date(e.reported_on))
                if e.evidence:
                    what += _(", văn bản {reference}").format(reference=e.evidence)
                if e.note:
                    what += f": {e.note}"
                colour = None if f.accepted else _ERROR
                rows.append((f.name, f.body_name, str(e.row), e.content, what, colour))
            if f.accepted and not f.entries:
                rows.append((f.name, f.body_name, "", "", _("Không có dòng nào được điền."), None))
        self.table.setRowCount(len(rows))
        for r, (*cells, colour) in enumerate(rows):
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if colour is not None:
                    item.setForeground(QBrush(colour))
                self.table.setItem(r, c, item)
        self.table.resizeRowsToContents()
        refused = len(result.refused_files)
        text = _("{files} phiếu: sẽ ghi {entries} mục tiến độ.").format(
            files=format_int(len(result.files)), entries=format_int(result.recorded))
        if refused:
            text += " " + _("{n} phiếu có lỗi sẽ không được ghi dòng nào (các dòng tô đỏ).").format(n=refused)
        self.summary.setText(text)

    def record(self):
        """Record the good forms, through the program's one write path; the result or None."""
        from ..ops.collection import import_forms

        self.error.hide()
        paths, holder = self.paths, []

        def write(db):
            result = import_forms(db, paths)
            holder.append(result)
            return result.changes

        op = CollectionOp(self, self.ctx, write, label=_("Đang ghi các phiếu…"),
                          failure=lambda exc: self._fail(str(exc)))
        op.exec()
        if not op.succeeded or not holder:
            return None
        self.recorded = holder[0]
        self._show(self.recorded)
        self.summary.setText(self.recorded.summary() + (
            " " + _("Bản sao lưu trước khi ghi: {path}").format(path=self.recorded.backup)
            if self.recorded.backup else ""))
        self.record_button.setEnabled(False)
        return self.recorded


def collect_forms_interactive(window) -> CollectionFormsDialog:
    dialog = CollectionFormsDialog(window.ctx, window)
    dialog.exec()
    return dialog


def import_returned_forms_interactive(window, paths: list[str] | None = None):
    if paths is None:
        paths, _f = QFileDialog.getOpenFileNames(window, _("Chọn các phiếu báo cáo đã điền"), "",
                                                 _("Bảng Excel (*.xlsx)"))
    if not paths:
        return None
    dialog = ReturnedFormsDialog(window.ctx, paths, window)
    if dialog.check() is None and dialog.preview is None and not dialog.error.isVisible():
        return None
    dialog.exec()
    return dialog
