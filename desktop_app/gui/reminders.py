"""Nhắc việc: a non-modal panel listing the overdue tasks and those due soon, grouped by
lead body. It appears at start-up (after the window is shown) and again each day while
the program stays open, only when there is something to list and the user has not asked
to be reminded tomorrow ("Nhắc lại ngày mai" remembers the day in the GUI settings). It is
always reachable from Xem → Nhắc việc.

Built from ``ctx.task_rows()`` (the cached rows the task list uses): no extra query on
100,000 tasks; after a change only the bodies whose tasks it touched are regrouped
(``ctx.reminder_groups()``, ``reports/digest.py``), and the tree is redrawn only when what
it shows changed. The clock is injectable (``clock``) so tests can move to the next day.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QDockWidget, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTreeWidget,
    QTreeWidgetItem, QVBoxLayout, QWidget,
)

from ..core.dates import format_date
from ..core.status import STATUS_COLOURS, TaskStatus
from ..core.status import days_text as status_days_text
from ..reports.progress import DigestGroup
from .formats import format_int
from .i18n import _
from .models import DARK_TEXT_STATUSES, status_label

TASK_ID_ROLE = Qt.ItemDataRole.UserRole + 31
BODY_ID_ROLE = Qt.ItemDataRole.UserRole + 32
GROUP_ROLE = Qt.ItemDataRole.UserRole + 33
SNOOZE_KEY = "reminders/snoozed_on"
ENABLED_KEY = "reminders/enabled"
CHECK_INTERVAL_MS = 15 * 60 * 1000  # look for a new day every quarter of an hour
EXPAND_ALL_UP_TO = 300  # tasks: more than this and each body's list opens on demand


def days_text(row, as_of: date) -> str:
    """How late the task is, or how many days are left, in the UI language."""
    return status_days_text(row.due_date, as_of)


class ReminderPanel(QWidget):
    """The tree (body → tasks) with its buttons; lives in a dock of the main window."""

    open_task = Signal(int)
    snooze_requested = Signal()
    followup_requested = Signal(object)  # body id

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.groups: list[DigestGroup] = []
        self.shown_as_of: date | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.summary = QLabel(self)
        self.summary.setObjectName("reminder-summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("reminder-tree")
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels([_("Cơ quan chủ trì / nhiệm vụ"), _("Hạn"), _("Còn / quá"), _("Trạng thái")])
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in (1, 2):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        # The status is also the cell's colour: a short column (the whole label in the tooltip)
        # leaves the dock's width to the task's own words.
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(3, self.tree.fontMetrics().horizontalAdvance(_("Sắp đến hạn")) + 16)
        header.setStretchLastSection(False)
        self.tree.itemDoubleClicked.connect(self._double_clicked)
        self.tree.itemExpanded.connect(self._fill_group)
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.tree, 1)
        buttons = QHBoxLayout()
        self.followup_button = QPushButton(_("Gửi công văn đôn đốc…"), self)
        self.followup_button.setObjectName("reminder-followup")
        self.followup_button.setToolTip(_("Xuất công văn đôn đốc cơ quan đang chọn (Word)"))
        self.followup_button.clicked.connect(self._followup)
        self.snooze_button = QPushButton(_("Nhắc lại ngày mai"), self)
        self.snooze_button.setObjectName("reminder-snooze")
        self.snooze_button.setToolTip(_("Hôm nay không tự mở bảng nhắc việc nữa"))
        self.snooze_button.clicked.connect(self.snooze_requested.emit)
        buttons.addWidget(self.followup_button)
        buttons.addStretch(1)
        buttons.addWidget(self.snooze_button)
        layout.addLayout(buttons)
        self._update_buttons()

    def set_groups(self, groups: list[DigestGroup], as_of: date) -> None:
        self.groups = groups
        self.tree.clear()
        overdue = sum(len(g.overdue) for g in groups)
        soon = sum(len(g.due_soon) for g in groups)
        if not groups:
            self.summary.setText(_("Tính đến ngày {day}: không có nhiệm vụ quá hạn hoặc sắp đến hạn.").format(
                day=format_date(as_of)))
        else:
            self.summary.setText(_("Tính đến ngày {day}: {overdue} nhiệm vụ quá hạn, {soon} nhiệm vụ sắp đến hạn, "
                                   "của {bodies} cơ quan. Nhấp đúp để mở nhiệm vụ.").format(
                day=format_date(as_of), overdue=format_int(overdue), soon=format_int(soon),
                bodies=format_int(len(groups))))
        bold = QFont(self.tree.font())
        bold.setBold(True)
        self._as_of = self.shown_as_of = as_of
        # A big database can have tens of thousands of late tasks: a body's tasks are then
        # listed when its line is opened, not all at start-up.
        expand = overdue + soon <= EXPAND_ALL_UP_TO
        for index, group in enumerate(groups):
            parts = []
            if group.overdue:
                parts.append(_("{n} quá hạn").format(n=format_int(len(group.overdue))))
            if group.due_soon:
                parts.append(_("{n} sắp đến hạn").format(n=format_int(len(group.due_soon))))
            name = group.name if group.body_id is not None else _("(chưa giao cơ quan chủ trì)")
            title = f"{name} — {', '.join(parts)}"
            top = QTreeWidgetItem([title, "", "", ""])
            top.setToolTip(0, title)
            top.setData(0, BODY_ID_ROLE, group.body_id)
            top.setFont(0, bold)
            top.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
            top.setData(0, GROUP_ROLE, index)
            self.tree.addTopLevelItem(top)
            top.setFirstColumnSpanned(True)  # the body's name across the row, not cut at the first column
            if expand:
                self._fill_group(top)
                top.setExpanded(True)
        self._update_buttons()

    def _fill_group(self, top: QTreeWidgetItem) -> None:
        """The tasks of one body, added the first time its line is opened."""
        index = top.data(0, GROUP_ROLE)
        if index is None or top.childCount() or top.parent() is not None:
            return
        group = self.groups[index]
        as_of = self._as_of
        for row in group.overdue + group.due_soon:
            child = QTreeWidgetItem([row.content, format_date(row.due_date), days_text(row, as_of),
                                     status_label(row.status)])
            child.setData(0, TASK_ID_ROLE, row.id)
            child.setData(0, BODY_ID_ROLE, group.body_id)
            child.setToolTip(0, row.content)
            child.setToolTip(3, status_label(row.status))
            status = TaskStatus(row.status)
            child.setBackground(3, QBrush(QColor(STATUS_COLOURS[status])))
            child.setForeground(3, QBrush(QColor("#000000" if status in DARK_TEXT_STATUSES else "#ffffff")))
            if status == TaskStatus.OVERDUE:
                child.setForeground(2, QBrush(QColor("#c62828")))
            top.addChild(child)

    def selected_body_id(self) -> int | None:
        items = self.tree.selectedItems()
        return items[0].data(0, BODY_ID_ROLE) if items else None

    def _update_buttons(self) -> None:
        self.followup_button.setEnabled(self.selected_body_id() is not None)

    def _double_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        task_id = item.data(0, TASK_ID_ROLE)
        if task_id is not None:
            self.open_task.emit(int(task_id))

    def _followup(self) -> None:
        body_id = self.selected_body_id()
        if body_id is not None:
            self.followup_requested.emit(body_id)


class ReminderController(QObject):
    """Decides when the reminder dock shows: at start-up and when the day changes, only if
    the digest is not empty and not snoozed for today; always on request (Xem → Nhắc việc)."""

    def __init__(self, window, clock: Callable[[], date] | None = None, parent: QObject | None = None):
        super().__init__(parent or window)
        self.window = window
        self.ctx = window.ctx
        self.settings: QSettings = window.settings
        self.clock = clock or date.today
        self.panel = ReminderPanel()
        self.dock = QDockWidget(_("Nhắc việc"), window)
        self.dock.setObjectName("reminders-dock")
        self.dock.setWidget(self.panel)
        # in the window from the start, so its place is saved and restored with the layout;
        # whether it shows is decided by check() after start-up, not by the saved layout.
        # Under the details panel on the right: at the bottom it made the window taller than a
        # 1366×768 laptop's screen (issue 13).
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()
        self.last_day: date | None = None
        self.panel.snooze_requested.connect(self.snooze)
        self.panel.followup_requested.connect(self.send_followup)
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_INTERVAL_MS)
        self.timer.timeout.connect(self.tick)
        self.ctx.task_rows_loaded.connect(self._rows_read)

    # Many tasks are read in the background at the first start (AppContext.load_task_rows):
    # what was asked for meanwhile is done when they arrive.
    _when_read: str | None = None  # "check" or "show"

    def _rows_ready(self, then: str) -> bool:
        """Whether the task rows are loaded (read now when few); if not, *then* ("check",
        "show") is done when they arrive."""
        if self.ctx.want_task_rows(self.window):
            return True
        if self._when_read != "show":
            self._when_read = then
        return False

    def _rows_read(self) -> None:
        then, self._when_read = self._when_read, None
        if then == "check":
            self.check()
        elif then == "show":
            self.show_now()
        elif self.dock.isVisible():  # read again (another day, a large change): keep it current
            self.fill(if_changed=True)

    # --- when to show -----------------------------------------------------------------------
    def enabled(self) -> bool:
        value = self.settings.value(ENABLED_KEY, True)
        return str(value).lower() not in ("false", "0", "no")

    def snoozed_today(self) -> bool:
        return (str(self.settings.value(SNOOZE_KEY, "") or "") == self.clock().isoformat()
                or self._quiet_day == self.clock())

    _quiet_day: date | None = None

    def keep_closed_today(self) -> None:
        """The panel stays closed today unless asked for (Xem → Nhắc việc): a window rebuilt in
        another language keeps the panel the user had closed (not saved as «Nhắc lại ngày mai»)."""
        self._quiet_day = self.clock()

    def digest(self) -> list[DigestGroup]:
        """``reports.progress.reminder_digest`` of the shared task rows, kept up to date
        with them by the context (a change rebuilds only the bodies it touched)."""
        return self.ctx.reminder_groups()

    def fill(self, *, if_changed: bool = False) -> list[DigestGroup]:
        """Show the digest; *if_changed*: leave the tree as it is (what is opened, selected)
        when it would show the same."""
        groups = self.digest()
        as_of = self.ctx.as_of
        if not (if_changed and groups == self.panel.groups and as_of == self.panel.shown_as_of):
            self.panel.set_groups(groups, as_of)
        return groups

    def start(self) -> None:
        """After the window is shown: the first check, then a check every quarter of an hour
        for a new day."""
        self.check()
        self.timer.start()

    def check(self) -> bool:
        """Show the panel if there is something to remind of today; returns whether shown."""
        self.last_day = self.clock()
        if not self.enabled() or self.snoozed_today():
            return False
        if not self._rows_ready("check"):
            return False
        if not self.fill():
            return False
        self.show_dock()
        return True

    def tick(self) -> None:
        """Timer: once a new day has begun, check again."""
        if self.clock() != self.last_day:
            self.check()

    def show_dock(self) -> None:
        appearing = not self.dock.isVisible()
        self.dock.show()
        self.dock.raise_()
        if appearing:
            self.window.share_right_column()

    def show_now(self) -> None:
        """Xem → Nhắc việc: always, even when empty or snoozed."""
        if not self._rows_ready("show"):
            return
        self.fill()
        self.show_dock()
        self.panel.tree.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def snooze(self) -> None:
        self.settings.setValue(SNOOZE_KEY, self.clock().isoformat())
        self.settings.sync()
        self.dock.hide()

    def on_changes(self) -> None:
        """Keep an open panel current after edits (a report can take a task off the list)."""
        if self.dock.isVisible() and self.ctx.has_task_rows():
            self.fill(if_changed=True)

    # --- công văn đôn đốc -------------------------------------------------------------------
    def send_followup(self, body_id: int) -> Path | None:
        return export_followup_interactive(self.window, body_id)


def followup_exporter():
    """The writer of the letter (a seam for tests)."""
    from ..export.followup_docx import export_followup

    return export_followup


def export_followup_interactive(window, body_id: int) -> Path | None:
    """Ask for the profile and the file, write the follow-up letter to *body_id*."""
    from ..export.followup_docx import profile_for_body
    from ..reports.records import body_record
    from .export_dialog import run_word_export
    from .table_export import safe_file_stem

    exporter = followup_exporter()
    ctx = window.ctx
    body = body_record(ctx.db, body_id)
    code = (body.code or body.short_name or body.name) if body is not None else str(body_id)
    kind = body.kind if body is not None else None
    as_of = ctx.as_of
    # a Party body gets the Party letter (hd36), a state body the state one (nd30)
    return run_word_export(
        window, title=_("Gửi công văn đôn đốc"),
        default_name=f"Don-doc-{safe_file_stem(code)}-{as_of.strftime('%d-%m-%Y')}.docx",
        write=lambda target, profile: exporter(ctx.db, body_id, as_of, target, profile=profile),
        default_profile=profile_for_body(kind), remember_profile=False)
