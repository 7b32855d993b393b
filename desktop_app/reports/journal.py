"""Lịch sử thay đổi: journal entries, overall or touching one item."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select

from ..store.db import Database
from ..store.models import JournalChange, JournalEntry


def history(db: Database, entity: str | None = None, entity_id: int | None = None, limit: int = 200) -> list[JournalEntry]:
    """Newest first. With an item, the operations that changed it (or were about it)."""
    stmt = select(JournalEntry).order_by(JournalEntry.id.desc()).limit(limit)
    if entity is not None:
        touched = select(JournalChange.journal_id).where(
            JournalChange.entity == entity, JournalChange.entity_id == entity_id
        )
        about = (JournalEntry.entity == entity) & (JournalEntry.entity_id == entity_id)
        stmt = stmt.where(or_(JournalEntry.id.in_(touched), about, JournalEntry.target_id.in_(touched)))
    with db.read() as s:
        return list(s.scalars(stmt))


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
