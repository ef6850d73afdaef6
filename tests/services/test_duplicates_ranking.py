"""The duplicate finder's ranking against a plain reference: every pair scored one by one."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from netweave.services import duplicates as finder
from netweave.services.duplicates import _judge, name_words, ranked

# few letters and words, so that names collide, share prefixes, first and last words
_WORD = st.sampled_from(["ann", "anna", "annabel", "bo", "bob", "boris", "li", "lin", "dr", "b"])
_NAME = st.lists(_WORD, min_size=1, max_size=3).map(lambda words: " ".join(words).title())
_ORG = st.sampled_from(["", "Acme", "Globex"])


def _reference(
    people: list[tuple[int, str]],
    orgs: dict[int, set[str]],
    apart: set[tuple[int, int]],
    limit: int,
) -> list[dict[str, object]]:
    """Every pair that shares a block, scored and judged one by one, sorted."""
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
    people = [(n + 1, name) for n, (name, _) in enumerate(rows)]
    orgs = {n + 1: ({org} if org else set()) for n, (_, org) in enumerate(rows)}
    ids = [pid for pid, _ in people]
    apart = {
        (min(a, b), max(a, b))
        for a, b in data.draw(st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids))))
        if a != b
    }
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(finder, "CHUNK", chunk)  # rows scored at once: chunk edges too
        assert ranked(people, orgs, apart, limit) == _reference(people, orgs, apart, limit)


def test_no_pairs_are_asked_for() -> None:
    assert ranked([(1, "Linus"), (2, "Linus Torvalds")], {}, set(), 0) == []
