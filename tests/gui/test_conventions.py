"""Office conventions (issue 13): recent databases, "Mở thư mục" after an export, print preview,
drag and drop, the backup/restore dialog, F1 help and the first-start guide."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from desktop_app.gui import app as gui_app
from desktop_app.gui import drop_import, export_dialog
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.recent import MAX_RECENT, recent_databases, remember_database
from desktop_app.store.db import sqlite_backup
from desktop_app.store.models import Program, Task


@pytest.fixture
def window(qtbot, ctx, settings):
    w = MainWindow(ctx, settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    gui_app._OPEN.clear()


@pytest.fixture
def empty_window(qtbot, empty_ctx, settings):
    w = MainWindow(empty_ctx, settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def _count(db, model) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model))


# --- recent databases -----------------------------------------------------------------------
def test_recent_list_keeps_the_last_eight_newest_first(settings, tmp_path):
    paths = [tmp_path / f"db{i}.sqlite3" for i in range(MAX_RECENT + 3)]
    for p in paths:
        remember_database(settings, p)
    remember_database(settings, paths[4])  # opened again: back to the top, not listed twice
    got = recent_databases(settings)
    assert len(got) == MAX_RECENT
    assert got[0] == paths[4].resolve() and got[1] == paths[-1].resolve()
    assert len(set(got)) == MAX_RECENT
    remember_database(settings, None)  # a server database has no file
    assert recent_databases(settings) == got


def test_recent_menu_disables_missing_files_and_can_forget_them(window, settings, tmp_path):
    there = tmp_path / "other.sqlite3"
    there.write_bytes(b"")
    gone = tmp_path / "gone.sqlite3"
    remember_database(settings, gone)
    remember_database(settings, there)
    remember_database(settings, window.ctx.db.path)
    window.recent_menu.aboutToShow.emit()
    actions = {a.data(): a for a in window.recent_menu.actions() if a.data()}
    assert not actions[str(gone.resolve())].isEnabled() and "không còn" in actions[str(gone.resolve())].text()
    assert actions[str(there.resolve())].isEnabled()
    assert actions[str(window.ctx.db.path.resolve())].isChecked()  # the open one
    forget = next(a for a in window.recent_menu.actions() if a.objectName() == "recent-forget-missing")
    forget.trigger()
    assert gone.resolve() not in recent_databases(settings) and there.resolve() in recent_databases(settings)


def test_opening_a_recent_database_switches_window_and_database(qtbot, window, settings, sqlite_template, tmp_path):
    other = tmp_path / "khac.sqlite3"
    sqlite_backup(sqlite_template, other)
    remember_database(settings, other)
    window.recent_menu.aboutToShow.emit()
    action = next(a for a in window.recent_menu.actions() if a.data() == str(other.resolve()))
    old_db = window.ctx.db
    action.trigger()
    new = gui_app._OPEN[-1]
    qtbot.addWidget(new)
    try:
        assert new is not window and new.isVisible() and not window.isVisible()
        assert new.ctx.db.path.resolve() == other.resolve()
        assert _count(new.ctx.db, Program) == 0 and _count(old_db, Program) > 0  # the old file reopens fine
        assert recent_databases(settings)[0] == other.resolve()
        assert new.db_lock is not None  # locked as at start-up
    finally:
        new.close()
        new.ctx.db.close()
        new.db_lock.unlock()


def test_a_database_that_cannot_open_is_said_and_the_old_one_reopened(qtbot, window, tmp_path, monkeypatch):
    bad = tmp_path / "hong.sqlite3"
    bad.write_bytes(b"this is not a database at all" * 100)
    errors = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: errors.append(text))
    path = window.ctx.db.path
    new = window.open_database_file(bad)
    qtbot.addWidget(new)
    try:
        assert errors and "hong.sqlite3" in errors[0]
        assert new.ctx.db.path == path and _count(new.ctx.db, Program) > 0
    finally:
        new.close()
        new.ctx.db.close()
        new.db_lock.unlock()


# --- "Mở thư mục" -----------------------------------------------------------------------------
def test_export_result_offers_to_open_the_folder(qtbot, window, tmp_path, monkeypatch):
    target = tmp_path / "sub" / "bao-cao.docx"
    target.parent.mkdir()
    target.write_bytes(b"x")
    opened = []
    monkeypatch.setattr(export_dialog.QDesktopServices, "openUrl", lambda url: opened.append(url) or True)

    def click_folder(box):
        box.findChild(object, "open-folder").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", click_folder)
    export_dialog.show_export_result(window, "Xuất Word", target)
    assert "Mở thư mục" in [b.text() for b in window.last_export_box.buttons()]
    assert [Path(u.toLocalFile()) for u in opened] == [target.parent]


# --- F1 ------------------------------------------------------------------------------------
def test_f1_opens_the_user_guide(qtbot, window):
    assert window.act_help.shortcut().toString() == "F1"
    window.act_help.trigger()
    text = window.help_dialog.browser.toPlainText()
    for heading in ("Ghi một nghị quyết", "Soạn chương trình hành động", "Báo cáo tiến độ", "Xuất và in",
                    "Nhập từ Word, Excel hoặc JSON", "Vòng thu thập báo cáo", "Sao lưu và khôi phục"):
        assert heading in text
    window.help_dialog.close()


def test_the_guide_names_real_menu_entries(window):
    """Every menu entry the guide cites in bold exists in the window's menus (or buttons it names)."""
    import re

    from desktop_app.gui.help_dialog import guide_text

    def walk(menu):
        for a in menu.actions():
            if a.menu():
                yield a.menu().title().replace("&", "")
                yield from walk(a.menu())
            elif a.text():
                yield a.text().replace("&", "")

    entries = set()
    for top in window.menuBar().actions():
        entries.add(top.text().replace("&", ""))
        entries |= set(walk(top.menu()))
    cited = re.findall(r"\*\*(?:[^*→]+) → ([^*]+)\*\*", guide_text())
    assert len(cited) >= 8
    missing = [c for c in cited if c not in entries]
    assert not missing, missing


