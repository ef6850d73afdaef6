"""A calendar imported again: meetings moved, renamed, cancelled, declined or moved past
the days read since an earlier import brought them in (both backends)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from netweave.clock import Clock
from netweave.errors import Conflict
from netweave.services.context import Context
from netweave.services.conversations import ConversationChanges, edit_conversation
from netweave.services.import_undo import undo_batch
from netweave.services.imports import ImportOptions, run_import
from netweave.services.people import show_person
from netweave.store.models import Exchange, Interaction, InteractionParticipant

ME = "maja@gridco.example"
OPTIONS = ImportOptions(
    create_people=True, me=[ME], since=dt.date(2026, 5, 1), until=dt.date(2026, 6, 14)
)
COFFEE = "UID:coffee\nDTSTART:20260610T090000Z\nSUMMARY:Coffee with Olu"
LUNCH = "UID:lunch\nDTSTART:20260611T120000Z\nSUMMARY:Lunch with Olu"
PEOPLE = (
    f"\nORGANIZER;CN=Olu Adeyemi:mailto:olu@example.org\nATTENDEE;PARTSTAT=ACCEPTED:mailto:{ME}"
)


def _calendar(tmp_path: Path, *events: str, name: str = "cal.ics") -> Path:
    body = "".join(
        f"BEGIN:VEVENT\n{e.strip()}{'' if 'ATTENDEE' in e else PEOPLE}\nEND:VEVENT\n"
        for e in events
    )
    text = f"BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//test//EN\n{body}END:VCALENDAR\n"
    path = tmp_path / name
    path.write_text(text.replace("\n", "\r\n"), encoding="utf-8")
    return path


def _meetings(ctx: Context) -> list[tuple[str | None, dt.datetime, list[dt.datetime]]]:
    """Each meeting's title and moment, with its participants' copies of the moment."""
    with ctx.db.reading() as session:
        out = []
        for iid, summary, when in session.execute(
            select(Interaction.id, Interaction.summary, Interaction.occurred_at).order_by(
                Interaction.occurred_at
            )
        ):
            copies = session.scalars(
                select(InteractionParticipant.occurred_at).where(
                    InteractionParticipant.interaction_id == iid
                )
            )
            out.append((summary, _utc(when), [_utc(c) for c in copies]))
        return out


def _utc(value: dt.datetime) -> dt.datetime:
    return value.astimezone(dt.UTC)


def _last_contact(ctx: Context) -> str | None:
    return show_person(ctx, "Olu Adeyemi")["last_interaction"]  # type: ignore[return-value]


JUNE_10 = dt.datetime(2026, 6, 10, 9, tzinfo=dt.UTC)
JUNE_11 = dt.datetime(2026, 6, 11, 12, tzinfo=dt.UTC)
JUNE_12 = dt.datetime(2026, 6, 12, 15, tzinfo=dt.UTC)


def test_a_meeting_moved_and_renamed_since_is_moved_and_undo_moves_it_back(
    ctx: Context, tmp_path: Path
) -> None:
    first = run_import(ctx, "ics", [_calendar(tmp_path, COFFEE)], OPTIONS)
    assert first["created"] == 2  # Olu, and the meeting
    assert _last_contact(ctx) == "2026-06-10"
    moved = COFFEE.replace("20260610T090000Z", "20260612T150000Z") + " (moved)"
    again = run_import(ctx, "ics", [_calendar(tmp_path, moved)], OPTIONS)
    assert (again["created"], again["updated"], again["skipped"]) == (0, 1, 0)
    assert _meetings(ctx) == [("Coffee with Olu (moved)", JUNE_12, [JUNE_12])]
    assert _last_contact(ctx) == "2026-06-12"  # the aggregates follow
    same = run_import(ctx, "ics", [_calendar(tmp_path, moved)], OPTIONS)
    assert (same["created"], same["updated"], same["skipped"]) == (0, 0, 1)
    undo_batch(ctx, int(same["batch"]))
    undo_batch(ctx, int(again["batch"]))
    assert _meetings(ctx) == [("Coffee with Olu", JUNE_10, [JUNE_10])]
    assert _last_contact(ctx) == "2026-06-10"
    # the earlier import can be undone once the later one is
    undo_batch(ctx, int(first["batch"]))
    assert _meetings(ctx) == []


def test_a_note_of_the_users_own_stays_when_the_meeting_is_renamed(
    ctx: Context, tmp_path: Path
) -> None:
    run_import(ctx, "ics", [_calendar(tmp_path, COFFEE)], OPTIONS)
    with ctx.db.reading() as session:
        iid = session.scalars(select(Interaction.id)).one()
    edit_conversation(ctx, iid, ConversationChanges(note="Olu is hiring in Lagos"))
    renamed = COFFEE.replace("20260610T090000Z", "20260612T150000Z") + " (moved)"
    again = run_import(ctx, "ics", [_calendar(tmp_path, renamed)], OPTIONS)
    assert again["updated"] == 1
    assert _meetings(ctx) == [("Olu is hiring in Lagos", JUNE_12, [JUNE_12])]
    # moved back by the undo; the note is the user's and stays
    undo_batch(ctx, int(again["batch"]))
    assert _meetings(ctx) == [("Olu is hiring in Lagos", JUNE_10, [JUNE_10])]


def test_meetings_cancelled_declined_or_moved_past_the_window_are_taken_out(
    ctx: Context, tmp_path: Path
) -> None:
    weekly = "UID:sync\nDTSTART:20260601T080000Z\nRRULE:FREQ=WEEKLY;COUNT=3\nSUMMARY:Sync"
    ctx = dataclasses.replace(ctx, clock=Clock(as_of=dt.date(2026, 6, 16)))  # the syncs held
    options = ImportOptions(create_people=True, me=[ME], until=dt.date(2026, 6, 15))
    first = run_import(ctx, "ics", [_calendar(tmp_path, COFFEE, LUNCH, weekly)], options)
    assert first["created"] == 1 + 5  # Olu, coffee, lunch and three syncs
    before = _meetings(ctx)
    changed = _calendar(
        tmp_path,
        COFFEE + "\nSTATUS:CANCELLED",
        LUNCH.replace("20260611T120000Z", "20260701T120000Z"),  # after the days read
        weekly + "\nEXDATE:20260608T080000Z",
        "UID:sync\nRECURRENCE-ID:20260615T080000Z\nDTSTART:20260615T080000Z\nSUMMARY:Sync"
        + PEOPLE.replace("ACCEPTED", "DECLINED"),  # the last sync: declined by the user
        name="changed.ics",
    )
    again = run_import(ctx, "ics", [changed], options)
    assert (again["created"], again["updated"], again["errors"]) == (0, 4, [])
    june_1 = dt.datetime(2026, 6, 1, 8, tzinfo=dt.UTC)
    assert _meetings(ctx) == [("Sync", june_1, [june_1])]
    assert _last_contact(ctx) == "2026-06-01"
    with pytest.raises(Conflict, match=f"batches build on .*\\({again['batch']}\\)"):
        undo_batch(ctx, int(first["batch"]))
    undo_batch(ctx, int(again["batch"]))
    assert _meetings(ctx) == before
    assert _last_contact(ctx) == "2026-06-15"


def test_a_cancelled_meeting_the_user_added_to_is_kept_and_said(
    ctx: Context, tmp_path: Path
) -> None:
    run_import(ctx, "ics", [_calendar(tmp_path, COFFEE, LUNCH)], OPTIONS)
    with ctx.db.transaction() as session:
        coffee, lunch = session.scalars(select(Interaction).order_by(Interaction.occurred_at))
        olu = session.scalars(select(InteractionParticipant.person_id)).first()
        session.add(Exchange(person_id=olu, interaction_id=coffee.id, direction="gave",
                             kind="advice", occurred_on=dt.date(2026, 6, 10)))  # fmt: skip
        ids = coffee.id, lunch.id
    edit_conversation(ctx, ids[1], ConversationChanges(note="Lunch: talked about Lagos"))
    cancelled = _calendar(tmp_path, COFFEE + "\nSTATUS:CANCELLED", LUNCH + "\nSTATUS:CANCELLED")
    again = run_import(ctx, "ics", [cancelled], OPTIONS)
    assert (again["updated"], len(_meetings(ctx))) == (0, 2)
    problems = [e["error"] for e in again["errors"]]  # type: ignore[union-attr]
    assert problems == [
        f"the meeting 'Coffee with Olu' of 2026-06-10 was cancelled in the calendar, but you "
        f"have added to its conversation #{ids[0]} since: kept (`netweave conversations "
        f"delete {ids[0]}` takes it out)",
        f"the meeting 'Lunch: talked about Lagos' of 2026-06-11 was cancelled in the calendar, "
        f"but you have added to its conversation #{ids[1]} since: kept (`netweave "
        f"conversations delete {ids[1]}` takes it out)",
    ]


def _in_it(ctx: Context) -> list[str]:
    """Who is in the one meeting, by name."""
    from netweave.store.models import Person

    with ctx.db.reading() as session:
        return sorted(
            session.scalars(
                select(Person.display_name).join(
                    InteractionParticipant, InteractionParticipant.person_id == Person.id
                )
            )
        )


QUARTERLY = "UID:q1\nDTSTART:20260603T170000Z\nSUMMARY:Quarterly"
ADA = "ATTENDEE;CN=Ada Lovelace;PARTSTAT=ACCEPTED:mailto:ada@example.com"
BOB = "ATTENDEE;CN=Bob Byte;PARTSTAT={}:mailto:bob@example.com"
CY = "ATTENDEE;CN=Cy Young;PARTSTAT=ACCEPTED:mailto:cy@example.com"
YOU = f"ORGANIZER:mailto:{ME}"


def test_a_meeting_someone_declined_or_joined_since_follows_the_calendar(
    ctx: Context, tmp_path: Path
) -> None:
    """Bob declined the quarterly after it was imported, and Cy was invited: Bob leaves the
    meeting (and his strength owes it nothing), Cy joins; undo puts it back as it was."""

    def quarterly(*people: str) -> Path:
        return _calendar(tmp_path, "\n".join([QUARTERLY, YOU, *people]))

    from factories import person

    first = run_import(ctx, "ics", [quarterly(ADA, BOB.format("ACCEPTED"))], OPTIONS)
    assert (first["created"], _in_it(ctx)) == (3, ["Ada Lovelace", "Bob Byte"])
    person(ctx, "Cy Young", emails=["cy@example.com"])
    assert show_person(ctx, "Bob Byte")["last_interaction"] == "2026-06-03"
    again = run_import(ctx, "ics", [quarterly(ADA, BOB.format("DECLINED"), CY)], OPTIONS)
    assert (again["created"], again["updated"], again["skipped"]) == (0, 1, 0)
    assert _in_it(ctx) == ["Ada Lovelace", "Cy Young"]
    assert show_person(ctx, "Bob Byte")["last_interaction"] is None
    same = run_import(ctx, "ics", [quarterly(ADA, BOB.format("DECLINED"), CY)], OPTIONS)
    assert (same["updated"], same["skipped"]) == (0, 1)
    undo_batch(ctx, int(again["batch"]))
    assert _in_it(ctx) == ["Ada Lovelace", "Bob Byte"]
    assert show_person(ctx, "Bob Byte")["last_interaction"] == "2026-06-03"


def test_someone_the_user_put_in_a_meeting_or_gave_to_in_it_stays(
    ctx: Context, tmp_path: Path
) -> None:
    from factories import person

    def quarterly(*people: str) -> Path:
        return _calendar(tmp_path, "\n".join([QUARTERLY, YOU, *people]))

    run_import(ctx, "ics", [quarterly(ADA, BOB.format("ACCEPTED"))], OPTIONS)
    person(ctx, "Dee Added")
    with ctx.db.reading() as session:
        iid = session.scalars(select(Interaction.id)).one()
    edit_conversation(ctx, iid, ConversationChanges(add=["Dee Added"]))
    with ctx.db.transaction() as session:  # a give to Bob, logged in that meeting
        bob = show_person(ctx, "Bob Byte")["id"]
        session.add(Exchange(person_id=bob, interaction_id=iid, direction="gave", kind="advice",
                             status="fulfilled", occurred_on=dt.date(2026, 6, 3)))  # fmt: skip
    run_import(ctx, "ics", [quarterly(ADA)], OPTIONS)
    assert _in_it(ctx) == ["Ada Lovelace", "Bob Byte", "Dee Added"]


def test_a_broken_event_fails_its_calendar_unless_bad_ones_are_skipped(
    ctx: Context, tmp_path: Path
) -> None:
    from netweave.errors import InvalidInput

    broken = "UID:bad\nDTSTART:20261399T100000Z\nSUMMARY:Never"
    startless = "UID:nostart\nSUMMARY:No start"
    path = _calendar(tmp_path, COFFEE, broken, startless, LUNCH)
    with pytest.raises(InvalidInput, match=r"cal\.ics:\d+: broken line in DTSTART"):
        run_import(ctx, "ics", [path], OPTIONS)
    with ctx.db.reading() as session:
        assert session.scalars(select(Interaction.id)).all() == []
    skipping = dataclasses.replace(OPTIONS, skip_bad_rows=True)
    result = run_import(ctx, "ics", [path], skipping)
    assert (result["created"], result["skipped"]) == (3, 2)  # Olu and two meetings
    assert [(e["line"], e["error"].split(":")[0]) for e in result["errors"]] == [
        (13, "broken line in DTSTART of the event 'bad'"),
        (18, "the event 'nostart' has no DTSTART"),
    ]
    assert [m[0] for m in _meetings(ctx)] == ["Coffee with Olu", "Lunch with Olu"]
