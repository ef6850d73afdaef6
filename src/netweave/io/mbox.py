"""Read an mbox mail archive as a stream of email interactions, leaving bulk mail out."""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import email.charset
import email.policy
import email.utils
import functools
import hashlib
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TypeVar

from netweave.errors import InvalidInput
from netweave.io.mail_body import BODY_EXCERPT_CHARS as BODY_EXCERPT_CHARS
from netweave.io.mail_body import excerpt, storable
from netweave.io.records import FormatError, InteractionRecord, ParticipantRef, folder_files
from netweave.logic.normalize import normalize_email

#: Why a message was passed over (``SkippedMessage.reason``).
SKIP_REASONS = ("bulk", "label", "no-participants", "malformed")
#: Gmail's labels of mail that is no conversation: junk, thrown away, or never sent.
SKIPPED_LABELS = frozenset({"spam", "trash", "draft", "drafts"})
#: Mail dated before this was dated by a clock never set (1970-01-01, the Unix epoch): as
#: if it bore no date.
EARLIEST_MAIL = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)
#: The files read from a folder: these suffixes, and Apple Mail's ``mbox`` in an export bundle.
MBOX_SUFFIXES = (".mbox", ".mbx")

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
_FULL_SEPARATOR = re.compile(
    rb"From " + _SENDER + rb" {1,10}(?:"
    rb"[A-Z][a-z]{2} {1,10}[A-Z][a-z]{2} {1,10}\d{1,2} {1,10}\d{1,2}:\d\d"
    rb"|[A-Z][a-z]{2}, {1,10}\d{1,2} {1,10}[A-Z][a-z]{2} {1,10}\d{4} {1,10}\d{1,2}:\d\d)"
)
# After a blank line, a bare address is one too ("From sam@okafor.example"): a writer that
# knew no date. Other "From " lines are text a writer did not quote ("From my point of
# view..."), and stay in the body.
_ADDRESS_SEPARATOR = re.compile(rb"From [^\s@]{1,64}@[A-Za-z0-9.-]{1,100}[ \t]{0,10}(?:\r?\n|\Z)")
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
# The header fields used, with continuation lines: one search, not a parse of every field.
_FIELD = re.compile(
    rb"^(from|to|cc|bcc|subject|date|message-id|in-reply-to|references|list-id|list-unsubscribe"
    rb"|precedence|auto-submitted|x-gmail-labels)[ \t]*:([^\n]*(?:\n[ \t][^\n]*)*)",
    re.MULTILINE | re.IGNORECASE,
)
_FOLD = re.compile(rb"\r?\n|\r")
# An RFC 2047 encoded word: =?charset?B-or-Q?text?= (as leniently as the email package).
_ENCODED_WORD = re.compile(r"=\?([^?]*)\?([bBqQ])\?([^?]*)\?=")
_QP_ESCAPE = re.compile(rb"=([0-9A-Fa-f]{2})")
_TRAILING_COMMENT = re.compile(r"\s*\([^()]*\)$")
_MSG_ID = re.compile(r"<([^<>\s\x00-\x1f\x7f]+)>")
# Simple address lists ("Name <a@b>", "\"Last, First\" <a@b>", "a@b") are split here, as
# the email package's parser costs ~0.5 ms a header; it gets groups, comments, escapes.
_ADDR = r"[^<>\s\"(),;:\\\[\]@]++@[^<>\s\"(),;:\\\[\]@]++"
# Possessive quantifiers: no backtracking, so a long malformed header costs linear time.
_SIMPLE_ADDRESS = re.compile(
    rf'\s*+(?:(?P<name>"[^"\\]*+"\s*+|[^"<>(),;:\\@\[\]]*+)<(?P<angle>{_ADDR})>|(?P<bare>{_ADDR}))'
    r"\s*+(?:,|$)"
)
_AUTOMATED_SENDER = re.compile(
    r"(?:.*[-_.+])?(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|notifications?|mailer[-_.]?daemon"
    r"|newsletters?|postmaster)(?:[-_.+].*)?"
    # these words joined by - _ or + only (not jane.marketing@, news.desk@: people's dots)
    r"|(?:.*[-_+])?(?:news|digests?|alerts?|updates|marketing)(?:[-_+].*)?",
    re.IGNORECASE,
)
_BULK_PRECEDENCE = frozenset({"bulk", "list", "junk"})
_CACHED_CHARS = 1000
#: One of Gmail's labels: quoted (a label of the user's own with a comma), or up to a comma.
_LABEL = re.compile(r'\s*(?:"[^"]*"|[^,]*)')
#: A header that may hold Gmail's Sent label (read whole only then).
_MAYBE_SENT = re.compile(rb"^x-gmail-labels:.*sent", re.IGNORECASE | re.MULTILINE | re.DOTALL)
#: A header of Gmail's labels, which Takeout writes on every message.
_GMAIL_LABELS = re.compile(rb"^x-gmail-labels:", re.IGNORECASE | re.MULTILINE)
_T = TypeVar("_T")


