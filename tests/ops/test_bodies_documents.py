"""Cơ quan and văn bản through the operations: cleaning, validation, refusal to delete.

Every refused operation must leave the database exactly as it was: no data row and no
journal entry (compared with a raw dump of every table, ids included).
"""

from __future__ import annotations

import json
import unicodedata
from datetime import date

import pytest
from sqlalchemy import select

from desktop_app.ops import bodies, documents, programs, tasks
from desktop_app.ops.base import ValidationError
from desktop_app.ops.fields import BodyFields, DocumentFields, ProgramFields, TaskFields
from ops_support import VIETNAMESE_LETTERS, get, only_problem
from ops_support import refused as shared_refused
from desktop_app.store.models import Body, Document, JournalChange, JournalEntry



# --- helpers ---------------------------------------------------------------------------

def assert_vietnamese(message: str) -> None:
    assert message.strip()
    assert VIETNAMESE_LETTERS & set(message.lower()), f"not a Vietnamese message: {message!r}"


def refused(db, call, *args, **kwargs) -> ValidationError:
    """Run an operation that must be refused; check nothing at all was written."""
    err = shared_refused(db, call, *args, **kwargs)
    for problem in err.problems:
        assert_vietnamese(problem.message)
    assert_vietnamese(str(err))
    return err


def journal_entries(db) -> list[JournalEntry]:
    with db.read() as s:
        return list(s.scalars(select(JournalEntry).order_by(JournalEntry.id)))


def seed_bodies(db) -> dict[str, int]:
    ids = {}
    ids["TU"] = bodies.create_body(db, "Tỉnh ủy Lạng Sơn", BodyFields(code="TU", kind="party_committee")).entity_id
    ids["BTGTU"] = bodies.create_body(db, "Ban Tuyên giáo Tỉnh ủy", BodyFields(code="BTGTU", kind="advisory_body", parent_id=ids["TU"])).entity_id
    ids["BDVTU"] = bodies.create_body(db, "Ban Dân vận Tỉnh ủy", BodyFields(code="BDVTU", kind="advisory_body", parent_id=ids["TU"])).entity_id
    return ids


# --- bodies: create and clean ---------------------------------------------------------

def test_create_body_stores_every_field_and_journals_it(db):
    parent = bodies.create_body(db, "Tỉnh ủy Lạng Sơn", BodyFields(code="TU", kind="party_committee")).entity_id
    changes = bodies.create_body(db, "Ban Tuyên giáo Tỉnh ủy", BodyFields(short_name="BTG", code="BTGTU", kind="advisory_body", parent_id=parent, valid_from="01/01/2020", valid_to=date(2025, 2, 28), note="Sáp nhập năm 2025"))
    body = get(db, Body, changes.entity_id)
    assert (body.name, body.short_name, body.code, body.kind, body.parent_id) == (
        "Ban Tuyên giáo Tỉnh ủy", "BTG", "BTGTU", "advisory_body", parent)
    assert (body.valid_from, body.valid_to, body.note) == (date(2020, 1, 1), date(2025, 2, 28), "Sáp nhập năm 2025")
    assert body.search_fold == "ban tuyen giao tinh uy btg btgtu"
    assert changes.inserted == {"bodies": {body.id}}
    assert not changes.updated and not changes.deleted and changes.warnings == []
    assert changes.name == "Thêm cơ quan «Ban Tuyên giáo Tỉnh ủy»"
    entry = journal_entries(db)[-1]
    assert entry.id == changes.journal_id
    assert (entry.name, entry.entity, entry.entity_id) == (changes.name, "bodies", body.id)


def test_create_body_defaults(db):
    body = get(db, Body, bodies.create_body(db, "Sở Nội vụ").entity_id)
    assert (body.kind, body.code, body.short_name, body.parent_id, body.valid_from, body.valid_to, body.note) == (
        "other", None, "", None, None, None, "")


