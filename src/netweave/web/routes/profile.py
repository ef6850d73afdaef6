"""The person page's profile beyond the edit form: "This is me" (the user's own record made
of a person while there is none) and their schools, alumni groups and clubs, added and
removed, through the services the command line's ``people`` commands stand on. The form that
adds a community, refused, comes back on the page as it was sent (422), the message at the
field it concerns."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from netweave.errors import NetweaveError
from netweave.services.affiliations import add_affiliation, remove_affiliation
from netweave.services.own_record import make_me
from netweave.web.deps import ctx_of, said_at, wants_json
from netweave.web.form_checks import refused_at, typed_in, whole
from netweave.web.forms import MAX_ID, AffiliationIn, PathId, optional
from netweave.web.person_page import render_person
from netweave.web.refusal import REFUSED, FieldRefused, Fields

router = APIRouter(include_in_schema=False)

#: The fields of the form that adds a community to a person, and how their refusals start.
AFFILIATION_FIELDS: Fields = {
    "community": ("School, group or club", "community"),
    "kind": ("Kind", "unknown kind of community"),
    "role": ("Role",),
    "start": ("From", "from"),
    "end": ("To", "to"),
}
#: A field of the form as typed (checked in the route: a refusal is said at the field).
Text = Annotated[str, Form()]


@router.post("/people/{person_id}/me")
def this_is_me(request: Request, person_id: PathId) -> Response:
    """Make this person the user's own record (refused while there is one already, or when
    the record has conversations with the user); back on their page, saying so."""
    view = make_me(ctx_of(request), f"#{person_id}")
    if wants_json(request):
        return JSONResponse(view)
    done = (
        f"{view['name']} is your own record already. Nothing changed."
        if view["already"]
        else f"{view['name']} is you now: your own record. What you need, offer and care "
        "about, and your schools, are matched with your network's."
    )
    return RedirectResponse(said_at(request, f"/people/{person_id}", done), status_code=303)


@router.post("/people/{person_id}/affiliations")
def add(
    request: Request,
    person_id: PathId,
    community: Text = "",
    kind: Text = "",
    role: Text = "",
    start: Text = "",
    end: Text = "",
) -> Response:
    """Add a school, an alumni group or a club to the person, with their role and years;
    refused, their page with the form as it was sent, the message at the field (422)."""
    typed = {"community": community, "kind": kind, "role": role, "start": start, "end": end}
    try:
        row = _added(request, person_id, typed)
    except NetweaveError as exc:  # (the person of the page gone: the error page, 404)
        refused = refused_at(exc, "affiliation", typed, AFFILIATION_FIELDS, "community")
        return render_person(request, person_id, REFUSED, affiliation_refused=refused)
    if wants_json(request):
        return JSONResponse(row)
    as_role = f" ({row['role']})" if row["role"] else ""
    done = f"Added {row['community']}{as_role} to {row['person']}'s schools and communities."
    page = said_at(request, f"/people/{person_id}", done, "affiliations")
    return RedirectResponse(page, status_code=303)


def _added(request: Request, person_id: int, typed: dict[str, str]) -> dict[str, Any]:
    """The affiliation the form adds, each field read as the form takes it."""
    fields = {k: typed_in(AffiliationIn, k, AFFILIATION_FIELDS[k][0], typed[k])
              for k in ("community", "role", "start", "end")}  # fmt: skip
    if not fields["community"].strip():
        raise FieldRefused("community", "School, group or club: name it")
    years = [
        whole(k, AFFILIATION_FIELDS[k][0], fields[k]) if fields[k].strip() else None
        for k in ("start", "end")
    ]
    return add_affiliation(
        ctx_of(request),
        f"#{person_id}",
        fields["community"],
        kind=optional(typed["kind"][:16]),
        role=optional(fields["role"]),
        start_year=years[0],
        end_year=years[1],
    )


@router.post("/people/{person_id}/affiliations/remove")
def remove(
    request: Request,
    person_id: PathId,
    affiliation: Annotated[int, Form(ge=1, le=MAX_ID)],
) -> Response:
    """Take one of the person's schools or communities away."""
    row = remove_affiliation(ctx_of(request), f"#{person_id}", affiliation)
    if wants_json(request):
        return JSONResponse(row)
    done = f"Removed {row['community']} from {row['person']}'s schools and communities."
    page = said_at(request, f"/people/{person_id}", done, "affiliations")
    return RedirectResponse(page, status_code=303)
