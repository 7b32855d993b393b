"""The effective progress log: a wrong entry is corrected by a later entry that names it
(``corrects_id``), and from then on only the correction counts. Every read of the log
filters through ``not_corrected``."""

from __future__ import annotations

from sqlalchemy import ColumnElement, select

from ..store.models import ProgressEntry

__all__ = ["not_corrected"]


def not_corrected() -> ColumnElement[bool]:
    """Condition on ``ProgressEntry``: no other entry corrects this one."""
    pe = ProgressEntry
    return pe.id.not_in(select(pe.corrects_id).where(pe.corrects_id.is_not(None)).scalar_subquery())
