"""Two programs on one database (two main windows in one process, each with its own
connection and user): B's edit appears in A within seconds; A's save from a stale screen
is refused with the conflict dialog, and whichever answer A gives, nothing is lost."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QSettings
from sqlalchemy import select

from desktop_app.gui import i18n
from desktop_app.gui.context import AppContext
from desktop_app.gui.editors.base import ConflictDialog
from desktop_app.gui.main_window import MainWindow
from desktop_app.ops.programs import create_program
from desktop_app.ops.tasks import create_task, update_task
from desktop_app.ops.fields import ProgramFields, TaskFields
from desktop_app.store.db import open_database
from desktop_app.store.models import JournalChange, JournalEntry, Task
from pg_roles import login_url, setup_roles


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def two_users(request, tmp_path):
    """(database of A, database of B, task id): one database, two connections and users."""
    if request.param == "sqlite":
        url = "sqlite:///" + str(tmp_path / "shared.sqlite3")
        a, b = open_database(url, create=True), open_database(url)
        a.user_name, b.user_name = "an", "binh"
    else:
        url = request.getfixturevalue("pg_db").url
        setup_roles(url, {"an": "nqdesk_staff", "binh": "nqdesk_staff"})
        a, b = open_database(login_url(url, "an")), open_database(login_url(url, "binh"))
    program_id = create_program(a, "Chương trình thực hiện Nghị quyết", ProgramFields(kind="CTr")).entity_id
    task_id = create_task(a, program_id, "Tuyên truyền Nghị quyết", TaskFields(note="ban đầu", assigned_date="01/12/2025")).entity_id
    yield a, b, task_id
    a.close()
    b.close()


def _window(qtbot, db, tmp_path, name):
    i18n.set_language("vi")
    ctx = AppContext(db)
    w = MainWindow(ctx, QSettings(str(tmp_path / f"{name}.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    ctx.live_refresh.timer.setInterval(200)  # the program asks every 2 s; the test need not wait that long
    return w


def _task_editor(window, task_id):
    window.open_task(task_id)
    editor = window.current_editor
    assert editor.item_id == task_id
    return editor


def _save_note(editor, text):
    editor.note.setPlainText(text)
    editor.note.editingFinished.emit()


def _note(db, task_id):
    with db.read() as s:
        return s.scalar(select(Task.note).where(Task.id == task_id))


@pytest.fixture
def answer(monkeypatch):
    """Answer the conflict dialog as the test says; remember what it showed."""
    shown = []
    choice = {"value": ConflictDialog.KEEP_MINE}

    def fake_exec(dialog):
        shown.append((dialog.text(), dialog.informativeText(),
                      [b.text() for b in (dialog.keep_button, dialog.take_button, dialog.later_button)]))
        dialog.answer = choice["value"]
        return 0

    monkeypatch.setattr(ConflictDialog, "exec", fake_exec)
    return choice, shown


def test_an_edit_by_b_appears_in_a_and_a_stale_save_is_refused(qtbot, tmp_path, two_users, answer):
    db_a, db_b, task_id = two_users
    choice, shown = answer
    win_a, win_b = _window(qtbot, db_a, tmp_path, "a"), _window(qtbot, db_b, tmp_path, "b")
    ed_a, ed_b = _task_editor(win_a, task_id), _task_editor(win_b, task_id)
    assert ed_a.note.toPlainText() == "ban đầu"

    # B's edit appears in A within seconds, and A's status bar says who made it.
    _save_note(ed_b, "bình sửa")
    qtbot.waitUntil(lambda: ed_a.note.toPlainText() == "bình sửa", timeout=5000)
    assert win_a.statusBar().currentMessage() == f"Dữ liệu vừa được {db_b.user_name} cập nhật"
    # a change made elsewhere (here: B's command line) reaches A's task list too
    update_task(db_b, task_id, TaskFields(content="Tuyên truyền, quán triệt Nghị quyết"))
    qtbot.waitUntil(lambda: win_a.tasks_view().model.get(task_id).content == "Tuyên truyền, quán triệt Nghị quyết",
                    timeout=5000)

    # A is typing when B saves again: A's text is left alone by the refresh…
    ed_a.note.setPlainText("an đang gõ")
    _save_note(ed_b, "bình sửa lần hai")
    before = win_a.statusBar().currentMessage()
    qtbot.waitUntil(lambda: ed_a.note.toPlainText() == "an đang gõ" and _live_saw(win_a, before), timeout=5000)
    assert ed_a.note.toPlainText() == "an đang gõ"

    # …and A's save is refused with the dialog naming B, the time and B's value; A keeps theirs.
    choice["value"] = ConflictDialog.KEEP_MINE
    ed_a.note.editingFinished.emit()
    (text, informative, buttons), = shown
    assert text.startswith(f"«Ghi chú» vừa được {db_b.user_name} sửa lúc ")
    assert text.endswith("thành «bình sửa lần hai». Giá trị bạn sửa chưa được lưu.")
    assert informative == "Giá trị bạn vừa nhập: «an đang gõ»"
    assert buttons == ["Giữ giá trị của tôi", "Lấy giá trị mới", "Để sau"]
    assert _note(db_a, task_id) == "an đang gõ"
    # nothing lost: the journal holds both, each replacing what was really there
    assert _note_chain(db_a, task_id) == [
        ("ban đầu", "bình sửa", db_b.user_name), ("bình sửa", "bình sửa lần hai", db_b.user_name),
        ("bình sửa lần hai", "an đang gõ", db_a.user_name)]

    # B now has the stale screen; B takes the new value
    qtbot.waitUntil(lambda: ed_b.note.toPlainText() == "an đang gõ", timeout=5000)
    ed_b.note.setPlainText("bình gõ dở")
    _save_note(ed_a, "an sửa tiếp")
    choice["value"] = ConflictDialog.TAKE_THEIRS
    ed_b.note.editingFinished.emit()
    assert ed_b.note.toPlainText() == "an sửa tiếp"
    assert _note(db_b, task_id) == "an sửa tiếp"

    # B closes the dialog without choosing: the typed text stays, with the message
    ed_b.note.setPlainText("bình gõ lại")
    _save_note(ed_a, "an sửa lần ba")
    choice["value"] = None
    ed_b.note.editingFinished.emit()
    assert ed_b.note.toPlainText() == "bình gõ lại"
    assert ed_b.fields["note"].error.text().startswith(f"«Ghi chú» vừa được {db_a.user_name} sửa lúc ")
    assert _note(db_b, task_id) == "an sửa lần ba"


def _live_saw(window, previous_message) -> bool:
    return window.statusBar().currentMessage().startswith("Dữ liệu vừa được") and (
        window.ctx.live_refresh._seen_max == _last_id(window.ctx.db))


def _last_id(db):
    with db.read() as s:
        return s.scalar(select(JournalEntry.id).order_by(JournalEntry.id.desc()).limit(1))


def _note_chain(db, task_id):
    with db.read() as s:
        rows = s.execute(
            select(JournalChange.before, JournalChange.after, JournalEntry.user_name)
            .join(JournalEntry, JournalEntry.id == JournalChange.journal_id)
            .where(JournalChange.entity == "tasks", JournalChange.entity_id == task_id,
                   JournalChange.action == "update")
            .order_by(JournalEntry.id)
        ).all()
    return [(json.loads(b)["note"], json.loads(a)["note"], who) for b, a, who in rows if "note" in json.loads(a)]


def test_own_changes_are_not_announced_twice(qtbot, tmp_path, two_users):
    db_a, _db_b, task_id = two_users
    win_a = _window(qtbot, db_a, tmp_path, "a")
    ed_a = _task_editor(win_a, task_id)
    _save_note(ed_a, "an sửa")
    assert win_a.ctx.live_refresh.poll() is None
