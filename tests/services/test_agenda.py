"""The daily agenda on both backends."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from factories import person, talk
from netweave.clock import Clock
from netweave.services.agenda import CHECK_INS_PER_DAY, agenda, compute_agenda
from netweave.services.context import Context
from netweave.store.models import Task


def _later(ctx: Context, day: dt.date) -> Context:
    return dataclasses.replace(ctx, clock=Clock(as_of=day))


def test_check_ins_follow_the_cadence(ctx: Context) -> None:
    person(ctx, "Ada Lovelace", circle="close", met_on=dt.date(2026, 1, 1))
    person(ctx, "Linus", circle="dormant", met_on=dt.date(2020, 1, 1))
    talk(ctx, "ada", on=dt.date(2026, 5, 1))
    items = agenda(ctx)["items"]
    assert [(i["kind"], i["person"], i["due"]) for i in items] == [
        ("check_in", "Ada Lovelace", "2026-05-31")
    ]
    assert "45 days ago" in items[0]["reason"]
    talk(ctx, "ada", on=dt.date(2026, 6, 14))
    assert agenda(ctx)["items"] == []
    assert [i["person"] for i in agenda(_later(ctx, dt.date(2026, 7, 20)))["items"]] == [
        "Ada Lovelace"
    ]


def test_tasks_and_birthdays(ctx: Context) -> None:
    ada = person(ctx, "Ada Lovelace", birthday="--06-18", circle="close")
    person(ctx, "Someone Else", birthday="--06-17")  # no circle: not someone you greet
    person(ctx, "Grace Hopper", birthday="1906-12-09")
    with ctx.db.transaction() as session:
        session.add(
            Task(due=dt.date(2026, 6, 14), kind="thank_you", title="Thank Ada", person_id=ada["id"])
        )
        session.add(Task(due=dt.date(2026, 6, 20), kind="custom", title="Later"))
        session.add(
            Task(due=dt.date(2026, 6, 1), title="Snoozed", snoozed_until=dt.date(2026, 6, 30))
        )
    result = agenda(ctx)
    assert result["as_of"] == "2026-06-15"
    assert [(i["kind"], i["person"]) for i in result["items"]] == [
        ("thank_you", "Ada Lovelace"),
        ("birthday", "Ada Lovelace"),
    ]
    assert {"kind", "person", "reason", "due"} <= result["items"][0].keys()
    assert all(type(i["priority"]) is float for i in result["items"])  # one JSON type
    assert result["items"][1]["reason"] == "birthday on Thursday 18 June"
    person(ctx, "Mary Jackson", birthday="--07-01", circle="close")
    late_june = dataclasses.replace(ctx, clock=Clock(as_of=dt.date(2026, 6, 28)))
    reasons = [i["reason"] for i in agenda(late_june)["items"] if i["kind"] == "birthday"]
    assert reasons == ["birthday on Wednesday 1 July"]  # as the person page writes a day


def test_the_soonest_birthdays_come_first_across_the_new_year(ctx: Context) -> None:
    from netweave.services import agenda as agenda_module

    for n, day in enumerate(["01-02", "12-31", "12-29", "01-01", "12-30"] * 3):
        person(ctx, f"Person {n:02d}", birthday=f"--{day}", circle="close")
    late_december = _later(ctx, dt.date(2026, 12, 28))
    items = [i for i in agenda(late_december)["items"] if i["kind"] == "birthday"]
    assert len(items) == agenda_module.BIRTHDAYS_PER_WEEK
    days = [i["due"] for i in items]
    assert days == sorted(days)
    assert days[0] == "2026-12-29"
    assert days[-1] == "2027-01-01"


def test_a_task_one_day_late_says_one_day(ctx: Context) -> None:
    with ctx.db.transaction() as session:
        session.add(Task(due=dt.date(2026, 6, 14), title="Send the deck"))
        session.add(Task(due=dt.date(2026, 6, 12), title="Call back"))
    reasons = sorted(i["reason"] for i in agenda(ctx)["items"])
    assert reasons == ["Call back (due 3 days ago)", "Send the deck (due 1 day ago)"]


def _birthdays(ctx: Context) -> list[tuple[str, str]]:
    return [(i["due"], i["person"]) for i in agenda(ctx)["items"] if i["kind"] == "birthday"]


def test_a_crowded_week_shows_the_soonest_ten_birthdays(ctx: Context) -> None:
    """More birthdays than the agenda shows: the soonest days are kept, and on the last day
    kept, the people added first; the user's own birthday is not one of them."""
    from netweave.services.agenda import BIRTHDAYS_PER_WEEK

    person(ctx, "Sam User", is_me=True, birthday="--06-17", circle="close")
    names: dict[str, list[str]] = {}
    for day, count in [("06-14", 2), ("06-17", 3), ("06-20", 4), ("06-22", 6), ("06-23", 2)]:
        for n in range(count):
            person(ctx, f"P{day}-{n}", birthday=f"--{day}", circle="close")
            names.setdefault(day, []).append(f"P{day}-{n}")
    person(ctx, "No Cadence", birthday="--06-17")  # not someone kept in touch with
    shown = _birthdays(ctx)
    assert len(shown) == BIRTHDAYS_PER_WEEK
    assert sorted(shown) == [
        *(("2026-06-17", n) for n in names["06-17"]),
        *(("2026-06-20", n) for n in names["06-20"]),
        *(("2026-06-22", n) for n in names["06-22"][:3]),
    ]


