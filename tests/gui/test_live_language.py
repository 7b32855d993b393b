"""Switching the language applies at once, without a restart (issue 13): the main window is
rebuilt in the new language over the same open database, showing the same view, selection,
layout and review date; unsaved typed input is asked about first (Hủy keeps everything);
the choice is saved for the next start; one main window remains."""

from __future__ import annotations

from datetime import date

import pytest
import shiboken6
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QDialog

from desktop_app.gui import app as gui_app
from desktop_app.gui import i18n, unsaved
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.preferences import KEY_LANGUAGE, PreferencesDialog, saved_language
from desktop_app.gui.views.tasks_view import TasksView
from desktop_app.store.models import Task
from sqlalchemy import func, select

CONTENT = "Rà soát văn bản (gõ trước khi đổi ngôn ngữ)"


@pytest.fixture
def opened(qtbot, qapp):
    """Every main window a test makes, closed at the end, and the language back to Vietnamese."""
    windows: list[MainWindow] = []
    yield windows
    for w in [*windows, *gui_app._OPEN]:
        if shiboken6.isValid(w):
            for holder in unsaved.pending_in(w):
                holder.discard_pending()
            w.close()
            w.stop_background()
            w.deleteLater()
    gui_app._OPEN.clear()
    qtbot.waitUntil(lambda: not any(shiboken6.isValid(w) for w in windows))  # none left for the next test
    i18n.set_language("vi")
    i18n.remove_qt_translators(qapp)  # as the other tests expect: Qt's own strings untranslated


@pytest.fixture
def window(qtbot, ctx, settings, opened):
    w = MainWindow(ctx, settings)
    w.db_lock = object()  # stands for the file lock: handed to the new window as it is
    gui_app._OPEN.append(w)
    opened.append(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def tasks_of(window) -> TasksView:
    return next(v for v in window.views if isinstance(v, TasksView))


def show_task(window, row: int = 3) -> int:
    view = tasks_of(window)
    window.nav.setCurrentRow(window.views.index(view))
    view.table.selectRow(row)
    task_id = view.current_id()
    assert task_id is not None
    return task_id


def switched(qtbot, old, language: str, opened) -> MainWindow:
    new = old.switch_language(language)
    assert new is not None and new is not old
    # the old window is closed, and its timers (reminders, other users' changes) stopped
    assert not old.isVisible() and not old.reminders.timer.isActive()
    assert not old.ctx.live_refresh.timer.isActive()
    opened.append(new)
    qtbot.waitUntil(lambda: not shiboken6.isValid(old))  # deleted, not merely hidden
    return new


def main_windows() -> list:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]


def test_vietnamese_to_english_and_back_without_restart(qtbot, qapp, window, settings, opened):
    window.resize(1300, 700)
    task_id = show_task(window)
    header = tasks_of(window).table.horizontalHeader()
    header.resizeSection(1, 333)
    db, ctx, lock = window.ctx.db, window.ctx, window.db_lock
    geometry = window.geometry()
    view_row = window.nav.currentRow()
    assert window.act_new.text() == "Thêm mới"
    assert window.nav.item(view_row).text() == "Nhiệm vụ"
    details_shown = window.details.isVisible()

    en = switched(qtbot, window, "en", opened)
    assert i18n.language() == "en"
    assert en.windowTitle() == "NQ Desk — Resolution implementation tracking"
    assert en.act_new.text() == "New" and en.details.windowTitle() == "Details"
    assert en.nav.item(view_row).text() == "Tasks"
    # the same open database (not reopened), lock, view, selection and layout
    assert en.ctx.db is db and count_all(db) > 0  # still open
    assert en.db_lock is lock
    assert en.nav.currentRow() == view_row and en.current_view.current_id() == task_id
    assert en.current_editor.item_id == task_id  # the details show it too
    assert en.geometry() == geometry
    assert tasks_of(en).table.horizontalHeader().sectionSize(1) == 333
    assert en.ctx.as_of_override == ctx.as_of_override
    assert en.details.isVisible() == details_shown
    # one main window left (the old one deleted: see switched())
    assert main_windows() == [en] and gui_app._OPEN == [en]
    # Qt's own buttons follow too
    assert qapp.translate("QPlatformTheme", "Cancel") == "Cancel"

    vi = switched(qtbot, en, "vi", opened)
    assert i18n.language() == "vi"
    assert vi.act_new.text() == "Thêm mới" and vi.nav.item(view_row).text() == "Nhiệm vụ"
    assert vi.windowTitle() == "NQ Desk — Theo dõi thực hiện nghị quyết"
    assert vi.ctx.db is db and vi.current_view.current_id() == task_id
    assert main_windows() == [vi]
    assert qapp.translate("QPlatformTheme", "Cancel") == "Hủy"
    assert saved_language(settings) == "vi"


