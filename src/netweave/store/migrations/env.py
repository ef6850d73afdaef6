"""Alembic environment: runs migrations on the connection netweave hands in."""

from __future__ import annotations

from typing import Any, Literal

from alembic import context

from netweave.store.migrate import include_name
from netweave.store.models import Base, UtcDateTime


def render_item(type_: str, obj: Any, autogen_context: Any) -> str | Literal[False]:
    """Write netweave's own column types as plain SQLAlchemy types, so migrations stay frozen."""
    if type_ == "type" and isinstance(obj, UtcDateTime):
        return "sa.DateTime(timezone=True)"
    return False


config = context.config
connection = config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    include_name=include_name,
    compare_type=True,
    render_item=render_item,
)
with context.begin_transaction():
    context.run_migrations()
