"""The pages of the woven net: introductions (suggestions and the opt-in steps) and the map."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import RedirectResponse, Response

from netweave.errors import InvalidInput
from netweave.services import intros
from netweave.services.context import Context
from netweave.services.intro_suggestions import suggest_intros_or_why
from netweave.services.tagging import list_tags
from netweave.web.deps import ctx_of, render
from netweave.web.forms import MAX_ID, PathId, optional
from netweave.web.pages import remembered_page

router = APIRouter(include_in_schema=False)


@router.get("/intros")
async def intros_page(request: Request) -> Response:
    """Suggested introductions and the ones under way (kept rendered until anything
    changes: matching everyone's needs and offers is the dearest read of the app)."""
    ctx = ctx_of(request)
    return await remembered_page(request, "intros", "intros.html", lambda: _intros_context(ctx))


def _intros_context(ctx: Context) -> dict[str, Any]:
    suggestions, why_none = suggest_intros_or_why(ctx, limit=12)
    every = intros.list_intros(ctx, include_closed=True)
    return {
        "suggestions": suggestions,
        "why_none": why_none,
        # a declined one with a step left (A, who said yes, waits to hear) is still under way
        "intros": [i for i in every if i["state"] in intros.OPEN_STATES or i["actions"]],
        "finished": [i for i in every if i["state"] not in intros.OPEN_STATES and not i["actions"]],
    }


@router.post("/intros")
def propose(
    request: Request,
    a: Annotated[int, Form(ge=1, le=MAX_ID)],
    b: Annotated[int, Form(ge=1, le=MAX_ID)],
    why: Annotated[str, Form()] = "",
) -> Response:
    """Start a double opt-in introduction."""
    intros.propose(ctx_of(request), f"#{a}", f"#{b}", why)
    return RedirectResponse("/intros", status_code=303)


@router.post("/intros/new")
def propose_by_name(
    request: Request,
    a: Annotated[str, Form(max_length=200)] = "",
    b: Annotated[str, Form(max_length=200)] = "",
    why: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    """Start an introduction of two people the user names (a name or ``#id`` each)."""
    if not a.strip() or not b.strip():
        raise InvalidInput("name the two people to introduce")
    intros.propose(ctx_of(request), a, b, why)
    return RedirectResponse("/intros", status_code=303)


@router.post("/intros/{intro_id}/outcome")
def outcome(
    request: Request,
    intro_id: PathId,
    met: Annotated[str, Form(max_length=3)] = "",
    helped: Annotated[str, Form(max_length=3)] = "",
    note: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    """How an introduction turned out: did they meet, did it help."""
    answers = {"": None, "yes": True, "no": False}
    if met not in answers or helped not in answers:
        raise InvalidInput("met and helped: yes, no, or left empty")
    intros.record_outcome(
        ctx_of(request), intro_id, met=answers[met], helped=answers[helped], note=optional(note)
    )
    return RedirectResponse("/intros", status_code=303)


@router.post("/intros/dismiss")
def dismiss(
    request: Request,
    a: Annotated[int, Form(ge=1, le=MAX_ID)],
    b: Annotated[int, Form(ge=1, le=MAX_ID)],
) -> Response:
    """Never suggest these two again."""
    intros.dismiss_suggestion(ctx_of(request), f"#{a}", f"#{b}")
    return RedirectResponse("/intros", status_code=303)


@router.post("/intros/{intro_id}/{action}")
def step(
    request: Request, intro_id: PathId, action: str, note: Annotated[str, Form()] = ""
) -> Response:
    """Take the next opt-in step: ask, agree, introduce or decline (or, once it stopped
    after A's yes, tell A)."""
    ctx = ctx_of(request)
    if action == "ask":
        intros.ask(ctx, intro_id)
    elif action == "agree":
        intros.agree(ctx, intro_id, optional(note))
    elif action == "introduce":
        intros.introduce(ctx, intro_id, optional(note))
    elif action == "decline":
        intros.decline(ctx, intro_id, optional(note))
    elif action == "tell":
        intros.tell(ctx, intro_id, optional(note))
    else:
        raise HTTPException(404, f"no step {action!r}")
    return RedirectResponse("/intros", status_code=303)


@router.get("/map")
def map_page(
    request: Request,
    color: str = "circle",
    tag: Annotated[str, Query(max_length=100)] = "",
    org: Annotated[str, Query(max_length=300)] = "",
    circle: Annotated[str, Query(max_length=50)] = "",
) -> Response:
    """The network map (drawn by static/map.js from /api/graph), narrowed by the filters."""
    ctx = ctx_of(request)
    filters = {k: v.strip() for k, v in (("tag", tag), ("org", org), ("circle", circle))}
    shown = {k: v for k, v in filters.items() if v}
    color = "organization" if color == "organization" else "circle"
    return render(
        request,
        "map.html",
        color=color,
        filters=filters,
        query=urlencode(shown),
        by_color={c: "/map?" + urlencode({"color": c} | shown) for c in ("circle", "organization")},
        as_list="/people" + ("?" + urlencode(shown) if shown else ""),
        tags=list_tags(ctx),
        circles=list(ctx.settings.circles),
    )
