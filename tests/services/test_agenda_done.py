"""One click "Done" on agenda items, on both backends: each logs what its item asked for,
settles that item, and closes no other task."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from factories import person, talk
from netweave.clock import Clock
from netweave.errors import InvalidInput, NotFound
from netweave.services.agenda import agenda
from netweave.services.agenda_done import suggestion_done, task_done
from netweave.services.campaigns import new_campaign, show_campaign
from netweave.services.context import Context
from netweave.services.events import add_event, meet
from netweave.services.outreach import prep_done
from netweave.services.people import show_person
from netweave.services.tasks import add_task, list_tasks

TODAY = dt.date(2026, 6, 15)


def _on(ctx: Context, day: dt.date) -> list[tuple[str, str | None]]:
    later = dataclasses.replace(ctx, clock=Clock(as_of=day))
    return [(i["kind"], i["person"]) for i in agenda(later)["items"]]


def test_done_on_a_greeting_names_the_campaign_running_and_leaves_an_ended_one(
    ctx: Context,
) -> None:
    pid = person(ctx, "Ada Lovelace", tags=["friends"])["id"]
    winter = dataclasses.replace(ctx, clock=Clock(as_of=TODAY - dt.timedelta(days=60)))
    new_campaign(winter, "Winter hello", [], ["friends"])  # over before today
    new_campaign(ctx, "Summer hello", [], ["friends"])
    suggestion_done(ctx, pid, "campaign")
    assert show_person(ctx, "ada")["interactions"][0]["summary"] == (
        "Summer hello check-in (agenda)"
    )
    assert [i["done"] for i in show_campaign(ctx, "Winter hello")["items"]] == [False]


def test_a_birthday_wished_is_gone_until_the_next_one(ctx: Context) -> None:
    pid = person(ctx, "Ada Lovelace", circle="close", birthday="--06-17")["id"]
    talk(ctx, "ada", on=dt.date(2026, 6, 10))
    assert _on(ctx, TODAY) == [("birthday", "Ada Lovelace")]
    suggestion_done(ctx, pid, "birthday")
    assert show_person(ctx, "ada")["interactions"][0]["summary"] == (
        "Wished a happy birthday (agenda)"
    )
    for day in range(0, 3):
        assert _on(ctx, TODAY + dt.timedelta(days=day)) == []
    assert ("birthday", "Ada Lovelace") in _on(ctx, dt.date(2027, 6, 14))


def test_a_birthday_wished_on_the_day_is_no_snooze(ctx: Context) -> None:
    """Done on the day itself greets them, as a logged greeting does: the birthday leaves
    the agenda with nothing snoozed for the person's page to offer back."""
    pid = person(ctx, "Ann Ash", circle="close", birthday="1990-06-15")["id"]
    assert _on(ctx, TODAY) == [("birthday", "Ann Ash")]
    suggestion_done(ctx, pid, "birthday")
    assert show_person(ctx, "ann")["snoozed"] == {}
    for day in range(0, 3):
        assert ("birthday", "Ann Ash") not in _on(ctx, TODAY + dt.timedelta(days=day))
    assert ("birthday", "Ann Ash") in _on(ctx, dt.date(2027, 6, 14))


def test_a_campaign_greeting_ticks_off_its_item(ctx: Context) -> None:
    pid = person(ctx, "Ada Lovelace", tags=["friends"])["id"]
    new_campaign(ctx, "Summer hello", [], ["friends"])
    new_campaign(ctx, "Autumn hello", [], ["friends"])
    assert _on(ctx, TODAY) == [("campaign", "Ada Lovelace")]  # one greeting a person
    suggestion_done(ctx, pid, "campaign")
    assert [i["done"] for i in show_campaign(ctx, "Summer hello")["items"]] == [True]
    assert [i["done"] for i in show_campaign(ctx, "Autumn hello")["items"]] == [True]
    assert show_person(ctx, "ada")["interactions"][0]["summary"] == (
        "Summer hello check-in (agenda)"
    )
    assert _on(ctx, TODAY) == []
    with pytest.raises(InvalidInput, match="no open campaign item"):
        suggestion_done(ctx, pid, "campaign")
    assert len(show_person(ctx, "ada")["interactions"]) == 1


def test_a_give_back_records_what_was_given(ctx: Context) -> None:
    pid = person(ctx, "Ada Lovelace")["id"]
    talk(ctx, "ada", on=dt.date(2026, 6, 14), received=["advice"])
    assert _on(ctx, TODAY) == [("give", "Ada Lovelace")]
    with pytest.raises(InvalidInput, match="say what you gave"):
        suggestion_done(ctx, pid, "give")
    suggestion_done(ctx, pid, "give", "introduction")
    assert show_person(ctx, "ada")["reciprocity"]["gave"] == 1
    assert _on(ctx, TODAY) == []


