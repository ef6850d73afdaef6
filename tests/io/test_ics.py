"""iCalendar reader: real client exports, recurrence, time zones, golden records, bad files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from golden import assert_golden
from netweave.clock import day_of
from netweave.io.ics import read_ics
from netweave.io.records import FormatError, InteractionRecord, NotHeld, ParticipantRef

DATA = Path(__file__).parents[1] / "data" / "ics"
START, END = dt.date(2026, 5, 1), dt.date(2026, 7, 31)
UTC = dt.UTC


def read(path: Path, start: dt.date = START, end: dt.date = END) -> list[InteractionRecord]:
    return list(read_ics(path, window_start=start, window_end=end))


def calendar(*events: str) -> str:
    body = "".join(f"BEGIN:VEVENT\r\n{e.strip()}\r\nEND:VEVENT\r\n" for e in events)
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n{body}END:VCALENDAR\r\n"


def write(tmp_path: Path, text: str, name: str = "cal.ics") -> Path:
    path = tmp_path / name
    path.write_text(text.replace("\r\n", "\n").replace("\n", "\r\n"), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "fixture",
    [
        "google_calendar.ics",
        "outlook.ics",
        "outlook_zones.ics",
        "weekly_recurring.ics",
        "all_day.ics",
        "cancelled.ics",
    ],
)
def test_fixture_matches_golden(fixture: str) -> None:
    assert_golden(read(DATA / fixture), f"ics/{Path(fixture).stem}.json")


def test_google_berlin_times_and_participants() -> None:
    coffee, interview = read(DATA / "google_calendar.ics")
    assert coffee.external_id == "ics:4q0k1r8s2v5n7m3c9b6x1z0l2p@google.com"
    assert coffee.occurred_at == dt.datetime(2026, 6, 9, 13, 0, tzinfo=UTC)  # 15:00 CEST
    assert (coffee.kind, coffee.direction) == ("meeting", "both")
    assert coffee.summary == "Kaffee: Jonas / Maria"
    assert coffee.line == 26
    # the organizer once; the declined attendee and the room left out; a CN that is
    # only the address is no name
    assert coffee.participants == [
        ParticipantRef(name="Maria Schmidt", email="maria.schmidt@example.de"),
        ParticipantRef(name="Jonas Weber", email="jonas.weber@startup.example"),
        ParticipantRef(name=None, email="lea.fischer@example.org"),
    ]
    assert interview.occurred_at == dt.datetime(2026, 6, 12, 13, 0, tzinfo=UTC)


def test_outlook_windows_time_zone_names() -> None:
    review, call = read(DATA / "outlook.ics")
    assert review.occurred_at == dt.datetime(2026, 6, 3, 12, 0, tzinfo=UTC)  # from VTIMEZONE
    assert review.participants[0] == ParticipantRef("Schmidt, Maria", "maria.schmidt@example.de")
    assert review.summary == "Quartalsgespräch Einkauf"
    assert call.occurred_at == dt.datetime(2026, 6, 16, 16, 30, tzinfo=UTC)  # no VTIMEZONE


@pytest.mark.parametrize(
    ("zone", "utc"),
    [
        ("Pacific Standard Time", dt.datetime(2026, 6, 16, 16, 30, tzinfo=UTC)),
        ("W. Europe Standard Time", dt.datetime(2026, 6, 16, 7, 30, tzinfo=UTC)),
        ("Eastern Standard Time", dt.datetime(2026, 6, 16, 13, 30, tzinfo=UTC)),
        ("GMT Standard Time", dt.datetime(2026, 6, 16, 8, 30, tzinfo=UTC)),
        ("Romance Standard Time", dt.datetime(2026, 6, 16, 7, 30, tzinfo=UTC)),
        ("India Standard Time", dt.datetime(2026, 6, 16, 4, 0, tzinfo=UTC)),
        ("Tokyo Standard Time", dt.datetime(2026, 6, 16, 0, 30, tzinfo=UTC)),
        ("China Standard Time", dt.datetime(2026, 6, 16, 1, 30, tzinfo=UTC)),
        ("AUS Eastern Standard Time", dt.datetime(2026, 6, 15, 23, 30, tzinfo=UTC)),
        ("Central Standard Time", dt.datetime(2026, 6, 16, 14, 30, tzinfo=UTC)),
        ("Mountain Standard Time", dt.datetime(2026, 6, 16, 15, 30, tzinfo=UTC)),
    ],
)
def test_outlook_windows_zone_names_without_vtimezone(zone: str, utc: dt.datetime) -> None:
    # 09:30 local on 16 June 2026 in each zone, as Outlook writes it: no VTIMEZONE at all
    warnings: list[FormatError] = []
    records = read_ics(DATA / "outlook_zones.ics", window_start=START, window_end=END,
                       warnings=warnings)  # fmt: skip
    (call,) = [r for r in records if r.summary and f"({zone})" in r.summary]
    assert call.occurred_at == utc
    assert all(zone not in w.reason for w in warnings)


def test_an_unknown_time_zone_is_read_as_utc_and_reported_once() -> None:
    path = DATA / "outlook_zones.ics"
    warnings: list[FormatError] = []
    records = list(read_ics(path, window_start=START, window_end=END, warnings=warnings))
    assert records == read(path)  # the warnings change nothing that is read
    custom = [r for r in records if "custom zone" in (r.summary or "")]
    assert [r.occurred_at for r in custom] == [
        dt.datetime(2026, 6, 17, 11, 0, tzinfo=UTC),
        dt.datetime(2026, 6, 22, 15, 0, tzinfo=UTC),
    ]
    weekly = [r for r in records if "display-name zone" in (r.summary or "")]
    assert [r.occurred_at.day for r in weekly] == [18, 25, 2]
    # one warning per TZID, with the line of its first event; the zone of an event outside
    # the window (never read) is not reported
    display = "(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna"
    assert [(w.file, w.line) for w in warnings] == [(str(path), 139), (str(path), 151)]
    assert "'Customized Time Zone'" in warnings[0].reason
    assert repr(display) in warnings[1].reason
    assert all("read in your own time zone" in w.reason for w in warnings)
    assert "Old Custom Zone" not in str(warnings)


def test_a_file_vtimezone_or_a_floating_time_is_no_warning(tmp_path: Path) -> None:
    warnings: list[FormatError] = []
    for fixture in ("outlook.ics", "google_calendar.ics", "all_day.ics", "weekly_recurring.ics"):
        list(read_ics(DATA / fixture, window_start=START, window_end=END, warnings=warnings))
    assert warnings == []
    # a file cannot plant the marker the reader uses for unknown zones
    path = write(tmp_path, calendar("UID:m\nDTSTART:20260610T100000Z\nX-NETWEAVE-UNKNOWN-TZID:x"))
    assert [r.external_id for r in read_ics(path, window_start=START, window_end=END,
                                            warnings=warnings)] == ["ics:m"]  # fmt: skip
    assert warnings == []


def test_weekly_meeting_with_exdate_rdate_moved_and_cancelled_instances() -> None:
    records = read(DATA / "weekly_recurring.ics")
    uid = "ics:weekly-mentoring-2026@example.com/"
    assert [(r.external_id.removeprefix(uid), r.occurred_at) for r in records] == [
        ("20260505T140000Z", dt.datetime(2026, 5, 5, 14, tzinfo=UTC)),
        ("20260512T140000Z", dt.datetime(2026, 5, 12, 14, tzinfo=UTC)),
        # 19 May: EXDATE
        ("20260526T140000Z", dt.datetime(2026, 5, 28, 18, tzinfo=UTC)),  # moved to Thursday
        ("20260602T140000Z", dt.datetime(2026, 6, 2, 14, tzinfo=UTC)),
        # 9 June: cancelled instance
        ("20260611T200000Z", dt.datetime(2026, 6, 11, 20, tzinfo=UTC)),  # RDATE
        # 16 June: EXDATE
        ("20260623T140000Z", dt.datetime(2026, 6, 23, 14, tzinfo=UTC)),
        ("20260630T140000Z", dt.datetime(2026, 6, 30, 14, tzinfo=UTC)),
    ]
    moved = records[2]
    assert moved.summary == "Weekly mentoring (moved to Thursday, Rita joins)"
    assert [p.name for p in moved.participants] == ["Dana Whitfield", "Sam Ortiz", "Rita Gomez"]


def test_window_bounds_are_inclusive_and_limit_expansion() -> None:
    path = DATA / "weekly_recurring.ics"
    only = read(path, dt.date(2026, 6, 23), dt.date(2026, 6, 23))
    assert [r.occurred_at.date() for r in only] == [dt.date(2026, 6, 23)]
    assert read(path, dt.date(2026, 6, 24), dt.date(2026, 6, 29)) == []
    assert read(path, dt.date(2027, 1, 1), dt.date(2027, 12, 31)) == []  # UNTIL has passed


def test_all_day_at_noon_utc_and_floating_as_utc() -> None:
    conference, breakfast, untitled = read(DATA / "all_day.ics")
    assert conference.occurred_at == dt.datetime(2026, 6, 12, 12, 0, tzinfo=UTC)
    assert breakfast.occurred_at == dt.datetime(2026, 6, 15, 9, 0, tzinfo=UTC)
    assert breakfast.participants == [ParticipantRef("Lina Haddad", "LINA.HADDAD@Example.com")]
    assert (untitled.summary, untitled.participants) == (None, [])


def test_cancelled_events_and_todos_are_skipped() -> None:
    (lunch,) = read(DATA / "cancelled.ics")
    assert lunch.external_id == "ics:kept-lunch-1@example.org"


def test_a_group_attendee_is_no_participant_as_a_room_is_not(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        calendar(
            "UID:allhands\nDTSTART:20260610T160000Z\nSUMMARY:All hands\n"
            "ORGANIZER;CN=Ines Ortega:mailto:ines@gridco.example\n"
            "ATTENDEE;CUTYPE=GROUP;CN=eng-all:mailto:eng-all@gridco.example\n"
            "ATTENDEE;CUTYPE=group;CN=Sales:mailto:sales@gridco.example\n"
            "ATTENDEE;CUTYPE=ROOM;CN=Atrium:mailto:atrium@gridco.example\n"
            "ATTENDEE;CUTYPE=UNKNOWN;CN=Kofi Mensah:mailto:kofi@gridco.example"
        ),
    )
    (record,) = read(path)
    assert record.participants == [
        ParticipantRef(name="Ines Ortega", email="ines@gridco.example"),
        ParticipantRef(name="Kofi Mensah", email="kofi@gridco.example"),
    ]


DECLINED_BY_ME = (
    "UID:declined\nDTSTART:20260611T090000Z\nSUMMARY:Vendor pitch\n"
    "ORGANIZER;CN=Vera Lind:mailto:vera@vendor.example\n"
    "ATTENDEE;CN=Dana Whitfield;PARTSTAT=DECLINED:mailto:Dana@Whitfield.dev\n"
    "ATTENDEE;CN=Ola Berg;PARTSTAT=ACCEPTED:mailto:ola@vendor.example"
)
ACCEPTED_BY_ME = (
    "UID:accepted\nDTSTART:20260612T090000Z\nSUMMARY:Coffee\n"
    "ORGANIZER;CN=Vera Lind:mailto:vera@vendor.example\n"
    "ATTENDEE;CN=Dana Whitfield;PARTSTAT=ACCEPTED:mailto:dana@whitfield.dev\n"
    "ATTENDEE;CN=Ola Berg;PARTSTAT=DECLINED:mailto:ola@vendor.example"
)


def test_an_event_the_user_declined_is_no_meeting(tmp_path: Path) -> None:
    path = write(tmp_path, calendar(DECLINED_BY_ME, ACCEPTED_BY_ME))
    me = ["dana@whitfield.dev"]
    (coffee,) = read_ics(path, window_start=START, window_end=END, me=me)
    assert coffee.external_id == "ics:accepted"
    # someone else who declined is left out of the meeting, not the meeting itself
    assert [p.email for p in coffee.participants] == ["vera@vendor.example", "dana@whitfield.dev"]
    # without the user's addresses the reader cannot tell whose answer it is
    assert [r.external_id for r in read(path)] == ["ics:declined", "ics:accepted"]


def test_a_declined_occurrence_of_a_recurring_meeting_is_left_out(tmp_path: Path) -> None:
    weekly = (
        "UID:weekly\nDTSTART:20260601T090000Z\nRRULE:FREQ=WEEKLY;COUNT=3\nSUMMARY:Sync\n"
        "ORGANIZER;CN=Vera Lind:mailto:vera@vendor.example\n"
        "ATTENDEE;PARTSTAT=ACCEPTED:mailto:dana@whitfield.dev"
    )
    moved = (
        "UID:weekly\nRECURRENCE-ID:20260608T090000Z\nDTSTART:20260608T100000Z\n"
        "SUMMARY:Sync\nORGANIZER;CN=Vera Lind:mailto:vera@vendor.example\n"
        "ATTENDEE;PARTSTAT=DECLINED:mailto:dana@whitfield.dev"
    )
    path = write(tmp_path, calendar(weekly, moved))
    records = read_ics(path, window_start=START, window_end=END, me=["Dana@Whitfield.dev"])
    assert [r.occurred_at.day for r in records] == [1, 15]


def test_folder_reads_every_calendar_file(tmp_path: Path) -> None:
    for fixture in ("cancelled.ics", "all_day.ics"):
        (tmp_path / fixture).write_bytes((DATA / fixture).read_bytes())
    (tmp_path / "notes.txt").write_text("not a calendar")
    assert len(read(tmp_path)) == 4


def test_recurring_all_day_and_floating_ids(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        calendar(
            "UID:birthday\nDTSTART;VALUE=DATE:20200614\nRRULE:FREQ=YEARLY\nSUMMARY:Birthday",
            "UID:standup\nDTSTART:20260615T093000\nRRULE:FREQ=DAILY;COUNT=2\nSUMMARY:Standup",
        ),
    )
    assert [(r.external_id, r.occurred_at.isoformat()) for r in read(path)] == [
        ("ics:birthday/20260614", "2026-06-14T12:00:00+00:00"),
        ("ics:standup/20260615T093000Z", "2026-06-15T09:30:00+00:00"),
        ("ics:standup/20260616T093000Z", "2026-06-16T09:30:00+00:00"),
    ]


def test_event_without_uid_gets_a_stable_id(tmp_path: Path) -> None:
    path = write(tmp_path, calendar("DTSTART:20260615T090000Z\nSUMMARY:Coffee"))
    first, second = read(path), read(path)
    assert first[0].external_id.startswith("ics:nouid-")
    assert first == second


@pytest.mark.parametrize(
    ("fixture", "line"),
    [
        ("empty.ics", None),
        ("garbage.ics", 1),
        ("photo.ics", 1),
        ("truncated.ics", None),
        ("vcard.ics", 1),
    ],
)
def test_bad_file_raises_one_format_error_naming_it(fixture: str, line: int | None) -> None:
    path = DATA / "bad" / fixture
    with pytest.raises(FormatError) as caught:
        read(path)
    assert (caught.value.file, caught.value.line) == (str(path), line)
    assert str(path) in str(caught.value)


@pytest.mark.parametrize(
    ("event", "message", "line"),
    [  # the line of the broken property; of the event (8) when it has none
        ("UID:x\nDTSTART:20260610T100000Z\nthis line is broken", "broken line", 11),
        ("UID:x\nDTSTART:2026XX10T100000Z", "DTSTART", 10),
        ("UID:x\nSUMMARY:no start", "no DTSTART", 8),
        ("UID:x\nDTSTART:20260610T100000Z\nRRULE:FREQ=SOMETIMES", "RRULE", 11),
    ],
)
def test_broken_event_names_file_and_line(
    tmp_path: Path, event: str, message: str, line: int
) -> None:
    path = write(tmp_path, calendar("UID:fine\nDTSTART:20260601T100000Z", event))
    with pytest.raises(FormatError, match=message) as caught:
        read(path)
    assert (caught.value.file, caught.value.line) == (str(path), line)


def test_missing_file_and_empty_folder_raise_format_error(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="cannot read"):
        read(tmp_path / "nope.ics")
    with pytest.raises(FormatError, match=r"no \.ics files"):
        read(tmp_path)


@settings(
    deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(text=st.text(max_size=300))
def test_arbitrary_text_raises_nothing_but_format_error(tmp_path: Path, text: str) -> None:
    for content in (text, f"BEGIN:VCALENDAR\r\n{text}\r\nEND:VCALENDAR\r\n", calendar(text)):
        path = tmp_path / "arbitrary.ics"
        path.write_text(content, encoding="utf-8", newline="")
        error = _format_error(path)
        assert error is None or error.file == str(path)


LINES = st.sampled_from(
    [
        "DTSTART:20260610T100000Z",
        "DTSTART;TZID=Europe/Berlin:20260610T100000",
        "DTSTART;VALUE=DATE:20260610",
        "DTSTART;TZID=Nowhere/Special:20260610T100000",
        "RRULE:FREQ=WEEKLY;COUNT=3",
        "RRULE:FREQ=DAILY;UNTIL=20260612",
        "EXDATE:20260617T100000Z",
        "RDATE;VALUE=PERIOD:20260611T100000Z/PT1H",
        "RECURRENCE-ID:20260610T100000Z",
        "DURATION:PT1H",
        "DTEND:20260609T100000Z",
        "STATUS:CANCELLED",
        "ATTENDEE;CN=A:mailto:a@example.com",
        "ORGANIZER:urn:uuid:1",
        "UID:same",
    ]
)


@settings(
    deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(events=st.lists(st.lists(LINES, max_size=6), min_size=1, max_size=3))
def test_odd_event_combinations_raise_nothing_but_format_error(
    tmp_path: Path, events: list[list[str]]
) -> None:
    path = write(tmp_path, calendar(*("\n".join(lines) for lines in events)))
    error = _format_error(path)
    assert error is None or error.file == str(path)


def _format_error(path: Path) -> FormatError | None:
    """Read the file; only a FormatError may come out, and records are in UTC."""
    try:
        records = read(path)
    except FormatError as exc:
        return exc
    assert all(r.occurred_at.tzinfo is UTC for r in records)
    return None


@pytest.mark.parametrize("where", ["SUMMARY:Nul\x00here", "ATTENDEE;CN=Ann:mailto:a\x00n@x.org"])
def test_a_nul_byte_is_refused_with_its_line(tmp_path: Path, where: str) -> None:
    # It reached PostgreSQL, which refused the import with a database error naming no file.
    path = tmp_path / "nul.ics"
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "BEGIN:VEVENT", "UID:n1",
             "DTSTART:20260301T100000Z", where, "END:VEVENT", "END:VCALENDAR", ""]  # fmt: skip
    path.write_bytes("\r\n".join(lines).encode())
    window = {"window_start": dt.date(2026, 1, 1), "window_end": dt.date(2026, 12, 31)}
    with pytest.raises(FormatError, match=r"nul\.ics:6: a NUL byte"):
        list(read_ics(path, **window))


def test_the_window_is_of_the_users_days(tmp_path: Path, new_york: None) -> None:
    """In New York, 03:00 UTC on the 27th and 01:00 in Berlin on the 27th are both the
    evening of the 26th: in a window ending on the 26th. 07:00 on the 27th is not; nor is
    a weekly occurrence that is on the 13th only in UTC."""
    events = calendar(
        "UID:late-utc\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:20261127T030000Z\r\nSUMMARY:a",
        "UID:berlin\r\nDTSTAMP:20261101T000000Z\r\n"
        "DTSTART;TZID=Europe/Berlin:20261127T010000\r\nSUMMARY:b",
        "UID:next-day\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:20261127T120000Z\r\nSUMMARY:c",
        "UID:weekly\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:20261113T020000Z\r\n"
        "RRULE:FREQ=WEEKLY;COUNT=3\r\nSUMMARY:d",
    )
    path = write(tmp_path, events)
    found = read(path, dt.date(2026, 11, 13), dt.date(2026, 11, 26))
    days = sorted((r.summary, r.occurred_at.astimezone().date().isoformat()) for r in found)
    # the weekly event's first occurrence, 02:00 UTC on the 13th, is the 12th there: out
    assert days == [("a", "2026-11-26"), ("b", "2026-11-26"),
                    ("d", "2026-11-19"), ("d", "2026-11-26")]  # fmt: skip


def not_held(
    path: Path, start: dt.date = START, end: dt.date = END, me: tuple[str, ...] = ()
) -> list[tuple[str, str, dt.datetime]]:
    found: list[NotHeld] = []
    list(read_ics(path, window_start=start, window_end=end, me=me, not_held=found))
    return sorted((n.external_id, n.why, n.occurred_at) for n in found)


def test_what_was_not_held_is_listed_for_a_re_import() -> None:
    uid = "ics:weekly-mentoring-2026@example.com/"
    assert not_held(DATA / "weekly_recurring.ics") == [
        (uid + "20260519T140000Z", "cancelled", dt.datetime(2026, 5, 19, 14, tzinfo=UTC)),  # EXDATE
        (uid + "20260609T140000Z", "cancelled", dt.datetime(2026, 6, 9, 14, tzinfo=UTC)),
        (uid + "20260616T140000Z", "cancelled", dt.datetime(2026, 6, 16, 14, tzinfo=UTC)),
    ]
    coffee = (
        "ics:cancelled-coffee-1@example.org",
        "cancelled",
        dt.datetime(2026, 6, 18, 8, tzinfo=UTC),
    )
    assert not_held(DATA / "cancelled.ics") == [coffee]
    # outside the window nothing is listed: an EXDATE, a cancellation before it
    assert not_held(DATA / "weekly_recurring.ics", dt.date(2026, 6, 20), END) == []


def test_an_event_moved_past_the_window_and_one_declined_are_not_held(tmp_path: Path) -> None:
    later = "UID:later\nDTSTART:20260805T090000Z\nSUMMARY:Coffee, moved to August"
    weekly = "UID:w\nDTSTART:20260701T090000Z\nRRULE:FREQ=WEEKLY;COUNT=3\nSUMMARY:Sync"
    moved = "UID:w\nRECURRENCE-ID:20260715T090000Z\nDTSTART:20260804T090000Z\nSUMMARY:Sync"
    path = write(tmp_path, calendar(later, weekly, moved, DECLINED_BY_ME, ACCEPTED_BY_ME))
    assert not_held(path, me=("dana@whitfield.dev",)) == [
        ("ics:declined", "declined", dt.datetime(2026, 6, 11, 9, tzinfo=UTC)),
        ("ics:later", "later", dt.datetime(2026, 8, 5, 9, tzinfo=UTC)),
        ("ics:w/20260715T090000Z", "later", dt.datetime(2026, 8, 4, 9, tzinfo=UTC)),
    ]
    # the series' own start is not "later": its occurrences are in the window
    assert [r.external_id for r in read(path)] == [
        "ics:declined",
        "ics:accepted",
        "ics:w/20260701T090000Z",
        "ics:w/20260708T090000Z",
    ]


def test_the_oldest_event_before_the_window_is_told(tmp_path: Path) -> None:
    standup = "UID:s\nDTSTART:20150105T090000Z\nRRULE:FREQ=DAILY\nSUMMARY:Standup"
    path = write(tmp_path, calendar(standup, "UID:c\nDTSTART:20260610T090000Z\nSUMMARY:Coffee"))
    older: dict[str, dt.date] = {}
    records = list(read_ics(path, window_start=START, window_end=END, older=older))
    assert len(records) == 92 + 1  # every day of the window, and the coffee
    assert older == {str(path): dt.date(2015, 1, 5)}
    older.clear()
    list(read_ics(path, window_start=dt.date(2015, 1, 5), window_end=START, older=older))
    assert older == {}


def test_an_event_repeating_more_than_daily_is_read_once_with_a_warning(tmp_path: Path) -> None:
    """FREQ=SECONDLY over a window would be millions of meetings: it is read once."""
    path = write(tmp_path, calendar(
        "UID:tick\nSUMMARY:Every second\nDTSTART:20260601T000000Z\nRRULE:FREQ=SECONDLY",
        "UID:hourly\nSUMMARY:Hourly\nDTSTART:20260601T090000Z\nRRULE:FREQ=HOURLY;COUNT=5",
        "UID:daily\nSUMMARY:Stand-up\nDTSTART:20260601T090000Z\nRRULE:FREQ=DAILY;COUNT=3",
    ))  # fmt: skip
    warnings: list[FormatError] = []
    records = list(read_ics(path, window_start=START, window_end=END, warnings=warnings))
    assert sorted(r.summary or "" for r in records) == [
        "Every second", "Hourly", "Stand-up", "Stand-up", "Stand-up"
    ]  # fmt: skip
    assert [(w.line, w.reason) for w in warnings] == [
        (4, "the event 'Every second' repeats more than once a day: only its first occurrence "
            "was read"),
        (10, "the event 'Hourly' repeats more than once a day: only its first occurrence was read"),
    ]  # fmt: skip


def test_an_event_at_several_times_of_each_day_is_read_once_with_a_warning(
    tmp_path: Path,
) -> None:
    """FREQ=DAILY at every minute of every hour is as many meetings as FREQ=MINUTELY."""
    path = write(tmp_path, calendar(
        "UID:m\nSUMMARY:Each minute\nDTSTART:20260601T000000Z\n"
        "RRULE:FREQ=DAILY;BYHOUR=0,1,2,3;BYMINUTE=0,15,30,45",
        "UID:w\nSUMMARY:Gym\nDTSTART:20260601T070000Z\nRRULE:FREQ=WEEKLY;BYDAY=MO,TH;COUNT=4",
    ))  # fmt: skip
    warnings: list[FormatError] = []
    records = list(read_ics(path, window_start=START, window_end=END, warnings=warnings))
    assert sorted(r.summary or "" for r in records) == ["Each minute", "Gym", "Gym", "Gym", "Gym"]
    assert [w.reason for w in warnings] == [
        "the event 'Each minute' repeats more than once a day: only its first occurrence was read"
    ]


def test_a_property_written_twice_is_read_once(tmp_path: Path) -> None:
    """A careless tool writes SUMMARY, DTSTART, UID or ORGANIZER twice: the first is taken."""
    path = write(tmp_path, calendar(
        "UID:twice\nUID:again\nSUMMARY:First\nSUMMARY:Second\nDTSTART:20260601T090000Z\n"
        "DTSTART:20260602T090000Z\nORGANIZER:mailto:ada@example.com\n"
        "ORGANIZER:mailto:bo@example.com\nATTENDEE:mailto:grace@example.com"
    ))  # fmt: skip
    [record] = list(read_ics(path, window_start=START, window_end=END))
    assert (record.summary, record.occurred_at.day) == ("First", 1)
    assert {p.email for p in record.participants} == {"ada@example.com", "grace@example.com"}


@pytest.mark.parametrize("interval", ["0", "-1"])
def test_a_repeat_rule_that_does_not_move_on_is_a_broken_event(
    tmp_path: Path, interval: str
) -> None:
    """INTERVAL=0 would repeat the same moment without end (and fill the memory)."""
    path = write(tmp_path, calendar(
        f"UID:stuck\nSUMMARY:Stuck\nDTSTART:20260601T090000Z\nRRULE:FREQ=DAILY;INTERVAL={interval}",
        "UID:ok\nSUMMARY:Fine\nDTSTART:20260602T090000Z",
    ))  # fmt: skip
    with pytest.raises(FormatError, match=r"'stuck' repeats with an INTERVAL below 1"):
        list(read_ics(path, window_start=START, window_end=END))
    errors: list[FormatError] = []
    records = list(read_ics(path, window_start=START, window_end=END, errors=errors))
    assert [r.summary for r in records] == ["Fine"]
    assert [e.line for e in errors] == [8]  # its RRULE


def test_a_vendor_prefixed_zone_is_read_without_a_library_warning(tmp_path: Path) -> None:
    """Evolution writes "/freeassociation.sourceforge.net/Europe/Berlin": icalendar guesses
    the zone (rightly) and warns, which must not reach the user's terminal."""
    import warnings as python_warnings

    zone = "/freeassociation.sourceforge.net/Europe/Berlin"
    path = write(tmp_path, calendar(f"UID:evo\nDTSTART;TZID={zone}:20260610T100000\nSUMMARY:Evo"))
    with python_warnings.catch_warnings(record=True) as caught:
        python_warnings.simplefilter("always")
        (meeting,) = read(path)
    assert caught == []
    assert meeting.occurred_at == dt.datetime(2026, 6, 10, 8, 0, tzinfo=UTC)


