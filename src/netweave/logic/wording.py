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


def looking_for(needs: list[str]) -> str:
    """What someone is looking for, as a clause: "they are looking for a co-founder; office
    space". A need written "Looking for …" loses those words; one that starts as a sentence
    does ("Advice on relocating") follows a colon rather than being lower-cased, which
    would spoil a name ("Berlin", "Python")."""
    items = [n[len("looking for ") :] if n.lower().startswith("looking for ") else n for n in needs]
    text = "; ".join(item.strip() for item in items)
    first = text.split(" ", 1)[0]
    if first[:1].isupper() and not first.isupper():
        return f"they are looking for: {text}"
    return f"they are looking for {text}"
