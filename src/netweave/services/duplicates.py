"""Duplicate people proposed for a merge: similar names, more so at the same organization.

People are compared within blocks (those whose first or last name starts with the same
four letters), each block's names scored against each other by rapidfuzz in one call
(``process.cdist``, in chunks of rows so that memory stays bounded), and only the pairs
scoring above the lowest bar are looked at in Python. Four kinds of pair are proposed
whatever their score: a one-word name with the one person of that first name, a name with
the same name written with a middle name, a name with an initial for the last ("Mira
H.", as mail shows it) with the one full name it can be, and a name with the same name
written with a short form of its given name ("Kate" and "Katherine O'Brien",
``logic/nicknames.py``); they are looked up by their words rather than scored. Names
alike whose given names are a man's and a woman's ("Alexandra" and "Alexander") score at
most ``GENDERED_SCORE``, below those four kinds, in a block's chunk as in the end. Only the
best ``limit`` pairs are kept as they come: memory grows with the largest block (a chunk of
its rows against all of it), not with the pairs that look alike.

Pairs of the same name (the same words, in any order) at the same employer score 100 and
rank first of all: they are looked up by name and employer, without scoring, the lowest ids
first. Once as many are kept as asked for, no other pair can rank as high (a pair of names
that differ scores under 99.5, unless they are 100 letters long), so no names are compared
at all: a large network with many such pairs answers at once.

The work is bounded whatever the names. More than ``CROWD`` people with the same first and
last word (thousands of "John Smith"s) are a crowd: every pair of them would score alike, so
only those at the same employer are proposed, and the crowd is reported. And blocks are
compared pair by pair, the smallest first, only while their pairs stay within ``WORK``
scores; each larger one compares a name with the ``WINDOW`` names after it in the order of
their sorted words (names written alike sort close), and is reported too. Networks of
ordinary names have neither, and every pair that shares a block is scored.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from sqlalchemy import select

from netweave.logic.employer import is_employer
from netweave.logic.nicknames import gendered_forms, gendered_pairs
from netweave.logic.normalize import fold
from netweave.services.collector import fewer_collections
from netweave.services.context import Context
from netweave.services.duplicate_names import (
    CROWD,
    name_words,
)
from netweave.services.duplicate_names import Entry as _Entry
from netweave.services.duplicate_names import first_words as _first_words
from netweave.services.duplicate_names import given_name_of as _given_name_of
from netweave.services.duplicate_names import initial_of as _initial_of
from netweave.services.duplicate_names import middle_name as _middle_name
from netweave.services.duplicate_names import nickname as _nickname
from netweave.services.duplicate_names import score as _score
from netweave.services.duplicate_names import special as _special
from netweave.store import tables

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
#: The score of a name proposed with the same name written with a short form of its given
#: name ("Kate O'Brien" and "Katherine O'Brien"; ``logic/nicknames.py``).
NICKNAME_SCORE = 82
#: The most a pair of names alike scores when their given names are a man's and a woman's
#: form of one stem ("Alexandra Smith" and "Alexander Smith"; ``gendered_forms``): likely
#: two people (a sister and a brother), so below every pair proposed for a reason above.
GENDERED_SCORE = 79
#: The ``kind`` of a pair the user said are two different people (``dismissed_pair``).
NOT_DUPLICATES = "duplicate"
#: Rows of a block scored at once: a chunk's scores take CHUNK × block size × 4 bytes.
CHUNK = 512
#: Scores the blocks compared pair by pair may take together (a block of n names takes n²):
#: beyond it, the largest blocks compare each name with its nearest ``WINDOW`` only.
WORK = 40_000_000
#: How many names after it (in the order of their sorted words) a name of a block too large
#: to compare pair by pair is compared with.
WINDOW = 100
#: Pairs of a block's last score kept beside its best ``take``, as many times as those.
TIES = 10
#: The employers of a person compared in numpy; a person with more is judged in Python.
EMPLOYERS = 4
_Pair = tuple[_Entry, _Entry, float]  # two people and their name score


@dataclass
class Found:
    """The pairs proposed, the likeliest first, and what was not compared pair by pair."""

    pairs: list[dict[str, Any]]
    #: Crowds, the largest first: ``{name, people}`` (the name of the one with the lowest id).
    crowds: list[dict[str, Any]] = field(default_factory=list)
    #: Blocks whose names were compared with their nearest ``WINDOW`` only: ``{prefix, people}``.
    narrowed: list[dict[str, Any]] = field(default_factory=list)
    #: Name scores computed: the work done.
    compared: int = 0


def duplicates(ctx: Context, limit: int = 100) -> list[dict[str, Any]]:
    """Pairs that may be the same person, the likeliest first: at most ``limit``."""
    return find(ctx, limit).pairs


def find(ctx: Context, limit: int = 100) -> Found:
    """The best ``limit`` pairs that may be the same person, with the crowds and the blocks
    that were too large to compare pair by pair."""
    # each person's name, words and employers are held until the end: the collector need not
    # walk them again and again (a third of the time it took on 100,000 people)
    with fewer_collections():
        people, orgs, apart, profiles, current = _network(ctx)
        return search(people, orgs, apart, limit, profiles, current)


_Network = tuple[
    Sequence[tuple[int, str]],
    dict[int, set[str]],
    set[tuple[int, int]],
    dict[int, set[str]],
    dict[int, str],
]


def _network(ctx: Context) -> _Network:
    """What ``search`` weighs: names, employers (all, and the current one), pairs kept
    apart and LinkedIn profiles."""
    person, position, organization = tables.person.c, tables.position.c, tables.organization.c
    dismissed, contact = tables.dismissed_pair.c, tables.contact_point.c
    # plain rows, employers by number (no join): a hundred thousand people load in a blink
    with ctx.db.rows() as conn:
        people = conn.execute(select(person.id, person.display_name)).tuples().all()
        everyone = conn.execute(select(organization.id, organization.name)).tuples().all()
        names = {org: name for org, name in everyone if is_employer(name)}  # not "Freelance"
        orgs: dict[int, set[str]] = defaultdict(set)
        current: dict[int, str] = {}
        for pid, org, now in conn.execute(
            select(position.person_id, position.organization_id, position.current)
        ).all():
            if org not in names:
                continue
            orgs[pid].add(names[org])
            if now:
                current[pid] = min(current.get(pid, names[org]), names[org])
        apart = set(
            conn.execute(
                select(dismissed.person_a_id, dismissed.person_b_id).where(
                    dismissed.kind == NOT_DUPLICATES
                )
            ).tuples()
        )
        profiles: dict[int, set[str]] = defaultdict(set)
        for pid, profile in conn.execute(
            select(contact.person_id, contact.normalized).where(contact.kind == "linkedin")
        ).all():
            profiles[pid].add(profile)
    return people, orgs, apart, profiles, current


def ranked(
    people: Sequence[tuple[int, str]],
    orgs: dict[int, set[str]],
    apart: set[tuple[int, int]],
    limit: int,
) -> list[dict[str, Any]]:
    """The best ``limit`` pairs of ``people`` (id, name) to propose, given where each works
    (``orgs``) and the pairs kept apart (lower id first)."""
    return search(people, orgs, apart, limit).pairs


def search(
    people: Sequence[tuple[int, str]],
    orgs: dict[int, set[str]],
    apart: set[tuple[int, int]],
    limit: int,
    profiles: dict[int, set[str]] | None = None,
    current: dict[int, str] | None = None,
) -> Found:
    """What ``ranked`` finds, with the crowds, the blocks narrowed and the work done. Two
    people with LinkedIn profiles, none the same (``profiles``), are two people: never
    proposed. Of a score, a pair at one employer comes first, one at two employers last.
    ``current``: each one's employer now, which the reason names before a past one."""
    if limit <= 0:
        return Found([])
    profiles = profiles or {}
    words_of: dict[str, list[str]] = {}  # a name's words, worked out once per name
    entries = [(pid, name, words_of.get(name) or words_of.setdefault(name, name_words(name)))
               for pid, name in people]  # fmt: skip
    first_words = _first_words(entries)
    best: list[tuple[int, int, bool, int, int, str]] = []  # the worst kept on top
    finder = _Finder(entries, orgs, limit + len(apart))
    for a, b, score in finder.candidates():
        key = (min(a[0], b[0]), max(a[0], b[0]))
        if key in apart or _two_profiles(profiles, a[0], b[0]):
            continue
        judged = _judge(a, b, score, orgs, first_words, current)
        if judged is None:
            continue
        # of a score, a pair of a crowd after the others: its names tell it apart least
        alone = finder.crowd_of.get(key[0], -1) != finder.crowd_of.get(key[1], -2)
        entry = (round(judged[0]), _employer_evidence(orgs, a[0], b[0]), alone, -key[0], -key[1],
                 judged[1])  # fmt: skip
        if len(best) < limit:
            heapq.heappush(best, entry)
        elif entry > best[0]:
            heapq.heapreplace(best, entry)
        if len(best) == limit:  # a pair ranking below the worst kept cannot come in
            finder.worst = best[0][:2]
    names = {pid: name for pid, name in people}  # noqa: C416 (rows, not pairs)
    pairs = [
        {"a": {"id": -a, "name": names[-a]}, "b": {"id": -b, "name": names[-b]},
         "score": score, "reason": reason}
        for score, _, _, a, b, reason in sorted(best, key=_shown_order)
    ]  # fmt: skip
    crowds = [{"name": crowd[0][1], "people": len(crowd)}
              for crowd in sorted(finder.crowds, key=lambda c: (-len(c), c[0][1]))]  # fmt: skip
    return Found(pairs, crowds, finder.narrowed, finder.compared)


