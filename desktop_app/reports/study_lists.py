"""Read-side lists behind the "Học tập, quán triệt" screen: the sessions on a document with
their totals, the bridge points of a session, the organisations that report to a scope and
their member counts. (The figures themselves are in :mod:`reports.study`.)"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from ..core.text import sort_key
from .study_rules import member_count_on
from ..store.db import Database
from ..store.models import Body, BridgePoint, Document, StudyAttendance, StudySession, StudySessionDocument


@dataclass(frozen=True)
class SessionSummary:
    id: int
    title: str
    held_on: date
    level: str
    organiser_id: int | None
    scope_id: int | None
    note: str
    document_ids: tuple[int, ...]
    bridge_points: int  # every point of the session
    attendees_members: int  # every attendance row
    attendees_non_members: int
    newly_studied: int

    @property
    def attendees_total(self) -> int:
        return self.attendees_members + self.attendees_non_members


@dataclass(frozen=True)
class PointLine:
    id: int
    name: str
    host_id: int | None
    host_name: str
    level: str
    position: int
    rows: int  # attendance rows at this point


@dataclass(frozen=True)
class OrganisationRef:
    id: int
    name: str


def documents_with_sessions(db: Database) -> list[int]:
    """Ids of documents some study session is about, most recently studied first."""
    with db.read() as s:
        rows = s.execute(select(StudySessionDocument.document_id, func.max(StudySession.held_on))
                         .join(StudySession, StudySession.id == StudySessionDocument.session_id)
                         .group_by(StudySessionDocument.document_id)).all()
    return [d for d, _day in sorted(rows, key=lambda r: (-r[1].toordinal(), r[0]))]


def sessions_on_document(db: Database, document_id: int | None) -> list[SessionSummary]:
    """The sessions on *document_id* (every session when None), by date, with totals over
    all their rows and points."""
    with db.read() as s:
        stmt = select(StudySession)
        if document_id is not None:
            stmt = stmt.join(StudySessionDocument, StudySessionDocument.session_id == StudySession.id).where(
                StudySessionDocument.document_id == document_id)
        sessions = list(s.scalars(stmt.order_by(StudySession.held_on, StudySession.id)))
        ids = [x.id for x in sessions]
        docs: dict[int, list[int]] = defaultdict(list)
        for sid, did in s.execute(select(StudySessionDocument.session_id, StudySessionDocument.document_id)
                                  .where(StudySessionDocument.session_id.in_(ids))
                                  .order_by(StudySessionDocument.position)):
            docs[sid].append(did)
        points = dict(s.execute(select(BridgePoint.session_id, func.count()).where(
            BridgePoint.session_id.in_(ids)).group_by(BridgePoint.session_id)).all())
        sums = {sid: (m or 0, n or 0, k or 0) for sid, m, n, k in s.execute(
            select(StudyAttendance.session_id, func.sum(StudyAttendance.members),
                   func.sum(StudyAttendance.non_members), func.sum(StudyAttendance.newly_studied))
            .where(StudyAttendance.session_id.in_(ids)).group_by(StudyAttendance.session_id))}
    return [SessionSummary(x.id, x.title, x.held_on, x.level, x.organiser_id, x.scope_id, x.note or "",
                           tuple(docs[x.id]), points.get(x.id, 0), *sums.get(x.id, (0, 0, 0)))
            for x in sessions]


def session_summary(db: Database, session_id: int) -> SessionSummary | None:
    return next((x for x in sessions_on_document(db, None) if x.id == session_id), None)


def bridge_points(db: Database, session_id: int) -> list[PointLine]:
    """The points of a session in their order."""
    with db.read() as s:
        points = list(s.scalars(select(BridgePoint).where(BridgePoint.session_id == session_id)
                                .order_by(BridgePoint.position, BridgePoint.id)))
        used = dict(s.execute(select(StudyAttendance.bridge_point_id, func.count())
                              .where(StudyAttendance.session_id == session_id)
                              .group_by(StudyAttendance.bridge_point_id)).all())
        hosts = {b.id: b.name for b in s.scalars(select(Body).where(
            Body.id.in_({p.host_id for p in points if p.host_id is not None})))}
    return [PointLine(p.id, p.name, p.host_id, hosts.get(p.host_id, "") if p.host_id is not None else "", p.level, p.position, used.get(p.id, 0))
            for p in points]


def party_organisations(db: Database) -> list[OrganisationRef]:
    """Every party organisation (bodies of kind ``party_organisation``), Vietnamese order."""
    with db.read() as s:
        rows = s.execute(select(Body.id, Body.name).where(Body.kind == "party_organisation")).all()
    return sorted((OrganisationRef(i, n) for i, n in rows), key=lambda o: (sort_key(o.name), o.id))


def scope_organisations(db: Database, scope_id: int | None, day: date) -> list[OrganisationRef]:
    """The organisations that report to *scope_id* (its direct party-organisation sub-bodies
    valid on *day*), Vietnamese order: the rows of an attendance grid."""
    if scope_id is None:
        return []
    with db.read() as s:
        bodies = [b for b in s.scalars(select(Body).where(Body.parent_id == scope_id,
                                                          Body.kind == "party_organisation"))
                  if b.is_valid_on(day)]
    return sorted((OrganisationRef(b.id, b.name) for b in bodies), key=lambda o: (sort_key(o.name), o.id))


def member_counts(db: Database, body_ids, day: date) -> dict[int, int | None]:
    """The member count of each body that applies on *day* (None when none recorded)."""
    with db.read() as s:
        return {b: member_count_on(s, b, day) for b in body_ids}


def document_label(db: Database, document_id: int) -> str:
    with db.read() as s:
        doc = s.get(Document, document_id)
        return doc.symbol if doc is not None else ""


__all__ = ["OrganisationRef", "PointLine", "SessionSummary", "bridge_points", "document_label",
           "documents_with_sessions", "member_counts", "party_organisations", "scope_organisations",
           "session_summary", "sessions_on_document"]
