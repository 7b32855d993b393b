"""The table models of the main views, each a RowCacheModel over rows from ``reports``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from operator import attrgetter

from PySide6.QtCore import QMimeData, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ..core.dates import format_date
from ..core.numbers import Percent
from ..core.symbols import DocumentSymbol, SymbolError
from ..core.text import fold, sort_key
from ..core.status import STATUS_COLOURS, STATUS_LABELS, STATUS_ORDER, TaskStatus
from ..ops.bodies import BODY_KIND_LABELS
from ..ops.programs import PROGRAM_STATUS_LABELS
from ..reports.tasks import TaskRow
from ..store.models import Body, Document, Program
from .i18n import _
from .table_model import Column, RowCacheModel

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter
DARK_TEXT_STATUSES = {TaskStatus.DUE_SOON}
STATUS_RANK = {s: i for i, s in enumerate(STATUS_ORDER)}
TASK_MIME = "application/x-nqdesk-task-ids"


def status_label(status: TaskStatus) -> str:
    return _(STATUS_LABELS[status])


_NO_DATE = date.max.toordinal() + 1


def _date_key(d: date | None) -> int:
    """Sort key of a date column: the day number, no date after every date (an int: sorting
    100,000 rows compares ints much faster than (flag, date) tuples)."""
    return _NO_DATE if d is None else d.toordinal()


class _DayNumbers(dict):
    """``_DAY_NUMBERS[day]``: ``_date_key(day)``, computed once per distinct day."""

    def __missing__(self, day: date | None) -> int:
        key = self[day] = _date_key(day)
        return key


_DAY_NUMBERS = _DayNumbers()


def _date_keys(attribute: str):
    """``Column.bulk_sort`` of a date column: the ``_date_key`` of each row's *attribute*,
    looked up without a Python call per row."""
    get = attrgetter(attribute)
    return lambda rows: list(map(_DAY_NUMBERS.__getitem__, map(get, rows)))


def _status_background(row: TaskRow):
    return QBrush(QColor(STATUS_COLOURS[row.status]))


def _status_foreground(row: TaskRow):
    return QBrush(QColor("#000000" if row.status in DARK_TEXT_STATUSES else "#ffffff"))


def _behind_tooltip(row: TaskRow) -> str:
    if not row.behind:
        return ""
    return _("Tiến độ báo cáo ({percent}) thấp hơn mức cần đạt theo thời gian đã trôi qua kể từ ngày giao.").format(
        percent="0%" if row.last_percent is None else f"{row.last_percent}%")


class _FoldMemo(dict):
    """``memo[text]``: the folded *text*, folded once per distinct text; what *known* gives
    for a text instead, when it has it (a body's name, short name and code for the name a
    row shows: ``reports.lists.body_search_texts``)."""

    def __init__(self, known: Mapping[str, str] | None = None) -> None:
        super().__init__()
        self._known = known or {}

    def __missing__(self, text: str) -> str:
        folded = self[text] = self._known.get(text) or fold(text)
        return folded


class _ListFoldMemo(dict):
    """``memo[names]``: a "; "-separated list of names folded name by name (thousands of
    distinct lists of a few dozen names)."""

    def __init__(self, names: _FoldMemo) -> None:
        super().__init__()
        self._names = names

    def __missing__(self, listed: str) -> str:
        names = self._names
        folded = self[listed] = "; ".join(names[name] for name in listed.split("; "))
        return folded


class TaskSearchTexts:
    """The quick search's texts of task rows (``RowCacheModel.search_parts``), without Qt: a
    background read makes them beside the rows, so the GUI thread need not. *body_texts*
    (``reports.lists.body_search_texts``): a body is found by its name, short name or code
    whichever the row shows, as the command line's search finds it."""

    def __init__(self, body_texts: Mapping[str, str] | None = None) -> None:
        self._fold_memo = _FoldMemo()
        self._body_memo = _FoldMemo(body_texts)
        self._list_memo = _ListFoldMemo(self._body_memo)

    def parts(self, row: TaskRow) -> tuple[str, str]:
        # The database already holds the folded content/product/group (row.search_fold): it
        # is the first part as it is (no copy). The short parts (body, deadline, programme…)
        # repeat across rows, so each distinct value is folded once (a dict lookup per part
        # and row). 100,000 rows: ~100 ms instead of ~1 s of folding.
        folded, listed = self._fold_memo, self._list_memo
        own = row.search_fold or fold(" ".join((row.content, row.product, row.group_title)))
        return own, (f"{self._body_memo[row.lead_body_name]}\x00{folded[row.deadline_text]}"
                     f"\x00{listed[row.coordinating_bodies]}\x00{folded[row.program_label]}")

    def of(self, rows) -> tuple[list[str], list[str]]:
        """The two parts of every row's text, in the rows' order (``RowCacheModel.prepare_search``)."""
        own: list[str] = []
        extra: list[str] = []
        add_own, add_extra, parts = own.append, extra.append, self.parts
        for row in rows:  # (no list of pairs: 100,000 tuples would wake the collector)
            first, second = parts(row)
            add_own(first)
            add_extra(second)
        return own, extra