def test_a_check_in_done_closes_no_task(ctx: Context) -> None:
    """The check-in's message resets the cadence; the task planned for later stays (a
    conversation logged with ``log`` would carry it out)."""
    pid = person(ctx, "Ada Lovelace", circle="close", met_on=dt.date(2026, 1, 1))["id"]
    talk(ctx, "ada", on=dt.date(2026, 4, 1), kind="coffee")
    notes = add_task(ctx, "Send Ada the notes", person="ada", kind="follow_up",
                     due=TODAY + dt.timedelta(days=2))  # fmt: skip
    assert _on(ctx, TODAY) == [("check_in", "Ada Lovelace")]
    suggestion_done(ctx, pid, "check_in")
    assert _on(ctx, TODAY) == []
    assert show_person(ctx, "ada")["interactions"][0]["summary"] == "Checked in (agenda)"
    assert [t["id"] for t in list_tasks(ctx)] == [notes["id"]]


def test_done_twice_on_the_same_suggestion_logs_it_once(ctx: Context) -> None:
    # a double click, or "Done" on a page from before the first one (the browser's Back)
    pid = person(ctx, "Ada Lovelace", circle="close", met_on=dt.date(2026, 1, 1))["id"]
    talk(ctx, "ada", on=dt.date(2026, 4, 1), kind="coffee")
    first = suggestion_done(ctx, pid, "check_in")
    assert suggestion_done(ctx, pid, "check_in")["id"] == first["id"]
    assert len(show_person(ctx, "ada")["interactions"]) == 2
    tomorrow = dataclasses.replace(ctx, clock=Clock(as_of=TODAY + dt.timedelta(days=1)))
    assert suggestion_done(tomorrow, pid, "check_in")["id"] != first["id"]  # a new day's
    gave = suggestion_done(ctx, pid, "give", "advice")
    assert suggestion_done(ctx, pid, "give", "advice")["id"] == gave["id"]
    assert suggestion_done(ctx, pid, "give", "introduction")["id"] != gave["id"]  # another
    assert show_person(ctx, "ada")["reciprocity"]["gave"] == 2


def test_a_second_3b7_contact_made_ends_the_step(ctx: Context) -> None:
    person(ctx, "Ada Lovelace", company="Initech")
    bob = person(ctx, "Bob Slydell", company="Initech")["id"]
    monday = dt.date(2026, 6, 1)
    talk(ctx, "ada", on=monday, kind="email", direction="out", asked=["advice"])
    thursday = dataclasses.replace(ctx, clock=Clock(as_of=dt.date(2026, 6, 4)))
    assert ("3b7", "Bob Slydell") in _on(ctx, dt.date(2026, 6, 4))
    suggestion_done(thursday, bob, "3b7")
    assert ("3b7", "Bob Slydell") not in _on(ctx, dt.date(2026, 6, 4))
    assert ("3b7", "Bob Slydell") not in _on(ctx, dt.date(2026, 6, 8))
    # the follow-up to Ada is still due at seven business days
    assert ("3b7", "Ada Lovelace") in _on(ctx, dt.date(2026, 6, 10))


