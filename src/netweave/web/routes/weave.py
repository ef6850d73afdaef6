"""The pages of the woven net: introductions (suggestions and the opt-in steps) and the map."""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from netweave.errors import NetweaveError
from netweave.services import intros
from netweave.services.context import Context
from netweave.services.intro_suggestions import suggest_intros_or_why
from netweave.services.memo import remembered
from netweave.services.tagging import list_tags
from netweave.web import intro_steps
from netweave.web.confirm import confirm_page, confirmed
from netweave.web.deps import ctx_of, give_notice, render, take_notice
from netweave.web.form_checks import typed_in
from netweave.web.forms import MAX_ID, IntroIn, OutcomeIn, PathId, optional
from netweave.web.pages import remembered_page
from netweave.web.refusal import REFUSED, FieldRefused, Fields, Refusal, refusal_of

router = APIRouter(include_in_schema=False)


#: The page a step's one-time notice is kept for (``web/notices.py``).
PAGE = "intros"


@router.get("/intros")
async def intros_page(
    request: Request, done: Annotated[str, Query(max_length=64)] = ""
) -> Response:
    """The introductions under way, then the suggested ones (kept rendered until anything
    changes: matching everyone's needs and offers is the dearest read of the app). Just
    after a step, the page says what it did at the introduction it moved, once; that note
    lost to a server started again since, it says so, once (``deps.take_notice``)."""
    ctx = ctx_of(request)
    moved = take_notice(request, done, PAGE)
    if moved is None and not getattr(request.state, "notice_lost", False):
        return await remembered_page(request, "intros", "intros.html", lambda: _context(ctx))
    return render(request, "intros.html", moved=moved, **await run_in_threadpool(_context, ctx))


def _context(ctx: Context) -> dict[str, Any]:
    """The page's reads, kept until anything changes (the page after a step reads them for
    its notice; a reload of it, without the notice, then finds them)."""
    return remembered(ctx, ("intros-page", 12), lambda: _intros_context(ctx))


def _intros_context(ctx: Context) -> dict[str, Any]:
    suggestions, why_none = suggest_intros_or_why(ctx, limit=12)
    every = [
        i | {"buttons": intro_steps.buttons(i)}
        for i in intros.list_intros(ctx, include_closed=True)
    ]
    return {
        "suggestions": suggestions,
        "why_none": why_none,
        # a declined one with a step left (A, who said yes, waits to hear) is still under way
        "intros": [i for i in every if i["state"] in intros.OPEN_STATES or i["actions"]],
        "finished": [i for i in every if i["state"] not in intros.OPEN_STATES and not i["actions"]],
    }


def _landed(request: Request, moved: dict[str, Any]) -> Response:
    """Back to the page after a step, at the introduction moved (the page says what the step
    did, once, and focuses its next step: ``web/intro_steps.py``)."""
    key = give_notice(request, PAGE, moved)
    return RedirectResponse(f"/intros?{urlencode({'done': key})}#{moved['focus']}", status_code=303)


#: The fields of the form that introduces two people named, and how their refusals start.
PROPOSE_FIELDS: Fields = {  # "b" before "a": "an introduction…" does not start with "a"
    "why": ("Why they should meet", "say why"),
    "b": ("Second person", "an introduction needs two different people"),
    "a": ("First person", "introductions are between"),
}
#: The fields of an introduction's outcome form, and how their refusals start.
OUTCOME_FIELDS: Fields = {
    "met": ("Did they meet?",),
    "helped": ("Did it help?",),
    "note": ("What came of it",),
}
#: The refusals of a form of buttons (a suggestion proposed or set aside, a step taken),
#: said above the page's lists.
BUTTONS = "intros"


def _refused(request: Request, refused: Refusal) -> Response:
    """The Introductions page with a form of it refused, as it was sent, and why (422); an
    outcome form the page does not show (the outcome recorded in another tab) says why
    above the lists."""
    context = _context(ctx_of(request))
    forms = {f"outcome-{i['id']}" for i in context["intros"] if i["state"] == "introduced"}
    if refused.form.startswith("outcome-") and (refused.field is None or refused.form not in forms):
        refused = dataclasses.replace(refused, form=BUTTONS, field=None)
    return render(request, "intros.html", REFUSED, refused=refused, **context)


@router.post("/intros")
def propose(
    request: Request,
    a: Annotated[int, Form(ge=1, le=MAX_ID)],
    b: Annotated[int, Form(ge=1, le=MAX_ID)],
    why: Annotated[str, Form()] = "",
    confirm: Annotated[str, Form()] = "",
) -> Response:
    """Start a double opt-in introduction (a pair one of whom declined before: once the
    user confirms)."""
    try:
        view = intros.propose(ctx_of(request), f"#{a}", f"#{b}", why, confirmed=confirmed(confirm))
    except intros.DeclinedBefore as exc:
        return _ask_again(request, exc, {"a": str(a), "b": str(b), "why": why})
    except NetweaveError as exc:  # proposed already (in another tab), one of them gone
        return _refused(request, refusal_of(exc, BUTTONS, {}, {}))
    return _landed(request, intro_steps.moved("propose", view))


