"""The read-side lists behind the study screen, on the demo study round."""

from __future__ import annotations

from datetime import date

from desktop_app.reports.study import study_figures
from desktop_app.reports.study_lists import (
    bridge_points,
    documents_with_sessions,
    member_counts,
    party_organisations,
    scope_organisations,
    session_summary,
    sessions_on_document,
)


def test_sessions_points_and_organisations(demo_db):
    docs = documents_with_sessions(demo_db)
    assert len(docs) == 4
    sessions = sessions_on_document(demo_db, docs[0])
    assert [s.held_on for s in sessions] == [date(2023, 12, 4), date(2024, 1, 18)]
    conference, makeup = sessions
    assert conference.level == "national_relayed" and makeup.level == "makeup"
    assert len(conference.document_ids) == 4
    # every point and row of the session (the provincial point hosted by the Tỉnh ủy included)
    assert conference.bridge_points == 65
    assert makeup.newly_studied == 404 and makeup.attendees_total == 404
    assert session_summary(demo_db, makeup.id) == makeup
    points = bridge_points(demo_db, conference.id)
    assert len(points) == 65 and points[0].level == "provincial" and points[0].rows > 0
    assert [p.position for p in points] == sorted(p.position for p in points)
    figures = study_figures(demo_db, docs[0], date(2024, 7, 1))
    orgs = scope_organisations(demo_db, figures.scope_id, date(2024, 7, 1))
    assert [o.id for o in orgs] == [line.body_id for line in figures.organisations]  # same Vietnamese order
    counts = member_counts(demo_db, [o.id for o in orgs], date(2024, 7, 1))
    assert sum(counts.values()) == 4336
    assert figures.scope_id in {o.id for o in party_organisations(demo_db)}
    assert scope_organisations(demo_db, None, date(2024, 7, 1)) == []
