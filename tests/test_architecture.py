"""The shape of the program (../shared/style.md), checked so it cannot drift."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "desktop_app"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0 and node.module:
                names.add(node.module)
            elif node.level:
                # resolve relative imports against the module's package
                parts = path.relative_to(PACKAGE.parent).with_suffix("").parts[:-node.level]
                names.add(".".join([*parts, node.module] if node.module else parts))
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in (
                "import_module", "__import__") and node.args and isinstance(node.args[0], ast.Constant):
            names.add(str(node.args[0].value))
    return names


def _modules():
    return [p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts]


def test_only_gui_imports_pyside6():
    offenders = [
        str(p.relative_to(PACKAGE.parent)) for p in _modules()
        if "gui" not in p.relative_to(PACKAGE).parts[:1]
        and any(name.split(".")[0] in ("PySide6", "shiboken6") for name in _imports(p))
    ]
    assert offenders == []


def test_core_is_pure():
    """core/ has no database, no files, no Qt: only the standard library, Babel and itself."""
    allowed_external = {"babel"}
    for path in (PACKAGE / "core").glob("*.py"):
        for name in _imports(path):
            top = name.split(".")[0]
            if top == "desktop_app":
                assert name.startswith("desktop_app.core"), (path.name, name)
            else:
                assert top in allowed_external or top in __import__("sys").stdlib_module_names, (path.name, name)


def test_only_ops_opens_write_transactions():
    """Data changes go through desktop_app/ops (Database.write is called nowhere else)."""
    offenders = []
    for path in _modules():
        rel = path.relative_to(PACKAGE)
        if rel.parts[0] in ("ops", "store"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "write"
                    and not node.args and not node.keywords):
                offenders.append(f"{rel}:{node.lineno}")
    assert offenders == []


def test_this_check_would_catch_a_leak(tmp_path):
    sample = tmp_path / "leak.py"
    sample.write_text("from PySide6.QtCore import QDate\nimport importlib\nimportlib.import_module('shiboken6')\n")
    assert {"PySide6.QtCore", "shiboken6"} <= _imports(sample)


# --- reports/ is the only read side (issue 12) ---------------------------------------------

# The packages that may talk to the database: the models and sessions, the operations (the
# only writers), the read side, and the nqdesk/2 format between them.
DATABASE_PACKAGES = ("store", "ops", "reports", "interchange")

# TEMPORARY. Files still reading the database themselves while other branches of issue 12
# move their queries into reports/ (the views and the app context: gui/views/*, gui/context.py;
# the exporters: export/*). Each entry must go as soon as its file is converted; a file
# listed here that no longer reads fails test_the_allow_list_names_only_files_that_still_read,
# so the list can only shrink. Nothing may be added to it.
STILL_READING = {
    "gui/context.py",  # sqlalchemy.exc for the errors of an operation
    "gui/views/dashboard_view.py",
    "gui/views/programs_view.py",
    "gui/views/tasks_view.py",
    "export/nqdesk_json.py",
}


def _database_use(path: Path) -> list[str]:
    """Where *path* imports sqlalchemy or opens a read session (``….read()`` with no
    arguments: ``db.read()``, ``self.ctx.db.read()``), as "what:line"."""
    found = sorted(f"import {name}" for name in _imports(path) if name.split(".")[0] == "sqlalchemy")
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "read"
                and not node.args and not node.keywords):
            found.append(f"read():{node.lineno}")
    return found


def _reading_modules() -> dict[str, list[str]]:
    out = {}
    for path in _modules():
        rel = path.relative_to(PACKAGE)
        if rel.parts[0] in DATABASE_PACKAGES:
            continue
        use = _database_use(path)
        if use:
            out[rel.as_posix()] = use
    return out


def test_only_the_database_packages_import_sqlalchemy_or_read():
    """gui/, export/, importers/ and the command line format what reports/ returns."""
    leaks = {name: use for name, use in _reading_modules().items() if name not in STILL_READING}
    assert leaks == {}


def test_the_allow_list_names_only_files_that_still_read():
    reading = _reading_modules()
    stale = sorted(name for name in STILL_READING if name not in reading)
    assert stale == [], f"converted: remove {stale} from STILL_READING"


def test_the_read_check_would_catch_a_leak(tmp_path):
    sample = tmp_path / "leak.py"
    sample.write_text(
        "import importlib\n"
        "from sqlalchemy import select\n"
        "import sqlalchemy.orm as orm\n"
        "importlib.import_module('sqlalchemy.exc')\n"
        "def load(self):\n"
        "    with self.ctx.db.read() as s:\n"
        "        return s.scalars(select(1))\n"
        "text = open('x').read(100)  # a file read with a size: not a session\n"
        "'''db.read() in a docstring is no call'''\n"
    )
    assert _database_use(sample) == ["import sqlalchemy", "import sqlalchemy.exc", "import sqlalchemy.orm",
                                     "read():6"]
    clean = tmp_path / "clean.py"
    clean.write_text("from desktop_app.reports.records import task_record\nrow = task_record(db, 1)\n")
    assert _database_use(clean) == []
