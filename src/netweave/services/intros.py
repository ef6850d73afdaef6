"""Double opt-in introductions: ask each side privately, introduce only when both agree.

The steps: proposed → asked A → (A agrees) asked B → (B agrees) agreed → introduced →
done (outcome recorded). Either side may decline while being asked: the introduction stops
there and nothing is sent to the other side. A made introduction records that the two now
know each other and counts as something the user gave to both. The messages the user sends
along the way (the question to each side, the introduction itself) are logged as messages
out to those they went to: contact like any other, so their keep-in-touch clocks start again.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from netweave.errors import Ambiguous, Conflict, InvalidInput, NotFound
from netweave.logic import intro_messages as msg
from netweave.logic.wording import intro_note
from netweave.services.context import Context
from netweave.services.interactions import record
from netweave.services.resolve import resolve_person
from netweave.store import stats
from netweave.store.models import (
    DismissedPair,
    Exchange,
    Introduction,
    Knows,
    Organization,
    Person,
    Position,
)

#: Steps still waiting on the user or on an answer.
#: ``a_agreed`` is how a view names ``asked_a`` once A said yes (B not asked yet): it is
#: stored as ``asked_a``, with the yes in its history.
OPEN_STATES = ("proposed", "asked_a", "a_agreed", "asked_b", "agreed", "introduced")
STEP_LABELS = {
    "proposed": "proposed",
    "asked_a": "asked {a}",
    "asked_b": "asked {b}",
    "agreed": "both agreed",
    "introduced": "introduced",
    "done": "outcome recorded",
    "declined": "declined",
}


#: The steps of a double opt-in introduction: each action's moves, from the current step
#: (``a_agreed``: A said yes and B has not been asked yet) to the next.
MOVES = {
    "ask": {"proposed": "asked_a", "a_agreed": "asked_b"},
    "agree": {"asked_a": "a_agreed", "asked_b": "agreed"},
    "introduce": {"agreed": "introduced"},
}
#: The steps at which a side (or the user) can still say no.
DECLINABLE = ("proposed", "asked_a", "asked_b", "agreed")
#: The steps at which each side has been asked, and so may have said no.
_ASKED = {"a": ("asked_a", "asked_b", "agreed"), "b": ("asked_b", "agreed")}


class DeclinedBefore(Conflict):
    """One of the pair said no to an earlier introduction: proposed again only once the
    user confirms (``--yes``; the web asks)."""


def propose(ctx: Context, a: str, b: str, why: str, *, confirmed: bool = False) -> dict[str, Any]:
    """Start an introduction of ``a`` and ``b``: returns it with the message to ``a``.
    A pair one of whom declined an earlier introduction is proposed only ``confirmed``:
    asking again someone who said no is what double opt-in is there to prevent."""
    reason = why.strip()
    if not reason:
        raise InvalidInput("say why they should meet (--why)", web="say why they should meet")
    today = ctx.clock.today()
    with ctx.db.transaction() as session:
        first, second = _side(session, a, "First person"), _side(session, b, "Second person")
        if first.id == second.id:
            raise InvalidInput("an introduction needs two different people")
        if first.is_me or second.is_me:
            raise InvalidInput("introductions are between two other people; reach out yourself")
        _check_strangers(session, first, second)
        _check_not_open(session, first.id, second.id)
        said_no = None if confirmed else _declined_before(session, first.id, second.id)
        if said_no is not None:
            raise DeclinedBefore(f"{said_no}; to propose them again anyway, add --yes", web=said_no)
        intro = Introduction(
            person_a_id=first.id,
            person_b_id=second.id,
            why=reason,
            state="proposed",
            history={"steps": [_step("proposed", today)]},
        )
        session.add(intro)
        session.flush()
        return _view(session, intro)


def _side(session: Session, query: str, which: str) -> Person:
    """The person named on one side of an introduction; one not found, or a name of several
    people, is said in the web app as about that side ("Second person: no person matches")."""
    try:
        return resolve_person(session, query)
    except (NotFound, Ambiguous) as exc:
        exc.web = f"{which}: {exc.said(web=True)}"
        raise


def _check_not_open(session: Session, a: int, b: int) -> None:
    rows = session.execute(
        select(Introduction.id, Introduction.person_a_id, Introduction.person_b_id).where(
            Introduction.state.in_(OPEN_STATES),
            Introduction.person_a_id.in_((a, b)),
            Introduction.person_b_id.in_((a, b)),
        )
    ).all()
    if rows:
        raise Conflict(f"these two already have an introduction under way (#{rows[0].id})")


def _declined_before(session: Session, a: int, b: int) -> str | None:
    """Who of the pair said no to their latest introduction declined by one of them, which
    one, and when: "Cy Dee declined introduction #1 on 2026-09-14"."""
    declined = session.scalars(
        select(Introduction)
        .where(
            Introduction.state == "declined",
            Introduction.person_a_id.in_((a, b)),
            Introduction.person_b_id.in_((a, b)),
        )
        .order_by(Introduction.id.desc())
    )
    for intro in declined:
        no = next((s for s in intro.history.get("steps", []) if s["state"] == "declined"), None)
        if no is not None and no.get("by") in ("a", "b"):
            who = _names(intro)[no["by"] == "b"]
            return f"{who} declined introduction #{intro.id} on {no['on']}"
    return None


def _check_strangers(session: Session, first: Person, second: Person) -> None:
    """Two people who know each other (a confirmed tie, or an introduction made) need none."""
    low, high = sorted((first.id, second.id))
    tie = session.scalar(
        select(Knows.context).where(
            Knows.person_a_id == low, Knows.person_b_id == high, Knows.status == "confirmed"
        )
    )
    made = session.scalar(
        select(Introduction.id).where(
            Introduction.state.in_(("introduced", "done")),
            Introduction.person_a_id.in_((low, high)),
            Introduction.person_b_id.in_((low, high)),
        )
    )
    pair = f"{first.display_name} and {second.display_name}"
    if made is not None:
        raise Conflict(f"{pair} were introduced already (#{made})")
    if tie is not None:
        raise Conflict(f"{pair} know each other already" + (f" ({tie})" if tie else ""))


def ask(ctx: Context, intro_id: int) -> dict[str, Any]:
    """Record that the opt-in question went out to the side whose turn it is, and log it as
    a message to them."""
    today = ctx.clock.today()
    with ctx.db.transaction() as session:
        intro = _get(session, intro_id)
        _move(intro, MOVES["ask"], today, None)
        asked, other = (
            (intro.person_b_id, intro.person_a_id)
            if intro.state == "asked_b"
            else (intro.person_a_id, intro.person_b_id)
        )
        about = session.get(Person, other)
        note = f"Asked whether they'd like to meet {about.display_name if about else 'someone'}"
        logged = _wrote(ctx, session, intro, [asked], note)
        return _view(session, intro) | {"logged": logged}


def agree(ctx: Context, intro_id: int, note: str | None = None) -> dict[str, Any]:
    """The side being asked said yes: A's yes leads to asking B, B's yes to the introduction."""
    return _advance(ctx, intro_id, MOVES["agree"], note)


def introduce(ctx: Context, intro_id: int, note: str | None = None) -> dict[str, Any]:
    """Both agreed and the introduction was sent: they now know each other."""
    today = ctx.clock.today()
    with ctx.db.transaction() as session:
        intro = _get(session, intro_id)
        _move(intro, MOVES["introduce"], today, note)
        a_name, b_name = _names(intro)
        sides = [intro.person_a_id, intro.person_b_id]
        logged = _wrote(ctx, session, intro, sides, f"Introduced {a_name} and {b_name}")
        a, b = sorted((intro.person_a_id, intro.person_b_id))
        edge = session.scalar(select(Knows).where(Knows.person_a_id == a, Knows.person_b_id == b))
        context = f"introduced by you: {intro.why}"
        if edge is None:
            session.add(Knows(person_a_id=a, person_b_id=b, context=context, since=today))
        else:
            edge.status, edge.confidence, edge.since = "confirmed", 1.0, edge.since or today
        for pid in (intro.person_a_id, intro.person_b_id):
            other = intro.person_b_id if pid == intro.person_a_id else intro.person_a_id
            name = session.get(Person, other)
            session.add(
                Exchange(
                    person_id=pid,
                    direction="gave",
                    kind="introduction",
                    status="fulfilled",
                    occurred_on=today,
                    note=f"Introduced to {name.display_name if name else 'someone'}",
                )
            )
            stats.record_exchange(session, pid, "gave", today)
        return _view(session, intro) | {"logged": logged}


def decline(
    ctx: Context, intro_id: int, note: str | None = None, by: str | None = None
) -> dict[str, Any]:
    """A side said no (or the user withdrew): stop here; nothing goes to the other side."""
    today = ctx.clock.today()
    with ctx.db.transaction() as session:
        intro = _get(session, intro_id)
        if intro.state == "declined":
            raise Conflict(f"introduction #{intro.id} was declined already")
        if intro.state not in DECLINABLE:
            raise Conflict(f"introduction #{intro.id} is {_plain(intro)}; it can't be declined")
        asked = (
            "you" if _a_agreed_waiting(intro) else {"asked_a": "a", "asked_b": "b"}.get(intro.state)
        )
        who = by or asked or "you"
        if who not in ("a", "b", "you"):
            raise InvalidInput("--by is a, b or you")
        if who in ("a", "b") and intro.state not in _ASKED[who]:
            raise Conflict(
                f"introduction #{intro.id} is at step '{_plain(intro)}': "
                f"{_names(intro)[who == 'b']} was not asked yet, so cannot have declined"
            )
        _record(intro, "declined", today, note, by=who)
        return _view(session, intro)


def tell(ctx: Context, intro_id: int, note: str | None = None) -> dict[str, Any]:
    """A agreed, then the introduction stopped (B said no, or the user withdrew): record that
    the user let A know it will not happen, logged as a message to A. B's answer stays
    private: the message says it will not go ahead, not why."""
    today = ctx.clock.today()
    with ctx.db.transaction() as session:
        intro = _get(session, intro_id)
        a_name, b_name = _names(intro)
        if not _a_waiting_after_no(intro):
            told = next((s for s in intro.history.get("steps", []) if s["state"] == "a_told"), None)
            if told is not None:
                raise Conflict(f"you let {a_name} know on {told['on']} already")
            if intro.state == "declined":
                raise Conflict(f"{a_name} did not agree to introduction #{intro.id}: "
                               "nobody is waiting to hear")  # fmt: skip
            raise Conflict(
                f"introduction #{intro.id} is at step '{_plain(intro)}'; next: {_next_hint(intro)}"
            )
        _record(intro, "a_told", today, note, keep_state=True)
        summary = f"Let them know the introduction to {b_name} will not go ahead"
        logged = _wrote(ctx, session, intro, [intro.person_a_id], summary)
        return _view(session, intro) | {"logged": logged}


def record_outcome(
    ctx: Context,
    intro_id: int,
    *,
    met: bool | None,
    helped: bool | None,
    note: str | None,
    first: bool = False,
) -> dict[str, Any]:
    """How the introduction turned out: did they meet, did it help. A second outcome
    corrects the one before (what it does not say stays); ``first``: this is to be the
    first one (a form shown before any was recorded), refused once one was, with what it
    says, rather than mixed with it."""
    today = ctx.clock.today()
    with ctx.db.transaction() as session:
        intro = _get(session, intro_id, lock=first)
        if first and intro.state == "done":
            was = f": {intro.outcome}" if intro.outcome else ""
            raise Conflict(f"the outcome of introduction #{intro.id} was recorded since{was}")
        if intro.state == "declined":
            raise Conflict(f"introduction #{intro.id} was declined: it has no outcome")
        if intro.state not in ("introduced", "done"):
            raise Conflict(f"introduction #{intro.id} is not made yet ({_plain(intro)})")
        if met is None and helped is None and not (note and note.strip()):
            raise InvalidInput(
                "say how it turned out: --met/--not-met, --helped/--not-helped or --note",
                web="say how it turned out: whether they met, whether it helped, or a note",
            )
        said = {"met": met, "helped": helped, "note": note.strip() if note else None}
        # a correction: what it does not say stays as the outcomes before said it
        outcome: dict[str, Any] = {"met": None, "helped": None, "note": None}
        for step in [*intro.history.get("steps", []), said]:
            if step.get("state", "done") == "done":
                outcome |= {k: step[k] for k in outcome if step.get(k) not in (None, "")}
        intro.outcome = msg.outcome_text(outcome["met"], outcome["helped"], outcome["note"])
        _record(intro, "done", today, note, met=met, helped=helped)  # what this one said
        return _view(session, intro)


def dismiss_suggestion(ctx: Context, a: str, b: str) -> dict[str, Any]:
    """Never suggest introducing these two again."""
    with ctx.db.transaction() as session:
        first, second = resolve_person(session, a), resolve_person(session, b)
        if first.id == second.id:
            raise InvalidInput("name two different people")
        low, high = sorted((first.id, second.id))
        exists = session.scalar(
            select(DismissedPair.id).where(
                DismissedPair.kind == "intro",
                DismissedPair.person_a_id == low,
                DismissedPair.person_b_id == high,
            )
        )
        if exists is None:
            session.add(
                DismissedPair(
                    kind="intro", person_a_id=low, person_b_id=high, dismissed_on=ctx.clock.today()
                )
            )
        return {"a": first.display_name, "b": second.display_name, "dismissed": True}


def list_intros(ctx: Context, *, include_closed: bool = False) -> list[dict[str, Any]]:
    """Introductions, open ones first, newest first."""
    with ctx.db.reading() as session:
        query = select(Introduction).order_by(Introduction.id.desc())
        if not include_closed:
            query = query.where(Introduction.state.in_(OPEN_STATES))
        return [_view(session, i) for i in session.scalars(query)]


def intros_of(ctx: Context, person_id: int) -> list[dict[str, Any]]:
    """The introductions a person is in, newest first."""
    with ctx.db.reading() as session:
        query = (
            select(Introduction)
            .where(
                (Introduction.person_a_id == person_id) | (Introduction.person_b_id == person_id)
            )
            .order_by(Introduction.id.desc())
        )
        return [_view(session, i) for i in session.scalars(query)]


def show(ctx: Context, intro_id: int) -> dict[str, Any]:
    """One introduction: its steps with dates, the next step and the message to send."""
    with ctx.db.reading() as session:
        return _view(session, _get(session, intro_id))


def _advance(
    ctx: Context, intro_id: int, moves: dict[str, str], note: str | None = None
) -> dict[str, Any]:
    today = ctx.clock.today()
    with ctx.db.transaction() as session:
        intro = _get(session, intro_id)
        _move(intro, moves, today, note)
        return _view(session, intro)


def _wrote(
    ctx: Context, session: Session, intro: Introduction, person_ids: list[int], note: str
) -> dict[str, Any]:
    """Log the message a step sent (one message out, to these people, now): writing to
    someone is contact, which resets their cadence as any conversation does (and greets
    them in the campaigns running, as ``record`` does for every conversation). Like a
    "Done" on the agenda, it carries out no other task: only the step is recorded. Returns what
    was logged: ``{conversation, to}`` (its id, and the names written to)."""
    people = [p for p in (session.get(Person, pid) for pid in person_ids) if p is not None]
    summary = intro_note(note, intro.id)
    when = ctx.clock.now()
    logged = record(ctx, session, people, kind="message", direction="out", when=when, note=summary)
    return {"conversation": logged.id, "to": [p.display_name for p in people]}


def _move(intro: Introduction, moves: dict[str, str], today: dt.date, note: str | None) -> None:
    """Take the step ``moves`` allows from the current state, or refuse clearly."""
    state = "a_agreed" if _a_agreed_waiting(intro) else intro.state
    target = moves.get(state)
    if target is None:
        raise Conflict(
            f"introduction #{intro.id} is at step '{_plain(intro)}'; next: {_next_hint(intro)}"
        )
    if target == "a_agreed":
        _record(intro, "a_agreed", today, note, keep_state=True)
        return
    _record(intro, target, today, note)


def _a_agreed_waiting(intro: Introduction) -> bool:
    steps = intro.history.get("steps", [])
    return intro.state == "asked_a" and bool(steps) and steps[-1]["state"] == "a_agreed"


def _a_waiting_after_no(intro: Introduction) -> bool:
    """Whether A said yes, then the introduction stopped (B said no, or the user withdrew),
    and A has not been told yet that it will not happen."""
    return intro.state == "declined" and a_waiting(intro.history.get("steps", []))


def a_waiting(steps: list[dict[str, Any]]) -> bool:
    """Whether a declined introduction's ``steps`` leave A waiting to hear: A agreed, the
    last step is the decline, and it was not A's."""
    return (
        bool(steps)
        and steps[-1]["state"] == "declined"
        and steps[-1].get("by") != "a"
        and any(s["state"] == "a_agreed" for s in steps)
    )


