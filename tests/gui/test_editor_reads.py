"""One save reads the saved record once: the editors used to read it two to four times per
save (the window's refresh, "what is stored now", the canonical form, the heading), and a
focus-out without a change read it again. Counted on the editors as the main window drives
them (``ctx.changed`` refreshes the open editor)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication

from desktop_app.gui.editors.body_editor import BodyEditor
from desktop_app.gui.editors.document_editor import DocumentEditor
from desktop_app.gui.editors.program_editor import ProgramEditor
from desktop_app.gui.editors.task_editor import TaskEditor
from desktop_app.ops.fields import DocumentFields
from desktop_app.reports.records import document_record, task_record

TASK = 1
DOCUMENT = 3
BODY = 3
PROGRAM = 1


def focus_out(widget) -> None:
    QApplication.sendEvent(widget, QFocusEvent(QEvent.Type.FocusOut, Qt.FocusReason.TabFocusReason))


def enter(qtbot, line, text: str) -> None:
    line.setFocus()
    line.setText(text)  # (QTest types Latin-1 only)
    qtbot.keyClick(line, Qt.Key.Key_Return)


@pytest.fixture
def counted(ctx, qtbot, monkeypatch):
    """make(cls, item_id) -> (editor, reads): *reads* counts the editor's reads of its record."""

    def make(cls, item_id):
        editor = cls(ctx)
        qtbot.addWidget(editor)
        ctx.changed.connect(lambda _c: editor.refresh())  # what the main window does
        editor.load(item_id)
        reads = []
        real = editor.load_values
        monkeypatch.setattr(editor, "load_values", lambda i: reads.append(i) or real(i))
        return editor, reads

    return make


def test_a_saved_field_reads_its_record_once(ctx, qtbot, counted):
    editor, reads = counted(DocumentEditor, DOCUMENT)
    editor.subject.setFocus()
    editor.subject.selectAll()
    editor.subject.insertPlainText("về Chiến lược mới")
    with qtbot.waitSignal(editor.saved):
        focus_out(editor.subject)
    assert reads == [DOCUMENT]
    assert document_record(ctx.db, DOCUMENT).subject == "về Chiến lược mới"


def test_a_field_shown_in_canonical_form_reads_its_record_once(ctx, qtbot, counted):
    editor, reads = counted(TaskEditor, TASK)
    enter(qtbot, editor.deadline, "quy 3/2024")
    assert reads == [TASK]
    assert editor.deadline.text() == task_record(ctx.db, TASK).deadline_text == "Quý III/2024"


def test_a_body_save_reads_once(ctx, qtbot, counted):
    body, reads = counted(BodyEditor, BODY)
    enter(qtbot, body.short_name, "VP Tỉnh ủy")
    assert reads == [BODY]
    assert body.short_name.text() == "VP Tỉnh ủy"


def test_a_programme_save_reads_once(ctx, qtbot, counted):
    program, reads = counted(ProgramEditor, PROGRAM)
    enter(qtbot, program.signer_name, "  Nguyễn Văn A ")
    assert reads == [PROGRAM]
    assert program.signer_name.text() == "Nguyễn Văn A"


def test_leaving_a_field_unchanged_reads_nothing(ctx, qtbot, counted):
    editor, reads = counted(DocumentEditor, DOCUMENT)
    before = editor.issuing_authority.text()
    editor.issuing_authority.setFocus()
    qtbot.keyClick(editor.issuing_authority, Qt.Key.Key_Return)
    focus_out(editor.issuing_authority)
    assert reads == []
    assert editor.issuing_authority.text() == before


def test_a_field_kept_for_its_focus_shows_the_stored_value_when_left_unchanged(ctx, qtbot, counted, monkeypatch):
    """A refresh (another user's change) leaves the focused field alone; leaving it without
    a change then shows what is stored, from the refresh's read: no new read."""
    from desktop_app.ops import documents as document_ops

    editor, reads = counted(DocumentEditor, DOCUMENT)
    shown = editor.issuing_authority.text()
    monkeypatch.setattr(editor, "_has_focus", lambda f: f is editor.fields["issuing_authority"])
    ctx.run(document_ops.update_document, DOCUMENT, DocumentFields(issuing_authority="Bộ Chính trị"))
    assert editor.issuing_authority.text() == shown  # kept while the user is in it
    monkeypatch.setattr(editor, "_has_focus", lambda f: False)
    del reads[:]  # the refresh's own read
    qtbot.keyClick(editor.issuing_authority, Qt.Key.Key_Return)
    assert editor.issuing_authority.text() == "Bộ Chính trị"
    assert reads == []
    assert not editor.is_edited("issuing_authority")
