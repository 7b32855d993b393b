"""The field rules of every kind of record, written once: the operations check a form
with them and the import checks a file with them, so a file cannot bring in data the
screens would refuse. Only rules that need no database live here; the operations add
those that do (a code already used, a parent that does not exist)."""

from __future__ import annotations

from datetime import date
from typing import Any

from ..core.dates import format_date
from ..core.deadlines import DeadlineError, deadline_for_task
from ..core.status import (
    completion_clash,  # the rule itself lives in core (re-exported for the import)
    due_soon_days_ok,
    report_period_ok,
)
from ..core.symbols import SymbolError, parse_symbol
from ..errors import ValidationError
from ..i18n import N_, _, format_int
from ..store.models import (
    BODY_KINDS,
    BRIDGE_POINT_LEVELS,
    PROGRAM_KINDS,
    PROGRAM_STATUSES,
    SIGNING_MODES,
    STUDY_SESSION_LEVELS,
    Body,
    BridgePoint,
    Document,
    Program,
    ProgressEntry,
    Task,
)
from .validate import Checker, brief, limit_of, shown

# --- bodies -------------------------------------------------------------------------------

BODY_KIND_LABELS = {
    "party_committee": N_("Cấp ủy"),
    "advisory_body": N_("Cơ quan tham mưu, giúp việc"),
    "party_delegation": N_("Ban cán sự đảng, đảng đoàn"),
    "party_organisation": N_("Tổ chức đảng"),
    "state_agency": N_("Cơ quan nhà nước"),
    "mass_organisation": N_("Mặt trận, đoàn thể"),
    "other": N_("Khác"),
}


def clean_body_fields(c: Checker, values: dict) -> dict:
    """The field rules that need no database (shared with the importer)."""
    out: dict[str, Any] = {
        "name": c.text("name", N_("Tên cơ quan"), values.get("name"), required=True, limit=Body.name),
        "short_name": c.text("short_name", N_("Tên viết tắt"), values.get("short_name"), limit=Body.short_name),
        "code": c.text("code", N_("Mã ký hiệu"), values.get("code"), limit=Body.code) or None,
        "kind": c.choice("kind", N_("Loại cơ quan"), values.get("kind") or "other", BODY_KINDS, BODY_KIND_LABELS),
        "parent_id": values.get("parent_id"),
        "valid_from": c.date("valid_from", N_("Hiệu lực từ ngày"), values.get("valid_from")),
        "valid_to": c.date("valid_to", N_("Hiệu lực đến ngày"), values.get("valid_to")),
        "note": c.long_text("note", N_("Ghi chú"), values.get("note"), limit="content"),
    }
    if out["code"] and " " in out["code"]:
        c.fail("code", out["code"], _("Mã ký hiệu không được có dấu cách (ví dụ BTGTU)."))
    if out["valid_from"] and out["valid_to"] and out["valid_to"] < out["valid_from"]:
        c.fail("valid_to", out["valid_to"], _("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."))
    return out


# Messages kept as constants (N_): translated where they are reported (Checker.fail and the
# import translate them; a caller raising one itself writes ``_(ALREADY_CORRECTED)``).
CYCLE_MESSAGE = N_("Không thể đặt cơ quan cấp trên là chính nó hoặc cơ quan cấp dưới của nó.")


# --- documents ----------------------------------------------------------------------------

def clean_document_fields(c: Checker, values: dict) -> dict:
    """The field rules that need no database (shared with the importer)."""
    raw_symbol = values.get("symbol")
    symbol = None
    try:
        symbol = parse_symbol(raw_symbol if isinstance(raw_symbol, str) else "")
    except SymbolError as exc:
        c.fail("symbol", raw_symbol, str(exc))
    out: dict[str, Any] = {
        "issue_date": c.date("issue_date", N_("Ngày ban hành"), values.get("issue_date")),
        "issuing_authority": c.text("issuing_authority", N_("Cơ quan ban hành"), values.get("issuing_authority"),
                                    limit=Document.issuing_authority),
        "subject": c.long_text("subject", N_("Trích yếu"), values.get("subject"), limit="content"),
        "classification": c.text("classification", N_("Độ mật"), values.get("classification"),
                                 limit=Document.classification) or None,
    }
    if symbol is not None:
        for part, column in ((str(symbol), Document.symbol), (symbol.issuer_code, Document.issuer_code),
                             (symbol.type_code or "", Document.type_code)):
            if len(part) > limit_of(column):
                c.fail("symbol", raw_symbol, _("Ký hiệu «{symbol}» dài quá mức một ký hiệu văn bản; hãy kiểm tra lại.").format(
                    symbol=symbol))
                symbol = None
                break
    if symbol is not None:
        out |= {
            "symbol": str(symbol),
            "number": symbol.number,
            "type_code": symbol.type_code,
            "issuer_code": symbol.issuer_code,
            "symbol_year": symbol.year,
            "style": symbol.style,
        }
    return out


