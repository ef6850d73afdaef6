"""The day two people met counts in their tie's duration, wherever a strength is read, and
follows every change of that day (an edit, an import and its undo, a merge, a restore)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from factories import import_linkedin, person, talk
from netweave.clock import Clock
from netweave.config import Settings, sqlite_url
from netweave.services.agenda import agenda
from netweave.services.backup import export_json, restore_json
from netweave.services.context import Context, open_context
from netweave.services.directory import PeopleFilter, list_people
from netweave.services.history import strength_history
from netweave.services.import_undo import undo_batch
from netweave.services.merge import merge
from netweave.services.people import PersonChanges, edit_person, show_person

#: The day the tests' clock says it is (tests/conftest.py).
TODAY = dt.date(2026, 6, 15)

FULL = 15.0  # the most duration adds: after three years
ELEVEN_YEARS_AGO = TODAY.replace(year=TODAY.year - 11)


def _duration(ctx: Context, name: str) -> float:
    factors: dict[str, float] = show_person(ctx, name)["strength_factors"]
    return factors["duration"]


def test_an_old_friend_with_one_coffee_has_known_the_user_for_years(ctx: Context) -> None:
    person(ctx, "Old Friend", met_on=ELEVEN_YEARS_AGO, cadence_days=30)
    person(ctx, "New Friend", cadence_days=30)
    on = TODAY - dt.timedelta(days=40)
    talk(ctx, "Old Friend", kind="coffee", on=on)
    talk(ctx, "New Friend", kind="coffee", on=on)
    old, new = show_person(ctx, "Old Friend"), show_person(ctx, "New Friend")
    assert old["strength_factors"]["duration"] == FULL
    assert new["strength_factors"]["duration"] == 0
    assert old["strength"] == new["strength"] + FULL
    assert "contact over a long time" in old["strength_reason"]
    # the same number in a list, in the strength over time, and on the agenda's check-in
    listed = {p["name"]: p["strength"] for p in list_people(ctx, PeopleFilter())}
    assert listed == {"Old Friend": old["strength"], "New Friend": new["strength"]}
    assert strength_history(ctx, "Old Friend")["points"][-1]["strength"] == old["strength"]
    reasons = {i["person"]: i["reason"] for i in agenda(ctx)["items"] if i["kind"] == "check_in"}
    assert f"(strength {old['strength']})" in reasons["Old Friend"]
    assert f"(strength {new['strength']})" in reasons["New Friend"]


def test_a_day_met_after_the_first_conversation_changes_nothing(ctx: Context) -> None:
    person(ctx, "Ada")
    talk(ctx, "Ada", on=TODAY - dt.timedelta(days=300))
    talk(ctx, "Ada", on=TODAY - dt.timedelta(days=10))
    before = show_person(ctx, "Ada")
    edit_person(ctx, "Ada", PersonChanges(met_on=TODAY - dt.timedelta(days=100)))
    after = show_person(ctx, "Ada")
    assert after["strength_factors"] == before["strength_factors"]


def test_the_duration_follows_an_edit_of_the_day_met(ctx: Context) -> None:
    person(ctx, "Ada", met_on=ELEVEN_YEARS_AGO)
    talk(ctx, "Ada", on=TODAY - dt.timedelta(days=2))
    assert _duration(ctx, "Ada") == FULL
    edit_person(ctx, "Ada", PersonChanges(met_on=TODAY - dt.timedelta(days=2 + 547)))
    assert _duration(ctx, "Ada") == 7.5  # half of three years


def test_a_connection_day_an_import_brings_counts_until_it_is_undone(
    ctx: Context, tmp_path: Path
) -> None:
    person(ctx, "Grace Hopper", emails=["grace@example.com"])
    talk(ctx, "Grace Hopper", on=TODAY - dt.timedelta(days=3))
    assert _duration(ctx, "Grace Hopper") == 0
    csv = tmp_path / "Connections.csv"
    csv.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Grace,Hopper,,grace@example.com,,,01 Mar 2015\n",
        encoding="utf-8",
    )
    batch = import_linkedin(ctx, csv)["batch"]
    assert show_person(ctx, "Grace Hopper")["first_met"] == "2015-03-01"
    assert _duration(ctx, "Grace Hopper") == FULL
    undo_batch(ctx, batch)
    assert show_person(ctx, "Grace Hopper")["first_met"] is not None  # the conversation's day
    assert _duration(ctx, "Grace Hopper") == 0


def test_a_merge_keeps_the_earlier_day_met_and_its_duration(ctx: Context) -> None:
    person(ctx, "Ada Lovelace")
    person(ctx, "A. Lovelace", met_on=ELEVEN_YEARS_AGO)
    talk(ctx, "Ada Lovelace", on=TODAY - dt.timedelta(days=5))
    assert _duration(ctx, "Ada Lovelace") == 0
    batch = merge(ctx, "Ada Lovelace", "A. Lovelace")["batch"]
    assert _duration(ctx, "Ada Lovelace") == FULL
    undo_batch(ctx, batch)
    assert _duration(ctx, "Ada Lovelace") == 0


def test_a_restored_backup_has_the_same_strengths(
    ctx: Context, sqlite_template: Path, tmp_path: Path
) -> None:
    person(ctx, "Old Friend", met_on=ELEVEN_YEARS_AGO)
    talk(ctx, "Old Friend", kind="coffee", on=TODAY - dt.timedelta(days=5))
    shown = show_person(ctx, "Old Friend")
    backup = tmp_path / "backup.json"
    export_json(ctx, backup)
    copy = tmp_path / "restored.db"
    shutil.copy(sqlite_template, copy)
    target = open_context(Settings(database_url=sqlite_url(copy)), Clock(as_of=TODAY))
    try:
        restore_json(target, backup)
        again = show_person(target, "Old Friend")
    finally:
        target.close()
    assert again["strength_factors"] == shown["strength_factors"]
    assert again["strength_factors"]["duration"] == FULL
