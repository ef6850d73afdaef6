"""One click "Done" on an agenda item: exactly what the item asked for, and nothing more.

A suggestion to write to someone (a check-in, a birthday, a 3B7 step, a campaign greeting,
a give-back) and a task that means writing to its person (a thank-you, a follow-up, …) log
a short message out to that person (to the second person a 3B7 step names, as an ask for
advice: an outreach of its own), which resets the cadence as any contact does, and
settle that one item: the task is closed, the campaign item ticked off, the birthday
hidden until it is past. No other task is closed: each item is done by its own click; but
the message, like any conversation, greets its person in the campaigns running that day. A
lead's next step is cleared by ``leads.step_done``, which logs nothing.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from netweave.clock import start_of
from netweave.errors import InvalidInput, NotFound
from netweave.logic.vocab import EXCHANGE_KINDS, choose
from netweave.logic.wording import AGENDA_MARK
from netweave.services.agenda_snooze import hide
from netweave.services.campaigns import running_campaigns, tick
from netweave.services.context import Context
from netweave.services.interactions import record
from netweave.services.relationships import waiting_on
from netweave.services.resolve import resolve_other
from netweave.services.views import interaction_view
from netweave.store import stats
from netweave.store.models import (
    Campaign,
    CampaignItem,
    Exchange,
    Interaction,
    InteractionParticipant,
    Person,
    PersonStats,
    Task,
)

#: What a one-click "Done" logs for each suggestion about a person (a short message sent).
SUGGESTION_NOTES = {
    "check_in": "Checked in",
    "birthday": "Wished a happy birthday",
    "3b7": "Reached out (3B7)",
    "campaign": "Sent the campaign's greeting",
    "give": "Gave something back",
}
#: Task kinds whose doing is writing to the task's person: "Done" logs that message too.
#: Any other task (``custom``, or one about nobody) is only closed.
CONTACT_TASKS = ("thank_you", "follow_up", "update", "check_in", "congratulate", "3b7", "campaign")
#: A birthday greeting hides the birthday item this long: past the agenda's birthday window.
BIRTHDAY_HIDDEN_DAYS = 8


def done_note(title: str) -> str:
    """The summary of the message a "Done" on an agenda task logs."""
    return f"Done: {title}{AGENDA_MARK}"


def suggestion_done(
    ctx: Context, person_id: int, kind: str, gave: str | None = None
) -> dict[str, Any]:
    """ "Done" on a computed suggestion about a person: the message logged and the suggestion
    settled (``gave``: what was given, for a give-back), in one transaction."""
    if kind not in SUGGESTION_NOTES:
        raise InvalidInput(f"kind: one of {', '.join(SUGGESTION_NOTES)}, not {kind!r}")
    if kind == "give" and not gave:
        raise InvalidInput("gave: say what you gave (advice, information, introduction, ...)")
    given = choose(gave, EXCHANGE_KINDS, "gave") if kind == "give" and gave else None
    today, when = ctx.clock.today(), ctx.clock.now()
    with ctx.db.transaction() as session:
        person = _someone_else(session, person_id)
        note = f"{SUGGESTION_NOTES[kind]}{AGENDA_MARK}"
        earlier = (
            _done_today(session, person.id, note, today, given) if kind != "campaign" else None
        )
        if earlier is not None:  # clicked twice, or on a page from before: logged once
            view = {"person": person.display_name, "kind": kind, "greeted": []}
            return view | interaction_view(earlier)
        if kind == "campaign":  # ``record`` greets them in the other campaigns too
            note = _tick_campaign_item(session, person, today, when)
        # a 3B7 step about someone not waiting for an answer themselves names them as the
        # second person at an employer: writing to them is an outreach of its own, an ask
        # for advice (as `log --ask advice` records it), whose 3B7 then starts; the step
        # about someone still waiting is the one follow-up to them, a plain message
        second = kind == "3b7" and waiting_on(session, person.id, when) is None
        greeted: list[str] = []  # greetings the message ticks (``record``)
        interaction = record(ctx, session, [person], kind="message", direction="out",
                             when=when, note=note, greeted=greeted)  # fmt: skip
        if given is not None:
            _exchange(session, person, interaction, "gave", given, today)
        if second:
            _exchange(session, person, interaction, "asked", "advice", today)
        if kind == "birthday" and not _birthday_today(session, person.id, today):
            # wished ahead: hidden until past (on the day, the greeting itself leaves it
            # off, as a logged one does, and no snooze is made up that the user never set)
            hide(session, person.id, "birthday", today + dt.timedelta(days=BIRTHDAY_HIDDEN_DAYS))
        session.flush()
        view = {"person": person.display_name, "kind": kind, "greeted": greeted}
        return view | interaction_view(interaction)


def _birthday_today(session: Session, person_id: int, today: dt.date) -> bool:
    """Whether the person's birthday is celebrated today (29 February on 1 March in a
    common year, as the agenda shows it)."""
    month_day = session.scalar(
        select(PersonStats.birthday_md).where(PersonStats.person_id == person_id)
    )
    leap_day = month_day == "02-29" and not calendar.isleap(today.year)
    return month_day == f"{today:%m-%d}" or (leap_day and (today.month, today.day) == (3, 1))


def _exchange(
    session: Session,
    person: Person,
    interaction: Interaction,
    direction: str,
    kind: str,
    today: dt.date,
) -> None:
    """What was given (fulfilled) or asked (open) in the message a "Done" logs."""
    status = "open" if direction == "asked" else "fulfilled"
    session.add(
        Exchange(
            person_id=person.id,
            interaction_id=interaction.id,
            direction=direction,
            kind=kind,
            status=status,
            occurred_on=today,
        )
    )
    stats.record_exchange(session, person.id, direction, today)


def _done_today(
    session: Session, person_id: int, note: str, today: dt.date, given: str | None
) -> Any:
    """The message a "Done" on the same suggestion logged today, if one was (for a give,
    with the same thing given: a second, different give is one more)."""
    query = (
        select(Interaction)
        .join(InteractionParticipant, InteractionParticipant.interaction_id == Interaction.id)
        .where(
            InteractionParticipant.person_id == person_id,
            Interaction.summary == note,
            Interaction.source == "manual",
            Interaction.occurred_at >= start_of(today),
        )
    )
    if given is not None:
        query = query.join(Exchange, Exchange.interaction_id == Interaction.id).where(
            Exchange.kind == given
        )
    return session.scalars(query.limit(1)).first()


def task_done(ctx: Context, task_id: int) -> dict[str, Any]:
    """ "Done" on a task of the agenda: the task closed and, when its kind means writing to
    its person (a thank-you, a follow-up, …), that message logged, in one transaction. Only
    this task closes; one already done is left as it was."""
    when = ctx.clock.now()
    with ctx.db.transaction() as session:
        task = session.get(Task, task_id)
        if task is None:
            raise NotFound(f"no task with id {task_id}")
        logged, person, already = False, None, task.done_at is not None
        greeted: list[str] = []  # the message greets them in the campaigns running today
        if not already:
            if task.person_id is not None and task.kind in CONTACT_TASKS:
                person = _someone_else(session, task.person_id)
                note = done_note(task.title)
                record(ctx, session, [person], kind="message", direction="out", when=when,
                       note=note, greeted=greeted)  # fmt: skip
                logged = True
            task.done_at = when
        return {
            "id": task.id,
            "title": task.title,
            "done": True,
            "logged": logged,
            "already_done": already,
            "person": person.display_name if person is not None else None,
            "greeted": greeted,
        }


def _someone_else(session: Session, person_id: int) -> Person:
    return resolve_other(session, f"#{person_id}", "an agenda item is about others")


def _tick_campaign_item(session: Session, person: Person, today: dt.date, when: dt.datetime) -> str:
    """Tick off the person's oldest open item of a campaign running that day (the one the
    agenda shows first); the note the greeting is logged with."""
    row = session.execute(
        select(CampaignItem, Campaign.name)
        .join(Campaign, Campaign.id == CampaignItem.campaign_id)
        .where(
            CampaignItem.person_id == person.id,
            CampaignItem.done_at.is_(None),
            CampaignItem.campaign_id.in_(running_campaigns(session, today)),
        )
        .order_by(CampaignItem.id)
        .limit(1)
    ).first()
    if row is None:
        raise InvalidInput(f"{person.display_name} has no open campaign item")
    tick(session, row[0], when)
    return f"{row[1]} check-in{AGENDA_MARK}"
