"""``netweave import``, ``people duplicates`` and ``people merge`` through the CLI."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from cli_support import Cli, error_line

DATA = Path(__file__).resolve().parents[1] / "data"


def test_linkedin_import_reimport_list_and_undo(cli: Cli) -> None:
    export = DATA / "linkedin" / "new"
    first = cli.json("import", "linkedin", str(export), "--json")
    assert {"batch", "created", "updated", "merged", "skipped", "errors"} <= set(first)
    assert first["created"] > 0
    people = cli.scalar("SELECT count(*) FROM person")
    assert people > 1
    assert first["people"] == people  # the rest it created are conversations
    assert first["created"] > first["people"]
    again = cli.json("import", "linkedin", str(export), "--json")
    assert again["created"] == 0
    assert cli.scalar("SELECT count(*) FROM person") == people
    batches = cli.json("import", "list", "--json")
    assert [b["batch"] for b in batches] == [again["batch"], first["batch"]]
    assert cli.scalar("SELECT count(*) FROM person WHERE is_me = true") == 1
    undone = cli("import", "undo", str(again["batch"]))
    assert undone.exit_code == 0, undone.stderr
    undone = cli("import", "undo", str(first["batch"]))
    assert undone.exit_code == 0, undone.stderr
    assert "Undid import batch" in undone.stdout
    assert cli.scalar("SELECT count(*) FROM person") == 0
    assert "already undone" in error_line(cli("import", "undo", str(first["batch"])))


def test_an_export_read_again_changed_nothing_and_does_not_hold_up_the_first_undo(
    cli: Cli,
) -> None:
    """The same export imported twice: the second batch found everyone here already and
    changed nothing, so the first may be undone before it, and its own undo says so."""
    export = DATA / "linkedin" / "new"
    first = cli.json("import", "linkedin", str(export), "--json")
    again = cli.json("import", "linkedin", str(export), "--json")
    assert (again["created"], again["updated"], again["merged"]) == (0, 0, 0)
    undone = cli("import", "undo", str(first["batch"]))
    assert undone.exit_code == 0, undone.stderr
    assert cli.scalar("SELECT count(*) FROM person") == 0
    undone = cli("import", "undo", str(again["batch"]))
    assert undone.exit_code == 0, undone.stderr
    assert undone.stdout.strip() == (
        f"Undid import batch {again['batch']}: it had changed nothing, so there was nothing "
        "to revert."
    )


def test_a_bad_file_is_one_line_and_changes_nothing(cli: Cli, tmp_path: Path) -> None:
    bad = tmp_path / "Connections.csv"
    bad.write_bytes(b"\x00\xff\x00garbage" * 100)
    line = error_line(cli("import", "linkedin", str(bad)))
    assert "Connections.csv" in line
    assert cli.scalar("SELECT count(*) FROM import_batch") == 0
    assert "no such file" in error_line(cli("import", "vcard", str(tmp_path / "none.vcf")))
    # mail with no --me and no email on the user's record: which mail is yours is unknown
    assert "importing mail needs your own address: --me ADDRESS" in error_line(
        cli("import", "mbox", str(bad))
    )


def test_skip_bad_rows_keeps_the_good_ones(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "cards"
    shutil.copytree(DATA / "vcard" / "vdir", folder)
    good = cli.json("import", "vcard", str(folder), "--json")
    assert good["created"] >= 1
    assert good["errors"] == []


def test_duplicates_and_merge(cli: Cli) -> None:
    cli.add("Ada Lovelace", "--company", "Initech", "--email", "ada@example.com")
    cli.add("Ada Lovelace", "--company", "Initech", "--tag", "mentor")
    pairs = cli.json("people", "duplicates", "--json")
    assert [(p["a"]["id"], p["b"]["id"]) for p in pairs] == [(1, 2)]
    merged = cli.json("people", "merge", "1", "2", "--json")
    assert (merged["kept"], merged["merged"]) == (1, 2)
    assert cli.show("1")["tags"] == ["mentor"]
    assert cli("import", "undo", str(merged["batch"])).exit_code == 0
    assert cli.scalar("SELECT count(*) FROM person") == 2
    assert "themselves" in error_line(cli("people", "merge", "1", "#1"))


def test_a_pair_kept_apart_is_not_proposed_again(cli: Cli) -> None:
    cli.add("Ada Lovelace", "--email", "ada@example.com")
    cli.add("Ada Lovelace", "--email", "ada.l@example.org")
    shown = cli("people", "apart", "1", "2")
    assert shown.exit_code == 0, shown.stderr
    assert "different people" in shown.stdout
    assert cli.json("people", "duplicates", "--json") == []
    again = cli.json("people", "apart", "#2", "#1", "--json")  # said twice: still one pair
    assert (again["a"]["id"], again["b"]["id"], again["kept_apart"]) == (2, 1, True)
    assert cli.scalar("SELECT count(*) FROM dismissed_pair") == 1
    assert "different people" in error_line(cli("people", "apart", "1", "#1"))
    assert cli.scalar("SELECT count(*) FROM dismissed_pair") == 1


def test_a_calendar_in_an_unknown_zone_is_imported_with_a_warning(cli: Cli) -> None:
    calendar = str(DATA / "ics" / "outlook_zones.ics")
    window = ("--since", "2026-06-01", "--until", "2026-07-31", "--create-people")
    shown = cli("import", "ics", calendar, *window, as_of=dt.date(2026, 8, 1))  # all of it held
    assert shown.exit_code == 0, shown.stderr
    assert "30 created" in shown.stdout
    assert "3 problems" in shown.stdout
    assert "outlook_zones.ics:139: unknown time zone 'Customized Time Zone'" in shown.stdout
    assert "outlook_zones.ics: no address of yours is known, so meetings you declined" in (
        shown.stdout
    )


def test_a_company_card_is_reported_not_imported(cli: Cli) -> None:
    contacts = str(DATA / "google" / "contacts_google.csv")
    shown = cli("import", "google-csv", contacts)
    assert shown.exit_code == 0, shown.stderr
    assert "contacts_google.csv:18: a company without a person's name (Northwind Analytics)" in (
        shown.stdout
    )
    assert cli.scalar("SELECT count(*) FROM person WHERE display_name = 'Northwind Analytics'") == 0


def test_import_list_shows_each_batchs_problems(cli: Cli) -> None:
    outlook = str(DATA / "google" / "contacts_outlook.csv")
    imported = cli.json("import", "google-csv", outlook, "--json")
    [listed] = cli.json("import", "list", "--json")
    assert listed["errors"] == imported["errors"]
    assert listed["error_count"] == 1
    assert listed["errors"][0]["error"].startswith("a company without a person's name")
    shown = cli("import", "list")
    assert shown.exit_code == 0, shown.stderr
    assert "Problems" in shown.stdout


def test_a_files_birthday_keeps_its_year_even_before_1900(cli: Cli, tmp_path: Path) -> None:
    # Typed birthdays are from 1900 to 2999; a file's is taken as the file spells it.
    card = tmp_path / "ancestors.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nN:Lovelace;Ada;;;\r\n"
        "BDAY:1815-12-10\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Old Typo\r\nN:Typo;Old;;;\r\n"
        "BDAY:0026-03-01\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    result = cli.json("import", "vcard", str(card), "--json")
    assert (result["created"], result["errors"]) == (2, [])
    assert cli.show("Ada Lovelace")["birthday"] == "1815-12-10"
    assert cli.show("Old Typo")["birthday"] == "0026-03-01"
    assert "--birthday must have a year" in error_line(
        cli("people", "edit", "Ada Lovelace", "--birthday", "1815-12-10")
    )


def test_mail_none_of_it_mine_is_refused_and_nothing_is_imported(cli: Cli, tmp_path: Path) -> None:
    mail = tmp_path / "archive.mbox"
    mail.write_text(
        "".join(
            f"From sam@acme.example Mon May {n + 1:02d} 10:00:00 2026\n"
            f"From: Sam <sam@acme.example>\nTo: Friend {n} <friend{n}@example.com>\n"
            f"Subject: hello {n}\nDate: Mon, {n + 1:02d} May 2026 10:00:00 +0000\n"
            f"Message-ID: <m{n}@acme.example>\n\nHi\n\n"
            for n in range(25)
        ),
        encoding="utf-8",
    )
    line = error_line(cli("import", "mbox", str(mail), "--me", "you@example.com"))
    assert "archive.mbox: none of the 25 messages is from or to you@example.com" in line
    assert cli.scalar("SELECT count(*) FROM import_batch") == 0
    assert cli.scalar("SELECT count(*) FROM person") == 0
    assert cli("import", "mbox", str(mail), "--me", "sam@acme.example").exit_code == 0
    assert cli.scalar("SELECT count(*) FROM interaction") == 25


def test_linkedin_messages_none_of_them_from_or_to_me_are_refused(cli: Cli, tmp_path: Path) -> None:
    header = '"CONVERSATION ID","FROM","SENDER PROFILE URL","TO","RECIPIENT PROFILE URLS","DATE"'
    rows = [
        f'c{n},"{a}",https://www.linkedin.com/in/{a[:3].lower()},"{b}",'
        f"https://www.linkedin.com/in/{b[:3].lower()},2026-02-{n % 27 + 1:02d} 10:00:00 UTC"
        for n in range(25)
        for a, b in [("Ada Quill", f"Friend {n}") if n % 2 else (f"Friend {n}", "Ada Quill")]
    ]
    messages = tmp_path / "messages.csv"
    messages.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    line = error_line(cli("import", "linkedin", str(messages), "--me", "Nobody Here"))
    assert "messages.csv: none of the 25 messages is from or to Nobody Here (--me): " in line
    assert "nothing imported" in line
    assert cli.scalar("SELECT count(*) FROM import_batch") == 0
    assert cli.scalar("SELECT count(*) FROM person") == 0
    assert cli("import", "linkedin", str(messages), "--me", "Ada Quill").exit_code == 0
    assert cli.scalar("SELECT count(*) FROM interaction WHERE direction = 'out'") == 12


def test_the_readme_imports_the_demo_mail_as_the_demo_user() -> None:
    from netweave.demo.data import USER_CONTACTS

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    address = next(value for kind, value, _, _ in USER_CONTACTS if kind == "email")
    assert f"import mbox mail.mbox --me {address}" in readme


def test_a_calendar_import_takes_your_address(cli: Cli) -> None:
    calendar = str(DATA / "ics" / "invited.ics")
    window = ("--since", "2026-11-01", "--until", "2026-11-30")
    result = cli.json("import", "ics", calendar, *window, "--create-people",
                      "--me", "maja.k@gridco.example", as_of=dt.date(2026, 12, 1))  # fmt: skip
    assert result["created"] == 2
    assert [p["name"] for p in cli.json("people", "list")] == ["Karl Berg"]


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("setpriv") is None,
    reason="reading as another user needs root and setpriv",
)
def test_a_file_you_may_not_read_is_the_imports_own_error() -> None:
    with tempfile.TemporaryDirectory(dir="/tmp") as shared:  # a folder any user may enter
        folder = Path(shared)
        folder.chmod(0o777)
        cards = folder / "cards.vcf"
        cards.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Ada\nEND:VCARD\n")
        cards.chmod(0)
        run = subprocess.run(
            ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable,
             "-m", "netweave", "--db", str(folder / "nobody.db"), "import", "vcard", str(cards)],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
    assert run.returncode == 1, run.stderr
    assert run.stderr == f"netweave: error: {cards}: cannot read the file: Permission denied\n"


def test_a_batch_that_fails_partway_still_prints_its_json(cli: Cli, tmp_path: Path) -> None:
    """The files before a bad one stay imported: with --json, the summary says which batch
    keeps them (for a script to undo), and the error is one line on stderr, exit 1."""
    garbage = tmp_path / "garbage.vcf"
    garbage.write_bytes(b"\x00\x01\x02 not a card")
    good = DATA / "vcard" / "v4.vcf"
    result = cli("import", "vcard", str(good), str(garbage), "--json")
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith("netweave: error: ")
    assert "nothing from that file was imported" in line
    summary = json.loads(result.stdout)
    assert set(summary) == {"batch", "created", "updated", "merged", "skipped", "errors"}
    assert summary["created"] == cli.scalar("SELECT count(*) FROM person") > 0
    assert summary["errors"][-1]["file"] == str(garbage)
    assert f"import undo {summary['batch']}" in summary["errors"][-1]["error"]
    (listed,) = cli.json("import", "list", "--json")  # the batch keeps the failure too
    assert (listed["state"], listed["error_count"]) == ("partial", len(summary["errors"]))
    assert listed["errors"][-1]["file"] == str(garbage)


def _has_open(pid: int, path: Path) -> bool:
    """Whether the process has ``path`` open (Linux: its /proc entry)."""
    try:
        links = [os.readlink(f) for f in Path(f"/proc/{pid}/fd").iterdir()]
    except OSError:  # gone, or an fd closed while listed
        return False
    return str(path) in links


def test_an_import_stopped_by_sigterm_says_so_and_changes_nothing(tmp_path: Path) -> None:
    """A SIGTERM stops a command as Ctrl-C does: one line, exit 143, nothing saved. The
    import reads a file of 200,000 connections, and the signal comes once it has the file
    open, so it is surely under way."""
    import signal
    import sqlite3
    import time

    csv = tmp_path / "Connections.csv"
    rows = (f"P{n},Q{n},https://www.linkedin.com/in/p{n},,Acme {n % 97},Engineer,08 Feb 2024\n"
            for n in range(200_000))  # fmt: skip
    csv.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                   + "".join(rows))  # fmt: skip
    db = tmp_path / "stopped.db"
    command = [sys.executable, "-m", "netweave", "--db", str(db), "import", "linkedin", str(csv)]
    reading = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not _has_open(reading.pid, csv) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert reading.poll() is None, "the import ended before it could be stopped"
    reading.send_signal(signal.SIGTERM)
    _, err = reading.communicate(timeout=60)
    assert reading.returncode == 143
    said = {"what was under way", "the import of Connections.csv"}  # the file read, or applied
    assert err.decode() in {f"netweave: error: stopped (interrupted): {s} is not saved\n"
                            for s in said}  # fmt: skip
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM import_batch").fetchone() == (0,)


def test_a_merge_of_two_names_that_differ_says_so(cli: Cli) -> None:
    cli.add("Matthew Bennett")
    cli.add("Nathan Bennett")
    out = cli("people", "merge", "1", "2").stdout.splitlines()
    assert out[1] == "Their names differ (Nathan Bennett): if they are two people, undo it now."
    cli.add("Ann Lee")
    cli.add("Ann Lee-Park")
    assert cli.json("people", "merge", "3", "4")["other_name"] is None


def test_an_import_says_how_many_of_what_it_created_are_people(cli: Cli) -> None:
    export = DATA / "linkedin" / "new"
    line = cli("import", "linkedin", str(export)).stdout.splitlines()[0]
    people = cli.scalar("SELECT count(*) FROM person")
    assert f" created ({people} new people), " in line


def test_an_empty_me_is_an_error_not_no_address(cli: Cli, tmp_path: Path) -> None:
    """A script with its address unset says ``--me ""``: one line, nothing imported."""
    card = tmp_path / "me.vcf"
    card.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Maya Lindqvist\nEMAIL:maya@example.com\nEND:VCARD\n"
    )
    for kind in ("vcard", "mbox"):
        line = error_line(cli("import", kind, str(card), "--me", " "))
        assert line.endswith("--me: an empty address (give yours, or leave --me out)")
    assert cli.json("people", "list") == []


@pytest.mark.parametrize("name", ["contacts_outlook_cp1250.csv", "contacts_outlook_cp1254.csv"])
def test_an_outlook_export_in_a_central_european_or_turkish_code_page_is_read(
    cli: Cli, name: str
) -> None:
    imported = cli.json(
        "import", "google-csv", str(DATA / "google" / "code_pages" / name), "--json"
    )
    assert imported["errors"] == []
    names = set(cli.names())
    assert names & {"Řehoř Dvořák", "Şükrü Güçlü"}
    assert names & {"Šárka Žižková", "İpek Yıldız"}


def test_a_csv_in_a_code_page_not_recognised_is_one_line_naming_it(
    cli: Cli, tmp_path: Path
) -> None:
    path = tmp_path / "contacts.csv"
    path.write_bytes("First Name,Last Name\r\nAyşe,Doğan\r\n".encode("cp1254"))
    line = error_line(cli("import", "google-csv", str(path)))
    assert line.startswith(f"netweave: error: {path}: the encoding is not recognised")
    assert line.endswith("save it as UTF-8 (in Excel: CSV UTF-8) and import it again")
    assert cli.scalar("SELECT count(*) FROM person") == 0


def test_netweave_s_own_csv_given_to_the_contacts_importer_names_the_ways_to_copy(
    cli: Cli, tmp_path: Path
) -> None:
    """``export csv`` is a table for spreadsheets, not a contacts export: given back to
    ``import google-csv``, it is refused in one line naming the ways to copy a network
    (``export json`` and ``restore``; ``export vcard`` and ``import vcard``), and nothing
    is imported."""
    cli.add("Ada Lovelace", "--email", "ada@example.com", "--company", "Analytical Engines")
    own = tmp_path / "people.csv"
    assert cli("export", "csv", str(own)).exit_code == 0
    before = cli.scalar("SELECT count(*) FROM import_batch")
    line = error_line(cli("import", "google-csv", str(own)))
    assert line == (
        f"netweave: error: {own}:1: not a Google or Outlook contacts CSV: netweave's own "
        "`export csv` (for spreadsheets); to copy your network to another database, use "
        "`netweave export json` and `netweave restore` (everything, into an empty database) "
        "or `netweave export vcard` and `netweave import vcard` (the people, into any)"
    )
    assert cli.scalar("SELECT count(*) FROM import_batch") == before
    assert cli.scalar("SELECT count(*) FROM person") == 1


def test_an_undo_says_the_people_and_the_pairs_kept_apart_it_removed(
    cli: Cli, tmp_path: Path
) -> None:
    cli.add("Ada Lovelace", "--email", "ada@work.example")
    cards = tmp_path / "ada.vcf"
    cards.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEMAIL:ada@example.com\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    batch = cli.json("import", "vcard", str(cards))["batch"]
    assert cli("people", "apart", "1", "2").exit_code == 0
    undone = cli("import", "undo", str(batch))
    assert undone.exit_code == 0, undone.stderr
    assert undone.stdout.splitlines() == [
        f"Undid import batch {batch}: 1 change reverted; 1 person it brought in removed.",
        "The pair you kept apart went with them: Ada Lovelace (#1) and Ada Lovelace (#2).",
    ]
    assert cli.scalar("SELECT count(*) FROM dismissed_pair") == 0


def test_linkedin_exports_not_told_apart_by_age_are_said_read_in_the_order_given(
    cli: Cli, tmp_path: Path
) -> None:
    head = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    paths = []
    for folder, company in (("Cli2", "NewCo"), ("Cli1", "OldCo")):
        (tmp_path / folder).mkdir()
        path = tmp_path / folder / "Connections.csv"
        path.write_text(f"{head}Bert,Stone,,,{company},Analyst,02 Jun 2015\n", encoding="utf-8")
        paths.append(str(path))
    shown = " ".join(cli("import", "linkedin", *paths).stdout.split())
    assert "1 problem." in shown
    assert (
        f"{paths[0]}, {paths[1]}: these two exports could not be told apart by age: read in "
        "the order given; import them one by one, oldest first, if that is not their order"
    ) in shown
