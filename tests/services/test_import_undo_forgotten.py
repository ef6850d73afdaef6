"""The undo of an import whose person was forgotten since says what it really reverted."""

from __future__ import annotations

from pathlib import Path

from netweave.services.context import Context
from netweave.services.import_undo import undo_batch
from netweave.services.imports import ImportOptions, run_import
from netweave.services.people import forget_person, show_person


def test_the_undo_of_an_import_into_a_forgotten_person_reverts_nothing(
    ctx: Context, tmp_path: Path
) -> None:
    """The card added an address, a phone and its source key to Zoë, whom the user forgot
    since: those rows went with her, and the undo says it had nothing left to revert."""
    from factories import person

    person(ctx, "Zoë Quill", emails=["zoe@quill.io"], note="loves tea")
    card = tmp_path / "zoe.vcf"
    card.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Zoë Quill\nEMAIL:zoe@quill.io\n"
                    "EMAIL:zoe.personal@gmail.com\nTEL:+44 20 7946 0099\nEND:VCARD\n")  # fmt: skip
    batch = int(run_import(ctx, "vcard", [card], ImportOptions())["batch"])  # type: ignore[call-overload]
    forget_person(ctx, "Zoë Quill")
    person(ctx, "Ann Other", emails=["ann@other.example"], phones=["+1 212 555 0100"])
    assert undo_batch(ctx, batch)["reverted"] == 0
    ann = show_person(ctx, "Ann Other")
    assert (ann["emails"], ann["phones"]) == (["ann@other.example"], ["+1 212 555 0100"])


def test_an_address_typed_again_after_an_import_survives_its_undo(
    ctx: Context, tmp_path: Path
) -> None:
    """The user confirmed by hand the phone and address a card gave Zoë: theirs now, the
    undo of the import leaves them (and what else it gave, untouched since, goes)."""
    from factories import person
    from netweave.services.people import PersonChanges, edit_person

    person(ctx, "Zoë Quill", emails=["zoe@quill.io"])
    card = tmp_path / "zoe.vcf"
    card.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Zoë Quill\nEMAIL:zoe@quill.io\n"
                    "EMAIL:zoe.personal@gmail.com\nTEL:+44 20 7946 0099\n"
                    "URL:https://quill.example\nEND:VCARD\n")  # fmt: skip
    batch = int(run_import(ctx, "vcard", [card], ImportOptions())["batch"])  # type: ignore[call-overload]
    edit_person(ctx, "Zoë Quill", PersonChanges(phones=["+44 20 7946 0099"],
                                                emails=["zoe.personal@gmail.com"]))  # fmt: skip
    undo_batch(ctx, batch)
    zoe = show_person(ctx, "Zoë Quill")
    assert (zoe["emails"], zoe["phones"]) == (
        ["zoe@quill.io", "zoe.personal@gmail.com"],
        ["+44 20 7946 0099"],
    )
    assert [c["kind"] for c in zoe["contact_points"]] == ["email", "email", "phone"]


def test_the_undo_of_a_merge_takes_its_lines_out_of_notes_written_in_since(ctx: Context) -> None:
    """The merge wrote "Merged from #2: …" into the notes, and the user added a note after:
    undone, the merge's line goes (it tells of a merge that is no more), the user's stays."""
    from factories import person
    from netweave.services.merge import merge
    from netweave.services.people import PersonChanges, edit_person

    person(ctx, "Rohan Patel", location="Toronto, Canada")
    person(ctx, "Rohan Patel", location="Boston, MA", note="from the conference")
    batch = merge(ctx, "#1", "#2")["batch"]
    merged = show_person(ctx, "#1")["notes"]
    assert "Merged from #2: location Boston, MA" in merged
    edit_person(ctx, "#1", PersonChanges(note="IMPORTANT: call back"))
    assert undo_batch(ctx, batch)["reverted"] > 0
    assert show_person(ctx, "#1")["notes"] == "IMPORTANT: call back"
    assert show_person(ctx, "#2")["notes"] == "from the conference"
