"""Preparing conversations: TIARA sheets, six-point outreach drafts, and the tasks after."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from netweave.clock import day_of, start_of
from netweave.errors import Conflict, InvalidInput
from netweave.logic import outreach, tiara
from netweave.logic.employer import NOT_EMPLOYER_KEYS, is_employer
from netweave.logic.followup import Waiting, still_open
from netweave.logic.vocab import EXCHANGE_KINDS, INTERACTION_KINDS, choose
from netweave.services.asks import fulfil_by_receipts
from netweave.services.context import Context
from netweave.services.follow_ups_done import close_follow_ups
from netweave.services.interactions import record
from netweave.services.relationships import ask_open
from netweave.services.resolve import resolve_other
from netweave.services.views import interaction_view
from netweave.store import stats
from netweave.store.models import (
    Affiliation,
    Community,
    Event,
    Exchange,
    Interaction,
    InteractionParticipant,
    Interest,
    Organization,
    Person,
    Position,
    Task,
)

#: Dalton: a thank-you within 24 hours; an update on what you did with the advice later.
UPDATE_AFTER_DAYS = 30
ASKS = ("advice",)


def _context(session: Session, person: Person, today: dt.date) -> dict[str, Any]:
    """The person's job, interests and connection to the user, as plain values."""
    job = session.execute(
        select(Organization.name, Organization.industry, Position.title)
        .join(Position, Position.organization_id == Organization.id)
        .where(Position.person_id == person.id, Position.current.is_(True))
        .order_by(Position.start_date.desc(), Position.id.desc())
    ).first()
    kept = session.execute(
        select(Interest.label, Interest.category)
        .where(Interest.person_id == person.id)
        .order_by(Interest.category != "professional", Interest.id)
    ).all()
    interests = tuple(label for label, _ in kept)
    me = session.scalars(select(Person).where(Person.is_me.is_(True))).first()
    return {
        "org": job.name if job and is_employer(job.name) else None,  # not "at Freelance"
        "status": job.name if job and not is_employer(job.name) else None,
        "industry": job.industry if job else None,
        "title": job.title if job else None,
        "interests": interests,
        "work_interests": tuple(label for label, category in kept if category == "professional"),
        "connection": _connection(session, person, me, today),
        "me": (me.given_name or me.display_name) if me else None,
    }


def _when(day: dt.date, today: dt.date) -> str:
    """When a conversation was, as a message says it: today, yesterday, earlier this month,
    or in its month."""
    if day >= today:
        return "today"
    if day == today - dt.timedelta(days=1):
        return "yesterday"
    if (day.year, day.month) == (today.year, today.month):
        return "earlier this month"
    return f"in {day:%B %Y}"


def _connection(
    session: Session, person: Person, me: Person | None, today: dt.date
) -> tuple[str, str] | None:
    """How the user is connected: a conversation you had (the latest they took part in), an
    introducer, a
    shared school, an event, a past employer."""
    talked = _talked(session, person, today)
    if talked is not None:
        return talked
    if person.introduced_by_id is not None and person.introduced_by is not None:
        return ("introducer", person.introduced_by.display_name)
    if me is not None and (shared := _shared_community(session, person, me)) is not None:
        return shared
    if person.met_event_id is not None:
        event = session.get(Event, person.met_event_id)
        if event is not None:
            return ("event", event.name)
    if me is not None and (employer := _shared_employer(session, person, me)):
        return ("coworker", employer)
    return None


def _talked(session: Session, person: Person, today: dt.date) -> tuple[str, str] | None:
    """The latest conversation they took part in, as a message recalls it ("your call …")."""
    talked = session.execute(
        select(Interaction.kind, Interaction.occurred_at)
        .join(InteractionParticipant, InteractionParticipant.interaction_id == Interaction.id)
        .where(
            InteractionParticipant.person_id == person.id,
            Interaction.kind != "note",
            Interaction.direction != "out",  # a message they never answered is no conversation
        )
        .order_by(Interaction.occurred_at.desc(), Interaction.id.desc())
        .limit(1)
    ).first()
    if talked is None:
        return None
    when = _when(day_of(talked.occurred_at), today)
    count = _talked_when(session, person, talked.kind, talked.occurred_at, when, today)
    return ("talked", f"{outreach.talked(talked.kind, count)} {when}")


def _shared_community(session: Session, person: Person, me: Person) -> tuple[str, str] | None:
    """A school or community both the user and the person are part of (the first known)."""
    mine = select(Affiliation.community_id).where(Affiliation.person_id == me.id)
    shared = session.execute(
        select(Community.name, Community.kind)
        .join(Affiliation, Affiliation.community_id == Community.id)
        .where(Affiliation.person_id == person.id, Affiliation.community_id.in_(mine))
        .order_by(Community.id)
        .limit(1)
    ).first()
    if not shared:
        return None
    return ("school" if shared.kind in ("school", "alumni") else "community", shared.name)


