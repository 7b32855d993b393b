"""Never lose typed work (issue 13): a filled-in "Thêm mới" form, an edited field, a refused
value or a progress report typed but not written is never dropped by closing the window,
switching views, selecting another row or starting another new item without the user
answering "Lưu / Bỏ / Hủy" (gui/unsaved.py, patched here: no modal loop runs). Enter and
Ctrl+S save a new item."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import func, select

from desktop_app.gui import unsaved
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.views.bodies_view import BodiesView
from desktop_app.gui.views.documents_view import DocumentsView
from desktop_app.gui.views.programs_view import ProgramsView
from desktop_app.gui.views.tasks_view import TasksView
from desktop_app.store.models import Body, Document, Program, ProgressEntry, Task

CONTENT = "Tổ chức hội nghị sơ kết việc thực hiện chương trình (không mất chữ)"


@pytest.fixture
def window(qtbot, ctx, tmp_path):
    w = MainWindow(ctx, QSettings(str(tmp_path / "gui.ini"), QSettings.Format.IniFormat))
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    yield w
    for holder in unsaved.pending_in(w):  # what a test left typed: closed without asking
        holder.discard_pending()
    w.close()
    w.deleteLater()


def show(window, cls):
    view = next(v for v in window.views if isinstance(v, cls))
    window.nav.setCurrentRow(window.views.index(view))
    return view


def count(db, model, *where) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where))


def new_task_form(window):
    """The tasks view with a filled-in new task form (Ctrl+N)."""
    view = show(window, TasksView)
    view.table.selectRow(0)
    window.act_new.trigger()
    editor = window.current_editor
    assert editor.item_id is None and not editor.has_unsaved()  # a blank form holds nothing
    editor.content.setPlainText(CONTENT)
    editor.deadline.setText("Quý IV/2026")
    return view, editor


def saved_tasks(db) -> int:
    return count(db, Task, Task.content == CONTENT)


# --- closing the window ------------------------------------------------------------------------

def test_ctrl_q_with_a_new_task_asks_and_cancel_keeps_everything(window, monkeypatch, answer_with):
    _view, editor = new_task_form(window)
    asker = answer_with(unsaved.CANCEL)
    window.act_quit.trigger()  # Ctrl+Q
    assert asker.asked and window.isVisible()
    assert editor.content.toPlainText() == CONTENT and editor.deadline.text() == "Quý IV/2026"
    assert QApplication.focusWidget() is editor.content  # the cursor goes back to the input
    assert saved_tasks(window.ctx.db) == 0


def test_close_with_a_new_task_save_saves_then_closes(window, monkeypatch, answer_with):
    _view, editor = new_task_form(window)
    answer_with(unsaved.SAVE)
    assert window.close()
    assert saved_tasks(window.ctx.db) == 1


def test_close_with_a_new_task_discard_closes_and_saves_nothing(window, monkeypatch, answer_with):
    new_task_form(window)
    answer_with(unsaved.DISCARD)
    assert window.close()
    assert saved_tasks(window.ctx.db) == 0


def test_close_with_a_refused_new_task_stays(window, monkeypatch, answer_with):
    _view, editor = new_task_form(window)
    editor.deadline.setText("Quý V/2024")  # refused on save
    answer_with(unsaved.SAVE)
    assert not window.close() and window.isVisible()
    assert editor.deadline.text() == "Quý V/2024" and editor.fields["deadline"].error.text()
    assert saved_tasks(window.ctx.db) == 0


def test_close_with_nothing_typed_does_not_ask(window, monkeypatch, answer_with):
    show(window, TasksView).table.selectRow(0)
    window.act_new.trigger()  # a blank form (with its defaults) is nothing to lose
    asker = answer_with()
    assert window.close() and asker.asked == []


def test_close_with_a_refused_value_asks(window, monkeypatch, answer_with):
    view = show(window, TasksView)
    view.table.selectRow(0)
    editor = window.current_editor
    editor.deadline.setText("Quý V/2024")
    editor.deadline.editingFinished.emit()  # refused: stays in the field, in red
    assert editor.fields["deadline"].error.text()
    asker = answer_with(unsaved.CANCEL, unsaved.DISCARD)
    assert not window.close() and editor.deadline.text() == "Quý V/2024"
    assert window.close() and len(asker.asked) == 2


# --- switching views ---------------------------------------------------------------------------

def test_view_switch_cancel_stays_on_the_form(window, monkeypatch, answer_with):
    view, editor = new_task_form(window)
    row = window.nav.currentRow()
    asker = answer_with(unsaved.CANCEL)
    window.act_view[window.views.index(next(v for v in window.views if isinstance(v, BodiesView)))].trigger()
    assert asker.asked and window.nav.currentRow() == row and window.current_view is view
    assert window.stack.currentWidget() is view and window.editors.currentWidget() is editor
    assert editor.content.toPlainText() == CONTENT


def test_view_switch_save_saves_and_switches(window, monkeypatch, answer_with):
    new_task_form(window)
    answer_with(unsaved.SAVE)
    bodies = show(window, BodiesView)
    assert window.current_view is bodies and saved_tasks(window.ctx.db) == 1


def test_view_switch_discard_switches_and_clears_the_form(window, monkeypatch, answer_with):
    view, editor = new_task_form(window)
    answer_with(unsaved.DISCARD)
    bodies = show(window, BodiesView)
    assert window.current_view is bodies and saved_tasks(window.ctx.db) == 0
    assert editor.content.toPlainText() == "" and not editor.has_unsaved()
    answer_with()  # back and away again: nothing left to ask about
    show(window, TasksView)
    show(window, BodiesView)


# --- selecting another row ---------------------------------------------------------------------

def test_row_selection_with_a_new_task(window, monkeypatch, answer_with):
    view, editor = new_task_form(window)
    first = view.current_id()
    second = view.model.id_at(1)
    asker = answer_with(unsaved.CANCEL)
    view.select_id(second)
    assert len(asker.asked) == 1
    assert view.current_id() == first and editor.item_id is None and editor.content.toPlainText() == CONTENT
    answer_with(unsaved.DISCARD)
    view.select_id(second)
    assert view.current_id() == second and editor.item_id == second and saved_tasks(window.ctx.db) == 0


def test_row_selection_save_creates_then_shows_the_row(window, monkeypatch, answer_with):
    view, editor = new_task_form(window)
    second = view.model.id_at(1)
    answer_with(unsaved.SAVE)
    view.select_id(second)
    assert saved_tasks(window.ctx.db) == 1
    assert view.current_id() == second and editor.item_id == second


def test_refused_value_and_row_change_asks(window, monkeypatch, answer_with):
    view = show(window, TasksView)
    view.table.selectRow(0)
    first, second = view.current_id(), view.model.id_at(1)
    editor = window.current_editor
    editor.deadline.setText("Quý V/2024")
    editor.deadline.editingFinished.emit()
    assert editor.fields["deadline"].error.text()
    asker = answer_with(unsaved.CANCEL)
    view.select_id(second)
    assert asker.asked and view.current_id() == first and editor.item_id == first
    assert editor.deadline.text() == "Quý V/2024"  # not silently dropped
    answer_with(unsaved.SAVE)  # still refused: stays
    view.select_id(second)
    assert view.current_id() == first and editor.deadline.text() == "Quý V/2024"
    answer_with(unsaved.DISCARD)
    view.select_id(second)
    assert editor.item_id == second and not editor.fields["deadline"].error.text()


def test_a_search_hiding_the_row_keeps_a_filled_in_new_form(window, monkeypatch, answer_with):
    """Typing in the quick search while a new document is filled in: the list shows no row
    selected, but the form stays with what was typed, and picking a row afterwards asks."""
    view = show(window, DocumentsView)
    window.act_new.trigger()
    editor = window.current_editor
    editor.symbol.setText("99-NQ/TW")
    asker = answer_with(unsaved.CANCEL)
    view.search.setText("không có văn bản nào như thế")
    assert view.model.rowCount() == 0 and view.current_id() is None
    assert window.editors.currentWidget() is editor and editor.symbol.text() == "99-NQ/TW"
    view.search.clear()
    view.select_id(view.model.id_at(0))
    assert len(asker.asked) == 1  # Cancel: the form is kept
    assert view.current_id() is None and editor.item_id is None and editor.symbol.text() == "99-NQ/TW"
    assert window.editors.currentWidget() is editor
    answer_with(unsaved.DISCARD)
    view.select_id(view.model.id_at(0))
    assert editor.item_id == view.model.id_at(0) and count(window.ctx.db, Document, Document.symbol == "99-NQ/TW") == 0


def test_a_search_hiding_the_row_keeps_a_refused_value(window, monkeypatch, answer_with):
    view = show(window, TasksView)
    view.table.selectRow(0)
    first, second = view.current_id(), view.model.id_at(1)
    editor = window.current_editor
    editor.deadline.setText("năm sau")
    editor.deadline.editingFinished.emit()
    assert editor.fields["deadline"].error.text()
    asker = answer_with(unsaved.CANCEL)
    view.search.setText("xyz không khớp")
    assert view.current_id() is None and window.editors.currentWidget() is editor
    view.search.clear()
    view.select_id(second)
    assert asker.asked and editor.item_id == first and editor.deadline.text() == "năm sau"
    answer_with(unsaved.DISCARD)
    view.select_id(second)
    assert editor.item_id == second and not editor.fields["deadline"].error.text()


def test_edited_field_not_yet_left_is_saved_on_row_change(window, monkeypatch, answer_with):
    view = show(window, TasksView)
    view.table.selectRow(0)
    first, second = view.current_id(), view.model.id_at(1)
    editor = window.current_editor
    editor.note.setPlainText("ghi chú chưa rời ô")
    answer_with(unsaved.SAVE)
    view.select_id(second)
    with window.ctx.db.read() as s:
        assert s.get(Task, first).note == "ghi chú chưa rời ô"
    assert editor.item_id == second


def test_new_item_while_a_new_form_is_filled_asks(window, monkeypatch, answer_with):
    _view, editor = new_task_form(window)
    asker = answer_with(unsaved.CANCEL)
    window.act_new.trigger()
    assert asker.asked and editor.content.toPlainText() == CONTENT
    answer_with(unsaved.DISCARD)
    window.act_new.trigger()
    assert editor.content.toPlainText() == "" and editor.item_id is None


# --- the progress form -------------------------------------------------------------------------

def test_progress_report_typed_but_not_written_asks(window, monkeypatch, answer_with):
    view = show(window, TasksView)
    view.table.selectRow(0)
    first, second = view.current_id(), view.model.id_at(1)
    panel = window.current_editor.progress
    assert not panel.has_unsaved()
    entries = count(window.ctx.db, ProgressEntry, ProgressEntry.task_id == first)
    panel.note.setPlainText("Đã tổ chức 3 hội nghị quán triệt")
    asker = answer_with(unsaved.CANCEL)
    view.select_id(second)
    assert asker.asked and view.current_id() == first
    assert panel.note.toPlainText() == "Đã tổ chức 3 hội nghị quán triệt"
    answer_with(unsaved.SAVE)
    view.select_id(second)
    assert count(window.ctx.db, ProgressEntry, ProgressEntry.task_id == first) == entries + 1
    assert view.current_id() == second and not panel.has_unsaved()


# --- the programme's task editor (programs view) -----------------------------------------------

def test_programme_task_editor_asks_on_task_row_change(window, monkeypatch, answer_with):
    view = show(window, ProgramsView)
    view.table.selectRow(0)
    assert view.task_model.rowCount() >= 1
    details = window.current_editor
    view.add_task()
    te = details.task_editor
    assert details.showing_task and te.item_id is None and not te.has_unsaved()  # the offered group is not input
    te.content.setPlainText(CONTENT)
    asker = answer_with(unsaved.CANCEL)
    view.select_task(view.task_model.id_at(0))
    assert asker.asked and details.showing_task and te.item_id is None and te.content.toPlainText() == CONTENT
    answer_with(unsaved.SAVE)
    view.select_task(view.task_model.id_at(0))
    assert saved_tasks(window.ctx.db) == 1


# --- Enter and Ctrl+S save a new item -----------------------------------------------------------

def _new(window, cls):
    show(window, cls).table.selectRow(0)
    window.act_new.trigger()
    editor = window.current_editor
    return getattr(editor, "current_editor", editor)


def test_enter_saves_a_new_body(window, qtbot):
    editor = _new(window, BodiesView)
    editor.name.setText("Ban Chỉ đạo thử nghiệm")
    qtbot.keyClick(editor.name, Qt.Key.Key_Return)
    assert count(window.ctx.db, Body, Body.name == "Ban Chỉ đạo thử nghiệm") == 1
    assert editor.item_id is not None


def test_ctrl_s_saves_a_new_document(window, qtbot):
    editor = _new(window, DocumentsView)
    editor.symbol.setText("99-NQ/TW")
    editor.issue_date.setText("01/02/2024")
    editor.subject.setPlainText("về thử lưu bằng Ctrl+S")
    qtbot.keyClick(editor.subject, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert count(window.ctx.db, Document, Document.symbol == "99-NQ/TW") == 1
    assert editor.item_id is not None


def test_enter_and_ctrl_s_save_a_new_programme(window, qtbot):
    editor = _new(window, ProgramsView)
    before = count(window.ctx.db, Program)
    editor.title.setPlainText("thực hiện thử lưu bằng phím")
    qtbot.keyClick(editor.title, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert count(window.ctx.db, Program) == before + 1 and editor.item_id is not None
    editor = _new(window, ProgramsView)
    editor.title.setPlainText("thực hiện thử lưu bằng Enter")
    qtbot.keyClick(editor.place, Qt.Key.Key_Return)
    assert count(window.ctx.db, Program) == before + 2


@pytest.mark.parametrize("keys", ["enter", "ctrl+s"])
def test_enter_and_ctrl_s_save_a_new_task(window, qtbot, keys):
    _view, editor = new_task_form(window)
    if keys == "enter":
        qtbot.keyClick(editor.deadline, Qt.Key.Key_Return)
    else:
        qtbot.keyClick(editor.content, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert saved_tasks(window.ctx.db) == 1 and editor.item_id is not None


def test_enter_in_an_existing_item_saves_only_the_field(window, qtbot):
    view = show(window, TasksView)
    view.table.selectRow(0)
    editor = window.current_editor
    before = count(window.ctx.db, Task)
    editor.product.setText("Báo cáo")
    qtbot.keyClick(editor.product, Qt.Key.Key_Return)
    assert count(window.ctx.db, Task) == before and not editor.has_unsaved()


def test_ctrl_z_in_a_field_with_nothing_to_undo_undoes_the_saved_change(window, qtbot):
    """A deadline changed and left with Tab is saved; Ctrl+Z in the next field (nothing typed
    there) is the window's Hoàn tác, not a text field's undo that does nothing."""
    view = show(window, TasksView)
    view.table.selectRow(0)
    task_id = view.current_id()
    editor = window.current_editor
    before = editor.deadline.text()
    editor.deadline.setText("Quý IV/2026")
    editor.deadline.editingFinished.emit()
    with window.ctx.db.read() as s:
        assert s.get(Task, task_id).deadline_text == "Quý IV/2026"
    editor.product.setFocus()
    qtbot.keyClick(editor.product, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    with window.ctx.db.read() as s:
        assert s.get(Task, task_id).deadline_text == before
    assert editor.deadline.text() == before
    # typing in a field: Ctrl+Z there undoes the typing first (the text field's own undo)
    editor.product.setFocus()
    qtbot.keyClicks(editor.product, "abc")
    qtbot.keyClick(editor.product, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "abc" not in editor.product.text()
    with window.ctx.db.read() as s:
        assert s.get(Task, task_id).deadline_text == before  # the window's undo did not run again


# --- the question itself -----------------------------------------------------------------------

@pytest.mark.parametrize("button, answer", [("Lưu", unsaved.SAVE), ("Bỏ", unsaved.DISCARD), ("Hủy", unsaved.CANCEL)])
def test_ask_offers_save_discard_cancel(qapp, monkeypatch, button, answer):
    seen = []

    def exec_(box):
        seen.append([b.text() for b in box.buttons()])
        next(b for b in box.buttons() if b.text() == button).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    assert unsaved.question_box(None, "?") == answer
    assert sorted(seen[0]) == sorted(["Lưu", "Bỏ", "Hủy"])


# --- dialogs with typed input ------------------------------------------------------------------

@pytest.fixture
def study(ctx, qtbot):
    from desktop_app.gui.views.study_view import StudyView

    view = StudyView(ctx)
    qtbot.addWidget(view)
    view.show()
    view.reload()
    ctx.changed.connect(view.on_changes)
    return view


def _shown_dialog(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_session_dialog_asks_before_dropping_a_typed_title(ctx, study, qtbot, monkeypatch, answer_with):
    from desktop_app.gui.study_dialogs import SessionDialog
    from desktop_app.store.models import StudySession

    sessions = count(ctx.db, StudySession)
    dialog = _shown_dialog(qtbot, SessionDialog(ctx, None, study))
    asker = answer_with()
    dialog.reject()  # nothing typed: closes without a question
    assert not dialog.isVisible() and asker.asked == []
    dialog = _shown_dialog(qtbot, SessionDialog(ctx, None, study))
    dialog.title_edit.setText("Hội nghị học tập chuyên đề (chưa lưu)")
    asker = answer_with(unsaved.CANCEL)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asker.asked and dialog.isVisible() and dialog.title_edit.text().endswith("(chưa lưu)")
    answer_with(unsaved.DISCARD)
    dialog.reject()
    assert not dialog.isVisible() and count(ctx.db, StudySession) == sessions
    dialog = _shown_dialog(qtbot, SessionDialog(ctx, None, study, document_ids=[study.figures.document_id],
                                                scope_id=study.figures.scope_id))
    dialog.title_edit.setText("Hội nghị học tập chuyên đề (lưu từ câu hỏi)")
    answer_with(unsaved.SAVE)
    dialog.reject()
    assert not dialog.isVisible() and dialog.result() == dialog.DialogCode.Accepted
    assert count(ctx.db, StudySession, StudySession.title == "Hội nghị học tập chuyên đề (lưu từ câu hỏi)") == 1


def test_member_count_dialog_asks_and_a_refused_save_stays(ctx, study, qtbot, monkeypatch, answer_with):
    from datetime import date

    from desktop_app.gui.study_dialogs import MemberCountDialog

    line = study.figures.behind[0]
    dialog = _shown_dialog(qtbot, MemberCountDialog(ctx, line.body_id, line.name, date(2023, 12, 1),
                                                    line.studied, study))
    dialog.members.setValue(0)  # refused: fewer than already studied
    answer_with(unsaved.SAVE)
    dialog.reject()
    assert dialog.isVisible() and dialog.error.text() and dialog.members.value() == 0
    answer_with(unsaved.CANCEL)
    dialog.reject()
    assert dialog.isVisible() and dialog.members.value() == 0
    answer_with(unsaved.DISCARD)
    dialog.reject()
    assert not dialog.isVisible()


def test_bridge_points_dialog_close_asks_about_an_edited_point(ctx, study, qtbot, monkeypatch, answer_with):
    from desktop_app.gui.study_dialogs import BridgePointsDialog
    from desktop_app.reports.study_lists import bridge_points

    sid = next(study.sessions_model.id_at(r) for r in range(study.sessions_model.rowCount())
               if bridge_points(ctx.db, study.sessions_model.id_at(r)))
    dialog = _shown_dialog(qtbot, BridgePointsDialog(ctx, sid, study))
    dialog.list.setCurrentRow(0)
    point = dialog.current_point()
    dialog.name.setText("Hội trường đổi tên")
    asker = answer_with(unsaved.CANCEL)
    close = next(b for b in dialog.findChildren(type(dialog.add_button)) if b.text() == "Đóng")
    close.click()
    assert asker.asked and dialog.isVisible()
    answer_with(unsaved.SAVE)
    close.click()
    assert not dialog.isVisible()
    assert any(p.id == point.id and p.name == "Hội trường đổi tên" for p in bridge_points(ctx.db, sid))


def test_preferences_cancel_asks_about_changed_fields(ctx, qtbot, tmp_path, monkeypatch, answer_with):
    from PySide6.QtWidgets import QDialogButtonBox

    from desktop_app.gui.preferences import PreferencesDialog

    dialog = _shown_dialog(qtbot, PreferencesDialog(ctx, QSettings(str(tmp_path / "p.ini"),
                                                                   QSettings.Format.IniFormat)))
    before = ctx.due_soon_days
    dialog.due_soon.setValue(before + 3)
    asker = answer_with(unsaved.CANCEL)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert asker.asked and dialog.isVisible() and dialog.due_soon.value() == before + 3
    answer_with(unsaved.DISCARD)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert not dialog.isVisible() and ctx.due_soon_days == before


def _bridge_dialog(ctx, study, qtbot):
    from desktop_app.gui.study_dialogs import BridgePointsDialog
    from desktop_app.reports.study_lists import bridge_points

    sid = next(study.sessions_model.id_at(r) for r in range(study.sessions_model.rowCount())
               if len(bridge_points(ctx.db, study.sessions_model.id_at(r))) >= 2)
    dialog = _shown_dialog(qtbot, BridgePointsDialog(ctx, sid, study))
    dialog.list.setCurrentRow(0)
    return dialog, sid


def test_bridge_points_picking_another_point_asks_and_cancel_keeps_the_typing(ctx, study, qtbot, monkeypatch, answer_with):
    dialog, _sid = _bridge_dialog(ctx, study, qtbot)
    first = dialog.current_point()
    dialog.name.setText("Hội trường đang gõ")
    asker = answer_with(unsaved.CANCEL)
    dialog.list.setCurrentRow(1)
    assert asker.asked
    assert dialog.list.currentRow() == 0 and dialog.current_point().id == first.id
    assert dialog.name.text() == "Hội trường đang gõ"  # not overwritten by the picked point
    assert dialog.has_unsaved()
    answer_with(unsaved.DISCARD)  # (closing at teardown)


def test_bridge_points_picking_another_point_saves_or_discards(ctx, study, qtbot, monkeypatch, answer_with):
    from desktop_app.reports.study_lists import bridge_points

    dialog, sid = _bridge_dialog(ctx, study, qtbot)
    first, second = dialog.points[0], dialog.points[1]
    dialog.name.setText("Điểm cầu đã sửa tên")
    answer_with(unsaved.SAVE)
    dialog.list.setCurrentRow(1)
    saved = {p.id: p.name for p in bridge_points(ctx.db, sid)}
    assert saved[first.id] == "Điểm cầu đã sửa tên"
    assert dialog.current_point().id == second.id and dialog.name.text() == second.name
    assert not dialog.has_unsaved()
    # «Bỏ»: the typing is dropped, the picked point shown, the database unchanged
    dialog.name.setText("Không giữ tên này")
    back = next(i for i, p in enumerate(dialog.points) if p.id == first.id)
    answer_with(unsaved.DISCARD)
    dialog.list.setCurrentRow(back)
    assert dialog.current_point().id == first.id and dialog.name.text() == "Điểm cầu đã sửa tên"
    assert "Không giữ tên này" not in {p.name for p in bridge_points(ctx.db, sid)}
    assert not dialog.has_unsaved()


def test_bridge_points_picking_without_typing_does_not_ask(ctx, study, qtbot, monkeypatch, answer_with):
    dialog, _sid = _bridge_dialog(ctx, study, qtbot)
    asker = answer_with()
    dialog.list.setCurrentRow(1)
    assert not asker.asked and dialog.name.text() == dialog.points[1].name
