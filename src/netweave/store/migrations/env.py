"""Alembic environment: runs migrations on the connection netweave hands in."""

from __future__ import annotations

from alembic import context

from netweave.store.migrate import include_name
from netweave.store.models import Base

config = context.config
connection = config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    include_name=include_name,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
