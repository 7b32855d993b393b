"""Xuất Word: choose the format profile and the file, optionally a PDF, then open or print."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QListWidget, QMessageBox, QPushButton, QVBoxLayout, QWidget,
)

from ..errors import Cancelled
from ..export import pdf as pdf_export
from .background import Job, QueryOp
from .defaults import documents_folder, export_folder, profile_label, remember_export_folder
from .i18n import _


def open_file(path: Path) -> bool:
    """Open with the system's default program (Word, LibreOffice, a PDF reader…)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def open_folder(path: Path) -> bool:
    """Open the folder holding *path* (or *path* itself when it is a folder) in the file manager."""
    folder = path if path.is_dir() else path.parent
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def print_file(path: Path) -> str | None:
    """Send to the default printer; returns an error message or None."""
    try:
        if sys.platform == "win32":
            os.startfile(str(path), "print")  # type: ignore[attr-defined]  # noqa: S606
            return None
        soffice = pdf_export.find_soffice()
        if soffice and path.suffix.lower() == ".docx":
            subprocess.Popen([soffice, "--headless", "-p", str(path)])  # noqa: S603
            return None
        lp = "lp"
        subprocess.Popen([lp, str(path)])  # noqa: S603
        return None
    except OSError as exc:
        return _("Không in được: {error}. Hãy mở tệp rồi in từ chương trình soạn thảo.").format(error=exc)


class ExportDialog(QDialog):
    """Asks for the profile, the file name and whether to make a PDF."""

    def __init__(self, default_name: str, profiles: list[str], parent: QWidget | None = None,
                 folder: Path | None = None, preview=None):
        super().__init__(parent)
        self.preview = preview  # preview(profile): the document as printed (gui/print_preview.py)
        self.setWindowTitle(_("Xuất Word"))
        self.resize(560, 200)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.profile = QComboBox(self)
        self.profile.setObjectName("profile")
        for name in profiles:
            self.profile.addItem(profile_label(name), name)
        form.addRow(_("Mẫu thể thức"), self.profile)
        row = QHBoxLayout()
        self.path = QLineEdit(self)
        self.path.setObjectName("path")
        self.path.setText(str((folder or documents_folder()) / default_name))
        browse = QPushButton(_("Chọn…"), self)
        browse.clicked.connect(self._browse)
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form.addRow(_("Lưu vào tệp"), row)
        self.make_pdf = QCheckBox(_("Tạo thêm tệp PDF"), self)
        self.make_pdf.setObjectName("make-pdf")
        reason = pdf_export.unavailable_reason()
        self.make_pdf.setEnabled(reason is None)
        if reason:
            self.make_pdf.setToolTip(reason)
        form.addRow("", self.make_pdf)
        if reason:
            note = QLabel(reason, self)
            note.setWordWrap(True)
            note.setStyleSheet("color: #666;")
            form.addRow("", note)
        layout.addLayout(form)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #c62828;")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Xuất"))
        self.preview_button = add_preview_button(buttons, self, reason, self._preview)
        self.preview_button.setVisible(preview is not None)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _preview(self):
        return self.preview(self.profile.currentData()) if self.preview is not None else None

    def _browse(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, _("Lưu văn bản Word"), self.path.text(),
                                                    _("Văn bản Word (*.docx)"))
        if path:
            self.path.setText(path)

    def target(self) -> Path:
        text = self.path.text().strip()
        return Path(text if text.lower().endswith(".docx") else text + ".docx")

    def _accept(self) -> None:
        if not self.path.text().strip():
            self.error.setText(_("Hãy chọn nơi lưu tệp."))
            self.error.show()
            return
        if not self.target().parent.is_dir():
            self.error.setText(_("Thư mục «{folder}» không tồn tại.").format(folder=self.target().parent))
            self.error.show()
            return
        self.accept()


