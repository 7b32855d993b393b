"""The programme view and its editors, driven through the real widgets (demo data seen on
01/07/2024). The harness wires view and details panel as the main window does."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QPointF, QSettings, Qt
from PySide6.QtGui import QColor, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QSplitter
from sqlalchemy import select

from desktop_app.core.status import STATUS_COLOURS, TaskStatus
from desktop_app.gui.editors.program_editor import ProgramEditor
from desktop_app.gui.models import ProgramTableModel, ProgramTaskModel
from desktop_app.gui.views import base as view_base
from desktop_app.gui.views.programs_view import ProgramsView
from desktop_app.ops import programs as program_ops
from desktop_app.ops import undo as undo_ops
from desktop_app.ops.tasks import ordered_group_ids
from desktop_app.store.models import Body, Document, JournalEntry, Program, ProgramDocument, Task, TaskCoordinator
from desktop_app.ops.fields import ProgramFields, TaskFields

# The offscreen platform cannot raise windows or grab the keyboard for popups (the
# completer of the body boxes); that is the test platform talking, not the program.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


# --- harness and helpers -----------------------------------------------------------------------

@pytest.fixture
def pv(ctx, qtbot):
    view = ProgramsView(ctx)
    details = view.make_editor()
    window = QSplitter()
    window.addWidget(view)
    window.addWidget(details)
    qtbot.addWidget(window)
    # as the main window does
    view.selection_changed.connect(lambda item_id: details.load(item_id) if item_id is not None else None)
    details.created.connect(view.select_id)
    ctx.changed.connect(view.on_changes)
    view.reload()
    window.resize(1400, 800)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return SimpleNamespace(view=view, details=details, window=window, ctx=ctx, db=ctx.db,
                           pe=details.program_editor, te=details.task_editor)


def program_of(db, symbol: str) -> int:
    with db.read() as s:
        return s.scalar(select(ProgramDocument.program_id).join(Document, Document.id == ProgramDocument.document_id)
                        .where(Document.symbol == symbol))


def body_id(db, code: str) -> int:
    with db.read() as s:
        return s.scalar(select(Body.id).where(Body.code == code))


def task(db, task_id: int) -> Task:
    with db.read() as s:
        return s.get(Task, task_id)


def group_order(db, task_id: int) -> list[int]:
    with db.read() as s:
        t = s.get(Task, task_id)
        return ordered_group_ids(s, t.program_id, t.group_title)


def journal_size(db) -> int:
    with db.read() as s:
        return len(s.scalars(select(JournalEntry.id)).all())


def keys(qtbot, widget, text: str) -> None:
    """Type *text* key by key (QTest's keyClicks only knows ASCII keys)."""
    for ch in text:
        if ch.isascii():
            qtbot.keyClick(widget, ch)
        else:
            QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier)


def type_line(qtbot, line, text: str) -> None:
    """Replace a line's text by typing, then press Enter (which saves the field)."""
    line.setFocus()
    line.selectAll()
    qtbot.keyClick(line, Qt.Key.Key_Backspace)
    keys(qtbot, line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)


def type_text(qtbot, editor, text: str, leave_to) -> None:
    """Replace a multi-line field's text by typing, then leave it (which saves it)."""
    editor.setFocus()
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    if text:
        keys(qtbot, editor, text)
    leave_to.setFocus()
    assert not editor.hasFocus()


def choose(qtbot, combo, data) -> None:
    """Pick an item of a plain combo box with the keyboard (as a user does)."""
    combo.setFocus()
    target = combo.findData(data)
    assert target >= 0
    if target == combo.count() - 1:
        qtbot.keyClick(combo, Qt.Key.Key_End)
    elif target == 0:
        qtbot.keyClick(combo, Qt.Key.Key_Home)
    while combo.currentIndex() != target:
        qtbot.keyClick(combo, Qt.Key.Key_Down if combo.currentIndex() < target else Qt.Key.Key_Up)


def pick_body(qtbot, combo, typed: str) -> None:
    """Type a body's name (no diacritics needed) in a searchable combo and press Enter."""
    type_line(qtbot, combo.lineEdit(), typed)


