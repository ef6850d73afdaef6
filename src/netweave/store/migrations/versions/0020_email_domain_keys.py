"""Search finds people by the domain of their email addresses (``@acme.com``, ``acme.com``,
``@acme``), subdomains included: each email contact point keeps its domain top label first
(``domain_key``: ``com.acme.mail.``), so that a domain and all its subdomains are one range
of a partial index (rows of other kinds, without a key, cost no entry). On PostgreSQL the
key compares byte by byte (collation "C"), as on SQLite.

Revision ID: 0020
Revises: 0019
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from netweave.logic.normalize import email_domain_key

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

INDEX = "ix_contact_point_domain_key"
_CHUNK = 5000


def upgrade() -> None:
    key_type = sa.String(length=500).with_variant(
        sa.String(length=500, collation="C"), "postgresql"
    )
    op.add_column("contact_point", sa.Column("domain_key", key_type, nullable=True))
    conn = op.get_bind()
    point = sa.table(
        "contact_point",
        sa.column("id", sa.Integer()),
        sa.column("kind", sa.String()),
        sa.column("normalized", sa.String()),
        sa.column("domain_key", sa.String()),
    )
    fill = (
        sa.update(point)
        .where(point.c.id == sa.bindparam("row_id"))
        .values(domain_key=sa.bindparam("key"))
    )
    last = 0
    while True:
        rows = conn.execute(
            sa.select(point.c.id, point.c.normalized)
            .where(point.c.kind == "email", point.c.id > last)
            .order_by(point.c.id)
            .limit(_CHUNK)
        ).all()
        if not rows:
            break
        keys = [{"row_id": i, "key": email_domain_key(n)} for i, n in rows]
        conn.execute(fill, [k for k in keys if k["key"] is not None])
        last = rows[-1][0]
    where = sa.text("domain_key IS NOT NULL")
    op.create_index(
        INDEX,
        "contact_point",
        ["domain_key", "normalized"],
        sqlite_where=where,
        postgresql_where=where,
    )
    if conn.dialect.name == "postgresql":
        op.execute("ANALYZE contact_point")


def downgrade() -> None:
    op.drop_index(INDEX, table_name="contact_point")
    op.drop_column("contact_point", "domain_key")