def _shown_order(entry: tuple[int, int, bool, int, int, str]) -> tuple[int, int, bool, int, int]:
    """The likeliest first: by score, what the employers say, a crowd's last, lowest ids."""
    score, employers, alone, a, b, _ = entry
    return -score, -employers, not alone, -a, -b


def _two_profiles(profiles: dict[int, set[str]], a: int, b: int) -> bool:
    """Whether two people have LinkedIn profiles and none is the same: two people."""
    mine, theirs = profiles.get(a), profiles.get(b)
    return bool(mine and theirs and mine.isdisjoint(theirs))


def _employer_evidence(orgs: dict[int, set[str]], a: int, b: int) -> int:
    """What the employers say of a pair: 2 one they share, 0 none shared (each has some:
    two people, or a job changed), 1 nothing (one or both with none)."""
    if orgs.get(a) and orgs.get(b):
        return 2 if orgs[a] & orgs[b] else 0
    return 1


def _crowds(entries: list[_Entry]) -> list[list[_Entry]]:
    """The crowds: more than ``CROWD`` people of the same first and last word, by id."""
    groups: dict[tuple[str, str], list[_Entry]] = defaultdict(list)
    for entry in entries:
        if entry[2]:
            groups[(entry[2][0], entry[2][-1])].append(entry)
    return [sorted(group) for group in groups.values() if len(group) > CROWD]


