"""The people of leads: who is linked to which lead, and what each referral came to.

Read by the agenda (whom a lead's step is about, and how its referrer is named), the
report (which leads were referred) and a person's page (the open leads they are on).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, select

from netweave.logic.funnel import CLOSED
from netweave.logic.lead_steps import Linked, referral_state
from netweave.store.models import (
    Exchange,
    Lead,
    LeadPerson,
    LeadStageChange,
    Organization,
    Person,
    Position,
)

if TYPE_CHECKING:
    from netweave.store.engine import Reader

#: Leads read at once (a bound on the ``IN`` lists).
CHUNK = 500


@dataclass
class LeadPeople:
    """One lead's source, stages (in order), the day it opened, the people linked to it
    (not the user, in the order linked) and those of them a referral was asked of or
    given by, on or after that day."""

    source: str = "other"
    stages: list[str] = field(default_factory=list)
    opened: dt.date | None = None
    people: list[Linked] = field(default_factory=list)
    asked: set[int] = field(default_factory=set)
    given: set[int] = field(default_factory=set)

    def state_of(self, person_id: int | None = None) -> str | None:
        """How far the referral has come: of one person (asked of or given by them), or
        of the lead (of anyone linked to it). A lead that came as a referral (its source)
        was referred, by its referrers."""
        came = self.source == "referral"
        if person_id is None:
            given = bool(self.given) or came
            return referral_state(self.stages, asked=bool(self.asked), given=given)
        referrer = any(p.person_id == person_id and p.role == "referrer" for p in self.people)
        given = person_id in self.given or (came and referrer)
        return referral_state(self.stages, asked=person_id in self.asked, given=given)


#: The source of each of :ids with its stages, in order (a row without a stage for a lead
#: that has none).
_STAGES = (
    select(Lead.id, Lead.source, LeadStageChange.to_stage, LeadStageChange.changed_on)
    .outerjoin(LeadStageChange, LeadStageChange.lead_id == Lead.id)
    .where(Lead.id.in_(bindparam("ids", expanding=True)))
    .order_by(Lead.id, LeadStageChange.changed_on, LeadStageChange.id)
)
#: The people linked to each of :ids (not the user), in the order linked.
_LINKED = (
    select(LeadPerson.lead_id, Person.id, Person.display_name, LeadPerson.role)
    .join(Person, Person.id == LeadPerson.person_id)
    .where(LeadPerson.lead_id.in_(bindparam("ids", expanding=True)), Person.is_me.is_(False))
    .order_by(LeadPerson.lead_id, LeadPerson.id)
)
#: The referrals asked of or received from each of :ids.
_REFERRALS = select(Exchange.person_id, Exchange.direction, Exchange.occurred_on).where(
    Exchange.person_id.in_(bindparam("ids", expanding=True)),
    Exchange.kind == "referral",
    Exchange.direction.in_(("asked", "received")),
)


#: The employers each of :ids works at now (their current positions).
_WORKS_AT = (
    select(Position.person_id, Position.organization_id, Organization.name)
    .join(Organization, Organization.id == Position.organization_id)
    .where(Position.person_id.in_(bindparam("ids", expanding=True)), Position.current.is_(True))
    .order_by(Position.person_id, Position.id)
)


def moved_away(session: Reader, pairs: Collection[tuple[int, int | None]]) -> dict[int, str]:
    """Of ``(person, lead's organization)`` pairs, those who work elsewhere now and no longer
    there (a current position known, none at it): ``{person: where they are now}``. Their
    part in the lead (hiring manager, recruiter) may need another person."""
    ids = sorted({pid for pid, _ in pairs})
    works: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for start in range(0, len(ids), CHUNK):
        for pid, org_id, name in session.execute(_WORKS_AT, {"ids": ids[start : start + CHUNK]}):
            works[pid].append((org_id, name))
    return {
        pid: works[pid][0][1]
        for pid, org_id in pairs
        if works[pid] and org_id is not None and all(org_id != o for o, _ in works[pid])
    }


def lead_people(session: Reader, lead_ids: Collection[int]) -> dict[int, LeadPeople]:
    """For each lead: its stages, people and referral asks and receipts (see ``LeadPeople``)."""
    out: dict[int, LeadPeople] = {lead_id: LeadPeople() for lead_id in lead_ids}
    ids = sorted(out)
    for start in range(0, len(ids), CHUNK):
        chunk = {"ids": ids[start : start + CHUNK]}
        for lead_id, source, stage, on in session.execute(_STAGES, chunk):
            facts = out[lead_id]
            facts.source = source
            if stage is not None:
                facts.stages.append(stage)
                facts.opened = facts.opened or on
        for lead_id, pid, name, role in session.execute(_LINKED, chunk):
            out[lead_id].people.append(Linked(pid, name, role))
    _referrals(session, out)
    return out


def _referrals(session: Reader, leads: dict[int, LeadPeople]) -> None:
    """Fill in whom a referral was asked of or received from, since each lead opened."""
    by_person: dict[int, list[LeadPeople]] = defaultdict(list)
    for facts in leads.values():
        for person in facts.people:
            by_person[person.person_id].append(facts)
    pids = sorted(by_person)
    for start in range(0, len(pids), CHUNK):
        chunk = {"ids": pids[start : start + CHUNK]}
        for pid, direction, on in session.execute(_REFERRALS, chunk):
            for facts in by_person[pid]:
                if facts.opened is None or on >= facts.opened:
                    (facts.asked if direction == "asked" else facts.given).add(pid)


def person_leads(session: Reader, person_id: int) -> list[dict[str, Any]]:
    """The open leads a person is linked to, one row per role they have on one (``role``):
    the lead (``lead_id``, ``title``, ``org``), its stage and next step, nearest due first."""
    rows = session.execute(
        select(
            Lead.id,
            Lead.role,
            Organization.name,
            Lead.stage,
            Lead.next_step,
            Lead.next_due,
            LeadPerson.role,
        )
        .join(LeadPerson, LeadPerson.lead_id == Lead.id)
        .join(Organization, Organization.id == Lead.organization_id)
        .where(LeadPerson.person_id == person_id, Lead.stage.not_in(sorted(CLOSED)))
        .order_by(Lead.id, LeadPerson.id)
    )
    out = [
        {
            "lead_id": lead_id,
            "title": title,
            "org": org,
            "stage": stage,
            "next_step": step,
            "next_due": due.isoformat() if due else None,
            "role": link,
        }
        for lead_id, title, org, stage, step, due, link in rows
    ]
    out.sort(key=lambda r: (r["next_due"] is None, r["next_due"] or "", r["lead_id"]))
    return out
