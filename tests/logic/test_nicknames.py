"""Given names and their short forms: one name written two ways, never two full names."""

from __future__ import annotations

import pytest

from netweave.logic.nicknames import (
    gendered_forms,
    gendered_pairs,
    nickname_pairs,
    one_given_name,
)


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


@pytest.mark.parametrize(
    ("man", "woman"),
    [("alexander", "alexandra"), ("daniel", "daniela"), ("robert", "roberta"),
     ("mario", "maria"), ("julius", "julia"), ("victor", "victoria"), ("oliver", "olivia"),
     ("michel", "michelle"), ("yvon", "yvonne"), ("joseph", "josephine"), ("paul", "paula"),
     ("francesco", "francesca"), ("stephan", "stephanie"), ("henri", "henriette")],
)  # fmt: skip
def test_a_mans_and_a_womans_form_of_one_name(man: str, woman: str) -> None:
    assert gendered_forms(man, woman) == (man, woman)
    assert gendered_forms(woman, man) == (man, woman)


@pytest.mark.parametrize(
    ("a", "b"),
    [("christine", "christina"), ("susan", "susanne"), ("marie", "maria"), ("georg", "george"),
     ("philipp", "philippe"), ("robert", "roberto"), ("daniela", "danielle"), ("ann", "anna"),
     ("jan", "jana"), ("alex", "alexander"), ("kate", "katherine"), ("daniel", "daniel"),
     ("ada", "adam")],
)  # fmt: skip
def test_one_name_written_two_ways_or_names_too_short_to_tell_are_not(a: str, b: str) -> None:
    assert gendered_forms(a, b) is None


def test_the_pairs_found_by_their_endings_are_those_of_every_two_names() -> None:
    names = ["alexander", "alexandra", "alex", "daniel", "daniela", "danielle", "robert",
             "roberta", "roberto", "christine", "christina", "ann", "anna", "maria",
             "mario"]  # fmt: skip
    every = {(a, b) for a in names for b in names if gendered_forms(a, b) is not None}
    assert gendered_pairs(names) == every
    assert ("alexander", "alexandra") in every
