"""Học tập, quán triệt: member counts of party organisations, study sessions (hội nghị,
học bù), their documents, bridge points (điểm cầu) and the attendance grid.

The attendance grid of a session has one row per organisation's report at one bridge
point (an organisation may report twice: its own point and, for its leaders, the
provincial point). ``newly_studied`` is entered per row as "members who studied the
documents for the first time here"; the running total of an organisation over every
session on the same document may never exceed its member count (the count that applies
on the latest of those sessions' dates), so a member is never counted twice.
:func:`save_attendance` checks every row and saves all of them or nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import func, select

from ..core.dates import format_date
from ..i18n import N_, _, format_int
from . import names
from ..store.db import Database
from ..store.models import (
    Body, BridgePoint, Document, PartyMembership, StudyAttendance,
    StudySession, StudySessionDocument,
)
from ..reports.study_rules import body_name, running_total_problems, within_scope
from .base import Changes, Problem, ValidationError, get_or_fail, operation, sync_ordered_links
from .fields import UNSET, BridgePointFields, NotGiven, StudySessionFields, given
from ..interchange.fields import BRIDGE_POINT_LEVEL_LABELS as BRIDGE_POINT_LEVEL_LABELS  # shown by the screens
from ..interchange.fields import STUDY_SESSION_LEVEL_LABELS as STUDY_SESSION_LEVEL_LABELS
from ..interchange.fields import clean_membership_fields, clean_point_fields, clean_row_fields, clean_session_fields
from ..interchange.validate import Checker, short

SESSION_FIELDS = ("title", "held_on", "level", "organiser_id", "scope_id", "note", "document_ids")
POINT_FIELDS = ("name", "host_id", "level")
ROW_FIELDS = ("body_id", "bridge_point_id", "members", "non_members", "newly_studied", "note")


# --- member counts ----------------------------------------------------------------------

def set_member_count(db: Database, body_id: int, as_of, members) -> Changes:
    """Record that *body_id* has *members* Party members as of *as_of* (replaces the count
    of the same day). Refused if it would leave fewer members than have already studied a
    document in sessions from that day on."""
    with operation(db, names.SET_MEMBERS_SHORT, entity="bodies", entity_id=body_id) as op:
        session = op.session
        body = get_or_fail(session, Body, body_id, N_("tổ chức đảng"))
        c = Checker()
        clean = clean_membership_fields(c, {"as_of": as_of, "members": members})
        c.raise_if_any()
        op.rename(names.SET_MEMBERS, title=body.name, count=clean["members"], day=format_date(clean["as_of"]))
        row = session.scalar(select(PartyMembership).where(
            PartyMembership.body_id == body_id, PartyMembership.as_of == clean["as_of"]))
        if row is None:
            op.insert(PartyMembership(body_id=body_id, **clean))
        else:
            op.update(row, members=clean["members"])
        problems = running_total_problems(session, {body_id}, lambda d: None)
        if problems:
            raise ValidationError(problems)
    return op.changes


def delete_member_count(db: Database, membership_id: int) -> Changes:
    with operation(db, names.DELETE_MEMBERS_SHORT, entity="party_memberships", entity_id=membership_id) as op:
        row = get_or_fail(op.session, PartyMembership, membership_id, N_("số đảng viên"))
        body = get_or_fail(op.session, Body, row.body_id, N_("tổ chức đảng"), lock=False)
        op.rename(names.DELETE_MEMBERS, title=body.name, day=format_date(row.as_of))
        op.delete(row)
    return op.changes


# --- sessions -----------------------------------------------------------------------------

def _check_session(session, values: dict) -> tuple[dict, list[str]]:
    c = Checker()
    out = clean_session_fields(c, values)
    for key, label in (("organiser_id", N_("Cơ quan tổ chức")), ("scope_id", N_("Tổ chức đảng có các đơn vị báo cáo"))):
        value = values.get(key)
        out[key] = value
        if value is not None and session.get(Body, value) is None:
            c.fail(key, value, _("{field} không tồn tại (mã số {id}); hãy chọn lại.").format(field=_(label), id=value))
    docs = list(values.get("document_ids") or [])
    for doc_id in docs:
        if session.get(Document, doc_id) is None:
            c.fail("document_ids", doc_id, _("Không có văn bản mã số {id}; hãy chọn lại nghị quyết.").format(id=doc_id))
    if len(set(docs)) != len(docs):
        c.fail("document_ids", docs, _("Một văn bản được chọn hai lần; hãy bỏ bớt."))
    c.raise_if_any()
    return out, c.warnings


def create_session(db: Database, title: str, held_on, fields: StudySessionFields = StudySessionFields()) -> Changes:
    """Add a study session; ``op.changes.entity_id`` is its id. Fields: level, organiser_id,
    scope_id (default: the organiser), note, document_ids."""
    values = given(fields, StudySessionFields)
    values.pop("title", None)  # the title and the day are the arguments
    values.pop("held_on", None)
    values.pop("document_ids", None)
    document_ids = _ids(fields.document_ids)
    with operation(db, names.ADD_SESSION_SHORT, entity="study_sessions") as op:
        merged = {"title": title, "held_on": held_on, "document_ids": document_ids, **values}
        if merged.get("scope_id") is None:
            merged["scope_id"] = merged.get("organiser_id")
        clean, warnings = _check_session(op.session, merged)
        op.rename(names.ADD_SESSION, title=short(clean["title"]))
        study = op.insert(StudySession(**clean))
        op.entity_id = op.changes.entity_id = study.id
        sync_ordered_links(op, StudySessionDocument, "session_id", study.id, "document_id", document_ids)
        op.warn(*warnings)
    return op.changes


def update_session(db: Database, session_id: int, fields: StudySessionFields) -> Changes:
    """Change fields of a session; ``document_ids`` replaces its documents (in order).
    Refused if the new scope leaves attendance rows of organisations outside it."""
    values = given(fields, StudySessionFields)
    with operation(db, names.EDIT_SESSION_SHORT, entity="study_sessions", entity_id=session_id) as op:
        session = op.session
        study = get_or_fail(session, StudySession, session_id, N_("hội nghị học tập"))
        merged = {f: getattr(study, f) for f in SESSION_FIELDS if f != "document_ids"}
        merged["document_ids"] = _document_ids(session, session_id)
        merged |= values
        clean, warnings = _check_session(session, merged)
        op.rename(names.EDIT_SESSION, title=short(clean["title"]))
        op.update(study, **{k: clean[k] for k in values if k != "document_ids"})
        if "document_ids" in values:
            sync_ordered_links(op, StudySessionDocument, "session_id", session_id, "document_id",
                               _ids(fields.document_ids))
        rows = list(session.scalars(select(StudyAttendance).where(StudyAttendance.session_id == session_id)))
        problems = [Problem("scope_id", study.scope_id, _(
                    "«{body}» đã báo cáo dự hội nghị này nhưng không thuộc tổ chức đảng mới chọn; hãy sửa bảng dự "
                    "hội nghị trước.").format(body=body_name(session, r.body_id)))
                    for r in rows if not within_scope(session, r.body_id, study.scope_id)]
        problems += running_total_problems(session, {r.body_id for r in rows}, lambda d: None)
        if problems:
            raise ValidationError(problems)
        op.warn(*warnings)
    return op.changes


def delete_session(db: Database, session_id: int) -> Changes:
    """Delete a session with its bridge points, attendance and document links (undoable)."""
    with operation(db, names.DELETE_SESSION_SHORT, entity="study_sessions", entity_id=session_id) as op:
        session = op.session
        study = get_or_fail(session, StudySession, session_id, N_("hội nghị học tập"))
        op.rename(names.DELETE_SESSION, title=short(study.title))
        for model in (StudyAttendance, BridgePoint, StudySessionDocument):
            for row in session.scalars(select(model).where(model.session_id == session_id).order_by(model.id)):
                op.delete(row)
        op.delete(study)
    return op.changes


def _ids(document_ids: Sequence[int] | None | NotGiven) -> list[int]:
    return [] if document_ids is UNSET or document_ids is None else list(document_ids)


def _document_ids(session, session_id: int) -> list[int]:
    return list(session.scalars(select(StudySessionDocument.document_id)
                                .where(StudySessionDocument.session_id == session_id)
                                .order_by(StudySessionDocument.position)))


# --- bridge points ------------------------------------------------------------------------

def _check_point(session, values: dict) -> dict:
    c = Checker()
    out = clean_point_fields(c, values)
    if out["host_id"] is not None and session.get(Body, out["host_id"]) is None:
        c.fail("host_id", out["host_id"], _("Cơ quan đăng cai điểm cầu không tồn tại (mã số {id}).").format(
            id=out["host_id"]))
    c.raise_if_any()
    return out


def add_bridge_point(db: Database, session_id: int, name: str,
                     fields: BridgePointFields = BridgePointFields()) -> Changes:
    """Add a bridge point at the end of the session's list; fields: host_id, level."""
    values = given(fields, BridgePointFields)
    values.pop("name", None)  # the name is the argument
    with operation(db, names.ADD_BRIDGE_POINT_SHORT, entity="study_sessions", entity_id=session_id) as op:
        session = op.session
        get_or_fail(session, StudySession, session_id, N_("hội nghị học tập"))
        clean = _check_point(session, {"name": name, **values})
        op.rename(names.ADD_BRIDGE_POINT, title=short(clean["name"]))
        last = session.scalar(select(func.max(BridgePoint.position)).where(BridgePoint.session_id == session_id))
        point = op.insert(BridgePoint(session_id=session_id, position=(last or 0) + 1, **clean))
        op.changes.entity, op.changes.entity_id = "bridge_points", point.id
    return op.changes