_MEET = "https://meet.google.com/abc-defg-hij"


@pytest.mark.parametrize(
    ("lines", "kind"),
    [
        ("LOCATION:Café Einstein\nDESCRIPTION:Join with Google Meet: " + _MEET, "meeting"),
        ("LOCATION:https://us02web.zoom.us/j/8123456789", "video"),
        ("CONFERENCE;VALUE=URI;FEATURE=VIDEO:https://us02web.zoom.us/j/81", "video"),
        (
            "LOCATION:Microsoft Teams Meeting\n"
            "X-MICROSOFT-SKYPETEAMSMEETINGURL:https://teams.microsoft.com/l/meetup-join/1",
            "video",
        ),
        ("DESCRIPTION:Join with Google Meet: " + _MEET, "video"),
        ("SUMMARY:Lunch", "meeting"),
        (
            "\n".join(f"ATTENDEE;CN=P{n}:mailto:p{n}@gridco.example" for n in range(5)),
            "event",  # the organizer and five invited: a group, whoever of them is known
        ),
    ],
)
def test_the_kind_of_meeting_is_read_from_the_event(tmp_path: Path, lines: str, kind: str) -> None:
    event = (
        "UID:k1\nDTSTART:20260610T090000Z\nDTEND:20260610T100000Z\n"
        f"ORGANIZER;CN=Ravi Patel:mailto:ravi@gridco.example\n{lines}"
    )
    [record] = read(write(tmp_path, calendar(event)))
    assert record.kind == kind


