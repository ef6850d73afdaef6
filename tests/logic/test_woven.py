"""The woven check: each threshold alone keeps a relationship from being woven."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shlex

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netweave.config import CONFIG_KEYS, Settings, parse_preference, with_preferences
from netweave.logic.woven import (
    GATED_ASKS,
    Verdict,
    WovenRules,
    check,
    log_command,
    next_steps,
    shell_word,
)

TODAY = dt.date(2026, 6, 15)
RULES = WovenRules()

#: The informational ask the coaching suggests instead, after the names.
ASK = "--kind message --direction out --ask advice"


def days_ago(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


def verdict(
    *,
    two_way: int = 3,
    known_days: int | None = 30,
    gives: int = 1,
    rules: WovenRules = RULES,
) -> Verdict:
    return check(
        "Ada",
        two_way=two_way,
        known_since=None if known_days is None else days_ago(known_days),
        gives=gives,
        today=TODAY,
        rules=rules,
    )


def test_default_thresholds() -> None:
    assert (RULES.min_two_way, RULES.min_known_days, RULES.min_gives) == (3, 30, 1)


def test_only_job_and_referral_asks_are_gated() -> None:
    assert set(GATED_ASKS) == {"job", "referral"}


def test_woven_when_every_threshold_is_met_exactly() -> None:
    result = verdict(two_way=3, known_days=30, gives=1)
    assert result.woven
    assert result.next_steps == []
    assert result.facts == [
        "known for 30 days",
        "3 conversations both ways",
        "you have helped them once",
    ]
    assert verdict(two_way=3, known_days=30, gives=2).facts[-1] == "you have helped them 2 times"
    no_gives = dataclasses.replace(RULES, min_gives=0)  # woven without helping: no "0 times"
    assert verdict(gives=0, rules=no_gives).facts[-1] == "you have not helped them yet"


def test_too_recent_an_acquaintance_is_not_woven() -> None:
    result = verdict(known_days=29)
    assert not result.woven
    assert result.facts == ["you met 29 days ago"]
    assert result.next_steps


def test_met_today_or_yesterday_reads_naturally() -> None:
    assert verdict(known_days=0).facts == ["you met today"]
    assert verdict(known_days=1).facts == ["you met yesterday"]


def test_an_ask_logged_for_an_earlier_day_is_told_from_that_day() -> None:
    """Logged today for two days ago, an ask of someone met that day: they had met the same
    day (not "today")."""
    later = TODAY + dt.timedelta(days=2)

    def told(known_days: int) -> list[str]:
        return check("Ada", two_way=3, known_since=days_ago(known_days), gives=1,
                     today=TODAY, rules=RULES, told_on=later).facts  # fmt: skip

    assert told(0) == ["you met the same day"]
    assert told(1) == ["you had met the day before"]
    assert told(12) == ["you had met 12 days before"]
    assert check("Ada", two_way=3, known_since=TODAY, gives=1, today=TODAY, rules=RULES,
                 told_on=TODAY).facts == ["you met today"]  # fmt: skip


def test_an_unknown_first_meeting_is_not_woven() -> None:
    result = verdict(known_days=None)
    assert not result.woven
    assert result.facts == ["you have no date for when you met"]


def test_too_few_two_way_conversations_is_not_woven() -> None:
    suffix = " with replies from both sides (3 make a relationship)"
    assert verdict(two_way=2).facts == ["2 conversations" + suffix]
    assert verdict(two_way=1).facts == ["one conversation" + suffix]
    assert verdict(two_way=0).facts == ["no conversations" + suffix]
    assert not verdict(two_way=2).woven


def test_never_having_helped_is_not_woven() -> None:
    result = verdict(gives=0)
    assert not result.woven
    assert result.facts == ["you have not helped them yet"]


def test_every_shortfall_is_named_at_once() -> None:
    result = verdict(two_way=0, known_days=3, gives=0)
    assert result.facts == [
        "you met 3 days ago",
        "no conversations with replies from both sides (3 make a relationship)",
        "you have not helped them yet",
    ]


def test_the_next_steps_offer_an_informational_conversation_and_a_give() -> None:
    steps = verdict(gives=0).next_steps
    assert len(steps) == 3
    assert "Ask Ada for advice or insight instead" in steps[0]
    assert "--ask advice" in steps[0]
    assert "Offer something useful first" in steps[1]


def test_a_close_tie_short_only_of_help_is_not_told_to_wait_and_grow() -> None:
    """Weekly meetings for a year, and nothing given yet: the help is missing, not time."""
    close = verdict(gives=0, two_way=40, known_days=400).next_steps
    assert close[-1] == (
        "Once you have helped, the relationship can carry the ask for a job or a referral."
    )
    assert not any("grow" in step for step in close)
    young = verdict(gives=0, two_way=1).next_steps
    assert young[-1].startswith("Follow up in a few weeks and let the relationship grow")


def test_the_steps_after_an_ask_recorded_anyway_say_what_to_do_now() -> None:
    """Once the ask is made (``log --yes``), nothing is said as if it had not been: no
    "first", no "before asking"; thanks now, and what the next ask waits for."""
    young = next_steps(["Ada"], ["referral"], give_to=["Ada"], advise=False, recorded=True)
    assert young == [
        "Offer something useful too: an introduction, an article, help with what they need.",
        "Follow up with thanks, whatever the answer, and let the relationship grow for a few "
        "weeks before another ask for a referral.",
    ]
    helped = next_steps(["Ada", "Mei"], ["job"], grow=False, advise=False, recorded=True)
    assert helped == [
        "Follow up with thanks, whatever the answer, and let the relationships rest on the "
        "help you give before another ask for a job."
    ]


rules = st.builds(
    WovenRules,
    min_two_way=st.integers(0, 10),
    min_known_days=st.integers(0, 400),
    min_gives=st.integers(0, 5),
)


@given(rules, st.integers(0, 20), st.integers(0, 800) | st.none(), st.integers(0, 8))
def test_woven_exactly_when_every_threshold_is_met(
    rules: WovenRules, two_way: int, known_days: int | None, gives: int
) -> None:
    result = verdict(two_way=two_way, known_days=known_days, gives=gives, rules=rules)
    known = rules.min_known_days == 0 or (  # a threshold of 0 asks for no day met
        known_days is not None and known_days >= rules.min_known_days
    )
    expected = known and two_way >= rules.min_two_way and gives >= rules.min_gives
    assert result.woven is expected
    assert bool(result.next_steps) is not expected
    if not expected:
        shortfalls = [
            not known,
            two_way < rules.min_two_way,
            gives < rules.min_gives,
        ]
        assert len(result.facts) == sum(shortfalls)


@given(rules, st.integers(0, 20), st.integers(0, 800), st.integers(0, 8))
def test_more_history_never_unweaves(
    rules: WovenRules, two_way: int, known_days: int, gives: int
) -> None:
    before = verdict(two_way=two_way, known_days=known_days, gives=gives, rules=rules)
    after = verdict(two_way=two_way + 1, known_days=known_days + 1, gives=gives + 1, rules=rules)
    assert after.woven or not before.woven


@pytest.mark.parametrize(
    ("key", "field", "value"),
    [("woven.min_two_way", "min_two_way", 5), ("woven.min_known_days", "min_known_days", 60)],
)
def test_thresholds_are_configurable(key: str, field: str, value: int) -> None:
    assert key in CONFIG_KEYS
    settings = with_preferences(Settings("sqlite://"), {key: parse_preference(key, str(value))})
    assert getattr(settings.woven, field) == value
    assert dataclasses.asdict(settings.woven) == dataclasses.asdict(RULES) | {field: value}


def test_min_gives_can_be_set_to_zero() -> None:
    assert "woven.min_gives" in CONFIG_KEYS
    assert parse_preference("woven.min_gives", "0") == 0
    assert verdict(gives=0, rules=WovenRules(min_gives=0)).woven


def test_min_known_days_set_to_zero_asks_for_no_day_met() -> None:
    assert not verdict(known_days=None, rules=WovenRules(min_known_days=1)).woven
    result = verdict(known_days=None, rules=WovenRules(min_known_days=0))
    assert result.woven
    assert result.facts[0] == "no day you met is recorded"
    nothing = WovenRules(min_two_way=0, min_known_days=0, min_gives=0)
    assert verdict(known_days=None, two_way=0, gives=0, rules=nothing).woven


def test_the_next_steps_name_the_person_and_the_ask() -> None:
    def steps(name: str, asks: tuple[str, ...] = ()) -> list[str]:
        return check(
            name, two_way=0, known_since=None, gives=0, today=TODAY, rules=RULES, asks=asks
        ).next_steps

    assert f"(`netweave log Ada {ASK}`)" in steps("Ada")[0]
    assert f'(`netweave log "Ada Lovelace" {ASK}`)' in steps("Ada Lovelace")[0]
    assert f'(`netweave log "Miles O\'Brien" {ASK}`)' in steps("Miles O'Brien")[0]
    assert "NAME" not in " ".join(steps("Ada Lovelace"))
    assert steps("Ada", ("job",))[2].endswith("before asking for a job.")
    assert steps("Ada", ("referral",))[2].endswith("before asking for a referral.")
    assert steps("Ada", ("job", "referral"))[2].endswith("before asking for a job or a referral.")
    assert steps("Ada")[2].endswith("before asking for a job or a referral.")


@pytest.mark.parametrize(
    ("name", "word"),
    [
        ("Ada", "Ada"),
        ("José", "José"),
        ("Ada Lovelace", '"Ada Lovelace"'),
        ('Say "Hi" $HOME', "'Say \"Hi\" $HOME'"),
        ("#12", '"#12"'),
    ],
)
def test_shell_word_quotes_what_the_shell_would_split(name: str, word: str) -> None:
    assert shell_word(name) == word
    assert shlex.split(word) == [name]


def test_the_next_steps_of_a_group_ask_name_everyone() -> None:
    steps = next_steps(["Ada Lovelace", "Mei", "Miles O'Brien"], ("job",))
    assert steps[0].startswith("Ask Ada Lovelace, Mei and Miles O'Brien for advice")
    assert f'(`netweave log "Ada Lovelace" Mei "Miles O\'Brien" {ASK}`)' in steps[0]
    assert steps[-1].endswith("let the relationships grow before asking for a job.")
    assert (
        next_steps(["Ada"], give_to=["Ada"])
        == check("Ada", two_way=0, known_since=None, gives=0, today=TODAY, rules=RULES).next_steps
    )


def test_offering_something_first_is_a_step_only_below_the_give_threshold() -> None:
    helped = verdict(two_way=2, gives=2)
    assert not helped.woven
    assert not helped.give_first
    assert helped.facts == ["2 conversations with replies from both sides (3 make a relationship)"]
    assert not any("Offer" in step for step in helped.next_steps)
    assert [s.split(" ")[0] for s in helped.next_steps] == ["Ask", "Follow"]
    assert verdict(gives=0).give_first
    more = verdict(gives=2, rules=WovenRules(min_gives=3))
    assert more.facts == ["you have helped them 2 times (helping 3 times makes a relationship)"]
    assert "Offer something useful first" in more.next_steps[1]
    assert not verdict(two_way=0, gives=0, rules=WovenRules(min_gives=0)).give_first


def test_a_group_ask_offers_first_only_to_those_not_helped_yet() -> None:
    steps = next_steps(["Ada Lovelace", "Mei", "Bo"], ("job",), give_to=["Mei", "Bo"])
    assert steps[1].startswith("Offer Mei and Bo something useful first: an introduction")
    assert len(next_steps(["Ada Lovelace", "Mei"], ("job",))) == 2
    # two named, one woven already: the step says whom to help first
    steps = next_steps(["Mei"], ("referral",), give_to=["Mei"], among=2)
    assert steps[1].startswith("Offer Mei something useful first")


def test_the_log_command_says_only_what_differs_from_the_defaults() -> None:
    assert log_command(["Ada"]) == "netweave log Ada --kind message --direction out --ask advice"
    assert log_command(["Ada Lovelace", "#12"], kind="meeting", direction="both") == (
        'netweave log "Ada Lovelace" "#12" --ask advice'
    )
    assert log_command(
        ["Ada"], kind="coffee", direction="both", on=TODAY, note="it's on", gave=["advice"],
        asked=["favor", "advice"], received=["information"],
    ) == (
        f"netweave log Ada --kind coffee --on {TODAY} --note \"it's on\" --gave advice "
        "--ask favor --ask advice --received information"
    )  # fmt: skip


def test_a_give_in_the_conversation_itself_counts_from_now_on_in_place_of_offering() -> None:
    """The conversation that asks also gives: the step is not to offer something, but that
    the help given counts from now on (the check saw the relationship before it)."""
    done = next_steps(["Ada"], ["referral"], give_to=["Ada"], advise=False, recorded=True,
                      gave=["advice"])  # fmt: skip
    assert done[0] == (
        "The advice you gave in this conversation counts as your help from now on: this "
        "check looks at the relationship as it stood before it."
    )
    held = next_steps(["Ada", "Mei"], ["job"], give_to=["Mei"], gave=["advice", "introduction"])
    assert held[1] == (
        "The advice and introduction you gave Mei in this conversation count as your help "
        "once the conversation is recorded: this check looks at the relationship as it stood "
        "before it."
    )
    assert not any("Offer" in step for step in done + held)
