"""Vietnamese text helpers (desktop_app.core.text)."""

from __future__ import annotations

import random
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.core.text import (
    clean_control,
    count_control,
    fold,
    multi_line,
    name_sort_key,
    nfc,
    single_line,
    sort_key,
)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


BAD_CHARS = (
    [chr(c) for c in range(0x00, 0x09)]
    + ["\x0b", "\x0c"]
    + [chr(c) for c in range(0x0E, 0x20)]
    + ["\ud800", "\udbff", "\udc00", "\udfff", "\ufffe", "\uffff"]
)


def _is_bad(ch: str) -> bool:
    code = ord(ch)
    return (
        (code < 0x20 and ch not in "\t\n\r")
        or 0xD800 <= code <= 0xDFFF
        or ch in ("\ufffe", "\uffff")
    )


# --- nfc ------------------------------------------------------------------------


def test_nfc():
    assert nfc(None) == ""
    assert nfc("") == ""
    assert nfc(nfd("Tỉnh ủy Lạng Sơn")) == "Tỉnh ủy Lạng Sơn"
    assert nfc(nfd("Nghị quyết")) == unicodedata.normalize("NFC", "Nghị quyết")
    assert len(nfc(nfd("ệ"))) == 1


def test_nfc_keeps_tone_placement():
    # NFC does not unify old and new tone placement.
    assert nfc("Tỉnh uỷ") != nfc("Tỉnh ủy")


# --- fold ---------------------------------------------------------------------------


def test_fold_case_and_diacritics():
    assert fold("ĐẢNG CỘNG SẢN VIỆT NAM") == "dang cong san viet nam"
    assert fold("Nghị quyết") == "nghi quyet"
    assert fold("Ưu tiên Ơn nghĩa") == "uu tien on nghia"
    assert fold("ăâêôơư") == "aaeoou"


def test_fold_d_stroke():
    assert fold("đ") == "d"
    assert fold("Đ") == "d"
    assert fold("Đảng đoàn") == "dang doan"
    assert fold("Ban Tuyên giáo và Dân vận") == fold("ban tuyen giao va dan van")


def test_fold_tone_placement():
    assert fold("Tỉnh uỷ") == fold("Tỉnh ủy") == "tinh uy"
    assert fold("hoà bình") == fold("hòa bình")
    assert fold("Thuý") == fold("Thúy")


def test_fold_nfd_input():
    assert fold(nfd("Tỉnh ủy Lạng Sơn")) == "tinh uy lang son"
    assert fold(nfd("ĐƯỜNG")) == "duong"


def test_fold_whitespace():
    assert fold("  Tỉnh\tủy \n Lạng\u00a0Sơn  ") == "tinh uy lang son"
    assert fold(None) == ""
    assert fold("") == ""
    assert fold("   ") == ""


def test_fold_drops_every_mark_of_every_vietnamese_letter():
    """The fast path (ASCII, đ and marks only) and the others give what the rule says:
    NFD, no combining mark, đ→d, lower case."""
    import unicodedata

    bases = "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY"
    letters = [unicodedata.normalize("NFC", b + tone) for b in bases for tone in ("", "\u0300", "\u0309", "\u0303",
                                                                                 "\u0301", "\u0323")]
    text = " ".join(letters) + " Đ đ"

    def by_definition(t):
        d = unicodedata.normalize("NFD", unicodedata.normalize("NFC", t).casefold())
        return " ".join("".join(ch for ch in d if not unicodedata.combining(ch)).replace("đ", "d").split())

    assert fold(text) == by_definition(text)
    assert set(fold(text)) <= set("aeiouy d")
    for mixed in ("Nghị quyết – «số 5» “Đảng”", "Łódź và Đà Lạt", "Ωmega tỉnh", "x\u0334y ủy", "Tỉnh ủy"):
        assert fold(mixed) == by_definition(mixed), mixed
    assert fold("Nghị quyết – «số 5»") == "nghi quyet – «so 5»"
    assert fold("Łódź") == "łodz"


def test_fold_every_kind_of_whitespace_is_one_space():
    """fold() collapses whatever str.isspace() calls whitespace (what the regex \\s matches),
    including the line and paragraph separators and the C0 separators."""
    import sys

    spaces = [chr(i) for i in range(sys.maxunicode + 1) if chr(i).isspace()]
    assert {"\u2028", "\u2029", "\x1c", "\x85", "\u3000"} <= set(spaces)
    for ws in spaces:
        assert fold(f"{ws}Tỉnh{ws}{ws}ủy {ws}") == "tinh uy", repr(ws)


