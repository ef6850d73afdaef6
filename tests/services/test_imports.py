"""Imports on both backends: identity resolution, re-imports, job changes, undo, bad files."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from netweave.clock import Clock, day_of
from netweave.errors import Conflict, InvalidInput, NotFound
from netweave.io.records import FormatError
from netweave.services.agenda import agenda
from netweave.services.context import Context
from netweave.services.conversations import list_conversations
from netweave.services.import_undo import list_batches, undo_batch
from netweave.services.imports import NO_ADDRESS_OF_MINE, ImportOptions, run_import
from netweave.services.people import PersonChanges, add_person, show_person
from netweave.store.models import (
    ImportBatch,
    Interaction,
    Interest,
    Need,
    Person,
    PersonSource,
    Position,
)

CONNECTIONS = """Notes:
"When exporting your connection data, you may notice that some of the email addresses are missing."

First Name,Last Name,URL,Email Address,Company,Position,Connected On
Ada,Lovelace,https://www.linkedin.com/in/ada-lovelace,ada@example.com,\
Analytical Engines,Engineer,08 Feb 2024
Grace,Hopper,https://www.linkedin.com/in/grace-hopper,,US Navy,"Rear Admiral, Ret.",15 Mar 2025
小明,王,https://www.linkedin.com/in/wang-xiaoming,,字节跳动,工程师,01 Jan 2026
"""

VCARD = """BEGIN:VCARD
VERSION:3.0
FN:Ada Lovelace
N:Lovelace;Ada;;;
EMAIL;TYPE=INTERNET,HOME:ada@example.com
TEL;TYPE=CELL:+1 415 555 0100
CATEGORIES:mentor,math
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Charles Babbage
N:Babbage;Charles;;;
EMAIL:charles@example.com
END:VCARD
"""


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _event(folder: Path, event: str) -> Path:
    """A calendar file of one event (its lines, newline-separated)."""
    head = "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//t//EN\nBEGIN:VEVENT\n"
    text = f"{head}{event}\nEND:VEVENT\nEND:VCALENDAR\n"
    return _write(folder, "cal.ics", text)


def person_named(ctx: Context, name: str) -> int:
    from factories import person

    return int(person(ctx, name)["id"])


def _count(ctx: Context, model: type) -> int:
    with ctx.db.reading() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def _linkedin(ctx: Context, path: Path) -> dict[str, object]:
    return run_import(ctx, "linkedin", [path], ImportOptions())


def _later_export(ctx: Context, tmp_path: Path, role: str) -> tuple[Context, dict[str, object]]:
    """A newer export, on 20 June, that gives Ada another role (``ORG,TITLE``): the day's
    context and the import's summary."""
    moved = CONNECTIONS.replace("Analytical Engines,Engineer", role)
    later = dataclasses.replace(ctx, clock=Clock(as_of=dt.date(2026, 6, 20)))
    return later, _linkedin(later, _write(tmp_path / "..", "Connections.csv", moved))


INVITATIONS = """From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl
Grace Hopper,Me Myself,"3/15/25, 9:00 AM",,INCOMING,\
https://www.linkedin.com/in/grace-hopper,https://www.linkedin.com/in/me-myself
Rex Recruiter,Me Myself,"2/1/26, 9:00 AM",Great opportunity!,INCOMING,\
https://www.linkedin.com/in/rex-recruiter,https://www.linkedin.com/in/me-myself
Me Myself,Lin Park,"2/2/26, 9:00 AM",,OUTGOING,\
https://www.linkedin.com/in/me-myself,https://www.linkedin.com/in/lin-park
"""


def test_old_messages_with_no_one_known_are_said_skipped(ctx: Context, tmp_path: Path) -> None:
    """An older export's messages.csv names people without profile URLs: read alone, before
    the connections, no one in it is known, and the summary says so."""
    messages = _write(tmp_path, "messages.csv", (
        "From,To,Date,Subject,Content,Direction\n"
        'Ada Lovelace,Maya Lindqvist,"2019-05-02 10:00:00 UTC",Hello,"Hi, Maya",INCOMING\n'
        'Maya Lindqvist,Ada Lovelace,"2019-05-03 10:00:00 UTC",Re: Hello,Hi,OUTGOING\n'
    ))  # fmt: skip
    result = run_import(ctx, "linkedin", [messages], ImportOptions(me=["Maya Lindqvist"]))
    assert (result["created"], result["skipped"]) == (0, 2)
    assert [e["error"] for e in result["errors"]] == [  # type: ignore[union-attr]
        "2 messages with people not among your connections skipped (import the whole export, "
        "or its Connections.csv first, to have those who are)"
    ]
    _linkedin(ctx, _write(tmp_path, "Connections.csv", CONNECTIONS))
    again = run_import(ctx, "linkedin", [messages], ImportOptions(me=["Maya Lindqvist"]))
    assert (again["created"], again["errors"]) == (2, [])


def test_messages_alone_after_the_export_know_the_user_without_me(
    ctx: Context, tmp_path: Path
) -> None:
    """The whole export named the user (Profile.csv): a later messages.csv alone tells their
    messages from the others' without --me."""
    ada, maya = "https://www.linkedin.com/in/ada-lovelace", "https://www.linkedin.com/in/maya-l"
    messages = _write(tmp_path, "messages.csv", (
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
        "DATE,SUBJECT,CONTENT,FOLDER\n"
        f"c1,,Ada Lovelace,{ada},Maya Lindqvist,{maya},2026-05-02 10:00:00 UTC,,Hi,INBOX\n"
        f"c1,,Maya Lindqvist,{maya},Ada Lovelace,{ada},2026-05-03 10:00:00 UTC,,Hi!,INBOX\n"
    ))  # fmt: skip
    with pytest.raises(FormatError, match="cannot tell which messages are yours"):
        run_import(ctx, "linkedin", [messages], ImportOptions())
    _linkedin(ctx, _write(tmp_path, "Connections.csv", CONNECTIONS))
    add_person(ctx, PersonChanges(name="Maya Lindqvist", is_me=True))
    result = run_import(ctx, "linkedin", [messages], ImportOptions())
    assert (result["created"], result["errors"]) == (2, [])
    talks = list_conversations(ctx, "Ada Lovelace")
    assert sorted(t["direction"] for t in talks) == ["in", "out"]


def test_a_request_received_and_not_accepted_makes_no_person(ctx: Context, tmp_path: Path) -> None:
    _write(tmp_path, "Connections.csv", CONNECTIONS)
    _write(tmp_path, "Invitations.csv", INVITATIONS)
    result = _linkedin(ctx, tmp_path)
    with ctx.db.reading() as session:
        names = set(session.scalars(select(Person.display_name)))
    assert "Rex Recruiter" not in names  # pending: not a tie yet
    assert {"Grace Hopper", "Lin Park"} <= names  # accepted; and the user's own request
    assert [e["error"] for e in result["errors"]] == [  # type: ignore[attr-defined]
        "1 connection request received from people not among your connections skipped (not "
        "accepted yet; accept on LinkedIn and import a new export to add them)"
    ]
    grace = show_person(ctx, "Grace Hopper")
    assert grace["last_interaction"] == "2025-03-15"


def test_a_connection_dated_after_today_keeps_the_person_not_the_date(
    ctx: Context, tmp_path: Path
) -> None:
    later = CONNECTIONS.replace("15 Mar 2025", "15 Mar 2099")
    result = _linkedin(ctx, _write(tmp_path, "Connections.csv", later))
    assert result["created"] == 3
    assert [e["error"] for e in result["errors"]] == [  # type: ignore[attr-defined]
        "first known on 2099-03-15, after today: the date is left out"
    ]
    assert show_person(ctx, "grace hopper")["met"]["on"] is None


def test_connections_become_people_and_reimports_create_nothing(
    ctx: Context, tmp_path: Path
) -> None:
    path = _write(tmp_path, "Connections.csv", CONNECTIONS)
    first = _linkedin(ctx, path)
    assert set(first) == {
        "batch", "created", "updated", "merged", "skipped", "errors", "people", "error_count"
    }  # fmt: skip
    assert (first["created"], first["people"], first["errors"]) == (3, 3, [])
    ada = show_person(ctx, "ada lovelace")
    assert (ada["company"], ada["title"], ada["first_met"]) == (
        "Analytical Engines",
        "Engineer",
        "2024-02-08",
    )
    assert ada["linkedin"] == "https://www.linkedin.com/in/ada-lovelace"
    assert show_person(ctx, "王小明")["company"] == "字节跳动"
    again = _linkedin(ctx, path)
    assert (again["created"], again["updated"], again["skipped"]) == (0, 0, 3)
    assert _count(ctx, Person) == 3
    assert [b["state"] for b in list_batches(ctx)] == ["done", "done"]


def test_a_new_role_keeps_history_and_asks_for_congratulations(
    ctx: Context, tmp_path: Path
) -> None:
    _linkedin(ctx, _write(tmp_path, "Connections.csv", CONNECTIONS))
    later, result = _later_export(ctx, tmp_path, "Babbage Labs,CTO")
    assert (result["created"], result["updated"]) == (0, 1)
    ada = show_person(later, "ada lovelace")
    assert [(p["organization"], p["current"]) for p in ada["positions"]] == [
        ("Babbage Labs", True),
        ("Analytical Engines", False),
    ]
    items = agenda(later)["items"]
    assert [(i["kind"], i["person"]) for i in items if i["kind"] == "congratulate"] == [
        ("congratulate", "Ada Lovelace")
    ]
    undo_batch(later, int(result["batch"]))  # type: ignore[call-overload]
    ada = show_person(later, "ada lovelace")
    assert [(p["organization"], p["current"]) for p in ada["positions"]] == [
        ("Analytical Engines", True)
    ]
    assert all(i["kind"] != "congratulate" for i in agenda(later)["items"])


def test_a_title_corrected_by_hand_stands_when_the_export_is_imported_again(
    ctx: Context, tmp_path: Path
) -> None:
    from netweave.services.people import PersonChanges, edit_person

    connections = _write(tmp_path, "Connections.csv", CONNECTIONS)
    batch = int(_linkedin(ctx, connections)["batch"])  # type: ignore[call-overload]
    edit_person(ctx, "Ada Lovelace", PersonChanges(title="Chief Engineer"))
    again = _linkedin(ctx, connections)
    assert (again["created"], again["updated"]) == (0, 0)
    ada = show_person(ctx, "ada lovelace")
    assert [(p["organization"], p["title"], p["current"]) for p in ada["positions"]] == [
        ("Analytical Engines", "Chief Engineer", True)
    ]
    assert _congratulations(ctx) == []
    undone = undo_batch(ctx, batch)  # the title is the user's: Ada stays with it
    assert [p["name"] for p in undone["kept"]] == ["Ada Lovelace"]
    assert show_person(ctx, "ada lovelace")["positions"][0]["title"] == "Chief Engineer"


def test_a_newer_export_naming_an_employer_only_an_address_book_knew_makes_it_current(
    ctx: Context, tmp_path: Path
) -> None:
    from netweave.services.people import PersonChanges, edit_person

    _linkedin(ctx, _write(tmp_path, "Connections.csv", CONNECTIONS))
    book = "First Name,Last Name,Organization Name,Organization Title,Labels,E-mail 1 - Value\n"
    book += "Ada,Lovelace,Babbage Labs,CTO,,ada@example.com\n"
    run_import(ctx, "google-csv", [_write(tmp_path, "book.csv", book)], ImportOptions())
    ada = show_person(ctx, "ada lovelace")  # an address book goes stale: history, not news
    assert [(p["organization"], p["current"]) for p in ada["positions"]] == [
        ("Analytical Engines", True),
        ("Babbage Labs", False),
    ]
    later, result = _later_export(ctx, tmp_path, "Babbage Labs,CTO")
    assert result["updated"] == 1
    ada = show_person(later, "ada lovelace")
    assert [(p["organization"], p["title"], p["current"]) for p in ada["positions"]] == [
        ("Babbage Labs", "CTO", True),
        ("Analytical Engines", "Engineer", False),
    ]
    assert _congratulations(later) == ["Congratulate Ada Lovelace on the new role as CTO at "
                                       "Babbage Labs"]  # fmt: skip
    undo_batch(later, int(result["batch"]))  # type: ignore[call-overload]
    ada = show_person(later, "ada lovelace")
    assert [(p["organization"], p["current"]) for p in ada["positions"]] == [
        ("Analytical Engines", True),
        ("Babbage Labs", False),
    ]
    # made current again, and its title corrected by hand: the undo leaves the user's role
    later, result = _later_export(ctx, tmp_path, "Babbage Labs,CTO")
    edit_person(later, "Ada Lovelace", PersonChanges(title="Chief Technology Officer"))
    undo_batch(later, int(result["batch"]))  # type: ignore[call-overload]
    ada = show_person(later, "ada lovelace")
    assert [(p["organization"], p["title"], p["current"]) for p in ada["positions"]] == [
        ("Babbage Labs", "Chief Technology Officer", True),
        ("Analytical Engines", "Engineer", False),
    ]


def test_an_address_book_read_again_after_a_role_made_current_is_no_news(
    ctx: Context, tmp_path: Path
) -> None:
    """The address book gave Globex as history, a newer export made it current: the same
    address book again words the title otherwise, which is no new role."""
    _linkedin(ctx, _write(tmp_path, "Connections.csv", CONNECTIONS))
    book = "First Name,Last Name,Organization Name,Organization Title,Labels,E-mail 1 - Value\n"
    book += "Ada,Lovelace,Globex,Lead,,ada@example.com\n"
    cards = _write(tmp_path, "book.csv", book)
    run_import(ctx, "google-csv", [cards], ImportOptions())
    later, result = _later_export(ctx, tmp_path, "Globex,Platform Lead")
    again = run_import(later, "google-csv", [cards], ImportOptions())
    ada = show_person(later, "ada lovelace")
    assert [(p["organization"], p["title"], p["current"]) for p in ada["positions"]] == [
        ("Globex", "Platform Lead", True),
        ("Analytical Engines", "Engineer", False),
    ]
    assert len(_congratulations(later)) == 1
    assert again["updated"] == 0
    undo_batch(later, int(result["batch"]))  # type: ignore[call-overload]
    ada = show_person(later, "ada lovelace")
    assert [(p["organization"], p["current"]) for p in ada["positions"]] == [
        ("Analytical Engines", True),
        ("Globex", False),
    ]


