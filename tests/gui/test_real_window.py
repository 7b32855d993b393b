"""The program opens a real X11 window (Qt's xcb plugin, not offscreen), as the README's first
command does on a fresh Debian: under Xvfb, found with xdotool, then closed with Ctrl+Q."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time

import pytest

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _tools() -> None:
    missing = [tool for tool in ("Xvfb", "xdotool") if shutil.which(tool) is None]
    if missing:
        reason = f"{' and '.join(missing)} not installed (sh tools/setup.sh --test installs them)"
        if IN_CI:
            pytest.fail(reason)
        pytest.skip(reason)


@pytest.fixture
def xvfb(tmp_path):
    _tools()
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
                              pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as pipe:
        display = ":" + pipe.readline().strip()
    yield display
    server.terminate()
    server.wait(timeout=10)


def _xdotool(display: str, *args: str, timeout: float = 30) -> str:
    run = subprocess.run(["xdotool", *args], capture_output=True, text=True, timeout=timeout,
                         env={**os.environ, "DISPLAY": display})
    return run.stdout.strip()


def _wait_for_window(display: str, name: str, deadline: float) -> str:
    while time.monotonic() < deadline:
        found = _xdotool(display, "search", "--onlyvisible", "--name", name)
        if found:
            return found.split()[0]
        time.sleep(0.3)
    return ""


def test_window_opens_on_a_real_display_and_closes(xvfb, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env.update(DISPLAY=xvfb, XDG_DATA_HOME=str(tmp_path / "data"), XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_RUNTIME_DIR=str(tmp_path))
    os.chmod(tmp_path, 0o700)
    program = subprocess.Popen([sys.executable, "-m", "desktop_app", "--db", str(tmp_path / "new.sqlite3")],
                               env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        # An empty database: the program first offers the demo data ("Không" declines it).
        offer = _wait_for_window(xvfb, "Cơ sở dữ liệu mới", deadline)
        assert offer, "the first-start question did not appear"
        # No window manager under Xvfb: give the window the focus and type through XTEST
        # (Qt ignores keys sent to a window as synthetic events).
        _xdotool(xvfb, "windowfocus", "--sync", offer)
        _xdotool(xvfb, "key", "Escape")
        window = _wait_for_window(xvfb, "NQ Desk", deadline)
        assert window, "the main window did not appear"
        _xdotool(xvfb, "windowfocus", "--sync", window)
        _xdotool(xvfb, "key", "ctrl+q")
        out, err = program.communicate(timeout=30)
    finally:
        if program.poll() is None:
            program.kill()
            program.communicate()
    assert program.returncode == 0, err
    assert "Traceback" not in err
    assert (tmp_path / "new.sqlite3").exists()
