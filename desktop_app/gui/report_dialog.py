"""Báo cáo kết quả thực hiện: the periodic report of a period, in Word or as the Excel
tracking table, for all programmes or the chosen ones."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QPushButton, QVBoxLayout, QWidget,
)
from sqlalchemy import select

from ..core.dates import DateError, format_date, parse_date
from ..core.status import report_period
from ..export import pdf as pdf_export
from ..ops.settings import get_setting
from ..reports.tasks import program_labels
from ..store.models import Program
from .background import QueryOp
from .defaults import export_folder, fill_profiles, remember_export_folder
from .export_dialog import show_export_result, word_and_pdf
from .i18n import _
from .widgets import CheckListPicker

FORMATS = (("docx", "Word (.docx)"), ("xlsx", "Excel (.xlsx)"))


class ReportDialog(QDialog):
    """Asks for the period, the programmes, the format and the file, then writes the report;
    a refusal (a bad date, no tasks…) is shown in the dialog, which stays open."""

    def __init__(self, ctx, parent: QWidget | None = None, *, program_ids: list[int] | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("Báo cáo kết quả thực hiện"))
        self.resize(640, 460)
        self.result_path: Path | None = None
        settings = getattr(parent.window(), "settings", None) if parent is not None else None
        self.settings = settings
        layout = QVBoxLayout(self)
        form = QFormLayout()
        # default: from the start of the current reporting period to the day statuses are judged
        # on; on a period's first day, the period just ended (its report is what is due)
        period = get_setting(ctx.db, "continuous_report_period")
        start, end = report_period(ctx.as_of, period)
        end = ctx.as_of
        if start == ctx.as_of:
            start, end = report_period(date.fromordinal(start.toordinal() - 1), period)
        self.date_from = QLineEdit(format_date(start), self)
        self.date_from.setObjectName("report-from")
        self.date_to = QLineEdit(format_date(end), self)
        self.date_to.setObjectName("report-to")
        row = QHBoxLayout()
        row.addWidget(self.date_from)
        row.addWidget(QLabel(_("đến ngày"), self))
        row.addWidget(self.date_to)
        form.addRow(_("Kỳ báo cáo từ ngày"), row)
        self.programs = CheckListPicker(self, _("Lọc chương trình (gõ không dấu cũng được)…"))
        self.programs.setObjectName("report-programs")
        with ctx.db.read() as s:
            labels = program_labels(s)
            rows = s.execute(select(Program.id, Program.title).order_by(Program.id)).all()
        self.programs.set_items([(i, f"{labels.get(i, '')} — {t}") for i, t in rows], list(program_ids or []))
        form.addRow(_("Chương trình (để trống: tất cả)"), self.programs)
        self.format = QComboBox(self)
        self.format.setObjectName("report-format")
        for code, label in FORMATS:
            self.format.addItem(_(label), code)
        self.format.currentIndexChanged.connect(self._format_changed)
        form.addRow(_("Định dạng"), self.format)
        self.profile = QComboBox(self)
        self.profile.setObjectName("report-profile")
        fill_profiles(self.profile, settings.value("export/profile", "hd36") if settings is not None else None)
        form.addRow(_("Mẫu thể thức"), self.profile)
        folder = export_folder(settings)
        self.path = QLineEdit(str(folder / f"Bao-cao-ket-qua-{ctx.as_of:%d-%m-%Y}.docx"), self)
        self.path.setObjectName("report-path")
        browse = QPushButton(_("Chọn…"), self)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form.addRow(_("Lưu vào tệp"), row)
        self.make_pdf = QCheckBox(_("Tạo thêm tệp PDF"), self)
        self.make_pdf.setObjectName("report-pdf")
        reason = pdf_export.unavailable_reason()
        self._pdf_reason = reason
        self.make_pdf.setEnabled(reason is None)
        if reason:
            self.make_pdf.setToolTip(reason)
        form.addRow("", self.make_pdf)
        layout.addLayout(form)
        self.error = QLabel(self)
        self.error.setObjectName("report-error")
        self.error.setStyleSheet("color: #c62828;")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Xuất báo cáo"))
        buttons.accepted.connect(self.export)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    # --- inputs -------------------------------------------------------------------------------
    def kind(self) -> str:
        return self.format.currentData()

    def _format_changed(self) -> None:
        word = self.kind() == "docx"
        self.profile.setEnabled(word)
        self.make_pdf.setEnabled(word and self._pdf_reason is None)
        text = self.path.text().strip()
        stem = text.rsplit(".", 1)[0] if text.lower().endswith((".docx", ".xlsx")) else text
        self.path.setText(f"{stem}.{self.kind()}")

    def _browse(self) -> None:
        word = self.kind() == "docx"
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Lưu báo cáo"), self.path.text(), _("Văn bản Word (*.docx)") if word else _("Bảng Excel (*.xlsx)"))
        if path:
            self.path.setText(path)

    def target(self) -> Path:
        text = self.path.text().strip()
        return Path(text if text.lower().endswith("." + self.kind()) else f"{text}.{self.kind()}")

    def _fail(self, message: str, field: QWidget | None = None) -> None:
        self.error.setText(message)
        self.error.show()
        if field is not None:
            field.setFocus()

    def _day(self, field: QLineEdit, what: str) -> date | None:
        try:
            return parse_date(field.text())
        except DateError as exc:
            self._fail(f"{what}: {exc}", field)
            return None

    # --- writing ------------------------------------------------------------------------------
    def export(self) -> Path | None:
        """Check the inputs, write the report, say what was written; None if refused."""
        self.error.hide()
        first = self._day(self.date_from, _("Từ ngày"))
        if first is None:
            return None
        last = self._day(self.date_to, _("Đến ngày"))
        if last is None:
            return None
        if first > last:
            self._fail(_("Ngày bắt đầu kỳ báo cáo ({first}) phải trước ngày kết thúc ({last}).").format(
                first=format_date(first), last=format_date(last)), self.date_from)
            return None
        if not self.path.text().strip():
            self._fail(_("Hãy chọn nơi lưu tệp."), self.path)
            return None
        target = self.target()
        if not target.parent.is_dir():
            self._fail(_("Thư mục «{folder}» không tồn tại.").format(folder=target.parent), self.path)
            return None
        program_ids = self.programs.checked_ids() or None
        db, profile, make_pdf = self.ctx.db, self.profile.currentData(), self.make_pdf.isChecked()
        if self.kind() == "docx":
            from ..export.report_docx import export_report

            def write(path: Path, profile: str):
                return export_report(db, first, last, path, program_ids=program_ids, profile=profile)
        else:
            from ..export.report_xlsx import export_report_xlsx

            def write(path: Path, profile: str):
                return export_report_xlsx(db, first, last, path, program_ids=program_ids)

            make_pdf = False
        # a large report takes a few seconds, its PDF more: in the background, with "Hủy"
        outcome = QueryOp(self, word_and_pdf(write, target, profile, make_pdf), failure=lambda exc: self._fail(str(exc)),
                          label=_("Đang xuất «{name}»…").format(name=target.name), cancellable=True).exec()
        if outcome is None:
            return None
        result, pdf = outcome
        remember_export_folder(self.settings, target.parent)
        if self.settings is not None:
            if self.kind() == "docx":
                self.settings.setValue("export/profile", self.profile.currentData())
        self.result_path = result.path
        self.accept()
        show_export_result(self.parentWidget() or self, self.windowTitle(), result.path, pdf,
                           list(result.warnings or []))
        return result.path


def export_report_interactive(window, program_ids: list[int] | None = None) -> Path | None:
    dialog = ReportDialog(window.ctx, window, program_ids=program_ids)
    dialog.exec()
    return dialog.result_path
