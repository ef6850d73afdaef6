"""Seasonal check-in campaigns on both backends."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from factories import person, talk
from netweave.errors import Ambiguous, Conflict, InvalidInput, NotFound
from netweave.services.agenda import agenda
from netweave.services.campaigns import (
    close_campaign,
    list_campaigns,
    mark_done,
    new_campaign,
    show_campaign,
)
from netweave.services.context import Context
from netweave.services.people import PersonChanges, edit_person, show_person
from netweave.store.models import Campaign, CampaignItem, Interaction

TODAY = dt.date(2026, 6, 15)


def _network(ctx: Context) -> None:
    person(
        ctx,
        "Me Myself",
        is_me=True,
        circle="close",
        interests=["professional:machine learning", "personal:chess"],
    )
    person(ctx, "Ada Lovelace", circle="close", met_on=dt.date(2026, 1, 1))
    person(ctx, "Grace Hopper", circle="active")
    person(ctx, "Linus Torvalds", circle="wide", tags=["alumni"])
    person(ctx, "Ken Thompson", circle="wide")
    person(ctx, "Barbara Liskov", circle="dormant", tags=["mentor"])


def _names(view: dict[str, object]) -> list[str]:
    items = view["items"]
    assert isinstance(items, list)
    return [i["person"] for i in items]


def test_audience_is_circles_or_tags_never_the_user(ctx: Context) -> None:
    _network(ctx)
    view = new_campaign(ctx, "Holidays 2026", circles=["active,close"], tags=["Alumni"])
    assert _names(view) == ["Ada Lovelace", "Grace Hopper", "Linus Torvalds"]
    assert view["audience"] == {"circles": ["close", "active"], "tags": ["alumni"]}
    assert (view["done"], view["total"]) == (0, 3)
    with ctx.db.reading() as session:
        stored = session.scalars(select(Campaign)).one()
        assert stored.name == "Holidays 2026"
        assert stored.audience == {"circles": ["close", "active"], "tags": ["alumni"]}
        assert (
            session.scalar(select(CampaignItem.id).where(CampaignItem.done_at.is_not(None))) is None
        )
    only_tag = new_campaign(ctx, "Mentors", tags=["mentor"])
    assert _names(only_tag) == ["Barbara Liskov"]


def test_prompt_recalls_last_conversation_shared_interests_and_needs(ctx: Context) -> None:
    _network(ctx)
    edit_person(
        ctx,
        "Ada Lovelace",
        PersonChanges(
            interests=["professional:Machine Learning", "personal:poetry"],
            needs=["a co-founder", "Looking for office space"],
        ),
    )
    talk(ctx, "ada", on=dt.date(2026, 3, 2), kind="call", note="first call")
    talk(ctx, "ada", on=dt.date(2026, 5, 1), kind="coffee", note="engines and looms")
    talk(ctx, "ada", on=dt.date(2026, 6, 1), kind="note", note="heard she moved")
    talk(ctx, "grace", on=dt.date(2026, 4, 20))
    view = new_campaign(ctx, "Summer", circles=["close", "active"])
    prompts = {i["person"]: i["prompt"] for i in view["items"]}
    assert prompts == {
        "Ada Lovelace": (
            "last talked 2026-05-01 (coffee): engines and looms; you share Machine Learning; "
            "they are looking for a co-founder; office space"
        ),
        "Grace Hopper": "last talked 2026-04-20 (meeting)",
    }
    linus = new_campaign(ctx, "Alumni", tags=["alumni"])["items"][0]
    assert linus["prompt"] == "no conversation logged yet"


def test_a_prompt_leaves_out_what_a_done_on_the_agenda_wrote(ctx: Context) -> None:
    from netweave.services.agenda_done import task_done
    from netweave.services.tasks import add_task

    _network(ctx)
    task = add_task(ctx, "Update Ada on the engine", person="Ada Lovelace", kind="update")
    task_done(ctx, task["id"])  # logs "Done: Update Ada on the engine (agenda)"
    prompt = new_campaign(ctx, "Winter", circles=["close"])["items"][0]["prompt"]
    assert prompt == f"last talked {TODAY.isoformat()} (message)"


def test_a_prompt_recalls_the_last_conversation_with_substance(ctx: Context) -> None:
    """What netweave logged itself (an introduction's ask, a "Done" on the agenda, a
    greeting marked without a note) and messages with no summary are passed over: the
    prompt recalls the last real conversation, never a declined introduction."""
    from netweave.services.agenda_done import suggestion_done
    from netweave.services.intros import ask, decline, propose

    _network(ctx)
    person(ctx, "Bob Stone", circle="wide", met_on=dt.date(2026, 1, 1))
    talk(ctx, "ada", on=dt.date(2026, 5, 1), kind="call", note="her Series B")
    talk(ctx, "grace", on=dt.date(2026, 4, 20), note="the COBOL book")
    intro = propose(ctx, "ada", "bob", "Ada needs a CFO; Bob is one")
    ask(ctx, int(intro["id"]))  # "Asked whether they'd like to meet Bob Stone (introduction #1)"
    decline(ctx, int(intro["id"]), by="a")
    talk(ctx, "ada", kind="message", direction="in")  # no summary
    grace = show_person(ctx, "Grace Hopper")["id"]
    suggestion_done(ctx, grace, "check_in")  # "Checked in (agenda)"
    new_campaign(ctx, "Spring", circles=["close", "active"])
    mark_done(ctx, "Spring", ["grace"])  # "Spring check-in"
    prompts = {
        i["person"]: i["prompt"]
        for i in new_campaign(ctx, "Summer", circles=["close", "active"])["items"]
    }
    # messages came after it: "last talked" would be untrue, the timeline shows them
    assert prompts["Ada Lovelace"] == "last real conversation 2026-05-01 (call): her Series B"
    assert prompts["Grace Hopper"] == (
        "last real conversation 2026-04-20 (meeting): the COBOL book"
    )


def test_with_nothing_of_substance_a_prompt_says_what_else_it_has(ctx: Context) -> None:
    from netweave.services.agenda_done import suggestion_done

    _network(ctx)
    edit_person(
        ctx, "Ada Lovelace", PersonChanges(interests=["personal:chess"], needs=["a co-founder"])
    )
    suggestion_done(ctx, show_person(ctx, "Ada Lovelace")["id"], "birthday")
    talk(ctx, "ada", kind="call")
    prompt = new_campaign(ctx, "Winter", circles=["close"])["items"][0]["prompt"]
    assert prompt == "you share chess; they are looking for a co-founder"


def test_an_open_items_prompt_is_as_of_now_a_done_ones_as_it_was(ctx: Context) -> None:
    """A conversation after the campaign was made shows in the prompt of an item not yet
    done, on the agenda and the campaign; a greeting sent keeps the prompt it had."""
    _network(ctx)
    talk(ctx, "grace", on=dt.date(2026, 4, 20))
    new_campaign(ctx, "Summer", circles=["close", "active"])
    talk(ctx, "grace", on=dt.date(2026, 6, 10), kind="video", note="the COBOL book")
    mark_done(ctx, "Summer", ["ada"])
    talk(ctx, "ada", on=dt.date(2026, 6, 12), kind="call", note="after the greeting")
    prompts = {i["person"]: i["prompt"] for i in show_campaign(ctx, "Summer")["items"]}
    assert prompts["Grace Hopper"] == "last talked 2026-06-10 (video): the COBOL book"
    assert prompts["Ada Lovelace"] == "no conversation logged yet"  # when it was done
    reasons = [i["reason"] for i in agenda(ctx)["items"] if i["kind"] == "campaign"]
    assert reasons == ["Summer: last talked 2026-06-10 (video): the COBOL book"]


def test_bad_campaigns_are_refused(ctx: Context) -> None:
    _network(ctx)
    new_campaign(ctx, "Holidays", circles=["close"])
    with pytest.raises(Conflict, match="already exists"):
        new_campaign(ctx, "  holidays ", circles=["active"])
    with pytest.raises(InvalidInput, match="no one matches circle inner"):
        new_campaign(ctx, "Inner", circles=["inner"])
    with pytest.raises(InvalidInput, match="unknown circle 'family'"):
        new_campaign(ctx, "Family", circles=["close,family"])
    with pytest.raises(InvalidInput, match="no one carries the tag 'nobody'"):
        new_campaign(ctx, "Tagged", tags=["nobody"])
    with pytest.raises(InvalidInput, match="audience"):
        new_campaign(ctx, "Empty")
    with pytest.raises(InvalidInput, match="needs a name"):
        new_campaign(ctx, "  ", circles=["close"])
    with pytest.raises(NotFound, match="campaigns: Holidays"):
        show_campaign(ctx, "Easter")
    assert [c["name"] for c in list_campaigns(ctx)] == ["Holidays"]


@pytest.mark.parametrize(
    ("name", "typed"),
    [("Été 2026", "ÉTÉ 2026"), ("ΟΔΟΣ", "Οδός"), ("İZMİR", "izmir")],
)
def test_a_name_with_capitals_beyond_ascii_is_found_and_kept_one(
    ctx: Context, name: str, typed: str
) -> None:
    """SQL's ``lower()`` folds only ASCII on SQLite, and final sigma and dotted İ unlike
    Python on PostgreSQL: the name is matched the same way on both."""
    _network(ctx)
    new_campaign(ctx, name, circles=["close"])
    assert show_campaign(ctx, name)["name"] == name
    assert show_campaign(ctx, typed)["name"] == name
    assert mark_done(ctx, name, ["Ada Lovelace"])["done"] == 1
    with pytest.raises(Conflict, match=f"a campaign named '{name}' already exists"):
        new_campaign(ctx, f" {typed} ", circles=["active"])
    close_campaign(ctx, typed)
    assert [c["name"] for c in list_campaigns(ctx)] == [name]


def test_two_names_one_without_accents_are_told_apart_by_id(ctx: Context) -> None:
    _network(ctx)
    new_campaign(ctx, "Été", circles=["close"])
    with ctx.db.transaction() as session:  # as an older netweave let it be made
        session.add(Campaign(name="Ete", audience={"circles": ["active"], "tags": []}))
    assert show_campaign(ctx, "Ete")["name"] == "Ete"
    assert show_campaign(ctx, "Été")["name"] == "Été"
    with pytest.raises(Ambiguous, match=r"candidates: Été \(#1\); Ete \(#2\)"):
        show_campaign(ctx, "ete")
    assert show_campaign(ctx, "#2")["name"] == "Ete"


def test_done_ticks_the_item_and_logs_the_greeting(ctx: Context) -> None:
    _network(ctx)
    talk(ctx, "ada", on=dt.date(2026, 4, 1))
    assert show_person(ctx, "ada")["next_due"] == "2026-05-01"
    new_campaign(ctx, "Holidays", circles=["close", "active"])
    result = mark_done(ctx, "holidays", ["ada", "Ada Lovelace"], note="Happy holidays!")
    assert result["marked"] == ["Ada Lovelace"]
    assert result["already_done"] == []
    assert (result["done"], result["total"]) == (1, 2)
    ada = show_person(ctx, "ada")
    assert ada["last_interaction"] == TODAY.isoformat()
    assert ada["next_due"] == (TODAY + dt.timedelta(days=30)).isoformat()
    latest = ada["interactions"][0]
    assert (latest["kind"], latest["direction"], latest["summary"]) == (
        "message",
        "out",
        "Happy holidays!",
    )
    shown = show_campaign(ctx, "Holidays")
    assert [(i["person"], i["done"]) for i in shown["items"]] == [
        ("Ada Lovelace", True),
        ("Grace Hopper", False),
    ]
    assert shown["items"][0]["done_at"].startswith(TODAY.isoformat())
    again = mark_done(ctx, "Holidays", ["ada"])
    assert (again["marked"], again["already_done"]) == ([], ["Ada Lovelace"])
    with ctx.db.reading() as session:
        assert len(session.scalars(select(Interaction)).all()) == 2


def test_done_for_someone_not_on_the_list_changes_nothing(ctx: Context) -> None:
    _network(ctx)
    new_campaign(ctx, "Holidays", circles=["close"])
    with pytest.raises(InvalidInput, match="Ken Thompson is not on campaign 'Holidays'"):
        mark_done(ctx, "Holidays", ["ada", "ken"])
    with pytest.raises(InvalidInput, match="unknown interaction kind"):
        mark_done(ctx, "Holidays", ["ada"], kind="pigeon")
    with pytest.raises(NotFound):
        mark_done(ctx, "Easter", ["ada"])
    assert show_campaign(ctx, "Holidays")["done"] == 0
    assert show_person(ctx, "ada")["last_interaction"] is None
    with ctx.db.reading() as session:
        assert session.scalars(select(Interaction)).all() == []


def test_done_with_a_kind_and_a_day(ctx: Context) -> None:
    _network(ctx)
    new_campaign(ctx, "Holidays", circles=["active"])
    result = mark_done(ctx, "Holidays", ["grace"], kind="Call", on=dt.date(2026, 6, 10))
    assert result["kind"] == "call"
    grace = show_person(ctx, "grace")
    assert grace["last_interaction"] == "2026-06-10"
    assert grace["interactions"][0]["summary"] == "Holidays check-in"
    with pytest.raises(InvalidInput, match="after today"):
        mark_done(ctx, "Holidays", ["grace"], on=TODAY + dt.timedelta(days=1))


def test_list_and_the_agenda_show_progress(ctx: Context) -> None:
    _network(ctx)
    new_campaign(ctx, "Holidays", circles=["close", "active"])
    new_campaign(ctx, "Alumni", tags=["alumni"])
    mark_done(ctx, "Holidays", ["grace"])
    listed = list_campaigns(ctx)
    assert [(c["name"], c["done"], c["total"]) for c in listed] == [
        ("Holidays", 1, 2),
        ("Alumni", 0, 1),
    ]
    assert listed[1]["audience"] == {"circles": [], "tags": ["alumni"]}
    assert "items" not in listed[0]
    open_items = [i["person"] for i in agenda(ctx)["items"] if i["kind"] == "campaign"]
    assert open_items == ["Ada Lovelace", "Linus Torvalds"]


def test_a_greeting_keeps_the_prompt_it_went_out_with_not_the_campaigns_first(
    ctx: Context,
) -> None:
    from netweave.services.agenda_done import suggestion_done

    _network(ctx)
    new_campaign(ctx, "Summer", circles=["close", "active"])
    talk(ctx, "ada", on=dt.date(2026, 6, 2), kind="coffee", note="talked about Figma")
    talk(ctx, "grace", on=dt.date(2026, 6, 3), kind="call", note="the COBOL book")
    mark_done(ctx, "Summer", ["ada"])
    with ctx.db.reading() as session:
        grace = session.scalars(
            select(CampaignItem.person_id).where(CampaignItem.done_at.is_(None))
        ).first()
    assert grace is not None
    suggestion_done(ctx, grace, "campaign")  # "Done" on the agenda
    prompts = {i["person"]: i["prompt"] for i in show_campaign(ctx, "Summer")["items"]}
    assert prompts == {
        "Ada Lovelace": "last talked 2026-06-02 (coffee): talked about Figma",
        "Grace Hopper": "last talked 2026-06-03 (call): the COBOL book",
    }


def test_a_conversation_greets_in_every_campaign_and_the_agenda_names_one(
    ctx: Context,
) -> None:
    """Someone in two campaigns shows once on the agenda; a conversation the user has with
    them on or after the campaigns' day ticks both (a note, or a day before, does not)."""
    _network(ctx)
    new_campaign(ctx, "Spring", circles=["close"])
    new_campaign(ctx, "Summer", circles=["close"])
    greetings = [i["reason"] for i in agenda(ctx)["items"] if i["kind"] == "campaign"]
    assert len(greetings) == 1
    assert greetings[0].startswith("Spring:")
    assert talk(ctx, "ada", kind="note")["interaction"]["tasks_done"] == []
    before = talk(ctx, "ada", on=dt.date(2026, 6, 1), kind="call")
    assert before["interaction"]["tasks_done"] == []
    called = talk(ctx, "ada", kind="call", note="caught up")
    assert called["interaction"]["tasks_done"] == [
        "Spring greeting for Ada Lovelace",
        "Summer greeting for Ada Lovelace",
    ]
    assert [i for i in agenda(ctx)["items"] if i["kind"] == "campaign"] == []
    spring = show_campaign(ctx, "Spring")["items"]
    assert [(i["person"], i["done"]) for i in spring] == [("Ada Lovelace", True)]
    assert spring[0]["prompt"] == "last talked 2026-06-01 (call)"  # the one before it


