"""Reader of LinkedIn data exports: the downloaded .zip, its folder, or one of its CSV files."""

from __future__ import annotations

import codecs
import datetime as dt
import functools
import hashlib
import html
import io
import re
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TextIO

from netweave.errors import InvalidInput
from netweave.io.encoding import CHUNK, open_text_stream
from netweave.io.linkedin_senders import not_from_a_person, people_in
from netweave.io.mail_body import html_text
from netweave.io.records import (
    FormatError,
    InteractionRecord,
    Labeled,
    ParticipantRef,
    PersonRecord,
    Record,
    place,
)
from netweave.io.text import (
    HEADER_LINES,
    Row,
    cells_of,
    column_index,
    csv_rows,
    date_parts,
    export_birthday,
    find_header_of_any,
    split_line,
)
from netweave.logic.export_order import ExportAge
from netweave.logic.normalize import (
    clean,
    fold,
    full_name,
    is_name_suffix,
    normalize_linkedin,
    written_name,
)

#: The files read (lower-cased), in the order they are read.
FILES = ("profile.csv", "connections.csv", "invitations.csv", "messages.csv")
_EXPECTED = "Connections.csv, messages.csv, Profile.csv or Invitations.csv"
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError)
_US_TIMES = ("%m/%d/%y, %I:%M %p", "%m/%d/%Y, %I:%M %p", "%m/%d/%y %I:%M %p", "%m/%d/%Y %I:%M %p")
_WEBSITE = re.compile(r"^([A-Z][A-Z_]*):(.+)$")
# An export file's name, also as a browser saves a second download: "Connections (1).csv".
_FILE_NAME = re.compile(r"^(profile|connections|invitations|messages)(?: ?\(\d+\))?\.csv$", re.I)

Opener = Callable[[], IO[bytes]]


@dataclass
class _Me:
    """What identifies the user in an export: folded names and profile-URL keys."""

    names: set[str] = field(default_factory=set)
    urls: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, me: str | None) -> _Me:
        """From the ``me`` argument: a profile URL, or a name (an email address is ignored)."""
        user = cls()
        if me and ("linkedin.com" in me.lower() or "://" in me):
            user.add(url=me)
        elif me and "@" not in me:
            user.add(name=me)
        return user

    def add(self, name: str | None = None, url: str | None = None) -> None:
        if name and clean(name):
            self.names.add(fold(written_name(name)))
        if url and clean(url):
            self.urls.add(_url_key(url))

    def known(self) -> bool:
        return bool(self.names or self.urls)

    def learn(self, *people: ParticipantRef) -> None:
        """Take the profile URL of someone of the user's name as the user's (Profile.csv
        has no URL): messages that give the user's URL without a name (a group's, whose
        names could not be paired with their URLs) then know it as the user's."""
        if self.urls:
            return  # known already: a namesake's profile is not the user's
        for person in people:
            if person.linkedin and person.name and fold(written_name(person.name)) in self.names:
                self.add(url=person.linkedin)
                return

    def matches(self, person: ParticipantRef) -> bool:
        """The person is the user, by profile URL or by name."""
        by_url = person.linkedin is not None and _url_key(person.linkedin) in self.urls
        return by_url or (person.name is not None and fold(written_name(person.name)) in self.names)


def read_linkedin(
    path: Path,
    me: str | None = None,
    errors: list[FormatError] | None = None,
    on_skip: Skip | None = None,
) -> Iterator[Record]:
    """The records of a LinkedIn export: the user, connections, invitations, then messages.

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
    ``on_skip``.
    """
    yield from _records(path, _Me.of(me), _Rows(errors, on_skip))


def latest_connection(path: Path, today: dt.date) -> dt.date | None:
    """The latest "Connected On" day among an export's connections (up to ``today``: a day
    after it is a clock's mistake), or ``None`` when it has none (no Connections.csv).

    An export holds every connection made before it was made, so it was made on that day or
    later: of two exports, the one whose latest connection is earlier is the older.
    """
    return connections_age(path, today).latest


