"""Document symbols (số và ký hiệu văn bản): read what people type, print the official form.

Party documents write ``NUMBER-TYPE/ISSUER`` ("42-NQ/TW", "15-CTr/TU"). State documents
(Nghị định 30/2020/NĐ-CP) write ``NUMBER/TYPE-ISSUER`` ("68/NQ-CP"); a công văn has no
type ("1483/UBND-THNC") and legal documents carry the year ("30/2020/NĐ-CP").

Real input is messy ("45- NQ/TW", "Nghị quyết số 42-NQ/TW, ngày 24/11/2023", lower case,
en dashes, NFD), so parsing is lenient while the stored and printed form is canonical.

Regular expressions here use explicit character classes on purpose: ``\\d`` matches
non-ASCII digits and ``re.IGNORECASE`` lets the Kelvin sign stand for "k".

Pure logic: no I/O, no Qt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..i18n import N_, _
from .dates import MAX_YEAR, MIN_YEAR
from .text import fold, single_line

__all__ = [
    "PARTY",
    "STATE",
    "PARTY_TYPES",
    "PARTY_ISSUERS",
    "STATE_TYPES",
    "STATE_ISSUERS",
    "MAX_NUMBER",
    "SymbolError",
    "DocumentSymbol",
    "parse_symbol",
]

PARTY = "party"
STATE = "state"

# Official spelling of each code → Vietnamese name. Matching ignores case (the
# upper-cased forms are compared), so only the key's spelling matters for output;
# extend these tables rather than special-casing codes in the parser.
PARTY_TYPES: dict[str, str] = {  # vocabulary (codes); names in N_: the GUI shows them translated
    "NQ": N_("Nghị quyết"),
    "QĐ": N_("Quyết định"),  # Party QĐ is used for both quyết định and quy định
    "QĐi": N_("Quy định"),
    "CT": N_("Chỉ thị"),
    "KL": N_("Kết luận"),
    "CTr": N_("Chương trình"),
    "KH": N_("Kế hoạch"),
    "BC": N_("Báo cáo"),
    "HD": N_("Hướng dẫn"),
    "TB": N_("Thông báo"),
    "TT": N_("Thông tri"),
    "TTr": N_("Tờ trình"),
    "QC": N_("Quy chế"),
    "ĐA": N_("Đề án"),
    "BB": N_("Biên bản"),
    "CV": N_("Công văn"),
    "BS": N_("Bản sao"),
}

PARTY_ISSUERS: dict[str, str] = {  # vocabulary
    "TW": "Trung ương",
    "VPTW": "Văn phòng Trung ương Đảng",
    "TU": "Tỉnh ủy",
    "ThU": "Thành ủy",
    "HU": "Huyện ủy",
    "ĐU": "Đảng ủy",
    "UBKTTU": "Ủy ban Kiểm tra Tỉnh ủy",
    "BTGTU": "Ban Tuyên giáo Tỉnh ủy",
    "BTCTU": "Ban Tổ chức Tỉnh ủy",
    "BDVTU": "Ban Dân vận Tỉnh ủy",
    "VPTU": "Văn phòng Tỉnh ủy",
    "BTGDVTU": "Ban Tuyên giáo và Dân vận Tỉnh ủy",
    "BNCTU": "Ban Nội chính Tỉnh ủy",
}

# Phụ lục III of Nghị định 30/2020/NĐ-CP, plus the legal-document types (NĐ, TT, TTLT).
# A state symbol's first piece after "/" is its type only if it is listed here;
# otherwise the symbol is a công văn and the whole part is the issuer.
STATE_TYPES: dict[str, str] = {  # vocabulary (codes); names in N_: the GUI shows them translated
    "NQ": N_("Nghị quyết"),
    "QĐ": N_("Quyết định"),
    "CT": N_("Chỉ thị"),
    "QC": N_("Quy chế"),
    "QyĐ": N_("Quy định"),
    "TC": N_("Thông cáo"),
    "TB": N_("Thông báo"),
    "HD": N_("Hướng dẫn"),
    "CTr": N_("Chương trình"),
    "KH": N_("Kế hoạch"),
    "PA": N_("Phương án"),
    "ĐA": N_("Đề án"),
    "DA": N_("Dự án"),
    "BC": N_("Báo cáo"),
    "BB": N_("Biên bản"),
    "TTr": N_("Tờ trình"),
    "HĐ": N_("Hợp đồng"),
    "CĐ": N_("Công điện"),
    "GN": N_("Bản ghi nhớ"),
    "TTh": N_("Bản thỏa thuận"),
    "GUQ": N_("Giấy ủy quyền"),
    "GM": N_("Giấy mời"),
    "GGT": N_("Giấy giới thiệu"),
    "GNP": N_("Giấy nghỉ phép"),
    "PG": N_("Phiếu gửi"),
    "PC": N_("Phiếu chuyển"),
    "PB": N_("Phiếu báo"),
    "SY": N_("Bản sao y"),
    "TS": N_("Bản trích sao"),
    "SL": N_("Bản sao lục"),
    "NĐ": N_("Nghị định"),
    "TT": N_("Thông tư"),
    "TTLT": N_("Thông tư liên tịch"),
    "CV": N_("Công văn"),
    "ND": N_("Nghị định"),  # (check) older or diacritic-less typing of NĐ
}

STATE_ISSUERS: dict[str, str] = {  # vocabulary
    "CP": "Chính phủ",
    "TTg": "Thủ tướng Chính phủ",
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "VPCP": "Văn phòng Chính phủ",
    "BNV": "Bộ Nội vụ",
    "BTC": "Bộ Tài chính",
    "BYT": "Bộ Y tế",
    "BGDĐT": "Bộ Giáo dục và Đào tạo",
    "BCA": "Bộ Công an",
    "BQP": "Bộ Quốc phòng",
    "BNG": "Bộ Ngoại giao",
    "BTP": "Bộ Tư pháp",
    "BKHĐT": "Bộ Kế hoạch và Đầu tư",
    "BCT": "Bộ Công Thương",
    "BXD": "Bộ Xây dựng",
    "BTNMT": "Bộ Tài nguyên và Môi trường",
    "BNNPTNT": "Bộ Nông nghiệp và Phát triển nông thôn",
    "BGTVT": "Bộ Giao thông vận tải",
    "BTTTT": "Bộ Thông tin và Truyền thông",
    "BLĐTBXH": "Bộ Lao động - Thương binh và Xã hội",
    "BVHTTDL": "Bộ Văn hóa, Thể thao và Du lịch",
    "BKHCN": "Bộ Khoa học và Công nghệ",
    "NHNN": "Ngân hàng Nhà nước Việt Nam",
    "TTCP": "Thanh tra Chính phủ",
    "UBDT": "Ủy ban Dân tộc",
}

# Numbers restart yearly (state) or per term (Party); six digits is far beyond any
# real register and keeps absurd input from becoming a huge int.
MAX_NUMBER = 999_999



def _forms() -> str:
    """The two shapes of a symbol, appended to most refusals (in the UI language)."""
    return _(
        "Ký hiệu văn bản Đảng có dạng SỐ-LOẠI/CƠ QUAN, ví dụ 42-NQ/TW; "
        "văn bản nhà nước có dạng SỐ/LOẠI-CƠ QUAN, ví dụ 68/NQ-CP."
    )


# Every dash people paste from Word or the web stands for "-" in a symbol.
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"))

_CODE = r"[A-Za-zĐđ][A-Za-zĐđ0-9]*"  # vocabulary
_CODE_RE = re.compile(_CODE)
# An issuer's piece may join two codes with "&" ("CCHC&PC": Cải cách hành chính và Pháp chế).
_ISSUER_CODE = rf"{_CODE}(?:&[A-Za-zĐđ0-9]+)*"  # vocabulary
_ISSUER_CODE_RE = re.compile(_ISSUER_CODE)
_CODES = rf"{_ISSUER_CODE}(?:\s*-\s*{_ISSUER_CODE})*"
_SUFFIX_RE = re.compile(r"[A-Za-z]")
# The number, perhaps with one letter after it ("15a/NQ-CP").
_NUMBER = r"(?P<number>[0-9]+)(?P<suffix>[a-z]|[A-Z](?![A-Za-zĐđ]))?"  # vocabulary
_PIECE_SPLIT = re.compile(r"\s*-\s*")
_LEADING_NUMBER = re.compile(r"[0-9]")

_PARTY_RE = re.compile(rf"{_NUMBER}\s*-\s*(?P<type>{_CODE})\s*/\s*(?P<issuer>{_CODES})")
# "36 CT/TW": a space where the hyphen was; read only when the type is a known Party type.
_PARTY_SPACED_RE = re.compile(rf"(?P<number>[0-9]+)\s+(?P<type>{_CODE})\s*/\s*(?P<issuer>{_CODES})")
_STATE_RE = re.compile(rf"{_NUMBER}\s*/\s*(?:(?P<year>[0-9]{{4}})\s*/\s*)?(?P<rest>{_CODES})")
# "210/QĐ UBND": a space where the hyphen was; read only when the first code is a known type.
_STATE_SPACED_RE = re.compile(
    rf"(?P<number>[0-9]+)\s*/\s*(?:(?P<year>[0-9]{{4}})\s*/\s*)?(?P<type>{_CODE})\s+(?P<issuer>{_CODES})"
)
# Shapes that are almost a symbol but lack the issuer: "42-NQ", "42-NQ/", "68/NQ-".
_PARTY_NO_ISSUER = re.compile(rf"[0-9]+\s*-\s*{_CODE}\s*/?\s*")
_STATE_NO_ISSUER = re.compile(rf"[0-9]+\s*/\s*(?:[0-9]{{4}}\s*/\s*)?(?P<type>{_CODE})\s*-?\s*")

# A number joined by "-" or "/" to a letter: how to tell that a text holds two symbols
# while leaving dates such as "24/11/2023" and digits inside codes ("QH14") alone.
_SYMBOL_LIKE = re.compile(r"(?<![A-Za-zĐđ0-9])[0-9]+\s*[-/]\s*[A-Za-zĐđ]")  # vocabulary

# "Số", "Số:", "so:", "Nghị quyết số" … : the word số/so (any case, with or without
# diacritics) right before the number.
_NUMBER_LABEL = re.compile(r"(?<!\S)[Ss][OoỐố]\s*:?\s*(?=[0-9])")  # vocabulary

# A document kind named before the number without "số": "Quyết định 512/QĐ-TTg".
_KIND_LEAD = re.compile(r"(?P<lead>[^\W\d_]+(?:\s+[^\W\d_]+)*)\s+(?=[0-9])")
_KIND_PHRASES = frozenset(  # vocabulary
    fold(name)
    for name in (
        *PARTY_TYPES.values(), *STATE_TYPES.values(), "Chương trình hành động", "Kế hoạch hành động",
        "Văn bản", "Luật", "Pháp lệnh", "Nghị quyết liên tịch", "Quy định", "Công văn",
    )
)
# Type codes that no công văn's issuer begins with: "QĐSNV" is a type with a lost hyphen.
_NEVER_AN_ISSUER_PREFIX = frozenset({"QĐ", "NQ", "NĐ", "QyĐ", "CTr", "TTr", "KH", "TTLT"})  # vocabulary

# What may follow the symbol: ", ngày 24/11/2023", "; …", " ngày …", " của …".
_TRAILING_CLAUSE = re.compile(r"\s*(?:[,;]|(?<!\S)(?:[Nn][Gg][ÀàAa][Yy]|[Cc][ỦủUu][Aa])(?![^\s0-9])).*$")  # vocabulary


class SymbolError(ValueError):
    """A document symbol cannot be understood; the message says why, in Vietnamese."""


def _canonical_code(code: str, table: dict[str, str]) -> str:
    """The table's official spelling of *code*, or *code* upper-cased if unknown."""
    key = code.upper()
    for known in table:
        if known.upper() == key:
            return known
    return key


