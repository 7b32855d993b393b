"""Days late / left and a deadline with its due date: one rule each, shown alike by the
reminders panel, `nqdesk remind`, the follow-up letter and the periodic report."""

from __future__ import annotations

from datetime import date

from desktop_app.core import status
from desktop_app.core.deadlines import deadline_with_due_date
from desktop_app.core.status import DAYS_LATE, DAYS_LEFT, DUE_TODAY, days_late_or_left, days_phrase

AS_OF = date(2024, 7, 1)


def test_days_late_or_left():
    assert days_late_or_left(date(2024, 6, 28), AS_OF) == (DAYS_LATE, 3)
    assert days_late_or_left(AS_OF, AS_OF) == (DUE_TODAY, 0)
    assert days_late_or_left(date(2024, 7, 10), AS_OF) == (DAYS_LEFT, 9)


def test_days_phrase():
    assert days_phrase(date(2024, 6, 28), AS_OF) == "quá hạn 3 ngày"
    assert days_phrase(AS_OF, AS_OF) == "đến hạn hôm nay"
    assert days_phrase(date(2024, 7, 10), AS_OF) == "còn 9 ngày"
    assert days_phrase(date(2021, 10, 5), AS_OF) == "quá hạn 1.000 ngày"
    assert days_phrase(None, AS_OF) == ""


def test_deadline_with_due_date():
    assert deadline_with_due_date("Quý III/2024", "quarter", date(2024, 9, 30)) == "Quý III/2024\n(30/09/2024)"
    assert deadline_with_due_date("30/09/2024", "date", date(2024, 9, 30)) == "30/09/2024"
    assert deadline_with_due_date("", "quarter", date(2024, 9, 30)) == "30/09/2024"
    assert deadline_with_due_date("Thường xuyên", "continuous", None) == "Thường xuyên"


def test_the_task_list_runs_the_tested_status_rule():
    from desktop_app.reports import tasks

    # (the dashboard from the database counts with the rule written as SQL, reports/status_sql.py,
    # which tests/reports/test_status_sql.py compares task by task with task_state)
    assert tasks.task_state is status.task_state
    assert tasks.summarise_log is status.summarise_log
