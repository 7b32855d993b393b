"""Soạn nội dung chương trình: a full-height window for the opening and sections I–IV.

One large plain-text area per section (a tab each), the heading levels easy to type — the
toolbar's "1." / "a)" / "-" (Ctrl+1 / Ctrl+2 / Ctrl+3) put the next number or letter at the
start of the line, Tab / Shift+Tab move a line one level down or up, Enter on a numbered
line starts the next one — and beside it the sections as the Word document will print them
(the export's own rules, :func:`~desktop_app.export.program_wording.printed_sections`, so an
empty section shows the renumbering). "Lưu" (Ctrl+S) saves the changed sections in one
undoable operation; closing with unsaved text asks Lưu / Bỏ / Hủy, and a refused save keeps
the text on screen.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QDialog, QHBoxLayout, QLabel, QMessageBox, QPlainTextEdit, QPushButton, QSplitter, QTabWidget, QTextBrowser,
    QToolBar, QVBoxLayout, QWidget,
)

from ...core.outline import line_level, next_marker, set_level, shift_level, strip_marker
from ...core.text import shorten
from ...errors import NqdeskError
from ...export.profiles import DEFAULT_PROFILE, load_profile
from ...export.program_wording import printed_sections
from ...ops import programs as program_ops
from ...ops.base import ConflictError
from ...ops.fields import ProgramFields
from ...reports.records import program_record
from ..i18n import _

SECTIONS = (
    ("opening_text", "Đoạn mở đầu"),
    ("purpose_text", "I. Mục đích, yêu cầu"),
    ("objectives_text", "II. Mục tiêu"),
    ("tasks_text", "III. Nhiệm vụ, giải pháp"),
    ("organisation_text", "IV. Tổ chức thực hiện"),
)
SECTION_NAMES = tuple(name for name, _label in SECTIONS)


class SectionEdit(QPlainTextEdit):
    """A section's text: Tab / Shift+Tab change the current line's level, Enter after a
    numbered or lettered line starts the next one (Enter on a bare marker ends the list)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTabChangesFocus(False)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)

    # the current line --------------------------------------------------------------------
    def _lines_before(self) -> list[str]:
        block = self.textCursor().block().previous()
        lines: list[str] = []
        while block.isValid():
            lines.append(block.text())
            block = block.previous()
        return lines[::-1]

    def current_line(self) -> str:
        return self.textCursor().block().text()

    def replace_line(self, text: str) -> None:
        """Put *text* in place of the current line, the cursor as far from its end as before
        (one undo step in the text area)."""
        cursor = self.textCursor()
        from_end = cursor.block().length() - 1 - cursor.positionInBlock()
        cursor.beginEditBlock()
        cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(text)
        cursor.endEditBlock()
        cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
        cursor.movePosition(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.MoveAnchor, max(0, len(text) - from_end))
        self.setTextCursor(cursor)

    def set_level(self, level: int) -> None:
        self.replace_line(set_level(self._lines_before(), self.current_line(), level))

    def shift(self, step: int) -> None:
        self.replace_line(shift_level(self._lines_before(), self.current_line(), step))

    # keys ---------------------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt naming
        key, mods = event.key(), event.modifiers()
        if key == Qt.Key.Key_Backtab or (key == Qt.Key.Key_Tab and mods & Qt.KeyboardModifier.ShiftModifier):
            self.shift(-1)
            event.accept()
            return
        if key == Qt.Key.Key_Tab and not mods & Qt.KeyboardModifier.ControlModifier:
            self.shift(+1)
            event.accept()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not mods & Qt.KeyboardModifier.ShiftModifier:
            line = self.current_line()
            level = line_level(line)
            cursor = self.textCursor()
            at_end = cursor.positionInBlock() == len(line)
            if level is not None and at_end:
                if not strip_marker(line).strip():
                    self.replace_line("")  # a bare marker: the list ends here
                    event.accept()
                    return
                lines = self._lines_before() + [line]
                cursor.insertText("\n" + next_marker(lines, level) + " ")
                self.setTextCursor(cursor)
                event.accept()
                return
        super().keyPressEvent(event)


