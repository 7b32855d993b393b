"""Read and check an ``nqdesk/2`` interchange file (or an older ``nqdesk/1`` one) into an
import plan.

``nqdesk/1`` → ``nqdesk/2``: version 2 adds two top-level sections, ``memberships``
(member counts of party organisations: body key, as_of, members) and ``study_sessions``
(study sessions with their documents, bridge points and attendance rows; a row names its
point by index in the session's ``bridge_points``). Every other section is unchanged, so
a version-1 file is read as a version-2 file with both sections empty (:func:`migrate`).

Every problem is collected with where it is (a path such as
``programs[0].tasks[3].deadline``, or the line and column of a JSON syntax error), the
value found and the reason, so the user can fix the whole file in one pass. The field
rules are the operations' own (``clean_*_fields`` in :mod:`.fields`), so a file cannot bring in data the
screens would refuse. Writing is done by :mod:`desktop_app.ops.interchange`.

Before any field is read, the file's shape is checked (:func:`structure_problems`): no
key twice in one object, nesting at most ``MAX_DEPTH`` deep, no NaN/Infinity or numbers
too long to be a count, no lone surrogate in any text, and no field the format does not
have (a misspelt ``"percnt"`` would otherwise be dropped without a word).
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Set as AbstractSet
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from ..core.hierarchy import cycle_of
from ..core.text import nfc
from ..errors import Problem, ValidationError
from ..i18n import N_, _
from ..store.models import ProgressEntry
from .fields import (
    ALREADY_CORRECTED, CYCLE_MESSAGE, check_signing, clean_body_fields, clean_document_fields,
    clean_membership_fields, clean_point_fields, clean_progress_fields, clean_program_fields, clean_row_fields,
    clean_session_fields, clean_task_fields, completion_clash, validate_setting,
)
from .keys import FIELDS, FORMAT, PROGRAM_NAMES, SETTING_KEYS
from .validate import Checker, CleanTexts, brief, shown

MAX_FILE_BYTES = 200 * 1024 * 1024
# The format itself nests 7 deep (file → programs → programme → tasks → task → progress →
# entry); anything far deeper is not an NQ Desk file.
MAX_DEPTH = 32
MAX_STRUCTURE_PROBLEMS = 1000
_FIELD_SETS = {kind: frozenset(names) for kind, names in FIELDS.items()}
_ENTRY_FIELDS = _FIELD_SETS["entry"]
_FORMAT_KEYS = frozenset().union(*_FIELD_SETS.values())
_ENTRY_NAMES = {"reported_on": "date"}  # the file's name of an entry's field the operations call otherwise



class ImportFailed(ValidationError):
    """The file was refused; nothing was written. ``problems`` has every reason."""


@dataclass
class ImportPlan:
    settings: dict = field(default_factory=dict)
    bodies: list[dict] = field(default_factory=list)
    documents: list[dict] = field(default_factory=list)
    programs: list[dict] = field(default_factory=list)
    memberships: list[dict] = field(default_factory=list)
    study_sessions: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def task_count(self) -> int:
        return sum(len(p["tasks"]) for p in self.programs)

    @property
    def progress_count(self) -> int:
        return sum(len(t["progress"]) for p in self.programs for t in p["tasks"])


@dataclass(frozen=True)
class KnownBody:
    """What the import needs to know of a body already in the database."""

    kind: str
    name: str
    code: str | None = None


# --- reading the file ----------------------------------------------------------------------

class _Object(dict[str, object]):
    """A JSON object that remembers the keys it was given more than once."""

    __slots__ = ("duplicates",)
    duplicates: list[str] | tuple[()]  # always set: read for each of a file's 360,000 objects


class _Unreadable:
    """A number JSON allows but no field can hold (NaN, Infinity, 1e400, 10**40)."""

    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text


def _pairs(pairs: list[tuple[str, object]]) -> _Object:
    obj = _Object(pairs)
    if len(obj) != len(pairs):
        obj.duplicates = [k for k, n in Counter(k for k, _ in pairs).items() if n > 1]
    else:
        obj.duplicates = ()
    return obj


def _int(text: str):
    return int(text) if len(text.lstrip("-")) <= 30 else _Unreadable(text)


def _float(text: str):
    value = float(text)
    return value if math.isfinite(value) else _Unreadable(text)


def _position(raw: bytes, offset: int) -> tuple[int, int]:
    """Line and column (in characters, as an editor shows them) of a byte offset."""
    line = raw.count(b"\n", 0, offset) + 1
    start = raw.rfind(b"\n", 0, offset) + 1
    return line, len(raw[start:offset].decode("utf-8", "replace")) + 1


def loads(raw: bytes | str) -> object:
    """Parse the bytes of an interchange file; every way it can be unreadable becomes an
    ImportFailed naming where (line and column)."""
    if isinstance(raw, bytes):
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line, column = _position(raw, exc.start)
            where = _("dòng {line}, cột {column}").format(line=line, column=column)
            raise ImportFailed(Problem(
                where, raw[exc.start:exc.start + 4].hex(" "),
                _("{where}: tệp không phải văn bản UTF-8 (byte {byte} không đọc được; có thể là tệp Word, Excel "
                  "hoặc văn bản mã khác?).").format(where=where, byte=f"{raw[exc.start]:#04x}"))) from None
    else:
        text = raw
    try:
        return json.loads(text, object_pairs_hook=_pairs, parse_int=_int, parse_float=_float,
                          parse_constant=_Unreadable)
    except json.JSONDecodeError as exc:
        raise ImportFailed(
            Problem(_("dòng {line}, cột {column}").format(line=exc.lineno, column=exc.colno),
                    shown(text[max(0, exc.pos - 20): exc.pos + 20]),
                    _("Tệp không đúng cú pháp JSON ({reason}) ở dòng {line}, cột {column}.").format(
                        reason=exc.msg, line=exc.lineno, column=exc.colno))
        ) from None
    except RecursionError:
        raise ImportFailed(Problem("$", None, _("Tệp lồng quá sâu: các ngoặc {{ }} [ ] lồng vào nhau quá {depth} "
                                                "mức; đây không phải tệp NQ Desk.").format(depth=MAX_DEPTH))) from None


def load_json(path: str | Path) -> object:
    """Read a JSON file; anything unreadable becomes an ImportFailed saying where."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ImportFailed(_("Tệp «{path}» lớn {size} MB, quá giới hạn {maximum} MB của một tệp nhập.").format(
                path=p, size=size // (1024 * 1024), maximum=MAX_FILE_BYTES // (1024 * 1024)), _("tệp"), str(p))
        raw = p.read_bytes()
    except FileNotFoundError:
        raise ImportFailed(_("Không tìm thấy tệp «{path}».").format(path=p), _("tệp"), str(p)) from None
    except IsADirectoryError:
        raise ImportFailed(_("«{path}» là một thư mục, không phải tệp.").format(path=p), _("tệp"), str(p)) from None
    except OSError as exc:
        raise ImportFailed(_("Không đọc được tệp «{path}»: {reason}.").format(path=p, reason=exc.strerror), _("tệp"),
                           str(p)) from None
    return loads(raw)


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _child(path: str, key) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{shown(key, 40)}" if path else shown(key, 40)


