"""The messages of reports/ follow the UI language (issue 13, "complete English"); the wording
reports/ produces for the Word and Excel documents stays Vietnamese in every language."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select, update

from desktop_app import i18n
from desktop_app.reports.check import check_database
from desktop_app.reports.program_checklist import export_checklist
from desktop_app.reports.program_data import DocumentInfo, ProgramData
from desktop_app.reports.programs import ProgramNotFound, find_program
from desktop_app.reports.study import StudyFiguresError, study_figures
from desktop_app.store.models import Task


@pytest.fixture
def english():
    i18n.set_language("en")
    yield
    i18n.set_language("vi")


COMPLETE = ProgramData(
    id=1, title="thực hiện Nghị quyết số 57-NQ/TW", purpose_text="Mục đích.", objectives_text="Mục tiêu.",
    tasks_text="Nhiệm vụ.", organisation_text="Tổ chức.", signing_authority="T/M BAN THƯỜNG VỤ",
    signer_title="BÍ THƯ", signer_name="Nguyễn Văn A", recipients=("Ban Bí thư (b/c),",))


def test_finding_a_programme(demo_db, english):
    for key, message in (
            ("#99", "There is no programme with id 99. See the list: nqdesk list programs."),
            ("99", "No programme has the id or document number 99. See the list: nqdesk list programs."),
            ("", "No programme given: type its id (see «nqdesk list programs») or its document number, "
                 "e.g. 15 or 15-CTr/TU.")):
        with pytest.raises(ProgramNotFound) as exc:
            find_program(demo_db, key)
        assert str(exc.value) == message
    with pytest.raises(ProgramNotFound) as exc:
        find_program(demo_db, "abc")
    assert str(exc.value).startswith("«abc» is not understood: type an id (e.g. 3) or a document number")


def test_the_same_message_in_vietnamese_by_default(demo_db):
    with pytest.raises(ProgramNotFound) as exc:
        find_program(demo_db, "#99")
    assert str(exc.value) == "Không có chương trình mã số 99. Xem danh sách: nqdesk list programs."


def test_the_export_checklist(english):
    findings = export_checklist(replace(COMPLETE, purpose_text="", signer_name="", recipients=()))
    assert [f.message for f in findings] == [
        "Section «MỤC ĐÍCH, YÊU CẦU» is empty, so it is not printed and the sections after it are renumbered "
        "(«MỤC TIÊU» becomes «I»).",  # the headings are quoted as the document prints them
        "The signer's name is missing: the signature is left without a name.",
        "No recipients: «Nơi nhận» lists only the office archive line."]
    findings = export_checklist(replace(COMPLETE, organisation_text=""))
    assert [f.message for f in findings] == ["Section «TỔ CHỨC THỰC HIỆN» is empty, so it is not printed."]


def test_the_integrity_check(demo_db, english):
    with demo_db.engine.begin() as conn:
        task_id = conn.execute(select(Task.id).where(Task.deadline_text != "").order_by(Task.id)).scalar()
        deadline = conn.execute(select(Task.deadline_text).where(Task.id == task_id)).scalar()
        conn.execute(update(Task).where(Task.id == task_id).values(due_date=date(1999, 1, 1)))
    assert check_database(demo_db) == [f"Task #{task_id}: the stored due date does not match «{deadline}»."]


def test_study_figures(demo_db, english):
    with pytest.raises(StudyFiguresError) as exc:
        study_figures(demo_db, "46-NQ/TW", date(2024, 1, 1))
    assert str(exc.value) == "The database has no document «46-NQ/TW»; check the symbol (nqdesk list documents)."
    with pytest.raises(StudyFiguresError) as exc:
        study_figures(demo_db, 999, date(2024, 1, 1))
    assert str(exc.value) == "There is no document with id 999."


def test_document_wording_stays_vietnamese(english):
    from desktop_app.reports.periodic import PeriodActivity
    from desktop_app.reports.progress import FIGURE_LABELS

    doc = DocumentInfo("45-NQ/TW", "Nghị quyết", date(2023, 1, 30), "Ban Chấp hành Trung ương Đảng")
    assert doc.full_citation() == "Nghị quyết số 45-NQ/TW, ngày 30/01/2023 của Ban Chấp hành Trung ương Đảng"
    assert DocumentInfo("1").short_citation() == "Văn bản số 1"
    activity = PeriodActivity(date(2024, 1, 1), date(2024, 6, 30), 1234, 1000, 5, 3)
    assert activity.sentence() == ("Trong kỳ, 1.234 nhiệm vụ được báo cáo hoàn thành (1.000 đúng hạn); các cơ quan "
                                   "đã gửi 5 báo cáo tiến độ về 3 nhiệm vụ.")
    assert PeriodActivity(date(2024, 1, 1), date(2024, 6, 30), 0, 0, 5, 3).sentence() == (
        "Trong kỳ, không có nhiệm vụ nào được báo cáo hoàn thành; các cơ quan đã gửi 5 báo cáo tiến độ về 3 nhiệm vụ.")
    assert FIGURE_LABELS["assigned"] == "Số nhiệm vụ được giao"
    assert i18n._(FIGURE_LABELS["assigned"]) == "Tasks assigned"
