"""The names of operations: what the journal stores and what the Edit menu shows.

The journal keeps each operation's name in Vietnamese, the source language («Giao nhiệm vụ
«Rà soát…»»): a shared database is read by people using either language, and the audit trail
of an old database must stay readable. A name is shown in the current UI language by
:func:`display_name`, which recognises the template the name was built from (every template
is listed in :data:`TEMPLATES`, marked with ``N_`` for the catalog), translates the template and
puts the stored values back in. A name that matches no template (written by an older version)
is shown as stored.

Placeholders named ``count`` (or starting with ``count_``) are whole numbers: stored in the
Vietnamese form ("3.408") and shown in the UI language's ("3,408"). A placeholder named
``name`` holds another operation name, shown translated too ("Hoàn tác: {name}").
"""

from __future__ import annotations

import re
from functools import lru_cache
from string import Formatter

from ..core import numbers
from ..i18n import N_, _, format_int

# --- the templates ------------------------------------------------------------------------

UNDO = N_("Hoàn tác: {name}")
REDO = N_("Làm lại: {name}")
WITH_BACKUP = N_("{name} (sao lưu trước khi nhập: {backup})")

ADD_BODY = N_("Thêm cơ quan «{title}»")
EDIT_BODY = N_("Sửa cơ quan «{title}»")
DELETE_BODY = N_("Xóa cơ quan «{title}»")
ADD_DOCUMENT = N_("Thêm văn bản {title}")
EDIT_DOCUMENT = N_("Sửa văn bản {title}")
DELETE_DOCUMENT = N_("Xóa văn bản {title}")
ADD_PROGRAM = N_("Thêm chương trình «{title}»")
EDIT_PROGRAM = N_("Sửa chương trình «{title}»")
DELETE_PROGRAM = N_("Xóa chương trình «{title}»")
ADD_TASK = N_("Giao nhiệm vụ «{title}»")
EDIT_TASK = N_("Sửa nhiệm vụ «{title}»")
DELETE_TASK = N_("Xóa nhiệm vụ «{title}»")
REORDER_TASKS = N_("Sắp xếp lại nhiệm vụ")
REPORT_PROGRESS = N_("Báo cáo tiến độ nhiệm vụ «{title}»")
REPORT_DONE = N_("Ghi hoàn thành nhiệm vụ «{title}»")
CORRECT_PROGRESS = N_("Đính chính báo cáo tiến độ nhiệm vụ «{title}»")
CHANGE_SETTING = N_("Đổi thiết lập «{title}»")
SET_MEMBERS = N_("Ghi số đảng viên của «{title}»: {count} (đến {day})")
DELETE_MEMBERS = N_("Xóa số đảng viên của «{title}» tính đến {day}")
ADD_SESSION = N_("Thêm hội nghị «{title}»")
EDIT_SESSION = N_("Sửa hội nghị «{title}»")
DELETE_SESSION = N_("Xóa hội nghị «{title}»")
ADD_BRIDGE_POINT = N_("Thêm điểm cầu «{title}»")
ADD_BRIDGE_POINTS = N_("Thêm {count} điểm cầu")
EDIT_BRIDGE_POINT = N_("Sửa điểm cầu «{title}»")
DELETE_BRIDGE_POINT = N_("Xóa điểm cầu «{title}»")
SAVE_ATTENDANCE = N_("Lưu bảng dự hội nghị «{title}»")
IMPORT_DATA = N_("Nhập dữ liệu từ «{title}»")
IMPORT_DATA_COUNTS = N_("Nhập dữ liệu từ «{title}»: {count_tasks} nhiệm vụ, {count_programs} chương trình")
IMPORT_DATA_COUNTS_UNNAMED = N_("Nhập dữ liệu: {count_tasks} nhiệm vụ, {count_programs} chương trình")
IMPORT_TASKS = N_("Nhập nhiệm vụ từ «{title}»: {count} nhiệm vụ")
IMPORT_FORMS = N_("Nhập {count} phiếu báo cáo tiến độ")
IMPORT_FORM_ENTRIES = N_("Nhập phiếu báo cáo tiến độ: {count_entries} mục từ {count_forms} phiếu")

