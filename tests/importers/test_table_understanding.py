"""The table understanding shared by Word, Excel and pasted rows (pure: no database)."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.importers.body_names import (
    ABBREVIATION,
    AMBIGUOUS,
    EXACT,
    FUZZY,
    UNKNOWN,
    BodyMatcher,
    KnownBody,
    split_bodies,
)
from desktop_app.importers.pasted import read_pasted
from desktop_app.importers.table_import import plan_from_text
from desktop_app.importers.tables import RawRow, RawTable, build_plan, find_header, role_of

BODIES = [
    KnownBody(1, "Sở Lao động - Thương binh và Xã hội tỉnh Lạng Sơn", "Sở Lao động - Thương binh và Xã hội", "SLĐTBXH"),
    KnownBody(2, "Ủy ban nhân dân tỉnh Lạng Sơn", "UBND tỉnh", "UBND"),
    KnownBody(3, "Sở Giáo dục và Đào tạo", "", None),
    KnownBody(4, "Sở Văn hóa, Thể thao và Du lịch", "", None),
    KnownBody(5, "Ban Tuyên giáo Tỉnh ủy", "Ban Tuyên giáo", "BTGTU", None, date(2025, 2, 28)),
    KnownBody(6, "Ban Tuyên giáo và Dân vận Tỉnh ủy", "Ban Tuyên giáo và Dân vận", "BTGDVTU", date(2025, 3, 1)),
    KnownBody(7, "Sở Nội vụ", "", None),
    KnownBody(8, "Sở Tài chính", "", None),
    KnownBody(9, "Công an tỉnh", "", None),
    KnownBody(10, "Công an tỉnh Lạng Sơn", "", None),
    KnownBody(11, "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "", None),
]


@pytest.mark.parametrize("written, body_id, how", [
    ("Sở LĐ-TB&XH", 1, ABBREVIATION),
    ("sở lđtbxh", 1, ABBREVIATION),
    ("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", 1, EXACT),
    ("Sở Lao động, Thương binh và Xã hội", 1, EXACT),
    ("UBND tỉnh", 2, EXACT),
    ("Ủy ban nhân dân tỉnh", 2, EXACT),  # the name without "Lạng Sơn"
    ("Sở GD&ĐT", 3, ABBREVIATION),
    ("Sở GDĐT", 3, ABBREVIATION),
    ("Sở VHTTDL", 4, ABBREVIATION),
    ("BTGTU", 5, EXACT),
    ("UBMTTQ Việt Nam tỉnh", 11, ABBREVIATION),
    ("Ủy ban MTTQ Việt Nam tỉnh", 11, ABBREVIATION),
])
def test_names_match_in_long_short_and_abbreviated_forms(written, body_id, how):
    m = BodyMatcher(BODIES).match(written)
    assert (m.how, [b.id for b in m.bodies]) == (how, [body_id])


def test_two_bodies_with_one_name_are_asked_never_guessed():
    m = BodyMatcher(BODIES).match("Công an tỉnh Lạng Sơn")
    assert m.how == EXACT and [b.id for b in m.bodies] == [10]
    # "Công an tỉnh" is body 9's name and body 10's name without its place: ambiguous.
    m = BodyMatcher(BODIES).match("Công an tỉnh")
    assert m.how == AMBIGUOUS and sorted(b.id for b in m.bodies) == [9, 10]


def test_validity_on_the_programme_date_settles_a_renamed_body():
    both = [KnownBody(5, "Ban Tuyên giáo Tỉnh ủy", "Ban Tuyên giáo", None, None, date(2025, 2, 28)),
            KnownBody(12, "Ban Tuyên giáo Tỉnh ủy", "", None, date(2025, 3, 1), None)]
    assert BodyMatcher(both).match("Ban Tuyên giáo Tỉnh ủy").how == AMBIGUOUS
    m = BodyMatcher(both, on=date(2024, 5, 1)).match("Ban Tuyên giáo Tỉnh ủy")
    assert m.how == EXACT and m.bodies[0].id == 5


def test_typo_is_only_a_candidate_and_unknown_is_unknown():
    matcher = BodyMatcher(BODIES)
    m = matcher.match("Sở Giáo dụcc và Đào tạo")
    assert m.how == FUZZY and [b.id for b in m.bodies] == [3]
    assert matcher.match("Sở Ngoại vụ").how == UNKNOWN


def test_abbreviation_must_cover_the_whole_name():
    # "Sở GD" is not "Sở Giáo dục và Đào tạo" (the letters stop short).
    assert BodyMatcher(BODIES).match("Sở GD").how != ABBREVIATION


def test_split_commas_semicolons_line_breaks_and_collective_phrases():
    known = BodyMatcher(BODIES)

    def is_known(n):
        return known.match(n).how in (EXACT, ABBREVIATION)

    cell = split_bodies("Sở Nội vụ, Sở Tài chính;\nSở GD&ĐT, các sở, ngành liên quan", is_known)
    assert cell.names == ["Sở Nội vụ", "Sở Tài chính", "Sở GD&ĐT"]
    assert cell.collective == ["các sở, ngành liên quan"]
    cell = split_bodies("Sở Văn hóa, Thể thao và Du lịch, Sở Nội vụ", is_known)
    assert cell.names == ["Sở Văn hóa, Thể thao và Du lịch", "Sở Nội vụ"]
    cell = split_bodies("UBND tỉnh, UBND các huyện, thành phố", is_known)
    assert cell.names == ["UBND tỉnh"] and cell.collective == ["UBND các huyện, thành phố"]
    cell = split_bodies("Sở Nội vụ và các cơ quan có liên quan", is_known)
    assert cell.names == ["Sở Nội vụ và các cơ quan có liên quan"] or cell.collective


@pytest.mark.parametrize("title, role", [
    ("STT", "number"), ("TT", "number"), ("Nội dung nhiệm vụ", "content"), ("NỘI DUNG CÔNG VIỆC", "content"),
    ("Cơ quan chủ trì", "lead"), ("Cơ quan chủ trì thực hiện", "lead"), ("Cơ quan thực hiện", "lead"),
    ("Cơ quan phối hợp", "coordinators"), ("Đơn vị phối hợp", "coordinators"), ("Sản phẩm", "product"),
    ("Thời gian hoàn thành", "deadline"), ("Thời gian thực hiện", "deadline"), ("Thời hạn", "deadline"),
    ("Tiến độ", "deadline"), ("Tiến độ thực hiện (%)", "percent"), ("Ngày hoàn thành", "completed_on"),
    ("Kết quả thực hiện", "result"), ("Ghi chú", "note"), ("Năm học", None),
])
def test_column_titles(title, role):
    assert role_of(title) == role


def _row(n, *cells, bold=(), span=None):
    return RawRow(cells=list(cells), source=f"dòng {n}", bold=list(bold), span=span or [])


def test_header_under_title_rows_with_a_column_number_row_and_groups():
    rows = [
        _row(1, "DANH MỤC NHIỆM VỤ", "DANH MỤC NHIỆM VỤ", "DANH MỤC NHIỆM VỤ", "DANH MỤC NHIỆM VỤ", span=[0, 0, 0, 0]),
        _row(2, "TT", "Nội dung", "Chủ trì", "Thời hạn"),
        _row(3, "(1)", "(2)", "(3)", "(4)"),
        _row(4, "A", "Tuyên truyền", "", ""),
        _row(5, "1", "Quán triệt nghị quyết", "Sở Nội vụ", "Quý 2/2024"),
        _row(6, "2", "Tổng kết", "Sở Ngoại vụ", "hàng tháng"),
        _row(7, "TT", "Nội dung", "Chủ trì", "Thời hạn"),  # the header again, on the next page
        _row(8, "3", "Sơ kết", "UBND tỉnh", "Thường xuyên"),
    ]
    header = find_header(rows)
    assert (header.start, header.depth) == (1, 1)
    plan = build_plan([RawTable(rows)], BODIES, source_name="x", as_of=date(2024, 1, 1))
    assert [t.content for t in plan.tasks] == ["Quán triệt nghị quyết", "Tổng kết", "Sơ kết"]
    assert {t.group for t in plan.tasks} == {"Tuyên truyền"}
    first, second, third = plan.tasks
    assert (first.deadline_kind, first.due_date, first.deadline_text) == ("quarter", date(2024, 6, 30), "Quý II/2024")
    # a deadline the parser refuses is a problem of that cell, with the parser's reason
    assert second.deadline_kind is None and [p.column for p in second.problems] == ["deadline"]
    assert "hàng tháng" in second.problems[0].message
    # an unknown body is offered as new (not a problem), the known ones are matched
    assert plan.bodies[second.lead].how == UNKNOWN and plan.bodies[second.lead].creates
    assert plan.bodies[third.lead].body_id == 2
    assert plan.all_problems() == [f"dòng 6, Thời gian hoàn thành: {second.problems[0].message}"]
    assert not plan.can_apply


def test_ambiguous_body_blocks_until_chosen():
    rows = [_row(1, "STT", "Nội dung", "Cơ quan chủ trì"), _row(2, "1", "Việc một", "Công an tỉnh")]
    plan = build_plan([RawTable(rows)], BODIES, source_name="x", as_of=date(2024, 1, 1))
    choice = plan.bodies[plan.tasks[0].lead]
    assert choice.how == AMBIGUOUS and not plan.can_apply
    assert "Công an tỉnh" in plan.all_problems()[0]
    choice.choose(BODIES[8])
    assert plan.can_apply and choice.body_id == 9


def test_several_leads_in_one_cell_first_leads_others_coordinate_with_a_warning():
    rows = [_row(1, "STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp"),
            _row(2, "1", "Việc", "Sở Nội vụ, Sở Tài chính", "UBND tỉnh")]
    plan = build_plan([RawTable(rows)], BODIES, source_name="x", as_of=date(2024, 1, 1))
    t = plan.tasks[0]
    assert plan.bodies[t.lead].body_id == 7
    assert [plan.bodies[k].body_id for k in t.coordinators] == [8, 2]
    assert "nhiều cơ quan chủ trì" in plan.warnings[0]


def test_pasted_rows_from_excel_with_quoted_line_breaks_and_no_header():
    text = '1\t"Nội dung có\nhai dòng"\tSở Nội vụ\t"Sở Tài chính\nUBND tỉnh"\tKế hoạch\tQuý I/2025\r\n' \
           '2\tViệc hai\tSở LĐ-TB&XH\t\t\tNăm 2025\r\n'
    table = read_pasted(text)
    assert [r.cells[1] for r in table.rows] == ["Nội dung có\nhai dòng", "Việc hai"]
    plan = plan_from_text(text, BODIES, as_of=date(2025, 1, 1))
    a, b = plan.tasks
    assert a.content == "Nội dung có\nhai dòng" and a.product == "Kế hoạch"
    assert [plan.bodies[k].body_id for k in a.coordinators] == [8, 2]
    assert plan.bodies[b.lead].body_id == 1 and b.due_date == date(2025, 12, 31)
    assert plan.can_apply


def test_pasted_rows_with_their_header_row_use_its_titles():
    text = "Thời hạn\tNhiệm vụ\tChủ trì\nNăm 2025\tViệc một\tSở Nội vụ\n"
    plan = plan_from_text(text, BODIES, as_of=date(2025, 1, 1))
    (t,) = plan.tasks
    assert (t.content, t.deadline_kind, plan.bodies[t.lead].body_id) == ("Việc một", "year", 7)


def test_no_task_table_is_a_clear_problem():
    plan = build_plan([RawTable([_row(1, "Kính gửi", "các cơ quan")])], BODIES, source_name="x",
                      as_of=date(2024, 1, 1))
    assert not plan.tasks and "Không tìm thấy bảng nhiệm vụ" in plan.all_problems()[0]


def test_column_mapping_can_be_overridden():
    rows = [_row(1, "STT", "Nội dung", "Ghi chú", "Thời hạn"), _row(2, "1", "Việc", "Sở Nội vụ", "Năm 2025")]
    plan = build_plan([RawTable(rows)], BODIES, source_name="x", as_of=date(2024, 1, 1))
    assert plan.tasks[0].lead is None and plan.tasks[0].note == "Sở Nội vụ"
    plan = build_plan([RawTable(rows)], BODIES, source_name="x", as_of=date(2024, 1, 1),
                      columns={"number": 0, "content": 1, "lead": 2, "deadline": 3})
    assert plan.bodies[plan.tasks[0].lead].body_id == 7 and plan.tasks[0].note == ""


def test_progress_values_are_checked_per_cell():
    rows = [_row(1, "STT", "Nội dung", "Tỷ lệ (%)", "Ngày hoàn thành"),
            _row(2, "1", "Việc một", "150", ""),
            _row(3, "2", "Việc hai", "", "31/02/2024"),
            _row(4, "3", "Việc ba", "100%", "")]
    plan = build_plan([RawTable(rows)], BODIES, source_name="x", as_of=date(2024, 6, 1))
    one, two, three = plan.tasks
    assert [p.column for p in one.problems] == ["percent"] and not one.progress
    assert [p.column for p in two.problems] == ["completed_on"]
    (e,) = three.progress
    assert (e.percent, e.completed, e.reported_on) == (100, True, date(2024, 6, 1))


def test_a_group_column_names_each_rows_group():
    rows = [_row(1, "STT", "Lĩnh vực", "Nội dung", "Thời hạn"),
            _row(2, "1", "Cán bộ", "Việc một", "Năm 2025"),
            _row(3, "2", "", "Việc hai", "Năm 2025")]
    plan = build_plan([RawTable(rows)], BODIES, source_name="x", as_of=date(2024, 1, 1))
    assert [(t.group, t.content) for t in plan.tasks] == [("Cán bộ", "Việc một"), ("", "Việc hai")]


def test_a_yearly_deadline_with_its_own_day_is_a_problem_on_its_cell():
    text = "Thời hạn\tNhiệm vụ\tChủ trì\nTrước ngày 20/11 hằng năm\tBáo cáo năm\tSở Nội vụ\nHằng năm\tViệc hai\tSở Nội vụ\n"
    plan = plan_from_text(text, BODIES, as_of=date(2025, 1, 1))
    refused, kept = plan.tasks
    assert [p.column for p in refused.problems] == ["deadline"] and "«Hằng năm»" in refused.problems[0].message
    assert kept.deadline_kind == "recurring_yearly" and not kept.problems
    assert not plan.can_apply
