"""Which of two LinkedIn exports is the older, by what each holds."""

from __future__ import annotations

import datetime as dt

from netweave.logic.export_order import ExportAge

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
    assert not ExportAge().older_than(same)
    assert not same.older_than(ExportAge())
    assert not ExportAge(MAY).older_than(ExportAge(MAY, 2))  # how many that day: not known


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
