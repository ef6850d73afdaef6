"""LAMP ranking: the keys in the user's order, advocacy from the strongest tie."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netweave.logic.lamp import Advocate, TargetFacts, advocacy, parse_order, rank


def _t(org, m, p, *strengths, alumnus=False):
    people = tuple(
        Advocate(i, f"p{i}", s, "works there now", alumnus) for i, s in enumerate(strengths)
    )
    return TargetFacts(org, m, p, people)


def test_default_order_is_motivation_then_posting_then_advocacy():
    targets = [_t("A", 2, 3, 90), _t("B", 3, 1), _t("C", 2, 3, 40), _t("D", 2, 2, 99)]
    assert [targets[i].org for i in rank(targets)] == ["B", "A", "C", "D"]


def test_order_is_configurable():
    targets = [_t("A", 3, 1), _t("B", 0, 1, 80), _t("C", 1, 3, 10)]
    order = parse_order("advocacy")
    assert order == ("advocacy", "motivation", "posting")
    assert [targets[i].org for i in rank(targets, order)] == ["B", "C", "A"]
    assert [targets[i].org for i in rank(targets, parse_order("posting,advocacy"))] == [
        "C",
        "B",
        "A",
    ]


@pytest.mark.parametrize(("bad", "why"), [("salary", "unknown"), ("posting,posting", "once")])
def test_bad_orders_are_refused(bad, why):
    with pytest.raises(ValueError, match=why):
        parse_order(bad)


def test_advocacy_is_the_strongest_tie_plus_an_alumni_bonus():
    assert advocacy(()) == 0
    assert advocacy(_t("A", 0, 1, 0).advocates) == 1  # someone there, however weak
    assert advocacy(_t("A", 0, 1, 30, 60).advocates) == 60
    assert advocacy(_t("A", 0, 1, 30, alumnus=True).advocates) == 40
    assert advocacy(_t("A", 0, 1, 95, alumnus=True).advocates) == 100


@given(
    st.lists(
        st.tuples(st.integers(0, 3), st.integers(1, 3), st.lists(st.integers(0, 100), max_size=3)),
        max_size=12,
    )
)
def test_rank_is_a_permutation_sorted_by_the_keys(rows):
    targets = [_t(f"org{i}", m, p, *s) for i, (m, p, s) in enumerate(rows)]
    order = rank(targets)
    assert sorted(order) == list(range(len(targets)))
    keys = [
        (targets[i].motivation, targets[i].posting, advocacy(targets[i].advocates)) for i in order
    ]
    assert keys == sorted(keys, reverse=True)


def test_a_short_list_is_said_once_in_one_place() -> None:
    from netweave.logic.lamp import short_list

    assert short_list(1) == (
        "1 target; Dalton suggests a list of at least 40, worked five at a time."
    )
    assert short_list(39) is not None
    assert (short_list(0), short_list(40)) == (None, None)