def add_preview_button(buttons: QDialogButtonBox, parent: QWidget, unavailable: str | None, preview) -> QPushButton:
    """«Xem trước khi in…» in an export dialog's buttons; disabled, with the reason as its
    tooltip, when no PDF can be made (LibreOffice missing)."""
    button = QPushButton(_("Xem trước khi in…"), parent)
    button.setObjectName("preview")
    button.setAutoDefault(False)
    button.setEnabled(unavailable is None)
    if unavailable:
        button.setToolTip(unavailable)
    buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
    button.clicked.connect(lambda: preview())
    return button


def suggested_file_name(db, program_id: int) -> str:
    """'15-CTr-TU-42-NQ-TW.docx', 'Du-thao-44-NQ-TW.docx': readable, safe on every system."""
    import re
    import unicodedata

    from ..reports.records import program_label

    label = program_label(db, program_id) or f"chuong-trinh-{program_id}"
    # diacritics off, case kept ("Dự thảo" → "Du-thao"), anything else a hyphen
    bare = "".join(c for c in unicodedata.normalize("NFD", label) if not unicodedata.combining(c))
    name = re.sub(r"[^A-Za-z0-9]+", "-", bare.replace("đ", "d").replace("Đ", "D")).strip("-")
    return f"{name or 'chuong-trinh'}.docx"


def run_word_export(parent: QWidget, *, title: str, default_name: str, write, default_profile: str | None = None,
                    remember_profile: bool = True) -> Path | None:
    """The Word export flow every document shares: ask for the profile, the file and a PDF
    (:class:`ExportDialog`), call ``write(target, profile) -> ExportResult`` and make the PDF
    when asked, both off the GUI thread (:class:`~desktop_app.gui.background.QueryOp`, with
    "Hủy"), then say what was written and offer Mở / In. A refusal (``NqdeskError``)
    is shown and nothing else happens. Returns the Word file made, or None."""
    from ..export.profiles import list_profiles

    settings = getattr(parent.window(), "settings", None)
    def preview(profile: str):
        from .print_preview import preview_document

        return preview_document(dialog, write, default_name, profile)

    dialog = ExportDialog(default_name, list_profiles(), parent, export_folder(settings), preview=preview)
    dialog.setWindowTitle(title)
    profile = default_profile or (settings.value("export/profile", "hd36") if settings is not None else "hd36")
    dialog.profile.setCurrentIndex(max(0, dialog.profile.findData(profile)))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    target = dialog.target()
    outcome = QueryOp(parent, word_and_pdf(write, target, dialog.profile.currentData(), dialog.make_pdf.isChecked()),
                      label=_("Đang xuất «{name}»…").format(name=target.name), cancellable=True,
                      failure=lambda exc: QMessageBox.warning(parent, _("Không xuất được"), str(exc))).exec()
    if outcome is None:
        return None
    result, pdf = outcome
    remember_export_folder(settings, target.parent)
    if settings is not None:
        if remember_profile:
            settings.setValue("export/profile", dialog.profile.currentData())
    show_export_result(parent, title, result.path, pdf, list(getattr(result, "warnings", None) or []))
    return result.path


def word_and_pdf(write, target: Path, profile: str, make_pdf: bool):
    """The background work of a Word export: ``write(target, profile)``, then the PDF when
    asked (stopped by "Hủy": LibreOffice is ended and no PDF is left; the Word file stays)."""

    def work(job: Job):
        result = write(target, profile)
        if not make_pdf:
            return result, None
        job.raise_if_cancelled()
        try:
            return result, pdf_export.convert_to_pdf(result.path, cancel=job.cancel_event)
        except Cancelled:
            raise Cancelled(_("Đã hủy việc tạo PDF; văn bản Word «{path}» đã được lưu.").format(
                path=result.path)) from None

    return work


