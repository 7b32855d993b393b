"""Documents in real layouts, made with python-docx and openpyxl, with the tasks each must
give: another province's programme (TT, "Nội dung công việc", a column-number row, Roman
and letter groups merged across, a lead merged over two rows, bodies abbreviated and
several per cell, the table split in two with its header repeated) and an Excel tracking
sheet (two title rows, a merged two-row header, progress columns).
"""

from __future__ import annotations

from datetime import date, datetime

import docx
import openpyxl
from docx.shared import Pt

from desktop_app.ops.bodies import create_body

# name, short name, code
PROVINCE_BODIES = [
    ("Tỉnh ủy Hà Giang", "Tỉnh ủy", "TU"),
    ("Ban Tuyên giáo Tỉnh ủy", "Ban Tuyên giáo", "BTGTU"),
    ("Ban Tổ chức Tỉnh ủy", "Ban Tổ chức", "BTCTU"),
    ("Ủy ban nhân dân tỉnh Hà Giang", "UBND tỉnh", "UBND"),
    ("Sở Lao động - Thương binh và Xã hội", "", "SLĐTBXH"),
    ("Sở Giáo dục và Đào tạo", "", "SGDĐT"),
    ("Sở Nội vụ", "", "SNV"),
    ("Sở Tài chính", "", "STC"),
    ("Sở Kế hoạch và Đầu tư", "", "SKHĐT"),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Ủy ban MTTQ tỉnh", "UBMTTQ"),
    ("Công an tỉnh", "", "CAT"),
]


def add_province_bodies(db) -> dict[str, int]:
    """The bodies, by code → id."""
    ids = {}
    for name, short, code in PROVINCE_BODIES:
        changes = create_body(db, name, short_name=short, code=code)
        ids[code] = changes.entity_id
    return ids


# The tasks the province's document holds, as they must come out:
# (group, content, lead code, coordinator codes, collective note, product, deadline text, kind, due date)
PROVINCE_TASKS = [
    ("Công tác tuyên truyền, quán triệt", "Tổ chức quán triệt Kết luận đến cán bộ, đảng viên.", "BTGTU",
     ["BTCTU"], "Phối hợp: các sở, ngành liên quan", "Kế hoạch", "Quý II/2025", "quarter", date(2025, 6, 30)),
    ("Công tác tuyên truyền, quán triệt", "Tuyên truyền trên báo chí, hệ thống thông tin cơ sở.", "BTGTU",
     ["SGDĐT", "SNV"], "", "Báo cáo", "Thường xuyên", "continuous", None),
    ("Chính sách xã hội – Lao động, việc làm", "Rà soát, bổ sung chính sách hỗ trợ việc làm cho lao động nông thôn.",
     "SLĐTBXH", ["STC", "SKHĐT"], "", "Đề án", "Năm 2025", "year", date(2025, 12, 31)),
    ("Chính sách xã hội – Lao động, việc làm", "Xây dựng kế hoạch đào tạo nghề giai đoạn mới.",
     "SLĐTBXH", ["UBMTTQ"], "", "Kế hoạch", "Tháng 06/2025", "month", date(2025, 6, 30)),
    ("Chính sách xã hội – Giáo dục", "Hỗ trợ học sinh dân tộc thiểu số vùng đặc biệt khó khăn.", "UBND",
     ["SGDĐT", "STC"], "", "Nghị quyết", "Giai đoạn 2025 - 2026", "period", date(2026, 12, 31)),
    ("Chính sách xã hội – Giáo dục", "Bảo đảm an ninh trật tự tại các cơ sở giáo dục.", "CAT",
     ["SGDĐT"], "Phối hợp: UBND các huyện, thành phố", "Báo cáo", "Trước ngày 30/09/2025", "date",
     date(2025, 9, 30)),
]


def _merge_text(cell, text: str, bold: bool = False) -> None:
    cell.text = ""
    run = cell.paragraphs[0].add_run(text)
    run.bold = bold


