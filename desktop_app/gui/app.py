"""Start-up: the application object, language, the single-instance lock on the SQLite
file, opening (and upgrading) the database, the first-start offer of demo data, then the
main window."""

from __future__ import annotations

import linecache
import sys
from datetime import date
from pathlib import Path

from PySide6.QtCore import qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QMessageBox

from ..errors import NqdeskError
from ..logging_setup import log_path, logger, setup_logging, shutdown_logging
from ..reports.records import database_is_empty
from ..store.db import Database, open_database, resolve_url
from ..store.lock import GUI_APP, DatabaseInUse, DatabaseLock, acquire
from . import i18n
from .i18n import _
from .settings import gui_settings

APP_NAME = "NQ Desk"


class FileInUse(NqdeskError):
    pass


def application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("NQDesk")
    return app


def lock_database(db: Database) -> DatabaseLock | None:
    """One copy of the program per SQLite file: a second one is told the file is in use.
    The same lock (store/lock.py) makes the command line's writing commands wait or refuse.
    (A lock left by a crashed program is freed with it and taken over.)"""
    if db.path is None:
        return None
    try:
        return acquire(db.path, GUI_APP)
    except DatabaseInUse as exc:
        pid, host = (exc.holder.pid, exc.holder.host) if exc.holder else (0, "")
        who = _("tiến trình {pid} trên máy {host}").format(pid=pid, host=host) if pid else _("chương trình khác")
        raise FileInUse(_("Tệp dữ liệu «{path}» đang được mở bởi {who}. Hãy dùng cửa sổ NQ Desk đang mở, "
                          "hoặc đóng nó trước khi mở lại.").format(path=db.path, who=who)) from None


def _as_of_override(settings) -> date | None:
    raw = settings.value("ui/as_of_override", "") or ""
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


def offer_demo(window, db: Database) -> bool:
    """On an empty database, offer to load the demo data (Lạng Sơn, Trung ương 8 khóa XIII)."""
    if not database_is_empty(db):
        return False
    answer = QMessageBox.question(
        window, _("Cơ sở dữ liệu mới"),
        _("Cơ sở dữ liệu còn trống. Nạp dữ liệu mẫu (Lạng Sơn, Hội nghị Trung ương 8 khóa XIII) để làm quen?"),
    )
    if answer != QMessageBox.StandardButton.Yes:
        return False
    from ..ops.interchange import import_file
    from ..resources import DEMO_FILE

    window.ctx.run(lambda d: _as_changes(import_file(d, DEMO_FILE)))
    return True


def _as_changes(report):
    from .main_window import _import_changes

    return _import_changes(report)


def build_window(db: Database, settings=None):
    """The main window over an open database (used by start-up, screenshots and tests)."""
    from .context import AppContext
    from .main_window import MainWindow

    settings = settings or gui_settings()
    ctx = AppContext(db, as_of_override=_as_of_override(settings))
    window = MainWindow(ctx, settings)
    # The source lines PySide6's import hook read while the window's modules were imported
    # (gui/__init__.py): not needed; a traceback reads what it shows again.
    linecache.clearcache()
    return window


def run(db_arg: str | None = None) -> int:
    """The program: nothing fails silently. Unexpected errors are logged to the data folder
    (``logs/nqdesk.log``); one before the main window is up is shown in a message box and
    ends the program with exit code 1; one after it is shown in the crash dialog and the
    program goes on."""
    from .crash_dialog import CrashReporter, log_qt_messages, show_startup_error

    setup_logging()
    reporter = None
    qt_handler_replaced, previous_qt_handler = False, None
    try:
        settings = gui_settings()
        i18n.set_language(str(settings.value("ui/language", "vi")))
        # Qt aborts the whole process when its window-system plugin cannot load: say why first.
        from .platform_check import platform_problem

        problem = platform_problem()
        if problem:
            logger.error("%s", problem)  # under pythonw there is no stderr: the log has it
            if log_path() is not None and sys.stderr is not None:
                print(problem, file=sys.stderr)
            return 1
        app = application()
        previous_qt_handler, qt_handler_replaced = log_qt_messages(), True
        reporter = CrashReporter(app)
        reporter.install()
        return _run(app, settings, db_arg)
    except Exception:  # noqa: BLE001 - anything unexpected while starting: logged and shown
        show_startup_error(sys.exc_info())
        return 1
    finally:
        if reporter is not None:
            reporter.uninstall()
            reporter.deleteLater()
        if qt_handler_replaced:
            qInstallMessageHandler(previous_qt_handler)
        shutdown_logging()


