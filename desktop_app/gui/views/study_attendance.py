"""The study view's attendance-grid part: the grid of the selected session, filled from the
organisations' reports (keyboard, paste from Excel), held until "Lưu" (Ctrl+S); a refused save
lists every problem below the grid, marks the cells and saves nothing; leaving with unsaved
edits asks first.

A part of :class:`~desktop_app.gui.views.study_view.StudyView` (a mixin: it uses the view's
``ctx``, ``as_of``, the sessions part's ``current_session`` and buttons, and the figures
part's ``behind`` list for the member-count dialog).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core.dates import format_date
from ..formats import format_int
from ...errors import NqdeskError
from ...ops import study as study_ops
from ...ops.base import ValidationError
from ...reports.study_lists import bridge_points, member_counts, scope_organisations
from .. import unsaved
from ..i18n import _
from ..study_dialogs import MemberCountDialog, from_qdate
from ..study_grid import COL_BODY, COL_NOTE, AttendanceGridModel, AttendanceTable
from ..widgets import FlowLayout
from .base import fit_header_texts, show_error


class AttendancePart:
    """The attendance grid of the selected session."""

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
        """«Hủy thay đổi»: asks first when the grid holds edits (Lưu / Bỏ / Hủy)."""
        if self.has_unsaved():
            unsaved.confirm_leave(self, text=_("Bảng dự hội nghị có thay đổi chưa lưu. Lưu trước khi tải lại "
                                               "bảng? (Bỏ: hủy các thay đổi)"))
            if self.has_unsaved():  # cancelled, or the save was refused: the edits stay
                return
        self.load_grid()

    def _discard(self) -> None:
        self.grid._removed = 0
        for r in self.grid.rows:
            r.saved = r.state() if r.saved is not None or not r.blank else None

    def confirm_leave(self) -> bool:
        """Ask what to do with unsaved grid edits (gui/unsaved.py); False when the user cancels."""
        return unsaved.confirm_leave(self, text=_("Bảng dự hội nghị có thay đổi chưa lưu. Lưu trước khi chuyển?"))

    # --- never lose typed work (gui/unsaved.py) ---------------------------------------------------
    def has_unsaved(self) -> bool:
        return self.session_id is not None and self.grid.is_dirty()

    def save_pending(self) -> bool:
        return self.save_grid()

    def discard_pending(self) -> None:
        self._discard()

    def focus_pending(self) -> None:
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

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
