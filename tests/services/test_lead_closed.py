"""A lead rejected or withdrawn takes the tasks planned for it off Today."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from factories import person
from netweave.services.agenda import agenda
from netweave.services.context import Context
from netweave.services.leads import add_lead, move_lead
from netweave.services.tasks import list_tasks
from netweave.store.models import Person, Task


def _task(
    ctx: Context, lead: int, kind: str, title: str, who: str | None, done: bool = False
) -> int:
    """A task planned for ``lead`` (as follow-ups and 3B7 steps of a lead carry it)."""
    now = ctx.clock.now()
    with ctx.db.transaction() as session:
        pid = (
            session.scalars(select(Person.id).where(Person.display_name == who)).one()
            if who
            else None
        )
        task = Task(
            due=ctx.clock.today() - dt.timedelta(days=2),
            kind=kind,
            title=title,
            person_id=pid,
            lead_id=lead,
            created_at=now,
            done_at=now if done else None,
        )
        session.add(task)
        session.flush()
        return int(task.id)


def _open_titles(ctx: Context) -> list[str]:
    return [t["title"] for t in list_tasks(ctx)]


def test_a_lead_withdrawn_or_rejected_takes_its_open_tasks_off_today(ctx: Context) -> None:
    for name in ("Mei Chen", "Omar Haddad", "Lena Fischer"):
        person(ctx, name)
    lost = add_lead(ctx, "Globex", "Analyst", people=[("Mei Chen", "referrer")])["id"]
    gone = add_lead(ctx, "Hooli", "Lead", people=[("Lena Fischer", "referrer")])["id"]
    won = add_lead(ctx, "Initrode", "Staff Engineer", people=[("Omar Haddad", "referrer")])["id"]
    _task(ctx, lost, "follow_up", "Follow up with Mei Chen about the Analyst role", "Mei Chen")
    _task(ctx, lost, "3b7", "No reply yet from Mei Chen: contact a second person at Globex", None)
    _task(ctx, lost, "follow_up", "Follow up with Mei Chen again", "Mei Chen", done=True)
    _task(ctx, gone, "follow_up", "Follow up with Lena Fischer about the Lead role", "Lena Fischer")
    _task(ctx, won, "follow_up", "Follow up with Omar Haddad about the offer", "Omar Haddad")
    moved = move_lead(ctx, f"#{lost}", "withdrawn")
    assert [(t["kind"], t["title"], t["person"]) for t in moved["dropped"]] == [
        ("follow_up", "Follow up with Mei Chen about the Analyst role",
         {"id": 1, "name": "Mei Chen"}),
        ("3b7", "No reply yet from Mei Chen: contact a second person at Globex", None),
    ]  # fmt: skip
    assert [t["title"] for t in move_lead(ctx, f"#{gone}", "rejected")["dropped"]] == [
        "Follow up with Lena Fischer about the Lead role"
    ]
    assert _open_titles(ctx) == ["Follow up with Omar Haddad about the offer"]
    done = [t["title"] for t in list_tasks(ctx, include_done=True) if t["done"]]
    assert done == ["Follow up with Mei Chen again"]  # done stays done
    reasons = [i["reason"] for i in agenda(ctx)["items"]]
    assert not any("Mei Chen" in r or "Lena Fischer" in r for r in reasons)


def test_an_accepted_leads_news_stays_when_another_lead_is_withdrawn(ctx: Context) -> None:
    """The "Tell … you accepted" update of a referrer of another lead carries the accepted
    lead: withdrawing the other lead leaves it on Today; other moves drop nothing."""
    for name in ("Mei Chen", "Lena Fischer"):
        person(ctx, name)
    won = add_lead(ctx, "Initrode", "Staff Engineer", people=[("Mei Chen", "referrer")])["id"]
    other = add_lead(ctx, "Globex", "Analyst", people=[("Lena Fischer", "referrer")])["id"]
    _task(
        ctx,
        other,
        "follow_up",
        "Follow up with Lena Fischer about the Analyst role",
        "Lena Fischer",
    )
    assert move_lead(ctx, f"#{other}", "interviewing")["dropped"] == []
    move_lead(ctx, f"#{won}", "offer")
    move_lead(ctx, f"#{won}", "accepted")
    moved = move_lead(ctx, f"#{other}", "withdrawn")
    assert [t["title"] for t in moved["dropped"]] == [
        "Follow up with Lena Fischer about the Analyst role"
    ]
    assert _open_titles(ctx) == [
        "Tell Mei Chen you accepted the Staff Engineer offer at Initrode, and thank them",
        "Tell Lena Fischer you accepted the Staff Engineer offer at Initrode, and thank them",
    ]
