"""reports.progress_log: a task's whole log for its timeline, newest first, each entry
linked to its correction (the progress panel formats it and runs no query)."""

from __future__ import annotations

from datetime import date

from desktop_app.ops import programs, progress, tasks
from desktop_app.ops.fields import ProgressFields, TaskFields
from desktop_app.reports.progress_log import LoggedEntry, progress_log

TODAY = date(2024, 12, 31)


def test_the_log_newest_first_with_corrections_linked(db):
    program = programs.create_program(db, "Chương trình thử").entity_id
    task = tasks.create_task(db, program, "Nhiệm vụ", TaskFields(deadline="31/12/2024")).entity_id
    other = tasks.create_task(db, program, "Nhiệm vụ khác", TaskFields(deadline="31/12/2024")).entity_id
    progress.report_progress(db, task, date(2024, 3, 1), ProgressFields(percent=20, note=" bắt đầu "), today=TODAY)
    progress.report_progress(db, task, date(2024, 6, 1),
                             ProgressFields(percent=90, reported_by="Văn phòng", evidence="Báo cáo số 12-BC/VPTU"), today=TODAY)
    wrong = progress_log(db, task)[0].id
    progress.correct_progress(db, wrong, date(2024, 6, 1), ProgressFields(percent=60), today=TODAY)
    progress.report_progress(db, task, date(2024, 9, 1), ProgressFields(completed=True), today=TODAY)
    progress.report_progress(db, other, date(2024, 9, 2), ProgressFields(percent=5), today=TODAY)

    log = progress_log(db, task)
    # by report day, the later entry first on the same day; corrected entries stay in the log
    assert [(e.reported_on, e.percent, e.completed) for e in log] == [
        (date(2024, 9, 1), 100, True), (date(2024, 6, 1), 60, False), (date(2024, 6, 1), 90, False),
        (date(2024, 3, 1), 20, False)]
    done, fixed, mistaken, first = log
    assert mistaken.id == wrong and mistaken.corrected_by.id == fixed.id and mistaken.corrects is None
    assert fixed.corrects.id == wrong and fixed.corrects_id == wrong and fixed.corrected_by is None
    assert (mistaken.reported_by, mistaken.evidence) == ("Văn phòng", "Báo cáo số 12-BC/VPTU")
    assert first.note.strip() == "bắt đầu" and first.corrected_by is None and done.corrects is None
    assert all(isinstance(e, LoggedEntry) for e in log)
    assert progress_log(db, 99_999) == []
