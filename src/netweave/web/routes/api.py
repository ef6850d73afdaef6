"""The JSON API for people: list and search, create, show, edit, forget, strength history,
woven, log, tag, duplicates and their merge (with its undo), pairs kept apart (and taken back)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from pydantic import Field

from netweave.errors import InvalidInput
from netweave.services.directory import list_people
from netweave.services.history import strength_history
from netweave.services.interactions import LogRequest, log_interaction, woven_check
from netweave.services.merge import merge
from netweave.services.merge_review import (
    keep_apart,
    kept_apart,
    review,
    undo_keep_apart,
    undo_merge,
)
from netweave.services.people import add_person, edit_person, forget_person, show_person
from netweave.services.tagging import list_tags, tag_people
from netweave.web.deps import ctx_of
from netweave.web.forms import ApiIn, BodyId, LogIn, PathId, PersonIn, PersonPatchIn
from netweave.web.routes.people import PAGE_ROWS, people_filter

router = APIRouter(prefix="/api", tags=["people"])
Json = dict[str, Any]


class TagIn(ApiIn):
    """People to tag, and the tag."""

    ids: list[BodyId] = Field(min_length=1, max_length=500)
    tag: str = Field(min_length=1, max_length=100)


@router.get("/people")
def api_people(
    request: Request,
    q: str | None = Query(
        None,
        max_length=200,
        description="Words, an email address (or its start), a phone number, or an email "
        "domain: @acme.com or acme.com (and its subdomains), @acme (under any top-level "
        "domain).",
    ),
    tag: str | None = Query(None, max_length=100),
    circle: str | None = Query(None, max_length=50),
    org: str | None = Query(None, max_length=300),
    overdue: bool = False,
    limit: int = Query(PAGE_ROWS, ge=1, le=1000),
) -> list[Json]:
    """People matching a search and filters (the person shape of the CLI contract)."""
    return list_people(ctx_of(request), people_filter(q, tag, circle, org, overdue, limit))


@router.post("/people", status_code=201)
def api_create_person(request: Request, person: PersonIn) -> Json:
    """Create a person (``name`` required) and return them."""
    return add_person(ctx_of(request), person.changes())


class MergeIn(ApiIn):
    """Two records of one person: ``other`` is folded into ``keep``."""

    keep: BodyId
    other: BodyId


class PairIn(ApiIn):
    """Two records that are different people."""

    a: BodyId
    b: BodyId


@router.get("/people/duplicates")
def api_duplicates(request: Request, limit: int = Query(100, ge=1, le=1000)) -> list[Json]:
    """Pairs that may be one person, best first: both records, score, reason, ``keep``."""
    return review(ctx_of(request), limit)


@router.post("/people/merge")
def api_merge(request: Request, body: MergeIn) -> Json:
    """Merge ``other`` into ``keep`` losing nothing (not the user's own record); the
    ``batch`` undoes it."""
    return merge(ctx_of(request), f"#{body.keep}", f"#{body.other}", allow_me=False)


@router.post("/people/keep-apart")
def api_keep_apart(request: Request, body: PairIn) -> Json:
    """Two different people: the pair is not proposed as duplicates again."""
    return keep_apart(ctx_of(request), f"#{body.a}", f"#{body.b}")


@router.post("/people/keep-apart/undo")
def api_undo_keep_apart(request: Request, body: PairIn) -> Json:
    """Take back a "keep apart": the pair may be proposed as duplicates again (404 when it
    was not kept apart)."""
    return undo_keep_apart(ctx_of(request), f"#{body.a}", f"#{body.b}")


@router.get("/people/kept-apart")
def api_kept_apart(request: Request, limit: int = Query(100, ge=1, le=1000)) -> list[Json]:
    """The pairs kept apart, latest first: ``{a, b, since}``, each side ``{id, name}``."""
    return kept_apart(ctx_of(request), limit)


@router.post("/merges/{batch_id}/undo")
def api_undo_merge(request: Request, batch_id: PathId) -> Json:
    """Undo a merge: both records are back as they were."""
    return undo_merge(ctx_of(request), batch_id)


@router.get("/people/{person_id}")
def api_person(request: Request, person_id: PathId) -> Json:
    """Everything about one person: profile, contact points, positions, timeline, reciprocity."""
    return show_person(ctx_of(request), f"#{person_id}")


@router.patch("/people/{person_id}")
def api_edit_person(request: Request, person_id: PathId, changes: PersonPatchIn) -> Json:
    """Change a person as their page's form does (and ``people edit``): a field left out
    stays, ``null`` drops it, the lists add and ``remove_*`` take away. Returns the person."""
    return edit_person(ctx_of(request), f"#{person_id}", changes.changes())


@router.delete("/people/{person_id}")
def api_forget_person(request: Request, person_id: PathId, confirm: bool = False) -> Json:
    """Forget a person and everything only about them (not your own record). It cannot be
    undone, so it needs ``?confirm=true``, as the page asks for a confirmation."""
    if not confirm:
        raise InvalidInput("forgetting someone cannot be undone: add ?confirm=true")
    return {"id": person_id, "forgotten": forget_person(ctx_of(request), f"#{person_id}")}


@router.get("/people/{person_id}/strength")
def api_strength(request: Request, person_id: PathId) -> Json:
    """The strength of the relationship over time, with its factors at each point."""
    return strength_history(ctx_of(request), f"#{person_id}")


@router.get("/people/{person_id}/woven")
def api_woven(request: Request, person_id: PathId) -> Json:
    """The woven check: is the relationship ready for a job or referral ask?"""
    return woven_check(ctx_of(request), f"#{person_id}")


@router.post("/log", status_code=200)
def api_log(request: Request, body: LogIn) -> Json:
    """Log a conversation; an unwoven job or referral ask is not recorded without ``confirmed``."""
    data = body.model_dump()
    names = [f"#{pid}" for pid in data.pop("people")]
    return log_interaction(ctx_of(request), LogRequest(names=names, **data))


@router.get("/tags")
def api_tags(request: Request) -> list[Json]:
    """Every tag with how many people carry it."""
    return list_tags(ctx_of(request))


@router.post("/people/tag")
def api_tag_people(request: Request, body: TagIn) -> Json:
    """Give a tag to many people at once."""
    return tag_people(ctx_of(request), body.ids, body.tag)
