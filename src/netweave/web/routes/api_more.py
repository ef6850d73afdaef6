"""The JSON API for the agenda, tasks, organizations, events and imports."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from pydantic import Field

from netweave.logic.parse import MAX_DAYS
from netweave.logic.vocab import EVENT_KINDS, choose
from netweave.services import agenda, tasks
from netweave.services import field_lengths as column
from netweave.services.agenda_snooze import SNOOZABLE, snooze_suggestion
from netweave.services.events import add_event, list_events, meet
from netweave.services.import_undo import list_batches, undo_batch
from netweave.services.orgs import list_organizations, show_organization
from netweave.web.deps import ctx_of, web
from netweave.web.forms import ApiIn, Day, PathId
from netweave.web.routes.imports import receive_upload

router = APIRouter(prefix="/api")
Json = dict[str, Any]
SNOOZABLE_KINDS = tuple(SNOOZABLE)


class SnoozeIn(ApiIn):
    """How long to hide a task."""

    days: int = Field(1, ge=1, le=MAX_DAYS)


class SuggestionSnoozeIn(ApiIn):
    """An agenda suggestion about a person to hide for some days."""

    kind: Literal[SNOOZABLE_KINDS]  # type: ignore[valid-type]
    days: int = Field(7, ge=1, le=MAX_DAYS)


class EventIn(ApiIn):
    """An event to add."""

    name: str = Field(min_length=1, max_length=300)
    on: Day | None = None
    place: str | None = Field(None, max_length=300)
    kind: str = "other"


class MeetIn(ApiIn):
    """The people met at an event, by name (new names are created; a name only close to
    people's is refused, 422, unless given under ``new``: someone new whatever their name)."""

    names: list[str] = Field(default_factory=list, max_length=100)
    new: list[str] = Field(default_factory=list, max_length=100)
    note: str | None = Field(None, max_length=column.NOTE)


@router.get("/today", tags=["today"])
def api_today(request: Request) -> Json:
    """Today's agenda: ``{as_of, items[{kind, person, reason, due, ...}]}``."""
    return agenda.agenda(ctx_of(request))


@router.post("/tasks/{task_id}/done", tags=["today"])
def api_task_done(request: Request, task_id: PathId) -> Json:
    """Mark a task done."""
    return tasks.complete(ctx_of(request), task_id)


@router.post("/tasks/{task_id}/snooze", tags=["today"])
def api_task_snooze(request: Request, task_id: PathId, body: SnoozeIn) -> Json:
    """Hide a task for some days."""
    ctx = ctx_of(request)
    return tasks.snooze(ctx, task_id, ctx.clock.today() + dt.timedelta(days=body.days))


@router.post("/people/{person_id}/snooze", tags=["today"])
def api_suggestion_snooze(request: Request, person_id: PathId, body: SuggestionSnoozeIn) -> Json:
    """Hide the agenda's suggestion of one kind about this person (a check-in, …) for days."""
    ctx = ctx_of(request)
    until = ctx.clock.today() + dt.timedelta(days=body.days)
    return snooze_suggestion(ctx, f"#{person_id}", body.kind, until)


@router.get("/orgs", tags=["organizations"])
def api_orgs(request: Request) -> list[Json]:
    """Organizations with the number of people there now."""
    return list_organizations(ctx_of(request))


@router.get("/orgs/{org_id}", tags=["organizations"])
def api_org(request: Request, org_id: PathId) -> Json:
    """One organization with its people now and its alumni."""
    return show_organization(ctx_of(request), f"#{org_id}")


@router.get("/events", tags=["events"])
def api_events(request: Request) -> list[Json]:
    """Events, most recent first."""
    return list_events(ctx_of(request))


@router.post("/events", tags=["events"], status_code=201)
def api_add_event(request: Request, body: EventIn) -> Json:
    """Add an event (today unless a date is given)."""
    ctx = ctx_of(request)
    kind = choose(body.kind, EVENT_KINDS, "event kind")
    return add_event(ctx, body.name, body.on or ctx.clock.today(), place=body.place, kind=kind)


@router.post("/events/{event_id}/meet", tags=["events"])
def api_meet(request: Request, event_id: PathId, body: MeetIn) -> Json:
    """Capture the people met at an event; each gets a follow-up task."""
    return meet(ctx_of(request), f"#{event_id}", body.names, note=body.note, new=body.new)


@router.get("/imports", tags=["imports"])
def api_imports(request: Request) -> list[Json]:
    """Every import, newest first."""
    return list_batches(ctx_of(request), for_web=True)


@router.post("/imports", tags=["imports"], status_code=202)
async def api_upload(
    request: Request,
    kind: Annotated[str, Form()],
    file: Annotated[UploadFile, File()],
    me: Annotated[str, Form()] = "",
    create_people: Annotated[bool, Form()] = False,
    skip_bad_rows: Annotated[bool, Form()] = False,
) -> Json:
    """Upload a file to import; poll the returned job for progress and the summary."""
    job = await receive_upload(
        request, kind, file, me, create_people=create_people, skip_bad_rows=skip_bad_rows
    )
    return job.view()


@router.get("/imports/jobs/{job_id}", tags=["imports"])
def api_job(request: Request, job_id: str) -> Json:
    """An import's progress (records read) and, when done, its summary."""
    job = web(request).jobs.get(job_id)
    if job is None:
        raise HTTPException(404, f"no import job {job_id}")
    view: Json = job.view()
    return view


@router.post("/imports/{batch_id}/undo", tags=["imports"])
def api_undo(request: Request, batch_id: PathId) -> Json:
    """Remove exactly what an import created and restore what it changed."""
    return undo_batch(ctx_of(request), batch_id)
