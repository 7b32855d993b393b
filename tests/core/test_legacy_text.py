"""TCVN3 (ABC) and VNI text from old documents, converted to Unicode NFC by encoding or font."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core.legacy_text import (
    TCVN3,
    VNI,
    LegacyTextError,
    convert_run,
    converter_for_font,
    decode_legacy_bytes,
    encoding_for_font,
    tcvn3_to_unicode,
    to_unicode,
    unicode_to_tcvn3,
    unicode_to_vni,
    vni_to_unicode,
)

FAST = settings(max_examples=200, database=None, deadline=None)


def latin1(data: bytes) -> str:
    """The characters a .docx run holds for these legacy bytes."""
    return data.decode("latin-1")


# Rows of TCVN 5712:1993 (VN3): each vowel with no tone, huyền, hỏi, ngã, sắc, nặng.
TCVN3_ROWS = [
    (b"a\xb5\xb6\xb7\xb8\xb9", "aàảãáạ"),
    (b"\xa8\xbb\xbc\xbd\xbe\xc6", "ăằẳẵắặ"),
    (b"\xa9\xc7\xc8\xc9\xca\xcb", "âầẩẫấậ"),
    (b"e\xcc\xce\xcf\xd0\xd1", "eèẻẽéẹ"),
    (b"\xaa\xd2\xd3\xd4\xd5\xd6", "êềểễếệ"),
    (b"i\xd7\xd8\xdc\xdd\xde", "iìỉĩíị"),
    (b"o\xdf\xe1\xe2\xe3\xe4", "oòỏõóọ"),
    (b"\xab\xe5\xe6\xe7\xe8\xe9", "ôồổỗốộ"),
    (b"\xac\xea\xeb\xec\xed\xee", "ơờởỡớợ"),
    (b"u\xef\xf1\xf2\xf3\xf4", "uùủũúụ"),
    (b"\xad\xf5\xf6\xf7\xf8\xf9", "ưừửữứự"),
    (b"y\xfa\xfb\xfc\xfd\xfe", "yỳỷỹýỵ"),
    (b"\xae\xa7\xa1\xa2\xa3\xa4\xa5\xa6", "đĐĂÂÊÔƠƯ"),
]

# VNI-Windows: base letter + marks byte; single bytes for i with tones, ỵ, ơ, ư, đ.
VNI_ROWS = [
    ("aaøaûaõaùaï", "aàảãáạ"),
    ("aêaèaúaüaéaë", "ăằẳẵắặ"),
    ("aâaàaåaãaáaä", "âầẩẫấậ"),
    ("eeøeûeõeùeï", "eèẻẽéẹ"),
    ("eâeàeåeãeáeä", "êềểễếệ"),
    ("iìæóíò", "iìỉĩíị"),
    ("ooøoûoõoùoï", "oòỏõóọ"),
    ("oâoàoåoãoáoä", "ôồổỗốộ"),
    ("ôôøôûôõôùôï", "ơờởỡớợ"),
    ("uuøuûuõuùuï", "uùủũúụ"),
    ("ööøöûöõöùöï", "ưừửữứự"),
    ("yyøyûyõyùî", "yỳỷỹýỵ"),
    ("ñÑ", "đĐ"),
    ("AAØAÛAÕAÙAÏAÊAÈAÚAÜAÉAËAÂAÀAÅAÃAÁAÄ", "AÀẢÃÁẠĂẰẲẴẮẶÂẦẨẪẤẬ"),
    ("EEØEÛEÕEÙEÏEÂEÀEÅEÃEÁEÄ", "EÈẺẼÉẸÊỀỂỄẾỆ"),
    ("IÌÆÓÍÒ", "IÌỈĨÍỊ"),
    ("OOØOÛOÕOÙOÏOÂOÀOÅOÃOÁOÄÔÔØÔÛÔÕÔÙÔÏ", "OÒỎÕÓỌÔỒỔỖỐỘƠỜỞỠỚỢ"),
    ("UUØUÛUÕUÙUÏÖÖØÖÛÖÕÖÙÖÏ", "UÙỦŨÚỤƯỪỬỮỨỰ"),
    ("YYØYÛYÕYÙÎ", "YỲỶỸÝỴ"),
]


@pytest.mark.parametrize(("legacy", "unicode"), TCVN3_ROWS)
def test_tcvn3_table_rows(legacy, unicode):
    assert tcvn3_to_unicode(latin1(legacy)) == unicode


@pytest.mark.parametrize(("legacy", "unicode"), VNI_ROWS)
def test_vni_table_rows(legacy, unicode):
    assert vni_to_unicode(legacy) == unicode


SENTENCES_TCVN3 = [
    (b"C\xe9ng ho\xb5 x\xb7 h\xe9i ch\xf1 ngh\xdca Vi\xd6t Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam"),
    (b"\xa7\xe9c l\xcbp - T\xf9 do - H\xb9nh ph\xf3c", "Độc lập - Tự do - Hạnh phúc"),
    (b"\xa7\xb6ng c\xe9ng s\xb6n Vi\xd6t Nam", "Đảng cộng sản Việt Nam"),
    (b"B\xb6o Th\xbeng, M\xad\xeang Kh\xad\xacng, B\xb8t X\xb8t", "Bảo Thắng, Mường Khương, Bát Xát"),
    (
        b"Ch\xad\xacng tr\xd7nh h\xb5nh \xae\xe9ng th\xf9c hi\xd6n Ngh\xde quy\xd5t s\xe8 57-NQ/TW",
        "Chương trình hành động thực hiện Nghị quyết số 57-NQ/TW",
    ),
    (
        b"Kh\xe8i \xae\xad\xeang b\xe9; k\xfa h\xe4p; th\xf8 m\xad\xeai",
        "Khối đường bộ; kỳ họp; thứ mười",
    ),
]


def test_tcvn3_sentences():
    for legacy, unicode in SENTENCES_TCVN3:
        assert tcvn3_to_unicode(latin1(legacy)) == unicode


def test_tcvn3_unassigned_bytes_are_left_as_they_are():
    # 0xAF and 0xB0–0xB4 carry no Vietnamese letter in the ABC fonts.
    assert tcvn3_to_unicode("x\xaf\xb0\xb4y") == "x\xaf\xb0\xb4y"


def test_tcvn3_upper_case_font():
    # .VnTimeH draws the lower-case bytes, and a–z, as capitals.
    heading = latin1(b"C\xe9NG HO\xb5 X\xb7 H\xe9I CH\xf1 NGH\xdcA VI\xd6T NAM")
    assert tcvn3_to_unicode(heading, upper_case_font=True) == "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert tcvn3_to_unicode(latin1(b"\xa7\xb6ng c\xe9ng s\xb6n"), True) == "ĐẢNG CỘNG SẢN"
    assert convert_run(latin1(b"ch\xad\xacng tr\xd7nh"), ".VnTimeH") == "CHƯƠNG TRÌNH"


SENTENCES_VNI = [
    ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"),
    ("ÑAÛNG COÄNG SAÛN VIEÄT NAM", "ĐẢNG CỘNG SẢN VIỆT NAM"),
    ("Ngöôøi ñöùng ñaàu phaûi göông maãu, quyeát lieät", "Người đứng đầu phải gương mẫu, quyết liệt"),
    ("Tænh uûy Laïng Sôn; Ban Thöôøng vuï; kyø hoïp thöù möôøi", "Tỉnh ủy Lạng Sơn; Ban Thường vụ; kỳ họp thứ mười"),
    ("Xin chaøo caùc baïn", "Xin chào các bạn"),
    ("Quyõ, khuyeán khích, nguyeän voïng, thuôû, yù kieán, gì, ngheä thuaät", "Quỹ, khuyến khích, nguyện vọng, thuở, ý kiến, gì, nghệ thuật"),
]


@pytest.mark.parametrize(("legacy", "unicode"), SENTENCES_VNI)
def test_vni_sentences(legacy, unicode):
    assert vni_to_unicode(legacy) == unicode
    assert unicode_to_vni(unicode) == legacy


def test_output_is_nfc():
    for legacy, _ in VNI_ROWS:
        out = vni_to_unicode(legacy)
        assert unicodedata.is_normalized("NFC", out)
    for legacy, _ in TCVN3_ROWS:
        assert unicodedata.is_normalized("NFC", tcvn3_to_unicode(latin1(legacy)))


# --- every vowel and tone, in both directions ------------------------------------------

LOWER_LETTERS = "".join(row[1] for row in TCVN3_ROWS[:-1]) + "đ"
ALL_LETTERS = LOWER_LETTERS + LOWER_LETTERS.upper()


def test_every_letter_converts_back_and_forth():
    for letter in ALL_LETTERS:
        assert vni_to_unicode(unicode_to_vni(letter)) == letter
        if letter == letter.lower() or letter in "ĂÂÊÔƠƯĐ":
            assert tcvn3_to_unicode(unicode_to_tcvn3(letter)) == letter
        assert tcvn3_to_unicode(unicode_to_tcvn3(letter, upper_case_font=True), upper_case_font=True) == letter.upper()


def test_capitals_with_tones_have_no_plain_tcvn3_code():
    with pytest.raises(LegacyTextError, match=".VnTimeH"):
        unicode_to_tcvn3("Ấ")
    with pytest.raises(LegacyTextError):
        unicode_to_vni("€漢")


vietnamese_text = st.text(alphabet=st.sampled_from(list(ALL_LETTERS + "bcdghklmnpqrstvx BCDGHKLMNPQRSTVX,.-0123456789")), max_size=60)
plain_text = st.text(alphabet=st.sampled_from(list(LOWER_LETTERS + "ĂÂÊÔƠƯĐbcdghklmnpqrstvxBCDGHKLMNPQRSTVX ,.-0123456789")), max_size=60)


@FAST
@given(vietnamese_text)
def test_vni_round_trip(text):
    assert vni_to_unicode(unicode_to_vni(text)) == text


@FAST
@given(plain_text)
def test_tcvn3_round_trip(text):
    assert tcvn3_to_unicode(unicode_to_tcvn3(text)) == text


@FAST
@given(vietnamese_text)
def test_tcvn3_upper_case_round_trip(text):
    assert tcvn3_to_unicode(unicode_to_tcvn3(text, True), True) == text.upper()


@FAST
@given(st.text(alphabet=st.characters(codec="ascii"), max_size=60))
def test_ascii_is_left_alone(text):
    assert tcvn3_to_unicode(text) == text
    assert vni_to_unicode(text) == text


# --- by font name ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("font", "expected"),
    [
        (".VnTime", (TCVN3, False)),
        (".VnTimeH", (TCVN3, True)),
        (".VnArial", (TCVN3, False)),
        (".VnArialH", (TCVN3, True)),
        (".VnArial NarrowH", (TCVN3, True)),
        (".VnCentury Schoolbook", (TCVN3, False)),
        (" .vntime ", (TCVN3, False)),
        ("VNI-Times", (VNI, False)),
        ("VNI-Helve", (VNI, False)),
        ("VNI-Helve-Condense", (VNI, False)),
        ("vni-times", (VNI, False)),
        ("Times New Roman", None),
        ("Arial", None),
        ("VnTime", None),  # without the dot: a Unicode font of that name
        (".Vn", None),
        ("VNI-", None),
        ("", None),
        (None, None),
    ],
)
def test_encoding_for_font(font, expected):
    assert encoding_for_font(font) == expected


def test_converter_for_font_converts_or_refuses_with_none():
    assert converter_for_font("Times New Roman") is None
    assert convert_run("Bảo Thắng", "Times New Roman") is None
    tcvn3 = converter_for_font(".VnTime")
    assert tcvn3 is not None and tcvn3(latin1(b"B\xb6o Th\xbeng")) == "Bảo Thắng"
    vni = converter_for_font("VNI-Times")
    assert vni is not None and vni("Baûo Thaéng") == "Bảo Thắng"


def test_to_unicode_names_the_encoding():
    assert to_unicode("Vieät", VNI) == "Việt"
    assert to_unicode(latin1(b"Vi\xd6t"), TCVN3) == "Việt"
    with pytest.raises(LegacyTextError, match="không được hỗ trợ"):
        to_unicode("x", "viqr")


def test_decode_legacy_bytes():
    assert decode_legacy_bytes(b"B\xb6o Th\xbeng") == "B\xb6o Th\xbeng"  # not UTF-8: one byte, one character
    assert decode_legacy_bytes("B\xb6o".encode("utf-8")) == "B\xb6o"  # already characters
    assert decode_legacy_bytes(b"\xef\xbb\xbfabc") == "abc"
    assert decode_legacy_bytes(b"\x85\x93x\x94\x81") == "\u2026\u201cx\u201d\x81"  # Windows-1252 punctuation
