"""User-interface language: the gettext catalogs of ``desktop_app.i18n``, plus Qt's own strings.

Source strings are Vietnamese (the default language); ``desktop_app/resources/locale/en`` holds the
English catalog. Qt ships no Vietnamese translation of its built-in dialogs, so
``desktop_app/resources/locale/vi/qtbase_vi.qm`` (compiled from our ``qtbase_vi.ts``) covers the
built-in strings the program shows (message-box buttons, edit context menus).
The language is read at start-up; Preferences switches it while the program runs
(:func:`apply_language`, then ``gui/live_language.py`` rebuilds the main window in the new language).
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
    "apply_language",
    "install_qt_translator",
    "language",
    "ngettext",
    "set_language",
]


QT_TRANSLATOR_NAME = "nqdesk-qtbase-translator"


def install_qt_translator(app) -> object | None:
    """Load Qt's built-in strings in Vietnamese (our own catalog); returns the translator."""
    from PySide6.QtCore import QTranslator

    if language() != "vi":
        return None
    translator = QTranslator(app)
    translator.setObjectName(QT_TRANSLATOR_NAME)
    if translator.load(str(LOCALE_DIR / "vi" / "qtbase_vi.qm")):
        app.installTranslator(translator)
        return translator
    translator.deleteLater()
    return None


def remove_qt_translators(app) -> int:
    """Take Qt's Vietnamese strings out again (those :func:`install_qt_translator` put in);
    returns how many were removed."""
    from PySide6.QtCore import QTranslator

    found = app.findChildren(QTranslator, QT_TRANSLATOR_NAME)
    for translator in found:
        app.removeTranslator(translator)
        translator.setObjectName("")  # (deleted later: not found again meanwhile)
        translator.deleteLater()
    return len(found)


def apply_language(app, language: str) -> None:
    """Use *language* from now on, while the program runs: our catalog and Qt's built-in
    strings (message-box buttons, context menus). Windows already built keep their texts: the
    main window is rebuilt (``gui/live_language.py``)."""
    set_language(language)
    remove_qt_translators(app)
    install_qt_translator(app)
