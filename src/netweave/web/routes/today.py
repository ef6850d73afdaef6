"""The Today page: the agenda, with one-click done, snooze and a check-in.

A snooze refused (a day that is not after today, or not a date) comes back on the page with
its form open as it was sent (422), the message at the field at fault.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from netweave.errors import NetweaveError, NotFound
from netweave.services import agenda, agenda_done, leads, tasks
from netweave.services.agenda_snooze import snooze_suggestion, wake_suggestion
from netweave.services.circles import put_in_circle, suggested_circle
from netweave.services.context import Context
from netweave.services.goals import weekly_goals
from netweave.web import said, said_forms
from netweave.web.deps import ctx_of, give_notice, render, said_at, take_notice, wants_json
from netweave.web.form_checks import text, whole
from netweave.web.forms import KINDS, PathId, snooze_day
from netweave.web.pages import remembered_page
from netweave.web.refusal import REFUSED, Fields, refusal_of

router = APIRouter(include_in_schema=False)


@router.get("/")
async def today_page(
    request: Request,
    logged: Annotated[str, Query(max_length=64)] = "",
    circled: Annotated[str, Query(max_length=64)] = "",
) -> Response:
    """Today's agenda, and this week's goals below it (kept rendered until anything
    changes); just after a conversation was logged from it, or the people with no circle
    were put in one, the page says so, once (``logged``, ``circled``: the keys of those
    notices)."""
    ctx = ctx_of(request)
    if logged or circled:
        return await run_in_threadpool(_said, request, logged, circled)
    return await remembered_page(request, "today", "today.html", lambda: _today(ctx))


def _today(ctx: Context) -> dict[str, Any]:
    return {
        "agenda": agenda.agenda(ctx),
        "kinds": KINDS,
        "goals": weekly_goals(ctx),
        "circles": list(ctx.settings.circles.items()),
        "sort_into": suggested_circle(ctx.settings.circles),
    }


def _said(request: Request, logged: str, circled: str) -> Response:
    """The Today page saying what was just done on it."""
    from netweave.web.routes.log import logged_today

    ctx = ctx_of(request)
    found = take_notice(request, logged, "logged:/")
    said: dict[str, Any] = logged_today(request, found)
    said["circled"] = take_notice(request, circled, "today")
    return render(request, "today.html", **_today(ctx), **said)


def _back(request: Request, done: str = "") -> Response:
    """The agenda after an item's button: in place (the page's script), or Today as a page;
    either way saying ``done``, what the button did, once."""
    if wants_json(request):
        ctx = ctx_of(request)
        circles = list(ctx.settings.circles.items())
        return render(request, "_agenda.html", agenda=agenda.agenda(ctx), kinds=KINDS,
                      circles=circles, done_said=done)  # fmt: skip
    return RedirectResponse(said_at(request, "/", done) if done else "/", status_code=303)


@router.post("/people/circle")
def circle_unsorted(request: Request, circle: Annotated[str, Form(max_length=32)] = "") -> Response:
    """Everyone with no circle and no cadence of their own put in one circle, at once; the
    page then says how many went in which circle, once (a one-time notice)."""
    result = put_in_circle(ctx_of(request), circle, unsorted=True)
    if wants_json(request):
        return _back(request)
    done = {"people": result["moved"], "circle": result["circle"], "cadence": result["cadence"]}
    said = urlencode({"circled": give_notice(request, "today", done)})
    return RedirectResponse(f"/?{said}", status_code=303)


#: Where a task's Done and Snooze come back to: Today, or the Tasks page (``tasks``).
Back = Annotated[str, Form(max_length=16)]


@router.post("/tasks/{task_id}/done")
def task_done(request: Request, task_id: PathId, back: Back = "") -> Response:
    """Mark a task done (a thank-you, a follow-up…: with the message it asked for logged)."""
    result = agenda_done.task_done(ctx_of(request), task_id)
    if back == "tasks":
        return RedirectResponse(said_at(request, "/tasks", said.task_done(result)), 303)
    return _back(request, said.task_done(result))


#: The fields of a snooze form, by the labels the form shows ("For" a length of days,
#: "Until" a day), and how their refusals start.
SNOOZE_FIELDS: Fields = {"days": ("For",), "until": ("Until", "snooze until")}
#: A snooze form's fields, as typed (checked by ``_snoozed``).
Days = Annotated[str, Form()]
Until = Annotated[str, Form()]


def _snoozed(
    request: Request,
    days: str,
    until: str,
    snooze: Callable[[dt.date], dict[str, Any]],
    kind: str = "",
    done: Callable[[dict[str, Any]], str] = lambda _: "",
    back: str = "",
) -> Response:
    """Snooze until the day the form says; refused, Today with the form open as it was sent
    and why (422; the agenda's script sends the form again as a page to show it). One gone
    from the agenda since (done in another tab) is the error page's: its form is gone too.
    A task's snooze on the Tasks page (``back``: ``tasks``) comes back to that page."""
    ctx = ctx_of(request)
    try:
        length = whole("days", "For", days) if days.strip() else 7
        view = snooze(snooze_day(ctx.clock.today(), length, text("until", "Until", until, 20)))
    except NotFound:
        raise
    except NetweaveError as exc:
        form = "snooze" + request.url.path.replace("/", "-") + (f"-{kind}" if kind else "")
        refused = refusal_of(exc, form, {"days": days, "until": until}, SNOOZE_FIELDS)
        if back == "tasks":
            from netweave.web.routes.tasks import render_tasks

            return render_tasks(request, refused)
        return render(request, "today.html", REFUSED, refused=refused, **_today(ctx))
    if back == "tasks":
        return RedirectResponse(said_at(request, "/tasks", done(view)), status_code=303)
    return _back(request, done(view))


@router.post("/tasks/{task_id}/snooze")
def task_snooze(
    request: Request, task_id: PathId, days: Days = "7", until: Until = "", back: Back = ""
) -> Response:
    """Hide a task for some days, or until a day."""
    ctx = ctx_of(request)
    return _snoozed(request, days, until, lambda day: tasks.snooze(ctx, task_id, day),
                    done=lambda task: said.task_snoozed(task, ctx.clock.today()),
                    back=back)  # fmt: skip


@router.post("/checked-in/{person_id}")
def checked_in(
    request: Request,
    person_id: PathId,
    kind: Annotated[str, Form(max_length=16)] = "check_in",
    gave: Annotated[str | None, Form(max_length=32)] = None,
) -> Response:
    """One click for a suggestion done: a short message logged (with what you gave, for a
    give-back), which resets the cadence and settles the suggestion."""
    result = agenda_done.suggestion_done(ctx_of(request), person_id, kind, gave)
    return _back(request, said.suggestion_done(kind, result))


@router.post("/leads/{lead_id}/step-done")
def lead_step_done(request: Request, lead_id: PathId) -> Response:
    """A lead's next step done: the step cleared, nothing logged."""
    lead = leads.step_done(ctx_of(request), f"#{lead_id}")
    return _back(request, said.step_done(lead))


@router.post("/leads/{lead_id}/step-snooze")
def lead_step_snooze(
    request: Request, lead_id: PathId, days: Days = "7", until: Until = ""
) -> Response:
    """A lead's next step put off for some days, or until a day (it is due then)."""
    ctx = ctx_of(request)
    return _snoozed(request, days, until, lambda day: leads.snooze_step(ctx, f"#{lead_id}", day),
                    done=lambda lead: said.step_snoozed(lead, ctx.clock.today()))  # fmt: skip


@router.post("/people/{person_id}/snooze")
def suggestion_snooze(
    request: Request,
    person_id: PathId,
    kind: Annotated[str, Form(max_length=16)],
    days: Days = "7",
    until: Until = "",
) -> Response:
    """Hide the agenda's suggestion of one kind about this person for some days, or until
    a day."""
    ctx = ctx_of(request)
    return _snoozed(
        request,
        days,
        until,
        lambda day: snooze_suggestion(ctx, f"#{person_id}", kind, day),
        kind,
        lambda view: said.suggestion_snoozed(view, ctx.clock.today()),
    )


@router.post("/people/{person_id}/wake")
def suggestion_wake(
    request: Request, person_id: PathId, kind: Annotated[str, Form(max_length=16)]
) -> Response:
    """Lift a snooze: the agenda's suggestion of that kind about this person is offered
    again from today; back on their page, which no longer says it is snoozed."""
    view = wake_suggestion(ctx_of(request), f"#{person_id}", kind)
    page = said_at(request, f"/people/{person_id}", said_forms.woken(view), "profile")
    return RedirectResponse(page, status_code=303)
