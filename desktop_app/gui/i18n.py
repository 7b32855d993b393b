"""User-interface language: the gettext catalogs of ``desktop_app.i18n``, plus Qt's own strings.

Source strings are Vietnamese (the default language); ``desktop_app/resources/locale/en`` holds the
English catalog. Qt ships no Vietnamese translation of its built-in dialogs, so
``desktop_app/resources/locale/vi/qtbase_vi.qm`` (compiled from our ``qtbase_vi.ts``) covers the
built-in strings the program shows (message-box buttons, edit context menus).
The language is chosen once at start-up (Preferences → takes effect after restart).
"""

from __future__ import annotations

from ..i18n import (
    DOMAIN,
    LANGUAGES,
    LOCALE_DIR,
    N_,
    _,
    language,
    ngettext,
    set_language,
)

__all__ = [
    "DOMAIN",
    "LANGUAGES",
    "LOCALE_DIR",
    "N_",
    "_",
    "install_qt_translator",
    "language",
    "ngettext",
    "set_language",
]


def install_qt_translator(app) -> object | None:
    """Load Qt's built-in strings in Vietnamese (our own catalog); returns the translator."""
    from PySide6.QtCore import QTranslator

    if language() != "vi":
        return None
    translator = QTranslator(app)
    if translator.load(str(LOCALE_DIR / "vi" / "qtbase_vi.qm")):
        app.installTranslator(translator)
        return translator
    return None
