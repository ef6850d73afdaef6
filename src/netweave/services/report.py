"""``report``: the user's own job-search figures, from their leads and outreach log."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from netweave.logic import funnel
from netweave.services.context import Context
from netweave.services.lead_people import LeadPeople, lead_people
from netweave.services.relationships import OUTREACH_ASKS, first_replies
from netweave.store.models import (
    Exchange,
    Interaction,
    InteractionParticipant,
    Lead,
    LeadStageChange,
    Organization,
)


def job_report(ctx: Context) -> dict[str, Any]:
    """Funnel by source, the referred leads, the accepted offers, share of hidden leads,
    reply rates by responder class, time per stage."""
    today = ctx.clock.today()
    with ctx.db.reading() as session:
        people = lead_people(session, list(session.scalars(select(Lead.id))))
        leads = _leads(session, people)
        accepted = _accepted(session, people)
        outreach = _outreach(session)
    return {
        "as_of": today.isoformat(),
        "leads": len(leads),
        "funnel": funnel.funnel(leads),
        "referred": funnel.referred(leads),
        "accepted": accepted,
        "hidden": funnel.hidden(leads),
        "replies": funnel.replies(outreach, today),
        "stage_times": funnel.stage_times(leads, today),
    }


def _leads(session: Session, people: dict[int, LeadPeople]) -> list[funnel.LeadFacts]:
    history: dict[int, list[tuple[str, Any]]] = defaultdict(list)
    for lead_id, stage, on in session.execute(
        select(
            LeadStageChange.lead_id, LeadStageChange.to_stage, LeadStageChange.changed_on
        ).order_by(LeadStageChange.lead_id, LeadStageChange.changed_on, LeadStageChange.id)
    ):
        history[lead_id].append((stage, on))
    return [
        funnel.LeadFacts(
            source,
            bool(hidden),
            stage,
            tuple(history[lead_id]),
            referred=people[lead_id].state_of() is not None,
        )
        for lead_id, source, hidden, stage in session.execute(
            select(Lead.id, Lead.source, Lead.hidden, Lead.stage).order_by(Lead.id)
        )
    ]


def _accepted(session: Session, people: dict[int, LeadPeople]) -> list[dict[str, Any]]:
    """The leads accepted: which, how each first arrived, whether it was referred and by
    whom (its referrers, and anyone linked it a referral came from), and on which day."""
    out: list[dict[str, Any]] = []
    seen: set[int] = set()
    for lead_id, title, org, source, on in session.execute(
        select(Lead.id, Lead.role, Organization.name, Lead.source, LeadStageChange.changed_on)
        .join(Organization, Organization.id == Lead.organization_id)
        .join(LeadStageChange, LeadStageChange.lead_id == Lead.id)
        .where(Lead.stage == "accepted", LeadStageChange.to_stage == "accepted")
        .order_by(LeadStageChange.changed_on.desc(), Lead.id)
    ):
        if lead_id in seen:  # accepted before, reopened, accepted again: the latest day
            continue
        seen.add(lead_id)
        facts = people[lead_id]
        by = [p.name for p in facts.people if p.role == "referrer" or p.person_id in facts.given]
        out.append(
            {
                "id": lead_id,
                "role": title,
                "org": org,
                "source": source,
                "referred": facts.state_of() is not None,
                "referrers": list(dict.fromkeys(by)),
                "on": on.isoformat(),
            }
        )
    return out


def _outreach(session: Session) -> dict[int, list[tuple[Any, Any]]]:
    """Per person: (sent, first later reply) for each outbound ask for advice or information."""
    asked: dict[int, list[Any]] = defaultdict(list)
    for pid, when, iid in session.execute(
        select(Exchange.person_id, Interaction.occurred_at, Interaction.id)
        .join(Interaction, Interaction.id == Exchange.interaction_id)
        .where(
            Exchange.direction == "asked",
            Exchange.kind.in_(OUTREACH_ASKS),
            Interaction.direction == "out",
        )
        .order_by(Interaction.occurred_at, Interaction.id)
    ):
        asked[pid].append((when, iid))
    replies: dict[int, list[Any]] = defaultdict(list)
    people = sorted(asked)
    for start in range(0, len(people), 500):
        for pid, when, iid in session.execute(
            select(InteractionParticipant.person_id, Interaction.occurred_at, Interaction.id)
            .join(Interaction, Interaction.id == InteractionParticipant.interaction_id)
            .where(
                InteractionParticipant.person_id.in_(people[start : start + 500]),
                Interaction.direction.in_(("in", "both")),
                Interaction.kind != "note",
            )
            .order_by(Interaction.occurred_at, Interaction.id)
        ):
            replies[pid].append((when, iid))
    return {pid: first_replies(sent, replies[pid]) for pid, sent in asked.items()}
