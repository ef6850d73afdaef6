"""Tie strength: bounded, grown only by contact, decayed only by time, explained."""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass, replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netweave.logic.strength import (
    BROADCAST_DEPTH,
    BROADCAST_PARTICIPANTS,
    DEPTH,
    HALF_LIFE_DAYS,
    MAX_POINTS,
    TieFacts,
    add_contact,
    decay,
    depth_weight,
    explain,
    factors,
    needed_points,
    recency_steps,
    saturating_steps,
    strength,
    strength_from,
)

NOW = dt.datetime(2026, 6, 15, 12, 0, tzinfo=dt.UTC)
EPOCH = dt.datetime(2016, 1, 1, tzinfo=dt.UTC)
KINDS = sorted(DEPTH)
TWO_WAY = ("in", "both")


@dataclass(frozen=True)
class Contact:
    """One logged interaction, as the aggregates see it."""

    when: dt.datetime
    kind: str = "meeting"
    participants: int = 1
    direction: str = "both"


def fold(
    contacts: list[Contact],
    *,
    gives: int = 0,
    receipts: int = 0,
    shared: int = 0,
    met_on: dt.date | None = None,
) -> TieFacts:
    """The facts of a tie, folded one contact at a time like ``store.stats.record_interaction``."""
    facts = TieFacts(gives=gives, receipts=receipts, shared=shared, met_on=met_on)
    for c in contacts:
        facts = add(facts, c)
    return facts


def add(facts: TieFacts, c: Contact) -> TieFacts:
    """``facts`` with one more contact folded in (O(1), as the stats table does)."""
    depth_sum, depth_at = add_contact(
        facts.depth_sum, facts.depth_at, depth_weight(c.kind, c.participants), c.when
    )
    day = c.when.date()
    return replace(
        facts,
        interactions=facts.interactions + 1,
        two_way=facts.two_way + (c.direction in TWO_WAY),
        depth_sum=depth_sum,
        depth_at=depth_at,
        first_contact=min(facts.first_contact or day, day),
        last_contact=max(facts.last_contact or day, day),
    )


def moments(until: dt.datetime = NOW) -> st.SearchStrategy[dt.datetime]:
    return st.datetimes(
        min_value=EPOCH.replace(tzinfo=None),
        max_value=until.replace(tzinfo=None),
        timezones=st.just(dt.UTC),
    )


def contacts(until: dt.datetime = NOW) -> st.SearchStrategy[Contact]:
    return st.builds(
        Contact,
        when=moments(until),
        kind=st.sampled_from(KINDS),
        participants=st.integers(1, 12),
        direction=st.sampled_from(("out", "in", "both")),
    )


def histories(until: dt.datetime = NOW, max_size: int = 25) -> st.SearchStrategy[list[Contact]]:
    return st.lists(contacts(until), max_size=max_size)


counters = st.integers(0, 40)
#: The day they met, as recorded: none, or any day (after the last contact too).
met_days = st.one_of(st.none(), st.dates(dt.date(2005, 1, 1), NOW.date()))


# --- bounds ------------------------------------------------------------------------------


def test_the_factor_maxima_sum_to_100() -> None:
    assert sum(MAX_POINTS.values()) == 100


def test_no_history_is_zero() -> None:
    assert strength(TieFacts(), NOW) == 0
    assert all(v == 0 for v in factors(TieFacts(), NOW).values())


@given(histories(), counters, counters, counters)
def test_strength_is_between_0_and_100(
    history: list[Contact], gives: int, receipts: int, shared: int
) -> None:
    facts = fold(history, gives=gives, receipts=receipts, shared=shared)
    parts = factors(facts, NOW)
    assert set(parts) == set(MAX_POINTS)
    for name, value in parts.items():
        assert 0 <= value <= MAX_POINTS[name], name
    assert 0 <= strength(facts, NOW) <= 100


def test_a_saturated_tie_comes_close_to_100_without_passing_it() -> None:
    start = NOW - dt.timedelta(days=4 * 365)
    history = [Contact(start + dt.timedelta(days=7 * i)) for i in range(4 * 52)]
    history.append(Contact(NOW))
    facts = fold(history, gives=50, receipts=50, shared=50)
    assert 97 <= strength(facts, NOW) <= 100


# --- a new interaction never lowers strength ---------------------------------------------


