"""Imports: a phone two people share (a household's, an office line) does not make them one,
and a second record of one person takes nothing away from what it says."""

from __future__ import annotations

from pathlib import Path

from netweave.services.context import Context
from netweave.services.import_undo import undo_batch
from netweave.services.imports import ImportOptions, run_import
from netweave.services.people import search_people, show_person

CARD = (
    "BEGIN:VCARD\nVERSION:3.0\nFN:{name}\nEMAIL:{email}\nTEL;TYPE=home:+1 212 555 0177\n"
    "ORG:{org}\nTITLE:{title}\nNOTE:{note}\n{more}END:VCARD\n"
)
CHRIS = CARD.format(name="Chris Martin", email="chris@martin.example", org="Foster Partners",
                    title="Architect", note="met at AIA conference", more="")  # fmt: skip
CHRISTINE = CARD.format(name="Christine Martin", email="christine@lawfirm.example",
                        org="Martin & Co Law", title="Partner",
                        note="could help with contract review",
                        more="BDAY:1980-06-01\n")  # fmt: skip
SHARED = "phone '+1 212 555 0177' is also Chris Martin's: {} is kept apart, without it"


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _errors(result: dict[str, object]) -> list[str]:
    return [e["error"] for e in result["errors"]]  # type: ignore[attr-defined]


def _is_christine(ctx: Context) -> None:
    christine = show_person(ctx, "Christine Martin")
    assert christine["emails"] == ["christine@lawfirm.example"]
    assert (christine["company"], christine["title"]) == ("Martin & Co Law", "Partner")
    assert (christine["birthday"], christine["notes"]) == (
        "1980-06-01",
        "could help with contract review",
    )
    chris = show_person(ctx, "Chris Martin")
    assert (chris["emails"], chris["birthday"]) == (["chris@martin.example"], None)
    assert [p["name"] for p in search_people(ctx, "contract")] == ["Christine Martin"]


def test_two_people_of_one_file_on_one_phone_stay_two(ctx: Context, tmp_path: Path) -> None:
    """Chris and Christine Martin share a home phone, nothing else: two people, the phone
    with the first, and the import says so."""
    result = run_import(ctx, "vcard", [_write(tmp_path, "c.vcf", CHRIS + CHRISTINE)],
                        ImportOptions())  # fmt: skip
    assert (result["created"], result["skipped"]) == (2, 0)
    assert _errors(result) == [SHARED.format("Christine Martin")]
    _is_christine(ctx)


def test_a_google_csv_row_on_someones_phone_with_another_given_name(
    ctx: Context, tmp_path: Path
) -> None:
    rows = _write(tmp_path, "novak.csv",
        "First Name,Last Name,Organization Name,Organization Title,Notes,E-mail 1 - Value,"
        "Phone 1 - Label,Phone 1 - Value\n"
        "Jan,Novak,Skoda,Engineer,knows the Skoda CTO,jan@novak.example,Home,+420 601 123 456\n"
        "Jana,Novak,Charles University,Professor,could review my thesis,jana@cuni.example,"
        "Home,+420 601 123 456\n")  # fmt: skip
    result = run_import(ctx, "google-csv", [rows], ImportOptions())
    assert result["created"] == 2
    jana = show_person(ctx, "Jana Novak")
    assert (jana["emails"], jana["company"]) == (["jana@cuni.example"], "Charles University")
    assert show_person(ctx, "Jan Novak")["emails"] == ["jan@novak.example"]


def test_someone_here_is_not_given_a_card_of_another_name_on_their_phone(
    ctx: Context, tmp_path: Path
) -> None:
    """The rule is the same against the people already here: Christine's card is not merged
    into Chris, who came from an earlier file."""
    run_import(ctx, "vcard", [_write(tmp_path, "chris.vcf", CHRIS)], ImportOptions())
    result = run_import(ctx, "vcard", [_write(tmp_path, "christine.vcf", CHRISTINE)],
                        ImportOptions())  # fmt: skip
    assert (result["created"], result["merged"]) == (1, 0)
    assert _errors(result) == [SHARED.format("Christine Martin")]
    _is_christine(ctx)


def test_two_cards_of_one_person_still_fold_and_keep_all_they_say(
    ctx: Context, tmp_path: Path
) -> None:
    """A card of "Christopher Martin" at Chris's address is Chris: one person, with the
    other card's name, notes and employer kept (history), and its other birthday listed,
    not taken."""
    second = CARD.format(name="Christopher Martin", email="chris@martin.example",
                         org="Martin & Co Law", title="Partner",
                         note="could help with contract review",
                         more="BDAY:1980-06-01\n")  # fmt: skip
    first = CHRIS.replace("END:VCARD", "BDAY:1979-03-04\nEND:VCARD")
    result = run_import(ctx, "vcard", [_write(tmp_path, "c.vcf", first + second)],
                        ImportOptions())  # fmt: skip
    assert (result["created"], result["skipped"]) == (1, 1)
    assert _errors(result) == [
        "birthday 1980-06-01 is not the one another card of Chris Martin gives (1979-03-04): "
        "not taken"
    ]
    chris = show_person(ctx, "Chris Martin")
    assert (chris["company"], chris["birthday"]) == ("Foster Partners", "1979-03-04")
    assert chris["notes"] == (
        "met at AIA conference\ncould help with contract review\n"
        "Also known as Christopher Martin (vcard)"
    )
    assert [(p["organization"], p["title"], p["current"]) for p in chris["positions"]] == [
        ("Foster Partners", "Architect", True),
        ("Martin & Co Law", "Partner", False),
    ]
    assert [p["name"] for p in search_people(ctx, "contract")] == ["Chris Martin"]
    assert [p["name"] for p in search_people(ctx, "christopher")] == ["Chris Martin"]


