"""The Word and Excel documents never turn English (issue 13, "complete English": the UI is
translated, the documents a Party committee sends stay Vietnamese). Each document type is built
with the UI in Vietnamese and in English; the documents must be identical, byte for byte in
Word's parts and value for value in Excel's cells. Only the warnings shown beside an export
follow the UI language."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from sqlalchemy import select

from desktop_app import i18n
from desktop_app.export.collection_xlsx import build_form
from desktop_app.export.followup_docx import build_followup_document
from desktop_app.export.program_docx import build_program_document
from desktop_app.export.report_docx import build_report_document
from desktop_app.export.report_xlsx import build_report_workbook
from desktop_app.export.study_docx import build_study_report
from desktop_app.export.table_export import write_table_docx, write_table_xlsx
from desktop_app.ops.fields import TaskFields
from desktop_app.ops.programs import create_program
from desktop_app.ops.tasks import create_task
from desktop_app.reports.collection import collection_round
from desktop_app.reports.lists import list_programs
from desktop_app.store.models import Body

AS_OF = date(2024, 7, 1)
TODAY = date(2024, 7, 2)


def _in_both_languages(build):
    """(Vietnamese result, English result) of *build()*; the language is restored after."""
    try:
        i18n.set_language("vi")
        vietnamese = build()
        i18n.set_language("en")
        english = build()
    finally:
        i18n.set_language("vi")
    return vietnamese, english


def _word_parts(document) -> dict[str, bytes]:
    """The parts under word/ of a saved .docx (the text, headers, footers, styles, numbering);
    docProps holds save times, not document text."""
    if hasattr(document, "save"):
        buffer = io.BytesIO()
        document.save(buffer)
        data = buffer.getvalue()
    else:
        data = document.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist() if name.startswith("word/")}


def _cells(workbook) -> dict:
    """Every sheet's name, cell values and data-validation texts of an openpyxl workbook."""
    if not hasattr(workbook, "worksheets"):
        import openpyxl

        workbook = openpyxl.load_workbook(workbook)
    out = {}
    for ws in workbook.worksheets:
        values = [[c.value for c in row] for row in ws.iter_rows()]
        checks = [(v.errorTitle, v.error, v.promptTitle, v.prompt) for v in ws.data_validations.dataValidation]
        out[ws.title] = (values, checks, ws.oddHeader.center.text if ws.oddHeader else None)
    return out


def _assert_same_docx(pair) -> None:
    (vi_doc, vi_warnings), (en_doc, en_warnings) = pair
    vi_parts, en_parts = _word_parts(vi_doc), _word_parts(en_doc)
    assert "word/document.xml" in vi_parts and len(vi_parts["word/document.xml"]) > 2000
    assert vi_parts == en_parts
    assert len(vi_warnings) == len(en_warnings)


def _body(db, code: str) -> int:
    with db.read() as s:
        return s.scalar(select(Body.id).where(Body.code == code))


def test_programme_document(demo_db):
    pid = list_programs(demo_db)[0][0].id
    _assert_same_docx(_in_both_languages(lambda: build_program_document(demo_db, pid, today=TODAY)))


def test_programme_with_warnings_only_the_warnings_turn_english(sqlite_db):
    pid = create_program(sqlite_db, "Chương trình chưa có cơ quan ban hành").entity_id
    create_task(sqlite_db, pid, "Rà soát quy hoạch", TaskFields(group_title="Nhóm một"))
    (vi_doc, vi_warnings), (en_doc, en_warnings) = _in_both_languages(
        lambda: build_program_document(sqlite_db, pid, today=TODAY))
    assert _word_parts(vi_doc) == _word_parts(en_doc)
    assert "Chương trình chưa có cơ quan ban hành: phần tên cơ quan ở đầu văn bản để trống." in vi_warnings
    assert "The programme has no issuing body: the body name at the top of the document is left blank." \
        in en_warnings


def test_periodic_report_word_and_excel(demo_db):
    _assert_same_docx(_in_both_languages(lambda: build_report_document(demo_db, date(2024, 1, 1), AS_OF)))
    vi_book, en_book = _in_both_languages(lambda: build_report_workbook(demo_db, date(2024, 1, 1), AS_OF))
    vi_cells = _cells(vi_book)
    assert list(vi_cells) == ["Theo dõi", "Tổng hợp"]
    assert vi_cells == _cells(en_book)


def test_followup_letter(demo_db):
    body_id = _body(demo_db, "BCSĐ")
    _assert_same_docx(_in_both_languages(lambda: build_followup_document(demo_db, body_id, AS_OF, today=TODAY)))


def test_study_report(demo_db):
    _assert_same_docx(_in_both_languages(
        lambda: build_study_report(demo_db, "45-NQ/TW", date(2023, 12, 31), today=date(2024, 2, 5))))


def test_collection_form(demo_db):
    programs = [p.id for p, _d, _n in list_programs(demo_db)]
    form = collection_round(demo_db, AS_OF, programs).forms[0]
    vi_book, en_book = _in_both_languages(lambda: build_form(form, AS_OF, "form-1"))
    vi_cells = _cells(vi_book)
    assert any("PHIẾU BÁO CÁO TIẾN ĐỘ" in str(v) for sheet in vi_cells.values() for row in sheet[0] for v in row)
    assert vi_cells == _cells(en_book)


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_table_export(tmp_path, kind):
    headers, rows = ["Nội dung", "Thời hạn"], [["Rà soát", date(2024, 6, 30)], ["Tổng kết", None]]
    write = write_table_docx if kind == "docx" else write_table_xlsx
    vi_path, en_path = _in_both_languages(
        lambda: write(tmp_path / f"{i18n.language()}.{kind}", "", headers, rows))
    if kind == "docx":
        assert _word_parts(vi_path) == _word_parts(en_path)
    else:
        vi_cells = _cells(vi_path)
        assert list(vi_cells) == ["Danh sách"]  # a list with no title: the sheet keeps its Vietnamese name
        assert vi_cells == _cells(en_path)
