"""Lists of people and organizations come out in one order on every database, each letter
beside its base letter ("Émile" with "Eve", "Ödön" with "Otto"), case ignored: each person
and organization keeps its name folded for sorting (``sort_key``, made by
``logic.sorting.name_sort_key``), which both databases compare byte by byte (collation "C"
on PostgreSQL). Lists read people by it, then by id, through ``ix_person_sort_key``.

The column is added with an empty default, filled from the names, and the default dropped
on PostgreSQL; SQLite cannot drop a column's default without rebuilding the table, so it
keeps it (netweave always writes the key itself).

Revision ID: 0022
Revises: 0021
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from netweave.logic.sorting import name_sort_key

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None

INDEX = "ix_person_sort_key"
#: Each table with the column its key is made from.
_NAMED = {"person": "display_name", "organization": "name"}
_CHUNK = 5000


def upgrade() -> None:
    conn = op.get_bind()
    key_type = sa.String(length=300).with_variant(
        sa.String(length=300, collation="C"), "postgresql"
    )
    for table_name, name_column in _NAMED.items():
        op.add_column(
            table_name,
            sa.Column("sort_key", key_type, nullable=False, server_default=sa.text("''")),
        )
        _fill(conn, table_name, name_column)
        if conn.dialect.name == "postgresql":
            op.alter_column(table_name, "sort_key", server_default=None)
    op.create_index(INDEX, "person", ["sort_key", "id"])
    if conn.dialect.name == "postgresql":
        op.execute("ANALYZE person")
        op.execute("ANALYZE organization")


def _fill(conn: sa.Connection, table_name: str, name_column: str) -> None:
    """Every row's key, made from its name, a chunk of rows at a time."""
    table = sa.table(
        table_name,
        sa.column("id", sa.Integer()),
        sa.column(name_column, sa.String()),
        sa.column("sort_key", sa.String()),
    )
    fill = (
        sa.update(table)
        .where(table.c.id == sa.bindparam("row_id"))
        .values(sort_key=sa.bindparam("key"))
    )
    last = 0
    while True:
        rows = conn.execute(
            sa.select(table.c.id, table.c[name_column])
            .where(table.c.id > last)
            .order_by(table.c.id)
            .limit(_CHUNK)
        ).all()
        if not rows:
            break
        conn.execute(fill, [{"row_id": i, "key": name_sort_key(name)} for i, name in rows])
        last = rows[-1][0]


def downgrade() -> None:
    op.drop_index(INDEX, table_name="person")
    for table_name in _NAMED:
        op.drop_column(table_name, "sort_key")
