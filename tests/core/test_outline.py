"""Heading levels typed in the programme text editor ("1.", "a)", "-")."""

from desktop_app.core.outline import line_level, next_marker, set_level, shift_level, strip_marker
from desktop_app.export.program_wording import section_lines


def test_levels_of_markers():
    assert [line_level(s) for s in ("1. Mục tiêu", "đ) Năm", "- ý", "– ý", "Đoạn văn", "2024 là năm")] == \
        [1, 2, 3, 3, None, None]
    assert strip_marker("12. Nhiệm vụ") == "Nhiệm vụ"
    assert strip_marker("  Văn bản") == "Văn bản"


def test_next_number_continues_the_section():
    assert next_marker([], 1) == "1."
    assert next_marker(["1. Một", "a) x", "- y", "2. Hai", "Đoạn"], 1) == "3."


def test_letters_restart_under_a_new_number_and_skip_f():
    assert next_marker(["1. Một", "a) x", "b) y"], 2) == "c)"
    assert next_marker(["1. Một", "a) x", "b) y", "2. Hai"], 2) == "a)"
    assert next_marker(["d) x"], 2) == "đ)"
    assert next_marker(["đ) x"], 2) == "e)"
    assert next_marker(["e) x"], 2) == "g)"
    assert next_marker(["anything"], 3) == "-"


def test_tab_goes_deeper_and_shift_tab_back():
    before = ["1. Mục tiêu chung", "a) Về kinh tế"]
    assert shift_level(before, "2. Về xã hội", +1) == "b) Về xã hội"
    assert shift_level(before, "b) Về xã hội", +1) == "- Về xã hội"
    assert shift_level(before, "- Về xã hội", -1) == "b) Về xã hội"
    assert shift_level(before, "b) Về xã hội", -1) == "2. Về xã hội"
    assert shift_level(before, "2. Về xã hội", -1) == "2. Về xã hội"  # already the top level
    assert shift_level(before, "Nội dung", +1) == "- Nội dung"
    assert shift_level(before, "Nội dung", -1) == "Nội dung"
    assert set_level([], "- Tăng cường", 1) == "1. Tăng cường"


def test_typed_headings_are_what_the_export_recognises():
    before: list[str] = []
    lines = []
    for level, text in ((1, "Mục tiêu tổng quát"), (2, "Về kinh tế"), (3, "Tăng trưởng 8%.")):
        line = set_level(before + lines, text, level)
        lines.append(line)
    assert [kind for kind, _ in section_lines("\n".join(lines))] == ["number", "letter", "text"]
