"""vCard contacts: a streaming reader of vCard 2.1, 3.0 and 4.0 files and vdirs."""

from __future__ import annotations

import codecs
import mmap
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from netweave.io.records import (
    FormatError,
    PersonRecord,
    folder_files,
)
from netweave.io.vcard_lines import (
    Property,
    content_lines,
    parse_line,
    property_name,
)
from netweave.io.vcard_person import VCardRecord, build_record, uid_key
from netweave.logic.normalize import full_name

# Limits and choices (the reader is hand-written: vobject 0.9.9 stops at vCard 2.1
# quoted-printable soft line breaks and at folds that split a UTF-8 character):
# - Streaming: one card is held at a time. PHOTO, LOGO, SOUND and KEY values are never
#   collected (their folded or vCard 2.1 base64 continuation lines are dropped unread).
# - Unfolding removes CRLF plus one space or tab, for every version: vCard 2.1 meant the
#   white space to stay, but 2.1 writers fold both ways; a 2.1 fold at a space may lose it.
# - Text is UTF-8 unless a CHARSET parameter names another codec; undecodable text is a
#   broken line, except in a vCard 2.1 card without CHARSET: Outlook writes those in the
#   Windows code page, read as cp1252 when it is not UTF-8. A UTF-16 file is refused by
#   name. Only the properties netweave uses are decoded; others are checked for syntax.
# - BDAY: ``YYYY-MM-DD``, ``YYYYMMDD``, a date-time, ``--MMDD``, ``--MM-DD`` and ``YYYY`` are kept;
#   Apple's year 1604 (X-APPLE-OMIT-YEAR) means "no year". Anything else (4.0 ``VALUE=text``
#   such as "circa 1800", ``1990-05``) is kept in the notes as "Birthday: …".
# - ORG gives the organization; its units (``ORG:Acme;Sales``) are kept in the notes as
#   "Department: Sales" (a position has a title, and no department).
# - CATEGORIES become tags, except Google's system groups ("myContacts", "starred").
# - The email or phone marked preferred (4.0 ``PREF=1``, lowest first; 3.0 ``TYPE=pref``; 2.1's
#   bare ``PREF``) comes first among its kind, so it becomes the person's primary one; the
#   writer marks a person's primary email and phone ``PREF=1``.
# - ADR gives the location, "City, Region, Country" (locality, region, country name): of the
#   first work address, else of the first address that has any of those parts. An address
#   that says more (a street, a post box, a postal code, vCard 4's LABEL), or another than
#   the location's, is kept whole in the notes, once (under its first label): "Address
#   (home): 12 Elm St, San Francisco, CA 94110, United States" (``io.records`` words it, for
#   the contacts CSV reader too). The writer gives it back as the LABEL of an ADR.
# - NICKNAME is kept in the notes as "Also known as Bob (nickname)" (search finds them by
#   it; the import adds the line to the notes of someone found here already) and written
#   back as NICKNAME. Related people (Apple's X-ABRELATEDNAMES with its X-ABLabel, vCard
#   4's RELATED with its TYPE) are kept in the notes as "Spouse: Anna"; a RELATED naming
#   another card of the import by its UID (``urn:uuid:…``) by that card's name.
# - A person's PHOTO is not kept: the record says it had one (``photo``), for the import
#   to count.
# - A vCard 2.1 AGENT with an embedded card is not supported: the card is reported as broken.

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


@dataclass
class _Card:
    line: int
    props: list[Property] = field(default_factory=list)
    problem: FormatError | None = None
    #: vCard 2.1, whose text without a CHARSET is often the writer's Windows code page.
    legacy: bool = False
    #: The card has a PHOTO (its value is never read).
    photo: bool = False


#: What a card marked with another kind than a person's (vCard 4's ``KIND``, Apple's
#: ``X-ADDRESSBOOKSERVER-KIND``) is, in the words of the problem that passes it over.
_NOT_PEOPLE = {"group": "a group card", "location": "a place card"}


@dataclass(frozen=True)
class _NotAPerson:
    """A card that is not a person's (a company's, a group's, a place's): passed over, with why."""

    problem: FormatError


