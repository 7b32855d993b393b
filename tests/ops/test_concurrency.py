"""Two users changing the same data at the same time, in real separate processes, on
PostgreSQL and on one SQLite file: no update is lost, the journal's before-values are true,
a task is completed once, and an edit made from a stale screen is refused with a message
naming who changed the value, when, and to what."""

from __future__ import annotations

import json
import multiprocessing as mp
from datetime import date

import pytest
from sqlalchemy import func, select

from concurrency_support import completion_worker, two_writer_worker
from pg_roles import login_url, setup_roles
from desktop_app.ops.base import ConflictError, ValidationError
from desktop_app.ops.bodies import create_body
from desktop_app.ops.progress import correct_progress, report_progress
from desktop_app.ops.programs import create_program
from desktop_app.ops.tasks import create_task, update_task
from desktop_app.ops.undo import UndoError, undo
from desktop_app.ops.fields import ProgramFields, ProgressFields, TaskFields
from desktop_app.ops.log_summary import refresh_log_summaries
from desktop_app.reports.check import check_database
from desktop_app.store.db import open_database
from desktop_app.store.models import JournalChange, JournalEntry, ProgressEntry, Task

ROUNDS = 250  # operations per writer
TRIALS = 30  # concurrent completions


def _program(db) -> int:
    return create_program(db, "Chương trình thực hiện Nghị quyết", ProgramFields(kind="CTr")).entity_id


def _task(db, program_id: int, note: str = "base") -> int:
    return create_task(db, program_id, "Tuyên truyền Nghị quyết", TaskFields(note=note, assigned_date="01/12/2025")).entity_id


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def shared(request, tmp_path):
    """(url, {person: url to connect as them}) for one database used by alice and bob."""
    if request.param == "sqlite":
        url = "sqlite:///" + str(tmp_path / "shared.sqlite3")
        open_database(url, create=True).close()
        return url, {"alice": url, "bob": url}
    url = request.getfixturevalue("pg_db").url  # reset and migrated
    setup_roles(url, {"alice": "nqdesk_staff", "bob": "nqdesk_staff"})
    return url, {name: login_url(url, name) for name in ("alice", "bob")}


def _run(target, jobs: list[tuple]) -> list:
    ctx = mp.get_context("spawn")
    barrier, results = ctx.Barrier(len(jobs)), ctx.Queue()
    procs = [ctx.Process(target=target, args=(*job, barrier, results)) for job in jobs]
    for p in procs:
        p.start()
    out = [results.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=30)
        assert p.exitcode == 0
    return out


@pytest.mark.slow
def test_two_writers_lose_no_update(shared):
    url, as_user = shared
    db = open_database(url)
    try:
        task_id = _task(db, _program(db))
    finally:
        db.close()

    results = _run(two_writer_worker, [(as_user[u], u, task_id, ROUNDS) for u in ("alice", "bob")])

    by_user = {r[0]: r for r in results}
    for user, edits, conflicts, reports, errors in results:
        assert not [e for e in errors if e[0] == "error"], errors
        assert len(edits) + conflicts + reports == ROUNDS
    edits = [(jid, seen, value, user) for user, e, *_ in results for jid, seen, value in e]
    conflicts = sum(r[2] for r in results)
    db = open_database(url)
    try:
        with db.read() as s:
            note_now = s.get(Task, task_id).note
            rows = s.execute(
                select(JournalChange, JournalEntry.user_name)
                .join(JournalEntry, JournalEntry.id == JournalChange.journal_id)
                .where(JournalChange.entity == "tasks", JournalChange.entity_id == task_id,
                       JournalChange.action == "update")
                .order_by(JournalEntry.id)
            ).all()
            chain = [(c.journal_id, json.loads(c.before)["note"], json.loads(c.after)["note"], who) for c, who in rows]
            entries = s.scalar(select(func.count()).select_from(ProgressEntry).where(ProgressEntry.task_id == task_id))
    finally:
        db.close()

    # Every edit that succeeded is in the journal, by its author, with the value it replaced
    # being exactly what its author had read.
    journal = {jid: (before, after, who) for jid, before, after, who in chain}
    assert len(chain) == len(edits)
    for jid, seen, value, user in edits:
        assert journal[jid] == (seen, value, user)
    # In journal order each before is the previous after: nothing was overwritten unseen.
    lost = sum(1 for prev, cur in zip(chain, chain[1:]) if cur[1] != prev[2])
    assert chain[0][1] == "base"
    assert chain[-1][2] == note_now
    assert lost == 0
    assert entries == sum(r[3] for r in results)  # every progress report kept
    assert conflicts > 0, "the writers never overlapped: the test proves nothing"
    message = next(msg for r in results for kind, msg in r[4] if kind == "first conflict message")
    assert message.startswith("«Ghi chú» vừa được ")
    assert "Giá trị bạn sửa chưa được lưu." in message
    print(f"\n{url.split(':')[0]}: {2 * ROUNDS} operations, {len(edits)} edits saved, {conflicts} conflicts "
          f"reported, {lost} lost; alice {len(by_user['alice'][1])} / bob {len(by_user['bob'][1])} edits")


