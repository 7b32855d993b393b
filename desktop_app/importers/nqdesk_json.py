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
rules are the operations' own (``clean_*_fields``), so a file cannot bring in data the
screens would refuse. Writing is done by :mod:`desktop_app.ops.interchange`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from ..core.text import nfc
from ..ops.base import Problem, ValidationError
from ..ops.bodies import clean_body_fields
from ..ops.documents import clean_document_fields
from ..ops.programs import clean_program_fields
from ..ops.progress import clean_progress_fields
from ..ops.study import clean_membership_fields, clean_point_fields, clean_session_fields
from ..ops.tasks import clean_task_fields
from ..ops.validate import Checker

FORMAT = "nqdesk/2"
OLD_FORMATS = ("nqdesk/1",)
SETTING_KEYS = ("due_soon_days", "place", "continuous_report_period")


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


def load_json(path: str | Path) -> object:
    """Read a JSON file; a syntax error becomes an ImportFailed with line and column."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ImportFailed(f"Không tìm thấy tệp «{p}».", "tệp", str(p)) from None
    except UnicodeDecodeError:
        raise ImportFailed(f"Tệp «{p}» không phải văn bản UTF-8 (có thể là tệp Word hoặc Excel?).", "tệp", str(p)) from None
    except OSError as exc:
        raise ImportFailed(f"Không đọc được tệp «{p}»: {exc.strerror}.", "tệp", str(p)) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFailed(
            Problem(f"dòng {exc.lineno}, cột {exc.colno}", text[max(0, exc.pos - 20): exc.pos + 20],
                    f"Tệp không đúng cú pháp JSON ({exc.msg}) ở dòng {exc.lineno}, cột {exc.colno}.")
        ) from None


class _Reader:
    def __init__(self, existing_bodies: set[str], existing_documents: set[str], today: date):
        self.problems: list[Problem] = []
        self.plan = ImportPlan()
        self.existing_bodies = existing_bodies
        self.existing_documents = existing_documents
        self.today = today

    def fail(self, path: str, value, message: str) -> None:
        self.problems.append(Problem(path, value, f"{path}: {message}"))

    def absorb(self, path: str, c: Checker) -> None:
        for p in c.problems:
            where = f"{path}.{p.field}" if p.field else path
            self.problems.append(Problem(where, p.value, f"{where}: {p.message}"))
        self.plan.warnings.extend(f"{path}: {w}" for w in c.warnings)

    def records(self, data: dict, name: str) -> list[tuple[str, dict]]:
        items = data.get(name, [])
        if not isinstance(items, list):
            self.fail(name, type(items).__name__, "cần là một danh sách [ … ].")
            return []
        out = []
        for i, item in enumerate(items):
            path = f"{name}[{i}]"
            if isinstance(item, dict):
                out.append((path, item))
            else:
                self.fail(path, item, "mỗi mục cần là một đối tượng { … }.")
        return out

    def key(self, path: str, raw, seen: set[str], what: str) -> str | None:
        if not isinstance(raw, str) or not raw.strip():
            self.fail(f"{path}.key", raw, f"thiếu khóa (key) của {what}.")
            return None
        key = nfc(raw.strip())
        if key in seen:
            self.fail(f"{path}.key", raw, f"khóa «{key}» bị trùng trong tệp.")
            return None
        seen.add(key)
        return key

    def ref(self, path: str, raw, known: set[str], what: str) -> str | None:
        if raw is None:
            return None
        key = nfc(raw.strip()) if isinstance(raw, str) else raw
        if key not in known:
            self.fail(path, raw, f"không có {what} có khóa «{raw}» trong tệp hoặc trong cơ sở dữ liệu.")
            return None
        return key

    # --- sections ----------------------------------------------------------------------

    def settings(self, data: dict) -> None:
        raw = data.get("settings", {})
        if not isinstance(raw, dict):
            self.fail("settings", raw, "cần là một đối tượng { … }.")
            return
        for key, value in raw.items():
            if key in SETTING_KEYS:
                self.plan.settings[key] = value
            else:
                self.plan.warnings.append(f"settings.{key}: thiết lập không biết, bỏ qua.")

    def bodies(self, data: dict) -> set[str]:
        seen: set[str] = set()
        pending = []
        for path, item in self.records(data, "bodies"):
            key = self.key(path, item.get("key") or item.get("code") or item.get("name"), seen, "cơ quan")
            c = Checker()
            clean = clean_body_fields(c, item)
            self.absorb(path, c)
            if key is not None and clean.get("code") and clean["code"] != key:
                self.fail(f"{path}.key", key, f"khóa phải trùng mã ký hiệu «{clean['code']}».")
            pending.append((path, key, item.get("parent"), clean))
        known = seen | self.existing_bodies
        for path, key, parent, clean in pending:
            clean["key"] = key
            clean["parent_key"] = self.ref(f"{path}.parent", parent, known, "cơ quan")
            clean.pop("parent_id", None)
            self.plan.bodies.append(clean)
        return known

    def documents(self, data: dict) -> set[str]:
        seen: set[str] = set()
        for path, item in self.records(data, "documents"):
            c = Checker()
            clean = clean_document_fields(c, item)
            self.absorb(path, c)
            key = self.key(path, item.get("key") or clean.get("symbol"), seen, "văn bản")
            clean["key"] = key
            self.plan.documents.append(clean)
        return seen | self.existing_documents

    def programs(self, data: dict, body_keys: set[str], document_keys: set[str]) -> None:
        for path, item in self.records(data, "programs"):
            sections = item.get("sections") or {}
            signing = item.get("signing") or {}
            if not isinstance(sections, dict) or not isinstance(signing, dict):
                self.fail(path, None, "«sections» và «signing» cần là đối tượng { … }.")
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
            c = Checker()
            clean = clean_program_fields(c, values)
            self.absorb(path, c)
            clean["issuing_body_key"] = self.ref(f"{path}.issuing_body", item.get("issuing_body"), body_keys, "cơ quan")
            docs = item.get("documents") or []
            if not isinstance(docs, list):
                self.fail(f"{path}.documents", docs, "cần là danh sách khóa văn bản.")
                docs = []
            clean["document_keys"] = [
                k for i, d in enumerate(docs)
                if (k := self.ref(f"{path}.documents[{i}]", d, document_keys, "văn bản")) is not None
            ]
            clean["tasks"] = [
                self.task(f"{path}.tasks[{i}]", t, body_keys, clean.get("issue_date"))
                for i, t in enumerate(self._list(f"{path}.tasks", item.get("tasks")))
            ]
            clean["tasks"] = [t for t in clean["tasks"] if t is not None]
            self.plan.programs.append(clean)

    def _list(self, path: str, value) -> list:
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(path, value, "cần là một danh sách [ … ].")
            return []
        return value

    def task(self, path: str, item, body_keys: set[str], issue_date) -> dict | None:
        if not isinstance(item, dict):
            self.fail(path, item, "mỗi nhiệm vụ cần là một đối tượng { … }.")
            return None
        values = {
            "group_title": item.get("group"), "content": item.get("content"), "product": item.get("product"),
            "deadline": item.get("deadline"), "assigned_date": item.get("assigned_date"), "note": item.get("note"),
            "lead_body_id": None,
        }
        c = Checker()
        clean = clean_task_fields(c, values)
        self.absorb(path, c)
        clean.pop("lead_body_id")
        clean["lead_key"] = self.ref(f"{path}.lead_body", item.get("lead_body"), body_keys, "cơ quan")
        coordinators = self._list(f"{path}.coordinating_bodies", item.get("coordinating_bodies"))
        keys = []
        for i, raw in enumerate(coordinators):
            key = self.ref(f"{path}.coordinating_bodies[{i}]", raw, body_keys, "cơ quan")
            if key is not None and key not in keys:
                if key == clean["lead_key"]:
                    self.fail(f"{path}.coordinating_bodies[{i}]", raw, "cơ quan chủ trì không đồng thời là cơ quan phối hợp.")
                keys.append(key)
        clean["coordinator_keys"] = keys
        clean["progress"] = [
            self.entry(f"{path}.progress[{i}]", e, i)
            for i, e in enumerate(self._list(f"{path}.progress", item.get("progress")))
        ]
        clean["progress"] = [e for e in clean["progress"] if e is not None]
        return clean

    def entry(self, path: str, item, index: int) -> dict | None:
        if not isinstance(item, dict):
            self.fail(path, item, "mỗi mục tiến độ cần là một đối tượng { … }.")
            return None
        values = {
            "reported_on": item.get("date"), "percent": item.get("percent"), "completed": item.get("completed"),
            "note": item.get("note"), "reported_by": item.get("reported_by"), "evidence": item.get("evidence"),
        }
        c = Checker()
        if values["reported_on"] is None:
            c.fail("date", None, "thiếu ngày báo cáo.")
        clean = clean_progress_fields(c, values, self.today)
        self.absorb(path, c)
        corrects = item.get("corrects")
        if corrects is not None and (isinstance(corrects, bool) or not isinstance(corrects, int)
                                     or not 0 <= corrects < index):
            self.fail(f"{path}.corrects", corrects, "phải là số thứ tự (từ 0) của một mục tiến độ đứng trước.")
            corrects = None
        clean["corrects_index"] = corrects
        clean["recorded_by"] = item.get("recorded_by") if isinstance(item.get("recorded_by"), str) else ""
        recorded_at = item.get("recorded_at")
        clean["recorded_at"] = None
        if recorded_at is not None:
            try:
                clean["recorded_at"] = datetime.fromisoformat(recorded_at)
            except (TypeError, ValueError):
                self.fail(f"{path}.recorded_at", recorded_at, "thời điểm ghi phải theo dạng ISO, ví dụ 2024-05-10T08:30:00.")
        return clean

    def memberships(self, data: dict, body_keys: set[str]) -> None:
        for path, item in self.records(data, "memberships"):
            c = Checker()
            clean = clean_membership_fields(c, item)
            self.absorb(path, c)
            clean["body_key"] = self.ref(f"{path}.body", item.get("body"), body_keys, "cơ quan")
            if clean["body_key"] is None and item.get("body") is None:
                self.fail(f"{path}.body", None, "thiếu tổ chức đảng.")
            self.plan.memberships.append(clean)

    def study_sessions(self, data: dict, body_keys: set[str], document_keys: set[str]) -> None:
        for path, item in self.records(data, "study_sessions"):
            c = Checker()
            clean = clean_session_fields(c, item)
            self.absorb(path, c)
            clean["organiser_key"] = self.ref(f"{path}.organiser", item.get("organiser"), body_keys, "cơ quan")
            clean["scope_key"] = self.ref(f"{path}.scope", item.get("scope"), body_keys, "cơ quan")
            clean["document_keys"] = [
                k for i, d in enumerate(self._list(f"{path}.documents", item.get("documents")))
                if (k := self.ref(f"{path}.documents[{i}]", d, document_keys, "văn bản")) is not None
            ]
            points = []
            for i, raw in enumerate(self._list(f"{path}.bridge_points", item.get("bridge_points"))):
                where = f"{path}.bridge_points[{i}]"
                if not isinstance(raw, dict):
                    self.fail(where, raw, "mỗi điểm cầu cần là một đối tượng { … }.")
                    continue
                pc = Checker()
                point = clean_point_fields(pc, raw)
                self.absorb(where, pc)
                point.pop("host_id")
                point["host_key"] = self.ref(f"{where}.host", raw.get("host"), body_keys, "cơ quan")
                points.append(point)
            clean["bridge_points"] = points
            rows = []
            for i, raw in enumerate(self._list(f"{path}.attendance", item.get("attendance"))):
                where = f"{path}.attendance[{i}]"
                if not isinstance(raw, dict):
                    self.fail(where, raw, "mỗi dòng dự hội nghị cần là một đối tượng { … }.")
                    continue
                rc = Checker()
                row = {k: rc.integer(k, label, raw.get(k), minimum=0) or 0 for k, label in (
                    ("members", "Số đảng viên dự"), ("non_members", "Số quần chúng dự"),
                    ("newly_studied", "Số đảng viên học tập lần đầu"))}
                row["note"] = rc.long_text("note", "Ghi chú", raw.get("note"), limit="content")
                if row["newly_studied"] > row["members"]:
                    rc.fail("newly_studied", row["newly_studied"], "nhiều hơn số đảng viên dự.")
                self.absorb(where, rc)
                row["body_key"] = self.ref(f"{where}.body", raw.get("body"), body_keys, "cơ quan")
                if raw.get("body") is None:
                    self.fail(f"{where}.body", None, "thiếu tổ chức đảng.")
                index = raw.get("bridge_point")
                if index is not None and (isinstance(index, bool) or not isinstance(index, int)
                                          or not 0 <= index < len(points)):
                    self.fail(f"{where}.bridge_point", index, "phải là số thứ tự (từ 0) của một điểm cầu của hội nghị.")
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


def build_plan(data, *, existing_bodies: set[str] = frozenset(), existing_documents: set[str] = frozenset(),
               today: date | None = None) -> ImportPlan:
    """Check *data* (already parsed JSON) and return what to write; raise ImportFailed listing
    every problem otherwise."""
    r = _Reader(set(existing_bodies), set(existing_documents), today or date.today())
    if not isinstance(data, dict):
        raise ImportFailed("Tệp cần là một đối tượng JSON { \"format\": \"nqdesk/2\", … }.", "$", type(data).__name__)
    data = migrate(data)
    fmt = data.get("format")
    if fmt != FORMAT:
        raise ImportFailed(
            f"Tệp có định dạng «{fmt}», chương trình này đọc «{FORMAT}» (và «nqdesk/1»). "
            "Hãy xuất lại tệp bằng NQ Desk hoặc cập nhật chương trình.", "format", fmt)
    r.settings(data)
    body_keys = r.bodies(data)
    document_keys = r.documents(data)
    r.programs(data, body_keys, document_keys)
    r.memberships(data, body_keys)
    r.study_sessions(data, body_keys, document_keys)
    if r.problems:
        raise ImportFailed(r.problems)
    return r.plan
