"""The Campaigns pages: seasonal check-ins made, listed with progress, ticked off and closed.

A form refused (a name taken, no audience, a tag no one carries, a greeting of an unknown
kind) comes back on its page as it was sent (422), the message at the field it concerns.
"""

from __future__ import annotations

import dataclasses
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from netweave.errors import NetweaveError
from netweave.services.campaigns import (
    CAMPAIGN_DAYS,
    close_campaign,
    list_campaigns,
    mark_done,
    new_campaign,
    show_campaign,
)
from netweave.services.tagging import list_tags
from netweave.web import said_forms
from netweave.web.deps import ctx_of, render, said_at
from netweave.web.form_checks import at, typed_in
from netweave.web.forms import KINDS, CampaignIn, PathId, split_list
from netweave.web.refusal import REFUSED, Fields, Refusal, refusal_of

router = APIRouter(include_in_schema=False)

#: How a greeting was sent, offered first on the checklist (the CLI's ``--kind`` default).
GREETING = "message"
#: The fields of the New campaign form, and how their refusals start ("no one matches" the
#: circles and tags together: said above the form).
CAMPAIGN_FIELDS: Fields = {
    "name": ("Name", "a campaign"),
    "circle": ("Circles", "unknown circle", "choose an audience"),
    "tags": ("Tags", "no one carries"),
}
#: The field of a checklist item's Done form.
DONE_FIELDS: Fields = {"kind": ("How you greeted them", "unknown interaction kind", "kind")}


@router.get("/campaigns")
def campaigns_page(request: Request) -> Response:
    """Every campaign with its audience and progress, and the form to start one."""
    return _campaigns(request)


def _campaigns(request: Request, refused: Refusal | None = None) -> Response:
    """The campaigns; the New campaign form refused, as it was sent, with why (422)."""
    ctx = ctx_of(request)
    return render(
        request,
        "campaigns.html",
        status_code=REFUSED if refused else 200,
        refused=refused,
        campaigns=list_campaigns(ctx),
        circles=list(ctx.settings.circles.items()),
        tags=list_tags(ctx),
        window=CAMPAIGN_DAYS,
    )


@router.post("/campaigns")
def create(
    request: Request,
    name: Annotated[str, Form()] = "",
    circle: Annotated[list[str] | None, Form()] = None,
    tags: Annotated[str, Form()] = "",
) -> Response:
    """Start a campaign for everyone in the circles ticked or carrying the tags typed."""
    ticked = list(circle or [])
    try:
        title = typed_in(CampaignIn, "name", "Name", name)
        with at("circle", "Circles"):
            for one in ticked:
                typed_in(CampaignIn, "circle", "Circles", one)
        typed_tags = split_list(typed_in(CampaignIn, "tags", "Tags", tags))
        view = new_campaign(ctx_of(request), title, ticked, typed_tags)
    except NetweaveError as exc:
        typed = {"name": name, "circle": ticked, "tags": tags}
        return _campaigns(request, refusal_of(exc, "new-campaign", typed, CAMPAIGN_FIELDS))
    page = said_at(request, f"/campaigns/{view['id']}", said_forms.campaign_started(view))
    return RedirectResponse(page, status_code=303)


@router.get("/campaigns/{campaign_id}")
def campaign_page(request: Request, campaign_id: PathId) -> Response:
    """One campaign's checklist: who, what to mention, who is greeted already."""
    return _campaign(request, campaign_id)


def _campaign(request: Request, campaign_id: int, refused: Refusal | None = None) -> Response:
    """A campaign's checklist; a Done (or Close) refused, with why (422): at the item's
    Done form, or above the checklist when the page shows no such form (no one of that
    number on it, or ticked off in another tab)."""
    view = show_campaign(ctx_of(request), campaign_id)
    forms = {f"done-{i['person_id']}" for i in view["items"] if not i["done"]}
    if refused and refused.form not in forms:
        refused = dataclasses.replace(refused, form="campaign", field=None)
    return render(
        request,
        "campaign.html",
        status_code=REFUSED if refused else 200,
        refused=refused,
        c=view,
        kinds=KINDS,
        greeting=GREETING,
    )


@router.post("/campaigns/{campaign_id}/done")
def item_done(
    request: Request,
    campaign_id: PathId,
    person: Annotated[str, Form()] = "",
    kind: Annotated[str, Form()] = GREETING,
) -> Response:
    """Tick a person off and log the greeting (their check-in is reset), as
    ``campaign done`` does."""
    who = person.strip()
    try:
        mark_done(ctx_of(request), campaign_id, [f"#{who}"] if who else [], kind=kind)
    except NetweaveError as exc:
        refused = refusal_of(exc, f"done-{who}", {"kind": kind}, DONE_FIELDS)
        return _campaign(request, campaign_id, refused)
    back = f"/campaigns/{campaign_id}?greeted={who}#person-{who}"  # focus lands on them
    return RedirectResponse(back, status_code=303)


@router.post("/campaigns/{campaign_id}/close")
def close(request: Request, campaign_id: PathId) -> Response:
    """End a campaign today: its open greetings leave Today; the checklist stays."""
    try:
        view = close_campaign(ctx_of(request), campaign_id)
    except NetweaveError as exc:  # ended already (in another tab): said above the checklist
        return _campaign(request, campaign_id, refusal_of(exc, "campaign", {}, {}))
    page = said_at(request, f"/campaigns/{campaign_id}", said_forms.campaign_closed(view))
    return RedirectResponse(page, status_code=303)
