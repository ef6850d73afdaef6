"""The agenda's campaign greetings: the first open items of the seasonal campaigns running."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, func, select

from netweave.services.agenda_item import Item, item
from netweave.store.models import Campaign, CampaignItem, Person

if TYPE_CHECKING:
    from netweave.store.engine import Reader

#: Each person's first open campaign item (the earliest made), the first :limit people.
_FIRST_OPEN_ITEMS = (
    select(func.min(CampaignItem.id).label("id"))
    .where(
        CampaignItem.done_at.is_(None),
        CampaignItem.campaign_id.in_(bindparam("running", expanding=True)),
    )
    .group_by(CampaignItem.person_id)
    .order_by(func.min(CampaignItem.id))
    .limit(bindparam("limit"))
    .subquery()
)
#: The people with an open item in the campaigns running.
_OPEN_CAMPAIGN_PEOPLE = (
    select(CampaignItem.person_id)
    .where(
        CampaignItem.done_at.is_(None),
        CampaignItem.campaign_id.in_(bindparam("running", expanding=True)),
    )
    .distinct()
)
_OPEN_CAMPAIGN_ITEMS = (
    select(Campaign.name, Person.id, Person.display_name, CampaignItem.prompt)
    .join_from(_FIRST_OPEN_ITEMS, CampaignItem, CampaignItem.id == _FIRST_OPEN_ITEMS.c.id)
    .join(Campaign, Campaign.id == CampaignItem.campaign_id)
    .join(Person, Person.id == CampaignItem.person_id)
    .order_by(CampaignItem.id)
)


def campaign_items(
    session: Reader, today: dt.date, limit: int = 5, hidden: Collection[int] = frozenset()
) -> tuple[list[Item], int, dict[str, Any] | None]:
    """Open items of the seasonal check-in campaigns running today, each with its prompt as
    of today (the last conversation may be newer than the campaign); those ``hidden`` make
    way for the next ones. With them, how many more people have a greeting open and not
    snoozed (counted only when the first ``limit`` are all taken), and the campaign they
    belong to when only one runs (``{id, name}``, else ``None``)."""
    from netweave.services.campaigns import build_prompts, running_campaigns

    running = running_campaigns(session, today)
    if not running:
        return [], 0, None
    # one greeting a person (their earliest item's), and those hidden make way
    fetched = session.execute(
        _OPEN_CAMPAIGN_ITEMS, {"limit": limit + len(hidden), "running": running}
    ).all()
    rows = [row for row in fetched if row[1] not in hidden][:limit]
    more = 0
    if len(fetched) == limit + len(hidden):  # perhaps more: count the people left
        waiting = set(session.scalars(_OPEN_CAMPAIGN_PEOPLE, {"running": running}))
        more = len(waiting - set(hidden)) - len(rows)
    fresh = build_prompts(session, [pid for _, pid, _, _ in rows]) if rows else {}
    out = []
    for campaign, pid, name, prompt in rows:
        reason = f"{campaign}: {fresh.get(pid) or prompt or 'send a greeting'}"
        out.append(item("campaign", name, reason, today, 50, person_id=pid))
    only = {"id": running[0], "name": rows[0][0]} if len(running) == 1 and rows else None
    return out, more, only
