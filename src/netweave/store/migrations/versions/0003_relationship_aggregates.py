"""Relationship aggregates per person (tie strength, cadence) and cadences per tag.

The aggregates are derived data: netweave rebuilds them from the log after an upgrade.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "person_stats",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("interactions", sa.Integer(), nullable=False),
        sa.Column("two_way", sa.Integer(), nullable=False),
        sa.Column("depth_sum", sa.Float(), nullable=False),
        sa.Column("depth_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("first_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("gives", sa.Integer(), nullable=False),
        sa.Column("receipts", sa.Integer(), nullable=False),
        sa.Column("asks", sa.Integer(), nullable=False),
        sa.Column("shared", sa.Integer(), nullable=False),
        sa.Column("next_due", sa.Date(), nullable=True),
        sa.Column("birthday_md", sa.String(length=5), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_person_stats_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_stats")),
        sa.UniqueConstraint("person_id", name=op.f("uq_person_stats_person_id")),
    )
    with op.batch_alter_table("person_stats", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_person_stats_birthday_md"), ["birthday_md"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_person_stats_next_due"), ["next_due"], unique=False)

    with op.batch_alter_table("exchange", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_exchange_occurred_on"), ["occurred_on"], unique=False)

    with op.batch_alter_table("tag", schema=None) as batch_op:
        batch_op.add_column(sa.Column("cadence_days", sa.Integer(), nullable=True))
        batch_op.create_check_constraint(
            op.f("ck_tag_cadence_positive"), "cadence_days IS NULL OR cadence_days > 0"
        )


def downgrade() -> None:
    with op.batch_alter_table("tag", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_tag_cadence_positive"), type_="check")
        batch_op.drop_column("cadence_days")

    with op.batch_alter_table("exchange", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_exchange_occurred_on"))

    with op.batch_alter_table("person_stats", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_stats_next_due"))
        batch_op.drop_index(batch_op.f("ix_person_stats_birthday_md"))

    op.drop_table("person_stats")