@dataclass(frozen=True)
class SkippedMessage:
    """A message the reader passed over: where it starts, why (one of ``SKIP_REASONS``), detail."""

    line: int
    reason: str
    detail: str


@dataclass(frozen=True)
class _Raw:
    """One message as split from the file: the start of its ``From `` line, its header
    block and, if kept, its body."""

    line: int
    separator: bytes
    header: bytes
    body: bytes | None


def read_mbox(
    path: Path,
    *,
    me: Sequence[str],
    keep_bodies: bool = False,
    include_bulk: bool = False,
    on_skip: Callable[[SkippedMessage | FormatError], None] | None = None,
    on_mine: Callable[[str], None] | None = None,
) -> Iterator[InteractionRecord]:
    """Yield one ``kind="email"`` interaction per message of the mbox file at ``path``.

    ``path`` may also be a folder: its ``.mbox`` and ``.mbx`` files (and a file named
    ``mbox``, as in Apple Mail's ``Inbox.mbox`` export folder) are read in name order;
    subfolders and hidden files are not.

    The participants are everyone in From, To, Cc and Bcc (Bcc: the user's sent copies
    name people who did receive the mail) except ``me``, the user's addresses, matched
    case-insensitively; they also set the direction, ``out`` when the user sent it,
    else ``in``. Each message keeps its own direction; replies share a ``thread_id``
    (the root Message-ID), so marking a thread two-way is the importer's job. Mail
    Gmail labels Sent (``X-Gmail-Labels``, as Takeout writes it) is the user's, from
    whatever address: the From address of such a message is one of ``me`` for every
    message read, and, when ``me`` lacks it, is told to ``on_mine`` before the first.
    Mailing-list, bulk and automated mail is left out unless ``include_bulk``, so
    newsletters never become people; what Gmail labels Spam, Trash or Drafts (never sent)
    is always left out. ``keep_bodies`` adds to the summary an excerpt of
    the first plain-text part (of the HTML read as text, when the mail has none), without
    quoted lines or signature.

    A message starts at a ``From `` line that gives a sender and a date, as mbox writers
    make it (after a blank line a bare address will do); any other line starting "From "
    is text of the body that its writer did not quote.

    A message without a usable Date header is dated by its ``From `` line (as UTC when
    that gives no offset), which mail programs write on delivery. A date before
    ``EARLIEST_MAIL`` (1970-01-01: a clock not set) is no date.

    Messages that cannot become an interaction (bulk mail, nobody but the user, no mail
    headers) are not errors: each is passed to ``on_skip`` as a ``SkippedMessage``, e.g.
    ``on_skip=skipped.append``, so the caller counts them. A message that neither its Date
    header nor its ``From `` line dates is a problem with it: it is passed to ``on_skip``
    as a ``FormatError`` naming the file and the line, so the caller lists it.

    A file that is not an mbox (nothing but white space, or no ``From `` line at its start:
    a single .eml message is not an mbox either) raises ``FormatError`` naming it.
    """
    given = frozenset(address.strip().lower() for address in me)
    files = list(folder_files(path, MBOX_SUFFIXES, ("mbox",)))
    sent_from = _sent_from(files) - given
    for address in sorted(sent_from):
        if on_mine is not None:
            on_mine(address)
    mine = given | sent_from
    for file in files:
        try:
            with file.open("rb") as stream:
                for raw in _Splitter(stream, str(file)).messages(keep_bodies):
                    result = _convert(raw, str(file), mine, include_bulk)
                    if isinstance(result, InteractionRecord):
                        yield result
                    elif on_skip is not None:
                        on_skip(result)
        except OSError as exc:
            raise FormatError(str(file), f"cannot read the file: {exc.strerror or exc}") from exc


