"""Listing people: plain rows only, so that the most frequent command starts fast.

Nothing here sets up the ORM: the list is built from Core queries on the tables and the
views of ``services/views.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, Select, func, select

from netweave.errors import InvalidInput, NotFound
from netweave.logic.names import match_names
from netweave.logic.normalize import clean, normalize_org
from netweave.logic.parse import row_id
from netweave.logic.vocab import choose
from netweave.logic.wording import echoed
from netweave.services.context import Context
from netweave.services.views import PersonView, person_rows, person_views
from netweave.store import tables
from netweave.store.queries import (
    Among,
    AtOrganization,
    DueBy,
    Everyone,
    HasTag,
    InCircle,
    PeopleQuery,
)


@dataclass(frozen=True)
class PeopleFilter:
    """The filters of ``people list`` and of the web's people page (``text``: a search)."""

    tag: str | None = None
    organization: str | None = None
    circle: str | None = None
    overdue: bool = False
    limit: int | None = None
    text: str | None = None


#: How many search matches the other filters choose from.
SEARCH_POOL = 5000


def tag_label(label: str) -> str:
    """A tag as stored: cleaned and lower-cased (never empty)."""
    text = clean(label).lower()
    if not text:
        raise InvalidInput("a tag cannot be empty")
    return text


def _known_tag(ctx: Context, label: str) -> str:
    """A tag someone carries (a mistyped one is an error, as a mistyped organization is)."""
    with ctx.db.reading() as session:
        if session.scalar(select(tables.tag.c.id).where(tables.tag.c.label == label)) is None:
            raise NotFound(f"no tag {label!r}")
    return label


def _organization_ids(ctx: Context, query: str) -> tuple[int, ...]:
    """The organization a filter names: the one of that name or number, else the one the
    name matches; none is an error, and so is a name several match (``Kelp``: Kelp Power
    and Kelp Forest Labs), the candidates named (exit 2), as ``orgs show`` and ``paths``
    say it."""
    from netweave.services.resolve import (
        ambiguous_organization,
        find_organization,
        resolve_organization,
    )

    with ctx.db.reading() as session:
        if row_id(query) is not None:
            return (resolve_organization(session, query).id,)
        exact = find_organization(session, query)
        if exact is not None:
            return (exact.id,)
        # only the organizations whose name holds every word typed: a filter typed letter by
        # letter reads a few rows, not all of them
        org = tables.organization.c
        words = normalize_org(query).split()
        having = [org.normalized_name.contains(word, autoescape=True) for word in words]
        matching = select(org.id, org.name).where(*having).order_by(org.id)
        rows = session.execute(matching).all() if words else []
        hits = match_names(query, [r.name for r in rows])
        if not hits:
            raise NotFound(f"no organization matches {echoed(query)}")
        if len(hits) > 1:  # listed as orgs show lists them: rows by number, best match first
            raise ambiguous_organization(query, [(rows[i].id, rows[i].name) for i in hits])
        return (rows[hits[0]].id,)


def list_people(ctx: Context, filters: PeopleFilter, *, brief: bool = False) -> list[PersonView]:
    """People matching the filters: best match first for a search, most overdue first with
    ``overdue``, else by name. ``brief``: only what a table of them shows
    (``views.person_rows``), not the whole person view."""
    return _people(ctx, filters, 0, counted=False, brief=brief)[0]


def page_of_people(
    ctx: Context, filters: PeopleFilter, offset: int = 0
) -> tuple[list[PersonView], int]:
    """The ``filters.limit`` people from ``offset`` on, in the order of ``list_people``,
    and how many match in all (counted in the database, not listed; a search narrowed by
    other filters counts among its first ``SEARCH_POOL`` matches)."""
    people, total = _people(ctx, filters, offset, counted=True)
    return people, total or 0


def own_record_among(ctx: Context, filters: PeopleFilter) -> bool:
    """Whether the user's own record is among the people the filters (and search) match,
    so that a count can say "300 people and you" as the map counts the others."""
    person = tables.person.c
    query = people_query(ctx, filters)
    with ctx.db.rows() as conn:
        me = conn.scalar(select(person.id).where(person.is_me.is_(True)).limit(1))
        if me is None:
            return False
        if filters.text and filters.text.strip():
            from netweave.services.finding import find_ids

            pool = find_ids(conn, filters.text, ctx.settings.phone_region, SEARCH_POOL)
            if me not in pool:
                return False
        found = select(person.id).where(query.clause(), person.id == me)
        return conn.scalar(found) is not None