def read_vcards(
    path: Path,
    *,
    errors: list[FormatError] | None = None,
    on_skip: Callable[[FormatError], None] | None = None,
    names: Mapping[str, str] | None = None,
) -> Iterator[PersonRecord]:
    """Yield the people of a .vcf file or a folder of them (a vdir, read in file-name order),
    then of its subfolders (one address book each, as vdirsyncer and khard keep them; hidden
    ones, such as ``.git``, are not read).

    Each record's ``line`` is the line of its ``BEGIN:VCARD``. A file that is not a vCard file
    raises ``FormatError``. A broken card raises ``FormatError`` naming its file and line, unless
    ``errors`` is given: then the error is appended to it and reading goes on with the next card,
    so the caller decides whether a file with bad cards is imported.

    A card that is not a person's is passed over and reported to ``on_skip``, when given: a
    company card (marked as one, by vCard 4's ``KIND:org`` or Apple's ``X-ABShowAs:COMPANY``
    without a given or family name, or with an organization and no person's name: no given or
    family name, and a formatted name that is the organization's), and a group or place card
    (``KIND:group``, ``KIND:location``, Apple's ``X-ADDRESSBOOKSERVER-KIND:group``).

    ``names`` are the names of the cards of the whole import by their UID (``uid_names``):
    a RELATED that names one of them by ``urn:uuid:`` is kept under that name.
    """
    for file in folder_files(path, (".vcf",), subfolders=True):
        try:
            with file.open("rb") as fh:
                _check_head(fh.peek(4096)[:4096], str(file))
                for item in _cards(fh, str(file), names or {}):
                    if isinstance(item, _NotAPerson):
                        if on_skip is not None:
                            on_skip(item.problem)
                    elif isinstance(item, FormatError):
                        if errors is None:
                            raise item
                        errors.append(item)
                    else:
                        yield item
        except OSError as exc:
            raise FormatError(str(file), f"cannot read the file: {exc.strerror or exc}") from exc


def _check_head(head: bytes, file: str) -> None:
    """Refuse a file whose first bytes are UTF-16 (a byte-order mark, or BEGIN:VCARD with a
    NUL beside every letter) or binary data (a NUL, in a file that does not start with a
    card: in a card, it is that card's fault)."""
    first = head.split(b"\n", 1)[0].removeprefix(codecs.BOM_UTF8)
    bare = first.replace(b"\x00", b"").strip().upper()
    if first.startswith(_UTF16_BOMS) or (b"\x00" in first and bare == b"BEGIN:VCARD"):
        raise FormatError(file, "UTF-16 text, not UTF-8: save the file as UTF-8", 1)
    if b"\x00" in head and first.strip().upper() != b"BEGIN:VCARD":
        raise FormatError(file, "not a vCard file (binary data)", 1)


def _cards(
    fh: BinaryIO, file: str, names: Mapping[str, str]
) -> Iterator[VCardRecord | FormatError | _NotAPerson]:
    card: _Card | None = None
    seen = False
    for number, content in content_lines(fh):
        keyword = content.strip().upper()
        if keyword == b"BEGIN:VCARD":
            if card is not None:
                yield FormatError(file, "card not closed by END:VCARD", card.line)
            card, seen = _Card(number), True
        elif card is None:
            if not seen:
                raise _not_a_vcard(content, file, number)
            yield FormatError(file, "text outside a card (BEGIN:VCARD … END:VCARD)", number)
        elif keyword == b"END:VCARD":
            yield card.problem or _build_or_error(card, file, names)
            card = None
        elif card.problem is None:
            card.legacy = card.legacy or keyword == b"VERSION:2.1"
            card.photo = card.photo or property_name(content) == b"PHOTO"
            try:
                prop = parse_line(content, number, file, legacy=card.legacy)
            except FormatError as exc:
                card.problem = exc
            else:
                if prop is not None:
                    card.props.append(prop)
    if card is not None:
        yield FormatError(file, "the file ends inside this card (no END:VCARD)", card.line)
    if not seen:  # a file with any content line has failed above
        raise FormatError(file, "not a vCard file (the file is empty)")


