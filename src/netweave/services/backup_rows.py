"""A backup's rows put into the database a table at a time, every problem in them named.

A restore reads on past a row it cannot restore, so that one attempt names all that is
wrong with a backup (``Problems``), as ``db check`` does for a database; nothing is kept
when anything is wrong. A row left out because of its own problem is not blamed again in
the rows that point at it: those are left out too, without a line of their own unless the
database refuses them for a fault of their own as well (a duplicate id), which is named.
A row left out whose id cannot be read (a row of the wrong shape, an id that is not one)
excuses every reference to its table that finds nothing: it may be the row meant.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import Column, MetaData, Table, bindparam, insert, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from netweave.errors import InvalidInput
from netweave.logic.parse import MAX_ID
from netweave.services.backup_values import Convert, converter

#: Rows inserted per round trip.
CHUNK = 5_000
#: How many problems a failed restore lists; past them it counts them.
LISTED = 1_000

Row = dict[str, Any]
#: A table's rows read from the backup file, from the first, each time it is called.
Read = Callable[[], Iterable[Any]]


class BackupProblems(InvalidInput):
    """Everything a restore found wrong with a backup, one line each (the first ``LISTED``
    of ``count``); the message is the first, with how many more there are."""

    def __init__(self, path: Path, lines: Sequence[str], count: int) -> None:
        more = f" (and {count - 1} more)" if count > 1 else ""
        super().__init__(f"{lines[0]}{more}")
        self.problems, self.count = list(lines), count
        self.summary = f"{path}: {count} problems; nothing was restored"
        if count > len(lines):
            self.summary += f" (the first {len(lines)} are listed)"

    def lines(self) -> list[str]:
        """Each problem, then what came of them (one problem: that problem alone)."""
        return [str(self)] if self.count == 1 else [*self.problems, self.summary]


class Problems:
    """The problems found in a backup so far, and the rows they kept out of the database."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lines: list[str] = []
        self.count = 0
        #: The ids of the rows left out, by table: a reference to one is not blamed.
        self.refused: dict[str, set[int]] = {}
        #: Tables with a row left out whose id cannot be read: a reference to a row of
        #: one that is not there may be to that row, and is not blamed.
        self.unknown: set[str] = set()
        #: Tables whose rows could not be read at all (missing, of other columns): the
        #: rows of the tables that point at them are checked but not inserted.
        self.unread: set[str] = set()

    def add(self, line: str) -> None:
        """One more problem (``line`` names the file, the table and the row)."""
        self.count += 1
        if len(self.lines) < LISTED:
            self.lines.append(line)

    def refuse(self, table: str, row_id: Any) -> None:
        """The row ``row_id`` of ``table`` is left out (``row_id`` None, or not an id:
        a row whose id cannot be read)."""
        if type(row_id) is int and 1 <= row_id <= MAX_ID:
            self.refused.setdefault(table, set()).add(row_id)
        else:
            self.unknown.add(table)

    def excused(self, parent: str, value: Any) -> bool:
        """Whether a reference to row ``value`` of ``parent`` finds nothing only because
        that row was left out, its own problem named already."""
        return (
            parent in self.unread or parent in self.unknown or value in self.refused.get(parent, ())
        )

    def check(self) -> None:
        """Raise every problem found, if any."""
        if self.count:
            raise BackupProblems(self.path, self.lines, self.count)


def depends_on_unread(table: Table, problems: Problems) -> bool:
    """Whether ``table`` points at a table whose rows could not be read."""
    return any(
        fk.column.table is not table and fk.column.table.name in problems.unread
        for fk in table.foreign_keys
    )


def check_table(table: Table, columns: list[str], read: Read, problems: Problems) -> None:
    """Check each row's values, inserting none (the rows they point at are not there)."""
    convert = [(name, converter(table.c[name])) for name in columns]
    for number, values in enumerate(read(), 1):
        _row(problems, table.name, number, values, convert)


