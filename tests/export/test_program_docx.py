"""Word export of an action programme, read back with python-docx and from the raw XML.

The demo's programmes are exported (the issued 15-CTr/TU implementing 42-NQ/TW, the
classified draft implementing 44-NQ/TW) and every element of the hd36 profile (domain
guide §4) is checked, then the nd30 differences, user profiles, the wording generated
from the data, and a property test on random Unicode.
"""

from __future__ import annotations

import io
import json
import re
import unicodedata
from datetime import date

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, update

from desktop_app.errors import NqdeskError
from desktop_app.export import program_docx
from desktop_app.export.docx_common import text_width_pt
from desktop_app.export.profiles import (
    SHIPPED_DIR, Profile, ProfileError, copy_profile, list_profiles, load_profile, user_profiles_dir,
)
from desktop_app.export.program_docx import (
    BodyInfo, DocumentInfo, ExportError, ExportResult, ProgramData, ProgramNotFound, TaskInfo,
    build_program_document, export_program, find_program, generate_opening, generate_organisation_text,
    render_program,
)
from desktop_app.ops import programs as program_ops
from desktop_app.resources import DEMO_FILE
from desktop_app.store.db import sqlite_backup, open_database
from desktop_app.store.models import Body, Program, Task
from desktop_app.ops.fields import ProgramFields

TODAY = date(2025, 6, 1)
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
FONT = "Times New Roman"
DEMO = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
ISSUED_42 = next(p for p in DEMO["programs"] if p["documents"] == ["42-NQ/TW"])
DRAFT_44 = next(p for p in DEMO["programs"] if p["documents"] == ["44-NQ/TW"])
ROMAN = re.compile(r"^[IVXLCDM]+$")


# --- fixtures ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def module_db(demo_template, tmp_path_factory):
    """A demo database for the read-only checks, with the user's data folder isolated."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("xdg")))
        path = tmp_path_factory.mktemp("demo-ro") / "demo.sqlite3"
        sqlite_backup(demo_template, path)
        db = open_database(path)
        yield db
        db.close()


def program_id(db, symbol: str) -> int:
    with db.read() as s:
        from desktop_app.store.models import Document, ProgramDocument
        return s.scalar(select(ProgramDocument.program_id).join(Document, Document.id == ProgramDocument.document_id)
                        .where(Document.symbol == symbol))


def reopen(document) -> docx.Document:
    buffer = io.BytesIO()
    document.save(buffer)
    buffer.seek(0)
    return docx.Document(buffer)


def build(db, symbol: str, profile="hd36"):
    document, warnings = build_program_document(db, program_id(db, symbol), profile, today=TODAY)
    return reopen(document), warnings


@pytest.fixture(scope="module")
def issued(module_db):
    return build(module_db, "42-NQ/TW")


@pytest.fixture(scope="module")
def draft(module_db):
    return build(module_db, "44-NQ/TW")


@pytest.fixture(scope="module")
def state(module_db):
    return build(module_db, "42-NQ/TW", "nd30")


# --- reading helpers ----------------------------------------------------------------------------

def text_of(p_element) -> str:
    return Paragraph(p_element, None).text


def body_paragraphs(document) -> list:
    """The document body's own paragraphs (not those in tables), in order."""
    return document.element.body.findall(qn("w:p"))


def runs(p_element) -> list:
    return p_element.findall(qn("w:r"))


def rpr(run, tag: str):
    props = run.find(qn("w:rPr"))
    return None if props is None else props.find(qn(f"w:{tag}"))


def size_pt(run) -> float:
    return int(rpr(run, "sz").get(qn("w:val"))) / 2


def is_on(run, tag: str) -> bool:
    element = rpr(run, tag)
    return element is not None and element.get(qn("w:val")) in (None, "1", "true", "single")


def text_runs(p_element) -> list:
    return [r for r in runs(p_element) if "".join(t.text or "" for t in r.findall(qn("w:t")))]


def find_paragraph(document, text: str, *, start: bool = True):
    """The first paragraph anywhere in the body (tables included) whose text starts with
    (or equals) *text*."""
    for p in document.element.body.iter(qn("w:p")):
        value = text_of(p)
        if (value.startswith(text) if start else value == text):
            return p
    raise AssertionError(f"no paragraph {text!r}")


def all_text(document) -> str:
    return "\n".join(text_of(p) for p in document.element.body.iter(qn("w:p")))


def cell_texts(cell) -> list[str]:
    return [p.text for p in cell.paragraphs]


def style_of(run) -> dict:
    return {"size": size_pt(run), "bold": is_on(run, "b"), "italic": is_on(run, "i"),
            "underline": rpr(run, "u") is not None}


def jc(p_element) -> str | None:
    found = p_element.find("w:pPr/w:jc", NS)
    return None if found is None else found.get(qn("w:val"))


def appendix_table(document):
    return document.tables[-1]


def row_is(row, tag: str) -> bool:
    return row._tr.find(f"w:trPr/w:{tag}", NS) is not None


# --- the page and the fonts -----------------------------------------------------------------------

def test_page_size_and_margins(issued):
    document, _ = issued
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.PORTRAIT
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin,
                                  section.right_margin)] == [20, 20, 30, 15]


def test_font_in_all_four_slots_of_styles_and_runs(issued):
    document, _ = issued
    styles = document.styles.element
    defaults = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", NS)
    normal = document.styles["Normal"].element.find("w:rPr/w:rFonts", NS)
    for fonts in (defaults, normal):
        assert {slot: fonts.get(qn(f"w:{slot}")) for slot in ("ascii", "hAnsi", "cs", "eastAsia")} == dict.fromkeys(
            ("ascii", "hAnsi", "cs", "eastAsia"), FONT)
    assert document.styles["Normal"].font.name == FONT
    # no theme font anywhere overrides the explicit name
    assert not re.search(r"w:(ascii|hAnsi|eastAsia|cs)theme=", styles.xml, flags=re.IGNORECASE)
    parts = [document.element] + [s.header._element for s in document.sections] + [
        document.sections[0].first_page_header._element]
    checked = 0
    for part in parts:
        for run in part.iter(qn("w:r")):
            fonts = rpr(run, "rFonts")
            assert fonts is not None, run.xml
            for slot in ("ascii", "hAnsi", "cs", "eastAsia"):
                assert fonts.get(qn(f"w:{slot}")) == FONT
            assert rpr(run, "sz") is not None and rpr(run, "szCs") is not None
            checked += 1
    assert checked > 100


