"""A person's tag knows the import that gave it (``person_tag.import_batch_id``; none for a
tag the user gave by hand), so undoing an import keeps the people the user has tagged since.

Links that exist already are taken as given by the import their person came from: the
rule undo followed until now.

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("person_tag", schema=None) as batch_op:
        batch_op.add_column(sa.Column("import_batch_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_person_tag_import_batch_id_import_batch"),
            "import_batch",
            ["import_batch_id"],
            ["id"],
            ondelete="SET NULL",
        )
    op.execute(
        """
        UPDATE person_tag SET import_batch_id = (
            SELECT p.import_batch_id FROM person p WHERE p.id = person_tag.person_id
        )
        """
    )


def downgrade() -> None:
    with op.batch_alter_table("person_tag", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_person_tag_import_batch_id_import_batch"), type_="foreignkey"
        )
        batch_op.drop_column("import_batch_id")
