"""vCard content lines: unfolding, and a line's property, parameters and escaped text."""

from __future__ import annotations

import codecs
import quopri
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from netweave.io.records import FormatError

_BINARY = frozenset({b"PHOTO", b"LOGO", b"SOUND", b"KEY"})
_USED = frozenset(
    {"FN", "N", "EMAIL", "TEL", "ORG", "TITLE", "BDAY", "NOTE", "CATEGORIES", "URL", "UID", "ADR"}
    | {"KIND", "X-ADDRESSBOOKSERVER-KIND", "X-ABLABEL", "X-SOCIALPROFILE", "X-ABSHOWAS"}
    | {"NICKNAME", "X-ABRELATEDNAMES", "RELATED"}
)
#: RFC 6868's escapes in a parameter value: ^n a line break, ^' a double quote, ^^ a caret.
_CARET = {"n": "\n", "N": "\n", "'": '"', "^": "^"}
_NAME = re.compile(r"^(?:([\w-]+)\.)?([\w-]+)\Z")
_HEAD = re.compile(rb'^((?:[^:"]|"[^"]*")*):')
_PARAM = re.compile(r'(?:[^;"]|"[^"]*")+')
_BARE_ENCODINGS = frozenset({"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"})


@dataclass
class Property:
    """A content line as a property: its group (``item1`` of ``item1.EMAIL``), name,
    parameters and value (decoded text, still escaped)."""

    group: str | None
    name: str
    params: dict[str, list[str]]
    value: str


def property_name(content: bytes) -> bytes:
    """The name of a content line's property, without its group: ``PHOTO`` of
    ``item1.PHOTO;TYPE=JPEG:…``."""
    return content.split(b":", 1)[0].split(b";", 1)[0].rsplit(b".", 1)[-1].strip().upper()


def content_lines(fh: BinaryIO) -> Iterator[tuple[int, bytes]]:
    """Unfolded content lines, each with the number of the physical line it starts on."""
    parts: list[bytes] = []
    start, head, binary = 0, b"", False
    for number, raw in enumerate(fh, 1):
        line = raw.rstrip(b"\r\n")
        if number == 1:
            line = line.removeprefix(codecs.BOM_UTF8)
        if parts:
            soft = b"QUOTED-PRINTABLE" in head and parts[-1].endswith(b"=")
            if soft and line.strip().upper() != b"END:VCARD":
                parts[-1] = parts[-1][:-1]  # a soft line break
                parts.append(line)
                continue
            if line[:1] in (b" ", b"\t"):
                if not binary:
                    parts.append(line[1:])
                continue
            if binary and line.strip() and b":" not in line:
                continue  # vCard 2.1 base64 runs on, unindented, to a blank line
            yield start, b"".join(parts)
            parts = []
        if line.strip():
            start, parts = number, [line]
            head = line.split(b":", 1)[0].upper()
            binary = head.split(b";", 1)[0].rsplit(b".", 1)[-1] in _BINARY
    if parts:
        yield start, b"".join(parts)


def parse_line(content: bytes, number: int, file: str, *, legacy: bool = False) -> Property | None:
    """One content line as a property; ``None`` for a well-formed property netweave ignores."""
    match = _HEAD.match(content)
    if not match:
        raise FormatError(file, "broken line (no ':' between name and value)", number)
    head = match.group(1).decode("utf-8", "replace")
    name_part, _, param_part = head.partition(";")
    name_match = _NAME.match(name_part.strip())
    if not name_match:
        raise FormatError(file, f"broken line (bad property name {name_part[:40]!r})", number)
    group, name = name_match.group(1), name_match.group(2).upper()
    if name not in _USED:
        return None
    params = _params(param_part)
    raw = content[match.end() :]
    charset = (params.get("CHARSET") or ["utf-8"])[0]
    try:
        if "QUOTED-PRINTABLE" in (e.upper() for e in params.get("ENCODING", [])):
            raw = quopri.decodestring(raw)
        try:
            value = raw.decode(charset)
        except UnicodeDecodeError:
            if not legacy or "CHARSET" in params:
                raise
            value = raw.decode("cp1252")  # Outlook's 2.1 cards: the Windows code page
    except (LookupError, UnicodeDecodeError, ValueError):
        raise FormatError(file, f"{name} value is not valid {charset} text", number) from None
    if "\x00" in value:  # no text holds one, and PostgreSQL refuses to store it
        raise FormatError(file, f"{name} value holds a NUL byte (not text)", number)
    return Property(group, name, params, value)


def _params(text: str) -> dict[str, list[str]]:
    params: dict[str, list[str]] = {}
    for item in _PARAM.findall(text):
        key, sep, value = item.partition("=")
        if not sep:  # vCard 2.1 bare parameters: TEL;WORK;VOICE, NOTE;QUOTED-PRINTABLE
            key, value = ("ENCODING" if key.upper() in _BARE_ENCODINGS else "TYPE"), key
        if key.strip().upper() == "LABEL":  # an address as one text: its commas are its own
            label = re.sub(r"\^([nN'^])", lambda m: _CARET[m.group(1)], value.strip().strip('"'))
            # RFC 6350's own example writes its lines as text escapes: "…\n28013 Madrid"
            params.setdefault("LABEL", []).append(unescape(label))
            continue
        values = [v.strip().strip('"') for v in value.split(",")]
        params.setdefault(key.strip().upper(), []).extend(v for v in values if v)
    return params


def unescape(value: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value, flags=re.S)


def split_value(value: str, sep: str) -> list[str]:
    """Split at each ``sep`` that is not escaped, then unescape the parts."""
    parts, start, i = [], 0, 0
    while i < len(value):
        if value[i] == "\\":
            i += 1
        elif value[i] == sep:
            parts.append(value[start:i])
            start = i + 1
        i += 1
    parts.append(value[start:])
    return [unescape(p) for p in parts]
