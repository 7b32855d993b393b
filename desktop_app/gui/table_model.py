"""A table model over ids with a row cache (as Anki's browser table): rows are fetched
once through ``reports``, then filtered and sorted in memory, so search keystrokes and
sorting stay fast on 100,000 tasks. ``data()`` never raises: a broken row shows a
placeholder, and the error is logged (once per column and kind of error)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ..core.text import fold, sort_key

ID_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
PLACEHOLDER = "⚠"

log = logging.getLogger(__name__)
_logged: set[tuple[str, str, str]] = set()


def _log_broken_cell(model, column: Column, exc: Exception) -> None:
    key = (type(model).__name__, column.key, type(exc).__name__)
    if key not in _logged:  # data() is called for every repaint: once is enough
        _logged.add(key)
        log.error("Ô không hiển thị được (%s, cột %s)", key[0], key[1], exc_info=exc)


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    display: Callable[[Any], str]
    # Sort key; None means "Vietnamese alphabetical order of the displayed text".
    sort: Callable[[Any], Any] | None = None
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    tooltip: Callable[[Any], str] | None = None
    hidden_by_default: bool = False
    width: int = 0  # initial width in pixels (0: Qt's default)
    extra_roles: dict = field(default_factory=dict)  # role -> callable(row)
    # The value exports write (a date, a number…); None: the displayed text.
    export: Callable[[Any], Any] | None = None
    # The header's tooltip when the title alone could be misread (None: the title).
    header_tooltip: str | None = None


class RowCacheModel(QAbstractTableModel):
    def __init__(self, columns: list[Column], parent=None):
        super().__init__(parent)
        self.columns = columns
        self._rows: dict[int, Any] = {}
        self._order: list[int] = []  # ids in load order
        self._visible: list[int] = []
        self._folded: dict[int, str] = {}
        self._search = ""
        self._predicate: Callable[[Any], bool] | None = None
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._sort_cache: dict[int, dict[int, Any]] = {}

    def column_index(self, key: str) -> int:
        """The position of the column named *key* (columns may be reordered in code)."""
        return next(i for i, c in enumerate(self.columns) if c.key == key)

    # --- content -------------------------------------------------------------------------
    def row_id(self, row: Any) -> int:
        return row.id

    def search_text(self, row: Any) -> str:
        """Text the quick search looks in (folded once per load)."""
        return " ".join(c.display(row) for c in self.columns)

    def set_rows(self, rows: Iterable[Any]) -> None:
        self.beginResetModel()
        self._rows = {}
        self._order = []
        for row in rows:
            rid = self.row_id(row)
            self._rows[rid] = row
            self._order.append(rid)
        self._folded = {}
        self._haystack = None
        self._last_hits = None
        self._sort_cache = {}
        self._visible = self._compute_visible()
        self.endResetModel()

    def folded_search_text(self, row: Any) -> str:
        """The folded text the quick search looks in; override to reuse stored folds."""
        return fold(self.search_text(row))

    def haystack(self) -> list[str]:
        """Folded search text of every row, in load order (built once per load)."""
        return [self.folded_search_text(self._rows[i]) for i in self._order]

    def prepare_search(self) -> None:
        """Build the search text now (call when idle) so the first keystroke is quick."""
        if self._haystack is None:
            self._haystack = self.haystack()

    def _search_hits(self, needle: str) -> list[int]:
        # Typing one more letter can only narrow the hits: search within the last ones.
        if self._haystack is None:
            self._haystack = self.haystack()
        last = self._last_hits
        if last is not None and last[0] in needle:
            positions = [p for p in last[1] if needle in self._haystack[p]]
        else:
            positions = [p for p, text in enumerate(self._haystack) if needle in text]
        self._last_hits = (needle, positions)
        order = self._order
        return [order[p] for p in positions]

    _haystack: list[str] | None = None
    _last_hits: tuple[str, list[int]] | None = None

    def _folded_text(self, rid: int) -> str:
        text = self._folded.get(rid)
        if text is None:
            text = self._folded[rid] = self.folded_search_text(self._rows[rid])
        return text

    def _compute_visible(self) -> list[int]:
        ids = self._order
        if self._search:
            ids = self._search_hits(self._search)
        if self._predicate is not None:
            rows, keep = self._rows, self._predicate
            ids = [i for i in ids if keep(rows[i])]
        if self._sort_column >= 0:
            keys = self._sort_keys(self._sort_column)
            ids = sorted(ids, key=keys.__getitem__,
                         reverse=self._sort_order == Qt.SortOrder.DescendingOrder)
        return list(ids)

    def _refilter(self) -> None:
        self.beginResetModel()
        self._visible = self._compute_visible()
        self.endResetModel()

    def set_search(self, text: str) -> None:
        folded = fold(text)
        if folded != self._search:
            self._search = folded
            self._refilter()

    def set_predicate(self, predicate: Callable[[Any], bool] | None) -> None:
        self._predicate = predicate
        self._refilter()

    def ids(self) -> list[int]:
        """Visible ids in view order (what you see is what you export)."""
        return list(self._visible)

    def all_count(self) -> int:
        return len(self._order)

    def row_at(self, row: int) -> Any:
        return self._rows[self._visible[row]]

    def id_at(self, row: int) -> int:
        return self._visible[row]

    def row_of(self, rid: int) -> int:
        try:
            return self._visible.index(rid)
        except ValueError:
            return -1

    def get(self, rid: int) -> Any | None:
        return self._rows.get(rid)

    def export_value(self, row: int, column: int) -> Any:
        """The value an export writes for a visible cell: the column's raw value (dates
        stay dates, numbers numbers) or its displayed text; never raises."""
        try:
            col = self.columns[column]
            item = self._rows[self._visible[row]]
            return col.export(item) if col.export is not None else col.display(item)
        except Exception:
            return PLACEHOLDER

    # --- sorting ------------------------------------------------------------------------
    def _sort_keys(self, column: int) -> dict[int, Any]:
        keys = self._sort_cache.get(column)
        if keys is None:
            col = self.columns[column]
            make = col.sort or (lambda r, d=col.display: sort_key(d(r)))
            keys = {}
            for rid, row in self._rows.items():
                try:
                    keys[rid] = (0, make(row))
                except Exception:
                    keys[rid] = (1, ())
            # tie-break on load order so sorting is stable and total
            for pos, rid in enumerate(self._order):
                keys[rid] = (*keys[rid], pos)
            self._sort_cache[column] = keys
        return keys

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self.layoutAboutToBeChanged.emit()
        old = [(QPersistentModelIndex(i), self._visible[i.row()]) for i in self.persistentIndexList()
               if i.isValid() and i.row() < len(self._visible)]
        self._sort_column, self._sort_order = column, order
        keys = self._sort_keys(column)
        self._visible.sort(key=keys.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder)
        position = {rid: n for n, rid in enumerate(self._visible)}
        self.changePersistentIndexList(
            [QModelIndex(p) for p, _ in old],
            [self.index(position[rid], p.column()) for p, rid in old],
        )
        self.layoutChanged.emit()

    # --- Qt model interface ----------------------------------------------------------------
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.columns[section].title
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.columns[section].header_tooltip or self.columns[section].title
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._visible)) \
                or not (0 <= index.column() < len(self.columns)):
            return None
        try:
            row = self._rows[self._visible[index.row()]]
            col = self.columns[index.column()]
            if role == Qt.ItemDataRole.DisplayRole:
                return col.display(row)
            if role == ID_ROLE:
                return self._visible[index.row()]
            if role == ROW_ROLE:
                return row
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(col.align)
            if role == Qt.ItemDataRole.ToolTipRole:
                return col.tooltip(row) if col.tooltip else None
            extra = col.extra_roles.get(role) or self.row_roles().get(role)
            if extra is not None:
                return extra(row)
        except Exception as exc:  # a broken row must never break the view
            _log_broken_cell(self, self.columns[index.column()], exc)
            return PLACEHOLDER if role == Qt.ItemDataRole.DisplayRole else None
        return None

    def row_roles(self) -> dict:
        """Roles computed for every cell of a row (e.g. status colours); override."""
        return {}

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
