"""Helpers shared by the operations tests: full-database snapshots and "refused, nothing
written" checks."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop_app.ops.base import Problem, ValidationError
from desktop_app.store.models import Base

VIETNAMESE_LETTERS = set("ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")
DATA_TABLES = ("bodies", "documents", "programs", "program_documents", "tasks", "task_coordinators",
               "progress_entries", "settings")


def dump_all(db, names=None) -> dict[str, list[dict]]:
    """Every row (ids and derived columns included) of the named tables, or of all tables
    (journal included), ordered by id (by primary key)."""
    out = {}
    with db.read() as s:
        for name, table in sorted(Base.metadata.tables.items()):
            if names is None or name in names:
                out[name] = [dict(r._mapping) for r in s.execute(select(table).order_by(*table.primary_key.columns))]
    return out


def refused(db, call, *args, **kwargs) -> ValidationError:
    """Run an operation that must be refused; check nothing at all was written and every
    problem says why in Vietnamese."""
    before = dump_all(db)
    with pytest.raises(ValidationError) as info:
        call(db, *args, **kwargs)
    assert dump_all(db) == before
    for problem in info.value.problems:
        assert isinstance(problem, Problem)
        assert VIETNAMESE_LETTERS & set(problem.message.lower()), problem.message
    return info.value


def only_problem(err: ValidationError, field: str) -> Problem:
    found = err.for_field(field)
    assert len(found) == 1, err.problems
    return found[0]


def get(db, model, obj_id):
    with db.read() as s:
        return s.get(model, obj_id)
