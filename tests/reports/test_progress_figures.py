"""Dashboard figures (reports.progress): the rules at their boundaries, agreement of the
database path with the task-list path and with an independent re-derivation from
core.status, the reminder digest and the latest entries."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from desktop_app.core.status import TaskFacts, TaskStatus, behind_schedule, report_period, task_status
from desktop_app.ops import bodies, programs, progress, settings, tasks
from desktop_app.ops.base import ValidationError
from desktop_app.ops.fields import BodyFields, ProgramFields, ProgressFields, TaskFields
from desktop_app.reports.progress import (
    EXTRA_KEYS,
    FIGURE_KEYS,
    FIGURE_LABELS,
    Figures,
    dashboard,
    dashboard_from_rows,
    digest,
    in_figure,
    latest_entries,
    reminder_digest,
)
from desktop_app.reports.tasks import list_tasks
from desktop_app.store.models import ProgressEntry, Task

TODAY = date(2026, 6, 30)


def report(db, task_id, on, **values) -> int:
    (entry_id,) = progress.report_progress(db, task_id, on,
                                           ProgressFields(**values), today=TODAY).inserted["progress_entries"]
    return entry_id


@pytest.fixture
def small(db):
    """One programme, two bodies, a task of each deadline shape."""
    tu = bodies.create_body(db, "Tỉnh ủy Lạng Sơn", BodyFields(code="TU", kind="party_committee")).entity_id
    btg = bodies.create_body(db, "Ban Tuyên giáo Tỉnh ủy", BodyFields(code="BTGTU", kind="advisory_body")).entity_id
    vp = bodies.create_body(db, "Văn phòng Tỉnh ủy", BodyFields(code="VPTU", kind="advisory_body")).entity_id
    program = programs.create_program(db, "Chương trình hành động",
                                      ProgramFields(issuing_body_id=tu, number=15, issue_date=date(2024, 1, 10), status="issued")).entity_id
    ids = {"program": program, "BTGTU": btg, "VPTU": vp}
    for name, deadline, lead in (("q1", "Quý I/2024", btg), ("d", "30/06/2024", btg), ("cont", "Thường xuyên", vp),
                                 ("yearly", "Hằng năm", vp), ("none", None, None)):
        ids[name] = tasks.create_task(db, program, f"Nhiệm vụ {name}", TaskFields(lead_body_id=lead, deadline=deadline, assigned_date=date(2024, 1, 10))).entity_id
    return ids


def figures(db, as_of, **kwargs) -> Figures:
    return dashboard(db, as_of, due_soon_days=14, **kwargs).overall


def test_labels_cover_every_figure():
    assert tuple(Figures.__dataclass_fields__) == FIGURE_KEYS + EXTRA_KEYS == tuple(FIGURE_LABELS)


def test_deadline_day_and_the_day_after(db, small):
    on_due = figures(db, date(2024, 3, 31))  # q1 is due today: due, not overdue, due soon
    assert (on_due.due, on_due.overdue, on_due.due_soon) == (1, 0, 1)
    after = figures(db, date(2024, 4, 1))
    assert (after.due, after.overdue, after.due_soon) == (1, 1, 0)


def test_completed_on_the_due_date_is_on_time_and_the_day_after_late(db, small):
    report(db, small["q1"], date(2024, 3, 31), completed=True)
    report(db, small["d"], date(2024, 7, 1), completed=True)
    f = figures(db, date(2024, 7, 1))
    assert (f.done_on_time, f.done_late, f.overdue, f.due) == (1, 1, 0, 2)
    assert figures(db, date(2024, 6, 30)).done_late == 0  # the late completion did not exist yet


def test_partition_and_flags(db, small):
    report(db, small["d"], date(2024, 2, 1), percent=10)
    f = figures(db, date(2024, 3, 1))
    assert f.assigned == 5
    assert f.done_on_time + f.done_late + f.overdue + f.in_progress + f.not_yet_due == f.assigned
    assert (f.in_progress, f.not_yet_due) == (1, 4)
    # d: 10% after 51 of 173 days; q1: nothing after 51 of 82 days; yearly: nothing by 01/03
    assert f.behind_schedule == 3


def test_continuous_task_reported_per_period(db, small):
    settings.set_setting(db, "continuous_report_period", "quarter")
    report(db, small["cont"], date(2024, 3, 20), percent=30, note="Quý I")
    assert figures(db, date(2024, 3, 31)).continuous_unreported == 0
    assert figures(db, date(2024, 4, 1)).continuous_unreported == 1  # a new quarter, no report yet
    settings.set_setting(db, "continuous_report_period", "half_year")
    assert figures(db, date(2024, 4, 1)).continuous_unreported == 0  # same half-year
    report(db, small["cont"], date(2024, 7, 2), percent=60)
    board = dashboard(db, date(2024, 7, 1), due_soon_days=14)
    assert board.overall.continuous_unreported == 1 and board.period_label == "6 tháng cuối năm 2024"
    assert figures(db, date(2024, 7, 2)).continuous_unreported == 0
    # a continuous task is never due nor overdue
    assert figures(db, date(2030, 1, 1)).overdue == 2  # q1 and d; not cont (nor the yearly task, due 31/12/2030)
    assert dashboard(db, date(2030, 1, 1), due_soon_days=14).overall.in_progress == 1


def test_yearly_task_one_completion_per_year(db, small):
    report(db, small["yearly"], date(2024, 12, 20), completed=True)
    assert figures(db, date(2024, 12, 31)).done_on_time == 1
    f = figures(db, date(2025, 1, 2))  # a new year: this year's round is open again
    assert (f.done_on_time, f.not_yet_due, f.due) == (0, 3, 2)  # due: q1 and d, not the yearly task yet
    assert figures(db, date(2026, 1, 1)).overdue == 2  # q1 and d; the yearly task is due 31/12/2026
    f = figures(db, date(2025, 12, 31))
    assert f.due_soon == 1 and f.due == 3


def test_yearly_completion_twice_in_a_year_refused_but_next_year_fine(db, small):
    report(db, small["yearly"], date(2024, 5, 1), completed=True)
    with pytest.raises(ValidationError, match="trong năm 2024"):
        report(db, small["yearly"], date(2024, 11, 1), completed=True)
    report(db, small["yearly"], date(2025, 5, 1), completed=True)


def test_corrections_replace_the_corrected_entry(db, small):
    wrong = report(db, small["q1"], date(2024, 3, 1), completed=True)
    assert figures(db, date(2024, 3, 2)).done_on_time == 1
    progress.correct_progress(db, wrong, date(2024, 3, 1),
                              ProgressFields(percent=40, note="Nhầm: chưa xong"), today=TODAY)
    f = figures(db, date(2024, 3, 2))
    assert (f.done_on_time, f.in_progress) == (0, 1)
    latest = latest_entries(db, [small["q1"]], date(2024, 3, 2))[small["q1"]]
    assert (latest.percent, latest.completed, latest.note) == (40, False, "Nhầm: chưa xong")


def test_latest_entry_respects_as_of_and_order(db, small):
    report(db, small["d"], date(2024, 2, 1), percent=10, evidence="Báo cáo số 12-BC/BTGTU")
    report(db, small["d"], date(2024, 4, 1), percent=60, note="Đã trình dự thảo")
    report(db, small["d"], date(2024, 3, 1), percent=30)  # entered late, dated earlier
    entries = latest_entries(db, None, date(2024, 5, 1))
    assert entries[small["d"]].percent == 60
    assert latest_entries(db, [small["d"]], date(2024, 3, 15))[small["d"]].percent == 30
    assert latest_entries(db, [small["d"]], date(2024, 1, 1)) == {}


def test_per_body_figures_and_program_filter(db, small):
    other = programs.create_program(db, "Kế hoạch khác", ProgramFields(status="drafting")).entity_id
    tasks.create_task(db, other, "Nhiệm vụ khác", TaskFields(lead_body_id=small["BTGTU"], deadline="31/12/2024"))
    board = dashboard(db, date(2024, 4, 1), due_soon_days=14)
    names = [b.name for b in board.by_body]
    assert names == ["Ban Tuyên giáo Tỉnh ủy", "Văn phòng Tỉnh ủy", "(chưa giao cơ quan chủ trì)"]
    assert board.by_body[0].figures.assigned == 3
    only = dashboard(db, date(2024, 4, 1), due_soon_days=14, program_ids=[small["program"]])
    assert only.overall.assigned == 5 and only.by_body[0].figures.assigned == 2
    assert only.as_dict()["program_ids"] == [small["program"]]
    for key in FIGURE_KEYS + EXTRA_KEYS:
        assert sum(getattr(b.figures, key) for b in board.by_body) == getattr(board.overall, key)


def test_digest_groups_overdue_and_due_soon_by_body(db, small):
    groups = digest(db, date(2024, 6, 20), due_soon_days=14)
    assert [(g.name, [r.content for r in g.overdue], [r.content for r in g.due_soon]) for g in groups] == [
        ("Ban Tuyên giáo Tỉnh ủy", ["Nhiệm vụ q1"], ["Nhiệm vụ d"])]
    assert digest(db, date(2024, 2, 1), due_soon_days=14) == []
    report(db, small["q1"], date(2024, 6, 21), completed=True)
    assert [g.count for g in digest(db, date(2024, 6, 21), due_soon_days=14)] == [1]


# --- agreement on random data ---------------------------------------------------------------

DEADLINES = ["15/03/2024", "Quý II/2024", "Tháng 09/2024", "6 tháng đầu năm 2024", "Năm 2024", "Thường xuyên",
             "Hằng năm", "Giai đoạn 2024 - 2025", None, "29/02/2024", "31/12/2024"]


def _random_database(db, seed: int, n_tasks: int = 90):
    rng = random.Random(seed)
    lead_ids = [bodies.create_body(db, f"Cơ quan {name}", BodyFields(code=f"CQ{i}")).entity_id
                for i, name in enumerate(["Ánh", "Bình", "Cường", "Đức", "Én"])]
    program = programs.create_program(db, "Chương trình", ProgramFields(status="drafting")).entity_id
    for i in range(n_tasks):
        assigned = date(2024, 1, 1) + timedelta(days=rng.randrange(0, 120)) if rng.random() < 0.85 else None
        lead, deadline = rng.choice(lead_ids + [None]), rng.choice(DEADLINES)
        try:
            task_id = tasks.create_task(db, program, f"Nhiệm vụ {i}", TaskFields(lead_body_id=lead, deadline=deadline, assigned_date=assigned)).entity_id
        except ValidationError:  # due before the assignment: refused, as designed
            task_id = tasks.create_task(db, program, f"Nhiệm vụ {i}", TaskFields(lead_body_id=lead, deadline=deadline)).entity_id
        day = date(2024, 1, 1)
        for _ in range(rng.randrange(0, 5)):
            day += timedelta(days=rng.randrange(1, 200))
            if day > TODAY:
                break
            try:
                entry = report(db, task_id, day, percent=rng.choice([None, 10, 30, 50, 80]),
                               completed=rng.random() < 0.2)
            except ValidationError:  # a second completion (in the year): refused, as designed
                continue
            if rng.random() < 0.15:
                progress.correct_progress(db, entry, day, ProgressFields(percent=rng.choice([20, 60])), today=TODAY)


def _independent_status(db, as_of) -> dict[int, tuple[TaskStatus, bool]]:
    """Status and behind flag of every task re-derived from core.status alone."""
    with db.read() as s:
        entries = s.query(ProgressEntry).all()
        corrected = {e.corrects_id for e in entries if e.corrects_id}
        out = {}
        for task in s.query(Task).all():
            log = sorted((e for e in entries if e.task_id == task.id and e.id not in corrected),
                         key=lambda e: (e.reported_on, e.id))
            facts = TaskFacts(task.deadline_kind, task.due_date, tuple(e.reported_on for e in log if e.completed),
                              tuple(e.reported_on for e in log))
            status = task_status(facts, as_of, 14)
            yearly = task.deadline_kind == "recurring_yearly"
            counted = [e for e in log if e.reported_on <= as_of and (not yearly or e.reported_on.year == as_of.year)]
            percents = [e.percent for e in counted if e.percent is not None]
            start = task.assigned_date
            due = task.due_date
            if yearly:
                start = max(start or date(as_of.year, 1, 1), date(as_of.year, 1, 1))
                due = date(as_of.year, 12, 31)
            elif task.deadline_kind == "continuous":
                due = None
            done = any(e.completed for e in counted)
            out[task.id] = (status, behind_schedule(start, due, percents[-1] if percents else None, done, as_of))
    return out


@pytest.mark.parametrize("seed", [1, 2])
def test_database_path_task_list_path_and_core_rules_agree(db, seed):
    _random_database(db, seed)
    for as_of in [date(2024, 1, 1), date(2024, 2, 29), date(2024, 3, 31), date(2024, 4, 1), date(2024, 6, 30),
                  date(2024, 12, 31), date(2025, 1, 1), date(2025, 7, 15), date(2026, 6, 30)]:
        rows = list_tasks(db, as_of, due_soon_days=14)
        expected = _independent_status(db, as_of)
        assert {r.id: (r.status, r.behind) for r in rows} == expected, as_of
        board = dashboard(db, as_of, due_soon_days=14, period="quarter")
        assert board == dashboard_from_rows(rows, as_of, period="quarter")
        f = board.overall
        assert f.done_on_time + f.done_late + f.overdue + f.in_progress + f.not_yet_due == f.assigned == len(rows)
        start, _ = report_period(as_of, "quarter")
        for key in FIGURE_KEYS + EXTRA_KEYS:
            assert sum(in_figure(r, key, as_of, start) for r in rows) == getattr(f, key), (as_of, key)
        overdue = sum(len(g.overdue) for g in reminder_digest(rows, as_of))
        assert overdue == f.overdue


def test_in_figure_rejects_unknown_key(db, small):
    row = list_tasks(db, date(2024, 4, 1))[0]
    with pytest.raises(ValueError, match="chỉ tiêu"):
        in_figure(row, "nonsense", date(2024, 4, 1), date(2024, 4, 1))
