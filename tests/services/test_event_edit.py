"""Correcting an event: what was planned from its name and day follows the correction."""

from __future__ import annotations

import datetime as dt

import pytest

from factories import every_row, person, talk
from netweave.errors import Conflict, InvalidInput, NotFound
from netweave.services.context import Context
from netweave.services.conversations import list_conversations
from netweave.services.event_edit import EventChanges, edit_event
from netweave.services.events import add_event, meet, show_event
from netweave.services.people import show_person
from netweave.services.tasks import complete, list_tasks


def _follow_ups(ctx: Context) -> dict[str, tuple[str, str, bool]]:
    return {
        t["person"]: (t["due"], t["title"], t["done"])
        for t in list_tasks(ctx, include_done=True)
        if t["kind"] == "follow_up"
    }


def test_renamed_and_moved_what_was_planned_from_it_follows(ctx: Context) -> None:
    person(ctx, "Ana Ruiz")
    talk(ctx, "ana", on=dt.date(2026, 5, 1), kind="call")
    add_event(ctx, "PyCon", dt.date(2026, 6, 10), place="Berlin")
    meet(ctx, "pycon", ["Ana Ruiz", "Bo Chen", "Cy Diaz"])
    cy = next(t for t in list_tasks(ctx) if t["person"] == "Cy Diaz")
    complete(ctx, cy["id"])  # done: it stays as it was
    result = edit_event(ctx, "pycon", EventChanges(name="PyCon DE", on=dt.date(2026, 6, 7)))
    assert (result["name"], result["date"], result["place"]) == ("PyCon DE", "2026-06-07", "Berlin")
    assert result["changed"] == ["name", "date"]
    assert result["follow_ups"] == {"moved": 2, "done": [], "kept": 0, "due": "2026-06-09"}
    title = "Follow up after PyCon DE: a short note recalling your conversation"
    assert _follow_ups(ctx) == {
        "Ana Ruiz": ("2026-06-09", title, False),
        "Bo Chen": ("2026-06-09", title, False),
        "Cy Diaz": ("2026-06-12", cy["title"], True),
    }
    bo = show_person(ctx, "Bo Chen")
    assert bo["met"] == {"how": "met at PyCon DE", "event": "PyCon DE", "on": "2026-06-07",
                         "introduced_by": None}  # fmt: skip
    met_again = list_conversations(ctx, "Ana Ruiz")[0]
    assert (met_again["date"], met_again["summary"]) == ("2026-06-07", "Met at PyCon DE")
    assert show_person(ctx, "Ana Ruiz")["last_interaction"] == "2026-06-07"


def test_moved_before_a_contact_made_since_the_follow_up_is_done(ctx: Context) -> None:
    add_event(ctx, "PyData", dt.date(2026, 6, 14))
    meet(ctx, "pydata", ["Mei Chen", "Bo Li"])
    person(ctx, "Ana Ruiz")
    # written to on the 12th, together with someone else (a follow-up it was not yet)
    talk(ctx, "Mei Chen", "Ana Ruiz", on=dt.date(2026, 6, 12), kind="email", direction="out")
    assert _follow_ups(ctx)["Mei Chen"][2] is False
    result = edit_event(ctx, "pydata", EventChanges(on=dt.date(2026, 6, 10)))
    assert result["follow_ups"] == {
        "moved": 1,
        "done": [{"name": "Mei Chen", "on": "2026-06-12"}],
        "kept": 0,
        "due": "2026-06-12",
    }
    assert _follow_ups(ctx)["Mei Chen"][2] is True
    assert _follow_ups(ctx)["Bo Li"][:2] == (
        "2026-06-12",
        "Follow up after PyData: a short note recalling your conversation",
    )


def test_meeting_someone_again_at_a_later_event_is_the_contact_their_follow_up_asked(
    ctx: Context,
) -> None:
    person(ctx, "Kim Known", circle="close")
    add_event(ctx, "Event A", dt.date(2026, 6, 8))
    meet(ctx, "Event A", ["Kim Known"])  # a follow-up due on the 10th
    add_event(ctx, "Event B", dt.date(2026, 6, 12))
    # met again, both ways: that follow-up is done, as `log` with that kind would do it,
    # and the one for this event stays open (writing afterwards is what it asks for)
    result = meet(ctx, "Event B", ["Kim Known"])
    said = "Follow up after Event A: a short note recalling your conversation — Kim Known"
    assert result["tasks_done"] == [said]
    later = "Follow up after Event B: a short note recalling your conversation"
    follow_ups = {t["title"]: t["done"] for t in list_tasks(ctx, include_done=True)}
    assert follow_ups == {said.removesuffix(" — Kim Known"): True, later: False}
    # named again at the same event: nothing more is logged, nothing more done
    assert meet(ctx, "Event B", ["Kim Known"])["tasks_done"] == []
    # a correction of the earlier event's day finds nothing left to close
    moved = edit_event(ctx, "Event A", EventChanges(on=dt.date(2026, 6, 7)))
    assert moved["follow_ups"]["done"] == []
    assert [t["title"] for t in list_tasks(ctx)] == [later]


