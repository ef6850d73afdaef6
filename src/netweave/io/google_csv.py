"""Reader of contacts CSV exports: Google Contacts (new and old headers) and Outlook."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from netweave.errors import InvalidInput
from netweave.io.encoding import open_text
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
    place,
)
from netweave.io.text import (
    Row,
    column_index,
    csv_rows,
    date_parts,
    export_birthday,
    find_header,
    slashed_order,
    split_line,
)
from netweave.logic.normalize import clean, fold, full_name

_NUMBERED = re.compile(r"^(e-mail|phone|website) (\d+) - (label|type|value)$")
_ADDRESS = re.compile(
    r"^address (\d+) - (label|type|formatted|po box|extended address|street|city|region"
    r"|postal code|country)$"
)
#: An address's parts, in the order of a vCard ADR (``PostalAddress``): Google's words.
_PARTS = ("po box", "extended address", "street", "city", "region", "postal code", "country")
_KINDS = {"e-mail": "emails", "phone": "phones", "website": "urls"}
_LINKEDIN = re.compile(r"linkedin\.com/(?:in|pub)/", re.I)
#: Outlook's fixed contact columns: (column, kind, label).
_OUTLOOK_CHANNELS = (
    ("e-mail address", "emails", None),
    ("e-mail 2 address", "emails", None),
    ("e-mail 3 address", "emails", None),
    ("mobile phone", "phones", "mobile"),
    ("business phone", "phones", "work"),
    ("business phone 2", "phones", "work"),
    ("home phone", "phones", "home"),
    ("home phone 2", "phones", "home"),
    ("primary phone", "phones", "main"),
    ("company main phone", "phones", "work"),
    ("other phone", "phones", "other"),
    ("car phone", "phones", "car"),
    ("pager", "phones", "pager"),
    ("business fax", "phones", "work fax"),
    ("home fax", "phones", "home fax"),
    ("web page", "urls", None),
    ("personal web page", "urls", "personal"),
)
#: Outlook's fixed addresses, the work address first: (column prefix, label).
_OUTLOOK_ADDRESSES = (("business", "work"), ("home", "home"), ("other", "other"))
#: The columns of an Outlook address's parts after its prefix, in the order of ``_PARTS``.
_OUTLOOK_PARTS = (
    ("address po box",), (), ("street", "street 2", "street 3"), ("city",), ("state",),
    ("postal code",), ("country/region",),
)  # fmt: skip


@dataclass(frozen=True)
class _Channel:
    """Where one contact value is: its column, and its label's column or fixed label."""

    kind: str
    value: str
    label_column: str | None = None
    label: str | None = None


@dataclass(frozen=True)
class _Address:
    """Where one address is: the columns of each of its parts (in the order of ``_PARTS``;
    Outlook writes a street on up to three), the column of the whole address as one text
    (Google's "Formatted"), and its label (column or fixed)."""

    parts: tuple[tuple[str, ...], ...]
    formatted: str | None = None
    label_column: str | None = None
    label: str | None = None


@dataclass(frozen=True)
class _Flavour:
    """The columns one kind of export uses."""

    display: str | None
    given: str
    middle: str
    family: str
    organization: str
    title: str
    tags: str
    tag_separator: str


_GOOGLE = _Flavour(
    None, "first name", "middle name", "last name", "organization name", "organization title",
    "labels", ":::",
)  # fmt: skip
_GOOGLE_OLD = _Flavour(
    "name", "given name", "additional name", "family name", "organization 1 - name",
    "organization 1 - title", "group membership", ":::",
)  # fmt: skip
_OUTLOOK = _Flavour(
    None, "first name", "middle name", "last name", "company", "job title", "categories", ";"
)


def read_google_csv(
    path: Path,
    errors: list[FormatError] | None = None,
    *,
    on_skip: Callable[[FormatError], None] | None = None,
) -> Iterator[PersonRecord]:
    """The people of a Google Contacts or Outlook contacts CSV, one record per row.

    ``path`` is a CSV file or a folder of them (its ``.csv`` files are read in name order).
    The flavour is told from each file's header row; any other CSV raises ``FormatError``. A
    cell holding several values (``a ::: b``) gives several values with the cell's label;
    rows with no name, organization, email or phone at all are skipped.

    A company card is not a person: a row with an organization but no person's name (no
    first, middle or last name, no "Name", no nickname, and no "File As" other than the
    organization itself) is skipped even when it has an email or phone (``info@acme.com``
    is no one to keep in touch with), and reported to ``on_skip``, when given, as a
    ``FormatError`` naming its file and line. A row with no name and no organization is
    still named by its nickname, "File As", email or phone.

    The location is "City, Region, Country" from one address: the first one labelled work
    (Outlook's Business address, Google's ``Address N`` labelled Work), else the first one
    with any of those parts (Outlook: Home, then Other). An address with none of them gives
    Google's "Formatted" text on one line, street included: it is all there is. Each address
    that says more (a street, a post box, a postal code), or another than the location's, is
    kept whole in the notes as the vCard reader keeps one, once: "Address (home): 12 Elm St,
    San Francisco, CA 94110, United States" (Google's "Formatted" text, else the parts;
    several joined with `` ::: `` are each kept), unless the notes have that line already.

    A birthday that cannot be read as a date is kept in the notes, as written. A row that
    cannot become a record raises ``FormatError`` naming its file and line, unless
    ``errors`` is given: then the error is appended to it and reading goes on with the
    next row. A file that cannot be read at all (empty, not
    text, no header, another kind of CSV) always raises.
    """
    for file in folder_files(path, (".csv",)):
        yield from _read_file(file, errors, on_skip)


