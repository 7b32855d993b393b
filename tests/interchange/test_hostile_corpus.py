"""The hostile-import corpus: files an import must refuse, each with a problem that names
the place in the file and says why, never a traceback, and nothing written. A few odd but
harmless files are accepted, with a check of exactly what was stored.

The cases are a table (name, how the valid base file is spoiled, the path and the reason
expected); each is written to a real file and imported with ``import_file``."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from sqlalchemy import func, select

from desktop_app.interchange import reader as nqdesk_json
from desktop_app.interchange.reader import ImportFailed
from desktop_app.ops import bodies as body_ops
from desktop_app.ops import documents as document_ops
from desktop_app.ops.interchange import DATABASE_REFUSED, import_data, import_file
from desktop_app.ops.fields import BodyFields, DocumentFields
from desktop_app.reports.check import check_database
from desktop_app.store.models import (
    Body, Document, JournalEntry, Program, ProgressEntry, Setting, StudySession, Task,
)

from .base_file import TODAY, base

P = "programs[0]"
T0, T1 = f"{P}.tasks[0]", f"{P}.tasks[1]"
E0 = f"{T0}.progress[0]"
S = "study_sessions[0]"
BIG = "x" * 10_000_000


def _set(path_value_pairs):
    """A mutation setting values by path: [("programs", 0, "tasks", 0, "lead_body"), value]."""
    def mutate(d):
        for path, value in path_value_pairs:
            target = d
            for step in path[:-1]:
                target = target[step]
            if value is _DELETE:
                del target[path[-1]]
            else:
                target[path[-1]] = value
        return d
    return mutate


_DELETE = object()


def at(*path, value):
    return _set([(path, value)])


def task0(name, value):
    return at("programs", 0, "tasks", 0, name, value=value)


def entry0(name, value):
    return at("programs", 0, "tasks", 0, "progress", 0, name, value=value)


def row0(name, value):
    return at("study_sessions", 0, "attendance", 0, name, value=value)


def text(replace_from, replace_to, count=1):
    """A mutation of the file's text (for what a dict cannot hold: NaN, duplicate keys…)."""
    def mutate(t: str) -> str:
        assert replace_from in t, replace_from
        return t.replace(replace_from, replace_to, count)
    return ("text", mutate)


def raw(data: bytes):
    return ("raw", lambda _t: data)


def append(path, item):
    def mutate(d):
        target = d
        for step in path:
            target = target[step]
        target.append(item(d) if callable(item) else item)
        return d
    return mutate


def _dump(d) -> str:
    return json.dumps(d, ensure_ascii=False, indent=1)


def cycle(*pairs):
    return _set([(("bodies", i, "parent"), parent) for i, parent in pairs])


def two_completions(d):
    d["programs"][0]["tasks"][2]["progress"] = [{"date": "2024-05-01", "percent": 100, "completed": True},
                                                {"date": "2024-06-01", "percent": 100, "completed": True}]
    return d


def deep(levels):
    def mutate(d):
        value = "đáy"
        for _ in range(levels):
            value = [value]
        d["programs"][0]["tasks"][0]["note"] = value
        return d
    return mutate


