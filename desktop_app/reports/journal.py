"""Lịch sử thay đổi: journal entries, overall or touching one item."""

from __future__ import annotations

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
