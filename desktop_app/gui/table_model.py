"""A table model over ids with a row cache (as Anki's browser table): rows are fetched
once through ``reports``, then filtered and sorted in memory, so search keystrokes and
sorting stay fast on 100,000 tasks. ``data()`` never raises: a broken row shows a
placeholder, and the error is logged (once per column and kind of error)."""

from __future__ import annotations


import gc
import logging
from bisect import bisect_left
from itertools import count, repeat
from operator import attrgetter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ..core.text import fold, sort_key

ID_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
# plain ints and flags: looking up a Qt enum member costs about a microsecond, and data() is
# called for every role of every cell shown (a search keystroke repaints the whole list)
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ENABLED = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_NO_FLAGS = Qt.ItemFlag.NoItemFlags
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
    # The sort keys of many rows at once, the same values as *sort* gives row by row, built
    # without a Python call per row (the first sort of 100,000 rows); None: row by row.
    bulk_sort: Callable[[list[Any]], list[Any]] | None = None


_ID = attrgetter("id")


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
        # id of a column → (the column, kept alive so its id stays its own; its role handlers)
        self._role_handlers: dict[int, tuple[Column, dict]] = {}

    def column_index(self, key: str) -> int:
        """The position of the column named *key* (columns may be reordered in code)."""
        return next(i for i, c in enumerate(self.columns) if c.key == key)

    # --- content -------------------------------------------------------------------------
    def row_id(self, row: Any) -> int:
        return row.id

    def search_text(self, row: Any) -> str:
        """Text the quick search looks in (folded once per load)."""
        return " ".join(c.display(row) for c in self.columns)

    def set_rows(self, rows: Iterable[Any], search_texts: tuple[list[str], list[str]] | None = None) -> None:
        """Show *rows*; *search_texts*: their search texts (:meth:`search_parts` of each, the
        two parts as two lists in the rows' order) when already made, else made when idle."""
        self.beginResetModel()
        rows = rows if isinstance(rows, list) else list(rows)
        # (100,000 rows: one C-level pass, not a Python call per row, when ids are row.id)
        ids = map(self.row_id if type(self).row_id is not RowCacheModel.row_id else _ID, rows)
        self._rows = dict(zip(ids, rows))
        self._order = list(self._rows)
        self._folded = {}
        self._haystack = None
        if search_texts is not None and len(search_texts[0]) == len(self._order):
            self._haystack, self._extra = search_texts
        self._last_hits = None
        self._sort_cache = {}
        self._sorted = None
        self._visible = self._compute_visible()
        self.endResetModel()

    def order_key(self, row: Any) -> Any:
        """Where *row* belongs in the load order (the order shown before any sort), for rows
        added after the load; None: at the end. Override when the loaded rows are ordered."""
        return None

    def apply_changes(self, rows: Iterable[Any], deleted: Iterable[int] = ()) -> None:
        """Replace or add just these *rows* and drop the *deleted* ids, keeping the search,
        the filter and the sort applied: each row that changes place is moved, inserted or
        removed with its own signal (the selection stays on its row). Many rows at once
        (an import, an undo of one) are applied in one reset instead."""
        changed = {self.row_id(r): r for r in rows}
        gone = [rid for rid in dict.fromkeys(deleted) if rid in self._rows and rid not in changed]
        if not changed and not gone:
            return
        self._last_hits = None  # positions in the load order move
        if len(changed) + len(gone) > self.FEW:
            self._apply_many(changed, gone)
            return
        # 1. the load order, and the search text kept in the same order
        for rid in gone:
            self._drop_from_order(rid)
            del self._rows[rid]
            self._folded.pop(rid, None)
        placed: set[int] = set()
        for rid, row in changed.items():
            old = self._rows.get(rid)
            if old is not None and self.order_key(row) != self.order_key(old):
                self._drop_from_order(rid)
                old = None
            self._rows[rid] = row
            self._folded.pop(rid, None)
            if old is None:
                placed.add(rid)
                key = self.order_key(row)
                at = len(self._order) if key is None else self._bisect(
                    self._order, lambda i: self.order_key(self._rows[i]), key, False)
                self._order.insert(at, rid)
                if self._haystack is not None:
                    own, extra = self.search_parts(row)
                    self._haystack.insert(at, own)
                    self._extra.insert(at, extra)
            elif self._haystack is not None:
                at = self._order.index(rid)
                self._haystack[at], self._extra[at] = self.search_parts(row)
        self._update_sort_keys(changed, gone, placed)
        self._resort_changed(changed, gone)
        # 2. the visible rows, one signal each
        # Each row is placed by a binary search, which needs the others in order: first
        # take out the rows that went and the changed ones but one, then place that one (a
        # move or a cell change: its selection stays), then put the others back.
        visible = set(self._visible)
        changed_shown = [rid for rid in changed if rid in visible]
        keeper = changed_shown[0] if changed_shown else None
        for rid in gone + [rid for rid in changed_shown if rid != keeper]:
            self._place_visible(rid, False, None, False)
        key_of, reverse = self._visible_key()
        if keeper is not None:
            self._place_visible(keeper, self._accepts(changed[keeper]), key_of, reverse)
        for rid, row in changed.items():
            if rid != keeper:
                self._place_visible(rid, self._accepts(row), key_of, reverse)

    FEW = 32  # up to this many rows are placed one by one

    def _drop_from_order(self, rid: int) -> None:
        at = self._order.index(rid)
        del self._order[at]
        if self._haystack is not None:
            del self._haystack[at]
            del self._extra[at]

    def _apply_many(self, changed: dict[int, Any], gone: list[int]) -> None:
        dropped = set(gone)
        for rid in gone:
            del self._rows[rid]
        added = [rid for rid in changed if rid not in self._rows]
        self._rows.update(changed)
        order = [rid for rid in self._order if rid not in dropped] + added
        if any(self.order_key(changed[rid]) is not None for rid in changed):
            order.sort(key=lambda i: self.order_key(self._rows[i]))
        self._order = order
        for rid in list(changed) + gone:
            self._folded.pop(rid, None)
        self._haystack = None
        self._update_sort_keys(changed, gone)
        self._sorted = None
        self._refilter()

    def _update_sort_keys(self, changed: dict[int, Any], gone: list[int], placed: set[int] | None = None) -> None:
        """New sort keys for the changed rows; *placed*: those that took a new place in the
        load order, whose tie-break moves between their new neighbours' (as a fresh load
        would order them). Without *placed* (many rows) the keys are simply rebuilt."""
        if placed is None:
            self._sort_cache = {}
            return
        in_order = sorted(placed, key=self._order.index)
        for column, keys in self._sort_cache.items():
            for rid in gone:
                keys.pop(rid, None)
            for rid in placed:
                keys.pop(rid, None)
            col = self.columns[column]
            make = col.sort or (lambda r, d=col.display: sort_key(d(r)))
            for rid in in_order + [rid for rid in changed if rid not in placed]:
                # in load order, so the next placed row sees this one's tie
                tie = self._tie_between(keys, rid) if rid in placed else keys[rid][-1]
                try:
                    keys[rid] = (0, make(changed[rid]), tie)
                except Exception:
                    keys[rid] = (1, (), tie)

    def _tie_between(self, keys: dict, rid: int) -> float:
        order = self._order
        at = order.index(rid)
        before = next((keys[order[j]][-1] for j in range(at - 1, -1, -1) if order[j] in keys), None)
        after = next((keys[order[j]][-1] for j in range(at + 1, len(order)) if order[j] in keys), None)
        if before is None:
            return 0 if after is None else after - 1
        if after is None:
            return before + 1
        return (before + after) / 2

    def _accepts(self, row: Any) -> bool:
        if self._search:
            own, extra = self.search_parts(row)
            if self._search not in own and self._search not in extra:
                return False
        return self._predicate is None or bool(self._predicate(row))

    def _visible_key(self):
        """The key the visible rows are ordered by, and whether it is descending."""
        if self._sort_column >= 0:
            keys = self._sort_keys(self._sort_column)
            return keys.__getitem__, self._sort_order == Qt.SortOrder.DescendingOrder
        order_key, rows = self.order_key, self._rows
        if any(order_key(rows[rid]) is not None for rid in self._order[:1]):
            return (lambda rid: order_key(rows[rid])), False
        rank = {rid: n for n, rid in enumerate(self._order)}
        return rank.__getitem__, False

    @staticmethod
    def _bisect(ids: list[int], key_of, key, reverse: bool) -> int:
        lo, hi = 0, len(ids)
        while lo < hi:
            mid = (lo + hi) // 2
            k = key_of(ids[mid])
            if (k > key) if reverse else (k < key):
                lo = mid + 1
            else:
                hi = mid
        return lo

    def _place_visible(self, rid: int, show: bool, key_of, reverse: bool) -> None:
        try:
            old = self._visible.index(rid)
        except ValueError:
            old = -1
        if not show:
            if old >= 0:
                self.beginRemoveRows(QModelIndex(), old, old)
                del self._visible[old]
                self.endRemoveRows()
            return
        others = self._visible if old < 0 else self._visible[:old] + self._visible[old + 1:]
        at = self._bisect(others, key_of, key_of(rid), reverse)
        if old < 0:
            self.beginInsertRows(QModelIndex(), at, at)
            self._visible.insert(at, rid)
            self.endInsertRows()
            return
        if at == old:  # still in its place: its cells changed
            self.dataChanged.emit(self.index(old, 0), self.index(old, len(self.columns) - 1))
            return
        self.beginMoveRows(QModelIndex(), old, old, QModelIndex(), at if at < old else at + 1)
        self._visible = others
        self._visible.insert(at, rid)
        self.endMoveRows()

    def folded_search_text(self, row: Any) -> str:
        """The folded text the quick search looks in; override to reuse stored folds."""
        return fold(self.search_text(row))

    def search_parts(self, row: Any) -> tuple[str, str]:
        """The folded search text of *row* in two parts, searched one after the other (a
        phrase never spans them). A model whose rows carry their own folded text returns
        that very string as the first part, so the search keeps no copy of it (100,000
        tasks: ~20 MB), and text shared by many rows as the second. Default: one part."""
        return self.folded_search_text(row), ""

    def haystack(self) -> list[tuple[str, str]]:
        """The search text (:meth:`search_parts`) of every row, in load order."""
        parts, rows = self.search_parts, self._rows
        return [parts(rows[i]) for i in self._order]

    def prepare_search(self) -> None:
        """Build the search text now (call when idle) so the first keystroke is quick."""
        if self._haystack is None:
            own: list[str] = []
            extra: list[str] = []
            add_own, add_extra, parts, rows = own.append, extra.append, self.search_parts, self._rows
            for rid in self._order:  # (no list of pairs: 100,000 tuples would wake the collector)
                first, second = parts(rows[rid])
                add_own(first)
                add_extra(second)
            self._haystack, self._extra = own, extra

    def _search_hits(self, needle: str) -> list[int]:
        # Typing one more letter can only narrow the hits: search within the last ones.
        # (A comprehension with ``in``: quicker than map(str.__contains__, …), measured.)
        self.prepare_search()
        hay, extra = self._haystack, self._extra
        last = self._last_hits
        if last is not None and last[0] in needle:
            positions = [p for p in last[1] if needle in hay[p] or needle in extra[p]]
        else:
            positions = [p for p, text in enumerate(hay) if needle in text or needle in extra[p]]
        self._last_hits = (needle, positions)
        return list(map(self._order.__getitem__, positions))

    _haystack: list[str] | None = None  # the first part of each row's search text, in load order
    _extra: list[str] = []  # the second part
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
            return self._in_sort_order(ids)
        return list(ids) if ids is self._order else ids  # (the hits are a new list already)

    def _in_sort_order(self, ids: list[int]) -> list[int]:
        """*ids* (some of the rows) in the current sort order: the rows of the whole sorted
        list that are among them (linear, so a keystroke in a sorted list sorts nothing)."""
        ordered = self._sorted_order(self._sort_column)
        if self._sort_order == Qt.SortOrder.DescendingOrder:
            ordered = ordered[::-1]  # the keys are unique (load order breaks ties): the exact reverse
        if len(ids) == len(ordered):
            return list(ordered)
        shown = set(ids)
        return [i for i in ordered if i in shown]

    def _sorted_order(self, column: int) -> list[int]:
        """Every id in ascending order of *column*, computed once per column and load, and
        kept up to date by :meth:`apply_changes`."""
        cached = self._sorted
        if cached is None or cached[0] != column:
            keys = self._sort_keys(column)
            cached = self._sorted = (column, sorted(self._order, key=keys.__getitem__))
        return cached[1]

    def _resort_changed(self, changed: dict[int, Any], gone: list[int]) -> None:
        """Move the changed rows of the cached sorted order to their new places (their sort
        keys already updated), drop the gone ones."""
        if self._sorted is None:
            return
        column, ordered = self._sorted
        keys = self._sort_cache.get(column)
        if keys is None:
            self._sorted = None
            return
        drop = set(changed).union(gone)
        ordered = [i for i in ordered if i not in drop]
        for rid in changed:
            ordered.insert(bisect_left(ordered, keys[rid], key=keys.__getitem__), rid)
        self._sorted = (column, ordered)

    _sorted: tuple[int, list[int]] | None = None

    def _refilter(self) -> None:
        self.beginResetModel()
        self._visible = self._compute_visible()
        self.endResetModel()

    def set_search(self, text: str) -> None:
        folded = fold(text)
        if folded != self._search:
            self._search = folded
            visible = self._compute_visible()
            if visible != self._visible:  # (one more letter often finds the same rows: no reset)
                self.beginResetModel()
                self._visible = visible
                self.endResetModel()

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
            rows, order = self._rows, self._order
            gc_was_enabled = gc.isenabled()
            gc.disable()  # 100,000 new tuples: the cyclic collector would pass over them for nothing
            try:
                # tie-break on load order so sorting is stable and total (rows added or moved
                # later get a tie between their neighbours': ``_update_sort_keys``)
                keys = self._bulk_sort_keys(col, rows, order)
                if keys is None:
                    make = col.sort or (lambda r, d=col.display: sort_key(d(r)))
                    keys = {}
                    for pos, rid in enumerate(order):
                        try:
                            keys[rid] = (0, make(rows[rid]), pos)
                        except Exception:
                            keys[rid] = (1, (), pos)
            finally:
                if gc_was_enabled:
                    gc.enable()
            self._sort_cache[column] = keys
        return keys

    @staticmethod
    def _bulk_sort_keys(col: Column, rows: dict[int, Any], order: list[int]) -> dict[int, Any] | None:
        if col.bulk_sort is None:
            return None
        try:
            values = col.bulk_sort(list(map(rows.__getitem__, order)))
        except Exception:  # a broken row: row by row, where it gets its placeholder key
            return None
        return dict(zip(order, zip(repeat(0), values, count())))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self.layoutAboutToBeChanged.emit()
        old = [(QPersistentModelIndex(i), self._visible[i.row()]) for i in self.persistentIndexList()
               if i.isValid() and i.row() < len(self._visible)]
        self._sort_column, self._sort_order = column, order
        self._visible = self._in_sort_order(self._visible)
        if old:  # (usually a handful: the current cell, the selection; no map of every row)
            wanted = {rid for _p, rid in old}
            visible = self._visible
            position = ({rid: visible.index(rid) for rid in wanted} if len(wanted) <= 8  # a scan in C each
                        else {rid: n for n, rid in enumerate(visible) if rid in wanted})
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

    def data(self, index: QModelIndex, role: int = _DISPLAY):
        number, column = index.row(), index.column()  # (an invalid index: -1, -1)
        visible, columns = self._visible, self.columns
        if not (0 <= number < len(visible) and 0 <= column < len(columns)):
            return None
        if role == ID_ROLE:
            return visible[number]
        col = columns[column]
        try:
            handler = self._role_handlers[id(col)][1].get(role)
        except KeyError:
            handler = self._handlers_of(col).get(role)
        if handler is None:
            return None
        try:
            return handler(self._rows[visible[number]])
        except Exception as exc:  # a broken row must never break the view
            _log_broken_cell(self, col, exc)
            return PLACEHOLDER if role == _DISPLAY else None

    def _handlers_of(self, col: Column) -> dict:
        """Role → function of the row giving the value of *col*'s cells, built once per column:
        the display, alignment and tooltip first, then the column's extra roles, then the roles
        of every cell of a row (:meth:`row_roles`)."""
        align = int(col.align)
        handlers: dict = {int(k): v for k, v in self.row_roles().items()}
        handlers.update((int(k), v) for k, v in col.extra_roles.items())
        handlers.update({
            _DISPLAY: col.display,
            int(ROW_ROLE): lambda row: row,
            _ALIGNMENT: lambda _row: align,
            _TOOLTIP: col.tooltip or (lambda _row: None),
        })
        self._role_handlers[id(col)] = (col, handlers)
        return handlers

    def row_roles(self) -> dict:
        """Roles computed for every cell of a row (e.g. status colours); override. Read once
        per column (the same functions each time)."""
        return {}

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        return _ENABLED if index.isValid() else _NO_FLAGS
