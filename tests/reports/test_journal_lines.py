"""reports.journal: the history as plain rows (JournalLine) and the fields each entry
changed (entry_changes), for the history dialog and ``nqdesk history``."""

from __future__ import annotations

from desktop_app.ops import bodies, undo
from desktop_app.ops.fields import BodyFields
from desktop_app.reports.journal import ChangeLine, JournalLine, entry_changes, history


def test_history_rows_and_the_fields_an_entry_changed(db):
    body = bodies.create_body(db, "Ban Tuyên giáo Tỉnh ủy", BodyFields(code="BTGTU")).entity_id
    other = bodies.create_body(db, "Văn phòng Tỉnh ủy", BodyFields(code="VPTU")).entity_id
    renamed = bodies.update_body(db, body, BodyFields(short_name="Ban Tuyên giáo")).journal_id
    undo.undo(db)

    lines = history(db, "bodies", body)
    assert [(e.kind, e.name) for e in lines] == [
        ("undo", lines[0].name), ("op", lines[1].name), ("op", "Thêm cơ quan «Ban Tuyên giáo Tỉnh ủy»")]
    assert all(isinstance(e, JournalLine) for e in lines)
    assert lines[1].id == renamed and lines[1].undone and not lines[2].undone
    assert len(history(db)) == 4 and len(history(db, limit=2)) == 2
    assert [e.name for e in history(db, "bodies", other)] == ["Thêm cơ quan «Văn phòng Tỉnh ủy»"]

    assert entry_changes(db, renamed) == [ChangeLine("update", "bodies", body, (("short_name", "", "Ban Tuyên giáo"),))]
    (created,) = entry_changes(db, lines[2].id)
    assert (created.action, created.entity_id) == ("insert", body)
    assert ("name", None, "Ban Tuyên giáo Tỉnh ủy") in created.fields
    assert entry_changes(db, 99_999) == []
