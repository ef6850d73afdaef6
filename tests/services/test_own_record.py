"""The user's own record made of a person already here: once, and only while there is none."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from factories import person, talk
from netweave.errors import Conflict, InvalidInput
from netweave.services.context import Context
from netweave.services.merge_yours import history_with_you
from netweave.services.own_record import make_me, own_record
from netweave.services.people import show_person
from netweave.store import models as m


def test_a_person_made_the_user_while_there_is_no_own_record(ctx: Context) -> None:
    person(ctx, "Maya Lindqvist", interests=["professional:climate tech"])
    person(ctx, "Ben Lee", interests=["professional:climate tech"])
    assert own_record(ctx) is None
    assert show_person(ctx, "Ben Lee")["strength_factors"]["shared"] == 0
    view = make_me(ctx, "Maya")
    assert view == {"id": 1, "name": "Maya Lindqvist", "already": False}
    assert own_record(ctx) == {"id": 1, "name": "Maya Lindqvist"}
    assert show_person(ctx, "#1")["is_me"]
    # what Ben shares with the user counts at once
    assert show_person(ctx, "Ben Lee")["strength_factors"]["shared"] > 0
    assert make_me(ctx, "#1")["already"] is True  # the same again: nothing changes


def test_refused_while_another_record_is_the_user_and_for_a_record_talked_with(
    ctx: Context,
) -> None:
    person(ctx, "Maya Lindqvist", is_me=True)
    person(ctx, "Ben Lee")
    person(ctx, "Omar Haddad")
    with pytest.raises(Conflict) as refused:
        make_me(ctx, "Ben Lee")
    assert refused.value.said(web=True) == (
        "you are Maya Lindqvist (#1) already, and a network has one own record: nothing was changed"
    )
    assert "`netweave people edit #2 --me --yes`" in str(refused.value)
    with ctx.db.reading() as session:
        assert list(session.scalars(select(m.Person.id).where(m.Person.is_me))) == [1]
    # no own record, but conversations with Omar: they would be the user's with themselves
    with ctx.db.transaction() as session:
        session.get(m.Person, 1).is_me = False
    talk(ctx, "Omar Haddad")
    with pytest.raises(InvalidInput, match="has 1 conversation with you") as refused:
        make_me(ctx, "Omar")
    assert str(refused.value).endswith(": add yourself as a new person instead")
    assert own_record(ctx) is None


def test_a_record_talked_with_is_refused_first_with_no_yes_to_try(ctx: Context) -> None:
    """With an own record already, one talked with is refused for that at once (no
    `--me --yes` hint a re-run would be refused for), saying to keep the user's record."""
    person(ctx, "Maya Lindqvist", is_me=True)
    person(ctx, "Omar Haddad")
    talk(ctx, "Omar Haddad")
    with pytest.raises(InvalidInput) as refused:
        make_me(ctx, "Omar")
    assert str(refused.value) == (
        "Omar Haddad (#2) has 1 conversation with you, which your own record cannot have: "
        "you are Maya Lindqvist (#1): keep that record"
    )
    assert own_record(ctx) == {"id": 1, "name": "Maya Lindqvist"}


def test_what_a_record_has_with_the_user_is_said_one_way_for_a_merge_and_for_me(
    ctx: Context,
) -> None:
    for name in ("Ben Lee", "Omar Haddad", "Zoe Park"):
        person(ctx, name)
    talk(ctx, "Omar Haddad")
    with ctx.db.transaction() as session:
        zoe = session.scalars(select(m.Person).where(m.Person.display_name == "Zoe Park")).one()
        session.add(m.Exchange(person_id=zoe.id, direction="gave", kind="advice",
                               status="fulfilled", occurred_on=dt.date(2026, 1, 5)))  # fmt: skip
    with ctx.db.reading() as session:
        said = {
            p.display_name: history_with_you(session, p) for p in session.scalars(select(m.Person))
        }
    assert said == {"Ben Lee": None, "Omar Haddad": "1 conversation", "Zoe Park": "help exchanged"}
    with pytest.raises(InvalidInput, match=r"Zoe Park \(#3\) has help exchanged with you"):
        make_me(ctx, "Zoe")
