"""How import sources identify people, so that importing a file again creates nothing new.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "person_source",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=32), nullable=False),
        sa.Column("external_id", sa.String(length=500), nullable=False),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["import_batch_id"],
            ["import_batch.id"],
            name=op.f("fk_person_source_import_batch_id_import_batch"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_person_source_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_source")),
        sa.UniqueConstraint(
            "source", "external_id", name=op.f("uq_person_source_source_external_id")
        ),
    )
    with op.batch_alter_table("person_source", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_person_source_import_batch_id"), ["import_batch_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_person_source_person_id"), ["person_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("person_source", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_source_person_id"))
        batch_op.drop_index(batch_op.f("ix_person_source_import_batch_id"))

    op.drop_table("person_source")