def add_bridge_points(db: Database, session_id: int, points: list[dict]) -> Changes:
    """Add many bridge points at once (each a dict of name, host_id, level): all or nothing,
    every bad point reported as «Điểm cầu thứ N: …»."""
    with operation(db, names.ADD_BRIDGE_POINT_SHORT, entity="study_sessions", entity_id=session_id) as op:
        session = op.session
        get_or_fail(session, StudySession, session_id, N_("hội nghị học tập"))
        problems, clean_points = [], []
        for i, values in enumerate(points, start=1):
            unknown = set(values) - set(POINT_FIELDS)
            if unknown:
                raise ValidationError(_("Điểm cầu không có trường {fields}.").format(fields=", ".join(sorted(unknown))))
            try:
                clean_points.append(_check_point(session, values))
            except ValidationError as exc:
                problems += [Problem(f"points[{i - 1}].{p.field}", p.value, _("Điểm cầu thứ {number}: {message}").format(
                    number=i, message=p.message))
                             for p in exc.problems]
        if problems:
            raise ValidationError(problems)
        op.rename(names.ADD_BRIDGE_POINTS, count=len(clean_points))
        last = session.scalar(select(func.max(BridgePoint.position)).where(BridgePoint.session_id == session_id))
        for i, clean in enumerate(clean_points, start=(last or 0) + 1):
            op.insert(BridgePoint(session_id=session_id, position=i, **clean))
    return op.changes


