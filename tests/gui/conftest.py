"""GUI test fixtures: a demo database seen on 01/07/2024 (every status present)."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.gui import i18n
from desktop_app.gui.context import AppContext
from desktop_app.ops.interchange import import_file
from desktop_app.resources import DEMO_FILE
from desktop_app.store.db import _sqlite_backup, open_database

AS_OF = date(2024, 7, 1)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    db = open_database(path)
    import_file(db, DEMO_FILE, today=date(2026, 1, 1))
    db.close()
    return path


@pytest.fixture
def demo_db(demo_template, tmp_path):
    path = tmp_path / "demo.sqlite3"
    _sqlite_backup(demo_template, path)
    db = open_database(path)
    yield db
    db.close()


@pytest.fixture
def ctx(qapp, demo_db):
    i18n.set_language("vi")
    context = AppContext(demo_db, as_of_override=AS_OF)
    yield context
    context.deleteLater()


@pytest.fixture
def empty_ctx(qapp, sqlite_db):
    i18n.set_language("vi")
    context = AppContext(sqlite_db)
    yield context
    context.deleteLater()
