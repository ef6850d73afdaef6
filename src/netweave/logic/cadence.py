"""Keep-in-touch cadence: next due = last interaction + interval; any interaction resets it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping


def cadence_days(
    circle: str | None,
    override: int | None,
    circles: Mapping[str, int | None],
    tag: int | None = None,
) -> int | None:
    """The interval in days for a person: their own, else a tag's, else their circle's."""
    if override is not None:
        return override
    if tag is not None:
        return tag
    if circle is None:
        return None
    return circles.get(circle)


def next_due(
    last_contact: dt.date | None, known_since: dt.date, cadence: int | None
) -> dt.date | None:
    """When the next check-in is due: the last contact (or first acquaintance) plus the cadence."""
    if cadence is None:
        return None
    anchor = last_contact if last_contact is not None else known_since
    return anchor + dt.timedelta(days=cadence)
