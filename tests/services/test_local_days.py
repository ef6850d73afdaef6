"""Days are the user's: a conversation's day is the day it was where they are."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from factories import person, talk
from netweave.clock import Clock
from netweave.services.agenda import compute_agenda
from netweave.services.campaigns import mark_done, new_campaign, show_campaign
from netweave.services.context import Context
from netweave.services.import_undo import list_batches
from netweave.services.imports import ImportOptions, run_import
from netweave.services.people import PersonChanges, edit_person, show_person

CALENDAR = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Example//Calendar//EN\r
BEGIN:VTIMEZONE\r
TZID:America/New_York\r
BEGIN:DAYLIGHT\r
TZOFFSETFROM:-0500\r
TZOFFSETTO:-0400\r
DTSTART:19700308T020000\r
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r
TZNAME:EDT\r
END:DAYLIGHT\r
BEGIN:STANDARD\r
TZOFFSETFROM:-0400\r
TZOFFSETTO:-0500\r
DTSTART:19701101T020000\r
RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r
TZNAME:EST\r
END:STANDARD\r
END:VTIMEZONE\r
BEGIN:VEVENT\r
UID:dinner@example.com\r
DTSTAMP:20260601T000000Z\r
DTSTART;TZID=America/New_York:20260610T210000\r
DTEND;TZID=America/New_York:20260610T230000\r
SUMMARY:Dinner with Ada\r
ATTENDEE;CN=Ada Lovelace:mailto:ada@example.com\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:offsite@example.com\r
DTSTAMP:20260601T000000Z\r
DTSTART;VALUE=DATE:20260612\r
DTEND;VALUE=DATE:20260613\r
SUMMARY:Offsite with Bo\r
ATTENDEE;CN=Bo Chen:mailto:bo@example.com\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_a_conversation_in_the_evening_is_on_that_day_where_the_user_is(
    ctx: Context, tmp_path: Path, new_york: None
) -> None:
    """9 pm in New York is 1 am UTC the next day: the dinner is on the 10th, and the
    all-day offsite on the 12th, in the view, the cadence and the agenda."""
    ada = person(ctx, "Ada Lovelace", emails=["ada@example.com"], circle="inner")
    person(ctx, "Bo Chen", emails=["bo@example.com"], circle="inner")
    calendar = tmp_path / "calendar.ics"
    calendar.write_text(CALENDAR, encoding="utf-8")
    options = ImportOptions(since=dt.date(2026, 6, 1), until=dt.date(2026, 6, 14))
    assert run_import(ctx, "ics", [calendar], options)["created"] == 2
    dinner = show_person(ctx, "Ada")
    assert [i["date"] for i in dinner["interactions"]] == ["2026-06-10"]
    assert dinner["next_due"] == "2026-06-24"  # two weeks for the inner circle
    assert [i["date"] for i in show_person(ctx, "Bo")["interactions"]] == ["2026-06-12"]

    due_day = dataclasses.replace(ctx, clock=Clock(as_of=dt.date(2026, 6, 24)))
    reasons = [i["reason"] for i in compute_agenda(due_day)["items"] if i["person_id"] == ada["id"]]
    assert len(reasons) == 1
    assert reasons[0].startswith("check in: last contact 14 days ago, due today (strength ")


def test_an_entry_dated_by_the_user_is_on_that_day(ctx: Context, new_york: None) -> None:
    person(ctx, "Ada Lovelace")
    talk(ctx, "Ada", on=dt.date(2026, 6, 9), note="coffee")
    assert [i["date"] for i in show_person(ctx, "Ada")["interactions"]] == ["2026-06-09"]


def test_when_an_import_ran_and_a_greeting_was_done_read_in_the_users_time(
    ctx: Context, new_york: None, tmp_path: Path
) -> None:
    card = tmp_path / "ada.vcf"
    card.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Ada Lovelace\nEND:VCARD\n")
    run_import(ctx, "vcard", [card], ImportOptions())
    started = dt.datetime.fromisoformat(list_batches(ctx)[0]["started"])
    summer = dt.timedelta(hours=-4)  # New York's offset on the day, not UTC's
    assert started.utcoffset() == summer
    assert abs(started - ctx.clock.now()) < dt.timedelta(minutes=1)  # the same instant
    edit_person(ctx, "ada", PersonChanges(circle="close"))
    new_campaign(ctx, "Holidays", circles=["close"])
    mark_done(ctx, "Holidays", ["ada"])
    done_at = dt.datetime.fromisoformat(show_campaign(ctx, "Holidays")["items"][0]["done_at"])
    assert done_at.utcoffset() == summer
    assert done_at.date() == ctx.clock.today()
