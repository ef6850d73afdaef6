"""Introductions of a person about to be forgotten: which go with them, and who said yes
and waits to hear, so that forgetting one side does not leave the other side waiting."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from netweave.store.models import Introduction, Person, Task

#: Introductions past these steps need no word: they were made, or already told.
_SETTLED = ("introduced", "done")


def introductions_of(session: Session, person_id: int) -> list[dict[str, Any]]:
    """The introductions of a person, each ``{id, other, other_id, waits}``: ``waits`` when
    the other side said yes and has not heard how it ended (nor been introduced)."""
    out = []
    for intro in session.scalars(
        select(Introduction)
        .where(or_(Introduction.person_a_id == person_id, Introduction.person_b_id == person_id))
        .order_by(Introduction.id)
    ):
        other_id = intro.person_b_id if intro.person_a_id == person_id else intro.person_a_id
        other = session.get(Person, other_id)
        assert other is not None
        out.append(
            {
                "id": intro.id,
                "other": other.display_name,
                "other_id": other_id,
                "waits": _other_waits(intro, person_id),
            }
        )
    return out


def _other_waits(intro: Introduction, forgotten: int) -> bool:
    steps = intro.history.get("steps", [])
    states = {s["state"] for s in steps}
    if intro.state in _SETTLED or "a_told" in states:
        return False
    if forgotten == intro.person_b_id:  # A waits once A said yes
        return "a_agreed" in states and (intro.state != "declined" or steps[-1].get("by") != "a")
    return intro.state == "agreed"  # B said yes too


def said(found: list[dict[str, Any]]) -> str:
    """The introductions that go, in words, for a confirmation: "introduction #1 with Bo
    Chen, who said yes and waits to hear: a task will remind you to tell them"."""
    parts = []
    for i in found:
        waits = ", who said yes and waits to hear: a task will remind you to tell them"
        parts.append(f"introduction #{i['id']} with {i['other']}{waits if i['waits'] else ''}")
    return "; ".join(parts)


def leave_word(session: Session, person_id: int, today: dt.date) -> list[int]:
    """For each side who said yes to an introduction of the person being forgotten and
    waits to hear, a task to let them know it will not go ahead, without naming whom it
    was with (the person is forgotten). Returns the tasks' ids."""
    tasks = []
    for found in introductions_of(session, person_id):
        if not found["waits"]:
            continue
        task = Task(
            due=today,
            kind="custom",
            person_id=found["other_id"],
            title=(
                f"Let {found['other']} know the introduction you asked them about will not "
                "go ahead this time (without saying why)"
            ),
        )
        session.add(task)
        session.flush()
        tasks.append(task.id)
    return tasks
