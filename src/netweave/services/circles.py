"""Circles across many people: putting those without one (after an import, say) in one."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, func, literal, select, update

from netweave.errors import InvalidInput
from netweave.logic.cadence import cadence_days
from netweave.logic.vocab import choose
from netweave.services.context import Context
from netweave.services.resolve import resolve_person
from netweave.store import stats, tables
from netweave.store.models import Person

if TYPE_CHECKING:
    from netweave.store.engine import Reader

_person = Person.__table__.c
_tag, _person_tag = tables.tag.c, tables.person_tag.c
#: 1 when the person has a tag with a cadence, else NULL: a lookup or two of their tags
#: per person (a scalar subquery, which PostgreSQL runs per row; a NOT EXISTS it turns into
#: an anti join that reads every person's tags, the whole table, to count the first few).
_TIMED_TAG = (
    select(literal(1))
    .select_from(tables.person_tag)
    .join(tables.tag, _tag.id == _person_tag.tag_id)
    .where(_person_tag.person_id == _person.id, _tag.cadence_days.is_not(None))
    .limit(1)
    .scalar_subquery()
)
#: The people but the user with no circle, no cadence of their own and no tag with one:
#: nothing brings them up for a check-in. The first three conditions are written as the
#: partial index of revision 0023 is, so that both databases read that index.
_WITHOUT_CIRCLE = select(_person.id).where(
    _person.circle.is_(None),
    _person.cadence_days.is_(None),
    _person.is_me == False,  # noqa: E712
    _TIMED_TAG.is_(None),
)

#: How many of them there are, up to :cap.
_WITHOUT_CIRCLE_COUNTED = select(func.count()).select_from(
    _WITHOUT_CIRCLE.limit(bindparam("cap")).subquery()
)


def suggested_circle(circles: Mapping[str, int | None]) -> str | None:
    """The circle to offer for people with none (imported ones, mostly weak ties): the one
    with the longest cadence, ``wide`` by default; none when no circle has a cadence."""
    timed = [(days, name) for name, days in circles.items() if days]
    return max(timed)[1] if timed else None


def without_circle(session: Reader, cap: int) -> int:
    """How many people (the user aside) have no circle and no cadence, their own or a tag's,
    counted up to ``cap`` (``cap`` means that many or more), so ``today`` can afford it
    however large the network."""
    return int(session.execute(_WITHOUT_CIRCLE_COUNTED, {"cap": cap}).scalar_one())


def put_in_circle(
    ctx: Context, circle: str, who: Sequence[str] = (), *, unsorted: bool = False
) -> dict[str, Any]:
    """Put the people ``who`` names (each as ``people show`` finds them), or with
    ``unsorted`` everyone but the user with no circle and no cadence yet, their own or a
    tag's (those ``today`` counts), in ``circle``. ``moved`` counts those whose circle
    changed; their check-ins then follow its ``cadence``, but for those in ``not_by_circle``:
    their own cadence or a tag's comes first (as everywhere, ``logic.cadence``), so the
    circle's applies to them only once that is removed."""
    chosen = choose(circle, tuple(ctx.settings.circles), "circle")
    if bool(who) == unsorted:
        raise InvalidInput("name the people to put in the circle, or give --unsorted (not both)")
    kept: list[dict[str, Any]] = []
    with ctx.db.transaction() as session:
        if unsorted:
            # none of them has a cadence of their own or a tag's: the circle's applies to all
            ids = list(session.scalars(_WITHOUT_CIRCLE))
        else:
            people = [resolve_person(session, query) for query in who]
            if me := next((p for p in people if p.is_me), None):
                raise InvalidInput(f"{me.display_name} is you: you are in no circle of your own")
            moving = {p.id: p for p in people if p.circle != chosen}
            ids = sorted(moving)
            # in the order named
            found = (_not_by_circle(p, ctx.settings.circles) for p in moving.values())
            kept = [k for k in found if k is not None]
        for start in range(0, len(ids), 500):
            part = ids[start : start + 500]
            session.execute(
                update(Person)
                .where(Person.id.in_(part))
                .values(circle=chosen, updated_at=ctx.clock.now())
            )
            stats.refresh_due(session, part, ctx.settings.circles)
        return {"circle": chosen, "moved": len(ids), "cadence": ctx.settings.circles[chosen],
                "not_by_circle": kept}  # fmt: skip


def _not_by_circle(person: Person, circles: Mapping[str, int | None]) -> dict[str, Any] | None:
    """Who keeps their own cadence or a tag's in any circle: their name, its days and where
    it comes from (``cadence_source`` ``own`` or ``tag``, named by ``cadence_tag``)."""
    from netweave.services.people import cadence_source  # not on the path of ``today``

    tagged = [t.cadence_days for t in person.tags if t.cadence_days is not None]
    days = cadence_days(None, person.cadence_days, circles, min(tagged) if tagged else None)
    if days is None:
        return None
    return {"id": person.id, "name": person.display_name, "cadence_days": days,
            **cadence_source(person, days)}  # fmt: skip
