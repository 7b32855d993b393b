"""Operation plumbing: validation errors, the journal recorder, the Changes value.

An operation is written as::

    with operation(db, "Giao nhiệm vụ «…»", entity="tasks") as op:
        task = op.insert(Task(...))
        op.entity_id = task.id
    return op.changes

Everything inside the block is one transaction; each insert/update/delete goes through
the recorder so the journal holds the field-level before/after needed for undo.

Concurrency: an operation reads the rows it changes under a lock (:func:`get_or_fail`
takes ``SELECT … FOR UPDATE`` on PostgreSQL; on SQLite every writer holds the database's
write lock from ``BEGIN IMMEDIATE``), so the before-values it journals are the values it
replaced and two writers never both act on what they read. An edit made from what a user
saw passes ``expected``; :func:`check_expected` refuses it with a :class:`ConflictError`
when the row changed since. The journal entry itself is written only when the first row
change is recorded, i.e. after the row lock is held, so entries on one row are numbered
in the order they took effect.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Boolean, Date, DateTime, select, update
from sqlalchemy.orm import Session

from ..core.dates import DateError, format_date, parse_date
from ..errors import Problem as Problem, ValidationError as ValidationError
from ..i18n import N_, _
from .log_summary import refresh_log_summaries
from .names import shown_name, stored_name
from ..store.db import Database, StoreError, default_backup_path
from ..store.models import Base, JournalChange, JournalEntry

ModelT = TypeVar("ModelT", bound=Base)

# Derived columns: recomputed by model events, never journaled.
DERIVED_COLUMNS = frozenset({"search_fold"})


class ConflictError(ValidationError):
    """The user edited a value that someone else changed since the user's screen loaded it;
    nothing was written. Carries the current value and who changed it, and when."""

    def __init__(self, field_name: str, label: str, current: object, current_text: str,
                 user: str | None, at: datetime | None):
        self.field_name, self.label, self.current, self.current_text = field_name, label, current, current_text
        self.user, self.at = user, at
        if user and at is not None:
            message = _("«{field}» vừa được {user} sửa lúc {time} thành «{value}». Giá trị bạn sửa chưa được lưu.") \
                .format(field=_(label), user=user, time=local_time_text(at), value=current_text)
        else:
            message = _("«{field}» vừa được người khác sửa thành «{value}». Giá trị bạn sửa chưa được lưu.") \
                .format(field=_(label), value=current_text)
        super().__init__(message, field_name, current)


def local_time_text(at: datetime) -> str:
    """A journal time (stored in UTC) as the user's clock shows it: «10:42 06/12/2026»."""
    local = at.replace(tzinfo=timezone.utc).astimezone()
    return f"{local:%H:%M} {local:%d/%m/%Y}"