def test_undo_of_a_new_role_whose_title_was_corrected_since_leaves_one_current(
    ctx: Context, tmp_path: Path
) -> None:
    from netweave.services.people import PersonChanges, edit_person

    _linkedin(ctx, _write(tmp_path, "Connections.csv", CONNECTIONS))
    later, result = _later_export(ctx, tmp_path, "Analytical Engines,Lead")
    edit_person(later, "Ada Lovelace", PersonChanges(title="Lead Engineer"))
    undo_batch(later, int(result["batch"]))  # type: ignore[call-overload]
    ada = show_person(later, "ada lovelace")
    assert [(p["title"], p["current"]) for p in ada["positions"]] == [
        ("Lead Engineer", True),
        ("Engineer", False),
    ]


def test_a_new_role_of_the_users_own_plans_no_congratulation(ctx: Context, tmp_path: Path) -> None:
    from factories import person

    person(ctx, "Ada Lovelace", is_me=True, emails=["ada@example.com"])
    _linkedin(ctx, _write(tmp_path, "Connections.csv", CONNECTIONS))
    later, result = _later_export(ctx, tmp_path, "Babbage Labs,CTO")
    assert result["updated"] == 1
    ada = show_person(later, "ada lovelace")
    assert [(p["organization"], p["current"]) for p in ada["positions"]] == [
        ("Babbage Labs", True),
        ("Analytical Engines", False),
    ]
    assert _congratulations(later) == []


def _congratulations(ctx: Context) -> list[str]:
    return [i["reason"] for i in agenda(ctx)["items"] if i["kind"] == "congratulate"]


def test_an_employer_whose_name_is_written_longer_is_no_new_role(
    ctx: Context, tmp_path: Path
) -> None:
    """ "Analytical Engines" in one export, "Analytical Engines Ltd Research" in the next, the
    title the same: no congratulation; the same longer name with another title is one."""
    _linkedin(ctx, _write(tmp_path, "Connections.csv", CONNECTIONS))
    later, result = _later_export(ctx, tmp_path, "Analytical Engines Research,Engineer")
    assert (result["created"], result["updated"]) == (0, 0)
    assert _congratulations(later) == []
    ada = show_person(later, "ada lovelace")
    assert [(p["organization"], p["current"]) for p in ada["positions"]] == [
        ("Analytical Engines", True)
    ]
    later, result = _later_export(ctx, tmp_path, "Analytical Engines Research,Lead Engineer")
    assert len(_congratulations(later)) == 1


def test_an_employer_an_earlier_version_took_for_another_is_corrected_quietly(
    ctx: Context, tmp_path: Path
) -> None:
    """Before revision 0017, "カス株式会社" was filed under "ガス株式会社" (one key): the
    card that names it, imported again, moves the role there, with no congratulation."""
    from factories import person

    person(ctx, "鈴木 花子", emails=["suzuki@example.jp"], company="ガス株式会社")
    card = _write(tmp_path, "suzuki.vcf", "BEGIN:VCARD\nVERSION:4.0\nFN:鈴木 花子\n"
                  "EMAIL:suzuki@example.jp\nORG:カス株式会社\nEND:VCARD\n")  # fmt: skip
    result = run_import(ctx, "vcard", [card], ImportOptions())
    assert result["merged"] == 1  # the card found her
    shown = show_person(ctx, "鈴木 花子")
    assert [(p["organization"], p["current"]) for p in shown["positions"]] == [
        ("カス株式会社", True)
    ]
    assert _congratulations(ctx) == []
    undo_batch(ctx, int(result["batch"]))
    assert show_person(ctx, "鈴木 花子")["company"] == "ガス株式会社"


def test_an_older_export_or_a_disagreeing_source_changes_nothing_again(
    ctx: Context, tmp_path: Path
) -> None:
    (tmp_path / "old").mkdir()
    (tmp_path / "new").mkdir()
    old = _write(tmp_path / "old", "Connections.csv", CONNECTIONS)
    new = _write(
        tmp_path / "new",
        "Connections.csv",
        CONNECTIONS.replace("Analytical Engines,Engineer", "Babbage Labs,CTO"),
    )
    later = dataclasses.replace(ctx, clock=Clock(as_of=dt.date(2026, 6, 20)))
    _linkedin(ctx, old)
    assert _linkedin(later, new)["updated"] == 1
    for _ in range(3):  # the old export again, then the new one: nothing moves any more
        assert _linkedin(later, old)["updated"] == 0
        assert _linkedin(later, new)["updated"] == 0
    ada = show_person(later, "ada lovelace")
    assert [(p["organization"], p["current"]) for p in ada["positions"]] == [
        ("Babbage Labs", True),
        ("Analytical Engines", False),
    ]
    assert _congratulations(later) == [
        "Congratulate Ada Lovelace on the new role as CTO at Babbage Labs"
    ]


def test_a_promotion_keeps_the_old_title_and_plans_one_congratulation(
    ctx: Context, tmp_path: Path
) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "c").mkdir()
    _linkedin(ctx, _write(tmp_path / "a", "Connections.csv", CONNECTIONS))
    quoted = CONNECTIONS.replace('"Rear Admiral, Ret."', '"Rear Admiral, ""Ret."""')
    assert _linkedin(ctx, _write(tmp_path / "b", "Connections.csv", quoted))["updated"] == 0
    promoted = CONNECTIONS.replace('"Rear Admiral, Ret."', "Commodore")
    promoted = promoted.replace("Analytical Engines,Engineer", "Babbage Labs,CTO")
    assert _linkedin(ctx, _write(tmp_path / "c", "Connections.csv", promoted))["updated"] == 2
    grace = show_person(ctx, "grace hopper")
    assert [(p["title"], p["current"]) for p in grace["positions"]] == [
        ("Commodore", True),
        ("Rear Admiral, Ret.", False),
    ]
    assert sorted(_congratulations(ctx)) == [
        "Congratulate Ada Lovelace on the new role as CTO at Babbage Labs",
        "Congratulate Grace Hopper on the new role as Commodore at US Navy",
    ]


def test_undo_removes_exactly_what_a_batch_created(ctx: Context, tmp_path: Path) -> None:
    from factories import person

    person(
        ctx,
        "Grace Hopper",
        company="Harvard",
        note="typed by hand",
        linkedin="https://linkedin.com/in/Grace-Hopper/",
    )
    batch = _linkedin(ctx, _write(tmp_path, "Connections.csv", CONNECTIONS))
    assert (batch["created"], batch["merged"]) == (2, 1)
    grace = show_person(ctx, "grace hopper")
    assert (grace["company"], grace["first_met"]) == ("US Navy", "2025-03-15")
    result = undo_batch(ctx, int(batch["batch"]))  # type: ignore[call-overload]
    assert result["batch"] == batch["batch"]
    assert _count(ctx, Person) == 1
    grace = show_person(ctx, "grace hopper")
    assert (grace["notes"], grace["company"], grace["first_met"]) == (
        "typed by hand",
        "Harvard",
        None,
    )
    assert [p["organization"] for p in grace["positions"]] == ["Harvard"]
    with pytest.raises(Conflict):
        undo_batch(ctx, int(batch["batch"]))  # type: ignore[call-overload]
    with pytest.raises(NotFound):
        undo_batch(ctx, 999)


GOOGLE_TAGGED = """Name,Given Name,Family Name,E-mail 1 - Value,Group Membership
Dorothy Vaughan,Dorothy,Vaughan,dv@example.net,* myContacts ::: Friends ::: Colleagues
Katherine Johnson,Katherine,Johnson,kj@example.net,* myContacts ::: Mentors ::: Orbits
Mary Jackson,Mary,Jackson,mj@example.net,* myContacts ::: Friends
"""


def test_undo_removes_the_tags_a_batch_created_and_no_one_carries(
    ctx: Context, tmp_path: Path
) -> None:
    from factories import person
    from netweave.services.tagging import list_tags, tag_people

    person(ctx, "Katherine Johnson", emails=["kj@example.net"])  # tagged on the one-by-one path
    mine = person(ctx, "Ann Easley", tags=["colleagues"])  # a tag that was there before
    batch = run_import(
        ctx, "google-csv", [_write(tmp_path, "f.csv", GOOGLE_TAGGED)], ImportOptions()
    )
    assert (batch["created"], batch["merged"]) == (2, 1)
    labels = {t["label"] for t in list_tags(ctx)}
    assert labels == {"colleagues", "friends", "mentors", "orbits"}
    tag_people(ctx, [int(mine["id"])], "orbits")  # created by the import, now also the user's
    undo_batch(ctx, int(batch["batch"]))  # type: ignore[call-overload]
    assert list_tags(ctx) == [
        {"label": "colleagues", "people": 1, "cadence_days": None},
        {"label": "orbits", "people": 1, "cadence_days": None},
    ]
    again = run_import(ctx, "google-csv", [tmp_path / "f.csv"], ImportOptions())
    assert again["created"] == 2
    assert {t["label"] for t in list_tags(ctx)} == labels


def test_undo_keeps_someone_you_have_talked_with_since(ctx: Context, tmp_path: Path) -> None:
    from factories import talk

    batch = int(_linkedin(ctx, _write(tmp_path, "Connections.csv", CONNECTIONS))["batch"])
    coffee = talk(ctx, "Ada Lovelace", kind="coffee", gave=["advice"])["interaction"]
    undone = undo_batch(ctx, batch)
    assert [p["name"] for p in undone["kept"]] == ["Ada Lovelace"]
    assert _count(ctx, Person) == 1  # Grace and 王小明, untouched since, are gone
    ada = show_person(ctx, "ada lovelace")
    assert [i["id"] for i in ada["interactions"]] == [coffee["id"]]
    assert ada["reciprocity"]["gave"] == 1


def test_undo_leaves_the_conversations_you_corrected_since(ctx: Context, tmp_path: Path) -> None:
    from factories import person
    from netweave.services.conversations import ConversationChanges, edit_conversation

    for n in range(3):
        person(ctx, f"Friend {n}", emails=[f"friend{n}@example.com"])
    mail = _mail(tmp_path, 3)
    batch = int(run_import(ctx, "mbox", [mail], ImportOptions(me=["sam@acme.example"]))["batch"])
    [hello] = list_conversations(ctx, "Friend 1")
    noted = ConversationChanges(kind="call", note="a long call about her job search")
    edit_conversation(ctx, int(hello["id"]), noted)
    undo_batch(ctx, batch)
    assert [c["summary"] for c in list_conversations(ctx, "Friend 1")] == [noted.note]
    assert (list_conversations(ctx, "Friend 0"), list_conversations(ctx, "Friend 2")) == ([], [])
    again = run_import(ctx, "mbox", [mail], ImportOptions(me=["sam@acme.example"]))
    assert (again["created"], _count(ctx, Interaction)) == (2, 3)  # not brought in twice


def test_undo_keeps_someone_it_brought_whose_conversation_you_corrected(
    ctx: Context, tmp_path: Path
) -> None:
    from netweave.services.conversations import ConversationChanges, edit_conversation

    mail = _mail(tmp_path, 2)
    batch = int(run_import(ctx, "mbox", [mail], ImportOptions(me=["sam@acme.example"]))["batch"])
    [hello] = list_conversations(ctx, "Friend 1")
    edit_conversation(ctx, int(hello["id"]), ConversationChanges(note="we met for lunch"))
    assert [p["name"] for p in undo_batch(ctx, batch)["kept"]] == ["Friend 1"]
    assert [c["summary"] for c in list_conversations(ctx, "Friend 1")] == ["we met for lunch"]
    assert _count(ctx, Person) == 1


def test_what_you_took_away_by_hand_an_import_does_not_bring_back(
    ctx: Context, tmp_path: Path
) -> None:
    from netweave.services.people import PersonChanges, edit_person

    cards = _write(tmp_path, "cards.vcf", VCARD)
    run_import(ctx, "vcard", [cards], ImportOptions())
    edit_person(ctx, "Ada Lovelace", PersonChanges(
        remove_emails=["ada@example.com"], emails=["ada@new.example"],
        remove_phones=["+1 415 555 0100"], remove_tags=["math"],
    ))  # fmt: skip
    again = run_import(ctx, "vcard", [cards], ImportOptions())
    assert (again["created"], again["errors"]) == (0, [])  # still Ada, by her old address
    ada = show_person(ctx, "ada lovelace")
    assert (ada["emails"], ada["phones"], ada["tags"]) == (["ada@new.example"], [], ["mentor"])
    edit_person(ctx, "Ada Lovelace", PersonChanges(tags=["math"], remove_tags=["mentor"]))
    edit_person(ctx, "Ada Lovelace", PersonChanges(remove_tags=["math"]))
    edit_person(ctx, "Ada Lovelace", PersonChanges(tags=["math"]))  # given back: forgotten
    run_import(ctx, "vcard", [cards], ImportOptions())
    assert show_person(ctx, "ada lovelace")["tags"] == ["math"]  # "mentor" stays away


def test_an_address_taken_from_someone_is_free_for_another_and_undo_forgets(
    ctx: Context, tmp_path: Path
) -> None:
    from netweave.services.merge import merge
    from netweave.services.people import PersonChanges, edit_person

    # put on Ada by mistake, taken away: Bob's card with it is Bob, not Ada
    cards = _write(tmp_path, "cards.vcf", VCARD)
    batch = int(run_import(ctx, "vcard", [cards], ImportOptions())["batch"])  # type: ignore[call-overload]
    edit_person(ctx, "Ada Lovelace", PersonChanges(emails=["bob@example.com"]))
    edit_person(ctx, "Ada Lovelace", PersonChanges(remove_emails=["bob@example.com"]))
    bob = "BEGIN:VCARD\nVERSION:3.0\nFN:Bob Smith\nEMAIL:bob@example.com\nORG:Acme\nEND:VCARD\n"
    result = run_import(ctx, "vcard", [_write(tmp_path, "bob.vcf", bob)], ImportOptions())
    assert result["created"] == 1
    assert show_person(ctx, "bob smith")["emails"] == ["bob@example.com"]
    assert show_person(ctx, "ada lovelace")["company"] is None
    # the people an undo or a merge takes away take what was taken from them along
    edit_person(ctx, "Ada Lovelace", PersonChanges(remove_emails=["ada@example.com"]))
    undo_batch(ctx, batch)
    assert run_import(ctx, "vcard", [cards], ImportOptions())["created"] == 2
    edit_person(ctx, "Ada Lovelace", PersonChanges(remove_emails=["ada@example.com"]))
    merge(ctx, "Charles Babbage", "Ada Lovelace")
    again = run_import(ctx, "vcard", [cards], ImportOptions())  # no one gone is looked up
    assert again["batch"] is not None


