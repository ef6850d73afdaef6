"""Read an mbox mail archive as a stream of email interactions, leaving bulk mail out."""

from __future__ import annotations

import contextlib
import datetime as dt
import email.policy
import email.utils
import hashlib
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from typing import BinaryIO

from netweave.io.records import FormatError, InteractionRecord, ParticipantRef
from netweave.logic.normalize import clean

#: With ``keep_bodies``, at most this many characters of the plain-text body join the summary.
BODY_EXCERPT_CHARS = 1000
#: Why a message was passed over (``SkippedMessage.reason``).
SKIP_REASONS = ("bulk", "bad-date", "no-participants", "malformed")

# Reads are bounded so that one huge line or message never grows memory with the file.
_READ_CHUNK = 64 * 1024
_MAX_HEADER_BYTES = 256 * 1024
_MAX_BODY_BYTES = 1024 * 1024
_BLANK = (b"\n", b"\r\n")
# A separator not preceded by a blank line is trusted only in its full form:
# "From sender Mon Mar  2 17:04:11 2026" (also Gmail's "... +0000 2026").
_FULL_SEPARATOR = re.compile(rb"From \S+ +[A-Z][a-z]{2} +[A-Z][a-z]{2} +\d{1,2} +\d{1,2}:\d\d")
_QUOTED_FROM = re.compile(rb">+From ")
_WANTED = frozenset(
    {"from", "to", "cc", "bcc", "subject", "date", "message-id", "in-reply-to", "references"}
    | {"list-id", "list-unsubscribe", "precedence", "auto-submitted"}
)
_MSG_ID = re.compile(r"<([^<>\s]+)>")
# Simple address lists ("Name <a@b>", "\"Last, First\" <a@b>", "a@b") are split here, because
# the email package's full parser costs about half a millisecond per header; anything else
# (comments, groups, escapes, routes) goes through that parser.
_ADDR = r"[^<>\s\"(),;:\\\[\]@]+@[^<>\s\"(),;:\\\[\]@]+"
_SIMPLE_ADDRESS = re.compile(
    rf'\s*(?:(?P<name>"[^"\\]*"|[^"<>(),;:\\@\[\]]*?)\s*<(?P<angle>{_ADDR})>|(?P<bare>{_ADDR}))'
    r"\s*(?:,|$)"
)
_AUTOMATED_SENDER = re.compile(
    r"(?:.*[-_.+])?(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|notifications?|mailer[-_.]?daemon"
    r"|newsletters?|postmaster)(?:[-_.+].*)?",
    re.IGNORECASE,
)
_BULK_PRECEDENCE = frozenset({"bulk", "list", "junk"})


@dataclass(frozen=True)
class SkippedMessage:
    """A message the reader passed over: where it starts, why (one of ``SKIP_REASONS``), detail."""

    line: int
    reason: str
    detail: str


@dataclass(frozen=True)
class _Options:
    me: frozenset[str]
    keep_bodies: bool
    include_bulk: bool


@dataclass
class _Raw:
    """One message as split from the file: its header block and, if kept, its body."""

    line: int
    header: bytearray
    body: bytearray | None
    in_header: bool = True


def read_mbox(
    path: Path,
    *,
    me: Sequence[str],
    keep_bodies: bool = False,
    include_bulk: bool = False,
    on_skip: Callable[[SkippedMessage], None] | None = None,
) -> Iterator[InteractionRecord]:
    """Yield one ``kind="email"`` interaction per message of the mbox file at ``path``.

    ``me`` are the user's addresses: they decide the direction (``out`` when the user
    sent it) and are left out of the participants. Each message keeps its own direction;
    replies share a ``thread_id`` (the root Message-ID), so the importer can tell a
    two-way thread. Mailing-list, bulk and automated mail is left out unless
    ``include_bulk``, so newsletters never become people. ``keep_bodies`` adds an
    excerpt of the first plain-text part to the summary.

    Messages that cannot become an interaction (bulk mail, a missing or unparseable
    Date, nobody but the user, no mail headers) are not errors: each is passed to
    ``on_skip`` as a ``SkippedMessage``, e.g. ``on_skip=skipped.append``, so the caller
    counts them. A file that is not an mbox raises ``FormatError`` naming it.
    """
    options = _Options(frozenset(a.strip().lower() for a in me), keep_bodies, include_bulk)
    try:
        with path.open("rb") as stream:
            for raw in _split(stream, str(path), keep_bodies):
                result = _convert(raw, options)
                if isinstance(result, InteractionRecord):
                    yield result
                elif on_skip is not None:
                    on_skip(result)
    except OSError as exc:
        raise FormatError(str(path), f"cannot read the file: {exc.strerror or exc}") from exc