def test_all_text_is_nfc(issued, draft, state):
    for document, _ in (issued, draft, state):
        text = all_text(document)
        assert text == unicodedata.normalize("NFC", text)
        assert "Tỉnh ủy" in text


# --- the header ----------------------------------------------------------------------------------

def test_header_is_a_borderless_two_column_table_first(issued):
    document, warnings = issued
    assert warnings == []
    first = next(iter(document.element.body))
    assert first.tag == qn("w:tbl")  # an issued programme starts with the header (no DỰ THẢO)
    header = document.tables[0]
    tbl = header._tbl
    assert tbl.find("w:tblPr/w:tblLayout", NS).get(qn("w:type")) == "fixed"
    for side in tbl.find("w:tblPr/w:tblBorders", NS):
        assert side.get(qn("w:val")) in ("nil", "none")
    assert len(tbl.findall("w:tblGrid/w:gridCol", NS)) == 2
    assert cell_texts(header.cell(0, 0)) == ["TỈNH ỦY LẠNG SƠN", "*"]
    assert cell_texts(header.cell(1, 0)) == ["Số 15-CTr/TU"]
    assert cell_texts(header.cell(0, 1)) == ["ĐẢNG CỘNG SẢN VIỆT NAM", ""]  # the text, then its rule
    assert cell_texts(header.cell(1, 1)) == ["Lạng Sơn, ngày 20 tháng 3 năm 2024"]


def test_header_fonts_sizes_and_styles(issued):
    document, _ = issued
    header = document.tables[0]
    cases = {
        "TỈNH ỦY LẠNG SƠN": {"size": 14, "bold": True, "italic": False, "underline": False},
        "*": {"size": 14, "bold": False, "italic": False, "underline": False},
        "Số 15-CTr/TU": {"size": 14, "bold": False, "italic": False, "underline": False},
        "ĐẢNG CỘNG SẢN VIỆT NAM": {"size": 15, "bold": True, "italic": False, "underline": False},
        "Lạng Sơn, ngày 20 tháng 3 năm 2024": {"size": 14, "bold": False, "italic": True, "underline": False},
    }
    seen = {}
    for row in header.rows:
        for cell in row.cells:
            for p in cell.paragraphs:
                if p.text in cases:
                    (run,) = text_runs(p._p)
                    seen[p.text] = style_of(run)
                    assert jc(p._p) == "center"
    assert seen == cases
    assert "Số:" not in all_text(document)  # Party style: no colon


def test_rule_under_party_name_is_as_long_as_the_text(issued):
    document, _ = issued
    cell = document.tables[0].cell(0, 1)
    rule = cell.paragraphs[1]._p
    border = rule.find("w:pPr/w:pBdr/w:bottom", NS)
    assert border is not None and border.get(qn("w:val")) == "single"
    ind = rule.find("w:pPr/w:ind", NS)
    cell_width = int(cell._tc.find("w:tcPr/w:tcW", NS).get(qn("w:w")))
    length = cell_width - int(ind.get(qn("w:left"))) - int(ind.get(qn("w:right")))
    expected = text_width_pt("ĐẢNG CỘNG SẢN VIỆT NAM", 15, bold=True) * 20
    assert abs(length - expected) <= 20  # within 1 pt of the printed text
    assert length < cell_width * 0.9  # not a full-width line
    # the text paragraph itself carries no border (it can never wrap because of the rule)
    assert cell.paragraphs[0]._p.find("w:pPr/w:pBdr", NS) is None


def test_title_block(issued):
    document, _ = issued
    paragraphs = [p for p in body_paragraphs(document) if text_of(p)]
    kind, subject, separator = paragraphs[:3]
    assert text_of(kind) == "CHƯƠNG TRÌNH HÀNH ĐỘNG"
    assert style_of(text_runs(kind)[0]) == {"size": 16, "bold": True, "italic": False, "underline": False}
    assert text_of(subject) == (
        "thực hiện Nghị quyết số 42-NQ/TW, ngày 24/11/2023 của Ban Chấp hành Trung ương Đảng khóa XIII về tiếp tục "
        "đổi mới, nâng cao chất lượng chính sách xã hội, đáp ứng yêu cầu sự nghiệp xây dựng và bảo vệ Tổ quốc "
        "trong giai đoạn mới")
    assert style_of(text_runs(subject)[0]) == {"size": 14, "bold": True, "italic": False, "underline": False}
    assert text_of(separator) == "-----"
    assert {jc(kind), jc(subject), jc(separator)} == {"center"}


# --- the body ---------------------------------------------------------------------------------------

def test_opening_generated_from_the_resolution(issued):
    document, _ = issued
    opening = [p for p in body_paragraphs(document) if text_of(p)][3]
    assert text_of(opening) == (
        "Thực hiện Nghị quyết số 42-NQ/TW, ngày 24/11/2023 của Ban Chấp hành Trung ương Đảng khóa XIII về tiếp tục "
        "đổi mới, nâng cao chất lượng chính sách xã hội, đáp ứng yêu cầu sự nghiệp xây dựng và bảo vệ Tổ quốc trong "
        "giai đoạn mới (sau đây gọi tắt là Nghị quyết số 42-NQ/TW), Ban Thường vụ Tỉnh ủy ban hành Chương trình "
        "hành động thực hiện như sau:")


