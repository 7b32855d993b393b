"""The editor framework of the details panel.

An editor shows one item (or a blank form for a new one). In edit mode every field is
saved on its own as soon as the user leaves it (Enter, Tab, focus out), through the
operations layer; in new mode the "Lưu" button creates the item from all fields. A
refused value stays in the field, with the reason in red next to it, so nothing typed is
lost.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QScrollArea, QVBoxLayout, QWidget,
)

from ...errors import NqdeskError
from ...ops.base import Changes, ValidationError
from ..context import AppContext
from ..i18n import _
from ..widgets import CheckListPicker, CommitPlainTextEdit, SearchableComboBox


class Field:
    """One form field: its widget, how to read/write it, and where its error shows."""

    def __init__(self, name: str, widget: QWidget, error: QLabel, get: Callable[[], object],
                 put: Callable[[object], None]):
        self.name, self.widget, self.error, self.get, self.put = name, widget, error, get, put

    def show_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))
        self.widget.setProperty("invalid", bool(message))
        self.widget.setStyleSheet("border: 1px solid #c62828;" if message else "")


class EntityEditor(QWidget):
    """Base of the item editors. Subclasses add fields in ``build()`` and implement
    ``load_values(id) -> dict``, ``create(values) -> Changes`` and
    ``update(id, name, value) -> Changes``."""

    saved = Signal(object)  # Changes
    created = Signal(int)  # new id
    title_text = ""

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.item_id: int | None = None
        self.fields: dict[str, Field] = {}
        self._loading = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel(self)
        self.heading.setStyleSheet("font-weight: bold; font-size: 12pt;")
        self.heading.setWordWrap(True)
        outer.addWidget(self.heading)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        # fields follow the dock's width instead of running off to the right
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget(scroll)
        self.form = QFormLayout(body)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c62828;")
        self.message.hide()
        outer.addWidget(self.message)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(_("Lưu"), self)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save_new)
        self.cancel_button = QPushButton(_("Hủy"), self)
        self.cancel_button.clicked.connect(lambda: self.load(None) if self.item_id is None else None)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        outer.addLayout(buttons)
        self.build()
        self.load(None)

    # --- building -------------------------------------------------------------------------
    def build(self) -> None:
        raise NotImplementedError

    def _add(self, name: str, label: str, widget: QWidget, get, put, commit_signal) -> Field:
        error = QLabel(self)
        error.setWordWrap(True)
        error.setStyleSheet("color: #c62828;")
        error.setObjectName(f"error-{name}")
        error.hide()
        holder = QWidget(self)
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(1)
        box.addWidget(widget)
        box.addWidget(error)
        self.form.addRow(label, holder)
        widget.setObjectName(f"field-{name}")
        f = Field(name, widget, error, get, put)
        self.fields[name] = f
        if commit_signal is not None:
            commit_signal.connect(lambda *_a, n=name: self._field_committed(n))
        return f

    def add_line(self, name: str, label: str, placeholder: str = "") -> QLineEdit:
        w = QLineEdit(self)
        w.setPlaceholderText(placeholder)
        w.setClearButtonEnabled(True)
        def put(v) -> None:
            w.setText("" if v is None else str(v))
            w.setCursorPosition(0)  # show the beginning of a long value

        self._add(name, label, w, w.text, put, w.editingFinished)
        return w

    def add_text(self, name: str, label: str, lines: int = 4) -> CommitPlainTextEdit:
        w = CommitPlainTextEdit(self)
        w.setMinimumHeight(22 * lines)
        self._add(name, label, w, w.toPlainText, lambda v: w.setPlainText(v or ""), w.editingFinished)
        return w

    def add_combo(self, name: str, label: str, none_text: str | None = None) -> SearchableComboBox:
        w = SearchableComboBox(self, none_text=none_text)
        self._add(name, label, w, w.current_id, w.set_current_id, w.idChanged)
        return w

    def add_checklist(self, name: str, label: str) -> CheckListPicker:
        w = CheckListPicker(self)
        self._add(name, label, w, w.checked_ids, lambda v: None, w.checkedChanged)
        return w

    # --- loading and saving ---------------------------------------------------------------
    def load_values(self, item_id: int) -> dict:
        raise NotImplementedError

    def new_values(self) -> dict:
        return {}

    def create(self, values: dict) -> Changes:
        raise NotImplementedError

    def update(self, item_id: int, name: str, value) -> Changes:
        raise NotImplementedError

    def refresh_choices(self) -> None:
        """Reload combo/list contents (bodies, documents…); override."""

    def heading_for(self, values: dict) -> str:
        return self.title_text

    def load(self, item_id: int | None) -> None:
        """Show an item (None: a blank form for a new one). Clears errors."""
        self._loading = True
        try:
            self.item_id = item_id
            self.refresh_choices()
            values = self.new_values() if item_id is None else self.load_values(item_id)
            for name, f in self.fields.items():
                f.put(values.get(name))
                f.show_error(None)
            self.show_message(None)
            self.save_button.setVisible(item_id is None)
            self.cancel_button.setVisible(item_id is None)
            self.heading.setText(self.heading_for(values) if item_id is not None else _("Thêm mới"))
        finally:
            self._loading = False

    def refresh(self) -> None:
        """Show the item's current values after a change elsewhere (undo, another field),
        keeping what the user typed in fields that were refused, with their messages."""
        if self.item_id is None:
            return
        kept = {name: (f.get(), f.error.text()) for name, f in self.fields.items() if f.error.text()}
        message = self.message.text()
        self.load(self.item_id)
        for name, (value, error) in kept.items():
            self._loading = True
            try:
                self.fields[name].put(value)
            finally:
                self._loading = False
            self.fields[name].show_error(error)
        if message:
            self.show_message(message)

    def values(self) -> dict:
        return {name: f.get() for name, f in self.fields.items()}

    def show_message(self, text: str | None) -> None:
        self.message.setText(text or "")
        self.message.setVisible(bool(text))

    def _show_problems(self, exc: ValidationError) -> None:
        general = []
        for p in exc.problems:
            target = self.fields.get(p.field)
            if target is not None:
                target.show_error(p.message)
            else:
                general.append(p.message)
        self.show_message("\n".join(general) or None)

    def _field_committed(self, name: str) -> None:
        if self._loading or self.item_id is None:
            return
        f = self.fields[name]
        try:
            item_id, value = self.item_id, f.get()
            changes = self.ctx.run(lambda _db: self.update(item_id, name, value))
        except NqdeskError as exc:  # a ValidationError reads as all its reasons, one per line
            f.show_error(str(exc))  # keep the typed text
            return
        f.show_error(None)
        if name in self.reload_after:
            self.refresh()  # show the canonical form (e.g. "Quý I/2024"), keep refused fields
        self.show_message("\n".join(changes.warnings) or None)
        self.saved.emit(changes)

    reload_after: tuple[str, ...] = ()

    def save_new(self) -> bool:
        for f in self.fields.values():
            f.show_error(None)
        try:
            values = self.values()
            changes = self.ctx.run(lambda _db: self.create(values))
        except ValidationError as exc:
            self._show_problems(exc)
            return False
        except NqdeskError as exc:
            self.show_message(str(exc))
            return False
        self.created.emit(changes.entity_id)
        self.load(changes.entity_id)
        self.show_message("\n".join(changes.warnings) or None)
        return True

    def focus_first(self) -> None:
        first = next(iter(self.fields.values()), None)
        if first is not None:
            first.widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
