"""Cơ quan, đơn vị: create, edit, delete."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, or_, select

from ..core.hierarchy import would_cycle
from ..store.db import Database
from ..store.models import (
    Body, BridgePoint, PartyMembership, Program, StudyAttendance, StudySession, Task, TaskCoordinator,
)
from .fields import BodyFields, given
from ..i18n import N_, _, format_int
from . import names
from .base import Changes, ValidationError, check_expected, get_or_fail, operation
from ..interchange.fields import BODY_KIND_LABELS as BODY_KIND_LABELS  # shown by the screens
from ..interchange.fields import CYCLE_MESSAGE, clean_body_fields
from ..interchange.validate import Checker, refuse_unknown

FIELDS = ("name", "short_name", "code", "kind", "parent_id", "valid_from", "valid_to", "note")
LABELS = {
    "name": N_("Tên cơ quan"), "short_name": N_("Tên viết tắt"), "code": N_("Mã ký hiệu"),
    "kind": N_("Loại cơ quan"), "parent_id": N_("Cơ quan cấp trên"), "valid_from": N_("Hiệu lực từ ngày"),
    "valid_to": N_("Hiệu lực đến ngày"), "note": N_("Ghi chú"),
}


def _check(session, values: dict, body_id: int | None) -> tuple[dict, list[str]]:
    c = Checker()
    out = clean_body_fields(c, values)
    if out["code"]:
        # Codes are compared without regard to case: "btgtu" and "BTGTU" are the same body.
        wanted = out["code"].upper()
        clash = [name for code, name in session.execute(select(Body.code, Body.name).where(
            Body.code.is_not(None), Body.id != (body_id or -1))) if code.upper() == wanted]
        if clash:
            c.fail("code", out["code"], _("Mã ký hiệu «{code}» đã dùng cho «{body}».").format(
                code=out["code"], body=clash[0]))
    parent_id = out["parent_id"]
    if parent_id is not None:
        if session.get(Body, parent_id) is None:
            c.fail("parent_id", parent_id, _("Cơ quan cấp trên không tồn tại."))
        elif body_id is not None and _is_descendant(session, parent_id, body_id):
            c.fail("parent_id", parent_id, CYCLE_MESSAGE)
    c.raise_if_any()
    return out, c.warnings


def _is_descendant(session, candidate_id: int, body_id: int) -> bool:
    return would_cycle(body_id, candidate_id,
                       lambda current: session.scalar(select(Body.parent_id).where(Body.id == current)))


def create_body(db: Database, name: str, fields: BodyFields = BodyFields()) -> Changes:
    values = given(fields, BodyFields)
    with operation(db, names.ADD_BODY_SHORT, entity="bodies") as op:
        clean, warnings = _check(op.session, {"name": name, **values}, None)
        op.rename(names.ADD_BODY, title=clean["name"])
        op.entity_id = op.insert(Body(**clean)).id
        op.warn(*warnings)
    return op.changes


def _refuse_unknown(values: dict) -> None:
    refuse_unknown(values, FIELDS, _("Cơ quan"))


def update_body(db: Database, body_id: int, fields: BodyFields, *, expected: dict | None = None) -> Changes:
    """``expected``: the values the user's screen showed; if they changed since, nothing is
    written (:class:`~desktop_app.ops.base.ConflictError`)."""
    values = given(fields, BodyFields)
    _refuse_unknown(expected or {})
    with operation(db, names.EDIT_BODY_SHORT, entity="bodies", entity_id=body_id) as op:
        body = get_or_fail(op.session, Body, body_id, N_("cơ quan"))
        check_expected(op, body, expected, labels=LABELS)
        merged = {f: getattr(body, f) for f in FIELDS} | values
        clean, warnings = _check(op.session, merged, body_id)
        op.rename(names.EDIT_BODY, title=clean["name"])
        op.update(body, **{k: clean[k] for k in values})
        op.warn(*warnings)
    return op.changes


def delete_body(db: Database, body_id: int) -> Changes:
    with operation(db, names.DELETE_BODY_SHORT, entity="bodies", entity_id=body_id) as op:
        session = op.session
        body = get_or_fail(session, Body, body_id, N_("cơ quan"))
        op.rename(names.DELETE_BODY, title=body.name)
        uses = session.scalar(
            select(func.count()).select_from(Task).where(Task.lead_body_id == body_id)
        ) or 0
        uses += session.scalar(
            select(func.count()).select_from(TaskCoordinator).where(TaskCoordinator.body_id == body_id)
        ) or 0
        uses += session.scalar(select(func.count()).select_from(Program).where(Program.issuing_body_id == body_id)) or 0
        if uses:
            raise ValidationError(
                _("Không xóa được «{body}»: cơ quan này có trong {count} nhiệm vụ hoặc chương trình. "
                  "Nếu cơ quan đã giải thể hay sáp nhập, hãy đặt ngày hết hiệu lực: văn bản cũ vẫn giữ tên cũ.")
                .format(body=body.name, count=format_int(uses))
            )
        study_uses = sum(session.scalar(select(func.count()).select_from(model).where(column == body_id)) for model, column in (
            (StudyAttendance, StudyAttendance.body_id), (BridgePoint, BridgePoint.host_id),
            (StudySession, StudySession.organiser_id), (StudySession, StudySession.scope_id)))
        if study_uses:
            raise ValidationError(
                _("Không xóa được «{body}»: tổ chức này có trong {count} hội nghị, điểm cầu hoặc dòng báo cáo "
                  "học tập, quán triệt. Hãy sửa các hội nghị đó trước, hoặc đặt ngày hết hiệu lực.")
                .format(body=body.name, count=format_int(study_uses))
            )
        for membership in session.scalars(select(PartyMembership).where(PartyMembership.body_id == body_id)
                                          .order_by(PartyMembership.id)):
            op.delete(membership)  # its member counts go with it (and come back on undo)
        children = session.scalar(select(func.count()).select_from(Body).where(Body.parent_id == body_id))
        if children:
            raise ValidationError(
                _("Không xóa được «{body}»: còn {count} cơ quan trực thuộc. Hãy chuyển hoặc xóa chúng trước.")
                .format(body=body.name, count=format_int(children))
            )
        op.delete(body)
    return op.changes


def bodies_valid_on(session, day: date) -> list[Body]:
    """Bodies that can take new assignments on *day* (validity dates include it)."""
    stmt = select(Body).where(
        or_(Body.valid_from.is_(None), Body.valid_from <= day),
        or_(Body.valid_to.is_(None), Body.valid_to >= day),
    )
    return list(session.scalars(stmt))