def test_sections_headings_and_paragraph_format(issued):
    document, _ = issued
    texts = [text_of(p) for p in body_paragraphs(document)]
    headings = [t for t in texts if re.match(r"^[IVX]+- ", t)]
    assert headings == ["I- MỤC ĐÍCH, YÊU CẦU", "II- MỤC TIÊU", "III- NHIỆM VỤ, GIẢI PHÁP", "IV- TỔ CHỨC THỰC HIỆN"]
    heading = find_paragraph(document, "I- MỤC ĐÍCH, YÊU CẦU")
    assert style_of(text_runs(heading)[0]) == {"size": 14, "bold": True, "italic": False, "underline": False}
    # every line of the stored text is a paragraph, its numbering kept as written
    for line in ISSUED_42["sections"]["objectives"].split("\n"):
        assert line in texts
    sub = find_paragraph(document, "1. Mục tiêu tổng quát")
    assert is_on(text_runs(sub)[0], "b")
    plain = find_paragraph(document, "1. Quán triệt sâu sắc")  # a sentence, not a sub-heading
    assert not is_on(text_runs(plain)[0], "b")
    dash = find_paragraph(document, "- Đến năm 2025:")
    for p in (plain, dash):
        assert jc(p) == "both"
        assert p.find("w:pPr/w:ind", NS).get(qn("w:firstLine")) == "720"  # 1.27 cm
        spacing = p.find("w:pPr/w:spacing", NS)
        assert int(spacing.get(qn("w:after"))) >= 120  # at least 6 pt between paragraphs
        assert 240 <= int(spacing.get(qn("w:line"))) <= 360  # single to 1.5 lines
        assert size_pt(text_runs(p)[0]) == 14


def test_body_ends_with_the_closing_mark(issued):
    document, _ = issued
    children = list(document.element.body)
    signature = children.index(document.tables[1]._tbl)
    before = [text_of(e) for e in children[:signature] if e.tag == qn("w:p") and text_of(e)]
    assert before[-1] == ("5. Văn phòng Tỉnh ủy theo dõi, đôn đốc, tổng hợp tình hình thực hiện, định kỳ báo cáo "
                          "Ban Thường vụ Tỉnh ủy./.")
    assert [t for t in before if "./." in t] == before[-1:]


def test_recipients_and_signature_side_by_side(issued):
    document, _ = issued
    table = document.tables[1]
    assert len(table.rows) == 1 and len(table.columns) == 2
    for side in table._tbl.find("w:tblPr/w:tblBorders", NS):
        assert side.get(qn("w:val")) in ("nil", "none")
    left, right = table.cell(0, 0), table.cell(0, 1)
    label = left.paragraphs[0]
    assert label.text == "Nơi nhận:"
    assert style_of(text_runs(label._p)[0]) == {"size": 14, "bold": False, "italic": False, "underline": True}
    items = [p.text for p in left.paragraphs[1:]]
    assert items[0] == "- Ban Bí thư Trung ương Đảng (b/c);"
    assert items[-1] == "- Lưu Văn phòng Tỉnh ủy."
    assert len(items) == len(ISSUED_42["recipients"])
    for p in left.paragraphs[1:]:
        assert size_pt(text_runs(p._p)[0]) == 12
    lines = [p.text for p in right.paragraphs]
    assert lines[0] == "T/M BAN THƯỜNG VỤ" and lines[1] == "BÍ THƯ" and lines[-1] == "Hoàng Văn Khánh"
    assert lines[2:-1] == [""] * 4  # room for the signature and seal
    assert is_on(text_runs(right.paragraphs[0]._p)[0], "b")
    assert not is_on(text_runs(right.paragraphs[1]._p)[0], "b")
    assert is_on(text_runs(right.paragraphs[-1]._p)[0], "b")
    assert "K/T" not in all_text(document)


# --- page numbers ---------------------------------------------------------------------------------------

def test_page_number_is_a_page_field_at_top_centre_from_page_two(issued):
    document, _ = issued
    section = document.sections[0]
    sect_pr = section._sectPr
    assert sect_pr.find(qn("w:titlePg")) is not None  # a different first page
    header = section.header
    assert not header.is_linked_to_previous
    xml = header._element.xml
    assert re.search(r"<w:instrText[^>]*>\s*PAGE\s*</w:instrText>", xml)
    assert xml.count('w:fldCharType="begin"') == 1 and xml.count('w:fldCharType="end"') == 1
    (p,) = header._element.findall(qn("w:p"))
    assert jc(p) == "center"
    assert {size_pt(r) for r in runs(p)} == {14}
    first = section.first_page_header
    assert not first.is_linked_to_previous
    first_xml = first._element.xml
    assert "PAGE" not in first_xml and "fldChar" not in first_xml and "fldSimple" not in first_xml
    assert all(p.text == "" for p in first.paragraphs)
    # the typed page number never appears as plain text in the header
    assert header.paragraphs[0].text.strip() in ("", "2")


# --- the appendix ----------------------------------------------------------------------------------------

def test_appendix_is_its_own_landscape_section(issued):
    document, _ = issued
    assert len(document.sections) == 2
    appendix = document.sections[1]
    assert appendix.orientation == WD_ORIENT.LANDSCAPE
    assert (round(appendix.page_width.mm), round(appendix.page_height.mm)) == (297, 210)
    assert appendix._sectPr.find(qn("w:pgSz")).get(qn("w:orient")) == "landscape"
    assert appendix._sectPr.find(qn("w:titlePg")) is None  # numbered on its first page too
    assert appendix._sectPr.find(qn("w:headerReference")) is None  # same header (page number) as before
    texts = [text_of(p) for p in body_paragraphs(document)]
    start = texts.index("PHỤ LỤC")
    assert texts[start + 1] == "DANH MỤC NHIỆM VỤ CỤ THỂ THỰC HIỆN NGHỊ QUYẾT SỐ 42-NQ/TW"
    assert texts[start + 2] == ("(Kèm theo Chương trình hành động số 15-CTr/TU, ngày 20/03/2024 của Ban Thường vụ "
                                "Tỉnh ủy)")
    attachment = find_paragraph(document, "(Kèm theo")
    assert all(is_on(r, "i") for r in text_runs(attachment))
    label = find_paragraph(document, "PHỤ LỤC", start=False)
    assert is_on(text_runs(label)[0], "b")
    # the section break comes after the signature, before the appendix
    breaks = [p for p in body_paragraphs(document) if p.find("w:pPr/w:sectPr", NS) is not None]
    assert len(breaks) == 1
    children = list(document.element.body)
    assert children.index(document.tables[1]._tbl) < children.index(breaks[0]) < children.index(label)


