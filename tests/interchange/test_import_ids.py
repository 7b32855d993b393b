"""The bulk import gives ids itself on SQLite (no RETURNING): they must be the ids SQLite
would have given, so an id never comes back for a different row (the journal names rows
by id) and every link points at the row it names."""

from __future__ import annotations

from sqlalchemy import func, select

from desktop_app.interchange.writer import export_data
from desktop_app.ops import bodies as body_ops
from desktop_app.ops.interchange import import_data
from desktop_app.store.models import Body, ProgressEntry, Task, TaskCoordinator

from .base_file import TODAY, base


def test_ids_continue_after_deleted_rows(db):
    for name in ("Cơ quan tạm 1", "Cơ quan tạm 2"):
        body_ops.create_body(db, name)
    with db.read() as s:
        highest = s.scalar(select(func.max(Body.id)))
    for body_id in (highest, highest - 1):
        body_ops.delete_body(db, body_id)
    import_data(db, base(), today=TODAY)
    with db.read() as s:
        new_ids = list(s.scalars(select(Body.id)))
    assert new_ids and min(new_ids) > highest  # AUTOINCREMENT: deleted ids are not reused


def test_links_point_at_the_rows_they_name(db):
    """Coordinators, leads and corrections after the import are those of the file."""
    import_data(db, base(), today=TODAY)
    again = export_data(db)
    original = base()
    assert [t["coordinating_bodies"] for p in again["programs"] for t in p["tasks"]] == \
           [t.get("coordinating_bodies") or [] for p in original["programs"] for t in p["tasks"]]
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(TaskCoordinator)) > 0
        tasks = {t.id for t in s.scalars(select(Task))}
        assert {e.task_id for e in s.scalars(select(ProgressEntry))} <= tasks


def test_the_drivers_executemany_stores_what_sqlalchemys_would(tmp_path, monkeypatch):
    """On SQLite the rows go in through the driver with each column type's own conversion
    (dates, moments, yes/no) and the defaults of the columns a row leaves out: every table
    holds, byte for byte, what SQLAlchemy's own executemany stored."""
    import sqlite3

    from sqlalchemy import insert

    from desktop_app.ops import interchange
    from desktop_app.store.db import open_database

    def dump(path):
        con = sqlite3.connect(path)
        try:
            tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                                "AND name NOT IN ('journal', 'sqlite_sequence')")]
            return {t: con.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall() for t in tables
                    if t != "alembic_version"}
        finally:
            con.close()

    data = base()
    data["programs"][0]["tasks"][0]["progress"][0].pop("recorded_at")  # a moment left out, too
    dumps = []
    for name in ("driver", "sqlalchemy"):
        if name == "sqlalchemy":
            def through_sqlalchemy(session, table, rows, ids=None):
                given = rows if ids is None else [row | {"id": i} for row, i in zip(rows, ids)]
                session.execute(insert(table), given)

            monkeypatch.setattr(interchange, "_executemany_sqlite", through_sqlalchemy)
        db = open_database(tmp_path / f"{name}.sqlite3", create=True)
        try:
            import_data(db, data, today=TODAY)
        finally:
            db.close()
        dumps.append(dump(tmp_path / f"{name}.sqlite3"))
    driver, sqlalchemy_rows = dumps
    assert driver["tasks"] and driver["progress_entries"] and driver["bodies"]
    assert driver == sqlalchemy_rows