def test_a_large_calendar_is_parsed_a_part_at_a_time(tmp_path: Path) -> None:
    """icalendar's objects take some twenty times the text: a calendar is parsed a few
    hundred kilobytes at a time, so memory follows the records, not the objects."""
    import tracemalloc

    events = "".join(
        f"BEGIN:VEVENT\r\nUID:e{n}@x\r\nDTSTART:202606{n % 28 + 1:02d}T100000Z\r\n"
        f"SUMMARY:M {n}\r\nDESCRIPTION:{'x' * 300}\r\nORGANIZER:mailto:p{n % 50}@x.example\r\n"
        "BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT5M\r\nEND:VALARM\r\nEND:VEVENT\r\n"
        for n in range(3_000)
    )
    path = tmp_path / "big.ics"
    path.write_text(f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{events}END:VCALENDAR\r\n")
    tracemalloc.start()
    try:
        count = sum(1 for _ in read_ics(path, window_start=START, window_end=END))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 3_000
    assert peak < 12 * path.stat().st_size, f"peak {peak / 1e6:.1f} MB"  # whole: about 21×


def _meetings_file(path: Path, events: int) -> Path:
    """A calendar of ``events`` one-off meetings in June 2026, each with two attendees."""
    path.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
        + "".join(
            f"BEGIN:VEVENT\r\nUID:m{n}@x\r\nDTSTART:202606{n % 28 + 1:02d}T100000Z\r\n"
            f"SUMMARY:Meeting {n}\r\nORGANIZER;CN=Me:mailto:me@x.example\r\n"
            f"ATTENDEE;CN=Person {n};PARTSTAT=ACCEPTED:mailto:p{n}@x.example\r\n"
            f"ATTENDEE;CN=Other {n};PARTSTAT=ACCEPTED:mailto:o{n}@x.example\r\nEND:VEVENT\r\n"
            for n in range(events)
        )
        + "END:VCALENDAR\r\n"
    )
    return path


