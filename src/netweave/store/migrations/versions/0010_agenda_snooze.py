"""Snoozed agenda suggestions: a check-in, give-back or birthday hidden until a day.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "agenda_snooze",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("until", sa.Date(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_agenda_snooze_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_snooze")),
        sa.UniqueConstraint("person_id", "kind", name=op.f("uq_agenda_snooze_person_id_kind")),
    )
    with op.batch_alter_table("agenda_snooze", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agenda_snooze_until"), ["until"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("agenda_snooze", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agenda_snooze_until"))
    op.drop_table("agenda_snooze")
