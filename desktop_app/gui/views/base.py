"""The shared shape of the main views: a quick-search box over a table on a
RowCacheModel, a details editor, column layout remembered, Delete with confirmation."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QSettings, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QMenu, QMessageBox, QTableView,
    QVBoxLayout, QWidget,
)

from ..formats import format_int
from ...errors import NqdeskError
from ...ops.base import Changes
from ..context import AppContext
from ..editors.base import EntityEditor
from ..i18n import _
from ..table_model import RowCacheModel


class BaseView(QWidget):
    """A navigation target. Subclasses set ``entity``/``title`` and implement ``reload``."""

    selection_changed = Signal(object)  # id or None
    activated = Signal(object)  # id (double click / Enter / F2)
    counts_changed = Signal()  # counts_text() says something else now
    entity = ""
    title = ""

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx

    def reload(self) -> None:
        raise NotImplementedError

    def touched_by(self, changes: Changes) -> bool:
        return changes.touches(self.entity)

    def on_changes(self, changes: Changes) -> None:
        if self.touched_by(changes):
            self.reload()

    def current_id(self) -> int | None:
        return None

    def select_id(self, item_id: int | None) -> None:
        pass

    def focus_search(self) -> None:
        pass

    def make_editor(self) -> EntityEditor | None:
        return None

    def prepare_new(self, editor: EntityEditor) -> None:
        """Called before the blank editor is shown for Ctrl+N (e.g. to set the programme)."""

    def delete_current(self) -> Changes | None:
        return None

    def counts_text(self) -> str:
        return ""

    def save_state(self, settings: QSettings) -> None:
        pass

    def restore_state(self, settings: QSettings) -> None:
        pass


def confirm(parent: QWidget, question: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, _("Xác nhận"), question,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


def show_error(parent: QWidget, message: str) -> None:
    QMessageBox.warning(parent, _("Không thực hiện được"), message)


class TableView(BaseView):
    """Search box + table. Subclasses provide ``model`` (a RowCacheModel), ``load_rows()``
    and ``delete_row(id)``; optional ``filter_bar()`` widgets go next to the search box."""

    model: RowCacheModel

    def __init__(self, ctx: AppContext, model: RowCacheModel, parent=None):
        super().__init__(ctx, parent)
        self.model = model
        model.setParent(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.header_label = QLabel(self.title, self)
        self.header_label.setStyleSheet("font-weight: bold; font-size: 13pt;")
        layout.addWidget(self.header_label)
        bar = QHBoxLayout()
        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setPlaceholderText(_("Tìm nhanh (không cần dấu, ví dụ: dang uy)…  Ctrl+F"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search_changed)
        self.search.setMinimumWidth(160)
        bar.addWidget(self.search, 3)
        for w in self.filter_widgets():
            bar.addWidget(w, 1)
        layout.addLayout(bar)
        self.table = QTableView(self)
        self.table.setObjectName("table")
        self.table.setModel(model)
        # No sort until the user asks: rows keep their natural order (Qt would otherwise
        # sort by column 0 descending as soon as sorting is enabled).
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        vh = self.table.verticalHeader()
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # uniform rows: fast on 100,000
        vh.setDefaultSectionSize(24)
        vh.hide()
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setStretchLastSection(False)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        for i, col in enumerate(model.columns):
            self.table.setColumnHidden(i, col.hidden_by_default)
            # never narrower than the header's own text (in English too: no "umber and symb")
            if col.width:
                self.table.setColumnWidth(i, col.width)
        # selectionChanged, not currentRowChanged: the current row moves before the row is selected
        self.table.selectionModel().selectionChanged.connect(self._current_changed)
        self.table.doubleClicked.connect(lambda _i: self.activated.emit(self.current_id()))
        layout.addWidget(self.table, 1)
        self.footer = QHBoxLayout()
        self.count_label = QLabel(self)
        self.footer.addWidget(self.count_label)
        self.footer.addStretch(1)
        layout.addLayout(self.footer)
        model.modelReset.connect(self._update_count)
        # Lay the rows out at once after a reset (a search keystroke) rather than on the next
        # turn of the event loop: Qt would paint the table twice, 6–10 ms each on 100,000 rows.
        model.modelReset.connect(self.table.doItemsLayout)

    def filter_widgets(self) -> list[QWidget]:
        return []

    def load_rows(self) -> list:
        raise NotImplementedError

    def delete_row(self, item_id: int) -> Changes:
        raise NotImplementedError

    def describe_row(self, item_id: int) -> str:
        return ""

    # --- BaseView -------------------------------------------------------------------------
    def reload(self) -> None:
        current = self.current_id()
        self.model.set_rows(self.load_rows())
        header = self.table.horizontalHeader()
        fit_header_texts(self.table)
        if header.sortIndicatorSection() >= 0:
            self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self.select_id(current)
        self._update_count()

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row(), index.parent()):
            return None
        return self.model.id_at(index.row())

    def select_id(self, item_id: int | None) -> None:
        row = -1 if item_id is None else self.model.row_of(item_id)
        if row < 0:
            self.table.clearSelection()
            self.selection_changed.emit(None)
            return
        # in a column shown: Qt does not scroll to a cell of a hidden column (the task list hides
        # its first, STT), and a task opened from the reminders stayed below the table's bottom
        index = self.model.index(row, self._first_shown_column())
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)

    def _first_shown_column(self) -> int:
        header = self.table.horizontalHeader()
        for visual in range(header.count()):
            logical = header.logicalIndex(visual)
            if not header.isSectionHidden(logical):
                return logical
        return 0

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def delete_current(self) -> Changes | None:
        item_id = self.current_id()
        if item_id is None:
            return None
        what = self.describe_row(item_id)
        if not confirm(self, _("Xóa {what}?\nCó thể hoàn tác bằng Ctrl+Z.").format(what=what)):
            return None
        try:
            return self.ctx.run(lambda _db: self.delete_row(item_id))
        except NqdeskError as exc:
            show_error(self, str(exc))
            return None

    def counts_text(self) -> str:
        shown, total = self.model.rowCount(), self.model.all_count()
        if shown == total:
            return _("{n} mục").format(n=format_int(total))
        return _("{shown} / {total} mục").format(shown=format_int(shown), total=format_int(total))

    def export_title(self) -> str:
        """The title of "Xuất danh sách đang xem…" files."""
        return _("Danh sách {what}").format(what=self.title[:1].lower() + self.title[1:])

    def export_filters(self) -> list[str]:
        """What narrows the list (printed under the title of exports); extend in views with filters."""
        text = self.search.text().strip()
        return [_("tìm «{text}»").format(text=text)] if text else []

    def export_subtitle(self) -> str:
        from ..table_export import as_of_line

        parts = [as_of_line(self.ctx)] + self.export_filters()
        return "; ".join(parts)

    def save_state(self, settings: QSettings) -> None:
        settings.setValue(f"views/{self.entity}/header", self.table.horizontalHeader().saveState())

    def restore_state(self, settings: QSettings) -> None:
        state = settings.value(f"views/{self.entity}/header")
        if state is not None:
            self.table.horizontalHeader().restoreState(state)

    # --- internals ----------------------------------------------------------------------------
    def _search_changed(self, text: str) -> None:
        current = self.current_id()
        self.model.set_search(text)
        self.select_id(current)

    def _current_changed(self, *_args) -> None:
        current = self.current_id()
        if current != getattr(self, "_last_selected", object()):
            self._last_selected = current
            self.selection_changed.emit(current)

    def _update_count(self) -> None:
        self.count_label.setText(self.counts_text())
        self.counts_changed.emit()

    def _header_menu(self, pos) -> None:
        menu = QMenu(self)
        for i, col in enumerate(self.model.columns):
            action = QAction(col.title, menu, checkable=True)
            action.setChecked(not self.table.isColumnHidden(i))
            action.toggled.connect(lambda on, i=i: self.table.setColumnHidden(i, not on))
            menu.addAction(action)
        menu.exec(self.table.horizontalHeader().mapToGlobal(pos))


def fit_header_texts(table: QTableView) -> None:
    """Widen a column whose header text does not fit (in English too: no "umber and symb");
    a wider column, set by the user or the view, is left as it is."""
    header = table.horizontalHeader()
    last = header.count() - 1
    for i in range(header.count()):
        if table.isColumnHidden(i) or (i == last and header.stretchLastSection()):
            continue
        if header.sectionResizeMode(i) != QHeaderView.ResizeMode.Interactive:
            continue
        if header.sectionSize(i) < header.sectionSizeHint(i):
            header.resizeSection(i, header.sectionSizeHint(i))
