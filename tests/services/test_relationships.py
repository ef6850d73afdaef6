"""The relationship engine on both backends: aggregates, strength, the woven check."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import select

from factories import person, talk
from netweave.clock import Clock
from netweave.services.context import Context
from netweave.services.people import PersonChanges, edit_person, show_person
from netweave.store import stats
from netweave.store.models import PersonStats

D = dt.date


def _at(ctx: Context, day: dt.date) -> Context:
    return dataclasses.replace(ctx, clock=Clock(as_of=day))


def _stats_rows(ctx: Context) -> list[tuple[object, ...]]:
    with ctx.db.reading() as session:
        rows = session.scalars(select(PersonStats).order_by(PersonStats.person_id)).all()
        return [
            (
                r.person_id,
                r.interactions,
                r.two_way,
                round(r.depth_sum, 9),
                r.depth_at,
                r.first_at,
                r.last_at,
                r.gives,
                r.receipts,
                r.asks,
                r.shared,
                r.next_due,
            )
            for r in rows
        ]


def test_incremental_aggregates_equal_a_rebuild(ctx: Context) -> None:
    person(ctx, "Me Myself", interests=["professional:climate"], is_me=True)
    person(ctx, "Ada Lovelace", circle="close", interests=["professional:Climate"])
    person(ctx, "Grace Hopper", circle="inner", tags=["navy"])
    talk(ctx, "ada", on=D(2026, 3, 1), kind="coffee", gave=["advice"])
    talk(ctx, "ada", "grace", on=D(2026, 1, 5), kind="call", direction="in")
    talk(ctx, "grace", on=D(2026, 6, 10), kind="email", direction="out", asked=["information"])
    talk(ctx, "ada", on=D(2026, 5, 2), kind="video", received=["introduction"])
    incremental = _stats_rows(ctx)
    with ctx.db.transaction() as session:
        stats.rebuild(session, None, ctx.settings.circles)
    assert _stats_rows(ctx) == incremental
    ada = next(r for r in incremental if r[0] == 2)
    assert ada[1:3] == (3, 3)  # three conversations, all with both sides talking
    assert ada[7:11] == (1, 1, 0, 1)  # one give, one receipt, no ask, one shared interest


def test_strength_grows_with_contact_and_fades_without(ctx: Context) -> None:
    person(ctx, "Ada Lovelace")
    assert show_person(ctx, "ada")["strength"] == 0
    talk(ctx, "ada", on=D(2026, 6, 1), kind="coffee", direction="both")
    first = show_person(ctx, "ada")
    talk(ctx, "ada", on=D(2026, 6, 10), kind="call", direction="in", gave=["advice"])
    second = show_person(ctx, "ada")
    assert 0 < first["strength"] < second["strength"]
    assert second["strength_factors"]["reciprocity"] > 0
    later = show_person(_at(ctx, D(2027, 6, 1)), "ada")
    assert later["strength"] < second["strength"]
    assert "Built mostly on" in second["strength_reason"]


def test_a_shared_interest_without_a_conversation_is_not_a_tie_built_on_it(
    ctx: Context,
) -> None:
    person(ctx, "Sam User", is_me=True, interests=["professional:compilers"])
    person(ctx, "Grace Hopper", interests=["professional:Compilers"])
    grace = show_person(ctx, "grace")
    assert grace["strength_factors"]["shared"] > 0
    assert grace["strength_reason"] == (
        "No conversations logged yet; so far only shared interests."
    )
    talk(ctx, "grace", kind="email", direction="out")
    reason = show_person(ctx, "grace")["strength_reason"]
    assert reason.startswith("Built mostly on recent contact"), reason
    assert "frequent contact" not in reason


def test_a_pinned_strength_wins(ctx: Context) -> None:
    person(ctx, "Ada Lovelace")
    talk(ctx, "ada", on=D(2026, 6, 1))
    view = edit_person(ctx, "ada", PersonChanges(strength=85))
    assert (view["strength"], view["strength_pinned"]) == (85, True)
    unpinned = edit_person(ctx, "ada", PersonChanges(unpin_strength=True))["strength"]
    assert unpinned < 85
    assert view["strength_reason"] == (
        f"You set this tie's strength to 85; from the log alone it would be {unpinned}."
    )


def test_an_unwoven_referral_ask_is_coached_not_recorded(ctx: Context) -> None:
    person(ctx, "Ada Lovelace", met_on=D(2026, 6, 12))
    result = talk(ctx, "ada", asked=["referral"])
    assert (result["recorded"], result["woven"], result["interaction"]) == (False, False, None)
    text = " ".join(result["coaching"])
    assert "you met 3 days ago" in text
    assert "no conversations" in text
    assert "not helped them yet" in text
    assert "advice" in text
    assert show_person(ctx, "ada")["last_interaction"] is None
    earlier = talk(ctx, "ada", asked=["referral"], on=D(2026, 6, 13))
    assert "you had met the day before" in " ".join(earlier["coaching"])
    forced = talk(ctx, "ada", asked=["referral"], confirmed=True)
    assert forced["recorded"] is True
    assert forced["woven"] is False
    assert show_person(ctx, "ada")["reciprocity"]["asked"] == 1


def test_the_suggested_command_names_one_of_two_namesakes_by_number(ctx: Context) -> None:
    person(ctx, "Sam Lee", company="Acme")
    second = person(ctx, "Sam Lee", company="Globex")
    result = talk(ctx, f"#{second['id']}", asked=["job"])
    text = " ".join(result["coaching"])
    assert f'`netweave log "#{second["id"]}" --ask advice`' in text
    person(ctx, "Ada Lovelace", met_on=D(2026, 6, 12))
    alone = " ".join(talk(ctx, "ada", asked=["job"])["coaching"])
    assert '`netweave log "Ada Lovelace" --ask advice`' in alone
    person(ctx, "Élodie Durand")  # names alike but for accents are namesakes too
    elodie = person(ctx, "Elodie Durand")
    accented = " ".join(talk(ctx, f"#{elodie['id']}", asked=["job"])["coaching"])
    assert f'`netweave log "#{elodie["id"]}" --ask advice`' in accented


def test_advice_is_never_blocked(ctx: Context) -> None:
    person(ctx, "Ada Lovelace", met_on=D(2026, 6, 14))
    result = talk(ctx, "ada", asked=["advice"])
    assert result["recorded"] is True
    assert result["coaching"] == []


def test_a_woven_relationship_passes(ctx: Context) -> None:
    person(ctx, "Ada Lovelace", met_on=D(2026, 1, 10))
    for day in (D(2026, 2, 1), D(2026, 3, 15), D(2026, 5, 20)):
        talk(ctx, "ada", on=day, kind="coffee", direction="both")
    talk(ctx, "ada", on=D(2026, 5, 21), kind="email", direction="out", gave=["introduction"])
    result = talk(ctx, "ada", kind="call", asked=["job"])
    assert (result["recorded"], result["woven"]) == (True, True)
    assert "woven" in result["coaching"][0]


def test_the_check_uses_configured_thresholds(ctx: Context) -> None:
    from netweave.logic.woven import WovenRules

    lenient = dataclasses.replace(
        ctx, settings=dataclasses.replace(ctx.settings, woven=WovenRules(0, 0, 0))
    )
    person(ctx, "Ada Lovelace", met_on=D(2026, 6, 14))
    assert talk(lenient, "ada", asked=["referral"])["recorded"] is True


@pytest.mark.parametrize("gated", ["job", "referral"])
def test_every_person_in_a_group_ask_is_checked(ctx: Context, gated: str) -> None:
    person(ctx, "Ada Lovelace", met_on=D(2026, 6, 14))
    person(ctx, "Grace Hopper", met_on=D(2020, 1, 1))
    result = talk(ctx, "ada", "grace", asked=[gated])
    assert result["recorded"] is False
    assert any(line.startswith("Ada Lovelace: not woven") for line in result["coaching"])
    assert any(line.startswith("Grace Hopper: not woven") for line in result["coaching"])
    assert any(
        line.startswith("Ask Ada Lovelace and Grace Hopper for advice")
        for line in result["coaching"]
    )


def test_a_group_ask_coaches_only_the_people_not_woven(ctx: Context) -> None:
    person(ctx, "Ada Lovelace", met_on=D(2026, 1, 10))
    for day in (D(2026, 2, 1), D(2026, 3, 15), D(2026, 5, 20)):
        talk(ctx, "ada", on=day, kind="coffee", direction="both", gave=["advice"])
    person(ctx, "Grace Hopper", met_on=D(2026, 6, 14))
    coaching = talk(ctx, "ada", "grace", asked=["job"])["coaching"]
    assert coaching[0].startswith("Ada Lovelace: the relationship is woven")
    assert coaching[2] == (
        "Ask Grace Hopper for advice or insight instead — an informational conversation "
        '(`netweave log "Ada Lovelace" "Grace Hopper" --ask advice`).'
    )  # the same conversation, with both of them in it
    assert "Ada" not in " ".join(coaching[3:])


def test_an_ask_logged_for_an_earlier_day_is_checked_as_things_stood_then(ctx: Context) -> None:
    person(ctx, "Ada Lovelace", met_on=D(2025, 1, 1))
    for day in (D(2026, 3, 2), D(2026, 3, 10), D(2026, 3, 18)):
        talk(ctx, "ada", on=day, kind="coffee", direction="both")
    talk(ctx, "ada", on=D(2026, 3, 20), kind="email", direction="out", gave=["advice"])
    before = talk(ctx, "ada", on=D(2025, 2, 15), asked=["job"])
    assert (before["recorded"], before["woven"]) == (False, False)
    text = " ".join(before["coaching"])
    assert "no conversations with replies from both sides" in text
    assert "not helped them yet" in text
    same_day = talk(ctx, "ada", on=D(2026, 3, 20), asked=["job"])
    assert same_day["woven"] is True, same_day["coaching"]
    person(ctx, "Dee Okafor")
    talk(ctx, "dee", on=D(2026, 3, 1), kind="coffee", direction="both")
    early = talk(ctx, "dee", on=D(2026, 2, 1), asked=["referral"])
    assert "you had not met yet" in " ".join(early["coaching"])


def test_a_reply_written_down_later_for_the_day_of_the_ask_comes_after_it(
    ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An ask logged late in the evening, its reply logged the next morning for that day:
    the reply is placed after the ask, so it answers it (no 3B7 steps, a booster)."""
    from netweave import clock
    from netweave.services.agenda import agenda

    evening = clock.local_moment(D(2026, 6, 10), dt.time(23, 50))
    monkeypatch.setattr(clock, "utcnow", lambda: evening)
    person(ctx, "Sue Late", company="Acme")
    person(ctx, "Rex Other", company="Acme", circle="wide")
    talk(_at(ctx, D(2026, 6, 10)), "Sue Late", kind="email", direction="out", asked=["advice"])
    reply = talk(
        _at(ctx, D(2026, 6, 11)),
        "Sue Late",
        on=D(2026, 6, 10),
        kind="email",
        direction="in",
        received=["advice"],
    )
    assert dt.datetime.fromisoformat(reply["interaction"]["when"]) > evening
    later = _at(ctx, D(2026, 6, 22))
    assert [i for i in agenda(later)["items"] if i["kind"] == "3b7"] == []
    assert show_person(later, "sue")["responder"] == "booster"


