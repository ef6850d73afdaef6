"""Bulk writes through the DB-API: many rows per statement, no per-row ORM or SQL compilation.

An import writes hundreds of thousands of rows. Going through SQLAlchemy's parameter
processing costs more than the database's own work, so here a table's rows are plain tuples
handed to the driver's ``executemany``, with only the columns that need converting (dates
and timestamps) converted, and values the same for every row (the batch, the time of
writing, column defaults) converted once.

Ids are reserved before the rows are written, so that no ``RETURNING`` is needed and related
rows can be built at once: on SQLite the write transaction holds the database's write lock
(``BEGIN IMMEDIATE``), so the ids after the largest one are free; on PostgreSQL they are
drawn from the table's own sequence.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import Table

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
        self.sqlite = dialect.name == "sqlite"
        fixed = dict(constants or {})
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
        names = [*columns, *fixed]
        self.with_id = _insert(dialect, table.name, ["id", *names])
        self.without_id = _insert(dialect, table.name, names)

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
            self._execute(self.without_id, [self._row(row) for row in rows])

    def write_new(self, rows: Sequence[Sequence[Any]]) -> list[int]:
        """Insert rows with freshly reserved ids; returns the ids in the order of the rows."""
        if not rows:
            return []
        self.session.flush()  # pending ORM rows first: they hold ids too
        ids = reserve_ids(self.session, self.table, len(rows))
        self._execute(
            self.with_id, [(pid, *self._row(row)) for pid, row in zip(ids, rows, strict=True)]
        )
        return ids

    def _row(self, row: Sequence[Any]) -> tuple[Any, ...]:
        if self.processors:
            values = list(row)
            for position, process in self.processors:
                if values[position] is not None:
                    values[position] = process(values[position])
            row = values
        return (*row, *self.constants)

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
