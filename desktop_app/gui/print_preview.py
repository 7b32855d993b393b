"""Xem trước khi in: a Word document (the programme, the periodic report, a follow-up letter)
rendered to PDF through LibreOffice (export/pdf.py) into a temporary folder, in the
background, then shown in a QPdfView dialog when QtPdf is installed, else by the system viewer.
Every document goes through :func:`preview_document` with the writer its export uses."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton, QVBoxLayout, QWidget

from ..export import pdf as pdf_export
from .background import QueryOp
from .export_dialog import print_file, suggested_file_name, word_and_pdf
from .i18n import _
from .views.base import show_error


def pdf_widgets_available() -> bool:
    try:
        import PySide6.QtPdf  # noqa: F401
        import PySide6.QtPdfWidgets  # noqa: F401
    except ImportError:
        return False
    return True


class PdfPreviewDialog(QDialog):
    def __init__(self, pdf: Path, parent: QWidget | None = None):
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPdfWidgets import QPdfView

        super().__init__(parent)
        self.pdf = pdf
        self.setObjectName("pdf-preview")
        self.setWindowTitle(_("Xem trước khi in — {name}").format(name=pdf.name))
        layout = QVBoxLayout(self)
        self.document = QPdfDocument(self)
        self.document.load(str(pdf))
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        layout.addWidget(self.view, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.print_button = QPushButton(_("In"), self)
        self.external_button = QPushButton(_("Mở bằng chương trình xem PDF"), self)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.external_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.print_button.clicked.connect(self._print)
        self.external_button.clicked.connect(lambda: show_pdf_externally(self.pdf))
        layout.addWidget(buttons)
        self.resize(820, 680)

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    def _print(self) -> None:
        error = print_file(self.pdf)
        if error:
            show_error(self, error)


def show_pdf_externally(pdf: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(pdf)))


def show_pdf(parent: QWidget, pdf: Path):
    """In the program when QtPdf is there (returns the dialog, shown non-modal), else the system viewer."""
    if pdf_widgets_available():
        dialog = PdfPreviewDialog(pdf, parent)
        dialog.show()
        parent.last_preview = dialog  # kept referenced (and for tests)
        return dialog
    show_pdf_externally(pdf)
    return None


def preview_document(parent: QWidget, write, file_name: str, profile: str):
    """``write(target, profile) -> ExportResult`` (what the Word export of that document calls)
    into a temporary folder, then to PDF, in the background (cancellable); shown when done.
    None when LibreOffice is missing (said why), the writer refused (said why) or cancelled."""
    reason = pdf_export.unavailable_reason()
    if reason:
        show_error(parent, reason)
        return None
    target = Path(tempfile.mkdtemp(prefix="nqdesk-xem-truoc-")) / file_name
    outcome = QueryOp(parent, word_and_pdf(write, target, profile, True), label=_("Đang tạo bản xem trước…"),
                      cancellable=True, failure=lambda exc: show_error(parent, str(exc))).exec()
    if outcome is None:
        return None
    return show_pdf(parent, outcome[1])


def preview_program(window, program_id: int):
    """The programme as the Word export makes it (the profile last used)."""
    from ..export.program_docx import export_program

    db = window.ctx.db
    profile = str(window.settings.value("export/profile", "hd36") or "hd36")
    return preview_document(window, lambda t, p: export_program(db, program_id, t, profile=p),
                            suggested_file_name(db, program_id), profile)
