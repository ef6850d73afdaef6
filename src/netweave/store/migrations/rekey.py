"""What revisions that give organizations a new key share: which rows to read, and how."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection

Fold = Callable[[str], str]
_CHUNK = 500


def rekey(conn: Connection, table: str, before: Fold, after: Fold) -> None:
    """Give the rows of ``table`` whose key ``before`` made the key ``after`` makes, unless
    another row holds it."""
    odd = not_ascii(conn)
    rows = conn.exec_driver_sql(
        f"SELECT id, name, normalized_name FROM {table} WHERE {odd('name')} ORDER BY id"
    ).all()
    wanted = [
        (int(row_id), after(name))
        for row_id, name, key in rows
        if key == before(name) and after(name) not in ("", key)
    ]
    mark = "?" if conn.dialect.name == "sqlite" else "%s"
    keys = sorted({key for _, key in wanted})
    taken: set[str] = set()
    for start in range(0, len(keys), _CHUNK):
        some = keys[start : start + _CHUNK]
        marks = ",".join(mark for _ in some)
        sql = f"SELECT normalized_name FROM {table} WHERE normalized_name IN ({marks})"
        taken.update(str(key) for (key,) in conn.exec_driver_sql(sql, tuple(some)))
    updates = []
    for row_id, key in wanted:
        if key not in taken:
            taken.add(key)  # two spellings that meet only now: the older row takes the key
            updates.append((key, row_id))
    if updates:
        conn.exec_driver_sql(
            f"UPDATE {table} SET normalized_name = {mark} WHERE id = {mark}", updates
        )


def not_ascii(conn: Connection) -> Callable[[str], str]:
    """SQL testing that a column holds text that is not plain ASCII (more bytes than
    characters), in the database's own dialect."""
    if conn.dialect.name == "sqlite":
        return lambda column: f"length(CAST({column} AS BLOB)) <> length({column})"
    return lambda column: f"octet_length({column}) <> char_length({column})"
