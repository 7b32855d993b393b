"""Báo cáo kết quả thực hiện: the periodic report of a period, in Word or as the Excel
tracking table, for all programmes or the chosen ones."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QPushButton, QVBoxLayout, QWidget,
)

from ..core.dates import DateError, format_date, parse_date
from ..core.status import report_period
from ..export import pdf as pdf_export
from ..reports.records import program_choices
from ..reports.settings import get_setting
from .background import QueryOp
from .defaults import export_folder, fill_profiles, remember_export_folder
from .export_dialog import add_preview_button, show_export_result, word_and_pdf
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
        self._build_period(form)
        self._build_programs(form, program_ids)
        self._build_format(form)
        self._build_file(form)
        layout.addLayout(form)
        self._build_buttons(layout)

    # --- building -----------------------------------------------------------------------------
    def default_period(self) -> tuple[date, date]:
        """From the start of the current reporting period to the day statuses are judged on;
        on a period's first day, the period just ended (its report is what is due)."""
        as_of = self.ctx.as_of
        period = get_setting(self.ctx.db, "continuous_report_period")
        start, _end = report_period(as_of, period)
        if start == as_of:
            return report_period(date.fromordinal(start.toordinal() - 1), period)
        return start, as_of

    def _build_period(self, form: QFormLayout) -> None:
        start, end = self.default_period()
        self.date_from = QLineEdit(format_date(start), self)
        self.date_from.setObjectName("report-from")
        self.date_to = QLineEdit(format_date(end), self)
        self.date_to.setObjectName("report-to")
        row = QHBoxLayout()
        row.addWidget(self.date_from)
        row.addWidget(QLabel(_("đến ngày"), self))
        row.addWidget(self.date_to)
        form.addRow(_("Kỳ báo cáo từ ngày"), row)

    def _build_programs(self, form: QFormLayout, program_ids: list[int] | None) -> None:
        self.programs = CheckListPicker(self, _("Lọc chương trình (gõ không dấu cũng được)…"))
        self.programs.setObjectName("report-programs")
        self.programs.set_items([(p.id, f"{p.label} — {p.title}") for p in program_choices(self.ctx.db)],
                                list(program_ids or []))
        form.addRow(_("Chương trình (để trống: tất cả)"), self.programs)

    def _build_format(self, form: QFormLayout) -> None:
        """Word or Excel, and the format profile of the Word document."""
        self.format = QComboBox(self)
        self.format.setObjectName("report-format")
        for code, label in FORMATS:
            self.format.addItem(_(label), code)
        self.format.currentIndexChanged.connect(self._format_changed)
        form.addRow(_("Định dạng"), self.format)
        self.profile = QComboBox(self)
        self.profile.setObjectName("report-profile")
        last = self.settings.value("export/profile", "hd36") if self.settings is not None else None
        fill_profiles(self.profile, last)
        form.addRow(_("Mẫu thể thức"), self.profile)

    def _build_file(self, form: QFormLayout) -> None:
        """Where to save (Documents, then the last folder used), and whether to make a PDF as well."""
        folder = export_folder(self.settings)
        self.path = QLineEdit(str(folder / f"Bao-cao-ket-qua-{self.ctx.as_of:%d-%m-%Y}.docx"), self)
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

    def _build_buttons(self, layout: QVBoxLayout) -> None:
        self.error = QLabel(self)
        self.error.setObjectName("report-error")
        self.error.setStyleSheet("color: #c62828;")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Xuất báo cáo"))
        self.preview_button = add_preview_button(buttons, self, self._pdf_reason, self.preview)
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
        self.preview_button.setEnabled(word and self._pdf_reason is None)  # (the Excel table is not printed)
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
    def _period(self) -> tuple[date, date] | None:
        """The period typed, checked; None when refused (the reason shown, cursor in the field)."""
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
        return first, last

    def _writer(self, first: date, last: date, kind: str):
        """``write(path, profile)`` of the report chosen (what the export and the preview run)."""
        program_ids = self.programs.checked_ids() or None
        db = self.ctx.db
        if kind == "docx":
            from ..export.report_docx import export_report

            return lambda path, profile: export_report(db, first, last, path, program_ids=program_ids,
                                                       profile=profile)
        from ..export.report_xlsx import export_report_xlsx

        return lambda path, _profile: export_report_xlsx(db, first, last, path, program_ids=program_ids)

    def preview(self):
        """Xem trước khi in…: the Word report of the period as it would be exported (print_preview)."""
        period = self._period()
        if period is None or self.kind() != "docx":
            return None
        from .print_preview import preview_document

        name = self.target().with_suffix(".docx").name if self.path.text().strip() else "Bao-cao.docx"
        return preview_document(self, self._writer(*period, "docx"), name, self.profile.currentData())

    def export(self) -> Path | None:
        """Check the inputs, write the report, say what was written; None if refused."""
        period = self._period()
        if period is None:
            return None
        first, last = period
        if not self.path.text().strip():
            self._fail(_("Hãy chọn nơi lưu tệp."), self.path)
            return None
        target = self.target()
        if not target.parent.is_dir():
            self._fail(_("Thư mục «{folder}» không tồn tại.").format(folder=target.parent), self.path)
            return None
        profile, make_pdf = self.profile.currentData(), self.make_pdf.isChecked()
        write = self._writer(first, last, self.kind())
        if self.kind() != "docx":
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
