"""The "Học tập, quán triệt" view driven through its widgets (demo data seen on 01/07/2024):
the demo conference and its figures, the attendance grid filled by keyboard and by paste,
refused saves that mark cells and save nothing, undo, the unsaved-edits question."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from sqlalchemy import func, select

from desktop_app.gui import unsaved
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.study_grid import (
    COL_MEMBERS, COL_NON_MEMBERS, COL_NOTE, COL_POINT, COL_STUDIED, ERROR_COLOUR, AttendanceGridModel, parse_count,
)
from desktop_app.gui.views import study_view as study_module
from desktop_app.gui.views.study_view import StudyView
from desktop_app.ops import study as study_ops
from desktop_app.store.models import Body, StudyAttendance
from desktop_app.ops.fields import BridgePointFields, StudySessionFields

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def sv(ctx, qtbot):
    view = StudyView(ctx)
    qtbot.addWidget(view)
    view.resize(1400, 800)
    view.show()
    view.reload()
    ctx.changed.connect(view.on_changes)  # as the main window does
    return view


def attendance_count(db, session_id=None) -> int:
    with db.read() as s:
        stmt = select(func.count()).select_from(StudyAttendance)
        if session_id is not None:
            stmt = stmt.where(StudyAttendance.session_id == session_id)
        return s.scalar(stmt)


def attendance_dump(db) -> list:
    with db.read() as s:
        return sorted((r.session_id, r.body_id, r.bridge_point_id, r.members, r.non_members, r.newly_studied)
                      for r in s.scalars(select(StudyAttendance)))


def new_session(view, ctx, title="Hội nghị học tập bổ sung", day=date(2024, 3, 1), points=("Hội trường Khối",)):
    """A session of the bloc's scope on the demo resolutions, with bridge points."""
    scope = view.figures.scope_id
    changes = ctx.run(study_ops.create_session, title, day,
                      StudySessionFields(document_ids=[view.figures.document_id], level="bloc", organiser_id=scope))
    sid = changes.entity_id
    for name in points:
        ctx.run(study_ops.add_bridge_point, sid, name, BridgePointFields(host_id=scope, level="bloc"))
    view.select_id(sid)
    assert view.session_id == sid
    return sid


def behind_rows(view, n: int) -> list[int]:
    """Grid rows of *n* organisations with room for more studied members (≥ 20 left)."""
    room = {line.body_id for line in view.figures.organisations if line.remaining >= 20}
    rows = [i for i, r in enumerate(view.grid.rows) if r.body_id in room]
    assert len(rows) >= n
    return rows[:n]


def type_cell(table, row, col, text, then=Qt.Key.Key_Return):
    table.move_to(row, col)
    table.setFocus()
    QTest.keyClicks(table, text)
    if then is not None:
        QTest.keyClick(table, then)


# --- what the view shows -------------------------------------------------------------------------

def test_parse_count():
    assert parse_count("") == (0, None)
    assert parse_count(" 1.234 ") == (1234, None)
    assert parse_count("12") == (12, None)
    assert parse_count("abc")[0] is None and "không phải số" in parse_count("abc")[1]
    assert parse_count("-3")[0] == -3 and "âm" in parse_count("-3")[1]
    assert parse_count("1.23")[0] is None


def test_shows_demo_conference_and_figures(sv, qtmodeltester):
    assert sv.resolution.currentText().startswith("4")
    assert sv.sessions_model.rowCount() == 2
    first = sv.sessions_model.row_at(0)
    assert first.held_on == date(2023, 12, 4)
    assert sv.sessions.model().index(0, 0).data() == "04/12/2023"
    f = sv.figures
    assert f.bridge_points == 64 and f.attendees_total == 3113
    assert f.members_studied == 3656 and f.members_total == 4336
    text = sv.figures_label.text()
    assert "64" in text and "3.113" in text and "3.656/4.336" in text and "84%" in text
    assert sv.behind_model.rowCount() == 50
    # as of the end of 2023 the make-up session does not count yet
    sv.as_of.setDate(sv.as_of.date().__class__(2023, 12, 31))
    assert sv.figures.members_studied == 3252 and "3.252/4.336" in sv.figures_label.text()
    # the grid of the conference: every organisation, the leaders' second rows kept
    grid = sv.grid
    assert sv.session_id == first.id
    assert len(grid.rows) == len(study_ops.grid_rows(sv.ctx.db, first.id)) + 0 or len(grid.rows) >= 70
    assert sum(r.number("members") for r in grid.rows) == sum(
        r["members"] for r in study_ops.grid_rows(sv.ctx.db, first.id))
    assert not grid.is_dirty()
    total = grid.rowCount() - 1
    assert grid.index(total, COL_MEMBERS).data() == f"{sum(r.number('members') for r in grid.rows):,}".replace(",", ".")
    qtmodeltester.check(grid)
    qtmodeltester.check(sv.sessions_model)
    qtmodeltester.check(sv.behind_model)


