"""Reading a returned report-collection form (export/collection_xlsx.py wrote it).

This reads and checks what the file alone can tell: that it is one of our forms, that no
locked cell or task key was changed, and that each input cell holds a value of the right
kind. What needs the database (the task still exists and is unchanged, the body is its
lead body, the entry is not already in the log) is checked by ops/collection.py.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from ..core.collection_form import (
    COLUMN_INDEX,
    FIRST_TASK_ROW,
    FORM_FORMAT,
    FORM_SHEET,
    KEY_SHEET,
    LOCKED_COLUMNS,
    REFERENCE_CELL,
    REPORT_DATE_CELL,
    cell_text,
    locked_digests,
    parse_row_key,
)
from ..core.dates import DateError, format_date, parse_date
from ..i18n import N_, _, format_int, ngettext

__all__ = ["FormRow", "ReturnedForm", "read_form"]

NOT_OUR_FORM = N_("Tệp này không phải phiếu báo cáo tiến độ do NQ Desk tạo ra (không có phần khóa của phiếu); "
                  "hãy dùng phiếu đã gửi cho cơ quan.")  # translated where it is used: _(NOT_OUR_FORM)


@dataclass
class FormRow:
    """One filled task row: the values as read, and what is wrong with them (Vietnamese)."""

    row: int  # the Excel row number, as the user sees it
    task_id: int
    fingerprint: str
    content: str
    percent: int | None = None
    completed_on: date | None = None
    reference: str = ""
    note: str = ""
    problems: list[str] = field(default_factory=list)


@dataclass
class ReturnedForm:
    path: Path
    form_id: str = ""
    body_id: int | None = None
    body_name: str = ""
    as_of: date | None = None
    report_date: date | None = None
    reference: str = ""
    rows: list[FormRow] = field(default_factory=list)  # the rows with something filled in
    unfilled: int = 0  # task rows left empty
    problems: list[str] = field(default_factory=list)  # about the file as a whole

    @property
    def name(self) -> str:
        return self.path.name


_text = cell_text


def read_form(path: str | Path) -> ReturnedForm:
    """Read one returned form. Never raises for a bad file: the reasons are in ``problems``."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    form = ReturnedForm(Path(path))
    try:
        # read-only: streamed, about six times quicker than the full reader on a form of 200 rows
        wb = load_workbook(form.path, read_only=True, data_only=True)
    except FileNotFoundError:
        form.problems.append(_("Không tìm thấy tệp."))
        return form
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, TypeError, OSError) as exc:
        if isinstance(exc, OSError) and not isinstance(exc, zipfile.BadZipFile):
            form.problems.append(_("Không đọc được tệp ({reason}).").format(reason=exc.strerror or exc))
        else:
            form.problems.append(_("Tệp không phải bảng tính Excel (.xlsx) đọc được, nên không phải phiếu báo cáo do "
                                   "NQ Desk tạo ra; hãy dùng phiếu đã gửi cho cơ quan."))
        return form
    try:
        _read(wb, form)
    finally:
        wb.close()
    return form


class _Grid:
    """A sheet's values, read once (a read-only sheet is slow to address cell by cell);
    rows and columns numbered from 1 as Excel shows them."""

    def __init__(self, sheet, columns: int):
        self.rows = [tuple(r) for r in sheet.iter_rows(min_row=1, min_col=1, max_col=columns, values_only=True)]

    def __call__(self, row: int, column: int):
        if row - 1 < len(self.rows):
            values = self.rows[row - 1]
            if column - 1 < len(values):
                return values[column - 1]
        return None

    def cell(self, ref: str):
        from openpyxl.utils.cell import coordinate_to_tuple

        return self(*coordinate_to_tuple(ref))


