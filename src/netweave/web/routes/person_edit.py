"""The form that edits a person: who they are, their circle and cadence, a strength the user
sets, what they need and offer, addresses added and removed; and the page that forgets them."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError

from netweave.errors import InvalidInput, NetweaveError
from netweave.logic.parse import says_none, whole_number
from netweave.services.context import Context
from netweave.services.orgs import organization_names
from netweave.services.people import (
    PersonChanges,
    edit_person,
    forget_person,
    introductions_to_forget,
    namesakes,
    show_person,
    yours_stays,
)
from netweave.web.deps import ctx_of, give_notice, render, said_at
from netweave.web.forms import (
    PERSON_FIELDS,
    PathId,
    PersonEditIn,
    optional,
    split_list,
    within_limits,
)
from netweave.web.refusal import REFUSED, Refusal, refusal_of
from netweave.web.routes.people import new_org_said
from netweave.web.said import person_saved
from netweave.web.shown import reconciled, shown_field

router = APIRouter(include_in_schema=False)

#: A field as typed: its length is checked with the others (``PersonEditIn``), so that one
#: too long is said beside it.
Text = Annotated[str, Form()]


async def _sent(request: Request) -> frozenset[str]:
    """The names of the fields the form sent. One not sent at all changes nothing: it is read
    as the form shows it (``_as_shown``), so a form sent without some fields (a page from
    before, a script) never clears what they hold (sent empty, a field is cleared)."""
    return frozenset((await request.form()).keys())


@router.get("/people/{person_id}/edit")
def edit_page(request: Request, person_id: PathId) -> Response:
    """The person's details in a form, as they are now."""
    return _edit_page(request, person_id)


def _edit_page(request: Request, person_id: int, refused: Refusal | None = None) -> Response:
    """The edit form as the person is now; refused, as it was sent, with why (422)."""
    ctx = ctx_of(request)
    person = show_person(ctx, f"#{person_id}")
    return render(
        request,
        "person_edit.html",
        status_code=REFUSED if refused else 200,
        p=person,
        shown=shown_field(_as_shown(person)),
        circles=list(ctx.settings.circles),
        org_names=organization_names(ctx),
        refused=refused,
    )


@router.post("/people/{person_id}/edit")
def save(
    request: Request,
    person_id: PathId,
    sent_fields: Annotated[frozenset[str], Depends(_sent)],
    name: Text = "",
    company: Text = "",
    title: Text = "",
    headline: Text = "",
    location: Text = "",
    pronouns: Text = "",
    birthday: Text = "",
    circle: Text = "",
    cadence: Text = "",
    strength: Text = "",
    tags: Text = "",
    email: Text = "",
    phone: Text = "",
    remove_email: Annotated[list[str] | None, Form()] = None,
    remove_phone: Annotated[list[str] | None, Form()] = None,
    linkedin: Text = "",
    need: Text = "",
    offer: Text = "",
    interest: Text = "",
    introduced_by: Text = "",
    note: Text = "",
    shown: Text = "",
) -> Response:
    """Save what the form changed (a field left as the form showed it, or not sent, changes
    nothing, so that what another window saved since stays; a field changed here and there
    too is refused, saying both; the name emptied is refused); refused, the form again as
    it was sent, the message beside the field at fault."""
    sent = {"name": name, "company": company, "title": title, "headline": headline,
             "location": location, "pronouns": pronouns, "birthday": birthday, "circle": circle,
             "cadence": cadence, "strength": strength, "tags": tags, "email": email,
             "phone": phone, "remove_email": remove_email or [], "remove_phone": remove_phone or [],
             "linkedin": linkedin, "need": need, "offer": offer, "interest": interest,
             "introduced_by": introduced_by, "note": note}  # fmt: skip
    ctx = ctx_of(request)
    was = show_person(ctx, f"#{person_id}")
    now = _as_shown(was)
    typed = {k: v if k in sent_fields else now.get(k, v) for k, v in sent.items()}
    try:
        typed = reconciled(typed, shown, now, what=was["name"], labels=PERSON_FIELDS)
        within_limits(PersonEditIn, typed)
        view = _save(ctx, person_id, was, typed)
    except (NetweaveError, ValidationError) as exc:
        refused = refusal_of(exc, "edit-person", typed, PERSON_FIELDS)
        return _edit_page(request, person_id, refused)
    flags = new_org_said(request, person_id, view)
    renamed = view is not None and view["name"] != was["name"]
    if renamed and (same := namesakes(ctx, view["name"] if view else "", besides=person_id)):
        flags["namesakes"] = give_notice(request, f"person/{person_id}", same)  # here already
    said = "?" + urlencode(flags) if flags else ""
    done = person_saved(view, was)
    return RedirectResponse(said_at(request, f"/people/{person_id}{said}", done), status_code=303)