def _well_formed(data: object) -> bool:
    """True when :func:`structure_problems` would find nothing; cheap enough to run on
    every file (no path is built, every text is checked in one encode)."""
    texts: list[str] = []
    stack: list[tuple[object, int]] = [(data, 1)]
    pop, push, keep = stack.pop, stack.append, texts.append
    while stack:
        value, depth = pop()
        items: Iterable[object]
        if type(value) is list:
            items = value
        elif type(value) is _Object or type(value) is dict:
            if type(value) is _Object and value.duplicates:
                return False
            if not _FORMAT_KEYS.issuperset(value):  # (the format's own keys are known to be fine)
                texts.extend(value)  # the keys: join() below refuses any that is not a text
            items = value.values()
        else:
            items = (value,)
            depth -= 1
        if depth > MAX_DEPTH:
            return False
        item: Any
        for item in items:
            kind = type(item)
            if kind is str:
                keep(item)
            elif item is None or kind is bool:
                pass
            elif kind is list or kind is _Object or kind is dict:
                push((item, depth + 1))
            elif kind is int:
                if abs(item) >= 10 ** 30:
                    return False
            elif kind is float:
                if not math.isfinite(item):
                    return False
            else:
                return False
    try:
        "".join(texts).encode("utf-8")
    except (TypeError, UnicodeEncodeError):
        return False
    return True


