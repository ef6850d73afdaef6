"""The Duplicates page: proposed pairs side by side, merge one (and undo it), or keep a pair
apart (and take that back)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from netweave.errors import InvalidInput, NetweaveError
from netweave.services.directory import names_of
from netweave.services.merge import merge
from netweave.services.merge_review import (
    keep_apart,
    kept_apart,
    merge_summary,
    review_page,
    undo_keep_apart,
    undo_merge,
)
from netweave.web.deps import ctx_of, give_notice, render, status_of, take_notice
from netweave.web.forms import MAX_ID, PathId, address_id

router = APIRouter(include_in_schema=False)
FormId = Annotated[int, Form(ge=1, le=MAX_ID)]
#: Pairs shown at once: each merged or kept apart makes room for the next.
PAGE_PAIRS = 50
#: Pairs kept apart listed at once (the latest).
KEPT_APART_SHOWN = 100
#: A pair in a link: two person numbers, ``12-58`` (read by ``_ids``).
PairQuery = Annotated[str | None, Query(max_length=40)]
#: Pages of pairs there are links to (the likeliest 1,000 pairs).
PAGES = 20


@router.get("/people/duplicates")
def duplicates_page(
    request: Request,
    undone: Annotated[str, Query(max_length=64)] = "",
    apart: PairQuery = None,
    again: PairQuery = None,
    page: Annotated[int, Query(ge=1, le=PAGES)] = 1,
) -> Response:
    """The pairs that may be one person, a page at a time, the likeliest first, each with a
    merge form and a "not the same" button, then the pairs kept apart, each with a button to
    propose it again. After a pair is kept apart (``apart``), the message offers its undo;
    after that undo (``again``), it names the pair; after a merge is undone, it says so,
    once (``undone``: the key of that notice)."""
    ctx = ctx_of(request)
    _ids(apart)  # (a pair that is none is refused, as ``again``)
    batch = take_notice(request, undone, "undone:/people/duplicates")
    return _page(
        request,
        page,
        undone=merge_flash(request, batch if isinstance(batch, int) else None),
        apart=apart,
        again=names_of(ctx, _ids(again)) if again else None,
    )


def _page(
    request: Request, page: int, status_code: int = 200, apart: str | None = None, **shown: Any
) -> Response:
    """A page of the pairs and the pairs kept apart, with what ``shown`` says about them."""
    ctx = ctx_of(request)
    apart_pairs = kept_apart(ctx, KEPT_APART_SHOWN)
    found = review_page(ctx, PAGE_PAIRS, page)
    refused = shown.get("refused")
    if refused is not None:  # said on its pair when that is listed, else above them all
        pairs = (f"{p['a']['id']}-{p['b']['id']}" for p in found["pairs"])
        refused["listed"] = refused["pair"] in pairs
    return render(
        request,
        "duplicates.html",
        status_code=status_code,
        **found,
        page=page,
        last_page=PAGES,
        limit=PAGE_PAIRS,
        kept_apart=apart_pairs,
        kept_limit=KEPT_APART_SHOWN,
        apart=_kept(apart_pairs, apart),
        **shown,
    )


def _ids(pair: str | None) -> list[int]:
    """The two person numbers of a pair in a link (``12-58``), each read by the one rule of
    numbers typed (``address_id``); a pair that is not two is refused, naming it."""
    if not pair:
        return []
    ids = [address_id(part) for part in pair.split("-")]
    if len(ids) != 2 or None in ids:
        raise InvalidInput(f"a pair is two people's numbers like 12-58, not {pair!r}")
    return [number for number in ids if number is not None]


def _kept(pairs: list[dict[str, Any]], pair: str | None) -> dict[str, Any] | None:
    """The pair just kept apart, if it still is (its message offers the undo)."""
    wanted = sorted(_ids(pair))
    return next((p for p in pairs if [p["a"]["id"], p["b"]["id"]] == wanted), None)


def merge_flash(request: Request, batch: int | None) -> dict[str, Any] | None:
    """The merge a flash message is about (none when the number is not a merge's)."""
    if batch is None:
        return None
    try:
        return merge_summary(ctx_of(request), batch)
    except NetweaveError:
        return None


@router.post("/people/merge")
def merge_pair(
    request: Request,
    keep: FormId,
    a: FormId,
    b: FormId,
    page: Annotated[int, Form(ge=1, le=PAGES)] = 1,
) -> Response:
    """Merge the pair into the record chosen to keep, then show that person. A merge
    refused (one of them merged or forgotten meanwhile) is said on the page it was sent
    from, that pair's choice as it was sent."""
    try:
        if keep not in (a, b):
            raise InvalidInput("keep one of the two people of the pair")
        other = b if keep == a else a
        result = merge(ctx_of(request), f"#{keep}", f"#{other}", allow_me=False)
    except NetweaveError as exc:
        refused = {"pair": f"{a}-{b}", "keep": keep, "error": exc.said(web=True)}
        return _page(request, page, status_of(exc), refused=refused)
    said = give_notice(request, f"merged:/people/{keep}", result["batch"])  # said once
    return RedirectResponse(f"/people/{keep}?merged={said}", status_code=303)


@router.post("/people/keep-apart")
def keep_pair_apart(request: Request, a: FormId, b: FormId) -> Response:
    """Two different people: the pair is not proposed again (the message offers the undo)."""
    result = keep_apart(ctx_of(request), f"#{a}", f"#{b}")
    pair = f"{result['a']['id']}-{result['b']['id']}"
    return RedirectResponse(f"/people/duplicates?apart={pair}", status_code=303)


@router.post("/people/keep-apart/undo")
def propose_pair_again(request: Request, a: FormId, b: FormId) -> Response:
    """Take back a "keep apart": the pair may be proposed again."""
    result = undo_keep_apart(ctx_of(request), f"#{a}", f"#{b}")
    pair = f"{result['a']['id']}-{result['b']['id']}"
    return RedirectResponse(f"/people/duplicates?again={pair}", status_code=303)


@router.post("/merges/{batch_id}/undo")
def undo(request: Request, batch_id: PathId) -> Response:
    """Undo a merge: both records are back, and the pair is proposed again."""
    undo_merge(ctx_of(request), batch_id)
    said = give_notice(request, "undone:/people/duplicates", batch_id)  # said once
    return RedirectResponse(f"/people/duplicates?undone={said}", status_code=303)
