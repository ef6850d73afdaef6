"""Which files of a mail folder are mailboxes, and why each of the others is not read.

A folder given to ``read_mbox`` may be a folder of ``.mbox`` files, Apple Mail's export
bundle (a file named ``mbox``) or Thunderbird's layout: each mail folder an mbox file with
no extension of its own (a folder's name may hold dots: "Jobs.2025", "Clients.old"), its
``.msf`` index beside it, its subfolders in a ``NAME.sbd`` folder beside it, and the
program's settings and data (``.dat``, ``.json``, ``.sqlite`` …) among them. A Thunderbird
profile keeps such folders, one per account, in its ``Mail`` (``Local Folders``, POP
accounts) and ``ImapMail`` folders.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from netweave.io.mbox_split import ADDRESS_SEPARATOR, FULL_SEPARATOR
from netweave.io.records import FormatError, folder_files, not_a_file

#: The files read from a folder by name: these suffixes, and Apple Mail's ``mbox`` in an
#: export bundle.
MBOX_SUFFIXES = (".mbox", ".mbx")
#: The folders of a Thunderbird profile that hold one mail folder per account.
ACCOUNT_FOLDERS = frozenset({"mail", "imapmail"})
#: Thunderbird's folders of mail thrown away, not read when a whole mail folder is.
DISCARDED_FOLDERS = frozenset({"trash", "junk", "spam"})
#: The index Thunderbird keeps beside each mail folder (rebuilt from the folder itself).
INDEX_SUFFIX = ".msf"
#: Endings of files that are never mail: the settings and data a mail program keeps
#: beside its folders (Thunderbird's filters and POP state ``.dat``, folder tree
#: ``.json``, search database ``.sqlite``, logs …). Never opened.
DATA_SUFFIXES = frozenset({
    ".dat", ".json", ".jsonlz4", ".sqlite", ".sqlite-journal", ".sqlite-wal", ".sqlite-shm",
    ".db", ".mab", ".html", ".js", ".log", ".xml", ".rdf", ".ini", ".lock", ".bak",
})  # fmt: skip

#: How much of a file's first line tells whether it starts as an mbox does.
_FIRST_LINE = 1024
#: Why a file of a folder was not read (``PassedFile.why``), in the order said.
PASSED_REASONS = ("index", "data", "discarded", "empty", "message", "not-mbox", "folder",
                  "unreadable")  # fmt: skip


@dataclass(frozen=True)
class PassedFile:
    """A file (or folder) of a mail folder that was not read, and why (``PASSED_REASONS``;
    ``detail`` for ``unreadable``)."""

    path: Path
    why: str
    detail: str = ""


OnPassed = Callable[[PassedFile], None]


def mail_files(path: Path, on_passed: OnPassed | None = None, *, sub: bool = False) -> list[Path]:
    """The mbox files at ``path``, in the order ``read_mbox`` reads them: the file itself,
    or a folder's mail files in name order, then those of its Thunderbird subfolders
    (``Inbox.sbd/Work``, at any depth), but for Trash and Junk; given a Thunderbird profile
    (or its ``Mail`` or ``ImapMail`` folder), those of each account's mail folder after
    them. Every other visible entry is told to ``on_passed`` with why (hidden ones, such
    as ``.parentlock``, are not). A subfolder (``sub``) may hold none; a folder given that
    holds none raises ``FormatError``."""
    if not path.is_dir():
        return [path]
    bad: list[FormatError] = []
    try:
        named = folder_files(path, MBOX_SUFFIXES, ("mbox",), unreadable=bad)
    except FormatError:  # none so named: Thunderbird's files have no extension
        named = []
    if bad:
        raise bad[0]
    files, folders = list(named), []
    for entry in sorted(path.iterdir()):
        if entry.name.startswith(".") or entry in named:
            continue
        why = _not_mail(entry)
        if why == "folder" and not sub:
            why = _profile_part(path, entry)
        if why is None:
            files.append(entry)
        elif why == "subfolders":
            folders.append(entry)
        elif why == "accounts":
            folders += _accounts(entry, on_passed)
        elif on_passed is not None:
            on_passed(PassedFile(entry, why, not_a_file(entry) or ""))
    files.sort()
    for folder in folders:
        files.extend(mail_files(folder, on_passed, sub=True))
    if not files and not sub:
        raise FormatError(
            str(path), "the folder holds no .mbox or .mbx files, nor a mail folder's file"
        )
    return files


def _profile_part(path: Path, entry: Path) -> str:
    """What a folder in the folder given is, in a Thunderbird profile: ``"accounts"`` (its
    ``Mail`` or ``ImapMail``), ``"subfolders"`` (an account's mail folder, in the ``Mail``
    or ``ImapMail`` given), else ``"folder"`` (not read)."""
    if entry.is_symlink():
        return "folder"
    if entry.name.lower() in ACCOUNT_FOLDERS and any(map(_is_account, entry.iterdir())):
        return "accounts"
    if path.name.lower() in ACCOUNT_FOLDERS and _is_account(entry):
        return "subfolders"
    return "folder"


def _accounts(folder: Path, on_passed: OnPassed | None) -> list[Path]:
    """The accounts' mail folders in a profile's ``Mail`` or ``ImapMail`` (``Local
    Folders``, ``imap.example.com``) and any mail file there, in name order; its other
    entries told as not read."""
    found = []
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith("."):
            continue
        why = "subfolders" if _is_account(entry) else _not_mail(entry)
        if why in (None, "subfolders"):  # a mail file there is read too
            found.append(entry)
        elif on_passed is not None:
            on_passed(PassedFile(entry, why or "", not_a_file(entry) or ""))
    return found


def _is_account(entry: Path) -> bool:
    """Whether a folder is a Thunderbird account's mail folder: one holding an index
    (``.msf``), subfolders (``.sbd``) or the account's filters (``msgFilterRules.dat``)."""
    if entry.is_symlink() or not entry.is_dir() or entry.name.startswith("."):
        return False
    return any(
        child.suffix.lower() in (INDEX_SUFFIX, ".sbd") or child.name == "msgFilterRules.dat"
        for child in entry.iterdir()
    )


