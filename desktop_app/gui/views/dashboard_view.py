"""Tổng quan: how the tasks stand on a chosen day, for the chosen programmes, overall and
per lead body, as figures, charts and a table. A click on a figure, a chart segment or a
table cell opens the task list filtered to exactly the tasks behind it."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from PySide6.QtCharts import (
    QBarCategoryAxis, QChart, QChartView, QHorizontalStackedBarSeries, QPieSeries, QValueAxis,
)
from PySide6.QtCore import QEvent, QMargins, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QGridLayout, QHBoxLayout, QLabel, QLineEdit, QMenu, QPushButton, QSplitter, QTableView, QToolButton,
    QVBoxLayout, QWidget,
)

from ...core.dates import DateError, format_date, parse_date
from ..formats import format_int, format_ratio
from ...core.status import STATUS_COLOURS, TaskStatus
from ...ops.base import Changes
from ...reports.settings import get_setting
from ...reports.lists import body_short_names, existing_program_ids, program_choices
from ...reports.progress import (
    ALL_BODIES, EXTRA_KEYS, FIGURE_KEYS, FIGURE_LABELS, BodyFigures, Dashboard, FigureSelection, dashboard,
    dashboard_from_rows, dashboard_from_shapes,
)
from ..i18n import _
from ..table_model import Column, RowCacheModel
from ..widgets import CheckListPicker, WrappingButton
from .base import BaseView
from .tasks_view import TASK_ENTITIES
from .catalog import DASHBOARD

FIGURE_COLOURS: dict[str, str] = {
    "assigned": "#37474F",
    "due": "#6A1B9A",
    "done_on_time": STATUS_COLOURS[TaskStatus.DONE_ON_TIME],
    "done_late": STATUS_COLOURS[TaskStatus.DONE_LATE],
    "overdue": STATUS_COLOURS[TaskStatus.OVERDUE],
    "in_progress": STATUS_COLOURS[TaskStatus.IN_PROGRESS],
    "not_yet_due": STATUS_COLOURS[TaskStatus.NOT_STARTED],
    "due_soon": STATUS_COLOURS[TaskStatus.DUE_SOON],
    "behind_schedule": "#AD1457",
    "continuous_unreported": "#00838F",
}
# The five figures that split the assigned tasks: the pie and the stacked bars.
PARTITION = ("done_on_time", "done_late", "overdue", "in_progress", "not_yet_due")
NO_BODY_ROW = -1  # row id of the "no lead body" line in the table


# A fixed locale (core.numbers.LOCALE): the same number always reads the same. Babel takes
# ~0.5 ms a number and the table shows hundreds at each refresh.
_int_text = lru_cache(maxsize=8192)(format_int)


def figure_label(key: str) -> str:
    return _(FIGURE_LABELS[key])


def _text_colour(key: str) -> str:
    return "#000" if key == "due_soon" else "#fff"



def integer_axis(largest: int, most_ticks: int = 6) -> tuple[int, int]:
    """A count axis from 0: (top, tick count) with whole, distinct steps of 1, 2, 5, 10, 20…

    "0 0 0 0 0 1" (the nice numbers of 0..1 printed as integers) cannot happen: the step
    is a whole number and at most ``most_ticks`` ticks are drawn; an empty chart reads 0 1.
    """
    largest = max(int(largest), 0)
    step, scale = 1, 1
    while True:
        for factor in (1, 2, 5):
            step = factor * scale
            intervals = max(-(-largest // step), 1)
            if intervals + 1 <= most_ticks:
                return step * intervals, intervals + 1
        scale *= 10

class BodyFiguresModel(RowCacheModel):
    """One row per lead body; one column per figure."""

    def __init__(self, parent=None):
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        columns = [Column("body", _("Cơ quan chủ trì"), lambda r: r.name if r.body_id is not None else no_lead_body())]
        columns += [Column(key, figure_label(key), lambda r, k=key: _int_text(getattr(r.figures, k)),
                           sort=lambda r, k=key: getattr(r.figures, k), align=right)
                    for key in FIGURE_KEYS + EXTRA_KEYS]
        super().__init__(columns, parent)

    def row_id(self, row: BodyFigures) -> int:
        return row.body_id if row.body_id is not None else NO_BODY_ROW


BAR_ROWS_MAX, BAR_ROWS_MIN = 12, 4


class DashboardView(BaseView):
    entity = "tasks"
    uses_details = False  # nothing to edit here: the figures and charts get the dock's width (1366×768)
    open_figure = Signal(object)  # FigureSelection: show the task list filtered to it
    report_requested = Signal(object)  # programme ids (empty: all): the periodic report dialog
    followup_requested = Signal(int)  # lead body id: the follow-up letter
    review_requested = Signal(object)  # a past day (None: today) the whole program should be judged on

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.title = _(DASHBOARD.title)
        self._board_value: Dashboard | None = None
        self._board_fresh = False
        # A change while the dashboard is hidden is drawn when it is shown: None (drawn as it
        # is), "figures" (the figures changed) or "reload" (names, programmes, settings too).
        self._pending: str | None = None
        self._program_ids: tuple[int, ...] = ()
        self._picker_filled = False
        self._period = "quarter"  # read from the settings on each reload
        self._short_names: dict[int, str] = {}
        self.bar_series: QHorizontalStackedBarSeries | None = None
        self.bar_bodies: list[BodyFigures] = []
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_controls())
        self.program_picker = self._build_program_picker()
        layout.addWidget(self.program_picker)
        self.heading = self._build_heading()
        layout.addWidget(self.heading)
        layout.addLayout(self._build_figure_buttons())
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setObjectName("dashboard-splitter")
        splitter.addWidget(self._build_charts(splitter))
        splitter.addWidget(self._build_table(splitter))
        splitter.setSizes([320, 280])
        self.splitter = splitter  # charts and table: either can be folded away; sizes remembered
        layout.addWidget(splitter, 1)
        # The dashboard's own day (None: the program's day). Changing it here does not put the
        # whole program into past-review mode (issue 13); a new program day resets it.
        self.day: date | None = None
        ctx.as_of_changed.connect(self._program_day_changed)
        ctx.task_rows_loaded.connect(self._rows_read)
        ctx.task_rows_failed.connect(self._rows_not_read)

    _waiting = False  # for the task rows being read in the background (the first start)
    _read_failed = False  # … which failed: counted by the database instead

    def waiting_for_rows(self) -> bool:
        """Whether the figures wait for the task rows being read in the background."""
        return self._waiting

    def _rows_read(self) -> None:
        self._read_failed = False
        if self._waiting:
            self._waiting = False
            if self.isVisible():
                self._show_figures()
            else:  # drawn when shown (nothing was counted yet: "figures" would find no board)
                self._pending = "reload"

    def _rows_not_read(self) -> None:
        if self._waiting:  # (the error was shown) counted by the database instead
            self._waiting, self._read_failed = False, True
            self._show_figures()

    def _build_controls(self) -> QHBoxLayout:
        """The as-of date, "Hôm nay", the programme choice and "Báo cáo…"."""
        controls = QHBoxLayout()
        controls.addWidget(QLabel(_("Tính đến ngày"), self))
        self.as_of_edit = QLineEdit(self)
        self.as_of_edit.setObjectName("dashboard-as-of")
        self.as_of_edit.setPlaceholderText(_("ngày/tháng/năm"))
        self.as_of_edit.setMaximumWidth(120)
        self.as_of_edit.setToolTip(_("Số liệu của Tổng quan tính theo ngày này (Enter để áp dụng); các danh sách "
                                     "khác vẫn tính theo hôm nay (Xem → Xem lại tại một ngày… để đổi cả chương trình)."))
        self.as_of_edit.editingFinished.connect(self._as_of_entered)
        controls.addWidget(self.as_of_edit)
        self.today_button = QPushButton(_("Hôm nay"), self)
        self.today_button.setObjectName("dashboard-today")
        self.today_button.clicked.connect(lambda: self.set_day(None))
        controls.addWidget(self.today_button)
        self.as_of_error = QLabel(self)
        self.as_of_error.setObjectName("dashboard-as-of-error")
        self.as_of_error.setStyleSheet("color: #c62828;")
        self.as_of_error.hide()
        controls.addWidget(self.as_of_error)
        controls.addStretch(1)
        self.programs_button = QToolButton(self)
        self.programs_button.setObjectName("dashboard-programs")
        self.programs_button.setCheckable(True)
        self.programs_button.toggled.connect(self._toggle_picker)
        controls.addWidget(self.programs_button)
        self.report_button = QPushButton(_("Báo cáo…"), self)
        self.report_button.setObjectName("dashboard-report")
        self.report_button.setToolTip(_("Báo cáo kết quả thực hiện của các chương trình đang xem (Word hoặc Excel)"))
        self.report_button.clicked.connect(lambda: self.report_requested.emit(list(self._program_ids)))
        controls.addWidget(self.report_button)
        return controls

    def _build_program_picker(self) -> CheckListPicker:
        picker = CheckListPicker(self, _("Lọc chương trình (gõ không dấu cũng được)…"))
        picker.setObjectName("dashboard-program-picker")
        picker.checkedChanged.connect(self.set_program_ids)
        picker.hide()
        return picker

    def _build_heading(self) -> QLabel:
        heading = QLabel(self)
        heading.setObjectName("dashboard-heading")
        heading.setStyleSheet("font-weight: bold; font-size: 13pt;")
        heading.setWordWrap(True)
        return heading

    def _build_figure_buttons(self) -> QGridLayout:
        """One coloured button per figure; a click opens the tasks behind it."""
        grid = QGridLayout()
        self.buttons: dict[str, QPushButton] = {}
        for i, key in enumerate(FIGURE_KEYS + EXTRA_KEYS):
            button = WrappingButton(self)
            button.setObjectName(f"figure-{key}")
            button.setStyleSheet(f"background:{FIGURE_COLOURS[key]}; color:{_text_colour(key)}; font-size: 11pt;"
                                 "padding: 8px; border-radius: 4px;")
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.clicked.connect(lambda _c=False, k=key: self.open(k))
            grid.addWidget(button, i // 5, i % 5)
            self.buttons[key] = button
        return grid

    def _build_charts(self, parent: QWidget) -> QWidget:
        """The pie (overall) and the stacked bars (by lead body)."""
        charts = QWidget(parent)
        charts_layout = QHBoxLayout(charts)
        charts_layout.setContentsMargins(0, 0, 0, 0)
        self.pie = QPieSeries()
        self.pie.setHoleSize(0.45)
        self.pie.clicked.connect(lambda s: self.open(s.property("figure")))
        self.pie_chart = self._chart(_("Tỷ lệ theo tình trạng"))
        self.pie_chart.addSeries(self.pie)
        self.pie_chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
        self.pie_view = QChartView(self.pie_chart, charts)
        self.pie_view.setObjectName("dashboard-pie")
        self.pie_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        charts_layout.addWidget(self.pie_view, 1)
        self.bar_chart = self._chart(_("Theo cơ quan chủ trì"))
        self.bar_view = QChartView(self.bar_chart, charts)
        self.bar_view.setObjectName("dashboard-bars")
        self.bar_view.installEventFilter(self)  # fewer or more bars as its height changes
        self._bar_count = 0  # how many bodies the bars show (set by _fill_bars)
        self.bar_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        charts_layout.addWidget(self.bar_view, 1)
        return charts

    def _build_table(self, parent: QWidget) -> QTableView:
        """The figures of every lead body; a click on a number opens its tasks."""
        self.model = BodyFiguresModel(self)
        self.table = QTableView(parent)
        self.table.setObjectName("dashboard-table")
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().hide()
        self.table.setToolTip(_("Bấm vào một số để xem danh sách nhiệm vụ tương ứng."))
        self.table.clicked.connect(self._cell_clicked)
        self.table.activated.connect(self._cell_clicked)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._table_menu)
        return self.table

    @staticmethod
    def _chart(title: str) -> QChart:
        chart = QChart()
        chart.setTitle(title)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setVisible(True)
        font = chart.legend().font()
        font.setPointSizeF(max(7.0, font.pointSizeF() - 1))
        chart.legend().setFont(font)
        return chart

    # --- what is shown ------------------------------------------------------------------------
    def touched_by(self, changes: Changes) -> bool:
        return any(changes.touches(e) for e in TASK_ENTITIES) or changes.touches("settings")

    def _toggle_picker(self, on: bool) -> None:
        if on and not self._picker_filled:
            self._fill_picker()
        self.program_picker.setVisible(on)

    def _fill_picker(self) -> None:
        self.program_picker.blockSignals(True)
        self.program_picker.set_items(program_choices(self.ctx.db, labelled=True), list(self._program_ids))
        self.program_picker.blockSignals(False)
        self._picker_filled = True

    def set_program_ids(self, ids) -> None:
        self._program_ids = tuple(ids)
        self._update_programs_button()
        self._show_figures()

    def _update_programs_button(self) -> None:
        count = len(self._program_ids)
        self.programs_button.setText(_("Mọi chương trình") if not count
                                     else _("{n} chương trình đã chọn").format(n=format_int(count)))

    def reload(self) -> None:
        self._pending = None
        self._period = get_setting(self.ctx.db, "continuous_report_period")  # settings changes reload
        self._short_names = body_short_names(self.ctx.db)
        if self._program_ids:  # drop the chosen programmes that no longer exist
            existing = existing_program_ids(self.ctx.db, self._program_ids)
            self._program_ids = tuple(i for i in self._program_ids if i in existing)
        # The picker's list is built when it is opened: thousands of programmes with their
        # labels cost a noticeable part of start-up.
        self._picker_filled = False
        if self.program_picker.isVisible():
            self._fill_picker()
        self._update_programs_button()
        self.as_of_edit.setText(format_date(self.shown_day()))
        self._show_as_of_error(None)
        self._show_figures()

    def shown_day(self) -> date:
        return self.day or self.ctx.as_of

    @property
    def board(self) -> Dashboard | None:
        """The figures the dashboard shows, counted now if a change came while it was hidden
        (None before it was first loaded)."""
        if self._pending == "reload":  # (also: the task rows arrived while it was hidden)
            self.reload()
        elif self._board_value is None:
            return None
        elif not self._board_fresh:
            self._board_value = self._board(self.shown_day())
            self._board_fresh = True
        return self._board_value

    def showEvent(self, event) -> None:
        super().showEvent(event)
        pending, self._pending = self._pending, None
        if pending == "reload":
            self.reload()
        elif pending == "figures":
            board = self.board
            if board is not None:
                self._draw(board)

    def _show_figures(self) -> None:
        board = self._board(self.shown_day())
        if board is None:  # the task rows are being read: drawn when they arrive (_rows_read)
            self._board_value, self._board_fresh, self._waiting = None, False, True
            self._draw_waiting()
            return
        self._board_value, self._board_fresh = board, True
        if self._pending == "figures":
            self._pending = None
        self._draw(board)

    def _draw_waiting(self) -> None:
        self.heading.setText(_("Đang tải danh sách nhiệm vụ để tính số liệu…"))
        for key, button in self.buttons.items():
            button.setText(f"…\n{figure_label(key)}")
            button.setEnabled(False)

    def _draw(self, board: Dashboard) -> None:
        as_of = board.as_of
        fig = board.overall
        scope = (_("tất cả chương trình") if not self._program_ids
                 else _("{n} chương trình đã chọn").format(n=format_int(len(self._program_ids))))
        self.heading.setText(_("Tình hình thực hiện {n} nhiệm vụ ({scope}) tính đến ngày {day}").format(
            n=format_int(fig.assigned), scope=scope, day=format_date(as_of)))
        for key, button in self.buttons.items():
            value = getattr(fig, key)
            share = f" ({format_ratio(value, fig.assigned)})" if key != "assigned" and fig.assigned else ""
            label = figure_label(key)
            if key == "continuous_unreported":
                label = _("Thường xuyên chưa báo cáo {period}").format(period=board.period_name)
            button.setText(f"{format_int(value)}{share}\n{label}")
            button.setEnabled(True)
            button.setToolTip(_("Bấm để xem danh sách các nhiệm vụ này."))
        self._fill_pie(board)
        self._fill_bars(board)
        self.model.set_rows(list(board.by_body))
        header = self.table.horizontalHeader()
        self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        bodies = tuple(b.body_id for b in board.by_body)
        if bodies != self._sized_for:  # widths fit the names; numbers change little
            self._sized_for = bodies
            self.table.resizeColumnsToContents()

    _sized_for: tuple = ()

    def _board(self, as_of: date) -> Dashboard | None:
        """The figures: from the task rows the program holds when they are loaded (kept
        counted, so a change recounts only its rows), else counted by the database; None
        while the rows are read at the first start."""
        if as_of != self.ctx.as_of:  # the dashboard's own day: counted by the database
            return dashboard(self.ctx.db, as_of, program_ids=self._program_ids or None,
                             due_soon_days=self.ctx.due_soon_days, period=self._period)
        shapes = self.ctx.task_shapes()
        if shapes is None and not self.ctx.task_rows_loaded_once:
            # the first start: the task list needs these rows anyway, and counting them is
            # quicker than asking the database and then reading them as well; many are read
            # in the background, the window usable meanwhile
            if not self._read_failed and not self.ctx.want_task_rows(self):
                return None
            shapes = self.ctx.task_shapes()
        if shapes is None:  # read again in the background (another day, a large change)
            return dashboard(self.ctx.db, as_of, program_ids=self._program_ids or None,
                             due_soon_days=self.ctx.due_soon_days, period=self._period)
        if self._program_ids:
            return dashboard_from_rows(self.ctx.task_rows(), as_of, period=self._period,
                                       program_ids=self._program_ids)
        if shapes.as_of != as_of or self._period != self.ctx.report_period:
            return dashboard_from_rows(self.ctx.task_rows(), as_of, period=self._period)
        return dashboard_from_shapes(shapes, period=self._period)

    def on_changes(self, changes: Changes) -> None:
        if not self.touched_by(changes):
            return
        names = any(changes.touches(t) for t in ("bodies", "programs", "settings"))
        if not self.isVisible():
            # Hidden (another view is shown): counted when asked for (``board``) and drawn
            # when shown. Redrawing the charts after every edit was 15% of an edit's time.
            self._board_fresh = False
            if names or self._pending == "reload":
                self._pending = "reload"
            else:
                self._pending = "figures"
            return
        if names:
            self.reload()  # names, the chosen programmes, the reporting period
        else:
            self._show_figures()

    def _fill_pie(self, board: Dashboard) -> None:
        self.pie.clear()
        for key in PARTITION:
            value = getattr(board.overall, key)
            if not value:
                continue
            piece = self.pie.append(f"{figure_label(key)}: {format_int(value)}", value)
            piece.setProperty("figure", key)
            piece.setColor(QColor(FIGURE_COLOURS[key]))

    def _fill_bars(self, board: Dashboard) -> None:
        from PySide6.QtCharts import QBarSet

        chart = self.bar_chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        # The bodies with the most tasks first, as many as the chart can name (the table has all).
        self._bar_count = self._bar_rows()
        bodies = sorted(board.by_body, key=lambda b: -b.figures.assigned)[:self._bar_count]
        bodies.reverse()  # a horizontal chart draws its first category at the bottom
        self.bar_bodies = bodies
        series = QHorizontalStackedBarSeries()
        for key in PARTITION:
            bar_set = QBarSet(figure_label(key))
            bar_set.setColor(QColor(FIGURE_COLOURS[key]))
            bar_set.append([getattr(b.figures, key) for b in bodies])
            bar_set.clicked.connect(lambda index, k=key: self._bar_clicked(k, index))
            series.append(bar_set)
        chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.setTruncateLabels(False)
        categories.append([self._short(b) for b in bodies])
        values = QValueAxis()
        values.setLabelFormat("%d")
        top, ticks = integer_axis(max([b.figures.assigned for b in bodies], default=0))
        values.setRange(0, top)
        values.setTickCount(ticks)
        values.setMinorTickCount(0)
        chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(categories)
        series.attachAxis(values)
        chart.legend().setVisible(False)  # the same colours as the pie, whose legend names them
        self.bar_series = series

    def _bar_rows(self) -> int:
        """How many bodies the bar chart has room to name, one axis line each after its title and
        value axis: all 12 on a tall screen, fewer at 1366×768, where Qt would otherwise hide
        every other name."""
        height = self.bar_view.height() if self.bar_view.isVisible() else 0
        if height <= 0:
            return BAR_ROWS_MAX
        line = self.bar_view.fontMetrics().height() + 4
        return max(BAR_ROWS_MIN, min(BAR_ROWS_MAX, (height - 80) // line))

    def eventFilter(self, watched, event) -> bool:
        if watched is self.bar_view and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self._fit_bars()
        return super().eventFilter(watched, event)

    def _fit_bars(self) -> None:
        """Redraw the bars when the chart's height now has room for another number of them."""
        board = self._board_value if self._board_fresh else None  # a stale one is redrawn when shown
        if board is not None and self.bar_view.isVisible() and self._bar_rows() != self._bar_count:
            self._fill_bars(board)

    def _short(self, body: BodyFigures) -> str:
        """The chart's axis has room for short names ("Ban Tuyên giáo", "UBND tỉnh")."""
        name = no_lead_body() if body.body_id is None else self._short_names.get(body.body_id) or body.name
        return name if len(name) <= 30 else name[:29] + "…"

    # --- click-through ------------------------------------------------------------------------
    def selection(self, key: str, body_id=ALL_BODIES) -> FigureSelection:
        board = self.board
        return FigureSelection(key, board.as_of, board.period_start, body_id, self._program_ids)

    def open(self, key: str, body_id=ALL_BODIES) -> None:
        if self.board is not None and key in FIGURE_LABELS:
            selection = self.selection(key, body_id)
            if selection.as_of != self.ctx.as_of:
                # The tasks behind a figure of another day are listed as they stood that day:
                # the program enters past-review mode for it, openly (the banner says so).
                self.review_requested.emit(None if selection.as_of == date.today() else selection.as_of)
            self.open_figure.emit(selection)

    def _bar_clicked(self, key: str, index: int) -> None:
        if 0 <= index < len(self.bar_bodies):
            self.open(key, self.bar_bodies[index].body_id)

    def _cell_clicked(self, index) -> None:
        if not index.isValid():
            return
        row_id = self.model.id_at(index.row())
        body_id = None if row_id == NO_BODY_ROW else row_id
        key = self.model.columns[index.column()].key
        self.open("assigned" if key == "body" else key, body_id)

    def _table_menu(self, pos) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        row_id = self.model.id_at(index.row())
        menu = QMenu(self)
        show = menu.addAction(_("Xem các nhiệm vụ"))
        letter = menu.addAction(_("Gửi công văn đôn đốc…"))
        body = self.model.row_at(index.row())
        letter.setEnabled(row_id != NO_BODY_ROW and (body.figures.overdue + body.figures.due_soon) > 0)
        chosen = menu.exec(self.table.viewport().mapToGlobal(pos))
        if chosen is show:
            self.open("assigned", None if row_id == NO_BODY_ROW else row_id)
        elif chosen is letter:
            self.followup_requested.emit(row_id)

    # --- the as-of date -----------------------------------------------------------------------
    def _as_of_entered(self) -> None:
        text = self.as_of_edit.text().strip()
        try:
            day = parse_date(text)
        except DateError as exc:
            self._show_as_of_error(str(exc))
            return
        if day > date.today():
            self._show_as_of_error(_("Ngày xem phải là hôm nay hoặc một ngày đã qua."))
            return
        self._show_as_of_error(None)
        self.set_day(day)

    def set_day(self, day: date | None) -> None:
        """Show the figures as of *day* (None: today) on the dashboard only."""
        day = day or date.today()
        self.day = None if day == self.ctx.as_of else day
        self.reload()

    def _program_day_changed(self, _day) -> None:
        self.day = None
        self.reload()

    def _show_as_of_error(self, message: str | None) -> None:
        self.as_of_error.setText(message or "")
        self.as_of_error.setVisible(bool(message))
        self.as_of_edit.setStyleSheet("border: 1px solid #c62828;" if message else "")

    def counts_text(self) -> str:
        return ""

    def save_state(self, settings) -> None:
        settings.setValue("views/dashboard/splitter", self.splitter.saveState())

    def restore_state(self, settings) -> None:
        state = settings.value("views/dashboard/splitter")
        if state is not None:
            self.splitter.restoreState(state)


def no_lead_body() -> str:
    return _("(chưa giao cơ quan chủ trì)")
