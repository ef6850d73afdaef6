"""Undoing one logged change of a batch: a row put back, its values set back, or taken away."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from sqlalchemy import Date, DateTime, Table, delete, insert, or_, select, update
from sqlalchemy.orm import Session

from netweave.errors import Conflict, InvalidInput
from netweave.services.conversations import redate_copies
from netweave.services.import_reschedule import FILLED
from netweave.services.merge_log import merged_pair
from netweave.services.removed import REMOVED_BY_HAND, unmove_removals
from netweave.store.models import (
    Base,
    ImportBatch,
    ImportChange,
    Organization,
    Position,
    UtcDateTime,
    event_attendee,
    person_tag,
)
from netweave.store.sort_keys import with_sort_key

#: Association tables (no id): the logged row id is the person, ``before`` holds the other key.
LINKS = {"person_tag": person_tag, "event_attendee": event_attendee}


def org_in_use(org_id: Any) -> Any:
    """Whether anything points at the organization ``org_id``: someone's position, or one
    of the user's targets or leads (an undo never takes those away with it)."""
    uses = [
        select(column).where(column == org_id).exists()
        for table in Base.metadata.tables.values()
        for column in table.columns
        if any(fk.target_fullname == "organization.id" for fk in column.foreign_keys)
    ]
    return or_(*uses)


def _moved_by_other_merges(session: Session, batch_id: int, kept: int) -> set[str]:
    """What other merges still done moved onto ``kept`` of what was taken by hand: an undo
    of this one leaves it there."""
    rows = session.execute(
        select(ImportBatch.source_name, ImportChange.before)
        .join(ImportChange, ImportChange.batch_id == ImportBatch.id)
        .where(
            ImportBatch.kind == "merge",
            ImportBatch.state != "undone",
            ImportBatch.id != batch_id,
            ImportChange.table_name == REMOVED_BY_HAND,
        )
    ).all()
    held: set[str] = set()
    for source, moved in rows:
        pair = merged_pair(source)
        if pair is not None and pair[0] == kept and isinstance(moved, dict):
            held.update(str(item) for item in moved.get("items", []))
    return held


def revert_change(
    session: Session, change: ImportChange, merged: tuple[int, int] | None
) -> tuple[int, int]:
    """Undo one logged change (of a merge of ``merged``, kept and other, or of an import);
    returns how many rows it put back as they were, and how many of them it removed (none,
    when the row is gone already: a person forgotten since takes their rows with them).

    A row is found by its logged id and by what the batch made of it: a row an import
    created still carries the import's number, a row a merge moved still belongs to the
    person kept. A row that is not so (deleted since, its id given to another row) is
    left alone."""
    before = change.before or {}
    if not isinstance(before, dict):
        raise InvalidInput(
            f"import batch {change.batch_id}: its undo log is damaged (change {change.id}); "
            "nothing was undone"
        )
    if change.table_name in LINKS:
        return _revert_link(session, change, before)
    if change.table_name == "tag":  # swept once the people carrying it are gone
        return 0, 0
    if change.table_name == REMOVED_BY_HAND:  # a merge moved what was taken by hand
        if merged is not None:
            held = _moved_by_other_merges(session, change.batch_id, merged[0])
            unmove_removals(session, change.row_id, merged[0], before, keep=held)
            return 1, 0
        return 0, 0
    table = Base.metadata.tables.get(change.table_name)
    if table is None:
        raise InvalidInput(f"cannot undo a change to {change.table_name}")
    if change.action == "deleted":
        return _put_back(session, table, before)
    if change.action == "updated":
        return _set_back(session, table, change, merged, before)
    if table.name == "organization" and session.scalar(select(org_in_use(change.row_id))):
        return 0, 0
    match = table.c.id == change.row_id
    if merged is None and "import_batch_id" in table.c:
        match &= table.c.import_batch_id == change.batch_id
    gone = int(session.execute(delete(table).where(match)).rowcount or 0)  # type: ignore[attr-defined]
    return gone, gone


def _revert_link(session: Session, change: ImportChange, before: dict[str, Any]) -> tuple[int, int]:
    """Undo a change to a link of a person (a tag, an event met at): put back, or taken
    away."""
    links = LINKS[change.table_name]
    column = next(iter(before))  # the link's other end; a tag's import may follow
    match = (links.c.person_id == change.row_id) & (links.c[column] == before[column])
    if change.action == "deleted":
        values = {"person_id": change.row_id, **before}
        # a tag removed or joined to another since (``tags remove``/``rename``) stays gone
        if _orphaned(session, links, values) or session.scalar(select(links).where(match)):
            return 0, 0
        session.execute(insert(links).values(**values))
        return 1, 0
    gone = int(session.execute(delete(links).where(match)).rowcount or 0)  # type: ignore[attr-defined]
    return gone, gone


def _put_back(session: Session, table: Table, before: dict[str, Any]) -> tuple[int, int]:
    """Put a deleted row back from its copy, unless what it belonged to is gone."""
    values = with_sort_key(table.name, {k: _restore(table, k, v) for k, v in before.items()})
    if table.name == "organization":
        _name_free(session, values)
    if _orphaned(session, table, values):
        return 0, 0
    session.execute(insert(table).values(**values))
    return 1, 0


