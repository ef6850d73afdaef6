"""The Tasks page: every open task by the day it comes up (overdue, today, upcoming), with
Done and Snooze as on Today, and the form that adds one; the small form that adds a task
about a person on their page. The services are those of ``netweave tasks add`` and
``tasks list``; a form refused comes back on its page as it was sent (422), the message at
the field it concerns."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from netweave.errors import NetweaveError
from netweave.services.tasks import add_task, list_tasks
from netweave.web.deps import ctx_of, render, said_at, wants_json
from netweave.web.form_checks import at, refused_at, typed_in
from netweave.web.forms import PathId, TaskIn, optional, parse_day
from netweave.web.person_page import render_person
from netweave.web.refusal import REFUSED, FieldRefused, Fields, Refusal

router = APIRouter(include_in_schema=False)

#: The fields of the form that adds a task, and how their refusals start.
TASK_FIELDS: Fields = {
    "title": ("Task", "a task needs a title"),
    "due": ("Due",),
    "person": ("About",),
}
#: A field of the form as typed (checked in the route: a refusal is said at the field).
Text = Annotated[str, Form()]


@router.get("/tasks")
def tasks_page(request: Request) -> Response:
    """Every open task: overdue, due today and upcoming, each with its Done and Snooze."""
    return render_tasks(request)


def render_tasks(request: Request, refused: Refusal | None = None, **extra: Any) -> Response:
    """The Tasks page; with a form of it refused (its add form, a snooze), as it was sent
    (422)."""
    ctx = ctx_of(request)
    today = ctx.clock.today()
    return render(
        request,
        "tasks.html",
        status_code=REFUSED if refused else 200,
        groups=grouped(list_tasks(ctx), today),
        refused=refused,
        **extra,
    )


def grouped(tasks: list[dict[str, Any]], today: dt.date) -> dict[str, list[dict[str, Any]]]:
    """Open tasks by when they come up on Today: ``overdue``, ``today``, ``upcoming`` (a
    task snoozed past today comes up on the day its snooze ends); each in the order it
    comes up, then by id."""
    groups: dict[str, list[dict[str, Any]]] = {"overdue": [], "today": [], "upcoming": []}
    for task in tasks:
        due = dt.date.fromisoformat(task["due"])
        until = task["snoozed_until"]
        comes = max(due, dt.date.fromisoformat(until)) if until and until > str(today) else due
        when = "overdue" if comes < today else "today" if comes == today else "upcoming"
        groups[when].append(task | {"comes": comes.isoformat()})
    for rows in groups.values():
        rows.sort(key=lambda t: (t["comes"], t["id"]))
    return groups


@router.post("/tasks")
def add(request: Request, title: Text = "", due: Text = "", person: Text = "") -> Response:
    """Add a task (due today unless a day is given), about someone when named; refused,
    the page with the form as it was sent, the message at the field (422)."""
    typed = {"title": title, "due": due, "person": person}
    try:
        task = _added(request, typed, optional(typed_in(TaskIn, "person", "About", person)))
    except NetweaveError as exc:
        return render_tasks(request, refused_at(exc, "task", typed, TASK_FIELDS, "title"))
    if wants_json(request):
        return JSONResponse(task)
    return RedirectResponse(said_at(request, "/tasks", task_added(task, request)), 303)


@router.post("/people/{person_id}/tasks")
def add_about(request: Request, person_id: PathId, title: Text = "", due: Text = "") -> Response:
    """Add a task about this person, from their page; refused, their page with the form as
    it was sent, the message at the field (422)."""
    typed = {"title": title, "due": due}
    try:
        task = _added(request, typed, f"#{person_id}")
    except NetweaveError as exc:  # (the person of the page gone: the error page, 404)
        refused = refused_at(exc, "person-task", typed, TASK_FIELDS, "title")
        return render_person(request, person_id, REFUSED, task_refused=refused)
    if wants_json(request):
        return JSONResponse(task)
    page = said_at(request, f"/people/{person_id}", task_added(task, request), "tasks")
    return RedirectResponse(page, status_code=303)


def _added(request: Request, typed: dict[str, str], person: str | None) -> dict[str, Any]:
    """The task the form adds (``tasks add TITLE --due DATE --person NAME``)."""
    title = typed_in(TaskIn, "title", "Task", typed["title"])
    if not title.strip():
        raise FieldRefused("title", "Task: say what to do")
    with at("due", "Due"):
        day = parse_day(typed_in(TaskIn, "due", "Due", typed["due"]))
    if "person" not in typed:  # the person of the page (gone: the error page, 404)
        return add_task(ctx_of(request), title, due=day, person=person)
    with at("person", "About"):  # a name typed: no one, or several, of that name
        return add_task(ctx_of(request), title, due=day, person=person)


def task_added(task: dict[str, Any], request: Request) -> str:
    """A task added: what, when, and about whom."""
    from netweave.web.said import day_text

    when = day_text(task["due"], ctx_of(request).clock.today())
    who = f" (about {task['person']})" if task["person"] else ""
    return f"Added the task “{task['title']}”{who}, due {when}."
