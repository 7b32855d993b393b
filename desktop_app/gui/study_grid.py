"""The attendance grid of a study session (bảng dự hội nghị), filled from the organisations'
reports: one row per organisation of the session's scope (Vietnamese order, so staff type
through the reports one by one), plus the saved extra rows (an organisation that reported at
its own point and at the provincial point has two rows).

Edits stay in the model (dirty rows tinted) until :meth:`AttendanceGridModel.rows_to_save`
is handed to ``ops.study.save_attendance``; a refused save marks the cells it names
(:meth:`AttendanceGridModel.mark_problems`). Typed text that is no whole number ≥ 0 is
flagged at once. The last row is the subtotal.

:class:`AttendanceTable` is the keyboard side: type to edit, Enter moves down, Tab right,
Delete clears, Ctrl+C / Ctrl+V copy and paste rectangular blocks (tab-separated, as Excel).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractTableModel, QEvent, QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QApplication, QComboBox, QLineEdit, QStyledItemDelegate, QTableView,
)

from .formats import format_int
from ..core.text import fold
from ..ops.base import Problem
from .i18n import _

COL_BODY, COL_POINT, COL_MEMBERS, COL_NON_MEMBERS, COL_STUDIED, COL_NOTE = range(6)
NUMBER_COLUMNS = {COL_MEMBERS: "members", COL_NON_MEMBERS: "non_members", COL_STUDIED: "newly_studied"}
FIELD_COLUMNS = {"body_id": COL_BODY, "bridge_point_id": COL_POINT, "members": COL_MEMBERS,
                 "non_members": COL_NON_MEMBERS, "newly_studied": COL_STUDIED, "note": COL_NOTE}
EDITABLE = (COL_POINT, COL_MEMBERS, COL_NON_MEMBERS, COL_STUDIED, COL_NOTE)
DIRTY_COLOUR = QColor("#fff4c2")
ERROR_COLOUR = QColor("#f8c9c9")
TOTAL_COLOUR = QColor("#e8eef7")
POINT_ID_ROLE = Qt.ItemDataRole.UserRole + 20

_FIELD_RE = re.compile(r"^rows\[(\d+)\](?:\.(\w+))?$")
_ROW_NUMBER_RE = re.compile(r"^Dòng \d+ –")


def parse_count(text: str) -> tuple[int | None, str | None]:
    """A typed or pasted count: (number, None) or (None, Vietnamese error). Blank is 0;
    Vietnamese thousands separators ("1.234") and spaces are accepted."""
    raw = (text or "").strip().replace("\u00a0", "").replace(" ", "")
    if raw == "":
        return 0, None
    negative = raw.startswith("-")
    digits = raw[1:] if negative else raw
    if re.fullmatch(r"\d{1,3}(\.\d{3})+|\d+", digits) is None:
        return None, _("«{text}» không phải số nguyên; chỉ nhập chữ số (ví dụ 1.234).").format(text=text.strip())
    value = int(digits.replace(".", ""))
    if negative and value:
        return -value, _("Số không được âm ({text}); hãy nhập số từ 0 trở lên.").format(text=text.strip())
    return value, None


@dataclass
class GridRow:
    body_id: int
    body_name: str
    point_id: int | None = None
    counts: dict = field(default_factory=lambda: {"members": "", "non_members": "", "newly_studied": ""})
    note: str = ""
    saved: tuple | None = None  # the saved (point, members, non_members, newly, note) or None
    problems: dict = field(default_factory=dict)  # column -> [messages] from the last refused save

    def number(self, key: str) -> int | None:
        return parse_count(self.counts[key])[0]

    def input_error(self, key: str) -> str | None:
        return parse_count(self.counts[key])[1]

    def state(self) -> tuple:
        return (self.point_id, *(self.number(k) if self.input_error(k) is None else self.counts[k]
                                 for k in ("members", "non_members", "newly_studied")), self.note.strip())

    @property
    def blank(self) -> bool:
        return all(self.number(k) == 0 for k in NUMBER_COLUMNS.values()) and not self.note.strip()

    @property
    def dirty(self) -> bool:
        if self.saved is None:
            return not self.blank
        return self.state() != self.saved


class AttendanceGridModel(QAbstractTableModel):
    """Rows of :class:`GridRow` plus a subtotal row; ``points`` are (id, name) of the session."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[GridRow] = []
        self.points: list[tuple[int, str]] = []
        self.general: list[str] = []  # problems naming no row
        self.headers = [_("Tổ chức đảng"), _("Điểm cầu"), _("Đảng viên dự"), _("Quần chúng ưu tú"),
                        _("Học tập lần đầu"), _("Ghi chú")]

    # --- loading ----------------------------------------------------------------------------
    def load(self, organisations, saved_rows: list[dict], points: list[tuple[int, str]],
             default_point: dict[int, int] | None = None) -> None:
        """*organisations*: (id, name) in order; *saved_rows*: ``ops.study.grid_rows``;
        *default_point*: the point an organisation hosts (preselected on its blank row)."""
        self.beginResetModel()
        self.points = list(points)
        self.general = []
        self._removed = 0
        by_body: dict[int, list[dict]] = {}
        for r in saved_rows:
            by_body.setdefault(r["body_id"], []).append(r)
        order = [p for p, _n in points]
        rows: list[GridRow] = []
        names = dict(organisations)
        listed = [b for b, _n in organisations] + sorted(
            (b for b in by_body if b not in names), key=lambda b: fold(by_body[b][0]["body_name"]))
        for body_id in listed:
            saved = sorted(by_body.get(body_id, []),
                           key=lambda r: (order.index(r["bridge_point_id"]) if r["bridge_point_id"] in order
                                          else -1, r["id"]))
            name = names.get(body_id) or saved[0]["body_name"]
            if not saved:
                rows.append(GridRow(body_id, name, (default_point or {}).get(body_id)))
            for r in saved:
                row = GridRow(body_id, name, r["bridge_point_id"],
                              {k: str(r[k]) for k in NUMBER_COLUMNS.values()}, r["note"] or "")
                row.saved = row.state()
                rows.append(row)
        self.rows = rows
        self.endResetModel()

    # --- what is saved --------------------------------------------------------------------------
    def is_dirty(self) -> bool:
        if any(r.dirty for r in self.rows):
            return True
        # a saved row removed from the grid
        return False if not self._removed else True

    _removed = 0

    def input_problems(self) -> list[tuple[int, int, str]]:
        """(row, column, message) of cells whose text is no number."""
        out = []
        for i, r in enumerate(self.rows):
            for col, key in NUMBER_COLUMNS.items():
                error = r.input_error(key)
                if error and r.number(key) is None:
                    out.append((i, col, error))
        return out

    def rows_to_save(self) -> tuple[list[dict], list[int]]:
        """The rows for ``save_attendance`` (non-blank rows; a cleared saved row is deleted)
        and, for each, its row in the grid."""
        sent, where = [], []
        for i, r in enumerate(self.rows):
            if r.blank:
                continue
            sent.append({"body_id": r.body_id, "bridge_point_id": r.point_id,
                         **{k: r.number(k) for k in NUMBER_COLUMNS.values()}, "note": r.note.strip()})
            where.append(i)
        return sent, where

    def clear_problems(self) -> None:
        self.general = []
        for r in self.rows:
            r.problems = {}
        self._all_changed()

    def mark_problems(self, problems: list[Problem], where: list[int]) -> list[tuple[int | None, int, str]]:
        """Mark the cells named by a refused save; returns (grid row or None, column, message)."""
        self.general = []
        for r in self.rows:
            r.problems = {}
        out = []
        for p in problems:
            m = _FIELD_RE.match(p.field or "")
            if m and int(m.group(1)) < len(where):
                row = where[int(m.group(1))]
                col = FIELD_COLUMNS.get(m.group(2) or "", COL_BODY)
                # the save numbers the rows it was given; the user sees the grid's row numbers
                message = _ROW_NUMBER_RE.sub(f"Dòng {row + 1} –", p.message, count=1)
                self.rows[row].problems.setdefault(col, []).append(message)
                out.append((row, col, message))
            else:
                self.general.append(p.message)
                out.append((None, COL_BODY, p.message))
        self._all_changed()
        return out

    def mark_input_problems(self, problems: list[tuple[int, int, str]]) -> None:
        for r in self.rows:
            r.problems = {}
        for row, col, message in problems:
            self.rows[row].problems.setdefault(col, []).append(message)
        self._all_changed()

    def totals(self) -> dict[str, int]:
        """Column sums of the valid, non-negative counts."""
        out = {}
        for k in NUMBER_COLUMNS.values():
            numbers = (r.number(k) for r in self.rows)
            out[k] = sum(n for n in numbers if n is not None and n > 0)
        return out

    # --- editing ------------------------------------------------------------------------------
    def is_total_row(self, row: int) -> bool:
        return row == len(self.rows)

    def set_cell_text(self, row: int, col: int, text: str) -> bool:
        """Set a cell from typed or pasted text; the point column takes a point's name."""
        if not 0 <= row < len(self.rows) or col not in EDITABLE:
            return False
        r = self.rows[row]
        text = text if text is not None else ""
        if col in NUMBER_COLUMNS:
            r.counts[NUMBER_COLUMNS[col]] = text.strip()
        elif col == COL_NOTE:
            r.note = text
        elif col == COL_POINT:
            wanted = fold(text.strip())
            if not wanted:
                r.point_id = None
            else:
                match = next((pid for pid, name in self.points if fold(name) == wanted), None)
                if match is None:
                    match = next((pid for pid, name in self.points if wanted in fold(name)), None)
                if match is None:
                    r.problems[COL_POINT] = [_("Không có điểm cầu «{name}» trong hội nghị này.").format(name=text)]
                    self._row_changed(row)
                    return False
                r.point_id = match
        r.problems.pop(col, None)
        self._row_changed(row)
        return True

    def set_point(self, row: int, point_id: int | None) -> None:
        if 0 <= row < len(self.rows):
            self.rows[row].point_id = point_id
            self.rows[row].problems.pop(COL_POINT, None)
            self._row_changed(row)

    def duplicate_row(self, row: int) -> int:
        """Add a row for the same organisation right after *row* (another bridge point)."""
        if not 0 <= row < len(self.rows):
            return -1
        src = self.rows[row]
        used = {r.point_id for r in self.rows if r.body_id == src.body_id}
        point = next((pid for pid, _n in self.points if pid not in used), None)
        self.beginInsertRows(QModelIndex(), row + 1, row + 1)
        self.rows.insert(row + 1, GridRow(src.body_id, src.body_name, point))
        self.endInsertRows()
        self._row_changed(len(self.rows))
        return row + 1

    def remove_row(self, row: int) -> bool:
        """Remove an extra row (an organisation keeps at least one row; that one is cleared)."""
        if not 0 <= row < len(self.rows):
            return False
        body = self.rows[row].body_id
        if sum(1 for r in self.rows if r.body_id == body) < 2:
            for col in (COL_MEMBERS, COL_NON_MEMBERS, COL_STUDIED, COL_NOTE):
                self.set_cell_text(row, col, "")
            return False
        if self.rows[row].saved is not None:
            self._removed += 1
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.rows[row]
        self.endRemoveRows()
        self._row_changed(len(self.rows))
        return True

    def add_row(self, body_id: int, body_name: str, point_id: int | None = None) -> int:
        """A row for an organisation not listed (kept for the save to judge)."""
        at = len(self.rows)
        self.beginInsertRows(QModelIndex(), at, at)
        self.rows.append(GridRow(body_id, body_name, point_id))
        self.endInsertRows()
        self._row_changed(len(self.rows))
        return at

    def _row_changed(self, row: int) -> None:
        last = self.columnCount() - 1
        self.dataChanged.emit(self.index(row, 0), self.index(row, last))
        total = len(self.rows)
        if row != total:
            self.dataChanged.emit(self.index(total, 0), self.index(total, last))

    def _all_changed(self) -> None:
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    # --- Qt model interface ---------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows) + 1

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.headers[section] if 0 <= section < len(self.headers) else None
        if 0 <= section < len(self.rows):
            return str(section + 1)
        return "Σ" if section == len(self.rows) else None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self.is_total_row(index.row()) and index.column() in EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def point_name(self, point_id: int | None) -> str:
        return next((n for p, n in self.points if p == point_id), "")

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() <= len(self.rows)) \
                or not (0 <= index.column() < len(self.headers)):
            return None
        col = index.column()
        if self.is_total_row(index.row()):
            return self._total_data(col, role)
        r = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_BODY:
                return r.body_name
            if col == COL_POINT:
                return self.point_name(r.point_id)
            if col == COL_NOTE:
                return r.note
            key = NUMBER_COLUMNS[col]
            value, error = parse_count(r.counts[key])
            if error is None:
                return format_int(value) if r.counts[key] != "" else ""
            return r.counts[key]
        if role == Qt.ItemDataRole.EditRole:
            if col in NUMBER_COLUMNS:
                key = NUMBER_COLUMNS[col]
                value, error = parse_count(r.counts[key])
                return str(value) if error is None and r.counts[key] != "" else r.counts[key]
            if col == COL_POINT:
                return r.point_id
            return self.data(index, Qt.ItemDataRole.DisplayRole)
        if role == POINT_ID_ROLE:
            return r.point_id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col in NUMBER_COLUMNS:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        messages = self._cell_messages(r, col)
        if role == Qt.ItemDataRole.BackgroundRole:
            if messages:
                return QBrush(ERROR_COLOUR)
            if r.dirty:
                return QBrush(DIRTY_COLOUR)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if messages:
                return "\n".join(messages)
            if col == COL_BODY:
                return r.body_name
            return None
        return None

    def _cell_messages(self, r: GridRow, col: int) -> list[str]:
        messages = list(r.problems.get(col, []))
        if col in NUMBER_COLUMNS:
            error = r.input_error(NUMBER_COLUMNS[col])
            if error and error not in messages:
                messages.insert(0, error)
        return messages

    def _total_data(self, col: int, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_BODY:
                return _("Cộng ({n} dòng có số liệu)").format(n=format_int(sum(1 for r in self.rows if not r.blank)))
            if col in NUMBER_COLUMNS:
                return format_int(self.totals()[NUMBER_COLUMNS[col]])
            return ""
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(TOTAL_COLOUR)
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col in NUMBER_COLUMNS:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or not (self.flags(index)
                                                                          & Qt.ItemFlag.ItemIsEditable):
            return False
        if index.column() == COL_POINT and (value is None or isinstance(value, int)):
            self.set_point(index.row(), value)
            return True
        return self.set_cell_text(index.row(), index.column(), "" if value is None else str(value))


class GridDelegate(QStyledItemDelegate):
    """Line edits for counts and notes, a combo of the session's points; Enter commits and
    moves down, Tab commits and moves right (handled here so it is the same everywhere)."""

    def __init__(self, table: AttendanceTable):
        super().__init__(table)
        self.table = table
        self.editor = None

    def createEditor(self, parent, option, index):  # noqa: N802
        model = index.model()
        if index.column() == COL_POINT:
            box = QComboBox(parent)
            box.addItem("", None)
            for pid, name in model.points:
                box.addItem(name, pid)
            editor = box
        else:
            editor = QLineEdit(parent)
            if index.column() in NUMBER_COLUMNS:
                editor.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.editor = editor
        editor.destroyed.connect(lambda *_a: setattr(self, "editor", None))
        return editor

    def setEditorData(self, editor, index) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(index.data(POINT_ID_ROLE))))
        else:
            editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(self, editor, model, index) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())
        else:
            model.setData(index, editor.text())

    def eventFilter(self, editor, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._finish(editor)
                self.table.move_by(1, 0)
                return True
            if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                self._finish(editor)
                self.table.move_next(key == Qt.Key.Key_Backtab)
                return True
        return super().eventFilter(editor, event)

    def _finish(self, editor) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)


