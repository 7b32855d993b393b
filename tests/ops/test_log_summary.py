"""The maintained log summaries (``task_log_summaries``, issue 12) stay equal to the progress
log after every operation that changes it, on SQLite and PostgreSQL; the reads built on them
give what ``core.status.summarise_log`` gives on the log itself, as of today and as of a day
in the past; ``nqdesk check`` notices a summary that disagrees and ``repair`` rewrites it."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from log_summary_support import assert_summaries_match_log, summaries_from_the_log
from sqlalchemy import select, text

from desktop_app.core.status import summarise_log
from desktop_app.ops import programs, progress, tasks, undo
from desktop_app.ops.fields import ProgramFields, ProgressFields, TaskFields
from desktop_app.reports.check import check_database
from desktop_app.reports.entries import not_corrected
from desktop_app.reports.log_summary import has_stale
from desktop_app.reports.tasks import log_summaries
from desktop_app.store.models import ProgressEntry, TaskLogSummary

TODAY = date(2026, 6, 30)


def _program(db) -> int:
    return programs.create_program(db, "Chương trình", ProgramFields(status="drafting")).entity_id


def _task(db, program_id: int, deadline: str = "31/12/2026") -> int:
    return tasks.create_task(db, program_id, "Nhiệm vụ", TaskFields(deadline=deadline)).entity_id


def _report(db, task_id: int, day: date, percent=None, completed=False) -> int:
    changes = progress.report_progress(db, task_id, day, ProgressFields(percent=percent, completed=completed),
                                       today=TODAY)
    (entry_id,) = changes.inserted["progress_entries"]
    return entry_id


def _correct(db, entry_id: int, day: date, percent=None, completed=False) -> int:
    changes = progress.correct_progress(db, entry_id, day, ProgressFields(percent=percent, completed=completed),
                                        today=TODAY)
    (new_id,) = changes.inserted["progress_entries"]
    return new_id


def test_append_correct_undo_redo_keep_the_summary_equal_to_the_log(db):
    program = _program(db)
    task, other = _task(db, program), _task(db, program, "Hằng năm")
    assert assert_summaries_match_log(db) == {}
    first = _report(db, task, date(2025, 11, 3), 20)
    assert assert_summaries_match_log(db)[task] == (date(2025, 11, 3), None, None, date(2025, 11, 3), first, 20)
    second = _report(db, task, date(2026, 2, 1), 50)
    _report(db, other, date(2025, 12, 20), 100, completed=True)
    _report(db, other, date(2026, 3, 1), 10)
    summaries = assert_summaries_match_log(db)
    assert summaries[task] == (date(2026, 2, 1), None, None, date(2026, 2, 1), second, 50)
    # completed last year, reported again this year: no completion within the latest report's year
    assert summaries[other][:3] == (date(2026, 3, 1), date(2025, 12, 20), None)
    # a correction replaces the entry, a correction of the correction replaces that
    fixed = _correct(db, second, date(2026, 2, 1), 100, completed=True)
    assert assert_summaries_match_log(db)[task] == (date(2026, 2, 1), date(2026, 2, 1), date(2026, 2, 1),
                                                   date(2026, 2, 1), fixed, 100)
    fixed_again = _correct(db, fixed, date(2026, 1, 15), 60)
    assert assert_summaries_match_log(db)[task] == (date(2026, 1, 15), None, None, date(2026, 1, 15), fixed_again, 60)
    # undo each step back to the first report, then redo them all
    states = []
    for _ in range(3):
        states.append(assert_summaries_match_log(db))
        undo.undo(db)
    assert assert_summaries_match_log(db)[task] == (date(2026, 2, 1), None, None, date(2026, 2, 1), second, 50)
    for expected in reversed(states):
        undo.redo(db)
        assert assert_summaries_match_log(db) == expected


def test_deleting_a_task_or_programme_and_undoing_it(db):
    program = _program(db)
    task, kept = _task(db, program), _task(db, program)
    wrong = _report(db, task, date(2026, 1, 5), 30)
    _correct(db, wrong, date(2026, 1, 5), 40)
    _report(db, kept, date(2026, 3, 5), 70)
    before = assert_summaries_match_log(db)
    tasks.delete_task(db, task)
    assert set(assert_summaries_match_log(db)) == {kept}
    undo.undo(db)
    assert assert_summaries_match_log(db) == before
    programs.delete_program(db, program)
    assert assert_summaries_match_log(db) == {}
    undo.undo(db)
    assert assert_summaries_match_log(db) == before


def test_a_task_deleted_by_the_database_takes_its_summary_with_it(db):
    """The summary's row goes with its task (ON DELETE CASCADE), as its entries do."""
    program = _program(db)
    task = _task(db, program)
    _report(db, task, date(2026, 1, 5), 30)
    with db.write() as s:  # not through an operation: what the schema itself guarantees
        s.execute(text("DELETE FROM tasks WHERE id = :id"), {"id": task})
    with db.read() as s:
        assert s.scalar(select(TaskLogSummary.task_id)) is None
    assert_summaries_match_log(db)


