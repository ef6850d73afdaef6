"""What every importer yields: plain records, independent of the database.

A reader turns one file (or export) into a stream of ``PersonRecord`` and
``InteractionRecord`` values; the import service resolves identities and writes them.
Readers never touch the database, so they are tested on files alone.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from netweave.errors import InvalidInput
from netweave.logic.normalize import clean, fold


class FormatError(InvalidInput):
    """A file that cannot be read as the format it claims; names the file and the line."""

    def __init__(
        self, file: str, message: str, line: int | None = None, *, web: str | None = None
    ) -> None:
        self.file = file
        self.line = line
        self.reason = message
        #: ``message`` in the web app's words, when it names a command-line option
        self.web_reason = web
        where = f"{file}:{line}" if line is not None else file
        super().__init__(f"{where}: {message}", web=f"{where}: {web}" if web else None)


#: Google's groups every contact is in, or that mirror a flag (folded): not tags.
SYSTEM_GROUPS = frozenset({"mycontacts", "my contacts", "starred", "system group: my contacts"})


def folder_files(
    path: Path,
    suffixes: tuple[str, ...],
    names: tuple[str, ...] = (),
    *,
    unreadable: list[FormatError] | None = None,
    subfolders: bool = False,
) -> list[Path]:
    """``path`` itself, or the visible files of a folder with one of ``suffixes`` (or one of
    ``names`` exactly), in name order; without its subfolders, unless ``subfolders``: then
    the files of its visible subfolders follow, each folder's in name order, at any depth
    (an address book per subfolder, as vdirsyncer and khard keep them; hidden ones, such
    as ``.git``, are not read, nor a folder reached again through a link).

    An entry that cannot be read as a file (see ``not_a_file``) raises ``FormatError``
    naming it, unless ``unreadable`` is given: then it is appended there and left out, so
    the caller can pass over it and read the rest. It is never opened.
    """
    if not path.is_dir():
        return [path]
    named = _visible(path, suffixes, names, subfolders, set())
    bad = [FormatError(str(p), why) for p in named if (why := not_a_file(p)) is not None]
    if bad and unreadable is None:
        raise bad[0]
    files = [p for p in named if p.is_file()]
    if not files and not bad:
        raise FormatError(str(path), f"the folder holds no {' or '.join(suffixes)} files")
    if unreadable is not None:
        unreadable.extend(bad)
    return files


def _visible(
    folder: Path, suffixes: tuple[str, ...], names: tuple[str, ...], deep: bool, seen: set[Path]
) -> list[Path]:
    """The visible entries of ``folder`` with one of ``suffixes`` or ``names``, in name
    order; with ``deep``, then those of its visible subfolders (each folder once)."""
    seen.add(folder.resolve())
    entries = sorted(p for p in folder.iterdir() if not p.name.startswith("."))
    found = [p for p in entries if p.suffix.lower() in suffixes or p.name in names]
    if deep:
        for sub in entries:
            if sub.is_dir() and sub not in found and sub.resolve() not in seen:
                found += _visible(sub, suffixes, names, deep, seen)
    return found


def not_a_file(path: Path) -> str | None:
    """Why a name cannot be read as a file or a folder, or ``None`` if it can: a link that
    leads nowhere (or round in a loop), or a pipe or a device (read, it could wait for a
    writer or never end)."""
    if path.is_file() or path.is_dir():
        return None
    if path.is_symlink():
        return f"a broken link (to {os.readlink(path)})"
    if not path.exists():
        return None  # gone: opening it says so
    return "not a file (a pipe or a device)"


def place(*parts: str | None) -> str | None:
    """Where someone is, from the parts of an address (city, region, country, in that
    order): the parts that are not empty, each once ("Singapore, Singapore" is said once),
    joined by commas; ``None`` when no part is given. A line break in a part becomes a comma.
    """
    found: list[str] = []
    seen: set[str] = set()
    for part in parts:
        for line in (part or "").splitlines():
            text = clean(line).strip(", ")
            if text and fold(text) not in seen:
                found.append(text)
                seen.add(fold(text))
    return ", ".join(found) or None


#: A line of the notes that keeps a postal address (``address_line`` writes it): its label,
#: its text.
ADDRESS_LINE = re.compile(r"^Address(?: \((.+?)\))?: (.+)\Z")


@dataclass(frozen=True)
class PostalAddress:
    """A postal address as a source gives it: its label (``home``, ``work`` …), its text as
    one, lines and all, when the source writes one (vCard 4's LABEL, Google's "Formatted"),
    and its parts in the order of a vCard ADR: post box, extended address, street, locality,
    region, postal code, country."""

    label: str | None = None
    text: str = ""
    parts: tuple[str, ...] = ()

    def place(self) -> str | None:
        """Where it is, "City, Region, Country" (see ``place``)."""
        parts = [*self.parts, *[""] * 7]
        return place(parts[3], parts[4], parts[6])

    def whole(self) -> str | None:
        """The address as one line: its text, line breaks as commas, else its parts in the
        order of an address label: post box, extended address, street, locality, region and
        postal code, country ("12 Elm St, San Francisco, CA 94110, United States")."""
        if clean(self.text):
            return ", ".join(c for c in (clean(line) for line in self.text.splitlines()) if c)
        box, extended, street, city, region, code, country = [*self.parts, *[""] * 7][:7]
        parts = [box, extended, street, city, f"{clean(region)} {clean(code)}", country]
        lines = (clean(line) for part in parts for line in part.splitlines())
        return ", ".join(line for line in lines if line) or None


def address_line(label: str | None, whole: str) -> str:
    """The line of the notes that keeps an address: "Address (home): 12 Elm St, …"."""
    return f"Address ({label}): {whole}" if label else f"Address: {whole}"


def address_lines(
    addresses: Iterable[tuple[PostalAddress, str | None]], location: str | None
) -> list[str]:
    """The lines of the notes that keep a record's postal addresses (each with the place
    the record reads in it): each that says more than its place (a street, a post box, a
    postal code), or whose place is not the record's location, once (an address given twice,
    under two labels, is kept under the first). The location's own address, "City, Region,
    Country" and no more, is the location already."""
    lines: list[str] = []
    seen: set[str] = set()
    for address, found in addresses:
        whole = address.whole()
        if whole is None or fold(whole) in seen:
            continue
        if fold(whole) != fold(found or "") or found != location:
            lines.append(address_line(address.label, whole))
            seen.add(fold(whole))
    return lines


