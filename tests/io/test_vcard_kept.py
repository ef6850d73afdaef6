"""What a card says beyond a person's fields, kept in the notes: nicknames, related people,
whole postal addresses; photos said to be left out; address books in subfolders; files
given to the wrong importer."""

from __future__ import annotations

from pathlib import Path

import pytest

from netweave.io.google_csv import read_google_csv
from netweave.io.records import FormatError
from netweave.io.vcard import read_vcards, uid_names
from netweave.io.vcard_person import VCardRecord
from netweave.io.vcard_writer import VCardPerson, vcard_bytes

#: Apple Contacts (macOS 14), as exported: a nickname, a home address with its street and
#: ZIP code, a photo; a spouse in Apple's related names.
APPLE = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Apple Inc.//macOS 14.5//EN\r\n"
    "N:Raman;Priya;;;\r\nFN:Priya Raman\r\nNICKNAME:Pri\r\n"
    "EMAIL;type=INTERNET;type=WORK;type=pref:priya@acme.example\r\n"
    "item2.ADR;type=HOME;type=pref:;;12 Elm St;San Francisco;CA;94110;United States\r\n"
    "item2.X-ABADR:us\r\nNOTE:Met at Strata 2019.\r\n"
    "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAAAAAAAAAAAAAAA\r\n"
    " AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Apple Inc.//macOS 14.5//EN\r\n"
    "N:Okafor;Jon;;;\r\nFN:Jon Okafor\r\nEMAIL;type=INTERNET:jon@okafor.example\r\n"
    "item2.X-ABRELATEDNAMES;type=pref:Ada Okafor\r\nitem2.X-ABLabel:_$!<Spouse>!$_\r\n"
    "item3.X-ABRELATEDNAMES:Tim\r\nitem3.X-ABLabel:godson\r\n"
    "END:VCARD\r\n"
)
#: Android's contacts app (vCard 2.1) and a vCard 4.0 card (RFC 6350's RELATED, a list of
#: nicknames, two addresses).
ANDROID_AND_V4 = (
    "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Smith;Robert;;;\r\nFN:Robert Smith\r\nNICKNAME:Bob\r\n"
    "TEL;CELL:+1 408 555 0100\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Anna Berg\r\nN:Berg;Anna;;;\r\n"
    "NICKNAME:Annie,Anna,Bergie\r\n"
    "RELATED;TYPE=spouse;VALUE=text:Lars Berg\r\n"
    "RELATED;TYPE=friend,colleague:mailto:kim@example.com\r\n"
    "ADR;TYPE=work:;;;Stockholm;;;Sweden\r\n"
    "ADR;TYPE=home:;;;Uppsala;;;Sweden\r\n"
    "END:VCARD\r\n"
)


def _cards(tmp_path: Path, text: str, name: str = "cards.vcf") -> dict[str, VCardRecord]:
    path = tmp_path / name
    path.write_bytes(text.encode())
    records = list(read_vcards(path))
    assert all(isinstance(r, VCardRecord) for r in records)
    return {r.name: r for r in records if isinstance(r, VCardRecord)}


def test_a_nickname_is_kept_in_the_notes_as_another_name(tmp_path: Path) -> None:
    cards = _cards(tmp_path, APPLE + ANDROID_AND_V4)
    priya, bob, anna = cards["Priya Raman"], cards["Robert Smith"], cards["Anna Berg"]
    assert priya.nicknames == ["Pri"]
    assert priya.notes is not None
    assert priya.notes.startswith("Met at Strata 2019.\n\nAlso known as Pri (nickname)\n\n")
    assert bob.nicknames == ["Bob"]
    assert bob.notes == "Also known as Bob (nickname)"
    assert anna.nicknames == ["Annie", "Bergie"]  # her own name is no other name
    assert anna.notes is not None
    assert "Also known as Annie (nickname)\n\nAlso known as Bergie (nickname)" in anna.notes


def test_related_names_are_kept_in_the_notes_with_how_they_are_related(
    tmp_path: Path,
) -> None:
    cards = _cards(tmp_path, APPLE + ANDROID_AND_V4)
    assert cards["Jon Okafor"].notes == "Spouse: Ada Okafor\n\nGodson: Tim"
    anna = cards["Anna Berg"].notes or ""
    assert "Spouse: Lars Berg" in anna.splitlines()
    assert "Friend, colleague: kim@example.com" in anna.splitlines()


