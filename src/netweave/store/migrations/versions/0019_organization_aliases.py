"""Organizations can be merged (``orgs merge``): the names of those merged away are kept
as aliases (``organization_alias``), so that an import or a command naming one finds the
organization kept; and an organization's id, once given, is never given again on SQLite
(AUTOINCREMENT, as revision 0012 did for other tables): the undo of a merge puts the
organization it deleted back under its own id.

SQLite cannot add AUTOINCREMENT to a table: the organization table is rebuilt
(``store.sqlite_rebuild``: its rows, ids, indexes and planner statistics carried over).
PostgreSQL's sequences never give an id twice; there only the new table is made.

Revision ID: 0019
Revises: 0018
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from netweave.store.sqlite_rebuild import edit_once, rebuild, table_sql

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

_AUTO = "id INTEGER NOT NULL CONSTRAINT pk_organization PRIMARY KEY AUTOINCREMENT"


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        sql = table_sql(conn, "organization")
        if _AUTO not in sql:
            sql = edit_once(r",\s*CONSTRAINT pk_organization PRIMARY KEY \(id\)", "", sql,
                            "organization")  # fmt: skip
            sql = edit_once(r"\bid INTEGER NOT NULL(?=,|\s*\))", _AUTO, sql, "organization")
            rebuild(conn, "organization", sql)
    op.create_table(
        "organization_alias",
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("normalized_name", sa.String(length=300), nullable=False),
        sa.Column("domain", sa.String(length=255), nullable=True),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["import_batch_id"],
            ["import_batch.id"],
            name=op.f("fk_organization_alias_import_batch_id_import_batch"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_organization_alias_organization_id_organization"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organization_alias")),
        sa.UniqueConstraint("normalized_name", name=op.f("uq_organization_alias_normalized_name")),
    )
    op.create_index(
        op.f("ix_organization_alias_import_batch_id"), "organization_alias", ["import_batch_id"]
    )
    op.create_index(
        op.f("ix_organization_alias_organization_id"), "organization_alias", ["organization_id"]
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_organization_alias_organization_id"), table_name="organization_alias")
    op.drop_index(op.f("ix_organization_alias_import_batch_id"), table_name="organization_alias")
    op.drop_table("organization_alias")
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        sql = table_sql(conn, "organization")
        if _AUTO in sql:
            sql = sql.replace(_AUTO, "id INTEGER NOT NULL")
            sql = edit_once(r"\s*\)\s*$", ", \n\tCONSTRAINT pk_organization PRIMARY KEY (id)\n)",
                            sql, "organization")  # fmt: skip
            rebuild(conn, "organization", sql)