def connections_age(path: Path, today: dt.date) -> ExportAge:
    """How old an export is by its connections: the latest "Connected On" day (up to
    ``today``) and how many were made that day (``logic.export_order``). Only
    Connections.csv is read; bad rows are passed over, and a file that cannot be read
    tells nothing (reading the export says what is wrong with it)."""
    age = ExportAge()
    rows = _Rows(_Unkept(), kinds=("connections.csv",))
    try:
        for record in _records(path, _Me(), rows):
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


def _records(path: Path, user: _Me, rows: _Rows) -> Iterator[Record]:
    """The records of the export at ``path`` (see ``read_linkedin``), of the files of
    ``rows.kinds``."""
    if not path.exists():
        raise FormatError(str(path), "no such file or directory")
    if path.is_dir():
        yield from _read_folder(path, user, rows)
    elif path.suffix.lower() == ".zip":
        yield from _read_zip(path, user, rows)
    elif kind := _kind(path.name):
        yield from _read_file(kind, str(path), _file_opener(path), user, rows)
    elif zipfile.is_zipfile(path):
        yield from _read_zip(path, user, rows)
    elif path.suffix.lower() == ".csv" and (kind := _kind_by_header(path)):
        yield from _read_file(kind, str(path), _file_opener(path), user, rows)
    elif _empty(path):
        raise FormatError(str(path), "empty file")
    else:
        expected = f"the export .zip, its folder, or {_EXPECTED}"
        if path.suffix.lower() == ".csv":
            expected += " (a CSV file renamed is recognized by its header row, found in none here)"
        raise FormatError(str(path), f"not a LinkedIn export: expected {expected}")


