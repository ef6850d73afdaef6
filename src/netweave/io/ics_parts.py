"""A calendar file cut into small calendars of whole UIDs' events, read from the disk a
little at a time: memory holds one part's text and a few numbers per event, not the file.

The file is read twice, a megabyte at a time. The first pass finds where each component
begins and ends (by its BEGIN and END lines), each event's UID and line, and where the
calendar's own properties and time zones are; it keeps only those offsets. The second
reads back, for each part, the calendar's properties, all of its time zones (wherever
they stand: before or, rarely, after the events that use them) and a few hundred
kilobytes of events, an event always with the others of its UID (a recurring event and
the instances that move or change it, wherever the file has them).
"""

from __future__ import annotations

import codecs
import re
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import BinaryIO

from netweave.io.ics_lines import EventLines
from netweave.io.records import FormatError

#: How much of the file is read at once (whole lines: a line longer is read whole).
_READ_BYTES = 1 << 20

#: A line that begins or ends a component, or an event's UID with the lines folded into
#: it; the first line may start with a UTF-8 byte-order mark, which Windows tools write.
_MARK = re.compile(
    rb"(?im)^(?:\xef\xbb\xbf)?(?:(?P<edge>BEGIN|END):(?P<kind>[A-Z0-9-]+)[ \t]*\r?$"
    rb"|UID(?P<uid>[;:].*(?:\n[ \t].*)*))"
)
#: The UID line of an event's text, with its folds.
_UID = re.compile(rb"(?im)^UID([;:].*(?:\n[ \t].*)*)")


@dataclass
class Part:
    """A small calendar of whole UIDs' events, and where its events are in the file."""

    text: bytes
    #: Each event's own text and line, in the order ``text`` holds them.
    events: list[EventLines]
    #: The line of each UID's first event (``""``: that of the file's first empty UID).
    lines: dict[str, int]


@dataclass
class _Calendar:
    """Where a VCALENDAR's pieces are in the file: its own lines, its time zones, and its
    events (their beginnings, ends, first lines and UIDs' hashes, a few bytes each)."""

    head: list[tuple[int, int]] = field(default_factory=list)
    zones: list[tuple[int, int]] = field(default_factory=list)
    starts: array[int] = field(default_factory=lambda: array("q"))
    ends: array[int] = field(default_factory=lambda: array("q"))
    first_lines: array[int] = field(default_factory=lambda: array("q"))
    keys: array[int] = field(default_factory=lambda: array("q"))
    #: A component never closed: raised when the reading comes to this calendar.
    error: FormatError | None = None


@dataclass
class _Scan:
    """What the first pass found: the calendars, and what the envelope checks need."""

    name: str
    calendars: list[_Calendar] = field(default_factory=list)
    nul_line: int | None = None  # the line of the first NUL byte
    empty_uid_line: int | None = None  # the first event whose UID is empty
    # while scanning: the calendar and component open, and where
    calendar: _Calendar | None = None
    head_at: int = 0
    open_: list[bytes] = field(default_factory=list)
    begin: tuple[int, int] = (0, 0)  # the open component's offset and line
    uid: str | None = None  # the open event's UID, once its UID line is met


def calendar_parts(file: Path, name: str, part_bytes: int) -> Iterator[Part]:
    """The calendars of ``file`` (``name`` in messages) cut into parts of whole UIDs'
    events, about ``part_bytes`` of text each. What is not a whole iCalendar file (empty,
    another format, cut off, a NUL byte, a component never closed) raises ``FormatError``;
    the checks of the whole file come before any part."""
    try:
        with file.open("rb") as handle:
            _check_not_utf16(handle, name)
            lead, tail = _first_bytes(handle, 15), _last_bytes(handle, 13)
            handle.seek(0)
            scan = _scan(handle, name)
            _check_envelope(name, (lead, tail), scan.nul_line)
            for calendar in scan.calendars:
                if calendar.error is not None:
                    raise calendar.error
                yield from _calendar_parts(handle, calendar, scan.empty_uid_line, part_bytes)
    except OSError as exc:
        raise FormatError(name, f"cannot read the file: {exc.strerror or exc}") from exc
    if not scan.calendars:  # nothing read is not "no meetings": say so rather than import none
        raise FormatError(name, "not an iCalendar file (no BEGIN:VCALENDAR line found)")


def _check_envelope(name: str, ends: tuple[bytes, bytes], nul_line: int | None) -> None:
    """Refuse early what is not a whole iCalendar file (empty, another format, cut off),
    from its first and last bytes that are not blank, and the line of a NUL byte in it."""
    lead, tail = ends
    if not lead:
        raise FormatError(name, "not an iCalendar file (the file is empty)")
    if not lead.upper() == b"BEGIN:VCALENDAR":
        raise FormatError(name, "not an iCalendar file (no BEGIN:VCALENDAR at the start)", 1)
    if not tail.upper() == b"END:VCALENDAR":
        raise FormatError(name, "the file ends before END:VCALENDAR (cut off?)")
    if nul_line is not None:  # no text holds one, and PostgreSQL refuses it
        raise FormatError(name, "a NUL byte in the calendar (not text)", nul_line)