def test_the_review_date_mode_stays(qtbot, window, opened):
    window.review_at(date(2024, 3, 31))
    assert window.review_banner.isVisible()
    en = switched(qtbot, window, "en", opened)
    assert en.ctx.as_of_override == date(2024, 3, 31)
    assert en.review_banner.isVisible() and "31/03/2024" in en.review_label.text()
    assert "review" in en.review_label.text().lower() or "past" in en.review_label.text().lower()


def test_the_same_language_changes_nothing(window):
    assert window.switch_language("vi") is window
    assert window.isVisible() and main_windows() == [window]


def new_task_typed(window):
    view = tasks_of(window)
    window.nav.setCurrentRow(window.views.index(view))
    view.table.selectRow(0)
    window.act_new.trigger()
    editor = window.current_editor
    editor.content.setPlainText(CONTENT)
    editor.deadline.setText("Quý IV/2026")
    return editor


def count_all(db) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(Task))


def count_typed(db) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(Task).where(Task.content == CONTENT))


def test_unsaved_typed_work_asks_and_cancel_keeps_everything(qtbot, monkeypatch, window, settings, answer_with):
    editor = new_task_typed(window)
    settings.setValue(KEY_LANGUAGE, "en")  # what Preferences saved on OK
    asker = answer_with(unsaved.CANCEL)
    assert window.switch_language("en") is None
    assert len(asker.asked) == 1
    assert i18n.language() == "vi" and window.isVisible() and shiboken6.isValid(window)
    assert window.act_new.text() == "Thêm mới"
    assert editor.content.toPlainText() == CONTENT and editor.has_unsaved()
    assert main_windows() == [window] and gui_app._OPEN == [window]
    assert saved_language(settings) == "vi"  # the next start is not in the refused language
    qtbot.waitUntil(window.reminders.timer.isActive)  # the old window goes on working
    assert window.ctx.live_refresh.timer.isActive()
    assert count_typed(window.ctx.db) == 0


def test_unsaved_typed_work_saved_then_switched(qtbot, monkeypatch, window, opened, answer_with):
    new_task_typed(window)
    asker = answer_with(unsaved.SAVE)
    en = switched(qtbot, window, "en", opened)
    assert len(asker.asked) == 1 and i18n.language() == "en"
    assert count_typed(en.ctx.db) == 1
    assert main_windows() == [en]


def test_preferences_ok_switches_at_once_and_saves_for_the_next_start(
        qtbot, monkeypatch, window, settings, tmp_path, opened, answer_with):
    asker = answer_with()  # nothing typed anywhere: no "Lưu / Bỏ / Hủy" question (the closed dialog is not one)

    def choose_english(dialog):
        dialog.language.setCurrentIndex(dialog.language.findData("en"))
        dialog.accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(PreferencesDialog, "exec", choose_english)
    db = window.ctx.db
    window.act_prefs.trigger()
    qtbot.waitUntil(lambda: not shiboken6.isValid(window))
    [new] = main_windows()
    opened.append(new)
    assert i18n.language() == "en" and new.act_prefs.text() != "Tùy chọn…"
    assert new.isVisible() and new.ctx.db is db
    again = QSettings(str(tmp_path / "gui.ini"), QSettings.Format.IniFormat)  # as the next start reads it
    assert saved_language(again) == "en"
    assert asker.asked == []


