"""Nhiệm vụ: assign, edit, reorder within a group, delete.

Order: tasks carry a programme-wide ``position``; groups appear in the order of their
first task and tasks within a group by position, so adding a task to an existing group
never renumbers the others.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from ..core.dates import format_date
from ..store.db import Database
from ..store.models import Body, Program, Task, TaskCoordinator
from ..i18n import N_, _
from . import names
from .base import Changes, ValidationError, check_expected, get_or_fail, operation, sync_ordered_links
from ..interchange.fields import clean_task_fields
from ..interchange.validate import Checker, refuse_unknown, short
from .fields import TaskFields, given
from .programs import delete_tasks_rows

FIELDS = (
    "group_title", "content", "lead_body_id", "coordinating_body_ids", "product", "deadline",
    "assigned_date", "note",
)

LABELS = {
    "group_title": N_("Nhóm nhiệm vụ"), "content": N_("Nội dung nhiệm vụ"), "lead_body_id": N_("Cơ quan chủ trì"),
    "coordinating_body_ids": N_("Cơ quan phối hợp"), "product": N_("Sản phẩm"),
    "deadline": N_("Thời gian hoàn thành"), "assigned_date": N_("Ngày giao"), "note": N_("Ghi chú"),
}


def _refuse_unknown(values: dict) -> None:
    refuse_unknown(values, FIELDS, _("Nhiệm vụ"))


def _check(session, values: dict, task: Task | None, program: Program) -> tuple[dict, list[int] | None, list[str]]:
    c = Checker()
    out = clean_task_fields(c, values, task.due_date if task else None)
    on_day = out["assigned_date"] or program.issue_date or date.today()
    lead_id = out["lead_body_id"]
    if lead_id is not None and (task is None or task.lead_body_id != lead_id):
        _check_body_for_assignment(c, session, "lead_body_id", lead_id, on_day)
    coordinator_ids = values.get("coordinating_body_ids")
    if coordinator_ids is None and task is not None and lead_id is not None and lead_id != task.lead_body_id:
        current = session.scalars(select(TaskCoordinator.body_id).where(TaskCoordinator.task_id == task.id))
        if lead_id in set(current):
            c.fail("lead_body_id", lead_id,
                   _("Cơ quan này đang là cơ quan phối hợp của nhiệm vụ; hãy bỏ khỏi danh sách phối hợp trước "
                     "khi giao chủ trì."))
    if coordinator_ids is not None:
        coordinator_ids = list(dict.fromkeys(coordinator_ids))
        existing = set() if task is None else set(
            session.scalars(select(TaskCoordinator.body_id).where(TaskCoordinator.task_id == task.id))
        )
        for body_id in coordinator_ids:
            if body_id == lead_id:
                c.fail("coordinating_body_ids", body_id, _("Cơ quan chủ trì không đồng thời là cơ quan phối hợp."))
            elif body_id not in existing:
                _check_body_for_assignment(c, session, "coordinating_body_ids", body_id, on_day)
    c.raise_if_any()
    return out, coordinator_ids, c.warnings


def _check_body_for_assignment(c: Checker, session, field: str, body_id: int, on_day: date) -> None:
    body = session.get(Body, body_id)
    if body is None:
        c.fail(field, body_id, _("Cơ quan được chọn không tồn tại."))
    elif not body.is_valid_on(on_day):
        c.fail(
            field, body_id,
            _("«{body}» không còn hiệu lực vào ngày {day} (hiệu lực {start} – {end}): "
              "không giao nhiệm vụ mới cho cơ quan này.").format(
                body=body.name, day=format_date(on_day), start=format_date(body.valid_from) or "…",
                end=format_date(body.valid_to) or "…"),
        )


def _set_coordinators(op, task_id: int, body_ids: list[int]) -> None:
    sync_ordered_links(op, TaskCoordinator, "task_id", task_id, "body_id", body_ids)


def create_task(db: Database, program_id: int, content: str, fields: TaskFields = TaskFields()) -> Changes:
    """Giao nhiệm vụ: add a task at the end of its group in the programme."""
    values = given(fields, TaskFields)
    values.pop("content", None)  # the content is the argument
    values.setdefault("deadline", None)
    with operation(db, names.ADD_TASK_SHORT, entity="tasks") as op:
        program = get_or_fail(op.session, Program, program_id, N_("chương trình"))
        if values.get("assigned_date") in (None, "") and program.issue_date is not None:
            values["assigned_date"] = program.issue_date
        clean, coordinator_ids, warnings = _check(op.session, {"content": content, **values}, None, program)
        op.rename(names.ADD_TASK, title=short(clean["content"]))
        last = op.session.scalar(select(func.max(Task.position)).where(Task.program_id == program_id))
        task = op.insert(Task(program_id=program_id, position=(last or 0) + 1, **clean))
        op.entity_id = task.id
        _set_coordinators(op, task.id, coordinator_ids or [])
        op.warn(*warnings)
    return op.changes


def update_task(db: Database, task_id: int, fields: TaskFields, *, expected: dict | None = None) -> Changes:
    """Edit fields of a task. ``expected``: the values the user's screen showed (the same
    keys as the fields); if the task changed since, nothing is written and
    :class:`~desktop_app.ops.base.ConflictError` says who changed it, when, and to what."""
    values = given(fields, TaskFields)
    _refuse_unknown(expected or {})
    with operation(db, names.EDIT_TASK_SHORT, entity="tasks", entity_id=task_id) as op:
        task = get_or_fail(op.session, Task, task_id, N_("nhiệm vụ"))
        _check_expected_task(op, task, expected)
        program = get_or_fail(op.session, Program, task.program_id, N_("chương trình"), lock=False)
        merged = {
            "group_title": task.group_title, "content": task.content, "product": task.product,
            "assigned_date": task.assigned_date, "note": task.note, "lead_body_id": task.lead_body_id,
        } | values
        clean, coordinator_ids, warnings = _check(op.session, merged, task, program)
        op.rename(names.EDIT_TASK, title=short(clean["content"]))
        changed = {k: v for k, v in clean.items() if k in values or k in ("deadline_kind", "due_date", "deadline_text")}
        op.update(task, **changed)
        if coordinator_ids is not None:
            _set_coordinators(op, task_id, coordinator_ids)
        op.warn(*warnings)
    return op.changes


def _check_expected_task(op, task: Task, expected: dict | None) -> None:
    if not expected:
        return
    shown: dict[str, object] = {"deadline": task.deadline_text}
    if "coordinating_body_ids" in expected:
        shown["coordinating_body_ids"] = list(op.session.scalars(
            select(TaskCoordinator.body_id).where(TaskCoordinator.task_id == task.id).order_by(TaskCoordinator.position)))

    def describe(name, value):
        if name == "lead_body_id":
            body = op.session.get(Body, value) if value is not None else None
            return body.name if body else _("(chưa giao)")
        if name == "coordinating_body_ids":
            return ", ".join(op.session.get(Body, i).name for i in value) or _("(không có)")
        return None

    check_expected(op, task, expected, labels=LABELS, shown=shown, describe=describe,
                   columns={"deadline": ("deadline_text", "due_date", "deadline_kind"),
                            "coordinating_body_ids": ("__links__",)})


def ordered_group_ids(session, program_id: int, group_title: str) -> list[int]:
    return list(session.scalars(
        select(Task.id).where(Task.program_id == program_id, Task.group_title == group_title)
        .order_by(Task.position, Task.id)
    ))


def _reorder(op, program_id: int, group_title: str, task_ids: list[int]) -> None:
    current = ordered_group_ids(op.session, program_id, group_title)
    if sorted(current) != sorted(task_ids):
        raise ValidationError(_("Danh sách nhiệm vụ cần sắp xếp không khớp với nhóm; hãy tải lại rồi thử lại."))
    tasks = {t.id: t for t in op.session.scalars(select(Task).where(Task.id.in_(current)))}
    slots = sorted(tasks[i].position for i in current)
    for slot, task_id in zip(slots, task_ids):
        op.update(tasks[task_id], position=slot)


def reorder_group(db: Database, program_id: int, group_title: str, task_ids: list[int]) -> Changes:
    """Put the tasks of one group in the order given (drag and drop)."""
    with operation(db, names.REORDER_TASKS, entity="programs", entity_id=program_id) as op:
        _reorder(op, program_id, group_title, task_ids)
    return op.changes


def move_task(db: Database, task_id: int, offset: int) -> Changes:
    """Move a task *offset* places within its group (-1 up, +1 down); no-op at the ends.
    Reads and writes the order in one transaction, so a concurrent reorder is not lost."""
    with operation(db, names.REORDER_TASKS, entity="programs") as op:
        task = get_or_fail(op.session, Task, task_id, N_("nhiệm vụ"))
        op.entity_id = task.program_id
        order = ordered_group_ids(op.session, task.program_id, task.group_title)
        index = order.index(task_id)
        target = max(0, min(len(order) - 1, index + offset))
        if target != index:
            order.insert(target, order.pop(index))
            _reorder(op, task.program_id, task.group_title, order)
    return op.changes


def delete_task(db: Database, task_id: int) -> Changes:
    with operation(db, names.DELETE_TASK_SHORT, entity="tasks", entity_id=task_id) as op:
        task = get_or_fail(op.session, Task, task_id, N_("nhiệm vụ"))
        op.rename(names.DELETE_TASK, title=short(task.content))
        delete_tasks_rows(op, [task_id])
    return op.changes
