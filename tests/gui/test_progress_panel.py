"""Reporting progress through the task details: the timeline, the form, refused values,
corrections, undo."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QSettings, Qt
from sqlalchemy import select

from desktop_app.core.status import TaskStatus
from desktop_app.store.models import ProgressEntry

NO_DEADLINE_TASK = 20  # demo: "Cụ thể hóa các quy định mới…", Ban Dân vận, nothing reported
DONE_TASK = 1  # demo: Ban Tuyên giáo, completed 25/06/2024 (two entries)


def _entries(db, task_id):
    with db.read() as s:
        return list(s.scalars(select(ProgressEntry).where(ProgressEntry.task_id == task_id)
                              .order_by(ProgressEntry.id)))


@pytest.fixture
def window(qtbot, ctx, tmp_path):
    from desktop_app.gui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "gui.ini"), QSettings.Format.IniFormat)
    settings.setValue("reminders/enabled", False)
    w = MainWindow(ctx, settings)
    qtbot.addWidget(w)
    return w


def _open_task(window, task_id):
    from desktop_app.gui.views.tasks_view import TasksView

    index = next(i for i, v in enumerate(window.views) if isinstance(v, TasksView))
    window.nav.setCurrentRow(index)
    view = window.views[index]
    view.select_id(task_id)
    editor = window.current_editor
    assert editor.item_id == task_id
    return view, editor, editor.progress


def _timeline(panel) -> list[str]:
    return [panel.timeline.item(i).text() for i in range(panel.timeline.count())]


def test_timeline_shows_the_log_newest_first_with_status(window):
    _view, _editor, panel = _open_task(window, DONE_TASK)
    lines = _timeline(panel)
    assert len(lines) == 2
    assert lines[0].startswith("25/06/2024") and "100%" in lines[0] and "Hoàn thành" in lines[0]
    assert "Báo cáo số 25-BC/BTGTU" in lines[0] and "Nông Thị Hà" in lines[0]
    assert lines[1].startswith("10/05/2024") and "▰▰▰▰▱▱▱▱▱▱ 40%" in lines[1]
    assert panel.status_chip.text() == "Hoàn thành đúng hạn"
    assert panel.behind_label.text() == ""
    assert "hoàn thành ngày 25/06/2024" in panel.summary.text()


def test_report_progress_through_the_panel(window, ctx, qtbot):
    view, editor, panel = _open_task(window, NO_DEADLINE_TASK)
    assert view.model.get(NO_DEADLINE_TASK).status == TaskStatus.NOT_STARTED
    assert "Chưa có báo cáo" in _timeline(panel)[0]
    # a report is made today (issue 13), not on the past day under review
    assert panel.reported_on.text() == date.today().strftime("%d/%m/%Y")
    panel.reported_on.setText("01/07/2024")  # (a report dated on the day under review counts in it)
    assert panel.reported_by.text() == "Ban Dân vận"  # the lead body's short name
    panel.percent.setValue(35)
    panel.note.setPlainText("Đã dự thảo văn bản cụ thể hóa, đang xin ý kiến.")
    panel.evidence.clear()
    panel.evidence.insert("Báo cáo số 30-BC/BDVTU")
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    panel.percent.setFocus()
    qtbot.waitUntil(panel.percent.hasFocus, timeout=1000)
    with qtbot.wait_signal(ctx.changed, timeout=1000):  # Ctrl+Enter submits
        qtbot.keyClick(panel.percent, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    [entry] = _entries(ctx.db, NO_DEADLINE_TASK)
    assert (entry.reported_on, entry.percent, entry.completed) == (date(2024, 7, 1), 35, False)
    assert entry.evidence == "Báo cáo số 30-BC/BDVTU" and entry.reported_by == "Ban Dân vận"
    assert entry.note.startswith("Đã dự thảo")
    lines = _timeline(panel)
    assert len(lines) == 1 and "35%" in lines[0] and "Báo cáo số 30-BC/BDVTU" in lines[0]
    # the form is ready for the next report; the list shows the new status
    assert panel.note.toPlainText() == "" and panel.evidence.text() == ""
    assert view.model.get(NO_DEADLINE_TASK).status == TaskStatus.IN_PROGRESS
    assert view.model.get(NO_DEADLINE_TASK).last_percent == 35
    assert panel.status_chip.text() == "Đang thực hiện trong hạn"
    assert "Báo cáo tiến độ" in window.act_undo.text()


def test_completion_forces_percent_100(window, ctx):
    view, _editor, panel = _open_task(window, NO_DEADLINE_TASK)
    panel.percent.setValue(40)
    panel.completed.setChecked(True)
    assert panel.percent.value() == 100 and not panel.percent.isEnabled()
    panel.completed.setChecked(False)
    assert panel.percent.value() == 40 and panel.percent.isEnabled()
    panel.completed.setChecked(True)
    panel.reported_on.setText("28/06/2024")
    assert panel.submit() is not None
    [entry] = _entries(ctx.db, NO_DEADLINE_TASK)
    assert entry.completed and entry.percent == 100 and entry.reported_on == date(2024, 6, 28)
    assert view.model.get(NO_DEADLINE_TASK).status == TaskStatus.DONE_ON_TIME


@pytest.mark.parametrize("case", ["future", "completed-twice", "bad-date"])
def test_refused_report_keeps_the_text_and_saves_nothing(window, ctx, case):
    task = DONE_TASK if case == "completed-twice" else NO_DEADLINE_TASK
    _view, _editor, panel = _open_task(window, task)
    before = len(_entries(ctx.db, task))
    panel.note.setPlainText("Nội dung đã gõ")
    if case == "future":
        panel.reported_on.setText("01/01/2099")
    elif case == "bad-date":
        panel.reported_on.setText("31/02/2024")
    else:
        panel.completed.setChecked(True)
    assert panel.submit() is None
    assert len(_entries(ctx.db, task)) == before
    field = {"future": "reported_on", "bad-date": "reported_on", "completed-twice": "completed"}[case]
    error = panel.errors[field]
    assert not error.isHidden() and error.text()
    if case == "future":
        assert "ở tương lai" in error.text()
    if case == "completed-twice":
        assert "đã được ghi hoàn thành" in error.text() and "đính chính" in error.text()
    assert panel.note.toPlainText() == "Nội dung đã gõ"
    # a refresh caused by another change keeps the typed text and the message
    window.editors.currentWidget().refresh()
    assert panel.note.toPlainText() == "Nội dung đã gõ"
    assert panel.errors[field].text() == error.text()


def test_a_refusal_goes_when_its_field_is_corrected(window, ctx):
    """31/02/2026 refused; the date corrected: the red message about 31/02 does not stay until
    the next «Ghi báo cáo». The other fields' messages stay."""
    _view, _editor, panel = _open_task(window, NO_DEADLINE_TASK)
    panel.reported_on.setText("31/02/2024")
    panel.evidence.setText("x" * 5000)  # refused too: too long
    assert panel.submit() is None
    assert panel.errors["reported_on"].text() and panel.errors["evidence"].text()
    panel.reported_on.setText("01/03/2024")
    assert not panel.errors["reported_on"].text() and panel.errors["reported_on"].isHidden()
    assert panel.widgets["reported_on"].styleSheet() == ""
    assert panel.errors["evidence"].text()  # not corrected yet