def restore_table(
    session: Session, table: Table, columns: list[str], read: Read, problems: Problems
) -> int:
    """Insert one table's rows with their ids, ``CHUNK`` at a time, as ``read`` gives them;
    self-references are linked once all are in (a row may point at a later row), reading
    the rows again. A row with a problem is named in ``problems`` and left out."""
    convert = [(name, converter(table.c[name])) for name in columns]
    linked = [
        fk.parent.name
        for fk in table.foreign_keys
        if fk.column.table is table and fk.parent.name in columns
    ]
    references = [
        (fk.parent.name, fk.column.table)
        for fk in table.foreign_keys
        if isinstance(fk.column.table, Table) and fk.column.table is not table
    ]
    at_id = columns.index("id") if "id" in columns else None
    table = _shaped(table, columns)
    count, pointing = 0, False
    left_out: set[int] = set()  # the numbers of the rows not inserted
    taken: list[tuple[int, int]] = []  # (number, id) of the rows whose id was used already
    for chunk in _chunks(read()):
        rows: list[tuple[int, Row]] = []
        for number, values in enumerate(chunk, count + 1):
            row = _row(problems, table.name, number, values, convert)
            if row is None:
                left_out.add(number)
                if at_id is not None:  # a table of ids: nothing points at the others
                    problems.refuse(table.name, _id_of(values, at_id))
                continue
            if any(row[name] is not None for name in linked):
                pointing = True
                row.update(dict.fromkeys(linked))
            rows.append((number, row))
        _insert(session, table, rows, problems, references, left_out, taken)
        count += len(chunk)
    if taken and at_id is not None:
        _name_taken(table.name, read, at_id, taken, left_out, problems)
    if pointing:
        _link_all(session, table, linked, read, convert, problems, left_out)
    return count - len(left_out)


def _name_taken(
    name: str,
    read: Read,
    at_id: int,
    taken: list[tuple[int, int]],
    left_out: set[int],
    problems: Problems,
) -> None:
    """Name each row refused for an id a row before it holds, and that row, found by
    reading the rows again (the ids are not kept as the rows go in: memory stays flat)."""
    wanted = {row_id for _, row_id in taken}
    holders: dict[int, int] = {}
    for number, values in enumerate(read(), 1):
        row_id = _id_of(values, at_id)
        if number not in left_out and type(row_id) is int and row_id in wanted:
            holders.setdefault(row_id, number)
    for number, row_id in taken:
        by = f" by row {holders[row_id]}" if row_id in holders else ""
        problems.add(
            f"{problems.path}: table {name}, row {number}: id {row_id} is already used{by}"
        )


def _link_all(
    session: Session,
    table: Table,
    linked: list[str],
    read: Read,
    convert: Sequence[tuple[str, Convert]],
    problems: Problems,
    left_out: set[int],
) -> None:
    """Set the self-references of the rows that have one, ``CHUNK`` at a time."""
    # The linking UPDATE must not stamp a new ``updated_at``: it sets those columns itself.
    kept = [*linked, *(c.name for c in table.columns if c.onupdate is not None)]
    count = 0
    for chunk in _chunks(read()):
        links: list[tuple[int, Row]] = []
        for number, values in enumerate(chunk, count + 1):
            if number in left_out:
                continue
            row = _row(problems, table.name, number, values, convert)
            if row is not None and any(row[name] is not None for name in linked):
                links.append((number, {"b_id": row["id"]} | {f"b_{n}": row[n] for n in kept}))
        count += len(chunk)
        if links:
            _link(session, table, kept, linked, links, problems)


def _id_of(values: Any, at_id: int) -> Any:
    """The id a row of the backup holds where its columns say, or None when it cannot be
    read there (a row that is not a list, or too short to hold it)."""
    if not isinstance(values, list) or len(values) <= at_id:
        return None
    return values[at_id]


def _chunks(rows: Iterable[Any]) -> Iterator[list[Any]]:
    """``rows`` in lists of ``CHUNK``."""
    chunk: list[Any] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _shaped(table: Table, columns: Sequence[str]) -> Table:
    """``table`` with only ``columns`` (an older revision's), of the same types, so values
    are written as this program writes them."""
    if len(columns) == len(table.columns):
        return table
    kept = (c for c in table.columns if c.name in columns)
    return Table(
        table.name, MetaData(), *(Column(c.name, c.type, primary_key=c.primary_key) for c in kept)
    )


