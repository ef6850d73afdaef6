"""Every setting read and saved at once (the web's Settings page), on both backends."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import delete, event, select

from factories import person, talk
from netweave.errors import InvalidInput, NetweaveError
from netweave.services.context import Context
from netweave.services.goals import get_targets
from netweave.services.people import show_person
from netweave.services.preferences import set_tag_cadence, show
from netweave.services.user_settings import all_settings, save_settings
from netweave.store.models import Setting, Tag, person_tag

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


def _remove_tag(ctx: Context, label: str) -> None:
    """The tag gone, as another tab or process could take it away."""
    with ctx.db.transaction() as session:
        tag = session.scalars(select(Tag).where(Tag.label == label)).one()
        session.execute(delete(person_tag).where(person_tag.c.tag_id == tag.id))
        session.delete(tag)


def test_a_tag_gone_since_the_form_was_read_is_refused_and_nothing_is_saved(
    ctx: Context,
) -> None:
    person(ctx, "Ada Lovelace", circle="close", tags=["mentor", "python"])
    talk(ctx, "Ada Lovelace", on=TODAY)
    due = show_person(ctx, "Ada Lovelace")["next_due"]
    _remove_tag(ctx, "mentor")
    with pytest.raises(NetweaveError, match="no tag 'mentor'") as caught:
        save_settings(
            ctx,
            settings={"circles.close": "21", "phone_region": "GB"},
            targets={"gives": 2},
            tag_cadences={"python": 10, "mentor": 30},
        )
    assert getattr(caught.value, "key", None) == "tags.mentor"
    assert _stored(ctx) == {}
    assert get_targets(ctx)["gives"] == 1
    assert all_settings(ctx)["tags"] == [{"label": "python", "people": 1, "cadence_days": None}]
    assert show_person(ctx, "Ada Lovelace")["next_due"] == due


def test_every_circle_changed_recomputes_the_check_ins_once(ctx: Context) -> None:
    circles = ("inner", "close", "active", "wide", "dormant")
    for n, circle in enumerate(circles):
        person(ctx, f"Person {n}", circle=circle, tags=["mentor"] if n == 0 else [])
    talk(ctx, *(f"Person {n}" for n in range(5)), on=TODAY)
    recomputed: list[str] = []

    def seen(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if statement.lstrip().upper().startswith("UPDATE PERSON_STATS SET NEXT_DUE"):
            recomputed.append(statement)

    event.listen(ctx.db.engine, "before_cursor_execute", seen)
    try:
        changed = save_settings(
            ctx,
            settings={f"circles.{c}": str(11 + n) for n, c in enumerate(circles)},
            tag_cadences={"mentor": 100},
        )
    finally:
        event.remove(ctx.db.engine, "before_cursor_execute", seen)
    assert len(changed) == 6
    assert len(recomputed) == 1
    due = [show_person(ctx, f"Person {n}")["next_due"] for n in range(5)]
    assert due == [(TODAY + dt.timedelta(days=d)).isoformat() for d in (100, 12, 13, 14, 15)]