@dataclass
class Changes:
    """What an operation changed, for screens to decide whether to refresh."""

    name: str
    journal_id: int | None = None
    entity: str = ""
    entity_id: int | None = None
    inserted: dict[str, set[int]] = field(default_factory=dict)
    updated: dict[str, set[int]] = field(default_factory=dict)
    deleted: dict[str, set[int]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def touches(self, entity: str) -> bool:
        return any(entity in d for d in (self.inserted, self.updated, self.deleted))

    @property
    def empty(self) -> bool:
        return not (self.inserted or self.updated or self.deleted)

    def _note(self, action: str, entity: str, entity_id: int) -> None:
        getattr(self, action).setdefault(entity, set()).add(entity_id)


def now_utc() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


# --- row values <-> JSON ---------------------------------------------------------------

def to_json_value(value):
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def from_json_value(column, value):
    if value is None:
        return None
    if isinstance(column.type, DateTime):
        return datetime.fromisoformat(value)
    if isinstance(column.type, Date):
        return date.fromisoformat(value)
    if isinstance(column.type, Boolean):
        return bool(value)
    return value


def row_values(obj: Base) -> dict:
    """The journaled column values of an ORM object, JSON-ready."""
    return {
        c.key: to_json_value(getattr(obj, c.key))
        for c in obj.__table__.columns
        if c.key not in DERIVED_COLUMNS
    }


class Operation:
    """Records the changes of one operation into its journal entry."""

    def __init__(self, session: Session, entry: JournalEntry):
        self.session = session
        self.entry = entry
        self.changes = Changes(name=_(entry.name), entity=entry.entity)
        # tasks whose progress log this operation changed: their log summaries are rewritten
        # before it commits (ops.log_summary)
        self.log_tasks: set[int] = set()

    def journal_entry(self) -> JournalEntry:
        """The journal entry, written now if it is not yet (its id and time are taken at
        the first recorded change, once the operation holds the locks it needs)."""
        if self.entry.id is None:
            self.entry.at = now_utc()
            self.session.add(self.entry)
            self.session.flush()
        return self.entry

    @property
    def entity_id(self) -> int | None:
        return self.entry.entity_id

    @entity_id.setter
    def entity_id(self, value: int | None) -> None:
        self.entry.entity_id = value
        self.changes.entity_id = value

    def rename(self, template: str, **values: object) -> None:
        """Set the readable name once the operation knows what it is acting on: *template* is one
        of :mod:`.names` (the journal stores it in Vietnamese, ``changes.name`` is in the UI
        language)."""
        self.entry.name = stored_name(template, **values)
        self.changes.name = shown_name(template, **values)

    def warn(self, *messages: str) -> None:
        self.changes.warnings.extend(messages)

    def _record(self, obj: Base, action: str, before: dict | None, after: dict | None) -> None:
        table = obj.__tablename__
        if table == "progress_entries":
            self.log_tasks.add(obj.task_id)  # type: ignore[attr-defined]  # a ProgressEntry
        entry = self.journal_entry()
        self.session.add(
            JournalChange(
                journal_id=entry.id,
                entity=table,
                entity_id=obj.id,
                action=action,
                before=None if before is None else json.dumps(before, ensure_ascii=False),
                after=None if after is None else json.dumps(after, ensure_ascii=False),
            )
        )
        self.changes._note({"insert": "inserted", "update": "updated", "delete": "deleted"}[action], table, obj.id)

    def insert(self, obj: ModelT) -> ModelT:
        self.session.add(obj)
        self.session.flush()
        self._record(obj, "insert", None, row_values(obj))
        return obj

    def update(self, obj: Base, **values) -> bool:
        """Set *values* on *obj*; records only the fields that really change."""
        before, after = {}, {}
        for key, new in values.items():
            old = getattr(obj, key)
            if old != new:
                before[key], after[key] = to_json_value(old), to_json_value(new)
                setattr(obj, key, new)
        if not after:
            return False
        self.session.flush()
        self._record(obj, "update", before, after)
        return True

    def delete(self, obj: Base) -> None:
        before = row_values(obj)
        obj_id = obj.id
        self.session.delete(obj)
        self.session.flush()
        # obj.id is still readable after delete; keep the id we recorded
        assert obj_id == before["id"]
        self._record(obj, "delete", before, None)


@contextmanager
def operation(
    db: Database, name: str, *, entity: str = "", entity_id: int | None = None, undoable: bool = True
) -> Iterator[Operation]:
    """One journaled, all-or-nothing change. A block that changes nothing leaves no entry.
    *name*: a template of :mod:`.names` without placeholders (until :meth:`Operation.rename`)."""
    with db.write() as session:
        entry = JournalEntry(
            kind="op",
            name=name,
            entity=entity,
            entity_id=entity_id,
            user_name=db.user_name,
            at=now_utc(),
            undoable=undoable,
            state="active",
        )
        op = Operation(session, entry)
        op.changes.entity_id = entity_id
        yield op
        if op.log_tasks:
            refresh_log_summaries(session, op.log_tasks)
        if op.changes.empty and undoable:
            return  # nothing changed: no journal entry was written (it is written with the first change)
        op.journal_entry()
        op.changes.journal_id = entry.id
        # A new change ends this user's redo chain (as in every editor).
        session.execute(
            update(JournalEntry)
            .where(JournalEntry.user_name == db.user_name, JournalEntry.state == "undone")
            .values(state="dead")
        )


def get_or_fail(session: Session, model: type[ModelT], obj_id: int, what: str, *, lock: bool = True) -> ModelT:
    """The row an operation acts on, locked until the operation ends (``FOR UPDATE`` on
    PostgreSQL; SQLite's writers already hold the whole database) and read fresh, so what
    the operation checks and journals is what it changes. *what*: the kind of row, marked
    with ``N_`` (translated in the message)."""
    obj = session.get(model, obj_id, with_for_update=True if lock else None, populate_existing=lock)
    if obj is None:
        raise ValidationError(_("Không tìm thấy {what} có mã số {id}; có thể nó vừa bị xóa.").format(
            what=_(what), id=obj_id), "id", obj_id)
    return obj


def sync_ordered_links(op: Operation, model: type[Base], owner: str, owner_id: int, target: str,
                       target_ids: list[int]) -> None:
    """Make the ordered links of one owner (a programme's documents, a task's coordinating
    bodies) exactly *target_ids*, in that order, journaling only what changes."""
    from sqlalchemy import select

    links = list(op.session.scalars(select(model).where(getattr(model, owner) == owner_id)))
    for link in links:
        if getattr(link, target) not in target_ids:
            op.delete(link)
    kept = {getattr(link, target): link for link in links if getattr(link, target) in target_ids}
    for position, target_id in enumerate(target_ids):
        if target_id in kept:
            op.update(kept[target_id], position=position)
        else:
            op.insert(model(**{owner: owner_id, target: target_id, "position": position}))


# --- what the user saw ------------------------------------------------------------------

def same_value(seen: object, current: object) -> bool:
    """Is *current* (stored) what an editor that loaded *seen* shows? Editors show dates and
    numbers as text and an empty field for None."""
    if seen in (None, "") and current in (None, ""):
        return True
    if isinstance(current, date) and isinstance(seen, str):
        try:
            return parse_date(seen) == current
        except DateError:
            return False
    if isinstance(current, int) and not isinstance(current, bool) and isinstance(seen, str):
        try:
            return int(seen.strip()) == current
        except ValueError:
            return False
    if isinstance(current, (list, tuple)) and isinstance(seen, (list, tuple)):
        return list(current) == list(seen)
    return seen == current


def value_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return format_date(value)
    return str(value)


def check_expected(
    op: Operation, obj: Base, expected: dict | None, *, labels: dict[str, str],
    shown: dict | None = None, columns: dict[str, tuple[str, ...]] | None = None,
    describe=None,
) -> None:
    """Refuse the operation with a :class:`ConflictError` if a field is no longer what the
    user's editor loaded (``expected``). Call it after :func:`get_or_fail` (the row is
    locked, so nobody can change it between this check and the write).

    ``shown`` gives fields that are not plain columns (a deadline's text, linked ids);
    ``columns`` names the stored columns behind such a field, to find who changed it;
    ``describe(field, value)`` turns an id into a name for the message."""
    if not expected:
        return
    shown = shown or {}
    columns = columns or {}
    for name, seen in expected.items():
        if name in shown:
            current = shown[name]
        elif name in obj.__table__.columns:
            current = getattr(obj, name)
        else:
            continue
        if same_value(seen, current):
            continue
        user, at = last_change(op.session, obj.__tablename__, obj.id, columns.get(name, (name,)))
        text = describe(name, current) if describe else None
        raise ConflictError(name, labels.get(name, name), current, text if text is not None else value_text(current),
                            user, at)


def last_change(session: Session, table: str, row_id: int, columns: tuple[str, ...]) -> tuple[str | None, datetime | None]:
    """Who last changed any of *columns* of one row, and when (from the journal; an undo or
    redo of that change counts as a change by whoever undid or redid it)."""
    rows = session.execute(
        select(JournalChange.before, JournalChange.after, JournalEntry)
        .join(JournalEntry, JournalEntry.id == JournalChange.journal_id)
        .where(JournalChange.entity == table, JournalChange.entity_id == row_id)
        .order_by(JournalChange.id.desc())
        .limit(500)
    )
    found = None
    for before, after, entry in rows:
        keys = set(json.loads(after or "{}")) | set(json.loads(before or "{}"))
        if keys & set(columns):
            found = entry
            break
    if found is None:
        found = session.scalar(
            select(JournalEntry).where(JournalEntry.entity == table, JournalEntry.entity_id == row_id)
            .order_by(JournalEntry.id.desc()).limit(1)
        )
        if found is None:
            return None, None
    audit = session.scalar(
        select(JournalEntry).where(JournalEntry.target_id == found.id).order_by(JournalEntry.id.desc()).limit(1)
    )
    latest = audit if audit is not None else found
    return latest.user_name, latest.at


IMPORT_BACKUP_REFUSED = N_("Không sao lưu được trước khi nhập ({reason}); chưa nhập gì.")


def backup_before_import(db: Database, label: str, refusal: str = IMPORT_BACKUP_REFUSED) -> Path | None:
    """The automatic backup an import makes before it writes (a SQLite file only): its path, or
    None for a server database. If it cannot be made, nothing is imported: StoreError with
    *refusal* (marked with ``N_``, translated here), its ``{reason}`` filled in."""
    if db.path is None or not db.path.exists():
        return None
    try:
        return db.backup(default_backup_path(db.path, label=label))
    except (OSError, StoreError) as exc:
        raise StoreError(_(refusal).format(reason=exc)) from None