def _is_state_type(code: str) -> bool:
    return _canonical_code(code, STATE_TYPES) in STATE_TYPES


@dataclass(frozen=True)
class DocumentSymbol:
    """A symbol in canonical form; construction validates and normalises the codes."""

    number: int
    type_code: str | None
    issuer_code: str
    style: str
    year: int | None = None
    # A letter some registers add after the number ("15a/NQ-CP"); printed lower-case.
    number_suffix: str = ""

    def __post_init__(self) -> None:
        if self.style not in (PARTY, STATE):
            raise SymbolError(_("Kiểu ký hiệu «{style}» không hợp lệ: chỉ có «{party}» hoặc «{state}».").format(
                style=self.style, party=PARTY, state=STATE))
        self._check_number()
        self._check_suffix()
        self._check_year()
        types, issuers = (PARTY_TYPES, PARTY_ISSUERS) if self.style == PARTY else (STATE_TYPES, STATE_ISSUERS)
        type_code = None if self.type_code is None else _canonical_code(self._checked_code(self.type_code), types)
        pieces = self._issuer_pieces()
        issuer = "-".join(_canonical_code(piece, issuers) for piece in pieces)
        # Codes are normalised here, not only in parse_symbol, so that equality and
        # str() agree however the value was built.
        object.__setattr__(self, "type_code", type_code)
        object.__setattr__(self, "issuer_code", issuer)
        self._check_state_round_trip(pieces)

    def _check_number(self) -> None:
        if isinstance(self.number, bool) or not isinstance(self.number, int):
            raise SymbolError(_("Số văn bản phải là số nguyên, không phải «{value}».").format(value=repr(self.number)))
        if not 1 <= self.number <= MAX_NUMBER:
            raise SymbolError(_("Số văn bản {number} không hợp lệ: số phải từ 1 đến {maximum}.").format(
                number=self.number, maximum=MAX_NUMBER))

    def _check_suffix(self) -> None:
        suffix = self.number_suffix
        if not isinstance(suffix, str) or not (suffix == "" or _SUFFIX_RE.fullmatch(suffix)):
            raise SymbolError(
                _("Chữ sau số văn bản «{suffix}» không hợp lệ: chỉ có thể là một chữ cái, ví dụ 15a/NQ-CP.").format(
                    suffix=suffix)
            )
        object.__setattr__(self, "number_suffix", suffix.lower())

    def _check_year(self) -> None:
        if self.year is None:
            return
        if self.style == PARTY:
            raise SymbolError(_("Ký hiệu văn bản Đảng không ghi năm (ví dụ 42-NQ/TW)."))
        if isinstance(self.year, bool) or not isinstance(self.year, int) or not MIN_YEAR <= self.year <= MAX_YEAR:
            raise SymbolError(_("Năm {year} trong ký hiệu không hợp lệ: năm phải từ {first} đến {last}.").format(
                year=self.year, first=MIN_YEAR, last=MAX_YEAR))

    @staticmethod
    def _checked_code(code: object, pattern: re.Pattern[str] | None = None) -> str:
        if not isinstance(code, str) or not (pattern or _CODE_RE).fullmatch(code):
            raise SymbolError(
                _("Mã «{code}» không hợp lệ: mã loại văn bản và cơ quan chỉ gồm chữ và số, "
                  "bắt đầu bằng chữ, ví dụ NQ, CTr, UBND.").format(code=code)
            )
        return code

    def _issuer_pieces(self) -> list[str]:
        if self.type_code is None and self.style == PARTY:
            raise SymbolError(_("Ký hiệu văn bản Đảng phải có loại văn bản, ví dụ 42-NQ/TW."))
        if not isinstance(self.issuer_code, str) or not self.issuer_code:
            raise SymbolError(_("Ký hiệu văn bản thiếu cơ quan ban hành.") + " " + _forms())
        return [self._checked_code(piece, _ISSUER_CODE_RE) for piece in self.issuer_code.split("-")]

    def _check_state_round_trip(self, pieces: list[str]) -> None:
        # The printed form must read back as the same value: a state type is recognised
        # only from STATE_TYPES, so an unlisted type, or a typeless issuer that begins
        # with a type code, would come back different.
        if self.style != STATE:
            return
        if self.type_code is not None and self.type_code not in STATE_TYPES:
            raise SymbolError(
                _("Loại văn bản «{code}» không có trong danh mục văn bản nhà nước "
                  "(Nghị định 30/2020/NĐ-CP), ví dụ NQ, QĐ, KH.").format(code=self.type_code)
            )
        if self.type_code is None and _is_state_type(pieces[0]):
            raise SymbolError(
                _("«{issuer}» bắt đầu bằng mã loại văn bản «{code}»: "
                  "hãy ghi loại văn bản riêng, ví dụ 65/KH-UBND.").format(issuer=self.issuer_code, code=pieces[0])
            )
        glued = None if self.type_code is not None else _glued(pieces[0], self.year)
        if glued is not None:
            raise SymbolError(
                _("«{piece}» có vẻ là mã loại văn bản «{code}» dính liền mã cơ quan «{issuer}»: "
                  "hãy ghi có dấu gạch nối, ví dụ {code}-{issuer}.").format(piece=pieces[0], code=glued[0], issuer=glued[1])
            )

    def __str__(self) -> str:
        number = f"{self.number:02d}{self.number_suffix}"  # official rules write 01–09 with a leading zero
        if self.style == PARTY:
            return f"{number}-{self.type_code}/{self.issuer_code}"
        year = f"{self.year}/" if self.year is not None else ""
        kind = f"{self.type_code}-" if self.type_code is not None else ""
        return f"{number}/{year}{kind}{self.issuer_code}"

    @property
    def kind_name(self) -> str | None:
        """Vietnamese name of the document type ("Nghị quyết"); None if the code is unknown."""
        if self.type_code is None:
            # Typeless with a year is a law or ordinance ("59/2020/QH14"), not a công văn.
            return N_("Công văn") if self.year is None else None
        table = PARTY_TYPES if self.style == PARTY else STATE_TYPES
        return table.get(self.type_code)

    def with_label(self) -> str:
        """As printed under the issuing body: "Số 15-CTr/TU" (Party), "Số: 65/KH-UBND" (state)."""
        return f"Số {self}" if self.style == PARTY else f"Số: {self}"  # document text


