"""The test suite itself notices what a user would not (issue 10): an exception raised in a Qt
slot or virtual method, a Python warning and a Qt warning each fail a test. Proved by running
a small test module with this project's own pytest settings (pyproject.toml) in a subprocess."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parents[2]

INNER = '''
import warnings

from PySide6.QtCore import QObject, QTimer, Signal, qWarning


class Emitter(QObject):
    fired = Signal()


def raise_in_slot():
    raise ValueError("boom in a slot")


def test_passes(qtbot):
    qtbot.wait(1)


def test_slot_raises_on_direct_emit(qtbot):
    emitter = Emitter()
    emitter.fired.connect(raise_in_slot)
    emitter.fired.emit()  # PySide6 reports the slot's exception and returns normally


def test_slot_raises_in_the_event_loop(qtbot):
    QTimer.singleShot(0, raise_in_slot)
    qtbot.wait(20)


def test_virtual_method_raises(qtbot):
    from PySide6.QtCore import QAbstractListModel, QModelIndex
    from PySide6.QtWidgets import QListView

    class Broken(QAbstractListModel):
        def rowCount(self, parent=QModelIndex()):
            return 0 if parent.isValid() else 1

        def data(self, index, role=0):
            raise KeyError("no such row")

    view = QListView()
    qtbot.addWidget(view)
    model = Broken()
    view.setModel(model)
    view.show()
    qtbot.waitExposed(view)
    view.grab()


def test_python_warning(qtbot):
    warnings.warn("old API", DeprecationWarning)


def test_qt_warning(qtbot):
    qWarning("something Qt did not like")
'''


def _project_ini() -> str:
    """This project's [tool.pytest.ini_options], as the inner run's pyproject.toml."""
    options = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]
    options = {k: v for k, v in options.items() if k != "testpaths"}

    def value(v):
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, list):
            return "[" + ", ".join(value(x) for x in v) + "]"
        return '"' + str(v).replace("\\", "\\\\").replace('"', '\\"') + '"'

    return "[tool.pytest.ini_options]\n" + "".join(f"{k} = {value(v)}\n" for k, v in options.items())


def test_project_settings_keep_qt_exception_capture_on(pytestconfig):
    assert not pytestconfig.getini("qt_no_exception_capture")
    assert pytestconfig.getini("qt_log_level_fail") == "WARNING"
    assert "error" in pytestconfig.getini("filterwarnings")
    turned_off = [p.relative_to(ROOT) for p in (ROOT / "tests").rglob("*.py")
                  if p.name != Path(__file__).name and "qt_no_exception_capture" in p.read_text(encoding="utf-8")]
    assert turned_off == [], "a test or fixture turns pytest-qt's exception capture off"


@pytest.mark.slow
def test_slot_exceptions_and_warnings_fail_a_test(pytester):
    pytester.makefile(".toml", pyproject=_project_ini())
    pytester.makepyfile(test_inner=INNER)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-q")
    outcomes = result.parseoutcomes()
    assert outcomes.get("passed") == 1, result.stdout.str()
    failed = {line.split("::")[1].split(" ")[0] for line in result.stdout.lines if line.startswith("FAILED")}
    assert failed == {"test_slot_raises_on_direct_emit", "test_slot_raises_in_the_event_loop",
                      "test_virtual_method_raises", "test_python_warning", "test_qt_warning"}, result.stdout.str()
    text = result.stdout.str()
    assert "Exceptions caught in Qt event loop" in text and "boom in a slot" in text and "no such row" in text
    assert "DeprecationWarning: old API" in text
    assert "something Qt did not like" in text
