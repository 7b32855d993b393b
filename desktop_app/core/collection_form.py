"""The report-collection form ("phiếu báo cáo tiến độ"): what the writer (export/) and
the reader (importers/) of the form must agree on, and the fingerprint of a task.

One form goes to one lead body for one round (a date). Its visible sheet lists the body's
tasks with the identifying columns locked and four input columns; a very hidden sheet
holds the form's identity (format, form id, body, round date) and, per task row, the
task id, the fingerprint of the task's identifying fields and a copy of the locked
cells, so that a stale form (the task changed since) and an edit of a locked cell can
both be told apart from a good form.

Pure: no I/O, no openpyxl.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date

from .text import clean_control, nfc

__all__ = [
    "FORM_FORMAT", "FORM_SHEET", "KEY_SHEET", "HEADER_ROW", "FIRST_TASK_ROW", "COLUMNS", "LOCKED_COLUMNS",
    "INPUT_COLUMNS", "KEY_COLUMN", "REFERENCE_CELL", "REPORT_DATE_CELL", "task_fingerprint", "row_key",
    "parse_row_key", "cell_text", "locked_digests",
]

FORM_FORMAT = "nqdesk-phieu-bao-cao/1"
FORM_SHEET = "Phiếu báo cáo"  # document text
KEY_SHEET = "nqdesk"  # very hidden: the form's identity and the task keys

# Rows of the visible sheet: 1 title, 2 body, 3 round date, 4 the body's reference, 5 its date,
# 6 how to fill it in, 7 empty, 8 header, 9… one row per task.
REFERENCE_CELL = "E4"  # the body's report reference for every row that leaves its own empty
REPORT_DATE_CELL = "E5"  # the date of the body's report (the day progress is reported on)
HEADER_ROW = 8
FIRST_TASK_ROW = HEADER_ROW + 1

# (key, header, width) in column order; column A holds the hidden task key.
COLUMNS: tuple[tuple[str, str, float], ...] = (  # document text
    ("key", "Khóa", 4),
    ("number", "STT", 5),
    ("program", "Chương trình, kế hoạch", 15),
    ("content", "Nội dung nhiệm vụ", 46),
    ("deadline", "Thời hạn", 14),
    ("status", "Tình trạng đến ngày gửi phiếu", 14),
    ("last_percent", "Tiến độ đã báo cáo (%)", 9),
    ("percent", "Tiến độ (%) (số nguyên 0-100)", 10),
    ("completed_on", "Ngày hoàn thành (nếu đã xong)", 12),
    ("reference", "Số, ký hiệu văn bản báo cáo", 14),
    ("note", "Kết quả thực hiện, ghi chú", 32),
)
COLUMN_INDEX = {key: i + 1 for i, (key, _h, _w) in enumerate(COLUMNS)}
KEY_COLUMN = COLUMN_INDEX["key"]
LOCKED_COLUMNS = ("number", "program", "content", "deadline", "status", "last_percent")
INPUT_COLUMNS = ("percent", "completed_on", "reference", "note")

# Validation bounds of the date cells (Excel data validation); the importer is stricter
# (no future dates, none before the task was assigned).
EARLIEST_DATE = date(2000, 1, 1)
LATEST_DATE = date(2099, 12, 31)


def task_fingerprint(program_id: int, content: str, lead_body_id: int | None, deadline_kind: str | None,
                     due_date: date | None, deadline_text: str, assigned_date: date | None) -> str:
    """A short digest of what identifies a task to the body reporting on it: when any of
    these changes after a form was written, the form is stale for that task."""
    fields = [program_id, content, lead_body_id, deadline_kind,
              due_date.isoformat() if due_date else None, deadline_text,
              assigned_date.isoformat() if assigned_date else None]
    digest = hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode("utf-8")).hexdigest()
    return digest[:16]


def row_key(task_id: int, fingerprint: str) -> str:
    return f"{task_id}:{fingerprint}"


def parse_row_key(text: object) -> tuple[int, str] | None:
    """(task id, fingerprint) of a key cell, or None when it is not a key."""
    if not isinstance(text, str) or text.count(":") != 1:
        return None
    head, fingerprint = text.split(":")
    if not head.isdigit() or len(fingerprint) != 16 or any(c not in "0123456789abcdef" for c in fingerprint):
        return None
    return int(head), fingerprint


def cell_text(value: object) -> str:
    """A cell's value as text, the same whether it was written or read back (a whole float
    is the integer Excel shows)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean_control(nfc(str(value))).strip()


def locked_digests(values: list[object]) -> list[str]:
    """Short digests of the locked cells of a row, in ``LOCKED_COLUMNS`` order: the hidden
    sheet keeps these rather than a copy (a copy would double what a returned form takes to
    read), and they still tell which column was edited."""
    return [hashlib.sha256(cell_text(v).encode("utf-8")).hexdigest()[:10] for v in values]
