"""The action programme (chương trình hành động / kế hoạch) as a Word document, in the
Party document format (Hướng dẫn 36-HD/VPTW) or another format profile.

Layout (domain guide §4): an optional "DỰ THẢO / Lần N" at the top left; the header as a
borderless two-column table (superior body, issuing body in bold capitals, "*", "Số …" |
"ĐẢNG CỘNG SẢN VIỆT NAM" with its rule, the italic place and date), a classification mark;
the document type and the trích yếu built from the linked resolutions, "-----"; the
opening paragraph; sections I–IV; "Nơi nhận" and the signature side by side; page numbers
at the top centre from page 2; the appendix of tasks in its own landscape section.

The data comes from :mod:`desktop_app.reports.program_data` and the wording from
:mod:`.program_wording`; this module only builds the document (:func:`render_program` works on
plain data and can be tested without a database).
"""

from __future__ import annotations

import os
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import docx

from ..core.dates import format_citation_date, format_place_date, to_roman
from ..core.symbols import PARTY, STATE, DocumentSymbol, SymbolError
from ..core.task_order import TaskGroup, group_numbering
from ..core.text import fold
from ..i18n import _
from ..reports.program_data import (
    BodyInfo, DocumentInfo, ProgramData, TaskInfo, document_info, load_program_data,
)
from ..reports.programs import ProgramNotFound, find_program
from ..reports.settings import get_setting
from ..store.db import Database
from .docx_common import (
    BlockWriter, Cell, FixedTable, HeaderParts, Mark, SignatureParts, TextStyle, WarningCollector, add_page_number,
    add_section_break, end_body, estimate_lines, format_recipients, pt_to_twips, set_landscape, start_document,
    text_width_twips, write_header, write_signature,
)
from .profiles import DEFAULT_PROFILE, Profile, load_profile
from .program_wording import (
    SIGNING_PREFIX as _SIGNING_PREFIX, document_type_name, issuer_phrase, join_phrases as _join_phrases,
    opening_text, organisation_text, printed_sections, program_citation, program_short_citation, program_symbol,
    section_lines, subject_line,
)
from .results import ExportError, ExportResult, save_atomically

__all__ = [
    "BodyInfo",
    "DocumentInfo",
    "ExportError",
    "ExportResult",
    "ProgramNotFound",
    "ProgramData",
    "TaskInfo",
    "build_program_document",
    "document_info",
    "export_program",
    "find_program",
    "generate_opening",
    "generate_organisation_text",
    "issuer_phrase",
    "load_program_data",
    "program_citation",
    "program_short_citation",
    "program_symbol",
    "render_program",
    "save_atomically",
]

_CLASSIFICATION_RANK = {"mat": 1, "toi mat": 2, "tuyet mat": 3}


def generate_opening(source, program_id: int | None = None) -> str:
    """The opening paragraph for a programme (editable text for ``opening_text``); *source*:
    a ProgramData, or a Database or open read session to load it from."""
    data = source if isinstance(source, ProgramData) else load_program_data(source, program_id)
    return opening_text(data)


def generate_organisation_text(source, program_id: int | None = None) -> str:
    """Section IV (TỔ CHỨC THỰC HIỆN) from the task assignments, as editable text for
    ``organisation_text``: pure text, nothing is written."""
    data = source if isinstance(source, ProgramData) else load_program_data(source, program_id)
    return organisation_text(data)


# --- building the document ------------------------------------------------------------------------



