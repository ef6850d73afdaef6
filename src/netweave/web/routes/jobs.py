"""The job-search pages: the leads board, a lead, the report."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError

from netweave.errors import InvalidInput, NearMatch, NetweaveError
from netweave.logic.vocab import LEAD_ROLES, LEAD_SOURCES, LEAD_STAGES, choose
from netweave.services import field_lengths as column
from netweave.services.context import Context
from netweave.services.leads import (
    CLOSED_STAGES,
    add_lead,
    edit_lead,
    link_person,
    list_leads,
    move_lead,
    set_next_step,
    show_lead,
    unlink_person,
)
from netweave.services.orgs import NEW_ORG_ANYWAY, organization_names
from netweave.services.report import job_report
from netweave.web import said_forms
from netweave.web.charts import NARROW, funnel_bars, source_shares
from netweave.web.confirm import confirm_page, confirmed
from netweave.web.deps import ctx_of, give_notice, render, said_at, session_of, take_notice, web
from netweave.web.forms import (
    LeadEditIn,
    LeadNewIn,
    PathId,
    optional,
    parse_day,
    within_limits,
)
from netweave.web.new_org import new_org_notice, new_org_query
from netweave.web.refusal import REFUSED, Fields, Refusal, checking, refusal_of
from netweave.web.said import lead_moved
from netweave.web.shown import reconciled, shown_field

router = APIRouter(include_in_schema=False)
OPEN_STAGES = tuple(s for s in LEAD_STAGES if s not in CLOSED_STAGES)


@router.get("/leads")
def leads_page(request: Request) -> Response:
    """The board: one column per open stage, closed leads below."""
    return _board(request)


def _board(request: Request, refused: Refusal | None = None, *, near: bool = False) -> Response:
    """The board; its New lead form refused, open and as it was sent (422); ``near``:
    refused for an employer only close to organizations' names, so the box that says it is
    a new one is offered."""
    ctx = ctx_of(request)
    leads = list_leads(ctx, include_closed=True)
    columns = [(stage, [lead for lead in leads if lead["stage"] == stage]) for stage in OPEN_STAGES]
    closed = [lead for lead in leads if lead["stage"] in CLOSED_STAGES]
    today = ctx.clock.today()
    return render(
        request,
        "leads.html",
        status_code=REFUSED if refused else 200,
        refused=refused,
        columns=columns,
        closed=closed,
        late={  # how many days an open lead's next step is overdue, by lead
            lead["id"]: (today - dt.date.fromisoformat(lead["next_due"])).days
            for lead in leads
            if lead["next_due"] and lead["next_due"] < today.isoformat()
        },
        stages=LEAD_STAGES,
        open_stages=OPEN_STAGES,
        sources=LEAD_SOURCES,
        roles=LEAD_ROLES,
        org_names=organization_names(ctx),
        near=near,
        new_org_anyway=NEW_ORG_ANYWAY,
    )


@router.post("/leads")
def create_lead(
    request: Request,
    org: Annotated[str, Form()] = "",
    role: Annotated[str, Form()] = "",
    source: Annotated[str, Form()] = "other",
    url: Annotated[str, Form()] = "",
    hidden: Annotated[str, Form()] = "",
    step: Annotated[str, Form()] = "",
    due: Annotated[str, Form()] = "",
    person: Annotated[str, Form()] = "",
    person_role: Annotated[str, Form()] = "advocate",
    new_org: Annotated[str, Form()] = "",
    once: Annotated[str, Form(max_length=64)] = "",
) -> Response:
    """Open a lead, with its first next step and a person linked when given (``hidden``:
    ``hidden`` or ``public``, else as its source and posting say); refused, the board again
    with the form open as it was sent, the message beside the field at fault (one too long
    too). Sent again with its key (``once``: a double click, a reload), the form opens no
    lead more: it lands on the lead the first one opened (``web/once.py``)."""
    typed = {"org": org, "role": role, "source": source, "url": url, "hidden": hidden,
             "step": step, "due": due, "person": person, "person_role": person_role,
             "new_org": new_org}  # fmt: skip
    with web(request).sent.sending(session_of(request).sid, once) as sending:
        if sending.landed is not None:
            return RedirectResponse(sending.landed, status_code=303)
        landed = _open_lead(request, typed)
        if isinstance(landed, str):
            sending.saved(landed.partition("?")[0])
            return RedirectResponse(landed, status_code=303)
        return landed


def _open_lead(request: Request, typed: dict[str, str]) -> str | Response:
    """Open a lead from the form's fields: the page to land on, or the board with the form
    refused."""
    org, role, source, url = typed["org"], typed["role"], typed["source"], typed["url"]
    step, due, hidden = typed["step"], typed["due"], typed["hidden"]
    person, person_role = typed["person"], typed["person_role"]
    try:
        within_limits(LeadNewIn, typed)
        with checking("due", "Due"):
            day = parse_day(due)
        with checking("source", "Source"):
            chosen = choose(source, LEAD_SOURCES, "source")
        with checking("hidden", "Reached you"):
            reach = choose(hidden, ("hidden", "public"), "choice") if hidden.strip() else None
        people = [(person.strip(), person_role)] if person.strip() else []
        lead = add_lead(
            ctx_of(request), org, role, source=chosen, url=optional(url), next_step=optional(step),
            due=day, hidden=None if reach is None else reach == "hidden", people=people,
            new_org=bool(typed["new_org"]),
        )  # fmt: skip
    except (NetweaveError, ValidationError) as exc:
        refused = refusal_of(exc, "new-lead", typed, LEAD_FORMS["new-lead"])
        return _board(request, refused, near=isinstance(exc, NearMatch) or bool(typed["new_org"]))
    same = lead.get("same_role") or []  # the page says an open lead has the same role
    said = {"same": same[0]} if same else {}
    return f"/leads/{lead['id']}{_said(request, lead, said)}"


def _said(request: Request, lead: dict[str, Any], said: dict[str, Any]) -> str:
    """The query of the lead page a form lands on, with ``new_org`` (the key of a one-time
    notice) when the form made the employer from the name typed (the page says so, as the
    command line does)."""
    page = f"lead/{lead['id']}"
    said = said | new_org_query(request, page, lead, lead.get("org"), similar_only=False)
    return "?" + urlencode(said) if said else ""


@router.get("/leads/{lead_id}")
def lead_page(
    request: Request,
    lead_id: PathId,
    cleared: int = 0,
    same: int = 0,
    new_org: Annotated[str, Query(max_length=64)] = "",
    moved: Annotated[str, Query(max_length=64)] = "",
) -> Response:
    """One lead: stage history, people, next step (``cleared``: a move just cleared it;
    ``same``: an open lead for the same role, just added again; ``moved``: the key of the
    one-time notice of a move just made to or from accepted (how many who helped are on
    Today to hear it and how many other leads are still open, or whose news is off Today);
    ``new_org``: its employer just made from the name typed, the key of that one-time
    notice)."""
    accepted = take_notice(request, moved, f"lead/{lead_id}/moved")
    same_role = same if same > 0 else None
    return _lead(
        request, lead_id, cleared=bool(cleared), accepted=accepted, same=same_role, new_org=new_org
    )


def _lead(request: Request, lead_id: int, status_code: int = 200, **shown: Any) -> Response:
    """A lead's page, with what ``shown`` says on it (a flash, a form refused)."""
    ctx = ctx_of(request)
    lead = show_lead(ctx, f"#{lead_id}")
    if lead["stage"] != "accepted" and not (shown.get("accepted") or {}).get("untold"):
        shown.pop("accepted", None)
    if shown.get("new_org"):  # what the command line says of the employer just made, once
        page = f"lead/{lead_id}"
        shown["new_org"] = new_org_notice(request, shown["new_org"], page, lead["org"],
                                          similar_only=False)  # fmt: skip
    return render(
        request,
        "lead.html",
        status_code=status_code,
        org_names=organization_names(ctx),
        lead=lead,
        stages=LEAD_STAGES,
        move_stages=[s for s in LEAD_STAGES if s != lead["stage"]],
        move_to=_next_stage(lead["stage"]),
        sources=LEAD_SOURCES,
        roles=LEAD_ROLES,
        closed=CLOSED_STAGES,
        new_org_anyway=NEW_ORG_ANYWAY,
        edit_shown=shown_field(_as_shown(lead)),
        **shown,
    )


