"""The editors' choice lists (issue 12): read once and kept until the bodies or documents
change, rebuilt only when what they offer changed. A save refreshes the open editor, and on
a large database reading every body and rebuilding the lists was a third of an edit's time."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication

from desktop_app.gui.editors import program_editor, task_editor
from desktop_app.gui.widgets import ID_ROLE
from desktop_app.gui.editors.program_editor import ProgramEditor
from desktop_app.gui.editors.task_editor import TaskEditor
from desktop_app.ops import bodies as body_ops
from desktop_app.ops import documents as document_ops
from desktop_app.ops import tasks as task_ops
from desktop_app.ops.fields import BodyFields, DocumentFields, ProgressFields, TaskFields
from desktop_app.reports import records

TASK = 1
PROGRAM = 1


def _editor(qtbot, ctx, cls, item_id):
    editor = cls(ctx)
    qtbot.addWidget(editor)
    ctx.changed.connect(lambda c: editor.refresh_after(c))  # what the main window does
    editor.load(item_id)
    return editor


def _counting(monkeypatch, module, name):
    calls = []
    real = getattr(module, name)
    monkeypatch.setattr(module, name, lambda *a, **k: calls.append(1) or real(*a, **k))
    return calls


def _combo_texts(combo) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def test_a_task_save_reads_no_bodies_and_keeps_the_lists(qtbot, ctx, monkeypatch):
    reads = _counting(monkeypatch, task_editor, "body_choices")
    editor = _editor(qtbot, ctx, TaskEditor, TASK)
    assert reads  # (the blank form the editor starts with, then the task)
    del reads[:]
    rebuilt = _counting(monkeypatch, editor.lead, "set_items")
    rebuilt_coordinators = _counting(monkeypatch, editor.coordinators, "set_items")
    for n in range(3):
        ctx.run(task_ops.update_task, TASK, TaskFields(content=f"Nội dung sửa {n}"))
        assert editor.content.toPlainText() == f"Nội dung sửa {n}"
    assert reads == [] and rebuilt == [] and rebuilt_coordinators == []


def test_a_renamed_body_shows_in_the_lists_at_once(qtbot, ctx, monkeypatch):
    reads = _counting(monkeypatch, task_editor, "body_choices")
    editor = _editor(qtbot, ctx, TaskEditor, TASK)
    lead = editor.lead.current_id()
    assert lead is not None
    del reads[:]
    ctx.run(body_ops.update_body, lead, BodyFields(name="Ban Tuyên giáo và Dân vận Tỉnh ủy (mới)"))
    assert reads == [1]  # a body changed: read again
    assert "Ban Tuyên giáo và Dân vận Tỉnh ủy (mới)" in _combo_texts(editor.lead)
    assert editor.lead.current_id() == lead and editor.lead.currentText().endswith("(mới)")
    names = [editor.coordinators.list.item(i).text() for i in range(editor.coordinators.list.count())]
    assert "Ban Tuyên giáo và Dân vận Tỉnh ủy (mới)" in names


def test_the_coordinators_follow_a_change_of_their_ticks(qtbot, ctx):
    editor = _editor(qtbot, ctx, TaskEditor, TASK)
    lead = editor.lead.current_id()
    before = editor.coordinators.checked_ids()
    offered = [editor.coordinators.list.item(i).data(ID_ROLE) for i in range(editor.coordinators.list.count())]
    other = next(i for i in offered if i != lead and i not in before)
    ctx.run(task_ops.update_task, TASK, TaskFields(coordinating_body_ids=[*before, other]))
    assert editor.coordinators.checked_ids() == [*before, other]
    ctx.run(task_ops.update_task, TASK, TaskFields(coordinating_body_ids=before))
    assert editor.coordinators.checked_ids() == before


def test_group_suggestions_are_read_when_the_field_is_entered(qtbot, ctx, monkeypatch):
    reads = _counting(monkeypatch, task_editor, "group_titles")
    editor = _editor(qtbot, ctx, TaskEditor, TASK)
    ctx.run(task_ops.update_task, TASK, TaskFields(content="Nội dung sửa"))
    assert reads == []  # not at each load or refresh
    QApplication.sendEvent(editor.group, QFocusEvent(QEvent.Type.FocusIn, Qt.FocusReason.TabFocusReason))
    offered = editor._group_completer.model().stringList()
    assert reads == [1] and offered == records.group_titles(ctx.db, editor.program_id)
    QApplication.sendEvent(editor.group, QFocusEvent(QEvent.Type.FocusIn, Qt.FocusReason.TabFocusReason))
    assert reads == [1]  # entered again with nothing changed: kept
    ctx.run(task_ops.update_task, TASK, TaskFields(group_title="Nhóm mới vừa gõ"))
    QApplication.sendEvent(editor.group, QFocusEvent(QEvent.Type.FocusIn, Qt.FocusReason.TabFocusReason))
    assert "Nhóm mới vừa gõ" in editor._group_completer.model().stringList()


def test_the_programme_editor_reads_documents_once_until_one_changes(qtbot, ctx, monkeypatch):
    reads = _counting(monkeypatch, program_editor, "document_choices")
    editor = _editor(qtbot, ctx, ProgramEditor, PROGRAM)
    assert reads == [1]  # the blank form and the programme: the same list
    ctx.run(task_ops.update_task, TASK, TaskFields(content="Nội dung sửa"))  # not a document
    editor.refresh()
    assert reads == [1]
    ctx.run(document_ops.create_document, "99-NQ/TW", DocumentFields(subject="về một việc mới"))
    assert reads == [1, 1]
    texts = [editor.documents.list.item(i).text() for i in range(editor.documents.list.count())]
    assert any(t.startswith("99-NQ/TW") for t in texts)


# --- what a change did not touch is not read again --------------------------------------------

def test_a_progress_report_reloads_the_log_not_the_task(qtbot, ctx, monkeypatch):
    from desktop_app.gui import progress_panel
    from desktop_app.ops import progress as progress_ops

    editor = _editor(qtbot, ctx, TaskEditor, TASK)
    records_read = []
    real = editor.load_values
    monkeypatch.setattr(editor, "load_values", lambda i: records_read.append(i) or real(i))
    logs_read = _counting(monkeypatch, progress_panel, "progress_log")
    before = editor.progress.timeline.count()
    ctx.run(progress_ops.report_progress, TASK, ctx.as_of,
            ProgressFields(percent=30, note="Đã triển khai"), today=ctx.as_of)
    assert records_read == []  # the task's fields did not change
    assert len(logs_read) >= 1
    shown = [editor.progress.timeline.item(i).text() for i in range(editor.progress.timeline.count())]
    assert any("Đã triển khai" in t for t in shown) and len(shown) >= before


def test_a_task_save_does_not_read_the_progress_log_again(qtbot, ctx, monkeypatch):
    from desktop_app.gui import progress_panel

    editor = _editor(qtbot, ctx, TaskEditor, TASK)
    logs_read = _counting(monkeypatch, progress_panel, "progress_log")
    shown = [editor.progress.timeline.item(i).text() for i in range(editor.progress.timeline.count())]
    ctx.run(task_ops.update_task, TASK, TaskFields(deadline="31/12/2030"))
    assert logs_read == []
    assert [editor.progress.timeline.item(i).text() for i in range(editor.progress.timeline.count())] == shown
    # the status shown follows the new deadline (from the shared task row, no read of the log)
    row = ctx.task_row(TASK)
    from desktop_app.gui.models import status_label

    assert editor.progress.status_chip.text() == status_label(row.status)