class _Finder:
    """The pairs worth judging, once each, with their name score: the same name at the same
    employer (while they can come in), those ``_special`` finds, those of a crowd at the same
    employer, and in each block the ``take`` best of a chunk that score at least
    ``NAME_THRESHOLD`` and the ``take`` best that score at least ``SAME_ORG_THRESHOLD`` at the
    same employer. It counts the scores it computes."""

    def __init__(self, entries: list[_Entry], orgs: dict[int, set[str]], take: int) -> None:
        self.orgs, self.take = orgs, take
        self.crowds = _crowds(entries)
        self.crowd_of = {entry[0]: n for n, crowd in enumerate(self.crowds) for entry in crowd}
        crowded = {entry[0] for crowd in self.crowds for entry in crowd[1:]}
        self.entries = [entry for entry in entries if entry[0] not in crowded]
        self.seen: set[tuple[int, int]] = set()
        self.narrowed: list[dict[str, Any]] = []
        self.compared = 0
        #: The score and what the employers say (``_employer_evidence``) of the worst pair
        #: kept, once as many are kept as asked for: a pair must round to its score, at least,
        #: to be worth yielding now.
        self.worst: tuple[int, int] | None = None
        self.texts = {entry[0]: " ".join(sorted(entry[2])) for entry in self.entries}
        self.longest = max(map(len, self.texts.values()), default=0)
        names = sorted({org for pid in orgs for org in orgs[pid]})
        self.org_codes = {org: n for n, org in enumerate(names)}

    def candidates(self) -> Iterator[_Pair]:
        yield from self._same_at_work()
        for a, b in () if self._settled(self.longest) else _special(self.entries):
            if self._new(a, b):
                yield a, b, _score(a, b)
        for crowd in self.crowds:  # its rest compared with the others through the first
            for a, b in self._at_work(crowd):
                if self._new(a, b):
                    yield a, b, _score(a, b)
        yield from self._blocks()

    def _same_at_work(self) -> Iterator[_Pair]:
        """The people of one name (the same words, in any order) at one employer, each pair
        once, the lowest ids first, until as many pairs are kept as asked for. They score 100
        and rank first of all (a crowd's after them, and the crowds are not here): those after
        the last kept rank below every pair kept."""
        named: dict[str, list[int]] = defaultdict(list)
        for pid, _, words in self.entries:
            if words and pid in self.orgs:
                named[self.texts[pid]].append(pid)
        pairs: set[tuple[int, int]] = set()
        for people in named.values():
            staff: dict[str, list[int]] = defaultdict(list)
            for pid in people if len(people) > 1 else ():
                for org in self.orgs[pid]:
                    staff[org].append(pid)
            pairs.update((min(a, b), max(a, b)) for same in staff.values() if len(same) > 1
                         for n, a in enumerate(same) for b in same[n + 1 :])  # fmt: skip
        by_id = {entry[0]: entry for entry in self.entries}
        for a, b in sorted(pairs):
            if self.worst is not None:
                return
            if self._new(by_id[a], by_id[b]):
                yield by_id[a], by_id[b], 100.0

    def _settled(self, longest: int) -> bool:
        """Whether, of names no longer than ``longest``, only the same name at the same
        employer could still come in, and ``_same_at_work`` yielded all of those that can: a
        score rounds to 100 only from 99.5, which two names differing by a letter reach only
        when they have 200 letters between them."""
        return self.worst is not None and self.worst >= (100, 2) and 2 * longest < 200

    def _new(self, a: _Entry, b: _Entry) -> bool:
        key = (min(a[0], b[0]), max(a[0], b[0]))
        if key in self.seen:
            return False
        self.seen.add(key)
        return True

    def _at_work(self, crowd: list[_Entry]) -> list[tuple[_Entry, _Entry]]:
        """The people of a crowd at the same employer, each with the next one there: the
        ``take`` best (the same words score 100, ties go to the lowest ids)."""
        staff: dict[str, list[_Entry]] = defaultdict(list)
        for entry in crowd:
            for org in self.orgs.get(entry[0], ()):
                staff[org].append(entry)
        pairs = [pair for people in staff.values() for pair in pairwise(people)]
        pairs.sort(key=lambda p: (p[0][2] != p[1][2], p[0][0], p[1][0]))
        return pairs[: self.take]

    def _blocks(self) -> Iterator[_Pair]:
        prefixes: dict[int, frozenset[str]] = {}
        of_name: dict[str, frozenset[str]] = {}
        for pid, name, words in self.entries:
            found = of_name.get(name)
            if found is None:
                # one entry per block: "Anders Andersson" has one prefix for both of its words
                found = frozenset({words[0][:4], words[-1][:4]} if words else ())
                of_name[name] = found
            prefixes[pid] = found
        narrow = self._narrow(Counter(prefix for found in prefixes.values() for prefix in found))
        if self._settled(self.longest):  # no pair left to find by comparing names
            return
        blocks: dict[str, list[_Entry]] = defaultdict(list)
        for entry in self.entries:
            for prefix in prefixes[entry[0]]:
                blocks[prefix].append(entry)
        codes = {words: n for n, words in enumerate(set(prefixes.values()))}
        for prefix, members in blocks.items():
            if len(members) > 1 and not self._settled(max(len(self.texts[e[0]]) for e in members)):
                block = _Block(prefix, members, prefixes, codes, narrow)
                for a, b, score in self._scored(block):
                    if self._new(a, b):
                        yield a, b, score

    def _narrow(self, sizes: dict[str, int]) -> set[str]:
        """The blocks (by prefix, with their sizes) compared by nearest names: the largest,
        past ``WORK``."""
        spent, narrow = 0, set()
        for prefix, size in sorted(sizes.items(), key=lambda b: (b[1], b[0])):
            if size <= WINDOW + 1 or spent + size**2 <= WORK:
                spent += size**2
            else:
                narrow.add(prefix)
                self.narrowed.append({"prefix": prefix, "people": size})
        self.narrowed.sort(key=lambda b: (-b["people"], b["prefix"]))
        return narrow

    def _scored(self, block: _Block) -> Iterator[_Pair]:
        """The pairs of one block that may be proposed, scored by rapidfuzz a chunk of rows
        at a time and picked with numpy: only those pass into Python."""
        import numpy as np
        from rapidfuzz import fuzz, process

        members, size = block.members, len(block.members)
        # the token-sort ratio, its words sorted once rather than at every score
        texts = [self.texts[pid] for pid, _, _ in members]
        jobs = self._employers(members)
        for start in range(0, size, CHUNK):
            stop = min(size, start + CHUNK)
            first, last = (start, min(size, stop + WINDOW)) if block.narrow else (0, size)
            floor = self.worst[0] if self.worst else 0
            lowest = max(SAME_ORG_THRESHOLD, floor - 0.5)  # rounds to the floor
            scores = process.cdist(
                texts[start:stop], texts[first:last], scorer=fuzz.ratio,
                score_cutoff=lowest, dtype=np.float32,
            )  # fmt: skip
            self.compared += scores.size
            rows, columns = np.arange(start, stop)[:, None], np.arange(first, last)[None, :]
            keep = (scores > 0) & (columns > rows)  # each pair once
            if block.narrow:
                keep &= columns <= rows + WINDOW
            keep &= ~((block.code[rows] == block.code[columns]) & block.later[rows])
            named = keep & (scores >= NAME_THRESHOLD)
            r, c = self._best(block, np.nonzero(named), scores, start, first)
            r2, c2 = np.nonzero(keep & ~named & (jobs[rows, 0] >= 0) & (jobs[columns, 0] >= 0))
            shared = _shared(jobs, start + r2, first + c2)
            r2, c2 = self._best(block, (r2[shared], c2[shared]), scores, start, first)
            for i, j in zip(np.concatenate((r, r2)), np.concatenate((c, c2)), strict=True):
                yield members[start + int(i)], members[first + int(j)], float(scores[i, j])

    def _best(self, block: _Block, found: Any, scores: Any, start: int, first: int) -> Any:
        """Of the pairs found in a chunk, the ``take`` best (highest score, then lowest ids),
        and those of the last one's score after them, up to ``TIES`` times as many: what
        the employers say ranks pairs of one score."""
        import numpy as np

        r, c = found
        if len(r) > self.take:
            a, b = block.ids[start + r], block.ids[first + c]
            low, high = np.minimum(a, b), np.maximum(a, b)
            rounded = np.round(scores[r, c])  # as ``_judge`` has them: capped for a man's and
            capped = block.gendered(start + r, first + c)  # a woman's given name
            rounded[capped] = np.minimum(rounded[capped], GENDERED_SCORE)
            order = np.lexsort((high, low, -rounded))
            rest = order[self.take :]
            tied = rest[rounded[rest] == rounded[order[self.take - 1]]][: self.take * TIES]
            order = np.concatenate((order[: self.take], tied))
            r, c = r[order], c[order]
        return r, c

    def _employers(self, members: list[_Entry]) -> Any:
        """Each member's employers as codes, ``EMPLOYERS`` columns (-1: none; one with
        more has -2 last, for Python to judge)."""
        import numpy as np

        jobs = np.full((len(members), EMPLOYERS), -1, dtype=np.int64)
        for n, (pid, _, _) in enumerate(members):
            codes = sorted(self.org_codes[org] for org in self.orgs.get(pid, ()))
            jobs[n, : len(codes)] = codes[:EMPLOYERS]
            if len(codes) > EMPLOYERS:
                jobs[n, -1] = -2
        return jobs


