"""The nqdesk command line: every command, and user mistakes end without a traceback."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from desktop_app.cli import main
from desktop_app.core.text import fold
from desktop_app.ops.fields import ProgramFields


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


def _tasks_mentioning(dbfile, phrase: str) -> set[int]:
    """Tasks whose own text, lead body or a coordinating body names *phrase* (folded)."""
    from sqlalchemy import select

    from desktop_app.store.db import open_database
    from desktop_app.store.models import Body, Task, TaskCoordinator

    db = open_database(dbfile)
    try:
        with db.read() as s:
            bodies = {b.id for b in s.scalars(select(Body)) if phrase in b.search_fold}
            coordinated = set(s.scalars(select(TaskCoordinator.task_id).where(TaskCoordinator.body_id.in_(bodies))))
            return {t.id for t in s.scalars(select(Task))
                    if phrase in t.search_fold or t.lead_body_id in bodies or t.id in coordinated}
    finally:
        db.close()


def test_demo_list_stats_export_import_check(capsys, dbfile, tmp_path):
    code, out, _ = run(capsys, "--db", dbfile, "demo")
    assert code == 0 and "42 nhiệm vụ" in out
    code, _, err = run(capsys, "--db", dbfile, "demo")
    assert code == 1 and "--force" in err

    code, out, _ = run(capsys, "list", "tasks", "--db", dbfile, "--json", "--search", "dang uy", "--as-of", "2024-07-01")
    rows = json.loads(out)
    assert code == 0 and rows and all(r["id"] in _tasks_mentioning(dbfile, "dang uy") for r in rows)
    assert any("dang uy" not in fold(r["content"] + " " + r["product"]) for r in rows)  # found by body name

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
    assert not (tmp_path / "other.sqlite3").exists()  # a dry run writes nothing, not even an empty database
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
    from desktop_app.ops.fields import BodyFields
    from desktop_app.store.db import open_database

    db = open_database(dbfile, create=True)
    bodies.create_body(db, "Ban Nội chính Tỉnh ủy", BodyFields(code="BNCTU"))
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
    code, _, err = run(capsys, "check")
    assert code == 1 and "NQDESK_DB" in err and not path.exists()
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


# --- command-line hygiene (issue 10) --------------------------------------------------------------

@pytest.fixture
def demo_copy(demo_template, tmp_path):
    from desktop_app.store.db import sqlite_backup

    path = tmp_path / "demo.sqlite3"
    sqlite_backup(demo_template, path)
    return str(path)


def test_usage_errors_are_in_vietnamese(capsys):
    import argparse

    for args, message in ((["study-stats"], "thiếu tham số bắt buộc: --resolution"),
                          (["stats", "--bogus"], "không hiểu tham số: --bogus"),
                          (["statz"], "không có lựa chọn 'statz'"),
                          (["list", "foo"], "Lỗi: LOẠI: không có lựa chọn 'foo'"),
                          (["list", "tasks", "--search"], "--search: cần ghi một giá trị"),
                          (["history", "--limit", "x"], "«x» không phải số nguyên")):
        with pytest.raises(SystemExit) as exc:
            main(args)
        err = capsys.readouterr().err
        assert exc.value.code == 2, args
        assert message in err and "Cách dùng: nqdesk" in err and "Lỗi: " in err, err
        assert "error:" not in err and "usage:" not in err and "the following" not in err
    # argparse is itself again afterwards (other code in the same process is not affected)
    assert argparse._("usage: ") == "usage: "


@pytest.mark.parametrize("args", [["--help"], ["stats", "--help"], ["export", "--help"], ["history", "--help"]])
def test_help_is_in_vietnamese(capsys, args):
    with pytest.raises(SystemExit) as exc:
        main(args)
    out = capsys.readouterr().out
    assert exc.value.code == 0
    assert out.startswith("Cách dùng: nqdesk") and "tùy chọn:" in out and "in hướng dẫn này rồi thoát" in out
    assert "show this help" not in out and "options:" not in out


def test_every_argument_says_what_it_is_for():
    import argparse

    from desktop_app.cli import _parser, _vietnamese_argparse

    with _vietnamese_argparse():
        top = _parser()
    commands = next(a for a in top._actions if isinstance(a, argparse._SubParsersAction)).choices
    missing = [f"{name} {action.dest}" for name, parser in [("nqdesk", top), *commands.items()]
               for action in parser._actions
               if not action.help and not isinstance(action, argparse._SubParsersAction)]
    assert missing == []


def _cli_process(*args, stdout, env_extra=None, **kwargs):
    import os

    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    env.update(env_extra or {})
    return subprocess.Popen([sys.executable, "-m", "desktop_app.cli", *args], stdout=stdout,
                            stderr=subprocess.PIPE, env=env, **kwargs)


@pytest.mark.parametrize("unbuffered", ["", "1"])
def test_closed_pipe_ends_quietly(demo_copy, unbuffered):
    """nqdesk stats | head -1: the reader went away; no message, no traceback, exit code 141."""
    import os

    for args in (["stats"], ["export-json", "-"], ["--help"]):
        read_end, write_end = os.pipe()
        os.close(read_end)  # the reader is gone before the first line is written
        proc = _cli_process("--db", demo_copy, *args, stdout=write_end, env_extra={"PYTHONUNBUFFERED": unbuffered})
        os.close(write_end)
        _, err = proc.communicate(timeout=120)
        assert err == b"", (args, err.decode())
        # argparse itself ignores a failed write of the help text, then ends normally
        assert proc.returncode == 141 or args == ["--help"] and proc.returncode == 0, args


def test_pipe_to_head_prints_one_line_and_no_error(demo_copy):
    proc = _cli_process("--db", demo_copy, "export-json", "-", stdout=subprocess.PIPE)
    head = subprocess.Popen(["head", "-1"], stdin=proc.stdout, stdout=subprocess.PIPE)
    proc.stdout.close()  # head holds the only reading end, as in a shell pipeline
    first, _ = head.communicate(timeout=120)
    with proc.stderr:
        err = proc.stderr.read()
    proc.wait(timeout=120)
    assert first == b"{\n"
    assert err == b"" and proc.returncode in (0, 141)


@pytest.mark.parametrize("args", [["stats"], ["stats", "--json"], ["list", "tasks"], ["remind"], ["check"], ["backup"],
                                  ["history"], ["undo"], ["export-json", "-"], ["screenshots", "ảnh"],
                                  ["report", "--from", "1/1/2024", "--to", "1/7/2024", "-o", "r.xlsx"]])
def test_mistyped_db_creates_nothing(capsys, tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    missing = tmp_path / "khong-co" / "nqdesk.sqlite3"
    code, out, err = run(capsys, "--db", str(missing), *args)
    assert code == 1 and out == ""
    assert f"Không có tệp cơ sở dữ liệu «{missing}»" in err and "demo" in err and "import-json" in err
    assert list(tmp_path.iterdir()) == []  # no folder, no empty database, no output file


def test_default_database_is_not_created_by_a_reading_command(capsys, tmp_path):
    code, _, err = run(capsys, "stats")
    assert code == 1 and "mở NQ Desk lần đầu" in err
    assert not (tmp_path / "xdg-data" / "NQDesk").exists()


def test_only_demo_and_import_create_a_database(capsys, tmp_path, demo_copy):
    made = tmp_path / "moi" / "a.sqlite3"
    assert run(capsys, "--db", str(made), "demo")[0] == 0 and made.exists()
    exported = tmp_path / "all.json"
    assert run(capsys, "--db", demo_copy, "export-json", str(exported))[0] == 0
    other = tmp_path / "khac" / "b.sqlite3"
    code, out, _ = run(capsys, "--db", str(other), "import-json", str(exported), "--dry-run")
    assert code == 0 and "chưa ghi gì" in out and not other.parent.exists()
    assert run(capsys, "--db", str(other), "import-json", str(exported))[0] == 0 and other.exists()


def _stats(capsys, db, *args):
    code, out, err = run(capsys, "--db", db, "stats", "--as-of", "01/07/2024", "--json", *args)
    assert code == 0, err
    return json.loads(out)["overall"]


def test_program_by_id_number_or_symbol_in_every_command(capsys, demo_copy, tmp_path):
    everything = _stats(capsys, demo_copy)
    by_id = _stats(capsys, demo_copy, "--program", "1")
    assert by_id == _stats(capsys, demo_copy, "--program", "15") == _stats(capsys, demo_copy, "--program", "15-CTr/TU")
    assert by_id == _stats(capsys, demo_copy, "--program", "#1")
    assert 0 < by_id["assigned"] < everything["assigned"]
    two = _stats(capsys, demo_copy, "--program", "15", "--program", "16", "--program", "1")
    assert by_id["assigned"] < two["assigned"] < everything["assigned"]

    code, out, _ = run(capsys, "--db", demo_copy, "list", "tasks", "--program", "15", "--json")
    assert code == 0 and len(json.loads(out)) == by_id["assigned"]
    assert {row["program_id"] for row in json.loads(out)} == {1}
    code, out, _ = run(capsys, "--db", demo_copy, "list", "programs", "--program", "15-CTr/TU", "--json")
    assert code == 0 and [p["id"] for p in json.loads(out)] == [1]
    code, out, _ = run(capsys, "--db", demo_copy, "remind", "--as-of", "01/07/2024", "--program", "15", "--json")
    assert code == 0
    assert run(capsys, "--db", demo_copy, "report", "--from", "1/1/2024", "--to", "1/7/2024", "--program", "15",
               "-o", str(tmp_path / "r.xlsx"))[0] == 0
    assert run(capsys, "--db", demo_copy, "export", "program", "15-CTr/TU", "-o", str(tmp_path / "p.docx"))[0] == 0


UNKNOWN_PROGRAM_COMMANDS = [
    ["stats"], ["remind"], ["list", "tasks"], ["list", "programs"],
    ["report", "--from", "1/1/2024", "--to", "1/7/2024", "-o", "r.xlsx"],
    ["followup", "--body", "BTGTU", "-o", "f.docx"],
]


@pytest.mark.parametrize("args", UNKNOWN_PROGRAM_COMMANDS + [["export", "program", "-o", "p.docx"]])
def test_unknown_program_is_an_error_not_zeros(capsys, demo_copy, tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    for key, message in (("99", "Không có chương trình nào có mã số hoặc số văn bản 99"),
                         ("15-KH/TU", "Không có chương trình nào số 15-KH/TU")):
        full = [*args, key] if args[0] == "export" else [*args, "--program", key]
        code, out, err = run(capsys, "--db", demo_copy, *full)
        assert code == 1 and out == "" and message in err, (full, err)
    assert not (tmp_path / "r.xlsx").exists() and not (tmp_path / "f.docx").exists()


@pytest.mark.parametrize("args", UNKNOWN_PROGRAM_COMMANDS + [["export", "program", "-o", "p.docx"]])
def test_ambiguous_program_number_is_refused_with_the_candidates(capsys, demo_copy, tmp_path, monkeypatch, args):
    from desktop_app.ops import programs
    from desktop_app.store.db import open_database

    monkeypatch.chdir(tmp_path)
    from desktop_app.reports.lists import list_programs

    db = open_database(demo_copy)
    province = list_programs(db)[0][0].issuing_body_id
    other = programs.create_program(db, "Kế hoạch thực hiện Nghị quyết số 42-NQ/TW",
                                    ProgramFields(kind="KH", number=15, issuing_body_id=province)).entity_id
    db.close()
    full = [*args, "15"] if args[0] == "export" else [*args, "--program", "15"]
    code, out, err = run(capsys, "--db", demo_copy, *full)
    assert code == 1 and out == ""
    assert "Có 2 chương trình cùng số 15" in err and "#1 (15-CTr/TU" in err and f"#{other} (15-KH/TU" in err
    # the full symbol chooses one
    if args == ["stats"]:
        assert _stats(capsys, demo_copy, "--program", "15-KH/TU")["assigned"] == 0


def test_screenshots_of_an_empty_database_explain(capsys, tmp_path):
    from desktop_app.store.db import open_database

    empty = tmp_path / "trong.sqlite3"
    open_database(empty, create=True).close()
    code, out, err = run(capsys, "--db", str(empty), "screenshots", str(tmp_path / "anh"))
    assert code == 1 and out == ""
    assert "chưa có nhiệm vụ nào" in err and "Bỏ --db" in err and "Traceback" not in err
    assert not (tmp_path / "anh").exists()


def test_unexpected_error_is_short_and_in_vietnamese(capsys, monkeypatch, demo_copy):
    from desktop_app import cli, logging_setup

    def broken(args):
        raise RuntimeError("hỏng ở đâu đó")

    monkeypatch.setitem(cli.COMMANDS, "stats", broken)
    try:
        code, out, err = run(capsys, "--db", demo_copy, "stats")
        log = logging_setup.log_path()
    finally:
        logging_setup.shutdown_logging()
    assert code == 1 and out == ""
    assert err.startswith("Lỗi không mong đợi khi chạy lệnh «stats» (RuntimeError: hỏng ở đâu đó); "
                          f"chi tiết đã ghi vào {log}.")
    assert "Traceback" not in err and len(err.splitlines()) == 1
    logged = log.read_text(encoding="utf-8")
    assert "nqdesk stats: lỗi không mong đợi" in logged and "Traceback" in logged and "hỏng ở đâu đó" in logged


def test_unexpected_error_without_a_log_file_still_shows_no_traceback(capsys, monkeypatch, demo_copy, tmp_path):
    from desktop_app import cli, logging_setup

    def broken(args):
        raise RuntimeError("hỏng ở đâu đó")

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker / "data"))  # the log folder cannot be made
    monkeypatch.setitem(cli.COMMANDS, "stats", broken)
    try:
        code, out, err = run(capsys, "--db", demo_copy, "stats")
    finally:
        logging_setup.shutdown_logging()
    assert code == 1 and out == ""
    assert err.startswith("Lỗi không mong đợi khi chạy lệnh «stats» (RuntimeError: hỏng ở đâu đó). ")
    assert "Traceback" not in err and len(err.splitlines()) == 1


READING_COMMAND_PROBE = """
import io, json, sys
from contextlib import redirect_stdout
from desktop_app.cli import main
from desktop_app.core.text import fold

