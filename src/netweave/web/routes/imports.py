"""The Imports page: upload, progress, summary and undo."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from netweave.errors import InvalidInput, NetweaveError
from netweave.logic.parse import row_id
from netweave.logic.wording import count
from netweave.services.directory import names_of
from netweave.services.import_kept import apart_words, undo_would_remove
from netweave.services.import_undo import list_batches, undo_batch
from netweave.services.imports import (
    KINDS,
    ME_AS_ADDRESSES,
    ImportOptions,
    my_addresses,
    my_addresses_given,
)
from netweave.web.confirm import confirm_page, confirmed
from netweave.web.deps import ctx_of, give_notice, render, take_notice, web
from netweave.web.form_checks import refused_at, text
from netweave.web.forms import MAX_ID, PathId, split_list
from netweave.web.refusal import REFUSED, FieldRefused, Fields, Refusal, refusal_of
from netweave.web.uploads import MAX_UPLOAD_BYTES, ImportJob, check_upload, start_import

router = APIRouter(include_in_schema=False)
#: The people an undo kept that its page names (the rest are counted).
KEPT_NAMED = 10
#: The most people beyond those named an undo's message counts (a link says no more).
MAX_SAID = 100_000


async def receive_upload(
    request: Request,
    kind: str,
    upload: UploadFile,
    me: str,
    *,
    create_people: bool = False,
    skip_bad_rows: bool = False,
) -> ImportJob:
    """Check an uploaded file and start importing it."""
    data = await upload.read(MAX_UPLOAD_BYTES + 1)
    name = check_upload(kind, upload.filename or "upload", data[:4096], len(data))
    ctx = ctx_of(request)
    # the same reading of "Your address" as of --me: several separated by commas, each checked
    mine = my_addresses_given([me], "Your address") if kind in ME_AS_ADDRESSES else split_list(me)
    if kind == "mbox" and not mine and not my_addresses(ctx):
        raise InvalidInput(
            "importing mail needs your own address: fill in “Your address” (several: "
            "separated by commas)"
        )
    options = ImportOptions(
        me=mine, create_people=create_people, skip_bad_rows=skip_bad_rows, for_web=True
    )
    return start_import(ctx, web(request).jobs, kind, name, data, options)


#: How many imports the Imports page lists before "Show every import".
LISTED = 25
#: The refusals said above the list of imports (an undo sent twice, or no longer possible).
LIST = "import-list"
#: The page the notice of the pairs kept apart an undo removed waits for (by name: no
#: names in the address).
PAGE = "imports"


@router.get("/imports")
def imports_page(
    request: Request,
    undone: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    kept: Annotated[str, Query(max_length=200)] = "",
    more: Annotated[int, Query(ge=0, le=MAX_SAID)] = 0,
    removed: Annotated[int, Query(ge=0, le=MAX_SAID)] = 0,
    apart: Annotated[str, Query(max_length=100)] = "",
    every: Annotated[bool, Query(alias="all")] = False,
) -> Response:
    """Past imports with undo (the newest ``LISTED``, or all of them), and the upload form;
    after an undo, what it kept and how many people it removed: the people kept are named
    from their numbers, so a link can only name people who are here; the pairs kept apart
    that went with those removed, once, from a notice (``apart``)."""
    flash = None
    if undone is not None:
        ids = [number for part in kept.split(",") if (number := row_id(part)) is not None]
        pairs = take_notice(request, apart, PAGE)
        flash = {"batch": undone, "ids": ids, "more": min(more, MAX_SAID), "removed": removed,
                 "apart": pairs if isinstance(pairs, str) else None}  # fmt: skip
    return _page(request, flash, every)


def _page(
    request: Request,
    undone: dict[str, Any] | None = None,
    every: bool = False,
    refused: Refusal | None = None,
) -> Response:
    """The Imports page; the upload form refused, as it was sent, with why (422)."""
    ctx = ctx_of(request)
    batches = list_batches(ctx, for_web=True, limit=None if every else LISTED + 1)
    older = not every and len(batches) > LISTED
    batches = batches[:LISTED] if older else batches
    flash = None
    if undone and any(b["batch"] == undone["batch"] and b["state"] == "undone" for b in batches):
        names = names_of(ctx, undone["ids"][:KEPT_NAMED])
        more = undone["more"]
        gone = undone["removed"]
        flash = {"batch": undone["batch"], "names": names, "kept": len(names) + more, "more": more,
                 "removed": count(gone, "person", "people") if gone else "",
                 "apart": undone["apart"]}  # fmt: skip
    return render(
        request,
        "imports.html",
        status_code=REFUSED if refused else 200,
        refused=refused,
        batches=batches,
        kinds=KINDS,
        max_mb=MAX_UPLOAD_BYTES // (1024 * 1024),
        undone=flash,
        older=older,
        every=every,
    )


#: The fields of the upload form, and how their refusals start (the rest concern the file).
UPLOAD_FIELDS: Fields = {
    "kind": ("Kind", "unknown import kind"),
    "me": ("Your address", "importing mail needs your own address"),
    "file": ("File", "choose a file"),
}


@router.post("/imports")
async def upload(
    request: Request,
    kind: Annotated[str, Form()] = "",
    file: Annotated[UploadFile | None, File()] = None,
    me: Annotated[str, Form()] = "",
    create_people: Annotated[bool, Form()] = False,
    skip_bad_rows: Annotated[bool, Form()] = False,
) -> Response:
    """Start an import of the uploaded file and show its progress; refused (a kind, a file
    that is empty or not of that kind, an address), the page again with the form as it was
    sent (the file chosen again), the message at its field."""
    try:
        if file is None or not file.filename:
            raise FieldRefused("file", "File: choose a file to import")
        text("me", "Your address", me, 1000)
        job = await receive_upload(request, kind, file, me, create_people=create_people,
                                   skip_bad_rows=skip_bad_rows)  # fmt: skip
    except NetweaveError as exc:
        typed = {"kind": kind, "me": me, "create_people": create_people,
                 "skip_bad_rows": skip_bad_rows}  # fmt: skip
        refused = refused_at(exc, "upload", typed, UPLOAD_FIELDS, "file")
        return _page(request, refused=refused)
    return RedirectResponse(f"/imports/jobs/{job.id}", status_code=303)


@router.get("/imports/jobs/{job_id}")
def job_page(request: Request, job_id: str) -> Response:
    """An import's progress, then its summary."""
    job = web(request).jobs.get(job_id)
    if job is None:
        raise HTTPException(404, f"no import job {job_id}")
    return render(request, "import_job.html", job=job.view())


