"""Chương trình hành động: the programmes (top) and the tasks of the selected one in
document order (bottom), numbered as the appendix prints them (``core.task_order``): the
tasks of no group first, without a numeral, then groups I, II… in the order of their first
task, tasks 1, 2… within a group. Tasks are reordered within their group with
Alt+↑/Alt+↓, the Lên/Xuống buttons or by dragging a row onto another row of its group.

The details panel (``make_editor``) shows the programme editor, or the task editor when a
task of the lower table is selected.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import groupby
from operator import attrgetter

from PySide6.QtCore import QByteArray, QEvent, QItemSelectionModel, QSettings, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView, QApplication, QHBoxLayout, QHeaderView, QLabel, QMenu, QPushButton, QSplitter,
    QStackedWidget, QTableView, QToolButton, QVBoxLayout, QWidget,
)

from ..formats import format_int
from ...core.task_order import document_order, group_numbering
from ...errors import NqdeskError
from ...ops import programs as program_ops
from ...ops import tasks as task_ops
from ...ops.base import Changes
from ...reports.lists import list_programs, program_label, row_exists
from ...reports.tasks import list_tasks
from ..editors.program_editor import ProgramEditor
from ..editors.task_editor import TaskEditor
from .. import unsaved
from ..i18n import _
from ..models import ProgramRow, ProgramTableModel, ProgramTaskModel
from ..widgets import StatusLegend
from . import base as view_base
from .base import TableView
from .catalog import PROGRAMS

# What the programme list, the task table or an editor shows depends on these tables.
WATCHED = ("programs", "program_documents", "tasks", "task_coordinators", "progress_entries", "bodies",
           "documents", "settings")
# Status right after the deadline, so it shows without scrolling next to the details dock.
TASK_COLUMN_ORDER = ("position", "group", "content", "lead_body", "deadline", "status", "percent",
                     "coordinating_bodies", "product", "due_date")
TASK_COLUMN_WIDTHS = {"position": 40, "group": 150, "content": 320, "lead_body": 150,
                      "coordinating_bodies": 160, "product": 80, "deadline": 130, "due_date": 84, "status": 170,
                      "percent": 60}


class ProgramTasksModel(ProgramTaskModel):
    """ProgramTaskModel numbered as the appendix (``core.task_order.group_numbering``: STT
    "1", "2"… in a group, named groups "I", "II"…, ungrouped tasks first with no numeral;
    the group title is shown on the group's first row) and refusing drops on
    another group's rows."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._number: dict[int, str] = {}
        self._group_label: dict[int, str] = {}
        self._first_of_group: set[int] = set()
        by_key = {c.key: c for c in self.columns}
        by_key["position"] = replace(by_key["position"], display=lambda r: self._number.get(r.id, ""),
                                     hidden_by_default=False, align=Qt.AlignmentFlag.AlignCenter)
        by_key["group"] = replace(by_key["group"], title=_("Nhóm nhiệm vụ"),
                                  display=lambda r: self._group_label[r.id] if r.id in self._first_of_group else "",
                                  tooltip=lambda r: self._group_label.get(r.id, ""), hidden_by_default=False)
        by_key["coordinating_bodies"] = replace(by_key["coordinating_bodies"], hidden_by_default=False,
                                                tooltip=lambda r: r.coordinating_bodies)
        by_key["program"] = replace(by_key["program"], hidden_by_default=True)
        ordered = [by_key[k] for k in TASK_COLUMN_ORDER if k in by_key]
        self.columns[:] = ordered + [c for c in by_key.values() if c not in ordered]

    def set_rows(self, rows) -> None:
        rows = document_order(rows)
        self._number, self._group_label, self._first_of_group = {}, {}, set()
        for _program_id, tasks in groupby(rows, key=attrgetter("program_id")):
            for group in group_numbering(tasks):
                label = group.heading or _("(không có nhóm)")
                for stt, r in group.items:
                    self._number[r.id] = str(stt)
                    self._group_label[r.id] = label
                self._first_of_group.add(group.items[0][1].id)
        super().set_rows(rows)

    def column_of(self, key: str) -> int:
        return next(i for i, c in enumerate(self.columns) if c.key == key)

    def group_ids(self, task_id: int) -> list[int]:
        """The ids of the task's group, in view order."""
        row = self.get(task_id)
        if row is None:
            return []
        return [i for i in self.ids()
                if self.get(i).program_id == row.program_id and self.get(i).group_title == row.group_title]

    def same_group(self, task_id: int, target_row: int) -> bool:
        row = self.get(task_id)
        if row is None or not 0 <= target_row < self.rowCount():
            return False
        target = self.row_at(target_row)
        return target.program_id == row.program_id and target.group_title == row.group_title

    def canDropMimeData(self, data, action, row, column, parent) -> bool:  # noqa: N802 - Qt naming
        found = self.drop_target(data, row, parent)
        return found is not None and self.same_group(*found)


class ProgramTaskEditor(TaskEditor):
    """The task editor of the programme view: knows when a change is its own, so the view
    does not reload it under the user's fingers."""

    committing = False

    def _field_committed(self, name: str) -> None:
        self.committing = True
        try:
            super()._field_committed(name)
        finally:
            self.committing = False

    def save_new(self) -> bool:
        self.committing = True
        try:
            return super().save_new()
        finally:
            self.committing = False

    def load(self, item_id: int | None) -> None:
        super().load(item_id)
        if item_id is None:
            label = program_label(self.ctx.db, self.program_id) if self.program_id else ""
            self.heading.setText(_("Thêm nhiệm vụ") + (f" — {label}" if label else ""))


class ProgramDetails(QWidget):
    """The details panel of the programme view: the programme editor, or the task editor
    when a task is selected. ``load(id)`` takes a programme id (None: the blank form chosen
    by :meth:`prepare_new_task` / :meth:`prepare_new_program`); ``created`` carries new
    programme ids only (new tasks go through ``task_created``)."""

    created = Signal(int)
    task_created = Signal(int)
    saved = Signal(object)

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.program_id: int | None = None
        self._new_task_for: int | None = None
        self._new_task_group = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget(self)
        layout.addWidget(self.stack)
        self.program_editor = ProgramEditor(ctx, self)
        self.program_editor.setObjectName("program-editor")
        self.stack.addWidget(self.program_editor)
        task_page = QWidget(self)
        task_layout = QVBoxLayout(task_page)
        task_layout.setContentsMargins(0, 0, 0, 0)
        self.back_button = QToolButton(task_page)
        self.back_button.setObjectName("back-to-program")
        self.back_button.setText(_("← Thông tin chương trình"))
        self.back_button.setAutoRaise(True)
        self.back_button.clicked.connect(self.show_program)
        task_layout.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.task_editor = ProgramTaskEditor(ctx, task_page)
        self.task_editor.setObjectName("task-editor")
        task_layout.addWidget(self.task_editor, 1)
        self.task_page = task_page
        self.stack.addWidget(task_page)
        self.program_editor.created.connect(self.created)
        self.task_editor.created.connect(self.task_created)
        self.program_editor.saved.connect(self.saved)
        self.task_editor.saved.connect(self.saved)

    @property
    def current_editor(self):
        return self.task_editor if self.stack.currentWidget() is self.task_page else self.program_editor

    @property
    def showing_task(self) -> bool:
        return self.stack.currentWidget() is self.task_page

    # --- what the main window calls -----------------------------------------------------------
    def load(self, item_id: int | None) -> None:
        if item_id is None and self._new_task_for is not None:
            self.task_editor.set_program(self._new_task_for)
            self.task_editor.load(None)
            if self._new_task_group:
                self.task_editor.group.setText(self._new_task_group)
                self.task_editor.group.setCursorPosition(0)
                self.task_editor.mark_blank()  # the group offered is not the user's input
            self.stack.setCurrentWidget(self.task_page)
        else:
            if item_id is not None:
                self.program_id = item_id
            self.program_editor.load(item_id)
            self.stack.setCurrentWidget(self.program_editor)
        self._new_task_for, self._new_task_group = None, ""

    def focus_first(self) -> None:
        self.current_editor.focus_first()

    # --- what the view calls ---------------------------------------------------------------------
    def prepare_new_task(self, program_id: int, group_title: str = "") -> None:
        self._new_task_for, self._new_task_group = program_id, group_title

    def prepare_new_program(self) -> None:
        self._new_task_for, self._new_task_group = None, ""

    def show_task(self, task_id: int) -> None:
        self.task_editor.load(task_id)
        self.stack.setCurrentWidget(self.task_page)

    def show_program(self) -> None:
        if self.program_id is not None and self.program_editor.item_id != self.program_id:
            self.program_editor.load(self.program_id)
        self.stack.setCurrentWidget(self.program_editor)

    def show_changes(self, changes: Changes) -> None:
        """Show what someone else changed (undo, another window) in the open editor; the
        editor's own changes are already on screen, with any refused text kept."""
        editor = self.current_editor
        if getattr(editor, "committing", False) or editor.item_id is None:
            return
        if editor is self.task_editor:
            own, related = "tasks", ("task_coordinators", "bodies", "programs", "program_documents")
        else:
            own, related = "programs", ("program_documents", "bodies", "documents", "settings")
        if not (_touches_id(changes, own, editor.item_id) or any(changes.touches(t) for t in related)):
            return
        if row_exists(self.ctx.db, own, editor.item_id):
            editor.refresh()  # current values, keeping any refused text with its message
        elif editor is self.task_editor:
            self.show_program()

def _clip(text: str, limit: int) -> str:
    """At most about *limit* characters of *text*, cut at a word (for questions and labels)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:.") + "…"


def _touches_id(changes: Changes, table: str, item_id: int) -> bool:
    return any(item_id in d.get(table, ()) for d in (changes.inserted, changes.updated, changes.deleted))


class ProgramsView(TableView):
    entity = "programs"
    title = ""

    def __init__(self, ctx, parent=None):
        self.title = _(PROGRAMS.title)
        self._details: ProgramDetails | None = None
        self._last_area = "programs"
        super().__init__(ctx, ProgramTableModel(), parent)
        self.table.setObjectName("program-table")
        self._fit_program_columns()
        self.search.setPlaceholderText(_("Tìm chương trình (không cần dấu, ví dụ: tri thuc)…  Ctrl+F"))
        self.task_model = ProgramTasksModel(self)
        self.task_model.on_drop = self._dropped
        self._build_task_pane()
        layout = self.layout()
        index = layout.indexOf(self.table)
        layout.removeWidget(self.table)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("programs-splitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.task_pane)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([240, 420])
        layout.insertWidget(index, self.splitter, 1)
        self.table.installEventFilter(self)
        self.search.installEventFilter(self)
        self.table.clicked.connect(lambda _i: self._details and self._details.show_program())
        self.selection_changed.connect(lambda _id: self._reload_tasks())
        ctx.as_of_changed.connect(lambda _d: self._reload_tasks())
        self._update_task_buttons()

    def _fit_program_columns(self) -> None:
        """Short columns as wide as their heading; the title takes the rest."""
        header = self.table.horizontalHeader()
        metrics = header.fontMetrics()
        for i, col in enumerate(self.model.columns):
            if col.key == "title":
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)
            else:
                wanted = {"documents": 150, "status": 130}.get(col.key, 0)
                self.table.setColumnWidth(i, max(wanted, metrics.horizontalAdvance(col.title) + 28))

    def _build_task_pane(self) -> None:
        pane = self.task_pane = QWidget(self)
        pane.setObjectName("task-pane")
        v = QVBoxLayout(pane)
        v.setContentsMargins(0, 4, 0, 0)
        bar = QHBoxLayout()
        self.tasks_label = QLabel(pane)
        self.tasks_label.setObjectName("tasks-label")
        self.tasks_label.setStyleSheet("font-weight: bold;")
        self.tasks_label.setWordWrap(True)  # a long hint wraps instead of widening the window (1366×768)
        bar.addWidget(self.tasks_label, 1)
        self.add_task_button = QPushButton(_("Thêm nhiệm vụ"), pane)
        self.add_task_button.setObjectName("add-task")
        self.add_task_button.setToolTip(_("Giao thêm một nhiệm vụ trong chương trình đang chọn (Ctrl+N khi đang ở "
                                          "bảng nhiệm vụ)"))
        self.add_task_button.clicked.connect(self.add_task)
        self.up_button = QPushButton(_("Lên"), pane)
        self.up_button.setObjectName("move-up")
        self.up_button.setToolTip(_("Chuyển nhiệm vụ lên trên trong nhóm (Alt+↑)"))
        self.up_button.clicked.connect(lambda: self.move_current_task(-1))
        self.down_button = QPushButton(_("Xuống"), pane)
        self.down_button.setObjectName("move-down")
        self.down_button.setToolTip(_("Chuyển nhiệm vụ xuống dưới trong nhóm (Alt+↓)"))
        self.down_button.clicked.connect(lambda: self.move_current_task(1))
        self.delete_task_button = QPushButton(_("Xóa nhiệm vụ"), pane)
        self.delete_task_button.setObjectName("delete-task")
        self.delete_task_button.clicked.connect(self.delete_current_task)
        self.paste_tasks_button = QPushButton(_("Dán nhiệm vụ"), pane)
        self.paste_tasks_button.setObjectName("paste-tasks")
        self.paste_tasks_button.setToolTip(_("Dán các dòng nhiệm vụ đã sao chép từ Excel hoặc Word vào chương trình "
                                             "đang chọn; xem trước rồi mới ghi"))
        self.paste_tasks_button.clicked.connect(self.paste_tasks)
        for b in (self.add_task_button, self.paste_tasks_button, self.up_button, self.down_button,
                  self.delete_task_button):
            bar.addWidget(b)
        v.addLayout(bar)
        t = self.task_table = QTableView(pane)
        t.setObjectName("task-table")
        t.setModel(self.task_model)
        t.setSortingEnabled(False)  # document order is the order; drag to change it
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        t.setAlternatingRowColors(True)
        t.setWordWrap(False)
        t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        t.setDragEnabled(True)
        t.setAcceptDrops(True)
        t.setDropIndicatorShown(True)
        t.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        t.setDefaultDropAction(Qt.DropAction.MoveAction)
        t.setDragDropOverwriteMode(True)  # drop *on* a row: the task takes that row's place
        vh = t.verticalHeader()
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vh.setDefaultSectionSize(24)
        vh.hide()
        header = t.horizontalHeader()
        header.setSectionsMovable(True)
        header.setStretchLastSection(False)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._task_header_menu)
        for i, col in enumerate(self.task_model.columns):
            t.setColumnHidden(i, col.hidden_by_default)
            width = TASK_COLUMN_WIDTHS.get(col.key) or col.width
            if width:
                t.setColumnWidth(i, width)
        t.selectionModel().selectionChanged.connect(self._task_selected)
        t.clicked.connect(self._task_clicked)  # also when the row is already selected
        t.doubleClicked.connect(lambda _i: self.activated.emit(self.current_id()))  # F2-like: edit the task
        t.installEventFilter(self)
        v.addWidget(t, 1)
        self.legend = StatusLegend(pane)  # on its own row: it needs the width
        v.addWidget(self.legend)

    # --- programmes (TableView) ---------------------------------------------------------------
    def load_rows(self) -> list[ProgramRow]:
        return [ProgramRow(p.id, p, docs, n) for p, docs, n in list_programs(self.ctx.db)]

    def reload(self) -> None:
        super().reload()
        self._reload_tasks()

    def touched_by(self, changes: Changes) -> bool:
        return any(changes.touches(t) for t in WATCHED)

    def on_changes(self, changes: Changes) -> None:
        if self.touched_by(changes):
            self.reload()
        if self._details is not None:
            self._details.show_changes(changes)

    def delete_row(self, item_id: int) -> Changes:
        return program_ops.delete_program(self.ctx.db, item_id)

    def describe_row(self, item_id: int) -> str:
        row = self.model.get(item_id)
        if row is None:
            return ""
        title = _clip(row.program.title, 90)
        if row.task_count:
            return _("chương trình «{title}» cùng {n} nhiệm vụ và tiến độ của chúng").format(
                title=title, n=format_int(row.task_count))
        return _("chương trình «{title}»").format(title=title)

    def make_editor(self) -> ProgramDetails:
        details = ProgramDetails(self.ctx)
        details.task_created.connect(self._task_created)
        self._details = details
        return details

    def prepare_new(self, editor) -> None:
        program_id = self.current_id()
        target = editor if isinstance(editor, ProgramDetails) else self._details
        if target is None:
            return
        if program_id is not None and self._tasks_active():
            target.prepare_new_task(program_id, self._current_group())
        else:
            target.prepare_new_program()

    def delete_current(self) -> Changes | None:
        if self._tasks_active() and self.current_task_id() is not None:
            return self.delete_current_task()
        item_id = self.current_id()
        if item_id is None:
            return None
        question = _("Xóa {what}?\nCó thể hoàn tác bằng Ctrl+Z.").format(what=self.describe_row(item_id))
        if not view_base.confirm(self, question):
            return None
        return self._run(lambda _db: self.delete_row(item_id))

    def counts_text(self) -> str:
        shown, total = self.model.rowCount(), self.model.all_count()
        text = (_("{n} chương trình").format(n=format_int(total)) if shown == total
                else _("{shown} / {total} chương trình").format(shown=format_int(shown), total=format_int(total)))
        if self.current_id() is not None:
            text += " · " + _("{n} nhiệm vụ trong chương trình đang chọn").format(
                n=format_int(self.task_model.rowCount()))
        return text

    def save_state(self, settings: QSettings) -> None:
        super().save_state(settings)
        settings.setValue(f"views/{self.entity}/tasks-header", self.task_table.horizontalHeader().saveState())
        settings.setValue(f"views/{self.entity}/splitter", self.splitter.saveState())

    def restore_state(self, settings: QSettings) -> None:
        super().restore_state(settings)
        state = settings.value(f"views/{self.entity}/tasks-header")
        if isinstance(state, QByteArray):
            self.task_table.horizontalHeader().restoreState(state)
        state = settings.value(f"views/{self.entity}/splitter")
        if isinstance(state, QByteArray):
            self.splitter.restoreState(state)

    # --- tasks --------------------------------------------------------------------------------
    def current_task_id(self) -> int | None:
        index = self.task_table.currentIndex()
        if not index.isValid() or not self.task_table.selectionModel().isRowSelected(index.row(), index.parent()):
            return None
        return self.task_model.id_at(index.row())

    def select_task(self, task_id: int | None) -> None:
        row = -1 if task_id is None else self.task_model.row_of(task_id)
        if row < 0:
            self.task_table.clearSelection()
            return
        index = self.task_model.index(row, 0)
        self.task_table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.task_table.scrollTo(index)

    def _reload_tasks(self) -> None:
        program_id = self.current_id()
        task_id = self.current_task_id()
        rows = [] if program_id is None else list_tasks(
            self.ctx.db, self.ctx.as_of, program_ids=[program_id], due_soon_days=self.ctx.due_soon_days,
            with_coordinators=True)
        self.task_model.set_rows(rows)
        if task_id is not None and self.task_model.row_of(task_id) >= 0:
            self.select_task(task_id)
        if program_id is None:
            self.tasks_label.setText(_("Chọn một chương trình để xem các nhiệm vụ của nó."))
        else:
            self.tasks_label.setText(_("Nhiệm vụ của chương trình ({n})").format(n=format_int(len(rows))))
        self._update_task_buttons()
        self._update_count()

    def _task_selected(self, *_args) -> None:
        task_id = self.current_task_id()
        self._update_task_buttons()
        details = self._details
        if details is None or self._putting_back:
            return
        if task_id is None:
            if details.showing_task and self.task_model.row_of(details.task_editor.item_id or -1) < 0:
                details.show_program()
        elif not (details.showing_task and details.task_editor.item_id == task_id):
            if details.showing_task:
                # Unsaved input in the task editor: ask; stay on its row (none for a new task)
                # when cancelled. A save selects the new task: not a question of its own.
                self._putting_back = True
                try:
                    go_on = unsaved.confirm_leave(details.task_editor, parent=self)
                    target = task_id if go_on else details.task_editor.item_id
                    if self.current_task_id() != target:
                        self.select_task(target)
                finally:
                    self._putting_back = False
                if not go_on:
                    return
            details.show_task(task_id)

    _putting_back = False

    def _task_clicked(self, _index) -> None:
        task_id = self.current_task_id()
        if task_id is not None and self._details is not None and not self._details.showing_task:
            self._details.show_task(task_id)

    def _task_created(self, task_id: int) -> None:
        self._last_area = "tasks"
        self.select_task(task_id)

    def _current_group(self) -> str:
        task_id = self.current_task_id()
        row = self.task_model.get(task_id) if task_id is not None else None
        return row.group_title if row is not None else ""

    def _update_task_buttons(self) -> None:
        task_id = self.current_task_id()
        group = self.task_model.group_ids(task_id) if task_id is not None else []
        self.add_task_button.setEnabled(self.current_id() is not None)
        self.paste_tasks_button.setEnabled(self.current_id() is not None)
        self.up_button.setEnabled(bool(group) and group[0] != task_id)
        self.down_button.setEnabled(bool(group) and group[-1] != task_id)
        self.delete_task_button.setEnabled(task_id is not None)

    def _tasks_active(self) -> bool:
        """Does the user work in the task table (rather than the programme list)?"""
        focused = QApplication.focusWidget()
        if focused is not None and (focused is self.task_table or self.task_pane.isAncestorOf(focused)):
            return True
        if focused is not None and (focused is self.table or self.isAncestorOf(focused)):
            return False
        return self._last_area == "tasks"  # focus is elsewhere (the details panel): where was it last

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt naming
        if event.type() == QEvent.Type.FocusIn:
            if watched is self.task_table:
                self._last_area = "tasks"
            elif watched in (self.table, self.search):
                self._last_area = "programs"
        elif event.type() == QEvent.Type.KeyPress and watched is self.task_table \
                and event.modifiers() == Qt.KeyboardModifier.AltModifier \
                and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_current_task(-1 if event.key() == Qt.Key.Key_Up else 1)
            return True
        return super().eventFilter(watched, event)

    def add_task(self) -> None:
        program_id = self.current_id()
        if program_id is None or self._details is None:
            return
        if not unsaved.confirm_leave(self._details, parent=self):
            return
        self._last_area = "tasks"
        self._details.prepare_new_task(program_id, self._current_group())
        self._details.load(None)
        self._details.focus_first()

    def paste_tasks(self) -> None:
        """Rows copied from Excel or Word, through the import preview, appended to the programme."""
        program_id = self.current_id()
        if program_id is None:
            return
        from ..table_import import paste_into_program

        paste_into_program(self, self.ctx, program_id, QApplication.clipboard().text())

    def move_current_task(self, offset: int) -> None:
        task_id = self.current_task_id()
        if task_id is None:
            return
        self._run(task_ops.move_task, task_id, offset)
        self.select_task(task_id)
        self.task_table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _dropped(self, task_id: int, target_row: int) -> None:
        """A task dropped on a row: it takes that row's place if the row is of its group;
        anywhere else the drop is refused and nothing changes."""
        model = self.task_model
        if not model.same_group(task_id, target_row):
            return
        target_id = model.id_at(target_row)
        if target_id == task_id:
            return
        row = model.get(task_id)
        order = model.group_ids(task_id)
        place = order.index(target_id)
        order.remove(task_id)
        order.insert(place, task_id)
        self.select_task(task_id)
        self._run(task_ops.reorder_group, row.program_id, row.group_title, order)

    def delete_current_task(self) -> Changes | None:
        task_id = self.current_task_id()
        row = self.task_model.get(task_id) if task_id is not None else None
        if row is None:
            return None
        what = _("nhiệm vụ «{content}»").format(content=_clip(row.content, 90))
        if not view_base.confirm(self, _("Xóa {what} cùng tiến độ đã báo cáo?\nCó thể hoàn tác bằng Ctrl+Z.").format(
                what=what)):
            return None
        return self._run(task_ops.delete_task, task_id)

    def _run(self, fn, *args) -> Changes | None:
        try:
            return self.ctx.run(fn, *args)
        except NqdeskError as exc:
            view_base.show_error(self, str(exc))
            return None

    def _task_header_menu(self, pos) -> None:
        menu = QMenu(self)
        for i, col in enumerate(self.task_model.columns):
            action = QAction(col.title, menu, checkable=True)
            action.setChecked(not self.task_table.isColumnHidden(i))
            action.toggled.connect(lambda on, i=i: self.task_table.setColumnHidden(i, not on))
            menu.addAction(action)
        menu.exec(self.task_table.horizontalHeader().mapToGlobal(pos))