def update_bridge_point(db: Database, point_id: int, fields: BridgePointFields) -> Changes:
    values = given(fields, BridgePointFields)
    with operation(db, names.EDIT_BRIDGE_POINT_SHORT, entity="bridge_points", entity_id=point_id) as op:
        point = get_or_fail(op.session, BridgePoint, point_id, N_("điểm cầu"))
        clean = _check_point(op.session, {f: getattr(point, f) for f in POINT_FIELDS} | values)
        op.rename(names.EDIT_BRIDGE_POINT, title=short(clean["name"]))
        op.update(point, **{k: clean[k] for k in values})
    return op.changes


def delete_bridge_point(db: Database, point_id: int) -> Changes:
    """Refused while attendance rows name the point (move or delete them first)."""
    with operation(db, names.DELETE_BRIDGE_POINT_SHORT, entity="bridge_points", entity_id=point_id) as op:
        session = op.session
        point = get_or_fail(session, BridgePoint, point_id, N_("điểm cầu"))
        op.rename(names.DELETE_BRIDGE_POINT, title=short(point.name))
        used = session.scalar(select(func.count()).select_from(StudyAttendance)
                              .where(StudyAttendance.bridge_point_id == point_id))
        if used:
            raise ValidationError(_(
                "Không xóa được điểm cầu «{point}»: còn {count} dòng báo cáo dự hội nghị tại điểm cầu này. Hãy chuyển "
                "các dòng đó sang điểm cầu khác hoặc xóa chúng trước.").format(point=point.name, count=format_int(used)),
                "id", point_id)
        op.delete(point)
    return op.changes