# --- filling the grid -----------------------------------------------------------------------------

def test_fill_by_keyboard_and_save(sv, ctx):
    sid = new_session(sv, ctx)
    grid, table = sv.grid, sv.table
    assert len(grid.rows) == 70 and all(r.blank for r in grid.rows)
    before = sv.figures.attendees_total
    a, b, c = behind_rows(sv, 3)
    # row a: members 12 (Tab) non-members 3 (Tab) newly 10 (Enter → next row, same column)
    type_cell(table, a, COL_MEMBERS, "12", Qt.Key.Key_Tab)
    assert table.currentIndex().column() == COL_NON_MEMBERS
    QTest.keyClicks(table, "3")
    QTest.keyClick(table, Qt.Key.Key_Tab)
    QTest.keyClicks(table, "10")
    QTest.keyClick(table, Qt.Key.Key_Return)
    assert (table.currentIndex().row(), table.currentIndex().column()) == (a + 1, COL_STUDIED)
    type_cell(table, b, COL_MEMBERS, "8")
    assert (table.currentIndex().row(), table.currentIndex().column()) == (b + 1, COL_MEMBERS)
    type_cell(table, c, COL_MEMBERS, "1.234")  # thousands separator accepted
    assert grid.rows[c].number("members") == 1234 and grid.index(c, COL_MEMBERS).data() == "1.234"
    table.move_to(c, COL_MEMBERS)
    QTest.keyClick(table, Qt.Key.Key_Delete)  # clears the cell (does not delete the session)
    assert grid.rows[c].blank and sv.sessions_model.row_of(sid) >= 0
    type_cell(table, b, COL_STUDIED, "8")
    r0, r1 = grid.rows[a], grid.rows[b]
    assert (r0.number("members"), r0.number("non_members"), r0.number("newly_studied")) == (12, 3, 10)
    assert (r1.number("members"), r1.number("newly_studied")) == (8, 8)
    assert grid.is_dirty() and sv.save_button.isEnabled()
    assert grid.index(a, COL_MEMBERS).data(Qt.ItemDataRole.BackgroundRole) is not None  # dirty tint
    assert grid.index(len(grid.rows), COL_MEMBERS).data() == "20"
    # the bloc's point is hosted by no organisation, so no row has it preselected
    grid.setData(grid.index(a, COL_POINT), grid.points[0][0])
    type_cell(table, a, COL_NOTE, "bao cao so 12", then=None)  # still being edited when saving
    QTest.keyClick(sv, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not grid.is_dirty(), sv.problems.count() and sv.problems.item(0).text()
    saved = study_ops.grid_rows(ctx.db, sid)
    assert [r["note"] for r in saved if r["body_id"] == r0.body_id] == ["bao cao so 12"]
    assert [(r["body_id"], r["members"], r["non_members"], r["newly_studied"]) for r in saved] == sorted(
        [(r0.body_id, 12, 3, 10), (r1.body_id, 8, 0, 8)],
        key=lambda t: [x["body_id"] for x in saved].index(t[0]))
    assert sv.sessions_model.get(sid).attendees_total == 23
    assert sv.figures.attendees_total == before + 15  # only the point hosted by the bloc counts
    assert sv.grid.rows[a].number("members") == 12 and sv.grid.rows[a].saved  # reloaded from the database


def test_paste_block_from_excel(sv, ctx):
    sid = new_session(sv, ctx)
    table, grid = sv.table, sv.grid
    room = {line.body_id for line in sv.figures.organisations if line.remaining >= 20}
    a = next(i for i in range(len(grid.rows) - 1) if {grid.rows[i].body_id, grid.rows[i + 1].body_id} <= room)
    QApplication.clipboard().setText("12\t3\t10\n8\t0\t8\n1.005\t\t\n")
    table.move_to(a, COL_MEMBERS)
    table.setFocus()
    QTest.keyClick(table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert [(grid.rows[i].number("members"), grid.rows[i].number("non_members"),
             grid.rows[i].number("newly_studied")) for i in range(a, a + 3)] == [(12, 3, 10), (8, 0, 8), (1005, 0, 0)]
    assert grid.index(a + 2, COL_MEMBERS).data() == "1.005"
    assert "3 dòng" in table.paste_message
    # copy gives the block back (the pasted block is selected)
    QTest.keyClick(table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == "12\t3\t10\n8\t0\t8\n1.005\t\t\n"
    grid.set_cell_text(a + 2, COL_MEMBERS, "")
    assert sv.save_grid(), [sv.problems.item(i).text() for i in range(sv.problems.count())]
    assert attendance_count(ctx.db, sid) == 2


def test_paste_past_the_last_row_is_reported(sv, ctx):
    new_session(sv, ctx)
    table, grid = sv.table, sv.grid
    table.move_to(len(grid.rows) - 1, COL_MEMBERS)
    rows, _cells = table.paste("1\n2\n3\n")
    assert rows == 1 and "2 dòng thừa" in table.paste_message


# --- refusals -----------------------------------------------------------------------------------

def test_bad_text_is_flagged_at_once_and_not_saved(sv, ctx):
    sid = new_session(sv, ctx)
    before = attendance_dump(ctx.db)
    type_cell(sv.table, 0, COL_MEMBERS, "abc")
    index = sv.grid.index(0, COL_MEMBERS)
    assert index.data(Qt.ItemDataRole.BackgroundRole).color() == ERROR_COLOUR
    assert "không phải số" in index.data(Qt.ItemDataRole.ToolTipRole)
    type_cell(sv.table, 1, COL_MEMBERS, "5")
    assert not sv.save_grid()
    assert sv.problems.isVisible() and sv.problems.count() == 1
    assert sv.problems.item(0).text().startswith("Dòng 1 – ")
    assert attendance_dump(ctx.db) == before and attendance_count(ctx.db, sid) == 0
    assert sv.grid.rows[0].counts["members"] == "abc"  # kept as typed


def test_refused_save_marks_every_problem_and_saves_nothing(sv, ctx):
    sid = new_session(sv, ctx)
    grid = sv.grid
    before = attendance_dump(ctx.db)
    a, b, c = behind_rows(sv, 3)
    # row a: more newly studied than attending; row b: a negative; row c: fine
    grid.set_cell_text(a, COL_MEMBERS, "5")
    grid.set_cell_text(a, COL_STUDIED, "9")
    grid.set_cell_text(b, COL_NON_MEMBERS, "-2")
    assert grid.index(b, COL_NON_MEMBERS).data(Qt.ItemDataRole.BackgroundRole).color() == ERROR_COLOUR
    grid.set_cell_text(c, COL_MEMBERS, "4")
    assert not sv.save_grid()
    assert attendance_dump(ctx.db) == before and attendance_count(ctx.db, sid) == 0
    messages = [sv.problems.item(i).text() for i in range(sv.problems.count())]
    assert len(messages) == 2, messages
    assert f"Dòng {a + 1} – {grid.rows[a].body_name}" in messages[0] and "nhiều hơn số đảng viên dự" in messages[0]
    assert f"Dòng {b + 1} – " in messages[1] and "từ 0 trở lên" in messages[1]
    studied = grid.index(a, COL_STUDIED)
    assert studied.data(Qt.ItemDataRole.BackgroundRole).color() == ERROR_COLOUR
    assert "nhiều hơn" in studied.data(Qt.ItemDataRole.ToolTipRole)
    assert grid.index(c, COL_MEMBERS).data(Qt.ItemDataRole.BackgroundRole).color() != ERROR_COLOUR
    assert grid.rows[a].number("newly_studied") == 9  # what was typed is kept
    # fix those two; now the running total: an organisation whose members all studied already
    grid.set_cell_text(a, COL_STUDIED, "5")
    grid.set_cell_text(b, COL_NON_MEMBERS, "2")
    full = next(line for line in sv.figures.organisations if line.remaining == 0 and line.members > 0)
    row = next(i for i, r in enumerate(grid.rows) if r.body_id == full.body_id)
    grid.set_cell_text(row, COL_MEMBERS, "1")
    grid.set_cell_text(row, COL_STUDIED, "1")
    assert not sv.save_grid()
    messages = [sv.problems.item(i).text() for i in range(sv.problems.count())]
    assert len(messages) == 1 and f"Dòng {row + 1} – {full.name}" in messages[0] and "tổng số" in messages[0]
    assert grid.index(row, COL_STUDIED).data(Qt.ItemDataRole.BackgroundRole).color() == ERROR_COLOUR
    assert attendance_dump(ctx.db) == before
    # clicking the problem goes to the cell
    sv.problems.itemClicked.emit(sv.problems.item(0))
    assert (sv.table.currentIndex().row(), sv.table.currentIndex().column()) == (row, COL_STUDIED)
    grid.set_cell_text(row, COL_STUDIED, "0")
    assert sv.save_grid() and not sv.problems.isVisible()
    assert attendance_count(ctx.db, sid) == 4


def test_organisation_outside_the_conference_is_refused(sv, ctx):
    sid = new_session(sv, ctx)
    with ctx.db.read() as s:
        outside = s.scalar(select(Body).where(Body.kind != "party_organisation"))
        outside_id, outside_name = outside.id, outside.name
    at = sv.grid.add_row(outside_id, outside_name)
    sv.grid.set_cell_text(at, COL_MEMBERS, "3")
    sv.grid.set_cell_text(0, COL_MEMBERS, "3")
    assert not sv.save_grid()
    assert attendance_count(ctx.db, sid) == 0
    messages = [sv.problems.item(i).text() for i in range(sv.problems.count())]
    assert len(messages) == 1 and "không thuộc" in messages[0] and outside_name in messages[0]
    assert sv.grid.index(at, 0).data(Qt.ItemDataRole.BackgroundRole).color() == ERROR_COLOUR


def test_second_row_for_an_organisation(sv, ctx):
    sid = new_session(sv, ctx, points=("Hội trường Khối", "Hội trường Tỉnh ủy"))
    grid = sv.grid
    a = behind_rows(sv, 1)[0]
    grid.setData(grid.index(a, COL_POINT), grid.points[0][0])
    sv.table.move_to(a, COL_MEMBERS)
    sv.duplicate_current_row()
    assert len(grid.rows) == 71 and grid.rows[a + 1].body_id == grid.rows[a].body_id
    assert grid.rows[a + 1].point_id == grid.points[1][0]  # the point the organisation has no row at yet
    grid.set_cell_text(a, COL_MEMBERS, "10")
    grid.set_cell_text(a + 1, COL_MEMBERS, "1")
    assert sv.save_grid()
    assert attendance_count(ctx.db, sid) == 2
    assert len(sv.grid.rows) == 71  # both rows come back after the reload


# --- undo and unsaved edits --------------------------------------------------------------------------

def test_undo_of_a_grid_save_refreshes_the_grid(ctx, qtbot, tmp_path):
    window = MainWindow(ctx, QSettings(str(tmp_path / "gui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    view = next(v for v in window.views if isinstance(v, StudyView))
    window.nav.setCurrentRow(window.views.index(view))
    assert window.nav.item(window.views.index(view)).text() == "Học tập, quán triệt"
    sid = view.session_id
    first = view.grid.rows[0].number("members")
    view.grid.set_cell_text(0, COL_MEMBERS, str(first + 1))
    assert view.save_grid()
    assert view.grid.rows[0].number("members") == first + 1
    assert window.act_undo.text().startswith("Hoàn tác")
    window.undo()
    assert view.grid.rows[0].number("members") == first and not view.grid.is_dirty()
    assert next(r for r in study_ops.grid_rows(ctx.db, sid) if r["body_id"] == view.grid.rows[0].body_id)
    window.redo()
    assert view.grid.rows[0].number("members") == first + 1


def test_unsaved_edits_warning(sv, ctx, monkeypatch):
    first, second = sv.sessions_model.id_at(0), sv.sessions_model.id_at(1)
    sv.grid.set_cell_text(0, COL_NON_MEMBERS, "7")
    answers = [unsaved.CANCEL]
    asked = []

    def question(parent, text):
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(unsaved, "ask", question)
    sv.select_id(second)
    assert asked and "chưa lưu" in asked[0]
    assert sv.session_id == first and sv.grid.rows[0].counts["non_members"] == "7"  # cancelled: stays
    other = next(sv.resolution.itemData(i, Qt.ItemDataRole.UserRole + 11) for i in range(sv.resolution.count())
                 if sv.resolution.itemData(i, Qt.ItemDataRole.UserRole + 11) != sv.resolution.current_id())
    kept = sv.resolution.current_id()
    answers.append(unsaved.CANCEL)
    sv.resolution.set_current_id(other)
    sv.resolution.idChanged.emit(other)
    assert sv.resolution.current_id() == kept and sv.session_id == first  # cancelled: same resolution
    answers.append(unsaved.DISCARD)
    sv.select_id(second)
    assert sv.session_id == second and not sv.grid.is_dirty()
    before = attendance_dump(ctx.db)
    assert attendance_dump(ctx.db) == before
    # Save from the question saves
    sv.grid.set_cell_text(0, COL_NOTE, "ghi chú")
    answers.append(unsaved.SAVE)
    sv.select_id(first)
    assert sv.session_id == first
    assert any(r["note"] == "ghi chú" for r in study_ops.grid_rows(ctx.db, second))


def test_window_close_asks_about_unsaved_edits(ctx, qtbot, tmp_path, monkeypatch):
    window = MainWindow(ctx, QSettings(str(tmp_path / "gui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    view = next(v for v in window.views if isinstance(v, StudyView))
    window.nav.setCurrentRow(window.views.index(view))
    view.grid.set_cell_text(0, COL_NON_MEMBERS, "7")
    monkeypatch.setattr(unsaved, "ask", lambda parent, text: unsaved.CANCEL)
    assert not window.close()
    assert view.grid.rows[0].counts["non_members"] == "7"  # cancelled: the typed number stays
    monkeypatch.setattr(unsaved, "ask", lambda parent, text: unsaved.DISCARD)
    assert window.close()


def test_revert_grid_asks_before_discarding(sv, ctx, monkeypatch):
    sv.grid.set_cell_text(0, COL_NON_MEMBERS, "7")
    asked = []
    monkeypatch.setattr(unsaved, "ask", lambda parent, text: asked.append(text) or unsaved.CANCEL)
    sv.revert_button.click()
    assert len(asked) == 1 and sv.grid.is_dirty() and sv.grid.rows[0].counts["non_members"] == "7"
    monkeypatch.setattr(unsaved, "ask", lambda parent, text: asked.append(text) or unsaved.DISCARD)
    sv.revert_button.click()
    assert len(asked) == 2 and not sv.grid.is_dirty() and sv.grid.rows[0].counts["non_members"] != "7"
    sv.revert_button.click()  # nothing typed: reloads without asking
    assert len(asked) == 2
    sv.grid.set_cell_text(0, COL_NOTE, "ghi chú lưu")
    monkeypatch.setattr(unsaved, "ask", lambda parent, text: unsaved.SAVE)
    sv.revert_button.click()
    assert not sv.grid.is_dirty()
    assert any(r["note"] == "ghi chú lưu" for r in study_ops.grid_rows(ctx.db, sv.session_id))




# --- sessions, points, member counts, export ------------------------------------------------------------

def test_session_dialog_add_edit_delete_undo(sv, ctx, monkeypatch):
    from desktop_app.gui.study_dialogs import SessionDialog

    dialog = SessionDialog(ctx, None, sv, document_ids=[sv.figures.document_id], scope_id=sv.figures.scope_id)
    assert not dialog.save() and dialog.error.text()  # no title
    dialog.title_edit.setText("Hội nghị cấp Khối")
    assert dialog.save() and dialog.session_id
    sid = dialog.session_id
    assert sv.sessions_model.row_of(sid) >= 0
    session = sv.sessions_model.get(sid)
    assert session.scope_id == sv.figures.scope_id and session.document_ids == (sv.figures.document_id,)
    sv.select_id(sid)
    edit = SessionDialog(ctx, sv.current_session(), sv)
    edit.level.setCurrentIndex(edit.level.findData("makeup"))
    assert edit.save()
    assert sv.sessions_model.get(sid).level == "makeup"
    monkeypatch.setattr(study_module, "confirm", lambda *_a: True)
    sv.delete_current()
    assert sv.sessions_model.row_of(sid) < 0
    from desktop_app.ops import undo as undo_ops

    ctx.run(undo_ops.undo)
    assert sv.sessions_model.row_of(sid) >= 0


def test_bridge_points_dialog(sv, ctx, monkeypatch):
    from desktop_app.gui import study_dialogs
    from desktop_app.gui.study_dialogs import BridgePointsDialog

    sid = new_session(sv, ctx, points=())
    dialog = BridgePointsDialog(ctx, sid, sv)
    dialog.name.setText("Hội trường A")
    assert dialog.add_point() and dialog.list.count() == 1
    dialog.name.setText("Hội trường B")
    assert dialog.save_point()
    assert [p for _i, p in sv.grid.points] == ["Hội trường B"]  # the grid's combo follows
    monkeypatch.setattr(study_dialogs, "confirm", lambda *_a: True)
    assert dialog.delete_point() and dialog.list.count() == 0


def test_member_count_dialog(sv, ctx):
    line = sv.figures.behind[0]
    sv.behind.selectRow(0)
    from desktop_app.gui.study_dialogs import MemberCountDialog

    dialog = MemberCountDialog(ctx, line.body_id, line.name, date(2024, 7, 1), line.members, sv)
    dialog.members.setValue(line.studied)
    assert dialog.save()
    assert all(b.body_id != line.body_id for b in sv.figures.behind)  # now 100%
    dialog = MemberCountDialog(ctx, line.body_id, line.name, date(2023, 12, 1), line.studied, sv)
    dialog.members.setValue(0)  # fewer than studied at the sessions after that day
    assert not dialog.save() and "nhiều hơn số đảng viên" in dialog.error.text()


def test_grid_model_alone(qtmodeltester):
    model = AttendanceGridModel()
    model.load([(1, "Chi bộ A"), (2, "Chi bộ B")], [], [(5, "Điểm cầu X")])
    qtmodeltester.check(model)
    assert model.rowCount() == 3 and model.index(2, 0).data().startswith("Cộng")
    assert model.set_cell_text(0, COL_POINT, "diem cau x") and model.rows[0].point_id == 5
    assert not model.set_cell_text(1, COL_POINT, "Không có")
    assert model.index(1, COL_POINT).data(Qt.ItemDataRole.BackgroundRole).color() == ERROR_COLOUR


def test_details_dock_gives_way_to_the_study_view(ctx, qtbot, tmp_path):
    window = MainWindow(ctx, QSettings(str(tmp_path / "gui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    window.nav.setCurrentRow(1)  # (the dashboard, row 0, has no details either)
    assert window.details.isVisible()
    study = next(i for i, v in enumerate(window.views) if isinstance(v, StudyView))
    window.nav.setCurrentRow(study)
    assert not window.details.isVisible()
    window.nav.setCurrentRow(1)
    assert window.details.isVisible()
    window.nav.setCurrentRow(study)
    window.save_layout()
    assert window.details.isVisible()  # saved as the user left it


def test_export_calls_the_study_report(sv, monkeypatch, tmp_path):
    """With the report module present, "Xuất báo cáo Word…" calls it with the view's
    resolution, day and scope (a stand-in module here: the real one is written elsewhere)."""
    import sys
    import types

    from desktop_app.gui import export_dialog

    calls = []

    def export_study_report(db, resolution, as_of, path, *, scope_body_id=None, profile="hd36", today=None):
        calls.append((resolution, as_of, path, scope_body_id, profile))
        path.write_bytes(b"docx")
        return types.SimpleNamespace(path=path, warnings=[])

    fake = types.ModuleType("desktop_app.export.study_docx")
    fake.export_study_report = export_study_report
    monkeypatch.setitem(sys.modules, "desktop_app.export.study_docx", fake)
    monkeypatch.setattr(export_dialog.ExportDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(export_dialog.ExportDialog, "target", lambda self: tmp_path / "bc.docx")
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    assert sv.export_report() == tmp_path / "bc.docx"
    assert calls == [(sv.figures.document_id, date(2024, 7, 1), tmp_path / "bc.docx", sv.figures.scope_id, "hd36")]
    assert "bc.docx" in sv.last_export_box.text()


def test_screenshot_includes_the_study_view(tmp_path, monkeypatch):
    from desktop_app.export import pdf as pdf_export
    from desktop_app.gui.app import render_screenshots

    monkeypatch.setattr(pdf_export, "unavailable_reason", lambda: "(no print preview: LibreOffice takes seconds)")
    files = render_screenshots(tmp_path)
    assert any(f.name.endswith("-study.png") and f.stat().st_size > 10_000 for f in files)
    QApplication.processEvents()


def test_export_writes_the_real_study_report(sv, monkeypatch, tmp_path):
    from docx import Document as DocxDocument

    from desktop_app.gui import export_dialog

    monkeypatch.setattr(export_dialog.ExportDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(export_dialog.ExportDialog, "target", lambda self: tmp_path / "bao-cao.docx")
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    path = sv.export_report()
    assert path == tmp_path / "bao-cao.docx" and path.is_file()
    text = "\n".join(p.text for p in DocxDocument(str(path)).paragraphs)
    assert "3.656" in text  # members studied as of 01/07/2024, as the figures panel shows
