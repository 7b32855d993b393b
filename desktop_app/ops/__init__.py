"""The only code that changes data. Each operation validates its input, writes in one
transaction, records a journal entry (undoable) and returns a :class:`Changes`."""

from .base import Changes, Problem, ValidationError  # noqa: F401
