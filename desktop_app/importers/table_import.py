"""One entry to read a Word programme, an Excel sheet or pasted rows into a
:class:`~.table_plan.TablePlan` (the preview). Pure: the database's bodies are passed in.

No Qt.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..i18n import _
from .body_names import KnownBody
from .docx_reader import ReadError, read_docx, read_header
from .pasted import DEFAULT_COLUMNS, read_pasted
from .table_plan import ProgramHeader, TablePlan
from .tables import build_plan, find_header
from .xlsx_reader import read_xlsx

SUFFIXES = (".docx", ".xlsx")


def is_table_file(path: str | Path) -> bool:
    return Path(path).suffix.lower() in SUFFIXES


def plan_from_file(path: str | Path, bodies: list[KnownBody], *, as_of: date,
                   columns: dict[str, int] | None = None) -> TablePlan:
    """Read *path* (.docx or .xlsx) and understand its tasks; *columns* overrides the
    detected column mapping (field → column index)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".docx":
        doc = read_docx(path)
        header, issuing, warnings = read_header(doc)
        plan = build_plan(doc.tables, bodies, source_name=path.name, as_of=as_of, header=header,
                          issuing_body=issuing, columns=columns)
        plan.warnings[:0] = warnings
        return plan
    if suffix == ".xlsx":
        tables, title = read_xlsx(path)
        plan = build_plan(tables, bodies, source_name=path.name, as_of=as_of, header=ProgramHeader(title=title),
                          columns=columns)
        return plan
    raise ReadError(_("Không nhập được tệp «{name}»: chỉ nhận tệp .json, .docx hoặc .xlsx.").format(name=path.name))


def plan_from_text(text: str, bodies: list[KnownBody], *, as_of: date,
                   columns: dict[str, int] | None = None) -> TablePlan:
    """Pasted rows: with a header row its titles decide the columns, otherwise *columns*
    (by default the program's own order: STT, content, lead, coordinators, product, deadline, note)."""
    table = read_pasted(text)
    if columns is None and find_header(table.rows) is None:
        columns = DEFAULT_COLUMNS
    return build_plan([table], bodies, source_name=_("phần dán"), as_of=as_of, columns=columns)