def parse_symbol(text: str) -> DocumentSymbol:
    """Read a symbol as people type it; raise :class:`SymbolError` if it is not exactly one."""
    original = single_line(text if isinstance(text, str) else "")
    if not original:
        raise SymbolError(_("Chưa nhập ký hiệu văn bản.") + " " + _forms())
    cleaned = original.translate(_DASHES)
    if len(_SYMBOL_LIKE.findall(cleaned)) > 1:
        raise SymbolError(
            _("«{text}» có nhiều hơn một ký hiệu văn bản: hãy nhập từng ký hiệu một.").format(text=original)
            + " " + _forms())
    core = _drop_trailing_clause(_drop_number_label(cleaned))
    return _parse_core(core, original)


def _drop_number_label(text: str) -> str:
    """Remove "Số:", a kind phrase such as "Chương trình hành động số", or a kind name
    alone ("Quyết định 512/QĐ-TTg") before the number."""
    label = _NUMBER_LABEL.search(text)
    if label is None:
        kind = _KIND_LEAD.match(text)
        if kind is not None and fold(kind["lead"]) in _KIND_PHRASES:
            return text[kind.end():]
        return text
    lead = text[: label.start()]
    # Only words may precede "số"; anything else (another symbol, punctuation) is left
    # in place so that the symbol is rejected rather than half-read.
    if all(ch.isalnum() or ch in " ." for ch in lead):
        return text[label.end():]
    return text