def _as_shown(was: dict[str, Any]) -> dict[str, str]:
    """The fields as the form shows the person now: what a field not sent is read as."""
    own_cadence = was["cadence_days"] if was["cadence_source"] == "own" else None
    pinned = _pinned(was)
    text = ("name", "company", "title", "headline", "location", "pronouns", "birthday",
            "circle", "linkedin")  # fmt: skip
    return {
        **{k: str(was[k] or "") for k in text},
        "cadence": "" if own_cadence is None else str(own_cadence),
        "strength": "" if pinned is None else str(pinned),
        "tags": ", ".join(was["tags"]),
        "introduced_by": str(was["met"]["introduced_by"] or ""),
    }


def _save(
    ctx: Context, person_id: int, was: dict[str, Any], typed: dict[str, Any]
) -> dict[str, Any] | None:
    """Save what the form changed, from the fields as typed; the person as saved (``None``:
    nothing changed)."""
    changes = PersonChanges(
        **_profile_changes(was, typed),
        **_keeping_changes(was, typed),
        **_contact_changes(was, typed),
    )
    if changes.empty():
        return None
    return edit_person(ctx, f"#{person_id}", changes)


def _profile_changes(was: dict[str, Any], typed: dict[str, Any]) -> dict[str, Any]:
    """Who they are, as the form changed it: name, work, headline, location, birthday."""
    name, company, title = typed["name"], typed["company"], typed["title"]
    headline, location, pronouns = typed["headline"], typed["location"], typed["pronouns"]
    birthday = typed["birthday"]
    return {
        "name": "" if not name.strip() else _changed(name, was["name"]),  # emptied: refused
        "company": None if _no_job(company) else _changed(company, was["company"]),
        "end_job": _no_job(company) and was["company"] is not None,  # emptied or "none"
        "title": _title(title, company, was),
        "clear_title": _no_title(title) and was["title"] is not None and not _no_job(company),
        "headline": _emptied(headline, was["headline"]),
        "location": _emptied(location, was["location"]),
        "pronouns": _emptied(pronouns, was["pronouns"]),
        "birthday": _changed(birthday, was["birthday"]),
        "clear_birthday": not birthday.strip() and was["birthday"] is not None,
    }


def _keeping_changes(was: dict[str, Any], typed: dict[str, Any]) -> dict[str, Any]:
    """How to keep in touch, as the form changed it: circle, own cadence, strength, tags."""
    circle, cadence, strength = typed["circle"], typed["cadence"], typed["strength"]
    wanted_tags = {t.lower() for t in split_list(typed["tags"])}
    own_cadence = was["cadence_days"] if was["cadence_source"] == "own" else None
    return {
        "circle": _changed(circle, was["circle"]),
        "clear_circle": not circle.strip() and was["circle"] is not None,
        "cadence_days": _number(cadence, "cadence", 1, 3650, own_cadence),
        "clear_cadence": not cadence.strip() and own_cadence is not None,
        "strength": _number(strength, "strength", 0, 100, _pinned(was)),
        "unpin_strength": not strength.strip() and bool(was["strength_pinned"]),
        "tags": sorted(wanted_tags - set(was["tags"])),
        "remove_tags": sorted(set(was["tags"]) - wanted_tags),
    }


