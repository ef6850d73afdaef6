"""Which of two LinkedIn exports is the older, by what each holds."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from netweave.logic.export_order import ExportAge, oldest_first

MAY = dt.date(2026, 5, 15)


def _made(day: int, hour: int = 9) -> dt.datetime:
    return dt.datetime(2026, 6, day, hour)


def test_the_latest_connection_comes_first() -> None:
    older = ExportAge(dt.date(2021, 11, 21), 1, _made(10))
    newer = ExportAge(MAY, 1, _made(1))  # an archive written again later tells nothing
    assert older.older_than(newer)
    assert not newer.older_than(older)


def test_of_one_latest_day_the_archive_written_first_is_older() -> None:
    first, then = ExportAge(MAY, 3, _made(1)), ExportAge(MAY, 1, _made(1, 10))
    assert first.older_than(then)
    assert not then.older_than(first)


def test_of_one_latest_day_the_one_with_fewer_connections_that_day_is_older() -> None:
    fewer, more = ExportAge(MAY, 1), ExportAge(MAY, 2, _made(1))
    assert fewer.older_than(more)
    assert not more.older_than(fewer)


def test_of_one_latest_day_the_archive_named_after_an_earlier_day_is_older() -> None:
    """When the archives' times do not tell them apart (the same, or one says none), the day
    each archive is named after does, before the connections of that day."""
    june_1, june_8 = dt.date(2026, 6, 1), dt.date(2026, 6, 8)
    first = ExportAge(MAY, 3, _made(8), named=june_1)
    then = ExportAge(MAY, 1, _made(8), named=june_8)
    assert first.older_than(then)
    assert not then.older_than(first)
    assert ExportAge(MAY, 3, named=june_1).older_than(ExportAge(MAY, 1, _made(8), named=june_8))
    # the archives' own times come first
    assert ExportAge(MAY, 1, _made(1), named=june_8).older_than(ExportAge(MAY, 1, _made(8), june_1))


def test_exports_that_cannot_be_told_apart_are_neither_older() -> None:
    same = ExportAge(MAY, 1, _made(1))
    assert not same.older_than(ExportAge(MAY, 1, _made(1)))
    assert not ExportAge().older_than(ExportAge())


def test_an_export_that_does_not_say_is_the_older_at_that_rule() -> None:
    """What an export does not say counts as the oldest there is: in doubt, it is no news."""
    same = ExportAge(MAY, 1, _made(1))
    assert ExportAge().older_than(same)
    assert not same.older_than(ExportAge())
    assert ExportAge(MAY).older_than(ExportAge(MAY, 2))  # how many that day: not known
    assert ExportAge(MAY, 5).older_than(ExportAge(MAY, 1, _made(1)))  # a folder, then a .zip


def test_the_order_goes_round_in_no_circle() -> None:
    """A (latest 5 Jan, named 1 Mar), C (latest 10 Jan, named 1 Jan) and B (no connection
    read, named 1 Feb): whatever order they are given in, B is the oldest, then A, then C."""
    a = ExportAge(dt.date(2026, 1, 5), 1, named=dt.date(2026, 3, 1))
    b = ExportAge(named=dt.date(2026, 2, 1))
    c = ExportAge(dt.date(2026, 1, 10), 1, named=dt.date(2026, 1, 1))
    given = {"A": a, "B": b, "C": c}
    for names in itertools.permutations(given):
        assert oldest_first((name, given[name]) for name in names) == ["B", "A", "C"]
    assert not (a.older_than(c) and c.older_than(b) and b.older_than(a))


_DAYS = st.one_of(st.none(), st.sampled_from([MAY, dt.date(2026, 5, 16), dt.date(2026, 6, 1)]))
_AGES = st.builds(
    ExportAge,
    latest=_DAYS,
    on_latest=st.one_of(st.none(), st.integers(1, 3)),
    made=st.one_of(st.none(), st.sampled_from([_made(1), _made(1, 10), _made(8)])),
    named=_DAYS,
)


@given(st.lists(_AGES, min_size=3, max_size=3))
@settings(max_examples=300, deadline=None)
def test_older_than_is_an_order(ages: list[ExportAge]) -> None:
    """Never both ways, never in a circle, and those neither older than the other are
    neither older than a third alike: so any exports can be put in one order."""
    a, b, c = ages
    assert not (a.older_than(b) and b.older_than(a))
    if a.older_than(b) and b.older_than(c):
        assert a.older_than(c)
    if not a.older_than(b) and not b.older_than(a):
        assert a.older_than(c) == b.older_than(c)
        assert c.older_than(a) == c.older_than(b)


@given(st.lists(_AGES, min_size=1, max_size=5), st.randoms(use_true_random=False))
@settings(max_examples=200, deadline=None)
def test_the_order_of_exports_is_that_of_their_ages_whatever_order_given(
    ages: list[ExportAge], rnd: Any
) -> None:
    """Read in any order, the exports come out oldest first, and those that can be told
    apart always in the same order."""
    numbered = list(enumerate(ages))
    first = oldest_first(numbered)
    shuffled = numbered[:]
    rnd.shuffle(shuffled)
    then = oldest_first(shuffled)
    assert [ages[n].key() for n in first] == [ages[n].key() for n in then]
    for earlier, later in itertools.pairwise(then):
        assert not ages[later].older_than(ages[earlier])


def test_the_age_as_a_batch_keeps_it() -> None:
    age = ExportAge(MAY, 2, _made(1), dt.date(2026, 6, 1))
    assert ExportAge.from_json(age.as_json()) == age
    assert ExportAge.from_json({"latest": "15 May", "on_latest": "2", "made": 3}) == ExportAge()
    assert ExportAge.from_json(None) == ExportAge()


def test_connections_counted_one_by_one() -> None:
    age = ExportAge(made=_made(1), named=dt.date(2026, 6, 1))
    for day in (dt.date(2019, 3, 14), MAY, dt.date(2020, 1, 1), MAY):
        age = age.saw(day)
    assert age == ExportAge(MAY, 2, _made(1), dt.date(2026, 6, 1))
    assert age.made_before(dt.date(2026, 6, 2))
    assert not age.made_before(dt.date(2026, 6, 1))
