"""Importing calendars at their edges (both backends): a byte-order mark, meetings not held
yet, attendees who took no part, a meeting everyone known has declined since, and counts
that add up."""

from __future__ import annotations

import codecs
import dataclasses
import datetime as dt
from pathlib import Path

from sqlalchemy import select

from netweave.clock import Clock
from netweave.services.context import Context
from netweave.services.imports import ImportOptions, run_import
from netweave.services.people import show_person
from netweave.store.models import Interaction

ME = "maja@gridco.example"
OPTIONS = ImportOptions(create_people=True, me=[ME], since=dt.date(2026, 5, 1))
OLU = f"ORGANIZER;CN=Olu Adeyemi:mailto:olu@example.org\nATTENDEE;PARTSTAT=ACCEPTED:mailto:{ME}"


def _calendar(folder: Path, *events: str, name: str = "cal.ics", bom: bool = False) -> Path:
    """A calendar file of ``events`` (each given its people: Olu and the user, unless it
    names its own)."""
    body = "".join(
        f"BEGIN:VEVENT\n{e.strip()}\n{'' if 'ATTENDEE' in e else OLU}\nEND:VEVENT\n" for e in events
    )
    text = f"BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//test//EN\n{body}END:VCALENDAR\n"
    data = text.replace("\n", "\r\n").encode("utf-8")
    path = folder / name
    path.write_bytes(codecs.BOM_UTF8 + data if bom else data)
    return path


@dataclasses.dataclass(frozen=True)
class _Stopped(Clock):
    """A clock stopped at one moment: ``--as-of`` keeps the real time of day, which a test
    of what is later today cannot have."""

    at: dt.datetime = dt.datetime(2026, 6, 15, 6, 30, tzinfo=dt.UTC)

    def now(self) -> dt.datetime:
        return self.at


def _at(ctx: Context, moment: dt.datetime) -> Context:
    """``ctx`` on a clock stopped at ``moment`` (its day is today)."""
    return dataclasses.replace(ctx, clock=_Stopped(as_of=moment.date(), at=moment))


def _last_contact(ctx: Context) -> str | None:
    return show_person(ctx, "Olu Adeyemi")["last_interaction"]  # type: ignore[return-value]


def _titles(ctx: Context) -> list[str | None]:
    with ctx.db.reading() as session:
        return list(session.scalars(select(Interaction.summary).order_by(Interaction.occurred_at)))


def test_a_calendar_with_a_byte_order_mark_is_imported_in_a_folder_too(
    ctx: Context, tmp_path: Path
) -> None:
    folder = tmp_path / "calendars"
    folder.mkdir()
    _calendar(folder, "UID:a\nDTSTART:20260601T090000Z\nSUMMARY:Coffee", name="a.ics", bom=True)
    _calendar(folder, "UID:b\nDTSTART:20260602T090000Z\nSUMMARY:Lunch", name="b.ics")
    alone = run_import(ctx, "ics", [folder / "a.ics"], OPTIONS)
    assert (alone["created"], alone["errors"]) == (2, [])  # Olu and the coffee
    skipping = dataclasses.replace(OPTIONS, skip_bad_rows=True)
    both = run_import(ctx, "ics", [folder], skipping)
    assert (both["created"], both["skipped"], both["errors"]) == (1, 1, [])
    assert _titles(ctx) == ["Coffee", "Lunch"]


def test_a_calendar_file_with_no_calendar_found_is_passed_over_and_named(
    ctx: Context, tmp_path: Path
) -> None:
    folder = tmp_path / "calendars"
    folder.mkdir()
    _calendar(folder, "UID:a\nDTSTART:20260601T090000Z\nSUMMARY:Coffee", name="a.ics")
    (folder / "mac.ics").write_bytes(
        b"BEGIN:VCALENDAR\rVERSION:2.0\rBEGIN:VEVENT\rUID:m\rDTSTART:20260603T090000Z\r"
        b"END:VEVENT\rEND:VCALENDAR\r"
    )
    result = run_import(ctx, "ics", [folder], dataclasses.replace(OPTIONS, skip_bad_rows=True))
    assert result["created"] == 2
    [problem] = result["errors"]
    assert problem["file"] == str(folder / "mac.ics")
    assert "no BEGIN:VCALENDAR line" in problem["error"]


MORNING = dt.datetime(2026, 6, 15, 6, 30, tzinfo=dt.UTC)
BREAKFAST = "UID:breakfast\nDTSTART:20260615T060000Z\nSUMMARY:Breakfast"
DINNER = "UID:dinner\nDTSTART:20260615T210000Z\nSUMMARY:Dinner tonight"
LUNCH = "UID:lunch\nDTSTART:20260622T120000Z\nSUMMARY:Lunch next week"


