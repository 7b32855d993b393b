"""The reminder digest panel: shown at start-up only when there is something overdue or
due soon and it is not snoozed for today; grouped by lead body; opens tasks."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.core.status import TaskStatus
from desktop_app.gui.context import AppContext
from desktop_app.ops.fields import TaskFields


class Clock:
    """The controller's idea of today, moved by the test."""

    def __init__(self, day: date):
        self.day = day

    def __call__(self) -> date:
        return self.day


def _window(qtbot, ctx, tmp_path, clock: Clock | None = None):
    from desktop_app.gui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "gui.ini"), QSettings.Format.IniFormat)
    window = MainWindow(ctx, settings)
    qtbot.addWidget(window)
    if clock is not None:
        window.reminders.clock = clock
    return window


def _groups(panel) -> dict[str, list[str]]:
    tree = panel.tree
    out = {}
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        out[top.text(0)] = [top.child(j).text(0) for j in range(top.childCount())]
    return out


def test_shown_at_start_up_grouped_by_lead_body(qtbot, ctx, tmp_path):
    window = _window(qtbot, ctx, tmp_path, Clock(date(2026, 3, 2)))
    dock = window.reminders.dock
    assert not dock.isVisible()
    window.show()
    qtbot.waitUntil(dock.isVisible, timeout=2000)  # after the window is shown
    panel = window.reminders.panel
    groups = _groups(panel)
    rows = ctx.task_rows()
    overdue = [r for r in rows if r.status == TaskStatus.OVERDUE]
    soon = [r for r in rows if r.status == TaskStatus.DUE_SOON]
    assert sum(len(v) for v in groups.values()) == len(overdue) + len(soon) > 0
    bodies = {r.lead_body_name for r in overdue + soon}
    assert len(groups) == len(bodies)
    # e.g. Ban cán sự đảng UBND tỉnh: 2 overdue (due 30/06/2024) and 1 due soon (15/07/2024)
    heading = next(h for h in groups if h.startswith("Ban cán sự đảng Ủy ban nhân dân tỉnh"))
    assert "2 quá hạn" in heading and "1 sắp đến hạn" in heading
    names = [h.split(" — ")[0] for h in groups]
    from desktop_app.core.text import sort_key

    assert names == sorted(names, key=sort_key)  # Vietnamese order
    top = panel.tree.topLevelItem(names.index("Ban cán sự đảng Ủy ban nhân dân tỉnh"))
    first = top.child(0)
    assert first.text(1) == "30/06/2024" and first.text(2) == "quá hạn 1 ngày"
    assert first.text(3) == "Quá hạn chưa hoàn thành"
    last = top.child(top.childCount() - 1)
    assert last.text(1) == "15/07/2024" and last.text(2) == "còn 14 ngày"
    assert "01/07/2024" in panel.summary.text()


def test_double_click_opens_the_task(qtbot, ctx, tmp_path):
    window = _window(qtbot, ctx, tmp_path)
    window.reminders.show_now()
    panel = window.reminders.panel
    tasks = window.tasks_view()
    window.nav.setCurrentRow(window.views.index(tasks))
    tasks.search.setText("khong co nhiem vu nao nhu the nay")  # hides every row
    item = panel.tree.topLevelItem(0).child(0)
    task_id = item.data(0, 0x0100 + 31)
    panel.tree.itemDoubleClicked.emit(item, 0)
    assert window.current_view is tasks and tasks.current_id() == task_id
    assert tasks.search.text() == ""
    assert window.current_editor.item_id == task_id


def test_not_shown_when_nothing_is_overdue_or_due_soon(qtbot, demo_db, tmp_path):
    early = AppContext(demo_db, as_of_override=date(2024, 1, 2))  # before any task is due
    window = _window(qtbot, early, tmp_path, Clock(date(2026, 3, 2)))
    assert window.reminders.digest() == []
    assert window.reminders.check() is False
    window.show()
    qtbot.wait_until(lambda: window.reminders.timer.isActive(), timeout=2000)  # the start-up check ran
    assert not window.reminders.dock.isVisible()
    # still reachable from Xem → Nhắc việc, saying there is nothing
    window.act_reminders.trigger()
    assert window.reminders.dock.isVisible()
    assert "không có nhiệm vụ quá hạn" in window.reminders.panel.summary.text()
    early.deleteLater()


