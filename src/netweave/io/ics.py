"""iCalendar meetings: each event occurrence in a date window as an interaction record."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import warnings as python_warnings
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from netweave.clock import day_of, local_moment, start_of
from netweave.io.ics_lines import EventLines
from netweave.io.ics_parts import calendar_parts
from netweave.io.records import (
    FormatError,
    InteractionRecord,
    NotHeld,
    ParticipantRef,
    folder_files,
)
from netweave.logic.normalize import clean
from netweave.logic.strength import BROADCAST_PARTICIPANTS

# Limits and choices:
# - A file is never held in memory whole: it is read from the disk a megabyte at a time,
#   once to find its components and again, a part at a time, to parse them (``ics_parts``:
#   whole UIDs, a few hundred kilobytes of text, with all of the calendar's time zones):
#   icalendar's objects take some twenty times the text, so only a part's exist at once.
#   A part's records are yielded, sorted by time, before the next part is parsed, so
#   memory holds one part's text and records, and a few numbers per event, however long
#   the file (the importer's transaction takes back what a broken event later in the file
#   stops).
# - Times: DTSTART with TZID (IANA names, Windows names such as "W. Europe Standard Time" —
#   from the file's VTIMEZONE or icalendar's own Windows-to-IANA table, which Outlook's
#   names need: no table of ours) becomes an aware UTC datetime. Floating times are taken
#   as UTC. A TZID that neither names is taken as UTC too, and reported once per file and
#   TZID (with the line of the first event read that uses it) in ``warnings``.
#   All-day events are put at 12:00 UTC of their day.
# - Window: an occurrence is read when its start date, in its own time zone, lies within
#   [window_start, window_end] (both included); this holds for single and recurring events.
#   Given ``now``, one that starts after it (an all-day event starts with its day) is not
#   held yet: it is listed in ``not_held`` (``ahead``), not read as a meeting.
# - Recurrence (RRULE, RDATE, EXDATE, RECURRENCE-ID overrides) is expanded by
#   recurring_ical_events; occurrences of a recurring event get ``ics:UID/START`` ids, the
#   START being the original (RECURRENCE-ID) start in UTC, ``YYYYMMDD`` for all-day ones.
#   An event without UID gets ``ics:nouid-`` plus a hash of its start and summary.
# - Skipped: cancelled events and instances (STATUS:CANCELLED), and those the user takes
#   no part in (PARTSTAT=DECLINED or DELEGATED, or ROLE=NON-PARTICIPANT, on a line with one
#   of ``me``); among participants, rooms, resources and groups such as mailing lists
#   (CUTYPE; UNKNOWN is taken as a person) and attendees who take no part, as the user.
#   When asked (``not_held``), the reader lists what a re-import must take back: the
#   cancelled and declined occurrences in the window and those not held yet, the instances
#   an EXDATE removes from it, and each single event or moved instance now after it.
# - ``line`` is the line of the first VEVENT with the record's UID (for a moved instance,
#   that of the recurring event); icalendar keeps no line numbers of its own. A broken
#   event is named by the line of its broken property, found in its text (``ics_lines``).

#: The events parsed at once (whole UIDs): about this many bytes of their text.
_PART_BYTES = 256 * 1024
_SKIPPED_CUTYPES = frozenset({"ROOM", "RESOURCE", "GROUP"})
#: Marks an event whose DTSTART names an unknown zone; recurring_ical_events copies the
#: event's other properties into each occurrence (it drops DTSTART's parameters).
_UNKNOWN_TZID = "X-NETWEAVE-UNKNOWN-TZID"


def read_ics(
    path: Path,
    *,
    window_start: dt.date,
    window_end: dt.date,
    me: Sequence[str] = (),
    now: dt.datetime | None = None,
    warnings: list[FormatError] | None = None,
    not_held: list[NotHeld] | None = None,
    older: dict[str, dt.date] | None = None,
    errors: list[FormatError] | None = None,
) -> Iterator[InteractionRecord]:
    """Yield a ``meeting`` for each event occurrence in a .ics file (or a folder of them).

    ``window_start`` and ``window_end`` (inclusive) bound which occurrences are read, and so
    how far recurring events are expanded; ``now``, when given, leaves out what starts after
    it: a meeting not held yet is no contact (a calendar holds plans). Participants are the
    organizer and attendees; the caller decides which of them is the user. Anything that is
    not a readable iCalendar file raises ``FormatError`` naming the file (and the event's
    line if known).

    ``me``, the user's addresses (matched case-insensitively), leaves out each event or
    occurrence the user declined: it did not take place with them. Without it, the reader
    cannot tell the user's answer from anyone else's, and only leaves that attendee out.

    The window is of the user's days (an event at 23:00 in Los Angeles is on the next day in
    Tokyo). An event whose TZID names no time zone (neither a VTIMEZONE of the file nor a
    known IANA or Windows name) is still read, its time taken as the user's; when
    ``warnings`` is given, one ``FormatError`` per file and unknown TZID is appended to it,
    so the caller can say that those times may be off.

    ``not_held``, when given, gets the events not held with the user that an earlier import
    may have taken in when they were planned (see ``NotHeld``), so that it can take them back.
    ``older``, when given, gets for each file with events that start before the window the
    day the oldest starts (a recurring event's first occurrence), so that the caller can
    say how far back the calendar goes. ``errors``, when given, gets each broken event (a
    line that cannot be read, no start), which is then passed over instead of failing its
    file.
    """
    mine = frozenset(address.strip().lower() for address in me)
    for file in folder_files(path, (".ics",)):
        found: list[NotHeld] = []
        oldest: list[dt.date] = []
        yield from _read_file(
            file, (window_start, window_end, now), mine, (warnings, errors), (found, oldest)
        )
        if not_held is not None:
            not_held.extend(found)
        if older is not None and oldest and oldest[0] < window_start:
            older[str(file)] = oldest[0]


def _read_file(
    file: Path,
    window: tuple[dt.date, dt.date, dt.datetime | None],
    me: frozenset[str],
    said: tuple[list[FormatError] | None, list[FormatError] | None],
    found: tuple[list[NotHeld], list[dt.date]],
) -> Iterator[InteractionRecord]:
    """The file's records in the ``window`` (its first and last day, and now), sorted
    within each part of the file; ``said`` gets warnings and (when it takes them, else they
    fail the file) broken events, ``found`` what was not held and the oldest day."""
    warnings, errors = said
    name = str(file)
    unknown: dict[str, int | None] = {}
    frequent: dict[str, int | None] = {}
    yield from _records(file, name, window, me, (unknown, frequent, errors), found)
    if warnings is not None:
        warnings.extend(
            FormatError(
                name,
                f"unknown time zone {tzid!r} (neither a VTIMEZONE of the file nor a known "
                "zone name): its events were read in your own time zone, so their times may be off",
                line,
            )
            for tzid, line in unknown.items()
        )
        warnings.extend(
            FormatError(
                name,
                f"the event {summary!r} repeats more than once a day: only its first "
                "occurrence was read",
                line,
            )
            for summary, line in frequent.items()
        )


def _records(
    file: Path,
    name: str,
    window: tuple[dt.date, dt.date, dt.datetime | None],
    me: frozenset[str],
    notes: tuple[dict[str, int | None], dict[str, int | None], list[FormatError] | None],
    found: tuple[list[NotHeld], list[dt.date]],
) -> Iterator[InteractionRecord]:
    """The file's records, a part at a time, each part's sorted by time; ``notes`` gets
    each unknown TZID of a record read, with the first line (in the file) of an event
    using it, each event repeating more often than daily (read once), and the broken
    events passed over (when it takes them), and ``found`` what was not held and the day
    the oldest event starts."""
    import icalendar

    for part in calendar_parts(file, name, _PART_BYTES):
        try:
            with python_warnings.catch_warnings():  # icalendar's guesses (a vendor's TZID)
                python_warnings.simplefilter("ignore")  # are not for the user's terminal
                [calendar] = icalendar.Calendar.from_ical(part.text, multiple=True)
                where = (name, part.lines, part.events)
                records = _part_records(calendar, where, window, me, notes, found)
        except FormatError:
            raise
        except Exception as exc:  # icalendar and recurring_ical_events raise many kinds
            raise FormatError(name, f"not a valid iCalendar file: {exc}") from exc
        yield from sorted(records, key=lambda r: (r.occurred_at, r.external_id))


def _part_records(
    calendar: Any,
    where: tuple[str, dict[str, int], list[EventLines]],
    window: tuple[dt.date, dt.date, dt.datetime | None],
    me: frozenset[str],
    notes: tuple[dict[str, int | None], dict[str, int | None], list[FormatError] | None],
    found: tuple[list[NotHeld], list[dt.date]],
) -> list[InteractionRecord]:
    """The records of one part of the file (see ``_records``)."""
    import recurring_ical_events  # type: ignore[import-untyped]

    name, lines, texts = where
    start, end, now = window
    not_held, oldest = found
    unknown, frequent, broken = notes
    records: list[InteractionRecord] = []
    recurring = _check_events(calendar, name, (lines, texts), (frequent, broken))
    # two days around the window: zones are up to 26 hours apart, so an occurrence's day in
    # its own zone may be two days before or after the user's (``between`` ends before its
    # end day)
    around = recurring_ical_events.of(calendar).between(
        start - dt.timedelta(2), end + dt.timedelta(3)
    )
    for event in around:
        record = _record(event, recurring, lines)
        if not start <= day_of(record.occurred_at) <= end:
            continue
        why = _not_held(event, me) or _ahead(event, record, now)
        if why is not None:
            not_held.append(_withdrawn(record, why, read=True))
            continue
        records.append(record)
        if _UNKNOWN_TZID in event:
            _note_zone(unknown, str(event[_UNKNOWN_TZID]), record.line)
    not_held.extend(_taken_out(calendar, recurring, lines, (start, end)))
    days = [_start_day(event) for event in calendar.walk("VEVENT")]
    oldest[:] = [min([*oldest, *days])] if days or oldest else []
    return records


def _start_day(event: Any) -> dt.date:
    """The user's day an event (a recurring one's first occurrence) starts."""
    return day_of(_utc(event["DTSTART"].dt))


def _withdrawn(record: InteractionRecord, why: str, *, read: bool = False) -> NotHeld:
    return NotHeld(record.external_id, why, record.occurred_at, record.line, record.summary, read)


def _taken_out(
    calendar: Any, recurring: set[str], lines: dict[str, int], window: tuple[dt.date, dt.date]
) -> Iterator[NotHeld]:
    """Occurrences no longer in the window: each single event or moved instance that now
    starts after it, and each instance of a recurring event that an EXDATE removes from it."""
    start, end = window
    for event in calendar.walk("VEVENT"):
        uid = str(event.get("UID", ""))
        if not any(key in event for key in ("RRULE", "RDATE")):
            record = _record(event, recurring, lines)
            if day_of(record.occurred_at) > end:
                yield _withdrawn(record, "later")
            continue
        summary = clean(str(event.get("SUMMARY", ""))) or None
        excluded = event.get("EXDATE", [])
        for dates in excluded if isinstance(excluded, list) else [excluded]:
            for value in dates.dts:
                when = _utc(value.dt)
                if uid and start <= day_of(when) <= end:
                    stamp = f"ics:{uid}/{_stamp(value.dt)}"
                    yield NotHeld(stamp, "cancelled", when, lines.get(uid), summary)


def _note_zone(unknown: dict[str, int | None], tzid: str, line: int | None) -> None:
    if tzid not in unknown:
        unknown[tzid] = line
    elif line is not None:
        known = unknown[tzid]
        unknown[tzid] = line if known is None else min(known, line)


def _mark_unknown_zone(event: Any) -> None:
    """Mark the event when its DTSTART has a TZID that icalendar could not resolve (the
    time then comes out floating)."""
    event.pop(_UNKNOWN_TZID, None)  # never trust the file's own copy of the marker
    start = event["DTSTART"]
    tzid = start.params.get("TZID")
    value = start.dt
    if tzid and isinstance(value, dt.datetime) and value.tzinfo is None:
        event[_UNKNOWN_TZID] = str(tzid)


#: Recurrences more frequent than daily: no one meets people every hour, and expanding one
#: over a window would make thousands of meetings (86,400 a day for FREQ=SECONDLY).
_TOO_OFTEN = frozenset({"SECONDLY", "MINUTELY", "HOURLY"})


#: Where a part's events are: the line of each UID's first event, and each of the part's
#: events with its text and first line (in the order the part holds them).
_Where = tuple[dict[str, int], list[EventLines]]


def _check_events(
    calendar: Any,
    name: str,
    where: _Where,
    notes: tuple[dict[str, int | None], list[FormatError] | None],
) -> set[str]:
    """Fail on lines icalendar could not parse; return the UIDs of recurring events. An
    event repeating more often than daily is read once (its first occurrence), and noted in
    ``frequent`` (its summary and line); a broken event goes to ``broken`` (and is passed
    over) when there is such a list."""
    frequent, broken = notes
    if calendar.name != "VCALENDAR":
        raise FormatError(name, f"not an iCalendar file (it holds a {calendar.name})")
    if calendar.errors:
        raise FormatError(name, f"broken line in the calendar: {calendar.errors[0][1]}")
    recurring: set[str] = set()
    events = list(calendar.walk("VEVENT"))
    lines, texts = where
    texts = texts if len(texts) == len(events) else []  # else each UID's first line
    for n, event in enumerate(events):
        for key in _ONCE:  # written twice by a careless tool: the first is taken
            if isinstance(value := event.get(key), list) and value:
                event[key] = value[0]
        uid = str(event.get("UID", ""))
        text = texts[n] if texts else None
        problem = _problem(event, uid, name, partial(_line_of, lines.get(uid), text))
        if problem is not None:
            if broken is None:
                raise problem
            broken.append(problem)
            _drop(calendar, event)
            continue
        rules = _rules(event)
        _mark_unknown_zone(event)
        if "DTEND" in event and _utc(event["DTEND"].dt) < _utc(event["DTSTART"].dt):
            del event["DTEND"]  # ends before it starts (a typo): read as starting, not lost
        if any(key in event for key in ("RRULE", "RDATE", "RECURRENCE-ID")):
            recurring.add(uid)
        if any(_more_than_daily(rule) for rule in rules):
            del event["RRULE"]
            frequent.setdefault(clean(str(event.get("SUMMARY", ""))) or uid, lines.get(uid))
    return recurring


def _problem(
    event: Any, uid: str, name: str, line_of: Callable[[str | None, str], int | None]
) -> FormatError | None:
    """What breaks an event, if anything, named by its line (``line_of``): a line icalendar
    could not read, no DTSTART, or a repeat rule that does not move on."""
    if event.errors:
        prop, message = event.errors[0]
        where = f"{prop} of the event {uid!r}" if prop else f"the event {uid!r}"
        return FormatError(name, f"broken line in {where}: {message}", line_of(prop, message))
    if "DTSTART" not in event:
        return FormatError(name, f"the event {uid!r} has no DTSTART", line_of("DTSTART", ""))
    if any(not _steps_forward(rule) for rule in _rules(event)):
        message = f"the event {uid!r} repeats with an INTERVAL below 1"
        return FormatError(name, message, line_of("RRULE", ""))
    return None


def _line_of(
    first: int | None, text: EventLines | None, prop: str | None, message: str
) -> int | None:
    """The line of an event's broken property (``None``: a line with no name), found in its
    ``text``; without it, ``first``, the line of its UID's first event."""
    return first if text is None else text.of_property(prop, message)


