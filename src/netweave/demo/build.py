"""The entry point: fill an empty database with a whole demo network in one transaction."""

from __future__ import annotations

import random

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from netweave.demo.jobsearch import add_job_search
from netweave.demo.people import add_people
from netweave.demo.state import Net
from netweave.demo.user import add_me
from netweave.demo.weave import add_complements
from netweave.demo.world import add_reference_data
from netweave.demo.writer import Writer, reset_sequences
from netweave.errors import Conflict, InvalidInput
from netweave.logic.wording import count
from netweave.services.context import Context, analyze
from netweave.store import models as m
from netweave.store import stats
from netweave.store.search import index_people

MIN_PEOPLE = 10


def build_demo(ctx: Context, *, people: int = 300, seed: int = 7) -> dict[str, int]:
    """Fill an empty database with a realistic synthetic network around the user.

    The same ``seed`` and ``ctx.clock.today()`` always give the same rows, so the demo,
    tests and benchmarks can rely on them. Returns the number of rows written per table.
    """
    if people < MIN_PEOPLE:
        raise InvalidInput(f"a demo network needs at least {MIN_PEOPLE} people, not {people}")
    with ctx.db.transaction() as session:
        held = session.scalar(select(func.count()).select_from(m.Person)) or 0
        if held:
            raise Conflict(
                f"the database already holds {count(held, 'person', 'people')}; demo data goes "
                "into an empty database"
            )
        net = Net(
            rng=random.Random(seed),
            today=ctx.clock.today(),
            out=Writer(session),
            side=random.Random(f"side-{seed}"),
        )
        add_reference_data(net, people)
        add_me(net)
        add_people(net, people)
        add_job_search(net)
        add_complements(net, seed)
        net.out.flush()
        reset_sequences(session, net.out.counts)
        net.out.counts["tag"] -= _drop_unused_tags(session)
        index_people(session, range(net.me, net.out.next_id["person"]))
        # The per-person aggregates (tie strength, next check-in) are derived from the log.
        net.out.counts["person_stats"] = stats.rebuild(session, None, ctx.settings.circles)
    analyze(ctx)
    return {name: count for name, count in net.out.counts.items() if count}


def _drop_unused_tags(session: Session) -> int:
    """The tags no one in this demo drew: gone, as the user would remove them, so the lists
    of tags offer only tags someone carries. How many."""
    used = select(m.person_tag.c.tag_id)
    gone = session.execute(delete(m.Tag).where(m.Tag.id.not_in(used)))
    return int(getattr(gone, "rowcount", 0) or 0)
