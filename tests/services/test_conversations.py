"""Listing, correcting and deleting logged conversations, on both backends."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from factories import person, talk
from netweave.errors import InvalidInput, NotFound
from netweave.services.context import Context
from netweave.services.conversations import (
    ConversationChanges,
    delete_conversation,
    edit_conversation,
    list_conversations,
    show_conversation,
)
from netweave.services.people import show_person
from netweave.store import stats, tables
from netweave.store.models import Exchange, Interaction, InteractionParticipant

_COMMON = ("id", "created_at", "updated_at")


def _aggregates(ctx: Context) -> dict[int, tuple[Any, ...]]:
    """Everyone's aggregates, without the row's own id and times."""
    columns = [c for c in tables.person_stats.c if c.name not in _COMMON]
    with ctx.db.reading() as session:
        return {row[0]: tuple(row) for row in session.execute(select(*columns))}


def _rebuilt(ctx: Context) -> dict[int, tuple[Any, ...]]:
    """The aggregates recomputed from the whole log (what every correction must leave)."""
    with ctx.db.transaction() as session:
        stats.rebuild(session, None, ctx.settings.circles)
    return _aggregates(ctx)


@pytest.fixture
def logged(ctx: Context) -> int:
    person(ctx, "Ada Lovelace", circle="close")
    person(ctx, "Grace Hopper")
    talk(ctx, "ada", on=dt.date(2026, 3, 1), kind="coffee", note="first coffee")
    result = talk(
        ctx, "ada", on=dt.date(2026, 6, 10), kind="call", direction="out", note="tpyo",
        gave=["advice"],
    )  # fmt: skip
    return int(result["interaction"]["id"])


def test_the_list_is_newest_first_and_can_name_a_person(ctx: Context, logged: int) -> None:
    talk(ctx, "grace", on=dt.date(2026, 6, 12), kind="email")
    everyone = list_conversations(ctx)
    assert [c["date"] for c in everyone] == ["2026-06-12", "2026-06-10", "2026-03-01"]
    assert everyone[1]["id"] == logged
    assert everyone[1]["exchanges"] == [
        {"person": "Ada Lovelace", "direction": "gave", "kind": "advice", "status": "fulfilled"}
    ]
    assert [c["people"] for c in list_conversations(ctx, "ada")] == [["Ada Lovelace"]] * 2
    assert len(list_conversations(ctx, limit=1)) == 1
    with pytest.raises(InvalidInput, match="--limit"):
        list_conversations(ctx, limit=0)


def test_a_correction_moves_everything_dated_by_it(ctx: Context, logged: int) -> None:
    result = edit_conversation(
        ctx, logged,
        ConversationChanges(kind="Video", on=dt.date(2026, 5, 2), direction="both", note=" fixed "),
    )  # fmt: skip
    assert result["changed"] == ["kind", "direction", "note", "date"]
    view = result["interaction"]
    assert (view["kind"], view["direction"], view["date"], view["summary"]) == (
        "video", "both", "2026-05-02", "fixed",
    )  # fmt: skip
    with ctx.db.reading() as session:
        days = session.scalars(select(Exchange.occurred_on)).all()
        copies = session.scalars(
            select(InteractionParticipant.occurred_at).where(
                InteractionParticipant.interaction_id == logged
            )
        ).all()
    assert days == [dt.date(2026, 5, 2)]
    assert [c.date() for c in copies] == [dt.date(2026, 5, 2)]
    ada = show_person(ctx, "ada")
    assert ada["last_interaction"] == "2026-05-02"
    before = _aggregates(ctx)
    assert before == _rebuilt(ctx)


def test_a_conversation_moved_to_another_day_keeps_its_time_of_day(ctx: Context) -> None:
    """Moved away and back to today, a coffee logged before an ask is still before it: it
    is not taken for the reply to the ask."""
    from netweave.services.people import show_person

    person(ctx, "Ann Ask")
    coffee = talk(ctx, "Ann", kind="coffee")["interaction"]
    talk(ctx, "Ann", kind="email", direction="out", asked=["advice"])
    today = ctx.clock.today()
    with ctx.db.reading() as session:
        logged = session.scalar(
            select(Interaction.occurred_at).where(Interaction.id == coffee["id"])
        )
    for day in (today - dt.timedelta(days=3), today):
        edit_conversation(ctx, int(coffee["id"]), ConversationChanges(on=day))
    with ctx.db.reading() as session:
        when = session.scalar(select(Interaction.occurred_at).where(Interaction.id == coffee["id"]))
    assert when == logged
    assert show_person(ctx, "Ann")["responder"] is None  # no reply yet


def test_people_can_be_added_and_removed(ctx: Context, logged: int) -> None:
    result = edit_conversation(ctx, logged, ConversationChanges(add=["grace"], remove=["ada"]))
    assert result["changed"] == [
        "removed Ada Lovelace (and the 1 exchange logged with them)",
        "added Grace Hopper",
    ]
    assert result["interaction"]["people"] == ["Grace Hopper"]
    assert result["interaction"]["exchanges"] == []  # Ada's give went with her
    assert show_person(ctx, "grace")["last_interaction"] == "2026-06-10"
    assert show_person(ctx, "ada")["last_interaction"] == "2026-03-01"
    assert _aggregates(ctx) == _rebuilt(ctx)


def test_the_same_values_change_nothing(ctx: Context, logged: int) -> None:
    result = edit_conversation(ctx, logged, ConversationChanges(kind="call", add=["ada"]))
    assert result["changed"] == []


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (ConversationChanges(), "nothing to change"),
        (ConversationChanges(kind="dance"), "interaction kind"),
        (ConversationChanges(direction="up"), "direction"),
        (ConversationChanges(on=dt.date(2026, 6, 16)), "after today"),
        (ConversationChanges(remove=["ada"]), "no one left"),
        (ConversationChanges(remove=["grace"]), "not in conversation"),
        (ConversationChanges(add=["nobody at all"]), "no person matches"),
    ],
)
def test_bad_corrections_change_nothing(
    ctx: Context, logged: int, changes: ConversationChanges, message: str
) -> None:
    before = show_conversation(ctx, logged), _aggregates(ctx)
    with pytest.raises((InvalidInput, NotFound), match=message):
        edit_conversation(ctx, logged, changes)
    assert (show_conversation(ctx, logged), _aggregates(ctx)) == before


def test_the_user_is_never_added(ctx: Context, logged: int) -> None:
    person(ctx, "Me Myself", is_me=True)
    with pytest.raises(InvalidInput, match="every conversation"):
        edit_conversation(ctx, logged, ConversationChanges(add=["me myself"]))


def test_deleting_takes_its_exchanges_and_the_aggregates_follow(ctx: Context, logged: int) -> None:
    result = delete_conversation(ctx, logged)
    assert result["deleted"]["summary"] == "tpyo"
    assert result["exchanges"] == 1
    with ctx.db.reading() as session:
        assert session.scalars(select(Exchange)).all() == []
    ada = show_person(ctx, "ada")
    assert ada["last_interaction"] == "2026-03-01"
    assert ada["reciprocity"]["gave"] == 0
    assert _aggregates(ctx) == _rebuilt(ctx)
    with pytest.raises(NotFound, match=f"no conversation #{logged}"):
        delete_conversation(ctx, logged)
    with pytest.raises(NotFound):
        show_conversation(ctx, logged)


def test_a_person_named_twice_is_added_once(ctx: Context, logged: int) -> None:
    result = edit_conversation(ctx, logged, ConversationChanges(add=["grace", "#2", "Grace"]))
    assert result["changed"] == ["added Grace Hopper"]


def test_adding_and_removing_one_person_is_refused(ctx: Context, logged: int) -> None:
    with pytest.raises(InvalidInput, match="both added to and removed"):
        edit_conversation(ctx, logged, ConversationChanges(add=["ada"], remove=["ada"]))


def test_a_removal_says_what_went_with_the_person(ctx: Context, logged: int) -> None:
    edit_conversation(ctx, logged, ConversationChanges(add=["grace"]))
    result = edit_conversation(ctx, logged, ConversationChanges(remove=["ada", "Ada Lovelace"]))
    assert result["changed"] == ["removed Ada Lovelace (and the 1 exchange logged with them)"]


def test_you_can_be_taken_out_but_not_left_alone(ctx: Context, logged: int) -> None:
    me = person(ctx, "Me Myself", is_me=True)
    with ctx.db.transaction() as session:  # as an older log could have it
        when = dt.datetime(2026, 6, 10, 12, tzinfo=dt.UTC)
        session.add(
            InteractionParticipant(interaction_id=logged, person_id=me["id"], occurred_at=when)
        )
    with pytest.raises(InvalidInput, match="no one left"):
        edit_conversation(ctx, logged, ConversationChanges(remove=["ada"]))
    result = edit_conversation(ctx, logged, ConversationChanges(remove=["me myself"]))
    assert result["interaction"]["people"] == ["Ada Lovelace"]


def test_logging_a_conversation_with_yourself_is_refused(ctx: Context) -> None:
    person(ctx, "Me Myself", is_me=True)
    person(ctx, "Ada Lovelace")
    with pytest.raises(InvalidInput, match="is you"):
        talk(ctx, "ada", "me myself", gave=["advice"])
    assert list_conversations(ctx) == []


def test_deleting_reopens_the_follow_up_and_the_greeting_it_ticked_off(ctx: Context) -> None:
    from netweave.services.campaigns import mark_done, new_campaign
    from netweave.services.events import add_event, meet
    from netweave.services.tasks import list_tasks

    add_event(ctx, "PyData", dt.date(2026, 6, 13))
    meet(ctx, "pydata", ["Mei Chen"])
    person(ctx, "Bo Li", circle="close")
    new_campaign(ctx, "Summer", circles=["close"])
    closing = talk(ctx, "mei", kind="email", direction="out")["interaction"]
    assert closing["tasks_done"]
    mark_done(ctx, "Summer", ["bo"])
    greeting = list_conversations(ctx, "bo")[0]
    result = delete_conversation(ctx, int(closing["id"]))
    assert result["reopened"] == closing["tasks_done"]
    assert [f"{t['title']} — {t['person']}" for t in list_tasks(ctx)] == closing["tasks_done"]
    assert delete_conversation(ctx, int(greeting["id"]))["reopened"] == [
        "Summer greeting for Bo Li"
    ]


ICS = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Example//Calendar//EN\r
BEGIN:VEVENT\r
UID:cancelled@example.com\r
DTSTAMP:20260301T000000Z\r
DTSTART:20260305T150000Z\r
DTEND:20260305T160000Z\r
SUMMARY:Coffee with Ada (cancelled in real life)\r
ATTENDEE;CN=Ada Lovelace:mailto:ada@example.com\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:held@example.com\r
DTSTAMP:20260301T000000Z\r
DTSTART:20260312T150000Z\r
DTEND:20260312T160000Z\r
SUMMARY:Call with Ada\r
ATTENDEE;CN=Ada Lovelace:mailto:ada@example.com\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_a_deleted_imported_conversation_stays_deleted_on_import(
    ctx: Context, tmp_path: Path
) -> None:
    from netweave.services.imports import ImportOptions, run_import

    person(ctx, "Ada Lovelace", emails=["ada@example.com"])
    calendar = tmp_path / "calendar.ics"
    calendar.write_text(ICS, encoding="utf-8")
    options = ImportOptions(since=dt.date(2026, 3, 1), until=dt.date(2026, 3, 31))
    assert run_import(ctx, "ics", [calendar], options)["created"] == 2
    cancelled = next(c for c in list_conversations(ctx) if "cancelled" in (c["summary"] or ""))
    delete_conversation(ctx, int(cancelled["id"]))
    again = run_import(ctx, "ics", [calendar], options)
    assert (again["created"], again["skipped"]) == (0, 2)
    assert [c["summary"] for c in list_conversations(ctx)] == ["Call with Ada"]


def test_a_correction_opens_what_the_conversation_no_longer_answers(ctx: Context) -> None:
    from netweave.services.campaigns import mark_done, new_campaign, show_campaign
    from netweave.services.events import add_event, meet

    add_event(ctx, "PyData", dt.date(2026, 6, 13))
    meet(ctx, "pydata", ["Mei Chen"])
    closing = talk(ctx, "mei", kind="email", direction="out")["interaction"]
    follow_up = closing["tasks_done"]
    assert follow_up
    as_note = edit_conversation(ctx, int(closing["id"]), ConversationChanges(kind="note"))
    assert (as_note["reopened"], as_note["tasks_done"]) == (follow_up, [])
    back = edit_conversation(ctx, int(closing["id"]), ConversationChanges(kind="email"))
    assert (back["reopened"], back["tasks_done"]) == ([], follow_up)
    noted = edit_conversation(ctx, int(closing["id"]), ConversationChanges(note="thanks"))
    assert (noted["reopened"], noted["tasks_done"]) == ([], [])
    person(ctx, "Bo Li", circle="close")
    new_campaign(ctx, "Summer", circles=["close"])
    mark_done(ctx, "Summer", ["bo"])
    greeting = list_conversations(ctx, "bo")[0]
    moved = edit_conversation(ctx, int(greeting["id"]), ConversationChanges(on=dt.date(2026, 6, 1)))
    assert moved["reopened"] == []
    assert delete_conversation(ctx, int(greeting["id"]))["reopened"] == [
        "Summer greeting for Bo Li"
    ]
    assert show_campaign(ctx, "Summer")["done"] == 0


def _listing_statements(ctx: Context, **options: Any) -> tuple[list[dict[str, Any]], int]:
    """The conversations listed, and how many statements listing them took."""
    from sqlalchemy import event

    ran: list[str] = []

    def count(*args: Any) -> None:
        ran.append(args[2])

    event.listen(ctx.db.engine, "before_cursor_execute", count)
    try:
        listed = list_conversations(ctx, **options)
    finally:
        event.remove(ctx.db.engine, "before_cursor_execute", count)
    return listed, len(ran)


def test_every_conversation_is_listed_in_a_fixed_number_of_statements(ctx: Context) -> None:
    """Three conversations or thirty, all or the latest few, of everyone or of one person:
    the same few statements, and each conversation as it is shown on its own."""
    person(ctx, "Ada Lovelace")
    person(ctx, "Grace Hopper")
    talk(ctx, "ada", "grace", on=dt.date(2026, 6, 1), asked=["advice"], gave=["introduction"])
    talk(ctx, "grace", on=dt.date(2026, 6, 2), kind="call")
    talk(ctx, "ada", on=dt.date(2026, 6, 3), received=["information"])
    few, few_statements = _listing_statements(ctx, limit=None)
    for day in range(27):
        talk(ctx, "ada", "grace", on=dt.date(2026, 5, 1) + dt.timedelta(days=day),
             asked=["advice"], kind="coffee")  # fmt: skip
    every, statements = _listing_statements(ctx, limit=None)
    assert (len(few), len(every)) == (3, 30)
    assert statements == few_statements <= 4
    assert every == [show_conversation(ctx, int(c["id"])) for c in every]
    latest, latest_statements = _listing_statements(ctx, limit=5)
    assert (latest, latest_statements) == (every[:5], statements)
    grace, grace_statements = _listing_statements(ctx, query="grace", limit=None)
    assert grace == [c for c in every if "Grace Hopper" in c["people"]]
    assert grace_statements <= statements + 2  # (and the lookup of Grace)
