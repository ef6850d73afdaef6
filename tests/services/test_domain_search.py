"""Finding people by the domain of their email addresses, on both backends: a domain finds
its subdomains too, a bare name after an @ finds it under any top-level domain; and every
writer of addresses keys them by their domain, so the index answers for all of them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from sqlalchemy import select

from factories import person
from netweave.config import Settings, sqlite_url
from netweave.demo import build_demo
from netweave.logic.normalize import email_domain_key
from netweave.services.backup import export_json, restore_json
from netweave.services.context import Context, open_context
from netweave.services.directory import PeopleFilter, list_people
from netweave.services.imports import ImportOptions, run_import
from netweave.services.people import count_people, search_people
from netweave.store import tables


def _colleagues(ctx: Context) -> None:
    person(ctx, "Ann Archer", emails=["ann@acme.com"])
    person(ctx, "Bob Baker", emails=["Bob@Mail.ACME.com"])
    person(ctx, "Cy Weller", emails=["cy@acme.co.uk"])
    person(ctx, "Di Dunn", emails=["di@acmecorp.com"])
    person(ctx, "Ed Ellis", emails=["ed@acme.io"], phones=["+1 415 555 0100"])
    person(ctx, "Fay Ford", company="Acme")  # no address: found by her employer's name
    person(ctx, "Gus Grant", emails=["gus@example.org", "gus@acme.com"])


def _names(ctx: Context, query: str) -> list[str]:
    return [p["name"] for p in search_people(ctx, query)]


def test_a_domain_finds_everyone_with_an_address_at_it_or_a_subdomain(ctx: Context) -> None:
    _colleagues(ctx)
    for typed in ("@acme.com", "acme.com", "ACME.COM", " @Acme.Com. "):
        assert _names(ctx, typed) == ["Ann Archer", "Gus Grant", "Bob Baker"], typed
    assert _names(ctx, "@mail.acme.com") == ["Bob Baker"]
    assert _names(ctx, "@acme.co.uk") == ["Cy Weller"]
    assert _names(ctx, "@acmecorp.com") == ["Di Dunn"]
    assert _names(ctx, "@example.org") == ["Gus Grant"]
    assert _names(ctx, "@nowhere.example") == []
    assert count_people(ctx, "@acme.com") == 3


def test_a_name_after_an_at_finds_it_under_every_top_level_domain(ctx: Context) -> None:
    _colleagues(ctx)
    # by domain (com.acme., com.acme.mail., io.acme., uk.co.acme.); an @ asks for addresses
    # only: Fay Ford, at Acme without an address there, is found by "acme", not "@acme"
    assert _names(ctx, "@acme") == ["Ann Archer", "Gus Grant", "Bob Baker", "Ed Ellis",
                                     "Cy Weller"]  # fmt: skip
    assert "Fay Ford" in _names(ctx, "acme")
    assert _names(ctx, "@co") == []  # not all of co.uk
    # an @ that is no address nor domain finds no one by the words around it
    assert _names(ctx, "fay@@acme") == []  # its words alone find Fay Ford
    assert _names(ctx, "@") == []
    assert _names(ctx, "@acme") == _names(ctx, "@ACME")


def test_a_top_level_domain_after_an_at_finds_everyone_under_it(ctx: Context) -> None:
    _colleagues(ctx)
    # com.acme. (by address), com.acme.mail., com.acmecorp.
    assert _names(ctx, "@com") == ["Ann Archer", "Gus Grant", "Bob Baker", "Di Dunn"]
    assert _names(ctx, "@uk") == ["Cy Weller"]
    assert _names(ctx, "@io") == ["Ed Ellis"]
    assert count_people(ctx, "@com") == 4


def test_a_top_level_domain_finds_no_one_by_the_words_it_begins(ctx: Context) -> None:
    person(ctx, "Hans Huber", emails=["hans@firma.de"])
    person(ctx, "Dee Designer", company="Delta Design")  # words that begin with "de"
    assert _names(ctx, "@de") == ["Hans Huber"]
    assert count_people(ctx, "@de") == 1
    assert _names(ctx, "@des") == []
    listed = list_people(ctx, PeopleFilter(text="@de", limit=50))
    assert [p["name"] for p in listed] == ["Hans Huber"]


def test_a_domain_in_another_script_is_found_in_either_spelling(ctx: Context) -> None:
    person(ctx, "Zoë Ziegler", emails=["zoe@bücher.de"])
    person(ctx, "Uwe Ullrich", emails=["uwe@xn--bcher-kva.de"])
    person(ctx, "Sam Strauss", emails=["sam@xn--strae-oqa.de"])  # straße, not strasse
    for typed in ("@bücher.de", "@xn--bcher-kva.de", "bücher.de", "@bücher", "@BÜCHER"):
        assert sorted(_names(ctx, typed)) == ["Uwe Ullrich", "Zoë Ziegler"], typed
    assert _names(ctx, "@straße.de") == ["Sam Strauss"]
    assert _names(ctx, "@strasse.de") == []


def test_the_list_the_web_and_the_api_show_agrees_with_search(ctx: Context) -> None:
    _colleagues(ctx)
    for typed in ("@acme.com", "@acme"):
        listed = list_people(ctx, PeopleFilter(text=typed, limit=50))
        assert [p["name"] for p in listed] == _names(ctx, typed)
    few = list_people(ctx, PeopleFilter(text="@acme.com", limit=2))
    assert [p["name"] for p in few] == ["Ann Archer", "Gus Grant"]


def _unkeyed(ctx: Context) -> list[tuple[str, str, str | None]]:
    """Contact points whose domain key is not the one their address has."""
    point = tables.contact_point.c
    with ctx.db.reading() as session:
        rows = session.execute(select(point.kind, point.normalized, point.domain_key)).all()
    wrong = [
        (kind, key, held)
        for kind, key, held in rows
        if held != (email_domain_key(key) if kind == "email" else None)
    ]
    assert rows, "no contact points written"
    return wrong


def test_the_demo_keys_every_address_by_its_domain(ctx: Context) -> None:
    build_demo(ctx, people=60)
    assert _unkeyed(ctx) == []
    with ctx.db.reading() as session:
        point = tables.contact_point.c
        address = session.scalar(
            select(point.normalized).where(point.kind == "email").order_by(point.id).limit(1)
        )
    assert address is not None
    assert search_people(ctx, "@" + address.rpartition("@")[2])


def test_an_import_keys_every_address_by_its_domain(ctx: Context, tmp_path: Path) -> None:
    """A LinkedIn export of many rows takes the bulk path; each address keyed as it goes."""
    lines = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"]
    for n in range(1_200):
        email = f"p{n}@{'acme.com' if n % 2 else 'eu.acme.com'}" if n % 3 == 0 else ""
        lines.append(f"Ada,Person {n},https://www.linkedin.com/in/p-{n},{email},,,08 Feb 2024\n")
    path = tmp_path / "Connections.csv"
    path.write_text("".join(lines), encoding="utf-8")
    run_import(ctx, "linkedin", [path], ImportOptions())
    assert _unkeyed(ctx) == []
    assert count_people(ctx, "@acme.com") == 400
    assert count_people(ctx, "@eu.acme.com") == 200


def test_a_restored_backup_keys_its_addresses_whatever_the_file_says(
    ctx: Context, sqlite_template: Path, tmp_path: Path
) -> None:
    _colleagues(ctx)
    backup = tmp_path / "backup.json"
    export_json(ctx, backup)
    document = json.loads(backup.read_text(encoding="utf-8"))
    points = document["tables"]["contact_point"]
    at = points["columns"].index("domain_key")
    for row in points["rows"]:
        row[at] = "com.elsewhere." if row[at] else None  # edited by hand
    backup.write_text(json.dumps(document), encoding="utf-8")
    shutil.copy(sqlite_template, tmp_path / "restored.db")
    restored = open_context(Settings(database_url=sqlite_url(tmp_path / "restored.db")), ctx.clock)
    try:
        restore_json(restored, backup)
        assert _unkeyed(restored) == []
        assert _names(restored, "@acme.com") == ["Ann Archer", "Gus Grant", "Bob Baker"]
    finally:
        restored.close()
