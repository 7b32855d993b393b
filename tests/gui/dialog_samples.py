"""Every dialog of the program, made over a main window with long texts in it (the
1366×768 check and the English chrome check open them all)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDialog

LONG_NAME = ("Ban Tuyên giáo và Dân vận Tỉnh ủy phối hợp với Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh "
             "và các đoàn thể chính trị - xã hội cấp tỉnh")
# The texts the dialogs below are given as data (names, a file's column titles, a title the
# caller translated): they may stay Vietnamese in the English program.
GIVEN_TEXTS = (LONG_NAME, "Ghi chú " + LONG_NAME, "Cơ quan phối hợp " + LONG_NAME, "STT", "Nội dung nhiệm vụ, công việc cụ thể cần triển khai thực hiện",
               "Thời gian hoàn thành (dự kiến, theo kế hoạch)", "Việc một", "Quý I/2025", "Tên", "kiem-thu",
               "Toàn bộ nhật ký thao tác")


def table_import_dialog(window) -> QDialog:
    """The import preview with every column combo filled with long titles."""
    from desktop_app.gui.table_import import TableImportDialog
    from desktop_app.importers.table_import import plan_from_text

    titles = ["STT", "Nội dung nhiệm vụ, công việc cụ thể cần triển khai thực hiện", "Ghi chú " + LONG_NAME,
              "Cơ quan phối hợp " + LONG_NAME, "Thời gian hoàn thành (dự kiến, theo kế hoạch)"]
    rows = "\t".join(titles) + "\n" + f"1\tViệc một\t{LONG_NAME}\t{LONG_NAME}\tQuý I/2025\n"
    plan = plan_from_text(rows, [], as_of=date(2025, 1, 1))
    return TableImportDialog(plan, window, reread=lambda columns: lambda job: plan)


def every_dialog(window) -> list[tuple[str, QDialog]]:
    from desktop_app.export.profiles import list_profiles
    from desktop_app.gui.crash_dialog import CrashDialog
    from desktop_app.gui.editors.base import ConflictDialog
    from desktop_app.gui.export_dialog import ExportDialog
    from desktop_app.gui.history import HistoryDialog
    from desktop_app.gui.preferences import PreferencesDialog
    from desktop_app.gui.report_dialog import ReportDialog
    from desktop_app.gui.study_dialogs import BridgePointsDialog, MemberCountDialog, SessionDialog
    from desktop_app.ops.base import ConflictError

    ctx = window.ctx
    made = [
        ("preferences", PreferencesDialog(ctx, window.settings, window)),
        ("report", ReportDialog(ctx, window)),
        ("export", ExportDialog("15-CTr-TU-" * 8 + ".docx", list_profiles(), window)),
        ("history", HistoryDialog(ctx, None, None, "Toàn bộ nhật ký thao tác", window)),
        ("crash", CrashDialog("Traceback…\n" + "x" * 400, None, window)),
        ("conflict", ConflictDialog(window, ConflictError("name", "Tên", LONG_NAME, LONG_NAME, "kiem-thu", None), LONG_NAME)),
        ("member count", MemberCountDialog(ctx, 1, LONG_NAME, date(2024, 7, 1), 120, window)),
        ("table import", table_import_dialog(window)),
    ]
    study = next((v for v in window.views if type(v).__name__ == "StudyView"), None)
    if study is not None:
        window.nav.setCurrentRow(window.views.index(study))
        made.append(("new session", SessionDialog(ctx, None, window)))
        if study.sessions_model.rowCount():
            study.sessions.selectRow(0)
            made.append(("edit session", SessionDialog(ctx, study.current_session(), window)))
            made.append(("bridge points", BridgePointsDialog(ctx, study.session_id, window)))
    return made
