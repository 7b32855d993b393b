"""The data model (SQLAlchemy 2 typed ORM).

Every table has an integer ``id`` so that the operations journal can name any row.
Status is never stored: it is derived from deadlines and the progress log
(:mod:`desktop_app.core.status`). ``search_fold`` columns hold the folded text
(:func:`desktop_app.core.text.fold`) so that "dang uy" finds "Đảng ủy" with a plain
``LIKE`` on SQLite and PostgreSQL alike; they are filled by ORM events here and by
the bulk importer.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    MetaData,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from ..core.text import fold, fold_parts

BODY_KINDS = (
    "party_committee",  # cấp ủy: Tỉnh ủy, Ban Thường vụ
    "advisory_body",  # cơ quan tham mưu, giúp việc: Ban, Văn phòng, Ủy ban Kiểm tra
    "party_delegation",  # ban cán sự đảng, đảng đoàn
    "party_organisation",  # đảng bộ, chi bộ
    "state_agency",  # UBND, sở, ngành
    "mass_organisation",  # Mặt trận, đoàn thể
    "other",
)
PROGRAM_KINDS = ("CTr", "KH")
PROGRAM_STATUSES = ("drafting", "consulting", "submitted", "issued")
SIGNING_MODES = ("T/M", "K/T", "")
# Học tập, quán triệt: the level of a session (hội nghị) and of a bridge point (điểm cầu).
STUDY_SESSION_LEVELS = ("national_relayed", "provincial", "bloc", "grassroots", "makeup")
BRIDGE_POINT_LEVELS = ("central", "provincial", "bloc", "grassroots")


# Named constraints, so that later migrations (batch mode on SQLite) can address them.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)

    if TYPE_CHECKING:
        # Every table has an integer id (each model maps it); said here for the type checker
        # only, so code written for any model (the journal, undo) may read it.
        id: Mapped[int]
        __table__: Table


# SQLite reuses the highest rowid after a delete unless AUTOINCREMENT is set; the journal
# names rows by id, so an id must never come back for a different row.
_NO_ID_REUSE = {"sqlite_autoincrement": True}


class Body(Base):
    """Cơ quan, đơn vị: a committee, an advisory body, a department…"""

    __tablename__ = "bodies"
    __table_args__ = _NO_ID_REUSE

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(500))
    short_name: Mapped[str] = mapped_column(String(200), default="")
    code: Mapped[str | None] = mapped_column(String(50), unique=True)
    kind: Mapped[str] = mapped_column(String(30), default="other")
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("bodies.id", ondelete="RESTRICT"))
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    search_fold: Mapped[str] = mapped_column(Text, default="")

    parent: Mapped[Body | None] = relationship(remote_side="Body.id")

    def is_valid_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    @staticmethod
    def fold_values(values: dict) -> str:
        return fold(" ".join(filter(None, [values.get("name"), values.get("short_name"), values.get("code")])))


class Document(Base):
    """Văn bản: a resolution or another guiding document, identified by its symbol."""

    __tablename__ = "documents"
    __table_args__ = (UniqueConstraint("symbol", "issue_date"), _NO_ID_REUSE)

    id: Mapped[int] = mapped_column(primary_key=True)
    symbol: Mapped[str] = mapped_column(String(100), index=True)  # canonical, e.g. 42-NQ/TW
    number: Mapped[int] = mapped_column(Integer)
    type_code: Mapped[str | None] = mapped_column(String(20))
    issuer_code: Mapped[str] = mapped_column(String(60))
    symbol_year: Mapped[int | None] = mapped_column(Integer)
    style: Mapped[str] = mapped_column(String(10))  # party | state
    issue_date: Mapped[date | None] = mapped_column(Date)
    issuing_authority: Mapped[str] = mapped_column(String(500), default="")
    subject: Mapped[str] = mapped_column(Text, default="")  # trích yếu
    classification: Mapped[str | None] = mapped_column(String(30))  # None, "Mật", "Tối mật"…
    search_fold: Mapped[str] = mapped_column(Text, default="")

    @staticmethod
    def fold_values(values: dict) -> str:
        return fold(" ".join(filter(None, [values.get("symbol"), values.get("subject"), values.get("issuing_authority")])))


class Program(Base):
    """Chương trình hành động (CTr) or kế hoạch (KH) implementing one or more documents."""

    __tablename__ = "programs"
    __table_args__ = _NO_ID_REUSE

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10), default="CTr")
    title: Mapped[str] = mapped_column(Text)
    issuing_body_id: Mapped[int | None] = mapped_column(ForeignKey("bodies.id", ondelete="RESTRICT"))
    number: Mapped[int | None] = mapped_column(Integer)
    issue_date: Mapped[date | None] = mapped_column(Date)
    place: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(20), default="drafting")
    draft_round: Mapped[int | None] = mapped_column(Integer)
    classification: Mapped[str | None] = mapped_column(String(30))
    opening_text: Mapped[str] = mapped_column(Text, default="")
    purpose_text: Mapped[str] = mapped_column(Text, default="")
    objectives_text: Mapped[str] = mapped_column(Text, default="")
    tasks_text: Mapped[str] = mapped_column(Text, default="")
    organisation_text: Mapped[str] = mapped_column(Text, default="")
    signing_authority: Mapped[str] = mapped_column(String(200), default="")  # "T/M BAN THƯỜNG VỤ"
    signing_mode: Mapped[str] = mapped_column(String(10), default="T/M")
    signer_title: Mapped[str] = mapped_column(String(100), default="")  # "BÍ THƯ"
    signer_name: Mapped[str] = mapped_column(String(200), default="")
    recipients: Mapped[str] = mapped_column(Text, default="")  # one per line
    search_fold: Mapped[str] = mapped_column(Text, default="")

    issuing_body: Mapped[Body | None] = relationship()

    @staticmethod
    def fold_values(values: dict) -> str:
        return fold(values.get("title") or "")


class ProgramDocument(Base):
    """A programme implements these documents (in this order in its title)."""

    __tablename__ = "program_documents"
    __table_args__ = (UniqueConstraint("program_id", "document_id"), _NO_ID_REUSE)

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey("programs.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="RESTRICT"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class Task(Base):
    """Nhiệm vụ: one line of a programme's appendix, assigned to a lead body."""

    __tablename__ = "tasks"
    __table_args__ = (
        Index(None, "program_id", "position"),
        # what the status rule reads (reports.status_sql): the dashboard reads the index alone,
        # in id order, so that each task's log summary (keyed by task id) is read in order too
        Index(None, "id", "deadline_kind", "due_date", "assigned_date", "lead_body_id"),
        _NO_ID_REUSE,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey("programs.id", ondelete="CASCADE"))
    group_title: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    content: Mapped[str] = mapped_column(Text)
    lead_body_id: Mapped[int | None] = mapped_column(
        ForeignKey("bodies.id", ondelete="RESTRICT"), index=True
    )
    product: Mapped[str] = mapped_column(String(500), default="")
    deadline_kind: Mapped[str | None] = mapped_column(String(20))
    due_date: Mapped[date | None] = mapped_column(Date, index=True)
    deadline_text: Mapped[str] = mapped_column(String(300), default="")
    assigned_date: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    search_fold: Mapped[str] = mapped_column(Text, default="")

    lead_body: Mapped[Body | None] = relationship()

    @staticmethod
    def fold_values(values: dict, memo: dict[str, str | None] | None = None) -> str:
        """*memo*: see core.text.fold_parts (an import folds each distinct part once)."""
        return fold_parts([values.get("content"), values.get("product"), values.get("group_title")], memo)


