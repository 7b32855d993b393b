"""How a programme's tasks are ordered and numbered, as its appendix prints them.

The programme view, the Word appendix, the periodic report and the nqdesk/2 file all
list tasks through these functions, so they cannot disagree.

An issued programme lists the tasks that belong to no group first, with no heading and
no Roman numeral; then each group under its heading "I.", "II."…, groups in the order of
their first task. STT restarts at 1 under every heading.

Pure logic: no I/O, no database, no Qt.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Generic, Protocol, TypeVar

from .dates import to_roman

__all__ = ["group_key", "document_order", "TaskGroup", "group_numbering"]


class _Ordered(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def program_id(self) -> int: ...
    @property
    def group_title(self) -> str | None: ...
    @property
    def position(self) -> int: ...


class _Grouped(Protocol):
    @property
    def group_title(self) -> str | None: ...


T = TypeVar("T", bound=_Ordered)
G = TypeVar("G", bound=_Grouped)


def group_key(title: str | None) -> str:
    """The group a task belongs to: its title, or "" when it has none (blank counts as none)."""
    return title if title and title.strip() else ""


def document_order(tasks: Iterable[T]) -> list[T]:
    """Tasks in appendix order: by programme; in each, the ungrouped tasks first, then the
    groups in the order of their first task; by position within a group."""
    tasks = list(tasks)
    first: dict[tuple[int, str], tuple[int, int]] = {}
    for t in tasks:
        key, here = (t.program_id, group_key(t.group_title)), (t.position, t.id)
        if key not in first or here < first[key]:
            first[key] = here

    def order(t: T) -> tuple[int, bool, tuple[int, int], int, int]:
        group = group_key(t.group_title)
        return (t.program_id, group != "", first[(t.program_id, group)], t.position, t.id)

    return sorted(tasks, key=order)


@dataclass
class TaskGroup(Generic[G]):
    """One heading of the appendix and its tasks, each with its STT (1, 2… under the heading)."""

    roman: str | None  # None for the tasks without a group: no heading row
    title: str
    items: list[tuple[int, G]] = field(default_factory=list)

    def reference(self, stt: int) -> str:
        """How a task is cited: "II.3", or "3" for an ungrouped task."""
        return f"{self.roman}.{stt}" if self.roman else str(stt)

    @property
    def heading(self) -> str:
        """"II. Title" as the heading row shows it; "" for the ungrouped tasks."""
        return f"{self.roman}. {self.title}" if self.roman else ""


def group_numbering(tasks: Iterable[G]) -> list[TaskGroup[G]]:
    """The tasks of one programme, already in document order, under their headings:
    Roman numerals for the named groups only, STT restarting under each heading."""
    groups: list[TaskGroup[G]] = []
    named = 0
    for task in tasks:
        title = group_key(task.group_title)
        if not groups or group_key(groups[-1].title) != title:
            roman = None
            if title:
                named += 1
                roman = to_roman(min(named, 3999))
            groups.append(TaskGroup(roman, title))
        group = groups[-1]
        group.items.append((len(group.items) + 1, task))
    return groups