def _record(
    intro: Introduction,
    state: str,
    today: dt.date,
    note: str | None,
    *,
    keep_state: bool = False,
    **extra: Any,
) -> None:
    """Append a dated step to the history (a new dict, so the JSON column is saved); a step
    is dated no earlier than the one before it."""
    steps = intro.history.get("steps", [])
    if steps and today.isoformat() < steps[-1]["on"]:
        raise InvalidInput(
            f"introduction #{intro.id} last moved on {steps[-1]['on']}: a step is dated that "
            f"day or later, not {today}"
        )
    step = _step(state, today, note, **extra)
    intro.history = {**intro.history, "steps": [*intro.history.get("steps", []), step]}
    if not keep_state:
        intro.state = state


def _step(state: str, today: dt.date, note: str | None = None, **extra: Any) -> dict[str, Any]:
    step: dict[str, Any] = {"state": state, "on": today.isoformat()}
    if note:
        step["note"] = note.strip()
    step.update({k: v for k, v in extra.items() if v is not None})
    return step


def _get(session: Session, intro_id: int, *, lock: bool = False) -> Introduction:
    """The introduction ``intro_id`` (``lock``: its row held until the transaction ends, so
    that two sends of one form are told apart on PostgreSQL too)."""
    intro = session.get(Introduction, intro_id, with_for_update=lock)
    if intro is None:
        raise NotFound(f"no introduction #{intro_id}; see `netweave intros list`")
    return intro