def _refused(
    request: Request,
    lead_id: int,
    exc: NetweaveError | ValidationError,
    form: str,
    typed: dict[str, Any],
) -> Response:
    """The lead's page with one of its forms refused, as it was sent (422)."""
    refused = refusal_of(exc, form, typed, LEAD_FORMS[form])
    near = isinstance(exc, NearMatch) or bool(typed.get("new_org"))  # the box that says new
    return _lead(request, lead_id, REFUSED, refused=refused, near=near)


#: The fields of a lead page's forms, and how their refusals start.
LEAD_FORMS: dict[str, Fields] = {
    "move": {
        "stage": ("To", "unknown stage", "lead #"),
        "note": ("Note",),
        "step": ("Next step", "a lead accepted", "a lead withdrawn", "a lead rejected"),
        "due": ("Due", "the date"),
    },
    "next": {
        "step": ("Step", "a next step", "give the next step"),
        "due": ("Due", "the date"),
    },
    "link": {"person": ("Person", "no person"), "role": ("As", "role", "unknown role")},
    "new-lead": {
        "org": (
            "Employer",
            "organization",
            "no organization is named",
            "not an organization name",
            "give the organization's name",
        ),
        "role": ("Role", "a lead needs a role"),
        "source": ("Source", "unknown source"),
        "url": ("Posting URL", "posting url"),
        "hidden": ("Reached you",),
        "step": ("Next step", "a next step"),
        "due": ("Due", "the date"),
        "person": ("Person", "no person"),
        "person_role": ("As", "lead role", "unknown lead role"),
    },
    "edit-lead": {
        "role": ("Role", "a lead needs a role"),
        "org": (
            "Employer",
            "organization",
            "no organization is named",
            "not an organization name",
            "give the organization's name",
        ),
        "source": ("Source", "unknown source"),
        "url": ("Posting", "posting url"),
        "notes": ("Notes",),
        "hidden": ("Hidden",),
    },
}


