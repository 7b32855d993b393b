"""The "Ngày giao" a new task starts with (issue 13): the programme's date, not today."""

from __future__ import annotations

from datetime import date

from desktop_app.core.dates import new_task_assigned_date
from desktop_app.ops import programs, tasks
from desktop_app.ops.fields import ProgramFields, TaskFields
from desktop_app.reports.defaults import task_assigned_date

TODAY = date(2026, 12, 6)


def test_the_rule():
    issued, last = date(2021, 3, 1), date(2021, 4, 15)
    assert new_task_assigned_date(issued, last, TODAY) == last
    assert new_task_assigned_date(issued, None, TODAY) == issued
    assert new_task_assigned_date(None, None, TODAY) == TODAY


def test_from_the_database(sqlite_db):
    db = sqlite_db
    pid = programs.create_program(db, "Chương trình hành động",
                                  ProgramFields(kind="CTr", issue_date=date(2021, 3, 1))).entity_id
    undated = programs.create_program(db, "Chương trình chưa có ngày", ProgramFields(kind="CTr")).entity_id
    assert task_assigned_date(db, pid, TODAY) == date(2021, 3, 1)  # no task yet: the issue date
    assert task_assigned_date(db, undated, TODAY) == TODAY
    assert task_assigned_date(db, None, TODAY) == TODAY
    tasks.create_task(db, pid, "Nhiệm vụ thứ nhất", TaskFields(assigned_date=date(2021, 5, 10)))
    tasks.create_task(db, pid, "Nhiệm vụ thứ hai", TaskFields(assigned_date=date(2021, 4, 2)))
    # the task entered last sets the day for the next one
    assert task_assigned_date(db, pid, TODAY) == date(2021, 4, 2)
    tasks.create_task(db, undated, "Nhiệm vụ không ghi ngày giao", TaskFields(assigned_date=None))
    assert task_assigned_date(db, undated, TODAY) == TODAY  # a task without a date says nothing
    tasks.create_task(db, undated, "Nhiệm vụ", TaskFields(assigned_date=date(2022, 1, 3)))
    assert task_assigned_date(db, undated, TODAY) == date(2022, 1, 3)