args = json.loads(sys.argv[1])
out = io.StringIO()
with redirect_stdout(out):
    try:
        code = main(args)
    except SystemExit as exc:
        code = exc.code
heavy = ("alembic", "PySide6", "shiboken6", "docx", "openpyxl", "desktop_app.importers", "desktop_app.ops",
         "desktop_app.interchange.reader", "desktop_app.interchange.writer",
         "desktop_app.export", "desktop_app.gui")
print(json.dumps({"code": code, "out": out.getvalue()[:200],
                  "heavy": sorted(m for m in sys.modules if m.startswith(heavy))}))
"""


@pytest.mark.parametrize("args", [["--version"], ["stats"], ["stats", "--program", "15", "--json"],
                                  ["list", "tasks", "--program", "15-CTr/TU"], ["remind"]])
def test_reading_commands_import_nothing_they_do_not_need(demo_copy, args):
    """Start-up time: no Alembic (the database is at the head revision), no importer, no ops,
    no Qt, no Word or Excel library for the commands that only read."""
    full = args if args == ["--version"] else ["--db", demo_copy, *args]
    result = subprocess.run([sys.executable, "-c", READING_COMMAND_PROBE, json.dumps(full)],
                            capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["code"] == 0 and report["out"], report
    assert report["heavy"] == []


def test_stats_reads_stored_settings_without_ops(capsys, demo_copy):
    from desktop_app.ops.settings import set_setting
    from desktop_app.store.db import open_database

    db = open_database(demo_copy)
    set_setting(db, "due_soon_days", 30)
    set_setting(db, "continuous_report_period", "half_year")
    db.close()
    result = subprocess.run([sys.executable, "-c", READING_COMMAND_PROBE, json.dumps(["--db", demo_copy, "stats"])],
                            capture_output=True, text=True, encoding="utf-8", timeout=120)
    report = json.loads(result.stdout)
    assert report["code"] == 0 and report["heavy"] == [], report
    code, out, _ = run(capsys, "--db", demo_copy, "stats", "--as-of", "01/07/2024", "--json")
    assert code == 0 and json.loads(out)["period"]["label"] == "6 tháng cuối năm 2024"


def test_list_programs_says_their_status_in_words(capsys, demo_copy):
    code, out, _ = run(capsys, "--db", demo_copy, "list", "programs")
    assert code == 0
    statuses = {line.split("\t")[3] for line in out.splitlines()}
    assert statuses == {"Đã ban hành", "Đang xin ý kiến"}, statuses
    code, out, _ = run(capsys, "--lang", "en", "--db", demo_copy, "list", "programs")
    assert {line.split("\t")[3] for line in out.splitlines()} == {"Issued", "Under consultation"}