def test_an_address_that_was_a_cards_key_taken_away_is_free_for_another_card(
    ctx: Context, tmp_path: Path
) -> None:
    from netweave.services.merge import merge
    from netweave.services.people import PersonChanges, edit_person

    marta = "BEGIN:VCARD\nVERSION:3.0\nFN:Marta Ruiz\nEMAIL:marta@old.example\nEND:VCARD\n"
    pablo = "BEGIN:VCARD\nVERSION:3.0\nFN:Pablo Ortega\nEMAIL:marta@old.example\nEND:VCARD\n"
    first = _write(tmp_path, "marta.vcf", marta)
    run_import(ctx, "vcard", [first], ImportOptions())  # the address is the card's key
    edit_person(ctx, "Marta Ruiz", PersonChanges(remove_emails=["marta@old.example"]))
    assert (
        run_import(ctx, "vcard", [_write(tmp_path, "p.vcf", pablo)], ImportOptions())["created"]
        == 1
    )
    assert show_person(ctx, "pablo")["emails"] == ["marta@old.example"]
    assert run_import(ctx, "vcard", [first], ImportOptions())["created"] == 0  # still Marta
    assert show_person(ctx, "marta")["emails"] == []
    # merged into another record, what was taken from her stays taken
    edit_person(ctx, "Pablo Ortega", PersonChanges(remove_emails=["marta@old.example"]))
    other = person_named(ctx, "Marta R.")
    merge(ctx, f"#{other}", "Marta Ruiz")
    run_import(ctx, "vcard", [first], ImportOptions())
    assert show_person(ctx, f"#{other}")["emails"] == []
    assert show_person(ctx, "pablo")["emails"] == []  # taken from two: from both


def test_an_undone_merge_gives_back_what_was_taken_from_each(ctx: Context, tmp_path: Path) -> None:
    from netweave.services.merge import merge
    from netweave.services.people import PersonChanges, edit_person
    from netweave.services.removed import removed_by_hand

    marta = "BEGIN:VCARD\nVERSION:3.0\nFN:Marta Ruiz\nEMAIL:marta@old.example\nEND:VCARD\n"
    run_import(ctx, "vcard", [_write(tmp_path, "marta.vcf", marta)], ImportOptions())
    edit_person(ctx, "Marta Ruiz", PersonChanges(remove_emails=["marta@old.example"], tags=["x"]))
    edit_person(ctx, "Marta Ruiz", PersonChanges(remove_tags=["x"]))
    other = person_named(ctx, "Marta R.")
    edit_person(ctx, f"#{other}", PersonChanges(tags=["x"]))
    edit_person(ctx, f"#{other}", PersonChanges(remove_tags=["x"]))
    marta_id = int(show_person(ctx, "Marta Ruiz")["id"])
    with ctx.db.reading() as session:
        before = removed_by_hand(session)
    result = merge(ctx, f"#{other}", f"#{marta_id}")
    with ctx.db.reading() as session:
        assert removed_by_hand(session)[other] == before[other] | before[marta_id]
    undo_batch(ctx, int(result["batch"]))
    with ctx.db.reading() as session:
        assert removed_by_hand(session) == before


def test_undo_keeps_the_people_you_have_added_to_since(ctx: Context, tmp_path: Path) -> None:
    from netweave.services.people import PersonChanges, edit_person

    batch = int(_linkedin(ctx, _write(tmp_path, "Connections.csv", CONNECTIONS))["batch"])
    edit_person(ctx, "Grace Hopper", PersonChanges(needs=["a bass teacher"]))
    edit_person(ctx, "Ada Lovelace", PersonChanges(circle="close"))
    undone = undo_batch(ctx, batch)
    assert undone["kept"] == [{"id": 1, "name": "Ada Lovelace"}, {"id": 2, "name": "Grace Hopper"}]
    assert _count(ctx, Person) == 2  # 王小明, untouched since, is gone
    grace = show_person(ctx, "grace hopper")
    assert (grace["needs"], grace["title"]) == (["a bass teacher"], "Rear Admiral, Ret.")
    assert show_person(ctx, "ada lovelace")["circle"] == "close"
    again = _linkedin(ctx, tmp_path / "Connections.csv")
    assert again["created"] == 1  # the two kept are found again, not doubled


def test_undo_takes_out_what_an_older_version_imported(ctx: Context, tmp_path: Path) -> None:
    """Older versions stamped a person they had just imported a few microseconds later
    (``updated_at`` after ``created_at``): still the import's doing, not the user's, so
    an undo after an upgrade takes everyone out, as the older version did."""
    batch = int(_linkedin(ctx, _write(tmp_path, "Connections.csv", CONNECTIONS))["batch"])
    with ctx.db.transaction() as session:
        for row in session.scalars(select(Person)).all():
            row.updated_at = row.created_at + dt.timedelta(microseconds=7)
        for role in session.scalars(select(Position)).all():
            role.updated_at = role.created_at + dt.timedelta(microseconds=9)
        stamped = session.scalars(select(ImportBatch).where(ImportBatch.id == batch)).one()
        stamped.finished_at = max(p.updated_at for p in session.scalars(select(Person)))
        stamped.finished_at += dt.timedelta(milliseconds=3)
    undone = undo_batch(ctx, batch)
    assert undone["kept"] == []
    assert _count(ctx, Person) == 0


def test_undo_keeps_the_people_you_have_tagged_since(ctx: Context, tmp_path: Path) -> None:
    """A tag given by hand counts as adding to someone; the tags the file gave do not."""
    from factories import person
    from netweave.services.directory import PeopleFilter, list_people
    from netweave.services.merge import merge
    from netweave.services.people import PersonChanges, edit_person

    person(ctx, "Katherine Johnson", emails=["kj@example.net"])  # tagged on the one-by-one path
    batch = run_import(
        ctx, "google-csv", [_write(tmp_path, "f.csv", GOOGLE_TAGGED)], ImportOptions()
    )
    dorothy = show_person(ctx, "Dorothy Vaughan")
    assert dorothy["tags"] == ["colleagues", "friends"]  # from the file
    edit_person(ctx, "Dorothy Vaughan", PersonChanges(tags=["mentor"]))
    mary = show_person(ctx, "Mary Jackson")
    # a merge carries each tag with the import that gave it, and its undo puts it back so
    copy = person(ctx, "M. Jackson")
    merge(ctx, str(copy["id"]), str(mary["id"]))
    undo_batch(ctx, int(next(b["batch"] for b in list_batches(ctx) if b["kind"] == "merge")))
    undone = undo_batch(ctx, int(batch["batch"]))  # type: ignore[call-overload]
    assert undone["kept"] == [{"id": int(dorothy["id"]), "name": "Dorothy Vaughan"}]
    assert {p["name"] for p in list_people(ctx, PeopleFilter())} == {
        "Katherine Johnson", "Dorothy Vaughan", "M. Jackson",
    }  # fmt: skip
    assert show_person(ctx, "Dorothy Vaughan")["tags"] == ["colleagues", "friends", "mentor"]


def test_undo_keeps_those_still_added_to_after_a_removal(ctx: Context, tmp_path: Path) -> None:
    """A removed need, offer or interest no longer counts as added to; what the user typed
    in and kept still does, and the rows left keep their ids."""
    from netweave.services.people import PersonChanges, edit_person

    batch = int(_linkedin(ctx, _write(tmp_path, "Connections.csv", CONNECTIONS))["batch"])
    typed = PersonChanges(needs=["a bass teacher", "a flat"], offers=["COBOL reviews"],
                          interests=["social:sailing"])  # fmt: skip
    edit_person(ctx, "Grace Hopper", typed)
    edit_person(ctx, "Ada Lovelace", PersonChanges(needs=["a loom"], interests=["personal:math"]))
    with ctx.db.reading() as session:
        kept_need = session.scalar(select(Need.id).where(Need.text == "a flat"))
    edit_person(ctx, "Grace Hopper", PersonChanges(remove_needs=["A BASS TEACHER"],
                                                   remove_offers=["cobol reviews"],
                                                   remove_interests=["Sailing"]))  # fmt: skip
    edit_person(ctx, "Ada Lovelace", PersonChanges(remove_needs=["a loom"],
                                                   remove_interests=["personal:MATH"]))  # fmt: skip
    undone = undo_batch(ctx, batch)
    # Ada took back all the user had typed in: she goes with the import; Grace stays.
    assert undone["kept"] == [{"id": 2, "name": "Grace Hopper"}]
    assert _count(ctx, Person) == 1
    grace = show_person(ctx, "grace hopper")
    assert (grace["needs"], grace["offers"], grace["interests"]) == (["a flat"], [], [])
    with ctx.db.reading() as session:
        row = session.execute(select(Need.id, Need.import_batch_id)).one()
    assert tuple(row) == (kept_need, None)
    assert (_count(ctx, Need), _count(ctx, Interest)) == (1, 0)


def test_a_tag_the_import_gave_given_again_by_hand_is_yours(ctx: Context, tmp_path: Path) -> None:
    from netweave.services.people import PersonChanges, edit_person
    from netweave.services.tagging import tag_people

    batch = run_import(
        ctx, "google-csv", [_write(tmp_path, "f.csv", GOOGLE_TAGGED)], ImportOptions()
    )
    edit_person(ctx, "Dorothy Vaughan", PersonChanges(tags=["Friends"]))  # hers from the file
    tag_people(ctx, [int(show_person(ctx, "Mary Jackson")["id"])], "friends")  # hers too
    undone = undo_batch(ctx, int(batch["batch"]))  # type: ignore[call-overload]
    assert [p["name"] for p in undone["kept"]] == ["Dorothy Vaughan", "Mary Jackson"]
    assert show_person(ctx, "Mary Jackson")["tags"] == ["friends"]


def test_undo_keeps_an_imported_employer_the_user_targets(ctx: Context, tmp_path: Path) -> None:
    from netweave.services.leads import add_lead, list_leads
    from netweave.services.targets import add_target, list_targets

    batch = _linkedin(ctx, _write(tmp_path, "Connections.csv", CONNECTIONS))
    add_target(ctx, "Analytical Engines", motivation=3)  # organizations the import created
    add_lead(ctx, "US Navy", "Compiler engineer")
    undo_batch(ctx, int(batch["batch"]))  # type: ignore[call-overload]
    assert _count(ctx, Person) == 0
    assert [t["org"] for t in list_targets(ctx)] == ["Analytical Engines"]
    assert [lead["role"] for lead in list_leads(ctx)] == ["Compiler engineer"]


def test_the_same_person_from_two_sources_is_one(ctx: Context, tmp_path: Path) -> None:
    _linkedin(ctx, _write(tmp_path, "Connections.csv", CONNECTIONS))
    result = run_import(ctx, "vcard", [_write(tmp_path, "cards.vcf", VCARD)], ImportOptions())
    assert (result["created"], result["merged"]) == (1, 1)
    ada = show_person(ctx, "ada lovelace")
    assert ada["tags"] == ["math", "mentor"]
    assert ada["phones"] == ["+1 415 555 0100"]
    assert _count(ctx, Person) == 4


def test_a_profile_linkedin_escapes_is_the_one_an_address_book_spells_out(
    ctx: Context, tmp_path: Path
) -> None:
    """LinkedIn's export writes a slug's letters percent-escaped; a phone's address book
    keeps the address as the browser showed it. Both are the same person."""
    connections = (
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "伟,王,https://www.linkedin.com/in/%E7%8E%8B%E4%BC%9F-1234,,Tencent,PM,08 Feb 2026\n"
    )
    _linkedin(ctx, _write(tmp_path, "Connections.csv", connections))
    card = ("BEGIN:VCARD\nVERSION:3.0\nFN:王伟\nTEL:+86 10 6552 9988\n"
            "URL:https://www.linkedin.com/in/王伟-1234/\nEND:VCARD\n")  # fmt: skip
    result = run_import(ctx, "vcard", [_write(tmp_path, "w.vcf", card)], ImportOptions())
    assert (result["created"], result["merged"]) == (0, 1)
    assert _count(ctx, Person) == 1


def test_undo_removes_only_rows_the_batch_made(ctx: Context, tmp_path: Path) -> None:
    """The phone an import added was deleted since, and SQLite gave its id to the address
    of someone a later import brought: undoing the first import leaves that address."""
    from factories import person
    from netweave.services.people import PersonChanges, edit_person

    person(ctx, "Priya Raman", emails=["priya@work.example"])
    cards = "BEGIN:VCARD\nVERSION:3.0\nFN:Priya Raman\nEMAIL:priya@work.example\n"
    first = run_import(ctx, "vcard", [_write(tmp_path, "p.vcf", cards + "TEL:+44 20 7946 0000\n"
                                             "END:VCARD\n")], ImportOptions())  # fmt: skip
    edit_person(ctx, "Priya", PersonChanges(remove_phones=["+44 20 7946 0000"]))
    otto = "BEGIN:VCARD\nVERSION:3.0\nFN:Otto Lind\nEMAIL:otto@lind.example\nEND:VCARD\n"
    run_import(ctx, "vcard", [_write(tmp_path, "o.vcf", otto)], ImportOptions())
    undo_batch(ctx, int(first["batch"]))  # type: ignore[call-overload]
    assert show_person(ctx, "Otto Lind")["emails"] == ["otto@lind.example"]
    assert show_person(ctx, "Priya Raman")["emails"] == ["priya@work.example"]


def test_undo_leaves_what_you_changed_since_on_someone_it_filled_in(
    ctx: Context, tmp_path: Path
) -> None:
    """The address book filled in Ada's birthday, notes and location; then the user wrote
    their own notes and location. Undone, the birthday goes, and what the user wrote stays."""
    from factories import person
    from netweave.services.people import PersonChanges, edit_person

    person(ctx, "Ada Lovelace", emails=["ada@example.com"])
    card = ("BEGIN:VCARD\nVERSION:3.0\nFN:Ada Lovelace\nEMAIL:ada@example.com\n"
            "BDAY:1815-12-10\nNOTE:from the address book\nADR;TYPE=WORK:;;;London;;;UK\n"
            "END:VCARD\n")  # fmt: skip
    batch = run_import(ctx, "vcard", [_write(tmp_path, "a.vcf", card)], ImportOptions())
    filled = show_person(ctx, "Ada")
    assert (filled["birthday"], filled["location"]) == ("1815-12-10", "London, UK")
    edit_person(ctx, "Ada", PersonChanges(location="Berlin, Germany", note="my own note"))
    undo_batch(ctx, int(batch["batch"]))  # type: ignore[call-overload]
    ada = show_person(ctx, "Ada")
    assert ada["birthday"] is None
    assert ada["location"] == "Berlin, Germany"
    assert "my own note" in (ada["notes"] or "")