def test_an_undated_event_given_a_day_keeps_its_follow_ups(ctx: Context) -> None:
    person(ctx, "Ana Ruiz", met_at="Hackathon")  # an event without a day
    meet(ctx, "Hackathon", ["Ana Ruiz"])  # planned from today, the day of capture
    result = edit_event(ctx, "hackathon", EventChanges(on=dt.date(2026, 5, 2)))
    assert result["follow_ups"] == {"moved": 0, "done": [], "kept": 1, "due": None}
    assert _follow_ups(ctx)["Ana Ruiz"][0] == "2026-06-17"


def test_place_and_kind_and_a_day_to_come_for_an_event_no_one_was_met_at(ctx: Context) -> None:
    add_event(ctx, "Meetup", dt.date(2026, 6, 1), place="Café")
    result = edit_event(
        ctx, "meetup", EventChanges(clear_place=True, kind="Meetup", on=dt.date(2026, 7, 1))
    )
    assert (result["place"], result["kind"], result["date"]) == (None, "meetup", "2026-07-01")
    assert result["changed"] == ["date", "place", "kind"]
    again = edit_event(ctx, "#1", EventChanges(kind="meetup"))
    assert again["changed"] == []
    assert show_event(ctx, "#1")["place"] is None


@pytest.mark.parametrize(
    ("query", "changes", "error", "words"),
    [
        ("pycon", EventChanges(), InvalidInput, "nothing to change"),
        ("pycon", EventChanges(name="  "), InvalidInput, "needs a name"),
        ("pycon", EventChanges(kind="rave"), InvalidInput, "unknown event kind 'rave'"),
        ("pycon", EventChanges(name="PYDATA"), Conflict, "'PyData' on 2026-06-10 already"),
        ("pydata", EventChanges(on=dt.date(2026, 6, 1)), Conflict, "'PyData' on 2026-06-01"),
        ("pycon", EventChanges(on=dt.date(2026, 6, 16)), InvalidInput, "after today"),
        ("nope", EventChanges(name="X"), NotFound, "no event matches 'nope'"),
    ],
)
def test_a_refused_correction_changes_nothing(
    ctx: Context, query: str, changes: EventChanges, error: type[Exception], words: str
) -> None:
    add_event(ctx, "PyCon", dt.date(2026, 6, 10))
    add_event(ctx, "PyData", dt.date(2026, 6, 10))
    add_event(ctx, "PyData", dt.date(2026, 6, 1))
    meet(ctx, "pycon", ["Ana Ruiz"])
    before = every_row(ctx)
    with pytest.raises(error, match=words):
        edit_event(ctx, query, changes)
    assert every_row(ctx) == before


@pytest.mark.parametrize(
    ("name", "typed"),
    [("Été Conf", "ÉTÉ CONF"), ("ΟΔΟΣ", "Οδός"), ("İZMİR", "izmir")],
)
def test_a_name_with_capitals_beyond_ascii_is_one_event_a_day(
    ctx: Context, name: str, typed: str
) -> None:
    """SQL's ``lower()`` folds only ASCII on SQLite, and final sigma and dotted İ unlike
    Python on PostgreSQL: the name is matched the same way on both."""
    day = dt.date(2026, 6, 1)
    person(ctx, "Met One", met_at=name, met_on=day)
    person(ctx, "Met Two", met_at=name, met_on=day)
    person(ctx, "Met Three", met_at=f" {typed} ", met_on=day)
    first = show_event(ctx, "#1")
    assert (first["name"], first["date"]) == (name, "2026-06-01")
    assert [p["name"] for p in first["people"]] == ["Met One", "Met Three", "Met Two"]
    with pytest.raises(Conflict, match=f"event '{name}' on 2026-06-01 already exists \\(#1\\)"):
        add_event(ctx, typed, day)
    assert add_event(ctx, name, dt.date(2026, 6, 2))["id"] == 2
    with pytest.raises(Conflict, match=f"event '{name}' on 2026-06-01 already exists \\(#1\\)"):
        edit_event(ctx, "#2", EventChanges(on=day))
    assert show_event(ctx, typed)["id"] == 2  # the most recent of that name
    assert [show_event(ctx, f"#{n}")["name"] for n in (1, 2)] == [name, name]
    with pytest.raises(NotFound):
        show_event(ctx, "#3")