#: RFC 6350's RELATED as other apps write it: the usual URI of another card
#: (``urn:uuid:``), a phone number, a web page, and a name written plainly.
RELATED_URIS = (
    "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:René Dupont\r\nN:Dupont;René;;;\r\n"
    "RELATED;TYPE=spouse;VALUE=text:Claire Dupont\r\n"
    "RELATED;TYPE=child:urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6\r\n"
    "RELATED;TYPE=co-worker;VALUE=uri:tel:+33-1-23-45-67-89\r\n"
    "RELATED;TYPE=friend:https://example.org/~marc\r\n"
    "RELATED;TYPE=sibling:Luc Dupont\r\n"
    "END:VCARD\r\n"
)


def test_a_related_uri_names_someone_only_when_it_is_readable(tmp_path: Path) -> None:
    """Another card's id names no one here: it is left out, not kept as "Child: urn:…"."""
    notes = (_cards(tmp_path, RELATED_URIS)["René Dupont"].notes or "").splitlines()
    assert [line for line in notes if line] == [
        "Spouse: Claire Dupont",
        "Co-worker: +33-1-23-45-67-89",
        "Friend: https://example.org/~marc",
        "Sibling: Luc Dupont",
    ]


#: Two vCard 4.0 cards naming each other by UID (RFC 6350's RELATED;TYPE=spouse), as
#: Nextcloud and DAVx⁵ write them: the first names the second, which comes after it.
SPOUSES = (
    "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:urn:uuid:0a1b2c3d-0000-4000-8000-000000000001\r\n"
    "FN:René Dupont\r\n"
    "RELATED;TYPE=spouse:urn:uuid:0A1B2C3D-0000-4000-8000-000000000002\r\n"
    "RELATED;TYPE=child:urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:0a1b2c3d-0000-4000-8000-000000000002\r\n"
    "FN:Claire Dupont\r\n"
    "RELATED;TYPE=spouse:urn:uuid:0a1b2c3d-0000-4000-8000-000000000001\r\n"
    "END:VCARD\r\n"
)


def test_a_related_card_of_the_import_is_named_by_its_name(tmp_path: Path) -> None:
    """A RELATED naming another card of the import by its UID (written as a URN or bare, in
    capitals or not) is kept under that card's name, before or after it; one naming a card
    that is not there is left out."""
    path = tmp_path / "cards.vcf"
    path.write_bytes(SPOUSES.encode())
    cards = {r.name: r for r in read_vcards(path, names=uid_names([path]))}
    assert cards["René Dupont"].notes == "Spouse: Claire Dupont"
    assert cards["Claire Dupont"].notes == "Spouse: René Dupont"


def test_the_cards_are_named_by_their_uid_only_where_one_has_a_related(tmp_path: Path) -> None:
    folder = tmp_path / "contacts"
    (folder / "family").mkdir(parents=True)
    (folder / "family" / "rene.vcf").write_bytes(SPOUSES.split("END:VCARD\r\n")[0].encode()
                                                 + b"END:VCARD\r\n")  # fmt: skip
    (folder / "claire.vcf").write_bytes(SPOUSES.split("END:VCARD\r\n")[1].encode()
                                        + b"END:VCARD\r\n")  # fmt: skip
    assert uid_names([folder]) == {
        "0a1b2c3d-0000-4000-8000-000000000001": "René Dupont",
        "0a1b2c3d-0000-4000-8000-000000000002": "Claire Dupont",
    }
    (tmp_path / "plain.vcf").write_bytes(APPLE.encode())  # no RELATED: nothing is read twice
    assert uid_names([tmp_path / "plain.vcf"]) == {}


def test_a_street_address_is_kept_whole_and_the_location_stays_the_city(
    tmp_path: Path,
) -> None:
    priya = _cards(tmp_path, APPLE)["Priya Raman"]
    assert priya.location == "San Francisco, CA, United States"
    assert priya.notes is not None
    assert priya.notes.endswith("Address (home): 12 Elm St, San Francisco, CA 94110, United States")


