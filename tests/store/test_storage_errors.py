"""Failing storage: a full disk, a read-only disk or file, a file open in another program.

Every case ends with a Vietnamese message naming the file and the cause, exit code 1, no
traceback, no ``.part`` file left behind, and the data (and any older file) intact.

The full and read-only disks are real: a 2 MB tmpfs mounted for the test (filled up, or
remounted read-only). That needs root; elsewhere these tests are skipped with that reason.
A read-only *file* is tested by running the command as the unprivileged user ``nobody``
(root may write any file). A file open in Word on Windows is simulated (os.replace raising
the Windows sharing violation), as Linux has no such lock.
"""

from __future__ import annotations

import errno
import gc
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.resources import DEMO_FILE
from desktop_app.store.db import StorageWriteError, sqlite_backup, open_database
from desktop_app.store.files import FileWriteError, write_text_atomically
from tests.store.disk_support import fill


@pytest.fixture
def small_disk(tmpfs):
    return tmpfs("2m")


def leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith((".part", ".part-journal"))]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run(capsys, *args) -> tuple[int, str, str]:
    gc.collect()
    capsys.readouterr()
    code = main([str(a) for a in args])
    gc.collect()  # a half-written zip would complain here ("Exception ignored in ZipFile.__del__")
    out, err = capsys.readouterr()
    return code, out, err


def assert_refused(code: int, err: str, *words: str) -> None:
    assert code == 1, err
    assert "Traceback" not in err and "Exception ignored" not in err
    assert not err.rstrip().endswith("()"), err
    for word in words:
        assert word in err, err


# --- a full disk ---------------------------------------------------------------------------------

@pytest.mark.parametrize("name, args", [
    ("data.json", ["export-json"]),
    ("report.xlsx", ["report", "--from", "01/01/2024", "--to", "01/07/2024", "-o"]),
    ("report.docx", ["report", "--from", "01/01/2024", "--to", "01/07/2024", "-o"]),
    ("program.docx", ["export", "program", "1", "-o"]),
    ("backup.sqlite3", ["backup"]),
])
def test_writing_to_a_full_disk_keeps_the_old_file(demo_db, small_disk, capsys, name, args):
    target = small_disk / name
    target.write_bytes(b"the previous version")
    fill(small_disk)
    code, _out, err = run(capsys, *args, target, "--db", demo_db.path)
    assert_refused(code, err, "ổ đĩa đầy", str(target))
    assert target.read_bytes() == b"the previous version"
    assert leftovers(small_disk) == []


def test_database_on_a_full_disk(demo_template, small_disk, capsys, tmp_path):
    path = small_disk / "nqdesk.sqlite3"
    sqlite_backup(demo_template, path)
    before = digest(path)
    other = tmp_path / "other.json"
    shutil.copy(DEMO_FILE, other)
    fill(small_disk)
    for args in (["import-json", other], ["demo", "--force"], ["backup"]):
        code, _out, err = run(capsys, *args, "--db", path)
        assert_refused(code, err, "ổ đĩa đầy")
    assert leftovers(small_disk) == []
    assert digest(path) == before
    (small_disk / "filler").unlink()
    code, out, _err = run(capsys, "list", "programs", "--db", path)
    assert (code, out) == run(capsys, "list", "programs", "--db", demo_template)[:2]  # nothing imported twice
    assert digest(path) == before


def test_a_change_on_a_full_disk_is_refused_in_words(demo_template, small_disk):
    from desktop_app.ops.bodies import create_body

    path = small_disk / "nqdesk.sqlite3"
    sqlite_backup(demo_template, path)
    db = open_database(path)
    try:
        fill(small_disk)
        with pytest.raises(StorageWriteError) as err:
            for n in range(2000):  # until the -wal file cannot grow
                create_body(db, f"Cơ quan thử {n} " + "x" * 400)
        assert "ổ đĩa đầy" in str(err.value) or "đọc ghi ổ đĩa" in str(err.value)
    finally:
        db.close()
    (small_disk / "filler").unlink()
    check = open_database(path)
    try:
        from desktop_app.reports.check import check_database

        assert check_database(check) == []
    finally:
        check.close()


# --- a read-only disk ----------------------------------------------------------------------------