def _drop_trailing_clause(text: str) -> str:
    return _TRAILING_CLAUSE.sub("", text).rstrip(" .")


def _parse_core(core: str, original: str) -> DocumentSymbol:
    match = _PARTY_RE.fullmatch(core)
    if match:
        number = _number(match["number"], original)
        issuer = _PIECE_SPLIT.sub("-", match["issuer"])
        return DocumentSymbol(number, match["type"], issuer, PARTY, number_suffix=match["suffix"] or "")
    match = _PARTY_SPACED_RE.fullmatch(core)
    if match and _canonical_code(match["type"], PARTY_TYPES) in PARTY_TYPES:
        number = _number(match["number"], original)
        return DocumentSymbol(number, match["type"], _PIECE_SPLIT.sub("-", match["issuer"]), PARTY)
    match = _STATE_RE.fullmatch(core)
    if match:
        number = _number(match["number"], original)
        year = _year(match["year"], original)
        type_code, issuer = _split_state(match["rest"], original, number, year)
        return DocumentSymbol(number, type_code, issuer, STATE, year, match["suffix"] or "")
    match = _STATE_SPACED_RE.fullmatch(core)
    if match and _is_state_type(match["type"]):
        number = _number(match["number"], original)
        year = _year(match["year"], original)
        return DocumentSymbol(number, match["type"], _PIECE_SPLIT.sub("-", match["issuer"]), STATE, year)
    raise _unrecognised(core, original)


