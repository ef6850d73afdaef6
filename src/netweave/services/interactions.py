"""Logging conversations: an interaction with its participants and what was given or asked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, and_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from netweave.clock import day_of, start_of
from netweave.errors import InvalidInput
from netweave.logic.followup import Waiting, asked_again, still_open, still_open_after
from netweave.logic.normalize import clean
from netweave.logic.outreach import job_asks
from netweave.logic.vocab import DIRECTIONS, EXCHANGE_KINDS, INTERACTION_KINDS, choose
from netweave.logic.wording import AGENDA_MARK, INTRO_MARK, greeting_note
from netweave.logic.woven import GATED_ASKS, Verdict, check, log_command, next_steps
from netweave.services import field_lengths as column
from netweave.services.asks import fulfil_by_receipts
from netweave.services.context import Context
from netweave.services.follow_ups_done import close_follow_ups, reaches_out
from netweave.services.lead_step_said import steps_still_open
from netweave.services.relationships import OUTREACH_ASKS, ask_open
from netweave.services.resolve import (
    distinct_people,
    person_handle,
    resolve_other,
    resolve_person,
)
from netweave.services.second_contact import second_contact_of
from netweave.services.views import interaction_view
from netweave.store import stats
from netweave.store.models import (
    Campaign,
    Exchange,
    Interaction,
    InteractionParticipant,
    Person,
    PersonStats,
)
from netweave.store.stats import is_two_way


@dataclass
class LogRequest:
    """One conversation to record (the ``netweave log`` options)."""

    names: list[str]
    kind: str = "meeting"
    on: dt.date | None = None
    direction: str = "both"
    note: str | None = None
    gave: list[str] = field(default_factory=list)
    asked: list[str] = field(default_factory=list)
    received: list[str] = field(default_factory=list)
    confirmed: bool = False
    #: A key of this request (a form's): sent again with the same key, it records nothing
    #: more, and the result is the conversation it recorded the first time.
    once: str | None = None


#: The mark of a conversation's key (``LogRequest.once``) in its ``external_id``.
ONCE_MARK = "once:"


def log_interaction(ctx: Context, request: LogRequest) -> dict[str, Any]:
    """Record a conversation with one or more people, and any gives, asks and receipts.

    An ask for a job or a referral of someone the relationship is not woven with yet is
    not recorded unless ``confirmed``: the result then says ``recorded: False`` and
    carries the coaching. A request with a key (``once``) already recorded records nothing
    more: the result says ``repeated: True`` and holds that conversation.
    """
    try:
        return _log(ctx, request)
    except IntegrityError:
        if request.once is None:
            raise
        # the same request sent twice at once (PostgreSQL writes side by side): the other
        # one's conversation holds the key now, and this one finds it
        return _log(ctx, request)


def logged_once(ctx: Context, once: str) -> dict[str, Any] | None:
    """The conversation a request with the key ``once`` recorded, if one did."""
    with ctx.db.reading() as session:
        found = _keyed(session, once)
        return None if found is None else interaction_view(found)


def _keyed(session: Session, once: str) -> Interaction | None:
    return session.scalars(
        select(Interaction).where(
            Interaction.source == "manual", Interaction.external_id == ONCE_MARK + once
        )
    ).first()


@dataclass(frozen=True)
class _Checked:
    """A request's words checked: its kind, direction, day and exchanges."""

    kind: str
    direction: str
    on: dt.date
    today: dt.date
    exchanges: list[tuple[str, str]]
    gated: list[str]  # its asks for a job or a referral, which the woven check gates

    def of(self, direction: str) -> list[str]:
        """The kinds of its exchanges in one direction ("gave", "asked", "received")."""
        return [k for d, k in self.exchanges if d == direction]


@dataclass(frozen=True)
class _Coached:
    """What the woven check says of a conversation before it is recorded."""

    woven: bool
    waiting: dict[str, Waiting]
    #: An ask for advice or information sent to them (the one an unanswered ask follows up).
    outreach: bool
    note_asks: list[str]
    #: Whether asking for advice instead is suggested (not once the ask is confirmed).
    advise: bool
    coaching: list[str]