# --- programmes ---------------------------------------------------------------------------

PROGRAM_STATUS_LABELS = {
    "drafting": N_("Đang dự thảo"),
    "consulting": N_("Đang xin ý kiến"),
    "submitted": N_("Đã trình"),
    "issued": N_("Đã ban hành"),
}


PROGRAM_KIND_LABELS = {"CTr": N_("Chương trình hành động"), "KH": N_("Kế hoạch")}


SECTION_FIELDS = ("opening_text", "purpose_text", "objectives_text", "tasks_text", "organisation_text")


def recipients_text(c: Checker, value) -> str | object:
    """Nơi nhận: one recipient a line, given as a text or a list of texts (each a line)."""
    if isinstance(value, (list, tuple)):
        lines = []
        for i, v in enumerate(value):
            if isinstance(v, str):
                lines.append(v)
            else:
                c.fail(f"recipients[{i}]", brief(v), _("Mỗi nơi nhận cần là một dòng văn bản."))
        return "\n".join(lines)
    return value


def clean_program_fields(c: Checker, values: dict) -> dict:
    """The field rules that need no database (shared with the importer)."""
    out: dict[str, Any] = {
        "kind": c.choice("kind", N_("Loại văn bản"), values.get("kind") or "CTr", PROGRAM_KINDS, PROGRAM_KIND_LABELS),
        "title": c.long_text("title", N_("Tên chương trình"), values.get("title"), required=True, limit="line"),
        "issuing_body_id": values.get("issuing_body_id"),
        "number": c.integer("number", N_("Số văn bản"), values.get("number"), minimum=1, maximum=99_999),
        "issue_date": c.date("issue_date", N_("Ngày ban hành"), values.get("issue_date")),
        "place": c.text("place", N_("Địa danh"), values.get("place"), limit=Program.place),
        "status": c.choice("status", N_("Trạng thái"), values.get("status") or "drafting", PROGRAM_STATUSES,
                           PROGRAM_STATUS_LABELS),
        "draft_round": c.integer("draft_round", N_("Dự thảo lần"), values.get("draft_round"), minimum=1, maximum=99),
        "classification": c.text("classification", N_("Độ mật"), values.get("classification"),
                                 limit=Program.classification) or None,
        "signing_authority": c.text("signing_authority", N_("Thẩm quyền ký"), values.get("signing_authority"),
                                    limit=Program.signing_authority),
        # T/M (on behalf of) is what a programme is usually signed; "" (none) must be asked for.
        "signing_mode": c.choice("signing_mode", N_("Hình thức ký"),
                                 "T/M" if values.get("signing_mode") is None else values["signing_mode"],
                                 SIGNING_MODES),
        "signer_title": c.text("signer_title", N_("Chức vụ người ký"), values.get("signer_title"),
                               limit=Program.signer_title),
        "signer_name": c.text("signer_name", N_("Người ký"), values.get("signer_name"), limit=Program.signer_name),
        "recipients": c.long_text("recipients", N_("Nơi nhận"), recipients_text(c, values.get("recipients")), limit="content"),
    }
    for name, label in zip(SECTION_FIELDS, (N_("Đoạn mở đầu"), N_("Mục đích, yêu cầu"), N_("Mục tiêu"),
                                             N_("Nhiệm vụ, giải pháp"), N_("Tổ chức thực hiện"))):
        out[name] = c.long_text(name, label, values.get(name))
    if out["status"] == "issued":
        if out["number"] is None:
            c.fail("number", None, _("Chương trình đã ban hành phải có số văn bản."))
        if out["issue_date"] is None:
            c.fail("issue_date", None, _("Chương trình đã ban hành phải có ngày ban hành."))
    return out


def check_signing(c: Checker, body: Body | None, signing_mode: str) -> None:
    """A committee's document is signed T/M (on behalf of), never K/T."""
    if signing_mode == "K/T" and body is not None and body.kind == "party_committee":
        c.fail(
            "signing_mode", "K/T",
            _("Văn bản của {body} (cấp ủy) ký «T/M» (thay mặt), không ký «K/T»: "
              "chỉ cơ quan tham mưu, giúp việc mới ký thay người đứng đầu.").format(body=body.name),
        )


# --- tasks --------------------------------------------------------------------------------