def test_the_guide_ships_as_package_data():
    import tomllib

    from desktop_app.gui.help_dialog import GUIDE_FILE
    from desktop_app.resources import RESOURCES_DIR

    data = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text(encoding="utf-8"))
    assert "resources/**/*" in data["tool"]["setuptools"]["package-data"]["desktop_app"]
    assert GUIDE_FILE.is_file() and GUIDE_FILE.is_relative_to(RESOURCES_DIR)


# --- first start ----------------------------------------------------------------------------
def test_first_start_panel_on_an_empty_database_only(window, empty_window):
    assert not window.first_start.isVisible()
    assert empty_window.first_start.isVisible()
    assert empty_window.first_start.parent() is empty_window.views[0]
    # the panel does not widen the window beyond a 1366×768 laptop (issue 13)
    hint = empty_window.minimumSizeHint()
    assert hint.width() <= 1280 and hint.height() <= 720, hint


def test_first_start_buttons(qtbot, empty_window, monkeypatch):
    w = empty_window
    w.first_start.buttons["program"].click()
    assert w.current_view.entity == "programs" and w.details.isVisible()
    w.nav.setCurrentRow(0)
    w.first_start.buttons["document"].click()
    assert w.current_view.entity == "documents"
    chosen = []
    monkeypatch.setattr("desktop_app.gui.main_window.QFileDialog.getOpenFileName",
                        lambda *a, **k: chosen.append(a) or ("", ""))
    w.first_start.buttons["import"].click()
    assert chosen
    w.nav.setCurrentRow(0)
    w.first_start.buttons["demo"].click()
    qtbot.waitUntil(lambda: not w.first_start.isVisible())
    assert _count(w.ctx.db, Task) > 0


# --- drag and drop ---------------------------------------------------------------------------
def _drop(window, paths):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    return event


def test_drop_kind_reads_the_hidden_form_marker(ctx, tmp_path):
    from desktop_app.export.collection_xlsx import write_collection_forms
    from desktop_app.reports.collection import collection_round

    forms = write_collection_forms(collection_round(ctx.db, ctx.as_of, []), tmp_path)
    assert forms and drop_import.drop_kind(forms[0]) == "forms"
    from openpyxl import Workbook

    plain = tmp_path / "bang.xlsx"
    Workbook().save(plain)
    assert drop_import.drop_kind(plain) == "table"
    assert drop_import.drop_kind(tmp_path / "a.docx") == "table"
    assert drop_import.drop_kind(tmp_path / "a.JSON") == "json"
    assert drop_import.drop_kind(tmp_path / "a.pdf") is None


def test_dropping_a_json_file_asks_then_imports(qtbot, empty_window, monkeypatch):
    from desktop_app.resources import DEMO_FILE

    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda parent, title, text: asked.append(text) or QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
    _drop(empty_window, [DEMO_FILE, Path("/tmp/khong.pdf")])
    qtbot.waitUntil(lambda: bool(asked))
    assert DEMO_FILE.name in asked[0] and "JSON" in asked[0] and "khong.pdf" not in asked[0]
    qtbot.waitUntil(lambda: _count(empty_window.ctx.db, Task) > 0)