def test_preferences_says_the_language_applies_at_once(qtbot, ctx, settings):
    dialog = PreferencesDialog(ctx, settings)
    qtbot.addWidget(dialog)
    texts = [label.text() for label in dialog.findChildren(type(dialog.message))]
    assert any("ngay" in t for t in texts) and not any("mở lại chương trình" in t for t in texts)


def test_switching_back_and_forth_leaves_nothing_behind(qtbot, qapp, window, opened):
    """No window, menu, dock or timer of an old window survives it (each switch deletes it)."""
    first = switched(qtbot, window, "en", opened)  # (the first one builds Qt's lazy singletons)
    top_level = len(QApplication.topLevelWidgets())
    current = first
    for language in ("vi", "en", "vi", "en"):
        current = switched(qtbot, current, language, opened)
    assert len(QApplication.topLevelWidgets()) == top_level
    assert main_windows() == [current] and gui_app._OPEN == [current]


def test_a_window_that_will_not_close_keeps_the_old_language(qtbot, monkeypatch, window, settings):
    """Should the old window still refuse to close after the question, nothing is switched."""
    answers = [True, False]  # the question before building; then the window's own closeEvent

    def confirm_leave(*roots, **kw):
        return answers.pop(0) if answers else True

    monkeypatch.setattr(unsaved, "confirm_leave", confirm_leave)
    assert window.switch_language("en") is None
    qtbot.wait(10)
    assert i18n.language() == "vi" and saved_language(settings) == "vi"
    assert window.isVisible() and window.act_new.text() == "Thêm mới"
    qtbot.waitUntil(lambda: main_windows() == [window])  # the one built meanwhile is gone
    assert window.ctx.live_refresh.timer.isActive() and window.reminders.timer.isActive()


def test_the_task_rows_are_handed_over_as_if_read_in_the_new_language(qtbot, qapp, window, opened, monkeypatch):
    """The new window does not read 100,000 tasks again; what it is given equals a fresh read."""
    from desktop_app.reports import records as record_reports
    from desktop_app.reports import tasks as task_reports

    show_task(window)
    assert window.ctx.has_task_rows()
    # a programme's short name depends on the language: pretend the English one differs
    real_labels = task_reports.program_labels
    def labels(session, ids=None):
        return {k: ("Draft " + v if i18n.language() == "en" else v) for k, v in real_labels(session, ids).items()}

    monkeypatch.setattr(task_reports, "program_labels", labels)  # what the task list reads
    monkeypatch.setattr(record_reports, "program_labels", labels)  # what the pickers read
    reads = []
    real_fetch = type(window.ctx).fetch_task_rows
    monkeypatch.setattr(type(window.ctx), "fetch_task_rows", lambda self, key=None, stop=None: reads.append(key) or real_fetch(self, key, stop))
    en = switched(qtbot, window, "en", opened)
    assert reads == []  # not read again
    fresh = real_fetch(en.ctx)
    assert en.ctx.task_rows() == fresh and fresh[0].program_label.startswith("Draft ")


@pytest.mark.parametrize("left_open", [True, False])
def test_the_reminder_panel_stays_as_the_user_left_it(qtbot, window, opened, left_open):
    """Closed with its × (not «Nhắc lại ngày mai»), the panel did come back in the new language."""
    qtbot.waitUntil(lambda: window.reminders.dock.isVisible())  # the start-up check (late tasks on 01/07/2024)
    if not left_open:
        window.reminders.dock.close()
    new = window.switch_language("en")
    opened.append(new)
    new.show()
    qtbot.waitExposed(new)
    qtbot.wait(50)  # (the reminders' start-up check has run)
    assert new.reminders.dock.isVisible() == left_open
    new.show_reminders()  # asked for: shown all the same
    assert new.reminders.dock.isVisible()
