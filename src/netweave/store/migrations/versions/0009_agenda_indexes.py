"""Covering indexes for the agenda's give-back and 3B7 scans.

Revision ID: 0009
Revises: 0007
Create Date: 2026-11-26
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_person_stats_give_back",
        "person_stats",
        ["gives", "last_taken_on", "receipts", "asks", "person_id"],
    )
    op.create_index(
        "ix_exchange_outreach",
        "exchange",
        ["direction", "occurred_on", "kind", "interaction_id", "person_id"],
    )


def downgrade() -> None:
    op.drop_index("ix_exchange_outreach", table_name="exchange")
    op.drop_index("ix_person_stats_give_back", table_name="person_stats")