def _check_not_utf16(handle: BinaryIO, name: str) -> None:
    """Refuse a calendar saved as UTF-16 (a byte-order mark, or BEGIN:VCALENDAR with a NUL
    beside every letter), with what to do, as a vCard file is."""
    handle.seek(0)
    first = handle.read(64).split(b"\n", 1)[0]
    bare = first.replace(b"\x00", b"").strip().upper()
    utf16 = first.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if utf16 or (b"\x00" in first and bare == b"BEGIN:VCALENDAR"):
        raise FormatError(name, "UTF-16 text, not UTF-8: save the file as UTF-8", 1)


def _first_bytes(handle: BinaryIO, count: int) -> bytes:
    """The first ``count`` bytes of the file that are not blank (after a byte-order mark)."""
    handle.seek(0)
    kept = handle.read(4096).removeprefix(codecs.BOM_UTF8).lstrip()
    while len(kept) < count and (more := handle.read(4096)):
        kept = (kept + more).lstrip()
    return kept[:count]


def _last_bytes(handle: BinaryIO, count: int) -> bytes:
    """The last ``count`` bytes of the file that are not blank at its end."""
    end = handle.seek(0, 2)
    kept = b""
    while end > 0:
        start = max(0, end - 4096)
        handle.seek(start)
        kept = (handle.read(end - start) + kept).rstrip()
        if len(kept) >= count:
            break
        end = start
    return kept[-count:]


def _scan(handle: BinaryIO, name: str) -> _Scan:
    """The first pass: the file read a megabyte of whole lines at a time (a line and the
    lines folded into it are never cut), its components found by their BEGIN and END."""
    scan = _Scan(name)
    offset, line, carry = 0, 1, b""
    while True:
        chunk = handle.read(_READ_BYTES)
        text = carry + chunk
        if not chunk:  # the end: what is left is whole
            if text:
                _scan_text(scan, text, offset, line)
            break
        cut = _last_whole_line(text)
        if cut < 0:  # one line longer than what was read: read on
            carry = text
            continue
        whole, carry = text[:cut], text[cut:]
        line = _scan_text(scan, whole, offset, line)
        offset += cut
    if scan.calendar is not None:
        _end_calendar(scan)
    return scan


def _last_whole_line(text: bytes) -> int:
    """Where the text's last whole line ends (just after its line break, and the next line
    not folded into it), or -1; the text's very last byte is never taken as an end."""
    at = text.rfind(b"\n", 0, len(text) - 1)
    while at >= 0 and text[at + 1] in b" \t":
        at = text.rfind(b"\n", 0, at)
    return at + 1 if at >= 0 else -1


def _scan_text(scan: _Scan, text: bytes, offset: int, line: int) -> int:
    """Take in whole lines of the file, ``text`` beginning at ``offset`` on ``line``;
    return the line after them."""
    if scan.nul_line is None and (nul := text.find(b"\x00")) >= 0:
        scan.nul_line = line + text.count(b"\n", 0, nul)
    at, number = 0, line
    for mark in _MARK.finditer(text):
        number += text.count(b"\n", at, mark.start())
        at = mark.start()
        if mark["uid"] is not None:
            _take_uid(scan, mark["uid"], number)
        else:
            where = (offset + mark.start(), offset + mark.end() + 1, number)
            _take_edge(scan, mark["edge"].upper(), mark["kind"].upper(), where)
    return number + text.count(b"\n", at)


def _take_uid(scan: _Scan, value: bytes, line: int) -> None:
    """An event's UID line: its first at any depth of the event is its UID."""
    if scan.open_[:1] == [b"VEVENT"] and scan.uid is None:
        scan.uid = uid_value(value)
        if not scan.uid and scan.empty_uid_line is None:
            scan.empty_uid_line = scan.begin[1]


def _take_edge(scan: _Scan, edge: bytes, kind: bytes, where: tuple[int, int, int]) -> None:
    """A BEGIN or END line (at ``where``: its offset, the offset after it, its line)."""
    start, stop, line = where
    calendar = scan.calendar
    if calendar is None:  # between calendars, only a calendar's BEGIN counts
        if edge == b"BEGIN" and kind == b"VCALENDAR" and not _stopped(scan):
            scan.calendar = _Calendar()
            scan.calendars.append(scan.calendar)
            scan.head_at = stop  # the calendar's own lines start after its BEGIN line
        return
    if not scan.open_:  # the calendar's own level
        if edge == b"END" and kind == b"VCALENDAR":
            _own_lines(calendar, scan.head_at, start)
            scan.calendar = None
        elif edge == b"BEGIN":
            _own_lines(calendar, scan.head_at, start)
            scan.open_, scan.begin, scan.uid = [kind], (start, line), None
        # an END with no BEGIN at this level: left in the calendar's text; icalendar will say
        return
    if edge == b"BEGIN":
        scan.open_.append(kind)
    elif kind != scan.open_[-1]:  # an END of another component: the one open was never closed
        _never_closed(scan)
    else:
        scan.open_.pop()
        if not scan.open_:
            _end_component(scan, calendar, kind, stop)


