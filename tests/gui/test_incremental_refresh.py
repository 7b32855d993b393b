"""Incremental refresh (issue 12): a change refetches only the task rows it touched and the
task list moves, inserts or removes just those rows, its sort, search and filter kept; the
dashboard's figures follow without a reload."""

from __future__ import annotations

import random
from collections import namedtuple
from datetime import date

import pytest
from PySide6.QtCore import Qt

from desktop_app.core.status import TaskStatus
from desktop_app.gui.table_model import Column, RowCacheModel
from desktop_app.gui.views.dashboard_view import DashboardView
from desktop_app.gui.views.tasks_view import TasksView
from desktop_app.ops import progress, tasks, undo
from desktop_app.ops.fields import ProgressFields, TaskFields
from desktop_app.reports import tasks as task_reports
from desktop_app.reports.progress import dashboard_from_rows
from desktop_app.reports.tasks import list_tasks

# --- the model alone: random changes give what a fresh load gives ----------------------------

Item = namedtuple("Item", "id group name size")


class ItemModel(RowCacheModel):
    def __init__(self):
        super().__init__([Column("name", "Tên", lambda r: r.name),
                          Column("size", "Cỡ", lambda r: str(r.size), sort=lambda r: r.size)])

    def order_key(self, row):
        return (row.group, row.id)


def _item(rng, i):
    return Item(i, rng.randrange(5), rng.choice(["an", "bình", "cường", "dũng", "ánh"]) + str(i % 7),
                rng.randrange(10))


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("sort", [None, (1, Qt.SortOrder.AscendingOrder), (1, Qt.SortOrder.DescendingOrder),
                                  (0, Qt.SortOrder.AscendingOrder)])
def test_applied_changes_equal_a_fresh_load(qapp, qtmodeltester, seed, sort):
    rng = random.Random(seed)
    items = {i: _item(rng, i) for i in range(60)}
    model = ItemModel()
    model.set_rows(sorted(items.values(), key=model.order_key))
    if sort:
        model.sort(*sort)
    model.set_search("an" if seed % 2 else "")
    model.set_predicate((lambda r: r.size != 3) if seed % 3 else None)
    model.prepare_search()
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    next_id = 100
    for _round in range(8):
        changed = [items[i]._replace(size=rng.randrange(10), group=rng.randrange(5))
                   for i in rng.sample(sorted(items), 3)]
        added = [_item(rng, next_id + k) for k in range(rng.randrange(3))]
        next_id += 5
        gone = rng.sample(sorted(items), rng.randrange(3))
        changed = [c for c in changed if c.id not in gone]
        for r in changed + added:
            items[r.id] = r
        for i in gone:
            del items[i]
        model.apply_changes(changed + added, gone)
        fresh = ItemModel()
        fresh.set_rows(sorted(items.values(), key=fresh.order_key))
        if sort:
            fresh.sort(*sort)
        fresh.set_search(model._search)
        fresh.set_predicate(model._predicate)
        assert model.ids() == fresh.ids()
        assert sorted(model._order) == sorted(items)
        assert model.haystack() == list(zip(model._haystack, model._extra))  # the search text kept in step
    assert resets == []  # a few rows at a time: row signals only, never a reset
    qtmodeltester.check(model)


def test_a_kept_row_stays_selected_through_a_move(qapp):
    from PySide6.QtCore import QItemSelectionModel

    model = ItemModel()
    model.set_rows([Item(i, 0, f"t{i}", i) for i in range(10)])
    model.sort(1, Qt.SortOrder.AscendingOrder)
    selection = QItemSelectionModel(model)
    selection.select(model.index(2, 0), QItemSelectionModel.SelectionFlag.Select)
    moved = []
    model.rowsMoved.connect(lambda *a: moved.append(a))
    model.apply_changes([Item(2, 0, "t2", 99)])
    assert moved and model.ids()[-1] == 2
    assert [i.row() for i in selection.selectedIndexes()] == [9]


# --- the window: one edit refetches one row ---------------------------------------------------


def _tasks_view(window) -> TasksView:
    view = next(v for v in window.views if isinstance(v, TasksView))
    window.nav.setCurrentRow(window.views.index(view))
    return view


class _Spy:
    """Counts the model's signals and the task-list reads by id."""

    def __init__(self, model, monkeypatch):
        self.resets = self.inserted = self.removed = self.moved = 0
        self.changed_rows: list[int] = []
        self.reads: list = []
        model.modelReset.connect(lambda: self._add("resets"))
        model.rowsInserted.connect(lambda *_a: self._add("inserted"))
        model.rowsRemoved.connect(lambda *_a: self._add("removed"))
        model.rowsMoved.connect(lambda *_a: self._add("moved"))
        model.dataChanged.connect(lambda top, bottom, *_a: self.changed_rows.extend(range(top.row(),
                                                                                           bottom.row() + 1)))
        real = task_reports.list_tasks

        def counting(db, as_of, **kwargs):
            self.reads.append(kwargs.get("task_ids"))
            return real(db, as_of, **kwargs)

        monkeypatch.setattr(task_reports, "list_tasks", counting)

    def _add(self, name: str) -> None:
        setattr(self, name, getattr(self, name) + 1)


