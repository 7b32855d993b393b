"""The append-only progress log: reports, completions, corrections, and the statuses
they produce in the task list (reports.tasks) on given days."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from desktop_app.core.status import STATUS_ORDER, TaskStatus
from desktop_app.ops import bodies, programs, progress, tasks
from desktop_app.ops.fields import BodyFields, ProgramFields, ProgressFields, TaskFields
from ops_support import only_problem, refused
from desktop_app.reports.tasks import list_tasks, status_figures
from desktop_app.store.models import JournalEntry, ProgressEntry

TODAY = date(2026, 6, 30)
S = TaskStatus


def report(db, task_id, on, **values) -> int:
    """Report and return the new entry's id."""
    today = values.pop("today", TODAY)
    changes = progress.report_progress(db, task_id, on, ProgressFields(**values), today=today)
    (entry_id,) = changes.inserted["progress_entries"]
    return entry_id


def correct(db, entry_id, on, **values) -> int:
    today = values.pop("today", TODAY)
    changes = progress.correct_progress(db, entry_id, on, ProgressFields(**values), today=today)
    (new_id,) = changes.inserted["progress_entries"]
    return new_id


def entry(db, entry_id) -> ProgressEntry:
    with db.read() as s:
        return s.get(ProgressEntry, entry_id)


def statuses(db, as_of, **kwargs) -> dict[int, TaskStatus]:
    return {row.id: row.status for row in list_tasks(db, as_of, due_soon_days=14, **kwargs)}


def row_of(db, task_id, as_of):
    (row,) = [r for r in list_tasks(db, as_of, due_soon_days=14) if r.id == task_id]
    return row


@pytest.fixture
def t(db) -> dict[str, int]:
    """Tasks of one programme issued 10/01/2024, one per deadline shape."""
    tu = bodies.create_body(db, "Tỉnh ủy Lạng Sơn", BodyFields(code="TU", kind="party_committee")).entity_id
    btg = bodies.create_body(db, "Ban Tuyên giáo Tỉnh ủy", BodyFields(code="BTGTU", kind="advisory_body")).entity_id
    vp = bodies.create_body(db, "Văn phòng Tỉnh ủy", BodyFields(code="VPTU", kind="advisory_body")).entity_id
    program_id = programs.create_program(db, "Chương trình hành động",
                                         ProgramFields(issuing_body_id=tu, number=15, issue_date=date(2024, 1, 10), status="issued")).entity_id
    out = {"program": program_id, "BTGTU": btg, "VPTU": vp}
    for name, deadline, lead in (("q1", "Quý I/2024", btg), ("jan", "Tháng 01/2024", btg),
                                 ("cont", "Thường xuyên", vp), ("yearly", "Hằng năm", vp), ("none", None, vp)):
        out[name] = tasks.create_task(db, program_id, f"Nhiệm vụ {name}", TaskFields(lead_body_id=lead, deadline=deadline)).entity_id
    return out


# --- report_progress ------------------------------------------------------------------

def test_report_progress_appends_an_entry(db, t):
    changes = progress.report_progress(db, t["q1"], "01/02/2024",
                                       ProgressFields(percent="30", note=" Đã xây dựng dự thảo \r\n", reported_by="Ban Tuyên giáo", evidence="Báo cáo số 12-BC/BTGTU"), today=TODAY)
    (entry_id,) = changes.inserted["progress_entries"]
    e = entry(db, entry_id)
    assert (e.task_id, e.reported_on, e.percent, e.completed, e.corrects_id) == (t["q1"], date(2024, 2, 1), 30,
                                                                                  False, None)
    assert (e.note, e.reported_by, e.evidence) == ("Đã xây dựng dự thảo", "Ban Tuyên giáo", "Báo cáo số 12-BC/BTGTU")
    assert e.recorded_by == "kiem-thu"
    assert isinstance(e.recorded_at, datetime)
    assert changes.name == "Báo cáo tiến độ nhiệm vụ «Nhiệm vụ q1»"
    assert (changes.entity, changes.entity_id) == ("tasks", t["q1"])
    assert not changes.updated and not changes.deleted


def test_progress_fields_are_typed(db, t):
    """A misspelt field used to be dropped silently; now it is refused where the
    parameters are made, and the parameters of another record by the operation."""
    with pytest.raises(TypeError, match="precent"):
        ProgressFields(precent=30)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="ProgressFields"):
        progress.report_progress(db, t["q1"], date(2024, 2, 1), TaskFields(note="x"),  # type: ignore[arg-type]
                                 today=TODAY)
    entry_id = report(db, t["q1"], date(2024, 2, 1), percent=30)
    with pytest.raises(TypeError, match="ProgressFields"):
        progress.correct_progress(db, entry_id, date(2024, 2, 1), {"percent": 40},  # type: ignore[arg-type]
                                  today=TODAY)
    with db.read() as s:
        assert s.scalar(select(ProgressEntry.id).where(ProgressEntry.corrects_id == entry_id)) is None
    # no fields at all: a report of the day alone
    bare = progress.report_progress(db, t["jan"], date(2024, 1, 5), today=TODAY).inserted["progress_entries"]
    (bare_id,) = bare
    assert (entry(db, bare_id).percent, entry(db, bare_id).completed) == (None, False)