def province_docx(path) -> None:
    d = docx.Document()
    head = d.add_table(rows=2, cols=2)
    left = head.cell(0, 0)
    left.text = "ĐẢNG BỘ TỈNH HÀ GIANG"
    left.add_paragraph("TỈNH ỦY")
    left.add_paragraph("*")
    head.cell(0, 1).text = "ĐẢNG CỘNG SẢN VIỆT NAM"
    head.cell(1, 0).text = "Số 27 - KH/TU"
    head.cell(1, 1).text = "Hà Giang, ngày 05 tháng 3 năm 2025"
    p = d.add_paragraph()
    p.add_run("KẾ HOẠCH").bold = True
    p = d.add_paragraph()
    p.add_run("thực hiện Kết luận số 69-KL/TW, ngày 15/01/2025 của Bộ Chính trị về chính sách xã hội").bold = True
    d.add_paragraph("-----")
    d.add_paragraph("Thực hiện Kết luận số 69-KL/TW, Ban Thường vụ Tỉnh ủy xây dựng Kế hoạch như sau:")
    d.add_paragraph("I. MỤC ĐÍCH, YÊU CẦU").runs[0].bold = True
    d.add_paragraph("Quán triệt sâu sắc nội dung Kết luận.")
    d.add_paragraph("II. NHIỆM VỤ, GIẢI PHÁP").runs[0].bold = True
    d.add_paragraph("Thực hiện các nhiệm vụ tại Phụ lục.")
    d.add_paragraph("III. TỔ CHỨC THỰC HIỆN").runs[0].bold = True
    d.add_paragraph("Văn phòng Tỉnh ủy theo dõi, đôn đốc./.")
    d.add_paragraph("PHỤ LỤC")

    titles = ["TT", "Nội dung công việc", "Cơ quan chủ trì thực hiện", "Đơn vị phối hợp", "Sản phẩm",
              "Thời hạn", "Ghi chú"]
    # Part 1 of the table (a page break follows): header, column numbers, group I, sub-group A.
    t1 = d.add_table(rows=0, cols=7)
    for row in (titles, [f"({n})" for n in range(1, 8)]):
        cells = t1.add_row().cells
        for c, text in zip(cells, row):
            c.text = text
    r = t1.add_row().cells
    r[0].text = "I"
    merged = r[1].merge(r[6])
    _merge_text(merged, "CÔNG TÁC TUYÊN TRUYỀN, QUÁN TRIỆT", bold=True)
    rows = [
        ["1", "Tổ chức quán triệt Kết luận đến cán bộ, đảng viên.", "BTGTU", "Ban Tổ chức Tỉnh ủy, các sở, ngành liên quan",
         "Kế hoạch", "Quý II/2025", ""],
        ["2", "Tuyên truyền trên báo chí, hệ thống thông tin cơ sở.", "", "Sở GD&ĐT;\nSở Nội vụ", "Báo cáo",
         "Thường xuyên", ""],
    ]
    first = None
    for values in rows:
        cells = t1.add_row().cells
        for c, text in zip(cells, values):
            c.text = text
        first = first or cells
    # The lead "Ban Tuyên giáo" is written once for both tasks (merged down).
    lead = t1.rows[3].cells[2].merge(t1.rows[4].cells[2])
    lead.text = "Ban Tuyên giáo"
    # Part 2: the header repeated, group II with letter sub-groups.
    t2 = d.add_table(rows=0, cols=7)
    for c, text in zip(t2.add_row().cells, titles):
        c.text = text
    r = t2.add_row().cells
    r[0].text = "II"
    _merge_text(r[1].merge(r[6]), "Chính sách xã hội", bold=True)
    r = t2.add_row().cells
    r[0].text = "A"
    _merge_text(r[1], "Lao động, việc làm", bold=True)
    more = [
        ["1", "Rà soát, bổ sung chính sách hỗ trợ việc làm cho lao động nông thôn.", "Sở LĐ-TB&XH",
         "Sở Tài chính, Sở KH&ĐT", "Đề án", "Năm 2025", ""],
        ["2", "Xây dựng kế hoạch đào tạo nghề giai đoạn mới.", "Sở Lao động, Thương binh và Xã hội",
         "Ủy ban MTTQ tỉnh", "Kế hoạch", "tháng 6/2025", ""],
        ["B", "Giáo dục", "", "", "", "", ""],
        ["1", "Hỗ trợ học sinh dân tộc thiểu số vùng đặc biệt khó khăn.", "UBND tỉnh", "Sở GD&ĐT, Sở Tài chính",
         "Nghị quyết", "Giai đoạn 2025-2026", ""],
        ["2", "Bảo đảm an ninh trật tự tại các cơ sở giáo dục.", "Công an tỉnh",
         "Sở Giáo dục và Đào tạo, UBND các huyện, thành phố", "Báo cáo", "trước 30/9/2025", ""],
    ]
    for values in more:
        cells = t2.add_row().cells
        for c, text in zip(cells, values):
            c.text = text
    for cell in t2.rows[-3].cells[:2]:
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for p in d.paragraphs:
        for run in p.runs:
            run.font.size = Pt(13)
    d.save(str(path))