def _read_file(
    path: Path,
    errors: list[FormatError] | None,
    on_skip: Callable[[FormatError], None] | None = None,
) -> Iterator[PersonRecord]:
    name = str(path)
    with open_text(path) as stream:
        line, header = find_header(stream, name, _not_blank, "First Name, …")
        # Excel saves with the list separator of the user's locale: ";" in much of Europe,
        # a tab for "Unicode text"; the header, one cell by commas, tells which
        delimiter = next((d for d in ";\t" if len(header) == 1 and d in header[0]), ",")
        if delimiter != ",":
            header = split_line(header[0], delimiter)
        columns = column_index(header)
        flavour = _flavour(columns)
        if flavour is None:
            raise _not_contacts(name, header, line)
        outlook = flavour is _OUTLOOK
        channels = _outlook_channels(columns) if outlook else _google_channels(columns)
        addresses = _outlook_addresses(columns) if outlook else _google_addresses(columns)
        order = _DateOrder(path, (line, delimiter, len(header)), columns)
        for number, cells in csv_rows(stream, name, line, delimiter, errors, len(header)):
            try:
                row = Row(columns, cells)
                record = _record(row, (flavour, channels, order), name, number)
                if isinstance(record, PersonRecord):
                    _place_and_addresses(record, row, addresses)
            except FormatError as problem:
                if errors is None:
                    raise
                errors.append(problem)
                continue
            if isinstance(record, FormatError):
                if on_skip is not None:
                    on_skip(record)
            elif record is not None:
                yield record


def _not_blank(cells: list[str]) -> bool:
    return any(cell.strip() for cell in cells)


def _flavour(columns: dict[str, int]) -> _Flavour | None:
    """Which export wrote this header, from the columns only one of them has."""
    labelled = any(c.endswith(" - label") for c in columns)
    typed = any(c.endswith(" - type") for c in columns)
    if "first name" in columns and ("labels" in columns or labelled):
        return _GOOGLE
    if "given name" in columns and ("group membership" in columns or typed):
        return _GOOGLE_OLD
    outlook = ("e-mail address", "job title", "categories", "mobile phone", "business phone")
    if "first name" in columns and any(c in columns for c in outlook):
        return _OUTLOOK
    return None


def _google_channels(columns: dict[str, int]) -> list[_Channel]:
    """``E-mail 1 - Label``/``- Value`` pairs (``- Type`` in old exports), in number order."""
    found: dict[tuple[str, int], dict[str, str]] = {}
    for column in columns:
        if match := _NUMBERED.match(column):
            kind, number, part = match[1], int(match[2]), match[3]
            found.setdefault((kind, number), {})["value" if part == "value" else "label"] = column
    channels = []
    for (kind, _), parts in sorted(found.items(), key=lambda item: (item[0][1], item[0][0])):
        if "value" in parts:
            channels.append(_Channel(_KINDS[kind], parts["value"], parts.get("label")))
    return channels


def _outlook_channels(columns: dict[str, int]) -> list[_Channel]:
    return [
        _Channel(kind, column, label=label)
        for column, kind, label in _OUTLOOK_CHANNELS
        if column in columns
    ]


def _google_addresses(columns: dict[str, int]) -> list[_Address]:
    """``Address 1 - Street``/``- City``/…/``- Formatted`` with their label (``- Type`` in
    old exports), in number order."""
    found: dict[int, dict[str, str]] = {}
    for column in columns:
        if match := _ADDRESS.match(column):
            part = "label" if match[2] == "type" else match[2]
            found.setdefault(int(match[1]), {})[part] = column
    return [
        _Address(
            tuple((parts[p],) if p in parts else () for p in _PARTS),
            parts.get("formatted"),
            label_column=parts.get("label"),
        )
        for _, parts in sorted(found.items())
    ]


