"""Long work off the GUI thread, through one mechanism (after Anki's ``QueryOp`` and
``CollectionOp`` in ``qt/aqt/operations/``).

A :class:`QueryOp` runs ``work(job)`` on a pool thread: an export, a PDF conversion, a
report, reading a file. A :class:`CollectionOp` runs an operation that changes data
(``fn(db) -> Changes``) the same way, one write at a time (:meth:`AppContext.execute`),
and announces its changes on the GUI thread as :meth:`AppContext.run` does.

What the user sees while it runs: the wait cursor, the label in the status bar and, after
300 ms, a busy dialog (modal to the window, so a second export cannot start meanwhile)
with "Hủy" where the work can stop. The event loop keeps running all along: the window
repaints, timers fire, the Cancel button answers.

Results and errors come back to the GUI thread by a queued signal. A user error
(:class:`NqdeskError`, ``ValidationError`` among them) is shown as a message, or handed
to ``failure``; :class:`Cancelled` only says so in the status bar; anything else goes to
``sys.excepthook``, i.e. the crash reporter (gui/crash_dialog.py), so nothing is lost.

Each worker thread opens its own sessions (``db.read()``/``db.write()`` make one per call
from the engine's thread-safe pool; pysqlite's ``check_same_thread`` is off for pooled
file databases), so no session or ORM object crosses threads: work returns plain values.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from ..errors import Cancelled, NqdeskError
from .i18n import _

T = TypeVar("T")

SHOW_DIALOG_AFTER_MS = 300
_running: set[QueryOp] = set()  # keeps an operation alive until its result is delivered


class Job:
    """What the work function gets: whether the user asked to stop."""

    def __init__(self) -> None:
        self.cancel_event = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()

    def raise_if_cancelled(self) -> None:
        if self.cancelled:
            raise Cancelled(_("Đã hủy."))


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits ``done`` and the slot runs there."""

    done = Signal(object, object)  # result, exc_info or None

    def __init__(self, op: QueryOp):
        super().__init__()
        self.op = op
        self.done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @Slot(object, object)
    def _deliver(self, result, exc_info) -> None:
        self.op._finish(result, exc_info)


class _WhenShown(QObject):
    """Runs *action* once, when *widget* is next shown."""

    def __init__(self, widget: QWidget, action: Callable[[], Any]):
        super().__init__(widget)
        self.action = action
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt naming
        if event.type() == QEvent.Type.Show:
            watched.removeEventFilter(self)
            self.deleteLater()
            self.action()
        return False