def test_appendix_table_header_row_widths_and_rows(issued):
    document, _ = issued
    table = appendix_table(document)
    tbl = table._tbl
    assert tbl.find("w:tblPr/w:tblLayout", NS).get(qn("w:type")) == "fixed"
    grid = [int(c.get(qn("w:w"))) for c in tbl.findall("w:tblGrid/w:gridCol", NS)]
    appendix = document.sections[1]
    text_width = round((appendix.page_width - appendix.left_margin - appendix.right_margin) / 635)
    assert sum(grid) == text_width
    assert tbl.find("w:tblPr/w:tblW", NS).get(qn("w:type")) == "dxa"
    header = table.rows[0]
    assert [c.text for c in header.cells] == ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp",
                                              "Sản phẩm", "Thời gian hoàn thành"]
    assert row_is(header, "tblHeader")
    assert all(is_on(text_runs(p)[0], "b") for p in header._tr.iter(qn("w:p")))
    assert not any(row_is(row, "tblHeader") for row in table.rows[1:])
    for row in table.rows:
        assert row_is(row, "cantSplit")
        column = 0
        for tc in row._tr.findall(qn("w:tc")):
            width = tc.find("w:tcPr/w:tcW", NS)
            assert width.get(qn("w:type")) == "dxa"
            span_el = tc.find("w:tcPr/w:gridSpan", NS)
            span = int(span_el.get(qn("w:val"))) if span_el is not None else 1
            assert int(width.get(qn("w:w"))) == sum(grid[column:column + span])
            column += span
        assert column == len(grid)


def test_appendix_groups_numbering_and_every_task(issued):
    document, _ = issued
    rows = appendix_table(document).rows[1:]
    groups, tasks = [], []
    stt = []
    for row in rows:
        tcs = row._tr.findall(qn("w:tc"))
        first = text_of(tcs[0].find(qn("w:p")))
        if ROMAN.match(first):
            assert len(tcs) == 2 and tcs[1].find("w:tcPr/w:gridSpan", NS).get(qn("w:val")) == "5"
            assert all(is_on(r, "b") for r in text_runs(tcs[1].find(qn("w:p"))))
            groups.append((first, text_of(tcs[1].find(qn("w:p")))))
            stt.append([])
        else:
            cells = [text_of(tc.find(qn("w:p"))) for tc in tcs]
            stt[-1].append(int(cells[0]))
            tasks.append(cells)
    demo_groups = list(dict.fromkeys(t["group"] for t in ISSUED_42["tasks"]))
    assert groups == [(r, g) for r, g in zip(["I", "II", "III", "IV"], demo_groups)]
    assert all(numbers == list(range(1, len(numbers) + 1)) for numbers in stt)  # STT restarts per group
    assert [t[1] for t in tasks] == [t["content"] for t in ISSUED_42["tasks"]]  # every task, document order
    names = {b["key"]: b["name"] for b in DEMO["bodies"]}
    for cells, task in zip(tasks, ISSUED_42["tasks"]):
        assert cells[2] == names[task["lead_body"]]
        assert cells[3] == ", ".join(names[k] for k in task["coordinating_bodies"])
        assert cells[4] == task["product"]
        assert cells[5] == task["deadline"]


# --- the draft -----------------------------------------------------------------------------------------

def test_draft_mark_round_classification_and_blank_number(draft):
    document, warnings = draft
    first = next(iter(document.element.body))
    assert first.tag == qn("w:p")
    assert text_of(first) == "DỰ THẢO\nLần 2"
    assert jc(first) == "left"
    mark = text_runs(first)[0]
    assert is_on(mark, "b") and rpr(mark, "bdr") is not None
    header = document.tables[0]
    assert cell_texts(header.cell(1, 0)) == ["Số      -CTr/TU", "MẬT"]
    secret = text_runs(header.cell(1, 0).paragraphs[1]._p)[0]
    assert is_on(secret, "b")
    assert cell_texts(header.cell(1, 1)) == ["Lạng Sơn, ngày      tháng      năm 2025"]
    assert find_paragraph(document, "(Kèm theo Chương trình hành động số      -CTr/TU, ngày") is not None
    assert "44-NQ/TW" in text_of(find_paragraph(document, "DANH MỤC NHIỆM VỤ"))
    assert warnings == []  # the programme itself is marked Mật


def test_issued_programme_has_no_draft_mark(issued):
    document, _ = issued
    assert "DỰ THẢO" not in all_text(document)
    assert "MẬT" not in all_text(document)


def test_classified_resolution_marks_the_programme(demo_db):
    pid = program_id(demo_db, "44-NQ/TW")
    program_ops.update_program(demo_db, pid, ProgramFields(classification=None))
    document, warnings = build_program_document(demo_db, pid, today=TODAY)
    assert "MẬT" in cell_texts(reopen(document).tables[0].cell(1, 0))
    assert any("44-NQ/TW" in w and "Mật" in w for w in warnings)


def test_dates_use_the_leading_zero_rule(demo_db):
    pid = program_id(demo_db, "42-NQ/TW")
    program_ops.update_program(demo_db, pid, ProgramFields(issue_date=date(2024, 2, 5)))
    document, _ = build_program_document(demo_db, pid, today=TODAY)
    document = reopen(document)
    assert cell_texts(document.tables[0].cell(1, 1)) == ["Lạng Sơn, ngày 05 tháng 02 năm 2024"]
    assert "ngày 05/02/2024 của Ban Thường vụ Tỉnh ủy)" in all_text(document)


# --- nd30 --------------------------------------------------------------------------------------------

