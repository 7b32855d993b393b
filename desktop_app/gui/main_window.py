"""The main window: navigation on the left, the views in the centre, the details editor
in a dock on the right, menus, toolbar and status bar. Layout is remembered."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget, QFileDialog, QHBoxLayout, QLabel, QListWidget, QMainWindow, QMessageBox, QPushButton,
    QSizePolicy, QSplitter, QStackedWidget, QToolBar, QVBoxLayout, QWidget,
)

from .. import __version__
from ..core.dates import format_date
from ..errors import NqdeskError
from ..ops import undo as undo_ops
from ..ops.base import Changes
from ..reports.check import check_database
from .background import CollectionOp, QueryOp
from .context import AppContext
from .editors.base import EntityEditor
from . import unsaved
from .history import HistoryDialog
from .i18n import _
from .views.base import BaseView, show_error
from .views.catalog import TASKS, VIEWS, ViewSpec
from .views.dashboard_view import DashboardView
from .views.tasks_view import TasksView


class ViewList(Sequence):
    """The window's views in navigation order (``views.catalog.VIEWS``), each made when it is
    first asked for: ``views[i]`` makes view *i* if need be (iterating makes them all);
    :meth:`made` lists the views made so far, which is what the window itself goes through
    (saving the layout, announcing a change): a view not made yet has nothing to save and
    reads everything when it is made."""

    def __init__(self, specs: Sequence[ViewSpec], make: Callable[[ViewSpec], BaseView],
                 on_made: Callable[[int, BaseView], None]):
        self.specs = tuple(specs)
        self._make, self._on_made = make, on_made
        self._made: dict[int, BaseView] = {}

    def __len__(self) -> int:
        return len(self.specs)

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        index = range(len(self))[index]  # (a negative index counts from the end; IndexError past it)
        view = self._made.get(index)
        if view is None:
            view = self._made[index] = self._make(self.specs[index])
            self._on_made(index, view)
        return view

    def made(self) -> Iterator[tuple[int, BaseView]]:
        """(index, view) of the views made so far, in navigation order."""
        return iter(sorted(self._made.items(), key=lambda item: item[0]))

    def is_made(self, index: int) -> bool:
        return index in self._made

    def index(self, view, start: int = 0, stop: int | None = None) -> int:  # noqa: ARG002
        """The position of a view already made (no view is made to find it)."""
        for i, made in self._made.items():
            if made is view:
                return i
        raise ValueError(view)

    def position(self, spec: ViewSpec) -> int:
        return self.specs.index(spec)


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, settings: QSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.settings = settings
        self.setWindowTitle(_("NQ Desk — Theo dõi thực hiện nghị quyết"))
        self.resize(default_size(self.screen()))
        self._build_views()
        self._build_actions()
        self._build_menus_and_toolbar()
        self._build_status_bar()
        self._build_conventions()
        self._build_reminders()
        ctx.changed.connect(self._on_changes)
        ctx.as_of_changed.connect(lambda _d: self._update_status())
        # Views load when first shown (start-up on 100,000 tasks loads only the first one).
        self._loaded: set[int] = set()
        self._restore_layout()
        self.reminders.dock.hide()  # shown after start-up only if there is something to remind of
        start = int(settings.value("window/view", 0) or 0)
        self.nav.setCurrentRow(start if 0 <= start < len(self.views) else 0)
        if self._shown_row != self.nav.currentRow():  # (no signal when the list already stood there)
            self._view_changed(self.nav.currentRow())  # e.g. the dashboard, with no details dock
        self.ensure_loaded(self.nav.currentRow())
        self._update_undo_actions()
        self._update_status()
        # Changes by other users (another program on the same database) appear within seconds.
        ctx.start_live_refresh()

    # --- building --------------------------------------------------------------------------
    def _build_views(self) -> None:
        # Each view is made when first opened (its module imported then); the overview, shown
        # first, and the task list, which the reminders and the figures open, at once.
        self.views = ViewList(VIEWS, lambda spec: spec.view_class()(self.ctx), self._view_made)
        self.nav = QListWidget(self)
        self.nav.setObjectName("navigation")
        self.nav.setMinimumWidth(120)
        self.nav.setMaximumWidth(260)
        self.stack = QStackedWidget(self)
        self.editors = QStackedWidget(self)
        self._editor_of: dict[int, QWidget | None] = {}
        self._shown_id: dict[int, object] = {}  # the item each view's editor was last given
        for spec in self.views.specs:
            self.nav.addItem(_(spec.title))
            self.stack.addWidget(QWidget(self.stack))  # stands in for the view until it is made
        # wide enough for the longest view name ("Chương trình hành động"), never clipped
        self.nav.setMinimumWidth(min(260, max(120, self.nav.sizeHintForColumn(0) + 2 * self.nav.frameWidth() + 8)))
        self.placeholder = QLabel(_("Chọn một mục để xem và sửa chi tiết."), self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.editors.addWidget(self.placeholder)
        splitter = QSplitter(self)
        splitter.setObjectName("main-splitter")
        splitter.addWidget(self.nav)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setCollapsible(1, False)  # the navigation may be folded away; the view may not
        splitter.setSizes([190, 1000])
        self.splitter = splitter
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self._build_review_banner(central))
        column.addWidget(splitter, 1)
        self.setCentralWidget(central)
        self.details = QDockWidget(_("Chi tiết"), self)
        self.details.setObjectName("details-dock")
        self.details.setWidget(self.editors)
        self.details.setMinimumWidth(300)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.details)
        self.nav.currentRowChanged.connect(self._view_changed)
        self.views[0]
        self.tasks_view()

    def _view_made(self, index: int, view: BaseView) -> None:
        """A view just made takes its place in the stack, its signals and its saved layout."""
        stand_in = self.stack.widget(index)
        self.stack.insertWidget(index, view)
        self.stack.removeWidget(stand_in)
        stand_in.deleteLater()
        view.selection_changed.connect(lambda item_id, i=index: self._selection_changed(i, item_id))
        view.activated.connect(lambda _id: self.edit_current())
        view.counts_changed.connect(lambda i=index: self._counts_changed(i))
        view.restore_state(self.settings)
        if isinstance(view, DashboardView):
            view.open_figure.connect(self._open_figure)
            view.report_requested.connect(self.periodic_report)
            view.followup_requested.connect(self.followup_letter)
            view.review_requested.connect(self.review_at)

    def _build_review_banner(self, parent: QWidget) -> QWidget:
        """Past-review mode, said plainly above every view and left with one click (issue 13):
        statuses, figures and reminders are then judged on a past day, not today."""
        banner = QWidget(parent)
        banner.setObjectName("review-banner")
        banner.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        banner.setStyleSheet("#review-banner { background: #FFF3C4; border-bottom: 1px solid #E0B000; }")
        row = QHBoxLayout(banner)
        row.setContentsMargins(8, 4, 8, 4)
        self.review_label = QLabel(banner)
        self.review_label.setObjectName("review-label")
        self.review_label.setWordWrap(True)
        self.review_label.setStyleSheet("font-weight: bold;")
        row.addWidget(self.review_label, 1)
        self.review_leave = QPushButton(_("Về hôm nay"), banner)
        self.review_leave.setObjectName("review-leave")
        self.review_leave.setToolTip(_("Thôi xem lại quá khứ: tính trạng thái theo ngày hôm nay"))
        self.review_leave.clicked.connect(self.leave_review)
        row.addWidget(self.review_leave)
        banner.hide()
        self.review_banner = banner
        return banner

    def _update_review_banner(self) -> None:
        day = self.ctx.as_of_override
        self.review_banner.setVisible(day is not None)
        if day is not None:
            self.review_label.setText(_("Đang xem lại quá khứ: trạng thái, số liệu và nhắc việc tính đến ngày "
                                        "{day}, không phải hôm nay.").format(day=format_date(day)))

    def review_at(self, day) -> None:
        """Enter past-review mode at *day* (None or today: leave it); remembered for the next start."""
        from datetime import date

        day = None if day is None or day >= date.today() else day
        self.settings.setValue("ui/as_of_override", day.isoformat() if day else "")
        if day != self.ctx.as_of_override:
            self.ctx.set_as_of_override(day)

    def leave_review(self) -> None:
        self.review_at(None)

    def ask_review_date(self) -> None:
        """Xem → Xem lại tại một ngày…: the day to judge statuses on."""
        from PySide6.QtWidgets import QInputDialog

        from ..core.dates import DateError, parse_date

        text, ok = QInputDialog.getText(self, _("Xem lại tại một ngày"), _(
            "Tính trạng thái, số liệu và nhắc việc theo ngày (ngày/tháng/năm):"), text=format_date(self.ctx.as_of))
        if not ok:
            return
        try:
            self.review_at(parse_date(text))
        except DateError as exc:
            show_error(self, str(exc))

    def _action(self, text: str, slot, shortcut=None, name: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        action.setObjectName(name)
        return action

    def _build_actions(self) -> None:
        a = self._action
        self.act_new = a(_("Thêm mới"), self.new_item, QKeySequence.StandardKey.New, "new")
        self.act_edit = a(_("Sửa"), self.edit_current, Qt.Key.Key_F2, "edit")
        self.act_delete = a(_("Xóa…"), self.delete_current, QKeySequence.StandardKey.Delete, "delete")
        self.act_find = a(_("Tìm"), self.focus_search, QKeySequence.StandardKey.Find, "find")
        self.act_undo = a(_("Hoàn tác"), self.undo, QKeySequence.StandardKey.Undo, "undo")
        self.act_redo = a(_("Làm lại"), self.redo, "Ctrl+Y", "redo")
        self.act_history = a(_("Lịch sử thay đổi…"), self.show_history, "Ctrl+H", "history")
        self.act_history_all = a(_("Toàn bộ nhật ký thao tác…"), lambda: self.show_history(all_items=True),
                                 None, "history-all")
        self.act_export = a(_("Xuất Word…"), self.export_word, "Ctrl+E", "export-word")
        self.act_export.setToolTip(_("Xuất chương trình đang chọn ra Word theo thể thức văn bản"))
        self.act_export_view = a(_("Xuất danh sách đang xem…"), self.export_view, "Ctrl+Shift+E", "export-view")
        self.act_export_view.setToolTip(_("Xuất ra Excel hoặc Word đúng các dòng, thứ tự và cột đang hiển thị"))
        self.act_report_progress = a(_("Báo cáo tiến độ…"), self.report_progress, "Ctrl+R", "report-progress")
        self.act_periodic_report = a(_("Báo cáo kết quả thực hiện…"), lambda: self.periodic_report(),
                                     "Ctrl+Shift+R", "periodic-report")
        self.act_periodic_report.setToolTip(_("Báo cáo kết quả thực hiện chương trình hành động trong một kỳ "
                                              "(Word) hoặc bảng theo dõi (Excel)"))
        self.act_reminders = a(_("Nhắc việc"), self.show_reminders, "Ctrl+Shift+N", "reminders")
        self.act_reminders.setToolTip(_("Nhiệm vụ quá hạn và sắp đến hạn, theo cơ quan chủ trì"))
        self.act_export_json = a(_("Xuất dữ liệu (JSON)…"), self.export_json, None, "export-json")
        self.act_import_json = a(_("Nhập dữ liệu (JSON, Word, Excel)…"), self.import_json, None, "import-json")
        self.act_collect_forms = a(_("Tạo phiếu thu thập báo cáo…"), self.collect_forms, None, "collect-forms")
        self.act_collect_import = a(_("Nhập phiếu báo cáo đã điền…"), self.import_returned_forms, None,
                                    "collect-import")
        self.act_backup = a(_("Sao lưu ngay"), self.backup_now, None, "backup")
        self.act_check = a(_("Kiểm tra cơ sở dữ liệu"), self.check_db, None, "check")
        self.act_prefs = a(_("Tùy chọn…"), self.show_preferences, QKeySequence.StandardKey.Preferences, "preferences")
        self.act_quit = a(_("Thoát"), self.close, "Ctrl+Q", "quit")
        self.act_review = a(_("Xem lại tại một ngày…"), self.ask_review_date, None, "review")
        self.act_review.setToolTip(_("Tính trạng thái theo một ngày đã qua (chế độ xem lại quá khứ)"))
        self.act_about = a(_("Giới thiệu NQ Desk"), self.about, None, "about")
        # Delete must not steal the key from text fields: it acts only when a table has focus.
        self.act_delete.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.stack.addAction(self.act_delete)
        self.act_view = []
        for i, spec in enumerate(self.views.specs):
            self.act_view.append(a(_(spec.title), lambda i=i: self.nav.setCurrentRow(i), f"Ctrl+{i + 1}", f"view-{i}"))

    def _build_menus_and_toolbar(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(_("&Tệp"))
        for act in (self.act_import_json, self.act_export_json, self.act_export, self.act_export_view,
                    self.act_periodic_report, None, self.act_collect_forms, self.act_collect_import, None,
                    self.act_backup, None, self.act_quit):
            file_menu.addSeparator() if act is None else file_menu.addAction(act)
        edit_menu = bar.addMenu(_("&Sửa"))
        for act in (self.act_undo, self.act_redo, None, self.act_new, self.act_edit, self.act_delete, None,
                    self.act_report_progress, None, self.act_find):
            edit_menu.addSeparator() if act is None else edit_menu.addAction(act)
        view_menu = bar.addMenu(_("&Xem"))
        for act in self.act_view:
            view_menu.addAction(act)
        view_menu.addSeparator()
        view_menu.addAction(self.act_review)
        view_menu.addAction(self.act_reminders)
        view_menu.addAction(self.act_history)
        view_menu.addAction(self.act_history_all)
        view_menu.addAction(self.details.toggleViewAction())
        tools_menu = bar.addMenu(_("&Công cụ"))
        tools_menu.addAction(self.act_check)
        tools_menu.addAction(self.act_prefs)
        help_menu = bar.addMenu(_("Trợ &giúp"))
        help_menu.addAction(self.act_about)
        toolbar = QToolBar(_("Thanh công cụ"), self)
        toolbar.setObjectName("main-toolbar")
        for act in (self.act_new, self.act_edit, self.act_delete, None, self.act_undo, self.act_redo, None,
                    self.act_find, self.act_history, self.act_export):
            toolbar.addSeparator() if act is None else toolbar.addAction(act)
        self.addToolBar(toolbar)

    def _build_reminders(self) -> None:
        from .reminders import ReminderController

        self.reminders = ReminderController(self)
        self.reminders.panel.open_task.connect(self.open_task)
        # the task tables' context menu
        tasks = self.tasks_view()
        tasks.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        tasks.table.addAction(self.act_report_progress)
        tasks.table.addAction(self.act_edit)
        tasks.table.addAction(self.act_history)

    def tasks_view(self) -> TasksView:
        view = self.views[self.views.position(TASKS)]
        assert isinstance(view, TasksView)
        return view

    def _build_status_bar(self) -> None:
        self.status_db = QLabel(self)
        self.status_as_of = QLabel(self)
        self.status_counts = QLabel(self)
        # A long database path must not widen the window: it is cut (the tooltip has it whole).
        self.status_db.setMinimumWidth(40)
        self.status_db.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        bar = self.statusBar()
        bar.addWidget(self.status_db, 1)
        bar.addPermanentWidget(self.status_counts)
        bar.addPermanentWidget(self.status_as_of)

    # --- state --------------------------------------------------------------------------------
    @property
    def current_view(self) -> BaseView:
        return self.views[max(0, self.nav.currentRow())]

    def editor_for(self, index: int):
        """The details editor of a view, made when first needed (start-up stays fast)."""
        if index not in self._editor_of:
            view = self.views[index]
            editor = view.make_editor()
            self._editor_of[index] = editor
            if editor is not None:
                self.editors.addWidget(editor)
                if hasattr(editor, "created"):
                    editor.created.connect(lambda new_id, v=view: v.select_id(new_id))
        return self._editor_of[index]

    @property
    def current_editor(self):
        return self.editor_for(max(0, self.nav.currentRow()))

    def _restore_layout(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        state = self.settings.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        else:
            self._first_show = True
        splitter = self.settings.value("window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)

    def save_layout(self) -> None:
        if self._details_hidden_for_view:  # remember the dock as the user left it
            self._details_hidden_for_view = False
            self.details.show()
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.setValue("window/view", self.nav.currentRow())
        for _i, view in self.views.made():
            view.save_state(self.settings)
        self.settings.sync()

    _first_show = False

    _reminders_started = False

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._reminders_started:
            # after the window is on screen, so start-up is not slowed by the digest
            self._reminders_started = True
            QTimer.singleShot(0, self, lambda: self.isVisible() and self.reminders.start())  # (not if closed at once)
        if self._first_show:  # no remembered layout yet: give the details panel room
            self._first_show = False
            # (a third of a laptop's screen at most: the list needs the rest)
            self.resizeDocks([self.details], [min(460, max(300, self.width() // 3))], Qt.Orientation.Horizontal)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        # Leave the field being edited so its last value is saved before closing.
        focused = self.focusWidget()
        if focused is not None:
            focused.clearFocus()
        # Typed input not saved anywhere (a new form, a refused value, the attendance grid,
        # the progress form): Lưu / Bỏ / Hủy.
        if not unsaved.confirm_leave(self):
            event.ignore()
            return
        self.save_layout()
        self.ctx.stop_loading_task_rows()
        super().closeEvent(event)

    def ensure_loaded(self, row: int) -> None:
        if row not in self._loaded:
            self._loaded.add(row)
            self.views[row].reload()

    _details_hidden_for_view = False

    _shown_row = -1
    _settling = False  # a selection or view being put back (its signals are not questions)

    def _view_changed(self, row: int) -> None:
        if row < 0 or self._settling:
            return
        old = self._shown_row
        if 0 <= old < len(self.views) and old != row and not unsaved.confirm_leave(
                self._editor_of.get(old), self.views[old], parent=self):
            self._settling = True
            try:
                self.nav.setCurrentRow(old)  # stay on the view with the unsaved input
            finally:
                self._settling = False
            return
        self._shown_row = row
        self.ensure_loaded(row)
        self.stack.setCurrentIndex(row)
        # A view with no details editor (the study view) gets the dock's width while shown.
        if not getattr(self.views[row], "uses_details", True):
            if not self.details.isHidden():  # (also before the window is first shown)
                self._details_hidden_for_view = True
                self.details.hide()
        elif self._details_hidden_for_view:
            self._details_hidden_for_view = False
            self.show_details()
        self._selection_changed(row, self.views[row].current_id())
        self._update_status()

    def _selection_changed(self, view_index: int, item_id) -> None:
        if view_index != self.nav.currentRow() or self._settling:
            return
        if item_id is not None and not self._may_leave_editor(view_index, item_id):
            return
        self._update_export_action()
        if item_id is None:
            shown = self.editors.currentWidget()
            if shown is not self.placeholder and unsaved.pending_in(shown):
                # The selection emptied (a search or filter hides the row, or a new form is being
                # filled in): the editor holding typed input stays, and the next row selected asks.
                return
            self.editors.setCurrentWidget(self.placeholder)
            return
        editor = self.editor_for(view_index)
        if editor is None:
            self.editors.setCurrentWidget(self.placeholder)
            return
        if getattr(editor, "item_id", None) != item_id or self.editors.currentWidget() is not editor:
            # (the same item re-selected after a refresh keeps the editor as it is: see _on_changes)
            if getattr(editor, "item_id", None) != item_id:
                editor.load(item_id)
        self._shown_id[view_index] = item_id
        self.editors.setCurrentWidget(editor)

    def _may_leave_editor(self, view_index: int, item_id) -> bool:
        """Another row selected while the shown editor holds unsaved or refused input: ask.
        Cancel (or a refused save) selects the row of what the editor shows again."""
        editor = self._editor_of.get(view_index)
        if editor is None or self.editors.currentWidget() is not editor \
                or getattr(editor, "item_id", None) == item_id:
            return True
        view = self.views[view_index]
        shown = self._shown_id.get(view_index)
        self._settling = True  # a save selects the new item: not a question of its own
        try:
            go_on = unsaved.confirm_leave(editor, parent=self)
            if view.current_id() != (item_id if go_on else shown):
                view.select_id(item_id if go_on else shown)
        finally:
            self._settling = False
        return go_on

    def _on_changes(self, changes: Changes) -> None:
        try:
            for i, view in self.views.made():
                if i in self._loaded:
                    view.on_changes(changes)
            # A plain editor shows the item's current values; a view's own details panel (the
            # programme view's) is refreshed by the view, which knows what the change touched.
            editor = self.editors.currentWidget()
            if isinstance(editor, EntityEditor):
                editor.refresh_after(changes)
        finally:
            # Whatever a view did, the menu says what Ctrl+Z and Ctrl+Y would do now.
            self._update_undo_actions()
        self._update_status()
        self.reminders.on_changes()
        if changes.name:
            self.statusBar().showMessage(changes.name, 5000)

    def _update_undo_actions(self) -> None:
        state = undo_ops.undo_state(self.ctx.db)
        # The Sửa menu and the tooltip say what would be undone; the toolbar keeps a short label
        # (the whole operation name would make the window wider than a laptop's screen).
        for action, text, short in ((self.act_undo, state.undo_text, _("Hoàn tác")),
                                    (self.act_redo, state.redo_text, _("Làm lại"))):
            action.setText(text or short)
            action.setIconText(short)
            action.setToolTip(text or short)
            action.setEnabled(text is not None)

    def _update_status(self) -> None:
        self.status_db.setText(_("Cơ sở dữ liệu: {name}").format(name=self.ctx.db.display_name()))
        self.status_db.setToolTip(self.status_db.text())
        label = _("Tính đến ngày {day}").format(day=format_date(self.ctx.as_of))
        if self.ctx.as_of_override is not None:
            label += " " + _("(xem lại quá khứ)")
        self.status_as_of.setText(label)
        self._update_review_banner()
        self.status_counts.setText(self.current_view.counts_text())

    def _counts_changed(self, row: int) -> None:
        if row == self.nav.currentRow():  # (e.g. the whole list arrived after the first rows)
            self.status_counts.setText(self.views[row].counts_text())

    # --- commands ---------------------------------------------------------------------------
    def new_item(self) -> None:
        editor = self.current_editor
        if editor is None:
            if hasattr(self.current_view, "new_item"):  # views that add through their own dialog
                self.current_view.new_item()
            return
        if not unsaved.confirm_leave(editor, parent=self):
            return
        self.current_view.prepare_new(editor)
        editor.load(None)
        self.editors.setCurrentWidget(editor)
        self.show_details()
        editor.focus_first()

    def edit_current(self) -> None:
        editor = self.current_editor
        if editor is None and hasattr(self.current_view, "edit_current"):
            self.current_view.edit_current()
            return
        if editor is None or self.current_view.current_id() is None:
            return
        self.show_details()
        editor.focus_first()

    def delete_current(self) -> None:
        self.current_view.delete_current()

    def focus_search(self) -> None:
        self.current_view.focus_search()

    def _undo_or_redo(self, redo: bool) -> None:
        focused = self.focusWidget()
        if focused is not None:
            focused.clearFocus()  # save a field being edited first, so it is what gets undone
        try:
            self.ctx.run(undo_ops.redo if redo else undo_ops.undo)
        except NqdeskError as exc:
            show_error(self, str(exc))
        self._update_undo_actions()

    def undo(self) -> None:
        self._undo_or_redo(False)

    def redo(self) -> None:
        self._undo_or_redo(True)

    def show_history(self, all_items: bool = False) -> HistoryDialog:
        view = self.current_view
        item_id = None if all_items else view.current_id()
        if item_id is None:
            dialog = HistoryDialog(self.ctx, None, None, _("Toàn bộ nhật ký thao tác"), self)
        else:
            dialog = HistoryDialog(self.ctx, view.entity, item_id,
                                   _("Các thao tác liên quan đến mục đang chọn"), self)
        dialog.setModal(False)
        dialog.show()
        return dialog

    def _open_figure(self, selection) -> None:
        """The dashboard's click-through: the task list showing the tasks behind a figure."""
        from ..core.dates import format_date
        from ..reports.progress import ALL_BODIES, FIGURE_LABELS

        tasks = self.tasks_view()
        row = self.views.index(tasks)
        self.ensure_loaded(row)
        self.nav.setCurrentRow(row)
        parts = [_(FIGURE_LABELS[selection.key])]
        if selection.body_id is not ALL_BODIES:
            if selection.body_id is None:
                parts.append(_("(chưa giao cơ quan chủ trì)"))
            else:
                board = self.views[0].board  # the dashboard that made the selection names the body
                parts.append(next((b.name for b in board.by_body if b.body_id == selection.body_id), ""))
        if selection.program_ids:
            parts.append(_("{n} chương trình").format(n=len(selection.program_ids)))
        parts.append(_("tính đến {day}").format(day=format_date(selection.as_of)))
        tasks.set_figure_filter(selection, " · ".join(p for p in parts if p))

    def periodic_report(self, program_ids=None):
        """Tệp → Báo cáo kết quả thực hiện… (and the dashboard's button, with its programmes)."""
        from .report_dialog import export_report_interactive

        return export_report_interactive(self, list(program_ids) if program_ids else None)

    def followup_letter(self, body_id: int):
        """Công văn đôn đốc to one lead body (from the dashboard or the reminder panel)."""
        from .reminders import export_followup_interactive

        return export_followup_interactive(self, body_id)

    def selected_program_id(self) -> int | None:
        """The programme the Word export acts on: the one selected in the programmes view."""
        view = self.current_view
        if getattr(view, "entity", "") == "programs":
            return view.current_id()
        return None

    def _update_export_action(self) -> None:
        from .table_export import exportable

        self.act_export_view.setEnabled(exportable(self.current_view))
        self.act_report_progress.setEnabled(isinstance(self.current_view, TasksView)
                                            and self.current_view.current_id() is not None)
        has = self.selected_program_id() is not None
        self.act_export.setEnabled(has)
        self.act_export.setStatusTip("" if has else _("Chọn một chương trình hành động để xuất Word."))

    def export_word(self):
        program_id = self.selected_program_id()
        if program_id is None:
            return None
        from .export_dialog import export_program_interactive

        return export_program_interactive(self, program_id)

    def export_view(self):
        """Tệp → Xuất danh sách đang xem…: the current table as shown (.xlsx or .docx)."""
        from .table_export import export_view_interactive, exportable

        view = self.current_view
        if not exportable(view):
            return None
        return export_view_interactive(self, view)

    def report_progress(self) -> None:
        """Báo cáo tiến độ…: the selected task's details, with the cursor in the report form."""
        editor = self.current_editor
        if self.current_view.current_id() is None or not hasattr(editor, "show_progress_form"):
            return
        self.editors.setCurrentWidget(editor)
        self.show_details()
        self.details.raise_()
        editor.show_progress_form()

    def show_reminders(self) -> None:
        self.reminders.show_now()

    def show_details(self) -> None:
        appearing = not self.details.isVisible()
        self.details.show()
        if appearing:
            self.share_right_column()

    def share_right_column(self) -> None:
        """When the details panel and the reminders are both shown, one above the other, the
        details keep two thirds of the column: on a 1366×768 screen the reminders shown first
        left the details editor one line."""
        reminders = getattr(getattr(self, "reminders", None), "dock", None)
        details = self.details
        if reminders is None or not (details.isVisible() and reminders.isVisible()) \
                or details.isFloating() or reminders.isFloating() \
                or self.dockWidgetArea(details) != self.dockWidgetArea(reminders):
            return
        column = max(self.centralWidget().height(), 300)
        share = max(column // 3, reminders.minimumSizeHint().height())
        self.resizeDocks([details, reminders], [column - share, share], Qt.Orientation.Vertical)

    def open_task(self, task_id: int) -> None:
        """Show a task in the task list (clearing filters that hide it) with its details."""
        tasks = self.tasks_view()
        self.nav.setCurrentRow(self.views.index(tasks))
        tasks.reveal(task_id)
        self.show_details()

    def export_json(self) -> None:
        from ..interchange.writer import export_file

        from .defaults import export_folder, remember_export_folder

        suggested = export_folder(self.settings) / "nqdesk.json"
        path, _f = QFileDialog.getSaveFileName(self, _("Xuất dữ liệu"), str(suggested), _("Tệp JSON (*.json)"))
        if not path:
            return
        remember_export_folder(self.settings, Path(path).parent)
        db = self.ctx.db

        def work(job):
            try:
                return export_file(db, path)
            except OSError as exc:  # the file could not be written: say why
                raise NqdeskError(_("Không ghi được tệp: {error}").format(error=exc.strerror or exc)) from exc

        op = QueryOp(self, work, label=_("Đang xuất dữ liệu…"), failure=lambda exc: show_error(self, str(exc)))
        op.exec()
        if op.succeeded:
            self.announce_export(Path(path), _("Đã xuất dữ liệu vào {path}").format(path=path))

    def import_json(self) -> None:
        from .defaults import export_folder

        path, _f = QFileDialog.getOpenFileName(
            self, _("Nhập dữ liệu"), str(export_folder(self.settings)),
            _("Tệp JSON, Word hoặc Excel (*.json *.docx *.xlsx);;Tệp JSON (*.json);;Chương trình Word (*.docx);;"
              "Bảng theo dõi Excel (*.xlsx)"))
        if path:
            self.import_path(path)

    def import_path(self, path: str) -> None:
        """Import one file (the Tệp menu, or a file dropped on the window) through its preview."""
        from ..ops.interchange import import_file

        from .table_import import import_table_file, is_table_file

        if is_table_file(path):
            import_table_file(self, self.ctx, path)
            return
        op = CollectionOp(self, self.ctx, lambda db: _import_changes(import_file(db, path)),
                          label=_("Đang nhập dữ liệu…"), failure=lambda exc: show_error(self, str(exc)))
        report = op.exec()
        if op.succeeded:
            QMessageBox.information(self, _("Nhập dữ liệu"), report.name)

    def collect_forms(self) -> None:
        from .collection_dialog import collect_forms_interactive

        collect_forms_interactive(self)

    def import_returned_forms(self) -> None:
        from .collection_dialog import import_returned_forms_interactive

        import_returned_forms_interactive(self)

    def backup_now(self) -> None:
        try:
            dest = self.ctx.db.backup()
        except (NqdeskError, OSError) as exc:
            show_error(self, str(exc))
            return
        self.statusBar().showMessage(_("Đã sao lưu vào {path}").format(path=dest), 8000)

    def check_db(self) -> None:
        problems = check_database(self.ctx.db)
        if problems:
            QMessageBox.warning(self, _("Kiểm tra cơ sở dữ liệu"), "\n".join(problems[:30]))
        else:
            QMessageBox.information(self, _("Kiểm tra cơ sở dữ liệu"), _("Cơ sở dữ liệu tốt."))

    def show_preferences(self) -> None:
        try:
            from .preferences import PreferencesDialog
        except ImportError:
            return
        dialog = PreferencesDialog(self.ctx, self.settings, self)
        dialog.exec()
        if dialog.language_changed:
            self.switch_language(dialog.chosen_language)

    # --- the language switched while running (issue 13): see gui/live_language.py ----------------
    def switch_language(self, language: str):
        """Show the program in *language* at once: a new main window in place of this one.
        Returns the new window, or None (the user chose «Hủy» about unsaved input)."""
        from .live_language import switch_language

        return switch_language(self, language)

    def view_state(self) -> tuple[int, object]:
        """What a rebuilt window shows again: the view and its selected item."""
        return self.nav.currentRow(), self.current_view.current_id()

    def restore_view_state(self, state: tuple[int, object]) -> None:
        row, item_id = state
        if not 0 <= row < len(self.views):
            return
        self.nav.setCurrentRow(row)
        if item_id is not None and self.current_view.current_id() != item_id:
            self.current_view.select_id(item_id)

    def stop_background(self) -> None:
        """Once closed for good: no more timers querying the database for this window, and
        no background read of the task list going on."""
        self.reminders.timer.stop()
        self.ctx.stop_loading_task_rows()
        if self.ctx.live_refresh is not None:
            self.ctx.live_refresh.stop()

    # --- office conventions (issue 13): recent files, help, backups, preview, drop, first start ---
    def _build_conventions(self) -> None:
        from .first_start import FirstStartPanel

        a = self._action
        menus = [m.menu() for m in self.menuBar().actions()]
        file_menu, help_menu = menus[0], menus[-1]
        self.recent_menu = file_menu.addMenu(_("Mở gần đây"))
        self.recent_menu.setObjectName("recent-menu")
        file_menu.insertMenu(file_menu.actions()[0], self.recent_menu)
        file_menu.insertSeparator(file_menu.actions()[1])
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self._fill_recent_menu()
        self.act_print_preview = a(_("Xem trước khi in…"), self.print_preview, QKeySequence.StandardKey.Print,
                                   "print-preview")
        self.act_print_preview.setToolTip(_("Xem chương trình đang chọn như khi in (PDF)"))
        file_menu.insertAction(self.act_export_view, self.act_print_preview)
        self.act_backups = a(_("Sao lưu và khôi phục…"), self.show_backups, None, "backups")
        file_menu.insertAction(self.act_quit, self.act_backups)
        file_menu.insertSeparator(self.act_quit)
        self.act_help = a(_("Hướng dẫn sử dụng"), self.show_help, "F1", "help")
        help_menu.insertAction(self.act_about, self.act_help)
        self.setAcceptDrops(True)
        self.folder_button = QPushButton(_("Mở thư mục"), self)
        self.folder_button.setObjectName("status-open-folder")
        self.folder_button.setFlat(True)
        self.folder_button.hide()
        self.folder_button.clicked.connect(self._open_exported_folder)
        self.statusBar().addWidget(self.folder_button)
        self.statusBar().messageChanged.connect(lambda text: text or self.folder_button.hide())
        self._exported: Path | None = None
        self.first_start = FirstStartPanel(self)
        for key, slot in (("document", lambda: self._first_step("documents")),
                          ("program", lambda: self._first_step("programs")),
                          ("import", self.import_json), ("demo", self.load_demo)):
            self.first_start.buttons[key].clicked.connect(lambda _c=False, f=slot: f())
        dashboard = self.views[0]
        if dashboard.layout() is not None:
            dashboard.layout().insertWidget(0, self.first_start)
        # a bound method, not a lambda: Qt drops the connection with the window (the context
        # outlives it when the database is switched)
        self.ctx.changed.connect(self._first_start_changed)
        self._update_first_start()

    def _first_start_changed(self, _changes) -> None:
        self._update_first_start()

    def announce_export(self, path: Path, text: str, timeout: int = 10000) -> None:
        """A file written (JSON, the table as shown): said in the status bar with «Mở thư mục»."""
        self._exported = Path(path)
        self.statusBar().showMessage(text, timeout)
        self.folder_button.show()

    def _open_exported_folder(self) -> None:
        from .export_dialog import open_folder

        if self._exported is not None:
            open_folder(self._exported)

    def _fill_recent_menu(self) -> None:
        from .recent import fill_recent_menu

        fill_recent_menu(self.recent_menu, self.settings, self.ctx.db.path, self.open_database_file)

    def open_database_file(self, path):
        """Switch to another database file (Tệp → Mở gần đây) the way start-up opens one."""
        from .app import switch_database

        return switch_database(self, path)

    def show_help(self):
        from .help_dialog import HelpDialog

        dialog = HelpDialog(self)
        dialog.setModal(False)
        dialog.show()
        self.help_dialog = dialog
        return dialog

    def show_backups(self):
        from .backup_dialog import BackupDialog

        dialog = BackupDialog(self)
        self.backup_dialog = dialog
        dialog.exec()
        return dialog

    def print_preview(self):
        program_id = self.selected_program_id()
        if program_id is None:
            show_error(self, _("Chọn một chương trình hành động (màn hình «Chương trình hành động») để xem trước."))
            return None
        from .print_preview import preview_program

        return preview_program(self, program_id)

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        from .drop_import import droppable_paths

        if droppable_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:  # noqa: N802
        from .drop_import import droppable_paths, handle_drop

        paths = droppable_paths(event.mimeData())
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        # after the drop has finished (the file manager is not kept waiting on our dialogs)
        QTimer.singleShot(0, lambda: handle_drop(self, paths))

    def _update_first_start(self) -> None:
        from ..reports.records import database_is_empty

        self.first_start.setVisible(database_is_empty(self.ctx.db))

    def _first_step(self, entity: str) -> None:
        index = next((i for i, spec in enumerate(self.views.specs) if spec.entity == entity), None)
        if index is None:
            return
        self.nav.setCurrentRow(index)
        self.new_item()

    def load_demo(self) -> None:
        from ..ops.interchange import import_file
        from ..resources import DEMO_FILE

        op = CollectionOp(self, self.ctx, lambda db: _import_changes(import_file(db, DEMO_FILE)),
                          label=_("Đang nạp dữ liệu mẫu…"), failure=lambda exc: show_error(self, str(exc)))
        op.exec()

    def about(self) -> None:
        QMessageBox.about(self, _("Giới thiệu NQ Desk"), _(
            "NQ Desk {version}\nTheo dõi thực hiện nghị quyết, chương trình hành động và nhiệm vụ.").format(
            version=__version__))


def _import_changes(report) -> Changes:
    changes = Changes(name=report.summary(), journal_id=report.journal_id)
    for table in ("bodies", "documents", "programs", "tasks"):
        changes.inserted[table] = set()
    return changes


def default_size(screen) -> QSize:
    """The first window size: 1400×860, or the screen's free area on a smaller screen (a 1366×768
    laptop), so nothing starts off-screen."""
    wanted = QSize(1400, 860)
    if screen is None:
        return wanted
    free = screen.availableGeometry().size()
    return wanted.boundedTo(QSize(free.width(), free.height() - 40))  # less the title bar
