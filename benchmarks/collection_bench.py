"""The report-collection round at scale: write one form per lead body for every programme,
fill every row as the bodies would (openpyxl), check (dry run) and record them.

    python benchmarks/collection_bench.py DB.sqlite3 [--folder DIR]

DB: a database made by ``benchmarks/generate.py N --db DB`` (its last report is dated
31/12/2025, so the round is taken on 02/01/2026). The database is copied first; the
original is not changed.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from datetime import date
from pathlib import Path

from openpyxl import load_workbook

from desktop_app.core.collection_form import COLUMN_INDEX, FIRST_TASK_ROW, FORM_SHEET
from desktop_app.export.collection_xlsx import write_collection_forms
from desktop_app.ops.collection import import_forms
from desktop_app.reports.collection import collection_round
from desktop_app.reports.lists import list_programs
from desktop_app.store.db import open_database

AS_OF = date(2026, 1, 2)
TODAY = date(2026, 1, 10)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("--folder")
    args = parser.parse_args()
    work = Path(args.folder or tempfile.mkdtemp(prefix="nqdesk-collect-"))
    work.mkdir(parents=True, exist_ok=True)
    copy = work / "bench.sqlite3"
    shutil.copy(args.db, copy)
    db = open_database(copy)
    programs = [p.id for p, _d, _n in list_programs(db)]

    t = time.perf_counter()
    round_ = collection_round(db, AS_OF, programs)
    t_round = time.perf_counter() - t
    tasks = sum(len(f.tasks) for f in round_.forms)
    forms = work / "forms"
    forms.mkdir(exist_ok=True)
    t, c = time.perf_counter(), time.process_time()
    paths = write_collection_forms(round_, forms)
    t_write, c_write = time.perf_counter() - t, time.process_time() - c
    print(f"round: {len(round_.forms)} forms, {tasks} tasks ({round_.completed_skipped} completed left out) "
          f"in {t_round:.2f} s; written in {t_write:.2f} s (CPU {c_write:.2f} s)")

    t = time.perf_counter()
    for path, form in zip(paths, round_.forms):
        wb = load_workbook(path)
        ws = wb[FORM_SHEET]
        for n in range(len(form.tasks)):
            ws.cell(FIRST_TASK_ROW + n, COLUMN_INDEX["percent"]).value = 50 + n % 40
            ws.cell(FIRST_TASK_ROW + n, COLUMN_INDEX["note"]).value = "Đã triển khai theo kế hoạch"
        wb.save(path)
    print(f"filled (openpyxl, as a body would) in {time.perf_counter() - t:.2f} s")

    t, c = time.perf_counter(), time.process_time()
    preview = import_forms(db, paths, dry_run=True, today=TODAY)
    t_dry, c_dry = time.perf_counter() - t, time.process_time() - c
    t, c = time.perf_counter(), time.process_time()
    result = import_forms(db, paths, today=TODAY)
    t_real, c_real = time.perf_counter() - t, time.process_time() - c
    refused = len(result.refused_files)
    # CPU time too: on a shared machine the wall clock says more about the neighbours
    print(f"dry run: {preview.recorded} entries in {t_dry:.2f} s (CPU {c_dry:.2f} s); recorded {result.recorded} "
          f"entries ({refused} forms refused) in {t_real:.2f} s (CPU {c_real:.2f} s, backup included)")
    db.close()


if __name__ == "__main__":
    main()
