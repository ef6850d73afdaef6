"""Which lead a command means: ``#id``/id, or its employer's name."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from netweave.errors import Ambiguous, NotFound
from netweave.logic.names import match_names
from netweave.logic.parse import row_id
from netweave.services.resolve import (
    ambiguous_organization,
    find_organization,
    resolve_organization,
)
from netweave.store.models import Lead, Organization

CLOSED_STAGES = ("accepted", "rejected", "withdrawn")


def resolve_lead(session: Session, ref: str) -> Lead:
    """A lead by ``#id``/id, or by its employer: the one open lead there, else, with none
    open, the one lead there (closed: an acceptance taken back names it so). Several are
    listed with their numbers, roles and stages."""
    text = ref.strip().removeprefix("#")
    if (number := row_id(text)) is not None:
        lead = session.get(Lead, number)
        if lead is None:
            raise NotFound(f"no lead with id {text}")
        return lead
    org = find_organization(session, ref) or _lead_employer(session, ref)
    leads = list(
        session.scalars(select(Lead).where(Lead.organization_id == org.id).order_by(Lead.id))
    )
    if not leads:
        raise NotFound(f"no lead at {org.name} (see `netweave leads list`)")
    open_ = [lead for lead in leads if lead.stage not in CLOSED_STAGES]
    chosen = open_ or leads
    if len(chosen) > 1:
        raise Ambiguous("lead", ref, [f"#{x.id} {x.role} ({x.stage})" for x in chosen])
    return chosen[0]


def _lead_employer(session: Session, ref: str) -> Organization:
    """The employer ``ref`` names as organizations are named everywhere (the start of a
    word, a close spelling), looked for first among those with an open lead ("gridline"
    is Gridline Analytics), then among those with any lead. Several employers that match
    are listed; an organization with no lead is never a candidate."""
    for closed_too in (False, True):
        leads = select(Lead.organization_id)
        if not closed_too:
            leads = leads.where(Lead.stage.not_in(CLOSED_STAGES))
        rows = session.execute(
            select(Organization.id, Organization.name)
            .where(Organization.id.in_(leads))
            .order_by(Organization.id)
        ).all()
        hits = match_names(ref, [r.name for r in rows])
        if len(hits) > 1:
            raise ambiguous_organization(ref, [(rows[i].id, rows[i].name) for i in hits])
        if hits:
            found = session.get(Organization, rows[hits[0]].id)
            assert found is not None
            return found
    try:
        return resolve_organization(session, ref)
    except (NotFound, Ambiguous):
        raise NotFound(
            f"no lead {ref!r}: no employer of a lead is named so (see `netweave leads list`)"
        ) from None
