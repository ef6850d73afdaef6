"""The Introductions page's steps in words: each step's button naming whom it is about.

Two steps in a row ask, or hear from, a different side: "Asked Quang", then "Asked Zed".
Sides are called by the first word of their given names ("Zed" for Zed Q. Tester, "Guido"
for Guido van Rossum), or by their full names when both would be called the same.
"""

from __future__ import annotations

from typing import Any


def short_names(intro: dict[str, Any]) -> tuple[str, str]:
    """What to call A and B on the page: their given names' first words, unless those are
    the same."""
    a, b = (str(intro[f"{side}_given"]).split()[0] for side in ("a", "b"))
    return (a, b) if a.casefold() != b.casefold() else (intro["a"], intro["b"])


def buttons(intro: dict[str, Any]) -> list[tuple[str, str]]:
    """Each step the introduction can take now, with its button's words (``(action, words)``)."""
    a, b = short_names(intro)
    state = intro["state"]
    asked = {"asked_a": a, "asked_b": b}.get(state)
    words = {
        "ask": f"Asked {b if state == 'a_agreed' else a}",
        "agree": f"{asked} agreed",
        "introduce": f"Introduced {a} and {b}",
        "decline": f"{asked} declined" if asked else "Declined by you",
        "tell": f"Told {a}",
    }
    return [(act, words[act]) for act in intro["actions"]]
