"""The People pages: list with search as you type and filters, bulk tagging, add, person."""

from __future__ import annotations

import re
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from netweave.errors import InvalidInput, NetweaveError
from netweave.logic.parse import row_id
from netweave.logic.wording import echoed
from netweave.services.asks import settle_ask
from netweave.services.context import Context
from netweave.services.directory import (
    PeopleFilter,
    own_record_among,
    page_of_people,
    tag_label,
)
from netweave.services.orgs import organization_names
from netweave.services.own_record import own_record
from netweave.services.people import PersonChanges, add_person, edit_person, show_person
from netweave.services.people import namesakes as find_namesakes
from netweave.services.tagging import list_tags, tag_people
from netweave.web import said_forms
from netweave.web.deps import (
    ctx_of,
    give_notice,
    render,
    said_at,
    session_of,
    take_notice,
    wants_json,
    web,
)
from netweave.web.forms import (
    KINDS,
    PERSON_FIELDS,
    PathId,
    PersonNewIn,
    optional,
    parse_day,
    split_list,
    within_limits,
)
from netweave.web.new_org import new_org_notice, new_org_query
from netweave.web.pages import remembered_page
from netweave.web.person_page import person_context, render_person
from netweave.web.refusal import REFUSED, Refusal, checking, refusal_of
from netweave.web.routes.duplicates import merge_flash

router = APIRouter(include_in_schema=False)
#: Rows shown at once: a network of 100,000 people is searched and filtered, not scrolled.
PAGE_ROWS = 100


#: A day as a flash message's address gives it.
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
#: The highest page number asked for that is read (100,000 people are 1,000 pages).
MAX_PAGE = 100_000


def people_filter(
    q: str | None, tag: str | None, circle: str | None, org: str | None, overdue: bool, limit: int
) -> PeopleFilter:
    """The filter of a search and the list's filters as the query string gives them."""
    return PeopleFilter(
        text=optional(q),
        tag=optional(tag),
        organization=optional(org),
        circle=optional(circle),
        overdue=overdue,
        limit=limit,
    )


def find_people(
    ctx: Context,
    q: str | None,
    tag: str | None,
    circle: str | None,
    org: str | None,
    overdue: bool,
    page: int = 1,
) -> dict[str, Any]:
    """One page of the people matching a search and the filters (best match first when
    searching), with how many match in all and the links to the pages around it."""
    filters = people_filter(q, tag, circle, org, overdue, PAGE_ROWS)
    offset = (page - 1) * PAGE_ROWS
    people, total = page_of_people(ctx, filters, offset)
    you = bool(total) and own_record_among(ctx, filters)
    asked = {"q": q, "tag": tag, "circle": circle, "org": org} | _overdue(overdue)

    def link(number: int) -> str:
        return "/people?" + urlencode({k: v for k, v in asked.items() if v} | {"page": number})

    return {
        "people": people,
        "total": total,
        "you": you,
        "first": offset + 1 if people else 0,
        "last": offset + len(people),
        "previous": link(page - 1) if page > 1 else None,
        "next": link(page + 1) if offset + len(people) < total else None,
    }


@router.get("/people")
def people_page(
    request: Request,
    q: str | None = None,
    tag: str | None = None,
    circle: str | None = None,
    org: str | None = None,
    overdue: bool = False,
    page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
) -> Response:
    """The people list with its search box and filters, a page at a time."""
    ctx = ctx_of(request)
    refused, tags = None, list_tags(ctx)
    gone = _gone_tag(tag, tags)  # a bookmarked filter of a tag removed since: left out
    if gone:
        tag = None
    try:
        found = find_people(ctx, q, tag, circle, org, overdue, page)
    except NetweaveError as exc:
        if not org:
            raise
        # an organization the filter cannot name (none, or several): the page, with why
        refused = str(exc)
        found = {"people": [], "total": 0, "first": 0, "last": 0, "previous": None, "next": None}
    filters = {"q": q or "", "tag": tag or "", "circle": circle or "", "org": org or ""}
    return render(
        request,
        "people.html",
        status_code=REFUSED if refused else 200,
        **found,
        found_text="" if refused else found_text(found["total"], found["you"]),
        refused_filter=refused,
        filters=filters,
        overdue=overdue,
        tags=tags,
        tag_gone=gone,
        circles=list(ctx.settings.circles),
        back="/people?" + urlencode({k: v for k, v in filters.items() if v} | _overdue(overdue)),
    )


