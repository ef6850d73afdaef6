"""The postal addresses of a Google or Outlook contacts CSV, on both backends: kept whole in
the notes as a vCard's are, once; a re-import makes and changes nothing, undo is exact, and
`export vcard` gives them back as cards that import as the same people."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from factories import every_row
from netweave.io.vcard import read_vcards
from netweave.services.context import Context
from netweave.services.export import export_vcards
from netweave.services.import_undo import undo_batch
from netweave.services.imports import ImportOptions, run_import
from netweave.services.people import search_people, show_person

DATA = Path(__file__).resolve().parents[1] / "data" / "google"
GOOGLE, OUTLOOK = DATA / "contacts_google.csv", DATA / "contacts_outlook.csv"


def _import(ctx: Context, kind: str, path: Path) -> dict[str, Any]:
    return run_import(ctx, kind, [path], ImportOptions())


def _unchanged(result: dict[str, Any]) -> bool:
    return (result["created"], result["updated"], result["merged"]) == (0, 0, 0)


def test_each_address_is_kept_once_and_a_reimport_changes_nothing(ctx: Context) -> None:
    before = every_row(ctx)
    google = _import(ctx, "google-csv", GOOGLE)
    priya = show_person(ctx, "Priya Raman")
    assert priya["location"] == "Bengaluru, KA, IN"
    assert priya["notes"] == (
        "Address (home): 12 MG Road, Bengaluru, KA 560001, IN\n\n"
        "Address (home): 4 Lake View Rd, PO Box 77, Kodaikanal, TN 624101, IN\n\n"
        "Address (work): Electronics City, Bengaluru, KA 560100, IN"
    )
    assert [p["name"] for p in search_people(ctx, "Kodaikanal")] == ["Priya Raman"]
    assert show_person(ctx, "Tomás Herrera")["notes"] == (  # in its notes already, and as Other
        "Met at the Bogotá meetup.\n\nAddress (home): Calle 50 # 12-34, Bogotá, DC 110111, CO"
    )
    outlook = _import(ctx, "google-csv", OUTLOOK)
    assert show_person(ctx, "Mei Chen")["notes"] == (  # Home and Other the same: once
        "Address (work): Level 12, 1 Harbour St, Sydney, NSW 2000, Australia\n\n"
        "Address (home): 3 Beach Rd, Bondi, NSW 2026, Australia"
    )
    imported = every_row(ctx)
    for path in (GOOGLE, OUTLOOK):
        again = _import(ctx, "google-csv", path)
        assert _unchanged(again), again
        undo_batch(ctx, int(again["batch"]))
    assert every_row(ctx) == imported
    undo_batch(ctx, int(outlook["batch"]))
    undo_batch(ctx, int(google["batch"]))
    assert every_row(ctx) == before


def test_the_export_gives_the_addresses_back_as_cards_that_import_as_the_same_people(
    ctx: Context, tmp_path: Path
) -> None:
    _import(ctx, "google-csv", GOOGLE)
    _import(ctx, "google-csv", OUTLOOK)
    export_vcards(ctx, tmp_path / "cards")
    cards = {card.name: card for card in read_vcards(tmp_path / "cards")}
    mei = show_person(ctx, "Mei Chen")
    assert (cards["Mei Chen"].notes, cards["Mei Chen"].location) == (mei["notes"], mei["location"])
    text = "".join(p.read_bytes().decode() for p in (tmp_path / "cards").glob("*.vcf"))
    text = text.replace("\r\n ", "")  # unfolded
    assert (
        'ADR;LABEL="Level 12, 1 Harbour St, Sydney, NSW 2000, Australia";TYPE=work:'
        ";;Level 12\\, 1 Harbour St;Sydney;NSW;2000;Australia\r\n"
    ) in text
    assert (
        'ADR;LABEL="3 Beach Rd, Bondi, NSW 2026, Australia";TYPE=home:'
        ";;3 Beach Rd\\, Bondi\\, NSW 2026\\, Australia;;;;\r\n"
    ) in text
    assert 'ADR;LABEL="4 Lake View Rd, PO Box 77, Kodaikanal, TN 624101, IN";TYPE=home:' in text
    for name in ("Priya Raman", "Tomás Herrera", "Ada Quill", "José Ramírez"):
        shown = show_person(ctx, name)
        assert (cards[name].notes, cards[name].location) == (shown["notes"], shown["location"])
    exported = every_row(ctx)
    assert _unchanged(_import(ctx, "vcard", tmp_path / "cards"))
    assert _unchanged(_import(ctx, "google-csv", GOOGLE))
    assert every_row(ctx) == exported
