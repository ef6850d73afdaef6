"""An ask knows when it was settled (``exchange.settled_on``) and the conversation whose
receipt fulfilled it (``exchange.fulfilled_by_interaction_id``), so that deleting or
correcting that conversation opens the ask again.

Asks settled before this revision keep no day and no conversation: netweave cannot tell
which receipt, if any, settled them, so they stay settled as if by hand.

SQLite cannot add a named foreign key to a table: the table is rebuilt with the new columns
(``store.sqlite_rebuild``: its rows, ids, indexes and planner statistics carried over).

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-26
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from alembic import op

from netweave.store.sqlite_rebuild import edit_once, rebuild, table_sql

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

_FK = "fk_exchange_fulfilled_by_interaction_id_interaction"
_INDEX = "ix_exchange_fulfilled_by_interaction_id"
#: What SQLite's table gains: two columns after the last one, and the foreign key after
#: the table's others (the order SQLAlchemy writes a new table in).
_LAST = "updated_at DATETIME NOT NULL"
_COLUMNS = ", \n\tsettled_on DATE, \n\tfulfilled_by_interaction_id INTEGER"
_CONSTRAINT = (
    f", \n\tCONSTRAINT {_FK} FOREIGN KEY(fulfilled_by_interaction_id) "
    "REFERENCES interaction (id) ON DELETE SET NULL"
)
_END = r"\s*\)\s*$"


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        sql = table_sql(conn, "exchange")
        sql = edit_once(re.escape(_LAST), _LAST + _COLUMNS, sql, "exchange")
        sql = edit_once(_END, _CONSTRAINT + "\n)", sql, "exchange")
        rebuild(conn, "exchange", sql)
    else:
        op.add_column("exchange", sa.Column("settled_on", sa.Date(), nullable=True))
        op.add_column(
            "exchange", sa.Column("fulfilled_by_interaction_id", sa.Integer(), nullable=True)
        )
        op.create_foreign_key(
            _FK,
            "exchange",
            "interaction",
            ["fulfilled_by_interaction_id"],
            ["id"],
            ondelete="SET NULL",
        )
    op.create_index(_INDEX, "exchange", ["fulfilled_by_interaction_id"])


def downgrade() -> None:
    op.drop_index(_INDEX, table_name="exchange")
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        sql = table_sql(conn, "exchange")
        for added in (_COLUMNS, _CONSTRAINT):
            sql = edit_once(re.escape(added), "", sql, "exchange")
        rebuild(conn, "exchange", sql)
    else:
        op.drop_constraint(_FK, "exchange", type_="foreignkey")
        op.drop_column("exchange", "fulfilled_by_interaction_id")
        op.drop_column("exchange", "settled_on")
