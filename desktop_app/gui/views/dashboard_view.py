"""Tổng quan: task counts by status on the as-of date, overall and per lead body.
A click on a figure opens the task list filtered to it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QTableView, QVBoxLayout

from ...core.dates import format_date
from ...core.numbers import format_int
from ...core.status import STATUS_COLOURS, STATUS_ORDER, TaskStatus
from ...ops.base import Changes
from ...reports.tasks import BodyCounts, figures_from_rows
from ..i18n import _
from ..models import status_label
from ..table_model import Column, RowCacheModel
from .base import BaseView
from .tasks_view import TASK_ENTITIES


class BodyFiguresModel(RowCacheModel):
    def __init__(self, parent=None):
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        columns = [Column("body", _("Cơ quan chủ trì"), lambda r: r.name),
                   Column("total", _("Tổng số"), lambda r: format_int(r.total), sort=lambda r: r.total, align=right)]
        columns += [Column(str(s), status_label(s), lambda r, s=s: format_int(r.counts[s]),
                           sort=lambda r, s=s: r.counts[s], align=right) for s in STATUS_ORDER]
        super().__init__(columns, parent)

    def row_id(self, row: BodyCounts) -> int:
        return row.body_id if row.body_id is not None else -1


class DashboardView(BaseView):
    entity = "tasks"
    open_status = Signal(object)  # status value: show the task list filtered to it

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.title = _("Tổng quan")
        layout = QVBoxLayout(self)
        self.heading = QLabel(self)
        self.heading.setStyleSheet("font-weight: bold; font-size: 13pt;")
        layout.addWidget(self.heading)
        grid = QGridLayout()
        self.buttons: dict[TaskStatus, QPushButton] = {}
        for i, status in enumerate(STATUS_ORDER):
            button = QPushButton(self)
            button.setObjectName(f"figure-{status}")
            text_colour = "#000" if status == TaskStatus.DUE_SOON else "#fff"
            button.setStyleSheet(f"background:{STATUS_COLOURS[status]}; color:{text_colour}; font-size: 12pt;"
                                 "padding: 10px; border-radius: 4px;")
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.clicked.connect(lambda _c=False, s=status: self.open_status.emit(str(s)))
            grid.addWidget(button, i // 3, i % 3)
            self.buttons[status] = button
        layout.addLayout(grid)
        self.model = BodyFiguresModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().hide()
        layout.addWidget(self.table, 1)
        ctx.as_of_changed.connect(lambda _d: self.reload())

    def touched_by(self, changes: Changes) -> bool:
        return any(changes.touches(e) for e in TASK_ENTITIES) or changes.touches("settings")

    def reload(self) -> None:
        figures = figures_from_rows(self.ctx.as_of, self.ctx.task_rows())
        self.heading.setText(_("Tình hình thực hiện {n} nhiệm vụ tính đến ngày {day}").format(
            n=format_int(figures.total), day=format_date(self.ctx.as_of)))
        for status, button in self.buttons.items():
            button.setText(f"{format_int(figures.overall[status])}\n{status_label(status)}")
        self.model.set_rows(figures.by_body)
        header = self.table.horizontalHeader()
        self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self.table.resizeColumnsToContents()

    def counts_text(self) -> str:
        return ""
