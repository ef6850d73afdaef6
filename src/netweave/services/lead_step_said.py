"""A lead's next step (due) that names someone a conversation is logged with, said then.

A conversation closes the tasks it answers ("Done with it: …"), but a lead's next step
may be anything (applying, preparing a panel), so only a move or ``leads next`` clears it
(``leads.step_done``). When the conversation is with the very person a due step names
("coffee with Benjamin"), the step left on Today reads as undone work the user just did:
``log`` says it stays open and how to move it on, and so does the web's page that says
what was logged. Whom a step names is decided as the agenda decides it
(``logic.lead_steps.step_person``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from netweave.logic.funnel import CLOSED
from netweave.logic.lead_steps import step_person
from netweave.services.context import Context
from netweave.services.lead_people import lead_people
from netweave.store.models import Interaction, Lead, LeadPerson

if TYPE_CHECKING:
    from netweave.store.engine import Reader


#: A step due at most this many days ahead is said too, as a contact answers a task due
#: that soon (``interactions.ANSWERS_AHEAD_DAYS``): it would come up on Today in a few days.
AHEAD_DAYS = 7


def steps_still_open(session: Reader, person_ids: Collection[int], today: dt.date) -> list[str]:
    """One line for each open lead's next step, due by ``today`` (or within ``AHEAD_DAYS``),
    that names one of these people: it stays open, and the commands that move it on."""
    return [
        f'Lead #{s["lead_id"]}\'s next step names {s["person"]} and is still open: "{s["step"]}" '
        f"(due {s['due']}). Move it on with a new next step (`netweave leads next {s['lead_id']} "
        f"STEP --due DATE`) or a move (`netweave leads move {s['lead_id']} STAGE`)."
        for s in open_steps(session, person_ids, today)
    ]


def open_steps(
    session: Reader, person_ids: Collection[int], today: dt.date
) -> list[dict[str, Any]]:
    """Each open lead's next step, due by ``today`` (or within ``AHEAD_DAYS``), that names
    one of these people: ``{lead_id, person, person_id, step, due}``."""
    if not person_ids:
        return []
    rows = session.execute(
        select(Lead.id, Lead.next_step, Lead.next_due)
        .join(LeadPerson, LeadPerson.lead_id == Lead.id)
        .where(
            LeadPerson.person_id.in_(sorted(person_ids)),
            Lead.next_step.is_not(None),
            Lead.next_due <= today + dt.timedelta(days=AHEAD_DAYS),
            Lead.stage.not_in(sorted(CLOSED)),
        )
        .distinct()
        .order_by(Lead.next_due, Lead.id)
    ).all()
    facts = lead_people(session, [row[0] for row in rows])
    steps: list[dict[str, Any]] = []
    for lead_id, step, due in rows:
        person, named = step_person(step, facts[lead_id].people)
        if person is None or not named or person.person_id not in person_ids:
            continue
        who = {"person": person.name, "person_id": person.person_id}
        steps.append({"lead_id": lead_id, **who, "step": step, "due": due.isoformat()})
    return steps


def steps_said(ctx: Context, interaction_id: int) -> list[dict[str, Any]]:
    """The steps :func:`open_steps` gives for a conversation's people as of today (the
    web's page that says what was logged shows them, each linking its lead): none for one
    that is gone, or a note."""
    with ctx.db.reading() as session:
        found = session.get(Interaction, interaction_id)
        if found is None or found.kind == "note":
            return []
        ids = {p.person_id for p in found.participants}
        return open_steps(session, ids, ctx.clock.today())
