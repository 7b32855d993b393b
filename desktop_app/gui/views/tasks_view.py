"""Nhiệm vụ: every task of every programme, with its derived status, quick search and
filters for status, lead body, programme and due-date range."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from ...core.dates import DateError, parse_date
from ...core.status import STATUS_ORDER, TaskStatus
from ...core.text import shorten
from ...ops import tasks as task_ops
from ...ops.base import Changes
from ...reports.lists import body_choices, program_choices
from ...reports.progress import FIGURE_LABELS, FigureSelection
from ...reports.tasks import TaskRow
from ..editors.task_editor import TaskEditor
from ..formats import format_int
from ..i18n import _
from ..models import TaskTableModel, status_label
from ..widgets import SearchableComboBox, StatusLegend
from .base import TableView, fit_header_texts
from .catalog import TASKS

TASK_ENTITIES = ("tasks", "task_coordinators", "progress_entries", "programs", "program_documents", "bodies",
                 "documents")


class TasksView(TableView):
    entity = "tasks"
    title = ""

    def __init__(self, ctx, parent=None):
        self.title = _(TASKS.title)
        self._filters_ready = False
        super().__init__(ctx, TaskTableModel(), parent)
        self.legend = StatusLegend(self)
        self.footer.addWidget(self.legend, 1)
        # The dashboard's filter chip gets a line of its own under the filters (it can be long).
        self.layout().insertWidget(2, self.figure_chip)
        self._filters_ready = True
        ctx.as_of_changed.connect(self._as_of_changed)
        ctx.task_rows_loaded.connect(self._rows_read)
        ctx.task_rows_failed.connect(self._rows_not_read)

    def _as_of_changed(self, _day) -> None:
        # A figure belongs to the day it was counted on: another day, other tasks.
        self.figure_filter = None
        self.figure_chip.hide()
        self.reload()

    # --- filters ------------------------------------------------------------------------------
    def filter_widgets(self) -> list[QWidget]:
        self.status_filter = QComboBox(self)
        self.status_filter.setObjectName("status-filter")
        self.status_filter.addItem(_("Mọi trạng thái"), None)
        for status in STATUS_ORDER:
            self.status_filter.addItem(status_label(status), str(status))
        self.status_filter.addItem(_("Chưa hoàn thành"), "open")
        self.status_filter.currentIndexChanged.connect(self._apply_filters)
        self.status_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.status_filter.setMinimumContentsLength(12)
        self.body_filter = SearchableComboBox(self, none_text=_("Mọi cơ quan chủ trì"))
        self.body_filter.setObjectName("body-filter")
        self.body_filter.setMinimumWidth(120)
        self.body_filter.setMaximumWidth(260)
        self.body_filter.idChanged.connect(self._apply_filters)
        self.program_filter = SearchableComboBox(self, none_text=_("Mọi chương trình"))
        self.program_filter.setObjectName("program-filter")
        self.program_filter.setMinimumWidth(120)
        self.program_filter.setMaximumWidth(260)
        self.program_filter.idChanged.connect(self._apply_filters)
        self.due_from = QLineEdit(self)
        self.due_from.setObjectName("due-from")
        self.due_from.setPlaceholderText(_("Hạn từ ngày"))
        self.due_to = QLineEdit(self)
        self.due_to.setObjectName("due-to")
        self.due_to.setPlaceholderText(_("đến ngày"))
        for w in (self.due_from, self.due_to):
            w.setMinimumWidth(84)
            w.setMaximumWidth(120)
            w.setClearButtonEnabled(True)
            w.editingFinished.connect(self._apply_filters)
        self.figure_filter: FigureSelection | None = None
        self.figure_chip = QWidget(self)
        self.figure_chip.setObjectName("figure-chip")
        chip = QHBoxLayout(self.figure_chip)
        chip.setContentsMargins(6, 0, 0, 0)
        self.figure_chip_label = QLabel(self.figure_chip)
        self.figure_chip_label.setObjectName("figure-chip-label")
        self.figure_chip_label.setStyleSheet("background: #E3F2FD; border-radius: 3px; padding: 2px 6px;")
        self.figure_chip_label.setWordWrap(True)  # a long description wraps, never widens the window
        clear = QToolButton(self.figure_chip)
        clear.setObjectName("figure-chip-clear")
        clear.setText("×")
        clear.setToolTip(_("Bỏ lọc theo chỉ tiêu của Tổng quan"))
        clear.clicked.connect(lambda: self.set_figure_filter(None))
        chip.addWidget(self.figure_chip_label, 1)
        chip.addWidget(clear)
        self.figure_chip.hide()
        return [self.status_filter, self.body_filter, self.program_filter, self.due_from, self.due_to,
                self.figure_chip]

    def _date_filter(self, widget: QLineEdit) -> tuple[date | None, bool]:
        text = widget.text().strip()
        if not text:
            widget.setStyleSheet("")
            widget.setToolTip("")
            return None, True
        try:
            day = parse_date(text)
        except DateError as exc:
            widget.setStyleSheet("border: 1px solid #c62828;")
            widget.setToolTip(str(exc))
            return None, False
        widget.setStyleSheet("")
        widget.setToolTip("")
        return day, True

    def _apply_filters(self, *_args) -> None:
        if not self._filters_ready:
            return
        wanted = self.status_filter.currentData()
        body_id = self.body_filter.current_id()
        program_id = self.program_filter.current_id()
        start, _ok1 = self._date_filter(self.due_from)
        end, _ok2 = self._date_filter(self.due_to)
        done = {TaskStatus.DONE_ON_TIME, TaskStatus.DONE_LATE}

        figure = self.figure_filter

        def keep(row: TaskRow) -> bool:
            if figure is not None and not figure.matches(row):
                return False
            if wanted == "open" and row.status in done:
                return False
            if wanted not in (None, "open") and row.status != wanted:
                return False
            if body_id is not None and row.lead_body_id != body_id:
                return False
            if program_id is not None and row.program_id != program_id:
                return False
            if start is not None and (row.due_date is None or row.due_date < start):
                return False
            if end is not None and (row.due_date is None or row.due_date > end):
                return False
            return True

        active = any(v is not None for v in (wanted, body_id, program_id, start, end, figure))
        current = self.current_id()
        self.model.set_predicate(keep if active else None)
        self.select_id(current)
        self._update_count()

    def export_filters(self) -> list[str]:
        parts = []
        if self.status_filter.currentData() is not None:
            parts.append(self.status_filter.currentText())
        for combo in (self.body_filter, self.program_filter):
            if combo.current_id() is not None:
                parts.append(combo.currentText())
        start, end = self.due_from.text().strip(), self.due_to.text().strip()
        if start or end:
            parts.append(_("hạn từ {start} đến {end}").format(start=start or "…", end=end or "…"))
        return parts + super().export_filters()

    def reveal(self, task_id: int) -> None:
        """Select a task, clearing the search and filters if they hide it."""
        if self.model.row_of(task_id) < 0:
            self._clear_filters()
            self._apply_filters()
        self.select_id(task_id)
        self.table.setFocus()

    def _clear_filters(self) -> None:
        """Empty the search and the filter boxes (the figure filter stays), applying nothing yet."""
        self._filters_ready = False
        try:
            self.search.clear()
            self.status_filter.setCurrentIndex(0)
            self.body_filter.set_current_id(None)
            self.program_filter.set_current_id(None)
            self.due_from.clear()
            self.due_to.clear()
        finally:
            self._filters_ready = True

    def set_status_filter(self, status: str | None) -> None:
        """Show only tasks of this status (used by the overview's click-through)."""
        index = self.status_filter.findData(status)
        self.status_filter.setCurrentIndex(max(0, index))

    def set_figure_filter(self, selection: FigureSelection | None, description: str = "") -> None:
        """Show exactly the tasks behind a dashboard figure (the other filters and the
        search are cleared, so the count matches the figure), or drop that filter."""
        self.figure_filter = selection
        if selection is not None:
            self._clear_filters()
            self.figure_chip_label.setText(description or _(FIGURE_LABELS[selection.key]))
        self.figure_chip.setVisible(selection is not None)
        self._apply_filters()

    def _refresh_filter_choices(self) -> None:
        db = self.ctx.db  # read when first opened (or now, for the one chosen)
        self.body_filter.set_items(lambda: body_choices(db), lazy=True)
        self.program_filter.set_items(lambda: program_choices(db), lazy=True)

    # --- TableView --------------------------------------------------------------------------
    def load_rows(self) -> list[TaskRow]:
        self._refresh_filter_choices()
        return self.ctx.task_rows()

    # The rows are read in the background whenever they are not loaded (AppContext.load_task_rows):
    # a reload with rows already shown (another as-of date, a setting, a large import or undo)
    # keeps the old rows usable until the new ones arrive, and the first start shows the first
    # rows at once, the rest when read (searching, sorting and filtering work on what is shown
    # meanwhile and are applied again to the whole list).
    reload_in_background = True
    _waiting = False  # for the rows being read in the background
    _first_total: int | None = None  # the number of tasks while only the first rows are shown

    def reload(self) -> None:
        ctx = self.ctx
        if (ctx.has_task_rows() or not self.reload_in_background
                or (self.model.all_count() == 0 and ctx.read_task_rows_if_few())):
            self._waiting, self._first_total = False, None
            self._show_rows(self.load_rows())
            return
        self._refresh_filter_choices()
        self._waiting = True
        if self.model.all_count() == 0:  # nothing shown yet: the first rows now
            rows, self._first_total = ctx.first_task_rows()
            self._show_rows(rows)
        if ctx.load_task_rows(self):
            self._rows_read()

    def waiting_for_rows(self) -> bool:
        """Whether the list waits for rows being read in the background."""
        return self._waiting

    def _rows_read(self) -> None:
        if self._waiting and self.ctx.has_task_rows():
            self._waiting, self._first_total = False, None
            rows = self.ctx.task_rows()
            self._show_rows(rows, self.ctx.search_texts_of(rows))

    def _rows_not_read(self) -> None:
        self._waiting = False  # (the error was shown) the rows shown stay; F5 tries again
        self._update_count()

    def counts_text(self) -> str:
        if self._first_total is not None and self._waiting:
            return _("Đang tải: {shown} / {total} nhiệm vụ…").format(
                shown=format_int(self.model.rowCount()), total=format_int(self._first_total))
        return super().counts_text()

    def _show_rows(self, rows: list[TaskRow], search_texts=None) -> None:
        current = self.current_id()
        self.model.set_rows(rows, search_texts, self.ctx.body_search_texts())
        header = self.table.horizontalHeader()
        fit_header_texts(self.table)
        if header.sortIndicatorSection() >= 0:
            self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self._apply_filters()
        self.select_id(current)
        self._update_count()
        # Prepare the quick search as soon as the window is idle, before the user types.
        QTimer.singleShot(0, self.model.prepare_search)

    def on_changes(self, changes: Changes) -> None:
        """Update just the rows the change touched (as read again by the context); reload
        everything only when the context could not say which (a setting, a large change)."""
        if not self.touched_by(changes):
            return
        delta = self.ctx.task_delta(changes)
        if delta is None or self.model.all_count() == 0:
            self.reload()
            return
        if any(changes.touches(t) for t in ("bodies", "programs")):
            self._refresh_filter_choices()
        if changes.touches("bodies"):  # a body's name, short name or code: what the search finds
            self.model.set_body_texts(self.ctx.body_search_texts())
        current = self.current_id()
        self.model.apply_changes(delta.rows, delta.deleted)
        if self.current_id() != current:  # after a reset (many rows): the same task again
            self.select_id(current)
        self._update_count()

    def touched_by(self, changes: Changes) -> bool:
        return any(changes.touches(e) for e in TASK_ENTITIES) or changes.touches("settings")

    def delete_row(self, item_id: int):
        return task_ops.delete_task(self.ctx.db, item_id)

    def describe_row(self, item_id: int) -> str:
        row = self.model.get(item_id)
        return _("nhiệm vụ «{content}»").format(content=shorten(row.content, 80)) if row else ""

    def make_editor(self) -> TaskEditor:
        return TaskEditor(self.ctx)

    def prepare_new(self, editor: TaskEditor) -> None:
        row = self.model.get(self.current_id()) if self.current_id() is not None else None
        program_id = self.program_filter.current_id() or (row.program_id if row else None)
        editor.set_program(program_id)
