"""Lịch sử thay đổi: journal entries, overall or touching one item."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select

from ..store.db import Database
from ..store.models import JournalChange, JournalEntry


@dataclass(frozen=True)
class JournalLine:
    """One journal entry as the history lists it."""

    id: int
    kind: str  # "op", "undo", "redo"
    name: str
    user_name: str
    at: datetime
    state: str  # "active", "undone", "dead"

    @property
    def undone(self) -> bool:
        return self.state in ("undone", "dead")


@dataclass(frozen=True)
class ChangeLine:
    """One row an entry changed: the fields that differ, with their value before and after."""

    action: str  # insert | update | delete
    entity: str
    entity_id: int
    fields: tuple[tuple[str, object, object], ...]  # (field, before, after), by field name


def history(db: Database, entity: str | None = None, entity_id: int | None = None,
            limit: int = 200) -> list[JournalLine]:
    """Newest first. With an item, the operations that changed it (or were about it)."""
    je = JournalEntry
    stmt = select(je.id, je.kind, je.name, je.user_name, je.at, je.state).order_by(je.id.desc()).limit(limit)
    if entity is not None:
        touched = select(JournalChange.journal_id).where(
            JournalChange.entity == entity, JournalChange.entity_id == entity_id
        )
        about = (je.entity == entity) & (je.entity_id == entity_id)
        stmt = stmt.where(or_(je.id.in_(touched), about, je.target_id.in_(touched)))
    with db.read() as s:
        return [JournalLine(*row) for row in s.execute(stmt)]


def entry_changes(db: Database, journal_id: int) -> list[ChangeLine]:
    """The rows one journal entry changed, in the order it changed them."""
    jc = JournalChange
    with db.read() as s:
        rows = s.execute(select(jc.action, jc.entity, jc.entity_id, jc.before, jc.after)
                         .where(jc.journal_id == journal_id).order_by(jc.id)).all()
    out = []
    for action, entity, entity_id, before_text, after_text in rows:
        before = json.loads(before_text) if before_text else {}
        after = json.loads(after_text) if after_text else {}
        fields = tuple((key, before.get(key), after.get(key)) for key in sorted(set(before) | set(after))
                       if before.get(key) != after.get(key))
        out.append(ChangeLine(action, entity, entity_id, fields))
    return out


@dataclass(frozen=True)
class RecentEntry:
    """A journal entry as the live refresh needs it: who, and which rows it touched (an
    undo touches the rows of the entry it undid; ``action`` is then the undo's own)."""

    id: int
    user_name: str
    kind: str
    touched: tuple[tuple[str, str, int], ...]  # (action, entity, entity id)


_REVERSED = {"insert": "delete", "delete": "insert", "update": "update"}


def newest_journal_ids(db: Database, count: int) -> list[int]:
    """The numbers of the newest *count* entries (what a program has already seen on start)."""
    with db.read() as s:
        return list(s.scalars(select(JournalEntry.id).order_by(JournalEntry.id.desc()).limit(count)))


def recent_entries(db: Database, after_id: int, limit: int = 500,
                   skip: frozenset[int] | set[int] = frozenset()) -> list[RecentEntry]:
    """Entries numbered above *after_id*, oldest first, except those in *skip* (already
    handled by the caller): one indexed query when nothing is new, so an open program can
    ask every few seconds."""
    with db.read() as s:
        entries = list(s.execute(
            select(JournalEntry.id, JournalEntry.user_name, JournalEntry.kind, JournalEntry.target_id)
            .where(JournalEntry.id > after_id).order_by(JournalEntry.id).limit(limit)
        ))
        entries = [e for e in entries if e.id not in skip]
        if not entries:
            return []
        source = {e.id: (e.target_id if e.kind in ("undo", "redo") else e.id) for e in entries}
        rows: dict[int, list[tuple[str, str, int]]] = {}
        wanted = {i for i in source.values() if i is not None}
        for journal_id, action, entity, entity_id in s.execute(
            select(JournalChange.journal_id, JournalChange.action, JournalChange.entity, JournalChange.entity_id)
            .where(JournalChange.journal_id.in_(wanted))
        ):
            rows.setdefault(journal_id, []).append((action, entity, entity_id))
    out = []
    for e in entries:
        touched = rows.get(source[e.id], []) if source[e.id] is not None else []
        if e.kind == "undo":
            touched = [(_REVERSED[a], entity, i) for a, entity, i in touched]
        out.append(RecentEntry(e.id, e.user_name, e.kind, tuple(touched)))
    return out
