"""Tiến độ thực hiện: the progress log of one task as a timeline (newest first), its status
and the behind-schedule flag, and the form to report progress or correct an entry.

The log is append-only (ops/progress.py): a wrong entry is never edited; "Đính chính…"
writes a new entry that names it, and the timeline shows the old one struck through.
Every write goes through ``ctx.run`` so it is journalled and undoable (Ctrl+Z), and the
panel refreshes from ``ctx.changed`` like every other screen. A refused report keeps what
was typed and shows the reason next to the field.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..core.dates import format_date
from ..core.status import STATUS_COLOURS, TaskStatus
from ..errors import NqdeskError
from ..ops import progress as progress_ops
from ..ops.base import ValidationError
from ..ops.fields import ProgressFields
from ..reports.progress_log import LoggedEntry, progress_log
from ..reports.records import task_reporter
from .context import AppContext
from .i18n import _, language
from .models import DARK_TEXT_STATUSES, status_label

ENTRY_ID_ROLE = Qt.ItemDataRole.UserRole + 21
BAR_CELLS = 10

EntryInfo = LoggedEntry  # one entry of the timeline (reports.progress_log)


def percent_bar(percent: int | None) -> str:
    """A small text bar: "▰▰▰▰▱▱▱▱▱▱ 40%"."""
    if percent is None:
        return _("(không ghi tỷ lệ)")
    full = max(0, min(BAR_CELLS, round(percent * BAR_CELLS / 100)))
    return "▰" * full + "▱" * (BAR_CELLS - full) + f" {percent}%"


def entry_text(e: EntryInfo) -> str:
    """The lines of one timeline entry."""
    head = f"{format_date(e.reported_on)}   {percent_bar(e.percent)}"
    if e.completed:
        head += "   ✔ " + _("Hoàn thành")
    lines = [head]
    if e.corrects is not None:
        lines.append(_("Đính chính mục ngày {day}").format(day=format_date(e.corrects.reported_on)))
    if e.corrected_by is not None:
        lines.append(_("(đã được đính chính bởi mục ngày {day})").format(
            day=format_date(e.corrected_by.reported_on)))
    if e.note.strip():
        lines.append(e.note.strip())
    who = [p for p in (e.reported_by, e.evidence) if p.strip()]
    if who:
        lines.append(" · ".join(who))
    return "\n".join(lines)


class ProgressPanel(QWidget):
    """The progress part of the task details. ``set_task(id)`` shows a task; ``refresh()``
    re-reads it (called by the task editor after any change)."""

    reported = Signal(object)  # Changes

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.task_id: int | None = None
        self.correcting: EntryInfo | None = None
        self.entries: list[EntryInfo] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        self._build_status(layout)
        self._build_timeline(layout)
        self._build_form(layout)
        self._build_buttons(layout)
        self._set_mode(None)

    # --- building ------------------------------------------------------------------------
    def _build_status(self, layout: QVBoxLayout) -> None:
        """The title, the status chip with the behind-schedule flag, and the summary line."""
        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        layout.addWidget(line)
        title = QLabel(_("Tiến độ thực hiện"), self)
        title.setStyleSheet("font-weight: bold; font-size: 11pt;")
        layout.addWidget(title)
        status_row = QHBoxLayout()
        self.status_chip = QLabel(self)
        self.status_chip.setObjectName("progress-status")
        self.behind_label = QLabel(self)
        self.behind_label.setObjectName("behind-schedule")
        self.behind_label.setStyleSheet("color: #b71c1c; font-weight: bold;")
        status_row.addWidget(self.status_chip)
        status_row.addWidget(self.behind_label)
        status_row.addStretch(1)
        layout.addLayout(status_row)
        self.summary = QLabel(self)
        self.summary.setObjectName("progress-summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

    def _build_timeline(self, layout: QVBoxLayout) -> None:
        """The log, newest first, and the button that corrects the selected entry."""
        self.timeline = QListWidget(self)
        self.timeline.setObjectName("progress-timeline")
        self.timeline.setWordWrap(True)
        self.timeline.setAlternatingRowColors(True)
        self.timeline.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # long notes wrap to the panel's width instead of scrolling sideways
        self.timeline.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.timeline.setResizeMode(QListView.ResizeMode.Adjust)
        self.timeline.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.timeline.setMinimumHeight(240)
        self.timeline.setStyleSheet("QListWidget::item { border-bottom: 1px solid #d0d0d0; padding: 3px 2px; }"
                                    "QListWidget::item:selected { background: #cfe3f7; color: #000000; }")
        self.timeline.itemSelectionChanged.connect(self._selection_changed)
        self.timeline.itemDoubleClicked.connect(lambda _i: self.start_correction())
        layout.addWidget(self.timeline, 1)
        actions = QHBoxLayout()
        self.correct_button = QPushButton(_("Đính chính…"), self)
        self.correct_button.setObjectName("correct-entry")
        self.correct_button.setToolTip(_("Ghi một mục mới thay cho mục đang chọn (mục cũ vẫn được lưu, gạch ngang)"))
        self.correct_button.setEnabled(False)
        self.correct_button.clicked.connect(self.start_correction)
        actions.addStretch(1)
        actions.addWidget(self.correct_button)
        layout.addLayout(actions)

    def _build_form(self, layout: QVBoxLayout) -> None:
        """The report form: each field with its error label under it."""
        self.form_title = QLabel(self)
        self.form_title.setObjectName("progress-form-title")
        self.form_title.setStyleSheet("font-weight: bold;")
        layout.addWidget(self.form_title)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.errors: dict[str, QLabel] = {}
        self.widgets: dict[str, QWidget] = {}
        self.reported_on = QLineEdit(self)
        self.reported_on.setPlaceholderText(_("ngày/tháng/năm"))
        self.percent = QSpinBox(self)
        self.percent.setRange(0, 100)
        self.percent.setSuffix("%")
        self.completed = QCheckBox(_("Hoàn thành"), self)
        self.completed.setToolTip(_("Ghi nhiệm vụ đã hoàn thành (tỷ lệ 100%) vào ngày báo cáo"))
        self.completed.toggled.connect(self._completed_toggled)
        percent_row = QWidget(self)
        pr = QHBoxLayout(percent_row)
        pr.setContentsMargins(0, 0, 0, 0)
        pr.addWidget(self.percent)
        pr.addWidget(self.completed)
        pr.addStretch(1)
        self.note = QPlainTextEdit(self)
        self.note.setTabChangesFocus(True)
        self.note.setPlaceholderText(_("Kết quả đã làm, khó khăn, kiến nghị…"))
        self.note.setFixedHeight(64)
        self.reported_by = QLineEdit(self)
        self.reported_by.setPlaceholderText(_("cơ quan hoặc người báo cáo"))
        self.evidence = QLineEdit(self)
        self.evidence.setPlaceholderText(_("ví dụ: Báo cáo số 12-BC/BTGTU"))
        rows = (("reported_on", _("Ngày báo cáo"), self.reported_on, self.reported_on),
                ("percent", _("Tỷ lệ hoàn thành"), percent_row, self.percent),
                ("completed", "", None, self.completed),
                ("note", _("Nội dung báo cáo"), self.note, self.note),
                ("reported_by", _("Người/cơ quan báo cáo"), self.reported_by, self.reported_by),
                ("evidence", _("Văn bản báo cáo"), self.evidence, self.evidence))
        holders: dict[str, QVBoxLayout] = {}
        for name, label, shown, widget in rows:
            widget.setObjectName(f"progress-{name}")
            self.widgets[name] = widget
            error = QLabel(self)
            error.setObjectName(f"progress-error-{name}")
            error.setWordWrap(True)
            error.setStyleSheet("color: #c62828;")
            error.hide()
            self.errors[name] = error
            if shown is None:  # the completion's error shows under the percent row
                holders["percent"].addWidget(error)
                continue
            holder = QWidget(self)
            box = holders[name] = QVBoxLayout(holder)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(1)
            box.addWidget(shown)
            box.addWidget(error)
            form.addRow(label, holder)
        layout.addLayout(form)
        # A refusal shown under a field goes as soon as that field is changed (it would speak of
        # a value no longer there); the percent and the completion answer for each other.
        for signal, names in ((self.reported_on.textChanged, ("reported_on",)),
                              (self.percent.valueChanged, ("percent", "completed")),
                              (self.completed.toggled, ("percent", "completed")),
                              (self.note.textChanged, ("note",)),
                              (self.reported_by.textChanged, ("reported_by",)),
                              (self.evidence.textChanged, ("evidence",))):
            signal.connect(lambda *_a, names=names: self._clear_errors(names))
        self.message = QLabel(self)
        self.message.setObjectName("progress-message")
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)

    def _build_buttons(self, layout: QVBoxLayout) -> None:
        """Hủy đính chính and Ghi báo cáo, with Ctrl+Enter (write) and Esc (stop correcting)."""
        buttons = QHBoxLayout()
        self.cancel_button = QPushButton(_("Hủy đính chính"), self)
        self.cancel_button.setObjectName("progress-cancel")
        self.cancel_button.clicked.connect(self.cancel_correction)
        self.submit_button = QPushButton(self)
        self.submit_button.setObjectName("progress-submit")
        self.submit_button.setToolTip(_("Ghi vào nhật ký tiến độ (Ctrl+Enter)"))
        self.submit_button.clicked.connect(self.submit)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.submit_button)
        layout.addLayout(buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.submit)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(lambda: self.cancel_correction() if self.correcting is not None else None)

    # --- showing -------------------------------------------------------------------------
    def set_task(self, task_id: int | None) -> None:
        """Show a task's log. The form is cleared only when the task changes, so a refused
        report keeps its text through the refreshes that follow other changes."""
        if task_id != self.task_id:
            self.task_id = task_id
            self._set_mode(None)
            self.clear_form()
        self.refresh()

    _shown_log: tuple | None = None

    def refresh(self) -> None:
        # The log is read and drawn again only when a change touched the progress log (or
        # another task or day is shown): a save of the task's text refreshes this panel too.
        shown = (self.task_id, self.ctx.generation("progress_entries"), self.ctx.as_of, language())
        if shown == self._shown_log:
            self._show_status()  # the status may have changed with the deadline
            return
        self._shown_log = shown
        selected = self.selected_entry_id()
        self.timeline.clear()
        self.entries = [] if self.task_id is None else progress_log(self.ctx.db, self.task_id)
        if self.correcting is not None and not any(e.id == self.correcting.id for e in self.entries):
            self._set_mode(None)  # the entry being corrected is gone (undo of its creation)
        self._show_status()
        grey = QBrush(QColor("#8a8a8a"))
        for e in self.entries:
            item = QListWidgetItem(entry_text(e))
            item.setData(ENTRY_ID_ROLE, e.id)
            if e.corrected_by is not None:
                font = QFont(item.font())
                font.setStrikeOut(True)
                item.setFont(font)
                item.setForeground(grey)
            elif e.reported_on > self.ctx.as_of:
                item.setForeground(grey)
                item.setToolTip(_("Báo cáo sau ngày đang xem ({day}): chưa tính vào trạng thái.").format(
                    day=format_date(self.ctx.as_of)))
            if e.recorded_by and not item.toolTip():
                item.setToolTip(_("Người nhập: {who}").format(who=e.recorded_by))
            self.timeline.addItem(item)
            if e.id == selected:
                item.setSelected(True)
        if not self.entries:
            empty = QListWidgetItem(_("Chưa có báo cáo tiến độ nào."))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.timeline.addItem(empty)
        self._selection_changed()

    def task_row(self):
        """The task's row as the lists show it (status on the as-of date)."""
        # one dict lookup in the shared rows (or one row read alone when they are not loaded):
        # never an index of all 100,000 rows, and never one keyed by a list's id(), which a new
        # list can reuse after an edit (a stale status was shown that way)
        return None if self.task_id is None else self.ctx.task_row(self.task_id)

    def _show_status(self) -> None:
        row = self.task_row()
        if row is None:
            self.status_chip.clear()
            self.behind_label.clear()
            self.summary.clear()
            return
        status = TaskStatus(row.status)
        fg = "#000000" if status in DARK_TEXT_STATUSES else "#ffffff"
        self.status_chip.setText(status_label(status))
        self.status_chip.setStyleSheet(f"background: {STATUS_COLOURS[status]}; color: {fg}; padding: 2px 6px;"
                                       "border-radius: 3px;")
        behind = row.behind  # reports.tasks: core.status.behind_schedule on the as-of date
        self.behind_label.setText("⚠ " + _("Chậm tiến độ") if behind else "")
        self.behind_label.setToolTip(_("Tỷ lệ hoàn thành báo cáo gần nhất thấp hơn tỷ lệ thời gian đã trôi qua "
                                       "từ ngày giao đến hạn.") if behind else "")
        parts = []
        if row.last_percent is not None:
            parts.append(_("Tiến độ gần nhất: {p}%").format(p=row.last_percent))
        if row.completed_on is not None:
            parts.append(_("hoàn thành ngày {day}").format(day=format_date(row.completed_on)))
        elif row.last_reported_on is not None:
            parts.append(_("báo cáo gần nhất ngày {day}").format(day=format_date(row.last_reported_on)))
        if row.due_date is not None:
            parts.append(_("hạn {day}").format(day=format_date(row.due_date)))
        parts.append(_("tính đến ngày {day}").format(day=format_date(self.ctx.as_of)))
        self.summary.setText("; ".join(parts))

    def selected_entry_id(self) -> int | None:
        items = self.timeline.selectedItems()
        return items[0].data(ENTRY_ID_ROLE) if items else None

    def selected_entry(self) -> EntryInfo | None:
        entry_id = self.selected_entry_id()
        return next((e for e in self.entries if e.id == entry_id), None)

    def select_entry(self, entry_id: int) -> None:
        for i in range(self.timeline.count()):
            item = self.timeline.item(i)
            if item.data(ENTRY_ID_ROLE) == entry_id:
                self.timeline.setCurrentItem(item)
                return

    def _selection_changed(self) -> None:
        entry = self.selected_entry()
        ok = entry is not None and entry.corrected_by is None
        self.correct_button.setEnabled(ok)
        if entry is not None and entry.corrected_by is not None:
            self.correct_button.setToolTip(_("Mục này đã được đính chính; hãy đính chính mục mới nhất."))
        else:
            self.correct_button.setToolTip(_("Ghi một mục mới thay cho mục đang chọn (mục cũ vẫn được lưu, "
                                             "gạch ngang)"))

    # --- the form ----------------------------------------------------------------------------
    def default_reporter(self) -> str:
        return "" if self.task_id is None else task_reporter(self.ctx.db, self.task_id)

    def clear_form(self) -> None:
        row = self.task_row()
        self.reported_on.setText(format_date(date.today()))  # a report is made today, even when reviewing a past day
        self.completed.setChecked(False)
        self.percent.setValue(row.last_percent if row is not None and row.last_percent is not None else 0)
        self.note.setPlainText("")
        self.reported_by.setText(self.default_reporter())
        self.evidence.setText("")
        self.show_errors(None)
        self._baseline = self._form_state()

    def _completed_toggled(self, on: bool) -> None:
        if on:
            self._percent_before = self.percent.value()
            self.percent.setValue(100)
        else:
            self.percent.setValue(getattr(self, "_percent_before", self.percent.value()))
        self.percent.setEnabled(not on)

    def _set_mode(self, entry: EntryInfo | None) -> None:
        self.correcting = entry
        if entry is None:
            self.form_title.setText(_("Báo cáo tiến độ mới"))
            self.submit_button.setText(_("Ghi báo cáo"))
        else:
            self.form_title.setText(_("Đính chính mục ngày {day}").format(day=format_date(entry.reported_on)))
            self.submit_button.setText(_("Ghi đính chính"))
        self.cancel_button.setVisible(entry is not None)

    def start_correction(self) -> None:
        """Fill the form with the selected entry, to be corrected."""
        entry = self.selected_entry()
        if entry is None or entry.corrected_by is not None:
            return
        self._set_mode(entry)
        self.show_errors(None)
        self.reported_on.setText(format_date(entry.reported_on))
        self.completed.setChecked(entry.completed)
        if entry.percent is not None:
            self.percent.setValue(entry.percent)
        self.note.setPlainText(entry.note)
        self.reported_by.setText(entry.reported_by)
        self.evidence.setText(entry.evidence)
        for line in (self.reported_by, self.evidence):
            line.setCursorPosition(0)  # show the beginning of a long value
        self._baseline = self._form_state()
        self.percent.setFocus(Qt.FocusReason.OtherFocusReason)

    def cancel_correction(self) -> None:
        self._set_mode(None)
        self.clear_form()

    def focus_form(self) -> None:
        self.percent.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.percent.selectAll()

    # --- never lose typed work (gui/unsaved.py) -------------------------------------------------
    _baseline: tuple = ()

    def _form_state(self) -> tuple:
        return (self.reported_on.text(), tuple(sorted(self.values().items())))

    def has_unsaved(self) -> bool:
        """A report (or correction) typed but not written, or one that was refused."""
        if self.task_id is None:
            return False
        refused = any(label.text() for label in self.errors.values()) or (
            self.message.isVisibleTo(self) and "#c62828" in self.message.styleSheet())
        return refused or self._form_state() != self._baseline

    def save_pending(self) -> bool:
        return self.submit() is not None

    def discard_pending(self) -> None:
        self.cancel_correction()

    def focus_pending(self) -> None:
        wrong = next((self.widgets[n] for n, label in self.errors.items() if label.text()), None)
        if wrong is not None:
            wrong.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.focus_form()

    def values(self) -> dict:
        return {
            "percent": self.percent.value(),
            "completed": self.completed.isChecked(),
            "note": self.note.toPlainText(),
            "reported_by": self.reported_by.text(),
            "evidence": self.evidence.text(),
        }

    def _clear_errors(self, names: tuple[str, ...]) -> None:
        for name in names:
            label = self.errors[name]
            if label.text():
                label.clear()
                label.hide()
                self.widgets[name].setStyleSheet("")

    def show_errors(self, problems: dict[str, str] | None, general: str = "", warning: bool = False) -> None:
        problems = problems or {}
        for name, label in self.errors.items():
            message = problems.get(name, "")
            label.setText(message)
            label.setVisible(bool(message))
            widget = self.widgets[name]
            widget.setStyleSheet("border: 1px solid #c62828;" if message and name != "completed" else "")
        self.message.setText(general)
        self.message.setStyleSheet("color: #8d6e00;" if warning else "color: #c62828;")
        self.message.setVisible(bool(general))

    def submit(self):
        """Write the report (or the correction); returns the Changes, or None if refused."""
        if self.task_id is None:
            return None
        day = self.reported_on.text()
        values = self.values()
        correcting = self.correcting
        task_id = self.task_id
        try:
            if correcting is not None:
                changes = self.ctx.run(progress_ops.correct_progress, correcting.id, day, ProgressFields(**values))
            else:
                changes = self.ctx.run(progress_ops.report_progress, task_id, day, ProgressFields(**values))
        except ValidationError as exc:
            fields: dict[str, list[str]] = {}
            general = []
            for p in exc.problems:
                if p.field in self.errors:
                    fields.setdefault(p.field, []).append(p.message)
                else:
                    general.append(p.message)
            self.show_errors({k: "\n".join(v) for k, v in fields.items()}, "\n".join(general))
            return None
        except NqdeskError as exc:
            self.show_errors(None, str(exc))
            return None
        self._set_mode(None)
        self.clear_form()
        self.refresh()
        if changes.warnings:
            self.show_errors(None, "\n".join(changes.warnings), warning=True)
        self.reported.emit(changes)
        return changes
