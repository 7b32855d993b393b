"""Task status rules (desktop_app.core.status)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.core.status import (
    DEADLINE_KINDS,
    STATUS_COLOURS,
    STATUS_LABELS,
    STATUS_ORDER,
    TaskFacts,
    TaskStatus,
    count_by_status,
    effective_due_date,
    task_status,
)

S = TaskStatus
DUE = date(2024, 6, 30)


def facts(kind="date", due=DUE, done=(), progress=()) -> TaskFacts:
    return TaskFacts(kind, due, tuple(done), tuple(progress))


# --- enum, labels, colours, order -------------------------------------------------


def test_enum_values():
    assert [s.value for s in TaskStatus] == [
        "not_started", "in_progress", "due_soon", "overdue", "done_on_time", "done_late",
    ]
    assert TaskStatus("overdue") is S.OVERDUE
    assert S.DONE_LATE == "done_late"


def test_labels_use_official_vocabulary():
    assert STATUS_LABELS == {
        S.DONE_ON_TIME: "Hoàn thành đúng hạn",
        S.DONE_LATE: "Hoàn thành quá hạn",
        S.OVERDUE: "Quá hạn chưa hoàn thành",
        S.DUE_SOON: "Sắp đến hạn",
        S.IN_PROGRESS: "Đang thực hiện trong hạn",
        S.NOT_STARTED: "Chưa thực hiện",
    }


def test_colours_are_distinct_hex():
    assert set(STATUS_COLOURS) == set(TaskStatus)
    assert all(re.fullmatch(r"#[0-9A-Fa-f]{6}", c) for c in STATUS_COLOURS.values())
    assert len(set(c.upper() for c in STATUS_COLOURS.values())) == len(TaskStatus)


def test_status_order_is_severity():
    assert STATUS_ORDER == (
        S.OVERDUE, S.DUE_SOON, S.IN_PROGRESS, S.NOT_STARTED, S.DONE_LATE, S.DONE_ON_TIME,
    )
    shuffled = [S.DONE_ON_TIME, S.NOT_STARTED, S.OVERDUE, S.DONE_LATE, S.DUE_SOON, S.IN_PROGRESS]
    assert sorted(shuffled, key=STATUS_ORDER.index) == list(STATUS_ORDER)


def test_task_facts_is_frozen_with_defaults():
    t = TaskFacts("date", DUE)
    assert t.completion_dates == () and t.progress_dates == ()
    with pytest.raises(AttributeError):
        t.due_date = None  # type: ignore[misc]


# --- effective due date -------------------------------------------------------------


def test_effective_due_date():
    as_of = date(2025, 3, 4)
    assert effective_due_date("recurring_yearly", None, as_of) == date(2025, 12, 31)
    assert effective_due_date("recurring_yearly", date(2024, 12, 31), as_of) == date(2025, 12, 31)
    assert effective_due_date("continuous", DUE, as_of) is None
    assert effective_due_date("continuous", None, as_of) is None
    for kind in ("date", "month", "quarter", "half_year", "year", "period", "event"):
        assert effective_due_date(kind, DUE, as_of) == DUE
    assert effective_due_date("event", None, as_of) is None
    assert effective_due_date(None, None, as_of) is None


def test_unknown_kind_rejected():
    with pytest.raises(ValueError):
        effective_due_date("weekly", DUE, DUE)
    with pytest.raises(ValueError):
        task_status(facts(kind="bogus"), DUE)


# --- the deadline day ----------------------------------------------------------------


def test_on_the_due_date_it_is_due_soon_not_overdue():
    assert task_status(facts(), DUE) is S.DUE_SOON
    assert task_status(facts(progress=[date(2024, 6, 1)]), DUE) is S.DUE_SOON


def test_the_day_after_it_is_overdue():
    assert task_status(facts(), DUE + timedelta(days=1)) is S.OVERDUE
    assert task_status(facts(progress=[date(2024, 6, 1)]), date(2024, 7, 1)) is S.OVERDUE


def test_completed_on_the_due_date_is_on_time():
    assert task_status(facts(done=[DUE]), date(2024, 12, 31)) is S.DONE_ON_TIME
    assert task_status(facts(done=[DUE]), DUE) is S.DONE_ON_TIME


def test_completed_the_day_after_is_late():
    late = DUE + timedelta(days=1)
    assert task_status(facts(done=[late]), late) is S.DONE_LATE
    assert task_status(facts(done=[late]), date(2025, 1, 1)) is S.DONE_LATE


def test_completed_before_is_on_time_even_long_after():
    assert task_status(facts(done=[date(2024, 4, 2)]), date(2030, 1, 1)) is S.DONE_ON_TIME


def test_earliest_completion_counts():
    done = [date(2024, 8, 1), date(2024, 6, 15)]
    assert task_status(facts(done=done), date(2024, 9, 1)) is S.DONE_ON_TIME
    # ...but only among completions that existed on as_of
    assert task_status(facts(done=[date(2024, 8, 1)]), date(2024, 9, 1)) is S.DONE_LATE


# --- entries after as_of did not exist yet --------------------------------------------


def test_completion_after_as_of_ignored():
    t = facts(done=[date(2024, 6, 20)])
    assert task_status(t, date(2024, 6, 19)) is S.DUE_SOON
    assert task_status(t, date(2024, 6, 20)) is S.DONE_ON_TIME
    assert task_status(t, date(2024, 3, 1)) is S.NOT_STARTED
    late = facts(done=[date(2024, 7, 10)])
    assert task_status(late, date(2024, 7, 9)) is S.OVERDUE
    assert task_status(late, date(2024, 7, 10)) is S.DONE_LATE


def test_progress_after_as_of_ignored():
    t = facts(progress=[date(2024, 5, 10)])
    assert task_status(t, date(2024, 5, 9)) is S.NOT_STARTED
    assert task_status(t, date(2024, 5, 10)) is S.IN_PROGRESS


# --- due-soon window -------------------------------------------------------------------


def test_due_soon_default_window_edges():
    assert task_status(facts(), DUE - timedelta(days=14)) is S.DUE_SOON
    assert task_status(facts(), DUE - timedelta(days=15)) is S.NOT_STARTED
    with_progress = facts(progress=[date(2024, 1, 1)])
    assert task_status(with_progress, DUE - timedelta(days=14)) is S.DUE_SOON
    assert task_status(with_progress, DUE - timedelta(days=15)) is S.IN_PROGRESS


def test_due_soon_custom_window_zero():
    assert task_status(facts(), DUE, due_soon_days=0) is S.DUE_SOON
    assert task_status(facts(), DUE - timedelta(days=1), due_soon_days=0) is S.NOT_STARTED
    assert task_status(facts(), DUE + timedelta(days=1), due_soon_days=0) is S.OVERDUE


def test_due_soon_custom_window_thirty():
    assert task_status(facts(), DUE - timedelta(days=30), due_soon_days=30) is S.DUE_SOON
    assert task_status(facts(), DUE - timedelta(days=31), due_soon_days=30) is S.NOT_STARTED


def test_negative_window_rejected_in_vietnamese():
    with pytest.raises(ValueError, match="sắp đến hạn"):
        task_status(facts(), DUE, due_soon_days=-1)


def test_leap_day_due_date():
    leap = date(2024, 2, 29)
    t = facts(due=leap)
    assert task_status(t, date(2024, 2, 15)) is S.DUE_SOON
    assert task_status(t, date(2024, 2, 14)) is S.NOT_STARTED
    assert task_status(t, leap) is S.DUE_SOON
    assert task_status(t, date(2024, 3, 1)) is S.OVERDUE
    assert task_status(facts(due=leap, done=[leap]), date(2024, 3, 1)) is S.DONE_ON_TIME
    assert task_status(facts(due=leap, done=[date(2024, 3, 1)]), date(2024, 3, 1)) is S.DONE_LATE


# --- continuous, event, no deadline ----------------------------------------------------


def test_continuous_never_overdue_nor_due_soon():
    for due in (None, date(2020, 1, 1), DUE):
        t = facts(kind="continuous", due=due)
        assert task_status(t, date(2024, 6, 25)) is S.NOT_STARTED
        assert task_status(t, date(2030, 1, 1)) is S.NOT_STARTED
        p = facts(kind="continuous", due=due, progress=[date(2024, 1, 5)])
        assert task_status(p, date(2030, 1, 1)) is S.IN_PROGRESS


def test_continuous_completed_is_on_time():
    t = facts(kind="continuous", due=date(2020, 1, 1), done=[date(2024, 5, 5)])
    assert task_status(t, date(2024, 5, 5)) is S.DONE_ON_TIME


def test_event_never_overdue():
    undated = facts(kind="event", due=None)
    assert task_status(undated, date(2030, 1, 1)) is S.NOT_STARTED
    dated = facts(kind="event", due=date(2024, 3, 1))
    assert task_status(dated, date(2024, 12, 31)) is S.NOT_STARTED
    dated_progress = facts(kind="event", due=date(2024, 3, 1), progress=[date(2024, 2, 1)])
    assert task_status(dated_progress, date(2024, 12, 31)) is S.IN_PROGRESS
    done = facts(kind="event", due=None, done=[date(2024, 4, 1)])
    assert task_status(done, date(2024, 4, 1)) is S.DONE_ON_TIME


def test_event_dated_can_be_due_soon():
    dated = facts(kind="event", due=date(2024, 3, 10))
    assert task_status(dated, date(2024, 3, 1)) is S.DUE_SOON


def test_no_deadline_task():
    t = facts(kind=None, due=None)
    assert task_status(t, date(2024, 1, 1)) is S.NOT_STARTED
    reported = facts(kind=None, due=None, progress=[date(2024, 1, 1)])
    assert task_status(reported, date(2030, 1, 1)) is S.IN_PROGRESS
    done = facts(kind=None, due=None, done=[date(2024, 1, 1)])
    assert task_status(done, date(2030, 1, 1)) is S.DONE_ON_TIME


# --- yearly tasks are judged per year ------------------------------------------------


def yearly(done=(), progress=()) -> TaskFacts:
    return facts(kind="recurring_yearly", due=date(2024, 12, 31), done=done, progress=progress)


def test_yearly_completed_in_2024_done_for_2024_only():
    t = yearly(done=[date(2024, 11, 20)])
    assert task_status(t, date(2024, 11, 20)) is S.DONE_ON_TIME
    assert task_status(t, date(2024, 12, 31)) is S.DONE_ON_TIME
    assert task_status(t, date(2024, 11, 19)) is S.NOT_STARTED
    # a new year starts from scratch
    assert task_status(t, date(2025, 1, 1)) is S.NOT_STARTED
    assert task_status(t, date(2025, 12, 20)) is S.DUE_SOON


def test_yearly_new_year_progress_then_completion():
    t = yearly(
        done=[date(2024, 11, 20), date(2025, 12, 1)],
        progress=[date(2024, 6, 1), date(2025, 3, 1)],
    )
    assert task_status(t, date(2025, 2, 28)) is S.NOT_STARTED  # 2024 progress does not count
    assert task_status(t, date(2025, 3, 1)) is S.IN_PROGRESS
    assert task_status(t, date(2025, 11, 30)) is S.IN_PROGRESS
    assert task_status(t, date(2025, 12, 1)) is S.DONE_ON_TIME


def test_yearly_not_done_is_not_overdue_in_next_year():
    t = yearly(progress=[date(2024, 5, 1)])
    assert task_status(t, date(2024, 12, 20)) is S.DUE_SOON
    assert task_status(t, date(2024, 12, 31)) is S.DUE_SOON
    # 2024 missed, but seen on 2025-01-05 it is judged for 2025
    assert task_status(t, date(2025, 1, 5)) is S.NOT_STARTED
    assert task_status(yearly(progress=[date(2025, 1, 3)]), date(2025, 1, 5)) is S.IN_PROGRESS


def test_yearly_never_overdue_or_late():
    t = yearly(done=[date(2024, 12, 31)])
    assert task_status(t, date(2024, 12, 31)) is S.DONE_ON_TIME


# --- counting -----------------------------------------------------------------------


def test_count_by_status_has_every_status():
    counts = count_by_status([S.OVERDUE, S.OVERDUE, S.DONE_ON_TIME])
    assert counts == {
        S.OVERDUE: 2, S.DUE_SOON: 0, S.IN_PROGRESS: 0,
        S.NOT_STARTED: 0, S.DONE_LATE: 0, S.DONE_ON_TIME: 1,
    }
    assert list(counts) == list(STATUS_ORDER)


def test_count_by_status_empty_and_generator():
    assert count_by_status([]) == {s: 0 for s in TaskStatus}
    assert sum(count_by_status(s for s in [S.DUE_SOON] * 3).values()) == 3


def test_task_status_accepts_any_object_with_the_attributes():
    @dataclass
    class Row:
        deadline_kind: str | None
        due_date: date | None
        completion_dates: tuple[date, ...]
        progress_dates: tuple[date, ...]
        title: str = "x"

    assert task_status(Row("date", DUE, (), ()), date(2024, 7, 1)) is S.OVERDUE


# --- properties ----------------------------------------------------------------------

_dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))
_kinds = st.sampled_from(sorted(DEADLINE_KINDS) + [None])


@given(
    kind=_kinds,
    due=st.none() | _dates,
    done=st.lists(_dates, max_size=3),
    progress=st.lists(_dates, max_size=3),
    as_of=_dates,
    window=st.integers(min_value=0, max_value=400),
)
def test_status_is_always_a_task_status(kind, due, done, progress, as_of, window):
    status = task_status(TaskFacts(kind, due, tuple(done), tuple(progress)), as_of, window)
    assert isinstance(status, TaskStatus)
    if kind in ("continuous", "event"):
        assert status is not S.OVERDUE


@given(
    kind=_kinds,
    due=st.none() | _dates,
    progress=st.lists(_dates, max_size=3),
    as_of=_dates,
)
def test_no_completions_never_done(kind, due, progress, as_of):
    status = task_status(TaskFacts(kind, due, (), tuple(progress)), as_of)
    assert status not in (S.DONE_ON_TIME, S.DONE_LATE)


@given(done=st.lists(_dates, min_size=1, max_size=3), as_of=_dates)
def test_only_past_completions_make_done(done, as_of):
    status = task_status(TaskFacts("date", DUE, tuple(done)), as_of)
    is_done = status in (S.DONE_ON_TIME, S.DONE_LATE)
    assert is_done == any(d <= as_of for d in done)


# --- behind schedule (Redmine's Issue#behind_schedule?) -----------------------------------

from desktop_app.core.status import behind_schedule, period_label, report_period  # noqa: E402

A, D = date(2024, 1, 1), date(2024, 1, 10)  # ten days of work, both ends included


@pytest.mark.parametrize("as_of, percent, behind", [
    (date(2023, 12, 31), 0, False),  # not assigned yet
    (A, 0, False),                    # the first day: nothing is expected yet
    (A + timedelta(days=1), 9, True),   # one day of ten passed: 10% expected
    (A + timedelta(days=1), 10, False),
    (A + timedelta(days=5), 50, False),
    (A + timedelta(days=5), 49, True),
    (D, 90, False),                   # on the due date 9 of 10 days have passed
    (D, 89, True),
    (D + timedelta(days=1), 99, True),  # the day after: all of it was due
    (D + timedelta(days=1), 100, False),
    (A + timedelta(days=3), None, True),  # nothing reported counts as 0%
])
def test_behind_schedule_at_the_boundaries(as_of, percent, behind):
    assert behind_schedule(A, D, percent, False, as_of) is behind


def test_never_behind_when_completed_or_dates_missing():
    assert behind_schedule(A, D, 0, True, date(2025, 1, 1)) is False
    assert behind_schedule(None, D, 0, False, date(2025, 1, 1)) is False
    assert behind_schedule(A, None, 0, False, date(2025, 1, 1)) is False


def test_behind_schedule_one_day_task_and_leap_year():
    day = date(2024, 2, 29)
    assert behind_schedule(day, day, 0, False, day) is False
    assert behind_schedule(day, day, 99, False, date(2024, 3, 1)) is True
    # 29/02 counts as a day: 01/02–29/02 is 29 days, on 15/02 14 have passed (48.3%)
    assert behind_schedule(date(2024, 2, 1), day, 49, False, date(2024, 2, 15)) is False
    assert behind_schedule(date(2024, 2, 1), day, 48, False, date(2024, 2, 15)) is True


def test_inconsistent_dates_judged_by_deadline():
    assert behind_schedule(D, A, 0, False, D) is True
    assert behind_schedule(D, A, 0, False, A) is False  # not assigned yet on A


@pytest.mark.parametrize("day, period, expected", [
    (date(2024, 1, 1), "quarter", (date(2024, 1, 1), date(2024, 3, 31))),
    (date(2024, 3, 31), "quarter", (date(2024, 1, 1), date(2024, 3, 31))),
    (date(2024, 4, 1), "quarter", (date(2024, 4, 1), date(2024, 6, 30))),
    (date(2024, 12, 31), "quarter", (date(2024, 10, 1), date(2024, 12, 31))),
    (date(2024, 2, 29), "half_year", (date(2024, 1, 1), date(2024, 6, 30))),
    (date(2024, 6, 30), "half_year", (date(2024, 1, 1), date(2024, 6, 30))),
    (date(2024, 7, 1), "half_year", (date(2024, 7, 1), date(2024, 12, 31))),
])
def test_report_period_boundaries(day, period, expected):
    assert report_period(day, period) == expected


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)), st.sampled_from(["quarter", "half_year"]))
def test_report_period_contains_the_day_and_tiles_the_year(day, period):
    start, end = report_period(day, period)
    assert start <= day <= end
    assert report_period(end + timedelta(days=1), period)[0] == end + timedelta(days=1)
    assert report_period(start - timedelta(days=1), period)[1] == start - timedelta(days=1)


def test_period_labels():
    assert period_label(date(2024, 7, 1), "quarter") == "quý III năm 2024"
    assert period_label(date(2024, 1, 1), "half_year") == "6 tháng đầu năm 2024"
    assert period_label(date(2024, 7, 1), "half_year") == "6 tháng cuối năm 2024"
    with pytest.raises(ValueError, match="Kỳ báo cáo"):
        report_period(date(2024, 1, 1), "month")


def test_log_summary_rows_are_the_summaries_over_all_dates():
    """core.status.log_summary_rows: one row per task (in id order), from summarise_log over
    every date, plus the earliest completion within the year of the latest report."""
    from datetime import date as d

    from desktop_app.core.status import log_summary_rows

    entries = [
        # (task, reported on, completed, percent, entry id), in no particular order
        (7, d(2025, 3, 1), False, 40, 11),
        (7, d(2025, 3, 1), False, 60, 12),  # same day: the later entry's percent
        (7, d(2025, 5, 2), False, None, 13),  # the latest report, without a percent
        (3, d(2024, 2, 1), True, 100, 5),  # completed last year ...
        (3, d(2025, 1, 9), False, 20, 6),  # ... reported again this year
        (5, d(2025, 8, 1), True, 100, 9),
        (5, d(2024, 6, 1), True, 100, 8),
        (5, d(2025, 2, 1), True, None, 10),  # the earliest completion of the latest year
        (5, d(2025, 9, 1), False, 40, 7),
    ]
    assert log_summary_rows(entries) == [
        (3, d(2025, 1, 9), d(2024, 2, 1), None, d(2025, 1, 9), 6, 20),
        (5, d(2025, 9, 1), d(2024, 6, 1), d(2025, 2, 1), d(2025, 9, 1), 7, 40),
        (7, d(2025, 5, 2), None, None, d(2025, 3, 1), 12, 60),
    ]
    assert log_summary_rows(iter(entries)) == log_summary_rows(entries)
    assert log_summary_rows([]) == []