def _peak_reading(path: Path) -> int:
    import tracemalloc

    tracemalloc.start()
    try:
        for _ in read_ics(path, window_start=START, window_end=END):
            pass
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


#: Parts of 16 KB (some 60 meetings), so that a short file has many of them.
SMALL_PARTS = 16 * 1024


def test_memory_grows_neither_with_the_text_nor_with_the_meetings_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file is read from the disk a part at a time and records are yielded a part at a
    time: a calendar four times as long takes more memory only by a few numbers a meeting
    (where it is in the file), not by its text nor by its meetings (some 1.6 KB each)."""
    import netweave.io.ics as ics
    import netweave.io.ics_parts as ics_parts

    monkeypatch.setattr(ics, "_PART_BYTES", SMALL_PARTS)
    monkeypatch.setattr(ics_parts, "_READ_BYTES", SMALL_PARTS)  # both files read in pieces
    small = _meetings_file(tmp_path / "small.ics", 300)
    large = _meetings_file(tmp_path / "large.ics", 1_200)
    _peak_reading(small)  # icalendar's modules are imported before anything is measured
    grown = _peak_reading(large) - _peak_reading(small)
    text = large.stat().st_size - small.stat().st_size
    assert grown < text / 2, f"{grown / 1e6:.2f} MB more for {text / 1e6:.2f} MB text"


def test_a_file_is_read_from_the_disk_a_little_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No read of the file takes more than a megabyte, however long the file."""
    import netweave.io.ics_parts as ics_parts

    path = _meetings_file(tmp_path / "cal.ics", 12_000)  # some 3 MB
    sizes: list[int] = []
    real_open = Path.open

    class Counted:
        """The file, with the size of each read noted."""

        def __init__(self, handle: Any) -> None:
            self.handle = handle

        def __enter__(self) -> Counted:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

        def read(self, size: int = -1) -> bytes:
            sizes.append(size)
            data: bytes = self.handle.read(size)
            return data

        def seek(self, *args: int) -> int:
            at: int = self.handle.seek(*args)
            return at

    def open_(self: Path, *args: Any, **kwargs: Any) -> Any:
        return Counted(real_open(self, *args, **kwargs))

    monkeypatch.setattr(Path, "open", open_)
    assert sum(1 for _ in read_ics(path, window_start=START, window_end=END)) == 12_000
    assert sizes
    assert all(0 <= size <= ics_parts._READ_BYTES for size in sizes), max(sizes)
    assert path.stat().st_size > 2 * ics_parts._READ_BYTES


