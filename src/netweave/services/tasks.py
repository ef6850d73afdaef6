"""Tasks: follow-ups, thank-yous and anything else with a due date; done and snooze."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from netweave.clock import day_of
from netweave.errors import Conflict, InvalidInput, NotFound
from netweave.logic.normalize import clean
from netweave.logic.parse import after_today
from netweave.logic.vocab import TASK_KINDS, choose, typed_kind
from netweave.services import field_lengths as column
from netweave.services.context import Context
from netweave.services.resolve import resolve_person
from netweave.store.models import Person, Task


def plan_congratulation(
    session: Session, person: Person, title: str, due: dt.date, now: dt.datetime
) -> tuple[Task, dict[str, Any] | None]:
    """Plan one "congratulate them" for a job change: an open one is brought up to date, not
    doubled. Returns the task and, for one brought up to date, its title and due day before."""
    task = session.scalars(
        select(Task).where(
            Task.person_id == person.id, Task.kind == "congratulate", Task.done_at.is_(None)
        )
    ).first()
    if task is not None:
        before = {"title": task.title, "due": task.due.isoformat() if task.due else None}
        task.title, task.due = title, due
        return task, before
    task = Task(due=due, kind="congratulate", person_id=person.id, title=title,
                created_at=now, updated_at=now)  # fmt: skip
    session.add(task)
    session.flush()
    return task, None


def withdraw_congratulation(session: Session, person: Person) -> dict[str, Any] | None:
    """Take back the open "congratulate them" of someone whose new role has ended with no
    new employer to follow (a status such as "Retired", or no current job): there is no
    new role left to congratulate them on. Returns the task's row as it was, or ``None``."""
    task = session.scalars(
        select(Task).where(
            Task.person_id == person.id, Task.kind == "congratulate", Task.done_at.is_(None)
        )
    ).first()
    if task is None:
        return None
    table = Task.__table__
    row = dict(session.execute(select(table).where(table.c.id == task.id)).mappings().one())
    session.delete(task)
    session.flush()
    return row


def congratulation(person: Person, organization: str, title: str | None = None) -> str:
    """The title of the task planned when someone is seen in a new role."""
    role = f"as {title} " if title else ""
    return f"Congratulate {person.display_name} on the new role {role}at {organization}"


def add_task(
    ctx: Context,
    title: str,
    *,
    due: dt.date | None = None,
    person: str | None = None,
    kind: str = "custom",
) -> dict[str, Any]:
    """Create a task (due today unless said otherwise), optionally about a person."""
    text = clean(title)
    if not text:
        raise InvalidInput("a task needs a title")
    column.within(text, column.TASK_TITLE, "title")
    with ctx.db.transaction() as session:
        who = resolve_person(session, person) if person else None
        if who is not None and who.is_me:  # as log, leads and snooze refuse the user
            raise InvalidInput(
                f"{who.display_name} is you: leave --person out for a task of your own",
                web=f"{who.display_name} is you: a task of your own names no one",
            )
        task = Task(
            due=due or ctx.clock.today(),
            kind=choose(typed_kind(kind), TASK_KINDS, "task kind"),
            title=text,
            person_id=who.id if who else None,
            created_at=ctx.clock.now(),  # "today" as the user set it: it dates the plan
        )
        session.add(task)
        session.flush()
        return _view(task, who.display_name if who else None)


def list_tasks(
    ctx: Context, *, include_done: bool = False, about: int | None = None
) -> list[dict[str, Any]]:
    """Open tasks by due date (and done ones with ``include_done``); only those about the
    person whose id is ``about``, when given."""
    with ctx.db.reading() as session:
        query = select(Task, Person.display_name).outerjoin(Person, Person.id == Task.person_id)
        if not include_done:
            query = query.where(Task.done_at.is_(None))
        if about is not None:
            query = query.where(Task.person_id == about)
        rows = session.execute(query.order_by(Task.due, Task.id)).all()
        return [_view(task, name) for task, name in rows]


def complete(ctx: Context, task_id: int) -> dict[str, Any]:
    """Mark a task done; one already done keeps the day it was done on.

    The view says ``already_done`` then, so that a second ``done`` can say when it was.
    """
    with ctx.db.transaction() as session:
        task = _get(session, task_id)
        already = task.done_at is not None
        if not already:
            task.done_at = ctx.clock.now()
        return _view(task, _name(session, task)) | {"already_done": already}


def snooze(ctx: Context, task_id: int, until: dt.date) -> dict[str, Any]:
    """Hide a task from the agenda until a later day."""
    after_today(until, ctx.clock.today())
    with ctx.db.transaction() as session:
        task = _get(session, task_id)
        if task.done_at is not None:  # a done task is on no list: there is nothing to hide
            done_on = day_of(task.done_at).isoformat()
            raise Conflict(f"task #{task.id} is done already (on {done_on}): nothing to snooze")
        task.snoozed_until = until
        return _view(task, _name(session, task))


def _get(session: Any, task_id: int) -> Task:
    task = session.get(Task, task_id)
    if task is None:
        raise NotFound(f"no task with id {task_id}")
    assert isinstance(task, Task)
    return task


def _name(session: Session, task: Task) -> str | None:
    """The name of the person the task is about, if any."""
    if task.person_id is None:
        return None
    return session.scalar(select(Person.display_name).where(Person.id == task.person_id))


def _view(task: Task, person: str | None) -> dict[str, Any]:
    return {
        "id": task.id,
        "due": task.due.isoformat(),
        "kind": task.kind,
        "title": task.title,
        "person": person,
        "person_id": task.person_id,
        "lead_id": task.lead_id,
        "done": task.done_at is not None,
        "done_on": day_of(task.done_at).isoformat() if task.done_at else None,
        "snoozed_until": task.snoozed_until.isoformat() if task.snoozed_until else None,
    }
