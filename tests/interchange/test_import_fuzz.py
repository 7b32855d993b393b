"""A seeded mutation fuzz of the import: 1,000 spoiled copies of a small valid file (more
with NQDESK_FUZZ_RUNS). Each is refused with the import's own error (every problem with a path) or accepted; nothing
else may escape. Accepted files are also written for real (one in ten) and every read the
command line offers must then work on the database, and ``nqdesk check`` find nothing."""

from __future__ import annotations

import copy
import json
import os
import random
import traceback
from datetime import date

import pytest

from desktop_app.errors import NqdeskError
from desktop_app.export.followup_docx import export_followup
from desktop_app.interchange.reader import ImportFailed, build_plan, loads
from desktop_app.ops.interchange import DATABASE_REFUSED, import_data
from desktop_app.reports.check import check_database
from desktop_app.reports.lists import list_bodies, list_documents, list_programs
from desktop_app.reports.progress import dashboard, digest
from desktop_app.reports.tasks import list_tasks
from desktop_app.store.db import sqlite_backup, open_database

from .base_file import TODAY, base

SEED = 20240701
# 1,000 mutated files in the suite (7 s); NQDESK_FUZZ_RUNS=20000 for a longer hunt
RUNS = int(os.environ.get("NQDESK_FUZZ_RUNS", "1000"))
REAL_WRITE_EVERY = 10
AS_OF = date(2024, 7, 1)

BODY_KEYS = [b["key"] for b in base()["bodies"]]


def _deep(levels: int):
    value: object = "đáy"
    for _ in range(levels):
        value = [value]
    return value


def _hostile_values(rng: random.Random, d: dict) -> list:
    return [
        None, True, False, 0, -1, 1, 7, 100, 101, 2 ** 31, -(2 ** 31), 10 ** 30, 1e30, 0.5, -0.0, "", " ", "abc",
        "false", "true", "0", "100", "x" * rng.choice([51, 201, 301, 501, 2_001, 10_001, 300_001]), "\ud800",
        "2024-02-30", "31/02/2024", "2030-01-01", "1900-01-01", "Quý V/2024", "31/12/2023", "Thường xuyên",
        "Hằng năm", "K/T", "T/M", "issued", "42-NQ/TW", "42-NQ/TW|2023-11-24", "NQ-42", [], {}, ["BTGTU"],
        {"a": 1}, [{"a": 1}, 5, None], _deep(rng.choice([3, 33, 200])), rng.choice(BODY_KEYS),
        rng.choice(BODY_KEYS).lower(), "2024-02-01T08:00:00+07:00", "\x00\x07", "a\u0301",
    ]


def _nodes(value, out, parent=None, key=None):
    """Every (container, key) pair of the document."""
    if parent is not None:
        out.append((parent, key))
    if isinstance(value, dict):
        for k in list(value):
            _nodes(value[k], out, value, k)
    elif isinstance(value, list):
        for i in range(len(value)):
            _nodes(value[i], out, value, i)
    return out


def _mutate_once(rng: random.Random, d: dict) -> None:
    nodes = _nodes(d, [])
    container, key = rng.choice(nodes)
    action = rng.random()
    if action < 0.15:  # delete
        del container[key]
    elif action < 0.55:  # a hostile value
        container[key] = rng.choice(_hostile_values(rng, d))
    elif action < 0.70:  # another value of the same file (a date, a key, a list…)
        other, other_key = rng.choice(nodes)
        if other is not container or other_key != key:
            container[key] = copy.deepcopy(other[other_key])
    elif action < 0.80 and isinstance(container, list):  # an item twice
        container.append(copy.deepcopy(container[key]))
    elif action < 0.85 and isinstance(container, dict):  # a field the format does not have
        container[rng.choice(["extra", "percnt", "parent_id", "id"])] = rng.choice([1, "x", None])
    elif action < 0.95:  # a reference to another body (cycles, self-parents, lead = coordinator)
        if isinstance(container, dict) and key in ("parent", "lead_body", "issuing_body", "body", "host", "scope"):
            container[key] = rng.choice(BODY_KEYS)
        else:
            d["bodies"][rng.randrange(len(d["bodies"]))]["parent"] = rng.choice(BODY_KEYS) if d.get("bodies") and \
                isinstance(d["bodies"], list) and all(isinstance(b, dict) for b in d["bodies"]) else None
    else:  # a number where a text is and the other way round
        value = container[key]
        container[key] = len(value) if isinstance(value, str) else str(value)


