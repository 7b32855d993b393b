"""The follow-up letter (công văn đôn đốc): from the office to one lead body, listing its
overdue and due-soon tasks, ready to print, sign and send.

Who writes it depends on the format profile (domain guide §4):

* ``hd36`` (Party format): the office of the committee that issued the programmes
  ("TỈNH ỦY LẠNG SƠN / VĂN PHÒNG / *", "Số      -CV/VPTU"), signed "T/L BAN THƯỜNG VỤ /
  CHÁNH VĂN PHÒNG";
* ``nd30`` (state format): the office of the provincial People's Committee ("ỦY BAN NHÂN
  DÂN TỈNH LẠNG SƠN / VĂN PHÒNG", "Số:      /VP-UBND"), signed "TL. CHỦ TỊCH / CHÁNH VĂN
  PHÒNG".

Without a profile the recipient's kind decides: a state body (``state_agency``) gets the
state format, every other body the Party format. The caller can always choose.

The letter cites the programmes the listed tasks belong to, shows a table of the tasks
(overdue first, then due soon: content, deadline, days late or left, latest report) and
asks for a report within :data:`REPLY_DAYS` days.
"""

from __future__ import annotations

import os
from itertools import islice
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import docx

from ..core.dates import format_date, format_place_date, to_roman
from ..core.deadlines import deadline_with_due_date
from ..core.numbers import format_int
from ..core.status import days_phrase
from ..core.text import fold, single_line
from ..errors import NqdeskError
from ..i18n import _
from ..reports.bodies import BodyDirectory, BodyRow
from ..reports.followup import followup_data
from ..reports.tasks import TaskRow
from ..store.db import Database
from .docx_common import (
    Cell, FixedTable, HeaderParts, SignatureParts, TextStyle, WarningCollector, add_page_number, end_body,
    format_recipients, keep_symbols_whole, start_document, write_header, write_signature,
)
from .profiles import Profile, load_profile
from .results import ExportResult, save_atomically
from .tracking_data import program_refs, programs_phrase, progress_text

__all__ = ["FollowupError", "REPLY_DAYS", "STATE_KINDS", "profile_for_body", "build_followup_document",
           "export_followup"]

REPLY_DAYS = 7  # the report asked for is due this many days after the letter's date
STATE_KINDS = frozenset({"state_agency"})


class FollowupError(NqdeskError, ValueError):
    """No letter can be written (nothing to urge, unknown body…); the message says why."""


def profile_for_body(kind: str | None) -> str:
    """The profile a letter to a body of this kind uses by default: nd30 for a state body."""
    return "nd30" if kind in STATE_KINDS else "hd36"


@dataclass
class _Sender:
    superior: str  # "Tỉnh ủy Lạng Sơn"
    office: str  # "Văn phòng" (as printed under the superior)
    office_full: str  # "Văn phòng Tỉnh ủy" (in sentences)
    symbol: str  # "     -CV/VPTU"
    authority: str  # "T/L BAN THƯỜNG VỤ"
    report_to: str  # "Thường trực Tỉnh ủy"


def _office_label(office_name: str, parent: BodyRow) -> str:
    """"Văn phòng Tỉnh ủy" under "TỈNH ỦY LẠNG SƠN" prints as "Văn phòng"."""
    name = single_line(office_name)
    for suffix in (parent.short_name, parent.name):
        suffix = single_line(suffix)
        if suffix and fold(name).endswith(" " + fold(suffix)):
            return name[: len(name) - len(suffix)].strip()
    return name


def _party_sender(bodies: BodyDirectory, profile: Profile, issuing_ids: list[int | None]) -> _Sender:  # document text
    """*issuing_ids*: the issuing bodies of the cited programmes, by programme id."""
    committee = next((bodies.get(i) for i in issuing_ids if i is not None), None)
    if committee is None:
        committee = next(iter(bodies.roots(["party_committee"])), None)
    if committee is None:
        raise FollowupError(_("Chưa có cấp ủy ban hành chương trình (ví dụ Tỉnh ủy) để ghi tên cơ quan gửi công "
                              "văn: hãy ghi cơ quan ban hành của chương trình."))
    # Ban Thường vụ → Tỉnh ủy: up while the parent is a committee too (a parent cycle left in
    # the database ends the walk instead of looping).
    if committee.kind == "party_committee":
        for parent in bodies.up(committee):
            if parent.kind != "party_committee":
                break
            committee = parent
    office = bodies.office_of(committee.id)
    short = single_line(committee.short_name or committee.name)
    office_full = single_line(office.name) if office else f"Văn phòng {short}"
    code = single_line(office.code) if office is not None and office.code else f"VP{single_line(committee.code or '')}"
    return _Sender(
        superior=single_line(committee.name), office=_office_label(office_full, committee), office_full=office_full,
        symbol=f"{profile.header.number.blank}-CV/{code}",
        authority=f"{profile.signature.by_order} Ban Thường vụ", report_to=f"Thường trực {short}")


