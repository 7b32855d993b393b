"""The main window driven like a user: navigation, the task list, search with and without
diacritics, filters, editing through the details panel, undo/redo, history, layout."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QToolButton
from sqlalchemy import select

from desktop_app.core.status import STATUS_COLOURS, TaskStatus
from desktop_app.gui import app as gui_app
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.models import TaskTableModel
from desktop_app.gui.views.dashboard_view import BodyFiguresModel, DashboardView
from desktop_app.gui.views.tasks_view import TasksView
from desktop_app.store.models import Task


def tasks_view(window) -> TasksView:
    view = next(v for v in window.views if isinstance(v, TasksView))
    window.nav.setCurrentRow(window.views.index(view))
    return view


def test_navigation_lists_the_main_views(window):
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles[0] == "Tổng quan" and "Nhiệm vụ" in titles
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&Tệp", "&Sửa", "&Xem", "&Công cụ", "Trợ &giúp"]
    assert "01/07/2024" in window.status_as_of.text()
    assert window.ctx.db.display_name() in window.status_db.text()


def test_task_model_passes_qt_model_tests(qtmodeltester, ctx):
    from desktop_app.reports.tasks import list_tasks

    model = TaskTableModel()
    model.set_rows(list_tasks(ctx.db, ctx.as_of, with_coordinators=True))
    qtmodeltester.check(model)
    model.set_search("dang uy")
    model.sort(model.column_index("deadline"), Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)


def test_dashboard_figures_and_click_through(qtbot, window, qtmodeltester):
    dash = window.views[0]
    assert isinstance(dash, DashboardView)
    assert dash.buttons["overdue"].text().startswith("4 (10%)\nQuá hạn chưa hoàn thành")
    assert dash.buttons["assigned"].text().startswith("42\n")
    assert "quý III năm 2024" in dash.buttons["continuous_unreported"].text()
    qtmodeltester.check(dash.model)
    assert isinstance(dash.model, BodyFiguresModel)
    qtbot.mouseClick(dash.buttons["overdue"], Qt.MouseButton.LeftButton)
    view = window.current_view
    assert isinstance(view, TasksView)
    assert view.model.rowCount() == 4
    status_col = view.model.column_index("status")
    assert {view.model.index(r, status_col).data() for r in range(4)} == {"Quá hạn chưa hoàn thành"}
    assert view.figure_chip.isVisible()
    assert view.figure_chip_label.text() == "Quá hạn chưa hoàn thành · tính đến 01/07/2024"
    qtbot.mouseClick(view.findChild(QToolButton, "figure-chip-clear"), Qt.MouseButton.LeftButton)
    assert view.model.rowCount() == 42 and not view.figure_chip.isVisible()


@pytest.mark.parametrize("key", ["assigned", "due", "done_on_time", "done_late", "overdue", "in_progress",
                                 "not_yet_due", "due_soon", "behind_schedule", "continuous_unreported"])
def test_every_figure_opens_exactly_its_tasks(window, key):
    dash = window.views[0]
    expected = getattr(dash.board.overall, key)
    dash.buttons[key].click()
    assert window.current_view.model.rowCount() == expected > 0


def test_dashboard_body_cell_and_chart_click_through(qtbot, window):
    dash = window.views[0]
    model = dash.model
    body_col = model.column_index("body")
    row = next(r for r in range(model.rowCount()) if model.index(r, body_col).data() == "Ban Tuyên giáo Tỉnh ủy")
    figures = model.row_at(row).figures
    dash.table.clicked.emit(model.index(row, model.column_index("in_progress")))
    view = window.current_view
    assert isinstance(view, TasksView)
    assert view.model.rowCount() == figures.in_progress == 2
    assert {view.model.row_at(r).lead_body_name for r in range(2)} == {"Ban Tuyên giáo Tỉnh ủy"}
    assert "Ban Tuyên giáo Tỉnh ủy" in view.figure_chip_label.text()
    window.nav.setCurrentRow(0)
    dash.table.clicked.emit(model.index(row, body_col))  # the name: all of the body's tasks
    assert window.current_view.model.rowCount() == figures.assigned == 5
    # the charts: a pie slice and a bar segment click through too
    window.nav.setCurrentRow(0)
    overdue_slice = next(s for s in dash.pie.slices() if s.property("figure") == "overdue")
    assert overdue_slice.value() == 4
    dash.pie.clicked.emit(overdue_slice)
    assert window.current_view.model.rowCount() == 4
    window.nav.setCurrentRow(0)
    sets = {bar_set.label(): bar_set for bar_set in dash.bar_series.barSets()}
    index = next(i for i, b in enumerate(dash.bar_bodies) if b.name == "Ban Tuyên giáo Tỉnh ủy")
    assert sets["Hoàn thành đúng hạn"].at(index) == figures.done_on_time
    sets["Hoàn thành đúng hạn"].clicked.emit(index)
    assert window.current_view.model.rowCount() == figures.done_on_time


def test_dashboard_programme_selection_and_as_of(qtbot, window):
    dash = window.views[0]
    ctx = window.ctx
    first = sorted({r.program_id for r in ctx.task_rows()})[0]
    in_first = sum(1 for r in ctx.task_rows() if r.program_id == first)
    dash.programs_button.click()
    assert dash.program_picker.isVisible()
    dash.program_picker.set_checked(first, True)
    assert dash.board.overall.assigned == in_first < 42
    assert dash.programs_button.text() == "1 chương trình đã chọn"
    dash.buttons["assigned"].click()
    assert window.current_view.model.rowCount() == in_first
    window.nav.setCurrentRow(0)
    dash.program_picker.set_checked(first, False)
    assert dash.board.overall.assigned == 42

    dash.as_of_edit.setText("31/02/2024")
    dash.as_of_edit.editingFinished.emit()
    assert dash.as_of_error.isVisible() and ctx.as_of == date(2024, 7, 1)  # refused, nothing changed
    dash.as_of_edit.setText("01/01/2024")
    dash.as_of_edit.editingFinished.emit()
    assert not dash.as_of_error.isVisible()
    # the dashboard's own day: the rest of the program stays where it was (issue 13)
    assert ctx.as_of == date(2024, 7, 1) and not window.review_banner.isHidden()
    assert dash.board.as_of == date(2024, 1, 1)
    assert "01/01/2024" in dash.heading.text()
    assert dash.board.overall.done_on_time < 6
    dash.today_button.click()
    assert ctx.as_of_override == date(2024, 7, 1) and dash.board.as_of == date.today()


def test_search_with_and_without_diacritics(qtbot, window):
    view = tasks_view(window)
    total = view.model.rowCount()
    qtbot.keyClicks(view.search, "dang uy")
    unaccented = view.model.rowCount()
    assert 0 < unaccented < total
    view.search.clear()
    view.search.insert("Đảng ủy")  # as an input method types it (QTest only types ASCII keys)
    assert view.model.rowCount() == unaccented
    view.search.clear()
    view.search.insert("ĐẢNG UỶ")  # capitals, old tone placement
    assert view.model.rowCount() == unaccented
    view.search.clear()
    assert view.model.rowCount() == total
    assert "42 mục" in view.counts_text()


def test_filters_status_body_and_due_range(qtbot, window):
    view = tasks_view(window)
    view.set_status_filter("due_soon")
    assert view.model.rowCount() == 4
    view.set_status_filter(None)
    view.due_from.setText("01/07/2024")
    view.due_to.setText("31/07/2024")
    view.due_to.editingFinished.emit()
    due = [view.model.row_at(r).due_date for r in range(view.model.rowCount())]
    assert due and all(date(2024, 7, 1) <= d <= date(2024, 7, 31) for d in due)
    view.due_to.setText("31/02/2024")  # impossible date: marked, filter ignored, nothing crashes
    view.due_to.editingFinished.emit()
    assert "không có trong lịch" in view.due_to.toolTip()
    view.due_from.clear()
    view.due_to.clear()
    view.due_to.editingFinished.emit()
    body_id = view.model.row_at(0).lead_body_id
    view.body_filter.set_current_id(body_id)
    view.body_filter.idChanged.emit(body_id)
    assert {view.model.row_at(r).lead_body_id for r in range(view.model.rowCount())} == {body_id}


def test_sort_by_deadline_and_vietnamese_order(window):
    view = tasks_view(window)
    view.table.sortByColumn(view.model.column_index("due_date"), Qt.SortOrder.AscendingOrder)
    dues = [view.model.row_at(r).due_date for r in range(view.model.rowCount())]
    dated = [d for d in dues if d is not None]
    assert dated == sorted(dated) and dues[: len(dated)] == dated  # undated last
    view.table.sortByColumn(view.model.column_index("lead_body"), Qt.SortOrder.AscendingOrder)
    names = [view.model.row_at(r).lead_body_name for r in range(view.model.rowCount())]
    from desktop_app.core.text import sort_key

    assert names == sorted(names, key=sort_key)
    assert names.index("Ban Tuyên giáo Tỉnh ủy") < names.index("Đảng đoàn Hội đồng nhân dân tỉnh")


def test_status_colours_in_the_task_table(window):
    view = tasks_view(window)
    col = view.model.column_index("status")
    for r in range(view.model.rowCount()):
        row = view.model.row_at(r)
        brush = view.model.index(r, col).data(Qt.ItemDataRole.BackgroundRole)
        assert brush.color().name() == STATUS_COLOURS[row.status].lower()


def _select_first(qtbot, view):
    view.table.selectRow(0)
    return view.current_id()


def test_edit_task_in_details_panel_then_undo_redo(qtbot, window):
    view = tasks_view(window)
    task_id = _select_first(qtbot, view)
    editor = window.current_editor
    assert editor.item_id == task_id
    editor.deadline.setText("quý 3/2024")
    assert editor.preview.text() == "Quý III/2024 → hạn 30/09/2024"
    editor.deadline.editingFinished.emit()
    with window.ctx.db.read() as s:
        assert s.get(Task, task_id).deadline_text == "Quý III/2024"
    assert editor.deadline.text() == "Quý III/2024"  # the canonical form is shown back
    assert window.act_undo.text().startswith("Hoàn tác: Sửa nhiệm vụ")
    window.act_undo.trigger()
    with window.ctx.db.read() as s:
        assert s.get(Task, task_id).deadline_text == "Quý II/2024"
    assert window.act_redo.text().startswith("Làm lại: Sửa nhiệm vụ")
    window.act_redo.trigger()
    with window.ctx.db.read() as s:
        assert s.get(Task, task_id).deadline_text == "Quý III/2024"
    assert view.model.get(task_id).deadline_text == "Quý III/2024"  # the list refreshed


@pytest.mark.parametrize("field, text, message", [
    ("deadline", "Quý V/2024", "quý phải từ I đến IV"),
    ("deadline", "01/01/2024", "sớm hơn ngày giao"),
    ("assigned_date", "31/02/2024", "không có trong lịch"),
])
def test_bad_input_keeps_text_and_shows_message(qtbot, window, field, text, message):
    view = tasks_view(window)
    task_id = _select_first(qtbot, view)
    editor = window.current_editor
    with window.ctx.db.read() as s:
        before = s.get(Task, task_id).deadline_text, s.get(Task, task_id).assigned_date
    widget = editor.fields[field].widget
    widget.setText(text)
    widget.editingFinished.emit()
    assert widget.text() == text  # nothing typed is lost
    error = editor.fields[field].error
    assert error.isVisibleTo(editor) and message in error.text()
    with window.ctx.db.read() as s:
        assert (s.get(Task, task_id).deadline_text, s.get(Task, task_id).assigned_date) == before


def test_empty_content_and_huge_paste_are_refused(qtbot, window):
    view = tasks_view(window)
    task_id = _select_first(qtbot, view)
    editor = window.current_editor
    with window.ctx.db.read() as s:
        original = s.get(Task, task_id).content
    for text, message in (("   ", "không được để trống"), ("x" * 100_000, "quá giới hạn")):
        editor.content.setPlainText(text)
        editor.content.textChanged.emit()
        editor._field_committed("content")
        assert message in editor.fields["content"].error.text()
        assert editor.content.toPlainText() == text
        with window.ctx.db.read() as s:
            assert s.get(Task, task_id).content == original


def test_control_characters_are_cleaned_with_a_warning(qtbot, window):
    view = tasks_view(window)
    task_id = _select_first(qtbot, view)
    editor = window.current_editor
    editor.product.setText("Kế\x07 hoạch\x00")
    editor.product.editingFinished.emit()
    with window.ctx.db.read() as s:
        assert s.get(Task, task_id).product == "Kế hoạch"
    assert "ký tự điều khiển" in editor.message.text()


def test_new_task_with_ctrl_n(qtbot, window):
    view = tasks_view(window)
    program_id = view.model.row_at(0).program_id
    view.program_filter.set_current_id(program_id)
    view.program_filter.idChanged.emit(program_id)
    window.act_new.trigger()
    editor = window.current_editor
    assert editor.item_id is None and editor.save_button.isVisible()
    editor.content.setPlainText("Tổ chức hội nghị sơ kết 01 năm thực hiện Chương trình")
    editor.deadline.setText("trước ngày 15/3/2025")
    editor.group.setText("Công tác kiểm tra, giám sát")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    with window.ctx.db.read() as s:
        task = s.scalar(select(Task).where(Task.content.like("Tổ chức hội nghị sơ kết%")))
    assert task is not None and task.program_id == program_id and task.deadline_text == "Trước ngày 15/03/2025"
    assert view.current_id() == task.id  # the new task is selected in the list
    assert editor.item_id == task.id


def test_delete_with_confirmation_and_undo(qtbot, window, monkeypatch):
    from desktop_app.gui.views import base

    view = tasks_view(window)
    task_id = _select_first(qtbot, view)
    monkeypatch.setattr(base, "confirm", lambda parent, question: False)
    window.act_delete.trigger()
    assert view.model.get(task_id) is not None  # declined: nothing deleted
    monkeypatch.setattr(base, "confirm", lambda parent, question: True)
    window.delete_current()
    assert view.model.get(task_id) is None
    window.undo()
    assert view.model.get(task_id) is not None


def test_history_dialog_for_selected_item(qtbot, window):
    view = tasks_view(window)
    task_id = _select_first(qtbot, view)
    editor = window.current_editor
    editor.product.setText("Đề án")
    editor.product.editingFinished.emit()
    dialog = window.show_history()
    qtbot.addWidget(dialog)
    names = [dialog.model.row_at(r).name for r in range(dialog.model.rowCount())]
    assert names and names[0].startswith("Sửa nhiệm vụ")
    dialog.table.selectRow(0)
    assert "product" in dialog.details.toPlainText() and "Đề án" in dialog.details.toPlainText()
    assert task_id == view.current_id()


def test_history_of_an_item_never_edited_says_why_it_is_empty(qtbot, window):
    view = tasks_view(window)
    _select_first(qtbot, view)  # a demo task: imported with the demo data, never edited alone
    dialog = window.show_history()
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 0
    assert "chưa ghi thao tác nào về mục này" in dialog.details.toPlainText()
    assert "Toàn bộ nhật ký thao tác" in dialog.details.toPlainText()


def test_keyboard_shortcuts(window):
    shortcuts = {a.objectName(): a.shortcut().toString() for a in window.findChildren(type(window.act_new))
                 if a.objectName()}
    assert shortcuts["new"] == "Ctrl+N" and shortcuts["find"] == "Ctrl+F" and shortcuts["edit"] == "F2"
    assert shortcuts["undo"] == "Ctrl+Z" and shortcuts["redo"] == "Ctrl+Y" and shortcuts["quit"] == "Ctrl+Q"
    assert shortcuts["delete"] == "Del" and shortcuts["export-word"] == "Ctrl+E"


def test_layout_is_remembered(qtbot, ctx, settings):
    first = MainWindow(ctx, settings)
    qtbot.addWidget(first)
    view = tasks_view(first)
    col = view.model.column_index("product")
    view.table.setColumnHidden(col, True)
    view.table.horizontalHeader().moveSection(view.model.column_index("status"), 1)
    first.close()
    second = MainWindow(ctx, settings)
    qtbot.addWidget(second)
    again = next(v for v in second.views if isinstance(v, TasksView))
    assert again.table.isColumnHidden(col)
    assert again.table.horizontalHeader().visualIndex(again.model.column_index("status")) == 1
    assert second.nav.currentRow() == first.views.index(view)


def test_views_load_when_first_shown(window):
    assert window._loaded == {0}  # only the start view was loaded
    view = tasks_view(window)
    assert window.views.index(view) in window._loaded and view.model.rowCount() == 42


def test_as_of_change_recomputes_statuses(window, qtbot):
    view = tasks_view(window)

    def overdue() -> int:
        return sum(1 for r in range(view.model.rowCount()) if view.model.row_at(r).status == TaskStatus.OVERDUE)

    before = overdue()
    window.ctx.set_as_of_override(date(2025, 6, 30))
    # the rows are read again off the GUI thread; the old ones stay shown until the new arrive
    assert view.waiting_for_rows() and overdue() == before
    qtbot.waitUntil(lambda: not view.waiting_for_rows(), timeout=10_000)
    assert before == 4 and overdue() != before
    assert "30/06/2025" in window.status_as_of.text()


def test_single_instance_lock(tmp_path, qapp):
    from desktop_app.store.db import open_database

    db = open_database(tmp_path / "shared.sqlite3", create=True)
    try:
        lock = gui_app.lock_database(db)
        with pytest.raises(gui_app.FileInUse) as err:
            # a second copy of the program on the same file (another process in real life;
            # QLockFile refuses a second lock from any holder)
            gui_app.lock_database(db)
        assert "đang được mở" in str(err.value)
        lock.unlock()
        gui_app.lock_database(db).unlock()  # free again once the first copy closed
    finally:
        db.close()


def test_first_start_offers_demo(qtbot, empty_ctx, settings, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    window = MainWindow(empty_ctx, settings)
    qtbot.addWidget(window)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert gui_app.offer_demo(window, empty_ctx.db)
    view = tasks_view(window)
    assert view.model.rowCount() == 42
    assert not gui_app.offer_demo(window, empty_ctx.db)  # not empty any more: no second offer


def _fake_pdf(document, out_dir=None, timeout=180, cancel=None):
    """Stands for LibreOffice: a one-page PDF next to the Word file."""
    from pathlib import Path

    from PySide6.QtGui import QPageSize, QPainter, QPdfWriter

    pdf = Path(document).with_suffix(".pdf")
    writer = QPdfWriter(str(pdf))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    painter = QPainter(writer)
    painter.drawText(400, 400, "CHƯƠNG TRÌNH HÀNH ĐỘNG")
    painter.end()
    return pdf


def test_screenshots_command(tmp_path, monkeypatch):
    """Every view at 1366×728, the programme-text editor, the export checklist, the backup
    dialog and the print preview at their size (at most the screen's), then the views in
    English under en/; the language is Vietnamese again afterwards."""
    from PySide6.QtGui import QImage

    from desktop_app.cli import main
    from desktop_app.export import pdf as pdf_export
    from desktop_app.gui import i18n

    monkeypatch.setattr(pdf_export, "unavailable_reason", lambda: None)
    monkeypatch.setattr(pdf_export, "convert_to_pdf", _fake_pdf)  # (LibreOffice takes seconds)
    assert main(["screenshots", str(tmp_path / "shots")]) == 0
    assert i18n.language() == "vi"
    files = sorted((tmp_path / "shots").glob("*.png"))
    names = [f.name.split("-", 1)[1] for f in files]
    assert names[:6] == ["dashboard.png", "documents.png", "programs.png", "tasks.png", "study.png", "bodies.png"]
    assert {"task-progress.png", "reminders.png", "program-text.png", "export-checklist.png", "backup.png",
            "print-preview.png"} <= set(names)
    english = sorted(f.name for f in (tmp_path / "shots" / "en").glob("*.png"))
    assert english == [f.name for f in files[:6]]
    for f in files + [tmp_path / "shots" / "en" / n for n in english]:
        image = QImage(str(f))
        assert f.stat().st_size > 10_000 and image.width() <= 1366 and image.height() <= 728, f.name
        if f.name.split("-", 1)[1] in names[:6] + ["task-progress.png", "reminders.png"]:
            assert (image.width(), image.height()) == (1366, 728), f.name
    QApplication.processEvents()


def test_screenshots_skip_the_print_preview_without_libreoffice(window, tmp_path, monkeypatch):
    from desktop_app.export import pdf as pdf_export

    monkeypatch.setattr(pdf_export, "unavailable_reason", lambda: "Chưa cài LibreOffice")
    window.show()
    shots = tmp_path / "shots"
    assert gui_app._render_print_preview(QApplication.instance(), window, shots, 0, 1) == []
    assert not shots.exists() and not hasattr(window, "last_preview")  # nothing shown, nothing said


def test_refused_text_survives_a_save_in_another_field(qtbot, window):
    view = tasks_view(window)
    _select_first(qtbot, view)
    editor = window.current_editor
    editor.deadline.setText("Quý V/2024")
    editor.deadline.editingFinished.emit()
    editor.product.setText("Đề án mới")
    editor.product.editingFinished.emit()  # saved: the list reloads and re-selects the task
    assert editor.deadline.text() == "Quý V/2024"
    assert "quý phải từ I đến IV" in editor.fields["deadline"].error.text()
    assert editor.product.text() == "Đề án mới"


def test_editor_shows_undone_values(qtbot, window):
    view = tasks_view(window)
    _select_first(qtbot, view)
    editor = window.current_editor
    before = editor.product.text()
    editor.product.setText("Báo cáo chuyên đề")
    editor.product.editingFinished.emit()
    window.undo()
    assert editor.product.text() == before


def test_new_task_offers_bodies_valid_on_the_typed_assignment_day(qtbot, window):
    view = tasks_view(window)
    window.act_new.trigger()
    editor = window.current_editor
    names = lambda: [editor.lead.itemText(i) for i in range(editor.lead.count())]  # noqa: E731
    editor.assigned.setText("01/06/2025")
    editor.assigned.editingFinished.emit()
    assert "Ban Tuyên giáo Tỉnh ủy" not in names()  # merged on 28/02/2025
    assert "Ban Tuyên giáo và Dân vận Tỉnh ủy" in names()
    editor.assigned.setText("02/01/2024")
    editor.assigned.editingFinished.emit()
    assert "Ban Tuyên giáo Tỉnh ủy" in names() and "Ban Tuyên giáo và Dân vận Tỉnh ủy" not in names()
    assert view is window.current_view


def test_journal_model_passes_qt_model_tests(qtbot, qtmodeltester, window):
    view = tasks_view(window)
    _select_first(qtbot, view)
    window.current_editor.product.setText("Chỉ thị")
    window.current_editor.product.editingFinished.emit()
    dialog = window.show_history(all_items=True)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() >= 2  # the demo import and the edit
    qtmodeltester.check(dialog.model)


def test_preferences_open_from_the_menu(qtbot, window, monkeypatch):
    from desktop_app.gui import preferences

    opened = []
    monkeypatch.setattr(preferences.PreferencesDialog, "exec", lambda self: opened.append(self) or 0)
    window.act_prefs.trigger()
    assert opened and opened[0].parent() is window


# --- the programme view in the main window (issue 10: every edit there raised a TypeError
# in _on_changes, after which the undo/redo menu names went stale) ------------------------------

def programs_view(window):
    view = next(v for v in window.views if type(v).__name__ == "ProgramsView")
    window.nav.setCurrentRow(window.views.index(view))
    return view


def _open_first_task(window):
    view = programs_view(window)
    view.table.selectRow(0)
    view.select_task(view.task_model.id_at(0))
    details = window.current_editor
    assert details.showing_task and details.task_editor.item_id == view.task_model.id_at(0)
    return view, details.task_editor


def _edit_content(editor, text: str) -> None:
    editor.content.setPlainText(text)
    editor.content.editingFinished.emit()  # what leaving the field does


def test_five_task_edits_in_the_programme_view_keep_undo_and_redo_names_current(qtbot, window):
    view, editor = _open_first_task(window)
    task_id = editor.item_id
    for n in range(1, 6):
        _edit_content(editor, f"Nhiệm vụ sửa lần {n}")
        with window.ctx.db.read() as s:
            assert s.get(Task, task_id).content == f"Nhiệm vụ sửa lần {n}"
        assert window.act_undo.text() == f"Hoàn tác: Sửa nhiệm vụ «Nhiệm vụ sửa lần {n}»"
        assert window.act_undo.isEnabled()
        assert window.act_redo.text() == "Làm lại" and not window.act_redo.isEnabled()
    window.act_undo.trigger()
    assert editor.content.toPlainText() == "Nhiệm vụ sửa lần 4"  # the open editor shows the undone value
    assert window.act_undo.text() == "Hoàn tác: Sửa nhiệm vụ «Nhiệm vụ sửa lần 4»"
    assert window.act_redo.text() == "Làm lại: Sửa nhiệm vụ «Nhiệm vụ sửa lần 5»" and window.act_redo.isEnabled()
    _edit_content(editor, "Nhiệm vụ sửa lần 6")  # a new edit: nothing left to redo
    assert window.act_redo.text() == "Làm lại" and not window.act_redo.isEnabled()
    assert view.task_model.get(task_id).content == "Nhiệm vụ sửa lần 6"


def test_programme_edit_in_the_main_window_raises_nothing(qtbot, window):
    # Any exception in a slot (here _on_changes) fails this test through pytest-qt's capture.
    view = programs_view(window)
    view.table.selectRow(0)
    editor = window.current_editor.program_editor
    assert editor.item_id == view.current_id()
    editor.place.setText("Thành phố Lạng Sơn")
    editor.place.editingFinished.emit()
    assert window.act_undo.text().startswith("Hoàn tác: Sửa chương trình «")
    assert not window.act_redo.isEnabled()
    window.act_undo.trigger()
    assert editor.place.text() != "Thành phố Lạng Sơn"
    assert window.act_redo.text().startswith("Làm lại: Sửa chương trình «")


def test_the_dashboard_gets_the_details_width(qtbot, ctx, settings):
    """Nothing to edit on the dashboard: at 1366×768 its charts and table get the dock's width
    (the dock comes back with the first view that has details)."""
    settings.setValue("reminders/enabled", False)  # (its panel shares the right-hand dock area)
    window = MainWindow(ctx, settings)
    qtbot.addWidget(window)
    window.resize(1366, 728)
    window.show()
    qtbot.waitExposed(window)
    assert window.nav.currentRow() == 0 and not window.details.isVisible()  # starting on the dashboard
    window.nav.setCurrentRow(1)
    qtbot.wait(20)
    assert window.details.isVisible()
    width_with_dock = window.stack.width()
    window.nav.setCurrentRow(0)
    assert not window.details.isVisible()
    qtbot.waitUntil(lambda: window.stack.width() > width_with_dock + 250, timeout=1000)
    window.nav.setCurrentRow(3)
    assert window.details.isVisible()
