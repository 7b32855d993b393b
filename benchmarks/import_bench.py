"""Import of an ``nqdesk/2`` file with N tasks into an empty SQLite database: the path
``nqdesk import-json`` and the GUI's «Nhập dữ liệu» take. Issue 12's target: 100,000 tasks in
at most 12 s on the 2-core machine (about 25 s before).

    .venv/bin/python benchmarks/import_bench.py [--tasks 100000] [--runs 3] [--profile]

Prints, for each run, the time to read the file (``load_json``), to check it into a plan
(``build_plan``) and the whole import (``import_data``: backup, plan, writing, journal), then
the median of the runs with the target, and one JSON line with everything. The process's CPU
time is printed beside the wall time: on a machine busy with other work it is the figure to
compare. ``--profile`` runs
one more import under cProfile and prints the 25 functions with the most own time.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate  # noqa: E402

TARGET_S = 12.0


def data_file(tasks: int) -> Path:
    path = generate.DEFAULT_OUT_DIR / f"tasks-{tasks}.json"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        generate.main([str(tasks), "--out", str(path)])
    return path


def one_run(json_path: Path, workdir: Path, n: int, profile: cProfile.Profile | None = None) -> dict:
    from desktop_app.interchange.reader import build_plan, load_json
    from desktop_app.ops.interchange import import_data
    from desktop_app.store.db import open_database

    t0 = time.perf_counter()
    data = load_json(json_path)
    t1 = time.perf_counter()
    build_plan(data, today=generate.IMPORT_TODAY)
    t2 = time.perf_counter()
    db = open_database(workdir / f"import-{n}.sqlite3", create=True)
    try:
        if profile is not None:
            profile.enable()
        t3, c3 = time.perf_counter(), time.process_time()
        report = import_data(db, data, source=json_path.name, today=generate.IMPORT_TODAY)
        t4, c4 = time.perf_counter(), time.process_time()
        if profile is not None:
            profile.disable()
    finally:
        db.close()
    return {"load_json_s": t1 - t0, "build_plan_s": t2 - t1, "import_s": t4 - t3, "import_cpu_s": c4 - c3,
            "tasks_added": report.tasks_added, "progress_added": report.progress_added}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--tasks", type=int, default=100_000)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--profile", action="store_true", help="one more run under cProfile; print the hot spots")
    args = p.parse_args(argv)
    json_path = data_file(args.tasks)
    runs = []
    with tempfile.TemporaryDirectory(prefix="nqdesk-import-bench-") as tmp:
        for n in range(args.runs):
            r = one_run(json_path, Path(tmp), n)
            runs.append(r)
            print(f"run {n + 1}: load_json {r['load_json_s']:.2f} s, build_plan {r['build_plan_s']:.2f} s, "
                  f"import_data {r['import_s']:.2f} s (CPU {r['import_cpu_s']:.2f} s; {r['tasks_added']:,} tasks, "
                  f"{r['progress_added']:,} progress entries)", flush=True)
        median = statistics.median(r["import_s"] for r in runs)
        median_cpu = statistics.median(r["import_cpu_s"] for r in runs)
        scaled = TARGET_S * args.tasks / 100_000
        verdict = "OK" if median <= scaled else "OVER TARGET"
        print(f"import of {args.tasks:,} tasks: median {median:.2f} s over {len(runs)} runs "
              f"(CPU {median_cpu:.2f} s; target ≤ {scaled:.1f} s{'' if args.tasks == 100_000 else ', scaled from 12 s per 100,000'}; "
              f"about 25 s before issue 12) → {verdict}")
        if args.profile:
            prof = cProfile.Profile()
            one_run(json_path, Path(tmp), args.runs, profile=prof)
            out = io.StringIO()
            pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(25)
            print(out.getvalue())
    print(json.dumps({"tasks": args.tasks, "runs": runs, "median_import_s": median, "median_import_cpu_s": median_cpu, "target_s": scaled}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
