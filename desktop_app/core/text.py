"""Vietnamese text: normalisation, search folding, alphabetical order, cleaning.

Everything the user types passes through :func:`nfc` (and usually :func:`single_line`
or :func:`multi_line`) before it is stored, so stored text is always NFC and free of
characters that Word files cannot hold.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

__all__ = [
    "nfc",
    "clean_control",
    "count_control",
    "single_line",
    "multi_line",
    "fold",
    "fold_parts",
    "sort_key",
    "name_sort_key",
]

# Characters XML 1.0 (and therefore .docx) cannot hold: C0 controls except TAB/LF/CR,
# lone surrogates and the two non-characters U+FFFE/U+FFFF.
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SPACES = re.compile(r"\s+")
_VIETNAMESE_MARKS = re.compile("[\u0300-\u036f]")
# A character other than ASCII, the marks and đ: a folded text with none is "plain Vietnamese".
_NOT_PLAIN_VIETNAMESE = re.compile("[^\x00-\x7f\u0300-\u036f\u0111]")  # vocabulary

# Combining marks that are part of a Vietnamese *letter* (ă â ê ô ơ ư), not a tone.
_BREVE, _CIRCUMFLEX, _HORN = "\u0306", "\u0302", "\u031b"
# Tones in Vietnamese dictionary order: none, huyền, hỏi, ngã, sắc, nặng.
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}

# The Vietnamese alphabet, with the foreign letters f j w z slotted into Latin order.
_ALPHABET = [  # vocabulary
    "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m",
    "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
]
_LETTER_RANK = {letter: i for i, letter in enumerate(_ALPHABET)}
# Character classes in collation order (as ICU): spaces, punctuation, digits, letters.
_SPACE, _PUNCT, _DIGIT, _LETTER, _OTHER = range(5)
_MODIFIED = {  # vocabulary
    ("a", _BREVE): "ă",
    ("a", _CIRCUMFLEX): "â",
    ("e", _CIRCUMFLEX): "ê",
    ("o", _CIRCUMFLEX): "ô",
    ("o", _HORN): "ơ",
    ("u", _HORN): "ư",
}


def nfc(text: str | None) -> str:
    """Return *text* in Unicode NFC ('' for None)."""
    if not text:
        return ""
    return unicodedata.normalize("NFC", text)


def clean_control(text: str | None) -> str:
    """Remove characters that XML (and so Word) rejects; keep tab and line breaks."""
    if not text:
        return ""
    return _XML_BAD.sub("", text)


# Fast paths (an import checks millions of values): a text that str.isprintable() accepts
# holds no control character, no lone surrogate, no U+FFFE/U+FFFF and no whitespace but the
# ASCII space (every other space, line or paragraph separator is a "Separator" or "Other"
# character, which isprintable() refuses), so it has nothing to clean and no line to split.


def count_control(text: str | None) -> int:
    """How many characters :func:`clean_control` would remove (for warnings)."""
    if not text or text.isprintable():
        return 0
    return len(_XML_BAD.findall(text))


def single_line(text: str | None) -> str:
    """NFC, cleaned, all whitespace runs (including line breaks) made one space, trimmed."""
    if (text and text.isprintable() and text[0] != " " and text[-1] != " " and "  " not in text
            and unicodedata.is_normalized("NFC", text)):
        return text
    return _SPACES.sub(" ", clean_control(nfc(text))).strip()


def multi_line(text: str | None) -> str:
    """NFC, cleaned, line endings made ``\\n``, trailing spaces and blank ends trimmed
    (indentation inside the text is kept; leading spaces of the whole text are not)."""
    if text and text.isprintable() and unicodedata.is_normalized("NFC", text):
        return text.strip()  # one line: nothing to clean, only its ends to trim
    # splitlines() also breaks on U+2028, U+0085 and friends, which Word would not show.
    lines = [line.rstrip() for line in clean_control(nfc(text)).splitlines()]
    return "\n".join(lines).strip()


def fold(text: str | None) -> str:
    """Search key ignoring case, diacritics and tone placement ("Tỉnh Uỷ" == "tinh uy").

    NFC → casefold → NFD → drop combining marks → đ→d (đ has no decomposition),
    whitespace collapsed.
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", nfc(text).casefold())
    if _NOT_PLAIN_VIETNAMESE.search(decomposed) is None:
        return _fold_plain(decomposed)
    # Vietnamese marks are all in U+0300–U+036F: dropping them with one regex is enough when
    # what remains is ASCII (no other combining mark can be left); otherwise go char by char.
    bare = _VIETNAMESE_MARKS.sub("", decomposed).replace("đ", "d")  # vocabulary
    if not bare.isascii():
        bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("đ", "d")  # vocabulary
    # split() and \s agree on what whitespace is (both str.isspace()): runs made one space, ends trimmed
    return " ".join(bare.split())


