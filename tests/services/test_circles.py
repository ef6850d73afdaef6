"""Circles across many people: ``today`` counts those without one, and one command sorts them."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from factories import person
from netweave.errors import InvalidInput
from netweave.services.agenda import compute_agenda
from netweave.services.circles import (
    _WITHOUT_CIRCLE,
    put_in_circle,
    suggested_circle,
    without_circle,
)
from netweave.services.context import Context
from netweave.services.directory import PeopleFilter, list_people


def _circles(ctx: Context) -> dict[str, str | None]:
    return {p["name"]: p["circle"] for p in list_people(ctx, PeopleFilter())}


def test_today_counts_the_people_without_a_circle_and_one_command_sorts_them(
    ctx: Context,
) -> None:
    person(ctx, "Me Self", is_me=True)
    person(ctx, "Ann Ash")
    person(ctx, "Bob Birch", cadence_days=30)
    person(ctx, "Cy Close", circle="close")
    # neither the user nor someone with a cadence of their own (their check-ins follow it)
    assert compute_agenda(ctx)["without_circle"] == 1
    moved = put_in_circle(ctx, "wide", unsorted=True)
    assert moved == {"circle": "wide", "moved": 1, "cadence": 180, "not_by_circle": []}
    assert _circles(ctx) == {
        "Me Self": None,
        "Ann Ash": "wide",
        "Bob Birch": None,
        "Cy Close": "close",
    }
    assert compute_agenda(ctx)["without_circle"] == 0
    assert put_in_circle(ctx, "active", ["ann", "Cy Close"])["moved"] == 2
    assert put_in_circle(ctx, "active", ["ann"])["moved"] == 0  # there already
    assert _circles(ctx)["Ann Ash"] == "active"


@pytest.mark.parametrize(
    ("circle", "who", "unsorted", "words"),
    [
        ("wide", [], False, "name the people to put in the circle, or give --unsorted"),
        ("wide", ["ann"], True, "name the people to put in the circle, or give --unsorted"),
        ("outer", ["ann"], False, "unknown circle 'outer'"),
        ("wide", ["me"], False, "Me Self is you"),
    ],
)
def test_bad_requests_are_refused_and_change_nothing(
    ctx: Context, circle: str, who: list[str], unsorted: bool, words: str
) -> None:
    person(ctx, "Me Self", is_me=True)
    person(ctx, "Ann Ash")
    with pytest.raises(InvalidInput, match=words):
        put_in_circle(ctx, circle, who, unsorted=unsorted)
    assert _circles(ctx) == {"Me Self": None, "Ann Ash": None}


def test_the_count_stops_at_its_cap_and_reads_the_partial_index(ctx: Context) -> None:
    """However many people have no circle, ``today`` counts no more than its cap, from the
    index of exactly those people (revision 0023), on both databases."""
    for n in range(5):
        person(ctx, f"Unsorted {n}")
    with ctx.db.reading() as session:
        assert without_circle(session, 3) == 3
        assert without_circle(session, 10) == 5
        bind = session.get_bind()
        query = select(func.count()).select_from(_WITHOUT_CIRCLE.limit(200).subquery())
        sql = str(query.compile(bind, compile_kwargs={"literal_binds": True}))
        if bind.dialect.name == "sqlite":
            plan = str(session.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}").all())
        else:
            session.connection().exec_driver_sql("SET LOCAL enable_seqscan = off")
            plan = str(session.connection().exec_driver_sql(f"EXPLAIN {sql}").all())
        assert "ix_person_without_circle" in plan


def test_the_count_looks_up_the_tags_of_the_people_it_counts_only(ctx: Context) -> None:
    """The tag condition is a lookup of each counted person's tags: PostgreSQL never turns
    it into an anti join that reads every person's tags (the whole table on a large
    network, where it cost the agenda more than all the rest)."""
    from netweave.services.preferences import set_tag_cadence

    for n in range(5):
        person(ctx, f"Unsorted {n}", tags=["hiking"] if n % 2 else ["mentor"])
    set_tag_cadence(ctx, "mentor", 60)
    with ctx.db.reading() as session:
        assert without_circle(session, 10) == 2
        bind = session.get_bind()
        query = select(func.count()).select_from(_WITHOUT_CIRCLE.limit(200).subquery())
        sql = str(query.compile(bind, compile_kwargs={"literal_binds": True}))
        if bind.dialect.name == "sqlite":
            plan = str(session.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}").all())
            assert "CORRELATED SCALAR SUBQUERY" in plan
        else:
            plan = str(session.connection().exec_driver_sql(f"EXPLAIN {sql}").all())
            assert "Anti Join" not in plan, plan


def test_a_tag_with_a_cadence_brings_its_people_up_as_a_circle_does(ctx: Context) -> None:
    """Someone with no circle but a tag with a cadence is due by it: not counted as having
    nothing, and not moved by --unsorted."""
    from netweave.services.preferences import set_tag_cadence

    person(ctx, "Ann Ash", tags=["mentor"])
    person(ctx, "Bo Birch", tags=["hiking"])
    set_tag_cadence(ctx, "mentor", 60)
    assert compute_agenda(ctx)["without_circle"] == 1
    assert put_in_circle(ctx, "wide", unsorted=True)["moved"] == 1
    assert _circles(ctx) == {"Ann Ash": None, "Bo Birch": "wide"}


def test_the_circle_offered_is_the_loosest_with_a_cadence() -> None:
    defaults = {"inner": 14, "close": 30, "active": 90, "wide": 180, "dormant": None}
    assert suggested_circle(defaults) == "wide"
    assert suggested_circle({**defaults, "wide": None}) == "active"
    assert suggested_circle({"wide": None, "dormant": None}) is None


def test_someone_with_their_own_or_a_tags_cadence_is_named_with_it(ctx: Context) -> None:
    """A circle's cadence comes after a person's own and their tags': those moved who have
    one are named with it, and the circle's applies to the others only."""
    from netweave.services.preferences import set_tag_cadence

    person(ctx, "Ann Ash")
    person(ctx, "Bob Birch", cadence_days=30)
    person(ctx, "Cy Close", tags=["mentor", "hiking"])
    set_tag_cadence(ctx, "mentor", 21)
    set_tag_cadence(ctx, "hiking", 45)
    moved = put_in_circle(ctx, "active", ["Cy Close", "ann", "bob"])
    assert (moved["moved"], moved["cadence"]) == (3, 90)
    assert moved["not_by_circle"] == [
        {"id": 3, "name": "Cy Close", "cadence_days": 21, "cadence_source": "tag",
         "cadence_tag": "mentor"},
        {"id": 2, "name": "Bob Birch", "cadence_days": 30, "cadence_source": "own",
         "cadence_tag": None},
    ]  # fmt: skip
    assert put_in_circle(ctx, "dormant", ["bob"])["not_by_circle"][0]["cadence_days"] == 30
    assert put_in_circle(ctx, "wide", ["ann"])["not_by_circle"] == []
