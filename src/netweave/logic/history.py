"""Tie strength over time: the log of one relationship replayed at past moments."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from netweave.clock import day_of, local_moment
from netweave.logic.strength import TieFacts, add_contact, factors


@dataclass(frozen=True)
class Contact:
    """One logged conversation as the strength model sees it."""

    when: dt.datetime
    weight: float
    two_way: bool


def sample_moments(start: dt.date, end: dt.date, count: int) -> list[dt.datetime]:
    """``count`` evenly spaced moments (the end of each day, where the user is) from
    ``start`` to ``end``."""
    count = max(count, 2)
    span = max((end - start).days, 1)
    days = sorted({round(span * i / (count - 1)) for i in range(count)})
    return [local_moment(start + dt.timedelta(days=d), dt.time(23, 59)) for d in days]


def strength_series(
    contacts: Sequence[Contact],
    gives: Sequence[dt.date],
    receipts: Sequence[dt.date],
    shared: int,
    moments: Sequence[dt.datetime],
    met_on: dt.date | None = None,
) -> list[dict[str, float]]:
    """The factor contributions at each moment, from what was logged up to it.

    ``contacts`` must be in time order. Shared interests and the day they met (``met_on``)
    are taken as they are now: the log does not say when an interest was added.
    """
    out = []
    for moment in moments:
        seen = [c for c in contacts if c.when <= moment]
        depth, depth_at = 0.0, None
        for contact in seen:
            depth, depth_at = add_contact(depth, depth_at, contact.weight, contact.when)
        facts = TieFacts(
            interactions=len(seen),
            two_way=sum(c.two_way for c in seen),
            depth_sum=depth,
            depth_at=depth_at,
            first_contact=day_of(seen[0].when) if seen else None,
            last_contact=day_of(seen[-1].when) if seen else None,
            gives=sum(d <= day_of(moment) for d in gives),
            receipts=sum(d <= day_of(moment) for d in receipts),
            shared=shared,
            met_on=met_on,
        )
        out.append(factors(facts, moment))
    return out
