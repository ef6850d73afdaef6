"""vCard contacts: a streaming reader of vCard 2.1, 3.0 and 4.0 files and vdirs."""

from __future__ import annotations

import codecs
import mmap
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from netweave.errors import InvalidInput
from netweave.io.records import (
    SYSTEM_GROUPS,
    FormatError,
    Labeled,
    PersonRecord,
    PostalAddress,
    address_lines,
    also_known_as,
    folder_files,
    notes_with,
)
from netweave.io.vcard_lines import (
    Property,
    content_lines,
    parse_line,
    property_name,
    split_value,
    unescape,
)
from netweave.logic.normalize import clean, fold, full_name, normalize_linkedin
from netweave.logic.parse import parse_birthday

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
#: Type parameters that say nothing a person would call a label.
_NOISE_TYPES = frozenset({"internet", "pref", "voice", "x400", "dom", "intl", "msg", "x-internet"})
_APPLE_LABEL = re.compile(r"^_\$!<(.*)>!\$_\Z")
# ASCII digits only: \d would let other scripts' digits into a stored birthday.
_DATE = re.compile(r"^([0-9]{4})-?([0-9]{2})-?([0-9]{2})(?:T[0-9:.+\-Z]*)?\Z")
_NO_YEAR = re.compile(r"^--([0-9]{2})-?([0-9]{2})\Z")
_YEAR = re.compile(r"^[0-9]{4}\Z")
#: The least preference vCard 4.0 gives a value (``PREF=100``); 1 is the most.
_PREF_MAX = 100


@dataclass
class VCardRecord(PersonRecord):
    """A person read from a vCard, with the card's UID (``PersonRecord`` has no place for it)."""

    uid: str | None = None
    #: The card has a PHOTO, which netweave does not keep.
    photo: bool = False


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
        record = _build(card.props, card.line, file, names)
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


def _build(props: list[Property], line: int, file: str, names: Mapping[str, str]) -> VCardRecord:
    labels = {
        p.group.upper(): _ab_label(p.value) for p in props if p.name == "X-ABLABEL" and p.group
    }
    record = VCardRecord(name="", line=line)
    notes: list[str] = []
    asides: list[str] = []  # what has no place of its own, kept in the notes
    addresses: list[tuple[PostalAddress, str | None]] = []  # each with its place
    ranked: dict[str, list[tuple[int, Labeled]]] = {"EMAIL": [], "TEL": []}
    for prop in props:
        text = unescape(prop.value)
        label = labels.get((prop.group or "").upper()) or _type_label(prop)
        if prop.name == "FN" and not record.name:
            record.name = clean(text)
        elif prop.name == "N":
            family, given = [*split_value(prop.value, ";"), "", ""][:2]
            record.family_name, record.given_name = clean(family) or None, clean(given) or None
        elif prop.name in ranked and clean(text):
            value = _phone(prop.value, text) if prop.name == "TEL" else _email(text)
            ranked[prop.name].append((_preference(prop.params), Labeled(value, label)))
        elif prop.name == "ORG":
            organization, *units = (clean(u) for u in split_value(prop.value, ";"))
            record.organization = organization or None
            if department := ", ".join(u for u in units if u):
                asides.append(f"Department: {department}")
        elif prop.name == "TITLE":
            record.title = clean(text) or None
        elif prop.name == "BDAY":
            record.birthday = _birthday(text, prop.params)
            if record.birthday is None and clean(text):
                asides.append(f"Birthday: {clean(text)}")
        elif prop.name == "NOTE" and _note(text):
            notes.append(_note(text))
        elif prop.name == "CATEGORIES":
            for tag in (clean(t) for t in split_value(prop.value, ",")):
                if tag and fold(tag) not in SYSTEM_GROUPS and tag not in record.tags:
                    record.tags.append(tag)
        elif prop.name in ("URL", "X-SOCIALPROFILE"):
            _add_url(record, prop, clean(text), label)
        elif prop.name == "UID":
            record.uid = clean(text) or None
        elif prop.name == "ADR":
            address = _address(prop, label)
            addresses.append((address, address.place()))
        elif prop.name == "NICKNAME":
            record.nicknames += [n for n in map(clean, split_value(prop.value, ",")) if n]
        elif prop.name in ("X-ABRELATEDNAMES", "RELATED") and (who := _related(prop, text, names)):
            kind = labels.get((prop.group or "").upper()) or ", ".join((label or "").split())
            asides.append(f"{_capital(kind or 'related')}: {who}")
    record.emails = _preferred_first(ranked["EMAIL"])
    record.phones = _preferred_first(ranked["TEL"])
    places = [(a.label, found) for a, found in addresses if found]
    work = (p for label, p in places if "work" in (label or "").split())
    record.location = next(work, places[0][1] if places else None)
    record.name = record.name or _fallback_name(record)
    if not record.name:
        raise FormatError(file, "card has no name, organization, email or phone", line)
    record.nicknames = _nicknames(record.nicknames, record.name)
    asides = [also_known_as(n, "nickname") for n in record.nicknames] + asides
    asides += address_lines(addresses, record.location)
    record.notes = notes_with(notes, asides)  # a line the card's own note has already: once
    return record


def _nicknames(names: list[str], name: str) -> list[str]:
    """Each nickname once, but those whose every word is a word of the person's name ("Anna"
    for Anna Berg): search finds them by it already."""
    words = set(fold(name).split())
    kept: list[str] = []
    for nickname in names:
        if not set(fold(nickname).split()) <= words and fold(nickname) not in map(fold, kept):
            kept.append(nickname)
    return kept


