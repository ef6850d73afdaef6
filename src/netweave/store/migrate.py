"""Schema versions: bring any netweave database up to the current revision, safely."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, inspect, text
from sqlalchemy.exc import OperationalError, ProgrammingError, SQLAlchemyError

from netweave.clock import utcnow
from netweave.errors import DatabaseError
from netweave.store.engine import (
    PG_CONNECT_TIMEOUT_S,
    is_locked,
    is_our_revision,
    why_not_written,
)

if TYPE_CHECKING:
    from alembic.config import Config

    from netweave.store.engine import Database

#: The newest revision in ``migrations/versions``; a test keeps the two in step.
HEAD_REVISION = "0025"
MIGRATIONS = Path(__file__).parent / "migrations"
#: Tables the search index owns (FTS5 creates shadow tables with this prefix).
SEARCH_PREFIX = "person_search"
_PG_LOCK_KEY = 0x6E657477  # "netw": serializes concurrent upgrades on PostgreSQL


#: Indexes the migrations create that the models do not declare (partial indexes need
#: dialect options, which would import every dialect whenever the models are imported).
#: Besides the user's own row, the partial indexes of revision 0011: columns most rows leave
#: empty, whose rows without a value cost no index entry; PostgreSQL's index of contact
#: points by the start of their value; and the partial index of email domains (0020).
MIGRATION_ONLY_INDEXES = frozenset(
    {
        "ix_person_is_me",
        "ix_organization_domain",
        "ix_person_circle",
        "ix_person_introduced_by_id",
        "ix_person_met_event_id",
        "ix_person_stats_next_due",
        "ix_person_stats_birthday_md",
        "ix_person_stats_last_taken_on",
        "ix_person_stats_give_back",
        # PostgreSQL only: contact points by the start of their value (revision 0018)
        "ix_contact_point_prefix",
        # email contact points by their domain, top label first (revision 0020)
        "ix_contact_point_domain_key",
        # people with no circle and no cadence of their own, the user aside (revision 0023)
        "ix_person_without_circle",
    }
)


def include_name(name: str | None, type_: str, _parents: Any) -> bool:
    """Leave the search index and migration-only indexes out of model/migration comparisons."""
    if type_ == "index":
        return name not in MIGRATION_ONLY_INDEXES
    return not (type_ == "table" and (name or "").startswith(SEARCH_PREFIX))


def alembic_config(connection: Connection) -> Config:
    """An Alembic configuration that runs on ``connection``."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def current_revision(connection: Connection) -> str | None:
    """The revision a database is at, or ``None`` when it has never been migrated."""
    try:
        with connection.begin_nested():
            row = connection.execute(text("SELECT version_num FROM alembic_version")).first()
    except (OperationalError, ProgrammingError):
        return None
    return None if row is None else str(row[0])


@dataclass(frozen=True)
class UpgradeReport:
    """What ``ensure_current`` did."""

    from_revision: str | None
    to_revision: str
    backup: Path | None


def ensure_current(
    db: Database, announce: Callable[[str], None] | None = None
) -> UpgradeReport | None:
    """Upgrade ``db`` to the head revision if it is behind (backing up a SQLite file first);
    ``announce`` is told, before the work starts, that an existing database is upgraded and
    where its copy goes (an upgrade of a large file takes a while)."""
    try:
        return _ensure_current(db, announce)
    except SQLAlchemyError as exc:
        if is_locked(exc):
            raise DatabaseError(
                f"cannot open {db.location}: another netweave is upgrading or writing it: "
                "run this again once it is done"
            ) from exc
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()
        said = reason[0] if reason else str(exc)
        if said == "connection timeout expired":  # psycopg's words
            waited = db.engine.url.query.get("connect_timeout", PG_CONNECT_TIMEOUT_S)
            said = (
                f"the server did not answer in {waited} s "
                "(give ?connect_timeout=SECONDS in the URL to wait longer)"
            )
        if db.sqlite_file is not None:
            said = why_not_written(db.sqlite_file, said)
        raise DatabaseError(f"cannot open {db.location}: {said}") from exc