def test_body_text_is_nfc_and_whitespace_collapsed(db):
    nfd_name = unicodedata.normalize("NFD", "  Ban   Tuyên\tgiáo \n Tỉnh ủy  ")
    assert nfd_name != unicodedata.normalize("NFC", nfd_name)
    changes = bodies.create_body(db, nfd_name, BodyFields(short_name=unicodedata.normalize("NFD", " Ban  TG "), note=unicodedata.normalize("NFD", "Dòng một   \r\nDòng hai\n\n")))
    body = get(db, Body, changes.entity_id)
    assert body.name == "Ban Tuyên giáo Tỉnh ủy"
    assert unicodedata.is_normalized("NFC", body.name)
    assert body.short_name == "Ban TG"
    assert body.note == "Dòng một\nDòng hai"  # multi-line text keeps its line breaks
    assert changes.warnings == []
    # The journal holds the cleaned values too (undo must restore exactly these).
    with db.read() as s:
        after = json.loads(s.scalar(select(JournalChange.after).where(JournalChange.journal_id == changes.journal_id)))
    assert after["name"] == "Ban Tuyên giáo Tỉnh ủy"


def test_control_characters_removed_with_a_warning(db):
    changes = bodies.create_body(db, "Ban\x01 Tuyên giáo\x02", BodyFields(note="Ghi\x0c chú\x00"))
    body = get(db, Body, changes.entity_id)
    assert body.name == "Ban Tuyên giáo"
    assert body.note == "Ghi chú"
    assert len(changes.warnings) == 2
    name_warning = next(w for w in changes.warnings if w.startswith("Tên cơ quan"))
    assert "2 ký tự điều khiển" in name_warning
    assert any(w.startswith("Ghi chú") and "2 ký tự" in w for w in changes.warnings)


def test_update_body_warns_about_control_characters(db):
    body_id = bodies.create_body(db, "Sở Nội vụ").entity_id
    changes = bodies.update_body(db, body_id, BodyFields(short_name="SNV\x1f"))
    assert get(db, Body, body_id).short_name == "SNV"
    assert changes.warnings and "1 ký tự điều khiển" in changes.warnings[0]


# --- bodies: validation --------------------------------------------------------------

@pytest.mark.parametrize("name", ["", "   ", "\x00\x01", None])
def test_empty_body_name_refused(db, name):
    err = refused(db, bodies.create_body, name)
    problem = only_problem(err, "name")
    assert problem.value == name
    assert "Tên cơ quan không được để trống" in problem.message


def test_duplicate_body_code_refused(db):
    first = bodies.create_body(db, "Ban Tuyên giáo Tỉnh ủy", BodyFields(code="BTGTU")).entity_id
    err = refused(db, bodies.create_body, "Ban Tuyên giáo (bản sao)", BodyFields(code=" BTGTU "))
    problem = only_problem(err, "code")
    assert problem.value == "BTGTU"
    assert "«BTGTU» đã dùng" in problem.message
    # Editing the body itself may keep its own code; another body may not take it.
    other = bodies.create_body(db, "Ban Dân vận Tỉnh ủy", BodyFields(code="BDVTU")).entity_id
    bodies.update_body(db, first, BodyFields(code="BTGTU", name="Ban Tuyên giáo Tỉnh ủy Lạng Sơn"))
    only_problem(refused(db, bodies.update_body, other, BodyFields(code="BTGTU")), "code")


def test_code_with_a_space_refused(db):
    err = refused(db, bodies.create_body, "Ban Tuyên giáo Tỉnh ủy", BodyFields(code="BTG TU"))
    problem = only_problem(err, "code")
    assert problem.value == "BTG TU"
    assert "dấu cách" in problem.message


def test_valid_to_before_valid_from_refused(db):
    err = refused(db, bodies.create_body, "Ban Dân vận Tỉnh ủy", BodyFields(valid_from="01/01/2024", valid_to="31/12/2023"))
    problem = only_problem(err, "valid_to")
    assert problem.value == date(2023, 12, 31)
    assert "Ngày hết hiệu lực" in problem.message
    # The same rule when only one of the two dates is edited.
    body_id = bodies.create_body(db, "Ban Dân vận Tỉnh ủy", BodyFields(valid_from=date(2024, 1, 1))).entity_id
    only_problem(refused(db, bodies.update_body, body_id, BodyFields(valid_to=date(2023, 6, 30))), "valid_to")
    bodies.update_body(db, body_id, BodyFields(valid_to=date(2024, 1, 1)))  # the same day is fine


def test_unreadable_date_refused(db):
    err = refused(db, bodies.create_body, "Ban Dân vận Tỉnh ủy", BodyFields(valid_from="31/02/2024"))
    problem = only_problem(err, "valid_from")
    assert problem.value == "31/02/2024"
    assert problem.message.startswith("Hiệu lực từ ngày:")