def _state_sender(bodies: BodyDirectory, profile: Profile, body: BodyRow) -> _Sender:  # document text
    root = body
    for parent in islice(bodies.up(body), 1, None):
        if parent.kind not in STATE_KINDS:
            break
        root = parent
    if not fold(root.name).startswith("uy ban nhan dan"):
        found = [b for b in bodies.roots(STATE_KINDS) if fold(b.name).startswith("uy ban nhan dan")]
        if found:
            root = found[0]
    office = bodies.office_of(root.id)
    short = single_line(root.short_name or root.name)
    office_full = single_line(office.name) if office else f"Văn phòng {short}"
    code = single_line(root.code or "UBND")
    return _Sender(
        superior=single_line(root.name), office=_office_label(office_full, root), office_full=office_full,
        symbol=f"{profile.header.number.blank}/VP-{code}",
        authority=f"{profile.signature.by_order} Chủ tịch", report_to=f"Chủ tịch {short}")


class _Letter:
    def __init__(self, profile: Profile, warnings: WarningCollector):
        self.p = profile
        self.w = warnings
        self.doc, self.body, self.section, self.text_twips = start_document(profile)

    def line(self, text, where: str) -> str:
        return " ".join(self.w.clean(text, where).split())

    def para(self, text: str, **kw) -> None:
        b = self.p.body
        options = dict(align=b.align, after_pt=b.space_after_pt, before_pt=b.space_before_pt, line=b.line_spacing,
                       first_line_cm=b.first_line_indent_cm)
        options.update(kw)
        self.body.paragraph(text, TextStyle(b.size_pt), **options)

    def table(self, overdue: list[TaskRow], due_soon: list[TaskRow], as_of: date, latest: dict) -> None:  # document text
        a = self.p.appendix
        header_style, group_style, cell_style = (TextStyle.of(a.header_style), TextStyle.of(a.group_style),
                                                 TextStyle.of(a.cell_style))
        columns = [("STT", 8, "center"), ("Nội dung nhiệm vụ", 36, "justify"), ("Thời hạn", 15, "center"),
                   ("Quá hạn/ còn lại", 13, "center"), ("Báo cáo gần nhất", 28, "left")]
        total = sum(c[1] for c in columns)
        widths = [round(self.text_twips * c[1] / total) for c in columns]
        widths[-1] += self.text_twips - sum(widths)
        table = FixedTable(self.body, widths, borders_pt=a.border_pt or 0.5, cell_margin_twips=70,
                           cell_margin_tb_twips=28, caption="nqdesk:followup-tasks")
        table.add_row([Cell([table.paragraph_xml([(title, header_style)], align="center")]) for title, _, _ in columns],
                      header=True)
        groups = [(title, rows) for title, rows in (("Nhiệm vụ quá hạn chưa hoàn thành", overdue),
                                                    ("Nhiệm vụ sắp đến hạn", due_soon)) if rows]
        for number, (title, rows) in enumerate(groups, start=1):
            roman = to_roman(number)
            table.add_row([Cell([table.paragraph_xml([(roman, group_style)], align="center", keep_next=True)]),
                           Cell([table.paragraph_xml([(f"{title} ({format_int(len(rows))})", group_style)],
                                                     keep_next=True)], span=len(columns) - 1)])
            for stt, row in enumerate(rows, start=1):
                where = _("nhiệm vụ «{task}»").format(task=single_line(row.content)[:40])
                deadline = deadline_with_due_date(self.line(row.deadline_text, _("thời hạn ({where})").format(where=where)),
                                                  row.deadline_kind, row.due_date)
                delay = days_phrase(row.due_date, as_of)
                delay = delay[:1].upper() + delay[1:]  # a table cell starts with a capital
                report = self.w.clean(progress_text(latest.get(row.id)), _("báo cáo ({where})").format(where=where)) or "Chưa báo cáo"
                values = [(str(stt), "center"), (self.w.clean(row.content, where).strip(), "justify"),
                          (deadline, "center"), (delay, "center"), (report, "left")]
                table.add_row([Cell([table.paragraph_xml([(text, cell_style)], align=align)]) for text, align in values])


