"""Xem trước khi in for the periodic report and the follow-up letter (issue 13): the same
mechanism as the programme (gui/print_preview.preview_document), from their export dialogs."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QMessageBox

from desktop_app.export import pdf as pdf_export
from desktop_app.gui import export_dialog, print_preview
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.report_dialog import ReportDialog


def _fake_pdf(document, out_dir=None, timeout=180, cancel=None):
    """Stands for LibreOffice: a two-page PDF next to the Word file."""
    from PySide6.QtGui import QPageSize, QPainter, QPdfWriter

    pdf = Path(document).with_suffix(".pdf")
    writer = QPdfWriter(str(pdf))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    painter = QPainter(writer)
    painter.drawText(100, 100, "BÁO CÁO")
    writer.newPage()
    painter.drawText(100, 100, "trang 2")
    painter.end()
    return pdf


@pytest.fixture
def window(qtbot, ctx, tmp_path):
    settings = QSettings(str(tmp_path / "gui.ini"), QSettings.Format.IniFormat)
    settings.setValue("reminders/enabled", False)
    w = MainWindow(ctx, settings)
    qtbot.addWidget(w)
    w.show()
    return w


@pytest.fixture
def libreoffice(monkeypatch):
    monkeypatch.setattr(pdf_export, "unavailable_reason", lambda: None)
    monkeypatch.setattr(pdf_export, "convert_to_pdf", _fake_pdf)


def _text(path: Path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def test_report_dialog_previews_the_word_report_of_the_period(qtbot, window, tmp_path, libreoffice):
    dialog = ReportDialog(window.ctx, window, program_ids=[1])
    qtbot.addWidget(dialog)
    dialog.date_from.setText("01/01/2024")
    dialog.date_to.setText("01/07/2024")
    dialog.path.setText(str(tmp_path / "bao-cao.docx"))
    assert dialog.preview_button.isEnabled() and dialog.preview_button.text() == "Xem trước khi in…"
    dialog.preview_button.click()
    shown = dialog.last_preview
    qtbot.addWidget(shown)
    assert isinstance(shown, print_preview.PdfPreviewDialog)
    word = shown.pdf.with_suffix(".docx")
    assert word.name == "bao-cao.docx" and word.parent != tmp_path  # a temporary copy, not the export
    assert not (tmp_path / "bao-cao.docx").exists()
    assert "BÁO CÁO" in _text(word).upper()
    qtbot.waitUntil(lambda: shown.page_count == 2)
    assert dialog.result_path is None and dialog.result() != QDialog.DialogCode.Accepted  # nothing exported yet


def test_report_preview_refuses_a_bad_period_and_the_excel_table(qtbot, window, libreoffice, monkeypatch):
    dialog = ReportDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    made = []
    monkeypatch.setattr(print_preview, "preview_document", lambda *a, **k: made.append(a))
    dialog.date_from.setText("31/02/2024")
    assert dialog.preview() is None and not made
    assert dialog.error.isVisibleTo(dialog) and dialog.error.text().startswith("Từ ngày")
    dialog.date_from.setText("01/01/2024")
    dialog.format.setCurrentIndex(dialog.format.findData("xlsx"))
    assert not dialog.preview_button.isEnabled()
    dialog.format.setCurrentIndex(dialog.format.findData("docx"))
    assert dialog.preview_button.isEnabled()


def test_preview_without_libreoffice_is_disabled_with_the_reason(qtbot, window, monkeypatch):
    monkeypatch.setattr(pdf_export, "unavailable_reason", lambda: "Chưa cài LibreOffice")
    dialog = ReportDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    assert not dialog.preview_button.isEnabled() and dialog.preview_button.toolTip() == "Chưa cài LibreOffice"
    letter = export_dialog.ExportDialog("a.docx", ["hd36"], window, preview=lambda profile: None)
    qtbot.addWidget(letter)
    assert not letter.preview_button.isEnabled() and letter.preview_button.toolTip() == "Chưa cài LibreOffice"


def test_followup_letter_export_dialog_previews_the_letter(qtbot, window, tmp_path, libreoffice, monkeypatch):
    from desktop_app.gui.reminders import export_followup_interactive

    seen = []

    def preview_then_cancel(dialog):
        assert not dialog.preview_button.isHidden()
        dialog.profile.setCurrentIndex(dialog.profile.findData("nd30"))
        dialog.preview_button.click()
        seen.append(dialog)
        return QDialog.DialogCode.Rejected  # previewed, then not exported

    monkeypatch.setattr(export_dialog.ExportDialog, "exec", preview_then_cancel)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: pytest.fail(f"refused: {a[2]}"))
    window.reminders.show_now()  # the first body in the reminders has tasks to chase
    panel = window.reminders.panel
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))
    assert export_followup_interactive(window, panel.selected_body_id()) is None  # nothing exported
    shown = seen[0].last_preview
    qtbot.addWidget(shown)
    assert isinstance(shown, print_preview.PdfPreviewDialog)
    word = shown.pdf.with_suffix(".docx")
    assert word.name.startswith("Don-doc-") and word.exists()
    assert "Kính gửi:" in _text(word)  # the letter, addressed to the body
    qtbot.waitUntil(lambda: shown.page_count == 2)


def test_an_export_dialog_without_a_preview_hides_the_button(qtbot, window):
    dialog = export_dialog.ExportDialog("a.docx", ["hd36"], window)
    qtbot.addWidget(dialog)
    assert dialog.preview_button.isHidden()
