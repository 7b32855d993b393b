"""Small reusable widgets: searchable pickers, plain-text editors that commit on focus-out,
the status legend."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox, QCompleter, QHBoxLayout, QLabel, QLayout, QLineEdit, QListWidget, QListWidgetItem,
    QMenu, QPlainTextEdit, QPushButton, QSizePolicy, QStyle, QStyleOptionButton, QToolButton, QVBoxLayout, QWidget,
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


class _NameCompleter(QCompleter):
    """Matches the completion role ("name | folded name") but writes the real name into the
    box when an item is highlighted or chosen (never "… | so khoa hoc va cong nghe")."""

    def pathFromIndex(self, index: QModelIndex) -> str:  # noqa: N802 - Qt naming
        return index.data(Qt.ItemDataRole.DisplayRole) or ""


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
        completer = _NameCompleter(self._model, self)
        completer.setCompletionRole(MATCH_ROLE)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.activated[QModelIndex].connect(self._completed)
        self.setCompleter(completer)
        self.activated.connect(lambda _row: self.idChanged.emit(self.current_id()))
        self.currentIndexChanged.connect(lambda _row: self._show_start())
        self.lineEdit().editingFinished.connect(self._typed)

    _pending: Callable[[], list[tuple[int, str]]] | None = None  # the items not in the list yet

    def set_items(self, items: list[tuple[int, str]] | Callable[[], list[tuple[int, str]]], *,
                  lazy: bool = False) -> None:
        """(id, text) pairs, or what reads them; keeps the current id when it is still there.
        *lazy*: the list is built when first needed (opened, focused, another id chosen), and
        read then if *items* reads it (unless an item is chosen, which must be shown now): a
        filter over thousands of programmes costs a noticeable part of the start-up."""
        current = self.current_id()
        if lazy and current is None and callable(items):
            self._pending = items
            self._build([], None)
            return
        listed = items() if callable(items) else list(items)
        if lazy:
            self._pending = lambda: listed
            self._build([item for item in listed if item[0] == current], current)
        else:
            self._pending = None
            self._build(listed, current)

    def _build(self, items, current) -> None:
        self.blockSignals(True)
        self._model.clear()
        if self._none_text is not None:
            self._append(None, self._none_text)
        for item_id, text in items:
            self._append(item_id, text)
        self.blockSignals(False)
        self._select(current)

    def _ensure_items(self) -> None:
        if self._pending is not None:
            read, self._pending = self._pending, None
            self._build(read(), self.current_id())

    def showPopup(self) -> None:  # noqa: N802 - Qt naming
        self._ensure_items()
        super().showPopup()

    def focusInEvent(self, event) -> None:  # noqa: N802 - Qt naming
        self._ensure_items()  # before typing: the completer searches every item
        super().focusInEvent(event)

    def wheelEvent(self, event) -> None:  # noqa: N802 - Qt naming
        self._ensure_items()
        super().wheelEvent(event)

    def item_count(self) -> int:
        """How many items the list offers (the "none" item included; a lazy list is built)."""
        self._ensure_items()
        return self._model.rowCount()

    def _append(self, item_id, text: str) -> None:
        item = QStandardItem(text)
        item.setData(f"{text} | {fold(text)}", MATCH_ROLE)
        item.setData(item_id, ID_ROLE)
        self._model.appendRow(item)

    def _show_start(self) -> None:
        """A long name shows its start ("Ban Tuyên giáo và Dân vận…"), the whole in the tooltip."""
        row = self.currentIndex()
        name = self._model.item(row).text() if row >= 0 and self._model.item(row) is not None else ""
        self.lineEdit().setCursorPosition(0)
        self.setToolTip(name)

    def current_id(self):
        index = self.currentIndex()
        if index < 0:
            return None
        return self._model.item(index).data(ID_ROLE)

    def set_current_id(self, item_id) -> None:
        if item_id is not None:
            self._ensure_items()
        self._select(item_id)

    def _select(self, item_id) -> None:
        self.blockSignals(True)
        for row in range(self._model.rowCount()):
            if self._model.item(row).data(ID_ROLE) == item_id:
                self.setCurrentIndex(row)
                break
        else:
            self.setCurrentIndex(0 if self._none_text is not None and self._model.rowCount() else -1)
        self.blockSignals(False)
        self._show_start()

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
        self._show_start()


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


_JOINER = "\u2060"  # WORD JOINER: no line break here, and nothing drawn
_SYMBOL_JOINTS = re.compile(r"(?<=\w)([-/])(?=\w)")


class HeadingLabel(QLabel):
    """A wrapped heading that never breaks a document symbol («42-NQ/TW», «15-CTr/TU»)
    across two lines; ``text()`` gives the text as set."""

    def setText(self, text: str) -> None:  # noqa: N802
        super().setText(_SYMBOL_JOINTS.sub(r"\1" + _JOINER, text))

    def text(self) -> str:
        return super().text().replace(_JOINER, "")


class StatusLegend(QWidget):
    """The colour convention of every task table (green done on time, blue in progress…):
    one line of swatches and labels when the width allows, else one «Chú giải màu» button
    whose menu lists them. It never takes more than one line under a table on a 1366×768
    screen (the status column writes each status in words anyway)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.line = QWidget(self)
        row = QHBoxLayout(self.line)
        row.setContentsMargins(4, 2, 4, 2)
        row.setSpacing(8)
        row.addWidget(QLabel(_("Chú giải:"), self.line))
        for status in STATUS_ORDER:
            entry = QWidget(self.line)
            pair = QHBoxLayout(entry)
            pair.setContentsMargins(0, 0, 0, 0)
            pair.setSpacing(4)
            swatch = QLabel("  ", entry)
            swatch.setObjectName(f"legend-{status}")
            swatch.setStyleSheet(f"background:{QColor(STATUS_COLOURS[status]).name()}; border:1px solid #666;")
            swatch.setFixedSize(16, 14)
            pair.addWidget(swatch)
            pair.addWidget(QLabel(status_label(status), entry))
            row.addWidget(entry)
        self.line.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.button = QToolButton(self)
        self.button.setObjectName("legend-button")
        self.button.setText(_("Chú giải màu"))
        self.button.setToolTip(_("Màu của từng trạng thái trong bảng nhiệm vụ"))
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.button)
        for status in STATUS_ORDER:
            swatch = QPixmap(16, 14)
            swatch.fill(QColor(STATUS_COLOURS[status]))
            menu.addAction(QIcon(swatch), status_label(status))
        self.button.setMenu(menu)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addStretch(1)
        outer.addWidget(self.line)
        outer.addWidget(self.button)
        # as wide as it is given (the footer's room): the line or the button, whichever fits
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self._fit(self.width())

    def compact(self) -> bool:
        """Whether the legend is folded into its button (too narrow for the line)."""
        return not self.line.isVisibleTo(self)

    def sizeHint(self) -> QSize:  # noqa: N802
        line = self.line.sizeHint()
        return QSize(line.width(), max(line.height(), self.button.sizeHint().height()))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(self.button.sizeHint().width(), self.sizeHint().height())

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit(event.size().width())

    def _fit(self, width: int) -> None:
        fits = self.line.sizeHint().width() <= width
        self.line.setVisible(fits)  # (no-ops when already so)
        self.button.setVisible(not fits)


