"""Behaviour fixed after review; each test would have caught the original defect."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from desktop_app.ops import bodies, programs, progress, tasks
from desktop_app.ops.base import ValidationError
from desktop_app.ops.fields import BodyFields, ProgramFields, ProgressFields, TaskFields
from desktop_app.store.models import Program, Task


def test_body_codes_are_unique_regardless_of_case(db):
    bodies.create_body(db, "Ban Tuyên giáo Tỉnh ủy", BodyFields(code="BTGTU"))
    with pytest.raises(ValidationError) as err:
        bodies.create_body(db, "Bản sao", BodyFields(code="btgtu"))
    assert "Ban Tuyên giáo Tỉnh ủy" in str(err.value)


def test_programme_is_signed_on_behalf_by_default(db):
    program_id = programs.create_program(db, "Chương trình hành động").entity_id
    with db.read() as s:
        assert s.get(Program, program_id).signing_mode == "T/M"
    programs.update_program(db, program_id,
                            ProgramFields(signing_mode=""))  # no signing prefix, when asked for explicitly
    with db.read() as s:
        assert s.get(Program, program_id).signing_mode == ""


def test_report_before_assignment_is_accepted_with_a_warning(db):
    program_id = programs.create_program(db, "Chương trình", ProgramFields(issue_date=date(2024, 3, 20))).entity_id
    task_id = tasks.create_task(db, program_id, "Nhiệm vụ", TaskFields(deadline="Quý IV/2024")).entity_id
    changes = progress.report_progress(db, task_id, date(2024, 3, 1),
                                       ProgressFields(percent=10), today=date(2025, 1, 1))
    assert any("trước ngày giao" in w for w in changes.warnings)


def test_move_task_is_one_operation_in_one_transaction(db):
    program_id = programs.create_program(db, "Chương trình").entity_id
    ids = [tasks.create_task(db, program_id, f"Nhiệm vụ {i}", TaskFields(group_title="I")).entity_id for i in range(3)]
    changes = tasks.move_task(db, ids[2], -2)
    assert changes.journal_id is not None and changes.entity_id == program_id
    with db.read() as s:
        order = list(s.scalars(select(Task.id).where(Task.program_id == program_id).order_by(Task.position)))
    assert order == [ids[2], ids[0], ids[1]]
    assert tasks.move_task(db, ids[2], -1).journal_id is None  # already first: nothing journaled


def test_journal_names_cut_at_word_boundaries():
    from desktop_app.interchange.validate import short

    assert short("Tổ chức quán triệt " * 10, 30) == "Tổ chức quán triệt Tổ chức…"
    assert short("Ngắn", 30) == "Ngắn"
