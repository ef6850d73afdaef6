"""Tiny factories for test data, going through the services like a user would."""

from __future__ import annotations

import datetime as dt
from typing import Any

from netweave.services.context import Context
from netweave.services.interactions import LogRequest, log_interaction
from netweave.services.people import PersonChanges, add_person


def person(ctx: Context, name: str, **fields: Any) -> dict[str, Any]:
    """Add a person with the given ``PersonChanges`` fields."""
    return add_person(ctx, PersonChanges(name=name, **fields))


def talk(ctx: Context, *names: str, on: dt.date | None = None, **fields: Any) -> dict[str, Any]:
    """Log a conversation with these people."""
    return log_interaction(ctx, LogRequest(names=list(names), on=on, **fields))