def _set_back(
    session: Session,
    table: Table,
    change: ImportChange,
    merged: tuple[int, int] | None,
    before: dict[str, Any],
) -> tuple[int, int]:
    """Set an updated row's values back to what they were, but those the user has changed
    since."""
    values = {k: _restore(table, k, v) for k, v in before.items() if k != FILLED}
    filled = before.get(FILLED)
    if isinstance(filled, dict):  # leave a value the user has changed since
        values = _unchanged_since(session, table, change, before, values, filled)
        if not values:
            return 0, 0
    if table.name == "position" and values.get("current") and _succeeded(session, change):
        return 0, 0  # the role that followed it is the user's now (a title they corrected)
    if table.name == "position" and values.get("current") is False and _taken(session, change):
        return 0, 0  # a role it made current that the user has taken for theirs since
    match = table.c.id == change.row_id
    if merged is not None and set(before) == {"person_id"}:  # a row the merge moved
        match &= table.c.person_id == merged[0]
    updated = session.execute(
        update(table).where(match).values(**with_sort_key(table.name, values))
    )
    if table.name == "interaction" and "occurred_at" in values:  # a meeting moved back
        redate_copies(session, change.row_id, values["occurred_at"])
    return int(updated.rowcount or 0), 0  # type: ignore[attr-defined]


def _unchanged_since(
    session: Session,
    table: Table,
    change: ImportChange,
    before: dict[str, Any],
    values: dict[str, Any],
    filled: dict[str, Any],
) -> dict[str, Any]:
    """Of the values to set back, those the row still has as the batch ``filled`` them;
    notes the user has written in since keep their lines, the batch's go."""
    now = session.execute(select(table).where(table.c.id == change.row_id)).first()
    current = now._mapping if now is not None else {}
    values = {k: v for k, v in values.items()
              if k not in filled or _json(current.get(k)) == filled[k]}  # fmt: skip
    if "notes" in filled and "notes" in before and "notes" not in values:
        # notes the user has written in since: the lines the batch added go, theirs stay
        notes = without_lines(current.get("notes"), before["notes"], filled["notes"])
        if notes != current.get("notes"):
            values["notes"] = notes
    return values


def _name_free(session: Session, values: dict[str, Any]) -> None:
    """Refuse to put back an organization (a merge's undo) whose name another one has
    taken since: the kept one renamed to it, say."""
    taken = name_taken(session, values)
    if taken is not None:
        raise Conflict(taken)


def name_taken(session: Session, values: dict[str, Any]) -> str | None:
    """Why the organization ``values`` (as logged when a merge removed it) cannot come
    back: another one has its name since; ``None`` when none has."""
    taken = session.execute(
        select(Organization.id, Organization.name).where(
            Organization.normalized_name == values.get("normalized_name"),
            Organization.id != values.get("id"),
        )
    ).first()
    if taken is None:
        return None
    return (
        f"cannot undo: {taken.name} (#{taken.id}) has the name of {values.get('name')} "
        f"(#{values.get('id')}) since; rename it (`netweave orgs edit '#{taken.id}' "
        "--name …`) and undo again"
    )


def without_lines(notes: str | None, before: str | None, after: str | None) -> str | None:
    """``notes`` without the lines a change made of ``before`` into ``after`` added (each
    once, as written: a line the user wrote over is theirs)."""
    added = Counter((after or "").splitlines())
    added.subtract((before or "").splitlines())
    lines, kept = (notes or "").splitlines(), []
    for line in lines:
        if added[line] > 0:
            added[line] -= 1
        else:
            kept.append(line)
    if len(kept) == len(lines):
        return notes
    return "\n".join(kept).strip("\n") or None


def _succeeded(session: Session, change: ImportChange) -> bool:
    """Whether the role the import put in place of the position it ended (a new one, or
    one from history it made current) is still there, the user's now (a title they
    corrected since): the position stays ended."""
    of_batch = (ImportChange.batch_id == change.batch_id, ImportChange.table_name == "position")
    made = set(
        session.scalars(
            select(ImportChange.row_id).where(*of_batch, ImportChange.action == "created")
        )
    )
    updated = select(ImportChange.row_id, ImportChange.before).where(
        *of_batch, ImportChange.action == "updated"
    )
    for row, before in session.execute(updated):
        if isinstance(before, dict) and before.get("current") is False:
            made.add(row)
    ended = session.get(Position, change.row_id)
    if ended is None or not made:
        return False
    successor = select(Position.id).where(
        Position.id.in_(made),
        Position.person_id == ended.person_id,
        Position.current.is_(True),
        Position.import_batch_id.is_(None),
    )
    return session.scalar(successor.limit(1)) is not None


def _taken(session: Session, change: ImportChange) -> bool:
    """Whether a position the import made current is the user's now (they corrected its
    title: it no longer names the import that made it current)."""
    position = session.get(Position, change.row_id)
    return position is not None and position.import_batch_id != change.batch_id


def _json(value: Any) -> Any:
    """A column value as the undo log writes it (dates in ISO form)."""
    return value.isoformat() if isinstance(value, dt.date) else value


def _orphaned(session: Session, table: Any, values: dict[str, Any]) -> bool:
    """Whether a row to put back belongs to something deleted since (a conversation the
    user deleted after a merge): it cannot come back without it. A reference that may be
    empty (the event where someone was met) is emptied instead."""
    for column in table.columns:
        value = values.get(column.name)
        for key in column.foreign_keys if value is not None else ():
            parent = key.column
            if session.scalar(select(parent).where(parent == value)) is None:
                if not column.nullable:
                    return True
                values[column.name] = None
    return False


def _restore(table: Any, key: str, value: Any) -> Any:
    """A logged JSON value back in the column's Python type."""
    if not isinstance(value, str):
        return value
    column_type = table.c[key].type
    if isinstance(column_type, UtcDateTime | DateTime):
        return dt.datetime.fromisoformat(value)
    if isinstance(column_type, Date):
        return dt.date.fromisoformat(value)
    return value
