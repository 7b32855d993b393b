"""F1: the short user guide shipped with the program (resources/guide/huong-dan.md), shown
in a QTextBrowser. The guide is Vietnamese, as the documents the program makes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from ..resources import RESOURCES_DIR
from .i18n import _

GUIDE_FILE = RESOURCES_DIR / "guide" / "huong-dan.md"


def guide_text(path: Path = GUIDE_FILE) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return _("Không tìm thấy tệp hướng dẫn «{path}». Hãy cài lại chương trình.").format(path=path)


class HelpDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, path: Path = GUIDE_FILE):
        super().__init__(parent)
        self.setWindowTitle(_("Hướng dẫn sử dụng"))
        self.setObjectName("help-dialog")
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("help-browser")
        self.browser.setOpenExternalLinks(True)
        self.browser.setMarkdown(guide_text(path))
        layout.addWidget(self.browser, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(760, 640)
