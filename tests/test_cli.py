"""The nqdesk command line: every command, and user mistakes end without a traceback."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from desktop_app.cli import main
from desktop_app.resources import DEMO_FILE


@pytest.fixture
def dbfile(tmp_path):
    return str(tmp_path / "cli.sqlite3")


def run(capsys, *args) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_parse_symbol_prints_json(capsys):
    code, out, _ = run(capsys, "parse-symbol", "Nghị quyết số 45- NQ/TW")
    assert code == 0
    data = json.loads(out)
    assert data["canonical"] == "45-NQ/TW" and data["style"] == "party" and data["label"] == "Số 45-NQ/TW"


def test_parse_deadline_prints_json(capsys):
    code, out, _ = run(capsys, "parse-deadline", "quý 1 năm 2024")
    assert code == 0
    assert json.loads(out) == {"kind": "quarter", "due_date": "2024-03-31", "text": "Quý I/2024",
                               "description": "Quý I/2024 → hạn 31/03/2024"}


@pytest.mark.parametrize("args", [("parse-deadline", "Tháng 13/2024"), ("parse-symbol", "không phải ký hiệu")])
def test_parse_errors_go_to_stderr_without_traceback(capsys, args):
    code, out, err = run(capsys, *args)
    assert code == 1 and out == ""
    assert err.startswith("Lỗi: ") and "Traceback" not in err


def test_bad_as_of_date_is_a_usage_error(capsys, dbfile):
    with pytest.raises(SystemExit) as exc:
        main(["--db", dbfile, "stats", "--as-of", "31/02/2024"])
    assert exc.value.code == 2
    assert "không có trong lịch" in capsys.readouterr().err


def test_demo_list_stats_export_import_check(capsys, dbfile, tmp_path):
    code, out, _ = run(capsys, "--db", dbfile, "demo")
    assert code == 0 and "42 nhiệm vụ" in out
    code, _, err = run(capsys, "--db", dbfile, "demo")
    assert code == 1 and "--force" in err

    code, out, _ = run(capsys, "list", "tasks", "--db", dbfile, "--json", "--search", "dang uy", "--as-of", "2024-07-01")
    rows = json.loads(out)
    assert code == 0 and rows and all("đảng ủy" in (r["content"] + r["product"]).lower() for r in rows)

    code, out, _ = run(capsys, "--db", dbfile, "stats", "--as-of", "01/07/2024", "--json")
    stats = json.loads(out)
    overall = stats["overall"]
    assert overall["assigned"] == 42 and stats["as_of"] == "2024-07-01"
    assert sum(overall[k] for k in ("done_on_time", "done_late", "overdue", "in_progress", "not_yet_due")) == 42
    assert sum(b["assigned"] for b in stats["by_body"]) == 42
    assert stats["period"]["label"] == "quý III năm 2024"
    code, out, _ = run(capsys, "--db", dbfile, "stats", "--as-of", "01/07/2024")
    assert "Quá hạn chưa hoàn thành" in out and "Theo cơ quan chủ trì" in out
    assert f"Quá hạn chưa hoàn thành{' ' * 10}" in out and "Chậm tiến độ" in out

    code, out, _ = run(capsys, "--db", dbfile, "remind", "--as-of", "01/07/2024", "--json")
    digest = json.loads(out)
    overdue = sum(len(b["overdue"]) for b in digest["bodies"])
    assert code == 0 and overdue == overall["overdue"] and overdue > 0
    assert all(t["days"] > 0 for b in digest["bodies"] for t in b["overdue"])
    assert all(t["days"] <= 0 for b in digest["bodies"] for t in b["due_soon"])
    code, out, _ = run(capsys, "--db", dbfile, "remind", "--as-of", "01/07/2024")
    assert out.startswith("Nhắc việc ngày 01/07/2024: ") and "quá hạn 1 ngày, hạn 30/06/2024" in out
    code, out, _ = run(capsys, "--db", dbfile, "remind", "--as-of", "01/01/2024")
    assert code == 0 and "không có nhiệm vụ quá hạn hoặc sắp đến hạn" in out

    for what in ("programs", "documents", "bodies"):
        code, out, _ = run(capsys, "--db", dbfile, "list", what, "--json")
        assert code == 0 and json.loads(out)
    code, out, _ = run(capsys, "--db", dbfile, "list", "bodies", "--search", "TUYEN GIAO")
    assert "BTGTU" in out

    exported = tmp_path / "all.json"
    code, out, _ = run(capsys, "--db", dbfile, "export-json", str(exported))
    assert code == 0 and exported.exists()
    other = str(tmp_path / "other.sqlite3")
    code, out, _ = run(capsys, "--db", other, "import-json", str(exported), "--dry-run")
    assert code == 0 and "chưa ghi gì" in out
    code, out, _ = run(capsys, "--db", other, "import-json", str(exported))
    assert code == 0 and "Đã nhập" in out
    code, out, _ = run(capsys, "--db", other, "export-json", "-")
    assert out == exported.read_text(encoding="utf-8")

    code, out, _ = run(capsys, "--db", dbfile, "check")
    assert code == 0 and "tốt" in out
    backup = tmp_path / "copy.sqlite3"
    code, out, _ = run(capsys, "--db", dbfile, "backup", str(backup))
    assert code == 0 and backup.exists()


def test_import_errors_are_listed(capsys, dbfile, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "nqdesk/1", "programs": [{"title": "X", "tasks": [
        {"content": "a", "deadline": "Quý V/2024"}, {"content": "", "lead_body": "NOPE"}]}]}), encoding="utf-8")
    code, out, err = run(capsys, "--db", dbfile, "import-json", str(bad))
    assert code == 1 and out == ""
    assert "3 lỗi" in err and "chưa ghi gì" in err
    assert "programs[0].tasks[0].deadline" in err and "programs[0].tasks[1].lead_body" in err


def test_undo_redo_history(capsys, dbfile):
    from desktop_app.ops import bodies
    from desktop_app.store.db import open_database

    db = open_database(dbfile, create=True)
    bodies.create_body(db, "Ban Nội chính Tỉnh ủy", code="BNCTU")
    db.close()
    code, out, _ = run(capsys, "--db", dbfile, "undo")
    assert code == 0 and "Hoàn tác: Thêm cơ quan «Ban Nội chính Tỉnh ủy»" in out
    code, out, _ = run(capsys, "--db", dbfile, "list", "bodies")
    assert "BNCTU" not in out
    code, out, _ = run(capsys, "--db", dbfile, "redo")
    assert code == 0 and "Làm lại" in out
    code, out, _ = run(capsys, "--db", dbfile, "history")
    assert "Thêm cơ quan" in out and "Hoàn tác" in out
    code, _, err = run(capsys, "--db", dbfile, "redo")
    assert code == 1 and "Không có thao tác nào để làm lại" in err


def test_db_from_environment(capsys, monkeypatch, tmp_path):
    path = tmp_path / "env.sqlite3"
    monkeypatch.setenv("NQDESK_DB", str(path))
    code, _, _ = run(capsys, "check")
    assert code == 1 and not path.exists()
    assert run(capsys, "demo")[0] == 0
    code, _, _ = run(capsys, "check")
    assert code == 0 and path.exists()


def test_unusable_database_is_reported(capsys, tmp_path):
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database" * 200)
    code, _, err = run(capsys, "--db", str(junk), "list", "tasks")
    assert code == 1 and "không phải cơ sở dữ liệu" in err and "Traceback" not in err


def test_console_script_is_installed(tmp_path):
    """The `nqdesk` entry point runs as a real process (as users start it)."""
    result = subprocess.run(
        [sys.executable, "-m", "desktop_app.cli", "parse-symbol", "số 15-ctr/tu"],
        capture_output=True, text=True, encoding="utf-8", timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["canonical"] == "15-CTr/TU"


def test_study_stats(capsys, dbfile):
    assert run(capsys, "--db", dbfile, "demo")[0] == 0
    code, out, err = run(capsys, "--db", dbfile, "study-stats", "--resolution", "42-NQ/TW", "--as-of", "31/12/2023")
    assert code == 0, err
    assert "Số điểm cầu: 64 (điểm cầu cấp khối: 1, điểm cầu cơ sở: 63)" in out
    assert "Số người dự: 3.113" in out and "70/70 (100%)" in out
    assert "Đảng viên đã học tập: 3.252/4.336 (75%)" in out
    assert "Tổ chức còn đảng viên chưa học tập (70; còn 1.084 đảng viên)" in out
    code, out, err = run(capsys, "--db", dbfile, "study-stats", "--resolution", "45- NQ/TW", "--as-of", "2024-07-01",
                         "--scope", "ĐUK", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["bridge_points"] == 64 and data["attendees_total"] == 3113 and data["members_total"] == 4336
    assert data["members_studied"] > 3252 and data["members_studied_makeup"] == data["members_studied"] - 3252
    assert all(line["remaining"] > 0 for line in data["behind"]) and len(data["behind"]) < 70
    for args, message in ((("--resolution", "46-NQ/TW"), "Không có văn bản «46-NQ/TW»"),
                          (("--resolution", "42-NQ/TW", "--scope", "KHÔNG-CÓ"), "Không có cơ quan"),
                          (("--resolution", "xyz"), "Lỗi:")):
        code, out, err = run(capsys, "--db", dbfile, "study-stats", *args)
        assert code == 1 and message in err and "Traceback" not in err
