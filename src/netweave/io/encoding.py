"""The encoding of a text export: UTF-8 or UTF-16 as marked, UTF-8 unmarked, else a Windows
code page: Western (1252), Central European (1250) or Turkish (1254), told by its words.

Contact exports come as UTF-8 (with or without a byte-order mark), UTF-16 (Excel's "Unicode
text", Outlook), or in the 8-bit code page of an older Windows or Excel: Western, or the
Czech, Polish, Hungarian or Turkish one (``code_pages`` tells them apart by which reading
gives words of the languages each is for). Anything else is refused with a line that says
what to do, never read as the wrong letters:

- a UTF-8 file with a stray byte that is not UTF-8 (a row pasted from another program) is
  not read whole as Windows-1252, which would turn every "é" and "王" of it into "Ã©" and
  "çŽ‹"; the line of the byte is named. So is a file with little beyond ASCII, one "é" in
  UTF-8 beside one stray byte: "Ã©" and "çŽ‹" are no words of any code page's language;
- a file in another 8-bit or double-byte code page (Cyrillic Windows-1251, Chinese GBK,
  Japanese Shift-JIS) would read as Western letters in runs no Western word has ("Î°
  Íõ"), or as words no code page reads plausibly: it is refused, with the advice to save
  it as UTF-8; so is one whose words two code pages read equally well.
"""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, NoReturn, TextIO

from netweave.io.code_pages import Evidence
from netweave.io.records import FormatError