# --- attendance grid ------------------------------------------------------------------------

def save_attendance(db: Database, session_id: int, rows: list[dict], *, replace: bool = True) -> Changes:
    """Save the attendance grid of a session: each row a dict of ``body_id`` (required),
    ``bridge_point_id`` (a point of this session, or None), ``members``, ``non_members``,
    ``newly_studied`` (whole numbers ≥ 0, empty = 0) and ``note``.

    A row is identified by (body_id, bridge_point_id): an existing row is updated, a new one
    inserted; with ``replace=True`` (the grid is the whole list) rows of the session not in
    *rows* are deleted. Every row is checked; any problem refuses the whole save, each
    problem naming the row («Dòng 3 – Đảng bộ Sở Y tế: …») and the field
    (``rows[2].members``)."""
    with operation(db, names.SAVE_ATTENDANCE_SHORT, entity="study_sessions", entity_id=session_id) as op:
        session = op.session
        study = get_or_fail(session, StudySession, session_id, N_("hội nghị học tập"))
        op.rename(names.SAVE_ATTENDANCE, title=short(study.title))
        points = {p.id: p for p in session.scalars(select(BridgePoint).where(BridgePoint.session_id == session_id))}
        problems: list[Problem] = []
        clean_rows: list[dict] = []
        seen: dict[tuple, int] = {}
        for i, raw in enumerate(rows):
            clean = _check_row(session, study, points, i, raw, problems)
            if clean is None:
                continue
            key = (clean["body_id"], clean["bridge_point_id"])
            if key in seen:
                problems.append(_row_problem(session, i, clean["body_id"], "bridge_point_id", key[1],
                                             _("trùng với dòng {row} (cùng tổ chức, cùng điểm cầu); hãy gộp hai "
                                               "dòng.").format(row=seen[key] + 1)))
                continue
            seen[key] = i
            clean_rows.append(clean)
        if problems:
            raise ValidationError(problems)

        existing = {(r.body_id, r.bridge_point_id): r for r in
                    session.scalars(select(StudyAttendance).where(StudyAttendance.session_id == session_id)
                                    .order_by(StudyAttendance.id))}
        touched = {b for b, _p in existing} | {c["body_id"] for c in clean_rows}

        # Write, then check the running totals on the written state (inside the transaction:
        # a refusal rolls everything back).
        for clean in clean_rows:
            key = (clean["body_id"], clean["bridge_point_id"])
            values = {k: clean[k] for k in ("members", "non_members", "newly_studied", "note")}
            if key in existing:
                op.update(existing.pop(key), **values)
            else:
                op.insert(StudyAttendance(session_id=session_id, body_id=key[0], bridge_point_id=key[1], **values))
        if replace:
            for row in existing.values():
                op.delete(row)
        row_of: dict[int, int] = {}
        for i, clean in enumerate(rows):
            row_of.setdefault(clean["body_id"], i)  # the organisation's first row in the grid
        problems = running_total_problems(session, touched, lambda body_id: row_of.get(body_id))
        if problems:
            raise ValidationError(problems)
    return op.changes