def test_percent_cannot_exceed_100(window, qtbot):
    _view, _editor, panel = _open_task(window, NO_DEADLINE_TASK)
    panel.percent.selectAll()
    qtbot.keyClicks(panel.percent, "150")
    assert panel.percent.value() <= 100


def test_correction_through_the_panel(window, ctx):
    view, _editor, panel = _open_task(window, DONE_TASK)
    first, completion = _entries(ctx.db, DONE_TASK)
    panel.select_entry(completion.id)
    assert panel.correct_button.isEnabled()
    panel.start_correction()
    assert panel.form_title.text() == "Đính chính mục ngày 25/06/2024"
    assert panel.completed.isChecked() and panel.evidence.text() == "Báo cáo số 25-BC/BTGTU"
    panel.completed.setChecked(False)
    panel.percent.setValue(90)
    panel.reported_on.setText("25/06/2024")
    assert panel.submit() is not None
    entries = _entries(ctx.db, DONE_TASK)
    assert len(entries) == 3 and entries[-1].corrects_id == completion.id and entries[-1].percent == 90
    # nothing edited: the wrong entry is still there, unchanged
    assert (entries[1].percent, entries[1].completed) == (100, True)
    lines = _timeline(panel)
    correcting = next(t for t in lines if "Đính chính mục ngày 25/06/2024" in t)
    assert "90%" in correcting
    corrected_item = next(panel.timeline.item(i) for i in range(panel.timeline.count())
                          if "đã được đính chính bởi mục ngày 25/06/2024" in panel.timeline.item(i).text())
    assert corrected_item.font().strikeOut()
    panel.select_entry(completion.id)
    assert not panel.correct_button.isEnabled()  # correct the newest entry instead
    assert panel.form_title.text() == "Báo cáo tiến độ mới"
    # no longer completed: the task is overdue (due 30/06/2024)
    assert view.model.get(DONE_TASK).status == TaskStatus.OVERDUE
    assert panel.status_chip.text() == "Quá hạn chưa hoàn thành"


