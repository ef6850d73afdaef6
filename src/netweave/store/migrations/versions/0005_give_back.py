"""When each person last helped the user (or was asked), for give-back prompts.

Derived data: netweave rebuilds the aggregates after an upgrade.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("person_stats", schema=None) as batch_op:
        batch_op.add_column(sa.Column("last_taken_on", sa.Date(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_person_stats_last_taken_on"), ["last_taken_on"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("person_stats", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_stats_last_taken_on"))
        batch_op.drop_column("last_taken_on")
