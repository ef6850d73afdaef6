"""Duplicate people proposed for a merge: similar names, more so at the same organization.

People are compared within blocks (those whose first or last name starts with the same
four letters), each block's names scored against each other by rapidfuzz in one call
(``process.cdist``, in chunks of rows so that memory stays bounded), and only the pairs
scoring above the lowest bar are looked at in Python. Three kinds of pair are proposed
whatever their score: a one-word name with the one person of that first name, a name with
the same name written with a middle name, and a name with an initial for the last ("Mira
H.", as mail shows it) with the one full name it can be; all share their first word, so
they are looked up by it rather than scored. Only the best ``limit`` pairs are kept as they come:
memory grows with the largest block (a chunk of its rows against all of it), not with the
pairs that look alike.
"""

from __future__ import annotations

import heapq
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import select

from netweave.logic.normalize import fold
from netweave.services.context import Context
from netweave.store.models import DismissedPair, Organization, Person, Position

#: Name similarity (rapidfuzz token-sort ratio) from which two people are proposed.
NAME_THRESHOLD = 88
#: A lower bar when they also work at the same organization.
SAME_ORG_THRESHOLD = 75
#: The score of a one-word name proposed with the one person of that first name.
FIRST_NAME_SCORE = 80
#: The score of a name proposed with the same name written with a middle name.
MIDDLE_NAME_SCORE = 90
#: The score of a name with an initial for the last ("Mira H.", as mail often shows it)
#: proposed with the one full name it can be.
INITIAL_SCORE = 85
#: The ``kind`` of a pair the user said are two different people (``dismissed_pair``).
NOT_DUPLICATES = "duplicate"
#: Rows of a block scored at once: a chunk's scores take CHUNK × block size × 4 bytes.
CHUNK = 512
_NAME_MARKS = re.compile(r"[-.\u2010\u2011\u2012\u2013]+")
#: Titles and suffixes a name may be written with or without (not "Md", which in much of
#: South Asia is Mohammad).
_TITLES = frozenset({"dr", "mr", "mrs", "ms", "miss", "mx", "prof", "sir", "dame", "jr", "sr",
                     "phd"})  # fmt: skip

_Entry = tuple[int, str, list[str]]  # (person id, name, words)


def duplicates(ctx: Context, limit: int = 100) -> list[dict[str, Any]]:
    """Pairs that may be the same person, the likeliest first: at most ``limit``."""
    with ctx.db.reading() as session:
        people = session.execute(select(Person.id, Person.display_name)).tuples().all()
        orgs: dict[int, set[str]] = defaultdict(set)
        for pid, org in session.execute(
            select(Position.person_id, Organization.name).join(Organization)
        ):
            orgs[pid].add(org)
        apart = set(
            session.execute(
                select(DismissedPair.person_a_id, DismissedPair.person_b_id).where(
                    DismissedPair.kind == NOT_DUPLICATES
                )
            ).tuples()
        )
    return ranked(people, orgs, apart, limit)


def ranked(
    people: Sequence[tuple[int, str]],
    orgs: dict[int, set[str]],
    apart: set[tuple[int, int]],
    limit: int,
) -> list[dict[str, Any]]:
    """The best ``limit`` pairs of ``people`` (id, name) to propose, given where each works
    (``orgs``) and the pairs kept apart (lower id first)."""
    if limit <= 0:
        return []
    entries = [(pid, name, name_words(name)) for pid, name in people]
    first_words = _first_words(entries)
    best: list[tuple[int, int, int, str]] = []  # the worst kept on top
    with_org = {pid for pid, names in orgs.items() if names}
    for a, b, score in _candidates(entries, with_org, limit + len(apart)):
        key = (min(a[0], b[0]), max(a[0], b[0]))
        if key in apart:
            continue
        judged = _judge(a, b, score, orgs, first_words)
        if judged is None:
            continue
        entry = (round(judged[0]), -key[0], -key[1], judged[1])
        if len(best) < limit:
            heapq.heappush(best, entry)
        elif entry > best[0]:
            heapq.heapreplace(best, entry)
    names = {pid: name for pid, name in people}  # noqa: C416 (rows, not pairs)
    return [
        {"a": {"id": -a, "name": names[-a]}, "b": {"id": -b, "name": names[-b]},
         "score": score, "reason": reason}
        for score, a, b, reason in sorted(best, key=lambda e: (-e[0], -e[1], -e[2]))
    ]  # fmt: skip


