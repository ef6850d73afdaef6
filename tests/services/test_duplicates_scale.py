"""The duplicate finder on a network named alike: the work stays bounded, the best pairs
still come first, and the user is told what was not compared pair by pair."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from factories import alike_network
from netweave.clock import Clock
from netweave.config import Settings
from netweave.services import duplicates as finder
from netweave.services.context import Context, open_context
from netweave.services.duplicates import duplicates, find, notes

CROWD, NUMBERED = 2_000, 3_000
PEOPLE = CROWD + NUMBERED + 2
#: Scores the blocks compared pair by pair may take here: the block of "Person …" (3,000
#: names, 9 million pairs) is over it, as a block of 100,000 would be at the real ``WORK``.
WORK = 1_000_000


class Tally:
    """The work done: name scores computed by rapidfuzz, pairs judged in Python."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from rapidfuzz import process

        self.scores = self.judged = 0
        cdist, judge = process.cdist, finder._judge

        def counted_cdist(queries: Any, choices: Any, **options: Any) -> Any:
            self.scores += len(queries) * len(choices)
            return cdist(queries, choices, **options)

        def counted_judge(*args: Any) -> Any:
            self.judged += 1
            return judge(*args)

        monkeypatch.setattr(process, "cdist", counted_cdist)
        monkeypatch.setattr(finder, "_judge", counted_judge)
        monkeypatch.setattr(finder, "WORK", WORK, raising=False)


@pytest.fixture(scope="module")
def alike(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Iterator[Context]:
    """A real SQLite network: 2,000 John Smiths, Person 0 to Person 2999, two Ada Lovelaces."""
    import shutil

    from netweave.config import sqlite_url

    folder = tmp_path_factory.mktemp("alike")
    shutil.copy(sqlite_template, folder / "netweave.db")
    context = open_context(Settings(database_url=sqlite_url(folder / "netweave.db")), Clock())
    alike_network(context, folder, CROWD, NUMBERED)
    yield context
    context.close()


def test_the_work_is_bounded_by_the_people_not_their_pairs(
    alike: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    tally = Tally(monkeypatch)
    found = find(alike, 100)
    # every person is in two blocks at most; a block over WORK compares each name with a
    # chunk of rows and the WINDOW after it: no pair of the crowd, nor every pair of Person …
    assert tally.scores <= WORK + 2 * PEOPLE * (finder.CHUNK + finder.WINDOW)
    assert found.compared == tally.scores
    assert tally.scores < (CROWD**2 + NUMBERED**2) / 2  # what comparing every pair takes
    # the pairs judged in Python: those that may still come into the best 100
    assert tally.judged <= 10 * 100


def test_a_crowd_is_said_and_proposed_by_employer(
    alike: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    Tally(monkeypatch)
    found = find(alike, 100)
    assert found.crowds == [{"name": "John Smith", "people": CROWD}]
    assert {"prefix": "pers", "people": NUMBERED} in found.narrowed
    said = notes(found)
    assert said[0] == (
        "2,000 people are named John Smith: only those at the same employer are proposed as "
        "pairs; tell the others apart by email or by where you met them."
    )
    assert "(3,000 starting with “pers”" in said[1]
    assert said[1].endswith("each was compared with the 100 nearest to it in alphabetical order.")
    # the likeliest first: the same name at the same employer
    assert len(found.pairs) == 100
    assert all(p["score"] == 100 and "; both at " in p["reason"] for p in found.pairs)
    names = {(p["a"]["name"], p["b"]["name"]) for p in found.pairs}
    assert ("Ada Lovelace", "Ada Lovelace") in names
    assert names <= {("Ada Lovelace", "Ada Lovelace"), ("John Smith", "John Smith")}
    for pair in found.pairs:  # a crowd's pair works at one employer
        assert pair["reason"].startswith("names 100% alike; both at ")


def test_without_a_crowd_the_pairs_are_those_of_every_pair_compared(
    alike: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Numbered names differing by a digit still score highest when their block is narrowed:
    "Person 1000" and "Person 10000" sort next to each other."""
    monkeypatch.setattr(finder, "CROWD", CROWD + 1)  # the John Smiths compared one by one
    # names alone rank here (not where each works): what the narrowed blocks find by name
    monkeypatch.setattr(finder, "_employer_evidence", lambda *_: 1)
    whole = duplicates(alike, 20)
    Tally(monkeypatch)
    narrowed = find(alike, 20)
    assert narrowed.pairs == whole
