"""The periodic report (Báo cáo kết quả thực hiện Chương trình hành động) for a period, as
a Word document in the Party (hd36) or state (nd30) format.

Layout: the header (issuing committee, "Số      -BC/TU", place and date), "BÁO CÁO" and
its subject with the period, an opening paragraph citing the programmes, then

* I. the figures on the last day of the period — the dashboard's
  (:func:`desktop_app.reports.progress.dashboard` as of *date_to*), in words and in a
  table — and what happened in the period (tasks completed, progress reports received);
* II. a table of the figures per lead body and a paragraph per lead body naming its
  overdue tasks;
* III. a pointer to the appendix; the signature and "Nơi nhận";
* the appendix (landscape): every task grouped by programme with its status and latest
  progress report (percent, date, evidence, note).

The figures are machine-checkable: the two figure tables carry the captions
:data:`FIGURES_CAPTION` and :data:`BODY_FIGURES_CAPTION` and :func:`read_report_figures`
reads them back (a test compares them with the dashboard and ``nqdesk stats --json``).
"""

from __future__ import annotations

import os
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import docx
from docx.oxml.ns import qn

from ..core.dates import format_date, format_place_date, to_roman
from ..core.deadlines import deadline_with_due_date
from ..core.numbers import format_int, format_percent
from ..core.status import STATUS_LABELS
from ..core.text import fold, single_line
from ..errors import NqdeskError
from ..i18n import _
from ..reports.bodies import BodyDirectory
from ..reports.periodic import PeriodicReportData, periodic_report_data
from ..reports.progress import EXTRA_KEYS, FIGURE_KEYS, FIGURE_LABELS, Dashboard, Figures
from ..reports.tasks import TaskRow
from ..store.db import Database
from .docx_common import (
    Cell, FixedTable, HeaderParts, Mark, SignatureParts, TextStyle, WarningCollector, add_page_number,
    add_section_break, estimate_lines, format_recipients, keep_symbols_whole, pt_to_twips, set_landscape, start_document,
    text_width_twips, write_header, write_signature, BlockWriter,
)
from .profiles import Profile, load_profile
from .program_wording import issuer_phrase
from .results import ExportResult, save_atomically
from .tracking_data import program_refs, programs_phrase, progress_text

__all__ = ["ReportError", "FIGURES_CAPTION", "BODY_FIGURES_CAPTION", "TASKS_CAPTION", "BODY_COLUMNS",
           "build_report_document", "export_report", "read_report_figures"]

FIGURES_CAPTION = "nqdesk:figures"
BODY_FIGURES_CAPTION = "nqdesk:figures-by-body"
TASKS_CAPTION = "nqdesk:tasks"
# Columns of the per-body table: (figure key, header).
BODY_COLUMNS: tuple[tuple[str, str], ...] = (  # document text
    ("assigned", "Được giao"), ("due", "Đến hạn"), ("done_on_time", "HT đúng hạn"), ("done_late", "HT quá hạn"),
    ("overdue", "Quá hạn chưa HT"), ("in_progress", "Đang TH trong hạn"), ("not_yet_due", "Chưa đến hạn"),
    ("due_soon", "Sắp đến hạn"), ("behind_schedule", "Chậm tiến độ"), ("continuous_unreported", "TX chưa báo cáo"),
)
BODY_TABLE_NOTE = ("(HT: hoàn thành; TH: thực hiện; TX chưa báo cáo: nhiệm vụ thường xuyên chưa báo cáo trong kỳ "  # document text
                   "báo cáo hiện tại)")


class ReportError(NqdeskError, ValueError):
    """The report cannot be made (bad period, nothing to report); the message says why."""


def check_period(date_from: date, date_to: date) -> None:
    if date_from > date_to:
        raise ReportError(_("Ngày đầu kỳ ({start}) sau ngày cuối kỳ ({end}): hãy đổi lại hai ngày.").format(
            start=format_date(date_from), end=format_date(date_to)))


def _lower_first(text: str) -> str:
    if len(text) >= 2 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def _n(value: int) -> str:
    return format_int(value)


