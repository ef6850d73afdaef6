"""One contact settles a person's items: no check-in beside a task, greeting or 3B7 step."""

from __future__ import annotations

import dataclasses
import datetime as dt

from factories import person, refresh_day, talk
from netweave.clock import Clock
from netweave.services import events, tasks
from netweave.services.agenda import CHECK_INS_PER_DAY, agenda
from netweave.services.agenda_item import by_person
from netweave.services.agenda_snooze import snooze_suggestion
from netweave.services.campaigns import new_campaign
from netweave.services.context import Context
from netweave.services.intros import propose
from netweave.services.routines import REFRESH_EVERY_WEEKS, REFRESHES_PER_WEEK

D = dt.date
DUE = D(2026, 1, 1)  # met then, in the close circle: due for a check-in on 31 January


def _at(ctx: Context, day: dt.date) -> Context:
    return dataclasses.replace(ctx, clock=Clock(as_of=day))


def _items(ctx: Context) -> list[tuple[str, str | None]]:
    return sorted((i["kind"], i["person"]) for i in agenda(ctx)["items"])


def test_a_campaign_greeting_stands_for_the_check_in(ctx: Context) -> None:
    person(ctx, "Ada Lovelace", circle="close", met_on=DUE)
    person(ctx, "Grace Hopper", circle="active", met_on=DUE)
    new_campaign(ctx, "Summer", circles=["close"])
    assert _items(ctx) == [("campaign", "Ada Lovelace"), ("check_in", "Grace Hopper")]


def test_a_snoozed_greeting_leaves_the_check_in(ctx: Context) -> None:
    person(ctx, "Ada Lovelace", circle="close", met_on=DUE)
    new_campaign(ctx, "Summer", circles=["close"])
    snooze_suggestion(ctx, "ada", "campaign", D(2026, 6, 20))
    assert _items(ctx) == [("check_in", "Ada Lovelace")]


def test_an_event_follow_up_stands_for_the_check_in(ctx: Context) -> None:
    person(ctx, "Ada Lovelace", circle="close", met_on=DUE)
    events.add_event(ctx, "PyData Berlin", D(2026, 6, 12))
    events.meet(ctx, "pydata", ["Ada Lovelace"])
    assert _items(ctx) == [("follow_up", "Ada Lovelace")]


def test_any_task_with_the_person_stands_for_the_check_in(ctx: Context) -> None:
    person(ctx, "Ada Lovelace", circle="close", met_on=DUE)
    person(ctx, "Grace Hopper", circle="close", met_on=DUE)
    person(ctx, "Linus Torvalds", circle="close", met_on=DUE)
    tasks.add_task(ctx, "Thank Ada", person="ada", kind="thank-you")
    tasks.add_task(ctx, "Send Grace the paper", person="grace")
    tasks.add_task(ctx, "Call Linus", person="linus", due=D(2026, 6, 20))  # not due yet
    assert _items(ctx) == [
        ("check_in", "Linus Torvalds"),
        ("task", "Grace Hopper"),
        ("thank_you", "Ada Lovelace"),
    ]


def test_a_birthday_stands_for_the_check_in(ctx: Context) -> None:
    person(ctx, "Ada Lovelace", circle="close", met_on=DUE, birthday="--06-18")
    assert _items(ctx) == [("birthday", "Ada Lovelace")]


def test_a_3b7_follow_up_stands_for_the_check_in_and_a_give_stays(ctx: Context) -> None:
    person(ctx, "Ada Lovelace", cadence_days=7, company="Initech")
    wednesday = D(2026, 6, 3)
    talk(_at(ctx, wednesday), "ada", on=wednesday, kind="email", direction="out", asked=["advice"])
    # due for a check-in (7 days after the ask), and eight business days unanswered; help
    # noted since, in the give-back's days
    talk(ctx, "ada", on=D(2026, 6, 14), kind="note", received=["information"])
    assert _items(ctx) == [("3b7", "Ada Lovelace"), ("give", "Ada Lovelace")]


def test_an_introduction_step_stands_for_the_check_in(ctx: Context) -> None:
    """Asking Ada whether she would like to meet Grace is writing to her: no check-in
    beside it, and the next candidate takes the place."""
    person(ctx, "Ada Lovelace", circle="close", met_on=DUE)
    person(ctx, "Grace Hopper")
    person(ctx, "Linus Torvalds", circle="close", met_on=DUE)
    propose(ctx, "ada", "grace", "both write compilers")
    assert _items(ctx) == [("check_in", "Linus Torvalds"), ("intro", "Ada Lovelace")]