@pytest.mark.slow
def test_concurrent_completion_commits_once(shared):
    url, as_user = shared
    db = open_database(url)
    try:
        program_id = _program(db)
        task_ids = [_task(db, program_id) for _ in range(TRIALS)]
    finally:
        db.close()

    results = _run(completion_worker, [(as_user[u], u, task_ids) for u in ("alice", "bob")])

    outcomes: dict[int, list[str]] = {}
    for _user, per_task in results:
        for task_id, outcome in per_task:
            outcomes.setdefault(task_id, []).append(outcome)
    for task_id, both in outcomes.items():
        assert sorted(both, key=lambda o: o != "ok")[0] == "ok", both
        refused = [o for o in both if o != "ok"]
        assert len(refused) == 1, both
        assert refused[0].startswith("Nhiệm vụ đã được ghi hoàn thành"), both
    db = open_database(url)
    try:
        with db.read() as s:
            per_task = dict(s.execute(
                select(ProgressEntry.task_id, func.count()).where(ProgressEntry.completed.is_(True))
                .group_by(ProgressEntry.task_id)).all())
    finally:
        db.close()
    assert per_task == {t: 1 for t in task_ids}


def test_check_reports_a_task_completed_twice(db):
    """What the race used to leave behind is found by «nqdesk check»."""
    task_id = _task(db, _program(db))
    report_progress(db, task_id, date(2026, 1, 1), ProgressFields(completed=True), today=date(2026, 1, 2))
    assert check_database(db) == []
    with db.write() as s:  # the state a race left before rows were locked
        s.add(ProgressEntry(task_id=task_id, reported_on=date(2026, 1, 2), percent=100, completed=True))
        refresh_log_summaries(s, [task_id])  # its log summary kept, as by an operation
    (problem,) = check_database(db)
    assert problem == f"Nhiệm vụ #{task_id} được ghi hoàn thành hơn một lần."


# --- the conflict refusal itself (one process) --------------------------------------------

def test_stale_edit_is_refused_with_who_when_and_current_value(db):
    task_id = _task(db, _program(db))
    db.user_name = "bob"
    update_task(db, task_id, TaskFields(note="từ bob"), expected={"note": "base"})
    db.user_name = "alice"
    with pytest.raises(ConflictError) as info:
        update_task(db, task_id, TaskFields(note="từ alice"), expected={"note": "base"})
    exc = info.value
    assert isinstance(exc, ValidationError)
    assert (exc.field_name, exc.current, exc.user) == ("note", "từ bob", "bob")
    assert str(exc).startswith("«Ghi chú» vừa được bob sửa lúc ")
    assert str(exc).endswith("thành «từ bob». Giá trị bạn sửa chưa được lưu.")
    with db.read() as s:
        assert s.get(Task, task_id).note == "từ bob"
    # "keep mine": save again from the value now shown
    update_task(db, task_id, TaskFields(note="từ alice"), expected={"note": exc.current})
    with db.read() as s:
        assert s.get(Task, task_id).note == "từ alice"


def test_expected_values_in_the_editors_terms(db):
    """Dates as the editor shows them, the deadline's text, an empty field for None."""
    task_id = create_task(db, _program(db), "Nội dung", TaskFields(deadline="Quý I/2026", assigned_date="01/12/2025", product="")).entity_id
    update_task(db, task_id, TaskFields(note="x"), expected={"assigned_date": "01/12/2025", "deadline": "Quý I/2026",
                                                 "product": None, "note": ""})
    with pytest.raises(ConflictError) as info:
        update_task(db, task_id, TaskFields(deadline="Quý II/2026"), expected={"deadline": "Quý IV/2026"})
    assert "«Thời gian hoàn thành»" in str(info.value) and "«Quý I/2026»" in str(info.value)


def test_conflict_names_the_lead_body_by_name(db):
    a = create_body(db, "Ban Tuyên giáo Tỉnh ủy").entity_id
    b = create_body(db, "Sở Văn hóa, Thể thao và Du lịch").entity_id
    task_id = _task(db, _program(db))
    update_task(db, task_id, TaskFields(lead_body_id=a))
    with pytest.raises(ConflictError) as info:
        update_task(db, task_id, TaskFields(lead_body_id=b), expected={"lead_body_id": None})
    assert "thành «Ban Tuyên giáo Tỉnh ủy»" in str(info.value)


def test_undo_never_overwrites_a_later_change(db):
    task_id = _task(db, _program(db))
    db.user_name = "alice"
    update_task(db, task_id, TaskFields(note="từ alice"), expected={"note": "base"})
    db.user_name = "bob"
    update_task(db, task_id, TaskFields(note="từ bob"), expected={"note": "từ alice"})
    db.user_name = "alice"
    with pytest.raises(UndoError):
        undo(db)
    with db.read() as s:
        assert s.get(Task, task_id).note == "từ bob"


def test_journal_entry_numbered_when_it_takes_effect(db):
    """The entry is written after the row lock: an operation refused before changing
    anything leaves no entry and uses no journal number."""
    task_id = _task(db, _program(db))
    with db.read() as s:
        before = s.scalar(select(func.count()).select_from(JournalEntry))
    with pytest.raises(ConflictError):
        update_task(db, task_id, TaskFields(note="x"), expected={"note": "not what is there"})
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(JournalEntry)) == before


def test_correction_and_completion_keep_one_completion(db):
    task_id = _task(db, _program(db))
    first = report_progress(db, task_id, date(2026, 1, 1), ProgressFields(completed=True), today=date(2026, 1, 2))
    entry_id = next(iter(first.inserted["progress_entries"]))
    correct_progress(db, entry_id, date(2026, 1, 1), ProgressFields(percent=50), today=date(2026, 1, 2))
    report_progress(db, task_id, date(2026, 1, 2), ProgressFields(completed=True), today=date(2026, 1, 2))
    with pytest.raises(ValidationError):
        report_progress(db, task_id, date(2026, 1, 2), ProgressFields(completed=True), today=date(2026, 1, 2))