def _log_of(session, as_of):
    pe = ProgressEntry
    rows = session.execute(select(pe.task_id, pe.reported_on, pe.completed, pe.percent, pe.id).where(not_corrected()))
    return summarise_log(rows, as_of)


def _fields(summaries):
    return {t: (s.done, s.done_year, s.reported, s.reported_year, s.latest, s.percent, s.last_on, s.last_on_year)
            for t, s in summaries.items()}


def test_the_task_lists_summaries_are_those_of_the_log_today_and_in_the_past(db):
    """reports.tasks.log_summaries (the task list, the GUI's start-up) reads the stored
    summaries where they hold and the log elsewhere: always what summarise_log gives on the
    log itself."""
    program = _program(db)
    ids = [_task(db, program, d) for d in ("31/12/2026", "Hằng năm", "Thường xuyên", "31/03/2025")]
    _report(db, ids[0], date(2025, 3, 1), 10)
    wrong = _report(db, ids[0], date(2026, 2, 1), 40)
    _correct(db, wrong, date(2026, 2, 2), 45)
    _report(db, ids[1], date(2025, 12, 1), 100, completed=True)
    _report(db, ids[1], date(2026, 1, 20), 30)
    _report(db, ids[2], date(2024, 6, 1), 5)
    _report(db, ids[3], date(2025, 3, 31), 100, completed=True)
    regimes = set()
    for as_of in (TODAY, date(2026, 1, 31), date(2025, 12, 31), date(2025, 3, 1), date(2024, 1, 1)):
        with db.read() as s:
            regimes.add(has_stale(s, as_of))
            expected = _fields(_log_of(s, as_of))
            assert _fields(log_summaries(s, as_of, None)) == expected, as_of
            assert _fields(log_summaries(s, as_of, ids[:2])) == {t: v for t, v in expected.items() if t in ids[:2]}
    assert regimes == {True, False}  # both the stored summaries alone and the log's fallback were read


def test_check_reports_a_summary_that_disagrees_and_repair_rewrites_it(db):
    from desktop_app.ops.log_summary import repair_log_summaries

    program = _program(db)
    task, other = _task(db, program), _task(db, program)
    _report(db, task, date(2026, 1, 5), 30)
    _report(db, other, date(2026, 2, 5), 60)
    assert check_database(db) == []
    with db.write() as s:  # damage made by hand (or by a program that bypassed the operations)
        s.execute(text("UPDATE task_log_summaries SET percent = 99 WHERE task_id = :id"), {"id": task})
        s.execute(text("DELETE FROM task_log_summaries WHERE task_id = :id"), {"id": other})
    problems = check_database(db)
    assert len(problems) == 1, problems
    assert "2" in problems[0] and "nqdesk check --repair" in problems[0]
    assert repair_log_summaries(db) == 2
    assert check_database(db) == []
    assert_summaries_match_log(db)


@pytest.mark.postgres
def test_two_connections_appending_to_one_task_both_count(pg_db):
    """Two users add an entry to one task at the same moment, on a shared server: the second
    refresh waits for the first transaction (the task row is locked) and then counts both
    entries. (Without the lock it would recompute from a view without the first entry, or
    collide with the first one's new row.)"""
    from desktop_app.ops.log_summary import refresh_log_summaries
    from desktop_app.store.db import open_database

    db = pg_db
    task = _task(db, _program(db))
    other = open_database(db.url)
    outcome: dict[str, object] = {}

    def second_user():
        try:
            with other.write() as s:
                s.add(ProgressEntry(task_id=task, reported_on=date(2026, 3, 2), percent=60))
                s.flush()
                refresh_log_summaries(s, [task])
            outcome["second"] = "committed"
        except Exception as exc:  # reported by the assertion below
            outcome["second"] = repr(exc)

    try:
        with db.write() as s:
            s.add(ProgressEntry(task_id=task, reported_on=date(2026, 3, 1), percent=40, completed=False))
            s.flush()
            refresh_log_summaries(s, [task])
            waiting = threading.Thread(target=second_user)
            waiting.start()
            waiting.join(timeout=1.0)
            assert waiting.is_alive(), "the second refresh did not wait for the first transaction"
        waiting.join(timeout=30)
        assert outcome == {"second": "committed"}
    finally:
        other.close()
    summaries = assert_summaries_match_log(db)
    assert summaries[task][0] == date(2026, 3, 2) and summaries[task][5] == 60
    with db.read() as s:
        assert len(s.scalars(select(ProgressEntry.id).where(ProgressEntry.task_id == task)).all()) == 2


