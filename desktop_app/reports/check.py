"""Integrity check (``nqdesk check``): the database engine's own check plus the
program's rules that the schema cannot express."""

from __future__ import annotations

from sqlalchemy import select

from ..core.deadlines import DeadlineError, parse_deadline
from ..store.db import Database
from ..store.models import FOLDED_MODELS, JournalEntry, ProgressEntry, Task
from ..ops.base import row_values


def check_database(db: Database) -> list[str]:
    """Problems found (empty when all is well), in Vietnamese."""
    problems: list[str] = []
    with db.read() as s:
        if db.is_sqlite:
            result = [r[0] for r in s.connection().exec_driver_sql("PRAGMA integrity_check").fetchall()]
            if result != ["ok"]:
                problems += [f"SQLite integrity_check: {r}" for r in result[:20]]
            for table, rowid, parent, _fk in s.connection().exec_driver_sql("PRAGMA foreign_key_check").fetchall():
                problems.append(f"Bảng {table}, dòng {rowid}: trỏ tới {parent} không tồn tại.")
        for task in s.scalars(select(Task).where(Task.deadline_text != "")):
            try:
                d = parse_deadline(task.deadline_text)
            except DeadlineError as exc:
                problems.append(f"Nhiệm vụ #{task.id}: thời hạn «{task.deadline_text}» không đọc được ({exc}).")
                continue
            if (d.kind, d.due_date) != (task.deadline_kind, task.due_date):
                problems.append(f"Nhiệm vụ #{task.id}: hạn đã lưu không khớp với «{task.deadline_text}».")
        for model in FOLDED_MODELS:
            for obj in s.scalars(select(model)):
                if obj.search_fold != model.fold_values(row_values(obj)):
                    problems.append(f"{model.__tablename__} #{obj.id}: cột tìm kiếm chưa cập nhật.")
        for entry in s.scalars(select(ProgressEntry).where(ProgressEntry.corrects_id.is_not(None))):
            target = s.get(ProgressEntry, entry.corrects_id)
            if target is not None and target.task_id != entry.task_id:
                problems.append(f"Mục tiến độ #{entry.id} đính chính một mục của nhiệm vụ khác.")
        problems += _double_completions(s)
        from ..ops.study import _running_total_problems
        from ..store.models import StudyAttendance

        attending = set(s.scalars(select(StudyAttendance.body_id).distinct()))
        problems += [f"Học tập, quán triệt: {p.message}" for p in _running_total_problems(s, attending, lambda b: None)]
        from ..store.models import Body, PartyMembership

        counted = set(s.scalars(select(PartyMembership.body_id).distinct()))
        for body_id in sorted(attending - counted):
            name = s.scalar(select(Body.name).where(Body.id == body_id))
            problems.append(f"Học tập, quán triệt: «{name}» có người dự học tập nhưng chưa có số đảng viên; "
                            "tỷ lệ đã học tập không tính được cho tổ chức này. Hãy nhập số đảng viên.")
        bad_states = s.scalars(select(JournalEntry.id).where(JournalEntry.state.not_in(("active", "undone", "dead"))))
        problems += [f"Nhật ký #{i}: trạng thái không hợp lệ." for i in bad_states]
    return problems


def _double_completions(s) -> list[str]:
    """The one-completion rule (one per year for a yearly task), which the schema cannot
    express: a task completed twice means two writers raced past the check."""
    corrected = set(s.scalars(select(ProgressEntry.corrects_id).where(ProgressEntry.corrects_id.is_not(None))))
    kinds = dict(s.execute(select(Task.id, Task.deadline_kind)).all())
    seen: dict[tuple, int] = {}
    problems = []
    for entry in s.scalars(select(ProgressEntry).where(ProgressEntry.completed.is_(True)).order_by(ProgressEntry.id)):
        if entry.id in corrected:
            continue
        key = (entry.task_id, entry.reported_on.year if kinds.get(entry.task_id) == "recurring_yearly" else None)
        if key in seen:
            problems.append(f"Nhiệm vụ #{entry.task_id}: được ghi hoàn thành hai lần (mục tiến độ #{seen[key]} "
                            f"và #{entry.id}); hãy đính chính một mục.")
        else:
            seen[key] = entry.id
    return problems


__all__ = ["check_database"]
