"""A JSON import (nqdesk/2) writes its tasks' log summaries with its entries, corrections
included (issue 12), on SQLite and PostgreSQL; a dry run writes none."""

from __future__ import annotations

from log_summary_support import assert_summaries_match_log

from desktop_app.ops.interchange import import_data

from .base_file import TODAY, _entry, base


def test_the_imported_tasks_have_their_summaries(db):
    data = base()
    entries = [e for p in data["programs"] for t in p["tasks"] for e in t["progress"]]
    assert any(e["corrects"] is not None for e in entries)  # the file exercises corrections
    import_data(db, data, dry_run=True, today=TODAY)
    assert assert_summaries_match_log(db) == {}
    report = import_data(db, data, today=TODAY)
    assert report.progress_added == len(entries)
    summaries = assert_summaries_match_log(db)
    assert summaries and len(summaries) <= report.tasks_added
    # a second import adds its own tasks; the first ones' summaries are untouched
    import_data(db, base(), today=TODAY)
    again = assert_summaries_match_log(db)
    assert len(again) == 2 * len(summaries) and {t: again[t] for t in summaries} == summaries


def _varied_logs() -> dict:
    """The base file with 60 more yearly tasks whose logs take every turn a summary can:
    several entries a day (with and without a percent), completions in earlier years and
    in the latest report's year, entries out of date order, chains of corrections (of a
    completion too), and tasks with no entry."""
    import random

    rng = random.Random(20240701)
    data = base()
    tasks = data["programs"][0]["tasks"]
    days = [f"{y}-{m:02d}-{d:02d}" for y in (2023, 2024, 2025) for m in (1, 6, 12) for d in (1, 15)]
    for n in range(60):
        entries: list[dict] = []
        completed_years: set[str] = set()
        for i in range(rng.randrange(0, 7)):
            day = rng.choice(days[:6] if n % 5 == 0 else days)  # some logs all within one year
            done = day[:4] not in completed_years and rng.random() < 0.3
            if done:
                completed_years.add(day[:4])
            percent = 100 if done and rng.random() < 0.5 else None if done or rng.random() < 0.3 else rng.randrange(100)
            corrects = i - 1 if i and not done and rng.random() < 0.3 else None
            entries.append(_entry(day, percent, done, corrects))
        tasks.append({"group": "III. Báo cáo", "content": f"Báo cáo định kỳ {n}", "lead_body": "VPTU",
                      "coordinating_bodies": [], "product": "", "deadline": "Hằng năm",
                      "assigned_date": "2023-01-01", "note": "", "progress": entries})
    return data


def test_the_summaries_an_import_writes_are_those_the_database_computes(db):
    """The import computes its new tasks' summaries from the entries in hand
    (core.status.log_summary_rows), not with refresh_log_summaries' statement: the table it
    leaves is the one that statement writes again, row for row, and that of the log."""
    from sqlalchemy import select

    from desktop_app.ops.log_summary import refresh_log_summaries
    from desktop_app.store.models import TaskLogSummary

    import_data(db, base(), today=TODAY)  # tasks already there: the new ones' ids do not start at 1
    report = import_data(db, _varied_logs(), today=TODAY)
    assert report.tasks_added == 64

    def table(session):
        return session.execute(select(TaskLogSummary.__table__).order_by(TaskLogSummary.task_id)).all()

    with db.read() as session:
        written = table(session)
    summaries = assert_summaries_match_log(db)
    with db.write() as session:
        refresh_log_summaries(session, None)
    with db.read() as session:
        assert table(session) == written
    # the file has what it claims: ties within a day, completions in two years, corrections,
    # a completion corrected, and tasks with no summary
    rows = list(summaries.values())
    assert any(done and done_last_year is None for _last, done, done_last_year, *_ in rows)
    assert any(done and done_last_year and done != done_last_year for _last, done, done_last_year, *_ in rows)
    assert len(summaries) < report.tasks_added * 2