def _ask_again(request: Request, exc: NetweaveError, fields: dict[str, str]) -> Response:
    """The page that asks before a pair one of whom said no is proposed again."""
    return confirm_page(
        request,
        title="Propose them again?",
        said=f"{exc.said(web=True)}. Asking again someone who said no is what a double opt-in "
        "is there to spare them: propose again only if something changed.",
        yes="Yes, propose them again",
        back="/intros",
        back_label="Leave it",
        fields=fields,
        danger=False,
        active="intros",
    )


@router.post("/intros/new")
def propose_by_name(
    request: Request,
    a: Annotated[str, Form()] = "",
    b: Annotated[str, Form()] = "",
    why: Annotated[str, Form()] = "",
    confirm: Annotated[str, Form()] = "",
) -> Response:
    """Start an introduction of two people the user names (a name or ``#id`` each)."""
    try:
        for name, label, value in (("a", "First person", a), ("b", "Second person", b)):
            if not typed_in(IntroIn, name, label, value).strip():
                raise FieldRefused(name, f"{label}: name the person to introduce")
        said = typed_in(IntroIn, "why", "Why they should meet", why)
        view = intros.propose(ctx_of(request), a, b, said, confirmed=confirmed(confirm))
    except intros.DeclinedBefore as exc:
        return _ask_again(request, exc, {"a": a, "b": b, "why": why})
    except NetweaveError as exc:
        typed = {"a": a, "b": b, "why": why}
        return _refused(request, refusal_of(exc, "propose", typed, PROPOSE_FIELDS))
    return _landed(request, intro_steps.moved("propose", view))


@router.post("/intros/{intro_id}/outcome")
def outcome(
    request: Request,
    intro_id: PathId,
    met: Annotated[str, Form()] = "",
    helped: Annotated[str, Form()] = "",
    note: Annotated[str, Form()] = "",
) -> Response:
    """How an introduction turned out: did they meet, did it help. The form is shown only
    before an outcome is recorded: sent from a tab opened before one was (in another tab),
    it is refused with the outcome recorded, never mixed with it."""
    answers = {"": None, "yes": True, "no": False}
    try:
        for name, value in (("met", met), ("helped", helped)):
            if value not in answers:
                label = OUTCOME_FIELDS[name][0]
                raise FieldRefused(name, f"{label} yes, no, or not known yet")
        said = optional(typed_in(OutcomeIn, "note", "What came of it", note))
        view = intros.record_outcome(
            ctx_of(request), intro_id, met=answers[met], helped=answers[helped], note=said,
            first=True,
        )  # fmt: skip
    except NetweaveError as exc:
        typed = {"met": met, "helped": helped, "note": note}
        return _refused(request, refusal_of(exc, f"outcome-{intro_id}", typed, OUTCOME_FIELDS))
    return _landed(request, intro_steps.moved("outcome", view))


@router.post("/intros/dismiss")
def dismiss(
    request: Request,
    a: Annotated[int, Form(ge=1, le=MAX_ID)],
    b: Annotated[int, Form(ge=1, le=MAX_ID)],
) -> Response:
    """Never suggest these two again."""
    try:
        result = intros.dismiss_suggestion(ctx_of(request), f"#{a}", f"#{b}")
    except NetweaveError as exc:
        return _refused(request, refusal_of(exc, BUTTONS, {}, {}))
    return _landed(request, intro_steps.set_aside(result))


@router.post("/intros/{intro_id}/{action}")
def step(
    request: Request, intro_id: PathId, action: str, note: Annotated[str, Form()] = ""
) -> Response:
    """Take the next opt-in step: ask, agree, introduce or decline (or, once it stopped
    after A's yes, tell A)."""
    ctx = ctx_of(request)
    steps = {
        "ask": lambda: intros.ask(ctx, intro_id),
        "agree": lambda: intros.agree(ctx, intro_id, optional(note)),
        "introduce": lambda: intros.introduce(ctx, intro_id, optional(note)),
        "decline": lambda: intros.decline(ctx, intro_id, optional(note)),
        "tell": lambda: intros.tell(ctx, intro_id, optional(note)),
    }
    if action not in steps:
        raise HTTPException(404, f"no step {action!r}")
    try:
        view = steps[action]()
    except NetweaveError as exc:  # taken already (in another tab): said above the lists
        return _refused(request, refusal_of(exc, BUTTONS, {}, {}))
    return _landed(request, intro_steps.moved(action, view))


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