def _row_problem(session, i: int, body_id, field: str, value, message: str) -> Problem:
    return Problem(f"rows[{i}].{field}", value, _("Dòng {row} – {body}: {message}").format(
        row=i + 1, body=body_name(session, body_id), message=message))


def _check_row(session, study: StudySession, points: dict, i: int, raw, problems: list[Problem]) -> dict | None:
    if not isinstance(raw, dict):
        problems.append(Problem(f"rows[{i}]", raw, _("Dòng {row}: cần là một dòng của bảng dự hội nghị.").format(row=i + 1)))
        return None
    unknown = set(raw) - set(ROW_FIELDS)
    if unknown:
        problems.append(Problem(f"rows[{i}]", sorted(unknown),
                                _("Dòng {row}: không có cột {columns}.").format(
                                    row=i + 1, columns=", ".join(sorted(unknown)))))
        return None
    body_id = raw.get("body_id")
    start = len(problems)

    def fail(field, value, message):
        problems.append(_row_problem(session, i, body_id, field, value, message))

    body = session.get(Body, body_id) if isinstance(body_id, int) and not isinstance(body_id, bool) else None
    if body is None:
        fail("body_id", body_id, _("chưa chọn tổ chức đảng hoặc tổ chức không tồn tại; hãy chọn lại."))
    elif not within_scope(session, body.id, study.scope_id):
        scope = body_name(session, study.scope_id)
        fail("body_id", body_id, _("không thuộc «{scope}», nơi các đơn vị báo cáo hội nghị này; hãy chọn tổ chức "
                                   "trực thuộc hoặc sửa phạm vi hội nghị.").format(scope=scope))
    point_id = raw.get("bridge_point_id")
    if point_id is not None and point_id not in points:
        other = session.get(BridgePoint, point_id) if isinstance(point_id, int) else None
        if other:
            message = _("«{point}» là điểm cầu của hội nghị khác; hãy chọn một điểm cầu của hội nghị này.").format(
                point=other.name)
        else:
            message = _("không có điểm cầu mã số {id}; hãy chọn một điểm cầu của hội nghị này.").format(id=point_id)
        fail("bridge_point_id", point_id, message)
    c = Checker()
    clean = clean_row_fields(c, raw)
    for p in c.problems:
        fail(p.field, p.value, p.message[0].lower() + p.message[1:] if p.message else p.message)
    if len(problems) > start:
        return None
    return {"body_id": body_id, "bridge_point_id": point_id, **clean}


def grid_rows(db: Database, session_id: int) -> list[dict]:
    """The saved grid of a session, in the shape :func:`save_attendance` takes, plus the
    organisation's name and the point's name for display; ordered by point then name."""
    from ..core.text import sort_key

    with db.read() as session:
        rows = list(session.scalars(select(StudyAttendance).where(StudyAttendance.session_id == session_id)))
        points = {p.id: p for p in session.scalars(select(BridgePoint).where(BridgePoint.session_id == session_id))}
        names = {b.id: b.name for b in session.scalars(select(Body).where(
            Body.id.in_({r.body_id for r in rows})))}
    out = [{"id": r.id, "body_id": r.body_id, "bridge_point_id": r.bridge_point_id, "members": r.members,
            "non_members": r.non_members, "newly_studied": r.newly_studied, "note": r.note,
            "body_name": names[r.body_id],
            "bridge_point_name": points[r.bridge_point_id].name if r.bridge_point_id else ""} for r in rows]
    position: dict[int | None, int] = defaultdict(int, {pid: p.position for pid, p in points.items()})
    out.sort(key=lambda r: (position[r["bridge_point_id"]], sort_key(r["body_name"]), r["id"]))  # type: ignore[index,arg-type]  # the row dict's values are mixed
    return out