def _next_stage(stage: str) -> str | None:
    """The stage a lead's Move form offers first: the next one along, none for a closed lead
    (the current stage is no move at all)."""
    if stage in CLOSED_STAGES or stage not in OPEN_STAGES:
        return None
    return LEAD_STAGES[LEAD_STAGES.index(stage) + 1]


@router.post("/leads/{lead_id}/move")
def move(
    request: Request,
    lead_id: PathId,
    stage: Annotated[str, Form()],
    back: Annotated[str, Form()] = "",
    focus: Annotated[str, Form(max_length=10)] = "",
    step: Annotated[str, Form(max_length=column.STEP)] = "",
    due: Annotated[str, Form(max_length=20)] = "",
    note: Annotated[str, Form(max_length=2000)] = "",
    confirm: Annotated[str, Form(max_length=8)] = "",
) -> Response:
    """Move a lead to another stage (the board's arrows, the detail's select). The next
    step set before is cleared unless the detail's form gives the next one (or a new day
    for it). Back on the board, the page opens at the card moved, with the same arrow
    focused (the address's fragment names it: ``#lead-7-on``). An offer is accepted once
    confirmed: else the page that asks. A note given is kept with the move, in the history."""
    if stage == "accepted" and not confirmed(confirm):
        fields = {"stage": stage, "back": back, "focus": focus, "step": step, "due": due,
                  "note": note}  # fmt: skip
        if (ask := _ask_accept(request, lead_id, fields)) is not None:
            return ask
    try:
        with checking("due", "Due"):
            day = parse_day(due)
        with checking("stage", "To"):
            target = choose(stage, LEAD_STAGES, "stage")
        moved = move_lead(ctx_of(request), f"#{lead_id}", target, note=optional(note),
                          next_step=optional(step), due=day)  # fmt: skip
    except NetweaveError as exc:
        if back == "board":  # an arrow of the board: nothing was typed, the error page says it
            raise
        typed = {"stage": stage, "step": step, "due": due, "note": note}
        return _refused(request, lead_id, exc, "move", typed)
    if moved["stage"] == "accepted" or moved["untold"]:  # once: who hears it, or no longer
        news = {"thanks": len(moved["thanks"]), "still": len(moved["still_open"]),
                "told": len(moved["told"]), "untold": [p["name"] for p in moved["untold"]],
                "dropped": [t["title"] for t in moved["dropped"]]}  # fmt: skip
        key = give_notice(request, f"lead/{lead_id}/moved", news)
        return RedirectResponse(f"/leads/{lead_id}?moved={key}", status_code=303)
    gone = moved["step_cleared"] and not moved["next_step"]  # the step went, none given
    if back != "board" and gone and not moved["dropped"]:
        return RedirectResponse(f"/leads/{lead_id}?cleared=1", status_code=303)
    if back != "board":
        return RedirectResponse(said_at(request, f"/leads/{lead_id}", lead_moved(moved)), 303)
    arrow = f"-{focus}" if focus in ("back", "on", "accept") else ""
    done = lead_moved(moved)
    return RedirectResponse(said_at(request, "/leads", done, f"lead-{lead_id}{arrow}"), 303)


