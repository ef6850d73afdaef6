"""vCard imports on both backends: cards that are not people, preferred values, odd folders."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from netweave.services.context import Context
from netweave.services.imports import ImportOptions, run_import
from netweave.store.models import Person

GROUPS = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:;;;;\r\nFN:Book Club\r\nX-ADDRESSBOOKSERVER-KIND:group\r\n"
    "X-ADDRESSBOOKSERVER-MEMBER:urn:uuid:1234\r\nUID:grp-1\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:group\r\nFN:My Group\r\n"
    "MEMBER:urn:uuid:03a0e51f-d1aa-4385-8a53-e29025acd8af\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nEMAIL:ann@example.com\r\nEND:VCARD\r\n"
)


def _names(ctx: Context) -> list[str]:
    with ctx.db.reading() as session:
        return sorted(session.scalars(select(Person.display_name)))


@pytest.mark.parametrize("skip_bad_rows", [False, True])
def test_group_cards_are_skipped_and_listed(
    ctx: Context, tmp_path: Path, skip_bad_rows: bool
) -> None:
    path = tmp_path / "groups.vcf"
    path.write_text(GROUPS, encoding="utf-8")
    result = run_import(ctx, "vcard", [path], ImportOptions(skip_bad_rows=skip_bad_rows))
    assert (result["created"], result["skipped"]) == (1, 2)
    assert result["errors"] == [
        {"file": str(path), "line": 1, "error": "a group card (Book Club): skipped"},
        {"file": str(path), "line": 9, "error": "a group card (My Group): skipped"},
    ]
    assert _names(ctx) == ["Ann Lee"]


def test_the_preferred_email_and_phone_are_primary(ctx: Context, tmp_path: Path) -> None:
    from netweave.store.models import ContactPoint

    path = tmp_path / "pref.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Pref Test\r\nEMAIL;TYPE=home:home@example.com\r\n"
        "EMAIL;TYPE=work;PREF=1:work@example.com\r\nTEL;TYPE=home:+1 415 555 0101\r\n"
        'TEL;TYPE="cell";PREF=1:+1 415 555 0102\r\nEND:VCARD\r\n'
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Pref Three\r\n"
        "EMAIL;type=INTERNET;type=HOME:h3@example.com\r\n"
        "EMAIL;type=INTERNET;type=WORK;type=pref:w3@example.com\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    assert run_import(ctx, "vcard", [path], ImportOptions())["created"] == 2
    with ctx.db.reading() as session:
        primary = set(session.scalars(select(ContactPoint.value).where(ContactPoint.is_primary)))
    assert primary == {"work@example.com", "+1 415 555 0102", "w3@example.com"}
