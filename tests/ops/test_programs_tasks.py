"""Programmes and tasks through the operations: documents, signing, deadlines, bodies'
validity, coordinators, order within groups, cascading delete (and its undo)."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select

from desktop_app.core.task_order import document_order as ordered_tasks
from desktop_app.interchange.writer import export_data
from desktop_app.ops import bodies, documents, programs, progress, tasks, undo
from desktop_app.ops.fields import BodyFields, DocumentFields, ProgramFields, ProgressFields, TaskFields
from ops_support import DATA_TABLES, dump_all, get, only_problem, refused
from desktop_app.reports.lists import list_programs
from desktop_app.store.models import (
    JournalChange, JournalEntry, Program, ProgramDocument, ProgressEntry, Task, TaskCoordinator,
)

TODAY = date(2025, 6, 30)
ISSUED = date(2024, 3, 20)


# --- helpers ---------------------------------------------------------------------------

def links(db, program_id) -> list[tuple[int, int]]:
    with db.read() as s:
        return [(link.document_id, link.position) for link in s.scalars(
            select(ProgramDocument).where(ProgramDocument.program_id == program_id).order_by(ProgramDocument.position))]


def coordinators(db, task_id) -> list[int]:
    with db.read() as s:
        return list(s.scalars(select(TaskCoordinator.body_id).where(TaskCoordinator.task_id == task_id)
                              .order_by(TaskCoordinator.position)))


def positions(db, program_id) -> dict[int, int]:
    with db.read() as s:
        return dict(s.execute(select(Task.id, Task.position).where(Task.program_id == program_id)).all())


def group_order(db, program_id, group) -> list[int]:
    with db.read() as s:
        return tasks.ordered_group_ids(s, program_id, group)


def document_order(db, program_id) -> list[int]:
    with db.read() as s:
        return [t.id for t in ordered_tasks(list(s.scalars(select(Task).where(Task.program_id == program_id))))]


def journal_count(db) -> int:
    with db.read() as s:
        return len(list(s.scalars(select(JournalEntry.id))))


@pytest.fixture
def ids(db) -> dict[str, int]:
    out = {}
    out["TU"] = bodies.create_body(db, "Tỉnh ủy Lạng Sơn", BodyFields(code="TU", kind="party_committee")).entity_id
    out["BTVTU"] = bodies.create_body(db, "Ban Thường vụ Tỉnh ủy", BodyFields(code="BTVTU", kind="party_committee")).entity_id
    out["VPTU"] = bodies.create_body(db, "Văn phòng Tỉnh ủy", BodyFields(code="VPTU", kind="advisory_body")).entity_id
    out["BTGTU"] = bodies.create_body(db, "Ban Tuyên giáo Tỉnh ủy", BodyFields(code="BTGTU", kind="advisory_body", valid_to=date(2025, 2, 28))).entity_id
    out["BDVTU"] = bodies.create_body(db, "Ban Dân vận Tỉnh ủy", BodyFields(code="BDVTU", kind="advisory_body", valid_to=date(2025, 2, 28))).entity_id
    out["BTCTU"] = bodies.create_body(db, "Ban Tổ chức Tỉnh ủy", BodyFields(code="BTCTU", kind="advisory_body")).entity_id
    out["BTGDVTU"] = bodies.create_body(db, "Ban Tuyên giáo và Dân vận Tỉnh ủy", BodyFields(code="BTGDVTU", kind="advisory_body", valid_from=date(2025, 3, 1))).entity_id
    out["OLD"] = bodies.create_body(db, "Ban Tài chính - Quản trị Tỉnh ủy", BodyFields(code="BTCQTTU", valid_to=date(2020, 12, 31))).entity_id
    out["d42"] = documents.create_document(db, "42-NQ/TW", DocumentFields(issue_date=date(2023, 11, 24))).entity_id
    out["d43"] = documents.create_document(db, "43-NQ/TW", DocumentFields(issue_date=date(2023, 11, 24))).entity_id
    out["d44"] = documents.create_document(db, "44-NQ/TW", DocumentFields(issue_date=date(2023, 11, 24))).entity_id
    out["d45"] = documents.create_document(db, "45-NQ/TW", DocumentFields(issue_date=date(2023, 11, 24))).entity_id
    return out


def make_program(db, ids, **values) -> int:
    values = {"issuing_body_id": ids["BTVTU"], "issue_date": ISSUED, "number": 15, "status": "issued",
              "signing_mode": "T/M"} | values
    return programs.create_program(db, "Chương trình hành động thực hiện Nghị quyết Trung ương 8 khóa XIII",
                                   ProgramFields(**values)).entity_id


# --- programmes -------------------------------------------------------------------------

def test_create_program_with_documents_in_order(db, ids):
    changes = programs.create_program(db, "Chương trình hành động thực hiện các nghị quyết Trung ương 8",
                                      ProgramFields(document_ids=[ids["d45"], ids["d42"], ids["d43"], ids["d42"]], issuing_body_id=ids["BTVTU"], place="Lạng Sơn", recipients=["- Ban Bí thư,", "- Lưu Văn phòng Tỉnh ủy."]))
    program_id = changes.entity_id
    assert links(db, program_id) == [(ids["d45"], 0), (ids["d42"], 1), (ids["d43"], 2)]
    (row, symbols, count), = list_programs(db)
    assert symbols == ["45-NQ/TW", "42-NQ/TW", "43-NQ/TW"]
    assert count == 0
    program = get(db, Program, program_id)
    assert program.status == "drafting" and program.kind == "CTr"
    assert program.recipients == "- Ban Bí thư,\n- Lưu Văn phòng Tỉnh ủy."
    assert changes.inserted["programs"] == {program_id}
    assert len(changes.inserted["program_documents"]) == 3
    assert changes.name.startswith("Thêm chương trình «Chương trình hành động")


def test_create_program_with_missing_document_refused(db, ids):
    err = refused(db, programs.create_program, "Chương trình", ProgramFields(document_ids=[ids["d42"], 999_999]))
    assert err.problems[0].field == "document_ids"
    assert err.problems[0].value == [999_999]


def test_program_title_required_and_fields_checked(db, ids):
    err = refused(db, programs.create_program, "  ", ProgramFields(kind="NQ", number="mười", issuing_body_id=999_999))
    assert {p.field for p in err.problems} == {"title", "kind", "number", "issuing_body_id"}


def test_update_program_fields(db, ids):
    program_id = programs.create_program(db, "Dự thảo chương trình", ProgramFields(draft_round=1)).entity_id
    changes = programs.update_program(db, program_id,
                                      ProgramFields(draft_round="2", status="consulting", purpose_text="1. Quán triệt sâu sắc…\n2. Cụ thể hóa…   "))
    program = get(db, Program, program_id)
    assert (program.draft_round, program.status) == (2, "consulting")
    assert program.purpose_text == "1. Quán triệt sâu sắc…\n2. Cụ thể hóa…"
    assert program.title == "Dự thảo chương trình"
    assert changes.updated == {"programs": {program_id}}
    with db.read() as s:
        change = s.scalar(select(JournalChange).where(JournalChange.journal_id == changes.journal_id))
    assert set(json.loads(change.after)) == {"draft_round", "status", "purpose_text"}
    only_problem(refused(db, programs.update_program, program_id, ProgramFields(status="archived")), "status")
    refused(db, programs.update_program, 999_999, ProgramFields(title="x"))


def test_relink_documents(db, ids):
    program_id = programs.create_program(db, "Chương trình",
                                         ProgramFields(document_ids=[ids["d42"], ids["d43"]])).entity_id
    with db.read() as s:
        kept_link_id = s.scalar(select(ProgramDocument.id).where(ProgramDocument.document_id == ids["d43"]))
        dropped_link_id = s.scalar(select(ProgramDocument.id).where(ProgramDocument.document_id == ids["d42"]))
    changes = programs.update_program(db, program_id, ProgramFields(document_ids=[ids["d43"], ids["d45"]]))
    assert links(db, program_id) == [(ids["d43"], 0), (ids["d45"], 1)]
    with db.read() as s:
        assert s.scalar(select(ProgramDocument.id).where(ProgramDocument.document_id == ids["d43"])) == kept_link_id
    assert changes.deleted == {"program_documents": {dropped_link_id}}
    assert changes.updated["program_documents"] == {kept_link_id}
    assert len(changes.inserted["program_documents"]) == 1
    assert "programs" not in changes.updated  # the programme row itself did not change
    # Reordering only.
    programs.update_program(db, program_id, ProgramFields(document_ids=[ids["d45"], ids["d43"]]))
    assert links(db, program_id) == [(ids["d45"], 0), (ids["d43"], 1)]
    # Unlinking everything; the same list again is a no-op (no journal entry).
    programs.update_program(db, program_id, ProgramFields(document_ids=[]))
    assert links(db, program_id) == []
    count = journal_count(db)
    assert programs.update_program(db, program_id, ProgramFields(document_ids=[])).empty
    assert journal_count(db) == count
    refused(db, programs.update_program, program_id, ProgramFields(document_ids=[999_999]))


def test_program_fields_are_typed(db, ids):
    """A field programmes do not have is refused where the parameters are made, before
    anything runs; the parameters of another kind of record are refused by the operation."""
    with pytest.raises(TypeError, match="colour"):
        ProgramFields(colour="đỏ")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="ProgramFields"):
        programs.create_program(db, "Chương trình", TaskFields(note="x"))  # type: ignore[arg-type]
    program_id = programs.create_program(db, "Chương trình", ProgramFields(
        place="Lạng Sơn", document_ids=(ids["d42"], ids["d43"]))).entity_id
    with pytest.raises(TypeError, match="ProgramFields"):
        programs.update_program(db, program_id, {"place": "Hà Nội"})  # type: ignore[arg-type]
    assert get(db, Program, program_id).place == "Lạng Sơn"  # nothing was written


def test_program_fields_left_unset_are_kept_and_none_empties(db, ids):
    program_id = programs.create_program(db, "Chương trình", ProgramFields(
        place="Lạng Sơn", signer_name="Nguyễn Văn A", document_ids=[ids["d42"], ids["d43"]])).entity_id
    changes = programs.update_program(db, program_id, ProgramFields(place=None))
    program = get(db, Program, program_id)
    assert (program.place, program.signer_name, program.title) == ("", "Nguyễn Văn A", "Chương trình")  # emptied
    assert links(db, program_id) == [(ids["d42"], 0), (ids["d43"], 1)]  # not given: the links stay
    assert "program_documents" not in changes.deleted
    # the title given in the fields of a new programme is the argument's, not the field's
    other = programs.create_program(db, "Tên thật", ProgramFields(title="Tên khác")).entity_id
    assert get(db, Program, other).title == "Tên thật"


def test_issued_programme_needs_number_and_date(db, ids):
    err = refused(db, programs.create_program, "Chương trình", ProgramFields(status="issued"))
    assert {p.field for p in err.problems} == {"number", "issue_date"}
    assert "phải có số văn bản" in only_problem(err, "number").message
    assert "phải có ngày ban hành" in only_problem(err, "issue_date").message
    program_id = programs.create_program(db, "Chương trình", ProgramFields(number=15)).entity_id
    only_problem(refused(db, programs.update_program, program_id, ProgramFields(status="issued")), "issue_date")
    programs.update_program(db, program_id, ProgramFields(status="issued", issue_date="20/3/2024"))
    program = get(db, Program, program_id)
    assert (program.status, program.number, program.issue_date) == ("issued", 15, ISSUED)
    # An issued programme cannot lose its number.
    only_problem(refused(db, programs.update_program, program_id, ProgramFields(number=None)), "number")


def test_committee_programme_is_never_signed_kt(db, ids):
    err = refused(db, programs.create_program, "Chương trình",
                  ProgramFields(issuing_body_id=ids["TU"], signing_mode="K/T"))
    problem = only_problem(err, "signing_mode")
    assert problem.value == "K/T"
    assert "Tỉnh ủy Lạng Sơn" in problem.message and "T/M" in problem.message
    # T/M is right for a committee; an advisory body may sign K/T.
    committee = programs.create_program(db, "Chương trình",
                                        ProgramFields(issuing_body_id=ids["TU"], signing_mode="T/M")).entity_id
    office = programs.create_program(db, "Kế hoạch",
                                     ProgramFields(kind="KH", issuing_body_id=ids["VPTU"], signing_mode="K/T")).entity_id
    assert get(db, Program, office).signing_mode == "K/T"
    # Editing into the forbidden combination, from either side.
    only_problem(refused(db, programs.update_program, committee, ProgramFields(signing_mode="K/T")), "signing_mode")
    only_problem(refused(db, programs.update_program, office,
                         ProgramFields(issuing_body_id=ids["BTVTU"])), "signing_mode")
    only_problem(refused(db, programs.update_program, committee, ProgramFields(signing_mode="KT")), "signing_mode")


def test_signer_title_longer_than_its_column_refused_clearly(db, ids):
    program_id = make_program(db, ids)
    refused(db, programs.update_program, program_id, ProgramFields(signer_title="PHÓ BÍ THƯ THƯỜNG TRỰC " * 6))


def test_delete_program_cascades_and_undo_restores_it(db, ids):
    other = make_program(db, ids, number=16)
    other_task = tasks.create_task(db, other, "Nhiệm vụ của chương trình khác", TaskFields(lead_body_id=ids["VPTU"])).entity_id
    program_id = programs.create_program(db, "Chương trình",
                                         ProgramFields(document_ids=[ids["d42"], ids["d43"]], issue_date=ISSUED)).entity_id
    t1 = tasks.create_task(db, program_id, "Nhiệm vụ 1", TaskFields(lead_body_id=ids["BTGTU"], coordinating_body_ids=[ids["BDVTU"], ids["BTCTU"]], deadline="Quý II/2024")).entity_id
    t2 = tasks.create_task(db, program_id, "Nhiệm vụ 2", TaskFields(lead_body_id=ids["BTCTU"], coordinating_body_ids=[ids["VPTU"]], deadline="Năm 2024")).entity_id
    progress.report_progress(db, t1, date(2024, 4, 1), ProgressFields(percent=30), today=TODAY)
    wrong = progress.report_progress(db, t1, date(2024, 5, 1), ProgressFields(completed=True), today=TODAY)
    wrong_id = next(iter(wrong.inserted["progress_entries"]))
    progress.correct_progress(db, wrong_id, date(2024, 5, 1),
                              ProgressFields(percent=80, note="Ghi nhầm"), today=TODAY)
    progress.report_progress(db, t2, date(2024, 6, 1), ProgressFields(percent=10), today=TODAY)
    before = dump_all(db, DATA_TABLES)
    exported = export_data(db)

    changes = programs.delete_program(db, program_id)

    after = dump_all(db, DATA_TABLES)
    assert after["programs"] == [r for r in before["programs"] if r["id"] != program_id]
    assert [r["id"] for r in after["tasks"]] == [other_task]
    assert after["task_coordinators"] == [] and after["progress_entries"] == []
    assert after["program_documents"] == []
    assert after["bodies"] == before["bodies"] and after["documents"] == before["documents"]
    assert changes.deleted == {
        "programs": {program_id},
        "tasks": {t1, t2},
        "task_coordinators": {r["id"] for r in before["task_coordinators"]},
        "progress_entries": {r["id"] for r in before["progress_entries"]},
        "program_documents": {r["id"] for r in before["program_documents"]},
    }
    with db.read() as s:
        journaled = list(s.scalars(select(JournalChange).where(JournalChange.journal_id == changes.journal_id)))
    assert all(c.action == "delete" for c in journaled)
    assert len(journaled) == 1 + 2 + 3 + 4 + 2
    # Every deleted row is journaled whole, so undo can put it back as it was.
    by_key = {(c.entity, c.entity_id): json.loads(c.before) for c in journaled}
    for table in ("tasks", "progress_entries", "task_coordinators"):
        for row in before[table]:
            if (table, row["id"]) in by_key:
                assert by_key[(table, row["id"])] == {
                    k: (v.isoformat() if hasattr(v, "isoformat") else v)
                    for k, v in row.items() if k != "search_fold"}

    undo.undo(db)
    assert dump_all(db, DATA_TABLES) == before
    assert export_data(db) == exported
    with db.read() as s:
        correction = s.scalar(select(ProgressEntry).where(ProgressEntry.corrects_id == wrong_id))
    assert correction is not None and correction.task_id == t1


# --- tasks: deadlines and dates --------------------------------------------------------

@pytest.mark.parametrize(("written", "kind", "due", "text"), [
    ("quý 1/2024", "quarter", date(2024, 3, 31), "Quý I/2024"),
    ("Quý IV/2024", "quarter", date(2024, 12, 31), "Quý IV/2024"),
    ("tháng 6/2024", "month", date(2024, 6, 30), "Tháng 6/2024"),
    ("trước 30/6/2024", "date", date(2024, 6, 30), "Trước ngày 30/06/2024"),
    ("6 tháng cuối năm 2024", "half_year", date(2024, 12, 31), "6 tháng cuối năm 2024"),
    ("năm 2025", "year", date(2025, 12, 31), "Năm 2025"),
    ("giai đoạn 2024 – 2030", "period", date(2030, 12, 31), "Giai đoạn 2024 - 2030"),
    ("thường xuyên", "continuous", None, "Thường xuyên"),
    ("Hàng năm", "recurring_yearly", None, "Hằng năm"),
    ("sau khi Trung ương ban hành hướng dẫn", "event", None, "Sau khi Trung ương ban hành hướng dẫn"),
    (None, None, None, ""),
    ("  ", None, None, ""),
])
def test_task_deadline_parsed(db, ids, written, kind, due, text):
    program_id = make_program(db, ids)
    task_id = tasks.create_task(db, program_id, "Nhiệm vụ", TaskFields(lead_body_id=ids["BTGTU"], deadline=written)).entity_id
    task = get(db, Task, task_id)
    assert (task.deadline_kind, task.due_date, task.deadline_text) == (kind, due, text)


def test_unreadable_deadline_refused(db, ids):
    program_id = make_program(db, ids)
    err = refused(db, tasks.create_task, program_id, "Nhiệm vụ", TaskFields(deadline="càng sớm càng tốt"))
    problem = only_problem(err, "deadline")
    assert problem.value == "càng sớm càng tốt"
    assert "Quý I/2024" in problem.message  # says how to write one
    only_problem(refused(db, tasks.create_task, program_id, "Nhiệm vụ", TaskFields(deadline="Quý V/2024")), "deadline")


def test_task_content_required(db, ids):
    program_id = make_program(db, ids)
    only_problem(refused(db, tasks.create_task, program_id, " \n "), "content")
    refused(db, tasks.create_task, 999_999, "Nhiệm vụ")
    with pytest.raises(TypeError):  # a field tasks do not have: refused before any operation runs
        TaskFields(owner="x")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="TaskFields"):  # the fields of another kind of record
        tasks.create_task(db, program_id, "Nhiệm vụ", BodyFields(code="X"))  # type: ignore[arg-type]


def test_assigned_date_defaults_to_programme_issue_date(db, ids):
    program_id = make_program(db, ids)
    defaulted = tasks.create_task(db, program_id, "Nhiệm vụ 1", TaskFields(lead_body_id=ids["BTGTU"])).entity_id
    blank = tasks.create_task(db, program_id, "Nhiệm vụ 2", TaskFields(lead_body_id=ids["BTGTU"], assigned_date="")).entity_id
    explicit = tasks.create_task(db, program_id, "Nhiệm vụ 3", TaskFields(lead_body_id=ids["BTGTU"], assigned_date="05/04/2024")).entity_id
    assert get(db, Task, defaulted).assigned_date == ISSUED
    assert get(db, Task, blank).assigned_date == ISSUED
    assert get(db, Task, explicit).assigned_date == date(2024, 4, 5)
    draft = programs.create_program(db, "Dự thảo").entity_id
    assert get(db, Task, tasks.create_task(db, draft, "Nhiệm vụ").entity_id).assigned_date is None


def test_deadline_before_assigned_date_refused(db, ids):
    program_id = make_program(db, ids)  # issued 20/03/2024
    err = refused(db, tasks.create_task, program_id, "Nhiệm vụ", TaskFields(lead_body_id=ids["BTGTU"], deadline="Tháng 01/2024"))
    problem = only_problem(err, "deadline")
    assert problem.value == "Tháng 01/2024"
    assert "31/01/2024" in problem.message and "20/03/2024" in problem.message
    # Due on the very day of assignment is fine.
    task_id = tasks.create_task(db, program_id, "Nhiệm vụ", TaskFields(lead_body_id=ids["BTGTU"], deadline="20/03/2024")).entity_id
    # Editing either side into the wrong order is refused too.
    only_problem(refused(db, tasks.update_task, task_id, TaskFields(assigned_date="21/03/2024")), "deadline")
    only_problem(refused(db, tasks.update_task, task_id, TaskFields(deadline="19/03/2024")), "deadline")
    # Undated kinds have nothing to compare.
    tasks.update_task(db, task_id, TaskFields(deadline="Thường xuyên", assigned_date="01/06/2024"))


# --- tasks: bodies' validity ------------------------------------------------------------

def test_lead_body_must_be_valid_on_the_assignment_day(db, ids):
    program_id = make_program(db, ids)
    err = refused(db, tasks.create_task, program_id, "Nhiệm vụ", TaskFields(lead_body_id=ids["OLD"]))
    problem = only_problem(err, "lead_body_id")
    assert problem.value == ids["OLD"]
    assert "không còn hiệu lực vào ngày 20/03/2024" in problem.message
    assert "31/12/2020" in problem.message
    # A body created in 2025 cannot take a 2024 assignment either.
    only_problem(refused(db, tasks.create_task, program_id, "Nhiệm vụ", TaskFields(lead_body_id=ids["BTGDVTU"])), "lead_body_id")
    # …but it can take one assigned after it came into being.
    task_id = tasks.create_task(db, program_id, "Nhiệm vụ", TaskFields(lead_body_id=ids["BTGDVTU"], assigned_date="01/03/2025")).entity_id
    assert get(db, Task, task_id).lead_body_id == ids["BTGDVTU"]
    only_problem(refused(db, tasks.create_task, program_id, "Nhiệm vụ", TaskFields(lead_body_id=999_999)), "lead_body_id")
    only_problem(refused(db, tasks.create_task, program_id, "Nhiệm vụ", TaskFields(lead_body_id=ids["BTGTU"], coordinating_body_ids=[ids["OLD"]])), "coordinating_body_ids")


def test_changing_lead_to_an_expired_body_refused(db, ids):
    program_id = make_program(db, ids)
    task_id = tasks.create_task(db, program_id, "Nhiệm vụ", TaskFields(lead_body_id=ids["BTGTU"])).entity_id
    only_problem(refused(db, tasks.update_task, task_id, TaskFields(lead_body_id=ids["OLD"])), "lead_body_id")


def test_keeping_an_expired_lead_body_when_editing_other_fields(db, ids):
    program_id = make_program(db, ids)
    task_id = tasks.create_task(db, program_id, "Nhiệm vụ", TaskFields(lead_body_id=ids["BTGTU"], coordinating_body_ids=[ids["BDVTU"]])).entity_id
    # Later the bodies' validity is corrected: they ended before this assignment.
    bodies.update_body(db, ids["BTGTU"], BodyFields(valid_to=date(2024, 1, 31)))
    bodies.update_body(db, ids["BDVTU"], BodyFields(valid_to=date(2024, 1, 31)))
    tasks.update_task(db, task_id, TaskFields(content="Nhiệm vụ (sửa)", product="Kế hoạch", deadline="Quý III/2024"))
    tasks.update_task(db, task_id, TaskFields(lead_body_id=ids["BTGTU"]))  # the same lead, given again
    tasks.update_task(db, task_id, TaskFields(coordinating_body_ids=[ids["BDVTU"], ids["BTCTU"]]))  # kept + a valid one
    task = get(db, Task, task_id)
    assert (task.content, task.lead_body_id, task.deadline_text) == ("Nhiệm vụ (sửa)", ids["BTGTU"], "Quý III/2024")
    assert coordinators(db, task_id) == [ids["BDVTU"], ids["BTCTU"]]
    # Adding another expired coordinator is still refused.
    only_problem(refused(db, tasks.update_task, task_id, TaskFields(coordinating_body_ids=[ids["BDVTU"], ids["OLD"]])),
                 "coordinating_body_ids")


# --- tasks: coordinators ------------------------------------------------------------------

def test_coordinators_keep_order_without_duplicates(db, ids):
    program_id = make_program(db, ids)
    changes = tasks.create_task(db, program_id, "Nhiệm vụ", TaskFields(lead_body_id=ids["BTGTU"], coordinating_body_ids=[ids["BTCTU"], ids["VPTU"], ids["BTCTU"], ids["BDVTU"]]))
    task_id = changes.entity_id
    assert coordinators(db, task_id) == [ids["BTCTU"], ids["VPTU"], ids["BDVTU"]]
    assert len(changes.inserted["task_coordinators"]) == 3
    with db.read() as s:
        link_ids = dict(s.execute(select(TaskCoordinator.body_id, TaskCoordinator.id)
                                  .where(TaskCoordinator.task_id == task_id)).all())
    changes = tasks.update_task(db, task_id, TaskFields(coordinating_body_ids=[ids["BDVTU"], ids["BTCTU"]]))
    assert coordinators(db, task_id) == [ids["BDVTU"], ids["BTCTU"]]
    assert changes.deleted == {"task_coordinators": {link_ids[ids["VPTU"]]}}
    assert changes.updated == {"task_coordinators": {link_ids[ids["BDVTU"]], link_ids[ids["BTCTU"]]}}
    with db.read() as s:  # kept links keep their ids
        assert dict(s.execute(select(TaskCoordinator.body_id, TaskCoordinator.id)
                              .where(TaskCoordinator.task_id == task_id)).all()) == {
            ids["BDVTU"]: link_ids[ids["BDVTU"]], ids["BTCTU"]: link_ids[ids["BTCTU"]]}
    tasks.update_task(db, task_id, TaskFields(coordinating_body_ids=[]))
    assert coordinators(db, task_id) == []


def test_lead_body_cannot_be_a_coordinator(db, ids):
    program_id = make_program(db, ids)
    err = refused(db, tasks.create_task, program_id, "Nhiệm vụ", TaskFields(lead_body_id=ids["BTGTU"], coordinating_body_ids=[ids["BDVTU"], ids["BTGTU"]]))
    problem = only_problem(err, "coordinating_body_ids")
    assert problem.value == ids["BTGTU"]
    assert "chủ trì" in problem.message
    task_id = tasks.create_task(db, program_id, "Nhiệm vụ", TaskFields(lead_body_id=ids["BTGTU"], coordinating_body_ids=[ids["BDVTU"]])).entity_id
    only_problem(refused(db, tasks.update_task, task_id, TaskFields(coordinating_body_ids=[ids["BTGTU"]])),
                 "coordinating_body_ids")
    only_problem(refused(db, tasks.update_task, task_id, TaskFields(lead_body_id=ids["BTCTU"], coordinating_body_ids=[ids["BTCTU"]])), "coordinating_body_ids")
    # Swapping the two roles in one edit is fine.
    tasks.update_task(db, task_id, TaskFields(lead_body_id=ids["BDVTU"], coordinating_body_ids=[ids["BTGTU"]]))
    assert get(db, Task, task_id).lead_body_id == ids["BDVTU"]
    assert coordinators(db, task_id) == [ids["BTGTU"]]


def test_new_lead_that_is_already_a_coordinator_refused(db, ids):
    program_id = make_program(db, ids)
    task_id = tasks.create_task(db, program_id, "Nhiệm vụ", TaskFields(lead_body_id=ids["BTGTU"], coordinating_body_ids=[ids["BDVTU"]])).entity_id
    err = refused(db, tasks.update_task, task_id, TaskFields(lead_body_id=ids["BDVTU"]))
    assert err.problems


# --- tasks: update ------------------------------------------------------------------------

def test_update_task_changes_only_given_fields(db, ids):
    program_id = make_program(db, ids)
    task_id = tasks.create_task(db, program_id, "Nhiệm vụ tuyên truyền", TaskFields(group_title="I. Tuyên truyền", lead_body_id=ids["BTGTU"], coordinating_body_ids=[ids["BDVTU"]], product="Kế hoạch", deadline="Quý II/2024", note="Ghi chú")).entity_id
    before = dump_all(db, ("tasks", "task_coordinators"))
    changes = tasks.update_task(db, task_id, TaskFields(product="Đề án"))
    after = dump_all(db, ("tasks", "task_coordinators"))
    assert after["task_coordinators"] == before["task_coordinators"]
    (old,), (new,) = before["tasks"], after["tasks"]
    assert {k for k in old if old[k] != new[k]} == {"product", "search_fold"}
    assert new["product"] == "Đề án"
    with db.read() as s:
        (change,) = s.scalars(select(JournalChange).where(JournalChange.journal_id == changes.journal_id))
    assert (json.loads(change.before), json.loads(change.after)) == ({"product": "Kế hoạch"}, {"product": "Đề án"})
    assert changes.name == "Sửa nhiệm vụ «Nhiệm vụ tuyên truyền»"
    # A changed deadline rewrites its three fields together; None clears them.
    tasks.update_task(db, task_id, TaskFields(deadline="tháng 9/2024"))
    task = get(db, Task, task_id)
    assert (task.deadline_kind, task.due_date, task.deadline_text) == ("month", date(2024, 9, 30), "Tháng 9/2024")
    tasks.update_task(db, task_id, TaskFields(deadline=None))
    task = get(db, Task, task_id)
    assert (task.deadline_kind, task.due_date, task.deadline_text) == (None, None, "")
    assert task.note == "Ghi chú" and task.group_title == "I. Tuyên truyền"


def test_noop_task_update_leaves_no_entry(db, ids):
    program_id = make_program(db, ids)
    task_id = tasks.create_task(db, program_id, "Nhiệm vụ", TaskFields(lead_body_id=ids["BTGTU"], coordinating_body_ids=[ids["BDVTU"]], deadline="Quý II/2024")).entity_id
    count = journal_count(db)
    changes = tasks.update_task(db, task_id, TaskFields(content="Nhiệm vụ   \n", deadline="quý 2/2024", coordinating_body_ids=[ids["BDVTU"]]))
    assert changes.empty and changes.journal_id is None
    assert journal_count(db) == count


def test_delete_task(db, ids):
    program_id = make_program(db, ids)
    keep = tasks.create_task(db, program_id, "Giữ lại", TaskFields(lead_body_id=ids["VPTU"])).entity_id
    task_id = tasks.create_task(db, program_id, "Nhiệm vụ", TaskFields(lead_body_id=ids["BTGTU"], coordinating_body_ids=[ids["BDVTU"]])).entity_id
    progress.report_progress(db, task_id, date(2024, 4, 1), ProgressFields(percent=20), today=TODAY)
    changes = tasks.delete_task(db, task_id)
    assert get(db, Task, task_id) is None and get(db, Task, keep) is not None
    assert coordinators(db, task_id) == []
    assert set(changes.deleted) == {"tasks", "task_coordinators", "progress_entries"}
    assert changes.name == "Xóa nhiệm vụ «Nhiệm vụ»"


# --- tasks: order within groups --------------------------------------------------------

@pytest.fixture
def grouped(db, ids):
    """I: a b c, II: d e, then f appended to I."""
    program_id = make_program(db, ids)
    made = {}
    for name, group in (("a", "I"), ("b", "I"), ("c", "I"), ("d", "II"), ("e", "II")):
        made[name] = tasks.create_task(db, program_id, f"Nhiệm vụ {name}", TaskFields(group_title=group, lead_body_id=ids["VPTU"])).entity_id
    return program_id, made


def test_new_task_appended_to_an_existing_group_renumbers_nothing(db, grouped):
    program_id, t = grouped
    before = positions(db, program_id)
    assert sorted(before.values()) == [1, 2, 3, 4, 5]
    changes = tasks.create_task(db, program_id, "Nhiệm vụ f", TaskFields(group_title="I"))
    t["f"] = changes.entity_id
    after = positions(db, program_id)
    assert {k: v for k, v in after.items() if k != t["f"]} == before
    assert changes.updated == {}  # no other task was touched
    assert group_order(db, program_id, "I") == [t["a"], t["b"], t["c"], t["f"]]
    assert document_order(db, program_id) == [t["a"], t["b"], t["c"], t["f"], t["d"], t["e"]]


def test_move_task_up_and_down_within_its_group(db, grouped):
    program_id, t = grouped
    t["f"] = tasks.create_task(db, program_id, "Nhiệm vụ f", TaskFields(group_title="I")).entity_id
    group_ii = {t["d"]: positions(db, program_id)[t["d"]], t["e"]: positions(db, program_id)[t["e"]]}
    tasks.move_task(db, t["c"], -1)
    assert group_order(db, program_id, "I") == [t["a"], t["c"], t["b"], t["f"]]
    tasks.move_task(db, t["a"], +1)
    assert group_order(db, program_id, "I") == [t["c"], t["a"], t["b"], t["f"]]
    tasks.move_task(db, t["b"], +5)  # clamped to the end
    assert group_order(db, program_id, "I") == [t["c"], t["a"], t["f"], t["b"]]
    assert {k: positions(db, program_id)[k] for k in group_ii} == group_ii  # the other group is untouched
    assert document_order(db, program_id)[4:] == [t["d"], t["e"]]
    tasks.move_task(db, t["e"], -1)
    assert group_order(db, program_id, "II") == [t["e"], t["d"]]
    assert document_order(db, program_id) == [t["c"], t["a"], t["f"], t["b"], t["e"], t["d"]]


def test_move_at_the_ends_is_a_noop(db, grouped):
    program_id, t = grouped
    count, before = journal_count(db), positions(db, program_id)
    assert tasks.move_task(db, t["a"], -1).empty
    assert tasks.move_task(db, t["e"], +1).empty
    assert tasks.move_task(db, t["b"], 0).empty
    assert journal_count(db) == count and positions(db, program_id) == before


def test_reorder_group_with_any_permutation(db, grouped):
    program_id, t = grouped
    t["f"] = tasks.create_task(db, program_id, "Nhiệm vụ f", TaskFields(group_title="I")).entity_id
    slots = sorted(positions(db, program_id)[t[k]] for k in "abcf")
    new_order = [t["f"], t["a"], t["c"], t["b"]]
    changes = tasks.reorder_group(db, program_id, "I", new_order)
    assert group_order(db, program_id, "I") == new_order
    assert sorted(positions(db, program_id)[i] for i in new_order) == slots  # same slots, reassigned
    assert changes.updated["tasks"] == {t["f"], t["a"], t["b"]}  # c kept its slot
    assert changes.name == "Sắp xếp lại nhiệm vụ"
    # The same order again changes nothing and leaves no entry.
    count = journal_count(db)
    assert tasks.reorder_group(db, program_id, "I", new_order).empty
    assert journal_count(db) == count
    undo.undo(db)
    assert group_order(db, program_id, "I") == [t["a"], t["b"], t["c"], t["f"]]


@pytest.mark.parametrize("wrong", ["missing", "extra", "other_group", "duplicate", "unknown"])
def test_reorder_with_a_wrong_list_refused(db, grouped, wrong):
    program_id, t = grouped
    ids_ = {
        "missing": [t["b"], t["a"]],
        "extra": [t["c"], t["b"], t["a"], t["d"]],
        "other_group": [t["c"], t["b"], t["d"]],
        "duplicate": [t["c"], t["c"], t["a"]],
        "unknown": [t["c"], t["b"], 999_999],
    }[wrong]
    err = refused(db, tasks.reorder_group, program_id, "I", ids_)
    assert "tải lại" in str(err)


def test_long_event_deadline_refused_clearly(db, ids):
    program_id = make_program(db, ids)
    refused(db, tasks.create_task, program_id, "Nhiệm vụ", TaskFields(lead_body_id=ids["BTGTU"], deadline="Sau khi " + "Trung ương ban hành hướng dẫn thực hiện, " * 10))


def test_a_yearly_deadline_with_its_own_day_is_refused_with_what_to_write(db):
    """The status rule judges yearly tasks on 31/12: a task due 20/11 every year would be
    shown in time until the end of the year, so it is refused rather than judged wrongly."""
    program_id = programs.create_program(db, "Chương trình", ProgramFields(status="drafting")).entity_id
    err = refused(db, tasks.create_task, program_id, "Báo cáo năm", TaskFields(deadline="Trước ngày 20/11 hằng năm"))
    only_problem(err, "deadline")
    assert "«Hằng năm»" in err.problems[0].message
    assert tasks.create_task(db, program_id, "Báo cáo năm", TaskFields(deadline="Hằng năm")).entity_id
