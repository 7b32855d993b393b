"""The editor framework of the details panel.

An editor shows one item (or a blank form for a new one). In edit mode every field is
saved on its own as soon as the user leaves it (Enter, Tab, focus out), through the
operations layer; in new mode the "Lưu" button creates the item from all fields. A
refused value stays in the field, with the reason in red next to it, so nothing typed is
lost.

A save reads the saved record once (``load_values``): the window's refresh that a save
announces waits for it, and the fields, the heading and "what the user saw" are all taken
from that one read; leaving a field without a change reads nothing.

Each save sends the value the field was loaded with (``expected``): if another user
changed it since, the operation refuses with a ConflictError and :class:`ConflictDialog`
asks whether to keep the user's value (saved over the new one) or take the new one; closing
the dialog keeps the typed text in the field with the message. A refresh (after a change
here or by another user) never replaces a field that has the focus or holds text not yet
saved.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QMessageBox, QPlainTextEdit, QPushButton, QScrollArea,
    QVBoxLayout, QWidget,
)

from ...errors import NqdeskError
from ...ops.base import Changes, ConflictError, ValidationError
from ..context import AppContext
from ..i18n import _
from ..widgets import CheckListPicker, CommitPlainTextEdit, HeadingLabel, SearchableComboBox


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


def _shown(value) -> object:
    """A field's value as compared for "changed since loaded" (None and "" are both empty)."""
    return "" if value is None else value


class ConflictDialog(QMessageBox):
    """Another user changed the value the user just edited: keep mine or take theirs."""

    KEEP_MINE = "mine"
    TAKE_THEIRS = "theirs"

    def __init__(self, parent: QWidget, conflict: ConflictError, mine: object):
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(_("Dữ liệu vừa được người khác sửa"))
        self.setText(str(conflict))
        self.setInformativeText(_("Giá trị bạn vừa nhập: «{value}»").format(value=_shown(mine)))
        self.keep_button = self.addButton(_("Giữ giá trị của tôi"), QMessageBox.ButtonRole.AcceptRole)
        self.take_button = self.addButton(_("Lấy giá trị mới"), QMessageBox.ButtonRole.DestructiveRole)
        self.later_button = self.addButton(_("Để sau"), QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.keep_button)
        self.setEscapeButton(self.later_button)
        self.answer: str | None = None

    def ask(self) -> str | None:
        """KEEP_MINE, TAKE_THEIRS, or None (decide later: the typed text stays in the field)."""
        self.exec()
        if self.answer is None:
            clicked = self.clickedButton()
            self.answer = {self.keep_button: self.KEEP_MINE, self.take_button: self.TAKE_THEIRS}.get(clicked)
        return self.answer