def _rules(event: Any) -> list[Any]:
    """An event's repeat rules (RRULE), as a list however many it has."""
    rules = event.get("RRULE")
    return rules if isinstance(rules, list) else [] if rules is None else [rules]


#: Properties an event has once (RFC 5545).
_ONCE = ("UID", "DTSTART", "DTEND", "DURATION", "SUMMARY", "DESCRIPTION", "LOCATION",
         "STATUS", "ORGANIZER", "RECURRENCE-ID", "CLASS", "TRANSP", "URL", "SEQUENCE")  # fmt: skip


def _steps_forward(rule: Any) -> bool:
    """Whether a repeat rule moves on (an INTERVAL of 0 would repeat one moment forever)."""
    try:
        return all(int(step) >= 1 for step in rule.get("INTERVAL", [1]))
    except (TypeError, ValueError):
        return False


def _more_than_daily(rule: Any) -> bool:
    """Whether a repeat rule meets more than once a day: hourly or more often, or at
    several hours, minutes or seconds of each day it falls on."""
    if _TOO_OFTEN & {str(f).upper() for f in rule.get("FREQ", [])}:
        return True
    times = 1
    for part in ("BYHOUR", "BYMINUTE", "BYSECOND"):
        times *= max(len(rule.get(part, [])), 1)
    return times > 1


