"""The operations journal, undo and redo.

Undo must return the data to exactly the previous state (every row of every data table,
ids included, and the exported document), redo must re-apply exactly; undo is per user,
refuses to overwrite another user's later work, stops at an import, and is itself
recorded in the journal.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from desktop_app.interchange.writer import export_data
from desktop_app.ops import bodies, documents, programs, progress, settings, tasks, undo
from desktop_app.ops.base import ValidationError
from ops_support import DATA_TABLES, VIETNAMESE_LETTERS, dump_all, get
from desktop_app.ops.interchange import import_data
from desktop_app.ops.undo import UndoError, UndoState, undo_state
from desktop_app.ops.fields import BodyFields, DocumentFields, ProgramFields, ProgressFields, TaskFields
from desktop_app.reports.check import check_database
from desktop_app.reports.journal import history
from desktop_app.store.db import open_database
from desktop_app.store.models import Body, JournalChange, JournalEntry, Program, Task

TODAY = date(2025, 6, 30)
ISSUED = date(2024, 3, 20)


# --- helpers ---------------------------------------------------------------------------

def dump(db, names=DATA_TABLES) -> dict[str, list[dict]]:
    """Raw rows (every column, ids and derived columns included) ordered by id."""
    return dump_all(db, names)


def dump_everything(db) -> dict[str, list[dict]]:
    return dump_all(db)


def snapshot(db) -> tuple[dict, dict]:
    return dump(db), export_data(db)


def entries(db) -> list[JournalEntry]:
    with db.read() as s:
        return list(s.scalars(select(JournalEntry).order_by(JournalEntry.id)))


def entry(db, journal_id) -> JournalEntry:
    with db.read() as s:
        return s.get(JournalEntry, journal_id)


def changes_of(db, journal_id) -> list[JournalChange]:
    with db.read() as s:
        return list(s.scalars(select(JournalChange).where(JournalChange.journal_id == journal_id)
                              .order_by(JournalChange.id)))


def assert_vietnamese(message: str) -> None:
    assert VIETNAMESE_LETTERS & set(message.lower()), message


def undo_refused(db, *, redo=False) -> UndoError:
    """Undo (or redo) must be refused and change nothing at all, journal included."""
    before = dump_everything(db)
    with pytest.raises(UndoError) as info:
        (undo.redo if redo else undo.undo)(db)
    assert dump_everything(db) == before
    assert_vietnamese(str(info.value))
    return info.value


def as_user(monkeypatch, db, name: str) -> None:
    monkeypatch.setattr(db, "user_name", name)


@pytest.fixture
def ids(db) -> dict[str, int]:
    """A small but complete database: bodies, documents, a programme with tasks, progress, a setting."""
    out = {}
    out["TU"] = bodies.create_body(db, "Tỉnh ủy Lạng Sơn", BodyFields(code="TU", kind="party_committee")).entity_id
    out["BTGTU"] = bodies.create_body(db, "Ban Tuyên giáo Tỉnh ủy", BodyFields(code="BTGTU", kind="advisory_body", parent_id=out["TU"], valid_from=date(2010, 1, 1))).entity_id
    out["BDVTU"] = bodies.create_body(db, "Ban Dân vận Tỉnh ủy", BodyFields(code="BDVTU", kind="advisory_body", parent_id=out["TU"])).entity_id
    out["VPTU"] = bodies.create_body(db, "Văn phòng Tỉnh ủy", BodyFields(code="VPTU", kind="advisory_body")).entity_id
    out["BNCTU"] = bodies.create_body(db, "Ban Nội chính Tỉnh ủy", BodyFields(code="BNCTU", parent_id=out["TU"], valid_from=date(2015, 1, 1), valid_to=date(2030, 12, 31), note="Chưa giao nhiệm vụ")).entity_id
    out["d42"] = documents.create_document(db, "42-NQ/TW", DocumentFields(issue_date=date(2023, 11, 24), subject="về tiếp tục đổi mới chính sách xã hội")).entity_id
    out["d43"] = documents.create_document(db, "43-NQ/TW", DocumentFields(issue_date=date(2023, 11, 24))).entity_id
    out["d44"] = documents.create_document(db, "44-NQ/TW", DocumentFields(issue_date=date(2023, 11, 24), classification="Mật")).entity_id
    out["P"] = programs.create_program(db, "Chương trình hành động thực hiện Nghị quyết Trung ương 8 khóa XIII",
                                       ProgramFields(document_ids=[out["d43"], out["d42"]], issuing_body_id=out["TU"], number=15, issue_date=ISSUED, status="issued", signing_mode="T/M", signer_title="BÍ THƯ", recipients=["- Ban Bí thư,", "- Lưu VPTU."])).entity_id
    out["t1"] = tasks.create_task(db, out["P"], "Tổ chức học tập, quán triệt", TaskFields(group_title="I", lead_body_id=out["BTGTU"], coordinating_body_ids=[out["BDVTU"], out["VPTU"]], product="Kế hoạch", deadline="Quý II/2024")).entity_id
    out["t2"] = tasks.create_task(db, out["P"], "Sơ kết", TaskFields(group_title="I", lead_body_id=out["VPTU"], deadline="Hằng năm")).entity_id
    out["t3"] = tasks.create_task(db, out["P"], "Kiện toàn tổ chức", TaskFields(group_title="II", lead_body_id=out["BDVTU"], deadline="Năm 2024")).entity_id
    out["e1"] = next(iter(progress.report_progress(db, out["t1"], date(2024, 4, 1),
                                                   ProgressFields(percent=40), today=TODAY).inserted["progress_entries"]))
    out["e2"] = next(iter(progress.report_progress(db, out["t2"], date(2024, 12, 1),
                                                   ProgressFields(completed=True), today=TODAY).inserted["progress_entries"]))
    settings.set_setting(db, "due_soon_days", 10)
    return out


# Every kind of operation, as (name, call). Each call returns the operation's Changes.
OPERATIONS = {
    "create_body": lambda db, i: bodies.create_body(db, "Ban Tổ chức Tỉnh ủy", BodyFields(code="BTCTU", kind="advisory_body", parent_id=i["TU"], valid_from=date(2020, 1, 1), note="Mới")),
    "update_body": lambda db, i: bodies.update_body(db, i["BTGTU"], BodyFields(name="Ban Tuyên giáo và Dân vận Tỉnh ủy", valid_to=date(2025, 2, 28), parent_id=None)),
    "delete_body": lambda db, i: bodies.delete_body(db, i["BNCTU"]),
    "create_document": lambda db, i: documents.create_document(db, "68/NQ-CP", DocumentFields(issue_date=date(2024, 5, 6), issuing_authority="Chính phủ", subject="Nghị quyết")),
    "update_document": lambda db, i: documents.update_document(db, i["d42"], DocumentFields(symbol="42 - NQ/TW", subject="về chính sách xã hội", issue_date=date(2023, 11, 25))),
    "delete_document": lambda db, i: documents.delete_document(db, i["d44"]),
    "create_program": lambda db, i: programs.create_program(db, "Kế hoạch tuyên truyền",
                                                            ProgramFields(kind="KH", document_ids=[i["d44"], i["d42"]], issuing_body_id=i["BTGTU"], signing_mode="K/T")),
    "update_program": lambda db, i: programs.update_program(db, i["P"],
                                                            ProgramFields(title="Chương trình hành động (sửa)", number=16, document_ids=[i["d42"], i["d44"]])),
    "delete_program": lambda db, i: programs.delete_program(db, i["P"]),
    "create_task": lambda db, i: tasks.create_task(db, i["P"], "Nhiệm vụ mới", TaskFields(group_title="I", lead_body_id=i["BDVTU"], coordinating_body_ids=[i["VPTU"], i["BTGTU"]], deadline="Tháng 9/2024")),
    "update_task": lambda db, i: tasks.update_task(db, i["t1"], TaskFields(content="Tổ chức học tập (sửa)", deadline="30/06/2024", lead_body_id=i["BNCTU"], coordinating_body_ids=[i["VPTU"], i["BTGTU"]])),
    "update_coordinators": lambda db, i: tasks.update_task(db, i["t1"], TaskFields(coordinating_body_ids=[i["VPTU"], i["BNCTU"]])),
    "delete_task": lambda db, i: tasks.delete_task(db, i["t1"]),
    "reorder_group": lambda db, i: tasks.reorder_group(db, i["P"], "I", [i["t2"], i["t1"]]),
    "move_task": lambda db, i: tasks.move_task(db, i["t1"], +1),
    "report_progress": lambda db, i: progress.report_progress(db, i["t1"], date(2024, 5, 1),
                                                              ProgressFields(percent=70, note="Đã xong dự thảo"), today=TODAY),
    "complete": lambda db, i: progress.report_progress(db, i["t3"], date(2024, 11, 1),
                                                       ProgressFields(completed=True), today=TODAY),
    "correct_progress": lambda db, i: progress.correct_progress(db, i["e2"], date(2024, 12, 1),
                                                                ProgressFields(percent=90), today=TODAY),
    "set_new_setting": lambda db, i: settings.set_setting(db, "place", "Cao Bằng"),
    "change_setting": lambda db, i: settings.set_setting(db, "due_soon_days", 21),
}


# --- the journal --------------------------------------------------------------------------

def test_journal_entry_records_who_what_when(db):
    changes = bodies.create_body(db, "Ban Tuyên giáo Tỉnh ủy", BodyFields(code="BTGTU"))
    (e,) = entries(db)
    assert e.id == changes.journal_id
    assert (e.kind, e.name, e.entity, e.entity_id) == ("op", "Thêm cơ quan «Ban Tuyên giáo Tỉnh ủy»", "bodies",
                                                       changes.entity_id)
    assert e.user_name == "kiem-thu"
    assert (e.undoable, e.state, e.target_id) == (True, "active", None)
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    assert now - timedelta(minutes=1) < e.at <= now + timedelta(seconds=1)


def test_journal_names_are_vietnamese(db, ids):
    names = [e.name for e in entries(db)]
    assert names[:2] == ["Thêm cơ quan «Tỉnh ủy Lạng Sơn»", "Thêm cơ quan «Ban Tuyên giáo Tỉnh ủy»"]
    assert "Thêm văn bản 42-NQ/TW" in names
    # Long titles are shortened in the name (the menu shows it).
    assert "Thêm chương trình «Chương trình hành động thực hiện Nghị quyết Trung ương 8…»" in names  # cut at a word boundary
    assert "Giao nhiệm vụ «Tổ chức học tập, quán triệt»" in names
    assert "Báo cáo tiến độ nhiệm vụ «Tổ chức học tập, quán triệt»" in names
    assert "Ghi hoàn thành nhiệm vụ «Sơ kết»" in names
    assert names[-1] == "Đổi thiết lập «Số ngày báo trước hạn»"
    for n in names:
        assert_vietnamese(n)


def test_insert_journals_the_whole_row(db):
    changes = bodies.create_body(db, "Ban Tuyên giáo Tỉnh ủy", BodyFields(code="BTGTU", valid_from=date(2020, 1, 1)))
    (change,) = changes_of(db, changes.journal_id)
    assert (change.entity, change.entity_id, change.action, change.before) == ("bodies", changes.entity_id,
                                                                               "insert", None)
    assert json.loads(change.after) == {
        "id": changes.entity_id, "name": "Ban Tuyên giáo Tỉnh ủy", "short_name": "", "code": "BTGTU",
        "kind": "other", "parent_id": None, "valid_from": "2020-01-01", "valid_to": None, "note": "",
    }


def test_update_journals_only_the_changed_fields(db, ids):
    changes = bodies.update_body(db, ids["BNCTU"], BodyFields(name="Ban Nội chính Tỉnh ủy", note="Đã giao", valid_to="31/12/2031", code="BNCTU"))
    (change,) = changes_of(db, changes.journal_id)
    assert (change.entity, change.entity_id, change.action) == ("bodies", ids["BNCTU"], "update")
    assert json.loads(change.before) == {"note": "Chưa giao nhiệm vụ", "valid_to": "2030-12-31"}
    assert json.loads(change.after) == {"note": "Đã giao", "valid_to": "2031-12-31"}


def test_task_update_journals_deadline_fields(db, ids):
    changes = tasks.update_task(db, ids["t1"], TaskFields(deadline="tháng 8/2024"))
    (change,) = changes_of(db, changes.journal_id)
    assert json.loads(change.before) == {"deadline_kind": "quarter", "due_date": "2024-06-30",
                                         "deadline_text": "Quý II/2024"}
    assert json.loads(change.after) == {"deadline_kind": "month", "due_date": "2024-08-31",
                                        "deadline_text": "Tháng 8/2024"}


def test_delete_journals_the_whole_row(db, ids):
    row = dump(db, ("bodies",))["bodies"]
    (before,) = [r for r in row if r["id"] == ids["BNCTU"]]
    changes = bodies.delete_body(db, ids["BNCTU"])
    (change,) = changes_of(db, changes.journal_id)
    assert (change.action, change.after) == ("delete", None)
    expected = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in before.items() if k != "search_fold"}
    assert json.loads(change.before) == expected


@pytest.mark.parametrize("call", [
    lambda db, i: bodies.update_body(db, i["BTGTU"], BodyFields(name=" Ban Tuyên giáo  Tỉnh ủy ", code="BTGTU")),
    lambda db, i: documents.update_document(db, i["d42"], DocumentFields(symbol="42-nq/tw", issue_date="24/11/2023")),
    lambda db, i: programs.update_program(db, i["P"], ProgramFields(number="15", document_ids=[i["d43"], i["d42"]])),
    lambda db, i: tasks.update_task(db, i["t1"], TaskFields(product="Kế hoạch", deadline="quý 2/2024", coordinating_body_ids=[i["BDVTU"], i["VPTU"]])),
    lambda db, i: tasks.reorder_group(db, i["P"], "I", [i["t1"], i["t2"]]),
    lambda db, i: settings.set_setting(db, "due_soon_days", 10),
], ids=["body", "document", "program", "task", "reorder", "setting"])
def test_noop_update_leaves_no_journal_entry(db, ids, call):
    bodies.create_body(db, "Ban tạm")
    undo.undo(db)  # leave something to redo: a no-op must not end the redo chain either
    before = dump_everything(db)
    changes = call(db, ids)
    assert changes.empty and changes.journal_id is None
    assert dump_everything(db) == before
    assert undo_state(db).redo_name == "Thêm cơ quan «Ban tạm»"


# --- undo/redo of every kind of operation --------------------------------------------------

@pytest.mark.parametrize("kind", list(OPERATIONS))
def test_undo_and_redo_restore_exactly(db, ids, kind):
    before = snapshot(db)
    changes = OPERATIONS[kind](db, ids)
    assert not changes.empty
    after = snapshot(db)
    assert after != before
    assert undo_state(db) == UndoState(changes.name, None)

    undone = undo.undo(db)
    assert snapshot(db) == before
    assert undone.name == f"Hoàn tác: {changes.name}"
    # Undo reports the mirror image of what the operation changed.
    assert (undone.inserted, undone.updated, undone.deleted) == (changes.deleted, changes.updated, changes.inserted)
    assert entry(db, changes.journal_id).state == "undone"
    assert undo_state(db).redo_name == changes.name

    redone = undo.redo(db)
    assert snapshot(db) == after
    assert redone.name == f"Làm lại: {changes.name}"
    assert (redone.inserted, redone.updated, redone.deleted) == (changes.inserted, changes.updated, changes.deleted)
    assert entry(db, changes.journal_id).state == "active"

    # And again: undo of a redo, redo of that.
    undo.undo(db)
    assert snapshot(db) == before
    undo.redo(db)
    assert snapshot(db) == after
    assert check_database(db) == []


def test_undo_the_whole_history_back_to_empty(db, ids):
    states = []
    for kind in ("update_body", "create_task", "report_progress", "update_program", "change_setting"):
        states.append(snapshot(db))
        OPERATIONS[kind](db, ids)
    final = snapshot(db)
    for state in reversed(states):
        undo.undo(db)
        assert snapshot(db) == state
    while undo_state(db).undo_name:
        undo.undo(db)
    assert dump(db) == {name: [] for name in DATA_TABLES}
    undo_refused(db)
    while undo_state(db).redo_name:
        undo.redo(db)
    assert snapshot(db) == final
    assert check_database(db) == []


def test_several_undos_then_redos_in_order(db):
    a = bodies.create_body(db, "Ban A", BodyFields(code="BA"))
    s1 = snapshot(db)
    b = bodies.create_body(db, "Ban B", BodyFields(code="BB"))
    s2 = snapshot(db)
    c = bodies.update_body(db, a.entity_id, BodyFields(name="Ban A (sửa)"))
    s3 = snapshot(db)
    assert undo_state(db) == UndoState(c.name, None)
    assert undo.undo(db).name == f"Hoàn tác: {c.name}"
    assert snapshot(db) == s2
    assert undo_state(db) == UndoState(b.name, c.name)
    assert undo.undo(db).name == f"Hoàn tác: {b.name}"
    assert snapshot(db) == s1
    assert undo_state(db) == UndoState(a.name, b.name)
    # Redo goes forward again in the original order: B first, then the edit.
    assert undo.redo(db).name == f"Làm lại: {b.name}"
    assert snapshot(db) == s2
    assert undo_state(db) == UndoState(b.name, c.name)
    assert undo.redo(db).name == f"Làm lại: {c.name}"
    assert snapshot(db) == s3
    assert undo_state(db) == UndoState(c.name, None)
    err = undo_refused(db, redo=True)
    assert str(err) == "Không có thao tác nào để làm lại."


def test_new_operation_after_undo_clears_redo(db):
    bodies.create_body(db, "Ban A", BodyFields(code="BA"))
    undone = bodies.create_body(db, "Ban B", BodyFields(code="BB"))
    undo.undo(db)
    assert undo_state(db).redo_name == undone.name
    bodies.create_body(db, "Ban C", BodyFields(code="BC"))
    assert undo_state(db).redo_name is None
    assert undo_state(db).redo_text is None
    assert entry(db, undone.journal_id).state == "dead"
    err = undo_refused(db, redo=True)
    assert "làm lại" in str(err)
    # The dead entry is never undone again either: undo goes C, then A.
    assert undo.undo(db).name == "Hoàn tác: Thêm cơ quan «Ban C»"
    assert undo.undo(db).name == "Hoàn tác: Thêm cơ quan «Ban A»"
    undo_refused(db)


def test_refused_operation_after_undo_keeps_redo(db):
    bodies.create_body(db, "Ban A", BodyFields(code="BA"))
    undone = bodies.create_body(db, "Ban B", BodyFields(code="BB"))
    undo.undo(db)
    with pytest.raises(ValidationError):
        bodies.create_body(db, "Ban trùng mã", BodyFields(code="BA"))
    assert undo_state(db).redo_name == undone.name
    undo.redo(db)
    assert [b["name"] for b in dump(db, ("bodies",))["bodies"]] == ["Ban A", "Ban B"]


def test_nothing_to_undo(db):
    assert undo_state(db) == UndoState(None, None, False)
    assert (undo_state(db).undo_text, undo_state(db).redo_text) == (None, None)
    err = undo_refused(db)
    assert str(err) == "Không có thao tác nào để hoàn tác."
    undo_refused(db, redo=True)
    assert entries(db) == []  # a refused undo records nothing


def test_undo_state_texts(db):
    changes = bodies.create_body(db, "Ban Tuyên giáo Tỉnh ủy")
    state = undo_state(db)
    assert state.undo_text == "Hoàn tác: Thêm cơ quan «Ban Tuyên giáo Tỉnh ủy»"
    assert state.redo_text is None and not state.undo_blocked
    undo.undo(db)
    state = undo_state(db)
    assert state.undo_text is None
    assert state.redo_text == "Làm lại: Thêm cơ quan «Ban Tuyên giáo Tỉnh ủy»"
    assert state.redo_name == changes.name


# --- an import is not undoable ---------------------------------------------------------------

IMPORT = {
    "format": "nqdesk/1",
    "bodies": [{"key": "BKTTU", "code": "BKTTU", "name": "Ban Kinh tế Tỉnh ủy", "kind": "advisory_body"}],
    "documents": [{"symbol": "45-NQ/TW", "issue_date": "2023-11-24"}],
}


def test_undo_stops_at_an_import(db):
    bodies.create_body(db, "Ban A", BodyFields(code="BA"))
    report = import_data(db, IMPORT, source="du-lieu.json", today=TODAY)
    assert report.bodies_added == 1 and report.documents_added == 1
    imported = entry(db, report.journal_id)
    assert (imported.kind, imported.undoable, imported.user_name) == ("op", False, "kiem-thu")
    assert imported.name.startswith("Nhập dữ liệu từ «du-lieu.json»")
    state = undo_state(db)
    assert state.undo_blocked and state.undo_name == imported.name
    assert state.undo_text is None  # the menu item is disabled
    err = undo_refused(db)
    assert f"Không thể hoàn tác «{imported.name}»" in str(err)
    assert "sao lưu" in str(err)
    # The earlier operation stays behind the import: still there, still active.
    assert [b["name"] for b in dump(db, ("bodies",))["bodies"]] == ["Ban A", "Ban Kinh tế Tỉnh ủy"]
    assert [e.state for e in entries(db)] == ["active", "active"]


def test_import_ends_the_redo_chain(db):
    undone = bodies.create_body(db, "Ban A", BodyFields(code="BA"))
    undo.undo(db)
    import_data(db, IMPORT, today=TODAY)
    assert entry(db, undone.journal_id).state == "dead"
    undo_refused(db, redo=True)


# --- several users -----------------------------------------------------------------------------

def test_each_user_has_their_own_stack(db, monkeypatch):
    a = bodies.create_body(db, "Ban của A", BodyFields(code="BA"))
    as_user(monkeypatch, db, "nguoi-b")
    b = bodies.create_body(db, "Ban của B", BodyFields(code="BB"))
    assert [e.user_name for e in entries(db)] == ["kiem-thu", "nguoi-b"]
    assert undo_state(db) == UndoState(b.name, None)
    undone = undo.undo(db)
    assert undone.deleted == {"bodies": {b.entity_id}}
    assert get(db, Body, a.entity_id) is not None and get(db, Body, b.entity_id) is None
    # B has nothing more to undo: A's operation is not B's to undo.
    undo_refused(db)
    assert get(db, Body, a.entity_id) is not None
    as_user(monkeypatch, db, "kiem-thu")
    assert undo_state(db) == UndoState(a.name, None)  # B's undone entry is not A's to redo
    undo_refused(db, redo=True)
    undo.undo(db)
    assert dump(db, ("bodies",))["bodies"] == []
    # A new operation by A does not end B's redo chain.
    bodies.create_body(db, "Ban khác", BodyFields(code="BK"))
    assert entry(db, b.journal_id).state == "undone"
    as_user(monkeypatch, db, "nguoi-b")
    undo.redo(db)
    assert get(db, Body, b.entity_id).name == "Ban của B"


def test_undo_refused_when_another_user_changed_the_same_field(db, ids, monkeypatch):
    mine = tasks.update_task(db, ids["t1"], TaskFields(content="Nội dung của A"))
    as_user(monkeypatch, db, "nguoi-b")
    tasks.update_task(db, ids["t1"], TaskFields(content="Nội dung của B"))
    as_user(monkeypatch, db, "kiem-thu")
    err = undo_refused(db)
    assert f"«{mine.name}»" in str(err)
    assert "đã được thay đổi hoặc xóa sau thao tác đó" in str(err)
    assert get(db, Task, ids["t1"]).content == "Nội dung của B"
    assert entry(db, mine.journal_id).state == "active"


def test_undo_allowed_when_another_user_changed_other_fields(db, ids, monkeypatch):
    tasks.update_task(db, ids["t1"], TaskFields(content="Nội dung của A"))
    as_user(monkeypatch, db, "nguoi-b")
    tasks.update_task(db, ids["t1"], TaskFields(product="Đề án của B"))
    as_user(monkeypatch, db, "kiem-thu")
    undo.undo(db)
    task = get(db, Task, ids["t1"])
    assert (task.content, task.product) == ("Tổ chức học tập, quán triệt", "Đề án của B")


def test_redo_refused_when_another_user_changed_the_field_since(db, ids, monkeypatch):
    tasks.update_task(db, ids["t1"], TaskFields(content="Nội dung của A"))
    undo.undo(db)
    as_user(monkeypatch, db, "nguoi-b")
    tasks.update_task(db, ids["t1"], TaskFields(content="Nội dung của B"))
    as_user(monkeypatch, db, "kiem-thu")
    undo_refused(db, redo=True)
    assert get(db, Task, ids["t1"]).content == "Nội dung của B"


def test_conflict_half_way_through_an_undo_changes_nothing(db, ids, monkeypatch):
    # The operation changes the coordinators first in undo order, then the task row.
    tasks.update_task(db, ids["t1"], TaskFields(content="Nội dung của A", coordinating_body_ids=[ids["VPTU"]]))
    as_user(monkeypatch, db, "nguoi-b")
    tasks.update_task(db, ids["t1"], TaskFields(content="Nội dung của B"))
    as_user(monkeypatch, db, "kiem-thu")
    undo_refused(db)  # checks that every row, coordinators included, is untouched


def test_undo_of_a_created_programme_refused_while_another_users_task_uses_it(db, ids, monkeypatch):
    created = programs.create_program(db, "Kế hoạch mới", ProgramFields(kind="KH", document_ids=[ids["d42"]]))
    as_user(monkeypatch, db, "nguoi-b")
    task_id = tasks.create_task(db, created.entity_id, "Nhiệm vụ của B", TaskFields(lead_body_id=ids["VPTU"])).entity_id
    as_user(monkeypatch, db, "kiem-thu")
    err = undo_refused(db)
    assert "Kế hoạch mới" in str(err)
    assert get(db, Program, created.entity_id) is not None
    assert get(db, Task, task_id).program_id == created.entity_id
    # Once B undoes their task, A's undo goes through.
    as_user(monkeypatch, db, "nguoi-b")
    undo.undo(db)
    as_user(monkeypatch, db, "kiem-thu")
    undo.undo(db)
    assert get(db, Program, created.entity_id) is None


def test_undo_of_a_created_body_refused_while_another_user_assigned_it(db, ids, monkeypatch):
    created = bodies.create_body(db, "Ban Tổ chức Tỉnh ủy", BodyFields(code="BTCTU"))
    as_user(monkeypatch, db, "nguoi-b")
    tasks.update_task(db, ids["t3"], TaskFields(lead_body_id=created.entity_id))
    as_user(monkeypatch, db, "kiem-thu")
    undo_refused(db)


def test_undo_of_a_progress_report_refused_once_another_user_corrected_it(db, ids, monkeypatch):
    reported = progress.report_progress(db, ids["t3"], date(2024, 6, 1), ProgressFields(percent=50), today=TODAY)
    (entry_id,) = reported.inserted["progress_entries"]
    as_user(monkeypatch, db, "nguoi-b")
    progress.correct_progress(db, entry_id, date(2024, 6, 1), ProgressFields(percent=5), today=TODAY)
    as_user(monkeypatch, db, "kiem-thu")
    undo_refused(db)


def test_undo_of_a_delete_refused_when_its_parent_is_gone(db, ids, monkeypatch):
    tasks.delete_task(db, ids["t3"])
    as_user(monkeypatch, db, "nguoi-b")
    programs.delete_program(db, ids["P"])
    as_user(monkeypatch, db, "kiem-thu")
    undo_refused(db)


def test_undo_never_changes_a_row_that_reused_a_deleted_id(db, ids, monkeypatch):
    # A renames a body; B deletes it and creates a new body that happens to carry the same name.
    body_id = bodies.create_body(db, "Ban Kinh tế Tỉnh ủy", BodyFields(code="BKTTU")).entity_id
    bodies.update_body(db, body_id, BodyFields(name="Ban Chính sách Tỉnh ủy"))
    as_user(monkeypatch, db, "nguoi-b")
    bodies.delete_body(db, body_id)
    new_id = bodies.create_body(db, "Ban Chính sách Tỉnh ủy", BodyFields(code="BCSTU")).entity_id
    as_user(monkeypatch, db, "kiem-thu")
    undo_refused(db)  # A's rename no longer has its body: must be refused
    assert get(db, Body, new_id).name == "Ban Chính sách Tỉnh ủy"
    assert new_id != body_id
    assert [e.name for e in history(db, "bodies", new_id)] == ["Thêm cơ quan «Ban Chính sách Tỉnh ủy»"]


def test_datetime_given_for_a_date_field_does_not_break_undo(db):
    try:
        changes = bodies.create_body(db, "Ban A", BodyFields(valid_from=datetime(2024, 1, 1, 10, 30)))
    except ValidationError:
        return  # refusing a datetime would be fine too
    assert get(db, Body, changes.entity_id).valid_from == date(2024, 1, 1)
    undo.undo(db)
    assert get(db, Body, changes.entity_id) is None


# --- persistence and audit ---------------------------------------------------------------------

def test_undo_survives_closing_and_reopening(sqlite_db):
    path = sqlite_db.path
    bodies.create_body(sqlite_db, "Ban A", BodyFields(code="BA"))
    first = dump(sqlite_db)
    changes = bodies.create_body(sqlite_db, "Ban B", BodyFields(code="BB"))
    second = dump(sqlite_db)
    sqlite_db.close()

    db = open_database(path)
    try:
        assert undo_state(db) == UndoState(changes.name, None)
        undo.undo(db)
        assert dump(db) == first
    finally:
        db.close()
    db = open_database(path)
    try:
        assert undo_state(db).redo_name == changes.name
        undo.redo(db)
        assert dump(db) == second
    finally:
        db.close()


def test_undo_and_redo_are_recorded_in_the_journal(db, ids):
    changes = tasks.update_task(db, ids["t1"], TaskFields(content="Nội dung mới"))
    undone = undo.undo(db)
    redone = undo.redo(db)
    audit_undo, audit_redo = entry(db, undone.journal_id), entry(db, redone.journal_id)
    for audit, kind, label in ((audit_undo, "undo", "Hoàn tác"), (audit_redo, "redo", "Làm lại")):
        assert audit.kind == kind
        assert audit.name == f"{label}: {changes.name}"
        assert audit.target_id == changes.journal_id
        assert (audit.entity, audit.entity_id) == ("tasks", ids["t1"])
        assert audit.user_name == "kiem-thu"
        assert audit.undoable is False and audit.state == "active"
        assert changes_of(db, audit.id) == []
    assert undone.journal_id < redone.journal_id
    seen = [(e.kind, e.name) for e in history(db, "tasks", ids["t1"])]
    assert seen[:3] == [("redo", f"Làm lại: {changes.name}"), ("undo", f"Hoàn tác: {changes.name}"),
                        ("op", changes.name)]
    assert seen[-1] == ("op", "Giao nhiệm vụ «Tổ chức học tập, quán triệt»")
    # Audit entries are not themselves undone: the next undo is the operation again.
    assert undo_state(db).undo_name == changes.name


def test_history_of_an_item_touched_only_through_its_children(db, ids):
    changes = tasks.update_task(db, ids["t3"], TaskFields(coordinating_body_ids=[ids["BNCTU"]]))
    undo.undo(db)
    # The coordinator link was inserted then removed; its history shows both.
    (link_id,) = changes.inserted["task_coordinators"]
    assert [e.kind for e in history(db, "task_coordinators", link_id)] == ["undo", "op"]
