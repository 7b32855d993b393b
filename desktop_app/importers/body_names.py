"""Body names as documents write them: several bodies in one cell, collective phrases
("các sở, ngành liên quan") and the short and long forms of one name.

Splitting (:func:`split_bodies`) and matching (:class:`BodyMatcher`) are separate so the
preview can show what was written, what it was taken to be and how.

Matching, in order (the first rule that finds anything decides):

1. *exact*: the folded name (case, diacritics, punctuation and "và"/"&" ignored) equals a
   body's name, short name or code, with or without the trailing "tỉnh <Place>";
2. *abbreviation*: every word of the written name is either a word of the body's name or an
   abbreviation whose letters are the initials of consecutive words ("Sở LĐ-TB&XH" =
   "Sở Lao động - Thương binh và Xã hội", "UBND tỉnh" = "Ủy ban nhân dân tỉnh");
3. *fuzzy*: a close spelling (a typo); offered as a candidate, never taken without the
   user's confirmation.

Two bodies matching by the same rule is *ambiguous*: the user chooses; the program never
guesses. Pure logic: no I/O, no Qt.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import date

from ..core.text import fold, single_line

EXACT = "exact"
ABBREVIATION = "abbreviation"
FUZZY = "fuzzy"
AMBIGUOUS = "ambiguous"
UNKNOWN = "unknown"

# Words that join parts of a name and carry no letter of its abbreviation.
_CONNECTORS = frozenset({"va", "&", "-", "–", ","})
_WORD = re.compile(r"[^\W_]+|&", re.UNICODE)
_LOCALITY = re.compile(r"\s+(?:tinh|thanh pho)\s+\S.*$")
# A collective phrase names no one body: it is kept as a note of the task.
_COLLECTIVE_START = re.compile(r"^(?:va\s+)?(?:cac|nhung|moi)\s")
_COLLECTIVE_END = re.compile(r"(?:co\s+)?lien\s+quan$")
_AND = re.compile(r"\s+và\s+", re.IGNORECASE)  # vocabulary
FUZZY_CUTOFF = 0.86


@dataclass(frozen=True)
class KnownBody:
    """A body of the database, as the matcher needs it."""

    id: int
    name: str
    short_name: str = ""
    code: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None

    def valid_on(self, day: date | None) -> bool:
        if day is None:
            return True
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True)
class Match:
    how: str  # EXACT, ABBREVIATION, FUZZY, AMBIGUOUS or UNKNOWN
    bodies: tuple[KnownBody, ...] = ()


@dataclass
class SplitCell:
    """A cell of bodies: the names one by one, and what named no one body (kept as a note)."""

    names: list[str] = field(default_factory=list)
    collective: list[str] = field(default_factory=list)


def words(text: str) -> list[str]:
    """Folded words of a name, connectors dropped ("Sở LĐ-TB&XH" → ["so", "ld", "tb", "xh"])."""
    return [w for w in _WORD.findall(fold(text)) if w not in _CONNECTORS]


def name_key(text: str) -> str:
    return " ".join(words(text))


def _is_collective(item: str) -> bool:
    key = fold(item)
    return bool(_COLLECTIVE_START.match(key + " ") or _COLLECTIVE_END.search(key))


def split_bodies(text: str, is_known=None, joins=None) -> SplitCell:
    """Split a cell naming bodies: on line breaks and semicolons, then on commas. An item
    starting with "các"/"những" begins a collective phrase that runs to the end of its part
    ("các sở, ngành, địa phương liên quan"), and so does an item with "các" inside that is
    no known body ("UBND các huyện, thành phố"; *is_known* answers that); an item ending
    in "liên quan" is one too."""
    out = SplitCell()
    text = (text or "").replace("\r", "\n")
    for part in re.split(r"[\n;]+", text):
        items = [single_line(i).strip(" .-–+•*") for i in part.split(",")]
        items = _rejoin([i for i in items if i], joins or is_known)
        for n, item in enumerate(items):
            starts = _is_collective(item) and fold(item).split(" ")[0] in ("cac", "nhung", "moi", "va")
            inside = " cac " in f" {fold(item)} " and not (is_known and is_known(item))
            if starts or inside:
                out.collective.append(", ".join(items[n:]))
                break
            if _is_collective(item):
                out.collective.append(item)
                continue
            if fold(item).startswith("va "):
                item = item[3:].strip()
            out.names.append(item)
    return out


def _rejoin(items: list[str], is_known) -> list[str]:
    """Put back the commas of a name that has them ("Sở Văn hóa, Thể thao và Du lịch"):
    the longest run of items that together are a known body is one item."""
    if is_known is None or len(items) < 2:
        return items
    out, i = [], 0
    while i < len(items):
        for j in range(len(items), i + 1, -1):
            joined = ", ".join(items[i:j])
            if is_known(joined):
                out.append(joined)
                i = j
                break
        else:
            out.append(items[i])
            i += 1
    return out


def _initials_match(letters: str, name_words: list[str], start: int) -> list[int]:
    """The positions after each run of name words from *start* whose initials spell a prefix
    of *letters* exactly ending at *letters*' end."""
    ends = []
    i, pos = 0, start
    while pos < len(name_words) and i < len(letters):
        word = name_words[pos]
        if letters[i] != word[0]:
            break
        i += 1
        pos += 1
        if i == len(letters):
            ends.append(pos)
    return ends


