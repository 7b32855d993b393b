"""The program's language for messages: gettext catalogs managed with Babel (no Qt here).

Source strings are Vietnamese; ``desktop_app/resources/locale/en`` holds the English catalog.
Every user-facing message of the GUI and the CLI goes through :func:`_` (or :func:`ngettext`),
including the messages raised in core/, ops/, reports/, interchange/, importers/, store/ and the
errors of export/. A message is translated where it is built, in the language current then.

What is *not* translated: the text of the Word and Excel documents (they stay Vietnamese in every
UI language), the words the parsers read (vocabulary), and log lines. Tables of labels shown in
both the GUI and the documents are marked with :func:`N_` (no translation at the source) and
translated where the GUI shows them: ``_(STATUS_LABELS[status])``.

``tests/test_catalog_coverage.py`` checks that no Vietnamese literal escapes the catalog;
``tools/update_translations.py`` extracts the strings.
"""

from __future__ import annotations

import gettext

from .resources import RESOURCES_DIR

LOCALE_DIR = RESOURCES_DIR / "locale"
DOMAIN = "nqdesk"
LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = "vi"


def set_language(language: str) -> None:
    """Translate from now on into *language* ("vi" or "en"; anything else means Vietnamese)."""
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


def N_(message: str) -> str:
    """Mark *message* for the catalog without translating it here (labels also used in documents)."""
    return message


def format_int(n: int) -> str:
    """A whole number in a message, in the current language: "3.408" (vi), "3,408" (en).
    Documents keep the Vietnamese form (they call ``core.numbers`` directly)."""
    from .core import numbers

    return numbers.format_int(n, locale=_language)