def heading(editor) -> str:
    return editor.heading.text().replace("\u2011", "-")  # symbols are shown with non-breaking hyphens


def error_of(editor, name: str) -> str:
    f = editor.fields[name]
    return "" if f.error.isHidden() else f.error.text()


def open_program(pv, symbol: str) -> int:
    pid = program_of(pv.db, symbol)
    pv.view.select_id(pid)
    assert pv.view.current_id() == pid
    return pid


def row_of_content(model, start: str) -> int:
    return next(r for r in range(model.rowCount()) if model.row_at(r).content.startswith(start))


def select_task_row(qtbot, pv, row: int) -> int:
    view = pv.view
    rect = view.task_table.visualRect(view.task_model.index(row, view.task_model.column_of("content")))
    qtbot.mouseClick(view.task_table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.current_task_id() == view.task_model.id_at(row)
    return view.task_model.id_at(row)


# --- models ------------------------------------------------------------------------------------

def test_models_pass_the_model_tester(pv, qtmodeltester):
    open_program(pv, "42-NQ/TW")
    assert isinstance(pv.view.model, ProgramTableModel)
    assert isinstance(pv.view.task_model, ProgramTaskModel)
    assert pv.view.model.rowCount() == 4
    assert pv.view.task_model.rowCount() == 12
    qtmodeltester.check(pv.view.model)
    qtmodeltester.check(pv.view.task_model)


def test_task_table_shows_the_appendix_order_groups_and_status_colours(pv):
    open_program(pv, "42-NQ/TW")
    model = pv.view.task_model
    group, stt, status = model.column_of("group"), model.column_of("position"), model.column_of("status")
    assert not pv.view.task_table.isColumnHidden(group)
    assert model.index(0, group).data().startswith("I. Công tác tuyên truyền")
    assert model.index(1, group).data() == ""  # the title shows once, on the group's first row
    assert model.index(1, group).data(Qt.ItemDataRole.ToolTipRole).startswith("I. Công tác tuyên truyền")
    assert model.index(2, group).data().startswith("II. Chính sách đối với người có công")
    assert [model.index(r, stt).data() for r in range(6)] == ["1", "2", "1", "2", "3", "4"]
    overdue = row_of_content(model, "Rà soát, hoàn thiện cơ sở dữ liệu người có công")
    assert model.row_at(overdue).status == TaskStatus.OVERDUE
    brush = model.index(overdue, status).data(Qt.ItemDataRole.BackgroundRole)
    assert brush.color() == QColor(STATUS_COLOURS[TaskStatus.OVERDUE])
    assert model.index(overdue, status).data() == "Quá hạn chưa hoàn thành"
    assert pv.view.legend.findChild(object, f"legend-{TaskStatus.OVERDUE}") is not None
    assert pv.view.counts_text() == "4 chương trình · 12 nhiệm vụ trong chương trình đang chọn"


# --- creating a programme and its tasks --------------------------------------------------------

def test_create_programme_then_three_tasks_through_the_editors(pv, qtbot):
    view, details, pe, te, db = pv.view, pv.details, pv.pe, pv.te, pv.db
    view.table.setFocus()
    view.prepare_new(details)  # Ctrl+N in the programme list: a new programme
    details.load(None)
    details.focus_first()
    assert details.current_editor is pe and pe.title.hasFocus()
    assert heading(pe) == "Thêm chương trình, kế hoạch mới"

    keys(qtbot, pe.title, "thực hiện Nghị quyết số 42-NQ/TW về chính sách xã hội")
    choose(qtbot, pe.kind, "KH")
    keys(qtbot, pe.documents.filter, "42-nq")
    shown = [pe.documents.list.item(r) for r in range(pe.documents.list.count())
             if not pe.documents.list.item(r).isHidden()]
    assert [i.text()[:8] for i in shown] == ["42-NQ/TW"]
    shown[0].setCheckState(Qt.CheckState.Checked)
    pick_body(qtbot, pe.issuing_body, "tinh uy lang son")
    assert pe.issuing_body.current_id() == body_id(db, "TU")
    qtbot.mouseClick(pe.save_button, Qt.MouseButton.LeftButton)

    with db.read() as s:
        program = s.scalars(select(Program).order_by(Program.id.desc())).first()
        docs = list(s.scalars(select(Document.symbol).join(ProgramDocument).where(
            ProgramDocument.program_id == program.id)))
    assert program.title == "thực hiện Nghị quyết số 42-NQ/TW về chính sách xã hội"
    assert (program.kind, program.issuing_body_id, program.status) == ("KH", body_id(db, "TU"), "drafting")
    assert docs == ["42-NQ/TW"]
    assert view.current_id() == program.id  # the new programme is selected…
    assert pe.item_id == program.id  # …and open in the editor
    assert heading(pe) == "Kế hoạch, dự thảo — 42-NQ/TW"
    assert view.task_model.rowCount() == 0

    written = [("Tuyên truyền, phổ biến Nghị quyết", "Công tác tuyên truyền", "quý 1/2024",
                "Quý I/2024 → hạn 31/03/2024", "Quý I/2024", "quarter", date(2024, 3, 31)),
               ("Rà soát chính sách đối với người có công", "Chính sách người có công", "30/6/2024",
                "30/06/2024 → hạn 30/06/2024", "30/06/2024", "date", date(2024, 6, 30)),
               ("Đưa tin về kết quả thực hiện", "Công tác tuyên truyền", "Thường xuyên",
                "Thường xuyên → không có hạn cố định, báo cáo định kỳ", "Thường xuyên", "continuous", None)]
    new_ids = []
    for content, group, deadline, preview, canonical, kind, due in written:
        view.task_table.setFocus()
        view.prepare_new(details)  # Ctrl+N in the task table: a new task of this programme
        details.load(None)
        details.focus_first()
        assert details.current_editor is te and te.program_id == program.id
        assert te.content.hasFocus()
        keys(qtbot, te.content, content)
        te.group.setFocus()
        te.group.selectAll()
        keys(qtbot, te.group, group)
        te.deadline.setFocus()
        keys(qtbot, te.deadline, deadline)
        assert te.preview.text() == preview  # the live preview
        te.assigned.setFocus()
        te.assigned.selectAll()
        keys(qtbot, te.assigned, "02/01/2024")
        pick_body(qtbot, te.lead, "van phong tinh uy")
        qtbot.mouseClick(te.save_button, Qt.MouseButton.LeftButton)
        assert error_of(te, "content") == "" and te.message.isHidden(), te.message.text()
        new_id = view.current_task_id()
        assert new_id is not None and new_id not in new_ids
        new_ids.append(new_id)
        t = task(db, new_id)
        assert (t.content, t.group_title, t.deadline_text, t.deadline_kind, t.due_date, t.assigned_date) == (
            content, group, canonical, kind, due, date(2024, 1, 2))
        assert t.lead_body_id == body_id(db, "VPTU")
        row = view.task_model.row_of(new_id)
        assert view.task_model.index(row, view.task_model.column_of("deadline")).data() == canonical
        assert te.deadline.text() == canonical  # the editor shows the saved, canonical form

    # Document order: the third task joins its group, which comes first.
    model = view.task_model
    assert [model.id_at(r) for r in range(3)] == [new_ids[0], new_ids[2], new_ids[1]]
    assert model.index(0, model.column_of("group")).data() == "I. Công tác tuyên truyền"
    assert model.index(2, model.column_of("group")).data() == "II. Chính sách người có công"
    assert view.model.row_at(view.model.row_of(program.id)).task_count == 3


def test_new_task_goes_into_the_selected_group(pv, qtbot):
    open_program(pv, "42-NQ/TW")
    select_task_row(qtbot, pv, 3)
    pv.view.task_table.setFocus()
    pv.view.prepare_new(pv.details)
    pv.details.load(None)
    assert pv.details.current_editor is pv.te
    assert pv.te.group.text().startswith("Chính sách đối với người có công")
    assert pv.te.heading.text().startswith("Thêm nhiệm vụ — 15-CTr/TU")


# --- editing -----------------------------------------------------------------------------------

def test_edit_task_content_and_lead_body_saved_at_once(pv, qtbot):
    open_program(pv, "42-NQ/TW")
    task_id = select_task_row(qtbot, pv, 0)
    te = pv.te
    assert pv.details.current_editor is te and te.item_id == task_id
    type_text(qtbot, te.content, "Xây dựng kế hoạch học tập Nghị quyết số 42-NQ/TW", leave_to=te.product)
    assert task(pv.db, task_id).content == "Xây dựng kế hoạch học tập Nghị quyết số 42-NQ/TW"
    model = pv.view.task_model
    assert model.index(0, model.column_of("content")).data() == "Xây dựng kế hoạch học tập Nghị quyết số 42-NQ/TW"

    pick_body(qtbot, te.lead, "ban to chuc tinh uy")
    assert task(pv.db, task_id).lead_body_id == body_id(pv.db, "BTCTU")
    assert model.index(model.row_of(task_id), model.column_of("lead_body")).data() == "Ban Tổ chức Tỉnh ủy"
    assert pv.view.current_task_id() == task_id  # the selection survives the reload
    assert error_of(te, "lead_body_id") == ""
    # back to the programme, and a click on the same task opens it again
    qtbot.mouseClick(pv.details.back_button, Qt.MouseButton.LeftButton)
    assert pv.details.current_editor is pv.pe and pv.pe.item_id == pv.view.current_id()
    select_task_row(qtbot, pv, model.row_of(task_id))
    assert pv.details.current_editor is te and te.item_id == task_id


def test_deadline_before_the_assigned_date_is_refused_next_to_the_field(pv, qtbot):
    open_program(pv, "42-NQ/TW")
    task_id = select_task_row(qtbot, pv, 0)
    before = journal_size(pv.db)
    type_line(qtbot, pv.te.deadline, "Tháng 1/2024")
    message = error_of(pv.te, "deadline")
    assert "sớm hơn ngày giao (20/03/2024)" in message
    assert pv.te.deadline.text() == "Tháng 1/2024"  # the typed text is kept
    assert task(pv.db, task_id).deadline_text == "Quý II/2024"
    assert journal_size(pv.db) == before
    # corrected: saved, the message goes
    type_line(qtbot, pv.te.deadline, "quý 3/2024")
    assert error_of(pv.te, "deadline") == ""
    assert task(pv.db, task_id).deadline_text == "Quý III/2024"


def test_empty_content_is_refused(pv, qtbot):
    open_program(pv, "42-NQ/TW")
    task_id = select_task_row(qtbot, pv, 1)
    old = task(pv.db, task_id).content
    type_text(qtbot, pv.te.content, "", leave_to=pv.te.product)
    assert error_of(pv.te, "content") == "Nội dung nhiệm vụ không được để trống."
    assert pv.te.content.toPlainText() == ""
    assert task(pv.db, task_id).content == old
    # a new task without content is refused the same way
    pv.view.task_table.setFocus()
    pv.view.add_task()
    qtbot.mouseClick(pv.te.save_button, Qt.MouseButton.LeftButton)
    assert error_of(pv.te, "content") == "Nội dung nhiệm vụ không được để trống."
    assert pv.te.item_id is None


def test_kt_signing_of_a_committee_programme_is_refused_next_to_the_field(pv, qtbot):
    pid = open_program(pv, "42-NQ/TW")
    pe = pv.pe
    assert pv.details.current_editor is pe and pe.item_id == pid
    pe.tabs.setCurrentIndex(2)
    choose(qtbot, pe.signing_mode, "K/T")
    message = error_of(pe, "signing_mode")
    assert "Tỉnh ủy Lạng Sơn (cấp ủy) ký «T/M»" in message and "không ký «K/T»" in message
    assert pe.signing_mode.currentData() == "K/T"  # the choice stays on screen
    with pv.db.read() as s:
        assert s.get(Program, pid).signing_mode == "T/M"
    # Another field saves on its own; the refused choice stays refused and shown.
    type_line(qtbot, pe.signer_name, "Nguyễn Văn A")
    with pv.db.read() as s:
        p = s.get(Program, pid)
        assert (p.signer_name, p.signing_mode) == ("Nguyễn Văn A", "T/M")
    assert "không ký «K/T»" in error_of(pe, "signing_mode")
    # Issued by an advisory body, K/T is allowed: the waiting choice goes through with it.
    pe.tabs.setCurrentIndex(0)
    pick_body(qtbot, pe.issuing_body, "van phong tinh uy")
    with pv.db.read() as s:
        p = s.get(Program, pid)
        assert (p.issuing_body_id, p.signing_mode) == (body_id(pv.db, "VPTU"), "K/T")
    assert error_of(pe, "signing_mode") == ""


def test_issued_status_without_number_is_refused(pv, qtbot):
    changes = pv.ctx.run(program_ops.create_program, "thực hiện Nghị quyết số 43-NQ/TW",
                         ProgramFields(issuing_body_id=body_id(pv.db, "TU")))
    pid = changes.entity_id
    pv.view.select_id(pid)
    pe = pv.pe
    assert pe.item_id == pid and heading(pe) == "Chương trình hành động, dự thảo"
    choose(qtbot, pe.status, "issued")
    message = error_of(pe, "status")
    assert "Chương trình đã ban hành phải có số văn bản." in message
    assert pe.status.currentData() == "issued"
    with pv.db.read() as s:
        assert s.get(Program, pid).status == "drafting"
    type_line(qtbot, pe.number, "7")
    with pv.db.read() as s:
        assert (s.get(Program, pid).number, s.get(Program, pid).status) == (7, "drafting")
    assert "phải có ngày ban hành" in error_of(pe, "status")
    type_line(qtbot, pe.issue_date, "5/2/2024")
    with pv.db.read() as s:
        p = s.get(Program, pid)
        assert (p.status, p.number, p.issue_date) == ("issued", 7, date(2024, 2, 5))
    assert error_of(pe, "status") == ""
    assert pe.issue_date.text() == "05/02/2024"
    assert heading(pe) == "Chương trình hành động số 07-CTr/TU"
    model = pv.view.model
    assert model.index(model.row_of(pid), 5).data() == "Đã ban hành"


def test_undo_shows_the_old_values_in_the_open_editor(pv, qtbot):
    pid = open_program(pv, "42-NQ/TW")
    pe = pv.pe
    pe.tabs.setCurrentIndex(1)
    type_text(qtbot, pe.sections["purpose_text"], "1. Mục đích mới.", leave_to=pe.sections["objectives_text"])
    with pv.db.read() as s:
        assert s.get(Program, pid).purpose_text == "1. Mục đích mới."
    pv.ctx.run(undo_ops.undo)
    assert pe.sections["purpose_text"].toPlainText().startswith("1. Quán triệt sâu sắc")


# --- reordering --------------------------------------------------------------------------------

def test_reorder_with_alt_up_and_alt_down(pv, qtbot):
    open_program(pv, "42-NQ/TW")
    view = pv.view
    task_id = select_task_row(qtbot, pv, 3)  # the second task of group II
    original = group_order(pv.db, task_id)
    assert original.index(task_id) == 1
    view.task_table.setFocus()
    qtbot.keyClick(view.task_table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert group_order(pv.db, task_id) == [task_id, original[0], *original[2:]]
    assert view.task_model.id_at(2) == task_id and view.current_task_id() == task_id
    assert not view.up_button.isEnabled()  # first of its group
    before = journal_size(pv.db)
    qtbot.keyClick(view.task_table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)  # already first: nothing
    assert journal_size(pv.db) == before
    qtbot.keyClick(view.task_table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(view.task_table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert group_order(pv.db, task_id) == [original[0], original[2], task_id, original[3]]
    qtbot.mouseClick(view.up_button, Qt.MouseButton.LeftButton)
    assert group_order(pv.db, task_id) == original
    assert view.current_task_id() == task_id


def test_reorder_by_drop_within_the_group_and_undo(pv, qtbot):
    open_program(pv, "42-NQ/TW")
    view, model = pv.view, pv.view.task_model
    first_of_group = model.id_at(2)
    original = group_order(pv.db, first_of_group)
    mime = model.mimeData([model.index(2, 0)])
    assert model.canDropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, model.index(4, 0))
    model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, model.index(4, 0))  # onto the third of the group
    expected = [original[1], original[2], original[0], original[3]]
    assert group_order(pv.db, first_of_group) == expected
    assert [model.id_at(r) for r in range(2, 6)] == expected  # the view shows it
    assert model.index(2, model.column_of("position")).data() == "1"

    # A drop on another group's row is refused: nothing changes.
    before = journal_size(pv.db)
    mime = model.mimeData([model.index(3, 0)])
    assert not model.canDropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, model.index(0, 0))
    model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, model.index(0, 0))
    model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, model.index(8, 0))
    model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, view.task_table.rootIndex())  # below the rows
    assert group_order(pv.db, first_of_group) == expected
    assert journal_size(pv.db) == before

    pv.ctx.run(undo_ops.undo)
    assert group_order(pv.db, first_of_group) == original
    assert [model.id_at(r) for r in range(2, 6)] == original


