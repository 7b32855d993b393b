"""Never lose typed work: one question, asked the same way everywhere.

A widget that can hold typed input not yet saved (an item editor, the progress form, the
attendance grid, a dialog with typed fields) offers four methods:

``has_unsaved()``
    True when leaving now would lose something: a filled-in "Thêm mới" form, a field edited
    but not saved, a value the program refused (still shown in red).
``save_pending() -> bool``
    Save it; False when refused (the reasons are shown, the user stays).
``discard_pending()``
    Drop it (show the stored values again).
``focus_pending()``
    Put the cursor back where the unsaved input is.

Before the window closes, another view is shown, another row is selected or another new
item is started, the caller asks :func:`confirm_leave`, which asks the user
"Lưu / Bỏ / Hủy" through :func:`ask` (a module function, so tests patch it instead of
running a modal loop) and returns whether to go on.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractSpinBox, QComboBox, QDialog, QLabel, QLineEdit, QListWidget, QMessageBox, QPlainTextEdit,
    QTextEdit, QWidget,
)

from .i18n import _

SAVE, DISCARD, CANCEL = "save", "discard", "cancel"


def question_box(parent: QWidget | None, text: str) -> str:
    """Ask "Lưu / Bỏ / Hủy": SAVE, DISCARD or CANCEL (Esc and closing the box are CANCEL)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(_("Dữ liệu chưa lưu"))
    box.setText(text)
    save = box.addButton(_("Lưu"), QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(_("Bỏ"), QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(_("Hủy"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save)
    box.setEscapeButton(cancel)
    box.exec()
    return {save: SAVE, discard: DISCARD}.get(box.clickedButton(), CANCEL)


ask = question_box  # what the program calls; tests replace it (no modal loop in a test)


def holds_input(widget: object) -> bool:
    return all(callable(getattr(widget, m, None))
               for m in ("has_unsaved", "save_pending", "discard_pending", "focus_pending"))


def pending_in(*roots: QWidget | None) -> list:
    """The widgets under *roots* (themselves included) holding unsaved input, outermost
    first, each once; a holder's own children are its business (an editor saves its
    progress form itself only if it says so), so they are still listed separately."""
    found: list = []
    for root in roots:
        if root is None:
            continue
        for w in [root, *root.findChildren(QWidget)]:
            if holds_input(w) and w not in found and w.has_unsaved():
                found.append(w)
    return found


def default_text() -> str:
    return _("Có dữ liệu vừa nhập chưa được lưu. Lưu trước khi tiếp tục?")


def confirm_leave(*roots: QWidget | None, parent: QWidget | None = None, text: str | None = None) -> bool:
    """Ask about the unsaved input under *roots*; True when the caller may go on (nothing
    pending, saved, or discarded), False to stay (cancelled, or a save was refused: the
    cursor is then back in the field)."""
    pending = pending_in(*roots)
    if not pending:
        return True
    answer = ask(parent if parent is not None else next((r for r in roots if r is not None), None),
                 text or default_text())
    if answer == SAVE:
        for holder in pending:
            if not holder.save_pending():
                holder.focus_pending()
                return False
        return True
    if answer == DISCARD:
        for holder in pending:
            holder.discard_pending()
        return True
    pending[0].focus_pending()
    return False


# --- dialogs with typed input ----------------------------------------------------------------------

_INPUTS = (QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox, QComboBox, QAbstractButton, QListWidget)


def _state_of(widget: QWidget) -> object:
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return widget.toPlainText()
    if isinstance(widget, QAbstractSpinBox):
        return widget.text()  # (a date edit's and a spin box's shown value)
    if isinstance(widget, QComboBox):
        return widget.currentIndex(), widget.currentText()
    if isinstance(widget, QListWidget):  # check lists (CheckListPicker)
        return tuple(widget.item(i).checkState() == Qt.CheckState.Checked for i in range(widget.count()))
    if isinstance(widget, QAbstractButton) and widget.isCheckable():
        return widget.isChecked()
    return None


def form_state(root: QWidget) -> tuple:
    """What the input widgets under *root* show, in a comparable form."""
    return tuple(_state_of(w) for w in root.findChildren(QWidget) if isinstance(w, _INPUTS))


class AsksBeforeClosing:
    """For a QDialog taking typed input (put it before QDialog among the bases): Esc, «Hủy»,
    «Đóng» and the title bar's × ask "Lưu / Bỏ / Hủy" when the fields differ from what the
    dialog opened with (``mark_clean``) or a refused value is shown. Save runs
    ``save_input()`` (which accepts the dialog when it succeeds)."""

    _clean_state: tuple | None = None

    def mark_clean(self) -> None:
        """What the fields show now is the starting point (call at the end of __init__ and
        after each save that keeps the dialog open)."""
        self._clean_state = form_state(self)

    def refused_text(self) -> str:
        error = getattr(self, "error", None)
        return error.text() if isinstance(error, QLabel) and error.isVisibleTo(self) else ""

    def has_unsaved(self) -> bool:
        return self._clean_state is not None and (form_state(self) != self._clean_state or bool(self.refused_text()))

    def save_input(self) -> bool:
        self.accept()
        return self.result() == QDialog.DialogCode.Accepted

    def save_pending(self) -> bool:
        return bool(self.save_input())

    def discard_pending(self) -> None:
        self._clean_state = None  # closing now loses nothing the user wants

    def focus_pending(self) -> None:
        first = next((w for w in self.findChildren(QWidget) if isinstance(w, (QLineEdit, QPlainTextEdit))
                      and w.isEnabled()), None)
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def done(self, result: int) -> None:
        super().done(result)  # type: ignore[misc]
        # Closed (saved, or left after the question): it holds nothing to ask about any more,
        # though it lives on as the window's child until deleted.
        self._clean_state = None

    def reject(self) -> None:
        self.setResult(QDialog.DialogCode.Rejected)
        if confirm_leave(self) and self.result() != QDialog.DialogCode.Accepted:
            super().reject()  # (saved: the save already closed it as accepted)