def _number(digits: str, original: str) -> int:
    if len(digits) > len(str(MAX_NUMBER)) or int(digits) > MAX_NUMBER:
        raise SymbolError(_("Số văn bản trong «{text}» quá lớn: số phải từ 1 đến {maximum}.").format(
            text=original, maximum=MAX_NUMBER))
    number = int(digits)
    if number == 0:
        raise SymbolError(_("Số văn bản trong «{text}» là 0: số phải từ 1 trở lên, ví dụ 42-NQ/TW.").format(text=original))
    return number


def _year(digits: str | None, original: str) -> int | None:
    if digits is None:
        return None
    year = int(digits)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise SymbolError(
            _("Năm {year} trong ký hiệu «{text}» không hợp lệ: năm phải từ {first} đến {last}, "
              "ví dụ 30/2020/NĐ-CP.").format(year=year, text=original, first=MIN_YEAR, last=MAX_YEAR)
        )
    return year


def _split_state(rest: str, original: str, number: int, year: int | None) -> tuple[str | None, str]:
    """Split "NQ-CP" into type and issuer; "UBND-THNC" (no known type) is a công văn."""
    pieces = _PIECE_SPLIT.split(rest)
    if not _is_state_type(pieces[0]):
        glued = _glued_type(pieces[0], year, original, number)
        if glued is not None:
            return glued[0], "-".join([glued[1], *pieces[1:]])
        return None, "-".join(pieces)
    if len(pieces) == 1:
        raise _missing_issuer(original, "-", "68/NQ-CP")
    return pieces[0], "-".join(pieces[1:])