@pytest.mark.parametrize("percent", [0, 100, "55", None])
def test_percent_in_range_accepted(db, t, percent):
    entry_id = report(db, t["q1"], date(2024, 2, 1), percent=percent)
    assert entry(db, entry_id).percent == (None if percent is None else int(percent))


@pytest.mark.parametrize("percent", [-1, 101, 1000, "năm mươi", 50.5, True])
def test_percent_out_of_range_refused(db, t, percent):
    err = refused(db, progress.report_progress, t["q1"], date(2024, 2, 1),
                  ProgressFields(percent=percent), today=TODAY)
    problem = only_problem(err, "percent")
    assert problem.value == percent
    assert problem.message.startswith("Tỷ lệ hoàn thành (%)")


def test_future_report_refused(db, t):
    today = date(2024, 3, 1)
    err = refused(db, progress.report_progress, t["q1"], "02/03/2024", ProgressFields(percent=10), today=today)
    problem = only_problem(err, "reported_on")
    assert problem.value == "02/03/2024"
    assert "02/03/2024 ở tương lai" in problem.message and "01/03/2024" in problem.message
    report(db, t["q1"], today, percent=10, today=today)  # today itself is fine
    refused(db, progress.correct_progress, report(db, t["q1"], today, percent=20, today=today), date(2024, 3, 2),
            ProgressFields(percent=5), today=today)


def test_report_date_required_and_readable(db, t):
    assert "Cần nhập ngày báo cáo" in only_problem(
        refused(db, progress.report_progress, t["q1"], None,
                ProgressFields(percent=10), today=TODAY), "reported_on").message
    only_problem(refused(db, progress.report_progress, t["q1"], "30/02/2024", today=TODAY), "reported_on")
    refused(db, progress.report_progress, 999_999, date(2024, 2, 1), today=TODAY)


def test_completion_forces_100_percent(db, t):
    e = entry(db, report(db, t["q1"], date(2024, 3, 15), completed=True))
    assert (e.completed, e.percent) == (True, 100)
    err = refused(db, progress.report_progress, t["jan"], date(2024, 1, 20),
                  ProgressFields(completed=True, percent=80), today=TODAY)
    assert "100%" in only_problem(err, "percent").message
    e = entry(db, report(db, t["jan"], date(2024, 1, 20), completed=True, percent="100"))
    assert (e.completed, e.percent) == (True, 100)


def test_completion_name(db, t):
    changes = progress.report_progress(db, t["q1"], date(2024, 3, 15), ProgressFields(completed=True), today=TODAY)
    assert changes.name == "Ghi hoàn thành nhiệm vụ «Nhiệm vụ q1»"


def test_second_completion_refused(db, t):
    report(db, t["q1"], date(2024, 3, 15), completed=True)
    err = refused(db, progress.report_progress, t["q1"], date(2024, 4, 1),
                  ProgressFields(completed=True), today=TODAY)
    problem = only_problem(err, "completed")
    assert "đã được ghi hoàn thành ngày 15/03/2024" in problem.message
    assert "đính chính" in problem.message
    # Plain reports after completion are still accepted (the log is a log).
    report(db, t["q1"], date(2024, 4, 1), percent=100, note="Tiếp tục duy trì")


def test_yearly_task_completes_once_per_year(db, t):
    report(db, t["yearly"], date(2024, 6, 1), completed=True)
    err = refused(db, progress.report_progress, t["yearly"], date(2024, 11, 1),
                  ProgressFields(completed=True), today=TODAY)
    assert "trong năm 2024" in only_problem(err, "completed").message
    report(db, t["yearly"], date(2025, 5, 1), completed=True)
    refused(db, progress.report_progress, t["yearly"], date(2025, 12, 31),
            ProgressFields(completed=True), today=TODAY)
    report(db, t["yearly"], date(2023, 12, 31), completed=True)  # another year again


def test_progress_text_limits(db, t):
    err = refused(db, progress.report_progress, t["q1"], date(2024, 2, 1),
                  ProgressFields(note="x" * 100_000), today=TODAY)
    assert "quá giới hạn 10.000 ký tự" in only_problem(err, "note").message


