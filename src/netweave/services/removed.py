"""What the user took away from someone by hand (an address, a phone, a tag, a school),
remembered so that an import of the same address book or export does not bring it back.

Kept as one setting (``removed_by_hand``): ``{person id: ["email:ada@x.org", "tag:vip"]}``,
contact points by their normalized value, tags by their label, schools and communities by
their normalized name (``community:bayview university``). Giving the value back by hand
forgets it. An import still knows the person by a removed address (mail from the old
address is theirs), but does not add it to them again. A merge moves what was taken from
the person merged away to the one kept; its undo moves it back.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from netweave.store.models import Setting

REMOVED_BY_HAND = "removed_by_hand"


def _row(session: Session, *, create: bool) -> Setting | None:
    row = session.scalars(select(Setting).where(Setting.key == REMOVED_BY_HAND)).first()
    if row is None and create:
        row = Setting(key=REMOVED_BY_HAND, value={"value": {}})
        session.add(row)
    return row


def _stored(row: Setting | None) -> dict[str, list[str]]:
    """The setting's value (a copy): person id (as text) → items."""
    return dict((row.value or {}).get("value", {})) if row is not None else {}


def removed_by_hand(session: Session) -> dict[int, set[str]]:
    """Each person's values taken away by hand (``kind:value``)."""
    row = _row(session, create=False)
    return {int(pid): set(items) for pid, items in _stored(row).items()}


def remember_removed(session: Session, person_id: int, item: str) -> None:
    """Remember that the user took ``item`` (``kind:value``) away from the person."""
    _change(session, person_id, item, keep=True)


def forget_removed(session: Session, person_id: int, item: str) -> None:
    """The user gave ``item`` back: an import may bring it again."""
    _change(session, person_id, item, keep=False)


def _change(session: Session, person_id: int, item: str, *, keep: bool) -> None:
    row = _row(session, create=keep)
    if row is None:
        return
    found = _stored(row)
    items = [i for i in found.get(str(person_id), []) if i != item] + ([item] if keep else [])
    if items:
        found[str(person_id)] = items
    else:
        found.pop(str(person_id), None)
    row.value = {"value": found}  # a new value, so that the JSON column is written


def forget_person_removals(session: Session, person_ids: Iterable[int]) -> None:
    """The people are gone (forgotten, merged away, taken out by an undo): what was taken
    from them goes too, so that no one given their number later inherits it."""
    row = _row(session, create=False)
    if row is None:
        return
    found = _stored(row)
    gone = {str(pid) for pid in person_ids} & set(found)
    if gone:
        row.value = {"value": {k: v for k, v in found.items() if k not in gone}}


def move_removals(session: Session, from_id: int, to_id: int) -> dict[str, list[str]]:
    """A merge: what was taken from the person merged away was taken from the one kept.
    Returns ``{items, added}``: what the merged person had, and what of it the kept one
    had not (what an undo takes back from them), both empty when nothing moved."""
    row = _row(session, create=False)
    if row is None:
        return {"items": [], "added": []}
    found = _stored(row)
    moved = found.pop(str(from_id), [])
    if not moved:
        return {"items": [], "added": []}
    kept = found.get(str(to_id), [])
    added = [item for item in moved if item not in kept]
    found[str(to_id)] = kept + added
    row.value = {"value": found}
    return {"items": moved, "added": added}


def unmove_removals(
    session: Session,
    from_id: int,
    to_id: int,
    moved: dict[str, Any],
    *,
    keep: set[str] | None = None,
) -> None:
    """An undone merge: the person merged away has what was taken from them again, and the
    one kept no longer has what came from them alone (but what is in ``keep``: another merge
    still done brought it too)."""
    items = [str(i) for i in moved.get("items", [])]
    added = {str(i) for i in moved.get("added", [])} - (keep or set())
    if not items:
        return
    row = _row(session, create=True)
    assert row is not None
    found = _stored(row)
    found[str(from_id)] = items
    left = [i for i in found.get(str(to_id), []) if i not in added]
    if left:
        found[str(to_id)] = left
    else:
        found.pop(str(to_id), None)
    row.value = {"value": found}