class TaskCoordinator(Base):
    """Cơ quan phối hợp of a task."""

    __tablename__ = "task_coordinators"
    __table_args__ = (UniqueConstraint("task_id", "body_id"), _NO_ID_REUSE)

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("bodies.id", ondelete="RESTRICT"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class ProgressEntry(Base):
    """One report of progress on a task. Append-only: a wrong entry is corrected by a
    new entry whose ``corrects_id`` names it, never edited."""

    __tablename__ = "progress_entries"
    # task_id first (a task's log, the cascade) then what the log summary reads
    # (reports.status_sql): the dashboard reads the index alone, not the wide rows
    __table_args__ = (Index(None, "task_id", "reported_on", "completed", "percent"), _NO_ID_REUSE)

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"))
    reported_on: Mapped[date] = mapped_column(Date)
    percent: Mapped[int | None] = mapped_column(Integer)
    completed: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(Text, default="")
    reported_by: Mapped[str] = mapped_column(String(200), default="")
    evidence: Mapped[str] = mapped_column(String(300), default="")
    corrects_id: Mapped[int | None] = mapped_column(
        ForeignKey("progress_entries.id", ondelete="SET NULL"), index=True
    )
    recorded_by: Mapped[str] = mapped_column(String(200), default="")
    recorded_at: Mapped[datetime | None] = mapped_column(DateTime)


class TaskLogSummary(Base):
    """A cache of one task's effective progress log (entries no later entry corrects), over
    all its dates: what the status needs (``core.status.LogSummary``), kept so that the
    figures over 100,000 tasks do not summarise 250,000 entries each time. Never edited by
    hand: ``ops.log_summary.refresh_log_summaries`` rewrites a task's row from its log in the
    transaction that changes the log; a task without an effective entry has no row. Not
    journaled (it is derived, like status). ``nqdesk check`` compares it with the log."""

    __tablename__ = "task_log_summaries"
    # last_on: which tasks have an entry dated after an as-of date in the past (reports.log_summary)
    __table_args__ = (Index(None, "last_on"),)

    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), primary_key=True)
    last_on: Mapped[date] = mapped_column(Date)  # latest report
    done: Mapped[date | None] = mapped_column(Date)  # earliest completion
    done_last_year: Mapped[date | None] = mapped_column(Date)  # earliest completion in the year of last_on
    percent_on: Mapped[date | None] = mapped_column(Date)  # the latest entry with a percent: its date,
    percent_entry_id: Mapped[int | None] = mapped_column(Integer)  # its id (the later of one day's entries)
    percent: Mapped[int | None] = mapped_column(Integer)  # and its percent