@given(histories(), contacts(), counters, counters, counters, met_days)
def test_a_new_interaction_never_lowers_strength(
    history: list[Contact],
    extra: Contact,
    gives: int,
    receipts: int,
    shared: int,
    met_on: dt.date | None,
) -> None:
    before = fold(history, gives=gives, receipts=receipts, shared=shared, met_on=met_on)
    after = add(before, extra)
    assert strength(after, NOW) >= strength(before, NOW)
    old, new = factors(before, NOW), factors(after, NOW)
    for name in MAX_POINTS:
        assert new[name] >= old[name], name


def test_a_conversation_today_adds_recency_depth_and_frequency() -> None:
    before = fold([Contact(NOW - dt.timedelta(days=200))])
    after = add(before, Contact(NOW))
    old, new = factors(before, NOW), factors(after, NOW)
    assert new["recency"] == MAX_POINTS["recency"] > old["recency"]
    assert new["depth"] > old["depth"]
    assert new["frequency"] > old["frequency"]
    assert new["duration"] > old["duration"]


# --- time without contact never raises strength ------------------------------------------


@given(histories(), counters, counters, st.integers(0, 3000), st.integers(0, 3000), met_days)
def test_strength_never_increases_as_time_passes(
    history: list[Contact], gives: int, shared: int, a: int, b: int, met_on: dt.date | None
) -> None:
    facts = fold(history, gives=gives, shared=shared, met_on=met_on)
    earlier, later = sorted((a, b))
    t1, t2 = NOW + dt.timedelta(days=earlier), NOW + dt.timedelta(days=later)
    assert strength(facts, t2) <= strength(facts, t1)
    f1, f2 = factors(facts, t1), factors(facts, t2)
    for name in MAX_POINTS:
        assert f2[name] <= f1[name], name


@given(
    histories(until=NOW - dt.timedelta(days=15)),
    st.lists(contacts(), min_size=0, max_size=5),
    st.integers(0, 14),
    st.integers(30, 3000),
    counters,
)
def test_a_recent_tie_strictly_weakens_without_contact(
    older: list[Contact], more: list[Contact], recent_days: int, wait: int, gives: int
) -> None:
    last = Contact(NOW - dt.timedelta(days=recent_days), kind="call")
    facts = fold([*older, *more, last], gives=gives)
    assert facts.last_contact is not None
    assert (NOW.date() - facts.last_contact).days <= 14
    assert strength(facts, NOW + dt.timedelta(days=wait)) < strength(facts, NOW)


def test_recency_halves_every_half_life() -> None:
    facts = fold([Contact(NOW)])
    half = factors(facts, NOW + dt.timedelta(days=HALF_LIFE_DAYS))["recency"]
    assert half == pytest.approx(MAX_POINTS["recency"] / 2, abs=0.05)


def test_decay_never_grows_going_back_in_time() -> None:
    assert decay(2.0, NOW, NOW - dt.timedelta(days=30)) == 2.0
    assert decay(2.0, NOW, NOW + dt.timedelta(days=HALF_LIFE_DAYS)) == pytest.approx(1.0)


# --- depth ---------------------------------------------------------------------------------


@given(histories(max_size=15).filter(bool), st.data(), counters)
def test_a_deeper_kind_never_lowers_strength(
    history: list[Contact], data: st.DataObject, gives: int
) -> None:
    index = data.draw(st.integers(0, len(history) - 1))
    shallow = history[index]
    deeper_kinds = [k for k in KINDS if DEPTH[k] >= DEPTH[shallow.kind]]
    deeper = replace(shallow, kind=data.draw(st.sampled_from(deeper_kinds)))
    changed = [*history[:index], deeper, *history[index + 1 :]]
    assert strength(fold(changed, gives=gives), NOW) >= strength(fold(history, gives=gives), NOW)


def test_depth_orders_in_person_over_calls_over_messages_over_events_over_notes() -> None:
    assert DEPTH["coffee"] == DEPTH["meeting"] > DEPTH["call"] == DEPTH["video"]
    assert DEPTH["call"] > DEPTH["message"] == DEPTH["email"] > DEPTH["event"] > DEPTH["note"]


def test_meeting_in_person_makes_a_stronger_tie_than_emailing() -> None:
    days = [NOW - dt.timedelta(days=d) for d in (5, 40, 80)]
    coffees = fold([Contact(d, kind="coffee") for d in days])
    emails = fold([Contact(d, kind="email") for d in days])
    assert factors(coffees, NOW)["depth"] > factors(emails, NOW)["depth"]
    assert strength(coffees, NOW) > strength(emails, NOW)