def test_awaiting_an_answer_is_one_rule_for_everyone_at_once_and_one_by_one(
    ctx: Context,
) -> None:
    """The agenda's give-backs (everyone at once) and the person page (``asking_first`` of
    one, ``waiting_on``) say the same people await an answer, day after day: asked and
    waiting, answered, answered by a note only, asked anew after an answer, and past the
    routine."""
    from netweave.clock import start_of
    from netweave.services.relationships import asking_first, awaiting_answer, waiting_on

    monday = D(2026, 6, 1)
    names = ("Waits", "Answered", "Noted", "Asked Again", "Long Ago", "Never Asked")
    for name in names:
        person(ctx, name)
    out = {"kind": "email", "direction": "out", "asked": ["advice"]}
    for name in ("Waits", "Answered", "Noted", "Asked Again"):
        talk(_at(ctx, monday), name, on=monday, **out)
    talk(_at(ctx, D(2026, 5, 1)), "Long Ago", on=D(2026, 5, 1), **out)
    talk(_at(ctx, D(2026, 6, 3)), "Answered", on=D(2026, 6, 3), kind="email", direction="in")
    talk(_at(ctx, D(2026, 6, 3)), "Asked Again", on=D(2026, 6, 3), kind="call", direction="both")
    talk(_at(ctx, D(2026, 6, 3)), "Noted", on=D(2026, 6, 3), kind="note", direction="in")
    talk(_at(ctx, D(2026, 6, 4)), "Asked Again", on=D(2026, 6, 4), **out)
    with ctx.db.reading() as session:
        ids = {name: show_person(ctx, name)["id"] for name in names}
        for day in (D(2026, 6, 2), D(2026, 6, 5), D(2026, 6, 12), D(2026, 6, 16), D(2026, 6, 19)):
            when = start_of(day + dt.timedelta(days=1)) - dt.timedelta(microseconds=1)
            one_by_one = {pid for pid in ids.values() if waiting_on(session, pid, when)}
            assert awaiting_answer(session, when) == one_by_one
            assert asking_first(session, list(ids.values()), when) == one_by_one
        monday_end = start_of(D(2026, 6, 2))
        assert awaiting_answer(session, monday_end) == {
            ids[n] for n in ("Waits", "Answered", "Noted", "Asked Again")
        }
