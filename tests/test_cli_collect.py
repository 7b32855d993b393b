"""``nqdesk collect forms`` / ``nqdesk collect import`` end to end: write the forms, fill two
as bodies would (openpyxl), tamper with a third, dry run, record, and the exit codes."""

from __future__ import annotations

import json
from datetime import datetime

from openpyxl import load_workbook
from sqlalchemy import select

from desktop_app.cli import main
from desktop_app.core.collection_form import COLUMN_INDEX, FIRST_TASK_ROW, FORM_SHEET, REFERENCE_CELL
from desktop_app.store.db import open_database
from desktop_app.store.models import ProgressEntry


def run(capsys, *args) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _fill(path, offset: int, **cells) -> None:
    wb = load_workbook(path)
    ws = wb[FORM_SHEET]
    for key, value in cells.items():
        if key == "reference_all":
            ws[REFERENCE_CELL] = value
        else:
            ws.cell(FIRST_TASK_ROW + offset, COLUMN_INDEX[key]).value = value
    wb.save(path)


def _entries(path) -> list[tuple]:
    db = open_database(path)
    try:
        with db.read() as s:
            return [tuple(r) for r in s.execute(select(ProgressEntry.task_id, ProgressEntry.percent,
                                                       ProgressEntry.completed, ProgressEntry.evidence)
                                                .order_by(ProgressEntry.id))]
    finally:
        db.close()


def test_collect_round_end_to_end(capsys, demo_db, tmp_path):
    dbfile = str(demo_db.path)
    demo_db.close()
    out_dir = tmp_path / "phieu"
    code, out, err = run(capsys, "collect", "forms", "--db", dbfile, "--date", "02/01/2026",
                         "--program", "#1", "#2", "#3", "#4", "-o", str(out_dir))
    assert code == 0, err
    files = sorted(out_dir.glob("*.xlsx"))
    assert files and f"Đã tạo {len(files)} phiếu" in out
    good, also_good, bad = files[:3]
    _fill(good, 0, percent=50, reference_all="15-BC/BTG")
    _fill(also_good, 0, completed_on=datetime(2025, 12, 30), note="Đã ban hành kế hoạch")
    _fill(bad, 0, percent=150)
    before = _entries(dbfile)

    code, out, err = run(capsys, "collect", "import", "--db", dbfile, str(good), str(also_good), str(bad),
                         "--dry-run")
    assert code == 1  # a form was refused
    assert "Sẽ ghi 2 mục tiến độ từ 2/3 phiếu" in out and "--dry-run" in out
    assert f"{bad.name}" in err and "150%" in err and "Traceback" not in err
    assert _entries(dbfile) == before

    code, out, err = run(capsys, "collect", "import", "--db", dbfile, str(good), str(also_good), str(bad), "--json")
    assert code == 1
    data = json.loads(out)
    assert data["recorded"] == 2 and data["backup"] and [f["accepted"] for f in data["files"]] == [True, True, False]
    after = _entries(dbfile)
    assert len(after) == len(before) + 2
    assert after[-2][1:] == (50, False, "15-BC/BTG") and after[-1][1:] == (100, True, "")

    # the same forms again: refused, nothing written, exit code 1
    code, out, err = run(capsys, "collect", "import", "--db", dbfile, str(good))
    assert code == 1 and "đã được ghi vào sổ theo dõi" in err
    assert _entries(dbfile) == after


def test_collect_usage_and_input_errors(capsys, demo_db, tmp_path):
    dbfile = str(demo_db.path)
    demo_db.close()
    code, _out, err = run(capsys, "collect", "forms", "--db", dbfile, "--date", "02/01/2026", "--program", "#999",
                          "-o", str(tmp_path))
    assert code == 1 and "Không có chương trình mã số 999" in err
    code, _out, err = run(capsys, "collect", "forms", "--db", dbfile, "--date", "02/01/2026", "--program", "#1",
                          "--body", "không-có", "-o", str(tmp_path))
    assert code == 1 and "Không có cơ quan «không-có»" in err
    code, out, err = run(capsys, "collect", "import", "--db", dbfile, str(tmp_path / "khong-co.xlsx"))
    assert code == 1 and "Không tìm thấy tệp" in err and "Traceback" not in err
    try:
        main(["collect", "forms", "--db", dbfile, "--program", "#1", "-o", str(tmp_path)])
    except SystemExit as exc:
        assert exc.code == 2
    else:
        raise AssertionError("a missing --date must be a usage error")
    assert "--date" in capsys.readouterr().err
