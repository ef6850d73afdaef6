"""Tags across many people: the tag list with counts, bulk tagging, and a tag removed or
renamed everywhere at once."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from netweave.errors import InvalidInput, NotFound
from netweave.logic.sorting import name_sort_key
from netweave.logic.wording import count, days, echoed, every
from netweave.services.context import Context
from netweave.services.directory import tag_label
from netweave.services.person_lists import get_or_create_tag, given_by_hand
from netweave.services.removed import remember_removed
from netweave.store import search, stats
from netweave.store.models import Person, Tag, person_tag

#: Bulk tagging works on one screenful of people at a time.
MAX_BULK = 500


def list_tags(ctx: Context) -> list[dict[str, Any]]:
    """Every tag by label: ``{label, people, cadence_days}``, how many people carry it and
    its keep-in-touch cadence (``None``: none of its own)."""
    with ctx.db.reading() as session:
        rows = session.execute(
            select(Tag.label, func.count(person_tag.c.person_id), Tag.cadence_days)
            .outerjoin(person_tag, person_tag.c.tag_id == Tag.id)
            .group_by(Tag.id, Tag.label, Tag.cadence_days)
        ).all()
        by_label = sorted(rows, key=lambda row: name_sort_key(row[0]))  # one order everywhere
        return [
            {"label": label, "people": int(n), "cadence_days": days or None}
            for label, n, days in by_label
        ]


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


def remove_tag(ctx: Context, label: str, *, confirmed: bool = False) -> dict[str, Any]:
    """Delete a tag: taken from everyone carrying it (remembered as taken away by hand, so
    an import does not bring it back to them), its cadence with it, and gone from every
    list of tags. It cannot be undone, so a tag anyone carries goes only when ``confirmed``.
    ``{tag, people}``: its label and how many carried it."""
    with ctx.db.transaction() as session:
        tag = _tag(session, label)
        ids = _carrying(session, tag.id)
        if ids and not confirmed:
            raise InvalidInput(
                f"would remove tag {echoed(tag.label)} from {_people(len(ids))}; re-run with --yes"
            )
        session.execute(delete(person_tag).where(person_tag.c.tag_id == tag.id))
        for pid in ids:
            remember_removed(session, pid, f"tag:{tag.label}")
        paced = tag.cadence_days is not None
        session.delete(tag)
        session.flush()
        _refresh(ctx, session, ids, paced)
        return {"tag": tag.label, "people": len(ids)}


def rename_tag(ctx: Context, old: str, new: str, *, confirmed: bool = False) -> dict[str, Any]:
    """Give a tag another label. A label another tag has already joins the two: everyone
    carrying either carries that one, with the shorter of the two cadences; the two cannot
    be told apart again, so a join that changes anyone is made only when ``confirmed``.
    ``{tag, renamed_to, people, joined, cadence, cadences_joined}`` (the last: this tag's
    and the other's cadence, when both had one and they differed); a join adds
    ``cadences`` (this tag's and the other's), ``carrying`` (how many carry the label
    now) and ``changed`` (how many people it changed: this tag's, and the other's too when
    their cadence changed)."""
    text = tag_label(new)
    with ctx.db.transaction() as session:
        tag = _tag(session, old)
        if text == tag.label:
            raise InvalidInput(f"the tag is called {echoed(text)} already")
        ids = _carrying(session, tag.id)
        other = session.scalars(select(Tag).where(Tag.label == text)).first()
        if other is not None:
            return _join(ctx, session, tag, other, ids, confirmed=confirmed)
        before = tag.label
        tag.label = text
        session.flush()
        _refresh(ctx, session, ids, tag.cadence_days is not None)
        return {"tag": before, "renamed_to": text, "people": len(ids), "joined": False,
                "cadence": tag.cadence_days, "cadences_joined": None}  # fmt: skip


def _join(
    ctx: Context, session: Session, tag: Tag, other: Tag, ids: list[int], *, confirmed: bool
) -> dict[str, Any]:
    """Join ``tag`` (carried by ``ids``) to ``other``: its people carry ``other``, which keeps
    the shorter cadence of the two."""
    have = set(_carrying(session, other.id))
    label, both = tag.label, (tag.cadence_days, other.cadence_days)
    kept, differed = _shorter(*both)
    # the other tag's people are changed too when its cadence is
    changed = sorted(set(ids) | (have if kept != other.cadence_days else set()))
    if changed and not confirmed:
        cadence = joined_cadence(label, other.label, *both)
        raise InvalidInput(
            f"would join tag {echoed(label)} into {echoed(other.label)}, changing "
            f"{_people(len(changed))}; cadence: {cadence}; re-run with --yes"
        )
    given = [{"person_id": i, "tag_id": other.id} for i in ids if i not in have]
    session.execute(delete(person_tag).where(person_tag.c.tag_id == tag.id))
    if given:
        session.execute(insert(person_tag), given)
    other.cadence_days = kept
    session.delete(tag)
    session.flush()
    _refresh(ctx, session, changed, any(n is not None for n in both))
    return {
        "tag": label,
        "renamed_to": other.label,
        "people": len(ids),
        "joined": True,
        "cadence": kept,
        "cadences_joined": list(both) if differed else None,
        "cadences": list(both),
        "carrying": len(have | set(ids)),
        "changed": len(changed),
    }


def joined_cadence(old: str, new: str, mine: int | None, theirs: int | None) -> str:
    """Which cadence two tags joined keep, as a message says it after "cadence: ": the
    shorter of the two, so no one carrying either is kept in touch with less often."""
    kept, differed = _shorter(mine, theirs)
    if kept is None:
        return "none (neither tag has one)"
    if differed:
        return (f"{every(kept)}, the shorter of the two ({echoed(old)}: {days(mine or 0)}, "
                f"{echoed(new)}: {days(theirs or 0)})")  # fmt: skip
    if mine == theirs:
        return f"{every(kept)}, as both had"
    whose, other = (old, new) if theirs is None else (new, old)
    return f"{every(kept)}, from {echoed(whose)} ({echoed(other)} has none)"


def _people(n: int) -> str:
    return count(n, "person", "people")


def _shorter(mine: int | None, theirs: int | None) -> tuple[int | None, bool]:
    """The cadence of two tags joined: the shorter, so no one carrying either is kept in
    touch with less often than before; and whether the two differed."""
    given = [n for n in (mine, theirs) if n is not None]
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
