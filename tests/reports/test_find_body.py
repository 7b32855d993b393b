"""One rule for naming a body on the command line (nqdesk followup --body, --scope)."""

from __future__ import annotations

from sqlalchemy import select

from desktop_app.reports.lists import find_body
from desktop_app.store.models import Body


def test_by_number_code_name_or_short_name_folded(demo_db):
    with demo_db.read() as s:
        body = s.scalars(select(Body).where(Body.code == "ĐUK")).one()
        body_id, name = body.id, body.name
    assert find_body(demo_db, str(body_id)) == body_id
    assert find_body(demo_db, f"#{body_id}") == body_id
    assert find_body(demo_db, "ĐUK") == body_id
    assert find_body(demo_db, "duk") == body_id  # as --scope now accepts it too
    assert find_body(demo_db, name.upper()) == body_id
    assert find_body(demo_db, "KHÔNG-CÓ") is None
    assert find_body(demo_db, "999999") is None  # a number that is no body is refused, not passed on
