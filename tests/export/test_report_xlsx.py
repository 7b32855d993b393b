"""The Excel tracking workbook, read back with openpyxl."""

from __future__ import annotations

from datetime import date, datetime

import openpyxl
import pytest

from desktop_app.core.status import STATUS_COLOURS, STATUS_LABELS
from desktop_app.export.program_docx import ExportError
from desktop_app.export.report_docx import BODY_COLUMNS, ReportError
from desktop_app.export.report_xlsx import (
    DATE_FORMAT, SUMMARY_SHEET, TRACKING_COLUMNS, TRACKING_SHEET, export_report_xlsx,
)
from desktop_app.reports.progress import EXTRA_KEYS, FIGURE_KEYS, FIGURE_LABELS, dashboard, latest_entries
from desktop_app.reports.tasks import list_tasks

AS_OF = date(2024, 7, 1)
HEADER = 4


@pytest.fixture
def workbook(demo_db, tmp_path):
    result = export_report_xlsx(demo_db, date(2024, 1, 1), AS_OF, tmp_path / "theo-doi.xlsx")
    assert result.path.exists() and result.warnings == []
    return openpyxl.load_workbook(result.path)


def _day(value) -> date:
    return value.date() if isinstance(value, datetime) else value


def test_tracking_sheet_rows_match_the_task_list(demo_db, workbook):
    ws = workbook[TRACKING_SHEET]
    assert workbook.sheetnames == [TRACKING_SHEET, SUMMARY_SHEET]
    assert ws["A1"].value == "BẢNG THEO DÕI TÌNH HÌNH THỰC HIỆN NHIỆM VỤ" and ws["A1"].font.bold
    assert "01/01/2024" in ws["A2"].value and "01/07/2024" in ws["A2"].value
    headers = [c.value for c in ws[HEADER]]
    assert headers == [title for title, _ in TRACKING_COLUMNS]
    assert all(c.font.bold and c.alignment.wrap_text for c in ws[HEADER])
    assert ws.freeze_panes == f"A{HEADER + 1}"
    assert ws.auto_filter.ref.startswith(f"A{HEADER}:")
    assert ws.column_dimensions["D"].width == 60  # the content column is wide
    rows = list_tasks(demo_db, AS_OF, with_coordinators=True)
    latest = latest_entries(demo_db, [r.id for r in rows], AS_OF)
    assert ws.max_row == HEADER + len(rows)
    column = {title: i for i, (title, _) in enumerate(TRACKING_COLUMNS)}
    for i, row in enumerate(rows, start=1):
        cells = ws[HEADER + i]
        assert cells[column["STT"]].value == i
        assert cells[column["Nội dung nhiệm vụ"]].value == row.content
        assert cells[column["Cơ quan chủ trì"]].value == (row.lead_body_name or None)
        status = cells[column["Tình trạng"]]
        assert status.value == STATUS_LABELS[row.status]
        assert status.fill.fgColor.rgb[-6:] == STATUS_COLOURS[row.status].lstrip("#").upper()
        due = cells[column["Hạn hoàn thành"]]
        if row.due_date is None:
            assert due.value is None
        else:
            assert _day(due.value) == row.due_date and due.number_format == DATE_FORMAT
        entry = latest.get(row.id)
        percent = cells[column["Tiến độ (%)"]].value
        reported = cells[column["Ngày báo cáo gần nhất"]]
        if entry is None:
            assert percent is None and reported.value is None
        else:
            assert isinstance(percent, int) and percent == (entry.percent if entry.percent is not None else 100)
            assert _day(reported.value) == entry.reported_on and reported.number_format == DATE_FORMAT
            assert (cells[column["Văn bản báo cáo"]].value or "") == entry.evidence
        done = cells[column["Ngày hoàn thành"]].value
        assert (_day(done) if done else None) == row.completed_on


def test_summary_sheet_holds_the_dashboard_figures(demo_db, workbook):
    sm = workbook[SUMMARY_SHEET]
    board = dashboard(demo_db, AS_OF)
    values = {sm.cell(r, 1).value: sm.cell(r, 2).value for r in range(5, 5 + len(FIGURE_KEYS + EXTRA_KEYS))}
    assert values == {FIGURE_LABELS[k]: v for k, v in board.overall.as_dict().items()}
    due_row = 5 + FIGURE_KEYS.index("due")
    assert sm.cell(due_row, 3).value == pytest.approx(board.overall.due / board.overall.assigned)
    assert sm.cell(due_row, 3).number_format == "0.0%"
    header = next(r for r in range(1, sm.max_row + 1) if sm.cell(r, 1).value == "Cơ quan chủ trì")
    by_body = {}
    for r in range(header + 1, sm.max_row + 1):
        by_body[sm.cell(r, 1).value] = [sm.cell(r, c).value for c in range(2, 2 + len(BODY_COLUMNS))]
    assert by_body == {b.name: [b.figures.as_dict()[k] for k, _ in BODY_COLUMNS] for b in board.by_body}


def test_workbook_for_one_programme_and_bad_period(demo_db, tmp_path):
    rows = list_tasks(demo_db, AS_OF)
    program_id = rows[0].program_id
    result = export_report_xlsx(demo_db, date(2024, 1, 1), AS_OF, tmp_path / "mot.xlsx", program_ids=[program_id])
    ws = openpyxl.load_workbook(result.path)[TRACKING_SHEET]
    assert ws.max_row - HEADER == sum(r.program_id == program_id for r in rows)
    with pytest.raises(ReportError, match="sau ngày cuối kỳ"):
        export_report_xlsx(demo_db, AS_OF, date(2024, 1, 1), tmp_path / "x.xlsx")
    assert not (tmp_path / "x.xlsx").exists()
    with pytest.raises(ExportError, match="Không có thư mục"):
        export_report_xlsx(demo_db, date(2024, 1, 1), AS_OF, tmp_path / "khong-co" / "x.xlsx")
