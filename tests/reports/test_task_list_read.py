"""The task list's read path (``reports.tasks.tasks_in``) reads driver tuples, not ORM or
Core rows: on both backends it must give what the ORM objects say — dates as dates, the
coordinating bodies in their order (short name, else name), every row even when the same
session streamed an earlier result."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from desktop_app.ops import bodies, programs, progress, tasks
from desktop_app.ops.fields import BodyFields, ProgramFields, ProgressFields, TaskFields
from desktop_app.reports.tasks import bulk_connection, list_tasks, tasks_in
from desktop_app.store.models import Body, Task, TaskCoordinator

AS_OF = date(2024, 7, 1)


def _seed(db) -> dict[str, int]:
    # bodies created in one order, coordinating in the reverse one: the list follows the positions
    ids = {}
    for name, short in [("Sở Nội vụ", "SNV"), ("Ban Tuyên giáo Tỉnh ủy", None), ("Văn phòng Tỉnh ủy", ""),
                        ("Ủy ban Kiểm tra", "UBKT")]:
        ids[name] = bodies.create_body(db, name, BodyFields(short_name=short)).entity_id
    program = programs.create_program(db, "Chương trình", ProgramFields(status="drafting")).entity_id
    coordinated = tasks.create_task(db, program, "Nhiệm vụ có phối hợp", TaskFields(
        lead_body_id=ids["Sở Nội vụ"], deadline="Quý II/2024", assigned_date=date(2024, 1, 15),
        coordinating_body_ids=[ids["Ủy ban Kiểm tra"], ids["Văn phòng Tỉnh ủy"], ids["Ban Tuyên giáo Tỉnh ủy"]],
    )).entity_id
    alone = tasks.create_task(db, program, "Nhiệm vụ một mình", TaskFields(deadline="Thường xuyên")).entity_id
    reported = tasks.create_task(db, program, "Nhiệm vụ đã xong", TaskFields(deadline="15/03/2024")).entity_id
    progress.report_progress(db, reported, date(2024, 3, 1),
                             ProgressFields(completed=True, percent=100), today=date(2024, 3, 1))
    progress.report_progress(db, alone, date(2024, 5, 2), ProgressFields(percent=40), today=date(2024, 5, 2))
    return {"coordinated": coordinated, "alone": alone, "reported": reported}


def _coordinators_by_orm(db) -> dict[int, str]:
    with db.read() as s:
        out: dict[int, list[str]] = {}
        stmt = (select(TaskCoordinator.task_id, Body).join(Body, Body.id == TaskCoordinator.body_id)
                .order_by(TaskCoordinator.task_id, TaskCoordinator.position))
        for task_id, body in s.execute(stmt):
            out.setdefault(task_id, []).append(body.short_name or body.name)
    return {k: "; ".join(v) for k, v in out.items()}


def test_rows_match_the_orm_objects(db):
    ids = _seed(db)
    rows = {r.id: r for r in list_tasks(db, AS_OF, with_coordinators=True)}
    assert rows[ids["coordinated"]].coordinating_bodies == "UBKT; Văn phòng Tỉnh ủy; Ban Tuyên giáo Tỉnh ủy"
    expected = _coordinators_by_orm(db)
    assert {k: r.coordinating_bodies for k, r in rows.items() if r.coordinating_bodies} == expected
    with db.read() as s:
        for task in s.scalars(select(Task)):
            row = rows[task.id]
            assert (row.due_date, row.assigned_date, row.deadline_kind, row.content, row.lead_body_id) == (
                task.due_date, task.assigned_date, task.deadline_kind, task.content, task.lead_body_id)
            assert row.due_date is None or type(row.due_date) is date
    done = rows[ids["reported"]]
    assert (done.completed_on, done.last_reported_on, done.last_percent) == (date(2024, 3, 1), date(2024, 3, 1), 100)
    assert type(done.completed_on) is date and done.status.value == "done_on_time"
    alone = rows[ids["alone"]]
    assert (alone.last_reported_on, alone.last_percent, alone.reported) == (date(2024, 5, 2), 40, True)
    assert rows[ids["coordinated"]].lead_body_name == "Sở Nội vụ"


def test_a_few_rows_read_alone_are_the_same_as_in_the_whole_list(db):
    ids = _seed(db)
    whole = {r.id: r for r in list_tasks(db, AS_OF, with_coordinators=True)}
    few = list_tasks(db, AS_OF, with_coordinators=True, task_ids=[ids["coordinated"], ids["reported"]])
    assert [r.id for r in few] == sorted([ids["coordinated"], ids["reported"]])
    assert all(r == whole[r.id] for r in few)


def test_every_row_after_a_streamed_read_in_the_same_session(db):
    # bulk_connection sets yield_per on the session's connection in place (SQLAlchemy 2); a
    # streamed result holds its first row back in its own buffer, which the driver-level
    # read must not lose
    _seed(db)
    plain = list_tasks(db, AS_OF, with_coordinators=True)
    with db.read() as session:
        list(bulk_connection(session).execute(select(Task.id)))
        again = tasks_in(session, AS_OF, with_coordinators=True)
    assert again == plain and len(plain) == 3
