"""A lead closed as rejected or withdrawn: the tasks planned for it come off the agenda.

A follow-up about a role that is gone ("Follow up with Mei Chen about the Staff Engineer
role") has nothing left to follow up, so it does not stay on Today growing late. An
accepted lead's own "Tell … you accepted" updates are not among them (they carry that
lead, not the one closed); those done stay done.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from netweave.store.models import Lead, Person, Task

#: The stages that end a lead without an offer accepted.
ENDED = ("rejected", "withdrawn")


def tasks_dropped(session: Session, lead: Lead) -> list[dict[str, Any]]:
    """Take off the open tasks that carry ``lead`` (``lead_id``): each one's title and the
    person it was about (``None`` for a task about no one), for the move to say."""
    rows = session.execute(
        select(Task, Person.id, Person.display_name)
        .outerjoin(Person, Person.id == Task.person_id)
        .where(Task.lead_id == lead.id, Task.done_at.is_(None))
        .order_by(Task.due, Task.id)
    ).all()
    dropped = []
    for task, pid, name in rows:
        dropped.append(
            {
                "id": task.id,
                "kind": task.kind,
                "title": task.title,
                "person": {"id": pid, "name": name} if pid is not None else None,
            }
        )
        session.delete(task)
    session.flush()
    return dropped
