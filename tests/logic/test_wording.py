"""Counts as people read them: one day, never "1 days"."""

from __future__ import annotations

import datetime as dt

import pytest

from netweave.logic.wording import (
    count,
    days,
    echoed,
    elapsed,
    looking_for,
    met_text,
    next_check_in,
    opening,
    times,
)


@pytest.mark.parametrize(("n", "text"), [(0, "0 days"), (1, "1 day"), (2, "2 days")])
def test_days(n: int, text: str) -> None:
    assert days(n) == text


def test_count_and_times() -> None:
    assert [count(n, "person", "people") for n in (0, 1, 2)] == ["0 people", "1 person", "2 people"]
    assert [count(n, "lead") for n in (1, 3)] == ["1 lead", "3 leads"]
    assert [times(n) for n in (0, 1, 2)] == ["0 times", "once", "2 times"]


@pytest.mark.parametrize(
    ("needs", "clause"),
    [
        (["Looking for a UX research role"], "they are looking for a UX research role"),
        (
            ["looking for a co-founder", "office space"],
            "they are looking for a co-founder; office space",
        ),
        (["Advice on relocating to Lisbon"], "they are looking for advice on relocating to Lisbon"),
        (
            ["Candidates for data science roles"],
            "they are looking for candidates for data science roles",
        ),
        (["Berlin contacts"], "they are looking for: Berlin contacts"),  # may be a name
        (["UX mentors"], "they are looking for UX mentors"),
        (["a flat in Berlin"], "they are looking for a flat in Berlin"),
        (  # "A" is an article, not an acronym
            ["A fractional CFO for a Series B biotech"],
            "they are looking for a fractional CFO for a Series B biotech",
        ),
        (["An intro to a VC"], "they are looking for an intro to a VC"),
        (["A/B testing help"], "they are looking for A/B testing help"),
        (["CFOs for hire"], "they are looking for CFOs for hire"),
    ],
)
def test_what_someone_is_looking_for_reads_as_one_clause(needs: list[str], clause: str) -> None:
    assert looking_for(needs) == clause


@pytest.mark.parametrize(
    ("phrase", "kind"),
    [("A fractional CFO", "article"), ("An intro", "article"), ("I need help", "capital"),
     ("Advice on Lisbon", "capital"), ("CFO search", "acronym"), ("SREs lead", "acronym"),
     ("A/B tests", "acronym"), ("iOS apps", "other"), ("McKinsey alumni", "other"),
     ("a flat", "other")],
)  # fmt: skip
def test_one_rule_reads_how_a_typed_phrase_opens(phrase: str, kind: str) -> None:
    """One capital letter ("A", "I") is a word, never an acronym."""
    assert opening(phrase) == kind


@pytest.mark.parametrize(
    ("n", "text"),
    [(1, "1 day"), (59, "59 days"), (60, "2 months"), (89, "2 months"), (90, "3 months"),
     (108, "3 months"), (119, "3 months"), (213, "7 months"), (729, "24 months"),
     (730, "2 years"), (5016, "13 years")],
)  # fmt: skip
def test_a_long_span_reads_in_months_then_years(n: int, text: str) -> None:
    """Last contact "13 years ago", not "5016 days ago"; whole months, never more than the
    days: 108 days (a 90-day cadence and 18 days late) is "3 months", not "4 months"."""
    assert elapsed(n) == text


def test_a_value_echoed_is_cut_after_forty_characters() -> None:
    assert echoed("Ada") == "'Ada'"
    assert echoed("y" * 40) == repr("y" * 40)
    assert echoed("y" * 41) == repr("y" * 40) + "…"


@pytest.mark.parametrize(
    ("how", "on", "text"),
    [
        ("imported from LinkedIn", "2022-08-05", "imported from LinkedIn; connected on 2022-08-05"),
        ("imported from mail", "2024-01-02", "imported from mail; first known on 2024-01-02"),
        ("imported from LinkedIn", None, "imported from LinkedIn"),
        ("met at a meetup", "2022-08-05", "at a meetup on 2022-08-05"),
    ],
)
def test_an_imports_met_line_names_the_day_connected_not_the_import(
    how: str, on: str | None, text: str
) -> None:
    met = {"how": how, "on": on, "event": None, "introduced_by": None}
    assert met_text({"met": met, "first_met": None}) == text


def test_a_next_check_in_past_says_it_is_overdue() -> None:
    today = dt.date(2026, 12, 1)
    assert next_check_in(dt.date(2026, 12, 5), today) == "2026-12-05"
    assert next_check_in(today, today) == "2026-12-01, due today"
    assert next_check_in(dt.date(2026, 11, 25), today) == (
        "due since 2026-11-25, 6 days past your cadence"
    )
    assert next_check_in(dt.date(2023, 2, 1), today) == (
        "due since 2023-02-01, 3 years past your cadence"
    )


def test_a_cadence_is_said_every_day_or_every_n_days() -> None:
    from netweave.logic.wording import every

    assert [every(n) for n in (None, 0, 1, 7)] == ["", "", "every day", "every 7 days"]
