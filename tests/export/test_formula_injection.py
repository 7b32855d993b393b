"""Formula injection: text that looks like a formula is written to every .xlsx as text.

A task whose content (or group, product, evidence, note, body name…) starts with "=" must
reach Excel as the same text, never as a formula (no ``<f>`` element in the sheet XML)."""

from __future__ import annotations

import json
import re
import zipfile
from datetime import date

import openpyxl
import pytest

from desktop_app.cli import main
from desktop_app.export.report_xlsx import export_report_xlsx
from desktop_app.export.table_export import write_table_xlsx
from desktop_app.ops.interchange import import_file
from desktop_app.reports.tasks import list_tasks
from desktop_app.resources import DEMO_FILE
from desktop_app.store.db import open_database

INJECTIONS = ["=cmd|' /C calc'!A0", '=HYPERLINK("http://x","y")', "=1+1", "=SUM(A1:A9)"]


@pytest.fixture
def injected_db(tmp_path):
    data = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    lead = data["programs"][0]["tasks"][0]["lead_body"]
    for body in data["bodies"]:
        if body["key"] == lead:
            body["name"] = INJECTIONS[1]
    for n, task in enumerate(data["programs"][0]["tasks"][:4]):
        a, b = INJECTIONS[n % 4], INJECTIONS[(n + 1) % 4]
        task.update(content=a, group=b, product=a, note=b, deadline=task["deadline"])
        for entry in task["progress"]:
            entry.update(evidence=a, note=b, reported_by=a)
    source = tmp_path / "injected.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    db = open_database(tmp_path / "injected.sqlite3", create=True)
    import_file(db, source)
    yield db
    db.close()


def _formulas(path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")]
        assert sheets
        return [m for n in sheets for m in re.findall(r"<(?:\w+:)?f[ >/][^<]*", z.read(n).decode("utf-8"))]


def _texts(path) -> set[str]:
    book = openpyxl.load_workbook(path)
    found = set()
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    found.add(cell.value)
    return found


def test_report_xlsx_writes_formula_like_text_as_text(injected_db, tmp_path):
    path = export_report_xlsx(injected_db, date(2024, 1, 1), date(2024, 7, 1), tmp_path / "r.xlsx").path
    assert _formulas(path) == []
    assert set(INJECTIONS) <= _texts(path)  # read back exactly as typed


def test_cli_report_xlsx_has_no_formula(injected_db, tmp_path, capsys):
    out = tmp_path / "x.xlsx"
    assert main(["report", "--db", str(injected_db.path), "--from", "01/01/2024", "--to", "01/07/2024",
                 "-o", str(out)]) == 0
    assert _formulas(out) == []
    assert set(INJECTIONS) <= _texts(out)


def test_list_export_writes_formula_like_text_as_text(injected_db, tmp_path):
    rows = list_tasks(injected_db, date(2024, 7, 1), with_coordinators=True)
    table = [[r.content, r.group_title, r.lead_body_name, r.product, r.due_date, r.last_percent] for r in rows]
    path = write_table_xlsx(tmp_path / "ds.xlsx", INJECTIONS[2], ["=Nội dung", "Nhóm", "Chủ trì", "Sản phẩm",
                                                                   "Hạn", "%"], table, subtitle=INJECTIONS[3])
    assert _formulas(path) == []
    assert set(INJECTIONS) | {"=Nội dung"} <= _texts(path)
