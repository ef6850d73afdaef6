"""The people search finds a German name by its ASCII spelling: "Müller" by "mueller",
"Jörg" by "joerg". A document keeps, after its words, each word written with ä, ö or ü also
as written with ae, oe or ue. Every document is written again so; a downgrade writes them
back without those words. The schema does not change.

Revision ID: 0025
Revises: 0024
Create Date: 2026-11-28
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence

from alembic import op
from sqlalchemy import Connection

from netweave.logic.normalize import fold

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None

_CHUNK = 5000
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_GIN = "ix_person_search_document"
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})
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


def upgrade() -> None:
    _rewrite(op.get_bind(), _spellings)


def downgrade() -> None:
    _rewrite(op.get_bind(), _words)


def _words(value: str) -> list[str]:
    """The words of a text as revision 0024 indexed them: folded, letters and digits."""
    return _WORD.findall(fold(value))


def _spellings(value: str) -> list[str]:
    """The words of a text as this revision indexes them (``search_rank.indexed_words``)."""
    found = _words(value)
    others: list[str] = []
    composed = unicodedata.normalize("NFC", value)
    if composed != composed.translate(_UMLAUTS):
        others += _words(composed.translate(_UMLAUTS))
    seen = set(found)
    return found + [w for w in dict.fromkeys(others) if w not in seen]


def _rewrite(conn: Connection, cut: Callable[[str], list[str]]) -> None:
    """Write every person's document again, its words cut by ``cut``."""
    sqlite = conn.dialect.name == "sqlite"
    texts: dict[int, list[list[str]]] = {}
    for (pid,) in conn.exec_driver_sql("SELECT id FROM person ORDER BY id"):
        texts[int(pid)] = [[], [], []]
    for sql, fields in _PARTS:
        for pid, *values in conn.exec_driver_sql(sql):
            if int(pid) in texts:
                for field, value in zip(fields, values, strict=True):
                    if value:
                        texts[int(pid)][field].append(str(value))
    docs = {pid: [" ".join(cut(" ".join(v))) for v in parts] for pid, parts in texts.items()}
    if sqlite:
        conn.exec_driver_sql("DELETE FROM person_search")
        insert = "INSERT INTO person_search (rowid, name, work, other) VALUES (?, ?, ?, ?)"
        rows: list[tuple[object, ...]] = [(pid, *doc) for pid, doc in docs.items()]
    else:
        keys = dict(conn.exec_driver_sql("SELECT id, sort_key FROM person").tuples().all())
        conn.exec_driver_sql(f"DROP INDEX IF EXISTS {_GIN}")
        conn.exec_driver_sql("DELETE FROM person_search")
        weighted = " || ".join(
            f"setweight(to_tsvector('simple', %s), '{label}')" for label in "ABC"
        )
        insert = (
            f"INSERT INTO person_search (person_id, sort_key, document) VALUES (%s, %s, {weighted})"
        )
        rows = [(pid, keys[pid], *doc) for pid, doc in docs.items()]
    _write(conn, insert, rows)


def _write(conn: Connection, insert: str, rows: Sequence[tuple[object, ...]]) -> None:
    for start in range(0, len(rows), _CHUNK):
        conn.exec_driver_sql(insert, list(rows[start : start + _CHUNK]))
    if conn.dialect.name != "sqlite":
        conn.exec_driver_sql(f"CREATE INDEX {_GIN} ON person_search USING GIN (document)")
        conn.exec_driver_sql("ANALYZE person_search")
