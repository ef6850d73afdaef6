"""The shape of one agenda entry."""

from __future__ import annotations

import datetime as dt
from typing import Any

Item = dict[str, Any]


def item(
    kind: str,
    person: str | None,
    reason: str,
    due: dt.date | None,
    priority: float,
    *,
    person_id: int | None = None,
    task_id: int | None = None,
    lead_id: int | None = None,
) -> Item:
    """One agenda entry (the ``today --json`` item shape, plus ids for one-click actions)."""
    return {
        "kind": kind,
        "person": person,
        "person_id": person_id,
        "task_id": task_id,
        "lead_id": lead_id,
        "reason": reason,
        "due": due.isoformat() if due else None,
        "priority": round(float(priority), 1),  # one type in JSON: 80.0, 42.4
    }