def test_nd30_differences(state, issued):
    document, _ = state
    header = document.tables[0]
    right = cell_texts(header.cell(0, 1))
    assert right[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    motto = text_runs(header.cell(0, 1).paragraphs[1]._p)[0]
    assert is_on(motto, "b") and size_pt(motto) == 13
    assert size_pt(text_runs(header.cell(0, 1).paragraphs[0]._p)[0]) == 12
    rule = header.cell(0, 1).paragraphs[2]._p
    assert rule.find("w:pPr/w:pBdr/w:bottom", NS) is not None
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" not in all_text(document)
    assert cell_texts(header.cell(1, 0)) == ["Số: 15/CTr-TU"]
    left = cell_texts(header.cell(0, 0))
    assert left[0] == "TỈNH ỦY LẠNG SƠN" and "*" not in left  # a short rule instead of the star
    signature = document.tables[1]
    assert signature.cell(0, 1).paragraphs[0].text == "TM. BAN THƯỜNG VỤ"
    assert "T/M" not in all_text(document)
    label = signature.cell(0, 0).paragraphs[0]
    assert style_of(text_runs(label._p)[0]) == {"size": 12, "bold": True, "italic": True, "underline": False}
    assert {size_pt(text_runs(p._p)[0]) for p in signature.cell(0, 0).paragraphs[1:]} == {11}
    texts = [text_of(p) for p in body_paragraphs(document)]
    assert "I. MỤC ĐÍCH, YÊU CẦU" in texts and "I- MỤC ĐÍCH, YÊU CẦU" not in texts
    subject = find_paragraph(document, "Thực hiện Nghị quyết số 42-NQ/TW, ngày 24/11/2023 của Ban Chấp hành")
    assert is_on(text_runs(subject)[0], "b")
    # the Party profile differs on exactly these points
    party = issued[0]
    assert cell_texts(party.tables[0].cell(1, 0)) == ["Số 15-CTr/TU"]


def test_nd30_deputy_signs_kt_with_a_dot(demo_db):
    with demo_db.read() as s:
        advisory = s.scalar(select(Body.id).where(Body.code == "BTGTU"))
    program_ops.update_program(demo_db, program_id(demo_db, "45-NQ/TW"),
                               ProgramFields(issuing_body_id=advisory, signing_mode="K/T", signing_authority="K/T TRƯỞNG BAN", signer_title="PHÓ TRƯỞNG BAN"))
    pid = program_id(demo_db, "45-NQ/TW")
    state_doc, _ = build_program_document(demo_db, pid, "nd30", today=TODAY)
    party_doc, warnings = build_program_document(demo_db, pid, "hd36", today=TODAY)
    assert reopen(state_doc).tables[1].cell(0, 1).paragraphs[0].text == "KT. TRƯỞNG BAN"
    party = reopen(party_doc)
    assert [p.text for p in party.tables[1].cell(0, 1).paragraphs[:2]] == ["K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"]
    # an advisory body's document shows its committee above its own name
    assert cell_texts(party.tables[0].cell(0, 0))[:2] == ["TỈNH ỦY LẠNG SƠN", "BAN TUYÊN GIÁO TỈNH ỦY"]
    assert warnings == []


# --- signing rules ---------------------------------------------------------------------------------------

def test_committee_programme_is_never_signed_kt(demo_db):
    pid = program_id(demo_db, "42-NQ/TW")
    with pytest.raises(NqdeskError):  # the operations refuse it…
        program_ops.update_program(demo_db, pid, ProgramFields(signing_mode="K/T"))
    with demo_db.write() as s:  # …but an old or hand-edited database may still hold it
        s.execute(update(Program).where(Program.id == pid).values(
            signing_mode="K/T", signing_authority="K/T BAN THƯỜNG VỤ"))
    for profile, expected in (("hd36", "T/M BAN THƯỜNG VỤ"), ("nd30", "TM. BAN THƯỜNG VỤ")):
        document, warnings = build_program_document(demo_db, pid, profile, today=TODAY)
        document = reopen(document)
        assert document.tables[1].cell(0, 1).paragraphs[0].text == expected
        text = all_text(document)
        assert "K/T" not in text and "KT." not in text
        assert any("K/T" in w and "T/M" in w for w in warnings)


# --- cleaning ------------------------------------------------------------------------------------------

def test_control_characters_are_cleaned_with_a_warning(demo_db):
    pid = program_id(demo_db, "42-NQ/TW")
    with demo_db.write() as s:  # written behind the operations' back, as an old import might have
        task_id = s.scalar(select(Task.id).where(Task.program_id == pid).order_by(Task.position))
        s.execute(update(Task).where(Task.id == task_id).values(content="Nội\x00 dung\x07 lạ\x1f\ufffe"))
        s.execute(update(Program).where(Program.id == pid).values(
            purpose_text="1. Mục\x0b đích\x0c.\nDòng " + unicodedata.normalize("NFD", "Tỉnh ủy Lạng Sơn") + "."))
    document, warnings = build_program_document(demo_db, pid, today=TODAY)
    document = reopen(document)
    text = all_text(document)
    assert "Nội dung lạ" in [c.text for c in appendix_table(document).rows[2].cells]
    assert "1. Mục đích." in text
    assert "Dòng Tỉnh ủy Lạng Sơn." in text  # NFD input printed as NFC
    removed = [w for w in warnings if "ký tự điều khiển" in w]
    assert any("nhiệm vụ I.1" in w and "4" in w for w in removed)
    assert any("MỤC ĐÍCH" in w and "2" in w for w in removed)


# --- generated wording -----------------------------------------------------------------------------------

def test_generate_organisation_text_is_pure_and_editable(demo_db):
    pid = program_id(demo_db, "42-NQ/TW")
    with demo_db.read() as s:
        before = s.get(Program, pid).organisation_text
        from_session = generate_organisation_text(s, pid)
    text = generate_organisation_text(demo_db, pid)
    assert text == from_session
    with demo_db.read() as s:
        assert s.get(Program, pid).organisation_text == before  # nothing written
    lines = text.split("\n")
    assert lines[0].startswith("1. Ban Tuyên giáo Tỉnh ủy chủ trì, phối hợp với Ban Dân vận Tỉnh ủy, "
                               "Đảng ủy Khối các cơ quan tỉnh")
    assert "(mục I.1, I.2 Phụ lục)" in lines[0]
    assert [int(line.split(".")[0]) for line in lines] == list(range(1, len(lines) + 1))
    assert lines[-1] == (f"{len(lines)}. Văn phòng Tỉnh ủy theo dõi, đôn đốc, tổng hợp tình hình thực hiện "
                         "Chương trình hành động, định kỳ báo cáo Ban Thường vụ Tỉnh ủy.")
    # the GUI puts it into the programme, where it can be edited, and the export prints it
    program_ops.update_program(demo_db, pid, ProgramFields(organisation_text=text + "\nSửa thêm một dòng."))
    document, _ = build_program_document(demo_db, pid, today=TODAY)
    printed = all_text(reopen(document))
    assert lines[0] in printed and "Sửa thêm một dòng./." in printed


def test_empty_organisation_section_is_generated_with_a_warning(demo_db):
    pid = program_id(demo_db, "42-NQ/TW")
    program_ops.update_program(demo_db, pid, ProgramFields(organisation_text=""))
    document, warnings = build_program_document(demo_db, pid, today=TODAY)
    assert any("Tổ chức thực hiện" in w for w in warnings)
    assert "IV- TỔ CHỨC THỰC HIỆN" in all_text(reopen(document))


def test_several_resolutions_are_cited_together(demo_db):
    pid = program_id(demo_db, "42-NQ/TW")
    with demo_db.read() as s:
        from desktop_app.store.models import Document
        ids = [s.scalar(select(Document.id).where(Document.symbol == sym)) for sym in ("42-NQ/TW", "43-NQ/TW")]
    program_ops.update_program(demo_db, pid, ProgramFields(document_ids=ids))
    opening = generate_opening(demo_db, pid)
    assert opening.startswith("Thực hiện Nghị quyết số 42-NQ/TW, ngày 24/11/2023 của Ban Chấp hành Trung ương "
                              "Đảng khóa XIII về tiếp tục đổi mới")
    assert "(sau đây gọi tắt là Nghị quyết số 42-NQ/TW) và Nghị quyết số 43-NQ/TW, ngày 24/11/2023" in opening
    assert opening.endswith("(sau đây gọi tắt là Nghị quyết số 43-NQ/TW), Ban Thường vụ Tỉnh ủy ban hành "
                            "Chương trình hành động thực hiện như sau:")
    document, _ = build_program_document(demo_db, pid, today=TODAY)
    text = all_text(reopen(document))
    assert "DANH MỤC NHIỆM VỤ CỤ THỂ THỰC HIỆN NGHỊ QUYẾT SỐ 42-NQ/TW VÀ NGHỊ QUYẾT SỐ 43-NQ/TW" in text
    assert "giai đoạn mới và Nghị quyết số 43-NQ/TW, ngày 24/11/2023 của Ban Chấp hành" in text


def test_programme_without_tasks_has_no_appendix(sqlite_db):
    program_ops.create_program(sqlite_db, "Chương trình hành động thử", ProgramFields(place="Lạng Sơn"))
    with sqlite_db.read() as s:
        pid = s.scalar(select(Program.id))
    document, warnings = build_program_document(sqlite_db, pid, today=TODAY)
    document = reopen(document)
    assert len(document.sections) == 1
    assert "PHỤ LỤC" not in all_text(document)
    assert document.element.body[-2].tag == qn("w:p")  # the body never ends with a table
    assert any("mã ký hiệu" in w or "cơ quan ban hành" in w for w in warnings)


# --- finding and writing ------------------------------------------------------------------------------------

def test_find_program(demo_db):
    issued = program_id(demo_db, "42-NQ/TW")
    assert find_program(demo_db, "15") == issued
    assert find_program(demo_db, "15-CTr/TU") == issued
    assert find_program(demo_db, " 15 - ctr / tu ") == issued
    assert find_program(demo_db, str(issued + 2)) == issued + 2
    assert find_program(demo_db, f"#{issued}") == issued
    for key in ("99", "15-KH/TU", "abc", "", "#99"):
        with pytest.raises(ProgramNotFound) as info:
            find_program(demo_db, key)
        assert info.value.args[0]
    program_ops.create_program(demo_db, "Kế hoạch số 2", ProgramFields(kind="KH", number=2))
    with pytest.raises(ProgramNotFound, match="#2"):
        find_program(demo_db, "2")  # both an id and a number: the user must say which


def test_export_program_writes_atomically(demo_db, tmp_path):
    pid = program_id(demo_db, "42-NQ/TW")
    target = tmp_path / "chuong-trinh.docx"
    result = export_program(demo_db, pid, target, "hd36", today=TODAY)
    assert isinstance(result, ExportResult) and result.path == target and result.warnings == []
    assert result.pages_hint is None
    document = docx.Document(str(target))
    assert "CHƯƠNG TRÌNH HÀNH ĐỘNG" in all_text(document)
    assert [p.name for p in tmp_path.iterdir() if p.suffix in (".docx", ".part")] == ["chuong-trinh.docx"]


def test_export_to_a_file_open_in_word_is_a_clear_error(demo_db, tmp_path, monkeypatch):
    pid = program_id(demo_db, "42-NQ/TW")
    target = tmp_path / "dang-mo.docx"
    target.write_bytes(b"old")

    def locked(src, dst):
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(program_docx.os, "replace", locked)
    with pytest.raises(ExportError) as info:
        export_program(demo_db, pid, target)
    assert "đang mở trong Word" in str(info.value) and isinstance(info.value, NqdeskError)
    assert target.read_bytes() == b"old"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]
    with pytest.raises(ExportError, match="Không có thư mục"):
        export_program(demo_db, pid, tmp_path / "khong-co" / "x.docx")


