"""Live refresh: an open program notices what other users (or this user's other windows)
changed and refreshes what they touched.

Every couple of seconds it asks the journal for entries newer than those it has seen (one
indexed query; works on PostgreSQL and on a SQLite file shared by two programs alike). The
entries this program made itself were already announced when they happened and are
skipped. The others become one :class:`Changes`, announced through the context as any
operation is, so each view refreshes only what they touched and an editor keeps a field
that is being edited (see ``EntityEditor.refresh``).

PostgreSQL numbers an entry when it is written, not when it commits, so an entry can
appear below a number already seen: the last ``MARGIN`` numbers are asked again and
skipped when already handled.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from ..ops.base import Changes
from ..reports.journal import newest_journal_ids, recent_entries
from .i18n import _

MARGIN = 50
INTERVAL_MS = 2000


class LiveRefresh(QObject):
    """Polls the journal for the context ``ctx``; ``noticed`` carries the announced Changes."""

    noticed = Signal(object)  # Changes

    def __init__(self, ctx, interval_ms: int = INTERVAL_MS, parent: QObject | None = None):
        super().__init__(parent if parent is not None else ctx)
        self.ctx = ctx
        # What is in the database when the program starts is on screen already.
        self._handled: set[int] = set(newest_journal_ids(ctx.db, MARGIN))
        self._seen_max = max(self._handled, default=0)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)
        self.failed = False

    def start(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def poll(self) -> Changes | None:
        """Look once; announce and return what others changed, if anything."""
        floor = max(0, self._seen_max - MARGIN)
        try:
            entries = recent_entries(self.ctx.db, floor, skip=self._handled)
        except Exception:  # the server is unreachable for a moment: try again at the next tick
            self.failed = True
            return None
        self.failed = False
        for e in entries:  # the ones not handled yet
            self._handled.add(e.id)
            self._seen_max = max(self._seen_max, e.id)
        self._handled = {i for i in self._handled if i > self._seen_max - 2 * MARGIN}
        others = [e for e in entries if not self.ctx.is_own_entry(e.id)]
        if not others:
            return None
        users = list(dict.fromkeys(e.user_name for e in others))
        changes = Changes(name=_("Dữ liệu vừa được {user} cập nhật").format(user=", ".join(users)))
        action_key = {"insert": "inserted", "update": "updated", "delete": "deleted"}
        for e in others:
            for action, entity, entity_id in e.touched:
                getattr(changes, action_key[action]).setdefault(entity, set()).add(entity_id)
        if changes.empty:
            return None
        self.ctx.announce(changes)
        self.noticed.emit(changes)
        return changes