def _shared(jobs: Any, a: Any, b: Any) -> Any:
    """Whether the members at ``a`` and ``b`` may share an employer (one with more than
    ``EMPLOYERS`` may)."""
    left, right = jobs[a][:, :, None], jobs[b][:, None, :]
    same = ((left == right) & (left >= 0)).any(axis=(1, 2))
    return same | (jobs[a, -1] == -2) | (jobs[b, -1] == -2)


class _Block:
    """A block's members (sorted by their sorted words when narrowed), ids, and what tells a
    pair compared in another block first."""

    def __init__(
        self,
        prefix: str,
        members: list[_Entry],
        prefixes: dict[int, frozenset[str]],
        codes: dict[frozenset[str], int],
        narrow: set[str],
    ) -> None:
        import numpy as np

        self.narrow = prefix in narrow
        if self.narrow:  # names written alike sort close
            members = sorted(members, key=lambda e: (sorted(e[2]), e[0]))
        self.members = members
        self.ids = np.array([pid for pid, _, _ in members])
        self.code = np.array([codes[prefixes[pid]] for pid, _, _ in members])
        # a pair of people with the same two prefixes is in two blocks: compared in the
        # first, unless that one was narrowed
        self.later = np.array(
            [len(prefixes[p]) == 2 and prefix != min(prefixes[p]) and min(prefixes[p]) not in narrow
             for p in self.ids]
        )  # fmt: skip
        self._given: Any = None  # each member's given name, by number, once asked for
        self._gendered: Any = None

    def gendered(self, i: Any, j: Any) -> Any:
        """Whether the members at ``i`` and ``j`` (arrays) have a man's and a woman's form of
        one given name (``gendered_forms``)."""
        import numpy as np

        if self._given is None:
            firsts = [words[0] if words else "" for _, _, words in self.members]
            codes = {word: n for n, word in enumerate(sorted(set(firsts)))}
            self._given = np.array([codes[word] for word in firsts], dtype=np.int64)
            pairs = [codes[x] * len(codes) + codes[y] for x, y in gendered_pairs(codes)]
            self._gendered = np.array(sorted(pairs), dtype=np.int64)
        given, base = self._given, int(self._given.max()) + 1  # as many as ``codes``
        return np.isin(given[i] * base + given[j], self._gendered)