def test_a_meeting_later_today_is_not_contact_yet(ctx: Context, tmp_path: Path) -> None:
    morning = _at(ctx, MORNING)
    result = run_import(morning, "ics", [_calendar(tmp_path, BREAKFAST, DINNER)], OPTIONS)
    assert (result["created"], _titles(ctx)) == (2, ["Breakfast"])  # Olu and the breakfast
    assert [e["error"] for e in result["errors"]] == [
        "1 event not held yet left out: a calendar is read up to now"
    ]
    # imported again that night, the dinner has been held
    night = _at(ctx, dt.datetime(2026, 6, 15, 22, tzinfo=dt.UTC))
    again = run_import(night, "ics", [_calendar(tmp_path, BREAKFAST, DINNER)], OPTIONS)
    assert (again["created"], again["errors"]) == (1, [])
    assert _titles(ctx) == ["Breakfast", "Dinner tonight"]


def test_until_a_day_to_come_reads_up_to_now_and_says_so(ctx: Context, tmp_path: Path) -> None:
    later = dataclasses.replace(OPTIONS, until=dt.date(2026, 7, 31))
    path = _calendar(tmp_path, BREAKFAST, DINNER, LUNCH)
    result = run_import(_at(ctx, MORNING), "ics", [path], later)
    assert (result["created"], _titles(ctx)) == (2, ["Breakfast"])
    assert _last_contact(ctx) == "2026-06-15"
    assert [e["error"] for e in result["errors"]] == [
        "2 events not held yet left out: a calendar is read up to now, not to --until 2026-07-31"
    ]


def test_a_meeting_moved_to_after_now_since_is_taken_out(ctx: Context, tmp_path: Path) -> None:
    morning = _at(ctx, MORNING)
    run_import(morning, "ics", [_calendar(tmp_path, BREAKFAST)], OPTIONS)
    moved = BREAKFAST.replace("T060000Z", "T210000Z")
    again = run_import(morning, "ics", [_calendar(tmp_path, moved)], OPTIONS)
    assert (again["created"], again["updated"], _titles(ctx)) == (0, 1, [])
    assert _last_contact(ctx) is None


GRACE = "ATTENDEE;CN=Grace Hopper;PARTSTAT={}:mailto:grace@navy.example"
ADA = "ATTENDEE;CN=Ada Lovelace;PARTSTAT=ACCEPTED:mailto:ada@example.com"
REVIEW = f"UID:review\nDTSTART:20260603T100000Z\nSUMMARY:Review\nORGANIZER:mailto:{ME}"


def _people_in_meetings(ctx: Context) -> list[str]:
    from netweave.store.models import InteractionParticipant, Person

    with ctx.db.reading() as session:
        joined = select(Person.display_name).join(
            InteractionParticipant, InteractionParticipant.person_id == Person.id
        )
        return sorted(session.scalars(joined))


def test_someone_who_delegated_or_takes_no_part_is_not_met(ctx: Context, tmp_path: Path) -> None:
    from factories import person

    person(ctx, "Grace Hopper", emails=["grace@navy.example"])
    options = dataclasses.replace(OPTIONS, create_people=False)
    delegated = f"{REVIEW}\n{GRACE.format('DELEGATED')}"
    watching = (
        f"{REVIEW.replace('review', 'demo')}\n{GRACE.format('ACCEPTED;ROLE=NON-PARTICIPANT')}"
    )
    result = run_import(ctx, "ics", [_calendar(tmp_path, delegated, watching)], options)
    assert (result["created"], result["skipped"]) == (0, 2)
    assert show_person(ctx, "Grace Hopper")["last_interaction"] is None


def test_someone_who_delegated_since_leaves_the_meeting(ctx: Context, tmp_path: Path) -> None:
    first = _calendar(tmp_path, f"{REVIEW}\n{ADA}\n{GRACE.format('ACCEPTED')}")
    run_import(ctx, "ics", [first], OPTIONS)
    assert _people_in_meetings(ctx) == ["Ada Lovelace", "Grace Hopper"]
    again = _calendar(tmp_path, f"{REVIEW}\n{ADA}\n{GRACE.format('DELEGATED')}")
    assert run_import(ctx, "ics", [again], OPTIONS)["updated"] == 1
    assert _people_in_meetings(ctx) == ["Ada Lovelace"]


def test_a_meeting_everyone_known_has_declined_since_is_taken_out(
    ctx: Context, tmp_path: Path
) -> None:
    from netweave.services.import_undo import undo_batch

    ada_declined = ADA.replace("ACCEPTED", "DECLINED")
    first = run_import(
        ctx, "ics", [_calendar(tmp_path, f"{REVIEW}\n{ada_declined}\n{GRACE.format('ACCEPTED')}")],
        OPTIONS,
    )  # fmt: skip
    assert (first["created"], _people_in_meetings(ctx)) == (2, ["Grace Hopper"])
    declined = _calendar(tmp_path, f"{REVIEW}\n{ada_declined}\n{GRACE.format('DECLINED')}")
    again = run_import(ctx, "ics", [declined], OPTIONS)
    assert (again["created"], again["updated"], again["errors"]) == (0, 1, [])
    assert _titles(ctx) == []  # as if this calendar had been imported first
    assert show_person(ctx, "Grace Hopper")["last_interaction"] is None
    undo_batch(ctx, int(again["batch"]))
    assert (_titles(ctx), _people_in_meetings(ctx)) == (["Review"], ["Grace Hopper"])