def _row(
    problems: Problems,
    table: str,
    number: int,
    values: Any,
    convert: Sequence[tuple[str, Convert]],
) -> Row | None:
    """The row to insert, or None when a value is wrong (each wrong value is named)."""
    where = f"{problems.path}: table {table}, row {number}"
    if not isinstance(values, list) or len(values) != len(convert):
        problems.add(f"{where}: expected a list of {len(convert)} values")
        return None
    row: Row = {}
    good = True
    for (name, fn), value in zip(convert, values, strict=True):
        try:
            row[name] = fn(value)
        except ValueError as exc:
            problems.add(f"{where}, column {name}: {exc}")
            good = False
    return row if good else None


def _missing_parents(
    session: Session, references: list[tuple[str, Table]], row: Row
) -> list[tuple[str, Any, Table]]:
    """(column, value, parent table) of each reference of ``row`` to a row not there."""
    missing = []
    for column, parent in references:
        value = row.get(column)
        if value is None:
            continue
        if session.execute(select(parent.c.id).where(parent.c.id == value)).first() is None:
            missing.append((column, value, parent))
    return missing


def _insert(
    session: Session,
    table: Table,
    rows: list[tuple[int, Row]],
    problems: Problems,
    references: list[tuple[str, Table]],
    left_out: set[int],
    taken: list[tuple[int, int]],
) -> None:
    """Insert a chunk; when the database refuses it, insert its rows one at a time, naming
    each refused row (and, when it points at nothing, the column that does; when its id is
    held by a row before it, it is put in ``taken``, to be named with that row)."""
    if not rows:
        return
    try:
        with session.begin_nested():
            session.execute(insert(table), [row for _, row in rows])
        return
    except SQLAlchemyError:
        pass
    for number, row in rows:
        try:
            with session.begin_nested():
                session.execute(insert(table), [row])
        except SQLAlchemyError as exc:
            left_out.add(number)
            if "id" in row:
                problems.refuse(table.name, row["id"])
            where = f"{problems.path}: table {table.name}, row {number}"
            missing = _missing_parents(session, references, row)
            for column, value, parent in missing:
                if not problems.excused(parent.name, value):
                    problems.add(f"{where}: {column} {value} points at no {parent.name} row")
            if _id_taken(session, table, row):
                taken.append((number, row["id"]))
            elif not missing or not _for_a_reference(exc):
                problems.add(f"{where}: the database refuses it: {_reason(exc)}")


def _id_taken(session: Session, table: Table, row: Row) -> bool:
    """Whether a row already in ``table`` holds the id of ``row``."""
    if "id" not in row or "id" not in table.c:
        return False
    found = select(table.c.id).where(table.c.id == row["id"])
    return session.execute(found).first() is not None


def _link(
    session: Session,
    table: Table,
    columns: list[str],
    linked: list[str],
    links: list[tuple[int, Row]],
    problems: Problems,
) -> None:
    """Set the self-references of ``links``; those the database refuses are named."""
    stmt = (
        update(table)
        .where(table.c.id == bindparam("b_id"))
        .values({name: bindparam(f"b_{name}") for name in columns})
    )
    try:
        with session.begin_nested():
            session.execute(stmt, [link for _, link in links])
        return
    except SQLAlchemyError:
        pass
    for number, link in links:
        try:
            with session.begin_nested():
                session.execute(stmt, [link])
        except SQLAlchemyError as exc:
            where = f"{problems.path}: table {table.name}, row {number}"
            row = {name: link[f"b_{name}"] for name in linked}
            missing = _missing_parents(session, [(name, table) for name in linked], row)
            for column, value, _ in missing:
                if not problems.excused(table.name, value):
                    problems.add(f"{where}: {column} {value} points at no {table.name} row")
            if not missing or not _for_a_reference(exc):
                problems.add(f"{where}: the database refuses it: {_reason(exc)}")


def _for_a_reference(exc: SQLAlchemyError) -> bool:
    """Whether the database refused a row for a reference to a row not there, and so for
    nothing else: both databases check a row's own values (not null, unique, check) as it
    goes in, and its references after, so another fault of the row is the one reported."""
    orig = getattr(exc, "orig", None)
    sqlstate = getattr(orig, "sqlstate", None)  # PostgreSQL's foreign_key_violation
    return sqlstate == "23503" or "FOREIGN KEY constraint failed" in str(orig)


def _reason(exc: SQLAlchemyError) -> str:
    orig = getattr(exc, "orig", None)
    lines = str(orig if orig is not None else exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__
