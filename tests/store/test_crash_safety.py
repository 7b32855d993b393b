"""A process killed in the middle of its work loses nothing it had committed and leaves
a sound database behind (SQLite, WAL, synchronous=FULL).

A child process runs real operations in a loop and prints the journal id of each one
only after the operation has returned, i.e. after its commit. The test kills it with
SIGKILL at an arbitrary moment and then checks the file: SQLite's own integrity and
foreign-key checks, every reported operation present with its journal changes and its
rows, at most one committed-but-unreported operation, and ``nqdesk check`` clean.
"""

from __future__ import annotations

import json
import os
import queue
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import date

import pytest

from desktop_app.ops import bodies, programs, tasks
from desktop_app.ops.fields import BodyFields, ProgramFields, TaskFields
from desktop_app.reports.check import check_database
from desktop_app.store.db import open_database

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL does not exist on Windows")

CHILD_USER = "kiem-thu-tien-trinh-con"
WANTED_LINES = 40
READ_TIMEOUT_S = 60  # the whole loop normally takes about a second
CHILD_TIME_LIMIT_S = 90  # an orphaned child stops by itself

CHILD = r"""
import json, sys, time
from datetime import date, timedelta
from desktop_app.ops import bodies, progress, tasks
from desktop_app.ops.fields import BodyFields, ProgressFields, TaskFields
from desktop_app.store.db import open_database

path, program_id, limit = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
body_ids = [int(x) for x in sys.argv[4].split(",")]
db = open_database(path)
started = time.monotonic()
task_id = None
i = 0
while time.monotonic() - started < limit and i < 100_000:
    step = i % 3
    if step == 0 or task_id is None:
        changes = tasks.create_task(
            db, program_id, f"Nhiệm vụ kiểm thử số {i}: Đảng ủy các xã xây dựng kế hoạch.", TaskFields(
                group_title="I. Nhóm kiểm thử", lead_body_id=body_ids[0],
                coordinating_body_ids=[body_ids[1 + i % 2]], deadline="Quý IV/2025", product="Kế hoạch"),
        )
        task_id = changes.entity_id
        line = {"i": i, "op": "task", "id": task_id}
    elif step == 1:
        changes = progress.report_progress(
            db, task_id, date(2025, 1, 1) + timedelta(days=i % 300), ProgressFields(
                percent=100 if i % 4 == 1 else 40, completed=i % 4 == 1, note=f"Báo cáo lần {i}"),
            today=date(2025, 12, 31),
        )
        line = {"i": i, "op": "progress", "id": next(iter(changes.inserted["progress_entries"])), "task": task_id}
    else:
        body_id = body_ids[1 + i % 2]
        changes = bodies.update_body(db, body_id, BodyFields(note=f"Ghi chú lần {i}"))
        line = {"i": i, "op": "body", "id": body_id}
    # Only now, after the commit, does the operation count as done.
    line["journal_id"] = changes.journal_id
    print(json.dumps(line), flush=True)
    i += 1
"""

EXPECTED = {  # op → (journal entity, table written, action on it)
    "task": ("tasks", "tasks", "insert"),
    "progress": ("tasks", "progress_entries", "insert"),
    "body": ("bodies", "bodies", "update"),
}


def _pump(stream, sink: queue.Queue) -> None:
    for line in stream:
        sink.put(line)
    sink.put(None)


def _setup(path) -> tuple[int, list[int]]:
    db = open_database(path, create=True)
    try:
        lead = bodies.create_body(db, "Văn phòng Tỉnh ủy", BodyFields(code="VPTU", kind="advisory_body")).entity_id
        others = [
            bodies.create_body(db, "Đảng ủy Khối các cơ quan tỉnh", BodyFields(code="ĐUK", kind="party_organisation")).entity_id,
            bodies.create_body(db, "Ban Tổ chức Tỉnh ủy", BodyFields(code="BTCTU", kind="advisory_body")).entity_id,
        ]
        program_id = programs.create_program(db, "thực hiện Nghị quyết số 42-NQ/TW",
                                             ProgramFields(status="issued", number=15, issue_date=date(2024, 3, 20))).entity_id
    finally:
        db.close()
    return program_id, [lead, *others]