def _log(ctx: Context, request: LogRequest) -> dict[str, Any]:
    column.within(request.note, column.NOTE, "note")
    checked = _checked(ctx, request)
    with ctx.db.transaction() as session:
        if request.once is not None and (done := _keyed(session, request.once)) is not None:
            return _repeated(done)
        people = distinct_people(
            [resolve_other(session, n, "name the people you talked with") for n in request.names]
        )
        when = moment_for(ctx, session, [p.id for p in people], request.on)
        coached = _coach(ctx, session, request, checked, people, when)
        if checked.gated and not coached.woven and not request.confirmed:
            return _not_recorded(coached)
        return _recorded(ctx, session, request, checked, people, when, coached)


def _checked(ctx: Context, request: LogRequest) -> _Checked:
    """The request's kind, direction, exchanges and day, checked (nothing read or written)."""
    if not request.names:
        raise InvalidInput("name at least one person to log a conversation with")
    kind = choose(request.kind, INTERACTION_KINDS, "interaction kind")
    direction = choose(request.direction, DIRECTIONS, "direction")
    said = (("gave", request.gave), ("asked", request.asked), ("received", request.received))
    exchanges = [(d, choose(k, EXCHANGE_KINDS, "exchange kind")) for d, ks in said for k in ks]
    today = ctx.clock.today()
    on = request.on or today
    if on > today:
        raise InvalidInput(f"cannot log a conversation on {on}, after today ({today})")
    gated = sorted({k for d, k in exchanges if d == "asked" and k in GATED_ASKS})
    return _Checked(kind, direction, on, today, exchanges, gated)


def _coach(
    ctx: Context,
    session: Session,
    request: LogRequest,
    checked: _Checked,
    people: Sequence[Person],
    when: dt.datetime,
) -> _Coached:
    """The woven check of each person before this conversation, and its coaching."""
    kind, direction, on, gated = checked.kind, checked.direction, checked.on, checked.gated
    verdicts = {p.display_name: _verdict(ctx, session, p, on, gated, moment=when) for p in people}
    woven = all(v.woven for v in verdicts.values())
    short = [p for p in people if not verdicts[p.display_name].woven] if gated else []
    asks = checked.of("asked")
    outreach = direction == "out" and kind != "note" and any(k in OUTREACH_ASKS for k in asks)
    # a conversation from their side answers any ask still open: nobody is waiting then
    waiting = (
        _waiting(session, people, when)
        if (short or outreach) and not is_two_way(kind, direction)
        else {}
    )
    # a note that asks for a job or a referral is no note of an ask for advice
    note_asks = job_asks(request.note) if short and request.note else []
    instead = (
        _advice_instead(session, people, waiting, checked.exchanges, kind=kind,
                        direction=direction, on=request.on,
                        note=None if note_asks else request.note)
        if short
        else ""
    )  # fmt: skip
    # once the ask is recorded anyway, asking for advice "instead" is a second message
    advise = not request.confirmed
    coaching = (
        _coaching(verdicts, gated, instead, waiting, on, advise=advise, note_asks=note_asks,
                  reached=reaches_out(kind, direction), gave=checked.of("gave"))
        if gated
        else []
    )  # fmt: skip
    return _Coached(woven, waiting, outreach, note_asks, advise, coaching)


def _not_recorded(coached: _Coached) -> dict[str, Any]:
    """The result of a gated ask not confirmed: nothing recorded, the coaching said."""
    return {"interaction": None, "woven": False, "coaching": coached.coaching,
            "recorded": False, "repeated": False, "waiting": _told(coached.waiting),
            "asked_again": [], "note_asks": coached.note_asks, "second_contact": [],
            "lead_steps": []}  # fmt: skip


