"""What the tests that render Word files through LibreOffice share."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop_app.export import pdf as pdf_export

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"  # the PNGs a person looks at


def need_tools() -> None:
    """LibreOffice and poppler-utils: a failure in CI (which must render), a skip elsewhere."""
    if pdf_export.find_soffice() and all(pdf_export.shutil.which(t) for t in ("pdftotext", "pdftoppm", "pdfinfo")):
        return
    if os.environ.get("CI") == "true":
        pytest.fail("CI must render the Word exports but LibreOffice/poppler-utils are missing: check .ci/run.")
    pytest.skip("LibreOffice or poppler-utils not installed (apt-get install libreoffice-writer-nogui poppler-utils).")
