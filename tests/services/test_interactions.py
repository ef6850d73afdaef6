"""Logging conversations on both backends."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from factories import person, talk
from netweave.errors import InvalidInput, NotFound
from netweave.services.context import Context
from netweave.services.people import show_person
from netweave.store.models import Exchange, Interaction


def test_a_conversation_with_two_people(ctx: Context) -> None:
    person(ctx, "Ada Lovelace")
    person(ctx, "Grace Hopper")
    result = talk(
        ctx, "ada", "grace", "Ada Lovelace", kind="Coffee", on=dt.date(2026, 6, 1),
        direction="out", note="  engines  and  ships ", gave=["advice"], asked=["introduction"],
    )  # fmt: skip
    assert {"interaction", "woven", "coaching"} <= set(result)
    assert result["recorded"] is True
    it = result["interaction"]
    assert (it["kind"], it["direction"], it["date"]) == ("coffee", "out", "2026-06-01")
    assert it["summary"] == "engines and ships"
    assert it["people"] == ["Ada Lovelace", "Grace Hopper"]
    assert show_person(ctx, "ada")["last_interaction"] == "2026-06-01"
    with ctx.db.reading() as session:
        exchanges = session.execute(
            select(Exchange.person_id, Exchange.direction, Exchange.kind, Exchange.status)
        ).all()
    assert sorted(e[1:] for e in exchanges) == [
        ("asked", "introduction", "open"),
        ("asked", "introduction", "open"),
        ("gave", "advice", "fulfilled"),
        ("gave", "advice", "fulfilled"),
    ]


def test_without_a_date_it_happened_today(ctx: Context) -> None:
    person(ctx, "Ada Lovelace")
    assert talk(ctx, "ada")["interaction"]["date"] == "2026-06-15"


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"kind": "dance"}, InvalidInput),
        ({"direction": "sideways"}, InvalidInput),
        ({"gave": ["money"]}, InvalidInput),
        ({"on": dt.date(2026, 6, 16)}, InvalidInput),
    ],
)
def test_bad_logs_record_nothing(ctx: Context, fields: dict[str, object], error: type) -> None:
    person(ctx, "Ada Lovelace")
    with pytest.raises(error):
        talk(ctx, "ada", **fields)
    with pytest.raises(NotFound):
        talk(ctx, "ada", "nobody")
    with ctx.db.reading() as session:
        assert session.scalars(select(Interaction)).all() == []


def test_a_follow_up_planned_on_a_moved_today_is_closed_by_the_next_contact(
    ctx: Context,
) -> None:
    import dataclasses

    from netweave.clock import Clock
    from netweave.services.tasks import add_task, list_tasks

    planned_on = dataclasses.replace(ctx, clock=Clock(as_of=dt.date(2025, 11, 2)))
    person(ctx, "Mei Chen")
    add_task(planned_on, "Send Mei the contractor list", person="Mei", kind="follow-up",
             due=dt.date(2025, 11, 4))  # fmt: skip
    later = dataclasses.replace(ctx, clock=Clock(as_of=dt.date(2025, 11, 24)))
    talk(later, "Mei", kind="message", direction="out")
    assert list_tasks(later) == []


def test_writing_to_someone_carries_out_their_thank_you(ctx: Context) -> None:
    from netweave.services.agenda import agenda
    from netweave.services.tasks import add_task, list_tasks

    person(ctx, "Katherine Johnson")
    person(ctx, "Grace Hopper")
    add_task(ctx, "Thank Katherine", person="Katherine", kind="thank-you")
    add_task(ctx, "Thank Grace", person="Grace", kind="thank-you")
    heard = talk(ctx, "katherine", kind="email", direction="in")
    assert heard["interaction"]["tasks_done"] == []  # they wrote: the thanks is still owed
    wrote = talk(ctx, "katherine", kind="email", direction="out")
    assert wrote["interaction"]["tasks_done"] == ["Thank Katherine"]
    assert [t["title"] for t in list_tasks(ctx)] == ["Thank Grace"]
    assert [(i["kind"], i["person"]) for i in agenda(ctx)["items"]] == [
        ("thank_you", "Grace Hopper")
    ]


def test_a_contact_carries_out_what_is_due_soon_not_next_months_update(ctx: Context) -> None:
    from netweave.services.tasks import add_task, list_tasks

    person(ctx, "Ada Lovelace")
    today = ctx.clock.today()
    add_task(ctx, "Thank Ada for the advice", person="Ada", kind="thank-you", due=today)
    add_task(ctx, "Update Ada on what you did with her advice", person="Ada",
             kind="follow-up", due=today + dt.timedelta(days=30))  # fmt: skip
    talk(ctx, "Ada", kind="email", direction="out")
    assert [t["title"] for t in list_tasks(ctx)] == ["Update Ada on what you did with her advice"]


def test_coaching_offers_a_give_first_only_to_someone_not_helped_yet(ctx: Context) -> None:
    """Helped twice, Priya is not woven for another reason (too few conversations both
    ways): the coaching says so and does not tell the user to offer something first."""
    person(ctx, "Priya Raman", met_on=dt.date(2026, 4, 1))
    person(ctx, "Ada Lovelace", met_on=dt.date(2026, 4, 1))
    for day in (dt.date(2026, 6, 1), dt.date(2026, 6, 2)):
        talk(ctx, "priya", on=day, kind="coffee", gave=["advice"])
    coaching = talk(ctx, "priya", asked=["referral"])["coaching"]
    assert coaching[0] == (
        "Priya Raman: not woven yet for a referral ask — 2 conversations with replies from "
        "both sides (3 make a relationship)."
    )
    assert not any("Offer" in line for line in coaching)
    both = talk(ctx, "priya", "ada", asked=["job"])["coaching"]
    assert [line for line in both if "Offer" in line] == [
        "Offer Ada Lovelace something useful first: an introduction, an article, help with "
        "what they need."
    ]


def test_a_meeting_recorded_without_a_date_is_named_as_the_missing_date(ctx: Context) -> None:
    """Met at an event with no date and introduced by someone, Zed's meeting is on record:
    what the check lacks is its day, and the coaching says that, not "no record"."""
    person(ctx, "Nathan Walker")
    person(ctx, "Zed Tester", met_at="Climate Week", introduced_by="Nathan Walker")
    assert show_person(ctx, "zed")["met"]["event"] == "Climate Week"
    coaching = talk(ctx, "zed", kind="call", asked=["referral"])["coaching"]
    assert coaching[0] == (
        "Zed Tester: not woven yet for a referral ask — you have no date for when you met; "
        "no conversations with replies from both sides (3 make a relationship); you have not "
        "helped them yet."
    )
