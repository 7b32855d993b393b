"""The tracking table as an Excel workbook (openpyxl), for the period report.

Sheet "Theo dõi": a title row, a subtitle, then the header row (bold, wrapped, frozen,
with an autofilter) and one row per task: programme, group, content, lead body,
coordinating bodies, product, deadline as written, due date and completion date (real
Excel dates shown dd/mm/yyyy), status (Vietnamese label, cell filled with the status
colour of ``core.status.STATUS_COLOURS``), latest percent (a number), its date, evidence
and note.

Sheet "Tổng hợp": the dashboard figures on the last day of the period, overall and per
lead body (the same numbers as the Word report and ``nqdesk stats --json``), and what
happened in the period.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from ..core.dates import format_date
from ..core.status import STATUS_COLOURS, STATUS_LABELS, TaskStatus
from ..core.text import clean_control, nfc
from ..reports.periodic import PeriodicReportData, periodic_report_data
from ..reports.progress import EXTRA_KEYS, FIGURE_KEYS, FIGURE_LABELS
from ..store.db import Database
from .report_docx import BODY_COLUMNS, ReportError, check_period  # noqa: F401 (ReportError: raised from here too)
from .results import ExportResult, save_atomically
from .tracking_data import program_refs
from .xlsx_text import put

__all__ = ["TRACKING_SHEET", "SUMMARY_SHEET", "TRACKING_COLUMNS", "DATE_FORMAT", "build_report_workbook",
           "export_report_xlsx"]

TRACKING_SHEET = "Theo dõi"  # document text
SUMMARY_SHEET = "Tổng hợp"  # document text
DATE_FORMAT = "dd/mm/yyyy"
HEADER_ROW = 4  # rows 1-2: title and subtitle, 3: empty
# (header, width in characters)
TRACKING_COLUMNS: tuple[tuple[str, float], ...] = (  # document text
    ("STT", 6), ("Chương trình", 22), ("Nhóm nhiệm vụ", 24), ("Nội dung nhiệm vụ", 60), ("Cơ quan chủ trì", 24),
    ("Cơ quan phối hợp", 24), ("Sản phẩm", 14), ("Thời hạn", 16), ("Hạn hoàn thành", 13), ("Tình trạng", 20),
    ("Tiến độ (%)", 10), ("Ngày báo cáo gần nhất", 13), ("Ngày hoàn thành", 13), ("Văn bản báo cáo", 24),
    ("Nội dung báo cáo gần nhất", 50),
)

_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
_DARK = {TaskStatus.DONE_ON_TIME, TaskStatus.IN_PROGRESS, TaskStatus.DONE_LATE, TaskStatus.OVERDUE,
         TaskStatus.NOT_STARTED}  # fills dark enough for white text


def _text(value) -> str:
    """Cell text: NFC, no control characters (openpyxl refuses them)."""
    return nfc(clean_control(value or ""))


def _fill(status: TaskStatus) -> PatternFill:
    return PatternFill("solid", fgColor=STATUS_COLOURS[status].lstrip("#").upper())


def build_report_workbook(db: Database | None, date_from: date, date_to: date, *,  # document text
                          program_ids: list[int] | None = None, data: PeriodicReportData | None = None) -> Workbook:
    """The workbook for *date_from*–*date_to*; *data*: already gathered by
    :func:`desktop_app.reports.periodic.periodic_report_data` (the Word report made from it too)."""
    check_period(date_from, date_to)
    if data is None:
        data = periodic_report_data(db, date_from, date_to, program_ids=program_ids)
    rows, board, activity, latest = data.rows, data.board, data.activity, data.latest
    refs = program_refs(data.programs)
    period = f"Kỳ báo cáo từ ngày {format_date(date_from)} đến ngày {format_date(date_to)}"

    wb = Workbook()
    ws = wb.active
    ws.title = TRACKING_SHEET
    put(ws, 1, 1, "BẢNG THEO DÕI TÌNH HÌNH THỰC HIỆN NHIỆM VỤ").font = Font(bold=True, size=14)
    put(ws, 2, 1, f"{period}; tình trạng tính đến ngày {format_date(date_to)}").font = Font(italic=True)
    for col, (title, width) in enumerate(TRACKING_COLUMNS, start=1):
        cell = put(ws, HEADER_ROW, col, title)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.border = _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.row_dimensions[HEADER_ROW].height = 32
    wrap = Alignment(vertical="top", wrap_text=True)
    centre = Alignment(horizontal="center", vertical="top", wrap_text=True)
    for i, row in enumerate(rows, start=1):
        entry = latest.get(row.id)
        ref = refs.get(row.program_id)
        values = [
            i, _text(ref.short if ref else row.program_label), _text(row.group_title), _text(row.content),
            _text(row.lead_body_name), _text(row.coordinating_bodies), _text(row.product), _text(row.deadline_text),
            row.due_date, STATUS_LABELS[row.status],
            entry.percent if entry is not None and entry.percent is not None else (100 if entry and entry.completed
                                                                                  else None),
            entry.reported_on if entry is not None else None, row.completed_on,
            _text(entry.evidence) if entry is not None else "", _text(entry.note) if entry is not None else "",
        ]
        r = HEADER_ROW + i
        for col, value in enumerate(values, start=1):
            cell = put(ws, r, col, value)
            cell.border = _BORDER
            cell.alignment = centre if col in (1, 8, 9, 10, 11, 12, 13) else wrap
            if isinstance(value, date):
                cell.number_format = DATE_FORMAT
        status_cell = ws.cell(r, 10)
        status_cell.fill = _fill(row.status)
        status_cell.font = Font(color="FFFFFF" if row.status in _DARK else "000000", bold=True)
    last = HEADER_ROW + len(rows)
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 1)
    ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(TRACKING_COLUMNS))}{max(last, HEADER_ROW)}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True

    # the summary
    sm = wb.create_sheet(SUMMARY_SHEET)
    put(sm, 1, 1, "TỔNG HỢP KẾT QUẢ THỰC HIỆN NHIỆM VỤ").font = Font(bold=True, size=14)
    put(sm, 2, 1, f"{period}; số liệu tính đến ngày {format_date(date_to)}").font = Font(italic=True)
    put(sm, 4, 1, "Chỉ tiêu").font = Font(bold=True)
    put(sm, 4, 2, "Số nhiệm vụ").font = Font(bold=True)
    put(sm, 4, 3, "Tỷ lệ").font = Font(bold=True)
    values = board.overall.as_dict()
    r = 5
    for key in FIGURE_KEYS + EXTRA_KEYS:
        put(sm, r, 1, FIGURE_LABELS[key])
        put(sm, r, 2, values[key])
        if key != "assigned" and board.overall.assigned:
            ratio = put(sm, r, 3, values[key] / board.overall.assigned)
            ratio.number_format = "0.0%"
        r += 1
    for label, value in (("Hoàn thành trong kỳ", activity.completed), ("Trong đó đúng hạn", activity.completed_on_time),
                         ("Báo cáo tiến độ nhận trong kỳ", activity.reports),
                         ("Số nhiệm vụ có báo cáo trong kỳ", activity.tasks_reported)):
        put(sm, r, 1, label)
        put(sm, r, 2, value)
        r += 1
    r += 1
    body_header = r
    headers = ["Cơ quan chủ trì"] + [FIGURE_LABELS[key] for key, _ in BODY_COLUMNS]
    for col, title in enumerate(headers, start=1):
        cell = put(sm, r, col, title)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = _BORDER
    for body in board.by_body:
        r += 1
        figures = body.figures.as_dict()
        for col, value in enumerate([_text(body.name)] + [figures[key] for key, _ in BODY_COLUMNS], start=1):
            put(sm, r, col, value).border = _BORDER
    sm.column_dimensions["A"].width = 46
    for col in range(2, len(headers) + 1):
        sm.column_dimensions[get_column_letter(col)].width = 14
    sm.row_dimensions[body_header].height = 45
    return wb


def export_report_xlsx(db: Database, date_from: date, date_to: date, path: str | os.PathLike, *,
                       program_ids: list[int] | None = None,
                       data: PeriodicReportData | None = None) -> ExportResult:
    """Write the tracking workbook to *path* (.xlsx), atomically."""
    wb = build_report_workbook(db, date_from, date_to, program_ids=program_ids, data=data)
    target = Path(path)
    save_atomically(wb, target)  # a Workbook saves like a Document
    return ExportResult(target, [])
