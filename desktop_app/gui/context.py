"""The application context shared by all windows: the open database, the as-of date,
running operations and announcing what they changed (as Anki's CollectionOp/OpChanges)."""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QObject, Signal
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from ..errors import NqdeskError
from ..logging_setup import log_exception
from ..ops.base import Changes, ValidationError
from ..ops.settings import get_setting
from ..store.db import Database, StoreError, storage_error_message
from .i18n import _


class AppContext(QObject):
    """Owns the database for the GUI. ``changed`` is emitted after every successful
    operation (and undo/redo) so each view decides whether to refresh."""

    changed = Signal(object)  # Changes
    as_of_changed = Signal(object)  # date
    error = Signal(str)

    def __init__(self, db: Database, as_of_override: date | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.db = db
        self._as_of_override = as_of_override
        self.due_soon_days: int = get_setting(db, "due_soon_days")
        self._own_entries: set[int] = set()
        # Two operations never write at once, whether on the GUI thread or in the background.
        self._write_lock = threading.RLock()

    @property
    def as_of(self) -> date:
        """The day statuses are judged on: today, unless reviewing a past date."""
        return self._as_of_override or date.today()

    @property
    def as_of_override(self) -> date | None:
        return self._as_of_override

    def set_as_of_override(self, day: date | None) -> None:
        self._as_of_override = day
        self.as_of_changed.emit(self.as_of)

    TASK_ENTITIES = ("tasks", "task_coordinators", "progress_entries", "programs", "program_documents",
                     "bodies", "documents", "settings")

    def task_rows(self) -> list:
        """All tasks with their status on the as-of date, computed once and shared by the
        views until something they show changes."""
        key = (self.as_of, self.due_soon_days)
        if self._task_rows is None or self._task_rows[0] != key:
            from ..reports.tasks import list_tasks

            gc.unfreeze()  # the previous list (below) may now be collected as usual
            self._task_rows = None
            self._task_rows = (key, list_tasks(self.db, self.as_of, due_soon_days=self.due_soon_days,
                                               with_coordinators=True))
            # Hundreds of thousands of long-lived objects (rows, their strings): keep them out
            # of the cyclic collector's full passes, each of which would otherwise pause the
            # program for a noticeable fraction of a second. They are still freed as usual
            # (by reference counting) when the list is replaced, and unfrozen before that.
            gc.freeze()
        return self._task_rows[1]

    _task_rows: tuple | None = None

    def run(self, fn: Callable[..., Changes], *args, **kwargs) -> Changes:
        """Run an operation; on success announce it. ValidationError and other user errors
        (a :class:`~desktop_app.ops.base.ConflictError` among them) propagate to the caller,
        which shows them next to the field or in a message. A database failure (locked, disk
        full, the server gone) becomes a StoreError the same way: the transaction was rolled
        back, nothing was saved, and the details are logged. (A long one runs in the
        background instead: :class:`~desktop_app.gui.background.CollectionOp`.)"""
        return self.finish(self.execute(fn, *args, **kwargs))

    def execute(self, fn: Callable[..., Changes], *args, **kwargs) -> Changes:
        """The writing half of :meth:`run`, safe on any thread; one operation at a time."""
        with self._write_lock:
            try:
                return fn(self.db, *args, **kwargs)
            except SQLAlchemyError as exc:
                log_exception("Thao tác trên cơ sở dữ liệu thất bại", (type(exc), exc, exc.__traceback__))
                raise StoreError(database_error_message(self.db, exc)) from exc

    def finish(self, changes: Changes) -> Changes:
        """The announcing half of :meth:`run`, on the GUI thread."""
        if changes is not None and not changes.empty:
            if changes.journal_id is not None:
                self._own_entries.add(changes.journal_id)
            self.announce(changes)
        return changes

    def announce(self, changes: Changes) -> None:
        """Tell every screen what changed: by an operation here, or by another user
        (:class:`~desktop_app.gui.live_refresh.LiveRefresh`)."""
        if any(changes.touches(e) for e in self.TASK_ENTITIES):
            self._task_rows = None
        if changes.touches("settings"):
            self.due_soon_days = get_setting(self.db, "due_soon_days")
        self.changed.emit(changes)

    def is_own_entry(self, journal_id: int) -> bool:
        """Was this journal entry made (and so already announced) by this program?"""
        return journal_id in self._own_entries

    def start_live_refresh(self, interval_ms: int | None = None):
        """Notice changes made by other users every few seconds (see gui/live_refresh.py)."""
        from .live_refresh import INTERVAL_MS, LiveRefresh

        if self.live_refresh is None:
            self.live_refresh = LiveRefresh(self, interval_ms or INTERVAL_MS)
            self.live_refresh.start()
        return self.live_refresh

    live_refresh = None

    def try_run(self, fn: Callable[..., Changes], *args, **kwargs) -> tuple[Changes | None, str | None]:
        """Like :meth:`run` but returns (changes, error message) instead of raising."""
        try:
            return self.run(fn, *args, **kwargs), None
        except ValidationError as exc:
            return None, str(exc)
        except NqdeskError as exc:
            return None, str(exc)


def database_error_message(db: Database, exc: SQLAlchemyError) -> str:
    if isinstance(exc, OperationalError) and db.is_sqlite:
        return storage_error_message(db, exc)  # the cause in words: disk full, read-only, locked…
    detail = str(getattr(exc, "orig", None) or exc).lower()
    if "locked" in detail or "busy" in detail:
        return _("Cơ sở dữ liệu đang bận (một người hoặc chương trình khác đang ghi vào). Thay đổi chưa được "
                 "lưu; hãy thử lại sau giây lát.")
    return _("Không ghi được vào cơ sở dữ liệu, thay đổi chưa được lưu. Hãy thử lại; nếu vẫn lỗi, hãy báo "
             "người quản trị (chi tiết đã ghi vào tệp nhật ký).")