# (name, mutation, expected problem path (exact, or a prefix ending in "*"), reason substring)
REFUSED = [
    # --- reading the file ------------------------------------------------------------------
    ("invalid-utf8", raw(b'{"format": "nqdesk/2", "bodies": [{"name": "Ban \xff"}]}'), "dòng 1, cột 49", "UTF-8"),
    ("utf16", raw('{"format": "nqdesk/2"}'.encode("utf-16")), "dòng 1, cột 1", "UTF-8"),
    ("truncated", ("text", lambda t: t[: len(t) // 2]), "dòng *", "cú pháp JSON"),
    ("trailing-comma", text('"Lưu VPTU"', '"Lưu VPTU",'), "dòng *", "cú pháp JSON"),
    ("empty-file", raw(b""), "dòng 1, cột 1", "cú pháp JSON"),
    ("nesting-100000", raw(b"[" * 100_000 + b"]" * 100_000), "$", "lồng quá sâu"),
    ("nesting-50-in-a-field", deep(50), f"{T0}.note*", "lồng quá sâu"),
    ("nan", text('"percent": 50', '"percent": NaN'), f"{E0}.percent", "NaN"),
    ("infinity", text('"percent": 50', '"percent": Infinity'), f"{E0}.percent", "Infinity"),
    ("minus-infinity", text('"members": 100', '"members": -Infinity'), "memberships[0].members", "Infinity"),
    ("float-overflow", text('"members": 100', '"members": 1e400'), "memberships[0].members", "1e400"),
    ("int-40-digits", text('"members": 100', '"members": ' + "9" * 40), "memberships[0].members", "quá dài"),
    ("int-5000-digits", text('"members": 100', '"members": ' + "9" * 5000), "memberships[0].members", "quá dài"),
    ("surrogate-in-name", text('"Tỉnh ủy Lạng Sơn"', '"Tỉnh ủy \\ud800"'), "bodies[0].name", "surrogate"),
    ("surrogate-in-key-name", text('"short_name": "Tỉnh ủy"', '"\\udc00": "Tỉnh ủy"'), "bodies[0].*", "surrogate"),
    ("surrogate-in-reference", text('"lead_body": "VPTU"', '"lead_body": "VP\\ud83d"'), f"{T1}.lead_body",
     "surrogate"),
    ("duplicate-key-in-body", text('"name": "Văn phòng Tỉnh ủy"', '"name": "A", "name": "Văn phòng Tỉnh ủy"'),
     "bodies[1].name", "hai lần"),
    ("duplicate-top-level-key", text('"memberships": [', '"memberships": [], "memberships": ['), "memberships",
     "hai lần"),
    ("duplicate-setting", text('"due_soon_days": 10', '"due_soon_days": 10, "due_soon_days": 99'),
     "settings.due_soon_days", "hai lần"),
    ("duplicate-key-in-entry", text('"percent": 50', '"percent": 50, "percent": 60'), f"{E0}.percent", "hai lần"),
    ("root-is-list", raw(b'[{"format": "nqdesk/2"}]'), "$", "đối tượng JSON"),
    ("root-is-string", raw(b'"nqdesk/2"'), "$", "đối tượng JSON"),
    ("format-missing", at("format", value=_DELETE), "format", "định dạng"),
    ("format-newer", at("format", value="nqdesk/9"), "format", "nqdesk/9"),
    ("format-list", at("format", value=["nqdesk/2"]), "format", "định dạng"),
    # --- a list or an object where a key is expected ----------------------------------------
    ("lead-body-list", task0("lead_body", ["BTGTU"]), f"{T0}.lead_body", "khóa"),
    ("lead-body-object", task0("lead_body", {"key": "BTGTU"}), f"{T0}.lead_body", "khóa"),
    ("lead-body-number", task0("lead_body", 7), f"{T0}.lead_body", "khóa"),
    ("coordinator-nested-list", task0("coordinating_bodies", [["VPTU"]]), f"{T0}.coordinating_bodies[0]", "khóa"),
    ("coordinators-not-a-list", task0("coordinating_bodies", "VPTU"), f"{T0}.coordinating_bodies", "danh sách"),
    ("issuing-body-number", at("programs", 0, "issuing_body", value=5), f"{P}.issuing_body", "khóa"),
    ("parent-list", at("bodies", 1, "parent", value=["TU"]), "bodies[1].parent", "khóa"),
    ("programme-document-object", at("programs", 0, "documents", value=[{"a": 1}]), f"{P}.documents[0]", "khóa"),
    ("membership-body-number", at("memberships", 0, "body", value=5), "memberships[0].body", "khóa"),
    ("attendance-body-list", row0("body", ["ĐBSYT"]), f"{S}.attendance[0].body", "khóa"),
    ("bridge-point-host-object", at("study_sessions", 0, "bridge_points", 0, "host", value={}),
     f"{S}.bridge_points[0].host", "khóa"),
    ("session-scope-list", at("study_sessions", 0, "scope", value=[]), f"{S}.scope", "khóa"),
    ("body-key-list", at("bodies", 5, "key", value=["UBND"]), "bodies[5].key", "văn bản"),
    ("document-key-number", at("documents", 1, "key", value=43), "documents[1].key", "văn bản"),
    # --- wrong shapes ----------------------------------------------------------------------
    ("bodies-object", at("bodies", value={"TU": {}}), "bodies", "danh sách"),
    ("programs-string", at("programs", value="none"), "programs", "danh sách"),
    ("task-string", at("programs", 0, "tasks", 0, value="Việc"), T0, "đối tượng"),
    ("progress-object", task0("progress", {"date": "2024-01-01"}), f"{T0}.progress", "danh sách"),
    ("sections-list", at("programs", 0, "sections", value=["Mục đích"]), f"{P}.sections", "đối tượng"),
    ("signing-string", at("programs", 0, "signing", value="T/M"), f"{P}.signing", "đối tượng"),
    ("settings-list", at("settings", value=[["due_soon_days", 10]]), "settings", "đối tượng"),
    ("body-name-number", at("bodies", 0, "name", value=5), "bodies[0].name", "văn bản"),
    ("title-list", at("programs", 0, "title", value=["Chương trình"]), f"{P}.title", "văn bản"),
    ("content-object", task0("content", {"vi": "Việc"}), f"{T0}.content", "văn bản"),
    ("section-number", at("programs", 0, "sections", "purpose", value=1), f"{P}.sections.purpose", "văn bản"),
    # --- numbers ---------------------------------------------------------------------------
    ("members-1e30", at("memberships", 0, "members", value=1e30), "memberships[0].members", "số nguyên"),
    ("members-negative", at("memberships", 0, "members", value=-1), "memberships[0].members", "trở lên"),
    ("members-beyond-integer", at("memberships", 0, "members", value=3_000_000_000), "memberships[0].members",
     "quá lớn"),
    ("percent-101", entry0("percent", 101), f"{E0}.percent", "từ 0 đến 100"),
    ("percent-fraction", entry0("percent", 50.5), f"{E0}.percent", "số nguyên"),
    ("percent-text", entry0("percent", "abc"), f"{E0}.percent", "số nguyên"),
    ("programme-number-0", at("programs", 0, "number", value=0), f"{P}.number", "từ 1"),
    ("draft-round-1000", at("programs", 0, "draft_round", value=1000), f"{P}.draft_round", "từ 1 đến 99"),
    ("newly-studied-over-present", row0("newly_studied", 81), f"{S}.attendance[0].newly_studied", "nhiều hơn"),
    ("attendance-negative", row0("non_members", -5), f"{S}.attendance[0].non_members", "trở lên"),
    ("attendance-huge", row0("members", 10 ** 12), f"{S}.attendance[0].members", "quá lớn"),
    ("corrects-later-entry", entry0("corrects", 5), f"{E0}.corrects", "đứng trước"),
    ("corrects-negative", at("programs", 0, "tasks", 0, "progress", 2, "corrects", value=-1),
     f"{T0}.progress[2].corrects", "đứng trước"),
    ("corrects-true", at("programs", 0, "tasks", 0, "progress", 2, "corrects", value=True),
     f"{T0}.progress[2].corrects", "đứng trước"),
    ("bridge-point-index-out-of-range", row0("bridge_point", 3), f"{S}.attendance[0].bridge_point", "điểm cầu"),
    # --- settings (the preferences' own rules) ----------------------------------------------
    ("due-soon-text", at("settings", "due_soon_days", value="abc"), "settings.due_soon_days", "0 đến 365"),
    ("due-soon-1000", at("settings", "due_soon_days", value=1000), "settings.due_soon_days", "0 đến 365"),
    ("due-soon-true", at("settings", "due_soon_days", value=True), "settings.due_soon_days", "0 đến 365"),
    ("report-period-month", at("settings", "continuous_report_period", value="month"),
     "settings.continuous_report_period", "Kỳ báo cáo"),
    ("place-empty", at("settings", "place", value=" "), "settings.place", "không được để trống"),
    ("place-10mb", at("settings", "place", value=BIG), "settings.place", "quá giới hạn"),
    ("place-list", at("settings", "place", value=["Lạng Sơn"]), "settings.place", "văn bản"),
    # --- the progress log -------------------------------------------------------------------
    ("completed-text-false", entry0("completed", "false"), f"{E0}.completed", "true hoặc false"),
    ("completed-1", entry0("completed", 1), f"{E0}.completed", "true hoặc false"),
    ("two-completions", two_completions, f"{P}.tasks[2].progress[1].completed", "đã được ghi hoàn thành"),
    ("two-corrections", append(("programs", 0, "tasks", 0, "progress"),
                               {"date": "2024-03-22", "percent": 95, "corrects": 1}),
     f"{T0}.progress[3].corrects", "đã được đính chính"),
    ("yearly-twice-a-year", append(("programs", 0, "tasks", 1, "progress"),
                                   {"date": "2024-12-20", "percent": 100, "completed": True}),
     f"{T1}.progress[1].completed", "trong năm 2024"),
    ("completed-at-80", _set([(("programs", 0, "tasks", 0, "progress", 1, "percent"), 80)]),
     f"{T0}.progress[1].percent", "100%"),
    ("report-in-future", entry0("date", "2030-01-01"), f"{E0}.date", "tương lai"),
    ("report-without-date", entry0("date", _DELETE), f"{E0}.date", "ngày báo cáo"),
    ("recorded-at-words", entry0("recorded_at", "hôm qua"), f"{E0}.recorded_at", "ISO"),
    ("recorded-at-number", entry0("recorded_at", 20240101), f"{E0}.recorded_at", "ISO"),
    ("recorded-by-10mb", entry0("recorded_by", BIG), f"{E0}.recorded_by", "quá giới hạn"),
    ("recorded-by-list", entry0("recorded_by", ["kiem-thu"]), f"{E0}.recorded_by", "văn bản"),
    # --- texts, choices, dates ------------------------------------------------------------------
    ("body-name-too-long", at("bodies", 0, "name", value="Tỉnh ủy " * 100), "bodies[0].name", "quá giới hạn"),
    ("content-too-long", task0("content", "Việc " * 4000), f"{T0}.content", "quá giới hạn"),
    ("section-too-long", at("programs", 0, "sections", "purpose", value="x" * 300_000), f"{P}.sections.purpose",
     "quá giới hạn"),
    ("recipients-mixed", at("programs", 0, "recipients", value=[{"a": 1}, 5, None]), f"{P}.recipients[0]",
     "nơi nhận"),
    ("recipients-null-item", at("programs", 0, "recipients", value=["Lưu VPTU", None]), f"{P}.recipients[1]",
     "nơi nhận"),
    ("recipients-number", at("programs", 0, "recipients", value=5), f"{P}.recipients", "văn bản"),
    ("body-kind-unknown", at("bodies", 0, "kind", value="ministry"), "bodies[0].kind", "không hợp lệ"),
    ("body-kind-list", at("bodies", 0, "kind", value=["party_committee"]), "bodies[0].kind", "không hợp lệ"),
    ("programme-status-done", at("programs", 0, "status", value="done"), f"{P}.status", "không hợp lệ"),
    ("committee-signs-kt", at("programs", 0, "signing", "mode", value="K/T"), f"{P}.signing.mode", "T/M"),
    ("session-level-unknown", at("study_sessions", 0, "level", value="xyz"), f"{S}.level", "không hợp lệ"),
    ("deadline-quarter-5", task0("deadline", "Quý V/2024"), f"{T0}.deadline", "quý"),
    ("deadline-before-assignment", task0("deadline", "31/12/2023"), f"{T0}.deadline", "sớm hơn ngày giao"),
    ("deadline-number", task0("deadline", 2024), f"{T0}.deadline", "văn bản"),
    ("assigned-31-february", task0("assigned_date", "31/02/2024"), f"{T0}.assigned_date", "Ngày giao"),
    ("valid-to-before-from", at("bodies", 2, "valid_to", value="2019-01-01"), "bodies[2].valid_to", "sau ngày"),
    ("code-with-space", _set([(("bodies", 5, "code"), "UB ND"), (("bodies", 5, "key"), "UB ND")]),
     "bodies[5].code", "dấu cách"),
    ("symbol-unreadable", at("documents", 1, "symbol", value="NQ-42"), "documents[1].symbol", ""),
    ("symbol-list", at("documents", 1, "symbol", value=["43-NQ/TW"]), "documents[1].symbol", ""),
    # --- references, duplicates, cycles -------------------------------------------------------
    ("lead-body-unknown", task0("lead_body", "KHONG_CO"), f"{T0}.lead_body", "không có cơ quan"),
    ("body-key-twice", _set([(("bodies", 2, "key"), "VPTU"), (("bodies", 2, "code"), "VPTU")]), "bodies[2].key",
     "bị trùng"),
    ("body-codes-differ-in-case", _set([(("bodies", 2, "key"), "vptu"), (("bodies", 2, "code"), "vptu")]),
     "bodies[2].code", "đã dùng cho"),
    ("body-own-parent", cycle((0, "TU")), "bodies[0].parent", "chính nó"),
    ("two-body-cycle", cycle((0, "VPTU")), "bodies[0].parent", "chính nó"),
    ("three-body-cycle", cycle((0, "ĐBSYT")), "bodies[3].parent", "vòng"),
    ("document-twice-in-programme", at("programs", 0, "documents", value=["42-NQ/TW", "42-NQ/TW"]),
     f"{P}.documents[1]", "một lần"),
    ("same-document-under-two-keys", append(("documents",), {"key": "42-NQ/TW|2023-11-24", "symbol": "42-NQ/TW",
                                                             "issue_date": "2023-11-24"}),
     "documents[2].symbol", "đã có trong tệp"),
    ("coordinator-twice", task0("coordinating_bodies", ["VPTU", "VPTU"]), f"{T0}.coordinating_bodies[1]",
     "một lần"),
    ("lead-also-coordinator", task0("coordinating_bodies", ["BTGTU"]), f"{T0}.coordinating_bodies[0]",
     "đồng thời"),
    ("session-document-twice", at("study_sessions", 0, "documents", value=["42-NQ/TW", "42-NQ/TW"]),
     f"{S}.documents[1]", "một lần"),
    ("member-count-twice-a-day", append(("memberships",), {"body": "ĐBSYT", "as_of": "2024-01-01", "members": 90}),
     "memberships[1].as_of", "cùng ngày"),
    ("attendance-row-twice", append(("study_sessions", 0, "attendance"),
                                    {"body": "ĐBSYT", "bridge_point": 0, "members": 1, "newly_studied": 0}),
     f"{S}.attendance[1]", "trùng"),
    ("attendance-outside-scope", row0("body", "VPTU"), f"{S}.attendance[0].body", "phạm vi"),
    ("studied-more-than-members", at("memberships", 0, "members", value=50), "study_sessions", "nhiều hơn số đảng viên"),
    ("document-key-twice", at("documents", 1, "key", value="42-NQ/TW"), "documents[1].key", "bị trùng"),
    # --- fields the format does not have ----------------------------------------------------
    ("misspelt-percent", _set([(("programs", 0, "tasks", 0, "progress", 0, "percnt"), 50)]), f"{E0}.percnt",
     "không có trường"),
    ("unknown-top-level", at("extra", value=[]), "extra", "không có trường"),
    ("unknown-signing-field", at("programs", 0, "signing", "seal", value=True), f"{P}.signing.seal",
     "không có trường"),
    ("unknown-body-field", at("bodies", 0, "parent_id", value=1), "bodies[0].parent_id", "không có trường"),
]


def _write_case(tmp_path, name, mutation) -> object:
    path = tmp_path / f"{name}.json"
    if isinstance(mutation, tuple):
        kind, fn = mutation
        content = fn(_dump(base()))
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    else:
        path.write_text(_dump(mutation(base())), encoding="utf-8")
    return path


def _counts(db) -> dict:
    with db.read() as s:
        return {m.__tablename__: s.scalar(select(func.count()).select_from(m))
                for m in (Body, Document, Program, Task, ProgressEntry, Setting, StudySession, JournalEntry)}


def _matches(field: str, expected: str) -> bool:
    return field.startswith(expected[:-1]) if expected.endswith("*") else field == expected


def test_corpus_is_large_enough():
    assert len(REFUSED) >= 80
    assert len({name for name, *_ in REFUSED}) == len(REFUSED)


def test_the_base_file_is_accepted(sqlite_db, tmp_path):
    path = _write_case(tmp_path, "base", lambda d: d)
    report = import_file(sqlite_db, path, today=TODAY)
    assert report.tasks_added == 4 and report.progress_added == 5 and not report.warnings
    assert check_database(sqlite_db) == []


@pytest.mark.parametrize("name, mutation, where, reason", REFUSED, ids=[c[0] for c in REFUSED])
def test_hostile_file_is_refused_with_its_path(sqlite_db, tmp_path, name, mutation, where, reason):
    path = _write_case(tmp_path, name, mutation)
    before = _counts(sqlite_db)
    with pytest.raises(ImportFailed) as err:
        import_file(sqlite_db, path, today=TODAY)
    problems = err.value.problems
    assert problems
    hits = [p for p in problems if _matches(p.field, where)]
    assert hits, [p.message[:200] for p in problems]
    assert any(reason.lower() in p.message.lower() for p in hits), [p.message[:200] for p in hits]
    for p in problems:
        assert p.field and p.field != DATABASE_REFUSED
        assert len(p.message) < 2_000 and len(str(p.value)) < 200  # shortened, never the 10 MB value
        p.message.encode("utf-8")  # printable: no lone surrogate reaches the console
        str(p.value).encode("utf-8")
    assert _counts(sqlite_db) == before


def test_file_over_the_size_limit_is_refused_before_reading(sqlite_db, tmp_path, monkeypatch):
    path = _write_case(tmp_path, "big", lambda d: d)
    monkeypatch.setattr(nqdesk_json, "MAX_FILE_BYTES", 1000)
    with pytest.raises(ImportFailed, match="quá giới hạn"):
        import_file(sqlite_db, path, today=TODAY)


def test_a_folder_is_refused(sqlite_db, tmp_path):
    with pytest.raises(ImportFailed, match="thư mục"):
        import_file(sqlite_db, tmp_path, today=TODAY)


# --- odd but harmless: accepted, and exactly this is stored ---------------------------------

def test_unknown_setting_is_skipped_with_a_warning(sqlite_db):
    d = base()
    d["settings"]["theme"] = "dark"
    report = import_data(sqlite_db, d, today=TODAY)
    assert any("settings.theme" in w for w in report.warnings)
    with sqlite_db.read() as s:
        assert sorted(s.scalars(select(Setting.key))) == ["continuous_report_period", "due_soon_days", "place"]


def test_control_characters_are_cleaned_with_a_warning(sqlite_db):
    d = base()
    d["programs"][0]["tasks"][0]["content"] = "Tổ chức\x07 quán triệt\x00"
    report = import_data(sqlite_db, d, today=TODAY)
    assert any("ký tự điều khiển" in w for w in report.warnings)
    with sqlite_db.read() as s:
        assert "Tổ chức quán triệt" in list(s.scalars(select(Task.content)))


def test_recorded_at_with_a_zone_is_stored_in_utc(sqlite_db):
    d = base()
    d["programs"][0]["tasks"][0]["progress"][0]["recorded_at"] = "2024-02-01T15:00:00+07:00"
    import_data(sqlite_db, d, today=TODAY)
    with sqlite_db.read() as s:
        assert datetime(2024, 2, 1, 8, 0) in list(s.scalars(select(ProgressEntry.recorded_at)))


def test_byte_order_mark_and_version_1_are_read(sqlite_db, tmp_path):
    d = base()
    d["format"] = "nqdesk/1"
    del d["memberships"], d["study_sessions"]
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + _dump(d).encode("utf-8"))
    assert import_file(sqlite_db, path, today=TODAY).tasks_added == 4


def test_completion_corrected_then_completed_again_is_accepted(sqlite_db):
    """The base's completion is corrected (entry 2), so a new completion is allowed, as in
    the operations."""
    d = base()
    d["programs"][0]["tasks"][0]["progress"].append({"date": "2024-03-25", "percent": 100, "completed": True})
    assert import_data(sqlite_db, d, today=TODAY).progress_added == 6
    assert check_database(sqlite_db) == []


# --- against what the database already holds -------------------------------------------------

def test_code_differing_in_case_from_a_stored_body_is_refused(sqlite_db):
    body_ops.create_body(sqlite_db, "Ban Tuyên giáo (cũ)", BodyFields(code="btgtu"))
    with pytest.raises(ImportFailed) as err:
        import_data(sqlite_db, base(), today=TODAY)
    assert any(p.field == "bodies[2].code" and "đã dùng cho" in p.message for p in err.value.problems)


def test_stored_document_under_another_key_is_reused_not_duplicated(sqlite_db):
    document_ops.create_document(sqlite_db, "42-NQ/TW", DocumentFields(issue_date="24/11/2023"))
    document_ops.create_document(sqlite_db, "42-NQ/TW", DocumentFields(issue_date="01/01/2020"))
    d = base()
    d["documents"][0]["key"] = "42-NQ/TW|2023-11-24"
    d["programs"][0]["documents"] = ["42-NQ/TW|2023-11-24"]
    d["study_sessions"][0]["documents"] = ["42-NQ/TW|2023-11-24"]
    report = import_data(sqlite_db, d, today=TODAY)
    assert report.documents_reused == 1
    with sqlite_db.read() as s:
        assert s.scalar(select(func.count()).select_from(Document)) == 3


def test_two_keys_of_one_stored_document_in_a_programme_are_refused(sqlite_db):
    document_ops.create_document(sqlite_db, "42-NQ/TW", DocumentFields(issue_date="24/11/2023"))
    d = base()
    d["programs"][0]["documents"] = ["42-NQ/TW", "42-NQ/TW|2023-11-24"]
    del d["documents"][0]
    with pytest.raises(ImportFailed) as err:
        import_data(sqlite_db, d, today=TODAY)
    assert [p.field for p in err.value.problems] == ["programs[0].documents[1]"]


def test_committee_from_the_database_signs_tm(sqlite_db):
    body_ops.create_body(sqlite_db, "Tỉnh ủy", BodyFields(code="TU", kind="party_committee"))
    d = base()
    del d["bodies"][0]
    for b in d["bodies"]:
        b["parent"] = "TU" if b["parent"] == "TU" else b["parent"]
    d["programs"][0]["signing"]["mode"] = "K/T"
    with pytest.raises(ImportFailed) as err:
        import_data(sqlite_db, d, today=TODAY)
    assert [p.field for p in err.value.problems] == ["programs[0].signing.mode"]


def test_bridge_points_not_a_list_is_one_problem(sqlite_db, tmp_path):
    path = _write_case(tmp_path, "points-text", at("study_sessions", 0, "bridge_points", value="64 điểm cầu"))
    with pytest.raises(ImportFailed) as err:
        import_file(sqlite_db, path, today=TODAY)
    assert [p.field for p in err.value.problems].count(f"{S}.bridge_points") == 1


def test_a_database_refusal_with_an_empty_message_is_still_a_refusal():
    from sqlalchemy.exc import StatementError

    from desktop_app.ops.interchange import _refused_by_database

    failed = _refused_by_database(StatementError("", "INSERT …", {}, OverflowError()))
    (problem,) = failed.problems
    assert problem.field == DATABASE_REFUSED and "chưa ghi gì" in problem.message