def _empty(path: Path) -> bool:
    """Whether a file holds nothing but white space (and a byte-order mark)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False  # reading the file says what is wrong
    return len(head) < 4096 and not head.removeprefix(b"\xef\xbb\xbf").strip()


def _kind(file_name: str) -> str | None:
    """Which export file a name is (``connections.csv`` …), or ``None``.

    ``Connections.csv``, ``connections (1).csv`` and ``Connections(2).csv`` are all
    ``connections.csv``.
    """
    match = _FILE_NAME.match(file_name)
    return f"{match[1].lower()}.csv" if match else None


#: The header row of each export file, by the columns that tell it from the others.
_HEADERS = (
    ("connections.csv", ("first name", "last name", "connected on")),
    ("profile.csv", ("first name", "last name", "headline")),
    ("invitations.csv", ("from", "to", "sent at", "direction")),
    ("messages.csv", ("from", "to", "date")),
)


def _kind_by_header(path: Path) -> str | None:
    """Which export file a CSV under another name is, told by its header row (after any
    preamble, as Connections.csv has), or ``None`` (for a file that is not text too).

    A file whose encoding is refused (UTF-8 with a stray byte, an unknown code page) is
    told by its header's bytes, read as UTF-8 as far as they are: reading it then says
    what is wrong with its text, not that it is no export."""
    try:
        with open_text_stream(_file_opener(path), str(path)) as stream:
            return _header_kind(stream)
    except FormatError:
        pass
    try:
        with path.open("rb") as raw:
            head = raw.read(CHUNK)
    except OSError:
        return None
    utf16 = head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    text = head.decode("utf-16" if utf16 else "utf-8-sig", errors="replace")
    return _header_kind(io.StringIO(text, newline=""))


def _header_kind(lines: Iterable[str]) -> str | None:
    for number, line in enumerate(lines, 1):
        cells = set().union(*(_lower(split_line(line, sep)) for sep in ",;\t"))
        for kind, columns in _HEADERS:
            if set(columns) <= cells:
                return kind
        if number >= HEADER_LINES:
            break
    return None


def _preference(file_name: str) -> tuple[bool, str]:
    """Which of several copies of one export file is read: the exact name, else the first."""
    return (file_name.lower() not in FILES, file_name)


def _export_files(folder: Path) -> dict[str, Path]:
    """The export files directly in ``folder``, by kind (one copy of each)."""
    found: dict[str, Path] = {}
    for child in sorted(folder.iterdir()):
        kind = _kind(child.name)
        if kind is not None and not (child.is_file() or child.is_dir()):
            raise FormatError(str(child), "not a file (a pipe or a device)")
        if kind is None or not child.is_file():
            continue
        if kind not in found or _preference(child.name) < _preference(found[kind].name):
            found[kind] = child
    return found


def _read_folder(folder: Path, user: _Me, rows: _Rows) -> Iterator[Record]:
    found = _export_files(folder)
    if not found:  # unzipped into a folder of its own, one level down
        inner = [d for d in sorted(folder.iterdir()) if d.is_dir() and not d.name.startswith(".")]
        holding = {d.name: files for d in inner if (files := _export_files(d))}
        if len(holding) > 1:
            names = ", ".join(holding)
            raise FormatError(str(folder), f"its folders hold several exports ({names}): "
                              "import one of them")  # fmt: skip
        found = next(iter(holding.values()), {})
    if not found:
        raise FormatError(str(folder), f"no LinkedIn export files ({_EXPECTED}) in this folder")
    for kind in FILES:
        if kind in found:
            yield from _read_file(kind, str(found[kind]), _file_opener(found[kind]), user, rows)


def _read_zip(path: Path, user: _Me, rows: _Rows) -> Iterator[Record]:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise FormatError(str(path), "not a readable zip archive (truncated or damaged)") from None
    with archive:
        members = _zip_members(archive, str(path))
        if not members:
            raise FormatError(str(path), f"no LinkedIn export files ({_EXPECTED}) in the archive")
        for kind, info in members:
            label = f"{path}/{info.filename}"
            if info.flag_bits & 0x1:
                raise FormatError(label, "encrypted zip member")
            try:
                yield from _read_file(kind, label, _member_opener(archive, info), user, rows)
            except _ZIP_ERRORS as exc:
                raise FormatError(label, f"damaged zip member ({exc})") from None


def _file_opener(file: Path) -> Opener:
    return lambda: file.open("rb")


def _member_opener(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Opener:
    return lambda: archive.open(info)


def _zip_members(archive: zipfile.ZipFile, name: str) -> list[tuple[str, zipfile.ZipInfo]]:
    """The export files in the archive, in reading order; the least nested copy of each
    (and of copies side by side, the exact name, else the first by name). An archive
    holding two exports (in two folders side by side, or one file twice) is refused, as a
    folder holding two is: which one is meant cannot be told."""
    found: dict[str, zipfile.ZipInfo] = {}
    seen: dict[tuple[str, int], set[str]] = {}
    for info in archive.infolist():
        kind = _kind(info.filename.rsplit("/", 1)[-1])
        if kind is not None and not info.is_dir():
            places = seen.setdefault((kind, info.filename.count("/")), set())
            if info.filename in places:
                raise FormatError(name, f"the archive holds {info.filename} twice: which one "
                                  "is meant cannot be told")  # fmt: skip
            places.add(info.filename)
    for kind in {k for k, _ in seen}:
        places = seen[kind, min(d for k, d in seen if k == kind)]
        folders = sorted({p.rsplit("/", 1)[0] + "/" if "/" in p else "./" for p in places})
        if len(folders) > 1:
            raise FormatError(name, f"the archive holds several exports ({', '.join(folders)}): "
                              "import one of them")  # fmt: skip

    def rank(info: zipfile.ZipInfo) -> tuple[int, tuple[bool, str]]:
        return info.filename.count("/"), _preference(info.filename.rsplit("/", 1)[-1])

    for info in archive.infolist():
        kind = _kind(info.filename.rsplit("/", 1)[-1])
        if info.is_dir() or kind is None:
            continue
        if kind not in found or rank(info) < rank(found[kind]):
            found[kind] = info
    return [(kind, found[kind]) for kind in FILES if kind in found]


#: Why a connection without a name is passed over.
_NAMELESS = "a connection without a name (a member who hides it from exports): skipped"
#: Told of a row passed over by rule.
Skip = Callable[[FormatError], None]


@dataclass
class _Rows:
    """Where the rows passed over go: bad ones to ``errors`` (else they raise), rows skipped
    by rule to ``on_skip``."""

    errors: list[FormatError] | None
    on_skip: Skip | None = None
    #: The export files read (all, unless only some are wanted).
    kinds: tuple[str, ...] = FILES


def _read_file(kind: str, name: str, opener: Opener, user: _Me, rows: _Rows) -> Iterator[Record]:
    if kind not in rows.kinds:
        return
    readers = {
        "profile.csv": _profile,
        "invitations.csv": _invitations,
    }
    with open_text_stream(opener, name) as stream:
        if kind == "connections.csv":
            yield from _connections(stream, name, rows)
        elif kind == "messages.csv":
            yield from _messages(stream, name, user, rows)
        else:
            yield from readers[kind](stream, name, user, rows.errors)


class _FileProblem(FormatError):
    """A problem found at a row that is the whole file's (or the caller's): never skipped."""


def _skip(problem: FormatError, errors: list[FormatError] | None) -> None:
    """Keep the problem of one row in ``errors`` (the row is then skipped), or raise it."""
    if errors is None or isinstance(problem, _FileProblem):
        raise problem
    errors.append(problem)


def _lower(cells: list[str]) -> set[str]:
    return {cell.replace("\ufeff", "").strip().lower() for cell in cells}


def _profile(
    stream: TextIO, name: str, user: _Me, errors: list[FormatError] | None
) -> Iterator[Record]:
    """The user's record from the first row of Profile.csv; the headline becomes the title.

    Profile.csv has no current position (Positions.csv does), so the headline is the best
    title it offers; the summary becomes the notes and "Geo Location" the location. A row
    skipped for a bad value still tells the user's name, so their messages are told apart.
    """
    line, header, sep = find_header_of_any(
        stream, name, _has("first name", "last name"), "First Name, …"
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
        try:
            birthday = _birthday(row.get("birth date"), name, number)
        except FormatError as problem:
            _skip(problem, errors)
            return
        yield PersonRecord(
            name=full_name(first, last),
            line=number,
            given_name=first or None,
            family_name=last or None,
            urls=_websites(row.get("websites")),
            title=clean(row.get("headline")) or None,
            location=place(row.get("geo location")),
            birthday=birthday,
            notes=row.get("summary") or None,
            is_me=True,
        )
        return


def _has(*names: str) -> Callable[[list[str]], bool]:
    return lambda cells: set(names) <= _lower(cells)


def _websites(value: str) -> list[Labeled]:
    """``[PORTFOLIO:https://a.example,COMPANY:https://b.example]`` → labeled URLs."""
    inner = value.strip().removeprefix("[").removesuffix("]")
    urls = []
    for part in re.split(r",(?=[A-Z][A-Z_]*:)", inner):
        match = _WEBSITE.match(part.strip())
        url, label = (match.group(2), match.group(1).lower()) if match else (part, None)
        if clean(url):
            urls.append(Labeled(clean(url), label))
    return urls


def _connections(stream: TextIO, name: str, rows: _Rows) -> Iterator[Record]:
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
            first_known = _date(connected, name, number)
        except FormatError as problem:
            _skip(problem, errors)
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
    stream: TextIO, name: str, user: _Me, errors: list[FormatError] | None
) -> Iterator[Record]:
    """Connection requests both ways; an outgoing one also tells the user's profile URL."""
    line, header, sep = find_header_of_any(
        stream, name, _has("from", "to", "sent at"), "From, To, Sent At, …"
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
            occurred_at = _datetime(row.get("sent at"), name, number)
        except FormatError as problem:
            _skip(problem, errors)
            continue
        inviter = _ref(row.get("from"), row.get("inviterprofileurl"))
        invitee = _ref(row.get("to"), row.get("inviteeprofileurl"))
        outgoing = marker == "OUTGOING"
        mine, other = (inviter, invitee) if outgoing else (invitee, inviter)
        user.add(name=mine.name, url=mine.linkedin)
        message = row.get("message")
        yield InteractionRecord(
            external_id="linkedin:inv:" + _digest(_who(inviter), _who(invitee), row.get("sent at")),
            occurred_at=occurred_at,
            kind="message",
            direction="out" if outgoing else "in",
            participants=[other],
            line=number,
            summary="connection request" + (f": {message}" if message else ""),
            makes_people=outgoing,
        )


def _ref(name: str, url: str) -> ParticipantRef:
    return ParticipantRef(name=written_name(name) or None, linkedin=clean(url) or None)


def _who(person: ParticipantRef) -> str:
    return person.linkedin or person.name or ""


def _messages(stream: TextIO, name: str, user: _Me, rows: _Rows) -> Iterator[Record]:
    """Each message of messages.csv, whatever the year's column layout; drafts are skipped,
    and so are messages from or with no person (``linkedin_senders``), told to
    ``rows.on_skip``."""
    errors = rows.errors
    line, header, sep = find_header_of_any(stream, name, _has("from", "date"), "FROM, DATE, …")
    columns = column_index(header)
    ids = _MessageIds()
    for number, cells in csv_rows(
        stream, name, line, sep, errors=errors, width=len(header), every_cell=True
    ):
        row = Row(columns, cells)
        if row.get("is message draft").lower() in ("yes", "true"):
            _passed_over(rows, name, _DRAFT, number)
            continue
        sender = _ref(row.get("from"), row.get("sender profile url"))
        why = not_from_a_person(row.get("folder"), row.get("conversation title"), sender)
        if why is not None:
            _passed_over(rows, name, why, number)
            continue
        recipients = _recipients(row.get("to"), row.get("recipient profile urls"))
        user.learn(sender, *recipients)
        try:
            direction = _direction(row, sender, user, name, number)
            occurred_at = _datetime(row.get("date"), name, number)
        except FormatError as problem:
            _skip(problem, errors)
            continue
        if user.known():
            others = [p for p in (sender, *recipients) if not user.matches(p)]
        else:
            others = recipients if direction == "out" else [sender]
        others, why = people_in(others, sender)
        if why is not None:
            _passed_over(rows, name, why, number)
            continue
        conversation = clean(row.get("conversation id")) or None
        thread = conversation or f"{row.get('to')}\x1f{row.get('subject')}"
        # whether the user is in it, when they are known (a --me that names nobody: none is)
        names_me = None
        if user.known():
            names_me = direction == "out" or any(user.matches(p) for p in (sender, *recipients))
        yield InteractionRecord(
            external_id="linkedin:msg:" + ids.next(thread, row.get("date"), _who(sender)),
            occurred_at=occurred_at,
            kind="message",
            direction=direction,
            participants=others,
            line=number,
            summary="\n\n".join(p for p in (row.get("subject"), _text(row.get("content"))) if p)
            or None,
            thread_id=conversation,
            names_me=names_me,
        )


#: Why a draft (IS MESSAGE DRAFT: Yes) is no conversation.
_DRAFT = "a draft, never sent: skipped"
#: A tag or a character reference: the markup LinkedIn keeps some messages in (InMail, and
#: messages written with formatting).
#: (Tags of HTML only: "press <Enter>" in a plain message is no markup.)
_TAG = re.compile(
    r"</?(?:a|b|i|u|p|br|hr|div|span|em|strong|small|sub|sup|code|ul|ol|li|blockquote|pre"
    r"|h[1-6]|table|thead|tbody|tr|td|th|font|img)(?:\s[^<>]*)?/?>",
    re.I,
)
_MARKUP = re.compile(rf"{_TAG.pattern}|&(?:#\d+|#x[0-9a-f]+|[a-z]+\d*);", re.I)


def _text(content: str) -> str:
    """A message's CONTENT as plain text: markup read as the text it shows (tags gone, a
    line for each paragraph or line break, the line breaks written kept), entities
    decoded; plain text as it is."""
    if not _MARKUP.search(content):
        return content
    if not _TAG.search(content):
        return html.unescape(content)
    return html_text(re.sub(r"\r?\n", "<br>", content)).strip()


def _passed_over(rows: _Rows, name: str, why: str, line: int) -> None:
    if rows.on_skip is not None:
        rows.on_skip(FormatError(name, why, line))


def _direction(row: Row, sender: ParticipantRef, user: _Me, name: str, line: int) -> str:
    """From an explicit DIRECTION or SENT folder, else by whether the user sent it."""
    marker = row.get("direction").upper()
    if marker in ("OUTGOING", "SENT"):
        return "out"
    if marker in ("INCOMING", "RECEIVED"):
        return "in"
    if row.get("folder").upper() == "SENT":
        return "out"
    if not user.known():
        raise _FileProblem(
            name,
            "cannot tell which messages are yours: read the whole export (with Profile.csv) "
            "or give your name or LinkedIn profile URL with --me",
            line,
            web="cannot tell which messages are yours: upload the whole export (with "
            "Profile.csv) or give your name or LinkedIn profile URL in “Your address”",
        )
    return "out" if user.matches(sender) else "in"


def _recipients(names: str, urls: str) -> list[ParticipantRef]:
    """TO names paired with RECIPIENT PROFILE URLS when the counts agree. The names are
    separated by commas, as are a name and its suffix ("Ada Lovelace, PhD"): one of those
    stays with the name before it."""
    links = [u for u in re.split(r"[;,\s]+", urls) if u]
    parts: list[str] = []
    for part in (clean(n) for n in names.split(",")):
        if parts and is_name_suffix(part):
            parts[-1] = f"{parts[-1]}, {part}"
        elif part:
            parts.append(part)
    parts = [written_name(n) for n in parts]
    if len(links) == len(parts):
        return [ParticipantRef(name=n, linkedin=u) for n, u in zip(parts, links, strict=True)]
    if not links:
        return [ParticipantRef(name=n) for n in parts]
    if len(links) == 1:
        return [ParticipantRef(name=written_name(names) or None, linkedin=links[0])]
    return [ParticipantRef(linkedin=u) for u in links]


class _MessageIds:
    """Stable ids: a hash of thread, date and sender, numbered if one repeats in a thread.

    Only the current thread's ids are kept (the export lists a conversation's messages
    together), so memory does not grow with the file.
    """

    def __init__(self) -> None:
        self.thread: str | None = None
        self.seen: dict[str, int] = {}

    def next(self, thread: str, date: str, sender: str) -> str:
        if thread != self.thread:
            self.thread, self.seen = thread, {}
        digest = _digest(thread, date, sender)
        count = self.seen[digest] = self.seen.get(digest, 0) + 1
        return digest if count == 1 else f"{digest}-{count}"


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:24]