def _outlook_addresses(columns: dict[str, int]) -> list[_Address]:
    addresses = []
    for prefix, label in _OUTLOOK_ADDRESSES:
        parts = tuple(
            tuple(c for name in names if (c := f"{prefix} {name}") in columns)
            for names in _OUTLOOK_PARTS
        )
        if any(parts):
            addresses.append(_Address(parts, label=label))
    return addresses


def _place_and_addresses(record: PersonRecord, row: Row, where: list[_Address]) -> None:
    """The record's location (see ``read_google_csv``), else the free-text "Location" column
    (Outlook's and older Google exports'); and the addresses its notes keep."""
    addresses = [address for each in where for address in _postal(row, each)]
    found = [(a, a.place() or place(a.text)) for a in addresses]  # "Formatted": its lines
    places = [(a.label, text) for a, text in found if text is not None]
    work = (text for label, text in places if label == "work")
    record.location = next(work, places[0][1] if places else place(_first(row.get("location"))))
    if lines := address_lines(found, record.location):
        record.notes = notes_with([record.notes or ""], lines)


def _postal(row: Row, address: _Address) -> list[PostalAddress]:
    """The addresses in one address's columns: Google joins several of one label with
    `` ::: `` in each of them (the first value of each cell is the first address's, the
    second the second's)."""
    formatted = _pieces(row.get(address.formatted)) if address.formatted else []
    parts = [[_pieces(row.get(c)) for c in columns] for columns in address.parts]
    column = address.label_column
    labels = [_label(p) for p in _pieces(row.get(column))] if column else []
    count = max([len(formatted), *(len(p) for columns in parts for p in columns)])
    found = []
    for n in range(count):  # one label for all, unless each has its own
        label = address.label or _nth(labels, n if len(labels) == count else 0) or None
        text = _nth(formatted, n)
        lines = ["\n".join(v for p in columns if (v := _nth(p, n))) for columns in parts]
        if clean(text) or any(clean(line) for line in lines):
            found.append(PostalAddress(label, text, tuple(lines)))
    return found


def _pieces(cell: str) -> list[str]:
    """The `` ::: ``-joined values of a cell, empty ones included (they hold a place)."""
    return [piece.strip() for piece in cell.split(":::")] if cell.strip() else []


def _nth(pieces: Sequence[str | None], n: int) -> str:
    return pieces[n] or "" if n < len(pieces) else ""


#: Columns of ``netweave export csv`` that no contacts export has: its own file, given back.
_OWN_EXPORT = frozenset({"id", "name", "emails", "phones", "last_interaction", "strength"})


def _not_contacts(name: str, header: list[str], line: int) -> FormatError:
    """The error of a file whose header row is not a contacts export's: a vCard file (its
    first line ``BEGIN:VCARD``) names the vCard importer; netweave's own ``export csv`` (a
    table for spreadsheets, which leaves out conversations and much else) names the ways
    of copying people from one database to another."""
    why = "not a Google or Outlook contacts CSV"
    if _OWN_EXPORT.issubset(column_index(header)):
        return FormatError(
            name,
            f"{why}: netweave's own `export csv` (for spreadsheets); to copy your network to "
            "another database, use `netweave export json` and `netweave restore` (everything, "
            "into an empty database) or `netweave export vcard` and `netweave import vcard` "
            "(the people, into any)",
            line,
            web=f"{why}: this program's own CSV export (for spreadsheets); to copy your network "
            "to another database, use the command line's export json and restore (everything, "
            "into an empty database), or its export vcard and import the cards here as "
            "“vCard (.vcf)”",
        )
    if ",".join(header).replace("\ufeff", "").strip().upper() != "BEGIN:VCARD":
        return FormatError(name, why, line)
    said = f"{why}: a vCard file (BEGIN:VCARD): import it"
    return FormatError(
        name, f"{said} with `netweave import vcard`", line, web=f"{said} as “vCard (.vcf)”"
    )


