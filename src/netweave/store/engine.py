"""Engine and transaction factory: SQLite (WAL, foreign keys, busy timeout) or PostgreSQL by URL."""

from __future__ import annotations

import logging
import os
import re
import shutil
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from sqlalchemy import Engine, String, create_engine, event, inspect
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError, SQLAlchemyError

from netweave.errors import DatabaseError, InvalidInput
from netweave.store import ledger

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    #: What read-only helpers accept: an ORM session, or a plain connection on the paths
    #: that build plain data and never set the ORM up (see ``Database.rows``).
    Reader: TypeAlias = Session | Connection

#: How long a SQLite writer waits for another writer before giving up (milliseconds): a
#: command waits out another's import; the web app waits less (``Database.wait_for_writers``).
SQLITE_BUSY_TIMEOUT_MS = 30_000
#: How long opening a PostgreSQL connection waits for the server to answer (seconds), unless
#: the URL says (``?connect_timeout=N``): a server behind a firewall that drops packets, or a
#: network gone, would otherwise hang a command for minutes.
PG_CONNECT_TIMEOUT_S = 10
_IMMEDIATE = "netweave_immediate"
_PG_POSITION = "SELECT pg_current_wal_insert_lsn()"


#: What the web app says when another command holds the SQLite write lock too long.
LOCKED = "another command is writing to the database: try again once it is done"


def is_locked(exc: BaseException) -> bool:
    """Whether ``exc`` is SQLite's "database is locked": another process held the write
    lock for longer than the busy timeout."""
    return isinstance(exc, OperationalError) and "database is locked" in str(exc)


def parse_url(url: str) -> URL:
    """Parse a SQLAlchemy URL, turning a malformed one into a user error."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseError(f"not a database path or URL: {url!r}") from exc
    backend, plus, driver = parsed.drivername.partition("+")
    if backend == "postgres":  # libpq's own spelling
        parsed = parsed.set(drivername=f"postgresql{plus}{driver}")
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise DatabaseError(f"unsupported database {parsed.get_backend_name()!r} in {url!r}")
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    try:
        parsed.get_dialect()  # a driver name SQLAlchemy does not know: misspelt
    except NoSuchModuleError as exc:
        raise _unknown_driver(url, parsed) from exc
    return parsed


#: The password of a URL's user, where SQLAlchemy reads it (``scheme://user:PASSWORD@``),
#: and one given as a parameter (``?password=…``, which libpq reads too).
_PASSWORD = re.compile(r"^([\w+]+://[^:/]*:)[^@]*@")
_PASSWORD_PARAMETER = re.compile(r"([?&]password=)[^&]*", re.IGNORECASE)


def shown_url(url: str) -> str:
    """A database URL as the user typed it (``?host=/var/run/postgresql``, not percent-encoded
    as SQLAlchemy writes it back), with its password, if any, hidden as ``***``."""
    return _PASSWORD_PARAMETER.sub(r"\1***", _PASSWORD.sub(r"\1***@", url, count=1))


def sqlite_path(url: URL) -> Path | None:
    """The file behind a SQLite URL, or ``None`` for other databases and in-memory SQLite."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(str(url.database))


#: SQLite's words for a file it could not open or write, whose cause the folder may tell.
_CANNOT_WRITE = (
    "unable to open database file",
    "attempt to write a readonly database",
    "disk I/O error",
    "database or disk is full",
)
#: Less free space than this on a disk SQLite failed on: it is full (a page, a journal).
_FULL_BELOW = 1 << 20


def why_not_written(path: Path, said: str) -> str:
    """SQLite's reason for failing on the file ``path``, said plainly when its folder tells
    why: a read-only folder or file system (SQLite writes its journal beside the file), a
    full disk; else as SQLite said it."""
    if said not in _CANNOT_WRITE:
        return said
    folder = path.parent
    if path.exists() and not os.access(folder, os.W_OK):  # a read-only file system too
        return (
            f"the folder {folder} is read-only: SQLite needs to write its journal "
            f"({path.name}-wal, {path.name}-shm) beside the file; copy the file to a folder "
            "you can write to and open the copy"
        )
    try:
        full = shutil.disk_usage(folder).free < _FULL_BELOW
    except OSError:
        full = False
    if full or said == "database or disk is full":
        return f"no space left on the disk of {folder}: free some space and run the command again"
    return said


