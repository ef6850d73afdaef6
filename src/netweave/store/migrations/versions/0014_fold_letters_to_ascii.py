"""Letters that do not decompose (ł, ø, đ, æ, œ, þ, ð, ı, ħ, ŧ, ŀ) fold to ASCII from now on
("Łukasz" to "lukasz"): what is stored folded follows. The search documents of the people
whose words change are written again, and organizations and communities take the key
(``normalized_name``) their name folds to now, so that imports and ``--company`` find them.

Only text that is not plain ASCII can fold otherwise, so SQL picks out the rows that hold
some first (one scan of each table; a 100,000-person network is not folded whole). Python
folds each distinct such text both ways, and the people with one that folds to other words
get their whole document written again. The documents and keys are written as this version
of netweave read them (``fold``, and ``_key`` for organizations); the rule before is
``legacy_fold``, frozen. A key another row already holds (an "Orsted" beside an
"Ørsted") is left as it was: the new fold finds the other one, and nothing is merged
behind the user's back. The schema does not change.

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from alembic import op
from sqlalchemy import Connection

from netweave.logic.normalize import clean, fold, legacy_fold, legacy_normalize_org, legacy_org_key
from netweave.store.migrations.rekey import not_ascii as _not_ascii
from netweave.store.migrations.rekey import rekey as _rekey

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

Fold = Callable[[str], str]
_CHUNK = 500
#: The parts of a person's search document, as ``store.search.documents`` reads them at this
#: revision (a migration does not read the models): the tables, the column of the person
#: each row belongs to, and the text columns.
_PARTS = (
    ("person", "id", ("display_name", "headline", "notes", "location")),
    ("position p JOIN organization o ON o.id = p.organization_id", "p.person_id",
     ("o.name", "p.title")),
    ("interest", "person_id", ("label",)),
    ("need", "person_id", ("text",)),
    ("offer", "person_id", ("text",)),
    ("person_tag pt JOIN tag t ON t.id = pt.tag_id", "pt.person_id", ("t.label",)),
)  # fmt: skip


def _key(name: str) -> str:
    """An organization's key as this revision made it (revision 0017 changed it since)."""
    return legacy_org_key(fold(clean(name)))


def upgrade() -> None:
    conn = op.get_bind()
    _refold_documents(conn, legacy_fold, fold)
    for table in ("organization", "community"):
        _rekey(conn, table, legacy_normalize_org, _key)


def downgrade() -> None:
    conn = op.get_bind()
    _refold_documents(conn, fold, legacy_fold)
    for table in ("organization", "community"):
        _rekey(conn, table, _key, legacy_normalize_org)


def _refold_documents(conn: Connection, before: Fold, after: Fold) -> None:
    """Write again the search documents of the people whose words ``after`` folds otherwise."""
    for chunk in _chunks(_refolded(conn, before, after)):
        parts: dict[int, list[str]] = {pid: [] for pid in chunk}
        ids = ",".join(str(pid) for pid in chunk)
        for tables, owner, columns in _PARTS:
            sql = f"SELECT {owner}, {', '.join(columns)} FROM {tables} WHERE {owner} IN ({ids})"
            for pid, *values in conn.exec_driver_sql(sql):
                parts[int(pid)].extend(str(v) for v in values if v)
        _write(conn, [(pid, after(" ".join(texts))) for pid, texts in parts.items()])


def _refolded(conn: Connection, before: Fold, after: Fold) -> list[int]:
    """The people with a text that ``before`` and ``after`` fold to other words. Only text
    that is not plain ASCII can: SQL reads only the rows that hold some, and each distinct
    text is folded once (the names of employers and tags come back again and again)."""
    changes: dict[str, bool] = {}
    people: set[int] = set()
    for sql in _not_ascii_parts(_not_ascii(conn)):
        for pid, *values in conn.exec_driver_sql(sql):
            for value in values:
                if not value or value.isascii():
                    continue
                if value not in changes:
                    changes[value] = _words(before(value)) != _words(after(value))
                if changes[value]:
                    people.add(int(pid))
                    break
    return sorted(people)


def _not_ascii_parts(odd: Callable[[str], str]) -> list[str]:
    """The parts of documents (as ``_PARTS`` reads them) in the rows with some text that is
    not plain ASCII. Jobs are read twice, by title and by employer, so that each is one scan
    (a join would look up every job's employer, or every employer's jobs)."""
    return [
        f"SELECT id, display_name, headline, notes, location FROM person WHERE "
        f"{odd('display_name')} OR {odd('headline')} OR {odd('notes')} OR {odd('location')}",
        "SELECT p.person_id, (SELECT o.name FROM organization o WHERE o.id = p.organization_id),"
        f" p.title FROM position p WHERE {odd('p.title')}",
        "SELECT p.person_id, o.name, p.title FROM organization o "
        f"JOIN position p ON p.organization_id = o.id WHERE {odd('o.name')}",
        f"SELECT person_id, label FROM interest WHERE {odd('label')}",
        f"SELECT person_id, text FROM need WHERE {odd('text')}",
        f"SELECT person_id, text FROM offer WHERE {odd('text')}",
        "SELECT pt.person_id, t.label FROM person_tag pt JOIN tag t ON t.id = pt.tag_id "
        f"AND {odd('t.label')}",
    ]


def _words(document: str) -> list[str]:
    """What the index reads of a text: its words. A middle dot standing alone (the "·" of
    "Engineer · Founder", which the new fold drops) was never one."""
    return [w for w in document.split() if w.strip("\u00b7")]


def _write(conn: Connection, rows: Sequence[tuple[int, str]]) -> None:
    if not rows:
        return
    ids = ",".join(str(pid) for pid, _ in rows)
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(f"DELETE FROM person_search WHERE rowid IN ({ids})")
        insert = "INSERT INTO person_search (rowid, body) VALUES (?, ?)"
    else:
        conn.exec_driver_sql(f"DELETE FROM person_search WHERE person_id IN ({ids})")
        insert = (
            "INSERT INTO person_search (person_id, document) VALUES (%s, to_tsvector('simple', %s))"
        )
    conn.exec_driver_sql(insert, list(rows))


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]
