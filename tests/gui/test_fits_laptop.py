"""Issue 13, "fits 1366×768": the main window, after visiting every view and clicking what
used to widen it, and every dialog of the program, in Vietnamese and in English, never ask
for more than 1280×720 (a 1366×768 laptop at 100 %, less the taskbar and the frame)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QDialog, QHeaderView, QLabel, QTableView, QWidget

from desktop_app.gui import i18n
from desktop_app.gui.context import AppContext
from desktop_app.gui.main_window import MainWindow

from dialog_samples import LONG_NAME, every_dialog

MAX_W, MAX_H = 1280, 720


def needed(widget: QWidget) -> tuple[int, int]:
    """What the widget asks for at the least: the larger of its minimum size and its hint."""
    hint, minimum = widget.minimumSizeHint(), widget.minimumSize()
    return max(hint.width(), minimum.width()), max(hint.height(), minimum.height())


def assert_fits(widget: QWidget, what: str) -> None:
    QApplication.processEvents()
    width, height = needed(widget)
    assert width <= MAX_W and height <= MAX_H, f"{what}: {width}×{height} > {MAX_W}×{MAX_H}"


def headers_not_clipped(table: QTableView, what: str) -> None:
    header = table.horizontalHeader()
    for i in range(header.count()):
        if table.isColumnHidden(i) or header.sectionResizeMode(i) == QHeaderView.ResizeMode.Stretch:
            continue
        if i == header.count() - 1 and header.stretchLastSection():
            continue
        assert header.sectionSize(i) >= header.sectionSizeHint(i), (
            f"{what}: header «{table.model().headerData(i, header.orientation())}» clipped "
            f"({header.sectionSize(i)} < {header.sectionSizeHint(i)})")


@pytest.fixture(params=["vi", "en"])
def window(request, qtbot, demo_db, tmp_path):
    i18n.set_language(request.param)
    ctx = AppContext(demo_db, as_of_override=date(2024, 7, 1))
    settings = QSettings(str(tmp_path / "fit.ini"), QSettings.Format.IniFormat)
    settings.setValue("reminders/enabled", False)
    w = MainWindow(ctx, settings)
    qtbot.addWidget(w)
    w.show()
    yield w
    w.close()
    i18n.set_language("vi")


def test_every_view_fits_after_the_clicks_that_used_to_widen_it(window, demo_db):
    from desktop_app.ops import bodies as body_ops

    assert_fits(window, "start")
    dash = window.views[0]
    for key, button in dash.buttons.items():  # each figure opens the task list with a long chip
        window.nav.setCurrentRow(0)
        button.click()
        assert_fits(window, f"after the dashboard figure {key}")
    window.nav.setCurrentRow(0)
    dash.program_picker.show()
    assert_fits(window, "dashboard with the programme picker")
    # a body with a very long name, selected in its view (details panel) and in the task list
    long_body = window.ctx.run(body_ops.create_body, LONG_NAME).entity_id
    for i, view in enumerate(window.views):
        window.nav.setCurrentRow(i)
        table = getattr(view, "table", None)
        if getattr(view, "entity", "") == "bodies":
            view.select_id(long_body)
            assert view.current_id() == long_body
        elif isinstance(table, QTableView) and table.model() is not None and table.model().rowCount():
            table.selectRow(table.model().rowCount() - 1)
        assert_fits(window, f"view {type(view).__name__}")
        if isinstance(table, QTableView):
            headers_not_clipped(table, type(view).__name__)
    window.new_item()
    assert_fits(window, "a new item in the details panel")
    window.show_reminders()
    assert_fits(window, "with the reminders")


def test_study_view_with_a_session_selected_fits(window):
    study = next((v for v in window.views if type(v).__name__ == "StudyView"), None)
    if study is None:
        pytest.skip("no study view")
    window.nav.setCurrentRow(window.views.index(study))
    if study.sessions_model.rowCount():
        study.sessions.selectRow(0)
    assert_fits(window, "Học tập with a session")
    assert not window.details.isVisible() or needed(window)[0] <= MAX_W


def test_undo_label_on_the_toolbar_stays_short(window):
    tasks = window.tasks_view()
    window.nav.setCurrentRow(window.views.index(tasks))
    tasks.table.selectRow(0)
    editor = window.current_editor
    editor.content.setPlainText("Nhiệm vụ có một cái tên rất dài " * 6)
    editor.content.editingFinished.emit()
    undo = window.act_undo
    assert undo.isEnabled() and len(undo.text()) > 60  # the Sửa menu says what is undone
    assert undo.iconText() == i18n._("Hoàn tác") and undo.toolTip() == undo.text()
    assert_fits(window, "after an edit")


def test_every_dialog_fits(window, qtbot):
    for name, dialog in every_dialog(window):
        dialog.show()
        assert_fits(dialog, f"dialog {name}")
        for table in dialog.findChildren(QTableView):
            headers_not_clipped(table, f"dialog {name}")
        layout = dialog.layout()
        if layout is not None and layout.hasHeightForWidth():  # wrapped notes get all their lines
            assert dialog.height() >= layout.totalHeightForWidth(dialog.width()), f"dialog {name}: lines overlap"
            assert dialog.height() <= MAX_H, f"dialog {name}: {dialog.height()} px high"
        for label in dialog.findChildren(QLabel):
            if label.isVisible() and label.wordWrap() and label.text():
                assert label.height() >= label.heightForWidth(label.width()), f"dialog {name}: «{label.text()}» cut"
        dialog.close()
        dialog.deleteLater()


def test_the_first_window_size_fits_the_screen():
    from PySide6.QtCore import QRect, QSize

    from desktop_app.gui.main_window import default_size

    class Screen:
        def __init__(self, w, h):
            self.free = QRect(0, 0, w, h)

        def availableGeometry(self):  # noqa: N802
            return self.free

    assert default_size(Screen(1366, 728)) == QSize(1366, 688)  # a laptop less its taskbar
    assert default_size(Screen(1920, 1040)) == QSize(1400, 860)
    assert default_size(None) == QSize(1400, 860)


def test_navigation_names_are_not_clipped(window):
    nav = window.nav
    widest = max(nav.fontMetrics().horizontalAdvance(nav.item(i).text()) for i in range(nav.count()))
    assert nav.minimumWidth() >= widest



def test_the_dashboards_charts_can_be_folded_and_stay_so(qtbot, ctx, tmp_path):
    settings = QSettings(str(tmp_path / "fold.ini"), QSettings.Format.IniFormat)
    first = MainWindow(ctx, settings)
    qtbot.addWidget(first)
    first.show()
    splitter = first.views[0].splitter
    assert splitter.isCollapsible(0)
    splitter.setSizes([0, 500])  # the charts folded away, as by dragging the handle up
    assert splitter.sizes()[0] == 0
    first.close()  # the layout is saved on closing
    second = MainWindow(ctx, settings)
    qtbot.addWidget(second)
    second.show()
    assert second.views[0].splitter.sizes()[0] == 0
    second.close()


def test_the_bar_chart_names_every_bar_it_draws(window, qtbot):
    """At 1366×728 the chart draws only as many bodies as its axis can name (Qt hides every
    other name when they overlap); a taller window gets more of them, up to 12."""
    from desktop_app.gui.views.dashboard_view import BAR_ROWS_MAX, DashboardView

    dash = next(v for v in window.views if isinstance(v, DashboardView))
    window.nav.setCurrentRow(window.views.index(dash))
    window.resize(1366, 728)
    qtbot.wait(20)
    line = dash.bar_view.fontMetrics().height() + 4
    room = (dash.bar_view.height() - 80) // line
    bodies = len(dash.board.by_body)
    assert len(dash.bar_bodies) == min(bodies, max(4, min(BAR_ROWS_MAX, room)))
    assert len(dash.bar_bodies) < min(bodies, BAR_ROWS_MAX), (len(dash.bar_bodies), bodies)
    short = len(dash.bar_bodies)
    window.resize(1366, 1600)
    qtbot.waitUntil(lambda: len(dash.bar_bodies) > short, timeout=2000)


def test_the_status_legend_takes_one_line_folding_into_a_button_when_narrow(qtbot):
    """Under the task table at 1366×768 with the details open the legend's line does not fit:
    it used to wrap onto four lines, taking rows from the table; now it is one button whose
    menu lists every colour, and the whole line again when the room is there."""
    from desktop_app.core.status import STATUS_ORDER
    from desktop_app.gui.models import status_label
    from desktop_app.gui.widgets import StatusLegend

    box = QWidget()
    qtbot.addWidget(box)
    legend = StatusLegend(box)
    line_width = legend.line.sizeHint().width()
    one_line = legend.button.sizeHint().height() + 4
    box.resize(line_width + 40, 40)
    legend.setGeometry(0, 0, line_width + 40, legend.sizeHint().height())
    box.show()
    qtbot.waitExposed(box)
    assert not legend.compact() and legend.line.isVisible() and not legend.button.isVisible()
    legend.setGeometry(0, 0, line_width - 1, legend.sizeHint().height())
    QApplication.processEvents()
    assert legend.compact() and legend.button.isVisible() and not legend.line.isVisible()
    assert [a.text() for a in legend.button.menu().actions()] == [status_label(s) for s in STATUS_ORDER]
    assert all(not a.icon().isNull() for a in legend.button.menu().actions())
    assert legend.minimumSizeHint().width() <= legend.button.sizeHint().width()
    assert legend.sizeHint().height() <= max(one_line, legend.line.sizeHint().height())
    legend.setGeometry(0, 0, line_width, legend.sizeHint().height())
    QApplication.processEvents()
    assert not legend.compact()


def test_the_task_list_footer_is_one_line_at_1366x768(qtbot, demo_db, tmp_path):
    from desktop_app.gui.views.tasks_view import TasksView

    ctx = AppContext(demo_db, as_of_override=date(2024, 7, 1))
    settings = QSettings(str(tmp_path / "foot.ini"), QSettings.Format.IniFormat)
    settings.setValue("reminders/enabled", False)
    w = MainWindow(ctx, settings)
    qtbot.addWidget(w)
    w.resize(1366, 740)
    w.show()
    qtbot.waitExposed(w)
    w.nav.setCurrentRow(next(i for i, v in enumerate(w.views) if isinstance(v, TasksView)))
    view = w.current_view
    view.table.selectRow(0)  # the details dock open beside the list
    QApplication.processEvents()
    assert w.details.isVisible()
    legend = view.legend
    assert legend.height() <= max(legend.button.sizeHint().height(), legend.line.sizeHint().height()) + 4
    assert abs(legend.geometry().center().y() - view.count_label.geometry().center().y()) <= 4
    w.close()


def test_the_reminders_leave_the_details_two_thirds_of_the_column(qtbot, demo_db, tmp_path):
    """At 1366×768 the reminders shown at start-up over the overview (which hides the details
    panel) took the whole column; opening a view then gave its details editor one line. Now
    the details keep two thirds of it."""
    from desktop_app.gui.views.catalog import DOCUMENTS

    ctx = AppContext(demo_db, as_of_override=date(2024, 7, 1))
    settings = QSettings(str(tmp_path / "rem.ini"), QSettings.Format.IniFormat)
    w = MainWindow(ctx, settings)
    qtbot.addWidget(w)
    w.resize(1366, 740)
    w.show()
    qtbot.waitExposed(w)
    assert w.current_view is w.views[0] and not w.details.isVisible()  # the overview
    qtbot.waitUntil(lambda: w.reminders.dock.isVisible())  # shown by the start-up check
    QApplication.processEvents()
    w.nav.setCurrentRow(w.views.position(DOCUMENTS))
    w.current_view.table.selectRow(0)
    qtbot.waitUntil(lambda: w.details.isVisible())
    QApplication.processEvents()
    details, reminders = w.details.height(), w.reminders.dock.height()
    assert reminders > 100 and details >= 1.6 * reminders, (details, reminders)
    w.close()


def test_a_heading_never_breaks_a_document_symbol(qapp):
    """The details title «Nghị quyết số 42-NQ/TW» wrapped as «…42-NQ/» + «TW»."""
    from PySide6.QtGui import QTextLayout, QTextOption

    from desktop_app.gui.widgets import HeadingLabel

    def lines(text: str, font, width: int) -> list[str]:
        layout = QTextLayout(text, font)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WordWrap)
        layout.setTextOption(option)
        layout.beginLayout()
        out = []
        while (line := layout.createLine()).isValid():
            line.setLineWidth(width)
            out.append(text[line.textStart():line.textStart() + line.textLength()])
        layout.endLayout()
        return out

    label = HeadingLabel()
    label.setText("Nghị quyết số 42-NQ/TW")
    assert label.text() == "Nghị quyết số 42-NQ/TW"
    shown = super(HeadingLabel, label).text()  # what Qt lays out
    broken = 0
    for width in range(40, 240, 5):
        broken += any(line.rstrip().endswith(("42-", "NQ/")) for line in lines("Nghị quyết số 42-NQ/TW", label.font(), width))
        assert not any(line.rstrip().endswith(("42-", "NQ/")) for line in
                       (part.replace("\u2060", "") for part in lines(shown, label.font(), width))), width
    assert broken  # (a plain label would have)
    label.deleteLater()