def _run_and_kill(path, program_id: int, body_ids: list[int], cwd) -> tuple[list[dict], str, int]:
    """Start the child, read until WANTED_LINES operations are reported, SIGKILL it."""
    env = dict(os.environ)  # carries the test's XDG_DATA_HOME: the child never sees the real data folder
    env["NQDESK_USER"] = CHILD_USER
    env.pop("NQDESK_DB", None)
    args = [sys.executable, "-c", CHILD, str(path), str(program_id), str(CHILD_TIME_LIMIT_S),
            ",".join(map(str, body_ids))]
    lines: queue.Queue = queue.Queue()
    errors: queue.Queue = queue.Queue()
    received: list[str] = []
    with subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
                          env=env, cwd=cwd) as proc:
        readers = [threading.Thread(target=_pump, args=(proc.stdout, lines), daemon=True),
                   threading.Thread(target=_pump, args=(proc.stderr, errors), daemon=True)]
        for r in readers:
            r.start()
        deadline = time.monotonic() + READ_TIMEOUT_S
        try:
            while len(received) < WANTED_LINES:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                try:
                    line = lines.get(timeout=remaining)
                except queue.Empty:
                    break
                if line is None:  # the child ended on its own: an error
                    break
                received.append(line)
            # Kill at an arbitrary point of the next operation (usually mid-transaction).
            time.sleep(random.Random().uniform(0, 0.02))
        finally:
            proc.send_signal(signal.SIGKILL)
            returncode = proc.wait(timeout=10)
            for r in readers:
                r.join(timeout=10)
        # Lines the child flushed before it died are still in the pipe: they count too.
        while True:
            try:
                line = lines.get_nowait()
            except queue.Empty:
                break
            if line is not None:
                received.append(line)
        stderr = "".join(x for x in errors.queue if x is not None)
    reported = []
    for line in received:
        if line.endswith("\n"):  # a line cut short by the kill would not be a report
            reported.append(json.loads(line))
    return reported, stderr, returncode


def test_killed_process_keeps_every_committed_operation(tmp_path):
    path = tmp_path / "crash.sqlite3"
    program_id, body_ids = _setup(path)

    reported, stderr, returncode = _run_and_kill(path, program_id, body_ids, tmp_path)
    assert len(reported) >= WANTED_LINES, f"the child reported {len(reported)} operations; stderr:\n{stderr}"
    assert returncode == -signal.SIGKILL, f"the child was not killed but ended with {returncode}:\n{stderr}"

    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        child_entries = dict(con.execute(
            "SELECT id, entity FROM journal WHERE user_name = ? AND kind = 'op' AND state = 'active'", (CHILD_USER,)
        ).fetchall())
        for op in reported:
            entity, table, action = EXPECTED[op["op"]]
            assert child_entries.get(op["journal_id"]) == entity, f"journal entry of {op} missing"
            changes = con.execute(
                "SELECT entity, entity_id, action, after FROM journal_changes WHERE journal_id = ?",
                (op["journal_id"],),
            ).fetchall()
            assert any(c[:3] == (table, op["id"], action) for c in changes), f"{op}: changes {changes}"
            if op["op"] == "task":
                content = con.execute("SELECT content FROM tasks WHERE id = ?", (op["id"],)).fetchone()
                assert content == (f"Nhiệm vụ kiểm thử số {op['i']}: Đảng ủy các xã xây dựng kế hoạch.",)
                assert con.execute("SELECT count(*) FROM task_coordinators WHERE task_id = ?",
                                   (op["id"],)).fetchone() == (1,)
            elif op["op"] == "progress":
                entry = con.execute("SELECT task_id, note FROM progress_entries WHERE id = ?", (op["id"],)).fetchone()
                assert entry == (op["task"], f"Báo cáo lần {op['i']}")
            else:
                after = [json.loads(c[3]) for c in changes if c[0] == "bodies"]
                assert after == [{"note": f"Ghi chú lần {op['i']}"}]
        # A body keeps its last reported note, or a later one from the operation the kill
        # interrupted after its commit.
        for body_id in body_ids[1:]:
            last = max((op["i"] for op in reported if op["op"] == "body" and op["id"] == body_id), default=None)
            if last is not None:
                (note,) = con.execute("SELECT note FROM bodies WHERE id = ?", (body_id,)).fetchone()
                assert note.startswith("Ghi chú lần ") and int(note.rsplit(" ", 1)[1]) >= last
        # Nothing committed was left unreported except, at most, the operation under way.
        unreported = set(child_entries) - {op["journal_id"] for op in reported}
        assert len(unreported) <= 1 and all(j > max(op["journal_id"] for op in reported) for j in unreported)
    finally:
        con.close()

    db = open_database(path)
    try:
        assert db.backup_made is None
        assert check_database(db) == []
        # The file is usable again: the dead process holds no lock.
        tasks.create_task(db, program_id, "Nhiệm vụ sau sự cố", TaskFields(lead_body_id=body_ids[0], deadline="Năm 2025"))
    finally:
        db.close()
    assert not (tmp_path / "xdg-data" / "NQDesk").exists()
