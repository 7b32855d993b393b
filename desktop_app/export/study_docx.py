"""The report on a study round (Báo cáo kết quả nghiên cứu, học tập, quán triệt nghị quyết)
as a Word document in the Party format (or another format profile).

It is issued by the scope organisation of the figures (e.g. the Đảng ủy Khối các cơ quan
tỉnh under the Đảng bộ tỉnh) and mirrors the wording of such reports (seed story): "Ban
Thường vụ Đảng ủy Khối đã mở 01 điểm cầu và chỉ đạo cấp ủy cơ sở mở 63 điểm cầu … với sự
tham gia của 3.113 đảng viên, quần chúng ưu tú … 100% tổ chức cơ sở đảng đã cử cán bộ,
đảng viên tham gia … có 3.252 đảng viên (tỷ lệ 75%) được nghiên cứu, học tập …".

Layout: the header table (superior party organisation, issuing committee, "*", "Số   -BC/ĐUK"
with a blank number | "ĐẢNG CỘNG SẢN VIỆT NAM", place and date), "BÁO CÁO" and the trích
yếu citing the resolutions of the sessions; an opening paragraph; I. the organisation of
the study (one paragraph per session); II. the results; III. the table of organisations
(STT, organisation, members, studied, percent, not yet studied, and a total row); IV. the
tasks ahead; "Nơi nhận" beside the signature block. Figures come from
:func:`desktop_app.reports.study.study_figures`, numbers are printed the Vietnamese way
("3.113", "75%"), counts below ten with two digits as such reports write them ("01 điểm cầu").

Reading the database (:func:`load_study_report_data`) is separate from building the
document (:func:`render_study_report`), which works on plain data.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import docx

from ..core.dates import format_citation_date, format_date, format_place_date, to_roman
from ..core.numbers import format_int, format_ratio
from ..core.text import fold, single_line
from ..errors import NqdeskError
from ..i18n import _
from ..i18n import format_int as format_count
from ..reports.program_data import DocumentInfo
from ..reports.study import StudyFigures, study_figures
from ..reports.study_report import study_report_sources
from ..store.db import Database
from .docx_common import (
    BlockWriter, Cell, FixedTable, HeaderParts, Mark, SignatureParts, TextStyle, WarningCollector, add_page_number,
    balance_lines, fit_widths, format_recipients, mm_to_twips, new_document, pt_to_twips, setup_page,
    text_width_twips, write_header, write_signature,
)
from .profiles import DEFAULT_PROFILE, Profile, load_profile
from .results import ExportResult, save_atomically

__all__ = [
    "DEFAULT_SIGNER_TITLE",
    "DEFAULT_SIGNING_AUTHORITY",
    "SessionInfo",
    "StudyReportData",
    "StudyReportError",
    "build_study_report",
    "count_text",
    "export_study_report",
    "load_study_report_data",
    "render_study_report",
]

# The standing committee signs on behalf of the party committee; routine reports of a
# đảng ủy are usually signed by the (standing) deputy secretary. Both are keyword arguments.
DEFAULT_SIGNING_AUTHORITY = "BAN THƯỜNG VỤ"  # document text
DEFAULT_SIGNER_TITLE = "PHÓ BÍ THƯ"  # document text

SECTION_TITLES = (  # document text
    "TÌNH HÌNH TỔ CHỨC NGHIÊN CỨU, HỌC TẬP, QUÁN TRIỆT",
    "KẾT QUẢ",
    "KẾT QUẢ CỦA CÁC TỔ CHỨC CƠ SỞ ĐẢNG",
    "NHIỆM VỤ TRONG THỜI GIAN TỚI",
)
TABLE_COLUMNS = (  # document text; title, width in mm (scaled to the text width), alignment
    ("STT", 12, "center"),
    ("Tổ chức cơ sở đảng", 84, "left"),
    ("Số đảng viên", 18, "center"),
    ("Đã học tập", 17, "center"),
    ("Tỷ lệ", 15, "center"),
    ("Chưa học tập", 19, "center"),
)
POINT_PHRASES = {  # document text
    "central": "điểm cầu Trung ương",
    "provincial": "điểm cầu cấp tỉnh",
    "bloc": "điểm cầu cấp khối",
    "grassroots": "điểm cầu cơ sở",
}
# "Tỉnh ủy Lạng Sơn" → "Đảng bộ tỉnh Lạng Sơn": the superior line of a header names the
# party organisation (đảng bộ), not its committee.
_COMMITTEE_TO_ORGANISATION = {  # document text
    "tinh uy": "Đảng bộ tỉnh", "thanh uy": "Đảng bộ thành phố", "huyen uy": "Đảng bộ huyện",
    "quan uy": "Đảng bộ quận", "thi uy": "Đảng bộ thị xã", "dang uy": "Đảng bộ",
}


class StudyReportError(NqdeskError):
    """Nothing to report (no session yet) or no organisation to report for."""


def count_text(n: int) -> str:
    """Counts as such reports write them: "01", "09", "63", "3.113"."""
    return f"{n:02d}" if 0 <= n < 10 else format_int(n)


@dataclass
class SessionInfo:
    """A session as the report tells it (the figures plus who organised it, its points by level)."""

    title: str
    held_on: date
    level: str
    organiser: str = ""
    points_by_level: dict[str, int] = field(default_factory=dict)  # counted points (scope and its organisations)
    relayed_from_province: bool = False  # the session also had a provincial point
    attendees_members: int = 0
    attendees_non_members: int = 0
    newly_studied: int = 0


@dataclass
class StudyReportData:
    """Everything the report shows, as stored (cleaning happens while rendering)."""

    figures: StudyFigures
    issuing_name: str
    issuing_code: str = ""
    superior_name: str | None = None
    superior_short: str = ""  # "Tỉnh ủy", for "Ban Thường vụ Tỉnh ủy"
    place: str = ""
    documents: list[DocumentInfo] = field(default_factory=list)
    sessions: list[SessionInfo] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    archive_line: str = ""


# --- reading --------------------------------------------------------------------------------

def _organisation_name(committee: str) -> str:
    words = committee.split()
    head = fold(" ".join(words[:2]))
    if head in _COMMITTEE_TO_ORGANISATION:
        return " ".join([_COMMITTEE_TO_ORGANISATION[head], *words[2:]]).strip()
    return committee


def _committee_short(name: str) -> str:
    """How the report names its own committee in sentences: "Đảng ủy Khối" for
    "Đảng ủy Khối các cơ quan tỉnh"; other names as they are."""
    words = name.split()
    if fold(" ".join(words[:3])) == "dang uy khoi":
        return " ".join(words[:3])
    return name


def _lower_first(text: str) -> str:
    if len(text) >= 2 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def _number_of(info: DocumentInfo) -> tuple:
    head = info.symbol.split("-")[0].split("/")[0]
    return (int(head) if head.isdigit() else 10**9, info.symbol)


def load_study_report_data(db: Database, resolution: int | str, as_of: date, *,  # document text
                           scope_body_id: int | None = None) -> StudyReportData:
    """The figures and everything around them (bodies, documents, sessions' points)."""
    figures = study_figures(db, resolution, as_of, scope_body_id)
    if not figures.sessions:
        raise StudyReportError(
            _("Chưa có hội nghị nghiên cứu, học tập, quán triệt nào về văn bản {symbol} tính đến ngày {day}: chưa "
              "có gì để báo cáo. Hãy ghi hội nghị và số người dự trong mục «Học tập, quán triệt» trước.").format(
                symbol=figures.symbol, day=format_date(as_of)))
    if figures.scope_id is None:
        raise StudyReportError(_("Các hội nghị chưa ghi tổ chức đảng báo cáo số liệu (phạm vi): hãy chọn tổ chức "
                                 "đảng, ví dụ --scope ĐUK."))
    org_ids = {line.body_id for line in figures.organisations}
    src = study_report_sources(db, figures.scope_id, [x.id for x in figures.sessions], as_of)
    scope, parent, bodies = src.scope, src.parent, src.bodies
    propaganda = src.propaganda
    documents = list(src.documents)
    documents.sort(key=lambda d: (d.issue_date or date.min, _number_of(d)))

    sessions = []
    for line in figures.sessions:
        mine = [p for p in src.points if p.session_id == line.id]
        counted: dict[str, int] = {}
        if line.level != "makeup":
            for p in mine:
                if p.host_id is not None and (p.host_id == figures.scope_id or p.host_id in org_ids):
                    counted[p.level] = counted.get(p.level, 0) + 1
        organiser = bodies.get(src.organisers.get(line.id))
        sessions.append(SessionInfo(
            line.title, line.held_on, line.level, organiser.name if organiser is not None else "", counted,
            any(p.level == "provincial" for p in mine), line.attendees_members, line.attendees_non_members,
            line.newly_studied))

    superior_short = ""
    recipients = []
    if parent is not None:
        superior_short = parent.short_name or parent.name
        recipients.append(f"Ban Thường vụ {superior_short} (b/c)")
        if propaganda:
            recipients.append(f"{propaganda} (b/c)")
    recipients.append("Các tổ chức cơ sở đảng trực thuộc")
    return StudyReportData(
        figures=figures, issuing_name=scope.name, issuing_code=scope.code or "",
        superior_name=_organisation_name(parent.name) if parent is not None else None,
        superior_short=superior_short, place=src.place, documents=documents,
        sessions=sessions, recipients=recipients, archive_line=f"Lưu Văn phòng {_committee_short(scope.name)}.",
    )


# --- wording ---------------------------------------------------------------------------------

def _join(items: list[str], sep: str = ", ") -> str:  # document text
    if len(items) <= 1:
        return "".join(items)
    return sep.join(items[:-1]) + " và " + items[-1]


def citation(documents: list[DocumentInfo]) -> str:  # document text
    """"Nghị quyết số 42-NQ/TW, 43-NQ/TW và 45-NQ/TW, ngày 24/11/2023 của Ban Chấp hành
    Trung ương Đảng khóa XIII": documents of one kind, day and issuer share one phrase."""
    groups: list[tuple[tuple, list[str]]] = []
    for d in documents:
        key = (d.kind_name, d.issue_date, single_line(d.issuing_authority))
        if groups and groups[-1][0] == key:
            groups[-1][1].append(d.symbol)
        else:
            groups.append((key, [d.symbol]))
    phrases = []
    for (kind, day, issuer), symbols in groups:
        text = f"{kind} số {_join(symbols)}"
        if day is not None:
            text += f", ngày {format_citation_date(day)}"
        if issuer:
            text += f" của {issuer}"
        phrases.append(text)
    return "; ".join(phrases)


def short_citation(documents: list[DocumentInfo]) -> str:  # document text
    """"Nghị quyết số 45-NQ/TW" or "các Nghị quyết số 42-NQ/TW, …, 45-NQ/TW" (no dates)."""
    if len(documents) == 1:
        return documents[0].short_citation()
    kinds = {d.kind_name for d in documents}
    if len(kinds) == 1:
        return f"các {documents[0].kind_name} số {_join([d.symbol for d in documents])}"
    return "các văn bản " + _join([d.short_citation() for d in documents])


class _Writer:
    """Builds the sentences of the report from the data (pure text)."""

    def __init__(self, data: StudyReportData):  # document text
        self.d = data
        self.f = data.figures
        self.me = _committee_short(data.issuing_name)  # "Đảng ủy Khối"
        self.whole = _organisation_name(self.me)  # "Đảng bộ Khối"
        self.docs = short_citation(data.documents) if data.documents else f"văn bản số {self.f.symbol}"

    def opening(self) -> str:  # document text
        cited = citation(self.d.documents) if self.d.documents else f"văn bản số {self.f.symbol}"
        directed = (f"Thực hiện sự chỉ đạo của Ban Thường vụ {self.d.superior_short} về việc tổ chức nghiên cứu, "
                    f"học tập, quán triệt {cited}" if self.d.superior_short else
                    f"Thực hiện kế hoạch tổ chức nghiên cứu, học tập, quán triệt {cited}")
        return (f"{directed}, Ban Thường vụ {self.me} báo cáo kết quả nghiên cứu, học tập, quán triệt tính đến ngày "
                f"{format_date(self.f.as_of)} như sau:")

    def points_phrase(self, by_level: dict[str, int]) -> str:  # document text
        parts = [f"{count_text(n)} {POINT_PHRASES.get(level, 'điểm cầu')}"
                 for level, n in sorted(by_level.items(), key=lambda kv: list(POINT_PHRASES).index(kv[0])
                                        if kv[0] in POINT_PHRASES else 99)]
        return _join(parts)

    def attendees_phrase(self, members: int, non_members: int) -> str:  # document text
        total = members + non_members
        text = f"{format_int(total)} đảng viên, quần chúng ưu tú của {self.whole}"
        if members and non_members:
            text += f" ({format_int(members)} đảng viên, {format_int(non_members)} quần chúng ưu tú)"
        return text

    def session(self, x: SessionInfo) -> str:  # document text
        day = f"Ngày {format_date(x.held_on)}"
        title = single_line(x.title)
        if x.level == "makeup":
            who = _committee_short(x.organiser) if x.organiser else self.me
            return (f"{day}, {who} tổ chức {_lower_first(title)}; {format_int(x.newly_studied)} đảng viên đã được "
                    "nghiên cứu, học tập bù.")
        if x.level == "national_relayed":
            text = f"{day}, Bộ Chính trị, Ban Bí thư tổ chức {title}."
            directed = (f"Thực hiện sự chỉ đạo của Ban Thường vụ {self.d.superior_short}, "
                        if self.d.superior_short else "")
            own = x.points_by_level.get("bloc", 0)
            below = x.points_by_level.get("grassroots", 0)
            others = {k: v for k, v in x.points_by_level.items() if k not in ("bloc", "grassroots")}
            opened = []
            if own:
                opened.append(f"đã mở {count_text(own)} điểm cầu")
            if below:
                opened.append(f"chỉ đạo cấp ủy cơ sở mở {count_text(below)} điểm cầu")
            if others:
                opened.append(f"tham gia tại {self.points_phrase(others)}")
            relay = " tiếp sóng từ điểm cầu tỉnh" if x.relayed_from_province else ""
            actor = f"Ban Thường vụ {self.me}"
            if opened:
                body = f"{actor} {' và '.join(opened)}{relay} kết nối hội nghị"
            else:
                body = f"{actor} tổ chức cho cán bộ, đảng viên tham dự hội nghị"
            sentence = f"{directed}{body} với sự tham gia của " \
                       f"{self.attendees_phrase(x.attendees_members, x.attendees_non_members)}."
            return f"{text} {sentence[:1].upper()}{sentence[1:]}"
        who = x.organiser or self.d.issuing_name
        points = sum(x.points_by_level.values())
        where = f" tại {count_text(points)} điểm cầu ({self.points_phrase(x.points_by_level)})" if points else ""
        attendees = x.attendees_members + x.attendees_non_members
        if attendees:
            tail = f" với sự tham gia của {self.attendees_phrase(x.attendees_members, x.attendees_non_members)}"
        else:
            tail = f"; {format_int(x.newly_studied)} đảng viên được nghiên cứu, học tập"
        return f"{day}, {who} tổ chức {_lower_first(title)}{where}{tail}."

    def results(self) -> list[str]:  # document text
        f = self.f
        lines = []
        if f.bridge_points or f.attendees_total:
            points = (f"{count_text(f.bridge_points)} điểm cầu ({self.points_phrase(f.bridge_points_by_level)})"
                      if f.bridge_points else "")
            text = "1. Tổng số điểm cầu: " + points + "; " if points else "1. "
            lines.append(f"{text}tổng số người tham dự: "
                         f"{self.attendees_phrase(f.attendees_members, f.attendees_non_members)}.")
        n = len(lines) + 1
        if f.organisations_total:
            if f.organisations_represented == f.organisations_total:
                lines.append(f"{n}. {f.organisations_percent_text} tổ chức cơ sở đảng "
                             f"({count_text(f.organisations_represented)}/{count_text(f.organisations_total)} "
                             "tổ chức) đã cử cán bộ, đảng viên tham gia các điểm cầu.")
            else:
                missing = f.organisations_total - f.organisations_represented
                lines.append(f"{n}. {count_text(f.organisations_represented)}/{count_text(f.organisations_total)} "
                             f"tổ chức cơ sở đảng (tỷ lệ {f.organisations_percent_text}) đã cử cán bộ, đảng viên "
                             f"tham gia các điểm cầu; còn {count_text(missing)} tổ chức chưa cử người tham gia.")
            n += 1
        if f.members_total:
            text = (f"{n}. Tính đến ngày {format_date(f.as_of)}, toàn {self.whole} có {format_int(f.members_studied)} "
                    f"đảng viên (tỷ lệ {f.members_percent_text}) được nghiên cứu, học tập {self.docs}, trên tổng số "
                    f"{format_int(f.members_total)} đảng viên")
            if f.members_studied_makeup:
                text += f"; trong đó {format_int(f.members_studied_makeup)} đảng viên học tập bù"
            if f.members_remaining:
                text += f"; còn {format_int(f.members_remaining)} đảng viên chưa được nghiên cứu, học tập."
            else:
                text += "; 100% đảng viên đã được nghiên cứu, học tập."
            lines.append(text)
        return lines

    def table_intro(self) -> str:  # document text
        return (f"Số đảng viên được nghiên cứu, học tập {self.docs} của từng tổ chức cơ sở đảng tính đến ngày "
                f"{format_date(self.f.as_of)} (đơn vị tính: đảng viên):")

    def tasks(self) -> list[str]:  # document text
        f = self.f
        lines = []
        if not f.members_total:
            lines.append(
                "1. Các tổ chức cơ sở đảng báo cáo số đảng viên hiện có để tính tỷ lệ đảng viên đã được nghiên cứu, "
                f"học tập; cấp ủy cơ sở tổ chức cho cán bộ, đảng viên chưa được nghiên cứu, học tập {self.docs} "
                "nghiên cứu, học tập nghị quyết bằng hình thức phù hợp.")
        elif f.members_remaining:
            lines.append(
                f"1. Đối với những trường hợp cán bộ, đảng viên chưa được nghiên cứu, học tập {self.docs} (còn "
                f"{format_int(f.members_remaining)} đảng viên tại {count_text(len(f.behind))} tổ chức cơ sở đảng), "
                "cấp ủy cơ sở có trách nhiệm tổ chức cho các trường hợp đó nghiên cứu, học tập nghị quyết bằng hình "
                "thức phù hợp, bảo đảm tất cả các cán bộ, đảng viên đều được nghiên cứu, học tập; báo cáo kết quả "
                f"về Ban Thường vụ {self.me}.")
        else:
            lines.append(f"1. Toàn {self.whole} đã có 100% đảng viên được nghiên cứu, học tập {self.docs}; cấp ủy "
                         "cơ sở tổ chức cho đảng viên mới kết nạp, chuyển đến nghiên cứu, học tập nghị quyết.")
        lines.append(
            "2. Các cấp ủy, tổ chức đảng tiếp tục quán triệt, tuyên truyền sâu rộng những nội dung cơ bản, cốt lõi "
            "của nghị quyết đến toàn thể cán bộ, đảng viên và quần chúng; xây dựng chương trình, kế hoạch thực hiện "
            "phù hợp với chức năng, nhiệm vụ của cơ quan, đơn vị.")
        return lines


# --- building the document ----------------------------------------------------------------------

class _Renderer:
    def __init__(self, data: StudyReportData, profile: Profile, today: date, *, issue_date: date | None,
                 signing_authority: str, signer_title: str, signer_name: str, recipients: list[str] | None,
                 organisations: str):
        self.data, self.p, self.today = data, profile, today
        self.issue_date = issue_date
        self.signing_authority, self.signer_title, self.signer_name = signing_authority, signer_title, signer_name
        self.recipients = recipients
        self.organisations = organisations
        self.warnings = WarningCollector()
        self.font, self.lang = profile.font.name, profile.font.language
        self.doc = new_document(self.font, profile.body.size_pt, self.lang)
        self.body = BlockWriter(self.doc.element.body, self.font, self.lang)
        page = profile.page
        self.section = self.doc.sections[0]
        setup_page(self.section, width_mm=page.width_mm, height_mm=page.height_mm, top_mm=page.margin_top_mm,
                   bottom_mm=page.margin_bottom_mm, left_mm=page.margin_left_mm, right_mm=page.margin_right_mm,
                   header_mm=page.header_distance_mm, footer_mm=page.footer_distance_mm)
        self.text_twips = text_width_twips(self.section)

    def line(self, text, where: str) -> str:
        return " ".join(self.warnings.clean(text, where).split())

    def render(self) -> docx.Document:  # document text
        d = self.data
        writer = _Writer(d)
        self.header()
        self.title()
        b, hd = self.p.body, self.p.headings
        body_style = TextStyle(b.size_pt)
        separator = "-" if hd.numbering == "I-" else "."
        heading_style = TextStyle.of(hd.style)

        def paragraph(text: str, style: TextStyle = body_style, keep_next: bool = False) -> None:
            self.body.paragraph(self.line(text, _("nội dung báo cáo")), style, align=b.align,
                                before_pt=b.space_before_pt, after_pt=b.space_after_pt, line=b.line_spacing,
                                first_line_cm=b.first_line_indent_cm, keep_next=keep_next)

        def heading(n: int) -> None:
            paragraph(f"{to_roman(n)}{separator} {SECTION_TITLES[n - 1]}", heading_style, keep_next=True)

        if not d.figures.members_total:
            self.warnings.add(_("Chưa có số đảng viên của các tổ chức cơ sở đảng tính đến ngày {day}: báo cáo không "
                                "có tỷ lệ đảng viên đã học tập. Hãy nhập số đảng viên trong mục «Học tập, quán "
                                "triệt».").format(day=format_date(d.figures.as_of)))
        elif d.figures.without_member_count:
            missing = d.figures.without_member_count
            self.warnings.add(_("Chưa có số đảng viên của {count} tổ chức ({names}): số đã học của các tổ chức này "
                                "không có trong báo cáo. Hãy nhập số đảng viên trong mục «Học tập, quán triệt».")
                              .format(count=format_count(len(missing)), names=", ".join(missing)))
        paragraph(writer.opening())
        heading(1)
        for x in d.sessions:
            paragraph(writer.session(x))
        heading(2)
        for text in writer.results():
            paragraph(text)
        heading(3)
        if d.figures.organisations:
            paragraph(writer.table_intro(), keep_next=True)
            self.table()
        else:
            self.warnings.add(_("{body} chưa có tổ chức cơ sở đảng trực thuộc: bảng số liệu để trống.").format(
                body=d.issuing_name))
            paragraph("Chưa có số liệu của các tổ chức cơ sở đảng.")
        heading(4)
        tasks = writer.tasks()
        ending = self.p.ending
        for i, text in enumerate(tasks):
            if i == len(tasks) - 1 and ending.enabled and not text.endswith(ending.text):
                text = (text.rstrip(" .") if ending.text.startswith(".") else text) + ending.text
            paragraph(text, keep_next=i == len(tasks) - 1)
        self.signature()
        number = self.p.page_number
        add_page_number(self.section, font=self.font, lang=self.lang, style=TextStyle.of(number.style),
                        position=number.position, first_page=number.first_page)
        props = self.doc.core_properties
        props.title = f"Báo cáo kết quả nghiên cứu, học tập, quán triệt {writer.docs}"[:250]
        props.subject = "Báo cáo"
        props.language = self.lang
        props.author = "NQ Desk"
        props.comments = f"Mẫu thể thức: {self.p.key}"
        return self.doc

    def header(self) -> None:
        d = self.data
        code = self.line(d.issuing_code, _("mã ký hiệu cơ quan"))
        if not code:
            self.warnings.add(_("{body} chưa có mã ký hiệu (ví dụ ĐUK): phần ký hiệu báo cáo để trống.").format(
                body=d.issuing_name))
            code = "……"
        blank = self.p.header.number.blank
        number = f"{blank}-BC/{code}" if self.p.symbol_style == "party" else f"{blank}/BC-{code}"
        place = self.line(d.place, _("địa danh")) or "……"
        when = format_place_date(place, self.issue_date, self.today.year)
        superior = self.line(d.superior_name, _("tên tổ chức đảng cấp trên")) if d.superior_name else None
        # A long name ("ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH") goes on two even lines instead of leaving one word.
        h = self.p.header
        left_pt = fit_widths([mm_to_twips(w) for w in h.column_widths_mm], self.text_twips)[0] / 20
        issuing = balance_lines(self.line(d.issuing_name, _("tên cơ quan ban hành")), TextStyle.of(h.issuing_body),
                                left_pt)
        if superior:
            superior = balance_lines(superior, TextStyle.of(h.superior_body), left_pt)
        write_header(self.body, self.p, self.text_twips, HeaderParts(
            issuing=issuing, superior=superior, symbol_line=f"{h.number.prefix}{number}", place_date=when))

    def title(self) -> None:  # document text
        t = self.p.title
        self.body.paragraph("BÁO CÁO", TextStyle.of(t.type_style), align="center", before_pt=t.space_before_pt,
                            keep_next=True)
        cited = citation(self.data.documents) if self.data.documents else f"văn bản số {self.data.figures.symbol}"
        subject = self.line(f"kết quả nghiên cứu, học tập, quán triệt {cited}", _("trích yếu"))
        if t.subject_capitalise:
            subject = subject[:1].upper() + subject[1:]
        self.body.paragraph(subject, TextStyle.of(t.subject_style), align="center", keep_next=True)
        separator = Mark.of(t.separator)
        if separator.kind == "text" and separator.text:
            self.body.paragraph(separator.text, TextStyle(separator.size_pt), align="center",
                                after_pt=t.space_after_pt)
            return
        if separator.kind == "rule":
            self.body.rule(pt_to_twips(separator.rule_length_pt(0)), self.text_twips, separator.weight_pt)
        self.body.paragraph([], TextStyle(1), after_pt=t.space_after_pt)

    def table(self) -> None:  # document text
        f = self.data.figures
        a = self.p.appendix
        widths_mm = [w for _, w, _ in TABLE_COLUMNS]
        twips = [round(self.text_twips * w / sum(widths_mm)) for w in widths_mm]
        twips[-1] += self.text_twips - sum(twips)
        table = FixedTable(self.body, twips, borders_pt=a.border_pt or 0.5, cell_margin_twips=57,
                           cell_margin_tb_twips=20)
        head, cell, bold = TextStyle.of(a.header_style), TextStyle.of(a.cell_style), TextStyle.of(a.group_style)
        table.add_row([Cell([table.paragraph_xml([(title, head)], align="center")])
                       for title, _, _ in TABLE_COLUMNS], header=True)
        lines = f.organisations if self.organisations == "all" else f.behind
        for n, org in enumerate(lines, start=1):
            values = [str(n), self.line(org.name, _("tên tổ chức cơ sở đảng")), format_int(org.members),
                      format_int(org.studied), format_ratio(org.studied, org.members) or "—",
                      format_int(org.remaining)]
            table.add_row([Cell([table.paragraph_xml([(v, cell)], align=col[2])])
                           for v, col in zip(values, TABLE_COLUMNS)])
        total = ["Tổng cộng", format_int(f.members_total), format_int(f.members_studied),
                 f.members_percent_text or "—", format_int(f.members_remaining)]
        cells = [Cell([table.paragraph_xml([(total[0], bold)], align="center")], span=2)]
        cells += [Cell([table.paragraph_xml([(v, bold)], align="center")]) for v in total[1:]]
        table.add_row(cells)
        if self.organisations != "all":
            self.body.paragraph(self.line(f"(Bảng chỉ gồm {count_text(len(lines))} tổ chức chưa đạt 100%; dòng tổng "
                                          f"cộng tính cả {count_text(len(f.organisations))} tổ chức.)",
                                          _("ghi chú bảng")),
                                TextStyle(self.p.body.size_pt - 1, italic=True), align="left", before_pt=3)
        self.body.paragraph([], TextStyle(8), after_pt=0)

    def signature(self) -> None:
        s = self.p.signature
        authority = self.line(self.signing_authority, _("thẩm quyền ký"))
        if authority and not fold(authority).startswith(("t/m", "k/t", "tm", "kt")):
            authority = f"{s.on_behalf} {authority}"
        items = self.recipients if self.recipients is not None else self.data.recipients
        # the report is filed by the issuing committee's office, not by the profile's default archive
        archive = self.line(self.data.archive_line, _("nơi nhận"))
        lines = format_recipients(self.p, [self.line(x, _("nơi nhận")) for x in items] + ([archive] if archive else []))
        write_signature(self.body, self.p, self.text_twips, SignatureParts(
            recipients=lines, authority=authority, title=self.line(self.signer_title, _("chức vụ người ký")),
            name=self.line(self.signer_name, _("tên người ký"))))


def render_study_report(data: StudyReportData, profile: str | Profile = DEFAULT_PROFILE, *,
                        today: date | None = None, issue_date: date | None = None,
                        signing_authority: str = DEFAULT_SIGNING_AUTHORITY, signer_title: str = DEFAULT_SIGNER_TITLE,
                        signer_name: str = "", recipients: list[str] | None = None,
                        organisations: str = "all") -> tuple[docx.Document, list[str]]:
    """Build the report from plain data (no database)."""
    if organisations not in ("all", "behind"):
        raise ValueError("organisations must be 'all' or 'behind'")
    resolved = profile if isinstance(profile, Profile) else load_profile(profile or DEFAULT_PROFILE)
    renderer = _Renderer(data, resolved, today or date.today(), issue_date=issue_date,
                         signing_authority=signing_authority, signer_title=signer_title, signer_name=signer_name,
                         recipients=recipients, organisations=organisations)
    document = renderer.render()
    return document, renderer.warnings.messages


def build_study_report(db: Database, resolution: int | str, as_of: date, *, scope_body_id: int | None = None,
                       profile: str | Profile = DEFAULT_PROFILE, today: date | None = None,
                       **options) -> tuple[docx.Document, list[str]]:
    """The study report of *resolution* (document id or symbol, e.g. "45-NQ/TW") as of *as_of*,
    as a python-docx Document with the warnings met on the way.

    *options*: ``issue_date`` (printed date; default a blank day and month of *today*'s
    year), ``signing_authority`` ("BAN THƯỜNG VỤ", printed after "T/M"), ``signer_title``
    ("PHÓ BÍ THƯ"), ``signer_name``, ``recipients`` (lines of "Nơi nhận"; the archive line
    is added), ``organisations`` ("all" or "behind": which organisations the table lists).
    Raises :class:`StudyReportError` when no session is recorded yet and
    :class:`~desktop_app.reports.study.StudyFiguresError` for an unknown document or scope."""
    data = load_study_report_data(db, resolution, as_of, scope_body_id=scope_body_id)
    return render_study_report(data, profile, today=today, **options)


def export_study_report(db: Database, resolution: int | str, as_of: date, path: str | os.PathLike, *,
                        scope_body_id: int | None = None, profile: str | Profile = DEFAULT_PROFILE,
                        today: date | None = None, **options) -> ExportResult:
    """Write the study report to *path* (.docx), atomically (see :func:`build_study_report`)."""
    document, warnings = build_study_report(db, resolution, as_of, scope_body_id=scope_body_id, profile=profile,
                                            today=today, **options)
    target = Path(path)
    save_atomically(document, target)
    return ExportResult(target, warnings)
