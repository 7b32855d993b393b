"""Deadlines as people write them: kinds, due dates, canonical text, Vietnamese errors."""

from __future__ import annotations

import calendar
import unicodedata
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core.dates import MAX_YEAR, MIN_YEAR, format_date, month_text, to_roman
from desktop_app.core.deadlines import (
    CONTINUOUS,
    DATE,
    DEADLINE_KINDS,
    EVENT,
    HALF_YEAR,
    MONTH,
    PERIOD,
    QUARTER,
    RECURRING_YEARLY,
    YEAR,
    Deadline,
    DeadlineError,
    parse_deadline,
)

# No example database: keeps the repository free of a .hypothesis folder.
FAST = settings(max_examples=200, database=None, deadline=None)

VIETNAMESE_MARKS = set("ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵĐ")

years = st.integers(min_value=MIN_YEAR, max_value=MAX_YEAR)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# --- valid input -------------------------------------------------------------------

PARSED = [
    # (typed, kind, due date, canonical text)
    # date
    ("15/01/2024", DATE, date(2024, 1, 15), "15/01/2024"),
    ("15-01-2024", DATE, date(2024, 1, 15), "15/01/2024"),
    ("15.01.2024", DATE, date(2024, 1, 15), "15/01/2024"),
    ("15/1/2024", DATE, date(2024, 1, 15), "15/01/2024"),
    ("5/1/2024", DATE, date(2024, 1, 5), "05/01/2024"),
    ("15 / 01 / 2024", DATE, date(2024, 1, 15), "15/01/2024"),
    ("15\u201301\u20132024", DATE, date(2024, 1, 15), "15/01/2024"),
    ("ngày 15 tháng 01 năm 2024", DATE, date(2024, 1, 15), "15/01/2024"),
    ("Ngày 15 tháng 1 năm 2024", DATE, date(2024, 1, 15), "15/01/2024"),
    ("ngay 15 thang 01 nam 2024", DATE, date(2024, 1, 15), "15/01/2024"),
    ("ngày 15/01/2024", DATE, date(2024, 1, 15), "15/01/2024"),
    ("2024-01-15", DATE, date(2024, 1, 15), "15/01/2024"),
    ("29/02/2024", DATE, date(2024, 2, 29), "29/02/2024"),  # leap year
    ("29/02/2000", DATE, date(2000, 2, 29), "29/02/2000"),  # divisible by 400
    ("15/01/2024.", DATE, date(2024, 1, 15), "15/01/2024"),
    # by a date
    ("trước ngày 30/6/2024", DATE, date(2024, 6, 30), "Trước ngày 30/06/2024"),
    ("Trước ngày 30/06/2024", DATE, date(2024, 6, 30), "Trước ngày 30/06/2024"),
    ("trước 30/6/2024", DATE, date(2024, 6, 30), "Trước ngày 30/06/2024"),
    ("truoc ngay 30/6/2024", DATE, date(2024, 6, 30), "Trước ngày 30/06/2024"),
    ("TRƯỚC NGÀY 30/6/2024;", DATE, date(2024, 6, 30), "Trước ngày 30/06/2024"),
    ("trước ngày 30 tháng 6 năm 2024", DATE, date(2024, 6, 30), "Trước ngày 30/06/2024"),
    ("chậm nhất ngày 30/6/2024", DATE, date(2024, 6, 30), "Chậm nhất ngày 30/06/2024"),
    ("chậm nhất là ngày 30/6/2024", DATE, date(2024, 6, 30), "Chậm nhất ngày 30/06/2024"),
    ("Chậm nhất 30/6/2024", DATE, date(2024, 6, 30), "Chậm nhất ngày 30/06/2024"),
    # month
    ("Tháng 6/2024", MONTH, date(2024, 6, 30), "Tháng 6/2024"),
    ("tháng 6 năm 2024", MONTH, date(2024, 6, 30), "Tháng 6/2024"),
    ("trong tháng 01/2021", MONTH, date(2021, 1, 31), "Tháng 01/2021"),
    ("tháng 06-2024", MONTH, date(2024, 6, 30), "Tháng 6/2024"),
    ("tháng 06\u20132024", MONTH, date(2024, 6, 30), "Tháng 6/2024"),
    ("T6/2024", MONTH, date(2024, 6, 30), "Tháng 6/2024"),
    ("t6/2024", MONTH, date(2024, 6, 30), "Tháng 6/2024"),
    ("thang 6/2024", MONTH, date(2024, 6, 30), "Tháng 6/2024"),
    ("6/2024", MONTH, date(2024, 6, 30), "Tháng 6/2024"),
    ("Tháng 1/2024", MONTH, date(2024, 1, 31), "Tháng 01/2024"),
    ("Tháng 2/2024", MONTH, date(2024, 2, 29), "Tháng 02/2024"),  # leap year
    ("Tháng 02/2023", MONTH, date(2023, 2, 28), "Tháng 02/2023"),
    ("Tháng 02/1900", MONTH, date(1900, 2, 28), "Tháng 02/1900"),  # not a leap year
    ("Tháng 03/2024", MONTH, date(2024, 3, 31), "Tháng 3/2024"),
    ("Tháng 4/2024", MONTH, date(2024, 4, 30), "Tháng 4/2024"),
    ("Tháng 12/2024", MONTH, date(2024, 12, 31), "Tháng 12/2024"),
    # quarter
    ("Quý I/2024", QUARTER, date(2024, 3, 31), "Quý I/2024"),
    ("Quý II/2024", QUARTER, date(2024, 6, 30), "Quý II/2024"),
    ("Quý III/2024", QUARTER, date(2024, 9, 30), "Quý III/2024"),
    ("Quý IV/2024", QUARTER, date(2024, 12, 31), "Quý IV/2024"),
    ("quý 2/2024", QUARTER, date(2024, 6, 30), "Quý II/2024"),
    ("Quý II năm 2024", QUARTER, date(2024, 6, 30), "Quý II/2024"),
    ("quý IV - 2024", QUARTER, date(2024, 12, 31), "Quý IV/2024"),
    ("quý IV \u2013 2024", QUARTER, date(2024, 12, 31), "Quý IV/2024"),
    ("Q3/2024", QUARTER, date(2024, 9, 30), "Quý III/2024"),
    ("q1/2024", QUARTER, date(2024, 3, 31), "Quý I/2024"),
    ("trong quý I năm 2024", QUARTER, date(2024, 3, 31), "Quý I/2024"),
    ("quy I/2024", QUARTER, date(2024, 3, 31), "Quý I/2024"),
    ("QUÝ i/2024", QUARTER, date(2024, 3, 31), "Quý I/2024"),
    ("Quý  I / 2024", QUARTER, date(2024, 3, 31), "Quý I/2024"),
    # half year
    ("6 tháng đầu năm 2024", HALF_YEAR, date(2024, 6, 30), "6 tháng đầu năm 2024"),
    ("sáu tháng đầu năm 2024", HALF_YEAR, date(2024, 6, 30), "6 tháng đầu năm 2024"),
    ("6 tháng cuối năm 2024", HALF_YEAR, date(2024, 12, 31), "6 tháng cuối năm 2024"),
    ("6 thang cuoi nam 2024", HALF_YEAR, date(2024, 12, 31), "6 tháng cuối năm 2024"),
    ("Sáu tháng cuối năm 2024", HALF_YEAR, date(2024, 12, 31), "6 tháng cuối năm 2024"),
    # year
    ("Năm 2024", YEAR, date(2024, 12, 31), "Năm 2024"),
    ("năm 2024", YEAR, date(2024, 12, 31), "Năm 2024"),
    ("trong năm 2024", YEAR, date(2024, 12, 31), "Năm 2024"),
    ("2024", YEAR, date(2024, 12, 31), "Năm 2024"),
    ("nam 2024", YEAR, date(2024, 12, 31), "Năm 2024"),
    # period
    ("2024 - 2025", PERIOD, date(2025, 12, 31), "2024 - 2025"),
    ("2024-2025", PERIOD, date(2025, 12, 31), "2024 - 2025"),
    ("2024\u20132030", PERIOD, date(2030, 12, 31), "2024 - 2030"),
    ("2024 \u2014 2030", PERIOD, date(2030, 12, 31), "2024 - 2030"),
    ("Giai đoạn 2024 - 2030", PERIOD, date(2030, 12, 31), "Giai đoạn 2024 - 2030"),
    ("giai đoạn 2024-2030", PERIOD, date(2030, 12, 31), "Giai đoạn 2024 - 2030"),
    ("giai doan 2024-2030", PERIOD, date(2030, 12, 31), "Giai đoạn 2024 - 2030"),
    ("từ năm 2024 đến năm 2030", PERIOD, date(2030, 12, 31), "Giai đoạn 2024 - 2030"),
    ("từ 2024 đến 2030", PERIOD, date(2030, 12, 31), "Giai đoạn 2024 - 2030"),
    # continuous
    ("Thường xuyên", CONTINUOUS, None, "Thường xuyên"),
    ("thường xuyên", CONTINUOUS, None, "Thường xuyên"),
    ("thường xuyên,", CONTINUOUS, None, "Thường xuyên"),
    ("Thường xuyên.", CONTINUOUS, None, "Thường xuyên"),
    ("THƯỜNG XUYÊN;", CONTINUOUS, None, "Thường xuyên"),
    ("thuong xuyen", CONTINUOUS, None, "Thường xuyên"),
    ("Thường   xuyên", CONTINUOUS, None, "Thường xuyên"),
    # recurring yearly
    ("Hằng năm", RECURRING_YEARLY, None, "Hằng năm"),
    ("hằng năm", RECURRING_YEARLY, None, "Hằng năm"),
    ("Hàng năm", RECURRING_YEARLY, None, "Hằng năm"),
    ("hang nam", RECURRING_YEARLY, None, "Hằng năm"),
    # event
    ("Sau khi Trung ương ban hành hướng dẫn", EVENT, None, "Sau khi Trung ương ban hành hướng dẫn"),
    ("sau khi Trung ương ban hành hướng dẫn.", EVENT, None, "Sau khi Trung ương ban hành hướng dẫn"),
    ("Ngay sau khi có hướng dẫn", EVENT, None, "Ngay sau khi có hướng dẫn"),
    ("khi có văn bản của Trung ương", EVENT, None, "Khi có văn bản của Trung ương"),
    ("Theo hướng dẫn của Trung ương", EVENT, None, "Theo hướng dẫn của Trung ương"),
    ("theo  hướng dẫn\ncủa Trung ương", EVENT, None, "Theo hướng dẫn của Trung ương"),
]