def _contact_changes(was: dict[str, Any], typed: dict[str, Any]) -> dict[str, Any]:
    """How to reach them and what is known of them, as the form changed it: addresses,
    LinkedIn, a need, an offer, an interest, who introduced them, a note."""
    linkedin, introduced_by = typed["linkedin"], typed["introduced_by"]
    introducer = was["met"]["introduced_by"]
    # emptied, or "none" as on the command line (the field is not on the user's own record)
    nobody = not was["is_me"] and (not introduced_by.strip() or says_none(introduced_by))
    return {
        "emails": split_list(typed["email"]),
        "phones": split_list(typed["phone"]),
        "remove_emails": list(typed["remove_email"]),
        "remove_phones": list(typed["remove_phone"]),
        "linkedin": _changed(linkedin, was["linkedin"]),
        "clear_linkedin": not linkedin.strip() and was["linkedin"] is not None,
        "needs": [n] if (n := optional(typed["need"])) else [],
        "offers": [o] if (o := optional(typed["offer"])) else [],
        "interests": [i] if (i := optional(typed["interest"])) else [],
        "introduced_by": None if nobody else _changed(introduced_by, introducer),
        "clear_introduced_by": nobody and introducer is not None,
        "note": optional(typed["note"]),
    }


def _no_job(company: str) -> bool:
    """Whether the employer field says there is none now: emptied, or "none" as the
    command line's ``--company none``."""
    return not company.strip() or says_none(company)


def _title(title: str, company: str, was: dict[str, Any]) -> str | None:
    """The title to set: a new employer takes the one the form shows (changed or not, as
    the user sees it); else only a changed one."""
    if _no_title(title):
        return None
    if not _no_job(company) and _changed(company, was["company"]) is not None:
        return optional(title)
    return _changed(title, was["title"])


def _no_title(title: str) -> bool:
    """Whether the title field says there is none: emptied, or "none"."""
    return not title.strip() or says_none(title)


def _changed(text: str, was: Any) -> str | None:
    """What a field asks for: its value when it differs from what was, else ``None``."""
    value = optional(text)
    return value if value is not None and value != (was or None) else None


def _emptied(text: str, was: Any) -> str | None:
    """``_changed`` for a field that can be cleared: emptied, it asks for no value."""
    if not text.strip():
        return "" if was else None
    return _changed(text, was)


def _pinned(view: dict[str, Any]) -> int | None:
    return int(view["strength"]) if view["strength_pinned"] else None


def _number(text: str, what: str, low: int, high: int, was: int | None) -> int | None:
    """A whole number typed in a field, from ``low`` to ``high``; ``None`` when empty or as
    it was."""
    value = optional(text)
    if value is None:
        return None
    number = whole_number(value)
    if number is None or not low <= number <= high:
        raise InvalidInput(f"{what}: a whole number from {low} to {high}, not {value!r}")
    return None if number == was else number


@router.get("/people/{person_id}/forget")
def forget_page(request: Request, person_id: PathId) -> Response:
    """Ask before a person is forgotten (the command line asks too, or takes ``--yes``); the
    user's own record is refused at once, as there."""
    person = show_person(ctx_of(request), f"#{person_id}")
    if person["is_me"]:
        raise InvalidInput(yours_stays(person["name"], person["id"]))
    intros = introductions_to_forget(ctx_of(request), f"#{person_id}")
    return render(request, "person_forget.html", p=person, intros=intros)


@router.post("/people/{person_id}/forget")
def forget(
    request: Request, person_id: PathId, confirm: Annotated[str, Form(max_length=8)] = ""
) -> Response:
    """Remove a person and everything only about them, once confirmed; then the people list,
    saying who was forgotten."""
    if confirm != "yes":
        raise InvalidInput("forgetting someone cannot be undone: confirm it on its page first")
    name = forget_person(ctx_of(request), f"#{person_id}")
    return RedirectResponse("/people?" + urlencode({"forgotten": name}), status_code=303)
