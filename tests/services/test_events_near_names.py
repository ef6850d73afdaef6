"""Naming the people met at an event: a name only close to someone's is refused, whole."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from factories import person
from netweave.errors import NearMatch
from netweave.services import events
from netweave.services.context import Context
from netweave.store.models import Person, Task

D = dt.date


def test_meet_refuses_a_name_only_close_to_someones_and_records_nothing(ctx: Context) -> None:
    person(ctx, "Dana Smith")
    person(ctx, "John Doe")
    events.add_event(ctx, "Meetup", D(2026, 6, 1))
    with pytest.raises(NearMatch) as refused:
        events.meet(ctx, "meetup", ["Zed New", "Dana Smit", "Jon Doe", "dana smit"])
    assert str(refused.value) == (
        "no one in your network is named 'Dana Smit' (nearly: Dana Smith #1) or 'Jon Doe' "
        "(nearly: John Doe #2): to mean someone known, name them as written or by #id; "
        'for someone new, name them with --new "Dana Smit" --new "Jon Doe" instead; '
        "nothing was recorded"
    )
    assert refused.value.said(web=True).endswith(
        "tick “Add names that only look like someone's as new people”"
    )
    with ctx.db.reading() as session:  # one command, one transaction: no name of it kept
        assert session.scalars(select(Person.display_name).order_by(Person.id)).all() == [
            "Dana Smith", "John Doe",
        ]  # fmt: skip
        assert session.scalars(select(Task.id)).all() == []
    linked = events.meet(ctx, "meetup", ["DANA SMITH", "#2"], new=["Dana Smit", "dana smit"])
    said = [(p["name"], p["new"]) for p in linked["people"]]
    assert said == [("Dana Smith", False), ("John Doe", False), ("Dana Smit", True)]
    # the box of the web form: a name only close to someone's is new, an exact one still links
    boxed = events.meet(ctx, "meetup", ["Jon Doe", "John Doe"], near_is_new=True)
    assert [(p["name"], p["new"]) for p in boxed["people"]] == [
        ("Jon Doe", True), ("John Doe", False),
    ]  # fmt: skip
