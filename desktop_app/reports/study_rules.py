"""Rules of the study data that need the database: which organisation lies within a
session's scope, the member count that applies on a day, and the running total of members
who studied a document (never more than the members). The operations refuse a change
that breaks them; ``nqdesk check`` and the import report data that does."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from ..core.dates import format_date
from ..core.hierarchy import ancestors
from ..errors import Problem
from ..i18n import _, format_int
from ..store.models import Body, Document, PartyMembership, StudyAttendance, StudySession, StudySessionDocument

__all__ = ["body_name", "member_count_on", "running_total_problems", "within_scope"]


def member_count_on(session, body_id: int, day: date) -> int | None:
    """The member count of *body_id* that applies on *day* (latest dated on/before it)."""
    return session.scalar(
        select(PartyMembership.members)
        .where(PartyMembership.body_id == body_id, PartyMembership.as_of <= day)
        .order_by(PartyMembership.as_of.desc()).limit(1)
    )


def within_scope(session, body_id: int, scope_id: int | None) -> bool:
    """Is *body_id* the scope itself or below it? (Everything is within no scope.)"""
    if scope_id is None:
        return True
    return any(b == scope_id for b in ancestors(
        body_id, lambda current: session.scalar(select(Body.parent_id).where(Body.id == current))))


def running_total_problems(session, body_ids, row_of) -> list[Problem]:
    """For every document, the total newly studied of each organisation over all sessions
    on it must not exceed its member count (the count on the latest of those sessions)."""
    if not body_ids:
        return []
    stmt = (
        select(StudyAttendance.body_id, StudySessionDocument.document_id,
               func.sum(StudyAttendance.newly_studied), func.max(StudySession.held_on))
        .join(StudySession, StudySession.id == StudyAttendance.session_id)
        .join(StudySessionDocument, StudySessionDocument.session_id == StudySession.id)
        .where(StudyAttendance.body_id.in_(sorted(body_ids)))
        .group_by(StudyAttendance.body_id, StudySessionDocument.document_id)
    )
    worst: dict[int, tuple] = {}
    for body_id, doc_id, total, last_day in session.execute(stmt):
        members = member_count_on(session, body_id, last_day)
        if members is not None and total > members and (body_id not in worst or total > worst[body_id][0]):
            worst[body_id] = (total, members, doc_id, last_day)
    problems = []
    for body_id in sorted(worst, key=lambda b: body_name(session, b)):
        total, members, doc_id, last_day = worst[body_id]
        symbol = session.get(Document, doc_id).symbol
        name = body_name(session, body_id)
        i = row_of(body_id)
        where = _("Dòng {row} – {name}").format(row=i + 1, name=name) if i is not None else name
        problems.append(Problem(
            f"rows[{i}].newly_studied" if i is not None else "newly_studied", total,
            _("{where}: tổng số đảng viên đã học tập Nghị quyết {symbol} qua các hội nghị là {total}, "
              "nhiều hơn số đảng viên của tổ chức ({members}, tính đến {date}). "
              "Chỉ ghi số đảng viên học tập lần đầu ở mỗi hội nghị (người học bù không tính lại), "
              "hoặc cập nhật số đảng viên.").format(where=where, symbol=symbol, total=format_int(total),
                                                    members=format_int(members), date=format_date(last_day))))
    return problems


def body_name(session, body_id) -> str:
    body = session.get(Body, body_id) if isinstance(body_id, int) else None
    return body.name if body is not None else _("(mã số {id})").format(id=body_id)
