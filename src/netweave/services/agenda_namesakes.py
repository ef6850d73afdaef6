"""Who on the agenda shares their name with someone else in the network: the short list
names them with their number (and the web with their employer), so that a command typed
from it finds them (a name two people share is refused as ambiguous)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, func, select

from netweave.services.agenda_item import Item
from netweave.store.models import Organization, Person, Position

if TYPE_CHECKING:
    from netweave.store.engine import Reader

_SHARED = (
    select(Person.display_name)
    .where(Person.display_name.in_(bindparam("names", expanding=True)))
    .group_by(Person.display_name)
    .having(func.count() > 1)
)
_EMPLOYERS = (
    select(Position.person_id, func.min(Organization.name))
    .join(Organization, Organization.id == Position.organization_id)
    .where(Position.person_id.in_(bindparam("ids", expanding=True)), Position.current.is_(True))
    .group_by(Position.person_id)
)


def namesakes(session: Reader, items: Sequence[Item]) -> list[dict[str, Any]]:
    """``[{person_id, org}]``: each person on ``items`` whose name another person has too,
    with their current employer (``None``: none known), in the order of the list."""
    names = sorted({i["person"] for i in items if i["person_id"] is not None and i["person"]})
    if not names:
        return []
    shared = set(session.scalars(_SHARED, {"names": names}))
    ids = list(dict.fromkeys(i["person_id"] for i in items if i["person"] in shared))
    ids = [pid for pid in ids if pid is not None]
    if not ids:
        return []
    orgs = dict(session.execute(_EMPLOYERS, {"ids": ids}).tuples().all())
    return [{"person_id": pid, "org": orgs.get(pid)} for pid in ids]
