"""Counts as people read them: "1 day", "3 days", "once" — one place for every plural."""

from __future__ import annotations


def count(n: int, noun: str, plural: str | None = None) -> str:
    """``n`` and the noun, singular for exactly one: ``1 day``, ``0 days``, ``2 days``."""
    return f"{n} {noun}" if n == 1 else f"{n} {plural or noun + 's'}"


def days(n: int) -> str:
    """A number of days: ``1 day``, ``7 days``."""
    return count(n, "day")


def times(n: int) -> str:
    """How often: ``once``, ``2 times`` (and ``0 times``)."""
    return "once" if n == 1 else f"{n} times"
