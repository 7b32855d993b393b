"""The application context shared by all windows: the open database, the as-of date,
running operations and announcing what they changed (as Anki's CollectionOp/OpChanges)."""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterable
from datetime import date
from typing import NamedTuple

from PySide6.QtCore import QObject, Signal

from ..errors import Cancelled, NqdeskError
from ..logging_setup import log_exception
from ..ops.base import Changes, ValidationError
from ..core.status import report_period
from ..reports.settings import get_setting
from ..store.db import Database, StoreError, storage_error_message
from ..store.failures import BUSY, STORAGE, DatabaseFailure, failure_kind
from .background import QueryOp
from .i18n import _


class TaskDelta(NamedTuple):
    """The task rows one change touched, read again after it: *rows* inserted or changed,
    *deleted* ids gone."""

    rows: tuple
    deleted: frozenset[int]


class AppContext(QObject):
    """Owns the database for the GUI. ``changed`` is emitted after every successful
    operation (and undo/redo) so each view decides whether to refresh."""

    changed = Signal(object)  # Changes
    as_of_changed = Signal(object)  # date
    error = Signal(str)
    task_rows_loaded = Signal()  # the shared task rows were read in the background (load_task_rows)
    task_rows_failed = Signal()  # … or could not be (the error was shown)

    def __init__(self, db: Database, as_of_override: date | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.db = db
        self._as_of_override = as_of_override
        self.due_soon_days: int = get_setting(db, "due_soon_days")
        # the period of "continuous work not reported this period" (the dashboard's counts)
        self.report_period: str = get_setting(db, "continuous_report_period")
        self._own_entries: set[int] = set()
        self._choices: dict[tuple, tuple] = {}
        self._generations: dict[str, int] = {}
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

    # --- the task rows shared by the views ----------------------------------------------------
    def task_rows_key(self) -> tuple:
        """What the cached rows depend on besides the data: the as-of date and the settings."""
        return (self.as_of, self.due_soon_days, self.report_period)

    def has_task_rows(self) -> bool:
        """Whether the rows for the current as-of date and settings are loaded."""
        return self._task_rows is not None and self._task_rows_key == self.task_rows_key()

    def fetch_task_rows(self, key: tuple | None = None, stop=None) -> list:
        """Read every task row (for *key*, from :meth:`task_rows_key`): safe on any thread,
        stores nothing (:meth:`store_task_rows` does, on the GUI thread). *stop*: see
        ``reports.tasks.list_tasks``."""
        from ..reports.tasks import list_tasks

        as_of, due_soon_days, _period = key or self.task_rows_key()
        return list_tasks(self.db, as_of, due_soon_days=due_soon_days, with_coordinators=True, stop=stop)

    @staticmethod
    def count_task_rows(key: tuple, rows: list) -> tuple:
        """What is kept counted with the rows read for *key*: the dashboard's shape counts and
        the reminder index. Safe on any thread: 100,000 rows take a few tenths of a second,
        which a background read does there rather than on the GUI thread."""
        from ..reports.digest import ReminderIndex
        from ..reports.progress import ShapeCounts

        as_of = key[0]
        return (ShapeCounts(rows, as_of=as_of, period_start=report_period(as_of, key[2])[0]),
                ReminderIndex(rows))

    def store_task_rows(self, key: tuple, rows: list, counts: tuple | None = None) -> bool:
        """Keep *rows* (read for *key*) as the shared list, with their *counts*
        (:meth:`count_task_rows`, counted here if not given); False when the key is no longer
        current (the as-of date or a setting changed while they were read)."""
        if key != self.task_rows_key():
            return False
        gc.unfreeze()  # the previous list (below) may now be collected as usual
        self._task_rows = None
        self._task_rows = {row.id: row for row in rows}
        self._task_rows_key = key
        self.task_rows_loaded_once = True
        self._task_list = rows
        if counts is None:
            counts = self.count_task_rows(key, rows)
        self._shapes, self._reminders = counts
        # Hundreds of thousands of long-lived objects (rows, their strings): keep them out
        # of the cyclic collector's full passes, each of which would otherwise pause the
        # program for a noticeable fraction of a second. They are still freed as usual
        # (by reference counting) when the list is replaced, and unfrozen before that.
        gc.freeze()
        return True

    # --- reading them in the background: the window stays usable meanwhile ---------------------
    FIRST_ROWS = 200  # what a task list shows while the rest is read (a few screens)

    def load_task_rows(self, parent=None) -> bool:
        """Start reading every task row in the background (the status bar says so; *parent*: a
        widget of the window) unless they are loaded or being read: True when they are loaded.
        ``task_rows_loaded`` is emitted when they are; a change announced meanwhile makes it
        read them again, so what arrives is never older than what was saved."""
        if self.has_task_rows():
            return True
        if self._loading is not None:
            if self._loading_key != self.task_rows_key() or self._loading.job.cancelled:
                self._load_again = True  # another as-of date or setting meanwhile, or being stopped
            return False
        key = self.task_rows_key()
        self._loading_key, self._load_again = key, False
        self._loading = _TaskRowsRead(self, parent, key)
        self._loading.start()
        return False

    READ_AT_ONCE = 2_000  # up to so many tasks the list is read at once (in ~50 ms) at the first start

    def read_task_rows_if_few(self) -> bool:
        """Read the task rows now, on this thread, when there are few (:attr:`READ_AT_ONCE`):
        True when they are loaded."""
        if not self.has_task_rows() and self._loading is None:
            from ..reports.tasks import task_count

            if task_count(self.db) <= self.READ_AT_ONCE:
                self.task_rows()
        return self.has_task_rows()

    def want_task_rows(self, parent=None) -> bool:
        """True when the task rows are loaded (read at once when few); else they are being
        read in the background and ``task_rows_loaded`` follows (:meth:`load_task_rows`)."""
        return self.read_task_rows_if_few() or self.load_task_rows(parent)

    def stop_loading_task_rows(self) -> None:
        """The program is closing: the background read stops within a few thousand rows (it
        would otherwise hold the program, and the database, open for seconds)."""
        if self._loading is not None:
            self._loading.job.cancel_event.set()

    def loading_task_rows(self) -> bool:
        """Whether the task rows are being read in the background."""
        return self._loading is not None

    def first_task_rows(self) -> tuple[list, int]:
        """The first rows of the task list (programme, then position) and how many tasks there
        are: what a list shows at once while the rest is read (:meth:`load_task_rows`)."""
        from ..reports.tasks import list_tasks, task_count

        as_of, due_soon_days, _period = self.task_rows_key()
        rows = list_tasks(self.db, as_of, due_soon_days=due_soon_days, with_coordinators=True,
                          limit=self.FIRST_ROWS)
        return rows, task_count(self.db)

    def _task_rows_read(self, key: tuple, read: tuple, parent) -> None:
        if self.has_task_rows():  # read meanwhile on the GUI thread (task_rows), and kept current since
            self.task_rows_loaded.emit()
            return
        rows, counts, texts = read
        if self._load_again or not self.store_task_rows(key, rows, counts):  # changed while reading: again
            del rows, counts, texts, read
            self.load_task_rows(parent)
            return
        self._search_texts = (rows, texts)
        try:
            self.task_rows_loaded.emit()
        finally:
            self._search_texts = None  # (kept only while the views take the rows)

    def search_texts_of(self, rows: list):
        """The task list's quick-search texts of *rows* made by the background read
        (``models.TaskSearchTexts``), when *rows* are the rows it has just stored; else None."""
        made = self._search_texts
        return made[1] if made is not None and made[0] is rows else None

    _search_texts: tuple | None = None
    _loading = None  # the QueryOp reading the rows
    _loading_key: tuple | None = None
    _load_again = False

    def task_rows(self) -> list:
        """All tasks with their status on the as-of date, read once and shared by the views;
        a change updates just the rows it touched (:meth:`announce`)."""
        if not self.has_task_rows():
            key = self.task_rows_key()
            self.store_task_rows(key, self.fetch_task_rows(key))
        if self._task_list is None:
            self._task_list = list(self._task_rows.values())
        return self._task_list

    def task_row(self, task_id: int):
        """One task's row as the lists show it, or None; read alone when the shared rows are
        not loaded (a panel showing one task never waits for 100,000)."""
        if self.has_task_rows():
            return self._task_rows.get(task_id)
        from ..reports.tasks import list_tasks

        as_of, due_soon_days, _period = self.task_rows_key()
        rows = list_tasks(self.db, as_of, due_soon_days=due_soon_days, with_coordinators=True, task_ids=[task_id])
        return rows[0] if rows else None

    def task_rows_by_id(self) -> dict:
        self.task_rows()
        return self._task_rows

    def task_shapes(self):
        """The loaded rows counted for the dashboard (``reports.progress.ShapeCounts``), kept
        up to date with them; None when the rows are not loaded."""
        return self._shapes if self.has_task_rows() else None

    def reminder_groups(self) -> list:
        """The reminder digest (``reports.progress.reminder_digest``) of the shared rows,
        kept up to date with them: a change rebuilds only the bodies whose rows it touched."""
        if not self.has_task_rows():
            self.task_rows()  # (not otherwise: after a change that would list 100,000 rows again)
        return self._reminders.groups()

    def generation(self, table: str) -> int:
        """How many announced changes touched *table* so far: what a screen read from it is
        still current while this number is the same."""
        return self._generations.get(table, 0)

    # --- the lists the editors offer (bodies, documents…) --------------------------------------
    CHOICES_KEPT = 64

    def choices(self, key: tuple, tables: tuple[str, ...], compute: Callable[[], Iterable]) -> list:
        """What *compute* reads (a list the editors offer: bodies, documents), read once for
        *key* and kept until a change touches one of *tables*: saving a task does not read
        the bodies again."""
        full_key = (tables, *key)
        found = self._choices.get(full_key)
        if found is None:
            if len(self._choices) >= self.CHOICES_KEPT:  # the oldest goes
                self._choices.pop(next(iter(self._choices)))
            found = self._choices[full_key] = tuple(compute())
        return list(found)

    def body_search_texts(self) -> dict[str, str]:
        """``reports.lists.body_search_texts``, kept until a body changes."""
        from ..reports.lists import body_search_texts

        return dict(self.choices(("search texts",), ("bodies",), lambda: body_search_texts(self.db).items()))

    def _forget_choices(self, changes: Changes) -> None:
        if self._choices:
            self._choices = {k: v for k, v in self._choices.items()
                             if not any(changes.touches(t) for t in k[0])}

    def task_delta(self, changes: Changes) -> TaskDelta | None:
        """The task rows *changes* touched, as read again after it, when it was announced last;
        None: reload everything (too many rows, a setting, rows not loaded)."""
        last = self._last_delta
        return last[1] if last is not None and last[0] is changes else None

    task_rows_loaded_once = False
    _task_rows: dict | None = None
    _task_rows_key: tuple | None = None
    _task_list: list | None = None
    _shapes = None
    _reminders = None
    _last_delta: tuple | None = None

    def _update_task_rows(self, changes: Changes) -> TaskDelta | None:
        """Refetch the rows *changes* touched into the shared list; None when they must all
        be reloaded instead (and the list is dropped)."""
        if not self.has_task_rows():
            self._task_rows = None
            return None
        from ..reports.refresh import touched_task_ids
        from ..reports.tasks import list_tasks

        touched: dict[str, set[int]] = {}
        for part in (changes.inserted, changes.updated, changes.deleted):
            for table, ids in part.items():
                if not ids and table in self.TASK_ENTITIES:  # rows not named (an import): all of them
                    self._task_rows = None
                    return None
                touched.setdefault(table, set()).update(ids)
        ids = touched_task_ids(self.db, touched, changes.deleted)
        if ids is None:
            self._task_rows = None
            return None
        as_of, due_soon_days, _period = self._task_rows_key
        fresh = list_tasks(self.db, as_of, due_soon_days=due_soon_days, with_coordinators=True, task_ids=ids)
        found = {row.id for row in fresh}
        cached = self._task_rows
        old = [cached[i] for i in ids if i in cached]
        self._shapes.remove(old)
        self._shapes.add(fresh)
        if self._reminders is not None:
            self._reminders.remove(old)
            self._reminders.add(fresh)
        deleted = frozenset(i for i in ids if i not in found and i in cached)
        for i in deleted:
            del cached[i]
        for row in fresh:
            cached[row.id] = row
        self._task_list = None
        return TaskDelta(tuple(fresh), deleted)

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
            except DatabaseFailure as exc:
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
        delta = None
        self._forget_choices(changes)
        for part in (changes.inserted, changes.updated, changes.deleted):
            for table in part:
                self._generations[table] = self._generations.get(table, 0) + 1
        if changes.touches("settings"):
            self.due_soon_days = get_setting(self.db, "due_soon_days")
            self.report_period = get_setting(self.db, "continuous_report_period")
            self._task_rows = None  # a setting may change every status: reload
        elif any(changes.touches(e) for e in self.TASK_ENTITIES):
            delta = self._update_task_rows(changes)
        if self._loading is not None and (changes.touches("settings")
                                          or any(changes.touches(e) for e in self.TASK_ENTITIES)):
            self._load_again = True  # the rows being read may miss this change
        self._last_delta = (changes, delta)
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


class _TaskRowsRead(QueryOp):
    """:meth:`AppContext.load_task_rows`: every task row read off the GUI thread."""

    def __init__(self, ctx: AppContext, parent, key: tuple):
        super().__init__(parent, lambda job: self._read(ctx, key, job), busy=False,
                         label=(_("Đang tải lại danh sách nhiệm vụ…") if ctx.task_rows_loaded_once
                                else _("Đang tải danh sách nhiệm vụ…")),
                         success=lambda rows: ctx._task_rows_read(key, rows, parent))
        self.ctx = ctx

    @staticmethod
    def _read(ctx: AppContext, key: tuple, job) -> tuple:
        from ..reports.lists import body_search_texts
        from .models import TaskSearchTexts

        rows = ctx.fetch_task_rows(key, stop=job.raise_if_cancelled)
        job.raise_if_cancelled()
        counts = ctx.count_task_rows(key, rows)
        # the task list's quick search: made here too
        return rows, counts, TaskSearchTexts(body_search_texts(ctx.db)).of(rows)

    def _finish(self, result, exc_info) -> None:
        ctx = self.ctx
        ctx._loading = None  # first: whatever happens next (an error too), nothing is being read
        stopped = exc_info is not None and isinstance(exc_info[1], Cancelled)
        if exc_info is not None and not stopped:
            ctx.task_rows_failed.emit()
        super()._finish(result, exc_info)  # a failure is shown there (a message, or the crash dialog)
        if stopped and ctx._load_again:  # asked for again while stopping (the window was kept)
            ctx.load_task_rows(self.parent)


def database_error_message(db: Database, exc: BaseException) -> str:
    kind = failure_kind(db, exc)
    if kind == STORAGE:
        return storage_error_message(db, exc)  # type: ignore[arg-type]  # the cause in words: disk full…
    if kind == BUSY:
        return _("Cơ sở dữ liệu đang bận (một người hoặc chương trình khác đang ghi vào). Thay đổi chưa được "
                 "lưu; hãy thử lại sau giây lát.")
    return _("Không ghi được vào cơ sở dữ liệu, thay đổi chưa được lưu. Hãy thử lại; nếu vẫn lỗi, hãy báo "
             "người quản trị (chi tiết đã ghi vào tệp nhật ký).")
