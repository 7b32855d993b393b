"""Undo and redo, backed by the operations journal (persisted in the database).

Each user has a stack: undo reverts that user's latest active operation, redo re-applies
the operation undone most recently, and any new operation by the user ends the redo
chain. Before touching a row, undo checks that the row is still as the operation left
it; if someone (another user of a shared database) changed it since, undo refuses
rather than overwrite their work. The rows are read under a lock (``FOR UPDATE`` on
PostgreSQL, the write lock on SQLite), so that check still holds when the undo commits.
Undo and redo are themselves journaled ("undo"/"redo"
entries) so the audit trail shows them.
"""

from __future__ import annotations

import json
from typing import Any
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..errors import NqdeskError
from ..i18n import N_, _
from ..store.db import Database
from ..store.models import MODELS, Base, JournalChange, JournalEntry, ProgressEntry
from .base import Changes, from_json_value, now_utc, row_values
from .log_summary import refresh_log_summaries
from .names import REDO, UNDO, display_name, shown_name, stored_name


class UndoError(NqdeskError):
    """Nothing to undo/redo, or the change can no longer be reverted safely."""


@dataclass(frozen=True)
class UndoState:
    """What the Edit menu shows: the names of the next undo and redo, if any (as the journal
    stores them, in Vietnamese; ``undo_text``/``redo_text`` are in the UI language)."""

    undo_name: str | None
    redo_name: str | None
    undo_blocked: bool = False  # the next entry exists but cannot be undone (e.g. an import)

    @property
    def undo_text(self) -> str | None:
        return shown_name(UNDO, name=self.undo_name) if self.undo_name and not self.undo_blocked else None

    @property
    def redo_text(self) -> str | None:
        return shown_name(REDO, name=self.redo_name) if self.redo_name else None


def _next_undo(session: Session, user: str, lock: bool = False) -> JournalEntry | None:
    stmt = (
        select(JournalEntry)
        .where(JournalEntry.kind == "op", JournalEntry.state == "active", JournalEntry.user_name == user)
        .order_by(JournalEntry.id.desc())
        .limit(1)
    )
    # Locked: the same user undoing in two windows at once undoes one entry once.
    return session.scalar(stmt.with_for_update() if lock else stmt)


def _next_redo(session: Session, user: str, lock: bool = False) -> JournalEntry | None:
    stmt = (
        select(JournalEntry)
        .where(JournalEntry.kind == "op", JournalEntry.state == "undone", JournalEntry.user_name == user)
        .order_by(JournalEntry.id)
        .limit(1)
    )
    return session.scalar(stmt.with_for_update() if lock else stmt)


def undo_state(db: Database) -> UndoState:
    with db.read() as session:
        u = _next_undo(session, db.user_name)
        r = _next_redo(session, db.user_name)
        return UndoState(u.name if u else None, r.name if r else None, bool(u and not u.undoable))


def undo(db: Database) -> Changes:
    return _apply(db, redo=False)


def redo(db: Database) -> Changes:
    return _apply(db, redo=True)


def _apply(db: Database, *, redo: bool) -> Changes:
    with db.write() as session:
        entry = (_next_redo if redo else _next_undo)(session, db.user_name, lock=True)
        if entry is None:
            raise UndoError(_("Không có thao tác nào để làm lại.") if redo else _("Không có thao tác nào để hoàn tác."))
        if not entry.undoable:
            raise UndoError(
                _("Không thể hoàn tác «{name}». Nếu cần, hãy mở bản sao lưu tự động được tạo trước thao tác đó.")
                .format(name=display_name(entry.name))
            )
        template = REDO if redo else UNDO
        label = stored_name(template, name=entry.name)
        changes = Changes(name=shown_name(template, name=entry.name), entity=entry.entity, entity_id=entry.entity_id)
        steps = entry.changes if redo else list(reversed(entry.changes))
        log_tasks: set[int] = set()
        for change in steps:
            _apply_change(session, change, forward=redo, changes=changes, label=entry.name)
            if change.entity == "progress_entries":
                task_id = _task_of_entry(session, change)
                if task_id is not None:
                    log_tasks.add(task_id)
        if log_tasks:
            refresh_log_summaries(session, log_tasks)
        entry.state = "active" if redo else "undone"
        audit = JournalEntry(
            kind="redo" if redo else "undo", name=label, entity=entry.entity, entity_id=entry.entity_id,
            user_name=db.user_name, at=now_utc(), undoable=False, state="active", target_id=entry.id,
        )
        session.add(audit)
        session.flush()
        changes.journal_id = audit.id
    return changes