def _first_words(entries: list[_Entry]) -> dict[str, int]:
    """How many names of two words or more start with each first word ("mira"), and with
    each first word and the initial of a last name of more than one letter ("mira h")."""
    counts: dict[str, int] = defaultdict(int)
    for _, _, words in entries:
        if len(words) > 1:
            counts[words[0]] += 1
            if len(words[-1]) > 1:
                counts[f"{words[0]} {words[-1][0]}"] += 1
    return counts


def _candidates(
    entries: list[_Entry], with_org: set[int], take: int
) -> Iterator[tuple[_Entry, _Entry, float]]:
    """The pairs worth judging, once each, with their name score: those that share their
    first word (a one-word name, a middle name) whatever their score; and in each block,
    of the pairs compared in it (in the first block the two share), the ``take`` best that
    score at least ``NAME_THRESHOLD`` and those of people with an employer that score at
    least ``SAME_ORG_THRESHOLD`` (they may share it)."""
    from rapidfuzz import fuzz

    blocks: dict[str, list[_Entry]] = defaultdict(list)
    prefixes: dict[int, frozenset[str]] = {}
    full_by_first: dict[str, list[_Entry]] = defaultdict(list)  # names of 2 words or more
    by_ends: dict[tuple[str, str], list[_Entry]] = defaultdict(list)  # first and last word
    for entry in entries:
        words = entry[2]
        # one entry per block: "Anders Andersson" has one prefix for both of its words
        prefixes[entry[0]] = frozenset({words[0][:4], words[-1][:4]} if words else ())
        for prefix in prefixes[entry[0]]:
            blocks[prefix].append(entry)
        if len(words) > 1:
            full_by_first[words[0]].append(entry)
            by_ends[(words[0], words[-1])].append(entry)
    special: list[tuple[_Entry, _Entry]] = []
    for entry in entries:  # a one-word name and the one full name it is the first word of
        fulls = full_by_first.get(entry[2][0], []) if len(entry[2]) == 1 else []
        if len(fulls) == 1:
            special.append((entry, fulls[0]))
        if _is_initialed(entry[2]):  # "Mira H." and the one "Mira H…" there is
            first, initial = entry[2]
            fulls = [f for f in full_by_first.get(first, [])
                     if len(f[2][-1]) > 1 and f[2][-1][0] == initial]  # fmt: skip
            if len(fulls) == 1:
                special.append((entry, fulls[0]))
    for group in by_ends.values():  # the same name, one with a middle name
        special += [(a, b) for i, a in enumerate(group) for b in group[i + 1 :]
                    if _middle_name(a[2], b[2])]  # fmt: skip
    same_first: set[tuple[int, int]] = set()
    for a, b in special:
        same_first.add((min(a[0], b[0]), max(a[0], b[0])))
        yield a, b, fuzz.token_sort_ratio(" ".join(a[2]), " ".join(b[2]))
    codes = {words: n for n, words in enumerate(set(prefixes.values()))}
    for prefix, members in blocks.items():
        if len(members) > 1:
            for a, b, score in _scored(prefix, members, prefixes, codes, with_org, take):
                if (min(a[0], b[0]), max(a[0], b[0])) not in same_first:
                    yield a, b, score


def _scored(
    prefix: str,
    members: list[_Entry],
    prefixes: dict[int, frozenset[str]],
    codes: dict[frozenset[str], int],
    with_org: set[int],
    take: int,
) -> Iterator[tuple[_Entry, _Entry, float]]:
    """The pairs of one block that may be proposed, scored by rapidfuzz a chunk of rows at
    a time and picked with numpy: only those pass into Python."""
    import numpy as np
    from rapidfuzz import fuzz, process

    texts = [" ".join(words) for _, _, words in members]
    ids = np.array([pid for pid, _, _ in members])
    code = np.array([codes[prefixes[pid]] for pid, _, _ in members])
    # a pair of people with the same two prefixes is in two blocks: compared in the first
    later = np.array([len(prefixes[p]) == 2 and prefix != min(prefixes[p]) for p in ids])
    org = np.array([pid in with_org for pid, _, _ in members])
    columns = np.arange(len(members))
    for start in range(0, len(members), CHUNK):
        scores = process.cdist(
            texts[start : start + CHUNK], texts, scorer=fuzz.token_sort_ratio,
            score_cutoff=SAME_ORG_THRESHOLD, dtype=np.float32,
        )  # fmt: skip
        rows = np.arange(start, start + len(scores))
        keep = (scores > 0) & (columns[None, :] > rows[:, None])  # each pair once
        keep &= ~((code[rows][:, None] == code[None, :]) & later[rows][:, None])
        named = keep & (scores >= NAME_THRESHOLD)
        r, c = np.nonzero(named)
        if len(r) > take:  # the best of them: highest score, then lowest ids
            low, high = np.minimum(ids[rows[r]], ids[c]), np.maximum(ids[rows[r]], ids[c])
            order = np.lexsort((high, low, -np.round(scores[r, c])))[:take]  # as they rank
            r, c = r[order], c[order]
        at_work = keep & ~named & org[rows][:, None] & org[None, :]
        r2, c2 = np.nonzero(at_work)
        for i, j in zip(np.concatenate((r, r2)), np.concatenate((c, c2)), strict=True):
            yield members[start + int(i)], members[int(j)], float(scores[i, j])


