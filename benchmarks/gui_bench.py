"""GUI benchmark on a large database: start-up to a usable task list, one search keystroke,
sorting by deadline, peak memory.

    .venv/bin/python benchmarks/gui_bench.py [--db PATH] [--tasks 100000] [--only search]

``--only search`` measures just the search keystrokes (typed five times per run, no floors,
no sort): a quick before/after comparison of the search.

Without --db it uses (and if needed builds, through generate.py) the storage benchmark's
database benchmarks/out/bench-N/bench.sqlite3. Start-up is measured in a fresh process
from interpreter start (before importing the program) to the main window shown with the
task list showing its first rows, the way a user sees it (the rest is read in the
background: the time to the whole list is printed too, with the event loop's longest turn
meanwhile). Runs offscreen unless a display is set. Our modules' bytecode is compiled first (to
benchmarks/out/pycache), as an installed program has it.
Targets (issue 12) on the 2-core machine: ≤ 1.0 s to a usable task list, printed with two
floors measured in the same run (a bare Qt window over as many rows, a raw sqlite3 read of the
task columns) and the ratio; search keystroke worst ≤ 50 ms; sort by deadline first time
≤ 150 ms; peak memory ≤ 300 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

CHILD = r"""
import json, os, resource, statistics, sys, tempfile, time
t0 = time.perf_counter()
# in the order `nqdesk` imports them (desktop_app.gui first: it imports the data side before Qt)
from desktop_app.gui import i18n
from desktop_app.gui.app import application, build_window
from desktop_app.gui.views.tasks_view import TasksView
from desktop_app.store.db import open_database
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication
t_imports = time.perf_counter()
app = application()
i18n.set_language("vi")
db = open_database(sys.argv[1])
settings = QSettings(os.path.join(tempfile.mkdtemp(), "bench.ini"), QSettings.Format.IniFormat)
settings.setValue("ui/as_of_override", "2024-07-01")
window = build_window(db, settings)  # opens on the overview (Tổng quan), as on a first start
window.show()
app.processEvents()
t_overview = time.perf_counter()
window.nav.setCurrentRow(next(i for i, v in enumerate(window.views) if isinstance(v, TasksView)))
app.processEvents()
view = window.current_view
assert isinstance(view, TasksView), view
rows = view.model.rowCount()
t_ready = time.perf_counter()
cpu_ready = time.process_time()  # CPU time of the process from its start: comparable on a busy machine
# Over 2,000 tasks the first rows are shown at once and the rest read in the background
# (AppContext.load_task_rows): wait for the whole list, the event loop turning as a user's
# clicks would make it, and note its longest turn (how long the window was unresponsive).
first_rows = rows
longest_turn = 0.0
while view.waiting_for_rows():
    s = time.perf_counter(); app.processEvents(); longest_turn = max(longest_turn, time.perf_counter() - s)
    time.sleep(0.01)
rows = view.model.rowCount()
t_full = time.perf_counter()
app.processEvents()  # what the rows' arrival queued for when idle (the quick search's texts), as before a first key

cpu = {}

def timed(fn, repeat=1, name=None):
    out = []
    for _ in range(repeat):
        s = time.perf_counter(); c = time.process_time(); fn(); app.processEvents(); out.append(time.perf_counter() - s)
        if name:
            cpu.setdefault(name, []).append((time.process_time() - c) * 1000)
    return out

# one keystroke = the search text grows by one character (the model filters in memory)
text = "dang uy"
only_search = sys.argv[2:] == ["search"]
keystrokes = []
for _ in range(5 if only_search else 1):
    for i in range(1, len(text) + 1):
        keystrokes += timed(lambda i=i: view.search.setText(text[:i]), name="keystroke")
    hits = view.model.rowCount()
    view.search.clear(); app.processEvents()
if only_search:
    print(json.dumps({"rows": rows, "keystroke_ms": [k * 1000 for k in keystrokes], "hits": hits,
                      "keystroke_cpu_ms": cpu["keystroke"]}))
    sys.exit(0)
sort_first = timed(lambda: view.table.sortByColumn(view.model.column_index("due_date"), Qt.SortOrder.AscendingOrder), name="sort_first")
sort_again = timed(lambda: view.table.sortByColumn(view.model.column_index("due_date"), Qt.SortOrder.DescendingOrder), 3)
with open("/proc/self/status") as f:
    hwm = next((int(l.split()[1]) / 1024 for l in f if l.startswith("VmHWM")), None)
print(json.dumps({
    "rows": rows, "first_rows": first_rows, "full_s": t_full - t0, "longest_turn_ms": longest_turn * 1000,
    "imports_s": t_imports - t0, "startup_s": t_ready - t0, "overview_s": t_overview - t0, "window_s": t_ready - t_imports,
    "keystroke_ms": [k * 1000 for k in keystrokes], "hits": hits,
    "sort_first_ms": sort_first[0] * 1000, "sort_again_ms": statistics.median(sort_again) * 1000,
    "peak_mb": hwm or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "startup_cpu_s": cpu_ready, "keystroke_cpu_ms": cpu["keystroke"], "sort_first_cpu_ms": cpu["sort_first"][0],
}))
window.close(); db.close()
"""


FLOOR_QT = r"""
import json, sys, time
t0 = time.perf_counter()
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QTableView
n = int(sys.argv[1])
class M(QAbstractTableModel):
    def rowCount(self, parent=QModelIndex()): return 0 if parent.isValid() else n
    def columnCount(self, parent=QModelIndex()): return 0 if parent.isValid() else 8
    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return f"{index.row()}:{index.column()}" if role == Qt.ItemDataRole.DisplayRole else None
