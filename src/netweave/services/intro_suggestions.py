"""Who to introduce to whom: needs matched to offers, and strong shared interests."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from netweave.logic import matching
from netweave.logic.lexical import lexical_hits
from netweave.services.context import Context
from netweave.services.embeddings import cached, choose_embedder, model_for, store
from netweave.services.knows_inference import Groups, Pair, introducers, read_groups, weigh
from netweave.services.knows_ranking import ranked as combined_evidence
from netweave.store.models import (
    DismissedPair,
    Interest,
    Introduction,
    Knows,
    Need,
    Offer,
    Person,
    PersonStats,
)

DEFAULT_LIMIT = 20


def suggest_intros(
    ctx: Context, *, limit: int = DEFAULT_LIMIT, method: str = "auto"
) -> list[dict[str, Any]]:
    """Pairs worth introducing, best first: ``[{a, b, score, reason, …}]``.

    See :func:`suggest_intros_or_why`.
    """
    return suggest_intros_or_why(ctx, limit=limit, method=method)[0]


def suggest_intros_or_why(
    ctx: Context, *, limit: int = DEFAULT_LIMIT, method: str = "auto"
) -> tuple[list[dict[str, Any]], str | None]:
    """Pairs worth introducing, best first, and, when there are none, why: what is missing
    (needs, offers, a match between them) or that the matching people already know each
    other.

    A pair qualifies when one's need matches the other's offer (semantic similarity with the
    packaged model, else TF-IDF over words) or when they share strong interests, and they do
    not already know each other: no Knows edge, no introduction under way, not dismissed;
    the user "knows" everyone they have a logged conversation with. A pair the inference of
    `knows suggestions` says may know each other (colleagues, classmates) is kept, marked,
    and ranked down by that confidence.
    """
    model_id = model_for(method)  # the model itself is loaded only if a text needs it
    with ctx.db.reading() as session:
        profiles = _profiles(session)
        names = _names(session)
        me = session.scalar(select(Person.id).where(Person.is_me.is_(True)))
        excluded = _excluded(session)
        groups = read_groups(session)
        apart = _apart(session)
        table = matching.rows(profiles)
        texts = table.need_texts + table.offer_texts
        vectors = cached(session, model_id, texts) if model_id is not None else None
    if vectors is not None:
        vectors = _completed(ctx, method, vectors, texts)
    if vectors is not None:
        hits = matching.vector_hits(
            table.need_texts, table.offer_texts, table.need_owner, table.offer_owner, vectors
        )
    else:
        hits = lexical_hits(
            table.need_texts, table.offer_texts, table.need_owner, table.offer_owner
        )
    shared = matching.interest_pairs(profiles)
    combined = matching.combine(table, hits, shared, excluded)
    known = _may_know(groups, {(s.a, s.b) for s in combined}, apart)
    ranked = matching.diversify(matching.rank_down_known(combined, known))[:limit]
    matching.explain(ranked, table, names, me)
    used = "lexical" if vectors is None else "semantic"
    why = None if ranked else matching.why_none(table, hits, shared, used)
    return [_view(s, names, used, me) for s in ranked], why


def _view(
    s: matching.Suggestion, names: dict[int, str], method: str, me: int | None
) -> dict[str, Any]:
    # a is asked first: the one whose help is asked (either, for a match both ways)
    a, b = (s.a, s.b) if s.ask_first in (None, s.a) else (s.b, s.a)
    return {
        # with the user: no introduction, they reach out to the other themselves
        "reach_out_to": (b if a == me else a) if me in (a, b) else None,
        "a": names[a],
        "b": names[b],
        "score": s.score,
        "reason": "; ".join(s.reasons),
        "why": " ".join(s.plain),  # the reason in sentences, as a proposal says it to them
        "a_id": a,
        "b_id": b,
        "kind": s.kind,
        "may_know": s.may_know,
        "phrases": s.phrases,
        "method": method,
    }


def _completed(
    ctx: Context, method: str, vectors: dict[str, Any], texts: list[str]
) -> dict[str, Any] | None:
    """``vectors`` (the cached ones) with those of the other ``texts`` computed and cached:
    only then is the model loaded. ``None`` when ``auto`` finds that it cannot be loaded
    (matching falls back to words)."""
    missing = [t for t in dict.fromkeys(texts) if t not in vectors]
    if not missing:
        return vectors
    embedder = choose_embedder(method)
    if embedder is None:
        return None
    fresh = dict(zip(missing, embedder.embed(missing), strict=True))
    with ctx.db.transaction() as session:
        store(session, embedder.model_id, fresh)
    return vectors | fresh


def _profiles(session: Session) -> list[matching.Profile]:
    """Every person's needs, offers and interests, from three plain scans."""
    needs: dict[int, list[str]] = defaultdict(list)
    offers: dict[int, list[str]] = defaultdict(list)
    interests: dict[int, list[str]] = defaultdict(list)
    need, offer, interest = Need.__table__.c, Offer.__table__.c, Interest.__table__.c
    for pid, text in session.execute(select(need.person_id, need.text).order_by(need.id)):
        needs[pid].append(text)
    for pid, text in session.execute(select(offer.person_id, offer.text).order_by(offer.id)):
        offers[pid].append(text)
    for pid, label in session.execute(
        select(interest.person_id, interest.label).order_by(interest.id)
    ):
        interests[pid].append(label)
    ids = sorted(set(needs) | set(offers) | set(interests))
    return [
        matching.Profile(pid, tuple(needs[pid]), tuple(offers[pid]), tuple(interests[pid]))
        for pid in ids
    ]


def _names(session: Session) -> dict[int, str]:
    person = Person.__table__.c
    return dict(session.execute(select(person.id, person.display_name)).tuples().all())


def _excluded(session: Session) -> set[tuple[int, int]]:
    """Ordered pairs that already know each other (a knows edge, or one introduced the user
    to the other), are being introduced, or were dismissed."""
    out: set[tuple[int, int]] = set()
    out.update(session.execute(select(Knows.person_a_id, Knows.person_b_id)).tuples())
    out.update(introducers(session))  # who introduced the user to someone knows them
    for a, b in session.execute(select(Introduction.person_a_id, Introduction.person_b_id)):
        out.add((min(a, b), max(a, b)))
    out.update(
        session.execute(
            select(DismissedPair.person_a_id, DismissedPair.person_b_id).where(
                DismissedPair.kind == "intro"
            )
        ).tuples()
    )
    me = session.scalar(select(Person.id).where(Person.is_me.is_(True)))
    if me is not None:
        talked = session.scalars(select(PersonStats.person_id).where(PersonStats.interactions > 0))
        out.update((min(me, pid), max(me, pid)) for pid in talked)
    return out


def _apart(session: Session) -> set[Pair]:
    """The pairs the user said do not know each other (``knows dismiss``)."""
    return set(
        session.execute(
            select(DismissedPair.person_a_id, DismissedPair.person_b_id).where(
                DismissedPair.kind == "knows"
            )
        ).tuples()
    )


def _may_know(groups: Groups, pairs: set[Pair], apart: set[Pair]) -> dict[Pair, tuple[float, str]]:
    """Of the ``pairs``, those the program infers may know each other already (a shared
    employer, school, event or thread, as `knows suggestions` says), but the ones the user
    said do not: the combined confidence and the strongest reason of each."""
    evidence = weigh(groups, pairs)
    return {
        pair: (confidence, max(ev, key=lambda e: (e[0], e[1]))[1])
        for confidence, pair, ev in combined_evidence(evidence, {}, apart)
        if ev
    }
