"""Document order and group numbering: the one rule the programme view, the Word appendix,
the periodic report and the nqdesk/2 file share."""

from __future__ import annotations

from typing import NamedTuple

from desktop_app.core.task_order import document_order, group_key, group_numbering


class T(NamedTuple):
    id: int
    program_id: int
    group_title: str | None
    position: int


def test_ungrouped_tasks_come_first_then_groups_by_their_first_task():
    tasks = [T(1, 1, "B", 1), T(2, 1, "", 2), T(3, 1, "A", 3), T(4, 1, "B", 4), T(5, 1, None, 5),
             T(6, 1, "  ", 6), T(7, 2, "", 1)]
    assert [t.id for t in document_order(tasks)] == [2, 5, 6, 1, 4, 3, 7]


def test_within_a_group_by_position_then_id():
    tasks = [T(3, 1, "A", 2), T(1, 1, "A", 2), T(2, 1, "A", 1)]
    assert [t.id for t in document_order(tasks)] == [2, 1, 3]


def test_numbering_gives_numerals_to_named_groups_only():
    tasks = document_order([T(1, 1, "Nhóm A", 1), T(2, 1, "", 2), T(3, 1, "Nhóm B", 3), T(4, 1, "Nhóm A", 4),
                            T(5, 1, " ", 5)])
    groups = group_numbering(tasks)
    assert [(g.roman, g.title, g.heading, [(stt, t.id) for stt, t in g.items]) for g in groups] == [
        (None, "", "", [(1, 2), (2, 5)]),
        ("I", "Nhóm A", "I. Nhóm A", [(1, 1), (2, 4)]),
        ("II", "Nhóm B", "II. Nhóm B", [(1, 3)]),
    ]
    assert groups[0].reference(2) == "2" and groups[1].reference(2) == "I.2"


def test_a_programme_without_groups_has_no_heading():
    groups = group_numbering(document_order([T(1, 1, "", 1), T(2, 1, None, 2)]))
    assert [(g.roman, len(g.items)) for g in groups] == [(None, 2)]
    assert group_key(None) == group_key("   ") == ""
