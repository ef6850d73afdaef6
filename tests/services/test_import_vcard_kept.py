"""Importing what an address book says beyond a person's fields, on both backends:
nicknames search finds, related names and whole addresses in the notes, photos said to be
left out once, subfolders read, line endings made one; re-imports make nothing, undo is
exact, and an export gives the kept address back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from factories import every_row
from netweave.services.context import Context
from netweave.services.export import export_vcards
from netweave.services.import_undo import undo_batch
from netweave.services.imports import ImportOptions, run_import
from netweave.services.people import search_people, show_person

PRIYA = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Apple Inc.//macOS 14.5//EN\r\n"
    "N:Raman;Priya;;;\r\nFN:Priya Raman\r\nNICKNAME:Pri\r\n"
    "EMAIL;type=INTERNET;type=WORK;type=pref:priya@acme.example\r\n"
    "item2.ADR;type=HOME;type=pref:;;12 Elm St;San Francisco;CA;94110;United States\r\n"
    "item2.X-ABADR:us\r\n"
    "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAAAAAAAAAAAAAAA\r\n"
    " AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\r\n"
    "END:VCARD\r\n"
)
JON = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Apple Inc.//macOS 14.5//EN\r\n"
    "N:Okafor;Jon;;;\r\nFN:Jon Okafor\r\nitem1.EMAIL;type=INTERNET:jon@okafor.example\r\n"
    "item2.X-ABRELATEDNAMES;type=pref:Ada Okafor\r\nitem2.X-ABLabel:_$!<Spouse>!$_\r\n"
    "PHOTO;VALUE=uri:https://example.com/jon.jpg\r\n"
    "END:VCARD\r\n"
)
#: Android's contacts app (vCard 2.1).
BOB = (
    "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Smith;Robert;;;\r\nFN:Robert Smith\r\nNICKNAME:Bob\r\n"
    "EMAIL;HOME:bob@smith.example\r\nEND:VCARD\r\n"
)
#: A Google Contacts export (its line ends, and those in a quoted cell, are Windows').
GOOGLE = (
    "First Name,Last Name,Notes,E-mail 1 - Label,E-mail 1 - Value\r\n"
    'Robert,Smith,"Board contact.\r\nPrefers email.",* Home,bob@smith.example\r\n'
)


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode())
    return path


def _import(ctx: Context, kind: str, *paths: Path, skip: bool = False) -> dict[str, Any]:
    return run_import(ctx, kind, list(paths), ImportOptions(skip_bad_rows=skip))


def _found(ctx: Context, text: str) -> list[str]:
    return [p["name"] for p in search_people(ctx, text)]


def test_search_finds_people_by_their_nicknames(ctx: Context, tmp_path: Path) -> None:
    made = _import(ctx, "vcard", _write(tmp_path / "cards.vcf", PRIYA + BOB))
    assert made["created"] == 2
    assert _found(ctx, "Bob") == ["Robert Smith"]
    assert _found(ctx, "pri") == ["Priya Raman"]
    assert show_person(ctx, "Robert Smith")["notes"] == "Also known as Bob (nickname)"
    again = _import(ctx, "vcard", tmp_path / "cards.vcf")
    assert (again["created"], again["updated"]) == (0, 0)


def test_a_nickname_joins_the_notes_someone_has_and_undo_takes_it_back(
    ctx: Context, tmp_path: Path
) -> None:
    """Notes a source gives fill only empty notes; a nickname is kept whatever they hold."""
    _import(ctx, "google-csv", _write(tmp_path / "google.csv", GOOGLE))
    before = every_row(ctx)
    cards = _write(tmp_path / "android.vcf", BOB)
    merged = _import(ctx, "vcard", cards)
    assert merged["merged"] == 1
    assert show_person(ctx, "Robert Smith")["notes"] == (
        "Board contact.\nPrefers email.\nAlso known as Bob (nickname)"
    )
    assert _found(ctx, "bob") == ["Robert Smith"]
    again = _import(ctx, "vcard", cards)
    assert (again["created"], again["updated"]) == (0, 0)
    undo_batch(ctx, again["batch"])
    undo_batch(ctx, merged["batch"])
    assert every_row(ctx) == before


def test_related_names_and_the_whole_address_go_into_the_notes(
    ctx: Context, tmp_path: Path
) -> None:
    before = every_row(ctx)
    made = _import(ctx, "vcard", _write(tmp_path / "apple.vcf", PRIYA + JON))
    priya = show_person(ctx, "Priya Raman")
    assert priya["location"] == "San Francisco, CA, United States"
    assert priya["notes"] == (
        "Also known as Pri (nickname)\n\n"
        "Address (home): 12 Elm St, San Francisco, CA 94110, United States"
    )
    assert show_person(ctx, "Jon Okafor")["notes"] == "Spouse: Ada Okafor"
    assert _found(ctx, "Elm St") == ["Priya Raman"]
    undo_batch(ctx, made["batch"])
    assert every_row(ctx) == before


def test_the_export_writes_the_kept_address_and_reads_back_the_same(
    ctx: Context, tmp_path: Path
) -> None:
    _import(ctx, "vcard", _write(tmp_path / "apple.vcf", PRIYA))
    export_vcards(ctx, tmp_path / "out")
    (card,) = (tmp_path / "out").glob("*.vcf")
    text = card.read_bytes().decode().replace("\r\n ", "")
    assert "NICKNAME:Pri\r\n" in text
    assert (
        'ADR;LABEL="12 Elm St, San Francisco, CA 94110, United States";TYPE=home:'
        ";;12 Elm St;San Francisco;CA;94110;United States\r\n"
    ) in text
    again = _import(ctx, "vcard", tmp_path / "out")
    assert (again["created"], again["updated"]) == (0, 0)


def test_photos_are_said_to_be_left_out_once_for_the_batch(ctx: Context, tmp_path: Path) -> None:
    folder = tmp_path / "contacts"
    _write(folder / "a.vcf", PRIYA)
    _write(folder / "b.vcf", JON + BOB)
    for skip in (False, True):  # one file at a time, or the folder at once
        made = _import(ctx, "vcard", folder, skip=skip)
        said = [e["error"] for e in made["errors"] if "photo" in e["error"]]
        assert said == ["photos are not kept: 2 (the cards were imported without them)"]
        assert made["errors"][-1]["file"] == str(folder)


#: Two cards of a vdir (one a file) naming each other by UID: RFC 6350's RELATED.
RENE = (
    "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:urn:uuid:0a1b2c3d-0000-4000-8000-000000000001\r\n"
    "FN:René Dupont\r\nEMAIL:rene@dupont.example\r\n"
    "RELATED;TYPE=spouse:urn:uuid:0a1b2c3d-0000-4000-8000-000000000002\r\nEND:VCARD\r\n"
)
CLAIRE = (
    "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:urn:uuid:0a1b2c3d-0000-4000-8000-000000000002\r\n"
    "FN:Claire Dupont\r\nEMAIL:claire@dupont.example\r\n"
    "RELATED;TYPE=spouse:urn:uuid:0a1b2c3d-0000-4000-8000-000000000001\r\nEND:VCARD\r\n"
)


def test_a_related_card_in_another_file_of_the_import_is_named(
    ctx: Context, tmp_path: Path
) -> None:
    """René's card names Claire's, a file read after his, by its UID: his notes name her,
    whether the folder is read at once or file by file; search finds him by her name."""
    folder = tmp_path / "contacts"
    _write(folder / "a-rene.vcf", RENE)
    _write(folder / "b-claire.vcf", CLAIRE)
    for skip in (False, True):
        made = _import(ctx, "vcard", folder, skip=skip)
        assert show_person(ctx, "rene@dupont.example")["notes"] == "Spouse: Claire Dupont"
        assert show_person(ctx, "claire@dupont.example")["notes"] == "Spouse: René Dupont"
        undo_batch(ctx, made["batch"])
    _import(ctx, "vcard", folder)
    assert "René Dupont" in _found(ctx, "claire")


def test_cards_in_subfolders_are_imported(ctx: Context, tmp_path: Path) -> None:
    _write(tmp_path / "contacts" / "work" / "priya.vcf", PRIYA)
    _write(tmp_path / "contacts" / "family" / "deeper" / "bob.vcf", BOB)
    _write(tmp_path / "contacts" / ".git" / "jon.vcf", JON)
    made = _import(ctx, "vcard", tmp_path / "contacts", skip=True)
    assert made["created"] == 2
    assert _found(ctx, "okafor") == []
    undo_batch(ctx, made["batch"])
    made = _import(ctx, "vcard", tmp_path / "contacts")
    assert made["created"] == 2


def test_imported_notes_have_unix_line_ends(ctx: Context, tmp_path: Path) -> None:
    _import(ctx, "google-csv", _write(tmp_path / "google.csv", GOOGLE))
    assert show_person(ctx, "Robert Smith")["notes"] == "Board contact.\nPrefers email."
