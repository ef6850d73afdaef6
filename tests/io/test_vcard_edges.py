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