def _text_mutation(rng: random.Random, text: str) -> str:
    lines = text.split("\n")
    i = rng.randrange(len(lines))
    choice = rng.random()
    if choice < 0.35:  # a line twice: duplicate keys, or a syntax error
        lines.insert(i, lines[i])
    elif choice < 0.5:
        lines[i] = lines[i].replace(": 50", ": NaN").replace(": 100", ": 1e400").replace(": 10", ": Infinity")
    elif choice < 0.65:
        lines[i] = lines[i].replace('": "', '": "\\udc80', 1)
    elif choice < 0.8:
        pos = rng.randrange(len(text))
        return text[:pos] + rng.choice(["{", "}", "[", "]", ",", '"', ":", "\\", "9" * 50]) + text[pos:]
    else:
        pos = rng.randrange(len(text))
        return text[:pos] + text[pos + rng.randrange(1, 20):]
    return "\n".join(lines)


def _case(seed: int) -> str | bytes:
    rng = random.Random(seed)
    d = base()
    for _ in range(rng.choice([1, 1, 1, 2, 2, 3, 5])):
        try:
            _mutate_once(rng, d)
        except (KeyError, IndexError, TypeError, ValueError):
            pass  # the node went away with an earlier mutation
    text = json.dumps(d, ensure_ascii=False, indent=1)
    if rng.random() < 0.15:
        text = _text_mutation(rng, text)
    if rng.random() < 0.02:
        return text.encode("utf-8")[: rng.randrange(1, 200)] + b"\xff\xfe" + text.encode("utf-8")[200:]
    return text


def _reads_work(db, tmp_path, with_letters: bool) -> None:
    """What list, stats, remind, followup and check do, on the imported database."""
    rows = list_tasks(db, AS_OF)
    list_tasks(db, AS_OF, search="dang uy")
    list_bodies(db), list_documents(db), list_programs(db)
    dashboard(db, AS_OF)
    digest(db, AS_OF)
    # A study row without a member count is allowed (the study views warn about it), nothing else.
    assert [p for p in check_database(db) if "chưa có số đảng viên" not in p] == []
    if with_letters:
        for body_id in sorted({r.lead_body_id for r in rows if r.lead_body_id is not None}):
            try:
                export_followup(db, body_id, AS_OF, tmp_path / f"cv-{body_id}.docx", today=TODAY)
            except NqdeskError:
                pass  # nothing to follow up with this body


@pytest.mark.slow
def test_mutation_fuzz_never_crashes(sqlite_template, tmp_path):
    dry_db = open_database(_copy(sqlite_template, tmp_path / "dry.sqlite3"))
    crashes, refused, accepted, written = [], 0, 0, 0
    try:
        for seed in range(SEED, SEED + RUNS):
            content = _case(seed)
            try:
                data = loads(content)
                # The checks alone first (what import_data runs first, on this empty database);
                # only a file they accept goes on to the dry-run write.
                build_plan(copy.deepcopy(data), today=TODAY)
                import_data(dry_db, data, dry_run=True, today=TODAY)
            except ImportFailed as exc:
                refused += 1
                bad = [p for p in exc.problems if not p.field or p.field == DATABASE_REFUSED]
                if bad:
                    crashes.append((seed, "problem without a path: " + bad[0].message))
                continue
            except Exception:  # noqa: BLE001 - the point of the fuzz
                crashes.append((seed, traceback.format_exc(limit=-3)))
                continue
            accepted += 1
            if accepted % REAL_WRITE_EVERY:
                continue
            path = _copy(sqlite_template, tmp_path / f"real-{seed}.sqlite3")
            db = open_database(path)
            try:
                import_data(db, loads(content), today=TODAY)
                _reads_work(db, tmp_path, with_letters=written % 3 == 0)
                written += 1
            except Exception:  # noqa: BLE001
                crashes.append((seed, "after a real import: " + traceback.format_exc(limit=-3)))
            finally:
                db.close()
    finally:
        dry_db.close()
    assert not crashes, f"{len(crashes)} crashes; first: seed {crashes[0][0]}\n{crashes[0][1]}"
    assert refused + accepted == RUNS
    # not a degenerate fuzz: most files spoiled, a fair share still acceptable
    assert refused > RUNS // 2 and accepted > RUNS // 20 and written >= accepted // REAL_WRITE_EVERY
    print(f"fuzz: {RUNS} imports, {refused} refused, {accepted} accepted, {written} written for real, 0 crashes")


def _copy(template, path):
    sqlite_backup(template, path)
    return path
