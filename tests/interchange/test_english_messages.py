"""The field rules and the JSON import speak the UI language (issue 13, "complete English")."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app import i18n
from desktop_app.errors import ValidationError
from desktop_app.interchange.fields import CYCLE_MESSAGE, clean_body_fields, clean_task_fields
from desktop_app.interchange.reader import ImportFailed, build_plan, loads
from desktop_app.interchange.validate import Checker, refuse_unknown


@pytest.fixture
def english():
    i18n.set_language("en")
    yield
    i18n.set_language("vi")


def messages(c: Checker) -> list[str]:
    return [p.message for p in c.problems]


def test_field_rules_are_english_with_english_labels_and_numbers(english):
    c = Checker()
    clean_body_fields(c, {"name": "", "code": "BTG TU"})
    assert messages(c) == ["Body name must not be empty.", "The code must not contain spaces (e.g. BTGTU)."]
    c = Checker()
    clean_task_fields(c, {"content": "x" * 10_001, "deadline": "Quý I/2024", "assigned_date": "15/04/2024"})
    assert messages(c) == [
        "Task is 10,001 characters long, over the limit of 10,000. Shorten it or split it into several items.",
        "The deadline (31/03/2024) is earlier than the date assigned (15/04/2024). Correct the deadline or the date "
        "assigned.",
    ]


def test_a_message_constant_is_translated_when_it_is_reported(english):
    c = Checker()
    c.fail("parent_id", 3, CYCLE_MESSAGE)  # as ops/bodies.py reports it
    assert messages(c) == ["A body cannot have itself or one of its subordinate bodies as its parent."]
    with pytest.raises(ValidationError) as caught:
        refuse_unknown({"colour": 1}, ("name",), "Nghị quyết")  # the caller names the item in Vietnamese
    assert str(caught.value) == "Resolution has no field colour."


def test_the_same_rules_stay_vietnamese_by_default():
    c = Checker()
    clean_body_fields(c, {"name": ""})
    assert messages(c) == ["Tên cơ quan không được để trống."]


def test_json_import_refusals_are_english(english):
    with pytest.raises(ImportFailed) as caught:
        loads(b'{"format": "nqdesk/2",\n "bodies": [}')
    assert str(caught.value).startswith("The file is not valid JSON (")
    assert str(caught.value).endswith(") at line 2, column 13.")
    with pytest.raises(ImportFailed) as caught:
        build_plan({"format": "nqdesk/9"}, today=date(2026, 9, 1))
    assert str(caught.value) == (
        "The file has the format “nqdesk/9”; this program reads “nqdesk/2” (and “nqdesk/1”). "
        "Export the file again with NQ Desk or update the program.")
    with pytest.raises(ImportFailed) as caught:
        build_plan({"format": "nqdesk/2", "bodies": [{"key": "A", "name": "Ban A", "parent": "B"}]},
                   today=date(2026, 9, 1))
    assert str(caught.value) == "bodies[0].parent: there is no body with the key “B” in the file or in the database."
