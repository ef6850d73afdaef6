"""One logged conversation: correct it or delete it (page and JSON API)."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import Field
from starlette.concurrency import run_in_threadpool

from netweave.errors import InvalidInput, NetweaveError
from netweave.logic.vocab import DIRECTIONS
from netweave.services import field_lengths as column
from netweave.services.conversations import (
    ConversationChanges,
    delete_conversation,
    edit_conversation,
    list_conversations,
    show_conversation,
)
from netweave.web.confirm import CONFIRM_FIELD, confirm_page, confirmed
from netweave.web.deps import ctx_of, render
from netweave.web.forms import KINDS, ApiIn, Day, PathId, address_id, optional, parse_day
from netweave.web.refusal import REFUSED, Fields, Refusal, checking, refusal_of, typed_of
from netweave.web.shown import FIELD, reconciled, shown_field

router = APIRouter()
Json = dict[str, Any]


@router.get("/conversations/{conversation_id}", include_in_schema=False)
def conversation_page(
    request: Request, conversation_id: PathId, person: Annotated[str, Query(max_length=40)] = ""
) -> Response:
    """A conversation with the form that corrects it and the button that deletes it (back
    to the timeline of ``person``, one of its people; else of its first)."""
    return _page(request, conversation_id, address_id(person))


def _page(
    request: Request, conversation_id: int, person: int | None, refused: Refusal | None = None
) -> Response:
    """The conversation's page; its correction refused, the form as it was sent (422)."""
    view = show_conversation(ctx_of(request), conversation_id)
    back = person if person in view["participants"] else _first(view)
    return render(
        request,
        "conversation.html",
        status_code=REFUSED if refused else 200,
        c=view,
        back=back,
        kinds=KINDS,
        directions=DIRECTIONS,
        refused=refused,
        shown=shown_field(_as_shown(view)),
    )


#: The fields of the form that corrects a conversation, and how their refusals start.
CORRECTION_FIELDS: Fields = {
    "kind": ("Kind",),
    "direction": ("Who reached out",),
    "on": ("On", "cannot move a conversation to", "the date"),
    "note": ("Note",),
}


@router.post("/conversations/{conversation_id}", include_in_schema=False)
async def edit_page(request: Request, conversation_id: PathId) -> Response:
    """Save a correction, then back to the person the page was opened from (a field not sent
    changes nothing); refused, the page again with the form as it was sent, the message
    beside the field at fault."""
    form = await request.form()
    typed = typed_of(form)
    try:
        changes = await run_in_threadpool(_changes, request, conversation_id, typed, form)
        result = edit_conversation(ctx_of(request), conversation_id, changes)
    except NetweaveError as exc:
        refused = refusal_of(exc, "correct", typed, CORRECTION_FIELDS)
        person = address_id(str(form.get("person") or ""))
        return await run_in_threadpool(_page, request, conversation_id, person, refused)
    return _back(form.get("person"), result["interaction"])


def _changes(
    request: Request, conversation_id: int, typed: dict[str, Any], form: Any
) -> ConversationChanges:
    """The correction the form asks for: a field left as the form showed it keeps what was
    saved elsewhere since; one changed here and there too is refused, saying both."""
    view = show_conversation(ctx_of(request), conversation_id)
    what = f"This {view['kind']} of {view['date']}"
    typed.update(reconciled(typed, form.get(FIELD), _as_shown(view), what=what,
                            labels=CORRECTION_FIELDS))  # fmt: skip
    with checking("on", "On"):
        day = parse_day(str(typed.get("on") or ""))
    return ConversationChanges(
        kind=optional(str(typed.get("kind") or "")),
        on=day,
        direction=optional(str(typed.get("direction") or "")),
        # not sent (a form from before, a script): the note stays; sent empty, it goes
        note=str(typed.get("note") or "") if "note" in typed else None,
    )


def _as_shown(view: Json) -> dict[str, Any]:
    """The correction form's fields as it shows the conversation now."""
    return {"kind": view["kind"], "on": view["date"], "direction": view["direction"],
            "note": view["summary"] or ""}  # fmt: skip


