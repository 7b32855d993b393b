"""The report-collection round from the window: write the forms (Tệp → Tạo phiếu thu thập
báo cáo…), fill them as bodies would, check the returned files (findings per file and row),
record them through the context's write path."""

from __future__ import annotations


import pytest
from openpyxl import load_workbook
from PySide6.QtGui import QDesktopServices
from sqlalchemy import func, select

from desktop_app.core.collection_form import COLUMN_INDEX, FIRST_TASK_ROW, FORM_SHEET
from desktop_app.gui.collection_dialog import CollectionFormsDialog, ReturnedFormsDialog
from desktop_app.store.models import ProgressEntry


def _entries(db) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(ProgressEntry))


def _write_forms(window, folder, qtbot):
    dialog = CollectionFormsDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    dialog.day.setText("02/01/2026")
    dialog.folder.setText(str(folder))
    paths = dialog.write()
    return dialog, paths


def _fill(path, offset: int, **cells) -> None:
    wb = load_workbook(path)
    ws = wb[FORM_SHEET]
    for key, value in cells.items():
        ws.cell(FIRST_TASK_ROW + offset, COLUMN_INDEX[key]).value = value
    wb.save(path)


def test_menu_has_both_actions(window):
    names = [a.objectName() for a in window.menuBar().actions()[0].menu().actions()]
    assert "collect-forms" in names and "collect-import" in names


def test_write_forms_then_open_the_folder(window, tmp_path, qtbot, monkeypatch):
    dialog, paths = _write_forms(window, tmp_path, qtbot)
    assert paths and all(p.parent == tmp_path and p.exists() for p in paths)
    assert sorted(tmp_path.glob("*.xlsx")) == sorted(paths)
    assert not dialog.outcome.isHidden() and f"Đã tạo {len(paths)} phiếu" in dialog.outcome.text()
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    assert dialog.open_button.isEnabled()
    dialog.open_button.click()
    assert opened == [str(tmp_path)]


def test_only_the_chosen_body(window, tmp_path, qtbot):
    from datetime import date

    from desktop_app.core.collection_form import KEY_SHEET
    from desktop_app.reports.collection import collection_round

    chosen = collection_round(window.ctx.db, date(2026, 1, 2), []).forms[-1].body_id
    dialog = CollectionFormsDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    dialog.day.setText("02/01/2026")
    dialog.folder.setText(str(tmp_path))
    dialog.bodies.set_checked(chosen, True)
    paths = dialog.write()
    assert len(paths) == 1
    keys = load_workbook(paths[0])[KEY_SHEET]
    assert [keys.cell(r, 2).value for r in range(1, 8) if keys.cell(r, 1).value == "body_id"] == [chosen]


@pytest.mark.parametrize("field, text, fragment", [("day", "31/02/2026", "Ngày"), ("folder", "/khong/co", "không tồn tại")])
def test_bad_input_is_shown_in_the_dialog(window, tmp_path, qtbot, field, text, fragment):
    dialog = CollectionFormsDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    dialog.folder.setText(str(tmp_path))
    getattr(dialog, field).setText(text)
    assert dialog.write() == [] and fragment in dialog.error.text()
    assert not list(tmp_path.glob("*.xlsx"))


def test_returned_forms_are_checked_then_recorded(window, tmp_path, qtbot):
    _dialog, paths = _write_forms(window, tmp_path, qtbot)
    good, bad = paths[:2]
    _fill(good, 0, percent=45, note="Đã trình dự thảo")
    _fill(bad, 0, percent="khoảng một nửa")
    ctx = window.ctx
    before = _entries(ctx.db)
    dialog = ReturnedFormsDialog(ctx, [good, bad], window)
    qtbot.addWidget(dialog)
    preview = dialog.check()
    assert preview is not None and _entries(ctx.db) == before  # checking writes nothing
    cells = [[dialog.table.item(r, c).text() for c in range(5)] for r in range(dialog.table.rowCount())]
    assert any(row[0] == good.name and row[4].startswith("45%") for row in cells)
    assert any(row[0] == bad.name and "không phải là số" in row[4] for row in cells)
    assert "sẽ ghi 1 mục" in dialog.summary.text()
    assert dialog.record_button.isEnabled()
    with qtbot.wait_signal(ctx.changed, timeout=5000) as blocker:
        result = dialog.record()
    assert result is not None and result.recorded == 1
    assert blocker.args[0].touches("progress_entries")
    assert _entries(ctx.db) == before + 1
    assert "Đã ghi 1 mục" in dialog.summary.text() and not dialog.record_button.isEnabled()


def test_nothing_to_record_keeps_the_button_off(window, tmp_path, qtbot):
    bogus = tmp_path / "khong-phai-phieu.xlsx"
    bogus.write_bytes(b"PK\x03\x04 not really")
    dialog = ReturnedFormsDialog(window.ctx, [bogus], window)
    qtbot.addWidget(dialog)
    dialog.check()
    assert not dialog.record_button.isEnabled()
    assert "không phải phiếu báo cáo" in dialog.table.item(0, 4).text()


def test_menu_actions_open_the_dialogs(window, tmp_path, qtbot, monkeypatch):
    from PySide6.QtWidgets import QDialog, QFileDialog

    shown = []
    monkeypatch.setattr(QDialog, "exec", lambda self: shown.append(type(self).__name__) or 0)
    window.act_collect_forms.trigger()
    assert shown == ["CollectionFormsDialog"]
    _dialog, paths = _write_forms(window, tmp_path, qtbot)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(p) for p in paths[:2]], ""))
    window.act_collect_import.trigger()
    assert shown == ["CollectionFormsDialog", "ReturnedFormsDialog"]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([], ""))
    window.act_collect_import.trigger()  # cancelled: no dialog
    assert len(shown) == 2