def test_meetings_come_out_before_the_whole_file_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first part's meetings are yielded before a broken event at the end is reached
    (the importer's transaction takes them back when it is)."""
    import netweave.io.ics as ics

    monkeypatch.setattr(ics, "_PART_BYTES", SMALL_PARTS)
    path = _meetings_file(tmp_path / "cal.ics", 300)
    broken = path.read_bytes().replace(b"UID:m299@x\r\nDTSTART:", b"UID:m299@x\r\nDTSTART:x")
    path.write_bytes(broken)
    meetings = read_ics(path, window_start=START, window_end=END)
    first = next(meetings)
    assert first.summary.startswith("Meeting ")
    with pytest.raises(FormatError, match="m299"):
        list(meetings)


def test_an_event_never_closed_names_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:a\n"
                 "DTSTART:20260601T090000Z\nEND:VCALENDAR\n")  # fmt: skip
    with pytest.raises(FormatError, match=r"cal\.ics:3: a VEVENT not closed by END:VEVENT"):
        list(read_ics(path, window_start=START, window_end=END))


@pytest.mark.parametrize(
    "tzid",
    ["(UTC+05:00) Custom Zone", "My Very Long Custom Zone Name That Goes On And On Past Seventy"],
)
def test_a_zone_of_the_file_with_a_colon_or_a_long_name_is_used(tmp_path: Path, tzid: str) -> None:
    """Outlook names zones "(UTC+05:00) …", and long names are folded over two lines."""
    zone = (
        f"BEGIN:VTIMEZONE\nTZID:{tzid}\nBEGIN:STANDARD\nDTSTART:19700101T000000\n"
        "TZOFFSETFROM:+0500\nTZOFFSETTO:+0500\nEND:STANDARD\nEND:VTIMEZONE\n"
    )
    start = f'DTSTART;TZID="{tzid}":20260610T100000'
    folded = start[:70] + "\n " + start[70:]  # a line of more than 75 octets is folded
    path = write(tmp_path, calendar(f"UID:z\n{folded}\nSUMMARY:Zoned").replace(
        "BEGIN:VEVENT", zone + "BEGIN:VEVENT", 1))  # fmt: skip
    warnings: list[FormatError] = []
    [record] = list(read_ics(path, window_start=START, window_end=END, warnings=warnings))
    assert record.occurred_at == dt.datetime(2026, 6, 10, 5, 0, tzinfo=dt.UTC)
    assert warnings == []


