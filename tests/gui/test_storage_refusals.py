"""A change the disk refuses (read-only, full, locked) is shown like any other refusal,
with the cause in words; nothing escapes as an exception from AppContext.try_run."""

from __future__ import annotations

import sqlite3

from sqlalchemy.exc import OperationalError

from desktop_app.gui.context import AppContext
from desktop_app.ops.bodies import create_body
from desktop_app.store.db import sqlite_backup, open_database
from tests.store.disk_support import fill


def test_a_change_when_the_disk_fills_up(qapp, demo_template, tmpfs):
    disk = tmpfs("2m")
    path = disk / "nqdesk.sqlite3"
    sqlite_backup(demo_template, path)
    db = open_database(path)
    try:
        ctx = AppContext(db)
        fill(disk)  # another program fills the disk
        for n in range(2000):  # edits go on until the -wal file cannot grow
            changes, message = ctx.try_run(create_body, f"Cơ quan thử {n} " + "x" * 400)
            if message is not None:
                break
        assert changes is None
        assert str(path) in message and "ổ đĩa đầy" in message and "chưa được lưu" in message
    finally:
        db.close()


def test_a_storage_error_outside_a_write_is_a_message(ctx):
    def reading_fails(db):
        raise OperationalError("SELECT 1", {}, sqlite3.OperationalError("disk I/O error"))

    changes, message = ctx.try_run(reading_fails)
    assert changes is None and "lỗi đọc ghi ổ đĩa" in message