def test_dropping_declined_changes_nothing(qtbot, empty_window, monkeypatch):
    from desktop_app.resources import DEMO_FILE

    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda parent, title, text: asked.append(text) or QMessageBox.StandardButton.No)
    _drop(empty_window, [DEMO_FILE])
    qtbot.waitUntil(lambda: bool(asked))
    assert _count(empty_window.ctx.db, Task) == 0


def test_dropped_word_and_forms_go_through_their_preview_dialogs(qtbot, window, tmp_path, monkeypatch):
    from desktop_app.export.collection_xlsx import write_collection_forms
    from desktop_app.reports.collection import collection_round

    forms = write_collection_forms(collection_round(window.ctx.db, window.ctx.as_of, []), tmp_path)[:2]
    doc = tmp_path / "ct.docx"
    doc.write_bytes(b"")
    tables, returned = [], []
    monkeypatch.setattr("desktop_app.gui.table_import.import_table_file",
                        lambda w, ctx, path: tables.append(path))
    monkeypatch.setattr("desktop_app.gui.collection_dialog.import_returned_forms_interactive",
                        lambda w, paths: returned.append(paths))
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    assert drop_import.handle_drop(window, [doc, *forms])
    assert tables == [str(doc)] and returned == [[str(p) for p in forms]]


def test_drag_enter_accepts_only_known_files(window, tmp_path):
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QDragEnterEvent

    for name, accepted in (("a.json", True), ("b.xlsx", True), ("c.pdf", False)):
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(tmp_path / name))])
        event = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                                Qt.KeyboardModifier.NoModifier)
        event.setAccepted(False)
        window.dragEnterEvent(event)
        assert event.isAccepted() is accepted, name


# --- backup and restore ---------------------------------------------------------------------
def test_backup_counts_read_a_file_without_changing_it(demo_db, tmp_path):
    from desktop_app.reports.backups import backup_counts
    from desktop_app.store.models import ProgressEntry

    copy = demo_db.backup(tmp_path / "copy.sqlite3")
    before = copy.read_bytes()
    counts = backup_counts(copy)
    assert (counts.programs, counts.tasks, counts.progress) == (
        _count(demo_db, Program), _count(demo_db, Task), _count(demo_db, ProgressEntry))
    assert counts.tasks > 0 and copy.read_bytes() == before
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not sqlite" * 50)
    assert backup_counts(junk) is None


def test_backup_dialog_lists_backups_with_counts_and_backs_up_now(qtbot, window):
    from desktop_app.gui.backup_dialog import BackupDialog

    dialog = BackupDialog(window)
    qtbot.addWidget(dialog)
    start = dialog.table.rowCount()
    made = dialog.backup_now()
    assert made.exists() and dialog.table.rowCount() == start + 1
    assert dialog.selected_path() == made  # newest first, selected
    assert dialog.table.item(0, 1).text() == "Sao lưu tay"
    qtbot.waitUntil(dialog.counts_shown, timeout=5000)
    assert dialog.table.item(0, 3).text() == str(_count(window.ctx.db, Task))
    assert dialog.restore_button.isEnabled()
    from desktop_app.gui.backup_dialog import label_text

    assert [label_text(x) for x in ("tu-dong", "truoc-nang-cap-abc123", "truoc-khoi-phuc")] == [
        "Tự động", "Trước khi nâng cấp", "Trước khi khôi phục"]


def test_backup_dialog_reads_the_counts_off_the_gui_thread(qtbot, window, monkeypatch):
    """The list is shown at once with "…"; the counts are read on a pool thread and fill in."""
    import threading

    from desktop_app.gui.backup_dialog import BackupDialog
    from desktop_app.reports import backups

    for _i in range(3):
        window.ctx.db.backup()
    real, gate, threads = backups.backup_counts, threading.Event(), []

    def slow_counts(path):
        threads.append(threading.current_thread())
        gate.wait(5)
        return real(path)

    monkeypatch.setattr(backups, "backup_counts", slow_counts)
    dialog = BackupDialog(window)
    qtbot.addWidget(dialog)
    rows = dialog.table.rowCount()
    assert rows >= 3
    assert [dialog.table.item(r, 3).text() for r in range(rows)] == ["…"] * rows  # shown before any count
    assert dialog.table.item(0, 0).text() and dialog.selected_path() is not None
    gate.set()
    qtbot.waitUntil(dialog.counts_shown, timeout=5000)
    assert len(threads) == rows and threading.main_thread() not in threads
    tasks = str(_count(window.ctx.db, Task))
    assert [dialog.table.item(r, 3).text() for r in range(rows)] == [tasks] * rows