def people_query(ctx: Context, filters: PeopleFilter) -> PeopleQuery:
    """The filters (but the search) as one query; an unknown tag or organization, or a
    circle not in the settings, is an error."""
    query: PeopleQuery = Everyone()
    for option, value in (("--tag", filters.tag), ("--org", filters.organization),
                          ("--circle", filters.circle)):  # fmt: skip
        if value is not None and not value.strip():  # the web's empty fields are None
            raise InvalidInput(f"{option} is empty: give a value, or leave {option} out")
    if filters.tag:
        query &= HasTag(_known_tag(ctx, tag_label(filters.tag)))
    if filters.organization:
        query &= AtOrganization(_organization_ids(ctx, filters.organization))
    if filters.circle:
        query &= InCircle(choose(filters.circle, tuple(ctx.settings.circles), "circle"))
    if filters.overdue:
        query &= DueBy(ctx.clock.today())
    return query


def _people(
    ctx: Context, filters: PeopleFilter, offset: int, *, counted: bool, brief: bool = False
) -> tuple[list[PersonView], int | None]:
    query = people_query(ctx, filters)
    with ctx.db.rows() as conn:
        if filters.text and filters.text.strip():
            ids, total = _searched(conn, filters, query, (offset, counted),
                                   ctx.settings.phone_region)  # fmt: skip
        else:
            stmt = _ordered(filters).where(query.clause()).limit(filters.limit).offset(offset)
            ids = list(conn.scalars(stmt))
            count = select(func.count()).select_from(tables.person).where(query.clause())
            total = conn.scalar(count) if counted else None
        if brief:
            views = person_rows(conn, ids)
        else:
            views = person_views(conn, ids, ctx.settings.circles, ctx.clock.now())
        if filters.overdue:  # everyone due: whose check-in is snoozed, and until when
            from netweave.services.agenda_snooze import snoozes_of

            hidden = snoozes_of(conn, ids, ctx.clock.today())
            for view in views:
                view["check_in_snoozed_until"] = hidden.get(view["id"], {}).get("check_in")
        return views, total


def _ordered(filters: PeopleFilter) -> Select[tuple[int]]:
    """The people's ids, most overdue first with ``overdue``, else by name."""
    person, stats = tables.person.c, tables.person_stats.c
    stmt = select(person.id)
    if filters.overdue:
        stmt = stmt.join(tables.person_stats, stats.person_id == person.id)
        return stmt.order_by(stats.next_due, person.sort_key, person.id)
    return stmt.order_by(person.sort_key, person.id)  # read in the order of its index


def _searched(
    conn: Connection,
    filters: PeopleFilter,
    query: PeopleQuery,
    page: tuple[int, bool],
    region: str,
) -> tuple[list[int], int | None]:
    """A page (its offset, and whether to count them all) of the people the search finds
    that pass the filters: those whose email or phone it is first, then the best matches of
    its words (most overdue first with ``overdue``), and their number when counted."""
    from netweave.services.finding import count_found, find_ids

    offset, counted = page
    text = filters.text or ""
    narrowed = filters.tag or filters.organization or filters.circle or filters.overdue
    if narrowed or not filters.limit:
        ranked = find_ids(conn, text, region, SEARCH_POOL)
        stop = offset + filters.limit if filters.limit else None
    else:  # the index ranks the first offset + limit (its contact matches first), no more
        ranked = find_ids(conn, text, region, offset + filters.limit)[offset:]
        stop = None
    stmt = _ordered(filters).where((query & Among(tuple(ranked))).clause())
    ids = list(conn.scalars(stmt))
    if not filters.overdue:
        order = {pid: n for n, pid in enumerate(ranked)}
        ids.sort(key=order.__getitem__)
    if not narrowed and filters.limit:
        return ids, count_found(conn, text, region) if counted else None
    return ids[offset:stop], len(ids)


def names_of(ctx: Context, ids: list[int]) -> list[str]:
    """The names of the people with these numbers, in that order (those gone left out)."""
    if not ids:
        return []
    person = tables.person.c
    with ctx.db.reading() as session:
        rows = dict(
            session.execute(select(person.id, person.display_name).where(person.id.in_(ids)))
            .tuples()
            .all()
        )
    return [rows[i] for i in ids if i in rows]
