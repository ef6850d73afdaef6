"""A conversation that makes the second contact of a 3B7 routine, said when it is logged.

3B7 asks for a second person at an employer when the first has not answered in three
business days; a conversation with someone else there after the outreach (even the same
day) makes that step, and the agenda then has nothing to suggest. Saying so when it is
logged tells the user why no "reach out to a second person" step comes: ``log`` says it,
and so does the web's page that says what was logged. Whether it makes the step is decided
by the agenda's own rule (``followup_steps.second_contacts_made``), so what is said here is what
the agenda then does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from netweave.clock import day_of
from netweave.services.agenda_snooze import snoozed
from netweave.services.context import Context
from netweave.services.follow_ups_done import reaches_out
from netweave.services.followup_steps import second_contacts_made
from netweave.services.relationships import waiting_on
from netweave.store.models import Interaction, Person


def second_contact_of(session: Session, people: Sequence[Person], when: dt.datetime) -> list[str]:
    """One line for each unanswered outreach to someone else at these people's employers
    that a conversation with them at ``when`` makes the second contact of, as the agenda
    decides it (its snoozed 3B7 steps passed over as it passes them)."""
    today = day_of(when)
    hidden = {pid for pid, kind in snoozed(session, today) if kind == "3b7"}
    names = {p.id: p.display_name for p in people}
    lines = []
    for first, org_name, made_by in second_contacts_made(session, list(names), today, hidden):
        waiting = waiting_on(session, first, when)
        if waiting is None:
            continue
        found = session.get(Person, first)
        name = found.display_name if found else "them"
        lines.append(
            f"{names[made_by]} is at {org_name}, where your outreach to {name} of "
            f"{waiting.sent} has no reply yet: this conversation counts as its second contact, "
            "so the agenda will not ask you to reach out to a second person there; if "
            f"{name} does not answer, follow up on {waiting.follow_up_due}."
        )
    return lines


def second_contact_said(ctx: Context, interaction_id: int) -> list[str]:
    """The lines :func:`second_contact_of` gave when this conversation was logged, as of its
    moment (the web's page that says what was logged shows them): none for a conversation
    that does not reach out, or is gone."""
    with ctx.db.reading() as session:
        found = session.get(Interaction, interaction_id)
        if found is None or not reaches_out(found.kind, found.direction):
            return []
        ids = [p.person_id for p in found.participants]
        people = session.scalars(select(Person).where(Person.id.in_(ids)).order_by(Person.id))
        return second_contact_of(session, people.all(), found.occurred_at)
