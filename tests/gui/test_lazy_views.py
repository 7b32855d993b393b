"""The main window makes a view when it is first opened (issue 12, start-up): the overview
and the task list at once, the documents, programmes, study and bodies views on demand, each
then exactly as if it had been made at start-up (its place, its signals, its saved layout)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.views.catalog import BODIES, DOCUMENTS, PROGRAMS, STUDY, TASKS, VIEWS
from desktop_app.gui.views.dashboard_view import DashboardView
from desktop_app.gui.views.tasks_view import TasksView
from desktop_app.ops import bodies as body_ops
from desktop_app.ops.fields import BodyFields

LATER = (DOCUMENTS, PROGRAMS, STUDY, BODIES)


def made(window) -> list[str]:
    return [type(view).__name__ for _i, view in window.views.made()]


def test_only_the_overview_and_the_task_list_are_made_at_start(window):
    assert made(window) == ["DashboardView", "TasksView"]
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == [
        "Tổng quan", "Văn bản, nghị quyết", "Chương trình hành động", "Nhiệm vụ", "Học tập, quán triệt",
        "Cơ quan, đơn vị"]
    assert [a.text() for a in window.act_view] == [window.nav.item(i).text() for i in range(len(VIEWS))]
    assert window.stack.count() == len(VIEWS)
    assert isinstance(window.stack.widget(0), DashboardView)
    assert isinstance(window.stack.widget(window.views.position(TASKS)), TasksView)


def test_a_view_is_made_when_opened_in_its_place_with_its_title(qtbot, window):
    for spec in LATER:
        row = window.views.position(spec)
        assert not window.views.is_made(row)
        window.nav.setCurrentRow(row)
        QApplication.processEvents()
        view = window.current_view
        assert type(view).__name__ == spec.class_name and window.views.is_made(row)
        assert window.stack.currentWidget() is view and window.stack.indexOf(view) == row
        assert view.title == window.nav.item(row).text()
        assert window.stack.count() == len(VIEWS)  # (its stand-in gone)
    assert made(window) == [spec.class_name for spec in VIEWS]


def test_a_view_made_later_answers_its_selection_and_the_menu_shortcut(qtbot, window):
    row = window.views.position(BODIES)
    window.act_view[row].trigger()  # Ctrl+6
    QApplication.processEvents()
    view = window.current_view
    assert window.views.is_made(row) and view.model.rowCount() > 0
    view.table.selectRow(0)
    QApplication.processEvents()
    assert window.current_editor is not None and window.current_editor.item_id == view.current_id()


def test_a_change_reaches_the_views_made_and_a_view_made_afterwards_reads_it(qtbot, window, ctx):
    ctx.run(lambda db: body_ops.create_body(db, "Ban Nội chính mới lập", BodyFields(code="NCML")))
    QApplication.processEvents()
    assert made(window) == ["DashboardView", "TasksView"]  # the change made no view
    window.nav.setCurrentRow(window.views.position(BODIES))
    QApplication.processEvents()
    names = [window.current_view.model.row_at(i).body.name for i in range(window.current_view.model.rowCount())]
    assert "Ban Nội chính mới lập" in names


def test_the_saved_layout_of_a_view_not_opened_this_time_is_kept(qtbot, ctx, settings):
    first = MainWindow(ctx, settings)
    qtbot.addWidget(first)
    row = window_row = first.views.position(DOCUMENTS)
    first.nav.setCurrentRow(row)
    documents = first.current_view
    header = documents.table.horizontalHeader()
    header.resizeSection(0, 333)
    header.setSortIndicator(1, Qt.SortOrder.DescendingOrder)
    first.save_layout()
    first.close()

    settings.setValue("window/view", 0)  # (else the window opens on the view it was left on)
    second = MainWindow(ctx, settings)  # the documents view is never opened
    qtbot.addWidget(second)
    assert not second.views.is_made(window_row)
    second.save_layout()
    second.close()

    settings.setValue("window/view", 0)
    third = MainWindow(ctx, settings)
    qtbot.addWidget(third)
    third.nav.setCurrentRow(window_row)
    header = third.current_view.table.horizontalHeader()
    assert header.sectionSize(0) == 333
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (1, Qt.SortOrder.DescendingOrder)
    third.close()


def test_the_first_step_buttons_open_their_view_made_on_demand(qtbot, empty_ctx, settings):
    window = MainWindow(empty_ctx, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.first_start.isVisible()
    window.first_start.buttons["program"].click()
    QApplication.processEvents()
    assert type(window.current_view).__name__ == "ProgramsView"
    window.close()


def test_views_index_never_makes_a_view(window):
    tasks = window.tasks_view()
    assert window.views.index(tasks) == window.views.position(TASKS)
    assert window.views[-1] is window.views[len(VIEWS) - 1]  # (a negative index counts from the end)
    assert isinstance(window.views[0], DashboardView)