def build_followup_document(db: Database, body_id: int, as_of: date, profile: str | Profile | None = None, *,  # document text
                            program_ids: list[int] | None = None,
                            today: date | None = None) -> tuple[docx.Document, list[str]]:
    """The letter to body *body_id* about its tasks overdue or due soon on *as_of*.

    *profile* None: chosen from the body's kind (:func:`profile_for_body`). *today* is the
    letter's date (default *as_of*); the report it asks for is due :data:`REPLY_DAYS` later.
    Raises :class:`FollowupError` when the body has nothing overdue or due soon."""
    today = today or as_of
    data = followup_data(db, body_id, as_of, program_ids=program_ids)
    if data.body is None:
        raise FollowupError(_("Không có cơ quan mã số {id}. Xem danh sách: nqdesk list bodies.").format(id=body_id))
    body_name, body_kind = single_line(data.body.name), data.body.kind
    if profile is None:
        profile = profile_for_body(body_kind)
    profile = profile if isinstance(profile, Profile) else load_profile(profile)
    due_soon_days = data.due_soon_days
    overdue, due_soon = list(data.overdue), list(data.due_soon)
    rows = overdue + due_soon
    if not overdue and not due_soon:
        raise FollowupError(_("{body} không có nhiệm vụ nào quá hạn hoặc sắp đến hạn (trong {days} ngày) tính đến "
                              "ngày {day}: không cần gửi công văn đôn đốc.").format(
            body=body_name, days=due_soon_days, day=format_date(as_of)))
    used_programs = sorted({r.program_id for r in overdue + due_soon})
    refs = program_refs(data.programs)
    if profile.symbol_style == "state":
        sender = _state_sender(data.bodies, profile, data.body)
    else:
        issuing = [p.issuing_body.id if p.issuing_body is not None else None for _, p in sorted(data.programs.items())]
        sender = _party_sender(data.bodies, profile, issuing)
    latest = data.latest

    warnings = WarningCollector()
    letter = _Letter(profile, warnings)
    name = letter.line(body_name, _("tên cơ quan nhận"))
    programs = letter.line(programs_phrase([refs[p] for p in used_programs]), _("tên chương trình"))
    subject = f"V/v đôn đốc thực hiện nhiệm vụ\ntheo {programs}"
    subject_style = TextStyle(12, italic=profile.symbol_style == "party")
    place = single_line(data.place) or "……"
    write_header(letter.body, profile, letter.text_twips, HeaderParts(
        issuing=letter.line(sender.office, _("tên văn phòng")), superior=letter.line(sender.superior, _("tên cấp ủy")),
        symbol_line=f"{profile.header.number.prefix}{sender.symbol}", place_date=format_place_date(place, today),
        under_number=((keep_symbols_whole(subject), subject_style),)))

    size = profile.body.size_pt
    letter.body.paragraph([("Kính gửi: ", TextStyle(size)), (name, TextStyle(size))], align="center",
                          before_pt=18, after_pt=12)
    cited = _join([letter.line(refs[p].full, _("trích yếu chương trình")) for p in used_programs])
    letter.para(f"Thực hiện {cited}, {sender.office_full} đã theo dõi, tổng hợp tình hình thực hiện các nhiệm vụ "
                f"được giao.")
    counts = []
    if overdue:
        counts.append(f"{format_int(len(overdue))} nhiệm vụ đã quá hạn nhưng chưa hoàn thành")
    if due_soon:
        counts.append(f"{format_int(len(due_soon))} nhiệm vụ sắp đến hạn (trong {format_int(due_soon_days)} ngày tới)")
    letter.para(f"Tính đến ngày {format_date(as_of)}, {name} được giao chủ trì thực hiện còn "
                f"{' và '.join(counts)}, cụ thể như sau:", keep_next=True)
    letter.table(overdue, due_soon, as_of, latest)
    reply_by = today + timedelta(days=REPLY_DAYS)
    ending = profile.ending.text if profile.ending.enabled else "."
    letter.para(f"Để bảo đảm tiến độ thực hiện {programs}, {sender.office_full} đề nghị {name} khẩn "
                f"trương chỉ đạo, tổ chức thực hiện {'các nhiệm vụ' if len(rows) > 1 else 'nhiệm vụ'} nêu trên; báo "
                f"cáo kết quả thực hiện, những khó khăn, vướng mắc (nếu có) và đề xuất, kiến nghị về {sender.office_full} "
                f"trước ngày {format_date(reply_by)} để tổng hợp, báo cáo {sender.report_to}{ending}",
                before_pt=12)
    recipients = format_recipients(profile, ["Như trên", f"{sender.report_to} (để báo cáo)"])
    write_signature(letter.body, profile, letter.text_twips, SignatureParts(
        recipients, authority=letter.line(sender.authority, _("thẩm quyền ký")), title="Chánh Văn phòng"))
    end_body(letter.body)
    number = profile.page_number
    add_page_number(letter.section, font=profile.font.name, lang=profile.font.language,
                    style=TextStyle.of(number.style), position=number.position, first_page=number.first_page)
    props = letter.doc.core_properties
    props.title = f"Công văn đôn đốc {name}"[:250]
    props.subject = "Công văn đôn đốc thực hiện nhiệm vụ"
    props.language = profile.font.language
    props.author = "NQ Desk"
    props.comments = f"Mẫu thể thức: {profile.key}"
    return letter.doc, warnings.messages


def _join(items: list[str]) -> str:  # document text
    if len(items) <= 1:
        return "".join(items)
    return "; ".join(items[:-1]) + " và " + items[-1]


def export_followup(db: Database, body_id: int, as_of: date, path: str | os.PathLike,
                    profile: str | Profile | None = None, *, program_ids: list[int] | None = None,
                    today: date | None = None) -> ExportResult:
    """Write the follow-up letter to *path* (.docx), atomically (see
    :func:`build_followup_document`)."""
    document, warnings = build_followup_document(db, body_id, as_of, profile, program_ids=program_ids, today=today)
    target = Path(path)
    save_atomically(document, target)
    return ExportResult(target, warnings)