def test_more_birthdays_today_than_the_agenda_shows(ctx: Context) -> None:
    for n in range(12):
        person(ctx, f"Today {n:02d}", birthday="--06-15", circle="close")
    person(ctx, "Tomorrow", birthday="--06-16", circle="close")
    shown = _birthdays(ctx)
    assert shown == [("2026-06-15", f"Today {n:02d}") for n in range(10)]
    assert all("birthday today" in i["reason"] for i in agenda(ctx)["items"][:10])


def test_a_29_february_birthday_is_greeted_on_1_march_in_a_common_year(ctx: Context) -> None:
    person(ctx, "Leap Day", birthday="2000-02-29", circle="close")
    person(ctx, "First Of March", birthday="--03-01", circle="close")
    person(ctx, "Third Of March", birthday="--03-03", circle="close")
    common = _later(ctx, dt.date(2027, 2, 26))
    assert sorted(_birthdays(common)) == [
        ("2027-03-01", "First Of March"),
        ("2027-03-01", "Leap Day"),
        ("2027-03-03", "Third Of March"),
    ]
    leap = _later(ctx, dt.date(2028, 2, 26))
    assert sorted(_birthdays(leap)) == [
        ("2028-02-29", "Leap Day"),
        ("2028-03-01", "First Of March"),
        ("2028-03-03", "Third Of March"),
    ]


def test_on_1_march_of_a_common_year_29_february_birthdays_are_today_s(ctx: Context) -> None:
    """Celebrated today, they come before the rest of a crowded week."""
    for n in range(12):
        person(ctx, f"March Third {n:02d}", birthday="--03-03", circle="close")
    person(ctx, "Leap Day", birthday="2000-02-29", circle="close")
    shown = _birthdays(_later(ctx, dt.date(2027, 3, 1)))
    assert shown[0] == ("2027-03-01", "Leap Day")
    assert shown[1:] == [("2027-03-03", f"March Third {n:02d}") for n in range(9)]


def test_a_check_in_with_no_conversation_yet_does_not_count_years_since_meeting(
    ctx: Context,
) -> None:
    person(ctx, "Tomas Trent", circle="close", met_on=dt.date(2021, 9, 1))
    (item,) = [i for i in agenda(ctx)["items"] if i["kind"] == "check_in"]
    assert item["reason"].startswith("check in: no conversation yet (strength ")
    assert "past your cadence" not in item["reason"]


def test_a_birthday_greeted_on_the_day_leaves_the_agenda(ctx: Context) -> None:
    """Writing to them or talking with them on the day is the greeting; a note, a message
    from them, or a contact the day before is not."""
    person(ctx, "Priya Raman", birthday="1990-06-15", circle="close")
    person(ctx, "Tom Morrow", birthday="--06-16", circle="close")
    talk(ctx, "priya", kind="note", note="birthday today")
    talk(ctx, "priya", kind="message", direction="in")
    talk(ctx, "tom", kind="call")
    assert sorted(_birthdays(ctx)) == [("2026-06-15", "Priya Raman"), ("2026-06-16", "Tom Morrow")]
    talk(ctx, "priya", kind="call")
    assert _birthdays(ctx) == [("2026-06-16", "Tom Morrow")]
    assert _birthdays(_later(ctx, dt.date(2026, 6, 16))) == [("2026-06-16", "Tom Morrow")]