def _drop(calendar: Any, event: Any) -> None:
    """Take a broken event out of the calendar (wherever it sits), so it is not read."""
    for component in calendar.walk():
        if event in component.subcomponents:
            component.subcomponents.remove(event)
            return


def _not_held(event: Any, me: frozenset[str]) -> str | None:
    """Why the event did not take place with the user, if it did not."""
    if str(event.get("STATUS", "")).upper() == "CANCELLED":
        return "cancelled"
    return "declined" if _declined(event, me) else None


def _ahead(event: Any, record: InteractionRecord, now: dt.datetime | None) -> str | None:
    """``ahead`` when the event starts after ``now`` (an all-day one starts with its day,
    where the user is): it has not been held yet."""
    if now is None:
        return None
    value = event["DTSTART"].dt
    begins = record.occurred_at if isinstance(value, dt.datetime) else start_of(value)
    return "ahead" if begins > now else None


def _record(event: Any, recurring: set[str], lines: dict[str, int]) -> InteractionRecord:
    start = event["DTSTART"].dt
    summary = clean(str(event.get("SUMMARY", ""))) or None
    uid = str(event.get("UID", ""))
    if not uid:
        digest = hashlib.sha1(f"{start.isoformat()}|{summary}".encode(), usedforsecurity=False)
        external_id = f"ics:nouid-{digest.hexdigest()[:16]}"
    elif uid in recurring:
        original = event["RECURRENCE-ID"].dt if "RECURRENCE-ID" in event else start
        external_id = f"ics:{uid}/{_stamp(original)}"
    else:
        external_id = f"ics:{uid}"
    participants = _participants(event)
    return InteractionRecord(
        external_id=external_id,
        occurred_at=_utc(start),
        kind=_kind(event, participants),
        direction="both",
        participants=participants,
        line=lines.get(uid),
        summary=summary,
    )