def make_engine(url: str, busy_timeout_ms: Callable[[], int] | None = None) -> Engine:
    """Create an engine for ``url`` with netweave's connection settings; a SQLite
    connection waits ``busy_timeout_ms()`` for another writer (``SQLITE_BUSY_TIMEOUT_MS``
    when not given), read as each connection opens."""
    parsed = parse_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = sqlite_path(parsed)
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise DatabaseError(f"cannot create the folder for {path}: {exc}") from exc
        wait = busy_timeout_ms or (lambda: SQLITE_BUSY_TIMEOUT_MS)
        engine = create_engine(parsed, connect_args={"timeout": wait() / 1000})
        _configure_sqlite(engine, wait)
        return engine
    # psycopg logs a second, internal line when a failed transaction's pipeline ends; the
    # error itself is reported once, as netweave's own
    quiet = logging.getLogger("psycopg")
    if not any(isinstance(h, logging.NullHandler) for h in quiet.handlers):
        quiet.addHandler(logging.NullHandler())
    waits = {} if "connect_timeout" in parsed.query else {"connect_timeout": PG_CONNECT_TIMEOUT_S}
    try:
        return create_engine(parsed, pool_pre_ping=True, connect_args=waits)
    except ImportError as exc:  # another driver named in the URL, not installed
        _, _, rest = url.partition("://")
        raise DatabaseError(
            f"the PostgreSQL driver {parsed.get_driver_name()!r} is not installed; "
            f"use postgresql+psycopg://{rest}"
        ) from exc


def _unknown_driver(url: str, parsed: URL) -> DatabaseError:
    """A driver name netweave does not know, misspelt perhaps (``postgresql+pyscopg``)."""
    _, _, rest = url.partition("://")
    backend = parsed.get_backend_name()
    use = (
        f"postgresql+psycopg://{rest}"
        if backend == "postgresql"
        else f"sqlite:///{parsed.database or 'PATH'}"
    )
    return DatabaseError(
        f"unknown database driver {parsed.get_driver_name()!r} in --db {shown_url(url)}: "
        f"netweave knows sqlite (a file path) and postgresql+psycopg; use {use}"
    )


def _configure_sqlite(engine: Engine, busy_timeout_ms: Callable[[], int]) -> None:
    """WAL, foreign keys, busy timeout, and explicit BEGIN (IMMEDIATE for writers)."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # let the "begin" hook below issue BEGIN itself
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms())}")
        cur.execute("PRAGMA foreign_keys = ON")
        if _ours_or_new(cur):  # WAL is written into the file: never into another app's
            cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get(_IMMEDIATE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _ours_or_new(cur: Any) -> bool:
    """Whether a SQLite file is netweave's (it has its schema version, a number: another
    program's Alembic writes hashes) or holds no table."""
    tables = cur.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name = 'alembic_version' "
        "DESC LIMIT 1"
    ).fetchone()
    if tables is None:
        return True
    if tables[0] != "alembic_version":
        return False
    version = cur.execute("SELECT version_num FROM alembic_version LIMIT 1").fetchone()
    return version is None or is_our_revision(str(version[0]))


def is_our_revision(revision: str) -> bool:
    """Whether a schema version is netweave's, this one's or a newer one's: its revisions
    are numbered (``0017``); another program's Alembic names its own by hashes."""
    return revision.isascii() and revision.isdigit()


def check_lengths(session: Session, _context: Any, _instances: Any) -> None:
    """Refuse text longer than its column, on every backend, before it is written.

    PostgreSQL enforces ``VARCHAR(n)`` (and fails the whole transaction with a database
    error naming no field); SQLite stores anything, so a database would hold rows that
    no PostgreSQL could restore. Checked here, both say which value is too long.
    """
    for obj in (*session.new, *session.dirty):
        mapper = inspect(obj).mapper
        for column in mapper.columns:
            limit = column.type.length if isinstance(column.type, String) else None
            if not limit:
                continue
            value = getattr(obj, mapper.get_property_by_column(column).key, None)
            if isinstance(value, str) and len(value) > limit:
                what = f"{column.table.name} {column.name}".replace("_", " ")
                raise InvalidInput(
                    f"{what} is longer than {limit} characters ({len(value)}): {value[:40]!r}…",
                    web=_web_words(obj, column.table.name, column.name, limit, len(value)),
                )


#: A contact point's kind as the web's forms label its field.
_CONTACT_LABELS = {"email": "Email", "phone": "Phone", "linkedin": "LinkedIn", "url": "Web address"}


def _web_words(obj: Any, table: str, column: str, limit: int, length: int) -> str | None:
    """A value too long for its column in the words of the web's forms, which name no
    column: a person's name, or a contact point by its field's label (``None``: the
    command line's words)."""
    most = f"at most {limit:,} characters (this one has {length:,})"
    if (table, column) == ("person", "display_name"):
        return f"a name takes {most}"
    if (table, column) == ("contact_point", "value"):
        return f"{_CONTACT_LABELS.get(getattr(obj, 'kind', ''), 'Contact')}: {most}"
    return None