def _names(intro: Introduction) -> tuple[str, str]:
    session = object_session(intro)
    assert session is not None
    a, b = session.get(Person, intro.person_a_id), session.get(Person, intro.person_b_id)
    assert a is not None
    assert b is not None
    return a.display_name, b.display_name


def _plain(intro: Introduction) -> str:
    """The step the introduction is at, in the people's names: the label of its last step
    ("declined by Cy Dee", "outcome corrected"), as its history says it, everywhere."""
    a, b = _names(intro)
    steps = intro.history.get("steps", [])
    if steps:
        first_outcome = sum(s["state"] == "done" for s in steps) < 2
        return _labeled(steps[-1], a, b, first_outcome)
    return STEP_LABELS.get(intro.state, intro.state).format(a=a, b=b)


def _next_hint(intro: Introduction) -> str:
    waiting = _a_agreed_waiting(intro) or _a_waiting_after_no(intro)
    return msg.next_step(intro.state, waiting, *_names(intro), intro.id) or "nothing"


def _view(session: Session, intro: Introduction) -> dict[str, Any]:
    a = session.get(Person, intro.person_a_id)
    b = session.get(Person, intro.person_b_id)
    assert a is not None
    assert b is not None
    waiting = _a_agreed_waiting(intro) or _a_waiting_after_no(intro)
    steps = intro.history.get("steps", [])
    facts_a, facts_b = _facts(session, a), _facts(session, b)
    return {
        "id": intro.id,
        "a": a.display_name,
        "b": b.display_name,
        "a_id": a.id,
        "b_id": b.id,
        "a_given": facts_a.given,  # the name to call them by: buttons, messages
        "b_given": facts_b.given,
        "why": intro.why,
        "state": "a_agreed" if _a_agreed_waiting(intro) else intro.state,
        "step": _plain(intro),
        "outcome": intro.outcome,
        "history": [
            step
            | _said(step)
            | {
                "label": _labeled(
                    step,
                    a.display_name,
                    b.display_name,
                    first_outcome=step["state"] != "done"
                    or all(s["state"] != "done" for s in steps[:n]),
                )
            }
            for n, step in enumerate(steps)
        ],
        "updated_on": steps[-1]["on"] if steps else None,
        "next": msg.next_step(intro.state, waiting, a.display_name, b.display_name, intro.id),
        "actions": _actions(intro),
        "message": msg.draft(intro.state, waiting, facts_a, facts_b, intro.why),
    }


