"""The Campaigns pages: seasonal check-ins made, listed with progress, ticked off and closed."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from netweave.services.campaigns import (
    CAMPAIGN_DAYS,
    close_campaign,
    list_campaigns,
    mark_done,
    new_campaign,
    show_campaign,
)
from netweave.services.tagging import list_tags
from netweave.web.deps import ctx_of, render
from netweave.web.forms import KINDS, MAX_ID, PathId, split_list

router = APIRouter(include_in_schema=False)

#: How a greeting was sent, offered first on the checklist (the CLI's ``--kind`` default).
GREETING = "message"


@router.get("/campaigns")
def campaigns_page(request: Request) -> Response:
    """Every campaign with its audience and progress, and the form to start one."""
    ctx = ctx_of(request)
    return render(
        request,
        "campaigns.html",
        campaigns=list_campaigns(ctx),
        circles=list(ctx.settings.circles.items()),
        tags=list_tags(ctx),
        window=CAMPAIGN_DAYS,
    )


@router.post("/campaigns")
def create(
    request: Request,
    name: Annotated[str, Form(max_length=300)] = "",
    circle: Annotated[list[str] | None, Form(max_length=20)] = None,
    tags: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    """Start a campaign for everyone in the circles ticked or carrying the tags typed."""
    view = new_campaign(ctx_of(request), name, list(circle or []), split_list(tags))
    return RedirectResponse(f"/campaigns/{view['id']}", status_code=303)


@router.get("/campaigns/{campaign_id}")
def campaign_page(request: Request, campaign_id: PathId) -> Response:
    """One campaign's checklist: who, what to mention, who is greeted already."""
    view = show_campaign(ctx_of(request), campaign_id)
    return render(request, "campaign.html", c=view, kinds=KINDS, greeting=GREETING)


@router.post("/campaigns/{campaign_id}/done")
def item_done(
    request: Request,
    campaign_id: PathId,
    person: Annotated[int, Form(ge=1, le=MAX_ID)],
    kind: Annotated[str, Form(max_length=16)] = GREETING,
) -> Response:
    """Tick a person off and log the greeting (their check-in is reset), as
    ``campaign done`` does."""
    mark_done(ctx_of(request), campaign_id, [f"#{person}"], kind=kind)
    back = f"/campaigns/{campaign_id}?greeted={person}#person-{person}"  # focus lands on them
    return RedirectResponse(back, status_code=303)


@router.post("/campaigns/{campaign_id}/close")
def close(request: Request, campaign_id: PathId) -> Response:
    """End a campaign today: its open greetings leave Today; the checklist stays."""
    close_campaign(ctx_of(request), campaign_id)
    return RedirectResponse(f"/campaigns/{campaign_id}", status_code=303)
