"""Cơ quan, đơn vị: the bodies in their hierarchy (each body under the one it belongs
to), with validity dates. A merged or dissolved body is never deleted once used: it gets
an end date, is greyed here and is no longer offered for new assignments."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from PySide6.QtWidgets import QCheckBox, QWidget

from ...core.text import sort_key
from ...ops import bodies as body_ops
from ...ops.base import Changes
from ...reports.lists import list_bodies
from ...store.models import Body
from ..editors.body_editor import BodyEditor
from ..i18n import _
from ..models import BodyRow, BodyTableModel
from .base import TableView
from .catalog import BODIES


def hierarchy_rows(bodies: Iterable[Body], as_of: date) -> list[BodyRow]:
    """Parents first, each followed by its sub-bodies; every level in Vietnamese order.
    A body whose parent is missing (or a broken parent chain) is shown at the top level."""
    bodies = list(bodies)
    by_id = {b.id: b for b in bodies}
    children: dict[int | None, list[Body]] = {}
    for b in bodies:
        parent = b.parent_id if b.parent_id in by_id and b.parent_id != b.id else None
        children.setdefault(parent, []).append(b)
    for group in children.values():
        group.sort(key=lambda b: sort_key(b.name))
    rows: list[BodyRow] = []
    seen: set[int] = set()

    def walk(body: Body, depth: int) -> None:
        if body.id in seen:
            return
        seen.add(body.id)
        parent = by_id.get(body.parent_id) if body.parent_id is not None else None
        rows.append(BodyRow(body.id, body, depth, parent.name if parent else "", body.is_valid_on(as_of)))
        for child in children.get(body.id, []):
            walk(child, depth + 1)

    for root in children.get(None, []):
        walk(root, 0)
    # Bodies caught in a parent cycle have no root; show them rather than lose them.
    for body in sorted((b for b in bodies if b.id not in seen), key=lambda b: sort_key(b.name)):
        walk(body, 0)
    return rows


def is_expired(body: Body, as_of: date) -> bool:
    return body.valid_to is not None and body.valid_to < as_of


class BodiesView(TableView):
    entity = "bodies"
    title = ""

    def __init__(self, ctx, parent=None):
        self.title = _(BODIES.title)
        super().__init__(ctx, BodyTableModel(), parent)
        header = self.table.horizontalHeader()
        for key, width in (("name", 330), ("code", 90), ("short_name", 200), ("kind", 200), ("parent", 220),
                           ("valid_from", 95), ("valid_to", 95)):
            header.resizeSection(self.model.column_index(key), width)
        ctx.as_of_changed.connect(lambda _d: self.reload())

    # --- filter ----------------------------------------------------------------------------
    def filter_widgets(self) -> list[QWidget]:
        self.show_expired = QCheckBox(_("Hiện cả cơ quan đã hết hiệu lực"), self)
        self.show_expired.setObjectName("show-expired")
        self.show_expired.setChecked(True)
        self.show_expired.setToolTip(_("Cơ quan đã hết hiệu lực (giải thể, sáp nhập) hiện màu xám; "
                                       "chúng vẫn giữ tên trong các chương trình cũ."))
        self.show_expired.toggled.connect(self._apply_filter)
        return [self.show_expired]

    def _apply_filter(self, *_args) -> None:
        current = self.current_id()
        if self.show_expired.isChecked():
            self.model.set_predicate(None)
        else:
            as_of = self.ctx.as_of
            self.model.set_predicate(lambda r: not is_expired(r.body, as_of))
        self.select_id(current)
        self._update_count()

    # --- TableView --------------------------------------------------------------------------
    def load_rows(self) -> list[BodyRow]:
        return hierarchy_rows(list_bodies(self.ctx.db), self.ctx.as_of)

    def reload(self) -> None:
        super().reload()
        self._apply_filter()

    def touched_by(self, changes: Changes) -> bool:
        return changes.touches("bodies")

    def delete_row(self, item_id: int) -> Changes:
        return body_ops.delete_body(self.ctx.db, item_id)

    def describe_row(self, item_id: int) -> str:
        row = self.model.get(item_id)
        return _("cơ quan «{name}»").format(name=row.body.name) if row else ""

    def make_editor(self) -> BodyEditor:
        return BodyEditor(self.ctx)