def test_an_event_that_ends_before_it_starts_is_read_at_its_start(tmp_path: Path) -> None:
    path = write(tmp_path, calendar(
        "UID:typo\nSUMMARY:Typo\nDTSTART:20260601T100000Z\nDTEND:19000301T100000Z"))  # fmt: skip
    [record] = list(read_ics(path, window_start=START, window_end=END))
    assert (record.summary, record.occurred_at) == (
        "Typo",
        dt.datetime(2026, 6, 1, 10, 0, tzinfo=dt.UTC),
    )


@pytest.mark.parametrize(
    ("user", "their_zone", "start", "day"),
    [
        # 23:30 on the 10th in Pago Pago (UTC−11) is 00:30 on the 12th in Kiritimati (UTC+14)
        ("Pacific/Kiritimati", "Pacific/Pago_Pago", "20261110T233000", dt.date(2026, 11, 12)),
        # 00:30 on the 12th in Kiritimati is 23:30 on the 10th in Pago Pago
        ("Pacific/Pago_Pago", "Pacific/Kiritimati", "20261112T003000", dt.date(2026, 11, 10)),
    ],
)
def test_a_meeting_a_day_and_more_away_in_its_own_zone_is_read_on_the_users_day(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, user: str, their_zone: str, start: str,
    day: dt.date,
) -> None:  # fmt: skip
    """Zones are up to 26 hours apart: a window of one day (the user's) still finds an
    event whose own day is two days off, at either end of the window."""
    import time

    monkeypatch.setenv("TZ", user)
    time.tzset()
    try:
        path = write(tmp_path, calendar(
            f"UID:far\nDTSTART;TZID={their_zone}:{start}\nSUMMARY:Far call\n"
            "ATTENDEE:mailto:ann@x.example"
        ))  # fmt: skip
        [record] = read(path, day, day)
        assert day_of(record.occurred_at) == day
    finally:
        monkeypatch.undo()
        time.tzset()


