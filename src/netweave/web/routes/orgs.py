"""The Organizations pages: the list and the people at each."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from netweave.services.orgs import edit_organization, list_organizations, show_organization
from netweave.services.paths import warm_paths
from netweave.web.deps import ctx_of, render
from netweave.web.forms import PathId

router = APIRouter(include_in_schema=False)
#: Organizations listed at once (largest first); the rest are reached by search.
PAGE_ROWS = 200


@router.get("/orgs")
def orgs_page(request: Request, q: str | None = None) -> Response:
    """Organizations, the ones with most people first."""
    orgs = list_organizations(ctx_of(request), q)
    return render(
        request, "orgs.html", orgs=orgs[:PAGE_ROWS], total=len(orgs), q=q or "", limit=PAGE_ROWS
    )


@router.get("/orgs/{org_id}")
def org_page(request: Request, org_id: PathId) -> Response:
    """One organization: the people there now and before, and the warm paths in."""
    ctx = ctx_of(request)
    org = show_organization(ctx, f"#{org_id}")
    return render(request, "org.html", org=org, paths=warm_paths(ctx, f"#{org_id}"))


@router.post("/orgs/{org_id}/edit")
def edit(
    request: Request,
    org_id: PathId,
    name: Annotated[str, Form(max_length=300)] = "",
    domain: Annotated[str, Form(max_length=300)] = "",
    industry: Annotated[str, Form(max_length=300)] = "",
    location: Annotated[str, Form(max_length=300)] = "",
    notes: Annotated[str, Form(max_length=10000)] = "",
) -> Response:
    """Save the organization's name and details as the form shows them."""
    edit_organization(
        ctx_of(request),
        f"#{org_id}",
        name=name,
        domain=domain,
        industry=industry,
        location=location,
        note=notes,
    )
    return RedirectResponse(f"/orgs/{org_id}", status_code=303)
