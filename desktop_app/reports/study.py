"""Figures of a study round (học tập, quán triệt) for one document and one day.

Scope. The figures are about one parent party organisation (the *scope*, e.g. the Đảng bộ
Khối các cơ quan tỉnh). Its **organisations** are its direct sub-bodies of kind
``party_organisation`` valid on the day (the grassroots organisations); attendance rows of
deeper bodies (a chi bộ under a đảng bộ cơ sở) count for the organisation they belong to.
Without an explicit scope, the scope is the one most sessions on the document name (the
lowest body id on a tie).

What counts (sessions on the document held on or before the day):
- **bridge points**: points of non-make-up sessions hosted by the scope or one of its
  organisations (so the provincial point hosted by the Tỉnh ủy is not one of the bloc's 64);
- **attendees**: the sums of the attendance rows at those points (members / non-members);
- **organisations represented**: organisations with at least one attendee in a non-make-up
  session, at any point;
- **members studied**: per organisation, the sum of ``newly_studied`` over every session
  (make-up sessions and the provincial point included), capped at its member count;
  **members total**: the sum of the organisations' member counts that apply on the day.

Percentages are whole percents as reports print them (``format_ratio``: Babel 'vi',
pattern "#,##0%", half-even rounding: 3.252/4.336 → "75%"); the exact value is kept as a
float in ``*_percent`` (None when the whole is 0).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date

from sqlalchemy import select

from ..core.numbers import format_ratio
from ..core.symbols import SymbolError, parse_symbol
from ..core.text import sort_key
from ..errors import NqdeskError
from ..i18n import _
from .study_rules import member_count_on
from ..store.db import Database
from ..store.models import Body, BridgePoint, Document, StudyAttendance, StudySession, StudySessionDocument


class StudyFiguresError(NqdeskError):
    """The document or the scope asked for does not exist (Vietnamese message)."""


@dataclass(frozen=True)
class OrganisationLine:
    body_id: int
    name: str
    members: int  # member count that applies on the day (0 if none recorded)
    attendees: int  # members + non-members at non-make-up sessions, at any point
    studied: int  # capped at members
    remaining: int  # members - studied

    @property
    def percent(self) -> float | None:
        return self.studied * 100 / self.members if self.members else None


@dataclass(frozen=True)
class SessionLine:
    id: int
    title: str
    held_on: date
    level: str
    bridge_points: int  # counted points of this session
    attendees_members: int
    attendees_non_members: int
    newly_studied: int  # by the scope's organisations


@dataclass(frozen=True)
class StudyFigures:
    document_id: int
    symbol: str
    as_of: date
    scope_id: int | None
    scope_name: str
    sessions: tuple[SessionLine, ...]
    bridge_points: int
    bridge_points_by_level: dict[str, int]
    attendees_members: int
    attendees_non_members: int
    organisations_total: int
    organisations_represented: int
    members_total: int
    members_studied: int
    members_studied_makeup: int  # of members_studied, at make-up sessions
    organisations: tuple[OrganisationLine, ...]  # every organisation of the scope, Vietnamese order
    behind: tuple[OrganisationLine, ...] = field(default=())  # those below 100%, Vietnamese order
    # organisations with no member count on the day: counted as 0 members, so what they studied
    # is not in the figures until the count is entered
    without_member_count: tuple[str, ...] = field(default=())

    @property
    def attendees_total(self) -> int:
        return self.attendees_members + self.attendees_non_members

    @property
    def organisations_percent(self) -> float | None:
        return _pct(self.organisations_represented, self.organisations_total)

    @property
    def members_percent(self) -> float | None:
        return _pct(self.members_studied, self.members_total)

    @property
    def organisations_percent_text(self) -> str:
        return format_ratio(self.organisations_represented, self.organisations_total)

    @property
    def members_percent_text(self) -> str:
        return format_ratio(self.members_studied, self.members_total)

    @property
    def members_remaining(self) -> int:
        return self.members_total - self.members_studied

    def to_json(self) -> dict:
        """A JSON-ready dict (dates ISO, percents as numbers and as printed)."""
        data = asdict(self)
        data["as_of"] = self.as_of.isoformat()
        for s in data["sessions"]:
            s["held_on"] = s["held_on"].isoformat()
        for key in ("organisations", "behind"):
            for line, obj in zip(data[key], getattr(self, key)):
                line["percent"] = obj.percent
        data |= {
            "attendees_total": self.attendees_total,
            "organisations_percent": self.organisations_percent,
            "organisations_percent_text": self.organisations_percent_text,
            "members_percent": self.members_percent,
            "members_percent_text": self.members_percent_text,
            "members_remaining": self.members_remaining,
        }
        return data


def _pct(part: int, whole: int) -> float | None:
    return part * 100 / whole if whole else None


def find_document(session, resolution: int | str) -> Document:
    """A document by id or by symbol as people type it ("45- NQ/TW"); the latest issued
    when two share a symbol."""
    if isinstance(resolution, int):
        doc = session.get(Document, resolution)
        if doc is None:
            raise StudyFiguresError(_("Không có văn bản mã số {id}.").format(id=resolution))
        return doc
    try:
        symbol = str(parse_symbol(resolution))
    except SymbolError as exc:
        raise StudyFiguresError(str(exc)) from None
    docs = list(session.scalars(select(Document).where(Document.symbol == symbol)))
    if not docs:
        raise StudyFiguresError(_("Không có văn bản «{symbol}» trong cơ sở dữ liệu; hãy kiểm tra ký hiệu "
                                  "(nqdesk list documents).").format(symbol=symbol))
    return max(docs, key=lambda d: (d.issue_date or date.min, d.id))


def study_figures(db: Database, resolution: int | str, as_of: date, scope_body_id: int | None = None) -> StudyFigures:
    """The figures of the study of *resolution* (document id or symbol) as of *as_of*."""
    with db.read() as s:
        doc = find_document(s, resolution)
        sessions = list(s.scalars(
            select(StudySession)
            .join(StudySessionDocument, StudySessionDocument.session_id == StudySession.id)
            .where(StudySessionDocument.document_id == doc.id, StudySession.held_on <= as_of)
            .order_by(StudySession.held_on, StudySession.id)))
        if scope_body_id is None:
            scopes = Counter(x.scope_id for x in sessions if x.scope_id is not None)
            if scopes:
                top = max(scopes.values())
                scope_body_id = min(b for b, n in scopes.items() if n == top)
        scope = s.get(Body, scope_body_id) if scope_body_id is not None else None
        if scope_body_id is not None and scope is None:
            raise StudyFiguresError(_("Không có tổ chức đảng mã số {id}.").format(id=scope_body_id))

        orgs = [] if scope is None else [
            b for b in s.scalars(select(Body).where(Body.parent_id == scope.id, Body.kind == "party_organisation"))
            if b.is_valid_on(as_of)]
        org_ids = {b.id for b in orgs}
        parents = dict(s.execute(select(Body.id, Body.parent_id)).all())

        def org_of(body_id: int | None) -> int | None:
            seen = set()
            while body_id is not None and body_id not in seen:
                if body_id in org_ids:
                    return body_id
                seen.add(body_id)
                body_id = parents.get(body_id)
            return None

        session_ids = [x.id for x in sessions]
        points = list(s.scalars(select(BridgePoint).where(BridgePoint.session_id.in_(session_ids))))
        rows = list(s.scalars(select(StudyAttendance).where(StudyAttendance.session_id.in_(session_ids))))
        recorded = {b.id: member_count_on(s, b.id, as_of) for b in orgs}
        members = {b_id: count or 0 for b_id, count in recorded.items()}

    by_id = {x.id: x for x in sessions}
    counted_points = {p.id: p for p in points if by_id[p.session_id].level != "makeup"
                      and p.host_id is not None and (p.host_id == scope_body_id or p.host_id in org_ids)}
    studied: dict[int, int] = defaultdict(int)
    attended: dict[int, int] = defaultdict(int)
    makeup = 0
    per_session = {x.id: [0, 0, 0] for x in sessions}
    for r in rows:
        if r.bridge_point_id in counted_points:
            per_session[r.session_id][0] += r.members
            per_session[r.session_id][1] += r.non_members
        org = org_of(r.body_id)
        if org is None:
            continue
        studied[org] += r.newly_studied
        per_session[r.session_id][2] += r.newly_studied
        if by_id[r.session_id].level == "makeup":
            makeup += r.newly_studied
        else:
            attended[org] += r.members + r.non_members

    lines = []
    for b in sorted(orgs, key=lambda b: (sort_key(b.name), b.id)):
        done = min(studied[b.id], members[b.id])
        lines.append(OrganisationLine(b.id, b.name, members[b.id], attended[b.id], done, members[b.id] - done))
    point_counts = Counter(p.session_id for p in counted_points.values())
    by_level = Counter(p.level for p in counted_points.values())
    return StudyFigures(
        document_id=doc.id, symbol=doc.symbol, as_of=as_of, scope_id=scope_body_id,
        scope_name=scope.name if scope else "",
        sessions=tuple(SessionLine(x.id, x.title, x.held_on, x.level, point_counts[x.id], *per_session[x.id])
                       for x in sessions),
        bridge_points=len(counted_points), bridge_points_by_level=dict(sorted(by_level.items())),
        attendees_members=sum(v[0] for v in per_session.values()),
        attendees_non_members=sum(v[1] for v in per_session.values()),
        organisations_total=len(lines),
        organisations_represented=sum(1 for line in lines if line.attendees > 0),
        members_total=sum(line.members for line in lines),
        members_studied=sum(line.studied for line in lines),
        members_studied_makeup=makeup,
        organisations=tuple(lines),
        behind=tuple(line for line in lines if line.remaining > 0),
        without_member_count=tuple(line.name for line in lines if recorded[line.body_id] is None),
    )


__all__ = ["OrganisationLine", "SessionLine", "StudyFigures", "StudyFiguresError", "find_document", "study_figures"]
