"""User-interface language: gettext catalogs managed with Babel, plus Qt's own strings.

Source strings are Vietnamese (the default language); ``desktop_app/resources/locale/en`` holds the
English catalog. Qt ships no Vietnamese translation of its built-in dialogs, so
``desktop_app/resources/locale/vi/qtbase_vi.qm`` (compiled from our ``qtbase_vi.ts``) covers the
built-in strings the program shows (message-box buttons, edit context menus).
The language is chosen once at start-up (Preferences → takes effect after restart).
"""

from __future__ import annotations

import gettext

from ..resources import RESOURCES_DIR

LOCALE_DIR = RESOURCES_DIR / "locale"
DOMAIN = "nqdesk"
LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = "vi"


def set_language(language: str) -> None:
    global _translation, _language
    _language = language if language in LANGUAGES else "vi"
    if _language == "vi":
        _translation = gettext.NullTranslations()
    else:
        _translation = gettext.translation(DOMAIN, LOCALE_DIR, languages=[_language], fallback=True)


def language() -> str:
    return _language


def _(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def install_qt_translator(app) -> object | None:
    """Load Qt's built-in strings in Vietnamese (our own catalog); returns the translator."""
    from PySide6.QtCore import QTranslator

    if _language != "vi":
        return None
    translator = QTranslator(app)
    if translator.load(str(LOCALE_DIR / "vi" / "qtbase_vi.qm")):
        app.installTranslator(translator)
        return translator
    return None
