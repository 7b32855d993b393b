"""What a backup file holds, read without changing it: the counts shown in the backup dialog."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, func, select
from sqlalchemy.exc import SQLAlchemyError

from ..store.models import ProgressEntry, Program, Task

__all__ = ["BackupCounts", "backup_counts"]


@dataclass(frozen=True)
class BackupCounts:
    programs: int
    tasks: int
    progress: int


def backup_counts(path: Path) -> BackupCounts | None:
    """Programmes, tasks and progress entries in the SQLite file *path*, opened read-only
    (``mode=ro``: nothing is written, not even a journal); None when it cannot be read."""
    uri = Path(path).resolve().as_uri() + "?mode=ro"
    engine = create_engine("sqlite://", creator=lambda: _connect_ro(uri))
    try:
        with engine.connect() as conn:
            programs, tasks, progress = (conn.scalar(select(func.count()).select_from(m)) or 0
                                         for m in (Program, Task, ProgressEntry))
            return BackupCounts(programs, tasks, progress)
    except SQLAlchemyError:
        return None
    finally:
        engine.dispose()


def _connect_ro(uri: str):
    import sqlite3

    return sqlite3.connect(uri, uri=True)
