"""Dashboard benchmark: the progress figures (Tổng quan, ``nqdesk stats``) on N tasks.

    python benchmarks/dashboard_bench.py [--tasks 100000] [--db FILE] [--as-of 2025-06-30]

Uses (or builds, with benchmarks/generate.py) a SQLite database of N tasks with their
progress logs, then measures, median of 5 runs after one warm-up:

  (a) ``reports.progress.dashboard`` straight from the database: every figure, overall
      and per lead body (``nqdesk stats``, the periodic report), as of --as-of, a day before
      the data's last reports: the tasks reported after it are summarised from their log;
  (a') the same as of today, after every report: every task's maintained log summary
      (``task_log_summaries``) holds, the progress log itself is not read;
  (b) ``reports.progress.dashboard_from_rows`` on the task list the program already holds
      (what the Tổng quan screen computes when it is shown, when the programme selection
      changes, and after each edit);
  (c) ``reports.progress.reminder_digest`` on the same list (the reminder panel).

The task list itself (``list_tasks``, loaded once at start-up for the Nhiệm vụ screen) is
timed by store_bench.py. Human-readable lines, then one line of JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (benchmarks/generate.py)

TARGET_S = 0.300
RUNS = 5


def median_of(fn, runs: int = RUNS, cpu: list | None = None):
    """(median wall time, wall times, result); the CPU times (``time.process_time``) are
    appended to *cpu*: on a shared machine they vary less than the wall times."""
    fn()  # warm-up
    times, result = [], None
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        result = fn()
        times.append(time.perf_counter() - t0)
        if cpu is not None:
            cpu.append(time.process_time() - c0)
    return statistics.median(times), times, result


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--tasks", type=int, default=100_000)
    p.add_argument("--db", type=Path, help="an existing database (default: benchmarks/out/bench-N/bench.sqlite3, "
                                           "built if missing)")
    p.add_argument("--as-of", type=date.fromisoformat, default=date(2025, 6, 30))
    args = p.parse_args(argv)
    os.environ.setdefault("NQDESK_USER", "benchmark")

    from sqlalchemy import func, select

    from desktop_app.reports.progress import dashboard, dashboard_from_rows, reminder_digest
    from desktop_app.reports.tasks import list_tasks
    from desktop_app.store.db import open_database
    from desktop_app.store.models import ProgressEntry, Task

    db_path = generate.bench_database(args.tasks, args.db)
    db = open_database(str(db_path))
    try:
        with db.read() as s:
            n_tasks = s.scalar(select(func.count()).select_from(Task))
            n_entries = s.scalar(select(func.count()).select_from(ProgressEntry))
        print(f"{n_tasks:,} tasks, {n_entries:,} progress entries, as of {args.as_of.isoformat()}, "
              f"median of {RUNS} runs after one warm-up")
        a_cpu: list[float] = []
        a_med, a_runs, board = median_of(lambda: dashboard(db, args.as_of), cpu=a_cpu)
        today = date.today()
        t_cpu: list[float] = []
        t_med, t_runs, _board = median_of(lambda: dashboard(db, today), cpu=t_cpu)
        rows = list_tasks(db, args.as_of)
        b_med, b_runs, board_rows = median_of(lambda: dashboard_from_rows(rows, args.as_of, period=board.period))
        c_med, c_runs, groups = median_of(lambda: reminder_digest(rows, args.as_of))
    finally:
        db.close()
    assert board == board_rows, "the two paths disagree"

    def verdict(value: float) -> str:
        return "OK" if value < TARGET_S else "MISSED"

    print(f"(a) dashboard from the database       : {a_med * 1000:7.0f} ms   target < {TARGET_S * 1000:.0f} ms: "
          f"{verdict(a_med)}   (CPU {statistics.median(a_cpu) * 1000:.0f} ms)")
    print(f"(a') the same as of today ({today:%d/%m/%Y}) : {t_med * 1000:7.0f} ms   target < {TARGET_S * 1000:.0f} ms: "
          f"{verdict(t_med)}   (CPU {statistics.median(t_cpu) * 1000:.0f} ms)")
    print(f"(b) dashboard from the loaded list    : {b_med * 1000:7.0f} ms   target < {TARGET_S * 1000:.0f} ms: "
          f"{verdict(b_med)}")
    print(f"(c) reminder digest from the list     : {c_med * 1000:7.0f} ms   ({len(groups)} bodies)")
    f = board.overall
    print(f"    figures: assigned {f.assigned:,}, due {f.due:,}, on time {f.done_on_time:,}, late {f.done_late:,}, "
          f"overdue {f.overdue:,}, in progress {f.in_progress:,}, not yet due {f.not_yet_due:,}; "
          f"{len(board.by_body)} lead bodies")
    print(json.dumps({"tasks": n_tasks, "progress_entries": n_entries, "as_of": args.as_of.isoformat(),
                      "dashboard_db_s": a_med, "dashboard_db_runs_s": a_runs,
                      "dashboard_db_cpu_s": statistics.median(a_cpu), "dashboard_db_today_s": t_med,
                      "dashboard_db_today_runs_s": t_runs, "dashboard_db_today_cpu_s": statistics.median(t_cpu),
                      "dashboard_rows_s": b_med, "dashboard_rows_runs_s": b_runs,
                      "digest_s": c_med, "target_s": TARGET_S, "overall": f.as_dict()}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
