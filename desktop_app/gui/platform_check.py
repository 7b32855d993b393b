"""Before Qt opens a window on Linux: can its window-system plugin load at all?

When a library the xcb plugin needs is missing, or there is no display, Qt prints an English
message and aborts the process; a user who started the program from a menu sees nothing.
This check runs first and explains in Vietnamese which system packages to install.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from .i18n import _

# The shared libraries Qt's xcb plugin and Qt's own libraries load, and the Debian/Ubuntu
# package that provides each (the same names as tools/setup.sh installs).
DEBIAN_PACKAGE_OF = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb.so.1": "libxcb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
}

_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found", re.MULTILINE)


def missing_from_ldd(output: str) -> list[str]:
    """The library names ``ldd`` reports as not found, in order, without repeats."""
    seen: list[str] = []
    for name in _NOT_FOUND.findall(output):
        if name not in seen:
            seen.append(name)
    return seen


def packages_for(libraries: list[str]) -> list[str]:
    packages: list[str] = []
    for lib in libraries:
        package = DEBIAN_PACKAGE_OF.get(lib, "")
        if package and package not in packages:
            packages.append(package)
    return packages


def _qt_dir() -> Path | None:
    try:
        import PySide6
    except ImportError:
        return None
    return Path(PySide6.__file__).resolve().parent / "Qt"


def _uses_xcb(env: os._Environ[str] | dict[str, str]) -> bool:
    platform = env.get("QT_QPA_PLATFORM", "").strip()
    if platform:
        return platform.split(":")[0].split(";")[0] == "xcb"
    # Qt picks Wayland on a Wayland session (and falls back to xcb itself).
    return not env.get("WAYLAND_DISPLAY")


def missing_libraries(qt_dir: Path | None = None) -> list[str]:
    """Libraries the xcb plugin (and the Qt libraries under it) cannot find, from ``ldd``."""
    qt_dir = qt_dir or _qt_dir()
    ldd = shutil.which("ldd")
    if qt_dir is None or ldd is None:
        return []
    # ldd lists the whole tree below the plugin (libQt6XcbQpa and what it loads) in one run.
    files = [qt_dir / "plugins" / "platforms" / "libqxcb.so"]
    missing: list[str] = []
    for file in files:
        if not file.exists():
            continue
        try:
            run = subprocess.run([ldd, str(file)], capture_output=True, text=True, timeout=20)
        except (OSError, subprocess.SubprocessError):
            continue
        for lib in missing_from_ldd(run.stdout):
            if lib not in missing:
                missing.append(lib)
    return missing


def platform_problem(env: os._Environ[str] | dict[str, str] | None = None,
                     qt_dir: Path | None = None) -> str | None:
    """A Vietnamese explanation when Qt could not open a window here, or None when it can."""
    if not sys.platform.startswith("linux"):
        return None
    env = os.environ if env is None else env
    if not _uses_xcb(env):
        return None
    if not env.get("DISPLAY"):
        return _("Không tìm thấy màn hình đồ họa (biến DISPLAY trống), nên NQ Desk không mở được "
                 "cửa sổ. Hãy chạy chương trình trong phiên làm việc có giao diện đồ họa; các lệnh "
                 "«nqdesk …» (xuất Word, báo cáo, sao lưu) vẫn dùng được không cần màn hình.")
    missing = missing_libraries(qt_dir)
    if not missing:
        return None
    packages = packages_for(missing)
    message = _("Qt không nạp được trình hiển thị cửa sổ (xcb) vì máy còn thiếu thư viện: "
                "{libraries}.").format(libraries=", ".join(missing))
    if packages:
        message += "\n" + _("Trên Debian/Ubuntu, hãy cài bằng lệnh:\n  sudo apt-get install {packages}\n"
                            "(hoặc chạy «sh tools/setup.sh» trong thư mục mã nguồn), rồi mở lại "
                            "NQ Desk.").format(packages=" ".join(packages))
    return message
