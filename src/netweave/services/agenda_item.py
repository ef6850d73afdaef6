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
    org: tuple[int, str] | None = None,
    named: tuple[int, str] | None = None,
) -> Item:
    """One agenda entry (the ``today --json`` item shape, plus ids for one-click actions).
    ``org``: the organization it is at (id, name), for a task of a lead; ``named``: the
    person its words name when it is about no one (id, name), such as the contact who has
    not answered in a task to write to a second person there."""
    return {
        "kind": kind,
        "person": person,
        "person_id": person_id,
        "task_id": task_id,
        "lead_id": lead_id,
        "org_id": org[0] if org else None,
        "org": org[1] if org else None,
        "named_id": named[0] if named else None,
        "named": named[1] if named else None,
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


def to_do_said(items: list[Item]) -> str:
    """The heading of the day's list, counting what it shows: ``5 things to do``, and how
    many of them group under fewer people (``5 things to do for 4 people``; with entries
    about no one as well, ``6 things to do, 5 of them for 4 people``)."""
    things = f"{len(items)} thing{'s' if len(items) != 1 else ''} to do"
    shown = by_person(items)
    if len(shown) == len(items):
        return things  # one entry each: the count is the entries seen
    people = [entry for entry in shown if entry["person_id"] is not None]
    whom = f"{len(people)} {'person' if len(people) == 1 else 'people'}"
    if len(people) == len(shown):
        return f"{things} for {whom}"
    theirs = sum(1 + len(entry["also"]) for entry in people)
    return f"{things}, {theirs} of them for {whom}"