class Database:
    """An open database: hands out one session per transaction."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._busy_timeout_ms = SQLITE_BUSY_TIMEOUT_MS
        self.engine = make_engine(url, lambda: self._busy_timeout_ms)
        self.dialect = self.engine.dialect.name
        self._sessions: tuple[sessionmaker[Session], sessionmaker[Session]] | None = None
        self._watch: Any = None  # the connection that watches for commits
        self._watch_lock = threading.Lock()
        #: Taken around every commit; ``refuse_commits`` sets its reason under it.
        self._commit_lock = threading.Lock()
        self._refusing: str | None = None

    def _makers(self) -> tuple[sessionmaker[Session], sessionmaker[Session]]:
        """The writer's and the reader's session factories, made on first use."""
        if self._sessions is None:
            from sqlalchemy.orm import sessionmaker

            writer = self.engine.execution_options(**{_IMMEDIATE: True})
            self._sessions = (
                sessionmaker(writer, expire_on_commit=False),
                sessionmaker(self.engine, expire_on_commit=False),
            )
            event.listen(self._sessions[0], "before_flush", check_lengths)
        return self._sessions

    @property
    def location(self) -> str:
        """The database as messages name it: a SQLite file's path, else its URL as typed
        (without a password)."""
        file = self.sqlite_file
        return str(file) if file is not None else shown_url(self.url)

    @property
    def sqlite_file(self) -> Path | None:
        """The SQLite file of this database, if it is one."""
        return sqlite_path(self.engine.url)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A write transaction: committed when the block ends, rolled back on any error (an
        interrupt too). Whether it committed is recorded for the command (``ledger``)."""
        with self._makers()[0]() as session:
            session.begin()
            ledger.opened(session)
            committed = False
            try:
                yield session
                session.flush()  # the long part, before the interrupts are held back
                with ledger.signals_held(), self._commit_lock:
                    if self._refusing is not None:
                        raise DatabaseError(self._refusing)
                    session.commit()
                    committed = True
                    ledger.closed(session, committed=True)
            except BaseException:
                if not committed:
                    session.rollback()
                raise
            finally:
                if not committed:
                    ledger.closed(session, committed=False)

    def wait_for_writers(self, milliseconds: int) -> None:
        """How long a write waits for another process's write lock (SQLite) before it fails
        as locked (``is_locked``), instead of ``SQLITE_BUSY_TIMEOUT_MS``: the web app, where
        someone waits at the page, says the database is busy after a few seconds, not 30.
        Connections opened from now on wait so long; those pooled are closed."""
        self._busy_timeout_ms = milliseconds
        if self.sqlite_file is not None:  # (in memory, no other process can hold a lock)
            self.engine.dispose()  # a connection in use is closed once it is given back

    def refuse_commits(self, reason: str) -> None:
        """Commit nothing from now on (a stopping server: an import still under way must
        not be saved after the server said it was not); a commit tried fails with
        ``reason``. Returns once no commit is in progress."""
        with self._commit_lock:
            self._refusing = reason

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only transaction (never takes the SQLite write lock)."""
        with self._makers()[1]() as session:  # closing ends the transaction; nothing is committed
            yield session

    @contextmanager
    def rows(self) -> Iterator[Connection]:
        """A read-only transaction on plain rows, for paths that need no ORM objects."""
        with self.engine.connect() as conn:  # closing rolls back: nothing is committed
            yield conn

    def data_version(self) -> object | None:
        """A value that changes whenever anything is committed to the database, by this
        process or another (``None`` when it cannot be told: in-memory SQLite).

        SQLite: ``PRAGMA data_version`` on a connection kept for this alone, which never
        writes, so every commit counts. PostgreSQL: the WAL insert position, read on a
        connection kept for this alone; any commit advances it at once (so do other
        databases of the same server and its own upkeep: those only cost a needless
        refresh).
        """
        with self._watch_lock:
            if self.dialect == "sqlite":
                path = self.sqlite_file
                if path is None:
                    return None
                if self._watch is None:
                    self._watch = sqlite3.connect(path, check_same_thread=False)
                version: object = self._watch.execute("PRAGMA data_version").fetchone()[0]
                return version
            try:
                if self._watch is None:
                    cargs, cparams = self.engine.dialect.create_connect_args(self.engine.url)
                    self._watch = self.engine.dialect.connect(*cargs, **cparams)
                    self._watch.autocommit = True
                position: object = self._watch.execute(_PG_POSITION).fetchone()[0]
            except self.engine.dialect.loaded_dbapi.Error:  # down or dropped: try next time
                if self._watch is not None:
                    self._watch.close()
                self._watch = None
                return object()  # equal to no remembered version: a fresh read
            return position

    def close(self) -> None:
        """Release every pooled connection (SQLite first refreshes its planner statistics)."""
        if self.dialect == "sqlite":
            try:
                with self.engine.connect() as conn:
                    conn.exec_driver_sql("PRAGMA optimize")
            except SQLAlchemyError:
                pass  # an unusable file: the error that matters was reported already
        with self._watch_lock:
            if self._watch is not None:
                self._watch.close()
                self._watch = None
        self.engine.dispose()