def _recorded(
    ctx: Context,
    session: Session,
    request: LogRequest,
    checked: _Checked,
    people: list[Person],
    when: dt.datetime,
    coached: _Coached,
) -> dict[str, Any]:
    """Record the conversation, its exchanges and what it carries out, and say so."""
    kind, on, waiting = checked.kind, checked.on, coached.waiting
    ids = [p.id for p in people]
    closes = reaches_out(kind, checked.direction)
    greeted: list[str] = []
    key = None if request.once is None else ONCE_MARK + request.once
    interaction = record(ctx, session, people, kind=kind, direction=checked.direction,
                         when=when, note=request.note, external_id=key,
                         greeted=greeted)  # fmt: skip
    # asked again while the first ask waits: the message is its follow-up, not an ask
    following = set(waiting) if coached.outreach else set()
    _add_exchanges(session, people, interaction.id, checked.exchanges, following, on)
    received = checked.of("received")
    answered = [
        a for p in people for a in fulfil_by_receipts(session, p, received, on, interaction.id)
    ]
    view = interaction_view(interaction)
    view["people"] = [p.display_name for p in people]
    view["who"] = [{"id": p.id, "name": p.display_name} for p in people]
    view["exchanges"] = [{"direction": d, "kind": k} for d, k in checked.exchanges]
    view["asks_fulfilled"] = answered
    view["tasks_done"] = (close_follow_ups(session, ids, on, when) if closes else []) + greeted
    # a contact at an employer where an outreach waits for its answer: no step will come
    second = second_contact_of(session, people, when) if closes else []
    # a second ask of someone who has not answered the first: its follow-up, with a warning
    again = [asked_again(name, w) for name, w in waiting.items()] if coached.outreach else []
    # a lead's due step that names them stays open: said, with how to move it on
    steps = steps_still_open(session, set(ids), checked.today) if kind != "note" else []
    return {"interaction": view, "woven": coached.woven, "coaching": coached.coaching + again,
            "recorded": True, "repeated": False, "waiting": _told(waiting),
            "asked_again": again, "note_asks": coached.note_asks if coached.advise else [],
            "second_contact": second, "lead_steps": steps}  # fmt: skip


def _add_exchanges(
    session: Session,
    people: Sequence[Person],
    interaction_id: int,
    exchanges: Sequence[tuple[str, str]],
    following: set[str],
    on: dt.date,
) -> None:
    """Write each exchange for each person (but the asks ``following`` up an open one)."""
    for person in people:
        for exchange_direction, exchange_kind in exchanges:
            if person.display_name in following and (
                exchange_direction == "asked" and exchange_kind in OUTREACH_ASKS
            ):
                continue
            session.add(
                Exchange(
                    person_id=person.id,
                    interaction_id=interaction_id,
                    direction=exchange_direction,
                    kind=exchange_kind,
                    status="open" if exchange_direction == "asked" else "fulfilled",
                    occurred_on=on,
                )
            )
            stats.record_exchange(session, person.id, exchange_direction, on)


def _repeated(interaction: Interaction) -> dict[str, Any]:
    """The result of a request recorded already (by its key): its conversation, nothing new."""
    view = interaction_view(interaction)
    view.update(people=[], who=[], exchanges=[], asks_fulfilled=[], tasks_done=[])
    return {"interaction": view, "woven": True, "coaching": [], "recorded": True,
            "repeated": True, "waiting": [], "asked_again": [], "note_asks": [],
            "second_contact": [], "lead_steps": []}  # fmt: skip


def moment_for(
    ctx: Context, session: Session, person_ids: Sequence[int], on: dt.date | None
) -> dt.datetime:
    """When a conversation logged ``on`` a day happened (``Clock.moment``: now for today,
    noon of an earlier day), and for an earlier day after whatever is logged already that
    day with these people: a reply written down the next morning for the day of the ask
    comes after the ask, even one logged that evening."""
    when = ctx.clock.moment(on)
    if on is None or on == ctx.clock.today():
        return when
    end = start_of(on + dt.timedelta(days=1))
    part = InteractionParticipant
    latest = session.scalar(
        select(part.occurred_at)
        .where(
            part.person_id.in_(person_ids),
            part.occurred_at >= start_of(on),
            part.occurred_at < end,
        )
        .order_by(part.occurred_at.desc())
        .limit(1)
    )
    if latest is not None and latest >= when:
        when = min(latest + dt.timedelta(seconds=1), end - dt.timedelta(microseconds=1))
    return when


def woven_check(ctx: Context, query: str) -> dict[str, Any]:
    """The woven check on one relationship as it stands today, shown before an ask."""
    with ctx.db.reading() as session:
        return verdict_view(ctx, session, resolve_person(session, query))


