"""Reviewing duplicates: both records side by side, which to keep, pairs kept apart (and
taken back), undo."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import aliased

from netweave.errors import Conflict, InvalidInput, NotFound
from netweave.logic.contact_query import format_phone
from netweave.services.context import Context
from netweave.services.duplicates import NOT_DUPLICATES, duplicates, find, notes
from netweave.services.import_undo import undo_batch
from netweave.services.merge_log import merge_said, merged_pair
from netweave.services.resolve import resolve_person
from netweave.services.views import person_views
from netweave.store import tables
from netweave.store.models import DismissedPair, ImportBatch, Person

#: What the review shows of each record (the rest is on the person page).
_SHOWN = ("id", "name", "company", "title", "emails", "phones", "first_met",
          "last_interaction", "is_me")  # fmt: skip


def review(ctx: Context, limit: int = 100) -> list[dict[str, Any]]:
    """The proposed pairs with what each record holds, and which one to keep (``keep``):
    the one with more history (conversations, then contact details, then the older)."""
    return _records(ctx, duplicates(ctx, limit))


def review_page(ctx: Context, size: int, page: int = 1) -> dict[str, Any]:
    """One page of ``review``'s pairs (``size`` of them, from the likeliest), whether there
    are ``more``, and what was not compared pair by pair (``notes``, in sentences)."""
    found = find(ctx, size * page + 1)
    shown = found.pairs[size * (page - 1) : size * page]
    return {"pairs": _records(ctx, shown), "more": len(found.pairs) > size * page,
            "notes": notes(found)}  # fmt: skip


def _records(ctx: Context, pairs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    ids = sorted({p[side]["id"] for p in pairs for side in ("a", "b")})
    with ctx.db.reading() as session:
        found = person_views(session, ids, ctx.settings.circles, ctx.clock.now())
        views = {v["id"]: v for v in found}
        talks: dict[int, int] = {}
        numbers: dict[tuple[int, str], str] = {}
        stats, point = tables.person_stats.c, tables.contact_point.c
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            rows = session.execute(
                select(stats.person_id, stats.interactions).where(stats.person_id.in_(chunk))
            )
            talks.update((pid, count) for pid, count in rows)
            phones = session.execute(
                select(point.person_id, point.value, point.normalized).where(
                    point.kind == "phone", point.person_id.in_(chunk)
                )
            )
            numbers.update(((pid, value), normalized) for pid, value, normalized in phones)
    region = ctx.settings.phone_region
    out = []
    for pair in pairs:
        a, b = (_side(views[pair[s]["id"]], talks, numbers, region) for s in ("a", "b"))
        keep = max((a, b), key=_history)
        out.append({"a": a, "b": b, "score": pair["score"], "reason": pair["reason"],
                    "keep": keep["id"]})  # fmt: skip
    return out


def _side(
    view: dict[str, Any], talks: dict[int, int], numbers: dict[tuple[int, str], str], region: str
) -> dict[str, Any]:
    """What the review shows of one record; its phones also as the person page reads them
    (``phones_shown``: formatted, national for the configured region)."""
    pid = view["id"]
    shown = [format_phone(numbers.get((pid, value), value), region) for value in view["phones"]]
    return {**{k: view[k] for k in _SHOWN}, "phones_shown": shown,
            "conversations": talks.get(pid, 0)}  # fmt: skip


def _history(side: dict[str, Any]) -> tuple[int, int, int]:
    details = len(side["emails"]) + len(side["phones"]) + (side["company"] is not None)
    return (side["conversations"], details, -side["id"])


def keep_apart(ctx: Context, a: str, b: str) -> dict[str, Any]:
    """Two records the user says are different people: never proposed as duplicates again."""
    with ctx.db.transaction() as session:
        first, second = resolve_person(session, a), resolve_person(session, b)
        if first.id == second.id:
            raise InvalidInput(f"name two different people (both are {first.display_name})")
        low, high = sorted((first.id, second.id))
        exists = session.scalar(
            select(DismissedPair.id).where(
                DismissedPair.kind == NOT_DUPLICATES,
                DismissedPair.person_a_id == low,
                DismissedPair.person_b_id == high,
            )
        )
        if exists is None:
            session.add(
                DismissedPair(kind=NOT_DUPLICATES, person_a_id=low, person_b_id=high,
                              dismissed_on=ctx.clock.today())
            )  # fmt: skip
        return _pair_said(first, second, kept_apart=True)


def undo_keep_apart(ctx: Context, a: str, b: str) -> dict[str, Any]:
    """Take back a "keep apart" (a click by mistake): the pair may be proposed as duplicates
    again, while they look alike."""
    with ctx.db.transaction() as session:
        first, second = resolve_person(session, a), resolve_person(session, b)
        low, high = sorted((first.id, second.id))
        done = session.execute(
            delete(DismissedPair).where(
                DismissedPair.kind == NOT_DUPLICATES,
                DismissedPair.person_a_id == low,
                DismissedPair.person_b_id == high,
            )
        )
        if not done.rowcount:  # type: ignore[attr-defined]
            raise NotFound(
                f"{first.display_name} (#{first.id}) and {second.display_name} (#{second.id}) "
                "are not kept apart"
            )
        return _pair_said(first, second, kept_apart=False)


def kept_apart(ctx: Context, limit: int = 100) -> list[dict[str, Any]]:
    """The pairs kept apart, latest first: ``{a, b, since}`` (each side ``{id, name}``)."""
    pair = DismissedPair
    first, second = aliased(Person), aliased(Person)
    with ctx.db.reading() as session:
        rows = session.execute(
            select(first.id, first.display_name, second.id, second.display_name,
                   pair.dismissed_on)
            .join(first, first.id == pair.person_a_id)
            .join(second, second.id == pair.person_b_id)
            .where(pair.kind == NOT_DUPLICATES)
            .order_by(pair.dismissed_on.desc(), pair.id.desc())
            .limit(limit)
        )  # fmt: skip
        return [{"a": {"id": a, "name": a_name}, "b": {"id": b, "name": b_name},
                 "since": since.isoformat()}
                for a, a_name, b, b_name, since in rows]  # fmt: skip


def _pair_said(first: Person, second: Person, *, kept_apart: bool) -> dict[str, Any]:
    return {
        "a": {"id": first.id, "name": first.display_name},
        "b": {"id": second.id, "name": second.display_name},
        "kept_apart": kept_apart,
    }


def merge_summary(ctx: Context, batch_id: int) -> dict[str, Any]:
    """What a merge did: its ``state`` (done or undone), the ``kept`` record and the
    ``merged`` one (each ``{id, name}``; a name is ``None`` once that person is forgotten)."""
    with ctx.db.reading() as session:
        batch = session.get(ImportBatch, batch_id)
        pair = merged_pair(batch.source_name) if batch and batch.kind == "merge" else None
        if batch is None or pair is None:
            raise NotFound(f"no merge with batch number {batch_id}")
        return merge_said(session, batch, pair, "person", "display_name")


def undo_merge(ctx: Context, batch_id: int) -> dict[str, Any]:
    """Undo a merge (the undo of ``netweave import undo``): both records are back as they were."""
    summary = merge_summary(ctx, batch_id)
    if summary["state"] == "undone":
        raise Conflict(f"merge {batch_id} was already undone")
    result = undo_batch(ctx, batch_id)
    return {**merge_summary(ctx, batch_id), "reverted": result["reverted"]}
