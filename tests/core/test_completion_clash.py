"""core.status.completion_clash: a task is completed once, a yearly task once a year (the
rule the operations, the import and ``nqdesk check`` share)."""

from __future__ import annotations

from datetime import date

from desktop_app.core.status import completion_clash
from desktop_app.ops import progress


def test_a_second_completion_is_refused_naming_the_first():
    message = completion_clash("date", [date(2024, 5, 2), date(2024, 3, 1)], date(2024, 6, 1))
    assert message == ("Nhiệm vụ đã được ghi hoàn thành ngày 01/03/2024. Nếu ghi nhầm, hãy đính chính mục đó.")
    assert completion_clash("date", [], date(2024, 6, 1)) is None
    assert completion_clash(None, [date(2023, 1, 1)], date(2024, 6, 1)) is not None


def test_a_yearly_task_is_completed_once_a_year():
    assert completion_clash("recurring_yearly", [date(2023, 12, 20)], date(2024, 12, 1)) is None
    message = completion_clash("recurring_yearly", [date(2023, 12, 20), date(2024, 2, 1)], date(2024, 12, 1))
    assert message is not None and "trong năm 2024 ngày 01/02/2024" in message


def test_one_copy_of_the_rule():
    assert progress.completion_clash is completion_clash  # ops (and the importer through it) use core's
