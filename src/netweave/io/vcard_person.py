"""A vCard's properties as a person's record: names, labels, preferred values, birthdays,
addresses, nicknames and related people."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

from netweave.errors import InvalidInput
from netweave.io.records import (
    SYSTEM_GROUPS,
    FormatError,
    Labeled,
    PersonRecord,
    PostalAddress,
    address_lines,
    also_known_as,
    notes_with,
)
from netweave.io.vcard_lines import Property, split_value, unescape
from netweave.logic.normalize import clean, fold, full_name, normalize_linkedin
from netweave.logic.parse import parse_birthday

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


#: The properties of who the person is (``_read_person``); the others are read by
#: ``_read_contact``.
_PERSON_PROPERTIES = frozenset({"FN", "N", "ORG", "TITLE", "BDAY", "UID"})


@dataclass
class _Reading:
    """A card's record as its properties are read, with what is settled once all are."""

    record: VCardRecord
    notes: list[str] = field(default_factory=list)
    #: What has no place of its own, kept in the notes.
    asides: list[str] = field(default_factory=list)
    #: Each address with its place.
    addresses: list[tuple[PostalAddress, str | None]] = field(default_factory=list)
    #: Emails and phones, each with how much it is preferred.
    ranked: dict[str, list[tuple[int, Labeled]]] = field(
        default_factory=lambda: {"EMAIL": [], "TEL": []}
    )


def build_record(
    props: list[Property], line: int, file: str, names: Mapping[str, str]
) -> VCardRecord:
    """The person a card's properties describe (``line`` is the card's); a card that names
    no one (no name, organization, email or phone) raises ``FormatError``. ``names`` are the
    import's cards' names by UID, for a RELATED naming one."""
    labels = {
        p.group.upper(): _ab_label(p.value) for p in props if p.name == "X-ABLABEL" and p.group
    }
    reading = _Reading(VCardRecord(name="", line=line))
    for prop in props:
        if prop.name in _PERSON_PROPERTIES:
            _read_person(reading, prop)
        else:
            _read_contact(reading, prop, labels.get((prop.group or "").upper()), names)
    return _finished(reading, file, line)


def _read_person(reading: _Reading, prop: Property) -> None:
    """A property of who the person is: their names, work, birthday, the card's UID."""
    record, text = reading.record, unescape(prop.value)
    if prop.name == "FN" and not record.name:
        record.name = clean(text)
    elif prop.name == "N":
        family, given = [*split_value(prop.value, ";"), "", ""][:2]
        record.family_name, record.given_name = clean(family) or None, clean(given) or None
    elif prop.name == "ORG":
        organization, *units = (clean(u) for u in split_value(prop.value, ";"))
        record.organization = organization or None
        if department := ", ".join(u for u in units if u):
            reading.asides.append(f"Department: {department}")
    elif prop.name == "TITLE":
        record.title = clean(text) or None
    elif prop.name == "BDAY":
        record.birthday = _birthday(text, prop.params)
        if record.birthday is None and clean(text):
            reading.asides.append(f"Birthday: {clean(text)}")
    elif prop.name == "UID":
        record.uid = clean(text) or None


def _read_contact(
    reading: _Reading, prop: Property, own: str | None, names: Mapping[str, str]
) -> None:
    """A property of how the person is reached and what the notes keep: emails, phones, web
    addresses, postal addresses, notes, tags, nicknames, related people. ``own`` is the
    label its item group gives it (Apple's X-ABLabel), which comes before its TYPE."""
    record, text = reading.record, unescape(prop.value)
    label = own or _type_label(prop)
    if prop.name in reading.ranked and clean(text):
        value = _phone(prop.value, text) if prop.name == "TEL" else _email(text)
        reading.ranked[prop.name].append((_preference(prop.params), Labeled(value, label)))
    elif prop.name == "NOTE" and _note(text):
        reading.notes.append(_note(text))
    elif prop.name == "CATEGORIES":
        for tag in (clean(t) for t in split_value(prop.value, ",")):
            if tag and fold(tag) not in SYSTEM_GROUPS and tag not in record.tags:
                record.tags.append(tag)
    elif prop.name in ("URL", "X-SOCIALPROFILE"):
        _add_url(record, prop, clean(text), label)
    elif prop.name == "ADR":
        address = _address(prop, label)
        reading.addresses.append((address, address.place()))
    elif prop.name == "NICKNAME":
        record.nicknames += [n for n in map(clean, split_value(prop.value, ",")) if n]
    elif prop.name in ("X-ABRELATEDNAMES", "RELATED") and (who := _related(prop, text, names)):
        kind = own or ", ".join((label or "").split())
        reading.asides.append(f"{_capital(kind or 'related')}: {who}")


def _finished(reading: _Reading, file: str, line: int) -> VCardRecord:
    """The record once every property is read: emails and phones most preferred first, the
    location, a name when the card gives none, the notes with what has no place of its own."""
    record = reading.record
    record.emails = _preferred_first(reading.ranked["EMAIL"])
    record.phones = _preferred_first(reading.ranked["TEL"])
    places = [(a.label, found) for a, found in reading.addresses if found]
    work = (p for label, p in places if "work" in (label or "").split())
    record.location = next(work, places[0][1] if places else None)
    record.name = record.name or _fallback_name(record)
    if not record.name:
        raise FormatError(file, "card has no name, organization, email or phone", line)
    record.nicknames = _nicknames(record.nicknames, record.name)
    asides = [also_known_as(n, "nickname") for n in record.nicknames] + reading.asides
    asides += address_lines(reading.addresses, record.location)
    record.notes = notes_with(reading.notes, asides)  # a line the card's own note has already: once
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
