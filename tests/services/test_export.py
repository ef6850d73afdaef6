"""vCard and CSV exports on both backends: what the files hold, and what is refused."""

from __future__ import annotations

import csv
import datetime as dt
import warnings
from pathlib import Path
from typing import Any

import pytest
import vobject

from factories import person, talk
from netweave.errors import Conflict
from netweave.io.vcard import read_vcards
from netweave.services.context import Context
from netweave.services.export import CSV_COLUMNS, export_csv, export_vcards
from netweave.services.people import PersonChanges, edit_person, forget_person

HEADER = ("id,name,emails,phones,company,title,linkedin,tags,circle,interests,needs,offers,"
          "first_met,last_interaction,strength,location,birthday,notes")  # fmt: skip


def _network(ctx: Context) -> dict[str, dict[str, Any]]:
    me = person(ctx, "Sam Example", is_me=True, emails=["sam@example.com"])
    zoe = person(ctx, "Zoë Ångström", emails=["zoe@example.org", "zoe@work.example"],
                 phones=["+1 415 555 0100"], company="Żabka Labs", title="CTO",
                 tags=["climate", "=evil"], interests=["professional:carbon accounting"],
                 needs=["a co-founder"], offers=["=cmd|' /C calc'!A0"], circle="close",
                 note='Says "hi";\nline two, with a comma', birthday="--05-17",
                 met_on=dt.date(2024, 2, 29),
                 linkedin="https://www.linkedin.com/in/zoe-angstrom")  # fmt: skip
    lee = person(ctx, "李小龍", emails=["lee@example.cn"], birthday="1940-11-27")
    talk(ctx, "Zoë", on=dt.date(2026, 6, 1), note="coffee")
    return {"me": me, "zoe": zoe, "lee": lee}


def _cards(folder: Path) -> dict[str, Any]:
    return {record.uid: record for record in read_vcards(folder)}


def test_vcards_one_file_per_person_without_me(ctx, tmp_path):
    people = _network(ctx)
    folder = tmp_path / "new" / "contacts"
    assert export_vcards(ctx, folder) == {"folder": str(folder), "people": 2, "removed": 0}
    zoe_id, lee_id = people["zoe"]["id"], people["lee"]["id"]
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [f"netweave-person-{zoe_id}.vcf", f"netweave-person-{lee_id}.vcf"]
    )
    cards = _cards(folder)
    zoe, lee = cards[f"netweave-person-{zoe_id}"], cards[f"netweave-person-{lee_id}"]
    assert (zoe.name, zoe.given_name, zoe.family_name) == ("Zoë Ångström", "Zoë", "Ångström")
    assert [e.value for e in zoe.emails] == ["zoe@example.org", "zoe@work.example"]
    assert [p.value for p in zoe.phones] == ["+1 415 555 0100"]
    assert (zoe.organization, zoe.title) == ("Żabka Labs", "CTO")
    assert zoe.linkedin == "https://www.linkedin.com/in/zoe-angstrom"
    assert zoe.birthday == "--05-17"
    assert zoe.notes == 'Says "hi";\nline two, with a comma'
    assert zoe.tags == ["=evil", "climate"]
    assert (lee.name, lee.birthday, [e.value for e in lee.emails]) == (
        "李小龍", "1940-11-27", ["lee@example.cn"],
    )  # fmt: skip
    text = (folder / f"netweave-person-{zoe_id}.vcf").read_bytes().decode("utf-8")
    assert text.startswith("BEGIN:VCARD\r\nVERSION:4.0\r\n")
    assert f"\r\nUID:netweave-person-{zoe_id}\r\n" in text