class TaskTableModel(RowCacheModel):
    """Tasks with their derived status; the status cell carries the status colour."""

    def __init__(self, parent=None):
        status_roles = {
            Qt.ItemDataRole.BackgroundRole: _status_background,
            Qt.ItemDataRole.ForegroundRole: _status_foreground,
        }
        super().__init__([
            Column("position", _("STT"), lambda r: str(r.position), sort=lambda r: (r.program_id, r.position),
                   align=RIGHT, hidden_by_default=True, export=lambda r: r.position),
            Column("content", _("Nội dung nhiệm vụ"), lambda r: r.content, tooltip=lambda r: r.content, width=380),
            Column("lead_body", _("Cơ quan chủ trì"), lambda r: r.lead_body_name, width=200),
            Column("deadline", _("Thời gian hoàn thành"), lambda r: r.deadline_text,
                   sort=lambda r: _date_key(r.due_date), bulk_sort=_date_keys("due_date"), width=150),
            Column("status", _("Trạng thái"), lambda r: status_label(r.status), width=180,
                   sort=lambda r: STATUS_RANK[r.status], extra_roles=status_roles),
            Column("percent", _("Tiến độ"), lambda r: "" if r.last_percent is None else f"{r.last_percent}%",
                   sort=lambda r: -1 if r.last_percent is None else r.last_percent, align=RIGHT,
                   export=lambda r: None if r.last_percent is None else Percent(r.last_percent)),
            Column("behind", _("Chậm tiến độ"), lambda r: _("Chậm") if r.behind else "",
                   sort=lambda r: r.behind, align=CENTER, width=90, tooltip=_behind_tooltip,
                   extra_roles={Qt.ItemDataRole.ForegroundRole: lambda r: QBrush(QColor("#AD1457"))}),
            Column("last_reported_on", _("Báo cáo gần nhất"), lambda r: format_date(r.last_reported_on),
                   sort=lambda r: _date_key(r.last_reported_on), bulk_sort=_date_keys("last_reported_on"),
                   align=CENTER, hidden_by_default=True,
                   export=lambda r: r.last_reported_on),
            Column("due_date", _("Hạn"), lambda r: format_date(r.due_date), sort=lambda r: _date_key(r.due_date),
                   bulk_sort=_date_keys("due_date"), align=CENTER, export=lambda r: r.due_date),
            Column("program", _("Chương trình"), lambda r: r.program_label or r.program_title,
                   tooltip=lambda r: r.program_title, width=190),
            Column("product", _("Sản phẩm"), lambda r: r.product, width=100),
            Column("group", _("Nhóm nhiệm vụ"), lambda r: r.group_title, hidden_by_default=True),
            Column("coordinating_bodies", _("Cơ quan phối hợp"), lambda r: r.coordinating_bodies,
                   hidden_by_default=True),
            Column("assigned_date", _("Ngày giao"), lambda r: format_date(r.assigned_date),
                   sort=lambda r: _date_key(r.assigned_date), bulk_sort=_date_keys("assigned_date"), align=CENTER,
                   hidden_by_default=True, export=lambda r: r.assigned_date),
        ])
        self._texts = TaskSearchTexts()

    def search_text(self, row: TaskRow) -> str:
        return " ".join((row.content, row.product, row.group_title, row.lead_body_name, row.deadline_text,
                         row.coordinating_bodies, row.program_label))

    def search_parts(self, row: TaskRow) -> tuple[str, str]:
        return self._texts.parts(row)

    def folded_search_text(self, row: TaskRow) -> str:
        return "\x00".join(self.search_parts(row))

    def order_key(self, row: TaskRow):
        return (row.program_id, row.position, row.id)  # as reports.tasks.list_tasks loads them

    def set_rows(self, rows, search_texts: tuple[list[str], list[str]] | None = None,
                 body_texts: Mapping[str, str] | None = None) -> None:
        """*search_texts*: ``TaskSearchTexts(body_texts).of(rows)``, made beforehand (off the
        GUI thread); *body_texts*: ``reports.lists.body_search_texts``."""
        self._texts = TaskSearchTexts(body_texts)
        super().set_rows(rows, search_texts)

    def set_body_texts(self, body_texts: Mapping[str, str]) -> None:
        """A body's names changed: the search texts are made again (at the next search)."""
        self._texts = TaskSearchTexts(body_texts)
        self._haystack = None
        self._last_hits = None
        self._folded.clear()

    _texts: TaskSearchTexts


