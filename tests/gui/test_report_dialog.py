"""The periodic report from the GUI (Tệp → Báo cáo kết quả thực hiện…, the dashboard's
"Báo cáo…" button), the follow-up letter from the dashboard, and the behind-schedule
column of the task list."""

from __future__ import annotations

from datetime import date

import docx
import openpyxl
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from desktop_app.export.report_docx import read_report_figures
from desktop_app.gui import export_dialog
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.report_dialog import ReportDialog
from desktop_app.gui.views.tasks_view import TasksView
from desktop_app.ops import programs as program_ops
from desktop_app.reports.progress import dashboard


@pytest.fixture
def window(qtbot, ctx, tmp_path):
    w = MainWindow(ctx, QSettings(str(tmp_path / "gui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.show()
    return w


@pytest.fixture
def no_boxes(monkeypatch):
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)


def test_defaults_are_the_current_period_up_to_the_as_of_day(window):
    dialog = ReportDialog(window.ctx, window)
    # 01/07/2024 is the first day of quý III: the default is the quarter just ended
    assert (dialog.date_from.text(), dialog.date_to.text()) == ("01/04/2024", "30/06/2024")
    assert dialog.kind() == "docx" and dialog.profile.isEnabled()
    dialog.format.setCurrentIndex(dialog.format.findData("xlsx"))
    assert dialog.path.text().endswith(".xlsx") and not dialog.profile.isEnabled()
    assert not dialog.make_pdf.isEnabled()


def test_word_report_for_chosen_programmes(window, tmp_path, no_boxes):
    ctx = window.ctx
    dialog = ReportDialog(ctx, window, program_ids=[1])
    dialog.date_from.setText("01/01/2024")
    dialog.date_to.setText("01/07/2024")
    dialog.path.setText(str(tmp_path / "bao-cao"))
    assert dialog.export() == tmp_path / "bao-cao.docx"
    assert dialog.result() == QDialog.DialogCode.Accepted
    figures = read_report_figures(docx.Document(str(tmp_path / "bao-cao.docx")))
    assert figures["overall"] == dashboard(ctx.db, date(2024, 7, 1), program_ids=[1]).overall.as_dict()
    assert "bao-cao.docx" in window.last_export_box.text()


def test_excel_tracking_table(window, tmp_path, no_boxes):
    dialog = ReportDialog(window.ctx, window)
    dialog.date_from.setText("01/01/2024")
    dialog.format.setCurrentIndex(dialog.format.findData("xlsx"))
    dialog.path.setText(str(tmp_path / "theo-doi.xlsx"))
    assert dialog.export() == tmp_path / "theo-doi.xlsx"
    book = openpyxl.load_workbook(tmp_path / "theo-doi.xlsx")
    assert book.sheetnames == ["Theo dõi", "Tổng hợp"]


@pytest.mark.parametrize("field, text, fragment", [
    ("date_from", "31/02/2024", "Từ ngày"),
    ("date_to", "hôm qua", "Đến ngày"),
    ("date_from", "01/07/2024", "phải trước ngày kết thúc"),
    ("path", "", "Hãy chọn nơi lưu tệp"),
])
def test_bad_input_keeps_the_dialog_open(window, tmp_path, field, text, fragment):
    dialog = ReportDialog(window.ctx, window)
    dialog.path.setText(str(tmp_path / "x.docx"))
    getattr(dialog, field).setText(text)
    assert dialog.export() is None
    assert fragment in dialog.error.text() and dialog.result() != QDialog.DialogCode.Accepted
    assert not (tmp_path / "x.docx").exists()


def test_missing_folder_and_refused_report(window, tmp_path):
    dialog = ReportDialog(window.ctx, window)
    dialog.path.setText(str(tmp_path / "khong-co" / "x.docx"))
    assert dialog.export() is None and "không tồn tại" in dialog.error.text()
    empty = window.ctx.run(program_ops.create_program, "Kế hoạch chưa có nhiệm vụ").entity_id
    dialog = ReportDialog(window.ctx, window, program_ids=[empty])
    dialog.path.setText(str(tmp_path / "x.docx"))
    assert dialog.export() is None and dialog.error.text()  # the report's own refusal, in Vietnamese
    assert not (tmp_path / "x.docx").exists()


def test_dashboard_button_and_menu(window, monkeypatch):
    seen = []
    monkeypatch.setattr("desktop_app.gui.report_dialog.export_report_interactive",
                        lambda w, ids=None: seen.append(ids))
    dash = window.views[0]
    dash.programs_button.click()
    dash.program_picker.set_checked(2, True)
    dash.report_button.click()
    window.act_periodic_report.trigger()
    assert seen == [[2], None]
    assert window.act_periodic_report.shortcut().toString() == "Ctrl+Shift+R"


def test_followup_letter_from_the_dashboard(window, tmp_path, monkeypatch, no_boxes):
    dash = window.views[0]
    offered = []

    def fake_exec(dialog):
        offered.append(dialog.profile.currentData())
        dialog.path.setText(str(tmp_path / "don-doc.docx"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(export_dialog.ExportDialog, "exec", fake_exec)
    ubnd = next(b for b in dash.board.by_body if b.name == "Ban cán sự đảng Ủy ban nhân dân tỉnh")
    dash.followup_requested.emit(ubnd.body_id)
    assert offered == ["hd36"] and (tmp_path / "don-doc.docx").exists()
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "don-doc.docx")).paragraphs)
    assert "Ban cán sự đảng Ủy ban nhân dân tỉnh" in text


def test_behind_schedule_column_matches_the_dashboard(window):
    view = next(v for v in window.views if isinstance(v, TasksView))
    window.nav.setCurrentRow(window.views.index(view))
    col = view.model.column_index("behind")
    flagged = sum(1 for r in range(view.model.rowCount()) if view.model.index(r, col).data() == "Chậm")
    assert flagged == window.views[0].board.overall.behind_schedule > 0
    row = next(r for r in range(view.model.rowCount()) if view.model.index(r, col).data() == "Chậm")
    assert "thấp hơn mức cần đạt" in view.model.index(row, col).data(Qt.ItemDataRole.ToolTipRole)
