"""Everything a user sets, read and saved together (the web's Settings page), as
``config show``/``config set``, ``goals set`` and ``tags cadence`` read and store them."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from netweave.config import REGION_ENV, parse_preference
from netweave.errors import InvalidInput, NetweaveError, NotFound
from netweave.services import goals, preferences
from netweave.services.context import Context, refresh_settings
from netweave.services.tagging import list_tags
from netweave.store import stats
from netweave.store.models import Tag


class SettingRefused(InvalidInput):
    """One value of those saved together refused; ``key`` names it as ``save_settings``
    names what it changed (``goals.NAME``, ``tags.LABEL`` or a ``config set`` key)."""

    def __init__(self, key: str, exc: NetweaveError) -> None:
        super().__init__(str(exc), web=exc.web)
        self.key = key


def all_settings(ctx: Context) -> dict[str, Any]:
    """``{settings, goals, tags, region_from_environment}``: every setting in force (as
    ``config show`` has them), the weekly targets, every tag with its people and cadence
    (``None``: none of its own), and whether ``NETWEAVE_PHONE_REGION`` overrides the phone
    region stored."""
    return {
        "settings": preferences.show(ctx)["settings"],
        "goals": goals.get_targets(ctx),
        "tags": list_tags(ctx),
        "region_from_environment": REGION_ENV in os.environ,
    }


def save_settings(
    ctx: Context,
    *,
    settings: Mapping[str, str] | None = None,
    targets: Mapping[str, int] | None = None,
    tag_cadences: Mapping[str, int | None] | None = None,
) -> list[tuple[str, Any]]:
    """Store the values that differ from those in force, in one transaction; ``(key,
    value)`` of each changed (a goal's key is ``goals.NAME``, a tag's ``tags.LABEL``).

    ``settings`` are typed as ``config set`` takes them and stored as it stores them.
    Everyone's next check-in is recomputed once, with every value saved in force (only the
    tagged people's when no circle changed). A value those commands refuse, or a tag no
    longer there, raises ``SettingRefused`` naming it, and nothing is stored."""
    values = {k: _refusing(k, parse_preference, k, raw) for k, raw in (settings or {}).items()}
    for name, value in (targets or {}).items():
        _refusing(f"goals.{name}", goals.check_target, name, value)
    for label, days in (tag_cadences or {}).items():
        _refusing(f"tags.{label}", preferences.check_cadence, days)
    with ctx.db.transaction() as session:
        changed = _store(ctx, session, values, targets or {}, tag_cadences or {})
    refresh_settings(ctx)
    return changed


def _store(
    ctx: Context,
    session: Session,
    values: Mapping[str, Any],
    targets: Mapping[str, int],
    tag_cadences: Mapping[str, int | None],
) -> list[tuple[str, Any]]:
    changed: list[tuple[str, Any]] = []
    was_goals = goals.targets_in(session)
    wanted = {k: v for k, v in targets.items() if was_goals.get(k) != v}
    if wanted:
        goals.store_targets(session, wanted)
        changed += [(f"goals.{name}", value) for name, value in wanted.items()]
    now = preferences.in_force(ctx, session)
    for key, value in values.items():
        if now.get(key) != value:
            preferences.store_preference(session, key, value)
            now[key] = value
            changed.append((key, value))
    was = {tag.label: tag.cadence_days for tag in session.scalars(select(Tag))}
    tagged: set[int] = set()
    for label, days in tag_cadences.items():
        if label in was and was[label] == days:
            continue
        stored, ids = _refusing(
            f"tags.{label}", preferences.store_tag_cadence, session, label, days
        )
        tagged.update(ids)
        changed.append((f"tags.{stored}", days))
    circles = {k.removeprefix("circles."): v for k, v in now.items() if k.startswith("circles.")}
    if any(key.startswith("circles.") for key, _ in changed):
        preferences.refresh_everyone(session, circles)
    elif tagged:
        stats.refresh_due(session, sorted(tagged), circles)
    return changed


def _refusing(key: str, call: Callable[..., Any], *args: Any) -> Any:
    """``call(*args)``, a refusal of it said as a refusal of the value ``key``."""
    try:
        return call(*args)
    except (InvalidInput, NotFound) as exc:
        raise SettingRefused(key, exc) from exc