@pytest.mark.parametrize(("typed", "kind", "due", "text"), PARSED)
def test_parse_deadline(typed, kind, due, text):
    assert parse_deadline(typed) == Deadline(kind, due, text)


@pytest.mark.parametrize("typed", [row[0] for row in PARSED])
def test_nfd_input_parses_like_nfc(typed):
    assert parse_deadline(nfd(typed)) == parse_deadline(typed)


@pytest.mark.parametrize("typed", [row[0] for row in PARSED])
def test_canonical_text_is_a_fixed_point(typed):
    deadline = parse_deadline(typed)
    assert parse_deadline(deadline.text) == deadline


@pytest.mark.parametrize(
    ("quarter", "end"),
    [(1, date(2024, 3, 31)), (2, date(2024, 6, 30)), (3, date(2024, 9, 30)), (4, date(2024, 12, 31))],
)
def test_quarter_ends(quarter, end):
    assert parse_deadline(f"Quý {to_roman(quarter)}/2024").due_date == end
    assert parse_deadline(f"Quý {quarter}/2024").due_date == end


@pytest.mark.parametrize(
    ("year", "end"),
    [(2023, 28), (2024, 29), (2100, 28), (2000, 29), (1900, 28)],
)
def test_february_end_follows_leap_years(year, end):
    assert parse_deadline(f"Tháng 2/{year}").due_date == date(year, 2, end)


