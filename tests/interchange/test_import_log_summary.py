"""A JSON import (nqdesk/2) writes its tasks' log summaries with its entries, corrections
included (issue 12), on SQLite and PostgreSQL; a dry run writes none."""

from __future__ import annotations

from log_summary_support import assert_summaries_match_log

from desktop_app.ops.interchange import import_data

from .base_file import TODAY, base


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