@pytest.mark.parametrize("kind", KINDS)
def test_broadcast_caps_depth_from_six_participants(kind: str) -> None:
    assert depth_weight(kind, 1) == DEPTH[kind]
    assert depth_weight(kind, BROADCAST_PARTICIPANTS - 1) == DEPTH[kind]
    assert depth_weight(kind, BROADCAST_PARTICIPANTS) == min(DEPTH[kind], BROADCAST_DEPTH)
    assert depth_weight(kind, 500) == min(DEPTH[kind], BROADCAST_DEPTH)


def test_broadcast_numbers() -> None:
    assert BROADCAST_PARTICIPANTS == 6
    assert depth_weight("meeting", 6) == BROADCAST_DEPTH == 0.1
    assert depth_weight("unknown-kind") == 0.1


@given(st.sampled_from(KINDS), st.integers(1, 50), st.integers(1, 50))
def test_more_participants_never_deepen_an_interaction(kind: str, a: int, b: int) -> None:
    few, many = sorted((a, b))
    assert depth_weight(kind, many) <= depth_weight(kind, few)


# --- the decayed sum is order-independent --------------------------------------------------


@given(
    st.lists(
        st.tuples(moments(), st.sampled_from(sorted(set(DEPTH.values())))), min_size=1, max_size=30
    ),
    st.randoms(use_true_random=False),
)
def test_add_contact_is_order_independent(
    weighted: list[tuple[dt.datetime, float]], rng: random.Random
) -> None:
    def total(items: list[tuple[dt.datetime, float]]) -> tuple[float, dt.datetime]:
        value: float = 0.0
        at: dt.datetime | None = None
        for when, weight in items:
            value, at = add_contact(value, at, weight, when)
        assert at is not None
        return value, at

    shuffled = list(weighted)
    rng.shuffle(shuffled)
    in_order = total(sorted(weighted))
    as_given, mixed = total(weighted), total(shuffled)
    latest = max(when for when, _ in weighted)
    assert in_order[1] == as_given[1] == mixed[1] == latest
    assert math.isclose(as_given[0], in_order[0], rel_tol=1e-9, abs_tol=1e-12)
    assert math.isclose(mixed[0], in_order[0], rel_tol=1e-9, abs_tol=1e-12)
    # and it is the plain sum of each contact decayed to the latest one
    direct = sum(decay(w, when, latest) for when, w in weighted)
    assert math.isclose(in_order[0], direct, rel_tol=1e-9, abs_tol=1e-12)


# --- other factors ---------------------------------------------------------------------------


def test_duration_is_full_after_three_years_of_acquaintance() -> None:
    start = NOW - dt.timedelta(days=3 * 365)
    assert factors(fold([Contact(start), Contact(NOW)]), NOW)["duration"] == MAX_POINTS["duration"]
    half = fold([Contact(NOW - dt.timedelta(days=547)), Contact(NOW)])
    assert factors(half, NOW)["duration"] == pytest.approx(MAX_POINTS["duration"] / 2, abs=0.1)


def test_the_day_they_met_is_the_first_known_contact() -> None:
    """An eleven-year friend with one logged coffee has known the user eleven years."""
    coffee = [Contact(NOW - dt.timedelta(days=5), kind="coffee")]
    long_ago = NOW.date() - dt.timedelta(days=11 * 365)
    assert factors(fold(coffee), NOW)["duration"] == 0
    assert factors(fold(coffee, met_on=long_ago), NOW)["duration"] == MAX_POINTS["duration"]
    half = fold(coffee, met_on=NOW.date() - dt.timedelta(days=5 + 547))
    assert factors(half, NOW)["duration"] == pytest.approx(MAX_POINTS["duration"] / 2, abs=0.1)


def test_a_day_met_after_the_first_logged_contact_changes_nothing() -> None:
    history = [Contact(NOW - dt.timedelta(days=400)), Contact(NOW - dt.timedelta(days=10))]
    later = (NOW - dt.timedelta(days=100)).date()
    assert factors(fold(history, met_on=later), NOW) == factors(fold(history), NOW)


def test_a_day_met_without_any_logged_contact_spans_nothing() -> None:
    """Duration runs to the last logged contact: a connection of 2015 never talked with
    (a LinkedIn import's "Connected On") has no contact to span."""
    facts = TieFacts(met_on=dt.date(2015, 6, 1))
    assert factors(facts, NOW)["duration"] == 0
    assert strength(facts, NOW) == 0


