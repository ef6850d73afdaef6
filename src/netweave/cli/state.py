"""Per-invocation state: the global options, and the context opened on first use."""

from __future__ import annotations

import datetime as dt
import os
import sys
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from netweave.services.context import Context


@dataclass
class State:
    """What the global options said; opens the database lazily (``--help`` never touches it)."""

    db: str | None = None
    as_of: dt.date | None = None
    debug: bool = False
    _context: Context | None = field(default=None, repr=False)
    #: What opening the context made that was not there (a new SQLite file, the folders
    #: made for it, the innermost first), for ``discard_new_database``.
    _made: list[Path] = field(default_factory=list, repr=False)
    #: Whether opening the context made the schema of a database that is not a file (a
    #: PostgreSQL database that was empty), for ``discard_new_database``.
    _made_schema: bool = field(default=False, repr=False)

    def context(
        self, *, create: bool = False, reading: bool = False, tell_upgrade: bool = True
    ) -> Context:
        """The open service context (the database is opened and upgraded on first call).

        A named SQLite file's folder must exist unless the command is one that makes a
        database (``create``: ``db upgrade``, ``demo``, ``restore``); a command that only
        reads (``reading``) does not make a named file that is not there (a mistyped
        ``--db``), the default one alone is made on a first run. An existing database
        upgraded is said on stderr, before and after (``tell_upgrade``: not for ``db
        upgrade``, which says it itself)."""
        if self._context is None:
            # Imported here so that --help and --version never load the database layer.
            from netweave.clock import Clock
            from netweave.config import DB_ENV, load_settings
            from netweave.errors import InvalidInput
            from netweave.services.context import open_context

            if self.db is not None and not self.db.strip():
                # an empty $VAR in a script must not fall back to the real database
                raise InvalidInput("--db is empty: give a file or a database URL")
            settings = load_settings(self.db)
            named = bool(self.db or os.environ.get(DB_ENV)) and not create
            if reading and named:
                _require_file(settings.database_url)
            new = _new_file(settings.database_url, named=named)
            self._made = _would_make(settings.database_url)
            self._context = open_context(
                settings, Clock(as_of=self.as_of), _tell if tell_upgrade else None
            )
            made = self._context.upgraded
            if tell_upgrade and made is not None and made.from_revision is not None:
                saved = f"; the previous version was saved as {made.backup}" if made.backup else ""
                _tell(f"upgraded {self._context.db.location} to schema {made.to_revision}{saved}")
            self._made_schema = (
                made is not None
                and made.from_revision is None
                and self._context.db.sqlite_file is None
            )
            if new is not None and sys.stderr.isatty():
                # a mistyped --db must not look like a network that has lost everything
                typer.echo(f"netweave: started a new, empty database at {new}", err=True)
        return self._context

    def discard_new_database(self) -> None:
        """Close the context and remove the SQLite file (and the folders) it made, when
        opening it made any, or the schema it made in an empty PostgreSQL database: a
        command that failed leaves no empty database behind, and an empty one empty. A
        database that holds rows (a command that wrote some before it failed) is kept."""
        if self._context is not None and (self._made_schema or self._made):
            from sqlalchemy.exc import SQLAlchemyError

            from netweave.errors import NetweaveError
            from netweave.services.backup import holds_rows, unmake_schema

            with suppress(NetweaveError, SQLAlchemyError):  # the command's error is the one
                if self._made_schema:
                    unmake_schema(self._context)
                elif holds_rows(self._context):
                    self._made = []
            self._made_schema = False
        self.close()
        if not self._made:
            return
        database, *folders = self._made
        for suffix in ("", "-wal", "-shm", "-journal"):
            database.with_name(database.name + suffix).unlink(missing_ok=True)
        for folder in folders:
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
        self._made = []

    def where(self) -> str | None:
        """The open database, as an error names it: a SQLite file's path, else its URL
        (without a password)."""
        if self._context is None:
            return None
        return self._context.db.location

    def close(self) -> None:
        """Release the database, if it was opened."""
        if self._context is not None:
            self._context.close()
            self._context = None


def _tell(line: str) -> None:
    """Say on stderr what opening the database does (never into ``--json`` output)."""
    typer.echo(f"netweave: {line}", err=True)


def _new_file(url: str, *, named: bool) -> Path | None:
    """The SQLite file a named ``--db`` (or ``NETWEAVE_DB``) would create, if it does not
    exist yet; its folder must exist (the default location's folder is made as needed)."""
    from netweave.errors import InvalidInput
    from netweave.store.engine import parse_url, sqlite_path

    parsed = parse_url(url)
    path = sqlite_path(parsed)
    if named and path is not None and (str(path).startswith("file:") or "uri" in parsed.query):
        raise InvalidInput(
            "SQLite URI filenames (file:…?mode=ro) are not supported: give the database "
            "file's path; check --db (or NETWEAVE_DB)"
        )
    if named and path is not None and path.is_dir():
        raise InvalidInput(f"{path} is a folder, not a database file: check --db (or NETWEAVE_DB)")
    if not named or path is None or path.exists():
        return None
    if not path.parent.is_dir():
        where = f"no folder {path.parent} for the database {path.name}"
        raise InvalidInput(f"{where}: check --db (or NETWEAVE_DB)")
    return path


def _require_file(url: str) -> None:
    """Refuse a SQLite file that is not there, for a command that only reads."""
    from netweave.errors import NotFound
    from netweave.store.engine import parse_url, sqlite_path

    parsed = parse_url(url)
    path = sqlite_path(parsed)
    if path is None or str(path).startswith("file:") or "uri" in parsed.query:
        return  # no file, or a URI filename (refused as such)
    if not path.exists():
        raise NotFound(f"no database at {path}: check --db (or NETWEAVE_DB)")


def _would_make(url: str) -> list[Path]:
    """The SQLite file opening ``url`` would create and the folders missing on its way, the
    innermost first (none when the file exists or ``url`` is no SQLite file)."""
    from netweave.store.engine import parse_url, sqlite_path

    path = sqlite_path(parse_url(url))
    if path is None or path.exists():
        return []
    made = [path]
    folder = path.parent
    while not folder.exists():
        made.append(folder)
        folder = folder.parent
    return made


def state(ctx: typer.Context) -> State:
    """The state set up by the top-level callback."""
    root = ctx.find_root()
    if not isinstance(root.obj, State):
        root.obj = State()
    return root.obj


#: The commands that only read: on a named SQLite file that is not there they say so
#: rather than make an empty one (every other command makes it, as a first run does).
READING = frozenset({
    "asks list", "campaign list", "campaign show", "config show", "conversations list",
    "conversations show", "db backup", "db check", "draft", "events list", "events show",
    "export csv", "export json", "export vcard", "graph export", "import list",
    "intros list", "intros show", "intros suggest", "knows list", "knows suggestions",
    "leads list", "leads show", "orgs list", "orgs show", "paths", "people duplicates",
    "people list", "people show", "prep", "report", "search", "tasks list", "today",
})  # fmt: skip


def command_of(ctx: typer.Context) -> str:
    """The command being run, without the program's name (``people show``)."""
    return ctx.command_path[len(ctx.find_root().command_path) :].strip()


def context(ctx: typer.Context, *, create: bool = False) -> Context:
    """Shorthand: the open service context of this invocation (a command in ``READING``
    never makes a named database that is not there)."""
    command = command_of(ctx)
    return state(ctx).context(
        create=create, reading=command in READING, tell_upgrade=command != "db upgrade"
    )
