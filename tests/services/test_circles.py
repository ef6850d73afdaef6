"""Circles across many people: ``today`` counts those without one, and one command sorts them."""

from __future__ import annotations

import pytest

from factories import person
from netweave.errors import InvalidInput
from netweave.services.agenda import compute_agenda
from netweave.services.circles import put_in_circle
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
    assert compute_agenda(ctx)["without_circle"] == 2  # the user is not one
    moved = put_in_circle(ctx, "wide", unsorted=True)
    assert moved == {"circle": "wide", "moved": 2, "cadence": 180}
    assert _circles(ctx) == {
        "Me Self": None,
        "Ann Ash": "wide",
        "Bob Birch": "wide",
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
