"""Lists of programmes, documents and bodies with the quick (folded) search."""

from __future__ import annotations

from collections.abc import Collection
from typing import NamedTuple

from sqlalchemy import func, select

from ..core.text import fold, single_line, sort_key
from ..store.db import Database
from ..store.models import Body, Document, Program, ProgramDocument, Task
from .tasks import folded_match, program_labels


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


class Choice(NamedTuple):
    """One entry of a pick list: an id and the text shown for it."""

    id: int
    text: str


def body_choices(db: Database) -> list[Choice]:
    """Every body by name, in Vietnamese order (the lead-body filter)."""
    with db.read() as s:
        rows = s.execute(select(Body.id, Body.name)).all()
    return sorted((Choice(i, n) for i, n in rows), key=lambda c: sort_key(c.text))


def program_choices(db: Database, *, labelled: bool = False) -> list[Choice]:
    """Every programme by its title, in the order they were added; *labelled*: shown as
    "15-CTr/TU (42-NQ/TW) — title" (the dashboard's programme picker)."""
    with db.read() as s:
        rows = s.execute(select(Program.id, Program.title).order_by(Program.id)).all()
        labels = program_labels(s) if labelled else {}
    if labelled:
        return [Choice(i, f"{labels.get(i, '')} — {t}") for i, t in rows]
    return [Choice(i, t) for i, t in rows]


def body_short_names(db: Database) -> dict[int, str]:
    """The short name of every body (its name when it has none), for charts."""
    with db.read() as s:
        return {i: short or name for i, short, name in s.execute(select(Body.id, Body.short_name, Body.name))}


def body_search_texts(db: Database) -> dict[str, str]:
    """What the quick search looks in for a body named in a task row (its lead body's name,
    a coordinating body's short name or name): the body's folded name, short name and code,
    as the database's quick search matches them (``reports.tasks.quick_search``). A name
    two bodies share gives both."""
    out: dict[str, str] = {}
    with db.read() as s:
        for name, short_name, folded in s.execute(select(Body.name, Body.short_name, Body.search_fold)):
            for shown in {name, short_name or name}:
                out[shown] = f"{out[shown]}\x00{folded}" if shown in out else folded
    return out


def existing_program_ids(db: Database, ids: Collection[int]) -> set[int]:
    """Those of *ids* that are still programmes."""
    if not ids:
        return set()
    with db.read() as s:
        return set(s.scalars(select(Program.id).where(Program.id.in_(list(ids)))))


def program_label(db: Database, program_id: int | None) -> str:
    """The short name of one programme ("15-CTr/TU (42-NQ/TW)"); "" when there is none."""
    if program_id is None:
        return ""
    with db.read() as s:
        return program_labels(s, [program_id]).get(program_id, "")


def row_exists(db: Database, table: str, row_id: int) -> bool:
    """Whether the row *row_id* of *table* ("tasks", "programs"…) is still there."""
    from ..store.models import MODELS

    model = MODELS[table]
    with db.read() as s:
        return s.scalar(select(model.id).where(model.id == row_id)) is not None
