"""Reading the settings kept in the database (JSON values), with their defaults.

Changing them is ``ops.settings.set_setting``; reading lives here so that reports (and the
commands that only read, like ``nqdesk stats``) need not import the ops package."""

from __future__ import annotations

import json

from sqlalchemy import select

from ..core.status import due_soon_days_ok, report_period_ok
from ..store.db import Database
from ..store.models import Setting

DEFAULTS: dict[str, object] = {  # document text (the place name)
    "due_soon_days": 14,  # window of the "sắp đến hạn" status
    "place": "Lạng Sơn",  # place name printed before the date of documents
    "continuous_report_period": "quarter",  # or "half_year"
}


_PLAIN_RULES = {"due_soon_days": due_soon_days_ok, "continuous_report_period": report_period_ok}


def get_setting(db: Database, key: str):
    """The stored value, or the default when none is stored. A stored value the rules
    refuse (written by an older version or by hand; ``nqdesk check`` names it) reads as the
    default, so one bad row cannot stop every list and report."""
    with db.read() as session:
        return setting_in(session, key)


def setting_in(session, key: str):
    """:func:`get_setting` inside an open session."""
    raw = session.scalar(select(Setting.value).where(Setting.key == key))
    if raw is None:
        return DEFAULTS.get(key)
    try:
        value = json.loads(raw)
    except ValueError:
        return DEFAULTS.get(key)
    plain = _PLAIN_RULES.get(key)
    if plain is not None:
        return value if plain(value) else DEFAULTS.get(key)
    # A text setting (place) is checked by the operations' text rules (length, control characters),
    # imported here only: ``nqdesk stats`` reads the plain settings alone.
    from ..errors import ValidationError
    from ..interchange.fields import validate_setting

    try:
        return validate_setting(key, value)
    except ValidationError:
        return DEFAULTS.get(key)
