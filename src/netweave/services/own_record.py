"""The user's own record: which one it is, and a record made theirs while there is none."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from netweave.errors import Conflict
from netweave.services.context import Context
from netweave.services.merge_yours import refuse_as_you
from netweave.services.resolve import resolve_person
from netweave.store import search, stats
from netweave.store.models import Person


def own_record(ctx: Context) -> dict[str, Any] | None:
    """The user's own record (``id``, ``name``), or ``None`` while there is none."""
    with ctx.db.reading() as session:
        row = session.execute(
            select(Person.id, Person.display_name).where(Person.is_me.is_(True)).limit(1)
        ).first()
        return {"id": row.id, "name": row.display_name} if row else None


def make_me(ctx: Context, query: str) -> dict[str, Any]:
    """Make the person ``query`` names the user's own record (``people add NAME --me`` for
    one already here). Refused while another record is the user's (one database has one:
    ``people edit NAME --me --yes`` moves it knowingly), and for a record with conversations or
    help exchanged, which would be the user's with themselves (as a merge refuses it)."""
    with ctx.db.transaction() as session:
        person = resolve_person(session, query)
        me = session.scalars(select(Person).where(Person.is_me.is_(True))).first()
        if me is not None and me.id == person.id:
            return {"id": person.id, "name": person.display_name, "already": True}
        refuse_as_you(session, person, me)  # first: no --yes would change it
        if me is not None:
            raise Conflict(
                f"you are {me.display_name} (#{me.id}) already: to be {person.display_name} "
                f"instead, `netweave people edit #{person.id} --me --yes`",
                web=f"you are {me.display_name} (#{me.id}) already, and a network has one "
                "own record: nothing was changed",
            )
        person.is_me = True
        session.flush()
        search.index_people(session, [person.id])
        stats.rebuild(session, [person.id], ctx.settings.circles)
        stats.refresh_shared(session, None)  # everyone's shared interests and communities
        return {"id": person.id, "name": person.display_name, "already": False}
