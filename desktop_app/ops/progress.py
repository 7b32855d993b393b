"""Progress log of a task: report, complete, correct. Append-only: nothing is edited;
a wrong entry is corrected by a new entry that names it (``corrects_id``)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from ..core.dates import format_date
from ..core.status import completion_clash
from ..reports.entries import not_corrected
from ..store.db import Database
from ..store.models import ProgressEntry, Task
from ..i18n import N_, _
from . import names
from .base import Changes, ValidationError, get_or_fail, now_utc, operation
from .fields import ProgressFields, given
from ..interchange.fields import ALREADY_CORRECTED, clean_progress_fields
from ..interchange.validate import Checker, short


def effective_entries_stmt(task_id: int):
    """Entries of a task that no later entry corrects."""
    return (
        select(ProgressEntry)
        .where(ProgressEntry.task_id == task_id, not_corrected())
        .order_by(ProgressEntry.reported_on, ProgressEntry.id)
    )


def _check(values: dict, today: date) -> tuple[dict, list[str]]:
    c = Checker()
    out = clean_progress_fields(c, values, today)
    c.raise_if_any()
    return out, c.warnings


def _check_completion(session, task: Task, reported_on: date, ignore_id: int | None = None) -> None:
    done = [e.reported_on for e in session.scalars(effective_entries_stmt(task.id))
            if e.completed and e.id != ignore_id]
    message = completion_clash(task.deadline_kind, done, reported_on)
    if message:
        raise ValidationError(message, "completed", True)


def report_progress(db: Database, task_id: int, reported_on, fields: ProgressFields = ProgressFields(), *,
                    today: date | None = None) -> Changes:
    """Append a progress report (or a completion with ``completed=True``)."""
    values = given(fields, ProgressFields)
    with operation(db, names.REPORT_PROGRESS_SHORT, entity="tasks", entity_id=task_id) as op:
        # Locked: a concurrent completion of the same task waits here, then sees this one's
        # entry, so the one-completion rule holds on a shared server too.
        task = get_or_fail(op.session, Task, task_id, N_("nhiệm vụ"))
        clean, warnings = _check({"reported_on": reported_on, **values}, today or date.today())
        if clean["completed"]:
            _check_completion(op.session, task, clean["reported_on"])
        if task.assigned_date and clean["reported_on"] < task.assigned_date:
            warnings.append(_("Ngày báo cáo {reported} trước ngày giao nhiệm vụ {assigned}; hãy kiểm tra lại.")
                            .format(reported=format_date(clean["reported_on"]),
                                    assigned=format_date(task.assigned_date)))
        op.rename(names.REPORT_DONE if clean["completed"] else names.REPORT_PROGRESS, title=short(task.content))
        op.insert(ProgressEntry(task_id=task_id, recorded_by=db.user_name, recorded_at=now_utc(), **clean))
        op.warn(*warnings)
    return op.changes


def correct_progress(db: Database, entry_id: int, reported_on, fields: ProgressFields = ProgressFields(), *,
                     today: date | None = None) -> Changes:
    """Đính chính: a new entry replacing a wrong one (which stays in the log, marked corrected)."""
    values = given(fields, ProgressFields)
    with operation(db, names.CORRECT_PROGRESS_SHORT, entity="progress_entries", entity_id=entry_id) as op:
        wrong = get_or_fail(op.session, ProgressEntry, entry_id, N_("mục báo cáo tiến độ"), lock=False)
        # The task first (as every operation on a task's log does), then the entry: two
        # corrections, or a correction and a completion, take turns instead of both passing.
        task = get_or_fail(op.session, Task, wrong.task_id, N_("nhiệm vụ"))
        wrong = get_or_fail(op.session, ProgressEntry, entry_id, N_("mục báo cáo tiến độ"))
        if op.session.scalar(select(ProgressEntry.id).where(ProgressEntry.corrects_id == entry_id)):
            raise ValidationError(_(ALREADY_CORRECTED), "corrects_id", entry_id)
        clean, warnings = _check({"reported_on": reported_on, **values}, today or date.today())
        if clean["completed"]:
            _check_completion(op.session, task, clean["reported_on"], ignore_id=entry_id)
        op.rename(names.CORRECT_PROGRESS, title=short(task.content))
        op.insert(ProgressEntry(task_id=task.id, corrects_id=entry_id, recorded_by=db.user_name,
                                recorded_at=now_utc(), **clean))
        op.warn(*warnings)
    return op.changes
