"""Tags across many people: the tag list with counts, and bulk tagging."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, insert, select

from netweave.errors import InvalidInput, NotFound
from netweave.logic.sorting import name_sort_key
from netweave.services.context import Context
from netweave.services.people import get_or_create_tag, given_by_hand
from netweave.store import search, stats
from netweave.store.models import Person, Tag, person_tag

#: Bulk tagging works on one screenful of people at a time.
MAX_BULK = 500


def list_tags(ctx: Context) -> list[dict[str, Any]]:
    """Every tag with the number of people carrying it, by label."""
    with ctx.db.reading() as session:
        rows = session.execute(
            select(Tag.label, func.count(person_tag.c.person_id))
            .outerjoin(person_tag, person_tag.c.tag_id == Tag.id)
            .group_by(Tag.id, Tag.label)
        ).all()
        by_label = sorted(rows, key=lambda row: name_sort_key(row[0]))  # one order everywhere
        return [{"label": label, "people": int(n)} for label, n in by_label]


def tag_people(ctx: Context, person_ids: Sequence[int], label: str) -> dict[str, Any]:
    """Give a tag to every listed person (those who have it already are left as they are)."""
    ids = sorted(set(person_ids))
    if not ids:
        raise InvalidInput("choose at least one person to tag")
    if len(ids) > MAX_BULK:
        raise InvalidInput(f"tag at most {MAX_BULK} people at a time")
    with ctx.db.transaction() as session:
        found = set(session.scalars(select(Person.id).where(Person.id.in_(ids))))
        missing = [i for i in ids if i not in found]
        if missing:
            raise NotFound(f"no person with id {missing[0]}")
        tag = get_or_create_tag(session, label)
        session.flush()
        have = set(
            session.scalars(
                select(person_tag.c.person_id).where(
                    person_tag.c.tag_id == tag.id, person_tag.c.person_id.in_(ids)
                )
            )
        )
        new = [i for i in ids if i not in have]
        given_by_hand(session, sorted(have), tag.id)
        if new:
            session.execute(insert(person_tag), [{"person_id": i, "tag_id": tag.id} for i in new])
            search.index_people(session, new)
            if tag.cadence_days:
                stats.refresh_due(session, new, ctx.settings.circles)
        return {"tag": tag.label, "tagged": len(new), "already": len(have)}
