"""The study view's sessions part: the list of sessions (hội nghị) on the chosen resolution,
adding, editing and deleting them and their bridge points, and following the selection.

A part of :class:`~desktop_app.gui.views.study_view.StudyView` (a mixin: it uses the view's
``ctx``, ``resolution``, ``scope`` and ``as_of`` and the grid part's ``confirm_leave``/``load_grid``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...core.dates import format_date
from ..formats import format_int
from ...ops import study as study_ops
from ...reports.study_lists import SessionSummary, sessions_on_document
from ..i18n import _
from ..study_dialogs import BridgePointsDialog, SessionDialog
from ..table_model import Column, RowCacheModel
from .base import fit_header_texts

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def all_points_note() -> str:
    return _("Mọi điểm cầu của hội nghị, kể cả điểm cầu cấp tỉnh. Phần số liệu chỉ tính các điểm cầu "
             "của đảng bộ được báo cáo và không tính hội nghị học bù.")


def all_attendees_note() -> str:
    return _("{n} người dự tại mọi điểm cầu của hội nghị, kể cả điểm cầu cấp tỉnh và hội nghị học bù. "
             "Phần số liệu chỉ tính người dự tại các điểm cầu của đảng bộ được báo cáo, không tính học bù.")


def session_columns() -> list[Column]:
    return [
        Column("held_on", _("Ngày"), lambda s: format_date(s.held_on), sort=lambda s: s.held_on, width=84),
        Column("level", _("Cấp"), lambda s: _(study_ops.STUDY_SESSION_LEVEL_LABELS.get(s.level, s.level)),
               tooltip=lambda s: _(study_ops.STUDY_SESSION_LEVEL_LABELS.get(s.level, s.level)), width=140),
        Column("title", _("Tên hội nghị"), lambda s: s.title, tooltip=lambda s: s.title, width=250),
        # The list records each session whole: every point (the provincial one too) and every
        # row, make-up sessions included. The figures below count only the scope's own points
        # of non-make-up sessions (reports.study), so 3.408 here and 3.113 there are both right:
        # the titles and tooltips say "all points" so the two cannot be taken for one another.
        Column("points", _("Tổng điểm cầu"), lambda s: format_int(s.bridge_points), sort=lambda s: s.bridge_points,
               align=RIGHT, width=70, tooltip=lambda s: all_points_note(), header_tooltip=all_points_note()),
        Column("attendees", _("Tổng người dự"), lambda s: format_int(s.attendees_total),
               sort=lambda s: s.attendees_total, align=RIGHT, width=80,
               tooltip=lambda s: all_attendees_note().format(n=format_int(s.attendees_total)),
               header_tooltip=all_attendees_note().format(n="…")),
        Column("studied", _("Học tập lần đầu"), lambda s: format_int(s.newly_studied),
               sort=lambda s: s.newly_studied, align=RIGHT, width=100),
    ]


class SessionsModel(RowCacheModel):
    pass


def plain_table(parent, model) -> QTableView:
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


class SessionsPart:
    """The sessions list and what is done to sessions."""

    def _build_sessions(self) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.sessions_model = SessionsModel(session_columns(), self)
        self.sessions = plain_table(box, self.sessions_model)
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
