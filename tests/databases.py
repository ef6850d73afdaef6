"""Test helpers for real databases: emptying a PostgreSQL test database between tests."""

from __future__ import annotations

from sqlalchemy import create_engine, text


def truncate_pg(url: str) -> None:
    """Empty every netweave table of a PostgreSQL database (the schema stays)."""
    engine = create_engine(url)
    with engine.begin() as conn:
        tables = conn.execute(
            text(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                "AND tablename <> 'alembic_version'"
            )
        ).scalars()
        names = ", ".join(f'"{t}"' for t in tables)
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    engine.dispose()