class PartyMembership(Base):
    """Số đảng viên of a party organisation as of a day. The count that applies on a day
    is the latest one dated on or before it."""

    __tablename__ = "party_memberships"
    __table_args__ = (UniqueConstraint("body_id", "as_of"), _NO_ID_REUSE)

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("bodies.id", ondelete="RESTRICT"), index=True)
    as_of: Mapped[date] = mapped_column(Date)
    members: Mapped[int] = mapped_column(Integer)


class StudySession(Base):
    """Hội nghị học tập, quán triệt (or a make-up session, học bù) on one or more documents.

    ``scope_id`` is the party organisation whose subordinate organisations report
    attendance for this session (e.g. the Đảng bộ Khối); ``organiser_id`` who organised it."""

    __tablename__ = "study_sessions"
    __table_args__ = _NO_ID_REUSE

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    held_on: Mapped[date] = mapped_column(Date, index=True)
    level: Mapped[str] = mapped_column(String(30), default="national_relayed")
    organiser_id: Mapped[int | None] = mapped_column(ForeignKey("bodies.id", ondelete="RESTRICT"))
    scope_id: Mapped[int | None] = mapped_column(ForeignKey("bodies.id", ondelete="RESTRICT"), index=True)
    note: Mapped[str] = mapped_column(Text, default="")


