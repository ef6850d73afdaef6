"""A conversation that makes the second contact of a 3B7 routine, said when it is logged.

3B7 asks for a second person at an employer when the first has not answered in three
business days; a conversation with someone else there after the outreach (even the same
day) makes that step, and the agenda then has nothing to suggest. Saying so when it is
logged tells the user why no "reach out to a second person" step comes: ``log`` says it,
and so does the web's page that says what was logged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from netweave.clock import day_of
from netweave.logic.employer import is_employer
from netweave.logic.followup import FOLLOW_UP_AFTER, business_days_between
from netweave.services.context import Context
from netweave.services.relationships import OUTREACH_ASKS, waiting_on
from netweave.store.models import Exchange, Interaction, Organization, Person, Position

#: An outreach is in its routine for at most 10 business days: older asks need no look.
_LOOKBACK_DAYS = 21


def second_contact_of(session: Session, people: Sequence[Person], when: dt.datetime) -> list[str]:
    """One line for each unanswered outreach to someone else at these people's employers
    that a conversation with them at ``when`` makes the second contact of (sent at most
    ``FOLLOW_UP_AFTER`` business days before, by the rule the agenda follows: the first
    contact's first current employer)."""
    ids = [p.id for p in people]
    at = _employers(session, ids)
    if not at:
        return []
    today = day_of(when)
    asked = session.scalars(
        select(Exchange.person_id)
        .join(Interaction, Interaction.id == Exchange.interaction_id)
        .join(Position, Position.person_id == Exchange.person_id)
        .where(
            Exchange.direction == "asked",
            Exchange.kind.in_(OUTREACH_ASKS),
            Exchange.occurred_on >= today - dt.timedelta(days=_LOOKBACK_DAYS),
            Interaction.direction == "out",
            Interaction.occurred_at <= when,
            Position.current.is_(True),
            Position.organization_id.in_(at),
            Exchange.person_id.not_in(ids),
        )
        .distinct()
    ).all()
    lines = []
    for first in sorted(asked):
        jobs = _employers(session, [first])
        org = next(iter(jobs), None)
        waiting = waiting_on(session, first, when)
        if org is None or org not in at or waiting is None:
            continue
        if business_days_between(waiting.sent, today) >= FOLLOW_UP_AFTER:
            continue  # past the second contact's days: only the follow-up was left
        found = session.get(Person, first)
        name = found.display_name if found else "them"
        who = next(p.display_name for p in people if org in _employers(session, [p.id]))
        lines.append(
            f"{who} is at {jobs[org]}, where your outreach to {name} of {waiting.sent} has no "
            "reply yet: this conversation counts as its second contact, so the agenda will not "
            f"ask you to reach out to a second person there; if {name} does not answer, follow "
            f"up on {waiting.follow_up_due}."
        )
    return lines


def second_contact_said(ctx: Context, interaction_id: int) -> list[str]:
    """The lines :func:`second_contact_of` gave when this conversation was logged, as of its
    moment (the web's page that says what was logged shows them): none for a conversation
    that does not reach out, or is gone."""
    from netweave.services.interactions import reaches_out  # which logs through here

    with ctx.db.reading() as session:
        found = session.get(Interaction, interaction_id)
        if found is None or not reaches_out(found.kind, found.direction):
            return []
        ids = [p.person_id for p in found.participants]
        people = session.scalars(select(Person).where(Person.id.in_(ids)).order_by(Person.id))
        return second_contact_of(session, people.all(), found.occurred_at)


def _employers(session: Session, person_ids: Sequence[int]) -> dict[int, str]:
    """The current employers of these people (organization id: name), the first position
    first: a status such as "Self-employed" is none."""
    rows = session.execute(
        select(Position.organization_id, Organization.name)
        .join(Organization, Organization.id == Position.organization_id)
        .where(Position.person_id.in_(person_ids), Position.current.is_(True))
        .order_by(Position.id)
    )
    return {org: name for org, name in rows if is_employer(name)}
