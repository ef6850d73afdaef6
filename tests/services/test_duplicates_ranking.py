"""The duplicate finder's ranking against a plain reference: every pair scored one by one;
and what it skips once the best pairs are the same name at the same employer."""

from __future__ import annotations

from collections import defaultdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from netweave.services import duplicates as finder
from netweave.services.duplicates import _judge, name_words, ranked, search

# few letters and words, so that names collide, share prefixes, first and last words
_WORD = st.sampled_from(["ann", "anna", "annabel", "bo", "bob", "boris", "li", "lin", "dr", "b",
                         "daniel", "daniela", "robert", "roberta"])  # fmt: skip
_NAME = st.lists(_WORD, min_size=1, max_size=3).map(lambda words: " ".join(words).title())
_ORG = st.sampled_from(["", "Acme", "Globex"])


def _reference(
    people: list[tuple[int, str]],
    orgs: dict[int, set[str]],
    apart: set[tuple[int, int]],
    limit: int,
    profiles: dict[int, set[str]] | None = None,
) -> list[dict[str, object]]:
    """Every pair that shares a block, scored and judged one by one, sorted (none of two
    people with LinkedIn profiles, none the same)."""
    profiles = profiles or {}
    entries = [(pid, name, name_words(name)) for pid, name in people]
    first_words: dict[str, int] = {}
    for _, _, words in entries:
        if len(words) > 1:
            first_words[words[0]] = first_words.get(words[0], 0) + 1
            if len(words[-1]) > 1:  # and with each last name's initial
                key = f"{words[0]} {words[-1][0]}"
                first_words[key] = first_words.get(key, 0) + 1
    pairs = []
    for i, a in enumerate(entries):
        for b in entries[i + 1 :]:
            blocks_a = {a[2][0][:4], a[2][-1][:4]}
            if not blocks_a & {b[2][0][:4], b[2][-1][:4]}:
                continue
            key = (min(a[0], b[0]), max(a[0], b[0]))
            if key in apart:
                continue
            mine, theirs = profiles.get(a[0]), profiles.get(b[0])
            if mine and theirs and not mine & theirs:
                continue
            score = fuzz.token_sort_ratio(" ".join(a[2]), " ".join(b[2]))
            judged = _judge(a, b, score, orgs, first_words)
            if judged is not None:
                # of a score: one employer shared first, two employers none shared last
                both = orgs.get(a[0]) and orgs.get(b[0])
                employers = (2 if orgs[a[0]] & orgs[b[0]] else 0) if both else 1
                pairs.append((round(judged[0]), employers, key, judged[1]))
    pairs.sort(key=lambda p: (-p[0], -p[1], p[2]))
    names = dict(people)
    return [
        {"a": {"id": k[0], "name": names[k[0]]}, "b": {"id": k[1], "name": names[k[1]]},
         "score": score, "reason": reason}
        for score, _, k, reason in pairs[:limit]
    ]  # fmt: skip


def _drawn(
    rows: list[tuple[str, str]], data: st.DataObject
) -> tuple[list[tuple[int, str]], dict[int, set[str]], set[tuple[int, int]]]:
    """The people of ``rows`` (numbered from 1), their employers, and pairs kept apart."""
    people = [(n + 1, name) for n, (name, _) in enumerate(rows)]
    orgs = {n + 1: ({org} if org else set()) for n, (_, org) in enumerate(rows)}
    ids = [pid for pid, _ in people]
    apart = {
        (min(a, b), max(a, b))
        for a, b in data.draw(st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids))))
        if a != b
    }
    return people, orgs, apart


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(_NAME, _ORG), min_size=2, max_size=14),
    st.integers(1, 12),
    st.integers(1, 5),
    st.data(),
)
def test_the_ranking_is_that_of_every_pair_scored_one_by_one(
    rows: list[tuple[str, str]], limit: int, chunk: int, data: st.DataObject
) -> None:
    people, orgs, apart = _drawn(rows, data)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(finder, "CHUNK", chunk)  # rows scored at once: chunk edges too
        assert ranked(people, orgs, apart, limit) == _reference(people, orgs, apart, limit)


