"""``nqdesk report`` and ``nqdesk followup``."""

from __future__ import annotations

import json

import docx
import openpyxl
import pytest
from sqlalchemy import select

from desktop_app.cli import main
from desktop_app.export.report_docx import read_report_figures
from desktop_app.export.report_xlsx import TRACKING_SHEET
from desktop_app.store.db import sqlite_backup, open_database
from desktop_app.store.models import Program


@pytest.fixture
def demo_file(demo_template, tmp_path):
    """A private copy of the demo database (imported once per session, conftest.demo_template)."""
    path = tmp_path / "demo.sqlite3"
    sqlite_backup(demo_template, path)
    return path


def _run(demo_file, *args) -> int:
    return main(["--db", str(demo_file), *args])


def test_report_docx_agrees_with_stats_json(capsys, demo_file, tmp_path):
    out = tmp_path / "bao-cao.docx"
    assert _run(demo_file, "report", "--from", "01/01/2024", "--to", "01/07/2024", "-o", str(out)) == 0
    assert "Đã xuất" in capsys.readouterr().out
    assert _run(demo_file, "stats", "--as-of", "01/07/2024", "--json") == 0
    stats = json.loads(capsys.readouterr().out)
    figures = read_report_figures(out)
    assert figures["overall"] == stats["overall"]
    assert figures["by_body"] == {b.pop("name"): {k: v for k, v in b.items() if k != "body_id"}
                                  for b in stats["by_body"]}


def test_report_xlsx_for_one_programme_by_number(capsys, demo_file, tmp_path):
    out = tmp_path / "theo-doi.xlsx"
    assert _run(demo_file, "report", "--from", "2024-01-01", "--to", "2024-07-01", "--program", "15",
                "-o", str(out)) == 0
    capsys.readouterr()
    db = open_database(demo_file)
    with db.read() as s:
        program_id = s.scalar(select(Program.id).where(Program.number == 15))
    db.close()
    assert _run(demo_file, "stats", "--as-of", "01/07/2024", "--json", "--program", str(program_id)) == 0
    stats = json.loads(capsys.readouterr().out)
    ws = openpyxl.load_workbook(out)[TRACKING_SHEET]
    assert ws.max_row - 4 == stats["overall"]["assigned"]
    assert {ws.cell(r, 2).value for r in range(5, ws.max_row + 1)} == {"Chương trình hành động số 15-CTr/TU"}


def test_report_refuses_bad_input_without_traceback(capsys, demo_file, tmp_path):
    assert _run(demo_file, "report", "--from", "01/08/2024", "--to", "01/07/2024", "-o", str(tmp_path / "x.docx")) == 2
    assert "ngày đầu kỳ" in capsys.readouterr().err
    assert _run(demo_file, "report", "--from", "01/01/2024", "--to", "01/07/2024", "-o", str(tmp_path / "x.pdf")) == 2
    assert ".docx" in capsys.readouterr().err
    assert _run(demo_file, "report", "--from", "01/01/2024", "--to", "01/07/2024", "--program", "99",
                "-o", str(tmp_path / "x.docx")) == 1
    err = capsys.readouterr().err
    assert "Không có chương trình" in err and "Traceback" not in err
    with pytest.raises(SystemExit) as exc:
        _run(demo_file, "report", "--from", "ngày mai", "--to", "01/07/2024", "-o", str(tmp_path / "x.docx"))
    assert exc.value.code == 2
    assert not list(tmp_path.glob("x.*"))


def test_followup_by_code_and_by_id(capsys, demo_file, tmp_path):
    out = tmp_path / "cv"
    assert _run(demo_file, "followup", "--body", "BCSĐ", "--as-of", "01/07/2024", "-o", str(out)) == 0
    document = docx.Document(str(tmp_path / "cv.docx"))
    assert "Kính gửi: Ban cán sự đảng Ủy ban nhân dân tỉnh" in [p.text for p in document.paragraphs]
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in document.tables[0].cell(0, 1).text
    capsys.readouterr()
    assert _run(demo_file, "list", "bodies", "--json") == 0
    bodies = json.loads(capsys.readouterr().out)
    sgd = next(b for b in bodies if b.get("code") == "SGDĐT")
    out = tmp_path / "cv-sgd.docx"
    assert _run(demo_file, "followup", "--body", str(sgd["id"]), "--as-of", "01/07/2024", "-o", str(out)) == 0
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in docx.Document(str(out)).tables[0].cell(0, 1).text


def test_followup_errors(capsys, demo_file, tmp_path):
    assert _run(demo_file, "followup", "--body", "ĐUK", "--as-of", "01/07/2024", "-o", str(tmp_path / "a.docx")) == 1
    assert "không cần gửi công văn đôn đốc" in capsys.readouterr().err
    assert _run(demo_file, "followup", "--body", "KHONGCO", "--as-of", "01/07/2024", "-o", str(tmp_path / "a.docx")) == 1
    assert "Không có cơ quan" in capsys.readouterr().err
    assert _run(demo_file, "followup", "--body", "BCSĐ", "--as-of", "01/07/2024", "-o", str(tmp_path / "a.xlsx")) == 2
    assert ".docx" in capsys.readouterr().err
    assert not list(tmp_path.glob("a.*"))
