"""The reminder digest kept up to date row by row (issue 12).

``reports.progress.reminder_digest`` groups every overdue and due-soon task by lead body:
on 100,000 tasks that is a pass over all of them and a sort of each body's list, too slow
to repeat after each edit. :class:`ReminderIndex` holds the same lists, each body's kept
sorted, and is told which rows a change removed and added (the old and the fresh rows of
the tasks it touched, as the GUI's shared task rows and ``ShapeCounts`` are); only the
bodies those rows belong to are rebuilt. ``groups()`` always equals ``reminder_digest``
of the same rows (a test checks it after random changes).
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterable

from ..core.status import TaskStatus
from .progress import NO_LEAD_BODY, DigestGroup, digest_group_order, digest_order
from .tasks import TaskRow

__all__ = ["ReminderIndex"]

_LISTED = (TaskStatus.OVERDUE, TaskStatus.DUE_SOON)


class _Listed:
    """One body's overdue or due-soon tasks in digest order: parallel sorted lists."""

    __slots__ = ("keys", "rows")

    def __init__(self) -> None:
        self.keys: list[tuple] = []
        self.rows: list[TaskRow] = []

    def add(self, row: TaskRow) -> None:
        key = digest_order(row)
        at = bisect_left(self.keys, key)
        if at < len(self.keys) and self.keys[at] == key:  # the same task again: replace it
            self.rows[at] = row
            return
        self.keys.insert(at, key)
        self.rows.insert(at, row)

    def remove(self, row: TaskRow) -> bool:
        key = digest_order(row)
        at = bisect_left(self.keys, key)
        if at < len(self.keys) and self.keys[at] == key:
            del self.keys[at]
            del self.rows[at]
            return True
        return False


class ReminderIndex:
    """The digest of a set of task rows, changed by :meth:`add` and :meth:`remove` (a
    changed task: its old row removed, its new row added). ``version`` grows each time
    :meth:`groups` comes out different, so a panel knows when it need not redraw."""

    __slots__ = ("_lists", "_groups", "_dirty", "_list", "version")

    def __init__(self, rows: Iterable[TaskRow] = ()) -> None:
        # body → (overdue, due soon)
        self._lists: dict[int | None, tuple[_Listed, _Listed]] = {}
        self._groups: dict[int | None, DigestGroup] = {}
        self._dirty: set[int | None] = set()
        self._list: list[DigestGroup] | None = None
        self.version = 0
        by_body: dict[int | None, tuple[list[TaskRow], list[TaskRow]]] = {}
        for row in rows:  # the first fill: sorted once per body, not inserted one by one
            if row.status in _LISTED:
                pair = by_body.get(row.lead_body_id)
                if pair is None:
                    pair = by_body[row.lead_body_id] = ([], [])
                pair[row.status != TaskStatus.OVERDUE].append(row)
        for body, pair in by_body.items():
            lists = self._lists[body] = (_Listed(), _Listed())
            for listed, found in zip(lists, pair):
                found.sort(key=digest_order)
                listed.rows = found
                listed.keys = [digest_order(r) for r in found]
            self._dirty.add(body)

    def add(self, rows: Iterable[TaskRow]) -> None:
        for row in rows:
            if row.status in _LISTED:
                body = row.lead_body_id
                lists = self._lists.get(body)
                if lists is None:
                    lists = self._lists[body] = (_Listed(), _Listed())
                lists[row.status != TaskStatus.OVERDUE].add(row)
                self._dirty.add(body)

    def remove(self, rows: Iterable[TaskRow]) -> None:
        for row in rows:
            if row.status in _LISTED:
                body = row.lead_body_id
                lists = self._lists.get(body)
                if lists is not None and lists[row.status != TaskStatus.OVERDUE].remove(row):
                    self._dirty.add(body)
                    if not lists[0].rows and not lists[1].rows:
                        del self._lists[body]

    def groups(self) -> list[DigestGroup]:
        """The digest: ``reminder_digest`` of the rows held."""
        if self._dirty:
            changed = False
            for body in self._dirty:
                lists = self._lists.get(body)
                old = self._groups.get(body)
                if lists is None:
                    if old is not None:
                        del self._groups[body]
                        changed = True
                    continue
                overdue, soon = lists
                # every task of a body names it alike (a renamed body refetches all its tasks)
                first = overdue.rows[0] if overdue.rows else soon.rows[0]
                group = DigestGroup(body, first.lead_body_name or NO_LEAD_BODY, tuple(overdue.rows),
                                    tuple(soon.rows))
                if group != old:
                    self._groups[body] = group
                    changed = True
            self._dirty.clear()
            if changed or self._list is None:
                self._list = sorted(self._groups.values(), key=digest_group_order)
                self.version += 1
        if self._list is None:
            self._list = []
        return list(self._list)
