"""Finding a record by the name a user typed: exact, then whole words, then word prefixes,
then fuzzy."""

from __future__ import annotations

from collections.abc import Sequence

from netweave.logic.normalize import fold

#: Minimum rapidfuzz WRatio for a typo-tolerant match.
FUZZY_CUTOFF = 86
MAX_CANDIDATES = 8


def match_names(query: str, names: Sequence[str]) -> list[int]:
    """Indices of ``names`` that ``query`` designates, from the most precise rule that matches.

    One index means a unique match; several mean the query is ambiguous; none, no match.
    """
    wanted = fold(query).split()
    if not wanted:
        return []
    folded = [fold(n).split() for n in names]
    exact = [i for i, words in enumerate(folded) if words == wanted]
    if exact:
        return exact
    whole = [i for i, words in enumerate(folded) if _prefixes(wanted, words, whole=True)]
    if whole:  # "ada" is Ada Lovelace rather than Eve Adams
        return whole
    prefix = [i for i, words in enumerate(folded) if _prefixes(wanted, words)]
    if prefix:
        return prefix
    return _fuzzy(" ".join(wanted), [" ".join(w) for w in folded])


def _prefixes(wanted: list[str], words: list[str], *, whole: bool = False) -> bool:
    """Every typed word starts (``whole``: is) a distinct word of the name, in order
    (``"ada love"``)."""
    position = 0
    for part in wanted:
        while position < len(words) and not (
            words[position] == part if whole else words[position].startswith(part)
        ):
            position += 1
        if position == len(words):
            return False
        position += 1
    return True


def _fuzzy(query: str, choices: list[str]) -> list[int]:
    from rapidfuzz import fuzz, process

    hits = process.extract(
        query, choices, scorer=fuzz.WRatio, score_cutoff=FUZZY_CUTOFF, limit=None
    )
    if not hits:
        return []
    best = hits[0][1]
    return [index for _, score, index in hits if score >= best - 3][:MAX_CANDIDATES]