def test_a_greeting_marked_in_one_campaign_greets_in_the_others(ctx: Context) -> None:
    _network(ctx)
    new_campaign(ctx, "Spring", circles=["close"])
    new_campaign(ctx, "Summer", circles=["close"])
    mark_done(ctx, "Summer", ["ada"])
    assert [i["done"] for i in show_campaign(ctx, "Spring")["items"]] == [True]
    with ctx.db.reading() as session:
        assert len(session.scalars(select(Interaction)).all()) == 1


def test_greetings_follow_what_the_conversation_is(ctx: Context) -> None:
    """A message from them is no greeting of the user's: marking one so greets in no other
    campaign; a greeting corrected into a message from them opens again; `prep --done`,
    a conversation both ways, greets."""
    from netweave.services.conversations import ConversationChanges, edit_conversation
    from netweave.services.outreach import prep_done

    _network(ctx)
    new_campaign(ctx, "Spring", circles=["close"])
    new_campaign(ctx, "Summer", circles=["close"])
    mark_done(ctx, "Summer", ["ada"], direction="in")
    assert [i["done"] for i in show_campaign(ctx, "Spring")["items"]] == [False]
    said = talk(ctx, "ada", kind="message", direction="out")["interaction"]
    assert said["tasks_done"] == ["Spring greeting for Ada Lovelace"]
    turned = edit_conversation(ctx, int(said["id"]), ConversationChanges(direction="in"))
    assert turned["reopened"] == ["Spring greeting for Ada Lovelace"]
    assert [i["done"] for i in show_campaign(ctx, "Spring")["items"]] == [False]
    assert prep_done(ctx, "ada")["tasks_done"] == ["Spring greeting for Ada Lovelace"]


def test_someone_in_many_campaigns_leaves_room_for_the_others(ctx: Context) -> None:
    _network(ctx)
    for n in range(16):
        new_campaign(ctx, f"Close {n}", circles=["close"])  # Ada, in every one of them
    new_campaign(ctx, "Wide", circles=["wide"])
    shown = sorted(i["person"] for i in agenda(ctx)["items"] if i["kind"] == "campaign")
    assert shown == ["Ada Lovelace", "Ken Thompson", "Linus Torvalds"]


def test_a_campaign_is_found_by_its_name_first_then_by_its_id(ctx: Context) -> None:
    """The web's pages name a campaign by ``#id``; a campaign named so is found by name."""
    _network(ctx)
    first = new_campaign(ctx, "Holidays", ["close"])
    odd = new_campaign(ctx, f"#{first['id']}", ["active"])
    assert show_campaign(ctx, f"#{odd['id']}")["name"] == f"#{first['id']}"
    assert _names(show_campaign(ctx, f"#{first['id']}")) == ["Grace Hopper"]  # by its name
    assert [v["id"] for v in list_campaigns(ctx)] == [first["id"], odd["id"]]
    with pytest.raises(NotFound):
        show_campaign(ctx, "#999")
