"""The Events page: events and quick capture of the people met there."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from netweave.logic.vocab import EVENT_KINDS, choose
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
    """One event: the people met there, with their follow-ups."""
    return render(request, "event.html", event=show_event(ctx_of(request), f"#{event_id}"))


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
