"""The state of one demo build: weighted choices, the generated entities, the network so far."""

from __future__ import annotations

import datetime as dt
import random
from bisect import bisect
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Generic, TypeVar

from netweave.demo import data, names
from netweave.demo.writer import Writer
from netweave.logic.normalize import fold

#: How far back the interaction history goes (about two and a half years).
HISTORY_DAYS = 900

Circle = str | None
Job = tuple["Org", dt.date, dt.date | None]
T = TypeVar("T")


class Weighted(Generic[T]):
    """A weighted choice in O(log n) per pick that uses only the ``Random`` it is given."""

    def __init__(self, items: Sequence[tuple[T, float]]) -> None:
        self.items = [item for item, _ in items]
        self.cum = list(accumulate(weight for _, weight in items))

    def pick(self, rng: random.Random) -> T:
        return self.items[bisect(self.cum, rng.random() * self.cum[-1])]


CITIES = Weighted(names.CITIES)
_LETTERS = str.maketrans({"ł": "l", "đ": "d", "ø": "o", "æ": "ae", "ı": "i", "œ": "oe"})


def to_ascii(value: str) -> str:
    """Lower-case ASCII letters and digits only, for e-mail addresses and profile slugs."""
    return "".join(c for c in fold(value).translate(_LETTERS) if c.isascii() and c.isalnum())


def delta(n: int) -> dt.timedelta:
    """A span of ``n`` days."""
    return dt.timedelta(days=n)


@dataclass(slots=True)
class Org:
    id: int
    name: str
    sector: data.Sector
    domain: str
    members: list[int] = field(default_factory=list)  # current employees, in id order


@dataclass(slots=True)
class Community:
    id: int
    name: str
    kind: str
    role: str
    members: list[int] = field(default_factory=list)


@dataclass(slots=True)
class Event:
    id: int
    name: str
    date: dt.date
    attendees: list[int] = field(default_factory=list)


@dataclass(slots=True)
class Person:
    """What the generator decides about one person before writing their rows."""

    id: int
    circle: Circle
    mode: str  # how the user met them: colleague, classmate, event, intro, online, friend
    given: str
    family: str
    display: str
    ascii_name: tuple[str, str]
    city: str
    pronouns: str
    org: Org | None = None
    title: str | None = None
    headline: str = "Open to new roles"
    workplace: str | None = None
    school: Community | None = None
    event: Event | None = None
    introducer: int | None = None
    met_on: dt.date | None = None
    cadence: int | None = None  # days between check-ins: their own, else their circle's

    @property
    def town(self) -> str:
        """The city without its region (``"Oakland"``)."""
        return self.city.split(",")[0]


@dataclass
class Net:
    """One build: the random source, today, the writer, and what was generated so far."""

    rng: random.Random
    today: dt.date
    out: Writer
    #: A random source of its own for choices added later (needs and offers, a title
    #: another person holds already), so that the rest of the demo stays as it was.
    side: random.Random = field(default_factory=lambda: random.Random(0))
    #: How often each need or offer text was given so far, and to whom.
    texts_used: Counter[str] = field(default_factory=Counter)
    profiled: set[int] = field(default_factory=set)
    #: The titles one person holds, by organization, that are taken (``roles.SINGLE_TITLES``).
    single_titles: set[tuple[int, str]] = field(default_factory=set)
    orgs: list[Org] = field(default_factory=list)
    hiring: Weighted[Org] | None = None
    communities: list[Community] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    tags: dict[str, int] = field(default_factory=dict)
    me: int = 0
    given: dict[int, str] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)
    met: dict[int, dt.date] = field(default_factory=dict)
    by_circle: dict[Circle, list[int]] = field(default_factory=dict)
    dormant: set[int] = field(default_factory=set)
    emails: dict[str, int] = field(default_factory=dict)
    slugs: set[str] = field(default_factory=set)
    pairs: set[tuple[int, int]] = field(default_factory=set)
    phones: int = 0

    def ago(self, days: int) -> dt.date:
        """The date ``days`` before today."""
        return self.today - delta(days)
