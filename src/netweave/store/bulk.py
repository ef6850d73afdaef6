"""Bulk writes through the DB-API: many rows per statement, no per-row ORM or SQL compilation.

An import writes hundreds of thousands of rows. Going through SQLAlchemy's parameter
processing costs more than the database's own work, so here a table's rows are plain tuples
handed to the driver's ``executemany``, with only the columns that need converting (dates
and timestamps) converted, and values the same for every row (the batch, the time of
writing, column defaults) converted once. A column that is NULL in every row of a statement
(a source that gives no notes, no birthdays) is left out of it: sqlite3 binds a ``None``
through its adapter lookup, slowly, and the column is NULL either way.

A person's or an organization's ``sort_key`` is made from the name the rows give (the
column's default would be, through SQLAlchemy).

Ids are reserved before the rows are written, so that no ``RETURNING`` is needed and related
rows can be built at once: on SQLite the write transaction holds the database's write lock
(``BEGIN IMMEDIATE``), so the ids after the largest one are free; on PostgreSQL they are
drawn from the table's own sequence.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import Table

from netweave.logic.sorting import name_sort_key
from netweave.store.sort_keys import SORTED_BY

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

Processor = Callable[[Any], Any]


class RowWriter:
    """Writes rows of one table: ``columns`` vary per row, ``constants`` are the same for all.

    Columns of the table given neither way get their model default (a scalar, or a callable
    such as ``utcnow`` called once per writer) or NULL.
    """

    def __init__(
        self,
        session: Session,
        table: Table,
        columns: Sequence[str],
        constants: dict[str, Any] | None = None,
    ) -> None:
        self.session, self.table = session, table
        dialect = session.get_bind().dialect
        fixed = dict(constants or {})
        #: The position of the name whose sort key the rows get, if they need one.
        self.keyed: int | None = None
        named = SORTED_BY.get(table.name, "")
        if named in columns and "sort_key" not in (*columns, *fixed):
            self.keyed = list(columns).index(named)
            columns = (*columns, "sort_key")
        for column in table.columns:
            if column.name in fixed or column.name in columns or column.name == "id":
                continue
            default = column.default
            if default is not None and getattr(default, "is_scalar", False):
                fixed[column.name] = default.arg  # type: ignore[attr-defined]
            elif default is not None and getattr(default, "is_callable", False):
                fixed[column.name] = default.arg(None)  # type: ignore[attr-defined]
        self.constants = tuple(_processor(table, k, dialect)(v) for k, v in fixed.items())
        self.processors: list[tuple[int, Processor]] = []
        for position, name in enumerate(columns):
            process = _bind(table, name, dialect)
            if process is not None:
                self.processors.append((position, process))
        #: The varying columns that are NULL when left out (no database default).
        self.nullable = frozenset(
            position
            for position, name in enumerate(columns)
            if table.c[name].server_default is None
        )
        self.names, self.fixed, self.dialect = tuple(columns), tuple(fixed), dialect
        self.statements: dict[tuple[bool, tuple[int, ...]], str] = {}

    @classmethod
    def of(
        cls,
        session: Session,
        table: Table,
        columns: Sequence[str],
        constants: dict[str, Any] | None = None,
    ) -> RowWriter:
        """The writer of these columns, made once per session (an import writes one file's
        rows in many small steps)."""
        key = (
            "netweave.bulk",
            table.name,
            tuple(columns),
            tuple(sorted((constants or {}).items())),
        )
        found = session.info.get(key)
        if found is None:
            found = session.info[key] = cls(session, table, columns, constants)
        assert isinstance(found, RowWriter)
        return found

    def write(self, rows: Sequence[Sequence[Any]]) -> None:
        """Insert rows whose ids the database chooses (or which have none)."""
        if rows:
            self.session.flush()  # pending ORM rows first: they may be referred to
            self._execute(*self._prepared(rows, None))

    def write_new(self, rows: Sequence[Sequence[Any]]) -> list[int]:
        """Insert rows with freshly reserved ids; returns the ids in the order of the rows."""
        if not rows:
            return []
        self.session.flush()  # pending ORM rows first: they hold ids too
        ids = reserve_ids(self.session, self.table, len(rows))
        self._execute(*self._prepared(rows, ids))
        return ids

    def _prepared(
        self, rows: Sequence[Sequence[Any]], ids: list[int] | None
    ) -> tuple[str, list[tuple[Any, ...]]]:
        """The INSERT and its rows, a column at a time: values converted where they need it
        (``None`` stays ``None``), a column left out when it is ``None`` in every row (it is
        NULL either way, and the driver binds a NULL slowly), the constants appended."""
        columns: list[Sequence[Any]] = list(zip(*rows, strict=True))
        if self.keyed is not None:
            columns.append([name_sort_key(name) for name in columns[self.keyed]])
        for position, process in self.processors:
            columns[position] = [
                None if value is None else process(value) for value in columns[position]
            ]
        kept = tuple(
            position
            for position, values in enumerate(columns)
            if position not in self.nullable or values.count(None) < len(values)
        )
        given = [columns[position] for position in kept]
        if ids is not None:
            given.insert(0, ids)
        constants = self.constants
        values = (
            [(*row, *constants) for row in zip(*given, strict=True)]
            if given
            else [constants] * len(rows)
        )
        return self._statement(ids is not None, kept), values

    def _statement(self, with_id: bool, kept: tuple[int, ...]) -> str:
        """The INSERT of these varying columns (by position), the constants, and the id."""
        key = (with_id, kept)
        found = self.statements.get(key)
        if found is None:
            names = [self.names[position] for position in kept] + list(self.fixed)
            found = self.statements[key] = _insert(
                self.dialect, self.table.name, ["id", *names] if with_id else names
            )
        return found

    def _execute(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        self.session.connection().exec_driver_sql(sql, rows)


def reserve_ids(session: Session, table: Table, count: int) -> list[int]:
    """``count`` ids no row of ``table`` has, for rows this transaction is about to write."""
    connection = session.connection()
    if connection.dialect.name == "sqlite":  # above every id ever given (AUTOINCREMENT)
        top = connection.exec_driver_sql(
            f"SELECT max((SELECT coalesce(max(id), 0) FROM {table.name}), "
            "coalesce((SELECT seq FROM sqlite_sequence WHERE name = ?), 0))",
            (table.name,),
        ).scalar_one()
        return list(range(int(top) + 1, int(top) + 1 + count))
    sequence = f"pg_get_serial_sequence('{table.name}', 'id')"
    drawn = connection.exec_driver_sql(
        f"SELECT nextval({sequence}) FROM generate_series(1, %(n)s)", {"n": count}
    )
    return [int(row[0]) for row in drawn]


def _bind(table: Table, name: str, dialect: Any) -> Processor | None:
    """The conversion SQLAlchemy applies to a column's values on this dialect, if any."""
    column_type = table.c[name].type
    return column_type.dialect_impl(dialect).bind_processor(dialect)


def _processor(table: Table, name: str, dialect: Any) -> Processor:
    process = _bind(table, name, dialect)
    return (lambda v: v if v is None else process(v)) if process else (lambda v: v)


def _insert(dialect: Any, table: str, columns: Sequence[str]) -> str:
    """An INSERT with the driver's positional markers (``?`` for sqlite3, ``%s`` for psycopg)."""
    quote = dialect.identifier_preparer.quote
    marker = "?" if dialect.name == "sqlite" else "%s"
    names = ", ".join(quote(c) for c in columns)
    return f"INSERT INTO {quote(table)} ({names}) VALUES ({', '.join([marker] * len(columns))})"
