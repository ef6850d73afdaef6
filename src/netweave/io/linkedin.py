"""Reader of LinkedIn data exports: the downloaded .zip, its folder, or one of its CSV files."""

from __future__ import annotations

import datetime as dt
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

from netweave.io.encoding import open_text_stream
from netweave.io.linkedin_education import read_education
from netweave.io.linkedin_files import (
    EXPECTED,
    FILES,
    Opener,
    blank_file,
    export_files,
    export_kind,
    file_opener,
    kind_by_header,
    member_opener,
    zip_members,
)
from netweave.io.linkedin_messages import read_messages
from netweave.io.linkedin_rows import (
    ExportUser,
    Rows,
    Skip,
    has_columns,
    participant_key,
    participant_ref,
    row_digest,
    skip_row,
)
from netweave.io.linkedin_values import (
    birthday_cell,
    date_cell,
    datetime_cell,
    url_key,
    websites,
)
from netweave.io.records import FormatError, InteractionRecord, Labeled, PersonRecord, Record, place
from netweave.io.text import Row, cells_of, column_index, csv_rows, find_header_of_any
from netweave.logic.export_order import ExportAge
from netweave.logic.normalize import clean, full_name

_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError)


def read_linkedin(
    path: Path,
    me: str | None = None,
    errors: list[FormatError] | None = None,
    on_skip: Skip | None = None,
    on_profile: Callable[[str], None] | None = None,
) -> Iterator[Record]:
    """The records of a LinkedIn export: the user and their schools (Education.csv),
    connections, invitations, then messages.

    ``path`` is the downloaded .zip, the unzipped folder, or one CSV file of the export
    (Connections.csv, messages.csv, Profile.csv or Invitations.csv, told apart by name; a
    browser's second download such as ``Connections (1).csv`` too; a CSV file under another
    name, such as ``my_connections.csv``, by its header row).
    The user's own messages are recognized by the name in Profile.csv (and the profile URL
    outgoing invitations reveal); without Profile.csv, ``me`` (the user's name or LinkedIn
    profile URL) does it. Everything is streamed: no file is read whole into memory.

    A row that cannot become a record (a bad date, an unknown direction) raises
    ``FormatError`` naming its file and line, unless ``errors`` is given: then the error is
    appended to it and reading goes on with the next row. A file that cannot be read at all
    (not an export, no header, not text, damaged) always raises. A connection LinkedIn
    gives no name (a member who hides it from exports) is passed over and told to
    ``on_skip``. The user's own profile URL, which Profile.csv lacks, when the export
    named the user and their messages or the invitations they sent tell it, is told to
    ``on_profile`` once every record is read.
    """
    user = ExportUser.of(me)
    yield from _records(path, user, Rows(errors, on_skip))
    if on_profile is not None and user.profiled and user.profile:
        on_profile(user.profile)


def latest_connection(path: Path, today: dt.date) -> dt.date | None:
    """The latest "Connected On" day among an export's connections (up to ``today``: a day
    after it is a clock's mistake), or ``None`` when it has none (no Connections.csv).

    An export holds every connection made before it was made, so it was made on that day or
    later: of two exports, the one whose latest connection is earlier is the older.
    """
    return connections_age(path, today).latest


def connected_profiles(path: Path) -> set[str]:
    """The profile URLs (as ``url_key`` compares them) of an export's connections: only
    Connections.csv is read, bad rows passed over; a file that cannot be read gives none
    (reading the export says what is wrong with it)."""
    found: set[str] = set()
    rows = Rows(_Unkept(), kinds=("connections.csv",))
    try:
        for record in _records(path, ExportUser(), rows):
            if isinstance(record, PersonRecord) and record.linkedin:
                found.add(url_key(record.linkedin))
    except (FormatError, OSError, UnicodeError, ValueError, *_ZIP_ERRORS):
        return set()
    return found