class ProgramTaskModel(TaskTableModel):
    """The tasks of one programme in document order; rows can be dragged within a group."""

    def order_key(self, row: TaskRow):
        return None  # document order, not the task list's

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid():
            return base | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled
        return base | Qt.ItemFlag.ItemIsDropEnabled

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [TASK_MIME]

    def mimeData(self, indexes) -> QMimeData:
        ids = sorted({self.id_at(i.row()) for i in indexes if i.isValid()})
        mime = QMimeData()
        mime.setData(TASK_MIME, ",".join(map(str, ids)).encode())
        return mime

    def drop_target(self, data: QMimeData, row: int, parent: QModelIndex) -> tuple[int, int] | None:
        """(dragged task id, target row) for a drop inside the dragged task's group, else None."""
        if not data.hasFormat(TASK_MIME):
            return None
        raw = bytes(data.data(TASK_MIME)).decode()
        ids = [int(x) for x in raw.split(",") if x]
        if len(ids) != 1:
            return None
        target = row if row >= 0 else (parent.row() if parent.isValid() else self.rowCount())
        return ids[0], target

    def canDropMimeData(self, data, action, row, column, parent) -> bool:
        return self.drop_target(data, row, parent) is not None

    def dropMimeData(self, data, action, row, column, parent) -> bool:
        # The view performs the reorder through the operations layer (see ProgramView);
        # returning False keeps Qt from removing the source row itself.
        found = self.drop_target(data, row, parent)
        if found is not None and self.on_drop is not None:
            self.on_drop(*found)
        return False

    on_drop = None  # callable(task_id, target_row), set by the view


@dataclass(frozen=True)
class ProgramRow:
    id: int
    program: Program
    documents: list[str]
    task_count: int