def _ask_accept(request: Request, lead_id: int, fields: dict[str, str]) -> Response | None:
    """The page that asks before an offer is accepted, naming the lead (``None`` for a lead
    not at offer: the move says why it cannot be, asking nothing)."""
    lead = show_lead(ctx_of(request), f"#{lead_id}")
    if lead["stage"] != "offer":
        return None
    back = f"/leads#lead-{lead_id}-accept" if fields["back"] == "board" else f"/leads/{lead_id}"
    return confirm_page(
        request,
        title=f"Accept the offer: {lead['role']} at {lead['org']}?",
        said="The lead closes as accepted. The people who helped with it are put on Today, "
        "to tell them how it ended and thank them.",
        yes="Yes, accept the offer",
        back=back,
        back_label="Not yet",
        active="leads",
        fields={k: v for k, v in fields.items() if v},
        danger=False,
    )


@router.post("/leads/{lead_id}/next")
def next_step(
    request: Request,
    lead_id: PathId,
    step: Annotated[str, Form(max_length=column.STEP)] = "",
    due: Annotated[str, Form(max_length=20)] = "",
) -> Response:
    """Set the lead's next step (due today when no date is given), or clear it (empty). A new
    due day with no step moves the step set to that day, as ``leads next ID --due`` does (a
    lead with none says a step is needed); the step erased with its day as it was clears it."""
    ctx = ctx_of(request)
    try:
        view = _set_next(ctx, lead_id, step, due)
    except NetweaveError as exc:
        return _refused(request, lead_id, exc, "next", {"step": step, "due": due})
    done = said_forms.next_set(view, ctx.clock.today())
    return RedirectResponse(said_at(request, f"/leads/{lead_id}", done), status_code=303)


def _set_next(ctx: Context, lead_id: int, step: str, due: str) -> dict[str, Any]:
    """The next step form's change (see ``next_step``)."""
    with checking("due", "Due"):
        day = parse_day(due)
    if not step.strip() and day is not None:
        was = show_lead(ctx, f"#{lead_id}")
        if not was["next_step"] or was["next_due"] != day.isoformat():
            return set_next_step(ctx, f"#{lead_id}", None, day)
    return set_next_step(ctx, f"#{lead_id}", step, None if not step.strip() else day)


