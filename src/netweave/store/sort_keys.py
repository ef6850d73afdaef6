"""The ``sort_key`` of people and organizations, written wherever their names are.

The ORM keeps it with the name (``store/models.py``), and a Core INSERT through SQLAlchemy
makes it from the row (the column's default, ``store/tables.py``). The rest is here: the
writers that set a name in an UPDATE, or rows written as something else says (an undo
log, a backup), give the key with the name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, select, update

from netweave.logic.sorting import name_sort_key
from netweave.store import tables

if TYPE_CHECKING:  # the ORM stays unloaded where only Core is used (``people list``)
    from sqlalchemy.orm import Session

#: The tables whose rows are listed by name, with the column their ``sort_key`` is made of.
SORTED_BY = {"person": "display_name", "organization": "name"}
_CHUNK = 5000


def with_sort_key(table_name: str, values: dict[str, Any]) -> dict[str, Any]:
    """``values`` (a row, or what an UPDATE sets) with the ``sort_key`` of the name they
    give, when they give the name of a row that has one; else as they are."""
    named = SORTED_BY.get(table_name)
    if named is None or not isinstance(values.get(named), str):
        return values
    return {**values, "sort_key": name_sort_key(values[named])}


def fix_sort_keys(session: Session) -> int:
    """Give every person and organization the key its name makes, where it has another
    (rows written as a backup file says, which a hand may have edited). Returns how many
    rows were changed."""
    changed = 0
    for table_name, named in SORTED_BY.items():
        table = tables.metadata.tables[table_name]
        wrong = [
            {"row_id": row_id, "key": key}
            for row_id, name, held in session.execute(
                select(table.c.id, table.c[named], table.c.sort_key)
            )
            if held != (key := name_sort_key(name))
        ]
        fill = (  # a derived column: the row's own time of change stays
            update(table)
            .where(table.c.id == bindparam("row_id"))
            .values(sort_key=bindparam("key"), updated_at=table.c.updated_at)
        )
        for start in range(0, len(wrong), _CHUNK):
            session.execute(fill, wrong[start : start + _CHUNK])
        changed += len(wrong)
    return changed