class ProgramTableModel(RowCacheModel):
    def __init__(self, parent=None):
        super().__init__([
            Column("kind", _("Loại"), lambda r: r.program.kind, align=CENTER),
            Column("number", _("Số"), lambda r: str(r.program.number or ""),
                   sort=lambda r: (r.program.number is None, r.program.number or 0), align=RIGHT),
            Column("title", _("Tên chương trình"), lambda r: r.program.title, tooltip=lambda r: r.program.title, width=460),
            Column("documents", _("Thực hiện văn bản"), lambda r: ", ".join(r.documents)),
            Column("issue_date", _("Ngày ban hành"), lambda r: format_date(r.program.issue_date),
                   sort=lambda r: _date_key(r.program.issue_date), align=CENTER, export=lambda r: r.program.issue_date),
            Column("status", _("Trạng thái"), lambda r: _(PROGRAM_STATUS_LABELS[r.program.status])),
            Column("tasks", _("Số nhiệm vụ"), lambda r: str(r.task_count), sort=lambda r: r.task_count,
                   align=RIGHT, export=lambda r: r.task_count),
        ])


def document_kind_name(doc: Document) -> str:
    """"Nghị quyết" for 42-NQ/TW; "" when the type code is not in the tables."""
    try:
        symbol = DocumentSymbol(doc.number, doc.type_code, doc.issuer_code, doc.style, doc.symbol_year)
    except SymbolError:
        return ""
    return _(symbol.kind_name) if symbol.kind_name else ""


class DocumentTableModel(RowCacheModel):
    def __init__(self, parent=None):
        super().__init__([
            Column("symbol", _("Số, ký hiệu"), lambda d: d.symbol,
                   sort=lambda d: (d.style, d.type_code or "", d.issuer_code, d.number)),
            Column("issue_date", _("Ngày ban hành"), lambda d: format_date(d.issue_date),
                   sort=lambda d: _date_key(d.issue_date), align=CENTER, export=lambda d: d.issue_date),
            Column("subject", _("Trích yếu"), lambda d: d.subject, tooltip=lambda d: d.subject, width=520),
            Column("issuing_authority", _("Cơ quan ban hành"), lambda d: d.issuing_authority, width=260),
            Column("classification", _("Độ mật"), lambda d: d.classification or ""),
        ])

    def row_id(self, row: Document) -> int:
        return row.id

    def search_text(self, row: Document) -> str:
        # The kind ("Nghị quyết") is found too, though only its code is in the symbol.
        return " ".join((row.symbol, document_kind_name(row), format_date(row.issue_date), row.subject,
                         row.issuing_authority, row.classification or ""))


@dataclass(frozen=True)
class BodyRow:
    id: int
    body: Body
    depth: int
    parent_name: str
    valid_today: bool


class BodyTableModel(RowCacheModel):
    """Bodies in hierarchy order (children under their parent, indented)."""

    def __init__(self, parent=None):
        super().__init__([
            Column("name", _("Tên cơ quan, đơn vị"), lambda r: "    " * r.depth + r.body.name, width=360,
                   sort=lambda r: sort_key(r.body.name)),
            Column("code", _("Ký hiệu"), lambda r: r.body.code or ""),
            Column("short_name", _("Tên viết tắt"), lambda r: r.body.short_name, hidden_by_default=True),
            Column("kind", _("Loại"), lambda r: _(BODY_KIND_LABELS.get(r.body.kind, r.body.kind))),
            Column("parent", _("Trực thuộc"), lambda r: r.parent_name, width=220),
            Column("valid_from", _("Hiệu lực từ"), lambda r: format_date(r.body.valid_from),
                   sort=lambda r: _date_key(r.body.valid_from), align=CENTER, export=lambda r: r.body.valid_from),
            Column("valid_to", _("Hiệu lực đến"), lambda r: format_date(r.body.valid_to),
                   sort=lambda r: _date_key(r.body.valid_to), align=CENTER, export=lambda r: r.body.valid_to),
        ])

    def row_roles(self) -> dict:
        return {Qt.ItemDataRole.ForegroundRole:
                lambda r: None if r.valid_today else QBrush(QColor("#8a8a8a"))}
