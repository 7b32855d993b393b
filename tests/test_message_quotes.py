"""User messages quote with «» everywhere (issue 13: "Quý V/2024" was explained with «» and ""
in one sentence). A string literal of gui/, core/ or ops/ (docstrings aside) holds no ASCII or
curly double quotes, except an HTML attribute (href="…") and SQL (a quoted identifier)."""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "desktop_app"
ATTRIBUTE = re.compile(r'=\s*"[^"]*"')
SQL = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|ALTER|DROP|PRAGMA|WITH|SET|LOCK)\b", re.IGNORECASE)


def _offending_literals(source: str) -> list[tuple[int, str]]:
    found = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type != tokenize.STRING:
            continue
        body = token.string.lstrip("rbfuRBFU")
        if body.startswith(('"""', "'''")):
            continue
        inner = ATTRIBUTE.sub("", body[1:-1])
        if SQL.match(inner):
            continue
        if '"' in inner.replace('\\"', '"') or "“" in inner or "”" in inner:
            found.append((token.start[0], token.string))
    return found


def test_the_checker_sees_straight_and_curly_quotes():
    assert _offending_literals("x = 'ví dụ \"Quý I/2024\"'\n")
    assert _offending_literals("x = \"ví dụ \\\"Quý I/2024\\\"\"\n")
    assert _offending_literals("x = 'ví dụ “Quý I/2024”'\n")
    assert not _offending_literals("x = 'ví dụ «Quý I/2024»'\n")
    assert not _offending_literals("x = f'<a href=\"document:{n}\">x</a>'\n")
    assert not _offending_literals('x = """a "quoted" docstring"""\n')
    assert not _offending_literals("x = f'SELECT max(id) FROM \"{table}\"'\n")


def test_messages_quote_with_guillemets():
    offending = [f"{path.relative_to(ROOT)}:{line}: {text}"
                 for part in ("gui", "core", "ops")
                 for path in sorted((ROOT / part).rglob("*.py"))
                 for line, text in _offending_literals(path.read_text(encoding="utf-8"))]
    assert offending == []
