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


def by_person(items: list[Item]) -> list[Item]:
    """The agenda as a short list reads it: one entry per person, the most valuable first,
    carrying the others about them (a give-back beside a birthday, an introduction's step
    beside a campaign greeting) under ``also``, in their order: one contact can do them
    all. Entries about no one stay as they are. The items are not changed (copies carry
    ``also``)."""
    shown: list[Item] = []
    first: dict[int, Item] = {}
    for entry in items:
        pid = entry["person_id"]
        if pid is None:
            shown.append(entry)
        elif pid in first:
            first[pid]["also"].append(entry)
        else:
            first[pid] = {**entry, "also": []}
            shown.append(first[pid])
    return shown