def notes_with(notes: Iterable[str], asides: Iterable[str]) -> str | None:
    """A record's notes: the source's own, then the lines it keeps of what has no field of
    its own (a nickname, an address, a birthday not read), each once and only when the
    source's notes do not say it already (a file netweave exported has them there)."""
    said = [note for note in notes if note]
    folded = fold("\n".join(said))
    kept: list[str] = []
    for aside in asides:
        if aside and aside not in kept and fold(aside) not in folded:
            kept.append(aside)
    return "\n\n".join(said + kept) or None


#: How a line of the notes that gives another name begins.
AKA_PREFIX = "Also known as "


def also_known_as(name: str, how: str) -> str:
    """The line of the notes that keeps another name someone goes by, and lets search find
    them by it: "Also known as Bob (nickname)", "Also known as Pepe García (vcard)" (``how``:
    a nickname, or the import whose source named them so)."""
    return f"{AKA_PREFIX}{name} ({how})"


#: A line ``also_known_as`` writes: the other name, and how (a nickname, an import).
_ALSO_KNOWN_AS = re.compile(r"Also known as (.+) \(([^()]*)\)")


def known_as(line: str) -> tuple[str, str] | None:
    """The other name and how it came, of a line ``also_known_as`` wrote; else ``None``."""
    found = _ALSO_KNOWN_AS.fullmatch(line.strip())
    return (found[1], found[2]) if found else None


