"""An offer accepted: everyone who helped hears how it ended, and what is still open is named."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from factories import person, talk
from netweave.clock import Clock
from netweave.services.agenda import agenda
from netweave.services.context import Context
from netweave.services.leads import add_lead, move_lead
from netweave.services.tasks import complete, list_tasks
from netweave.store.models import Person, Task


def _search(ctx: Context) -> tuple[int, int, int]:
    for name in ("Mei Chen", "Omar Haddad", "Lena Fischer", "Sam Ortiz", "Eve Adams"):
        person(ctx, name)
    person(ctx, "Ada Lovelace", is_me=True)
    helped = [("Mei Chen", "referrer"), ("Omar Haddad", "hiring_manager")]
    won = add_lead(ctx, "Initrode", "Staff Engineer", people=helped)
    other = add_lead(ctx, "Globex", "Analyst",
                     people=[("Lena Fischer", "advocate"), ("Sam Ortiz", "recruiter"),
                             ("Mei Chen", "advocate")])  # fmt: skip
    closed = add_lead(ctx, "Hooli", "Lead", people=[("Eve Adams", "referrer")])
    move_lead(ctx, f"#{closed['id']}", "withdrawn")
    move_lead(ctx, f"#{won['id']}", "offer")
    return int(won["id"]), int(other["id"]), int(closed["id"])


def test_the_people_who_helped_hear_of_the_offer_accepted(ctx: Context) -> None:
    """The people on the lead, and the referrers and advocates of the leads still open, each
    get one update due today (not a recruiter elsewhere, nor a lead closed before); the
    leads still open are named, to withdraw."""
    won, other, _ = _search(ctx)
    moved = move_lead(ctx, f"#{won}", "accepted")
    assert [t["person"]["name"] for t in moved["thanks"]] == ["Mei Chen", "Omar Haddad",
                                                              "Lena Fischer"]  # fmt: skip
    assert moved["thanks"][0]["title"] == (
        "Tell Mei Chen you accepted the Staff Engineer offer at Initrode, and thank them"
    )
    assert moved["still_open"] == [{"id": other, "role": "Analyst", "org": "Globex"}]
    tasks = {t["title"]: t for t in list_tasks(ctx)}
    planned = [tasks[t["title"]] for t in moved["thanks"]]
    assert {(t["kind"], t["due"]) for t in planned} == {("update", ctx.clock.today().isoformat())}


def test_an_offer_accepted_again_names_who_is_on_today_and_who_heard_it(ctx: Context) -> None:
    """Accepted, taken back, accepted again: the updates taken off are planned again and
    named (the move congratulates, it is not silent); one done before is not planned again."""
    won, _, _ = _search(ctx)
    first = move_lead(ctx, f"#{won}", "accepted")
    complete(ctx, first["thanks"][1]["id"])  # Omar was told
    ctx.clock = Clock(as_of=ctx.clock.today() + dt.timedelta(days=1))
    move_lead(ctx, f"#{won}", "offer")  # reopened: the start date moved, say
    again = move_lead(ctx, f"#{won}", "accepted")
    assert [t["person"]["name"] for t in again["thanks"]] == ["Mei Chen", "Lena Fischer"]
    assert [p["name"] for p in again["told"]] == ["Omar Haddad"]
    assert len([t for t in list_tasks(ctx) if t["kind"] == "update"]) == 2


def test_an_update_still_open_from_before_is_named_not_planned_twice(ctx: Context) -> None:
    """An update of the same words still open (planned by an acceptance taken back before
    its updates went with it) is among those on Today, once."""
    won, _, _ = _search(ctx)
    move_lead(ctx, f"#{won}", "accepted")
    move_lead(ctx, f"#{won}", "offer")
    title = "Tell Mei Chen you accepted the Staff Engineer offer at Initrode, and thank them"
    with ctx.db.transaction() as session:
        mei = session.scalars(select(Person.id).where(Person.display_name == "Mei Chen")).one()
        kept = Task(due=ctx.clock.today(), kind="update", title=title, person_id=mei,
                    created_at=ctx.clock.now())  # fmt: skip
        session.add(kept)
        session.flush()
        kept_id = kept.id
    again = move_lead(ctx, f"#{won}", "accepted")
    assert again["thanks"][0] == {"id": kept_id, "person": {"id": mei, "name": "Mei Chen"},
                                  "title": title}  # fmt: skip
    assert len(again["thanks"]) == 3
    assert [t["title"] for t in list_tasks(ctx)].count(title) == 1


def test_telling_them_carries_out_the_update(ctx: Context) -> None:
    won, _, _ = _search(ctx)
    move_lead(ctx, f"#{won}", "accepted")
    talk(ctx, "Mei Chen", kind="message", direction="out", on=ctx.clock.today())
    left = [t["title"] for t in list_tasks(ctx) if t["kind"] == "update"]
    assert [title.split(" you ")[0] for title in left] == ["Tell Omar Haddad", "Tell Lena Fischer"]


def test_other_moves_plan_nothing(ctx: Context) -> None:
    won, other, _ = _search(ctx)
    declined = move_lead(ctx, f"#{other}", "withdrawn")
    assert (declined["thanks"], declined["still_open"]) == ([], [])
    assert move_lead(ctx, f"#{won}", "rejected")["thanks"] == []
    assert list_tasks(ctx) == []


def test_an_update_for_a_helper_of_another_lead_links_the_lead_they_are_on(
    ctx: Context,
) -> None:
    """Today's update for someone on the accepted lead links that lead; for an advocate of
    another open lead only, that lead (to withdraw, and to tell them about), not the
    accepted one's paths in."""
    won, other, _ = _search(ctx)
    move_lead(ctx, f"#{won}", "accepted")
    updates = {i["person"]: i for i in agenda(ctx)["items"] if i["kind"] == "update"}
    assert (updates["Mei Chen"]["lead_id"], updates["Mei Chen"]["org"]) == (won, "Initrode")
    lena = updates["Lena Fischer"]
    assert (lena["lead_id"], lena["org"]) == (other, "Globex")
