"""A pasted full citation read into symbol, date, issuing authority and subject (issue 13)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core.citations import Citation, looks_like_citation, parse_citation

FAST = settings(max_examples=200, database=None, deadline=None)

READ = [
    # (pasted, symbol, date, authority, subject)
    (
        "Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ, "
        "đổi mới sáng tạo và chuyển đổi số quốc gia",
        "57-NQ/TW", date(2024, 12, 22), "Bộ Chính trị",
        "về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia",
    ),
    (
        "Quyết định số 2385/QĐ-UBND ngày 05 tháng 10 năm 2024 của Ủy ban nhân dân tỉnh Lạng Sơn về việc ban hành "
        "Kế hoạch thực hiện Nghị quyết 57-NQ/TW",
        "2385/QĐ-UBND", date(2024, 10, 5), "Ủy ban nhân dân tỉnh Lạng Sơn",
        "về việc ban hành Kế hoạch thực hiện Nghị quyết 57-NQ/TW",
    ),
    (
        "Nghị quyết số 44-NQ/TW của Hội nghị lần thứ tám Ban Chấp hành Trung ương Đảng khóa XIII, ngày 24/11/2023 "
        "về Chiến lược bảo vệ Tổ quốc trong tình hình mới.",
        "44-NQ/TW", date(2023, 11, 24), "Hội nghị lần thứ tám Ban Chấp hành Trung ương Đảng khóa XIII",
        "về Chiến lược bảo vệ Tổ quốc trong tình hình mới",
    ),
    (
        "Công văn 1483/UBND-THNC (12/5/2024) của UBND tỉnh V/v triển khai nhiệm vụ năm 2024",
        "1483/UBND-THNC", date(2024, 5, 12), "UBND tỉnh", "về việc triển khai nhiệm vụ năm 2024",
    ),
    (
        "Kế hoạch 65/KH-UBND ngày 12/3/2025 của Ban Chỉ đạo thực hiện Quy chế dân chủ về tổ chức hội nghị",
        "65/KH-UBND", date(2025, 3, 12), "Ban Chỉ đạo thực hiện Quy chế dân chủ", "về tổ chức hội nghị",
    ),
    (
        "nghị quyết số 57-nq/tw ngày 22-12-2024 của bộ chính trị Về đột phá",
        "57-NQ/TW", date(2024, 12, 22), "bộ chính trị", "về đột phá",
    ),
]


@pytest.mark.parametrize(("pasted", "symbol", "issued", "authority", "subject"), READ)
def test_full_citations_are_read(pasted, symbol, issued, authority, subject):
    citation = parse_citation(pasted)
    assert str(citation.symbol) == symbol
    assert citation.issue_date == issued
    assert citation.issuing_authority == authority
    assert citation.subject == subject
    assert citation.problems == ()
    assert citation.fields() == {"symbol": symbol, "issue_date": issued, "issuing_authority": authority,
                                 "subject": subject}


def test_the_issue_example_keeps_the_date():
    citation = parse_citation("Nghị quyết số 57-NQ/TW ngày 22/12/2024")
    assert (str(citation.symbol), citation.issue_date) == ("57-NQ/TW", date(2024, 12, 22))
    assert citation.issuing_authority is None and citation.subject is None
    assert any("cơ quan ban hành" in p for p in citation.problems)
    assert citation.fields() == {"symbol": "57-NQ/TW", "issue_date": date(2024, 12, 22)}


UNSURE = [
    # (pasted, field left empty, a piece of the reason)
    ("Nghị quyết 57-NQ/TW ngày 22/12 của Bộ Chính trị", "issue_date", "thiếu năm"),
    ("Nghị quyết 57-NQ/TW ngày 31/02/2024 của Bộ Chính trị", "issue_date", "31"),
    ("Nghị quyết 57-NQ/TW ngày 22/12/24 của Bộ Chính trị", "issue_date", "4 chữ số"),
    ("Nghị quyết 57-NQ/TW ngày 22/12/2024 (ngày 23/12/2024) của Bộ Chính trị", "issue_date", "nhiều hơn một ngày"),
    ("Chỉ thị 05-CT/TW của Bộ Chính trị về đẩy mạnh học tập", "issue_date", "Không thấy ngày"),
    ("Nghị quyết 57-NQ ngày 22/12/2024 của Bộ Chính trị", "symbol", "thiếu cơ quan ban hành"),
    ("Nghị quyết 46/2026/QĐSNV ngày 22/12/2024 của Sở", "symbol", "thiếu dấu gạch nối"),
    (
        "Quyết định 12/QĐ-UBND ngày 5/3/2025 của Ủy ban nhân dân tỉnh Lạng Sơn và Ban Thường vụ Tỉnh ủy "
        "cùng các sở ngành liên quan",
        "issuing_authority", "Không tách chắc",
    ),
    ("Quyết định 12/QĐ-UBND ngày 5/3/2025 của về việc", "issuing_authority", "không ghi cơ quan"),
]


@pytest.mark.parametrize(("pasted", "field", "why"), UNSURE)
def test_unsure_parts_are_left_empty_with_the_reason(pasted, field, why):
    citation = parse_citation(pasted)
    assert getattr(citation, field) is None
    assert field not in citation.fields()
    assert any(why in problem for problem in citation.problems), citation.problems


def test_a_verb_split_is_offered_with_a_note():
    citation = parse_citation("Kế hoạch 65/KH-UBND ngày 12/3/2025 của UBND tỉnh thực hiện Nghị quyết 57-NQ/TW")
    assert (citation.issuing_authority, citation.subject) == ("UBND tỉnh", "thực hiện Nghị quyết 57-NQ/TW")
    assert any("kiểm tra lại" in p for p in citation.problems)


def test_empty_paste():
    assert parse_citation("  ") == Citation(None, None, None, None, ("Chưa dán trích dẫn văn bản.",))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị", True),
        ("57-NQ/TW ngày 22/12/2024", True),
        ("57-NQ/TW", False),
        ("Nghị quyết số 57-NQ/TW", False),
        ("về việc gì đó của ai", False),
    ],
)
def test_looks_like_citation(text, expected):
    assert looks_like_citation(text) is expected


PIECES = st.sampled_from(
    ["Nghị quyết số ", "57-NQ/TW", "68/NQ-CP", ", ", " ngày ", "22/12/2024", "22/12", "05 tháng 10 năm 2024",
     " của ", "Bộ Chính trị", " về ", "V/v ", " thực hiện ", "(", ")", "đột phá", " "]
)


@FAST
@given(st.lists(PIECES, max_size=12).map("".join))
def test_never_raises_and_never_invents_a_date(text):
    citation = parse_citation(text)
    if citation.issue_date is not None:
        day = citation.issue_date
        assert str(day.year) in text
    if citation.symbol is not None:
        assert str(citation.symbol.number) in text


@FAST
@given(st.text(max_size=80))
def test_any_text_is_read_without_raising(text):
    assert isinstance(parse_citation(text), Citation)
