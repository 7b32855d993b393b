"""export/ formats what reports/ gives it and runs no queries of its own (issue 12): no
SQLAlchemy, no models, no read session, no operations package (settings come from
reports.settings)."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.test_architecture import _imports

EXPORT = Path(__file__).resolve().parents[2] / "desktop_app" / "export"
# being moved to interchange/ by its own branch
NOT_YET = {"nqdesk_json.py"}
FORBIDDEN = ("sqlalchemy", "desktop_app.store.models", "desktop_app.ops")


def _problems(path: Path) -> list[str]:
    found = [f"{path.name} imports {name}" for name in sorted(_imports(path))
             if any(name == f or name.startswith(f + ".") for f in FORBIDDEN)]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "read"
                and not node.args and not node.keywords):
            found.append(f"{path.name}:{node.lineno} opens a read session")
    return found


def test_export_modules_run_no_queries():
    modules = [p for p in EXPORT.glob("*.py") if p.name not in NOT_YET]
    assert len(modules) > 10
    assert [problem for p in modules for problem in _problems(p)] == []


def test_the_check_would_catch_a_query(tmp_path):
    sample = tmp_path / "leak.py"
    sample.write_text("from sqlalchemy import select\nfrom desktop_app.ops.settings import get_setting\n"
                      "def f(db):\n    with db.read() as s:\n        return s\n")
    problems = _problems(sample)
    assert any("imports sqlalchemy" in p for p in problems)
    assert any("imports desktop_app.ops.settings" in p for p in problems)
    assert any("opens a read session" in p for p in problems)
