"""The table import's preview and refusals in the English UI (issue 13, "complete English");
what is kept in the data (a task's note) stays as written."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest

from desktop_app import i18n
from desktop_app.importers.body_names import KnownBody
from desktop_app.importers.collection_forms import read_form
from desktop_app.importers.table_import import plan_from_file, plan_from_text
from desktop_app.importers.tables import _percent

BODIES = [KnownBody(1, "Sở Nội vụ", "", None), KnownBody(2, "Sở Tài chính", "", None)]
AS_OF = date(2024, 1, 10)


@pytest.fixture
def english():
    i18n.set_language("en")
    yield
    i18n.set_language("vi")


def test_pasted_rows_preview_in_english(english):
    plan = plan_from_text("1\tRà soát quy chế\tSở Nội vụ\tSở Tài chính, các sở, ngành liên quan\tBáo cáo\tQuý I/2024\n"
                          "2\t\tSở Nội vụ\t\t\tQuý 5/2024\n", BODIES, as_of=AS_OF)
    first, second = plan.tasks
    assert (first.source, second.source) == ("pasted row 1", "pasted row 2")
    assert first.deadline_text == "Quý I/2024" and first.deadline_shown() == "Quý I/2024 → due 31/03/2024"
    assert first.collective == "Phối hợp: các sở, ngành liên quan"  # kept in the task's note, as written
    assert plan.all_problems() == [
        "pasted row 2, Task: The row has data but no task content.",
        "pasted row 2, Deadline: There is no quarter 5 (entered “Quý 5/2024”): the quarter must be I to IV, "
        "e.g. “Quý I/2024”.",
    ]
    text = plan.preview_text()
    assert text.splitlines()[0] == "File: pasted text"
    assert "    Lead: Sở Nội vụ → Sở Nội vụ (exact name match)" in text
    assert "    Deadline: Quý I/2024 → due 31/03/2024" in text
    assert "Tasks: 2, groups: 0, progress entries: 0; new bodies to create: 0." in text
    assert text.splitlines()[-1] == "2 errors must be fixed before importing."


def test_pasted_rows_preview_in_vietnamese_by_default():
    plan = plan_from_text("1\tRà soát quy chế\tSở Nội vụ\t\t\tQuý I/2024\n", BODIES, as_of=AS_OF)
    assert plan.tasks[0].source == "dòng dán 1"
    assert plan.summary() == "1 nhiệm vụ, 0 nhóm, 0 mục tiến độ; 0 cơ quan mới sẽ được tạo."


def test_cell_and_form_refusals_in_english(english, tmp_path):
    with pytest.raises(ValueError) as caught:
        _percent("nửa")
    assert str(caught.value) == "The completion rate “nửa” is not a number (e.g. 50 or 50%)."
    assert read_form(tmp_path / "missing.xlsx").problems == ["The file was not found."]
    broken = tmp_path / "form.xlsx"
    broken.write_bytes(b"not a workbook")
    assert read_form(broken).problems == [
        "The file is not a readable Excel workbook (.xlsx), so it is not a report form made by NQ Desk; "
        "use the form that was sent to the body."]


@pytest.mark.parametrize("sheets, source_vi, source_en", [
    (["Theo dõi"], "Dòng 2", "Row 2"),
    (["Ghi chú", "Theo dõi"], "trang «Theo dõi», dòng 2", "sheet “Theo dõi”, row 2"),
])
def test_excel_rows_are_named_in_the_ui_language(tmp_path, sheets, source_vi, source_en):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name in sheets:
        ws = book.create_sheet(name)
        if name == "Theo dõi":
            ws.append(["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành"])
            ws.append([1, "Rà soát quy chế", "Sở Nội vụ", "Quý I/2024"])
    path = tmp_path / "theo-doi.xlsx"
    book.save(path)
    assert [t.source for t in plan_from_file(path, BODIES, as_of=AS_OF).tasks] == [source_vi]
    i18n.set_language("en")
    try:
        assert [t.source for t in plan_from_file(path, BODIES, as_of=AS_OF).tasks] == [source_en]
    finally:
        i18n.set_language("vi")
