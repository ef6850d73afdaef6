"""People with no circle and no cadence of their own, the user aside, in a partial index:
``today`` says how many there are (up to a cap), reading only this index however large the
network, where a count of the whole table cost about 2.4 ms at 100,000 people.

Revision ID: 0023
Revises: 0022
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None

INDEX = "ix_person_without_circle"


def upgrade() -> None:
    false = "0" if op.get_bind().dialect.name == "sqlite" else "false"
    where = sa.text(f"circle IS NULL AND cadence_days IS NULL AND is_me = {false}")
    op.create_index(INDEX, "person", ["id"], sqlite_where=where, postgresql_where=where)
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ANALYZE person")


def downgrade() -> None:
    op.drop_index(INDEX, table_name="person")
