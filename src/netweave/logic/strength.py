"""Tie strength (0–100) from the interaction log, with each factor's contribution.

The factors follow Gilbert & Karahalios (CHI 2009): recency, intensity (here: depth of
contact, decayed), frequency, reciprocity, duration (from the first known contact: the day
they met, when recorded, or the first logged interaction), two-way contact and shared
context. Each factor saturates, so no single one dominates, and each only grows with a
new interaction — a conversation never weakens a tie — while recency and depth decay as
time passes without contact.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from functools import lru_cache

from netweave.clock import day_of
from netweave.logic.wording import elapsed

#: Days after which the weight of a contact (and the recency factor) halves.
HALF_LIFE_DAYS = 90.0

#: How much one interaction of each kind says about a tie: meeting in person says most.
DEPTH: dict[str, float] = {
    "coffee": 1.0,
    "meeting": 1.0,
    "call": 0.7,
    "video": 0.7,
    "message": 0.4,
    "email": 0.4,
    "event": 0.25,
    "note": 0.1,
}
#: An interaction with this many people or more is a broadcast, whatever its kind.
BROADCAST_PARTICIPANTS = 6
BROADCAST_DEPTH = 0.1

#: The most each factor can add (they sum to 100).
MAX_POINTS: dict[str, float] = {
    "recency": 15,
    "depth": 20,
    "frequency": 15,
    "two_way": 15,
    "reciprocity": 10,
    "duration": 15,
    "shared": 10,
}
#: Scales at which each saturating factor reaches about 63% of its maximum.
_SCALE = {"depth": 2.5, "frequency": 8, "two_way": 4, "reciprocity": 3, "shared": 2}
_DURATION_FULL_DAYS = 3 * 365


def depth_weight(kind: str, participants: int = 1) -> float:
    """The depth of one interaction: in person > call/video > message/email > event > broadcast."""
    weight = DEPTH.get(kind, 0.1)
    if participants >= BROADCAST_PARTICIPANTS:
        return min(weight, BROADCAST_DEPTH)
    return weight


def decay(value: float, since: dt.datetime, until: dt.datetime) -> float:
    """``value`` recorded at ``since``, decayed to ``until`` (never grows going back in time)."""
    days = (until - since).total_seconds() / 86400
    return float(value * 0.5 ** (max(days, 0.0) / HALF_LIFE_DAYS))


def add_contact(
    total: float, total_at: dt.datetime | None, weight: float, when: dt.datetime
) -> tuple[float, dt.datetime]:
    """Add one contact of ``weight`` at ``when`` to a decayed sum kept as (value, as of)."""
    if total_at is None:
        return weight, when
    if when >= total_at:
        return decay(total, total_at, when) + weight, when
    return total + decay(weight, when, total_at), total_at


@dataclass(frozen=True)
class TieFacts:
    """What the log says about one relationship, as plain values."""

    interactions: int = 0
    two_way: int = 0
    depth_sum: float = 0.0
    depth_at: dt.datetime | None = None
    first_contact: dt.date | None = None
    last_contact: dt.date | None = None
    gives: int = 0
    receipts: int = 0
    shared: int = 0
    #: The day they met, as the user recorded it (``Person.met_on``): known before the log.
    met_on: dt.date | None = None


def known_since(first_contact: dt.date | None, met_on: dt.date | None) -> dt.date | None:
    """The first known contact: the earlier of the day they met and the first logged
    interaction (either may be unknown)."""
    if met_on is None or (first_contact is not None and first_contact <= met_on):
        return first_contact
    return met_on


def _saturate(points: float, amount: float, scale: float) -> float:
    return points * (1 - math.exp(-max(amount, 0.0) / scale))


def factors(facts: TieFacts, now: dt.datetime) -> dict[str, float]:
    """Each factor's contribution in points (rounded to one decimal)."""
    out = dict.fromkeys(MAX_POINTS, 0.0)
    if facts.last_contact is not None:
        days = max((day_of(now) - facts.last_contact).days, 0)
        out["recency"] = MAX_POINTS["recency"] * 0.5 ** (days / HALF_LIFE_DAYS)
    if facts.depth_at is not None:
        depth = decay(facts.depth_sum, facts.depth_at, now)
        out["depth"] = _saturate(MAX_POINTS["depth"], depth, _SCALE["depth"])
    out["frequency"] = _saturate(MAX_POINTS["frequency"], facts.interactions, _SCALE["frequency"])
    out["two_way"] = _saturate(MAX_POINTS["two_way"], facts.two_way, _SCALE["two_way"])
    exchanged = facts.gives + facts.receipts
    out["reciprocity"] = _saturate(MAX_POINTS["reciprocity"], exchanged, _SCALE["reciprocity"])
    first = known_since(facts.first_contact, facts.met_on)
    if first is not None and facts.last_contact is not None:
        # from the first known contact to the last logged one: nothing logged, nothing spanned
        span = max((facts.last_contact - first).days, 0)
        out["duration"] = MAX_POINTS["duration"] * min(1.0, span / _DURATION_FULL_DAYS)
    out["shared"] = _saturate(MAX_POINTS["shared"], facts.shared, _SCALE["shared"])
    return {name: round(value, 1) for name, value in out.items()}