def test_not_shown_on_an_empty_database(qtbot, empty_ctx, tmp_path, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    window = _window(qtbot, empty_ctx, tmp_path)
    assert window.reminders.check() is False
    assert not window.reminders.dock.isVisible()


def test_snooze_for_the_day_then_back_the_next_day(qtbot, ctx, tmp_path):
    clock = Clock(date(2026, 3, 2))
    window = _window(qtbot, ctx, tmp_path, clock)
    window.show()
    controller = window.reminders
    qtbot.waitUntil(controller.dock.isVisible, timeout=2000)
    controller.panel.snooze_button.click()
    assert not controller.dock.isVisible()
    assert window.settings.value("reminders/snoozed_on") == "2026-03-02"
    # later the same day (the timer, or a new start of the program): stays hidden
    controller.tick()
    assert controller.check() is False and not controller.dock.isVisible()
    again = _window(qtbot, ctx, tmp_path, clock)
    again.settings.sync()
    assert again.reminders.check() is False
    # Xem → Nhắc việc still shows it on request
    again.act_reminders.trigger()
    assert again.reminders.dock.isVisibleTo(again)
    # the next day the timer brings it back by itself
    clock.day += timedelta(days=1)
    controller.tick()
    assert controller.dock.isVisible()


def test_day_change_rechecks(qtbot, ctx, tmp_path):
    clock = Clock(date(2026, 3, 2))
    window = _window(qtbot, ctx, tmp_path, clock)
    controller = window.reminders
    window.show()
    qtbot.waitUntil(controller.timer.isActive, timeout=2000)
    assert controller.dock.isVisible()
    controller.dock.close()  # closed by the user
    controller.tick()  # same day: not reopened
    assert not controller.dock.isVisible()
    clock.day += timedelta(days=1)
    controller.timer.timeout.emit()  # what the timer does every quarter of an hour
    assert controller.dock.isVisible()


def test_panel_follows_changes(qtbot, ctx, tmp_path):
    from desktop_app.ops.tasks import update_task

    window = _window(qtbot, ctx, tmp_path)
    window.show()
    window.reminders.show_now()
    before = sum(len(v) for v in _groups(window.reminders.panel).values())
    # task 8 (due soon, 15/07/2024) gets a later deadline: it leaves the list
    ctx.run(update_task, 8, TaskFields(deadline="31/12/2024"))
    after = sum(len(v) for v in _groups(window.reminders.panel).values())
    assert after == before - 1


def test_followup_button(qtbot, ctx, tmp_path, monkeypatch):
    from desktop_app.gui import export_dialog, reminders

    window = _window(qtbot, ctx, tmp_path)
    window.reminders.show_now()
    panel = window.reminders.panel
    assert not panel.followup_button.isEnabled()  # nothing selected
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))
    assert panel.followup_button.isEnabled()
    body_id = panel.selected_body_id()
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: shown.append(a[2]))
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)
    calls = []

    class Result:
        def __init__(self, path):
            self.path, self.warnings = path, []

    def fake_export(db, body, as_of, path, profile="hd36", **kw):
        calls.append((body, as_of, profile))
        path.write_bytes(b"x")
        return Result(path)

    monkeypatch.setattr(reminders, "followup_exporter", lambda: fake_export)
    target = tmp_path / "dondoc.docx"

    def fake_exec(dialog):
        dialog.path.setText(str(target))
        return export_dialog.QDialog.DialogCode.Accepted

    monkeypatch.setattr(export_dialog.ExportDialog, "exec", fake_exec)
    panel.followup_button.click()
    assert calls == [(body_id, date(2024, 7, 1), "hd36")] and target.exists()
    assert "Đã xuất" in window.last_export_box.text()


def test_saved_layout_does_not_reopen_a_snoozed_panel(qtbot, ctx, tmp_path):
    clock = Clock(date(2026, 3, 2))
    window = _window(qtbot, ctx, tmp_path, clock)
    window.show()
    qtbot.waitUntil(window.reminders.dock.isVisible, timeout=2000)
    window.reminders.snooze()
    window.reminders.show_now()  # open again by hand, then quit with it open
    window.save_layout()
    again = _window(qtbot, ctx, tmp_path, clock)
    again.show()
    qtbot.waitUntil(again.reminders.timer.isActive, timeout=2000)
    assert not again.reminders.dock.isVisible()


