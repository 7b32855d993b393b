"""The messages of export/ (errors and warnings, not the documents) in the English UI."""

from __future__ import annotations

import pytest

from desktop_app import i18n
from desktop_app.export import pdf
from desktop_app.export.ooxml import WarningCollector
from desktop_app.export.profiles import ProfileError, copy_profile, load_profile
from desktop_app.export.results import ExportError
from desktop_app.export.table_export import write_table_xlsx


@pytest.fixture
def english():
    i18n.set_language("en")
    yield
    i18n.set_language("vi")


def test_export_errors_in_english(tmp_path, monkeypatch, english):
    with pytest.raises(ExportError) as err:
        write_table_xlsx(tmp_path / "list.xlsx", "Danh sách", [], [])
    assert str(err.value) == "The list has no visible column: show at least one column and export again."
    with pytest.raises(ProfileError) as err:
        copy_profile("hd36", "tên có dấu")
    assert str(err.value).startswith("Profile name «tên có dấu» is not valid: use only unaccented letters")
    with pytest.raises(ProfileError) as err:
        load_profile("khong-co")
    assert str(err.value).startswith("There is no format profile «khong-co». Available profiles: ")
    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    assert pdf.unavailable_reason() == ("LibreOffice is not installed, so PDF export is unavailable. Install "
                                        "LibreOffice (free) and restart the program; Word export still works.")


def test_broken_profile_lists_its_problems_in_english(tmp_path, english):
    path = tmp_path / "sai.json"
    path.write_text('{"base": "hd36", "page": {"width_mm": 5000}}', encoding="utf-8")
    with pytest.raises(ProfileError) as err:
        load_profile(path)
    assert str(err.value).splitlines()[:2] == [
        f"Format profile «sai» ({path}) cannot be used:",
        "- «page.width_mm» must be a number from 90 to 600 (it is 5000).",
    ]


def test_warnings_in_english_with_english_numbers(english):
    warnings = WarningCollector()
    warnings.clean("a\x01b", "title")
    assert warnings.messages == ["Removed 1 non-printing control characters in title."]
    many = WarningCollector()
    for i in range(12):
        many.clean("x\x02" * 100, f"row {i}")
    assert many.messages == ["Removed 1,200 non-printing control characters in 12 places (row 0, row 1, row 2, "
                             "row 3, row 4…)."]
