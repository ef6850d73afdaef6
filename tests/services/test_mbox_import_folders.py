"""Importing a Thunderbird profile's mail: folders named with dots ("Jobs.2025",
"Clients.old") are read, and the import says which files it did not read, and why."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import select

from netweave.services.context import Context
from netweave.services.imports import ImportOptions, run_import
from netweave.store.models import Interaction, Person

ME = "maya@example.com"
PROFILE = Path(__file__).parent.parent / "data" / "mbox" / "thunderbird-profile"


def _names(ctx: Context) -> set[str]:
    with ctx.db.reading() as session:
        return set(session.scalars(select(Person.display_name)))


def _subjects(ctx: Context) -> list[str]:
    with ctx.db.reading() as session:
        return sorted(s or "" for s in session.scalars(select(Interaction.summary)))


def test_mail_folders_named_with_dots_are_imported(ctx: Context, tmp_path: Path) -> None:
    folder = shutil.copytree(PROFILE / "Mail" / "Local Folders", tmp_path / "Local Folders")
    result = run_import(ctx, "mbox", [folder], ImportOptions(me=[ME]))
    # Jobs.2025, Clients.old and Inbox.sbd/Recruiters.2024 are mail folders
    assert _names(ctx) == {"Ada Byron", "Bo Lindqvist", "Cy Okafor", "Di Novak"}
    assert _subjects(ctx) == [
        "A role you may like", "Coffee on Thursday", "Invoice for the spring workshop",
        "Re: The product role at Acme", "The product role at Acme",
    ]  # fmt: skip
    assert result["skipped"] == 0  # no message passed over: files are said, not counted
    said = [(e["file"], e["line"], e["error"]) for e in result["errors"]]  # type: ignore[index]
    where = str(folder)
    assert said == [
        (where, None, "not read: 6 index files (.msf) — Thunderbird's indexes of its mail "
                      "folders, rebuilt from the mail itself"),
        (where, None, "not read: msgFilterRules.dat and popstate.dat — a mail program's "
                      "settings and data, not mail"),
        (where, None, "not read: Trash — mail thrown away (Trash, Junk)"),
        (where, None, "not read: Unsent Messages — empty"),
    ]  # fmt: skip


def test_a_whole_profile_is_imported_through_its_accounts(ctx: Context) -> None:
    result = run_import(ctx, "mbox", [PROFILE], ImportOptions(me=[ME]))
    assert "Fay Chen" in _names(ctx)  # ImapMail/imap.example.com/INBOX
    assert len(_names(ctx)) == 5
    errors = [e["error"] for e in result["errors"]]  # type: ignore[index]
    assert errors[0].startswith("not read: 7 index files (.msf)")
    assert errors[1] == (
        "not read: folderTree.json, global-messages-db.sqlite, prefs.js, "
        "ImapMail/imap.example.com/msgFilterRules.dat, Mail/Local Folders/msgFilterRules.dat "
        "and 1 more — a mail program's settings and data, not mail"
    )
    assert errors[-1] == "not read: extensions — folders, not a mail folder's subfolders (NAME.sbd)"
    again = run_import(ctx, "mbox", [PROFILE], ImportOptions(me=[ME]))
    assert (again["created"], len(_names(ctx))) == (0, 5)  # read again: nothing new