def _shared_employer(session: Session, person: Person, me: Person) -> str | None:
    """An employer both the user and the person have worked at, if any."""
    mine_orgs = select(Position.organization_id).where(Position.person_id == me.id)
    return session.scalar(
        select(Organization.name)
        .join(Position, Position.organization_id == Organization.id)
        .where(
            Position.person_id == person.id,
            Position.organization_id.in_(mine_orgs),
            Organization.normalized_name.not_in(NOT_EMPLOYER_KEYS),  # not "both at Freelance"
        )
        .limit(1)
    )


def _talked_when(
    session: Session, person: Person, kind: str, at: dt.datetime, when: str, today: dt.date
) -> int:
    """How many conversations of this kind with the person fall when the latest one did
    (that month, or today, yesterday, earlier this month), in either direction."""
    moments = session.scalars(
        select(Interaction.occurred_at)
        .join(InteractionParticipant, InteractionParticipant.interaction_id == Interaction.id)
        .where(
            InteractionParticipant.person_id == person.id,
            Interaction.kind == kind,
            Interaction.occurred_at >= at - dt.timedelta(days=32),
        )
    )
    return sum(_when(day_of(moment), today) == when for moment in moments)


def _connection_text(connection: tuple[str, str] | None) -> str | None:
    if connection is None:
        return None
    kind, name = connection
    return {
        "talked": f"your {name}",
        "introducer": f"that {name} introduced you",
        "school": f"that you both studied at {name}",
        "community": f"that you are both part of {name}",
        "event": f"that you met at {name}",
        "coworker": f"that you both worked at {name}",
    }[kind]


def prep_sheet(ctx: Context, name: str, *, focus: str | None = None) -> dict[str, Any]:
    """``prep NAME``: a TIARA question sheet tailored to the person and their organization."""
    with ctx.db.reading() as session:
        person = resolve_other(session, name, "prepare for a conversation with someone else")
        facts = _context(session, person, ctx.clock.today())
        sheet = tiara.question_sheet(
            tiara.PrepFacts(
                name=person.display_name,
                given=person.given_name or person.display_name,
                org=facts["org"],
                title=facts["title"],
                industry=facts["industry"],
                interests=facts["work_interests"],  # asked how it shows up in their work
                connection=_connection_text(facts["connection"]),
                focus=focus,
                status=facts["status"],
            )
        )
        return {
            "person": person.display_name,
            "person_id": person.id,
            "org": facts["org"],
            "title": facts["title"],
            **asdict(sheet),
        }


def prep_done(
    ctx: Context,
    name: str,
    *,
    notes: str | None = None,
    kind: str = "video",
    update_in_days: int = UPDATE_AFTER_DAYS,
) -> dict[str, Any]:
    """After the conversation: log it (advice received), a thank-you due within 24 hours, and
    a later task to tell them what the user did with their advice."""
    if update_in_days < 1:
        raise InvalidInput("--update-in must be at least one day")
    kind = choose(kind, INTERACTION_KINDS, "interaction kind")
    today = ctx.clock.today()
    with ctx.db.transaction() as session:
        person = resolve_other(session, name, "name the person you talked with")
        now = ctx.clock.now()  # "today" as the user set it: it dates the plan
        _refuse_done_twice(session, person, today)
        greeted: list[str] = []
        interaction = record(
            ctx, session, [person], kind=kind, direction="both", when=now, note=notes,
            greeted=greeted,
        )  # fmt: skip
        done = close_follow_ups(session, [person.id], today, now) + greeted
        session.add(
            Exchange(
                person_id=person.id,
                interaction_id=interaction.id,
                direction="received",
                kind="advice",
                status="fulfilled",
                occurred_on=today,
            )
        )
        stats.record_exchange(session, person.id, "received", today)
        answered = fulfil_by_receipts(session, person, ["advice"], today, interaction.id)
        tasks = _tasks_after(person, today, now, update_in_days)
        session.add_all(tasks)
        session.flush()
        return {
            "interaction": interaction_view(interaction),
            "asks_fulfilled": answered,
            "tasks_done": done,
            "tasks": [
                {"id": t.id, "kind": t.kind, "title": t.title, "due": t.due.isoformat()}
                for t in tasks
            ],
        }


def _refuse_done_twice(session: Session, person: Person, today: dt.date) -> None:
    """Refuse a second ``prep --done`` with the person the same day (its update is planned)."""
    planned = session.scalars(
        select(Task.id).where(
            Task.person_id == person.id,
            Task.kind == "update",
            Task.done_at.is_(None),
            Task.created_at >= start_of(today),
            Task.created_at < start_of(today + dt.timedelta(days=1)),
        )
    ).first()
    if planned is not None:
        raise Conflict(
            f"the conversation with {person.display_name} was logged as done today already "
            f"(its update is task #{planned}): log another one with `netweave log`"
        )


