"""Typed parameters of the operations: one frozen dataclass per kind of record, each field
optional. An edit names only what it changes (a field left at :data:`UNSET` is kept as it
is; ``None`` clears a field that may be empty), so a partial update and a full one have the
same type, and the type checker sees a misspelt field where ``**values`` saw nothing."""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final, Literal


class Unset(enum.Enum):
    """The type of :data:`UNSET`: "not given", as opposed to None ("empty")."""

    UNSET = "UNSET"

    def __repr__(self) -> str:
        return "UNSET"


UNSET: Final = Unset.UNSET
NotGiven = Literal[Unset.UNSET]
DateInput = date | str | None  # a date, or a text the user typed (dd/mm/yyyy); checked by the operation


@dataclass(frozen=True)
class Fields:
    def given(self) -> dict[str, object]:
        """The fields given, by name (what an operation checks and writes)."""
        out = {}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if value is not UNSET:
                out[f.name] = list(value) if isinstance(value, tuple) else value
        return out


@dataclass(frozen=True)
class TaskFields(Fields):
    group_title: str | None | NotGiven = UNSET
    content: str | NotGiven = UNSET
    lead_body_id: int | None | NotGiven = UNSET
    coordinating_body_ids: Sequence[int] | None | NotGiven = UNSET
    product: str | None | NotGiven = UNSET
    deadline: str | None | NotGiven = UNSET
    assigned_date: DateInput | NotGiven = UNSET
    note: str | None | NotGiven = UNSET


@dataclass(frozen=True)
class BodyFields(Fields):
    name: str | NotGiven = UNSET
    short_name: str | None | NotGiven = UNSET
    code: str | None | NotGiven = UNSET
    kind: str | None | NotGiven = UNSET
    parent_id: int | None | NotGiven = UNSET
    valid_from: DateInput | NotGiven = UNSET
    valid_to: DateInput | NotGiven = UNSET
    note: str | None | NotGiven = UNSET


@dataclass(frozen=True)
class DocumentFields(Fields):
    symbol: str | NotGiven = UNSET
    issue_date: DateInput | NotGiven = UNSET
    issuing_authority: str | None | NotGiven = UNSET
    subject: str | None | NotGiven = UNSET
    classification: str | None | NotGiven = UNSET


@dataclass(frozen=True)
class ProgramFields(Fields):
    kind: str | None | NotGiven = UNSET
    title: str | NotGiven = UNSET
    issuing_body_id: int | None | NotGiven = UNSET
    number: int | str | None | NotGiven = UNSET
    issue_date: DateInput | NotGiven = UNSET
    place: str | None | NotGiven = UNSET
    status: str | None | NotGiven = UNSET
    draft_round: int | str | None | NotGiven = UNSET
    classification: str | None | NotGiven = UNSET
    opening_text: str | None | NotGiven = UNSET
    purpose_text: str | None | NotGiven = UNSET
    objectives_text: str | None | NotGiven = UNSET
    tasks_text: str | None | NotGiven = UNSET
    organisation_text: str | None | NotGiven = UNSET
    signing_authority: str | None | NotGiven = UNSET
    signing_mode: str | None | NotGiven = UNSET
    signer_title: str | None | NotGiven = UNSET
    signer_name: str | None | NotGiven = UNSET
    recipients: str | Sequence[str] | None | NotGiven = UNSET
    # The documents the programme carries out, in order; given, they replace the links.
    document_ids: Sequence[int] | NotGiven = UNSET


@dataclass(frozen=True)
class ProgressFields(Fields):
    """One progress report (the day it reports on is the operation's argument)."""

    percent: int | str | None | NotGiven = UNSET
    completed: bool | None | NotGiven = UNSET
    note: str | None | NotGiven = UNSET
    reported_by: str | None | NotGiven = UNSET
    evidence: str | None | NotGiven = UNSET


@dataclass(frozen=True)
class StudySessionFields(Fields):
    title: str | NotGiven = UNSET
    held_on: DateInput | NotGiven = UNSET
    level: str | None | NotGiven = UNSET
    organiser_id: int | None | NotGiven = UNSET
    scope_id: int | None | NotGiven = UNSET  # None on a new session: the organiser
    note: str | None | NotGiven = UNSET
    # The documents studied, in order; given, they replace the links (None: no documents).
    document_ids: Sequence[int] | None | NotGiven = UNSET


@dataclass(frozen=True)
class BridgePointFields(Fields):
    name: str | NotGiven = UNSET
    host_id: int | None | NotGiven = UNSET
    level: str | None | NotGiven = UNSET


def given(fields: Fields, kind: type[Fields]) -> dict[str, object]:
    """*fields*' given values; a caller passing another kind of parameters (or a dict) is a
    programming error worth a clear message."""
    if not isinstance(fields, kind):
        raise TypeError(f"expected {kind.__name__}, got {type(fields).__name__}")
    return fields.given()
