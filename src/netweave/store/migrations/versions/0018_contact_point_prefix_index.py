"""On PostgreSQL, an index that finds contact points by the start of their value
(``LIKE 'olivia.green%'``) in any collation: search finds people by part of an email
address. SQLite's unique index of (kind, normalized) answers the same as a range already.

Revision ID: 0018
Revises: 0017
Create Date: 2026-11-28
"""

from __future__ import annotations

from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

INDEX = "ix_contact_point_prefix"


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.create_index(
            INDEX,
            "contact_point",
            ["kind", "normalized"],
            postgresql_ops={"normalized": "text_pattern_ops"},
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_index(INDEX, table_name="contact_point")
