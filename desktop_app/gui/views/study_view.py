"""Học tập, quán triệt: the study sessions (hội nghị) on a resolution, the attendance grid of
the selected session, filled from the organisations' reports (keyboard, paste from Excel),
and the figures of the study round (bridge points, attendees, organisations represented,
members studied, the organisations still behind).

The grid holds edits until "Lưu" (Ctrl+S); a refused save lists every problem below the
grid, marks the cells and saves nothing. Switching session or closing with unsaved edits
asks first.

The view is assembled here from three parts, each in its own module: the sessions
(:mod:`.study_sessions`), the attendance grid (:mod:`.study_attendance`) and the figures
(:mod:`.study_figures`); this module holds the top bar, the layout and the BaseView duties.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QSplitter, QVBoxLayout

from ...core.dates import format_date
from ...core.text import shorten
from ..formats import format_int
from ...ops import study as study_ops
from ...ops.base import Changes
from ...reports.lists import list_documents
from ...reports.study import StudyFigures
from ...reports.study_lists import documents_with_sessions, party_organisations
from ..i18n import _
from ..study_dialogs import SessionDialog, date_edit, from_qdate
from ..widgets import SearchableComboBox
from .base import BaseView, confirm, show_error
from .study_attendance import AttendancePart
from .study_figures import BehindModel, FiguresPart, behind_columns, figures_html
from .study_sessions import SessionsModel, SessionsPart, session_columns
from .catalog import STUDY

__all__ = ["BehindModel", "SessionsModel", "StudyView", "behind_columns", "figures_html", "session_columns"]

WATCHED = ("study_sessions", "study_session_documents", "bridge_points", "study_attendance",
           "party_memberships", "bodies", "documents")


class StudyView(SessionsPart, AttendancePart, FiguresPart, BaseView):
    entity = "study_sessions"
    uses_details = False  # the main window hides its details dock while this view is shown

    def __init__(self, ctx, parent=None):
        self.title = _(STUDY.title)
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
            self.resolution.set_items([(d.id, f"{d.symbol} – {shorten(d.subject, 80)}") for d in docs])
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
