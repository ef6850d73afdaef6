"""iCalendar reader at its edges: a byte-order mark, a calendar never found, who took part,
meetings not held yet, and the line a broken property is on."""

from __future__ import annotations

import codecs
import datetime as dt
from pathlib import Path

import pytest

from netweave.io.ics import read_ics
from netweave.io.records import FormatError, InteractionRecord, NotHeld

START, END = dt.date(2026, 5, 1), dt.date(2026, 7, 31)
ME = "maja@gridco.example"
ADA = "ATTENDEE;CN=Ada Lovelace;PARTSTAT=ACCEPTED:mailto:ada@example.com"


def calendar(*events: str) -> str:
    body = "".join(f"BEGIN:VEVENT\r\n{e.strip()}\r\nEND:VEVENT\r\n" for e in events)
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n{body}END:VCALENDAR\r\n"


def write(tmp_path: Path, text: str, name: str = "cal.ics", *, bom: bool = False) -> Path:
    path = tmp_path / name
    data = text.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8")
    path.write_bytes(codecs.BOM_UTF8 + data if bom else data)
    return path


def read(path: Path, **options: object) -> list[InteractionRecord]:
    return list(read_ics(path, window_start=START, window_end=END, **options))  # type: ignore[arg-type]


COFFEE = f"UID:coffee\nDTSTART:20260610T090000Z\nSUMMARY:Coffee with Ada\n{ADA}"


# -- a byte-order mark, and a calendar that is never found ---------------------------------


def test_a_file_that_starts_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = write(tmp_path, calendar(COFFEE), bom=True)
    [coffee] = read(path)
    assert (coffee.external_id, coffee.summary, coffee.line) == ("ics:coffee", "Coffee with Ada", 4)


@pytest.mark.parametrize(
    "text",
    [
        # a calendar line that is not one: BEGIN:VCALENDAR with more on its line
        "BEGIN:VCALENDAR;X=1\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\n"
        "DTSTART:20260610T090000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        # line breaks of an old Mac (CR alone): one long line
        "BEGIN:VCALENDAR\rVERSION:2.0\rBEGIN:VEVENT\rUID:a\rDTSTART:20260610T090000Z\r"
        "END:VEVENT\rEND:VCALENDAR\r",
    ],
    ids=["more-on-the-line", "cr-line-breaks"],
)
def test_a_file_in_which_no_calendar_is_found_is_an_error_naming_it(
    tmp_path: Path, text: str
) -> None:
    path = tmp_path / "cal.ics"
    path.write_bytes(text.encode("utf-8"))
    with pytest.raises(FormatError, match="no BEGIN:VCALENDAR line") as caught:
        read(path)
    assert caught.value.file == str(path)


# -- meetings not held yet -----------------------------------------------------------------

NOW = dt.datetime(2026, 6, 15, 6, 30, tzinfo=dt.UTC)


def test_nothing_that_starts_after_now_is_read_as_held(tmp_path: Path) -> None:
    """Now is 06:30 on June 15: the breakfast at 06:00 was held, the dinner at 21:00 and
    the lunch next week were not yet; an all-day event of today has begun with its day."""
    path = write(
        tmp_path,
        calendar(
            f"UID:breakfast\nDTSTART:20260615T060000Z\nSUMMARY:Breakfast\n{ADA}",
            f"UID:dinner\nDTSTART:20260615T210000Z\nSUMMARY:Dinner\n{ADA}",
            f"UID:lunch\nDTSTART:20260622T120000Z\nSUMMARY:Lunch\n{ADA}",
            f"UID:fair\nDTSTART;VALUE=DATE:20260615\nSUMMARY:Job fair\n{ADA}",
            f"UID:daily\nDTSTART:20260614T080000Z\nRRULE:FREQ=DAILY;COUNT=3\nSUMMARY:Daily\n{ADA}",
        ),
    )
    not_held: list[NotHeld] = []
    records = read(path, now=NOW, not_held=not_held)
    assert [r.external_id for r in records] == [
        "ics:daily/20260614T080000Z",
        "ics:breakfast",
        "ics:fair",
    ]
    assert sorted((n.external_id, n.why) for n in not_held) == [
        ("ics:daily/20260615T080000Z", "ahead"),
        ("ics:daily/20260616T080000Z", "ahead"),
        ("ics:dinner", "ahead"),
        ("ics:lunch", "ahead"),
    ]


# -- who took part -------------------------------------------------------------------------


def test_attendees_who_delegated_or_take_no_part_did_not_meet_the_user(tmp_path: Path) -> None:
    grace = "mailto:grace@navy.example"
    path = write(
        tmp_path,
        calendar(
            f"UID:o2\nDTSTART:20260602T100000Z\nORGANIZER:mailto:{ME}\n"
            f"ATTENDEE;ROLE=NON-PARTICIPANT;PARTSTAT=ACCEPTED:{grace}\n{ADA}",
            f"UID:o3\nDTSTART:20260603T100000Z\nORGANIZER:mailto:{ME}\n"
            f'ATTENDEE;PARTSTAT=DELEGATED;DELEGATED-TO="mailto:li@example.cn":{grace}\n'
            'ATTENDEE;PARTSTAT=ACCEPTED;DELEGATED-FROM="mailto:grace@navy.example":'
            "mailto:li@example.cn",
        ),
    )
    with_her, delegated = read(path, me=[ME])
    assert [p.email for p in with_her.participants] == [ME, "ada@example.com"]
    assert [p.email for p in delegated.participants] == [ME, "li@example.cn"]


