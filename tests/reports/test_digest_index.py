"""The reminder digest kept up to date row by row (reports/digest.py): after any sequence of
changes it equals the digest computed afresh from all the rows."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from desktop_app.core.status import TaskStatus
from desktop_app.reports.digest import ReminderIndex
from desktop_app.reports.progress import reminder_digest
from desktop_app.reports.tasks import TaskRow

AS_OF = date(2024, 7, 1)
BODIES = {1: "Ban Tuyên giáo", 2: "Ủy ban nhân dân tỉnh", 3: "Ban Dân vận", 4: "Đảng ủy Khối", None: ""}
STATUSES = list(TaskStatus)


def _row(rng: random.Random, task_id: int) -> TaskRow:
    body = rng.choice(list(BODIES))
    due = None if rng.random() < 0.1 else AS_OF + timedelta(days=rng.randrange(-40, 40))
    return TaskRow(id=task_id, program_id=rng.randrange(1, 4), program_title="", group_title="",
                   position=rng.randrange(5), content=f"Nhiệm vụ {task_id} {rng.random():.3f}",
                   lead_body_id=body, lead_body_name=BODIES[body], product="", deadline_kind="date",
                   due_date=due, deadline_text="", assigned_date=None,
                   status=rng.choice(STATUSES), last_percent=None, completed_on=None)


@pytest.mark.parametrize("seed", range(8))
def test_random_changes_equal_a_fresh_digest(seed):
    rng = random.Random(seed)
    rows = {i: _row(rng, i) for i in range(1, 200)}
    index = ReminderIndex(list(rows.values()))
    assert index.groups() == reminder_digest(rows.values(), AS_OF)
    next_id = 1000
    for _round in range(40):
        touched = rng.sample(sorted(rows), rng.randrange(0, 6))
        gone = [i for i in touched if rng.random() < 0.3]
        old = [rows[i] for i in touched]
        fresh = [_row(rng, i) for i in touched if i not in gone]
        fresh += [_row(rng, next_id + k) for k in range(rng.randrange(0, 3))]  # new tasks
        next_id += 10
        # the shape of AppContext._update_task_rows: the old rows out, the fresh rows in
        index.remove(old)
        index.add(fresh)
        for i in gone:
            del rows[i]
        rows.update((r.id, r) for r in fresh)
        assert index.groups() == reminder_digest(list(rows.values()), AS_OF)


def test_version_moves_only_when_the_digest_changes():
    rng = random.Random(1)
    rows = [_row(rng, i)._replace(status=TaskStatus.OVERDUE) for i in range(1, 20)]
    index = ReminderIndex(rows)
    first = index.groups()
    version = index.version
    # a task outside the digest changes: nothing to redraw
    quiet = _row(rng, 99)._replace(status=TaskStatus.NOT_STARTED)
    index.add([quiet])
    index.remove([quiet])
    assert index.groups() == first and index.version == version
    # the same row taken out and put back (a progress report that changed nothing shown)
    index.remove([rows[0]])
    index.add([rows[0]])
    assert index.groups() == first and index.version == version
    # a listed task's text changes: its body's group is rebuilt, the others kept as they were
    edited = rows[0]._replace(content="Nội dung mới")
    index.remove([rows[0]])
    index.add([edited])
    after = index.groups()
    assert index.version == version + 1
    changed = [g for g in after if g.body_id == edited.lead_body_id]
    assert edited in changed[0].overdue
    kept = {g.body_id: g for g in first}
    assert all(g is kept[g.body_id] for g in after if g.body_id != edited.lead_body_id)


def test_the_last_task_of_a_body_leaves_its_group():
    row = _row(random.Random(2), 1)._replace(status=TaskStatus.DUE_SOON, lead_body_id=3, lead_body_name="Ban Dân vận")
    index = ReminderIndex([row])
    assert [g.body_id for g in index.groups()] == [3]
    index.remove([row])
    index.add([row._replace(status=TaskStatus.DONE_ON_TIME)])
    assert index.groups() == [] == reminder_digest([row._replace(status=TaskStatus.DONE_ON_TIME)], AS_OF)