class StudySessionDocument(Base):
    """The documents (resolutions) studied at a session, in order."""

    __tablename__ = "study_session_documents"
    __table_args__ = (UniqueConstraint("session_id", "document_id"), _NO_ID_REUSE)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("study_sessions.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="RESTRICT"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class BridgePoint(Base):
    """Điểm cầu of a session, hosted by a body (the bloc's hall, a grassroots organisation…)."""

    __tablename__ = "bridge_points"
    __table_args__ = (Index(None, "session_id", "position"), _NO_ID_REUSE)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("study_sessions.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(500))
    host_id: Mapped[int | None] = mapped_column(ForeignKey("bodies.id", ondelete="RESTRICT"), index=True)
    level: Mapped[str] = mapped_column(String(30), default="grassroots")
    position: Mapped[int] = mapped_column(Integer, default=0)


class StudyAttendance(Base):
    """One organisation's report for a session (one row of the attendance grid): where its
    people attended, how many Party members and non-members (quần chúng ưu tú), and how
    many members studied the documents for the first time there (``newly_studied``)."""

    __tablename__ = "study_attendance"
    __table_args__ = (UniqueConstraint("session_id", "body_id", "bridge_point_id"), _NO_ID_REUSE)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("study_sessions.id", ondelete="CASCADE"), index=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("bodies.id", ondelete="RESTRICT"), index=True)
    bridge_point_id: Mapped[int | None] = mapped_column(
        ForeignKey("bridge_points.id", ondelete="RESTRICT"), index=True)
    members: Mapped[int] = mapped_column(Integer, default=0)
    non_members: Mapped[int] = mapped_column(Integer, default=0)
    newly_studied: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str] = mapped_column(Text, default="")


class Setting(Base):
    """Settings that matter live in the database (JSON values), so they are never half-written."""

    __tablename__ = "settings"
    __table_args__ = _NO_ID_REUSE

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(100), unique=True)
    value: Mapped[str] = mapped_column(Text)


class JournalEntry(Base):
    """One operation: its readable name, who and when, and whether it is undone.

    ``kind`` is "op" for a change, "undo"/"redo" for the audit record of undoing or
    redoing the entry named by ``target_id``. ``state`` of an op: "active" (in effect),
    "undone" (reverted, can be redone), "dead" (reverted and superseded by a new op).
    """

    __tablename__ = "journal"
    __table_args__ = _NO_ID_REUSE

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10), default="op")
    name: Mapped[str] = mapped_column(Text)
    entity: Mapped[str] = mapped_column(String(50), default="")
    entity_id: Mapped[int | None] = mapped_column(Integer)
    user_name: Mapped[str] = mapped_column(String(200), default="")
    at: Mapped[datetime] = mapped_column(DateTime)
    undoable: Mapped[bool] = mapped_column(Boolean, default=True)
    state: Mapped[str] = mapped_column(String(10), default="active", index=True)
    target_id: Mapped[int | None] = mapped_column(ForeignKey("journal.id", ondelete="SET NULL"))

    changes: Mapped[list[JournalChange]] = relationship(
        back_populates="entry", order_by="JournalChange.id", cascade="all, delete-orphan"
    )


class JournalChange(Base):
    """A row-level change of an operation; ``before``/``after`` are JSON objects of the
    changed fields (the whole row for inserts and deletes)."""

    __tablename__ = "journal_changes"
    __table_args__ = (Index(None, "entity", "entity_id"), _NO_ID_REUSE)

    id: Mapped[int] = mapped_column(primary_key=True)
    journal_id: Mapped[int] = mapped_column(ForeignKey("journal.id", ondelete="CASCADE"), index=True)
    entity: Mapped[str] = mapped_column(String(50))
    entity_id: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(10))  # insert | update | delete
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)

    entry: Mapped[JournalEntry] = relationship(back_populates="changes")


# Models whose rows the journal can name, by table name.
MODELS: dict[str, type[Base]] = {
    m.__tablename__: m
    for m in (Body, Document, Program, ProgramDocument, Task, TaskCoordinator, ProgressEntry, Setting,
              PartyMembership, StudySession, StudySessionDocument, BridgePoint, StudyAttendance)
}
FOLDED_MODELS = (Body, Document, Program, Task)


def _row_values(target) -> dict:
    return {c.key: getattr(target, c.key) for c in target.__table__.columns}


def _refresh_fold(mapper, connection, target) -> None:
    target.search_fold = type(target).fold_values(_row_values(target))


for _model in FOLDED_MODELS:
    event.listen(_model, "before_insert", _refresh_fold)
    event.listen(_model, "before_update", _refresh_fold)
