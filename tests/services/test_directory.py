"""A page of the people list and the number of people in all, on both backends."""

from __future__ import annotations

from factories import person
from netweave.services.context import Context
from netweave.services.directory import PeopleFilter, list_people, page_of_people


def test_pages_of_everyone_follow_the_list_and_count_it_all(ctx: Context) -> None:
    for n in range(7):
        person(ctx, f"Person {n}", circle="close" if n % 2 else None)
    everyone = [p["name"] for p in list_people(ctx, PeopleFilter())]
    pages = [page_of_people(ctx, PeopleFilter(limit=3), offset) for offset in (0, 3, 6)]
    assert [p["name"] for page, _ in pages for p in page] == everyone
    assert {total for _, total in pages} == {7}
    close, total = page_of_people(ctx, PeopleFilter(circle="close", limit=2), 2)
    assert total == 3
    assert [p["name"] for p in close] == ["Person 5"]


def test_pages_of_a_search_hold_each_match_once(ctx: Context) -> None:
    for n in range(5):
        person(ctx, "John Smith", company=f"Firm {n}", circle="close" if n < 3 else None)
    person(ctx, "Jane Doe")
    pages = [page_of_people(ctx, PeopleFilter(text="john smith", limit=2), o) for o in (0, 2, 4)]
    assert {total for _, total in pages} == {5}
    firms = [p["company"] for page, _ in pages for p in page]
    assert sorted(firms) == [f"Firm {n}" for n in range(5)]
    # narrowed by another filter: counted among the matches that pass it
    narrowed, total = page_of_people(ctx, PeopleFilter(text="smith", circle="close", limit=2), 2)
    assert total == 3
    assert len(narrowed) == 1
