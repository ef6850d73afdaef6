"""vCard reader edges: cards that are not people, preferred values, departments."""

from __future__ import annotations

from pathlib import Path

from netweave.io.records import FormatError
from netweave.io.vcard import read_vcards


def _cards(tmp_path: Path, text: str, name: str = "cards.vcf") -> Path:
    path = tmp_path / name
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    return path


def test_group_place_and_organization_cards_are_passed_over_and_reported(tmp_path: Path) -> None:
    path = _cards(tmp_path, (
        "BEGIN:VCARD\nVERSION:4.0\nKIND:group\nFN:My Group\n"
        "MEMBER:urn:uuid:03a0e51f-d1aa-4385-8a53-e29025acd8af\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nPRODID:-//Apple Inc.//iOS 17//EN\nN:;;;;\nFN:Book Club\n"
        "X-ADDRESSBOOKSERVER-KIND:group\nX-ADDRESSBOOKSERVER-MEMBER:urn:uuid:1234\n"
        "UID:grp-1\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:4.0\nKIND:location\nFN:Room 101\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:4.0\nKIND:Org\nFN:Org Kind Inc\nORG:Org Kind Inc\n"
        "EMAIL:info@orgkind.example\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:4.0\nKIND:individual\nFN:Ann Lee\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Bo Chen\nX-ADDRESSBOOKSERVER-KIND:individual\nEND:VCARD\n"
    ))  # fmt: skip
    skipped: list[FormatError] = []
    people = [r.name for r in read_vcards(path, on_skip=skipped.append)]
    assert people == ["Ann Lee", "Bo Chen"]
    assert [(s.line, s.reason) for s in skipped] == [
        (1, "a group card (My Group): skipped"),
        (7, "a group card (Book Club): skipped"),
        (16, "a place card (Room 101): skipped"),
        (21, "a company without a person's name (Org Kind Inc): skipped"),
    ]


def test_a_group_card_without_a_name_is_passed_over_not_broken(tmp_path: Path) -> None:
    path = _cards(tmp_path, "BEGIN:VCARD\nVERSION:4.0\nKIND:group\nMEMBER:urn:uuid:1\nEND:VCARD\n")
    skipped: list[FormatError] = []
    assert list(read_vcards(path, on_skip=skipped.append)) == []
    assert [s.reason for s in skipped] == ["a group card: skipped"]


def test_the_preferred_email_and_phone_come_first_in_every_version(tmp_path: Path) -> None:
    path = _cards(tmp_path, (
        "BEGIN:VCARD\nVERSION:4.0\nFN:Pref Four\nEMAIL;TYPE=home:home@example.com\n"
        "EMAIL;TYPE=work;PREF=1:work@example.com\nTEL;TYPE=home:+1 415 555 0101\n"
        'TEL;TYPE="cell";PREF=1:+1 415 555 0102\nEND:VCARD\n'
        "BEGIN:VCARD\nVERSION:3.0\nFN:Pref Three\nEMAIL;type=INTERNET;type=HOME:h3@example.com\n"
        "EMAIL;type=INTERNET;type=WORK;type=pref:w3@example.com\nTEL:+1 415 555 0103\n"
        "TEL;TYPE=CELL,PREF:+1 415 555 0104\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:2.1\nN:Two;Pref\nEMAIL;INTERNET:a21@example.com\n"
        "EMAIL;PREF;INTERNET:b21@example.com\nTEL;HOME;VOICE:+1 415 555 0105\n"
        "TEL;CELL;PREF;VOICE:+1 415 555 0106\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:4.0\nFN:Pref Ranks\nEMAIL;PREF=50:fifty@example.com\n"
        "EMAIL:none@example.com\nEMAIL;PREF=2:two@example.com\nEMAIL;PREF=x:odd@example.com\n"
        "EMAIL;PREF=2:two-again@example.com\nEND:VCARD\n"
    ))  # fmt: skip
    cards = {r.name: r for r in read_vcards(path)}
    four, three, two = cards["Pref Four"], cards["Pref Three"], cards["Pref Two"]
    assert [(e.value, e.label) for e in four.emails] == [
        ("work@example.com", "work"), ("home@example.com", "home"),
    ]  # fmt: skip
    assert [(p.value, p.label) for p in four.phones] == [
        ("+1 415 555 0102", "mobile"), ("+1 415 555 0101", "home"),
    ]  # fmt: skip
    assert [e.value for e in three.emails] == ["w3@example.com", "h3@example.com"]
    assert [p.value for p in three.phones] == ["+1 415 555 0104", "+1 415 555 0103"]
    assert [e.value for e in two.emails] == ["b21@example.com", "a21@example.com"]
    assert [p.value for p in two.phones] == ["+1 415 555 0106", "+1 415 555 0105"]
    assert [e.value for e in cards["Pref Ranks"].emails] == [
        "two@example.com", "two-again@example.com", "fifty@example.com",
        "none@example.com", "odd@example.com",
    ]  # fmt: skip


def test_the_department_of_an_org_is_kept_in_the_notes(tmp_path: Path) -> None:
    path = _cards(tmp_path, (
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ann Lee\nORG:Acme;Sales\nNOTE:Met at PyCon.\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:4.0\nFN:Bo Chen\nORG:ABC\\, Inc.;North American Division;Marketing\n"
        "END:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Dept Only\nORG:;Sales\nEMAIL:dept@example.com\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Cy Diaz\nORG:Globex;\nEND:VCARD\n"
    ))  # fmt: skip
    cards = {r.name: r for r in read_vcards(path)}
    assert [(r.organization, r.notes) for r in cards.values()] == [
        ("Acme", "Met at PyCon.\n\nDepartment: Sales"),
        ("ABC, Inc.", "Department: North American Division, Marketing"),
        (None, "Department: Sales"),
        ("Globex", None),
    ]