def test_unknown_kind_refused(db):
    err = refused(db, bodies.create_body, "Ban Dân vận Tỉnh ủy", BodyFields(kind="ministry"))
    problem = only_problem(err, "kind")
    assert problem.value == "ministry"
    assert "Cấp ủy" in problem.message  # lists the choices by their Vietnamese labels


def test_every_problem_reported_at_once(db):
    err = refused(db, bodies.create_body, "", BodyFields(code="A B", valid_from=date(2024, 1, 1), valid_to=date(2023, 1, 1), parent_id=999_999))
    assert {p.field for p in err.problems} == {"name", "code", "valid_to", "parent_id"}
    assert len(str(err).splitlines()) == 4


def test_nonexistent_parent_refused(db):
    err = refused(db, bodies.create_body, "Ban Dân vận Tỉnh ủy", BodyFields(parent_id=999_999))
    problem = only_problem(err, "parent_id")
    assert problem.value == 999_999
    assert "không tồn tại" in problem.message
    body_id = bodies.create_body(db, "Ban Dân vận Tỉnh ủy").entity_id
    only_problem(refused(db, bodies.update_body, body_id, BodyFields(parent_id=999_999)), "parent_id")


def test_parent_cycle_refused(db):
    ids = seed_bodies(db)
    child = bodies.create_body(db, "Phòng Lý luận chính trị", BodyFields(parent_id=ids["BTGTU"])).entity_id
    # TU → BTGTU → child: making TU a child of its grandchild would close a loop.
    err = refused(db, bodies.update_body, ids["TU"], BodyFields(parent_id=child))
    problem = only_problem(err, "parent_id")
    assert problem.value == child
    assert "cấp dưới" in problem.message
    only_problem(refused(db, bodies.update_body, ids["TU"], BodyFields(parent_id=ids["BTGTU"])), "parent_id")
    only_problem(refused(db, bodies.update_body, ids["TU"], BodyFields(parent_id=ids["TU"])), "parent_id")  # itself
    # Moving a body sideways is not a cycle.
    bodies.update_body(db, child, BodyFields(parent_id=ids["BDVTU"]))
    assert get(db, Body, child).parent_id == ids["BDVTU"]


def test_unknown_field_refused(db):
    """The parameters are typed: a field a body does not have cannot even be named."""
    with pytest.raises(TypeError, match="colour"):
        BodyFields(colour="red")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="id"):
        BodyFields(id=5)  # type: ignore[call-arg]
    body_id = bodies.create_body(db, "Sở Nội vụ").entity_id
    with pytest.raises(TypeError, match="BodyFields"):
        bodies.update_body(db, body_id, {"name": "Sở Nội vụ mới"})  # type: ignore[arg-type]


def test_only_the_given_fields_change(db):
    """UNSET keeps a field; None clears it."""
    body_id = bodies.create_body(db, "Sở Nội vụ", BodyFields(code="SNV", note="Ghi chú")).entity_id
    bodies.update_body(db, body_id, BodyFields(short_name="SNV tỉnh"))
    body = get(db, Body, body_id)
    assert (body.code, body.note, body.short_name) == ("SNV", "Ghi chú", "SNV tỉnh")
    bodies.update_body(db, body_id, BodyFields(code=None))
    assert get(db, Body, body_id).code is None


def test_update_missing_body_refused(db):
    err = refused(db, bodies.update_body, 424242, BodyFields(name="Không có"))
    assert "Không tìm thấy cơ quan" in str(err)
    refused(db, bodies.delete_body, 424242)


def test_100kb_paste_refused_clearly(db):
    pasted = "Nội dung dán nhầm cả tệp. " * 4_000  # about 100 KB
    assert len(pasted.encode()) > 100_000
    err = refused(db, bodies.create_body, "Ban Tuyên giáo Tỉnh ủy", BodyFields(note=pasted))
    problem = only_problem(err, "note")
    assert "Ghi chú dài" in problem.message
    assert "quá giới hạn 10.000 ký tự" in problem.message
    assert "rút gọn" in problem.message
    assert len(problem.value) <= 61  # the value is shown shortened, not 100 KB of it
    err = refused(db, bodies.create_body, pasted)
    assert "Tên cơ quan dài" in only_problem(err, "name").message
    body_id = bodies.create_body(db, "Ban Tuyên giáo Tỉnh ủy").entity_id
    only_problem(refused(db, bodies.update_body, body_id, BodyFields(short_name=pasted)), "short_name")


def test_body_code_longer_than_its_column_refused_clearly(db):
    refused(db, bodies.create_body, "Ban Tuyên giáo Tỉnh ủy", BodyFields(code="B" * 60))


