"""Typed errors: every failure a user can cause is a NetweaveError with one clear line."""

from __future__ import annotations

from collections.abc import Sequence


class NetweaveError(Exception):
    """A user-facing error: its message is one line that says what and where.

    ``web`` is the same line in the web app's words, when the message names a command or an
    option (``--me``): the web shows it instead, and the command line never does.
    """

    exit_code = 1

    def __init__(self, *args: object, web: str | None = None) -> None:
        super().__init__(*args)
        self.web = web

    def said(self, *, web: bool) -> str:
        """The message in the words of the command line or (``web``) of the web app."""
        return (self.web if web else None) or str(self)

    def lines(self) -> list[str]:
        """What the command line prints, one line each: the message (an error that found
        several problems at once lists them)."""
        return [str(self)]


class NotFound(NetweaveError):
    """A named thing (person, organization, ...) does not exist."""


class InvalidInput(NetweaveError):
    """A value given by the user cannot be used as it is."""


class NearMatch(InvalidInput):
    """A name typed by hand that is no record's but nearly matches some ("Dana Smit" when
    Dana Smith is known, "Globx" when Globex is): which one is meant, or that a new one is,
    must be said; nothing is changed until it is."""


class Conflict(NetweaveError):
    """The change would break a rule of the data, e.g. a duplicate contact point."""


class DatabaseError(NetweaveError):
    """The database cannot be opened, upgraded or written."""


class Ambiguous(NetweaveError):
    """A name matches several records; the candidates are listed."""

    exit_code = 2

    def __init__(
        self,
        what: str,
        query: str,
        candidates: Sequence[str],
        *,
        more: int = 0,
        hint: str | None = None,
    ) -> None:
        self.candidates = list(candidates)
        #: How many more match than are listed.
        self.more = more
        listed = "; ".join(self.candidates)
        text = f"{what} {query!r} is ambiguous; candidates: {listed}"
        if more > 0:
            text += f"; … and {more} more"
        super().__init__(text + (f" ({hint})" if hint else ""))
