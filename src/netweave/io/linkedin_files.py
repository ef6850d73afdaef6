"""Finding a LinkedIn export's files: by name or header row, in a folder or a zip archive."""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO

from netweave.io.encoding import CHUNK, open_text_stream
from netweave.io.records import FormatError
from netweave.io.text import HEADER_LINES, split_line

#: The files read (lower-cased), in the order they are read.
FILES = ("profile.csv", "education.csv", "connections.csv", "invitations.csv", "messages.csv")
EXPECTED = "Connections.csv, messages.csv, Profile.csv or Invitations.csv"
# An export file's name, also as a browser saves a second download: "Connections (1).csv".
_FILE_NAME = re.compile(
    r"^(profile|education|connections|invitations|messages)(?: ?\(\d+\))?\.csv$", re.I
)

Opener = Callable[[], IO[bytes]]


def blank_file(path: Path) -> bool:
    """Whether a file holds nothing but white space (and a byte-order mark)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False  # reading the file says what is wrong
    return len(head) < 4096 and not head.removeprefix(b"\xef\xbb\xbf").strip()


def export_kind(file_name: str) -> str | None:
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
    ("education.csv", ("school name", "degree name")),
    ("invitations.csv", ("from", "to", "sent at", "direction")),
    ("messages.csv", ("from", "to", "date")),
)


def kind_by_header(path: Path) -> str | None:
    """Which export file a CSV under another name is, told by its header row (after any
    preamble, as Connections.csv has), or ``None`` (for a file that is not text too).

    A file whose encoding is refused (UTF-8 with a stray byte, an unknown code page) is
    told by its header's bytes, read as UTF-8 as far as they are: reading it then says
    what is wrong with its text, not that it is no export."""
    try:
        with open_text_stream(file_opener(path), str(path)) as stream:
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
        cells = set().union(*(lower_cells(split_line(line, sep)) for sep in ",;\t"))
        for kind, columns in _HEADERS:
            if set(columns) <= cells:
                return kind
        if number >= HEADER_LINES:
            break
    return None


def _preference(file_name: str) -> tuple[bool, str]:
    """Which of several copies of one export file is read: the exact name, else the first."""
    return (file_name.lower() not in FILES, file_name)


def export_files(folder: Path) -> dict[str, Path]:
    """The export files directly in ``folder``, by kind (one copy of each)."""
    found: dict[str, Path] = {}
    for child in sorted(folder.iterdir()):
        kind = export_kind(child.name)
        if kind is not None and not (child.is_file() or child.is_dir()):
            raise FormatError(str(child), "not a file (a pipe or a device)")
        if kind is None or not child.is_file():
            continue
        if kind not in found or _preference(child.name) < _preference(found[kind].name):
            found[kind] = child
    return found


def file_opener(file: Path) -> Opener:
    """How to open a file of the export (once for each reading)."""
    return lambda: file.open("rb")


def member_opener(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Opener:
    """How to open a file of the export in its zip archive."""
    return lambda: archive.open(info)


def zip_members(archive: zipfile.ZipFile, name: str) -> list[tuple[str, zipfile.ZipInfo]]:
    """The export files in the archive, in reading order; the least nested copy of each
    (and of copies side by side, the exact name, else the first by name). An archive
    holding two exports (in two folders side by side, or one file twice) is refused, as a
    folder holding two is: which one is meant cannot be told."""
    found: dict[str, zipfile.ZipInfo] = {}
    seen: dict[tuple[str, int], set[str]] = {}
    for info in archive.infolist():
        kind = export_kind(info.filename.rsplit("/", 1)[-1])
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
        kind = export_kind(info.filename.rsplit("/", 1)[-1])
        if info.is_dir() or kind is None:
            continue
        if kind not in found or rank(info) < rank(found[kind]):
            found[kind] = info
    return [(kind, found[kind]) for kind in FILES if kind in found]


def lower_cells(cells: list[str]) -> set[str]:
    """A row's cells as a header's column names: lower-cased, without a byte-order mark."""
    return {cell.replace("\ufeff", "").strip().lower() for cell in cells}
