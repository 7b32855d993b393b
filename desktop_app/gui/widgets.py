"""Small reusable widgets: searchable pickers, plain-text editors that commit on focus-out,
the status legend."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox, QCompleter, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit,
    QVBoxLayout, QWidget,
)

from ..core.status import STATUS_COLOURS, STATUS_ORDER
from ..core.text import fold
from .i18n import _
from .models import status_label

MATCH_ROLE = Qt.ItemDataRole.UserRole + 10
ID_ROLE = Qt.ItemDataRole.UserRole + 11


class CommitPlainTextEdit(QPlainTextEdit):
    """A plain-text editor that announces ``editingFinished`` when it loses focus, like a
    QLineEdit, so multi-line fields save the same way."""

    editingFinished = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self._dirty = False
        self.textChanged.connect(self._mark)

    def _mark(self) -> None:
        self._dirty = True

    def setPlainText(self, text: str) -> None:  # noqa: N802 - Qt naming
        super().setPlainText(text)
        self._dirty = False

    def focusOutEvent(self, event) -> None:  # noqa: N802
        super().focusOutEvent(event)
        if self._dirty:
            self._dirty = False
            self.editingFinished.emit()


class SearchableComboBox(QComboBox):
    """A combo box whose typed text finds items ignoring case and diacritics
    ("dang uy" finds "Đảng ủy"). Items carry an id; ``current_id`` / ``set_current_id``."""

    idChanged = Signal(object)

    def __init__(self, parent=None, none_text: str | None = None):
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        # long body names must not make the box (and the details panel) wider than the screen
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(14)
        self._none_text = none_text
        self._model = QStandardItemModel(self)
        self.setModel(self._model)
        completer = QCompleter(self._model, self)
        completer.setCompletionRole(MATCH_ROLE)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.activated[QModelIndex].connect(self._completed)
        self.setCompleter(completer)
        self.activated.connect(lambda _row: self.idChanged.emit(self.current_id()))
        self.lineEdit().editingFinished.connect(self._typed)

    def set_items(self, items: list[tuple[int, str]]) -> None:
        """(id, text) pairs; keeps the current id when it is still there."""
        current = self.current_id()
        self.blockSignals(True)
        self._model.clear()
        if self._none_text is not None:
            self._append(None, self._none_text)
        for item_id, text in items:
            self._append(item_id, text)
        self.blockSignals(False)
        self.set_current_id(current)

    def _append(self, item_id, text: str) -> None:
        item = QStandardItem(text)
        item.setData(f"{text} | {fold(text)}", MATCH_ROLE)
        item.setData(item_id, ID_ROLE)
        self._model.appendRow(item)

    def current_id(self):
        index = self.currentIndex()
        if index < 0:
            return None
        return self._model.item(index).data(ID_ROLE)

    def set_current_id(self, item_id) -> None:
        self.blockSignals(True)
        for row in range(self._model.rowCount()):
            if self._model.item(row).data(ID_ROLE) == item_id:
                self.setCurrentIndex(row)
                break
        else:
            self.setCurrentIndex(0 if self._none_text is not None and self._model.rowCount() else -1)
        self.blockSignals(False)

    def _completed(self, index: QModelIndex) -> None:
        item_id = index.data(ID_ROLE)
        self.set_current_id(item_id)
        self.idChanged.emit(item_id)

    def _typed(self) -> None:
        # Leaving the box with text that names no item: go back to the current item.
        text = self.lineEdit().text()
        row = self.currentIndex()
        if row >= 0 and self._model.item(row).text() != text:
            matches = [r for r in range(self._model.rowCount())
                       if fold(self._model.item(r).text()) == fold(text)]
            if matches:
                self.setCurrentIndex(matches[0])
                self.idChanged.emit(self.current_id())
            else:
                self.lineEdit().setText(self._model.item(row).text())


class CheckListPicker(QWidget):
    """Searchable multi-select: a filter box over a checkable list. ``checkedChanged`` is
    emitted with the checked ids in list order."""

    checkedChanged = Signal(list)

    def __init__(self, parent=None, placeholder: str = ""):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(placeholder or _("Lọc (gõ không dấu cũng được)…"))
        self.filter.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        self.list.setMaximumHeight(140)
        layout.addWidget(self.filter)
        layout.addWidget(self.list)
        self.filter.textChanged.connect(self._apply_filter)
        self.list.itemChanged.connect(self._changed)
        self._loading = False

    def set_items(self, items: list[tuple[int, str]], checked: list[int]) -> None:
        self._loading = True
        self.list.clear()
        order = {i: n for n, i in enumerate(checked)}
        # checked first (in their order), then the rest
        for item_id, text in sorted(items, key=lambda it: (it[0] not in order, order.get(it[0], 0))):
            item = QListWidgetItem(text, self.list)
            item.setData(ID_ROLE, item_id)
            item.setData(MATCH_ROLE, fold(text))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if item_id in order else Qt.CheckState.Unchecked)
        self._loading = False
        self._apply_filter(self.filter.text())

    def checked_ids(self) -> list[int]:
        return [self.list.item(r).data(ID_ROLE) for r in range(self.list.count())
                if self.list.item(r).checkState() == Qt.CheckState.Checked]

    def set_checked(self, item_id: int, checked: bool) -> None:
        for r in range(self.list.count()):
            item = self.list.item(r)
            if item.data(ID_ROLE) == item_id:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def _apply_filter(self, text: str) -> None:
        needle = fold(text)
        for r in range(self.list.count()):
            item = self.list.item(r)
            item.setHidden(bool(needle) and needle not in item.data(MATCH_ROLE))

    def _changed(self, _item) -> None:
        if not self._loading:
            self.checkedChanged.emit(self.checked_ids())


class StatusLegend(QWidget):
    """The colour convention of every task table (green done on time, blue in progress…)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(QLabel(_("Chú giải:")))
        for status in STATUS_ORDER:
            swatch = QLabel("  ")
            swatch.setObjectName(f"legend-{status}")
            swatch.setStyleSheet(f"background:{QColor(STATUS_COLOURS[status]).name()}; border:1px solid #666;")
            swatch.setFixedSize(16, 14)
            layout.addWidget(swatch)
            layout.addWidget(QLabel(status_label(status)))
        layout.addStretch(1)
