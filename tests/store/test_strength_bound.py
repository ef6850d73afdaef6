"""The people whose tie strength may reach a value, as the database finds them: everyone
who does (a strength set by hand as it is), and not many more."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select, update

from netweave.clock import Clock, day_of
from netweave.demo import build_demo
from netweave.services.context import Context
from netweave.services.relationships import strengths
from netweave.store.models import Person
from netweave.store.strength_bound import may_reach
from netweave.store.tables import person_stats


def test_everyone_strong_enough_is_found_and_few_others(ctx: Context) -> None:
    build_demo(ctx, people=300)
    with ctx.db.transaction() as session:
        ids = list(session.scalars(select(Person.id).order_by(Person.id)))
        session.execute(update(Person).where(Person.id == ids[5]).values(strength_override=95))
        # set by hand with no aggregates (a person whose aggregates are yet to be rebuilt)
        session.execute(delete(person_stats).where(person_stats.c.person_id == ids[5]))
        session.execute(update(Person).where(Person.id == ids[6]).values(strength_override=0))
    for as_of in (dt.date(2024, 6, 1), ctx.clock.today(), dt.date(2028, 1, 1)):
        now = Clock(as_of=as_of).now()
        with ctx.db.reading() as session:
            people = session.execute(select(Person.id, Person.strength_override)).all()
            computed = strengths(session, [p.id for p in people], now)
            strength = {
                pid: pinned if pinned is not None else computed.get(pid, (0, {}))[0]
                for pid, pinned in people
            }
            for value in (1, 20, 40, 60, 80, 90, 95, 100):
                found = set(session.scalars(may_reach(value, day_of(now))))
                assert {pid for pid, s in strength.items() if s >= value} <= found
                assert (ids[5] in found) == (value <= 95)
                assert ids[6] not in found
                if value >= 80:
                    assert len(found) < len(people) / 3
