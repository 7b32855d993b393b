"""Issue 13's friction list: one error display per field, body boxes that show the start of
long names, the completer showing real names, a quick search over body names, the chart axis."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel

from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.views.tasks_view import TasksView


@pytest.fixture
def window(qtbot, ctx, tmp_path):
    settings = QSettings(str(tmp_path / "gui.ini"), QSettings.Format.IniFormat)
    settings.setValue("reminders/enabled", False)
    w = MainWindow(ctx, settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def tasks_view(window) -> TasksView:
    view = next(v for v in window.views if isinstance(v, TasksView))
    window.nav.setCurrentRow(window.views.index(view))
    return view


def _labels_saying(widget, words: str) -> list[QLabel]:
    return [label for label in widget.findChildren(QLabel) if label.isVisibleTo(widget) and words in label.text()]


def test_a_refused_deadline_is_explained_once(window):
    view = tasks_view(window)
    view.table.selectRow(0)
    editor = window.current_editor
    editor.deadline.setText("Quý V/2024")
    # while typing, the preview says why it cannot be read
    assert _labels_saying(editor, "quý phải từ I đến IV") == [editor.preview]
    editor.deadline.editingFinished.emit()
    # refused: the field's own error line says it, and nothing else repeats it
    assert _labels_saying(editor, "quý phải từ I đến IV") == [editor.fields["deadline"].error]
    # a readable deadline is still explained by the preview
    editor.deadline.setText("Quý III/2024")
    assert editor.preview.isVisibleTo(editor) and "30/09/2024" in editor.preview.text()
    editor.deadline.editingFinished.emit()
    assert not editor.fields["deadline"].error.isVisibleTo(editor)


@pytest.mark.parametrize("largest, top, ticks", [
    (0, 1, 2), (1, 1, 2), (3, 3, 4), (5, 5, 6), (6, 6, 4), (7, 8, 5), (42, 50, 6), (101, 150, 4), (3113, 4000, 5),
])
def test_count_axis_has_whole_distinct_ticks(largest, top, ticks):
    from desktop_app.gui.views.dashboard_view import integer_axis

    assert integer_axis(largest) == (top, ticks)
    step = top // (ticks - 1)
    assert step * (ticks - 1) == top and step >= 1 and top >= largest  # 0, step, 2·step… no repeats


def test_empty_database_chart_axis_reads_0_1(qtbot, empty_ctx, tmp_path):
    from PySide6.QtCharts import QValueAxis

    settings = QSettings(str(tmp_path / "gui.ini"), QSettings.Format.IniFormat)
    settings.setValue("reminders/enabled", False)
    w = MainWindow(empty_ctx, settings)
    qtbot.addWidget(w)
    dash = w.views[0]
    qtbot.waitUntil(lambda: bool(dash.bar_chart.axes()), timeout=5000)
    axis = next(a for a in dash.bar_chart.axes() if isinstance(a, QValueAxis))
    assert (axis.min(), axis.max(), axis.tickCount()) == (0, 1, 2)


LONG = "Ban Tuyên giáo và Dân vận Tỉnh ủy"
OTHER = "Sở Khoa học và Công nghệ"


def _combo(qtbot):
    from desktop_app.gui.widgets import SearchableComboBox

    combo = SearchableComboBox(none_text="(chưa giao)")
    qtbot.addWidget(combo)
    combo.setFixedWidth(140)  # narrower than the long name
    combo.set_items([(1, LONG), (2, OTHER)])
    combo.show()
    qtbot.waitExposed(combo)
    return combo


def test_body_box_shows_the_start_of_a_long_name(qtbot):
    combo = _combo(qtbot)
    combo.set_current_id(1)
    assert combo.lineEdit().text() == LONG
    assert combo.lineEdit().cursorPosition() == 0  # "Ban Tuyên giáo…", not "…Dân vận Tỉnh ủy"
    assert combo.toolTip() == LONG
    combo.setCurrentIndex(2)  # chosen from the list
    assert combo.lineEdit().cursorPosition() == 0 and combo.toolTip() == OTHER


def test_completer_shows_real_names_while_matching_folded(qtbot):
    combo = _combo(qtbot)
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QFocusEvent
    from PySide6.QtWidgets import QApplication

    completer = combo.completer()
    # the line edit listens to its completer while it has the focus (as when the user types)
    QApplication.sendEvent(combo.lineEdit(), QFocusEvent(QEvent.Type.FocusIn, Qt.FocusReason.OtherFocusReason))
    completer.setCompletionPrefix("khoa hoc va cong")
    model = completer.completionModel()
    assert model.rowCount() == 1
    completer.popup().setCurrentIndex(model.index(0, 0))  # highlighted with the arrow keys
    assert combo.lineEdit().text() == OTHER  # never "… | so khoa hoc va cong nghe"


def test_quick_search_matches_lead_and_coordinating_body_names(window):
    from sqlalchemy import select

    from desktop_app.core.text import fold
    from desktop_app.store.models import Body, Task

    with window.ctx.db.read() as s:
        party = [b.id for b in s.scalars(select(Body)) if fold(b.name).startswith("dang uy")]
        led = {t.id for t in s.scalars(select(Task).where(Task.lead_body_id.in_(party)))}
        own_text = {t.id for t in s.scalars(select(Task)) if "dang uy" in t.search_fold}
    assert led - own_text  # tasks found only through their lead body's name
    view = tasks_view(window)
    everything = view.model.rowCount()
    view.search.setText("dang uy")
    shown = set(view.model.ids())
    assert led <= shown and len(shown) < everything
    from desktop_app.reports.lists import body_search_texts

    bodies = body_search_texts(window.ctx.db)  # a body's name, short name and code, folded
    for task_id in shown:  # every hit says it somewhere: own text or a body's name, short name or code
        row = view.model.get(task_id)
        texts = [fold(" ".join((row.content, row.product, row.group_title, row.program_label))),
                 bodies.get(row.lead_body_name, ""),
                 *(bodies.get(name, fold(name)) for name in row.coordinating_bodies.split("; "))]
        assert any("dang uy" in text for text in texts), row
    coordinator_only = [i for i in shown if "dang uy" in fold(view.model.get(i).coordinating_bodies)
                        and i not in led | own_text]
    assert coordinator_only  # and through a coordinating body's name


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_numbers_follow_the_ui_language(qtbot, ctx):
    from desktop_app.gui import formats, i18n
    from desktop_app.gui.views.study_view import StudyView

    try:
        i18n.set_language("en")
        assert (formats.format_int(3408), formats.format_percent(1, 3)) == ("3,408", "33.3%")
        view = StudyView(ctx)
        qtbot.addWidget(view)
        view.reload()
        text = view.figures_label.text()
        assert "3,113" in text and "3,656/4,336" in text and "3.113" not in text
    finally:
        i18n.set_language("vi")
    assert (formats.format_int(3408), formats.format_percent(1, 3)) == ("3.408", "33,3%")


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_study_list_totals_are_labelled_as_every_point(qtbot, ctx):
    from PySide6.QtCore import Qt

    from desktop_app.gui.views.study_view import StudyView

    view = StudyView(ctx)
    qtbot.addWidget(view)
    view.reload()
    model = view.sessions_model
    col = model.column_index("attendees")
    listed = sum(model.row_at(r).attendees_total for r in range(model.rowCount()))
    # the list counts every point and the make-up session, the figures only the scope's own points
    assert listed > view.figures.attendees_total == 3113
    header = model.headerData(col, Qt.Orientation.Horizontal)
    tip = model.headerData(col, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert header == "Tổng người dự" and "mọi điểm cầu" in tip and "cấp tỉnh" in tip and "học bù" in tip
    first = model.index(0, col)
    assert first.data(Qt.ItemDataRole.ToolTipRole).startswith(first.data() + " người dự tại mọi điểm cầu")
    points = model.column_index("points")
    assert "Mọi điểm cầu" in model.headerData(points, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