def test_undo_refreshes_the_panel(window, ctx):
    view, _editor, panel = _open_task(window, NO_DEADLINE_TASK)
    panel.percent.setValue(15)
    panel.submit()
    assert len(_entries(ctx.db, NO_DEADLINE_TASK)) == 1 and "15%" in _timeline(panel)[0]
    window.undo()
    assert _entries(ctx.db, NO_DEADLINE_TASK) == []
    assert "Chưa có báo cáo" in _timeline(panel)[0]
    assert view.model.get(NO_DEADLINE_TASK).status == TaskStatus.NOT_STARTED
    assert panel.status_chip.text() == "Chưa thực hiện"
    window.redo()
    assert "15%" in _timeline(panel)[0]


def test_report_progress_action_opens_the_form(window, qtbot):
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    _view, editor, panel = _open_task(window, NO_DEADLINE_TASK)
    assert window.act_report_progress.isEnabled()
    assert window.act_report_progress in _view.table.actions()  # the task list's context menu
    assert window.act_report_progress.shortcut().toString() == "Ctrl+R"
    window.details.hide()
    window.act_report_progress.trigger()
    assert window.details.isVisible() and panel.isVisible()
    qtbot.waitUntil(panel.percent.hasFocus, timeout=1000)


def _inside_viewport(widget, scroll) -> bool:
    from PySide6.QtCore import QPoint, QRect

    top_left = widget.mapTo(scroll.viewport(), QPoint(0, 0))
    return scroll.viewport().rect().contains(QRect(top_left, widget.size()))


@pytest.mark.parametrize("how", ["button", "shortcut"])
def test_progress_form_is_one_click_away_at_1366x768(window, qtbot, how):
    """Issue 13 item 8: on a 1366×768 laptop the report form sits below the task's fields
    and timeline; the button at the top of the details (or Ctrl+R) scrolls it fully into
    view, down to «Ghi báo cáo», with the cursor in it."""
    from PySide6.QtWidgets import QScrollArea

    window.resize(1366, 728)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    _view, editor, panel = _open_task(window, DONE_TASK)  # two entries: a long timeline
    scroll = editor.findChild(QScrollArea)
    scroll.verticalScrollBar().setValue(0)
    qtbot.wait(10)
    assert not _inside_viewport(panel.submit_button, scroll)  # below the fold at first
    assert editor.report_button.isVisible()
    assert scroll.mapTo(editor, scroll.rect().topLeft()).y() > editor.report_button.mapTo(
        editor, editor.report_button.rect().topLeft()).y()  # above the scrolled part: always there
    if how == "button":
        qtbot.mouseClick(editor.report_button, Qt.MouseButton.LeftButton)
    else:
        qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    for part in (panel.form_title, panel.percent, panel.note, panel.submit_button):
        assert _inside_viewport(part, scroll), part.objectName() or type(part).__name__
    qtbot.waitUntil(panel.percent.hasFocus, timeout=1000)


def test_progress_button_hidden_for_a_new_task(window):
    _view, editor, _panel = _open_task(window, DONE_TASK)
    window.show()
    editor.load(None)
    assert not editor.report_button.isVisible()


def test_behind_schedule_flag(window, ctx):
    # task 3: assigned 20/03/2024, due 30/06/2024, 60% on 01/07/2024 → behind (and overdue)
    _view, _editor, panel = _open_task(window, 3)
    assert panel.behind_label.text() == "⚠ Chậm tiến độ"
    _view, _editor, panel = _open_task(window, 12)  # due 2030, 10% after 3 months of 6 years: on track
    assert panel.behind_label.text() == ""