# --- bodies: update and delete -------------------------------------------------------

def test_update_body_changes_only_given_fields(db):
    ids = seed_bodies(db)
    before = get(db, Body, ids["BTGTU"])
    changes = bodies.update_body(db, ids["BTGTU"], BodyFields(valid_to="28/02/2025", note="Sáp nhập   "))
    after = get(db, Body, ids["BTGTU"])
    assert (after.valid_to, after.note) == (date(2025, 2, 28), "Sáp nhập")
    assert (after.name, after.code, after.kind, after.parent_id) == (before.name, before.code, before.kind,
                                                                     before.parent_id)
    assert changes.updated == {"bodies": {ids["BTGTU"]}}
    assert changes.name == "Sửa cơ quan «Ban Tuyên giáo Tỉnh ủy»"


def test_update_body_can_clear_optional_fields(db):
    ids = seed_bodies(db)
    bodies.update_body(db, ids["BTGTU"], BodyFields(code="", parent_id=None))
    body = get(db, Body, ids["BTGTU"])
    assert (body.code, body.parent_id) == (None, None)
    # Two bodies without a code do not clash.
    bodies.update_body(db, ids["BDVTU"], BodyFields(code=None))


def test_delete_unused_body(db):
    ids = seed_bodies(db)
    changes = bodies.delete_body(db, ids["BDVTU"])
    assert get(db, Body, ids["BDVTU"]) is None
    assert changes.deleted == {"bodies": {ids["BDVTU"]}}
    assert changes.name == "Xóa cơ quan «Ban Dân vận Tỉnh ủy»"


def _programme_with_task(db, ids) -> tuple[int, int]:
    program_id = programs.create_program(db, "Chương trình hành động thực hiện Nghị quyết số 42-NQ/TW",
                                         ProgramFields(issuing_body_id=ids["TU"], issue_date=date(2024, 3, 20))).entity_id
    task_id = tasks.create_task(db, program_id, "Xây dựng kế hoạch tuyên truyền", TaskFields(lead_body_id=ids["BTGTU"], coordinating_body_ids=[ids["BDVTU"]], deadline="Quý II/2024")).entity_id
    return program_id, task_id


@pytest.mark.parametrize("which", ["lead", "coordinator", "issuer"])
def test_delete_body_in_use_refused_suggesting_an_end_date(db, which):
    ids = seed_bodies(db)
    _programme_with_task(db, ids)
    body_id = {"lead": ids["BTGTU"], "coordinator": ids["BDVTU"], "issuer": ids["TU"]}[which]
    err = refused(db, bodies.delete_body, body_id)
    message = str(err)
    assert "Không xóa được" in message
    assert "ngày hết hiệu lực" in message
    assert get(db, Body, body_id) is not None


def test_delete_body_with_children_refused(db):
    ids = seed_bodies(db)
    err = refused(db, bodies.delete_body, ids["TU"])
    assert "2 cơ quan trực thuộc" in str(err)


# --- documents -------------------------------------------------------------------------

def test_create_document_parses_and_stores_symbol(db):
    changes = documents.create_document(db, "Nghị quyết số 42- nq/tw", DocumentFields(issue_date="24/11/2023", issuing_authority="Ban Chấp hành Trung ương Đảng", subject=unicodedata.normalize(
            "NFD", "về tiếp tục đổi mới, nâng cao chất lượng chính sách xã hội")))
    doc = get(db, Document, changes.entity_id)
    assert (doc.symbol, doc.number, doc.type_code, doc.issuer_code, doc.style, doc.symbol_year) == (
        "42-NQ/TW", 42, "NQ", "TW", "party", None)
    assert doc.issue_date == date(2023, 11, 24)
    assert doc.subject == "về tiếp tục đổi mới, nâng cao chất lượng chính sách xã hội"
    assert doc.classification is None
    assert changes.name == "Thêm văn bản 42-NQ/TW"
    assert changes.inserted == {"documents": {doc.id}}


def test_create_state_document(db):
    doc = get(db, Document, documents.create_document(db, "Số: 2385/qđ-ubnd", DocumentFields(classification="")).entity_id)
    assert (doc.symbol, doc.type_code, doc.issuer_code, doc.style) == ("2385/QĐ-UBND", "QĐ", "UBND", "state")
    assert doc.issue_date is None and doc.classification is None


