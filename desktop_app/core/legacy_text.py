"""Vietnamese text typed in the legacy 8-bit encodings, converted to Unicode (NFC).

Before Unicode, offices typed Vietnamese in two encodings, chosen by the font:

- **TCVN3** ("ABC", TCVN 5712:1993, the VN3 table) in fonts named ``.VnTime``,
  ``.VnArial`` … (every font whose name starts with ".Vn"). Each letter with its tone is
  one byte in 0xA1–0xFE; only the lower-case toned letters have a byte, so headings were
  typed in the upper-case fonts ``.VnTimeH``, ``.VnArialH`` …, which draw those same
  bytes (and a–z) as capitals.
- **VNI** (VNI-Windows) in fonts named ``VNI-Times``, ``VNI-Helve`` …: a vowel is its base
  letter followed by one byte for its marks ("a" + "ù" is "á", "o" + "â" is "ô"), with
  single bytes for i/y with tones, ơ, ư and đ.

A .docx or .xlsx keeps such runs as the Latin-1/Windows-1252 characters of those bytes
("B¶o Th¾ng" is "Bảo Thắng" in .VnTime). :func:`converter_for_font` picks the conversion
from a run's font name; unknown fonts get None, so their text is left as it is.

Pure logic: no I/O, no Qt.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from ..i18n import _

__all__ = [
    "TCVN3",
    "VNI",
    "ENCODINGS",
    "LegacyTextError",
    "tcvn3_to_unicode",
    "vni_to_unicode",
    "unicode_to_tcvn3",
    "unicode_to_vni",
    "to_unicode",
    "converter_for_font",
    "encoding_for_font",
    "convert_run",
    "decode_legacy_bytes",
]

TCVN3 = "tcvn3"
VNI = "vni"
ENCODINGS: tuple[str, ...] = (TCVN3, VNI)


class LegacyTextError(ValueError):
    """A text cannot be written in a legacy encoding; the message says why, in Vietnamese."""


# --- TCVN3 (TCVN 5712:1993, VN3) -------------------------------------------------------
# The table as published: code point → letter. Letters are listed per vowel in the
# standard's tone order (huyền, hỏi, ngã, sắc, nặng).
_TCVN3_CODES: dict[int, str] = {  # vocabulary
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}
# In a document the byte arrives as the character of the same number (U+00A1 …).
_TCVN3_DECODE: dict[int, str] = dict(_TCVN3_CODES)
_TCVN3_ENCODE: dict[str, str] = {letter: chr(code) for code, letter in _TCVN3_CODES.items()}


def tcvn3_to_unicode(text: str, upper_case_font: bool = False) -> str:
    """TCVN3 text as stored for a ".Vn" font → Unicode NFC. *upper_case_font* for the
    ".VnTimeH" family, which draws every letter as a capital."""
    converted = unicodedata.normalize("NFC", text.translate(_TCVN3_DECODE))
    return converted.upper() if upper_case_font else converted


def unicode_to_tcvn3(text: str, upper_case_font: bool = False) -> str:
    """Unicode → TCVN3 (for tests and round trips). A capital with a tone mark has no
    code in the plain fonts: it can only be written for an upper-case font."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if upper_case_font:
            ch = ch.lower()
        coded = _TCVN3_ENCODE.get(ch)
        if coded is not None:
            out.append(coded)
        elif ch.lower() != ch and ch.lower() in _TCVN3_ENCODE:
            raise LegacyTextError(
                _("Chữ «{letter}» không có mã trong phông TCVN3 thường: chữ hoa có dấu chỉ viết được bằng "
                  "phông chữ hoa (.VnTimeH).").format(letter=ch)
            )
        elif ord(ch) > 0xFF or 0xA1 <= ord(ch) <= 0xFE:
            raise LegacyTextError(_("Ký tự «{char}» không viết được bằng bảng mã TCVN3.").format(char=ch))
        else:
            out.append(ch)
    return "".join(out)


# --- VNI (VNI-Windows) ----------------------------------------------------------------
# The marks byte after a base vowel, as published: tone marks, then the letter marks.
_VNI_TONES = {"ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ù": "\u0301", "ï": "\u0323"}  # vocabulary
# Marks bytes that also carry the letter's own mark: â ê ô (circumflex) or ă (breve).
_VNI_CIRCUMFLEX_TONES = {"â": "", "à": "\u0300", "å": "\u0309", "ã": "\u0303", "á": "\u0301", "ä": "\u0323"}  # vocabulary
_VNI_BREVE_TONES = {"ê": "", "è": "\u0300", "ú": "\u0309", "ü": "\u0303", "é": "\u0301", "ë": "\u0323"}  # vocabulary
_CIRCUMFLEX, _BREVE, _HORN = "\u0302", "\u0306", "\u031b"


