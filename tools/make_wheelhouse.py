"""Make a wheelhouse: NQ Desk's own wheel and every wheel it needs, to carry on a USB stick
to a PC without internet and install there with no index at all.

On a connected machine, in the source folder:

    python3 tools/make_wheelhouse.py -o wheelhouse                      # for this kind of PC
    python3 tools/make_wheelhouse.py -o wheelhouse-win --platform win_amd64 --python-version 3.11

On the PC without internet (the same Python minor version as the wheelhouse was made for):

    python3 -m venv nqdesk-env
    nqdesk-env/bin/pip install --no-index --find-links wheelhouse "nqdesk[postgres]"
    (Windows: nqdesk-env\\Scripts\\pip install --no-index --find-links wheelhouse "nqdesk[postgres]")

The wheelhouse also holds the build backend (setuptools, wheel), so an editable install from
the source folder works offline too: ``pip install --no-index --find-links wheelhouse -e .``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(Path(__file__).resolve().parent) not in sys.path:  # run as a script or loaded by the tests
    sys.path.insert(0, str(Path(__file__).resolve().parent))
import project_wheel

BUILD_BACKEND = ["setuptools>=68", "wheel"]


def _pip(*args: str) -> None:
    command = [sys.executable, "-m", "pip", "--disable-pip-version-check", *args]
    run = subprocess.run(command, capture_output=True, text=True)
    if run.returncode != 0:
        raise SystemExit(f"pip failed ({' '.join(args[:2])}):\n{run.stdout[-3000:]}{run.stderr[-3000:]}")


def build_project_wheel(out: Path) -> Path:
    """NQ Desk's own wheel (pure Python, for every platform)."""
    try:
        return project_wheel.build_project_wheel(out)
    except project_wheel.WheelError as exc:
        raise SystemExit(str(exc)) from None


def make_wheelhouse(out: Path, *, extras: str = "postgres", platform: str | None = None,
                    python_version: str | None = None) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    wheel = build_project_wheel(out)
    target: list[str] = []
    if platform or python_version:
        target = ["--only-binary=:all:", "--implementation", "cp"]
        if platform:
            target += ["--platform", platform]
        if python_version:
            target += ["--python-version", python_version]
    requirement = f"{wheel}[{extras}]" if extras else str(wheel)
    _pip("download", "-d", str(out), *target, requirement)
    # The build backend is pure Python: the same files serve every platform.
    _pip("download", "-d", str(out), "--only-binary=:all:", *BUILD_BACKEND)
    return sorted(out.glob("*.whl"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "wheelhouse", help="folder to fill")
    parser.add_argument("--extras", default="postgres", help="extras to include ('' for none)")
    parser.add_argument("--platform", help="another platform's wheels, e.g. win_amd64")
    parser.add_argument("--python-version", help="that platform's Python, e.g. 3.11")
    args = parser.parse_args(argv)
    wheels = make_wheelhouse(args.output, extras=args.extras, platform=args.platform,
                             python_version=args.python_version)
    size = sum(w.stat().st_size for w in wheels) / 1e6
    print(f"{len(wheels)} wheels, {size:.0f} MB in {args.output}")
    package = f"nqdesk[{args.extras}]" if args.extras else "nqdesk"
    print(f"Install without internet:  pip install --no-index --find-links {args.output} \"{package}\"")
    return 0


if __name__ == "__main__":
    sys.exit(main())