# --- sort_key -------------------------------------------------------------------------

ALPHABET = "a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y".split()


def _shuffled(items: list[str], seed: int = 42) -> list[str]:
    copy = list(items)
    random.Random(seed).shuffle(copy)
    return copy


def test_sort_full_alphabet():
    for seed in range(5):
        assert sorted(_shuffled(ALPHABET, seed), key=sort_key) == ALPHABET


def test_sort_full_alphabet_upper_case():
    upper = [letter.upper() for letter in ALPHABET]
    assert sorted(_shuffled(upper), key=sort_key) == upper


def test_python_sorted_is_wrong_for_vietnamese():
    # the reason sort_key exists: code point order puts đ after y
    assert sorted(["đ", "e"]) == ["e", "đ"]
    assert sorted(["đ", "e"], key=sort_key) == ["đ", "e"]


def test_sort_tones_secondary():
    tones = ["ma", "mà", "mả", "mã", "má", "mạ"]
    for seed in range(5):
        assert sorted(_shuffled(tones, seed), key=sort_key) == tones


def test_sort_tones_on_modified_letters():
    words = ["ơ", "ờ", "ở", "ỡ", "ớ", "ợ"]
    assert sorted(_shuffled(words), key=sort_key) == words
    assert sorted(["ư", "ự", "u", "ụ"], key=sort_key) == ["u", "ụ", "ư", "ự"]


def test_sort_primary_beats_secondary():
    assert sort_key("mạ") < sort_key("mb")
    assert sort_key("ạ") < sort_key("ă")
    assert sort_key("ặ") < sort_key("â")
    assert sort_key("dz") < sort_key("đa")
    assert sort_key("uz") < sort_key("ư")
    assert sorted(["mb", "mạ", "ma"], key=sort_key) == ["ma", "mạ", "mb"]


def test_sort_case_is_tertiary():
    assert sort_key("ma") < sort_key("Ma") < sort_key("mà")
    assert sort_key("Ma") < sort_key("mb")


def test_sort_words():
    words = ["Yên Bái", "Đắk Lắk", "An Giang", "Lạng Sơn", "Điện Biên", "Cao Bằng", "Bắc Kạn"]
    assert sorted(words, key=sort_key) == [
        "An Giang", "Bắc Kạn", "Cao Bằng", "Đắk Lắk", "Điện Biên", "Lạng Sơn", "Yên Bái",
    ]


def test_sort_key_normalises_input():
    assert sort_key(nfd("Lạng Sơn")) == sort_key("Lạng Sơn")
    assert sort_key("  Lạng   Sơn ") == sort_key("Lạng Sơn")
    assert sort_key(None) == sort_key("")


def test_sort_shorter_prefix_first():
    assert sorted(["anh", "an", "a"], key=sort_key) == ["a", "an", "anh"]


# --- name_sort_key ----------------------------------------------------------------------


def test_name_sort_by_given_name():
    names = ["Lê Văn Cường", "Trần Thị Bình", "Nguyễn Văn An"]
    assert sorted(names, key=name_sort_key) == [
        "Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường",
    ]


def test_name_sort_same_given_name_then_rest():
    names = ["Trần Văn An", "Đỗ Thị An", "Bùi An"]
    assert sorted(names, key=name_sort_key) == ["Bùi An", "Đỗ Thị An", "Trần Văn An"]


def test_name_sort_given_name_vietnamese_order():
    names = ["Phạm Thị Đào", "Hoàng Văn Dũng", "Lý Thị Ánh", "Vi Văn Ân"]
    assert sorted(names, key=name_sort_key) == [
        "Lý Thị Ánh", "Vi Văn Ân", "Hoàng Văn Dũng", "Phạm Thị Đào",
    ]


def test_name_sort_single_word_and_empty():
    assert sorted(["Bình", "An"], key=name_sort_key) == ["An", "Bình"]
    assert name_sort_key(None) == name_sort_key("")
    assert name_sort_key("  Nguyễn   Văn  An ") == name_sort_key("Nguyễn Văn An")


# --- single_line / multi_line -------------------------------------------------------------


def test_single_line():
    assert single_line("  Tỉnh ủy\n Lạng\tSơn \r\n") == "Tỉnh ủy Lạng Sơn"
    assert single_line(nfd("Lạng Sơn")) == "Lạng Sơn"
    assert single_line("a\x00b\x07 c") == "ab c"
    assert single_line(None) == ""
    assert single_line(" \n\t ") == ""