# The names an operation carries until it knows what it acts on (never stored: the journal
# entry is written with the first change, by which time the operation has renamed itself).
ADD_BODY_SHORT = N_("Thêm cơ quan")
EDIT_BODY_SHORT = N_("Sửa cơ quan")
DELETE_BODY_SHORT = N_("Xóa cơ quan")
ADD_DOCUMENT_SHORT = N_("Thêm văn bản")
EDIT_DOCUMENT_SHORT = N_("Sửa văn bản")
DELETE_DOCUMENT_SHORT = N_("Xóa văn bản")
ADD_PROGRAM_SHORT = N_("Thêm chương trình")
EDIT_PROGRAM_SHORT = N_("Sửa chương trình")
DELETE_PROGRAM_SHORT = N_("Xóa chương trình")
ADD_TASK_SHORT = N_("Giao nhiệm vụ")
EDIT_TASK_SHORT = N_("Sửa nhiệm vụ")
DELETE_TASK_SHORT = N_("Xóa nhiệm vụ")
REPORT_PROGRESS_SHORT = N_("Báo cáo tiến độ")
CORRECT_PROGRESS_SHORT = N_("Đính chính báo cáo tiến độ")
SET_MEMBERS_SHORT = N_("Ghi số đảng viên")
DELETE_MEMBERS_SHORT = N_("Xóa số đảng viên")
ADD_SESSION_SHORT = N_("Thêm hội nghị học tập")
EDIT_SESSION_SHORT = N_("Sửa hội nghị học tập")
DELETE_SESSION_SHORT = N_("Xóa hội nghị học tập")
ADD_BRIDGE_POINT_SHORT = N_("Thêm điểm cầu")
EDIT_BRIDGE_POINT_SHORT = N_("Sửa điểm cầu")
DELETE_BRIDGE_POINT_SHORT = N_("Xóa điểm cầu")
SAVE_ATTENDANCE_SHORT = N_("Lưu bảng dự hội nghị")
IMPORT_DATA_SHORT = N_("Nhập dữ liệu")

TEMPLATES: tuple[str, ...] = tuple(
    value for key, value in sorted(globals().items()) if key.isupper() and isinstance(value, str)
)


# --- building and showing -------------------------------------------------------------------

def _is_count(field: str) -> bool:
    return field == "count" or field.startswith("count_")


def _fields(template: str) -> list[str]:
    return [field for _literal, field, _spec, _conv in Formatter().parse(template) if field]


def stored_name(template: str, **values: object) -> str:
    """The Vietnamese name the journal keeps (numbers in the Vietnamese form)."""
    return template.format(**{k: numbers.format_int(v, locale="vi") if _is_count(k) and isinstance(v, int) else v
                              for k, v in values.items()})


# Templates whose ``title`` is itself a label of the catalog (a setting's name), not user text.
LABEL_TITLES = frozenset({CHANGE_SETTING})


def shown_name(template: str, **values: object) -> str:
    """The same name in the current UI language."""
    shown = {}
    for key, value in values.items():
        if _is_count(key) and isinstance(value, int):
            value = format_int(value)
        elif key == "name" and isinstance(value, str):
            value = display_name(value)
        elif key == "title" and template in LABEL_TITLES and isinstance(value, str):
            value = _(value)
        shown[key] = value
    return _(template).format(**shown)


@lru_cache(maxsize=None)
def _patterns() -> tuple[tuple[int, re.Pattern, str], ...]:
    patterns = []
    for template in TEMPLATES:
        regex, literal = [], 0
        for text, field, _spec, _conv in Formatter().parse(template):
            regex.append(re.escape(text))
            literal += len(text)
            if field:
                regex.append(rf"(?P<{field}>[\d.]+)" if _is_count(field) else f"(?P<{field}>.*)")
        patterns.append((literal, re.compile("".join(regex), re.DOTALL), template))
    # The template with the most fixed text first: «Nhập dữ liệu từ «x»: 3 nhiệm vụ, …» is not
    # «Nhập dữ liệu từ «{title}»» with a title that happens to hold a colon.
    return tuple(sorted(patterns, key=lambda p: -p[0]))


def display_name(stored: str) -> str:
    """A journal name in the current UI language (as stored if it matches no template)."""
    for _literal, pattern, template in _patterns():
        match = pattern.fullmatch(stored)
        if match is None:
            continue
        values: dict[str, object] = {}
        for key, value in match.groupdict().items():
            if _is_count(key):
                try:
                    values[key] = int(value.replace(".", ""))
                except ValueError:
                    values[key] = value
            else:
                values[key] = value
        return shown_name(template, **values)
    return stored