def _split(stream: BinaryIO, name: str, keep_bodies: bool) -> Iterator[_Raw]:
    """Split the stream on ``From `` separator lines, one message in memory at a time."""
    current: _Raw | None = None
    lineno, prev_blank, partial, skip_rest = 0, True, False, False
    while chunk := stream.readline(_READ_CHUNK):
        at_start, partial = not partial, not chunk.endswith(b"\n")
        if at_start:
            lineno += 1
            skip_rest = False
            if chunk.startswith(b"From ") and (prev_blank or _FULL_SEPARATOR.match(chunk)):
                if current is not None:
                    yield current
                current = _Raw(lineno, bytearray(), bytearray() if keep_bodies else None)
                prev_blank, skip_rest = False, partial
                continue
            if current is None and chunk not in _BLANK:
                raise FormatError(name, "not an mbox file: expected a 'From ' line", lineno)
        if skip_rest or current is None:
            continue
        _append(current, chunk, at_start)
        prev_blank = at_start and chunk in _BLANK
    if current is not None:
        yield current


def _append(raw: _Raw, chunk: bytes, at_start: bool) -> None:
    """Add one line (or piece of a long line) to the message being split."""
    if raw.in_header:
        if at_start and chunk in _BLANK:
            raw.in_header = False
        elif len(raw.header) < _MAX_HEADER_BYTES:
            raw.header += chunk
    elif raw.body is not None and len(raw.body) < _MAX_BODY_BYTES:
        # mboxrd quoting: ">From " stands for "From ", ">>From " for ">From ".
        raw.body += chunk[1:] if at_start and _QUOTED_FROM.match(chunk) else chunk


def _convert(raw: _Raw, options: _Options) -> InteractionRecord | SkippedMessage:
    """The interaction a split message describes, or why it is skipped."""
    fields = _header_fields(bytes(raw.header))
    if not fields.keys() & {"from", "to", "cc", "date"}:
        return SkippedMessage(raw.line, "malformed", "no From, To, Cc or Date header")
    senders = _addresses(fields.get("from", ""))
    sender = senders[0][1] if senders else ""
    if not options.include_bulk and (why := _bulk_reason(fields, sender)):
        return SkippedMessage(raw.line, "bulk", why)
    occurred_at = _parse_date(fields.get("date", ""))
    if occurred_at is None:
        return SkippedMessage(raw.line, "bad-date", f"unusable Date: {fields.get('date', '')!r}")
    people = [*senders]
    for key in ("to", "cc", "bcc"):
        people += _addresses(fields.get(key, ""))
    participants = _participants(people, options.me)
    if not participants:
        return SkippedMessage(raw.line, "no-participants", "nobody but the user")
    own_id = _message_id(fields)
    summary = _decode_words(fields.get("subject", "")) or None
    if options.keep_bodies:
        summary = "\n\n".join(s for s in (summary, _excerpt(raw)) if s) or None
    return InteractionRecord(
        external_id=f"mbox:{own_id}",
        occurred_at=occurred_at,
        kind="email",
        direction="out" if sender in options.me else "in",
        participants=participants,
        line=raw.line,
        summary=summary,
        thread_id=f"mbox:{_thread_root(fields) or own_id}",
    )


def _header_fields(block: bytes) -> dict[str, str]:
    """The header fields the reader uses, unfolded; the first occurrence of each wins."""
    fields: dict[str, str] = {}
    name: str | None = None
    for line in block.decode("utf-8", "surrogateescape").split("\n"):
        line = line.removesuffix("\r")
        if line[:1] in (" ", "\t"):
            if name is not None:
                fields[name] += line
            continue
        key, colon, value = line.partition(":")
        key = key.rstrip().lower()
        name = key if colon and key in _WANTED and key not in fields else None
        if name is not None:
            fields[name] = value
    return {key: _repair(value).strip() for key, value in fields.items()}