def test_kinds_are_all_listed():
    assert DEADLINE_KINDS == (
        "date", "month", "quarter", "half_year", "year", "period", "continuous", "recurring_yearly", "event",
    )


@pytest.mark.parametrize(
    ("typed", "as_of", "due"),
    [
        ("Hằng năm", date(2024, 5, 1), date(2024, 12, 31)),
        ("Hằng năm", date(2025, 1, 1), date(2025, 12, 31)),
        ("Quý I/2024", date(2030, 1, 1), date(2024, 3, 31)),
        ("Thường xuyên", date(2024, 5, 1), None),
        ("Sau khi có hướng dẫn", date(2024, 5, 1), None),
    ],
)
def test_due_on(typed, as_of, due):
    assert parse_deadline(typed).due_on(as_of) == due


@pytest.mark.parametrize(
    ("typed", "description"),
    [
        ("Quý I/2024", "Quý I/2024 → hạn 31/03/2024"),
        ("15/1/2024", "15/01/2024 → hạn 15/01/2024"),
        ("Giai đoạn 2024 - 2030", "Giai đoạn 2024 - 2030 → hạn 31/12/2030"),
        ("Thường xuyên", "Thường xuyên → không có hạn cố định, báo cáo định kỳ"),
        ("Hàng năm", "Hằng năm → hạn 31/12 mỗi năm"),
        (
            "Sau khi Trung ương ban hành hướng dẫn",
            "Sau khi Trung ương ban hành hướng dẫn → chưa có hạn cho đến khi sự kiện có ngày",
        ),
    ],
)
def test_describe(typed, description):
    assert parse_deadline(typed).describe() == description


