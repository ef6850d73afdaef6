"""An offer accepted: the people who helped hear the news, and the other leads are named.

Dalton's last step of the search: tell everyone who helped how it ended, and thank them
(an ``update`` task each, as after an informational conversation), so that the ties the
search was built on outlast it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from netweave.store.models import Lead, LeadPerson, Organization, Person, Task

if TYPE_CHECKING:
    from netweave.store.engine import Reader

#: Roles on another open lead whose holders helped the search, and hear how it ended.
HELPERS = ("referrer", "advocate")


def _news(session: Session, lead: Lead) -> str:
    """What the people who helped are told: "the Senior PM offer at Gridline Analytics"."""
    org = session.get(Organization, lead.organization_id)
    return f"the {lead.role} offer at {org.name}" if org else f"the {lead.role} offer"


def _title(name: str, news: str) -> str:
    return f"Tell {name} you accepted {news}, and thank them"


def acceptance_taken_back(session: Session, lead: Lead) -> list[dict[str, Any]]:
    """An accepted offer moved back to another stage (rescinded, renegotiated): the updates
    its acceptance planned and not yet done are taken off (nobody is to hear of an
    acceptance that no longer stands); the people they named. Those done stay done. They
    are the lead's own (``lead_id``); one planned before tasks carried their lead is known
    by its words, as the lead reads now."""
    suffix = f" you accepted {_news(session, lead)}, and thank them"
    worded = (
        Task.lead_id.is_(None)
        & Task.title.startswith("Tell ", autoescape=True)
        & Task.title.endswith(suffix, autoescape=True)
    )
    rows = session.execute(
        select(Task, Person.id, Person.display_name)
        .join(Person, Person.id == Task.person_id)
        .where(
            Task.kind == "update",
            Task.done_at.is_(None),
            (Task.lead_id == lead.id) | worded,
        )
        .order_by(Task.id)
    ).all()
    untold = []
    for task, pid, name in rows:
        session.delete(task)
        untold.append({"id": pid, "name": name})
    session.flush()
    return untold


def after_acceptance(
    session: Session, lead: Lead, today: dt.date, now: dt.datetime, *, closed: tuple[str, ...]
) -> dict[str, Any]:
    """Plan an update for each person linked to ``lead`` and each referrer or advocate of
    another open lead, once per person: ``thanks``, everyone on Today to hear the news (an
    open task of the same words, planned when the offer was accepted before, is named, not
    planned twice); ``told``, those whose update of this offer is done already (accepted
    again after it was taken back: they heard it). Name the leads still open (``closed``:
    the stages that are not), to withdraw."""
    where = _news(session, lead)
    others = select(Lead.id).where(Lead.id != lead.id, Lead.stage.not_in(closed))
    planned: list[dict[str, Any]] = []
    told: list[dict[str, Any]] = []
    for pid, name in _helpers(session, lead, others).items():
        title = _title(name, where)
        mine = (Task.person_id == pid) & (Task.kind == "update")
        task = session.scalars(
            select(Task).where(mine, Task.title == title, Task.done_at.is_(None))
        ).first()
        if task is None and session.scalar(
            select(Task.id).where(
                mine, (Task.lead_id == lead.id) | (Task.title == title), Task.done_at.is_not(None)
            )
        ):
            told.append({"id": pid, "name": name})  # heard it when the offer was first accepted
            continue
        if task is None:
            task = Task(due=today, kind="update", title=title, person_id=pid, lead_id=lead.id,
                        created_at=now, updated_at=now)  # fmt: skip
            session.add(task)
            session.flush()
        planned.append({"id": task.id, "person": {"id": pid, "name": name}, "title": task.title})
    return {"thanks": planned, "told": told, "still_open": _still_open(session, others)}


def _helpers(session: Session, lead: Lead, others: Select[tuple[int]]) -> dict[int, str]:
    """Everyone linked to the lead, then each referrer or advocate of the ``others``, once
    each (but the user), by id: their names."""
    rows = session.execute(
        select(Person.id, Person.display_name)
        .join(LeadPerson, LeadPerson.person_id == Person.id)
        .where(
            Person.is_me.is_(False),
            (LeadPerson.lead_id == lead.id)
            | (LeadPerson.lead_id.in_(others) & LeadPerson.role.in_(HELPERS)),
        )
        .order_by(LeadPerson.lead_id != lead.id, LeadPerson.id)
    )
    return dict(rows.tuples().all())


def _still_open(session: Session, others: Select[tuple[int]]) -> list[dict[str, Any]]:
    """The ``others`` leads (open still), to withdraw: each one's id, role and organization."""
    still = session.execute(
        select(Lead.id, Lead.role, Organization.name)
        .join(Organization, Organization.id == Lead.organization_id)
        .where(Lead.id.in_(others))
        .order_by(Lead.id)
    )
    return [{"id": i, "role": role, "org": name} for i, role, name in still]


def their_own_leads(
    session: Reader, updates: Sequence[tuple[int, int, int]], closed: Collection[str]
) -> dict[int, tuple[int, int, str]]:
    """Where an update about an accepted offer is told from, for someone who is not on the
    accepted lead but helps on another one still open (a referrer or an advocate there):
    that lead (the one to withdraw, and to tell them about), not the accepted one. By the
    task's id (``updates``: task id, person id, the accepted lead's id), each task's lead
    id, organization id and name; the others are left out."""
    people = {pid for _, pid, _ in updates}
    if not people:
        return {}
    rows = session.execute(
        select(LeadPerson.person_id, LeadPerson.lead_id, Lead.stage, Organization.id,
               Organization.name, LeadPerson.role)
        .join(Lead, Lead.id == LeadPerson.lead_id)
        .join(Organization, Organization.id == Lead.organization_id)
        .where(LeadPerson.person_id.in_(people))
        .order_by(LeadPerson.id)
    ).all()  # fmt: skip
    found: dict[int, tuple[int, int, str]] = {}
    for task_id, pid, accepted in updates:
        theirs = [r for r in rows if r[0] == pid]
        if any(r[1] == accepted for r in theirs):
            continue  # on the accepted lead: told from it
        helping = [r for r in theirs if r[2] not in closed and r[5] in HELPERS]
        if helping:
            found[task_id] = (helping[0][1], helping[0][3], helping[0][4])
    return found
