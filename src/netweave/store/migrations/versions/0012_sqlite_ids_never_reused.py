"""SQLite: an id, once given, is never given again (AUTOINCREMENT), in the tables where it
matters: those an undo puts deleted rows back into, and those whose ids the user types.

Without it SQLite gives a new row the highest id plus one, so the id of the newest row,
once that row is deleted, goes to the next row written. A merge that deleted such a row
could then not be undone: the row it puts back has the id of someone else. The other
tables (contact points, sources, aggregates, organizations, the undo log…) are left as
they are: SQLite updates its sequence table on every insert into an AUTOINCREMENT table,
and an import writes those by the hundred thousand. PostgreSQL's sequences never give an
id twice; its schema does not change.

SQLite cannot add AUTOINCREMENT to a table; each table is rebuilt as its own
documentation describes (create the new table, copy, drop, rename, recreate its indexes),
with foreign keys checked once at the end (``store.migrate``) and the query planner's
statistics carried over.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-26
"""

from __future__ import annotations

import re
from collections.abc import Callable

from alembic import op
from sqlalchemy import Connection

from netweave.errors import DatabaseError

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

_SCRATCH = "_netweave_rebuild"
#: As ``store.tables.NEVER_REUSED`` at this revision (a migration does not read the models).
TABLES = (
    "agenda_snooze", "campaign", "campaign_item", "dismissed_pair", "event", "exchange",
    "import_batch", "interaction", "interaction_participant", "interest", "introduction",
    "knows", "lead", "person", "position", "target", "task",
)  # fmt: skip
_HEADER = re.compile(r'^CREATE TABLE\s+(?:"[^"]+"|\w+)\s*\(')


def upgrade() -> None:
    _rebuild_all(_with_autoincrement)


def downgrade() -> None:
    _rebuild_all(_without_autoincrement)


def _rebuild_all(change: Callable[[str, str], str]) -> None:
    conn = op.get_bind()
    if conn.dialect.name != "sqlite":
        return
    for name in TABLES:
        sql = conn.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
        ).scalar_one()
        changed = change(name, sql)
        if changed != sql:  # already as asked: nothing to rebuild
            _rebuild(conn, name, changed)


_AUTO = "id INTEGER NOT NULL CONSTRAINT pk_{} PRIMARY KEY AUTOINCREMENT"


def _with_autoincrement(name: str, sql: str) -> str:
    if _AUTO.format(name) in sql:
        return sql
    sql = _once(rf",\s*CONSTRAINT pk_{name} PRIMARY KEY \(id\)", "", sql, name)
    return _once(r"\bid INTEGER NOT NULL(?=,|\s*\))", _AUTO.format(name), sql, name)


def _without_autoincrement(name: str, sql: str) -> str:
    if _AUTO.format(name) not in sql:
        return sql
    sql = sql.replace(_AUTO.format(name), "id INTEGER NOT NULL")
    return _once(r"\s*\)\s*$", f", \n\tCONSTRAINT pk_{name} PRIMARY KEY (id)\n)", sql, name)


def _once(pattern: str, replacement: str, sql: str, name: str) -> str:
    changed, count = re.subn(pattern, lambda _: replacement, sql, count=1)
    if count != 1:
        raise DatabaseError(f"schema change stopped: table {name} is not as netweave wrote it")
    return changed


def _rebuild(conn: Connection, name: str, sql: str) -> None:
    extras = [
        row[0]
        for row in conn.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') "
            "AND sql IS NOT NULL ORDER BY type, name",
            (name,),
        )
    ]
    if not _HEADER.match(sql):
        raise DatabaseError(f"schema change stopped: table {name} is not as netweave wrote it")
    stats = _planner_stats(conn, name)  # dropping the table drops them; the rows are the same
    conn.exec_driver_sql(_HEADER.sub(f'CREATE TABLE "{_SCRATCH}" (', sql, count=1))
    conn.exec_driver_sql(f'INSERT INTO "{_SCRATCH}" SELECT * FROM "{name}"')
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
