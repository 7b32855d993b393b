"""The follow-up letter (công văn đôn đốc) and the periodic report (Word), read back with
python-docx, on the demo data as of 01/07/2024 (every status occurs then)."""

from __future__ import annotations

from datetime import date

import docx
import pytest
from docx.oxml.ns import qn
from sqlalchemy import select

from desktop_app.core.numbers import format_int, format_percent
from desktop_app.core.status import STATUS_LABELS, TaskStatus
from desktop_app.export.followup_docx import (
    FollowupError, build_followup_document, export_followup, profile_for_body,
)
from desktop_app.export.report_docx import (
    BODY_FIGURES_CAPTION, FIGURES_CAPTION, TASKS_CAPTION, ReportError, build_report_document, export_report,
    read_report_figures,
)
from desktop_app.ops.progress import correct_progress, report_progress
from desktop_app.reports.progress import EXTRA_KEYS, FIGURE_KEYS, FIGURE_LABELS, dashboard
from desktop_app.reports.tasks import list_tasks
from desktop_app.store.models import Body, ProgressEntry, Task
from desktop_app.ops.fields import ProgressFields

AS_OF = date(2024, 7, 1)


def _body(db, code: str) -> int:
    with db.read() as s:
        return s.scalar(select(Body.id).where(Body.code == code))


def _task(db, prefix: str) -> int:
    with db.read() as s:
        return s.scalar(select(Task.id).where(Task.content.startswith(prefix)))


