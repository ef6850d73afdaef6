"""What an import says about itself in the words of the command line or of the web app.

A problem or note that tells the user what to do names the controls of the interface
they use: ``--me ADDRESS`` and ``netweave import undo 12`` on the command line, the
upload form's "Your address" field and an import's Undo button on the web. Each message
is built once, by a function that takes ``web``; a problem listed with an import keeps
both wordings (``error`` the command line's, ``web`` the web app's when they differ), and
each interface shows its own (``in_words``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netweave.logic.wording import count, listed

if TYPE_CHECKING:
    from netweave.io.mbox_folders import PassedFile

#: A message in the words of the command line (``False``) or of the web app (``True``).
Said = Callable[[bool], str]
#: The upload form's field that takes what ``--me`` takes.
MY_ADDRESS_FIELD = "“Your address”"


def both(say: Said) -> tuple[str, str]:
    """The command line's words and the web app's for one message."""
    return say(False), say(True)


def in_words(problems: Iterable[dict[str, Any]], *, web: bool) -> list[dict[str, Any]]:
    """An import's problems as one interface shows them: ``{file, line, error}``."""
    return [{"file": p["file"], "line": p["line"],
             "error": p.get("web") or p["error"] if web else p["error"]}
            for p in problems]  # fmt: skip


def undo_it(batch: int, web: bool) -> str:
    """How to undo an import."""
    if web:
        return f"the Undo button of import {batch} on the Imports page"
    return f"`netweave import undo {batch}`"


def no_address_of_mine(web: bool) -> str:
    """Listed with a calendar's import when no address of the user's is known."""
    how = (f"filling in {MY_ADDRESS_FIELD}" if web
           else "giving your address (--me ADDRESS; on the web, “Your address”)")  # fmt: skip
    return (
        "no address of yours is known, so meetings you declined are imported too: undo this "
        f"import and import again {how}, or add your email to your own record first"
    )


def mail_needs_me(web: bool) -> str:
    """Why mail cannot be imported without an address of the user's."""
    if web:
        return (f"importing mail needs your own address: fill in {MY_ADDRESS_FIELD} (several: "
                "separated by commas), or add your email to your own record")  # fmt: skip
    return (
        "importing mail needs your own address: --me ADDRESS (repeatable), or an email "
        "on your own record (`netweave people edit YOU --email ADDRESS`)"
    )


def none_of_the_mail_mine(messages: int, addresses: str, web: bool, *, name: bool = False) -> str:
    """Why a mailbox (or, ``name``, LinkedIn messages) none of whose many messages is the
    user's was refused."""
    where = MY_ADDRESS_FIELD if web else "--me"
    give = f"in {MY_ADDRESS_FIELD}" if web else "as --me"
    yours = (
        "your name as these messages write it, or your LinkedIn profile URL,"
        if name
        else "your own address(es) in this mail"
    )
    return (
        f"none of the {messages} messages is from or to {addresses} ({where}): "
        f"nothing imported; give {yours} {give}"
    )


def little_of_the_mail_mine(
    messages: int, addresses: str, batch: int, web: bool, *, name: bool = False
) -> str:
    """A note with a mailbox (or, ``name``, LinkedIn messages) too small to refuse, none of
    whose messages is the user's."""
    where = MY_ADDRESS_FIELD if web else "--me"
    undo = undo_it(batch, web) if web else f"netweave import undo {batch}"
    give = f"import it again with yours in {MY_ADDRESS_FIELD}" if web else "give yours"
    what = "name" if name else "address"
    return (
        f"none of the {count(messages, 'message')} is from or to {addresses} ({where}): if "
        f"that is not your {what}, undo this import ({undo}) and {give}"
    )


def older_events(start: dt.date, oldest: dt.date, web: bool) -> str:
    """A note that a calendar holds events from before the days read."""
    told = f"events before {start} were not read (the calendar goes back to {oldest})"
    if web:
        return f"{told}: an import here reads the last three years"
    return f"{told}: import with --since {oldest} to read them too"


def strangers_skipped(meetings: int, web: bool) -> str:
    """A note that meetings with no one known in them were skipped."""
    how = ("tick “Add the people met in meetings” and import the calendar again" if web
           else "import the calendar with --create-people: on the web, “Add the people met "
           "in meetings”")  # fmt: skip
    return (
        f"{count(meetings, 'meeting')} skipped: no one in them is known yet (import your "
        f"contacts first, or {how})"
    )


def bulk_left_out(messages: int, web: bool) -> str:
    """A note that newsletters and automated messages (bulk mail) were left out, and how to
    keep them."""
    how = ("`netweave import mbox --include-bulk` on the command line" if web
           else "import the mail with --include-bulk")  # fmt: skip
    them = "it" if messages == 1 else "them"
    what = count(messages, "newsletter or automated message", "newsletters or automated messages")
    return f"{what} left out as bulk mail ({how} to keep {them})"


def not_held_yet(events: int, until: dt.date | None, today: dt.date, web: bool) -> str:
    """Say that the events of the days read that start after now were left out: a meeting
    planned is no contact yet (an import after it takes place brings it in)."""
    asked = ""
    if until is not None and until > today:
        asked = f", not to {until} as asked" if web else f", not to --until {until}"
    return f"{count(events, 'event')} not held yet left out: a calendar is read up to now{asked}"


def partly_imported(batch: int, files: str, created: int, them: str, web: bool) -> str:
    """What stays of a batch whose later file failed, and how to take it out."""
    return (
        f"batch {batch} keeps the {files} before it ({created} created): "
        f"{undo_it(batch, web)} takes {them} out"
    )


def conversation_kept(interaction: int, web: bool) -> str:
    """A conversation the user added to, kept though its meeting is gone: how to delete it."""
    if web:
        return f"kept (the Delete button on conversation #{interaction}'s page takes it out)"
    return f"kept (`netweave conversations delete {interaction}` takes it out)"


#: Why the files of a mail folder were not read (``mbox_folders.PASSED_REASONS``), said.
_NOT_READ = {
    "index": "Thunderbird's indexes of its mail folders, rebuilt from the mail itself",
    "data": "a mail program's settings and data, not mail",
    "discarded": "mail thrown away (Trash, Junk)",
    "empty": "empty",
    "message": "single messages (.eml), not mailboxes: export the folder they came from",
    "not-mbox": "not mailboxes (an mbox file starts with a “From ” line)",
    "folder": "folders, not a mail folder's subfolders (NAME.sbd)",
}
#: The names a note of files not read lists, past which it counts them.
NAMES_LISTED = 5


def files_not_read(folder: Path, passed: Sequence[PassedFile]) -> list[str]:
    """What an import of a mail folder says of the files in it that it did not read: one
    note for each reason, naming the files (as within ``folder``); the index beside each
    mail folder is counted."""
    notes = []
    if indexes := sum(p.why == "index" for p in passed):
        notes.append(f"not read: {count(indexes, 'index file')} (.msf) — {_NOT_READ['index']}")
    for why, said in _NOT_READ.items():
        names = [_within(p.path, folder) for p in passed if p.why == why]
        if names and why != "index":
            shown = names[:NAMES_LISTED]
            if len(names) > NAMES_LISTED:
                shown.append(f"{len(names) - NAMES_LISTED} more")
            notes.append(f"not read: {listed(shown)} — {said}")
    notes += [f"not read: {_within(p.path, folder)} — {p.detail or 'it cannot be opened'}"
              for p in passed if p.why == "unreadable"]  # fmt: skip
    return notes


def _within(path: Path, folder: Path) -> str:
    return str(path.relative_to(folder)) if path.is_relative_to(folder) else str(path)
