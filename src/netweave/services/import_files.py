"""The files an import reads: which paths may be read, a folder's files, and their digest."""

from __future__ import annotations

import hashlib
import stat
from collections.abc import Sequence
from pathlib import Path

from netweave.errors import InvalidInput
from netweave.io.records import FormatError, folder_files, not_a_file

#: Kinds whose folders hold files that stand alone (address books, calendars), and the
#: endings of those files.
_FILE_BY_FILE = {"vcard": (".vcf",), "google-csv": (".csv",), "ics": (".ics",)}
#: Kinds whose folders are read with their subfolders: a folder of address books, one per
#: subfolder (vdirsyncer's and khard's), as ``read_vcards`` reads it.
_SUBFOLDERS = frozenset({"vcard"})


def check_path(path: Path) -> None:
    """Refuse what is not a file or a folder to read: a name that leads nowhere (a link in
    a loop, too), and a pipe or a device, which could be read only once or never end."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        if path.is_symlink():
            raise InvalidInput(f"{path}: {not_a_file(path)}") from None
        raise InvalidInput(f"no such file: {path}") from None
    except OSError as exc:  # a link in a loop, a folder it may not look into
        raise InvalidInput(f"{path}: cannot be read: {exc.strerror or exc}") from None
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        raise InvalidInput(
            f"{path}: not a file (a pipe or a device): save what it holds to a file and import that"
        )


def each_file(
    kind: str, paths: Sequence[Path], skip_bad_rows: bool, unreadable: list[FormatError]
) -> list[Path]:
    """The files to import one by one: with ``skip_bad_rows``, a folder of address books or
    calendars is read file by file, so that a bad one is passed over (and listed) rather
    than failing the rest; what in it is no file (a broken link, a pipe) goes to
    ``unreadable``, unopened."""
    suffixes = _FILE_BY_FILE.get(kind)
    if not skip_bad_rows or suffixes is None:
        return list(paths)
    deep = kind in _SUBFOLDERS
    return [
        f
        for p in paths
        for f in (
            folder_files(p, suffixes, unreadable=unreadable, subfolders=deep) if p.is_dir() else [p]
        )
    ]


def digest(paths: Sequence[Path]) -> str:
    """The SHA-256 of the files read, a folder's files included (in name order)."""
    digest = hashlib.sha256()
    for path in paths:
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            try:
                with file.open("rb") as handle:
                    for block in iter(lambda: handle.read(1 << 20), b""):
                        digest.update(block)
            except OSError as exc:
                why = exc.strerror or str(exc)
                raise FormatError(str(file), f"cannot read the file: {why}") from exc
    return digest.hexdigest()
