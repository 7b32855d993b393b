"""Operation plumbing: validation errors, the journal recorder, the Changes value.

An operation is written as::

    with operation(db, "Giao nhiệm vụ «…»", entity="tasks") as op:
        task = op.insert(Task(...))
        op.entity_id = task.id
    return op.changes

Everything inside the block is one transaction; each insert/update/delete goes through
the recorder so the journal holds the field-level before/after needed for undo.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

from sqlalchemy import Boolean, Date, DateTime, update
from sqlalchemy.orm import Session

from ..errors import NqdeskError
from ..store.db import Database
from ..store.models import Base, JournalChange, JournalEntry

# Derived columns: recomputed by model events, never journaled.
DERIVED_COLUMNS = frozenset({"search_fold"})


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input: where, the value given, and why (Vietnamese)."""

    field: str
    value: object
    message: str

    def __str__(self) -> str:
        return self.message


class ValidationError(NqdeskError):
    """The input was refused; nothing was written. ``problems`` lists every reason."""

    def __init__(self, problems: list[Problem] | Problem | str, field_name: str = "", value: object = None):
        if isinstance(problems, str):
            problems = [Problem(field_name, value, problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems = list(problems)
        super().__init__("\n".join(p.message for p in self.problems))

    def for_field(self, name: str) -> list[Problem]:
        return [p for p in self.problems if p.field == name]


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
        self.changes = Changes(name=entry.name, entity=entry.entity)

    @property
    def entity_id(self) -> int | None:
        return self.entry.entity_id

    @entity_id.setter
    def entity_id(self, value: int | None) -> None:
        self.entry.entity_id = value
        self.changes.entity_id = value

    def rename(self, name: str) -> None:
        """Set the readable name once the operation knows what it is acting on."""
        self.entry.name = name
        self.changes.name = name

    def warn(self, *messages: str) -> None:
        self.changes.warnings.extend(messages)

    def _record(self, obj: Base, action: str, before: dict | None, after: dict | None) -> None:
        table = obj.__tablename__
        self.session.add(
            JournalChange(
                journal_id=self.entry.id,
                entity=table,
                entity_id=obj.id,
                action=action,
                before=None if before is None else json.dumps(before, ensure_ascii=False),
                after=None if after is None else json.dumps(after, ensure_ascii=False),
            )
        )
        self.changes._note({"insert": "inserted", "update": "updated", "delete": "deleted"}[action], table, obj.id)

    def insert(self, obj: Base) -> Base:
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
    """One journaled, all-or-nothing change. A block that changes nothing leaves no entry."""
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
        session.add(entry)
        session.flush()
        op = Operation(session, entry)
        op.changes.entity_id = entity_id
        yield op
        if op.changes.empty and not op.entry.changes and undoable:
            session.delete(entry)
            session.flush()
            return
        op.changes.journal_id = entry.id
        # A new change ends this user's redo chain (as in every editor).
        session.execute(
            update(JournalEntry)
            .where(JournalEntry.user_name == db.user_name, JournalEntry.state == "undone")
            .values(state="dead")
        )


def get_or_fail(session: Session, model: type[Base], obj_id: int, what: str) -> Base:
    obj = session.get(model, obj_id)
    if obj is None:
        raise ValidationError(f"Không tìm thấy {what} có mã số {obj_id}; có thể nó vừa bị xóa.", "id", obj_id)
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