#: A calendar whose parts cut a recurring meeting from its moved instance, folds its
#: lines (a UID among them), and gives a zone only after the events that use it.
_SCATTERED = (
    "BEGIN:VCALENDAR\nVERSION:2.0\n"
    "BEGIN:VEVENT\nUID:weekly-1@x\nDTSTART;TZID=Custom Zone:20260601T090000\n"
    "RRULE:FREQ=WEEKLY;COUNT=3\nSUMMARY:Weekly\nORGANIZER:mailto:ana@x.example\nEND:VEVENT\n"
    + "".join(
        f"BEGIN:VEVENT\nUID:filler-{n}@x\nDTSTART:202606{n % 28 + 1:02d}T100000Z\n"
        f"SUMMARY:Filler {n}\nDESCRIPTION:{'y' * 70}\n  {'z' * 70}\n"
        f"ORGANIZER:mailto:f{n}@x.example\nEND:VEVENT\n"
        for n in range(120)
    )
    + "BEGIN:VEVENT\nUID:week\n ly-1@x\nRECURRENCE-ID;TZID=Custom Zone:20260608T090000\n"
    "DTSTART;TZID=Custom Zone:20260609T150000\nSUMMARY:Weekly (moved)\n"
    "ORGANIZER:mailto:ana@x.example\nEND:VEVENT\n"
    "BEGIN:VTIMEZONE\nTZID:Custom Zone\nBEGIN:STANDARD\nTZOFFSETFROM:+0530\n"
    "TZOFFSETTO:+0530\nDTSTART:19700101T000000\nEND:STANDARD\nEND:VTIMEZONE\n"
    "END:VCALENDAR\n"
)


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_moved_instance_far_from_its_meeting_and_a_zone_after_them_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, newline: str
) -> None:
    """Parts keep a UID's events together wherever the file has them (a folded UID too),
    and every part has the calendar's zones, even one written after the events; reading
    the file in small pieces (lines folded across them) changes nothing."""
    import netweave.io.ics as ics
    import netweave.io.ics_parts as ics_parts

    path = tmp_path / "cal.ics"
    path.write_bytes(_SCATTERED.replace("\n", newline).encode())
    monkeypatch.setattr(ics, "_PART_BYTES", 4 * 1024)  # the meeting and its move: parts apart
    records = read(path)
    weekly = [r for r in records if r.external_id.startswith("ics:weekly-1@x/")]
    assert [(r.external_id, r.occurred_at, r.summary, r.line) for r in weekly] == [
        ("ics:weekly-1@x/20260601T033000Z", dt.datetime(2026, 6, 1, 3, 30, tzinfo=dt.UTC),
         "Weekly", 3),
        ("ics:weekly-1@x/20260608T033000Z", dt.datetime(2026, 6, 9, 9, 30, tzinfo=dt.UTC),
         "Weekly (moved)", 3),
        ("ics:weekly-1@x/20260615T033000Z", dt.datetime(2026, 6, 15, 3, 30, tzinfo=dt.UTC),
         "Weekly", 3),
    ]  # fmt: skip
    assert len(records) == 123
    monkeypatch.setattr(ics_parts, "_READ_BYTES", 50)  # shorter than most lines
    assert read(path) == records


