"""Export of a list as shown (export/table_export.py): Excel and Word."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from docx import Document as DocxDocument
from docx.oxml.ns import qn
from openpyxl import load_workbook

from desktop_app.export.program_docx import ExportError
from desktop_app.export.table_export import cell_text, write_table_docx, write_table_xlsx

HEADERS = ["Nội dung nhiệm vụ", "Cơ quan chủ trì", "Hạn", "Tiến độ"]
ROWS = [
    ["Tổ chức quán triệt Nghị quyết số 42-NQ/TW", "Ban Tuyên giáo Tỉnh ủy", date(2024, 3, 31), 40],
    ["=SUM(A1:A2) không phải công thức", "Đảng ủy Khối các cơ quan tỉnh", None, None],
    ["Xây dựng Đề án\x07 phát triển đội ngũ trí thức", "Văn phòng Tỉnh ủy", date(2024, 12, 31), 100],
]


def test_xlsx_header_dates_filter_and_order(tmp_path):
    path = write_table_xlsx(tmp_path / "ds", "Nhiệm vụ: quá hạn", HEADERS, ROWS, widths=[30, 30, 12, 8],
                            subtitle="Tính đến ngày 01/07/2024")
    assert path == tmp_path / "ds.xlsx" and path.exists()
    sheet = load_workbook(path).active
    assert sheet.title == "Nhiệm vụ- quá hạn"  # ":" is not allowed in a sheet name
    assert sheet["A1"].value == "Nhiệm vụ: quá hạn" and sheet["A2"].value == "Tính đến ngày 01/07/2024"
    assert [c.value for c in sheet[3]] == HEADERS
    assert all(c.font.bold for c in sheet[3])
    assert sheet.freeze_panes == "A4"
    assert sheet.auto_filter.ref == "A3:D6"
    assert sheet["A4"].value == ROWS[0][0]
    assert sheet["C4"].value == datetime(2024, 3, 31) and sheet["C4"].number_format == "dd/mm/yyyy"
    assert sheet["D4"].value == 40
    assert sheet["A5"].value == ROWS[1][0] and sheet["A5"].data_type == "s"  # text, not a formula
    assert sheet["C5"].value is None
    assert sheet["A6"].value == "Xây dựng Đề án phát triển đội ngũ trí thức"  # control character dropped
    assert sheet.column_dimensions["A"].width == 30
    assert sheet["A4"].alignment.wrap_text  # longer than its column: wrapped
    assert not sheet["B4"].alignment.wrap_text


def test_docx_landscape_table_with_repeated_header(tmp_path):
    path = write_table_docx(tmp_path / "ds.docx", "DANH SÁCH NHIỆM VỤ", HEADERS, ROWS,
                            subtitle="Tính đến ngày 01/07/2024")
    doc = DocxDocument(str(path))
    section = doc.sections[0]
    assert section.page_width > section.page_height
    texts = [p.text for p in doc.paragraphs]
    assert "DANH SÁCH NHIỆM VỤ" in texts and "Tính đến ngày 01/07/2024" in texts
    table = doc.tables[0]
    cells = [[c.text for c in row.cells] for row in table.rows]
    assert cells[0] == HEADERS
    assert cells[1] == [ROWS[0][0], ROWS[0][1], "31/03/2024", "40"]
    assert cells[2][2:] == ["", ""]
    assert cells[3][0] == "Xây dựng Đề án phát triển đội ngũ trí thức"
    first_row = table.rows[0]._tr
    assert first_row.trPr is not None and first_row.trPr.find(qn("w:tblHeader")) is not None
    fonts = {r.get(qn("w:ascii")) for r in doc.element.body.iter(qn("w:rFonts"))}
    assert fonts == {"Times New Roman"}


def test_empty_list_and_wrong_shapes(tmp_path):
    path = write_table_xlsx(tmp_path / "empty.xlsx", "Trống", HEADERS, [])
    assert [c.value for c in load_workbook(path).active[3]] == HEADERS
    assert len(DocxDocument(str(write_table_docx(tmp_path / "empty.docx", "Trống", HEADERS, []))).tables[0].rows) == 1
    with pytest.raises(ExportError, match="không có cột"):
        write_table_xlsx(tmp_path / "x.xlsx", "x", [], [])
    with pytest.raises(ExportError, match="Hàng 1"):
        write_table_docx(tmp_path / "x.docx", "x", HEADERS, [["a"]])
    with pytest.raises(ExportError, match="Không có thư mục"):
        write_table_xlsx(tmp_path / "missing" / "x.xlsx", "x", HEADERS, ROWS)


def test_cell_text():
    assert cell_text(date(2024, 2, 5)) == "05/02/2024"
    assert cell_text(None) == "" and cell_text(7) == "7"


def test_docx_renders_landscape_with_header_on_every_page(tmp_path):
    """The Word list as LibreOffice prints it (PNG under test-artifacts/ to look at)."""
    from pathlib import Path

    from desktop_app.export import pdf as pdf_export

    if not (pdf_export.find_soffice() and all(pdf_export.shutil.which(t) for t in ("pdftotext", "pdftoppm"))):
        import os

        if os.environ.get("CI") == "true":
            pytest.fail("CI must render the Word exports but LibreOffice/poppler-utils are missing.")
        pytest.skip("LibreOffice or poppler-utils not installed.")
    rows = [[f"Nhiệm vụ số {n}: xây dựng kế hoạch tuyên truyền, quán triệt Nghị quyết số 42-NQ/TW "
             "đến cán bộ, đảng viên và các tầng lớp nhân dân", "Ban Tuyên giáo Tỉnh ủy", date(2024, 6, 30), n]
            for n in range(1, 61)]
    path = write_table_docx(tmp_path / "list.docx", "DANH SÁCH NHIỆM VỤ", HEADERS, rows,
                            subtitle="Tính đến ngày 01/07/2024; Chưa hoàn thành")
    pdf = pdf_export.convert_to_pdf(path)
    pages = pdf_export.pdf_text(pdf).split("\f")
    pages = [p for p in pages if p.strip()]
    assert len(pages) >= 2
    for page in pages:  # the header row repeats on every page
        assert "Cơ quan chủ trì" in page
    import unicodedata

    flat = " ".join(unicodedata.normalize("NFC", pdf_export.pdf_text(pdf)).split())
    assert "Nhiệm vụ số 60" in flat and "30/06/2024" in flat
    artifacts = Path(__file__).resolve().parents[2] / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    pdf_export.pdf_page_png(pdf, 2, artifacts / "table-list-page2", dpi=60)


def test_a_percentage_is_a_percentage_in_excel_and_in_text(tmp_path):
    from desktop_app.core.numbers import Percent

    rows = [["Việc một", Percent(40)], ["Việc hai", Percent(100)], ["Việc ba", None]]
    sheet = load_workbook(write_table_xlsx(tmp_path / "ds", "Nhiệm vụ", ["Nội dung", "Tiến độ"], rows)).active
    assert sheet["B4"].value == 0.4 and sheet["B4"].number_format == "0%"
    assert sheet["B5"].value == 1 and sheet["B5"].number_format == "0%"
    assert sheet["B6"].value is None
    assert cell_text(Percent(40)) == "40%" and cell_text(Percent(0)) == "0%"
