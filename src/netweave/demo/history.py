"""The contact history with each person: bursty interactions over time, and exchanges."""

from __future__ import annotations

import datetime as dt
import random

from netweave.demo import data
from netweave.demo.state import HISTORY_DAYS, Event, Net, Person, Weighted, delta

_KINDS_NEAR = Weighted(data.KINDS_NEAR)
_KINDS_FAR = Weighted(data.KINDS_FAR)
_EX_DIRECTIONS = Weighted(data.EXCHANGE_DIRECTIONS)
_EX_KINDS = Weighted(data.EXCHANGE_KINDS)
_LATENESS = Weighted([((low, high), weight) for weight, low, high in data.LATENESS])


def add_history(net: Net, p: Person) -> None:
    """Bursty contact over the history up to a last contact that mostly keeps to the cadence."""
    rng = net.rng
    assert p.met_on is not None
    window = net.ago(HISTORY_DAYS)
    end = _last_contact(net, p)
    start = min(max(window, p.met_on), end)
    activity = rng.lognormvariate(-0.125, 0.5)  # mean 1: some people are simply chattier
    count = round(data.BASE_COUNT[p.circle] * activity * (end - start).days / HISTORY_DAYS)
    if p.met_on >= window:
        _first_contact(net, p)
    days = _burst_days(rng, start, end, count)
    if p.cadence is not None and end > p.met_on:
        days.append(end)  # the latest contact, on the planned day
    for when, kind in sorted(_moments(net, p, days)):
        template, direction = rng.choice(data.SUMMARIES[kind])
        summary = template.format(given=p.given, topic=rng.choice(data.TOPICS), city=p.town)
        iid = add_interaction(net, _with(net, p), when, kind, direction, summary)
        if kind != "note" and rng.random() < 0.08:
            _exchange(net, p.id, iid, when.date())
    if p.event is None and rng.random() < 0.04:
        _chance_meeting(net, p, rng.choice(net.events), start, end)


def _last_contact(net: Net, p: Person) -> dt.date:
    """The day of the latest contact: within the cadence for most, overdue for some.

    Dormant ties stopped long ago; people without a cadence are simply in touch up to today.
    """
    rng = net.rng
    assert p.met_on is not None
    if p.circle == "dormant":
        return net.ago(rng.randint(400, 650))
    if p.cadence is None:
        return net.today
    if rng.random() < data.IN_TOUCH[p.circle]:
        age = rng.randrange(p.cadence)
    else:
        low, high = _LATENESS.pick(rng)
        age = p.cadence + round(p.cadence * rng.uniform(low, high))
    return max(net.ago(age), p.met_on)


def _chance_meeting(net: Net, p: Person, event: Event, start: dt.date, end: dt.date) -> None:
    """Running into someone at an event (if it took place while in touch with them)."""
    if start <= event.date <= end:
        net.out.add("event_attendee", event_id=event.id, person_id=p.id)
        event.attendees.append(p.id)
        when = moment(net, event.date, "event")
        summary = f"Ran into {p.given} at {event.name}"
        add_interaction(net, [p.id], when, "event", "both", summary, event.id)


def _first_contact(net: Net, p: Person) -> None:
    """The meeting itself, on ``met_on``: at an event, or a first conversation."""
    assert p.met_on is not None
    if p.event is not None:
        net.out.add("event_attendee", event_id=p.event.id, person_id=p.id)
        when = moment(net, p.met_on, "event", weekdays=False)
        summary = f"Met {p.given} at {p.event.name}"
        add_interaction(net, [p.id], when, "event", "both", summary, p.event.id)
        return
    kind = net.rng.choice(("coffee", "video", "call", "meeting"))
    when = moment(net, p.met_on, kind, weekdays=False)
    summary = f"First conversation with {p.given}: {net.rng.choice(data.TOPICS)}"
    add_interaction(net, [p.id], when, kind, "both", summary)


def _burst_days(rng: random.Random, start: dt.date, end: dt.date, count: int) -> list[dt.date]:
    """``count`` days in [start, end], in bursts of a few contacts close together."""
    span = (end - start).days
    days: list[dt.date] = []
    while len(days) < count:
        size = min(count - len(days), 1 + min(int(rng.expovariate(0.7)), 5))
        offset = rng.randint(0, span)
        for _ in range(size):
            days.append(start + delta(min(offset, span)))
            offset += rng.randint(0, 6)
    return days


def _moments(net: Net, p: Person, days: list[dt.date]) -> list[tuple[dt.datetime, str]]:
    """A kind and a time for each day; people far away are seen in person less often."""
    rng = net.rng
    kinds = _KINDS_NEAR if p.circle in ("inner", "close") else _KINDS_FAR
    local = p.city in data.LOCAL_CITIES
    moments = []
    for day in days:
        kind = kinds.pick(rng)
        if not local and kind in ("coffee", "meeting") and rng.random() < 0.8:
            kind = "video"
        moments.append((moment(net, day, kind), kind))
    return moments


def moment(net: Net, day: dt.date, kind: str, *, weekdays: bool = True) -> dt.datetime:
    """A plausible UTC time on ``day``: work contact mostly off weekends, today only mornings."""
    rng = net.rng
    if weekdays and day.weekday() >= 5 and kind not in ("message", "event") and rng.random() < 0.8:
        day -= delta(day.weekday() - 4)
    low, high = data.HOURS[kind]
    hour = rng.randint(low, high)
    if day == net.today:
        hour = min(hour, 9)
    minute = rng.randrange(60) if kind in ("email", "message", "note") else 15 * rng.randrange(4)
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=dt.UTC)


def _with(net: Net, p: Person) -> list[int]:
    """The participants: the person, now and then joined by a colleague of theirs."""
    if p.org is not None and p.org.members and net.rng.random() < 0.04:
        other = net.rng.choice(p.org.members)
        if other not in net.dormant:
            return [p.id, other]
    return [p.id]


def add_interaction(
    net: Net,
    who: list[int],
    when: dt.datetime,
    kind: str,
    direction: str,
    summary: str,
    event_id: int | None = None,
) -> int:
    out = net.out
    iid = out.add(
        "interaction",
        occurred_at=when,
        kind=kind,
        direction=direction,
        summary=summary,
        source="manual",
        event_id=event_id,
    )
    for pid in who:
        out.add("interaction_participant", interaction_id=iid, person_id=pid, occurred_at=when)
    return iid


def _exchange(net: Net, pid: int, iid: int, day: dt.date) -> None:
    """Something given, received or asked for in an interaction; recent asks are still open."""
    rng = net.rng
    direction, kind = _EX_DIRECTIONS.pick(rng), _EX_KINDS.pick(rng)
    status, roll = "fulfilled", rng.random()
    if direction == "asked" and ((net.today - day).days < 30 or roll < 0.15):
        status = "open"
    elif direction == "asked" and roll < 0.3:
        status = "declined"
    note = rng.choice(data.EXCHANGE_NOTES[kind])
    net.out.add(
        "exchange",
        person_id=pid,
        interaction_id=iid,
        direction=direction,
        kind=kind,
        status=status,
        occurred_on=day,
        note=note,
        # a settled ask was answered, or turned down, about ten days on
        settled_on=min(day + dt.timedelta(days=10), net.today)
        if direction == "asked" and status != "open"
        else None,
    )