def structure_problems(data) -> list[Problem]:
    """What makes *data* not a JSON document NQ Desk can read, whatever its fields: keys
    given twice, nesting deeper than MAX_DEPTH, unreadable numbers, lone surrogates, and
    (when *data* comes from Python rather than a file) values JSON cannot hold."""
    if _well_formed(data):
        return []  # the usual case; the walk below names the place of each problem
    problems: list[Problem] = []

    def fail(path: str, value, message: str) -> None:
        where = path or "$"
        problems.append(Problem(where, brief(value), f"{where}: {message}"))

    stack: list[tuple[str, object, int]] = [("", data, 1)]
    while stack and len(problems) < MAX_STRUCTURE_PROBLEMS:
        path, value, depth = stack.pop()
        if isinstance(value, (dict, list)) and depth > MAX_DEPTH:
            fail(path, value, _("lồng quá sâu (quá {depth} mức ngoặc); đây không phải cấu trúc của tệp NQ Desk.").format(
                depth=MAX_DEPTH))
            continue
        if isinstance(value, dict):
            for key in getattr(value, "duplicates", None) or ():
                fail(_child(path, key), key, _("khóa «{key}» xuất hiện hai lần trong cùng một đối tượng; hãy giữ một.").format(
                    key=shown(key)))
            children = []
            for key, item in value.items():
                if not isinstance(key, str):
                    fail(path, key, _("tên trường phải là văn bản."))
                    continue
                if _has_surrogate(key):
                    fail(_child(path, key), key, _("tên trường có ký tự không hợp lệ (nửa cặp surrogate)."))
                    continue
                children.append((_child(path, key), item, depth + 1))
            stack.extend(reversed(children))
        elif isinstance(value, list):
            stack.extend(reversed([(_child(path, i), item, depth + 1) for i, item in enumerate(value)]))
        elif isinstance(value, str):
            if _has_surrogate(value):
                fail(path, value, _("văn bản có ký tự không hợp lệ (nửa cặp surrogate, ví dụ \\ud800); "
                                    "hãy xuất lại tệp bằng NQ Desk."))
        elif isinstance(value, _Unreadable):
            fail(path, value.text, _("số «{number}» không dùng được (NaN, vô cực hoặc quá dài).").format(
                number=shown(value.text)))
        elif isinstance(value, float) and not math.isfinite(value):
            fail(path, value, _("số «{number}» không dùng được.").format(number=value))
        elif isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10 ** 30:
            fail(path, value, _("số quá lớn."))
        elif not (value is None or isinstance(value, (bool, int, float))):
            fail(path, type(value).__name__, _("giá trị không phải kiểu của JSON."))
    return problems


