"""Import a programme from Word (.docx) or an Excel tracking sheet (.xlsx): the file is read
off the GUI thread (QueryOp), its preview shown (how each row was understood, problems
marked on their cells, a choice for each body name not matched for certain), and the
confirmed plan written through the context's write path (CollectionOp), all or nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QGridLayout, QGroupBox, QHeaderView, QLabel, QMessageBox, QSplitter,
    QTableView, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from ..importers.table_plan import CHOSEN, COLUMN_LABELS, HOW_LABELS, NEW, TablePlan
from ..ops.base import Changes
from .background import CollectionOp, Job, QueryOp
from .formats import format_int
from .i18n import _

PROBLEM_BRUSH = QBrush(QColor(255, 214, 214))
TO_CONFIRM = ("fuzzy", "ambiguous", "unknown", "new", "chosen")
COLUMNS_PER_ROW = 4  # field pairs (label, combo) per row of the column box


def column_letter(index: int) -> str:
    """0 → "A", 25 → "Z", 26 → "AA": the letter Excel shows above the column."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def remap(columns: dict[str, int], field: str, column: int | None) -> dict[str, int]:
    """*columns* with *field* read from *column* (``None``: not used); a field that was read
    from that column gives it up, as with the CLI's ``--column``."""
    out = {f: c for f, c in columns.items() if f != field and c != column}
    if column is not None:
        out[field] = column
    return out


def keep_choices(old: TablePlan, new: TablePlan) -> None:
    """The body choices the user made in *old* carried into *new*, for the same written names."""
    for key, choice in new.bodies.items():
        before = old.bodies.get(key)
        if before is None or choice.how not in TO_CONFIRM or before.how not in (CHOSEN, NEW):
            continue
        if before.how == NEW:
            choice.make_new(before.name)
            continue
        body = next((b for b in choice.candidates if b.id == before.body_id), None)
        if body is not None:
            choice.choose(body)


class PlanModel(QAbstractTableModel):
    """The plan's tasks, one per row; a cell with a problem is tinted and says why in its tooltip."""

    FIELDS = ("source", "group", "content", "lead", "coordinators", "product", "deadline", "progress")

    def __init__(self, plan: TablePlan, parent=None):
        super().__init__(parent)
        self.plan = plan

    def headers(self) -> list[str]:
        return [_("Dòng"), _("Nhóm"), _("Nội dung nhiệm vụ"), _("Cơ quan chủ trì"), _("Cơ quan phối hợp"),
                _("Sản phẩm"), _("Thời hạn → hạn"), _("Tiến độ")]

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.plan.tasks)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.FIELDS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self.FIELDS):
            return self.headers()[section]
        return None

    def _text(self, t, field: str) -> str:
        plan = self.plan
        if field == "source":
            return t.source
        if field == "group":
            return t.group
        if field == "content":
            return t.content
        if field == "lead":
            return plan.bodies[t.lead].describe() if t.lead else ""
        if field == "coordinators":
            names = [plan.bodies[k].describe() for k in t.coordinators]
            return "\n".join(names + ([t.collective] if t.collective else []))
        if field == "product":
            return t.product
        if field == "deadline":
            return t.deadline_shown()
        return "; ".join(f"{e.percent if e.percent is not None else ''}% {e.note}".strip() for e in t.progress)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.plan.tasks):
            return None
        t = self.plan.tasks[index.row()]
        field = self.FIELDS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(t, field)
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole):
            column = {"progress": ("percent", "completed_on")}.get(field, (field,))
            problems = [p.message for p in self.plan.task_problems(t) if p.column in column
                        or (field == "content" and p.column == "")]
            if not problems:
                return None
            return PROBLEM_BRUSH if role == Qt.ItemDataRole.BackgroundRole else "\n".join(problems)
        return None

    def refresh(self) -> None:
        if self.plan.tasks:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.plan.tasks) - 1, len(self.FIELDS) - 1))


