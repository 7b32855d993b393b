"""Settings kept in the database (JSON values), with defaults."""

from __future__ import annotations

import json

from sqlalchemy import select

from ..store.db import Database
from ..store.models import Program, Setting
from .base import Changes, ValidationError, operation
from .validate import Checker, brief, shown

DEFAULTS: dict[str, object] = {
    "due_soon_days": 14,  # window of the "sắp đến hạn" status
    "place": "Lạng Sơn",  # place name printed before the date of documents
    "continuous_report_period": "quarter",  # or "half_year"
}
LABELS = {
    "due_soon_days": "Số ngày báo trước hạn",
    "place": "Địa danh",
    "continuous_report_period": "Kỳ báo cáo nhiệm vụ thường xuyên",
}


def get_setting(db: Database, key: str):
    """The stored value, or the default when none is stored. A stored value the rules
    refuse (written by an older version or by hand; ``nqdesk check`` names it) reads as the
    default, so one bad row cannot stop every list and report."""
    with db.read() as session:
        raw = session.scalar(select(Setting.value).where(Setting.key == key))
    if raw is None:
        return DEFAULTS.get(key)
    try:
        return validate_setting(key, json.loads(raw))
    except (ValueError, ValidationError):
        return DEFAULTS.get(key)


def validate_setting(key: str, value):
    """The rule of each setting (the preferences and the import both call this); returns
    the value to store or raises ValidationError."""
    if key == "due_soon_days":
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 365:
            raise ValidationError("Số ngày báo trước hạn phải là số nguyên từ 0 đến 365.", key, brief(value))
    elif key == "continuous_report_period":
        if not isinstance(value, str) or value not in ("quarter", "half_year"):
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
