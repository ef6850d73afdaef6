"""Which later merges build on a batch: those that moved again the pairs of people a merge
moved (who knows whom, pairs kept apart, dismissed suggestions), and those that kept
someone an import brought in. The batch's undo waits for theirs.

A merge re-points each pair of the record it merges away to the record it keeps: it
deletes the row and, unless the kept record has the pair already, writes a new one. Its
undo deletes the rows it wrote and puts back those it deleted, as they were. A later merge
that moved one of the rows it wrote (the other person of the pair merged away since), or
that merged away someone named in a row it deleted, changed what that undo would find:
undone first, this one would leave that later merge's row behind and could not put its
own back (their person gone), so that the pairs kept apart would no longer be those before
the merge. It is refused until that later merge is undone, as for a later batch that built
on the person a merge kept.

A merge of a record into someone an import brought in moves that record's rows onto them:
undone first, the import would take the person away, and with them what the merge moved
(a record with nothing but a pair kept apart is found by nothing else), and the merge could
no longer be undone.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from netweave.services.merge_log import merged_pair
from netweave.store.models import ImportBatch, ImportChange, Person

#: The tables of pairs of people that a merge moves.
PAIRS = ("knows", "dismissed_pair")


def pairs_built_on(session: Session, batch_id: int, live: Any) -> set[int]:
    """The batches of ``live`` (later, not undone) that moved a pair row batch ``batch_id``
    wrote, or merged away someone named in a pair row it deleted."""
    change = ImportChange.__table__.c
    mine = session.execute(
        select(change.table_name, change.row_id, change.action, change.before).where(
            change.batch_id == batch_id, change.table_name.in_(PAIRS)
        )
    ).all()
    if not mine:
        return set()
    written = {(table, row) for table, row, action, _ in mine if action == "created"}
    named = {
        int(person)
        for _, _, action, before in mine
        if action == "deleted" and isinstance(before, dict)
        for person in (before.get("person_a_id"), before.get("person_b_id"))
        if isinstance(person, int)
    }
    later = select(change.batch_id, change.table_name, change.row_id).where(
        change.batch_id.in_(live),
        change.action == "deleted",
        change.table_name.in_(("person", *PAIRS)),
    )
    found: set[int] = set()
    for batch, table, row in session.execute(later):
        if (table, row) in written or (table == "person" and row in named):
            found.add(int(batch))
    return found


def merges_keeping(session: Session, batch_id: int, live: Any) -> set[int]:
    """The merges of ``live`` (later, not undone) that kept someone batch ``batch_id``
    brought in."""
    merges = session.execute(
        select(ImportBatch.id, ImportBatch.source_name).where(
            ImportBatch.id.in_(live), ImportBatch.kind == "merge"
        )
    ).all()
    kept = {int(b): pair[0] for b, source in merges if (pair := merged_pair(source))}
    if not kept:
        return set()
    mine = set(
        session.scalars(
            select(Person.id).where(
                Person.id.in_(set(kept.values())), Person.import_batch_id == batch_id
            )
        )
    )
    return {b for b, person in kept.items() if person in mine}
