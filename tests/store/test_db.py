"""Opening, upgrading and refusing databases."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select, text

from desktop_app.ops import bodies
from desktop_app.ops.fields import BodyFields, StudySessionFields
from desktop_app.reports.lists import list_bodies
from desktop_app.store import db as store_db
from desktop_app.store.db import (
    DatabaseTooNewError, MigrationError, StoreError, head_revision, open_database, resolve_url,
)
from desktop_app.store.models import Base, Body, Task

FIXTURE = Path(__file__).parent.parent / "fixtures" / "nqdesk-schema-0001.sqlite3"


def _dump(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return list(con.iterdump())
    finally:
        con.close()


def test_schema_matches_models(db):
    """The migrations build exactly the tables, columns and indexes the models declare."""
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert diff == []


def test_new_sqlite_file_has_pragmas(tmp_path):
    db = open_database(tmp_path / "new.sqlite3", create=True)
    try:
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert db.backup_made is None  # nothing to back up in a brand-new file
    finally:
        db.close()


def test_url_resolution_order(monkeypatch, tmp_path):
    monkeypatch.setenv("NQDESK_DB", str(tmp_path / "env.sqlite3"))
    assert resolve_url(tmp_path / "arg.sqlite3").endswith("arg.sqlite3")
    assert resolve_url(None).endswith("env.sqlite3")
    monkeypatch.setenv("NQDESK_DB", "postgresql+psycopg://u@127.0.0.1:5432/x")
    assert resolve_url(None) == "postgresql+psycopg://u@127.0.0.1:5432/x"
    monkeypatch.delenv("NQDESK_DB")
    assert resolve_url(None).endswith("nqdesk.sqlite3")
    assert str(tmp_path / "xdg-data") in resolve_url(None)


def test_foreign_keys_enforced(sqlite_db):
    with pytest.raises(Exception):
        with sqlite_db.write() as s:
            s.add(Task(program_id=999, content="x"))


def test_upgrade_from_first_schema_version(tmp_path):
    path = tmp_path / "old.sqlite3"
    shutil.copy(FIXTURE, path)
    before = _dump(path)
    db = open_database(path)
    try:
        # a backup of the old file, byte-for-byte the same data, was made first
        assert db.backup_made is not None and db.backup_made.exists()
        assert _dump(db.backup_made) == before
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == head_revision()
        with db.read() as s:
            assert s.scalar(select(Task.content).where(Task.id == 1)).startswith("Tổ chức quán triệt")
            folded = s.scalar(select(Body.search_fold).where(Body.code == "ĐUK"))
        assert "dang uy khoi" in folded
        # old rows are searchable without diacritics after the upgrade
        assert [b.code for b in list_bodies(db, "dang uy")] == ["ĐUK"]
        # and the upgraded database takes new operations
        bodies.create_body(db, "Văn phòng Tỉnh ủy", BodyFields(code="VPTU", parent_id=1, kind="advisory_body"))
    finally:
        db.close()


def test_database_newer_than_program_is_refused(tmp_path):
    path = tmp_path / "future.sqlite3"
    shutil.copy(FIXTURE, path)
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '9001_from_the_future'")
    con.commit()
    con.close()
    before = _dump(path)
    with pytest.raises(DatabaseTooNewError) as err:
        open_database(path)
    assert "mới hơn" in str(err.value) and "cập nhật" in str(err.value)
    assert _dump(path) == before


def test_failed_migration_leaves_original_intact(tmp_path, monkeypatch):
    broken = tmp_path / "migrations"
    shutil.copytree(store_db.MIGRATIONS_DIR, broken, ignore=shutil.ignore_patterns("__pycache__"))
    (broken / "versions" / "0099_broken.py").write_text(
        '"""A migration that fails half-way."""\n'
        "import sqlalchemy as sa\nfrom alembic import op\n"
        f"revision = '0099'\ndown_revision = '{head_revision()}'\nbranch_labels = None\ndepends_on = None\n\n"
        "def upgrade():\n"
        "    op.create_table('half_done', sa.Column('id', sa.Integer, primary_key=True))\n"
        "    op.execute(\"UPDATE tasks SET content = 'HỎNG'\")\n"
        "    raise RuntimeError('mất điện giữa chừng')\n\n"
        "def downgrade():\n    pass\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(store_db, "MIGRATIONS_DIR", broken)
    path = tmp_path / "old.sqlite3"
    shutil.copy(FIXTURE, path)
    before = _dump(path)
    with pytest.raises(MigrationError) as err:
        open_database(path)
    assert "giữ nguyên" in str(err.value)
    # all migrations of the failed run (0002 and the broken one) were rolled back together
    assert _dump(path) == before


def test_not_a_database_file(tmp_path):
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(b"this is a Word document, not a database" * 100)
    with pytest.raises(StoreError) as err:
        open_database(path)
    assert "không phải cơ sở dữ liệu" in str(err.value)


def test_foreign_sqlite_database_is_refused(tmp_path):
    path = tmp_path / "other.sqlite3"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    con.commit()
    con.close()
    with pytest.raises(StoreError) as err:
        open_database(path)
    assert "không phải cơ sở dữ liệu của NQ Desk" in str(err.value)


def test_backup_is_a_consistent_copy(sqlite_db, tmp_path):
    bodies.create_body(sqlite_db, "Ban Tổ chức Tỉnh ủy", BodyFields(code="BTCTU"))
    dest = sqlite_db.backup(tmp_path / "copy.sqlite3")
    copy = open_database(dest)
    try:
        assert [b.code for b in list_bodies(copy)] == ["BTCTU"]
    finally:
        copy.close()


def test_backup_refused_on_server_database(pg_db):
    with pytest.raises(StoreError):
        pg_db.backup()


def test_postgres_is_really_postgres(pg_db):
    with pg_db.engine.connect() as conn:
        assert "PostgreSQL" in conn.execute(text("SELECT version()")).scalar()


def test_upgrade_0002_to_0003_keeps_data_and_takes_study_records(tmp_path):
    """A database at schema 0002 (the previous release) holding data is upgraded to the
    study-records schema: every old row kept, the new tables empty and usable."""
    from datetime import date

    from sqlalchemy import create_engine

    from desktop_app.ops import study
    from desktop_app.reports.study import study_figures

    path = tmp_path / "v0002.sqlite3"
    shutil.copy(FIXTURE, path)
    engine = create_engine(f"sqlite:///{path}")
    store_db.upgrade(engine, "0002")
    engine.dispose()
    con = sqlite3.connect(path)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0002"
    old_rows = {t: con.execute(f"SELECT * FROM {t} ORDER BY id").fetchall()
                for t in ("bodies", "documents", "programs", "tasks", "progress_entries", "journal")}
    assert old_rows["tasks"] and old_rows["bodies"]
    con.close()
    db = open_database(path)
    try:
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == head_revision()
            for table, rows in old_rows.items():
                assert conn.exec_driver_sql(f"SELECT * FROM {table} ORDER BY id").fetchall() == rows
            assert conn.exec_driver_sql("SELECT count(*) FROM study_sessions").scalar() == 0
        duk = next(b.id for b in list_bodies(db, "dang uy khoi"))
        org = bodies.create_body(db, "Đảng bộ Sở Y tế", BodyFields(kind="party_organisation", parent_id=duk)).entity_id
        study.set_member_count(db, org, date(2023, 11, 30), 120)
        with db.read() as s:
            doc_id = s.scalar(text("SELECT id FROM documents ORDER BY id LIMIT 1"))
        session_id = study.create_session(db, "Hội nghị", date(2023, 12, 4),
                                          StudySessionFields(organiser_id=duk, document_ids=[doc_id])).entity_id
        study.save_attendance(db, session_id, [{"body_id": org, "members": 90, "newly_studied": 90}])
        fig = study_figures(db, doc_id, date(2024, 1, 1))
        assert (fig.members_studied, fig.members_total, fig.members_percent_text) == (90, 120, "75%")
    finally:
        db.close()


def test_head_revision_read_from_the_files_is_alembics_head():
    """head_revision() scans migrations/versions instead of importing Alembic: same answer."""
    from alembic.script import ScriptDirectory

    assert head_revision() == ScriptDirectory.from_config(store_db.alembic_config()).get_current_head()


def test_missing_database_is_created_only_when_asked(tmp_path):
    missing = tmp_path / "sai-ten" / "nqdesk.sqlite3"
    with pytest.raises(store_db.DatabaseNotFound) as err:
        open_database(missing)
    assert str(missing) in str(err.value) and err.value.where == str(missing)
    assert not missing.parent.exists()
    open_database(missing, create=True).close()
    open_database(missing).close()  # now it exists


def test_up_to_date_database_opens_without_alembic(sqlite_template):
    """Every command opens the database: at the head revision that needs no Alembic import."""
    import subprocess
    import sys

    probe = ("import sys; from desktop_app.store.db import open_database; "
             f"open_database({str(sqlite_template)!r}).close(); "
             "print(sorted(m for m in sys.modules if m.startswith('alembic')))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_a_read_session_cannot_write(sqlite_db):
    """Every change goes through an operation (journalled); a read session refuses to write."""
    import pytest
    from sqlalchemy import update

    from desktop_app.store.models import Body

    with sqlite_db.read() as s:
        s.add(Body(kind="party_committee", name="Không được ghi"))
        with pytest.raises(RuntimeError, match="for queries"):
            s.flush()
        s.rollback()
        with pytest.raises(RuntimeError, match="for queries"):
            s.execute(update(Body).values(name="x"))
    with sqlite_db.read() as s:
        assert s.query(Body).filter_by(name="Không được ghi").count() == 0
