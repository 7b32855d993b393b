"""The messages of store/ in the English UI (issue 13, "complete English")."""

from __future__ import annotations

import errno
from datetime import datetime

import pytest

from desktop_app import i18n
from desktop_app.store.db import DatabaseNotFound, StoreError, open_database
from desktop_app.store.files import FileWriteError, describe_os_error, write_text_atomically
from desktop_app.store.lock import DatabaseInUse, LockHolder


@pytest.fixture
def english():
    i18n.set_language("en")
    yield
    i18n.set_language("vi")


def test_file_errors_in_english(tmp_path, english):
    assert describe_os_error(OSError(errno.ENOSPC, "No space left on device")) == (
        "the disk is full; free some space (delete files, empty the Recycle Bin) or choose another drive")
    assert describe_os_error(OSError(errno.EINVAL, "Invalid argument")) == "system error: Invalid argument"
    target = tmp_path / "missing" / "out.txt"
    with pytest.raises(FileWriteError) as err:
        write_text_atomically(target, "x")
    assert str(err.value) == (f"Could not write file «{target}»: the folder no longer exists (USB or network drive "
                              "removed?); choose another place to save.")


def test_database_errors_in_english(tmp_path, english):
    not_a_database = tmp_path / "notes.sqlite3"
    not_a_database.write_text("not a database, just text " * 10, encoding="utf-8")
    with pytest.raises(StoreError) as err:
        open_database(not_a_database)
    assert str(err.value) == (f"File «{not_a_database}» is not a SQLite database (or is damaged); the file has not "
                              "been changed.")
    with pytest.raises(DatabaseNotFound) as err:
        open_database(tmp_path / "none.sqlite3")
    assert str(err.value) == f"Database file «{tmp_path / 'none.sqlite3'}» does not exist."


def test_lock_message_in_english(tmp_path, english):
    holder = LockHolder(42, "nqdesk import", "may-1", "lan", datetime(2026, 12, 6, 9, 5))
    err = DatabaseInUse(tmp_path / "db.sqlite3", holder)
    assert str(err) == (f"Data file «{tmp_path / 'db.sqlite3'}» is open in command «nqdesk import» (user lan, "
                        "computer may-1, since 09:05 on 06/12/2026). Wait for that command to finish and run "
                        "again, or add --wait.")
    assert str(DatabaseInUse(tmp_path / "db.sqlite3", None, waited=30)).startswith("Waited 30 seconds but data file")
