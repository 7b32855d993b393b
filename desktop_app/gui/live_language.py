"""Switching the language while the program runs (issue 13: "applies without a restart").

The windows set their texts once, when they are built (as most Qt programs written by hand do),
so a new language is applied the way a database switch is (``gui/app.py``: switch_database):
the main window closes — asking about unsaved typed input first (Lưu / Bỏ / Hủy; «Hủy» keeps
the old language and everything as it was) — and a new one is built in the new language over
the SAME open database and lock (nothing is closed or reopened). It shows the same view, the same
selected item, the same window and column layout (saved by the closing window, restored by the
new one, as at the next start) and the same review date. The old window's timers stop, and it is
deleted: one main window remains.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from . import app as gui_app
from . import i18n


def switch_language(window, language: str):
    """Show the program in *language* (a code of ``i18n.LANGUAGES``) in place of *window*.
    The choice is saved for the next start. Returns the new main window, *window* itself when
    the language is already the one shown, or None when the user kept the old window (the
    saved language is then the old one again)."""
    from .context import AppContext
    from .main_window import MainWindow
    from .preferences import KEY_LANGUAGE

    settings: QSettings = window.settings
    old_language = i18n.language()
    language = language if language in i18n.LANGUAGES else "vi"
    if language == old_language:
        return window
    state = window.view_state()
    # exactly where it was (a restored geometry is fitted to the screen again, which may move it)
    geometry = None if window.isMaximized() or window.isFullScreen() else window.geometry()
    app = QApplication.instance()
    quit_on_close = app.quitOnLastWindowClosed()
    app.setQuitOnLastWindowClosed(False)  # the old window closes before the new one shows
    try:
        if not window.close():  # «Hủy» about unsaved input: nothing changes
            _save_language(settings, KEY_LANGUAGE, old_language)
            return None
        window.stop_background()
        i18n.apply_language(app, language)
        _save_language(settings, KEY_LANGUAGE, language)
        old_ctx = window.ctx
        ctx = AppContext(old_ctx.db, as_of_override=old_ctx.as_of_override)
        new = MainWindow(ctx, settings)
        new.db_lock = getattr(window, "db_lock", None)
        if geometry is not None:
            new.setGeometry(geometry)
        if window in gui_app._OPEN:
            gui_app._OPEN.remove(window)
        gui_app._OPEN.append(new)
        new.show()
        new.restore_view_state(state)
        window.deleteLater()
        return new
    finally:
        app.setQuitOnLastWindowClosed(quit_on_close)


def _save_language(settings: QSettings, key: str, language: str) -> None:
    settings.setValue(key, language)
    settings.sync()
