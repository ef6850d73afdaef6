"""Typed errors: every failure a user can cause is a NetweaveError with one clear line."""

from __future__ import annotations

from collections.abc import Sequence


class NetweaveError(Exception):
    """A user-facing error: its message is one line that says what and where."""

    exit_code = 1


class NotFound(NetweaveError):
    """A named thing (person, organization, ...) does not exist."""


class InvalidInput(NetweaveError):
    """A value given by the user cannot be used as it is."""


class Conflict(NetweaveError):
    """The change would break a rule of the data, e.g. a duplicate contact point."""


class DatabaseError(NetweaveError):
    """The database cannot be opened, upgraded or written."""


class Ambiguous(NetweaveError):
    """A name matches several records; the candidates are listed."""

    exit_code = 2

    def __init__(self, what: str, query: str, candidates: Sequence[str]) -> None:
        self.candidates = list(candidates)
        listed = "; ".join(self.candidates)
        super().__init__(f"{what} {query!r} is ambiguous; candidates: {listed}")
