"""The JSON API for reaching out: the six-point draft for a person, a text checked against
the six rules, the TIARA sheet, and the conversation held (``draft``, ``draft --check``,
``prep`` and ``prep --done``)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from pydantic import Field

from netweave.logic.parse import MAX_DAYS
from netweave.services.outreach import (
    UPDATE_AFTER_DAYS,
    check_for,
    check_message,
    draft_message,
    prep_done,
    prep_sheet,
)
from netweave.web.deps import ctx_of
from netweave.web.forms import ApiIn, BodyId, PathId, optional

router = APIRouter(prefix="/api", tags=["outreach"])
Json = dict[str, Any]
Interest = Annotated[str | None, Query(max_length=200)]


class CheckIn(ApiIn):
    """A message to check against the six rules; to ``person``: the names of their context
    (their organization, their title) are not taken for job asks."""

    text: str = Field(min_length=1, max_length=10_000)
    person: BodyId | None = None


class HeldIn(ApiIn):
    """An informational conversation that was held."""

    kind: str = "video"
    notes: str | None = Field(None, max_length=10_000)
    update_in: int = Field(UPDATE_AFTER_DAYS, ge=1, le=MAX_DAYS)


@router.get("/people/{person_id}/draft")
def api_draft(
    request: Request, person_id: PathId, broad: Interest = None, narrow: Interest = None
) -> Json:
    """A first message asking for advice by the six-point rules, with the rules it breaks;
    to someone whose ask is still open, the one follow-up (``follow_up``) from its day on,
    else no ``text``, and the line that says so in ``open_ask``."""
    return draft_message(
        ctx_of(request), f"#{person_id}", broad=optional(broad), narrow=optional(narrow)
    )


@router.post("/drafts/check")
def api_check(request: Request, body: CheckIn) -> Json:
    """Which of the six rules a message breaks (``ok``: none)."""
    if body.person is not None:
        return check_for(ctx_of(request), f"#{body.person}", body.text)
    return check_message(body.text)


@router.get("/people/{person_id}/prep")
def api_prep(request: Request, person_id: PathId, focus: Interest = None) -> Json:
    """The TIARA question sheet for a conversation with the person."""
    return prep_sheet(ctx_of(request), f"#{person_id}", focus=optional(focus))


@router.post("/people/{person_id}/prep/done", status_code=201)
def api_prep_done(request: Request, person_id: PathId, body: HeldIn) -> Json:
    """The conversation was held: it is logged (advice received), with a thank-you due
    today and an update ``update_in`` days on."""
    return prep_done(
        ctx_of(request),
        f"#{person_id}",
        notes=optional(body.notes),
        kind=body.kind,
        update_in_days=body.update_in,
    )
