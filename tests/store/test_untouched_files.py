"""A file that is not an NQ Desk database, or one made by a newer NQ Desk, is refused and
left byte for byte as it was: no switch to WAL, no -wal/-shm/-journal files beside it."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from desktop_app.cli import main
from desktop_app.store.db import DatabaseTooNewError, StoreError, sqlite_backup, open_database


def snapshot(path):
    folder = path.parent
    return hashlib.sha256(path.read_bytes()).hexdigest(), sorted(p.name for p in folder.iterdir())


def refuse(path, capsys, error=StoreError) -> str:
    before = snapshot(path)
    with pytest.raises(error) as err:
        open_database(path)
    assert snapshot(path) == before
    assert main(["list", "tasks", "--db", str(path)]) == 1  # the command line the same way
    assert snapshot(path) == before
    assert "Traceback" not in capsys.readouterr().err
    return str(err.value)


@pytest.mark.parametrize("journal", ["DELETE", "WAL"])
def test_another_programs_sqlite_file(tmp_path, capsys, journal):
    path = tmp_path / "contacts.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA journal_mode={journal}")
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('Nông Thị Hà')")
    conn.commit()
    conn.close()
    message = refuse(path, capsys)
    assert "không phải cơ sở dữ liệu của NQ Desk" in message and "không bị thay đổi" in message


def test_a_database_from_a_newer_nqdesk(sqlite_template, tmp_path, capsys):
    path = tmp_path / "newer.sqlite3"
    sqlite_backup(sqlite_template, path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = 'f00d_from_the_future'")
    conn.commit()
    conn.execute("PRAGMA journal_mode=DELETE")  # as a newer program might leave it
    conn.close()
    assert path.read_bytes()[18:20] == b"\x01\x01"
    message = refuse(path, capsys, DatabaseTooNewError)
    assert "mới hơn" in message and "f00d_from_the_future" in message


def test_a_file_that_is_not_sqlite(tmp_path, capsys):
    path = tmp_path / "notes.sqlite3"
    path.write_text("Ghi chú, không phải cơ sở dữ liệu\n" * 10, encoding="utf-8")
    assert "không phải cơ sở dữ liệu SQLite" in refuse(path, capsys)


def test_own_database_still_opens_and_upgrades(sqlite_template, tmp_path):
    path = tmp_path / "ours.sqlite3"
    sqlite_backup(sqlite_template, path)
    open_database(path).close()
    empty = tmp_path / "empty.sqlite3"
    empty.touch()  # a 0-byte file is a new database
    open_database(empty).close()