class _Report:
    def __init__(self, profile: Profile, warnings: WarningCollector):
        self.p = profile
        self.w = warnings
        self.doc, self.body, self.section, self.text_twips = start_document(profile)
        self.font, self.lang = profile.font.name, profile.font.language

    def line(self, text, where: str) -> str:
        return " ".join(self.w.clean(text, where).split())

    def para(self, text: str | list, **kw) -> None:
        b = self.p.body
        options = dict(align=b.align, after_pt=b.space_after_pt, before_pt=b.space_before_pt, line=b.line_spacing,
                       first_line_cm=b.first_line_indent_cm)
        options.update(kw)
        if isinstance(text, str):
            self.body.paragraph(text, TextStyle(b.size_pt), **options)
        else:
            self.body.paragraph(text, **options)

    def heading(self, number: int, title: str) -> None:
        separator = "-" if self.p.headings.numbering == "I-" else "."
        b = self.p.body
        self.body.paragraph(f"{to_roman(number)}{separator} {title}", TextStyle.of(self.p.headings.style),
                            align=b.align, after_pt=b.space_after_pt, before_pt=6, line=b.line_spacing,
                            first_line_cm=b.first_line_indent_cm, keep_next=True)

    def cell_styles(self):
        a = self.p.appendix
        return TextStyle.of(a.header_style), TextStyle.of(a.group_style), TextStyle.of(a.cell_style)

    def figures_table(self, figures: Figures) -> None:  # document text
        header, _group, cell = self.cell_styles()
        widths = [round(self.text_twips * w) for w in (0.08, 0.58, 0.17)]
        widths.append(self.text_twips - sum(widths))
        table = FixedTable(self.body, widths, borders_pt=self.p.appendix.border_pt or 0.5, cell_margin_twips=85,
                           cell_margin_tb_twips=20, caption=FIGURES_CAPTION)
        table.add_row([Cell([table.paragraph_xml([(t, header)], align="center")])
                       for t in ("STT", "Chỉ tiêu", "Số nhiệm vụ", "Tỷ lệ so với số được giao")], header=True)
        values = figures.as_dict()
        for i, key in enumerate(FIGURE_KEYS + EXTRA_KEYS, start=1):
            ratio = format_percent(values[key], figures.assigned) if key != "assigned" else ""
            table.add_row([Cell([table.paragraph_xml([(str(i), cell)], align="center")]),
                           Cell([table.paragraph_xml([(FIGURE_LABELS[key], cell)], align="left")]),
                           Cell([table.paragraph_xml([(_n(values[key]), cell)], align="center")]),
                           Cell([table.paragraph_xml([(ratio, cell)], align="center")])])

    def body_table(self, board: Dashboard) -> None:  # document text
        header, group, cell = self.cell_styles()
        # ten figures across a portrait page: one point smaller than the other tables
        header, group, cell = (replace(header, size_pt=header.size_pt - 1), replace(group, size_pt=group.size_pt - 1),
                               replace(cell, size_pt=cell.size_pt - 1))
        shares = [0.065, 0.235] + [0.07] * len(BODY_COLUMNS)
        widths = [round(self.text_twips * s / sum(shares)) for s in shares]
        widths[-1] += self.text_twips - sum(widths)
        table = FixedTable(self.body, widths, borders_pt=self.p.appendix.border_pt or 0.5, cell_margin_twips=30,
                           cell_margin_tb_twips=20, caption=BODY_FIGURES_CAPTION)
        titles = ["STT", "Cơ quan chủ trì"] + [title for _key, title in BODY_COLUMNS]
        table.add_row([Cell([table.paragraph_xml([(t, header)], align="center")]) for t in titles], header=True)
        for i, body in enumerate(board.by_body, start=1):
            values = body.figures.as_dict()
            cells = [Cell([table.paragraph_xml([(str(i), cell)], align="center")]),
                     Cell([table.paragraph_xml([(self.line(body.name, _("tên cơ quan")), cell)], align="left")])]
            cells += [Cell([table.paragraph_xml([(_n(values[key]), cell)], align="center")]) for key, _ in BODY_COLUMNS]
            table.add_row(cells)
        totals = board.overall.as_dict()
        cells = [Cell([table.paragraph_xml([("Tổng cộng", group)], align="center")], span=2)]
        cells += [Cell([table.paragraph_xml([(_n(totals[key]), group)], align="center")]) for key, _ in BODY_COLUMNS]
        table.add_row(cells)


