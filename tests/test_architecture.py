"""The shape of the program (../shared/style.md), checked so it cannot drift."""

from __future__ import annotations

import ast
import sys
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
    """core/ has no database, no files, no Qt: only the standard library, Babel, itself and the
    message catalog (``desktop_app.i18n``: gettext, no Qt), through which its messages go."""
    allowed_external = {"babel"}
    for path in (PACKAGE / "core").glob("*.py"):
        for name in _imports(path):
            top = name.split(".")[0]
            if top == "desktop_app":
                assert name.startswith("desktop_app.core") or name == "desktop_app.i18n", (path.name, name)
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
    assert _reading_modules() == {}


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


def _package_of(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0]


def _layer_offenders(package: str, forbidden: tuple[str, ...]) -> list[str]:
    out = []
    for path in (PACKAGE / package).rglob("*.py"):
        for name in sorted(_imports(path)):
            if any(name == f"desktop_app.{f}" or name.startswith(f"desktop_app.{f}.") for f in forbidden):
                out.append(f"{path.relative_to(PACKAGE)} → {name}")
    return out


def test_interchange_sits_below_ops():
    """The nqdesk/2 format (keys, reader, writer, field rules) depends on store/core only, so
    ops, the importers and the exporters can all use it without a circle."""
    assert (PACKAGE / "interchange" / "reader.py").exists()
    assert _layer_offenders("interchange", ("ops", "gui", "export", "importers")) == []


def test_importers_sit_below_ops():
    """The readers of other files (Word, Excel, pasted rows, returned collection forms) only read
    and produce a plan; ops writes the plan. So ops may call a reader, and no reader may call
    ops (or the exporters or the GUI): no circle."""
    assert _layer_offenders("importers", ("ops", "gui", "export", "reports")) == []


def test_ops_does_not_import_export_or_gui():
    assert _layer_offenders("ops", ("export", "gui")) == []


def test_the_old_interchange_modules_are_gone():
    """One home for the format: no second reader or writer beside interchange/."""
    assert not (PACKAGE / "importers" / "nqdesk_json.py").exists()
    assert not (PACKAGE / "export" / "nqdesk_json.py").exists()
    assert not (PACKAGE / "ops" / "validate.py").exists()


def test_no_private_name_is_imported_across_modules():
    """A name starting with "_" is its module's own; another module that needs it needs a
    public name (reports/check.py once imported ops.study._running_total_problems). The one
    exception is gettext's ``_`` of ``desktop_app.i18n``, imported wherever a message is built."""
    offenders = []
    for path in _modules():
        if _package_of(path) == "gui":
            continue  # the GUI's own modules are being reworked separately
        split_cli = path.name.startswith("cli_")  # a part of the command line split off cli.py for size
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if split_cli and isinstance(node, ast.ImportFrom) and node.module == "cli":
                continue
            if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("desktop_app")):
                gettext = (node.module or "").split(".")[-1] == "i18n"
                offenders += [f"{path.relative_to(PACKAGE)}:{node.lineno} {alias.name}" for alias in node.names
                              if alias.name.startswith("_") and not alias.name.startswith("__")
                              and not (gettext and alias.name == "_")]
    assert offenders == []


def test_the_layer_check_would_catch_a_leak(tmp_path, monkeypatch):
    fake = tmp_path / "desktop_app"
    (fake / "interchange").mkdir(parents=True)
    (fake / "interchange" / "bad.py").write_text("from ..ops.base import operation\n")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", fake)
    assert _layer_offenders("interchange", ("ops",)) == ["interchange/bad.py → desktop_app.ops.base"]