#: Properties that carry an online meeting's link (RFC 7986's CONFERENCE, Google's, Teams').
_CONFERENCE_PROPERTIES = (
    "CONFERENCE",
    "X-GOOGLE-CONFERENCE",
    "X-MICROSOFT-SKYPETEAMSMEETINGURL",
    "X-MICROSOFT-ONLINEMEETINGCONFLINK",
)
#: Where an online meeting's link points, in its location, address or description.
_VIDEO_LINK = re.compile(
    r"https?://[\w.-]*(zoom\.us|meet\.google\.com|teams\.microsoft\.com|teams\.live\.com|"
    r"webex\.com|whereby\.com|meet\.jit\.si|chime\.aws|gotomeeting\.com|bluejeans\.com|"
    r"skype\.com)/",
    re.IGNORECASE,
)


#: A location that names an online meeting rather than a place ("Microsoft Teams Meeting").
_ONLINE = re.compile(
    r"\b(zoom|teams|google meet|hangouts|webex|skype|whereby|jitsi|online|video call)\b",
    re.IGNORECASE,
)


def _kind(event: Any, participants: Sequence[ParticipantRef]) -> str:
    """What kind of meeting the event was: an ``event`` (a group: as many people invited as
    make a broadcast, whoever of them is known), a ``video`` call (an online meeting's link,
    and no place to meet: Google adds a Meet link to a coffee at a café too), else a
    ``meeting`` in person."""
    if len(participants) >= BROADCAST_PARTICIPANTS:
        return "event"
    place = clean(str(event.get("LOCATION", "")))
    if place and "://" not in place and not _ONLINE.search(place):
        return "meeting"
    if any(key in event for key in _CONFERENCE_PROPERTIES):
        return "video"
    text = " ".join(str(event.get(key, "")) for key in ("LOCATION", "URL", "DESCRIPTION"))
    return "video" if _VIDEO_LINK.search(text) else "meeting"