# --- correct_progress ----------------------------------------------------------------------

def test_correction_names_the_corrected_entry(db, t):
    wrong = report(db, t["q1"], date(2024, 3, 15), completed=True, note="Ghi nhầm")
    original = entry(db, wrong)
    changes = progress.correct_progress(db, wrong, date(2024, 3, 15),
                                        ProgressFields(percent=80, note="Chưa xong"), today=TODAY)
    (fixed,) = changes.inserted["progress_entries"]
    e = entry(db, fixed)
    assert (e.corrects_id, e.task_id, e.percent, e.completed, e.note) == (wrong, t["q1"], 80, False, "Chưa xong")
    assert e.recorded_by == "kiem-thu"
    assert vars_equal(entry(db, wrong), original)  # the wrong entry stays as it was
    assert changes.name == "Đính chính báo cáo tiến độ nhiệm vụ «Nhiệm vụ q1»"
    assert (changes.entity, changes.entity_id) == ("progress_entries", wrong)
    assert not changes.updated and not changes.deleted  # append-only: nothing edited


def vars_equal(a: ProgressEntry, b: ProgressEntry) -> bool:
    cols = [c.key for c in ProgressEntry.__table__.columns]
    return all(getattr(a, c) == getattr(b, c) for c in cols)


def test_correcting_twice_refused(db, t):
    wrong = report(db, t["q1"], date(2024, 2, 1), percent=60)
    fixed = correct(db, wrong, date(2024, 2, 1), percent=40)
    err = refused(db, progress.correct_progress, wrong, date(2024, 2, 1), ProgressFields(percent=30), today=TODAY)
    problem = only_problem(err, "corrects_id")
    assert problem.value == wrong
    assert "đã được đính chính" in problem.message
    # The latest correction can itself be corrected.
    again = correct(db, fixed, date(2024, 2, 1), percent=30)
    assert entry(db, again).corrects_id == fixed
    refused(db, progress.correct_progress, 999_999, date(2024, 2, 1), today=TODAY)


def test_corrected_completion_no_longer_counts(db, t):
    as_of = date(2024, 3, 20)
    wrong = report(db, t["q1"], date(2024, 3, 15), completed=True)
    assert statuses(db, as_of)[t["q1"]] == S.DONE_ON_TIME
    correct(db, wrong, date(2024, 3, 15), percent=80)
    row = row_of(db, t["q1"], as_of)
    assert row.status == S.DUE_SOON  # 11 days left, not done
    assert (row.completed_on, row.last_percent) == (None, 80)
    assert t["q1"] not in statuses(db, as_of, statuses={S.DONE_ON_TIME, S.DONE_LATE})
    # With the wrong completion corrected, a real one can be recorded…
    report(db, t["q1"], date(2024, 4, 5), completed=True)
    row = row_of(db, t["q1"], date(2024, 4, 10))
    assert (row.status, row.completed_on) == (S.DONE_LATE, date(2024, 4, 5))


def test_correction_into_a_completion(db, t):
    first = report(db, t["q1"], date(2024, 3, 10), percent=90)
    correct(db, first, date(2024, 3, 10), completed=True)
    assert row_of(db, t["q1"], date(2024, 3, 12)).status == S.DONE_ON_TIME
    # A correction may not add a second completion either.
    later = report(db, t["q1"], date(2024, 3, 20), percent=100)
    err = refused(db, progress.correct_progress, later, date(2024, 3, 20),
                  ProgressFields(completed=True), today=TODAY)
    assert only_problem(err, "completed")


def test_correcting_a_completion_into_another_completion(db, t):
    wrong = report(db, t["q1"], date(2024, 3, 15), completed=True)
    correct(db, wrong, date(2024, 4, 2), completed=True, note="Ngày hoàn thành thực tế")
    row = row_of(db, t["q1"], date(2024, 4, 10))
    assert (row.status, row.completed_on) == (S.DONE_LATE, date(2024, 4, 2))


# --- statuses on given days -----------------------------------------------------------------

@pytest.fixture
def logged(db, t):
    report(db, t["q1"], date(2024, 2, 1), percent=30)
    report(db, t["q1"], date(2024, 3, 15), completed=True)
    report(db, t["jan"], date(2024, 2, 15), completed=True)
    report(db, t["cont"], date(2024, 2, 1), percent=50)
    report(db, t["yearly"], date(2024, 6, 1), completed=True)
    return t


