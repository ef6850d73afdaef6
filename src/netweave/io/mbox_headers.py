"""A mail message's header fields: unfolded, RFC 2047 encoded words decoded, and address
lists read as names and addresses."""

from __future__ import annotations

import base64
import contextlib
import email.charset
import email.policy
import email.utils
import functools
import re
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from netweave.errors import InvalidInput
from netweave.io.mail_body import storable
from netweave.logic.normalize import normalize_email

# The header fields used, with continuation lines: one search, not a parse of every field.
_FIELD = re.compile(
    rb"^(from|to|cc|bcc|subject|date|message-id|in-reply-to|references|list-id|list-unsubscribe"
    rb"|precedence|auto-submitted|x-gmail-labels|x-mozilla-status2?|x-mozilla-draft-info)"
    rb"[ \t]*:([^\n]*(?:\n[ \t][^\n]*)*)",
    re.MULTILINE | re.IGNORECASE,
)
_FOLD = re.compile(rb"\r?\n|\r")
# An RFC 2047 encoded word: =?charset?B-or-Q?text?= (as leniently as the email package).
_ENCODED_WORD = re.compile(r"=\?([^?]*)\?([bBqQ])\?([^?]*)\?=")
_QP_ESCAPE = re.compile(rb"=([0-9A-Fa-f]{2})")
_TRAILING_COMMENT = re.compile(r"\s*\([^()]*\)$")
# Simple address lists ("Name <a@b>", "\"Last, First\" <a@b>", "a@b") are split here, as
# the email package's parser costs ~0.5 ms a header; it gets groups, comments, escapes.
_ADDR = r"[^<>\s\"(),;:\\\[\]@]++@[^<>\s\"(),;:\\\[\]@]++"
# Possessive quantifiers: no backtracking, so a long malformed header costs linear time.
_SIMPLE_ADDRESS = re.compile(
    rf'\s*+(?:(?P<name>"[^"\\]*+"\s*+|[^"<>(),;:\\@\[\]]*+)<(?P<angle>{_ADDR})>|(?P<bare>{_ADDR}))'
    r"\s*+(?:,|$)"
)
_CACHED_CHARS = 1000
_T = TypeVar("_T")


def header_fields(block: bytes) -> dict[str, str]:
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
def decode_words(value: str) -> str:
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
def addresses(value: str) -> tuple[tuple[str, str], ...]:
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
