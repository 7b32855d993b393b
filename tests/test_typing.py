"""mypy on the packages that are kept typed (pyproject.toml [tool.mypy]: strict on core/,
clean on ops/, reports/ and interchange/), run through the normal test command so CI runs it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHECKED = ("desktop_app/core", "desktop_app/ops", "desktop_app/reports", "desktop_app/interchange")


def _mypy(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mypy", *args], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8", timeout=600)


@pytest.mark.slow
def test_typed_packages_have_no_mypy_errors():
    """The packages come from the config (so a package added there is checked here too);
    the list above is what the config must at least hold."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    assert set(CHECKED) <= set(config["files"])
    result = _mypy()
    assert result.returncode == 0, f"mypy found errors:\n{result.stdout}{result.stderr}"


@pytest.mark.slow
def test_the_check_would_catch_an_error(tmp_path):
    """The same configuration reports a wrong type (so a green run above means something)."""
    bad = tmp_path / "bad.py"
    bad.write_text("def f(x: int) -> str:\n    return x\n", encoding="utf-8")
    result = _mypy("--config-file", str(ROOT / "pyproject.toml"), str(bad))
    assert result.returncode == 1 and "Incompatible return value type" in result.stdout, result.stdout