def _address(prop: Property, label: str | None) -> PostalAddress:
    """An ADR: its parts (post box; extended address; street; locality; region; postal code;
    country name) and its LABEL, vCard 4's text of the whole address."""
    text = next((text for text in prop.params.get("LABEL", []) if clean(text)), "")
    return PostalAddress(label, text, tuple(split_value(prop.value, ";")))


def _related(prop: Property, text: str, names: Mapping[str, str]) -> str | None:
    """Who a related-name property names: a name (Apple's, or vCard 4's RELATED with
    ``VALUE=text``, or one written plainly); vCard 4's RELATED is otherwise a URI: an
    email address or phone number (without ``mailto:`` or ``tel:``) or a web address is
    kept as that, another card's id (``urn:uuid:…``) as the name of that card when it is
    one of the import's (``names``), any other names no one readable and is left out
    (``None``)."""
    who = clean(text)
    if prop.name == "RELATED" and (named := names.get(uid_key(who))):
        return named
    if prop.name != "RELATED" or "text" in (v.lower() for v in prop.params.get("VALUE", [])):
        return who or None
    scheme = _URI_SCHEME.match(who)
    if scheme is None:
        return who or None
    kind = scheme[1].lower()
    if kind in ("mailto", "tel"):
        return who[scheme.end() :] or None
    return who if kind in ("http", "https") else None


def uid_key(uid: str) -> str:
    """A card's UID as RELATED names it: ``urn:uuid:`` and case left out (a UUID is the same
    in capitals, and a card's UID is often the bare UUID that RELATED writes as a URN)."""
    key = uid.strip().lower()
    return key.removeprefix("urn:uuid:")


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


#: The scheme of a URI (a value with no space in it, as a name has).
_URI_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):(?=\S+$)", re.I)


def _capital(label: str) -> str:
    """A label as the start of a line of the notes: "spouse" → "Spouse"."""
    return label[:1].upper() + label[1:]


def _preference(params: dict[str, list[str]]) -> int:
    """How much a value is preferred, from 1 (most) to 100, as vCard 4's ``PREF=1`` says it;
    3.0's ``TYPE=pref`` and 2.1's bare ``PREF`` count as 1. A value not marked comes last."""
    ranks = [int(v) for v in params.get("PREF", []) if v.isascii() and v.isdigit()]
    if "pref" in (t.lower() for t in params.get("TYPE", [])):
        ranks.append(1)
    return min((r for r in ranks if 1 <= r <= _PREF_MAX), default=_PREF_MAX + 1)


def _preferred_first(values: list[tuple[int, Labeled]]) -> list[Labeled]:
    """The values, most preferred first; equally preferred ones in the card's order (the first
    of a kind becomes the person's primary one)."""
    return [value for _, value in sorted(values, key=lambda ranked: ranked[0])]


def _ab_label(value: str) -> str:
    """An Apple X-ABLabel: built-in ones (``_$!<Mobile>!$_``) lower-cased, custom ones as typed."""
    text = clean(unescape(value))
    builtin = _APPLE_LABEL.match(text)
    return builtin.group(1).lower() if builtin else text


def _type_label(prop: Property) -> str | None:
    words: list[str] = []
    for value in prop.params.get("TYPE", []):
        word = value.lower()
        word = "mobile" if word == "cell" else word
        if word not in _NOISE_TYPES and word not in words:
            words.append(word)
    return " ".join(words) or None


def _phone(raw: str, text: str) -> str:
    """A TEL value; a vCard 4.0 ``tel:`` URI loses its scheme and keeps ``;ext=``."""
    value = clean(raw)
    return value[4:] if value.lower().startswith("tel:") else clean(text)


def _email(text: str) -> str:
    """An EMAIL value; a ``mailto:`` URI loses its scheme."""
    return clean(text).removeprefix("mailto:")


def _add_url(record: VCardRecord, prop: Property, url: str, label: str | None) -> None:
    if not url:
        return
    try:
        profile = normalize_linkedin(url).startswith(("linkedin.com/in/", "linkedin.com/pub/"))
    except InvalidInput:
        profile = False
    if profile and record.linkedin is None:
        record.linkedin = url
    elif prop.name == "URL" or url.lower().startswith(("http://", "https://")):
        record.urls.append(Labeled(url, label))


def _birthday(text: str, params: dict[str, list[str]]) -> str | None:
    value = text.strip()
    if match := _DATE.match(value):
        year, month, day = match.groups()
        # Apple writes 1604 for a year not known, others 0000
        omitted = year in ("1604", "0000") or year in params.get("X-APPLE-OMIT-YEAR", [])
        value = f"--{month}-{day}" if omitted else f"{year}-{month}-{day}"
    elif match := _NO_YEAR.match(value):
        value = f"--{match.group(1)}-{match.group(2)}"
    elif not _YEAR.match(value):
        return None
    try:
        return parse_birthday(value)
    except InvalidInput:
        return None


def _note(text: str) -> str:
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n")).strip()


def _fallback_name(record: VCardRecord) -> str:
    named = full_name(record.given_name, record.family_name)
    for candidate in (named, record.organization, *(e.value for e in record.emails)):
        if candidate:
            return candidate
    return record.phones[0].value if record.phones else ""
