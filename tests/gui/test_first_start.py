"""The first start over many tasks (issue 12): the window is usable at once, the task list
showing its first rows and the overview saying it is counting, while every row is read in
the background; then the whole list, the figures and the reminders appear. (Here "many"
is lowered to a few tasks of the demo database, and the background read waits for a go.)"""

from __future__ import annotations

import threading
from datetime import date

import pytest

from desktop_app.core.status import TaskStatus
from desktop_app.gui.context import AppContext
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.views.dashboard_view import DashboardView
from desktop_app.gui.views.tasks_view import TasksView
from desktop_app.gui.widgets import SearchableComboBox
from desktop_app.ops import tasks as task_ops
from desktop_app.ops.fields import TaskFields
from desktop_app.reports.tasks import list_tasks, task_count
from desktop_app.store.db import StoreError

AS_OF = date(2024, 7, 1)  # the GUI tests' day (tests/gui/conftest.py)



class HeldRead:
    """ctx.fetch_task_rows waits for :meth:`go` (on the pool thread) and counts its reads."""

    def __init__(self, ctx, monkeypatch, fail: Exception | None = None):
        self.gate = threading.Event()
        self.reads = 0
        self.fail = fail
        real = ctx.fetch_task_rows

        def held(key=None, stop=None):
            self.reads += 1
            self.gate.wait(10)
            if self.fail is not None:
                raise self.fail
            return real(key, stop=stop)

        monkeypatch.setattr(ctx, "fetch_task_rows", held)

    def go(self) -> None:
        self.gate.set()


@pytest.fixture
def many(monkeypatch, ctx):
    """The demo database counts as "many tasks": 4 shown first, more than 5 read in the background."""
    monkeypatch.setattr(AppContext, "READ_AT_ONCE", 5)
    monkeypatch.setattr(AppContext, "FIRST_ROWS", 4)
    assert task_count(ctx.db) > 5
    return ctx


