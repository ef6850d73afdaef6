"""The undo log a merge writes (of people, or of organizations), and what its batch joined."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from sqlalchemy import Table, delete, select
from sqlalchemy.orm import Session

from netweave.services.context import Context
from netweave.store.models import Base, ImportBatch, ImportChange

#: A merge's batch names the two records: ``source_name`` of its ``import_batch`` row.
MERGE_SOURCE = "merge #{other} into #{keep}"
_MERGE_SOURCE = re.compile(r"merge #(\d+) into #(\d+)")
#: Rows looked up at once by their ids (well under any database's limit of parameters).
_LOOKUP = 500


def merged_pair(source_name: str | None) -> tuple[int, int] | None:
    """``(kept, other)`` of a merge's batch, from its ``source_name``; ``None`` otherwise."""
    found = _MERGE_SOURCE.fullmatch(source_name or "")
    return (int(found[2]), int(found[1])) if found else None


def table_of(name: str) -> Table:
    """The table named ``name``."""
    return Base.metadata.tables[name]


def as_json(value: Any) -> Any:
    """A value as the undo log keeps it: a date or a time as ISO text."""
    return value.isoformat() if isinstance(value, dt.date | dt.datetime) else value


class UndoLog:
    """Writes the undo log of a merge (of people, or of organizations) into
    ``import_change``."""

    def __init__(self, session: Session, batch_id: int) -> None:
        self.session, self.batch_id = session, batch_id

    @classmethod
    def of_new_batch(
        cls, ctx: Context, session: Session, kind: str, source: str
    ) -> tuple[ImportBatch, UndoLog]:
        """A new merge batch (``kind``, named ``source``, done when it commits) and its log."""
        batch = ImportBatch(kind=kind, source_name=source, started_at=ctx.clock.now(),
                            state="done", counts={"merged": 1})  # fmt: skip
        session.add(batch)
        session.flush()
        return batch, cls(session, batch.id)

    def add(self, table: str, row_id: int, action: str, before: dict[str, Any] | None) -> None:
        self.session.add(ImportChange(batch_id=self.batch_id, table_name=table, row_id=row_id,
                                      action=action, before=before))  # fmt: skip

    def deleted(self, name: str, row_id: int) -> None:
        """Keep a full copy of a row about to be deleted."""
        table = table_of(name)
        row = self.session.execute(select(table).where(table.c.id == row_id)).mappings().one()
        self.add(name, row_id, "deleted", {k: as_json(v) for k, v in row.items()})


def merge_said(
    session: Session, batch: ImportBatch, pair: tuple[int, int], table_name: str, name: str
) -> dict[str, Any]:
    """What a merge batch did, ``{batch, state, kept, merged}`` (each ``{id, name}``): the
    names of the rows of ``table_name`` (their column ``name``) kept and merged away, the
    latter from the undo log's copy while it is deleted (``None`` once it is forgotten)."""
    said = merges_named(session, {batch.id: pair}, table_name, name)[batch.id]
    return {"batch": batch.id, "state": batch.state, **said}


def merges_named(
    session: Session, pairs: dict[int, tuple[int, int]], table_name: str, name: str
) -> dict[int, dict[str, Any]]:
    """For merge batches (batch id → ``(kept, other)``) of rows of ``table_name``, the
    ``kept`` and ``merged`` row of each (``{id, name}``, ``name`` from their column
    ``name``), the one merged away named from the undo log's copy while it is deleted
    (``None`` once it is forgotten), with a few queries for all of them."""
    table = table_of(table_name)
    ids = sorted({row for pair in pairs.values() for row in pair})
    names: dict[int, str] = {}
    for start in range(0, len(ids), _LOOKUP):
        chunk = ids[start : start + _LOOKUP]
        names.update(
            session.execute(select(table.c.id, table.c[name]).where(table.c.id.in_(chunk)))
            .tuples()
            .all()
        )
    copies: dict[int, Any] = {}
    batches = sorted(pairs)
    for start in range(0, len(batches), _LOOKUP):
        found = session.execute(
            select(ImportChange.batch_id, ImportChange.row_id, ImportChange.before).where(
                ImportChange.batch_id.in_(batches[start : start + _LOOKUP]),
                ImportChange.table_name == table_name,
                ImportChange.action == "deleted",
            )
        )
        for batch_id, row_id, before in found:
            if row_id == pairs[batch_id][1]:
                copies[batch_id] = (before or {}).get(name)
    return {
        batch_id: {"kept": {"id": kept, "name": names.get(kept)},
                   "merged": {"id": other, "name": names.get(other) or copies.get(batch_id)}}
        for batch_id, (kept, other) in pairs.items()
    }  # fmt: skip


def forget_merged_history(session: Session, person_id: int) -> None:
    """Drop what the undo logs keep about a person being forgotten: the records merged into
    them (through every merge still done that kept them, or kept one merged into them) and
    the values an import changed on them. Those merges cannot be undone once the person is
    gone; an undone merge is left alone (the record it split off lives on)."""
    merges = [
        (batch_id, merged_pair(name))
        for batch_id, name in session.execute(
            select(ImportBatch.id, ImportBatch.source_name).where(
                ImportBatch.kind == "merge", ImportBatch.state != "undone"
            )
        )
    ]
    people, batches = {person_id}, set()
    grew = True
    while grew:
        grew = False
        for batch_id, pair in merges:
            if pair is not None and pair[0] in people and batch_id not in batches:
                batches.add(batch_id)
                people.add(pair[1])
                grew = True
    change = ImportChange
    session.execute(delete(change).where(change.batch_id.in_(sorted(batches))))
    session.execute(
        delete(change).where(
            change.table_name == "person",
            change.row_id.in_(sorted(people)),
            change.action != "created",  # a row made: no values of theirs to hold
        )
    )
