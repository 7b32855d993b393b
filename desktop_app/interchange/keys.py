"""The keys of the ``nqdesk/2`` format: its name, the fields of each kind of record, and how
a body and a document are named in a file (a programme refers to them by key). The reader,
the writer and the import's writing all take them from here."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime

from ..store.models import Body, Document

FORMAT = "nqdesk/2"
OLD_FORMATS = ("nqdesk/1",)
SETTING_KEYS = ("due_soon_days", "place", "continuous_report_period")

# The fields of each kind of record, as the writer writes them.
FIELDS = {
    "": ("format", "note", "settings", "bodies", "documents", "programs", "memberships", "study_sessions"),
    "body": ("key", "code", "name", "short_name", "kind", "parent", "valid_from", "valid_to", "note"),
    "document": ("key", "symbol", "issue_date", "issuing_authority", "subject", "classification"),
    "program": ("kind", "title", "issuing_body", "documents", "number", "issue_date", "place", "status",
                "draft_round", "classification", "sections", "signing", "recipients", "tasks"),
    "sections": ("opening", "purpose", "objectives", "tasks", "organisation"),
    "signing": ("authority", "mode", "title", "name"),
    "task": ("group", "content", "lead_body", "coordinating_bodies", "product", "deadline", "assigned_date",
             "note", "progress"),
    "entry": ("date", "percent", "completed", "note", "reported_by", "evidence", "corrects", "recorded_by",
              "recorded_at"),
    "membership": ("body", "as_of", "members"),
    "session": ("title", "held_on", "level", "organiser", "scope", "note", "documents", "bridge_points",
                "attendance"),
    "point": ("name", "host", "level"),
    "row": ("body", "bridge_point", "members", "non_members", "newly_studied", "note"),
}

# The file's names of the programme fields the operations name otherwise.
PROGRAM_NAMES = {
    "opening_text": "sections.opening", "purpose_text": "sections.purpose", "objectives_text": "sections.objectives",
    "tasks_text": "sections.tasks", "organisation_text": "sections.organisation",
    "signing_authority": "signing.authority", "signing_mode": "signing.mode", "signer_title": "signing.title",
    "signer_name": "signing.name",
}


def iso(d: date | datetime | None) -> str | None:
    return d.isoformat() if d is not None else None


def body_key(body: Body) -> str:
    """A body is referred to by its symbol code, or by its name when it has none."""
    return body.code or body.name


def document_keys(documents: Iterable[Document]) -> dict[int, str]:
    """Canonical symbol; ``symbol|yyyy-mm-dd`` when two documents share a symbol."""
    counts: dict[str, int] = defaultdict(int)
    for d in documents:
        counts[d.symbol] += 1
    return {
        d.id: d.symbol if counts[d.symbol] == 1 else f"{d.symbol}|{iso(d.issue_date) or ''}"
        for d in documents
    }


def symbol_date_key(symbol: str | None, day: date | None) -> str:
    """The key a document has by its symbol and issue date (``symbol|yyyy-mm-dd``)."""
    return f"{symbol}|{day.isoformat() if day else ''}"
