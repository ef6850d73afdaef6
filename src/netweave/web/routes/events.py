"""The Events page: events and quick capture of the people met there.

Its forms refused (a date, a name taken, no one named, a name of several people), and an
event's Edit form refused, come back on the page as they were sent (422), the message at
the field it concerns.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from netweave.errors import Conflict, InvalidInput, NearMatch, NetweaveError
from netweave.logic.normalize import clean
from netweave.logic.parse import says_none
from netweave.logic.vocab import EVENT_KINDS, choose
from netweave.services.context import Context
from netweave.services.event_edit import EventChanges, edit_event
from netweave.services.events import NEW_ANYWAY, add_event, list_events, meet, show_event
from netweave.web import said
from netweave.web.deps import ctx_of, give_notice, render, said_at, take_notice
from netweave.web.form_checks import at, refused_at, typed_in
from netweave.web.forms import EventIn, MeetIn, PathId, optional, parse_day
from netweave.web.refusal import REFUSED, FieldRefused, Fields, Refusal, naming, refusal_of
from netweave.web.shown import reconciled, shown_field

router = APIRouter(include_in_schema=False)

#: The fields of the New event and Edit forms (each refusal is said at its field by ``at``).
EVENT_FIELDS: Fields = {"name": ("Name",), "on": ("Date",), "kind": ("Kind",), "place": ("Place",)}
#: The fields of the quick capture form, and how their refusals start (the rest concern a
#: name of the people met).
MEET_FIELDS: Fields = {
    "event": ("Event", "no event", "the event"),
    "names": ("People you met", "name at least one person"),
    "note": ("A note for all of them", "note"),
}


@router.get("/events")
def events_page(request: Request, met: Annotated[str, Query(max_length=64)] = "") -> Response:
    """Events, most recent first, with the quick-capture form; just after it was sent, who
    was captured, once (``met``: the key of that notice)."""
    captured = take_notice(request, met, "met:/events")
    return _page(request, captured if isinstance(captured, dict) else None)


@router.get("/events/meet")
def meet_opened() -> Response:
    """The address quick capture is sent to, opened again (reloaded in a new tab, kept as a
    bookmark): the Events page."""
    return RedirectResponse("/events", status_code=303)


@router.get("/events/{event_id}")
def event_page(request: Request, event_id: PathId) -> Response:
    """One event: the people met there, with their follow-ups, and its Edit form."""
    return _event(request, event_id, None)


def _event(
    request: Request,
    event_id: int,
    edited: dict[str, Any] | None,
    refused: Refusal | None = None,
) -> Response:
    """The event's page; just after a correction, with what changed and what followed; its
    Edit form refused, as it was sent, with why (422)."""
    event = show_event(ctx_of(request), f"#{event_id}")
    return render(request, "event.html", status_code=REFUSED if refused else 200,
                  event=event, kinds=EVENT_KINDS, edited=edited, refused=refused,
                  shown=shown_field(_as_shown(event)))  # fmt: skip


def _as_shown(event: dict[str, Any]) -> dict[str, Any]:
    """The Edit form's fields as it shows the event now."""
    return {"name": event["name"], "on": event["date"] or "", "kind": event["kind"],
            "place": event["place"] or ""}  # fmt: skip


@router.get("/events/{event_id}/edit")
def edit_opened(event_id: PathId) -> Response:
    """The address the Edit form is sent to, opened again: the event's page."""
    return RedirectResponse(f"/events/{event_id}", status_code=303)


@router.post("/events/{event_id}/edit")
def edit(
    request: Request,
    event_id: PathId,
    name: Annotated[str, Form()] = "",
    on: Annotated[str, Form()] = "",
    place: Annotated[str, Form()] = "",
    kind: Annotated[str, Form()] = "other",
    shown: Annotated[str, Form()] = "",
) -> Response:
    """Save what the form changed (an emptied place, or "none", drops it; an emptied date
    leaves it as it is); a field left as the form showed it keeps what was saved elsewhere
    since, one changed here and there too is refused, saying both."""
    ctx = ctx_of(request)
    typed = {"name": name, "on": on, "place": place, "kind": kind}
    event = show_event(ctx, f"#{event_id}")
    try:
        typed = reconciled(typed, shown, _as_shown(event), what=f"The event {event['name']}",
                           labels=EVENT_FIELDS)  # fmt: skip
        changes = _changes(typed["name"], typed["on"], typed["place"], typed["kind"])
        edited = _edited(ctx, event_id, changes)
    except NetweaveError as exc:
        return _event(request, event_id, None, refusal_of(exc, "edit-event", typed, EVENT_FIELDS))
    return _event(request, event_id, edited)


