"""Changing the settings kept in the database, and their rules; reading them is ``reports.settings``."""

from __future__ import annotations

import json

from sqlalchemy import select

from ..reports.settings import DEFAULTS, due_soon_days_ok, get_setting, report_period_ok  # noqa: F401
from ..store.db import Database
from ..store.models import Program, Setting
from .base import Changes, ValidationError, operation
from .validate import Checker, brief, shown

LABELS = {
    "due_soon_days": "Số ngày báo trước hạn",
    "place": "Địa danh",
    "continuous_report_period": "Kỳ báo cáo nhiệm vụ thường xuyên",
}


def validate_setting(key: str, value):
    """The rule of each setting (the preferences and the import both call this); returns
    the value to store or raises ValidationError."""
    if key == "due_soon_days":
        if not due_soon_days_ok(value):
            raise ValidationError("Số ngày báo trước hạn phải là số nguyên từ 0 đến 365.", key, brief(value))
    elif key == "continuous_report_period":
        if not report_period_ok(value):
            raise ValidationError("Kỳ báo cáo phải là «quý» (quarter) hoặc «6 tháng» (half_year).", key, brief(value))
    elif key == "place":
        c = Checker()
        text = c.text(key, "Địa danh", value, required=True, limit=Program.place)
        c.raise_if_any()
        return text
    else:
        raise ValidationError(f"Không có thiết lập «{shown(key)}».", key, brief(value))
    return value


def set_setting(db: Database, key: str, value) -> Changes:
    value = validate_setting(key, value)
    with operation(db, f"Đổi thiết lập «{LABELS[key]}»", entity="settings") as op:
        row = op.session.scalar(select(Setting).where(Setting.key == key))
        encoded = json.dumps(value, ensure_ascii=False)
        if row is None:
            row = op.insert(Setting(key=key, value=encoded))
        else:
            op.update(row, value=encoded)
        op.entity_id = row.id
    return op.changes