def _run(app: QApplication, settings, db_arg: str | None) -> int:
    i18n.install_qt_translator(app)
    try:
        db = open_database(db_arg, create=True)  # first start: the default database is made here
    except NqdeskError as exc:
        QMessageBox.critical(None, APP_NAME, str(exc))
        return 1
    try:
        lock = lock_database(db)
    except FileInUse as exc:
        QMessageBox.warning(None, APP_NAME, str(exc))
        db.close()
        return 2
    try:
        window = _show_main_window(db, lock, settings)
        if offer_demo(window, db):
            window.nav.setCurrentRow(0)
        return app.exec()
    finally:
        # the database open at the end (another one when the user switched through Tệp → Mở gần đây)
        for open_window in _OPEN or []:
            open_window.ctx.db.close()
            if getattr(open_window, "db_lock", None) is not None:
                open_window.db_lock.unlock()
        _OPEN.clear()
        db.close()
        if lock is not None:
            lock.unlock()


_OPEN: list = []  # the main window showing (kept referenced across a database switch)


def switch_database(window, path, before_open=None):
    """Open the SQLite file *path* in place of the window's database, as start-up does (open and
    upgrade, lock, automatic backup, a new main window); the old window closes first (it asks
    about unsaved work, and a refusal keeps everything as it was). *before_open* runs once the
    old file is closed (a restore from backup). A file that cannot be opened is said and the
    old one opened again. Returns the new window, or None."""
    from .views.base import show_error

    settings = window.settings
    old_db, old_lock = window.ctx.db, getattr(window, "db_lock", None)
    old_target = str(old_db.path) if old_db.path is not None else old_db.url
    app = QApplication.instance()
    quit_on_close = app.quitOnLastWindowClosed()
    app.setQuitOnLastWindowClosed(False)  # the old window closes before the new one shows
    try:
        if not window.close():
            return None
        if window.ctx.live_refresh is not None:
            window.ctx.live_refresh.stop()
        old_db.close()
        if old_lock is not None:
            old_lock.unlock()
        try:
            if before_open is not None:
                before_open()
            db, lock = _open_locked(str(path))
        except NqdeskError as exc:
            show_error(window, str(exc))
            try:
                db, lock = _open_locked(old_target)
            except NqdeskError as again:
                show_error(window, str(again))
                app.quit()
                return None
        if window in _OPEN:
            _OPEN.remove(window)
        new = _show_main_window(db, lock, settings)
        window.deleteLater()  # its timers (reminders) must not query the closed database
        return new
    finally:
        app.setQuitOnLastWindowClosed(quit_on_close)


def _show_main_window(db, lock, settings):
    """What start-up and a database switch both do once the file is open and locked: the
    automatic backup, the main window (kept in _OPEN), and the file in the recent list."""
    try:
        from .backup import auto_backup

        auto_backup(db, settings)
    except ImportError:
        pass
    window = build_window(db, settings)
    window.db_lock = lock
    _OPEN.append(window)
    window.show()
    from .recent import remember_database

    remember_database(settings, db.path)
    return window


def _open_locked(target: str):
    db = open_database(target)
    try:
        return db, lock_database(db)
    except FileInUse:
        db.close()
        raise


def _render_progress_screens(app, window, out: Path, count: int) -> list[Path]:
    """The task details with the progress form in view, and the reminder panel over the dashboard."""
    written = []
    tasks = window.tasks_view()
    window.nav.setCurrentRow(window.views.index(tasks))
    tasks.reveal(1 if tasks.model.row_of(1) >= 0 else tasks.model.id_at(0))
    editor = window.current_editor
    app.processEvents()
    if editor is not None and hasattr(editor, "show_progress_form"):
        editor.show_progress_form()  # as «Báo cáo tiến độ…» shows it: the timeline and the whole form
        app.processEvents()
        path = out / f"{count + 1:02d}-task-progress.png"
        window.grab().save(str(path))
        written.append(path)
    window.nav.setCurrentRow(0)  # over the dashboard, where the panel has the right-hand column to itself
    window.reminders.show_now()
    app.processEvents()
    path = out / f"{count + len(written) + 1:02d}-reminders.png"
    window.grab().save(str(path))
    written.append(path)
    window.reminders.dock.hide()
    return written


SCREEN_SIZE = (1366, 728)  # a 1366×768 laptop less its taskbar (issue 13)


def render_screenshots(folder: str | Path, db_arg: str | None = None) -> list[Path]:
    """Render every main view with the demo data (a temporary database unless *db_arg*)
    to PNG files at 1366×768, then the programme-text editor, the export checklist, the
    backup dialog and the print preview (when LibreOffice can make the PDF), then the main
    views again in English under ``en/``; returns the files written. The language in use
    before is restored."""
    import tempfile

    from PySide6.QtCore import QSettings

    from ..ops.interchange import import_file
    from ..resources import DEMO_FILE

    app = application()
    before = i18n.language()
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        if db_arg is None:
            db = open_database(Path(tmp) / "demo.sqlite3", create=True)
            import_file(db, DEMO_FILE)
        else:
            db = open_database(resolve_url(db_arg))
        try:
            settings = QSettings(str(Path(tmp) / "screens.ini"), QSettings.Format.IniFormat)
            settings.setValue("ui/as_of_override", "2024-07-01")
            settings.setValue("reminders/enabled", False)  # shown on its own screenshot only
            i18n.set_language("vi")
            qt_vi = i18n.install_qt_translator(app)  # Qt's own buttons in Vietnamese, as the program shows them
            window = _screen_window(app, db, settings)
            written = _render_views(app, window, out)
            written += _render_progress_screens(app, window, out, len(written))
            written += _render_dialogs(app, window, out, len(written), demo=db_arg is None)
            window.close()
            window.deleteLater()
            if qt_vi is not None:
                app.removeTranslator(qt_vi)
            i18n.set_language("en")
            english = _screen_window(app, db, settings)
            written += _render_views(app, english, out / "en")
            english.close()
            english.deleteLater()
            app.processEvents()
        finally:
            i18n.set_language(before)
            db.close()
    return written


