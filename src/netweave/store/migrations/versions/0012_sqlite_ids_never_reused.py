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

from collections.abc import Callable

from alembic import op

from netweave.store.sqlite_rebuild import edit_once, rebuild, table_sql

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

#: As ``store.tables.NEVER_REUSED`` at this revision (a migration does not read the models).
TABLES = (
    "agenda_snooze", "campaign", "campaign_item", "dismissed_pair", "event", "exchange",
    "import_batch", "interaction", "interaction_participant", "interest", "introduction",
    "knows", "lead", "person", "position", "target", "task",
)  # fmt: skip


def upgrade() -> None:
    _rebuild_all(_with_autoincrement)


def downgrade() -> None:
    _rebuild_all(_without_autoincrement)


def _rebuild_all(change: Callable[[str, str], str]) -> None:
    conn = op.get_bind()
    if conn.dialect.name != "sqlite":
        return
    for name in TABLES:
        sql = table_sql(conn, name)
        changed = change(name, sql)
        if changed != sql:  # already as asked: nothing to rebuild
            rebuild(conn, name, changed)


_AUTO = "id INTEGER NOT NULL CONSTRAINT pk_{} PRIMARY KEY AUTOINCREMENT"


def _with_autoincrement(name: str, sql: str) -> str:
    if _AUTO.format(name) in sql:
        return sql
    sql = edit_once(rf",\s*CONSTRAINT pk_{name} PRIMARY KEY \(id\)", "", sql, name)
    return edit_once(r"\bid INTEGER NOT NULL(?=,|\s*\))", _AUTO.format(name), sql, name)


def _without_autoincrement(name: str, sql: str) -> str:
    if _AUTO.format(name) not in sql:
        return sql
    sql = sql.replace(_AUTO.format(name), "id INTEGER NOT NULL")
    return edit_once(r"\s*\)\s*$", f", \n\tCONSTRAINT pk_{name} PRIMARY KEY (id)\n)", sql, name)