def _judge(
    a: _Entry,
    b: _Entry,
    score: float,
    orgs: dict[int, set[str]],
    first_words: dict[str, int],
) -> tuple[float, str] | None:
    """The score and reason a pair is proposed with, or ``None``."""
    shared = sorted(orgs[a[0]] & orgs[b[0]])
    given = _given_name_of(a[1], b[1], first_words)
    initialed = _initial_of(a, b, first_words)
    if given is not None:
        score, reason = max(score, FIRST_NAME_SCORE), given
    elif initialed is not None:
        score, reason = max(score, INITIAL_SCORE), initialed
    elif _middle_name(a[2], b[2]):
        score, reason = max(score, MIDDLE_NAME_SCORE), "the same name, one with more"
    elif score >= NAME_THRESHOLD or (shared and score >= SAME_ORG_THRESHOLD):
        reason = f"names {score:.0f}% alike"
    else:
        return None
    if shared:
        return score, f"{reason}; both at {shared[0]}"
    if orgs[a[0]] and orgs[b[0]]:  # a job changed, or two people: for the user to judge
        first, second = sorted((a[0], b[0]))  # as the pair is shown
        return score, f"{reason}; one at {min(orgs[first])}, one at {min(orgs[second])}"
    return score, reason


def name_words(name: str) -> list[str]:
    """The words a name is compared by: folded, hyphens and dots as spaces ("Anne-Marie"
    is "Anne Marie"), titles left out ("Dr. Ada Lovelace" is "Ada Lovelace")."""
    words = _NAME_MARKS.sub(" ", fold(name)).split()
    kept = [w for w in words if w not in _TITLES]
    return kept or words


def _middle_name(a: list[str], b: list[str]) -> bool:
    """Whether one name is the other with words more in the middle ("Grace Hopper" and
    "Grace Murray Hopper"): same first and last words, the shorter's all in the longer."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return (
        len(short) >= 2 and len(long) > len(short) and short[0] == long[0]
        and short[-1] == long[-1] and set(short) <= set(long)
    )  # fmt: skip


def _is_initialed(words: list[str]) -> bool:
    """Whether a name is a first name and the initial of the last ("mira h")."""
    return len(words) == 2 and len(words[1]) == 1 and len(words[0]) > 1


def _initial_of(a: _Entry, b: _Entry, first_words: dict[str, int]) -> str | None:
    """The reason to propose a name with an initial for the last ("Mira H.") with the one
    full name it can be ("Mira Halvorsen"); ``None`` otherwise, and when several can."""
    short, full = (a, b) if _is_initialed(a[2]) else (b, a)
    if not _is_initialed(short[2]) or len(full[2]) < 2 or len(full[2][-1]) < 2:
        return None
    first, initial = short[2]
    if full[2][0] != first or full[2][-1][0] != initial:
        return None
    if first_words.get(f"{first} {initial}", 0) != 1:
        return None
    return f"the last name as an initial, {full[1]}'s"


def _given_name_of(a: str, b: str, first_words: dict[str, int]) -> str | None:
    """The reason to propose a one-word name ("linus", typed in a hurry at an event) with
    the one person whose first name it is ("Linus Torvalds"); ``None`` otherwise, and when
    several people have that first name (which of them it is cannot be guessed)."""
    words_a, words_b = fold(a).split(), fold(b).split()
    short, full = (words_a, b) if len(words_a) == 1 else (words_b, a)
    longer = words_b if short is words_a else words_a
    if len(short) != 1 or len(longer) < 2 or short[0] != longer[0]:
        return None
    if first_words.get(short[0], 0) != 1:
        return None
    return f"only a first name, {full}'s"
