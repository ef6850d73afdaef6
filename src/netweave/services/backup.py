"""Full, lossless JSON backups of every table, and restoring one into an empty database."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Collection, Iterator
from contextlib import contextmanager, suppress
from functools import partial
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import (
    Connection,
    Table,
    exists,
    func,
    inspect,
    select,
    text,
)
from sqlalchemy.orm import Session

from netweave.clock import utcnow
from netweave.errors import Conflict, DatabaseError, InvalidInput
from netweave.io.json_backup import BackupFile, Outline, open_backup
from netweave.io.json_backup import Table as BackupTable
from netweave.logic.wording import count
from netweave.services.backup_columns import column_fault
from netweave.services.backup_rows import (
    Problems,
    check_table,
    depends_on_unread,
    restore_table,
)
from netweave.services.context import Context, analyze
from netweave.services.leftovers import remove_stale_temporaries, temporary_beside
from netweave.store import search
from netweave.store.engine import Database
from netweave.store.migrate import (
    HEAD_REVISION,
    downgrade_on,
    include_name,
    known_revisions,
    migrating,
    upgrade_on,
)
from netweave.store.models import Base, ImportChange, Person
from netweave.store.sort_keys import fix_sort_keys

FORMAT = "netweave-backup"
VERSION = 1
#: Rows fetched (export) or indexed per round trip (``backup_rows.CHUNK``: inserted).
CHUNK = 5_000


def backup_tables() -> list[Table]:
    """Every ORM table, parents before children (the order of a backup and of a restore)."""
    return list(Base.metadata.sorted_tables)


@contextmanager
def new_file(
    path: Path,
    *,
    force: bool,
    encoding: str = "utf-8",
    newline: str | None = None,
    database: Path | None = None,
) -> Iterator[TextIO]:
    """A text file written beside ``path`` and moved into place only if the block succeeds.

    A symbolic link is written through (the file it points to is replaced, the link stays);
    anything else that is not a plain file (a device, a pipe) is refused, never replaced,
    and so is the SQLite ``database`` being read, or its journal, even with ``force``."""
    shown = path
    if database is not None and _is_database(path, database):
        raise Conflict(
            f"{shown} is the database being exported (or its journal): give another file"
        )
    if str(path) == "-":
        raise Conflict("give a file name: the export is written to a file, not to the screen")
    if path.is_dir():
        raise Conflict(f"{shown} is a folder; give a file name")
    if path.exists() and not path.is_file():  # what a link leads to, too (/dev/stdout)
        raise Conflict(f"{shown} is not a plain file (a device or a pipe); give a file name")
    if path.is_symlink():
        path = path.resolve()
    if path.exists() and not force:
        raise Conflict(f"{shown} already exists (use --force to replace it)")
    remove_stale_temporaries(path)  # of an export to it killed before it finished
    temporary = temporary_beside(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with temporary.open("w", encoding=encoding, newline=newline) as out:
            yield out
        os.replace(temporary, path)
    except OSError as exc:
        raise InvalidInput(f"cannot write {path}: {exc.strerror or exc}") from exc
    finally:
        with suppress(OSError):
            temporary.unlink(missing_ok=True)


def _is_database(path: Path, database: Path) -> bool:
    """Whether ``path`` is the SQLite file ``database`` or one of the files beside it that
    SQLite keeps (``-wal``, ``-shm``, ``-journal``), a link to one included."""
    try:
        target = path.resolve()
        base = database.resolve()
    except OSError:
        return False
    kept = [base, *(base.with_name(base.name + end) for end in ("-wal", "-shm", "-journal"))]
    if target in kept:
        return True
    with suppress(OSError):
        return path.exists() and any(k.exists() and path.samefile(k) for k in kept)
    return False


# --- export ---------------------------------------------------------------------------------


def export_json(ctx: Context, path: Path, *, force: bool = False) -> dict[str, Any]:
    """Write every table to ``path`` as one JSON document, streamed table by table, row by row.

    The rows are read in one consistent snapshot, so a backup taken while netweave is in use
    still restores into a coherent database. Rows a restore would refuse (``db check``) are
    refused first, and nothing is written: a backup is for restoring.
    """
    with _snapshot(ctx.db) as conn:
        _check_exportable(ctx, conn)
        with new_file(path, force=force, database=ctx.db.sqlite_file) as out:
            counts = write_backup(conn, out)
    return {"file": str(path), "people": counts["person"], "rows": sum(counts.values()),
            "tables": counts}  # fmt: skip


def _check_exportable(ctx: Context, conn: Connection) -> None:
    """Refuse to export what ``restore`` would refuse to read back, naming the problem."""
    from netweave.services.admin import database_problems

    with Session(bind=conn) as session:
        problems = database_problems(ctx, session)
    if problems:
        more = len(problems) - 1
        also = f" (and {more} more: `netweave db check` lists them)" if more else ""
        raise InvalidInput(
            f"{problems[0]}{also}; not exported, as restore would refuse the backup "
            "(`netweave db backup` copies the database as it is)"
        )


@contextmanager
def _snapshot(db: Database) -> Iterator[Connection]:
    """A read transaction that sees one moment of the database for all of its queries."""
    with db.engine.connect() as conn:
        if db.dialect == "postgresql":
            conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            yield conn


def _iso(value: Any) -> str:
    if isinstance(value, dt.date):  # datetimes too: UtcDateTime reads them back with +00:00
        return value.isoformat()
    raise TypeError(f"cannot write a {type(value).__name__} to a backup")


_ENCODER = json.JSONEncoder(
    ensure_ascii=False, allow_nan=False, separators=(",", ":"), default=_iso
)


def _dumps(value: Any) -> str:
    """Compact JSON; floats by ``repr`` (exact), dates and datetimes (with offset) in ISO form."""
    return _ENCODER.encode(value)


def write_backup(conn: Connection, out: TextIO) -> dict[str, int]:
    """Write the backup document of ``conn``'s database to ``out``; return rows per table."""
    revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    header = {"format": FORMAT, "version": VERSION, "schema": revision,
              "exported_at": utcnow().isoformat()}  # fmt: skip
    out.write(_dumps(header)[:-1] + ',\n"tables":{')
    counts: dict[str, int] = {}
    for number, table in enumerate(backup_tables()):
        columns = [c.name for c in table.columns]
        out.write(f'{"," if number else ""}\n{_dumps(table.name)}:{{"columns":{_dumps(columns)},')
        out.write('"rows":[')
        query = select(table).order_by(*table.primary_key.columns)
        count = 0
        result = conn.execute(query.execution_options(yield_per=CHUNK))
        for rows in result.partitions():
            out.write(("," if count else "") + "\n" + ",\n".join(_dumps(list(r)) for r in rows))
            count += len(rows)
        out.write("\n]}")
        counts[table.name] = count
    out.write("\n}}\n")
    return counts


