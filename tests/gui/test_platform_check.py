"""Start-up on Linux when Qt cannot open a window: a Vietnamese explanation, never a Qt abort."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from desktop_app.gui import i18n
from desktop_app.gui.platform_check import (
    missing_from_ldd,
    packages_for,
    platform_problem,
)

LDD_OUTPUT = """\
\tlinux-vdso.so.1 (0x00007ffd)
\tlibQt6XcbQpa.so.6 => /x/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f)
\tlibxcb-cursor.so.0 => not found
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibxcb-icccm.so.4 => not found
\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f)
"""


def test_ldd_output_names_each_missing_library_once():
    assert missing_from_ldd(LDD_OUTPUT) == ["libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1"]
    assert packages_for(missing_from_ldd(LDD_OUTPUT)) == ["libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1"]
    assert missing_from_ldd("\tlibc.so.6 => /lib/libc.so.6 (0x1)\n") == []


def _fake_qt(tmp_path: Path, ldd_output: str) -> tuple[Path, dict[str, str]]:
    """A Qt folder with the two files the check looks at, and an ``ldd`` that reports *ldd_output*."""
    qt = tmp_path / "Qt"
    (qt / "plugins" / "platforms").mkdir(parents=True)
    (qt / "lib").mkdir()
    (qt / "plugins" / "platforms" / "libqxcb.so").write_bytes(b"")
    (qt / "lib" / "libQt6XcbQpa.so.6").write_bytes(b"")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (tmp_path / "ldd-output.txt").write_text(ldd_output)
    ldd = bin_dir / "ldd"
    ldd.write_text(f"#!/bin/sh\ncat '{tmp_path / 'ldd-output.txt'}'\n")
    ldd.chmod(0o755)
    return qt, {"PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}


def test_missing_xcb_libraries_are_named_with_their_packages(tmp_path, monkeypatch):
    qt, env = _fake_qt(tmp_path, LDD_OUTPUT)
    monkeypatch.setenv("PATH", env["PATH"])
    i18n.set_language("vi")
    message = platform_problem({"DISPLAY": ":0"}, qt_dir=qt)
    assert message is not None
    assert "libxcb-cursor.so.0, libxcb-icccm.so.4, libxcb-keysyms.so.1" in message
    assert "sudo apt-get install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1" in message
    i18n.set_language("en")
    try:
        english = platform_problem({"DISPLAY": ":0"}, qt_dir=qt)
    finally:
        i18n.set_language("vi")
    assert english is not None and "missing" in english.lower() and "libxcb-icccm4" in english


def test_nothing_missing_means_no_problem(tmp_path, monkeypatch):
    qt, env = _fake_qt(tmp_path, "\tlibc.so.6 => /lib/libc.so.6 (0x1)\n")
    monkeypatch.setenv("PATH", env["PATH"])
    assert platform_problem({"DISPLAY": ":0"}, qt_dir=qt) is None
    # Not xcb at all (offscreen, or a Wayland session): nothing to check.
    assert platform_problem({"QT_QPA_PLATFORM": "offscreen"}, qt_dir=qt) is None
    assert platform_problem({"WAYLAND_DISPLAY": "wayland-0"}, qt_dir=qt) is None


def test_no_display_is_explained_not_aborted(tmp_path):
    """The real program, started with no display: a Vietnamese message and exit code 1,
    where Qt alone would abort ("could not connect to display")."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    run = subprocess.run([sys.executable, "-m", "desktop_app", "--db", str(tmp_path / "x.sqlite3")],
                         capture_output=True, text=True, env=env, timeout=60, cwd=tmp_path)
    assert run.returncode == 1, run.stderr
    assert "Không tìm thấy màn hình đồ họa" in run.stderr
    assert "Traceback" not in run.stderr and "Aborted" not in run.stderr
    assert not (tmp_path / "x.sqlite3").exists(), "nothing is created when the window cannot open"
