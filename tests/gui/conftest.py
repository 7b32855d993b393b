"""GUI test fixtures: a demo database seen on 01/07/2024 (every status present)."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.gui import i18n
from desktop_app.gui.context import AppContext

AS_OF = date(2024, 7, 1)


@pytest.fixture
def ctx(qapp, demo_db):
    i18n.set_language("vi")
    context = AppContext(demo_db, as_of_override=AS_OF)
    yield context
    context.deleteLater()


@pytest.fixture
def empty_ctx(qapp, sqlite_db):
    i18n.set_language("vi")
    context = AppContext(sqlite_db)
    yield context
    context.deleteLater()


@pytest.fixture
def settings(tmp_path):
    """The window's settings (layout, language, reminders) in a file of the test's own."""
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "gui.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, ctx, settings):
    """The main window over the demo database, shown."""
    from desktop_app.gui.main_window import MainWindow

    w = MainWindow(ctx, settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.fixture(autouse=True)
def _close_the_log():
    """An error logged in one test (desktop_app.logging_setup) must not keep the file of that
    test's data folder open for the next."""
    yield
    from desktop_app.logging_setup import shutdown_logging

    shutdown_logging()


@pytest.fixture(autouse=True)
def _no_unsaved_question_box(monkeypatch):
    """No real "Lưu / Bỏ / Hủy" box (a modal loop would hang the suite): a window a test leaves
    with typed input closes at teardown as if the user chose «Bỏ». Tests of the question patch
    ``unsaved.ask`` themselves (tests/gui/test_never_lose.py)."""
    from desktop_app.gui import unsaved

    monkeypatch.setattr(unsaved, "ask", lambda parent, text: unsaved.DISCARD)


class Asker:
    """Stands for the "Lưu / Bỏ / Hủy" box (no modal loop in a test): answers in turn and
    remembers what it was asked."""

    def __init__(self, monkeypatch, *answers: str):
        from desktop_app.gui import unsaved

        self.answers = list(answers)
        self.asked: list[str] = []
        monkeypatch.setattr(unsaved, "ask", self)

    def __call__(self, parent, text: str) -> str:
        self.asked.append(text)
        assert self.answers, f"asked once more than expected: {text}"
        return self.answers.pop(0)


@pytest.fixture
def answer_with(monkeypatch):
    """``answer_with(unsaved.SAVE, …)``: the question box answers these, in turn (an :class:`Asker`)."""
    return lambda *answers: Asker(monkeypatch, *answers)
