"""Resolving typed names: exact, then whole words, then word prefixes, then fuzzy."""

from __future__ import annotations

from netweave.logic.names import match_names

NAMES = ["Ada Lovelace", "Adam Smith", "Grace Hopper", "Sam Lee", "Sam Leeds", "José Müller"]


def test_exact_wins_over_prefixes() -> None:
    assert match_names("sam lee", NAMES) == [3]


def test_word_prefixes() -> None:
    assert match_names("grace", NAMES) == [2]
    assert match_names("ada love", NAMES) == [0]
    assert match_names("hopper", NAMES) == [2]
    assert match_names("ada", NAMES) == [0]  # a whole word: Ada, not Adam
    assert sorted(match_names("ad", NAMES)) == [0, 1]
    assert sorted(match_names("sam", NAMES)) == [3, 4]


def test_accents_and_case_do_not_matter() -> None:
    assert match_names("jose muller", NAMES) == [5]
    assert match_names("GRACE HOPPER", NAMES) == [2]


def test_typos_match_fuzzily() -> None:
    assert match_names("grace hoper", NAMES) == [2]
    assert match_names("ada lovelase", NAMES) == [0]


def test_nothing_matches() -> None:
    assert match_names("zebra", NAMES) == []
    assert match_names("   ", NAMES) == []


def test_a_whole_word_beats_the_start_of_a_word() -> None:
    names = ["Ada Lovelace", "Eve Adams", "Ada Byron"]
    assert match_names("ada", names[:2]) == [0]
    assert match_names("ada", names) == [0, 2]  # still two Adas
    assert match_names("adam", names) == [1]
