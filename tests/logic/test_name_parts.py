"""Given and family names guessed from a name as it is written."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netweave.logic.name_parts import (
    NAME_PART_MAX,
    PARTICLES,
    SUFFIXES,
    TITLES,
    initials,
    split_name,
)
from netweave.logic.normalize import full_name


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("Ada Lovelace", ("Ada", "Lovelace")),
        ("Zed Q. Tester", ("Zed", "Tester")),
        ("Zed Q Tester", ("Zed", "Tester")),
        ("Ada King Lovelace", ("Ada", "Lovelace")),  # a middle name is neither
        ("J. R. R. Tolkien", ("J. R. R.", "Tolkien")),
        ("F. Scott Fitzgerald", ("Scott", "Fitzgerald")),  # called by the name after the initial
        ("Guido van Rossum", ("Guido", "van Rossum")),
        ("Ludwig van Beethoven", ("Ludwig", "van Beethoven")),
        ("Vincent van Gogh", ("Vincent", "van Gogh")),
        ("Johannes Diderik van der Waals", ("Johannes", "van der Waals")),
        ("Juan de la Cruz", ("Juan", "de la Cruz")),
        ("Leonardo da Vinci", ("Leonardo", "da Vinci")),
        ("Leonardo Di Caprio", ("Leonardo", "Di Caprio")),
        ("Wernher von Braun", ("Wernher", "von Braun")),
        ("Mohamed bin Rashid", ("Mohamed", "bin Rashid")),
        ("Ahmed al-Hassan", ("Ahmed", "al-Hassan")),
        ("Omar Farouk al-Hassan", ("Omar", "al-Hassan")),
        ("Gerard ter Borch", ("Gerard", "ter Borch")),
        ("John le Carré", ("John", "le Carré")),
        ("Jean du Pont", ("Jean", "du Pont")),
        ("João dos Santos", ("João", "dos Santos")),
        ("Benicio del Toro", ("Benicio", "del Toro")),
        ("Van Morrison", ("Van", "Morrison")),  # a first word is never a particle
        ("Anh Le", ("Anh", "Le")),  # nor a last one
        ("Sam Lee, Jr.", ("Sam", "Lee")),
        ("Martin Luther King Jr.", ("Martin", "King")),
        ("Henry Ford III", ("Henry", "Ford")),
        ("Jane Doe, PhD", ("Jane", "Doe")),
        ("Jane Doe, MBA, CPA", ("Jane", "Doe")),
        ("Lee, Sam Jr.", ("Sam", "Lee")),
        ("Ortega, Tomás", ("Tomás", "Ortega")),
        ("Dr. Jane Doe", ("Jane", "Doe")),
        ("Dr. Smith", (None, "Smith")),
        ("Prince", ("Prince", None)),
        ("Dr.", ("Dr.", None)),
        ("  ", (None, None)),
        ("+1 415 555 0100", (None, None)),  # a contact named by their number
        ("山田 太郎", ("太郎", "山田")),  # written family name first
        ("李 伟", ("伟", "李")),
        ("王小明", ("小明", "王")),
        ("李伟", ("伟", "李")),
        ("欧阳修", ("修", "欧阳")),
        ("諸葛孔明", ("孔明", "諸葛")),
        ("山田太郎", ("太郎", "山田")),
        ("김민준", ("민준", "김")),
        ("남궁민수", ("민수", "남궁")),
        ("やまだたろう", ("やまだたろう", None)),  # kana: where it splits is unknown
        ("王", ("王", None)),
    ],
)
def test_a_name_splits_into_what_its_person_is_called_and_the_family_name(
    name: str, parts: tuple[str | None, str | None]
) -> None:
    assert split_name(name) == parts


def test_a_part_no_one_has_is_not_guessed() -> None:
    long = "A" * (NAME_PART_MAX + 1)
    assert split_name(f"{long} Lee") == (None, "Lee")
    assert split_name(f"Ann {long}") == ("Ann", None)


_LATIN = "abcdefghijklmnopqrstuvwxyzéøäñ"


def _is_word_of_its_own(word: str) -> bool:
    """A particle, suffix or title ("Van", "Iii", "Mrs"), which a plain name word is not."""
    return word.casefold() in (PARTICLES | SUFFIXES | TITLES)


word = st.builds(
    lambda head, tail: head.upper() + tail,
    st.sampled_from(_LATIN),
    st.text(alphabet=_LATIN, min_size=2, max_size=9),
).filter(lambda w: not _is_word_of_its_own(w))
initial = st.builds(
    lambda c, dot: c.upper() + dot, st.sampled_from(_LATIN), st.sampled_from(["", "."])
)
particles = st.lists(
    st.sampled_from(["van", "van der", "de", "de la", "da", "di", "von", "bin", "ter", "le",
                     "du", "dos", "del"]),
    max_size=1,
)  # fmt: skip
suffix = st.sampled_from(["", ", Jr.", " Jr.", " III", ", PhD", " PhD", ", MBA, CPA"])


@given(word, st.lists(st.one_of(word, initial), max_size=3), particles, word, suffix)
def test_the_first_name_is_the_given_and_the_family_runs_from_its_particle(
    first: str, middle: list[str], particle: list[str], last: str, end: str
) -> None:
    """Whatever the middle names and initials, particles and suffixes: the given name is the
    first word, the family name the particle and last word."""
    name = " ".join([first, *middle, *particle, last]) + end
    assert split_name(name) == (first, " ".join([*particle, last]))


@given(word, word)
def test_a_name_written_last_first_splits_as_written_first_last(first: str, last: str) -> None:
    assert split_name(f"{last}, {first}") == split_name(f"{first} {last}") == (first, last)


han = st.text(alphabet="王李张刘陈杨黄赵伟芳娜敏静丽强磊军洋", min_size=2, max_size=3)
hangul = st.text(alphabet="김이박최정민준서윤지호", min_size=2, max_size=3)


@given(st.one_of(han, hangul))
def test_a_family_first_name_splits_into_parts_that_write_it_back(name: str) -> None:
    """The parts of a Chinese or Korean name make the name again, as imports write it."""
    given_name, family = split_name(name)
    assert given_name
    assert family
    assert full_name(given_name, family) == name
    assert split_name(f"{family} {given_name}") == (given_name, family)


@pytest.mark.parametrize(
    ("name", "letters"),
    [
        ("Ada Lovelace", "AL"),
        ("Guido van Rossum", "GR"),
        ("Juan de la Cruz", "JC"),
        ("Ahmed al-Hassan", "AH"),
        ("Zed Q. Tester", "ZT"),
        ("Prince", "P"),
        ("Dr. Smith", "S"),
        ("李小龍", "李"),
        ("山田 太郎", "山"),
        ("ann@example.com", "A"),
    ],
)
def test_a_name_s_initials_are_its_given_and_family_names(name: str, letters: str) -> None:
    assert initials(name, *split_name(name)) == letters


def test_the_initials_of_parts_a_source_gave_are_theirs() -> None:
    assert initials("Gabriel García Márquez", "Gabriel", "García Márquez") == "GG"
    assert initials("李伟", "伟", "李") == "李"
