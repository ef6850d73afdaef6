"""Weaving the net: dismissed suggestions about pairs, and cached text embeddings.

Revision ID: 0007
Revises: 0005
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dismissed_pair",
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("person_a_id", sa.Integer(), nullable=False),
        sa.Column("person_b_id", sa.Integer(), nullable=False),
        sa.Column("dismissed_on", sa.Date(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "person_a_id < person_b_id", name=op.f("ck_dismissed_pair_ordered_pair")
        ),
        sa.ForeignKeyConstraint(
            ["person_a_id"],
            ["person.id"],
            name=op.f("fk_dismissed_pair_person_a_id_person"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_b_id"],
            ["person.id"],
            name=op.f("fk_dismissed_pair_person_b_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dismissed_pair")),
        sa.UniqueConstraint(
            "kind",
            "person_a_id",
            "person_b_id",
            name=op.f("uq_dismissed_pair_kind_person_a_id_person_b_id"),
        ),
    )
    with op.batch_alter_table("dismissed_pair", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_dismissed_pair_person_b_id"), ["person_b_id"], unique=False
        )
    op.create_table(
        "text_embedding",
        sa.Column("model", sa.String(length=100), nullable=False),
        sa.Column("text_hash", sa.String(length=64), nullable=False),
        sa.Column("dim", sa.Integer(), nullable=False),
        sa.Column("vector", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_text_embedding")),
        sa.UniqueConstraint("model", "text_hash", name=op.f("uq_text_embedding_model_text_hash")),
    )


def downgrade() -> None:
    op.drop_table("text_embedding")
    with op.batch_alter_table("dismissed_pair", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dismissed_pair_person_b_id"))
    op.drop_table("dismissed_pair")