def deadline_fields(c: Checker, text) -> dict:
    """deadline text → the three stored fields (kind, due date, canonical text)."""
    if text is None or (isinstance(text, str) and not text.strip()):
        return {"deadline_kind": None, "due_date": None, "deadline_text": ""}
    if not isinstance(text, str):
        c.fail("deadline", text, _("Thời hạn cần là văn bản, ví dụ «Quý I/2024»."))
        return {}
    try:
        d = deadline_for_task(text)
    except DeadlineError as exc:
        c.fail("deadline", text, str(exc))
        return {}
    if len(d.text) > limit_of(Task.deadline_text):
        c.fail("deadline", text[:60] + "…", _("Thời hạn dài quá {maximum} ký tự; hãy viết gọn lại.").format(
            maximum=format_int(limit_of(Task.deadline_text))))
        return {}
    return {"deadline_kind": d.kind, "due_date": d.due_date, "deadline_text": d.text}


def clean_task_fields(c: Checker, values: dict, current_due: date | None = None) -> dict:
    """The field rules that need no database (shared with the importer)."""
    out: dict[str, Any] = {
        "group_title": c.text("group_title", N_("Nhóm nhiệm vụ"), values.get("group_title"), limit="line"),
        "content": c.long_text("content", N_("Nội dung nhiệm vụ"), values.get("content"), required=True, limit="content"),
        "product": c.text("product", N_("Sản phẩm"), values.get("product"), limit=Task.product),
        "assigned_date": c.date("assigned_date", N_("Ngày giao"), values.get("assigned_date")),
        "note": c.long_text("note", N_("Ghi chú"), values.get("note"), limit="content"),
        "lead_body_id": values.get("lead_body_id"),
    }
    if "deadline" in values:
        out |= deadline_fields(c, values["deadline"])
    due = out.get("due_date", current_due)
    if due is not None and out["assigned_date"] is not None and due < out["assigned_date"]:
        c.fail(
            "deadline", values.get("deadline"),
            _("Thời hạn ({deadline}) sớm hơn ngày giao ({assigned}). Hãy sửa thời hạn hoặc ngày giao.").format(
                deadline=format_date(due), assigned=format_date(out["assigned_date"])),
        )
    return out


# --- progress log -------------------------------------------------------------------------

def clean_progress_fields(c: Checker, values: dict, today: date, *, date_label: str = N_("Ngày báo cáo")) -> dict:
    """The field rules of one progress report (shared with the importer). *date_label*
    (untranslated) names the entry's date in the messages: a returned form's row that says
    the task is done gives its completion date (Ngày hoàn thành)."""
    out: dict[str, Any] = {
        "reported_on": c.date("reported_on", date_label, values.get("reported_on")),
        "percent": c.integer("percent", N_("Tỷ lệ hoàn thành (%)"), values.get("percent"), minimum=0, maximum=100),
        "completed": c.boolean("completed", N_("Hoàn thành"), values.get("completed")),
        "note": c.long_text("note", N_("Nội dung báo cáo"), values.get("note"), limit="content"),
        "reported_by": c.text("reported_by", N_("Người/cơ quan báo cáo"), values.get("reported_by"),
                              limit=ProgressEntry.reported_by),
        "evidence": c.text("evidence", N_("Văn bản báo cáo"), values.get("evidence"), limit=ProgressEntry.evidence),
    }
    if out["reported_on"] is None and "reported_on" not in [p.field for p in c.problems]:
        c.fail("reported_on", None, _("Cần nhập ngày báo cáo."))
    elif out["reported_on"] is not None and out["reported_on"] > today:
        c.fail("reported_on", values.get("reported_on"),
               _("{label} {date} ở tương lai (hôm nay {today}).").format(
                   label=_(date_label), date=format_date(out["reported_on"]), today=format_date(today)))
    if out["completed"]:
        if out["percent"] is None:
            out["percent"] = 100
        elif out["percent"] != 100:
            c.fail("percent", out["percent"], _("Nhiệm vụ hoàn thành thì tỷ lệ phải là 100%."))
    return out


ALREADY_CORRECTED = N_("Mục này đã được đính chính; hãy đính chính mục mới nhất.")  # the caller translates it


# --- settings -----------------------------------------------------------------------------

# due_soon_days_ok, report_period_ok: in core.status (imported above), so that reading a
# setting (reports.settings) need not import this module


SETTING_LABELS = {
    "due_soon_days": N_("Số ngày báo trước hạn"),
    "place": N_("Địa danh"),
    "continuous_report_period": N_("Kỳ báo cáo nhiệm vụ thường xuyên"),
}


