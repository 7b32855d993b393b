"""Word and Excel files in real layouts, read into the preview and written all or nothing."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import func, select

from desktop_app.cli import main
from desktop_app.core.deadlines import parse_deadline
from desktop_app.export.program_docx import export_program
from desktop_app.importers.docx_reader import ReadError
from desktop_app.importers.table_plan import CellProblem
from desktop_app.ops.fields import TaskFields
from desktop_app.ops.table_import import PlanRefused, apply_plan, preview_file
from desktop_app.reports.lists import list_programs
from desktop_app.store.models import (
    Body,
    Document,
    JournalEntry,
    Program,
    ProgramDocument,
    ProgressEntry,
    Task,
    TaskCoordinator,
)

from log_summary_support import assert_summaries_match_log

from .layouts import PROVINCE_TASKS, SHEET_TASKS, add_province_bodies, province_docx, tracking_xlsx


def _tasks(db, program_id):
    with db.read() as s:
        tasks = list(s.scalars(select(Task).where(Task.program_id == program_id).order_by(Task.position)))
        coordinators = {}
        for c in s.scalars(select(TaskCoordinator).order_by(TaskCoordinator.position)):
            coordinators.setdefault(c.task_id, []).append(c.body_id)
        return [(t.group_title, t.content, t.lead_body_id, coordinators.get(t.id, []), t.product, t.deadline_kind,
                 t.due_date, t.deadline_text) for t in tasks], [t.note for t in tasks], [t.id for t in tasks]


def test_the_programs_own_export_imports_back_to_the_same_tasks(demo_db, tmp_path):
    programs = [p for p, _, n in list_programs(demo_db) if n]
    assert programs
    for program in programs:
        path = tmp_path / f"ctr-{program.id}.docx"
        export_program(demo_db, program.id, path)
        plan = preview_file(demo_db, path, as_of=date(2025, 1, 1))
        assert plan.all_problems() == [] and not plan.new_bodies()
        report = apply_plan(demo_db, plan, today=date(2025, 1, 1))
        before, _, _ = _tasks(demo_db, program.id)
        after, _, _ = _tasks(demo_db, report.program_id)
        assert after == before and len(after) == report.tasks_added
        with demo_db.read() as s:
            new, old = s.get(Program, report.program_id), s.get(Program, program.id)
            assert (new.number, new.issue_date, new.kind, new.issuing_body_id) == \
                   (old.number, old.issue_date, old.kind, old.issuing_body_id)
            docs = lambda pid: list(s.scalars(select(ProgramDocument.document_id).where(  # noqa: E731
                ProgramDocument.program_id == pid).order_by(ProgramDocument.position)))
            assert docs(new.id) == docs(old.id)
            assert new.purpose_text.startswith(old.purpose_text.split("\n")[0])


def test_another_provinces_programme(sqlite_db, tmp_path):
    ids = add_province_bodies(sqlite_db)
    path = tmp_path / "ke-hoach-27.docx"
    province_docx(path)
    plan = preview_file(sqlite_db, path, as_of=date(2025, 6, 30))
    assert plan.all_problems() == [] and plan.new_bodies() == []
    h = plan.header
    assert (h.kind, h.number, h.symbol, h.issue_date, h.place) == ("KH", 27, "27-KH/TU", date(2025, 3, 5), "Hà Giang")
    assert plan.bodies[h.issuing_body].body_id == ids["TU"]
    assert [(d.symbol, d.issue_date) for d in h.documents] == [("69-KL/TW", date(2025, 1, 15))]
    assert h.title.startswith("Kế hoạch thực hiện Kết luận số 69-KL/TW")
    assert h.sections["purpose"] == "Quán triệt sâu sắc nội dung Kết luận."
    assert h.sections["organisation"] == "Văn phòng Tỉnh ủy theo dõi, đôn đốc."
    assert set(plan.columns) == {"number", "content", "lead", "coordinators", "product", "deadline", "note"}
    assert len(plan.tasks) == len(PROVINCE_TASKS)
    for t, (group, content, lead, coordinators, collective, product, text, kind, due) in zip(plan.tasks, PROVINCE_TASKS):
        assert (t.group, t.content, t.product) == (group, content, product)
        assert plan.bodies[t.lead].body_id == ids[lead]
        assert [plan.bodies[k].body_id for k in t.coordinators] == [ids[c] for c in coordinators]
        assert t.collective == collective
        assert (t.deadline_kind, t.due_date, t.deadline_text) == (kind, due, parse_deadline(text).text)
    report = apply_plan(sqlite_db, plan, today=date(2025, 6, 30))
    rows, notes, _ = _tasks(sqlite_db, report.program_id)
    assert [r[2] for r in rows] == [ids[t[2]] for t in PROVINCE_TASKS]
    assert [r[3] for r in rows] == [[ids[c] for c in t[3]] for t in PROVINCE_TASKS]
    assert notes == [t[4] for t in PROVINCE_TASKS]
    with sqlite_db.read() as s:
        doc = s.scalar(select(Document).where(Document.symbol == "69-KL/TW"))
        assert (doc.issue_date, doc.type_code, doc.issuer_code) == (date(2025, 1, 15), "KL", "TW")
        program = s.get(Program, report.program_id)
        assert (program.status, program.issuing_body_id) == ("issued", ids["TU"])


def test_excel_tracking_sheet_with_progress(sqlite_db, tmp_path):
    ids = add_province_bodies(sqlite_db)
    path = tmp_path / "theo-doi.xlsx"
    tracking_xlsx(path)
    plan = preview_file(sqlite_db, path, as_of=date(2025, 6, 30))
    assert plan.all_problems() == []
    assert plan.header.title == "BẢNG THEO DÕI TIẾN ĐỘ THỰC HIỆN Chương trình hành động số 27-KH/TU của Tỉnh ủy"
    assert set(plan.columns) == {"number", "content", "lead", "coordinators", "deadline", "percent", "completed_on",
                                 "result", "note"}
    assert len(plan.tasks) == len(SHEET_TASKS)
    for t, (group, content, lead, coordinators, text, kind, due, progress) in zip(plan.tasks, SHEET_TASKS):
        assert (t.group, t.content) == (group, content)
        assert plan.bodies[t.lead].body_id == ids[lead]
        assert [plan.bodies[k].body_id for k in t.coordinators] == [ids[c] for c in coordinators]
        assert (t.deadline_kind, t.due_date, t.deadline_text) == (kind, due, parse_deadline(text).text)
        assert [(e.percent, e.completed, e.reported_on, e.note) for e in t.progress] == ([progress] if progress else [])
    report = apply_plan(sqlite_db, plan, today=date(2025, 6, 30))
    assert (report.tasks_added, report.progress_added, report.program_added) == (3, 2, True)
    assert len(assert_summaries_match_log(sqlite_db)) == 2  # the imported tasks' log summaries (issue 12)
    with sqlite_db.read() as s:
        entries = list(s.scalars(select(ProgressEntry).order_by(ProgressEntry.id)))
        assert [(e.percent, e.completed, e.reported_on) for e in entries] == [
            (100, True, date(2025, 3, 20)), (50, False, date(2025, 6, 30))]
        assert s.get(Program, report.program_id).status == "drafting"  # no number or date on a sheet


def test_apply_is_all_or_nothing_with_one_journal_entry_and_a_backup(sqlite_db, tmp_path):
    add_province_bodies(sqlite_db)
    path = tmp_path / "theo-doi.xlsx"
    tracking_xlsx(path)

    def counts():
        with sqlite_db.read() as s:
            return [s.scalar(select(func.count()).select_from(m)) for m in (Program, Task, Body, JournalEntry)]

    start = counts()
    plan = preview_file(sqlite_db, path, as_of=date(2025, 6, 30))
    dry = apply_plan(sqlite_db, plan, dry_run=True, today=date(2025, 6, 30))
    assert dry.tasks_added == 3 and dry.backup is None and counts() == start
    # a value the operations refuse (a progress report dated in the future) refuses it all
    plan.tasks[1].progress[0].reported_on = date(2030, 1, 1)
    with pytest.raises(PlanRefused) as err:
        apply_plan(sqlite_db, plan, today=date(2025, 6, 30))
    assert "tương lai" in str(err.value) and "Dòng 7" in str(err.value)
    assert counts() == start
    plan.tasks[1].progress[0].reported_on = date(2025, 6, 30)
    report = apply_plan(sqlite_db, plan, today=date(2025, 6, 30))
    assert report.backup is not None and report.backup.exists()
    end = counts()
    assert end[:2] == [start[0] + 1, start[1] + 3] and end[3] == start[3] + 1
    with sqlite_db.read() as s:
        entry = s.scalar(select(JournalEntry).order_by(JournalEntry.id.desc()))
        assert "theo-doi.xlsx" in entry.name and report.backup.name in entry.name and not entry.undoable


def test_unknown_bodies_become_new_bodies_and_problems_block(sqlite_db, tmp_path):
    path = tmp_path / "ke-hoach.docx"
    province_docx(path)  # no bodies in this database: all are new
    plan = preview_file(sqlite_db, path, as_of=date(2025, 6, 30))
    assert plan.all_problems() == []
    new = sorted(b.written for b in plan.new_bodies())
    assert "Sở LĐ-TB&XH" in new and "Ban Tuyên giáo" in new
    report = apply_plan(sqlite_db, plan, today=date(2025, 6, 30))
    assert report.bodies_added == len(new)
    # a refused deadline blocks the import, naming the row and the cell
    plan = preview_file(sqlite_db, path, as_of=date(2025, 6, 30))
    plan.tasks[0].problems.append(CellProblem("deadline", "Không hiểu thời hạn «hàng tháng»."))
    with pytest.raises(PlanRefused) as err:
        apply_plan(sqlite_db, plan)
    assert "bảng 2, dòng 4, Thời gian hoàn thành" in str(err.value)


def test_a_file_that_is_not_word_is_refused_clearly(sqlite_db, tmp_path):
    bad = tmp_path / "hong.docx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(ReadError, match="không phải tệp Word"):
        preview_file(sqlite_db, bad)


def test_cli_import_dry_run_json_and_real(tmp_path, capsys, sqlite_db):
    add_province_bodies(sqlite_db)
    dbfile = str(sqlite_db.path)
    sqlite_db.close()
    path = tmp_path / "ke-hoach-27.docx"
    province_docx(path)
    assert main(["--db", dbfile, "import", str(path), "--dry-run"]) == 0
    out = capsys.readouterr()
    assert "Sở LĐ-TB&XH → Sở Lao động - Thương binh và Xã hội (khớp tên viết tắt)" in out.out
    assert "chưa ghi gì" in out.err
    assert main(["--db", dbfile, "import", str(path), "--dry-run", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["tasks"]) == 6 and data["problems"] == []
    assert data["tasks"][2]["lead_body"]["how"] == "abbreviation"
    assert data["tasks"][4]["deadline"] == {"written": "Giai đoạn 2025-2026", "kind": "period",
                                            "due_date": "2026-12-31", "text": parse_deadline("Giai đoạn 2025 - 2026").text}
    assert main(["--db", dbfile, "import", str(path)]) == 0
    out = capsys.readouterr()
    assert "Đã nhập 6 nhiệm vụ" in out.err and "sao lưu" in out.err


def test_cli_problems_exit_1_and_write_nothing(tmp_path, capsys):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["STT", "Nội dung nhiệm vụ", "Thời hạn"])
    wb.active.append([1, "Việc một", "hàng tháng"])
    path = tmp_path / "loi.xlsx"
    wb.save(path)
    dbfile = tmp_path / "moi.sqlite3"
    assert main(["--db", str(dbfile), "import", str(path), "--dry-run"]) == 1
    err = capsys.readouterr().err
    assert "Không nhập được: có 1 lỗi" in err and "Dòng 2, Thời gian hoàn thành" in err
    assert not dbfile.exists()  # a dry run creates no database
    assert main(["--db", str(dbfile), "import", str(path)]) == 1
    from desktop_app.store.db import open_database

    db = open_database(dbfile)
    try:
        with db.read() as s:
            assert s.scalar(select(func.count()).select_from(Task)) == 0
    finally:
        db.close()


def test_pasted_rows_are_appended_to_an_existing_programme(db):
    """Paste into a programme's task table: the rows go after its tasks, on SQLite and PostgreSQL."""
    from desktop_app.ops.programs import create_program
    from desktop_app.ops.table_import import preview_text
    from desktop_app.ops.tasks import create_task

    ids = add_province_bodies(db)
    program_id = create_program(db, "Chương trình thử").entity_id
    create_task(db, program_id, "Việc có sẵn", TaskFields(lead_body_id=ids["SNV"]))
    text = ('1\tViệc dán một\tSở LĐ-TB&XH\t"Sở Tài chính\nUBND tỉnh"\tKế hoạch\tQuý III/2025\n'
            "2\tViệc dán hai\tSở GD&ĐT\tcác sở, ngành liên quan\tBáo cáo\tThường xuyên\n")
    plan = preview_text(db, text, as_of=date(2025, 6, 30))
    assert plan.can_apply
    report = apply_plan(db, plan, program_id=program_id)
    assert (report.program_id, report.program_added, report.tasks_added) == (program_id, False, 2)
    rows, notes, _ = _tasks(db, program_id)
    assert [r[1] for r in rows] == ["Việc có sẵn", "Việc dán một", "Việc dán hai"]
    assert rows[1][2:4] == (ids["SLĐTBXH"], [ids["STC"], ids["UBND"]])
    assert (rows[1][5], rows[1][6]) == ("quarter", date(2025, 9, 30))
    assert rows[2][2] == ids["SGDĐT"] and rows[2][5] == "continuous"
    assert notes[2] == "Phối hợp: các sở, ngành liên quan"