def _gone_tag(tag: str | None, tags: list[dict[str, Any]]) -> str | None:
    """The tag asked for, said as a message says it, when there is no such tag (any more)."""
    if not tag or not tag.strip():
        return None
    return None if tag_label(tag) in {t["label"] for t in tags} else echoed(tag_label(tag))


def _overdue(overdue: bool) -> dict[str, str]:
    return {"overdue": "true"} if overdue else {}


@router.get("/people/_rows")
def people_rows(
    request: Request,
    q: str | None = None,
    tag: str | None = None,
    circle: str | None = None,
    org: str | None = None,
    overdue: bool = False,
) -> Response:
    """The table rows of the first page alone, for search as you type."""
    found = find_people(ctx_of(request), q, tag, circle, org, overdue)
    response = render(request, "_people_rows.html", **found)
    # what the page's live region says once the rows are in (a screen reader hears it)
    response.headers["X-People-Found"] = found_text(found["total"], found["you"])
    return response


def found_text(total: int, you: bool = False) -> str:
    """How many people a search found, in words: ``47 people.``, ``No one matches.``; the
    user's own record among them is said apart (``300 people and you.``), as the map
    counts the people of the network without it."""
    if not total:
        return "No one matches."
    others = total - 1 if you else total
    if not others:
        return "You."
    said = f"{others:,} {'person' if others == 1 else 'people'}"
    return f"{said} and you." if you else f"{said}."


@router.post("/people/tag")
async def bulk_tag(request: Request) -> Response:
    """Give a tag to the people ticked in the list."""
    form = await request.form()
    ids = [n for v in form.getlist("ids") if isinstance(v, str) and (n := row_id(v) or 0) > 0]
    result = tag_people(ctx_of(request), ids, str(form.get("tag") or ""))
    back = str(form.get("back") or "/people")
    if not back.startswith("/people"):
        back = "/people"
    if wants_json(request):
        return JSONResponse(result)
    sep = "" if back.endswith(("?", "&")) else "&" if "?" in back else "?"
    said = urlencode({"tagged": result["tagged"], "tag": result["tag"]})
    return RedirectResponse(f"{back}{sep}{said}", status_code=303)


@router.get("/people/new")
def new_person_page(request: Request) -> Response:
    """The form to add a person."""
    return _new_person(request)


def _new_person(request: Request, refused: Refusal | None = None) -> Response:
    """The form to add a person; refused, as it was sent, with why (422)."""
    ctx = ctx_of(request)
    return render(
        request,
        "person_new.html",
        status_code=REFUSED if refused else 200,
        circles=list(ctx.settings.circles),
        org_names=organization_names(ctx),
        own=own_record(ctx),
        refused=refused,
    )


