"""The Events page: events and quick capture of the people met there."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from netweave.logic.parse import says_none
from netweave.logic.vocab import EVENT_KINDS, choose
from netweave.services.event_edit import EventChanges, edit_event
from netweave.services.events import add_event, list_events, meet, show_event
from netweave.web.deps import ctx_of, render
from netweave.web.forms import MAX_ID, PathId, optional, parse_day

router = APIRouter(include_in_schema=False)


@router.get("/events")
def events_page(request: Request) -> Response:
    """Events, most recent first, with the quick-capture form."""
    return _page(request, None)


@router.get("/events/meet")
def meet_opened() -> Response:
    """The address quick capture is sent to, opened again (reloaded in a new tab, kept as a
    bookmark): the Events page."""
    return RedirectResponse("/events", status_code=303)


@router.get("/events/{event_id}")
def event_page(request: Request, event_id: PathId) -> Response:
    """One event: the people met there, with their follow-ups, and its Edit form."""
    return _event(request, event_id, None)


def _event(request: Request, event_id: int, edited: dict[str, Any] | None) -> Response:
    """The event's page; just after a correction, with what changed and what followed."""
    event = show_event(ctx_of(request), f"#{event_id}")
    return render(request, "event.html", event=event, kinds=EVENT_KINDS, edited=edited)


@router.get("/events/{event_id}/edit")
def edit_opened(event_id: PathId) -> Response:
    """The address the Edit form is sent to, opened again: the event's page."""
    return RedirectResponse(f"/events/{event_id}", status_code=303)


@router.post("/events/{event_id}/edit")
def edit(
    request: Request,
    event_id: PathId,
    name: Annotated[str, Form(max_length=300)] = "",
    on: Annotated[str, Form(max_length=20)] = "",
    place: Annotated[str, Form(max_length=300)] = "",
    kind: Annotated[str, Form(max_length=20)] = "other",
) -> Response:
    """Save the event as the form shows it (an emptied place, or "none", drops it; an
    emptied date leaves it as it is)."""
    changes = EventChanges(
        name=name,
        on=parse_day(on),
        place=None if says_none(place) else place,
        clear_place=says_none(place),
        kind=kind,
    )
    return _event(request, event_id, edit_event(ctx_of(request), f"#{event_id}", changes))


def _page(request: Request, met: dict[str, Any] | None) -> Response:
    """The events page; quick capture names the event just captured, or else the latest one
    that has happened (people are captured once it has)."""
    ctx = ctx_of(request)
    events = list_events(ctx)
    today = ctx.clock.today().isoformat()
    held = [e["id"] for e in events if e["date"] is None or e["date"] <= today]
    chosen = met["event"]["id"] if met else next(iter(held), None)
    return render(request, "events.html", events=events, kinds=EVENT_KINDS, met=met, chosen=chosen)


@router.post("/events")
def create_event(
    request: Request,
    name: Annotated[str, Form()] = "",
    on: Annotated[str, Form()] = "",
    place: Annotated[str, Form()] = "",
    kind: Annotated[str, Form()] = "other",
) -> Response:
    """Add an event."""
    ctx = ctx_of(request)
    add_event(
        ctx,
        name,
        parse_day(on) or ctx.clock.today(),
        place=optional(place),
        kind=choose(kind, EVENT_KINDS, "event kind"),
    )
    return RedirectResponse("/events", status_code=303)


@router.post("/events/meet")
def meet_people(
    request: Request,
    event: Annotated[int, Form(ge=1, le=MAX_ID)],
    names: Annotated[str, Form()] = "",
    note: Annotated[str, Form()] = "",
) -> Response:
    """Capture the people met (one name a line): new ones are created, follow-ups planned."""
    ctx = ctx_of(request)
    lines = [line.strip() for line in names.splitlines() if line.strip()]
    return _page(request, meet(ctx, f"#{event}", lines, note=optional(note)))