@pytest.mark.parametrize(
    "mine",
    [
        f'ATTENDEE;PARTSTAT=DELEGATED;DELEGATED-TO="mailto:li@example.cn":mailto:{ME}',
        f"ATTENDEE;ROLE=NON-PARTICIPANT:mailto:{ME}",
    ],
    ids=["delegated", "non-participant"],
)
def test_a_meeting_the_user_delegated_or_takes_no_part_in_is_not_held_with_them(
    tmp_path: Path, mine: str
) -> None:
    path = write(tmp_path, calendar(f"{COFFEE}\n{mine}"))
    not_held: list[NotHeld] = []
    assert read(path, me=[ME], not_held=not_held) == []
    assert [(n.external_id, n.why) for n in not_held] == [("ics:coffee", "declined")]


# -- the line a broken property is on ------------------------------------------------------


@pytest.mark.parametrize(
    ("event", "line", "message"),
    [
        # lines: 8 BEGIN:VEVENT, 9 UID, 10 SUMMARY, 11 DTSTART, 12 the next
        ("UID:x\nSUMMARY:Tea\nDTSTART:20261313T100000Z", 11, "DTSTART"),
        ("UID:x\nSUMMARY:Tea\nDTSTART:20261118T1000", 11, "DTSTART"),
        ("UID:x\nSUMMARY:Tea\nDTSTART:20260610T100000Z\nthis line is broken", 12, "broken line"),
        ("UID:x\nSUMMARY:Tea\nDTSTART:20260610T100000Z\nRRULE:FREQ=SOMETIMES", 12, "RRULE"),
        # folded over two lines: the line it starts on
        ("UID:x\nSUMMARY:Tea\nDTSTART:20260610T1000\n 00Z\nDTEND:2026XX10T1100\n 00Z", 13, "DTEND"),
        ("UID:x\nSUMMARY:no start", 8, "no DTSTART"),  # no line to name: the event's
    ],
)
def test_a_broken_event_names_the_line_of_its_broken_property(
    tmp_path: Path, event: str, line: int, message: str
) -> None:
    path = write(tmp_path, calendar("UID:fine\nDTSTART:20260601T100000Z", event))
    with pytest.raises(FormatError, match=message) as caught:
        read(path)
    assert (caught.value.file, caught.value.line) == (str(path), line)
    skipped: list[FormatError] = []
    read(path, errors=skipped)
    assert [e.line for e in skipped] == [line]


def test_a_broken_moved_instance_names_its_own_line(tmp_path: Path) -> None:
    """The recurring event is fine; its moved instance (same UID, lines 9–13) is not: its
    DTSTART, on line 12, is cut short."""
    path = write(
        tmp_path,
        calendar(
            "UID:weekly\nDTSTART:20260601T100000Z\nRRULE:FREQ=WEEKLY;COUNT=4",
            "UID:weekly\nRECURRENCE-ID:20260608T100000Z\nDTSTART:20260609T1000",
        ),
    )
    with pytest.raises(FormatError, match="DTSTART") as caught:
        read(path)
    assert caught.value.line == 12


# -- what was read and not held ------------------------------------------------------------


def test_what_was_not_held_says_whether_it_was_read_in_the_window(tmp_path: Path) -> None:
    """Cancelled, declined and not yet held occurrences were read (the import counts them);
    an instance an EXDATE removes and an event after the window were not."""
    path = write(
        tmp_path,
        calendar(
            f"UID:weekly\nDTSTART:20260601T100000Z\nRRULE:FREQ=WEEKLY;COUNT=2\n"
            f"EXDATE:20260608T100000Z\n{ADA}",
            f"UID:cancelled\nDTSTART:20260602T100000Z\nSTATUS:CANCELLED\n{ADA}",
            f"UID:declined\nDTSTART:20260603T100000Z\n{ADA}\nATTENDEE;PARTSTAT=DECLINED:mailto:{ME}",
            f"UID:dinner\nDTSTART:20260615T210000Z\n{ADA}",
            f"UID:autumn\nDTSTART:20261001T100000Z\n{ADA}",
        ),
    )
    not_held: list[NotHeld] = []
    read(path, me=[ME], now=NOW, not_held=not_held)
    assert sorted((n.external_id, n.why, n.read) for n in not_held) == [
        ("ics:autumn", "later", False),
        ("ics:cancelled", "cancelled", True),
        ("ics:declined", "declined", True),
        ("ics:dinner", "ahead", True),
        ("ics:weekly/20260608T100000Z", "cancelled", False),
    ]
