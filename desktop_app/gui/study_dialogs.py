"""Dialogs of the "Học tập, quán triệt" screen: a study session (hội nghị), its bridge points
(điểm cầu), an organisation's member count. Each saves through ``ctx`` (undoable) and shows
a refusal in the dialog, keeping what was typed."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QPushButton, QSpinBox, QVBoxLayout, QWidget,
)

from ..core.dates import format_date
from ..ops import study as study_ops
from ..ops.fields import BridgePointFields, StudySessionFields
from ..reports.lists import list_bodies, list_documents
from ..reports.study_lists import SessionSummary, bridge_points, party_organisations
from .context import AppContext
from .i18n import _
from .unsaved import AsksBeforeClosing, confirm_leave
from .views.base import confirm
from .widgets import CheckListPicker, SearchableComboBox


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def date_edit(parent, day: date) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setDate(to_qdate(day))
    return edit


def _error_label(parent) -> QLabel:
    label = QLabel(parent)
    label.setObjectName("error")
    label.setStyleSheet("color: #c62828;")
    label.setWordWrap(True)
    label.hide()
    return label


class SessionDialog(AsksBeforeClosing, QDialog):
    """Add or edit a session: title, date, level, organiser, scope, documents, note."""

    def __init__(self, ctx: AppContext, session: SessionSummary | None, parent: QWidget | None = None, *,
                 document_ids=(), scope_id: int | None = None, day: date | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.session = session
        self.session_id = session.id if session else None
        self.setWindowTitle(_("Sửa hội nghị học tập") if session else _("Thêm hội nghị học tập"))
        self.resize(640, 520)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.title_edit = QLineEdit(self)
        self.title_edit.setObjectName("title")
        self.title_edit.setPlaceholderText(_("Ví dụ: Hội nghị học tập, quán triệt Nghị quyết Trung ương 8 khóa XIII"))
        form.addRow(_("Tên hội nghị"), self.title_edit)
        self.held_on = date_edit(self, session.held_on if session else (day or ctx.as_of))
        self.held_on.setObjectName("held-on")
        form.addRow(_("Ngày tổ chức"), self.held_on)
        self.level = QComboBox(self)
        self.level.setObjectName("level")
        for key, label in study_ops.STUDY_SESSION_LEVEL_LABELS.items():
            self.level.addItem(_(label), key)
        form.addRow(_("Cấp hội nghị"), self.level)
        orgs = [(o.id, o.name) for o in party_organisations(ctx.db)]
        self.organiser = SearchableComboBox(self, none_text=_("(chưa chọn)"))
        self.organiser.setObjectName("organiser")
        self.organiser.set_items(orgs)
        form.addRow(_("Cơ quan tổ chức"), self.organiser)
        self.scope = SearchableComboBox(self, none_text=_("(như cơ quan tổ chức)"))
        self.scope.setObjectName("scope")
        self.scope.set_items(orgs)
        form.addRow(_("Các đơn vị báo cáo thuộc"), self.scope)
        self.documents = CheckListPicker(self, _("Lọc nghị quyết…"))
        self.documents.setObjectName("documents")
        docs = [(d.id, f"{d.symbol} – {d.subject[:90]}") for d in list_documents(ctx.db)]
        form.addRow(_("Nghị quyết học tập"), self.documents)
        self.note = QLineEdit(self)
        form.addRow(_("Ghi chú"), self.note)
        layout.addLayout(form)
        self.error = _error_label(self)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Lưu"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if session:
            self.title_edit.setText(session.title)
            self.level.setCurrentIndex(max(0, self.level.findData(session.level)))
            self.organiser.set_current_id(session.organiser_id)
            self.scope.set_current_id(session.scope_id)
            self.note.setText(session.note)
            self.documents.set_items(docs, list(session.document_ids))
        else:
            self.organiser.set_current_id(scope_id)
            self.documents.set_items(docs, list(document_ids))
        self.mark_clean()

    def save_input(self) -> bool:
        return self.save()

    def values(self) -> dict:
        return {"title": self.title_edit.text(), "held_on": from_qdate(self.held_on.date()),
                "level": self.level.currentData(), "organiser_id": self.organiser.current_id(),
                "scope_id": self.scope.current_id() or self.organiser.current_id(),
                "note": self.note.text(), "document_ids": self.documents.checked_ids()}

    def save(self) -> bool:
        values = self.values()
        if self.session_id is None:
            title, held_on = values.pop("title"), values.pop("held_on")
            changes, error = self.ctx.try_run(study_ops.create_session, title, held_on, StudySessionFields(**values))
            if changes is not None:
                self.session_id = changes.entity_id
        else:
            changes, error = self.ctx.try_run(study_ops.update_session, self.session_id, StudySessionFields(**values))
        if error:
            self.error.setText(error)
            self.error.show()
            return False
        self.accept()
        return True


class BridgePointsDialog(AsksBeforeClosing, QDialog):
    """The bridge points of a session: add, rename, change host or level, delete. Each
    change is saved at once (and can be undone with Ctrl+Z)."""

    def __init__(self, ctx: AppContext, session_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.session_id = session_id
        self.setWindowTitle(_("Điểm cầu của hội nghị"))
        self.resize(640, 480)
        layout = QVBoxLayout(self)
        self.list = QListWidget(self)
        self.list.setObjectName("points")
        layout.addWidget(self.list, 1)
        form = QFormLayout()
        self.name = QLineEdit(self)
        self.name.setObjectName("name")
        form.addRow(_("Tên điểm cầu"), self.name)
        self.host = SearchableComboBox(self, none_text=_("(chưa chọn)"))
        self.host.setObjectName("host")
        self.host.set_items([(b.id, b.name) for b in list_bodies(ctx.db)])
        form.addRow(_("Nơi đăng cai"), self.host)
        self.level = QComboBox(self)
        self.level.setObjectName("level")
        for key, label in study_ops.BRIDGE_POINT_LEVEL_LABELS.items():
            self.level.addItem(_(label), key)
        self.level.setCurrentIndex(self.level.findData("grassroots"))
        form.addRow(_("Cấp điểm cầu"), self.level)
        layout.addLayout(form)
        self.error = _error_label(self)
        layout.addWidget(self.error)
        row = QHBoxLayout()
        self.add_button = QPushButton(_("Thêm điểm cầu"), self)
        self.save_button = QPushButton(_("Lưu điểm cầu đang chọn"), self)
        self.delete_button = QPushButton(_("Xóa điểm cầu…"), self)
        close = QPushButton(_("Đóng"), self)
        for b in (self.add_button, self.save_button, self.delete_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.add_button.clicked.connect(self.add_point)
        self.save_button.clicked.connect(self.save_point)
        self.delete_button.clicked.connect(self.delete_point)
        close.clicked.connect(self.reject)  # asks first when a point's fields hold unsaved input
        self.list.currentRowChanged.connect(self._selected)
        self.reload()

    def reload(self, select: int | None = None) -> None:
        self.points = bridge_points(self.ctx.db, self.session_id)
        self._clean_state = None  # what is shown next comes from the database
        self._shown_row = -1
        self.list.blockSignals(True)
        self.list.clear()
        for p in self.points:
            text = f"{p.name} — {_(study_ops.BRIDGE_POINT_LEVEL_LABELS.get(p.level, p.level))}"
            if p.host_name:
                text += f" — {p.host_name}"
            item = QListWidgetItem(text, self.list)
            item.setData(Qt.ItemDataRole.UserRole, p.id)
        self.list.blockSignals(False)
        row = next((i for i, p in enumerate(self.points) if p.id == select), -1)
        self.list.setCurrentRow(row)
        self._selected(row)

    def current_point(self):
        row = self.list.currentRow()
        return self.points[row] if 0 <= row < len(self.points) else None

    def _selected(self, row: int) -> None:
        if row != self._shown_row and self.has_unsaved() and not self._leave_shown_point(row):
            return
        self._shown_row = row
        point = self.points[row] if 0 <= row < len(self.points) else None
        self.save_button.setEnabled(point is not None)
        self.delete_button.setEnabled(point is not None)
        if point is not None:
            self.name.setText(point.name)
            self.host.set_current_id(point.host_id)
            self.level.setCurrentIndex(max(0, self.level.findData(point.level)))
        self.mark_clean()

    def _leave_shown_point(self, row: int) -> bool:
        """Another point was picked while the fields hold typed input for the one shown: put
        the list back on the shown point and ask "Lưu / Bỏ / Hủy" (gui/unsaved.py); after
        Lưu or Bỏ show the picked point, else stay (cursor in the field). False: handled here."""
        wanted = self.points[row].id if 0 <= row < len(self.points) else None
        self.list.blockSignals(True)
        self.list.setCurrentRow(self._shown_row)
        self.list.blockSignals(False)
        if not confirm_leave(self, parent=self):
            return False
        # saved (the list was reloaded and may be in another order) or discarded
        row = next((i for i, p in enumerate(self.points) if p.id == wanted), -1)
        self._clean_state = None
        self.list.setCurrentRow(row)
        if self._shown_row != row:  # (no signal when the list already stood there)
            self._selected(row)
        return False

    def save_input(self) -> bool:
        """Save the point being edited (or add the one typed when none is selected)."""
        return self.save_point() if self.current_point() is not None else self.add_point()

    def _show(self, error: str | None) -> bool:
        self.error.setText(error or "")
        self.error.setVisible(bool(error))
        return not error

    def add_point(self) -> bool:
        changes, error = self.ctx.try_run(study_ops.add_bridge_point, self.session_id, self.name.text(),
                                          BridgePointFields(host_id=self.host.current_id(),
                                                            level=self.level.currentData()))
        if self._show(error):
            self.reload(changes.entity_id)
        return error is None

    def save_point(self) -> bool:
        point = self.current_point()
        if point is None:
            return False
        _c, error = self.ctx.try_run(study_ops.update_bridge_point, point.id, BridgePointFields(
            name=self.name.text(), host_id=self.host.current_id(), level=self.level.currentData()))
        if self._show(error):
            self.reload(point.id)
        return error is None

    def delete_point(self) -> bool:
        point = self.current_point()
        if point is None or not confirm(self, _("Xóa điểm cầu «{name}»?\nCó thể hoàn tác bằng Ctrl+Z.").format(
                name=point.name)):
            return False
        _c, error = self.ctx.try_run(study_ops.delete_bridge_point, point.id)
        if self._show(error):
            self.reload()
        return error is None


class MemberCountDialog(AsksBeforeClosing, QDialog):
    """The member count of one organisation as of a day (ops.study.set_member_count)."""

    def __init__(self, ctx: AppContext, body_id: int, body_name: str, day: date, current: int | None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.body_id = body_id
        self.setWindowTitle(_("Số đảng viên"))
        layout = QVBoxLayout(self)
        head = QLabel(body_name, self)
        head.setWordWrap(True)
        head.setStyleSheet("font-weight: bold;")
        layout.addWidget(head)
        form = QFormLayout()
        self.day = date_edit(self, day)
        self.day.setObjectName("as-of")
        form.addRow(_("Tính đến ngày"), self.day)
        self.members = QSpinBox(self)
        self.members.setObjectName("members")
        self.members.setRange(0, 10_000_000)
        self.members.setGroupSeparatorShown(True)
        self.members.setValue(current or 0)
        form.addRow(_("Số đảng viên"), self.members)
        layout.addLayout(form)
        hint = QLabel(_("Số hiện có: {n} (tính đến {day}).").format(
            n="—" if current is None else str(current), day=format_date(day)), self)
        hint.setStyleSheet("color: #666;")
        layout.addWidget(hint)
        self.error = _error_label(self)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Lưu"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.mark_clean()

    def save_input(self) -> bool:
        return self.save()

    def save(self) -> bool:
        _c, error = self.ctx.try_run(study_ops.set_member_count, self.body_id, from_qdate(self.day.date()),
                                     self.members.value())
        if error:
            self.error.setText(error)
            self.error.show()
            return False
        self.accept()
        return True
