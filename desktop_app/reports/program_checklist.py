"""What to look at before a programme is exported: the gaps the Word document would print
silently (an empty section renumbers the ones after it, a signature of "T/M TỈNH ỦY" alone,
no "Nơi nhận"). One rule, shown by the export dialog and printed by ``nqdesk export``.

Each finding names the programme field to fix (the editor opens at it)."""

from __future__ import annotations

from dataclasses import dataclass

from ..core.dates import to_roman
from ..i18n import _
from .program_data import ProgramData

#: The section titles of the default format (HD 36); a profile may print others.
DEFAULT_SECTION_TITLES = (  # document text
    "MỤC ĐÍCH, YÊU CẦU", "MỤC TIÊU", "NHIỆM VỤ, GIẢI PHÁP", "TỔ CHỨC THỰC HIỆN")
SECTION_FIELDS = ("purpose_text", "objectives_text", "tasks_text", "organisation_text")


@dataclass(frozen=True)
class Finding:
    """One gap: *field* is the programme field to fix (``purpose_text``, ``signer_name``,
    ``recipients`` …), *message* says what the document would look like."""

    field: str
    message: str


def _blank(text: str | None) -> bool:
    return not (text or "").strip()


def export_checklist(data: ProgramData, section_titles: tuple[str, ...] | list[str] = DEFAULT_SECTION_TITLES
                     ) -> list[Finding]:
    """The findings for *data*, in the order of the document (sections, signature, recipients);
    empty when nothing is missing."""
    titles = list(section_titles) + list(DEFAULT_SECTION_TITLES[len(section_titles):])
    texts = [data.purpose_text, data.objectives_text, data.tasks_text, data.organisation_text]
    empty = [i for i, text in enumerate(texts) if _blank(text)]
    findings: list[Finding] = []
    printed = [i for i in range(4) if i not in empty or (i == 3 and data.tasks)]
    for i in empty:
        title = titles[i]
        if i == 3 and data.tasks:
            findings.append(Finding(SECTION_FIELDS[i], _("Mục «{title}» chưa có nội dung: sẽ được tạo từ phân công "
                                                         "nhiệm vụ (hãy xem lại).").format(title=title)))
            continue
        later = [j for j in printed if j > i]
        if later:
            first = later[0]
            message = _("Mục «{title}» trống nên không được in, các mục sau được đánh số lại (mục «{next}» thành "
                        "«{number}»).").format(title=title, next=titles[first],
                                               number=to_roman(printed.index(first) + 1))
        else:
            message = _("Mục «{title}» trống nên không được in.").format(title=title)
        findings.append(Finding(SECTION_FIELDS[i], message))
    if _blank(data.signer_title):
        findings.append(Finding("signer_title", _("Chưa ghi chức vụ người ký (ví dụ «BÍ THƯ»): chữ ký chỉ có dòng "
                                                  "thẩm quyền.")))
    if _blank(data.signer_name):
        findings.append(Finding("signer_name", _("Chưa ghi họ tên người ký: chỗ ký để trống tên.")))
    if not any(not _blank(line) for line in data.recipients):
        findings.append(Finding("recipients", _("Chưa ghi nơi nhận: «Nơi nhận» chỉ có dòng lưu văn phòng.")))
    return findings