def test_a_restored_backup_of_an_older_version_gets_its_summaries(sqlite_db, tmp_path):
    """A backup made before migration 0005 (no summaries) restored over the database: opening
    it upgrades it and fills the summaries from its log, corrections and all."""
    from desktop_app.store.db import create_db_engine, open_database, upgrade
    from desktop_app.store.restore import restore_backup

    old = tmp_path / "old-backup.sqlite3"
    engine = create_db_engine("sqlite:///" + str(old))
    upgrade(engine, "0004")
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO programs (id, kind, title, place, status, opening_text, purpose_text, objectives_text, "
            "tasks_text, organisation_text, signing_authority, signing_mode, signer_title, signer_name, recipients) "
            "VALUES (1, 'CTr', 'Chương trình', '', 'drafting', '', '', '', '', '', '', '', '', '', '')")
        for task_id in (1, 2, 3):
            conn.exec_driver_sql(
                "INSERT INTO tasks (id, program_id, position, content, product, deadline_text, note, group_title) "
                "VALUES (?, 1, ?, 'Nhiệm vụ', '', '', '', '')", (task_id, task_id))
        rows = [(1, 1, "2024-05-01", 20, 0, None), (2, 1, "2025-02-01", 100, 1, None),
                (3, 1, "2025-02-01", 50, 0, 2),  # corrects the completion
                (4, 2, "2024-12-30", 100, 1, None), (5, 2, "2025-01-03", None, 0, None)]
        for row in rows:
            conn.exec_driver_sql(
                "INSERT INTO progress_entries (id, task_id, reported_on, percent, completed, corrects_id, note, "
                "reported_by, evidence, recorded_by) VALUES (?, ?, ?, ?, ?, ?, '', '', '', '')", row)
    engine.dispose()
    path = sqlite_db.path
    sqlite_db.close()
    restore_backup(path, old)
    db = open_database(path)
    try:
        summaries = assert_summaries_match_log(db)
        assert summaries == {1: (date(2025, 2, 1), None, None, date(2025, 2, 1), 3, 50),
                             2: (date(2025, 1, 3), date(2024, 12, 30), None, date(2024, 12, 30), 4, 100)}
        with db.read() as s:
            assert summaries_from_the_log(s) == summaries
    finally:
        db.close()


def test_nqdesk_check_repair_from_the_command_line(sqlite_db, capsys):
    from desktop_app.cli import main

    task = _task(sqlite_db, _program(sqlite_db))
    _report(sqlite_db, task, date(2026, 1, 5), 30)
    with sqlite_db.write() as s:
        s.execute(text("DELETE FROM task_log_summaries"))
    path = str(sqlite_db.path)
    sqlite_db.close()
    assert main(["--db", path, "check"]) == 1
    assert "nqdesk check --repair" in capsys.readouterr().err
    assert main(["--db", path, "check", "--repair"]) == 0
    assert "1 nhiệm vụ" in capsys.readouterr().out
    assert main(["--db", path, "check"]) == 0


@pytest.mark.parametrize("which", ["a run of ids", "ids apart", "all"])
def test_a_refresh_of_many_tasks_at_once_gives_the_log(db, monkeypatch, which):
    """Many tasks are refreshed in chunks of ids, a run of ids (an import's new tasks) in one
    pass over their log, or every task: each way, the summaries of the log."""
    from desktop_app.ops import log_summary

    monkeypatch.setattr(log_summary, "_CHUNK", 2)  # "many": more than two
    program = _program(db)
    ids = [_task(db, program) for _ in range(6)]
    for n, task_id in enumerate(ids):
        first = _report(db, task_id, date(2025, 12, 1 + n), 10 * n)
        _report(db, task_id, date(2026, 1, 5 + n), None, completed=n % 2 == 0)
        if n % 3 == 0:
            _correct(db, first, date(2025, 12, 1 + n), 90)
    expected = assert_summaries_match_log(db)
    with db.write() as session:  # wrong summaries, as if the log had been written some other way
        session.execute(TaskLogSummary.__table__.update().values(percent=0, done=None))
        session.execute(TaskLogSummary.__table__.delete().where(TaskLogSummary.task_id == ids[1]))
    refreshed = {"a run of ids": ids, "ids apart": ids[::-1] + ids, "all": None}[which]
    if which == "ids apart":  # a gap: not one run
        with db.write() as session:
            log_summary.refresh_log_summaries(session, [i for i in ids if i != ids[2]])
            log_summary.refresh_log_summaries(session, [ids[2]])
    else:
        with db.write() as session:
            log_summary.refresh_log_summaries(session, refreshed)
    assert assert_summaries_match_log(db) == expected