def test_followup_letter_with_the_real_exporter(qtbot, ctx, tmp_path, monkeypatch):
    from docx import Document as DocxDocument

    from desktop_app.gui import export_dialog, reminders

    assert reminders.followup_exporter() is not None
    window = _window(qtbot, ctx, tmp_path)
    window.reminders.show_now()
    panel = window.reminders.panel
    top = next(panel.tree.topLevelItem(i) for i in range(panel.tree.topLevelItemCount())
               if panel.tree.topLevelItem(i).text(0).startswith("Ban Dân vận"))
    panel.tree.setCurrentItem(top.child(0))  # a task selects its body
    target = tmp_path / "dondoc.docx"

    def fake_exec(dialog):
        assert dialog.windowTitle() == "Gửi công văn đôn đốc"
        dialog.path.setText(str(target))
        return export_dialog.QDialog.DialogCode.Accepted

    monkeypatch.setattr(export_dialog.ExportDialog, "exec", fake_exec)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)
    panel.followup_button.click()
    doc = DocxDocument(str(target))
    text = "\n".join(p.text for p in doc.paragraphs) + "\n".join(
        c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert "Ban Dân vận" in text
    assert "Đánh giá tình hình tôn giáo" in text  # its overdue task


def test_followup_letter_profile_follows_the_body(qtbot, ctx, tmp_path, monkeypatch):
    """A state body (Sở Giáo dục) gets the state letter (nd30) by default, a Party body hd36."""
    from desktop_app.gui import export_dialog

    window = _window(qtbot, ctx, tmp_path)
    window.reminders.show_now()
    panel = window.reminders.panel
    offered = {}

    def fake_exec(dialog):
        offered[panel.selected_body_id()] = dialog.profile.currentData()
        return export_dialog.QDialog.DialogCode.Rejected

    monkeypatch.setattr(export_dialog.ExportDialog, "exec", fake_exec)
    for prefix, profile in (("Sở Giáo dục", "nd30"), ("Ban Dân vận", "hd36")):
        top = next(panel.tree.topLevelItem(i) for i in range(panel.tree.topLevelItemCount())
                   if panel.tree.topLevelItem(i).text(0).startswith(prefix))
        panel.tree.setCurrentItem(top)
        panel.followup_button.click()
        assert offered[panel.selected_body_id()] == profile


def test_many_tasks_are_listed_when_a_body_is_opened(qtbot, ctx, tmp_path, monkeypatch):
    """Tens of thousands of late tasks must not be built into the tree at start-up: past a
    limit each body's line is filled when it is opened."""
    from desktop_app.gui import reminders

    monkeypatch.setattr(reminders, "EXPAND_ALL_UP_TO", 2)
    window = _window(qtbot, ctx, tmp_path)
    window.reminders.show_now()
    tree = window.reminders.panel.tree
    tops = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    assert len(tops) == 5 and all(t.childCount() == 0 and not t.isExpanded() for t in tops)
    first = tops[0]
    first.setExpanded(True)
    assert first.childCount() == 3  # Ban cán sự đảng UBND tỉnh: 2 overdue, 1 due soon
    first.setExpanded(False)
    first.setExpanded(True)
    assert first.childCount() == 3  # filled once


def test_a_narrow_dock_leaves_its_width_to_the_names(qtbot, ctx, tmp_path):
    """At 1366×768 the dock is about 430 px wide: a body's heading spans the row, and the
    status column (also the cell's colour) stays short, with its whole label in the tooltip."""
    window = _window(qtbot, ctx, tmp_path, Clock(date(2026, 3, 2)))
    window.resize(1366, 728)
    window.show()
    qtbot.waitUntil(window.reminders.dock.isVisible, timeout=2000)
    tree = window.reminders.panel.tree
    qtbot.wait(10)
    assert tree.width() <= 450, tree.width()
    top = tree.topLevelItem(0)
    assert top.isFirstColumnSpanned() and top.toolTip(0) == top.text(0)
    top.setExpanded(True)
    child = top.child(0)
    assert child.toolTip(3) == child.text(3)
    widths = [tree.header().sectionSize(c) for c in range(4)]
    assert widths[0] >= widths[3] and widths[3] < tree.fontMetrics().horizontalAdvance("Quá hạn chưa hoàn thành")


def test_large_counts_are_written_with_thousands_separators(qtbot):
    """A big office has thousands of late tasks: «3.874 quá hạn», not «3874 quá hạn»."""
    from desktop_app.gui.reminders import ReminderPanel
    from desktop_app.reports.progress import DigestGroup

    panel = ReminderPanel()
    qtbot.addWidget(panel)
    late = tuple(object() for _ in range(3874))  # over EXPAND_ALL_UP_TO: the rows are not drawn
    panel.set_groups([DigestGroup(7, "Ban Tổ chức Tỉnh ủy", late, late[:1200])], date(2024, 7, 1))
    assert "3.874 nhiệm vụ quá hạn, 1.200 nhiệm vụ sắp đến hạn" in panel.summary.text()
    assert panel.tree.topLevelItem(0).text(0) == "Ban Tổ chức Tỉnh ủy — 3.874 quá hạn, 1.200 sắp đến hạn"


def test_the_task_opened_from_the_reminders_is_scrolled_into_view(qtbot, ctx, tmp_path):
    """The task list was not shown (the overview was): opening a task near its end selects it
    and scrolls to it once the list has its size (it stayed below the bottom of the table)."""
    window = _window(qtbot, ctx, tmp_path)
    window.resize(1366, 740)
    window.show()
    qtbot.waitExposed(window)
    tasks = window.tasks_view()
    window.nav.setCurrentRow(window.views.index(tasks))  # its rows read, then back to the overview
    QApplication.processEvents()
    window.nav.setCurrentRow(0)
    QApplication.processEvents()
    assert window.current_view is not tasks and tasks.model.rowCount() > 30
    last = tasks.model.id_at(tasks.model.rowCount() - 1)
    window.open_task(last)
    qtbot.wait(20)
    index = tasks.table.currentIndex()
    assert tasks.current_id() == last
    rect, shown = tasks.table.visualRect(index), tasks.table.viewport().rect()
    assert shown.contains(rect.topLeft()) and shown.contains(rect.bottomLeft()), (rect, shown)