def _task_of_entry(session: Session, change: JournalChange) -> int | None:
    """The task of the progress entry a journal change names (an insert or a delete
    journals it; any other change, the row still has it)."""
    values = {**json.loads(change.before or "{}"), **json.loads(change.after or "{}")}
    if "task_id" in values:
        return values["task_id"]
    return session.scalar(select(ProgressEntry.task_id).where(ProgressEntry.id == change.entity_id))


ENTITY_LABELS = {
    "bodies": N_("cơ quan"), "documents": N_("văn bản"), "programs": N_("chương trình"),
    "program_documents": N_("liên kết văn bản của chương trình"), "tasks": N_("nhiệm vụ"),
    "task_coordinators": N_("cơ quan phối hợp"), "progress_entries": N_("báo cáo tiến độ"),
    "settings": N_("thiết lập"),
}


def _conflict(label: str, change: JournalChange) -> UndoError:
    what = ENTITY_LABELS.get(change.entity)
    return UndoError(
        _("Không thể hoàn tác hoặc làm lại «{name}»: {what} liên quan đã được thay đổi hoặc xóa sau thao tác đó "
          "(có thể bởi người khác). Dữ liệu hiện tại được giữ nguyên.")
        .format(name=display_name(label), what=_(what) if what else change.entity)
    )


def _apply_change(session: Session, change: JournalChange, *, forward: bool, changes: Changes, label: str) -> None:
    model = MODELS[change.entity]
    # An insert has no before-values and a delete no after-values; {} reads as "none".
    before: dict[str, Any] = json.loads(change.before) if change.before else {}
    after: dict[str, Any] = json.loads(change.after) if change.after else {}
    # Going forward replays the change; going back applies its mirror image.
    action = change.action
    if not forward:
        action = {"insert": "delete", "delete": "insert", "update": "update"}[action]
        before, after = after, before
    # Locked and read fresh: nobody can change the row between the check below and the write.
    current = session.get(model, change.entity_id, with_for_update=True, populate_existing=True)
    if action == "insert":
        if current is not None:
            raise _conflict(label, change)
        columns = model.__table__.columns
        values = {k: from_json_value(columns[k], v) for k, v in after.items()}
        if not _targets_exist(session, model, values):
            raise _conflict(label, change)
        session.add(model(**values))
        session.flush()
        changes._note("inserted", change.entity, change.entity_id)
    elif action == "delete":
        if current is None or not _matches(current, before):
            raise _conflict(label, change)
        if _referenced(session, model, change.entity_id):
            raise _conflict(label, change)
        session.delete(current)
        session.flush()
        changes._note("deleted", change.entity, change.entity_id)
    else:
        if current is None or not _matches(current, before):
            raise _conflict(label, change)
        columns = model.__table__.columns
        values = {key: from_json_value(columns[key], value) for key, value in after.items()}
        if not _targets_exist(session, model, values):
            raise _conflict(label, change)
        for key, value in values.items():
            setattr(current, key, value)
        session.flush()
        changes._note("updated", change.entity, change.entity_id)


def _targets_exist(session: Session, model: type[Base], values: dict) -> bool:
    """Does every row this one points at still exist (a parent deleted by someone else)?"""
    for fk in model.__table__.foreign_keys:
        target = values.get(fk.parent.key)
        if target is None:
            continue
        parent_model = next(m for m in MODELS.values() if m.__table__ is fk.column.table)
        if session.get(parent_model, target) is None:
            return False
    return True


def _matches(obj: Base, expected: dict) -> bool:
    current = row_values(obj)
    return all(current.get(k) == v for k, v in expected.items())


def _referenced(session: Session, model: type[Base], row_id: int) -> bool:
    """Does any row (outside this undo) still point at this one?"""
    for other in MODELS.values():
        for fk in other.__table__.foreign_keys:
            if fk.column.table is model.__table__:
                count = session.scalar(select(func.count()).select_from(other).where(fk.parent == row_id))
                if count:
                    return True
    return False
