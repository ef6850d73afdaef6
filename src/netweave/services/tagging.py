"""Tags across many people: the tag list with counts, bulk tagging, and a tag removed or
renamed everywhere at once."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from netweave.errors import InvalidInput, NotFound
from netweave.logic.sorting import name_sort_key
from netweave.logic.wording import echoed
from netweave.services.context import Context
from netweave.services.directory import tag_label
from netweave.services.person_lists import get_or_create_tag, given_by_hand
from netweave.services.removed import remember_removed
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


def remove_tag(ctx: Context, label: str) -> dict[str, Any]:
    """Delete a tag: taken from everyone carrying it (remembered as taken away by hand, so
    an import does not bring it back to them), its cadence with it, and gone from every
    list of tags. ``{tag, people}``: its label and how many carried it."""
    with ctx.db.transaction() as session:
        tag = _tag(session, label)
        ids = _carrying(session, tag.id)
        session.execute(delete(person_tag).where(person_tag.c.tag_id == tag.id))
        for pid in ids:
            remember_removed(session, pid, f"tag:{tag.label}")
        paced = tag.cadence_days is not None
        session.delete(tag)
        session.flush()
        _refresh(ctx, session, ids, paced)
        return {"tag": tag.label, "people": len(ids)}


def rename_tag(ctx: Context, old: str, new: str) -> dict[str, Any]:
    """Give a tag another label. A label another tag has already joins the two: everyone
    carrying either carries that one, with the shorter of the two cadences.
    ``{tag, renamed_to, people, joined, cadence, cadences_joined}`` (the last: this tag's
    and the other's cadence, when both had one and they differed)."""
    text = tag_label(new)
    with ctx.db.transaction() as session:
        tag = _tag(session, old)
        if text == tag.label:
            raise InvalidInput(f"the tag is called {echoed(text)} already")
        ids = _carrying(session, tag.id)
        other = session.scalars(select(Tag).where(Tag.label == text)).first()
        before, paced = tag.label, tag.cadence_days is not None
        both: tuple[int | None, int | None] = (tag.cadence_days, None)
        differed = False
        if other is None:
            tag.label = text
        else:
            have = set(_carrying(session, other.id))
            given = [{"person_id": i, "tag_id": other.id} for i in ids if i not in have]
            session.execute(delete(person_tag).where(person_tag.c.tag_id == tag.id))
            if given:
                session.execute(insert(person_tag), given)
            both = (tag.cadence_days, other.cadence_days)
            other.cadence_days, differed = _shorter(*both)
            paced = paced or other.cadence_days is not None
            session.delete(tag)
        session.flush()
        _refresh(ctx, session, ids, paced)
        return {
            "tag": before,
            "renamed_to": text,
            "people": len(ids),
            "joined": other is not None,
            "cadence": (other or tag).cadence_days,
            "cadences_joined": list(both) if other is not None and differed else None,
        }


def _shorter(mine: int | None, theirs: int | None) -> tuple[int | None, bool]:
    """The cadence of two tags joined: the shorter, so no one carrying either is kept in
    touch with less often than before; and whether the two differed."""
    given = [days for days in (mine, theirs) if days is not None]
    return (min(given) if given else None), len(set(given)) == 2


def _tag(session: Session, label: str) -> Tag:
    """The tag of this label, or a clear refusal."""
    text = tag_label(label)
    tag = session.scalars(select(Tag).where(Tag.label == text)).first()
    if tag is None:
        raise NotFound(f"no tag {echoed(text)}")
    return tag


def _carrying(session: Session, tag_id: int) -> list[int]:
    return list(
        session.scalars(
            select(person_tag.c.person_id)
            .where(person_tag.c.tag_id == tag_id)
            .order_by(person_tag.c.person_id)
        )
    )


def _refresh(ctx: Context, session: Session, ids: list[int], paced: bool) -> None:
    """Search finds people by their tags; a tag's cadence sets their check-ins."""
    if ids:
        search.index_people(session, ids)
        if paced:
            stats.refresh_due(session, ids, ctx.settings.circles)
