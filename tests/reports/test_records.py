"""reports.records: one record as its editor shows it and the choices of the editors'
fields, as plain frozen rows (the editors run no query of their own)."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from desktop_app.ops import bodies, documents, programs, tasks
from desktop_app.ops.fields import BodyFields, DocumentFields, ProgramFields, TaskFields
from desktop_app.reports import records


@pytest.fixture
def ids(db) -> dict[str, int]:
    out = {
        "TU": bodies.create_body(db, "Tỉnh ủy Lạng Sơn", BodyFields(code="TU", kind="party_committee")).entity_id,
        "VP": bodies.create_body(db, "Văn phòng Tỉnh ủy", BodyFields(short_name="Văn phòng", code="VPTU", kind="advisory_body", note="đầu mối")).entity_id,
        "OLD": bodies.create_body(db, "Ban Tài chính - Quản trị Tỉnh ủy", BodyFields(code="BTCQTTU", valid_to=date(2020, 12, 31))).entity_id,
        "Ă": bodies.create_body(db, "Ăn uống (thử thứ tự)", BodyFields(valid_from=date(2019, 1, 1))).entity_id,
        "d42": documents.create_document(db, "42-NQ/TW", DocumentFields(issue_date=date(2023, 11, 24), issuing_authority="Ban Chấp hành Trung ương", subject="về chính sách xã hội", classification="Mật")).entity_id,
        "d68": documents.create_document(db, "68/NQ-CP", DocumentFields(issue_date=date(2024, 5, 2), issuing_authority="Chính phủ")).entity_id,
        "d43": documents.create_document(db, "43-NQ/TW", DocumentFields(issue_date=date(2023, 11, 24), issuing_authority="Ban Chấp hành Trung ương")).entity_id,
    }
    bodies.update_body(db, out["VP"], BodyFields(parent_id=out["TU"]))
    out["P"] = programs.create_program(db, "Chương trình hành động thực hiện Nghị quyết 42",
                                       ProgramFields(document_ids=[out["d43"], out["d42"]], issuing_body_id=out["TU"], number=15, issue_date=date(2024, 3, 20), status="issued", signing_mode="T/M", place="Lạng Sơn", signer_name="Nguyễn Văn A", tasks_text="Ba nhóm nhiệm vụ")).entity_id
    out["Q"] = programs.create_program(db, "Kế hoạch dự thảo", ProgramFields(kind="KH")).entity_id
    out["T"] = tasks.create_task(db, out["P"], "Tổ chức quán triệt", TaskFields(group_title="Tuyên truyền", lead_body_id=out["VP"], coordinating_body_ids=[out["TU"], out["Ă"]], deadline="quý II/2024", assigned_date=date(2024, 3, 20), product="Kế hoạch", note="ghi chú")).entity_id
    tasks.create_task(db, out["P"], "Việc khác", TaskFields(group_title="An sinh", deadline="30/6/2024"))
    tasks.create_task(db, out["P"], "Việc chưa nhóm", TaskFields(deadline="30/6/2024"))
    tasks.create_task(db, out["Q"], "Việc của kế hoạch khác", TaskFields(group_title="Khác", deadline="30/6/2024"))
    return out


def test_body_record_and_choices(db, ids):
    record = records.body_record(db, ids["VP"])
    assert (record.name, record.short_name, record.code, record.kind, record.parent_id, record.note) == (
        "Văn phòng Tỉnh ủy", "Văn phòng", "VPTU", "advisory_body", ids["TU"], "đầu mối")
    assert record.label == "Văn phòng"
    assert records.body_record(db, ids["OLD"]).valid_to == date(2020, 12, 31)
    assert records.body_record(db, 99_999) is None
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.name = "x"  # type: ignore[misc]
    every = records.body_choices(db)
    assert [b.id for b in every] == [ids["Ă"], ids["OLD"], ids["TU"], ids["VP"]]  # Vietnamese order: Ă after A
    assert every[-1] == records.BodyChoice(ids["VP"], "Văn phòng Tỉnh ủy", "advisory_body", ids["TU"])


def test_body_choices_valid_on_a_day_keep_the_assigned_ones(db, ids):
    day = date(2024, 6, 1)
    assert [b.id for b in records.body_choices(db, valid_on=day)] == [ids["Ă"], ids["TU"], ids["VP"]]
    kept = records.body_choices(db, valid_on=day, keep=[None, ids["OLD"]])
    assert ids["OLD"] in [b.id for b in kept]
    assert [b.id for b in records.body_choices(db, valid_on=date(2018, 1, 1))] == [
        ids["OLD"], ids["TU"], ids["VP"]]  # Ă starts in 2019


def test_document_record_choices_and_authorities(db, ids):
    record = records.document_record(db, ids["d42"])
    assert record == records.DocumentRecord(ids["d42"], "42-NQ/TW", date(2023, 11, 24), "Ban Chấp hành Trung ương",
                                            "về chính sách xã hội", "Mật")
    assert records.document_record(db, 99_999) is None
    choices = records.document_choices(db)
    assert [d.symbol for d in choices] == ["68/NQ-CP", "42-NQ/TW", "43-NQ/TW"]  # newest first, then by id
    assert choices[1].subject == "về chính sách xã hội"
    assert records.issuing_authorities(db) == ["Ban Chấp hành Trung ương", "Chính phủ"]


def test_program_record_choices_and_label(db, ids):
    p = records.program_record(db, ids["P"])
    assert p.document_ids == (ids["d43"], ids["d42"]) and p.document_symbols == ("43-NQ/TW", "42-NQ/TW")
    assert (p.kind, p.number, p.issuer_code, p.status, p.issue_date, p.place) == (
        "CTr", 15, "TU", "issued", date(2024, 3, 20), "Lạng Sơn")
    assert (p.signer_name, p.tasks_text, p.opening_text, p.draft_round) == ("Nguyễn Văn A", "Ba nhóm nhiệm vụ", "",
                                                                             None)
    draft = records.program_record(db, ids["Q"])
    assert (draft.kind, draft.issuer_code, draft.document_ids, draft.number) == ("KH", None, (), None)
    assert records.program_record(db, 99_999) is None
    assert records.program_choices(db) == [
        records.ProgramChoice(ids["P"], "15-CTr/TU (43-NQ/TW, 42-NQ/TW)",
                              "Chương trình hành động thực hiện Nghị quyết 42"),
        records.ProgramChoice(ids["Q"], "Dự thảo", "Kế hoạch dự thảo"),
    ]
    assert records.program_label(db, ids["P"]) == "15-CTr/TU (43-NQ/TW, 42-NQ/TW)"
    assert records.program_label(db, 99_999) == ""


def test_task_record_groups_and_reporter(db, ids):
    t = records.task_record(db, ids["T"])
    assert (t.program_id, t.program_label, t.content, t.group_title, t.lead_body_id) == (
        ids["P"], "15-CTr/TU (43-NQ/TW, 42-NQ/TW)", "Tổ chức quán triệt", "Tuyên truyền", ids["VP"])
    assert t.coordinating_body_ids == (ids["TU"], ids["Ă"])  # in the order they were listed
    assert (t.deadline_text, t.assigned_date, t.product, t.note) == ("Quý II/2024", date(2024, 3, 20), "Kế hoạch",
                                                                     "ghi chú")
    assert records.task_record(db, 99_999) is None
    assert records.group_titles(db, ids["P"]) == ["An sinh", "Tuyên truyền"]  # no empty group, no other plan's
    assert records.task_reporter(db, ids["T"]) == "Văn phòng"  # the lead body's short name
    unassigned = tasks.create_task(db, ids["P"], "Chưa giao", TaskFields(deadline="30/6/2024")).entity_id
    assert records.task_reporter(db, unassigned) == ""


def test_database_is_empty_until_a_body_or_a_programme_exists(sqlite_db, tmp_path):
    assert records.database_is_empty(sqlite_db)
    programs.create_program(sqlite_db, "Chương trình đầu tiên")
    assert not records.database_is_empty(sqlite_db)
    from desktop_app.store.db import open_database

    other = open_database(str(tmp_path / "other.sqlite3"), create=True)
    try:
        assert records.database_is_empty(other)
        bodies.create_body(other, "Tỉnh ủy")
        assert not records.database_is_empty(other)
    finally:
        other.close()