def test_own_vcards_brought_back_are_the_people_they_name(ctx, tmp_path):
    """A card of netweave's export names its person by UID: imported into the same
    database it is that person (renamed since, or known by a name alone), not a new one;
    into another database, whose person of that number is someone else, it is not."""
    from netweave.services.directory import PeopleFilter, list_people
    from netweave.services.imports import ImportOptions, run_import
    from netweave.services.people import PersonChanges, edit_person

    def names() -> list[str]:
        return sorted(p["name"] for p in list_people(ctx, PeopleFilter()))

    ann = person(ctx, "Ann Lee")  # a name and nothing else to match on
    person(ctx, "Bo Chen", emails=["bo@example.org"])
    folder = tmp_path / "cards"
    export_vcards(ctx, folder)
    edit_person(ctx, str(ann["id"]), PersonChanges(name="Ann Lee-Park"))
    first = run_import(ctx, "vcard", [folder], ImportOptions())
    # brought back unchanged: nothing to tell, nothing a later undo must wait for
    assert (first["created"], first["merged"], first["skipped"]) == (0, 0, 2)
    assert names() == ["Ann Lee-Park", "Bo Chen"]
    again = run_import(ctx, "vcard", [folder], ImportOptions())
    assert (again["created"], again["merged"], again["skipped"]) == (0, 0, 2)
    card = folder / f"netweave-person-{ann['id']}.vcf"
    card.write_text(card.read_text().replace("END:VCARD", "TEL:+1 415 555 0199\r\nEND:VCARD"))
    phoned = run_import(ctx, "vcard", [folder], ImportOptions())
    assert (phoned["created"], phoned["updated"], phoned["skipped"]) == (0, 1, 1)  # said so

    dee = person(ctx, "Dee Fox")
    other = tmp_path / "other"
    other.mkdir()
    (other / "card.vcf").write_text(
        f"BEGIN:VCARD\r\nVERSION:4.0\r\nUID:netweave-person-{dee['id']}\r\n"
        "FN:Cy Diaz\r\nN:Diaz;Cy;;;\r\nEND:VCARD\r\n"
    )
    assert run_import(ctx, "vcard", [other], ImportOptions())["created"] == 1
    assert names() == ["Ann Lee-Park", "Bo Chen", "Cy Diaz", "Dee Fox"]


def test_vcards_read_by_vobject_as_khard_does(ctx, tmp_path):
    people = _network(ctx)
    export_vcards(ctx, tmp_path / "cards")
    path = tmp_path / "cards" / f"netweave-person-{people['zoe']['id']}.vcf"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        card = vobject.readOne(path.read_text(encoding="utf-8"))
    assert card.fn.value == "Zoë Ångström"
    assert card.uid.value == f"netweave-person-{people['zoe']['id']}"
    assert [e.value for e in card.contents["email"]] == ["zoe@example.org", "zoe@work.example"]
    assert card.org.value == ["Żabka Labs"]
    assert card.categories.value == ["=evil", "climate"]


def test_vcards_include_me_on_request(ctx, tmp_path):
    people = _network(ctx)
    assert export_vcards(ctx, tmp_path / "all", include_me=True)["people"] == 3
    me = _cards(tmp_path / "all")[f"netweave-person-{people['me']['id']}"]
    assert (me.name, [e.value for e in me.emails]) == ("Sam Example", ["sam@example.com"])


def test_vcards_refresh_an_existing_vdir(ctx, tmp_path):
    people = _network(ctx)
    folder = tmp_path / "vdir"
    folder.mkdir()
    (folder / "someone-else.vcf").write_text("kept", encoding="utf-8")
    export_vcards(ctx, folder)
    grace = person(ctx, "Grace Hopper")
    assert export_vcards(ctx, folder)["people"] == 3
    assert (folder / "someone-else.vcf").read_text(encoding="utf-8") == "kept"
    ids = sorted(p["id"] for p in (people["zoe"], people["lee"], grace))
    assert sorted(p.name for p in folder.glob("netweave-person-*.vcf")) == sorted(
        f"netweave-person-{i}.vcf" for i in ids
    )
    assert [p.name for p in folder.glob(".*")] == []  # no temporary files left behind
    forget_person(ctx, "Grace Hopper")
    again = export_vcards(ctx, folder)
    assert (again["people"], again["removed"]) == (2, 1)
    assert not (folder / f"netweave-person-{grace['id']}.vcf").exists()
    assert (folder / "someone-else.vcf").read_text(encoding="utf-8") == "kept"


