"""The import's fast paths (issue 12: 100,000 tasks in at most 12 s) change how the work
is done, never its result: the cyclic collector and SQLite's page cache are put back as
they were, each distinct value is converted once, rows with other fields go in as their
own statement, and the quick structure check agrees with the full one."""

from __future__ import annotations

import gc
from datetime import date

import pytest
from sqlalchemy import select

from desktop_app.interchange import reader
from desktop_app.interchange.reader import ImportFailed, structure_problems
from desktop_app.interchange.validate import LIMITS, Checker, limit_of
from desktop_app.ops import interchange
from desktop_app.ops.interchange import import_data
from desktop_app.store.models import Body, Task

from .base_file import TODAY, base


@pytest.mark.parametrize("enabled", [True, False])
def test_the_cyclic_collector_pauses_for_the_import_and_comes_back_as_it_was(sqlite_db, monkeypatch, enabled):
    seen = []
    checked = reader.build_plan

    def build_plan(*args, **kwargs):
        seen.append(gc.isenabled())
        return checked(*args, **kwargs)

    monkeypatch.setattr(interchange, "build_plan", build_plan)
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        import_data(sqlite_db, base(), today=TODAY)
        assert gc.isenabled() is enabled
        bad = base()
        bad["programs"][0]["tasks"][0]["deadline"] = "Quý IX/2024"
        with pytest.raises(ImportFailed):
            import_data(sqlite_db, bad, today=TODAY)
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()
    assert seen == [False, False]


def test_the_page_cache_is_large_while_writing_then_the_connections_own(sqlite_db, monkeypatch):
    seen = {}
    write = interchange._write

    def spy(session, *args):
        connection = session.connection().connection.driver_connection
        seen["connection"] = connection
        seen["during"] = connection.execute("PRAGMA cache_size").fetchone()[0]
        return write(session, *args)

    monkeypatch.setattr(interchange, "_write", spy)
    with sqlite_db.read() as s:
        default = s.connection().exec_driver_sql("PRAGMA cache_size").scalar()
    import_data(sqlite_db, base(), today=TODAY)
    assert seen["during"] == -interchange.IMPORT_CACHE_KIB != default
    assert seen["connection"].execute("PRAGMA cache_size").fetchone()[0] == default


def test_each_distinct_value_is_converted_once_in_order():
    calls = []

    def process(value):
        calls.append(value)
        return f"<{value}>"

    column = [date(2024, 1, 2), date(2024, 1, 2), None, date(2024, 1, 3), None, date(2024, 1, 2)]
    assert interchange._processed(process, column) == [f"<{v}>" for v in column]
    assert sorted(calls, key=str) == [date(2024, 1, 2), date(2024, 1, 3), None]
    calls.clear()
    mixed = [1, True, 1, True]  # equal, but not the same value to convert: each converted by itself
    assert interchange._processed(process, mixed) == ["<1>", "<True>", "<1>", "<True>"]
    assert calls == mixed
    unhashable = [[1], [1]]
    assert interchange._processed(process, unhashable) == ["<[1]>", "<[1]>"]
    calls.clear()
    distinct = [3, 1, 2, 1]  # mostly distinct values (the log's times): each converted in turn
    assert interchange._processed(process, distinct) == ["<3>", "<1>", "<2>", "<1>"]
    assert calls == distinct


def test_rows_with_other_fields_go_in_as_their_own_statement(sqlite_db):
    rows = [{"name": "Một", "kind": "other"}, {"name": "Hai", "kind": "other", "code": "HAI"},
            {"name": "Ba", "kind": "other", "code": "BA"}, {"name": "Bốn", "kind": "other"}]
    with sqlite_db.write() as s:
        ids = interchange._insert_returning_ids(s, Body, rows)
        s.commit()
    with sqlite_db.read() as s:
        got = [(b.id, b.name, b.code, b.short_name, b.note) for b in s.scalars(select(Body).order_by(Body.id))]
    assert got == [(i, r["name"], r.get("code"), "", "") for i, r in zip(ids, rows)]
    assert ids == list(range(ids[0], ids[0] + 4))


def test_tasks_keep_their_order_dates_and_search_text(sqlite_db):
    import_data(sqlite_db, base(), today=TODAY)
    with sqlite_db.read() as s:
        tasks = list(s.scalars(select(Task).order_by(Task.id)))
    planned = [t for p in base()["programs"] for t in p["tasks"]]
    assert [t.content for t in tasks] == [t["content"] for t in planned]
    assert all(t.search_fold and t.search_fold == t.search_fold.lower() for t in tasks)
    assert any(t.due_date is not None for t in tasks)