# --- restore --------------------------------------------------------------------------------


def restore_json(ctx: Context, path: Path) -> dict[str, Any]:
    """Load a backup written by ``export_json`` into an empty database, all or nothing.

    Ids are kept as they were; the search index (never backed up) is rebuilt from the rows.
    A backup of an older schema is loaded into the empty database taken back to that
    schema, which is then upgraded as an old file would be: its migrations bring the rows
    up to date. Either way it is one transaction: a failure or a kill at any point leaves
    the database as it was, empty and at this program's schema. A damaged backup is read
    through all the same, and every problem in it is raised at once (``BackupProblems``).
    """
    problems = Problems(path)
    with open_backup(path) as backup:  # a file that is not there is said first
        with ctx.db.reading() as session:
            _require_empty(session)
        outline = backup.outline()  # the whole file is read once before anything is written
        schema = check_header(outline.document(), path)
        if schema == HEAD_REVISION:
            with ctx.db.transaction() as session:
                counts = _restore_rows(session, backup, outline, problems)
                _finish(session, problems, ctx)
        else:
            with migrating(ctx.db) as conn, Session(bind=conn) as session:
                _require_empty(session)  # again, now that no one else can write
                downgrade_on(conn, schema)
                counts = _restore_rows(session, backup, outline, problems)
                _check_references(session, problems)
                problems.check()  # the migrations are run on sound rows only
                upgrade_on(conn)
                _finish(session, problems, ctx)
    analyze(ctx)  # the planner's statistics of the tables just filled, not of empty ones
    return {"file": str(path), "people": counts["person"], "rows": sum(counts.values()),
            "tables": counts}  # fmt: skip


