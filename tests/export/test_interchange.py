"""The nqdesk/1 interchange format: round trips, all-or-nothing import, problem reports."""

from __future__ import annotations

import copy
import json
from datetime import date

import pytest
from sqlalchemy import func, select

from desktop_app.core.status import TaskStatus
from desktop_app.interchange.writer import dumps, export_data, export_file
from desktop_app.interchange.reader import ImportFailed, load_json
from desktop_app.ops import bodies, progress, tasks, undo
from desktop_app.ops.interchange import import_data, import_file
from desktop_app.ops.fields import BodyFields, ProgressFields, TaskFields
from desktop_app.reports.tasks import status_figures
from desktop_app.resources import DEMO_FILE
from desktop_app.store.db import open_database
from desktop_app.store.models import Body, JournalEntry, Program, ProgressEntry, Task, TaskCoordinator

TODAY = date(2026, 1, 1)


def _counts(db) -> dict[str, int]:
    with db.read() as s:
        return {m.__tablename__: s.scalar(select(func.count()).select_from(m))
                for m in (Body, Program, Task, TaskCoordinator, ProgressEntry)}


def _fresh(tmp_path, name):
    return open_database(tmp_path / f"{name}.sqlite3", create=True)


def test_demo_round_trip_is_identical(db, tmp_path):
    import_file(db, DEMO_FILE, today=TODAY)
    first = dumps(export_data(db))
    other = _fresh(tmp_path, "second")
    try:
        import_data(other, json.loads(first), today=TODAY)
        assert dumps(export_data(other)) == first
    finally:
        other.close()


def test_demo_shows_every_status_on_mid_2024(db):
    import_file(db, DEMO_FILE, today=TODAY)
    figures = status_figures(db, date(2024, 7, 1))
    for status in TaskStatus:
        assert figures.overall[status] >= 2, status
    assert figures.total == 42


def test_round_trip_keeps_corrections_parents_and_order(sqlite_db, tmp_path):
    child = bodies.create_body(sqlite_db, "Chi bộ Văn phòng", BodyFields(code="CBVP")).entity_id
    parent = bodies.create_body(sqlite_db, "Đảng ủy Khối các cơ quan tỉnh", BodyFields(code="ĐUK")).entity_id
    bodies.update_body(sqlite_db, child, BodyFields(parent_id=parent))  # parent created after the child
    import_data(sqlite_db, {"format": "nqdesk/1", "programs": [{
        "title": "Kế hoạch thử", "kind": "KH", "tasks": [
            {"group": "B", "content": "Việc một", "lead_body": "CBVP", "coordinating_bodies": ["ĐUK"],
             "deadline": "quý 2/2024", "assigned_date": "2024-01-02"},
            {"group": "A", "content": "Việc hai", "deadline": "Hàng năm"},
            {"group": "B", "content": "Việc ba", "deadline": "thuong xuyen"},
        ]}]}, today=TODAY)
    with sqlite_db.read() as s:
        first_task = s.scalar(select(Task.id).where(Task.content == "Việc một"))
    entry = progress.report_progress(sqlite_db, first_task, "01/03/2024",
                                     ProgressFields(percent=100, completed=True), today=TODAY)
    entry_id = next(iter(entry.inserted["progress_entries"]))
    progress.correct_progress(sqlite_db, entry_id, "01/03/2024",
                              ProgressFields(percent=70, note="Nhầm: chưa xong"), today=TODAY)
    first = export_data(sqlite_db)
    program = first["programs"][0]
    # document order: group B first (its first task came first), then A
    assert [t["content"] for t in program["tasks"]] == ["Việc một", "Việc ba", "Việc hai"]
    assert program["tasks"][0]["progress"][1]["corrects"] == 0
    assert program["tasks"][0]["deadline"] == "Quý II/2024"
    other = _fresh(tmp_path, "copy")
    try:
        import_data(other, copy.deepcopy(first), today=TODAY)
        assert export_data(other) == first
    finally:
        other.close()


def test_export_file_is_written_atomically_and_loads(sqlite_db, tmp_path):
    import_file(sqlite_db, DEMO_FILE, today=TODAY)
    path = tmp_path / "out.json"
    export_file(sqlite_db, path)
    assert not (tmp_path / "out.json.part").exists()
    assert load_json(path)["format"] == "nqdesk/2"


