"""Recording returned report-collection forms in the progress log.

All or nothing **per file**, in one transaction and one journal entry for the batch: a
form with any problem is refused whole (none of its rows is written) and the others are
recorded. Why per file rather than per batch: each file is one body's official report; one
body's mistake (a stale form, a percent of 120) must not hold back the reports of thirty
other bodies, and the office asks just that body to send its form again. Nothing is ever
half-written: a file is either recorded entirely or not at all. ``strict=True`` refuses
the whole batch when any file has a problem, for those who prefer it.

Each filled row becomes a progress entry (the rules of ``ops.progress``: percent 0-100, a
completion is 100% and happens once, no future dates) with the body as ``reported_by``
and its report reference as ``evidence``. The day reported on is the completion date for
a completed task, else the date of the body's report (the form's "Ngày văn bản báo cáo"),
else the round's date.

A SQLite database is backed up automatically before anything is written; the journal
entry names the backup. The entry can be undone as a whole (it only adds entries).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import NamedTuple

from sqlalchemy import select

from ..core.collection_form import task_fingerprint
from ..core.dates import format_date
from ..core.status import completion_clash
from ..importers.collection_forms import FormRow, ReturnedForm, read_form
from ..interchange.fields import clean_progress_fields
from ..interchange.validate import Checker
from ..reports.entries import not_corrected
from ..store.db import Database
from ..store.models import Body, ProgressEntry, Task
from ..i18n import N_, _, format_int
from . import names
from .base import Changes, backup_before_import, now_utc, operation

__all__ = ["PlannedEntry", "FileFindings", "CollectionImport", "import_forms"]


@dataclass(frozen=True)
class PlannedEntry:
    row: int
    task_id: int
    content: str
    reported_on: date
    percent: int | None
    completed: bool
    evidence: str
    note: str


@dataclass
class FileFindings:
    path: Path
    body_name: str = ""
    entries: list[PlannedEntry] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # a problem means: the file is not recorded
    row_problems: list[tuple[int, str, str]] = field(default_factory=list)  # (row, task content, message)
    warnings: list[str] = field(default_factory=list)
    unfilled: int = 0

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def accepted(self) -> bool:
        return not self.problems and not self.row_problems

    def all_problems(self) -> list[str]:
        return self.problems + [_("Dòng {row}: {message}").format(row=row, message=message)
                                for row, _c, message in self.row_problems]


@dataclass
class CollectionImport:
    dry_run: bool
    files: list[FileFindings]
    recorded: int = 0  # entries written (or that would be, in a dry run)
    backup: Path | None = None
    journal_id: int | None = None
    changes: Changes | None = None
    strict: bool = False

    @property
    def refused_files(self) -> list[FileFindings]:
        return [f for f in self.files if not f.accepted]

    def summary(self) -> str:
        accepted = [f for f in self.files if f.accepted]
        written = not (self.strict and self.refused_files)
        counts = {"entries": format_int(self.recorded), "accepted": format_int(len(accepted)),
                  "files": format_int(len(self.files)), "refused": format_int(len(self.refused_files))}
        if not written:
            return _("Chưa ghi gì: {refused}/{files} phiếu có lỗi.").format(**counts)
        if self.dry_run:
            head = _("Sẽ ghi {entries} mục tiến độ từ {accepted}/{files} phiếu.").format(**counts)
        else:
            head = _("Đã ghi {entries} mục tiến độ từ {accepted}/{files} phiếu.").format(**counts)
        if self.refused_files:
            head += " " + _("{refused} phiếu có lỗi không được ghi.").format(**counts)
        return head

    def as_json(self) -> dict:
        return {
            "dry_run": self.dry_run, "recorded": self.recorded, "strict": self.strict,
            "backup": str(self.backup) if self.backup else None, "journal_id": self.journal_id,
            "files": [{
                "file": str(f.path), "body": f.body_name, "accepted": f.accepted, "problems": f.problems,
                "row_problems": [{"row": r, "task": c, "message": m} for r, c, m in f.row_problems],
                "warnings": f.warnings, "unfilled_rows": f.unfilled,
                "entries": [{"row": e.row, "task_id": e.task_id, "reported_on": e.reported_on.isoformat(),
                             "percent": e.percent, "completed": e.completed, "evidence": e.evidence,
                             "note": e.note} for e in f.entries],
            } for f in self.files],
        }


class _DryRun(Exception):
    pass


def import_forms(db: Database, paths: list[str | Path], *, dry_run: bool = False, strict: bool = False,
                 today: date | None = None) -> CollectionImport:
    """Check every returned form of *paths* and record the good ones (see the module's doc)."""
    today = today or date.today()
    # A file chosen twice is one file (the same form in two different files is another matter).
    unique = list({Path(p).resolve(): Path(p) for p in paths}.values())
    forms = [read_form(p) for p in unique]
    result = CollectionImport(dry_run=dry_run, files=[], strict=strict)
    # Backed up whenever a readable form has a filled row (checking every form against the
    # database first, only to know, would cost as much as the import itself).
    if not dry_run and any(f.rows and not f.problems for f in forms):
        result.backup = backup_before_import(
            db, "truoc-khi-nhap-phieu", N_("Không sao lưu được trước khi ghi phiếu báo cáo ({reason}); chưa ghi gì."))
    try:
        with operation(db, names.IMPORT_FORMS, entity="progress_entries") as op:
            op.rename(names.IMPORT_FORMS, count=len(forms))
            result.files = _check(op.session, forms, today, lock=True)
            writable = [f for f in result.files if f.accepted]
            if strict and result.refused_files:
                writable = []
            for findings in writable:
                for e in findings.entries:
                    op.insert(ProgressEntry(
                        task_id=e.task_id, reported_on=e.reported_on, percent=e.percent, completed=e.completed,
                        note=e.note, reported_by=findings.body_name, evidence=e.evidence,
                        recorded_by=db.user_name, recorded_at=now_utc()))
                    result.recorded += 1
            op.rename(names.IMPORT_FORM_ENTRIES, count_entries=result.recorded,
                      count_forms=sum(bool(f.entries) for f in writable))
            if result.backup:
                op.rename(names.WITH_BACKUP, name=op.entry.name, backup=result.backup.name)
            if dry_run:  # everything was written and checked by the database; now rolled back
                raise _DryRun
        result.changes = op.changes
        result.journal_id = op.changes.journal_id
    except _DryRun:
        pass
    if result.changes is None:
        result.changes = Changes(name=result.summary())
    return result


def _check(session, forms: list[ReturnedForm], today: date, *, lock: bool = False) -> list[FileFindings]:
    findings = [FileFindings(f.path, f.body_name, problems=list(f.problems), unfilled=f.unfilled) for f in forms]
    # The same form in several files, or the same task in several forms: which one is right
    # is for the office to decide, so none of them is recorded.
    by_form: dict[str, list[int]] = {}
    by_task: dict[int, list[int]] = {}
    for i, form in enumerate(forms):
        if form.form_id and not form.problems:
            by_form.setdefault(form.form_id, []).append(i)
            for row in form.rows:
                by_task.setdefault(row.task_id, []).append(i)
    for indexes in by_form.values():
        if len(indexes) > 1:
            files_text = ", ".join(f"«{forms[i].name}»" for i in indexes)
            for i in indexes:
                findings[i].problems.append(_(
                    "Cùng một phiếu có trong {count} tệp ({files}): phiếu được điền hai lần; hãy chọn một tệp rồi "
                    "nhập lại.").format(count=format_int(len(indexes)), files=files_text))
    for task_id, indexes in by_task.items():
        files = sorted(set(indexes))
        if len(files) > 1 and len({forms[i].form_id for i in files}) > 1:
            files_text = ", ".join(f"«{forms[i].name}»" for i in files)
            for i in files:
                row = next(r for r in forms[i].rows if r.task_id == task_id)
                findings[i].row_problems.append((row.row, row.content, _(
                    "Nhiệm vụ này được báo cáo trong nhiều phiếu ({files}); hãy chỉ giữ một.").format(files=files_text)))

    task_ids = sorted({r.task_id for f in forms for r in f.rows})
    # Plain rows, not ORM objects: a round of 7,000 tasks and their logs is read in a blink.
    # Locked when writing (FOR UPDATE on PostgreSQL), as every operation on a task's log is: a
    # completion recorded meanwhile by someone else waits, then is seen by the checks below.
    tasks: dict[int, _TaskFacts] = {}
    log: dict[int, list[_LogEntry]] = {}
    for start in range(0, len(task_ids), 5000):
        chunk = task_ids[start:start + 5000]
        stmt = select(*_TaskFacts.columns()).where(Task.id.in_(chunk)).order_by(Task.id)
        if lock:
            stmt = stmt.with_for_update()
        tasks.update((r[0], _TaskFacts(*r)) for r in session.execute(stmt))
        entries = select(ProgressEntry.task_id, ProgressEntry.reported_on, ProgressEntry.percent,
                         ProgressEntry.completed, ProgressEntry.evidence, ProgressEntry.note).where(
            ProgressEntry.task_id.in_(chunk), not_corrected())
        for task_id, *entry in session.execute(entries):
            log.setdefault(task_id, []).append(_LogEntry(*entry))
    bodies = {b.id: b.name for b in session.execute(select(Body.id, Body.name))}
    for form, found in zip(forms, findings):
        if form.problems or form.body_id is None or form.as_of is None:
            continue
        body = bodies.get(form.body_id)
        if body is None:
            found.problems.append(_("Cơ quan của phiếu không còn trong cơ sở dữ liệu; không nhận phiếu này."))
            continue
        found.body_name = body
        if form.report_date is not None and form.report_date > today:
            found.problems.append(_("Ngày văn bản báo cáo {day} ở tương lai (hôm nay {today}).").format(
                day=format_date(form.report_date), today=format_date(today)))
            continue
        for row in form.rows:
            for message in row.problems:
                found.row_problems.append((row.row, row.content, message))
            if row.problems:
                continue
            entry = _entry(form, row, tasks.get(row.task_id), bodies, log.get(row.task_id, []), today, found)
            if entry is not None:
                found.entries.append(entry)
    return findings


class _TaskFacts(NamedTuple):
    id: int
    program_id: int
    content: str
    lead_body_id: int | None
    deadline_kind: str | None
    due_date: date | None
    deadline_text: str
    assigned_date: date | None

    @staticmethod
    def columns():
        return (Task.id, Task.program_id, Task.content, Task.lead_body_id, Task.deadline_kind, Task.due_date,
                Task.deadline_text, Task.assigned_date)


class _LogEntry(NamedTuple):
    reported_on: date
    percent: int | None
    completed: bool
    evidence: str
    note: str


def _entry(form: ReturnedForm, row: FormRow, task: _TaskFacts | None, bodies: dict[int, str], log: list[_LogEntry],
           today: date, found: FileFindings) -> PlannedEntry | None:
    def refuse(message: str) -> None:
        found.row_problems.append((row.row, row.content, message))

    if task is None:
        refuse(_("Nhiệm vụ này đã bị xóa khỏi cơ sở dữ liệu sau khi gửi phiếu (phiếu cũ)."))
        return None
    body = found.body_name
    if task.lead_body_id != form.body_id:
        if task.lead_body_id in bodies:
            refuse(_("Nhiệm vụ này không do {body} chủ trì (cơ quan chủ trì hiện nay: {lead}); phiếu của cơ quan "
                     "khác hoặc nhiệm vụ đã giao lại.").format(body=body, lead=bodies[task.lead_body_id]))
        else:
            refuse(_("Nhiệm vụ này không do {body} chủ trì; phiếu của cơ quan khác hoặc nhiệm vụ đã giao lại.")
                   .format(body=body))
        return None
    current = task_fingerprint(task.program_id, task.content, task.lead_body_id, task.deadline_kind, task.due_date,
                               task.deadline_text, task.assigned_date)
    if current != row.fingerprint:
        refuse(_("Nhiệm vụ đã được sửa (nội dung, thời hạn, ngày giao hoặc chương trình) sau khi gửi phiếu "
                 "(phiếu cũ); hãy gửi phiếu mới cho cơ quan."))
        return None
    completed = row.completed_on is not None
    if row.completed_on is not None and task.assigned_date is not None and row.completed_on < task.assigned_date:
        refuse(_("Ngày hoàn thành {completed} trước ngày giao nhiệm vụ {assigned}.").format(
            completed=format_date(row.completed_on), assigned=format_date(task.assigned_date)))
        return None
    reported_on = row.completed_on if row.completed_on is not None else (form.report_date or form.as_of)
    c = Checker()
    clean = clean_progress_fields(c, {
        "reported_on": reported_on, "percent": row.percent, "completed": completed, "note": row.note,
        "reported_by": body, "evidence": row.reference or form.reference,
    }, today, date_label=N_("Ngày hoàn thành") if completed else N_("Ngày báo cáo"))
    if c.problems:
        for p in c.problems:
            message = p.message
            if p.field == "reported_on" and not completed and form.report_date is None:  # the round's own date
                message += " " + _("Hãy ghi «Ngày văn bản báo cáo» ở đầu phiếu.")
            refuse(message)
        return None
    if clean["completed"]:
        done = [e.reported_on for e in log if e.completed]
        clash = completion_clash(task.deadline_kind, done, clean["reported_on"])
        if clash:
            refuse(clash)
            return None
    same = [e for e in log if (e.reported_on, e.percent, e.completed, e.evidence, e.note) ==
            (clean["reported_on"], clean["percent"], clean["completed"], clean["evidence"], clean["note"])]
    if same:
        refuse(_("Báo cáo này đã được ghi vào sổ theo dõi (ngày {day}); có lẽ phiếu đã được nhập trước đây.")
               .format(day=format_date(same[0].reported_on)))
        return None
    if clean["percent"] == 100 and not completed:
        found.warnings.append(_("Dòng {row}: ghi 100% nhưng chưa ghi ngày hoàn thành; ghi là tiến độ 100%, "
                                "nhiệm vụ chưa tính là hoàn thành.").format(row=row.row))
    if task.assigned_date and clean["reported_on"] < task.assigned_date:
        found.warnings.append(_("Dòng {row}: ngày báo cáo {reported} trước ngày giao nhiệm vụ {assigned}.").format(
            row=row.row, reported=format_date(clean["reported_on"]), assigned=format_date(task.assigned_date)))
    return PlannedEntry(row.row, task.id, task.content, clean["reported_on"], clean["percent"], clean["completed"],
                        clean["evidence"], clean["note"])