def test_a_meeting_everyone_declined_since_that_the_user_added_to_stays(
    ctx: Context, tmp_path: Path
) -> None:
    from netweave.services.conversations import ConversationChanges, edit_conversation

    run_import(ctx, "ics", [_calendar(tmp_path, f"{REVIEW}\n{GRACE.format('ACCEPTED')}")], OPTIONS)
    with ctx.db.reading() as session:
        iid = session.scalars(select(Interaction.id)).one()
    edit_conversation(ctx, iid, ConversationChanges(note="Grace on compilers"))
    declined = _calendar(tmp_path, f"{REVIEW}\n{GRACE.format('DECLINED')}")
    again = run_import(ctx, "ics", [declined], OPTIONS)
    assert (again["updated"], _titles(ctx)) == (0, ["Grace on compilers"])
    assert [e["error"] for e in again["errors"]] == [
        f"the meeting 'Grace on compilers' of 2026-06-03 no longer has anyone you know in it "
        f"(they declined, or were taken off it), but you have added to its conversation #{iid} "
        f"since: kept (`netweave conversations delete {iid}` takes it out)"
    ]


def test_everyone_declined_since_leaves_a_meeting_the_user_put_someone_in(
    ctx: Context, tmp_path: Path
) -> None:
    from factories import person
    from netweave.services.conversations import ConversationChanges, edit_conversation

    run_import(ctx, "ics", [_calendar(tmp_path, f"{REVIEW}\n{GRACE.format('ACCEPTED')}")], OPTIONS)
    person(ctx, "Dee Added")
    with ctx.db.reading() as session:
        iid = session.scalars(select(Interaction.id)).one()
    edit_conversation(ctx, iid, ConversationChanges(add=["Dee Added"]))
    declined = _calendar(tmp_path, f"{REVIEW}\n{GRACE.format('DECLINED')}")
    again = run_import(ctx, "ics", [declined], OPTIONS)
    assert (again["updated"], _titles(ctx), _people_in_meetings(ctx)) == (
        1,
        ["Review"],
        ["Dee Added"],
    )


def test_every_event_read_and_not_imported_is_counted_skipped(ctx: Context, tmp_path: Path) -> None:
    """Read up to now (06:30 on June 15): the coffee and the first weekly are imported; the
    weekly's cancelled instance, the meeting the user declined, the one cancelled, the
    dinner tonight (not held yet) and the event with no one else in it are skipped."""
    weekly = "UID:weekly\nDTSTART:20260602T090000Z\nRRULE:FREQ=WEEKLY;COUNT=3\nSUMMARY:Weekly"
    path = _calendar(
        tmp_path,
        "UID:coffee\nDTSTART:20260601T090000Z\nSUMMARY:Coffee",
        weekly,
        "UID:weekly\nRECURRENCE-ID:20260609T090000Z\nDTSTART:20260609T090000Z\nSTATUS:CANCELLED",
        "UID:declined\nDTSTART:20260603T090000Z\nSUMMARY:Declined\n"
        f"ORGANIZER:mailto:olu@example.org\nATTENDEE;PARTSTAT=DECLINED:mailto:{ME}",
        "UID:cancelled\nDTSTART:20260604T090000Z\nSUMMARY:Cancelled\nSTATUS:CANCELLED",
        f"UID:alone\nDTSTART:20260605T090000Z\nSUMMARY:Focus time\nATTENDEE:mailto:{ME}",
        DINNER,
    )
    morning = _at(ctx, MORNING)
    first = run_import(morning, "ics", [path], OPTIONS)
    assert (first["created"], first["updated"], first["skipped"]) == (1 + 2, 0, 5)
    assert _titles(ctx) == ["Coffee", "Weekly"]
    again = run_import(morning, "ics", [path], OPTIONS)
    assert (again["created"], again["updated"], again["skipped"]) == (0, 0, 7)


def test_the_address_given_for_your_calendar_is_kept_on_your_record(
    ctx: Context, tmp_path: Path
) -> None:
    """As with mail: --me is kept on the user's own record, so the next import needs no --me
    to leave out the meetings they declined; the undo takes the address off again."""
    from factories import person
    from netweave.services.import_undo import undo_batch

    me = f"#{person(ctx, 'Maja Grid', is_me=True)['id']}"
    coffee = "UID:coffee\nDTSTART:20260601T090000Z\nSUMMARY:Coffee"
    first = run_import(ctx, "ics", [_calendar(tmp_path, coffee)], OPTIONS)
    assert show_person(ctx, me)["emails"] == [ME]
    declined = "UID:declined\nDTSTART:20260604T090000Z\nSUMMARY:Declined\n" + OLU.replace(
        "ACCEPTED", "DECLINED"
    )
    later = run_import(ctx, "ics", [_calendar(tmp_path, declined, name="later.ics")],
                       dataclasses.replace(OPTIONS, me=[]))  # fmt: skip
    assert (later["created"], later["skipped"], _titles(ctx)) == (0, 1, ["Coffee"])
    undo_batch(ctx, int(later["batch"]))
    undo_batch(ctx, int(first["batch"]))
    assert show_person(ctx, me)["emails"] == []
