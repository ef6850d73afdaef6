"""Who a person knows, on their page: recorded, removed, and suggestions confirmed or
dismissed, through the services ``netweave knows`` uses. The form that records one, refused
(a name too long, no one or several of that name), comes back on the page as it was sent
(422), the message at the field it concerns."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from netweave.errors import NetweaveError
from netweave.services import knows
from netweave.web import said_forms
from netweave.web.deps import ctx_of, said_at
from netweave.web.form_checks import refused_at, typed_in
from netweave.web.forms import MAX_ID, KnowsIn, PathId, optional
from netweave.web.person_page import render_person
from netweave.web.refusal import REFUSED, FieldRefused, Fields

router = APIRouter(include_in_schema=False)

#: The other person of a pair, as the page's buttons send them.
Other = Annotated[int, Form(ge=1, le=MAX_ID)]


def _back(person_id: int) -> Response:
    return RedirectResponse(f"/people/{person_id}#knows", status_code=303)


#: The fields of the form that records whom a person knows, and how their refusals start
#: (the rest concern the name typed: no one, or several, of that name).
KNOWS_FIELDS: Fields = {
    "other": ("Someone they know", "name the person"),
    "context": ("How they know each other",),
}


@router.post("/people/{person_id}/knows")
def add(
    request: Request,
    person_id: PathId,
    other: Annotated[str, Form()] = "",
    context: Annotated[str, Form()] = "",
    how: Annotated[str, Form()] = "well",
) -> Response:
    """Record that the person knows someone the user names (a name, an email or ``#id``),
    how well; refused, their page with the form as it was sent, the message at the field (422)."""
    try:
        name = typed_in(KnowsIn, "other", "Someone they know", other)
        said = optional(typed_in(KnowsIn, "context", "How they know each other", context))
        if not name.strip():
            raise FieldRefused("other", "Someone they know: name the person they know")
        edge = knows.add_knows(ctx_of(request), f"#{person_id}", name, context=said, how=how)
    except NetweaveError as exc:  # (the person of the page gone: the error page, 404)
        typed = {"other": other, "context": context, "how": how}
        refused = refused_at(exc, "knows", typed, KNOWS_FIELDS, "other")
        return render_person(request, person_id, REFUSED, knows_refused=refused)
    page = said_at(request, f"/people/{person_id}", said_forms.knows_added(edge), "knows")
    return RedirectResponse(page, status_code=303)


@router.post("/people/{person_id}/knows/remove")
def remove(request: Request, person_id: PathId, other: Other) -> Response:
    """Forget that the person knows ``other``."""
    knows.remove_knows(ctx_of(request), f"#{person_id}", f"#{other}")
    return _back(person_id)


@router.post("/people/{person_id}/knows/confirm")
def confirm(request: Request, person_id: PathId, other: Other) -> Response:
    """Accept the suggestion that the person knows ``other``."""
    knows.confirm(ctx_of(request), f"#{person_id}", f"#{other}")
    return _back(person_id)


@router.post("/people/{person_id}/knows/dismiss")
def dismiss(request: Request, person_id: PathId, other: Other) -> Response:
    """Turn down the suggestion that the person knows ``other``: it is not made again."""
    knows.dismiss(ctx_of(request), f"#{person_id}", f"#{other}")
    return _back(person_id)