def test_editing_one_task_refetches_only_its_row(window, monkeypatch):
    view = _tasks_view(window)
    model = view.model
    task_id = model.id_at(3)
    view.select_id(task_id)
    before = model.ids()
    spy = _Spy(model, monkeypatch)
    window.ctx.run(tasks.update_task, task_id, TaskFields(content="Nội dung đã sửa"))
    assert spy.reads == [{task_id}]  # one read, of this task only
    assert (spy.resets, spy.inserted, spy.removed, spy.moved) == (0, 0, 0, 0)
    assert spy.changed_rows == [3]
    assert model.get(task_id).content == "Nội dung đã sửa" and model.ids() == before
    assert view.current_id() == task_id
    # the shared rows and the dashboard's counts follow
    assert window.ctx.task_row(task_id).content == "Nội dung đã sửa"


def test_a_progress_report_updates_the_status_and_the_dashboard(window, monkeypatch):
    view = _tasks_view(window)
    dash = next(v for v in window.views if isinstance(v, DashboardView))
    window.ensure_loaded(window.views.index(dash))
    spy = _Spy(view.model, monkeypatch)
    before = dash.board.overall
    row = next(r for r in window.ctx.task_rows() if r.status == TaskStatus.NOT_STARTED)
    window.ctx.run(progress.report_progress, row.id, window.ctx.as_of,
                   ProgressFields(percent=50), today=window.ctx.as_of)
    assert spy.reads == [{row.id}] and spy.resets == 0
    assert view.model.get(row.id).status == TaskStatus.IN_PROGRESS
    after = dash.board.overall
    assert (after.in_progress, after.not_yet_due) == (before.in_progress + 1, before.not_yet_due - 1)
    assert dash.board == dashboard_from_rows(list_tasks(window.ctx.db, window.ctx.as_of, due_soon_days=14),
                                             window.ctx.as_of, period=dash.board.period)


def test_insert_delete_and_undo_move_single_rows_in_the_sorted_filtered_list(window, monkeypatch):
    view = _tasks_view(window)
    model = view.model
    view.table.sortByColumn(model.column_index("due_date"), Qt.SortOrder.AscendingOrder)
    view.set_status_filter("open")
    spy = _Spy(model, monkeypatch)
    program_id = window.ctx.task_rows()[0].program_id
    (new_id,) = window.ctx.run(tasks.create_task, program_id, "Nhiệm vụ mới thêm",
                               TaskFields(deadline="15/07/2024", assigned_date=date(2024, 6, 1))).inserted["tasks"]
    assert (spy.inserted, spy.resets) == (1, 0) and spy.reads == [{new_id}]

    def expected_ids():  # what a full load with the same sort and filter shows
        fresh = type(model)()
        fresh.set_rows(list_tasks(window.ctx.db, window.ctx.as_of, due_soon_days=14, with_coordinators=True))
        fresh.sort(model.column_index("due_date"), Qt.SortOrder.AscendingOrder)
        fresh.set_predicate(model._predicate)
        return fresh.ids()

    assert model.ids() == expected_ids() and new_id in model.ids()
    window.ctx.run(tasks.delete_task, new_id)
    assert (spy.removed, spy.resets) == (1, 0) and new_id not in model.ids()
    window.ctx.run(undo.undo)  # the deletion undone: the row comes back in its place
    assert (spy.inserted, spy.resets) == (2, 0)
    assert model.ids() == expected_ids() and new_id in model.ids()
    assert view.count_label.text() == view.counts_text()


def test_a_change_of_too_many_rows_reloads_in_the_background(window, qtbot, monkeypatch):
    from desktop_app.reports import refresh

    view = _tasks_view(window)
    model = view.model
    task_id = model.id_at(0)
    count = model.all_count()
    # (the reminders dock, when open, and the progress panel read ctx.task_rows(): that loads
    # the rows on the spot, on the GUI thread — gui/reminders.py and progress_panel.py)
    window.reminders.dock.hide()
    view.select_id(None)
    monkeypatch.setattr(refresh, "REFRESH_LIMIT", 0)  # every change is "too many rows"
    spy = _Spy(model, monkeypatch)
    changes = window.ctx.run(tasks.update_task, task_id, TaskFields(content="Sửa khi tải lại"))
    assert window.ctx.task_delta(changes) is None and not window.ctx.has_task_rows()
    assert view.waiting_for_rows() and window.ctx.loading_task_rows()  # reading off the GUI thread…
    assert model.all_count() == count and model.get(task_id).content != "Sửa khi tải lại"  # …old rows shown
    qtbot.waitUntil(lambda: not view.waiting_for_rows(), timeout=15_000)
    assert spy.reads == [None] and spy.resets >= 1  # one full read (off the GUI thread), then the rows replaced
    assert model.get(task_id).content == "Sửa khi tải lại" and model.all_count() == count