def test_no_pairs_are_asked_for() -> None:
    assert ranked([(1, "Linus"), (2, "Linus Torvalds")], {}, set(), 0) == []


# a few names, many people of each: pairs of one name at one employer outnumber those asked for
_SAME = st.sampled_from(["Ann Bo", "Bo Ann", "Ann Li Bo", "Ann", "Ann B.", "Anna Bo", "Li Bo"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_SAME, _ORG), min_size=2, max_size=16), st.integers(1, 8), st.data())
def test_the_same_name_at_one_employer_ranks_as_every_pair_scored(
    rows: list[tuple[str, str]], limit: int, data: st.DataObject
) -> None:
    """Pairs of one name at one employer found by name and employer, not scored, and the
    search stopped once they fill the list: the same pairs, in the same order."""
    people, orgs, apart = _drawn(rows, data)
    assert ranked(people, orgs, apart, limit) == _reference(people, orgs, apart, limit)


def test_the_same_name_at_one_employer_with_two_profiles_makes_room_for_the_next() -> None:
    people = [(1, "Ann Bo"), (2, "Ann Bo"), (3, "Bo Ann"), (4, "Ann Bo")]
    orgs = {pid: {"Acme"} for pid, _ in people}
    profiles = {1: {"in/ann-1"}, 2: {"in/ann-2"}, 3: {"in/ann-1"}}  # 1 and 3: one profile
    with pytest.MonkeyPatch.context() as patch:
        _forbid_scoring(patch)
        found = search(people, orgs, {(1, 3)}, 2, profiles).pairs
    assert [(p["a"]["id"], p["b"]["id"]) for p in found] == [(1, 4), (2, 4)]
    assert found == _reference(people, orgs, {(1, 3)}, 2, profiles)


def _forbid_scoring(patch: pytest.MonkeyPatch) -> None:
    from rapidfuzz import process

    def no_scores(*_: object, **__: object) -> None:
        raise AssertionError("names were scored")

    patch.setattr(process, "cdist", no_scores)
    patch.setattr(finder, "_score", no_scores)
    patch.setattr(finder, "_special", no_scores)


def test_once_the_same_name_at_one_employer_fills_the_list_no_names_are_scored() -> None:
    names = ["Ada Lovelace", "Ada Lovelace", "Grace Hopper", "Hopper Grace", "Ada Lovelace",
             "Ada Lovlace", "Linus", "Linus Torvalds"]  # fmt: skip
    people = list(enumerate(names, 1))
    orgs = {pid: {"Acme"} if pid <= 5 else set() for pid, _ in people}
    with pytest.MonkeyPatch.context() as patch:
        _forbid_scoring(patch)
        found = search(people, orgs, {(1, 2)}, 3)
    pairs = [(p["a"]["id"], p["b"]["id"], p["score"], p["reason"]) for p in found.pairs]
    assert pairs == [
        (1, 5, 100, "names 100% alike; both at Acme"),
        (2, 5, 100, "names 100% alike; both at Acme"),
        (3, 4, 100, "names 100% alike; both at Acme"),
    ]
    assert found.compared == 0
    assert found.pairs == _reference(people, orgs, {(1, 2)}, 3)


def test_names_a_letter_apart_and_100_letters_long_are_still_compared() -> None:
    """Two names of 100 and 101 letters, one letter apart, score 99.5: as high as the same
    name. Listed first by their ids, they are found although the same name at one employer
    fills the list."""
    long = "Annabel " + "Q" * 92  # 100 letters, as compared
    people = [(1, long), (2, long + "q"), (3, "Ada Lovelace"), (4, "Ada Lovelace")]
    orgs = {pid: {"Acme"} for pid in range(1, 5)}
    found = search(people, orgs, set(), 1)
    assert [(p["a"]["id"], p["b"]["id"], p["score"]) for p in found.pairs] == [(1, 2, 100)]
    assert found.pairs == _reference(people, orgs, set(), 1)


