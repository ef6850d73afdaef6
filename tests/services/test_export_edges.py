"""vCard and CSV exports on both backends: preferred values, foreign files, more columns."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

from sqlalchemy import select, update

from factories import person
from netweave.clock import Clock
from netweave.config import Settings, sqlite_url
from netweave.services.context import Context, open_context
from netweave.services.export import export_vcards
from netweave.services.imports import ImportOptions, run_import
from netweave.store.models import ContactPoint

TODAY = dt.date(2026, 6, 15)


def _make_primary(ctx: Context, *values: str) -> None:
    """Make these values their person's primary ones (as a merge or an import may)."""
    with ctx.db.transaction() as session:
        for value in values:
            kind = session.scalar(select(ContactPoint.kind).where(ContactPoint.value == value))
            session.execute(update(ContactPoint).where(ContactPoint.kind == kind)
                            .values(is_primary=ContactPoint.value == value))  # fmt: skip


def _primary(ctx: Context) -> set[str]:
    with ctx.db.reading() as session:
        return set(session.scalars(select(ContactPoint.value).where(ContactPoint.is_primary)))


def test_vcards_mark_the_primary_email_and_phone_preferred_and_keep_it_round_trip(
    ctx: Context, tmp_path: Path, sqlite_template: Path
) -> None:
    zoe = person(ctx, "Zoë Ångström", emails=["zoe@example.org", "zoe@work.example"],
                 phones=["+1 415 555 0100", "+1 415 555 0111"])  # fmt: skip
    _make_primary(ctx, "zoe@work.example", "+1 415 555 0111")
    folder = tmp_path / "cards"
    export_vcards(ctx, folder)
    text = (folder / f"netweave-person-{zoe['id']}.vcf").read_bytes().decode("utf-8")
    lines = [line for line in text.split("\r\n") if line.startswith(("EMAIL", "TEL"))]
    assert lines == [
        "EMAIL;PREF=1:zoe@work.example",
        "EMAIL:zoe@example.org",
        "TEL;PREF=1:+1 415 555 0111",
        "TEL:+1 415 555 0100",
    ]
    fresh_db = tmp_path / "fresh.db"
    shutil.copy(sqlite_template, fresh_db)
    fresh = open_context(Settings(database_url=sqlite_url(fresh_db)), Clock(as_of=TODAY))
    try:
        assert run_import(fresh, "vcard", [folder], ImportOptions())["created"] == 1
        assert _primary(fresh) == {"zoe@work.example", "+1 415 555 0111"}
    finally:
        fresh.close()


def test_vcards_remove_only_stale_cards_netweave_wrote(ctx: Context, tmp_path: Path) -> None:
    """A file named like netweave's cards is removed only if its UID says netweave wrote it
    for that person: a user's own card under such a name stays."""
    from netweave.services.people import forget_person

    ann = person(ctx, "Ann Lee", emails=["ann@example.com"])
    person(ctx, "Bo Chen")
    folder = tmp_path / "cards"
    export_vcards(ctx, folder)
    own = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Only Fn\r\nEND:VCARD\r\n"
    (folder / "netweave-person-99.vcf").write_bytes(own.encode())
    other = own.replace("FN:Only Fn", "UID:netweave-person-7\r\nFN:Moved")
    (folder / "netweave-person-98.vcf").write_bytes(other.encode())
    forget_person(ctx, "Ann Lee")
    result = export_vcards(ctx, folder)
    assert (result["people"], result["removed"]) == (1, 1)
    assert not (folder / f"netweave-person-{ann['id']}.vcf").exists()
    assert (folder / "netweave-person-99.vcf").read_bytes() == own.encode()
    assert (folder / "netweave-person-98.vcf").read_bytes() == other.encode()


def test_csv_has_birthday_and_notes_neutralized_and_quoted(ctx: Context, tmp_path: Path) -> None:
    from netweave.services.export import CSV_COLUMNS, export_csv

    note = 'Met at PyCon; says "hi",\nline two\n=HYPERLINK("http://evil.example")'
    zoe = person(ctx, "Zoë Ångström", note=note, birthday="--05-17", phones=["+1 415 555 0177"])
    person(ctx, "Lee Chen", note="=1+1", birthday="1940-11-27")
    person(ctx, "Bo Fox")
    out = tmp_path / "people.csv"
    export_csv(ctx, out)
    assert CSV_COLUMNS[-2:] == ("birthday", "notes")
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["name"], r["birthday"], r["notes"]) for r in rows] == [
        ("Zoë Ångström", "'--05-17", note),  # "--05-17" would be a sum: -12
        ("Lee Chen", "1940-11-27", "'=1+1"),
        ("Bo Fox", "", ""),
    ]
    assert rows[0]["id"] == str(zoe["id"])
    assert rows[0]["phones"] == "'+1 415 555 0177"  # a spreadsheet would compute "+1 415 …"
    raw = out.read_bytes().decode("utf-8-sig")
    assert '"Met at PyCon; says ""hi"",\nline two\n=HYPERLINK(""http://evil.example"")"' in raw