def test_backup_dialog_closed_before_the_counts_come_ignores_them(qtbot, window, monkeypatch):
    import threading

    from desktop_app.gui.backup_dialog import BackupDialog
    from desktop_app.reports import backups

    window.ctx.db.backup()
    real, gate = backups.backup_counts, threading.Event()
    monkeypatch.setattr(backups, "backup_counts", lambda path: gate.wait(5) and real(path))
    dialog = BackupDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    op = dialog.counts_op
    dialog.close()
    gate.set()
    qtbot.waitUntil(lambda: op.done, timeout=5000)
    assert dialog.table.item(0, 3).text() == "…"  # the late answer was not written into the closed dialog


def test_restore_makes_a_safety_copy_and_reopens_the_restored_data(qtbot, window, monkeypatch):
    from desktop_app.gui.backup import list_backups
    from desktop_app.gui.backup_dialog import BackupDialog
    from desktop_app.ops.tasks import delete_task
    from desktop_app.reports.backups import backup_counts
    from desktop_app.store.restore import SAFETY_LABEL

    db_path = window.ctx.db.path
    tasks_before = _count(window.ctx.db, Task)
    window.ctx.db.backup()
    with window.ctx.db.read() as s:
        victim = s.scalar(select(Task.id).order_by(Task.id))
    window.ctx.run(delete_task, victim)
    assert _count(window.ctx.db, Task) == tasks_before - 1
    dialog = BackupDialog(window)
    qtbot.addWidget(dialog)
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda parent, title, text: asked.append(text)
                        or QMessageBox.StandardButton.Yes)
    new = dialog.restore_selected()
    qtbot.addWidget(new)
    try:
        assert asked and "an toàn" in asked[0]
        assert new.ctx.db.path == db_path and _count(new.ctx.db, Task) == tasks_before
        safety = [p for _m, label, p in list_backups(db_path) if label == SAFETY_LABEL]
        assert len(safety) == 1 and backup_counts(safety[0]).tasks == tasks_before - 1
    finally:
        new.close()
        new.ctx.db.close()
        new.db_lock.unlock()


def test_restore_declined_changes_nothing(qtbot, window, monkeypatch):
    from desktop_app.gui.backup_dialog import BackupDialog

    window.ctx.db.backup()
    dialog = BackupDialog(window)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.No)
    assert dialog.restore_selected() is None
    assert window.isVisible() and window.ctx.db.path.exists() and _count(window.ctx.db, Task) > 0


def test_backups_menu_entry_opens_the_dialog(qtbot, window, monkeypatch):
    from desktop_app.gui.backup_dialog import BackupDialog

    monkeypatch.setattr(BackupDialog, "exec", lambda self: 0)
    window.act_backups.trigger()
    assert isinstance(window.backup_dialog, BackupDialog)
    assert window.backup_dialog.info.text().startswith("Các bản sao lưu của")


# --- print preview ----------------------------------------------------------------------------
def _fake_pdf(document, out_dir=None, timeout=180, cancel=None):
    from PySide6.QtGui import QPageSize, QPainter, QPdfWriter

    pdf = Path(document).with_suffix(".pdf")
    writer = QPdfWriter(str(pdf))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    painter = QPainter(writer)
    painter.drawText(100, 100, "CHƯƠNG TRÌNH")
    writer.newPage()
    painter.drawText(100, 100, "trang 2")
    painter.end()
    return pdf


def test_print_preview_renders_the_selected_programme_and_shows_it(qtbot, window, monkeypatch):
    from desktop_app.export import pdf as pdf_export
    from desktop_app.gui import print_preview

    monkeypatch.setattr(pdf_export, "unavailable_reason", lambda: None)
    monkeypatch.setattr(pdf_export, "convert_to_pdf", _fake_pdf)
    programs = next(i for i, v in enumerate(window.views) if v.entity == "programs")
    window.nav.setCurrentRow(programs)
    window.views[programs].table.selectRow(0)
    assert print_preview.pdf_widgets_available()
    dialog = window.print_preview()
    qtbot.addWidget(dialog)
    assert isinstance(dialog, print_preview.PdfPreviewDialog)
    assert dialog.pdf.exists() and dialog.pdf.with_suffix(".docx").exists()  # the Word file it was made from
    qtbot.waitUntil(lambda: dialog.page_count == 2)
    dialog.close()


