"""How the follow-up letter and the periodic reports name what they read from
:mod:`desktop_app.reports`: the programmes they cite (:class:`ProgramRef`), a task's latest
progress report in words, and the list of programmes in a title. Pure: no queries.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..core.dates import format_date
from ..core.text import single_line
from ..reports.periodic import PeriodActivity
from ..reports.program_data import ProgramData
from .program_wording import program_citation, program_short_citation, program_symbol

__all__ = ["ProgramRef", "program_refs", "programs_phrase", "progress_text", "PeriodActivity"]


@dataclass(frozen=True)
class ProgramRef:
    id: int
    short: str  # "Chương trình hành động số 15-CTr/TU"
    full: str  # the first citation in full
    symbol: str  # "15-CTr/TU" ("" for a draft)
    data: ProgramData


def program_refs(programs: Mapping[int, ProgramData]) -> dict[int, ProgramRef]:
    """The programmes (as read by ``reports.program_data``) as documents cite them."""
    return {pid: ProgramRef(pid, program_short_citation(data), program_citation(data), program_symbol(data), data)
            for pid, data in sorted(programs.items())}


def progress_text(entry, *, with_note: bool = True) -> str:  # document text
    """"60% (20/05/2024, Báo cáo số 45-BC/BCSĐ): Đã rà soát…"; "" when there is no entry."""
    if entry is None:
        return ""
    if entry.completed:
        head = "Hoàn thành"
    elif entry.percent is not None:
        head = f"{entry.percent}%"
    else:
        head = "Đã báo cáo"
    evidence = single_line(entry.evidence)
    text = f"{head} ({format_date(entry.reported_on)}{', ' + evidence if evidence else ''})"
    note = single_line(entry.note) if with_note else ""
    return f"{text}: {note}" if note else text


def programs_phrase(refs: list[ProgramRef]) -> str:  # document text
    """"Chương trình hành động số 15-CTr/TU, 17-CTr/TU" (issued programmes of one kind share
    the name); drafts and other kinds are listed after, joined with "và"."""
    by_kind: dict[str, list[str]] = {}
    others: list[str] = []
    for ref in refs:
        if ref.symbol:
            by_kind.setdefault(ref.short[: -len(ref.symbol)].strip(), []).append(ref.symbol)
        else:
            others.append(ref.short)
    parts = [f"{kind} {', '.join(symbols)}" for kind, symbols in by_kind.items()] + others
    if len(parts) <= 1:
        return "".join(parts)
    return "; ".join(parts[:-1]) + " và " + parts[-1]
