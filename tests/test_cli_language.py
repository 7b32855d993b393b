"""The language of the command line (issue 13, "complete English"): Vietnamese by default,
English with ``--lang en`` or NQDESK_LANG=en (the option wins); argparse's own strings follow."""

from __future__ import annotations

import json

import pytest

from desktop_app import i18n
from desktop_app.cli import _language_code, main


@pytest.fixture(autouse=True)
def vietnamese_after(monkeypatch):
    monkeypatch.delenv("NQDESK_LANG", raising=False)
    yield
    i18n.set_language("vi")


@pytest.fixture
def demo_copy(demo_template, tmp_path):
    from desktop_app.store.db import sqlite_backup

    path = tmp_path / "demo.sqlite3"
    sqlite_backup(demo_template, path)
    return str(path)


def run(capsys, *args) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def usage_error(capsys, *args) -> str:
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    assert exc.value.code == 2, args
    return capsys.readouterr().err


@pytest.mark.parametrize("args", [["--lang", "en", "--help"], ["stats", "--lang", "en", "--help"],
                                  ["--lang=en", "import", "--help"]])
def test_help_in_english(capsys, args):
    with pytest.raises(SystemExit) as exc:
        main(args)
    out = capsys.readouterr().out
    assert exc.value.code == 0
    assert out.startswith("usage: nqdesk") and "options:" in out and "show this help message and exit" in out
    assert "[--db PATH]" in out and "[--lang {vi,en}]" in out
    assert "Cách dùng" not in out and "tùy chọn" not in out and "tệp SQLite" not in out
    if args[0] == "stats":
        assert "[--as-of DATE]" in out and "count only this programme" in out
    if "import" in args:
        assert "Exit codes: 0 imported" in out and "--column FIELD=COLUMN" in out


def test_top_level_help_lists_the_commands_in_english(capsys):
    with pytest.raises(SystemExit):
        main(["--lang", "en", "--help"])
    out = " ".join(capsys.readouterr().out.split())  # argparse wraps the lines
    assert "NQ Desk: tracking the implementation of resolutions, action programmes and tasks." in out
    assert "reminders: overdue and soon-due tasks, by lead body" in out and "COMMAND" in out


def test_usage_errors_in_english(capsys):
    err = usage_error(capsys, "--lang", "en", "history", "--limit", "x")
    assert err.startswith("usage: nqdesk history")
    assert "Error: argument --limit: «x» is not a whole number" in err
    assert "See the help: nqdesk history --help" in err and "Lỗi" not in err
    err = usage_error(capsys, "--lang", "en", "study-stats")
    assert "Error: the following arguments are required: --resolution" in err
    err = usage_error(capsys, "--lang", "en", "import", "x.xlsx", "--column", "lead=??")
    assert "Column «??» is not valid: give the column letter (C) or its number (3)." in err


def test_an_unknown_language_is_a_usage_error(capsys):
    err = usage_error(capsys, "--lang", "fr", "stats")
    assert "--lang: không có lựa chọn 'fr'" in err


def test_refused_import_in_english(capsys, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "nqdesk/1", "programs": [{"title": "X", "tasks": [
        {"content": "a", "deadline": "Quý V/2024"}, {"content": "", "lead_body": "NOPE"}]}]}), encoding="utf-8")
    code, out, err = run(capsys, "--lang", "en", "--db", str(tmp_path / "db.sqlite3"), "import-json", str(bad))
    assert code == 1 and out == ""
    assert err.startswith("Not imported: the file has 3 problems; nothing was written to the database.\n")
    assert "programs[0].tasks[0].deadline" in err


def test_stats_in_english(capsys, demo_copy):
    code, out, _ = run(capsys, "--lang", "en", "--db", demo_copy, "stats", "--as-of", "01/07/2024")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Implementation of tasks as of 01/07/2024"
    assert lines[1].split() == ["Tasks", "assigned", "42"]
    assert lines[3].startswith("  Completed on time ") and lines[3].endswith("  (14%)")
    assert any(line.startswith("  Continuous, not reported in quarter III of 2024 ") for line in lines)
    assert "By lead body (Tasks assigned | Due | Completed on time |" in out
    assert "Số nhiệm vụ" not in out and "Theo cơ quan" not in out


def test_other_reading_commands_in_english(capsys, demo_copy):
    code, out, _ = run(capsys, "--lang", "en", "--db", demo_copy, "list", "tasks", "--as-of", "01/07/2024")
    assert code == 0 and out.splitlines()[-1] == "(42 tasks, status as of 01/07/2024)"
    assert "\tCompleted on time" in out
    code, out, _ = run(capsys, "--lang", "en", "--db", demo_copy, "remind", "--as-of", "01/07/2024")
    assert out.startswith("Reminders for 01/07/2024: 4 tasks overdue, 4 tasks due soon, of 5 lead bodies.")
    assert " overdue, 1 due soon\n" in out and ", due 30/06/2024] #3 " in out


def test_check_and_a_refused_export_in_english(capsys, demo_copy):
    code, out, _ = run(capsys, "--lang", "en", "--db", demo_copy, "check")
    assert code == 0 and out.startswith("The database is sound: ")
    code, out, err = run(capsys, "--lang", "en", "--db", demo_copy, "export", "program", "99", "-o", "x.docx")
    assert code == 1 and err.strip() == \
        "Error: No programme has the id or document number 99. See the list: nqdesk list programs."


def test_environment_variable_and_option(capsys, demo_copy, monkeypatch):
    monkeypatch.setenv("NQDESK_LANG", "en")
    code, out, _ = run(capsys, "--db", demo_copy, "stats", "--as-of", "01/07/2024")
    assert out.startswith("Implementation of tasks as of 01/07/2024")
    code, out, _ = run(capsys, "--db", demo_copy, "--lang", "vi", "stats", "--as-of", "01/07/2024")  # option wins
    assert out.startswith("Tình hình thực hiện nhiệm vụ tính đến ngày 01/07/2024")
    monkeypatch.setenv("NQDESK_LANG", "en_GB.UTF-8")
    err = usage_error(capsys, "stats", "--bogus")
    assert err.startswith("usage: nqdesk") and "Error: unrecognized arguments: --bogus" in err


def test_vietnamese_by_default_and_restored_after_an_english_command(capsys, demo_copy):
    i18n.set_language("vi")
    run(capsys, "--lang", "en", "--db", demo_copy, "stats")
    assert i18n.language() == "vi"  # the rest of the process is not switched
    code, out, _ = run(capsys, "--db", demo_copy, "stats", "--as-of", "01/07/2024")
    assert out.startswith("Tình hình thực hiện nhiệm vụ tính đến ngày 01/07/2024")
    assert "  Số nhiệm vụ được giao" in out
    err = usage_error(capsys, "history", "--limit", "x")
    assert "Cách dùng: nqdesk history" in err and "«x» không phải số nguyên" in err


@pytest.mark.parametrize("text, code", [("en", "en"), ("EN", "en"), ("en_US.UTF-8", "en"), ("vi-VN", "vi"),
                                        ("fr", None), ("", None), (None, None)])
def test_language_codes(text, code):
    assert _language_code(text) == code


def test_history_shows_operation_names_in_the_ui_language(capsys, demo_copy):
    """The journal stores the Vietnamese name; ``history`` shows it in the chosen language."""
    code, out, _ = run(capsys, "--lang", "en", "--db", demo_copy, "history")
    assert code == 0
    assert "Import data from «" in out and "Nhập dữ liệu" not in out
    code, out, _ = run(capsys, "--db", demo_copy, "history")
    assert "Nhập dữ liệu từ «" in out