def test_a_damaged_undo_log_is_one_line_and_undoes_nothing(ctx: Context, tmp_path: Path) -> None:
    from factories import person
    from netweave.store.models import ImportChange

    person(ctx, "Ada Lovelace", emails=["ada@example.com"])  # matched: changes are logged
    batch = int(_linkedin(ctx, _write(tmp_path, "Connections.csv", CONNECTIONS))["batch"])
    with ctx.db.transaction() as session:
        change = session.scalars(select(ImportChange).where(ImportChange.batch_id == batch)).first()
        assert change is not None
        change.before = "{{{"
    with pytest.raises(InvalidInput, match=rf"import batch {batch}: its undo log is damaged"):
        undo_batch(ctx, batch)
    assert _count(ctx, Person) == 3


def test_an_import_is_not_undone_under_a_later_one_whose_file_has_its_people_too(
    ctx: Context, tmp_path: Path
) -> None:
    """The address book holds Ada as LinkedIn gave her, and Ann (typed in) to whom LinkedIn
    added a profile: it changed nothing, yet its file has them. Undoing LinkedIn first
    would take them from a live import; newest first, everything goes as it came."""
    from factories import person

    person(ctx, "Ann Typed", emails=["ann@example.com"])
    linkedin = _write(
        tmp_path,
        "Connections.csv",
        CONNECTIONS + "Ann,Typed,"
        "https://www.linkedin.com/in/ann-typed,ann@example.com,,,01 Jan 2026\n",
    )
    first = int(_linkedin(ctx, linkedin)["batch"])
    cards = (
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ada Lovelace\nEMAIL:ada@example.com\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ann Typed\nEMAIL:ann@example.com\nEND:VCARD\n"
    )
    later = run_import(ctx, "vcard", [_write(tmp_path, "cards.vcf", cards)], ImportOptions())
    assert (later["created"], later["updated"], later["merged"]) == (0, 0, 2)
    with pytest.raises(
        Conflict, match=rf"import batch {first} cannot be undone .*\({later['batch']}\)"
    ):
        undo_batch(ctx, first)
    assert _count(ctx, Person) == 4
    undo_batch(ctx, int(later["batch"]))  # type: ignore[call-overload]
    undo_batch(ctx, first)
    assert _count(ctx, Person) == 1
    assert show_person(ctx, "Ann")["linkedin"] is None


