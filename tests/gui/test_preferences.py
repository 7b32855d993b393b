"""The Preferences dialog and automatic backups."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QSettings, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from desktop_app.gui import backup, i18n, preferences
from desktop_app.gui.backup import auto_backup, list_backups
from desktop_app.gui.preferences import PreferencesDialog
from desktop_app.ops.settings import get_setting
from desktop_app.ops.undo import undo, undo_state
from desktop_app.store.db import data_dir, default_backup_path

AS_OF = date(2024, 7, 1)  # the as-of override of the ctx fixture (tests/gui/conftest.py)


@pytest.fixture
def settings(tmp_path):
    s = QSettings(str(tmp_path / "gui.ini"), QSettings.Format.IniFormat)
    yield s
    s.sync()


def reread(settings: QSettings) -> QSettings:
    """The settings file as a fresh program start would read it."""
    settings.sync()
    return QSettings(settings.fileName(), QSettings.Format.IniFormat)


class UrlCatcher(QObject):
    """Stands in for the file manager: QDesktopServices.openUrl calls it instead."""

    def __init__(self):
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


@pytest.fixture
def opened_urls(qapp):
    catcher = UrlCatcher()
    QDesktopServices.setUrlHandler("file", catcher, "open")
    yield catcher.urls
    QDesktopServices.unsetUrlHandler("file")


def make_dialog(qtbot, ctx, settings) -> PreferencesDialog:
    dialog = PreferencesDialog(ctx, settings)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def press(dialog: PreferencesDialog, which: QDialogButtonBox.StandardButton) -> None:
    dialog.buttons.button(which).click()


OK = QDialogButtonBox.StandardButton.Ok
CANCEL = QDialogButtonBox.StandardButton.Cancel


def test_shows_current_values(qtbot, ctx, settings):
    dialog = make_dialog(qtbot, ctx, settings)
    assert dialog.language.currentData() == "vi"
    assert dialog.as_of_enabled.isChecked()
    assert dialog.as_of_date.text() == "01/07/2024"
    assert dialog.due_soon.value() == get_setting(ctx.db, "due_soon_days") == 14
    assert dialog.place.text() == get_setting(ctx.db, "place")
    assert dialog.auto_backup.isChecked() and dialog.keep.value() == 10
    assert dialog.findChild(type(dialog.message), "data-folder").text() == str(data_dir())
    assert dialog.findChild(type(dialog.message), "database-file").text() == str(ctx.db.path)


def test_dialog_in_english(qtbot, ctx, settings):
    i18n.set_language("en")
    try:
        dialog = make_dialog(qtbot, ctx, settings)
        assert dialog.windowTitle() == "Preferences"
        assert dialog.auto_backup.text() == "Back up automatically when the program opens"
        assert dialog.keep.suffix() == " copies"
        dialog.keep.setValue(1)
        assert dialog.keep.suffix() == " copy"
    finally:
        i18n.set_language("vi")


def test_no_override_shows_today_disabled(qtbot, empty_ctx, settings):
    dialog = make_dialog(qtbot, empty_ctx, settings)
    assert not dialog.as_of_enabled.isChecked()
    assert not dialog.as_of_date.isEnabled()
    assert dialog.as_of_date.text() == date.today().strftime("%d/%m/%Y")
    dialog.as_of_enabled.setChecked(True)
    assert dialog.as_of_date.isEnabled()


def test_accept_applies_everything(qtbot, ctx, settings):
    as_of_seen = []
    ctx.as_of_changed.connect(as_of_seen.append)
    changes_seen = []
    ctx.changed.connect(changes_seen.append)
    dialog = make_dialog(qtbot, ctx, settings)

    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.as_of_date.setText("31/3/2024")
    dialog.due_soon.setValue(30)
    dialog.place.setText("  Cao  Bằng ")
    assert dialog.report_period.currentData() == "quarter"
    dialog.report_period.setCurrentIndex(dialog.report_period.findData("half_year"))
    dialog.auto_backup.setChecked(False)
    press(dialog, OK)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.language_changed and dialog.chosen_language == "en"
    saved = reread(settings)
    assert saved.value("ui/language") == "en"
    assert saved.value("ui/as_of_override") == "2024-03-31"
    assert backup.auto_enabled(saved) is False
    assert preferences.saved_language(saved) == "en"
    assert preferences.saved_as_of_override(saved) == date(2024, 3, 31)

    assert ctx.as_of == date(2024, 3, 31) and as_of_seen == [date(2024, 3, 31)]
    assert get_setting(ctx.db, "due_soon_days") == 30 and ctx.due_soon_days == 30
    assert get_setting(ctx.db, "place") == "Cao Bằng"
    assert get_setting(ctx.db, "continuous_report_period") == "half_year"
    assert [c.touches("settings") for c in changes_seen] == [True, True, True]
    # The dialog only says so: the main window switches (tests/gui/test_live_language.py).
    assert i18n.language() == "vi"


def test_database_settings_are_undoable(qtbot, ctx, settings):
    dialog = make_dialog(qtbot, ctx, settings)
    dialog.due_soon.setValue(7)
    dialog.place.setText("Hà Giang")
    press(dialog, OK)
    assert undo_state(ctx.db).undo_text == "Hoàn tác: Đổi thiết lập «Địa danh»"
    ctx.run(undo)
    assert get_setting(ctx.db, "place") == "Lạng Sơn"
    assert undo_state(ctx.db).undo_text == "Hoàn tác: Đổi thiết lập «Số ngày báo trước hạn»"
    ctx.run(undo)
    assert get_setting(ctx.db, "due_soon_days") == 14
    assert ctx.due_soon_days == 14


def test_unchanged_values_write_no_operation(qtbot, ctx, settings):
    before = undo_state(ctx.db)
    dialog = make_dialog(qtbot, ctx, settings)
    press(dialog, OK)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert undo_state(ctx.db) == before


def test_keep_count_and_clearing_the_override(qtbot, ctx, settings):
    dialog = make_dialog(qtbot, ctx, settings)
    dialog.keep.setValue(3)
    dialog.as_of_enabled.setChecked(False)
    press(dialog, OK)
    saved = reread(settings)
    assert backup.keep_count(saved) == 3 and backup.auto_enabled(saved)
    assert saved.value("ui/as_of_override") == ""
    assert ctx.as_of_override is None and ctx.as_of == date.today()


@pytest.mark.parametrize("text, fragment", [
    ("31/02/2024", "không có ngày 31"),
    ("hôm qua", "Không hiểu ngày"),
    ("", "Chưa nhập ngày"),
])
def test_bad_date_keeps_dialog_open(qtbot, ctx, settings, text, fragment):
    dialog = make_dialog(qtbot, ctx, settings)
    dialog.due_soon.setValue(21)
    dialog.as_of_date.setText(text)
    press(dialog, OK)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.as_of_error.isVisible() and fragment in dialog.as_of_error.text()
    # nothing was applied
    assert get_setting(ctx.db, "due_soon_days") == 14
    assert ctx.as_of == AS_OF
    assert reread(settings).value("ui/as_of_override") is None

    dialog.as_of_date.setText("15/06/2024")
    press(dialog, OK)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert not dialog.as_of_error.isVisible()
    assert ctx.as_of == date(2024, 6, 15)
    assert get_setting(ctx.db, "due_soon_days") == 21


def test_future_date_refused(qtbot, ctx, settings):
    dialog = make_dialog(qtbot, ctx, settings)
    dialog.as_of_date.setText((date.today() + timedelta(days=2)).strftime("%d/%m/%Y"))
    press(dialog, OK)
    assert dialog.isVisible()
    assert "đã qua" in dialog.as_of_error.text()


def test_empty_place_refused(qtbot, ctx, settings):
    dialog = make_dialog(qtbot, ctx, settings)
    dialog.place.setText("   ")
    press(dialog, OK)
    assert dialog.isVisible() and dialog.place_error.isVisible()
    assert get_setting(ctx.db, "place") == "Lạng Sơn"


def test_cancel_changes_nothing(qtbot, ctx, settings):
    before = undo_state(ctx.db)
    dialog = make_dialog(qtbot, ctx, settings)
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.as_of_enabled.setChecked(False)
    dialog.due_soon.setValue(99)
    dialog.place.setText("Hà Nội")
    dialog.auto_backup.setChecked(False)
    press(dialog, CANCEL)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert reread(settings).allKeys() == []
    assert not Path(settings.fileName()).exists() or Path(settings.fileName()).read_text() == ""
    assert ctx.as_of == AS_OF
    assert get_setting(ctx.db, "due_soon_days") == 14 and get_setting(ctx.db, "place") == "Lạng Sơn"
    assert undo_state(ctx.db) == before


def test_open_data_folder(qtbot, ctx, settings, opened_urls):
    dialog = make_dialog(qtbot, ctx, settings)
    dialog.open_data_folder.click()
    assert [Path(u.toLocalFile()) for u in opened_urls] == [data_dir()]
    # the test database lives outside the data folder: a second button opens its folder
    assert dialog.open_db_folder is not None
    dialog.open_db_folder.click()
    assert Path(opened_urls[-1].toLocalFile()) == ctx.db.path.parent


# --- automatic backups -------------------------------------------------------------------------

def _fake_backup(db_path: Path, made: datetime, label: str = backup.AUTO_LABEL) -> Path:
    folder = db_path.parent / "backups"
    folder.mkdir(exist_ok=True)
    suffix = f"-{label}" if label else ""
    path = folder / f"{db_path.stem}-{made:%Y%m%d-%H%M%S-%f}{suffix}.sqlite3"
    path.write_bytes(b"old")
    return path


def test_auto_backup_once_a_day_and_prunes(sqlite_db, tmp_path):
    settings = QSettings(str(tmp_path / "gui.ini"), QSettings.Format.IniFormat)
    settings.setValue(backup.KEY_KEEP, 3)
    now = datetime.now()
    old_auto = [_fake_backup(sqlite_db.path, now - timedelta(days=d)) for d in range(5, 0, -1)]
    manual = _fake_backup(sqlite_db.path, now - timedelta(days=30), label="")
    upgrade = _fake_backup(sqlite_db.path, now - timedelta(days=40), label="truoc-nang-cap-0001")

    made = auto_backup(sqlite_db, settings)
    assert made is not None and made.exists() and made.name.endswith("-tu-dong.sqlite3")
    assert made.parent == sqlite_db.path.parent / "backups"
    con = sqlite3.connect(made)
    try:
        assert con.execute("select count(*) from settings").fetchone() is not None
    finally:
        con.close()
    remaining = [p for _m, label, p in list_backups(sqlite_db.path) if label == backup.AUTO_LABEL]
    assert remaining == [*old_auto[-2:], made]  # keep 3: the two newest old ones and today's
    assert manual.exists() and upgrade.exists()  # never pruned

    assert auto_backup(sqlite_db, settings) is None  # already one today
    assert len(list(made.parent.iterdir())) == 5
    # the next day, another one
    tomorrow = auto_backup(sqlite_db, settings, today=date.today() + timedelta(days=1))
    assert tomorrow is not None and tomorrow != made


def test_auto_backup_counts_any_backup_made_today(sqlite_db, tmp_path):
    settings = QSettings(str(tmp_path / "gui.ini"), QSettings.Format.IniFormat)
    sqlite_db.backup(default_backup_path(sqlite_db.path))  # "Sao lưu ngay" earlier today
    assert auto_backup(sqlite_db, settings) is None


def test_auto_backup_disabled(sqlite_db, tmp_path):
    settings = QSettings(str(tmp_path / "gui.ini"), QSettings.Format.IniFormat)
    settings.setValue(backup.KEY_AUTO, False)
    settings.sync()
    assert auto_backup(sqlite_db, QSettings(settings.fileName(), QSettings.Format.IniFormat)) is None
    assert not (sqlite_db.path.parent / "backups").exists()


def test_auto_backup_never_raises(sqlite_db, tmp_path, monkeypatch, caplog):
    settings = QSettings(str(tmp_path / "gui.ini"), QSettings.Format.IniFormat)

    def broken(*_a, **_k):
        raise OSError("ổ đĩa đầy")

    monkeypatch.setattr(type(sqlite_db), "backup", broken)
    assert auto_backup(sqlite_db, settings) is None
    assert "Sao lưu tự động thất bại" in caplog.text


def test_keep_count_tolerates_damaged_values(tmp_path):
    settings = QSettings(str(tmp_path / "gui.ini"), QSettings.Format.IniFormat)
    assert backup.keep_count(settings) == 10 and backup.auto_enabled(settings)
    settings.setValue(backup.KEY_KEEP, "nhiều")
    assert backup.keep_count(settings) == 10
    settings.setValue(backup.KEY_KEEP, 0)
    assert backup.keep_count(settings) == 1
