"""Every user-facing Vietnamese string outside gui/ goes through the catalog (issue 13, "complete
English"): the messages raised in core/, ops/, reports/, interchange/, importers/, store/, export/
and everything the CLI prints.

A Vietnamese literal (a string with a Vietnamese letter) in those packages must be one of:

- inside ``_()``, ``ngettext()`` or ``N_()`` (extracted into the catalog);
- a docstring, or an argument of a logging call (log lines stay Vietnamese);
- inside a statement marked on its first line with ``# document text`` (Word/Excel text, which stays
  Vietnamese in every UI language) or ``# vocabulary`` (words the parsers read, not messages) — a
  marked ``def``/``class``/assignment covers everything in it;
- in a module listed below with the reason.

Whatever the marks say, a literal in a ``raise`` statement is a message and must be translated.
``gui/`` has its own checks in ``tests/gui/test_i18n.py``.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "desktop_app"

VIETNAMESE = re.compile(
    "[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.IGNORECASE)
TRANSLATORS = {"_", "ngettext", "N_"}
LOGGING = {"debug", "info", "warning", "error", "exception", "critical"}
MARKS = ("# document text", "# vocabulary")

# Whole modules that are not user-facing messages, with the reason.
NOT_MESSAGES: dict[str, str] = {
    "desktop_app/store/migrations/": "database migrations: column defaults and data fixes, never shown",
    "desktop_app/i18n.py": "the language names, each written in its own language",
}

# Packages not yet converted; each is removed from this list as its strings go through the catalog.
PENDING: tuple[str, ...] = ()


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "gui" not in p.relative_to(PACKAGE).parts[:1])


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.name


def _skipped(rel: str, table) -> bool:
    return any(rel == key or (key.endswith("/") and rel.startswith(key)) for key in table)


def untranslated(path: Path) -> list[str]:
    """The Vietnamese literals of *path* that escape the catalog, as "file:line: text"."""
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    tree = ast.parse(source, filename=str(path))
    parents: dict[int, ast.AST] = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[id(child)] = node

    def ancestors(node: ast.AST):
        while id(node) in parents:
            node = parents[id(node)]
            yield node

    def docstring(node: ast.Constant) -> bool:
        parent = parents.get(id(node))
        holder = parents.get(id(parent)) if isinstance(parent, ast.Expr) else None
        return isinstance(holder, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and \
            bool(holder.body) and holder.body[0] is parent

    problems = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str) and VIETNAMESE.search(node.value)):
            continue
        if docstring(node):
            continue
        chain = list(ancestors(node))
        if any(isinstance(a, ast.Call) and isinstance(a.func, ast.Name) and a.func.id in TRANSLATORS for a in chain):
            continue
        in_raise = any(isinstance(a, ast.Raise) for a in chain)
        if not in_raise:
            if any(isinstance(a, ast.Call) and isinstance(a.func, ast.Attribute) and a.func.attr in LOGGING
                   and isinstance(a.func.value, ast.Name) and a.func.value.id in ("log", "logger", "logging")
                   for a in chain):
                continue
            if any(isinstance(a, ast.stmt) and any(m in lines[a.lineno - 1] for m in MARKS) for a in chain):
                continue
        text = node.value if len(node.value) < 60 else node.value[:57] + "…"
        problems.append(f"{_rel(path)}:{node.lineno}: {text!r}" + (" (in a raise)" if in_raise else ""))
    return problems


@pytest.mark.parametrize("path", _modules(), ids=_rel)
def test_no_vietnamese_literal_escapes_the_catalog(path):
    rel = _rel(path)
    if _skipped(rel, NOT_MESSAGES):
        pytest.skip(NOT_MESSAGES[next(k for k in NOT_MESSAGES if rel.startswith(k))])
    problems = untranslated(path)
    if _skipped(rel, PENDING):
        return
    assert not problems, (
        "Vietnamese text outside the catalog. Wrap messages in _() (format after: "
        "_(\"… {name} …\").format(name=…)); mark Word/Excel text with `# document text` and parser "
        "words with `# vocabulary` on the statement's first line:\n  " + "\n  ".join(problems))


def test_the_check_finds_a_bare_message(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        'from desktop_app.i18n import _, N_\n'
        'LABELS = {"a": N_("Đúng hạn")}\n'
        'WORDS = ("ngày", "tháng")  # vocabulary\n'
        'def render(doc):  # document text\n'
        '    doc.add("Nơi nhận")\n'
        '    raise ValueError("Thiếu chữ ký")\n'
        'def check(x):\n'
        '    """Kiểm tra."""\n'
        '    if x:\n'
        '        raise ValueError(_("Số hiệu trống"))\n'
        '    return f"Quá hạn {x} ngày"\n', encoding="utf-8")
    problems = untranslated(sample)
    assert [p.split(":", 2)[1] for p in problems] == ["6", "11", "11"], problems  # f-string: two parts
