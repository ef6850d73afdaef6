"""Snoozing the agenda's suggestions about a person, on both backends."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import select

from factories import person, talk
from netweave.clock import Clock
from netweave.errors import InvalidInput, NotFound
from netweave.services.agenda import agenda
from netweave.services.agenda_snooze import snooze_suggestion
from netweave.services.context import Context
from netweave.services.import_undo import undo_batch
from netweave.services.merge import merge
from netweave.store.models import AgendaSnooze

TODAY = dt.date(2026, 6, 15)


def _on(ctx: Context, day: dt.date) -> list[tuple[str, str | None]]:
    later = dataclasses.replace(ctx, clock=Clock(as_of=day))
    return [(i["kind"], i["person"]) for i in agenda(later)["items"]]


def _overdue(ctx: Context, *names: str) -> None:
    for name in names:
        person(ctx, name, circle="close", met_on=dt.date(2026, 1, 1))
        talk(ctx, name, on=dt.date(2026, 5, 1))


def test_a_snoozed_check_in_comes_back_on_the_day(ctx: Context) -> None:
    _overdue(ctx, "Ada Lovelace", "Grace Hopper")
    assert _on(ctx, TODAY) == [("check_in", "Ada Lovelace"), ("check_in", "Grace Hopper")]
    view = snooze_suggestion(ctx, "ada", "check_in", TODAY + dt.timedelta(days=3))
    assert view["until"] == "2026-06-18"
    assert _on(ctx, TODAY) == [("check_in", "Grace Hopper")]
    assert _on(ctx, TODAY + dt.timedelta(days=2)) == [("check_in", "Grace Hopper")]
    assert ("check_in", "Ada Lovelace") in _on(ctx, TODAY + dt.timedelta(days=3))
    # snoozing again moves the day instead of adding a second snooze
    snooze_suggestion(ctx, "ada", "check_in", TODAY + dt.timedelta(days=10))
    assert ("check_in", "Ada Lovelace") not in _on(ctx, TODAY + dt.timedelta(days=3))
    with ctx.db.reading() as session:
        assert len(session.scalars(select(AgendaSnooze)).all()) == 1


def test_snoozing_one_kind_keeps_the_others(ctx: Context) -> None:
    person(ctx, "Ada Lovelace", circle="close", met_on=dt.date(2026, 1, 1))
    talk(ctx, "ada", on=dt.date(2026, 4, 18), asked=["advice"])  # a give-back day (58th)
    assert _on(ctx, TODAY) == [("give", "Ada Lovelace")]  # it stands for the check-in
    snooze_suggestion(ctx, "ada", "give", TODAY + dt.timedelta(days=7))
    assert _on(ctx, TODAY) == [("check_in", "Ada Lovelace")]


def test_a_snoozed_birthday_gives_the_check_in_back(ctx: Context) -> None:
    person(ctx, "Ada Lovelace", circle="close", met_on=dt.date(2026, 1, 1), birthday="--06-17")
    talk(ctx, "ada", on=dt.date(2026, 5, 1))
    assert _on(ctx, TODAY) == [("birthday", "Ada Lovelace")]  # the greeting is the check-in
    snooze_suggestion(ctx, "ada", "birthday", TODAY + dt.timedelta(days=7))
    assert _on(ctx, TODAY) == [("check_in", "Ada Lovelace")]


def test_bad_snoozes_change_nothing(ctx: Context) -> None:
    _overdue(ctx, "Ada Lovelace")
    with pytest.raises(InvalidInput, match="cannot snooze 'task'"):
        snooze_suggestion(ctx, "ada", "task", TODAY + dt.timedelta(days=1))
    with pytest.raises(InvalidInput, match="a day after today"):
        snooze_suggestion(ctx, "ada", "check_in", TODAY)
    with pytest.raises(NotFound):
        snooze_suggestion(ctx, "nobody", "check_in", TODAY + dt.timedelta(days=1))
    with ctx.db.reading() as session:
        assert session.scalars(select(AgendaSnooze)).all() == []


def test_a_merge_keeps_the_snooze_and_undo_restores_it(ctx: Context) -> None:
    _overdue(ctx, "Ada Lovelace", "Ada King")
    snooze_suggestion(ctx, "Ada King", "check_in", TODAY + dt.timedelta(days=5))
    snooze_suggestion(ctx, "Ada King", "give", TODAY + dt.timedelta(days=5))
    snooze_suggestion(ctx, "Ada Lovelace", "give", TODAY + dt.timedelta(days=9))
    result = merge(ctx, "Ada Lovelace", "Ada King")

    def snoozes() -> list[tuple[int, str, dt.date]]:
        with ctx.db.reading() as session:
            rows = session.scalars(select(AgendaSnooze).order_by(AgendaSnooze.id)).all()
            return [(r.person_id, r.kind, r.until) for r in rows]

    kept = int(result["kept"])
    assert sorted(snoozes()) == [
        (kept, "check_in", TODAY + dt.timedelta(days=5)),
        (kept, "give", TODAY + dt.timedelta(days=9)),
    ]
    undo_batch(ctx, int(result["batch"]))
    assert sorted(k for _, k, _ in snoozes()) == ["check_in", "give", "give"]


def test_a_check_in_task_stands_for_the_cadence_check_in(ctx: Context) -> None:
    from netweave.services.tasks import add_task

    _overdue(ctx, "Ada Lovelace")
    add_task(ctx, "Check in with Ada", person="Ada Lovelace", kind="check_in")
    items = agenda(ctx)["items"]
    assert [(i["kind"], i["reason"]) for i in items] == [("check_in", "Check in with Ada")]
    assert items[0]["task_id"] is not None


def test_a_check_in_snooze_says_when_the_check_in_is_due(ctx: Context) -> None:
    person(ctx, "Ada Lovelace", circle="close")
    talk(ctx, "ada", on=dt.date(2026, 6, 10))
    person(ctx, "Bo Li")
    view = snooze_suggestion(ctx, "ada", "check_in", dt.date(2026, 6, 22))
    assert view["due"] == "2026-07-10"  # not due before the snooze ends: it hides nothing
    assert snooze_suggestion(ctx, "bo", "check_in", dt.date(2026, 6, 22))["due"] is None
    assert "due" not in snooze_suggestion(ctx, "ada", "give", dt.date(2026, 6, 22))


NAMES = ("Ann Arbor", "Ben Bow", "Cy Cole", "Di Dale", "Ed Eno", "Fox Fay", "Gil Gray")


def _kind(ctx: Context, kind: str) -> list[str | None]:
    return sorted(name for k, name in _on(ctx, TODAY) if k == kind)


@pytest.mark.parametrize(
    ("kind", "shown"), [("campaign", 5), ("give", 3), ("birthday", 5), ("3b7", 5)]
)
def test_the_next_suggestion_takes_a_snoozed_ones_place(
    ctx: Context, monkeypatch: pytest.MonkeyPatch, kind: str, shown: int
) -> None:
    """Each kind shows a few a day; one snoozed leaves room for the next, not a gap."""
    from netweave.services import agenda as agenda_module
    from netweave.services import routines
    from netweave.services.campaigns import new_campaign

    monkeypatch.setattr(agenda_module, "BIRTHDAYS_PER_WEEK", 5)
    assert (routines.GIVES_PER_DAY, routines.FOLLOW_UPS_PER_DAY) == (3, 5)
    for name in NAMES[: shown + 1]:
        birthday = "--06-16" if kind == "birthday" else None
        person(ctx, name, circle="wide", met_on=dt.date(2026, 1, 1), birthday=birthday)
        if kind == "give":
            talk(ctx, name, on=dt.date(2026, 6, 14), received=["advice"])
        elif kind == "3b7":  # written to 8 business days ago, no reply
            talk(ctx, name, on=dt.date(2026, 6, 3), direction="out", asked=["advice"])
        else:
            talk(ctx, name, on=dt.date(2026, 6, 1))
    if kind == "campaign":
        new_campaign(ctx, "Summer", circles=["wide"])
    before = _kind(ctx, kind)
    assert len(before) == shown
    snooze_suggestion(ctx, before[0], kind, TODAY + dt.timedelta(days=7))
    after = _kind(ctx, kind)
    assert len(after) == shown
    assert before[0] not in after


def test_check_ins_snoozed_leave_room_beyond_the_candidates_read(
    ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only the most overdue few are read and ranked; those snoozed among them do not
    crowd out the people after them."""
    from netweave.services import agenda as agenda_module

    monkeypatch.setattr(agenda_module, "CHECK_IN_CANDIDATES", 2)
    for n, name in enumerate(NAMES[:4]):
        person(ctx, name, circle="close", met_on=dt.date(2026, 1, 1))
        talk(ctx, name, on=dt.date(2026, 4, 1) + dt.timedelta(days=n))
    for name in NAMES[:2]:  # the two most overdue
        snooze_suggestion(ctx, name, "check_in", TODAY + dt.timedelta(days=7))
    assert _kind(ctx, "check_in") == list(NAMES[2:4])