def test_the_same_name_without_an_employer_leaves_names_to_compare() -> None:
    """A list full of one name without an employer is not done: another such pair, of lower
    ids, may come from a block compared later (people come in any order)."""
    people = [(3, "Ann Lee"), (4, "Ann Lee"), (1, "Zed Zu"), (2, "Zed Zu")]
    orgs: dict[int, set[str]] = {pid: set() for pid, _ in people}
    found = search(people, orgs, set(), 1)
    assert [(p["a"]["id"], p["b"]["id"], p["score"]) for p in found.pairs] == [(1, 2, 100)]


def test_a_short_form_of_the_given_name_with_the_same_family_name_is_proposed() -> None:
    """Mail says "Kate O'Brien", LinkedIn "Katherine O'Brien": one person, most likely,
    though their names are only 83% alike and mail gives no employer."""
    people = [(1, "Katherine O'Brien"), (2, "Kate O'Brien"), (3, "Kate Smith"),
              (4, "Alexander Berg"), (5, "Alexandra Berg"), (6, "Bob Stone"),
              (7, "Robert Stone")]  # fmt: skip
    orgs: dict[int, set[str]] = defaultdict(set, {1: {"Globex"}})
    found = ranked(people, orgs, set(), 10)
    pairs = {(p["a"]["id"], p["b"]["id"]): (p["score"], p["reason"]) for p in found}
    assert pairs[(1, 2)] == (83, "Katherine and Kate: one given name; the same family name")
    assert pairs[(6, 7)][1] == "Bob and Robert: one given name; the same family name"
    assert pairs[(4, 5)] == (  # alike, but two given names: after the short forms
        finder.GENDERED_SCORE,
        "Alexander and Alexandra: spelled alike, but may be a man's and a woman's name",
    )
    assert not {(1, 3), (2, 3)} & set(pairs)  # another family name
    assert ranked(people, orgs, {(1, 2)}, 10) == [f for f in found if f["a"]["id"] != 1]


def test_a_short_form_ranks_above_a_mans_and_a_womans_name_spelled_alike() -> None:
    """Alex and Alexander, Bob and Robert are one given name; Alexandra and Alexander,
    Daniela and Daniel, Roberta and Robert are two (a sister and a brother, most likely),
    though their names are one letter apart."""
    people = [(1, "Alexandra Smith"), (2, "Alexander Smith"), (3, "Daniela Costa"),
              (4, "Daniel Costa"), (5, "Roberta Rossi"), (6, "Robert Rossi"),
              (7, "Alex Jones"), (8, "Alexander Jones"), (9, "Bob Miller"),
              (10, "Robert Miller"), (11, "Daniéla Ruiz"), (12, "Daniel Ruiz")]  # fmt: skip
    orgs: dict[int, set[str]] = defaultdict(set, {3: {"Acme"}, 4: {"Acme"}})
    found = ranked(people, orgs, set(), 10)
    order = [(p["a"]["id"], p["b"]["id"]) for p in found]
    assert order[:2] == [(7, 8), (9, 10)]  # the short forms first
    assert set(order[2:]) == {(1, 2), (3, 4), (5, 6), (11, 12)}
    reasons = {(p["a"]["id"], p["b"]["id"]): p["reason"] for p in found}
    assert reasons[(3, 4)] == (
        "Daniel and Daniela: spelled alike, but may be a man's and a woman's name; both at Acme"
    )
    assert reasons[(11, 12)].startswith("Daniel and Daniéla:")  # as the name is written
    assert found == _reference(people, orgs, set(), 10)


def test_of_many_names_alike_a_chunk_keeps_those_that_rank_best_once_judged() -> None:
    """Asked for one pair, a chunk of names scored together keeps its best: Daniela and
    Daniel Costabile score higher by letters than Daniel Costa and Daniel Costas, but rank
    below them."""
    people = [(1, "Daniela Costabile"), (2, "Daniel Costabile"), (3, "Daniel Costa"),
              (4, "Daniel Costas")]  # fmt: skip
    found = ranked(people, defaultdict(set), set(), 1)
    assert [(p["a"]["id"], p["b"]["id"], p["score"]) for p in found] == [(3, 4, 96)]
    assert found == _reference(people, defaultdict(set), set(), 1)
