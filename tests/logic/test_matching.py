"""Matching needs, offers and interests: lexical and vector paths, ranking, explanations."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from itertools import combinations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from netweave.logic import intro_messages as msg
from netweave.logic import lexical, matching
from netweave.logic.matching import Hit, Profile, Suggestion
from netweave.logic.normalize import fold


def test_tokens_drop_stop_words_and_fold_plurals():
    assert lexical.tokens("Looking for Introductions to the Investors") == [
        "introduction",
        "investor",
    ]
    assert lexical.tokens("C++ and data-science mentoring") == ["c++", "data", "science", "mentor"]


def test_lexical_hits_rank_shared_rare_words_and_skip_own_offers():
    needs = ["Advice on energy policy jobs", "A good accountant"]
    offers = ["Introductions to energy policy staff", "Energy policy advice", "Hiking trips"]
    hits = lexical.lexical_hits(needs, offers, [1, 2], [3, 1, 4])
    first = [h for h in hits if h.need == 0]
    assert [h.offer for h in first] == [0]  # offer 1 says the same but is the seeker's own
    assert first[0].shared_words == ("energy", "policy")
    assert not [h for h in hits if h.need == 1]  # nothing shares a word with "accountant"


def _naive(needs, offers, need_owner, offer_owner, vectors, k, floor):
    """The pairwise loop vector_hits replaces: every need row against every offer row, the
    equally similar in the order recorded."""
    out = []
    for i, n in enumerate(needs):
        scored = []
        for j, o in enumerate(offers):
            if need_owner[i] == offer_owner[j]:
                continue
            u, v = vectors[n].astype(np.float64), vectors[o].astype(np.float64)
            scored.append((float(u @ v / (np.linalg.norm(u) * np.linalg.norm(v))), j))
        scored.sort(key=lambda s: -s[0])  # stable: equals keep the order recorded
        out += [(i, j) for sim, j in scored[:k] if sim >= floor]
    return out


@given(
    st.lists(st.integers(0, 5), min_size=1, max_size=12),
    st.lists(st.integers(0, 5), min_size=1, max_size=12),
    st.integers(0, 2**31 - 1),
    st.integers(1, 4),
)
def test_vector_hits_equal_the_naive_pairwise_loop(need_ids, offer_ids, seed, k):
    """Texts repeat (people write the same need): each distinct text is compared once, and
    the rows of equally similar offers are taken in the order they were recorded."""
    rng = np.random.default_rng(seed)
    vectors = {f"text {t}": rng.normal(size=5).astype(np.float32) for t in range(6)}
    needs, offers = [f"text {t}" for t in need_ids], [f"text {t}" for t in offer_ids]
    need_owner = rng.integers(0, 4, len(needs)).tolist()
    offer_owner = rng.integers(0, 4, len(offers)).tolist()
    hits = matching.vector_hits(needs, offers, need_owner, offer_owner, vectors, k=k, floor=0.3)
    expected = _naive(needs, offers, need_owner, offer_owner, vectors, k, 0.3)
    assert sorted((h.need, h.offer) for h in hits) == sorted(expected)
    assert all(0.3 <= h.similarity <= 1.0 for h in hits)
    assert all(need_owner[h.need] != offer_owner[h.offer] for h in hits)


def test_vector_hits_are_the_same_across_chunk_edges(monkeypatch: pytest.MonkeyPatch):
    rng = np.random.default_rng(7)
    vectors = {f"text {t}": rng.normal(size=8).astype(np.float32) for t in range(30)}
    needs = [f"text {t}" for t in rng.integers(0, 30, 40)]
    offers = [f"text {t}" for t in rng.integers(0, 30, 50)]
    need_owner, offer_owner = rng.integers(0, 9, 40).tolist(), rng.integers(0, 9, 50).tolist()
    expected = _naive(needs, offers, need_owner, offer_owner, vectors, 3, 0.1)
    for chunk in (1, 29, 31, 1 << 22):  # one need text per product, a few, all at once
        monkeypatch.setattr(matching, "CHUNK", chunk)
        hits = matching.vector_hits(needs, offers, need_owner, offer_owner, vectors, k=3, floor=0.1)
        assert sorted((h.need, h.offer) for h in hits) == sorted(expected)


def test_vector_hits_take_the_rows_of_one_text_in_the_order_recorded():
    vectors = {"energy jobs": np.array([1.0, 0.1]), "energy staff": np.array([1.0, 0.2])}
    vectors["hiking"] = np.array([0.0, 1.0])
    offers = ["energy staff"] * 40 + ["hiking"] + ["energy staff"] * 2
    owners = [*range(10, 50), 7, 1, 2]
    hits = matching.vector_hits(["energy jobs"] * 2, offers, [10, 11], owners, vectors, k=3)
    assert [(h.need, h.offer) for h in hits] == [(0, 1), (0, 2), (0, 3), (1, 0), (1, 2), (1, 3)]
    assert len({h.similarity for h in hits}) == 1  # one text, one similarity, to the bit


def test_many_people_offering_the_same_text_are_taken_in_the_order_recorded():
    """Which of a thousand equal offers comes first does not depend on how numpy selects."""
    vectors = {"energy jobs": np.array([1.0, 0.1]), "energy staff": np.array([1.0, 0.2])}
    offers = ["energy staff"] * 1000
    hits = matching.vector_hits(["energy jobs"], offers, [0], list(range(1, 1001)), vectors)
    assert [h.offer for h in hits] == [0, 1, 2, 3, 4]


def test_lexical_hits_take_the_best_rows_of_repeated_texts():
    needs = ["energy policy jobs"] * 2
    offers = ["energy policy staff"] * 3 + ["policy"]
    hits = lexical.lexical_hits(needs, offers, [1, 2], [1, 2, 3, 4], k=2)
    assert [(h.need, h.offer) for h in hits] == [(0, 1), (0, 2), (1, 0), (1, 2)]
    assert 0.3 < hits[0].similarity < 1


def test_interest_pairs_need_two_shared_and_rank_rare_first():
    profiles = [
        Profile(1, interests=("Board games", "climate tech", "choir")),
        Profile(2, interests=("board games", "Climate Tech")),
        Profile(3, interests=("climate tech",)),
        Profile(4, interests=("choir", "climate tech", "board games")),
    ]
    pairs = {(a, b): shared for a, b, shared in matching.interest_pairs(profiles)}
    assert set(pairs) == {(1, 2), (1, 4), (2, 4)}
    assert pairs[(1, 4)][0] == "choir"  # the rarest shared interest is named first


def _pairs_one_by_one(profiles, k, crowd):
    """interest_pairs the slow way: every pair of a bucket scored on its own."""
    people = [p for p in profiles if len(p.interests) >= 2]
    keys: dict[str, int] = {}
    shown, held = [], []
    for p in people:
        for label in p.interests:
            if fold(label) not in keys:
                keys[fold(label)] = len(keys)
                shown.append(label)
        held.append(frozenset(keys[fold(label)] for label in p.interests))
    df = Counter(x for labels in held for x in labels)
    idf = {x: math.log(1 + len(people) / n) for x, n in df.items()}
    buckets = defaultdict(list)
    for i, labels in enumerate(held):
        for combo in combinations(sorted(labels), 2):
            buckets[combo].append(i)
    scored = {}
    for members in buckets.values():
        for pair in combinations(members, 2) if len(members) <= crowd else ():
            scored.setdefault(pair, sum(idf[x] for x in held[pair[0]] & held[pair[1]]))
    best = defaultdict(list)
    for (i, j), score in scored.items():
        best[i].append((-score, j))
        best[j].append((-score, i))
    chosen = {tuple(sorted((i, j))) for i, ps in best.items() for _, j in sorted(ps)[:k]}
    return [
        (
            people[i].person_id,
            people[j].person_id,
            [shown[x] for x in sorted(held[i] & held[j], key=lambda x: (-idf[x], list(keys)[x]))],
        )
        for i, j in sorted(chosen)
    ]


@given(
    st.lists(st.lists(st.integers(0, 7), max_size=5), max_size=30),
    st.integers(1, 3),
    st.integers(2, 8),
)
def test_interest_pairs_equal_scoring_each_pair_on_its_own(interests, k, crowd):
    profiles = [
        Profile(n + 1, interests=tuple(dict.fromkeys(f"Topic {x}" for x in mine)))
        for n, mine in enumerate(interests)
    ]
    found = matching.interest_pairs(profiles, k=k, crowd=crowd)
    assert found == _pairs_one_by_one(profiles, k, crowd)


def test_combine_explains_skips_known_pairs_and_ranks_needs_above_interests():
    table = matching.rows(
        [
            Profile(1, needs=("A designer for an app",)),
            Profile(2, offers=("Freelance UI designer",), interests=("chess", "jazz")),
            Profile(3, offers=("UI design reviews",), interests=("chess", "jazz")),
        ]
    )
    hits = [Hit(0, 0, 0.7), Hit(0, 1, 0.6)]
    ranked = matching.combine(table, hits, [(2, 3, ["jazz", "chess"])], {(1, 3)})
    matching.explain(ranked, table, {1: "Ana", 2: "Bo", 3: "Cy"})
    assert [(s.a, s.b) for s in ranked] == [(1, 2), (2, 3)]
    top = ranked[0]
    assert top.reasons == ["Ana needs “A designer for an app”; Bo offers “Freelance UI designer”"]
    assert top.phrases == ["A designer for an app", "Freelance UI designer"]
    assert ranked[1].kind == "interests"
    assert ranked[1].reasons == ["both care about jazz, chess"]
    assert ranked[1].score < top.score


def test_diversify_caps_each_person():
    ranked = [Suggestion(1, b, 0.9 - b / 100) for b in range(2, 7)] + [Suggestion(5, 6, 0.5)]
    kept = matching.diversify(ranked, per_person=2)
    assert [(s.a, s.b) for s in kept] == [(1, 2), (1, 3), (5, 6)]


def test_opt_in_messages_promise_discretion_and_the_intro_names_both():
    a = msg.Side("Ana Ruiz", "Ana", "Founder", "Sol Labs")
    b = msg.Side("Bo Chen", "Bo")
    ask = msg.draft("proposed", False, a, b, "both work on solar")
    assert ask is not None
    assert ask["to"] == "Ana Ruiz"
    assert "Bo Chen" in ask["text"]
    assert "won't mention it to Bo" in ask["text"]
    second = msg.draft("asked_a", True, a, b, "both work on solar")
    assert second is not None
    assert second["to"] == "Bo Chen"
    assert "Ana Ruiz (Founder at Sol Labs)" in second["text"]
    intro = msg.draft("agreed", False, a, b, "both work on solar")
    assert intro is not None
    assert intro["text"].startswith("Ana, meet Bo Chen. Bo, meet Ana Ruiz (Founder at Sol Labs).")
    assert msg.draft("asked_a", False, a, b, "x") is None
    assert msg.draft("declined", False, a, b, "x") is None
    assert msg.outcome_text(True, False, " two calls ") == ("they met; it did not help — two calls")


def test_a_match_both_ways_ranks_above_the_same_match_one_way():
    table = matching.rows(
        [
            Profile(1, needs=("Firmware code reviews",), offers=("Mentoring new managers",)),
            Profile(2, needs=("Mentoring new managers",), offers=("Firmware code reviews",)),
            Profile(3, needs=("Firmware code reviews",)),
            Profile(4, offers=("Firmware code reviews",)),
        ]
    )
    # need rows: 0 (#1), 1 (#2), 2 (#3); offer rows: 0 (#1), 1 (#2), 2 (#4)
    hits = [Hit(0, 1, 1.0), Hit(1, 0, 1.0), Hit(2, 2, 1.0)]
    ranked = matching.combine(table, hits, [], set())
    assert [(s.a, s.b) for s in ranked] == [(1, 2), (3, 4)]
    assert ranked[0].score == 1.1
    assert ranked[1].score == 1.0