def _vni_table() -> dict[str, str]:
    """Every VNI spelling (one or two characters) → its NFC letter, in lower and upper case."""
    lower: dict[str, str] = {}
    for base in "aeouy":
        for mark, tone in _VNI_TONES.items():
            lower[base + mark] = base + tone
    for base in "aeo":
        for mark, tone in _VNI_CIRCUMFLEX_TONES.items():
            lower[base + mark] = base + _CIRCUMFLEX + tone
    for mark, tone in _VNI_BREVE_TONES.items():
        lower["a" + mark] = "a" + _BREVE + tone
    for horn_base, letter in (("ô", "o"), ("ö", "u")):  # ơ, ư  # vocabulary
        lower[horn_base] = letter + _HORN
        for mark, tone in _VNI_TONES.items():
            lower[horn_base + mark] = letter + _HORN + tone
    # i and the ỵ have a single byte each; y with other tones uses the two-byte form.
    lower.update({"í": "i\u0301", "ì": "i\u0300", "æ": "i\u0309", "ó": "i\u0303", "ò": "i\u0323"})  # vocabulary
    lower["î"] = "y\u0323"
    del lower["yï"]  # ỵ is "î", never "y" + "ï"
    lower["ñ"] = "đ"  # vocabulary
    table: dict[str, str] = {}
    for spelling, letter in lower.items():
        table[spelling] = unicodedata.normalize("NFC", letter)
        table[spelling.upper()] = unicodedata.normalize("NFC", letter).upper()
    return table


_VNI_DECODE = _vni_table()
_VNI_ENCODE = {letter: spelling for spelling, letter in _VNI_DECODE.items()}


def vni_to_unicode(text: str) -> str:
    """VNI text as stored for a "VNI-…" font → Unicode NFC."""
    out = []
    i, n = 0, len(text)
    while i < n:
        pair = text[i:i + 2]
        if len(pair) == 2 and pair in _VNI_DECODE:
            out.append(_VNI_DECODE[pair])
            i += 2
            continue
        out.append(_VNI_DECODE.get(text[i], text[i]))
        i += 1
    return unicodedata.normalize("NFC", "".join(out))


def unicode_to_vni(text: str) -> str:
    """Unicode → VNI (for tests and round trips)."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        coded = _VNI_ENCODE.get(ch)
        if coded is not None:
            out.append(coded)
        elif ord(ch) > 0xFF:
            raise LegacyTextError(_("Ký tự «{char}» không viết được bằng bảng mã VNI.").format(char=ch))
        else:
            out.append(ch)
    return "".join(out)


# --- choosing by encoding or font -------------------------------------------------------


def to_unicode(text: str, encoding: str, upper_case_font: bool = False) -> str:
    """Convert *text* from the named legacy encoding ("tcvn3" or "vni")."""
    if encoding == TCVN3:
        return tcvn3_to_unicode(text, upper_case_font)
    if encoding == VNI:
        return vni_to_unicode(text)
    raise LegacyTextError(_("Bảng mã «{encoding}» không được hỗ trợ: chỉ có «{tcvn3}» hoặc «{vni}».").format(
        encoding=encoding, tcvn3=TCVN3, vni=VNI))


def encoding_for_font(font_name: str | None) -> tuple[str, bool] | None:
    """(encoding, upper-case font) for a legacy font name; None for any other font.

    ".VnTime", ".VnArial", ".VnTimeH" … are TCVN3 (the trailing capital H marks the
    upper-case fonts); "VNI-Times", "VNI-Helve" … are VNI.
    """
    if not font_name:
        return None
    name = font_name.strip()
    if name[:3].lower() == ".vn" and len(name) > 3:
        return TCVN3, name.endswith("H")
    if name[:4].lower() in ("vni-", "vni ") and len(name) > 4:
        return VNI, False
    return None


def converter_for_font(font_name: str | None) -> Callable[[str], str] | None:
    """The function that converts a run typed in *font_name* to Unicode; None if the font
    is not a legacy Vietnamese font (its text is Unicode already, or unknown)."""
    found = encoding_for_font(font_name)
    if found is None:
        return None
    encoding, upper = found
    if encoding == TCVN3:
        return lambda text: tcvn3_to_unicode(text, upper)
    return vni_to_unicode


def convert_run(text: str, font_name: str | None) -> str | None:
    """A run's text in Unicode if its font is a legacy one, else None."""
    convert = converter_for_font(font_name)
    return None if convert is None else convert(text)


def decode_legacy_bytes(data: bytes) -> str:
    """The characters of a legacy text file: UTF-8 if it is valid UTF-8 (text copied out of
    an old document keeps its legacy letters), otherwise Windows-1252 byte for byte, with
    the five bytes Windows-1252 leaves undefined read as Latin-1."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1").translate(_CP1252)


# Windows-1252's characters for 0x80–0x9F; the five it leaves undefined stay as Latin-1.
_CP1252: dict[int, str] = {
    b: bytes([b]).decode("cp1252") for b in range(0x80, 0xA0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}
