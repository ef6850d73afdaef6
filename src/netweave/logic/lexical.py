"""Lexical matching, the fallback without an embedding model: TF-IDF cosine over words.

Needs and offers repeat (many people ask for the same help), so texts are compared once
per distinct pair of texts through an inverted index, and each need row then takes its
best offer rows from that.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from netweave.logic.matching import LEXICAL_FLOOR, TOP_K, Hit
from netweave.logic.normalize import fold

_WORD = re.compile(r"[a-z0-9]+(?:[+#][a-z0-9+#]*)?")
# fmt: off
STOPWORDS = frozenset((
    "a", "about", "above", "after", "again", "all", "also", "am", "an", "and", "any", "are",
    "as", "at", "be", "been", "before", "being", "below", "between", "both", "but", "by",
    "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few", "for",
    "from", "further", "get", "had", "has", "have", "having", "he", "her", "here", "hers",
    "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "just", "know", "knows",
    "looking", "me", "more", "most", "my", "no", "nor", "not", "now", "of", "off", "on",
    "once", "only", "or", "other", "our", "out", "over", "own", "people", "person", "same",
    "she", "should", "so", "some", "someone", "such", "than", "that", "the", "their", "them",
    "then", "there", "these", "they", "this", "those", "through", "to", "too", "under",
    "until", "up", "very", "want", "wants", "was", "we", "well", "were", "what", "when",
    "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your",
    "happy", "help", "helps", "open",
))
# fmt: on


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
    """For each need row, its ``k`` best offer rows (not the seeker's own) at or above ``floor``."""
    need_texts, offer_texts = list(dict.fromkeys(needs)), list(dict.fromkeys(offers))
    docs = [tokens(t) for t in need_texts] + [tokens(t) for t in offer_texts]
    idf = _idf(needs, offers, need_texts + offer_texts, docs)
    need_vecs = [_unit(doc, idf) for doc in docs[: len(need_texts)]]
    offer_vecs = [_unit(doc, idf) for doc in docs[len(need_texts) :]]
    ranked = _ranked_offers(need_texts, need_vecs, offer_vecs, floor)
    rows_of: dict[str, list[int]] = defaultdict(list)
    for j, text in enumerate(offers):
        rows_of[text].append(j)
    index = {text: u for u, text in enumerate(need_texts)}
    shared_words: dict[tuple[str, int], tuple[str, ...]] = {}
    hits: list[Hit] = []
    for i, text in enumerate(needs):
        taken = 0
        for s, u in ranked[text]:
            for j in rows_of[offer_texts[u]]:
                if offer_owner[j] == need_owner[i]:
                    continue
                key = (text, u)
                if key not in shared_words:
                    offer_doc = docs[len(need_texts) + u]
                    shared_words[key] = tuple(sorted(set(docs[index[text]]) & set(offer_doc)))
                hits.append(Hit(i, j, min(s, 1.0), shared_words[key]))
                taken += 1
                if taken == k:
                    break
            if taken == k:
                break
    return hits


def _idf(
    needs: Sequence[str], offers: Sequence[str], texts: list[str], docs: list[list[str]]
) -> dict[str, float]:
    """Each term's inverse document frequency over rows, as if every row were its own
    document (``texts``: the distinct texts, ``docs`` their terms)."""
    weight = Counter(needs) + Counter(offers)
    df: Counter[str] = Counter()
    for text, doc in zip(texts, docs, strict=True):
        for term in set(doc):
            df[term] += weight[text]
    total = max(len(needs) + len(offers), 1)
    return {term: math.log(1 + total / n) for term, n in df.items()}


def _ranked_offers(
    need_texts: list[str],
    need_vecs: list[dict[str, float]],
    offer_vecs: list[dict[str, float]],
    floor: float,
) -> dict[str, list[tuple[float, int]]]:
    """For each distinct need text, the distinct offer texts at or above ``floor`` as
    (score, offer text number), best first, scored through an inverted index."""
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for j, vec in enumerate(offer_vecs):
        for term, w in vec.items():
            postings[term].append((j, w))
    ranked: dict[str, list[tuple[float, int]]] = {}
    for u, vec in enumerate(need_vecs):
        scores: dict[int, float] = defaultdict(float)
        for term, w in vec.items():
            for j, other in postings.get(term, ()):
                scores[j] += w * other
        ranked[need_texts[u]] = sorted(
            ((s, j) for j, s in scores.items() if s >= floor), key=lambda sj: (-sj[0], sj[1])
        )
    return ranked


def _unit(doc: list[str], idf: dict[str, float]) -> dict[str, float]:
    counts = Counter(doc)
    vec = {t: (1 + math.log(c)) * idf[t] for t, c in counts.items()}
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {t: v / norm for t, v in vec.items()}
