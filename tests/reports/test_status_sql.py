"""The status rule as SQL (reports.status_sql, what ``nqdesk stats`` and the dashboard from
the database count with) gives, task by task, what core.status (task_state, what the task
list runs) gives: on generated data with yearly tasks, continuous and event deadlines,
reports over several years, corrected entries, and as-of dates in the past."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta

import pytest

from desktop_app.core.status import TaskStatus, effective_due_date, report_period
from desktop_app.ops import bodies, programs, progress, tasks
from desktop_app.ops.base import ValidationError
from desktop_app.ops.fields import BodyFields, ProgramFields, ProgressFields, TaskFields
from desktop_app.reports.progress import dashboard, dashboard_from_rows
from desktop_app.reports.status_sql import task_states
from desktop_app.reports.tasks import list_tasks
from desktop_app.store.models import ProgressEntry

TODAY = date(2026, 6, 30)
N_TASKS = 120
DEADLINES = ["15/03/2024", "Quý II/2024", "Tháng 09/2024", "6 tháng đầu năm 2024", "Năm 2025", "Thường xuyên",
             "Hằng năm", "Hằng năm", "Sau khi Trung ương ban hành", "Giai đoạn 2024 - 2025", None, "29/02/2024",
             "31/12/2024"]
AS_OF = [date(2024, 1, 1), date(2024, 2, 29), date(2024, 3, 18), date(2024, 6, 30), date(2024, 12, 31),
         date(2025, 1, 1), date(2025, 3, 20), date(2026, 6, 30)]


def _generate(db, seed: int, n_tasks: int) -> None:
    rng = random.Random(seed)
    leads = [bodies.create_body(db, f"Cơ quan {i}", BodyFields(code=f"CQ{i}")).entity_id for i in range(4)] + [None]
    program = programs.create_program(db, "Chương trình", ProgramFields(status="drafting")).entity_id
    for i in range(n_tasks):
        assigned = date(2023, 11, 1) + timedelta(days=rng.randrange(0, 300)) if rng.random() < 0.85 else None
        values = dict(lead_body_id=rng.choice(leads), deadline=rng.choice(DEADLINES))
        try:
            task_id = tasks.create_task(db, program, f"Nhiệm vụ {i}", TaskFields(assigned_date=assigned, **values)).entity_id
        except ValidationError:  # due before the assignment: refused, as designed
            task_id = tasks.create_task(db, program, f"Nhiệm vụ {i}", TaskFields(**values)).entity_id
        day = date(2023, 12, 1)
        for _ in range(rng.randrange(0, 6)):
            day += timedelta(days=rng.randrange(1, 170))
            if day > TODAY:
                break
            done = rng.random() < 0.2
            try:
                changes = progress.report_progress(db, task_id, day,
                                                   ProgressFields(completed=done, percent=rng.choice([None, 100] if done else [None, 0, 10, 30, 50, 80])), today=TODAY)
            except ValidationError:  # a second completion (in the year): refused, as designed
                continue
            if rng.random() < 0.2:
                (entry,) = changes.inserted["progress_entries"]
                done = rng.random() < 0.3
                try:
                    progress.correct_progress(db, entry, day,
                                              ProgressFields(completed=done, percent=100 if done else rng.choice([5, 20, 60])), today=TODAY)
                except ValidationError:
                    continue


@pytest.fixture
def generated(db):
    _generate(db, seed=7, n_tasks=N_TASKS)
    return db


def test_sql_status_matches_the_python_rule_task_by_task(generated):
    db = generated
    seen_status: Counter = Counter()
    seen_kinds: Counter = Counter()
    behind = 0
    for as_of in AS_OF:
        for due_soon_days in (14, 0):
            period_start, _end = report_period(as_of, "quarter")
            rows = {r.id: r for r in list_tasks(db, as_of, due_soon_days=due_soon_days)}
            with db.read() as session:
                states = task_states(session, as_of, due_soon_days, period_start)
            assert len(states) == len(rows) == N_TASKS
            for state in states:
                row = rows[state.task_id]
                due = effective_due_date(row.deadline_kind, row.due_date, as_of)
                expected = (row.status, row.reported, row.behind, due is not None and due <= as_of,
                            row.last_reported_on is not None and row.last_reported_on >= period_start)
                got = (state.status, state.reported, state.behind, state.due_by_as_of, state.reported_in_period)
                assert got == expected, (as_of, due_soon_days, row)
                seen_status[state.status] += 1
                seen_kinds[state.deadline_kind] += 1
                behind += state.behind
    # the data exercises every status and the kinds the rule treats apart
    assert set(seen_status) == set(TaskStatus)
    assert {"recurring_yearly", "continuous", "event", None} <= set(seen_kinds)
    assert behind > 0
    with db.read() as session:
        corrections = session.query(ProgressEntry).filter(ProgressEntry.corrects_id.is_not(None)).count()
    assert corrections > 5
    # the figures counted in SQL are those of the task list
    for as_of in AS_OF[::2]:
        rows = list_tasks(db, as_of, due_soon_days=14)
        for period in ("quarter", "half_year"):
            board = dashboard(db, as_of, due_soon_days=14, period=period)
            assert board == dashboard_from_rows(rows, as_of, period=period)
            assert board.overall.assigned == N_TASKS
        picked = [r.program_id for r in rows][:1]
        assert dashboard(db, as_of, due_soon_days=14, period="quarter", program_ids=picked) == dashboard_from_rows(
            rows, as_of, period="quarter", program_ids=picked)


def test_a_yearly_task_is_judged_on_the_as_of_year_alone(db):
    program = programs.create_program(db, "Chương trình", ProgramFields(status="drafting")).entity_id
    task = tasks.create_task(db, program, "Báo cáo hằng năm",
                             TaskFields(deadline="Hằng năm", assigned_date=date(2024, 1, 10))).entity_id
    progress.report_progress(db, task, date(2024, 11, 5), ProgressFields(percent=100, completed=True), today=TODAY)
    with db.read() as session:
        (in_2024,) = task_states(session, date(2024, 12, 1), 14, date(2024, 10, 1))
        (in_2025,) = task_states(session, date(2025, 6, 30), 14, date(2025, 4, 1))
    assert in_2024.status == TaskStatus.DONE_ON_TIME
    # last year's completion and 100 % do not count this year: nothing reported, behind by mid-year
    assert (in_2025.status, in_2025.reported, in_2025.behind) == (TaskStatus.NOT_STARTED, False, True)


def test_the_dashboard_reads_the_covering_indexes_not_the_wide_rows(sqlite_db):
    """The dashboard's query reads the progress log and the tasks from the indexes of
    migrations 0004 and 0005 alone (a plan that visits every row of the wide tables was
    10-30 % slower on 100,000 tasks: benchmarks/dashboard_bench.py), the tasks in id order,
    each one's log summary by its key."""
    from sqlalchemy import func, select
    from sqlalchemy.dialects import sqlite

    from desktop_app.reports.status_sql import derived_columns
    from desktop_app.store.models import Task

    source, columns = derived_columns(TODAY, 14, date(2026, 4, 1), stale=True)
    keys = [Task.deadline_kind, *columns, Task.lead_body_id + 0]
    stmt = select(*keys, func.count()).select_from(source).group_by(*keys)
    sql = str(stmt.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))
    with sqlite_db.engine.connect() as conn:
        plan = [row[-1] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql)]
    assert any("progress_entries USING COVERING INDEX ix_progress_entries_task_id_reported_on_completed_percent"
               in step for step in plan), plan
    assert any("tasks USING COVERING INDEX ix_tasks_id_deadline_kind_due_date_assigned_date_lead_body_id"
               in step for step in plan), plan
    assert any("task_log_summaries USING INTEGER PRIMARY KEY" in step for step in plan), plan