class WindowUndoWhenFieldHasNone(QObject):
    """Ctrl+Z (Ctrl+Y) in a details field with nothing of its own to undo (redo) goes to the
    window's Hoàn tác (Làm lại): the field's value was saved when it was left, so «undo» there
    means the saved change. (A Qt text field takes the keys even with nothing to undo: after
    Tab saved a deadline, Ctrl+Z in the next field did nothing at all.)"""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() != QEvent.Type.ShortcutOverride:
            return False
        if event.matches(QKeySequence.StandardKey.Undo):
            available = watched.isUndoAvailable() if isinstance(watched, QLineEdit) \
                else watched.document().isUndoAvailable()
        elif event.matches(QKeySequence.StandardKey.Redo):
            available = watched.isRedoAvailable() if isinstance(watched, QLineEdit) \
                else watched.document().isRedoAvailable()
        else:
            return False
        return not available  # filtered out, not accepted: the shortcut map gives it to the window


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
        # What each field showed when loaded from the database: sent as ``expected``.
        self._seen: dict[str, object] = {}
        # The stored value of a field a refresh left alone because it had the focus: shown
        # when the user leaves the field unchanged (no read needed then).
        self._held: dict[str, object] = {}
        # The record as read after the last save (None when the last commit saved nothing).
        self._fresh: dict | None = None
        self._preloaded: dict | None = None
        self._saving = False
        self._refresh_wanted = False
        self._loading = False
        self._undo_filter = WindowUndoWhenFieldHasNone(self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.heading = HeadingLabel(self)
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
        # What a blank form shows (a new item's defaults): input differing from it is unsaved.
        self._blank: dict[str, object] = {}
        # Ctrl+S saves the form (a new item) or the field being edited.
        save = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.activated.connect(self.save_now)
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
        if isinstance(widget, (QLineEdit, QPlainTextEdit)):
            widget.installEventFilter(self._undo_filter)
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
        w.returnPressed.connect(self._enter_pressed)
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

    def update(self, item_id: int, name: str, value, expected: dict | None = None) -> Changes:
        """Save one field; ``expected`` holds the value(s) the user saw (refused with a
        ConflictError when they changed since)."""
        raise NotImplementedError

    def refresh_choices(self, values: dict) -> None:
        """Reload combo/list contents (bodies, documents…) for the record *values* (what
        ``load_values`` or ``new_values`` gave); override."""

    def heading_for(self, values: dict) -> str:
        return self.title_text

    def load(self, item_id: int | None) -> None:
        """Show an item (None: a blank form for a new one). Clears errors."""
        self._loading = True
        try:
            self.item_id = item_id
            values, self._preloaded = self._preloaded, None
            if values is None:
                values = self.new_values() if item_id is None else self.load_values(item_id)
            self._held = {}
            self.refresh_choices(values)
            self._seen = {} if item_id is None else {n: values[n] for n in self.fields if n in values}
            for name, f in self.fields.items():
                f.put(values.get(name))
                f.show_error(None)
            self.show_message(None)
            self.save_button.setVisible(item_id is None)
            self.cancel_button.setVisible(item_id is None)
            self.heading.setText(self.heading_for(values) if item_id is not None else _("Thêm mới"))
            self.mark_blank()
        finally:
            self._loading = False

    def refresh(self, just_saved: tuple[str, ...] = (), values: dict | None = None) -> None:
        """Show the item's current values after a change elsewhere (undo, another field,
        another user), keeping what the user typed in fields that were refused, that hold
        unsaved text or that have the focus, with their messages and what they were loaded
        with (so saving them later still detects a conflict). *values*: the record already
        read (after a save). Asked while this editor saves (the save announces its change),
        it waits for the save, which then refreshes from its own read."""
        if self.item_id is None:
            return
        if self._saving:
            self._refresh_wanted = True
            return
        kept = {name: (f.get(), f.error.text(), name in self._seen, self._seen.get(name))
                for name, f in self.fields.items()
                if name not in just_saved and (f.error.text() or self.is_edited(name) or self._has_focus(f))}
        message = self.message.text()
        self._preloaded = values
        self.load(self.item_id)
        stored = {name: self._seen[name] for name in kept if name in self._seen}
        for name, (value, error, had_seen, seen) in kept.items():
            self._loading = True
            try:
                self.fields[name].put(value)
            finally:
                self._loading = False
            self.fields[name].show_error(error or None)
            if had_seen:
                self._seen[name] = seen
            if not error and name in stored and _shown(value) == _shown(seen):
                self._held[name] = stored[name]  # only the focus kept it: shown when left
        if message:
            self.show_message(message)

    def refresh_after(self, changes: Changes) -> None:
        """After an announced change (the main window calls this): :meth:`refresh`; an
        editor that knows what it shows may skip a change that touched none of it."""
        self.refresh()

    def is_edited(self, name: str) -> bool:
        """Does the field hold something other than what it was loaded with?"""
        return name in self._seen and _shown(self.fields[name].get()) != _shown(self._seen[name])

    @staticmethod
    def _has_focus(f: Field) -> bool:
        focus = QApplication.focusWidget()
        return focus is not None and (focus is f.widget or f.widget.isAncestorOf(focus))

    def expected(self, *names: str) -> dict | None:
        """What the named fields showed when loaded (sent with a save)."""
        return {n: self._seen[n] for n in names if n in self._seen} or None

    def reload_field(self, name: str) -> None:
        """Show the stored value of one field (and take it as what the user saw)."""
        values = self.load_values(self.item_id) if self.item_id is not None else {}
        self._loading = True
        try:
            self.fields[name].put(values.get(name))
        finally:
            self._loading = False
        self.fields[name].show_error(None)
        if name in values:
            self._seen[name] = values[name]

    def mark_saved(self, *names: str) -> None:
        """The named fields were saved: what is stored now is what the user sees."""
        values = self.load_values(self.item_id) if self.item_id is not None else {}
        for name in names:
            if name in values:
                self._seen[name] = values[name]

    def resolve_conflict(self, name: str, conflict: ConflictError) -> None:
        """Ask the user; never drop their text without them choosing to."""
        f = self.fields[name]
        answer = ConflictDialog(self, conflict, f.get()).ask()
        if answer == ConflictDialog.KEEP_MINE:
            self.mark_saved(name)  # the value now stored becomes what the user saw…
            self._field_committed(name)  # …and the user's value is saved over it
        elif answer == ConflictDialog.TAKE_THEIRS:
            self.reload_field(name)
        else:
            f.show_error(str(conflict))

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
        self._fresh = None
        f = self.fields[name]
        if name in self._seen and not self.is_edited(name) and not f.error.text():
            # Left without a change: nothing to save, but show the stored value if a
            # refresh kept the field while it had the focus.
            self._show_held(name)
            return
        try:
            item_id, value, expected = self.item_id, f.get(), self.expected(name)
            changes = self.run_save(lambda _db: self.update(item_id, name, value, expected))
        except ConflictError as exc:
            self.resolve_conflict(name, exc)
            return
        except NqdeskError as exc:  # a ValidationError reads as all its reasons, one per line
            f.show_error(str(exc))  # keep the typed text
            return
        f.show_error(None)
        values = self.read_saved(item_id, (name,))
        if name in self.reload_after:
            # show the canonical form (e.g. "Quý I/2024"), keep refused fields
            self.refresh(just_saved=(name,), values=values)
        elif self._refresh_wanted:
            self.refresh(values=values)
        self.show_message("\n".join(changes.warnings) or None)
        self.saved.emit(changes)

    reload_after: tuple[str, ...] = ()

    def run_save(self, operation) -> Changes:
        """Run a save through ``ctx.run``; the refresh its announcement asks for is noted
        (``_refresh_wanted``) and done by the caller from the one read after the save."""
        self._refresh_wanted = False
        self._saving = True
        try:
            return self.ctx.run(operation)
        finally:
            self._saving = False

    def read_saved(self, item_id: int, names: tuple[str, ...]) -> dict:
        """The one read of a saved record: what is stored now is what the user sees."""
        values = self._fresh = self.load_values(item_id)
        self._seen.update({n: values[n] for n in names if n in values})
        return values

    def _show_held(self, name: str) -> None:
        if name not in self._held:
            return
        value = self._held.pop(name)
        self._loading = True
        try:
            self.fields[name].put(value)
        finally:
            self._loading = False
        self._seen[name] = value

    # --- never lose typed work (see gui/unsaved.py) ------------------------------------------
    def mark_blank(self) -> None:
        """Take what the fields show now as the blank form (after a caller prefilled it)."""
        self._blank = {name: _shown(f.get()) for name, f in self.fields.items()} if self.item_id is None else {}

    def pending_fields(self) -> list[str]:
        """The fields holding input that leaving would lose: in a new form, whatever differs
        from the blank form; for an item, edited fields and refused values."""
        if self.item_id is None:
            return [n for n, f in self.fields.items() if _shown(f.get()) != self._blank.get(n, "")]
        return [n for n, f in self.fields.items() if f.error.text() or self.is_edited(n)]

    def has_unsaved(self) -> bool:
        # (a save under way is not a question: the refreshes it causes may select rows)
        return not (self._saving or self._creating) and bool(self.pending_fields())

    _creating = False

    def save_pending(self) -> bool:
        """Save the new item, or each pending field; False when something was refused."""
        if self.item_id is None:
            return self.save_new()
        for name in self.pending_fields():
            self._field_committed(name)
        return not any(f.error.text() for f in self.fields.values())

    def discard_pending(self) -> None:
        self.load(self.item_id)

    def focus_pending(self) -> None:
        names = [n for n in self.pending_fields() if self.fields[n].error.text()] or self.pending_fields()
        target = self.fields[names[0]].widget if names else None
        if target is None:
            self.focus_first()
        else:
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def save_now(self) -> bool:
        """Ctrl+S: create the new item, or save what is pending in the item's fields."""
        if self.item_id is None:
            return self.save_new()
        return self.save_pending()

    def _enter_pressed(self) -> None:
        """Enter in a single-line field of a new form saves it (as the default button would)."""
        if self.item_id is None and not self._loading:
            self.save_new()

    def save_new(self) -> bool:
        for f in self.fields.values():
            f.show_error(None)
        self._creating = True
        try:
            values = self.values()
            changes = self.ctx.run(lambda _db: self.create(values))
        except ValidationError as exc:
            self._show_problems(exc)
            return False
        except NqdeskError as exc:
            self.show_message(str(exc))
            return False
        finally:
            self._creating = False
        # shown first, so selecting the new row finds nothing unsaved
        self.load(changes.entity_id)
        self.created.emit(changes.entity_id)
        self.show_message("\n".join(changes.warnings) or None)
        return True

    def focus_first(self) -> None:
        first = next(iter(self.fields.values()), None)
        if first is not None:
            first.widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
