"""Switching the language while the program runs (issue 13: "applies without a restart").

The windows set their texts once, when they are built (as most Qt programs written by hand do),
so a new language is applied the way a database switch is (``gui/app.py``: switch_database):
unsaved typed input is asked about first, as closing the window asks (Lưu / Bỏ / Hủy; «Hủy»
keeps the old language and everything as it was); then a new main window is built in the new
language over the SAME open database and lock (nothing is closed or reopened), and the old one
closes as the new one shows (no moment without a window; a busy cursor while it is built). It shows the same view, the same
selected item, the same window and column layout (saved by the closing window, restored by the
new one, as at the next start) and the same review date. The old window's timers stop, and it is
deleted: one main window remains.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from . import app as gui_app
from . import i18n, unsaved


def switch_language(window, language: str):
    """Show the program in *language* (a code of ``i18n.LANGUAGES``) in place of *window*.
    The choice is saved for the next start. Returns the new main window, *window* itself when
    the language is already the one shown, or None when the user kept the old window (the
    saved language is then the old one again)."""
    from .preferences import KEY_LANGUAGE

    settings: QSettings = window.settings
    old_language = i18n.language()
    language = language if language in i18n.LANGUAGES else "vi"
    if language == old_language:
        return window
    # Unsaved typed input first, as closing asks (Lưu / Bỏ / Hủy): «Hủy» changes nothing.
    focused = window.focusWidget()
    if focused is not None:
        focused.clearFocus()  # the field being edited is saved as on leaving it
    if not unsaved.confirm_leave(window):
        _save_language(settings, KEY_LANGUAGE, old_language)
        return None
    state = window.view_state()
    # exactly where it was (a restored geometry is fitted to the screen again, which may move it)
    geometry = None if window.isMaximized() or window.isFullScreen() else window.geometry()
    window.save_layout()  # what the new window restores: docks, splitter, columns, view
    app = QApplication.instance()
    quit_on_close = app.quitOnLastWindowClosed()
    app.setQuitOnLastWindowClosed(False)
    app.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        window.stop_background()
        i18n.apply_language(app, language)
        new = _rebuild(window, geometry, state)
        if not window.close():  # (nothing is left to ask about: it was answered above)
            _discard(new)
            i18n.apply_language(app, old_language)
            window.ctx.start_live_refresh().start()
            window.reminders.timer.start()
            window.ctx.load_task_rows(window)  # (stopped above, if it was reading)
            _save_language(settings, KEY_LANGUAGE, old_language)
            return None
        _save_language(settings, KEY_LANGUAGE, language)
        if window in gui_app._OPEN:
            gui_app._OPEN.remove(window)
        gui_app._OPEN.append(new)
        new.show()
        window.deleteLater()
        return new
    finally:
        app.restoreOverrideCursor()
        app.setQuitOnLastWindowClosed(quit_on_close)


def _rebuild(window, geometry, state):
    """A main window like *window*, in the current language, over its database, not shown yet."""
    from .context import AppContext
    from .main_window import MainWindow

    old_ctx = window.ctx
    ctx = AppContext(old_ctx.db, as_of_override=old_ctx.as_of_override)
    hand_over_task_rows(old_ctx, ctx)
    new = MainWindow(ctx, window.settings)
    new.db_lock = getattr(window, "db_lock", None)
    if not window.reminders.dock.isVisible():
        new.reminders.keep_closed_today()  # closed by the user: not shown again by the new window
    if geometry is not None:
        new.setGeometry(geometry)
    new.restore_view_state(state)
    return new


def hand_over_task_rows(old_ctx, ctx) -> bool:
    """Give *ctx* the task rows *old_ctx* has read (100,000 of them take seconds to read
    again), with the one field that depends on the language read anew: the programme's short
    name ("Dự thảo (44-NQ/TW)" / "Draft (44-NQ/TW)"). Returns whether they were handed over.
    (tests/gui/test_live_language.py checks that they equal rows read in the new language.)"""
    if not old_ctx.has_task_rows() or old_ctx.task_rows_key() != ctx.task_rows_key():
        return False
    from ..reports.records import program_choices

    labels = {choice.id: choice.label for choice in program_choices(ctx.db)}
    rows = [row if labels.get(row.program_id, row.program_label) == row.program_label
            else row._replace(program_label=labels[row.program_id]) for row in old_ctx.task_rows()]
    return ctx.store_task_rows(ctx.task_rows_key(), rows)


def _discard(window) -> None:
    window.stop_background()
    window.deleteLater()


def _save_language(settings: QSettings, key: str, language: str) -> None:
    settings.setValue(key, language)
    settings.sync()