@router.post("/conversations/{conversation_id}/delete", include_in_schema=False)
async def delete_page(request: Request, conversation_id: PathId) -> Response:
    """Delete the conversation once confirmed (else the page that asks), then back to the
    person's timeline, which says what was deleted."""
    form = await request.form()
    ctx = ctx_of(request)
    if not confirmed(form.get(CONFIRM_FIELD)):
        return _ask_delete(request, show_conversation(ctx, conversation_id), form.get("person"))
    result = delete_conversation(ctx, conversation_id)
    view = result["deleted"]
    said = urlencode({"deleted": view["kind"], "on": view["date"]}
                     | ({"exchanges": "1"} if result["exchanges"] else {}))  # fmt: skip
    return _back(form.get("person"), view, said)


def _ask_delete(request: Request, view: Json, person: Any) -> Response:
    """The page that asks before a conversation is deleted, naming it."""
    names = ", ".join(str(w["name"]) for w in view["who"]) or "no one"
    also = " and what was given or asked in it" if view["exchanges"] else ""
    number = address_id(str(person or ""))
    person_field = {"person": str(number)} if number is not None else {}
    back = f"/conversations/{view['id']}" + (f"?person={number}" if person_field else "")
    imported = view["source"] != "manual"
    return confirm_page(
        request,
        title=f"Delete this conversation{also}?",
        said=f"The {view['kind']} of {view['date']} with {names}{also and f',{also},'} is "
        "deleted; the strength and next check-in of everyone in it are worked out again "
        "without it.",
        warning="It cannot be undone."
        + (" Importing the same file again will not bring it back." if imported else ""),
        yes="Yes, delete it",
        back=back,
        back_label="Keep it",
        active="people",
        fields=person_field,
    )


def _first(view: Json) -> int | None:
    return min(view["participants"]) if view["participants"] else None


def _back(person: Any, view: Json, said: str = "") -> Response:
    """To the timeline of the person the page was opened from (when they were in it), the
    page saying ``said`` (a query string)."""
    wanted = address_id(str(person or ""))
    target = wanted if wanted in view["participants"] else _first(view)
    query = f"?{said}" if said else ""
    return RedirectResponse(f"/people/{target}{query}#timeline" if target else "/", status_code=303)


class ConversationIn(ApiIn):
    """A correction: only the fields given change; a ``note`` of ``""`` clears it."""

    kind: str | None = Field(default=None, max_length=20)
    on: Day | None = None
    direction: str | None = Field(default=None, max_length=10)
    note: str | None = Field(default=None, max_length=column.NOTE)
    add: list[PathId] = Field(default_factory=list, max_length=50)
    remove: list[PathId] = Field(default_factory=list, max_length=50)


@router.get("/api/conversations", tags=["people"])
def api_conversations(
    request: Request,
    person: Annotated[str | None, Query(max_length=40)] = None,
    limit: int = Query(20, ge=1, le=1000),
) -> list[Json]:
    """The latest conversations, newest first (only one person's with ``person``: their
    number, by the one rule of numbers typed)."""
    query = None
    if person is not None:
        number = address_id(person)
        if number is None:
            raise InvalidInput(f"person: a person's number, like 12, not {person!r}")
        query = f"#{number}"
    return list_conversations(ctx_of(request), query, limit=limit)


@router.get("/api/conversations/{conversation_id}", tags=["people"])
def api_conversation(request: Request, conversation_id: PathId) -> Json:
    """One conversation with its people and exchanges."""
    return show_conversation(ctx_of(request), conversation_id)


@router.patch("/api/conversations/{conversation_id}", tags=["people"])
def api_edit_conversation(request: Request, conversation_id: PathId, body: ConversationIn) -> Json:
    """Correct a conversation; returns ``{interaction, changed[]}``."""
    changes = ConversationChanges(
        kind=body.kind,
        on=body.on,
        direction=body.direction,
        note=body.note,
        add=[f"#{i}" for i in body.add],
        remove=[f"#{i}" for i in body.remove],
    )
    return edit_conversation(ctx_of(request), conversation_id, changes)


@router.delete("/api/conversations/{conversation_id}", tags=["people"])
def api_delete_conversation(request: Request, conversation_id: PathId) -> Json:
    """Delete a conversation and the exchanges logged with it; returns ``{deleted, exchanges}``."""
    return delete_conversation(ctx_of(request), conversation_id)