app = QApplication(sys.argv)
view = QTableView(); view.setModel(M()); view.resize(1200, 800); view.show(); app.processEvents()
print(json.dumps({"qt_floor_s": time.perf_counter() - t0}))
"""

FLOOR_SQLITE = r"""
import json, sqlite3, sys, time
t0 = time.perf_counter()
con = sqlite3.connect(sys.argv[1])
rows = con.execute("SELECT id, program_id, group_title, position, content, lead_body_id, product, deadline_kind, "
                   "due_date, deadline_text, assigned_date, search_fold FROM tasks").fetchall()
entries = con.execute("SELECT task_id, reported_on, completed, percent, id FROM progress_entries").fetchall()
print(json.dumps({"sqlite_floor_s": time.perf_counter() - t0, "n": len(rows)}))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db")
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", choices=["search"], help="measure only the search keystrokes")
    args = parser.parse_args()
    db = Path(args.db) if args.db else HERE / "out" / f"bench-{args.tasks}" / "bench.sqlite3"
    if not db.exists():
        db.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, str(HERE / "generate.py"), str(args.tasks), "--db", str(db)], check=True)
    env = dict(os.environ)
    if not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    # Our modules' bytecode compiled beforehand, as an installed program has it (pip compiles
    # a wheel's modules when it installs them; a checkout writes it on its first start):
    # else each run would compile them again (about 0.2–0.3 s here), under
    # PYTHONDONTWRITEBYTECODE at every start.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(HERE / "out" / "pycache")
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "desktop_app")], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    runs = []
    for _ in range(args.runs):
        out = subprocess.run([sys.executable, "-c", CHILD, str(db), *([args.only] if args.only else [])], env=env,
                             capture_output=True, text=True, timeout=600, check=False)
        if out.returncode != 0:
            print(out.stderr, file=sys.stderr)
            return 1
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    keys = [k for r in runs for k in r["keystroke_ms"]]
    cpu_keys = [k for r in runs for k in r["keystroke_cpu_ms"]]
    ok = lambda good: "OK" if good else "MISSED"  # noqa: E731
    search_line = (f"  search keystroke (\"dang uy\")    : median {statistics.median(keys):6.1f} ms, worst {max(keys):.1f} ms "
                   f"({runs[0]['hits']:,} hits)   target worst ≤ 50 ms: {ok(max(keys) <= 50)}")
    if args.only == "search":
        print(f"NQ Desk search benchmark: {runs[0]['rows']:,} tasks, {os.cpu_count()} CPUs, load "
              f"{os.getloadavg()[0]:.1f}, {len(runs)} runs × 5 × \"dang uy\"")
        print(search_line)
        per_run = ", ".join(f"{max(r['keystroke_cpu_ms']):.1f}" for r in runs)
        print(f"  CPU time: median {statistics.median(cpu_keys):.1f} ms, worst {max(cpu_keys):.1f} ms; worst per "
              f"run {per_run} ms")
        return 0
    floors = []
    for _ in range(args.runs):
        qt = subprocess.run([sys.executable, "-c", FLOOR_QT, str(runs[0]["rows"])], env=env, capture_output=True,
                            text=True, timeout=300, check=True)
        raw = subprocess.run([sys.executable, "-c", FLOOR_SQLITE, str(db)], env=env, capture_output=True,
                             text=True, timeout=300, check=True)
        floors.append({**json.loads(qt.stdout.strip().splitlines()[-1]),
                       **json.loads(raw.stdout.strip().splitlines()[-1])})
    med = lambda key: statistics.median(r[key] for r in runs)  # noqa: E731
    fmed = lambda key: statistics.median(r[key] for r in floors)  # noqa: E731
    print(f"NQ Desk GUI benchmark: {runs[0]['rows']:,} tasks in {db}, {os.cpu_count()} CPUs, "
          f"load {os.getloadavg()[0]:.1f}, median of {len(runs)} runs")
    print(f"  start-up to the overview shown  : {med('overview_s'):6.2f} s")
    print(f"  start-up to the task list usable: {med('startup_s'):6.2f} s  (imports {med('imports_s'):.2f} s, "
          f"window {med('window_s'):.2f} s; its first {runs[0]['first_rows']:,} rows shown, scrollable and "
          f"searchable)   target ≤ 1.0 s: {ok(med('startup_s') <= 1.0)}")
    print(f"  … to the whole list loaded      : {med('full_s'):6.2f} s  (read in the background; the event loop's "
          f"longest turn meanwhile {max(r['longest_turn_ms'] for r in runs):.0f} ms)")
    print(f"    floors: bare Qt window over {runs[0]['rows']:,} rows {fmed('qt_floor_s'):.2f} s, raw sqlite3 load "
          f"{fmed('sqlite_floor_s'):.2f} s; ratio start-up / (sum of floors) "
          f"{med('startup_s') / (fmed('qt_floor_s') + fmed('sqlite_floor_s')):.1f}")
    print(search_line)
    print(f"  sort by deadline                : first {med('sort_first_ms'):6.1f} ms, again {med('sort_again_ms'):.1f} ms"
          f"   target first ≤ 150 ms: {ok(med('sort_first_ms') <= 150)}")
    print(f"  CPU time (comparable when the machine is busy): start-up {med('startup_cpu_s'):.2f} s, keystroke "
          f"worst {max(k for r in runs for k in r['keystroke_cpu_ms']):.1f} ms, sort first {med('sort_first_cpu_ms'):.1f} ms")
    print(f"  peak memory                     : {med('peak_mb'):6.0f} MB   target ≤ 300 MB: {ok(med('peak_mb') <= 300)}")
    print(json.dumps({"runs": runs, "floors": floors}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
