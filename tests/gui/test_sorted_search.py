"""A sorted list keeps its whole sorted order (so a keystroke filters it instead of sorting
again) and moves changed rows within it: searching, filtering and sorting after changes,
in either direction, give what a fresh load gives."""

from __future__ import annotations

import random
from collections import namedtuple

import pytest
from PySide6.QtCore import Qt

from desktop_app.gui.table_model import Column, RowCacheModel

Item = namedtuple("Item", "id group name size")
ASC, DESC = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder


class ItemModel(RowCacheModel):
    def __init__(self):
        super().__init__([Column("name", "Tên", lambda r: r.name),
                          Column("size", "Cỡ", lambda r: str(r.size), sort=lambda r: r.size)])

    def order_key(self, row):
        return (row.group, row.id)


def _item(rng, i):
    return Item(i, rng.randrange(4), rng.choice(["an", "bình", "cường", "dũng", "ánh"]) + str(i % 7),
                rng.randrange(6))  # few sizes: many ties, broken by the load order


def _fresh(items, sort, search, predicate=None):
    fresh = ItemModel()
    fresh.set_rows(sorted(items.values(), key=fresh.order_key))
    fresh.sort(*sort)
    fresh.set_search(search)
    fresh.set_predicate(predicate)
    return fresh.ids()


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("sort", [(1, ASC), (1, DESC), (0, ASC), (0, DESC)])
def test_search_in_a_sorted_list_after_changes_equals_a_fresh_load(qapp, seed, sort):
    rng = random.Random(seed)
    items = {i: _item(rng, i) for i in range(80)}
    model = ItemModel()
    model.set_rows(sorted(items.values(), key=model.order_key))
    model.sort(*sort)
    searches = ["a", "an", "an1", "", "b", "ánh", "c"]
    for round_ in range(10):
        changed = [items[i]._replace(size=rng.randrange(6), group=rng.randrange(4))
                   for i in rng.sample(sorted(items), rng.choice([2, 40]))]  # few: moved; many: reset
        added = [_item(rng, 200 + 3 * round_ + k) for k in range(rng.randrange(3))]
        gone = [i for i in rng.sample(sorted(items), 2) if i not in {c.id for c in changed}]
        for r in changed + added:
            items[r.id] = r
        for i in gone:
            del items[i]
        model.apply_changes(changed + added, gone)
        for text in searches[round_ % 3:round_ % 3 + 3]:  # keystrokes after the change
            model.set_search(text)
            assert model.ids() == _fresh(items, sort, text)
        # the other direction, then back, with a filter on
        other = (sort[0], DESC if sort[1] == ASC else ASC)
        model.set_predicate(lambda r: r.size != 2)
        model.sort(*other)
        assert model.ids() == _fresh(items, other, model._search, lambda r: r.size != 2)
        model.sort(*sort)
        model.set_predicate(None)
        assert model.ids() == _fresh(items, sort, model._search)


def test_descending_is_the_exact_reverse_of_ascending(qapp):
    rng = random.Random(3)
    model = ItemModel()
    model.set_rows(sorted((_item(rng, i) for i in range(50)), key=model.order_key))
    model.sort(1, ASC)
    ascending = model.ids()
    model.sort(1, DESC)
    assert model.ids() == ascending[::-1]
    sizes = [model.get(i).size for i in model.ids()]
    assert sizes == sorted(sizes, reverse=True) and len(set(sizes)) < len(sizes)  # ties were there


@pytest.mark.parametrize("sort", [None, ("due_date", ASC)])
def test_the_task_search_finds_what_a_plain_fold_of_every_part_finds(qapp, ctx, sort):
    # the search text kept in two parts (the stored fold as it is, then the short texts)
    # finds the rows a fold of all they show would find, before and after a change
    from desktop_app.core.text import fold
    from desktop_app.gui.models import TaskTableModel
    from desktop_app.reports.tasks import list_tasks

    rows = list_tasks(ctx.db, ctx.as_of, with_coordinators=True)
    model = TaskTableModel()
    model.set_rows(rows)
    if sort:
        model.sort(model.column_index(sort[0]), sort[1])

    def expected(needle, rows):
        parts = lambda r: (r.content, r.product, r.group_title, r.lead_body_name, r.deadline_text,  # noqa: E731
                           r.coordinating_bodies, r.program_label)
        return {r.id for r in rows if any(needle in fold(p) for p in parts(r))}

    needles = ["dang uy", "quy ii", "so noi vu", "ctr/tu", "tuyen truyen", "zzz khong co"]
    for needle in needles:
        model.set_search(needle)
        assert set(model.ids()) == expected(needle, rows), needle
    assert any(expected(n, rows) for n in needles[:3])
    # a row whose own text changes is found by its new words only
    first = rows[0]
    changed = first._replace(content="Nhiệm vụ hoàn toàn mới", search_fold="nhiem vu hoan toan moi")
    model.apply_changes([changed])
    rows = [changed] + rows[1:]
    for needle in ["hoan toan moi", needles[0]]:
        model.set_search(needle)
        assert set(model.ids()) == expected(needle, rows), needle


def test_bulk_sort_keys_equal_the_row_by_row_ones(qapp, ctx):
    from desktop_app.gui.models import TaskTableModel
    from desktop_app.reports.tasks import list_tasks

    rows = list_tasks(ctx.db, ctx.as_of, with_coordinators=True)
    assert any(r.due_date is None for r in rows) and any(r.assigned_date is None for r in rows)
    model = TaskTableModel()
    model.set_rows(rows)
    bulk = [i for i, c in enumerate(model.columns) if c.bulk_sort is not None]
    assert {model.columns[i].key for i in bulk} >= {"due_date", "deadline", "assigned_date", "last_reported_on"}
    for i in bulk:
        col = model.columns[i]
        assert model._sort_keys(i) == {r.id: (0, col.sort(r), n) for n, r in enumerate(rows)}, col.key
    # a broken row: every key row by row, the broken one with the placeholder key, sorted last
    broken = rows[0]._replace(due_date="not a date")
    model.set_rows([broken] + rows[1:])
    due = model.column_index("due_date")
    assert model._sort_keys(due)[broken.id][:2] == (1, ())
    model.sort(due, ASC)
    assert model.ids()[-1] == broken.id and model.ids()[:-1] == sorted(
        (r.id for r in rows[1:]), key=lambda i: model._sort_keys(due)[i])


@pytest.mark.parametrize("selected", [1, 12])  # a few persistent indexes, then many
def test_the_selection_follows_its_rows_through_a_sort(qapp, selected):
    from PySide6.QtCore import QItemSelectionModel
    from PySide6.QtWidgets import QTableView

    rng = random.Random(5)
    model = ItemModel()
    model.set_rows(sorted((_item(rng, i) for i in range(40)), key=model.order_key))
    table = QTableView()
    table.setModel(model)
    chosen = rng.sample(model.ids(), selected)
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for rid in chosen:
        table.selectionModel().select(model.index(model.row_of(rid), 0), flags)
    table.selectionModel().setCurrentIndex(model.index(model.row_of(chosen[0]), 1),
                                           QItemSelectionModel.SelectionFlag.NoUpdate)
    for column, order in [(1, DESC), (0, ASC), (1, ASC)]:
        table.sortByColumn(column, order)
        rows = {i.row() for i in table.selectionModel().selectedRows()}
        assert {model.id_at(r) for r in rows} == set(chosen)
        assert model.id_at(table.currentIndex().row()) == chosen[0] and table.currentIndex().column() == 1
    table.deleteLater()
