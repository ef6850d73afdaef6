"""Full-text search over people: FTS5 on SQLite, tsvector + GIN on PostgreSQL, one interface.

The indexed document of a person is built here in three fields: their name; their work
(headline, organizations and titles); and the rest (notes, location, interests, tags, needs
and offers). Text is folded (lower case, accents removed, ł ø đ æ þ … written in ASCII) and
cut into words in Python on both sides, so both databases match the same way and "lukasz"
finds "Łukasz". Both rank the matches by one rule (``store/search_rank.py``), so they list
the same people in the same order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Select, bindparam, select, text, update
from sqlalchemy.orm import Session

from netweave.logic.contact_query import domain_spellings
from netweave.logic.normalize import domain_key, email_domain_key
from netweave.store import search_rank, tables
from netweave.store.models import (
    Interest,
    Need,
    Offer,
    Organization,
    Person,
    Position,
    Tag,
    person_tag,
)
from netweave.store.search_rank import Document, document, query_terms

__all__ = ["Document", "document", "query_terms"]

TABLE = "person_search"
_CHUNK = 500
#: The queries that read the parts of people's documents (the person's id first), and the
#: field of a document each text column goes to (0: name, 1: work, 2: the rest).
_PARTS: tuple[tuple[Select[Any], tuple[int, ...]], ...] = (
    (
        select(Person.id, Person.display_name, Person.headline, Person.notes, Person.location),
        (0, 1, 2, 2),
    ),
    (
        select(Position.person_id, Organization.name, Position.title).join(
            Organization, Organization.id == Position.organization_id
        ),
        (1, 1),
    ),
    (select(Interest.person_id, Interest.label), (2,)),
    (select(Need.person_id, Need.text), (2,)),
    (select(Offer.person_id, Offer.text), (2,)),
    (select(person_tag.c.person_id, Tag.label).join(Tag, Tag.id == person_tag.c.tag_id), (2,)),
)


def documents(session: Session, person_ids: Sequence[int]) -> dict[int, Document]:
    """The search document of each person (batched queries, no per-person round trips)."""
    parts: dict[int, tuple[list[str | None], ...]] = defaultdict(lambda: ([], [], []))
    for chunk in _chunks(person_ids):
        for query, fields in _PARTS:
            owner = query.selected_columns[0]
            for pid, *values in session.execute(query.where(owner.in_(chunk))):
                for field, value in zip(fields, values, strict=True):
                    parts[pid][field].append(value)
    documented = {}
    for pid in person_ids:
        name, work, other = parts[pid]
        documented[pid] = document(" ".join(filter(None, name)), work, other)
    return documented


def add_documents(session: Session, rows: Sequence[tuple[int, Document]]) -> None:
    """Index people not in the index yet, given as (id, ``document(...)``)."""
    if not rows:
        return
    connection = session.connection()
    dialect = connection.dialect.name
    sql = search_rank.insert_sql(dialect, "?" if dialect == "sqlite" else "%s")
    connection.exec_driver_sql(
        sql, [search_rank.insert_values(dialect, pid, doc) for pid, doc in rows]
    )


def index_people(session: Session, person_ids: Iterable[int]) -> None:
    """(Re)build the search rows of these people; call after any change to what is indexed."""
    ids = sorted(set(person_ids))
    if not ids:
        return
    docs = documents(session, ids)
    remove_people(session, ids)
    add_documents(session, list(docs.items()))


def remove_people(session: Session, person_ids: Iterable[int]) -> None:
    """Drop these people from the index."""
    ids = list(person_ids)
    column = "rowid" if session.get_bind().dialect.name == "sqlite" else "person_id"
    for chunk in _chunks(ids):
        session.execute(
            text(f"DELETE FROM {TABLE} WHERE {column} IN ({','.join(str(int(i)) for i in chunk)})")
        )


def clear(session: Session) -> None:
    """Empty the index."""
    session.execute(text(f"DELETE FROM {TABLE}"))


def search_ids(
    session: Session | Connection, query: str, limit: int = 50, offset: int = 0
) -> list[int]:
    """Ids of the people matching every word of ``query`` (as prefixes), best first by the
    rule of ``store/search_rank.py`` (``offset``: past that many of the best)."""
    terms = query_terms(query)
    if not terms:
        return []
    sql, params = search_rank.ranked_sql(_dialect(session), terms)
    rows = session.execute(text(sql), {**params, "n": limit, "o": offset})
    return [int(r[0]) for r in rows]


def _dialect(session: Session | Connection) -> str:
    bind = session if isinstance(session, Connection) else session.get_bind()
    return bind.dialect.name


def _is_sqlite(session: Session | Connection) -> bool:
    return _dialect(session) == "sqlite"


def count_matches(
    session: Session | Connection, query: str, cap: int, besides: Sequence[int] = ()
) -> int:
    """How many people but ``besides`` match every word of ``query``, counted up to ``cap``
    (so that a word most people's text has costs no more than ``cap`` index rows)."""
    terms = query_terms(query)
    if not terms:
        return 0
    others = ",".join(str(int(i)) for i in besides)
    match = search_rank.match(_dialect(session), terms)
    if _is_sqlite(session):
        inner = f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH :q"
        inner += f" AND rowid NOT IN ({others})" if others else ""
    else:
        inner = f"SELECT person_id FROM {TABLE} WHERE document @@ to_tsquery('simple', :q)"
        inner += f" AND person_id NOT IN ({others})" if others else ""
    sql = text(f"SELECT count(*) FROM ({inner} LIMIT :n) AS hits")
    return int(session.execute(sql, {"q": match, "n": cap}).scalar_one())


def contact_ids(
    session: Session | Connection,
    phones: Sequence[str],
    email_start: str | None,
    limit: int,
    *,
    domain: str | None = None,
    domain_name: str | None = None,
) -> list[int]:
    """Ids of the people with one of these (E.164) phone numbers, an email address that is
    or starts with ``email_start``, or an address at ``domain`` (or a subdomain of it) or at
    a domain named ``domain_name`` under any top-level domain: whole matches first, then
    addresses in order, then addresses by domain. Each is a lookup in an index: that of
    ``contact_point (kind, normalized)``, or that of ``domain_key`` (revision 0020)."""
    point = tables.contact_point.c
    found: list[int] = []
    if phones:
        found += session.scalars(
            select(point.person_id)
            .where(point.kind == "phone", point.normalized.in_(list(phones)))
            .order_by(point.normalized)
        )
    if email_start:
        starts = _starts_with(session, point.normalized, email_start)
        rows = session.execute(
            select(point.person_id, point.normalized)
            .where(point.kind == "email", starts)
            .order_by(point.normalized)
            .limit(limit + 1)
        ).all()
        whole = [pid for pid, address in rows if address == email_start]
        found += whole + [pid for pid, _ in rows if pid not in whole]
    if domain or domain_name:
        found += _at_domains(session, _domain_prefixes(session, domain, domain_name), limit)
    return list(dict.fromkeys(found))[:limit]


#: Second-level domains under which country domains hand out names (acme.co.uk, acme.com.au).
SECOND_LEVELS = ("ac", "co", "com", "edu", "gov", "ne", "net", "or", "org")


def _domain_prefixes(
    session: Session | Connection, domain: str | None, name: str | None
) -> list[str]:
    """The starts of the domain keys of ``domain`` and its subdomains, or of the domains
    called ``name`` under each top-level domain the addresses have (and under a country's
    usual second-level domains: uk.co.acme.), and of all of a top-level domain when
    ``name`` is one (``@de``). Each in both spellings of a name in another script (its
    letters and its punycode: ``domain_spellings``)."""
    if domain:
        return sorted(domain_key(spelled) for spelled in domain_spellings(domain))
    if not name:
        return []
    prefixes: list[str] = []
    tops = _top_levels(session)
    for spelled in domain_spellings(name):
        for top in tops:
            country = len(top) == 2
            if top == spelled:  # all of it (com.com. and the like are inside)
                prefixes.append(f"{top}.")
            elif not (country and spelled in SECOND_LEVELS):  # @co: not all of co.uk
                prefixes.append(f"{top}.{spelled}.")
            if country and top != spelled:
                prefixes += [f"{top}.{second}.{spelled}." for second in SECOND_LEVELS]
    return sorted(prefixes)


def _top_levels(session: Session | Connection) -> list[str]:
    """The top-level domains of the addresses held, one index seek each (a skip scan)."""
    key = tables.contact_point.c.domain_key
    found: list[str] = []
    after = ""
    while True:
        first = session.scalar(select(key).where(key >= after).order_by(key).limit(1))
        if first is None:
            return found
        top = first.split(".", 1)[0]
        found.append(top)
        after = top + "/"  # past every key of this top-level domain ("/" follows ".")


def _at_domains(session: Session | Connection, prefixes: Sequence[str], limit: int) -> list[int]:
    """Ids of the people with an address whose domain key starts with one of ``prefixes``
    (each ending with a dot), by domain then address, at most ``limit``: a range of the
    index of ``domain_key`` each."""
    point = tables.contact_point.c
    found: list[int] = []
    for prefix in prefixes:
        if len(found) >= limit:
            break
        # every key that starts with "com.acme." sorts from it to "com.acme/" (byte order)
        found += session.scalars(
            select(point.person_id)
            .where(point.domain_key >= prefix, point.domain_key < prefix[:-1] + "/")
            .order_by(point.domain_key, point.normalized)
            .limit(limit - len(found))
        )
    return found


def _starts_with(session: Session | Connection, column: Any, start: str) -> Any:
    """``column`` starts with ``start``, as its index can answer: a range of the byte order
    on SQLite, ``LIKE 'start%'`` on PostgreSQL (read by the ``text_pattern_ops`` index of
    revision 0018, whatever the database's collation)."""
    bind = session if isinstance(session, Connection) else session.get_bind()
    if bind.dialect.name == "sqlite":
        return (column >= start) & (column < start + "\U0010ffff")
    escaped = start.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return column.like(escaped + "%", escape="\\")


def fix_domain_keys(session: Session) -> int:
    """Give every contact point the domain key its address has (``None`` for other kinds),
    where it has another: rows written as a backup file says, which a hand may have edited.
    Returns how many were changed."""
    point = tables.contact_point.c
    rows = session.execute(
        select(point.id, point.kind, point.normalized, point.domain_key).where(
            (point.kind == "email") | point.domain_key.is_not(None)
        )
    )
    wrong = [
        {"row_id": row_id, "key": key}
        for row_id, kind, address, held in rows
        if held != (key := email_domain_key(address) if kind == "email" else None)
    ]
    if wrong:
        session.execute(
            update(tables.contact_point)
            .where(point.id == bindparam("row_id"))
            .values(domain_key=bindparam("key")),
            wrong,
        )
    return len(wrong)


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]