#: Bytes read at a time while checking the encoding; memory stays bounded by this.
CHUNK = 1 << 16

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: C0 control bytes that never appear in text (tab, line feed, vertical tab, form feed
#: and carriage return do).
_CONTROL = bytes(b for b in range(32) if b not in b"\t\n\x0b\x0c\r")
#: Bytes cp1252 leaves undefined: a file holding them is decoded as Latin-1 instead.
_CP1252_HOLES = b"\x81\x8d\x8f\x90\x9d"
_NOT_HOLES = bytes(b for b in range(256) if b not in _CP1252_HOLES)
_HIGH = bytes(range(128, 256))
#: A character of UTF-8 beyond ASCII: a lead byte and its continuation bytes.
_UTF8_CHAR = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
#: Lead bytes of two-byte UTF-8 characters that Windows-1252 reads as "Â" or "Ã" and a
#: sign after it ("Ã©"): UTF-8 read as Western, never Western words.
_UTF8_SURE_LEADS = b"\xc2\xc3"
#: A file that has as many stray bytes as this for each character of the sure kind, or
#: fewer, is UTF-8 with stray bytes (more: a code page's text with one such pair in it).
_SURE_SHARE = 4
#: Bytes beyond ASCII that follow one another: a Western word holds one or two together
#: ("Müßig", "ações"); Cyrillic, Greek or CJK text in its own code page holds them in runs.
_HIGH_RUN = re.compile(rb"[\x80-\xff]+")
#: Windows-1252 punctuation that opens or closes a word ("„Müller“", "résumé…”"): not part
#: of the word's run.
_OPENING = b"\x82\x84\x91\x93\xa1\xab\xbf"
_CLOSING = b"\x85\x92\x94\x95\x96\x97\x99\xb0\xb2\xb3\xbb"
#: Bytes Windows-1252 gives to signs Western text seldom holds (ƒ † ‡ ˆ ‰ ‹ ˜ › and its
#: holes), and Shift-JIS, Japanese, starts most of its characters with.
_RARE = bytes((0x81, 0x82, 0x83, 0x86, 0x87, 0x88, 0x89, 0x8B, 0x8D, 0x8F, 0x90, 0x98, 0x9B, 0x9D))
_NOT_RARE = bytes(b for b in range(256) if b not in _RARE)
#: The share of runs of three or more bytes beyond ASCII (of all their runs) past which a
#: file is no Western text; and the rare bytes past which it is not either, when they are
#: also most of the bytes beyond ASCII (a German "† 2019" is one, a Japanese name two).
_FOREIGN_SHARE = 0.2
_RARE_AT_LEAST = 4
_ADVICE = "save it as UTF-8 (in Excel: CSV UTF-8) and import it again"

_STRAY = f"a byte that is not UTF-8, in a file that otherwise is: {_ADVICE}"

Opener = Callable[[], IO[bytes]]


@contextmanager
def open_text(path: Path, newline: str | None = "") -> Iterator[TextIO]:
    """Open ``path`` as text in its detected encoding; a binary file raises ``FormatError``.

    ``newline=""`` (the default) keeps line endings for the csv module; ``None`` translates them.
    """
    with open_text_stream(lambda: path.open("rb"), str(path), newline) as stream:
        yield stream


@contextmanager
def open_text_stream(opener: Opener, name: str, newline: str | None = "") -> Iterator[TextIO]:
    """Open the bytes ``opener`` returns (called twice) as text; errors name ``name``.

    The first pass checks the encoding of the whole stream in fixed-size chunks, so a
    Latin-1 character deep in a large file is found without holding the file in memory.
    """
    encoding = detect_encoding(opener, name)
    try:
        with opener() as raw, _wrap(raw, encoding, newline) as stream:
            yield stream
    except UnicodeDecodeError as exc:  # the file changed between the two passes
        raise FormatError(name, f"not valid {encoding} text: {exc.reason}") from None


def _wrap(raw: IO[bytes], encoding: str, newline: str | None) -> TextIO:
    return io.TextIOWrapper(raw, encoding=encoding, newline=newline)


def detect_encoding(opener: Opener, name: str) -> str:
    """The Python codec for the bytes ``opener`` returns, or ``FormatError``.

    UTF-8 and UTF-16 with a byte-order mark, UTF-8 without one, and otherwise cp1252
    (Latin-1 when cp1252 leaves a byte undefined), cp1250 or cp1254, whichever reads the
    file's words as words (see ``code_pages``).
    """
    try:
        with opener() as raw:
            head = raw.read(CHUNK)
            for bom, encoding in _BOMS:
                if head.startswith(bom):
                    _check_decodes(raw, head, encoding, name)
                    return encoding
            scan = _scan_unmarked(raw, head, name)
        if scan.utf8:
            return "utf-8"
        _check_foreign(scan, name)
        return _code_page(opener, name)
    except OSError as exc:
        raise FormatError(name, f"cannot read: {exc.strerror or exc}") from None


def is_text_head(head: bytes) -> bool:
    """Whether the first bytes of a file are text ``open_text`` may read: UTF-8 or UTF-16
    as their mark says (a character cut at the end is let be), or, unmarked, bytes with no
    NUL and few control bytes (UTF-8 or a code page, judged on the whole file when read);
    not binary data."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            try:
                text = codecs.getincrementaldecoder(encoding)().decode(head)
            except UnicodeDecodeError:
                return False
            return _looks_like_text(text.encode("utf-8"))
    return _looks_like_text(head)


def _code_page(opener: Opener, name: str) -> str:
    """The Windows code page of a file that is no UTF-8, judged by its words (read again,
    a chunk at a time), or ``FormatError`` when none can be told."""
    evidence = Evidence()
    with opener() as raw:
        while chunk := raw.read(CHUNK):
            evidence.add(chunk)
    page = evidence.verdict()
    if page is None:
        raise FormatError(name, _NOT_RECOGNISED)
    return page


_NOT_RECOGNISED = (
    "the encoding is not recognised (neither UTF-8, UTF-16 nor Windows-1252 Western, "
    f"1250 Central European or 1254 Turkish text): {_ADVICE}"
)


def _check_decodes(raw: IO[bytes], chunk: bytes, encoding: str, name: str) -> None:
    """Decode the whole stream with ``encoding``; NUL or undecodable data → ``FormatError``."""
    decoder = codecs.getincrementaldecoder(encoding)()
    line = 1
    try:
        while chunk:
            text = decoder.decode(chunk)
            if "\x00" in text:
                _not_text(name, line + text.count("\n", 0, text.index("\x00")))
            line += text.count("\n")
            chunk = raw.read(CHUNK)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError as exc:
        line += bytes(exc.object[: exc.start]).count(b"\n") if encoding == "utf-8-sig" else 0
        why = _STRAY if encoding == "utf-8-sig" else f"not valid {encoding} text"
        raise FormatError(name, why, line) from None


@dataclass
class _Scan:
    """What one pass over an unmarked stream found."""

    utf8: bool = True
    #: The line of the first byte that is not UTF-8.
    first_bad: int | None = None
    #: Characters of UTF-8 beyond ASCII, and bytes beyond ASCII that are not part of one.
    utf8_chars: int = 0
    stray: int = 0
    #: Characters of UTF-8 that no Windows code page's text holds (``_sure_utf8``).
    sure_utf8: int = 0
    #: Runs of bytes beyond ASCII, and those of three bytes or more.
    runs: int = 0
    long_runs: int = 0
    rare: int = 0
    holes: bool = False


def _scan_unmarked(raw: IO[bytes], head: bytes, name: str) -> _Scan:
    """The encoding of a stream without a byte-order mark, read to its end in chunks."""
    if not _looks_like_text(head):
        _not_text(name)
    decoder = codecs.getincrementaldecoder("utf-8")()
    scan, line, chunk = _Scan(), 1, head
    while chunk:
        if b"\x00" in chunk:
            _not_text(name, line + chunk.count(b"\n", 0, chunk.index(b"\x00")))
        if scan.utf8:
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                scan.utf8 = False
                scan.first_bad = line + chunk.count(b"\n", 0, exc.start)
        _count(scan, chunk)
        line += chunk.count(b"\n")
        chunk = raw.read(CHUNK)
    if scan.utf8:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            scan.utf8, scan.first_bad = False, line
    return scan


def _count(scan: _Scan, chunk: bytes) -> None:
    """Add what ``chunk`` holds beyond ASCII to ``scan`` (a character cut at the chunk's
    end counts as stray bytes: a few, against the thousands a file's verdict rests on)."""
    high = len(chunk) - len(chunk.translate(None, _HIGH))
    if not high:
        return
    utf8_chars = _UTF8_CHAR.findall(chunk)
    scan.utf8_chars += len(utf8_chars)
    scan.sure_utf8 += sum(map(_sure_utf8, utf8_chars))
    scan.stray += high - sum(len(c) for c in utf8_chars)
    runs = _HIGH_RUN.findall(chunk)
    scan.runs += len(runs)
    scan.long_runs += sum(len(run.lstrip(_OPENING).rstrip(_CLOSING)) >= 3 for run in runs)
    scan.rare += len(chunk.translate(None, _NOT_RARE))
    scan.holes = scan.holes or len(chunk.translate(None, _NOT_HOLES)) > 0


def _sure_utf8(char: bytes) -> bool:
    """Whether a character of UTF-8 is one no Western text holds: read as Windows-1252, a
    letter and signs no word has ("Ã©", "â€™", "çŽ‹"). Those of two bytes that begin with
    0xC2 or 0xC3 ("Â", "Ã"), and those of three or four, unless what follows the letter
    is only signs that close a word ("résumé…”", Portuguese "AMANHÃ”")."""
    if len(char) == 2 and char[0] not in _UTF8_SURE_LEADS:
        return False
    return any(byte not in _CLOSING for byte in char[1:])


def _check_foreign(scan: _Scan, name: str) -> None:
    """Refuse UTF-8 with a stray byte, and text in no 8-bit Latin code page (runs of bytes
    beyond ASCII, or the rare ones Shift-JIS starts its characters with)."""
    # not a Western "É’" that happens to read as UTF-8; and a file with little beyond ASCII
    # (one "é" in UTF-8, one stray byte) is UTF-8 when its UTF-8 is of the sure kind
    if scan.utf8_chars > 2 * scan.stray or (
        scan.sure_utf8 and scan.sure_utf8 * _SURE_SHARE >= scan.stray
    ):
        raise FormatError(name, _STRAY, scan.first_bad)
    rare = scan.rare >= _RARE_AT_LEAST and scan.rare * 2 > scan.stray
    if rare or scan.long_runs > scan.runs * _FOREIGN_SHARE:
        raise FormatError(name, _NOT_RECOGNISED)


def _looks_like_text(head: bytes) -> bool:
    """No NUL and few control bytes: text in some encoding (which one is decided after)."""
    if not head:
        return True
    if b"\x00" in head:
        return False
    controls = len(head) - len(head.translate(None, _CONTROL))
    return controls * 100 <= len(head)


def _not_text(name: str, line: int | None = None) -> NoReturn:
    raise FormatError(name, "not a text file (binary data)", line)
