"""Guard against the PySide6 release that loses references to None/True/False.

PySide6 6.12.0 on Python 3.11 decrements None's reference count in most calls
(QStandardItem.setData, QListWidget.clear…); after enough of them the interpreter aborts
with "Fatal Python error: none_dealloc" (it did, on exit, with 100,000 tasks). Python
3.12+ makes None immortal, so there the counts never move and these tests pass trivially.
"""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from desktop_app.gui.widgets import CheckListPicker, SearchableComboBox

ROLE = Qt.ItemDataRole.UserRole + 11


def _counts() -> tuple[int, int, int]:
    gc.collect()
    return sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)


def _drift(fn, n: int = 200) -> tuple[int, int, int]:
    fn()
    before = _counts()
    for _ in range(n):
        fn()
    after = _counts()
    return tuple(a - b for a, b in zip(after, before))


def test_item_data_keeps_singletons_alive(qapp):
    item = QStandardItem("x")
    model = QStandardItemModel()

    def work():
        item.setData(None, ROLE)
        item.setData(5, ROLE)
        item.data(ROLE)
        model.appendRow(QStandardItem("y"))
        model.clear()

    drift = _drift(work)
    assert all(d >= -5 for d in drift), f"reference counts of None/True/False drift: {drift}"


def test_pickers_keep_singletons_alive(qapp):
    combo = SearchableComboBox(none_text="(không)")
    picker = CheckListPicker()
    items = [(i, f"Cơ quan {i}") for i in range(30)]

    def work():
        combo.set_items(items)
        combo.set_current_id(3)
        picker.set_items(items, [1, 2])

    drift = _drift(work, 50)
    assert all(d >= -5 for d in drift), f"reference counts of None/True/False drift: {drift}"
