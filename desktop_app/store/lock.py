"""One writer per SQLite file: the single-instance lock shared by the program's window and
the command line's writing commands (``import-json``, ``demo``, ``undo``, ``redo``).

The lock is ``<file>.lock`` beside the database, held with an operating-system lock on the
open file (``flock`` on Linux and macOS, ``msvcrt.locking`` on Windows). The system frees
it when the holder ends, however it ends, so a lock left by a crashed program is simply
taken over. The file holds who has it, one item a line: process id, program, computer,
user, since when (the first three as in Qt's QLockFile).

Reading commands do not take the lock: SQLite's WAL mode lets them read while the
program writes.
"""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from ..i18n import _
from .db import StoreError, default_user_name, resolve_url
from .files import describe_os_error

LOCK_SUFFIX = ".lock"
GUI_APP = "NQ Desk"
DEFAULT_WAIT_SECONDS = 600.0
_POLL_SECONDS = 0.25
_WINDOWS_LOCK_OFFSET = 1 << 20  # Windows locks are mandatory: lock a byte past the holder's details


@dataclass(frozen=True)
class LockHolder:
    pid: int
    app: str
    host: str
    user: str
    since: datetime | None

    def details(self) -> str:
        unknown = _("không rõ")
        parts = [_("người dùng {user}").format(user=self.user or unknown),
                 _("máy {host}").format(host=self.host or unknown)]
        if self.since is not None:
            parts.append(_("từ {time} ngày {day}").format(time=f"{self.since:%H:%M}", day=f"{self.since:%d/%m/%Y}"))
        return ", ".join(parts)

    @classmethod
    def parse(cls, text: str) -> LockHolder | None:
        lines = text.splitlines()
        if not lines or not lines[0].strip().isdigit():
            return None
        lines += [""] * 5
        try:
            since = datetime.fromisoformat(lines[4].strip()) if lines[4].strip() else None
        except ValueError:
            since = None
        return cls(int(lines[0]), lines[1].strip(), lines[2].strip(), lines[3].strip(), since)

    def render(self) -> str:
        since = self.since.isoformat(timespec="seconds") if self.since else ""
        return f"{self.pid}\n{self.app}\n{self.host}\n{self.user}\n{since}\n"


class DatabaseInUse(StoreError):
    """Another copy of the program (or another writing command) holds the file."""

    def __init__(self, path: Path, holder: LockHolder | None, waited: float | None = None):
        self.path = path
        self.holder = holder
        self.waited = waited
        if holder is None:
            where, what = _("một chương trình khác"), _("Hãy đóng chương trình đó rồi chạy lại")
        elif holder.app == GUI_APP:
            where, what = f"NQ Desk ({holder.details()})", _("Hãy đóng chương trình rồi chạy lại")
        else:
            where = _("lệnh «{command}» ({details})").format(command=holder.app, details=holder.details())
            what = _("Hãy đợi lệnh đó chạy xong rồi chạy lại")
        if waited is None:
            message = _("Tệp dữ liệu «{path}» đang được mở trong {where}. {advice}, hoặc thêm --wait.").format(
                path=path, where=where, advice=what)
        else:
            message = _("Đã chờ {seconds} giây nhưng tệp dữ liệu «{path}» vẫn đang được mở trong {where}. "
                        "{advice}; chưa ghi gì.").format(seconds=f"{waited:.0f}", path=path, where=where, advice=what)
        super().__init__(message)


def lock_path(db_path: Path) -> Path:
    return Path(str(db_path) + LOCK_SUFFIX)


class DatabaseLock:
    """A held lock; :meth:`unlock` (or leaving the ``with`` block) frees it."""

    def __init__(self, path: Path, fd: int):
        self.path = path
        self._fd: int | None = fd

    def unlock(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        if os.name == "nt":
            _unlock_windows(fd)
            os.close(fd)
            try:
                self.path.unlink()
            except OSError:
                pass  # another copy has it open, waiting for it: it takes it over
        else:
            try:
                self.path.unlink()  # while still locked, so a waiter notices and starts afresh
            except OSError:
                pass
            os.close(fd)

    def __enter__(self) -> DatabaseLock:
        return self

    def __exit__(self, *exc) -> None:
        self.unlock()

    def __del__(self) -> None:  # pragma: no cover - a forgotten lock is freed with its process anyway
        if self._fd is not None:
            try:
                os.close(self._fd)
            except OSError:
                pass


def read_holder(db_path: Path) -> LockHolder | None:
    try:
        return LockHolder.parse(lock_path(db_path).read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return None


def acquire(db_path: Path, app: str = GUI_APP, *, wait: float | None = None) -> DatabaseLock | None:
    """Take the lock of the SQLite file *db_path* for *app*. Refuses at once with
    :class:`DatabaseInUse` naming the holder, or after waiting up to *wait* seconds.
    Returns None when no lock file can be made there (a read-only folder: nobody can
    write the database there either, and writes are refused with their own message)."""
    path = lock_path(Path(db_path))
    deadline = None if wait is None else time.monotonic() + max(wait, 0.0)
    started = time.monotonic()
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o644)
        except FileNotFoundError:
            return None  # the folder does not exist: opening the database will say so
        except OSError as exc:
            if _cannot_write_here(exc):
                return None
            raise StoreError(_("Không tạo được tệp khóa «{path}»: {cause}.").format(
                path=path, cause=describe_os_error(exc))) from None
        if _try_lock(fd):
            if _still_the_file(fd, path):
                _write_holder(fd, LockHolder(os.getpid(), app, socket.gethostname(), default_user_name(),
                                             datetime.now().replace(microsecond=0)))
                return DatabaseLock(path, fd)
            os.close(fd)  # the holder removed the file as we locked it: start again
            continue
        os.close(fd)
        if deadline is None or time.monotonic() >= deadline:
            waited = None if wait is None else time.monotonic() - started
            raise DatabaseInUse(Path(db_path), read_holder(Path(db_path)), waited)
        time.sleep(_POLL_SECONDS)


def sqlite_path_of(db: str | os.PathLike | None) -> Path | None:
    """The SQLite file named by ``--db`` / ``NQDESK_DB`` / the default, or None for a server."""
    url = resolve_url(db)
    if not url.startswith("sqlite"):
        return None
    database = make_url(url).database
    return Path(database) if database and database != ":memory:" else None


@contextmanager
def writing(db: str | os.PathLike | None, app: str, *, wait: float | None = None) -> Iterator[None]:
    """Hold the lock of the database named by *db* for a writing command (nothing for a
    server database, which has its own locking)."""
    path = sqlite_path_of(db)
    lock = acquire(path, app, wait=wait) if path is not None else None
    try:
        yield
    finally:
        if lock is not None:
            lock.unlock()


def _cannot_write_here(exc: OSError) -> bool:
    import errno

    return exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS)


def _write_holder(fd: int, holder: LockHolder) -> None:
    data = holder.render().encode("utf-8")
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        os.ftruncate(fd, 0)
        os.write(fd, data)
    except OSError:
        pass  # the details are a courtesy; the lock itself is held


def _still_the_file(fd: int, path: Path) -> bool:
    if os.name == "nt":
        return True  # Windows cannot delete a file another process has open
    try:
        return os.fstat(fd).st_ino == os.stat(path).st_ino
    except OSError:
        return False


if os.name == "nt":  # pragma: no cover - exercised on Windows
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock_windows(fd: int) -> None:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        except OSError:
            pass
else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False
        except OSError:
            # the file system cannot lock (some network shares): do not block the user on it
            return True

    def _unlock_windows(fd: int) -> None:
        pass
