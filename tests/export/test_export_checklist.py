"""The checklist before export, from the command line, and the signature block kept with
the text before it in the Word XML."""

from __future__ import annotations

import pytest
from docx.oxml.ns import qn
from sqlalchemy import select

from desktop_app.cli import main
from desktop_app.export.official_parts import keep_with_next
from desktop_app.export.program_docx import render_program
from desktop_app.ops import programs as program_ops
from desktop_app.reports.program_data import ProgramData
from desktop_app.store.db import open_database, sqlite_backup
from desktop_app.store.models import Program
from desktop_app.ops.fields import ProgramFields


@pytest.fixture
def demo_file(demo_template, tmp_path):
    path = tmp_path / "demo.sqlite3"
    sqlite_backup(demo_template, path)
    return path


def _blank_signer(path) -> None:
    db = open_database(path)
    try:
        with db.read() as s:
            program_id = s.scalar(select(Program.id).where(Program.number == 15))
        program_ops.update_program(db, program_id, ProgramFields(signer_name="", signer_title=""))
    finally:
        db.close()


def test_cli_prints_the_findings_and_exports(capsys, demo_file, tmp_path):
    _blank_signer(demo_file)
    out = tmp_path / "p.docx"
    assert main(["--db", str(demo_file), "export", "program", "15", "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert "Cần xem lại: Chưa ghi họ tên người ký" in captured.err
    assert "Cần xem lại: Chưa ghi chức vụ người ký" in captured.err
    assert out.exists()


def test_cli_strict_refuses(capsys, demo_file, tmp_path):
    _blank_signer(demo_file)
    out = tmp_path / "p.docx"
    assert main(["--db", str(demo_file), "export", "program", "15", "-o", str(out), "--strict"]) == 1
    err = capsys.readouterr().err
    assert "Không xuất (--strict): còn 2 điều cần sửa" in err and "Traceback" not in err
    assert not out.exists()


def test_cli_strict_exports_a_complete_programme(capsys, demo_file, tmp_path):
    out = tmp_path / "p.docx"
    assert main(["--db", str(demo_file), "export", "program", "15", "-o", str(out), "--strict"]) == 0
    assert "Cần xem lại" not in capsys.readouterr().err
    assert out.exists()


# --- the signature block never alone on a page ---------------------------------------------

def _keeps(paragraph) -> bool:
    ppr = paragraph.find(qn("w:pPr"))
    return ppr is not None and ppr.find(qn("w:keepNext")) is not None


def _signature_neighbourhood(document):
    """(the block before the signature's empty line, that line, the signature table)."""
    body = document.element.body
    blocks = [c for c in body if c.tag in (qn("w:p"), qn("w:tbl"))]
    tables = [i for i, b in enumerate(blocks) if b.tag == qn("w:tbl")
              and "Nơi nhận" in "".join(t.text or "" for t in b.iter(qn("w:t")))]
    i = tables[-1]
    return blocks[i - 2], blocks[i - 1], blocks[i]


def test_programme_signature_keeps_with_the_text_before_it():
    data = ProgramData(id=1, title="thực hiện Nghị quyết", purpose_text="Đoạn cuối của mục I.",
                       signer_title="BÍ THƯ", signer_name="A", recipients=("Như trên,",))
    document, _warnings = render_program(data)
    before, pad, table = _signature_neighbourhood(document)
    assert "Đoạn cuối của mục I" in "".join(t.text or "" for t in before.iter(qn("w:t")))
    assert _keeps(before) and _keeps(pad)
    rows = table.findall(qn("w:tr"))
    assert len(rows) == 1 and rows[0].find(qn("w:trPr")).find(qn("w:cantSplit")) is not None


def test_keep_with_next_on_a_table_marks_its_last_row_and_is_idempotent():
    from docx import Document

    document = Document()
    table = document.add_table(rows=2, cols=2)
    keep_with_next(table._tbl)
    keep_with_next(table._tbl)
    rows = table._tbl.findall(qn("w:tr"))
    assert all(_keeps(p) for p in rows[-1].iter(qn("w:p")))
    assert not any(_keeps(p) for p in rows[0].iter(qn("w:p")))
    assert all(len(p.find(qn("w:pPr")).findall(qn("w:keepNext"))) == 1 for p in rows[-1].iter(qn("w:p")))
    keep_with_next(None)  # nothing before the block: nothing to do


@pytest.mark.parametrize("args", [
    ["report", "--from", "01/01/2024", "--to", "01/07/2024"],
    ["followup", "--body", "BCSĐ", "--as-of", "01/07/2024"],
])
def test_report_and_letter_signatures_keep_with_the_text_before(capsys, demo_file, tmp_path, args):
    from docx import Document

    out = tmp_path / "out.docx"
    assert main(["--db", str(demo_file), *args, "-o", str(out)]) == 0
    before, pad, table = _signature_neighbourhood(Document(str(out)))
    if before.tag == qn("w:tbl"):  # a table ends the text: its last row keeps with the signature
        assert all(_keeps(p) for p in before.findall(qn("w:tr"))[-1].iter(qn("w:p")))
    else:
        assert _keeps(before)
    assert _keeps(pad)
    assert table.findall(qn("w:tr"))[0].find(qn("w:trPr")).find(qn("w:cantSplit")) is not None