def test_a_label_with_its_lines_as_text_escapes_is_read_as_lines(tmp_path: Path) -> None:
    """RFC 6350's own example writes a LABEL's lines as "\\n"; RFC 6868 as "^n"."""
    card = (
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ana Ruiz\r\n"
        'ADR;LABEL="Calle Mayor 1\\n28013 Madrid\\nEspaña";TYPE=home:;;Calle Mayor 1;Madrid;;'
        "28013;España\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Bo Li\r\n"
        'ADR;LABEL="Hauptstr. 5^n10115 Berlin";TYPE=work:;;Hauptstr. 5;Berlin;;10115;\r\n'
        "END:VCARD\r\n"
    )
    cards = _cards(tmp_path, card)
    assert cards["Ana Ruiz"].notes == "Address (home): Calle Mayor 1, 28013 Madrid, España"
    assert cards["Bo Li"].notes == "Address (work): Hauptstr. 5, 10115 Berlin"


def test_an_address_of_a_city_alone_is_the_location_and_another_is_kept(
    tmp_path: Path,
) -> None:
    anna = _cards(tmp_path, ANDROID_AND_V4)["Anna Berg"]
    assert anna.location == "Stockholm, Sweden"  # the work address
    lines = (anna.notes or "").splitlines()
    assert "Address (home): Uppsala, Sweden" in lines
    assert not any(line.startswith("Address (work)") for line in lines)


def test_an_address_given_twice_is_kept_once_under_its_first_label(tmp_path: Path) -> None:
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Ruiz\r\n"
        "ADR;TYPE=home:;;Calle Mayor 1;Madrid;;28013;España\r\n"
        "ADR;TYPE=work:;;;Toledo;;;España\r\n"
        "ADR;TYPE=other:;;Calle Mayor 1;madrid;;28013;España\r\nEND:VCARD\r\n"
    )
    assert _cards(tmp_path, card)["Ana Ruiz"].notes == (
        "Address (home): Calle Mayor 1, Madrid, 28013, España"
    )


def test_a_card_with_a_photo_says_so(tmp_path: Path) -> None:
    cards = _cards(tmp_path, APPLE + ANDROID_AND_V4)
    assert [name for name, r in cards.items() if r.photo] == ["Priya Raman"]


def test_the_writer_gives_back_the_kept_address_and_nicknames(tmp_path: Path) -> None:
    notes = (
        "Met at Strata 2019.\n\nAlso known as Pri (nickname)\n\n"
        "Address (home): 12 Elm St, San Francisco, CA 94110, United States\n\n"
        'Address (summer house): 1 "Lake" Rd, Tahoe City, CA'
    )
    person = VCardPerson(
        uid="netweave-person-1", name="Priya Raman", notes=notes,
        location="San Francisco, CA, United States",
    )  # fmt: skip
    card = vcard_bytes(person).decode()
    unfolded = card.replace("\r\n ", "")
    assert "NICKNAME:Pri\r\n" in unfolded
    assert (
        'ADR;LABEL="12 Elm St, San Francisco, CA 94110, United States";TYPE=home:'
        ";;12 Elm St;San Francisco;CA;94110;United States\r\n"
    ) in unfolded
    assert (
        "item1.ADR;LABEL=\"1 ^'Lake^' Rd, Tahoe City, CA\""
        ':;;1 "Lake" Rd\\, Tahoe City\\, CA;;;;\r\n'
    ) in unfolded
    assert "item1.X-ABLabel:summer house\r\n" in unfolded
    back = _cards(tmp_path, card)["Priya Raman"]
    assert (back.notes, back.location, back.nicknames) == (notes, person.location, ["Pri"])


def test_a_location_the_kept_address_does_not_bear_out_is_written_alone() -> None:
    person = VCardPerson(
        uid="u", name="Priya Raman", location="Berlin, Germany",
        notes="Address (home): 12 Elm St, San Francisco, CA 94110, United States",
    )  # fmt: skip
    card = vcard_bytes(person).decode().replace("\r\n ", "")
    assert "ADR:;;;Berlin;Germany;;\r\n" in card
    assert (
        'ADR;LABEL="12 Elm St, San Francisco, CA 94110, United States";TYPE=home:'
        ";;12 Elm St\\, San Francisco\\, CA 94110\\, United States;;;;\r\n"
    ) in card


