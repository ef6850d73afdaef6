"""The people search index keeps a person's name, work and the rest apart, so that both
databases rank matches by one rule (a word in the name over one in the work over one
elsewhere; then by name): SQLite's FTS5 table gets a column per field (name, work, other),
and PostgreSQL's ``tsvector`` marks the words of each field with a weight (A, B, C).
PostgreSQL's table also keeps the person's ``sort_key``, so that ranking reads no other
table (SQLite reads it from ``person``, by rowid, at less cost).
Every document is written again, its words cut as this version of netweave cuts them; a
downgrade writes them back as one text.

Revision ID: 0024
Revises: 0023
Create Date: 2026-11-27
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from alembic import op
from sqlalchemy import Connection

from netweave.logic.normalize import fold

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None

_CHUNK = 5000
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_GIN = "ix_person_search_document"
#: The parts of a person's document, as ``store.search.documents`` reads them at this
#: revision (a migration does not read the models): the rows, and the field each text
#: column goes to (0: name, 1: work, 2: the rest).
_PARTS = (
    ("SELECT id, display_name, headline, notes, location FROM person", (0, 1, 2, 2)),
    ("SELECT p.person_id, o.name, p.title FROM position p "
     "JOIN organization o ON o.id = p.organization_id", (1, 1)),
    ("SELECT person_id, label FROM interest", (2,)),
    ("SELECT person_id, text FROM need", (2,)),
    ("SELECT person_id, text FROM offer", (2,)),
    ("SELECT pt.person_id, t.label FROM person_tag pt JOIN tag t ON t.id = pt.tag_id", (2,)),
)  # fmt: skip
#: Each person's texts: per query of ``_PARTS``, the (field, text) pairs it read.
Parts = dict[int, list[list[tuple[int, str]]]]


def upgrade() -> None:
    conn = op.get_bind()
    sqlite = conn.dialect.name == "sqlite"
    _recreate(conn, "fts5(name, work, other, tokenize = 'unicode61')")
    if not sqlite:
        conn.exec_driver_sql(
            'ALTER TABLE person_search ADD COLUMN sort_key VARCHAR(300) COLLATE "C" NOT NULL'
        )
    keys = dict(conn.exec_driver_sql("SELECT id, sort_key FROM person").tuples().all())
    parts = _parts(conn)
    rows: list[tuple[object, ...]] = [
        (pid, *_fields(texts)) if sqlite else (pid, keys[pid], *_fields(texts))
        for pid, texts in parts.items()
    ]
    if sqlite:
        insert = "INSERT INTO person_search (rowid, name, work, other) VALUES (?, ?, ?, ?)"
    else:
        weighted = " || ".join(
            f"setweight(to_tsvector('simple', %s), '{label}')" for label in "ABC"
        )
        insert = (
            f"INSERT INTO person_search (person_id, sort_key, document) VALUES (%s, %s, {weighted})"
        )
    _write(conn, insert, rows)


def downgrade() -> None:
    conn = op.get_bind()
    _recreate(conn, "fts5(body, tokenize = 'unicode61')")
    if conn.dialect.name != "sqlite":
        conn.exec_driver_sql("ALTER TABLE person_search DROP COLUMN sort_key")
    parts = _parts(conn)
    rows = [(pid, _one_text(texts)) for pid, texts in parts.items()]
    if conn.dialect.name == "sqlite":
        insert = "INSERT INTO person_search (rowid, body) VALUES (?, ?)"
    else:
        insert = (
            "INSERT INTO person_search (person_id, document) VALUES (%s, to_tsvector('simple', %s))"
        )
    _write(conn, insert, rows)


def _recreate(conn: Connection, fts5: str) -> None:
    """An empty index: FTS5's table made again with these columns, PostgreSQL's table
    emptied (its index dropped until the rows are in)."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("DROP TABLE person_search")
        conn.exec_driver_sql(f"CREATE VIRTUAL TABLE person_search USING {fts5}")
    else:
        conn.exec_driver_sql(f"DROP INDEX IF EXISTS {_GIN}")
        conn.exec_driver_sql("DELETE FROM person_search")


def _write(conn: Connection, insert: str, rows: Sequence[tuple[object, ...]]) -> None:
    for start in range(0, len(rows), _CHUNK):
        conn.exec_driver_sql(insert, list(rows[start : start + _CHUNK]))
    if conn.dialect.name != "sqlite":
        conn.exec_driver_sql(f"CREATE INDEX {_GIN} ON person_search USING GIN (document)")
        conn.exec_driver_sql("ANALYZE person_search")


def _parts(conn: Connection) -> Parts:
    """Every person's texts, each with its field and in the order ``_PARTS`` reads them."""
    parts: Parts = {}
    for pid, *_ in conn.exec_driver_sql("SELECT id FROM person ORDER BY id"):
        parts[int(pid)] = [[] for _ in _PARTS]
    for n, (sql, fields) in enumerate(_PARTS):
        for pid, *values in conn.exec_driver_sql(sql):
            if int(pid) in parts:
                texts = parts[int(pid)][n]
                texts += [(f, str(v)) for f, v in zip(fields, values, strict=True) if v]
    return parts


def _fields(texts: list[list[tuple[int, str]]]) -> tuple[str, str, str]:
    """A document as this revision writes it: the words of each field, folded."""
    joined: list[list[str]] = [[], [], []]
    for read in texts:
        for field, value in read:
            joined[field].append(value)
    return tuple(_words(" ".join(values)) for values in joined)  # type: ignore[return-value]


def _one_text(texts: list[list[tuple[int, str]]]) -> str:
    """A document as the revisions before wrote it: every part folded, in one text."""
    return fold(" ".join(value for read in texts for _, value in read))


def _words(value: str) -> str:
    return " ".join(_WORD.findall(fold(value)))