def _record(
    row: Row, how: tuple[_Flavour, list[_Channel], _DateOrder], name: str, line: int
) -> PersonRecord | FormatError | None:
    """The row's person; a ``FormatError`` (not raised) for a company card, to skip."""
    flavour, channels, order = how
    names = [row.get(c) for c in (flavour.display, flavour.given, flavour.family) if c]
    if any("\n" in value for value in names):  # a name never holds a line break
        raise FormatError(
            name, "a quoted field is not closed: the row runs on into the lines after it", line
        )
    values = _values(row, channels)
    linkedin = next((u.value for u in values["urls"] if _LINKEDIN.search(u.value)), None)
    given, middle, family = (
        clean(row.get(c)) for c in (flavour.given, flavour.middle, flavour.family)
    )
    organization = _first(row.get(flavour.organization))
    display = clean(row.get(flavour.display)) if flavour.display else ""
    display = display or full_name(given, family, middle)
    if not display and _is_company(row, organization):
        return FormatError(
            name, f"a company without a person's name ({organization}): skipped", line
        )
    display = display or _fallback(row, values)
    if not display:
        return None
    birthday, odd = _birthday(row.get("birthday"), order)
    nickname = clean(row.get("nickname"))
    nicknames = [nickname] if not set(fold(nickname).split()) <= set(fold(display).split()) else []
    also = also_known_as(nickname, "nickname") if nicknames else None
    return PersonRecord(
        name=display,
        line=line,
        file=name,  # a folder holds several
        given_name=given or None,
        family_name=family or None,
        emails=values["emails"],
        phones=values["phones"],
        urls=[u for u in values["urls"] if u.value != linkedin],
        linkedin=linkedin,
        organization=organization,
        title=_first(row.get(flavour.title)),
        birthday=birthday,
        notes="\n\n".join(n for n in (row.get("notes"), also, odd) if n) or None,
        tags=_tags(row.get(flavour.tags), flavour.tag_separator),
        nicknames=nicknames,
    )


def _values(row: Row, channels: list[_Channel]) -> dict[str, list[Labeled]]:
    """Emails, phones and URLs; a cell's `` ::: ``-joined values share its label."""
    values: dict[str, list[Labeled]] = {"emails": [], "phones": [], "urls": []}
    for channel in channels:
        cell = row.get(channel.value)
        if not cell:
            continue
        label = channel.label or (
            _label(row.get(channel.label_column)) if channel.label_column else None
        )
        values[channel.kind].extend(Labeled(v, label) for v in _split(cell, ":::"))
    return values


def _split(cell: str, separator: str) -> list[str]:
    return [part for part in (clean(p) for p in cell.split(separator)) if part]


def _label(text: str) -> str | None:
    """``* Work`` → ``work``: Google marks the preferred value with a star."""
    return clean(text.lstrip("* ")).lower() or None


def _first(cell: str) -> str | None:
    """The first of several `` ::: ``-joined values (one organization and title per person)."""
    parts = _split(cell, ":::")
    return parts[0] if parts else None


def _is_company(row: Row, organization: str | None) -> bool:
    """Whether a row without a name describes an organization rather than a person."""
    if not organization or clean(row.get("nickname")):
        return False
    return fold(clean(row.get("file as"))) in ("", fold(organization))


def _fallback(row: Row, values: dict[str, list[Labeled]]) -> str:
    """A name for a contact without one (nor an organization): nickname, "file as", email
    or phone."""
    for candidate in (row.get("nickname"), row.get("file as")):
        if clean(candidate):
            return clean(candidate)
    for kind in ("emails", "phones"):
        if values[kind]:
            return values[kind][0].value
    return ""


def _tags(cell: str, separator: str) -> list[str]:
    """Group labels without the star and without Google's system groups, each once."""
    tags: list[str] = []
    for part in _split(cell, separator):
        tag = clean(part.lstrip("* "))
        if tag and fold(tag) not in SYSTEM_GROUPS and tag not in tags:
            tags.append(tag)
    return tags


def _birthday(value: str, order: _DateOrder) -> tuple[str | None, str | None]:
    """The birthday in ``logic.parse`` form, or (one this cannot read, as the vCard reader
    does) a line of the notes that keeps it as written: "Birthday: 15th of April". A date
    that reads both ways (``3/4/1990``) is read in the order of the file's other dates."""
    try:
        either_way = value and date_parts(value) != date_parts(value, day_first=True)
        return export_birthday(value, day_first=bool(either_way) and order.day_first()), None
    except InvalidInput:
        return None, f"Birthday: {clean(value)}"


class _DateOrder:
    """Whether a file writes its slashed dates day first, as Outlook does where Windows is
    set so (``25/12/1985``): looked up once, the first time a birthday could be read either
    way, from the file's other birthdays. Only day first when some birthday can only be day
    first and none only month first; US files, and those that do not tell, stay month
    first."""

    def __init__(self, path: Path, header: tuple[int, str, int], columns: dict[str, int]) -> None:
        self.path, self.header, self.columns = path, header, columns
        self._day_first: bool | None = None

    def day_first(self) -> bool:
        if self._day_first is None:
            seen: set[bool | None] = set()
            _, delimiter, width = self.header
            with open_text(self.path) as stream:
                line, _ = find_header(stream, str(self.path), _not_blank, "First Name, …")
                rows = csv_rows(stream, str(self.path), line, delimiter, [], width)
                for _, cells in rows:
                    seen.add(slashed_order(Row(self.columns, cells).get("birthday")))
                    if True in seen and False in seen:
                        break
            self._day_first = True in seen and False not in seen
        return self._day_first
