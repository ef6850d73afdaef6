"""Schools, alumni groups and clubs added and removed by hand, and what they count for."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from factories import person
from netweave.errors import Conflict, InvalidInput, NotFound
from netweave.services.affiliations import add_affiliation, remove_affiliation
from netweave.services.context import Context
from netweave.services.people import show_person
from netweave.services.targets import add_target, list_targets
from netweave.store import models as m


def test_added_shown_shared_and_removed(ctx: Context) -> None:
    person(ctx, "Maya Lindqvist", is_me=True)
    person(ctx, "Ben Lee", company="Plaid", title="PM")
    mine = add_affiliation(ctx, "Maya", "Bayview University", kind="school", role="BA",
                           start_year=2010, end_year=2014)  # fmt: skip
    assert mine["community"] == "Bayview University"
    assert mine["years"] == [2010, 2014]
    add_target(ctx, "Plaid", motivation=3, posting=1)
    before = list_targets(ctx)[0]["advocacy"]
    assert show_person(ctx, "Ben Lee")["strength_factors"]["shared"] == 0
    # the same school, spelt otherwise: one community
    theirs = add_affiliation(ctx, "Ben Lee", "bayview university", kind="alumni")
    with ctx.db.reading() as session:
        assert session.scalar(select(func.count()).select_from(m.Community)) == 1
    assert show_person(ctx, "Ben Lee")["affiliations"] == [
        {"id": theirs["id"], "community": "Bayview University", "kind": "school",
         "role": None, "years": [None, None]}
    ]  # fmt: skip
    assert show_person(ctx, "Ben Lee")["strength_factors"]["shared"] > 0
    assert list_targets(ctx)[0]["advocacy"] > before  # Dalton's alumni bonus
    with pytest.raises(Conflict, match="Ben Lee is in Bayview University already"):
        add_affiliation(ctx, "Ben Lee", "Bayview University")
    gone = remove_affiliation(ctx, "Ben Lee", theirs["id"])
    assert gone["community"] == "Bayview University"
    assert show_person(ctx, "Ben Lee")["affiliations"] == []
    assert show_person(ctx, "Ben Lee")["strength_factors"]["shared"] == 0
    # the user's own taken away: nobody shares it any more
    add_affiliation(ctx, "Ben Lee", "Bayview University")
    remove_affiliation(ctx, "Maya", mine["id"])
    assert show_person(ctx, "Ben Lee")["strength_factors"]["shared"] == 0
    with pytest.raises(NotFound, match=r"has no school or community #\d+ \(removed already\?\)$"):
        remove_affiliation(ctx, "Maya", mine["id"])  # a double click: the words of the page


@pytest.mark.parametrize(
    ("given", "said"),
    [
        ({"community": " "}, "community: name the school"),
        ({"kind": "guild"}, "unknown kind of community 'guild'"),
        ({"start_year": 1850}, "from: a year from 1900 to 2036, not 1850"),
        ({"end_year": 2100}, "to: a year from 1900 to 2036, not 2100"),
        ({"start_year": 2015, "end_year": 2014}, "from: 2015 is after the year it ends (2014)"),
        ({"role": "x" * 201}, "role: at most 200 characters"),
    ],
)
def test_refused_with_nothing_changed(ctx: Context, given: dict, said: str) -> None:
    person(ctx, "Ben Lee")
    fields = {"community": "Bayview University"} | given
    with pytest.raises(InvalidInput, match=re.escape(said)):
        add_affiliation(ctx, "Ben Lee", fields.pop("community"), **fields)
    with ctx.db.reading() as session:
        assert session.scalar(select(func.count()).select_from(m.Affiliation)) == 0
