"""The study view's figures part: the figures of the study round (bridge points, attendees,
organisations represented, members studied), the organisations still behind, and the Word
report.

A part of :class:`~desktop_app.gui.views.study_view.StudyView` (a mixin: it uses the view's
``ctx``, ``resolution``, ``scope`` and ``as_of``).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core.dates import format_date
from ..formats import format_int, format_ratio
from ...errors import NqdeskError
from ...ops import study as study_ops
from ...reports.study import StudyFigures, study_figures
from ..i18n import _
from ..study_dialogs import from_qdate, to_qdate
from ..table_model import Column, RowCacheModel
from .study_sessions import RIGHT, plain_table


def behind_columns() -> list[Column]:
    return [
        Column("name", _("Tổ chức đảng"), lambda o: o.name, tooltip=lambda o: o.name, width=180),
        Column("members", _("Đảng viên"), lambda o: format_int(o.members), sort=lambda o: o.members,
               align=RIGHT, width=62),
        Column("studied", _("Đã học"), lambda o: format_int(o.studied), sort=lambda o: o.studied,
               align=RIGHT, width=54),
        Column("remaining", _("Còn lại"), lambda o: format_int(o.remaining), sort=lambda o: o.remaining,
               align=RIGHT, width=54),
        Column("percent", _("Tỷ lệ"), lambda o: format_ratio(o.studied, o.members),
               sort=lambda o: o.percent or 0, align=RIGHT, width=46),
    ]


class BehindModel(RowCacheModel):
    def row_id(self, row) -> int:
        return row.body_id


class FiguresPart:
    """The figures panel and the report."""

    figures: StudyFigures | None = None

    def _build_figures(self) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(4, 0, 0, 0)
        self.figures_label = QLabel(box)
        self.figures_label.setObjectName("figures")
        self.figures_label.setTextFormat(Qt.TextFormat.RichText)
        self.figures_label.setWordWrap(True)
        self.figures_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.figures_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.figures_label)
        self.behind_title = QLabel(box)
        self.behind_title.setStyleSheet("font-weight: bold;")
        layout.addWidget(self.behind_title)
        self.behind_model = BehindModel(behind_columns(), self)
        self.behind = plain_table(box, self.behind_model)
        self.behind.setObjectName("behind")
        self.behind.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.behind.setSortingEnabled(True)
        self.behind.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.behind.doubleClicked.connect(lambda _i: self.edit_member_count(from_figures=True))
        self.behind.setToolTip(_("Nhấn đúp một tổ chức để sửa số đảng viên"))
        layout.addWidget(self.behind, 1)
        row = QHBoxLayout()
        self.behind_members = QPushButton(_("Sửa số đảng viên…"), box)
        self.behind_members.clicked.connect(lambda: self.edit_member_count(from_figures=True))
        self.export_button = QPushButton(_("Xuất báo cáo Word…"), box)
        self.export_button.setObjectName("export-study")
        self.export_button.clicked.connect(self.export_report)
        row.addWidget(self.behind_members)
        row.addStretch(1)
        row.addWidget(self.export_button)
        layout.addLayout(row)
        return box

    def _as_of_changed(self, day: date) -> None:
        self.as_of.setDate(to_qdate(day))

    def refresh_figures(self) -> None:
        if self._loading:
            return
        doc = self.resolution.current_id()
        self.figures = None
        if doc is not None:
            try:
                self.figures = study_figures(self.ctx.db, doc, from_qdate(self.as_of.date()), self.scope.current_id())
            except NqdeskError as exc:
                self.figures_label.setText(str(exc))
        f = self.figures
        self.behind_model.set_rows(f.behind if f else [])
        self.export_button.setEnabled(f is not None)
        if f is None:
            if doc is None:
                self.figures_label.setText(_("Chưa có nghị quyết nào."))
            self.behind_title.setText("")
            return
        self.figures_label.setText(figures_html(f))
        self.behind_title.setText(_("Tổ chức chưa học tập đủ 100% ({n})").format(n=format_int(len(f.behind))))

    def export_report(self):
        """"Xuất báo cáo Word…": the study report of the resolution as of the day."""
        from ...export.study_docx import export_study_report
        from ..export_dialog import run_word_export

        f = self.figures
        if f is None:
            return None
        day = from_qdate(self.as_of.date())
        name = "Bao-cao-hoc-tap-" + "".join(c if c.isalnum() else "-" for c in f.symbol) + f"-{day:%Y%m%d}.docx"
        return run_word_export(
            self, title=_("Xuất báo cáo Word"), default_name=name, default_profile="hd36",
            write=lambda target, profile: export_study_report(self.ctx.db, f.document_id, day, target,
                                                              scope_body_id=f.scope_id, profile=profile))


def figures_html(f: StudyFigures) -> str:
    """The figures panel as the report words them."""
    levels = ", ".join(f"{_(study_ops.BRIDGE_POINT_LEVEL_LABELS.get(k, k))}: {format_int(v)}"
                       for k, v in f.bridge_points_by_level.items())
    rows = [
        (_("Điểm cầu"), format_int(f.bridge_points) + (f" ({levels})" if levels else "")),
        (_("Người dự"), _("{total} ({members} đảng viên, {non} quần chúng ưu tú)").format(
            total=format_int(f.attendees_total), members=format_int(f.attendees_members),
            non=format_int(f.attendees_non_members))),
        (_("Tổ chức đảng có người dự"), _("{x}/{y} ({pct})").format(
            x=format_int(f.organisations_represented), y=format_int(f.organisations_total),
            pct=f.organisations_percent_text or "—")),
        (_("Đảng viên đã học tập"), _("{x}/{y} ({pct})").format(
            x=format_int(f.members_studied), y=format_int(f.members_total), pct=f.members_percent_text or "—")),
        (_("trong đó học bù"), format_int(f.members_studied_makeup)),
        (_("Đảng viên chưa học tập"), format_int(f.members_remaining)),
    ]
    head = _("Nghị quyết {symbol} — {scope}, tính đến {day}").format(
        symbol=f.symbol, scope=f.scope_name or _("(chưa xác định phạm vi)"), day=format_date(f.as_of))
    body = "".join(f"<tr><td style='padding-right:10px;color:#444;white-space:nowrap'>{label}</td>"
                   f"<td><b>{value}</b></td></tr>"
                   for label, value in rows)
    warning = ""
    if f.without_member_count:
        warning = ("<p style='color:#c62828'>" + _(
            "Chưa có số đảng viên của {n} tổ chức ({names}): số đã học của các tổ chức này chưa được tính. "
            "Hãy nhập số đảng viên (nút «Số đảng viên…»).").format(
            n=format_int(len(f.without_member_count)), names=", ".join(f.without_member_count[:5])
            + ("…" if len(f.without_member_count) > 5 else "")) + "</p>")
    return f"<p><b>{head}</b></p><table>{body}</table>{warning}"