def names_known_as(notes: str | None) -> list[str]:
    """Every other name the notes say someone goes by, in their order."""
    return [found[0] for line in (notes or "").splitlines() if (found := known_as(line))]


def one_line_ending(text: str) -> str:
    """Text with Windows (``\\r\\n``) and old Mac (``\\r``) line endings as ``\\n``: what
    netweave keeps, and what a backup gives back."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


@dataclass
class Labeled:
    """A contact value with its label (``work``, ``home``, ``mobile`` …)."""

    value: str
    label: str | None = None


@dataclass
class PersonRecord:
    """A person as a source describes them."""

    name: str
    line: int | None = None
    given_name: str | None = None
    family_name: str | None = None
    emails: list[Labeled] = field(default_factory=list)
    phones: list[Labeled] = field(default_factory=list)
    urls: list[Labeled] = field(default_factory=list)
    linkedin: str | None = None
    organization: str | None = None
    title: str | None = None
    #: ``YYYY-MM-DD``, ``--MM-DD`` or ``YYYY`` (see ``logic.parse.parse_birthday``).
    birthday: str | None = None
    #: Where the person is, as "City, Region, Country" text (see ``place``).
    location: str | None = None
    notes: str | None = None
    tags: list[str] = field(default_factory=list)
    #: The first day the source knew of the relationship (LinkedIn's "Connected On").
    first_known: dt.date | None = None
    #: The record describes the user (LinkedIn's Profile.csv).
    is_me: bool = False
    #: The name of its file, when one source holds several (a folder of vCards).
    file: str | None = None
    #: Other names the source gives the person (vCard's NICKNAME, Google's Nickname). Each
    #: is kept in the notes too, in the line ``also_known_as(name, "nickname")`` writes:
    #: the import adds that line to the notes of someone found here already.
    nicknames: list[str] = field(default_factory=list)


@dataclass
class ParticipantRef:
    """How a source names someone taking part in an interaction."""

    name: str | None = None
    email: str | None = None
    linkedin: str | None = None


@dataclass
class InteractionRecord:
    """A conversation as a source describes it."""

    external_id: str
    occurred_at: dt.datetime
    kind: str
    direction: str
    participants: list[ParticipantRef]
    line: int | None = None
    summary: str | None = None
    #: Messages of one thread share this (mail replies, LinkedIn conversations).
    thread_id: str | None = None
    #: Whether the user's own address is among the message's (mail; ``None``: not known).
    names_me: bool | None = None
    #: Whether someone it names who is not known yet becomes a person (when the importer
    #: adds correspondents). Not for a connection request the user received and has not
    #: accepted: that is not a tie yet.
    makes_people: bool = True
    #: Whether ``summary`` holds more than the headline (a mail's body, kept when asked):
    #: a re-import fills in the summary an import without it kept shorter.
    fuller: bool = False


@dataclass
class NotHeld:
    """A calendar event that was not (or not yet) held with the user, though it may have been
    imported when it was planned: cancelled, declined by the user, or moved to after the
    window read (the source's id, why, and where the event now stands)."""

    external_id: str
    #: ``cancelled``, ``declined``, ``later`` (moved to after the window read) or ``ahead``
    #: (in the window, but starting after now: not held yet).
    why: str
    occurred_at: dt.datetime
    line: int | None = None
    summary: str | None = None
    #: An occurrence read in the window (not an event found after it, nor an instance an
    #: EXDATE removes): the import counts it, skipped unless it takes a meeting out.
    read: bool = False


@dataclass
class SchoolRecord:
    """One of the user's own schools (LinkedIn's Education.csv): the school, the degree and
    the years."""

    school: str
    line: int | None = None
    degree: str | None = None
    start_year: int | None = None
    end_year: int | None = None
    #: The file it was read from (an export holds several; not part of what it says).
    file: str | None = field(default=None, compare=False)


Record = PersonRecord | InteractionRecord | SchoolRecord
