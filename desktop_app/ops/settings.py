"""Settings kept in the database (JSON values), with defaults."""

from __future__ import annotations

import json

from sqlalchemy import select

from ..store.db import Database
from ..store.models import Setting
from .base import Changes, ValidationError, operation

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
    with db.read() as session:
        raw = session.scalar(select(Setting.value).where(Setting.key == key))
    return DEFAULTS.get(key) if raw is None else json.loads(raw)


def _validate(key: str, value):
    if key == "due_soon_days":
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 365:
            raise ValidationError("Số ngày báo trước hạn phải là số nguyên từ 0 đến 365.", key, value)
    elif key == "continuous_report_period":
        if value not in ("quarter", "half_year"):
            raise ValidationError("Kỳ báo cáo phải là «quý» hoặc «6 tháng».", key, value)
    elif key == "place":
        if not isinstance(value, str) or not value.strip():
            raise ValidationError("Địa danh không được để trống.", key, value)
    else:
        raise ValidationError(f"Không có thiết lập «{key}».", key, value)
    return value


def set_setting(db: Database, key: str, value) -> Changes:
    value = _validate(key, value)
    with operation(db, f"Đổi thiết lập «{LABELS[key]}»", entity="settings") as op:
        row = op.session.scalar(select(Setting).where(Setting.key == key))
        encoded = json.dumps(value, ensure_ascii=False)
        if row is None:
            row = op.insert(Setting(key=key, value=encoded))
        else:
            op.update(row, value=encoded)
        op.entity_id = row.id
    return op.changes
