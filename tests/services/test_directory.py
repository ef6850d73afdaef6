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


def test_a_brief_list_holds_what_the_full_views_say_of_the_same_people(ctx: Context) -> None:
    """``people list`` without --json reads only what its table shows: the same values,
    in the same order, as the full views; and the views' strengths are those of
    ``relationships.strengths``."""
    import dataclasses
    import datetime as dt

    from netweave.clock import Clock
    from netweave.demo import build_demo
    from netweave.services.relationships import strength_fields, strengths

    build_demo(dataclasses.replace(ctx, clock=Clock(as_of=dt.date(2026, 6, 15))), people=80)
    keys = ("id", "name", "company", "title", "circle", "last_interaction", "tags")
    for filters in (PeopleFilter(), PeopleFilter(overdue=True), PeopleFilter(circle="close")):
        full = list_people(ctx, filters)
        brief = list_people(ctx, filters, brief=True)
        assert full, filters
        said = ("check_in_snoozed_until",) if filters.overdue else ()  # all due: snoozed?
        wanted = [{k: v[k] for k in (*keys, "next_due", "is_me", *said)} for v in full]
        assert brief == wanted
        assert "strength" not in brief[0]
    everyone = list_people(ctx, PeopleFilter())
    with ctx.db.reading() as session:
        computed = strengths(session, [v["id"] for v in everyone], ctx.clock.now())
    pinned = {v["id"]: v["strength"] if v["strength_pinned"] else None for v in everyone}
    assert len(computed) > 50
    for v in everyone:
        expected = strength_fields(computed.get(v["id"]), pinned[v["id"]])
        assert {k: v[k] for k in expected} == expected