class BusyDialog(QProgressDialog):
    """A busy indicator without a percentage; Escape and closing only cancel when the
    work can be cancelled."""

    def __init__(self, label: str, cancellable: bool, parent: QWidget | None):
        super().__init__(label, _("Hủy") if cancellable else "", 0, 0, parent)
        self.setObjectName("busy-dialog")
        self.cancellable = cancellable
        if not cancellable:
            self.setCancelButton(None)
        self.setWindowTitle(_("Đang thực hiện"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumDuration(0)
        self.setMinimumWidth(420)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape and not self.cancellable:
            return
        super().keyPressEvent(event)

    def closeEvent(self, event) -> None:  # noqa: N802
        if not self.cancellable:
            event.ignore()
            return
        super().closeEvent(event)


class QueryOp(Generic[T]):
    """Run ``work(job)`` off the GUI thread; then ``success(result)`` or the failure path on
    the GUI thread. :meth:`start` returns at once; :meth:`exec` waits for the result in a
    local event loop (as ``QDialog.exec`` does), so a flow can go on with it."""

    def __init__(self, parent: QWidget | None, work: Callable[[Job], T], *, label: str = "",
                 success: Callable[[T], Any] | None = None,
                 failure: Callable[[NqdeskError], Any] | None = None,
                 cancellable: bool = False, quiet: bool = False, busy: bool = True):
        self.parent = parent
        self.quiet = quiet  # filling in a screen already shown: no wait cursor, message or busy dialog
        # False: reading behind a window that stays usable (the first task list): the label in the
        # status bar only, no wait cursor and no busy dialog
        self.busy = busy
        self.work = work
        self.label = label or _("Đang xử lý…")
        self.success = success
        self.failure = failure
        self.cancellable = cancellable
        self.job = Job()
        self.result: T | None = None
        self.error: BaseException | None = None
        self.running = False
        self.done = False
        self.dialog: BusyDialog | None = None
        self._relay = _Relay(self)
        self._loop: QEventLoop | None = None
        self._timer: QTimer | None = None

    @property
    def succeeded(self) -> bool:
        return self.done and self.error is None

    def start(self) -> QueryOp[T]:
        self.running = True
        _running.add(self)
        if not self.quiet:
            self._say_in_status_bar()
        if not self.quiet and self.busy:
            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            self._timer = QTimer()
            self._timer.setSingleShot(True)
            self._timer.timeout.connect(self._show_dialog)
            self._timer.start(SHOW_DIALOG_AFTER_MS)
        relay, work, job = self._relay, self.work, self.job

        def run() -> None:
            try:
                outcome = work(job)
            except BaseException:  # noqa: BLE001 - every failure goes back to the GUI thread
                deliver(None, sys.exc_info())
                return
            deliver(outcome, None)

        def deliver(outcome, exc_info) -> None:
            try:
                relay.done.emit(outcome, exc_info)
            except RuntimeError:  # the program was closed meanwhile: no one waits for it any more
                pass

        QThreadPool.globalInstance().start(run)
        return self

    def exec(self) -> T | None:
        """Start (if not yet) and wait, the event loop running; the result, or None."""
        if not self.running and not self.done:
            self.start()
        if not self.done:
            self._loop = QEventLoop()
            self._loop.exec()
            self._loop = None
        return self.result

    def cancel(self) -> None:
        if self.cancellable and self.running:
            self.job.cancel_event.set()
            bar = self._status_bar()
            if bar is not None:
                bar.showMessage(_("Đang dừng…"))

    # --- on the GUI thread ------------------------------------------------------------------
    def _say_in_status_bar(self) -> None:
        bar = self._status_bar()
        if bar is None:
            return
        if bar.isVisible():
            bar.showMessage(self.label)
        else:  # the window is being built (a read at start-up): said once it is shown; a message
            # shown before would leave the bar's own labels visible under it
            _WhenShown(bar, lambda: self.running and bar.showMessage(self.label))

    def _status_bar(self):
        try:
            window = self.parent.window() if self.parent is not None else None
        except RuntimeError:  # the widget that started it was closed meanwhile
            return None
        return window.statusBar() if window is not None and hasattr(window, "statusBar") else None

    def _show_dialog(self) -> None:
        if not self.running:
            return
        self.dialog = BusyDialog(self.label, self.cancellable, self.parent)
        self.dialog.canceled.connect(self.cancel)
        self.dialog.show()

    def _finish(self, result, exc_info) -> None:
        self.running = False
        self.done = True
        if self._timer is not None:
            self._timer.stop()
        if self.dialog is not None:
            self.dialog.canceled.disconnect(self.cancel)
            self.dialog.cancellable = True  # let it close
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None
        if not self.quiet and self.busy:
            QGuiApplication.restoreOverrideCursor()
        if not self.quiet:
            bar = self._status_bar()
            if bar is not None:
                bar.clearMessage()
        if self._loop is not None:
            self._loop.quit()
        try:
            if exc_info is None:
                self.result = result
                self._succeeded(result)
            else:
                self.error = exc_info[1]
                self._failed(exc_info)
        finally:
            _running.discard(self)

    def _succeeded(self, result) -> None:
        if self.success is not None:
            self.success(result)

    def _failed(self, exc_info) -> None:
        exc = exc_info[1]
        if isinstance(exc, Cancelled) and self.quiet:
            return  # (the screen it was filling in was closed)
        bar = self._status_bar()
        if isinstance(exc, Cancelled) and (bar is not None or self.failure is None):
            if bar is not None:
                bar.showMessage(str(exc) or _("Đã hủy."), 8000)
        elif isinstance(exc, NqdeskError):
            if self.failure is not None:
                self.failure(exc)
            else:
                QMessageBox.warning(self.parent, _("Không thực hiện được"), str(exc))
        else:
            sys.excepthook(*exc_info)


class CollectionOp(QueryOp):
    """An operation that changes data, ``fn(db) -> Changes``, run off the GUI thread; writes
    are serialised with every other write of the program (:meth:`AppContext.execute`), and
    the changes are announced on the GUI thread before ``success(changes)``."""

    def __init__(self, parent: QWidget | None, ctx, fn: Callable[..., Any], **kwargs):
        self.ctx = ctx
        super().__init__(parent, lambda job: ctx.execute(fn), **kwargs)

    def _succeeded(self, result) -> None:
        self.ctx.finish(result)
        super()._succeeded(result)
