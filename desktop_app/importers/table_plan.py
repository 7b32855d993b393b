"""The one preview of an import from a table (Word appendix, Excel tracking sheet, pasted
rows): how each row was understood, before anything is written.

Plain dataclasses, no I/O, no Qt. The readers (:mod:`.docx_reader`, :mod:`.xlsx_reader`,
:mod:`.pasted`) produce raw rows; :mod:`.tables` turns them into a :class:`TablePlan`; the
GUI and the CLI show it; :func:`desktop_app.ops.table_import.apply_plan` writes a confirmed
plan, all or nothing.

Bodies are decided once per written name (:class:`BodyChoice`), not per cell: choosing
"Sở LĐ-TB&XH" → a body applies to every row that names it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..core.dates import format_date
from ..i18n import N_, _, format_int, ngettext
from .body_names import ABBREVIATION, AMBIGUOUS, EXACT, FUZZY, UNKNOWN, KnownBody

# How a written body name was settled.
CHOSEN = "chosen"  # the user picked the body
NEW = "new"  # the user asked for a new body

HOW_LABELS = {
    EXACT: N_("khớp đúng tên"),
    ABBREVIATION: N_("khớp tên viết tắt"),
    FUZZY: N_("gần giống, cần xác nhận"),
    AMBIGUOUS: N_("nhiều cơ quan trùng, cần chọn"),
    UNKNOWN: N_("chưa có, sẽ tạo mới"),
    CHOSEN: N_("đã chọn"),
    NEW: N_("tạo cơ quan mới"),
}

# The columns a table may have (field → label in the preview; the GUI translates it).
COLUMN_LABELS = {
    "number": N_("STT"),
    "content": N_("Nội dung nhiệm vụ"),
    "lead": N_("Cơ quan chủ trì"),
    "coordinators": N_("Cơ quan phối hợp"),
    "product": N_("Sản phẩm"),
    "deadline": N_("Thời gian hoàn thành"),
    "note": N_("Ghi chú"),
    "percent": N_("Tỷ lệ hoàn thành (%)"),
    "completed_on": N_("Ngày hoàn thành"),
    "result": N_("Kết quả thực hiện"),
    "group": N_("Nhóm nhiệm vụ"),
}


@dataclass
class BodyChoice:
    """One written body name and what it is taken to be."""

    written: str
    how: str
    body_id: int | None = None
    name: str = ""  # the matched body's name, or the name a new body gets
    candidates: list[KnownBody] = field(default_factory=list)

    @property
    def settled(self) -> bool:
        """Whether the plan may be written as it stands (unknown names become new bodies)."""
        return self.how in (EXACT, ABBREVIATION, CHOSEN, NEW, UNKNOWN)

    @property
    def creates(self) -> bool:
        return self.how in (UNKNOWN, NEW)

    def choose(self, body: KnownBody) -> None:
        self.how, self.body_id, self.name = CHOSEN, body.id, body.name

    def make_new(self, name: str | None = None) -> None:
        self.how, self.body_id, self.name = NEW, None, (name or self.written).strip()

    def problem(self) -> str | None:
        if self.how == FUZZY:
            names = "; ".join(f"«{b.name}»" for b in self.candidates)
            return _("«{written}» gần giống {names}: hãy xác nhận hoặc chọn tạo cơ quan mới.").format(
                written=self.written, names=names)
        if self.how == AMBIGUOUS:
            names = "; ".join(f"«{b.name}»" for b in self.candidates)
            return _("«{written}» có thể là {names}: hãy chọn một cơ quan.").format(written=self.written, names=names)
        return None

    def describe(self) -> str:
        if self.how in (EXACT, ABBREVIATION, CHOSEN):
            return f"{self.written} → {self.name} ({_(HOW_LABELS[self.how])})"
        return f"{self.written} ({_(HOW_LABELS[self.how])})"


@dataclass
class CellProblem:
    column: str  # a COLUMN_LABELS key, or "" for the whole row
    message: str


@dataclass
class PlannedProgress:
    reported_on: date
    percent: int | None
    completed: bool
    note: str = ""


@dataclass
class PlannedTask:
    source: str  # where it was read: "bảng 2, dòng 7", "dòng 12"
    number: str
    group: str
    content: str
    lead: str | None  # key into TablePlan.bodies
    coordinators: list[str]
    collective: str  # "Phối hợp: các sở, ngành liên quan": names no one body, kept in the note
    product: str
    deadline_written: str
    deadline_kind: str | None
    due_date: date | None
    deadline_text: str
    note: str
    progress: list[PlannedProgress] = field(default_factory=list)
    problems: list[CellProblem] = field(default_factory=list)

    def full_note(self) -> str:
        parts = [self.note.strip()]
        if self.collective:
            parts.append(self.collective)
        return "\n".join(p for p in parts if p)

    def deadline_shown(self) -> str:
        if not self.deadline_kind:
            return self.deadline_written
        if not self.due_date:
            return self.deadline_text
        return _("{deadline} → hạn {date}").format(deadline=self.deadline_text, date=format_date(self.due_date))


@dataclass
class PlannedDocument:
    """A resolution the programme implements, as cited ("Nghị quyết số 42-NQ/TW, ngày 24/11/2023")."""

    symbol: str  # canonical
    issue_date: date | None = None
    subject: str = ""


@dataclass
class ProgramHeader:
    """What the document says of itself (a Word programme; an Excel sheet has a title only)."""

    kind: str = "CTr"
    title: str = ""
    number: int | None = None
    symbol: str = ""
    issue_date: date | None = None
    place: str = ""
    issuing_body: str | None = None  # key into TablePlan.bodies
    documents: list[PlannedDocument] = field(default_factory=list)
    sections: dict[str, str] = field(default_factory=dict)  # opening/purpose/objectives/tasks/organisation


@dataclass
class TablePlan:
    source_name: str
    columns: dict[str, int]  # field → column index in the table
    column_titles: list[str]
    header: ProgramHeader = field(default_factory=ProgramHeader)
    tasks: list[PlannedTask] = field(default_factory=list)
    bodies: dict[str, BodyChoice] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # of the whole file
    warnings: list[str] = field(default_factory=list)

    def body(self, key: str | None) -> BodyChoice | None:
        return None if key is None else self.bodies.get(key)

    def task_problems(self, task: PlannedTask) -> list[CellProblem]:
        """The row's own problems and those of the bodies it names (decided per name)."""
        out = list(task.problems)
        if task.lead is not None:
            msg = self.bodies[task.lead].problem()
            if msg:
                out.append(CellProblem("lead", msg))
        for key in task.coordinators:
            msg = self.bodies[key].problem()
            if msg:
                out.append(CellProblem("coordinators", msg))
        return out

    def all_problems(self) -> list[str]:
        out = list(self.problems)
        for key in (self.header.issuing_body,):
            msg = self.bodies[key].problem() if key else None
            if msg:
                out.append(_("Cơ quan ban hành: {problem}").format(problem=msg))
        for t in self.tasks:
            out += [f"{t.source}, {_(COLUMN_LABELS.get(p.column, N_('dòng')))}: {p.message}" if p.column
                    else f"{t.source}: {p.message}" for p in self.task_problems(t)]
        return out

    @property
    def can_apply(self) -> bool:
        return bool(self.tasks) and not self.all_problems()

    def new_bodies(self) -> list[BodyChoice]:
        used = self.used_body_keys()
        return [b for k, b in self.bodies.items() if b.creates and k in used]

    def used_body_keys(self) -> set[str]:
        used = {t.lead for t in self.tasks if t.lead} | {k for t in self.tasks for k in t.coordinators}
        if self.header.issuing_body:
            used.add(self.header.issuing_body)
        return used

    @property
    def progress_count(self) -> int:
        return sum(len(t.progress) for t in self.tasks)

    # --- showing it ------------------------------------------------------------------------

    def to_json(self) -> dict:
        h = self.header

        def day(d: date | None) -> str | None:
            return d.isoformat() if d else None

        def body(key: str | None) -> dict | None:
            if key is None:
                return None
            b = self.bodies[key]
            return {"written": b.written, "how": b.how, "body_id": b.body_id, "name": b.name,
                    "candidates": [{"id": c.id, "name": c.name} for c in b.candidates]}

        return {
            "source": self.source_name,
            "columns": {k: self.column_titles[v] if v < len(self.column_titles) else "" for k, v in self.columns.items()},
            "program": {
                "kind": h.kind, "title": h.title, "number": h.number, "symbol": h.symbol, "issue_date": day(h.issue_date),
                "place": h.place, "issuing_body": body(h.issuing_body),
                "documents": [{"symbol": d.symbol, "issue_date": day(d.issue_date), "subject": d.subject}
                              for d in h.documents],
                "sections": dict(h.sections),
            },
            "tasks": [{
                "source": t.source, "number": t.number, "group": t.group, "content": t.content,
                "lead_body": body(t.lead), "coordinating_bodies": [body(k) for k in t.coordinators],
                "collective": t.collective, "product": t.product,
                "deadline": {"written": t.deadline_written, "kind": t.deadline_kind, "due_date": day(t.due_date),
                             "text": t.deadline_text},
                "note": t.note,
                "progress": [{"date": day(e.reported_on), "percent": e.percent, "completed": e.completed,
                              "note": e.note} for e in t.progress],
                "problems": [{"column": p.column, "message": p.message} for p in self.task_problems(t)],
            } for t in self.tasks],
            "new_bodies": [b.name or b.written for b in self.new_bodies()],
            "problems": self.all_problems(),
            "warnings": list(self.warnings),
        }

    def summary(self) -> str:
        new = len(self.new_bodies())
        return _("{tasks} nhiệm vụ, {groups} nhóm, {entries} mục tiến độ; {new} cơ quan mới sẽ được tạo.").format(
            tasks=format_int(len(self.tasks)), groups=format_int(len({t.group for t in self.tasks if t.group})),
            entries=format_int(self.progress_count), new=format_int(new))

    def preview_text(self, width: int = 60) -> str:
        """A readable table for a terminal, in the UI language (the data as written)."""

        def cut(text: str, n: int) -> str:
            text = " ".join((text or "").split())
            return text if len(text) <= n else text[:n - 1] + "…"

        lines = [_("Tệp: {name}").format(name=self.source_name)]
        h = self.header
        if h.title:
            lines.append(_("Chương trình: {title}").format(title=cut(h.title, 200)))
        if h.symbol or h.issue_date:
            lines.append(_("Số, ngày: {symbol}, {date}").format(
                symbol=h.symbol or "—", date=format_date(h.issue_date) if h.issue_date else "—"))
        if h.issuing_body:
            lines.append(_("Cơ quan ban hành: {body}").format(body=self.bodies[h.issuing_body].describe()))
        if h.documents:
            lines.append(_("Thực hiện: {documents}").format(documents="; ".join(d.symbol for d in h.documents)))
        cols = ", ".join(f"{_(COLUMN_LABELS[k])} = «{cut(self.column_titles[v], 40)}»" for k, v in self.columns.items()
                         if v < len(self.column_titles))
        lines.append(_("Cột nhận ra: {columns}").format(columns=cols))
        lines.append("")
        group = None
        for t in self.tasks:
            if t.group != group:
                group = t.group
                lines.append(f"== {group or _('(không nhóm)')}")
            lines.append(f"{t.number or '-'}. {cut(t.content, width)}  [{t.source}]")
            if t.lead:
                lines.append("    " + _("Chủ trì: {body}").format(body=self.bodies[t.lead].describe()))
            if t.coordinators:
                lines.append("    " + _("Phối hợp: {bodies}").format(
                    bodies="; ".join(self.bodies[k].describe() for k in t.coordinators)))
            if t.collective:
                lines.append("    " + _("Ghi vào ghi chú: {text}").format(text=t.collective))
            if t.product:
                lines.append("    " + _("Sản phẩm: {product}").format(product=cut(t.product, width)))
            if t.deadline_written:
                lines.append("    " + _("Thời hạn: {deadline}").format(deadline=t.deadline_shown()))
            for e in t.progress:
                pct = f"{e.percent}%" if e.percent is not None else ""
                done = " " + _("(hoàn thành)") if e.completed else ""
                lines.append(("    " + _("Tiến độ {date}: {progress}").format(
                    date=format_date(e.reported_on), progress=f"{pct}{done} {cut(e.note, width)}")).rstrip())
            for p in self.task_problems(t):
                lines.append(f"    ✗ {_(COLUMN_LABELS.get(p.column, N_('Dòng')))}: {p.message}")
        lines.append("")
        new = self.new_bodies()
        if new:
            lines.append(_("Cơ quan mới sẽ được tạo: {bodies}").format(bodies="; ".join(b.name or b.written for b in new)))
        for w in self.warnings:
            lines.append(_("Lưu ý: {warning}").format(warning=w))
        lines.append(self.summary())
        problems = self.all_problems()
        if problems:
            lines.append(ngettext("Có {n} lỗi cần sửa trước khi nhập.", "Có {n} lỗi cần sửa trước khi nhập.",
                                  len(problems)).format(n=format_int(len(problems))))
        return "\n".join(lines)