def test_a_snoozed_introduction_step_leaves_the_check_in(ctx: Context) -> None:
    person(ctx, "Ada Lovelace", circle="close", met_on=DUE)
    person(ctx, "Grace Hopper")
    propose(ctx, "ada", "grace", "both write compilers")
    snooze_suggestion(ctx, "ada", "intro", D(2026, 6, 20))
    assert _items(ctx) == [("check_in", "Ada Lovelace")]


def test_a_give_back_stands_for_the_check_in(ctx: Context) -> None:
    person(ctx, "Ada Lovelace", circle="close", met_on=DUE)
    talk(ctx, "ada", on=D(2026, 6, 14), kind="note", received=["advice"])
    assert _items(ctx) == [("give", "Ada Lovelace")]


def test_the_places_of_dropped_check_ins_go_to_the_next_candidates(ctx: Context) -> None:
    for n in range(CHECK_INS_PER_DAY + 3):
        person(ctx, f"Person {n:02d}", circle="close", met_on=DUE - dt.timedelta(days=n))
    # the three most overdue (the top of the ranking) are thanked today anyway
    for n in (CHECK_INS_PER_DAY, CHECK_INS_PER_DAY + 1, CHECK_INS_PER_DAY + 2):
        tasks.add_task(ctx, f"Thank {n}", person=f"Person {n:02d}", kind="thank-you")
    items = agenda(ctx)["items"]
    check_ins = [i["person"] for i in items if i["kind"] == "check_in"]
    assert len(check_ins) == CHECK_INS_PER_DAY
    assert sorted(check_ins) == [f"Person {n:02d}" for n in range(CHECK_INS_PER_DAY)]
    assert len(items) == CHECK_INS_PER_DAY + 3


def test_a_dormant_tie_with_a_task_gives_its_refresh_place_to_another(ctx: Context) -> None:
    for n in range(REFRESH_EVERY_WEEKS * (REFRESHES_PER_WEEK + 1)):  # three in each week
        person(ctx, f"Old Friend {n}", circle="dormant")
        talk(ctx, f"old friend {n}", on=D(2025, 1, 10))
        talk(ctx, f"old friend {n}", on=D(2025, 2, 10))
    ctx = _at(ctx, refresh_day(1, ctx.clock.today()))
    before = [i["person"] for i in agenda(ctx)["items"] if i["kind"] == "check_in"]
    assert len(before) == REFRESHES_PER_WEEK
    tasks.add_task(ctx, "Ask about the move", person=before[0])
    items = agenda(ctx)["items"]
    refresh = [i["person"] for i in items if i["kind"] == "check_in"]
    assert len(refresh) == REFRESHES_PER_WEEK
    assert before[0] not in refresh
    assert [(i["kind"], i["person"]) for i in items if i["person"] == before[0]] == [
        ("task", before[0])
    ]


def test_the_short_list_reads_one_entry_per_person_with_the_rest_under_it(ctx: Context) -> None:
    """A birthday and a give-back about one person: the list reads them as one entry (the
    first by value), the other under it, in order; items about no one stand alone. The
    agenda's own items (and ``today --json``) keep each one."""
    person(ctx, "Ada Lovelace", circle="close", birthday="--06-17", met_on=DUE)
    talk(ctx, "Ada", on=D(2026, 6, 14), received=["advice"])
    tasks.add_task(ctx, "Update the CV", due=D(2026, 6, 15))
    items = agenda(ctx)["items"]
    assert sorted(i["kind"] for i in items) == ["birthday", "give", "task"]
    shown = by_person(items)
    assert len(shown) == 2
    ada = next(e for e in shown if e["person"] == "Ada Lovelace")
    about_ada = [i for i in items if i["person"] == "Ada Lovelace"]
    assert [ada["kind"], *(o["kind"] for o in ada["also"])] == [i["kind"] for i in about_ada]
    task = next(e for e in shown if e["person"] is None)
    assert (task["kind"], task["reason"], task.get("also")) == (
        "task", "Update the CV", None
    )  # fmt: skip
    assert all("also" not in i for i in items)  # the agenda's items are as they were
