"""Cơ quan, đơn vị: name, short name, code, kind, parent body, validity dates, note.

A body that was merged or dissolved gets an end date (valid_to) instead of a new name:
old programmes keep printing the name it had then."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit

from ...core.dates import format_date
from ...ops import bodies as body_ops
from ...ops.bodies import BODY_KIND_LABELS
from ...ops.fields import BodyFields
from ...reports.records import body_choices, body_record
from ...store.models import BODY_KINDS
from ..i18n import _
from .base import EntityEditor
from .document_editor import SavedFormMixin, add_long_line

DEFAULT_KIND = "other"


def descendants_of(parents: dict[int, int | None], body_id: int) -> set[int]:
    """*body_id* and every body below it (cycle-safe), from {id: parent id}."""
    found = {body_id}
    changed = True
    while changed:
        changed = False
        for child, parent in parents.items():
            if parent in found and child not in found:
                found.add(child)
                changed = True
    return found


class BodyEditor(SavedFormMixin, EntityEditor):
    title_text = ""

    def build(self) -> None:
        self.name = self._line("name", _("Tên cơ quan, đơn vị"), _("ví dụ: Ban Tuyên giáo Tỉnh ủy"))
        self.short_name = self._line("short_name", _("Tên viết tắt"), _("ví dụ: Ban Tuyên giáo"))
        self.code = self._line("code", _("Ký hiệu"), _("ví dụ: BTGTU (không có dấu cách)"))
        self.kind = QComboBox(self)
        for key in BODY_KINDS:
            self.kind.addItem(_(BODY_KIND_LABELS.get(key, key)), key)
        self._add("kind", _("Loại"), self.kind, self.kind.currentData, self._put_kind, self.kind.activated)
        self.show_saved_after("kind", self.kind.activated)
        self.parent_body = self.add_combo("parent_id", _("Trực thuộc"), none_text=_("(không có)"))
        self.show_saved_after("parent_id", self.parent_body.idChanged)
        self.valid_from = self._line("valid_from", _("Hiệu lực từ ngày"), _("ngày/tháng/năm, có thể để trống"))
        self.valid_to = self._line("valid_to", _("Hiệu lực đến ngày"), _("để trống nếu còn hoạt động"))
        self.valid_to.setToolTip(_("Khi cơ quan giải thể hay sáp nhập, hãy điền ngày cuối cùng nó hoạt động "
                                   "thay vì đổi tên hay xóa: văn bản cũ vẫn giữ tên cũ, còn việc giao nhiệm vụ "
                                   "mới không còn chọn được cơ quan này."))
        self.note = self.add_text("note", _("Ghi chú"), lines=3)
        self.show_saved_after("note", self.note.editingFinished)

    def _line(self, name: str, label: str, placeholder: str) -> QLineEdit:
        return add_long_line(self, name, label, placeholder)

    def _put_kind(self, value) -> None:
        index = self.kind.findData(value or DEFAULT_KIND)
        self.kind.setCurrentIndex(index if index >= 0 else self.kind.findData(DEFAULT_KIND))

    def refresh_choices(self, values: dict) -> None:
        # in Vietnamese order of names; read once and kept until a body changes
        bodies = self.ctx.choices(("all-bodies",), ("bodies",), lambda: body_choices(self.ctx.db))
        # A body cannot sit under itself or under one of its own sub-bodies.
        excluded = set() if self.item_id is None else descendants_of(
            {b.id: b.parent_id for b in bodies}, self.item_id)
        self.parent_body.set_items([(b.id, b.name) for b in bodies if b.id not in excluded])

    def load_values(self, item_id: int) -> dict:
        body = body_record(self.ctx.db, item_id)
        if body is None:
            return {}
        return {
            "name": body.name, "short_name": body.short_name, "code": body.code or "", "kind": body.kind,
            "parent_id": body.parent_id, "valid_from": format_date(body.valid_from),
            "valid_to": format_date(body.valid_to), "note": body.note,
        }

    def new_values(self) -> dict:
        return {"kind": DEFAULT_KIND}

    def heading_for(self, values: dict) -> str:
        return values.get("name") or _("Cơ quan, đơn vị")

    def create(self, values: dict):
        fields = {k: v for k, v in values.items() if k != "name"}
        return body_ops.create_body(self.ctx.db, values["name"], BodyFields(**fields))

    def update(self, item_id: int, name: str, value, expected: dict | None = None):
        return body_ops.update_body(self.ctx.db, item_id, BodyFields(**{name: value}), expected=expected)
