"""Every setting read and saved at once (the web's Settings page), on both backends."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from factories import person, talk
from netweave.errors import InvalidInput
from netweave.services.context import Context
from netweave.services.goals import get_targets
from netweave.services.people import show_person
from netweave.services.preferences import set_tag_cadence, show
from netweave.services.user_settings import all_settings, save_settings
from netweave.store.models import Setting

TODAY = dt.date(2026, 6, 15)


def _stored(ctx: Context) -> dict[str, object]:
    with ctx.db.reading() as session:
        return {row.key: row.value["value"] for row in session.scalars(select(Setting))}


def test_all_settings_are_those_config_show_goals_and_the_tags_have(ctx: Context) -> None:
    person(ctx, "Ada Lovelace", tags=["mentor", "python"])
    set_tag_cadence(ctx, "mentor", 30)
    read = all_settings(ctx)
    assert read["settings"] == show(ctx)["settings"]
    assert read["goals"] == get_targets(ctx)
    assert read["tags"] == [
        {"label": "mentor", "people": 1, "cadence_days": 30},
        {"label": "python", "people": 1, "cadence_days": None},
    ]
    assert read["region_from_environment"] is False


def test_only_what_changed_is_stored_and_said(ctx: Context) -> None:
    person(ctx, "Ada Lovelace", tags=["mentor"])
    now = all_settings(ctx)
    # the form sent as it was shown: nothing is stored (the defaults stay unpinned)
    same = save_settings(
        ctx,
        settings={k: "none" if v is None else str(v) for k, v in now["settings"].items()},
        targets=now["goals"],
        tag_cadences={"mentor": None},
    )
    assert same == []
    assert _stored(ctx) == {}
    changed = save_settings(
        ctx,
        settings={"circles.close": "21", "circles.dormant": "none", "phone_region": "gb"},
        targets={"conversations": 5, "gives": 2},
        tag_cadences={"mentor": 45},
    )
    assert changed == [
        ("goals.gives", 2),
        ("circles.close", 21),
        ("phone_region", "GB"),
        ("tags.mentor", 45),
    ]
    assert _stored(ctx) == {
        "goals": {"conversations": 5, "gives": 2, "check_ins": 3},
        "circles.close": 21,
        "phone_region": "GB",
    }
    assert ctx.settings.circles["close"] == 21
    assert all_settings(ctx)["tags"] == [{"label": "mentor", "people": 1, "cadence_days": 45}]


def test_circles_saved_together_each_set_their_peoples_next_check_in(ctx: Context) -> None:
    """Each circle's change recomputes everyone's check-in with the circles saved before it
    in force: the last one does not put the first one's people back on the old cadence."""
    person(ctx, "Ada Lovelace", circle="inner")
    person(ctx, "Bea Close", circle="close")
    person(ctx, "Cy Mentor", circle="inner", tags=["mentor"])
    talk(ctx, "Ada Lovelace", "Bea Close", "Cy Mentor", on=TODAY)
    save_settings(
        ctx,
        settings={"circles.inner": "7", "circles.close": "60"},
        tag_cadences={"mentor": 100},
    )
    due = {n: show_person(ctx, n)["next_due"] for n in ("Ada Lovelace", "Bea Close", "Cy Mentor")}
    assert due == {
        "Ada Lovelace": (TODAY + dt.timedelta(days=7)).isoformat(),
        "Bea Close": (TODAY + dt.timedelta(days=60)).isoformat(),
        "Cy Mentor": (TODAY + dt.timedelta(days=100)).isoformat(),  # the tag's comes first
    }


def test_a_value_config_set_refuses_is_refused(ctx: Context) -> None:
    with pytest.raises(InvalidInput, match="phone_region: 'UK' is no country's code"):
        save_settings(ctx, settings={"phone_region": "UK"})
    assert _stored(ctx) == {}