def _issuer(bodies: BodyDirectory, refs, profile: Profile):  # document text
    """(issuing body name, its code, the name a sentence uses, (authority, title, name) of
    the signature, recipients) of the report: the committee that issued the programmes
    (hd36), or the provincial People's Committee (nd30)."""
    if profile.symbol_style == "state":
        roots = bodies.roots(["state_agency"])
        root = next((b for b in roots if fold(b.name).startswith("uy ban nhan dan")), roots[0] if roots else None)
        if root is not None:
            return (single_line(root.name), single_line(root.code or "UBND"), single_line(root.short_name or root.name),
                    (f"{profile.signature.on_behalf} Ủy ban nhân dân", "Chủ tịch", ""),
                    ["Thường trực Tỉnh ủy (b/c)", "Các sở, ban, ngành tỉnh"])
    issued = [ref for ref in refs.values() if ref.data.issuing_body is not None]
    default_recipients = ["Thường trực Tỉnh ủy (b/c)", "Các cơ quan chủ trì thực hiện nhiệm vụ"]
    if not issued:
        body = next(iter(bodies.roots(["party_committee"])), None)
        if body is None:
            raise ReportError(_("Chưa có cấp ủy (ví dụ Tỉnh ủy) để ghi tên cơ quan báo cáo: hãy ghi cơ quan ban "
                                "hành của chương trình."))
        return (single_line(body.name), single_line(body.code or ""), single_line(body.short_name or body.name),
                (f"{profile.signature.on_behalf} Ban Thường vụ", "", ""), default_recipients)
    data = issued[0].data
    authority = re.sub(r"^\s*(T\s*/\s*M|K\s*/\s*T|TM\.?|KT\.?)\s+", "", single_line(data.signing_authority),
                       flags=re.IGNORECASE)
    prefix = profile.signature.deputy if data.signing_mode == "K/T" else profile.signature.on_behalf
    signing = (f"{prefix} {authority or 'Ban Thường vụ'}", data.signer_title, data.signer_name)
    # those the programme was sent to follow its implementation too
    recipients = [line for line in data.recipients if line.strip()] or default_recipients
    return (single_line(data.issuing_body.name), single_line(data.issuing_body.code or ""), issuer_phrase(data),
            signing, recipients)


