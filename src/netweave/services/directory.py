"""Listing people: plain rows only, so that the most frequent command starts fast.

Nothing here sets up the ORM: the list is built from Core queries on the tables and the
views of ``services/views.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from netweave.errors import InvalidInput
from netweave.logic.normalize import clean
from netweave.logic.vocab import choose
from netweave.services.context import Context
from netweave.services.views import PersonView, person_views
from netweave.store import tables
from netweave.store.queries import AtOrganization, Everyone, HasTag, InCircle, PeopleQuery


@dataclass(frozen=True)
class PeopleFilter:
    """The filters of ``people list``."""

    tag: str | None = None
    organization: str | None = None
    circle: str | None = None
    overdue: bool = False
    limit: int | None = None


def tag_label(label: str) -> str:
    """A tag as stored: cleaned and lower-cased (never empty)."""
    text = clean(label).lower()
    if not text:
        raise InvalidInput("a tag cannot be empty")
    return text


def _organization_id(ctx: Context, query: str) -> int:
    from netweave.services.resolve import resolve_organization

    with ctx.db.reading() as session:
        return resolve_organization(session, query).id


def list_people(ctx: Context, filters: PeopleFilter) -> list[PersonView]:
    """People matching the filters, by name (most overdue first with ``overdue``)."""
    query: PeopleQuery = Everyone()
    if filters.tag:
        query &= HasTag(tag_label(filters.tag))
    if filters.organization:
        query &= AtOrganization(_organization_id(ctx, filters.organization))
    if filters.circle:
        query &= InCircle(choose(filters.circle, tuple(ctx.settings.circles), "circle"))
    person = tables.person.c
    stmt = select(person.id).where(query.clause()).order_by(func.lower(person.display_name))
    if filters.limit and not filters.overdue:
        stmt = stmt.limit(filters.limit)
    with ctx.db.rows() as conn:
        ids = list(conn.scalars(stmt))
        views = person_views(conn, ids, ctx.settings.circles, ctx.clock.now())
    if filters.overdue:
        today = ctx.clock.today()
        # due today counts, as on the agenda
        views = [v for v in views if v["next_due"] and v["next_due"] <= today.isoformat()]
        views = [v for v in views if not v["is_me"]]
        views.sort(key=lambda v: (v["next_due"], v["name"]))
        views = views[: filters.limit] if filters.limit else views
    return views
