"""People's given and family names on both backends: guessed from a name typed in (added,
renamed, met at an event) as people are called, the parts a source gives kept as given,
and both as drafts and cards use them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from factories import person
from netweave.io.vcard import read_vcards
from netweave.services import events
from netweave.services.context import Context
from netweave.services.export import export_vcards
from netweave.services.imports import ImportOptions, run_import
from netweave.services.outreach import draft_message
from netweave.services.people import PersonChanges, edit_person, show_person


def _parts(ctx: Context, name: str) -> tuple[str | None, str | None]:
    shown = show_person(ctx, name)
    return shown["given_name"], shown["family_name"]


def test_a_name_typed_in_gives_the_name_a_person_is_called_by(ctx: Context) -> None:
    person(ctx, "Jordan Avery", is_me=True)
    person(ctx, "Guido van Rossum", company="Python Software Foundation")
    assert _parts(ctx, "Guido van Rossum") == ("Guido", "van Rossum")
    assert draft_message(ctx, "Guido van Rossum")["text"].startswith("Hi Guido,\n")
    edit_person(ctx, "Guido van Rossum", PersonChanges(name="Zed Q. Tester"))
    assert _parts(ctx, "Zed Q. Tester") == ("Zed", "Tester")
    assert draft_message(ctx, "Zed Q. Tester")["text"].startswith("Hi Zed,\n")
    events.add_event(ctx, "PyData Berlin", dt.date(2026, 6, 12))
    events.meet(ctx, "pydata", ["Juan de la Cruz", "Sam Lee, Jr.", "王小明"])
    assert _parts(ctx, "Juan de la Cruz") == ("Juan", "de la Cruz")
    assert _parts(ctx, "Sam Lee, Jr.") == ("Sam", "Lee")
    assert _parts(ctx, "王小明") == ("小明", "王")


def test_a_card_written_back_gives_the_parts_as_guessed_or_as_read(
    ctx: Context, tmp_path: Path
) -> None:
    """A card from a file keeps its N field through an import and an export, however its
    name would be split; one with no parts gets the guessed ones."""
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Tester;Zed Q.;;;\r\nFN:Zed Q. Tester\r\n"
        "EMAIL:zed@example.com\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:;Guido;;;\r\nFN:Guido van Rossum\r\n"
        "EMAIL:guido@example.com\r\nEND:VCARD\r\n"
    )
    source = tmp_path / "cards.vcf"
    source.write_bytes(card.encode())
    run_import(ctx, "vcard", [source], ImportOptions())
    person(ctx, "Ludwig van Beethoven")
    export_vcards(ctx, tmp_path / "out")
    written = {r.name: (r.given_name, r.family_name) for r in read_vcards(tmp_path / "out")}
    assert written == {
        "Zed Q. Tester": ("Zed Q.", "Tester"),  # as the file gave them
        "Guido van Rossum": ("Guido", "van Rossum"),  # the family name the file left out
        "Ludwig van Beethoven": ("Ludwig", "van Beethoven"),
    }
