"""Restoring a SQLite database from one of its backups, with a safety copy of the current
file first. Called only while no program holds the file open (the GUI closes it first)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..i18n import _
from .db import BackupError, sqlite_backup, default_backup_path, inspect_sqlite_file

SAFETY_LABEL = "truoc-khoi-phuc"


def restore_backup(db_path: Path, backup: Path) -> Path:
    """Replace the contents of *db_path* by those of *backup*; returns the safety copy made of
    *db_path* first (in its backups folder, never pruned automatically)."""
    db_path, backup = Path(db_path), Path(backup)
    if not backup.is_file():
        raise BackupError(_("Không còn tệp sao lưu «{path}».").format(path=backup))
    inspect_sqlite_file(backup)  # refuses a file that is not a SQLite database
    safety = default_backup_path(db_path, label=SAFETY_LABEL)
    if db_path.exists():
        sqlite_backup(db_path, safety)
    try:
        src = sqlite3.connect(backup.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(str(db_path))
            try:
                src.backup(dst)  # page by page through SQLite: the -wal file stays consistent
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.Error as exc:
        raise BackupError(_("Không khôi phục được từ «{backup}»: {reason}. Tệp hiện tại vẫn còn bản an toàn "
                            "«{safety}».").format(backup=backup.name, reason=exc, safety=safety)) from None
    return safety