def test_multi_line():
    assert multi_line("Dòng 1  \r\nDòng 2\rDòng 3\n\n") == "Dòng 1\nDòng 2\nDòng 3"
    assert multi_line("\n\nI- MỤC ĐÍCH\n\n1. Quán triệt\n") == "I- MỤC ĐÍCH\n\n1. Quán triệt"
    # leading blanks of the whole text go; indentation inside it stays
    assert multi_line("\tthụt đầu dòng") == "thụt đầu dòng"
    assert multi_line("  Dòng 1\n\tthụt đầu dòng") == "Dòng 1\n\tthụt đầu dòng"
    assert multi_line(nfd("Lạng Sơn\x0b")) == "Lạng Sơn"
    assert multi_line(None) == ""


# --- clean_control / count_control -----------------------------------------------------------


@pytest.mark.parametrize("bad", BAD_CHARS)
def test_clean_control_removes_each_bad_character(bad):
    assert clean_control(f"a{bad}b") == "ab"
    assert count_control(f"a{bad}b{bad}") == 2


def test_clean_control_keeps_tab_newlines_and_vietnamese():
    text = "Tỉnh ủy\tLạng Sơn\r\nĐảng bộ\nKhối ươ ữ ặ Ỹ"
    assert clean_control(text) == text
    assert count_control(text) == 0
    # characters beyond the BMP and the C1 range are allowed in XML
    assert clean_control("😀\x85\x7f") == "😀\x85\x7f"


def test_clean_control_empty():
    assert clean_control(None) == ""
    assert clean_control("") == ""
    assert count_control(None) == 0
    assert count_control("") == 0


# --- properties --------------------------------------------------------------------------------

_vietnamese = st.text(
    alphabet=st.sampled_from(
        list("aăâbcdđeêghiklmnoôơpqrstuưvxy AĂÂĐÊÔƠƯ")
        + ["\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\t", "\n"]
    ),
    max_size=40,
)
_any_text = st.text(max_size=40) | _vietnamese
_with_bad = st.text(
    alphabet=st.characters() | st.sampled_from(BAD_CHARS)
    | st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF, categories=["Cs"]),
    max_size=40,
)


@given(_any_text)
def test_fold_idempotent(text):
    assert fold(fold(text)) == fold(text)


@given(_any_text)
def test_fold_ignores_normalisation_form(text):
    assert fold(nfc(text)) == fold(nfd(text))


@given(_any_text)
def test_fold_has_no_combining_marks_or_upper_vietnamese(text):
    folded = fold(text)
    assert not any(unicodedata.combining(ch) for ch in folded)
    assert "đ" not in folded and "Đ" not in folded


@given(_with_bad)
def test_clean_control_output_never_bad(text):
    cleaned = clean_control(text)
    assert not any(_is_bad(ch) for ch in cleaned)
    assert count_control(text) == len(text) - len(cleaned)
    assert clean_control(cleaned) == cleaned


@given(_with_bad)
def test_single_and_multi_line_output_clean_and_stable(text):
    one, many = single_line(text), multi_line(text)
    assert not any(_is_bad(ch) for ch in one + many)
    assert "\n" not in one and "\r" not in many
    assert single_line(one) == one
    assert multi_line(many) == many