@router.post("/leads/{lead_id}/people")
def link(
    request: Request,
    lead_id: PathId,
    person: Annotated[str, Form(max_length=300)] = "",
    role: Annotated[str, Form(max_length=50)] = "advocate",
) -> Response:
    """Link someone to the lead: a name, an email or ``#id``."""
    try:
        if not person.strip():
            raise InvalidInput("person: give a name, an email or #id")
        view = link_person(ctx_of(request), f"#{lead_id}", person, role)
    except NetweaveError as exc:
        return _refused(request, lead_id, exc, "link", {"person": person, "role": role})
    done = said_forms.linked(view)
    return RedirectResponse(said_at(request, f"/leads/{lead_id}", done), status_code=303)


@router.post("/leads/{lead_id}/people/{person_id}/remove")
def unlink(
    request: Request,
    lead_id: PathId,
    person_id: PathId,
    role: Annotated[str, Form(max_length=50)] = "",
) -> Response:
    """Take someone off the lead, in the role the button is for."""
    view = unlink_person(ctx_of(request), f"#{lead_id}", f"#{person_id}", optional(role))
    done = said_forms.unlinked(view, optional(role))
    return RedirectResponse(said_at(request, f"/leads/{lead_id}", done), status_code=303)


@router.post("/leads/{lead_id}/edit")
def edit(
    request: Request,
    lead_id: PathId,
    role: Annotated[str, Form()] = "",
    org: Annotated[str, Form()] = "",
    source: Annotated[str, Form()] = "other",
    url: Annotated[str, Form()] = "",
    hidden: Annotated[str, Form()] = "",
    notes: Annotated[str, Form()] = "",
    new_org: Annotated[str, Form()] = "",
    shown: Annotated[str, Form()] = "",
) -> Response:
    """Save what the form changed in the lead's details (its stage stays; a field left as
    the form showed it keeps what was saved elsewhere since, one changed here and there too
    is refused, saying both). A Hidden box left as it was lets a new source or posting
    decide it again. Refused (a field too long too), the page again with the form as it
    was sent."""
    ctx = ctx_of(request)
    was = show_lead(ctx, f"#{lead_id}")
    typed = {"role": role, "org": org, "source": source, "url": url, "notes": notes,
             "hidden": hidden, "new_org": new_org}  # fmt: skip
    try:
        what = f"The lead {was['role']} at {was['org']}"
        typed = reconciled(typed, shown, _as_shown(was), what=what, labels=LEAD_FORMS["edit-lead"])
        within_limits(LeadEditIn, typed)
        view = edit_lead(
            ctx,
            f"#{lead_id}",
            role=typed["role"],
            org=typed["org"],  # the field left blank is refused, as on the New lead form
            source=None if typed["source"] == was["source"] else typed["source"],
            url=None if typed["url"].strip() == (was["posting_url"] or "") else typed["url"],
            hidden=None if bool(typed["hidden"]) == was["hidden"] else bool(typed["hidden"]),
            notes=typed["notes"],
            new_org=bool(new_org),
        )
    except (NetweaveError, ValidationError) as exc:
        return _refused(request, lead_id, exc, "edit-lead", typed)
    return RedirectResponse(f"/leads/{lead_id}{_said(request, view, {})}", status_code=303)


def _as_shown(lead: dict[str, Any]) -> dict[str, Any]:
    """The Edit form's fields as it shows the lead now (Hidden: the box's value, ticked)."""
    return {"role": lead["role"], "org": lead["org"], "source": lead["source"],
            "url": lead["posting_url"] or "", "hidden": "1" if lead["hidden"] else "",
            "notes": lead["notes"] or ""}  # fmt: skip


@router.get("/reports")
def reports_page(request: Request) -> Response:
    """Where the leads came from and how far each source got."""
    report = job_report(ctx_of(request))
    return render(
        request,
        "reports.html",
        report=report,
        charts=[funnel_bars(report["funnel"]), funnel_bars(report["funnel"], NARROW, stacked=True)],
        shares=source_shares(report["funnel"]),
        narrow_shares=source_shares(report["funnel"], NARROW),
        narrow_width=NARROW,
    )