def build_report_document(db: Database | None, date_from: date, date_to: date, *,  # document text
                          program_ids: list[int] | None = None, profile: str | Profile = "hd36",
                          today: date | None = None,
                          data: PeriodicReportData | None = None) -> tuple[docx.Document, list[str]]:
    """The report for the period *date_from*–*date_to* (both included). *today* is the
    report's date (default *date_to*). *data*: already gathered by
    :func:`desktop_app.reports.periodic.periodic_report_data` (for the same period and
    programmes), when the Excel workbook is made from it too."""
    check_period(date_from, date_to)
    today = today or date_to
    profile = profile if isinstance(profile, Profile) else load_profile(profile or "hd36")
    if data is None:
        data = periodic_report_data(db, date_from, date_to, program_ids=program_ids)
    rows, board, activity, latest = list(data.rows), data.board, data.activity, data.latest
    if not rows:
        raise ReportError(_("Không có nhiệm vụ nào trong phạm vi báo cáo (các chương trình đã chọn chưa có nhiệm vụ).")
                          if data.program_ids else _("Không có nhiệm vụ nào trong phạm vi báo cáo."))
    used = sorted({r.program_id for r in rows})
    refs = program_refs(data.programs)
    issuing, code, actor, signing, recipient_items = _issuer(data.bodies, refs, profile)

    warnings = WarningCollector()
    rep = _Report(profile, warnings)
    style = "state" if profile.symbol_style == "state" else "party"
    blank = profile.header.number.blank
    symbol = f"{blank}-BC/{code or '……'}" if style == "party" else f"{blank}/BC-{code or '……'}"
    place = single_line(data.place) or "……"
    write_header(rep.body, profile, rep.text_twips, HeaderParts(
        issuing=rep.line(issuing, _("tên cơ quan báo cáo")),
        symbol_line=f"{profile.header.number.prefix}{symbol}", place_date=format_place_date(place, today)))

    # title
    t = profile.title
    rep.body.paragraph("Báo cáo", TextStyle.of(t.type_style), align="center", before_pt=t.space_before_pt,
                       keep_next=True)
    programs = rep.line(programs_phrase([refs[p] for p in used]), _("tên chương trình"))
    subject = f"kết quả thực hiện {programs}"
    if t.subject_capitalise:
        subject = subject[:1].upper() + subject[1:]
    rep.body.paragraph(keep_symbols_whole(subject), TextStyle.of(t.subject_style), align="center", keep_next=True)
    rep.body.paragraph(f"(Kỳ báo cáo từ ngày {format_date(date_from)} đến ngày {format_date(date_to)})",
                       TextStyle(profile.body.size_pt, italic=True), align="center", keep_next=True)
    separator = Mark.of(t.separator)
    if separator.kind == "text" and separator.text:
        rep.body.paragraph(separator.text, TextStyle(separator.size_pt), align="center", after_pt=t.space_after_pt)
    elif separator.kind == "rule":
        rep.body.rule(pt_to_twips(separator.rule_length_pt(0)), rep.text_twips, separator.weight_pt)
        rep.body.paragraph([], TextStyle(1), after_pt=t.space_after_pt)

    cited = "; ".join(rep.line(refs[p].full, _("trích yếu chương trình")) for p in used)
    rep.para(f"Thực hiện {cited}, {actor} báo cáo kết quả thực hiện từ ngày {format_date(date_from)} đến ngày "
             f"{format_date(date_to)} như sau:")

    # I. figures
    f = board.overall
    rep.heading(1, "Kết quả chung")
    rep.para(_overall_sentence(f, date_to))
    rep.para(activity.sentence())
    extra = []
    if f.due_soon:
        extra.append(f"{_n(f.due_soon)} nhiệm vụ sắp đến hạn")
    if f.behind_schedule:
        extra.append(f"{_n(f.behind_schedule)} nhiệm vụ chậm tiến độ so với thời gian đã trôi qua")
    if f.continuous_unreported:
        extra.append(f"{_n(f.continuous_unreported)} nhiệm vụ thường xuyên chưa báo cáo trong {board.period_label}")
    if extra:
        rep.para("Cần quan tâm đôn đốc: " + "; ".join(extra) + ".")
    rep.para(f"Số liệu tổng hợp tính đến ngày {format_date(date_to)}:", keep_next=True)
    rep.figures_table(f)

    # II. per body
    rep.heading(2, "Kết quả thực hiện của các cơ quan chủ trì")
    rep.para(f"Số liệu theo từng cơ quan chủ trì tính đến ngày {format_date(date_to)}:", keep_next=True)
    rep.body_table(board)
    rep.body.paragraph(BODY_TABLE_NOTE, TextStyle(profile.body.size_pt - 2, italic=True), align="left", after_pt=6)
    overdue_by_body: dict[int | None, list[TaskRow]] = {}
    for row in rows:
        if row.status == "overdue":
            overdue_by_body.setdefault(row.lead_body_id, []).append(row)
    for i, body in enumerate(board.by_body, start=1):
        rep.para(_body_paragraph(i, rep.line(body.name, _("tên cơ quan")), body.figures,
                                 [rep.line(r.content, _("nội dung nhiệm vụ")) for r in overdue_by_body.get(body.body_id, [])]))

    # III. the list
    rep.heading(3, "Tình hình thực hiện từng nhiệm vụ")
    ending = profile.ending.text if profile.ending.enabled else "."
    rep.para(f"Tình hình thực hiện, tiến độ và báo cáo gần nhất của từng nhiệm vụ (tính đến ngày "
             f"{format_date(date_to)}) tại Phụ lục kèm theo Báo cáo này{ending}")

    authority, title, name = signing
    recipients = format_recipients(profile, [rep.line(item, _("nơi nhận")) for item in recipient_items])
    write_signature(rep.body, profile, rep.text_twips, SignatureParts(
        recipients, rep.line(authority, _("thẩm quyền ký")), rep.line(title, _("chức vụ người ký")),
        rep.line(name, _("tên người ký"))))
    number = profile.page_number
    add_page_number(rep.section, font=rep.font, lang=rep.lang, style=TextStyle.of(number.style),
                    position=number.position, first_page=number.first_page)
    _appendix(rep, rows, refs, latest, date_to)
    props = rep.doc.core_properties
    props.title = f"Báo cáo kết quả thực hiện từ {format_date(date_from)} đến {format_date(date_to)}"
    props.subject = "Báo cáo kết quả thực hiện chương trình hành động"
    props.language = rep.lang
    props.author = "NQ Desk"
    props.comments = f"Mẫu thể thức: {profile.key}"
    return rep.doc, warnings.messages


