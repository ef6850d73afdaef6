"""Logging a conversation from a person's page (or Today): the form, the ask the woven check
holds back (``web/held.py``), and the page that says what was logged.

Every outcome of the form but a refusal (422, the form again as sent: nothing was saved) is
a redirect to a page, so reloading it sends nothing again: to the person's page saying what
was logged (``?logged=KEY``: the key of a one-time notice, ``web/notices.py``, naming the
conversation, so a reload or a bookmark says nothing again; with
``again=KIND:ASKED_ON[:FOLLOWED_UP]`` for a second ask of someone who has not answered the
first: the warning the command line gives, and ``coached=KEY`` for the coaching of an ask
recorded anyway), to Today saying it, or to the person's page holding the form back
(``?held=KEY``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from netweave.errors import NetweaveError, NotFound
from netweave.logic.followup import Waiting, asked_again
from netweave.logic.woven import GATED_ASKS
from netweave.services.conversations import show_conversation
from netweave.services.interactions import LogRequest, log_interaction, logged_once
from netweave.services.lead_step_said import steps_said
from netweave.services.relationships import OUTREACH_ASKS
from netweave.services.second_contact import second_contact_said
from netweave.web.deps import ctx_of, give_notice, session_of, take_notice, wants_json, web
from netweave.web.forms import LOG_FIELDS, PathId, log_fields
from netweave.web.held import HeldLog, is_key
from netweave.web.person_page import render_person
from netweave.web.refusal import REFUSED, refusal_of, typed_of

router = APIRouter(include_in_schema=False)

#: The log form's fields sent as lists, by the name its page reads them under.
_LISTED = {"gave": "gave", "asked": "ask", "received": "received"}


@router.post("/people/{person_id}/log")
async def log_page(request: Request, person_id: PathId) -> Response:
    """Log a conversation from the person page (or the agenda); an ask may be coached. A
    held form's choice carries its key (``once``): sent again, it records nothing more."""
    form = await request.form()
    once = str(form.get("once") or "")
    try:
        fields = log_fields(form)
        asked = LogRequest(names=[f"#{person_id}"], once=once if is_key(once) else None, **fields)
        result = log_interaction(ctx_of(request), asked)
    except NetweaveError as exc:
        if wants_json(request):
            raise
        typed = typed_of(form)
        refused = refusal_of(exc, "log", typed, LOG_FIELDS)
        pending = {**typed, **{k: form.getlist(n) for k, n in _LISTED.items()}}
        return await run_in_threadpool(
            render_person, request, person_id, status_code=REFUSED, refused=refused, pending=pending
        )
    if wants_json(request):
        return JSONResponse(result)
    if not result["recorded"]:
        # "Log it as an ask for advice" keeps the rest of the conversation: what was given,
        # received, and asked beside the job or referral; it is not offered when an earlier
        # ask for advice is still waiting for an answer (asking again is its follow-up), nor
        # when the note asks for the job or referral itself (it is to be reworded first)
        instead = [k for k in fields["asked"] if k not in GATED_ASKS]
        plain = not (result["waiting"] or result["note_asks"])
        advice = instead + ["advice"] * ("advice" not in instead) if plain else []
        held = HeldLog(person_id, {**fields, "instead": advice}, tuple(result["coaching"]))
        key = web(request).held.hold(session_of(request).sid, held)
        return RedirectResponse(f"/people/{person_id}?held={key}#log", status_code=303)
    coached = _coached(request, person_id, result) if fields["confirmed"] else ""
    target = str(form.get("next") or "")
    return RedirectResponse(_said(request, person_id, result, target, coached), 303)


def _coached(request: Request, person_id: int, result: dict[str, Any]) -> str:
    """An ask recorded although the woven check held it back: the coaching ``log --yes``
    prints with it (what to do now), kept as a one-time notice for the person's page; its
    key ("" when there is none; the warning of a second ask is said by ``again``)."""
    lines = [line for line in result["coaching"] if line not in result["asked_again"]]
    return give_notice(request, f"person/{person_id}", lines) if lines else ""


def logged_key(
    request: Request, page: str, interaction_id: int, tasks_done: list[str] | None = None
) -> str:
    """The key of the one-time notice that ``page`` (``/``, ``/people/ID``) shows what was
    just logged (``?logged=KEY``), with what it ticked off (``tasks_done``: the tasks and
    campaign greetings, which ``log`` says "Done with it")."""
    said = {"id": interaction_id, "tasks_done": list(tasks_done or [])}
    return give_notice(request, f"logged:{page}", said)


