"""The Targets page: the LAMP list of target employers, added to, changed and shortened.

A form refused comes back on the page as it was sent (422), the message at its field: the
new target's form, or the Change form of the target it was about (opened).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from netweave.errors import NearMatch, NetweaveError, NotFound
from netweave.logic.lamp import ADVOCACY_MEANING, short_list
from netweave.services.orgs import NEW_ORG_ANYWAY, organization_names
from netweave.services.targets import add_target, list_targets, remove_target, set_target
from netweave.web.deps import ctx_of, render, said_at
from netweave.web.form_checks import refused_at, text, whole
from netweave.web.forms import PathId
from netweave.web.refusal import REFUSED, Fields, Refusal, refusal_of
from netweave.web.said import target_set
from netweave.web.said_forms import target_removed

router = APIRouter(include_in_schema=False)
#: The refusals said above the list (a target taken off it since the page was shown).
LIST = "target-list"

#: The fields of the target forms, and how their refusals start.
TARGET_FIELDS: Fields = {
    "org": ("Employer",),
    "motivation": ("Motivation",),
    "posting": ("Posting",),
}


@router.get("/targets")
def targets_page(request: Request) -> Response:
    """The LAMP list: target employers ranked, with the advocates there."""
    return _page(request)


def _page(request: Request, refused: Refusal | None = None, *, near: bool = False) -> Response:
    """The list; a form of it refused, as it was sent, with why (422); ``near``: refused for
    an employer only close to organizations' names, so the box that says it is a new one is
    offered."""
    ctx = ctx_of(request)
    return render(
        request,
        "targets.html",
        status_code=REFUSED if refused else 200,
        refused=refused,
        targets=(targets := list_targets(ctx)),
        short=short_list(len(targets)),
        advocacy_meaning=ADVOCACY_MEANING,
        org_names=organization_names(ctx),
        near=near,
        new_org_anyway=NEW_ORG_ANYWAY,
    )


def _scores(motivation: str, posting: str) -> tuple[int, int]:
    """The motivation and the posting chosen, as numbers (the service checks their ranges)."""
    return whole("motivation", "Motivation", motivation), whole("posting", "Posting", posting)


@router.post("/targets")
def create_target(
    request: Request,
    org: Annotated[str, Form()] = "",
    motivation: Annotated[str, Form()] = "1",
    posting: Annotated[str, Form()] = "1",
    new_org: Annotated[str, Form()] = "",
) -> Response:
    """Put an employer on the LAMP list (a new name is a new organization, one only close to
    others' once ``new_org`` says it is); refused, the
    page again with the form as it was sent, the message at the field at fault (an
    organization's name, or one that cannot be a target, is the Employer's)."""
    try:
        scores = _scores(motivation, posting)
        name = text("org", "Employer", org, 300)
        target = add_target(ctx_of(request), name, motivation=scores[0], posting=scores[1],
                            new_org=bool(new_org))  # fmt: skip
    except NetweaveError as exc:
        typed = {"org": org, "motivation": motivation, "posting": posting, "new_org": new_org}
        refused = refused_at(exc, "new-target", typed, TARGET_FIELDS, "org")
        return _page(request, refused, near=isinstance(exc, NearMatch) or bool(new_org))
    done = target_set(target, added=True)
    return RedirectResponse(said_at(request, "/targets", done), status_code=303)


@router.post("/targets/{org_id}/set")
def change_target(
    request: Request,
    org_id: PathId,
    motivation: Annotated[str, Form()] = "",
    posting: Annotated[str, Form()] = "",
) -> Response:
    """Change a target's motivation and posting."""
    try:
        scores = _scores(motivation, posting)
        target = set_target(ctx_of(request), f"#{org_id}", motivation=scores[0], posting=scores[1])
    except NotFound as exc:  # taken off the list since: said above it
        return _page(request, refusal_of(exc, LIST, {}, {}))
    except NetweaveError as exc:
        typed = {"motivation": motivation, "posting": posting}
        return _page(request, refusal_of(exc, f"set-{org_id}", typed, TARGET_FIELDS))
    done = target_set(target, added=False)
    return RedirectResponse(said_at(request, "/targets", done), status_code=303)


@router.post("/targets/{org_id}/remove")
def drop_target(request: Request, org_id: PathId) -> Response:
    """Take an employer off the LAMP list (the organization and its people stay)."""
    try:
        org = remove_target(ctx_of(request), f"#{org_id}")
    except NetweaveError as exc:  # gone already: said above the list
        return _page(request, refusal_of(exc, LIST, {}, {}))
    return RedirectResponse(said_at(request, "/targets", target_removed(org)), status_code=303)