def _overall_sentence(f: Figures, as_of: date) -> str:  # document text
    done = f.done_on_time + f.done_late
    parts = [f"Tính đến ngày {format_date(as_of)}, tổng số nhiệm vụ được giao là {_n(f.assigned)}, trong đó "
             f"{_n(f.due)} nhiệm vụ đã đến hạn."]
    parts.append(f"Đã hoàn thành {_n(done)} nhiệm vụ ({format_percent(done, f.assigned)}), gồm {_n(f.done_on_time)} "
                 f"nhiệm vụ hoàn thành đúng hạn và {_n(f.done_late)} nhiệm vụ hoàn thành quá hạn;")
    parts.append(f"{_n(f.overdue)} nhiệm vụ quá hạn chưa hoàn thành ({format_percent(f.overdue, f.assigned)});"
                 f" {_n(f.in_progress)} nhiệm vụ đang thực hiện trong hạn; {_n(f.not_yet_due)} nhiệm vụ chưa đến hạn, "
                 "chưa có báo cáo.")
    return " ".join(parts)


def _body_paragraph(n: int, name: str, f: Figures, overdue: list[str]) -> str:  # document text
    """"1. Ban …: chủ trì 15 nhiệm vụ, 8 nhiệm vụ đã đến hạn; đã hoàn thành 6 (2 đúng hạn, 4 quá hạn); …"
    (figures that are zero are left out, except the count of tasks)."""
    done = f.done_on_time + f.done_late
    head = f"{n}. {name}: chủ trì {_n(f.assigned)} nhiệm vụ"
    head += f", {_n(f.due)} nhiệm vụ đã đến hạn" if f.due else ", chưa có nhiệm vụ đến hạn"
    clauses = []
    if done:
        detail = [f"{_n(v)} {label}" for v, label in ((f.done_on_time, "đúng hạn"), (f.done_late, "quá hạn")) if v]
        clauses.append(f"đã hoàn thành {_n(done)} ({', '.join(detail)})")
    for value, label in ((f.in_progress, "đang thực hiện trong hạn"), (f.not_yet_due, "chưa đến hạn, chưa báo cáo"),
                         (f.overdue, "quá hạn chưa hoàn thành")):
        if value:
            clauses.append(f"{_n(value)} {label}")
    text = head + ("; " + "; ".join(clauses) if clauses else "") + "."
    if overdue:
        items = "; ".join(_lower_first(c).rstrip(" .;") for c in overdue)
        label = "Nhiệm vụ quá hạn" if len(overdue) == 1 else "Các nhiệm vụ quá hạn"
        text += f" {label}: {items}."
    return text