@router.post("/people")
def create_person(
    request: Request,
    name: Annotated[str, Form()] = "",
    email: Annotated[str, Form()] = "",
    phone: Annotated[str, Form()] = "",
    company: Annotated[str, Form()] = "",
    title: Annotated[str, Form()] = "",
    tags: Annotated[str, Form()] = "",
    circle: Annotated[str, Form()] = "",
    met_at: Annotated[str, Form()] = "",
    met_on: Annotated[str, Form()] = "",
    introduced_by: Annotated[str, Form()] = "",
    note: Annotated[str, Form()] = "",
    me: Annotated[str, Form(max_length=8)] = "",
    once: Annotated[str, Form(max_length=64)] = "",
) -> Response:
    """Add a person from the form, then show them; refused, the form again as it was sent,
    the message beside the field at fault (a field too long too: each as long as the edit
    form takes it). "This is me" ticked (``me``) makes them the user's own record, as
    ``people add NAME --me``. Sent again with its key (``once``: a double click, a reload),
    the form adds no one more: it lands on the person the first one added
    (``web/once.py``)."""
    with web(request).sent.sending(session_of(request).sid, once) as sending:
        if sending.landed is not None:
            return RedirectResponse(sending.landed, status_code=303)
        typed = {"name": name, "email": email, "phone": phone, "company": company,
                 "title": title, "tags": tags, "circle": circle, "met_at": met_at,
                 "met_on": met_on, "introduced_by": introduced_by, "note": note,
                 "me": me}  # fmt: skip
        landed = _add_person(request, typed)
        if isinstance(landed, str):
            sending.saved(landed.partition("?")[0])
            return RedirectResponse(landed, status_code=303)
        return landed


def _add_person(request: Request, typed: dict[str, str]) -> str | Response:
    """Add a person from the form's fields: the page to land on, or the form refused."""
    ctx = ctx_of(request)
    try:
        within_limits(PersonNewIn, typed)
        with checking("met_on", "Met on"):
            day = parse_day(typed["met_on"])
        person = PersonChanges(
            name=typed["name"],
            emails=split_list(typed["email"]),
            phones=split_list(typed["phone"]),
            company=optional(typed["company"]),
            title=optional(typed["title"]),
            tags=split_list(typed["tags"]),
            circle=optional(typed["circle"]),
            met_at=optional(typed["met_at"]),
            met_on=day,
            introduced_by=optional(typed["introduced_by"]),
            note=optional(typed["note"]),
            is_me=bool(typed["me"]),
        )
        view = add_person(ctx, person)
    except (NetweaveError, ValidationError) as exc:
        return _new_person(request, refusal_of(exc, "new-person", typed, PERSON_FIELDS))
    said: dict[str, Any] = {}
    if same := find_namesakes(ctx, view["name"], besides=view["id"]):
        said["namesakes"] = give_notice(request, f"person/{view['id']}", same)
    said |= new_org_said(request, view["id"], view)
    return said_at(request, f"/people/{view['id']}{_query(said)}", f"Added {view['name']}.")


def new_org_said(request: Request, person_id: int, view: dict[str, Any] | None) -> dict[str, str]:
    """The query of the page a person's form lands on when it made their employer from a
    name close to one already here (the command line says it then too): the key of the
    one-time notice."""
    company = view.get("company") if view else None
    return new_org_query(request, f"person/{person_id}", view, company, similar_only=True)


def _query(said: dict[str, Any]) -> str:
    return "?" + urlencode(said) if said else ""


@router.get("/people/{person_id}")
async def person_page(
    request: Request,
    person_id: PathId,
    merged: Annotated[str, Query(max_length=64)] = "",
    namesakes: Annotated[str, Query(max_length=64)] = "",
    new_org: Annotated[str, Query(max_length=64)] = "",
    deleted: Annotated[str, Query(max_length=20)] = "",
    on: Annotated[str, Query(max_length=10)] = "",
    exchanges: bool = False,
    held: Annotated[str, Query(max_length=64)] = "",
    logged: Annotated[str, Query(max_length=64)] = "",
    again: Annotated[str, Query(max_length=40)] = "",
    coached: Annotated[str, Query(max_length=64)] = "",
) -> Response:
    """Everything about one person (kept rendered until anything changes); just after a
    merge into them, with what was merged and its undo; just after they were added under
    a name someone has already, with who that is, once (``namesakes``: the key of that
    notice); just after their employer was made from a name close to another's, which,
    once (``new_org``: the key of that notice); just after
    a conversation of theirs was deleted, which one (its kind and day, and whether what was
    given or asked went too); just after their log form was sent, what was logged, or the
    form held back (and, for an ask recorded anyway, the coaching ``log --yes`` prints).
    What a merge or a log form did is said once: ``merged`` and ``logged`` are the keys of
    those notices (``web/notices.py``)."""
    here = f"/people/{person_id}"
    if held or logged:
        from netweave.web.routes.log import after_log

        found = take_notice(request, logged, f"logged:{here}")
        said = (held, found, again, coached)
        return await run_in_threadpool(after_log, request, person_id, *said)
    if isinstance(batch := take_notice(request, merged, f"merged:{here}"), int):
        page = await run_in_threadpool(_after_merge, request, person_id, batch)
        if page is not None:
            return page
    if deleted in KINDS and _ISO_DAY.fullmatch(on):
        gone = {"kind": deleted, "on": on, "exchanges": exchanges}
        return await run_in_threadpool(render_person, request, person_id, deleted=gone)
    if namesakes or new_org:
        return await run_in_threadpool(_just_saved, request, person_id, namesakes, new_org)
    ctx = ctx_of(request)
    return await remembered_page(
        request, ("person", person_id), "person.html", lambda: person_context(ctx, person_id)
    )


