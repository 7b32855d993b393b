"""Writing files so that nothing is ever half-written and every failure is said in words.

Every file the program writes (Word and Excel exports, nqdesk/2 JSON, backups of the
database, format profiles) goes through :func:`write_atomically`: the content is written
to a hidden ``.~NAME.PID.part`` file in the same folder, flushed to the disk, then renamed
over the target in one step. On any failure the ``.part`` file is removed, the target is
left as it was, and a :class:`FileWriteError` names the file and the cause in Vietnamese
("ổ đĩa đầy", "ổ chỉ đọc", "tệp đang mở trong chương trình khác"…).
"""

from __future__ import annotations

import errno
import io
import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

from ..errors import NqdeskError
from ..i18n import N_, _


class FileWriteError(NqdeskError):
    """A file could not be written; nothing was half-written, the old file (if any) is intact."""


# Windows: ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION, ERROR_USER_MAPPED_FILE (the file is
# open in Word or Excel) and ERROR_DISK_FULL / ERROR_HANDLE_DISK_FULL.
_WIN_LOCKED = {32, 33, 1224}
_WIN_FULL = {39, 112}

# The causes, marked for the catalog; the functions below return them translated.
DISK_FULL = N_("ổ đĩa đầy, hãy giải phóng chỗ trống (xóa bớt tệp, dọn Thùng rác) hoặc chọn ổ khác")
READ_ONLY = N_("ổ đĩa hoặc thư mục chỉ đọc, không ghi được vào đó; hãy chọn thư mục khác")
NO_PERMISSION = N_("không có quyền ghi vào tệp hoặc thư mục này; hãy chọn thư mục khác (ví dụ Tài liệu "
                   "của bạn) hoặc nhờ người quản trị máy cấp quyền")
LOCKED = N_("tệp đang mở trong Word, Excel hoặc chương trình khác, hãy đóng nó rồi thử lại, hoặc lưu với tên khác")
NO_FOLDER = N_("thư mục không còn tồn tại (ổ USB hoặc ổ mạng đã bị rút ra?); hãy chọn nơi lưu khác")


def describe_os_error(exc: BaseException) -> str:
    """The cause of a failed file operation in words (in the UI language), never empty."""
    return _(_os_error_cause(exc))


def _os_error_cause(exc: BaseException) -> str:
    winerror = getattr(exc, "winerror", None)
    if winerror in _WIN_LOCKED:
        return LOCKED
    if winerror in _WIN_FULL:
        return DISK_FULL
    code = getattr(exc, "errno", None)
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1), errno.EFBIG):
        return DISK_FULL
    if code == errno.EROFS:
        return READ_ONLY
    if code in (errno.EACCES, errno.EPERM):
        return NO_PERMISSION
    if code == errno.ENOENT:
        return NO_FOLDER
    if isinstance(exc, sqlite3.Error):
        return describe_sqlite_error(str(exc))
    text = getattr(exc, "strerror", None) or str(exc) or exc.__class__.__name__
    return _("lỗi hệ thống: {detail}").format(detail=text)


def describe_sqlite_error(detail: str, folder: Path | None = None) -> str:
    """SQLite's own error text (English) as a cause in the UI language; *folder*, where the
    file lives, tells a full disk from other input/output errors."""
    lower = detail.lower()
    if "disk is full" in lower or "no space" in lower or (("disk i/o" in lower or "unable to open" in lower)
                                                          and _nearly_full(folder)):
        return _(DISK_FULL)
    if "readonly" in lower or "read-only" in lower:
        return _("tệp dữ liệu hoặc thư mục chứa nó chỉ đọc (không có quyền ghi hoặc ổ chỉ đọc)")
    if "locked" in lower or "busy" in lower:
        return _("tệp dữ liệu đang bị một chương trình khác khóa (đang ghi); hãy đợi một lát rồi thử lại, "
                 "hoặc đóng chương trình đang dùng tệp")
    if "disk i/o" in lower:
        return _("lỗi đọc ghi ổ đĩa (ổ đầy, ổ mạng mất kết nối hoặc ổ hỏng)")
    if "unable to open" in lower:
        return _("không mở được tệp (thư mục không có quyền ghi, chỉ đọc, hoặc không còn tồn tại)")
    return _("lỗi SQLite: {detail}").format(detail=detail)


def _nearly_full(folder: Path | None) -> bool:
    if folder is None:
        return False
    try:
        return shutil.disk_usage(folder).free < 256 * 1024
    except OSError:
        return False


def part_path(target: Path) -> Path:
    """The hidden temporary file beside *target* (same folder, so the rename is atomic)."""
    return target.with_name(f".~{target.name}.{os.getpid()}.part")


def write_atomically(target: str | os.PathLike, write: Callable[[Path], None], *,
                     what: str = N_("tệp"), error: type[NqdeskError] = FileWriteError) -> Path:
    """Call ``write(part)`` to create the content in a temporary file, then put it in place
    of *target* in one step. On any failure the temporary file is removed, *target* is
    untouched and *error* is raised with a message naming the file and the cause. *what*:
    the kind of file, marked with ``N_`` (translated here)."""
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise error(_("Không ghi được {what} «{path}»: {cause}.").format(what=_(what), path=target, cause=_(NO_FOLDER)))
    part = part_path(target)
    replacing = False
    try:
        write(part)
        _fsync_file(part)
        replacing = True
        os.replace(part, target)
    except (OSError, sqlite3.Error) as exc:
        _remove_quietly(part)
        cause = describe_os_error(exc)
        if replacing and isinstance(exc, PermissionError) and cause != _(LOCKED) and target.exists():
            # the new file was written but cannot take the old one's place: on Windows, the
            # old one is open in Word or Excel; elsewhere, it may not be ours to replace
            cause = _("{first}; hoặc {second}").format(first=_(LOCKED), second=_(NO_PERMISSION))
        raise error(_("Không ghi được {what} «{path}»: {cause}. Tệp cũ (nếu có) vẫn giữ nguyên.").format(
            what=_(what), path=target, cause=cause)) from None
    except BaseException:
        _remove_quietly(part)
        raise
    _fsync_folder(folder)
    return target


def write_bytes_atomically(target: str | os.PathLike, data: bytes, **kwargs) -> Path:
    return write_atomically(target, lambda part: part.write_bytes(data), **kwargs)


def write_text_atomically(target: str | os.PathLike, text: str, **kwargs) -> Path:
    return write_bytes_atomically(target, text.encode("utf-8"), **kwargs)


def save_document(document, target: str | os.PathLike, **kwargs) -> Path:
    """Save a python-docx Document or an openpyxl Workbook: first into memory (so a failing
    disk never leaves a half-written zip file behind), then to *target* atomically."""
    buffer = io.BytesIO()
    document.save(buffer)
    return write_bytes_atomically(target, buffer.getvalue(), **kwargs)


def _fsync_file(path: Path) -> None:
    # flush what was written to the disk before the rename makes it the real file
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))  # Windows needs write access to flush
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    if os.name == "nt":
        return  # Windows cannot open a folder for fsync; NTFS journals the rename itself
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _remove_quietly(path: Path) -> None:
    for p in (path, path.with_name(path.name + "-journal")):
        try:
            p.unlink()
        except OSError:
            pass
