"""Nothing fails silently: an unexpected exception anywhere in the GUI (a slot, a virtual
method such as ``data()`` or ``eventFilter()``, a worker thread) is written to the log file
and shown in a dialog in the user's language, and the program keeps running.

PySide6 hands an exception raised in a slot or a virtual method to ``sys.excepthook`` and
goes on; :class:`CrashReporter` installs itself there (and as ``threading.excepthook``).
The dialog is shown on the GUI thread once the failing code has unwound (a queued signal),
never more than one at a time: errors while it is open are logged and counted on it.
Each operation is one database transaction, rolled back when it fails, so the data stays
consistent; what may be out of date is the screen, which the message says.

The traceback never reaches the user's screen: it is in the log, and "Sao chép chi tiết"
copies it (with the version and system) for a support request.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from datetime import datetime
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QObject, Qt, QtMsgType, QUrl, Signal, qInstallMessageHandler, qVersion
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QApplication, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QMessageBox, QPushButton, QStyle,
    QVBoxLayout, QWidget,
)

from ..logging_setup import environment_text, log_exception, log_path, logger
from .i18n import _

qt_logger = logging.getLogger("desktop_app.qt")


def error_details(exc_type, exc, tb) -> str:
    """What "Sao chép chi tiết" copies: when, versions, system and the traceback."""
    return (f"{datetime.now().isoformat(timespec='seconds')}\n{environment_text()}\n"
            f"PySide6 {pyside_version}, Qt {qVersion()}\n\n"
            + "".join(traceback.format_exception(exc_type, exc, tb)).rstrip())


def _log_place(path: Path | None) -> str:
    if path is None:
        return _("Không ghi được tệp nhật ký; hãy bấm «Sao chép chi tiết» để giữ lại thông tin về lỗi.")
    return _("Chi tiết đã được ghi vào tệp nhật ký:\n{path}").format(path=path)


class CrashDialog(QDialog):
    """"Đã xảy ra lỗi": a short message, where the log is, and buttons to copy the details,
    open the log folder and close."""

    def __init__(self, details: str, log_file: Path | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("crash-dialog")
        self.setWindowTitle(_("Đã xảy ra lỗi"))
        self.details = details
        self.more_count = 0
        self.log_file = log_file
        icon = QLabel(self)
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(48, 48))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.message = QLabel(
            _("Đã xảy ra lỗi ngoài dự kiến. Chương trình vẫn tiếp tục chạy, nhưng thao tác vừa rồi có thể "
              "chưa hoàn tất: hãy xem lại dữ liệu vừa sửa. Dữ liệu đã lưu trước đó không bị ảnh hưởng."), self)
        self.message.setObjectName("crash-message")
        self.log_label = QLabel(_log_place(log_file), self)
        self.log_label.setObjectName("crash-log")
        self.log_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hint = QLabel(_("Khi báo lỗi cho người quản trị, hãy bấm «Sao chép chi tiết» rồi dán vào thư "
                             "hoặc tin nhắn."), self)
        self.more = QLabel(self)
        self.more.setObjectName("crash-more")
        self.more.hide()
        for label in (self.message, self.log_label, self.hint, self.more):
            label.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        self.copy_button = QPushButton(_("Sao chép chi tiết"), self)
        self.copy_button.setObjectName("copy-details")
        self.copy_button.clicked.connect(self.copy_details)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.folder_button = QPushButton(_("Mở thư mục nhật ký"), self)
        self.folder_button.setObjectName("open-log-folder")
        self.folder_button.clicked.connect(self.open_log_folder)
        self.folder_button.setVisible(log_file is not None)
        buttons.addButton(self.folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = buttons.addButton(_("Đóng"), QDialogButtonBox.ButtonRole.RejectRole)
        self.close_button.setObjectName("close")
        self.close_button.setDefault(True)
        buttons.rejected.connect(self.reject)
        text = QVBoxLayout()
        for label in (self.message, self.log_label, self.hint, self.more):
            text.addWidget(label)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def add_error(self, details: str) -> None:
        """Another error while the dialog is open: counted here, its details appended."""
        self.more_count += 1
        self.details += "\n\n" + "-" * 60 + "\n" + details
        self.more.setText(_("Thêm {n} lỗi khác đã xảy ra trong khi hộp thoại này đang mở (cũng đã ghi vào "
                            "nhật ký).").format(n=self.more_count))
        self.more.show()

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.copy_button.setText(_("Đã sao chép"))

    def open_log_folder(self) -> None:
        if self.log_file is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.log_file.parent)))


class CrashReporter(QObject):
    """Installed as ``sys.excepthook`` and ``threading.excepthook`` while the GUI runs."""

    _report = Signal(str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.dialog: CrashDialog | None = None
        self.errors = 0
        self._broken = False  # the dialog itself failed: from then on, log only
        self._previous: tuple | None = None
        # Queued even from the GUI thread: the dialog opens once the failing code has unwound.
        self._report.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        if self._previous is None:
            self._previous = (sys.excepthook, threading.excepthook)
            sys.excepthook = self.excepthook
            threading.excepthook = self.thread_excepthook

    def uninstall(self) -> None:
        if self._previous is not None:
            if sys.excepthook == self.excepthook:
                sys.excepthook = self._previous[0]
            if threading.excepthook == self.thread_excepthook:
                threading.excepthook = self._previous[1]
            self._previous = None

    def excepthook(self, exc_type, exc, tb) -> None:
        if issubclass(exc_type, (KeyboardInterrupt, SystemExit)):
            QApplication.quit()  # Ctrl+C in a terminal, sys.exit() in a slot: stop as asked
            return
        self.report(exc_type, exc, tb)

    def thread_excepthook(self, args) -> None:
        if args.exc_type is SystemExit:
            return
        where = getattr(args.thread, "name", "?")
        self.report(args.exc_type, args.exc_value, args.exc_traceback, f" (luồng {where})")

    def report(self, exc_type, exc, tb, where: str = "") -> None:
        """Log the exception and ask for the dialog (shown from the event loop)."""
        self.errors += 1
        try:
            details = error_details(exc_type, exc, tb)
            log_exception(f"Lỗi ngoài dự kiến{where}: {exc_type.__name__}: {exc}", (exc_type, exc, tb))
        except Exception:  # noqa: BLE001 - reporting must not raise into the hook
            details = f"{exc_type.__name__}: {exc}"
        self._report.emit(details)

    def _show(self, details: str) -> None:
        if self._broken:
            return
        if self.dialog is not None:
            self.dialog.add_error(details)
            return
        try:
            parent = QApplication.activeWindow()
            dialog = CrashDialog(details, log_path(), parent)
            dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.finished.connect(self._closed)
            self.dialog = dialog
            dialog.show()
        except Exception:  # noqa: BLE001 - never loop on a dialog that cannot be shown
            self._broken = True
            self.dialog = None
            logger.exception("Không hiển thị được hộp thoại báo lỗi")

    def _closed(self, _result: int = 0) -> None:
        self.dialog = None


def log_qt_messages():
    """Write Qt's own warnings (and worse) to the log, also printing them where there is a
    console; returns the handler it replaced (to restore). The tests leave this to pytest-qt."""

    def handler(mode, context, message):
        if mode in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
            where = f" ({context.file}:{context.line})" if context.file else ""
            qt_logger.warning("%s%s", message, where)
        if sys.stderr is not None:
            print(message, file=sys.stderr)

    log_qt_messages.handler = handler  # keep the function alive while Qt holds it
    return qInstallMessageHandler(handler)


def show_startup_error(exc_info) -> None:
    """An unexpected error before the main window is up: logged, and a message box."""
    path = log_exception("NQ Desk không khởi động được", exc_info)
    text = _("NQ Desk không khởi động được do một lỗi ngoài dự kiến.") + "\n\n" + _log_place(path)
    if QApplication.instance() is None:  # failed before Qt started: no window can be shown
        if sys.stderr is not None and path is not None:
            print(text, file=sys.stderr)
        return
    try:
        box = QMessageBox(QMessageBox.Icon.Critical, _("Đã xảy ra lỗi"), text)
        box.exec()
    except Exception:  # noqa: BLE001 - no GUI at all: the log has it
        logger.exception("Không hiển thị được thông báo lỗi khởi động")
