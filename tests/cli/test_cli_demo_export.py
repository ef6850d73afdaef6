"""``netweave demo --export DIR``: the demo network as real-format files the importers read."""

from __future__ import annotations

import csv
import datetime as dt
import email.header
import email.utils
import filecmp
import mailbox
import re
from pathlib import Path

import pytest
from cli_support import Cli, error_line

from netweave.services.imports import NO_ADDRESS_OF_MINE

PEOPLE = 60
ME = "maya.lindqvist@example.com"


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory, run_netweave, today) -> Path:
    folder = tmp_path_factory.mktemp("demo") / "files"
    args = ["--as-of", today.isoformat(), "demo", "--people", str(PEOPLE), "--seed", "11"]
    result = run_netweave([*args, "--export", str(folder)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Wrote the demo network to {folder}")
    return folder


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_same_seed_and_day_give_byte_identical_files(exported, tmp_path, run_netweave, today):
    again = tmp_path / "again"
    args = ["--as-of", today.isoformat(), "demo", "--people", str(PEOPLE), "--seed", "11"]
    assert run_netweave([*args, "--export", str(again)]).exit_code == 0
    names = _files(exported)
    assert names == _files(again)
    assert len(names) == 4 + PEOPLE + 2  # LinkedIn files, a card each, mbox and calendar
    _match, mismatch, errors = filecmp.cmpfiles(exported, again, names, shallow=False)
    assert (mismatch, errors) == ([], [])
    other = tmp_path / "other"
    assert run_netweave([*args[:-1], "12", "--export", str(other)]).exit_code == 0
    assert (other / "mail.mbox").read_bytes() != (exported / "mail.mbox").read_bytes()


def test_the_files_have_the_real_formats(exported: Path) -> None:
    connections = (exported / "linkedin" / "Connections.csv").read_bytes()
    assert connections.startswith(b"\xef\xbb\xbfNotes:\r\n")
    assert b"\r\n\r\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n" in (
        connections
    )
    assert re.search(rb",\d\d [A-Z][a-z]{2} \d{4}\r\n", connections)
    invitations = (exported / "linkedin" / "Invitations.csv").read_text()
    assert re.search(r'"\d{1,2}/\d{1,2}/\d\d, \d{1,2}:\d\d [AP]M",', invitations)
    mbox = (exported / "mail.mbox").read_bytes()
    assert mbox.startswith(b"From ")
    assert b"=?utf-8?" in mbox  # names outside ASCII, RFC 2047-encoded
    assert b"List-Unsubscribe:" in mbox
    calendar = (exported / "calendar.ics").read_bytes()
    assert calendar.startswith(b"BEGIN:VCALENDAR\r\n")
    assert calendar.endswith(b"END:VCALENDAR\r\n")
    assert max(len(line) for line in calendar.split(b"\r\n")) <= 75
    card = next((exported / "vcards").iterdir()).read_bytes()
    assert card.startswith(b"BEGIN:VCARD\r\nVERSION:4.0\r\n")


def _rows(path: Path, skip: int = 0) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        for _ in range(skip):
            fh.readline()
        return list(csv.DictReader(fh))


def test_each_file_imports_into_an_empty_database(exported: Path, cli: Cli) -> None:
    linkedin = cli.json("import", "linkedin", str(exported / "linkedin"), "--json")
    connections = _rows(exported / "linkedin" / "Connections.csv", skip=3)
    messages = _rows(exported / "linkedin" / "messages.csv")
    invitations = _rows(exported / "linkedin" / "Invitations.csv")
    assert linkedin["errors"] == []
    assert cli.scalar("SELECT count(*) FROM person") == len(connections) + 1  # and the user
    assert cli.scalar("SELECT count(*) FROM interaction") == len(messages) + len(invitations)
    assert linkedin["created"] == len(connections) + 1 + len(messages) + len(invitations)
    assert cli.scalar("SELECT count(*) FROM person WHERE is_me = true") == 1


def test_vcards_import(exported: Path, sqlite_cli: Cli) -> None:
    cards = list((exported / "vcards").glob("*.vcf"))
    result = sqlite_cli.json("import", "vcard", str(exported / "vcards"), "--json")
    assert (result["created"], result["errors"]) == (len(cards), [])
    assert sqlite_cli.scalar("SELECT count(*) FROM person") == len(cards) == PEOPLE


def test_mbox_imports_and_bulk_mail_is_skipped(exported: Path, sqlite_cli: Cli) -> None:
    mbox = (exported / "mail.mbox").read_bytes()
    messages = len(re.findall(rb"^From \S+@\S+ ", mbox, re.MULTILINE))
    bulk = mbox.count(b"\nList-Unsubscribe:")
    result = sqlite_cli.json("import", "mbox", str(exported / "mail.mbox"), "--me", ME, "--json")
    assert result["skipped"] == bulk
    assert [e["error"] for e in result["errors"]] == [
        f"{bulk} newsletters or automated messages left out as bulk mail (import the mail "
        "with --include-bulk to keep them)"
    ]
    assert sqlite_cli.scalar("SELECT count(*) FROM interaction") == messages - bulk
    addresses, bulk_senders = set(), set()
    box = mailbox.mbox(exported / "mail.mbox", create=False)
    messages_read = list(box)
    box.close()
    for message in messages_read:
        senders = email.utils.getaddresses(message.get_all("From", []))
        if message["List-Unsubscribe"]:
            bulk_senders.update(address for _, address in senders)
            continue
        for _, address in senders + email.utils.getaddresses(message.get_all("To", [])):
            if address != ME:
                addresses.add(address.lower())
    # One person an address: the same name at two addresses is proposed, never joined.
    assert sqlite_cli.scalar("SELECT count(*) FROM person WHERE NOT is_me") == len(addresses)
    stored = sqlite_cli.scalar("SELECT group_concat(normalized, ' ') FROM contact_point")
    assert not bulk_senders & set(stored.split())


def test_calendar_imports_with_its_attendees(exported: Path, sqlite_cli: Cli) -> None:
    calendar = (exported / "calendar.ics").read_bytes().replace(b"\r\n ", b"")
    events = calendar.count(b"BEGIN:VEVENT")
    attendees = re.findall(rb'^ATTENDEE;CN="([^"]+)"[^:]*:mailto:(\S+)', calendar, re.MULTILINE)
    args = ("import", "ics", str(exported / "calendar.ics"), "--create-people", "--json")
    # a day after the demo's today: its meetings of this morning have been held
    result = sqlite_cli.json(*args, as_of=sqlite_cli.today + dt.timedelta(days=1))
    # no --me and no record of the user's yet: the one problem says so
    assert [e["error"] for e in result["errors"]] == [NO_ADDRESS_OF_MINE]
    assert sqlite_cli.scalar("SELECT count(*) FROM interaction") == events
    addresses = {address.lower() for _, address in attendees}
    assert (
        sqlite_cli.scalar("SELECT count(*) FROM person") == len(addresses) + 1
    )  # and the organizer: one person an address
    by_name: dict[str, set[bytes]] = {}
    for name, address in attendees:
        by_name.setdefault(name.decode(), set()).add(address.lower())
    twice = {name for name, known in by_name.items() if len(known) > 1}
    pairs = sqlite_cli.json("people", "duplicates")
    proposed = {p[side]["name"] for p in pairs for side in ("a", "b")}
    assert twice
    assert twice <= proposed  # the same name at two addresses: proposed as one person


def test_export_refuses_a_folder_with_files(exported: Path, run_netweave) -> None:
    result = run_netweave(["demo", "--people", "10", "--export", str(exported)])
    assert "not empty" in error_line(result)


def test_export_refuses_a_file_in_place_of_the_folder(tmp_path: Path, run_netweave) -> None:
    target = tmp_path / "notes.txt"
    target.write_text("mine")
    result = run_netweave(["demo", "--people", "10", "--export", str(target)])
    assert "is a file" in error_line(result)
    assert target.read_text() == "mine"


def test_an_invitation_note_greets_whoever_receives_it(exported: Path) -> None:
    with (exported / "linkedin" / "Invitations.csv").open(encoding="utf-8", newline="") as f:
        notes = [row for row in csv.DictReader(f) if row["Message"]]
    assert {row["Direction"] for row in notes} == {"INCOMING", "OUTGOING"}
    for row in notes:
        assert row["Message"].startswith(f"Hi {row['To'].split()[0]},"), row
