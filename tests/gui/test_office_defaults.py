"""Issue 13, "Defaults": what a new entry or an export starts with, and past-review mode as
an explicit, visible mode."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from sqlalchemy import select

from desktop_app.core.dates import format_date
from desktop_app.gui.views.tasks_view import TasksView
from desktop_app.ops.fields import TaskFields
from desktop_app.store.db import data_dir
from desktop_app.store.models import Task

AS_OF = date(2024, 7, 1)


def tasks_view(window) -> TasksView:
    view = next(v for v in window.views if isinstance(v, TasksView))
    window.nav.setCurrentRow(window.views.index(view))
    return view


# --- Ngày giao ------------------------------------------------------------------------------------
def test_a_new_task_starts_on_its_programmes_date_not_today(window):
    from desktop_app.ops import tasks as task_ops

    view = tasks_view(window)
    program_id = view.model.row_at(0).program_id
    # a task added later than the programme's issue date: the next one starts on its day
    window.ctx.run(task_ops.create_task, program_id, "Nhiệm vụ bổ sung", TaskFields(assigned_date=date(2024, 6, 3)))
    with window.ctx.db.read() as s:
        last = s.scalar(select(Task.assigned_date).where(Task.program_id == program_id)
                        .order_by(Task.id.desc()).limit(1))
    assert last == date(2024, 6, 3)
    view.program_filter.set_current_id(program_id)
    view.program_filter.idChanged.emit(program_id)
    window.act_new.trigger()
    editor = window.current_editor
    assert editor.item_id is None
    assert editor.assigned.text() == format_date(last)


# --- Báo cáo tiến độ ------------------------------------------------------------------------------
def test_a_new_progress_report_is_dated_today_even_when_reviewing_the_past(window):
    view = tasks_view(window)
    view.table.selectRow(0)
    window.report_progress()
    panel = window.current_editor.progress
    assert window.ctx.as_of == AS_OF
    assert panel.reported_on.text() == format_date(date.today())


# --- past-review mode -------------------------------------------------------------------------------
def test_review_mode_is_shown_and_left_with_one_click(window, settings):
    assert window.ctx.as_of_override == AS_OF
    assert not window.review_banner.isHidden() and "01/07/2024" in window.review_label.text()
    window.review_leave.click()
    assert window.ctx.as_of_override is None and window.ctx.as_of == date.today()
    assert window.review_banner.isHidden()
    assert settings.value("ui/as_of_override") == ""  # not back in the past at the next start
    window.review_at(date(2023, 12, 31))
    assert not window.review_banner.isHidden() and "31/12/2023" in window.review_label.text()
    assert settings.value("ui/as_of_override") == "2023-12-31"


def test_review_date_from_the_view_menu(window, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("15/03/2024", True))
    window.act_review.trigger()
    assert window.ctx.as_of == date(2024, 3, 15) and "15/03/2024" in window.review_label.text()
    errors = []
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("31/02/2024", True))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: errors.append(a[2]))
    window.act_review.trigger()
    assert window.ctx.as_of == date(2024, 3, 15) and errors  # refused, with a message


def test_the_dashboards_date_stays_on_the_dashboard(window, qtbot):
    dash = window.views[0]
    dash.as_of_edit.setText("01/01/2024")
    dash.as_of_edit.editingFinished.emit()
    assert dash.board.as_of == date(2024, 1, 1)
    assert window.ctx.as_of == AS_OF  # the task list, reminders and reports are not moved
    tasks = tasks_view(window)
    assert tasks.model.rowCount() == len(window.ctx.task_rows())
    # a figure of that day lists its tasks as they stood that day: openly, in review mode
    window.nav.setCurrentRow(0)
    expected = dash.board.overall.done_on_time
    dash.buttons["done_on_time"].click()
    assert window.ctx.as_of == date(2024, 1, 1) and "01/01/2024" in window.review_label.text()
    qtbot.waitUntil(lambda: not tasks.waiting_for_rows(), timeout=10_000)  # that day's rows are read in the background
    assert window.current_view is tasks and tasks.model.rowCount() == expected


# --- exports -------------------------------------------------------------------------------------------
def test_exports_start_in_documents_then_the_last_folder(tmp_path, settings):
    from desktop_app.gui.defaults import (
        documents_folder,
        export_folder,
        remember_export_folder,
    )

    documents = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
    assert documents_folder() == (documents if documents.is_dir() else Path.home())
    assert export_folder(settings) == documents_folder() != data_dir()
    remember_export_folder(settings, tmp_path)
    assert export_folder(settings) == tmp_path
    gone = tmp_path / "gone"
    remember_export_folder(settings, gone)  # a folder since removed: back to Documents
    assert export_folder(settings) == documents_folder()


def test_word_export_dialog_starts_in_documents_with_human_profile_names(window, monkeypatch, tmp_path):
    from desktop_app.gui import defaults, export_dialog

    monkeypatch.setattr(defaults, "documents_folder", lambda: tmp_path)
    seen = {}

    def fake_exec(dialog):
        seen["path"] = Path(dialog.path.text())
        seen["profiles"] = [(dialog.profile.itemText(i), dialog.profile.itemData(i))
                            for i in range(dialog.profile.count())]
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(export_dialog.ExportDialog, "exec", fake_exec)
    programs = next(i for i, v in enumerate(window.views) if v.entity == "programs")
    window.nav.setCurrentRow(programs)
    window.views[programs].table.selectRow(0)
    assert window.export_word() is None
    assert seen["path"].parent == tmp_path
    assert ("Văn bản của Đảng (HD 36)", "hd36") in seen["profiles"]
    assert ("Văn bản hành chính (NĐ 30)", "nd30") in seen["profiles"]


def test_json_export_and_import_start_in_documents_then_the_last_folder(window, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog

    from desktop_app.gui import defaults

    documents = tmp_path / "Documents"
    documents.mkdir()
    monkeypatch.setattr(defaults, "documents_folder", lambda: documents)
    offered = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: offered.append(Path(a[2])) or ("", ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: offered.append(Path(a[2])) or ("", ""))
    window.export_json()
    window.import_json()
    assert offered == [documents / "nqdesk.json", documents]
    elsewhere = tmp_path / "USB"
    elsewhere.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(elsewhere / "x.json"), ""))
    window.export_json()
    assert defaults.export_folder(window.settings) == elsewhere


def test_report_dialog_profiles_by_name_and_folder(window, monkeypatch, tmp_path):
    from desktop_app.gui import defaults
    from desktop_app.gui.report_dialog import ReportDialog

    monkeypatch.setattr(defaults, "documents_folder", lambda: tmp_path)
    dialog = ReportDialog(window.ctx, window)
    assert Path(dialog.path.text()).parent == tmp_path
    assert dialog.profile.currentText() == "Văn bản của Đảng (HD 36)" and dialog.profile.currentData() == "hd36"
    dialog.deleteLater()


def test_profile_names_in_english(qapp):
    from desktop_app.gui import i18n
    from desktop_app.gui.defaults import profile_label

    i18n.set_language("en")
    try:
        assert profile_label("hd36") != "hd36" and "36" in profile_label("hd36")
    finally:
        i18n.set_language("vi")
    assert profile_label("nd30") == "Văn bản hành chính (NĐ 30)"


def test_export_with_pdf_shows_the_busy_cursor_and_dialog(window, monkeypatch, tmp_path):
    """A PDF takes seconds: the wait cursor at once, the progress dialog after 300 ms."""
    from desktop_app.export import pdf as pdf_export
    from desktop_app.gui import export_dialog

    target = tmp_path / "out.docx"

    def fake_exec(dialog):
        dialog.path.setText(str(target))
        dialog.make_pdf.setEnabled(True)
        dialog.make_pdf.setChecked(True)
        return QDialog.DialogCode.Accepted

    def slow_pdf(path, cancel=None):
        time.sleep(1.0)
        out = Path(path).with_suffix(".pdf")
        out.write_bytes(b"%PDF-1.4\n")
        return out

    seen = {"cursor": set(), "dialog": False}

    def look():  # what the user sees while the PDF is made, every 50 ms
        cursor = QApplication.overrideCursor()
        seen["cursor"].add(cursor.shape() if cursor is not None else None)
        seen["dialog"] |= any(w.isVisible() and type(w).__name__ == "BusyDialog"
                              for w in QApplication.topLevelWidgets())

    monkeypatch.setattr(export_dialog.ExportDialog, "exec", fake_exec)
    monkeypatch.setattr(pdf_export, "convert_to_pdf", slow_pdf)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)
    programs = next(i for i, v in enumerate(window.views) if v.entity == "programs")
    window.nav.setCurrentRow(programs)
    window.views[programs].table.selectRow(0)
    timer = QTimer()
    timer.timeout.connect(look)
    timer.start(50)
    assert window.export_word() == target
    timer.stop()
    assert Qt.CursorShape.WaitCursor in seen["cursor"] and seen["dialog"]
    assert QApplication.overrideCursor() is None  # given back afterwards
