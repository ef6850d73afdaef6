"""Buffered bulk inserts with ids assigned up front, and PostgreSQL sequences reset after."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table, func, insert, select, text
from sqlalchemy.orm import Session

from netweave.store import models as m
from netweave.store.sort_keys import with_sort_key

#: Rows per INSERT batch (bounds memory and statement size).
CHUNK = 5_000

Row = dict[str, Any]


def _table(model: type[m.Base]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


#: Every table the demo writes, parents before children (the order of the INSERTs).
ORDER: tuple[Table, ...] = (
    *map(_table, (m.Organization, m.Community, m.Tag, m.Event, m.Person, m.ContactPoint)),
    *map(_table, (m.Position, m.Affiliation, m.Interest, m.Need, m.Offer)),
    m.person_tag,
    m.event_attendee,
    *map(_table, (m.Interaction, m.InteractionParticipant, m.Exchange, m.Knows, m.Target)),
    *map(_table, (m.Lead, m.LeadStageChange, m.LeadPerson, m.Task, m.Introduction)),
)
#: One SQL-side timestamp per statement instead of a Python default processed for every row.
_NOW = func.current_timestamp()


class Writer:
    """Buffers plain-dict rows per table and inserts them in bulk, parents first."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.rows: dict[str, list[Row]] = {t.name: [] for t in ORDER}
        self.counts: dict[str, int] = {t.name: 0 for t in ORDER}
        self.templates = {t.name: _template(t) for t in ORDER}
        # Ids are assigned here, so children can point at parents without a round trip.
        self.next_id = {
            t.name: (session.scalar(select(func.max(t.c.id))) or 0) + 1
            for t in ORDER
            if "id" in t.c
        }

    def add(self, table: str, **values: Any) -> int:
        """Buffer one row (all rows of a table get the same keys); return its new id or 0."""
        row = dict(self.templates[table])
        if not values.keys() <= row.keys():
            raise KeyError(f"unknown columns for {table}: {sorted(set(values) - set(row))}")
        row.update(with_sort_key(table, values))
        new_id = self.next_id.get(table, 0)
        if new_id:
            row["id"] = new_id
            self.next_id[table] = new_id + 1
        self.rows[table].append(row)
        return new_id

    def flush(self) -> None:
        """Insert everything buffered, ``CHUNK`` rows per statement."""
        for table in ORDER:
            rows = self.rows[table.name]
            statement = insert(table)
            if "created_at" in table.c:
                statement = statement.values(created_at=_NOW, updated_at=_NOW)
            for start in range(0, len(rows), CHUNK):
                self.session.execute(statement, rows[start : start + CHUNK])
            self.counts[table.name] += len(rows)
            rows.clear()


def _template(table: Table) -> Row:
    """Every insertable column with its scalar default (``None`` where there is none)."""
    row: Row = {}
    for col in table.columns:
        if col.name not in ("id", "created_at", "updated_at"):
            default = col.default
            row[col.name] = getattr(default, "arg", None) if default and default.is_scalar else None
    return row


def reset_sequences(session: Session, counts: dict[str, int]) -> None:
    """Explicit ids bypass PostgreSQL's sequences: move each past the highest id written."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for table in ORDER:
        if "id" in table.c and counts[table.name]:
            name = table.name
            sequence = f"pg_get_serial_sequence('{name}', 'id')"
            session.execute(text(f"SELECT setval({sequence}, (SELECT max(id) FROM {name}))"))
