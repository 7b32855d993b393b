"""The checklist before a programme is exported."""

from desktop_app.export.program_docx import render_program
from desktop_app.reports.program_checklist import export_checklist
from desktop_app.reports.program_data import ProgramData, TaskInfo

COMPLETE = ProgramData(
    id=1, title="thực hiện Nghị quyết số 57-NQ/TW", purpose_text="1. Mục đích\nNâng cao nhận thức.",
    objectives_text="Mục tiêu.", tasks_text="Nhiệm vụ.", organisation_text="Các cơ quan thực hiện.",
    signing_authority="T/M BAN THƯỜNG VỤ", signer_title="BÍ THƯ", signer_name="Nguyễn Văn A",
    recipients=("Ban Bí thư (b/c),",))


def fields(data):
    return [f.field for f in export_checklist(data)]


def test_a_complete_programme_has_no_findings():
    assert export_checklist(COMPLETE) == []


def test_empty_sections_say_how_the_document_renumbers():
    from dataclasses import replace

    data = replace(COMPLETE, purpose_text="", objectives_text=" \n", tasks_text="")
    findings = export_checklist(data)
    assert [f.field for f in findings] == ["purpose_text", "objectives_text", "tasks_text"]
    assert "«TỔ CHỨC THỰC HIỆN» thành «I»" in findings[0].message
    # the document agrees: section IV is printed as "I-"
    document, _warnings = render_program(data)
    texts = [p.text for p in document.paragraphs]
    assert "I- TỔ CHỨC THỰC HIỆN" in texts


def test_only_the_last_section_empty_renumbers_nothing():
    from dataclasses import replace

    findings = export_checklist(replace(COMPLETE, organisation_text=""))
    assert [f.field for f in findings] == ["organisation_text"]
    assert "đánh số lại" not in findings[0].message


def test_section_iv_from_tasks_is_flagged_for_review():
    from dataclasses import replace

    data = replace(COMPLETE, organisation_text="", tasks=(TaskInfo("Rà soát"),))
    findings = export_checklist(data)
    assert [f.field for f in findings] == ["organisation_text"]
    assert "phân công" in findings[0].message


def test_signature_and_recipients():
    from dataclasses import replace

    data = replace(COMPLETE, signer_title=" ", signer_name="", recipients=("", "  "))
    assert fields(data) == ["signer_title", "signer_name", "recipients"]


def test_profile_titles_are_named():
    from dataclasses import replace

    findings = export_checklist(replace(COMPLETE, purpose_text=""), ["MỤC ĐÍCH", "MỤC TIÊU", "NHIỆM VỤ", "TỔ CHỨC"])
    assert "«MỤC ĐÍCH»" in findings[0].message