def verdict_view(ctx: Context, session: Session, person: Person) -> dict[str, Any]:
    """``woven_check`` inside an open transaction. Someone asked for advice or information
    and not answered yet is not told to be asked again: the step says to wait for the
    answer (or when the one follow-up is), as ``log`` says it."""
    today = ctx.clock.today()
    waiting = ask_open(session, person.id, ctx.clock.now())
    open_ask = still_open(person.display_name, waiting, today) if waiting else None
    verdict = _verdict(ctx, session, person, today, waiting=open_ask)
    return {
        "person": person.display_name,
        "woven": verdict.woven,
        "facts": verdict.facts,
        "next_steps": verdict.next_steps,
        "gated_asks": list(GATED_ASKS),
        "waiting": _told({person.display_name: waiting} if waiting else {}),
    }


def _told(waiting: Mapping[str, Waiting]) -> list[dict[str, Any]]:
    """The asks still open, as the JSON results say them."""
    return [
        {"person": name, "kind": w.kind, "asked_on": w.sent.isoformat(),
         "follow_up_due": w.follow_up_due.isoformat(),
         "followed_up_on": w.followed_up.isoformat() if w.followed_up else None}
        for name, w in waiting.items()
    ]  # fmt: skip


def record(
    ctx: Context,
    session: Session,
    people: list[Person],
    *,
    kind: str,
    direction: str,
    when: dt.datetime,
    note: str | None = None,
    external_id: str | None = None,
    greeted: list[str] | None = None,
) -> Interaction:
    """Write an interaction and fold it into the participants' aggregates (no commit).

    Every conversation the user has with people (``reaches_out``: out or both, not a note)
    greets them in the campaigns running that day, whichever path logs it (the log form, a
    "Done" on the agenda, a campaign greeting, a step of an introduction, meeting again at
    an event): their open greetings are ticked before it is written (a ticked item keeps
    the prompt it had), and what was ticked is added to ``greeted`` (by ``greeting_title``)."""
    from netweave.services.campaigns import settle_greetings  # campaigns log through here

    ids = [p.id for p in people]
    if reaches_out(kind, direction):
        ticked = settle_greetings(session, ids, day_of(when), when)
        if greeted is not None:
            greeted.extend(ticked)
    interaction = Interaction(
        occurred_at=when,
        kind=kind,
        direction=direction,
        summary=clean(note) if note else None,
        source="manual",
        external_id=external_id,
    )
    interaction.participants = [
        InteractionParticipant(person_id=p.id, occurred_at=when) for p in people
    ]
    session.add(interaction)
    session.flush()
    stats.record_interaction(
        session,
        ids,
        when=when,
        kind=kind,
        direction=direction,
        circles=ctx.settings.circles,
    )
    return interaction


def has_substance() -> ColumnElement[bool]:
    """Whether a logged interaction says what was talked about: it has a summary, and not
    one netweave wrote itself for its own bookkeeping — a "Done" on the agenda
    (``AGENDA_MARK``), a step of an introduction (``intro_note``), a campaign greeting
    marked done without a note (``greeting_note``)."""
    summary = Interaction.summary
    greetings = select(Campaign.name.concat(greeting_note("")))  # "Holidays" + " check-in"
    return and_(
        summary.is_not(None),
        summary != "",
        summary.not_like(f"%{AGENDA_MARK}"),
        summary.not_like(f"%{INTRO_MARK}%)"),
        summary.not_in(greetings),
    )