def test_database_on_a_read_only_disk(demo_template, small_disk, capsys, tmp_path):
    path = small_disk / "nqdesk.sqlite3"
    sqlite_backup(demo_template, path)
    before = digest(path)
    other = tmp_path / "other.json"
    shutil.copy(DEMO_FILE, other)
    open_database(tmp_path / "fresh.sqlite3", create=True).close()
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    for args in (["import-json", other], ["demo", "--force"], ["backup"], ["undo"]):
        code, _out, err = run(capsys, *args, "--db", path)
        assert_refused(code, err, str(path))
        assert "chỉ đọc" in err or "không mở được" in err, err
    code, _out, err = run(capsys, "export-json", small_disk / "out.json", "--db", tmp_path / "fresh.sqlite3")
    assert_refused(code, err, "chỉ đọc")
    assert digest(path) == before
    assert sorted(p.name for p in small_disk.iterdir()) == ["nqdesk.sqlite3"]


# --- a read-only file (an ordinary user without write permission) ---------------------------------

def run_as_nobody(args: list[str], folder: Path) -> tuple[int, str]:
    """Run ``nqdesk ARGS`` in a forked child that has become the unprivileged user nobody
    (the interpreter lives in root's home here, so it cannot simply be started as nobody)."""
    import pwd

    nobody = pwd.getpwnam("nobody")
    err_file = folder / f"stderr-{len(list(folder.iterdir()))}.txt"
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 70
        try:
            fd = os.open(err_file, os.O_WRONLY | os.O_CREAT, 0o666)
            os.dup2(fd, 2)
            os.setgroups([])
            os.setgid(nobody.pw_gid)
            os.setuid(nobody.pw_uid)
            sys.stderr = open(2, "w", encoding="utf-8", closefd=False)
            sys.stdout = open(os.devnull, "w", encoding="utf-8")
            code = main(args)
            sys.stderr.flush()
        except BaseException:  # noqa: BLE001 - report whatever escaped, as a traceback would
            import traceback

            traceback.print_exc()
            sys.stderr.flush()
        finally:
            os._exit(code)
    _pid, status = os.waitpid(pid, 0)
    text = err_file.read_text(encoding="utf-8")
    err_file.unlink()
    return os.waitstatus_to_exitcode(status), text


def test_read_only_file_for_an_ordinary_user(demo_template, capsys):
    if os.geteuid() != 0:
        pytest.skip("needs root to run the command as the unprivileged user nobody")
    folder = Path(tempfile.mkdtemp(prefix="nqdesk-ro-"))
    try:
        folder.chmod(0o777)  # the folder is writable (for -shm and backups), the file is not
        path = folder / "nqdesk.sqlite3"
        sqlite_backup(demo_template, path)
        path.chmod(0o644)
        before = digest(path)
        source = folder / "other.json"
        shutil.copy(DEMO_FILE, source)
        source.chmod(0o644)
        # everything the commands import lazily is loaded before the child drops its rights
        from desktop_app.ops import interchange, undo  # noqa: F401
        from desktop_app.reports import lists  # noqa: F401

        assert run(capsys, "list", "programs", "--db", path)[0] == 0
        for args in (["import-json", str(source)], ["demo", "--force"]):
            code, err = run_as_nobody([*args, "--db", str(path)], folder)
            assert_refused(code, err, str(path))
            assert "chỉ đọc" in err or "không có quyền" in err, err
        assert digest(path) == before
        assert leftovers(folder) == []
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# --- a file open in another program (Windows) -------------------------------------------------------

def test_target_open_in_word_on_windows(tmp_path, monkeypatch):
    target = tmp_path / "report.docx"
    target.write_bytes(b"open in Word")

    def locked(src, dst):
        exc = PermissionError(errno.EACCES, "The process cannot access the file", str(dst))
        exc.winerror = 32  # ERROR_SHARING_VIOLATION, as Windows reports a file open in Word
        raise exc

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(FileWriteError) as err:
        write_text_atomically(target, "new")
    assert "đang mở trong Word" in str(err.value) and str(target) in str(err.value)
    assert target.read_bytes() == b"open in Word"
    assert leftovers(tmp_path) == []


def test_a_failing_writer_leaves_no_part_file(tmp_path):
    def broken(part: Path) -> None:
        part.write_bytes(b"half")
        raise sqlite3.OperationalError("database or disk is full")

    from desktop_app.store.files import write_atomically

    with pytest.raises(FileWriteError, match="ổ đĩa đầy"):
        write_atomically(tmp_path / "x.sqlite3", broken)
    assert list(tmp_path.iterdir()) == []