def _glued_type(piece: str, year: int | None, original: str, number: int) -> tuple[str, str] | None:
    """A type code glued to its issuer where a PDF copy lost the hyphen ("QĐUBND"):
    split it when the rest is a known issuer; refuse it when it cannot be a công văn's
    issuer. None when the piece is an issuer as it stands."""
    glued = _glued(piece, year)
    if glued is None:
        return None
    code, issuer, sure = glued
    if sure:
        return code, issuer
    shown = f"{number:02d}/" + (f"{year}/" if year is not None else "")
    raise SymbolError(
        _("Ký hiệu «{text}»: «{piece}» có vẻ là mã loại văn bản «{code}» dính liền mã cơ quan "
          "«{issuer}» (thiếu dấu gạch nối). Hãy nhập rõ, ví dụ {example}.").format(
            text=original, piece=piece, code=code, issuer=issuer.upper(), example=f"{shown}{code}-{issuer.upper()}")
    )


def _glued(piece: str, year: int | None) -> tuple[str, str, bool] | None:
    """(type, issuer, sure) when *piece* reads as a type code glued to an issuer: sure when
    the issuer is a known one; unsure when the piece cannot be an issuer as it stands (a
    law's issuer with a year, or a code no công văn's issuer begins with). None otherwise."""
    if _canonical_code(piece, STATE_ISSUERS) in STATE_ISSUERS:
        return None  # "BCA", "BCT" begin with a type code and are issuers all the same
    upper = piece.upper()
    unsure: tuple[str, str, bool] | None = None
    for code in sorted(STATE_TYPES, key=len, reverse=True):
        if not upper.startswith(code.upper()) or len(upper) == len(code):
            continue
        issuer = piece[len(code):]
        if _canonical_code(issuer, STATE_ISSUERS) in STATE_ISSUERS:
            return code, issuer, True
        # A law carries a year and no type ("59/2020/QH14"); a công văn never begins with
        # these codes. Either way a guess could be wrong: refuse.
        if unsure is None and (year is not None or code in _NEVER_AN_ISSUER_PREFIX):
            unsure = (code, issuer, False)
    return unsure


def _missing_issuer(original: str, separator: str, example: str) -> SymbolError:
    return SymbolError(
        _("Ký hiệu văn bản «{text}» thiếu cơ quan ban hành sau dấu «{separator}», ví dụ {example}.").format(
            text=original, separator=separator, example=example)
    )


def _unrecognised(core: str, original: str) -> SymbolError:
    """The most helpful error for a text that is not a symbol."""
    if not _LEADING_NUMBER.match(core):
        return SymbolError(
            _("Không thấy số văn bản trong «{text}»: ký hiệu phải bắt đầu bằng số.").format(text=original)
            + " " + _forms()
        )
    if _PARTY_NO_ISSUER.fullmatch(core):
        return _missing_issuer(original, "/", "42-NQ/TW")
    state = _STATE_NO_ISSUER.fullmatch(core)
    if state and _is_state_type(state["type"]):
        return _missing_issuer(original, "-", "68/NQ-CP")
    if re.search(r"[A-Za-zĐđ0-9]\s+[A-Za-zĐđ]", core):  # vocabulary
        return SymbolError(
            _("Không nhận ra ký hiệu văn bản «{text}»: có khoảng trắng giữa các mã nên không rõ đâu là loại "
              "văn bản, đâu là cơ quan ban hành; hãy nối bằng dấu gạch nối.").format(text=original)
            + " " + _forms()
        )
    return SymbolError(_("Không nhận ra ký hiệu văn bản «{text}».").format(text=original) + " " + _forms())
