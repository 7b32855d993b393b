"""The follow-up letter and the periodic report as LibreOffice prints them: converted to
PDF, read back with pdftotext, and their first pages rendered to PNG under
test-artifacts/ (report-page1.png, followup-page1.png) for a person to look at.

Like test_rendering.py: skipped without LibreOffice/poppler-utils except in CI."""

from __future__ import annotations

import os
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop_app.export import pdf as pdf_export
from desktop_app.export.followup_docx import export_followup
from desktop_app.export.report_docx import export_report
from desktop_app.reports.progress import dashboard
from desktop_app.store.models import Body

AS_OF = date(2024, 7, 1)
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def _need_tools() -> None:
    if pdf_export.find_soffice() and all(pdf_export.shutil.which(t) for t in ("pdftotext", "pdftoppm", "pdfinfo")):
        return
    if os.environ.get("CI") == "true":
        pytest.fail("CI must render the Word exports but LibreOffice/poppler-utils are missing: check .ci/run.")
    pytest.skip("LibreOffice or poppler-utils not installed (apt-get install libreoffice-writer-nogui poppler-utils).")


def _flat(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def test_report_renders_with_figures_and_landscape_appendix(demo_db, tmp_path):
    _need_tools()
    result = export_report(demo_db, date(2024, 1, 1), AS_OF, tmp_path / "bao-cao.docx", today=date(2024, 7, 5))
    pdf = pdf_export.convert_to_pdf(result.path)
    text = pdf_export.pdf_text(pdf)
    pages = text.split("\f")
    flat = _flat(text)
    board = dashboard(demo_db, AS_OF)
    assert "TỈNH ỦY LẠNG SƠN" in flat and "ĐẢNG CỘNG SẢN VIỆT NAM" in flat
    assert "BÁO CÁO" in flat and "(Kỳ báo cáo từ ngày 01/01/2024 đến ngày 01/07/2024)" in flat
    assert f"tổng số nhiệm vụ được giao là {board.overall.assigned}" in flat
    assert "I- KẾT QUẢ CHUNG" in _flat(pages[0])  # the first page holds the start of the figures
    assert "PHỤ LỤC" in flat and "T/M BAN THƯỜNG VỤ" in flat
    assert _flat(pages[1]).startswith("2")  # page numbers from page 2
    appendix = next(i for i, page in enumerate(pages) if "PHỤ LỤC" in page) + 1
    ARTIFACTS.mkdir(exist_ok=True)
    first = pdf_export.pdf_page_png(pdf, 1, ARTIFACTS / "report-page1", dpi=70)
    annex = pdf_export.pdf_page_png(pdf, appendix, ARTIFACTS / "report-appendix", dpi=60)
    assert first.name == "report-page1.png" and first.stat().st_size > 5_000 and annex.stat().st_size > 5_000


def test_followup_renders_on_letter_pages(demo_db, tmp_path):
    _need_tools()
    with demo_db.read() as s:
        body_id = s.scalar(select(Body.id).where(Body.code == "BCSĐ"))
    result = export_followup(demo_db, body_id, AS_OF, tmp_path / "cong-van.docx", today=date(2024, 7, 2))
    pdf = pdf_export.convert_to_pdf(result.path)
    flat = _flat(pdf_export.pdf_text(pdf))
    assert pdf_export.pdf_pages(pdf) <= 3
    for expected in ("TỈNH ỦY LẠNG SƠN", "VĂN PHÒNG", "-CV/VPTU", "V/v đôn đốc thực hiện nhiệm vụ",
                     "Kính gửi: Ban cán sự đảng Ủy ban nhân dân tỉnh", "Nhiệm vụ quá hạn chưa hoàn thành",
                     "Nhiệm vụ sắp đến hạn", "T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG", "Nơi nhận:"):
        assert expected in flat, expected
    ARTIFACTS.mkdir(exist_ok=True)
    first = pdf_export.pdf_page_png(pdf, 1, ARTIFACTS / "followup-page1", dpi=70)
    assert first.name == "followup-page1.png" and first.stat().st_size > 5_000
