"""The report-collection forms: one Excel workbook per lead body (``reports.collection``
gives the rows; this module only lays them out, it runs no query).

The visible sheet has the identifying columns locked by sheet protection and the input
cells (percent, completion date, the body's report reference, a note) unlocked, with
data validation. The task key (id and fingerprint) is in hidden column A; the form's
identity and a copy of the locked cells are in a very hidden sheet (``KEY_SHEET``),
which the importer compares with what comes back. Printable: landscape A4, the header
row repeated on every page, fitted to the page width.
"""

from __future__ import annotations

import re
import uuid
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ..core.collection_form import (
    COLUMN_INDEX, COLUMNS, EARLIEST_DATE, FIRST_TASK_ROW, FORM_FORMAT, FORM_SHEET, HEADER_ROW, KEY_COLUMN,
    KEY_SHEET, LATEST_DATE, LOCKED_COLUMNS, REFERENCE_CELL, REPORT_DATE_CELL, locked_digests, row_key,
)
from ..core.dates import format_date
from ..core.text import clean_control, fold, nfc
from ..reports.collection import BodyForm, CollectionRound
from .program_docx import save_atomically
from .xlsx_text import put

__all__ = ["write_collection_forms", "build_form", "form_file_name", "SHEET_PASSWORD"]

# Sheet protection keeps honest hands off the locked cells; it is no security (the importer
# checks the locked cells against its hidden copy all the same).
SHEET_PASSWORD = "nqdesk"
DATE_FORMAT = "dd/mm/yyyy"
_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
_INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
_UNLOCKED = Protection(locked=False)
_LOCKED_STYLE, _INPUT_STYLE, _INPUT_DATE_STYLE = "Phiếu: cột khóa", "Phiếu: ô nhập", "Phiếu: ô nhập ngày"  # document text


def _text(value) -> str:
    return clean_control(nfc(value or ""))


def _lines(value, width: float) -> int:
    """Lines a wrapped cell of *width* characters needs (a rough count; Vietnamese letters in
    the default font are about one character width each)."""
    text = "" if value is None else str(value)
    per_line = max(int(width * 1.1) - 1, 1)
    return sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))


def form_file_name(form: BodyForm, as_of: date) -> str:
    """"phieu-bao-cao-2026-12-06-BTGTU.xlsx": the body's code (or its folded name), safe on any disk."""
    label = re.sub(r"[^A-Za-z0-9]+", "-", fold(form.body_code or form.body_name)).strip("-")[:60] or str(form.body_id)
    if form.body_code:
        label = label.upper()
    return f"phieu-bao-cao-{as_of.isoformat()}-{label}.xlsx"


