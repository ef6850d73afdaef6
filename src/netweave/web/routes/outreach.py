"""Reaching out and preparing, on a person's pages: the six-point outreach draft (and the one
follow-up 3B7 sends), a text checked against the six rules, the TIARA question sheet, and
"We talked", which logs the conversation and plans the thank-you and the update, through
the services ``netweave draft`` and ``netweave prep`` use.

A form refused (a text too long or empty, a number of days out of range, the conversation
held already today) comes back on its page as it was sent (422), the message at its field.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from netweave.errors import NetweaveError
from netweave.logic.outreach import RULE_TEXT, RULES
from netweave.logic.parse import MAX_DAYS
from netweave.logic.vocab import INTERACTION_KINDS, choose
from netweave.services.outreach import (
    UPDATE_AFTER_DAYS,
    check_for,
    draft_message,
    prep_done,
    prep_sheet,
)
from netweave.web.deps import ctx_of, render, said_at
from netweave.web.form_checks import at, whole
from netweave.web.form_checks import text as within
from netweave.web.forms import PathId, optional
from netweave.web.refusal import REFUSED, FieldRefused, Fields, Refusal, refusal_of
from netweave.web.said_forms import prep_held

router = APIRouter(include_in_schema=False)

#: The longest message the check takes, and the longest interest and notes (a note's).
MOST_TEXT = 10_000
MOST_INTEREST = 200
#: The kinds a conversation held can be (a note is not one).
HELD_KINDS = tuple(k for k in INTERACTION_KINDS if k != "note")
#: The fields of the forms of these pages, and how their refusals start.
CHECK_FIELDS: Fields = {"text": ("Your message",)}
HELD_FIELDS: Fields = {
    "kind": ("Kind", "interaction kind", "unknown interaction kind"),
    "notes": ("What you learned",),
    "update_in": ("Update them in", "--update-in"),
}
Interest = Annotated[str, Query(max_length=MOST_INTEREST)]


def checks(broken: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The six rules, each with whether the text keeps it and, when not, what was seen
    (``why``: what the finding saw before the rule it repeats, "mentions job"; none when it
    says no more than the rule)."""
    found = {f["rule"]: str(f["message"]).partition("; ")[0] for f in broken}
    return [
        {
            "rule": rule,
            "text": RULE_TEXT[rule],
            "ok": rule not in found,
            "why": found[rule] if found.get(rule, RULE_TEXT[rule]) != RULE_TEXT[rule] else None,
        }
        for rule in RULES
    ]


@router.get("/people/{person_id}/draft")
def draft_page(
    request: Request, person_id: PathId, broad: Interest = "", narrow: Interest = ""
) -> Response:
    """A first message by the six-point rules, filled from what is known of the person (or,
    to someone whose ask is still open, the one follow-up from its day on)."""
    return _draft(request, person_id, broad, narrow)


def _draft(
    request: Request,
    person_id: int,
    broad: str,
    narrow: str,
    typed: str | None = None,
    refused: Refusal | None = None,
) -> Response:
    """The draft page; ``typed``: a text the user had checked, shown with its checks."""
    ctx = ctx_of(request)
    draft = draft_message(ctx, f"#{person_id}", broad=optional(broad), narrow=optional(narrow))
    checked = None
    if typed is not None and refused is None:
        checked = check_for(
            ctx, f"#{person_id}", typed, broad=optional(broad), narrow=optional(narrow)
        )
    shown = draft["broken"] if checked is None else checked["broken"]
    return render(
        request,
        "draft.html",
        status_code=REFUSED if refused else 200,
        person_id=person_id,
        draft=draft,
        broad=broad,
        narrow=narrow,
        text=draft["text"] if typed is None else typed,
        checked=checked,
        words=draft["words"] if checked is None else checked["words"],
        checks=checks(shown),
        first=checked is not None or (draft["text"] is not None and not draft["follow_up"]),
        refused=refused,
    )


@router.post("/people/{person_id}/draft/check")
def check_text(
    request: Request,
    person_id: PathId,
    text: Annotated[str, Form()] = "",
    broad: Annotated[str, Form()] = "",
    narrow: Annotated[str, Form()] = "",
) -> Response:
    """Check the text in the page's box (the draft as edited, or one's own) against the six
    rules: the page again with that text and which rules it keeps (nothing is saved)."""
    broad, narrow = broad[:MOST_INTEREST], narrow[:MOST_INTEREST]
    try:
        within("text", "Your message", text, MOST_TEXT)
        if not text.strip():
            raise FieldRefused("text", "Your message: write or paste it in the box first")
    except NetweaveError as exc:
        refused = refusal_of(exc, "check", {"text": text}, CHECK_FIELDS)
        return _draft(request, person_id, broad, narrow, text, refused)
    return _draft(request, person_id, broad, narrow, text)


@router.get("/people/{person_id}/prep")
def prep_page(request: Request, person_id: PathId, focus: Interest = "") -> Response:
    """The TIARA question sheet for an informational conversation with the person, and the
    form to say it was held."""
    return _prep(request, person_id, focus)


def _prep(request: Request, person_id: int, focus: str, refused: Refusal | None = None) -> Response:
    sheet = prep_sheet(ctx_of(request), f"#{person_id}", focus=optional(focus))
    return render(
        request,
        "prep.html",
        status_code=REFUSED if refused else 200,
        person_id=person_id,
        sheet=sheet,
        focus=focus,
        kinds=HELD_KINDS,
        update_after=UPDATE_AFTER_DAYS,
        most_days=MAX_DAYS,
        refused=refused,
    )


@router.post("/people/{person_id}/prep/done")
def held(
    request: Request,
    person_id: PathId,
    kind: Annotated[str, Form()] = "video",
    notes: Annotated[str, Form()] = "",
    update_in: Annotated[str, Form()] = str(UPDATE_AFTER_DAYS),
) -> Response:
    """We talked: the conversation logged (advice received), a thank-you due today and an
    update to them planned ``update_in`` days on, as ``prep NAME --done`` does; then the
    person's page, saying what was planned."""
    ctx = ctx_of(request)
    try:
        said = optional(within("notes", "What you learned", notes, MOST_TEXT))
        days = whole("update_in", "Update them in", update_in)
        if not 1 <= days <= MAX_DAYS:
            raise FieldRefused("update_in", f"Update them in: from 1 to {MAX_DAYS:,} days")
        with at("kind", "Kind"):
            chosen = choose(kind, HELD_KINDS, "kind of conversation")
        result = prep_done(ctx, f"#{person_id}", notes=said, kind=chosen, update_in_days=days)
    except NetweaveError as exc:
        typed = {"kind": kind, "notes": notes, "update_in": update_in}
        return _prep(request, person_id, "", refusal_of(exc, "held", typed, HELD_FIELDS))
    done = prep_held(result, ctx.clock.today())
    return RedirectResponse(said_at(request, f"/people/{person_id}", done), status_code=303)
