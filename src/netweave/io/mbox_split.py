"""Cutting an mbox file into messages at its ``From `` lines, in bounded memory, and the
date a ``From `` line gives."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from netweave.io.records import FormatError

# Reads are bounded so that one huge line or message never grows memory with the file.
_BLOCK = 1024 * 1024
_MAX_LINE = 1024 * 1024
_JUDGE = 400  # bytes of a "From " line enough to tell whether it is a separator
_MAX_HEADER_BYTES = 256 * 1024
_MAX_BODY_BYTES = 1024 * 1024
_BLANK = (b"\n", b"\r\n")
# Lines where the header (True) or body (False) may end, found with the fast bytes.find.
_STOP_LINES = {True: (b"From ", b"\n", b"\r\n"), False: (b"From ",)}
_STOP_NEEDLES = {key: tuple(b"\n" + line for line in lines) for key, lines in _STOP_LINES.items()}
# A separator is a "From " line in its full form, as mbox writers make it: "From sender
# Mon Mar  2 17:04:11 2026" (also Gmail's "... +0000 2026", Thunderbird's "From - ...").
# Bounded, so that the first _JUDGE bytes of a line always decide.
# The sender is an address, or a quoted name (readpst, Outlook's exporter, writes the
# display name or an Exchange "/O=…/CN=…" there); the date asctime's, or an RFC 2822 one.
_SENDER = rb'(?:"[^"\r\n]{0,300}"|\S{1,100})'
FULL_SEPARATOR = re.compile(
    rb"From " + _SENDER + rb" {1,10}(?:"
    rb"[A-Z][a-z]{2} {1,10}[A-Z][a-z]{2} {1,10}\d{1,2} {1,10}\d{1,2}:\d\d"
    rb"|[A-Z][a-z]{2}, {1,10}\d{1,2} {1,10}[A-Z][a-z]{2} {1,10}\d{4} {1,10}\d{1,2}:\d\d)"
)
# After a blank line, a bare address is one too ("From sam@okafor.example"): a writer that
# knew no date. Other "From " lines are text a writer did not quote ("From my point of
# view..."), and stay in the body.
ADDRESS_SEPARATOR = re.compile(rb"From [^\s@]{1,64}@[A-Za-z0-9.-]{1,100}[ \t]{0,10}(?:\r?\n|\Z)")
# The date of a separator, as asctime writes it ("Thu Nov  5 10:00:00 2026", seconds
# optional), with Gmail's offset before the year ("... 17:04:11 +0000 2026") or another
# after it; without one the time is UTC.
_SEPARATOR_DATE = re.compile(
    rb"From "
    + _SENDER
    + rb" {1,10}[A-Z][a-z]{2} {1,10}(?P<month>[A-Z][a-z]{2}) {1,10}(?P<day>\d{1,2})"
    rb" {1,10}(?P<hour>\d{1,2}):(?P<minute>\d\d)(?::(?P<second>\d\d))?"
    rb"(?: {1,10}(?P<zone>[+-]\d{4}))? {1,10}(?P<year>\d{4})(?: {1,10}(?P<after>[+-]\d{4}))?"
)
_MONTHS = tuple(b"Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split())
_QUOTED_FROM = re.compile(rb"^>(>*From )", re.MULTILINE)


@dataclass(frozen=True)
class RawMessage:
    """One message as split from the file: the start of its ``From `` line, its header
    block and, if kept, its body."""

    line: int
    separator: bytes
    header: bytes
    body: bytes | None


class Splitter:
    """Cuts an mbox byte stream at its ``From `` lines, holding one block and one message.

    A message starts at a ``From `` line that gives a sender and a date, as mbox writers
    make it (after a blank line a bare address will do); any other line starting "From "
    is text of the body that its writer did not quote.

    Bodies are skipped (or kept up to a limit) by searching whole blocks, not line by
    line, so gigabyte archives read at disk speed. ``_pos`` is always at the start of a
    line unless ``_mid_line`` (a line longer than ``_MAX_LINE`` was partly consumed).
    """

    def __init__(self, stream: BinaryIO, name: str) -> None:
        self._stream, self._name = stream, name
        self._buf, self._pos, self._line = b"", 0, 1
        self._eof, self._prev_blank, self._mid_line = False, True, False

    def messages(self, keep_bodies: bool) -> Iterator[RawMessage]:
        """Each message: the line and start of its ``From `` separator, its header, its body
        if kept."""
        self._start()
        while self._more(_JUDGE):
            line = self._line
            separator = self._buf[self._pos : self._pos + _JUDGE].split(b"\n", 1)[0]
            self._skip_line()
            header = self._take(True, _MAX_HEADER_BYTES)
            if self._buf.startswith(_BLANK, self._pos):
                self._skip_line()
            body = self._take(False, _MAX_BODY_BYTES if keep_bodies else 0)
            body_kept = _QUOTED_FROM.sub(rb"\1", body) if keep_bodies else None
            yield RawMessage(line, separator, header, body_kept)

    def _start(self) -> None:
        """Pass leading white space; nothing else is empty, anything but ``From `` not an mbox."""
        while self._more(_JUDGE):
            newline = self._buf.find(b"\n", self._pos)
            end = newline + 1 if newline >= 0 else len(self._buf)
            if self._buf[self._pos : end].strip():
                break
            self._consume(end)
        if not self._more():
            raise FormatError(self._name, "not an mbox file (the file is empty)")
        if self._mid_line or not self._buf.startswith(b"From ", self._pos):
            raise FormatError(self._name, "not an mbox file: expected a 'From ' line", self._line)

    def _more(self, need: int = 1) -> bool:
        """Whether unread bytes remain, reading until ``need`` are at hand or the file ends."""
        while len(self._buf) - self._pos < need and not self._eof:
            self._fill()
        return self._pos < len(self._buf)

    def _fill(self) -> None:
        data = self._stream.read(_BLOCK)
        self._eof = not data
        self._buf, self._pos = self._buf[self._pos :] + data, 0

    def _consume(self, end: int) -> None:
        """Move past ``buf[pos:end]``, keeping the line number and the blank-line state."""
        if end <= self._pos:
            return
        self._line += self._buf.count(b"\n", self._pos, end)
        if self._buf[end - 1] == 10:  # the consumed part ends a line
            self._prev_blank = self._blank_before(end)
        self._mid_line = self._buf[end - 1] != 10
        self._pos = end

    def _skip_line(self) -> None:
        while (newline := self._buf.find(b"\n", self._pos)) < 0 and not self._eof:
            self._consume(len(self._buf))
            self._fill()
        self._consume(newline + 1 if newline >= 0 else len(self._buf))

    def _take(self, header: bool, limit: int) -> bytes:
        """Consume up to the next stop line (or the end), returning at most ``limit`` bytes."""
        kept = bytearray()
        while True:
            found = self._stop(header)
            end = found[0] if found else self._safe_end()
            if len(kept) < limit:
                kept += self._buf[self._pos : min(end, self._pos + limit - len(kept))]
            self._consume(end)
            if (found and found[1]) or (self._eof and self._pos >= len(self._buf)):
                return bytes(kept)
            self._fill()

    def _stop(self, header: bool) -> tuple[int, bool] | None:
        """The next stop line in the buffer and whether it is final (else: read more first)."""
        buf, at = self._buf, self._pos
        while (start := self._candidate(at, header)) >= 0:
            at = start + 1
            if not buf.startswith(b"From ", start):
                return start, True
            # Too little of the line to judge it: read more, then look again.
            if (
                buf.find(b"\n", start, start + _JUDGE) < 0
                and not self._eof
                and len(buf) - start < _JUDGE
            ):
                return start, False
            if FULL_SEPARATOR.match(buf, start) or (
                self._blank_before(start) and ADDRESS_SEPARATOR.match(buf, start)
            ):
                return start, True
        return None

    def _candidate(self, at: int, header: bool) -> int:
        """The start of the first line at or after ``at`` that may be a stop line, or -1."""
        buf = self._buf
        if at == self._pos and not self._mid_line and buf.startswith(_STOP_LINES[header], at):
            return at
        best = len(buf)
        for needle in _STOP_NEEDLES[header]:
            # Searching only up to the best candidate so far keeps each search short.
            found = buf.find(needle, at, best + len(needle))
            if 0 <= found < best:
                best = found + 1
        return best if best < len(buf) else -1

    def _blank_before(self, start: int) -> bool:
        """Whether the line ending just before ``start`` (a line start) is blank."""
        if start == self._pos:
            return self._prev_blank
        newline = self._buf.rfind(b"\n", self._pos, start - 1)
        if newline < 0 and self._mid_line:
            return False
        return self._buf[newline + 1 if newline >= 0 else self._pos : start] in _BLANK

    def _safe_end(self) -> int:
        """How far the buffer can be consumed when it holds no stop: its last whole line."""
        if self._eof:
            return len(self._buf)
        newline = self._buf.rfind(b"\n", self._pos)
        if newline >= 0:
            return newline + 1
        # A line too long to hold is let go in pieces, once its start has been judged.
        too_long = len(self._buf) - self._pos > max(_MAX_LINE, _JUDGE)
        return len(self._buf) if too_long else self._pos


def separator_date(separator: bytes) -> dt.datetime | None:
    """The date of a ``From `` line as an aware UTC datetime; ``None`` when it has none."""
    match = _SEPARATOR_DATE.match(separator)
    if match is None or match["month"] not in _MONTHS:
        return None
    try:
        moment = dt.datetime(
            int(match["year"]),
            _MONTHS.index(match["month"]) + 1,
            int(match["day"]),
            int(match["hour"]),
            int(match["minute"]),
            int(match["second"] or 0),
            tzinfo=dt.UTC,
        )
        if zone := match["zone"] or match["after"]:
            sign = -1 if zone[:1] == b"-" else 1
            moment -= sign * dt.timedelta(hours=int(zone[1:3]), minutes=int(zone[3:5]))
    except (ValueError, OverflowError):  # 30 February, 25 o'clock, before the year 1
        return None
    return moment
