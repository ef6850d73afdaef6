"""What is wrong with a backup table's list of columns, said of the columns themselves."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def column_fault(given: Any, expected: Sequence[str]) -> str | None:
    """None when ``given`` holds the columns ``expected``, in any order; else what differs:
    the columns missing, those it does not have, those given twice."""
    if not isinstance(given, list):
        return f'"columns" should be a list of its column names, not {given!r:.80}'
    names = [name if isinstance(name, str) else repr(name) for name in given]
    missing = [name for name in expected if name not in names]
    extra = [name for name in names if name not in expected]
    twice = sorted({name for name in names if name in expected and names.count(name) > 1})
    faults = []
    if missing:
        faults.append(f"{_columns(missing)} {'is' if len(missing) == 1 else 'are'} missing")
    if extra:
        faults.append(
            f"{_columns(extra)} {'is' if len(extra) == 1 else 'are'} not among its columns"
        )
    if twice:
        faults.append(f"{_columns(twice)} {'is' if len(twice) == 1 else 'are'} given twice")
    return "; ".join(faults) or None


def _columns(names: list[str]) -> str:
    return f"column{'s' if len(names) > 1 else ''} {', '.join(names)}"
