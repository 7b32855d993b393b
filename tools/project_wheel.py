"""NQ Desk's own wheel, built from a clean copy of the sources (used by make_wheelhouse.py and
build_windows.py).

``pip wheel .`` in the checkout builds in place: it leaves ``build/`` and ``nqdesk.egg-info``
there, a later build can pick up a module deleted since from the stale ``build/lib``, and two
builds at once (the packaging tests run in parallel) write the same folders. Copying what the
wheel is made of — ``pyproject.toml``, ``README.md`` and ``desktop_app/`` without byte code — to a
temporary folder first avoids all three.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("pyproject.toml", "README.md")
PACKAGE = "desktop_app"


class WheelError(Exception):
    """pip could not build the wheel; the message carries pip's own last lines."""


def build_project_wheel(dest: Path, *, quiet: bool = True) -> Path:
    """Build the nqdesk wheel into *dest* (created if missing) and return its path."""
    dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="nqdesk-src-") as tmp:
        source = Path(tmp) / "src"
        source.mkdir()
        for name in SOURCES:
            shutil.copy2(ROOT / name, source / name)
        shutil.copytree(ROOT / PACKAGE, source / PACKAGE,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.pyo"))
        out = Path(tmp) / "wheel"
        command = [sys.executable, "-m", "pip", "--disable-pip-version-check", "wheel", "--no-deps",
                   *(["--quiet"] if quiet else []), "-w", str(out), str(source)]
        run = subprocess.run(command, capture_output=True, text=True)
        if run.returncode != 0:
            raise WheelError(f"pip wheel failed (exit code {run.returncode}):\n"
                             f"{run.stdout[-3000:]}{run.stderr[-3000:]}")
        wheels = sorted(out.glob("nqdesk-*.whl"))
        if not wheels:
            raise WheelError("pip wheel made no nqdesk wheel.")
        target = dest / wheels[-1].name
        shutil.copy2(wheels[-1], target)
    return target
