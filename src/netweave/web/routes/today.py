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
from netweave.web.deps import ctx_of, give_notice, render, take_notice, wants_json
from netweave.web.form_checks import text, whole
from netweave.web.forms import KINDS, MAX_ID, PathId, snooze_day
from netweave.web.pages import remembered_page
from netweave.web.refusal import REFUSED, Fields, refusal_of

router = APIRouter(include_in_schema=False)


@router.get("/")
async def today_page(
    request: Request,
    logged: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    circled: Annotated[str, Query(max_length=64)] = "",
) -> Response:
    """Today's agenda, and this week's goals below it (kept rendered until anything
    changes); just after a conversation was logged from it, or the people with no circle
    were put in one (once: ``circled`` is the key of that notice), the page says so."""
    ctx = ctx_of(request)
    if logged is not None or circled:
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


def _said(request: Request, logged: int | None, circled: str) -> Response:
    """The Today page saying what was just done on it."""
    from netweave.web.routes.log import logged_today

    ctx = ctx_of(request)
    said: dict[str, Any] = {} if logged is None else logged_today(request, logged)
    said["circled"] = take_notice(request, circled, "today")
    return render(request, "today.html", **_today(ctx), **said)


def _back(request: Request) -> Response:
    if wants_json(request):
        ctx = ctx_of(request)
        circles = list(ctx.settings.circles.items())
        return render(
            request, "_agenda.html", agenda=agenda.agenda(ctx), kinds=KINDS, circles=circles
        )
    return RedirectResponse("/", status_code=303)


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


@router.post("/tasks/{task_id}/done")
def task_done(request: Request, task_id: PathId) -> Response:
    """Mark a task done (a thank-you, a follow-up…: with the message it asked for logged)."""
    agenda_done.task_done(ctx_of(request), task_id)
    return _back(request)


#: The fields of a snooze form, by the labels the form shows ("For" a length of days,
#: "Until" a day), and how their refusals start.
SNOOZE_FIELDS: Fields = {"days": ("For",), "until": ("Until", "snooze until")}
#: A snooze form's fields, as typed (checked by ``_snoozed``).
Days = Annotated[str, Form()]
Until = Annotated[str, Form()]


def _snoozed(
    request: Request, days: str, until: str, snooze: Callable[[dt.date], object], kind: str = ""
) -> Response:
    """Snooze until the day the form says; refused, Today with the form open as it was sent
    and why (422; the agenda's script sends the form again as a page to show it). One gone
    from the agenda since (done in another tab) is the error page's: its form is gone too."""
    ctx = ctx_of(request)
    try:
        length = whole("days", "For", days) if days.strip() else 7
        snooze(snooze_day(ctx.clock.today(), length, text("until", "Until", until, 20)))
    except NotFound:
        raise
    except NetweaveError as exc:
        form = "snooze" + request.url.path.replace("/", "-") + (f"-{kind}" if kind else "")
        refused = refusal_of(exc, form, {"days": days, "until": until}, SNOOZE_FIELDS)
        return render(request, "today.html", REFUSED, refused=refused, **_today(ctx))
    return _back(request)


@router.post("/tasks/{task_id}/snooze")
def task_snooze(request: Request, task_id: PathId, days: Days = "7", until: Until = "") -> Response:
    """Hide a task for some days, or until a day."""
    return _snoozed(request, days, until, lambda day: tasks.snooze(ctx_of(request), task_id, day))


@router.post("/checked-in/{person_id}")
def checked_in(
    request: Request,
    person_id: PathId,
    kind: Annotated[str, Form(max_length=16)] = "check_in",
    gave: Annotated[str | None, Form(max_length=32)] = None,
) -> Response:
    """One click for a suggestion done: a short message logged (with what you gave, for a
    give-back), which resets the cadence and settles the suggestion."""
    agenda_done.suggestion_done(ctx_of(request), person_id, kind, gave)
    return _back(request)


@router.post("/leads/{lead_id}/step-done")
def lead_step_done(request: Request, lead_id: PathId) -> Response:
    """A lead's next step done: the step cleared, nothing logged."""
    leads.step_done(ctx_of(request), f"#{lead_id}")
    return _back(request)


@router.post("/leads/{lead_id}/step-snooze")
def lead_step_snooze(
    request: Request, lead_id: PathId, days: Days = "7", until: Until = ""
) -> Response:
    """A lead's next step put off for some days, or until a day (it is due then)."""
    ctx = ctx_of(request)
    return _snoozed(request, days, until, lambda day: leads.snooze_step(ctx, f"#{lead_id}", day))


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
    )


@router.post("/people/{person_id}/wake")
def suggestion_wake(
    request: Request, person_id: PathId, kind: Annotated[str, Form(max_length=16)]
) -> Response:
    """Lift a snooze: the agenda's suggestion of that kind about this person is offered
    again from today; back on their page, which no longer says it is snoozed."""
    wake_suggestion(ctx_of(request), f"#{person_id}", kind)
    return RedirectResponse(f"/people/{person_id}#profile", status_code=303)