@given(histories(), met_days, counters, counters)
def test_recording_the_day_they_met_never_lowers_strength(
    history: list[Contact], met_on: dt.date | None, gives: int, shared: int
) -> None:
    without = fold(history, gives=gives, shared=shared)
    with_day = fold(history, gives=gives, shared=shared, met_on=met_on)
    old, new = factors(without, NOW), factors(with_day, NOW)
    assert {k: v for k, v in new.items() if k != "duration"} == {
        k: v for k, v in old.items() if k != "duration"
    }
    assert new["duration"] >= old["duration"]
    assert 0 <= strength(with_day, NOW) <= 100


def test_only_replies_count_as_two_way() -> None:
    out = fold([Contact(NOW, direction="out")] * 3)
    both = fold([Contact(NOW, direction="both")] * 3)
    assert factors(out, NOW)["two_way"] == 0
    assert factors(both, NOW)["two_way"] > 0


def test_gives_and_receipts_both_count_as_reciprocity() -> None:
    assert factors(TieFacts(gives=2), NOW)["reciprocity"] > 0
    assert factors(TieFacts(gives=2), NOW) == factors(TieFacts(gives=1, receipts=1), NOW)


# --- explain ---------------------------------------------------------------------------------


@given(st.integers(0, 100))
def test_explain_names_a_pinned_value(pinned: int) -> None:
    parts = factors(fold([Contact(NOW)], gives=3), NOW)
    text = explain(parts, pinned)
    assert str(pinned) in text
    assert "You set" in text


def test_explain_names_the_top_three_factors_and_the_weak_ones() -> None:
    parts = {
        "recency": 15.0,
        "depth": 12.0,
        "frequency": 9.0,
        "two_way": 5.0,
        "reciprocity": 0.0,
        "duration": 0.5,
        "shared": 3.0,
    }
    text = explain(parts)
    assert text.startswith("Built mostly on recent contact, depth of contact")
    assert "frequent contact" in text
    assert "contact from their side" not in text  # fourth, not among the top three
    assert "still thin: help exchanged and time in contact." in text


def test_explain_names_only_factors_that_carry_a_real_share() -> None:
    one_email = factors(fold([Contact(NOW, kind="email", direction="out")]), NOW)
    assert one_email["frequency"] == 1.8  # of 15: not what the tie is built on
    text = explain(one_email)
    assert text.startswith("Built mostly on recent contact;"), text
    assert "frequent contact" not in text.partition(";")[0]
    coffee = factors(fold([Contact(NOW - dt.timedelta(days=3), kind="coffee")]), NOW)
    assert (coffee["recency"], coffee["depth"], coffee["two_way"]) == (14.7, 6.5, 3.3)
    assert explain(coffee).startswith("Built mostly on recent contact and depth of contact;")


def test_explain_always_names_the_largest_factor_even_below_the_share() -> None:
    parts = dict.fromkeys(MAX_POINTS, 0.0) | {"depth": 4.9, "frequency": 3.8, "two_way": 3.5}
    parts |= {"recency": 3.0, "duration": 3.0, "reciprocity": 2.0}  # 20.2 in all
    assert explain(parts).startswith("Built mostly on depth of contact and 2 conversations;")


def test_explain_with_nothing_logged_says_so_whatever_is_shared() -> None:
    text = explain(factors(TieFacts(shared=1), NOW))
    assert text.startswith("No conversations logged yet"), text
    assert "shared interests" in text
    assert "Built mostly" not in text


def test_explain_without_any_factor() -> None:
    assert explain(factors(TieFacts(), NOW)) == (
        "No conversations logged yet, so there is nothing to measure."
    )


@given(histories(max_size=10).filter(bool), counters, met_days)
def test_explain_always_mentions_the_largest_factor(
    history: list[Contact], gives: int, met_on: dt.date | None
) -> None:
    parts = factors(fold(history, gives=gives, met_on=met_on), NOW)
    words = {
        "recency": ("recent contact", "months ago", "years ago"),
        "depth": ("depth of contact",),
        "frequency": ("frequent contact", "conversation"),
        "two_way": ("contact from their side",),
        "reciprocity": ("help exchanged",),
        "duration": ("contact over a long time", "contact over "),
        "shared": ("shared interests",),
    }
    best = max(parts.values())
    text = explain(parts)
    if best >= 1:
        built_on = text.split(";")[0]
        assert any(w in built_on for k, v in parts.items() if v == best for w in words[k])
    else:
        assert text.startswith("No conversations")


