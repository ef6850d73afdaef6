"""Reaching out, on a person's pages: the six-point outreach draft (and the one follow-up
3B7 sends) and a text checked against the six rules, through the service ``netweave draft``
uses.

A text refused (too long or empty) comes back on its page as it was sent (422), the message
at its field.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import Response

from netweave.errors import NetweaveError
from netweave.logic.outreach import RULE_TEXT, RULES
from netweave.services.outreach import check_message, draft_message
from netweave.web.deps import ctx_of, render
from netweave.web.form_checks import text as within
from netweave.web.forms import PathId, optional
from netweave.web.refusal import REFUSED, FieldRefused, Fields, Refusal, refusal_of

router = APIRouter(include_in_schema=False)

#: The longest message the check takes (a note's), and the longest interest.
MOST_TEXT = 10_000
MOST_INTEREST = 200
#: The field of the check's form, and how its refusals start.
CHECK_FIELDS: Fields = {"text": ("Your message",)}
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
    checked = check_message(typed) if typed is not None and refused is None else None
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