# --- profiles ------------------------------------------------------------------------------------------------

def test_shipped_profiles_load_and_hold_every_value():
    assert list_profiles()[:2] == ["hd36", "nd30"]
    hd36, nd30 = load_profile(), load_profile("nd30")
    assert hd36.key == "hd36" and "Đảng" in hd36.label and hd36.description
    assert nd30.key == "nd30" and "nhà nước" in nd30.label
    assert hd36.header.number.prefix == "Số " and nd30.header.number.prefix == "Số: "
    assert (hd36.signature.on_behalf, hd36.signature.deputy) == ("T/M", "K/T")
    assert (nd30.signature.on_behalf, nd30.signature.deputy) == ("TM.", "KT.")
    assert hd36.headings.numbering == "I-" and nd30.headings.numbering == "I."
    assert hd36.page_number.position == "top_center" and hd36.page_number.first_page is False
    for name in ("hd36", "nd30"):
        data = json.loads((SHIPPED_DIR / f"{name}.json").read_text(encoding="utf-8"))
        assert "base" not in data  # shipped profiles are complete


def test_copy_edit_and_select_a_profile(demo_db):
    path = copy_profile("hd36", "langson")
    assert path.parent == user_profiles_dir() and path.exists()
    assert "langson" in list_profiles()
    data = json.loads(path.read_text(encoding="utf-8"))
    data["page"]["margin_left_mm"] = 35
    data["page"]["margin_top_mm"] = 25
    data["headings"]["numbering"] = "I."
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    pid = program_id(demo_db, "42-NQ/TW")
    document, _ = build_program_document(demo_db, pid, "langson", today=TODAY)
    document = reopen(document)
    section = document.sections[0]
    assert round(section.left_margin.mm) == 35 and round(section.top_margin.mm) == 25
    assert round(section.right_margin.mm) == 15
    assert "I. MỤC ĐÍCH, YÊU CẦU" in all_text(document)
    header_grid = [int(c.get(qn("w:w"))) for c in document.tables[0]._tbl.findall("w:tblGrid/w:gridCol", NS)]
    assert sum(header_grid) <= round((section.page_width - section.left_margin - section.right_margin) / 635)
    # a Profile object works as well as a name
    document2, _ = build_program_document(demo_db, pid, load_profile("langson"), today=TODAY)
    assert round(reopen(document2).sections[0].left_margin.mm) == 35
    with pytest.raises(ProfileError, match="Đã có"):
        copy_profile("hd36", "langson")