class _Splitter:
    """Cuts an mbox byte stream at its ``From `` lines, holding one block and one message.

    Bodies are skipped (or kept up to a limit) by searching whole blocks, not line by
    line, so gigabyte archives read at disk speed. ``_pos`` is always at the start of a
    line unless ``_mid_line`` (a line longer than ``_MAX_LINE`` was partly consumed).
    """

    def __init__(self, stream: BinaryIO, name: str) -> None:
        self._stream, self._name = stream, name
        self._buf, self._pos, self._line = b"", 0, 1
        self._eof, self._prev_blank, self._mid_line = False, True, False

    def messages(self, keep_bodies: bool) -> Iterator[_Raw]:
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
            yield _Raw(line, separator, header, body_kept)

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
            if _FULL_SEPARATOR.match(buf, start) or (
                self._blank_before(start) and _ADDRESS_SEPARATOR.match(buf, start)
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


def _convert(
    raw: _Raw, file: str, me: frozenset[str], include_bulk: bool
) -> InteractionRecord | SkippedMessage | FormatError:
    """The interaction a split message describes, why it is skipped, or what is wrong with it."""
    fields = _header_fields(raw.header)
    if not fields.keys() & {"from", "to", "cc", "date"}:
        return SkippedMessage(raw.line, "malformed", "no From, To, Cc or Date header")
    if label := _skipped_label(fields.get("x-gmail-labels", "")):
        return SkippedMessage(raw.line, "label", f"Gmail label {label}")
    senders = _addresses(fields.get("from", ""))
    sender = senders[0][1] if senders else ""
    if not include_bulk and (why := _bulk_reason(fields, sender)):
        return SkippedMessage(raw.line, "bulk", why)
    occurred_at = _occurred_at(fields, raw.separator)
    if isinstance(occurred_at, str):
        return FormatError(file, occurred_at, raw.line)
    everyone = list(
        itertools.chain(senders, *(_addresses(fields.get(k, "")) for k in ("to", "cc", "bcc")))
    )
    participants = _participants(everyone, me)
    if not participants:
        return SkippedMessage(raw.line, "no-participants", "nobody but the user")
    own_id = _message_id(fields)
    summary = _decode_words(fields.get("subject", "")) or None
    body = None
    if raw.body is not None:  # bodies are kept
        body = excerpt(raw.header + b"\n" + raw.body)
        summary = "\n\n".join(s for s in (summary, body) if s) or None
    return InteractionRecord(
        external_id=f"mbox:{own_id}",
        occurred_at=occurred_at,
        kind="email",
        direction="out" if sender in me else "in",
        participants=participants,
        line=raw.line,
        summary=summary,
        thread_id=f"mbox:{_thread_root(fields) or own_id}",
        names_me=any(address in me for _, address in everyone),
        fuller=bool(body),
    )


def _header_fields(block: bytes) -> dict[str, str]:
    """The header fields the reader uses, unfolded; the first occurrence of each wins."""
    fields: dict[str, str] = {}
    for name, value in _FIELD.findall(block):
        key = name.lower().decode("ascii")
        if key not in fields:
            fields[key] = _text(value)
    return fields


def _text(value: bytes) -> str:
    """An unfolded header value; raw 8-bit text that is not UTF-8 is read as Latin-1."""
    value = _FOLD.sub(b"", value).strip() if b"\n" in value or b"\r" in value else value.strip()
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        return value.decode("latin-1")


def _short_cache(func: Callable[[str], _T]) -> Callable[[str], _T]:
    """Cache a header decoder: names and subjects repeat across a mailbox; long ones do not."""
    cached = functools.lru_cache(maxsize=4096)(func)

    def decode(value: str) -> _T:
        return cached(value) if len(value) <= _CACHED_CHARS else func(value)

    return functools.update_wrapper(decode, func)


@_short_cache
def _decode_words(value: str) -> str:
    """Unstructured header text with RFC 2047 encoded words decoded, white space collapsed;
    a word that does not decode (broken, or in a charset not known) is kept as written,
    which says more than the replacement characters a lenient decoder would make of it."""
    return storable(_decoded(value)[0])


@_short_cache
def _decode_name(value: str) -> str | None:
    """A display name with its encoded words decoded; ``None`` when one does not decode,
    so that the person is named by their address rather than by the raw word."""
    text, whole = _decoded(value)
    return storable(text) if whole else None


def _decoded(value: str) -> tuple[str, bool]:
    """``value`` with the encoded words that decode decoded (white space between two of
    them dropped, as RFC 2047 says), and whether all of them did. Words in a row of one
    charset are decoded together: a mailer may cut a character between two of them."""
    if "=?" not in value:
        return value, True
    parts: list[str] = []
    pos, whole = 0, True
    for run in _runs(value):
        parts.append(value[pos : run[0].start()])
        decoded = _decode_run(run)
        whole = whole and decoded is not None
        parts.append(decoded if decoded is not None else _each_word(run))
        pos = run[-1].end()
    parts.append(value[pos:])
    return "".join(parts), whole


def _runs(value: str) -> Iterator[list[re.Match[str]]]:
    """The encoded words of ``value``, in runs of one charset and encoding with nothing
    but white space between them."""
    run: list[re.Match[str]] = []
    for match in _ENCODED_WORD.finditer(value):
        joined = run and value[run[-1].end() : match.start()].strip() == ""
        if joined and match[1].lower() == run[-1][1].lower():
            run.append(match)
            continue
        if run:
            yield run
        run = [match]
    if run:
        yield run


def _decode_run(run: list[re.Match[str]]) -> str | None:
    """The text of a run of encoded words, their bytes decoded together; ``None`` when
    one is broken or the whole does not decode."""
    data = b""
    for match in run:
        piece = _word_bytes(match[2], match[3])
        if piece is None:
            return None
        data += piece
    return _text_of(match[1], data)


def _each_word(run: list[re.Match[str]]) -> str:
    """A run that does not decode as one: each word decoded alone, or kept as written."""
    texts = []
    for match in run:
        piece = _word_bytes(match[2], match[3])
        text = _text_of(match[1], piece) if piece is not None else None
        texts.append(match[0] if text is None else text)
    return " ".join(texts) if any(t.startswith("=?") for t in texts) else "".join(texts)


def _word_bytes(encoding: str, text: str) -> bytes | None:
    """The bytes of one encoded word's text (B or Q), or ``None`` when it is broken."""
    try:
        if encoding in "bB":
            return base64.b64decode(text + "=" * (-len(text) % 4), validate=True)
        return _QP_ESCAPE.sub(_qp_byte, text.replace("_", " ").encode("ascii"))
    except ValueError:  # binascii.Error, UnicodeEncodeError
        return None


def _text_of(charset: str, data: bytes) -> str | None:
    """``data`` in ``charset``, or ``None`` when the charset is unknown or the bytes do not
    decode (but for plain ASCII, which reads the same in any)."""
    name = charset.partition("*")[0].strip().lower()  # RFC 2231: "utf-8*en"
    try:
        return data.decode(email.charset.ALIASES.get(name, name))
    except (LookupError, ValueError):  # unknown, undecodable, a NUL in the name
        return data.decode("ascii") if data.isascii() else None


def _qp_byte(match: re.Match[bytes]) -> bytes:
    return bytes((int(match[1], 16),))


@_short_cache
def _addresses(value: str) -> tuple[tuple[str, str], ...]:
    """(decoded display name, lower-cased address) of each mailbox in an address header."""
    found: list[tuple[str, str]] = []
    pos = 0
    while pos < len(value):
        match = _SIMPLE_ADDRESS.match(value, pos)
        if match is None or match.end() == pos:
            return _addresses_slow(value)
        name = (match["name"] or "").strip()
        if name.startswith('"'):
            name = name[1:-1]
        found.append((_person_name(_decode_name(name)), match["angle"] or match["bare"]))
        pos = match.end()
    return _valid_pairs(found)


def _addresses_slow(value: str) -> tuple[tuple[str, str], ...]:
    """Address lists the simple splitter declines, through the email package's parsers."""
    found: tuple[tuple[str, str], ...] = ()
    with contextlib.suppress(Exception):  # if the strict parser gives up, the lenient one guesses
        header = email.policy.default.header_factory("to", value)
        found = _valid_pairs(
            (_person_name(_parsed_name(a.display_name)), a.addr_spec)
            for a in getattr(header, "addresses", ())
        )
    if found:
        return found
    return _valid_pairs(
        (_person_name(_decode_name(n)), a) for n, a in email.utils.getaddresses([value])
    )


def _parsed_name(name: str) -> str | None:
    """A display name the email package decoded; ``None`` when an encoded word in it did
    not decode (the package keeps its bytes as surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return None
    return storable(name)


def _person_name(name: str | None) -> str:
    """A display name as the person is called: without quotes around it ('Jane Roe') or
    a comment at its end ("Hans Müller (ext)", "Alex Kim (via Google Docs)"), so that
    "Müller, Hans (ext)" still reads as "Last, First". Empty when nothing but that is
    left, or the name is an email address: the address names the person then."""
    name = (name or "").strip()
    while len(name) > 1 and name[0] == name[-1] and name[0] in "\"'":
        name = name[1:-1].strip()
    name = _TRAILING_COMMENT.sub("", name)
    return "" if "@" in name and _valid_email(name) else name


def _valid_pairs(pairs: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    return tuple((name, valid) for name, addr in pairs if (valid := _valid_email(addr)))


def _valid_email(address: str) -> str | None:
    """The normalized address, or ``None`` for one no importer could store or match."""
    try:
        normalized = normalize_email(address)
    except InvalidInput:
        return None
    return normalized if normalized.isprintable() else None


def _participants(people: Iterable[tuple[str, str]], me: frozenset[str]) -> list[ParticipantRef]:
    """Everyone but the user, once each, with the first name any header gave them."""
    by_address: dict[str, ParticipantRef] = {}
    for name, address in people:
        if address in me:
            continue
        ref = by_address.setdefault(address, ParticipantRef(email=address))
        ref.name = ref.name or name or None
    return list(by_address.values())


def _bulk_reason(fields: dict[str, str], sender: str) -> str | None:
    """Why the message looks like list, bulk or automated mail, or ``None``."""
    for key in ("list-id", "list-unsubscribe"):
        if key in fields:
            return f"{key.title()} header"
    precedence = fields.get("precedence", "").lower()
    if precedence in _BULK_PRECEDENCE:
        return f"Precedence: {precedence}"
    auto = fields.get("auto-submitted", "no").split(";")[0].strip().lower()
    if auto != "no":
        return f"Auto-Submitted: {auto}"
    local = sender.rpartition("@")[0]
    if local and (_AUTOMATED_SENDER.fullmatch(local) or "bounce" in local):
        return f"automated sender {sender}"
    return None


def _sent_from(files: Sequence[Path]) -> frozenset[str]:
    """The From address of every message Gmail labels Sent in ``files``: the user's own.
    A file that cannot be read is passed over here (reading its messages says why); so is
    one whose first message has no Gmail labels: Takeout labels every message, and another
    mailbox is not read twice for them."""
    found: set[str] = set()
    for file in files:
        with contextlib.suppress(OSError, FormatError), file.open("rb") as stream:
            for n, raw in enumerate(_Splitter(stream, str(file)).messages(False)):
                if n == 0 and _GMAIL_LABELS.search(raw.header) is None:
                    break  # not Gmail's Takeout
                if _MAYBE_SENT.search(raw.header) is None:
                    continue
                fields = _header_fields(raw.header)
                senders = _addresses(fields.get("from", ""))
                if senders and _labelled_sent(fields.get("x-gmail-labels", "")):
                    found.add(senders[0][1])
    return frozenset(found)


def _labelled_sent(value: str) -> bool:
    """Whether Gmail's labels (``X-Gmail-Labels: Sent,Opened``) say the user sent it (a
    label of the user's own is quoted when it holds a comma: ``"Sent, 2019"`` is not it)."""
    return any(label.strip().lower() == "sent" for label in _LABEL.findall(value))


def _skipped_label(value: str) -> str | None:
    """The first of Gmail's labels (``X-Gmail-Labels: Inbox,Spam``, as Takeout writes them)
    that marks spam, trash or a draft, or ``None``. (A label of the user's own with a comma
    in it is quoted, and split here: none of its parts is one of Gmail's own labels.)"""
    for label in value.split(","):
        if (name := label.strip().strip('"').strip()).lower() in SKIPPED_LABELS:
            return name
    return None


def _occurred_at(fields: dict[str, str], separator: bytes) -> dt.datetime | str:
    """When the message was sent: its Date header, else the date of its ``From `` line; a
    date before ``EARLIEST_MAIL`` is none. When neither dates it, why not."""
    header = _parse_date(fields.get("date", ""))
    if header is not None and header >= EARLIEST_MAIL:
        return header
    line = _separator_date(separator)
    if line is not None and line >= EARLIEST_MAIL:
        return line
    early = f"before {EARLIEST_MAIL.year} (a clock not set)"
    if header is not None:
        date = f"Date {fields['date']!r} is {early}"
    elif "date" in fields:
        date = f"unusable Date {fields['date']!r}"
    else:
        date = "no Date header"
    if line is None:
        return f"{date}, nor a date on its From line"
    return f"{date}, and its From line's date {line.date()} is {early}"


def _parse_date(value: str) -> dt.datetime | None:
    """The Date header as an aware UTC datetime; ``None`` when missing or unparseable."""
    try:
        parsed = email.utils.parsedate_to_datetime(value)
        if parsed.tzinfo is None:  # "-0000": the zone is unknown, the time is UTC
            return parsed.replace(tzinfo=dt.UTC)
        return parsed.astimezone(dt.UTC)
    except (TypeError, ValueError, OverflowError, IndexError):
        return None


def _separator_date(separator: bytes) -> dt.datetime | None:
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


def _message_id(fields: dict[str, str]) -> str:
    """The Message-ID without brackets, or a hash of Date, From and Subject when it has none."""
    value = fields.get("message-id", "")
    if match := _MSG_ID.search(value):
        return match[1]
    if value.isprintable() and value.isascii() and value and " " not in value:
        return value
    key = "\n".join(fields.get(k, "") for k in ("date", "from", "subject"))
    return "sha256:" + hashlib.sha256(key.encode("utf-8", "replace")).hexdigest()[:32]


def _thread_root(fields: dict[str, str]) -> str | None:
    """The first Message-ID in References, else the one in In-Reply-To."""
    for key in ("references", "in-reply-to"):
        if match := _MSG_ID.search(fields.get(key, "")):
            return match[1]
    return None
