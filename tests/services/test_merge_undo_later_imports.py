"""A merge is not undone under a later import that added to the person it kept: its undo
would move back the address that import found them by, and split the contact in two."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from netweave.errors import Conflict
from netweave.services.context import Context
from netweave.services.import_undo import undo_batch
from netweave.services.imports import ImportOptions, run_import
from netweave.services.merge import merge
from netweave.services.people import show_person
from netweave.store.models import Person

ME = "maya.lindqvist@example.com"

CONNECTIONS = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    'are missing."\n\n'
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "José,García,https://www.linkedin.com/in/jos%C3%A9-garc%C3%ADa-12345,,Telefónica,"
    "Product Manager,15 Jun 2024\n"
)

FIRST_MAIL = (
    "From jose@telefonica.example Mon May 04 09:00:00 2026\n"
    "From: =?UTF-8?Q?Jos=C3=A9_Garc=C3=ADa?= <jose@telefonica.example>\n"
    f"To: Maya Lindqvist <{ME}>\n"
    "Subject: Hola\n"
    "Date: Mon, 04 May 2026 09:00:00 +0100\n"
    "Message-ID: <j1@telefonica.example>\n\n"
    "Hola Maya\n"
)

LATER_MAIL = (
    "From jose@telefonica.example Wed May 20 09:00:00 2026\n"
    "From: =?UTF-8?Q?Jos=C3=A9_Garc=C3=ADa?= <jose@telefonica.example>\n"
    f"To: Maya Lindqvist <{ME}>\n"
    "Subject: Follow-up\n"
    "Date: Wed, 20 May 2026 09:00:00 +0100\n"
    "Message-ID: <j2@telefonica.example>\n\n"
    "Hola otra vez\n"
)

GOOGLE = (
    "Name,Given Name,Family Name,E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,"
    "Phone 1 - Value\n"
    "José García,José,García,* Work,jose@telefonica.example,Mobile,+34 600 111 222\n"
)


def _merged(ctx: Context, tmp_path: Path) -> tuple[int, int, int]:
    """José from LinkedIn (no address) and José from mail merged: (kept, other, merge)."""
    (tmp_path / "Connections.csv").write_text(CONNECTIONS, encoding="utf-8")
    (tmp_path / "first.mbox").write_text(FIRST_MAIL, encoding="utf-8")
    run_import(ctx, "linkedin", [tmp_path / "Connections.csv"], ImportOptions())
    kept = int(show_person(ctx, "José García")["id"])
    run_import(ctx, "mbox", [tmp_path / "first.mbox"], ImportOptions(me=[ME]))
    other = next(p for p in _ids(ctx) if p != kept)
    batch = int(merge(ctx, f"#{kept}", f"#{other}")["batch"])
    return kept, other, batch


def _ids(ctx: Context) -> list[int]:
    with ctx.db.reading() as session:
        return list(session.scalars(select(Person.id).where(Person.display_name == "José García")))


@pytest.mark.parametrize(
    ("kind", "name", "text"),
    [("google-csv", "jose.csv", GOOGLE), ("mbox", "later.mbox", LATER_MAIL)],
)
def test_a_merge_waits_for_a_later_import_that_added_to_the_person_it_kept(
    ctx: Context, tmp_path: Path, kind: str, name: str, text: str
) -> None:
    kept, other, merge_batch = _merged(ctx, tmp_path)
    (tmp_path / name).write_text(text, encoding="utf-8")
    later = run_import(ctx, kind, [tmp_path / name], ImportOptions(me=[ME]))["batch"]
    with pytest.raises(
        Conflict, match=rf"merge {merge_batch} cannot be undone .* \({later}\): undo that first"
    ):
        undo_batch(ctx, merge_batch)
    assert show_person(ctx, f"#{kept}")["emails"] == ["jose@telefonica.example"]
    undo_batch(ctx, later)
    undo_batch(ctx, merge_batch)  # newest first, both go
    assert show_person(ctx, f"#{kept}")["emails"] == []
    assert show_person(ctx, f"#{other}")["emails"] == ["jose@telefonica.example"]
    assert show_person(ctx, f"#{kept}")["phones"] == []


def test_a_merge_is_undone_when_the_later_import_added_to_someone_else(
    ctx: Context, tmp_path: Path
) -> None:
    _, other, merge_batch = _merged(ctx, tmp_path)
    (tmp_path / "mei.csv").write_text(
        GOOGLE.splitlines()[0] + "\nMei Chen,Mei,Chen,* Work,mei@example.org,,\n",
        encoding="utf-8",
    )
    run_import(ctx, "google-csv", [tmp_path / "mei.csv"], ImportOptions())
    undo_batch(ctx, merge_batch)
    assert show_person(ctx, f"#{other}")["emails"] == ["jose@telefonica.example"]
