"""What the study report (báo cáo kết quả học tập, quán triệt) shows around its figures, read
in one session as plain rows: the scope body and its parent, the sessions' organisers and
bridge points, the documents studied and the propaganda board the report is copied to."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from sqlalchemy import select

from ..core.text import fold
from ..store.db import Database
from ..store.models import BridgePoint, Document, StudySession, StudySessionDocument
from .bodies import BodyDirectory, BodyRow, read_bodies
from .program_data import DocumentInfo, document_info
from .settings import setting_in

__all__ = ["PointRow", "StudyReportSources", "study_report_sources"]


class PointRow(NamedTuple):
    session_id: int
    host_id: int | None
    level: str


@dataclass(frozen=True)
class StudyReportSources:
    scope: BodyRow
    parent: BodyRow | None
    bodies: BodyDirectory
    organisers: Mapping[int, int | None]  # session id → organiser body id
    points: tuple[PointRow, ...]
    documents: tuple[DocumentInfo, ...]  # studied in the sessions, each once, as linked
    propaganda: str | None  # the parent's Ban Tuyên giáo valid on the day, if any
    place: str  # the place-name setting


def study_report_sources(db: Database, scope_id: int, session_ids: Sequence[int], as_of: date) -> StudyReportSources:
    ids = list(session_ids)
    with db.read() as s:
        bodies = read_bodies(s)
        scope = bodies.get(scope_id)
        if scope is None:
            raise LookupError(f"no body {scope_id}")
        parent = bodies.parent(scope)
        organisers = dict(s.execute(select(StudySession.id, StudySession.organiser_id)
                                    .where(StudySession.id.in_(ids))).all())
        points = tuple(PointRow(*r) for r in s.execute(
            select(BridgePoint.session_id, BridgePoint.host_id, BridgePoint.level)
            .where(BridgePoint.session_id.in_(ids)).order_by(BridgePoint.id)))
        documents: list[DocumentInfo] = []
        seen: set[int] = set()
        for doc in s.scalars(select(Document).join(StudySessionDocument,
                                                   StudySessionDocument.document_id == Document.id)
                             .where(StudySessionDocument.session_id.in_(ids))
                             .order_by(StudySessionDocument.position, StudySessionDocument.id)):
            if doc.id not in seen:
                seen.add(doc.id)
                documents.append(document_info(doc))
        place = setting_in(s, "place") or ""
    propaganda = None
    if parent is not None:
        for child in bodies.children(parent.id):
            if fold(child.name).startswith("ban tuyen giao") and child.is_valid_on(as_of):
                propaganda = child.name
                break
    return StudyReportSources(scope, parent, bodies, organisers, points, tuple(documents), propaganda, place)