def _read(wb, form: ReturnedForm) -> None:
    if KEY_SHEET not in wb.sheetnames or FORM_SHEET not in wb.sheetnames:
        form.problems.append(_(NOT_OUR_FORM))
        return
    keys = _Grid(wb[KEY_SHEET], 2)
    head = {_text(keys(r, 1)): keys(r, 2) for r in range(1, 8)}
    if _text(head.get("format")) != FORM_FORMAT:
        form.problems.append(_(NOT_OUR_FORM))
        return
    form.form_id = _text(head.get("form_id"))
    try:
        form.body_id = int(_text(head.get("body_id")))
        form.as_of = date.fromisoformat(_text(head.get("as_of")))
    except ValueError:
        form.problems.append(_("Phần khóa của phiếu đã bị sửa (mã cơ quan hoặc ngày của đợt báo cáo không đọc được); "
                               "không nhận phiếu này."))
        return
    form.body_name = _text(head.get("body_name"))
    written: dict[int, tuple[str, list[str]]] = {}  # task id -> (key, digests of the locked cells as written)
    r = 11
    while keys(r, 1) is not None:
        key = _text(keys(r, 1))
        parsed = parse_row_key(key)
        if parsed is not None:
            written[parsed[0]] = (key, _text(keys(r, 2)).split(","))
        r += 1

    ws = _Grid(wb[FORM_SHEET], len(COLUMN_INDEX))
    form.reference = _text(ws.cell(REFERENCE_CELL))
    form.report_date = _date(ws.cell(REPORT_DATE_CELL), N_("Ngày văn bản báo cáo"), form.problems)
    seen: set[int] = set()
    for row in range(FIRST_TASK_ROW, max(len(ws.rows), FIRST_TASK_ROW + len(written) - 1) + 1):
        cells = {key: ws(row, index) for key, index in COLUMN_INDEX.items()}
        filled = any(_text(cells[k]) for k in ("percent", "completed_on", "note"))
        key = _text(cells["key"])
        parsed = parse_row_key(key)
        if parsed is None or parsed[0] not in written or written[parsed[0]][0] != key:
            if key or filled:
                form.problems.append(_("Dòng {row}: khóa nhiệm vụ ở cột ẩn đã bị sửa, hoặc dòng được thêm vào phiếu; "
                                       "không nhận phiếu này.").format(row=row))
            continue
        task_id, fingerprint = parsed
        if task_id in seen:
            form.problems.append(_("Dòng {row}: nhiệm vụ có hai dòng trong phiếu (dòng bị sao chép); "
                                   "không nhận phiếu này.").format(row=row))
            continue
        seen.add(task_id)
        now = locked_digests([cells[name] for name in LOCKED_COLUMNS])
        changed = [label for label, seen, was in zip(_LOCKED_LABELS, now, written[task_id][1]) if seen != was]
        if len(written[task_id][1]) != len(now):
            changed = list(_LOCKED_LABELS)
        if changed:
            form.problems.append(_("Dòng {row}: cột {columns} là cột khóa, không được sửa "
                                   "(đã khác với phiếu gửi đi); không nhận phiếu này.").format(
                                       row=row, columns=", ".join(changed)))
        if not filled:
            form.unfilled += 1
            continue
        item = FormRow(row, task_id, fingerprint, _text(cells["content"]))
        item.percent = _percent(cells["percent"], item.problems)
        item.completed_on = _date(cells["completed_on"], N_("Ngày hoàn thành"), item.problems)
        item.reference = _text(cells["reference"])
        item.note = _text(cells["note"])
        form.rows.append(item)
    missing = set(written) - seen
    if missing:
        form.problems.append(ngettext("{n} dòng nhiệm vụ của phiếu đã bị xóa; không nhận phiếu này.",
                                      "{n} dòng nhiệm vụ của phiếu đã bị xóa; không nhận phiếu này.",
                                      len(missing)).format(n=format_int(len(missing))))


# The locked columns' titles as the form prints them (messages quote the form's own words).
_LOCKED_LABELS = (  # document text
    "«STT»", "«Chương trình, kế hoạch»", "«Nội dung nhiệm vụ»", "«Thời hạn»", "«Tình trạng»",
    "«Tiến độ đã báo cáo»")
assert len(_LOCKED_LABELS) == len(LOCKED_COLUMNS)


def _percent(value, problems: list[str]) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    number: float | None = None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, (int, float)):
        number = float(value)
    elif isinstance(value, str):
        text = value.strip().rstrip("%").strip()
        if text.isdigit():
            number = float(text)
    if number is None:
        problems.append(_("Tiến độ «{value}» không phải là số; hãy ghi số nguyên từ 0 đến 100.").format(value=_text(value)))
        return None
    if not number.is_integer():
        problems.append(_("Tiến độ {value} không phải số nguyên; hãy ghi số nguyên từ 0 đến 100.").format(value=_text(value)))
        return None
    if not 0 <= number <= 100:
        problems.append(_("Tiến độ {value}% không hợp lệ: phải từ 0 đến 100.").format(value=int(number)))
        return None
    return int(number)


def _date(value, label: str, problems: list[str]) -> date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return parse_date(value.strip())
        except DateError:
            pass
    problems.append(_("{label} «{value}» không phải là ngày; hãy ghi dạng ngày/tháng/năm, ví dụ {example}.").format(
        label=_(label), value=_text(value), example=format_date(date(2026, 9, 15))))
    return None
