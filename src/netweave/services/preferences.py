"""Stored preferences: circle cadences, woven-check thresholds, phone region, tag cadences."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from netweave.config import (
    CONFIG_KEYS,
    DEFAULT_CIRCLES,
    load_settings,
    parse_preference,
    with_preferences,
)
from netweave.errors import InvalidInput, NotFound
from netweave.logic.normalize import clean
from netweave.logic.parse import MAX_DAYS, bounded
from netweave.logic.sorting import name_sort_key
from netweave.services.context import Context, stored_preferences
from netweave.store import stats
from netweave.store.models import Person, Setting, Tag, person_tag


def show(ctx: Context) -> dict[str, Any]:
    """Every setting in force, with the tag cadences."""
    with ctx.db.reading() as session:
        tags = {
            t.label: t.cadence_days
            for t in sorted(session.scalars(select(Tag)), key=lambda t: name_sort_key(t.label))
            if t.cadence_days
        }
        values = in_force(ctx, session)
    return {"settings": values, "tag_cadences": tags}


def in_force(ctx: Context, session: Session) -> dict[str, Any]:
    """Every setting in force as ``config show`` has them, by key, read in ``session``."""
    settings = with_preferences(ctx.settings, stored_preferences(session))
    values: dict[str, Any] = {f"circles.{k}": v for k, v in settings.circles.items()}
    values.update({f"woven.{k}": v for k, v in asdict(settings.woven).items()})
    values["phone_region"] = settings.phone_region
    values["targets.order"] = ",".join(settings.lamp_order)
    return values


def set_preference(ctx: Context, key: str, raw: str) -> Any:
    """Store one preference; cadence changes recompute everyone's next check-in."""
    value = parse_preference(key, raw)
    with ctx.db.transaction() as session:
        store_preference(session, key, value)
        if key.startswith("circles."):
            circles = dict(ctx.settings.circles)
            circles[key.removeprefix("circles.")] = value
            refresh_everyone(session, circles)
    return value


def store_preference(session: Session, key: str, value: Any) -> None:
    """Store one preference (a value ``parse_preference`` gave) in the caller's
    transaction; nothing is recomputed."""
    row = session.scalars(select(Setting).where(Setting.key == key)).first()
    if row is None:
        session.add(Setting(key=key, value={"value": value}))
    else:
        row.value = {"value": value}


def refresh_everyone(session: Session, circles: Mapping[str, int | None]) -> None:
    """Recompute everyone's next check-in with ``circles`` in force."""
    stats.refresh_due(session, list(session.scalars(select(Person.id))), circles)


def reset_preference(ctx: Context, key: str) -> Any:
    """Forget a stored preference, so its default is in force again; returns that default
    (for ``phone_region``, ``NETWEAVE_PHONE_REGION`` when it is set)."""
    if key not in CONFIG_KEYS:
        raise InvalidInput(f"unknown setting {key!r}; settings: {', '.join(CONFIG_KEYS)}")
    with ctx.db.transaction() as session:
        row = session.scalars(select(Setting).where(Setting.key == key)).first()
        if row is not None:
            session.delete(row)
        defaults = load_settings(ctx.settings.database_url)
        if key.startswith("circles."):
            circles = dict(ctx.settings.circles)
            circles[key.removeprefix("circles.")] = DEFAULT_CIRCLES[key.removeprefix("circles.")]
            refresh_everyone(session, circles)
            return circles[key.removeprefix("circles.")]
    if key.startswith("woven."):
        return getattr(defaults.woven, key.removeprefix("woven."))
    if key == "phone_region":
        return defaults.phone_region
    return ",".join(defaults.lamp_order)


def set_tag_cadence(ctx: Context, label: str, days: int | None) -> dict[str, Any]:
    """Give everyone carrying a tag a keep-in-touch interval (``None`` removes it); returns
    ``{tag, cadence_days, people}``: the tag as stored and how many people carry it."""
    check_cadence(days)
    with ctx.db.transaction() as session:
        stored, ids = store_tag_cadence(session, label, days)
        stats.refresh_due(session, ids, ctx.settings.circles)
        return {"tag": stored, "cadence_days": days, "people": len(ids)}


def check_cadence(days: int | None) -> None:
    """Refuse a tag cadence ``tags cadence`` refuses."""
    if days is not None:
        bounded(days, 1, MAX_DAYS, "cadence (days)")


def store_tag_cadence(session: Session, label: str, days: int | None) -> tuple[str, list[int]]:
    """Store a tag's cadence in the caller's transaction (nothing is recomputed): the tag as
    stored and the ids of the people carrying it."""
    tag = session.scalars(select(Tag).where(Tag.label == clean(label).lower())).first()
    if tag is None:
        raise NotFound(f"no tag {label!r}")
    tag.cadence_days = days
    session.flush()
    ids = session.scalars(select(person_tag.c.person_id).where(person_tag.c.tag_id == tag.id))
    return tag.label, list(ids)