def test_a_copy_missing_a_newer_key_takes_it_from_its_base():
    path = copy_profile("nd30", "ubnd")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["base"] == "nd30"
    del data["ending"]
    del data["header"]["place_date"]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    profile = load_profile("ubnd")
    assert profile.ending.text == "./." and profile.header.place_date.italic is True
    assert profile.signature.on_behalf == "TM."


def test_a_user_copy_named_like_a_shipped_profile_overrides_it():
    folder = user_profiles_dir()
    folder.mkdir(parents=True)
    data = json.loads((SHIPPED_DIR / "hd36.json").read_text(encoding="utf-8"))
    data["page"]["margin_left_mm"] = 32
    (folder / "hd36.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert list_profiles().count("hd36") == 1
    assert load_profile("hd36").page.margin_left_mm == 32


@pytest.mark.parametrize("change, expected", [
    (lambda d: d["page"].__setitem__("margin_top_mm", "20"), "«page.margin_top_mm» phải là một số"),
    (lambda d: d["page"].__setitem__("margin_top_mm", -5), "«page.margin_top_mm» phải là một số từ 0"),
    (lambda d: d["page"].__setitem__("margn_left_mm", 30), "Khóa «page.margn_left_mm» không có"),
    (lambda d: d["headings"].__setitem__("numbering", "1."), "«headings.numbering» phải là một trong «I-», «I.»"),
    (lambda d: d["ending"].__setitem__("enabled", "có"), "«ending.enabled» phải là true"),
    (lambda d: d.pop("signature"), "Thiếu khóa «signature»"),
    (lambda d: d["header"].__setitem__("issuing_mark", {"kind": "rule"}), "«header.issuing_mark»: đường kẻ"),
    (lambda d: d["font"].__setitem__("name", "Times\x00"), "ký tự điều khiển"),
    (lambda d: d["draft"].__setitem__("round", "Lần"), "{n}"),
])
def test_invalid_profile_is_refused_with_a_clear_message(change, expected):
    data = json.loads((SHIPPED_DIR / "hd36.json").read_text(encoding="utf-8"))
    change(data)
    folder = user_profiles_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sai.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ProfileError) as info:
        load_profile("sai")
    message = str(info.value)
    assert expected in message and "Mẫu thể thức «sai»" in message
    assert isinstance(info.value, NqdeskError)


def test_profile_errors_for_unknown_names_bad_json_and_bad_copy_names():
    with pytest.raises(ProfileError, match="Không có mẫu thể thức «khong-co».*hd36, nd30"):
        load_profile("khong-co")
    folder = user_profiles_dir()
    folder.mkdir(parents=True)
    (folder / "hong.json").write_text('{"schema": 1,\n "name": "x",,}', encoding="utf-8")
    with pytest.raises(ProfileError, match="dòng 2"):
        load_profile("hong")
    for bad in ("", "../x", "có dấu", "a/b", "x" * 61):
        with pytest.raises(ProfileError, match="không hợp lệ"):
            copy_profile("hd36", bad)
    with pytest.raises(ProfileError):
        copy_profile("khong-co", "moi")


def test_export_with_an_invalid_profile_writes_nothing(demo_db, tmp_path):
    with pytest.raises(ProfileError):
        export_program(demo_db, program_id(demo_db, "42-NQ/TW"), tmp_path / "x.docx", "khong-co")
    assert not (tmp_path / "x.docx").exists()


# --- property test ------------------------------------------------------------------------------------------

