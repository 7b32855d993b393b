"""Word export from the main window (Ctrl+E on a programme)."""

from __future__ import annotations

import pytest
from docx import Document as DocxDocument
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QMessageBox
from sqlalchemy import select

from desktop_app.export import pdf as pdf_export
from desktop_app.store.models import Program
from desktop_app.ops.fields import ProgramFields


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


def _programs_window(qtbot, ctx, tmp_path):
    from desktop_app.gui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "gui.ini"), QSettings.Format.IniFormat)
    window = MainWindow(ctx, settings)
    qtbot.addWidget(window)
    programs = next(i for i, v in enumerate(window.views) if v.entity == "programs")
    window.nav.setCurrentRow(programs)
    view = window.views[programs]
    view.table.selectRow(0)
    return window, view


def test_checklist_before_export_fix_opens_the_field(qtbot, ctx, tmp_path, monkeypatch):
    from desktop_app.gui import export_dialog
    from desktop_app.ops import programs as program_ops

    window, view = _programs_window(qtbot, ctx, tmp_path)
    program_ops.update_program(ctx.db, view.current_id(), ProgramFields(signer_name=""))
    shown = []

    def fix(dialog):
        shown.append([dialog.list.item(i).text() for i in range(dialog.list.count())])
        return export_dialog.ChecklistDialog.FIX

    monkeypatch.setattr(export_dialog.ChecklistDialog, "exec", fix)
    monkeypatch.setattr(export_dialog.ExportDialog, "exec", lambda dialog: pytest.fail("exported after Sửa"))
    assert window.export_word() is None
    assert shown == [["Chưa ghi họ tên người ký: chỗ ký để trống tên."]]
    editor = window.editors.currentWidget().program_editor
    assert editor.tabs.currentIndex() == editor._tab_of["signer_name"]


def test_checklist_export_anyway(qtbot, ctx, tmp_path, monkeypatch):
    from desktop_app.gui import export_dialog
    from desktop_app.ops import programs as program_ops

    window, view = _programs_window(qtbot, ctx, tmp_path)
    program_ops.update_program(ctx.db, view.current_id(), ProgramFields(recipients=[]))
    target = tmp_path / "anyway.docx"
    monkeypatch.setattr(export_dialog.ChecklistDialog, "exec", lambda d: export_dialog.ChecklistDialog.EXPORT)

    def accept(dialog):
        dialog.path.setText(str(target))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(export_dialog.ExportDialog, "exec", accept)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)
    assert window.export_word() == target and target.exists()
    assert [f.field for f in window.last_checklist.findings] == ["recipients"]


def test_program_editor_opens_the_text_window(qtbot, ctx, tmp_path, monkeypatch):
    from desktop_app.gui.editors.program_text import ProgramTextWindow

    window, view = _programs_window(qtbot, ctx, tmp_path)
    editor = window.editors.currentWidget().program_editor
    opened = []

    def fake_exec(text_window):
        opened.append(text_window.tabs.currentWidget().objectName())
        text_window.edits["tasks_text"].setPlainText("1. Nhiệm vụ mới")
        text_window.save()
        return 0

    monkeypatch.setattr(ProgramTextWindow, "exec", fake_exec)
    editor.open_field("tasks_text")
    assert opened == ["text-tasks_text"]
    assert editor.sections["tasks_text"].toPlainText() == "1. Nhiệm vụ mới"  # shown in the small form too
