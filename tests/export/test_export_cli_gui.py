"""Word export from the command line and from the main window."""

from __future__ import annotations


import pytest
from docx import Document as DocxDocument
from sqlalchemy import select

from desktop_app.cli import main
from desktop_app.export import pdf as pdf_export
from desktop_app.store.db import sqlite_backup, open_database
from desktop_app.store.models import Program


@pytest.fixture
def demo_file(demo_template, tmp_path):
    """A private copy of the demo database (imported once per session, conftest.demo_template)."""
    path = tmp_path / "demo.sqlite3"
    sqlite_backup(demo_template, path)
    return path


def _all_text(path) -> str:
    doc = DocxDocument(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


@pytest.mark.parametrize("key", ["15", "15-CTr/TU"])
def test_cli_exports_by_number(capsys, demo_file, tmp_path, key):
    out = tmp_path / "ctr15.docx"
    assert main(["--db", str(demo_file), "export", "program", key, "-o", str(out)]) == 0
    assert "Đã xuất" in capsys.readouterr().out
    assert "15-CTr/TU" in _all_text(out)


def test_cli_exports_by_id_with_nd30_profile(capsys, demo_file, tmp_path):
    db = open_database(demo_file)
    with db.read() as s:
        program_id = s.scalar(select(Program.id).where(Program.number == 16))
    db.close()
    out = tmp_path / "ctr16"
    assert main(["--db", str(demo_file), "export", "program", str(program_id), "-o", str(out), "--profile", "nd30"]) == 0
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in _all_text(tmp_path / "ctr16.docx")


def test_cli_export_errors_are_clear(capsys, demo_file, tmp_path):
    assert main(["--db", str(demo_file), "export", "program", "999", "-o", str(tmp_path / "x.docx")]) == 1
    assert "Không có chương trình" in capsys.readouterr().err
    assert main(["--db", str(demo_file), "export", "program", "15", "-o", str(tmp_path / "x.docx"),
                 "--profile", "khong-co"]) == 1
    err = capsys.readouterr().err
    assert "khong-co" in err and "Traceback" not in err
    assert main(["--db", str(demo_file), "export", "program", "15", "-o", str(tmp_path / "no" / "dir" / "x.docx")]) == 1


def test_cli_pdf(capsys, demo_file, tmp_path):
    if pdf_export.find_soffice() is None:
        pytest.skip("LibreOffice not installed")
    out = tmp_path / "ctr15.docx"
    assert main(["--db", str(demo_file), "export", "program", "15", "-o", str(out), "--pdf"]) == 0
    assert (tmp_path / "ctr15.pdf").exists()


def test_cli_profiles_copy_and_use(capsys, demo_file, tmp_path):
    assert main(["profiles"]) == 0
    listed = capsys.readouterr().out
    assert "hd36\t" in listed and "nd30\t" in listed
    assert main(["profile-copy", "hd36", "tinh-thu"]) == 0
    path = capsys.readouterr().out.split(": ", 1)[1].splitlines()[0].strip()
    import json
    from pathlib import Path

    data = json.loads(Path(path).read_text(encoding="utf-8"))
    data["page"]["margin_left_mm"] = 35
    Path(path).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["profiles"]) == 0 and "tinh-thu" in capsys.readouterr().out
    out = tmp_path / "copy.docx"
    assert main(["--db", str(demo_file), "export", "program", "15", "-o", str(out), "--profile", "tinh-thu"]) == 0
    doc = DocxDocument(str(out))
    assert round(doc.sections[0].left_margin.mm) == 35
    assert main(["profile-copy", "khong-co", "x"]) == 1