def validate_setting(key: str, value):
    """The rule of each setting (the preferences and the import both call this); returns
    the value to store or raises ValidationError."""
    if key == "due_soon_days":
        if not due_soon_days_ok(value):
            raise ValidationError(_("Số ngày báo trước hạn phải là số nguyên từ 0 đến 365."), key, brief(value))
    elif key == "continuous_report_period":
        if not report_period_ok(value):
            raise ValidationError(_("Kỳ báo cáo phải là «quý» (quarter) hoặc «6 tháng» (half_year)."), key, brief(value))
    elif key == "place":
        c = Checker()
        text = c.text(key, N_("Địa danh"), value, required=True, limit=Program.place)
        c.raise_if_any()
        return text
    else:
        raise ValidationError(_("Không có thiết lập «{key}».").format(key=shown(key)), key, brief(value))
    return value


# --- study sessions -----------------------------------------------------------------------

STUDY_SESSION_LEVEL_LABELS = {
    "national_relayed": N_("Hội nghị toàn quốc (truyền hình trực tuyến)"),
    "provincial": N_("Hội nghị cấp tỉnh"),
    "bloc": N_("Hội nghị cấp Khối"),
    "grassroots": N_("Hội nghị cấp cơ sở"),
    "makeup": N_("Học bù"),
}


BRIDGE_POINT_LEVEL_LABELS = {
    "central": N_("Điểm cầu Trung ương"),
    "provincial": N_("Điểm cầu cấp tỉnh"),
    "bloc": N_("Điểm cầu cấp Khối"),
    "grassroots": N_("Điểm cầu cơ sở"),
}


def clean_membership_fields(c: Checker, values: dict) -> dict:
    out: dict[str, Any] = {
        "as_of": c.date("as_of", N_("Số đảng viên tính đến ngày"), values.get("as_of")),
        "members": c.integer("members", N_("Số đảng viên"), values.get("members"), minimum=0),
    }
    if out["as_of"] is None and not c.problems:
        c.fail("as_of", None, _("Cần nhập ngày tính số đảng viên."))
    if out["members"] is None and not any(p.field == "members" for p in c.problems):
        c.fail("members", None, _("Cần nhập số đảng viên (số nguyên từ 0 trở lên)."))
    return out


def clean_session_fields(c: Checker, values: dict) -> dict:
    """Field rules of a session that need no database (shared with the importer)."""
    out: dict[str, Any] = {
        "title": c.long_text("title", N_("Tên hội nghị"), values.get("title"), required=True, limit="line"),
        "held_on": c.date("held_on", N_("Ngày tổ chức"), values.get("held_on")),
        "level": c.choice("level", N_("Cấp hội nghị"), values.get("level") or "national_relayed",
                          STUDY_SESSION_LEVELS, STUDY_SESSION_LEVEL_LABELS),
        "note": c.long_text("note", N_("Ghi chú"), values.get("note"), limit="content"),
    }
    if out["held_on"] is None and not any(p.field == "held_on" for p in c.problems):
        c.fail("held_on", None, _("Cần nhập ngày tổ chức hội nghị (ví dụ 04/12/2023)."))
    return out


def clean_point_fields(c: Checker, values: dict) -> dict:
    return {
        "name": c.text("name", N_("Tên điểm cầu"), values.get("name"), required=True, limit=BridgePoint.name),
        "host_id": values.get("host_id"),
        "level": c.choice("level", N_("Cấp điểm cầu"), values.get("level") or "grassroots", BRIDGE_POINT_LEVELS,
                          BRIDGE_POINT_LEVEL_LABELS),
    }


def clean_row_fields(c: Checker, raw: dict) -> dict:
    """The numbers and note of one attendance row (shared with the importer): whole
    numbers ≥ 0 (empty = 0), no more first-time learners than members present."""
    numbers = {}
    for key, label in (("members", N_("Số đảng viên dự")), ("non_members", N_("Số quần chúng dự")),
                       ("newly_studied", N_("Số đảng viên học tập lần đầu"))):
        numbers[key] = c.integer(key, label, raw.get(key), minimum=0)
    note = c.long_text("note", N_("Ghi chú"), raw.get("note"), limit="content")
    numbers = {k: v or 0 for k, v in numbers.items()}
    if numbers["newly_studied"] > numbers["members"]:
        c.fail("newly_studied", numbers["newly_studied"],
               _("Số đảng viên học tập lần đầu ({first_time}) nhiều hơn số đảng viên dự ({members}); hãy sửa lại.").format(
                   first_time=format_int(numbers["newly_studied"]), members=format_int(numbers["members"])))
    return {"note": note, **numbers}
