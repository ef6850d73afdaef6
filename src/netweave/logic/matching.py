"""Introduction matching: one person's needs against another's offers, and shared interests.

Pure functions of plain values. Two ways to compare texts: cosine similarity of sentence
embeddings (vectors handed in by the caller, compared with chunked matrix products), and a
lexical TF-IDF cosine over an inverted index, the fallback when no embedding model is
installed. Both return, for each need, its best few offers; :func:`combine` turns those hits
and shared interests into ranked, explained pair suggestions.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import TYPE_CHECKING, Any

from netweave.logic.normalize import fold
from netweave.logic.wording import article_small, count, listed, looking_for, opening

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

#: Each need keeps at most this many best offers (before pairs already known are dropped).
TOP_K = 5
#: Each person keeps at most this many partners by shared interests.
INTEREST_K = 3
#: Cosine similarity from which a need and an offer match, per method (calibrated on the
#: demo network's texts and on the examples in tests/logic/test_matching.py).
SEMANTIC_FLOOR = 0.36
LEXICAL_FLOOR = 0.15
#: A person appears in at most this many suggestions of one list.
PER_PERSON = 2
#: Interests shared by two people before they count as a reason on their own.
STRONG_INTERESTS = 2
#: A combination of interests held by more people than this singles nobody out.
CROWD = 200
#: Similarities computed per matrix product, at most (bounds memory: 4 bytes each).
CHUNK = 1 << 22


@dataclass(frozen=True)
class Profile:
    """What one person looks for, can help with, and cares about."""

    person_id: int
    needs: tuple[str, ...] = ()
    offers: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()


@dataclass(frozen=True)
class Hit:
    """A need (by row) matched to an offer (by row) with a similarity in [0, 1]."""

    need: int
    offer: int
    similarity: float
    shared_words: tuple[str, ...] = ()


@dataclass
class Suggestion:
    """Two people worth introducing, with the score and what lies behind it.

    ``matches`` and ``interests`` are the evidence; :func:`explain` turns them into
    ``reasons`` and ``phrases`` (only for the suggestions shown, which keeps ranking fast).
    """

    a: int
    b: int
    score: float
    matches: list[Hit] = field(default_factory=list)
    interests: list[str] = field(default_factory=list)
    kind: str = "need-offer"
    reasons: list[str] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)
    #: The reasons as said to the people themselves: without the matching's evidence.
    plain: list[str] = field(default_factory=list)
    #: Why they may know each other already (the program's own inference), if it says so.
    may_know: str | None = None
    #: Whom to ask first (set by :func:`explain`): the one whose help the leading match
    #: asks for, so that the one who needs it is not asked, hopeful, before they said yes.
    ask_first: int | None = None


@dataclass(frozen=True)
class Rows:
    """The needs and offers of all profiles as flat rows, each with its owner."""

    need_texts: list[str]
    need_owner: list[int]
    offer_texts: list[str]
    offer_owner: list[int]


def rows(profiles: Iterable[Profile]) -> Rows:
    """Flatten profiles into need rows and offer rows."""
    out = Rows([], [], [], [])
    for p in profiles:
        for text in p.needs:
            out.need_texts.append(text)
            out.need_owner.append(p.person_id)
        for text in p.offers:
            out.offer_texts.append(text)
            out.offer_owner.append(p.person_id)
    return out


def vector_hits(
    need_texts: Sequence[str],
    offer_texts: Sequence[str],
    need_owner: Sequence[int],
    offer_owner: Sequence[int],
    vectors: Mapping[str, NDArray[Any]],
    *,
    k: int = TOP_K,
    floor: float = SEMANTIC_FLOOR,
) -> list[Hit]:
    """For each need row, its ``k`` best offer rows (not the seeker's own) at or above
    ``floor``, by the cosine similarity of the texts' vectors (not necessarily normalized).

    Needs and offers repeat (many people ask for the same help), so each distinct need text
    is compared once with each distinct offer text, by chunked matrix products, and keeps
    only as many best offer texts as any need row can use (``k`` plus the most offers one
    person has: those are all a seeker's own offers could take away). Each need row then
    takes the offer rows of those texts, best first; equally similar offers go in the order
    they were recorded, so the same texts always give the same hits.
    """
    needs, offers = list(dict.fromkeys(need_texts)), list(dict.fromkeys(offer_texts))
    if not needs or not offers:
        return []
    rows_of: dict[str, list[int]] = defaultdict(list)
    for j, text in enumerate(offer_texts):
        rows_of[text].append(j)
    want = min(k + max(Counter(offer_owner).values()), len(offers))
    ranked = _best_texts([vectors[t] for t in needs], [vectors[t] for t in offers], want, floor)
    best = dict(zip(needs, ranked, strict=True))
    hits: list[Hit] = []
    for i, text in enumerate(need_texts):
        taken = 0
        for sim, u in best[text]:
            for j in rows_of[offers[u]]:
                if offer_owner[j] == need_owner[i]:
                    continue
                hits.append(Hit(i, j, sim))
                taken += 1
                if taken == k:
                    break
            if taken == k:
                break
    return hits


def _best_texts(
    need_vectors: Sequence[NDArray[Any]],
    offer_vectors: Sequence[NDArray[Any]],
    want: int,
    floor: float,
) -> list[list[tuple[float, int]]]:
    """Per need vector, its ``want`` most similar offer vectors at or above ``floor`` as
    ``(similarity, offer)``, best first (the lower offer first among equals)."""
    import numpy as np

    needs = _normalized(np.stack(need_vectors))
    offers_t = _normalized(np.stack(offer_vectors)).T.copy()
    n_offers = offers_t.shape[1]
    out: list[list[tuple[float, int]]] = []
    step = max(1, CHUNK // n_offers)  # need texts per product
    for start in range(0, needs.shape[0], step):
        sims = needs[start : start + step] @ offers_t
        if want < n_offers:  # the want-th best of each row: no offer below it is kept
            cut = np.partition(sims, n_offers - want, axis=1)[:, n_offers - want]
            cut = np.maximum(cut, np.float32(floor))
        else:
            cut = np.full(sims.shape[0], floor, dtype=np.float32)
        rows_, cols = np.nonzero(sims >= cut[:, None])
        values = sims[rows_, cols]
        order = np.lexsort((cols, -values, rows_))  # by row, best first, lower offer first
        rows_, cols, values = rows_[order], cols[order], np.minimum(values[order], 1.0)
        bounds = np.searchsorted(rows_, np.arange(sims.shape[0] + 1))
        col_list, value_list = cols.tolist(), values.tolist()
        for r in range(sims.shape[0]):
            lo, hi = int(bounds[r]), min(int(bounds[r + 1]), int(bounds[r]) + want)
            out.append(list(zip(value_list[lo:hi], col_list[lo:hi], strict=True)))
    return out


def _normalized(vectors: NDArray[Any]) -> NDArray[np.float32]:
    import numpy as np

    array = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(array, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    normalized: NDArray[np.float32] = array / norms
    return normalized


def interest_pairs(
    profiles: Sequence[Profile],
    *,
    k: int = INTEREST_K,
    minimum: int = STRONG_INTERESTS,
    crowd: int = CROWD,
) -> list[tuple[int, int, list[str]]]:
    """Pairs sharing at least ``minimum`` interests: each person's ``k`` best by rarity.

    People are bucketed by every combination of ``minimum`` of their interests, so only
    pairs that do share that many are ever looked at. A combination held by more than
    ``crowd`` people is too common to single anyone out and is skipped. Pairs score the
    sum of their shared interests' inverse frequencies; the rarest are named first.

    Most pairs share just the ``minimum`` of their bucket, so they are scored a bucket at a
    time (with numpy); the few that share more are found through every ``minimum + 1``
    interests they share, and scored one by one.
    """
    import numpy as np

    people = [p for p in profiles if len(p.interests) >= minimum]
    folded, shown, held = _interest_ids(people)
    df = Counter(x for labels in held for x in labels)
    idf = {x: math.log(1 + len(people) / n) for x, n in df.items()}
    n = len(people)
    i_all, j_all, s_all = _scored_pairs(held, idf, minimum=minimum, crowd=crowd)
    if not len(i_all):
        return []
    low, high = _best_partners(i_all, j_all, s_all, k)
    out = []
    for pair in np.unique(low * n + high).tolist():
        i, j = divmod(pair, n)
        common = sorted(held[i] & held[j], key=lambda x: (-idf[x], folded[x]))
        out.append((people[i].person_id, people[j].person_id, [shown[x] for x in common]))
    return out


def _interest_ids(people: Sequence[Profile]) -> tuple[list[str], list[str], list[frozenset[int]]]:
    """Each interest as a number, by its folded label: the folded labels and the labels as
    first written, by number, and each person's set of numbers."""
    keys: dict[str, int] = {}
    shown: list[str] = []
    held: list[frozenset[int]] = []
    for p in people:
        mine = set()
        for label in p.interests:
            key = fold(label)
            if key not in keys:
                keys[key] = len(keys)
                shown.append(label)
            mine.add(keys[key])
        held.append(frozenset(mine))
    return list(keys), shown, held


def _scored_pairs(
    held: list[frozenset[int]], idf: dict[int, float], *, minimum: int, crowd: int
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.float64]]:
    """Every pair sharing ``minimum`` interests of a combination held by at most ``crowd``
    people (first, second, score), each pair once, scored on all it shares."""
    import numpy as np

    buckets: dict[tuple[int, ...], list[int]] = defaultdict(list)
    for i, labels in enumerate(held):
        for combo in combinations(sorted(labels), minimum):
            buckets[combo].append(i)
    open_ = {combo for combo, members in buckets.items() if len(members) <= crowd}
    more = _sharing_more(held, idf, open_, minimum)
    pairs_i, pairs_j, scores = [], [], []
    for combo in open_:
        members = np.asarray(buckets[combo])
        first, second = np.triu_indices(len(members), 1)
        pairs_i.append(members[first])
        pairs_j.append(members[second])
        scores.append(np.full(len(first), sum(idf[x] for x in combo)))
    n = len(held)
    i_all = np.concatenate([*pairs_i, np.array([i for i, _ in more], dtype=np.int64)])
    j_all = np.concatenate([*pairs_j, np.array([j for _, j in more], dtype=np.int64)])
    s_all = np.concatenate([*scores, np.array(list(more.values()), dtype=np.float64)])
    if more:  # a pair sharing more than its bucket's combination is scored on all it shares
        bucketed = sum(len(a) for a in pairs_i)
        keep = np.ones(len(i_all), dtype=bool)
        keep[:bucketed] = ~np.isin(
            i_all[:bucketed] * n + j_all[:bucketed], [i * n + j for i, j in more]
        )
        i_all, j_all, s_all = i_all[keep], j_all[keep], s_all[keep]
    return i_all, j_all, s_all


def _best_partners(
    i_all: NDArray[np.int64], j_all: NDArray[np.int64], s_all: NDArray[np.float64], k: int
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """The pairs among each person's ``k`` best partners (the lower partner first among
    equals), as (lower, higher) person numbers; a pair may come twice."""
    import numpy as np

    person, partner = np.concatenate([i_all, j_all]), np.concatenate([j_all, i_all])
    order = np.lexsort((partner, -np.concatenate([s_all, s_all]), person))
    person, partner = person[order], partner[order]
    starts = np.flatnonzero(np.r_[True, person[1:] != person[:-1]])
    first_of = np.zeros(len(person), dtype=np.int64)
    first_of[starts] = starts
    kept = np.arange(len(person)) - np.maximum.accumulate(first_of) < k
    return np.minimum(person[kept], partner[kept]), np.maximum(person[kept], partner[kept])


def _sharing_more(
    held: Sequence[frozenset[int]],
    idf: dict[int, float],
    open_: set[tuple[int, ...]],
    minimum: int,
) -> dict[tuple[int, int], float]:
    """The pairs sharing more than ``minimum`` interests, ``minimum`` of them in a bucket
    not skipped, each with the sum of what they share."""
    wider: dict[tuple[int, ...], list[int]] = defaultdict(list)
    for i, labels in enumerate(held):
        if len(labels) > minimum:
            for combo in combinations(sorted(labels), minimum + 1):
                if any(part in open_ for part in combinations(combo, minimum)):
                    wider[combo].append(i)
    more: dict[tuple[int, int], float] = {}
    for members in wider.values():
        for pair in combinations(members, 2):
            if pair not in more:
                more[pair] = sum(idf[x] for x in held[pair[0]] & held[pair[1]])
    return more


def interest_score(shared: int) -> float:
    """The score of a pair that shares ``shared`` interests and nothing more."""
    return min(0.3 + 0.05 * shared, 0.5)


def combine(
    table: Rows,
    hits: Iterable[Hit],
    shared_interests: Iterable[tuple[int, int, list[str]]],
    excluded: set[tuple[int, int]],
) -> list[Suggestion]:
    """Pair suggestions, best first: each pair once, its strongest need/offer match leading.

    A pair's score is its best need/offer similarity, plus 0.1 x the similarity of each
    further match (the other way round or another need; three at most) and 0.03 per shared
    interest; pairs that only share interests score 0.3 + 0.05 per interest (at most 0.5).
    Scores are not capped at 1, so a match both ways ranks above the same match one way:
    at most 1.2 plus 0.03 per shared interest. ``excluded`` holds ordered pairs that
    already know each other or were dismissed.
    """
    by_pair: dict[tuple[int, int], Suggestion] = {}
    needs_seen: dict[tuple[int, int], set[str]] = {}
    for hit in sorted(hits, key=lambda h: (-h.similarity, h.need, h.offer)):
        seeker, helper = table.need_owner[hit.need], table.offer_owner[hit.offer]
        pair = (seeker, helper) if seeker < helper else (helper, seeker)
        if pair in excluded:
            continue
        found = by_pair.get(pair)
        need = table.need_texts[hit.need]
        if found is None:
            by_pair[pair] = Suggestion(pair[0], pair[1], hit.similarity, [hit])
            needs_seen[pair] = {need}
        elif len(found.matches) < 3 and need not in needs_seen[pair]:
            found.score += 0.1 * hit.similarity
            found.matches.append(hit)
            needs_seen[pair].add(need)
    for a, b, common in shared_interests:
        pair = (a, b) if a < b else (b, a)
        if pair in excluded:
            continue
        found = by_pair.get(pair)
        if found is None:
            by_pair[pair] = Suggestion(
                pair[0], pair[1], interest_score(len(common)), [], common, "interests"
            )
        else:
            found.score += 0.03 * len(common)
            found.interests = common
    for s in by_pair.values():
        s.score = round(s.score, 3)
    return sorted(by_pair.values(), key=lambda s: (-s.score, s.a, s.b))


def rank_down_known(
    suggestions: Iterable[Suggestion], known: Mapping[tuple[int, int], tuple[float, str]]
) -> list[Suggestion]:
    """The suggestions re-ranked, those of pairs who may know each other already (``known``:
    the combined confidence of the inference and its strongest reason, per ordered pair)
    scored × (1 − confidence) and marked with the reason."""
    out = []
    for s in suggestions:
        found = known.get((s.a, s.b))
        if found is not None:
            s.score = round(s.score * (1 - found[0]), 3)
            s.may_know = found[1]
        out.append(s)
    return sorted(out, key=lambda s: (-s.score, s.a, s.b))


def why_none(
    table: Rows,
    hits: Sequence[Hit],
    shared_interests: Sequence[tuple[int, int, list[str]]],
    method: str,
) -> str:
    """Why no pair is suggested, when none is: what is missing, in the user's words.

    ``hits`` and ``shared_interests`` are the candidates before known pairs were dropped, so
    when there are some, every one of them was a pair that already knows each other.
    """
    seekers, helpers = set(table.need_owner), set(table.offer_owner)
    if not seekers and not helpers:
        texts = "nobody has a need or an offer recorded"
    elif not helpers:
        texts = f"{_people(len(seekers))} needs, but nobody has an offer recorded"
    elif not seekers:
        texts = f"{_people(len(helpers))} offers, but nobody has a need recorded"
    elif seekers == helpers and len(seekers) == 1:
        texts = "only one person has needs and offers recorded: nobody else to match them with"
    elif not hits:
        needs, offers = len(table.need_texts), len(table.offer_texts)
        compared = "by meaning" if method == "semantic" else "by words"
        texts = (
            "no offer matches someone else's need closely enough ("
            f"{count(needs, 'need')}, {count(offers, 'offer')}, compared {compared})"
        )
    else:
        texts = (
            "the people whose needs and offers match already know each other, are being "
            "introduced or were dismissed"
        )
    many = f"{_NUMBERS.get(STRONG_INTERESTS, str(STRONG_INTERESTS))} interests"
    if not shared_interests:
        return f"{texts}, and no two people share {many}"
    if hits:
        return f"{texts}, and so are the people who share {many}"
    return (
        f"{texts}, and the people who share {many} already know each other, are being "
        "introduced or were dismissed"
    )


_NUMBERS = {2: "two", 3: "three"}


def _people(n: int) -> str:
    return "1 person has" if n == 1 else f"{n} people have"


def explain(
    suggestions: Iterable[Suggestion], table: Rows, names: dict[int, str], me: int | None = None
) -> None:
    """Fill in each suggestion's reasons and phrases, naming what matched (the user, ``me``,
    as "you")."""
    for s in suggestions:
        s.reasons, s.phrases, s.plain = [], [], []
        for hit in s.matches:
            seeker, helper = table.need_owner[hit.need], table.offer_owner[hit.offer]
            need, offer = table.need_texts[hit.need], table.offer_texts[hit.offer]
            needs = "You need" if seeker == me else f"{names[seeker]} needs"
            offers = "you offer" if helper == me else f"{names[helper]} offers"
            reason = f"{needs} “{need}”; {offers} “{offer}”"
            if not s.plain:  # the best reason alone, in a sentence to the people themselves
                s.plain.append(_in_a_sentence(need, offer, names[seeker], names[helper]))
            if hit.shared_words:
                reason += f" (shared words: {', '.join(hit.shared_words)})"
            s.reasons.append(reason)
            s.phrases += [need, offer]
        if s.interests:
            s.reasons.append(f"both care about {', '.join(s.interests[:4])}")
            if not s.plain:
                s.plain.append(f"You both care about {listed(s.interests[:4])}.")
            s.phrases += s.interests[:4]
        if s.may_know is not None:
            s.reasons.append(f"they may know each other already: {s.may_know}")
        s.ask_first = table.offer_owner[s.matches[0].offer] if s.matches else s.a


def _in_a_sentence(need: str, offer: str, seeker: str, helper: str) -> str:
    """A need met by an offer as one writes it to a contact, by first names and without
    quoted catalogue entries: "Leo is looking for a mentor, and Tao offers mentoring." (a
    phrase opening with a capital follows a colon, as ``looking_for`` says why)."""
    seeking = looking_for([need]).replace("they are", f"{seeker.split()[0]} is", 1)
    offered = article_small(offer.strip())
    joined = ": " if opening(offered) == "capital" else " "
    return f"{seeking}, and {helper.split()[0]} offers{joined}{offered}."


def diversify(ranked: Sequence[Suggestion], per_person: int = PER_PERSON) -> list[Suggestion]:
    """Keep the ranking but let nobody appear in more than ``per_person`` suggestions.

    Many people can offer the same help; a short list of varied introductions is worth more
    than ten ways to answer one need.
    """
    seen: Counter[int] = Counter()
    out = []
    for s in ranked:
        if seen[s.a] < per_person and seen[s.b] < per_person:
            out.append(s)
            seen[s.a] += 1
            seen[s.b] += 1
    return out