def test_drag_and_drop_in_the_table(pv):
    """The table's own drop handling: a row dropped onto another row of its group takes
    its place; over another group's row the drop is not even offered."""
    open_program(pv, "42-NQ/TW")
    view, model = pv.view, pv.view.task_model
    viewport = view.task_table.viewport()
    original = group_order(pv.db, model.id_at(2))

    def drag_to(row: int) -> tuple[bool, bool]:
        mime = model.mimeData([model.index(2, 0)])
        pos = QPointF(view.task_table.visualRect(model.index(row, model.column_of("content"))).center())
        args = (Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(viewport, QDragEnterEvent(pos.toPoint(), *args))
        move = QDragMoveEvent(pos.toPoint(), *args)
        QApplication.sendEvent(viewport, move)
        drop = QDropEvent(pos, *args)
        QApplication.sendEvent(viewport, drop)
        return move.isAccepted(), drop.isAccepted()

    assert drag_to(0) == (False, False)  # group I
    assert group_order(pv.db, original[0]) == original
    drag_to(4)
    assert group_order(pv.db, original[0]) == [original[1], original[2], original[0], original[3]]


# --- deleting ----------------------------------------------------------------------------------

def test_delete_task_asks_first_and_undo_brings_it_back(pv, qtbot, monkeypatch):
    pid = open_program(pv, "42-NQ/TW")
    view = pv.view
    task_id = select_task_row(qtbot, pv, 1)
    questions, answer = [], [False]
    monkeypatch.setattr(view_base, "confirm", lambda parent, q: questions.append(q) or answer[0])
    view.task_table.setFocus()
    assert view.delete_current() is None
    assert questions and questions[0].startswith("Xóa nhiệm vụ «Chỉ đạo Báo Lạng Sơn")
    assert task(pv.db, task_id) is not None
    with pv.db.read() as s:
        coordinators = len(s.scalars(select(TaskCoordinator).where(TaskCoordinator.task_id == task_id)).all())
    answer[0] = True
    view.task_table.setFocus()
    assert view.delete_current() is not None
    assert task(pv.db, task_id) is None
    assert view.task_model.row_of(task_id) < 0 and view.task_model.rowCount() == 11
    assert view.current_id() == pid

    pv.ctx.run(undo_ops.undo)
    assert task(pv.db, task_id) is not None
    with pv.db.read() as s:
        assert len(s.scalars(select(TaskCoordinator).where(TaskCoordinator.task_id == task_id)).all()) == coordinators
    assert view.task_model.row_of(task_id) == 1


def test_delete_in_the_programme_list_deletes_the_programme(pv, qtbot, monkeypatch):
    pid = open_program(pv, "45-NQ/TW")
    questions = []
    monkeypatch.setattr(view_base, "confirm", lambda parent, q: questions.append(q) or True)
    pv.view.table.setFocus()
    pv.view.delete_current()
    assert "cùng 11 nhiệm vụ" in questions[0]
    with pv.db.read() as s:
        assert s.get(Program, pid) is None
    assert pv.view.model.row_of(pid) < 0 and pv.view.current_id() is None
    assert pv.view.task_model.rowCount() == 0
    pv.ctx.run(undo_ops.undo)
    assert pv.view.model.row_of(pid) >= 0


# --- layout ------------------------------------------------------------------------------------

def test_layout_is_saved_and_restored(pv, tmp_path, ctx, qtbot):
    settings = QSettings(str(tmp_path / "gui.ini"), QSettings.Format.IniFormat)
    pv.view.splitter.setSizes([150, 500])
    pv.view.task_table.setColumnHidden(pv.view.task_model.column_of("product"), True)
    pv.view.save_state(settings)
    other = ProgramsView(ctx)
    qtbot.addWidget(other)
    other.restore_state(settings)
    assert other.task_table.isColumnHidden(other.task_model.column_of("product"))
    assert other.splitter.saveState() == pv.view.splitter.saveState()


def test_editor_fits_the_details_dock(pv):
    pe = pv.pe
    assert isinstance(pe, ProgramEditor)
    assert [pe.tabs.tabText(i) for i in range(pe.tabs.count())] == ["Thông tin chung", "Nội dung", "Ký và nơi nhận"]
    assert pv.details.minimumSizeHint().width() <= 420


def test_section_iv_generated_from_assignments(qtbot, ctx, monkeypatch):
    from sqlalchemy import select as _select

    from desktop_app.gui.editors.program_editor import ProgramEditor
    from desktop_app.gui.views import base as views_base
    from desktop_app.ops import undo as undo_ops
    from desktop_app.store.models import Program as _Program

    editor = ProgramEditor(ctx)
    qtbot.addWidget(editor)
    with ctx.db.read() as s:
        program_id = s.scalar(_select(_Program.id).where(_Program.number == 15))
        before = s.get(_Program, program_id).organisation_text
    editor.load(program_id)
    monkeypatch.setattr(views_base, "confirm", lambda parent, question: True)
    import desktop_app.gui.editors.program_editor as pe
    monkeypatch.setattr(pe, "confirm", lambda parent, question: True)
    editor.generate_button.click()
    with ctx.db.read() as s:
        text = s.get(_Program, program_id).organisation_text
    assert text != before and "Ban Tuyên giáo Tỉnh ủy" in text and "chủ trì" in text
    assert editor.sections["organisation_text"].toPlainText() == text
    ctx.run(undo_ops.undo)
    with ctx.db.read() as s:
        assert s.get(_Program, program_id).organisation_text == before


def test_view_numbers_groups_exactly_as_the_word_appendix_with_ungrouped_tasks(pv):
    """Issue 12: the view showed "I. (không có nhóm)", "II. …" where the appendix printed the
    ungrouped tasks without a heading and numbered the first named group I."""
    from docx.oxml.ns import qn

    from desktop_app.export.program_docx import build_program_document
    from desktop_app.ops import tasks as task_ops

    pid = program_of(pv.db, "42-NQ/TW")
    for content in ("Nhiệm vụ chung thứ nhất", "Nhiệm vụ chung thứ hai"):
        task_ops.create_task(pv.db, pid, content, TaskFields(group_title=""))
    pv.view.reload()
    open_program(pv, "42-NQ/TW")
    model = pv.view.task_model
    group, stt, content = model.column_of("group"), model.column_of("position"), model.column_of("content")
    shown = []
    for r in range(model.rowCount()):
        heading = model.index(r, group).data()
        if heading and heading != "(không có nhóm)":
            shown.append(("heading", heading))
        shown.append((model.index(r, stt).data(), model.row_at(r).content.replace("-", "")))
    assert shown[:2] == [("1", "Nhiệm vụ chung thứ nhất"), ("2", "Nhiệm vụ chung thứ hai")]
    assert shown[2][0] == "heading" and shown[2][1].startswith("I. ")

    document, _warnings = build_program_document(pv.db, pid, "hd36", today=date(2024, 7, 1))
    printed = []
    for row in document.tables[-1].rows[1:]:
        cells = ["".join(t.text or "" for t in tc.iter(qn("w:t"))) for tc in row._tr.findall(qn("w:tc"))]
        if len(cells) == 2:  # a group heading row: numeral, then the title across the row
            printed.append(("heading", f"{cells[0]}. {cells[1]}"))
        else:
            printed.append((cells[0], cells[1].replace("-", "")))  # symbols' hyphens are w:noBreakHyphen
    assert printed == shown
