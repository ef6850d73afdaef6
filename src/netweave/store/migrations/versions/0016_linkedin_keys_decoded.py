"""A LinkedIn profile address is matched with its percent-escapes decoded from now on: the
"linkedin.com/in/%e7%8e%8b%e4%bc%9f" a LinkedIn export writes and the "linkedin.com/in/王伟"
an address book keeps are one person. The keys already stored follow: the contact points'
``normalized`` value and the sources' ``linkedin:…`` external ids that hold an escape.

A key another row already holds (the same profile, brought in both ways before) is left as
it was: the new key finds the other row, and nothing is merged behind the user's back. A
downgrade gives each contact point the key its address made before (the rule before is
frozen here), and each source the key of its person's address. The schema does not change.

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-26
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote

from alembic import op
from sqlalchemy import Connection

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

_PROFILE = re.compile(
    r"^(?:https?://)?(?:[\w-]+\.)?linkedin\.com/(in|pub|company)/([^/?#\s]+)", re.I
)
_SOURCE = "linkedin:"


def _decoded(key: str) -> str:
    """The key ``linkedin.com/KIND/SLUG`` with the slug as this revision reads it."""
    head, _, slug = key.rpartition("/")
    try:
        text = unquote(slug, errors="strict")
    except UnicodeDecodeError:
        return key
    if any(c in "/?#" or c.isspace() or not c.isprintable() for c in text):
        return key
    return f"{head}/{unicodedata.normalize('NFC', text).lower()}"


def _before(address: str) -> str | None:
    """The key the revision before made of an address (``None``: it made none)."""
    match = _PROFILE.match(address.strip())
    if not match:
        return None
    kind, slug = match.groups()
    return f"linkedin.com/{kind.lower()}/{slug.lower()}"


def upgrade() -> None:
    conn = op.get_bind()
    mark = _mark(conn)
    points = conn.exec_driver_sql(
        "SELECT id, kind, normalized FROM contact_point"
        f" WHERE kind = 'linkedin' AND {_escaped(conn, 'normalized')} ORDER BY id",
        ("%",),
    ).all()
    _rekey(conn, "contact_point", "kind", "normalized",
           [(int(i), kind, key, _decoded(key)) for i, kind, key in points])  # fmt: skip
    sources = conn.exec_driver_sql(
        "SELECT id, source, external_id FROM person_source"
        f" WHERE external_id LIKE {mark} AND {_escaped(conn, 'external_id')} ORDER BY id",
        (_SOURCE + "%", "%"),
    ).all()
    _rekey(conn, "person_source", "source", "external_id",
           [(int(i), source, key, _SOURCE + _decoded(key.removeprefix(_SOURCE)))
            for i, source, key in sources])  # fmt: skip


def downgrade() -> None:
    conn = op.get_bind()
    points = conn.exec_driver_sql(
        "SELECT id, person_id, kind, value, normalized FROM contact_point"
        " WHERE kind = 'linkedin' ORDER BY id"
    ).all()
    earlier: dict[tuple[int, str], str] = {}
    changes = []
    for row_id, person_id, kind, value, key in points:
        before = _before(value)
        if before is None:
            continue
        earlier[(int(person_id), _decoded(before))] = before
        if before != key:
            changes.append((int(row_id), kind, key, before))
    _rekey(conn, "contact_point", "kind", "normalized", changes)
    sources = conn.exec_driver_sql(
        "SELECT id, person_id, source, external_id FROM person_source"
        f" WHERE external_id LIKE {_mark(conn)} ORDER BY id",
        (_SOURCE + "%",),
    ).all()
    _rekey(conn, "person_source", "source", "external_id", [
        (int(i), source, key, _SOURCE + earlier[(int(pid), key.removeprefix(_SOURCE))])
        for i, pid, source, key in sources if (int(pid), key.removeprefix(_SOURCE)) in earlier
    ])  # fmt: skip


def _rekey(
    conn: Connection, table: str, scope: str, column: str, changes: list[tuple[int, str, str, str]]
) -> None:
    """Give each row ``(id, scope, key, new key)`` of ``table`` its new key, unless another
    row of the same scope (the unique constraint's other column) holds it; of two rows that
    want one key, the first takes it."""
    mark = _mark(conn)
    updates = []
    taken: set[tuple[str, str]] = set()
    for row_id, within, key, new in changes:
        if new == key or (within, new) in taken:
            continue
        held = conn.exec_driver_sql(
            f"SELECT 1 FROM {table} WHERE {scope} = {mark} AND {column} = {mark}", (within, new)
        ).first()
        if held is None:
            taken.add((within, new))
            updates.append((new, row_id))
    if updates:
        conn.exec_driver_sql(f"UPDATE {table} SET {column} = {mark} WHERE id = {mark}", updates)


def _mark(conn: Connection) -> str:
    return "?" if conn.dialect.name == "sqlite" else "%s"


def _escaped(conn: Connection, column: str) -> str:
    """SQL testing that ``column`` holds the text of the next parameter (a percent sign)."""
    if conn.dialect.name == "sqlite":
        return f"instr({column}, ?) > 0"
    return f"strpos({column}, %s) > 0"
