"""Tệp → Mở gần đây: the last databases opened (eight at most), remembered per user in
QSettings; a file that is no longer there is shown disabled, and can be cleared from the list."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMenu

from .i18n import _

KEY = "files/recent"
MAX_RECENT = 8


def recent_databases(settings: QSettings) -> list[Path]:
    raw = settings.value(KEY, []) or []
    if isinstance(raw, str):  # INI files give one value back as a plain string
        raw = [raw]
    seen, out = set(), []
    for item in raw:
        path = Path(str(item))
        if str(item) and str(path) not in seen:
            seen.add(str(path))
            out.append(path)
    return out[:MAX_RECENT]


def remember_database(settings: QSettings, path: Path | None) -> None:
    """Put *path* first in the list (a server database has no file and is not listed)."""
    if path is None:
        return
    path = Path(path).resolve()
    paths = [p for p in recent_databases(settings) if p != path]
    _store(settings, [path, *paths][:MAX_RECENT])


def forget_missing(settings: QSettings) -> None:
    _store(settings, [p for p in recent_databases(settings) if p.exists()])


def _store(settings: QSettings, paths: list[Path]) -> None:
    settings.setValue(KEY, [str(p) for p in paths])
    settings.sync()


def fill_recent_menu(menu: QMenu, settings: QSettings, current: Path | None, open_path) -> None:
    """Rebuild *menu* (before it is shown): one entry per remembered file, the open one checked."""
    menu.clear()
    paths = recent_databases(settings)
    current = Path(current).resolve() if current is not None else None
    for i, path in enumerate(paths):
        action = menu.addAction(f"&{i + 1}  {path.name} — {path.parent}")
        action.setData(str(path))
        action.setToolTip(str(path))
        if path == current:
            action.setCheckable(True)
            action.setChecked(True)
            action.setEnabled(False)
        elif not path.exists():
            action.setEnabled(False)
            action.setText(action.text() + " " + _("(không còn tệp)"))
        else:
            action.triggered.connect(lambda _c=False, p=path: open_path(p))
    if not paths:
        empty = menu.addAction(_("(chưa có)"))
        empty.setEnabled(False)
    if any(not p.exists() for p in paths):
        menu.addSeparator()
        clear = menu.addAction(_("Bỏ các tệp không còn khỏi danh sách"))
        clear.setObjectName("recent-forget-missing")
        clear.triggered.connect(lambda _c=False: forget_missing(settings))
