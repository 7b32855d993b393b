"""The Word files as LibreOffice prints them: converted to PDF, read back with pdftotext,
and pages rendered to PNG under test-artifacts/ so a person can look at them.

Needs LibreOffice and poppler-utils; without them these tests are skipped with the reason,
except in CI (CI=true), where .ci/run installs them and a missing tool is a failure."""

from __future__ import annotations

import random
import string
import unicodedata

import pytest
from sqlalchemy import select

from desktop_app.export import pdf as pdf_export
from desktop_app.export.program_docx import export_program
from desktop_app.ops import programs as program_ops
from desktop_app.ops import tasks as task_ops
from desktop_app.store.models import Document, Program, ProgramDocument, Task
from desktop_app.ops.fields import ProgramFields, TaskFields
from rendering_support import ARTIFACTS, need_tools


@pytest.fixture
def demo(demo_db):
    return demo_db


def _program(db, symbol: str) -> int:
    with db.read() as s:
        return s.scalar(select(ProgramDocument.program_id).join(Document).where(Document.symbol == symbol))


def _pages(text: str) -> list[str]:
    return text.split("\f")


def _flat(text: str) -> str:
    """pdftotext breaks lines and pads with spaces: compare on single-spaced NFC text."""
    return " ".join(unicodedata.normalize("NFC", text).split())


@pytest.mark.parametrize("profile", ["hd36", "nd30"])
def test_issued_programme_renders_completely(demo, tmp_path, profile):
    need_tools()
    program_id = _program(demo, "42-NQ/TW")
    result = export_program(demo, program_id, tmp_path / f"ctr-42-{profile}.docx", profile=profile)
    pdf = pdf_export.convert_to_pdf(result.path)
    text = pdf_export.pdf_text(pdf)
    flat = _flat(text)
    pages = _pages(text)
    assert 2 <= pdf_export.pdf_pages(pdf) <= 30
    national = "ĐẢNG CỘNG SẢN VIỆT NAM" if profile == "hd36" else "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert national in flat and "TỈNH ỦY LẠNG SƠN" in flat
    assert "CHƯƠNG TRÌNH HÀNH ĐỘNG" in flat
    assert "Lạng Sơn, ngày 20 tháng 3 năm 2024" in flat
    assert ("Số 15-CTr/TU" if profile == "hd36" else "Số: 15/CTr") in flat or "15-CTr/TU" in flat
    for heading in ("MỤC ĐÍCH, YÊU CẦU", "MỤC TIÊU", "NHIỆM VỤ, GIẢI PHÁP", "TỔ CHỨC THỰC HIỆN"):
        assert heading in flat, heading
    assert "PHỤ LỤC" in flat
    with demo.read() as s:
        contents = list(s.scalars(select(Task.content).where(Task.program_id == program_id)))
    for content in contents:
        assert _flat(content)[:60] in flat, content[:60]
    # page numbers: none on page 1, "2" at the top of page 2
    assert _flat(pages[1]).startswith("2")
    appendix = next(i for i, page in enumerate(pages) if "PHỤ LỤC" in page) + 1
    ARTIFACTS.mkdir(exist_ok=True)
    first = pdf_export.pdf_page_png(pdf, 1, ARTIFACTS / f"program-42-{profile}-page1", dpi=60)
    annex = pdf_export.pdf_page_png(pdf, appendix, ARTIFACTS / f"program-42-{profile}-appendix", dpi=60)
    assert first.stat().st_size > 5_000 and annex.stat().st_size > 5_000


def test_classified_draft_renders_with_draft_marks(demo, tmp_path):
    need_tools()
    result = export_program(demo, _program(demo, "44-NQ/TW"), tmp_path / "du-thao-44.docx")
    flat = _flat(pdf_export.pdf_text(pdf_export.convert_to_pdf(result.path)))
    assert "DỰ THẢO" in flat and "Lần 2" in flat and "MẬT" in flat
    assert "-CTr/TU" in flat and "15-CTr/TU" not in flat  # no number yet


def _random_text(rng: random.Random, length: int) -> str:
    pieces = string.ascii_letters + "ăâđêôơưĂÂĐÊÔƠƯáàảãạấầẩẫậếềểễệốồổỗộớờởỡợứừửữự \n\t.,;:-()/«»\"'" + \
        "".join(map(chr, range(0, 32))) + "\ufffe\ud800\u2028"
    return "".join(rng.choice(pieces) for _ in range(length))


def test_random_unicode_documents_open_in_libreoffice(sqlite_db, tmp_path):
    """Control characters, very long words, empty sections, 2,000-character contents: the
    file always opens in LibreOffice (here: it converts to a PDF with pages)."""
    need_tools()
    rng = random.Random(20241124)
    files = []
    for n in range(6):
        program_id = program_ops.create_program(sqlite_db, _random_text(rng, 200) or "x",
                                                ProgramFields(opening_text=_random_text(rng, rng.choice([0, 3000])), purpose_text="W" * 5000 if n % 2 else "", objectives_text=_random_text(rng, 500))).entity_id
        for _ in range(rng.randint(0, 12)):
            task_ops.create_task(sqlite_db, program_id, _random_text(rng, 2000) or "y", TaskFields(group_title=_random_text(rng, 40), product=_random_text(rng, 30)))
        files.append(export_program(sqlite_db, program_id, tmp_path / f"random-{n}.docx").path)
    for pdf in pdf_export.convert_many(files, tmp_path / "pdf"):
        assert pdf.exists(), f"LibreOffice could not open {pdf.stem}.docx"
        assert pdf_export.pdf_pages(pdf) >= 1
    with sqlite_db.read() as s:
        assert s.scalar(select(Program.id).limit(1)) is not None