def _fold_plain(decomposed: str) -> str:
    """:func:`fold` of a text whose casefolded NFD form *decomposed* holds only ASCII, đ and
    the marks: the marks are exactly what is not ASCII once đ is d, and the ASCII codec
    drops them 40 times faster than a regex (issue 12)."""
    bare = decomposed.replace("đ", "d").encode("ascii", "ignore").decode("ascii")  # vocabulary
    return " ".join(bare.split())


def fold_parts(parts: Iterable[str | None], memo: dict[str, str | None] | None = None) -> str:
    """``fold(" ".join(filter(None, parts)))``: the search key of a record made of several
    texts (a task's content, product and group).

    With *memo* (one dict kept by the caller across many records, as an import does for
    100,000 tasks that share their groups, products and many contents), each distinct part
    is folded once and the folds are joined: the same key, since an ASCII space joins the
    parts (nothing composes or reorders across it, and whitespace runs become one space
    either way). This holds for parts of plain Vietnamese (ASCII, đ and the marks once
    decomposed), which fold through one path whatever they are joined to; a record with
    any other part is folded whole, as :func:`fold` does (*memo* keeps None for such a part)."""
    texts = [part for part in parts if part]
    if memo is None:
        return fold(" ".join(texts))
    folded = []
    for part in texts:
        try:
            key = memo[part]
        except KeyError:
            decomposed = unicodedata.normalize("NFD", nfc(part).casefold())
            key = memo[part] = _fold_plain(decomposed) if _NOT_PLAIN_VIETNAMESE.search(decomposed) is None else None
        if key is None:
            return fold(" ".join(texts))
        if key:
            folded.append(key)
    return " ".join(folded)


def _char_keys(ch: str) -> tuple[tuple[int, int], int, int] | None:
    """((class, rank), tone rank, case rank) for one NFC character; None for a stray
    combining mark, which only affects the tone level."""
    if ch.isspace():
        return ((_SPACE, 0), 0, 0)
    if unicodedata.combining(ch):
        return None
    lower = ch.lower() if len(ch.lower()) == 1 else ch
    case_rank = 0 if ch == lower else 1
    decomposed = unicodedata.normalize("NFD", lower)
    base, marks = decomposed[0], decomposed[1:]
    tone = 0
    letter = base
    for mark in marks:
        if mark in _TONE_RANK:
            tone = _TONE_RANK[mark]
        elif (base, mark) in _MODIFIED:
            letter = _MODIFIED[(base, mark)]
    if letter in _LETTER_RANK:
        return ((_LETTER, _LETTER_RANK[letter]), tone, case_rank)
    if "0" <= base <= "9":
        return ((_DIGIT, ord(base)), 0, 0)
    if unicodedata.category(base)[0] in "PSZC":
        return ((_PUNCT, ord(base)), 0, 0)
    return ((_OTHER, ord(base)), tone, case_rank)


SortKey = tuple[tuple[tuple[int, int], ...], tuple[int, ...], tuple[int, ...], str]


def sort_key(text: str | None) -> SortKey:
    """Key for Vietnamese alphabetical order (a ă â b c d đ e ê …), tones secondary.

    Letters compare first (ignoring tone and case), then tones in the order none,
    huyền, hỏi, ngã, sắc, nặng, then case; the text itself breaks remaining ties.
    """
    normal = _SPACES.sub(" ", nfc(text)).strip()
    keys = [_char_keys(ch) for ch in normal]
    tones = tuple(_TONE_RANK.get(ch, 0) if k is None else k[1] for ch, k in zip(normal, keys))
    letters = [k for k in keys if k is not None]
    return (tuple(k[0] for k in letters), tones, tuple(k[2] for k in letters), normal)


def name_sort_key(full_name: str | None) -> tuple[SortKey, SortKey]:
    """People's names sort by given name (the last word) first, then the rest."""
    words = single_line(full_name).split(" ")
    given, rest = words[-1], " ".join(words[:-1])
    return (sort_key(given), sort_key(rest))


def shorten(text: str | None, limit: int) -> str:
    """*text* on one line, at most *limit* characters: cut at the end of a word, with "…",
    when longer (a title or a question quoting a task's content)."""
    line = " ".join((text or "").split())
    if len(line) <= limit:
        return line
    cut = line[:limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:  # (a very long word: cut inside it rather than keep half the room)
        cut = cut[:space]
    return cut.rstrip(" ,;:–-") + "…"