def test_the_people_due_past_the_list_are_counted_up_to_a_bound(
    ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a large network most people may be due: they are counted up to a bound (a range
    of the next-due index that long), not all of them on every agenda."""
    from netweave.services import agenda as agenda_service

    for n in range(12):
        person(ctx, f"Due Person {n:02d}", circle="close", met_on=dt.date(2026, 1, 1))
    assert compute_agenda(ctx)["more"]["check_ins"] == 12 - agenda_service.CHECK_INS_PER_DAY
    monkeypatch.setattr(agenda_service, "OVERDUE_COUNTED", 3)
    assert compute_agenda(ctx)["more"]["check_ins"] == 3


def test_the_user_is_never_counted_as_due(ctx: Context) -> None:
    """The count of those due past the list reads the aggregates alone: the user's own,
    even with a due day left in them, is not counted."""
    from sqlalchemy import update

    from netweave.store.models import PersonStats

    me = person(ctx, "Sam User", is_me=True, circle="close", met_on=dt.date(2026, 1, 1))
    for n in range(10):
        person(ctx, f"Due Person {n:02d}", circle="close", met_on=dt.date(2026, 1, 1))
    with ctx.db.transaction() as session:
        stale = session.execute(
            update(PersonStats)
            .where(PersonStats.person_id == me["id"])
            .values(next_due=dt.date(2026, 1, 1))
        )
        assert stale.rowcount == 1  # type: ignore[attr-defined]
    found = compute_agenda(ctx)
    assert "Sam User" not in [i["person"] for i in found["items"]]
    assert found["more"]["check_ins"] == 10 - CHECK_INS_PER_DAY


def test_people_due_the_same_day_across_the_candidate_cut_are_the_same_on_every_backend(
    ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only the most overdue are ranked: of those due on the same day at the cut, the first
    added are read (by person id), not whichever rows the database happens to read first."""
    from sqlalchemy import text

    from netweave.services import agenda as agenda_service

    ids = [
        person(ctx, f"Same Day {n}", circle="close", met_on=dt.date(2026, 1, 1))["id"]
        for n in range(6)
    ]
    with ctx.db.transaction() as session:  # the first added are stored last
        session.execute(
            text("UPDATE person_stats SET id = id + 1000 WHERE person_id IN (:a, :b, :c)"),
            {"a": ids[0], "b": ids[1], "c": ids[2]},
        )
    monkeypatch.setattr(agenda_service, "CHECK_IN_CANDIDATES", 3)
    items = compute_agenda(ctx)["items"]
    assert [i["person"] for i in items] == ["Same Day 0", "Same Day 1", "Same Day 2"]


def test_a_task_of_a_lead_names_its_organization_and_the_person_it_is_about(
    ctx: Context,
) -> None:
    """A 3B7 task of a lead, about no one ("contact a second person there"), carries the
    lead's organization and the lead's person its title names: Today links them."""
    from netweave.services.leads import add_lead

    jess = person(ctx, "Jessica Johnson", company="Kelp Forest Labs")
    person(ctx, "Sam Lee", company="Kelp Forest Labs")
    linked = [("Jessica Johnson", "referrer"), ("Sam Lee", "hiring_manager")]
    lead = add_lead(ctx, "Kelp Forest Labs", "Data Lead", source="referral", people=linked)
    title = "No reply yet from Jessica Johnson: contact a second person at Kelp Forest Labs"
    with ctx.db.transaction() as session:
        session.add(Task(due=dt.date(2026, 6, 15), kind="3b7", title=title, lead_id=lead["id"]))
        session.add(Task(due=dt.date(2026, 6, 15), kind="custom", title="Reply to the recruiter"))
    items = {i["reason"]: i for i in agenda(ctx)["items"]}
    second, chore = items[title], items["Reply to the recruiter"]
    assert (second["person_id"], second["lead_id"]) == (None, lead["id"])
    assert second["org"] == "Kelp Forest Labs"
    assert second["org_id"] is not None
    assert (second["named_id"], second["named"]) == (jess["id"], "Jessica Johnson")
    assert [chore[k] for k in ("lead_id", "org_id", "org", "named_id", "named")] == [None] * 5
