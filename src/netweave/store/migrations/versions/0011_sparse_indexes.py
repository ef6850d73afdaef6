"""Partial indexes for columns most rows leave empty (cadence due, birthday, help taken,
circle, met at, introduced by, domain): rows without a value cost no index entry.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

#: index name → (table, columns, the column whose rows are indexed). Any comparison on that
#: column implies it is set, so queries still use these indexes on SQLite and PostgreSQL.
SPARSE_INDEXES: dict[str, tuple[str, tuple[str, ...], str]] = {
    "ix_organization_domain": ("organization", ("domain",), "domain"),
    "ix_person_circle": ("person", ("circle",), "circle"),
    "ix_person_introduced_by_id": ("person", ("introduced_by_id",), "introduced_by_id"),
    "ix_person_met_event_id": ("person", ("met_event_id",), "met_event_id"),
    "ix_person_stats_next_due": ("person_stats", ("next_due",), "next_due"),
    "ix_person_stats_birthday_md": ("person_stats", ("birthday_md",), "birthday_md"),
    "ix_person_stats_last_taken_on": ("person_stats", ("last_taken_on",), "last_taken_on"),
    # the give-back scan reads only this index (services/routines.give_items)
    "ix_person_stats_give_back": (
        "person_stats",
        ("gives", "last_taken_on", "receipts", "asks", "person_id"),
        "last_taken_on",
    ),
}


def upgrade() -> None:
    for name, (table, columns, column) in SPARSE_INDEXES.items():
        op.drop_index(name, table_name=table)
        where = sa.text(f"{column} IS NOT NULL")
        op.create_index(name, table, list(columns), sqlite_where=where, postgresql_where=where)
    _analyze()


def downgrade() -> None:
    for name, (table, columns, _) in SPARSE_INDEXES.items():
        op.drop_index(name, table_name=table)
        op.create_index(name, table, list(columns))
    _analyze()


def _analyze() -> None:
    """PostgreSQL's planner weighs the new indexes with fresh statistics of their tables."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ANALYZE organization, person, person_stats")