@router.post("/imports/{batch_id}/undo")
def undo(
    request: Request,
    batch_id: PathId,
    every: Annotated[bool, Query(alias="all")] = False,
    confirm: Annotated[str, Form(max_length=8)] = "",
) -> Response:
    """Undo an import once confirmed (else the page that asks; the people you have added
    to since stay, and the page says so), back to the page it was undone from (the newest
    imports, or all of them). Refused (undone already in another tab, or a later merge
    builds on it since the page was shown), that page again with why above the list."""
    if not confirmed(confirm) and (ask := _ask_undo(request, batch_id, every)) is not None:
        return ask
    try:
        result = undo_batch(ctx_of(request), batch_id)
    except NetweaveError as exc:
        return _page(request, every=every, refused=refusal_of(exc, LIST, {}, {}))
    kept, pairs = result["kept"], result["apart_removed"]
    apart = {"apart": give_notice(request, PAGE, apart_words(pairs))} if pairs else {}
    said = urlencode({"undone": batch_id,
                      "kept": ",".join(str(p["id"]) for p in kept[:KEPT_NAMED]),
                      "more": max(len(kept) - KEPT_NAMED, 0),
                      "removed": result["people_removed"]}
                     | apart | ({"all": "true"} if every else {}))  # fmt: skip
    return RedirectResponse(f"/imports?{said}", status_code=303)


def _ask_undo(request: Request, batch_id: int, every: bool) -> Response | None:
    """The page that asks before an import is undone, naming it (``None`` for one that is
    not there or cannot be undone: the undo says why, asking nothing)."""
    batch = next((b for b in list_batches(ctx_of(request)) if b["batch"] == batch_id), None)
    if batch is None or batch["cannot_undo"] or batch["state"] == "undone":
        return None
    what = f" ({batch['description']})" if batch.get("description") else ""
    goes = undo_would_remove(ctx_of(request), batch_id)
    removed = goes["people_removed"]
    people = f" It removes {count(removed, 'person', 'people')} it brought in." if removed else ""
    pairs = f" {apart_words(goes['apart_removed'], done=False)}" if goes["apart_removed"] else ""
    return confirm_page(
        request,
        title=f"Undo import {batch_id}?",
        said=f"Import {batch_id}{what}, a {batch['kind']} import, is undone: what it created "
        "is removed and what it changed is restored. The people you have added to since "
        f"stay.{people}{pairs}",
        yes="Yes, undo it",
        back="/imports?all=true" if every else "/imports",
        back_label="Keep it",
        active="imports",
    )
