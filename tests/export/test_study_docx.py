"""The study report (Báo cáo kết quả nghiên cứu, học tập, quán triệt) in Word, read back
with python-docx on the demo data (the seed's round: 64 points, 3.113 attendees, 3.252
members studied = 75% on 31/12/2023; a make-up session on 18/01/2024 → 3.656 = 84%), the
``nqdesk study-report`` command, and the page as LibreOffice prints it."""

from __future__ import annotations

import io
import unicodedata
from dataclasses import replace
from datetime import date

import docx
import pytest
from docx.oxml.ns import qn

from desktop_app.cli import main
from desktop_app.core.numbers import format_int, format_ratio
from desktop_app.export import pdf as pdf_export
from desktop_app.export.docx_common import TextStyle, balance_lines
from desktop_app.export.study_docx import (
    SessionInfo, StudyReportError, build_study_report, count_text, export_study_report, load_study_report_data,
    render_study_report,
)
from desktop_app.ops import documents as document_ops
from desktop_app.ops.fields import DocumentFields
from desktop_app.reports.study import StudyFiguresError, study_figures
from rendering_support import ARTIFACTS, need_tools

END_2023, END_JAN = date(2023, 12, 31), date(2024, 1, 31)
TODAY = date(2024, 2, 5)


def _flat(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _body_paragraphs(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def _cells(table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


@pytest.fixture
def report_2023(demo_db):
    document, warnings = build_study_report(demo_db, "45-NQ/TW", END_2023, today=TODAY)
    return demo_db, document, warnings


def test_counts_below_ten_have_two_digits():
    assert [count_text(n) for n in (0, 1, 9, 10, 63, 3113)] == ["00", "01", "09", "10", "63", "3.113"]


def test_long_header_names_break_into_even_lines():
    style = TextStyle(14, bold=True, upper=True)
    assert balance_lines("Đảng ủy Khối các cơ quan tỉnh", style, 72 * 72 / 25.4) == "Đảng ủy Khối\ncác cơ quan tỉnh"
    assert balance_lines("Tỉnh ủy Lạng Sơn", style, 72 * 72 / 25.4) == "Tỉnh ủy Lạng Sơn"


def test_header_title_and_signature_in_party_format(report_2023):
    _, document, warnings = report_2023
    assert warnings == []
    header, table, signature = document.tables
    left, right = _cells(header)[0]
    assert left.split("\n") == ["ĐẢNG BỘ TỈNH LẠNG SƠN", "ĐẢNG ỦY KHỐI", "CÁC CƠ QUAN TỈNH", "*"]
    assert right.startswith("ĐẢNG CỘNG SẢN VIỆT NAM")
    number, place = _cells(header)[1]
    assert number == "Số      -BC/ĐUK"  # blank number until issued
    assert place == "Lạng Sơn, ngày      tháng      năm 2024"
    paragraphs = _body_paragraphs(document)
    title = paragraphs.index("BÁO CÁO")
    assert paragraphs[title + 1] == ("kết quả nghiên cứu, học tập, quán triệt Nghị quyết số 42-NQ/TW, 43-NQ/TW, "
                                     "44-NQ/TW và 45-NQ/TW, ngày 24/11/2023 của Ban Chấp hành Trung ương Đảng khóa XIII")
    assert paragraphs[title + 2] == "-----"
    headings = [p for p in paragraphs if p[:3] in ("I- ", "II-", "III", "IV-")]
    assert headings == ["I- TÌNH HÌNH TỔ CHỨC NGHIÊN CỨU, HỌC TẬP, QUÁN TRIỆT", "II- KẾT QUẢ",
                        "III- KẾT QUẢ CỦA CÁC TỔ CHỨC CƠ SỞ ĐẢNG", "IV- NHIỆM VỤ TRONG THỜI GIAN TỚI"]
    recipients, signer = _cells(signature)[0]
    assert recipients.split("\n") == ["Nơi nhận:", "- Ban Thường vụ Tỉnh ủy (b/c);", "- Ban Tuyên giáo Tỉnh ủy (b/c);",
                                      "- Các tổ chức cơ sở đảng trực thuộc;", "- Lưu Văn phòng Đảng ủy Khối."]
    assert signer.split("\n")[:2] == ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"]
    assert [p for p in paragraphs if p.strip()][-1].endswith("đơn vị./.")
    # Times New Roman in every run and style, in all four slots
    for rfonts in document.element.iter(qn("w:rFonts")):
        assert {rfonts.get(qn(f"w:{slot}")) for slot in ("ascii", "hAnsi", "cs", "eastAsia")} == {"Times New Roman"}
    xml = document.element.xml
    assert "asciiTheme" not in xml


def test_figures_are_worded_like_the_seed(report_2023):
    _, document, _ = report_2023
    text = _flat("\n".join(_body_paragraphs(document)))
    assert ("Ngày 04/12/2023, Bộ Chính trị, Ban Bí thư tổ chức Hội nghị toàn quốc nghiên cứu, học tập, quán triệt"
            in text)
    assert ("Thực hiện sự chỉ đạo của Ban Thường vụ Tỉnh ủy, Ban Thường vụ Đảng ủy Khối đã mở 01 điểm cầu và chỉ đạo "
            "cấp ủy cơ sở mở 63 điểm cầu tiếp sóng từ điểm cầu tỉnh kết nối hội nghị với sự tham gia của 3.113 đảng "
            "viên, quần chúng ưu tú của Đảng bộ Khối (2.957 đảng viên, 156 quần chúng ưu tú).") in text
    assert "Tổng số điểm cầu: 64 điểm cầu (01 điểm cầu cấp khối và 63 điểm cầu cơ sở)" in text
    assert "100% tổ chức cơ sở đảng (70/70 tổ chức) đã cử cán bộ, đảng viên tham gia các điểm cầu" in text
    assert "toàn Đảng bộ Khối có 3.252 đảng viên (tỷ lệ 75%) được nghiên cứu, học tập" in text
    assert "trên tổng số 4.336 đảng viên; còn 1.084 đảng viên chưa được nghiên cứu, học tập." in text
    assert "Đối với những trường hợp cán bộ, đảng viên chưa được nghiên cứu, học tập" in text
    assert "(còn 1.084 đảng viên tại 70 tổ chức cơ sở đảng), cấp ủy cơ sở có trách nhiệm tổ chức" in text
    assert "học tập bù" not in text  # the make-up session is after the day


def test_table_lists_every_organisation_with_a_total(report_2023):
    db, document, _ = report_2023
    figures = study_figures(db, "45-NQ/TW", END_2023)
    rows = _cells(document.tables[1])
    assert rows[0] == ["STT", "Tổ chức cơ sở đảng", "Số đảng viên", "Đã học tập", "Tỷ lệ", "Chưa học tập"]
    assert len(rows) == 1 + 70 + 1
    for n, (row, line) in enumerate(zip(rows[1:-1], figures.organisations), start=1):
        assert row == [str(n), line.name, format_int(line.members), format_int(line.studied),
                       format_ratio(line.studied, line.members), format_int(line.remaining)]
    assert rows[-1] == ["Tổng cộng", "Tổng cộng", "4.336", "3.252", "75%", "1.084"]  # merged cell spans two columns
    assert sum(int(r[2].replace(".", "")) for r in rows[1:-1]) == 4336
    header_row = document.tables[1].rows[0]._tr
    assert header_row.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None  # repeats on each page


def test_make_up_session_as_of_end_of_january(demo_db):
    document, _ = build_study_report(demo_db, "42-NQ/TW", END_JAN, today=TODAY)
    text = _flat("\n".join(_body_paragraphs(document)))
    assert ("Ngày 18/01/2024, Đảng ủy Khối tổ chức học tập bù Nghị quyết Hội nghị Trung ương 8 khóa XIII cho đảng viên "
            "chưa dự hội nghị; 404 đảng viên đã được nghiên cứu, học tập bù.") in text
    assert "toàn Đảng bộ Khối có 3.656 đảng viên (tỷ lệ 84%)" in text
    assert "trong đó 404 đảng viên học tập bù; còn 680 đảng viên chưa được nghiên cứu, học tập." in text
    assert "(còn 680 đảng viên tại 50 tổ chức cơ sở đảng)" in text
    assert "3.113 đảng viên, quần chúng ưu tú" in text  # attendance of the conference is unchanged
    rows = _cells(document.tables[1])
    assert rows[-1][2:] == ["4.336", "3.656", "84%", "680"]
    assert sum(1 for r in rows[1:-1] if r[4] == "100%") == 20


def test_options_table_of_those_behind_signer_date_and_recipients(demo_db):
    document, _ = build_study_report(
        demo_db, "45-NQ/TW", END_JAN, today=TODAY, organisations="behind", issue_date=date(2024, 2, 5),
        signer_title="BÍ THƯ", signer_name="Nguyễn Văn A", recipients=["Ban Thường vụ Tỉnh ủy (b/c)"])
    rows = _cells(document.tables[1])
    assert len(rows) == 1 + 50 + 1 and all(r[5] != "0" for r in rows[1:-1])
    assert rows[-1][2:] == ["4.336", "3.656", "84%", "680"]  # the total covers every organisation
    assert any("chỉ gồm 50 tổ chức chưa đạt 100%" in p for p in _body_paragraphs(document))
    assert _cells(document.tables[0])[1][1] == "Lạng Sơn, ngày 05 tháng 02 năm 2024"
    recipients, signer = _cells(document.tables[2])[0]
    assert recipients.split("\n") == ["Nơi nhận:", "- Ban Thường vụ Tỉnh ủy (b/c);", "- Lưu Văn phòng Đảng ủy Khối."]
    assert signer.split("\n")[:2] == ["T/M BAN THƯỜNG VỤ", "BÍ THƯ"] and signer.endswith("Nguyễn Văn A")
    with pytest.raises(ValueError):
        build_study_report(demo_db, "45-NQ/TW", END_JAN, organisations="some")


def test_state_profile(demo_db):
    document, _ = build_study_report(demo_db, "45-NQ/TW", END_2023, today=TODAY, profile="nd30")
    number = _cells(document.tables[0])[1][0]
    assert "/BC-ĐUK" in number and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in _cells(document.tables[0])[0][1]


def test_nothing_to_report_is_a_clear_error(demo_db):
    document_ops.create_document(demo_db, "46-NQ/TW", DocumentFields(issue_date=date(2024, 1, 10), issuing_authority="Ban Chấp hành Trung ương Đảng khóa XIII"))
    with pytest.raises(StudyReportError, match="Chưa có hội nghị nghiên cứu, học tập, quán triệt nào về văn bản "
                                               "46-NQ/TW tính đến ngày 31/01/2024"):
        build_study_report(demo_db, "46-NQ/TW", END_JAN)
    with pytest.raises(StudyReportError, match="tính đến ngày 01/12/2023"):  # before the conference
        build_study_report(demo_db, "45-NQ/TW", date(2023, 12, 1))
    with pytest.raises(StudyFiguresError, match="Không có văn bản «47-NQ/TW»"):
        build_study_report(demo_db, "47-NQ/TW", END_JAN)


def test_control_characters_in_names_are_dropped_with_a_warning(demo_db):
    data = load_study_report_data(demo_db, "45-NQ/TW", END_2023)
    first = data.figures.organisations[0]
    broken = replace(first, name=first.name.replace("Chi bộ", "Chi bộ\x0b\x00"))
    data.figures = replace(data.figures, organisations=(broken, *data.figures.organisations[1:]))
    data.issuing_name = "Đảng ủy Khối\x01 các cơ quan tỉnh"
    document, warnings = render_study_report(data, today=TODAY)
    assert _cells(document.tables[1])[1][1] == first.name
    assert _cells(document.tables[0])[0][0].split("\n")[1:3] == ["ĐẢNG ỦY KHỐI", "CÁC CƠ QUAN TỈNH"]
    assert any("tên tổ chức cơ sở đảng" in w for w in warnings) and any("tên cơ quan ban hành" in w for w in warnings)
    docx.Document(io.BytesIO(_saved(document)))  # still a valid file


def _saved(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_sessions_of_other_levels_and_missing_member_counts(demo_db):
    data = load_study_report_data(demo_db, "45-NQ/TW", END_2023)
    data.sessions += [
        SessionInfo("Hội nghị quán triệt nghị quyết tại cơ sở", date(2023, 12, 20), "grassroots",
                    "Đảng bộ Sở Y tế", {"grassroots": 2}, False, 40, 3, 12),
        SessionInfo("Học tập chuyên đề nghị quyết", date(2023, 12, 22), "bloc", "Đảng ủy Khối các cơ quan tỉnh",
                    {}, False, 0, 0, 7),
    ]
    data.figures = replace(data.figures, members_total=0, members_studied=0)
    document, warnings = render_study_report(data, today=TODAY)
    text = _flat("\n".join(_body_paragraphs(document)))
    assert ("Ngày 20/12/2023, Đảng bộ Sở Y tế tổ chức hội nghị quán triệt nghị quyết tại cơ sở tại 02 điểm cầu "
            "(02 điểm cầu cơ sở) với sự tham gia của 43 đảng viên, quần chúng ưu tú của Đảng bộ Khối (40 đảng viên, "
            "3 quần chúng ưu tú).") in text  # people are not counted with two digits, points are
    assert ("Ngày 22/12/2023, Đảng ủy Khối các cơ quan tỉnh tổ chức học tập chuyên đề nghị quyết; 7 đảng viên được "
            "nghiên cứu, học tập.") in text
    assert "tỷ lệ" not in text.split("II- KẾT QUẢ")[1].split("III-")[0]  # no percentage without member counts
    assert "Các tổ chức cơ sở đảng báo cáo số đảng viên hiện có" in text
    assert any("Chưa có số đảng viên" in w for w in warnings)


def test_export_writes_atomically(demo_db, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "bao-cao.docx"
    target.write_bytes(b"old")
    result = export_study_report(demo_db, "45-NQ/TW", END_2023, target, today=TODAY)
    assert result.path == target and result.warnings == []
    assert docx.Document(str(target)).paragraphs  # replaced by a real document
    assert [p.name for p in folder.iterdir()] == ["bao-cao.docx"]  # no temporary file left


# --- the command line ---------------------------------------------------------------------------

def _run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_study_report(demo_db, tmp_path, capsys):
    dbfile = str(tmp_path / "demo.sqlite3")  # the demo_db fixture's file
    out_file = tmp_path / "bao-cao-45"
    code, out, err = _run(capsys, "--db", dbfile, "study-report", "--resolution", "45- NQ/TW", "--as-of", "31/01/2024",
                          "--scope", "ĐUK", "-o", str(out_file))
    assert code == 0, err
    written = tmp_path / "bao-cao-45.docx"
    assert f"Đã xuất «{written}»" in out and err == ""
    assert _cells(docx.Document(str(written)).tables[1])[-1][2:] == ["4.336", "3.656", "84%", "680"]


@pytest.mark.parametrize("args, message, exit_code", [
    (("--resolution", "46-NQ/TW"), "Không có văn bản «46-NQ/TW»", 1),
    (("--resolution", "xyz"), "Lỗi:", 1),
    (("--resolution", "45-NQ/TW", "--scope", "KHÔNG-CÓ"), "Không có cơ quan", 1),
    (("--resolution", "45-NQ/TW", "--as-of", "01/11/2023"), "Chưa có hội nghị", 1),
    (("--resolution", "45-NQ/TW", "--profile", "khong-co"), "Không có mẫu thể thức «khong-co»", 1),
    (("--resolution", "45-NQ/TW", "-o", "bao-cao.pdf"), "phải có đuôi .docx", 2),
    (("--resolution", "45-NQ/TW", "-o", "/khong/co/thu-muc/bc.docx"), "Không có thư mục", 1),
])
def test_cli_study_report_errors(demo_db, tmp_path, capsys, args, message, exit_code):
    dbfile = str(tmp_path / "demo.sqlite3")
    if "-o" not in args:
        args = (*args, "-o", str(tmp_path / "bc.docx"))
    code, out, err = _run(capsys, "--db", dbfile, "study-report", *args)
    assert code == exit_code and message in err and "Traceback" not in err, err
    assert not (tmp_path / "bc.docx").exists()


# --- as LibreOffice prints it ---------------------------------------------------------------------


def test_study_report_renders_through_libreoffice(demo_db, tmp_path):
    need_tools()
    result = export_study_report(demo_db, "45-NQ/TW", END_2023, tmp_path / "bao-cao-45.docx", today=TODAY)
    pdf = pdf_export.convert_to_pdf(result.path)
    text = pdf_export.pdf_text(pdf)
    pages = text.split("\f")
    first, flat = _flat(pages[0]), _flat(text)
    assert 2 <= pdf_export.pdf_pages(pdf) <= 8
    for expected in ("ĐẢNG BỘ TỈNH LẠNG SƠN", "ĐẢNG ỦY KHỐI", "CÁC CƠ QUAN TỈNH", "ĐẢNG CỘNG SẢN VIỆT NAM",
                     "-BC/ĐUK", "BÁO CÁO", "01 điểm cầu", "63 điểm cầu", "3.113 đảng viên", "100% tổ chức cơ sở đảng"):
        assert expected in first, expected
    assert "3.252 đảng viên (tỷ lệ 75%)" in flat
    for expected in ("T/M BAN THƯỜNG VỤ", "Nơi nhận:", "Lưu Văn phòng Đảng ủy Khối"):
        assert expected in flat, expected
    # the table's rows as laid out on the page (the plain text reads a table column by column)
    laid_out = [_flat(line) for line in pdf_export.pdf_text(pdf, layout=True).splitlines()]
    assert "Tổng cộng 4.336 3.252 75% 1.084" in laid_out
    assert "2 Chi bộ Bảo tàng tỉnh 12 9 75% 3" in laid_out
    assert _flat(pages[1]).startswith("2")  # page numbers from page 2
    ARTIFACTS.mkdir(exist_ok=True)
    png = pdf_export.pdf_page_png(pdf, 1, ARTIFACTS / "study-report-page1", dpi=70)
    assert png.name == "study-report-page1.png" and png.stat().st_size > 5_000
    last = pdf_export.pdf_page_png(pdf, pdf_export.pdf_pages(pdf), ARTIFACTS / "study-report-last-page", dpi=60)
    assert last.stat().st_size > 5_000
