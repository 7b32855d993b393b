"""Integrity check (``nqdesk check``): the database engine's own check plus the
program's rules that the schema cannot express."""

from __future__ import annotations

from sqlalchemy import select

from ..core.deadlines import DeadlineError, parse_deadline
from ..store.db import Database
from ..store.models import FOLDED_MODELS, JournalEntry, ProgressEntry, Task
from ..ops.base import row_values
from ..i18n import _, format_int


def check_database(db: Database) -> list[str]:
    """Problems found (empty when all is well), in the UI language."""
    problems: list[str] = []
    with db.read() as s:
        if db.is_sqlite:
            result = [r[0] for r in s.connection().exec_driver_sql("PRAGMA integrity_check").fetchall()]
            if result != ["ok"]:
                problems += [f"SQLite integrity_check: {r}" for r in result[:20]]
            for table, rowid, parent, _fk in s.connection().exec_driver_sql("PRAGMA foreign_key_check").fetchall():
                problems.append(_("Bảng {table}, dòng {row}: trỏ tới {parent} không tồn tại.").format(
                    table=table, row=rowid, parent=parent))
        for task in s.scalars(select(Task).where(Task.deadline_text != "")):
            try:
                d = parse_deadline(task.deadline_text)
            except DeadlineError as exc:
                problems.append(_("Nhiệm vụ #{id}: thời hạn «{deadline}» không đọc được ({reason}).").format(
                    id=task.id, deadline=task.deadline_text, reason=exc))
                continue
            if (d.kind, d.due_date) != (task.deadline_kind, task.due_date):
                problems.append(_("Nhiệm vụ #{id}: hạn đã lưu không khớp với «{deadline}».").format(
                    id=task.id, deadline=task.deadline_text))
        for model in FOLDED_MODELS:
            for obj in s.scalars(select(model)):
                if obj.search_fold != model.fold_values(row_values(obj)):  # type: ignore[attr-defined]  # every folded model has it
                    problems.append(_("{table} #{id}: cột tìm kiếm chưa cập nhật.").format(
                        table=model.__tablename__, id=obj.id))
        for entry in s.scalars(select(ProgressEntry).where(ProgressEntry.corrects_id.is_not(None))):
            target = s.get(ProgressEntry, entry.corrects_id)
            if target is not None and target.task_id != entry.task_id:
                problems.append(_("Mục tiến độ #{id} đính chính một mục của nhiệm vụ khác.").format(id=entry.id))
        from .study_rules import running_total_problems
        from ..store.models import StudyAttendance

        attending = set(s.scalars(select(StudyAttendance.body_id).distinct()))
        problems += [_("Học tập, quán triệt: {problem}").format(problem=p.message) for p in running_total_problems(s, attending, lambda b: None)]
        from ..store.models import Body, PartyMembership

        counted = set(s.scalars(select(PartyMembership.body_id).distinct()))
        for body_id in sorted(attending - counted):
            name = s.scalar(select(Body.name).where(Body.id == body_id))
            problems.append(_("Học tập, quán triệt: «{name}» có người dự học tập nhưng chưa có số đảng viên; "
                              "tỷ lệ đã học tập không tính được cho tổ chức này. Hãy nhập số đảng viên.").format(
                name=name))
        problems += _log_problems(s)
        problems += _summary_problems(s)
        problems += _cycle_problems(s)
        problems += _setting_problems(s)
        bad_states = s.scalars(select(JournalEntry.id).where(JournalEntry.state.not_in(("active", "undone", "dead"))))
        problems += [_("Nhật ký #{id}: trạng thái không hợp lệ.").format(id=i) for i in bad_states]
    return problems


def _summary_problems(s) -> list[str]:
    """The maintained log summaries (reports.log_summary) against the log they summarise."""
    from .log_summary import disagreeing_tasks

    wrong = disagreeing_tasks(s)
    if not wrong:
        return []
    return [_("Bảng tóm tắt tiến độ của {count} nhiệm vụ không khớp với nhật ký tiến độ (nhiệm vụ #{id}…); "
              "các số liệu tổng hợp có thể sai. Hãy chạy «nqdesk check --repair» để tính lại từ nhật ký.").format(
        count=format_int(len(wrong)), id=wrong[0])]


def _log_problems(s) -> list[str]:
    """The progress log under the operations' rules: an entry corrected at most once; a task
    completed once (a yearly task once a year) among the entries in effect."""
    from collections import Counter, defaultdict

    from ..core.status import completion_clash

    out = []
    corrected = Counter(s.scalars(select(ProgressEntry.corrects_id).where(ProgressEntry.corrects_id.is_not(None))))
    out += [_("Mục tiến độ #{id} được đính chính {count} lần (chỉ được một lần).").format(id=entry_id, count=n)
            for entry_id, n in sorted(corrected.items()) if n > 1]
    done: dict[int, list] = defaultdict(list)
    for task_id, day in s.execute(select(ProgressEntry.task_id, ProgressEntry.reported_on)
                                  .where(ProgressEntry.completed.is_(True), ProgressEntry.id.not_in(list(corrected)))
                                  .order_by(ProgressEntry.task_id, ProgressEntry.reported_on, ProgressEntry.id)):
        done[task_id].append(day)
    kinds = dict(s.execute(select(Task.id, Task.deadline_kind).where(Task.id.in_(list(done)))).all()) if done else {}
    for task_id, days in sorted(done.items()):
        for i, day in enumerate(days):
            if completion_clash(kinds.get(task_id), days[:i], day):
                if kinds.get(task_id) == "recurring_yearly":
                    out.append(_("Nhiệm vụ #{id} được ghi hoàn thành hơn một lần trong năm {year}.").format(
                        id=task_id, year=day.year))
                else:
                    out.append(_("Nhiệm vụ #{id} được ghi hoàn thành hơn một lần.").format(id=task_id))
                break
    return out


def _cycle_problems(s) -> list[str]:
    from ..core.hierarchy import cycle_of
    from ..store.models import Body

    parents = dict(s.execute(select(Body.id, Body.parent_id).where(Body.parent_id.is_not(None))).all())
    out, reported = [], set()
    for body_id in sorted(parents):
        cycle = cycle_of(body_id, parents.get)
        if cycle and body_id not in reported:
            reported.update(cycle)
            chain = " → ".join(f"#{b}" for b in [*cycle, body_id])
            out.append(_("Cơ quan #{id} nằm trong một vòng cơ quan cấp trên ({chain}); hãy sửa «Trực thuộc».").format(
                id=body_id, chain=chain))
    return out


def _setting_problems(s) -> list[str]:
    import json

    from ..errors import ValidationError
    from ..interchange.fields import SETTING_LABELS, validate_setting
    from ..store.models import Setting

    out = []
    for key, raw in s.execute(select(Setting.key, Setting.value).order_by(Setting.key)):
        try:
            validate_setting(key, json.loads(raw))
        except (ValueError, ValidationError) as exc:
            label = _(SETTING_LABELS[key]) if key in SETTING_LABELS else key
            out.append(_("Thiết lập «{setting}»: giá trị đã lưu không hợp lệ ({reason}); "
                         "chương trình dùng giá trị mặc định.").format(setting=label, reason=exc))
    return out


__all__ = ["check_database"]