def connections_age(path: Path, today: dt.date) -> ExportAge:
    """How old an export is by its connections: the latest "Connected On" day (up to
    ``today``) and how many were made that day (``logic.export_order``). Only
    Connections.csv is read; bad rows are passed over, and a file that cannot be read
    tells nothing (reading the export says what is wrong with it)."""
    age = ExportAge()
    rows = Rows(_Unkept(), kinds=("connections.csv",))
    try:
        for record in _records(path, ExportUser(), rows):
            day = record.first_known if isinstance(record, PersonRecord) else None
            if day is not None and day <= today:
                age = age.saw(day)
    except (FormatError, OSError, UnicodeError, ValueError, *_ZIP_ERRORS):
        return ExportAge()  # reading the export says what is wrong with it
    return age


class _Unkept(list[FormatError]):
    """Problems passed over and not kept."""

    def append(self, problem: FormatError) -> None:
        pass


def _records(path: Path, user: ExportUser, rows: Rows) -> Iterator[Record]:
    """The records of the export at ``path`` (see ``read_linkedin``), of the files of
    ``rows.kinds``."""
    if not path.exists():
        raise FormatError(str(path), "no such file or directory")
    if path.is_dir():
        yield from _read_folder(path, user, rows)
    elif path.suffix.lower() == ".zip":
        yield from _read_zip(path, user, rows)
    elif kind := export_kind(path.name):
        yield from _read_file(kind, str(path), file_opener(path), user, rows)
    elif zipfile.is_zipfile(path):
        yield from _read_zip(path, user, rows)
    elif path.suffix.lower() == ".csv" and (kind := kind_by_header(path)):
        yield from _read_file(kind, str(path), file_opener(path), user, rows)
    elif blank_file(path):
        raise FormatError(str(path), "empty file")
    else:
        expected = f"the export .zip, its folder, or {EXPECTED}"
        if path.suffix.lower() == ".csv":
            expected += " (a CSV file renamed is recognized by its header row, found in none here)"
        raise FormatError(str(path), f"not a LinkedIn export: expected {expected}")


def _read_folder(folder: Path, user: ExportUser, rows: Rows) -> Iterator[Record]:
    found = export_files(folder)
    if not found:  # unzipped into a folder of its own, one level down
        inner = [d for d in sorted(folder.iterdir()) if d.is_dir() and not d.name.startswith(".")]
        holding = {d.name: files for d in inner if (files := export_files(d))}
        if len(holding) > 1:
            names = ", ".join(holding)
            raise FormatError(str(folder), f"its folders hold several exports ({names}): "
                              "import one of them")  # fmt: skip
        found = next(iter(holding.values()), {})
    if not found:
        raise FormatError(str(folder), f"no LinkedIn export files ({EXPECTED}) in this folder")
    for kind in FILES:
        if kind in found:
            yield from _read_file(kind, str(found[kind]), file_opener(found[kind]), user, rows)


def _read_zip(path: Path, user: ExportUser, rows: Rows) -> Iterator[Record]:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise FormatError(str(path), "not a readable zip archive (truncated or damaged)") from None
    with archive:
        members = zip_members(archive, str(path))
        if not members:
            raise FormatError(str(path), f"no LinkedIn export files ({EXPECTED}) in the archive")
        for kind, info in members:
            label = f"{path}/{info.filename}"
            if info.flag_bits & 0x1:
                raise FormatError(label, "encrypted zip member")
            try:
                yield from _read_file(kind, label, member_opener(archive, info), user, rows)
            except _ZIP_ERRORS as exc:
                raise FormatError(label, f"damaged zip member ({exc})") from None


#: Why a connection without a name is passed over.
_NAMELESS = "a connection without a name (a member who hides it from exports): skipped"


def _read_file(
    kind: str, name: str, opener: Opener, user: ExportUser, rows: Rows
) -> Iterator[Record]:
    if kind not in rows.kinds:
        return
    readers = {
        "profile.csv": _profile,
        "education.csv": read_education,
        "invitations.csv": _invitations,
    }
    with open_text_stream(opener, name) as stream:
        if kind == "connections.csv":
            yield from _connections(stream, name, rows)
        elif kind == "messages.csv":
            yield from read_messages(stream, name, user, rows)
        else:
            yield from readers[kind](stream, name, user, rows.errors)


