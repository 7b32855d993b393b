"""Word export from the main window (Ctrl+E on a programme)."""

from __future__ import annotations

from docx import Document as DocxDocument
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QMessageBox
from sqlalchemy import select

from desktop_app.export import pdf as pdf_export
from desktop_app.store.models import Program


def _all_text(path) -> str:
    doc = DocxDocument(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def test_export_action_from_programmes_view(qtbot, ctx, tmp_path, monkeypatch):
    from desktop_app.gui import export_dialog
    from desktop_app.gui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "gui.ini"), QSettings.Format.IniFormat)
    window = MainWindow(ctx, settings)
    qtbot.addWidget(window)
    programs = next(i for i, v in enumerate(window.views) if v.entity == "programs")
    window.nav.setCurrentRow(programs)
    view = window.views[programs]
    assert not window.act_export.isEnabled() or view.current_id() is not None
    view.table.selectRow(0)
    assert window.act_export.isEnabled()
    target = tmp_path / "out.docx"

    def fake_exec(dialog):
        assert dialog.profile.count() >= 2 and dialog.profile.currentData() == "hd36"
        assert dialog.make_pdf.isEnabled() == (pdf_export.find_soffice() is not None)
        dialog.path.setText(str(target))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(export_dialog.ExportDialog, "exec", fake_exec)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)
    opened = []
    monkeypatch.setattr(export_dialog, "open_file", lambda path: opened.append(path) or True)
    assert window.export_word() == target
    assert target.exists() and "CHƯƠNG TRÌNH HÀNH ĐỘNG" in _all_text(target)
    assert "Đã xuất" in window.last_export_box.text()
    assert settings.value("export/folder") == str(tmp_path)


def test_suggested_file_names_are_safe(ctx):
    from desktop_app.gui.export_dialog import suggested_file_name

    with ctx.db.read() as s:
        ids = list(s.scalars(select(Program.id).order_by(Program.id)))
    names = [suggested_file_name(ctx.db, i) for i in ids]
    assert names[0] == "15-CTr-TU-42-NQ-TW.docx"
    assert all(n.endswith(".docx") and all(c.isascii() for c in n) for n in names)