def abbreviation_matches(written: list[str], name_words: list[str]) -> bool:
    """Each written word is a word of the name or the initials of a run of its words; at
    least one must be an abbreviation covering two or more words (otherwise it is exact)."""
    if not written or not name_words:
        return False
    # reach[i] = set of name positions reachable after matching written[:i]
    reach: list[set[int]] = [set() for _ in range(len(written) + 1)]
    reach[0].add(0)
    for i, w in enumerate(written):
        for pos in reach[i]:
            if pos < len(name_words) and name_words[pos] == w:
                reach[i + 1].add(pos + 1)
            if len(w) >= 2:
                for end in _initials_match(w, name_words, pos):
                    if end - pos >= 2:
                        reach[i + 1].add(end)
        if not reach[i + 1]:
            return False
    return len(name_words) in reach[len(written)]


def _edits(a: str, b: str) -> int:
    """Levenshtein distance (short words only)."""
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


def _typo(written: list[str], name: list[str]) -> bool:
    """A slip of the keyboard, not another body: the same words, at most two of them off by
    one letter ("Sở Giáo dụcc và Đào tạo"; "Sở Ngoại vụ" is not "Sở Nội vụ")."""
    if len(written) != len(name):
        return False
    off = [_edits(a, b) for a, b in zip(written, name) if a != b]
    return bool(off) and len(off) <= 2 and all(d == 1 for d in off) and all(
        len(a) >= 3 for a, b in zip(written, name) if a != b)


class BodyMatcher:
    """Matches written names to the database's bodies; answers are cached per name."""

    def __init__(self, bodies: list[KnownBody], on: date | None = None):
        self.bodies = bodies
        self.on = on
        self._exact: dict[str, list[KnownBody]] = {}
        self._forms: list[tuple[list[str], KnownBody]] = []
        for body in bodies:
            for form in self._forms_of(body):
                key = " ".join(form)
                if body not in self._exact.setdefault(key, []):
                    self._exact[key].append(body)
                self._forms.append((form, body))
        self._keys = list(self._exact)
        self._cache: dict[str, Match] = {}
        self._raw: dict[str, Match] = {}
        # Abbreviation candidates by the first letter of their first word.
        self._by_initial: dict[str, list[tuple[list[str], KnownBody]]] = {}
        for form, body in self._forms:
            self._by_initial.setdefault(form[0][0], []).append((form, body))


    @staticmethod
    def _forms_of(body: KnownBody) -> list[list[str]]:
        forms = []
        for text in (body.name, body.short_name, body.code or ""):
            if not text.strip():
                continue
            forms.append(words(text))
            folded = fold(text)
            m = _LOCALITY.search(folded)
            if m:  # "… tỉnh Lạng Sơn" is also written "… tỉnh" and "…"
                forms.append(words(folded[:m.start()]))
                forms.append(words(folded[:m.start()] + " " + m.group(0).split()[0]))
        return [f for f in forms if f]

    def _pick(self, how: str, found: list[KnownBody]) -> Match:
        unique = list(dict.fromkeys(found))
        if len(unique) > 1 and self.on is not None:
            valid = [b for b in unique if b.valid_on(self.on)]
            if len(valid) == 1:
                unique = valid
        if len(unique) == 1:
            return Match(how, (unique[0],))
        return Match(AMBIGUOUS, tuple(unique))

    def match(self, written: str) -> Match:
        found = self._raw.get(written)
        if found is not None:
            return found
        key = name_key(written)
        if key not in self._cache:
            self._cache[key] = self._match(key)
        self._raw[written] = self._cache[key]
        return self._cache[key]

    def is_exact(self, written: str) -> bool:
        """A cheap test for :func:`split_bodies`' commas: the text is exactly a body's name."""
        return name_key(written) in self._exact

    def _match(self, key: str) -> Match:
        if not key:
            return Match(UNKNOWN)
        if key in self._exact:
            return self._pick(EXACT, self._exact[key])
        written = key.split(" ")
        found = [body for form, body in self._by_initial.get(written[0][0], ())
                 if abbreviation_matches(written, form)]
        if found:
            return self._pick(ABBREVIATION, found)
        close = [k for k in difflib.get_close_matches(key, self._keys, n=5, cutoff=FUZZY_CUTOFF)
                 if _typo(written, k.split(" "))]
        if close:
            bodies = tuple(dict.fromkeys(b for k in close for b in self._exact[k]))
            return Match(FUZZY, bodies)
        return Match(UNKNOWN)

    def split_and(self, written: str) -> list[str] | None:
        """"Sở Nội vụ và Sở Tài chính": two bodies when the whole is no body and each
        part is one (a name may itself hold "và": "Sở Giáo dục và Đào tạo")."""
        parts = [p.strip() for p in _AND.split(written) if p.strip()]
        if len(parts) < 2:
            return None
        if all(self.match(p).how in (EXACT, ABBREVIATION) for p in parts):
            return parts
        return None
