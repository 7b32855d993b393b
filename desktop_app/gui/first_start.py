"""The first-start guide: on an empty database the dashboard shows the first steps as buttons
(add a resolution, add a programme, import a file, load the demo data)."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from .i18n import _


class FirstStartPanel(QFrame):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("first-start")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#first-start { background: #EAF2FB; border: 1px solid #9DB9D8; border-radius: 4px; }")
        column = QVBoxLayout(self)
        title = QLabel(_("Cơ sở dữ liệu còn trống. Bắt đầu từ đây:"), self)
        title.setStyleSheet("font-weight: bold; font-size: 12pt;")
        column.addWidget(title)
        hint = QLabel(_("Ghi nghị quyết trước, rồi chương trình hành động cụ thể hóa nó và các nhiệm vụ; hoặc nhập "
                        "sẵn từ tệp Word, Excel, JSON. Bấm F1 để xem hướng dẫn."), self)
        hint.setWordWrap(True)
        column.addWidget(hint)
        row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text in (("document", _("Thêm nghị quyết")), ("program", _("Thêm chương trình")),
                          ("import", _("Nhập từ Word/Excel/JSON…")), ("demo", _("Tải dữ liệu mẫu"))):
            button = QPushButton(text, self)
            button.setObjectName(f"first-start-{key}")
            row.addWidget(button)
            self.buttons[key] = button
        row.addStretch(1)
        column.addLayout(row)
