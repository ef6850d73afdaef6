"""The JSON API for the woven net: introduction suggestions, the opt-in steps, the map's data."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from pydantic import Field

from netweave.services import intros
from netweave.services.directory import PeopleFilter
from netweave.services.intro_suggestions import suggest_intros
from netweave.services.memo import remembered
from netweave.services.network_map import MAP_MOST, MAP_PEOPLE, network_map
from netweave.web.deps import ctx_of
from netweave.web.forms import ApiIn, BodyId, PathId, optional

router = APIRouter(prefix="/api")
Json = dict[str, Any]


class IntroIn(ApiIn):
    """Two people to introduce, and why."""

    a: BodyId
    b: BodyId
    why: str = Field(min_length=1, max_length=2000)


class StepIn(ApiIn):
    """A note for an opt-in step."""

    note: str | None = Field(None, max_length=2000)


@router.get("/intros/suggestions", tags=["introductions"])
def api_suggestions(request: Request) -> list[Json]:
    """Pairs worth introducing, best first (remembered until anything changes, as the
    Introductions page is)."""
    ctx = ctx_of(request)
    return remembered(ctx, ("intro-suggestions", 12), lambda: suggest_intros(ctx, limit=12))


@router.get("/intros", tags=["introductions"])
def api_intros(request: Request) -> list[Json]:
    """Introductions, open ones first."""
    return intros.list_intros(ctx_of(request), include_closed=True)


@router.post("/intros", tags=["introductions"], status_code=201)
def api_propose(request: Request, body: IntroIn) -> Json:
    """Start a double opt-in introduction."""
    return intros.propose(ctx_of(request), f"#{body.a}", f"#{body.b}", body.why)


@router.post("/intros/{intro_id}/ask", tags=["introductions"])
def api_ask(request: Request, intro_id: PathId) -> Json:
    """The opt-in question went out to the side whose turn it is."""
    return intros.ask(ctx_of(request), intro_id)


@router.post("/intros/{intro_id}/agree", tags=["introductions"])
def api_agree(request: Request, intro_id: PathId, body: StepIn) -> Json:
    """The side asked said yes."""
    return intros.agree(ctx_of(request), intro_id, body.note)


@router.post("/intros/{intro_id}/introduce", tags=["introductions"])
def api_introduce(request: Request, intro_id: PathId, body: StepIn) -> Json:
    """Both agreed and the introduction was sent."""
    return intros.introduce(ctx_of(request), intro_id, body.note)


@router.post("/intros/{intro_id}/decline", tags=["introductions"])
def api_decline(request: Request, intro_id: PathId, body: StepIn) -> Json:
    """A side said no: stop here."""
    return intros.decline(ctx_of(request), intro_id, body.note)


@router.post("/intros/{intro_id}/tell", tags=["introductions"])
def api_tell(request: Request, intro_id: PathId, body: StepIn) -> Json:
    """A agreed, then it stopped: A was told it will not happen (not why)."""
    return intros.tell(ctx_of(request), intro_id, body.note)


class OutcomeIn(ApiIn):
    """How an introduction turned out: ``null`` (or left out) for not known yet."""

    met: bool | None = None
    helped: bool | None = None
    note: str | None = Field(None, max_length=2000)


@router.post("/intros/{intro_id}/outcome", tags=["introductions"])
def api_outcome(request: Request, intro_id: PathId, body: OutcomeIn) -> Json:
    """How a made introduction turned out: did they meet, did it help (as `intros outcome`;
    a second outcome corrects the one before, what it does not say staying)."""
    return intros.record_outcome(
        ctx_of(request), intro_id, met=body.met, helped=body.helped, note=body.note
    )


@router.get("/graph", tags=["network"])
def api_graph(
    request: Request,
    min_strength: int = 0,
    limit: Annotated[int, Query(ge=1, le=MAP_MOST)] = MAP_PEOPLE,
    tag: Annotated[str | None, Query(max_length=100)] = None,
    org: Annotated[str | None, Query(max_length=300)] = None,
    circle: Annotated[str | None, Query(max_length=50)] = None,
) -> Json:
    """The network map's data: nodes, edges and clusters of at most ``limit`` people (the
    people at the targets and the strongest ties), with ``total``, the people the filters
    match. The whole network is exported by ``netweave graph export``."""
    filters = PeopleFilter(tag=optional(tag), organization=optional(org), circle=optional(circle))
    return network_map(
        ctx_of(request), filters, limit=limit, min_strength=max(0, min(min_strength, 100))
    )
