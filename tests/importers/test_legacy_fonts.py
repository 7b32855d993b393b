"""Text typed in the old Vietnamese fonts inside an imported Word or Excel file arrives in
Unicode: the run's (or the style's, or the cell's) font name says how it was encoded."""

from __future__ import annotations

from docx import Document
from openpyxl import Workbook
from openpyxl.styles import Font

from desktop_app.core.legacy_text import unicode_to_tcvn3, unicode_to_vni
from desktop_app.importers.docx_reader import read_docx
from desktop_app.importers.xlsx_reader import read_xlsx

LEAD = "Ban Tuyên giáo và Dân vận Tỉnh ủy"
CONTENT = "Quán triệt, tuyên truyền sâu rộng nghị quyết đến cán bộ, đảng viên"
TITLE = "CHƯƠNG TRÌNH HÀNH ĐỘNG"


def _run(paragraph, text: str, font: str | None):
    run = paragraph.add_run(text)
    if font:
        run.font.name = font
    return run


def test_word_runs_in_tcvn3_vni_and_the_upper_case_font_are_converted(tmp_path):
    doc = Document()
    _run(doc.add_paragraph(), unicode_to_tcvn3(TITLE, upper_case_font=True), ".VnTimeH")
    mixed = doc.add_paragraph()
    _run(mixed, "Số 15-CTr/TU, ", None)  # a Unicode run beside a legacy one stays as it is
    _run(mixed, unicode_to_tcvn3("ngày 05 tháng 3 năm 2024"), ".VnTime")
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).paragraphs[0].add_run("Nội dung")
    table.cell(0, 1).paragraphs[0].add_run("Cơ quan chủ trì")
    _run(table.cell(1, 0).paragraphs[0], unicode_to_vni(CONTENT), "VNI-Times")
    _run(table.cell(1, 1).paragraphs[0], unicode_to_tcvn3(LEAD), ".VnArial")
    path = tmp_path / "legacy.docx"
    doc.save(path)

    read = read_docx(path)
    paragraphs = [b.text for b in read.blocks if b.kind == "p"]
    assert paragraphs[:2] == [TITLE, "Số 15-CTr/TU, ngày 05 tháng 3 năm 2024"]
    [grid] = read.tables
    assert grid.rows[1].cells == [CONTENT, LEAD]


def test_a_document_whose_normal_style_is_vntime_is_converted_run_by_run(tmp_path):
    doc = Document()
    doc.styles["Normal"].font.name = ".VnTime"
    doc.add_paragraph(unicode_to_tcvn3(CONTENT))  # no font of its own: the style's
    unicode_run = doc.add_paragraph().add_run("Đảng ủy Khối")
    unicode_run.font.name = "Times New Roman"  # a Unicode font named on the run wins
    path = tmp_path / "normal-vntime.docx"
    doc.save(path)
    assert [b.text for b in read_docx(path).blocks] == [CONTENT, "Đảng ủy Khối"]


def test_excel_cells_in_legacy_fonts_are_converted_and_others_left_alone(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành"])
    ws.append([1, unicode_to_vni(CONTENT), unicode_to_tcvn3(LEAD), "Quý III/2024"])
    ws.append([2, "Đã là Unicode", "Văn phòng Tỉnh ủy", "Năm 2025"])
    ws["B2"].font = Font(name="VNI-Times")
    ws["C2"].font = Font(name=".VnTime")
    path = tmp_path / "legacy.xlsx"
    wb.save(path)
    tables, _title = read_xlsx(path)
    cells = [row.cells for row in tables[0].rows]
    assert cells[1][1:3] == [CONTENT, LEAD]
    assert cells[2][1:3] == ["Đã là Unicode", "Văn phòng Tỉnh ủy"]