def _actions(intro: Introduction) -> list[str]:
    """What can be done next with the introduction, in the order of its steps."""
    if _a_waiting_after_no(intro):
        return ["tell"]
    step = "a_agreed" if _a_agreed_waiting(intro) else intro.state
    doable = [name for name, moves in MOVES.items() if step in moves]
    return [*doable, "decline"] if intro.state in DECLINABLE else doable


def _step_label(state: str, a: str, b: str) -> str:
    labels = {
        "proposed": "proposed",
        "asked_a": f"asked {a}",
        "a_agreed": f"{a} agreed",
        "a_told": f"told {a} it will not happen",
        "asked_b": f"asked {b}",
        "agreed": f"{b} agreed: both agreed",
        "introduced": "introduced",
        "done": "outcome recorded",
        "declined": "declined",
    }
    return labels.get(state, state.replace("_", " "))


def _said(step: dict[str, Any]) -> dict[str, str]:
    """What an outcome step recorded, in words ("they met; it helped"): ``{"said": …}``."""
    if step["state"] != "done":
        return {}
    said = msg.outcome_text(step.get("met"), step.get("helped"), None, empty="")
    return {"said": said} if said else {}


def _labeled(step: dict[str, Any], a: str, b: str, first_outcome: bool) -> str:
    """A step in words: who declined, and a second outcome as the correction it is."""
    if step["state"] == "declined":
        by = {"a": a, "b": b, "you": "you"}.get(step.get("by", ""), "")
        return f"declined by {by}" if by else "declined"
    if step["state"] == "done" and not first_outcome:
        return "outcome corrected"
    return _step_label(step["state"], a, b)


def _facts(session: Session, person: Person) -> msg.Side:
    row = session.execute(
        select(Organization.name, Position.title)
        .join(Position, Position.organization_id == Organization.id)
        .where(Position.person_id == person.id, Position.current.is_(True))
        .order_by(Position.id.desc())
        .limit(1)
    ).first()
    org, title = (row[0], row[1]) if row else (None, None)
    given = person.given_name or person.display_name
    return msg.Side(person.display_name, given, title, org, person.pronouns)
