"""How two names may be one person's, for the duplicates search (``services/duplicates.py``):
the words a name is compared by, its score against another, and the pairs proposed whatever
their score (a one-word name, a middle name, an initial for the last name, a short form of
the given name), each with the reason said for it."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from netweave.logic.nicknames import nickname_pairs, one_given_name
from netweave.logic.normalize import fold

#: More people than this with the same first and last word are a crowd: of them, only those
#: at the same employer are proposed.
CROWD = 50
_NAME_MARKS = re.compile(r"[-.\u2010\u2011\u2012\u2013]+")
#: Titles and suffixes a name may be written with or without (not "Md", which in much of
#: South Asia is Mohammad).
_TITLES = frozenset({"dr", "mr", "mrs", "ms", "miss", "mx", "prof", "sir", "dame", "jr", "sr",
                     "phd"})  # fmt: skip

Entry = tuple[int, str, list[str]]  # (person id, name, words)


def first_words(entries: list[Entry]) -> dict[str, int]:
    """How many names of two words or more start with each first word ("mira"), and with
    each first word and the initial of a last name of more than one letter ("mira h")."""
    counts: dict[str, int] = defaultdict(int)
    for _, _, words in entries:
        if len(words) > 1:
            counts[words[0]] += 1
            if len(words[-1]) > 1:
                counts[f"{words[0]} {words[-1][0]}"] += 1
    return counts


def special(entries: list[Entry]) -> Iterator[tuple[Entry, Entry]]:
    """The pairs proposed whatever their score, which share their first word: a one-word
    name and the one full name it is the first word of, a name with an initial for the
    last and the one full name it can be, the same name with a middle name."""
    full_by_first: dict[str, list[Entry]] = defaultdict(list)  # names of 2 words or more
    by_initial: dict[tuple[str, str], list[Entry]] = defaultdict(list)  # "mira h…"
    by_ends: dict[tuple[str, str], list[Entry]] = defaultdict(list)  # first and last word
    for entry in entries:
        words = entry[2]
        if len(words) > 1:
            full_by_first[words[0]].append(entry)
            by_ends[(words[0], words[-1])].append(entry)
            if len(words[-1]) > 1:
                by_initial[(words[0], words[-1][0])].append(entry)
    for entry in entries:
        fulls = full_by_first.get(entry[2][0], []) if len(entry[2]) == 1 else []
        if len(fulls) == 1:
            yield entry, fulls[0]
        if _is_initialed(entry[2]):  # "Mira H." and the one "Mira H…" there is
            fulls = by_initial.get((entry[2][0], entry[2][1]), [])
            if len(fulls) == 1:
                yield entry, fulls[0]
    for group in by_ends.values():  # at most CROWD names: crowds are left out
        yield from ((a, b) for i, a in enumerate(group) for b in group[i + 1 :]
                    if middle_name(a[2], b[2]))  # fmt: skip
    by_id = {entry[0]: entry for entry in entries}
    for a, b in nickname_pairs(((e[0], e[2]) for e in entries), CROWD):
        yield by_id[a], by_id[b]


def score(a: Entry, b: Entry) -> float:
    from rapidfuzz import fuzz

    return fuzz.token_sort_ratio(" ".join(a[2]), " ".join(b[2]))


def name_words(name: str) -> list[str]:
    """The words a name is compared by: folded, hyphens and dots as spaces ("Anne-Marie"
    is "Anne Marie"), titles left out ("Dr. Ada Lovelace" is "Ada Lovelace")."""
    words = _NAME_MARKS.sub(" ", fold(name)).split()
    kept = [w for w in words if w not in _TITLES]
    return kept or words


def middle_name(a: list[str], b: list[str]) -> bool:
    """Whether one name is the other with words more in the middle ("Grace Hopper" and
    "Grace Murray Hopper"): same first and last words, the shorter's all in the longer."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return (
        len(short) >= 2 and len(long) > len(short) and short[0] == long[0]
        and short[-1] == long[-1] and set(short) <= set(long)
    )  # fmt: skip


def nickname(a: list[str], b: list[str]) -> bool:
    """Whether two names are one written with a short form of the other's given name
    ("Kate O'Brien", "Katherine O'Brien"): the same last word, one given name."""
    return len(a) >= 2 and len(b) >= 2 and a[-1] == b[-1] and one_given_name(a[0], b[0])


def _is_initialed(words: list[str]) -> bool:
    """Whether a name is a first name and the initial of the last ("mira h")."""
    return len(words) == 2 and len(words[1]) == 1 and len(words[0]) > 1


def initial_of(a: Entry, b: Entry, first_words: dict[str, int]) -> str | None:
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


def given_name_of(a: str, b: str, first_words: dict[str, int]) -> str | None:
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