def _profile(
    stream: TextIO, name: str, user: ExportUser, errors: list[FormatError] | None
) -> Iterator[Record]:
    """The user's record from the first row of Profile.csv; the headline becomes the title.

    Profile.csv has no current position (Positions.csv does), so the headline is the best
    title it offers; the summary becomes the notes and "Geo Location" the location. A row
    skipped for a bad value still tells the user's name, so their messages are told apart.
    """
    line, header, sep = find_header_of_any(
        stream, name, has_columns("first name", "last name"), "First Name, …"
    )
    columns = column_index(header)
    for number, cells in csv_rows(
        stream, name, line, sep, errors=errors, width=len(header), every_cell=True
    ):
        row = Row(columns, cells)
        first, last = clean(row.get("first name")), clean(row.get("last name"))
        if not first and not last:
            continue
        user.add(name=full_name(first, last), url=row.get("profile url"))
        user.profiled = True
        try:
            birthday = birthday_cell(row.get("birth date"), name, number)
        except FormatError as problem:
            skip_row(problem, errors)
            return
        yield PersonRecord(
            name=full_name(first, last),
            line=number,
            given_name=first or None,
            family_name=last or None,
            urls=websites(row.get("websites")),
            title=clean(row.get("headline")) or None,
            location=place(row.get("geo location")),
            birthday=birthday,
            notes=row.get("summary") or None,
            is_me=True,
        )
        return


def _connections(stream: TextIO, name: str, rows: Rows) -> Iterator[Record]:
    """Connections.csv after its "Notes:" preamble; rows without any name (members who hide
    it from exports) are skipped, and told to ``rows.on_skip``."""
    errors = rows.errors
    line, header, sep = find_header_of_any(
        stream, name, _starts_with_first_name, "First Name, Last Name, …"
    )
    read = cells_of(column_index(header), _CONNECTION_COLUMNS)
    for number, cells in csv_rows(
        stream, name, line, sep, errors=errors, width=len(header), every_cell=True
    ):
        first, last, email, url, company, position, connected = map(clean, read(cells))
        if not first and not last:
            if rows.on_skip is not None:
                rows.on_skip(FormatError(name, _NAMELESS, number))
            continue
        try:
            first_known = date_cell(connected, name, number)
        except FormatError as problem:
            skip_row(problem, errors)
            continue
        yield PersonRecord(
            name=full_name(first, last),
            line=number,
            given_name=first or None,
            family_name=last or None,
            emails=[Labeled(email)] if email else [],
            linkedin=url or None,
            organization=company or None,
            title=position or None,
            first_known=first_known,
        )


_CONNECTION_COLUMNS = ("first name", "last name", "email address", "url", "company", "position",
                       "connected on")  # fmt: skip


def _starts_with_first_name(cells: list[str]) -> bool:
    return bool(cells) and cells[0].replace("\ufeff", "").strip().lower() == "first name"


def _invitations(
    stream: TextIO, name: str, user: ExportUser, errors: list[FormatError] | None
) -> Iterator[Record]:
    """Connection requests both ways; an outgoing one also tells the user's profile URL."""
    line, header, sep = find_header_of_any(
        stream, name, has_columns("from", "to", "sent at"), "From, To, Sent At, …"
    )
    columns = column_index(header)
    for number, cells in csv_rows(
        stream, name, line, sep, errors=errors, width=len(header), every_cell=True
    ):
        row = Row(columns, cells)
        marker = row.get("direction").upper()
        try:
            if marker not in ("INCOMING", "OUTGOING"):
                wanted = f"Direction must be INCOMING or OUTGOING, not {marker!r}"
                raise FormatError(name, wanted, number)
            occurred_at = datetime_cell(row.get("sent at"), name, number)
        except FormatError as problem:
            skip_row(problem, errors)
            continue
        inviter = participant_ref(row.get("from"), row.get("inviterprofileurl"))
        invitee = participant_ref(row.get("to"), row.get("inviteeprofileurl"))
        outgoing = marker == "OUTGOING"
        mine, other = (inviter, invitee) if outgoing else (invitee, inviter)
        user.add(name=mine.name, url=mine.linkedin)
        message = row.get("message")
        yield InteractionRecord(
            external_id="linkedin:inv:"
            + row_digest(participant_key(inviter), participant_key(invitee), row.get("sent at")),
            occurred_at=occurred_at,
            kind="message",
            direction="out" if outgoing else "in",
            participants=[other],
            line=number,
            summary="connection request" + (f": {message}" if message else ""),
            makes_people=outgoing,
        )