@pytest.mark.parametrize(
    ("kind", "due"),
    [("nonsense", None), (DATE, None), (CONTINUOUS, date(2024, 1, 1)), (EVENT, date(2024, 1, 1))],
)
def test_inconsistent_deadline_is_rejected(kind, due):
    with pytest.raises(DeadlineError):
        Deadline(kind, due, "x")


# --- errors ------------------------------------------------------------------------

BAD = [
    # (typed, a piece of the message that shows what is wrong)
    ("", "Chưa nhập thời hạn"),
    ("  .  ", "Chưa nhập thời hạn"),
    ("abc", "«abc»"),
    ("sớm", "«sớm»"),
    ("Khi", "«Khi»"),
    ("31/02/2024", "31/02/2024"),
    ("29/02/2023", "29/02/2023"),
    ("29/02/1900", "29/02/1900"),
    ("31/04/2024", "31/04/2024"),
    ("00/01/2024", "00/01/2024"),
    ("15/13/2024", "Tháng 13"),
    ("15/01/24", "«24»"),
    ("15-01-24", "«24»"),
    ("trước ngày 31/02/2024", "31/02/2024"),
    ("trước tháng 6/2024", "«trước tháng 6/2024»"),
    ("Quý V/2024", "Quý V"),
    ("Quý 0/2024", "Quý 0"),
    ("Quý 5/2024", "Quý 5"),
    ("Quý IIII/2024", "Quý IIII"),
    ("Tháng 13/2024", "Tháng 13"),
    ("Tháng 0/2024", "Tháng 0"),
    ("Tháng 6/24", "«24»"),
    ("Năm 1899", "1899"),
    ("Năm 3000", "3000"),
    ("Năm 24", "«24»"),
    ("Năm 20245", "«20245»"),
    ("Quý I/3000", "3000"),
    ("2025 - 2024", "2025 - 2024"),
    ("2024 - 2024", "2024 - 2024"),
    ("Giai đoạn 2030 - 2024", "2030 - 2024"),
    ("Giai đoạn 2024 - 3000", "3000"),
    ("٢٠٢٤", "«٢٠٢٤»"),  # Arabic-Indic digits are not a year
]


@pytest.mark.parametrize(("typed", "shown"), BAD)
def test_bad_deadlines_raise_vietnamese_errors(typed, shown):
    with pytest.raises(DeadlineError) as info:
        parse_deadline(typed)
    assert isinstance(info.value, ValueError)
    message = str(info.value)
    assert shown in message
    assert VIETNAMESE_MARKS & set(message), message


def test_messages_say_how_to_write_it():
    with pytest.raises(DeadlineError) as info:
        parse_deadline("Quý V/2024")
    assert "Quý V không có" in str(info.value)
    assert 'quý phải từ I đến IV, ví dụ «Quý I/2024»' in str(info.value)
    with pytest.raises(DeadlineError, match="4 chữ số"):
        parse_deadline("15/01/24")
    with pytest.raises(DeadlineError, match="Thường xuyên"):
        parse_deadline("xyz")


# --- properties --------------------------------------------------------------------

DEADLINE_ALPHABET = st.sampled_from(
    list("0123456789/-–.,; IVXivx")
    + ["tháng", "Tháng", "quý", "Quý", "Q", "T", "năm", "ngày", "trước", "chậm nhất", "trong", "giai đoạn",
       "từ", "đến", "6 tháng", "đầu", "cuối", "Thường xuyên", "Hằng năm", "Sau khi", "Theo", "2024", "2030"]
)


@FAST
@given(st.text())
def test_any_text_parses_or_raises_deadline_error(text):
    try:
        result = parse_deadline(text)
    except DeadlineError:
        return
    assert isinstance(result, Deadline)


@FAST
@given(st.lists(DEADLINE_ALPHABET, max_size=10).map("".join))
def test_deadline_like_text_parses_or_raises_deadline_error(text):
    try:
        result = parse_deadline(text)
    except DeadlineError:
        return
    assert parse_deadline(result.text) == result


