"""vCard writer: people as vCard 4.0 cards, one file each in a vdir khard can read."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from netweave.io.outgoing import escape_text, fold_line
from netweave.io.records import ADDRESS_LINE, Labeled, known_as
from netweave.logic.normalize import fold

#: Labels written as TYPE parameters (the rest go to an Apple-style X-ABLabel, which khard reads).
_TYPE_LABELS = frozenset({"work", "home", "mobile", "fax", "pager", "text", "video", "textphone"})
_E164 = re.compile(r"^\+[0-9]{2,15}\Z")


@dataclass
class VCardPerson:
    """A person to export: plain values, so the writer needs no database."""

    uid: str
    name: str
    given: str | None = None
    family: str | None = None
    emails: list[Labeled] = field(default_factory=list)
    phones: list[Labeled] = field(default_factory=list)
    organization: str | None = None
    title: str | None = None
    #: ``YYYY-MM-DD``, ``--MM-DD`` or ``YYYY``.
    birthday: str | None = None
    notes: str | None = None
    tags: list[str] = field(default_factory=list)
    urls: list[Labeled] = field(default_factory=list)
    linkedin: str | None = None
    #: Where they are, as one text ("Lisboa, Portugal"): written as the address's locality.
    location: str | None = None
    #: When the person last changed (REV); omitted when unknown.
    rev: dt.datetime | None = None
    #: The kinds (``email``, ``phone``) whose first value is the person's primary one: it is
    #: written with ``PREF=1``, so other address books, and netweave reading it back, keep it so.
    primary: frozenset[str] = frozenset()


#: The ending of the file a card was written to before it replaced the card (by netweave
#: before cards were staged: ``STAGING_PREFIX``); one left behind is removed.
TEMPORARY_SUFFIX = ".vcf.tmp"


#: The hidden folder inside the vdir an export writes its cards into before they take their
#: places (``.netweave-export.<pid>``): a vdir read while it runs, or after it stopped,
#: never holds part of an export.
STAGING_PREFIX = ".netweave-export."


def write_vcards(people: Iterable[VCardPerson], folder: Path) -> int:
    """Write each person as ``<uid>.vcf`` (vCard 4.0) into ``folder``, a vdir khard can read.

    The cards are written into a hidden folder inside it first, then moved into place
    together (renames on one disk): an export stopped before (Ctrl-C, a full disk) leaves
    the vdir as it was. The caller removes cards of people no longer exported. Returns the
    number of cards written.
    """
    folder.mkdir(parents=True, exist_ok=True)
    staging = folder / f"{STAGING_PREFIX}{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        names: list[str] = []
        for person in people:
            name = re.sub(r"[^A-Za-z0-9@._+-]", "_", person.uid).lstrip(".") or "_"
            (staging / f"{name}.vcf").write_bytes(vcard_bytes(person))
            names.append(name)
        for name in names:
            os.replace(staging / f"{name}.vcf", folder / f"{name}.vcf")
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return len(names)


def vcard_bytes(person: VCardPerson) -> bytes:
    """One person as a vCard 4.0 card: escaped, folded at 75 octets, CRLF line ends."""
    lines = ["BEGIN:VCARD", "VERSION:4.0", "PRODID:-//netweave//netweave//EN"]
    lines += [f"UID:{escape_text(person.uid)}", f"FN:{escape_text(person.name)}"]
    lines.append(f"N:{escape_text(person.family or '')};{escape_text(person.given or '')};;;")
    items = iter(range(1, 1_000_000))  # X-ABLabel item groups: item1, item2, …
    lines += _contact_lines(person, items)
    lines += _text_lines(person, items)
    lines.append("END:VCARD")
    return b"".join(fold_line(line) for line in lines)


def _contact_lines(person: VCardPerson, items: Iterator[int]) -> list[str]:
    lines: list[str] = []
    for n, email in enumerate(person.emails):
        prop = _preferred("EMAIL", person, "email", first=n == 0)
        lines += _typed(prop, escape_text(email.value), email.label, items)
    for n, phone in enumerate(person.phones):
        prop = _preferred("TEL", person, "phone", first=n == 0)
        if _E164.match(phone.value):  # RFC 6350 prefers a tel: URI
            lines += _typed(f"{prop};VALUE=uri", f"tel:{phone.value}", phone.label, items)
        else:
            lines += _typed(prop, escape_text(phone.value), phone.label, items)
    lines += [x for u in person.urls for x in _typed("URL", escape_text(u.value), u.label, items)]
    if person.linkedin:
        url = person.linkedin if "://" in person.linkedin else f"https://{person.linkedin}"
        lines.append(f"URL:{escape_text(url)}")
    return lines


def _preferred(prop: str, person: VCardPerson, kind: str, *, first: bool) -> str:
    """The property name, with ``PREF=1`` on the person's primary value of its kind."""
    return f"{prop};PREF=1" if first and kind in person.primary else prop