def test_a_card_of_someone_here_adds_its_note_to_theirs(ctx: Context, tmp_path: Path) -> None:
    """The note of an address book's card of someone who has notes already is added to
    them (undo takes it out again); a birthday other than theirs is listed."""
    from factories import person

    zoe = person(ctx, "Zoë Quill", emails=["zoe@quill.io"], note="loves tea",
                 birthday="1990-05-06")  # fmt: skip
    card = _write(tmp_path, "zoe.vcf", "BEGIN:VCARD\nVERSION:3.0\nFN:Zoë Quill\n"
                  "EMAIL:zoe@quill.io\nNOTE:From phone contacts\nBDAY:1990-06-05\n"
                  "END:VCARD\n")  # fmt: skip
    result = run_import(ctx, "vcard", [card], ImportOptions())
    assert result["merged"] == 1
    assert _errors(result) == [
        f"birthday 1990-06-05 is not the one Zoë Quill (#{zoe['id']}) has (1990-05-06): not taken"
    ]
    assert show_person(ctx, "Zoë Quill")["birthday"] == "1990-05-06"
    assert show_person(ctx, "Zoë Quill")["notes"] == "loves tea\nFrom phone contacts"
    assert [p["name"] for p in search_people(ctx, "phone contacts")] == ["Zoë Quill"]
    again = run_import(ctx, "vcard", [card], ImportOptions())
    assert (again["skipped"], again["updated"]) == (1, 0)
    assert show_person(ctx, "Zoë Quill")["notes"] == "loves tea\nFrom phone contacts"
    undo_batch(ctx, int(result["batch"]))  # type: ignore[call-overload]
    assert show_person(ctx, f"#{zoe['id']}")["notes"] == "loves tea"


def test_two_cards_of_someone_here_in_one_file_both_add_what_they_say(
    ctx: Context, tmp_path: Path
) -> None:
    """Two cards of someone already here, in one file: the second is another record of
    them, not the first read again, so its note is added and its other birthday listed too;
    the same file imported again changes nothing."""
    from factories import person

    carol = person(ctx, "Carol Diaz", emails=["carol@example.com"], birthday="1990-01-01")
    card = (
        "BEGIN:VCARD\nVERSION:3.0\nFN:Carol Diaz\nEMAIL:carol@example.com\nNOTE:{}\n{}END:VCARD\n"
    )
    cards = card.format("First note", "") + card.format("Second note", "BDAY:1992-03-03\n")
    path = _write(tmp_path, "carol.vcf", cards)
    result = run_import(ctx, "vcard", [path], ImportOptions())
    assert (result["merged"], result["updated"]) == (1, 1)
    assert _errors(result) == [
        f"birthday 1992-03-03 is not the one Carol Diaz (#{carol['id']}) has (1990-01-01): "
        "not taken"
    ]
    assert show_person(ctx, "Carol Diaz")["notes"] == "First note\nSecond note"
    again = run_import(ctx, "vcard", [path], ImportOptions())
    assert (again["skipped"], again["updated"], again["merged"]) == (2, 0, 0)
    assert show_person(ctx, "Carol Diaz")["notes"] == "First note\nSecond note"


def test_a_phone_with_no_address_beside_it_still_finds_its_person(
    ctx: Context, tmp_path: Path
) -> None:
    """A card of "Christopher Martin" with Chris Martin's phone and no address is Chris
    (the name goes into his notes); "Jane Doe" on the phone of a John Doe typed in by hand
    is someone else, as two cards of one file would be."""
    from factories import person

    card = "BEGIN:VCARD\nVERSION:3.0\nFN:{}\nTEL:{}\nEND:VCARD\n"
    cards = _write(tmp_path, "c.vcf", card.format("Chris Martin", "+1 212 555 0177")
                   + card.format("Christopher Martin", "+1 212 555 0177"))  # fmt: skip
    result = run_import(ctx, "vcard", [cards], ImportOptions())
    assert (result["created"], result["skipped"], result["errors"]) == (1, 1, [])
    assert show_person(ctx, "Chris Martin")["notes"] == "Also known as Christopher Martin (vcard)"
    person(ctx, "John Doe", phones=["+1 415 555 0111"])
    jane = _write(tmp_path, "jane.vcf", card.format("Jane Doe", "+1 415 555 0111"))
    result = run_import(ctx, "vcard", [jane], ImportOptions())
    assert (result["created"], result["merged"]) == (1, 0)
    assert _errors(result) == [
        "phone '+1 415 555 0111' is also John Doe's: Jane Doe is kept apart, without it"
    ]