@pytest.mark.parametrize(("as_of", "expected"), [
    (date(2024, 1, 20), {"q1": S.NOT_STARTED, "jan": S.DUE_SOON, "cont": S.NOT_STARTED,
                         "yearly": S.NOT_STARTED, "none": S.NOT_STARTED}),
    (date(2024, 2, 5), {"q1": S.IN_PROGRESS, "jan": S.OVERDUE, "cont": S.IN_PROGRESS,
                        "yearly": S.NOT_STARTED, "none": S.NOT_STARTED}),
    (date(2024, 3, 20), {"q1": S.DONE_ON_TIME, "jan": S.DONE_LATE, "cont": S.IN_PROGRESS,
                         "yearly": S.NOT_STARTED, "none": S.NOT_STARTED}),
    (date(2024, 7, 1), {"q1": S.DONE_ON_TIME, "jan": S.DONE_LATE, "cont": S.IN_PROGRESS,
                        "yearly": S.DONE_ON_TIME, "none": S.NOT_STARTED}),
    # Continuous work is never overdue; one report keeps it "in progress" (see continuous_report_period).
    (date(2025, 12, 25), {"q1": S.DONE_ON_TIME, "jan": S.DONE_LATE, "cont": S.IN_PROGRESS,
                          "yearly": S.DUE_SOON, "none": S.NOT_STARTED}),
])
def test_statuses_on_given_days(db, logged, as_of, expected):
    got = statuses(db, as_of)
    assert got == {logged[name]: status for name, status in expected.items()}


def test_progress_after_as_of_is_ignored(db, logged):
    row = row_of(db, logged["q1"], date(2024, 2, 5))
    assert (row.last_percent, row.completed_on) == (30, None)
    row = row_of(db, logged["q1"], date(2024, 1, 31))
    assert (row.last_percent, row.completed_on, row.status) == (None, None, S.NOT_STARTED)
    row = row_of(db, logged["q1"], date(2024, 3, 15))  # the day itself counts
    assert (row.last_percent, row.completed_on, row.status) == (100, date(2024, 3, 15), S.DONE_ON_TIME)
    row = row_of(db, logged["q1"], date(2024, 3, 14))  # 17 days before the due date
    assert (row.last_percent, row.status) == (30, S.IN_PROGRESS)


def test_yearly_task_status_resets_each_year(db, logged):
    assert row_of(db, logged["yearly"], date(2024, 12, 31)).completed_on == date(2024, 6, 1)
    row = row_of(db, logged["yearly"], date(2025, 1, 10))
    assert (row.status, row.completed_on) == (S.NOT_STARTED, None)
    report(db, logged["yearly"], date(2025, 3, 1), completed=True)
    assert row_of(db, logged["yearly"], date(2025, 3, 2)).status == S.DONE_ON_TIME
    assert row_of(db, logged["yearly"], date(2025, 2, 28)).status == S.NOT_STARTED


def test_status_figures(db, logged):
    figures = status_figures(db, date(2024, 2, 5), due_soon_days=14)
    assert list(figures.overall) == list(STATUS_ORDER)
    assert figures.overall == {S.OVERDUE: 1, S.DUE_SOON: 0, S.IN_PROGRESS: 2, S.NOT_STARTED: 2,
                               S.DONE_LATE: 0, S.DONE_ON_TIME: 0}
    assert figures.total == 5
    by_body = {bc.name: bc for bc in figures.by_body}
    assert [bc.name for bc in figures.by_body] == ["Ban Tuyên giáo Tỉnh ủy", "Văn phòng Tỉnh ủy"]
    assert by_body["Ban Tuyên giáo Tỉnh ủy"].counts[S.OVERDUE] == 1
    assert by_body["Ban Tuyên giáo Tỉnh ủy"].counts[S.IN_PROGRESS] == 1
    assert by_body["Văn phòng Tỉnh ủy"].counts[S.IN_PROGRESS] == 1
    assert by_body["Văn phòng Tỉnh ủy"].counts[S.NOT_STARTED] == 2
    later = status_figures(db, date(2024, 7, 1), due_soon_days=14)
    assert later.overall[S.DONE_ON_TIME] == 2 and later.overall[S.DONE_LATE] == 1
    assert status_figures(db, date(2024, 7, 1), program_ids=[999_999]).total == 0


def test_reports_are_journaled_and_append_only(db, t):
    first = report(db, t["q1"], date(2024, 2, 1), percent=30)
    correct(db, first, date(2024, 2, 1), percent=35)
    with db.read() as s:
        names = [e.name for e in s.scalars(select(JournalEntry).order_by(JournalEntry.id))][-2:]
        rows = list(s.scalars(select(ProgressEntry).order_by(ProgressEntry.id)))
    assert names == ["Báo cáo tiến độ nhiệm vụ «Nhiệm vụ q1»", "Đính chính báo cáo tiến độ nhiệm vụ «Nhiệm vụ q1»"]
    assert [(r.percent, r.corrects_id) for r in rows] == [(30, None), (35, first)]