def _utc(value: dt.date | dt.datetime) -> dt.datetime:
    """An aware UTC datetime: floating times (no zone) and all-day events (at noon) where
    the user is, as RFC 5545 reads them."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            return local_moment(value.date(), value.time())
        return value.astimezone(dt.UTC)
    return local_moment(value, dt.time(12))


def _stamp(value: dt.date | dt.datetime) -> str:
    if not isinstance(value, dt.datetime):
        return f"{value:%Y%m%d}"
    if value.tzinfo is None or value.utcoffset() is None:  # floating: the same id in any zone
        return f"{value:%Y%m%dT%H%M%SZ}"
    return f"{value.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}"


def _entries(event: Any) -> list[Any]:
    """The organizer first, then the attendees, as written."""
    attendees = event.get("ATTENDEE", [])
    entries = [event["ORGANIZER"]] if "ORGANIZER" in event else []
    return entries + (attendees if isinstance(attendees, list) else [attendees])


def _email(entry: Any) -> str | None:
    """The address of a ``mailto:`` organizer or attendee; ``None`` for any other URI."""
    address = str(entry).strip()
    return address[7:].strip() or None if address.lower().startswith("mailto:") else None


#: Answers of someone who does not come: they declined, or sent someone else (RFC 5545).
_NOT_COMING = frozenset({"DECLINED", "DELEGATED"})


def _takes_no_part(entry: Any) -> bool:
    """Whether an organizer or attendee line is of someone not in the meeting: who declined
    or delegated it, or was invited for information only (ROLE=NON-PARTICIPANT)."""
    params = entry.params
    return (
        str(params.get("PARTSTAT", "")).upper() in _NOT_COMING
        or str(params.get("ROLE", "")).upper() == "NON-PARTICIPANT"
    )


def _declined(event: Any, me: frozenset[str]) -> bool:
    """Whether one of the user's own lines in the event says they take no part in it."""
    return bool(me) and any(
        _takes_no_part(entry) and (_email(entry) or "").lower() in me for entry in _entries(event)
    )


def _participants(event: Any) -> list[ParticipantRef]:
    """The organizer first, then the attendees, once each (by email, else by name)."""
    people: dict[str, ParticipantRef] = {}
    for entry in _entries(event):
        params = entry.params
        if str(params.get("CUTYPE", "")).upper() in _SKIPPED_CUTYPES:
            continue
        if _takes_no_part(entry):
            continue
        email = _email(entry)
        name = clean(str(params.get("CN", ""))) or None
        if name is not None and email is not None and name.lower() == email.lower():
            name = None  # Google writes the address as CN when it knows no name
        key = (email or name or "").lower()
        if not key:
            continue
        known = people.setdefault(key, ParticipantRef(name=name, email=email))
        known.name = known.name or name
    return list(people.values())