def _judge(
    a: _Entry,
    b: _Entry,
    score: float,
    orgs: dict[int, set[str]],
    first_words: dict[str, int],
    current: dict[int, str] | None = None,
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
    elif _nickname(a[2], b[2]):
        score = max(score, NICKNAME_SCORE)
        reason = f"{a[1].split()[0]} and {b[1].split()[0]}: one given name; the same family name"
    elif score >= NAME_THRESHOLD or (shared and score >= SAME_ORG_THRESHOLD):
        reason = f"names {score:.0f}% alike"
        forms = gendered_forms(a[2][0], b[2][0]) if a[2] and b[2] else None
        if forms is not None:
            score = min(score, GENDERED_SCORE)
            man, woman = (_written(forms[0], a, b), _written(forms[1], a, b))
            reason = f"{man} and {woman}: spelled alike, but may be a man's and a woman's name"
    else:
        return None
    if shared:
        return score, f"{reason}; both at {shared[0]}"
    if orgs[a[0]] and orgs[b[0]]:  # a job changed, or two people: for the user to judge
        first, second = sorted((a[0], b[0]))  # as the pair is shown
        return score, f"{reason}; one {_at(first, orgs, current)}, one {_at(second, orgs, current)}"
    return score, reason


def _written(word: str, a: _Entry, b: _Entry) -> str:
    """A folded given name as one of the two names writes it ("Daniéla" for "daniela")."""
    for _, name, _ in (a, b):
        for written in name.split():
            if fold(written) == word:
                return written
    return word.capitalize()


def _at(pid: int, orgs: dict[int, set[str]], current: dict[int, str] | None) -> str:
    """Where someone works, for a pair's reason: now, or else once (``current`` not
    known: at one of their employers)."""
    if current is None:
        return f"at {min(orgs[pid])}"
    now = current.get(pid)
    return f"at {now}" if now else f"once at {min(orgs[pid])}"


def notes(found: Found) -> list[str]:
    """What the search did not compare pair by pair, in sentences for the user."""
    said = [
        f"{crowd['people']:,} people are named {crowd['name']}: only those at the same "
        "employer are proposed as pairs; tell the others apart by email or by where you met them."
        for crowd in found.crowds
    ]
    if found.narrowed:
        groups = [f"{b['people']:,} starting with “{b['prefix']}”" for b in found.narrowed[:3]]
        if len(found.narrowed) > 3:
            groups.append(f"{len(found.narrowed) - 3:,} more groups")
        listed = ", ".join(groups[:-1]) + " and " + groups[-1] if len(groups) > 1 else groups[0]
        said.append(f"Names too many alike to compare every pair ({listed}): each was compared "
                    f"with the {WINDOW} nearest to it in alphabetical order.")  # fmt: skip
    return said
