"""What every writer returns and how every writer saves: :class:`ExportError`,
:class:`ExportResult` and :func:`save_atomically` (a half-written file never replaces a good one)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import NqdeskError
from ..i18n import _
from ..store.files import save_document

__all__ = ["ExportError", "ExportResult", "save_atomically"]


class ExportError(NqdeskError):
    """The document could not be written; the message says why and what to do."""


@dataclass
class ExportResult:
    path: Path
    warnings: list[str]
    pages_hint: int | None = None


def save_atomically(document, target: Path) -> None:
    """Save *document* (anything with ``save(file)``: a python-docx Document, an openpyxl
    Workbook) to *target*: built in memory, then written through a temporary file, so a failed
    save never leaves half a file (see ``store.files``)."""
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(_("Không có thư mục «{folder}»: hãy chọn nơi lưu khác.").format(folder=folder))
    save_document(document, target, error=ExportError)