@pytest.mark.parametrize(
    "content",
    [b"", b"\x00\x01\x02binary\xff\xfe" * 50, b"\xff\xd8\xff\xe0JFIF not a csv"],
)
def test_a_bad_file_changes_nothing(ctx: Context, tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "Connections.csv"
    path.write_bytes(content)
    with pytest.raises(InvalidInput, match=r"Connections\.csv"):
        _linkedin(ctx, path)
    assert _count(ctx, Person) == 0
    assert _count(ctx, ImportBatch) == 0


def test_a_bad_second_file_keeps_the_first(ctx: Context, tmp_path: Path) -> None:
    good = _write(tmp_path, "cards.vcf", VCARD)
    bad = tmp_path / "broken.vcf"
    bad.write_bytes(b"\x00\x00garbage")
    later = _write(tmp_path, "later.vcf", VCARD.replace("Charles Babbage", "Mary Somerville"))
    with pytest.raises(InvalidInput, match=r"broken\.vcf") as raised:
        run_import(ctx, "vcard", [good, bad, later], ImportOptions())
    message = str(raised.value)
    assert "nothing from that file was imported, nor from the files after it" in message
    assert "batch 1 keeps the file before it (2 created)" in message
    assert "`netweave import undo 1`" in message
    assert _count(ctx, Person) == 2
    assert [b["state"] for b in list_batches(ctx)] == ["partial"]


def test_an_earlier_batch_is_not_undone_under_a_later_one(ctx: Context, tmp_path: Path) -> None:
    from netweave.services.merge import merge

    (tmp_path / "new").mkdir()
    first = _linkedin(ctx, _write(tmp_path, "Connections.csv", CONNECTIONS))
    moved = CONNECTIONS.replace("Analytical Engines,Engineer", "Babbage Labs,CTO")
    second = _linkedin(ctx, _write(tmp_path / "new", "Connections.csv", moved))  # Ada's new job
    with pytest.raises(Conflict, match=rf"build on the people it brought in \({second['batch']}\)"):
        undo_batch(ctx, int(first["batch"]))  # type: ignore[call-overload]
    undo_batch(ctx, int(second["batch"]))  # type: ignore[call-overload]
    cards = run_import(ctx, "vcard", [_write(tmp_path, "cards.vcf", VCARD)], ImportOptions())
    merged = merge(ctx, "ada lovelace", "charles babbage")  # Charles came with the cards
    with pytest.raises(Conflict, match=rf"\({merged['batch']}\)"):
        undo_batch(ctx, int(cards["batch"]))  # type: ignore[call-overload]
    undo_batch(ctx, int(merged["batch"]))
    undo_batch(ctx, int(cards["batch"]))  # type: ignore[call-overload]
    undo_batch(ctx, int(first["batch"]))  # type: ignore[call-overload]
    assert _count(ctx, Person) == 0
    assert _count(ctx, Position) == 0


def test_cards_keep_their_websites_and_labels(ctx: Context) -> None:
    from sqlalchemy import text

    apple = Path(__file__).resolve().parents[1] / "data" / "vcard" / "apple_contacts.vcf"
    run_import(ctx, "vcard", [apple], ImportOptions())
    johnny = show_person(ctx, "johnny appleseed")
    with ctx.db.reading() as session:
        points = set(
            session.execute(
                text("SELECT kind, value, label FROM contact_point WHERE person_id = :p"),
                {"p": johnny["id"]},
            ).tuples()
        )
    assert ("url", "https://johnny.example.com", "homepage") in points
    assert ("email", "johnny@acme.example", "work") in points
    assert ("email", "j.appleseed@orchard.example", "other") in points
    assert ("phone", "+1 415 555 0199", "Studio") in points
    again = run_import(ctx, "vcard", [apple], ImportOptions())
    assert (again["created"], again["updated"]) == (0, 0)


def test_a_website_two_people_share_is_kept_once_and_joins_no_one(
    ctx: Context, tmp_path: Path
) -> None:
    cards = "".join(
        f"BEGIN:VCARD\nVERSION:3.0\nFN:{name}\nEMAIL:{mail}\nURL:https://acme.example\nEND:VCARD\n"
        for name, mail in (("Ann Acme", "ann@acme.example"), ("Bo Acme", "bo@acme.example"))
    )
    result = run_import(ctx, "vcard", [_write(tmp_path, "acme.vcf", cards)], ImportOptions())
    assert (result["created"], result["merged"], result["errors"]) == (2, 0, [])
    third = "BEGIN:VCARD\nVERSION:3.0\nFN:Cy Acme\nURL:https://acme.example/\nEND:VCARD\n"
    later = run_import(ctx, "vcard", [_write(tmp_path, "cy.vcf", third)], ImportOptions())
    assert (later["created"], later["merged"], later["errors"]) == (1, 0, [])
    assert _count(ctx, Person) == 3


@pytest.mark.parametrize("kind", ["linkedin", "google-csv"])
def test_skip_bad_rows_passes_over_a_bad_row_of_a_csv(
    ctx: Context, tmp_path: Path, kind: str
) -> None:
    if kind == "linkedin":
        name = "Connections.csv"
        text = CONNECTIONS.replace("15 Mar 2025", "31 Feb 2025")
    else:
        name = "contacts.csv"
        text = (
            "First Name,Last Name,Birthday,E-mail 1 - Label,E-mail 1 - Value\n"
            "Ada,Lovelace,1815-12-10,* Work,ada@example.com\n"
            f"Grace,Hopper,1906-12-09,* Work,grace@{'x' * 600}.example\n"  # too long
            "Mary,Somerville,,Home,mary@example.com\n"
        )
    path = _write(tmp_path, name, text)
    with pytest.raises(InvalidInput, match=rf"{name}:\d+"):
        run_import(ctx, kind, [path], ImportOptions())
    assert _count(ctx, Person) == 0
    result = run_import(ctx, kind, [path], ImportOptions(skip_bad_rows=True))
    assert (result["created"], result["skipped"]) == (2, 1)
    [problem] = result["errors"]  # type: ignore[misc]
    assert (problem["file"], isinstance(problem["line"], int)) == (str(path), True)
    assert _count(ctx, Person) == 2


def test_a_calendar_window_that_ends_before_it_starts_is_refused(
    ctx: Context, tmp_path: Path
) -> None:
    path = _write(tmp_path, "cal.ics", "BEGIN:VCALENDAR\nVERSION:2.0\nEND:VCALENDAR\n")
    window = ImportOptions(since=dt.date(2026, 12, 1), until=dt.date(2026, 11, 1))
    with pytest.raises(InvalidInput, match=r"starts \(2026-12-01\) after it ends \(2026-11-01\)"):
        run_import(ctx, "ics", [path], window)
    assert _count(ctx, ImportBatch) == 0


def _mail(folder: Path, messages: int) -> Path:
    text = "".join(
        f"From sam@acme.example Mon Jun {n % 14 + 1:02d} 10:00:00 2026\n"
        f"From: Sam Tester <sam@acme.example>\nTo: Friend {n} <friend{n}@example.com>\n"
        f"Subject: hello {n}\nDate: Mon, {n % 14 + 1:02d} Jun 2026 10:00:00 +0000\n"
        f"Message-ID: <m{n}@acme.example>\n\nHi\n\n"
        for n in range(messages)
    )
    return _write(folder, "sent.mbox", text)


def test_mail_none_of_it_from_the_address_given_as_mine_is_refused(
    ctx: Context, tmp_path: Path
) -> None:
    mail = _mail(tmp_path, 25)
    wrong = ImportOptions(me=["me@elsewhere.example", "me@work.example"])
    with pytest.raises(InvalidInput) as refused:
        run_import(ctx, "mbox", [mail], wrong)
    message = str(refused.value)
    assert message.startswith(f"{mail}: none of the 25 messages is from or to ")
    assert "me@elsewhere.example, me@work.example" in message
    assert "nothing imported" in message
    assert (_count(ctx, ImportBatch), _count(ctx, Person), _count(ctx, Interaction)) == (0, 0, 0)
    right = run_import(ctx, "mbox", [mail], ImportOptions(me=["sam@acme.example"]))
    assert right["errors"] == []
    assert _count(ctx, Interaction) == 25


def test_a_little_mail_none_of_it_mine_is_imported(ctx: Context, tmp_path: Path) -> None:
    from netweave.services.imports import MAIL_TO_JUDGE_ME

    mail = _mail(tmp_path, MAIL_TO_JUDGE_ME - 1)
    few = run_import(ctx, "mbox", [mail], ImportOptions(me=["me@elsewhere.example"]))
    assert _count(ctx, Interaction) == MAIL_TO_JUDGE_ME - 1
    # but the summary says so, and how to take it back
    assert few["errors"] == [{
        "file": str(mail), "line": None,
        "error": f"none of the {MAIL_TO_JUDGE_ME - 1} messages is from or to "
        "me@elsewhere.example (--me): if that is not your address, undo this import "
        f"(netweave import undo {few['batch']}) and give yours",
    }]  # fmt: skip


def test_a_later_mail_file_none_of_it_mine_keeps_the_earlier_one(
    ctx: Context, tmp_path: Path
) -> None:
    mine = _mail(tmp_path, 25)
    other = _write(tmp_path, "other.mbox", mine.read_text().replace("acme", "other"))
    with pytest.raises(InvalidInput, match=r"other\.mbox: none of the 25 messages") as refused:
        run_import(ctx, "mbox", [mine, other], ImportOptions(me=["sam@acme.example"]))
    assert "batch 1 keeps the file before it" in str(refused.value)
    assert _count(ctx, Interaction) == 25


def test_a_file_that_cannot_be_opened_is_one_error_and_no_batch(
    ctx: Context, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write(tmp_path, "cards.vcf", VCARD)
    opened = Path.open

    def refuse(self: Path, *args: object, **kwargs: object) -> object:
        if self == path:
            raise PermissionError(13, "Permission denied")
        return opened(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(InvalidInput, match=r"cards\.vcf: cannot read the file: Permission denied"):
        run_import(ctx, "vcard", [path], ImportOptions())
    assert _count(ctx, ImportBatch) == 0


def test_mail_needs_the_users_address(ctx: Context, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="--me"):
        run_import(ctx, "mbox", [_write(tmp_path, "mail.mbox", "From x\n")], ImportOptions())
    with pytest.raises(InvalidInput, match="no such file"):
        run_import(ctx, "vcard", [tmp_path / "missing.vcf"], ImportOptions())
    assert _count(ctx, Interaction) == 0
    assert _count(ctx, Position) == 0


def test_mail_becomes_conversations_and_newsletters_never_people(
    ctx: Context, tmp_path: Path
) -> None:
    mbox = Path(__file__).resolve().parents[1] / "data" / "mbox" / "gmail-takeout.mbox"
    me = ["dana.whitfield@example.com", "Dana@Whitfield.dev"]
    first = run_import(ctx, "mbox", [mbox], ImportOptions(me=me))
    assert _count(ctx, Interaction) == 7  # one without a Date header, dated by its From line
    assert first["skipped"] >= 2  # the newsletter, the notification
    assert [e["error"] for e in first["errors"]] == [
        "2 newsletters or automated messages left out as bulk mail (import the mail with "
        "--include-bulk to keep them)"
    ]
    with ctx.db.reading() as session:
        names = set(session.scalars(select(Person.display_name)))
    assert "Alicia Núñez" in names
    assert not any("news" in n.lower() or "noreply" in n.lower() for n in names)
    again = run_import(ctx, "mbox", [mbox], ImportOptions(me=me))
    assert again["created"] == 0
    assert _count(ctx, Interaction) == 7
    alicia = show_person(ctx, "Alicia Núñez")
    assert alicia["last_interaction"] is not None


def test_skip_bad_rows_imports_the_good_cards_and_lists_the_broken(
    ctx: Context, tmp_path: Path
) -> None:
    broken = VCARD + "BEGIN:VCARD\nVERSION:3.0\nFN:Broken\nTHIS LINE HAS NO COLON\nEND:VCARD\n"
    path = _write(tmp_path, "cards.vcf", broken)
    with pytest.raises(InvalidInput, match=r"cards\.vcf"):
        run_import(ctx, "vcard", [path], ImportOptions())
    assert _count(ctx, Person) == 0
    result = run_import(ctx, "vcard", [path], ImportOptions(skip_bad_rows=True))
    assert result["created"] == 2
    assert len(result["errors"]) == 1
    assert result["errors"][0]["line"] is not None


def test_a_calendar_zone_no_one_knows_is_imported_as_utc_with_one_warning(ctx: Context) -> None:
    calendar = Path(__file__).resolve().parents[1] / "data" / "ics" / "outlook_zones.ics"
    ctx = dataclasses.replace(ctx, clock=Clock(as_of=dt.date(2026, 8, 1)))  # all of it held
    options = ImportOptions(
        create_people=True, since=dt.date(2026, 5, 1), until=dt.date(2026, 7, 31)
    )
    result = run_import(ctx, "ics", [calendar], options)
    assert (result["created"], result["skipped"]) == (16 + 14, 0)  # meetings + people
    assert [(e["file"], e["line"]) for e in result["errors"]] == [  # type: ignore[union-attr]
        (str(calendar), 139),
        (str(calendar), 151),
        (str(calendar), None),  # no --me, and no address on the user's record
    ]
    assert "unknown time zone 'Customized Time Zone'" in result["errors"][0]["error"]  # type: ignore[index]
    assert result["errors"][2]["error"].startswith("no address of yours is known")  # type: ignore[index]
    with ctx.db.reading() as session:
        coffee = session.scalars(
            select(Interaction.occurred_at).where(
                Interaction.summary == "Coffee chat (custom zone)"
            )
        ).one()
    assert coffee.replace(tzinfo=dt.UTC) == dt.datetime(2026, 6, 17, 11, 0, tzinfo=dt.UTC)
    again = run_import(ctx, "ics", [calendar], options)
    # nothing new: no word of declined meetings it could not tell apart
    assert (again["created"], len(again["errors"])) == (0, 2)  # type: ignore[arg-type]
    mine = run_import(ctx, "ics", [calendar], dataclasses.replace(options, me=["me@example.org"]))
    assert len(mine["errors"]) == 2  # type: ignore[arg-type]


def test_addresses_fill_the_location_and_never_overwrite_it(ctx: Context) -> None:
    from factories import person
    from netweave.services.people import search_people

    data = Path(__file__).resolve().parents[1] / "data"
    contacts = data / "google" / "contacts_google.csv"
    person(ctx, "Bruno Costa", emails=["bruno@example.pt"], location="Porto")  # typed by hand
    person(ctx, "Ada Quill", emails=["ada.quill@example.com"])  # no location yet
    google = run_import(ctx, "google-csv", [contacts], ImportOptions())
    assert google["merged"] == 2
    assert show_person(ctx, "bruno costa")["location"] == "Porto"
    assert show_person(ctx, "ada quill")["location"] == "Oakland, CA, US"
    assert show_person(ctx, "Zoë Ångström")["location"] == (
        "Drottninggatan 5, 111 51 Stockholm, Sweden"
    )
    assert [p["name"] for p in search_people(ctx, "oakland")] == ["Ada Quill"]  # rebuilt row
    assert [p["name"] for p in search_people(ctx, "stockholm")] == ["Zoë Ångström"]  # bulk row
    again = run_import(ctx, "google-csv", [contacts], ImportOptions())
    assert (again["created"], again["updated"], again["merged"]) == (0, 0, 0)
    outlook = run_import(
        ctx, "google-csv", [data / "google" / "contacts_outlook.csv"], ImportOptions()
    )
    assert show_person(ctx, "josé ramírez")["location"] == "Madrid, España"
    cards = run_import(ctx, "vcard", [data / "vcard" / "apple_contacts.vcf"], ImportOptions())
    assert show_person(ctx, "kenji nakamura")["location"] == "Shibuya-ku, Tokyo, Japan"
    # Johnny Appleseed shares Ada's phone, yet is plainly someone else: kept apart
    assert cards["merged"] == 0
    assert any("is also Ada Quill's: Johnny Appleseed is kept apart" in e["error"]
               for e in cards["errors"])  # type: ignore[attr-defined]  # fmt: skip
    assert show_person(ctx, "ada quill")["location"] == "Oakland, CA, US"
    for batch in (cards, outlook, again, google):
        undo_batch(ctx, int(batch["batch"]))  # type: ignore[call-overload]
    assert show_person(ctx, "ada quill")["location"] is None
    assert show_person(ctx, "bruno costa")["location"] == "Porto"
    assert search_people(ctx, "oakland") == []


@pytest.mark.parametrize("skip_bad_rows", [False, True])
def test_a_company_card_is_skipped_with_its_reason(ctx: Context, skip_bad_rows: bool) -> None:
    outlook = Path(__file__).resolve().parents[1] / "data" / "google" / "contacts_outlook.csv"
    result = run_import(ctx, "google-csv", [outlook], ImportOptions(skip_bad_rows=skip_bad_rows))
    assert (result["created"], result["skipped"]) == (4, 1)
    assert result["errors"] == [
        {
            "file": str(outlook),
            "line": 5,
            "error": "a company without a person's name (Globex Corporation): skipped",
        }
    ]
    with ctx.db.reading() as session:
        names = set(session.scalars(select(Person.display_name)))
    assert "Globex Corporation" not in names
    assert _count(ctx, Person) == 4


def test_mail_to_a_crowd_makes_no_one_new(ctx: Context, tmp_path: Path) -> None:
    """A message to 30 people is a mailing: the one known is linked, no one is made."""
    from factories import person

    person(ctx, "Friend 0", emails=["friend0@example.com"])
    to = ", ".join(f"Friend {n} <friend{n}@example.com>" for n in range(30))
    mail = _write(tmp_path, "crowd.mbox", (
        "From sam@acme.example Mon Jun 01 10:00:00 2026\n"
        f"From: Sam Tester <sam@acme.example>\nTo: {to}\nSubject: news\n"
        "Date: Mon, 01 Jun 2026 10:00:00 +0000\nMessage-ID: <crowd@acme.example>\n\nHi all\n"
    ))  # fmt: skip
    result = run_import(ctx, "mbox", [mail], ImportOptions(me=["sam@acme.example"]))
    assert (result["created"], _count(ctx, Person)) == (1, 1)  # the conversation only
    assert [e["error"] for e in result["errors"]] == [  # type: ignore[attr-defined]
        "1 conversation with more than 20 people made no one new (a mailing, an all-hands): "
        "those in them you know are linked"
    ]
    assert len(list_conversations(ctx, "Friend 0")) == 1


def test_a_pipe_a_device_or_a_link_in_a_loop_is_refused_at_once(
    ctx: Context, tmp_path: Path
) -> None:
    import os

    fifo = tmp_path / "contacts.vcf"
    os.mkfifo(fifo)  # read, it would wait for a writer for ever
    loop = tmp_path / "loop.vcf"
    loop.symlink_to(tmp_path / "back.vcf")
    (tmp_path / "back.vcf").symlink_to(loop)
    cases = [(fifo, "not a file (a pipe or a device)"), (Path("/dev/zero"), "not a file"),
             (loop, "cannot be read"), (tmp_path / "no.vcf", "no such file")]  # fmt: skip
    for path, said in cases:
        with pytest.raises(InvalidInput, match=re.escape(said)):
            run_import(ctx, "vcard", [path], ImportOptions())
    folder = tmp_path / "export"
    folder.mkdir()
    os.mkfifo(folder / "Connections.csv")  # a folder's file too
    with pytest.raises(InvalidInput, match=r"Connections\.csv: not a file \(a pipe or a device\)"):
        run_import(ctx, "linkedin", [folder], ImportOptions())
    cards = tmp_path / "cards"
    cards.mkdir()
    os.mkfifo(cards / "a.vcf")
    with pytest.raises(InvalidInput, match=r"a\.vcf: not a file"):
        run_import(ctx, "vcard", [cards], ImportOptions(skip_bad_rows=True))
    assert _count(ctx, ImportBatch) == 0


def test_a_mailbox_passes_over_a_message_with_a_value_too_long(
    ctx: Context, tmp_path: Path
) -> None:
    """Spam whose sender's name runs to 400 characters does not keep a mailbox out."""
    spam = (
        "From spam@spam.example Mon Jun 01 10:00:00 2026\n"
        f'From: "{"Win a prize " * 34}" <spam@spam.example>\nTo: sam@acme.example\n'
        "Subject: win\nDate: Mon, 01 Jun 2026 10:00:00 +0000\nMessage-ID: <spam@x>\n\nWin\n\n"
    )
    mail = _mail(tmp_path, 3)
    mail.write_text(mail.read_text() + spam)
    result = run_import(ctx, "mbox", [mail], ImportOptions(me=["sam@acme.example"]))
    assert (result["created"], result["skipped"]) == (6, 1)  # three friends, three messages
    [problem] = result["errors"]  # type: ignore[misc]
    assert problem["line"] == 28  # where the message starts
    assert "participant name is longer than 300 characters" in problem["error"]


def test_past_so_many_problems_an_import_counts_them(
    ctx: Context, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two million bad rows would otherwise be two million messages held in memory."""
    from netweave.services import import_apply, import_readers

    monkeypatch.setattr(import_apply, "LISTED_PROBLEMS", 3)
    monkeypatch.setattr(import_readers, "LISTED_PROBLEMS", 3)
    bad = "".join(f"P{n},Q,,Home,p{n}@{'x' * 600}.example\n" for n in range(8))  # too long
    head = "First Name,Last Name,Birthday,E-mail 1 - Label,E-mail 1 - Value\n"
    path = _write(tmp_path, "many.csv", head + "Ada,Lovelace,,Home,ada@example.com\n" + bad)
    result = run_import(ctx, "google-csv", [path], ImportOptions(skip_bad_rows=True))
    assert (result["created"], result["skipped"]) == (1, 8)
    errors = result["errors"]
    assert len(errors) == 4  # type: ignore[arg-type]
    assert errors[-1]["error"] == "… and 5 more problems, not listed"  # type: ignore[index]
    assert list_batches(ctx)[0]["error_count"] == result["error_count"] == 8  # one count
    # rows the reader itself finds bad (a date that is none): counted past so many too
    dates = "".join(f"P{n},Q,https://www.linkedin.com/in/p{n},,Acme,CEO,31 Feb 2025\n"
                    for n in range(6))  # fmt: skip
    connections = _write(tmp_path, "Connections.csv", CONNECTIONS + dates)
    read = run_import(ctx, "linkedin", [connections], ImportOptions(skip_bad_rows=True))
    assert (read["created"], read["skipped"]) == (2, 6)  # Ada is known by now
    assert read["errors"][-1]["error"] == "… and 3 more problems, not listed"  # type: ignore[index]


def test_the_batch_list_keeps_each_imports_problems(ctx: Context, tmp_path: Path) -> None:
    from netweave.services.import_summary import STORED_ERRORS
    from netweave.services.merge import merge

    outlook = Path(__file__).resolve().parents[1] / "data" / "google" / "contacts_outlook.csv"
    first = run_import(ctx, "google-csv", [outlook], ImportOptions())
    rows = "".join(f"P{n},Q,,Home,p{n}@{'x' * 600}.example\n" for n in range(150))  # too long
    bad = _write(tmp_path, "many.csv", "First Name,Last Name,Birthday,E-mail 1 - Label,"
                 "E-mail 1 - Value\nAda,Lovelace,,Home,ada@example.com\n" + rows)  # fmt: skip
    many = run_import(ctx, "google-csv", [bad], ImportOptions(skip_bad_rows=True))
    assert len(many["errors"]) == 150  # type: ignore[arg-type]  # the run's summary: all
    merge(ctx, "josé ramírez", "françoise müller")
    merged, listed_many, listed_first = list_batches(ctx)
    assert (merged["errors"], merged["error_count"]) == ([], 0)
    assert listed_many["error_count"] == 150
    assert listed_many["errors"] == many["errors"][:STORED_ERRORS]  # type: ignore[index]
    assert listed_first["errors"] == first["errors"]
    assert listed_first["error_count"] == 1
    assert listed_first["errors"][0]["line"] == 5


def test_one_address_written_twice_in_a_row_is_kept_once(ctx: Context, tmp_path: Path) -> None:
    # Google repeats an address under Home and Other, in any case; a phone in two forms.
    header = "First Name,Last Name,E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,"
    header += "E-mail 2 - Value,Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value"
    row = "Chidi,Anagonye,Home,chidi@nkem.example,Other,CHIDI@NKEM.EXAMPLE,"
    row += "Mobile,+1 650 555 0100,Work,(650) 555-0100"
    path = _write(tmp_path, "contacts.csv", f"{header}\n{row}\n")
    result = run_import(ctx, "google-csv", [path], ImportOptions())
    assert (result["created"], result["errors"]) == (1, [])
    chidi = show_person(ctx, "Chidi")
    assert (chidi["emails"], chidi["phones"]) == (["chidi@nkem.example"], ["+1 650 555 0100"])


def test_each_problem_names_its_own_file(ctx: Context, tmp_path: Path) -> None:
    card = "BEGIN:VCARD\nVERSION:3.0\nFN:{0}\nN:{0};;;;\nTEL:not a phone\nEND:VCARD\n"
    first = _write(tmp_path, "first.vcf", card.format("Ann"))
    folder = tmp_path / "cards"
    folder.mkdir()
    _write(folder, "bo.vcf", card.format("Bo"))
    result = run_import(ctx, "vcard", [first, folder], ImportOptions())
    assert [(e["file"], e["line"]) for e in result["errors"]] == [  # type: ignore[union-attr]
        (str(first), 1),
        (str(folder / "bo.vcf"), 1),  # the path: a folder's file, not a name alone
    ]


def test_mail_from_a_namesake_at_another_address_is_a_new_person_proposed(
    ctx: Context, tmp_path: Path
) -> None:
    from factories import person
    from netweave.services.duplicates import duplicates

    known = person(ctx, "John Smith", emails=["john@acme.example"], company="Acme")
    mail = _write(tmp_path, "inbox.mbox",
                  "From jsmith1987@gmail.example Mon Jun 01 10:00:00 2026\n"
                  "From: John Smith <jsmith1987@gmail.example>\nTo: Me <me@me.example>\n"
                  "Subject: hi from another John\nDate: Mon, 01 Jun 2026 10:00:00 +0000\n"
                  "Message-ID: <j1@gmail.example>\n\nHi\n\n")  # fmt: skip
    result = run_import(ctx, "mbox", [mail], ImportOptions(me=["me@me.example"]))
    assert result["created"] == 2  # the conversation and the other John Smith
    assert show_person(ctx, f"#{known['id']}")["interactions"] == []
    [pair] = duplicates(ctx)
    assert {pair["a"]["name"], pair["b"]["name"]} == {"John Smith"}


def test_an_office_line_two_people_share_does_not_make_them_one(
    ctx: Context, tmp_path: Path
) -> None:
    card = "BEGIN:VCARD\nVERSION:3.0\nFN:{0}\nN:{0};;;;\nTEL;TYPE=WORK:{1}\nEND:VCARD\n"
    first = _write(tmp_path, "office.vcf", card.format("Ann One", "+1 212 555 0000")
                   + card.format("Bob Two", "+1 212 555 0000"))  # fmt: skip
    result = run_import(ctx, "vcard", [first], ImportOptions())
    assert result["created"] == 2
    assert [e["error"] for e in result["errors"]] == [  # type: ignore[union-attr]
        "phone '+1 212 555 0000' is also Ann One's: Bob Two is kept apart, without it"
    ]
    assert show_person(ctx, "Bob Two")["phones"] == []
    later = _write(tmp_path, "later.vcf", card.format("Annie One", "(212) 555-0000"))
    assert run_import(ctx, "vcard", [later], ImportOptions())["created"] == 0  # the same Ann
    again = run_import(ctx, "vcard", [first], ImportOptions())
    assert again["created"] == 0
    assert _count(ctx, Person) == 2


def test_a_shared_mailbox_does_not_make_two_people_one(ctx: Context, tmp_path: Path) -> None:
    contacts = _write(tmp_path, "family.csv",
        "First Name,Last Name,E-mail 1 - Value,Phone 1 - Value,Organization Name,Labels\n"
        "John,Doe,family@doe.example,+1 415 555 0111,Acme,myContacts\n"
        "Jane,Doe,family@doe.example,+1 415 555 0122,Globex,myContacts\n"
        "Jon,Doe,family@doe.example,,,myContacts\n")  # fmt: skip
    result = run_import(ctx, "google-csv", [contacts], ImportOptions())
    assert (result["created"], result["skipped"]) == (2, 1)  # "Jon Doe" is John, written so
    assert [e["error"] for e in result["errors"]] == [  # type: ignore[union-attr]
        "email 'family@doe.example' is also John Doe's: Jane Doe is kept apart, without it"
    ]
    jane = show_person(ctx, "Jane Doe")
    assert (jane["emails"], jane["phones"], jane["company"]) == ([], ["+1 415 555 0122"], "Globex")
    assert show_person(ctx, "John Doe")["phones"] == ["+1 415 555 0111"]
    # a later export that lists them the other way round: still two, each unchanged
    lines = contacts.read_text().splitlines()
    swapped = _write(tmp_path, "later.csv", "\n".join([lines[0], lines[2], lines[1], lines[3]]))
    later = run_import(ctx, "google-csv", [swapped], ImportOptions())
    assert (later["created"], later["updated"], later["merged"]) == (0, 0, 0)
    assert show_person(ctx, "Jane Doe")["company"] == "Globex"
    # a team's address on two LinkedIn profiles: two people, the same on a second import
    connections = _write(tmp_path, "Connections.csv",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ann,Smith,https://www.linkedin.com/in/annsmith,team@st.example,S,CEO,08 Feb 2026\n"
        "John,Smith,https://www.linkedin.com/in/jsmith,team@st.example,S,CFO,08 Feb 2026\n"
    )  # fmt: skip
    assert run_import(ctx, "linkedin", [connections], ImportOptions())["created"] == 2
    again = run_import(ctx, "linkedin", [connections], ImportOptions())
    assert (again["created"], again["updated"], again["merged"]) == (0, 0, 0)
    assert show_person(ctx, "John Smith")["linkedin"] == "https://www.linkedin.com/in/jsmith"
    assert show_person(ctx, "Ann Smith")["emails"] == ["team@st.example"]
    assert _count(ctx, Person) == 4


def test_a_name_another_source_gives_is_kept_in_the_notes(ctx: Context, tmp_path: Path) -> None:
    """An address book's "Pepe García" with José García's address is José (the address says
    who, and a nickname is no other person): the name goes into his notes, once, and
    search finds him by it; the undo takes it out again."""
    from factories import person
    from netweave.services.people import search_people

    person(ctx, "José García", emails=["jose@example.com"], note="Met at PyCon")
    card = _write(tmp_path, "pepe.vcf", "BEGIN:VCARD\nVERSION:3.0\nFN:Pepe García\n"
                  "EMAIL:jose@example.com\nEND:VCARD\n")  # fmt: skip
    first = run_import(ctx, "vcard", [card], ImportOptions())
    assert (first["created"], first["merged"], first["errors"]) == (0, 1, [])
    jose = show_person(ctx, "José García")
    assert jose["notes"] == "Met at PyCon\nAlso known as Pepe García (vcard)"
    assert [p["name"] for p in search_people(ctx, "pepe")] == ["José García"]
    again = run_import(ctx, "vcard", [card], ImportOptions())
    assert (again["updated"], again["skipped"]) == (0, 1)
    undo_batch(ctx, int(first["batch"]))
    assert show_person(ctx, "José García")["notes"] == "Met at PyCon"
    nameless = _write(tmp_path, "nameless.vcf", "BEGIN:VCARD\nVERSION:3.0\n"
                      "FN:jose@example.com\nEMAIL:jose@example.com\nEND:VCARD\n")  # fmt: skip
    run_import(ctx, "vcard", [nameless], ImportOptions())
    assert show_person(ctx, "José García")["notes"] == "Met at PyCon"  # an address: no name
    contacts = _write(tmp_path, "pepe.csv", "First Name,Last Name,E-mail 1 - Value,Labels\n"
                      "Pepe,García,jose@example.com,myContacts\n")  # fmt: skip
    run_import(ctx, "google-csv", [contacts], ImportOptions())
    assert show_person(ctx, "José García")["notes"].endswith(
        "Also known as Pepe García (google-csv)"  # the import named as the command names it
    )


def test_my_card_in_an_address_book_is_my_own_record(ctx: Context, tmp_path: Path) -> None:
    """--me names the user's address: their card ("my card" of an address book) fills in
    their own record and makes no contact of them."""
    from factories import person

    me = person(ctx, "Maya L.", is_me=True)
    cards = _write(tmp_path, "all.vcf", (
        "BEGIN:VCARD\nVERSION:3.0\nFN:Maya Lindqvist\nEMAIL:maya@example.com\n"
        "TEL:+46 70 123 4567\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ada Lovelace\nEMAIL:ada@example.com\nEND:VCARD\n"
    ))  # fmt: skip
    result = run_import(ctx, "vcard", [cards], ImportOptions(me=["Maya@Example.com"]))
    assert (result["people"], result["merged"]) == (1, 1)  # Ada; Maya is the user
    mine = show_person(ctx, f"#{me['id']}")
    assert (mine["emails"], mine["phones"]) == (["maya@example.com"], ["+46 70 123 4567"])
    assert _count(ctx, Person) == 2
    with pytest.raises(InvalidInput, match=r"^--me: not an email address: 'Maya'$"):
        run_import(ctx, "google-csv", [cards], ImportOptions(me=["Maya"]))


def test_an_address_book_wording_a_title_otherwise_is_no_new_role(
    ctx: Context, tmp_path: Path
) -> None:
    _linkedin(ctx, _write(tmp_path, "Connections.csv", CONNECTIONS))
    card = ("BEGIN:VCARD\nVERSION:3.0\nFN:Ada Lovelace\nN:Lovelace;Ada;;;\n"
            "EMAIL:ada@example.com\nORG:Analytical Engines\nTITLE:{}\nEND:VCARD\n")  # fmt: skip
    run_import(ctx, "vcard", [_write(tmp_path, "a.vcf", card.format("Chief Engineer"))],
               ImportOptions())  # fmt: skip
    ada = show_person(ctx, "ada lovelace")
    assert [(p["title"], p["current"]) for p in ada["positions"]] == [("Engineer", True)]
    assert _congratulations(ctx) == []
    # a title the address book itself gave before, changed there: a new role
    babbage = card.replace("Ada Lovelace", "Charles Babbage").replace("Lovelace;Ada", "Babbage;C")
    babbage = babbage.replace("ada@", "charles@")
    run_import(ctx, "vcard", [_write(tmp_path, "c.vcf", babbage.format("Engineer"))],
               ImportOptions())  # fmt: skip
    run_import(ctx, "vcard", [_write(tmp_path, "d.vcf", babbage.format("Director"))],
               ImportOptions())  # fmt: skip
    charles = show_person(ctx, "charles babbage")
    assert [(p["title"], p["current"]) for p in charles["positions"]] == [
        ("Director", True),
        ("Engineer", False),
    ]
    assert _congratulations(ctx) == [
        "Congratulate Charles Babbage on the new role as Director at Analytical Engines"
    ]


def test_linkedin_wording_an_address_books_title_otherwise_is_no_new_role(
    ctx: Context, tmp_path: Path
) -> None:
    """An address book's "PM" at the same employer, then LinkedIn's "Product Manager": the
    dated source's wording is kept, with no history and no congratulation."""
    card = ("BEGIN:VCARD\nVERSION:3.0\nFN:Ada Lovelace\nN:Lovelace;Ada;;;\n"
            "EMAIL:ada@example.com\nORG:Analytical Engines\nTITLE:PM\nEND:VCARD\n")  # fmt: skip
    run_import(ctx, "vcard", [_write(tmp_path, "a.vcf", card)], ImportOptions())
    connections = CONNECTIONS.replace("Engineer", "Product Manager")
    assert "Product Manager" in connections
    _linkedin(ctx, _write(tmp_path, "Connections.csv", connections))
    ada = show_person(ctx, "ada lovelace")
    assert [(p["title"], p["current"]) for p in ada["positions"]] == [("Product Manager", True)]
    assert _congratulations(ctx) == []


def test_an_older_address_book_after_linkedin_keeps_the_current_employer(
    ctx: Context, tmp_path: Path
) -> None:
    _linkedin(ctx, _write(tmp_path, "Connections.csv", CONNECTIONS))
    card = ("BEGIN:VCARD\nVERSION:3.0\nFN:Ada Lovelace\nN:Lovelace;Ada;;;\n"
            "EMAIL:ada@example.com\nORG:Difference Works\nTITLE:Intern\nEND:VCARD\n")  # fmt: skip
    path = _write(tmp_path, "old.vcf", card)
    first = run_import(ctx, "vcard", [path], ImportOptions())
    assert (first["created"], first["merged"]) == (0, 1)
    ada = show_person(ctx, "ada lovelace")
    assert (ada["company"], ada["title"]) == ("Analytical Engines", "Engineer")
    assert [(p["organization"], p["current"]) for p in ada["positions"]] == [
        ("Analytical Engines", True),
        ("Difference Works", False),
    ]
    assert _congratulations(ctx) == []
    assert run_import(ctx, "vcard", [path], ImportOptions())["updated"] == 0
    undo_batch(ctx, int(first["batch"]))
    ada = show_person(ctx, "ada lovelace")
    assert [(p["organization"], p["current"]) for p in ada["positions"]] == [
        ("Analytical Engines", True)
    ]


def test_calendar_events_you_declined_are_left_out_and_you_are_no_participant(
    ctx: Context,
) -> None:
    from factories import person

    november = {"since": dt.date(2026, 11, 1), "until": dt.date(2026, 11, 30)}
    ctx = dataclasses.replace(ctx, clock=Clock(as_of=dt.date(2026, 12, 1)))  # all of it held
    invited = Path(__file__).resolve().parents[1] / "data" / "ics" / "invited.ics"
    mine = ImportOptions(create_people=True, me=["MAJA.K@gridco.example"], **november)
    given = run_import(ctx, "ics", [invited], mine)
    assert given["created"] == 2  # Karl Berg, and the one meeting you went to
    with ctx.db.reading() as session:
        assert list(session.scalars(select(Person.display_name))) == ["Karl Berg"]
    undo_batch(ctx, int(given["batch"]))
    person(ctx, "Maja Kowalska", emails=["maja.k@gridco.example"], is_me=True)
    on_record = run_import(ctx, "ics", [invited], ImportOptions(create_people=True, **november))
    assert on_record["created"] == 2  # your record's address says which one you declined
    assert [c["summary"] for c in list_conversations(ctx)] == ["Design review"]


def test_an_import_dates_its_people_by_the_programs_clock(ctx: Context, tmp_path: Path) -> None:
    """Under a moved "today" (--as-of), imported people are first known from that day, as
    people added by hand are: their cadence starts there, not at the computer's date."""
    from netweave.services import preferences
    from netweave.services.people import PersonChanges, edit_person
    from netweave.store.models import ContactPoint, Task

    cards = "BEGIN:VCARD\nVERSION:3.0\nFN:Lee Park\nEND:VCARD\n" + VCARD
    run_import(ctx, "vcard", [_write(tmp_path, "cards.vcf", cards)], ImportOptions())
    preferences.set_tag_cadence(ctx, "mentor", 30)
    edit_person(ctx, "lee", PersonChanges(circle="inner"))
    assert show_person(ctx, "lee")["next_due"] == "2026-06-29"  # 15 June + 14 days
    assert show_person(ctx, "ada")["next_due"] == "2026-07-15"  # tagged mentor: 30 days
    with ctx.db.reading() as session:
        stamps = [*session.scalars(select(Person.created_at)),
                  *session.scalars(select(ContactPoint.created_at))]  # fmt: skip
    assert {day_of(stamp) for stamp in stamps} == {dt.date(2026, 6, 15)}  # the fixture's today
    later = dataclasses.replace(ctx, clock=Clock(as_of=dt.date(2026, 6, 20)))
    _linkedin(later, _write(tmp_path, "Connections.csv", CONNECTIONS))
    moved = CONNECTIONS.replace("Analytical Engines,Engineer", "Babbage Labs,CTO")
    moved_on = dataclasses.replace(ctx, clock=Clock(as_of=dt.date(2026, 6, 22)))
    _linkedin(moved_on, _write(tmp_path / "..", "Connections.csv", moved))
    with ctx.db.reading() as session:
        planned = session.scalars(select(Task.created_at).where(Task.kind == "congratulate"))
        assert [day_of(stamp) for stamp in planned] == [dt.date(2026, 6, 22)]
        grace = session.scalars(
            select(Person.created_at).where(Person.display_name == "Grace Hopper")
        )
        assert [day_of(stamp) for stamp in grace] == [dt.date(2026, 6, 20)]


NAME_ONLY_CARD = """BEGIN:VCARD
VERSION:3.0
FN:Łukasz Wójcik
ORG:Ørsted A/S
END:VCARD
"""


def test_a_person_known_only_by_name_keeps_the_key_earlier_imports_gave(
    ctx: Context, tmp_path: Path
) -> None:
    """Netweave up to schema 0013 folded "Łukasz" to "łukasz": the key of a name-only person
    is still made that way, so importing the same file again finds them."""
    path = _write(tmp_path, "cards.vcf", NAME_ONLY_CARD)
    assert run_import(ctx, "vcard", [path], ImportOptions())["created"] == 1
    earlier = "name:" + hashlib.sha1("łukasz wojcik|ørsted a s".encode()).hexdigest()
    with ctx.db.transaction() as session:  # as an import by an earlier version left it
        session.execute(update(PersonSource).values(external_id=earlier))
    again = run_import(ctx, "vcard", [path], ImportOptions())
    assert (again["created"], again["merged"], again["skipped"]) == (0, 0, 1)
    assert _count(ctx, Person) == 1
    with ctx.db.reading() as session:
        assert list(session.scalars(select(PersonSource.external_id))) == [earlier]


def test_a_folder_of_contact_csvs_reads_as_its_files_one_by_one(ctx: Context) -> None:
    """One person in two files of a folder, matched in the second to someone already here
    by a phone while the first file's row is still queued: the address is not given to two
    people, and the problems name the file of each row, not the folder."""
    from netweave.store.models import ContactPoint

    data = Path(__file__).resolve().parents[1] / "data"
    run_import(ctx, "vcard", [data / "vcard" / "apple_contacts.vcf"], ImportOptions())
    result = run_import(ctx, "google-csv", [data / "google"], ImportOptions())
    assert result["created"] == 16
    files = {e["file"] for e in result["errors"]}
    names = ("contacts_google.csv", "contacts_google_old.csv", "contacts_outlook.csv")
    assert files == {str(data / "google" / name) for name in names}
    with ctx.db.reading() as session:
        addresses = session.scalars(
            select(ContactPoint.person_id).where(ContactPoint.normalized == "ada.quill@example.com")
        ).all()
    assert len(addresses) == 1


def test_a_newer_linkedin_export_finds_the_people_an_older_one_knew_by_name(
    ctx: Context, tmp_path: Path
) -> None:
    """Older exports have no profile URL: a connection without an email is known by name and
    company. The next export's row for them, with its URL, is the same person; a namesake
    at the same company with another profile already is not."""
    old = tmp_path / "old.csv"
    old.write_text(
        "First Name,Last Name,Email Address,Company,Position,Connected On\n"
        "Tom,Becker,,Shopify,Product Manager,03 Mar 2022\n"
        "Lena,Fischer,,SAP SE,Data Scientist,04 Apr 2022\n",
        encoding="utf-8",
    )
    assert _linkedin(ctx, old)["created"] == 2
    with ctx.db.transaction() as session:  # Lena got a profile since, from another source
        from netweave.store.models import ContactPoint

        lena = show_person(ctx, "Lena Fischer")["id"]
        session.add(ContactPoint(person_id=lena, kind="linkedin", value="x",
                                 normalized="linkedin.com/in/lena-f", is_primary=True))  # fmt: skip
    new = tmp_path / "new.csv"
    new.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Tom,Becker,https://www.linkedin.com/in/tombecker,,Shopify,Product Manager,03 Mar 2022\n"
        "Lena,Fischer,https://www.linkedin.com/in/other-lena,,SAP SE,Analyst,05 May 2023\n",
        encoding="utf-8",
    )
    result = _linkedin(ctx, new)
    assert (result["created"], result["merged"]) == (1, 1)
    tom = show_person(ctx, "Tom Becker")
    assert [c["value"] for c in tom["contact_points"] if c["kind"] == "linkedin"] == [
        "https://www.linkedin.com/in/tombecker"
    ]
    assert _count(ctx, Person) == 3
    assert _linkedin(ctx, new)["created"] == 0


def test_a_second_card_of_someone_in_the_same_file_adds_what_the_first_lacked(
    ctx: Context, tmp_path: Path
) -> None:
    cards = (
        "BEGIN:VCARD\nVERSION:3.0\nFN:Jürgen Müller\nN:Müller;Jürgen;;;\n"
        "TEL;TYPE=CELL:+49 170 1234567\nEMAIL:jm@example.de\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Jürgen Müller\nN:Müller;Jürgen;;;\n"
        "EMAIL:JM@example.de\nORG:Bäckerei\nTITLE:Chef\nBDAY:1980-02-03\n"
        "CATEGORIES:bakers\nNOTE:Best bread in town\nEND:VCARD\n"
    )
    result = run_import(ctx, "vcard", [_write(tmp_path, "two.vcf", cards)], ImportOptions())
    assert (result["created"], result["skipped"]) == (1, 1)
    shown = show_person(ctx, "Jürgen")
    assert (shown["company"], shown["title"]) == ("Bäckerei", "Chef")
    assert (shown["birthday"], shown["notes"], shown["tags"]) == (
        "1980-02-03",
        "Best bread in town",
        ["bakers"],
    )


def test_a_title_with_no_organization_is_the_persons_headline(ctx: Context, tmp_path: Path) -> None:
    """No position can hold "Singer" with no employer, so it is kept as the headline (and is
    searched), as is the user's own LinkedIn headline."""
    from netweave.services.people import search_people

    data = Path(__file__).resolve().parents[1] / "data" / "linkedin"
    _linkedin(ctx, data / "old")
    cher = show_person(ctx, "Cher")
    assert (cher["headline"], cher["company"]) == ("Singer", None)
    assert [p["name"] for p in search_people(ctx, "singer")] == ["Cher"]
    dana = show_person(ctx, "Dana Okafor")  # the user, from Profile.csv
    assert dana["headline"] == "Data Engineer at Initech"
    assert dana["met"]["how"] is None  # not "imported from LinkedIn": it is the user
    assert cher["met"]["how"] == "imported from LinkedIn"


def test_a_bad_first_file_says_the_files_after_it_were_not_imported_either(
    ctx: Context, tmp_path: Path
) -> None:
    garbage = tmp_path / "garbage.csv"
    garbage.write_bytes(b"\x00\x01\x02binary\xff")
    good = _write(tmp_path, "Connections.csv", CONNECTIONS)
    with pytest.raises(InvalidInput, match="nothing was imported, nor from the files after it"):
        run_import(ctx, "linkedin", [garbage, good], ImportOptions())
    assert _count(ctx, Person) == 0
    run_import(ctx, "linkedin", [good], ImportOptions())
    assert show_person(ctx, "Ada Lovelace")["met"]["how"] == "imported from LinkedIn"


def _knows(ctx: Context) -> None:
    from netweave.services.knows import add_knows

    add_knows(ctx, "Ada Lovelace", "Grace Hopper", context="same choir")


def _introduce(ctx: Context) -> None:
    from netweave.services.intros import propose

    propose(ctx, "Ada Lovelace", "Grace Hopper", why="engines and compilers")


def _refers(ctx: Context) -> None:
    from netweave.services.leads import add_lead

    add_lead(ctx, "Initrode", "Engineer", people=[("Ada Lovelace", "referrer")])


def _task(ctx: Context) -> None:
    from netweave.services.tasks import add_task

    add_task(ctx, "Send Ada the contract", person="Ada Lovelace")


def _met_at(ctx: Context) -> None:
    from netweave.services.events import add_event, meet

    add_event(ctx, "PyData Berlin", dt.date(2026, 6, 1))
    meet(ctx, "PyData Berlin", ["Ada Lovelace"])


def _noted(ctx: Context) -> None:
    from netweave.services.people import PersonChanges, edit_person

    edit_person(ctx, "Ada Lovelace", PersonChanges(note="owes me a book"))


def _retitled(ctx: Context) -> None:
    from netweave.services.people import PersonChanges, edit_person

    edit_person(ctx, "Ada Lovelace", PersonChanges(title="Chief Engineer"))


@pytest.mark.parametrize(
    "added",
    [_knows, _introduce, _refers, _task, _met_at, _noted, _retitled],
    ids=lambda f: f.__name__,
)
def test_undo_keeps_someone_you_have_linked_or_corrected_since(
    ctx: Context, tmp_path: Path, added: object
) -> None:
    """Who knows whom, an introduction, a lead they refer, a task, an event where you met,
    a note or a title of your own: the person stays, with what you added."""
    batch = int(_linkedin(ctx, _write(tmp_path, "Connections.csv", CONNECTIONS))["batch"])
    assert callable(added)
    added(ctx)
    undone = undo_batch(ctx, batch)
    kept = [p["name"] for p in undone["kept"]]
    assert "Ada Lovelace" in kept
    assert set(kept) <= {"Ada Lovelace", "Grace Hopper"}  # the third, untouched, is gone
    assert _count(ctx, Person) == len(kept)
    assert show_person(ctx, "Ada Lovelace")["name"] == "Ada Lovelace"


def _ada_card(*lines: str) -> str:
    body = "\n".join(("FN:Ada Lovelace", "N:Lovelace;Ada;;;", "EMAIL:ada@example.com", *lines))
    return f"BEGIN:VCARD\nVERSION:3.0\n{body}\nEND:VCARD\n"


def test_undo_is_refused_while_a_later_import_matched_through_what_it_gave(
    ctx: Context, tmp_path: Path
) -> None:
    """A calendar matched Ada by the address an address book gave her: the address book's
    undo would leave her meeting with no address that found it."""
    _linkedin(ctx, _write(tmp_path, "Connections.csv", CONNECTIONS))
    card = _write(tmp_path, "ada.vcf", _ada_card("EMAIL;TYPE=WORK:ada.l@engines.example"))
    cards = run_import(ctx, "vcard", [card], ImportOptions())
    calendar = _event(
        tmp_path,
        "UID:tea\nDTSTART:20260610T090000Z\nSUMMARY:Tea\nORGANIZER:mailto:ada.l@engines.example",
    )
    meetings = run_import(ctx, "ics", [calendar], ImportOptions(me=["me@example.org"]))
    assert meetings["created"] == 1
    with pytest.raises(Conflict, match=rf"build on .* \({meetings['batch']}\)"):
        undo_batch(ctx, int(cards["batch"]))


def test_undo_is_refused_while_a_later_import_changed_its_people(
    ctx: Context, tmp_path: Path
) -> None:
    """A newer LinkedIn export moved Ada to a new employer; then an address book, which
    knows her from before, read that job as the one it names and gave her a phone. The
    export's undo first would take away the job the address book built on."""
    _linkedin(ctx, _write(tmp_path, "Connections.csv", CONNECTIONS))
    run_import(ctx, "vcard", [_write(tmp_path, "ada.vcf", _ada_card())], ImportOptions())
    moved = CONNECTIONS.replace("Analytical Engines,Engineer", "Babbage & Co,Lead Engineer")
    (tmp_path / "newer").mkdir()
    newer = _linkedin(ctx, _write(tmp_path / "newer", "Connections.csv", moved))
    card = _ada_card("ORG:Babbage & Co", "TITLE:Head of Engines", "TEL;TYPE=CELL:+1 415 555 0199")
    later = run_import(ctx, "vcard", [_write(tmp_path, "ada2.vcf", card)], ImportOptions())
    assert later["updated"] == 1
    with pytest.raises(Conflict, match=rf"build on .* \({later['batch']}\)"):
        undo_batch(ctx, int(newer["batch"]))


def test_a_last_first_name_from_mail_is_the_name_as_said(ctx: Context, tmp_path: Path) -> None:
    """Outlook and Exchange write "Last, First": the new person is "First Last"."""
    mail = _write(
        tmp_path,
        "in.mbox",
        "From tomas@globex.example Mon Jun 01 10:00:00 2026\n"
        'From: "Ortega, Tomas" <tomas@globex.example>\nTo: Sam Tester <sam@acme.example>\n'
        "Subject: hello\nDate: Mon, 01 Jun 2026 10:00:00 +0000\n"
        "Message-ID: <t1@globex.example>\n\nHi\n\n",
    )
    run_import(ctx, "mbox", [mail], ImportOptions(me=["sam@acme.example"]))
    tomas = show_person(ctx, "tomas@globex.example")
    assert (tomas["name"], tomas["given_name"], tomas["family_name"]) == (
        "Tomas Ortega",
        "Tomas",
        "Ortega",
    )


def test_a_connection_linkedin_gives_no_name_is_counted_and_listed(
    ctx: Context, tmp_path: Path
) -> None:
    hidden = CONNECTIONS + ",,,,,,12 Apr 2023\n"
    connections = _write(tmp_path, "Connections.csv", hidden)
    result = _linkedin(ctx, connections)
    assert (result["created"], result["skipped"]) == (3, 1)
    assert result["errors"] == [
        {
            "file": str(connections),
            "line": 8,
            "error": "a connection without a name (a member who hides it from exports): skipped",
        }
    ]


def test_a_calendar_of_strangers_says_why_its_meetings_were_skipped(
    ctx: Context, tmp_path: Path
) -> None:
    calendar = Path(__file__).resolve().parents[1] / "data" / "ics" / "google_calendar.ics"
    june = ImportOptions(since=dt.date(2026, 6, 1), until=dt.date(2026, 6, 30))
    result = run_import(ctx, "ics", [calendar], june)
    assert (result["created"], result["skipped"]) == (0, 2)
    assert [e["error"] for e in result["errors"]] == [  # type: ignore[union-attr]
        "2 meetings skipped: no one in them is known yet (import your contacts first, or "
        "import the calendar with --create-people: on the web, “Add the people met in "
        "meetings”)"
    ]
    made = run_import(ctx, "ics", [calendar], dataclasses.replace(june, create_people=True))
    assert [e["error"][:30] for e in made["errors"]] == [NO_ADDRESS_OF_MINE[:30]]  # type: ignore[index]


def test_a_calendar_older_than_the_days_read_says_how_far_back_it_goes(
    ctx: Context, tmp_path: Path
) -> None:
    from factories import person

    person(ctx, "Carol Jones", emails=["carol@contoso.example"])
    calendar = _event(
        tmp_path,
        "UID:standup\nDTSTART:20150105T000000Z\nRRULE:FREQ=WEEKLY\nSUMMARY:Standup\n"
        "ORGANIZER:mailto:carol@contoso.example",
    )
    mine = ImportOptions(me=["sam@contoso.example"])
    result = run_import(ctx, "ics", [calendar], mine)
    start = dt.date(2026, 6, 15) - dt.timedelta(days=3 * 365)
    assert [e["error"] for e in result["errors"]] == [  # type: ignore[union-attr]
        f"events before {start} were not read (the calendar goes back to 2015-01-05): import "
        "with --since 2015-01-05 to read them too"
    ]
    since = dataclasses.replace(mine, since=dt.date(2015, 1, 5))
    assert run_import(ctx, "ics", [calendar], since)["errors"] == []


def test_the_problems_of_a_file_are_listed_in_line_order(ctx: Context, tmp_path: Path) -> None:
    cards = _write(
        tmp_path,
        "mixed.vcf",
        "BEGIN:VCARD\nVERSION:3.0\nFN:Broken\nthis line has no colon\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Acme Inc\nORG:Acme Inc\nX-ABShowAs:COMPANY\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ada Lovelace\nEMAIL:ada@example.com\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nN:;;;;\nEND:VCARD\n",
    )
    result = run_import(ctx, "vcard", [cards], ImportOptions(skip_bad_rows=True))
    lines = [e["line"] for e in result["errors"]]  # type: ignore[union-attr]
    assert len(lines) >= 2
    assert lines == sorted(lines)


def test_an_export_in_linkedins_older_format_after_a_newer_one_is_history(
    ctx: Context,
) -> None:
    """An export without profile URLs (LinkedIn's older format) read after one with them is
    the older: the employer it names goes into history, and there is nothing to
    congratulate. Read in the other order, the newer one is a job change."""
    data = Path(__file__).resolve().parents[1] / "data" / "linkedin"
    _linkedin(ctx, data / "new")
    _linkedin(ctx, data / "old")
    ada = show_person(ctx, "Ada Quill")
    assert [(p["organization"], p["current"]) for p in ada["positions"]] == [
        ("Northwind Analytics", True),
        ("Initech", False),
    ]
    assert [i for i in agenda(ctx)["items"] if i["kind"] == "congratulate"] == []


def test_mail_without_me_is_read_with_the_addresses_on_your_own_record(
    ctx: Context, tmp_path: Path
) -> None:
    from factories import person

    mail = _mail(tmp_path, 3)
    with pytest.raises(InvalidInput, match="importing mail needs your own address: --me"):
        run_import(ctx, "mbox", [mail], ImportOptions())
    person(ctx, "Sam Tester", emails=["sam@acme.example"], is_me=True)
    result = run_import(ctx, "mbox", [mail], ImportOptions())
    assert result["created"] == 3 + 3  # three friends, three messages; Sam is not one
    assert show_person(ctx, "Sam Tester")["interactions"] == []  # the user takes no part


def test_a_calendar_event_with_no_one_else_in_it_is_said_skipped(
    ctx: Context, tmp_path: Path
) -> None:
    calendar = _event(tmp_path, "UID:focus\nDTSTART:20260610T090000Z\nSUMMARY:Focus time")
    result = run_import(ctx, "ics", [calendar], ImportOptions(me=["me@example.org"]))
    assert result["skipped"] == 1
    assert [e["error"] for e in result["errors"]] == [  # type: ignore[union-attr]
        "1 event with no one else in it skipped"
    ]


def test_the_address_given_for_your_mail_is_kept_on_your_record(
    ctx: Context, tmp_path: Path
) -> None:
    """Once mail bears out that --me is yours, the next import needs no --me; the undo of
    that import takes the address off again."""
    from factories import person

    me = f"#{person(ctx, 'Sam Tester', is_me=True)['id']}"
    few = run_import(ctx, "mbox", [_mail(tmp_path, 2)], ImportOptions(me=["sam@elsewhere.example"]))
    assert show_person(ctx, me)["emails"] == []  # no message of it named that
    undo_batch(ctx, int(few["batch"]))
    mail = _mail(tmp_path, 3)
    first = run_import(ctx, "mbox", [mail], ImportOptions(me=["Sam@Acme.example"]))
    assert show_person(ctx, me)["emails"] == ["Sam@Acme.example"]
    assert run_import(ctx, "mbox", [mail], ImportOptions())["created"] == 0  # seen before
    undo_batch(ctx, int(first["batch"]))
    assert show_person(ctx, me)["emails"] == []


def test_an_address_given_as_mine_adds_to_those_on_my_record(ctx: Context, tmp_path: Path) -> None:
    """--me names another address of the user's: mail from the one on their record is still
    theirs (sent by them), not mail from a stranger of their name."""
    from factories import person

    person(ctx, "Sam Tester", emails=["sam@acme.example"], is_me=True)
    result = run_import(ctx, "mbox", [_mail(tmp_path, 3)], ImportOptions(me=["sam@work.example"]))
    assert result["people"] == 3  # the three friends; no second Sam
    friend = show_person(ctx, "Friend 1")
    assert [i["direction"] for i in friend["interactions"]] == ["out"]


def test_linkedins_profile_fills_in_the_users_own_record(ctx: Context, tmp_path: Path) -> None:
    """The user added themselves first: their Profile.csv is that record, not a second
    "you" (it fills in what the record lacks)."""
    from factories import person

    me = person(ctx, "Maya Lindqvist", emails=["maya@example.com"], is_me=True)
    profile = _write(tmp_path, "Profile.csv", (
        "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,"
        "Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers\n"
        'Maya,Lindqvist,,,"Mar 2, 1988",Data engineer | mentoring,"I build data platforms.",'
        'Software Development,,"Stockholm, Sweden",[],,\n'
    ))  # fmt: skip
    result = run_import(ctx, "linkedin", [profile], ImportOptions())
    assert (result["created"], result["merged"]) == (0, 1)
    with ctx.db.reading() as session:
        assert session.scalars(select(Person.id).where(Person.is_me.is_(True))).all() == [me["id"]]
    shown = show_person(ctx, f"#{me['id']}")
    assert (shown["birthday"], shown["location"]) == ("1988-03-02", "Stockholm, Sweden")


def test_mail_dated_after_today_is_listed_not_taken_in(ctx: Context, tmp_path: Path) -> None:
    """A sender's clock far off (or a forged date) must not make a conversation in 2099."""
    mail = _write(tmp_path, "future.mbox", (
        "From x Fri Jul  8 12:08:34 2011\n"
        "Date: Fri, 08 Jul 2099 12:08:34 +0000\n"
        "From: Future Person <future@example.com>\nTo: maya@example.com\n"
        "Subject: from the future\nMessage-ID: <f1@example.com>\n\nx\n\n"
        "From x Mon Jun  1 10:00:00 2026\n"
        "Date: Mon, 01 Jun 2026 10:00:00 +0000\n"
        "From: Past Person <past@example.com>\nTo: maya@example.com\n"
        "Subject: hello\nMessage-ID: <p1@example.com>\n\nx\n"
    ))  # fmt: skip
    result = run_import(ctx, "mbox", [mail], ImportOptions(me=["maya@example.com"]))
    assert (result["created"], result["skipped"]) == (2, 1)  # Past Person and the mail
    assert result["errors"] == [
        {"file": str(mail), "line": 1, "error": "dated 2099-07-08, after today: skipped"}
    ]
    assert _count(ctx, Interaction) == 1


def test_mail_dated_a_little_ahead_came_now_not_on_a_later_day(
    ctx: Context, tmp_path: Path
) -> None:
    """A sender's clock some hours fast: the message is taken in, as having come now."""
    now = ctx.clock.now()
    ahead = (now + dt.timedelta(hours=5)).strftime("%a, %d %b %Y %H:%M:%S +0000")
    mail = _write(tmp_path, "fast.mbox", (
        "From x Mon Jun  1 10:00:00 2026\n"
        f"Date: {ahead}\n"
        "From: Fast Clock <fast@example.com>\nTo: maya@example.com\n"
        "Subject: hello\nMessage-ID: <fast1@example.com>\n\nx\n"
    ))  # fmt: skip
    result = run_import(ctx, "mbox", [mail], ImportOptions(me=["maya@example.com"]))
    assert (result["created"], result["errors"]) == (2, [])
    with ctx.db.reading() as session:
        [when] = session.scalars(select(Interaction.occurred_at)).all()
    moment = when if when.tzinfo else when.replace(tzinfo=dt.UTC)
    assert now <= moment <= ctx.clock.now()
    assert day_of(moment) == ctx.clock.today()


def test_mail_after_today_is_named_by_the_users_day(
    ctx: Context, tmp_path: Path, new_york: None
) -> None:
    mail = _write(tmp_path, "future.mbox", (
        "From x Fri Jul  8 12:08:34 2011\n"
        "Date: Fri, 08 Jul 2099 02:00:00 +0000\n"  # the 7th, in the evening, in New York
        "From: Future Person <future@example.com>\nTo: maya@example.com\n"
        "Subject: from the future\nMessage-ID: <f2@example.com>\n\nx\n"
    ))  # fmt: skip
    result = run_import(ctx, "mbox", [mail], ImportOptions(me=["maya@example.com"]))
    assert result["errors"][0]["error"] == "dated 2099-07-07, after today: skipped"


def test_a_bad_file_in_a_folder_is_passed_over_when_bad_rows_are_skipped(
    ctx: Context, tmp_path: Path
) -> None:
    """An empty card file in a vdir fails the folder; with --skip-bad-rows it is listed, and
    the folder's other address books come in."""
    folder = tmp_path / "vdir"
    folder.mkdir()
    card = "BEGIN:VCARD\nVERSION:3.0\nFN:{}\nEMAIL:{}\nEND:VCARD\n"
    (folder / "1.vcf").write_text(card.format("Ann Lee", "ann@example.com"), encoding="utf-8")
    (folder / "2.vcf").write_bytes(b"")
    (folder / "3.vcf").write_text(card.format("Bo Li", "bo@example.com"), encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"2\.vcf: not a vCard file"):
        run_import(ctx, "vcard", [folder], ImportOptions())
    assert _count(ctx, Person) == 0
    result = run_import(ctx, "vcard", [folder], ImportOptions(skip_bad_rows=True))
    assert result["created"] == 2
    [problem] = result["errors"]  # type: ignore[misc]
    assert problem["file"] == str(folder / "2.vcf")  # the path, as a folder may hold others
    assert problem["error"] == "not a vCard file (the file is empty) — the file was passed over"
    [listed] = list_batches(ctx)
    assert listed["errors"] == result["errors"]
    (folder / "1.vcf").write_bytes(b"")
    (folder / "3.vcf").write_bytes(b"\x00\x01")
    with pytest.raises(InvalidInput, match=r"no file could be imported: .*1\.vcf"):
        run_import(ctx, "vcard", [folder], ImportOptions(skip_bad_rows=True))


def test_an_undone_merge_leaves_what_a_later_merge_brought_too(
    ctx: Context, tmp_path: Path
) -> None:
    from netweave.services.merge import merge
    from netweave.services.people import PersonChanges, edit_person
    from netweave.services.removed import removed_by_hand

    a = person_named(ctx, "Ada Lovelace")
    b = person_named(ctx, "Ada Lovelace")
    c = person_named(ctx, "Ada Lovelace")
    edit_person(ctx, f"#{a}", PersonChanges(emails=["ada@x.org"]))
    edit_person(ctx, f"#{a}", PersonChanges(remove_emails=["ada@x.org"]))
    edit_person(ctx, f"#{c}", PersonChanges(emails=["ada@x.org"]))
    edit_person(ctx, f"#{c}", PersonChanges(remove_emails=["ada@x.org"]))
    first = merge(ctx, f"#{b}", f"#{a}")
    merge(ctx, f"#{b}", f"#{c}")
    undo_batch(ctx, int(first["batch"]))
    with ctx.db.reading() as session:
        taken = removed_by_hand(session)
    assert taken[b] == {"email:ada@x.org"}  # the merge of c still holds it
    assert taken[a] == {"email:ada@x.org"}


def test_mail_imported_again_with_its_bodies_fills_in_the_summaries(
    ctx: Context, tmp_path: Path
) -> None:
    """Imported first without ``--keep-bodies``, then with it: the same conversations get
    their excerpts (counted as updated), and undo takes them back to the subject."""
    mail = _write(tmp_path, "mail.mbox", (
        "From x Mon Jun  1 10:00:00 2026\n"
        "Date: Mon, 01 Jun 2026 10:00:00 +0000\n"
        "From: Ann Ode <ann@example.com>\nTo: maya@example.com\n"
        "Subject: the grid study\nMessage-ID: <b1@example.com>\n\n"
        "Here is the study I promised, with the figures for May.\n"
    ))  # fmt: skip
    me = ["maya@example.com"]
    first = run_import(ctx, "mbox", [mail], ImportOptions(me=me))
    assert first["created"] == 2
    again = run_import(ctx, "mbox", [mail], ImportOptions(me=me, keep_bodies=True))
    assert (again["created"], again["updated"]) == (0, 1)

    def summary() -> str | None:
        with ctx.db.reading() as session:
            return session.scalars(select(Interaction.summary)).one()

    assert summary() == "the grid study\n\nHere is the study I promised, with the figures for May."
    third = run_import(ctx, "mbox", [mail], ImportOptions(me=me, keep_bodies=True))
    assert (third["updated"], third["skipped"]) == (0, 1)
    undo_batch(ctx, again["batch"])
    assert summary() == "the grid study"