CONTROL = "\x00\x01\x07\x08\x0b\x0c\x0e\x1b\x1f\x7f\ud800\udbff\udc00\udfff\ufffe\uffff\t\n\r\u2028\u0085"
nasty_text = st.one_of(
    st.text(max_size=60),
    st.text(alphabet=st.sampled_from(list(CONTROL + "aăđ ệ\u0301\u0323Ư-+.1)")), max_size=60),
    st.integers(0, 5000).map(lambda n: "ộ" * n),  # one very long word
    st.just(""),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=0, max_size=30),
)
long_text = st.one_of(nasty_text, st.integers(1, 2000).map(lambda n: ("Nội dung nhiệm vụ \x07 " * 100)[:n]))
bodies_st = st.builds(BodyInfo, id=st.none() | st.integers(1, 50), name=nasty_text, short_name=nasty_text,
                      code=st.none() | nasty_text, kind=st.sampled_from(["party_committee", "advisory_body", "other"]))
documents_st = st.builds(DocumentInfo, symbol=nasty_text, kind_name=st.sampled_from(["Nghị quyết", "Kết luận"]),
                         issue_date=st.none() | st.dates(date(1950, 1, 1), date(2100, 12, 31)),
                         issuing_authority=nasty_text, subject=long_text,
                         classification=st.none() | st.sampled_from(["Mật", "Tối mật", "\x00"]))
tasks_st = st.builds(TaskInfo, content=long_text, group_title=st.sampled_from(["", "Nhóm A", "Nhóm\x00 B"]) | nasty_text,
                     lead=st.none() | bodies_st, coordinators=st.lists(bodies_st, max_size=3), product=nasty_text,
                     deadline_text=nasty_text, note=nasty_text)
programs_st = st.builds(
    ProgramData, id=st.none() | st.integers(1, 9), title=nasty_text, kind=st.sampled_from(["CTr", "KH"]),
    status=st.sampled_from(["drafting", "issued"]), number=st.none() | st.integers(-5, 10**7),
    issue_date=st.none() | st.dates(date(1950, 1, 1), date(2100, 12, 31)), place=nasty_text,
    draft_round=st.none() | st.integers(1, 99), classification=st.none() | nasty_text,
    opening_text=long_text, purpose_text=long_text, objectives_text=st.just("") | long_text, tasks_text=long_text,
    organisation_text=st.just("") | long_text, signing_authority=nasty_text,
    signing_mode=st.sampled_from(["T/M", "K/T", ""]), signer_title=nasty_text, signer_name=nasty_text,
    recipients=st.lists(nasty_text, max_size=4), issuing_body=st.none() | bodies_st,
    superior_body=st.none() | bodies_st, office_body=st.none() | bodies_st,
    documents=st.lists(documents_st, max_size=3), tasks=st.lists(tasks_st, max_size=5),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.large_base_example,
                                                                   HealthCheck.data_too_large])
@given(data=programs_st, profile_name=st.sampled_from(["hd36", "nd30"]))
def test_any_unicode_always_yields_a_document_python_docx_reopens(data, profile_name):
    profile = load_profile(SHIPPED_DIR / f"{profile_name}.json")
    document, warnings = render_program(data, profile, today=TODAY)
    assert all(isinstance(w, str) and w for w in warnings)
    reopened = reopen(document)
    text = all_text(reopened)
    assert text == unicodedata.normalize("NFC", text)
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]", text)
    assert len(reopened.sections) == (2 if data.tasks else 1)
    if data.tasks:
        rows = appendix_table(reopened).rows
        assert len(rows) >= 1 + len(data.tasks)


def test_property_strategy_covers_the_hard_cases():
    """The strategies above can produce what the acceptance asks for."""
    assert "\x00" in CONTROL and "\ud800" in CONTROL
    example = ProgramData(id=None, title="x", purpose_text="", tasks=[TaskInfo("N" * 2000)],
                          documents=[DocumentInfo("42-NQ/TW", subject="ộ" * 5000)])
    document, _ = render_program(example, load_profile(SHIPPED_DIR / "hd36.json"), today=TODAY)
    reopened = reopen(document)
    assert "N" * 2000 in all_text(reopened)


def test_profile_from_dict_fills_from_a_base():
    profile = Profile.from_dict({"page": {"margin_left_mm": 33}}, base="hd36")
    assert profile.page.margin_left_mm == 33 and profile.page.margin_right_mm == 15
    with pytest.raises(ProfileError):
        Profile.from_dict({"page": {"margin_left_mm": 33}})


def test_shipped_profile_files_are_utf8_json_without_bom():
    for path in SHIPPED_DIR.glob("*.json"):
        raw = path.read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf")
        json.loads(raw.decode("utf-8"))


def test_symbols_are_printed_canonically(demo_db):
    from desktop_app.store.models import Document
    pid = program_id(demo_db, "42-NQ/TW")
    with demo_db.write() as s:  # a symbol stored as typed, before canonical storage existed
        s.execute(update(Document).where(Document.symbol == "42-NQ/TW").values(symbol="42- nq/tw", type_code="nq"))
        s.execute(update(Program).where(Program.id == pid).values(number=5))
    document, _ = build_program_document(demo_db, pid, today=TODAY)
    document = reopen(document)
    text = all_text(document)
    assert "42- nq" not in text
    assert text.count("Nghị quyết số 42-NQ/TW, ngày 24/11/2023") == 2  # trích yếu and opening
    assert cell_texts(document.tables[0].cell(1, 0)) == ["Số 05-CTr/TU"]


def test_document_symbols_never_break_at_their_hyphen(demo_db):
    """"42-NQ/TW" in the body text is written with Word's non-breaking hyphen (a line can't
    end in "42-"), and still reads back as "42-NQ/TW"."""
    document, _warnings = program_docx.build_program_document(demo_db, 1, "hd36", today=date(2024, 7, 1))
    body_xml = document.element.body.xml
    assert "<w:noBreakHyphen/>" in body_xml
    assert "42-NQ" not in body_xml  # every such hyphen became the non-breaking element
    assert any("42-NQ/TW" in p.text for p in document.paragraphs)
