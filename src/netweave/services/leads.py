"""Leads: job opportunities moving through stages, with their history, people and next step."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from netweave.errors import Conflict, InvalidInput, NotFound
from netweave.logic.normalize import clean, fold, is_web_address
from netweave.logic.vocab import LEAD_ROLES, LEAD_SOURCES, LEAD_STAGES, choose
from netweave.logic.wording import echoed
from netweave.services import field_lengths as column
from netweave.services.context import Context
from netweave.services.lead_accepted import acceptance_taken_back, after_acceptance
from netweave.services.lead_closed import ENDED, tasks_dropped
from netweave.services.lead_people import moved_away
from netweave.services.lead_ref import CLOSED_STAGES as CLOSED_STAGES
from netweave.services.lead_ref import resolve_lead
from netweave.services.orgs import employer
from netweave.services.resolve import resolve_person
from netweave.store.models import Lead, LeadPerson, LeadStageChange, Organization, Person

LeadView = dict[str, Any]
#: Sources that reach the user through people: without a public posting, such a lead is hidden.
PEOPLE_SOURCES = ("referral", "network")


def add_lead(
    ctx: Context,
    org: str,
    role: str,
    *,
    source: str = "other",
    hidden: bool | None = None,
    url: str | None = None,
    next_step: str | None = None,
    due: dt.date | None = None,
    people: Sequence[tuple[str, str]] = (),
    notes: str | None = None,
    new_org: bool = False,
) -> LeadView:
    """Open a lead at an organization (created when new), at the stage ``lead``.

    ``org`` is read as ``employer`` reads it: a name only close to organizations' is
    refused unless ``new_org`` says it is a new one.

    ``hidden`` defaults to: it came through people (referral, network) with no posting URL.
    A new organization is said under ``new_org``, with those the name partly matches; an
    open lead for the same role there under ``same_role`` (its ids: two openings of one
    title can be, so it is said, not refused).
    """
    title = clean(role)
    if not title:
        raise InvalidInput("a lead needs a role, such as 'Data engineer'")
    kind = choose(source, LEAD_SOURCES, "lead source")
    link = posting_address(url)
    today = ctx.clock.today()
    with ctx.db.transaction() as session:
        organization, new = employer(session, org, near_is_new=new_org)
        same = _same_role(session, organization.id, title)
        lead = Lead(
            organization_id=organization.id,
            role=title,
            source=kind,
            hidden=hidden if hidden is not None else (kind in PEOPLE_SOURCES and not link),
            posting_url=link,
            stage="lead",
            notes=notes.strip() if notes else None,
        )
        session.add(lead)
        session.flush()
        _set_next(lead, next_step, due, today)
        session.add(
            LeadStageChange(lead_id=lead.id, from_stage=None, to_stage="lead", changed_on=today)
        )
        given: set[tuple[int, str]] = set()  # one person given twice in one role: once
        for name, person_role in people:
            _link(session, lead, name, person_role, given)
        session.flush()
        view = _view(session, lead, today, detail=True)
        view = view | {"same_role": list(same)} if same else view
        return view | {"new_org": new} if new else view


def _same_role(session: Session, organization_id: int, title: str) -> list[int]:
    """The open leads at the organization for this role (its ids, the oldest first)."""
    # the role without case or accents, in Python: SQL's lower() folds other letters
    # on each backend (SQLite's only ASCII)
    key = fold(title)
    return [
        lead_id
        for lead_id, held in session.execute(
            select(Lead.id, Lead.role)
            .where(Lead.organization_id == organization_id, Lead.stage.not_in(CLOSED_STAGES))
            .order_by(Lead.id)
        )
        if fold(held) == key
    ]


def stage_name(stage: str) -> str:
    """A stage as the user reads and types it: ``referral_requested`` → ``referral requested``."""
    return stage.replace("_", " ")


def posting_address(url: str | None) -> str | None:
    """A posting URL as given (``None`` for none), refused unless it is an http(s)
    address: only those are shown as links, and a ``javascript:`` one must never be."""
    link = clean(url) if url else None
    if link and not is_web_address(link):
        raise InvalidInput(f"posting URL: give an http:// or https:// address, not {echoed(link)}")
    return link or None


def list_leads(
    ctx: Context, *, stage: str | None = None, include_closed: bool = False
) -> list[LeadView]:
    """Leads, those with the nearest next step first (closed ones only when asked)."""
    wanted = choose(stage, LEAD_STAGES, "stage") if stage else None
    today = ctx.clock.today()
    with ctx.db.reading() as session:
        query = select(Lead)
        if wanted:
            query = query.where(Lead.stage == wanted)
        elif not include_closed:
            query = query.where(Lead.stage.not_in(CLOSED_STAGES))
        leads = list(session.scalars(query.order_by(Lead.id)))
        views = [_view(session, lead, today, detail=False) for lead in leads]
    views.sort(key=lambda v: (v["next_due"] is None, v["next_due"] or "", v["id"]))
    return views


def show_lead(ctx: Context, ref: str) -> LeadView:
    """One lead with its stage history and linked people."""
    with ctx.db.reading() as session:
        return _view(session, resolve_lead(session, ref), ctx.clock.today(), detail=True)


def move_lead(
    ctx: Context,
    ref: str,
    stage: str,
    *,
    note: str | None = None,
    next_step: str | None = None,
    due: dt.date | None = None,
) -> LeadView:
    """Move a lead to another stage, dated today.

    The next step set before belonged to the stage left ("apply online" is behind a lead
    moved to applied), so a move clears it, unless the move gives a new one
    (``next_step``) or only a new ``due`` date, which keeps it for that day. Closing a lead
    clears it always. The view says which step was cleared (``step_cleared``). A lead
    rejected or withdrawn takes its open tasks off the agenda (``dropped``); an accepted
    one moved back, the updates its acceptance planned (``untold``)."""
    target = choose(stage, LEAD_STAGES, "stage")
    today = ctx.clock.today()
    if target in CLOSED_STAGES and next_step is not None:
        raise InvalidInput(f"a lead {stage_name(target)} has no next step: leave out the step")
    with ctx.db.transaction() as session:
        lead = resolve_lead(session, ref)
        _check_move(session, lead, target, today)
        session.add(
            LeadStageChange(
                lead_id=lead.id,
                from_stage=lead.stage,
                to_stage=target,
                changed_on=today,
                note=note.strip() if note else None,
            )
        )
        untold = acceptance_taken_back(session, lead) if lead.stage == "accepted" else []
        dropped = tasks_dropped(session, lead) if target in ENDED else []
        lead.stage = target
        cleared = _step_after_move(lead, next_step, due, today)
        session.flush()
        # an offer accepted: who helped hears how it ended, and what is still open is named
        ended: dict[str, Any] = {"thanks": [], "told": [], "still_open": []}
        if target == "accepted":
            ended = after_acceptance(session, lead, today, ctx.clock.now(), closed=CLOSED_STAGES)
        return {
            **_view(session, lead, today, detail=True),
            "step_cleared": cleared,
            **ended,
            "untold": untold,
            "dropped": dropped,
        }


def _check_move(session: Session, lead: Lead, target: str, today: dt.date) -> None:
    """Refuse a move to the stage the lead is at, to accepted but from an offer, or dated
    before its last move."""
    if lead.stage == target:
        raise InvalidInput(f"lead #{lead.id} is already at {stage_name(target)}")
    if target == "accepted" and lead.stage != "offer":
        raise InvalidInput(
            f"lead #{lead.id} is at {stage_name(lead.stage)}: an offer is accepted, "
            "so move it to offer first"
        )
    last = session.scalar(
        select(func.max(LeadStageChange.changed_on)).where(LeadStageChange.lead_id == lead.id)
    )
    if last is not None and today < last:
        raise InvalidInput(
            f"lead #{lead.id} last moved on {last}: a move is dated that day or later, not {today}"
        )


def _step_after_move(
    lead: Lead, next_step: str | None, due: dt.date | None, today: dt.date
) -> str | None:
    """Set the next step of a lead just moved (its stage set): the step given, or the one
    before for a new ``due`` alone, or none. Returns the step cleared, if one was."""
    left = lead.next_step
    if lead.stage in CLOSED_STAGES or (next_step is None and due is None):
        lead.next_step, lead.next_due = None, None
    _set_next(lead, next_step, due, today)
    return left if left is not None and lead.next_step != left else None


def set_next_step(ctx: Context, ref: str, step: str | None, due: dt.date | None) -> LeadView:
    """Set (or with an empty step, clear) a lead's next step; it shows in ``today`` when due.
    With no step, ``due`` moves the step already set."""
    if step is None and due is None:
        raise InvalidInput("give the next step, or --due to move the one set to another day")
    today = ctx.clock.today()
    with ctx.db.transaction() as session:
        lead = resolve_lead(session, ref)
        if lead.stage in CLOSED_STAGES and not (step is not None and not clean(step)):
            raise InvalidInput(
                f"lead #{lead.id} is closed ({stage_name(lead.stage)}): it has no next step "
                "unless it is moved back to an open stage"
            )
        if step is None and lead.next_step is None:
            raise InvalidInput(
                f"lead #{lead.id} has no next step to move: give one "
                f"(`netweave leads next {lead.id} STEP --due DATE`)",
                web="Step: this lead has no next step to move to that day, give the step too",
            )
        if step is not None and not clean(step):
            lead.next_step, lead.next_due = None, None
        else:
            _set_next(lead, step, due, today)
        session.flush()
        return _view(session, lead, today, detail=True)


def snooze_step(ctx: Context, ref: str, until: dt.date) -> LeadView:
    """The agenda's "snooze" on a lead's next step: the step is due on ``until`` instead.
    A step done or cleared since the agenda was shown has nothing to snooze."""
    today = ctx.clock.today()
    with ctx.db.transaction() as session:
        lead = resolve_lead(session, ref)
        if lead.next_step is None:
            raise Conflict(
                f"lead #{lead.id} has no next step any more (done or cleared since): "
                "nothing to snooze"
            )
        _set_next(lead, None, until, today)
        session.flush()
        return _view(session, lead, today, detail=True)


def step_done(ctx: Context, ref: str) -> LeadView:
    """The agenda's "done" on a lead's next step: the step is cleared, and that is all.

    The step may be anything (applying, preparing a panel), so nothing is logged with the
    people linked to the lead and none of their tasks is closed: a conversation with them
    is logged as one. Returns the lead."""
    today = ctx.clock.today()
    with ctx.db.transaction() as session:
        lead = resolve_lead(session, ref)
        if lead.next_step is None:
            raise InvalidInput(f"lead #{lead.id} has no next step to mark done")
        lead.next_step, lead.next_due = None, None
        session.flush()
        return _view(session, lead, today, detail=True)


def edit_lead(
    ctx: Context,
    ref: str,
    *,
    role: str | None = None,
    org: str | None = None,
    source: str | None = None,
    hidden: bool | None = None,
    url: str | None = None,
    notes: str | None = None,
    new_org: bool = False,
) -> LeadView:
    """Correct a lead: its role, employer (created when new, and then said under
    ``new_org``; a name only close to organizations' refused unless ``new_org``), source,
    whether it is hidden, its posting (``""`` clears it) or its notes (``""`` clears them).
    Without ``hidden``, a new source or posting decides it again, as ``add_lead`` does,
    unless it was set by hand (it is not what that rule gave before the edit): then it is
    kept. A change the rule makes is said under ``hidden_said``. Its
    stage and history stay; a lead is moved with ``move_lead``."""
    if all(value is None for value in (role, org, source, hidden, url, notes)):
        raise InvalidInput(
            "nothing to change: give --role, --org, --source, --hidden/--public, --url or --note"
        )
    title = clean(role) if role is not None else None
    if title == "":
        raise InvalidInput("a lead needs a role, such as 'Data engineer'")
    kind = choose(source, LEAD_SOURCES, "lead source") if source is not None else None
    link = posting_address(url) if url is not None else None
    with ctx.db.transaction() as session:
        lead = resolve_lead(session, ref)
        was, by_hand = lead.hidden, lead.hidden != _hidden_by_rule(lead)
        if title is not None:
            lead.role = title
        new = None
        if org is not None:
            found, new = employer(session, org, near_is_new=new_org)
            lead.organization_id = found.id
        if kind is not None:
            lead.source = kind
        if url is not None:
            lead.posting_url = link
        if hidden is not None:
            lead.hidden = hidden
        elif (kind is not None or url is not None) and not by_hand:
            lead.hidden = _hidden_by_rule(lead)  # the rule of add_lead, on what it is now
        if notes is not None:
            lead.notes = notes.strip() or None
        session.flush()
        view = _view(session, lead, ctx.clock.today(), detail=True)
        turned = hidden is None and lead.hidden != was
        view["hidden_said"] = _hidden_said(lead) if turned else None
        return view | {"new_org": new} if new else view


def _hidden_by_rule(lead: Lead) -> bool:
    """Whether a lead is hidden by the rule: it came through people, with no posting."""
    return lead.source in PEOPLE_SOURCES and not lead.posting_url


def _hidden_said(lead: Lead) -> str:
    """What an edit's new source or posting did to the flag, and how to keep it as it was."""
    if lead.hidden:
        return (
            f"Lead #{lead.id} is now hidden, as a {lead.source} lead with no posting is: give "
            "--public to keep it public."
        )
    why = "with a posting" if lead.source in PEOPLE_SOURCES else "from a " + lead.source
    return f"Lead #{lead.id} is now public, as a lead {why} is: give --hidden to keep it hidden."


def unlink_person(ctx: Context, ref: str, person: str, role: str | None = None) -> LeadView:
    """Take a person off a lead (in one role, or in every role they have on it); the view
    names them under ``unlinked``."""
    kind = choose(role, LEAD_ROLES, "lead role") if role is not None else None
    today = ctx.clock.today()
    with ctx.db.transaction() as session:
        lead = resolve_lead(session, ref)
        who = resolve_person(session, person)
        links = select(LeadPerson).where(
            LeadPerson.lead_id == lead.id, LeadPerson.person_id == who.id
        )
        if kind is not None:
            links = links.where(LeadPerson.role == kind)
        found = list(session.scalars(links))
        if not found:
            as_role = f" as {kind}" if kind else ""
            raise NotFound(f"{who.display_name} is not linked to lead #{lead.id}{as_role}")
        for row in found:
            session.delete(row)
        session.flush()
        return _view(session, lead, today, detail=True) | {
            "unlinked": {"id": who.id, "name": who.display_name}
        }


def link_person(ctx: Context, ref: str, person: str, role: str) -> LeadView:
    """Link a person to a lead as referrer, hiring manager, recruiter, interviewer or advocate."""
    today = ctx.clock.today()
    with ctx.db.transaction() as session:
        lead = resolve_lead(session, ref)
        who, kind = _link(session, lead, person, role)
        session.flush()
        linked = {"id": who.id, "name": who.display_name, "role": kind}
        return _view(session, lead, today, detail=True) | {"linked": linked}


def _set_next(lead: Lead, step: str | None, due: dt.date | None, today: dt.date) -> None:
    if step is not None:
        text = clean(step)
        if not text:
            raise InvalidInput("a next step needs some text")
        column.within(text, column.STEP, "next step")
        lead.next_step = text
        lead.next_due = due or today
    elif due is not None:
        if lead.next_step is None:
            raise InvalidInput(
                "give the next step itself too (--next TEXT)", web="give the next step itself too"
            )
        lead.next_due = due


def _link(
    session: Session, lead: Lead, name: str, role: str, given: set[tuple[int, str]] | None = None
) -> tuple[Person, str]:
    """Link the person ``name`` names to ``lead`` in ``role``; them, and the role. One linked
    so already by the same command (in ``given``) is linked once, as ``log A A`` logs one
    conversation with A."""
    kind = choose(role, LEAD_ROLES, "lead role")
    person = resolve_person(session, name)
    if person.is_me:
        raise InvalidInput(
            f"{person.display_name!r} is you: link the people who help you with the lead"
        )
    if given is not None:
        if (person.id, kind) in given:
            return person, kind
        given.add((person.id, kind))
    exists = session.scalars(
        select(LeadPerson).where(
            LeadPerson.lead_id == lead.id,
            LeadPerson.person_id == person.id,
            LeadPerson.role == kind,
        )
    ).first()
    if exists is not None:
        raise Conflict(f"{person.display_name} is already linked to lead #{lead.id} as {kind}")
    session.add(LeadPerson(lead_id=lead.id, person_id=person.id, role=kind))
    return person, kind


def _view(session: Session, lead: Lead, today: dt.date, *, detail: bool) -> LeadView:
    org = session.get(Organization, lead.organization_id)
    history = list(
        session.scalars(
            select(LeadStageChange)
            .where(LeadStageChange.lead_id == lead.id)
            .order_by(LeadStageChange.changed_on, LeadStageChange.id)
        )
    )
    since = history[-1].changed_on if history else None
    view: LeadView = {
        "id": lead.id,
        "org": org.name if org else None,
        "role": lead.role,
        "stage": lead.stage,
        "source": lead.source,
        "hidden": lead.hidden,
        "posting_url": lead.posting_url,
        "next_step": lead.next_step,
        "next_due": lead.next_due.isoformat() if lead.next_due else None,
        "stage_since": since.isoformat() if since else None,
        # a move dated after today (made with a later --as-of) is here since today
        "days_in_stage": max((today - since).days, 0) if since else None,
        "opened": history[0].changed_on.isoformat() if history else None,
    }
    if detail:
        view["notes"] = lead.notes
        view["history"] = [
            {
                "from": h.from_stage,
                "to": h.to_stage,
                "on": h.changed_on.isoformat(),
                "note": h.note,
            }
            for h in history
        ]
        rows = session.execute(
            select(Person.id, Person.display_name, LeadPerson.role)
            .join(LeadPerson, LeadPerson.person_id == Person.id)
            .where(LeadPerson.lead_id == lead.id)
            .order_by(LeadPerson.id)
        )
        people = [{"id": pid, "name": name, "role": role} for pid, name, role in rows]
        # who has left the lead's employer since: where they are now (else None)
        elsewhere = moved_away(session, [(p["id"], lead.organization_id) for p in people])
        view["people"] = [p | {"now_at": elsewhere.get(p["id"])} for p in people]
    return view
