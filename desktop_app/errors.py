"""The one base class of errors meant for users (their message is shown as it is), and the
refusal of input with every reason (:class:`ValidationError`), which the field rules of
``interchange`` and the operations both raise."""

from __future__ import annotations

from dataclasses import dataclass


class NqdeskError(Exception):
    """An error whose message tells the user what is wrong and how to fix it, in the language of the
    user interface (built with ``i18n._`` where it is raised)."""


class Cancelled(NqdeskError):
    """The user stopped a long operation; nothing more is done and nothing half-made is kept."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input: where, the value given, and why (in the UI language)."""

    field: str
    value: object
    message: str

    def __str__(self) -> str:
        return self.message


class ValidationError(NqdeskError):
    """The input was refused; nothing was written. ``problems`` lists every reason."""

    def __init__(self, problems: list[Problem] | Problem | str, field_name: str = "", value: object = None):
        if isinstance(problems, str):
            problems = [Problem(field_name, value, problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems = list(problems)
        super().__init__("\n".join(p.message for p in self.problems))

    def for_field(self, name: str) -> list[Problem]:
        return [p for p in self.problems if p.field == name]
