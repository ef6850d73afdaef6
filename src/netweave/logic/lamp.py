"""The LAMP list (Dalton, The 2-Hour Job Search): rank target employers, work the top five.

A = advocacy (someone in the network who could speak for the user there), M = motivation
0–3, P = posting 1–3. Targets are sorted by the keys in the user's order (motivation, then
posting, then advocacy by default), highest first, ties broken by name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

LAMP_KEYS = ("motivation", "posting", "advocacy")
DEFAULT_ORDER = ("motivation", "posting", "advocacy")
#: Dalton's rule: work only this many employers at a time.
WORK_NOW = 5


@dataclass(frozen=True)
class Advocate:
    """Someone who could help at an employer: there now, or an alumnus of the user's circles."""

    person_id: int
    name: str
    strength: int
    why: str  # "works there now" / "alumnus of Stanford, works there now"


@dataclass(frozen=True)
class TargetFacts:
    """One target employer as plain values."""

    org: str
    motivation: int
    posting: int
    advocates: tuple[Advocate, ...] = ()


def parse_order(text: str) -> tuple[str, ...]:
    """``"posting,motivation"`` → all three keys in that order (missing ones appended)."""
    keys = [k.strip().lower() for k in text.replace(" ", ",").split(",") if k.strip()]
    for key in keys:
        if key not in LAMP_KEYS:
            raise ValueError(f"unknown LAMP key {key!r}; use {', '.join(LAMP_KEYS)}")
    if len(set(keys)) != len(keys):
        raise ValueError("each LAMP key may appear once")
    return (*keys, *(k for k in DEFAULT_ORDER if k not in keys))


def advocacy(advocates: Sequence[Advocate]) -> int:
    """The advocacy score: the sum of the advocates' tie strengths (0 when nobody is there)."""
    return sum(max(a.strength, 1) for a in advocates)


def rank(targets: Sequence[TargetFacts], order: Sequence[str] = DEFAULT_ORDER) -> list[int]:
    """Indexes of ``targets``, best first, by the keys in ``order`` (each highest first)."""

    def key(i: int) -> tuple[object, ...]:
        t = targets[i]
        values = {
            "motivation": t.motivation,
            "posting": t.posting,
            "advocacy": advocacy(t.advocates),
        }
        return (*(-values[k] for k in order), t.org.lower(), i)

    return sorted(range(len(targets)), key=key)
