"""Automatic backups when the program opens (as Task Coach's autobackup): at most one a
day, kept in the ``backups`` folder next to the SQLite file, the oldest automatic ones
deleted beyond the number the user chose. Manual and pre-upgrade backups are never
deleted here."""

from __future__ import annotations

import logging
import re
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QSettings

from ..store.db import Database, default_backup_path

log = logging.getLogger(__name__)

AUTO_LABEL = "tu-dong"
KEY_AUTO = "backup/auto"
KEY_KEEP = "backup/keep"
DEFAULT_AUTO = True
DEFAULT_KEEP = 10
MAX_KEEP = 365


def backup_folder(db_path: Path) -> Path:
    """Where default_backup_path puts backups of *db_path*."""
    return default_backup_path(db_path).parent


def auto_enabled(settings: QSettings) -> bool:
    return _bool(settings.value(KEY_AUTO, DEFAULT_AUTO))


def keep_count(settings: QSettings) -> int:
    try:
        keep = int(settings.value(KEY_KEEP, DEFAULT_KEEP))
    except (TypeError, ValueError):
        return DEFAULT_KEEP
    return min(max(keep, 1), MAX_KEEP)


def _bool(value) -> bool:
    # INI files give strings back ("true"/"false"); a fresh QSettings gives the default.
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes")
    return bool(value)


def _pattern(stem: str) -> re.Pattern:
    # <stem>-YYYYmmdd-HHMMSS-ffffff[-label].sqlite3, as default_backup_path names them
    return re.compile(rf"^{re.escape(stem)}-([0-9]{{8}})-([0-9]{{6}})-([0-9]{{6}})(?:-(.+))?\.sqlite3$")


def list_backups(db_path: Path) -> list[tuple[datetime, str, Path]]:
    """Backups of *db_path* in its backups folder: (made at, label, path), oldest first."""
    folder = backup_folder(db_path)
    if not folder.is_dir():
        return []
    pattern = _pattern(db_path.stem)
    found = []
    for path in folder.iterdir():
        m = pattern.match(path.name)
        if not m or not path.is_file():
            continue
        try:
            made = datetime.strptime(f"{m.group(1)}{m.group(2)}{m.group(3)}", "%Y%m%d%H%M%S%f")
        except ValueError:
            continue
        found.append((made, m.group(4) or "", path))
    return sorted(found)


def prune(db_path: Path, keep: int) -> list[Path]:
    """Delete the oldest automatic backups beyond *keep*; returns what was deleted."""
    automatic = [path for _made, label, path in list_backups(db_path) if label == AUTO_LABEL]
    doomed = automatic[:-keep] if keep > 0 else automatic
    deleted = []
    for path in doomed:
        try:
            path.unlink()
            deleted.append(path)
        except OSError as exc:
            log.warning("Không xóa được bản sao lưu cũ %s: %s", path, exc)
    return deleted


def auto_backup(db: Database, settings: QSettings, today: date | None = None) -> Path | None:
    """Back up the SQLite database if enabled and no backup was made today; prune old
    automatic backups. Returns the new file, or None (disabled, already done today, not
    SQLite, or failed). Never raises: a failed backup must not stop the program opening."""
    try:
        if not auto_enabled(settings) or db.path is None:
            return None
        today = today or date.today()
        if any(made.date() == today for made, _label, _path in list_backups(db.path)):
            return None
        made = db.backup(default_backup_path(db.path, label=AUTO_LABEL))
        prune(db.path, keep_count(settings))
        log.info("Đã sao lưu tự động: %s", made)
        return made
    except Exception:  # noqa: BLE001 - any failure is logged, never fatal
        log.exception("Sao lưu tự động thất bại")
        return None
