"""The import preview dialog for Word and Excel files, and the import action reaching it."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox
from sqlalchemy import func, select

from desktop_app.gui import table_import
from desktop_app.gui.table_import import PROBLEM_BRUSH, PlanModel, TableImportDialog
from desktop_app.importers.body_names import KnownBody
from desktop_app.importers.table_import import plan_from_text
from desktop_app.store.models import Body, Task

BODIES = [KnownBody(1, "Công an tỉnh", "", None), KnownBody(2, "Công an tỉnh Lạng Sơn", "", None),
          KnownBody(3, "Sở Giáo dục và Đào tạo", "", None)]
ROWS = ("STT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời hạn\n"
        "1\tViệc một\tCông an tỉnh\tSở Giáo dục và Đào tạoo\tQuý I/2025\n"
        "2\tViệc hai\tSở Ngoại vụ\t\thàng tháng\n")


def _plan():
    return plan_from_text(ROWS, BODIES, as_of=date(2025, 1, 1))


def test_model_marks_problem_cells(qtmodeltester, qapp):
    plan = _plan()
    model = PlanModel(plan)
    qtmodeltester.check(model)
    deadline = PlanModel.FIELDS.index("deadline")
    lead = PlanModel.FIELDS.index("lead")
    assert model.data(model.index(1, deadline), Qt.ItemDataRole.BackgroundRole) == PROBLEM_BRUSH
    assert "hàng tháng" in model.data(model.index(1, deadline), Qt.ItemDataRole.ToolTipRole)
    assert model.data(model.index(0, lead), Qt.ItemDataRole.BackgroundRole) == PROBLEM_BRUSH  # ambiguous
    assert model.data(model.index(0, deadline), Qt.ItemDataRole.BackgroundRole) is None
    assert model.data(model.index(0, deadline)) == "Quý I/2025 → hạn 31/03/2025"


def test_choosing_bodies_enables_the_import(qtbot):
    plan = _plan()
    plan.tasks[1].problems.clear()  # the deadline problem is for the user to fix in the file
    dialog = TableImportDialog(plan)
    qtbot.addWidget(dialog)
    assert not dialog.import_button.isEnabled()
    assert set(dialog.combos) == {k for k, b in plan.bodies.items() if b.how in ("ambiguous", "fuzzy", "unknown")}
    police = next(k for k, b in plan.bodies.items() if b.how == "ambiguous")
    school = next(k for k, b in plan.bodies.items() if b.how == "fuzzy")
    combo = dialog.combos[police]
    combo.setCurrentIndex(combo.findData(2))
    assert plan.bodies[police].body_id == 2 and not dialog.import_button.isEnabled()
    combo = dialog.combos[school]
    combo.setCurrentIndex(combo.findData(3))
    assert plan.bodies[school].how == "chosen" and dialog.import_button.isEnabled()
    assert "0 lỗi" not in dialog.summary.text() and "Còn" not in dialog.summary.text()


def test_import_action_reads_previews_and_writes(qtbot, empty_ctx, tmp_path, monkeypatch):
    from desktop_app.gui.main_window import MainWindow
    from tests.importers.layouts import add_province_bodies, tracking_xlsx

    add_province_bodies(empty_ctx.db)
    path = tmp_path / "theo-doi.xlsx"
    tracking_xlsx(path)
    from PySide6.QtCore import QSettings

    window = MainWindow(empty_ctx, QSettings(str(tmp_path / "gui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    seen = {}

    def accept(self):
        seen["rows"] = self.model.rowCount()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(TableImportDialog, "exec", accept)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: seen.setdefault("message", a[2]))
    window.import_json()
    assert seen["rows"] == 3 and "Đã nhập 3 nhiệm vụ" in seen["message"]
    with empty_ctx.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Task)) == 3
        assert s.scalar(select(func.count()).select_from(Body)) == 11
    assert table_import.is_table_file(str(path))


def test_paste_tasks_into_the_selected_programme(qtbot, ctx, monkeypatch):
    from PySide6.QtWidgets import QApplication

    from desktop_app.gui.views.programs_view import ProgramsView

    view = ProgramsView(ctx)
    qtbot.addWidget(view)
    ctx.changed.connect(view.on_changes)
    view.reload()
    from desktop_app.reports.lists import list_programs

    view.select_id(list_programs(ctx.db)[0][0].id)
    program_id = view.current_id()
    assert program_id is not None and view.paste_tasks_button.isEnabled()
    with ctx.db.read() as s:
        before = s.scalar(select(func.count()).select_from(Task).where(Task.program_id == program_id))
    QApplication.clipboard().setText("1\tViệc dán từ Excel\tSở Nội vụ\tSở Tài chính\tKế hoạch\tQuý IV/2024\n")
    seen = {}

    def accept(self):
        seen["rows"] = [t.content for t in self.plan.tasks]
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(TableImportDialog, "exec", accept)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: seen.setdefault("message", a[2]))
    view.paste_tasks()
    assert seen["rows"] == ["Việc dán từ Excel"] and "Đã nhập 1 nhiệm vụ" in seen["message"]
    with ctx.db.read() as s:
        tasks = list(s.scalars(select(Task).where(Task.program_id == program_id).order_by(Task.position)))
        assert len(tasks) == before + 1
        assert (tasks[-1].content, tasks[-1].deadline_kind, tasks[-1].product) == ("Việc dán từ Excel", "quarter",
                                                                                   "Kế hoạch")
        assert tasks[-1].lead_body.name.startswith("Sở Nội vụ")


def test_paste_with_an_empty_clipboard_says_what_to_do(qtbot, ctx, monkeypatch):
    from PySide6.QtWidgets import QApplication

    from desktop_app.gui.table_import import paste_into_program

    QApplication.clipboard().setText("")
    said = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: said.append(a[2]))
    paste_into_program(None, ctx, 1, QApplication.clipboard().text())
    assert "Bộ nhớ tạm chưa có gì để dán" in said[0]
