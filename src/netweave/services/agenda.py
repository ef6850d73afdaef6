"""The daily agenda: due tasks, keep-in-touch check-ins and birthdays, each with its reason."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import or_, select

from netweave.logic.cadence import cadence_days, days_overdue, next_due
from netweave.logic.parse import birthday_month_day
from netweave.services.context import Context
from netweave.services.views import contact_dates
from netweave.store.models import Person, Task

Item = dict[str, Any]
BIRTHDAY_WINDOW_DAYS = 7


def agenda(ctx: Context, limit: int = 25) -> dict[str, Any]:
    """``today``: what to do now, most valuable first (``{as_of, items[]}``)."""
    today = ctx.clock.today()
    with ctx.db.reading() as session:
        tasks = session.execute(
            select(Task, Person.display_name)
            .outerjoin(Person, Person.id == Task.person_id)
            .where(
                Task.done_at.is_(None),
                Task.due <= today,
                or_(Task.snoozed_until.is_(None), Task.snoozed_until <= today),
            )
            .order_by(Task.due, Task.id)
        ).all()
        people = session.execute(
            select(
                Person.id,
                Person.display_name,
                Person.circle,
                Person.cadence_days,
                Person.met_on,
                Person.created_at,
                Person.birthday,
            ).where(Person.is_me.is_(False))
        ).all()
        dates = contact_dates(session, [p.id for p in people if p.circle or p.cadence_days])
    items = [_task_item(task, name, today) for task, name in tasks]
    items += _check_ins(ctx, people, dates, today)
    items += _birthdays(people, today)
    items.sort(key=lambda i: (-i["priority"], i["due"] or "", i["person"] or ""))
    return {"as_of": today.isoformat(), "items": items[:limit]}


def _task_item(task: Task, person: str | None, today: dt.date) -> Item:
    kind = task.kind if task.kind in ("follow_up", "thank_you", "3b7", "campaign") else "task"
    late = (today - task.due).days
    reason = task.title + (f" (due {late} days ago)" if late > 0 else "")
    return _item(kind, person, reason, task.due, 100 + min(late, 30), person_id=task.person_id)


def _check_ins(
    ctx: Context, people: Sequence[Any], dates: dict[int, tuple[dt.date, dt.date]], today: dt.date
) -> list[Item]:
    items = []
    for p in people:
        cadence = cadence_days(p.circle, p.cadence_days, ctx.settings.circles)
        if cadence is None:
            continue
        first, last = dates.get(p.id, (None, None))
        known = p.met_on or first or p.created_at.date()
        due = next_due(last, known, cadence)
        late = days_overdue(due, today)
        if due is None or due > today:
            continue
        since = (
            f"last contact {(today - last).days} days ago" if last else "no conversation logged yet"
        )
        rule = (
            f"your cadence for them is every {cadence} days"
            if p.cadence_days
            else f"the {p.circle} circle's cadence is every {cadence} days"
        )
        reason = f"check in: {since}; {rule}"
        items.append(
            _item(
                "check_in",
                p.display_name,
                reason,
                due,
                50 + min(late * 30 // cadence, 40),
                person_id=p.id,
            )
        )
    return items


def _birthdays(people: Sequence[Any], today: dt.date) -> list[Item]:
    items = []
    for p in people:
        md = birthday_month_day(p.birthday)
        if md is None:
            continue
        for year in (today.year, today.year + 1):
            try:
                day = dt.date(year, *md)
            except ValueError:  # 29 February in a common year
                day = dt.date(year, 3, 1)
            if 0 <= (day - today).days <= BIRTHDAY_WINDOW_DAYS:
                when = "today" if day == today else f"on {day:%A %d %B}"
                items.append(
                    _item("birthday", p.display_name, f"birthday {when}", day, 60, person_id=p.id)
                )
                break
    return items


def _item(
    kind: str,
    person: str | None,
    reason: str,
    due: dt.date | None,
    priority: int,
    *,
    person_id: int | None,
) -> Item:
    return {
        "kind": kind,
        "person": person,
        "person_id": person_id,
        "reason": reason,
        "due": due.isoformat() if due else None,
        "priority": priority,
    }