def holds_rows(ctx: Context) -> bool:
    """Whether any of the database's tables holds a row (a new one holds none)."""
    with ctx.db.reading() as session:
        return _holds_rows(session)


def _holds_rows(session: Session) -> bool:
    return any(session.scalar(select(exists().select_from(t))) for t in backup_tables())


def unmake_schema(ctx: Context) -> None:
    """Take a database whose schema opening it made (a PostgreSQL database that was empty)
    back to empty after a failed command, unless rows went in meanwhile (another command's)."""
    with migrating(ctx.db) as conn, Session(bind=conn) as session:
        if _holds_rows(session):
            return
        downgrade_on(conn, "base")
        conn.execute(text("DROP TABLE IF EXISTS alembic_version"))


def _restore_rows(
    session: Session, backup: BackupFile, outline: Outline, problems: Problems
) -> dict[str, int]:
    """Insert every table's rows into the tables as the database has them now (this
    program's, or an older revision's), in the transaction of ``session``: parents first,
    whatever order the file has them in. What is wrong is named in ``problems``, and the
    rows that can be read are inserted all the same, so that it is all named."""
    counts: dict[str, int] = {}
    shapes = _shapes(session)
    _require_empty(session, shapes)
    tables = _table_data(outline, problems, shapes)
    for table in backup_tables():
        if table.name not in tables:
            continue
        columns, entry = tables[table.name]
        read = partial(backup.rows, entry)
        if depends_on_unread(table, problems):  # the rows it points at are not there
            check_table(table, columns, read, problems)
            problems.unread.add(table.name)
        else:
            counts[table.name] = restore_table(session, table, columns, read, problems)
    return counts


def _finish(session: Session, problems: Problems, ctx: Context) -> None:
    """The restored rows, at this program's schema: checked (every problem found is
    raised), then what is derived from them."""
    from netweave.services.backup_checks import find_problems

    for problem in find_problems(session, problems.path, ctx.settings):
        problems.add(problem)
    problems.check()
    _derive(session)


def _derive(session: Session) -> None:
    """What a backup leaves out: the search index, rebuilt from the rows; and PostgreSQL's
    sequences, moved past the ids restored. The addresses' domain keys and the names' sort
    keys, which it holds, are made again from the addresses and the names."""
    search.fix_domain_keys(session)
    fix_sort_keys(session)
    search.clear(session)
    people = session.scalars(select(Person.id).order_by(Person.id)).all()
    for start in range(0, len(people), CHUNK):  # the documents of a chunk at a time
        search.index_people(session, people[start : start + CHUNK])
    _reset_sequences(session)


def _check_references(session: Session, problems: Problems) -> None:
    """SQLite, while the schema changes (``migrating``), does not check foreign keys as rows
    go in: each row pointing at nothing is named here, before the upgrade."""
    if session.get_bind().dialect.name != "sqlite":
        return
    shapes = _shapes(session)
    keys: dict[tuple[str, int], str] = {}
    for table, rowid, parent, key in session.execute(text("PRAGMA foreign_key_check")):
        if (table, key) not in keys:
            found = session.execute(text(f'PRAGMA foreign_key_list("{table}")'))
            keys.update({(table, fk[0]): fk[3] for fk in found})
        column = keys[table, key]
        value = session.scalar(
            text(f'SELECT "{column}" FROM "{table}" WHERE rowid = :r'), {"r": rowid}
        )
        if problems.excused(parent, value):
            continue
        # an id column is the rowid; in a table without one, rows were numbered as inserted
        where = f"{table} #{rowid}" if "id" in shapes[table] else f"table {table}, row {rowid}"
        problems.add(f"{problems.path}: {where}: {column} {value} points at no {parent} row")


def _shapes(session: Session) -> dict[str, list[str]]:
    """The columns of each table the database holds (not the search index's)."""
    found = inspect(session.connection())
    return {
        name: [c["name"] for c in found.get_columns(name)]
        for name in found.get_table_names()
        if name != "alembic_version" and include_name(name, "table", None)
    }


