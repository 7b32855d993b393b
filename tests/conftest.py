"""Shared fixtures.

Databases: a migrated SQLite template is built once per session and copied for each
test (as Anki's tests do). Storage tests that use the ``db`` fixture run on SQLite and
on PostgreSQL; PostgreSQL comes from ``NQDESK_TEST_PG_URL`` (``.ci/run`` starts a
server and sets it). Without it the PostgreSQL variants are skipped with the reason; in
CI (``CI=true``) a missing server is a failure.

The suite runs on every core (pytest-xdist, ``-n auto --dist loadfile`` in pyproject.toml: a file's
tests stay together, so module fixtures are built once). Each worker gets its own PostgreSQL
database (``<name>_gw0``, ``<name>_gw1``…), created here on the same server.
"""

from __future__ import annotations

import os

# Qt must never try to open a real display in the tests (set before anything imports Qt).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url

from desktop_app.store.db import sqlite_backup, open_database

PG_ENV = "NQDESK_TEST_PG_URL"
ROOT = Path(__file__).resolve().parent.parent


def _database_for_this_worker() -> None:
    """Under pytest-xdist, point NQDESK_TEST_PG_URL at a database of this worker's own
    (created if missing), so that two workers never wipe each other's schema."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    url = os.environ.get(PG_ENV)
    if not worker or not url:
        return
    base = make_url(url)
    name = f"{base.database}_{worker}"
    engine = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            exists = conn.exec_driver_sql("SELECT 1 FROM pg_database WHERE datname = %(n)s", {"n": name}).first()
            if exists is None:
                conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    finally:
        engine.dispose()
    os.environ[PG_ENV] = base.set(database=name).render_as_string(hide_password=False)


def pytest_configure(config):
    _database_for_this_worker()


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch, tmp_path):
    """Never touch the real user's data folder or database from a test."""
    monkeypatch.delenv("NQDESK_DB", raising=False)
    monkeypatch.setenv("NQDESK_USER", "kiem-thu")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    open_database(path, create=True).close()
    return path


@pytest.fixture
def sqlite_db(sqlite_template, tmp_path):
    path = tmp_path / "nqdesk.sqlite3"
    sqlite_backup(sqlite_template, path)
    db = open_database(path)
    yield db
    db.close()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    """The demo data (Lạng Sơn, Trung ương 8 khóa XIII) imported once per session."""
    from datetime import date

    from desktop_app.ops.interchange import import_file
    from desktop_app.resources import DEMO_FILE

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    db = open_database(path, create=True)
    import_file(db, DEMO_FILE, today=date(2026, 1, 1))
    db.close()
    return path


@pytest.fixture
def demo_db(demo_template, tmp_path):
    """A private copy of the demo database."""
    path = tmp_path / "demo.sqlite3"
    sqlite_backup(demo_template, path)
    db = open_database(path)
    yield db
    db.close()


def postgres_url() -> str | None:
    return os.environ.get(PG_ENV) or None


def require_postgres() -> str:
    url = postgres_url()
    if url:
        return url
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI must run the PostgreSQL tests but {PG_ENV} is not set: .ci/run did not start the server.")
    pytest.skip(f"PostgreSQL not configured: set {PG_ENV}=postgresql+psycopg://user@127.0.0.1:PORT/DB to run these.")


def reset_postgres(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP SCHEMA IF EXISTS public CASCADE")
        conn.exec_driver_sql("CREATE SCHEMA public")
    engine.dispose()


@pytest.fixture
def pg_db():
    url = require_postgres()
    reset_postgres(url)
    db = open_database(url, create=True)
    assert db.user_name == make_url(url).username  # the server login, not NQDESK_USER (tests/store/test_roles.py)
    # The operations tests play several users through one login, by name as on SQLite.
    db.user_name = os.environ["NQDESK_USER"]
    yield db
    db.close()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db(request):
    """A fresh, migrated, empty database on each backend."""
    return request.getfixturevalue("sqlite_db" if request.param == "sqlite" else "pg_db")


@pytest.fixture
def tmpfs(tmp_path):
    """``tmpfs(size)`` mounts a real small file system (tmpfs) and returns its folder, for the
    full-disk and read-only-disk tests; unmounted afterwards. Needs root (as CI runs);
    elsewhere the test is skipped with that reason."""
    import subprocess

    mounted = []

    def mount(size: str = "2m") -> Path:
        folder = tmp_path / f"disk{len(mounted)}"
        folder.mkdir()
        if os.geteuid() != 0:
            pytest.skip("a real small file system needs root (mount -t tmpfs); run the suite as root, as CI does")
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                              capture_output=True, text=True)
        if done.returncode != 0:
            pytest.skip(f"this machine does not allow mounting a tmpfs ({done.stderr.strip()})")
        mounted.append(folder)
        return folder

    yield mount
    for folder in mounted:
        subprocess.run(["umount", "-l", str(folder)], check=False)
