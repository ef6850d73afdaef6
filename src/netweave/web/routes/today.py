"""The Today page: the agenda, with one-click done, snooze and a check-in."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from netweave.errors import InvalidInput
from netweave.logic.vocab import EXCHANGE_KINDS, choose
from netweave.services import agenda, leads, tasks
from netweave.services.agenda_snooze import snooze_suggestion
from netweave.services.interactions import LogRequest, log_interaction
from netweave.web.deps import ctx_of, render, wants_json
from netweave.web.forms import KINDS, MAX_ID, PathId
from netweave.web.pages import remembered_page

router = APIRouter(include_in_schema=False)


@router.get("/")
async def today_page(request: Request) -> Response:
    """Today's agenda (kept rendered until anything changes)."""
    ctx = ctx_of(request)
    return await remembered_page(
        request, "today", "today.html", lambda: {"agenda": agenda.agenda(ctx), "kinds": KINDS}
    )


def _back(request: Request) -> Response:
    if wants_json(request):
        result = agenda.agenda(ctx_of(request))
        return render(request, "_agenda.html", agenda=result, kinds=KINDS)
    return RedirectResponse("/", status_code=303)


@router.post("/tasks/{task_id}/done")
def task_done(request: Request, task_id: PathId) -> Response:
    """Mark a task done."""
    tasks.complete(ctx_of(request), task_id)
    return _back(request)


@router.post("/tasks/{task_id}/snooze")
def task_snooze(
    request: Request, task_id: PathId, days: Annotated[int, Form(ge=1, le=365)] = 7
) -> Response:
    """Hide a task for some days."""
    ctx = ctx_of(request)
    tasks.snooze(ctx, task_id, ctx.clock.today() + dt.timedelta(days=max(days, 1)))
    return _back(request)


#: What a one-click "Done" logs for each kind of suggestion (a short message you sent).
DONE_NOTES = {
    "check_in": "Checked in",
    "birthday": "Wished a happy birthday",
    "congratulate": "Congratulated them on the new role",
    "3b7": "Followed up",
    "campaign": "Sent season's greetings",
    "give": "Gave something back",
    "lead": "Did the lead's next step",
}


@router.post("/checked-in/{person_id}")
def checked_in(
    request: Request,
    person_id: PathId,
    kind: Annotated[str, Form(max_length=16)] = "check_in",
    gave: Annotated[str | None, Form(max_length=32)] = None,
    lead: Annotated[int | None, Form(ge=1, le=MAX_ID)] = None,
) -> Response:
    """One click for a suggestion done: a short message logged (with what you gave, for a
    give-back), which resets the cadence and settles the suggestion (for a lead's next
    step, by clearing the step)."""
    if kind not in DONE_NOTES:
        raise InvalidInput(f"kind: one of {', '.join(DONE_NOTES)}, not {kind!r}")
    if kind == "lead":
        if lead is None:
            raise InvalidInput("lead: say which lead's next step was done")
        leads.step_done(ctx_of(request), lead, person_id)
        return _back(request)
    if kind == "give" and not gave:
        raise InvalidInput("gave: say what you gave (advice, information, introduction, ...)")
    log_interaction(
        ctx_of(request),
        LogRequest(
            names=[f"#{person_id}"],
            kind="message",
            direction="out",
            note=f"{DONE_NOTES[kind]} (agenda)",
            gave=[choose(gave, EXCHANGE_KINDS, "gave")] if kind == "give" and gave else [],
        ),
    )
    return _back(request)


@router.post("/people/{person_id}/snooze")
def suggestion_snooze(
    request: Request,
    person_id: PathId,
    kind: Annotated[str, Form(max_length=16)],
    days: Annotated[int, Form(ge=1, le=365)] = 7,
) -> Response:
    """Hide the agenda's suggestion of one kind about this person for some days."""
    ctx = ctx_of(request)
    until = ctx.clock.today() + dt.timedelta(days=days)
    snooze_suggestion(ctx, f"#{person_id}", kind, until)
    return _back(request)