@pytest.mark.parametrize("symbol", ["abc", "42-NQ", "", "   ", "42-NQ/TW và 43-NQ/TW"])
def test_unparseable_symbol_refused(db, symbol):
    err = refused(db, documents.create_document, symbol, DocumentFields(issue_date=date(2023, 11, 24)))
    problem = only_problem(err, "symbol")
    assert problem.value == symbol
    assert "42-NQ/TW" in problem.message  # the message shows how to write one


def test_symbol_must_be_text(db):
    only_problem(refused(db, documents.create_document, 42), "symbol")


def test_duplicate_symbol_and_date_refused(db):
    first = documents.create_document(db, "42-NQ/TW", DocumentFields(issue_date=date(2023, 11, 24))).entity_id
    err = refused(db, documents.create_document, "42 - nq/tw", DocumentFields(issue_date="24/11/2023"))
    problem = only_problem(err, "symbol")
    assert problem.value == "42 - nq/tw"
    assert "42-NQ/TW" in problem.message and "đã có" in problem.message
    # The same symbol on another date is another document (numbers restart each term).
    second = documents.create_document(db, "42-NQ/TW", DocumentFields(issue_date=date(2018, 5, 19))).entity_id
    # …but editing it onto the first one's date is a duplicate again.
    only_problem(refused(db, documents.update_document, second, DocumentFields(issue_date=date(2023, 11, 24))), "symbol")
    # Editing a document without changing its key is not a clash with itself.
    documents.update_document(db, first, DocumentFields(subject="về tiếp tục đổi mới"))


def test_duplicate_symbol_without_date_refused(db):
    documents.create_document(db, "15-CTr/TU")
    only_problem(refused(db, documents.create_document, "15-ctr/tu"), "symbol")


def test_document_field_problems(db):
    err = refused(db, documents.create_document, "xyz", DocumentFields(issue_date="hôm qua", classification="M" * 250))
    assert {p.field for p in err.problems} == {"symbol", "issue_date", "classification"}


def test_document_100kb_subject_refused(db):
    pasted = "x" * 102_400
    err = refused(db, documents.create_document, "42-NQ/TW", DocumentFields(subject=pasted))
    problem = only_problem(err, "subject")
    assert "Trích yếu dài 102.400 ký tự, quá giới hạn 10.000 ký tự" in problem.message


def test_document_classification_longer_than_its_column_refused_clearly(db):
    refused(db, documents.create_document, "42-NQ/TW", DocumentFields(classification="Mật " * 10))


def test_update_document_reparses_symbol(db):
    doc_id = documents.create_document(db, "42-NQ/TW", DocumentFields(issue_date=date(2023, 11, 24))).entity_id
    changes = documents.update_document(db, doc_id, DocumentFields(symbol="68/NQ-CP"))
    doc = get(db, Document, doc_id)
    assert (doc.symbol, doc.number, doc.type_code, doc.issuer_code, doc.style) == ("68/NQ-CP", 68, "NQ", "CP",
                                                                                   "state")
    assert doc.issue_date == date(2023, 11, 24)  # untouched
    assert changes.name == "Sửa văn bản 68/NQ-CP"
    only_problem(refused(db, documents.update_document, doc_id, DocumentFields(symbol="không phải ký hiệu")), "symbol")
    with pytest.raises(TypeError):  # derived fields are not parameters at all
        DocumentFields(number=5)  # type: ignore[call-arg]


def test_delete_document(db):
    doc_id = documents.create_document(db, "42-NQ/TW").entity_id
    changes = documents.delete_document(db, doc_id)
    assert get(db, Document, doc_id) is None
    assert changes.deleted == {"documents": {doc_id}}
    assert changes.name == "Xóa văn bản 42-NQ/TW"


def test_delete_document_linked_to_a_programme_refused(db):
    d42 = documents.create_document(db, "42-NQ/TW").entity_id
    d43 = documents.create_document(db, "43-NQ/TW").entity_id
    program_id = programs.create_program(db, "Chương trình hành động",
                                         ProgramFields(document_ids=[d42, d43])).entity_id
    err = refused(db, documents.delete_document, d42)
    assert "42-NQ/TW" in str(err) and "1 chương trình" in str(err)
    assert "bỏ liên kết" in str(err)
    # Once unlinked, it can go.
    programs.update_program(db, program_id, ProgramFields(document_ids=[d43]))
    documents.delete_document(db, d42)
    assert get(db, Document, d42) is None
