"""Changing the settings kept in the database, and their rules; reading them is ``reports.settings``."""

from __future__ import annotations

import json

from sqlalchemy import select

from ..interchange.fields import SETTING_LABELS, validate_setting
from ..reports.settings import get_setting as get_setting  # read side, kept here for the callers that set too
from ..store.db import Database
from ..store.models import Setting
from . import names
from .base import Changes, operation


def set_setting(db: Database, key: str, value) -> Changes:
    value = validate_setting(key, value)
    with operation(db, names.CHANGE_SETTING, entity="settings") as op:
        op.rename(names.CHANGE_SETTING, title=SETTING_LABELS[key])
        row = op.session.scalar(select(Setting).where(Setting.key == key))
        encoded = json.dumps(value, ensure_ascii=False)
        if row is None:
            row = op.insert(Setting(key=key, value=encoded))
        else:
            op.update(row, value=encoded)
        op.entity_id = row.id
    return op.changes
