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


def given(fields: Fields, kind: type[Fields]) -> dict[str, object]:
    """*fields*' given values; a caller passing another kind of parameters (or a dict) is a
    programming error worth a clear message."""
    if not isinstance(fields, kind):
        raise TypeError(f"expected {kind.__name__}, got {type(fields).__name__}")
    return fields.given()
