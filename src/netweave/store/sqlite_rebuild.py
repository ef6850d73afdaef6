"""Rebuild one SQLite table from a changed ``CREATE TABLE`` statement, as SQLite's own
documentation describes (create the new table, copy, drop, rename, recreate its indexes and
triggers), keeping the query planner's statistics: what a schema change SQLite's ``ALTER
TABLE`` cannot make takes. Foreign keys are checked once at the end of the migration
(``store.migrate``)."""

from __future__ import annotations

import re

from sqlalchemy import Connection

from netweave.errors import DatabaseError

_SCRATCH = "_netweave_rebuild"
_HEADER = re.compile(r'^CREATE TABLE\s+(?:"[^"]+"|\w+)\s*\(')


def table_sql(conn: Connection, name: str) -> str:
    """The ``CREATE TABLE`` statement of table ``name`` as the database holds it."""
    return str(
        conn.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
        ).scalar_one()
    )


def edit_once(pattern: str, replacement: str, sql: str, name: str) -> str:
    """``sql`` with the one match of ``pattern`` replaced; anything else means the table is
    not as netweave wrote it, and the schema change stops."""
    changed, count = re.subn(pattern, lambda _: replacement, sql, count=1)
    if count != 1:
        raise not_as_written(name)
    return changed


def not_as_written(name: str) -> DatabaseError:
    """The error that stops a schema change on a table netweave did not write so."""
    return DatabaseError(f"schema change stopped: table {name} is not as netweave wrote it")


def rebuild(conn: Connection, name: str, sql: str) -> None:
    """Make table ``name`` the one ``sql`` creates, with its rows (the columns both have),
    indexes, triggers and planner statistics."""
    extras = [
        row[0]
        for row in conn.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') "
            "AND sql IS NOT NULL ORDER BY type, name",
            (name,),
        )
    ]
    if not _HEADER.match(sql):
        raise not_as_written(name)
    stats = _planner_stats(conn, name)  # dropping the table drops them; the rows are the same
    conn.exec_driver_sql(_HEADER.sub(f'CREATE TABLE "{_SCRATCH}" (', sql, count=1))
    old = {row[1] for row in conn.exec_driver_sql(f'PRAGMA table_info("{name}")')}
    kept = ", ".join(
        f'"{row[1]}"'
        for row in conn.exec_driver_sql(f'PRAGMA table_info("{_SCRATCH}")')
        if row[1] in old  # a new column starts empty
    )
    conn.exec_driver_sql(f'INSERT INTO "{_SCRATCH}" ({kept}) SELECT {kept} FROM "{name}"')
    conn.exec_driver_sql(f'DROP TABLE "{name}"')
    conn.exec_driver_sql(f'ALTER TABLE "{_SCRATCH}" RENAME TO "{name}"')
    for statement in extras:
        conn.exec_driver_sql(statement)
    for row in stats:
        conn.exec_driver_sql("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)", row)


def _planner_stats(conn: Connection, name: str) -> list[tuple[str, str | None, str]]:
    """The query planner's statistics of one table (``ANALYZE``'s), when it has any."""
    exists = conn.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'"
    ).first()
    if exists is None:
        return []
    rows = conn.exec_driver_sql(
        "SELECT tbl, idx, stat FROM sqlite_stat1 WHERE tbl = ?", (name,)
    ).all()
    return [(str(tbl), idx, str(stat)) for tbl, idx, stat in rows]