@given(histories(max_size=10).filter(bool), counters, met_days)
def test_explain_never_calls_a_main_factor_thin(
    history: list[Contact], gives: int, met_on: dt.date | None
) -> None:
    text = explain(factors(fold(history, gives=gives, met_on=met_on), NOW))
    main, _, thin = text.removeprefix("Built mostly on ").partition("; still thin: ")
    phrases = ["recent contact", "depth of contact", "frequent contact", "contact from their side",
               "help exchanged", "contact over", "time in contact", "shared interests"]  # fmt: skip
    for phrase in phrases:
        assert not (phrase in main and phrase in thin), text


def test_explain_says_how_old_and_how_few_when_a_tie_is_thin() -> None:
    """A tie built on two messages, the last of them 102 days ago: neither "recent" nor
    "frequent" contact."""
    history = [
        Contact(NOW - dt.timedelta(days=130), kind="message", direction="in"),
        Contact(NOW - dt.timedelta(days=102), kind="message", direction="out"),
    ]
    text = explain(factors(fold(history), NOW))
    assert text.startswith("Built mostly on a contact about 3 months ago"), text
    assert "recent contact" not in text.partition(";")[0]
    assert "frequent contact" not in text.partition(";")[0]


def test_explain_does_not_say_both_sides_of_one_unanswered_message() -> None:
    """A recruiter's one message, never answered: contact from their side, not from both."""
    history = [Contact(NOW - dt.timedelta(days=104), kind="message", direction="in")]
    text = explain(factors(fold(history), NOW))
    assert "both sides" not in text
    assert text.startswith(
        "Built mostly on a contact about 3 months ago and contact from their side"
    )


def test_explain_says_the_months_the_agenda_says() -> None:
    """108 days is "3 months" on the agenda ("last contact 3 months ago, 18 days past your
    cadence"), and so in the explanation: whole months, not "about 4 months"."""
    history = [
        Contact(NOW - dt.timedelta(days=130), kind="message", direction="in"),
        Contact(NOW - dt.timedelta(days=108), kind="message", direction="out"),
    ]
    text = explain(factors(fold(history), NOW))
    assert text.startswith("Built mostly on a contact about 3 months ago"), text
    steady = [Contact(NOW - dt.timedelta(days=7 * n), kind="call") for n in range(10)]
    assert "recent contact" in explain(factors(fold(steady), NOW)).partition(";")[0]


@given(
    st.integers(0, 200),
    st.floats(0, 50),
    st.integers(0, 100),
    st.integers(0, 100),
    st.integers(0, 40),
    st.integers(0, 40),
    st.integers(0, 2000),
)
def test_the_steps_bound_every_factor(
    interactions: int, depth: float, two_way: int, given_: int, shared: int, ago: int, span: int
) -> None:
    today = dt.date(2026, 6, 1)
    now = dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC)
    last = today - dt.timedelta(days=ago)
    facts = TieFacts(
        interactions=interactions,
        two_way=two_way,
        depth_sum=depth,
        depth_at=now - dt.timedelta(days=ago),
        first_contact=last - dt.timedelta(days=span),
        last_contact=last,
        gives=given_,
        shared=shared,
    )
    parts = factors(facts, now)
    amounts = {
        "depth": depth,
        "frequency": interactions,
        "two_way": two_way,
        "reciprocity": given_,
        "shared": shared,
    }
    bound = {
        name: next((p for below, p in saturating_steps(name) if amount < below), MAX_POINTS[name])
        for name, amount in amounts.items()
    }
    bound["recency"] = next((p for days, p in recency_steps() if ago >= days), 15.0)
    bound["duration"] = MAX_POINTS["duration"]
    for name, value in parts.items():
        assert value <= bound[name] + 0.05
    assert sum(bound.values()) >= needed_points(strength(facts, now))


@given(
    histories(),
    counters,
    counters,
    counters,
    moments(NOW + dt.timedelta(days=4000)),
    met_days,
)
def test_the_strength_of_facts_given_one_by_one_is_the_same_number(
    contacts_: list[Contact],
    gives: int,
    receipts: int,
    shared: int,
    now: dt.datetime,
    met_on: dt.date | None,
) -> None:
    """What the agenda ranks its many candidates by is ``strength`` to the point, at any
    moment (before the last contact too), with or without contact logged or a day met."""
    f = fold(contacts_, gives=gives, receipts=receipts, shared=shared, met_on=met_on)
    fields = (f.interactions, f.two_way, f.depth_sum, f.depth_at, f.first_contact)
    given_ = strength_from(
        *fields, f.last_contact, gives, receipts, shared, met_on, now, now.date()
    )
    assert given_ == strength(f, now)
