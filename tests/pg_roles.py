"""The README's PostgreSQL role set-up, run on the test server: what the administrator is
told to run is what the tests run."""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import create_engine, make_url
from sqlalchemy.exc import DBAPIError

ROOT = Path(__file__).resolve().parents[1]


def role_sql_blocks() -> list[str]:
    """The ```sql blocks of the README's section on roles, in order: the tests run what the
    administrator is told to run."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("### Roles on a shared server", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sql\n(.*?)```", section, flags=re.S)


def _statements(block: str) -> list[str]:
    lines = [line.split("--", 1)[0] for line in block.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def setup_roles(owner_url: str, logins: dict[str, str]) -> None:
    """Run the README's role set-up on the test server (the test's superuser owns the
    schema) and create one login per person: ``{"alice": "nqdesk_staff", …}``."""
    group_roles, grants, person = role_sql_blocks()[:3]
    engine = create_engine(owner_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            existing = set(conn.exec_driver_sql("SELECT rolname FROM pg_roles").scalars())
            for stmt in _statements(group_roles):
                name = stmt.split()[2]
                if name not in existing:
                    _create_role(conn, name, stmt)
            for stmt in _statements(grants):
                conn.exec_driver_sql(stmt)
            template = _statements(person)[0]
            for login, group in logins.items():
                if login not in existing:
                    stmt = template.replace("alice", login).replace("nqdesk_staff", group)
                    _create_role(conn, login, re.sub(r"PASSWORD\s+'[^']*'", "", stmt))
    finally:
        engine.dispose()


def _create_role(conn, name: str, stmt: str) -> None:
    """Roles belong to the whole server: another test worker (its own database, same server)
    may create the same role at the same moment; then it is there, which is all we need."""
    try:
        conn.exec_driver_sql(stmt)
    except DBAPIError:
        if conn.exec_driver_sql("SELECT 1 FROM pg_roles WHERE rolname = %(n)s", {"n": name}).first() is None:
            raise


def login_url(url: str, login: str) -> str:
    return make_url(url).set(username=login, password=None).render_as_string(hide_password=False)
