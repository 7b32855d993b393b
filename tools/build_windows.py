#!/usr/bin/env python3
"""Assemble the portable NQ Desk folder and zip for 64-bit Windows, on any machine (Linux too).

    python tools/build_windows.py --python-embed python-3.11.9-embed-amd64.zip --sha256 <hash>

What goes in:
- the CPython embeddable distribution, a file the person building supplies (it is not downloaded
  here): https://www.python.org/downloads/windows/ -> "Windows embeddable package (64-bit)" of
  Python 3.11 (3.11.9 is the last 3.11 release with Windows binaries). Its SHA-256 is checked.
- win_amd64 wheels for CPython 3.11 of NQ Desk and its dependencies, with the ``postgres`` extra
  (psycopg[binary]) and tzdata, installed by ``pip install --target --platform win_amd64``.
- PySide6 trimmed to the Qt modules the program imports (found by reading ``desktop_app``).

The result (``--out``, default ``build/windows``):

    NQDesk/NQDesk.bat          starts the window (pythonw, no console)
    NQDesk/nqdesk.bat          the command line (python.exe), e.g. ``nqdesk.bat --version``
    NQDesk/README-Windows.txt  for the users, in Vietnamese
    NQDesk/python/             the embeddable CPython; python311._pth adds ..\\site-packages
    NQDesk/site-packages/      NQ Desk and its dependencies for Windows
    NQDesk-<version>-win64.zip

After assembling, the script checks what can be checked without Windows (layout, that every
module the program imports is there, that every DLL a PE file imports is in the bundle or is a
Windows system DLL, no Linux binaries, the zip's size) and stops with a message if one fails.
Expected failures (missing or unknown embeddable zip, pip failure, a failed check) end with a
message and exit code 1, never a traceback.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(Path(__file__).resolve().parent) not in sys.path:  # run as a script or loaded by the tests
    sys.path.insert(0, str(Path(__file__).resolve().parent))
import project_wheel

PY_MAJOR_MINOR = (3, 11)
PY_TAG = "cp311"
PY_DLL = "python311.dll"
PY_PTH = "python311._pth"
PY_STDLIB_ZIP = "python311.zip"

# PySide6 for Windows: 6.9.x, knowingly. From 6.10 on, Qt6Core.dll imports icuuc.dll, the ICU
# that Windows itself ships only from Windows 10 1903; on Windows 10 LTSC 2019 (1809) and
# Windows Server 2019, still common on office PCs, the program would not start ("icuuc.dll not
# found"). 6.9.3 imports no ICU (checked with objdump -p on its Qt6Core.dll) and is within the
# range pyproject.toml allows (>=6.9,<6.12).
PYSIDE_WINDOWS = "6.9.3"

SIZE_LIMIT = 120 * 1000 * 1000  # bytes, the zip

EMBED_PAGE = "https://www.python.org/downloads/windows/"

# SHA-256 of official embeddable zips, exactly as python.org publishes them (the release page,
# or https://www.python.org/ftp/python/<ver>/windows-<ver>.json). Empty on purpose: no published
# value could be confirmed from the machine this script was written on, and an invented hash is
# worse than none. Until an entry is added, every file needs --sha256 (compared with python.org).
KNOWN_EMBED_SHA256: dict[str, str] = {}

EMBED_REQUIRED = (PY_DLL, PY_STDLIB_ZIP, PY_PTH, "python.exe", "pythonw.exe", "vcruntime140.dll")

# Qt files kept besides the Python modules the program imports and the DLLs they pull in.
QT_PLUGINS_KEPT = (
    "platforms/qwindows.dll",      # the Windows platform
    "platforms/qoffscreen.dll",    # screenshots and tests without a display
    "platforms/qminimal.dll",
    "styles/qmodernwindowsstyle.dll",
    "imageformats/qico.dll",
    "imageformats/qjpeg.dll",
    "imageformats/qgif.dll",
)
# Loaded at run time by name (not imported by a PE file): keep them although nothing imports them.
QT_RUNTIME_KEPT = ("pyside6.abi3.dll",)
# Whole folders of the PySide6 package that the program never uses (Qt Quick, WebEngine data,
# Qt's own translations - the program ships its own -, headers, type stubs for tools).
PYSIDE_DIRS_DROPPED = ("qml", "resources", "translations", "metatypes", "include", "typesystems",
                       "glue", "scripts", "examples", "doc")

# DLLs that every supported Windows (10 1607+/Server 2016+, 64-bit) provides, lower case. The
# Universal CRT (api-ms-win-crt-*) is part of Windows 10. The Visual C++ runtime (vcruntime140,
# msvcp140) is NOT here: it is not part of Windows and must be in the bundle.
WINDOWS_SYSTEM_DLLS = frozenset(name.lower() for name in """
advapi32.dll authz.dll bcrypt.dll cfgmgr32.dll comctl32.dll comdlg32.dll crypt32.dll d2d1.dll
d3d11.dll d3d12.dll d3d9.dll d3dcompiler_47.dll dbghelp.dll dcomp.dll dnsapi.dll dwmapi.dll
dwrite.dll dxgi.dll gdi32.dll gdiplus.dll glu32.dll hid.dll imm32.dll iphlpapi.dll kernel32.dll
mpr.dll msimg32.dll msvcrt.dll ncrypt.dll netapi32.dll ntdll.dll ole32.dll oleacc.dll
oleaut32.dll opengl32.dll powrprof.dll propsys.dll rpcrt4.dll secur32.dll setupapi.dll
shell32.dll shcore.dll shlwapi.dll user32.dll userenv.dll usp10.dll uxtheme.dll version.dll
winhttp.dll wininet.dll winmm.dll winspool.drv wintrust.dll wldap32.dll wsock32.dll ws2_32.dll
wtsapi32.dll cabinet.dll msi.dll rpcrt4.dll normaliz.dll dwmapi.dll mf.dll mfplat.dll
mfreadwrite.dll mfuuid.dll evr.dll ksuser.dll avrt.dll mmdevapi.dll dxva2.dll ntdsapi.dll
credui.dll uiautomationcore.dll
""".split())
WINDOWS_SYSTEM_PREFIXES = ("api-ms-win-", "ext-ms-")
# The ICU that Windows ships from Windows 10 1903 on, and that Qt 6.10+ imports: not on Windows
# 10 LTSC 2019 / Server 2019. Not counted as missing, but the build warns when a file needs it.
WINDOWS_1903_ICU_DLLS = frozenset({"icu.dll", "icuuc.dll", "icuin.dll"})

PE_MACHINE_AMD64 = 0x8664


class BuildError(Exception):
    """An expected failure: printed as a message, exit code 1."""


def say(text: str) -> None:
    print(text, flush=True)


# ---------------------------------------------------------------------------------------------
# The embeddable distribution


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def check_embed(path: Path | None, expected_sha256: str | None) -> str:
    """Refuse a missing, unknown or wrong embeddable zip; return its SHA-256."""
    where = (f"Get it from {EMBED_PAGE} -> Python 3.11.x -> \"Windows embeddable package (64-bit)\" "
             f"(python-3.11.9-embed-amd64.zip), and pass it with --python-embed PATH.")
    if path is None:
        raise BuildError("No CPython embeddable distribution given. " + where)
    if not path.is_file():
        raise BuildError(f"{path}: no such file. " + where)
    actual = sha256_of(path)
    known = KNOWN_EMBED_SHA256.get(path.name)
    if known is not None and actual != known:
        raise BuildError(f"{path.name}: SHA-256 is {actual}, but python.org published {known}. "
                         "The file is damaged or not the official one; download it again. " + where)
    if known is None:
        if expected_sha256 is None:
            raise BuildError(
                f"{path.name} is not in this script's table of known files. Its SHA-256 is\n"
                f"    {actual}\n"
                f"Compare it with the SHA-256 that python.org publishes for this file ({EMBED_PAGE}, "
                "or the release's windows-<version>.json), and if they are equal run again with\n"
                f"    --sha256 {actual}")
        if actual != expected_sha256.strip().lower():
            raise BuildError(f"{path.name}: SHA-256 is {actual}, not the {expected_sha256} given "
                             "with --sha256. Do not use this file; download it again. " + where)
    try:
        with zipfile.ZipFile(path) as z:
            names = {n.lower() for n in z.namelist()}
    except zipfile.BadZipFile:
        raise BuildError(f"{path}: not a zip file. " + where) from None
    missing = [n for n in EMBED_REQUIRED if n.lower() not in names]
    if missing:
        raise BuildError(f"{path.name} is not the 64-bit embeddable package of Python "
                         f"{'.'.join(map(str, PY_MAJOR_MINOR))} (missing: {', '.join(missing)}). "
                         + where)
    return actual


def install_embed(embed_zip: Path, python_dir: Path) -> None:
    python_dir.mkdir(parents=True)
    with zipfile.ZipFile(embed_zip) as z:
        z.extractall(python_dir)
    # The ._pth file replaces sys.path entirely (and makes Python ignore PYTHONPATH and the
    # user's site-packages): the stdlib zip, the python folder, and our site-packages.
    (python_dir / PY_PTH).write_text(
        f"{PY_STDLIB_ZIP}\r\n.\r\n..\\site-packages\r\n"
        "\r\n# NQ Desk: no 'import site' - nothing in site-packages needs .pth processing.\r\n",
        encoding="ascii", newline="")


# ---------------------------------------------------------------------------------------------
# The Windows packages


def run(cmd: list[str], what: str) -> None:
    say("  $ " + " ".join(cmd))
    result = subprocess.run(cmd)
    if result.returncode != 0:
        raise BuildError(f"{what} failed (exit code {result.returncode}); see pip's messages above.")


def build_project_wheel(dest: Path) -> Path:
    try:
        return project_wheel.build_project_wheel(dest)
    except project_wheel.WheelError as exc:
        raise BuildError(f"Building the NQ Desk wheel: {exc}") from None


def install_windows_packages(project_wheel: Path, target: Path, pyside: str,
                             wheelhouse: Path | None) -> None:
    cmd = [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
           "--target", str(target), "--platform", "win_amd64",
           "--python-version", ".".join(map(str, PY_MAJOR_MINOR)), "--implementation", "cp",
           "--abi", PY_TAG, "--only-binary=:all:", "--no-compile"]
    if wheelhouse is not None:
        cmd += ["--no-index", "--find-links", str(wheelhouse)]
    cmd += [f"{project_wheel}[postgres]", "tzdata",
            f"PySide6-Essentials=={pyside}", f"PySide6-Addons=={pyside}", f"shiboken6=={pyside}"]
    run(cmd, "Installing the win_amd64 wheels")
    shutil.rmtree(target / "bin", ignore_errors=True)  # console-script stubs for POSIX


# ---------------------------------------------------------------------------------------------
# What the program imports


def program_imports(package_dir: Path) -> set[str]:
    """Absolute module names imported anywhere in ``desktop_app`` (top level or inside functions)."""
    names: set[str] = set()
    for py in package_dir.rglob("*.py"):
        tree = ast.parse(py.read_bytes(), filename=str(py))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module)
                # "from PySide6 import QtCharts" imports a module, not a name
                # ("from PySide6 import __version__" imports a name: only Qt* are modules)
                if node.module == "PySide6":
                    names.update(f"PySide6.{a.name}" for a in node.names if a.name.startswith("Qt"))
    return {n for n in names if n.split(".")[0] != "desktop_app"}


def qt_modules_used(package_dir: Path) -> set[str]:
    return {n.split(".")[1] for n in program_imports(package_dir)
            if n.startswith("PySide6.") and n.count(".") >= 1}


# ---------------------------------------------------------------------------------------------
# PE files (Windows DLLs, .pyd, .exe): which DLLs they import


@dataclass
class PEInfo:
    machine: int
    imports: list[str] = field(default_factory=list)        # load-time imports
    delay_imports: list[str] = field(default_factory=list)  # loaded on first use


def is_pe(path: Path) -> bool:
    with path.open("rb") as f:
        head = f.read(64)
        if len(head) < 64 or head[:2] != b"MZ":
            return False
        f.seek(struct.unpack_from("<I", head, 0x3C)[0])
        return f.read(4) == b"PE\0\0"


def pe_info(path: Path) -> PEInfo:
    """The machine type and imported DLL names of a PE file (what ``objdump -p`` lists)."""
    data = path.read_bytes()
    pe = struct.unpack_from("<I", data, 0x3C)[0]
    if data[pe:pe + 4] != b"PE\0\0":
        raise ValueError(f"{path}: not a PE file")
    machine, n_sections = struct.unpack_from("<HH", data, pe + 4)
    opt_size = struct.unpack_from("<H", data, pe + 20)[0]
    opt = pe + 24
    magic = struct.unpack_from("<H", data, opt)[0]
    dirs = opt + (112 if magic == 0x20B else 96)
    n_dirs = struct.unpack_from("<I", data, dirs - 4)[0]
    sections = []
    for i in range(n_sections):
        s = opt + opt_size + 40 * i
        vsize, vaddr, rawsize, rawptr = struct.unpack_from("<IIII", data, s + 8)
        sections.append((vaddr, max(vsize, rawsize), rawptr))

    def offset(rva: int) -> int:
        for vaddr, size, rawptr in sections:
            if vaddr <= rva < vaddr + size:
                return rva - vaddr + rawptr
        raise ValueError(f"{path}: RVA {rva:#x} outside every section")

    def cstring(rva: int) -> str:
        start = offset(rva)
        return data[start:data.index(b"\0", start)].decode("ascii", "replace")

    info = PEInfo(machine)
    if n_dirs > 1:
        rva = struct.unpack_from("<I", data, dirs + 8)[0]
        if rva:
            pos = offset(rva)
            while True:
                desc = struct.unpack_from("<IIIII", data, pos)
                if not any(desc):
                    break
                info.imports.append(cstring(desc[3]))
                pos += 20
    if n_dirs > 13:
        rva = struct.unpack_from("<I", data, dirs + 13 * 8)[0]
        if rva:
            pos = offset(rva)
            while True:
                attrs, name_rva = struct.unpack_from("<II", data, pos)
                if not name_rva:
                    break
                info.delay_imports.append(cstring(name_rva))
                pos += 32
    return info


def is_system_dll(name: str) -> bool:
    low = name.lower()
    return low in WINDOWS_SYSTEM_DLLS or low.startswith(WINDOWS_SYSTEM_PREFIXES)


def needs_windows_icu(app: Path) -> list[str]:
    """PE files of the bundle that import the ICU of Windows 10 1903+."""
    return [str(pe.relative_to(app)) for pe in pe_files(app)
            if any(n.lower() in WINDOWS_1903_ICU_DLLS for n in pe_info(pe).imports)]


def pe_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*")
                  if p.is_file() and p.suffix.lower() in (".dll", ".pyd", ".exe") and is_pe(p))


def dll_search_dirs(app: Path) -> list[Path]:
    """Folders where Windows finds a DLL for any module of the bundle: the python folder (the
    application's own), and the folders that packages register with os.add_dll_directory
    (PySide6 and shiboken6 do; delvewheel-repaired wheels use <name>.libs)."""
    site = app / "site-packages"
    dirs = [app / "python", site / "PySide6", site / "shiboken6"]
    dirs += sorted(p for p in site.glob("*.libs") if p.is_dir())
    return [d for d in dirs if d.is_dir()]


def missing_dlls(app: Path) -> dict[str, list[str]]:
    """{PE file (relative): [imported DLLs that are neither in the bundle nor in Windows]}.
    Delay-loaded DLLs count too: a missing one fails on first use instead of at start."""
    dirs = dll_search_dirs(app)
    present = {d: {p.name.lower() for p in d.iterdir()} for d in dirs}
    problems: dict[str, list[str]] = {}
    for pe in pe_files(app):
        own = {p.name.lower() for p in pe.parent.iterdir()}
        info = pe_info(pe)
        lost = [name for name in info.imports + info.delay_imports
                if not is_system_dll(name) and name.lower() not in WINDOWS_1903_ICU_DLLS
                and name.lower() not in own
                and not any(name.lower() in present[d] for d in dirs)]
        if lost:
            problems[str(pe.relative_to(app))] = lost
    return problems


# ---------------------------------------------------------------------------------------------
# Trimming PySide6


def trim_pyside(site: Path, qt_modules: set[str]) -> None:
    """Keep only the Qt modules the program imports, the DLLs they need and a few plugins."""
    pyside = site / "PySide6"
    for name in PYSIDE_DIRS_DROPPED:
        shutil.rmtree(pyside / name, ignore_errors=True)
    keep: set[Path] = {pyside / f"{m}.pyd" for m in qt_modules}
    keep |= {pyside / "plugins" / p for p in QT_PLUGINS_KEPT}
    keep |= {pyside / n for n in QT_RUNTIME_KEPT}
    keep = {p for p in keep if p.exists()}
    missing = sorted(f"{m}.pyd" for m in qt_modules if not (pyside / f"{m}.pyd").exists())
    if missing:
        raise BuildError(f"PySide6 for Windows has no {', '.join(missing)}.")
    # Follow the imports of what we keep to the DLLs in PySide6/ and shiboken6/.
    # Both wheels ship the Visual C++ runtime (msvcp140.dll...): every copy of a needed DLL stays.
    local: dict[str, list[Path]] = {}
    for d in (pyside, site / "shiboken6"):
        for p in d.glob("*.dll"):
            local.setdefault(p.name.lower(), []).append(p)
    todo = list(keep)
    while todo:
        info = pe_info(todo.pop())
        for name in info.imports + info.delay_imports:
            for dep in local.get(name.lower(), []):
                if dep not in keep:
                    keep.add(dep)
                    todo.append(dep)
    for path in list(pyside.rglob("*")):
        if not path.is_file():
            continue
        suffix = path.suffix.lower()
        if suffix in (".dll", ".pyd", ".exe") and path not in keep:
            path.unlink()
        elif suffix in (".pyi", ".lib", ".qmltypes", ".prl"):
            path.unlink()
        elif path.is_relative_to(pyside / "plugins") and path not in keep:
            path.unlink()
    for d in sorted((p for p in pyside.rglob("*") if p.is_dir()), reverse=True):
        if not any(d.iterdir()):
            d.rmdir()


def drop_clutter(site: Path) -> None:
    """Byte-code caches from the build machine and the type-stub / test folders nobody runs."""
    for p in list(site.rglob("__pycache__")):
        shutil.rmtree(p, ignore_errors=True)
    for p in list((site / "shiboken6").glob("*.lib")) + list((site / "shiboken6").glob("*.pyi")):
        p.unlink()


def compile_bytecode(site: Path) -> bool:
    """Pre-compile the .py files so the first start on a read-only folder is not slow. Only a
    CPython of the same minor version writes byte code the Windows Python accepts; the
    'unchecked-hash' mode makes Python use it whatever the file times after unzipping."""
    if sys.version_info[:2] != PY_MAJOR_MINOR:
        say(f"  (not pre-compiling: this is Python {sys.version_info[0]}.{sys.version_info[1]}, "
            f"the bundle is {'.'.join(map(str, PY_MAJOR_MINOR))})")
        return False
    import compileall
    import py_compile
    ok = compileall.compile_dir(
        str(site), quiet=2, workers=0, ddir="",  # every core: the build is mostly this
        invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
    return bool(ok)


# ---------------------------------------------------------------------------------------------
# Launchers and the users' README


NQDESK_BAT = (
    "@echo off\r\n"
    "rem NQ Desk - mo cua so chuong trinh (khong hien cua so dong lenh).\r\n"
    "start \"\" \"%~dp0python\\pythonw.exe\" -m desktop_app %*\r\n"
)
NQDESK_CLI_BAT = (
    "@echo off\r\n"
    "rem NQ Desk - dong lenh, vi du: nqdesk.bat --version\r\n"
    "\"%~dp0python\\python.exe\" -m desktop_app %*\r\n"
    "exit /b %ERRORLEVEL%\r\n"
)

README_WINDOWS = """\
NQ DESK - BẢN CHẠY NGAY CHO WINDOWS (không cần cài đặt)
=====================================================

Phiên bản: {version}

Cách dùng
---------
1. Giải nén tệp zip vào một thư mục trên máy, ví dụ C:\\NQDesk hoặc D:\\NQDesk
   (không chạy trực tiếp bên trong tệp zip).
2. Nhấp đúp tệp NQDesk.bat để mở chương trình.
   Có thể tạo lối tắt ra màn hình nền: nhấp chuột phải vào NQDesk.bat
   -> Gửi tới (Send to) -> Màn hình nền (tạo lối tắt).
3. Lần đầu mở với cơ sở dữ liệu trống, chương trình hỏi có nạp dữ liệu mẫu không.

Dữ liệu nằm ở đâu
-----------------
Dữ liệu không nằm trong thư mục chương trình mà trong thư mục dữ liệu của người dùng
(Công cụ -> Tùy chọn cho biết đường dẫn). Thay bản mới của chương trình bằng cách xóa
thư mục cũ và giải nén bản mới: dữ liệu vẫn giữ nguyên.

Dòng lệnh
---------
Mở Command Prompt trong thư mục này và gõ, ví dụ:
    nqdesk.bat --version
    nqdesk.bat --help

Yêu cầu
-------
- Windows 10 hoặc Windows 11 bản 64-bit (kể cả Windows 10 LTSC 2019 và Windows Server
  2019/2022). Không cần cài Python hay thư viện nào khác.
- Không cần Internet.
- Có sẵn trình điều khiển PostgreSQL (psycopg) để dùng cơ sở dữ liệu chung của cơ quan.

Bên trong
---------
python\\         Python {python} (bản nhúng chính thức của python.org)
site-packages\\  NQ Desk và các thư viện: PySide6 {pyside} (Qt), SQLAlchemy, python-docx,
                openpyxl, Babel, psycopg, tzdata...
"""


def write_launchers(app: Path, version: str, python_version: str, pyside: str) -> None:
    (app / "NQDesk.bat").write_text(NQDESK_BAT, encoding="ascii", newline="")
    (app / "nqdesk.bat").write_text(NQDESK_CLI_BAT, encoding="ascii", newline="")
    text = README_WINDOWS.format(version=version, python=python_version, pyside=pyside)
    # UTF-8 with a BOM and CRLF: Notepad of every Windows 10 shows the Vietnamese correctly.
    (app / "README-Windows.txt").write_text(text.replace("\n", "\r\n"), encoding="utf-8-sig",
                                            newline="")


def embed_python_version(python_dir: Path) -> str:
    """The X.Y.Z of the embeddable Python, read from the version resource of python311.dll."""
    data = (python_dir / PY_DLL).read_bytes()
    marker = "ProductVersion".encode("utf-16-le")
    at = data.find(marker)
    if at >= 0:
        tail = data[at + len(marker):at + len(marker) + 64].decode("utf-16-le", "ignore")
        m = re.search(r"(\d+\.\d+\.\d+)", tail)
        if m:
            return m.group(1)
    return ".".join(map(str, PY_MAJOR_MINOR))


# ---------------------------------------------------------------------------------------------
# Checks of the assembled folder


def module_present(name: str, site: Path, python_dir: Path, stdlib: set[str]) -> bool:
    parts = name.split(".")
    # the standard library: python311.zip (compiled) or an extension next to python.exe
    if "/".join(parts) + ".pyc" in stdlib or "/".join(parts) + "/__init__.pyc" in stdlib:
        return True
    if len(parts) == 1 and (python_dir / f"{name}.pyd").exists():
        return True
    if len(parts) == 1 and name in WINDOWS_BUILTIN_MODULES:
        return True
    base = site.joinpath(*parts)
    if (base / "__init__.py").exists() or base.with_suffix(".py").exists():
        return True
    return any(base.parent.glob(f"{parts[-1]}.*.pyd")) or base.with_suffix(".pyd").exists()


# Built into python311.dll on Windows (CPython 3.11, PC/config.c), so in no file of the bundle.
WINDOWS_BUILTIN_MODULES = frozenset("""
array _ast audioop binascii cmath errno faulthandler gc math nt _operator _signal _md5 _sha1
_sha256 _sha512 _sha3 _blake2 itertools _thread time _tokenize _typing xxsubtype _codecs
_weakref _random _bisect _heapq _lsprof _json zlib mmap _locale msvcrt _winapi _codecs_cn
_codecs_hk _codecs_iso2022 _codecs_jp _codecs_kr _codecs_tw _multibytecodec winreg _datetime
_functools _opcode _pickle _stat _string _struct _tracemalloc _io _abc _contextvars
_collections _csv _statistics atexit marshal sys builtins _imp _warnings _symtable _sre
""".split())
# Modules imported by the program that only exist (or are only used) on other systems.
NOT_ON_WINDOWS = frozenset({"fcntl", "termios", "pwd", "grp", "resource", "posix"})
# Packages the Windows build must carry although the program reaches them indirectly.
WINDOWS_RUNTIME_PACKAGES = ("tzdata", "psycopg", "psycopg_binary", "shiboken6", "lxml")


def check_bundle(app: Path, zip_path: Path | None) -> list[str]:
    """Everything that can be checked without Windows; returns the problems (empty: all good)."""
    problems: list[str] = []
    site = app / "site-packages"
    python_dir = app / "python"
    for rel in ("NQDesk.bat", "nqdesk.bat", "README-Windows.txt", f"python/{PY_PTH}",
                f"python/{PY_DLL}", "python/python.exe", "python/pythonw.exe",
                f"python/{PY_STDLIB_ZIP}", "python/vcruntime140.dll",
                "site-packages/desktop_app/__main__.py", "site-packages/desktop_app/resources"):
        if not (app / rel).exists():
            problems.append(f"missing {rel}")
    if problems:
        return problems
    pth = (python_dir / PY_PTH).read_text(encoding="ascii").splitlines()
    if "..\\site-packages" not in pth:
        problems.append(f"{PY_PTH} does not add ..\\site-packages")
    with zipfile.ZipFile(python_dir / PY_STDLIB_ZIP) as z:
        stdlib = set(z.namelist())
    for name in sorted(program_imports(site / "desktop_app") | set(WINDOWS_RUNTIME_PACKAGES)):
        if name.split(".")[0] in NOT_ON_WINDOWS:
            continue
        if not module_present(name, site, python_dir, stdlib):
            problems.append(f"module {name} is missing for Windows")
    linux = [str(p.relative_to(app)) for p in app.rglob("*")
             if p.is_file() and (p.suffix == ".so" or ".so." in p.name or p.suffix == ".dylib")]
    problems += [f"non-Windows binary {p}" for p in linux]
    for pe in pe_files(app):
        if pe_info(pe).machine != PE_MACHINE_AMD64:
            problems.append(f"{pe.relative_to(app)} is not a 64-bit (x64) PE file")
    for pe, lost in missing_dlls(app).items():
        problems.append(f"{pe} imports {', '.join(lost)}, which is neither in the bundle nor in Windows")
    if zip_path is not None and zip_path.stat().st_size > SIZE_LIMIT:
        problems.append(f"{zip_path.name} is {zip_path.stat().st_size / 1e6:.1f} MB, "
                        f"over the {SIZE_LIMIT / 1e6:.0f} MB limit")
    return problems


# ---------------------------------------------------------------------------------------------


def make_zip(app: Path, zip_path: Path) -> None:
    zip_path.unlink(missing_ok=True)
    # deflate level 6: within about 1 % of level 9 in size on these files, and several times faster
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        for path in sorted(app.rglob("*")):
            arc = Path(app.name) / path.relative_to(app)
            if path.is_dir():
                continue
            z.write(path, arc.as_posix())


def project_version() -> str:
    init = (ROOT / "desktop_app" / "__init__.py").read_text(encoding="utf-8")
    m = re.search(r"__version__\s*=\s*[\"']([^\"']+)", init)
    return m.group(1) if m else "0"


def build(embed: Path, sha256: str | None, out: Path, wheelhouse: Path | None, pyside: str,
          compile_pyc: bool = True) -> Path:
    started = time.monotonic()
    check_embed(embed, sha256)
    version = project_version()
    app = out / "NQDesk"
    zip_path = out / f"NQDesk-{version}-win64.zip"
    if app.exists():
        shutil.rmtree(app)
    out.mkdir(parents=True, exist_ok=True)
    say(f"1/6 Python: {embed.name} -> {app / 'python'}")
    install_embed(embed, app / "python")
    python_version = embed_python_version(app / "python")
    with tempfile.TemporaryDirectory(prefix="nqdesk-wheel-") as tmp:
        say("2/6 NQ Desk wheel")
        wheel = build_project_wheel(Path(tmp))
        say(f"3/6 win_amd64 wheels (PySide6 {pyside}, psycopg[binary], tzdata)")
        install_windows_packages(wheel, app / "site-packages", pyside, wheelhouse)
    site = app / "site-packages"
    qt = qt_modules_used(site / "desktop_app")
    say(f"4/6 Trimming PySide6 to {', '.join(sorted(qt))}")
    trim_pyside(site, qt)
    drop_clutter(site)
    if compile_pyc:
        compile_bytecode(site)
    write_launchers(app, version, python_version, pyside)
    say(f"5/6 Zip {zip_path.name}")
    make_zip(app, zip_path)
    say("6/6 Checks")
    problems = check_bundle(app, zip_path)
    if problems:
        raise BuildError("The bundle failed its checks:\n  " + "\n  ".join(problems))
    icu = needs_windows_icu(app)
    if icu:
        say(f"WARNING: {', '.join(icu)} import(s) the ICU of Windows 10 1903+: this bundle will not "
            "start on Windows 10 LTSC 2019 / Server 2019. PySide6 6.9.x avoids it.")
    say(f"Done in {time.monotonic() - started:.0f} s: {zip_path} "
        f"({zip_path.stat().st_size / 1e6:.1f} MB; folder {app})")
    return zip_path


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter,
                                epilog=f"The embeddable zip: {EMBED_PAGE}, \"Windows embeddable "
                                       "package (64-bit)\" of Python 3.11 (python-3.11.9-embed-amd64.zip).")
    p.add_argument("--python-embed", type=Path, metavar="ZIP",
                   help="python-3.11.X-embed-amd64.zip from python.org")
    p.add_argument("--sha256", help="the SHA-256 python.org publishes for that file (needed for a "
                                    "file not in the script's table)")
    p.add_argument("--out", type=Path, default=ROOT / "build" / "windows",
                   help="output folder (default: build/windows)")
    p.add_argument("--wheelhouse", type=Path,
                   help="a folder of win_amd64 wheels to install from, without an index")
    p.add_argument("--pyside", default=PYSIDE_WINDOWS,
                   help=f"PySide6 version for Windows (default {PYSIDE_WINDOWS}; 6.10+ needs Windows 10 1903+)")
    p.add_argument("--no-compile", action="store_true", help="do not pre-compile .py files")
    p.add_argument("--check-only", type=Path, metavar="FOLDER",
                   help="only run the checks on an assembled NQDesk folder")
    args = p.parse_args(argv)
    try:
        if args.check_only is not None:
            problems = check_bundle(args.check_only, None)
            for problem in problems:
                say(f"  {problem}")
            say("OK" if not problems else f"{len(problems)} problem(s)")
            return 1 if problems else 0
        if args.wheelhouse is not None and not args.wheelhouse.is_dir():
            raise BuildError(f"--wheelhouse {args.wheelhouse}: no such folder.")
        build(args.python_embed, args.sha256, args.out.resolve(), args.wheelhouse, args.pyside,
              compile_pyc=not args.no_compile)
    except BuildError as exc:
        print(f"build_windows: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("build_windows: interrupted", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