def show_export_result(parent: QWidget, title: str, path: Path, pdf: Path | None = None,
                       warnings: list[str] | None = None) -> None:
    """"Đã xuất …" with the warnings met, and buttons to open or print the file."""
    text = _("Đã xuất «{path}».").format(path=path)
    if pdf:
        text += "\n" + _("Đã tạo PDF «{path}».").format(path=pdf)
    if warnings:
        text += "\n\n" + "\n".join(warnings)
    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Close, parent)
    open_button = box.addButton(_("Mở"), QMessageBox.ButtonRole.ActionRole)
    print_button = box.addButton(_("In"), QMessageBox.ButtonRole.ActionRole)
    folder_button = box.addButton(_("Mở thư mục"), QMessageBox.ButtonRole.ActionRole)
    folder_button.setObjectName("open-folder")
    parent.last_export_box = box  # for tests and for a second look
    box.exec()
    if box.clickedButton() is open_button:
        open_file(path)
    elif box.clickedButton() is folder_button:
        open_folder(path)
    elif box.clickedButton() is print_button:
        error = print_file(path)
        if error:
            QMessageBox.warning(parent, _("Không in được"), error)


class ChecklistDialog(QDialog):
    """What to look at before exporting a programme (:func:`~desktop_app.reports.program_checklist.
    export_checklist`): "Sửa" opens the editor at the selected finding's field, "Vẫn xuất" goes on."""

    FIX, EXPORT = 2, 3

    def __init__(self, findings, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("export-checklist")
        self.setWindowTitle(_("Kiểm tra trước khi xuất"))
        self.findings = list(findings)
        layout = QVBoxLayout(self)
        intro = QLabel(_("Văn bản sẽ được xuất như sau; hãy xem lại:"), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget(self)
        self.list.setObjectName("checklist")
        self.list.setWordWrap(True)
        for finding in self.findings:
            self.list.addItem(finding.message)
        self.list.setCurrentRow(0)
        self.list.itemDoubleClicked.connect(lambda _item: self.done(self.FIX))
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox(self)
        self.fix_button = buttons.addButton(_("Sửa"), QDialogButtonBox.ButtonRole.ActionRole)
        self.fix_button.setObjectName("checklist-fix")
        self.export_button = buttons.addButton(_("Vẫn xuất"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setObjectName("checklist-export")
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel).setText(_("Hủy"))
        self.fix_button.clicked.connect(lambda: self.done(self.FIX))
        self.export_button.clicked.connect(lambda: self.done(self.EXPORT))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 300)

    def selected_field(self) -> str:
        row = max(0, self.list.currentRow())
        return self.findings[row].field


def program_findings(window, program_id: int) -> list:
    """The export checklist of a programme, with the section titles of the profile last used."""
    from ..export.profiles import ProfileError, load_profile
    from ..reports.program_checklist import export_checklist
    from ..reports.program_data import load_program_data

    settings = getattr(window, "settings", None)
    name = settings.value("export/profile", "hd36") if settings is not None else "hd36"
    try:
        titles = load_profile(name).headings.titles
    except ProfileError:
        titles = load_profile("hd36").headings.titles
    return export_checklist(load_program_data(window.ctx.db, program_id), titles)


def fix_program_field(window, program_id: int, field: str) -> None:
    """Open the programme's editor at *field* (a section opens the full-height text window)."""
    stack = getattr(window, "editors", None)
    details = stack.currentWidget() if stack is not None else None
    editor = getattr(details, "program_editor", None)
    if editor is None or getattr(details, "program_id", None) != program_id:
        from .editors.program_text import SECTION_NAMES, ProgramTextWindow

        if field in SECTION_NAMES:
            ProgramTextWindow(window.ctx, program_id, window, section=field).exec()
        return
    details.show_program()
    editor.open_field(field)


def export_program_interactive(window, program_id: int) -> Path | None:
    """The whole "Xuất Word" flow from the main window; returns the Word file made. The
    checklist comes first: "Sửa" opens the editor at the field instead of exporting."""
    from ..export.program_docx import export_program

    findings = program_findings(window, program_id)
    if findings:
        checklist = ChecklistDialog(findings, window)
        window.last_checklist = checklist  # for tests
        answer = checklist.exec()
        if answer == ChecklistDialog.FIX:
            fix_program_field(window, program_id, checklist.selected_field())
            return None
        if answer != ChecklistDialog.EXPORT:
            return None
    db = window.ctx.db
    return run_word_export(window, title=_("Xuất Word"), default_name=suggested_file_name(db, program_id),
                           write=lambda target, profile: export_program(db, program_id, target, profile=profile))
