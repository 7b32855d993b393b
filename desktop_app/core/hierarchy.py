"""Walking up a hierarchy of bodies (cơ quan cấp trên) without ever looping.

A parent cycle is refused by the operations and by the import, but a database may still
hold one (written by an older version, by hand, or by another program), so every walk up
the hierarchy goes through :func:`ancestors`, which stops at the first repeat.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from typing import TypeVar

K = TypeVar("K", bound=Hashable)

__all__ = ["ancestors", "cycle_of", "would_cycle"]


def ancestors(start: K | None, parent_of: Callable[[K], K | None]) -> Iterator[K]:
    """*start*, its parent, the parent's parent…, each at most once: a cycle ends the walk."""
    seen: set[K] = set()
    current = start
    while current is not None and current not in seen:
        seen.add(current)
        yield current
        current = parent_of(current)


def would_cycle(child: K, new_parent: K | None, parent_of: Callable[[K], K | None]) -> bool:
    """Would making *new_parent* the parent of *child* put *child* above itself?"""
    return any(k == child for k in ancestors(new_parent, parent_of))


def cycle_of(start: K, parent_of: Callable[[K], K | None]) -> list[K] | None:
    """The cycle *start* sits on (``[start, parent, …]``, back to *start*), or None. A
    chain that runs into a cycle elsewhere does not count: that cycle is reported from
    one of its own members."""
    chain = list(ancestors(start, parent_of))
    last = chain[-1]
    return chain if parent_of(last) == start else None