_VOWELS = list("aăâeêioôơuưyAĂÂEÊIOÔƠUƯY")
_CONSONANTS = list("bcdđghklmnpqrstvxBCDĐGHKLMNPQRSTVX ")
# Well-formed text: tone marks only on vowels (a stray mark is not Vietnamese text).
_well_formed = st.lists(
    st.sampled_from(_CONSONANTS)
    | st.builds(
        lambda v, t: nfc(v + t),
        st.sampled_from(_VOWELS),
        st.sampled_from(["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]),
    ),
    max_size=12,
).map("".join)


@given(_vietnamese)
def test_sort_key_ignores_normalisation_form(text):
    assert sort_key(nfd(text)) == sort_key(nfc(text))


_TONES = "\u0300\u0301\u0303\u0309\u0323"


@given(_well_formed)
def test_tones_never_change_the_primary_key(text):
    toneless = nfc("".join(ch for ch in nfd(text) if ch not in _TONES))
    assert sort_key(text)[0] == sort_key(toneless)[0]


@given(_well_formed, _well_formed)
def test_equal_sort_keys_only_for_equal_texts(a, b):
    if sort_key(a) == sort_key(b):
        assert single_line(a) == single_line(b)


@given(_well_formed, _well_formed)
def test_sort_key_primary_is_letter_order(a, b):
    # a word sorts by its letters first: same letters (ignoring tone and case) → same primary
    strip = lambda t: nfc("".join(ch for ch in nfd(t) if ch not in _TONES)).lower()  # noqa: E731
    if strip(single_line(a)) == strip(single_line(b)):
        assert sort_key(a)[0] == sort_key(b)[0]


def test_sort_key_puts_punctuation_and_digits_before_letters_like_icu():
    assert sorted(["b", "9", "(ghi chú)", "a"], key=sort_key) == ["(ghi chú)", "9", "a", "b"]


def test_sort_key_ignores_stray_combining_mark_at_primary_level():
    stray = "b\u0300a"  # a grave accent not attached to a vowel
    assert sort_key(stray)[0] == sort_key("ba")[0]


def test_multi_line_breaks_on_unicode_line_separators():
    assert multi_line("một\u2028hai\x85ba") == "một\nhai\nba"


def _fold_char_by_char(text: str) -> str:
    """fold() as first written: every combining mark dropped one character at a time."""
    import re
    import unicodedata

    decomposed = unicodedata.normalize("NFD", unicodedata.normalize("NFC", text).casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("đ", "d")
    return re.sub(r"\s+", " ", bare).strip()


@pytest.mark.parametrize("text", ["Tỉnh Uỷ Lạng Sơn", "ĐẢNG ỦY KHỐI", "café Ñandú", "x\u1ab0y", "a\u20d0b đ",
                                  "日本語 ư", "ﬁ ß İ", "  nhiều   khoảng\ttrắng "])
def test_fold_fast_path_agrees_with_the_char_by_char_rule(text):
    assert fold(text) == _fold_char_by_char(text)


@given(st.text(max_size=30))
def test_fold_agrees_with_the_char_by_char_rule_on_any_text(text):
    assert fold(text) == _fold_char_by_char(text)


# The cleaning functions skip their work for a printable NFC text (an import checks millions
# of values); what they return must be what the full rule gives, on every kind of text.
_TRICKY = (" \t\n\r\x0b\x0c\x00\x08\x1f\x85\xa0\u2028\u2029\u3000\u200b\u200d\ufeff\ufffe\uffff\ud800"
           "aăâđêôơưÀẢẠếệỳ\u0301\u0323\u0300 .,;-–—«»%/")


def _single_line_rule(text):
    import re

    from desktop_app.core.text import clean_control
    return re.sub(r"\s+", " ", clean_control(nfc(text))).strip()


def _multi_line_rule(text):
    from desktop_app.core.text import clean_control
    return "\n".join(line.rstrip() for line in clean_control(nfc(text)).splitlines()).strip()


@given(st.text(alphabet=st.sampled_from(_TRICKY), max_size=12) | st.text(max_size=12))
def test_the_fast_paths_give_the_full_rule(text):
    from desktop_app.core.text import _XML_BAD, count_control, multi_line, single_line

    assert single_line(text) == _single_line_rule(text)
    assert multi_line(text) == _multi_line_rule(text)
    assert count_control(text) == len(_XML_BAD.findall(text))


def test_the_fast_paths_on_plain_vietnamese():
    from desktop_app.core.text import count_control, multi_line, single_line

    decomposed = unicodedata.normalize("NFD", "Tỉnh ủy")
    for text in ("Tỉnh ủy Lạng Sơn", " Tỉnh ủy ", "Tỉnh  ủy", decomposed, "Tỉnh\u00a0ủy", "Tỉnh ủy\u2028", "a\x00b"):
        assert single_line(text) == _single_line_rule(text), text
        assert multi_line(text) == _multi_line_rule(text), text
    assert single_line(decomposed) == "Tỉnh ủy" and multi_line(" Tỉnh ủy ") == "Tỉnh ủy"
    assert count_control("Tỉnh ủy") == 0 and count_control("a\x00b\ufffe") == 2


def test_parse_date_remembers_a_text_but_not_a_refusal():
    from desktop_app.core.dates import DateError, parse_date

    assert parse_date("05/02/2024") == parse_date(" 05/02/2024 ") == parse_date("2024-02-05")
    for _ in range(2):
        with pytest.raises(DateError):
            parse_date("31/02/2024")
    with pytest.raises(DateError):
        parse_date(None)