# Excel: (group, content, lead code, coordinator codes, deadline text, kind, due, progress)
SHEET_TASKS = [
    ("Tuyên truyền", "Quán triệt Nghị quyết đến cán bộ chủ chốt.", "BTGTU", ["BTCTU"], "Quý I/2025", "quarter",
     date(2025, 3, 31), (100, True, date(2025, 3, 20), "Đã hoàn thành quán triệt.")),
    ("Tuyên truyền", "Biên soạn tài liệu tuyên truyền.", "BTGTU", [], "Tháng 09/2025", "month",
     date(2025, 9, 30), (50, False, date(2025, 6, 30), "Đang biên soạn.")),
    ("Tổ chức thực hiện", "Xây dựng đề án vị trí việc làm.", "SNV", ["STC", "UBND"], "Năm 2025", "year",
     date(2025, 12, 31), None),
]


def tracking_xlsx(path, *, as_of: date = date(2025, 6, 30)) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Theo dõi"
    ws["A1"] = "BẢNG THEO DÕI TIẾN ĐỘ THỰC HIỆN"
    ws.merge_cells("A1:I1")
    ws["A2"] = "Chương trình hành động số 27-KH/TU của Tỉnh ủy"
    ws.merge_cells("A2:I2")
    # the two-row header
    for col, title in (("A", "STT"), ("B", "Nhiệm vụ"), ("E", "Thời gian hoàn thành"), ("I", "Ghi chú")):
        ws[f"{col}3"] = title
        ws.merge_cells(f"{col}3:{col}4")
    ws["C3"] = "Cơ quan thực hiện"
    ws.merge_cells("C3:D3")
    ws["C4"], ws["D4"] = "Chủ trì", "Phối hợp"
    ws["F3"] = "Kết quả thực hiện"
    ws.merge_cells("F3:H3")
    ws["F4"], ws["G4"], ws["H4"] = "Tỷ lệ (%)", "Ngày hoàn thành", "Nội dung kết quả"
    ws.append(["I", "Tuyên truyền"])
    ws.merge_cells("B5:I5")
    ws["B5"].font = openpyxl.styles.Font(bold=True)
    ws.append([1, SHEET_TASKS[0][1], "Ban Tuyên giáo Tỉnh ủy", "Ban Tổ chức", "Quý I/2025", 1.0,
               datetime(2025, 3, 20), "Đã hoàn thành quán triệt.", None])
    ws.append([2, SHEET_TASKS[1][1], "BTGTU", None, "Tháng 9/2025", "50%", None, "Đang biên soạn.", None])
    ws["F6"].number_format = "0%"
    ws.append(["II", "Tổ chức thực hiện"])
    ws.merge_cells("B8:I8")
    ws.append([1, SHEET_TASKS[2][1], "Sở Nội vụ", "Sở Tài chính; UBND tỉnh", "năm 2025", None, None, None, None])
    wb.save(str(path))