def test_a_broken_event_in_a_later_part_names_its_own_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import netweave.io.ics as ics

    text = _SCATTERED.replace("SUMMARY:Filler 100\n", "SUMMARY:Filler 100\nDTEND:never\n")
    path = tmp_path / "cal.ics"
    path.write_text(text)
    monkeypatch.setattr(ics, "_PART_BYTES", 4 * 1024)
    line = text.splitlines().index("DTEND:never") + 1
    with pytest.raises(FormatError, match="DTEND") as caught:
        read(path)
    assert caught.value.line == line


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_calendar_saved_as_utf16_gets_the_advice_to_save_it_as_utf8(
    tmp_path: Path, encoding: str
) -> None:
    """Outlook's calendar saved as UTF-16 (with its byte-order mark, or without): not "no
    BEGIN:VCALENDAR", which is there, but what to do, as for a vCard file."""
    path = DATA / "bad" / "utf16.ics"
    if encoding != "utf-16":
        path = tmp_path / "calendar.ics"
        text = (DATA / "outlook.ics").read_text(encoding="utf-8")
        path.write_bytes(text.encode(encoding))
    with pytest.raises(FormatError) as caught:
        read(path)
    assert (caught.value.line, caught.value.reason) == (
        1,
        "UTF-16 text, not UTF-8: save the file as UTF-8",
    )