def _assert_fixed_point(deadline: Deadline) -> None:
    again = parse_deadline(deadline.text)
    assert again == deadline
    assert parse_deadline(again.text).text == again.text


@FAST
@given(st.dates(min_value=date(MIN_YEAR, 1, 1), max_value=date(MAX_YEAR, 12, 31)), st.sampled_from(["", "trước ", "chậm nhất là "]))
def test_generated_dates(day, prefix):
    typed = f"{prefix}ngày {day.day} tháng {day.month} năm {day.year}"
    deadline = parse_deadline(typed)
    assert (deadline.kind, deadline.due_date) == (DATE, day)
    assert parse_deadline(f"{prefix}{day.day}-{day.month}-{day.year}") == deadline
    _assert_fixed_point(deadline)


@FAST
@given(years, st.integers(min_value=1, max_value=12), st.sampled_from(["Tháng {m}/{y}", "tháng {m:02d} năm {y}", "T{m}-{y}"]))
def test_generated_months(year, month, pattern):
    deadline = parse_deadline(pattern.format(m=month, y=year))
    assert deadline.kind == MONTH
    assert deadline.due_date.year == year and deadline.due_date.month == month
    assert deadline.due_date.day == calendar.monthrange(year, month)[1]
    assert deadline.text == f"Tháng {month_text(month)}/{year}"
    _assert_fixed_point(deadline)


@FAST
@given(years, st.integers(min_value=1, max_value=4), st.booleans())
def test_generated_quarters(year, quarter, roman):
    written = to_roman(quarter) if roman else str(quarter)
    deadline = parse_deadline(f"quý {written} năm {year}")
    assert deadline.kind == QUARTER
    assert deadline.due_date == parse_deadline(f"Tháng {3 * quarter}/{year}").due_date
    assert deadline.text == f"Quý {to_roman(quarter)}/{year}"
    _assert_fixed_point(deadline)


@FAST
@given(years, st.booleans())
def test_generated_half_years(year, first):
    deadline = parse_deadline(f"{'sáu' if first else '6'} tháng {'đầu' if first else 'cuối'} năm {year}")
    assert deadline.kind == HALF_YEAR
    assert deadline.due_date == (date(year, 6, 30) if first else date(year, 12, 31))
    _assert_fixed_point(deadline)


@FAST
@given(years, st.sampled_from(["{y}", "Năm {y}", "trong năm {y}"]))
def test_generated_years(year, pattern):
    deadline = parse_deadline(pattern.format(y=year))
    assert deadline == Deadline(YEAR, date(year, 12, 31), f"Năm {year}")
    _assert_fixed_point(deadline)


@FAST
@given(
    st.integers(min_value=MIN_YEAR, max_value=MAX_YEAR - 1).flatmap(
        lambda start: st.tuples(st.just(start), st.integers(min_value=start + 1, max_value=MAX_YEAR))
    ),
    st.sampled_from(["{a}-{b}", "{a} \u2013 {b}", "Giai đoạn {a} - {b}", "từ năm {a} đến năm {b}"]),
)
def test_generated_periods(years_pair, pattern):
    start, end = years_pair
    deadline = parse_deadline(pattern.format(a=start, b=end))
    assert deadline.kind == PERIOD
    assert deadline.due_date == date(end, 12, 31)
    assert deadline.text.endswith(f"{start} - {end}")
    _assert_fixed_point(deadline)


@FAST
@given(st.integers(min_value=MIN_YEAR, max_value=MAX_YEAR), st.integers(min_value=MIN_YEAR, max_value=MAX_YEAR))
def test_periods_that_do_not_move_forward_are_rejected(start, end):
    if end > start:
        return
    with pytest.raises(DeadlineError):
        parse_deadline(f"{start} - {end}")


@FAST
@given(st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=40), st.sampled_from(["Sau khi", "Theo", "Ngay sau khi", "khi"]))
def test_generated_events(tail, opening):
    try:
        deadline = parse_deadline(f"{opening} {tail}")
    except DeadlineError:
        return  # e.g. the tail was only spaces or punctuation
    assert deadline.kind == EVENT
    assert deadline.text[0] in "SsTtNnKk" and deadline.text[0].isupper()
    _assert_fixed_point(deadline)


def test_canonical_formats_match_dates_helpers():
    deadline = parse_deadline("ngày 5 tháng 2 năm 2024")
    assert deadline.text == format_date(date(2024, 2, 5))