class AttendanceTable(QTableView):
    """The keyboard-friendly table over :class:`AttendanceGridModel`."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.delegate = GridDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                             | QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.setWordWrap(False)
        self.verticalHeader().setDefaultSectionSize(24)
        self.paste_message = ""

    def grid(self) -> AttendanceGridModel:
        return self.model()

    def commit_editor(self) -> None:
        """Put the value of a cell being edited into the model (before saving)."""
        editor = self.delegate.editor
        if editor is not None and self.state() == QAbstractItemView.State.EditingState:
            self.delegate._finish(editor)

    # --- moving ---------------------------------------------------------------------------------
    def move_to(self, row: int, col: int) -> None:
        index = self.model().index(row, col)
        if index.isValid():
            self.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.scrollTo(index)

    def move_by(self, d_row: int, d_col: int) -> None:
        current = self.currentIndex()
        if not current.isValid():
            return
        last = len(self.grid().rows) - 1
        self.move_to(max(0, min(last, current.row() + d_row)), current.column() + d_col)

    def move_next(self, backwards: bool = False) -> None:
        """Tab: the next editable cell of the row, then the counts of the next row."""
        current = self.currentIndex()
        if not current.isValid():
            return
        row, col = current.row(), current.column()
        order = list(EDITABLE)
        if backwards:
            earlier = [c for c in order if c < col]
            if earlier:
                self.move_to(row, earlier[-1])
            elif row > 0:
                self.move_to(row - 1, COL_NOTE)
            return
        later = [c for c in order if c > col]
        if later:
            self.move_to(row, later[0])
        elif row + 1 < len(self.grid().rows):
            self.move_to(row + 1, COL_MEMBERS)

    # --- keys -------------------------------------------------------------------------------------
    OWN_SHORTCUTS = (QKeySequence.StandardKey.Copy, QKeySequence.StandardKey.Paste, QKeySequence.StandardKey.Cut)

    def event(self, event) -> bool:
        # The grid's own keys win over the window's shortcuts (Delete would delete the session).
        if event.type() == QEvent.Type.ShortcutOverride:
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace, Qt.Key.Key_F2, Qt.Key.Key_Return,
                               Qt.Key.Key_Enter) or any(event.matches(k) for k in self.OWN_SHORTCUTS):
                event.accept()
                return True
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            self.keyPressEvent(event)
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        editor = self.delegate.editor
        if self.state() == QAbstractItemView.State.EditingState and editor is not None:
            QApplication.sendEvent(editor, event)  # keys typed quickly (or by tests) go on into the editor
            return
        key = event.key()
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
        elif event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
        elif event.matches(QKeySequence.StandardKey.Cut):
            self.copy_selection()
            self.clear_selection()
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.clear_selection()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.move_by(1, 0)
        elif key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            self.move_next(key == Qt.Key.Key_Backtab)
        else:
            super().keyPressEvent(event)

    # --- clipboard ------------------------------------------------------------------------------
    def _selected_rect(self) -> tuple[int, int, int, int] | None:
        indexes = [i for i in self.selectionModel().selectedIndexes() if i.isValid()]
        if not indexes:
            current = self.currentIndex()
            if not current.isValid():
                return None
            indexes = [current]
        rows = [i.row() for i in indexes]
        cols = [i.column() for i in indexes]
        return min(rows), min(cols), max(rows), max(cols)

    def copy_selection(self) -> str:
        rect = self._selected_rect()
        if rect is None:
            return ""
        top, left, bottom, right = rect
        model = self.model()
        lines = ["\t".join(str(model.index(r, c).data() or "") for c in range(left, right + 1))
                 for r in range(top, bottom + 1)]
        text = "\n".join(lines) + "\n"
        QApplication.clipboard().setText(text)
        return text

    def clear_selection(self) -> None:
        rect = self._selected_rect()
        if rect is None:
            return
        top, left, bottom, right = rect
        grid = self.grid()
        for r in range(top, min(bottom, len(grid.rows) - 1) + 1):
            for c in range(left, right + 1):
                if c in EDITABLE:
                    grid.set_cell_text(r, c, "")

    def paste(self, text: str | None = None) -> tuple[int, int]:
        """Paste a tab-separated block at the current cell; returns (rows, cells) filled.
        Read-only columns in the block's way are skipped (their pasted value is dropped)."""
        text = QApplication.clipboard().text() if text is None else text
        current = self.currentIndex()
        grid = self.grid()
        if not text or not current.isValid() or grid.is_total_row(current.row()):
            return 0, 0
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        filled = rows_done = 0
        for i, line in enumerate(lines):
            row = current.row() + i
            if row >= len(grid.rows):
                break
            rows_done += 1
            for j, cell in enumerate(line.split("\t")):
                col = current.column() + j
                if col >= grid.columnCount():
                    break
                if col in EDITABLE:
                    grid.set_cell_text(row, col, cell)
                    filled += 1
        skipped = len(lines) - rows_done
        self.paste_message = (_("Đã dán {cells} ô vào {rows} dòng.").format(cells=format_int(filled),
                                                                           rows=format_int(rows_done))
                              + (" " + _("{n} dòng thừa ở cuối bảng không được dán.").format(n=format_int(skipped))
                                 if skipped else ""))
        bottom = current.row() + max(0, rows_done - 1)
        right = min(grid.columnCount() - 1, current.column() + max(len(line.split("\t")) for line in lines) - 1) \
            if lines else current.column()
        from PySide6.QtCore import QItemSelection

        self.selectionModel().select(QItemSelection(current, grid.index(bottom, right)),
                                     QItemSelectionModel.SelectionFlag.ClearAndSelect)
        return rows_done, filled
