"""Circles across many people: putting those without one (after an import, say) in one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select, update

from netweave.errors import InvalidInput
from netweave.logic.vocab import choose
from netweave.services.context import Context
from netweave.services.resolve import resolve_person
from netweave.store import stats
from netweave.store.models import Person

if TYPE_CHECKING:
    from netweave.store.engine import Reader

_person = Person.__table__.c
#: How many people but the user have no circle: everyone, less those in one (both counted
#: from indexes alone, so ``today`` can afford it on a large network), less the user.
WITHOUT_CIRCLE = select(
    select(func.count()).select_from(Person.__table__).scalar_subquery()
    - select(func.count()).where(_person.circle.is_not(None)).scalar_subquery()
    - select(func.count())
    .where(_person.is_me == True, _person.circle.is_(None))  # noqa: E712 (the partial index)
    .scalar_subquery()
)


def without_circle(session: Reader) -> int:
    """How many people (the user aside) have no circle yet."""
    return int(session.execute(WITHOUT_CIRCLE).scalar_one())


def put_in_circle(
    ctx: Context, circle: str, who: Sequence[str] = (), *, unsorted: bool = False
) -> dict[str, Any]:
    """Put the people ``who`` names (each as ``people show`` finds them), or with
    ``unsorted`` everyone but the user who has no circle yet, in ``circle``; their check-ins
    then follow its cadence. ``moved`` counts those whose circle changed."""
    chosen = choose(circle, tuple(ctx.settings.circles), "circle")
    if bool(who) == unsorted:
        raise InvalidInput("name the people to put in the circle, or give --unsorted (not both)")
    with ctx.db.transaction() as session:
        if unsorted:
            ids = list(
                session.scalars(
                    select(Person.id).where(Person.circle.is_(None), Person.is_me.is_(False))
                )
            )
        else:
            people = [resolve_person(session, query) for query in who]
            if me := next((p for p in people if p.is_me), None):
                raise InvalidInput(f"{me.display_name} is you: you are in no circle of your own")
            ids = sorted({p.id for p in people if p.circle != chosen})
        for start in range(0, len(ids), 500):
            part = ids[start : start + 500]
            session.execute(
                update(Person)
                .where(Person.id.in_(part))
                .values(circle=chosen, updated_at=ctx.clock.now())
            )
            stats.refresh_due(session, part, ctx.settings.circles)
        return {"circle": chosen, "moved": len(ids), "cadence": ctx.settings.circles[chosen]}
