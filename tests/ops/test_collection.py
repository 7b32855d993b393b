"""The report-collection round: writing the forms, and recording returned forms with every
problem the issue lists (another body's form, stale forms, a form or task filled twice,
locked columns edited, impossible values, files that are not our form)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from openpyxl import Workbook, load_workbook
from log_summary_support import assert_summaries_match_log
from ops_support import dump_all
from sqlalchemy import func, select

from desktop_app.core.collection_form import (
    COLUMN_INDEX,
    FIRST_TASK_ROW,
    FORM_SHEET,
    KEY_COLUMN,
    KEY_SHEET,
    REFERENCE_CELL,
    REPORT_DATE_CELL,
    parse_row_key,
    row_key,
    task_fingerprint,
)
from desktop_app.export.collection_xlsx import write_collection_forms
from desktop_app.ops.collection import import_forms
from desktop_app.ops.fields import TaskFields
from desktop_app.ops.tasks import delete_task, update_task
from desktop_app.ops.undo import undo
from desktop_app.reports.collection import collection_round
from desktop_app.reports.lists import list_programs
from desktop_app.store.models import JournalEntry, ProgressEntry, Task

AS_OF = date(2026, 1, 2)  # after every demo report: no later entry clashes
TODAY = date(2026, 1, 10)


def _programs(db) -> list[int]:
    return [p.id for p, _d, _n in list_programs(db)]


@pytest.fixture
def forms(demo_db, tmp_path):
    """The round of 02/01/2026 over every demo programme: {body name: (path, BodyForm)}."""
    round_ = collection_round(demo_db, AS_OF, _programs(demo_db))
    paths = write_collection_forms(round_, tmp_path)
    return {f.body_name: (p, f) for f, p in zip(round_.forms, paths)}


def _pick(forms, rows: int = 2):
    """A form with at least *rows* tasks."""
    return next(v for v in forms.values() if len(v[1].tasks) >= rows)


def _fill(path, values: dict[int, dict], *, reference: str | None = None, report_date=None, target=None):
    """Fill a form as a body would (openpyxl): {row offset: {column key: value}}."""
    wb = load_workbook(path)
    ws = wb[FORM_SHEET]
    for offset, cells in values.items():
        for key, value in cells.items():
            ws.cell(FIRST_TASK_ROW + offset, COLUMN_INDEX[key]).value = value
    if reference is not None:
        ws[REFERENCE_CELL] = reference
    if report_date is not None:
        ws[REPORT_DATE_CELL] = report_date
    wb.save(target or path)
    return target or path


def _entries(db) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(ProgressEntry))


def _only_problems(result) -> list[str]:
    return [p for f in result.files for p in f.all_problems()]


# --- the key and the fingerprint ------------------------------------------------------------

def test_row_key_round_trip_and_garbage():
    fp = task_fingerprint(1, "Nội dung", 2, "date", date(2026, 1, 1), "01/01/2026", None)
    assert len(fp) == 16
    assert parse_row_key(row_key(15, fp)) == (15, fp)
    for bad in (None, 15, "15", "x:" + fp, "15:" + fp[:-1], "15:" + fp.upper(), "1:2:3"):
        assert parse_row_key(bad) is None


def test_fingerprint_changes_with_each_identifying_field():
    base = (1, "Nội dung", 2, "date", date(2026, 1, 1), "01/01/2026", date(2025, 1, 1))
    seen = {task_fingerprint(*base)}
    for i, other in enumerate((9, "Khác", 3, "quarter", date(2026, 3, 31), "Quý I/2026", date(2025, 2, 1))):
        changed = list(base)
        changed[i] = other
        seen.add(task_fingerprint(*changed))
    assert len(seen) == 8


# --- writing the forms ----------------------------------------------------------------------

def test_round_has_one_form_per_lead_body_without_completed_tasks(demo_db):
    program_ids = _programs(demo_db)
    round_ = collection_round(demo_db, AS_OF, program_ids)
    with demo_db.read() as s:
        tasks = {t.id: t for t in s.scalars(select(Task))}
    listed = [t.task_id for f in round_.forms for t in f.tasks]
    assert len(listed) == len(set(listed))
    for form in round_.forms:
        assert form.tasks and all(tasks[t.task_id].lead_body_id == form.body_id for t in form.tasks)
    assert len(listed) + round_.completed_skipped + round_.unassigned == len(tasks)
    assert round_.completed_skipped > 0  # the demo has tasks completed by then
    one = round_.forms[0].body_id
    only = collection_round(demo_db, AS_OF, program_ids, [one])
    assert [f.body_id for f in only.forms] == [one]


def test_form_layout_protection_validation_and_printing(forms):
    path, form = _pick(forms)
    wb = load_workbook(path)
    ws = wb[FORM_SHEET]
    assert wb[KEY_SHEET].sheet_state == "veryHidden"
    assert ws.protection.sheet and ws.protection.password
    assert ws.column_dimensions["A"].hidden
    first = FIRST_TASK_ROW
    assert parse_row_key(ws.cell(first, KEY_COLUMN).value)[0] == form.tasks[0].task_id
    assert ws.cell(first, COLUMN_INDEX["content"]).value == form.tasks[0].content
    for key in ("number", "program", "content", "deadline", "status", "last_percent"):
        assert ws.cell(first, COLUMN_INDEX[key]).protection.locked
    for key in ("percent", "completed_on", "reference", "note"):
        assert not ws.cell(first, COLUMN_INDEX[key]).protection.locked
    assert not ws[REFERENCE_CELL].protection.locked and not ws[REPORT_DATE_CELL].protection.locked
    validations = {str(v.sqref): v for v in ws.data_validations.dataValidation}
    percent_col = ws.cell(first, COLUMN_INDEX["percent"]).column_letter
    percent = next(v for r, v in validations.items() if r.startswith(percent_col))
    assert (percent.type, percent.formula1, percent.formula2) == ("whole", "0", "100")
    date_col = ws.cell(first, COLUMN_INDEX["completed_on"]).column_letter
    day = next(v for r, v in validations.items() if date_col in r)
    assert day.type == "date" and REPORT_DATE_CELL in str(day.sqref)
    assert ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.print_title_rows.replace("$", "") == "8:8"
    assert "PHIẾU BÁO CÁO" in ws["A1"].value and form.body_name in ws["A2"].value


def test_formula_like_content_stays_text(demo_db, tmp_path):
    form = collection_round(demo_db, AS_OF, _programs(demo_db)).forms[0]
    update_task(demo_db, form.tasks[0].task_id, TaskFields(content='=HYPERLINK("http://x","y")'))
    round_ = collection_round(demo_db, AS_OF, _programs(demo_db), [form.body_id])
    path = write_collection_forms(round_, tmp_path)[0]
    ws = load_workbook(path)[FORM_SHEET]
    cells = [ws.cell(r, COLUMN_INDEX["content"]) for r in range(FIRST_TASK_ROW, ws.max_row + 1)]
    hit = [c for c in cells if c.value == '=HYPERLINK("http://x","y")']
    assert hit and hit[0].data_type == "s"


# --- recording returned forms ----------------------------------------------------------------

def test_filled_forms_are_recorded_with_the_body_reference_in_one_journal_entry(demo_db, forms):
    (p1, f1), (p2, f2) = [v for v in forms.values() if len(v[1].tasks) >= 2][:2]
    _fill(p1, {0: {"percent": 40, "note": "Đang xây dựng dự thảo"},
               1: {"completed_on": datetime(2025, 12, 28), "reference": "45-BC/BTG"}}, reference="44-BC/BTG")
    _fill(p2, {1: {"percent": "60%", "note": "Đã họp lấy ý kiến"}}, report_date=datetime(2026, 1, 5))
    with demo_db.read() as s:
        journal_before = s.scalar(select(func.count()).select_from(JournalEntry))
    result = import_forms(demo_db, [p1, p2], today=TODAY)
    assert [f.accepted for f in result.files] == [True, True], _only_problems(result)
    assert result.recorded == 3 and result.backup is not None and result.backup.exists()
    with demo_db.read() as s:
        new = list(s.scalars(select(ProgressEntry).order_by(ProgressEntry.id.desc()).limit(3)))[::-1]
        journal = list(s.scalars(select(JournalEntry).where(JournalEntry.id > 0).order_by(JournalEntry.id)))
    assert len(journal) == journal_before + 1
    assert result.backup.name in journal[-1].name and result.journal_id == journal[-1].id
    assert [(e.task_id, e.reported_on, e.percent, e.completed, e.evidence, e.reported_by, e.note) for e in new] == [
        (f1.tasks[0].task_id, AS_OF, 40, False, "44-BC/BTG", f1.body_name, "Đang xây dựng dự thảo"),
        (f1.tasks[1].task_id, date(2025, 12, 28), 100, True, "45-BC/BTG", f1.body_name, ""),
        (f2.tasks[1].task_id, date(2026, 1, 5), 60, False, "", f2.body_name, "Đã họp lấy ý kiến"),
    ]
    assert result.files[0].unfilled == len(f1.tasks) - 2
    summaries = assert_summaries_match_log(demo_db)  # the tasks' log summaries (issue 12)
    assert summaries[f1.tasks[1].task_id][1] == date(2025, 12, 28)
    # the whole batch is undone as one operation
    undo(demo_db)
    assert_summaries_match_log(demo_db)
    with demo_db.read() as s:
        assert not s.scalars(select(ProgressEntry).where(ProgressEntry.id.in_([e.id for e in new]))).all()


def test_dry_run_shows_what_would_be_recorded_and_writes_nothing(demo_db, forms):
    path, form = _pick(forms)
    _fill(path, {0: {"percent": 30}})
    before = dump_all(demo_db)
    result = import_forms(demo_db, [path], dry_run=True, today=TODAY)
    assert dump_all(demo_db) == before
    assert result.recorded == 1 and result.backup is None and result.journal_id is None
    assert [(e.task_id, e.percent) for e in result.files[0].entries] == [(form.tasks[0].task_id, 30)]
    assert result.summary().startswith("Sẽ ghi 1 mục")


def test_a_bad_file_is_refused_whole_and_the_good_ones_recorded(demo_db, forms):
    (good, _g), (bad, bad_form) = [v for v in forms.values() if len(v[1].tasks) >= 2][:2]
    _fill(good, {0: {"percent": 20}})
    _fill(bad, {0: {"percent": 50}, 1: {"percent": 120}})
    before = _entries(demo_db)
    result = import_forms(demo_db, [good, bad], today=TODAY)
    assert [f.accepted for f in result.files] == [True, False]
    assert result.recorded == 1 and _entries(demo_db) == before + 1  # row 0 of the bad file is not written
    assert "120%" in result.files[1].all_problems()[0]


def test_strict_refuses_the_whole_batch(demo_db, forms):
    (good, _g), (bad, _b) = [v for v in forms.values() if len(v[1].tasks) >= 2][:2]
    _fill(good, {0: {"percent": 20}})
    _fill(bad, {0: {"percent": "nhiều"}})
    before = dump_all(demo_db)
    result = import_forms(demo_db, [good, bad], strict=True, today=TODAY)
    assert dump_all(demo_db) == before and result.recorded == 0 and result.journal_id is None
    assert result.summary().startswith("Chưa ghi gì")


def _refused_with(demo_db, paths, fragment: str):
    before = dump_all(demo_db)
    result = import_forms(demo_db, paths, today=TODAY)
    assert dump_all(demo_db) == before, "nothing may be written"
    problems = _only_problems(result)
    assert any(fragment in p for p in problems), problems
    assert not any(f.accepted and f.entries for f in result.files)
    return result


def test_form_for_another_body(demo_db, forms):
    path, form = _pick(forms)
    other = next(f for _p, f in forms.values() if f.body_id != form.body_id)
    wb = load_workbook(path)
    keys = wb[KEY_SHEET]
    row = next(r for r in range(1, 8) if keys.cell(r, 1).value == "body_id")
    keys.cell(row, 2).value = other.body_id
    wb.save(path)
    _fill(path, {0: {"percent": 10}})
    _refused_with(demo_db, [path], f"không do {other.body_name} chủ trì")


def test_task_reassigned_since_the_form_was_written(demo_db, forms):
    path, form = _pick(forms)
    other = next(f for _p, f in forms.values() if f.body_id != form.body_id)
    update_task(demo_db, form.tasks[0].task_id, TaskFields(lead_body_id=other.body_id))
    _fill(path, {0: {"percent": 10}})
    _refused_with(demo_db, [path], f"cơ quan chủ trì hiện nay: {other.body_name}")


def test_stale_form_task_changed(demo_db, forms):
    path, form = _pick(forms)
    update_task(demo_db, form.tasks[0].task_id, TaskFields(content="Nội dung đã sửa sau khi gửi phiếu"))
    _fill(path, {0: {"percent": 10}})
    _refused_with(demo_db, [path], "phiếu cũ")


def test_stale_form_task_deleted(demo_db, forms):
    path, form = _pick(forms)
    delete_task(demo_db, form.tasks[0].task_id)
    _fill(path, {0: {"percent": 10}})
    _refused_with(demo_db, [path], "đã bị xóa")


def test_same_form_filled_twice(demo_db, forms, tmp_path):
    path, _form = _pick(forms)
    _fill(path, {0: {"percent": 10}})
    copy = _fill(path, {0: {"percent": 15}}, target=tmp_path / "ban-sao.xlsx")
    result = _refused_with(demo_db, [path, copy], "được điền hai lần")
    assert all(not f.accepted for f in result.files)


def test_a_file_chosen_twice_counts_once(demo_db, forms):
    path, _form = _pick(forms)
    _fill(path, {0: {"percent": 10}})
    result = import_forms(demo_db, [path, path.parent / ".." / path.parent.name / path.name], today=TODAY)
    assert len(result.files) == 1 and result.recorded == 1


def test_same_form_imported_again(demo_db, forms):
    path, _form = _pick(forms)
    _fill(path, {0: {"percent": 10}}, reference="12-BC/X")
    assert import_forms(demo_db, [path], today=TODAY).recorded == 1
    _refused_with(demo_db, [path], "đã được ghi vào sổ theo dõi")


def test_same_task_in_two_forms(demo_db, forms, tmp_path):
    path, form = _pick(forms)
    again = collection_round(demo_db, AS_OF, _programs(demo_db), [form.body_id])
    (tmp_path / "dot2").mkdir()
    second = write_collection_forms(again, tmp_path / "dot2")[0]
    _fill(path, {0: {"percent": 10}})
    _fill(second, {0: {"percent": 20}})
    _refused_with(demo_db, [path, second], "nhiều phiếu")


@pytest.mark.parametrize("column", ["content", "deadline", "number", "last_percent"])
def test_edit_to_a_locked_column(demo_db, forms, column):
    path, _form = _pick(forms)
    _fill(path, {0: {"percent": 10, column: 77 if column in ("number", "last_percent") else "Sửa tay"}})
    _refused_with(demo_db, [path], "cột khóa")


def test_edit_to_the_hidden_key_and_added_or_deleted_rows(demo_db, forms):
    path, form = _pick(forms)
    _fill(path, {0: {"percent": 10, "key": row_key(999999, "0" * 16)}})
    _refused_with(demo_db, [path], "khóa nhiệm vụ")
    path2, form2 = [v for v in forms.values() if len(v[1].tasks) >= 2][1]
    wb = load_workbook(path2)
    wb[FORM_SHEET].delete_rows(FIRST_TASK_ROW + 1)
    wb.save(path2)
    _fill(path2, {0: {"percent": 10}})
    _refused_with(demo_db, [path2], "bị xóa")


@pytest.mark.parametrize("cells, fragment", [
    ({"percent": 101}, "phải từ 0 đến 100"),
    ({"percent": -5}, "phải từ 0 đến 100"),
    ({"percent": 33.5}, "không phải số nguyên"),
    ({"percent": "đang thực hiện"}, "không phải là số"),
    ({"completed_on": "sắp xong"}, "không phải là ngày"),
    ({"completed_on": datetime(2026, 2, 1)}, "Ngày hoàn thành 01/02/2026 ở tương lai"),
    ({"completed_on": datetime(2026, 1, 1), "percent": 80}, "phải là 100%"),
])
def test_impossible_values(demo_db, forms, cells, fragment):
    path, _form = _pick(forms)
    _fill(path, {0: cells})
    _refused_with(demo_db, [path], fragment)


def test_completion_before_the_task_was_assigned(demo_db, forms):
    path, form = _pick(forms)
    update_task(demo_db, form.tasks[0].task_id, TaskFields(assigned_date=date(2025, 3, 1)))
    fresh = collection_round(demo_db, AS_OF, _programs(demo_db), [form.body_id])
    (path.parent / "moi").mkdir()
    path = write_collection_forms(fresh, path.parent / "moi")[0]
    _fill(path, {0: {"completed_on": datetime(2025, 2, 1)}})
    _refused_with(demo_db, [path], "trước ngày giao nhiệm vụ")


def test_report_date_in_the_future(demo_db, forms):
    path, _form = _pick(forms)
    _fill(path, {0: {"percent": 10}}, report_date=datetime(2026, 12, 1))
    _refused_with(demo_db, [path], "Ngày văn bản báo cáo 01/12/2026 ở tương lai")


def test_not_our_form(demo_db, tmp_path):
    plain = tmp_path / "bang-khac.xlsx"
    wb = Workbook()
    wb.active["A1"] = "Bảng theo dõi tự làm"
    wb.save(plain)
    text = tmp_path / "ghi-chu.xlsx"
    text.write_text("không phải Excel", encoding="utf-8")
    result = _refused_with(demo_db, [plain, text, tmp_path / "khong-co.xlsx"], "không phải phiếu báo cáo")
    assert [len(f.problems) for f in result.files] == [1, 1, 1]
    assert "Không tìm thấy tệp" in result.files[2].problems[0]


def test_a_returned_form_with_nothing_filled_records_nothing(demo_db, forms):
    path, form = _pick(forms)
    before = dump_all(demo_db)
    result = import_forms(demo_db, [path], today=TODAY)
    assert result.files[0].accepted and result.recorded == 0 and result.files[0].unfilled == len(form.tasks)
    assert dump_all(demo_db) == before


def test_a_note_alone_and_100_percent_without_a_date(demo_db, forms):
    path, form = _pick(forms)
    _fill(path, {0: {"note": "Đang khảo sát"}, 1: {"percent": 100}})
    result = import_forms(demo_db, [path], today=TODAY)
    found = result.files[0]
    assert found.accepted, found.all_problems()
    assert [(e.percent, e.completed, e.note) for e in found.entries] == [(None, False, "Đang khảo sát"),
                                                                      (100, False, "")]
    assert any("chưa ghi ngày hoàn thành" in w for w in found.warnings)


def test_a_round_dated_ahead_needs_the_report_date(demo_db, tmp_path):
    ahead = collection_round(demo_db, date(2026, 3, 31), _programs(demo_db))
    path = write_collection_forms(ahead, tmp_path)[0]
    _fill(path, {0: {"percent": 20}})
    result = _refused_with(demo_db, [path], "Hãy ghi «Ngày văn bản báo cáo»")
    assert result.recorded == 0
    _fill(path, {}, report_date=datetime(2026, 1, 9))
    again = import_forms(demo_db, [path], today=TODAY)
    assert again.recorded == 1 and again.files[0].entries[0].reported_on == date(2026, 1, 9)


@pytest.mark.postgres
def test_recording_on_postgresql(pg_db, tmp_path):
    from desktop_app.ops.interchange import import_file
    from desktop_app.resources import DEMO_FILE

    import_file(pg_db, DEMO_FILE, today=date(2026, 1, 1))
    round_ = collection_round(pg_db, AS_OF, _programs(pg_db))
    paths = write_collection_forms(round_, tmp_path)
    form = next(f for f in round_.forms if len(f.tasks) >= 2)
    path = paths[round_.forms.index(form)]
    _fill(path, {0: {"percent": 35}, 1: {"completed_on": datetime(2025, 12, 20)}}, reference="9-BC/X")
    result = import_forms(pg_db, [path], today=TODAY)
    assert result.recorded == 2 and result.backup is None and result.journal_id is not None
    with pg_db.read() as s:
        rows = s.execute(select(ProgressEntry.task_id, ProgressEntry.percent, ProgressEntry.completed,
                                ProgressEntry.evidence).order_by(ProgressEntry.id.desc()).limit(2)).all()
    assert sorted(tuple(r) for r in rows) == sorted([(form.tasks[0].task_id, 35, False, "9-BC/X"),
                                                     (form.tasks[1].task_id, 100, True, "9-BC/X")])
    _refused_with(pg_db, [path], "đã được ghi vào sổ theo dõi")


def test_rows_are_tall_enough_for_their_wrapped_text(demo_db, tmp_path):
    from desktop_app.export.collection_xlsx import _lines

    assert _lines("", 10) == 1 and _lines("x" * 50, 10) == 5 and _lines("a\nb", 40) == 2
    form = collection_round(demo_db, AS_OF, _programs(demo_db)).forms[0]
    path = write_collection_forms(collection_round(demo_db, AS_OF, _programs(demo_db), [form.body_id]), tmp_path)[0]
    ws = load_workbook(path)[FORM_SHEET]
    for n, task in enumerate(form.tasks):
        height = ws.row_dimensions[FIRST_TASK_ROW + n].height
        assert height >= 15 * _lines(task.content, 46)
