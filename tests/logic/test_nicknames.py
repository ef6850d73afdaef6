"""Given names and their short forms: one name written two ways, never two full names."""

from __future__ import annotations

import pytest

from netweave.logic.nicknames import nickname_pairs, one_given_name


@pytest.mark.parametrize(
    ("a", "b"),
    [("kate", "katherine"), ("katherine", "catherine"), ("kate", "kathy"), ("mike", "michael"),
     ("bob", "robert"), ("rob", "robert"), ("bob", "rob"), ("bill", "william"),
     ("will", "william"), ("liz", "elizabeth"), ("beth", "elizabeth"), ("alex", "alexander"),
     ("alex", "alexandra"), ("jon", "john"), ("jon", "jonathan")],
)  # fmt: skip
def test_short_forms_are_one_given_name(a: str, b: str) -> None:
    assert one_given_name(a, b)
    assert one_given_name(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [("alexander", "alexandra"), ("john", "jonathan"), ("christopher", "christine"),
     ("kate", "kate"), ("kate", "michael"), ("ada", "adam"), ("edward", "theodore")],
)  # fmt: skip
def test_two_full_names_or_unknown_ones_are_not(a: str, b: str) -> None:
    assert not one_given_name(a, b)


def test_pairs_need_the_same_last_word_and_stay_within_bounds() -> None:
    names = [
        (1, ["kate", "o", "brien"]),
        (2, ["katherine", "o", "brien"]),
        (3, ["kate", "smith"]),
        (4, ["katherine", "jones"]),
        (5, ["cathy", "o", "brien"]),
        (6, ["kate"]),
    ]
    assert sorted(nickname_pairs(names, most=50)) == [(1, 2), (1, 5), (2, 5)]
    many = [(n, ["mike" if n % 2 else "michael", "smith"]) for n in range(60)]
    assert list(nickname_pairs(many, most=50)) == []
