"""Học tập, quán triệt: the study sessions (hội nghị) on a resolution, the attendance grid of
the selected session, filled from the organisations' reports (keyboard, paste from Excel),
and the figures of the study round (bridge points, attendees, organisations represented,
members studied, the organisations still behind).

The grid holds edits until "Lưu" (Ctrl+S); a refused save lists every problem below the
grid, marks the cells and saves nothing. Switching session or closing with unsaved edits
asks first.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QHBoxLayout, QHeaderView, QLabel, QListWidget, QListWidgetItem, QMenu,
    QMessageBox, QPushButton, QSplitter, QTableView, QVBoxLayout, QWidget,
)

from ...core.dates import format_date
from ...core.numbers import format_int, format_ratio
from ...errors import NqdeskError
from ...ops import study as study_ops
from ...ops.base import Changes, ValidationError
from ...reports.lists import list_documents
from ...reports.study import StudyFigures, study_figures
from ...reports.study_lists import (
    SessionSummary, bridge_points, documents_with_sessions, member_counts, party_organisations,
    scope_organisations, sessions_on_document,
)
from ..i18n import _
from ..study_dialogs import BridgePointsDialog, MemberCountDialog, SessionDialog, date_edit, from_qdate, to_qdate
from ..study_grid import COL_BODY, COL_NOTE, AttendanceGridModel, AttendanceTable
from ..table_model import Column, RowCacheModel
from ..widgets import FlowLayout, SearchableComboBox
from .base import BaseView, confirm, fit_header_texts, show_error

WATCHED = ("study_sessions", "study_session_documents", "bridge_points", "study_attendance",
           "party_memberships", "bodies", "documents")
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def session_columns() -> list[Column]:
    return [
        Column("held_on", _("Ngày"), lambda s: format_date(s.held_on), sort=lambda s: s.held_on, width=84),
        Column("level", _("Cấp"), lambda s: _(study_ops.STUDY_SESSION_LEVEL_LABELS.get(s.level, s.level)),
               tooltip=lambda s: _(study_ops.STUDY_SESSION_LEVEL_LABELS.get(s.level, s.level)), width=140),
        Column("title", _("Tên hội nghị"), lambda s: s.title, tooltip=lambda s: s.title, width=250),
        Column("points", _("Điểm cầu"), lambda s: format_int(s.bridge_points), sort=lambda s: s.bridge_points,
               align=RIGHT, width=70),
        Column("attendees", _("Người dự"), lambda s: format_int(s.attendees_total),
               sort=lambda s: s.attendees_total, align=RIGHT, width=80),
        Column("studied", _("Học tập lần đầu"), lambda s: format_int(s.newly_studied),
               sort=lambda s: s.newly_studied, align=RIGHT, width=100),
    ]


def behind_columns() -> list[Column]:
    return [
        Column("name", _("Tổ chức đảng"), lambda o: o.name, tooltip=lambda o: o.name, width=180),
        Column("members", _("Đảng viên"), lambda o: format_int(o.members), sort=lambda o: o.members,
               align=RIGHT, width=62),
        Column("studied", _("Đã học"), lambda o: format_int(o.studied), sort=lambda o: o.studied,
               align=RIGHT, width=54),
        Column("remaining", _("Còn lại"), lambda o: format_int(o.remaining), sort=lambda o: o.remaining,
               align=RIGHT, width=54),
        Column("percent", _("Tỷ lệ"), lambda o: format_ratio(o.studied, o.members),
               sort=lambda o: o.percent or 0, align=RIGHT, width=46),
    ]


class SessionsModel(RowCacheModel):
    pass


class BehindModel(RowCacheModel):
    def row_id(self, row) -> int:
        return row.body_id


def _table(parent, model) -> QTableView:
    table = QTableView(parent)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(22)
    for i, col in enumerate(model.columns):
        if col.width:
            table.setColumnWidth(i, col.width)
    fit_header_texts(table)
    return table


class StudyView(BaseView):
    entity = "study_sessions"
    uses_details = False  # the main window hides its details dock while this view is shown

    def __init__(self, ctx, parent=None):
        self.title = _("Học tập, quán triệt")
        super().__init__(ctx, parent)
        self.figures: StudyFigures | None = None
        self.session_id: int | None = None
        self._loading = False
        self._stale = False
        self._saving = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        head = QLabel(self.title, self)
        head.setStyleSheet("font-weight: bold; font-size: 13pt;")
        layout.addWidget(head)
        layout.addLayout(self._build_top_bar())
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("study-splitter")
        left = QSplitter(Qt.Orientation.Vertical, splitter)
        left.addWidget(self._build_sessions())
        left.addWidget(self._build_grid())
        left.setStretchFactor(1, 1)
        left.setSizes([170, 600])
        splitter.addWidget(left)
        splitter.addWidget(self._build_figures())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([800, 400])
        self.splitter = splitter
        layout.addWidget(splitter, 1)
        self._build_actions()
        ctx.as_of_changed.connect(self._as_of_changed)

    # --- building ---------------------------------------------------------------------------------
    def _build_top_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        bar.addWidget(QLabel(_("Nghị quyết"), self))
        self.resolution = SearchableComboBox(self)
        self.resolution.setObjectName("resolution")
        self.resolution.setMinimumContentsLength(18)
        self.resolution.idChanged.connect(lambda _id: self._resolution_changed())
        bar.addWidget(self.resolution, 3)
        bar.addWidget(QLabel(_("Phạm vi"), self))
        self.scope = SearchableComboBox(self, none_text=_("(theo các hội nghị)"))
        self.scope.setObjectName("scope")
        self.scope.setToolTip(_("Tổ chức đảng mà các số liệu tính cho các đơn vị trực thuộc; "
                                "để trống: tổ chức mà các hội nghị ghi."))
        self.scope.idChanged.connect(lambda _id: self.refresh_figures())
        bar.addWidget(self.scope, 2)
        bar.addWidget(QLabel(_("Tính đến"), self))
        self.as_of = date_edit(self, self.ctx.as_of)
        self.as_of.setObjectName("as-of")
        self.as_of.dateChanged.connect(lambda _d: self.refresh_figures())
        bar.addWidget(self.as_of)
        return bar

    def _build_sessions(self) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.sessions_model = SessionsModel(session_columns(), self)
        self.sessions = _table(box, self.sessions_model)
        self.sessions.setObjectName("sessions")
        self.sessions.horizontalHeader().setStretchLastSection(True)
        self.sessions.selectionModel().selectionChanged.connect(lambda *_a: self._session_selected())
        self.sessions.doubleClicked.connect(lambda _i: self.edit_session())
        layout.addWidget(self.sessions, 1)
        row = QHBoxLayout()
        self.add_button = QPushButton(_("Thêm hội nghị…"), box)
        self.add_button.setToolTip(_("Thêm hội nghị học tập (Ctrl+N)"))
        self.edit_button = QPushButton(_("Sửa…"), box)
        self.edit_button.setToolTip(_("Sửa hội nghị đang chọn (F2)"))
        self.delete_button = QPushButton(_("Xóa…"), box)
        self.points_button = QPushButton(_("Điểm cầu…"), box)
        self.points_button.setToolTip(_("Thêm, sửa, xóa các điểm cầu của hội nghị"))
        self.add_button.clicked.connect(self.new_item)
        self.edit_button.clicked.connect(self.edit_session)
        self.delete_button.clicked.connect(self.delete_current)
        self.points_button.clicked.connect(self.manage_points)
        for b in (self.add_button, self.edit_button, self.delete_button, self.points_button):
            row.addWidget(b)
        # The list counts every point of a session; the report (the figures on the right) only
        # the scope's own points and not make-up sessions: say so, or 65 ≠ 64 looks like an error.
        note = QLabel(_("Danh sách tính mọi điểm cầu của hội nghị; số liệu báo cáo chỉ tính điểm cầu "
                        "của phạm vi (không tính điểm cầu cấp tỉnh, học bù)."), box)
        note.setObjectName("sessions-note")
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(note)  # its own line: beside the buttons it was cut on a laptop screen
        return box

    def _build_grid(self) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.grid_title = QLabel(box)
        self.grid_title.setStyleSheet("font-weight: bold;")
        self.grid_title.setWordWrap(True)
        layout.addWidget(self.grid_title)
        self.grid = AttendanceGridModel(self)
        self.table = AttendanceTable(box)
        self.table.setObjectName("attendance")
        self.table.setModel(self.grid)
        for col, width in ((COL_BODY, 260), (1, 190), (2, 90), (3, 110), (4, 110), (COL_NOTE, 160)):
            self.table.setColumnWidth(col, width)
        self.table.horizontalHeader().setStretchLastSection(True)
        fit_header_texts(self.table)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._grid_menu)
        self.grid.dataChanged.connect(lambda *_a: self._update_buttons())
        self.grid.rowsInserted.connect(lambda *_a: self._update_buttons())
        self.grid.rowsRemoved.connect(lambda *_a: self._update_buttons())
        layout.addWidget(self.table, 1)
        self.problems = QListWidget(box)
        self.problems.setObjectName("problems")
        self.problems.setMaximumHeight(120)
        self.problems.setStyleSheet("color: #b71c1c;")
        self.problems.itemActivated.connect(self._jump_to_problem)
        self.problems.itemClicked.connect(self._jump_to_problem)
        self.problems.hide()
        layout.addWidget(self.problems)
        row = FlowLayout()  # wraps onto a second line on a narrow window (fits 1366×768)
        self.save_button = QPushButton(_("Lưu"), box)
        self.save_button.setObjectName("save-grid")
        self.save_button.setToolTip(_("Lưu bảng dự hội nghị (Ctrl+S)"))
        self.revert_button = QPushButton(_("Hủy thay đổi"), box)
        self.revert_button.setObjectName("revert-grid")
        self.add_row_button = QPushButton(_("Thêm dòng cho tổ chức này"), box)
        self.add_row_button.setToolTip(_("Tổ chức báo cáo ở hai điểm cầu (điểm cầu của mình và điểm cầu tỉnh): "
                                         "thêm một dòng cho điểm cầu thứ hai"))
        self.remove_row_button = QPushButton(_("Xóa dòng"), box)
        self.members_button = QPushButton(_("Số đảng viên…"), box)
        self.members_button.setToolTip(_("Sửa số đảng viên của tổ chức đang chọn"))
        self.save_button.clicked.connect(self.save_grid)
        self.revert_button.clicked.connect(self.revert_grid)
        self.add_row_button.clicked.connect(self.duplicate_current_row)
        self.remove_row_button.clicked.connect(self.remove_current_row)
        self.members_button.clicked.connect(self.edit_member_count)
        for b in (self.save_button, self.revert_button, self.add_row_button, self.remove_row_button,
                  self.members_button):
            row.addWidget(b)
        self.grid_status = QLabel(box)
        self.grid_status.setObjectName("grid-status")
        self.grid_status.setStyleSheet("color: #555;")
        self.grid_status.setWordWrap(True)
        layout.addLayout(row)
        layout.addWidget(self.grid_status)
        hint = QLabel(_("Gõ số trực tiếp; Enter xuống dòng, Tab sang ô bên phải, Delete xóa ô; "
                        "Ctrl+V dán một khối ô từ Excel; ô để trống tính là 0."), box)
        hint.setStyleSheet("color: #666;")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        return box

    def _build_figures(self) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(4, 0, 0, 0)
        self.figures_label = QLabel(box)
        self.figures_label.setObjectName("figures")
        self.figures_label.setTextFormat(Qt.TextFormat.RichText)
        self.figures_label.setWordWrap(True)
        self.figures_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.figures_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.figures_label)
        self.behind_title = QLabel(box)
        self.behind_title.setStyleSheet("font-weight: bold;")
        layout.addWidget(self.behind_title)
        self.behind_model = BehindModel(behind_columns(), self)
        self.behind = _table(box, self.behind_model)
        self.behind.setObjectName("behind")
        self.behind.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.behind.setSortingEnabled(True)
        self.behind.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.behind.doubleClicked.connect(lambda _i: self.edit_member_count(from_figures=True))
        self.behind.setToolTip(_("Nhấn đúp một tổ chức để sửa số đảng viên"))
        layout.addWidget(self.behind, 1)
        row = QHBoxLayout()
        self.behind_members = QPushButton(_("Sửa số đảng viên…"), box)
        self.behind_members.clicked.connect(lambda: self.edit_member_count(from_figures=True))
        self.export_button = QPushButton(_("Xuất báo cáo Word…"), box)
        self.export_button.setObjectName("export-study")
        self.export_button.clicked.connect(self.export_report)
        row.addWidget(self.behind_members)
        row.addStretch(1)
        row.addWidget(self.export_button)
        layout.addLayout(row)
        return box

    def _build_actions(self) -> None:
        self.act_save = QAction(_("Lưu bảng dự hội nghị"), self)
        self.act_save.setShortcut(QKeySequence.StandardKey.Save)
        self.act_save.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.act_save.triggered.connect(lambda _c=False: self.save_grid())
        self.addAction(self.act_save)

    # --- BaseView ---------------------------------------------------------------------------------
    def reload(self) -> None:
        self._loading = True
        try:
            current = self.resolution.current_id()
            studied = documents_with_sessions(self.ctx.db)
            docs = list_documents(self.ctx.db)
            rank = {d: i for i, d in enumerate(studied)}
            docs.sort(key=lambda d: (d.id not in rank, rank.get(d.id, 0), d.symbol))
            self.resolution.set_items([(d.id, f"{d.symbol} – {d.subject[:80]}") for d in docs])
            if current is None and docs:
                self.resolution.set_current_id(docs[0].id)
            self.resolution.lineEdit().setCursorPosition(0)  # the symbol, not the end of the subject
            self.scope.set_items([(o.id, o.name) for o in party_organisations(self.ctx.db)])
        finally:
            self._loading = False
        self.reload_sessions()
        self.refresh_figures()

    def touched_by(self, changes: Changes) -> bool:
        return any(changes.touches(e) for e in WATCHED)

    def on_changes(self, changes: Changes) -> None:
        if not self.touched_by(changes):
            return
        if changes.touches("documents") or changes.touches("bodies"):
            self._loading = True
            try:
                self.scope.set_items([(o.id, o.name) for o in party_organisations(self.ctx.db)])
            finally:
                self._loading = False
        self.reload_sessions(keep_edits=True)
        self.refresh_figures()

    def current_id(self) -> int | None:
        return self.session_id

    def select_id(self, item_id: int | None) -> None:
        row = -1 if item_id is None else self.sessions_model.row_of(item_id)
        if row < 0:
            self.sessions.clearSelection()
        else:
            self.sessions.selectRow(row)

    def delete_current(self) -> Changes | None:
        session = self.current_session()
        if session is None:
            return None
        if not confirm(self, _("Xóa hội nghị «{title}» ({day}) cùng các điểm cầu và bảng dự hội nghị?\n"
                               "Có thể hoàn tác bằng Ctrl+Z.").format(title=session.title,
                                                                      day=format_date(session.held_on))):
            return None
        self._discard()
        changes, error = self.ctx.try_run(study_ops.delete_session, session.id)
        if error:
            show_error(self, error)
        return changes

    def new_item(self) -> None:
        if not self.confirm_leave():
            return
        dialog = SessionDialog(self.ctx, None, self, document_ids=[i for i in [self.resolution.current_id()] if i],
                               scope_id=self._scope_for_new(), day=from_qdate(self.as_of.date()))
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.session_id:
            self.select_id(dialog.session_id)
        self.last_dialog = dialog

    def edit_current(self) -> None:
        self.edit_session()

    def counts_text(self) -> str:
        return _("{n} hội nghị").format(n=format_int(self.sessions_model.rowCount()))

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("views/study/splitter", self.splitter.saveState())

    def restore_state(self, settings: QSettings) -> None:
        state = settings.value("views/study/splitter")
        if state is not None:
            self.splitter.restoreState(state)

    # --- sessions ---------------------------------------------------------------------------------
    def current_session(self) -> SessionSummary | None:
        return self.sessions_model.get(self.session_id) if self.session_id is not None else None

    def _scope_for_new(self) -> int | None:
        if self.scope.current_id() is not None:
            return self.scope.current_id()
        if self.figures is not None:
            return self.figures.scope_id
        return None

    _resolution_id: int | None = None

    def reload_sessions(self, keep_edits: bool = False) -> None:
        self._resolution_id = self.resolution.current_id()
        current = self.session_id
        self._loading = True
        try:
            self.sessions_model.set_rows(sessions_on_document(self.ctx.db, self.resolution.current_id()))
            row = self.sessions_model.row_of(current) if current is not None else -1
            if row < 0 and self.sessions_model.rowCount():
                row = 0
            if row >= 0:
                self.sessions.selectRow(row)
        finally:
            self._loading = False
        new = self.sessions_model.id_at(row) if row >= 0 else None
        if new == current and keep_edits and self.grid.is_dirty() and not self._saving:
            self._stale = True
            self.grid_status.setText(_("Dữ liệu của hội nghị vừa thay đổi; bấm «Hủy thay đổi» để tải lại bảng."))
            return
        self.session_id = new
        self.load_grid()
        self.selection_changed.emit(self.session_id)

    def _resolution_changed(self) -> None:
        if self._loading:
            return
        if not self.confirm_leave():
            self._loading = True
            try:
                self.resolution.set_current_id(self._resolution_id)
            finally:
                self._loading = False
            return
        self._resolution_id = self.resolution.current_id()
        self.session_id = None
        self.reload_sessions()
        self.refresh_figures()

    def _session_selected(self) -> None:
        if self._loading:
            return
        index = self.sessions.currentIndex()
        new = self.sessions_model.id_at(index.row()) if index.isValid() else None
        if new == self.session_id:
            return
        if not self.confirm_leave():
            self._loading = True
            try:
                self.select_id(self.session_id)
            finally:
                self._loading = False
            return
        self.session_id = new
        self.load_grid()
        self.selection_changed.emit(new)

    def edit_session(self) -> None:
        session = self.current_session()
        if session is None:
            return
        dialog = SessionDialog(self.ctx, session, self)
        self.last_dialog = dialog
        dialog.exec()

    def manage_points(self) -> None:
        if self.session_id is None:
            return
        dialog = BridgePointsDialog(self.ctx, self.session_id, self)
        self.last_dialog = dialog
        dialog.exec()

    # --- the grid ---------------------------------------------------------------------------------
    def load_grid(self) -> None:
        self._stale = False
        self._show_problems([])
        session = self.current_session()
        if session is None:
            self.grid.load([], [], [])
            self.grid_title.setText(_("Chưa có hội nghị nào về nghị quyết này. Bấm «Thêm hội nghị…» (Ctrl+N)."))
            self._update_buttons()
            return
        points = bridge_points(self.ctx.db, session.id)
        orgs = scope_organisations(self.ctx.db, session.scope_id, session.held_on)
        hosted = {}
        for p in points:
            if p.host_id is not None:
                hosted.setdefault(p.host_id, p.id)
        self.grid.load([(o.id, o.name) for o in orgs], study_ops.grid_rows(self.ctx.db, session.id),
                       [(p.id, p.name) for p in points], hosted)
        self.grid_title.setText(_("Bảng dự hội nghị ngày {day}: {title}").format(
            day=format_date(session.held_on), title=session.title))
        self.grid_status.setText(_("{n} tổ chức, {p} điểm cầu").format(n=format_int(len(orgs)),
                                                                        p=format_int(len(points))))
        self._update_buttons()

    def _update_buttons(self) -> None:
        dirty = self.grid.is_dirty()
        has = self.session_id is not None
        self.save_button.setEnabled(has and dirty)
        self.revert_button.setEnabled(has and (dirty or self._stale))
        for b in (self.edit_button, self.delete_button, self.points_button, self.add_row_button,
                  self.remove_row_button, self.members_button):
            b.setEnabled(has)
        self.save_button.setText(_("Lưu") + (" *" if dirty else ""))

    def _show_problems(self, problems: list[tuple[int | None, int, str]]) -> None:
        self.problems.clear()
        for row, col, message in problems:
            item = QListWidgetItem(message, self.problems)
            item.setData(Qt.ItemDataRole.UserRole, (row, col))
        self.problems.setVisible(bool(problems))

    def _jump_to_problem(self, item: QListWidgetItem) -> None:
        row, col = item.data(Qt.ItemDataRole.UserRole)
        if row is not None:
            self.table.move_to(row, col)
            self.table.setFocus()

    def save_grid(self) -> bool:
        """Save the grid; on refusal list and mark every problem and keep what was typed."""
        if self.session_id is None:
            return False
        self.table.commit_editor()
        bad = self.grid.input_problems()
        if bad:
            self.grid.mark_input_problems(bad)
            named = [(row, col, _("Dòng {n} – {name}: {message}").format(
                n=row + 1, name=self.grid.rows[row].body_name, message=message)) for row, col, message in bad]
            self._show_problems(named)
            self.grid_status.setText(_("Chưa lưu: sửa các ô tô đỏ rồi lưu lại."))
            return False
        rows, where = self.grid.rows_to_save()
        self._saving = True
        try:
            changes = self.ctx.run(study_ops.save_attendance, self.session_id, rows, replace=True)
        except ValidationError as exc:
            shown = self.grid.mark_problems(exc.problems, where)
            self._show_problems(shown)
            self.grid_status.setText(_("Chưa lưu: {n} lỗi. Sửa các ô tô đỏ rồi lưu lại.").format(
                n=format_int(len(shown))))
            return False
        except NqdeskError as exc:
            show_error(self, str(exc))
            return False
        finally:
            self._saving = False
        self.grid._removed = 0
        if changes.empty:  # nothing to save: no reload came through ctx.changed
            self.load_grid()
        self.grid_status.setText(_("Đã lưu bảng dự hội nghị."))
        return True

    def revert_grid(self) -> None:
        self.load_grid()

    def _discard(self) -> None:
        self.grid._removed = 0
        for r in self.grid.rows:
            r.saved = r.state() if r.saved is not None or not r.blank else None

    def confirm_leave(self) -> bool:
        """Ask what to do with unsaved grid edits; False when the user cancels."""
        if self.session_id is None or not self.grid.is_dirty():
            return True
        answer = QMessageBox.question(
            self, _("Bảng dự hội nghị chưa lưu"),
            _("Bảng dự hội nghị có thay đổi chưa lưu. Lưu trước khi chuyển?"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.save_grid()
        if answer == QMessageBox.StandardButton.Discard:
            self._discard()
            return True
        return False

    def current_grid_row(self) -> int:
        index = self.table.currentIndex()
        if not index.isValid() or self.grid.is_total_row(index.row()):
            return -1
        return index.row()

    def duplicate_current_row(self) -> None:
        row = self.current_grid_row()
        if row >= 0:
            new = self.grid.duplicate_row(row)
            self.table.move_to(new, 1)

    def remove_current_row(self) -> None:
        row = self.current_grid_row()
        if row >= 0:
            self.grid.remove_row(row)

    def _grid_menu(self, pos) -> None:
        menu = QMenu(self)
        menu.addAction(_("Thêm dòng cho tổ chức này (điểm cầu khác)"), self.duplicate_current_row)
        menu.addAction(_("Xóa dòng"), self.remove_current_row)
        menu.addSeparator()
        menu.addAction(_("Sao chép"), self.table.copy_selection, QKeySequence.StandardKey.Copy)
        menu.addAction(_("Dán"), self.table.paste, QKeySequence.StandardKey.Paste)
        menu.addAction(_("Xóa nội dung ô"), self.table.clear_selection)
        menu.addSeparator()
        menu.addAction(_("Sửa số đảng viên…"), self.edit_member_count)
        menu.exec(self.table.viewport().mapToGlobal(pos))

    def edit_member_count(self, from_figures: bool = False) -> MemberCountDialog | None:
        if from_figures:
            index = self.behind.currentIndex()
            if not index.isValid():
                return None
            line = self.behind_model.row_at(index.row())
            body_id, name = line.body_id, line.name
        else:
            row = self.current_grid_row()
            if row < 0:
                return None
            body_id, name = self.grid.rows[row].body_id, self.grid.rows[row].body_name
        day = from_qdate(self.as_of.date())
        dialog = MemberCountDialog(self.ctx, body_id, name, day, member_counts(self.ctx.db, [body_id], day)[body_id],
                                   self)
        self.last_dialog = dialog
        dialog.exec()
        return dialog

    # --- figures ----------------------------------------------------------------------------------
    def _as_of_changed(self, day: date) -> None:
        self.as_of.setDate(to_qdate(day))

    def refresh_figures(self) -> None:
        if self._loading:
            return
        doc = self.resolution.current_id()
        self.figures = None
        if doc is not None:
            try:
                self.figures = study_figures(self.ctx.db, doc, from_qdate(self.as_of.date()), self.scope.current_id())
            except NqdeskError as exc:
                self.figures_label.setText(str(exc))
        f = self.figures
        self.behind_model.set_rows(f.behind if f else [])
        self.export_button.setEnabled(f is not None)
        if f is None:
            if doc is None:
                self.figures_label.setText(_("Chưa có nghị quyết nào."))
            self.behind_title.setText("")
            return
        self.figures_label.setText(figures_html(f))
        self.behind_title.setText(_("Tổ chức chưa học tập đủ 100% ({n})").format(n=format_int(len(f.behind))))

    # --- export -----------------------------------------------------------------------------------
    def export_report(self):
        """"Xuất báo cáo Word…": the study report of the resolution as of the day."""
        from ...export.study_docx import export_study_report
        from ..export_dialog import run_word_export

        f = self.figures
        if f is None:
            return None
        day = from_qdate(self.as_of.date())
        name = "Bao-cao-hoc-tap-" + "".join(c if c.isalnum() else "-" for c in f.symbol) + f"-{day:%Y%m%d}.docx"
        return run_word_export(
            self, title=_("Xuất báo cáo Word"), default_name=name, default_profile="hd36",
            write=lambda target, profile: export_study_report(self.ctx.db, f.document_id, day, target,
                                                              scope_body_id=f.scope_id, profile=profile))


def figures_html(f: StudyFigures) -> str:
    """The figures panel as the report words them."""
    levels = ", ".join(f"{_(study_ops.BRIDGE_POINT_LEVEL_LABELS.get(k, k))}: {format_int(v)}"
                       for k, v in f.bridge_points_by_level.items())
    rows = [
        (_("Điểm cầu"), format_int(f.bridge_points) + (f" ({levels})" if levels else "")),
        (_("Người dự"), _("{total} ({members} đảng viên, {non} quần chúng ưu tú)").format(
            total=format_int(f.attendees_total), members=format_int(f.attendees_members),
            non=format_int(f.attendees_non_members))),
        (_("Tổ chức đảng có người dự"), _("{x}/{y} ({pct})").format(
            x=format_int(f.organisations_represented), y=format_int(f.organisations_total),
            pct=f.organisations_percent_text or "—")),
        (_("Đảng viên đã học tập"), _("{x}/{y} ({pct})").format(
            x=format_int(f.members_studied), y=format_int(f.members_total), pct=f.members_percent_text or "—")),
        (_("trong đó học bù"), format_int(f.members_studied_makeup)),
        (_("Đảng viên chưa học tập"), format_int(f.members_remaining)),
    ]
    head = _("Nghị quyết {symbol} — {scope}, tính đến {day}").format(
        symbol=f.symbol, scope=f.scope_name or _("(chưa xác định phạm vi)"), day=format_date(f.as_of))
    body = "".join(f"<tr><td style='padding-right:10px;color:#444;white-space:nowrap'>{label}</td>"
                   f"<td><b>{value}</b></td></tr>"
                   for label, value in rows)
    warning = ""
    if f.without_member_count:
        warning = ("<p style='color:#c62828'>" + _(
            "Chưa có số đảng viên của {n} tổ chức ({names}): số đã học của các tổ chức này chưa được tính. "
            "Hãy nhập số đảng viên (nút «Số đảng viên…»).").format(
            n=format_int(len(f.without_member_count)), names=", ".join(f.without_member_count[:5])
            + ("…" if len(f.without_member_count) > 5 else "")) + "</p>")
    return f"<p><b>{head}</b></p><table>{body}</table>{warning}"
