""" "Did you mean …?" for a mistyped command: the commands the typo begins, else the
nearest by edit distance (a swap of two letters counts as one edit)."""

from __future__ import annotations

import re
from collections.abc import Iterable

#: Click's line for an unknown command, and the suggestion Typer may have added to it.
_NO_SUCH = re.compile(r"^No such command (?P<q>['\"])(?P<typo>.*?)(?P=q)\.?")
#: At most this many commands are suggested.
MOST = 3


def suggestions(typo: str, names: Iterable[str]) -> list[str]:
    """The commands ``typo`` most likely meant: those it is the start of (``peopl``:
    people), else those fewest edits away, if few enough for the length (``tody``: today)."""
    names = sorted(set(names))
    typed = typo.lower()
    if not typed:
        return []
    started = [n for n in names if n.startswith(typed)]
    if started:
        return started[:MOST]
    distances = {n: edits(typed, n) for n in names}
    best = min(distances.values(), default=0)
    if not distances or best > max(1, len(typed) // 2):
        return []
    return [n for n in names if distances[n] == best][:MOST]


def edits(a: str, b: str) -> int:
    """Letters inserted, deleted, replaced or swapped with the next to make ``b`` of ``a``."""
    rows = [list(range(len(b) + 1))]
    for i, x in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, y in enumerate(b, 1):
            row[j] = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + (x != y))
            if i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y:
                row[j] = min(row[j], rows[-2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


def with_suggestion(message: str, names: Iterable[str]) -> str:
    """Click's "No such command" line with the suggestion of :func:`suggestions` in place
    of the one Typer made (from the commands loaded so far only); other lines as they are."""
    found = _NO_SUCH.match(message)
    if found is None:
        return message
    line = found.group(0).rstrip(".") + "."
    meant = suggestions(found.group("typo"), names)
    if meant:
        line += f" Did you mean {', '.join(repr(n) for n in meant)}?"
    return line