class _ProgramRenderer:
    def __init__(self, data: ProgramData, profile: Profile, today: date | None):
        self.data = data
        self.p = profile
        self.today = today or date.today()
        self.warnings = WarningCollector()
        self.font, self.lang = profile.font.name, profile.font.language
        self.doc, self.body, self.section, self.text_twips = start_document(profile)

    # small helpers
    def clean(self, text, where: str) -> str:
        return self.warnings.clean(text, where)

    def line(self, text, where: str) -> str:
        """Cleaned, on one line (spaces collapsed)."""
        return " ".join(self.clean(text, where).split())

    def style(self, node, **changes) -> TextStyle:
        return TextStyle.of(node, **changes)

    # parts
    def render(self) -> docx.Document:  # document text
        self.data = replace(self.data, documents=tuple(
            replace(d, subject=self.clean(d.subject, _("trích yếu của {symbol}").format(symbol=d.symbol)),
                    issuing_authority=self.clean(d.issuing_authority, _("cơ quan ban hành {symbol}").format(symbol=d.symbol)),
                    symbol=self.line(d.symbol, _("ký hiệu văn bản")))
            for d in self.data.documents
        ))
        if not self.data.issued:
            self.draft_mark()
        self.header()
        self.title_block()
        self.sections()
        self.signature()
        number = self.p.page_number
        add_page_number(self.section, font=self.font, lang=self.lang, style=self.style(number.style),
                        position=number.position, first_page=number.first_page)
        if self.data.tasks:
            self.appendix()
        else:  # the body must not end with a table (Word adds a paragraph and marks the file changed)
            end_body(self.body)
        props = self.doc.core_properties
        props.title = self.line(self.data.title, _("tên chương trình"))[:250]
        props.subject = self.doc_type()
        props.language = self.lang
        props.author = "NQ Desk"
        props.comments = f"Mẫu thể thức: {self.p.key}"
        return self.doc

    def doc_type(self) -> str:
        return document_type_name(self.data)

    def symbol_text(self) -> str:
        """"15-CTr/TU" (Party style) or "15/KH-UBND" (state style); blank number for a draft."""
        body = self.data.issuing_body
        code = self.line(body.code or "", _("mã ký hiệu cơ quan ban hành")) if body else ""
        if not code:
            self.warnings.add(_("Cơ quan ban hành chưa có mã ký hiệu (ví dụ TU): phần ký hiệu để trống."))
            code = "……"
        kind = self.line(self.data.kind, _("loại văn bản")) or "CTr"
        style = PARTY if self.p.symbol_style == "party" else STATE
        if self.data.issued:
            try:
                return str(DocumentSymbol(self.data.number, kind, code, style))
            except SymbolError:
                pass
            number = f"{self.data.number:02d}"
        else:
            number = self.p.header.number.blank
        return f"{number}-{kind}/{code}" if style == PARTY else f"{number}/{kind}-{code}"

    def classification(self) -> str | None:
        marks = []
        if self.data.classification and self.data.classification.strip():
            marks.append(self.line(self.data.classification, _("độ mật")))
        for d in self.data.documents:
            if d.classification and d.classification.strip():
                mark = self.line(d.classification, _("độ mật của {symbol}").format(symbol=d.symbol))
                if not self.data.classification:
                    self.warnings.add(_("{document} có độ mật «{mark}»: chương trình được in dấu «{printed}». Hãy ghi "
                                        "độ mật của chương trình nếu khác.").format(
                        document=d.short_citation(), mark=mark, printed=mark.upper()))
                marks.append(mark)
        if not marks:
            return None
        return max(marks, key=lambda m: _CLASSIFICATION_RANK.get(fold(m), 0))

    def draft_mark(self) -> None:
        draft = self.p.draft
        parts = [(self.clean(draft.text, _("mẫu thể thức")), self.style(draft.style, boxed=draft.boxed))]
        if self.data.draft_round:
            parts.append(("\n" + draft.round.replace("{n}", str(self.data.draft_round)), self.style(draft.round_style)))
        self.body.paragraph(parts, align="left", after_pt=6)

    def header(self) -> None:
        if self.data.issuing_body is None:
            self.warnings.add(_("Chương trình chưa có cơ quan ban hành: phần tên cơ quan ở đầu văn bản để trống."))
            issuing = ""
        else:
            issuing = self.line(self.data.issuing_body.name, _("tên cơ quan ban hành"))
        superior = None
        if self.data.superior_body is not None:
            superior = self.line(self.data.superior_body.name, _("tên cơ quan cấp trên"))
        under = []
        secret = self.classification()
        if secret:
            c = self.p.classification
            under.append((secret, self.style(c.style, boxed=c.boxed)))
        place = self.line(self.data.place, _("địa danh")) or "……"
        when = format_place_date(place, self.data.issue_date if self.data.issued else None, self.today.year)
        write_header(self.body, self.p, self.text_twips, HeaderParts(
            issuing=issuing, superior=superior, symbol_line=f"{self.p.header.number.prefix}{self.symbol_text()}",
            place_date=when, under_number=tuple(under)))

    def title_block(self) -> None:
        t = self.p.title
        self.body.paragraph(self.doc_type(), self.style(t.type_style), align="center", before_pt=t.space_before_pt,
                            keep_next=True)
        subject = self.line(subject_line(self.data), _("trích yếu"))
        if t.subject_capitalise:
            subject = subject[:1].upper() + subject[1:]
        subject_style = self.style(t.subject_style)
        self.body.paragraph(subject, subject_style, align="center", keep_next=True)
        separator = Mark.of(t.separator)
        if separator.kind == "text" and separator.text:
            self.body.paragraph(separator.text, TextStyle(separator.size_pt), align="center",
                                after_pt=t.space_after_pt)
        elif separator.kind == "rule":
            self.body.rule(pt_to_twips(separator.rule_length_pt(0)), self.text_twips, separator.weight_pt)
            self.body.paragraph([], TextStyle(1), after_pt=t.space_after_pt)
        else:
            self.body.paragraph([], TextStyle(1), after_pt=t.space_after_pt)

    def _section_lines(self, text: str, where: str) -> list[tuple[str, str]]:
        return section_lines(self.clean(text, where))

    def sections(self) -> None:
        b, hd = self.p.body, self.p.headings
        body_style = TextStyle(b.size_pt)
        blocks: list[tuple[str, str]] = []
        opening = self.data.opening_text
        if not opening.strip():
            opening = opening_text(self.data)
        blocks += self._section_lines(opening, _("đoạn mở đầu"))
        organisation = self.data.organisation_text
        if not organisation.strip() and self.data.tasks:
            organisation = organisation_text(self.data)
            self.warnings.add(_("Mục «Tổ chức thực hiện» chưa có nội dung: đã tạo từ phân công nhiệm vụ "
                                "(hãy xem lại và sửa trong chương trình)."))
        texts = [self.data.purpose_text, self.data.objectives_text, self.data.tasks_text, organisation]
        titles = [self.line(title, _("mẫu thể thức")) for title in hd.titles]
        cleaned = [self.clean(text, _("mục «{title}»").format(title=title)) for title, text in zip(titles, texts)]
        printed, skipped = printed_sections("", cleaned, titles, hd.numbering)
        for title in skipped:
            self.warnings.add(_("Mục «{title}» chưa có nội dung nên không được in.").format(title=title))
        blocks += printed
        ending = self.p.ending
        if ending.enabled and blocks:
            kind, last = blocks[-1]
            if not last.endswith(ending.text):
                last = last.rstrip(" .") if ending.text.startswith(".") else last
                blocks[-1] = (kind, last + ending.text)
        styles = {
            "heading": self.style(hd.style),
            "number": self.style(hd.number_line),
            "letter": self.style(hd.letter_line),
            "text": body_style,
        }
        for i, (kind, text) in enumerate(blocks):
            self.body.paragraph(text, styles[kind], align=b.align, before_pt=b.space_before_pt,
                                after_pt=b.space_after_pt, line=b.line_spacing, first_line_cm=b.first_line_indent_cm,
                                keep_next=kind != "text" or i == len(blocks) - 1)

    def signing_lines(self) -> tuple[str, str]:
        """(authority line, title line): "T/M BAN THƯỜNG VỤ", "BÍ THƯ"."""
        s = self.p.signature
        authority = self.line(self.data.signing_authority, _("thẩm quyền ký"))
        found = _SIGNING_PREFIX.match(authority + " ")
        written = fold(found.group(1)).replace(" ", "") if found else ""
        authority = _SIGNING_PREFIX.sub("", authority + " ").strip() if found else authority
        mode = self.data.signing_mode or {"t/m": "T/M", "tm": "T/M", "tm.": "T/M", "k/t": "K/T", "kt": "K/T",
                                          "kt.": "K/T"}.get(written, "")
        body = self.data.issuing_body
        if mode == "K/T" and body is not None and body.kind == "party_committee":
            self.warnings.add(_("Văn bản của {body} (cấp ủy) ký «T/M» (thay mặt), không ký «K/T»: đã in «T/M». Hãy "
                                "sửa hình thức ký của chương trình.").format(
                body=self.line(body.name, _("tên cơ quan ban hành"))))
            mode = "T/M"
        if not authority and body is not None:
            authority = self.line(body.short_name or body.name, _("tên cơ quan ban hành"))
        prefix = {"T/M": s.on_behalf, "K/T": s.deputy}.get(mode, "")
        first = f"{prefix} {authority}".strip() if authority else prefix
        return first, self.line(self.data.signer_title, _("chức vụ người ký"))

    def recipient_lines(self) -> list[str]:
        return format_recipients(self.p, [self.line(raw, _("nơi nhận")) for raw in self.data.recipients])

    def signature(self) -> None:
        authority, title = self.signing_lines()
        write_signature(self.body, self.p, self.text_twips, SignatureParts(
            self.recipient_lines(), authority, title, self.line(self.data.signer_name, _("tên người ký"))))

    # the appendix
    def appendix(self) -> None:  # document text
        a = self.p.appendix
        section = add_section_break(self.doc)
        set_landscape(section, self.p.page.width_mm, self.p.page.height_mm, a.margins_mm)
        width = text_width_twips(section)
        writer = BlockWriter(self.doc.element.body, self.font, self.lang)
        if a.label.strip():
            writer.paragraph(self.line(a.label, _("mẫu thể thức")), self.style(a.label_style), align="center",
                             keep_next=True)
        documents = [f"{d.kind_name.upper()} SỐ {d.symbol}" for d in self.data.documents]
        fills = {
            "documents": _join_phrases(documents).replace(" và ", " VÀ ") if documents else self.doc_type().upper(),
            "program": self.doc_type(),
            "symbol": self.symbol_text(),
            "date": format_citation_date(self.data.issue_date) if self.data.issued
            else f"     /     /{self.today.year}",
            "issuer": issuer_phrase(self.data),
        }
        title = self.line(_fill_template(a.title, fills), _("tiêu đề phụ lục"))
        writer.paragraph(title, self.style(a.title_style), align="center", keep_next=True)
        if a.attachment.strip():
            attachment = self.clean(_fill_template(a.attachment, fills), _("dòng kèm theo của phụ lục"))
            writer.paragraph(attachment, self.style(a.attachment_style), align="center", after_pt=12, keep_next=True)
        columns = list(a.columns)
        total = sum(c.width_pct for c in columns)
        twips = [round(width * c.width_pct / total) for c in columns]
        twips[-1] += width - sum(twips)
        table = FixedTable(writer, twips, borders_pt=a.border_pt or None, cell_margin_twips=85,
                           cell_margin_tb_twips=28)
        header_style = self.style(a.header_style)
        table.add_row([Cell([table.paragraph_xml([(self.line(c.title, _("mẫu thể thức")), header_style)],
                                                 align="center")]) for c in columns], header=True)
        group_style, cell_style = self.style(a.group_style), self.style(a.cell_style)
        page_height_pt = (section.page_height - section.top_margin - section.bottom_margin) / 12700
        for group in group_numbering(self.data.tasks):
            if group.roman:
                self._group_row(table, columns, group, group_style)
            for stt, task in group.items:
                self._task_row(table, columns, group, stt, task, cell_style, page_height_pt)

    def _group_row(self, table: FixedTable, columns, group: TaskGroup, style: TextStyle) -> None:
        title = self.line(group.title, _("tên nhóm nhiệm vụ {roman}").format(roman=group.roman))
        cells: list[Cell] = []
        placed = False
        i = 0
        while i < len(columns):
            if columns[i].field == "number":
                cells.append(Cell([table.paragraph_xml([(group.roman, style)], align="center", keep_next=True)]))
                i += 1
                continue
            start = i
            while i < len(columns) and columns[i].field != "number":
                i += 1
            text = "" if placed else title
            placed = True
            # keep_next: a group's heading row stays on the page of its first task
            cells.append(Cell([table.paragraph_xml([(text, style)], align="left", keep_next=True)], span=i - start))
        table.add_row(cells, cant_split=True)

    def _task_row(self, table: FixedTable, columns, group: TaskGroup, stt: int, task: TaskInfo,
                  style: TextStyle, page_height_pt: float) -> None:
        where = _("nhiệm vụ {number}").format(number=group.reference(stt))
        values = {
            "number": str(stt),
            "content": self.clean(task.content, where).strip(),
            "lead": self.line(task.lead.name, _("cơ quan chủ trì ({where})").format(where=where)) if task.lead else "",
            "coordinators": ", ".join(self.line(b.name, _("cơ quan phối hợp ({where})").format(where=where)) for b in task.coordinators),
            "product": self.line(task.product, _("sản phẩm ({where})").format(where=where)),
            "deadline": self.line(task.deadline_text, _("thời hạn ({where})").format(where=where)),
            "note": self.clean(task.note, _("ghi chú ({where})").format(where=where)).strip(),
        }
        cells = []
        tallest = 0.0
        for i, column in enumerate(columns):
            text = values[column.field]
            cells.append(Cell([table.paragraph_xml([(text, style)], align=column.align)]))
            lines = estimate_lines(text, style, table.content_width(i) / 20)
            tallest = max(tallest, lines * style.size_pt * 1.2)
        # A row taller than a page cannot be kept whole: let it break rather than be cut off.
        fits = tallest < page_height_pt * 0.85
        if not fits:
            self.warnings.add(_("Nội dung {where} dài hơn một trang: hàng này được phép ngắt sang trang sau.").format(
                where=where))
        table.add_row(cells, cant_split=fits)


