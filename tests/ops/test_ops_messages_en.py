"""The messages of ops/ in the English UI (issue 13, "complete English"), and the operation
names: stored in Vietnamese in the journal, shown in the UI language."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop_app import i18n
from desktop_app.ops import names
from desktop_app.ops.base import ConflictError, ValidationError
from desktop_app.ops.bodies import create_body, delete_body
from desktop_app.ops.collection import CollectionImport
from desktop_app.ops.fields import TaskFields
from desktop_app.ops.interchange import ImportReport
from desktop_app.ops.programs import create_program
from desktop_app.ops.tasks import create_task, delete_task, update_task
from desktop_app.ops.undo import UndoError, undo, undo_state
from desktop_app.store.models import JournalEntry


@pytest.fixture
def english():
    i18n.set_language("en")
    yield
    i18n.set_language("vi")


def _task(db, lead_id: int | None = None) -> int:
    program_id = create_program(db, "Chương trình thử").entity_id
    return create_task(db, program_id, "Rà soát quy hoạch", TaskFields(lead_body_id=lead_id)).entity_id


def test_refusals_are_in_english(sqlite_db, english):
    db = sqlite_db
    body_id = create_body(db, "Ban Tuyên giáo Tỉnh ủy").entity_id
    _task(db, body_id)
    with pytest.raises(ValidationError) as err:
        delete_body(db, body_id)
    assert str(err.value) == (
        "Cannot delete «Ban Tuyên giáo Tỉnh ủy»: it appears in 1 tasks or programmes. If the body was dissolved "
        "or merged, set its end-of-validity date: old documents keep the old name.")
    with pytest.raises(ValidationError) as err:
        delete_task(db, 999)
    assert str(err.value) == "No task with id 999; it may have just been deleted."


def test_conflict_names_the_field_in_english(sqlite_db, english):
    db = sqlite_db
    task_id = _task(db)
    db.user_name = "bob"
    update_task(db, task_id, TaskFields(note="from bob"), expected={"note": None})
    db.user_name = "alice"
    with pytest.raises(ConflictError) as err:
        update_task(db, task_id, TaskFields(note="from alice"), expected={"note": None})
    assert str(err.value).startswith("«Notes» was changed by bob at ")
    assert str(err.value).endswith(" to «from bob». Your edit was not saved.")


def test_operation_names_are_stored_in_vietnamese_and_shown_in_the_ui_language(sqlite_db):
    db = sqlite_db
    changes = create_body(db, "Ban Nội chính Tỉnh ủy")  # done in the Vietnamese UI
    assert changes.name == "Thêm cơ quan «Ban Nội chính Tỉnh ủy»"
    i18n.set_language("en")
    try:
        state = undo_state(db)
        assert state.undo_name == "Thêm cơ quan «Ban Nội chính Tỉnh ủy»"  # as the journal keeps it
        assert state.undo_text == "Undo: Add body «Ban Nội chính Tỉnh ủy»"
        undone = undo(db)
        assert undone.name == "Undo: Add body «Ban Nội chính Tỉnh ủy»"
        assert undo_state(db).redo_text == "Redo: Add body «Ban Nội chính Tỉnh ủy»"
        with pytest.raises(UndoError) as err:
            undo(db)
        assert str(err.value) == "Nothing to undo."
        # An operation done in English is journaled in Vietnamese all the same.
        changes = create_body(db, "Ban Dân vận Tỉnh ủy")
        assert changes.name == "Add body «Ban Dân vận Tỉnh ủy»"
    finally:
        i18n.set_language("vi")
    with db.read() as s:
        stored = list(s.scalars(select(JournalEntry.name).order_by(JournalEntry.id)))
    assert stored == ["Thêm cơ quan «Ban Nội chính Tỉnh ủy»", "Hoàn tác: Thêm cơ quan «Ban Nội chính Tỉnh ủy»",
                      "Thêm cơ quan «Ban Dân vận Tỉnh ủy»"]
    assert undo_state(db).undo_text == "Hoàn tác: Thêm cơ quan «Ban Dân vận Tỉnh ủy»"


def test_display_name_reads_every_template(english):
    assert names.display_name("Nhập 3.408 phiếu báo cáo tiến độ") == "Import progress forms (3,408)"
    assert names.display_name("Hoàn tác: Ghi hoàn thành nhiệm vụ «Rà soát: đề xuất»") == \
        "Undo: Record completion of task «Rà soát: đề xuất»"
    # the longest template wins: a title holding a colon is not taken for the short form
    assert names.display_name("Nhập dữ liệu từ «a.json»: 12 nhiệm vụ, 1 chương trình (sao lưu trước khi nhập: "
                              "b.sqlite3)") == \
        "Import data from «a.json»: tasks 12, programmes 1 (backup before import: b.sqlite3)"
    assert names.display_name("Đổi thiết lập «Tên cơ quan»") == "Change setting «Body name»"
    assert names.display_name("Một tên do bản cũ ghi") == "Một tên do bản cũ ghi"  # unknown: as stored


@pytest.mark.parametrize("template", names.TEMPLATES)
def test_each_template_round_trips(template, english):
    values = {}
    for field in names._fields(template):
        values[field] = 1234 if names._is_count(field) else ("Hoàn tác: Xóa văn bản 15-CTr/TU" if field == "name"
                                                              else "Giá trị «x»: y")
    stored = names.stored_name(template, **values)
    assert names.display_name(stored) == names.shown_name(template, **values)
    assert i18n._(template) != template, "the English catalog lacks " + template


def test_import_summaries_use_english_numbers(english):
    report = ImportReport(dry_run=True, bodies_added=3408, tasks_added=2, programs_added=1)
    assert report.summary() == ("Will import bodies: 3,408 (reusing 0 existing), documents: 0 (reusing 0), "
                                "programmes: 1, tasks: 2, progress entries: 0.")
    assert CollectionImport(dry_run=False, files=[], recorded=1200).summary() == \
        "Recorded 1,200 progress entries from 0/0 forms."