def _url_key(url: str) -> str:
    try:
        return normalize_linkedin(url)
    except InvalidInput:
        return clean(url).lower().rstrip("/")


def _date(value: str, name: str, line: int) -> dt.date | None:
    """A full date (``Connected On``); empty → ``None``; anything else → ``FormatError``."""
    if not value.strip():
        return None
    found = _full_date(value)
    if found is None:
        raise FormatError(name, f"not a date: {value!r}", line)
    return found


@functools.lru_cache(maxsize=4096)
def _full_date(value: str) -> dt.date | None:
    """The date a cell spells with day, month and year (a few thousand distinct in an export)."""
    parts = date_parts(value)
    try:
        if parts is None or parts[0] is None:
            return None
        year = parts[0] + 2000 if parts[0] < 100 else parts[0]
        return dt.date(year, parts[1], parts[2])
    except ValueError:
        return None


def _birthday(value: str, name: str, line: int) -> str | None:
    """The user's birth date (``Mar 5``, ``Mar 5, 1990``) in ``logic.parse`` form."""
    try:
        return export_birthday(value)
    except InvalidInput as exc:
        raise FormatError(name, str(exc), line) from None


def _datetime(value: str, name: str, line: int) -> dt.datetime:
    """A UTC time from ``2024-03-01 10:15:02 UTC`` or ``1/29/26, 2:37 PM`` (taken as UTC).

    ``clean`` also turns the narrow no-break space some exports put before AM/PM into a space.
    """
    text = clean(value)
    if text.endswith((" UTC", " GMT")):
        text = text[:-4] + "+00:00"
    parsed: dt.datetime | None = None
    try:
        parsed = dt.datetime.fromisoformat(text) if text[:4].isdigit() else None
    except ValueError:
        parsed = None
    for pattern in _US_TIMES:
        if parsed is not None:
            break
        try:
            parsed = dt.datetime.strptime(text, pattern)
        except ValueError:
            continue
    if parsed is None:
        raise FormatError(name, f"not a date and time: {value!r}", line)
    return parsed.astimezone(dt.UTC) if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)