def _own_lines(calendar: _Calendar, start: int, stop: int) -> None:
    """Lines of the calendar's own between ``start`` and ``stop`` (mostly none: events
    follow one another)."""
    if stop > start:
        calendar.head.append((start, stop))


def _end_component(scan: _Scan, calendar: _Calendar, kind: bytes, stop: int) -> None:
    """A component of the calendar's own level ends just before ``stop``: a time zone is
    kept for every part, an event indexed, anything else (a to-do) left out."""
    start, line = scan.begin
    if kind == b"VTIMEZONE":
        calendar.zones.append((start, stop))
    elif kind == b"VEVENT":
        calendar.starts.append(start)
        calendar.ends.append(stop)
        calendar.first_lines.append(line)
        # an event without UID is a group of its own; two UIDs of one hash share a part
        calendar.keys.append(hash(scan.uid) if scan.uid else hash((start,)))
    scan.head_at = stop


def _never_closed(scan: _Scan) -> None:
    """The component open at the calendar's level is not closed: the calendar fails when it
    is read; nothing after it is (but the file is still looked through for a NUL)."""
    what = scan.open_[0].decode("ascii", "replace")
    assert scan.calendar is not None
    line = scan.begin[1]
    scan.calendar.error = FormatError(scan.name, f"a {what} not closed by END:{what}", line)
    scan.calendar, scan.open_ = None, []


def _stopped(scan: _Scan) -> bool:
    """Whether a calendar before failed: what follows it is never read."""
    return any(calendar.error is not None for calendar in scan.calendars)


def _end_calendar(scan: _Scan) -> None:
    """The file ends inside a calendar: inside a component, that component is not closed;
    else the calendar is read as it is (its lines after its last component left out)."""
    if scan.open_:
        _never_closed(scan)
    scan.calendar = None


def uid_value(value: bytes) -> str:
    """A UID line's value (what follows ``UID`` on it, with its folds), as text."""
    first, *folded = value.split(b"\n")
    found = first.rstrip(b"\r").split(b":", 1)[-1] if b":" in first else b""
    found += b"".join(part.rstrip(b"\r")[1:] for part in folded)
    return found.decode("utf-8", "replace").strip()


def _calendar_parts(
    handle: BinaryIO, calendar: _Calendar, empty_uid_line: int | None, part_bytes: int
) -> Iterator[Part]:
    """The second pass over one calendar: its parts, each read back from the file."""
    own = b"".join(_read(handle, span) for span in calendar.head)
    zones = b"".join(_read(handle, span) for span in calendar.zones)
    starts, ends = calendar.starts, calendar.ends
    batch: list[int] = []
    size = 0
    for group in _groups(calendar.keys):  # a few hundred kilobytes at a time
        batch += group
        size += sum(ends[i] - starts[i] for i in group)
        if size >= part_bytes:
            yield _part(handle, calendar, batch, (own + zones, empty_uid_line))
            batch, size = [], 0
    if batch or not calendar.keys:  # with no event: still one calendar, for its own checks
        yield _part(handle, calendar, batch, (own + zones, empty_uid_line))


def _part(
    handle: BinaryIO, calendar: _Calendar, batch: list[int], before: tuple[bytes, int | None]
) -> Part:
    """The events ``batch`` (their numbers) as a calendar, after ``before``: the
    calendar's own lines and time zones, and the line of the file's first empty UID."""
    own, empty_uid_line = before
    starts, ends, first_lines = calendar.starts, calendar.ends, calendar.first_lines
    events = [EventLines(_read(handle, (starts[i], ends[i])), first_lines[i]) for i in batch]
    lines = {} if empty_uid_line is None else {"": empty_uid_line}
    for event in events:
        if found := _UID.search(event.data):
            lines.setdefault(uid_value(found[1]), event.first)
    text = b"".join(event.data for event in events)
    return Part(b"BEGIN:VCALENDAR\r\n" + own + text + b"END:VCALENDAR\r\n", events, lines)


def _read(handle: BinaryIO, span: tuple[int, int]) -> bytes:
    handle.seek(span[0])
    return handle.read(span[1] - span[0])


def _groups(keys: array[int]) -> Iterator[Sequence[int]]:
    """The events (their numbers) grouped by UID, each group where its first event stands
    in the file, and its events in file order. Most UIDs are single: only those met more
    than once are kept together in memory (found by sorting the hashes, not by a dict of
    all of them)."""
    ordered = sorted(keys)
    repeated = {a for a, b in pairwise(ordered) if a == b}
    del ordered
    together: dict[int, list[int]] = {}
    for n, key in enumerate(keys):
        if key in repeated:
            together.setdefault(key, []).append(n)
    for n, key in enumerate(keys):
        if key not in repeated:
            yield (n,)
        elif (group := together.pop(key, None)) is not None:
            yield group
