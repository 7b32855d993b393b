"""The dashboard of counted rows recounts only the lead bodies a change touched
(``ShapeCounts.changed_leads``): after random changes it equals a count made afresh."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from desktop_app.core.status import TaskStatus, report_period
from desktop_app.reports.progress import ShapeCounts, dashboard_from_rows, dashboard_from_shapes
from desktop_app.reports.tasks import TaskRow

AS_OF = date(2024, 7, 1)
BODIES = {1: "Ban Tuyên giáo", 2: "Ủy ban nhân dân tỉnh", 3: "Ban Dân vận", None: ""}


def _row(rng: random.Random, task_id: int) -> TaskRow:
    body = rng.choice(list(BODIES))
    kind = rng.choice(["date", "quarter", "continuous", "recurring_yearly", None])
    due = None if kind in (None, "continuous") else AS_OF + timedelta(days=rng.randrange(-90, 90))
    last = None if rng.random() < 0.4 else AS_OF - timedelta(days=rng.randrange(0, 200))
    return TaskRow(id=task_id, program_id=1, program_title="", group_title="", position=task_id,
                   content=f"Nhiệm vụ {task_id}", lead_body_id=body, lead_body_name=BODIES[body], product="",
                   deadline_kind=kind, due_date=due, deadline_text="", assigned_date=None,
                   status=rng.choice(list(TaskStatus)), last_percent=None, completed_on=None,
                   reported=last is not None, last_reported_on=last, behind=rng.random() < 0.2)


@pytest.mark.parametrize("seed", range(6))
def test_recounting_changed_bodies_equals_a_fresh_count(seed):
    rng = random.Random(seed)
    rows = {i: _row(rng, i) for i in range(1, 150)}
    start = report_period(AS_OF, "quarter")[0]
    counts = ShapeCounts(list(rows.values()), as_of=AS_OF, period_start=start)
    assert dashboard_from_shapes(counts) == dashboard_from_rows(list(rows.values()), AS_OF)
    next_id = 1000
    for _round in range(30):
        touched = rng.sample(sorted(rows), rng.randrange(0, 5))
        old = [rows[i] for i in touched]
        fresh = [_row(rng, i) for i in touched if rng.random() < 0.8]
        fresh += [_row(rng, next_id + k) for k in range(rng.randrange(0, 2))]
        next_id += 5
        counts.remove(old)
        counts.add(fresh)
        for i in touched:
            del rows[i]
        rows.update((r.id, r) for r in fresh)
        if rng.random() < 0.7:  # counted after some changes, not after each
            assert dashboard_from_shapes(counts) == dashboard_from_rows(list(rows.values()), AS_OF)
    assert dashboard_from_shapes(counts) == dashboard_from_rows(list(rows.values()), AS_OF)


def test_a_body_whose_last_task_goes_drops_out():
    row = _row(random.Random(3), 1)._replace(lead_body_id=3, lead_body_name="Ban Dân vận")
    other = _row(random.Random(4), 2)._replace(lead_body_id=1, lead_body_name="Ban Tuyên giáo")
    counts = ShapeCounts([row, other], as_of=AS_OF, period_start=report_period(AS_OF, "quarter")[0])
    assert [b.body_id for b in dashboard_from_shapes(counts).by_body] == [3, 1]
    counts.remove([row])
    board = dashboard_from_shapes(counts)
    assert [b.body_id for b in board.by_body] == [1] and board.overall.assigned == 1
