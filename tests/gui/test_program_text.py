"""The full-height editor of a programme's text (sections I–IV)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from desktop_app.gui.editors.program_text import ProgramTextWindow
from desktop_app.ops import programs as program_ops
from desktop_app.reports.records import program_record
from desktop_app.store.models import Program
from desktop_app.ops.fields import ProgramFields


@pytest.fixture
def program_id(ctx):
    program_ops.create_program(ctx.db, "thực hiện Nghị quyết số 57-NQ/TW", ProgramFields(purpose_text="Mục đích."))
    with ctx.db.read() as s:
        return s.scalar(select(Program.id).order_by(Program.id.desc()))


@pytest.fixture
def window(qtbot, ctx, program_id):
    w = ProgramTextWindow(ctx, program_id, section="objectives_text")
    qtbot.addWidget(w)
    # pytest-qt closes the window before fixtures are torn down: leave without asking
    w.ask_unsaved = lambda: QMessageBox.StandardButton.Discard
    w.show()
    return w


def test_opens_at_the_section_with_the_stored_text(window):
    assert window.current_edit() is window.edits["objectives_text"]
    assert window.edits["purpose_text"].toPlainText() == "Mục đích."
    assert not window.is_dirty()


def test_toolbar_levels_and_tab_keys(qtbot, window):
    edit = window.edits["objectives_text"]
    edit.setFocus()
    window.level_actions[0].trigger()
    qtbot.keyClicks(edit, "Muc tieu chung")  # QTest types Latin-1 only
    qtbot.keyClick(edit, Qt.Key.Key_Return)  # Enter after "1. …" starts "2. "
    qtbot.keyClicks(edit, "Kinh te")
    qtbot.keyClick(edit, Qt.Key.Key_Tab)  # "2." → "a)"
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.keyClicks(edit, "Xa hoi")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.keyClick(edit, Qt.Key.Key_Return)  # Enter on a bare "c) " ends the list
    qtbot.keyClicks(edit, "Doan van")
    qtbot.keyClick(edit, Qt.Key.Key_Tab)  # a plain line becomes "- "
    assert edit.toPlainText() == "1. Muc tieu chung\na) Kinh te\nb) Xa hoi\n- Doan van"
    qtbot.keyClick(edit, Qt.Key.Key_Backtab)
    assert edit.toPlainText().splitlines()[-1] == "c) Doan van"


def test_preview_numbers_as_the_document_prints(window):
    window.edits["objectives_text"].setPlainText("1. Mục tiêu chung\nTăng trưởng.")
    window.update_preview()
    blocks, skipped = window.preview_blocks()
    assert ("heading", "I- MỤC ĐÍCH, YÊU CẦU") in blocks and ("heading", "II- MỤC TIÊU") in blocks
    assert ("number", "1. Mục tiêu chung") in blocks
    assert skipped == ["NHIỆM VỤ, GIẢI PHÁP", "TỔ CHỨC THỰC HIỆN"]
    window.edits["purpose_text"].setPlainText("")
    window.update_preview()
    assert "I- MỤC TIÊU" in window.preview.toPlainText()
    assert "đánh số lại" in window.preview.toPlainText()


def test_save_is_one_undoable_operation(qtbot, ctx, window, program_id):
    window.edits["objectives_text"].setPlainText("1. Mục tiêu")
    window.edits["tasks_text"].setPlainText("Nhiệm vụ.")
    with qtbot.wait_signal(window.saved):
        qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    record = program_record(ctx.db, program_id)
    assert (record.objectives_text, record.tasks_text) == ("1. Mục tiêu", "Nhiệm vụ.")
    assert not window.is_dirty()
    from desktop_app.ops.undo import undo

    undo(ctx.db)
    record = program_record(ctx.db, program_id)
    assert (record.objectives_text, record.tasks_text) == ("", "")


def test_closing_with_unsaved_text_asks(qtbot, ctx, window, program_id, monkeypatch):
    window.edits["tasks_text"].setPlainText("Chưa lưu.")
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save]
    monkeypatch.setattr(window, "ask_unsaved", lambda: answers.pop(0))
    window.close()
    assert window.isVisible() and window.edits["tasks_text"].toPlainText() == "Chưa lưu."  # Hủy: stays
    window.close()
    assert not window.isVisible()
    assert program_record(ctx.db, program_id).tasks_text == "Chưa lưu."  # Lưu: saved


def test_a_refused_save_keeps_the_text(ctx, window, program_id, monkeypatch):
    program_ops.update_program(ctx.db, program_id, ProgramFields(tasks_text="Sửa ở nơi khác."))
    window.edits["tasks_text"].setPlainText("Của tôi.")
    monkeypatch.setattr(window, "ask_overwrite", lambda message: False)
    assert window.save() is False
    assert window.edits["tasks_text"].toPlainText() == "Của tôi." and window.is_dirty()
    assert window.message.isVisibleTo(window)
    monkeypatch.setattr(window, "ask_overwrite", lambda message: True)
    assert window.save() is True
    assert program_record(ctx.db, program_id).tasks_text == "Của tôi."


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_section_tab_shows_whole_and_the_window_fits_a_laptop(qtbot, ctx, program_id, lang):
    from desktop_app.gui import i18n
    from desktop_app.gui.editors.program_text import ProgramTextWindow

    i18n.set_language(lang)
    try:
        w = ProgramTextWindow(ctx, program_id)
        qtbot.addWidget(w)
        w.show()
        qtbot.waitExposed(w)
        bar = w.tabs.tabBar()
        assert all(bar.tabRect(i).right() < bar.width() for i in range(bar.count()))  # no tab behind the arrows
        assert w.width() <= 1366 and w.height() <= 728
    finally:
        i18n.set_language("vi")
