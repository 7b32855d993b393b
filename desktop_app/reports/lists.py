"""Lists of programmes, documents and bodies with the quick (folded) search."""

from __future__ import annotations

from sqlalchemy import func, select

from ..core.text import fold, single_line, sort_key
from ..store.db import Database
from ..store.models import Body, Document, Program, ProgramDocument, Task
from .tasks import folded_match


def list_bodies(db: Database, search: str | None = None) -> list[Body]:
    with db.read() as s:
        rows = list(s.scalars(select(Body).where(*folded_match(Body.search_fold, search))))
    return sorted(rows, key=lambda b: sort_key(b.name))


def find_body(db: Database, key: str) -> int | None:
    """The body a person names on the command line: its number ("12" or "#12"), else its
    symbol code, name or short name, compared folded (case and marks aside), the first of
    these that names exactly one body. None when nothing fits."""
    text = single_line(key).lstrip("#")
    with db.read() as s:
        bodies = s.execute(select(Body.id, Body.code, Body.name, Body.short_name)).all()
    if text.isdigit() and any(b.id == int(text) for b in bodies):
        return int(text)
    wanted = fold(text)
    for field in ("code", "name", "short_name"):
        found = [b for b in bodies if fold(getattr(b, field) or "") == wanted]
        if len(found) == 1:
            return found[0].id
    return None


def list_documents(db: Database, search: str | None = None) -> list[Document]:
    with db.read() as s:
        stmt = select(Document).where(*folded_match(Document.search_fold, search))
        return list(s.scalars(stmt.order_by(Document.issue_date.desc(), Document.id)))


def list_programs(db: Database, search: str | None = None) -> list[tuple[Program, list[str], int]]:
    """(programme, symbols of its documents, task count)."""
    with db.read() as s:
        programs = list(s.scalars(
            select(Program).where(*folded_match(Program.search_fold, search)).order_by(Program.id)
        ))
        ids = [p.id for p in programs]
        docs: dict[int, list[str]] = {}
        for program_id, symbol in s.execute(
            select(ProgramDocument.program_id, Document.symbol)
            .join(Document, Document.id == ProgramDocument.document_id)
            .where(ProgramDocument.program_id.in_(ids)).order_by(ProgramDocument.position)
        ):
            docs.setdefault(program_id, []).append(symbol)
        counts = dict(s.execute(
            select(Task.program_id, func.count()).where(Task.program_id.in_(ids)).group_by(Task.program_id)
        ).all())
    return [(p, docs.get(p.id, []), counts.get(p.id, 0)) for p in programs]
