"""Issue 14, "columns confirmable by the user": the import preview shows how each column was
understood and reads the file again when the user picks another column for a field."""

from __future__ import annotations

import openpyxl
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox
from sqlalchemy import select

from desktop_app.gui.table_import import TableImportDialog, column_letter, keep_choices, remap
from desktop_app.importers.body_names import KnownBody
from desktop_app.importers.table_import import plan_from_text
from desktop_app.store.models import Task, TaskCoordinator


def test_column_letters_are_excel_letters():
    assert [column_letter(i) for i in (0, 1, 25, 26, 27, 51, 52, 701, 702)] == [
        "A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]


def test_remap_moves_a_field_and_frees_the_column_it_takes():
    columns = {"number": 0, "content": 1, "note": 2, "deadline": 3}
    assert remap(columns, "lead", 2) == {"number": 0, "content": 1, "deadline": 3, "lead": 2}
    assert remap(columns, "deadline", None) == {"number": 0, "content": 1, "note": 2}
    assert remap(columns, "content", 3) == {"number": 0, "note": 2, "content": 3}
    assert columns == {"number": 0, "content": 1, "note": 2, "deadline": 3}  # not changed in place


BODIES = [KnownBody(1, "Công an tỉnh", "", None), KnownBody(2, "Công an tỉnh Lạng Sơn", "", None),
          KnownBody(3, "Sở Giáo dục và Đào tạo", "", None)]
ROWS = ("STT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời hạn\n"
        "1\tViệc một\tCông an tỉnh\tSở Giáo dục và Đào tạoo\tQuý I/2025\n"
        "2\tViệc hai\tCông an tỉnh\tSở Ngoại vụ\tQuý II/2025\n")


def test_keep_choices_carries_chosen_and_new_bodies_by_name():
    from datetime import date

    old = plan_from_text(ROWS, BODIES, as_of=date(2025, 1, 1))
    new = plan_from_text(ROWS, BODIES, as_of=date(2025, 1, 1))
    police = next(k for k, b in old.bodies.items() if b.how == "ambiguous")
    school = next(k for k, b in old.bodies.items() if b.how == "fuzzy")
    old.bodies[police].choose(BODIES[1])
    old.bodies[school].make_new("Sở Giáo dục")
    keep_choices(old, new)
    assert (new.bodies[police].how, new.bodies[police].body_id) == ("chosen", 2)
    assert (new.bodies[school].how, new.bodies[school].name) == ("new", "Sở Giáo dục")
    untouched = plan_from_text(ROWS, BODIES, as_of=date(2025, 1, 1))
    keep_choices(plan_from_text(ROWS, BODIES, as_of=date(2025, 1, 1)), untouched)  # nothing chosen: nothing kept
    assert untouched.bodies[police].how == "ambiguous" and untouched.bodies[school].how == "fuzzy"


def _misread_sheet(path) -> None:
    """The lead bodies sit under "Ghi chú", so they are read as notes."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["STT", "Nội dung nhiệm vụ", "Ghi chú", "Cơ quan phối hợp", "Thời hạn"])
    ws.append([1, "Quán triệt chương trình đến cán bộ, đảng viên.", "Ban Tuyên giáo Tỉnh ủy",
               "Sở Giáo dục và Đào tạoo", "Quý I/2025"])
    ws.append([2, "Rà soát tổ chức bộ máy các sở, ngành.", "Sở Nội vụ", "Sở Tài chính", "Quý II/2025"])
    wb.save(str(path))


def test_choosing_the_lead_column_rereads_the_preview_and_imports(qtbot, empty_ctx, tmp_path, monkeypatch):
    from desktop_app.gui.main_window import MainWindow
    from tests.importers.layouts import add_province_bodies

    ids = add_province_bodies(empty_ctx.db)
    path = tmp_path / "giao-viec.xlsx"
    _misread_sheet(path)
    window = MainWindow(empty_ctx, QSettings(str(tmp_path / "gui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    seen = {}

    def settle(dialog):
        combo = dialog.column_combos["lead"]
        assert combo.isEnabled() and combo.currentData() is None and combo.currentText() == "(không dùng)"
        assert dialog.column_combos["note"].currentText() == "cột C «Ghi chú»"
        assert [t.lead for t in dialog.plan.tasks] == [None, None]
        assert dialog.plan.tasks[0].note == "Ban Tuyên giáo Tỉnh ủy"
        school = next(k for k, b in dialog.plan.bodies.items() if b.how == "fuzzy")
        body = dialog.combos[school]
        body.setCurrentIndex(body.findData(ids["SGDĐT"]))  # a choice made before the columns change
        assert dialog.import_button.isEnabled()
        combo.setCurrentIndex(combo.findData(2))  # lead ← column C: the file is read again
        plan = dialog.plan
        assert plan.columns["lead"] == 2 and "note" not in plan.columns
        assert dialog.column_combos["note"].currentData() is None
        assert [plan.bodies[t.lead].body_id for t in plan.tasks] == [ids["BTGTU"], ids["SNV"]]
        assert [t.note for t in plan.tasks] == ["", ""]
        assert dialog.model.data(dialog.model.index(1, dialog.model.FIELDS.index("lead"))).startswith("Sở Nội vụ")
        assert plan.bodies[school].body_id == ids["SGDĐT"]  # kept
        assert dialog.combos[school].currentData() == ids["SGDĐT"]
        assert plan.all_problems() == [] and dialog.import_button.isEnabled()
        seen["leads"] = True
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(TableImportDialog, "exec", settle)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: seen.setdefault("message", a[2]))
    window.import_json()
    assert seen["leads"] and "Đã nhập 2 nhiệm vụ" in seen["message"]
    with empty_ctx.db.read() as s:
        tasks = list(s.scalars(select(Task).order_by(Task.id)))
        assert [t.lead_body_id for t in tasks] == [ids["BTGTU"], ids["SNV"]]
        first = tasks[0].id
        coordinators = list(s.scalars(select(TaskCoordinator.body_id).where(TaskCoordinator.task_id == first)))
        assert coordinators == [ids["SGDĐT"]]


def test_without_a_way_to_reread_the_columns_are_shown_but_fixed(qtbot):
    from datetime import date

    dialog = TableImportDialog(plan_from_text(ROWS, BODIES, as_of=date(2025, 1, 1)))
    qtbot.addWidget(dialog)
    lead = dialog.column_combos["lead"]
    assert not lead.isEnabled() and lead.currentText() == "cột C «Cơ quan chủ trì»"
    assert dialog.column_combos["product"].currentText() == "(không dùng)"
    assert "Cơ quan chủ trì ←" in dialog.column_labels["lead"].text()


def test_a_failed_reread_says_why_and_keeps_the_preview(qtbot, monkeypatch):
    from datetime import date

    from desktop_app.importers.docx_reader import ReadError

    def gone(columns):
        def work(job):
            raise ReadError("Không mở được tệp «a.xlsx»: tệp đã bị xóa.")
        return work

    plan = plan_from_text(ROWS, BODIES, as_of=date(2025, 1, 1))
    dialog = TableImportDialog(plan, reread=gone)
    qtbot.addWidget(dialog)
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]))
    lead = dialog.column_combos["lead"]
    lead.setCurrentIndex(lead.findData(3))
    assert warned == ["Không mở được tệp «a.xlsx»: tệp đã bị xóa."]
    assert dialog.plan is plan and plan.columns["lead"] == 2
    assert lead.currentData() == 2 and dialog.column_combos["coordinators"].currentData() == 3
