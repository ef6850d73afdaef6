"""The tasks a conversation carries out by itself (a follow-up, a check-in, a thank-you…),
marked done when the user reaches out to the person, and how each is worded then."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from netweave.clock import day_of
from netweave.store.models import Person, Task

#: Tasks that a conversation the user starts (or has both ways) carries out by itself: the
#: follow-up, the check-in, the thank-you and the congratulations are all said in it; and
#: the update after an informational conversation, once it is due (``DUE_FIRST``).
FOLLOWED_BY_CONTACT = ("follow_up", "check_in", "thank_you", "congratulate", "update")
#: Tasks only a contact on or after their due day carries out: the update on what the user
#: did with someone's advice is no note of thanks sent the day after.
DUE_FIRST = ("update",)
#: A contact carries out a task due at most this many days after it (not one planned for
#: next month, such as the update after an informational conversation).
ANSWERS_AHEAD_DAYS = 7


def reaches_out(kind: str, direction: str) -> bool:
    """Whether a contact carries out a follow-up: one the user starts or has both ways,
    not a note."""
    return kind != "note" and direction in ("out", "both")


def close_follow_ups(
    session: Session,
    person_ids: Sequence[int],
    on: dt.date,
    when: dt.datetime,
    *,
    but_event: int | None = None,
) -> list[str]:
    """Mark done the open tasks of these people that a contact ``on`` a day carries out
    (``FOLLOWED_BY_CONTACT``): planned on or before its day (a follow-up is planned from
    the day of meeting, ``FOLLOW_UP_DAYS`` before it is due), and due within
    ``ANSWERS_AHEAD_DAYS`` of it: a thank-you sent tomorrow does not carry out the update
    planned for next month. ``but_event``: a meeting at that event, which leaves its own
    follow-up open. Returns them as ``task_said`` words them."""
    from netweave.services.events import FOLLOW_UP_DAYS

    tasks = session.scalars(
        select(Task).where(
            Task.person_id.in_(person_ids),
            Task.kind.in_(FOLLOWED_BY_CONTACT),
            Task.done_at.is_(None),
            *([] if but_event is None else [Task.event_id.is_distinct_from(but_event)]),
        )
    ).all()
    done = []
    for task in tasks:
        planned = (
            task.due - dt.timedelta(days=FOLLOW_UP_DAYS)
            if task.event_id is not None
            else day_of(task.created_at)
        )
        ahead = 0 if task.kind in DUE_FIRST else ANSWERS_AHEAD_DAYS
        if planned <= on and task.due <= on + dt.timedelta(days=ahead):
            task.done_at = when
            done.append(task_said(session, task))
    return done


def task_said(session: Session, task: Task) -> str:
    """A task's title, naming its person when the title does not, by their name or first
    name ("Follow up after SysConf: … — Hugo Ross"; "Thank Hugo" as it is): a conversation
    with several people closes several alike."""
    who = session.get(Person, task.person_id) if task.person_id else None
    named = (n for n in (who.display_name, who.given_name) if n) if who is not None else ()
    if who is None or any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", task.title) for n in named):
        return task.title
    return f"{task.title} — {who.display_name}"
