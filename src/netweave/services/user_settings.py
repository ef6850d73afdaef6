"""Everything a user sets, read and saved together (the web's Settings page), through the
calls of ``config show``/``config set``, ``goals set`` and ``tags cadence``."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from netweave.config import REGION_ENV, parse_preference
from netweave.services import goals, preferences
from netweave.services.context import Context, refresh_settings
from netweave.services.tagging import list_tags


def all_settings(ctx: Context) -> dict[str, Any]:
    """``{settings, goals, tags, region_from_environment}``: every setting in force (as
    ``config show`` has them), the weekly targets, every tag with its people and cadence
    (``None``: none of its own), and whether ``NETWEAVE_PHONE_REGION`` overrides the phone
    region stored."""
    shown = preferences.show(ctx)
    cadences = shown["tag_cadences"]
    tags = [{**tag, "cadence_days": cadences.get(tag["label"])} for tag in list_tags(ctx)]
    return {
        "settings": shown["settings"],
        "goals": goals.get_targets(ctx),
        "tags": tags,
        "region_from_environment": REGION_ENV in os.environ,
    }


def save_settings(
    ctx: Context,
    *,
    settings: Mapping[str, str] | None = None,
    targets: Mapping[str, int] | None = None,
    tag_cadences: Mapping[str, int | None] | None = None,
) -> list[tuple[str, Any]]:
    """Store the values that differ from those in force; ``(key, value)`` of each changed
    (a goal's key is ``goals.NAME``, a tag's ``tags.LABEL``).

    ``settings`` are typed as ``config set`` takes them; each one is stored as ``config set``
    stores it, and the settings are read again after it, so that the next circle's change
    recomputes everyone's check-ins with this one in force; tag cadences come last, for the
    same reason. Values are refused as those commands refuse them (check them first: what
    was stored before a refusal stays)."""
    now = all_settings(ctx)
    changed: list[tuple[str, Any]] = []
    wanted = {k: v for k, v in (targets or {}).items() if now["goals"].get(k) != v}
    if wanted:
        goals.set_targets(ctx, **wanted)
        changed += [(f"goals.{name}", value) for name, value in wanted.items()]
    for key, raw in (settings or {}).items():
        value = parse_preference(key, raw)
        if now["settings"].get(key) == value:
            continue
        preferences.set_preference(ctx, key, raw)
        refresh_settings(ctx)
        changed.append((key, value))
    was = {tag["label"]: tag["cadence_days"] for tag in now["tags"]}
    for label, days in (tag_cadences or {}).items():
        if label in was and was[label] == days:
            continue
        result = preferences.set_tag_cadence(ctx, label, days)
        changed.append((f"tags.{result['tag']}", days))
    return changed
