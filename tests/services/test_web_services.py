"""Services added for the web app: strength history, the person overview, tags, password."""

from __future__ import annotations

import datetime as dt

import pytest

from factories import person, talk
from netweave.errors import InvalidInput, NotFound
from netweave.services.access import check_password, has_password, set_password
from netweave.services.context import Context
from netweave.services.history import person_overview, strength_history
from netweave.services.people import show_person
from netweave.services.tagging import list_tags, tag_people


def test_history_ends_at_todays_strength(ctx: Context) -> None:
    today = ctx.clock.today()
    person(ctx, "Ada Lovelace")
    for days in (200, 120, 40, 5):
        talk(ctx, "Ada Lovelace", on=today - dt.timedelta(days=days), kind="coffee")
    history = strength_history(ctx, "Ada Lovelace")
    assert history["points"][-1]["date"] == today.isoformat()
    assert abs(history["points"][-1]["strength"] - show_person(ctx, "Ada")["strength"]) <= 2
    assert history["points"][0]["date"] <= (today - dt.timedelta(days=200)).isoformat()
    assert len(history["contacts"]) == 4


def test_overview_in_one_read(ctx: Context) -> None:
    person(ctx, "Nina", met_on=ctx.clock.today() - dt.timedelta(days=2))
    page = person_overview(ctx, "Nina")
    assert page["person"]["name"] == "Nina"
    assert page["woven"]["woven"] is False
    assert page["history"]["points"]


def test_bulk_tagging(ctx: Context) -> None:
    a, b = person(ctx, "A")["id"], person(ctx, "B")["id"]
    assert tag_people(ctx, [a], "Mentor") == {"tag": "mentor", "tagged": 1, "already": 0}
    assert tag_people(ctx, [a, b], "mentor") == {"tag": "mentor", "tagged": 1, "already": 1}
    assert list_tags(ctx) == [{"label": "mentor", "people": 2, "cadence_days": None}]
    assert show_person(ctx, "B")["tags"] == ["mentor"]
    with pytest.raises(NotFound):
        tag_people(ctx, [a, 99999], "x")
    with pytest.raises(InvalidInput):
        tag_people(ctx, [], "x")


def test_password(ctx: Context) -> None:
    assert not has_password(ctx)
    assert not check_password(ctx, "anything at all")
    set_password(ctx, "first password")
    set_password(ctx, "second password")
    assert has_password(ctx)
    assert check_password(ctx, "second password")
    assert not check_password(ctx, "first password")
