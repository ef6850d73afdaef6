"""Who knows whom: edges the user records, and inferred ones offered for confirmation."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from netweave.errors import Conflict, InvalidInput, NotFound
from netweave.logic.normalize import clean, names_agree
from netweave.services.context import Context
from netweave.services.duplicates import NOT_DUPLICATES
from netweave.services.knows_inference import infer
from netweave.services.knows_ranking import strongest
from netweave.services.resolve import resolve_person
from netweave.store.models import DismissedPair, Knows, Person

#: How well two people know each other, as the user says it, and the confidence stored:
#: what a tie between them weighs in warm paths (a shared employer weighs 0.5 to 0.8).
HOW_WELL = {"well": 1.0, "slightly": 0.4}


def how_well(confidence: float) -> str:
    """The word of :data:`HOW_WELL` nearest to a stored confidence."""
    return min(HOW_WELL, key=lambda word: abs(HOW_WELL[word] - confidence))


def add_knows(
    ctx: Context,
    a: str,
    b: str,
    *,
    context: str | None = None,
    since: dt.date | None = None,
    how: str = "well",
) -> dict[str, Any]:
    """Record that ``a`` and ``b`` know each other (confirming a suggested edge if there is
    one), ``how`` well (a word of :data:`HOW_WELL`)."""
    if since is not None and since > ctx.clock.today():
        raise InvalidInput(f"--since {since} is after today ({ctx.clock.today()})")
    confidence = _confidence(how)
    with ctx.db.transaction() as session:
        low, high = _pair(session, a, b)
        edge = _edge(session, low.id, high.id)
        if edge is not None and edge.status == "confirmed":
            raise Conflict(f"{low.display_name} and {high.display_name} already know each other")
        if edge is None:
            edge = Knows(person_a_id=low.id, person_b_id=high.id)
            session.add(edge)
        edge.status, edge.confidence = "confirmed", confidence
        edge.context = clean(context) if context else edge.context
        edge.since = since or edge.since
        _undismiss(session, low.id, high.id)
        session.flush()
        return _view(edge, {low.id: low.display_name, high.id: high.display_name})


def remove_knows(ctx: Context, a: str, b: str) -> dict[str, Any]:
    """Forget that ``a`` and ``b`` know each other; returns the tie as it was recorded."""
    with ctx.db.transaction() as session:
        low, high = _pair(session, a, b)
        edge = _edge(session, low.id, high.id)
        if edge is None:
            raise NotFound(
                f"no record that {low.display_name} and {high.display_name} know each other"
            )
        view = _view(edge, {low.id: low.display_name, high.id: high.display_name})
        session.delete(edge)
        return view | {"removed": True}  # what was recorded, and that it is gone


def list_knows(ctx: Context, name: str | None = None) -> list[dict[str, Any]]:
    """Recorded edges (everyone's, or one person's), confirmed and stored suggestions."""
    with ctx.db.reading() as session:
        query = select(Knows).order_by(Knows.person_a_id, Knows.person_b_id)
        if name is not None:
            person = resolve_person(session, name)
            query = query.where(or_(Knows.person_a_id == person.id, Knows.person_b_id == person.id))
        edges = list(session.scalars(query))
        ids = {e.person_a_id for e in edges} | {e.person_b_id for e in edges}
        names = _names(session, ids)
        return [_view(e, names) for e in edges]


def suggestions(ctx: Context, *, limit: int = 50, about: str | None = None) -> list[dict[str, Any]]:
    """Pairs who probably know each other, with the evidence, strongest first (``about``:
    only the pairs of the person it names, as they are among everyone's).

    Never stored as facts: the user confirms (``confirm``) or dismisses (``dismiss``) each.
    """
    with ctx.db.reading() as session:
        query = select(Knows.person_a_id, Knows.person_b_id, Knows.status, Knows.context)
        whose = None
        if about is not None:
            whose = resolve_person(session, about).id
            query = query.where(or_(Knows.person_a_id == whose, Knows.person_b_id == whose))
        stored = session.execute(query).all()
        # pairs the user said do not know each other, and those they kept apart as two people
        pairs_by_kind: dict[str, set[tuple[int, int]]] = {"knows": set(), NOT_DUPLICATES: set()}
        for kind, a, b in session.execute(
            select(DismissedPair.kind, DismissedPair.person_a_id, DismissedPair.person_b_id).where(
                DismissedPair.kind.in_(pairs_by_kind)
            )
        ):
            pairs_by_kind[kind].add((a, b))
        dismissed, apart = pairs_by_kind["knows"], pairs_by_kind[NOT_DUPLICATES]
        confirmed = {(a, b) for a, b, status, _ in stored if status == "confirmed"}
        suggested = {
            (a, b): context
            for a, b, status, context in stored
            if status == "suggested" and (a, b) not in dismissed
        }
        pairs = strongest(session, limit * 2 + 20, suggested, confirmed | dismissed, about=whose)
        # one person in two records ("Ada Lovelace", "Dr. Ada Lovelace") is for `people
        # duplicates`, not a pair who know each other, unless the user kept them apart
        names = _names(session, {p for _, pair, _ in pairs for p in pair})
        pairs = [
            t for t in pairs if t[1] in apart or not names_agree(names[t[1][0]], names[t[1][1]])
        ][:limit]
    return [
        {
            "a": names[a],
            "b": names[b],
            "a_id": a,
            "b_id": b,
            "confidence": round(confidence, 2),
            "reason": "; ".join(r for _, r in sorted(ev, key=lambda e: (-e[0], e[1]))),
        }
        for confidence, (a, b), ev in pairs
    ]


def confirm(
    ctx: Context, a: str, b: str, *, context: str | None = None, how: str = "well"
) -> dict[str, Any]:
    """Accept a suggestion: the edge is stored as confirmed, with the evidence as context,
    ``how`` well they know each other. A pair that was no suggestion (nothing stored or
    inferred about it) is recorded all the same, as ``knows add`` would; ``suggested`` says
    which it was."""
    confidence = _confidence(how)
    with ctx.db.transaction() as session:
        low, high = _pair(session, a, b)
        edge = _edge(session, low.id, high.id)
        if edge is not None and edge.status == "confirmed":
            raise Conflict(f"{low.display_name} and {high.display_name} already know each other")
        evidence = infer(session, only=(low.id, high.id)).get((low.id, high.id), [])
        found = "; ".join(r for _, r in sorted(evidence, key=lambda e: (-e[0], e[1])))
        text = clean(context) if context else found or None
        suggested = edge is not None or bool(evidence)
        if edge is None:
            edge = Knows(person_a_id=low.id, person_b_id=high.id)
            session.add(edge)
        edge.status, edge.confidence = "confirmed", confidence
        edge.context = text or edge.context
        _undismiss(session, low.id, high.id)
        session.flush()
        names = {low.id: low.display_name, high.id: high.display_name}
        return _view(edge, names) | {"suggested": suggested}


def dismiss(ctx: Context, a: str, b: str) -> dict[str, Any]:
    """Turn a suggestion down for good (a stored suggested edge is removed too)."""
    with ctx.db.transaction() as session:
        low, high = _pair(session, a, b)
        edge = _edge(session, low.id, high.id)
        if edge is not None and edge.status == "confirmed":
            raise Conflict(
                f"{low.display_name} and {high.display_name} are recorded as knowing each other;"
                " use `netweave knows remove`"
            )
        if edge is not None:
            session.delete(edge)
        if not _dismissed(session, low.id, high.id):
            session.add(
                DismissedPair(
                    kind="knows",
                    person_a_id=low.id,
                    person_b_id=high.id,
                    dismissed_on=ctx.clock.today(),
                )
            )
        return {"a": low.display_name, "b": high.display_name, "dismissed": True}


def _confidence(how: str) -> float:
    if how not in HOW_WELL:
        raise InvalidInput(f"--how {how!r}: say how well they know each other: well or slightly")
    return HOW_WELL[how]


def _pair(session: Session, a: str, b: str) -> tuple[Person, Person]:
    first, second = resolve_person(session, a), resolve_person(session, b)
    if first.id == second.id:
        raise InvalidInput(f"name two different people (both are {first.display_name})")
    if first.is_me or second.is_me:
        raise InvalidInput("your own ties come from your conversations; name two other people")
    return (first, second) if first.id < second.id else (second, first)


def _edge(session: Session, low: int, high: int) -> Knows | None:
    return session.scalar(select(Knows).where(Knows.person_a_id == low, Knows.person_b_id == high))


def _dismissed(session: Session, low: int, high: int) -> DismissedPair | None:
    return session.scalar(
        select(DismissedPair).where(
            DismissedPair.kind == "knows",
            DismissedPair.person_a_id == low,
            DismissedPair.person_b_id == high,
        )
    )


def _undismiss(session: Session, low: int, high: int) -> None:
    found = _dismissed(session, low, high)
    if found is not None:
        session.delete(found)


def _names(session: Session, ids: set[int]) -> dict[int, str]:
    out: dict[int, str] = {}
    wanted = sorted(ids)
    for start in range(0, len(wanted), 500):
        out.update(
            (pid, name)
            for pid, name in session.execute(
                select(Person.id, Person.display_name).where(
                    Person.id.in_(wanted[start : start + 500])
                )
            ).tuples()
        )
    return out


def _view(edge: Knows, names: dict[int, str]) -> dict[str, Any]:
    return {
        "a": names.get(edge.person_a_id),
        "b": names.get(edge.person_b_id),
        "a_id": edge.person_a_id,
        "b_id": edge.person_b_id,
        "context": edge.context,
        "since": edge.since.isoformat() if edge.since else None,
        "confidence": edge.confidence,
        "how": how_well(edge.confidence) if edge.status == "confirmed" else None,
        "status": edge.status,
    }
