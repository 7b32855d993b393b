"""Nothing fails silently (issue 10): the log file, the crash dialog for an unexpected
exception anywhere in the GUI (slots, threads, start-up), and a database failure during an
edit shown as a message."""

from __future__ import annotations

import logging
import logging.handlers
import sqlite3
import sys
import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy.exc import OperationalError

from desktop_app import __version__, logging_setup
from desktop_app.gui import app as gui_app
from desktop_app.gui.crash_dialog import CrashDialog, CrashReporter
from desktop_app.store.db import data_dir


class Boom(RuntimeError):
    pass


def raise_boom(message: str = "hỏng ở đây"):
    raise Boom(message)


def exc_info_of(fn):
    try:
        fn()
    except Exception:  # noqa: BLE001
        return sys.exc_info()
    raise AssertionError("did not raise")


def crash_dialogs() -> list[CrashDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, CrashDialog) and w.isVisible()]


@pytest.fixture
def reporter(qapp):
    r = CrashReporter()
    yield r
    r.uninstall()
    if r.dialog is not None:
        r.dialog.close()
    r.deleteLater()


# --- the log file ------------------------------------------------------------------------------

def test_log_file_in_the_data_folder_rotates_at_1_mb_keeping_5(tmp_path):
    path = logging_setup.setup_logging()
    assert path == data_dir() / "logs" / "nqdesk.log" == logging_setup.log_path()
    handler = next(h for h in logging_setup.logger.handlers if isinstance(h, logging.handlers.RotatingFileHandler))
    assert (handler.maxBytes, handler.backupCount, handler.encoding) == (1_000_000, 5, "utf-8")
    logging_setup.logger.info("Đã mở cơ sở dữ liệu")
    handler.flush()
    assert "Đã mở cơ sở dữ liệu" in path.read_text(encoding="utf-8")
    assert logging_setup.setup_logging() == path and logging_setup.logger.handlers == [handler]  # once


def test_the_log_file_does_not_hide_records_from_others(tmp_path, caplog):
    """Records still reach the root logger (pytest's caplog, test_preferences' backup test)."""
    logging_setup.setup_logging(tmp_path / "nqdesk.log")
    logging.getLogger("desktop_app.gui.backup").error("Sao lưu tự động thất bại")
    assert "Sao lưu tự động thất bại" in caplog.text


def test_log_file_rotates(tmp_path, monkeypatch):
    monkeypatch.setattr(logging_setup, "MAX_BYTES", 300)
    path = logging_setup.setup_logging(tmp_path / "logs" / "nqdesk.log")
    for i in range(40):
        logging_setup.logger.warning("dòng nhật ký số %d", i)
    logging_setup.shutdown_logging()
    names = sorted(p.name for p in path.parent.iterdir())
    assert names == ["nqdesk.log"] + [f"nqdesk.log.{i}" for i in range(1, 6)]
    assert "dòng nhật ký số 39" in path.read_text(encoding="utf-8")


