"""Introduction matching: one person's needs against another's offers, and shared interests.

Pure functions of plain values. Two ways to compare texts: cosine similarity of sentence
embeddings (vectors handed in by the caller, compared with chunked matrix products), and a
lexical TF-IDF cosine over an inverted index, the fallback when no embedding model is
installed. Both return, for each need, its best few offers; :func:`combine` turns those hits
and shared interests into ranked, explained pair suggestions.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from netweave.logic.normalize import fold

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

#: Each need keeps at most this many best offers (before pairs already known are dropped).
TOP_K = 8
#: Cosine similarity from which a need and an offer match, per method (calibrated on the
#: demo network's texts and on the examples in tests/logic/test_matching.py).
SEMANTIC_FLOOR = 0.36
LEXICAL_FLOOR = 0.15
#: A person appears in at most this many suggestions of one list.
PER_PERSON = 2
#: Interests shared by two people before they count as a reason on their own.
STRONG_INTERESTS = 2
#: Need/offer rows compared per matrix product (bounds memory: CHUNK x offers floats).
CHUNK = 2048

_WORD = re.compile(r"[a-z0-9]+(?:[+#][a-z0-9+#]*)?")
STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "get",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "him",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "just",
        "know",
        "knows",
        "looking",
        "me",
        "more",
        "most",
        "my",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "out",
        "over",
        "own",
        "people",
        "person",
        "same",
        "she",
        "should",
        "so",
        "some",
        "someone",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "want",
        "wants",
        "was",
        "we",
        "well",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "happy",
        "help",
        "helps",
        "can't",
        "who's",
        "open",
    ]
)


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
    """Two people worth introducing, with the score and the phrases behind it."""

    a: int
    b: int
    score: float
    reasons: list[str] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)
    kind: str = "need-offer"


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


def tokens(text: str) -> list[str]:
    """Content words of ``text``: folded, stop words dropped, a light plural/-ing stem."""
    return [_stem(w) for w in _WORD.findall(fold(text)) if w not in STOPWORDS and len(w) > 1]


def _stem(word: str) -> str:
    if len(word) > 5 and word.endswith("ing"):
        return word[:-3]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def lexical_hits(
    needs: Sequence[str],
    offers: Sequence[str],
    need_owner: Sequence[int],
    offer_owner: Sequence[int],
    *,
    k: int = TOP_K,
    floor: float = LEXICAL_FLOOR,
) -> list[Hit]:
    """TF-IDF cosine of every need against the offers sharing a word with it (inverted index)."""
    docs = [tokens(t) for t in needs] + [tokens(t) for t in offers]
    df = Counter(term for doc in docs for term in set(doc))
    total = max(len(docs), 1)
    idf = {term: math.log(1 + total / n) for term, n in df.items()}
    need_vecs = [_unit(doc, idf) for doc in docs[: len(needs)]]
    offer_vecs = [_unit(doc, idf) for doc in docs[len(needs) :]]
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for j, vec in enumerate(offer_vecs):
        for term, weight in vec.items():
            postings[term].append((j, weight))
    hits: list[Hit] = []
    for i, vec in enumerate(need_vecs):
        scores: dict[int, float] = defaultdict(float)
        for term, weight in vec.items():
            for j, other in postings.get(term, ()):
                scores[j] += weight * other
        best = sorted(
            ((s, j) for j, s in scores.items() if s >= floor and offer_owner[j] != need_owner[i]),
            key=lambda sj: (-sj[0], sj[1]),
        )[:k]
        for s, j in best:
            shared = tuple(sorted(set(vec) & set(offer_vecs[j])))
            hits.append(Hit(i, j, min(s, 1.0), shared))
    return hits


def _unit(doc: list[str], idf: dict[str, float]) -> dict[str, float]:
    counts = Counter(doc)
    vec = {t: (1 + math.log(c)) * idf[t] for t, c in counts.items()}
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {t: v / norm for t, v in vec.items()}


def vector_hits(
    need_vectors: NDArray[Any],
    offer_vectors: NDArray[Any],
    need_owner: Sequence[int],
    offer_owner: Sequence[int],
    *,
    k: int = TOP_K,
    floor: float = SEMANTIC_FLOOR,
) -> list[Hit]:
    """Cosine similarity of every need against every offer, by chunked matrix products.

    The vectors need not be normalized. Each need keeps its ``k`` best offers at or above
    ``floor``; a person's own offers never match their needs.
    """
    import numpy as np

    if len(need_vectors) == 0 or len(offer_vectors) == 0:
        return []
    needs = _normalized(need_vectors)
    offers = _normalized(offer_vectors)
    owners_n = np.asarray(need_owner)
    owners_o = np.asarray(offer_owner)
    k = min(k, offers.shape[0])
    hits: list[Hit] = []
    for start in range(0, needs.shape[0], CHUNK):
        sims = needs[start : start + CHUNK] @ offers.T
        sims[owners_n[start : start + CHUNK, None] == owners_o[None, :]] = -1.0
        top = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        best = np.take_along_axis(sims, top, axis=1)
        rows_, cols = np.nonzero(best >= floor)
        for r, c in zip(rows_.tolist(), cols.tolist(), strict=True):
            hits.append(Hit(start + r, int(top[r, c]), float(min(best[r, c], 1.0))))
    return hits


def _normalized(vectors: NDArray[Any]) -> NDArray[np.float32]:
    import numpy as np

    array = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(array, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    normalized: NDArray[np.float32] = array / norms
    return normalized


def interest_pairs(
    profiles: Sequence[Profile], *, k: int = TOP_K, minimum: int = STRONG_INTERESTS
) -> list[tuple[int, int, list[str]]]:
    """Pairs sharing at least ``minimum`` interests: each person's ``k`` best by rarity.

    A person-by-interest matrix weighted by inverse frequency, multiplied by itself in
    chunks: rare shared interests rank above common ones.
    """
    import numpy as np

    labels: dict[str, int] = {}
    shown: dict[int, str] = {}
    people = [p for p in profiles if p.interests]
    for p in people:
        for label in p.interests:
            key = fold(label)
            if key not in labels:
                labels[key] = len(labels)
                shown[labels[key]] = label
    if len(people) < 2 or not labels:
        return []
    held = np.zeros((len(people), len(labels)), dtype=np.float32)
    for i, p in enumerate(people):
        for label in p.interests:
            held[i, labels[fold(label)]] = 1.0
    idf = np.log(1.0 + len(people) / held.sum(axis=0))
    weighted = held * idf
    k = min(k, len(people) - 1)
    out: list[tuple[int, int, list[str]]] = []
    seen: set[tuple[int, int]] = set()
    for start in range(0, len(people), CHUNK):
        block = held[start : start + CHUNK]
        counts = block @ held.T
        score = weighted[start : start + CHUNK] @ held.T
        score[counts < minimum] = -1.0
        for r in range(block.shape[0]):
            score[r, start + r] = -1.0
        top = np.argpartition(-score, k - 1, axis=1)[:, :k]
        for r in range(block.shape[0]):
            for c in top[r].tolist():
                if score[r, c] < 0:
                    continue
                i, j = start + r, int(c)
                pair = (min(i, j), max(i, j))
                if pair in seen:
                    continue
                seen.add(pair)
                common = np.nonzero(held[i] * held[j])[0]
                names = sorted(
                    (shown[int(x)] for x in common),
                    key=lambda s: (-idf[labels[fold(s)]], fold(s)),
                )
                out.append((people[i].person_id, people[j].person_id, names))
    return out


def interest_score(shared: int) -> float:
    """The score of a pair that shares ``shared`` interests and nothing more."""
    return min(0.3 + 0.05 * shared, 0.5)


def combine(
    table: Rows,
    hits: Iterable[Hit],
    shared_interests: Iterable[tuple[int, int, list[str]]],
    names: dict[int, str],
    excluded: set[tuple[int, int]],
) -> list[Suggestion]:
    """Pair suggestions, best first: each pair once, its strongest need/offer match leading.

    A pair's score is its best need/offer similarity, plus a little for a second match
    (the other way round or another need) and for shared interests; pairs that only share
    interests score lower than any good need/offer match. ``excluded`` holds ordered pairs
    that already know each other or were dismissed.
    """
    by_pair: dict[tuple[int, int], Suggestion] = {}
    for hit in sorted(hits, key=lambda h: -h.similarity):
        seeker, helper = table.need_owner[hit.need], table.offer_owner[hit.offer]
        pair = (min(seeker, helper), max(seeker, helper))
        if pair in excluded:
            continue
        need, offer = table.need_texts[hit.need], table.offer_texts[hit.offer]
        reason = f"{names[seeker]} needs “{need}”; {names[helper]} offers “{offer}”"
        if hit.shared_words:
            reason += f" (shared words: {', '.join(hit.shared_words)})"
        found = by_pair.get(pair)
        if found is None:
            by_pair[pair] = Suggestion(pair[0], pair[1], hit.similarity, [reason], [need, offer])
        elif len(found.reasons) < 3 and need not in found.phrases:
            found.score += 0.1 * hit.similarity
            found.reasons.append(reason)
            found.phrases += [need, offer]
    for a, b, common in shared_interests:
        pair = (min(a, b), max(a, b))
        if pair in excluded:
            continue
        reason = f"both care about {', '.join(common[:4])}"
        found = by_pair.get(pair)
        if found is None:
            by_pair[pair] = Suggestion(
                pair[0], pair[1], interest_score(len(common)), [reason], common[:4], "interests"
            )
        else:
            found.score += 0.03 * len(common)
            found.reasons.append(reason)
            found.phrases += common[:4]
    for s in by_pair.values():
        s.score = round(min(s.score, 1.0), 3)
    return sorted(by_pair.values(), key=lambda s: (-s.score, s.a, s.b))


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