class _Reader:
    def __init__(self, existing_bodies: Mapping[str, KnownBody | None], existing_documents: set[str], today: date):
        self.problems: list[Problem] = []
        self.plan = ImportPlan()
        self.existing_bodies = existing_bodies
        self.existing_codes = {b.code.upper(): b.name for b in existing_bodies.values() if b is not None and b.code}
        self.existing_documents = existing_documents
        self.today = today
        self.body_facts: dict[str, SimpleNamespace] = {}
        self.clean_texts = CleanTexts()  # shared by this file's checkers

    def fail(self, path: str, value, message: str) -> None:
        # _(): a message constant marked with N_ (ALREADY_CORRECTED) is translated here; a
        # message already translated comes back unchanged.
        self.problems.append(Problem(path, brief(value), f"{path}: {_(message)}"))

    def absorb(self, path: str, c: Checker, names: Mapping[str, str] | None = None) -> None:
        """Take a Checker's problems, each under its place in the file (*names*: the file's
        name of a field the operations call otherwise)."""
        for p in c.problems:
            name = (names or {}).get(p.field, p.field)
            where = f"{path}.{name}" if name else path
            self.problems.append(Problem(where, brief(p.value), f"{where}: {p.message}"))
        if c.warnings:
            self.plan.warnings.extend(f"{path}: {w}" for w in c.warnings)

    def fields(self, path: str, item: dict, kind: str) -> None:
        """A field the format does not have is refused: its value would be lost."""
        if _FIELD_SETS[kind].issuperset(item):
            return  # the usual case: every field known
        allowed = FIELDS[kind]
        for name in item:
            if name not in allowed:
                self.fail(_child(path, name), item[name],
                          _("định dạng {format} không có trường «{name}» (viết sai tên?); các trường có: {fields}.").format(
                              format=FORMAT, name=shown(name), fields=", ".join(allowed)))

    def obj(self, path: str, value, kind: str) -> dict | None:
        """An optional sub-object (sections, signing): None is empty, anything else refused."""
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.fail(path, value, _("cần là một đối tượng { … }."))
            return None
        self.fields(path, value, kind)
        return value

    def records(self, data: dict, name: str, kind: str) -> list[tuple[str, dict]]:
        items = self._list(name, data.get(name))
        out = []
        for i, item in enumerate(items):
            path = f"{name}[{i}]"
            if isinstance(item, dict):
                self.fields(path, item, kind)
                out.append((path, item))
            else:
                self.fail(path, item, _("mỗi mục cần là một đối tượng { … }."))
        return out

    def key(self, path: str, raw, seen: set[str], what: str) -> str | None:
        if raw is None or isinstance(raw, str) and not raw.strip():
            self.fail(f"{path}.key", raw, _("thiếu khóa (key) của {what}.").format(what=_(what)))
            return None
        if not isinstance(raw, str):
            self.fail(f"{path}.key", raw, _("khóa (key) của {what} phải là văn bản.").format(what=_(what)))
            return None
        key = nfc(raw.strip())
        if key in seen:
            self.fail(f"{path}.key", raw, _("khóa «{key}» bị trùng trong tệp.").format(key=shown(key)))
            return None
        seen.add(key)
        return key

    def ref(self, path: str, raw, known, what: str) -> str | None:
        if raw is None:
            return None
        if not isinstance(raw, str):
            self.fail(path, raw, _("cần là khóa (văn bản) của một {what}.").format(what=_(what)))
            return None
        key = nfc(raw.strip())
        if key not in known:
            self.fail(path, raw, _("không có {what} có khóa «{key}» trong tệp hoặc trong cơ sở dữ liệu.").format(
                what=_(what), key=shown(raw)))
            return None
        return key

    def refs(self, path: str, value, known, what: str) -> list[str]:
        """A list of distinct references; the same one twice is refused (the operations
        refuse it, and the database would)."""
        keys: list[str] = []
        for i, raw in enumerate(self._list(path, value)):
            key = self.ref(f"{path}[{i}]", raw, known, what)
            if key is None:
                continue
            if key in keys:
                self.fail(f"{path}[{i}]", raw, _("{what} «{key}» đã có ở vị trí {position} của danh sách; mỗi mục chỉ "
                                                 "ghi một lần.").format(what=_(what), key=shown(key), position=keys.index(key)))
                continue
            keys.append(key)
        return keys

    def _list(self, path: str, value) -> list:
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(path, value, _("cần là một danh sách [ … ]."))
            return []
        return value

    # --- sections ----------------------------------------------------------------------

    def settings(self, data: dict) -> None:
        raw = data.get("settings")
        if raw is None:
            return
        if not isinstance(raw, dict):
            self.fail("settings", raw, _("cần là một đối tượng { … }."))
            return
        for key, value in raw.items():
            if key in SETTING_KEYS:
                try:
                    self.plan.settings[key] = validate_setting(key, value)
                except ValidationError as exc:
                    for p in exc.problems:
                        self.fail(f"settings.{key}", value, p.message)
            else:
                self.plan.warnings.append(_("settings.{key}: thiết lập không biết, bỏ qua.").format(key=shown(key)))

    def bodies(self, data: dict) -> set[str]:
        seen: set[str] = set()
        codes: dict[str, str] = {}
        pending = []
        for path, item in self.records(data, "bodies", "body"):
            key = self.key(path, item.get("key") or item.get("code") or item.get("name"), seen, N_("cơ quan"))
            c = Checker(self.clean_texts)
            clean = clean_body_fields(c, item)
            self.absorb(path, c)
            if key is not None and clean.get("code") and clean["code"] != key:
                self.fail(f"{path}.key", key, _("khóa phải trùng mã ký hiệu «{code}».").format(code=shown(clean["code"])))
            code = clean.get("code")
            if code and key is not None and key not in self.existing_bodies:
                # Codes are compared without regard to case, as the operations do.
                other = codes.get(code.upper()) or self.existing_codes.get(code.upper())
                if other is not None:
                    self.fail(f"{path}.code", code, _("Mã ký hiệu «{code}» đã dùng cho «{other}».").format(
                        code=shown(code), other=shown(other)))
            if code:
                codes.setdefault(code.upper(), clean["name"])
            if key is not None:
                self.body_facts[key] = SimpleNamespace(kind=clean["kind"], name=clean["name"])
            pending.append((path, key, item.get("parent"), clean))
        known = seen | set(self.existing_bodies)
        parents: dict[str, str] = {}
        for path, key, parent, clean in pending:
            clean["key"] = key
            clean["parent_key"] = self.ref(f"{path}.parent", parent, known, N_("cơ quan"))
            clean.pop("parent_id", None)
            if key is not None and clean["parent_key"] is not None:
                parents[key] = clean["parent_key"]
            self.plan.bodies.append(clean)
        for path, key, _parent, _clean in pending:
            cycle = cycle_of(key, parents.get) if key is not None and key in parents else None
            if cycle:
                chain = " → ".join(shown(k, 30) for k in [*cycle, key])
                self.fail(f"{path}.parent", parents.get(key or ""), _("{message} (vòng: {chain})").format(
                    message=_(CYCLE_MESSAGE), chain=chain))
        return known

    def body_kind(self, key: str | None):
        if key is None:
            return None
        if key in self.body_facts:
            return self.body_facts[key]
        return self.existing_bodies.get(key)

    def documents(self, data: dict) -> set[str]:
        seen: set[str] = set()
        identities: dict[tuple, str] = {}
        for path, item in self.records(data, "documents", "document"):
            c = Checker(self.clean_texts)
            clean = clean_document_fields(c, item)
            self.absorb(path, c)
            key = self.key(path, item.get("key") or clean.get("symbol"), seen, N_("văn bản"))
            if "symbol" in clean:
                identity = (clean["symbol"], clean["issue_date"])
                if identity in identities:
                    self.fail(f"{path}.symbol", item.get("symbol"),
                              _("Văn bản số {symbol} cùng ngày ban hành đã có trong tệp (khóa «{key}»).").format(
                                  symbol=clean["symbol"], key=shown(identities[identity])))
                identities.setdefault(identity, key or "")
            clean["key"] = key
            self.plan.documents.append(clean)
        return seen | self.existing_documents

    def programs(self, data: dict, body_keys: set[str], document_keys: set[str]) -> None:
        for path, item in self.records(data, "programs", "program"):
            sections = self.obj(f"{path}.sections", item.get("sections"), "sections")
            signing = self.obj(f"{path}.signing", item.get("signing"), "signing")
            if sections is None or signing is None:
                continue
            values = {
                "kind": item.get("kind"), "title": item.get("title"), "number": item.get("number"),
                "issue_date": item.get("issue_date"), "place": item.get("place"), "status": item.get("status"),
                "draft_round": item.get("draft_round"), "classification": item.get("classification"),
                "opening_text": sections.get("opening"), "purpose_text": sections.get("purpose"),
                "objectives_text": sections.get("objectives"), "tasks_text": sections.get("tasks"),
                "organisation_text": sections.get("organisation"),
                "signing_authority": signing.get("authority"), "signing_mode": signing.get("mode"),
                "signer_title": signing.get("title"), "signer_name": signing.get("name"),
                "recipients": item.get("recipients"),
            }
            c = Checker(self.clean_texts)
            clean = clean_program_fields(c, values)
            clean["issuing_body_key"] = self.ref(f"{path}.issuing_body", item.get("issuing_body"), body_keys, N_("cơ quan"))
            check_signing(c, self.body_kind(clean["issuing_body_key"]), clean["signing_mode"])
            self.absorb(path, c, PROGRAM_NAMES)
            clean["document_keys"] = self.refs(f"{path}.documents", item.get("documents"), document_keys, N_("văn bản"))
            clean["tasks"] = [
                self.task(f"{path}.tasks[{i}]", t, body_keys, clean.get("issue_date"))
                for i, t in enumerate(self._list(f"{path}.tasks", item.get("tasks")))
            ]
            clean["tasks"] = [t for t in clean["tasks"] if t is not None]
            self.plan.programs.append(clean)

    def task(self, path: str, item, body_keys: set[str], issue_date) -> dict | None:
        if not isinstance(item, dict):
            self.fail(path, item, _("mỗi nhiệm vụ cần là một đối tượng { … }."))
            return None
        self.fields(path, item, "task")
        values = {
            "group_title": item.get("group"), "content": item.get("content"), "product": item.get("product"),
            "deadline": item.get("deadline"), "assigned_date": item.get("assigned_date"), "note": item.get("note"),
            "lead_body_id": None,
        }
        c = Checker(self.clean_texts)
        clean = clean_task_fields(c, values)
        self.absorb(path, c, {"group_title": "group"})
        clean.pop("lead_body_id")
        clean["lead_key"] = self.ref(f"{path}.lead_body", item.get("lead_body"), body_keys, N_("cơ quan"))
        keys = self.refs(f"{path}.coordinating_bodies", item.get("coordinating_bodies"), body_keys, N_("cơ quan"))
        if clean["lead_key"] is not None and clean["lead_key"] in keys:
            i = keys.index(clean["lead_key"])
            self.fail(f"{path}.coordinating_bodies[{i}]", clean["lead_key"],
                      _("Cơ quan chủ trì không đồng thời là cơ quan phối hợp."))
        clean["coordinator_keys"] = keys
        entries = [self.entry(path, e, i) for i, e in enumerate(self._list(f"{path}.progress", item.get("progress")))]
        self.log_rules(path, clean, entries)
        clean["progress"] = [e for e in entries if e is not None]
        return clean

    def log_rules(self, path: str, task: dict, entries: list[dict | None]) -> None:
        """Replay the log in file order under the operations' rules: an entry is corrected
        at most once; a task is completed once (a yearly task once a year)."""
        read = [e for e in entries if e is not None]
        if len(read) != len(entries):
            return  # positions would not line up; the broken entry is already reported
        corrected: set[int] = set()
        for i, e in enumerate(read):
            target = e["corrects_index"]
            if target is not None and target in corrected:
                self.fail(f"{path}.progress[{i}].corrects", target, ALREADY_CORRECTED)
            if e["completed"] and e["reported_on"] is not None:
                done = [d["reported_on"] for j, d in enumerate(read[:i])
                        if d["completed"] and j not in corrected and j != target]
                message = completion_clash(task.get("deadline_kind"), done, e["reported_on"])
                if message:
                    self.fail(f"{path}.progress[{i}].completed", True, message)
            if target is not None:
                corrected.add(target)
            assigned = task.get("assigned_date")
            if assigned and e["reported_on"] is not None and e["reported_on"] < assigned:
                self.plan.warnings.append(_("{where}: ngày báo cáo trước ngày giao nhiệm vụ.").format(
                    where=f"{path}.progress[{i}]"))

    def entry(self, task_path: str, item, index: int) -> dict | None:
        """Entry *index* of the log of the task at *task_path* (its own path is only written
        out when something is reported: 250,000 entries, issue 12)."""
        if not isinstance(item, dict):
            self.fail(f"{task_path}.progress[{index}]", item, _("mỗi mục tiến độ cần là một đối tượng { … }."))
            return None
        if not _ENTRY_FIELDS.issuperset(item):
            self.fields(f"{task_path}.progress[{index}]", item, "entry")
        values = {
            "reported_on": item.get("date"), "percent": item.get("percent"), "completed": item.get("completed"),
            "note": item.get("note"), "reported_by": item.get("reported_by"), "evidence": item.get("evidence"),
        }
        c = Checker(self.clean_texts)
        clean = clean_progress_fields(c, values, self.today)
        clean["recorded_by"] = c.text("recorded_by", N_("Người ghi"), item.get("recorded_by"),
                                      limit=ProgressEntry.recorded_by)
        if c.problems or c.warnings:
            self.absorb(f"{task_path}.progress[{index}]", c, _ENTRY_NAMES)
        corrects = item.get("corrects")
        if corrects is not None and (isinstance(corrects, bool) or not isinstance(corrects, int)
                                     or not 0 <= corrects < index):
            self.fail(f"{task_path}.progress[{index}].corrects", corrects,
                      _("phải là số thứ tự (từ 0) của một mục tiến độ đứng trước."))
            corrects = None
        clean["corrects_index"] = corrects
        recorded_at = item.get("recorded_at")
        clean["recorded_at"] = None
        if recorded_at is not None:
            try:
                if not isinstance(recorded_at, str) or len(recorded_at) > 40:
                    raise ValueError
                moment = datetime.fromisoformat(recorded_at)
                if moment.tzinfo is not None:  # stored in UTC without a zone, as the operations do
                    moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
                clean["recorded_at"] = moment
            except (ValueError, OverflowError):
                self.fail(f"{task_path}.progress[{index}].recorded_at", recorded_at,
                          _("thời điểm ghi phải theo dạng ISO, ví dụ 2024-05-10T08:30:00."))
        return clean

    def memberships(self, data: dict, body_keys: set[str]) -> None:
        seen: dict[tuple, int] = {}
        for i, (path, item) in enumerate(self.records(data, "memberships", "membership")):
            c = Checker(self.clean_texts)
            clean = clean_membership_fields(c, item)
            self.absorb(path, c)
            clean["body_key"] = self.ref(f"{path}.body", item.get("body"), body_keys, N_("cơ quan"))
            if clean["body_key"] is None and item.get("body") is None:
                self.fail(f"{path}.body", None, _("thiếu tổ chức đảng."))
            if clean["body_key"] is not None and clean["as_of"] is not None:
                day = (clean["body_key"], clean["as_of"])
                if day in seen:
                    self.fail(f"{path}.as_of", item.get("as_of"),
                              _("tổ chức này đã có số đảng viên cùng ngày ở memberships[{index}]; giữ một dòng.").format(
                                  index=seen[day]))
                seen.setdefault(day, i)
            self.plan.memberships.append(clean)

    def study_sessions(self, data: dict, body_keys: set[str], document_keys: set[str]) -> None:
        for path, item in self.records(data, "study_sessions", "session"):
            c = Checker(self.clean_texts)
            clean = clean_session_fields(c, item)
            self.absorb(path, c)
            clean["organiser_key"] = self.ref(f"{path}.organiser", item.get("organiser"), body_keys, N_("cơ quan"))
            clean["scope_key"] = self.ref(f"{path}.scope", item.get("scope"), body_keys, N_("cơ quan"))
            clean["document_keys"] = self.refs(f"{path}.documents", item.get("documents"), document_keys, N_("văn bản"))
            points = []
            raw_points = self._list(f"{path}.bridge_points", item.get("bridge_points"))
            for i, raw in enumerate(raw_points):
                where = f"{path}.bridge_points[{i}]"
                if not isinstance(raw, dict):
                    self.fail(where, raw, _("mỗi điểm cầu cần là một đối tượng { … }."))
                    continue
                self.fields(where, raw, "point")
                pc = Checker(self.clean_texts)
                point = clean_point_fields(pc, raw)
                self.absorb(where, pc)
                point.pop("host_id")
                point["host_key"] = self.ref(f"{where}.host", raw.get("host"), body_keys, N_("cơ quan"))
                points.append(point)
            clean["bridge_points"] = points
            count = len(raw_points)
            rows = []
            for i, raw in enumerate(self._list(f"{path}.attendance", item.get("attendance"))):
                where = f"{path}.attendance[{i}]"
                if not isinstance(raw, dict):
                    self.fail(where, raw, _("mỗi dòng dự hội nghị cần là một đối tượng { … }."))
                    continue
                self.fields(where, raw, "row")
                rc = Checker(self.clean_texts)
                row = clean_row_fields(rc, raw)
                self.absorb(where, rc)
                row["body_key"] = self.ref(f"{where}.body", raw.get("body"), body_keys, N_("cơ quan"))
                if raw.get("body") is None:
                    self.fail(f"{where}.body", None, _("thiếu tổ chức đảng."))
                index = raw.get("bridge_point")
                if index is not None and (isinstance(index, bool) or not isinstance(index, int)
                                          or not 0 <= index < count):
                    self.fail(f"{where}.bridge_point", index, _("phải là số thứ tự (từ 0) của một điểm cầu của hội nghị."))
                    index = None
                row["point_index"] = index
                rows.append(row)
            clean["attendance"] = rows
            self.plan.study_sessions.append(clean)


