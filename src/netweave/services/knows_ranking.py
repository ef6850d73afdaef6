"""The strongest pairs who may know each other, without weighing every pair.

Most pairs share one employer, school or event and nothing else: one piece of evidence,
which says at most :data:`ONE_GROUP`. Only pairs that two groups put together (or
conversations, or a suggestion the user kept) can say more, and there are few of them;
they are weighed first. When the last of the pairs wanted is stronger than any single
piece of evidence, no other pair can be among them; otherwise everyone is weighed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence, Set
from typing import Any

import numpy as np

from netweave.services.knows_inference import (
    SAME_EVENT,
    SCHOOL_OVERLAP,
    SCHOOL_UNKNOWN,
    WORK_OVERLAP,
    WORK_UNKNOWN,
    Evidence,
    Groups,
    Pair,
    infer,
    read_groups,
    weigh,
)

#: The most one group (an employer, a school or community, an event) says of a pair.
ONE_GROUP = max(WORK_OVERLAP, WORK_UNKNOWN, SCHOOL_OVERLAP, SCHOOL_UNKNOWN, SAME_EVENT)
#: What a suggestion the user kept says, with its context or this note.
SUGGESTED, NOTED = 0.5, "noted as a possible connection"

Ranked = list[tuple[float, Pair, list[tuple[float, str]]]]


def strongest(
    session: Any,
    count: int,
    suggested: Mapping[Pair, str | None],
    left_out: Set[Pair],
    *,
    about: int | None = None,
) -> Ranked:
    """The ``count`` strongest pairs (or ``about`` one person's), as (confidence, pair,
    evidence), strongest first: what inference finds and the ``suggested`` pairs the user
    kept (with their context), but the pairs ``left_out``."""
    if about is not None:
        return ranked(infer(session, about=about), suggested, left_out)[:count]
    groups = read_groups(session)
    few = ranked(weigh(groups, several(groups) | set(suggested)), suggested, left_out)
    if count <= len(few) and few[count - 1][0] > ONE_GROUP:
        return few[:count]
    return ranked(weigh(groups), suggested, left_out)[:count]


def ranked(found: Evidence, suggested: Mapping[Pair, str | None], left_out: Set[Pair]) -> Ranked:
    """Every pair found (and suggested), strongest first, but those ``left_out``."""
    for pair, context in suggested.items():
        evidence = found.setdefault(pair, [])
        note = context or NOTED
        if not any(same_fact(note, r) for _, r in evidence):
            evidence.append((SUGGESTED, note))  # unless inferred evidence says the same
    pairs = [
        (1 - _product(sorted(1 - c for c, _ in ev)), pair, ev)  # the same on any backend
        for pair, ev in found.items()
        if pair not in left_out
    ]
    pairs.sort(key=lambda t: (-t[0], t[1]))
    return pairs


def same_fact(note: str, reason: str) -> bool:
    """Whether a stored suggestion's ``note`` says what an inferred ``reason`` says: it
    opens the same way, or it names the same place — every capitalised word of the note
    but its first is in the reason ("work together at Tidewater Carbon" and "at Tidewater
    Carbon together (2025–now)"; "Met at a wedding" names nothing)."""
    if reason.casefold().startswith(note.casefold()):
        return True
    names = [w.strip(".,;:()") for w in note.split()[1:] if w[:1].isupper()]
    words = {w.strip(".,;:()").casefold() for w in reason.split()}
    return bool(names) and all(n.casefold() in words for n in names)


def several(groups: Groups) -> set[Pair]:
    """The pairs that may have more than one piece of evidence, or one stronger than a
    group's: in two groups (or twice in one school, over two of their spells), in a
    conversation together, or a person and their introducer."""
    members: list[Sequence[int]] = [sorted({r.person_id for r in g}) for g in groups.work]
    members += [[r.person_id for r in g] for g in groups.schools]
    members += [people for _, people in groups.events]
    keys = np.concatenate([np.zeros(0, dtype=np.int64), *_pair_keys(members)])
    found, counts = np.unique(keys, return_counts=True)
    twice = found[counts > 1]
    found_twice = {(int(k >> 32), int(k & 0xFFFFFFFF)) for k in twice}
    return found_twice | set(groups.together) | set(groups.introduced)


def _pair_keys(groups: Iterable[Sequence[int]]) -> Iterable[np.ndarray]:
    """Each group's pairs of two people, as ``low << 32 | high``."""
    for people in groups:
        ids = np.asarray(people, dtype=np.int64)
        first, second = np.triu_indices(len(ids), 1)
        low, high = np.minimum(ids[first], ids[second]), np.maximum(ids[first], ids[second])
        yield ((low << 32) | high)[low != high]


def _product(values: Any) -> float:
    out = 1.0
    for v in values:
        out *= v
    return out