def strength(facts: TieFacts, now: dt.datetime) -> int:
    """Tie strength from 0 to 100."""
    return total(factors(facts, now))


def total(factors_: dict[str, float]) -> int:
    """The strength that a set of factor contributions adds up to."""
    return min(100, round(sum(factors_.values())))


_DEPTH, _DEPTH_SCALE = MAX_POINTS["depth"], _SCALE["depth"]


# Each factor but depth, rounded as ``factors`` has it, is a function of a whole number
# (a count, or days): worked out once for each number met, and looked up after that.
@lru_cache(maxsize=4096)
def _recency(days: int) -> float:
    points: float = MAX_POINTS["recency"] * 0.5 ** (days / HALF_LIFE_DAYS)
    return round(points, 1)


@lru_cache(maxsize=4096)
def _duration(span: int) -> float:
    return round(MAX_POINTS["duration"] * min(1.0, span / _DURATION_FULL_DAYS), 1)


@lru_cache(maxsize=4096)
def _saturated(name: str, amount: int) -> float:
    return round(_saturate(MAX_POINTS[name], amount, _SCALE[name]), 1)


def strength_from(
    interactions: int,
    two_way: int,
    depth_sum: float,
    depth_at: dt.datetime | None,
    first_contact: dt.date | None,
    last_contact: dt.date | None,
    gives: int,
    receipts: int,
    shared: int,
    met_on: dt.date | None,
    now: dt.datetime,
    today: dt.date,
) -> int:
    """``strength`` of the facts given one by one (``today`` is ``day_of(now)``), for lists
    that rank many people: each factor as ``factors`` has it, added in the same order, so
    the very same number, without building the facts and the factors for each."""
    recency = depth = duration = 0.0
    if last_contact is not None:
        recency = _recency(max((today - last_contact).days, 0))
        first = known_since(first_contact, met_on)
        if first is not None:
            duration = _duration(max((last_contact - first).days, 0))
    if depth_at is not None:
        decayed = decay(depth_sum, depth_at, now)
        depth = round(_saturate(_DEPTH, decayed, _DEPTH_SCALE), 1)
    points = (
        recency
        + depth
        + _saturated("frequency", interactions)
        + _saturated("two_way", two_way)
        + _saturated("reciprocity", gives + receipts)
        + duration
        + _saturated("shared", shared)
    )
    return min(100, round(points))


#: A factor is named as what a tie is built on when it carries at least this share of the
#: strength or of the most it can add itself (the largest factor is always named).
MAIN_SHARE = 0.25
#: A factor below this share of its maximum is named as still thin.
THIN_SHARE = 0.15
_WORDS = {
    "recency": "recent contact",
    "depth": "depth of contact",
    "frequency": "frequent contact",
    # conversations they wrote or took part in (``in`` or ``both``): one message of theirs
    # left unanswered counts, so "both sides" would say what did not happen
    "two_way": "contact from their side",
    "reciprocity": "help exchanged",
    "duration": "contact over a long time",
    "shared": "shared interests",
}
#: How a factor is named when it is thin, where its name above would say the opposite.
_THIN = {"duration": "time in contact"}


