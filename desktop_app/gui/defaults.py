"""Defaults the GUI starts a choice with (issue 13): where exports go, and the format profiles
shown by their human names (the command line keeps taking the codes "hd36", "nd30")."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import QComboBox

from .i18n import N_, _

KEY_FOLDER = "export/folder"
KEY_PROFILE = "export/profile"
DEFAULT_PROFILE = "hd36"


PROFILE_NAMES = {
    "hd36": N_("Văn bản của Đảng (HD 36)"),
    "nd30": N_("Văn bản hành chính (NĐ 30)"),
}


def documents_folder() -> Path:
    """The user's Documents folder (Tài liệu / Documents), or the home folder without one."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(location) if location else Path.home()
    return folder if folder.is_dir() else Path.home()


def export_folder(settings) -> Path:
    """Where an export is offered to go: the folder last used, while it still exists, else the
    user's Documents folder (never the program's hidden data folder)."""
    last = str((settings.value(KEY_FOLDER, "") if settings is not None else "") or "")
    if last and Path(last).is_dir():
        return Path(last)
    return documents_folder()


def remember_export_folder(settings, folder: Path) -> None:
    if settings is not None:
        settings.setValue(KEY_FOLDER, str(folder))


def profile_label(code: str) -> str:
    """"Văn bản của Đảng (HD 36)" for "hd36"; a user's own profile shows its own name."""
    if code in PROFILE_NAMES:
        return _(PROFILE_NAMES[code])
    try:
        from ..export.profiles import load_profile

        name = load_profile(code).label.strip()
    except Exception:  # noqa: BLE001 - a broken profile is named by its code; export says why
        name = ""
    return f"{name} ({code})" if name else code


def fill_profiles(combo: QComboBox, current: str | None) -> None:
    """The profiles by human name (the code as item data), *current* chosen."""
    from ..export.profiles import list_profiles

    combo.clear()
    for code in list_profiles():
        combo.addItem(profile_label(code), code)
        combo.setItemData(combo.count() - 1, code, Qt.ItemDataRole.ToolTipRole)  # the CLI's code
    combo.setCurrentIndex(max(0, combo.findData(current or DEFAULT_PROFILE)))