def _logged_of(found: object) -> tuple[int | None, list[str]]:
    """The conversation a logged notice names, and what it ticked off (none: no notice)."""
    if isinstance(found, dict) and isinstance(found.get("id"), int):
        return found["id"], [str(title) for title in found.get("tasks_done", [])]
    return None, []


def _said(
    request: Request, person_id: int, result: dict[str, Any], target: str, coached: str = ""
) -> str:
    """The page that says what was logged: Today, when the form was sent from it, else the
    person's (with the warning of a second ask, if it was one, and the coaching of an ask
    recorded anyway: the key of that notice)."""
    interaction, done = result["interaction"]["id"], result["interaction"]["tasks_done"]
    if target == "/":
        return f"/?logged={logged_key(request, '/', interaction, done)}"
    logged = logged_key(request, f"/people/{person_id}", interaction, done)
    again = f"&coached={coached}" if coached else ""
    if result["asked_again"] and result["waiting"]:
        told = result["waiting"][0]
        days = [told["asked_on"], *([told["followed_up_on"]] if told["followed_up_on"] else [])]
        again += f"&again={told['kind']}:{':'.join(days)}"
    told = "log" if result["asked_again"] and result["waiting"] else "timeline"
    return f"/people/{person_id}?logged={logged}{again}#{told}"


def after_log(
    request: Request, person_id: int, held: str, found: object, again: str, coached: str
) -> Response:
    """A person's page just after their log form was sent: the form held back (``held``),
    or what was logged (``found``: the notice naming a conversation of theirs and what it
    ticked off, as ``log`` says "Done with it"), with the second contact of a
    waiting outreach it makes and the coaching of an ask recorded anyway (``coached``: the
    key of that notice, said once), as ``log`` says them."""
    ctx = ctx_of(request)
    if held:
        done = logged_once(ctx, held) if is_key(held) else None
        if done is not None and person_id in done["participants"]:
            # one of the held form's choices was sent already: what it logged, not the choices
            key = logged_key(request, f"/people/{person_id}", done["id"])
            return RedirectResponse(f"/people/{person_id}?logged={key}#timeline", 303)
        kept = web(request).held.get(session_of(request).sid, held, person_id)
        if kept is None:
            return render_person(request, person_id, held_gone=True)
        return render_person(request, person_id, coaching=list(kept.coaching),
                       pending=kept.pending, once=held)  # fmt: skip
    logged, tasks_done = _logged_of(found)
    view = _conversation(request, person_id, logged)
    if view is None:
        return render_person(request, person_id)
    name = next(w["name"] for w in view["who"] if w["id"] == person_id)
    second = second_contact_said(ctx, view["id"])  # the line `log` prints, said here too
    steps = steps_said(ctx, view["id"])  # a lead's step naming them, still open: a note
    lines = take_notice(request, coached, f"person/{person_id}")
    return render_person(request, person_id, logged=view, asked_again=_again(name, again),
                         second_contact=second, lead_steps=steps, coached=lines or [],
                         tasks_done=tasks_done)  # fmt: skip


def _conversation(request: Request, person_id: int, logged: int | None) -> dict[str, Any] | None:
    """The conversation ``logged``, when it is one of this person's."""
    if logged is None:
        return None
    try:
        view = show_conversation(ctx_of(request), logged)
    except NotFound:
        return None  # deleted since
    return view if person_id in view["participants"] else None


def _again(name: str, again: str) -> list[str]:
    """The warning of a second ask, from the address's ``KIND:ASKED_ON[:FOLLOWED_UP]``."""
    kind, _, days = again.partition(":")
    if kind not in OUTREACH_ASKS:
        return []
    try:
        sent, *rest = [dt.date.fromisoformat(day) for day in days.split(":")]
    except ValueError:
        return []
    if len(rest) > 1:
        return []
    return [asked_again(name, Waiting(kind, sent, rest[0] if rest else None))]


def logged_today(request: Request, found: object) -> dict[str, Any]:
    """The conversation just logged from Today (``found``: the notice naming it; ``None``
    when deleted since), with what it ticked off and the second contact of a waiting
    outreach it makes, for its page to say so as ``log`` does."""
    ctx = ctx_of(request)
    logged, tasks_done = _logged_of(found)
    if logged is None:
        return {}
    try:
        view = show_conversation(ctx, logged)
    except NotFound:
        return {"logged": None, "second_contact": []}
    second = second_contact_said(ctx, view["id"])
    return {"logged": view, "second_contact": second, "tasks_done": tasks_done}