class ProgramTextWindow(QDialog):
    """The opening and sections I–IV of one programme, with the printed numbering beside."""

    saved = Signal(object)  # Changes

    def __init__(self, ctx, program_id: int, parent: QWidget | None = None, section: str | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.program_id = program_id
        self.setObjectName("program-text-window")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.setSizeGripEnabled(True)
        profile = load_profile(DEFAULT_PROFILE)
        self._titles = list(profile.headings.titles)
        self._numbering = profile.headings.numbering
        layout = QVBoxLayout(self)

        toolbar = QToolBar(self)
        toolbar.setObjectName("program-text-toolbar")
        self.level_actions: list[QAction] = []
        for level, text, tip in ((1, "1.", _("Dòng số thứ tự tiếp theo (1., 2., …)")),
                                 (2, "a)", _("Dòng chữ cái tiếp theo (a), b), …)")),
                                 (3, "-", _("Dòng gạch đầu dòng"))):
            action = QAction(text, self)
            action.setShortcut(QKeySequence(f"Ctrl+{level}"))
            action.setToolTip(f"{tip} — Ctrl+{level}")
            action.triggered.connect(lambda _checked=False, lv=level: self.current_edit().set_level(lv))
            toolbar.addAction(action)
            self.level_actions.append(action)
        toolbar.addSeparator()
        deeper = toolbar.addAction(_("Cấp dưới"), lambda: self.current_edit().shift(+1))
        deeper.setToolTip(_("Chuyển dòng xuống một cấp: 1. → a) → - (Tab)"))
        higher = toolbar.addAction(_("Cấp trên"), lambda: self.current_edit().shift(-1))
        higher.setToolTip(_("Chuyển dòng lên một cấp: - → a) → 1. (Shift+Tab)"))
        self.addAction(self.level_actions[0])
        for action in self.level_actions[1:]:
            self.addAction(action)
        layout.addWidget(toolbar)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.tabs = QTabWidget(splitter)
        self.tabs.setObjectName("program-text-tabs")
        self.edits: dict[str, SectionEdit] = {}
        for name, label in SECTIONS:
            edit = SectionEdit(self.tabs)
            edit.setObjectName(f"text-{name}")
            self.edits[name] = edit
            self.tabs.addTab(edit, _(label))
        right = QWidget(splitter)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QLabel(_("Xem trước (đánh số như khi in)"), right))
        self.preview = QTextBrowser(right)
        self.preview.setObjectName("program-text-preview")
        right_layout.addWidget(self.preview, 1)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)

        self.message = QLabel(self)
        self.message.setObjectName("program-text-message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c62828;")
        self.message.hide()
        layout.addWidget(self.message)
        hint = QLabel(_("Tab / Shift+Tab: đổi cấp dòng; Enter sau dòng «1.», «a)» tạo dòng tiếp theo; "
                        "Ctrl+S: lưu."), self)
        hint.setStyleSheet("color: #666;")
        hint.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(hint, 1)
        self.save_button = QPushButton(_("Lưu"), self)
        self.save_button.setObjectName("program-text-save")
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)
        self.save_button.setToolTip(_("Lưu (Ctrl+S); có thể hoàn tác"))
        self.save_button.clicked.connect(self.save)
        close_button = QPushButton(_("Đóng"), self)
        close_button.setObjectName("program-text-close")
        close_button.setAutoDefault(False)
        self.save_button.setAutoDefault(False)
        close_button.clicked.connect(self.close)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close_button)
        layout.addLayout(buttons)

        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(250)
        self._preview_timer.timeout.connect(self.update_preview)
        self._seen: dict[str, str] = {}
        self._load()
        for edit in self.edits.values():
            edit.textChanged.connect(self._changed)
        self.open_section(section or "purpose_text")
        # wide enough for every section's tab to show whole (no scroll arrows hiding «IV. …»),
        # the preview beside it; fits a 1366×768 laptop
        bar = self.tabs.tabBar()
        tabs_width = sum(bar.tabSizeHint(i).width() for i in range(bar.count())) + 16
        width = max(1100, tabs_width + 440)
        self.resize(width, 680)
        splitter.setSizes([tabs_width, width - tabs_width])

    # --- loading and the preview -----------------------------------------------------------
    def _load(self) -> None:
        record = program_record(self.ctx.db, self.program_id)
        if record is None:
            raise NqdeskError(_("Chương trình này không còn trong cơ sở dữ liệu."))
        self.setWindowTitle(_("Soạn nội dung — {title}").format(title=shorten(record.title, 80)) + "[*]")
        for name in SECTION_NAMES:
            value = getattr(record, name) or ""
            self._seen[name] = value
            self.edits[name].setPlainText(value)
        self.update_preview()

    def texts(self) -> dict[str, str]:
        return {name: edit.toPlainText() for name, edit in self.edits.items()}

    def changed(self) -> dict[str, str]:
        """The sections whose text differs from what was loaded (or last saved)."""
        return {name: text for name, text in self.texts().items() if text != self._seen.get(name, "")}

    def is_dirty(self) -> bool:
        return bool(self.changed())

    def _changed(self) -> None:
        self._preview_timer.start()
        self.setWindowModified(self.is_dirty())

    def open_section(self, name: str) -> None:
        """Show *name*'s tab with the cursor in its text."""
        if name in self.edits:
            self.tabs.setCurrentWidget(self.edits[name])
            self.edits[name].setFocus(Qt.FocusReason.OtherFocusReason)

    def current_edit(self) -> SectionEdit:
        return self.tabs.currentWidget()  # type: ignore[return-value]

    def preview_blocks(self) -> tuple[list[tuple[str, str]], list[str]]:
        texts = self.texts()
        return printed_sections(texts["opening_text"], [texts[n] for n in SECTION_NAMES[1:]], self._titles,
                                self._numbering)

    def update_preview(self) -> None:
        blocks, skipped = self.preview_blocks()
        html = []
        if not self.texts()["opening_text"].strip():
            html.append("<p style='color:#666'><i>" + escape(_("(Đoạn mở đầu sẽ được tạo khi xuất.)")) + "</i></p>")
        for kind, text in blocks:
            shown = escape(text)
            if kind == "heading":
                html.append(f"<p><b>{shown}</b></p>")
            elif kind == "number":
                html.append(f"<p style='margin-left:12px'><b>{shown}</b></p>")
            elif kind == "letter":
                html.append(f"<p style='margin-left:12px'><i>{shown}</i></p>")
            else:
                html.append(f"<p style='margin-left:24px'>{shown}</p>")
        if skipped:
            note = _("Không in vì trống: {titles}. Các mục sau được đánh số lại.").format(
                titles=", ".join(f"«{t}»" for t in skipped))
            html.append(f"<p style='color:#c62828'>{escape(note)}</p>")
        self.preview.setHtml("".join(html))

    # --- saving ------------------------------------------------------------------------------
    def save(self) -> bool:
        """Save the changed sections in one operation; True when nothing is left unsaved.
        A refusal is shown and the text stays on screen."""
        changed = self.changed()
        if not changed:
            self.message.hide()
            return True
        expected = {name: self._seen.get(name, "") for name in changed}
        try:
            try:
                changes = self.ctx.run(lambda db: program_ops.update_program(
                    db, self.program_id, ProgramFields(**changed), expected=expected))
            except ConflictError as exc:
                if not self.ask_overwrite(str(exc)):
                    self.show_message(str(exc))
                    return False
                changes = self.ctx.run(lambda db: program_ops.update_program(db, self.program_id, ProgramFields(**changed)))
        except NqdeskError as exc:
            self.show_message(str(exc))
            return False
        self._seen.update(changed)
        self.setWindowModified(self.is_dirty())
        self.show_message("\n".join(changes.warnings) or None)
        self.saved.emit(changes)
        return True

    def show_message(self, text: str | None) -> None:
        self.message.setText(text or "")
        self.message.setVisible(bool(text))

    def ask_overwrite(self, conflict: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, _("Nội dung đã được sửa ở nơi khác"),
                          conflict + "\n\n" + _("Ghi nội dung đang soạn ở đây đè lên?"),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes

    def ask_unsaved(self) -> QMessageBox.StandardButton:
        """Lưu / Bỏ / Hủy for unsaved text."""
        box = QMessageBox(QMessageBox.Icon.Question, _("Chưa lưu"), _("Nội dung chương trình chưa được lưu."),
                          QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                          | QMessageBox.StandardButton.Cancel, self)
        box.button(QMessageBox.StandardButton.Save).setText(_("Lưu"))
        box.button(QMessageBox.StandardButton.Discard).setText(_("Bỏ"))
        box.button(QMessageBox.StandardButton.Cancel).setText(_("Hủy"))
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        return QMessageBox.StandardButton(box.exec())

    def may_close(self) -> bool:
        """True when the window may close: nothing unsaved, saved now, or dropped by choice."""
        if not self.is_dirty():
            return True
        answer = self.ask_unsaved()
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt naming
        if self.may_close():
            self._preview_timer.stop()
            event.accept()
        else:
            event.ignore()

    def reject(self) -> None:  # Esc
        if self.may_close():
            self._preview_timer.stop()
            super().reject()