def _not_a_vcard(first: bytes, file: str, number: int) -> FormatError:
    """The error of a file whose first line is no ``BEGIN:VCARD``; one that reads as a CSV
    header row (a contacts export) names the importers of those."""
    cells = first.decode("utf-8", "replace").split(",")
    why = "not a vCard file (no BEGIN:VCARD at the start)"
    if len(cells) < 3 and not file.lower().endswith(".csv"):
        return FormatError(file, why, number)
    how = "`netweave import google-csv` (Google or Outlook contacts) or `netweave import linkedin`"
    web = "as “Google / Outlook contacts (.csv)” or as a “LinkedIn export”"
    return FormatError(file, f"{why}: a CSV file? import it with {how}", number,
                       web=f"{why}: a CSV file? import it {web}")  # fmt: skip


def _build_or_error(
    card: _Card, file: str, names: Mapping[str, str]
) -> VCardRecord | FormatError | _NotAPerson:
    what = _other_kind(card.props)
    try:
        record = build_record(card.props, card.line, file, names)
    except FormatError as exc:  # a group card need not have a name
        return _NotAPerson(FormatError(file, f"{what}: skipped", card.line)) if what else exc
    if what:
        return _NotAPerson(FormatError(file, f"{what} ({record.name}): skipped", card.line))
    if _is_company(card.props, record):
        why = f"a company without a person's name ({record.organization or record.name}): skipped"
        return _NotAPerson(FormatError(file, why, card.line))
    record.file = file  # a folder holds several
    record.photo = card.photo
    return record


def _other_kind(props: list[Property]) -> str | None:
    """What a card marked as a group's or a place's is ("a group card"); ``None`` for others."""
    for prop in props:
        if prop.name in ("KIND", "X-ADDRESSBOOKSERVER-KIND"):
            what = _NOT_PEOPLE.get(prop.value.strip().lower())
            if what:
                return what
    return None


def _is_company(props: list[Property], record: VCardRecord) -> bool:
    """Whether a card is an organization's. Apple's "show as company" on a card that also
    names a person (a sole trader's) keeps the person, under their own name."""
    marks = {(p.name, p.value.strip().upper()) for p in props if p.name in ("KIND", "X-ABSHOWAS")}
    named = record.given_name or record.family_name
    if marks & {("KIND", "ORG"), ("KIND", "ORGANIZATION")}:
        return True
    if ("X-ABSHOWAS", "COMPANY") in marks:
        if not named:
            return True
        if record.name == record.organization:
            record.name = full_name(record.given_name, record.family_name)
        return False
    return bool(record.organization) and not named and record.name == record.organization


def uid_names(paths: Sequence[Path]) -> dict[str, str]:
    """The name of each person's card of ``paths`` (files, or folders read as
    ``read_vcards`` reads them) by its UID (``uid_key``), for a RELATED that names another
    card of the import by its ``urn:uuid:``; the first card of a UID names it. Empty, and
    nothing read twice, when no card of them has a RELATED. A file that cannot be read is
    left to the import to report."""
    files: list[Path] = []
    for path in paths:
        try:
            files += folder_files(path, (".vcf",), unreadable=[], subfolders=True)
        except FormatError:  # a folder with no cards
            continue
    if not any(_has_related(file) for file in files):
        return {}
    names: dict[str, str] = {}
    for file in files:
        try:
            with file.open("rb") as fh:
                for item in _cards(fh, str(file), {}):
                    if isinstance(item, VCardRecord) and item.uid:
                        names.setdefault(uid_key(item.uid), item.name)
        except (OSError, FormatError):
            continue
    return names


#: A RELATED property (vCard 4's), in a group or not, at the start of a line.
_RELATED_LINE = re.compile(rb"(?im)^(?:[a-z0-9-]+\.)?RELATED[;:]")


def _has_related(file: Path) -> bool:
    """Whether a file has a line that starts a RELATED property (searched in place)."""
    try:
        with file.open("rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
            return _RELATED_LINE.search(data) is not None
    except (OSError, ValueError):  # an empty file cannot be mapped
        return False
