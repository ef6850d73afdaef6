"""The Organizations pages: the list, the people at each, and merging two names of one."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError

from netweave.errors import InvalidInput, NetweaveError, NotFound
from netweave.services.context import Context
from netweave.services.org_merge import merge_organizations, org_merge_summary, undo_org_merge
from netweave.services.orgs import (
    edit_organization,
    list_organizations,
    organization_names,
    show_organization,
)
from netweave.services.paths import warm_paths
from netweave.web.deps import ctx_of, give_notice, render, take_notice
from netweave.web.forms import OrgEditIn, PathId, within_limits
from netweave.web.refusal import REFUSED, Fields, refusal_of
from netweave.web.shown import reconciled, shown_field

router = APIRouter(include_in_schema=False)
#: Organizations listed at once (largest first); the rest are reached by search.
PAGE_ROWS = 200
#: The longest name the "Merge into…" field takes (as long as an organization's name).
MAX_MERGE_INTO = 300


@router.get("/orgs")
def orgs_page(request: Request, q: str | None = None) -> Response:
    """Organizations, the ones with most people first."""
    orgs = list_organizations(ctx_of(request), q)
    return render(
        request, "orgs.html", orgs=orgs[:PAGE_ROWS], total=len(orgs), q=q or "", limit=PAGE_ROWS
    )


@router.get("/orgs/{org_id}")
def org_page(
    request: Request,
    org_id: PathId,
    merged: Annotated[str, Query(max_length=64)] = "",
    undone: Annotated[str, Query(max_length=64)] = "",
) -> Response:
    """One organization: the people there now and before, and the warm paths in; just
    after a merge into it, what was merged with its undo (or, undone, that it was), once
    (``merged``, ``undone``: the keys of those notices, ``web/notices.py``)."""
    ctx = ctx_of(request)
    page = f"/orgs/{org_id}"
    made, unmade = (
        take_notice(request, merged, f"merged:{page}"),
        take_notice(request, undone, f"undone:{page}"),
    )
    return _org_page(
        request,
        org_id,
        merge=_flash(ctx, made if isinstance(made, int) else None, "kept", org_id, "done"),
        undone=_flash(ctx, unmade if isinstance(unmade, int) else None, "merged", org_id, "undone"),
    )


def _org_page(request: Request, org_id: int, status_code: int = 200, **shown: Any) -> Response:
    """An organization's page, with what ``shown`` says on it (a merge's flash, a refusal)."""
    ctx = ctx_of(request)
    org = show_organization(ctx, f"#{org_id}")
    return render(
        request,
        "org.html",
        status_code=status_code,
        org=org,
        paths=warm_paths(ctx, f"#{org_id}"),
        org_names=[n for n in organization_names(ctx) if n != org["name"]],
        edit_shown=shown_field(_as_shown(org)),
        **shown,
    )


def _as_shown(org: dict[str, Any]) -> dict[str, Any]:
    """The Edit form's fields as it shows the organization now."""
    return {k: org[k] or "" for k in ("name", "domain", "industry", "location", "notes")}


def _flash(
    ctx: Context, batch: int | None, role: str, org_id: int, state: str
) -> dict[str, Any] | None:
    """The organization merge a flash message is about, when this page's organization is
    its ``role`` (the one kept, or the one merged away) and it is in ``state``."""
    if batch is None:
        return None
    try:
        summary = org_merge_summary(ctx, batch)
    except NetweaveError:
        return None
    return summary if summary["state"] == state and summary[role]["id"] == org_id else None


@router.post("/orgs/{org_id}/merge")
def merge_into(request: Request, org_id: PathId, into: Annotated[str, Form()] = "") -> Response:
    """Merge this organization into the one named (its people, targets and leads move
    there, its name stays as an alias); that one's page says so, with an undo. A merge
    refused (this one named, or one not known) is said on this page, the form as it was
    sent (422: the form is refused, even when the name it gives is of no organization, or
    one too long to be any)."""
    try:
        if not into.strip():
            raise InvalidInput("name the organization to merge this one into")
        if len(into) > MAX_MERGE_INTO:
            raise InvalidInput(f"name the organization in at most {MAX_MERGE_INTO} characters "
                               f"(this name has {len(into):,})")  # fmt: skip
        result = merge_organizations(ctx_of(request), into, [f"#{org_id}"])
    except NetweaveError as exc:
        try:
            return _org_page(request, org_id, REFUSED, merge_error=exc.said(web=True),
                             merge_into=into)  # fmt: skip
        except NotFound:  # this organization is gone: the error page says what was refused
            raise exc from None
    keep, [one] = result["kept"], result["merged"]
    said = give_notice(request, f"merged:/orgs/{keep['id']}", one["batch"])  # said once
    return RedirectResponse(f"/orgs/{keep['id']}?merged={said}", status_code=303)


@router.post("/orgs/merges/{batch_id}/undo")
def undo_merge(request: Request, batch_id: PathId) -> Response:
    """Undo an organization merge: the one merged away is back, with its people."""
    summary = undo_org_merge(ctx_of(request), batch_id)
    back = f"/orgs/{summary['merged']['id']}"
    said = give_notice(request, f"undone:{back}", batch_id)  # said once
    return RedirectResponse(f"{back}?undone={said}", status_code=303)


#: The fields of the form that edits an organization, and how their refusals start.
ORG_FIELDS: Fields = {
    "name": (
        "Name",
        "an organization needs a name",
        "not an organization name",
        "give the organization's name",
    ),
    "domain": ("Domain", "not a domain"),
    "industry": ("Industry",),
    "location": ("Location",),
    "notes": ("Notes", "note"),
}


@router.post("/orgs/{org_id}/edit")
def edit(
    request: Request,
    org_id: PathId,
    name: Annotated[str, Form()] = "",
    domain: Annotated[str, Form()] = "",
    industry: Annotated[str, Form()] = "",
    location: Annotated[str, Form()] = "",
    notes: Annotated[str, Form()] = "",
    shown: Annotated[str, Form()] = "",
) -> Response:
    """Save what the form changed in the organization's name and details (a field left as
    the form showed it keeps what was saved elsewhere since; one changed here and there too
    is refused, saying both); refused, the page again with the form as it was sent, the
    message beside the field at fault (one too long too)."""
    ctx = ctx_of(request)
    typed = {"name": name, "domain": domain, "industry": industry, "location": location,
             "notes": notes}  # fmt: skip
    org = show_organization(ctx, f"#{org_id}")
    try:
        typed = reconciled(typed, shown, _as_shown(org), what=org["name"], labels=ORG_FIELDS)
        within_limits(OrgEditIn, typed)
        edit_organization(
            ctx,
            f"#{org_id}",
            name=typed["name"],
            domain=typed["domain"],
            industry=typed["industry"],
            location=typed["location"],
            note=typed["notes"],
        )
    except (NetweaveError, ValidationError) as exc:
        refused = refusal_of(exc, "edit-org", typed, ORG_FIELDS)
        return _org_page(request, org_id, REFUSED, refused=refused)
    return RedirectResponse(f"/orgs/{org_id}", status_code=303)
