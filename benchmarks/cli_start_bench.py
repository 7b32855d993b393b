"""Command-line start-up benchmark: how long ``nqdesk`` takes before it does anything.

    python benchmarks/cli_start_bench.py [--tasks 100000] [--db FILE] [--runs 9]

Every figure comes from fresh processes, measured in the same run so that they share the
machine's state (compare a figure with the floor, not with another day's run):

  (a) floor: ``python -c pass`` (the interpreter and site start-up, nothing of ours);
  (b) ``nqdesk --version``, wall time. Target: 0.15 s;
  (c) the imports ``nqdesk stats`` needs: ``python -X importtime`` of the command on the
      database, summing every top-level import the bare interpreter does not make, with the
      modules' own times by package (SQLAlchemy is most of it). Target: 0.2 s;
  (d) ``nqdesk stats`` on a database of N tasks (built with generate.py if missing), wall time,
      as of 30/06/2025 (before the data's last reports: those tasks' logs are read);
  (e) the same as of today (the default): every task's maintained log summary holds.

Each is the median of --runs processes after one warm-up. The processes may write their
compiled bytecode (to benchmarks/out/pycache), as an installed program has it: without it each
run would also compile our modules. Human-readable lines, then one line of JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (benchmarks/generate.py)

VERSION_TARGET_S = 0.15
STATS_IMPORT_TARGET_S = 0.20


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(generate.DEFAULT_OUT_DIR / "pycache")
    env.setdefault("NQDESK_USER", "benchmark")
    return env


def nqdesk_command() -> list[str]:
    """The console script users run (``nqdesk``), or ``python -m desktop_app.cli`` without one."""
    script = Path(sys.executable).with_name("nqdesk.exe" if os.name == "nt" else "nqdesk")
    return [str(script)] if script.exists() else [sys.executable, "-m", "desktop_app.cli"]


def wall(cmd: list[str], runs: int) -> tuple[float, list[float]]:
    env = child_env()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, check=True)  # warm-up, writes the bytecode
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times), times


def imports_of(code: str) -> tuple[float, dict[str, float]]:
    """``python -X importtime -c code``: seconds of the top-level imports the bare interpreter
    does not make (each with everything it imported), and their self times by package."""
    def run(source: str) -> list[tuple[int, str, int, int]]:
        result = subprocess.run([sys.executable, "-X", "importtime", "-c", source], env=child_env(),
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=True)
        rows = []
        for line in result.stderr.splitlines():
            if line.startswith("import time:") and "self [us]" not in line:
                self_us, cumulative, name = line[len("import time:"):].split("|")
                depth = (len(name) - len(name.lstrip())) // 2  # two spaces more per level
                rows.append((depth, name.strip(), int(self_us), int(cumulative)))
        return rows

    floor = {name for depth, name, _, _ in run("pass") if depth == 0}
    total, packages, pending = 0.0, defaultdict(float), []
    for depth, name, self_us, cumulative in run(code):  # children are printed before their parent
        pending.append((name, self_us))
        if depth == 0:
            if name not in floor:
                total += cumulative / 1e6
                for module, us in pending:
                    packages["desktop_app" if module.startswith("desktop_app") else module.split(".")[0]] += us / 1e6
            pending = []
    return total, dict(packages)


def stats_imports(db: Path, runs: int) -> tuple[float, dict[str, float], list[float]]:
    code = f"from desktop_app.cli import main; main(['--db', {str(db)!r}, 'stats'])"
    imports_of(code)  # warm-up
    measured = [imports_of(code) for _ in range(runs)]
    totals = [total for total, _ in measured]
    median = statistics.median(totals)
    _, packages = min(measured, key=lambda m: abs(m[0] - median))
    return median, dict(sorted(packages.items(), key=lambda kv: -kv[1])), totals


def verdict(value: float, target: float) -> str:
    return "met" if value <= target else "MISSED"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--tasks", type=int, default=100_000, help="tasks in the database for (c) and (d)")
    p.add_argument("--db", type=Path, help="an existing database (default: benchmarks/out/bench-N/bench.sqlite3, "
                                           "built if missing)")
    p.add_argument("--runs", type=int, default=9, help="processes per figure (the median is printed)")
    args = p.parse_args(argv)

    db_path = generate.bench_database(args.tasks, args.db)
    nqdesk = nqdesk_command()
    print(f"nqdesk start-up, {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}, median of {args.runs} "
          f"processes; command: {' '.join(nqdesk)}", flush=True)

    floor, floor_runs = wall([sys.executable, "-c", "pass"], args.runs)
    print(f"(a) floor: python -c pass                 : {floor:6.3f} s")
    version, version_runs = wall([*nqdesk, "--version"], args.runs)
    print(f"(b) nqdesk --version                       : {version:6.3f} s   (floor + {version - floor:.3f} s)   "
          f"target {VERSION_TARGET_S:.2f} s: {verdict(version, VERSION_TARGET_S)}")
    imports, packages, import_runs = stats_imports(db_path, args.runs)
    print(f"(c) imports of nqdesk stats                : {imports:6.3f} s   "
          f"target {STATS_IMPORT_TARGET_S:.2f} s: {verdict(imports, STATS_IMPORT_TARGET_S)}")
    for name, seconds in list(packages.items())[:8]:
        print(f"      {name:38} {seconds:6.3f} s")
    stats, stats_runs = wall([*nqdesk, "--db", str(db_path), "stats", "--as-of", "30/06/2025"], args.runs)
    print(f"(d) nqdesk stats, {args.tasks:,} tasks{'':<{max(0, 17 - len(f'{args.tasks:,}'))}}: {stats:6.3f} s")
    today, today_runs = wall([*nqdesk, "--db", str(db_path), "stats"], args.runs)
    print(f"(e) the same as of today                   : {today:6.3f} s")
    print(json.dumps({
        "tasks": args.tasks, "runs": args.runs, "load": os.getloadavg()[0],
        "floor_s": floor, "version_s": version, "stats_imports_s": imports, "stats_s": stats, "stats_today_s": today,
        "stats_imports_by_package_s": dict(list(packages.items())[:10]),
        "all_runs": {"floor": floor_runs, "version": version_runs, "stats_imports": import_runs, "stats": stats_runs,
                     "stats_today": today_runs},
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
