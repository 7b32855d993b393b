"""The bodies (cơ quan, tổ chức) as plain immutable rows, with the tree walks documents need
(a committee's office, the root committee, a body's parents) done on them without a session."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..core.hierarchy import ancestors
from ..core.text import fold
from ..store.models import Body

__all__ = ["BodyRow", "BodyDirectory", "read_bodies"]


class BodyRow(NamedTuple):
    id: int
    name: str
    short_name: str
    code: str | None
    kind: str
    parent_id: int | None
    valid_from: date | None = None
    valid_to: date | None = None

    def is_valid_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True)
class BodyDirectory:
    """Every body, by id (in id order)."""

    by_id: Mapping[int, BodyRow] = field(default_factory=dict)

    def get(self, body_id: int | None) -> BodyRow | None:
        return self.by_id.get(body_id) if body_id is not None else None

    def parent(self, body: BodyRow) -> BodyRow | None:
        return self.get(body.parent_id)

    def up(self, body: BodyRow) -> Iterator[BodyRow]:
        """*body*, its parent, … (a parent cycle left in the database ends the walk)."""
        return ancestors(body, self.parent)

    def children(self, body_id: int) -> list[BodyRow]:
        return [b for b in self.by_id.values() if b.parent_id == body_id]

    def roots(self, kinds: Iterable[str]) -> list[BodyRow]:
        wanted = set(kinds)
        return [b for b in self.by_id.values() if b.parent_id is None and b.kind in wanted]

    def office_of(self, body_id: int) -> BodyRow | None:
        """The office (Văn phòng) among the children of *body_id*: the first by id."""
        return next((c for c in self.children(body_id) if fold(c.name).startswith("van phong")), None)


def read_bodies(session: Session) -> BodyDirectory:
    stmt = select(Body.id, Body.name, Body.short_name, Body.code, Body.kind, Body.parent_id, Body.valid_from,
                  Body.valid_to).order_by(Body.id)
    return BodyDirectory({r[0]: BodyRow(r[0], r[1], r[2] or "", r[3], r[4] or "other", r[5], r[6], r[7])
                          for r in session.execute(stmt)})