def _tasks_after(
    person: Person, today: dt.date, now: dt.datetime, update_in_days: int
) -> list[Task]:
    """The tasks after a conversation: a thank-you today, an update on the advice later."""
    given = person.given_name or person.display_name
    return [
        Task(
            due=today,
            kind="thank_you",
            title=f"Thank {person.display_name} for the conversation (within 24 hours)",
            person_id=person.id,
            created_at=now,
            updated_at=now,
        ),
        Task(
            due=today + dt.timedelta(days=update_in_days),
            kind="update",  # not carried out by the thank-you, as a follow-up would be
            title=f"Update {given} on what you did with their advice",
            person_id=person.id,
            created_at=now,
            updated_at=now,
        ),
    ]


def draft_message(
    ctx: Context,
    name: str,
    *,
    ask: str = "advice",
    broad: str | None = None,
    narrow: str | None = None,
) -> dict[str, Any]:
    """``draft NAME --ask advice``: a short first message by the six-point rules."""
    _draftable(ask)
    with ctx.db.reading() as session:
        person = resolve_other(session, name, "a message is for someone else")
        facts = _context(session, person, ctx.clock.today())
        given = person.given_name or person.display_name
        waiting = ask_open(session, person.id, ctx.clock.now())
        if waiting is not None:  # asked already: the one follow-up, when it is due, or nothing
            return _follow_up(person.display_name, given, facts["me"], waiting, ctx.clock.today())
        return _first_message(person, given, facts, broad, narrow)


def _draftable(ask: str) -> None:
    """Refuse an ask a first message never makes (or no kind of ask at all)."""
    if ask.strip().lower() not in EXCHANGE_KINDS:  # no kind of ask at all
        raise InvalidInput(f"unknown ask {ask!r}; a draft asks for: {', '.join(ASKS)}")
    ask = ask.strip().lower()
    if ask not in ASKS:
        raise InvalidInput(
            f"drafts ask for {', '.join(ASKS)} only: a first message never asks for a {ask}"
        )


def _first_message(
    person: Person, given: str, facts: dict[str, Any], broad: str | None, narrow: str | None
) -> dict[str, Any]:
    """The first message to the person, with the six-point rules it breaks."""
    text = outreach.draft(
        outreach.DraftFacts(
            given=given,
            me=facts["me"],
            org=facts["org"],
            title=facts["title"],
            connection=facts["connection"],
            broad=broad,
            narrow=narrow,
        )
    )
    names = (
        facts["org"],
        facts["title"],
        person.display_name,
        given,
        facts["me"],
        broad,
        narrow,
    )
    known = tuple(x for x in names if x)
    conn = facts["connection"]
    return {
        "person": person.display_name,
        "text": text,
        "words": len(outreach.words(text)),
        "broken": [asdict(f) for f in outreach.check(text, known + ((conn[1],) if conn else ()))],
        "follow_up": False,
        "open_ask": None,
    }


def _follow_up(
    name: str, given: str, me: str | None, waiting: Waiting, today: dt.date
) -> dict[str, Any]:
    """The draft for someone whose ask is still open, with the line that says so (the woven
    check's): the short follow-up from its day on, none before it or once it was sent."""
    due = waiting.follow_up_due
    text = (
        outreach.follow_up(given, waiting.sent, me)
        if waiting.followed_up is None and today >= due
        else None
    )
    return {
        "person": name,
        "text": text,
        "words": len(outreach.words(text)) if text else 0,
        "broken": [],  # the six rules are a first message's
        "follow_up": text is not None,
        "open_ask": still_open(name, waiting, today),
    }


def check_message(text: str) -> dict[str, Any]:
    """``draft --check FILE``: which of the six rules a message breaks."""
    findings = outreach.check(text)
    return {
        "words": len(outreach.words(text)),
        "about_them": round(outreach.about_them_share(text), 2),
        "broken": [asdict(f) for f in findings],
        "ok": not findings,
    }


def check_for(
    ctx: Context,
    name: str,
    text: str,
    *,
    broad: str | None = None,
    narrow: str | None = None,
) -> dict[str, Any]:
    """A message to the person checked against the six rules (``check_message``'s answer),
    the names of their context (organization, title, connection, the interests given) not
    taken for job asks, as the check of their draft takes them: a draft to someone at
    "Open Positions Ltd" checked again unchanged keeps the rules it kept."""
    with ctx.db.reading() as session:
        person = resolve_other(session, name, "a message is for someone else")
        facts = _context(session, person, ctx.clock.today())
        names = (person.display_name, person.given_name)
    conn = facts["connection"]
    context = (facts["org"], facts["title"], *names, facts["me"], broad, narrow)
    known = tuple(x for x in (*context, conn[1] if conn else None) if x)
    findings = outreach.check(text, known)
    return {
        "words": len(outreach.words(text)),
        "about_them": round(outreach.about_them_share(text), 2),
        "broken": [asdict(f) for f in findings],
        "ok": not findings,
    }