def _repair(value: str) -> str:
    """Raw 8-bit header text that is not UTF-8 is read as Latin-1 rather than lost."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return value.encode("utf-8", "surrogateescape").decode("latin-1")
    return value


def _decode_words(value: str) -> str:
    """Unstructured header text with RFC 2047 encoded words decoded, white space collapsed."""
    if "=?" in value:
        # A bad encoded word leaves the text as written.
        with contextlib.suppress(Exception):
            value = str(email.policy.default.header_factory("subject", value))
    return clean(value.replace("\x00", ""))


def _addresses(value: str) -> list[tuple[str, str]]:
    """(decoded display name, lower-cased address) of each mailbox in an address header."""
    if not value:
        return []
    found: list[tuple[str, str]] = []
    pos = 0
    while pos < len(value):
        match = _SIMPLE_ADDRESS.match(value, pos)
        if match is None or match.end() == pos:
            return _addresses_slow(value)
        name = match["name"] or ""
        if name.startswith('"'):
            name = name[1:-1]
        found.append((_decode_words(name), (match["angle"] or match["bare"]).lower()))
        pos = match.end()
    return found


def _addresses_slow(value: str) -> list[tuple[str, str]]:
    """Address lists the simple splitter declines, through the email package's parsers."""
    try:
        header = email.policy.default.header_factory("to", value)
        pairs = [(clean(a.display_name), a.addr_spec) for a in getattr(header, "addresses", ())]
    except Exception:  # the strict parser gave up; the lenient one guesses
        pairs = [(_decode_words(n), a) for n, a in email.utils.getaddresses([value])]
    return [(name, addr.strip().lower()) for name, addr in pairs if "@" in addr]


def _participants(people: list[tuple[str, str]], me: frozenset[str]) -> list[ParticipantRef]:
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


def _parse_date(value: str) -> dt.datetime | None:
    """The Date header as an aware UTC datetime; ``None`` when missing or unparseable."""
    try:
        parsed = email.utils.parsedate_to_datetime(value)
        if parsed.tzinfo is None:  # "-0000": the zone is unknown, the time is UTC
            return parsed.replace(tzinfo=dt.UTC)
        return parsed.astimezone(dt.UTC)
    except (TypeError, ValueError, OverflowError, IndexError):
        return None


def _message_id(fields: dict[str, str]) -> str:
    """The Message-ID without brackets, or a hash of Date, From and Subject when it has none."""
    value = fields.get("message-id", "")
    if match := _MSG_ID.search(value):
        return match[1]
    if value and not any(c.isspace() for c in value):
        return value
    key = "\n".join(fields.get(k, "") for k in ("date", "from", "subject"))
    return "sha256:" + hashlib.sha256(key.encode("utf-8", "replace")).hexdigest()[:32]


def _thread_root(fields: dict[str, str]) -> str | None:
    """The first Message-ID in References, else the one in In-Reply-To."""
    for key in ("references", "in-reply-to"):
        if match := _MSG_ID.search(fields.get(key, "")):
            return match[1]
    return None


def _excerpt(raw: _Raw) -> str | None:
    """The start of the first plain-text part, without quoted lines or signature."""
    data = bytes(raw.header) + b"\n" + bytes(raw.body or b"")
    message = BytesParser(policy=email.policy.default).parsebytes(data)
    part = next(
        (
            p
            for p in message.walk()
            if p.get_content_type() == "text/plain" and p.get_content_disposition() != "attachment"
        ),
        None,
    )
    if not isinstance(part, EmailMessage):
        return None
    kept: list[str] = []
    for line in _part_text(part).splitlines():
        if line == "-- ":
            break
        if not line.lstrip().startswith(">"):
            kept.append(line)
    excerpt = clean(" ".join(kept).replace("\x00", ""))
    if len(excerpt) > BODY_EXCERPT_CHARS:
        excerpt = excerpt[: BODY_EXCERPT_CHARS - 1].rstrip() + "…"
    return excerpt or None


def _part_text(part: EmailMessage) -> str:
    """A text part's content, decoded as well as its declared charset allows."""
    try:
        return str(part.get_content())
    except Exception:  # unknown charset or broken encoding: decode leniently
        payload = part.get_payload(decode=True)
        return payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