def _require_empty(session: Session, present: Collection[str] | None = None) -> None:
    """Refuse a database that holds rows (in the tables ``present``: all by default)."""
    tables = [t for t in backup_tables() if present is None or t.name in present]
    held = [t for t in tables if session.scalar(select(exists().select_from(t)))]
    if not held:
        return
    people = session.scalar(select(func.count()).select_from(Person)) or 0
    others = [t.name.replace("_", " ") for t in held if t.name != "person"]
    said = count(people, "person", "people") if people else f"{others[0]} rows"
    raise Conflict(f"restore needs an empty database; this one holds {said}")


def check_header(document: Any, path: Path) -> str:
    """The schema revision of a version-1 backup this program can restore (its own, or an
    older one); anything else is refused."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise InvalidInput(f'{path}: not a netweave backup (no "format": "{FORMAT}")')
    version = document.get("version")
    if type(version) is not int or version != VERSION:
        raise InvalidInput(
            f"{path}: backup format version {version!r} is not supported "
            f"(this netweave reads version {VERSION})"
        )
    schema = document.get("schema")
    if not isinstance(schema, str) or not schema:
        raise InvalidInput(f'{path}: the backup does not say its schema revision ("schema")')
    if not re.fullmatch(r"[0-9]{4}", schema):
        raise InvalidInput(f"{path}: {schema!r} is not a schema revision netweave writes")
    if schema != HEAD_REVISION and schema not in known_revisions():
        raise DatabaseError(
            f"{path} was written by a newer netweave (schema {schema}, this one knows up to "
            f"{HEAD_REVISION}); upgrade netweave to restore it"
        )
    if not isinstance(document.get("tables"), dict):
        raise InvalidInput(f'{path}: the backup holds no "tables" object')
    return schema


def _table_data(
    outline: Outline, problems: Problems, shapes: dict[str, list[str]]
) -> dict[str, tuple[list[Any], BackupTable]]:
    """The columns of each table and where its rows are, the columns checked against the
    database's; a table that cannot be read is named in ``problems``."""
    path, tables = problems.path, outline.tables or {}
    known = {t.name for t in backup_tables()}
    for name in sorted(set(tables) - (set(shapes) & known)):
        problems.add(f"{path}: unknown table {name!r}")
    data: dict[str, tuple[list[Any], BackupTable]] = {}
    for name in sorted(set(shapes) & known):
        entry, expected = tables.get(name), shapes[name]
        if entry is None:
            problems.add(f"{path}: table {name} is missing")
        elif fault := column_fault(entry.columns, expected):
            problems.add(f"{path}: table {name}: {fault}")
        elif entry.rows is None:
            problems.add(f'{path}: table {name}: "rows" is not a list')
        else:
            data[name] = (entry.columns, entry)
            continue
        problems.unread.add(name)
    return data


def _reset_sequences(session: Session) -> None:
    """Explicit ids bypass the ids' sequences (PostgreSQL's, and SQLite's for its tables
    with AUTOINCREMENT): move each past the highest id restored, and past the highest id of
    a row the undo log may put back (an organization a merge deleted): an id once given is
    not given again, as before the backup."""
    dialect = session.get_bind().dialect.name
    change = ImportChange.__table__.c
    for table in backup_tables():
        if "id" not in table.c or not table.c.id.primary_key:
            continue
        kept = session.scalar(select(func.max(table.c.id))) or 0
        deleted = select(func.max(change.row_id)).where(
            change.table_name == table.name, change.action == "deleted"
        )
        top = max(kept, session.scalar(deleted) or 0)
        if dialect == "postgresql":
            sequence = func.pg_get_serial_sequence(table.name, "id")
            session.execute(select(func.setval(sequence, max(top, 1), top > 0)))
        elif dialect == "sqlite" and top and _autoincrement(session, table.name):
            session.execute(text("DELETE FROM sqlite_sequence WHERE name = :t"), {"t": table.name})
            session.execute(text("INSERT INTO sqlite_sequence (name, seq) VALUES (:t, :n)"),
                            {"t": table.name, "n": top})  # fmt: skip


def _autoincrement(session: Session, name: str) -> bool:
    """Whether a SQLite table gives each id once (AUTOINCREMENT)."""
    sql = session.scalar(text("SELECT sql FROM sqlite_master WHERE name = :t"), {"t": name})
    return "AUTOINCREMENT" in str(sql or "").upper()