def test_vcards_refuse_a_folder_that_is_not_a_vdir(ctx, tmp_path):
    _network(ctx)
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "thesis.docx").write_text("chapter one", encoding="utf-8")
    with pytest.raises(Conflict, match=r"holds files that are not vCards \(thesis\.docx\)"):
        export_vcards(ctx, folder)
    assert [p.name for p in folder.iterdir()] == ["thesis.docx"]
    (tmp_path / "file.vcf").write_text("", encoding="utf-8")
    with pytest.raises(Conflict, match="is a file"):
        export_vcards(ctx, tmp_path / "file.vcf")


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_csv_rows_with_formulas_neutralized(ctx, tmp_path):
    people = _network(ctx)
    out = tmp_path / "people.csv"
    assert export_csv(ctx, out) == {"file": str(out), "people": 2}
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf" + HEADER.encode() + b"\r\n")
    rows = _read_csv(out)
    assert list(rows[0]) == list(CSV_COLUMNS)
    zoe, lee = rows
    assert zoe == {
        "id": str(people["zoe"]["id"]),
        "name": "Zoë Ångström",
        "emails": "zoe@example.org; zoe@work.example",
        "phones": "'+1 415 555 0100",
        "company": "Żabka Labs",
        "title": "CTO",
        "linkedin": "https://www.linkedin.com/in/zoe-angstrom",
        "tags": "'=evil; climate",
        "circle": "close",
        "interests": "professional:carbon accounting",
        "needs": "a co-founder",
        "offers": "'=cmd|' /C calc'!A0",
        "first_met": "2024-02-29",
        "last_interaction": "2026-06-01",
        "strength": zoe["strength"],
        "location": "",
        "birthday": "'--05-17",
        "notes": 'Says "hi";\nline two, with a comma',
    }
    assert int(zoe["strength"]) > 0
    assert (lee["name"], lee["company"], lee["last_interaction"], lee["strength"]) == (
        "李小龍", "", "", "0",
    )  # fmt: skip


def test_csv_include_me_and_no_silent_overwrite(ctx, tmp_path):
    people = _network(ctx)
    out = tmp_path / "people.csv"
    out.write_text("precious", encoding="utf-8")
    with pytest.raises(Conflict, match="already exists"):
        export_csv(ctx, out)
    assert out.read_text(encoding="utf-8") == "precious"
    assert export_csv(ctx, out, include_me=True, force=True)["people"] == 3
    rows = _read_csv(out)
    assert [r["id"] for r in rows] == [str(people[k]["id"]) for k in ("me", "zoe", "lee")]
    assert rows[0]["name"] == "Sam Example"


def test_exports_of_an_empty_database(ctx, tmp_path):
    assert export_vcards(ctx, tmp_path / "cards")["people"] == 0
    assert (tmp_path / "cards").is_dir()
    assert export_csv(ctx, tmp_path / "empty.csv")["people"] == 0
    assert _read_csv(tmp_path / "empty.csv") == []


def test_an_export_that_stopped_leaves_no_card_half_written(ctx, tmp_path, monkeypatch):
    """A full disk stops an export: its half-written card goes, and the next export (or a
    card an export killed outright left behind) is not refused for it."""
    import errno
    import os

    from netweave.errors import InvalidInput

    _network(ctx)
    folder = tmp_path / "vdir"

    def full(*_: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patched:
        patched.setattr(os, "replace", full)
        with pytest.raises(InvalidInput, match="No space left on device"):
            export_vcards(ctx, folder)
    assert not folder.exists()  # made for the export, removed with it
    folder.mkdir()
    (folder / ".netweave-person-4.vcf.tmp").write_text("BEGIN:VCARD", encoding="utf-8")
    assert export_vcards(ctx, folder)["people"] == 2
    assert [p.name for p in folder.glob(".*")] == []


def test_an_export_interrupted_leaves_the_vdir_as_it_was(ctx, tmp_path, monkeypatch):
    """Ctrl-C during an export: the cards are written aside and moved into place only at
    the end, so a vdir khard or vdirsyncer reads never holds part of an export; a staging
    folder of an export killed outright is removed by the next one."""
    import subprocess
    import sys

    from netweave.io import vcard_writer

    _network(ctx)
    folder = tmp_path / "vdir"
    export_vcards(ctx, folder)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    edit_person(ctx, "Zoë", PersonChanges(title="CEO"))  # her card would change
    person(ctx, "Ada New")  # a card would be added
    written = vcard_writer.vcard_bytes
    calls = []

    def interrupted(person: Any) -> bytes:
        calls.append(person)
        if len(calls) % 3 == 0:  # the third card of each export
            raise KeyboardInterrupt
        return written(person)

    with monkeypatch.context() as patched:
        patched.setattr(vcard_writer, "vcard_bytes", interrupted)
        with pytest.raises(KeyboardInterrupt):
            export_vcards(ctx, folder)
        with pytest.raises(KeyboardInterrupt):
            export_vcards(ctx, tmp_path / "new")  # a folder made for it goes with it
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert not (tmp_path / "new").exists()
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)  # fmt: skip
    killed = folder / f".netweave-export.{int(ended.stdout)}"
    killed.mkdir()
    (killed / "netweave-person-1.vcf").write_text("BEGIN:VCARD", encoding="utf-8")
    assert export_vcards(ctx, folder)["people"] == 3
    assert not killed.exists()
