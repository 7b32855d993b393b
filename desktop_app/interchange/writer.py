"""Export everything to the ``nqdesk/2`` interchange format (see README).

The output is deterministic (ordered by id; tasks in document order) so that export →
import into an empty database → export gives identical bytes.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from sqlalchemy import select

from ..core.task_order import document_order
from ..i18n import _
from ..store.db import Database
from ..store.files import write_text_atomically
from ..store.models import (
    Body, BridgePoint, Document, PartyMembership, Program, ProgramDocument, ProgressEntry, Setting, StudyAttendance,
    StudySession, StudySessionDocument, Task, TaskCoordinator,
)
from .keys import FORMAT, body_key, document_keys, iso

__all__ = ["FORMAT", "dumps", "export_data", "export_file"]


def export_data(db: Database) -> dict:
    with db.read() as s:
        bodies = list(s.scalars(select(Body).order_by(Body.id)))
        documents = list(s.scalars(select(Document).order_by(Document.id)))
        programs = list(s.scalars(select(Program).order_by(Program.id)))
        links = list(s.scalars(select(ProgramDocument).order_by(ProgramDocument.program_id, ProgramDocument.position)))
        tasks = list(s.scalars(select(Task).order_by(Task.id)))
        coordinators = list(s.scalars(select(TaskCoordinator).order_by(TaskCoordinator.task_id, TaskCoordinator.position)))
        entries = list(s.scalars(select(ProgressEntry).order_by(ProgressEntry.id)))
        settings = list(s.scalars(select(Setting).order_by(Setting.key)))
        memberships = list(s.scalars(select(PartyMembership).order_by(PartyMembership.body_id, PartyMembership.as_of)))
        sessions = list(s.scalars(select(StudySession).order_by(StudySession.id)))
        session_docs = list(s.scalars(select(StudySessionDocument).order_by(
            StudySessionDocument.session_id, StudySessionDocument.position, StudySessionDocument.id)))
        points = list(s.scalars(select(BridgePoint).order_by(BridgePoint.session_id, BridgePoint.position,
                                                             BridgePoint.id)))
        attendance = list(s.scalars(select(StudyAttendance).order_by(StudyAttendance.id)))

    bkey = {b.id: body_key(b) for b in bodies}
    dkey = document_keys(documents)
    docs_of: dict[int, list[str]] = defaultdict(list)
    for link in links:
        docs_of[link.program_id].append(dkey[link.document_id])
    tasks_of: dict[int, list[Task]] = defaultdict(list)
    for t in tasks:
        tasks_of[t.program_id].append(t)
    coord_of: dict[int, list[str]] = defaultdict(list)
    for coordinator in coordinators:
        coord_of[coordinator.task_id].append(bkey[coordinator.body_id])
    entries_of: dict[int, list[ProgressEntry]] = defaultdict(list)
    for e in entries:
        entries_of[e.task_id].append(e)

    def progress(task_id: int) -> list[dict]:
        own = entries_of.get(task_id, [])
        index = {e.id: i for i, e in enumerate(own)}
        return [
            {
                "date": iso(e.reported_on), "percent": e.percent, "completed": e.completed, "note": e.note,
                "reported_by": e.reported_by, "evidence": e.evidence,
                "corrects": index.get(e.corrects_id) if e.corrects_id is not None else None,
                "recorded_by": e.recorded_by, "recorded_at": iso(e.recorded_at),
            }
            for e in own
        ]

    def task(t: Task) -> dict:
        return {
            "group": t.group_title, "content": t.content,
            "lead_body": bkey.get(t.lead_body_id) if t.lead_body_id else None,
            "coordinating_bodies": coord_of.get(t.id, []), "product": t.product,
            "deadline": t.deadline_text or None, "assigned_date": iso(t.assigned_date), "note": t.note,
            "progress": progress(t.id),
        }

    sdocs_of: dict[int, list[str]] = defaultdict(list)
    for session_doc in session_docs:
        sdocs_of[session_doc.session_id].append(dkey[session_doc.document_id])
    points_of: dict[int, list[BridgePoint]] = defaultdict(list)
    for point in points:
        points_of[point.session_id].append(point)
    point_index = {p.id: i for own in points_of.values() for i, p in enumerate(own)}
    rows_of: dict[int, list[StudyAttendance]] = defaultdict(list)
    for row in attendance:
        rows_of[row.session_id].append(row)

    def study_session(x: StudySession) -> dict:
        return {
            "title": x.title, "held_on": iso(x.held_on), "level": x.level,
            "organiser": bkey.get(x.organiser_id) if x.organiser_id else None,
            "scope": bkey.get(x.scope_id) if x.scope_id else None, "note": x.note,
            "documents": sdocs_of.get(x.id, []),
            "bridge_points": [{"name": p.name, "host": bkey.get(p.host_id) if p.host_id else None, "level": p.level}
                              for p in points_of.get(x.id, [])],
            "attendance": [
                {"body": bkey[r.body_id],
                 "bridge_point": point_index[r.bridge_point_id] if r.bridge_point_id is not None else None,
                 "members": r.members, "non_members": r.non_members, "newly_studied": r.newly_studied,
                 "note": r.note}
                for r in rows_of.get(x.id, [])
            ],
        }

    return {
        "format": FORMAT,
        "settings": {row.key: json.loads(row.value) for row in settings},
        "bodies": [
            {
                "key": bkey[b.id], "code": b.code, "name": b.name, "short_name": b.short_name, "kind": b.kind,
                "parent": bkey.get(b.parent_id) if b.parent_id else None,
                "valid_from": iso(b.valid_from), "valid_to": iso(b.valid_to), "note": b.note,
            }
            for b in bodies
        ],
        "documents": [
            {
                "key": dkey[d.id], "symbol": d.symbol, "issue_date": iso(d.issue_date),
                "issuing_authority": d.issuing_authority, "subject": d.subject, "classification": d.classification,
            }
            for d in documents
        ],
        "programs": [
            {
                "kind": p.kind, "title": p.title,
                "issuing_body": bkey.get(p.issuing_body_id) if p.issuing_body_id else None,
                "documents": docs_of.get(p.id, []), "number": p.number, "issue_date": iso(p.issue_date),
                "place": p.place, "status": p.status, "draft_round": p.draft_round,
                "classification": p.classification,
                "sections": {
                    "opening": p.opening_text, "purpose": p.purpose_text, "objectives": p.objectives_text,
                    "tasks": p.tasks_text, "organisation": p.organisation_text,
                },
                "signing": {
                    "authority": p.signing_authority, "mode": p.signing_mode, "title": p.signer_title,
                    "name": p.signer_name,
                },
                "recipients": p.recipients.split("\n") if p.recipients else [],
                "tasks": [task(t) for t in document_order(tasks_of.get(p.id, []))],
            }
            for p in programs
        ],
        "memberships": [{"body": bkey[m.body_id], "as_of": iso(m.as_of), "members": m.members} for m in memberships],
        "study_sessions": [study_session(x) for x in sessions],
    }


def dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def export_file(db: Database, path: str | Path) -> dict:
    """Write the whole database to *path* (atomically); returns the data written."""
    data = export_data(db)
    write_text_atomically(Path(path), dumps(data), what=_("tệp dữ liệu"))
    return data