def _text_lines(person: VCardPerson, items: Iterator[int]) -> list[str]:
    lines = [f"ORG:{escape_text(person.organization)}"] if person.organization else []
    if person.title:
        lines.append(f"TITLE:{escape_text(person.title)}")
    kept = (person.notes or "").splitlines()
    nicknames = [aka[0] for line in kept if (aka := known_as(line)) and aka[1] == "nickname"]
    if nicknames:
        lines.append("NICKNAME:" + ",".join(escape_text(n) for n in nicknames))
    lines += _address_lines(person.location, kept, items)
    if day := person.birthday:  # RFC 6350 basic forms: 19900517, --0517, 1990
        partial = day.startswith("--")
        lines.append("BDAY:" + ("--" if partial else "") + day.removeprefix("--").replace("-", ""))
    if person.notes:
        lines.append(f"NOTE:{escape_text(person.notes)}")
    if person.tags:
        lines.append("CATEGORIES:" + ",".join(escape_text(t) for t in person.tags))
    if person.rev:
        rev = person.rev if person.rev.tzinfo else person.rev.replace(tzinfo=dt.UTC)
        lines.append(f"REV:{rev.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}")
    return lines


def _address_lines(location: str | None, notes: list[str], items: Iterator[int]) -> list[str]:
    """ADR properties, in their parts, which contacts apps show (khard reads nothing else):
    the location's, "City, Region, Country" in its locality, region and country, and each
    address the notes keep ("Address (home): 12 Elm St, …", see ``vcard``) with its text
    as the ADR's LABEL too. The address the location is of (it names each of the
    location's parts) is the location's ADR, with the street and postal code its text
    gives before the city; any other, of one text, is written whole as the street."""
    kept = [(m.group(1), m.group(2)) for line in notes if (m := ADDRESS_LINE.match(line.strip()))]
    parts = [p.strip() for p in (location or "").split(",") if p.strip()]
    folded = [fold(p) for p in parts]
    ours = next((a for a in kept if parts and all(p in fold(a[1]) for p in folded)), None)
    lines: list[str] = []
    if location:  # post box; extended; street; locality; region; code; country
        street, code = _street_and_code(ours[1], parts) if ours else ("", "")
        value = ";".join(escape_text(p) for p in ("", "", street, *_place_parts(parts, code)))
        if ours is None:
            lines.append(f"ADR:{value}")
        else:
            lines += _typed(f"ADR;LABEL={_param(ours[1])}", value, ours[0], items)
    for label, whole in kept:
        if (label, whole) != ours:
            lines += _typed(f"ADR;LABEL={_param(whole)}", f";;{escape_text(whole)};;;;", label,
                            items)  # fmt: skip
    return lines


def _place_parts(parts: list[str], code: str) -> tuple[str, str, str, str]:
    """A location's parts as an ADR's locality, region, postal code and country: "City,
    Region, Country" (more parts before them are the locality's: "Brooklyn, New York, NY,
    USA"); of two parts, a city and its region ("San Francisco, CA", "Porto, Portugal"),
    which apps show as the location was written; of one, a locality."""
    if len(parts) >= 3:
        return ", ".join(parts[:-2]), parts[-2], code, parts[-1]
    return parts[0] if parts else "", parts[1] if len(parts) > 1 else "", code, ""


def _street_and_code(whole: str, parts: list[str]) -> tuple[str, str]:
    """The street and postal code an address of one text gives, "1 Infinite Loop, Building
    2, Cupertino, CA 95014, USA" with the location "Cupertino, CA, USA": what comes before
    its city, and what follows the region after it; none when the text does not read so."""
    pieces = [p.strip() for p in whole.split(",")]
    city = fold(parts[0])
    at = next((i for i, piece in enumerate(pieces) if fold(piece) == city), None)
    if not at:
        return "", ""
    code = ""
    if len(parts) >= 3 and at + 1 < len(pieces):
        region, after = fold(parts[-2]), pieces[at + 1]
        if fold(after).startswith(region + " "):
            code = after[len(region) + 1 :].strip()
    return ", ".join(pieces[:at]), code


def _param(text: str) -> str:
    """A parameter value, quoted, with RFC 6868's escapes (a caret, a line break, a quote)."""
    escaped = text.replace("^", "^^").replace("\n", "^n").replace('"', "^'")
    return f'"{escaped}"'


def _typed(prop: str, value: str, label: str | None, items: Iterator[int]) -> list[str]:
    """A property with its label: standard labels as TYPE, others as an X-ABLabel item group."""
    if not label:
        return [f"{prop}:{value}"]
    words = label.split(" ")
    if all(w in _TYPE_LABELS for w in words):
        types = ",".join("cell" if w == "mobile" else w for w in words)
        return [f"{prop};TYPE={types}:{value}"]
    group = f"item{next(items)}"
    return [f"{group}.{prop}:{value}", f"{group}.X-ABLabel:{escape_text(label)}"]