@router.get("/people/{person_id}/timeline")
def timeline_page(request: Request, person_id: PathId) -> Response:
    """All of a person's conversations, newest first (their page shows the latest)."""
    from netweave.services.conversations import person_timeline

    ctx = ctx_of(request)
    person = show_person(ctx, f"#{person_id}")
    timeline = person_timeline(ctx, f"#{person_id}")
    return render(request, "timeline.html", p=person, **timeline)


def _after_merge(request: Request, person_id: int, batch: int) -> Response | None:
    """The page with the merge's flash message and undo (``None`` for another merge)."""
    flash = merge_flash(request, batch)
    if flash is None or flash["kept"]["id"] != person_id or flash["state"] != "done":
        return None
    return render_person(request, person_id, merge=flash)


def _just_saved(request: Request, person_id: int, namesakes: str, new_org: str) -> Response:
    """The person page just after they were added or edited, the first time only: naming
    those who were here already under their name when the form added them (``namesakes``)
    and the organizations close to the name of the employer the form made (``new_org``):
    the keys of those notices."""
    ctx = ctx_of(request)
    context = person_context(ctx, person_id)
    page, company = f"person/{person_id}", context["person"]["company"]
    context["namesakes"] = take_notice(request, namesakes, page)
    context["new_org"] = new_org_notice(request, new_org, page, company, similar_only=True)
    return render(request, "person.html", **context)


#: What the person page's remove buttons take away (the form's ``what``).
REMOVABLE = ("need", "offer", "interest")


@router.post("/people/{person_id}/remove")
def remove_value(
    request: Request,
    person_id: PathId,
    what: Annotated[str, Form(max_length=16)],
    value: Annotated[str, Form(max_length=10000)],
) -> Response:
    """Take a need, an offer or an interest (``CATEGORY:LABEL``) away from a person."""
    if what not in REMOVABLE:
        raise InvalidInput(f"what: one of {', '.join(REMOVABLE)}, not {what!r}")
    changes = PersonChanges(
        remove_needs=[value] if what == "need" else [],
        remove_offers=[value] if what == "offer" else [],
        remove_interests=[value] if what == "interest" else [],
    )
    view = edit_person(ctx_of(request), f"#{person_id}", changes)
    if wants_json(request):
        return JSONResponse(view)
    done = said_forms.value_removed(what, value, view["name"])
    return RedirectResponse(said_at(request, f"/people/{person_id}", done, "profile"), 303)


@router.post("/asks/{ask_id}")
def settle(
    request: Request, ask_id: PathId, status: Annotated[str, Form(max_length=16)]
) -> Response:
    """Mark an ask fulfilled or declined (from the person page)."""
    ctx = ctx_of(request)
    ask = settle_ask(ctx, ask_id, status)
    if wants_json(request):
        return JSONResponse(ask)
    done = said_forms.ask_settled(ask, ctx.clock.today())
    page = said_at(request, f"/people/{ask['person_id']}", done, "reciprocity")
    return RedirectResponse(page, status_code=303)