def migrate(data: dict) -> dict:
    """An older file's data in the current shape (see the module docstring)."""
    if data.get("format") == "nqdesk/1":
        data = dict(data, format=FORMAT)
        data.setdefault("memberships", [])
        data.setdefault("study_sessions", [])
    return data


def build_plan(data, *, existing_bodies: Mapping[str, KnownBody | None] | AbstractSet[str] = frozenset(),
               existing_documents: AbstractSet[str] = frozenset(), today: date | None = None) -> ImportPlan:
    """Check *data* (already parsed JSON) and return what to write; raise ImportFailed listing
    every problem otherwise. *existing_bodies*: the keys of the bodies already in the
    database, with what is known of each (their kind decides how a programme is signed)."""
    if not isinstance(existing_bodies, Mapping):
        existing_bodies = dict.fromkeys(existing_bodies)
    r = _Reader(existing_bodies, set(existing_documents), today or date.today())
    if not isinstance(data, dict):
        raise ImportFailed(_("Tệp cần là một đối tượng JSON {{ \"format\": \"{format}\", … }}.").format(format=FORMAT), "$",
                           type(data).__name__)
    problems = structure_problems(data)
    if problems:
        raise ImportFailed(problems)
    data = migrate(data)
    fmt = data.get("format")
    if fmt != FORMAT:
        raise ImportFailed(
            _("Tệp có định dạng «{found}», chương trình này đọc «{format}» (và «nqdesk/1»). "
              "Hãy xuất lại tệp bằng NQ Desk hoặc cập nhật chương trình.").format(found=shown(fmt), format=FORMAT),
            "format", brief(fmt))
    r.fields("", data, "")
    r.settings(data)
    body_keys = r.bodies(data)
    document_keys = r.documents(data)
    r.programs(data, body_keys, document_keys)
    r.memberships(data, body_keys)
    r.study_sessions(data, body_keys, document_keys)
    if r.problems:
        raise ImportFailed(r.problems)
    return r.plan