def test_done_on_a_second_contact_asks_them_for_advice_and_starts_their_own_3b7(
    ctx: Context,
) -> None:
    """The second person is written to as `log --ask advice` would record it: an outreach
    of its own, followed by 3B7 and counted in the replies; Done on the follow-up to the
    first person is a plain message, which asks nothing again."""
    person(ctx, "Ada Lovelace", company="Initech")
    person(ctx, "Bob Slydell", company="Initech")
    person(ctx, "Cy Twombly", company="Initech")
    talk(ctx, "Cy Twombly", on=dt.date(2026, 5, 4), kind="coffee")  # known, Bob is not
    talk(ctx, "ada", on=dt.date(2026, 6, 1), kind="email", direction="out", asked=["advice"])
    thursday = dataclasses.replace(ctx, clock=Clock(as_of=dt.date(2026, 6, 4)))
    assert ("3b7", "Cy Twombly") in _on(ctx, dt.date(2026, 6, 4))
    cy = show_person(ctx, "Cy Twombly")["id"]
    suggestion_done(thursday, cy, "3b7")
    last = show_person(ctx, "Cy Twombly")["interactions"][0]
    assert (last["kind"], last["direction"], last["summary"]) == (
        "message", "out", "Reached out (3B7) (agenda)"
    )  # fmt: skip
    asked = show_person(ctx, "Cy Twombly")["reciprocity"]
    assert (asked["asked"], asked["open_asks"], asked["items"][0]["kind"]) == (1, 1, "advice")
    # Cy's own routine: Bob is named as the second person on Cy's third business day, and
    # Cy gets the one follow-up on the seventh
    assert ("3b7", "Bob Slydell") in _on(ctx, dt.date(2026, 6, 9))
    assert ("3b7", "Cy Twombly") in _on(ctx, dt.date(2026, 6, 15))
    wednesday = dataclasses.replace(ctx, clock=Clock(as_of=dt.date(2026, 6, 10)))
    assert ("3b7", "Ada Lovelace") in _on(ctx, dt.date(2026, 6, 10))
    ada = show_person(ctx, "ada")["id"]
    suggestion_done(wednesday, ada, "3b7")
    assert show_person(ctx, "ada")["reciprocity"]["asked"] == 1  # the follow-up asks nothing
    assert ("3b7", "Ada Lovelace") not in _on(ctx, dt.date(2026, 6, 11))
    later = dataclasses.replace(ctx, clock=Clock(as_of=dt.date(2026, 6, 18)))
    assert show_person(later, "Cy Twombly")["responder"] == "curmudgeon"


def test_a_task_done_logs_its_message_only_when_it_means_writing(ctx: Context) -> None:
    person(ctx, "Ada Lovelace")
    planned = prep_done(ctx, "ada", kind="coffee", update_in_days=3)["tasks"]
    thanks, update = (t["id"] for t in planned)
    venue = add_task(ctx, "Book the venue", person="ada")["id"]
    alone = add_task(ctx, "Renew the domain", kind="follow_up")["id"]
    assert task_done(ctx, thanks)["logged"] is True
    shown = show_person(ctx, "ada")["interactions"]
    assert shown[0]["summary"] == (
        "Done: Thank Ada Lovelace for the conversation (within 24 hours) (agenda)"
    )
    assert {t["id"] for t in list_tasks(ctx)} == {update, venue, alone}
    assert task_done(ctx, venue)["logged"] is False
    assert task_done(ctx, alone)["logged"] is False
    assert task_done(ctx, thanks)["logged"] is False  # already done: nothing logged twice
    assert len(show_person(ctx, "ada")["interactions"]) == 2
    assert {t["id"] for t in list_tasks(ctx)} == {update}
    with pytest.raises(NotFound):
        task_done(ctx, 999)


def test_done_refuses_the_user_and_unknown_kinds(ctx: Context) -> None:
    me = person(ctx, "Ada Lovelace", is_me=True)["id"]
    other = person(ctx, "Bob Slydell")["id"]
    with pytest.raises(InvalidInput, match="is you"):
        suggestion_done(ctx, me, "check_in")
    with pytest.raises(InvalidInput, match="kind: one of"):
        suggestion_done(ctx, other, "lead")
    with pytest.raises(NotFound):
        suggestion_done(ctx, 999, "check_in")


def _greeted(ctx: Context, campaign: str) -> dict[str, bool]:
    return {i["person"]: i["done"] for i in show_campaign(ctx, campaign)["items"]}


def test_every_done_that_writes_to_someone_greets_them_in_a_running_campaign(
    ctx: Context,
) -> None:
    """A thank-you, a 3B7 step, a give-back, a birthday, meeting again at an event: each is
    a conversation with the person, which greets them in the campaign (docs/method.md)."""
    ids = {n: person(ctx, n, circle="close")["id"] for n in ("Ada", "Bo", "Cy", "Di", "Ed")}
    planned = prep_done(ctx, "Ada", kind="coffee", update_in_days=3)["tasks"]
    talk(ctx, "Cy", on=dt.date(2026, 6, 14), received=["advice"])
    new_campaign(ctx, "Summer hello", ["close"], [])
    assert set(_greeted(ctx, "Summer hello").values()) == {False}
    assert task_done(ctx, planned[0]["id"])["greeted"] == ["Summer hello greeting for Ada"]
    suggestion_done(ctx, ids["Bo"], "3b7")
    suggestion_done(ctx, ids["Cy"], "give", "introduction")
    suggestion_done(ctx, ids["Di"], "birthday")
    add_event(ctx, "SysConf", TODAY)
    meet(ctx, "SysConf", ["Ed"])  # someone known, met again: a conversation both ways
    assert _greeted(ctx, "Summer hello") == dict.fromkeys(ids, True)
    assert ("campaign", "Ada") not in _on(ctx, TODAY)
