"""The sort key of names: a letter beside its base letter, case ignored, the same as Python's."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from netweave.logic.sorting import SORT_KEY_LENGTH, name_sort_key

#: Names typed in any order, and the order lists give them in.
NAMES = ["Zed Adams", "Émile Zola", "émile Blanc", "Eve Ng", "İlkay Gündoğan", "Ivan Petrov",
         "Ödön Horváth", "Otto Kern"]  # fmt: skip
IN_ORDER = ["émile Blanc", "Émile Zola", "Eve Ng", "İlkay Gündoğan", "Ivan Petrov",
            "Ödön Horváth", "Otto Kern", "Zed Adams"]  # fmt: skip


def test_accented_letters_sort_beside_their_base_letter() -> None:
    assert sorted(NAMES, key=name_sort_key) == IN_ORDER
    assert name_sort_key("Émile  Zola ") == "emile zola"
    assert name_sort_key("İlkay") == name_sort_key("ilkay") == "ilkay"
    assert name_sort_key("Łukasz Søren") == "lukasz soren"
    assert name_sort_key("Straße") == "strasse"


@given(st.text())
def test_a_key_fits_its_column_however_much_folding_lengthens_a_name(name: str) -> None:
    key = name_sort_key(name * 20)
    assert len(key) <= SORT_KEY_LENGTH
    assert len(key.encode()) <= 4 * SORT_KEY_LENGTH  # well under an index entry's limit


def test_a_name_that_folding_lengthens_is_cut_to_the_column() -> None:
    assert name_sort_key("\ufdfa" * 300) == name_sort_key("\ufdfa" * 300)[:SORT_KEY_LENGTH]
    assert len(name_sort_key("\ufdfa" * 300)) == SORT_KEY_LENGTH