def open_window(qtbot, ctx, settings) -> MainWindow:
    window = MainWindow(ctx, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def view_of(window, kind):
    return next(v for v in window.views if isinstance(v, kind))


def test_first_rows_at_once_then_the_whole_list(qtbot, many, settings, monkeypatch):
    held = HeldRead(many, monkeypatch)
    window = open_window(qtbot, many, settings)
    dash = view_of(window, DashboardView)
    assert window.current_view is dash and dash.waiting_for_rows()
    assert "Đang tải danh sách nhiệm vụ" in dash.heading.text()
    assert all(not b.isEnabled() for b in dash.buttons.values()) and dash.board is None
    assert "Đang tải danh sách nhiệm vụ…" in window.statusBar().currentMessage()
    assert not window.reminders.dock.isVisible()  # checked once the rows are there

    tasks = view_of(window, TasksView)
    window.nav.setCurrentRow(window.views.index(tasks))
    total = task_count(many.db)
    first = list_tasks(many.db, AS_OF, with_coordinators=True)[:4]
    assert tasks.waiting_for_rows() and tasks.model.all_count() == 4
    assert [tasks.model.row_at(r).id for r in range(4)] == [r.id for r in first]
    assert tasks.count_label.text() == f"Đang tải: 4 / {total} nhiệm vụ…"
    assert window.status_counts.text() == tasks.count_label.text()
    # the first rows are usable meanwhile: searching them, choosing one
    tasks.search.setText(first[0].content[:12])
    assert tasks.model.rowCount() >= 1
    tasks.select_id(first[0].id)

    made_here = []  # search texts made on the GUI thread from now on
    real_parts = type(tasks.model).search_parts
    monkeypatch.setattr(type(tasks.model), "search_parts", lambda m, row: made_here.append(row.id) or real_parts(m, row))
    held.go()
    qtbot.waitUntil(lambda: not tasks.waiting_for_rows(), timeout=10_000)
    assert held.reads == 1 and many.has_task_rows()
    assert made_here == []  # the background read made them beside the rows
    # the search typed meanwhile now applies to every task; the chosen one stays chosen
    assert tasks.model.all_count() == total
    assert tasks.model.rowCount() == sum(1 for r in many.task_rows()
                                         if first[0].content[:12].lower() in r.content.lower())
    assert tasks.current_id() == first[0].id
    assert "Đang tải" not in tasks.count_label.text()
    assert window.status_counts.text() == tasks.count_label.text()  # the status bar's count too
    assert not dash.waiting_for_rows()
    board = dash.board  # counted when asked for, though hidden when the rows arrived
    assert board is not None and board.overall.assigned == total
    window.nav.setCurrentRow(window.views.index(dash))
    board = dash.board
    assert board is not None and board.overall.assigned == total
    assert str(total) in dash.heading.text() and all(b.isEnabled() for b in dash.buttons.values())
    assert window.reminders.dock.isVisible()  # the demo data has tasks to remind of


def test_a_change_while_reading_is_not_lost(qtbot, many, settings, monkeypatch):
    held = HeldRead(many, monkeypatch)
    window = open_window(qtbot, many, settings)
    tasks = view_of(window, TasksView)
    window.nav.setCurrentRow(window.views.index(tasks))
    task_id = tasks.model.id_at(0)
    window.ctx.run(task_ops.update_task, task_id, TaskFields(content="Sửa trong lúc đang tải"))
    held.go()
    qtbot.waitUntil(lambda: not tasks.waiting_for_rows(), timeout=10_000)
    # the first read may have missed the change: it was read again
    assert held.reads == 2
    assert tasks.model.get(task_id).content == "Sửa trong lúc đang tải"


def test_a_change_to_no_task_while_reading_reads_nothing_again(qtbot, many, settings, monkeypatch):
    from desktop_app.ops.base import Changes

    held = HeldRead(many, monkeypatch)
    open_window(qtbot, many, settings)
    # a study session recorded meanwhile (as another user's change comes): no task row changes
    many.announce(Changes("Ghi buổi học tập", inserted={"study_sessions": {1}}))
    held.go()
    qtbot.waitUntil(lambda: many.has_task_rows(), timeout=10_000)
    assert held.reads == 1


def test_a_failed_read_is_said_and_the_figures_come_from_the_database(qtbot, many, settings, monkeypatch):
    warnings = []
    monkeypatch.setattr("desktop_app.gui.background.QMessageBox.warning",
                        lambda parent, title, text: warnings.append(text))
    held = HeldRead(many, monkeypatch, fail=StoreError("Không đọc được cơ sở dữ liệu."))
    window = open_window(qtbot, many, settings)
    dash = view_of(window, DashboardView)
    held.go()
    qtbot.waitUntil(lambda: not dash.waiting_for_rows(), timeout=10_000)
    assert warnings == ["Không đọc được cơ sở dữ liệu."]
    board = dash.board  # counted by the database instead
    assert board is not None and board.overall.assigned == task_count(many.db)
    assert not many.loading_task_rows() and not many.has_task_rows()


def test_few_tasks_are_read_at_once(qtbot, ctx, settings, monkeypatch):
    held = HeldRead(ctx, monkeypatch)
    held.go()
    window = open_window(qtbot, ctx, settings)
    dash = view_of(window, DashboardView)
    assert not dash.waiting_for_rows() and dash.board is not None
    assert ctx.has_task_rows() and not ctx.loading_task_rows() and held.reads == 1
    tasks = view_of(window, TasksView)
    window.nav.setCurrentRow(window.views.index(tasks))
    assert not tasks.waiting_for_rows() and tasks.model.all_count() == task_count(ctx.db)


def test_first_rows_are_the_first_of_the_whole_list(ctx):
    whole = list_tasks(ctx.db, AS_OF, with_coordinators=True)
    assert list_tasks(ctx.db, AS_OF, with_coordinators=True, limit=5) == whole[:5]
    assert task_count(ctx.db) == len(whole)
    with pytest.raises(ValueError):
        list_tasks(ctx.db, AS_OF, statuses={TaskStatus.OVERDUE}, limit=5)


def test_a_lazy_combo_builds_its_list_when_first_needed(qtbot):
    combo = SearchableComboBox(none_text="(mọi cơ quan)")
    qtbot.addWidget(combo)
    items = [(i, f"Cơ quan số {i}") for i in range(1, 300)]
    reads = []

    def read(n=len(items)):
        reads.append(n)
        return items[:n]

    combo.set_items(read, lazy=True)  # nothing chosen: not even read yet
    assert combo.count() == 1 and reads == [] and combo.current_id() is None
    combo.set_current_id(7)  # another id: the whole list first
    assert reads == [299] and combo.count() == 300 and combo.current_id() == 7
    assert combo.currentText() == "Cơ quan số 7"
    combo.set_items(lambda: read(50), lazy=True)  # refreshed with one chosen: read, only it shown
    assert reads == [299, 50] and combo.count() == 2 and combo.current_id() == 7
    combo.show()
    combo.setFocus()  # about to type: every item, for the completer
    qtbot.waitUntil(lambda: combo.count() == 51, timeout=2_000)
    assert combo.current_id() == 7 and reads == [299, 50]
    combo.set_current_id(None)
    combo.set_items(read, lazy=True)
    assert combo.item_count() == 300 and reads == [299, 50, 299]  # asked how many: built


def test_closing_the_window_stops_the_read(qtbot, many, settings, monkeypatch):
    held = HeldRead(many, monkeypatch)
    window = open_window(qtbot, many, settings)
    dash = view_of(window, DashboardView)
    assert many.loading_task_rows()
    window.close()
    held.go()  # the read goes on: it stops at its first batch of rows
    qtbot.waitUntil(lambda: not many.loading_task_rows(), timeout=10_000)
    assert not many.has_task_rows() and dash.waiting_for_rows()  # not counted by the database meanwhile


def test_a_read_stopped_then_wanted_again_is_read_again(qtbot, many, settings, monkeypatch):
    """Switching the language stops the read; when the user keeps the old window after all,
    it asks again: the rows are read once the stopped read has ended."""
    held = HeldRead(many, monkeypatch)
    window = open_window(qtbot, many, settings)
    tasks = view_of(window, TasksView)
    window.nav.setCurrentRow(window.views.index(tasks))
    many.stop_loading_task_rows()
    assert many.load_task_rows(window) is False  # still stopping
    held.go()
    qtbot.waitUntil(lambda: not tasks.waiting_for_rows(), timeout=10_000)
    assert held.reads == 2 and tasks.model.all_count() == task_count(many.db)
