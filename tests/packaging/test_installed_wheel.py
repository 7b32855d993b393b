"""The program as a user gets it: a wheelhouse made by tools/make_wheelhouse.py, installed with
no index at all (the offline recipe of the README) into a fresh virtual environment, and run
from another folder — demo data, profiles, every Word/Excel export, the study report, the
screenshots, and Qt's dialog buttons in Vietnamese. Nothing here may come from the source
checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent

pytestmark = pytest.mark.slow


def _clean_env(**extra: str) -> dict[str, str]:
    """No pip configuration (no index, no local mirror), no path to the checkout."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PIP_", "PYTHON", "NQDESK_", "VIRTUAL_ENV"))}
    env["PIP_CONFIG_FILE"] = os.devnull
    env.update(extra)
    return env


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("installed")
    wheelhouse = base / "wheelhouse"
    make = subprocess.run([sys.executable, str(ROOT / "tools" / "make_wheelhouse.py"), "-o", str(wheelhouse)],
                          capture_output=True, text=True, timeout=900)
    assert make.returncode == 0, make.stdout + make.stderr
    names = {p.name.split("-")[0].lower() for p in wheelhouse.glob("*.whl")}
    assert {"nqdesk", "pyside6_essentials", "psycopg", "setuptools", "wheel"} <= names, names

    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    python = venv / "bin" / "python"
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--disable-pip-version-check", "--no-index",
         "--find-links", str(wheelhouse), "nqdesk[postgres]"],
        capture_output=True, text=True, timeout=900, env=_clean_env(), cwd=base)
    assert install.returncode == 0, install.stdout[-3000:] + install.stderr[-3000:]
    elsewhere = base / "elsewhere"
    elsewhere.mkdir()
    return {"python": python, "nqdesk": venv / "bin" / "nqdesk", "cwd": elsewhere,
            "data": base / "data", "site": venv}


def _run(installed, *args: str, ok: bool = True) -> subprocess.CompletedProcess:
    env = _clean_env(XDG_DATA_HOME=str(installed["data"]), XDG_CONFIG_HOME=str(installed["data"] / "config"),
                     QT_QPA_PLATFORM="offscreen", NQDESK_USER="kiem-thu")
    run = subprocess.run([str(installed["nqdesk"]), *args], capture_output=True, text=True,
                         timeout=300, env=env, cwd=installed["cwd"])
    if ok:
        assert run.returncode == 0, f"nqdesk {' '.join(args)}:\n{run.stdout}\n{run.stderr}"
    assert "Traceback" not in run.stderr
    return run


def _docx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as docx:
        return docx.read("word/document.xml").decode("utf-8")


def test_the_installed_copy_is_not_the_checkout(installed):
    run = subprocess.run([str(installed["python"]), "-c", "import desktop_app, sys; print(desktop_app.__file__)"],
                         capture_output=True, text=True, env=_clean_env(), cwd=installed["cwd"])
    assert run.returncode == 0, run.stderr
    assert str(installed["site"]) in run.stdout and str(ROOT) not in run.stdout


def test_demo_profiles_and_every_export_work_from_another_folder(installed):
    cwd: Path = installed["cwd"]
    db = ["--db", str(cwd / "demo.sqlite3")]
    assert "0.1" in _run(installed, "--version").stdout
    _run(installed, "demo", *db)
    profiles = _run(installed, "profiles").stdout
    assert "hd36" in profiles and "nd30" in profiles

    _run(installed, "export", "program", "15", "-o", "ctr15.docx", *db)
    assert "CHƯƠNG TRÌNH HÀNH ĐỘNG" in _docx_text(cwd / "ctr15.docx")

    _run(installed, "report", "--from", "01/01/2024", "--to", "30/06/2024", "-o", "bao-cao.docx", *db)
    assert "BÁO CÁO" in _docx_text(cwd / "bao-cao.docx")
    _run(installed, "report", "--from", "01/01/2024", "--to", "30/06/2024", "-o", "theo-doi.xlsx", *db)
    with zipfile.ZipFile(cwd / "theo-doi.xlsx") as xlsx:
        assert any(name.startswith("xl/worksheets/") for name in xlsx.namelist())

    _run(installed, "followup", "--body", "BDVTU", "--as-of", "01/07/2024", "-o", "don-doc.docx", *db)
    assert "đôn đốc" in _docx_text(cwd / "don-doc.docx")

    _run(installed, "study-report", "--resolution", "45-NQ/TW", "--as-of", "31/12/2023", "-o", "hoc-tap.docx", *db)
    assert "điểm cầu" in _docx_text(cwd / "hoc-tap.docx")

    _run(installed, "screenshots", "anh")
    shots = sorted((cwd / "anh").glob("*.png"))
    assert len(shots) >= 6 and all(p.stat().st_size > 10_000 for p in shots)


QT_BUTTONS = """
from PySide6.QtWidgets import QApplication, QMessageBox
from desktop_app.gui import i18n
app = QApplication([])
i18n.set_language("vi")
assert i18n.install_qt_translator(app) is not None, "no Vietnamese catalog for Qt"
box = QMessageBox(QMessageBox.Icon.Question, "t", "t",
                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
                  | QMessageBox.StandardButton.Cancel)
print("|".join(box.button(b).text() for b in (QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No,
                                               QMessageBox.StandardButton.Cancel)))
"""


def test_qt_dialog_buttons_are_vietnamese(installed):
    run = subprocess.run([str(installed["python"]), "-c", QT_BUTTONS], capture_output=True, text=True,
                         env=_clean_env(QT_QPA_PLATFORM="offscreen"), cwd=installed["cwd"], timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip().replace("&", "") == "Có|Không|Hủy"
