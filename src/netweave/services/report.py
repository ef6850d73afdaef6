"""``report``: the user's own job-search figures, from their leads and outreach log."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from netweave.logic import funnel
from netweave.services.context import Context
from netweave.services.relationships import OUTREACH_ASKS, first_replies
from netweave.store.models import (
    Exchange,
    Interaction,
    InteractionParticipant,
    Lead,
    LeadStageChange,
)


def job_report(ctx: Context) -> dict[str, Any]:
    """Funnel by source, share of hidden leads, reply rates by responder class, time per stage."""
    today = ctx.clock.today()
    with ctx.db.reading() as session:
        leads = _leads(session)
        outreach = _outreach(session)
    return {
        "as_of": today.isoformat(),
        "leads": len(leads),
        "funnel": funnel.funnel(leads),
        "hidden": funnel.hidden(leads),
        "replies": funnel.replies(outreach, today),
        "stage_times": funnel.stage_times(leads, today),
    }


def _leads(session: Session) -> list[funnel.LeadFacts]:
    history: dict[int, list[tuple[str, Any]]] = defaultdict(list)
    for lead_id, stage, on in session.execute(
        select(
            LeadStageChange.lead_id, LeadStageChange.to_stage, LeadStageChange.changed_on
        ).order_by(LeadStageChange.lead_id, LeadStageChange.changed_on, LeadStageChange.id)
    ):
        history[lead_id].append((stage, on))
    return [
        funnel.LeadFacts(source, bool(hidden), stage, tuple(history[lead_id]))
        for lead_id, source, hidden, stage in session.execute(
            select(Lead.id, Lead.source, Lead.hidden, Lead.stage).order_by(Lead.id)
        )
    ]


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
