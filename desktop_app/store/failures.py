"""How a failed database call is told apart, for callers that must not depend on
SQLAlchemy (the GUI): the exception class to catch, and what kind of failure it was."""

from __future__ import annotations

from sqlalchemy.exc import OperationalError, SQLAlchemyError

from .db import Database

__all__ = ["DatabaseFailure", "STORAGE", "BUSY", "OTHER", "failure_kind"]

DatabaseFailure = SQLAlchemyError  # any failure of a database call

STORAGE, BUSY, OTHER = "storage", "busy", "other"


def failure_kind(db: Database, exc: BaseException) -> str:
    """STORAGE: SQLite could not read or write its file (disk full, read-only, locked…:
    ``store.db.storage_error_message`` says which); BUSY: another writer holds the
    database; OTHER: anything else."""
    if isinstance(exc, OperationalError) and db.is_sqlite:
        return STORAGE
    detail = str(getattr(exc, "orig", None) or exc).lower()
    if "locked" in detail or "busy" in detail:
        return BUSY
    return OTHER
