"""``nqdesk stats`` imports only what it uses (issue 12: its wall time): no Babel (whole
numbers and percents are written by core.numbers), no symbol parser, no interchange checkers
(the plain settings it reads are checked by core.status)."""

from __future__ import annotations

import json
import subprocess
import sys

PROBE = """
import io, json, sys
from contextlib import redirect_stdout
from desktop_app.cli import main

out = io.StringIO()
with redirect_stdout(out):
    code = main(json.loads(sys.argv[1]))
unneeded = ("babel", "desktop_app.core.symbols", "desktop_app.interchange")
print(json.dumps({"code": code, "out": out.getvalue(), "unneeded": sorted(m for m in sys.modules if m.startswith(unneeded))}))
"""


def test_stats_imports_no_babel_symbols_or_interchange(demo_template, tmp_path):
    from desktop_app.ops.settings import set_setting
    from desktop_app.store.db import open_database, sqlite_backup

    path = tmp_path / "demo.sqlite3"
    sqlite_backup(demo_template, path)
    db = open_database(path)
    set_setting(db, "due_soon_days", 30)  # a stored setting is read, and checked, too
    db.close()
    result = subprocess.run([sys.executable, "-c", PROBE, json.dumps(["--db", str(path), "stats", "--as-of",
                                                                      "01/07/2024"])],
                            capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["code"] == 0 and "%)" in report["out"], report
    assert report["unneeded"] == []