def test_excel_bold_group_row_without_number_or_merge(sqlite_db, tmp_path):
    import openpyxl
    from openpyxl.styles import Font

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["STT", "Loại", "Mã", "Nội dung nhiệm vụ", "Thời hạn"])
    ws.append([None, None, None, "Công tác cán bộ", None])
    ws["D2"].font = Font(bold=True)
    ws.append([1, "Tổ chức", "A1", "Rà soát quy hoạch cán bộ", "Quý IV/2025"])
    path = tmp_path / "dam.xlsx"
    wb.save(path)
    plan = preview_file(sqlite_db, path, as_of=date(2025, 6, 30))
    assert [(t.group, t.content, t.deadline_kind) for t in plan.tasks] == [
        ("Công tác cán bộ", "Rà soát quy hoạch cán bộ", "quarter")]


def test_cli_column_override(tmp_path, capsys, sqlite_db):
    import openpyxl

    ids = add_province_bodies(sqlite_db)
    dbfile = str(sqlite_db.path)
    sqlite_db.close()
    wb = openpyxl.Workbook()
    wb.active.append(["STT", "Nội dung nhiệm vụ", "Đơn vị thực hiện", "Ghi chú", "Thời hạn"])
    wb.active.append([1, "Việc một", "Sở Nội vụ", "Sở Tài chính", "Năm 2025"])
    path = tmp_path / "cot.xlsx"
    wb.save(path)
    assert main(["--db", dbfile, "import", str(path), "--dry-run", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["tasks"][0]["note"] == "Sở Tài chính" and data["tasks"][0]["coordinating_bodies"] == []
    assert main(["--db", dbfile, "import", str(path), "--dry-run", "--json", "--column", "coordinators=D"]) == 0
    data = json.loads(capsys.readouterr().out)
    task = data["tasks"][0]
    assert task["note"] == "" and [b["body_id"] for b in task["coordinating_bodies"]] == [ids["STC"]]
    assert data["columns"]["coordinators"] == "Ghi chú" and "note" not in data["columns"]
    with pytest.raises(SystemExit) as exit_:
        main(["--db", dbfile, "import", str(path), "--column", "lead=?"])
    assert exit_.value.code == 2 and "không hợp lệ" in capsys.readouterr().err


def test_a_draft_without_number_keeps_its_kind(tmp_path):
    import docx

    from desktop_app.importers.docx_reader import read_docx, read_header

    d = docx.Document()
    head = d.add_table(rows=2, cols=2)
    head.cell(0, 0).text = "TỈNH ỦY"
    head.cell(1, 0).text = "Số      -KH/TU"
    path = tmp_path / "du-thao.docx"
    d.save(str(path))
    header, issuing, warnings = read_header(read_docx(path))
    assert (header.kind, header.number, issuing, warnings) == ("KH", None, "Tỉnh ủy", [])