def _not_mail(entry: Path) -> str | None:
    """Why an entry of a mail folder is not read (a ``PASSED_REASONS``), ``"subfolders"``
    for a Thunderbird folder of subfolders to read, or ``None`` for a mail folder's file."""
    suffix = entry.suffix.lower()
    if entry.name.lower() in DISCARDED_FOLDERS or (
        suffix == ".sbd" and entry.stem.lower() in DISCARDED_FOLDERS
    ):
        return "discarded"
    if entry.is_symlink() and entry.is_dir():
        return "folder"  # a linked folder: read where it is, if wanted
    if entry.is_dir():
        return "subfolders" if suffix == ".sbd" else "folder"
    if not entry.is_file():
        return "unreadable"  # a broken link, a pipe: never opened
    if why := never_mail(suffix):
        return why
    return _by_content(entry, suffix)


def never_mail(suffix: str) -> str | None:
    """Why a file whose name ends with ``suffix`` (lower case) is never read as a mailbox,
    whatever it holds: an index, a program's data, one message (``PASSED_REASONS``)."""
    if suffix == INDEX_SUFFIX:
        return "index"
    if suffix in DATA_SUFFIXES:
        return "data"
    if suffix == ".eml":  # one message, which ``read_mbox`` does not read on its own
        return "message"
    return None


def starts_as_mail(start: bytes) -> bool:
    """Whether a file's first line is a whole separator as mail programs write it ("From -
    Mon Jun  1 10:00:00 2026", "From ada@example.com"), not prose ("From my point of
    view"): how a mail folder named with a dot ("Jobs.2025") is told."""
    return bool(FULL_SEPARATOR.match(start) or ADDRESS_SEPARATOR.match(start))


def _by_content(entry: Path, suffix: str) -> str | None:
    """Whether a file starts as an mbox does, whatever its name: with a ``From `` line, and,
    for one whose name has a dot (Thunderbird's "Jobs.2025", but also "notes.txt"), with a
    whole separator as mail programs write it ("From - Mon Jun  1 10:00:00 2026"), not
    prose ("From my point of view")."""
    try:
        with entry.open("rb") as stream:
            start = stream.readline(_FIRST_LINE)
    except OSError:
        return "unreadable"
    if not start:
        return "empty"
    if start.startswith(b"From ") and (not suffix or starts_as_mail(start)):
        return None
    return "not-mbox"
