"""The LAMP list (Dalton, The 2-Hour Job Search): rank target employers, work the top five.

A = advocacy (someone in the network who could speak for the user there), M = motivation
0–3, P = posting 1–3. Targets are sorted by the keys in the user's order (motivation, then
posting, then advocacy by default), highest first, ties broken by name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from netweave.logic.wording import count

LAMP_KEYS = ("motivation", "posting", "advocacy")
DEFAULT_ORDER = ("motivation", "posting", "advocacy")
#: The scores a user gives a target: motivation 0 (none yet) to 3, posting 1 (no relevant
#: opening) to 3.
MOTIVATION_RANGE = (0, 3)
POSTING_RANGE = (1, 3)
#: Dalton's rule: work only this many employers at a time.
WORK_NOW = 5
#: Dalton's list: at least this many target employers.
LIST_SIZE = 40


def short_list(targets: int) -> str | None:
    """What the list's length says when it is shorter than Dalton's (the command line and
    the Targets page say the same): ``None`` for a list long enough, or an empty one."""
    if not 0 < targets < LIST_SIZE:
        return None
    return (
        f"{count(targets, 'target')}; Dalton suggests a list of at least {LIST_SIZE}, worked "
        "five at a time."  # WORK_NOW
    )


@dataclass(frozen=True)
class Advocate:
    """Someone who could help at an employer: there now, or an alumnus of the user's circles."""

    person_id: int
    name: str
    strength: int
    why: str  # "works there now" / "shares Stanford with you; works there now"
    alumnus: bool = False


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


#: Added when an advocate also shares one of the user's schools or communities.
ALUMNI_BONUS = 10
#: What A means, as ``targets`` and the Targets page define it: the rule of ``advocacy``.
ADVOCACY_MEANING = (
    "your strongest tie there, 0–100 (at least 1 when anyone you know works there, "
    f"however weak the tie), +{ALUMNI_BONUS} when one of them shares a school or community "
    "with you"
)


def advocacy(advocates: Sequence[Advocate]) -> int:
    """The advocacy score, 0–100: the user's strongest tie there (at least 1 when anyone is
    there), plus a bonus when one of them is an alumnus of the user's school or community.

    The strongest tie, not a sum: one good advocate opens a door, many weak ones at a large
    employer do not.
    """
    if not advocates:
        return 0
    best = max(max(a.strength, 1) for a in advocates)
    bonus = ALUMNI_BONUS if any(a.alumnus for a in advocates) else 0
    return min(100, best + bonus)


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