def build_form(form: BodyForm, as_of: date, form_id: str) -> Workbook:  # document text
    wb = Workbook()
    ws = wb.active
    ws.title = FORM_SHEET
    last_col = len(COLUMNS)
    last_letter = get_column_letter(last_col)
    put(ws, 1, 1, "PHIẾU BÁO CÁO TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ").font = Font(bold=True, size=14)
    ws.merge_cells(f"A1:{last_letter}1")
    put(ws, 2, 1, "Cơ quan chủ trì: " + _text(form.body_name)).font = Font(bold=True)
    ws.merge_cells(f"A2:{last_letter}2")
    put(ws, 3, 1, f"Tình hình thực hiện đến ngày {format_date(as_of)}")
    ws.merge_cells(f"A3:{last_letter}3")
    for cell, label in ((REFERENCE_CELL, "Số, ký hiệu văn bản báo cáo của cơ quan:"),
                        (REPORT_DATE_CELL, "Ngày văn bản báo cáo:")):
        row = ws[cell].row
        put(ws, row, 2, label).alignment = Alignment(horizontal="left")
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=ws[cell].column - 1)
        ws[cell].protection = _UNLOCKED
        ws[cell].fill = _INPUT_FILL
        ws[cell].border = _BORDER
    ws[REPORT_DATE_CELL].number_format = DATE_FORMAT
    put(ws, 6, 1, "Cách điền: chỉ điền các cột nền vàng. Tiến độ là số nguyên từ 0 đến 100; nhiệm vụ đã xong thì "
                  "ghi ngày hoàn thành (tiến độ để trống hoặc 100). Nhiệm vụ chưa có gì mới thì để trống cả dòng. "
                  "Không sửa các cột khác, không thêm, xóa hay sắp xếp lại dòng.").alignment = Alignment(wrap_text=True)
    ws.merge_cells(f"A6:{last_letter}6")
    ws.row_dimensions[6].height = 32

    for i, (_key, header, width) in enumerate(COLUMNS, start=1):
        cell = put(ws, HEADER_ROW, i, header)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.border = _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.column_dimensions[get_column_letter(KEY_COLUMN)].hidden = True

    keys = wb.create_sheet(KEY_SHEET)
    keys.sheet_state = "veryHidden"
    for r, (name, value) in enumerate((("format", FORM_FORMAT), ("form_id", form_id), ("body_id", form.body_id),
                                       ("body_name", _text(form.body_name)), ("body_code", _text(form.body_code)),
                                       ("as_of", as_of.isoformat()), ("tasks", len(form.tasks))), start=1):
        put(keys, r, 1, name)
        put(keys, r, 2, value)
    key_header = 10  # then one row per task: its key, and the digests of its locked cells as written
    put(keys, key_header, 1, "key")
    put(keys, key_header, 2, ",".join(LOCKED_COLUMNS))

    # Named styles, set by name: assigning style objects cell by cell makes openpyxl hash them
    # every time, which was four fifths of the time to write a round of 7,000 tasks.
    wrap = Alignment(vertical="top", wrap_text=True)
    for style in (NamedStyle(_LOCKED_STYLE, alignment=wrap, border=_BORDER),
                  NamedStyle(_INPUT_STYLE, alignment=wrap, border=_BORDER, fill=_INPUT_FILL, protection=_UNLOCKED),
                  NamedStyle(_INPUT_DATE_STYLE, alignment=wrap, border=_BORDER, fill=_INPUT_FILL,
                             protection=_UNLOCKED, number_format=DATE_FORMAT)):
        wb.add_named_style(style)
    for n, task in enumerate(form.tasks, start=1):
        row = FIRST_TASK_ROW + n - 1
        values = {
            "key": row_key(task.task_id, task.fingerprint), "number": n, "program": _text(task.program_label),
            "content": _text(task.content), "deadline": _text(task.deadline), "status": task.status_label,
            "last_percent": task.last_percent,
        }
        for key, value in values.items():
            put(ws, row, COLUMN_INDEX[key], value).style = _LOCKED_STYLE
        for key in ("percent", "reference", "note"):
            ws.cell(row, COLUMN_INDEX[key]).style = _INPUT_STYLE
        ws.cell(row, COLUMN_INDEX["completed_on"]).style = _INPUT_DATE_STYLE
        # Excel and LibreOffice do not grow a row to its wrapped text on opening: give it the
        # height of its longest cell, leaving room for a two-line answer in the note.
        lines = max([2] + [_lines(values[key], width) for key, _h, width in COLUMNS if key in values])
        ws.row_dimensions[row].height = 15 * lines + 2
        put(keys, key_header + n, 1, values["key"])
        put(keys, key_header + n, 2, ",".join(locked_digests([values[name] for name in LOCKED_COLUMNS])))

    last_row = FIRST_TASK_ROW + max(len(form.tasks), 1) - 1
    _validate(ws, last_row)
    ws.row_dimensions[HEADER_ROW].height = 62
    ws.freeze_panes = ws.cell(FIRST_TASK_ROW, COLUMN_INDEX["number"])
    ws.protection.sheet = True
    ws.protection.password = SHEET_PASSWORD
    ws.protection.formatRows = False  # row heights may be changed, to read long notes
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.print_area = f"B1:{last_letter}{last_row}"
    return wb


def _validate(ws, last_row: int) -> None:  # document text
    def column(key: str) -> str:
        letter = get_column_letter(COLUMN_INDEX[key])
        return f"{letter}{FIRST_TASK_ROW}:{letter}{last_row}"

    percent = DataValidation(type="whole", operator="between", formula1="0", formula2="100", allow_blank=True,
                             showErrorMessage=True, errorTitle="Tiến độ không hợp lệ",
                             error="Tiến độ là số nguyên từ 0 đến 100.")
    percent.add(column("percent"))
    first, last = EARLIEST_DATE.strftime("%Y,%m,%d"), LATEST_DATE.strftime("%Y,%m,%d")
    day = DataValidation(type="date", operator="between", formula1=f"DATE({first})", formula2=f"DATE({last})",
                         allow_blank=True, showErrorMessage=True, errorTitle="Ngày không hợp lệ",
                         error="Hãy ghi một ngày, dạng ngày/tháng/năm, ví dụ 15/09/2026.")
    day.add(column("completed_on"))
    day.add(REPORT_DATE_CELL)
    for v in (percent, day):
        ws.add_data_validation(v)


def write_collection_forms(round_: CollectionRound, folder: str | Path, *, progress=None) -> list[Path]:
    """Write one form per body of *round_* into *folder*; the paths written, in order.
    ``progress(done, total)`` is called after each form (for the GUI's progress)."""
    folder = Path(folder)
    paths = []
    total = len(round_.forms)
    used: set[str] = set()
    for n, form in enumerate(round_.forms, start=1):
        name = form_file_name(form, round_.as_of)
        if name.lower() in used:  # two bodies whose codes fold alike
            name = name[:-5] + f"-{form.body_id}.xlsx"
        used.add(name.lower())
        target = folder / name
        save_atomically(build_form(form, round_.as_of, uuid.uuid4().hex[:12]), target)
        paths.append(target)
        if progress is not None:
            progress(n, total)
    return paths