def _paragraphs(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def _captioned(document, caption: str):
    for table in document.tables:
        found = table._tbl.tblPr.find(qn("w:tblCaption"))
        if found is not None and found.get(qn("w:val")) == caption:
            return table
    raise AssertionError(f"no table {caption}")


def _cells(table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


def _all_text(document) -> str:
    parts = _paragraphs(document)
    for table in document.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


# --- the follow-up letter ---------------------------------------------------------------------

def test_followup_hd36_header_body_table_and_signature(demo_db):
    body_id = _body(demo_db, "BCSĐ")
    document, warnings = build_followup_document(demo_db, body_id, AS_OF, today=date(2024, 7, 2))
    assert warnings == []
    header = document.tables[0]
    left, right = header.cell(0, 0).text, header.cell(0, 1).text
    assert left.split("\n") == ["TỈNH ỦY LẠNG SƠN", "VĂN PHÒNG", "*"]
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in right
    number = header.cell(1, 0).text
    assert number.startswith("Số ") and "-CV/VPTU" in number
    assert "V/v đôn đốc thực hiện nhiệm vụ" in number and "15-CTr/TU" in number and "17-CTr/TU" in number
    assert header.cell(1, 1).text == "Lạng Sơn, ngày 02 tháng 7 năm 2024"
    paragraphs = _paragraphs(document)
    assert "Kính gửi: Ban cán sự đảng Ủy ban nhân dân tỉnh" in paragraphs
    opening = next(p for p in paragraphs if p.startswith("Thực hiện "))
    assert "Chương trình hành động số 15-CTr/TU, ngày 20/03/2024" in opening
    assert "Nghị quyết số 42-NQ/TW" in opening and "Nghị quyết số 45-NQ/TW" in opening
    counts = next(p for p in paragraphs if p.startswith("Tính đến ngày 01/07/2024"))
    assert "2 nhiệm vụ đã quá hạn" in counts and "1 nhiệm vụ sắp đến hạn" in counts
    closing = next(p for p in paragraphs if p.startswith("Để bảo đảm"))
    assert "trước ngày 09/07/2024" in closing  # 7 days after the letter's date
    assert closing.endswith("./.")
    # the task table: overdue first, then due soon, as the task list says
    rows = list_tasks(demo_db, AS_OF, lead_body_ids=[body_id])
    overdue = [r for r in rows if r.status == TaskStatus.OVERDUE]
    due_soon = [r for r in rows if r.status == TaskStatus.DUE_SOON]
    table = _captioned(document, "nqdesk:followup-tasks")
    cells = _cells(table)
    assert cells[0][0] == "STT" and cells[0][4] == "Báo cáo gần nhất"
    assert cells[1][1].startswith("Nhiệm vụ quá hạn chưa hoàn thành (2)")
    assert {c[1] for c in cells[2:4]} == {r.content for r in overdue}
    assert all(c[3] == "Quá hạn 1 ngày" for c in cells[2:4])  # due 30/06, seen on 01/07 (core.status.days_phrase)
    assert cells[4][1].startswith("Nhiệm vụ sắp đến hạn (1)") and cells[5][1] == due_soon[0].content
    assert cells[5][3] == f"Còn {(due_soon[0].due_date - AS_OF).days} ngày"
    assert any("60% (20/05/2024, Báo cáo số 45-BC/BCSĐ)" in c[4] for c in cells[2:4])
    signature = document.tables[-1]
    assert signature.cell(0, 1).text.split("\n")[:2] == ["T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG"]
    recipients = signature.cell(0, 0).text.split("\n")
    assert recipients[0] == "Nơi nhận:" and recipients[1] == "- Như trên;"
    assert recipients[-1] == "- Lưu Văn phòng Tỉnh ủy."


def test_followup_state_body_gets_nd30_from_the_peoples_committee_office(demo_db):
    body_id = _body(demo_db, "SGDĐT")
    assert profile_for_body("state_agency") == "nd30" and profile_for_body("advisory_body") == "hd36"
    document, _ = build_followup_document(demo_db, body_id, AS_OF)
    header = document.tables[0]
    assert header.cell(0, 0).text.split("\n")[:2] == ["ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN", "VĂN PHÒNG"]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header.cell(0, 1).text
    assert header.cell(1, 0).text.startswith("Số:") and "/VP-UBND" in header.cell(1, 0).text
    assert document.tables[-1].cell(0, 1).text.startswith("TL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG")
    cells = _cells(_captioned(document, "nqdesk:followup-tasks"))
    assert cells[1][0] == "I" and cells[1][1].startswith("Nhiệm vụ sắp đến hạn (1)")  # no overdue group
    # the caller may still choose the Party format
    party, _ = build_followup_document(demo_db, body_id, AS_OF, "hd36")
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in party.tables[0].cell(0, 1).text


def test_followup_refuses_a_body_with_nothing_to_urge(demo_db, tmp_path):
    with pytest.raises(FollowupError, match="không có nhiệm vụ nào quá hạn hoặc sắp đến hạn"):
        export_followup(demo_db, _body(demo_db, "ĐUK"), AS_OF, tmp_path / "x.docx")
    assert not (tmp_path / "x.docx").exists()
    with pytest.raises(FollowupError, match="Không có cơ quan"):
        export_followup(demo_db, 99999, AS_OF, tmp_path / "x.docx")


def test_followup_respects_corrections(demo_db, tmp_path):
    task_id = _task(demo_db, "Rà soát, hoàn thiện cơ sở dữ liệu người có công")
    with demo_db.read() as s:
        entry = s.scalars(select(ProgressEntry).where(ProgressEntry.task_id == task_id,
                                                      ProgressEntry.reported_on <= AS_OF)
                          .order_by(ProgressEntry.reported_on.desc())).first()
        entry_id, reported_on = entry.id, entry.reported_on
    correct_progress(demo_db, entry_id, reported_on,
                     ProgressFields(percent=75, note="Số liệu đính chính.", evidence="Báo cáo số 46-BC/BCSĐ"), today=AS_OF)
    result = export_followup(demo_db, _body(demo_db, "BCSĐ"), AS_OF, tmp_path / "cv.docx")
    text = _all_text(docx.Document(str(result.path)))
    assert "75% (20/05/2024, Báo cáo số 46-BC/BCSĐ): Số liệu đính chính." in text
    assert "45-BC/BCSĐ" not in text


# --- the periodic report -------------------------------------------------------------------------

@pytest.fixture
def report(demo_db, tmp_path):
    result = export_report(demo_db, date(2024, 1, 1), AS_OF, tmp_path / "bc.docx", today=date(2024, 7, 5))
    return result, docx.Document(str(result.path))


def test_report_header_title_and_intro(report):
    result, document = report
    assert result.warnings == []
    header = document.tables[0]
    assert header.cell(0, 0).text.split("\n") == ["TỈNH ỦY LẠNG SƠN", "*"]
    assert "-BC/TU" in header.cell(1, 0).text
    assert header.cell(1, 1).text == "Lạng Sơn, ngày 05 tháng 7 năm 2024"
    paragraphs = _paragraphs(document)
    title = paragraphs.index("BÁO CÁO")
    assert paragraphs[title + 1].startswith("kết quả thực hiện Chương trình hành động số 15-CTr/TU, 16-CTr/TU, 17-CTr/TU")
    assert paragraphs[title + 2] == "(Kỳ báo cáo từ ngày 01/01/2024 đến ngày 01/07/2024)"
    headings = [p for p in paragraphs if p[:3] in ("I- ", "II-", "III")]
    assert headings == ["I- KẾT QUẢ CHUNG", "II- KẾT QUẢ THỰC HIỆN CỦA CÁC CƠ QUAN CHỦ TRÌ",
                        "III- TÌNH HÌNH THỰC HIỆN TỪNG NHIỆM VỤ"]
    signature = document.tables[-2]  # the task table of the appendix comes last
    assert signature.cell(0, 1).text.split("\n")[:2] == ["T/M BAN THƯỜNG VỤ", "BÍ THƯ"]


def test_report_figures_are_the_dashboards_in_vietnamese_format(demo_db, report):
    _result, document = report
    board = dashboard(demo_db, AS_OF)
    figures = read_report_figures(document)
    assert figures["overall"] == board.overall.as_dict()
    assert figures["by_body"] == {b.name: b.figures.as_dict() for b in board.by_body}
    assert list(figures["by_body"]) == [b.name for b in board.by_body]
    cells = _cells(_captioned(document, FIGURES_CAPTION))
    overall = board.overall
    labels = [row[1] for row in cells[1:]]
    assert labels == [FIGURE_LABELS[k] for k in FIGURE_KEYS + EXTRA_KEYS]
    due_row = cells[1 + FIGURE_KEYS.index("due")]
    assert due_row[2] == format_int(overall.due) and due_row[3] == format_percent(overall.due, overall.assigned)
    assert "," in due_row[3] and due_row[3].endswith("%")  # "33,3%"
    summary = next(p for p in _paragraphs(document) if p.startswith("Tính đến ngày 01/07/2024"))
    done = overall.done_on_time + overall.done_late
    assert f"tổng số nhiệm vụ được giao là {overall.assigned}" in summary
    assert f"Đã hoàn thành {done} nhiệm vụ ({format_percent(done, overall.assigned)})" in summary
    body_cells = _cells(_captioned(document, BODY_FIGURES_CAPTION))
    assert body_cells[-1][0] == "Tổng cộng" and body_cells[-1][2] == str(overall.assigned)


def test_report_has_a_paragraph_per_lead_body_naming_its_overdue_tasks(demo_db, report):
    _result, document = report
    board = dashboard(demo_db, AS_OF)
    paragraphs = _paragraphs(document)
    rows = list_tasks(demo_db, AS_OF)
    for i, body in enumerate(board.by_body, start=1):
        text = next(p for p in paragraphs if p.startswith(f"{i}. {body.name}: chủ trì {body.figures.assigned} nhiệm vụ"))
        for row in rows:
            if row.lead_body_id == body.body_id and row.status == TaskStatus.OVERDUE:
                assert row.content[1:40] in text
        if body.figures.overdue == 0:
            assert "quá hạn:" not in text


def test_report_task_table_lists_every_task_by_programme(demo_db, report):
    _result, document = report
    table = _captioned(document, TASKS_CAPTION)
    cells = _cells(table)
    rows = list_tasks(demo_db, AS_OF)
    tasks = [c for c in cells[1:] if c[0].isdigit()]
    groups = [c for c in cells[1:] if not c[0].isdigit()]
    assert [c[1] for c in tasks] == [r.content for r in rows]
    assert [c[4] for c in tasks] == [STATUS_LABELS[r.status] for r in rows]
    assert [g[1] for g in groups][:2] == ["Chương trình hành động số 15-CTr/TU", "Chương trình hành động số 16-CTr/TU"]
    assert any("Báo cáo số 25-BC/BTGTU" in c[5] for c in tasks)
    assert sum(c[5] == "Chưa báo cáo" for c in tasks) == sum(not r.reported for r in rows)
    # the appendix is a landscape section
    section = document.sections[-1]
    assert section.page_width > section.page_height


def test_report_period_figures_and_corrections(demo_db, tmp_path):
    with demo_db.read() as s:
        finished = set(s.scalars(select(ProgressEntry.task_id).where(ProgressEntry.completed)))
    task = next(r for r in list_tasks(demo_db, AS_OF) if r.status == TaskStatus.IN_PROGRESS and r.id not in finished
                and r.last_percent is not None and r.due_date is not None)
    before, _ = build_report_document(demo_db, date(2024, 1, 1), AS_OF)
    before_figures = read_report_figures(before)["overall"]
    before_period = next(p for p in _paragraphs(before) if p.startswith("Trong kỳ, "))
    # a report in the period saying "done" counts...
    report_progress(demo_db, task.id, AS_OF, ProgressFields(completed=True, note="Xong việc"), today=AS_OF)
    document, _ = build_report_document(demo_db, date(2024, 1, 1), AS_OF)
    figures = read_report_figures(document)["overall"]
    assert figures["done_on_time"] == before_figures["done_on_time"] + 1
    assert figures["in_progress"] == before_figures["in_progress"] - 1
    # ...until it is corrected to "not done": then only the correction counts
    with demo_db.read() as s:
        wrong = s.scalar(select(ProgressEntry.id).where(ProgressEntry.task_id == task.id, ProgressEntry.completed))
    correct_progress(demo_db, wrong, AS_OF,
                     ProgressFields(percent=task.last_percent, note="Chưa xong, đính chính"), today=AS_OF)
    document, _ = build_report_document(demo_db, date(2024, 1, 1), AS_OF)
    assert read_report_figures(document)["overall"] == before_figures
    text = _all_text(document)
    assert f"{task.last_percent}% (01/07/2024): Chưa xong, đính chính" in text and "Xong việc" not in text
    period = next(p for p in _paragraphs(document) if p.startswith("Trong kỳ, "))
    completed_part = before_period.split(";")[0]
    assert period.split(";")[0] == completed_part  # the corrected completion is not counted
    assert f"đã gửi {format_int(_reports_in(before_period) + 1)} báo cáo" in period


def _reports_in(sentence: str) -> int:
    return int(sentence.split("đã gửi ")[1].split(" ")[0].replace(".", ""))


def test_report_of_an_empty_period_and_bad_input(demo_db, tmp_path):
    document, _ = build_report_document(demo_db, date(2023, 1, 1), date(2023, 12, 31))
    figures = read_report_figures(document)["overall"]
    assert figures["assigned"] == dashboard(demo_db, date(2023, 12, 31)).overall.assigned
    assert figures["done_on_time"] == figures["done_late"] == 0
    period = next(p for p in _paragraphs(document) if p.startswith("Trong kỳ, "))
    assert period == "Trong kỳ, không có nhiệm vụ nào được báo cáo hoàn thành; các cơ quan chưa gửi báo cáo tiến độ nào."
    assert "Chưa báo cáo" in _all_text(document)
    with pytest.raises(ReportError, match="sau ngày cuối kỳ"):
        build_report_document(demo_db, AS_OF, date(2024, 1, 1))
    assert isinstance(ReportError("x"), ValueError)


def test_report_for_one_programme_in_state_format(demo_db):
    with demo_db.read() as s:
        program_id = s.scalar(select(Task.program_id).where(Task.content.startswith("Rà soát, hoàn thiện")))
    document, _ = build_report_document(demo_db, date(2024, 1, 1), AS_OF, program_ids=[program_id], profile="nd30")
    assert read_report_figures(document)["overall"] == dashboard(demo_db, AS_OF, program_ids=[program_id]).overall.as_dict()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in document.tables[0].cell(0, 1).text
    assert "/BC-UBND" in document.tables[0].cell(1, 0).text
    groups = [c for c in _cells(_captioned(document, TASKS_CAPTION))[1:] if not c[0].isdigit()]
    assert [g[1] for g in groups] == ["Chương trình hành động số 15-CTr/TU"]


def test_symbols_in_titles_never_break_at_their_hyphen(report):
    from desktop_app.export.docx_common import keep_symbols_whole

    assert keep_symbols_whole("số 15-CTr/TU và 42-NQ/TW, 2024 - 2025") == \
        "số 15\u2011CTr/TU và 42\u2011NQ/TW, 2024 - 2025"
    _result, document = report
    title = next(p for p in document.paragraphs if p.text.startswith("kết quả thực hiện"))
    assert len(title._p.findall(".//" + qn("w:noBreakHyphen"))) >= 3
    assert "15-CTr/TU" in title.text  # reads back as an ordinary hyphen