def _changes(name: str, on: str, place: str, kind: str) -> EventChanges:
    """The Edit form's fields read, each refusal said at its field."""
    with at("name", "Name"):
        if not clean(typed_in(EventIn, "name", "Name", name)):
            raise InvalidInput("an event needs a name")
    with at("on", "Date"):
        day = parse_day(typed_in(EventIn, "on", "Date", on))
    with at("kind", "Kind"):
        chosen = choose(typed_in(EventIn, "kind", "Kind", kind), EVENT_KINDS, "event kind")
    where = typed_in(EventIn, "place", "Place", place)
    return EventChanges(name=name, on=day, place=None if says_none(where) else where,
                        clear_place=says_none(where), kind=chosen)  # fmt: skip


def _edited(ctx: Context, event_id: int, changes: EventChanges) -> dict[str, Any]:
    """The event corrected; a name another event has on its day is refused at the name, a
    day it cannot move to at the date (an unknown event is the error page: 404)."""
    try:
        return edit_event(ctx, f"#{event_id}", changes)
    except Conflict as exc:
        raise FieldRefused("name", naming("Name", exc.said(web=True))) from None
    except InvalidInput as exc:
        raise FieldRefused("on", naming("Date", exc.said(web=True))) from None


def _page(
    request: Request,
    met: dict[str, Any] | None,
    refused: Refusal | None = None,
    *,
    near: bool = False,
) -> Response:
    """The events page; quick capture names the event just captured, or else the latest one
    that has happened (people are captured once it has); a form of it refused, as it was
    sent, with why (422); ``near``: refused for names only close to people's, so the box
    that says they are new people is offered."""
    ctx = ctx_of(request)
    events = list_events(ctx)
    today = ctx.clock.today().isoformat()
    held = [e["id"] for e in events if e["date"] is None or e["date"] <= today]
    chosen = met["event"]["id"] if met else next(iter(held), None)
    if refused and refused.form == "meet":
        chosen = next((e["id"] for e in events if str(e["id"]) == refused.value("event")), chosen)
    return render(
        request,
        "events.html",
        status_code=REFUSED if refused else 200,
        refused=refused,
        events=events,
        kinds=EVENT_KINDS,
        met=met,
        chosen=chosen,
        near=near,
        new_anyway=NEW_ANYWAY,
    )


@router.post("/events")
def create_event(
    request: Request,
    name: Annotated[str, Form()] = "",
    on: Annotated[str, Form()] = "",
    place: Annotated[str, Form()] = "",
    kind: Annotated[str, Form()] = "other",
) -> Response:
    """Add an event (today's, when no date is given)."""
    ctx = ctx_of(request)
    try:
        with at("on", "Date"):
            day = parse_day(typed_in(EventIn, "on", "Date", on))
        with at("kind", "Kind"):
            chosen = choose(kind, EVENT_KINDS, "event kind")
        where = optional(typed_in(EventIn, "place", "Place", place))
        with at("name", "Name"):
            made = add_event(ctx, typed_in(EventIn, "name", "Name", name),
                             day or ctx.clock.today(), place=where, kind=chosen)  # fmt: skip
    except NetweaveError as exc:
        typed = {"name": name, "on": on, "place": place, "kind": kind}
        return _page(request, None, refusal_of(exc, "new-event", typed, EVENT_FIELDS))
    done = said.event_added(made, ctx.clock.today())
    return RedirectResponse(said_at(request, "/events", done), status_code=303)


@router.post("/events/meet")
def meet_people(
    request: Request,
    event: Annotated[str, Form()] = "",
    names: Annotated[str, Form()] = "",
    note: Annotated[str, Form()] = "",
    as_new: Annotated[str, Form()] = "",
) -> Response:
    """Capture the people met (one name a line): new ones are created, follow-ups planned;
    then the Events page says who, once (reloaded, it sends nothing again). A name only
    close to people's is refused, unless ``as_new`` (the box offered then) says it is
    someone new."""
    try:
        lines = [line.strip() for line in typed_in(MeetIn, "names", "People you met", names)
                 .splitlines() if line.strip()]  # fmt: skip
        common = optional(typed_in(MeetIn, "note", "A note for all of them", note))
        with at("event", "Event"):
            if not event.strip():
                raise InvalidInput("choose an event")
        met = meet(ctx_of(request), f"#{event.strip()}", lines, note=common,
                   near_is_new=bool(as_new))  # fmt: skip
    except NetweaveError as exc:
        typed = {"event": event, "names": names, "note": note, "as_new": as_new}
        refused = refused_at(exc, "meet", typed, MEET_FIELDS, "names")
        return _page(request, None, refused, near=isinstance(exc, NearMatch) or bool(as_new))
    return RedirectResponse(f"/events?met={give_notice(request, 'met:/events', met)}", 303)
