"""Understanding a table of tasks, whoever wrote it: Word appendices, Excel tracking sheets
and rows pasted from either all come here as :class:`RawTable` and leave as one
:class:`~.table_plan.TablePlan`.

- The header is found from its Vietnamese column titles (folded, so "THỜI HẠN" = "Thời hạn"),
  over one to three rows (a merged two-row header: "Cơ quan thực hiện" above "Chủ trì" |
  "Phối hợp"); title rows above it are skipped, a column-number row under it ("(1) (2) …")
  and the header repeated on every page are dropped.
- A group row is one merged across the table, or one with a Roman or letter number (or a
  bold one) and no body, product or deadline. A letter or Arabic group under a Roman one is
  a sub-group: the task's group is "outer – inner".
- Bodies: :mod:`.body_names`. Deadlines: :func:`desktop_app.core.deadlines.parse_deadline`;
  a deadline it refuses is a problem of that cell, never a guess.

Pure logic: no I/O, no Qt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache

from ..core.dates import DateError, parse_date
from ..core.deadlines import DeadlineError, deadline_for_task
from ..core.text import fold, multi_line, single_line
from ..i18n import _, format_int
from .body_names import (
    ABBREVIATION,
    EXACT,
    UNKNOWN,
    BodyMatcher,
    KnownBody,
    name_key,
    split_bodies,
)
from .table_plan import (
    COLUMN_LABELS,
    BodyChoice,
    CellProblem,
    PlannedProgress,
    PlannedTask,
    ProgramHeader,
    TablePlan,
)


@dataclass
class RawRow:
    """One row of a table on the grid: a merged cell's text is repeated in every slot it
    covers; ``span[c]`` is the first column of the merge slot *c* belongs to."""

    cells: list[str]
    source: str
    bold: list[bool] = field(default_factory=list)
    span: list[int] = field(default_factory=list)
    values: list[object] = field(default_factory=list)  # typed values where the reader has them (Excel)

    def __post_init__(self) -> None:
        n = len(self.cells)
        if len(self.bold) < n:
            self.bold = self.bold + [False] * (n - len(self.bold))
        if len(self.span) < n:
            self.span = self.span + list(range(len(self.span), n))

    def text(self, col: int | None) -> str:
        if col is None or col >= len(self.cells):
            return ""
        return self.cells[col].strip()

    def value(self, col: int | None) -> object:
        if col is None:
            return None
        if col < len(self.values) and self.values[col] is not None:
            return self.values[col]
        return self.text(col) or None


@dataclass
class RawTable:
    rows: list[RawRow]
    name: str = ""


# Column titles, most specific first: "Tiến độ thực hiện (%)" is a percentage, "Tiến độ" a
# deadline; "Cơ quan phối hợp thực hiện" coordinates, "Cơ quan thực hiện" leads.
_ROLES: tuple[tuple[str, re.Pattern], ...] = tuple((role, re.compile(p)) for role, p in (
    ("note", r"\bghi chu\b"),
    ("percent", r"%|\bty le\b|\bphan tram\b|muc do hoan thanh"),
    ("completed_on", r"ngay hoan thanh|thoi diem hoan thanh|\bda hoan thanh\b"),
    ("coordinators", r"\bphoi hop\b"),
    ("lead", r"\bchu tri\b|(?:co quan|don vi)(?:, (?:co quan|don vi))? (?:thuc hien|thu ly)|\btrach nhiem\b"
             r"|^(?:co quan|don vi)$"),
    ("product", r"\bsan pham\b|hinh thuc van ban"),
    ("result", r"\bket qua\b|tinh hinh thuc hien|\bdanh gia\b"),
    ("deadline", r"\bthoi gian\b|\bthoi han\b|\btien do\b|\bhan hoan thanh\b|\bmoc thoi gian\b"),
    ("content", r"\bnoi dung\b|\bnhiem vu\b|\bcong viec\b"),
    ("number", r"^(?:stt|tt|so tt|so thu tu)$"),
    ("group", r"^(?:nhom|linh vuc|nhom nhiem vu)$"),
))
MAX_HEADER_SEARCH = 25
_COLUMN_NUMBER = re.compile(r"^\(?[0-9]{1,2}\)?$|^\(?[a-z]\)?$")
_ROMAN = re.compile(r"^(?=[ivxlc]+$)m{0,3}(?:c[md]|d?c{0,3})(?:x[cl]|l?x{0,3})(?:i[xv]|v?i{0,3})$")
_LABEL = re.compile(r"^\s*(?P<label>[IVXLCivxlc]+|[A-Za-zĐđ]|[0-9]+(?:\.[0-9]+)*)\s*[.)/:-]?\s*$")  # vocabulary
_TITLE_LABEL = re.compile(r"^\s*(?P<label>[IVXLC]+|[A-ZĐ]|[a-zđ]|[0-9]+(?:\.[0-9]+)*)\s*[.)]\s+(?=\S)")  # vocabulary
_TASK_FIELDS = ("lead", "coordinators", "product", "deadline", "percent", "completed_on", "result")


@lru_cache(maxsize=4096)
def role_of(title: str) -> str | None:
    key = " ".join(fold(title).replace("(", " ").replace(")", " ").split())
    for role, pattern in _ROLES:
        if pattern.search(key):
            return role
    return None


def _combined_titles(rows: list[RawRow], start: int, depth: int, width: int) -> list[str]:
    titles = []
    for c in range(width):
        parts: list[str] = []
        for row in rows[start:start + depth]:
            text = single_line(row.text(c))
            if text and (not parts or fold(parts[-1]) != fold(text)):
                parts.append(text)
        titles.append(" ".join(parts))
    return titles


def _mapping(titles: list[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for c, title in enumerate(titles):
        role = role_of(title) if title else None
        if role and role not in out:
            out[role] = c
    return out


@dataclass
class Header:
    start: int
    depth: int
    columns: dict[str, int]
    titles: list[str]


def find_header(rows: list[RawRow]) -> Header | None:
    """The rows (one to three) whose titles name the most columns; the content column is required."""
    best: Header | None = None
    width = max((len(r.cells) for r in rows[:MAX_HEADER_SEARCH + 3]), default=0)
    for start in range(min(len(rows), MAX_HEADER_SEARCH)):
        texts = {fold(t) for t in rows[start].cells if t.strip()}
        if len(texts) < 2 or not any(role_of(t) for t in texts):
            continue  # a title row (merged across) does not start the header
        for depth in (1, 2, 3):
            if start + depth > len(rows):
                break
            if depth > 1 and _looks_like_data(rows[start + depth - 1]):
                break
            titles = _combined_titles(rows, start, depth, width)
            columns = _mapping(titles)
            if "content" not in columns or len(columns) < 2:
                continue
            if best is None or len(columns) > len(best.columns):
                best = Header(start, depth, columns, titles)
    return best


def _looks_like_data(row: RawRow) -> bool:
    """A row of a task rather than of titles: a long text, or a deadline-like cell."""
    return any(len(t) > 80 for t in row.cells) or _is_column_numbers(row)


def _is_column_numbers(row: RawRow) -> bool:
    texts = [t.strip() for t in row.cells if t.strip()]
    if any(len(t) > 4 for t in texts):
        return False
    texts = [fold(t) for t in texts]
    return len(texts) >= 3 and all(_COLUMN_NUMBER.match(t) for t in texts)


def _is_repeated_header(row: RawRow, header: Header) -> bool:
    """The header printed again at the top of a page (or of the table's next part)."""
    content = row.text(header.columns.get("content"))
    if not content or len(content) > 40 or role_of(content) != "content":
        return False  # the usual case, a task's row, answered without folding every cell
    hits = set()
    for role, c in header.columns.items():
        text = row.text(c)
        if text and len(text) < 80 and role_of(text) == role:
            hits.add(row.span[c] if c < len(row.span) else c)
    return len(hits) >= 2


# --- rows --------------------------------------------------------------------------------

@dataclass
class _Groups:
    outer: str = ""
    inner: str = ""
    outer_kind: str = ""

    def title(self) -> str:
        if self.outer and self.inner:
            return f"{self.outer} – {self.inner}"
        return self.inner or self.outer


def _label_kind(label: str) -> str:
    if _ROMAN.match(label.lower()) and label.isupper():
        return "roman"
    if re.fullmatch(r"[A-Za-zĐđ]", label):  # vocabulary
        return "letter"
    if re.fullmatch(r"[0-9]+", label):
        return "arabic"
    return ""


def _strip_label(title: str) -> tuple[str, str]:
    m = _TITLE_LABEL.match(title)
    if m:
        return m.group("label"), title[m.end():].strip()
    return "", title.strip()


class PlanBuilder:
    """Builds one plan from the tables of one file (or one paste)."""

    def __init__(self, bodies: list[KnownBody], *, source_name: str, as_of: date,
                 columns: dict[str, int] | None = None, on: date | None = None):
        self.matcher = BodyMatcher(bodies, on=on)
        self.plan = TablePlan(source_name=source_name, columns={}, column_titles=[])
        self.as_of = as_of
        self.override = columns
        self.groups = _Groups()
        self.count = 0
        self.several_leads: list[str] = []
        self._header: Header | None = None
        self._cells: dict[str, tuple[list[str], str]] = {}
        self._deadlines: dict[str, tuple[str | None, date | None, str, str]] = {}

    # bodies
    def body_key(self, written: str) -> str:
        key = name_key(written)
        if key not in self.plan.bodies:
            m = self.matcher.match(written)
            choice = BodyChoice(written=single_line(written), how=m.how, candidates=list(m.bodies))
            if m.how in (EXACT, ABBREVIATION):
                choice.body_id, choice.name = m.bodies[0].id, m.bodies[0].name
            elif m.how == UNKNOWN:
                choice.name = choice.written
            self.plan.bodies[key] = choice
        return key

    def _names(self, text: str) -> tuple[list[str], str]:
        """The body keys a cell names and its collective phrase; cells repeat, so cached."""
        if not text.strip():
            return [], ""
        if text not in self._cells:
            self._cells[text] = self._split(text)
        keys, collective = self._cells[text]
        return list(keys), collective

    def _split(self, text: str) -> tuple[list[str], str]:
        cell = split_bodies(text, is_known=lambda n: self.matcher.match(n).how in (EXACT, ABBREVIATION),
                            joins=self.matcher.is_exact)
        names: list[str] = []
        for n in cell.names:
            if self.matcher.match(n).how == UNKNOWN:
                parts = self.matcher.split_and(n)
                if parts:
                    names += parts
                    continue
            names.append(n)
        keys = list(dict.fromkeys(self.body_key(n) for n in names))
        return keys, "; ".join(cell.collective)

    # tables
    def add_table(self, table: RawTable) -> bool:
        """Read one table's rows; False if it has no task header (the programme's own header
        table, the signature…) and is not a continuation of the previous one. Without a
        header, rows are read with the given column mapping (pasted rows)."""
        rows = table.rows
        width = max((len(r.cells) for r in rows), default=0)
        header = find_header(rows)
        start = 0
        if header is not None:
            if not self.plan.columns:
                self.plan.columns = dict(self.override) if self.override is not None else header.columns
                self.plan.column_titles = header.titles
                columns = self.plan.columns
            elif len(header.titles) == len(self.plan.column_titles):
                columns = self.plan.columns
            else:
                columns = header.columns
                self.plan.warnings.append(
                    _("{table}: số cột khác bảng trước; đã đọc theo tiêu đề cột của chính nó.").format(
                        table=table.name or _("Bảng")))
            start = header.start + header.depth
            self._header = header
        elif self.plan.columns and self._header is not None and width == len(self.plan.column_titles):
            columns = self.plan.columns  # the table goes on after a page break without its header
            header = self._header
        elif self.override is not None:
            columns = self.plan.columns = dict(self.override)
            by_column = {c: f for f, c in columns.items()}
            self.plan.column_titles = [COLUMN_LABELS.get(by_column.get(c, ""), "") for c in range(width)]
        else:
            return False
        for row in rows[start:]:
            if _is_column_numbers(row) or (header is not None and _is_repeated_header(row, header)):
                continue
            self.add_row(row, columns)
        return True

    def add_row(self, row: RawRow, columns: dict[str, int]) -> None:
        get = lambda f: row.text(columns.get(f))  # noqa: E731
        if not any(t.strip() for t in row.cells):
            return
        number, content = single_line(get("number")), get("content")
        others = any(get(f) for f in _TASK_FIELDS)
        c = columns.get("content")
        merged = c is not None and any(
            row.span[columns[f]] == row.span[c] for f in _TASK_FIELDS if f in columns and columns[f] < len(row.span)
            and c < len(row.span))
        label = number
        title = content or number
        if "number" in columns and columns["number"] < len(row.span) and c is not None and c < len(row.span) \
                and row.span[columns["number"]] == row.span[c]:
            label = ""  # the number column is part of the merged text
        numbered = _LABEL.match(label) if label else None
        if numbered is None:
            inner_label, stripped = _strip_label(title)
            if inner_label:
                label, title = inner_label, stripped
        else:
            label = numbered.group("label")
        kind = _label_kind(label)
        bold = c is not None and c < len(row.bold) and row.bold[c]
        if merged or (not others and (kind in ("roman", "letter") or bold)):
            self.add_group(kind, _strip_label(single_line(title))[1] if not merged else single_line(title))
            return
        self.add_task(row, columns, number or label)

    def add_group(self, kind: str, title: str) -> None:
        title = _strip_label(title)[1] if _TITLE_LABEL.match(title) else title
        if title.isupper():  # printed in capitals; kept as a title is written
            title = title[:1] + title[1:].lower()
        if kind == "roman" or not self.groups.outer_kind or kind == self.groups.outer_kind:
            self.groups = _Groups(outer=title, outer_kind=kind or "plain")
        else:
            self.groups.inner = title

    def add_task(self, row: RawRow, columns: dict[str, int], number: str) -> None:
        get = lambda f: row.text(columns.get(f))  # noqa: E731
        self.count += 1
        problems: list[CellProblem] = []
        content = multi_line(get("content"))
        if not content:
            problems.append(CellProblem("content", _("Dòng có thông tin nhưng không có nội dung nhiệm vụ.")))
        leads, lead_collective = self._names(get("lead"))
        coordinators, coord_collective = self._names(get("coordinators"))
        if len(leads) > 1:
            self.several_leads.append(row.source)
            coordinators = leads[1:] + [k for k in coordinators if k not in leads]
        lead = leads[0] if leads else None
        coordinators = [k for k in coordinators if k != lead]
        # Kept in the task's note (data, printed as written): Vietnamese in every UI language.
        collective = "; ".join(  # document text
            p for p in (f"Chủ trì: {lead_collective}" if lead_collective else "",
                        f"Phối hợp: {coord_collective}" if coord_collective else "") if p)
        written = single_line(get("deadline"))
        kind = due = None
        text = ""
        if written:
            if written not in self._deadlines:  # a sheet repeats a few dozen deadlines
                try:
                    d = deadline_for_task(written)
                    self._deadlines[written] = (d.kind, d.due_date, d.text, "")
                except DeadlineError as exc:
                    self._deadlines[written] = (None, None, "", str(exc))
            kind, due, text, refused = self._deadlines[written]
            if refused:
                problems.append(CellProblem("deadline", refused))
        task = PlannedTask(
            source=row.source, number=number, group=single_line(get("group")) or self.groups.title(),
            content=content, lead=lead,
            coordinators=coordinators, collective=collective, product=single_line(get("product")),
            deadline_written=written, deadline_kind=kind, due_date=due, deadline_text=text,
            note=multi_line(get("note")), problems=problems,
        )
        self._progress(row, columns, task)
        self.plan.tasks.append(task)

    def _progress(self, row: RawRow, columns: dict[str, int], task: PlannedTask) -> None:
        percent = completed_on = None
        if "percent" in columns:
            raw = row.value(columns["percent"])
            if raw not in (None, ""):
                try:
                    percent = _percent(raw)
                except ValueError as exc:
                    task.problems.append(CellProblem("percent", str(exc)))
        if "completed_on" in columns:
            raw = row.value(columns["completed_on"])
            if raw not in (None, ""):
                try:
                    completed_on = _date(raw)
                except ValueError as exc:
                    task.problems.append(CellProblem("completed_on", str(exc)))
        result = multi_line(row.text(columns.get("result")))
        if percent is None and completed_on is None and not result:
            return
        completed = completed_on is not None or percent == 100
        if completed and percent is None:
            percent = 100
        day = completed_on or self.as_of
        task.progress.append(PlannedProgress(reported_on=day, percent=percent, completed=completed, note=result))

    def finish(self) -> TablePlan:
        if not self.plan.columns:
            self.plan.problems.append(
                _("Không tìm thấy bảng nhiệm vụ: cần một dòng tiêu đề có cột «Nội dung» (hoặc «Nhiệm vụ») "
                  "và ít nhất một cột khác như «Cơ quan chủ trì», «Thời gian hoàn thành»."))
        elif not self.plan.tasks:
            self.plan.problems.append(_("Bảng nhiệm vụ không có dòng nhiệm vụ nào."))
        if self.several_leads:
            where = ", ".join(self.several_leads[:5]) + ("…" if len(self.several_leads) > 5 else "")
            self.plan.warnings.append(
                _("{count} dòng ghi nhiều cơ quan chủ trì ({where}): cơ quan đầu tiên được lấy làm chủ trì, "
                  "các cơ quan sau làm phối hợp.").format(count=format_int(len(self.several_leads)), where=where))
        return self.plan


def _percent(raw: object) -> int:
    if isinstance(raw, bool):
        raise ValueError(_("Tỷ lệ hoàn thành «{value}» không phải là số.").format(value=raw))
    if isinstance(raw, (int, float)):
        value = float(raw)
    else:
        text = str(raw).strip().rstrip("%").strip().replace(",", ".")
        try:
            value = float(text)
        except ValueError:
            raise ValueError(_("Tỷ lệ hoàn thành «{value}» không phải là số (ví dụ 50 hoặc 50%).").format(value=raw)) from None
    if not 0 <= value <= 100 or value != round(value):
        raise ValueError(_("Tỷ lệ hoàn thành «{value}» phải là số nguyên từ 0 đến 100.").format(value=raw))
    return int(value)


def _date(raw: object) -> date:
    if isinstance(raw, bool):
        raise ValueError(_("Ngày hoàn thành «{value}» không phải là ngày.").format(value=raw))
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    try:
        return parse_date(str(raw))
    except DateError as exc:
        raise ValueError(_("Ngày hoàn thành «{value}» không đọc được: {reason}").format(value=raw, reason=exc)) from None


def build_plan(tables: list[RawTable], bodies: list[KnownBody], *, source_name: str, as_of: date,
               header: ProgramHeader | None = None, issuing_body: str = "",
               columns: dict[str, int] | None = None) -> TablePlan:
    """The plan of every task in *tables*, bodies matched against *bodies* (as they were on
    the programme's issue date when it is known). *columns* overrides the detected mapping."""
    builder = PlanBuilder(bodies, source_name=source_name, as_of=as_of, columns=columns,
                          on=header.issue_date if header else None)
    if header is not None:
        builder.plan.header = header
    if issuing_body.strip():
        builder.plan.header.issuing_body = builder.body_key(issuing_body)
    for table in tables:
        builder.add_table(table)
    return builder.finish()
