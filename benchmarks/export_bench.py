"""Word export benchmark: a programme of 1,000 tasks and a typical 30-task programme.

    .venv/bin/python benchmarks/export_bench.py [--profile hd36]

Builds both programmes in a temporary database through the operations layer (bodies and
resolutions from the demo data), then times export_program (read through reports/, build and
save the .docx), median of 5 runs after one warm-up. Targets on the 2-core machine: under 3 s
and 0.5 s.

The floor, measured in the same run: the 1,000 tasks' appendix table (the same seven cells of
text per task) written through python-docx's own API (``add_table``, ``add_row``,
``cell.text``) and saved. Target (issue 12): the whole 1,000-task programme, header, sections,
signature and appendix included, in at most 0.5 × that floor.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from desktop_app.export.program_docx import export_program  # noqa: E402
from desktop_app.ops.interchange import import_data  # noqa: E402
from desktop_app.resources import DEMO_FILE  # noqa: E402
from desktop_app.store.db import open_database  # noqa: E402

GROUPS = ["Công tác tuyên truyền, quán triệt", "Hoàn thiện cơ chế, chính sách", "Nâng cao chất lượng đội ngũ",
          "Kiểm tra, giám sát", "Tổ chức thực hiện"]
DEADLINES = ["Quý I/2024", "Quý II/2024", "Trước ngày 30/06/2024", "Năm 2025", "Thường xuyên", "Hằng năm",
             "Giai đoạn 2024 - 2030", "Tháng 9/2024"]


def programme(demo: dict, tasks: int, number: int) -> dict:
    source = next(p for p in demo["programs"] if p["number"] == 15)
    bodies = [b["key"] for b in demo["bodies"] if b["kind"] in ("advisory_body", "party_delegation", "state_agency")]
    rows = []
    for i in range(tasks):
        rows.append({
            "group": GROUPS[i * len(GROUPS) // tasks], "deadline": DEADLINES[i % len(DEADLINES)],
            "content": f"Nhiệm vụ số {i + 1}: tham mưu xây dựng và tổ chức thực hiện kế hoạch cụ thể hóa Nghị quyết "
                       "về chính sách xã hội đối với người có công, hộ nghèo và đồng bào dân tộc thiểu số trên địa bàn tỉnh.",
            "lead_body": bodies[i % len(bodies)], "coordinating_bodies": [bodies[(i + 3) % len(bodies)]],
            "product": "Kế hoạch", "assigned_date": "2024-03-20",
        })
    return {**source, "number": number, "tasks": rows}


def python_docx_floor(db, program_id: int, path: Path) -> tuple[float, float]:
    """Seconds (wall, CPU) to write the programme's appendix rows with python-docx's public API (the data
    already read): what a straightforward exporter would cost."""
    import docx

    from desktop_app.reports.program_data import load_program_data

    data = load_program_data(db, program_id)
    start, cpu = time.perf_counter(), time.process_time()
    document = docx.Document()
    table = document.add_table(rows=1, cols=7)
    for cell, title in zip(table.rows[0].cells, ("STT", "Nội dung", "Chủ trì", "Phối hợp", "Sản phẩm",
                                                  "Thời hạn", "Ghi chú")):
        cell.text = title
    for n, task in enumerate(data.tasks, start=1):
        values = (str(n), task.content, task.lead.name if task.lead else "",
                  ", ".join(b.name for b in task.coordinators), task.product, task.deadline_text, task.note)
        for cell, value in zip(table.add_row().cells, values):
            cell.text = value
    document.save(str(path))
    return time.perf_counter() - start, time.process_time() - cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", default="hd36")
    args = parser.parse_args()
    demo = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(Path(tmp) / "export.sqlite3", create=True)
        data = {"format": "nqdesk/1", "bodies": demo["bodies"], "documents": demo["documents"],
                "programs": [programme(demo, 1000, 91), programme(demo, 30, 92)]}
        import_data(db, data, today=date(2026, 1, 1))
        from desktop_app.reports.lists import list_programs

        ids = {p.number: p.id for p, _docs, _n in list_programs(db)}
        figures, cpu_figures = {}, {}
        for number, label, target in ((91, "1,000 tasks", 3.0), (92, "30 tasks", 0.5)):
            times, cpu_times = [], []
            for run in range(6):
                start, cpu = time.perf_counter(), time.process_time()
                export_program(db, ids[number], Path(tmp) / f"p{number}-{run}.docx", profile=args.profile)
                times.append(time.perf_counter() - start)
                cpu_times.append(time.process_time() - cpu)
            median = statistics.median(times[1:])
            figures[label] = median
            cpu_figures[label] = statistics.median(cpu_times[1:])
            size = (Path(tmp) / f"p{number}-0.docx").stat().st_size / 1024
            verdict = "OK" if median < target else "OVER TARGET"
            print(f"  export programme of {label:11}: {median:6.3f} s  ({size:,.0f} KB)   target < {target} s: {verdict}")
        floors = [python_docx_floor(db, ids[91], Path(tmp) / f"floor-{run}.docx") for run in range(6)]
        floor = statistics.median(f[0] for f in floors[1:])
        cpu_floor = statistics.median(f[1] for f in floors[1:])
        ratio = figures["1,000 tasks"] / floor
        cpu_ratio = cpu_figures["1,000 tasks"] / cpu_floor
        verdict = "OK" if ratio <= 0.5 else "OVER TARGET"
        print(f"  floor: python-docx API, 1,000 rows: {floor:6.3f} s   ratio {ratio:.2f} × floor   "
              f"target ≤ 0.5 ×: {verdict}")
        # CPU time too: on a busy machine the wall-clock figures swing by 2×, the CPU times much less
        print(f"  CPU time: export {cpu_figures['1,000 tasks']:.3f} s, floor {cpu_floor:.3f} s, "
              f"ratio {cpu_ratio:.2f} ×")
        db.close()
    print(json.dumps({"profile": args.profile, "seconds": figures, "python_docx_floor": floor,
                      "ratio_to_floor": ratio, "cpu_seconds": cpu_figures, "cpu_floor": cpu_floor,
                      "cpu_ratio_to_floor": cpu_ratio}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