def test_unwritable_log_folder_falls_back_to_stderr(tmp_path, capsys, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    assert logging_setup.setup_logging(blocker / "logs" / "nqdesk.log") is None
    assert logging_setup.log_path() is None
    logging_setup.log_exception("Lỗi thử", exc_info_of(raise_boom))
    err = capsys.readouterr().err
    assert "Lỗi thử" in err and "Boom: hỏng ở đây" in err
    logging_setup.shutdown_logging()
    monkeypatch.setattr(sys, "stderr", None)  # pythonw: no console at all, and still no error
    assert logging_setup.setup_logging(blocker / "logs" / "nqdesk.log") is None
    logging_setup.log_exception("Lỗi thử", exc_info_of(raise_boom))


def test_records_of_every_module_reach_the_log_file(tmp_path, monkeypatch):
    """e.g. a failed automatic backup, logged by desktop_app.gui.backup (never fatal, never lost)."""
    from PySide6.QtCore import QSettings

    from desktop_app.gui.backup import auto_backup
    from desktop_app.store.db import open_database

    path = logging_setup.setup_logging(tmp_path / "logs" / "nqdesk.log")
    db = open_database(tmp_path / "nqdesk.sqlite3", create=True)
    try:
        monkeypatch.setattr(db, "backup", lambda *_a: raise_boom("ổ đĩa đầy"))
        assert auto_backup(db, QSettings(str(tmp_path / "gui.ini"), QSettings.Format.IniFormat)) is None
    finally:
        db.close()
    logging_setup.shutdown_logging()
    logged = path.read_text(encoding="utf-8")
    assert "ERROR desktop_app.gui.backup" in logged and "Boom: ổ đĩa đầy" in logged


# --- the crash dialog ---------------------------------------------------------------------------

def test_an_exception_shows_the_dialog_logs_it_and_copies_the_details(qtbot, reporter):
    reporter.excepthook(*exc_info_of(lambda: raise_boom("không đọc được dòng 7")))
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    dialog = reporter.dialog
    assert dialog.windowTitle() == "Đã xảy ra lỗi"
    assert dialog.message.text().startswith("Đã xảy ra lỗi ngoài dự kiến. Chương trình vẫn tiếp tục chạy")
    log_file = data_dir() / "logs" / "nqdesk.log"
    assert str(log_file) in dialog.log_label.text()
    shown = " ".join(label.text() for label in (dialog.message, dialog.log_label, dialog.hint))
    assert "Traceback" not in shown and "raise_boom" not in shown  # no traceback on screen
    assert [b.text() for b in (dialog.copy_button, dialog.folder_button, dialog.close_button)] == [
        "Sao chép chi tiết", "Mở thư mục nhật ký", "Đóng"]

    dialog.copy_button.click()
    copied = QApplication.clipboard().text()
    assert "Traceback (most recent call last)" in copied and "Boom: không đọc được dòng 7" in copied
    assert f"NQ Desk {__version__}" in copied and "Python " in copied and "Qt " in copied
    import platform

    assert platform.platform() in copied
    assert dialog.copy_button.text() == "Đã sao chép"

    logged = log_file.read_text(encoding="utf-8")
    assert "Lỗi ngoài dự kiến: Boom: không đọc được dòng 7" in logged
    assert "Traceback (most recent call last)" in logged and 'raise Boom(message)' in logged

    dialog.close_button.click()
    assert reporter.dialog is None and not crash_dialogs()


def test_one_dialog_at_a_time_further_errors_are_counted(qtbot, reporter):
    reporter.excepthook(*exc_info_of(lambda: raise_boom("lỗi thứ nhất")))
    qtbot.waitUntil(lambda: reporter.dialog is not None)
    dialog = reporter.dialog
    reporter.excepthook(*exc_info_of(lambda: raise_boom("lỗi thứ hai")))
    reporter.excepthook(*exc_info_of(lambda: raise_boom("lỗi thứ ba")))
    qtbot.waitUntil(lambda: dialog.more_count == 2)
    assert crash_dialogs() == [dialog] and reporter.dialog is dialog
    assert dialog.more.isVisible() and "Thêm 2 lỗi khác" in dialog.more.text()
    dialog.copy_details()
    copied = QApplication.clipboard().text()
    assert all(f"lỗi thứ {n}" in copied for n in ("nhất", "hai", "ba"))
    logged = (data_dir() / "logs" / "nqdesk.log").read_text(encoding="utf-8")
    assert all(f"lỗi thứ {n}" in logged for n in ("nhất", "hai", "ba"))
    dialog.reject()
    assert reporter.dialog is None and reporter.errors == 3
    reporter.excepthook(*exc_info_of(lambda: raise_boom("lỗi sau khi đóng")))  # a new dialog again
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog is not dialog)


def test_a_slot_that_raises_reaches_the_dialog_and_the_program_goes_on(qtbot, reporter):
    """The real path: PySide6 hands a slot's exception to sys.excepthook (installed by the
    program; here it replaces pytest-qt's capture for the length of the test)."""
    reporter.install()
    assert sys.excepthook == reporter.excepthook
    after = []
    QTimer.singleShot(0, lambda: raise_boom("dans un slot"))
    QTimer.singleShot(5, lambda: after.append("still running"))
    qtbot.waitUntil(lambda: reporter.dialog is not None and bool(after))
    reporter.uninstall()
    assert sys.excepthook != reporter.excepthook
    reporter.dialog.copy_details()
    assert "Boom: dans un slot" in QApplication.clipboard().text()


def test_an_exception_in_a_thread_reaches_the_dialog(qtbot, reporter):
    reporter.install()
    worker = threading.Thread(target=lambda: raise_boom("trong luồng phụ"), name="xuat-word")
    worker.start()
    worker.join()
    reporter.uninstall()
    qtbot.waitUntil(lambda: reporter.dialog is not None)
    reporter.dialog.copy_details()
    assert "Boom: trong luồng phụ" in QApplication.clipboard().text()
    assert "(luồng xuat-word)" in (data_dir() / "logs" / "nqdesk.log").read_text(encoding="utf-8")