class TableImportDialog(QDialog):
    """The preview; accepted only when the plan has no problem left."""

    def __init__(self, plan: TablePlan, parent: QWidget | None = None,
                 reread: Callable[[dict[str, int]], Callable[[Job], TablePlan]] | None = None):
        """*reread(columns)* gives the work that reads the file again with that column mapping
        (run off the GUI thread); without it the columns are shown but cannot be changed."""
        super().__init__(parent)
        self.plan = plan
        self.reread = reread
        self.setWindowTitle(_("Xem trước khi nhập: {name}").format(name=plan.source_name))
        self.resize(1100, 700)
        layout = QVBoxLayout(self)
        h = plan.header
        head = [h.title] if h.title else []
        if h.symbol:
            head.append(_("Số {symbol}").format(symbol=h.symbol))
        if head:
            info = QLabel("\n".join(head))
            info.setWordWrap(True)
            layout.addWidget(info)
        layout.addWidget(self._column_box())
        splitter = QSplitter(Qt.Orientation.Vertical)
        self.model = PlanModel(plan, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        splitter.addWidget(self.view)
        self.bodies = QTableWidget(0, 3)
        self.bodies.setHorizontalHeaderLabels([_("Tên ghi trong tệp"), _("Cách khớp"), _("Dùng cơ quan")])
        self.bodies.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.combos: dict[str, QComboBox] = {}
        self._fill_bodies()
        self.bodies.setVisible(bool(self.combos))
        for table in (self.view, self.bodies):
            _headers_readable(table)
        splitter.addWidget(self.bodies)
        layout.addWidget(splitter)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(_("Nhập"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._update()

    def _column_box(self) -> QGroupBox:
        """One combo per field: the table's columns (letter and title) and «(không dùng)»."""
        box = QGroupBox(_("Cột nhận ra (chọn lại nếu đọc sai)"))
        grid = QGridLayout(box)
        grid.setContentsMargins(6, 4, 6, 4)
        grid.setVerticalSpacing(2)
        self.column_combos: dict[str, QComboBox] = {}
        self.column_labels: dict[str, QLabel] = {}
        for i, field in enumerate(COLUMN_LABELS):
            label = QLabel(_("{field} ←").format(field=_(COLUMN_LABELS[field])))
            combo = QComboBox()
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
            combo.setEnabled(self.reread is not None)
            combo.currentIndexChanged.connect(lambda _i, f=field: self._column_chosen(f))
            row, col = divmod(i, COLUMNS_PER_ROW)
            grid.addWidget(label, row, 2 * col, Qt.AlignmentFlag.AlignRight)
            grid.addWidget(combo, row, 2 * col + 1)
            grid.setColumnStretch(2 * col + 1, 1)
            self.column_combos[field] = combo
            self.column_labels[field] = label
        self._fill_columns()
        return box

    def column_text(self, index: int) -> str:
        titles = self.plan.column_titles
        title = titles[index] if index < len(titles) else ""
        letter = column_letter(index)
        return _("cột {letter} «{title}»").format(letter=letter, title=title) if title \
            else _("cột {letter}").format(letter=letter)

    def _fill_columns(self) -> None:
        width = max([len(self.plan.column_titles)] + [c + 1 for c in self.plan.columns.values()])
        for field, combo in self.column_combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(_("(không dùng)"), None)
            for c in range(width):
                combo.addItem(self.column_text(c), c)
            current = self.plan.columns.get(field)
            combo.setCurrentIndex(combo.findData(current) if current is not None else 0)
            combo.setToolTip(_("{field} ← {column}").format(
                field=_(COLUMN_LABELS[field]), column=combo.currentText()))
            combo.blockSignals(False)

    def _column_chosen(self, field: str) -> None:
        if self.reread is None:
            return
        columns = remap(self.plan.columns, field, self.column_combos[field].currentData())
        read = QueryOp(self, self.reread(columns), label=_("Đang đọc lại tệp…"), failure=lambda exc: (
            QMessageBox.warning(self, _("Không đọc được tệp"), str(exc))))
        plan = read.exec()
        if not read.succeeded or plan is None:
            self._fill_columns()  # back to the mapping still shown
            return
        keep_choices(self.plan, plan)
        self.set_plan(plan)

    def set_plan(self, plan: TablePlan) -> None:
        """Show *plan* (read again with another column mapping) in place of the current one."""
        self.plan = plan
        self.model.beginResetModel()
        self.model.plan = plan
        self.model.endResetModel()
        self.combos.clear()
        self.bodies.setRowCount(0)
        self._fill_bodies()
        self.bodies.setVisible(bool(self.combos))
        self._fill_columns()
        self._update()

    def _fill_bodies(self) -> None:
        used = self.plan.used_body_keys()
        keys = [k for k, b in self.plan.bodies.items() if k in used and b.how in TO_CONFIRM]
        self.bodies.setRowCount(len(keys))
        for row, key in enumerate(keys):
            choice = self.plan.bodies[key]
            for col, text in enumerate((choice.written, HOW_LABELS[choice.how])):
                item = self.bodies.item(row, col)
                if item is None:
                    item = QTableWidgetItem()
                    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                    self.bodies.setItem(row, col, item)
                item.setText(text)
            combo = QComboBox()
            if choice.how == "ambiguous":
                combo.addItem(_("— Chọn cơ quan —"), None)
            combo.addItem(_("Tạo cơ quan mới «{name}»").format(name=choice.written), -1)
            for body in choice.candidates:
                combo.addItem(body.name, body.id)
            if choice.how == "fuzzy":
                combo.insertItem(0, _("— Xác nhận —"), None)
            current = combo.findData(choice.body_id if choice.how == CHOSEN else -1) \
                if choice.how in (CHOSEN, NEW) else 0
            combo.setCurrentIndex(max(current, 0))
            combo.currentIndexChanged.connect(lambda _i, k=key: self._chosen(k))
            self.bodies.setCellWidget(row, 2, combo)
            self.combos[key] = combo

    def _chosen(self, key: str) -> None:
        choice = self.plan.bodies[key]
        value = self.combos[key].currentData()
        if value == -1:
            choice.make_new()
        elif value is not None:
            body = next(b for b in choice.candidates if b.id == value)
            choice.choose(body)
        self.model.refresh()
        self._update()

    def _update(self) -> None:
        problems = self.plan.all_problems()
        text = self.plan.summary()
        if problems:
            text += " " + _("Còn {n} lỗi cần sửa (ô tô đỏ; di chuột để xem lý do).").format(n=format_int(len(problems)))
        self.summary.setText(text)
        self.import_button.setEnabled(self.plan.can_apply)


def _headers_readable(table: QTableView) -> None:
    """Each fixed column at least as wide as its title."""
    header = table.horizontalHeader()
    for i in range(header.count()):
        if header.sectionResizeMode(i) != QHeaderView.ResizeMode.Stretch:
            header.resizeSection(i, max(header.sectionSize(i), header.sectionSizeHint(i)))


def import_table_file(window, ctx, path: str) -> None:
    """From the import action: read, preview, then write what the user confirmed."""
    from ..ops.table_import import preview_file

    db, as_of = ctx.db, min(ctx.as_of, date.today())  # a progress report is never dated ahead of today
    _preview_and_write(window, ctx, lambda columns: lambda job: preview_file(db, path, as_of=as_of, columns=columns),
                       None)


def paste_into_program(window, ctx, program_id: int, text: str) -> None:
    """Rows from the clipboard (Excel or Word), previewed, then appended to the programme."""
    from ..ops.table_import import preview_text

    if not text.strip():
        QMessageBox.information(window, _("Dán nhiệm vụ"), _(
            "Bộ nhớ tạm chưa có gì để dán. Hãy chọn các dòng nhiệm vụ trong Excel hoặc Word, sao chép (Ctrl+C), "
            "rồi bấm lại «Dán nhiệm vụ»."))
        return
    db, as_of = ctx.db, min(ctx.as_of, date.today())
    _preview_and_write(window, ctx, lambda columns: lambda job: preview_text(db, text, as_of=as_of, columns=columns),
                       program_id)


def _preview_and_write(window, ctx, read_plan, program_id: int | None) -> None:
    """*read_plan(columns)* is the work reading the plan (``None``: the columns detected)."""
    from ..ops.table_import import apply_plan

    read = QueryOp(window, read_plan(None), label=_("Đang đọc tệp…"), failure=lambda exc: QMessageBox.warning(
        window, _("Không đọc được tệp"), str(exc)))
    plan = read.exec()
    if not read.succeeded or plan is None:
        return
    dialog = TableImportDialog(plan, window, reread=read_plan)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    plan = dialog.plan  # read again if the user chose other columns

    def write(db):
        report = apply_plan(db, plan, program_id=program_id)
        changes = Changes(name=report.summary(), journal_id=report.journal_id)
        for table in ("bodies", "documents", "programs", "tasks", "progress_entries"):
            changes.inserted[table] = set()
        return changes

    op = CollectionOp(window, ctx, write, label=_("Đang nhập dữ liệu…"),
                      failure=lambda exc: QMessageBox.warning(window, _("Không nhập được"), str(exc)))
    changes = op.exec()
    if op.succeeded and changes is not None:
        QMessageBox.information(window, _("Nhập dữ liệu"), changes.name)


def is_table_file(path: str) -> bool:
    return Path(path).suffix.lower() in (".docx", ".xlsx")