@pytest.mark.parametrize("data, message", [
    ({"format": "nqdesk/2", 7: "x"}, "tên trường phải là văn bản"),
    ({"format": "nqdesk/2", "note": "a\ud800b"}, "nửa cặp surrogate"),
    ({"format": "nqdesk/2", "\udc00": 1}, "nửa cặp surrogate"),
    ({"format": "nqdesk/2", "note": {1.5: None}}, "tên trường phải là văn bản"),
    ({"format": "nqdesk/2", "note": [float("nan")]}, "không dùng được"),
    ({"format": "nqdesk/2", "note": [10 ** 30]}, "số quá lớn"),
    ({"format": "nqdesk/2", "note": [object()]}, "không phải kiểu của JSON"),
])
def test_the_quick_structure_check_sends_every_problem_to_the_full_one(data, message):
    assert not reader._well_formed(data)
    problems = structure_problems(data)
    assert problems and message in problems[0].message


def test_a_well_formed_file_passes_the_quick_check():
    assert reader._well_formed(base())
    assert structure_problems(base()) == []


def test_empty_text_and_named_limits():
    c = Checker()
    assert c.text("a", "A", "") == "" and not c.problems
    assert c.text("b", "B", "", required=True) == ""
    assert [p.field for p in c.problems] == ["b"]
    assert limit_of("short") == LIMITS["short"] == limit_of("short")  # the second time from the cache
    assert limit_of(Body.code) == 50 == limit_of(Body.code)
    assert limit_of(17) == 17
    c = Checker()
    assert c.text("code", "Mã", "x" * 51, limit=Body.code) == "x" * 51
    assert [p.field for p in c.problems] == ["code"]


def test_checkers_sharing_clean_texts_answer_as_alone():
    """A text found clean is remembered for the next checker; one that lost characters is
    not, so each field that has them still gets its warning."""
    from desktop_app.interchange.validate import CleanTexts

    shared = CleanTexts()
    texts = ["Ban Tuyên giáo", "  hai  dòng \n thứ hai ", "có\x07chuông", "", "x" * 70]
    for _round in range(2):
        for multiline in (False, True):
            for text in texts:
                alone, together = Checker(), Checker(shared)
                clean = alone.long_text if multiline else alone.text
                again = together.long_text if multiline else together.text
                assert again("f", "Nhãn", text, limit=60) == clean("f", "Nhãn", text, limit=60)
                assert together.warnings == alone.warnings
                assert [(p.field, p.value, p.message) for p in together.problems] == \
                       [(p.field, p.value, p.message) for p in alone.problems]
    assert "Ban Tuyên giáo" in shared[False] and "có\x07chuông" not in shared[False]
    assert shared[True]["  hai  dòng \n thứ hai "] == "hai  dòng\n thứ hai"


def _indexes(db):
    with db.read() as s:
        return sorted(s.connection().exec_driver_sql(
            "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index'").fetchall())


def test_a_bulk_import_builds_the_task_indexes_again_as_they_were(sqlite_db, monkeypatch):
    monkeypatch.setattr(interchange, "BULK_INDEX_ROWS", 1)
    before = _indexes(sqlite_db)
    assert {"tasks", "progress_entries", "task_coordinators"} <= {t for _n, t, sql in before if sql}
    dropped = []
    drop = interchange._indexes_built_after

    def spy(session, models, new_rows):
        dropped.append(new_rows)
        return drop(session, models, new_rows)

    monkeypatch.setattr(interchange, "_indexes_built_after", spy)
    import_data(sqlite_db, base(), today=TODAY)
    assert _indexes(sqlite_db) == before
    with sqlite_db.read() as s:  # the rebuilt indexes answer like the rows
        con = s.connection()
        assert con.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        plan = " ".join(r[-1] for r in con.exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT * FROM progress_entries WHERE task_id = 1").fetchall())
        assert "USING" in plan and "INDEX" in plan
    assert dropped and dropped[0] > 0


def test_a_failure_after_the_indexes_were_dropped_leaves_them_in_place(sqlite_db, monkeypatch):
    monkeypatch.setattr(interchange, "BULK_INDEX_ROWS", 1)
    before = _indexes(sqlite_db)

    def broken(*args):
        raise RuntimeError("hỏng giữa chừng")

    monkeypatch.setattr(interchange, "_write_progress", broken)
    with pytest.raises(RuntimeError):
        import_data(sqlite_db, base(), today=TODAY)
    assert _indexes(sqlite_db) == before
    with sqlite_db.read() as s:
        assert s.scalar(select(Task.id)) is None


def test_indexes_stay_when_the_tables_already_hold_more_rows_than_come(sqlite_db, monkeypatch):
    import_data(sqlite_db, base(), today=TODAY)  # a few tasks already there
    monkeypatch.setattr(interchange, "BULK_INDEX_ROWS", 1)
    statements = []
    with sqlite_db.write() as s:
        connection = s.connection()
        original = connection.exec_driver_sql
        monkeypatch.setattr(connection, "exec_driver_sql", lambda sql, *a: statements.append(sql) or original(sql, *a))
        with interchange._indexes_built_after(s, (Task,), 1):
            pass
    assert not any(sql.startswith("DROP") for sql in statements)
    assert any("count(*)" in sql for sql in statements)