def test_print_preview_without_libreoffice_or_selection_says_why(window, monkeypatch):
    from desktop_app.export import pdf as pdf_export

    errors = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: errors.append(text))
    window.nav.setCurrentRow(0)
    assert window.print_preview() is None and "Chọn một chương trình" in errors[-1]
    monkeypatch.setattr(pdf_export, "unavailable_reason", lambda: "Chưa cài LibreOffice")
    programs = next(i for i, v in enumerate(window.views) if v.entity == "programs")
    window.nav.setCurrentRow(programs)
    window.views[programs].table.selectRow(0)
    assert window.print_preview() is None and errors[-1] == "Chưa cài LibreOffice"


def test_preview_falls_back_to_the_system_viewer(window, tmp_path, monkeypatch):
    from desktop_app.gui import print_preview

    pdf = _fake_pdf(tmp_path / "a.docx")
    opened = []
    monkeypatch.setattr(print_preview, "pdf_widgets_available", lambda: False)
    monkeypatch.setattr(print_preview.QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    assert print_preview.show_pdf(window, pdf) is None
    assert [Path(u.toLocalFile()) for u in opened] == [pdf]


def test_status_bar_exports_offer_the_folder(qtbot, window, tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr(export_dialog.QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    target = tmp_path / "nqdesk.json"
    monkeypatch.setattr("desktop_app.gui.main_window.QFileDialog.getSaveFileName",
                        lambda *a, **k: (str(target), ""))
    window.export_json()
    assert target.exists() and window.folder_button.isVisible()
    assert "Đã xuất dữ liệu" in window.statusBar().currentMessage()
    window.folder_button.click()
    assert [Path(u.toLocalFile()) for u in opened] == [tmp_path]
    window.statusBar().clearMessage()
    assert not window.folder_button.isVisible()  # gone with the message


def test_a_failed_restore_is_said_and_the_data_reopened_unchanged(qtbot, window, monkeypatch):
    from desktop_app.gui.backup_dialog import BackupDialog

    tasks, path = _count(window.ctx.db, Task), window.ctx.db.path
    made = window.ctx.db.backup()
    dialog = BackupDialog(window)
    qtbot.addWidget(dialog)
    made.unlink()  # gone between listing and restoring
    errors = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: errors.append(text))
    new = dialog.restore_selected()
    qtbot.addWidget(new)
    try:
        assert errors and made.name in errors[0]
        assert new is not None and new.ctx.db.path == path and _count(new.ctx.db, Task) == tasks
    finally:
        new.close()
        new.ctx.db.close()
        new.db_lock.unlock()


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_conventions_dialogs_fit_a_laptop(qtbot, demo_db, tmp_path, language):
    """Backup, help and PDF preview dialogs and the main window with its first-start panel ask for
    no more than 1280×720, in both languages; backup table headers are not clipped."""
    from PySide6.QtWidgets import QApplication

    from desktop_app.gui import i18n
    from desktop_app.gui.backup_dialog import BackupDialog
    from desktop_app.gui.context import AppContext
    from desktop_app.gui.help_dialog import HelpDialog
    from desktop_app.gui.print_preview import PdfPreviewDialog

    i18n.set_language(language)
    try:
        ctx = AppContext(demo_db, as_of_override=None)
        settings = QSettings(str(tmp_path / "fit.ini"), QSettings.Format.IniFormat)
        settings.setValue("reminders/enabled", False)
        w = MainWindow(ctx, settings)
        qtbot.addWidget(w)
        w.show()
        demo_db.backup()
        w.first_start.show()  # as on an empty database
        for name, widget in (("window", w), ("backups", BackupDialog(w)), ("help", HelpDialog(w)),
                             ("preview", PdfPreviewDialog(_fake_pdf(tmp_path / "p.docx"), w))):
            widget.show()
            QApplication.processEvents()
            hint, minimum = widget.minimumSizeHint(), widget.minimumSize()
            width, height = max(hint.width(), minimum.width()), max(hint.height(), minimum.height())
            assert width <= 1280 and height <= 720, f"{name} ({language}): {width}×{height}"
            if name == "backups":
                header = widget.table.horizontalHeader()
                assert all(header.sectionSize(i) >= header.sectionSizeHint(i) for i in range(header.count()))
            if widget is not w:
                widget.close()
        w.close()
    finally:
        i18n.set_language("vi")
