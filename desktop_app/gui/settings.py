"""Per-user GUI settings (window layout, column layout, language, as-of override) in an
INI file in the data folder, next to the database: one place to back up or reset."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from ..store.db import data_dir


def gui_settings() -> QSettings:
    folder = data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return QSettings(str(folder / "nqdesk-gui.ini"), QSettings.Format.IniFormat)
