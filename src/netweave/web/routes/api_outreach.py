"""The JSON API for reaching out: the six-point draft for a person and a text checked against
the six rules (``draft`` and ``draft --check``)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from pydantic import Field

from netweave.services.outreach import check_message, draft_message
from netweave.web.deps import ctx_of
from netweave.web.forms import ApiIn, PathId, optional

router = APIRouter(prefix="/api", tags=["outreach"])
Json = dict[str, Any]
Interest = Annotated[str | None, Query(max_length=200)]


class CheckIn(ApiIn):
    """A message to check against the six rules."""

    text: str = Field(min_length=1, max_length=10_000)


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
    return check_message(body.text)