def _bad_file() -> dict:
    return {
        "format": "nqdesk/1",
        "bodies": [
            {"key": "BTGTU", "code": "BTGTU", "name": "Ban Tuyên giáo Tỉnh ủy", "parent": "KHONG_CO"},
            {"key": "BTGTU", "code": "BTGTU", "name": "Trùng khóa"},
        ],
        "documents": [{"symbol": "NQ-42"}],
        "programs": [{
            "title": "", "status": "issued", "tasks": [
                {"content": "Việc tốt", "deadline": "Quý I/2024", "lead_body": "BTGTU"},
                {"content": "", "deadline": "Quý V/2024", "lead_body": "KHONG_CO",
                 "progress": [{"date": "31/02/2024", "percent": 150}]},
            ]}],
    }


def test_import_reports_every_problem_with_path_and_writes_nothing(db):
    before = _counts(db)
    with pytest.raises(ImportFailed) as err:
        import_data(db, _bad_file(), today=TODAY)
    where = {p.field for p in err.value.problems}
    expected = {
        "bodies[0].parent", "bodies[1].key", "documents[0].symbol", "programs[0].title", "programs[0].number",
        "programs[0].issue_date", "programs[0].tasks[1].content", "programs[0].tasks[1].deadline",
        "programs[0].tasks[1].lead_body", "programs[0].tasks[1].progress[0].date",
        "programs[0].tasks[1].progress[0].percent",
    }
    assert expected <= where, expected - where
    for p in err.value.problems:
        assert p.message.startswith(p.field)
    deadline = next(p for p in err.value.problems if p.field.endswith("tasks[1].deadline"))
    assert deadline.value == "Quý V/2024" and "quý phải từ I đến IV" in deadline.message
    assert _counts(db) == before
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(JournalEntry)) == 0


def test_dry_run_checks_without_writing(db):
    report = import_file(db, DEMO_FILE, dry_run=True, today=TODAY)
    assert report.dry_run and report.tasks_added == 42 and report.programs_added == 4
    assert _counts(db) == dict.fromkeys(_counts(db), 0)


def test_import_reuses_existing_bodies_and_documents(db):
    import_file(db, DEMO_FILE, today=TODAY)
    report = import_file(db, DEMO_FILE, today=TODAY)
    assert report.bodies_added == 0 and report.bodies_reused == 101
    assert report.documents_added == 0 and report.documents_reused == 4
    assert report.programs_added == 4
    assert _counts(db)["bodies"] == 101
    assert report.study_sessions_added == 0 and report.study_sessions_reused == 2


def test_import_is_journaled_and_blocks_undo_past_it(sqlite_db):
    bodies.create_body(sqlite_db, "Cơ quan trước khi nhập", BodyFields(code="TRUOC"))
    report = import_file(sqlite_db, DEMO_FILE, today=TODAY)
    assert report.backup is not None and report.backup.exists()
    state = undo.undo_state(sqlite_db)
    assert state.undo_blocked and "Nhập dữ liệu" in state.undo_name
    with pytest.raises(undo.UndoError, match="bản sao lưu"):
        undo.undo(sqlite_db)


def test_syntax_error_gives_line_and_column(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{\n  "format": "nqdesk/1",\n  "bodies": [,]\n}\n', encoding="utf-8")
    with pytest.raises(ImportFailed) as err:
        load_json(path)
    assert "dòng 3" in str(err.value) and "cột" in str(err.value)


@pytest.mark.parametrize("content, message", [
    (b"\xff\xfe\x00garbage", "UTF-8"),
    (b'["not", "an", "object"]', "đối tượng JSON"),
    (b'{"format": "nqdesk/9"}', "nqdesk/9"),
])
def test_unreadable_files_are_refused_clearly(tmp_path, sqlite_db, content, message):
    path = tmp_path / "x.json"
    path.write_bytes(content)
    with pytest.raises(ImportFailed, match=message):
        import_file(sqlite_db, path)


def test_missing_file(sqlite_db, tmp_path):
    with pytest.raises(ImportFailed, match="Không tìm thấy tệp"):
        import_file(sqlite_db, tmp_path / "nowhere.json")


def test_control_characters_are_cleaned_with_a_warning(sqlite_db):
    report = import_data(sqlite_db, {"format": "nqdesk/1", "programs": [
        {"title": "Chương\x07 trình", "tasks": [{"content": "Nội\x00 dung\x1b"}]}]}, today=TODAY)
    assert report.warnings
    with sqlite_db.read() as s:
        assert s.scalar(select(Task.content)) == "Nội dung"


def test_imported_tasks_are_searchable_and_status_is_derived(db):
    import_file(db, DEMO_FILE, today=TODAY)
    with db.read() as s:
        folded = list(s.scalars(select(Task.search_fold)))
    assert all(f == f.lower() and "đ" not in f for f in folded)
    # tasks can be edited after import through the normal operations
    with db.read() as s:
        task_id = s.scalar(select(Task.id).order_by(Task.id))
    tasks.update_task(db, task_id, TaskFields(product="Kế hoạch (sửa)"))
