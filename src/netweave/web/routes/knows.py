"""Who a person knows, on their page: recorded, removed, and suggestions confirmed or
dismissed, through the services ``netweave knows`` uses."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from netweave.errors import InvalidInput
from netweave.services import knows
from netweave.web.deps import ctx_of
from netweave.web.forms import MAX_ID, PathId, optional

router = APIRouter(include_in_schema=False)

#: The other person of a pair, as the page's buttons send them.
Other = Annotated[int, Form(ge=1, le=MAX_ID)]


def _back(person_id: int) -> Response:
    return RedirectResponse(f"/people/{person_id}#knows", status_code=303)


@router.post("/people/{person_id}/knows")
def add(
    request: Request,
    person_id: PathId,
    other: Annotated[str, Form(max_length=200)] = "",
    context: Annotated[str, Form(max_length=300)] = "",
) -> Response:
    """Record that the person knows someone the user names (a name, an email or ``#id``)."""
    if not other.strip():
        raise InvalidInput("name the person they know")
    knows.add_knows(ctx_of(request), f"#{person_id}", other, context=optional(context))
    return _back(person_id)


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