def explain(
    factors_: dict[str, float], pinned: int | None = None, computed: int | None = None
) -> str:
    """One sentence saying what the strength rests on.

    Only factors that carry a real share are named (``MAIN_SHARE``): one email's frequency
    points are not what a tie is built on. With no conversation logged, it says so. A
    pinned strength is the user's, with what the log alone would give (``computed``).
    """
    if pinned is not None:
        said = f"You set this tie's strength to {pinned}"
        if computed is None or computed == pinned:
            return said + "."
        return f"{said}; from the log alone it would be {computed}."
    ranked = sorted(((v, k) for k, v in factors_.items() if v >= 1), reverse=True)
    if not factors_.get("frequency") or not ranked:  # no interaction logged
        known = [_WORDS[k] for k in ("reciprocity", "shared") if factors_.get(k)]
        if not known:
            return "No conversations logged yet, so there is nothing to measure."
        return f"No conversations logged yet; so far only {_join(known)}."
    whole = sum(factors_.values())
    top = [
        k
        for n, (v, k) in enumerate(ranked)
        if n == 0 or v >= MAIN_SHARE * whole or v >= MAIN_SHARE * MAX_POINTS[k]
    ][:3]
    # the thinnest of the other factors, by their share of what each can add
    rest = sorted((factors_[k] / MAX_POINTS[k], k) for k in factors_ if k not in top)
    weak = [_THIN.get(k, _WORDS[k]) for share, k in rest if share < THIN_SHARE][:2]
    text = "Built mostly on " + _join([_built_on(k, factors_[k]) for k in top])
    return text + (f"; still thin: {_join(weak)}." if weak else ".")


def _built_on(name: str, points: float) -> str:
    """What a factor a tie is built on says, by how much of it there is: a tie silent for
    months is not built on "recent contact", nor two conversations on "frequent contact"
    (the count and the time are read back from the points)."""
    if points >= MAX_POINTS[name] / 2 or name not in ("recency", "frequency", "duration"):
        return _WORDS[name]
    share = points / MAX_POINTS[name]
    if name == "recency":  # points = max × 0.5 ** (days / half-life)
        ago = round(HALF_LIFE_DAYS * math.log2(1 / share))
        return f"a contact about {elapsed(ago)} ago"  # as the agenda says it
    if name == "frequency":  # points = max × (1 − e^(−n / scale))
        n = round(-_SCALE["frequency"] * math.log(1 - share))
        return "one conversation" if n <= 1 else f"{n} conversations"
    months = round(share * _DURATION_FULL_DAYS / 30.4)  # points = max × span / full span
    # from the first known contact (the day they met, or the first logged one) to the last
    return "contact over a month" if months <= 1 else f"contact over {months} months"


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


#: Factors that grow with a count in the aggregates, saturating (those of ``_SCALE``).
SATURATING = tuple(_SCALE)


def saturating_steps(name: str) -> list[tuple[float, float]]:
    """The steps ``(amount, points)`` of an upper bound on a saturating factor, a point
    apart: an amount below ``amount`` adds less than ``points`` (checked in order); from
    the last amount on, the factor adds at most its ``MAX_POINTS``. (For depth, the amount
    is the sum before decay, which only lowers it.)"""
    top, scale = MAX_POINTS[name], _SCALE[name]
    return [(-scale * math.log(1 - k / top), float(k)) for k in range(1, int(top))]


def recency_steps() -> list[tuple[int, float]]:
    """The steps ``(days, points)`` of an upper bound on recency, a point apart: a last
    contact at least ``days`` days ago adds at most ``points`` (checked from the longest
    ago on); a more recent one adds at most ``MAX_POINTS["recency"]``."""
    top = MAX_POINTS["recency"]
    return [(math.ceil(HALF_LIFE_DAYS * math.log2(top / k)), float(k)) for k in range(1, int(top))]


def needed_points(value: int) -> float:
    """What the factors' upper bounds must add up to, at least, for a strength of ``value``
    (each factor is rounded to a tenth, and their sum to a whole number)."""
    return value - 0.5 - 0.05 * len(MAX_POINTS) - 0.1