def test_start_up_error_is_logged_and_shown_then_exit_code_1(qapp, tmp_path, monkeypatch, capsys):
    def broken_window(*_args, **_kwargs):
        raise Boom("cửa sổ chính hỏng")

    shown = []
    monkeypatch.setattr(gui_app, "build_window", broken_window)
    monkeypatch.setattr(gui_app.i18n, "install_qt_translator", lambda app: None)  # stays for the session
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append((box.windowTitle(), box.text())) or 0)
    hooks = sys.excepthook, threading.excepthook
    assert gui_app.run(str(tmp_path / "nqdesk.sqlite3")) == 1
    assert (sys.excepthook, threading.excepthook) == hooks  # the program's hooks are gone again
    log_file = data_dir() / "logs" / "nqdesk.log"
    [(title, text)] = shown
    assert title == "Đã xảy ra lỗi"
    assert text.startswith("NQ Desk không khởi động được do một lỗi ngoài dự kiến.") and str(log_file) in text
    logged = log_file.read_text(encoding="utf-8")
    assert "NQ Desk không khởi động được" in logged and "Boom: cửa sổ chính hỏng" in logged
    assert "Traceback (most recent call last)" in logged
    out, err = capsys.readouterr()
    assert "Traceback" not in err + out and "cửa sổ chính hỏng" not in err + out


def test_qt_warnings_go_to_the_log_in_the_program(qapp, tmp_path):
    from PySide6.QtCore import qInstallMessageHandler, qWarning

    from desktop_app.gui.crash_dialog import log_qt_messages

    path = logging_setup.setup_logging(tmp_path / "nqdesk.log")
    previous = log_qt_messages()
    try:
        qWarning("một cảnh báo của Qt")
    finally:
        qInstallMessageHandler(previous)  # pytest-qt's own handler again
    logging_setup.shutdown_logging()
    assert "WARNING desktop_app.qt" in path.read_text(encoding="utf-8")
    assert "một cảnh báo của Qt" in path.read_text(encoding="utf-8")


# --- a database failure during an edit ------------------------------------------------------------

def _locked(*_args, **_kwargs):
    raise OperationalError("UPDATE tasks SET …", {}, sqlite3.OperationalError("database is locked"))


def test_database_failure_during_an_edit_is_a_message_next_to_the_field(qtbot, ctx, monkeypatch):
    from desktop_app.gui.editors.task_editor import TaskEditor
    from desktop_app.ops import tasks as task_ops
    from desktop_app.store.models import Task

    editor = TaskEditor(ctx)
    qtbot.addWidget(editor)
    with ctx.db.read() as s:
        task_id = s.query(Task.id).order_by(Task.id).first()[0]
    editor.load(task_id)
    before = editor.product.text()
    monkeypatch.setattr(task_ops, "update_task", _locked)
    editor.product.setText("Đề án mới")
    editor.product.editingFinished.emit()  # an escaping exception would fail this test (pytest-qt)
    assert editor.product.text() == "Đề án mới"  # nothing typed is lost
    message = editor.fields["product"].error.text()
    assert "khóa" in message and "thử lại" in message and "nguyên vẹn" in message
    with ctx.db.read() as s:
        assert s.get(Task, task_id).product == before
    assert "database is locked" in (data_dir() / "logs" / "nqdesk.log").read_text(encoding="utf-8")


def test_try_run_turns_a_database_failure_into_a_message(ctx):
    changes, error = ctx.try_run(_locked)
    assert changes is None and "khóa" in error and "thử lại" in error

    def disk_full(_db):
        raise OperationalError("INSERT …", {}, sqlite3.OperationalError("database or disk is full"))

    changes, error = ctx.try_run(disk_full)
    assert changes is None and "đầy" in error and "nguyên vẹn" in error


def test_a_cell_that_cannot_be_shown_is_a_placeholder_and_is_logged_once(qapp, tmp_path):
    from types import SimpleNamespace

    from desktop_app.gui.table_model import PLACEHOLDER, Column, RowCacheModel

    class Model(RowCacheModel):
        def row_id(self, row):
            return row.id

    path = logging_setup.setup_logging(tmp_path / "nqdesk.log")
    model = Model([Column("title", "Tên", lambda r: r.title),
                   Column("broken", "Hỏng", lambda r: r.title + r.missing)])
    model.set_rows([SimpleNamespace(id=1, title="A"), SimpleNamespace(id=2, title="B")])
    assert model.index(0, 0).data() == "A"
    assert [model.index(r, 1).data() for r in (0, 1, 0)] == [PLACEHOLDER] * 3
    logging_setup.shutdown_logging()
    logged = path.read_text(encoding="utf-8")
    assert logged.count("Ô không hiển thị được (Model, cột broken)") == 1
    assert "AttributeError" in logged