def _screen_window(app, db, settings):
    window = build_window(db, settings)
    window.resize(*SCREEN_SIZE)
    window.show()
    app.processEvents()
    return window


def _grab(app, widget, path: Path) -> Path:
    app.processEvents()
    path.parent.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(path))
    return path


def _render_views(app, window, out: Path) -> list[Path]:
    """Each view of the navigation, its first row selected (the details panel filled in)."""
    written = []
    for i, view in enumerate(window.views):
        window.nav.setCurrentRow(i)
        if view.current_id() is None and hasattr(view, "table") and hasattr(view, "model") \
                and view.model.rowCount():
            view.table.selectRow(0)
        slug = type(view).__name__.removesuffix("View").lower()
        written.append(_grab(app, window, out / f"{i + 1:02d}-{slug}.png"))
    return written


def _render_dialogs(app, window, out: Path, count: int, demo: bool) -> list[Path]:
    """The programme-text editor over a programme with text, the export checklist of one
    with findings, the backup dialog (with a backup made, demo data only) and the print
    preview, each at its natural size (at most the screen's)."""
    import time

    from ..reports.lists import list_programs
    from ..reports.records import program_record
    from .backup_dialog import BackupDialog
    from .editors.program_text import SECTION_NAMES, ProgramTextWindow
    from .export_dialog import ChecklistDialog, program_findings

    written: list[Path] = []

    def shot(widget, slug: str) -> None:
        size = widget.size().expandedTo(widget.minimumSizeHint())
        widget.resize(min(size.width(), SCREEN_SIZE[0]), min(size.height(), SCREEN_SIZE[1]))
        widget.show()
        written.append(_grab(app, widget, out / f"{count + len(written) + 1:02d}-{slug}.png"))
        widget.hide()
        widget.deleteLater()

    program_ids = [p.id for p, _docs, _n in list_programs(window.ctx.db)]

    def text_length(pid: int) -> int:
        record = program_record(window.ctx.db, pid)
        return sum(len(getattr(record, name, None) or "") for name in SECTION_NAMES)

    with_text = max(program_ids, key=text_length, default=None)
    if with_text is not None and text_length(with_text):
        editor = ProgramTextWindow(window.ctx, with_text, window, section="tasks_text")
        editor.update_preview()
        shot(editor, "program-text")
    findings = next((f for pid in program_ids if (f := program_findings(window, pid))), None)
    if findings is None and program_ids:  # every programme is complete: the checklist a fresh draft of the first gets
        import dataclasses

        from ..reports.program_checklist import export_checklist
        from ..reports.program_data import load_program_data

        draft = dataclasses.replace(load_program_data(window.ctx.db, program_ids[0]), objectives_text="",
                                    signer_name="", recipients=())
        findings = export_checklist(draft)
    if findings:
        shot(ChecklistDialog(findings, window), "export-checklist")
    if demo and window.ctx.db.path is not None:
        window.ctx.db.backup()  # (in the temporary folder of the demo data)
    backups = BackupDialog(window)
    for _i in range(200):  # the counts are read in the background: wait for them (≤ 10 s)
        if backups.counts_shown():
            break
        app.processEvents()
        time.sleep(0.05)
    shot(backups, "backup")
    written += _render_print_preview(app, window, out, count + len(written), with_text)
    return written


def _render_print_preview(app, window, out: Path, count: int, program_id: int | None) -> list[Path]:
    """The programme's print preview, when LibreOffice and QtPdf are there (else nothing)."""
    from ..export import pdf as pdf_export
    from .print_preview import pdf_widgets_available, preview_program

    if program_id is None or pdf_export.unavailable_reason() or not pdf_widgets_available():
        return []
    dialog = preview_program(window, program_id)
    if dialog is None:
        return []
    import time

    for _i in range(100):  # the pages are drawn on another thread once the document has loaded
        app.processEvents()
        if dialog.page_count:
            break
        time.sleep(0.05)
    for _i in range(30):
        app.processEvents()
        time.sleep(0.05)
    dialog.resize(min(dialog.width(), SCREEN_SIZE[0]), min(dialog.height(), SCREEN_SIZE[1]))
    path = _grab(app, dialog, out / f"{count + 1:02d}-print-preview.png")
    dialog.close()
    dialog.deleteLater()
    return [path]