def test_a_folder_of_address_books_is_read_with_its_subfolders_not_hidden_ones(
    tmp_path: Path,
) -> None:
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{0}\r\nEMAIL:{1}@example.com\r\nEND:VCARD\r\n"
    (tmp_path / "work" / "deeper").mkdir(parents=True)
    (tmp_path / "family").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "top.vcf").write_text(card.format("Top Card", "top"))
    (tmp_path / "work" / "a.vcf").write_text(card.format("Work Card", "work"))
    (tmp_path / "work" / "deeper" / "b.vcf").write_text(card.format("Deep Card", "deep"))
    (tmp_path / "family" / "c.vcf").write_text(card.format("Family Card", "family"))
    (tmp_path / ".git" / "d.vcf").write_text(card.format("Hidden Card", "hidden"))
    names = [r.name for r in read_vcards(tmp_path)]
    assert names == ["Top Card", "Family Card", "Work Card", "Deep Card"]


def test_a_csv_given_as_vcards_names_the_csv_importers(tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text("First Name,Last Name,E-mail 1 - Value\nAda,Quill,ada@example.com\n")
    with pytest.raises(FormatError) as info:
        list(read_vcards(path))
    assert info.value.reason == (
        "not a vCard file (no BEGIN:VCARD at the start): a CSV file? import it with "
        "`netweave import google-csv` (Google or Outlook contacts) or `netweave import linkedin`"
    )
    assert info.value.web_reason is not None
    assert "netweave" not in info.value.web_reason


def test_a_vcard_given_as_a_contacts_csv_names_the_vcard_importer(tmp_path: Path) -> None:
    path = tmp_path / "contacts.vcf"
    path.write_text(APPLE)
    with pytest.raises(FormatError) as info:
        list(read_google_csv(path))
    assert info.value.reason == (
        "not a Google or Outlook contacts CSV: a vCard file (BEGIN:VCARD): import it with "
        "`netweave import vcard`"
    )


def test_a_google_nickname_is_kept_as_a_vcard_one_is(tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text(
        "First Name,Last Name,Nickname,Notes,E-mail 1 - Label,E-mail 1 - Value\r\n"
        'Robert,Smith,Bob,"Board contact.\r\nPrefers email.",* Work,bob@example.com\r\n'
    )
    (bob,) = read_google_csv(path)
    assert bob.nicknames == ["Bob"]
    assert bob.notes == "Board contact.\r\nPrefers email.\n\nAlso known as Bob (nickname)"


def test_an_address_of_a_card_goes_back_in_its_parts_not_all_in_the_city(
    tmp_path: Path,
) -> None:
    """Apple's card of a work address with a street of two lines: written back, the city is
    Cupertino, the region CA, the postal code 95014 and the country USA (contacts apps and
    khard show those parts, not the LABEL), and it reads back the same."""
    apple = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Apple Inc.//macOS 14.5//EN\r\n"
        "N:Nguyen;Linh;;;\r\nFN:Linh Nguyen\r\n"
        "item2.ADR;type=WORK;type=pref:;;1 Infinite Loop\\nBuilding 2;Cupertino;CA;95014;USA\r\n"
        "item2.X-ABADR:us\r\nEND:VCARD\r\n"
    )
    linh = _cards(tmp_path, apple)["Linh Nguyen"]
    person = VCardPerson(uid="u", name=linh.name, notes=linh.notes, location=linh.location)
    card = vcard_bytes(person).decode().replace("\r\n ", "")
    assert (
        'ADR;LABEL="1 Infinite Loop, Building 2, Cupertino, CA 95014, USA";TYPE=work:'
        ";;1 Infinite Loop\\, Building 2;Cupertino;CA;95014;USA\r\n"
    ) in card
    back = _cards(tmp_path, card, "back.vcf")["Linh Nguyen"]
    assert (back.location, back.notes) == ("Cupertino, CA, USA", linh.notes)