def _ensure_current(db: Database, announce: Callable[[str], None] | None) -> UpgradeReport | None:
    with db.engine.connect() as conn:
        revision = current_revision(conn)
        if revision == HEAD_REVISION:
            return None
        user_tables = [t for t in inspect(conn).get_table_names() if t != "alembic_version"]
    if (revision is None and user_tables) or not is_our_revision(revision or "0"):
        raise DatabaseError(f"{db.location} holds tables but is not a netweave database")
    if revision is not None and revision not in known_revisions():
        raise DatabaseError(
            f"{db.location} was written by a newer netweave (schema {revision}); upgrade netweave"
        )
    with migrating(db) as conn:
        # read again under the write lock: another process (a ``serve`` and a command
        # started together) may have upgraded it while this one waited for the lock
        revision = current_revision(conn)
        if revision == HEAD_REVISION:
            return None
        backup = None
        if revision is not None and db.sqlite_file is not None:
            backup = _backup_name(db.sqlite_file)
        if revision is not None and announce is not None:
            copy = f"; a copy of it is saved first as {backup}" if backup else ""
            announce(f"upgrading {db.location} from schema {revision} to {HEAD_REVISION}{copy} …")
        if backup is not None and db.sqlite_file is not None:
            backup_sqlite(db.sqlite_file, backup)
        upgrade_on(conn, HEAD_REVISION)
    return UpgradeReport(revision, HEAD_REVISION, backup)


def upgrade(db: Database, revision: str = "head") -> None:
    """Run the migrations up to ``revision`` in one transaction."""
    with migrating(db) as conn:
        upgrade_on(conn, revision)


def downgrade(db: Database, revision: str) -> None:
    """Run the migrations down to ``revision`` (``base`` empties the database)."""
    with migrating(db) as conn:
        downgrade_on(conn, revision)


def upgrade_on(conn: Connection, revision: str = "head") -> None:
    """Run the migrations up to ``revision`` in the transaction ``conn`` is in (``migrating``'s)."""
    from alembic import command

    command.upgrade(alembic_config(conn), revision)


def downgrade_on(conn: Connection, revision: str) -> None:
    """Run the migrations down to ``revision`` in the transaction ``conn`` is in."""
    from alembic import command

    command.downgrade(alembic_config(conn), revision)


@contextmanager
def migrating(db: Database) -> Iterator[Connection]:
    """One write transaction for migrations, and for whatever else must commit with them (a
    restore of an older backup: the schema taken back, the rows, the schema brought forward).

    PostgreSQL: concurrent migrations wait for each other (an advisory lock, released with
    the transaction). SQLite: foreign keys are checked once at the end. Its batch
    migrations rebuild a table (copy, drop, rename): with foreign keys enforced, dropping
    the old table would cascade into every row pointing at it (a tag's people, say). So
    enforcement is off while the block runs (switched outside the transaction, as SQLite
    asks: the pragma is a no-op inside one, and commits nothing), and the whole database
    is checked before the commit instead; a violation rolls everything back.
    """
    with db.engine.connect() as conn:
        raw = conn.connection.dbapi_connection if conn.dialect.name == "sqlite" else None
        if raw is not None:
            raw.execute("PRAGMA foreign_keys = OFF")  # outside a transaction, as SQLite asks
        try:
            with conn.execution_options(netweave_immediate=True).begin():
                if conn.dialect.name == "postgresql":
                    conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})
                yield conn
                if raw is not None:
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        table, row, parent = broken[0][:3]
                        raise DatabaseError(
                            f"upgrade stopped: row {row} of {table} points at a missing {parent}"
                        )
        finally:
            # an interrupt in the transaction makes SQLAlchemy close the connection: nothing
            # to switch back then (and the error of a closed one would hide the interrupt)
            if raw is not None and not conn.invalidated:
                raw.execute("PRAGMA foreign_keys = ON")


def known_revisions() -> set[str]:
    """Every revision this version of netweave knows how to upgrade from."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(MIGRATIONS))
    return {rev.revision for rev in script.walk_revisions()}


def script_head() -> str | None:
    """The head revision according to the migration scripts themselves."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory(str(MIGRATIONS)).get_current_head()


def _backup_name(path: Path) -> Path:
    """A name for the copy taken before an upgrade, beside the file, that no file has (an
    upgrade tried again in the same second, after an interrupt, takes the next number)."""
    stamp = utcnow().strftime("%Y%m%d-%H%M%S")
    name = path.with_name(f"{path.name}.{stamp}.bak")
    count = 1
    while name.exists():
        count += 1
        name = path.with_name(f"{path.name}.{stamp}-{count}.bak")
    return name


def backup_sqlite(source: Path, target: Path) -> Path:
    """Copy a live SQLite database consistently (the backup API, safe under WAL)."""
    if target.exists():
        raise DatabaseError(f"{target} already exists; choose another backup path")
    opened: list[sqlite3.Connection] = []
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        opened.append(sqlite3.connect(source))
        opened.append(sqlite3.connect(target))
        opened[0].backup(opened[1])
    except (sqlite3.Error, OSError) as exc:
        for conn in opened:
            conn.close()
        opened.clear()
        for left in (target, target.with_name(target.name + "-journal")):
            left.unlink(missing_ok=True)  # a copy cut short (a full disk) is no backup
        raise DatabaseError(f"cannot back up {source} to {target}: {exc}") from exc
    finally:
        for conn in opened:
            conn.close()
    return target