def _fill_template(template: str, values: dict[str, str]) -> str:
    """Replace the {placeholders} a profile's texts may use; leave anything else as written."""
    return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), m.group(0)), template)


def _resolve_profile(profile: str | Profile) -> Profile:
    return profile if isinstance(profile, Profile) else load_profile(profile or DEFAULT_PROFILE)


def render_program(data: ProgramData, profile: str | Profile = DEFAULT_PROFILE, *,
                   today: date | None = None) -> tuple[docx.Document, list[str]]:
    """Build the document from plain data (no database). *today* gives the year printed
    in a draft's blank date."""
    renderer = _ProgramRenderer(data, _resolve_profile(profile), today)
    document = renderer.render()
    return document, renderer.warnings.messages


def build_program_document(db: Database, program_id: int, profile: str | Profile = DEFAULT_PROFILE, *,
                           today: date | None = None) -> tuple[docx.Document, list[str]]:
    """The programme as a python-docx Document, with the warnings met on the way."""
    resolved = _resolve_profile(profile)
    data = load_program_data(db, program_id)
    if not data.place.strip():
        data = replace(data, place=get_setting(db, "place") or "")
    return render_program(data, resolved, today=today)


def export_program(db: Database, program_id: int, path: str | os.PathLike,
                   profile: str | Profile = DEFAULT_PROFILE, *, today: date | None = None) -> ExportResult:
    """Write the programme to *path* (.docx), atomically: a half-written file never
    replaces a good one."""
    document, warnings = build_program_document(db, program_id, profile, today=today)
    target = Path(path)
    save_atomically(document, target)
    return ExportResult(target, warnings)
