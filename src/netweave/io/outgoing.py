"""Plain values the file writers take (people and conversations, with no database behind
them), and the content lines vCard and iCalendar share: escaped text, folded lines."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Contact:
    """A person as the export formats show them."""

    name: str
    given: str
    family: str
    email: str | None = None
    linkedin: str | None = None
    company: str | None = None
    title: str | None = None
    connected_on: dt.date | None = None


@dataclass(frozen=True)
class Conversation:
    """One conversation: when, what kind, who started it (``out``: the user), and with whom."""

    key: str
    when: dt.datetime
    kind: str
    direction: str
    summary: str | None
    people: list[Contact] = field(default_factory=list)


@dataclass(frozen=True)
class Invitation:
    """A LinkedIn connection request, sent by the user (``outgoing``) or to them."""

    other: Contact
    when: dt.datetime
    outgoing: bool
    message: str | None = None


@dataclass(frozen=True)
class Profile:
    """The user's own LinkedIn profile."""

    me: Contact
    headline: str | None = None
    summary: str | None = None
    location: str | None = None
    #: ``--MM-DD`` or ``YYYY-MM-DD``.
    birthday: str | None = None
    websites: list[tuple[str, str]] = field(default_factory=list)


def escape_text(value: str) -> str:
    """A TEXT value for a content line (RFC 6350 and RFC 5545 escape alike)."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    for char, escaped in (("\\", "\\\\"), (",", "\\,"), (";", "\\;"), ("\n", "\\n")):
        value = value.replace(char, escaped)
    return value


def fold_line(line: str) -> bytes:
    """A content line folded into chunks of at most 75 octets, never inside a UTF-8
    character, ended by CRLF."""
    data, chunks, limit = line.encode("utf-8"), [], 75
    while len(data) > limit:
        cut = limit
        while data[cut] & 0xC0 == 0x80:  # a continuation byte: back off to the character start
            cut -= 1
        chunks.append(data[:cut])
        data, limit = data[cut:], 74
    chunks.append(data)
    return b"\r\n ".join(chunks) + b"\r\n"