def _appendix(rep: _Report, rows: list[TaskRow], refs, latest: dict, as_of: date) -> None:  # document text
    p = rep.p
    a = p.appendix
    section = add_section_break(rep.doc)
    set_landscape(section, p.page.width_mm, p.page.height_mm, a.margins_mm)
    width = text_width_twips(section)
    writer = BlockWriter(rep.doc.element.body, rep.font, rep.lang)
    writer.paragraph(a.label or "PHỤ LỤC", TextStyle.of(a.label_style), align="center", keep_next=True)
    writer.paragraph(f"TÌNH HÌNH THỰC HIỆN NHIỆM VỤ ĐẾN NGÀY {format_date(as_of)}", TextStyle.of(a.title_style),
                     align="center", keep_next=True)
    writer.paragraph("(Kèm theo Báo cáo kết quả thực hiện)", TextStyle.of(a.attachment_style), align="center",
                     after_pt=12, keep_next=True)
    columns = [("STT", 5, "center"), ("Nội dung nhiệm vụ", 33, "justify"), ("Cơ quan chủ trì", 13, "center"),
               ("Thời hạn", 10, "center"), ("Tình trạng", 11, "center"), ("Tiến độ, báo cáo gần nhất", 28, "left")]
    total = sum(c[1] for c in columns)
    twips = [round(width * c[1] / total) for c in columns]
    twips[-1] += width - sum(twips)
    table = FixedTable(writer, twips, borders_pt=a.border_pt or 0.5, cell_margin_twips=85, cell_margin_tb_twips=28,
                       caption=TASKS_CAPTION)
    header, group, cell = rep.cell_styles()
    table.add_row([Cell([table.paragraph_xml([(title, header)], align="center")]) for title, _, _ in columns],
                  header=True)
    page_height_pt = (section.page_height - section.top_margin - section.bottom_margin) / 12700
    current = None
    stt = 0
    number = 0
    for row in rows:
        if row.program_id != current:
            current = row.program_id
            number += 1
            stt = 0
            title = rep.line(refs[current].short, _("tên chương trình"))
            table.add_row([Cell([table.paragraph_xml([(to_roman(number), group)], align="center", keep_next=True)]),
                           Cell([table.paragraph_xml([(title, group)], keep_next=True)], span=len(columns) - 1)])
        stt += 1
        where = _("nhiệm vụ «{task}»").format(task=single_line(row.content)[:40])
        deadline = deadline_with_due_date(rep.line(row.deadline_text, _("thời hạn ({where})").format(where=where)), row.deadline_kind,
                                          row.due_date)
        values = [str(stt), rep.w.clean(row.content, where).strip(), rep.line(row.lead_body_name, _("cơ quan chủ trì")),
                  deadline, STATUS_LABELS[row.status],
                  rep.w.clean(progress_text(latest.get(row.id)), _("báo cáo ({where})").format(where=where)) or "Chưa báo cáo"]
        cells, tallest = [], 0.0
        for i, (text, (_t, _w, align)) in enumerate(zip(values, columns)):
            cells.append(Cell([table.paragraph_xml([(text, cell)], align=align)]))
            tallest = max(tallest, estimate_lines(text, cell, table.content_width(i) / 20) * cell.size_pt * 1.2)
        table.add_row(cells, cant_split=tallest < page_height_pt * 0.85)
    writer.paragraph([], TextStyle(1), line=None)


def export_report(db: Database, date_from: date, date_to: date, path: str | os.PathLike, *,
                  program_ids: list[int] | None = None, profile: str | Profile = "hd36",
                  today: date | None = None, data: PeriodicReportData | None = None) -> ExportResult:
    """Write the periodic report to *path* (.docx), atomically (*data*: see
    :func:`build_report_document`)."""
    document, warnings = build_report_document(db, date_from, date_to, program_ids=program_ids, profile=profile,
                                               today=today, data=data)
    target = Path(path)
    save_atomically(document, target)
    return ExportResult(target, warnings)


# --- reading the figures back ---------------------------------------------------------------

def _int(text: str) -> int:
    return int(text.strip().replace(".", "") or 0)


def _captioned(document, caption: str):
    for table in document.tables:
        found = table._tbl.tblPr.find(qn("w:tblCaption"))
        if found is not None and found.get(qn("w:val")) == caption:
            return table
    return None


def read_report_figures(source) -> dict:
    """The figures a report shows, read from the .docx (a path or a python-docx Document):
    ``{"overall": {key: int}, "by_body": {body name: {key: int}}}`` with the keys of
    ``reports.progress.FIGURE_KEYS`` + ``EXTRA_KEYS`` (by_body: those of :data:`BODY_COLUMNS`)."""
    document = source if hasattr(source, "tables") else docx.Document(str(source))
    by_label = {label: key for key, label in FIGURE_LABELS.items()}
    overall = {}
    table = _captioned(document, FIGURES_CAPTION)
    if table is None:
        raise ReportError(_("Tệp không có bảng số liệu của báo cáo NQ Desk."))
    for row in table.rows[1:]:
        label, value = row.cells[1].text.strip(), row.cells[2].text
        overall[by_label[label]] = _int(value)
    by_body = {}
    table = _captioned(document, BODY_FIGURES_CAPTION)
    if table is not None:
        for row in table.rows[1:-1]:
            cells = row.cells
            by_body[cells[1].text.strip()] = {key: _int(cells[2 + i].text) for i, (key, _) in enumerate(BODY_COLUMNS)}
    return {"overall": overall, "by_body": by_body}