def _verdict(
    ctx: Context,
    session: Session,
    person: Person,
    today: dt.date,
    asks: list[str] | None = None,
    *,
    moment: dt.datetime | None = None,
    waiting: str | None = None,
) -> Verdict:
    """The woven check on the relationship as it stood before this conversation (and before
    the gated ``asks`` it carries, if any): at ``moment``, for one logged on an earlier day,
    read from the log (the aggregates count what came after it). Known since the day
    they met or first talked, even when that came later ("you had not met yet").
    ``waiting``: the line that an ask of theirs is still open, in place of asking again."""
    row = session.scalars(select(PersonStats).where(PersonStats.person_id == person.id)).first()
    facts = stats.tie_facts(row, person.met_on)
    known = [d for d in (person.met_on, facts.first_contact) if d is not None]
    if moment is not None and today < ctx.clock.today():
        facts = stats.facts_before(session, person.id, moment)

    def judged(handle: str | None = None) -> Verdict:
        return check(
            person.display_name,
            two_way=facts.two_way,
            known_since=min(known) if known else None,
            gives=facts.gives,
            today=today,
            rules=ctx.settings.woven,
            asks=asks or (),
            told_on=ctx.clock.today(),
            handle=handle,
            waiting=waiting,
        )

    verdict = judged()
    if verdict.woven:  # no steps to suggest: no command to name them in
        return verdict
    return judged(person_handle(session, person))


def _waiting(session: Session, people: Sequence[Person], when: dt.datetime) -> dict[str, Waiting]:
    """Those of these people whose ask for advice or information is unanswered and still
    open at ``when``, by name."""
    found = {p.display_name: ask_open(session, p.id, when) for p in people}
    return {name: w for name, w in found.items() if w is not None}


def _advice_instead(
    session: Session,
    people: Sequence[Person],
    waiting: Mapping[str, Waiting],
    exchanges: Sequence[tuple[str, str]],
    *,
    kind: str,
    direction: str,
    on: dt.date | None,
    note: str | None,
) -> str:
    """The command that logs the same conversation with an ask for advice in place of the
    job or referral: the same kind, direction, day, note, people and exchanges (but the
    people still waiting for an answer to an earlier ask, whom it would ask again)."""
    kept = [k for d, k in exchanges if d == "asked" and k not in GATED_ASKS]
    return log_command(
        [person_handle(session, p) for p in people if p.display_name not in waiting],
        kind=kind,
        direction=direction,
        on=on,
        note=note,
        gave=[k for d, k in exchanges if d == "gave"],
        asked=list(dict.fromkeys([*kept, "advice"])),
        received=[k for d, k in exchanges if d == "received"],
    )


def _coaching(
    verdicts: dict[str, Verdict],
    asks: list[str],
    command: str,
    waiting: Mapping[str, Waiting],
    on: dt.date,
    *,
    advise: bool = True,
    note_asks: Sequence[str] = (),
    reached: bool = False,
    gave: Sequence[str] = (),
) -> list[str]:
    """The facts of each person's check, then what to do instead when one falls short:
    ``command`` asks for advice instead (unless not ``advise``: the ask is recorded anyway,
    and the steps say what to do now;
    ``note_asks``: the job words its note is left out for), and those ``waiting`` for an
    answer are told so rather than asked again (once the ask is recorded, what to do now:
    ``reached``, the conversation was sent to them and is their one follow-up; ``gave``,
    what the conversation gives them, counts from now on in place of offering something)."""
    lines = []
    what = " or ".join(asks)
    for name, verdict in verdicts.items():
        if verdict.woven:
            lines.append(f"{name}: the relationship is woven ({'; '.join(verdict.facts)}).")
        else:
            lines.append(f"{name}: not woven yet for a {what} ask — {'; '.join(verdict.facts)}.")
    short = [name for name, verdict in verdicts.items() if not verdict.woven]
    give_to = [name for name in short if verdicts[name].give_first]
    grow = any(verdicts[name].young for name in short)
    if not short:
        return lines
    return lines + next_steps(
        short,
        asks,
        give_to=give_to,
        grow=grow,
        among=len(verdicts),
        command=command,
        waiting={
            name: _open(name, waiting[name], on, asks, advise=advise, reached=reached)
            for name in short
            if name in waiting
        },
        advise=advise,
        note_asks=note_asks,
        recorded=not advise,
        gave=gave,
    )


def _open(
    name: str, waiting: Waiting, on: dt.date, asks: Sequence[str], *, advise: bool, reached: bool
) -> str:
    """The line of an ask still open: before the gated ask, in place of asking again;
    once it is recorded anyway (not ``advise``), what to do now."""
    if advise:
        return still_open(name, waiting, on)
    asked = " or a ".join(asks)
    return still_open_after(name, waiting, on, f"a {asked}", reached=reached)