class FlowLayout(QLayout):
    """Lays its items out left to right and wraps onto the next line when the width runs
    out (as Qt's flow-layout example): its minimum width is that of its widest item."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6):
        super().__init__(parent)
        self._items = []
        self._spacing = spacing

    def addItem(self, item) -> None:  # noqa: N802
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int):  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int):  # noqa: N802
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self):  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802
        m = self.contentsMargins()
        width = sum(i.sizeHint().width() for i in self._items) + self._spacing * max(0, len(self._items) - 1)
        height = max((i.sizeHint().height() for i in self._items), default=0)
        return QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    def minimumSize(self) -> QSize:  # noqa: N802
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _arrange(self, rect: QRect, move: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        x, y, line_height = area.x(), area.y(), 0
        for item in self._items:
            if item.isEmpty():
                continue
            hint = item.sizeHint()
            if x > area.x() and x + hint.width() > area.right() + 1:
                x, y = area.x(), y + line_height + self._spacing
                line_height = 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            line_height = max(line_height, hint.height())
        return y + line_height - rect.y() + m.bottom()


class WrappingButton(QPushButton):
    """A push button whose text wraps onto several lines when it is narrow, so a row of long
    labels (the dashboard's figures) does not set the window's minimum width."""

    PADDING = 10

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def _text_rect(self, width: int) -> QRect:
        return self.fontMetrics().boundingRect(QRect(0, 0, max(1, width - 2 * self.PADDING), 10_000),
                                               int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
                                               self.text())

    def sizeHint(self) -> QSize:  # noqa: N802
        lines = self.text().split("\n")
        width = max((self.fontMetrics().horizontalAdvance(line) for line in lines), default=0)
        return QSize(width + 2 * self.PADDING, self.heightForWidth(width + 2 * self.PADDING))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        words = self.text().split()
        width = max((self.fontMetrics().horizontalAdvance(w) for w in words), default=0) + 2 * self.PADDING
        width = max(width, 130)
        return QSize(width, self.heightForWidth(width))

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._text_rect(width).height() + 2 * self.PADDING

    def setText(self, text: str) -> None:  # noqa: N802
        super().setText(text)
        self.updateGeometry()

    def paintEvent(self, _event) -> None:  # noqa: N802
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.text = ""  # the bevel only; the text is drawn wrapped below
        painter = QPainter(self)
        self.style().drawControl(QStyle.ControlElement.CE_PushButton, option, painter, self)
        painter.setPen(self.palette().buttonText().color())
        painter.drawText(self.rect().adjusted(self.PADDING, self.PADDING, -self.PADDING, -self.PADDING),
                         int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), self.text())
        painter.end()
