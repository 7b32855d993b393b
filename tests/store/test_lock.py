"""The single-instance lock binds the command line's writing commands too: while NQ Desk
(another process) holds the file, ``import-json``, ``demo``, ``undo`` and ``redo`` refuse
with the holder's name, or wait with ``--wait``; reading commands go on; a lock left by a
killed process is taken over."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.resources import DEMO_FILE
from desktop_app.store.lock import GUI_APP, DatabaseInUse, acquire, lock_path

HOLDER = """
import sys, time
from pathlib import Path
from desktop_app.store.lock import acquire
lock = acquire(Path(sys.argv[1]), sys.argv[2])
print("held", flush=True)
time.sleep(float(sys.argv[3]))
lock.unlock()
"""


class Holder:
    """Another process holding the lock (NQ Desk's window, in real life)."""

    def __init__(self, db: Path, seconds: float = 60, app: str = GUI_APP):
        env = dict(os.environ, NQDESK_USER="Nông Thị Hà")
        self.proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(db), app, str(seconds)],
                                     stdout=subprocess.PIPE, text=True, env=env)
        assert self.proc.stdout.readline().strip() == "held"

    def stop(self, sig=signal.SIGTERM) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        self.proc.wait(10)
        self.proc.stdout.close()


@pytest.fixture
def dbfile(demo_template, tmp_path):
    from desktop_app.store.db import sqlite_backup

    path = tmp_path / "shared.sqlite3"
    sqlite_backup(demo_template, path)
    return path


def count_programs(path: Path, capsys) -> int:
    assert main(["list", "programs", "--db", str(path)]) == 0
    return capsys.readouterr().out.count("\n")


def test_writing_commands_refuse_while_the_program_has_the_file(dbfile, capsys):
    before = count_programs(dbfile, capsys)
    holder = Holder(dbfile)
    try:
        for args in (["demo", "--force"], ["import-json", str(DEMO_FILE)], ["undo"], ["redo"]):
            assert main([*args, "--db", str(dbfile)]) == 1
            err = capsys.readouterr().err
            assert "đang được mở trong NQ Desk" in err and "người dùng Nông Thị Hà" in err, err
            assert f"máy {socket.gethostname()}" in err and "--wait" in err
        # reading goes on while the program runs (SQLite's WAL mode)
        assert count_programs(dbfile, capsys) == before
        assert main(["import-json", str(DEMO_FILE), "--dry-run", "--db", str(dbfile)]) == 0
        capsys.readouterr()
    finally:
        holder.stop()
    assert count_programs(dbfile, capsys) == before


def test_wait_until_the_program_closes(dbfile, capsys):
    before = count_programs(dbfile, capsys)
    holder = Holder(dbfile, seconds=1.5)
    try:
        started = time.monotonic()
        assert main(["demo", "--force", "--wait", "60", "--db", str(dbfile)]) == 0
        assert time.monotonic() - started > 0.5
    finally:
        holder.stop()
    assert count_programs(dbfile, capsys) > before
    assert not lock_path(dbfile).exists()  # released and removed


def test_wait_gives_up_after_its_time(dbfile, capsys):
    holder = Holder(dbfile, app="nqdesk import-json")
    try:
        assert main(["demo", "--force", "--wait", "0.6", "--db", str(dbfile)]) == 1
        err = capsys.readouterr().err
        assert "Đã chờ" in err and "lệnh «nqdesk import-json»" in err, err
    finally:
        holder.stop()


def test_a_lock_left_by_a_killed_program_is_taken_over(dbfile, capsys):
    holder = Holder(dbfile)
    holder.stop(signal.SIGKILL)
    assert lock_path(dbfile).exists()  # still there, with the dead holder's details
    assert main(["demo", "--force", "--db", str(dbfile)]) == 0


def test_the_window_refuses_while_a_command_writes(dbfile):
    holder = Holder(dbfile, app="nqdesk import-json")
    try:
        with pytest.raises(DatabaseInUse) as err:
            acquire(dbfile, GUI_APP)
        assert err.value.holder.pid == holder.proc.pid and err.value.holder.app == "nqdesk import-json"
    finally:
        holder.stop()
    acquire(dbfile, GUI_APP).unlock()
